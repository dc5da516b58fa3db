package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection over real starter templates as they ship on npm (see {@code fixtures/<id>.origin.md} for
 * where each comes from and what was changed). Each row states what a person deploying that template
 * would expect: the framework, its declared version, the language, the package manager and the
 * commands that build, start (in production) and develop it.
 */
class NodeFixturesTests {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private static final RepositoryAnalyzer ANALYZER = new RepositoryAnalyzer();

    record Expected(String fixture, String framework, String version, String language, String packageManager,
            String install, String build, String start, String dev, String output, String runtimeVersion) {

        @Override
        public String toString() {
            return fixture;
        }
    }

    private static final String NPM = "npm install";

    static Stream<Expected> templates() {
        return Stream.of(
                new Expected("vite-react-ts", "vite-react", "19.3.1", "typescript", "npm", NPM, "npm run build",
                        "npm run preview", "npm run dev", "dist", null),
                new Expected("vite-vue", "vite-vue", "3.5.44", "javascript", "npm", NPM, "npm run build",
                        "npm run preview", "npm run dev", "dist", null),
                new Expected("vite-svelte-ts", "vite-svelte", "5.57.2", "typescript", "npm", NPM, "npm run build",
                        "npm run preview", "npm run dev", "dist", null),
                new Expected("vite-solid", "vite-solid", "1.9.17", "javascript", "npm", NPM, "npm run build",
                        "npm run preview", "npm run dev", "dist", null),
                new Expected("vite-preact", "vite-preact", "10.29.8", "javascript", "npm", NPM, "npm run build",
                        "npm run preview", "npm run dev", "dist", null),
                new Expected("vite-lit", "vite-lit", "3.3.3", "javascript", "npm", NPM, "npm run build",
                        "npm run preview", "npm run dev", "dist", null),
                new Expected("vite-vanilla", "vite", "8.3.4", "javascript", "npm", NPM, "npm run build",
                        "npm run preview", "npm run dev", "dist", null),
                new Expected("vite-qwik-ts", "vite-qwik", "1.20.2", "typescript", "npm", NPM, "npm run build",
                        "npm run preview", "npm run dev", "dist", null),
                new Expected("nextjs-app-ts", "nextjs", "16.4.3", "typescript", "npm", NPM, "npm run build",
                        "npm run start", "npm run dev", ".next", null),
                new Expected("t3-base", "nextjs", "15.2.3", "typescript", "npm", NPM, "npm run build",
                        "npm run start", "npm run dev", ".next", null),
                new Expected("sveltekit-minimal-ts", "sveltekit", "2.63.0", "typescript", "npm", NPM,
                        "npm run build", null, "npm run dev", null, null),
                new Expected("create-vue", "vite-vue", "3.5.32", "javascript", "npm", NPM, "npm run build",
                        "npm run preview", "npm run dev", "dist", "22.12.0"),
                new Expected("docusaurus-classic", "docusaurus", "3.10.2", "javascript", "npm", NPM,
                        "npm run build", "npm run serve", "npm run start", "build", "20.0"),
                new Expected("cra-typescript", "create-react-app", "5.0.1", "typescript", "npm", NPM,
                        "npm run build", null, "npm run start", "build", null),
                new Expected("angular-ng-new", "angular", "21.2.0", "typescript", "npm", NPM, "npm run build", null,
                        "npm run start", "dist/ng-app/browser", null),
                new Expected("nestjs-new", "nestjs", "11.0.1", "typescript", "npm", NPM, "npm run build",
                        "npm run start:prod", "npm run start:dev", "dist", null),
                new Expected("express-generator-ejs", "express", "4.16.1", "javascript", "npm", NPM, null,
                        "npm run start", null, null, null),
                new Expected("fastify-cli-app", "fastify", "5.0.0", "javascript", "npm", NPM, null,
                        "npm run start", "npm run dev", null, null),
                new Expected("hexo-starter", "hexo", "3.2.0", "javascript", "npm", NPM, "npx hexo generate", null,
                        "npx hexo server", "public", null),
                new Expected("ember-new", "ember", "7.3.0", "javascript", "npm", NPM, "npm run build", null,
                        "npm run start", "dist", "20.19.0"),
                new Expected("qwik-city-empty", "qwik-city", "1.20.1", "typescript", "npm", NPM, "npm run build",
                        null, "npm run dev", "dist", "21.0.0"),
                new Expected("redwood-ts", "redwood", "8.9.0", "javascript", "yarn", "yarn install --immutable",
                        "yarn rw build", "yarn rw serve", "yarn rw dev", "web/dist", "20"),
                new Expected("rsbuild-react", "rsbuild", "2.2.9", "javascript", "npm", NPM, "npm run build",
                        "npm run preview", "npm run dev", "dist", null),
                new Expected("waku-basic", "waku", "1.0.0-rc.1", "typescript", "npm", NPM, "npm run build",
                        "npm run start", "npm run dev", "dist", null),
                new Expected("gatsby-starter-default", "gatsby", "1.9.99", "javascript", "yarn",
                        "yarn install --frozen-lockfile", "yarn build", "yarn gatsby serve", "yarn develop", "public",
                        null),
                new Expected("vuepress-docs", "vuepress", "2.0.0-rc.28", "javascript", "npm", NPM,
                        "npm run docs:build", null, "npm run docs:dev", "docs/.vuepress/dist", null),
                new Expected("vitepress-init", "vitepress", "1.6.4", "javascript", "npm", NPM, "npm run docs:build",
                        "npm run docs:preview", "npm run docs:dev", ".vitepress/dist", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void aRealStarterTemplateIsDetectedWithTheCommandsThatDeployIt(Expected expected) throws IOException {
        Analysis analysis = ANALYZER.analyze(FIXTURES.resolve(expected.fixture()));
        assertThat(analysis.framework()).as("framework").isNotNull();
        assertThat(analysis.framework().id()).as("framework").isEqualTo(expected.framework());
        assertThat(analysis.framework().version()).as("version").isEqualTo(expected.version());
        assertThat(analysis.language()).as("language").isEqualTo(expected.language());
        assertThat(analysis.packageManager()).as("package manager").isEqualTo(expected.packageManager());
        assertThat(analysis.buildConfiguration()).as("build configuration").isEqualTo(
                new Analysis.BuildConfiguration(expected.install(), expected.build(), expected.start(), expected.dev(),
                        expected.output(), "node", expected.runtimeVersion()));
        assertThat(analysis.apps().getFirst().directory()).as("the primary app is the root").isEmpty();
        assertThat(analysis.warnings()).as("warnings").isEmpty();
    }

    @Test
    void everyNodeFixtureHasAnOriginFileThatSaysWhereItComesFrom() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String fixture : nodeFixtures()) {
            Path origin = FIXTURES.resolve(fixture + ".origin.md");
            if (!Files.isRegularFile(origin) || !(Files.readString(origin).contains("- Package:")
                    || Files.readString(origin).contains("hand-made"))) {
                missing.add(fixture);
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void fixturesShipNoDependenciesImagesOrFonts() throws IOException {
        List<String> files = new ArrayList<>();
        for (String fixture : nodeFixtures()) {
            try (Stream<Path> walk = Files.walk(FIXTURES.resolve(fixture))) {
                walk.filter(Files::isRegularFile).map(path -> FIXTURES.relativize(path).toString()).forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(300)
                .noneMatch(path -> path.contains("node_modules/"))
                .noneMatch(path -> path.matches("(?i).*\\.(png|jpe?g|gif|ico|webp|woff2?|ttf|otf|eot)$"))
                .noneMatch(path -> path.endsWith(".gitignore"));
    }

    @Test
    void wakuIsNotMistakenForTheHonoServerItDependsOn() throws IOException {
        Analysis analysis = ANALYZER.analyze(FIXTURES.resolve("waku-basic"));
        assertThat(analysis.dependencies().production()).contains("hono", "waku");
        assertThat(analysis.framework().id()).isEqualTo("waku");
    }

    @Test
    void aStartScriptThatRunsTheDevelopmentServerIsNeverTheProductionStartCommand() throws IOException {
        // Each of these templates declares "start" as its development server.
        for (String fixture : List.of("docusaurus-classic", "cra-typescript", "angular-ng-new", "ember-new",
                "qwik-city-empty", "gatsby-starter-default")) {
            Analysis.BuildConfiguration build = ANALYZER.analyze(FIXTURES.resolve(fixture)).buildConfiguration();
            assertThat(build.startCommand()).as(fixture).isNotEqualTo("npm run start").isNotEqualTo("yarn start");
        }
    }

    @Test
    void theHexoStartersInstallAndPublishScriptsReachNoCommand() throws IOException {
        Analysis analysis = ANALYZER.analyze(FIXTURES.resolve("hexo-starter"));
        Analysis.BuildConfiguration build = analysis.buildConfiguration();
        assertThat(Stream.of(build.installCommand(), build.buildCommand(), build.startCommand(), build.devCommand()))
                .allSatisfy(command -> assertThat(String.valueOf(command)).doesNotContain("git", "`", "publish"));
        assertThat(analysis.monorepo()).as("its theme is not a second app").isFalse();
        assertThat(analysis.apps()).extracting(Analysis.App::directory).containsExactly("");
    }

    @Test
    void theConfigFileThatConfirmedTheFrameworkIsCitedAsEvidence() throws IOException {
        assertThat(ANALYZER.analyze(FIXTURES.resolve("nextjs-app-ts")).evidence())
                .contains(new Evidence("framework=nextjs", "next.config.ts", "config file"));
        assertThat(ANALYZER.analyze(FIXTURES.resolve("sveltekit-minimal-ts")).evidence())
                .contains(new Evidence("framework=sveltekit", "vite.config.ts", "config file"));
        assertThat(ANALYZER.analyze(FIXTURES.resolve("vitepress-init")).evidence())
                .contains(new Evidence("framework=vitepress", ".vitepress/config.mjs", "config file"));
        assertThat(ANALYZER.analyze(FIXTURES.resolve("ember-new")).evidence())
                .contains(new Evidence("framework=ember", "ember-cli-build.mjs", "config file"));
        assertThat(ANALYZER.analyze(FIXTURES.resolve("angular-ng-new")).evidence())
                .contains(new Evidence("packageManager=npm", "package.json", "packageManager npm@11.19.1"));
    }

    @Test
    void analysesOfTheSameFixtureAreEqual() throws IOException {
        for (String fixture : nodeFixtures()) {
            Path repo = FIXTURES.resolve(fixture);
            assertThat(ANALYZER.analyze(repo)).as(fixture).isEqualTo(ANALYZER.analyze(repo));
        }
    }

    /** The fixtures this class and the other Node test classes own (real templates and hand-made ones). */
    static List<String> nodeFixtures() {
        List<String> fixtures = new ArrayList<>(templates().map(Expected::fixture).toList());
        fixtures.addAll(List.of("pnpm-monorepo", "npm-workspaces", "turborepo-yarn", "no-manifest",
                "broken-package-json", "corepack-pnpm-no-lock", "node-version-files", "shell-metacharacters"));
        return fixtures;
    }
}
