package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ElixirManifestsTests {

    @TempDir
    Path repo;

    private final Warnings warnings = new Warnings();

    @Test
    void depsOnlyForDevOrTestAreDevelopmentAndCommentedDepsAreIgnored() {
        ElixirManifests.MixProject project = ElixirManifests.parse("""
                defmodule Shop.MixProject do
                  use Mix.Project
                  def project do
                    [app: :shop, version: "0.1.0", elixir: "~> 1.16", deps: deps()]
                  end
                  def application, do: [mod: {Shop.Application, []}]
                  defp deps do
                    [
                      # {:commented, "~> 1.0"},
                      {:phoenix, "~> 1.7.12"},
                      {:plug_cowboy, "~> 2.7"}, # a comment with {:fake, "1.0"}
                      {:phoenix_live_reload, "~> 1.2", only: :dev},
                      {:ex_machina, "~> 2.7", only: [:test]},
                      {:sentry, "~> 10.0", only: [:prod, :staging]},
                      {:credo, "~> 1.7", only: [:dev, :test], runtime: false},
                      {:local_dep, path: "../local_dep"},
                      {:tricky, "~> 1.0", override: true, env: "#not a comment"}
                    ]
                  end
                end
                """, "mix.exs", warnings);
        assertThat(project.app()).isEqualTo("shop");
        assertThat(project.elixir()).isEqualTo("~> 1.16");
        assertThat(project.releasable()).isTrue();
        assertThat(project.production()).containsExactly(entry("phoenix", "~> 1.7.12"), entry("plug_cowboy", "~> 2.7"),
                entry("sentry", "~> 10.0"), entry("local_dep", ""), entry("tricky", "~> 1.0"));
        assertThat(project.development()).containsOnlyKeys("phoenix_live_reload", "ex_machina", "credo");
        assertThat(warnings.list()).isEmpty();
    }

    @Test
    void inlineDepsAndAliasesAreRead() {
        ElixirManifests.MixProject project = ElixirManifests.parse("""
                defmodule Tool.MixProject do
                  use Mix.Project
                  def project, do: [app: :tool, deps: [{:jason, "~> 1.4"}], aliases: aliases()]
                  defp aliases do
                    [setup: ["deps.get"], "assets.deploy": ["esbuild default --minify", "phx.digest"]]
                  end
                end
                """, "mix.exs", warnings);
        assertThat(project.production()).containsExactly(entry("jason", "~> 1.4"));
        assertThat(project.aliases()).containsOnlyKeys("setup", "assets.deploy");
        assertThat(project.releasable()).isFalse();
    }

    @Test
    void aLibraryHasNoReleaseSoNoStartCommand() throws IOException {
        write("mix.exs", """
                defmodule Lib.MixProject do
                  use Mix.Project
                  def project, do: [app: :lib, elixir: "~> 1.14", deps: []]
                  def application, do: [extra_applications: [:logger]]
                end
                """);
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.placeholders()).doesNotContainKey("release").containsEntry("assets", "");
        assertThat(manifest.runtimeVersion()).isEqualTo("1.14");
        assertThat(manifest.language()).isEqualTo("elixir");
    }

    @Test
    void umbrellaDeclaresItsAppsAsWorkspaces() throws IOException {
        write("mix.exs", """
                defmodule Platform.MixProject do
                  use Mix.Project
                  def project do
                    [apps_path: "apps", version: "0.1.0", start_permanent: Mix.env() == :prod, deps: deps()]
                  end
                  defp deps, do: []
                end
                """);
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.workspaces()).containsExactly("apps/*");
        assertThat(manifest.name()).isNull();
    }

    @Test
    void toolVersionsPinsElixirWithoutItsOtpSuffixAndCitesErlang() throws IOException {
        write("mix.exs", "defmodule A.MixProject do\n  def project, do: [app: :a, elixir: \"~> 1.14\"]\nend\n");
        write(".tool-versions", "erlang 26.2.2\nelixir 1.16.1-otp-26\n");
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.runtimeVersion()).isEqualTo("1.16.1");
        assertThat(manifest.evidence()).contains(new Evidence("runtimeVersion", ".tool-versions", "elixir 1.16.1-otp-26"),
                new Evidence("otpVersion=26.2.2", ".tool-versions", "erlang 26.2.2"));
    }

    @Test
    void anUnclosedDepsListIsAWarningNotAFailure() throws IOException {
        write("mix.exs", "defmodule A.MixProject do\n  defp deps do\n    [{:phoenix, \"~> 1.7\"}\n  end\nend\n");
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.production()).isEmpty();
        assertThat(warnings.list()).containsExactly("mix.exs: the deps list could not be read");
    }

    @Test
    void commentsAreRemovedButHashesInStringsAndHeredocsStay() {
        assertThat(ElixirManifests.withoutComments("a = \"x#y\" # gone\n@doc \"\"\"\n# kept\n\"\"\"\nb = ?#\n"))
                .isEqualTo("a = \"x#y\" \n@doc \"\"\"\n# kept\n\"\"\"\nb = ?#\n");
        assertThat(ElixirManifests.withoutComments("valid?(x) # c").strip()).isEqualTo("valid?(x)");
    }

    private Optional<Manifest> read(String directory) throws IOException {
        return new ElixirManifests(new PackageManagers()).read(RepositoryTree.scan(repo, TreeLimits.DEFAULT), directory,
                warnings);
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
