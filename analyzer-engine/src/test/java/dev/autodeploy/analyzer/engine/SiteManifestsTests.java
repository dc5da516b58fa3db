package dev.autodeploy.analyzer.engine;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SiteManifestsTests {

    @TempDir
    Path repo;

    private final Warnings warnings = new Warnings();
    private final SiteManifests reader = new SiteManifests();

    private RepositoryFiles files() {
        return new RepositoryFiles(repo);
    }

    @Test
    void hugoTomlIsHugoAndNetlifyPinsItsVersion() {
        Analysis analysis = files().write("hugo.toml", "baseURL = 'https://example.org/'\n")
                .write("netlify.toml", "[build.environment]\nHUGO_VERSION = \"0.139.3\"\n").analyze();
        assertThat(analysis.framework().id()).isEqualTo("hugo");
        assertThat(analysis.framework().version()).isEqualTo("0.139.3");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("0.139.3");
    }

    @Test
    void aConfigTomlAloneIsNotAHugoSite() {
        RepositoryTree tree = files().write("config.toml", "title = 'settings'\n").tree();
        assertThat(reader.read(tree, "", warnings)).isEmpty();
    }

    @Test
    void anIndexHtmlBesideAnotherManifestIsThatProjectsPage() {
        Analysis analysis = files().write("package.json", "{\"scripts\": {\"start\": \"node server.js\"}}")
                .write("index.html", "<html></html>").analyze();
        assertThat(analysis.framework().id()).isEqualTo("node");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("npm run start");
    }

    @Test
    void jekyllWithAGemfileRunsThroughBundler() {
        RepositoryTree tree = files().write("_config.yml", "title: Blog\n").write("Gemfile", "gem 'jekyll'\n")
                .write(".ruby-version", "3.3.5\n").tree();
        Manifest manifest = reader.read(tree, "", warnings).orElseThrow();
        assertThat(manifest.placeholders()).containsEntry("jekyll", "bundle exec jekyll");
        assertThat(manifest.installCommand()).isEqualTo("bundle install");
        assertThat(manifest.runtimeVersion()).isEqualTo("3.3.5");
    }

    @Test
    void dockerImageNameIsMadeSafeFromTheDirectory() {
        assertThat(SiteManifests.image("")).isEqualTo("app");
        assertThat(SiteManifests.image("services/Billing API")).isEqualTo("billing-api");
        assertThat(SiteManifests.image("apps/$(rm -rf)")).isEqualTo("rm--rf");
        assertThat(SiteManifests.image("apps/---")).isEqualTo("app");
    }

    @Test
    void dockerfileWithoutExposeHasABuildButNoStartCommand() {
        Analysis analysis = files().write("Dockerfile", "FROM alpine\nCMD [\"echo\", \"hi\"]\n").analyze();
        assertThat(analysis.buildConfiguration().buildCommand()).isEqualTo("docker build -t app .");
        assertThat(analysis.buildConfiguration().startCommand()).isNull();
    }

    @Test
    void aDocsSiteInASubdirectoryIsFoundBesideTheApp() {
        Analysis analysis = files().write("go.mod", "module example.com/tool\n").write("main.go", "package main\n")
                .write("docs/hugo.toml", "title = 'Docs'\n").analyze();
        assertThat(analysis.apps()).extracting(Analysis.App::directory).contains("", "docs");
        assertThat(analysis.apps()).filteredOn(app -> app.directory().equals("docs")).singleElement()
                .extracting(app -> app.framework().id()).isEqualTo("hugo");
    }

    @Test
    void aSpringBootAppBesideADockerfileStaysSpringBoot() {
        Analysis analysis = files().write("pom.xml", """
                <project><artifactId>api</artifactId><version>1</version>
                <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.5</version></parent>
                </project>
                """).write("Dockerfile", "FROM eclipse-temurin:21\nEXPOSE 8080\n").analyze();
        assertThat(analysis.framework().id()).isEqualTo("spring-boot-maven");
        assertThat(analysis.recommendations().provider()).isEqualTo("kubernetes");
    }

    @Test
    void blankLinesDoNotMakeTheLineAnchoredPatternsQuadratic() {
        // No match anywhere, so a pattern starting with ^\\s* would rescan every blank line from every line.
        RepositoryFiles files = files().write("config.toml", "\n".repeat(300_000) + "title = 'x'\n")
                .write("Dockerfile", "\n".repeat(300_000) + "CMD [\"true\"]\n");
        Manifest manifest = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> reader.read(files.tree(), "", warnings).orElseThrow());
        assertThat(manifest.placeholders()).doesNotContainKey("port");
    }
}
