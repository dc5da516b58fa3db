package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Repositories with several projects: the workspaces a root declares (npm/yarn {@code workspaces},
 * {@code pnpm-workspace.yaml}, {@code lerna.json}) and manifests in the first two levels. Every project
 * is listed with its role; the primary app is the most deployable one.
 */
class MonorepoTests {

    @TempDir
    Path repo;

    private final RepositoryAnalyzer analyzer = new RepositoryAnalyzer();

    @Test
    void aPnpmWorkspaceListsEveryPackageWithItsRoleAndPicksTheWebAppAsPrimary() throws IOException {
        Analysis analysis = fixture("pnpm-monorepo");
        assertThat(analysis.monorepo()).isTrue();
        assertThat(analysis.framework().id()).isEqualTo("nextjs");
        assertThat(analysis.apps().getFirst().directory()).isEqualTo("apps/web");
        assertThat(roles(analysis)).containsExactly(entry("apps/web", "app"), entry("", "library"),
                entry("apps/api", "app"), entry("packages/ui", "library"));
        assertThat(frameworks(analysis)).containsEntry("apps/web", "nextjs").containsEntry("apps/api", "nestjs");
        assertThat(analysis.apps()).allSatisfy(app -> {
            assertThat(app.packageManager()).as(app.directory()).isEqualTo("pnpm");
            assertThat(app.buildConfiguration().installCommand()).as(app.directory())
                    .isEqualTo("pnpm install --frozen-lockfile");
            assertThat(app.buildConfiguration().runtimeVersion()).as(app.directory() + " has the root's .nvmrc")
                    .isEqualTo("22.11.0");
        });
        assertThat(analysis.buildConfiguration()).isEqualTo(new Analysis.BuildConfiguration(
                "pnpm install --frozen-lockfile", "pnpm run build", "pnpm run start", "pnpm run dev", ".next", "node",
                "22.11.0"));
        assertThat(app(analysis, "apps/api").buildConfiguration().startCommand()).isEqualTo("pnpm run start:prod");
        assertThat(analysis.evidence()).contains(new Evidence("packageManager=pnpm", "package.json",
                "packageManager pnpm@9.1.0+sha512.67f5879916a9293e5cf059c23853d571beaf4f753c707f40cb22bed5fb1578c6aad3b6c4107ccb3ba0b35be003eb621a16471ac836c87beb53f9d54bb4612724e"));
        assertThat(analysis.recommendations().provider()).isEqualTo("vercel");
    }

    @Test
    void npmWorkspacesInstallFromTheRootLockFileAndKeepEachPackagesOwnNodeRange() throws IOException {
        Analysis analysis = fixture("npm-workspaces");
        assertThat(analysis.monorepo()).isTrue();
        assertThat(roles(analysis)).containsOnly(entry("", "library"), entry("packages/client", "app"),
                entry("packages/server", "app"), entry("packages/shared", "library"));
        assertThat(frameworks(analysis)).containsEntry("packages/client", "vite-react")
                .containsEntry("packages/server", "express");
        Analysis.App server = app(analysis, "packages/server");
        assertThat(server.buildConfiguration()).isEqualTo(new Analysis.BuildConfiguration("npm ci", null,
                "npm run start", "npm run dev", null, "node", "22.0.0"));
        assertThat(server.evidence()).contains(new Evidence("packageManager=npm", "package-lock.json", "lock file"));
        assertThat(analysis.apps()).allSatisfy(app -> assertThat(app.buildConfiguration().installCommand())
                .as(app.directory()).isEqualTo("npm ci"));
    }

    @Test
    void aTurborepoOnYarnOneWorkspacesInTheObjectForm() throws IOException {
        Analysis analysis = fixture("turborepo-yarn");
        assertThat(analysis.monorepo()).isTrue();
        assertThat(analysis.apps().getFirst().directory()).isEqualTo("apps/web");
        assertThat(roles(analysis)).containsOnly(entry("apps/web", "app"), entry("", "library"),
                entry("apps/docs", "app"), entry("packages/ui", "library"));
        Analysis.App docs = app(analysis, "apps/docs");
        assertThat(docs.framework().id()).isEqualTo("vitepress");
        assertThat(docs.buildConfiguration()).isEqualTo(new Analysis.BuildConfiguration(
                "yarn install --frozen-lockfile", "yarn docs:build", "yarn docs:preview", "yarn docs:dev",
                "docs/.vitepress/dist", "node", null));
        assertThat(analysis.buildConfiguration().installCommand()).as("Yarn 1 has no --immutable")
                .isEqualTo("yarn install --frozen-lockfile");
    }

