package dev.autodeploy.analyzer.engine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DenoManifestsTests {

    @TempDir
    Path repo;

    private final Warnings warnings = new Warnings();
    private final DenoManifests reader = new DenoManifests();

    private RepositoryFiles files() {
        return new RepositoryFiles(repo);
    }

    @Test
    void importSpecifiersAreNamedByPackage() {
        Map<String, String> deps = new LinkedHashMap<>();
        DenoManifests.dependency("@std/http", "jsr:@std/http@^1.0.0", deps);
        DenoManifests.dependency("hono", "npm:hono@4.6.3", deps);
        DenoManifests.dependency("@hono/node-server", "npm:@hono/node-server", deps);
        DenoManifests.dependency("$fresh/", "https://deno.land/x/fresh@1.7.3/", deps);
        DenoManifests.dependency("$std/", "https://deno.land/std@0.216.0/", deps);
        DenoManifests.dependency("lodash", "https://esm.sh/*lodash@4.17.21", deps);
        DenoManifests.dependency("local/", "./src/", deps);
        assertThat(deps).containsExactly(Map.entry("jsr:@std/http", "^1.0.0"), Map.entry("npm:hono", "4.6.3"),
                Map.entry("npm:@hono/node-server", ""), Map.entry("deno.land/x/fresh", "1.7.3"),
                Map.entry("deno.land/std", "0.216.0"), Map.entry("esm.sh/lodash", "4.17.21"),
                Map.entry("local/", "./src/"));
    }

    @Test
    void denoJsoncWithCommentsAndTrailingCommasIsRead() {
        RepositoryTree tree = files().write("deno.jsonc", """
                {
                  // Fresh 2
                  "name": "@acme/site",
                  "tasks": {
                    "dev": "vite",
                    "build": { "command": "vite build", "description": "build" },
                    "start": "deno serve -A _fresh/server.js", /* production */
                  },
                  "imports": { "fresh": "jsr:@fresh/core@^2.0.0", },
                  "workspace": ["./packages/ui"],
                }
                """).write("main.ts", "").write("deno.lock", "{}").tree();
        Manifest manifest = reader.read(tree, "", warnings).orElseThrow();
        assertThat(warnings.list()).isEmpty();
        assertThat(manifest.name()).isEqualTo("@acme/site");
        assertThat(manifest.production()).containsEntry("jsr:@fresh/core", "^2.0.0");
        assertThat(manifest.scripts()).containsEntry("build", "vite build").containsKeys("dev", "start");
        assertThat(manifest.workspaces()).containsExactly("packages/ui");
        assertThat(manifest.installCommand()).isEqualTo("deno install --frozen");
        assertThat(manifest.placeholders()).containsEntry("run", "deno task").containsEntry("main", "main.ts");
    }

    @Test
    void freshTwoUsesItsOwnTasks() {
        Analysis analysis = files().write("deno.json", """
                {"tasks": {"dev": "vite", "build": "vite build", "start": "deno serve -A _fresh/server.js"},
                 "imports": {"fresh": "jsr:@fresh/core@^2.0.0"}}
                """).write("main.ts", "").analyze();
        assertThat(analysis.framework().id()).isEqualTo("fresh");
        assertThat(analysis.framework().version()).isEqualTo("2.0.0");
        assertThat(analysis.buildConfiguration().buildCommand()).isEqualTo("deno task build");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("deno task start");
        assertThat(analysis.buildConfiguration().devCommand()).isEqualTo("deno task dev");
    }

    @Test
    void honoOnDenoRunsTheEntryWithNetworkPermissions() {
        Analysis analysis = files().write("deno.json", "{\"imports\": {\"hono\": \"jsr:@hono/hono@^4.6.0\"}}")
                .write("server.ts", "").analyze();
        assertThat(analysis.framework().id()).isEqualTo("hono-deno");
        assertThat(analysis.buildConfiguration().startCommand())
                .isEqualTo("deno run --allow-net --allow-env --allow-read server.ts");
    }

    @Test
    void invalidJsonIsAWarning() {
        RepositoryTree tree = files().write("deno.json", "{\"tasks\": ").tree();
        assertThat(reader.read(tree, "", warnings)).isEmpty();
        assertThat(warnings.list()).singleElement().asString().startsWith("deno.json is not valid JSON");
    }

    @Test
    void withoutAnEntryModuleThereIsNoStartCommand() {
        Analysis analysis = files().write("deno.json", "{}").analyze();
        assertThat(analysis.buildConfiguration().startCommand()).isNull();
        assertThat(analysis.apps().getFirst().role()).isEqualTo("library");
    }
}
