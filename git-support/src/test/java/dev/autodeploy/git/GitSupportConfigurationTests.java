package dev.autodeploy.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** What a service gets by depending on git-support: the policy and remotes, bound from the service's configuration. */
class GitSupportConfigurationTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GitSupportConfiguration.class));

    @Test
    void definesThePolicyAndTheRemotesFromTheProperties() {
        context.withPropertyValues("autodeploy.git.work-directory=/var/tmp/clones",
                "autodeploy.git.allow-file-urls=true", "autodeploy.git.allowed-hosts=Git.Corp.Internal")
                .run(started -> {
                    assertThat(started).hasSingleBean(GitUrlPolicy.class).hasSingleBean(GitRemotes.class);
                    GitProperties properties = started.getBean(GitProperties.class);
                    assertThat(properties.workDirectory()).isEqualTo(Path.of("/var/tmp/clones"));
                    assertThat(properties.allowedHosts()).containsExactly("git.corp.internal");
                    assertThat(started.getBean(GitUrlPolicy.class).parse("file:///srv/git/a.git").isFile()).isTrue();
                });
    }

    @Test
    void refusesToStartWithoutAWorkDirectory() {
        context.run(started -> assertThat(started).hasFailed());
    }

    @Test
    void usesTheServicesClock(@TempDir Path clones) throws Exception {
        Files.createDirectories(clones.resolve("clone-left-behind"));
        // A day from now, the directory made a moment ago is stale: only the service's clock can say so.
        Clock tomorrow = Clock.offset(Clock.systemUTC(), Duration.ofDays(1));
        context.withPropertyValues("autodeploy.git.work-directory=" + clones)
                .withBean(Clock.class, () -> tomorrow)
                .run(started -> assertThat(started.getBean(GitRemotes.class).deleteStaleClones(Duration.ofHours(1)))
                        .isEqualTo(1));
        assertThat(clones).isEmptyDirectory();
    }
}