    @Test
    void aRedwoodAppIsOneAppWhoseSidesAreWorkspaces() throws IOException {
        Analysis analysis = fixture("redwood-ts");
        assertThat(analysis.framework().id()).isEqualTo("redwood");
        assertThat(analysis.apps().getFirst().directory()).isEmpty();
        assertThat(roles(analysis)).containsExactly(entry("", "app"), entry("api", "library"), entry("web", "library"));
        assertThat(analysis.monorepo()).isTrue();
        assertThat(analysis.apps()).allSatisfy(app -> assertThat(app.buildConfiguration().installCommand())
                .isEqualTo("yarn install --immutable"));
    }

    @Test
    void lernaPackagesBelowTheDiscoveryDepthAreFoundThroughTheirGlob() throws IOException {
        write("package.json", "{\"private\":true,\"devDependencies\":{\"lerna\":\"8.1.9\"}}");
        write("lerna.json", "{\"packages\":[\"services/backend/*\"],\"version\":\"independent\"}");
        write("services/backend/api/package.json", """
                {"name":"api","main":"server.js","dependencies":{"fastify":"5.1.0"}}""");
        write("package-lock.json", "{}");
        Analysis analysis = analyzer.analyze(repo);
        assertThat(analysis.apps().getFirst().directory()).isEqualTo("services/backend/api");
        assertThat(analysis.framework().id()).isEqualTo("fastify");
        assertThat(analysis.buildConfiguration().installCommand()).isEqualTo("npm ci");
        assertThat(analysis.monorepo()).isTrue();
    }

    @Test
    void twoAppsSideBySideWithoutARootManifestAreAMonorepo() throws IOException {
        write("frontend/package.json", """
                {"scripts":{"build":"next build","start":"next start"},"dependencies":{"next":"15.0.3"}}""");
        write("backend/package.json", """
                {"scripts":{"start":"node index.js"},"dependencies":{"express":"4.21.1","pg":"8.13.1"}}""");
        Analysis analysis = analyzer.analyze(repo);
        assertThat(analysis.monorepo()).isTrue();
        assertThat(analysis.apps()).extracting(Analysis.App::directory).containsExactly("frontend", "backend");
        assertThat(roles(analysis)).containsOnly(entry("frontend", "app"), entry("backend", "app"));
    }

    @Test
    void examplesAndTestsBesideASingleAppDoNotMakeItAMonorepo() throws IOException {
        write("package.json", "{\"scripts\":{\"build\":\"vite build\"},\"devDependencies\":{\"vite\":\"5.4.0\"}}");
        write("examples/basic/package.json", "{\"dependencies\":{\"next\":\"15.0.3\"}}");
        write("test/fixture-app/package.json", "{\"dependencies\":{\"express\":\"4.21.1\"}}");
        Analysis analysis = analyzer.analyze(repo);
        assertThat(analysis.monorepo()).isFalse();
        assertThat(analysis.apps()).extracting(Analysis.App::directory).containsExactly("");
        assertThat(analysis.framework().id()).isEqualTo("vite");
    }

    @Test
    void aSingleTemplateIsNotAMonorepo() throws IOException {
        for (String fixture : List.of("nextjs-app-ts", "angular-ng-new", "hexo-starter", "docusaurus-classic")) {
            assertThat(fixture(fixture).monorepo()).as(fixture).isFalse();
        }
    }

    private Analysis fixture(String name) throws IOException {
        return analyzer.analyze(NodeFixturesTests.FIXTURES.resolve(name));
    }

    private static Map<String, String> roles(Analysis analysis) {
        return analysis.apps().stream().collect(Collectors.toMap(Analysis.App::directory, Analysis.App::role,
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static Map<String, String> frameworks(Analysis analysis) {
        return analysis.apps().stream().filter(app -> app.framework() != null)
                .collect(Collectors.toMap(Analysis.App::directory, app -> app.framework().id()));
    }

    private static Analysis.App app(Analysis analysis, String directory) {
        return analysis.apps().stream().collect(Collectors.toMap(Analysis.App::directory, Function.identity()))
                .get(directory);
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
