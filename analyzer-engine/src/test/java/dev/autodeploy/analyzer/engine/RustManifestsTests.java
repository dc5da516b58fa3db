package dev.autodeploy.analyzer.engine;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RustManifestsTests {

    @TempDir
    Path repo;

    private final Warnings warnings = new Warnings();
    private final RustManifests reader = new RustManifests(new PackageManagers());

    private RepositoryFiles files() {
        return new RepositoryFiles(repo);
    }

    @Test
    void readsEveryDependencyFormAndTellsDevelopmentFromProduction() {
        RepositoryTree tree = files().write("Cargo.toml", """
                [package]
                name = "svc"
                edition = "2021"

                [dependencies]
                web = { package = "actix-web", version = "4.9" }
                serde = "1"
                local = { path = "../local" }

                [dependencies.sqlx]
                version = "0.8"
                features = ["postgres"]

                [target.'cfg(unix)'.dependencies]
                nix = "0.29"

                [dev-dependencies]
                insta = "1.40"

                [build-dependencies]
                cc = "1"
                """).write("src/main.rs", "fn main() {}").tree();
        Manifest manifest = reader.read(tree, "", warnings).orElseThrow();
        assertThat(manifest.production()).containsEntry("actix-web", "4.9").containsEntry("serde", "1")
                .containsEntry("local", "").containsEntry("sqlx", "0.8").containsEntry("nix", "0.29")
                .doesNotContainKey("web");
        assertThat(manifest.development()).containsOnlyKeys("insta", "cc");
        assertThat(manifest.placeholders()).containsEntry("binary", "svc").containsEntry("edition", "2021")
                .containsEntry("target", "./target");
        assertThat(warnings.list()).isEmpty();
    }

    @Test
    void libraryCrateHasNoBinaryAndCountsAsALibrary() {
        Analysis analysis = files().write("Cargo.toml", "[package]\nname = \"util\"\n")
                .write("src/lib.rs", "pub fn f() {}").analyze();
        assertThat(analysis.apps().getFirst().role()).isEqualTo("library");
        assertThat(analysis.buildConfiguration().buildCommand()).isNull();
    }

    @Test
    void plainRustToolchainFileAndChannelNamesAreRead() {
        RepositoryTree tree = files().write("Cargo.toml", "[package]\nname = \"a\"\nrust-version = \"1.70\"\n")
                .write("rust-toolchain", "1.80.1\n").tree();
        assertThat(reader.read(tree, "", warnings).orElseThrow().runtimeVersion()).isEqualTo("1.80.1");

        RepositoryTree nightly = files().write("rust-toolchain", "[toolchain]\nchannel = \"nightly-2024-06-01\"\n")
                .tree();
        Manifest manifest = reader.read(nightly, "", warnings).orElseThrow();
        // A channel is not a version: fall back to the package's minimum.
        assertThat(manifest.runtimeVersion()).isEqualTo("1.70");
        assertThat(manifest.evidence()).contains(
                new Evidence("runtimeChannel", "rust-toolchain", "channel nightly-2024-06-01"),
                new Evidence("runtimeVersion", "Cargo.toml", "rust-version 1.70"));
    }

    @Test
    void cargoLockMakesTheFetchLocked() {
        RepositoryTree tree = files().write("Cargo.toml", "[package]\nname = \"a\"\n").write("Cargo.lock", "").tree();
        Manifest manifest = reader.read(tree, "", warnings).orElseThrow();
        assertThat(manifest.installCommand()).isEqualTo("cargo fetch --locked");
        assertThat(manifest.evidence()).contains(new Evidence("packageManager=cargo", "Cargo.lock", "lock file"));
    }

    @Test
    void nestedWorkspaceMemberBuildsIntoTheRootTarget() {
        RepositoryTree tree = files().write("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n")
                .write("crates/web/Cargo.toml", "[package]\nname = \"web\"\n[dependencies]\naxum = { workspace = true }\n")
                .write("crates/web/src/main.rs", "fn main() {}").tree();
        Manifest member = reader.read(tree, "crates/web", warnings).orElseThrow();
        assertThat(member.placeholders()).containsEntry("target", "../../target");
        assertThat(member.production()).containsEntry("axum", "");
        Manifest root = reader.read(tree, "", warnings).orElseThrow();
        assertThat(root.workspaces()).containsExactly("crates/*");
        assertThat(root.name()).isNull();
    }

    @Test
    void malformedCargoTomlIsAWarningAndNotReadAsACrate() {
        // Cargo refuses the whole file, and so does the TOML reader: no half-read dependencies.
        RepositoryTree tree = files().write("Cargo.toml", "[package]\nname = \"half\"\nedition = \n[dependencies]\nrocket = \"0.5\"\n")
                .write("src/main.rs", "fn main() {}").tree();
        assertThat(reader.read(tree, "", warnings)).isEmpty();
        assertThat(warnings.list()).singleElement().asString()
                .isEqualTo("Cargo.toml is not valid TOML (line 3, column 11: Newline not permitted here); it was ignored");
    }

    @Test
    void cargoTomlWithoutPackageOrWorkspaceIsNotACrate() {
        RepositoryTree tree = files().write("Cargo.toml", "[dependencies]\nserde = \"1\"\n").tree();
        assertThat(reader.read(tree, "", warnings)).isEmpty();
        assertThat(warnings.list()).contains("Cargo.toml has neither [package] nor [workspace]: not read as a Rust crate");
    }

    @Test
    void leptosWithCargoLeptosMetadataIsLeptosNotAxum() {
        Analysis analysis = files().write("Cargo.toml", """
                [package]
                name = "site"

                [dependencies]
                leptos = "0.6"
                leptos_axum = "0.6"
                axum = "0.7"

                [package.metadata.leptos]
                output-name = "site"
                """).write("src/main.rs", "fn main() {}").analyze();
        assertThat(analysis.framework().id()).isEqualTo("leptos");
        assertThat(analysis.buildConfiguration().buildCommand()).isEqualTo("cargo leptos build --release");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("./target/release/site");
    }

    @Test
    void yewWithTrunkIsAStaticFrontEnd() {
        Analysis analysis = files().write("Cargo.toml", "[package]\nname = \"ui\"\n[dependencies]\nyew = { version = \"0.21\", features = [\"csr\"] }\n")
                .write("index.html", "<!DOCTYPE html><html></html>").write("src/main.rs", "fn main() {}").analyze();
        assertThat(analysis.framework().id()).isEqualTo("trunk");
        assertThat(analysis.framework().kind()).isEqualTo("static");
        assertThat(analysis.buildConfiguration().buildCommand()).isEqualTo("trunk build --release");
        assertThat(analysis.buildConfiguration().startCommand()).isNull();
        assertThat(analysis.buildConfiguration().outputDirectory()).isEqualTo("dist");
    }
}
