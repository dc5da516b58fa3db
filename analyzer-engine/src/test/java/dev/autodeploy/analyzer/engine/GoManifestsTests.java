package dev.autodeploy.analyzer.engine;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class GoManifestsTests {

    @TempDir
    Path repo;

    private final Warnings warnings = new Warnings();
    private final GoManifests reader = new GoManifests(new PackageManagers());

    private RepositoryFiles files() {
        return new RepositoryFiles(repo);
    }

    @Test
    void parsesDirectivesBlocksQuotedPathsAndMarksIndirectRequires() {
        GoManifests.GoMod mod = GoManifests.parse("""
                // Package comment
                module "example.com/shop/v2"

                go 1.23.1
                toolchain go1.23.4

                require github.com/gin-gonic/gin v1.10.0 // the router

                require (
                	golang.org/x/net v0.30.0 // indirect
                	github.com/lib/pq v1.10.9
                )

                replace example.com/old => ../old
                """);
        assertThat(mod.module()).isEqualTo("example.com/shop/v2");
        assertThat(mod.go()).isEqualTo("1.23.1");
        assertThat(mod.toolchain()).isEqualTo("go1.23.4");
        assertThat(mod.requires()).containsEntry("github.com/gin-gonic/gin", "v1.10.0")
                .containsEntry("golang.org/x/net", "v0.30.0 (indirect)").containsEntry("github.com/lib/pq", "v1.10.9");
        assertThat(mod.problems()).isEmpty();
    }

    @Test
    void binaryIsTheLastPathElementThatIsNotAMajorVersion() {
        assertThat(GoManifests.binaryOf("example.com/shop/v2")).isEqualTo("shop");
        assertThat(GoManifests.binaryOf("github.com/acme/api")).isEqualTo("api");
        assertThat(GoManifests.binaryOf("hello")).isEqualTo("hello");
        assertThat(GoManifests.binaryOf("v2")).isEqualTo("v2");
    }

    @Test
    void libraryWithoutMainPackageHasNoBuildOrStartCommand() {
        Analysis analysis = files().write("go.mod", "module github.com/acme/strings\n\ngo 1.22\n")
                .write("strings.go", "package strings\n\nfunc Reverse(s string) string { return s }\n").analyze();
        Analysis.App app = analysis.apps().getFirst();
        assertThat(app.role()).isEqualTo("library");
        assertThat(app.buildConfiguration().buildCommand()).isNull();
        assertThat(app.buildConfiguration().startCommand()).isNull();
    }

    @Test
    void severalCommandsPreferTheOneNamedLikeTheModule() {
        Analysis analysis = files().write("go.mod", "module github.com/acme/shop\n")
                .write("cmd/admin/main.go", "package main\n").write("cmd/shop/main.go", "package main\n").analyze();
        assertThat(analysis.buildConfiguration().buildCommand()).isEqualTo("go build -o shop ./cmd/shop");
        assertThat(analysis.evidence()).contains(
                new Evidence("main", "cmd/shop/main.go", "one of 2 commands in cmd/"));
    }

    @Test
    void testFilesDoNotMakeAMainPackage() {
        RepositoryTree tree = files().write("go.mod", "module example.com/lib\n")
                .write("lib_test.go", "package main\n").tree();
        Manifest manifest = reader.read(tree, "", warnings).orElseThrow();
        assertThat(manifest.placeholders()).doesNotContainKeys("main", "binary");
    }

    @Test
    void toolVersionsPinsGoWhenThereIsNoToolchainDirective() {
        RepositoryTree tree = files().write("go.mod", "module example.com/app\n\ngo 1.21\n")
                .write(".tool-versions", "nodejs 20.1.0\ngolang 1.21.13\n").write("main.go", "package main\n").tree();
        Manifest manifest = reader.read(tree, "", warnings).orElseThrow();
        assertThat(manifest.runtimeVersion()).isEqualTo("1.21.13");
        assertThat(manifest.installCommand()).isEqualTo("go mod download");
    }

    @Test
    void goSumIsTheLockFileEvidence() {
        RepositoryTree tree = files().write("go.mod", "module example.com/app\n").write("go.sum", "").tree();
        Manifest manifest = reader.read(tree, "", warnings).orElseThrow();
        assertThat(manifest.evidence()).contains(new Evidence("packageManager=go", "go.sum", "lock file"));
    }

    @Test
    void goWorkUsesBecomeWorkspacesAndUnsafePathsAreDropped() {
        RepositoryTree tree = files().write("go.work", "go 1.22\n\nuse ./api\nuse (\n\t./tools/cli\n\t.\n\t\"../outside\"\n)\n")
                .tree();
        Manifest manifest = reader.read(tree, "", warnings).orElseThrow();
        assertThat(manifest.workspaces()).containsExactly("api", "tools/cli");
        assertThat(manifest.file()).isEqualTo("go.work");
        assertThat(manifest.packageManager()).isNull();
    }

    @Test
    void unsafeModuleNameGivesNoBinaryPlaceholder() {
        RepositoryTree tree = files().write("go.mod", "module \"example.com/x;rm -rf ~\"\n")
                .write("main.go", "package main\n").tree();
        Manifest manifest = reader.read(tree, "", warnings).orElseThrow();
        assertThat(manifest.placeholders()).containsEntry("main", ".").doesNotContainKey("binary");
    }

    @Test
    void aDockerfileBesidePlainGoWinsButTheAppIsStillGo() {
        Analysis analysis = files().write("go.mod", "module example.com/app\n").write("main.go", "package main\n")
                .write("Dockerfile", "FROM golang:1.22\nEXPOSE 9000\n").analyze();
        assertThat(analysis.framework().id()).isEqualTo("dockerfile");
        assertThat(analysis.language()).isEqualTo("go");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("docker run --rm -p 9000:9000 app");
    }

    @Test
    void aFrameworkBesideADockerfileWinsAndTheDockerfileDecidesTheProvider() {
        Analysis analysis = files().write("go.mod", "module example.com/app\n\nrequire github.com/gofiber/fiber/v2 v2.52.5\n")
                .write("main.go", "package main\n").write("Dockerfile", "FROM golang:1.22\n").analyze();
        assertThat(analysis.framework().id()).isEqualTo("fiber");
        assertThat(analysis.framework().version()).isEqualTo("2.52.5");
        assertThat(analysis.recommendations().provider()).isEqualTo("kubernetes");
    }
}
