package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class NodeProjectsTests {

    @TempDir
    Path repo;

    private final NodeProjects projects = new NodeProjects(FrameworkCatalog.bundled(), new PackageManagers());
    private final List<String> warnings = new ArrayList<>();

    @Test
    void nextJsWithPnpmUsesTheProjectScriptsAndCitesItsEvidence() throws IOException {
        write("package.json", """
                {"name":"shop","scripts":{"dev":"next dev","build":"next build","start":"next start"},
                 "dependencies":{"next":"^14.2.3","react":"18.3.1"},"devDependencies":{"typescript":"^5"},
                 "engines":{"node":">=20.11"}}""");
        write("pnpm-lock.yaml", "lockfileVersion: '9.0'");
        write("next.config.mjs", "export default {}");
        write("tsconfig.json", "{}");
        NodeProject project = analyze("").orElseThrow();
        assertThat(project.framework()).isEqualTo(new NodeProject.Framework("nextjs", "Next.js", "14.2.3", 0.99, "server"));
        assertThat(project.language()).isEqualTo("typescript");
        assertThat(project.packageManager()).isEqualTo("pnpm");
        assertThat(project.build()).isEqualTo(new NodeProject.BuildConfiguration("pnpm install --frozen-lockfile",
                "pnpm run build", "pnpm run start", "pnpm run dev", ".next", "node", "20.11"));
        assertThat(project.evidence()).contains(
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
        NodeProject project = analyze("").orElseThrow();
        assertThat(project.framework().id()).isEqualTo("vite-react");
        assertThat(project.framework().confidence()).isEqualTo(0.9);
        assertThat(project.build().startCommand()).isEqualTo("npm run preview");
        assertThat(project.build().outputDirectory()).isEqualTo("dist");
        assertThat(project.build().runtimeVersion()).isEqualTo("20.17.0");
        assertThat(project.language()).isEqualTo("javascript");
    }

    @Test
    void aServerWithoutStartScriptStartsItsMainFileAndDropsScriptsItLacks() throws IOException {
        write("package.json", """
                {"main":"src/server.js","dependencies":{"express":"4.19.2"}}""");
        write("yarn.lock", "");
        NodeProject project = analyze("").orElseThrow();
        assertThat(project.framework().id()).isEqualTo("express");
        assertThat(project.build().installCommand()).isEqualTo("yarn install --immutable");
        assertThat(project.build().startCommand()).isEqualTo("node src/server.js");
        assertThat(project.build().devCommand()).isNull();
        assertThat(project.build().buildCommand()).isNull();
    }

    @Test
    void aPlainNodeProjectHasNoFramework() throws IOException {
        write("package.json", """
                {"scripts":{"start":"node index.js"},"dependencies":{"lodash":"4.17.21"}}""");
        NodeProject project = analyze("").orElseThrow();
        assertThat(project.framework()).isNull();
        assertThat(project.build().startCommand()).isEqualTo("npm run start");
        assertThat(project.build().installCommand()).isEqualTo("npm install");
    }

    @Test
    void brokenOrMissingManifestIsAWarningNeverAnException() throws IOException {
        write("package.json", "{\"dependencies\": {\"next\": ");
        assertThat(analyze("")).isEmpty();
        assertThat(warnings).singleElement().asString().startsWith("package.json is not valid JSON");
        write("other/package.json", "[1, 2, 3]");
        assertThat(analyze("other")).isEmpty();
        assertThat(analyze("nowhere")).isEmpty();
        assertThat(warnings).contains("other/package.json is not a JSON object");
    }

    @Test
    void everyCatalogEntryIsUsable() {
        assertThat(FrameworkCatalog.bundled().rules()).hasSizeGreaterThanOrEqualTo(25)
                .allSatisfy(rule -> assertThat(rule.kind()).isIn("server", "static"))
                .extracting(FrameworkRule::id).doesNotHaveDuplicates();
    }

    private Optional<NodeProject> analyze(String directory) throws IOException {
        return projects.analyze(RepositoryTree.scan(repo, TreeLimits.DEFAULT), directory, warnings);
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
