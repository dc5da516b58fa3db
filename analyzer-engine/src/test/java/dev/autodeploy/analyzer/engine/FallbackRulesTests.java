package dev.autodeploy.analyzer.engine;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FallbackRulesTests {

    private static FrameworkRule rule(String id, int priority, List<String> any, List<String> requiredFiles) {
        return new FrameworkRule(id, id, "java", priority, List.of(), any, List.of(), requiredFiles, null, null, null,
                null, null, null);
    }

    @Test
    void aRuleWithOnlyRequiredFilesAtPriorityZeroIsAFallback() {
        assertThat(rule("plain", 0, List.of(), List.of()).fallback()).isTrue();
        assertThat(rule("maven", 0, List.of(), List.of("pom.xml")).fallback()).isTrue();
        assertThat(rule("bun-like", 10, List.of(), List.of("bun.lock")).fallback()).isFalse();
        assertThat(rule("framework", 0, List.of("io.ktor.plugin"), List.of()).fallback()).isFalse();
    }

    @Test
    void theShippedCatalogHasOneFallbackPerBuildToolForTheJvmAndOneForTheOtherNativeEcosystems() {
        List<FrameworkRule> rules = FrameworkCatalog.bundled().rules();
        assertThat(rules.stream().filter(r -> r.ecosystem().equals("java") && r.fallback()).map(FrameworkRule::id))
                .containsExactlyInAnyOrder("maven", "gradle");
        for (String ecosystem : List.of("go", "rust", "deno")) {
            assertThat(rules.stream().filter(r -> r.ecosystem().equals(ecosystem) && r.fallback())).as(ecosystem)
                    .hasSize(1);
        }
        // Sites have no plain rule: a directory is only a site for a reason the reader found.
        assertThat(rules.stream().filter(r -> r.ecosystem().equals("site") && r.fallback())).isEmpty();
        assertThat(rules.stream().filter(r -> r.id().equals("dockerfile")).findFirst().orElseThrow().priority())
                .isGreaterThan(0).isLessThan(30);
    }
}
