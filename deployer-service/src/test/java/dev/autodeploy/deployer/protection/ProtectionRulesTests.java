package dev.autodeploy.deployer.protection;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Branch globs and freeze windows, without Spring. */
class ProtectionRulesTests {

    @ParameterizedTest
    @CsvSource({ "main, main, true", "main, mainline, false", "release/*, release/1.0, true",
            "release/*, release/1.0/hotfix, false", "release/**, release/1.0/hotfix, true", "**, feature/a/b, true",
            "v?.x, v1.x, true", "v?.x, v10.x, false", "feat-*, feat-login, true", "release/*, release, false" })
    void branchGlobsMatchAsDocumented(String pattern, String branch, boolean matches) {
        assertThat(BranchPatterns.problem(pattern)).isEmpty();
        assertThat(BranchPatterns.matches(pattern, branch)).isEqualTo(matches);
    }

    @Test
    void patternsThatCanMatchNoBranchAreRefused() {
        for (String bad : List.of("", "a b", "-x", "/main", "main/", "a//b", "a..b", "***", "$(rm)")) {
            assertThat(BranchPatterns.problem(bad)).as(bad).isPresent();
        }
    }

    @Test
    void noPatternsAllowEveryBranchButABareCommitOnlyThen() {
        assertThat(Protection.DEFAULT.branchAllowed(null)).isTrue();
        Protection main = Protection.of(settings(List.of("main"), null, null));
        assertThat(main.branchAllowed("main")).isTrue();
        assertThat(main.branchAllowed(null)).isFalse();
    }

    @Test
    void weeklyWindowsFreezeInTheirZoneAndAcrossMidnight() {
        // Friday 18:00 to Saturday 08:00, Berlin time: across midnight.
        Protection protection = Protection.of(settings(null, null, List.of(new ProtectionApi.RecurringFreezeWindow(
                List.of("FRI"), "18:00", "08:00", "Europe/Berlin", "weekend"))));
        // 2026-12-04 is a Friday; Berlin is UTC+1 in December.
        assertThat(protection.freezeAt(Instant.parse("2026-12-04T16:59:00Z"))).isEmpty();
        assertThat(protection.freezeAt(Instant.parse("2026-12-04T17:00:00Z"))).hasValueSatisfying(freeze ->
                assertThat(freeze.until()).isEqualTo(Instant.parse("2026-12-05T07:00:00Z")));
        assertThat(protection.freezeAt(Instant.parse("2026-12-05T06:30:00Z"))).hasValueSatisfying(freeze ->
                assertThat(freeze.until()).isEqualTo(Instant.parse("2026-12-05T07:00:00Z")));
        assertThat(protection.freezeAt(Instant.parse("2026-12-05T07:00:00Z"))).isEmpty();
        assertThat(protection.freezeAt(Instant.parse("2026-12-06T06:00:00Z"))).as("Sunday morning").isEmpty();
    }

    @Test
    void absoluteWindowsAreHalfOpenAndTheLongestActiveOneWins() {
        Instant start = Instant.parse("2026-12-24T00:00:00Z");
        Protection protection = Protection.of(settings(null, List.of(
                new ProtectionApi.FreezeWindow(start, start.plusSeconds(3600), "one")), List.of(
                new ProtectionApi.RecurringFreezeWindow(List.of("THU"), "00:00", "12:00", "UTC", "two"))));
        assertThat(protection.freezeAt(start.minusSeconds(1))).isEmpty();
        assertThat(protection.freezeAt(start)).hasValueSatisfying(freeze -> assertThat(freeze.reason())
                .isEqualTo("two"));
        assertThat(protection.freezeAt(start.plusSeconds(43200))).isEmpty();
    }

    @Test
    void everyMistakeIsListedAtOnce() {
        assertThatThrownBy(() -> Protection.of(new ProtectionApi.ProtectionSettings(List.of("a b"), "root", -1,
                "viewer", "soon", null, null, null)))
                .isInstanceOfSatisfying(ProtectionProblems.InvalidProtection.class, problem -> assertThat(
                        (List<?>) problem.properties().get("errors")).hasSize(5));
    }

    private static ProtectionApi.ProtectionSettings settings(List<String> branches,
            List<ProtectionApi.FreezeWindow> windows, List<ProtectionApi.RecurringFreezeWindow> weekly) {
        return new ProtectionApi.ProtectionSettings(branches, null, null, null, null, windows, weekly, null);
    }
}
