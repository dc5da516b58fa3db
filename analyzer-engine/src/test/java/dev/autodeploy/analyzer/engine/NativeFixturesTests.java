package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Go, Rust, JVM, Deno and site fixtures (real starters where a package ships one; see each
 * {@code <fixture>.origin.md}) analyzed end to end through {@link RepositoryAnalyzer}.
 */
class NativeFixturesTests {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private final RepositoryAnalyzer analyzer = new RepositoryAnalyzer();

    private Analysis analyze(String fixture) throws IOException {
        Path root = FIXTURES.resolve(fixture);
        assertThat(root).isDirectory();
        return analyzer.analyze(root);
    }

    private static Analysis.App app(Analysis analysis, String directory) {
        return analysis.apps().stream().filter(app -> app.directory().equals(directory)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ Go

    @Test
    void chiExampleFromDebianIsAChiServerBuiltFromTheModuleRoot() throws IOException {
        Analysis analysis = analyze("go-chi-hello");
        assertThat(analysis.framework().id()).isEqualTo("chi");
        assertThat(analysis.framework().name()).isEqualTo("chi");
        assertThat(analysis.framework().version()).isEqualTo("5.0.7");
        assertThat(analysis.language()).isEqualTo("go");
        assertThat(analysis.packageManager()).isEqualTo("go");
        Analysis.BuildConfiguration build = analysis.buildConfiguration();
        assertThat(build.installCommand()).isEqualTo("go mod download");
        assertThat(build.buildCommand()).isEqualTo("go build -o hello-world .");
        assertThat(build.startCommand()).isEqualTo("./hello-world");
        assertThat(build.devCommand()).isEqualTo("go run .");
        assertThat(build.runtime()).isEqualTo("go");
        assertThat(build.runtimeVersion()).isEqualTo("1.19");
        assertThat(analysis.evidence()).contains(
                new Evidence("framework=chi", "go.mod", "dependency github.com/go-chi/chi/v5@v5.0.7"),
                new Evidence("main", "main.go", "package main"),
                new Evidence("runtimeVersion", "go.mod", "go 1.19"));
        assertThat(analysis.warnings()).isEmpty();
    }

    @Test
    void ginWithItsCommandUnderCmdBuildsThatCommandAndTheToolchainPinsGo() throws IOException {
        Analysis analysis = analyze("go-gin-cmd");
        assertThat(analysis.framework().id()).isEqualTo("gin");
        assertThat(analysis.framework().version()).isEqualTo("1.8.1");
        assertThat(analysis.buildConfiguration().buildCommand()).isEqualTo("go build -o api ./cmd/api");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("./api");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("1.22.5");
        assertThat(analysis.evidence()).contains(new Evidence("runtimeVersion", "go.mod", "toolchain go1.22.5"),
                new Evidence("main", "cmd/api/main.go", "the only command"));
        // Indirect requires are kept as production dependencies (they are linked into the binary).
        assertThat(analysis.dependencies().production()).contains("github.com/gin-gonic/gin",
                "github.com/gin-contrib/sse");
        assertThat(analysis.apps()).hasSize(1);
    }

    @Test
    void goWorkspaceListsEveryModuleAndTheEchoApiIsPrimary() throws IOException {
        Analysis analysis = analyze("go-workspace");
        assertThat(analysis.monorepo()).isTrue();
        assertThat(analysis.apps()).extracting(Analysis.App::directory).containsExactly("api", "", "worker");
        assertThat(analysis.framework().id()).isEqualTo("echo");
        assertThat(analysis.framework().version()).isEqualTo("4.2.1");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("./api");

        Analysis.App root = app(analysis, "");
        assertThat(root.role()).isEqualTo("library");
        assertThat(root.buildConfiguration().startCommand()).isNull();

        Analysis.App worker = app(analysis, "worker");
        assertThat(worker.role()).isEqualTo("app");
        assertThat(worker.framework().id()).isEqualTo("go");
        assertThat(worker.buildConfiguration().buildCommand()).isEqualTo("go build -o worker ./cmd/worker");
        assertThat(worker.buildConfiguration().runtimeVersion()).isEqualTo("1.22.5");
        assertThat(worker.evidence()).contains(
                new Evidence("runtimeVersion", "worker/.tool-versions", "golang 1.22.5"));
    }

    @Test
    void brokenGoModIsReportedAsWarningsNotAFailure() throws IOException {
        Analysis analysis = analyze("go-broken-mod");
        assertThat(analysis.apps()).isEmpty();
        assertThat(analysis.warnings()).contains("go.mod line 1: unknown directive modul",
                "go.mod has an unterminated require block",
                "go.mod has no module directive: not read as a Go module");
    }

    // ------------------------------------------------------------------ Rust

    @Test
    void cargoNewBinaryIsAPlainCargoProjectStartingItsReleaseBinary() throws IOException {
        Analysis analysis = analyze("rust-cargo-new");
        assertThat(analysis.framework().id()).isEqualTo("rust");
        assertThat(analysis.framework().confidence()).isEqualTo(0.5);
        assertThat(analysis.language()).isEqualTo("rust");
        assertThat(analysis.packageManager()).isEqualTo("cargo");
        Analysis.BuildConfiguration build = analysis.buildConfiguration();
        assertThat(build.installCommand()).isEqualTo("cargo fetch");
        assertThat(build.buildCommand()).isEqualTo("cargo build --release --bin hello");
        assertThat(build.startCommand()).isEqualTo("./target/release/hello");
        assertThat(build.runtime()).isEqualTo("rust");
        assertThat(build.runtimeVersion()).isNull();
        assertThat(analysis.evidence()).contains(new Evidence("framework=rust", "Cargo.toml", "no framework recognised"));
    }

    @Test
    void axumAppTakesItsVersionFromTheToolchainFileOverRustVersion() throws IOException {
        Analysis analysis = analyze("rust-axum");
        assertThat(analysis.framework().id()).isEqualTo("axum");
        assertThat(analysis.framework().name()).isEqualTo("Axum");
        assertThat(analysis.framework().version()).isEqualTo("0.7.9");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("./target/release/axum-hello");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("1.82.0");
        assertThat(analysis.evidence()).contains(new Evidence("runtimeVersion", "rust-toolchain.toml", "channel 1.82.0"));
        assertThat(analysis.dependencies().production()).containsExactly("axum", "tokio");
        assertThat(analysis.dependencies().development()).containsExactly("tower");
    }

    @Test
    void cargoWorkspaceMemberInheritsVersionsAndStartsFromTheWorkspaceTarget() throws IOException {
        Analysis analysis = analyze("rust-workspace");
        assertThat(analysis.monorepo()).isTrue();
        assertThat(analysis.apps()).extracting(Analysis.App::directory).containsExactly("api", "", "core");
        Analysis.App api = analysis.apps().getFirst();
        assertThat(api.framework().id()).isEqualTo("actix-web");
        assertThat(api.framework().version()).isEqualTo("4.9");
        assertThat(api.buildConfiguration().buildCommand()).isEqualTo("cargo build --release --bin shop-api");
        assertThat(api.buildConfiguration().startCommand()).isEqualTo("../target/release/shop-api");
        // The renamed path dependency is listed by its real crate name.
        assertThat(api.dependencies().production()).containsExactly("actix-web", "core", "serde");
        assertThat(app(analysis, "").role()).isEqualTo("library");
        assertThat(app(analysis, "core").role()).isEqualTo("library");
    }

    // ------------------------------------------------------------------ JVM

    @Test
    void mavenQuickstartArchetypeIsAPlainMavenBuildWithoutAStartCommand() throws IOException {
        Analysis analysis = analyze("java-maven-quickstart");
        assertThat(analysis.framework().id()).isEqualTo("maven");
        assertThat(analysis.language()).isEqualTo("java");
        assertThat(analysis.packageManager()).isEqualTo("maven");
        Analysis.BuildConfiguration build = analysis.buildConfiguration();
        assertThat(build.installCommand()).isEqualTo("mvn -B dependency:go-offline");
        assertThat(build.buildCommand()).isEqualTo("mvn -B package -DskipTests");
        // The archetype's jar names no main class, so there is nothing to java -jar.
        assertThat(build.startCommand()).isNull();
        assertThat(build.runtime()).isEqualTo("java");
        assertThat(build.runtimeVersion()).isEqualTo("17");
        assertThat(analysis.dependencies().development()).contains("org.junit.jupiter:junit-jupiter-api");
    }

    @Test
    void springBootMavenStartsItsJarWithTheWrapperAndSuggestsPostgres() throws IOException {
        Analysis analysis = analyze("java-spring-boot-maven");
        assertThat(analysis.framework().id()).isEqualTo("spring-boot-maven");
        assertThat(analysis.framework().name()).isEqualTo("Spring Boot (Maven)");
        assertThat(analysis.framework().version()).isEqualTo("3.3.5");
        Analysis.BuildConfiguration build = analysis.buildConfiguration();
        assertThat(build.installCommand()).isEqualTo("./mvnw -B dependency:go-offline");
        assertThat(build.buildCommand()).isEqualTo("./mvnw -B package -DskipTests");
        assertThat(build.startCommand()).isEqualTo("java -jar target/demo-0.0.1-SNAPSHOT.jar");
        assertThat(build.devCommand()).isEqualTo("./mvnw spring-boot:run");
        assertThat(build.runtimeVersion()).isEqualTo("21");
        assertThat(analysis.dependencies().production()).containsExactly("org.postgresql:postgresql",
                "org.springframework.boot:spring-boot-starter-data-jpa",
                "org.springframework.boot:spring-boot-starter-web");
        assertThat(analysis.dependencies().development()).contains("org.springframework.boot:spring-boot-starter-test");
        assertThat(analysis.recommendations().database()).isEqualTo("postgresql");
        assertThat(analysis.evidence()).contains(
                new Evidence("packageManager=maven", "mvnw", "manifest, no lock file"),
                new Evidence("runtimeVersion", "pom.xml", "java.version 21"));
    }

    @Test
    void quarkusMavenCodestartRunsTheQuarkusAppJar() throws IOException {
        Analysis analysis = analyze("java-quarkus-maven");
        assertThat(analysis.framework().id()).isEqualTo("quarkus-maven");
        assertThat(analysis.framework().version()).isEqualTo("3.15.1");
        assertThat(analysis.buildConfiguration().startCommand())
                .isEqualTo("java -jar target/quarkus-app/quarkus-run.jar");
        assertThat(analysis.buildConfiguration().devCommand()).isEqualTo("./mvnw quarkus:dev");
        assertThat(analysis.buildConfiguration().outputDirectory()).isEqualTo("target/quarkus-app");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("21");
    }

    @Test
    void quarkusGradleKotlinDslCodestartUsesTheGradleWrapper() throws IOException {
        Analysis analysis = analyze("java-quarkus-gradle-kts");
        assertThat(analysis.framework().id()).isEqualTo("quarkus-gradle");
        assertThat(analysis.packageManager()).isEqualTo("gradle");
        assertThat(analysis.language()).isEqualTo("java");
        Analysis.BuildConfiguration build = analysis.buildConfiguration();
        assertThat(build.buildCommand()).isEqualTo("./gradlew build -x check");
        assertThat(build.startCommand()).isEqualTo("java -jar build/quarkus-app/quarkus-run.jar");
        assertThat(build.devCommand()).isEqualTo("./gradlew quarkusDev");
        assertThat(build.runtimeVersion()).isEqualTo("21");
        assertThat(analysis.evidence()).contains(
                new Evidence("runtimeVersion", "build.gradle.kts", "sourceCompatibility 21"));
    }

    @Test
    void micronautMavenStarterResolvesItsPackagingPropertyForTheJar() throws IOException {
        Analysis analysis = analyze("java-micronaut-maven");
        assertThat(analysis.framework().id()).isEqualTo("micronaut-maven");
        assertThat(analysis.framework().version()).isEqualTo("4.5.1");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("java -jar target/demo-0.1.jar");
        assertThat(analysis.buildConfiguration().devCommand()).isEqualTo("./mvnw mn:run");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("21");
    }

    @Test
    void micronautGradleKotlinStarterIsKotlinAndStartsTheShadowJar() throws IOException {
        Analysis analysis = analyze("java-micronaut-gradle-kotlin");
        assertThat(analysis.framework().id()).isEqualTo("micronaut-gradle");
        assertThat(analysis.framework().version()).isEqualTo("4.4.2");
        assertThat(analysis.language()).isEqualTo("kotlin");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("java -jar build/libs/demo-0.1-all.jar");
        assertThat(analysis.buildConfiguration().devCommand()).isEqualTo("./gradlew run");
        assertThat(analysis.dependencies().production()).contains("io.micronaut.serde:micronaut-serde-jackson");
        assertThat(analysis.dependencies().development()).contains("io.micronaut:micronaut-http-client",
                "io.micronaut.application");
        assertThat(analysis.evidence()).contains(
                new Evidence("language=kotlin", "build.gradle.kts", "plugin org.jetbrains.kotlin.jvm"));
    }

    @Test
    void mavenMultiModuleFindsTheSpringBootModuleAndInheritsTheParentsProperties() throws IOException {
        Analysis analysis = analyze("java-maven-multi-module");
        assertThat(analysis.monorepo()).isTrue();
        assertThat(analysis.apps()).extracting(Analysis.App::directory).containsExactly("web", "", "core");
        Analysis.App web = analysis.apps().getFirst();
        assertThat(web.name()).isEqualTo("shop-web");
        assertThat(web.framework().id()).isEqualTo("spring-boot-maven");
        assertThat(web.framework().version()).isEqualTo("3.3.5");
        // ${revision} and maven.compiler.release come from the aggregator pom.
        assertThat(web.buildConfiguration().startCommand()).isEqualTo("java -jar target/shop-web-1.4.0.jar");
        assertThat(web.buildConfiguration().runtimeVersion()).isEqualTo("17");
        // The wrapper is at the root: a module runs it from there.
        assertThat(web.buildConfiguration().buildCommand()).isEqualTo("../mvnw -B package -DskipTests");
        assertThat(app(analysis, "").framework().id()).isEqualTo("maven");
        assertThat(app(analysis, "core").name()).isEqualTo("shop-core");
    }

    @Test
    void gradleKotlinMultiProjectResolvesTheVersionCatalogAndFindsKtor() throws IOException {
        Analysis analysis = analyze("java-gradle-kts-multi");
        assertThat(analysis.monorepo()).isTrue();
        assertThat(analysis.apps()).extracting(Analysis.App::directory).containsExactly("server", "", "shared");
        Analysis.App server = analysis.apps().getFirst();
        assertThat(server.framework().id()).isEqualTo("ktor");
        assertThat(server.framework().version()).isEqualTo("3.0.1");
        assertThat(server.language()).isEqualTo("kotlin");
        assertThat(server.buildConfiguration().buildCommand()).isEqualTo("../gradlew buildFatJar");
        assertThat(server.buildConfiguration().startCommand()).isEqualTo("java -jar build/libs/server-0.0.1-all.jar");
        assertThat(server.buildConfiguration().runtimeVersion()).isEqualTo("21");
        assertThat(server.dependencies().production()).contains("io.ktor:ktor-server-core-jvm",
                "ch.qos.logback:logback-classic");
        assertThat(server.dependencies().development()).contains("io.ktor:ktor-server-test-host-jvm");
        Analysis.App root = app(analysis, "");
        assertThat(root.name()).isEqualTo("ktor-multi");
        assertThat(root.framework().id()).isEqualTo("gradle");
        assertThat(root.buildConfiguration().buildCommand()).isEqualTo("./gradlew build -x check");
    }

    @Test
    void pomWithAnExternalEntityIsRefusedWithoutReadingTheFile() throws IOException {
        Analysis analysis = analyze("java-maven-xxe");
        assertThat(analysis.apps()).isEmpty();
        assertThat(analysis.warnings()).contains(
                "pom.xml declares a DOCTYPE, which the analyzer refuses (it could read files through entities)");
        assertThat(String.join("\n", analysis.warnings())).doesNotContain("root:");
    }

    // ------------------------------------------------------------------ Deno

    @Test
    void denoInitIsPlainDenoWhoseDevTaskOverridesTheTemplate() throws IOException {
        Analysis analysis = analyze("deno-init");
        assertThat(analysis.framework().id()).isEqualTo("deno");
        assertThat(analysis.language()).isEqualTo("typescript");
        assertThat(analysis.packageManager()).isEqualTo("deno");
        Analysis.BuildConfiguration build = analysis.buildConfiguration();
        assertThat(build.installCommand()).isEqualTo("deno install");
        assertThat(build.startCommand()).isEqualTo("deno run --allow-net --allow-env --allow-read main.ts");
        assertThat(build.devCommand()).isEqualTo("deno task dev");
        assertThat(build.runtime()).isEqualTo("deno");
        assertThat(analysis.dependencies().production()).containsExactly("jsr:@std/assert");
    }

    @Test
    void freshProjectIsFreshWithItsOwnTasksAndPinnedDeno() throws IOException {
        Analysis analysis = analyze("deno-fresh");
        assertThat(analysis.framework().id()).isEqualTo("fresh");
        assertThat(analysis.framework().version()).isEqualTo("1.7.3");
        assertThat(analysis.buildConfiguration().buildCommand()).isEqualTo("deno task build");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("deno task start");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("2.1.4");
        assertThat(analysis.dependencies().production()).contains("deno.land/x/fresh", "esm.sh/preact",
                "esm.sh/@preact/signals");
        assertThat(analysis.evidence()).contains(new Evidence("framework=fresh", "fresh.config.ts", "config file"));
    }

    // ------------------------------------------------------------------ sites

    @Test
    void hugoNewSiteIsAStaticHugoSiteBuiltIntoPublic() throws IOException {
        Analysis analysis = analyze("site-hugo-new-site");
        assertThat(analysis.framework().id()).isEqualTo("hugo");
        assertThat(analysis.framework().kind()).isEqualTo("static");
        assertThat(analysis.buildConfiguration().buildCommand()).isEqualTo("hugo --minify");
        assertThat(analysis.buildConfiguration().outputDirectory()).isEqualTo("public");
        assertThat(analysis.buildConfiguration().runtime()).isEqualTo("hugo");
        assertThat(analysis.recommendations().provider()).isEqualTo("vercel");
        assertThat(analysis.evidence()).contains(new Evidence("generator=hugo", "config.toml", "Hugo configuration"));
    }

    @Test
    void jekyllBlankTemplateWithoutGemfileInstallsTheGem() throws IOException {
        Analysis analysis = analyze("site-jekyll-blank");
        assertThat(analysis.framework().id()).isEqualTo("jekyll-site");
        assertThat(analysis.buildConfiguration().installCommand()).isEqualTo("gem install jekyll");
        assertThat(analysis.buildConfiguration().buildCommand()).isEqualTo("jekyll build");
        assertThat(analysis.buildConfiguration().outputDirectory()).isEqualTo("_site");
        assertThat(analysis.buildConfiguration().runtime()).isEqualTo("ruby");
    }

    @Test
    void zolaConfigIsToldFromHugosByItsBaseUrl() throws IOException {
        Analysis analysis = analyze("site-zola");
        assertThat(analysis.framework().id()).isEqualTo("zola");
        assertThat(analysis.buildConfiguration().buildCommand()).isEqualTo("zola build");
        assertThat(analysis.buildConfiguration().outputDirectory()).isEqualTo("public");
    }

    @Test
    void loneIndexHtmlIsServedAsIs() throws IOException {
        Analysis analysis = analyze("site-static-html");
        assertThat(analysis.framework().id()).isEqualTo("static-html");
        assertThat(analysis.language()).isEqualTo("html");
        assertThat(analysis.buildConfiguration().buildCommand()).isNull();
        assertThat(analysis.buildConfiguration().outputDirectory()).isEqualTo(".");
        assertThat(analysis.apps()).singleElement().extracting(Analysis.App::role).isEqualTo("app");
    }

    @Test
    void loneDockerfileBuildsAndRunsTheImageOnItsExposedPort() throws IOException {
        Analysis analysis = analyze("site-dockerfile-only");
        assertThat(analysis.framework().id()).isEqualTo("dockerfile");
        assertThat(analysis.language()).isNull();
        assertThat(analysis.buildConfiguration().buildCommand()).isEqualTo("docker build -t app .");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("docker run --rm -p 8080:8080 app");
        assertThat(analysis.buildConfiguration().runtime()).isEqualTo("docker");
        assertThat(analysis.recommendations().provider()).isEqualTo("kubernetes");
    }

    @Test
    void everyFixtureSaysWhereItCameFrom() throws IOException {
        try (var entries = Files.list(FIXTURES)) {
            for (Path fixture : entries.filter(Files::isDirectory).toList()) {
                String name = fixture.getFileName().toString();
                if (name.startsWith("go-") || name.startsWith("rust-") || name.startsWith("java-")
                        || name.startsWith("deno-") || name.startsWith("site-")) {
                    assertThat(FIXTURES.resolve(name + ".origin.md")).as(name).isRegularFile();
                }
            }
        }
    }
}
