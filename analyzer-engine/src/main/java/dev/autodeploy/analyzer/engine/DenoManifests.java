package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Deno project's {@code deno.json} or {@code deno.jsonc} (comments and trailing commas allowed):
 * the {@code imports} map as dependencies ({@code jsr:@std/http}, {@code npm:hono}, {@code deno.land/x/fresh}),
 * {@code tasks} as scripts run with {@code deno task}, {@code workspace} members, and the entry module
 * ({@code main.ts}, {@code mod.ts}, ...).
 */
public final class DenoManifests implements ManifestReader {

    /** {@code jsr:@scope/name@^1.2}, {@code npm:hono@4}, {@code npm:@hono/node-server}: name and version. */
    private static final Pattern REGISTRY = Pattern.compile("^((?:jsr|npm):(?:@[^/@]+/)?[^/@]+)(?:@([^/]+))?(/.*)?$");
    /** {@code https://deno.land/x/fresh@1.6.8/} and {@code https://deno.land/std@0.211.0/http/}. */
    private static final Pattern URL = Pattern.compile("^https?://((?:deno\\.land/x/|deno\\.land/|esm\\.sh/))\\*?((?:@[^/@]+/)?[^/@]+)(?:@([^/]+))?.*$");
    private static final List<String> ENTRIES = List.of("main.ts", "main.tsx", "main.js", "mod.ts", "server.ts",
            "app.ts", "index.ts", "src/main.ts", "src/mod.ts");

    private final JsonMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();

    @Override
    public String ecosystem() {
        return "deno";
    }

    @Override
    public Optional<Manifest> read(RepositoryTree tree, String directory, Warnings warnings) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        String file = tree.exists(prefix + "deno.json") ? prefix + "deno.json" : prefix + "deno.jsonc";
        Optional<String> text = tree.read(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        JsonNode config;
        try {
            config = json.readTree(text.get());
        }
        catch (JacksonException ex) {
            warnings.add(file + " is not valid JSON: " + ex.getOriginalMessage());
            return Optional.empty();
        }
        if (!config.isObject()) {
            warnings.add(file + " is not a JSON object");
            return Optional.empty();
        }
        Map<String, String> production = new LinkedHashMap<>();
        config.path("imports").properties().forEach(entry -> {
            if (entry.getValue().isString()) {
                dependency(entry.getKey(), entry.getValue().asString(), production);
            }
        });
        Map<String, String> scripts = new LinkedHashMap<>();
        config.path("tasks").properties().forEach(entry -> {
            JsonNode task = entry.getValue();
            String command = task.isString() ? task.asString() : task.path("command").isString()
                    ? task.path("command").asString() : "";
            scripts.put(entry.getKey(), command);
        });

        List<Evidence> evidence = new ArrayList<>();
        boolean locked = tree.exists(prefix + "deno.lock");
        evidence.add(new Evidence("packageManager=deno", locked ? prefix + "deno.lock" : file,
                locked ? "lock file" : "manifest, no lock file"));
        Map<String, String> placeholders = new LinkedHashMap<>();
        placeholders.put("run", "deno task");
        String main = ENTRIES.stream().filter(entry -> tree.exists(prefix + entry)).findFirst().orElse(null);
        if (main != null) {
            placeholders.put("main", main);
            evidence.add(new Evidence("main", prefix + main, "entry module"));
        }
        String language = main != null && main.endsWith(".js") ? "javascript" : "typescript";
        evidence.add(new Evidence("language=" + language, main != null ? prefix + main : file,
                main != null ? "entry module" : "Deno runs TypeScript natively"));

        String version = null;
        Optional<String> pinned = ToolVersions.of(tree, prefix, "deno")
                .or(() -> tree.read(prefix + ".dvmrc").map(String::strip));
        if (pinned.isPresent() && Versions.clean(pinned.get()) != null) {
            evidence.add(new Evidence("runtimeVersion", tree.exists(prefix + ".tool-versions")
                    ? prefix + ".tool-versions" : prefix + ".dvmrc", pinned.get()));
            version = Versions.clean(pinned.get());
        }
        List<String> workspaces = new ArrayList<>();
        JsonNode workspace = config.path("workspace");
        JsonNode members = workspace.isArray() ? workspace : workspace.path("members");
        members.forEach(member -> {
            if (member.isString() && SafeText.isPath(member.asString().replaceFirst("^\\./", "").replace('*', 'x'))) {
                workspaces.add(member.asString().replaceFirst("^\\./", ""));
            }
        });
        String name = config.path("name").isString() ? config.path("name").asString() : null;
        // deno install (Deno 2) fetches what the import map and lock file name; --frozen refuses a stale lock.
        return Optional.of(new Manifest("deno", directory, file, name, language, "deno",
                locked ? "deno install --frozen" : "deno install", production, Map.of(), scripts, placeholders, "deno",
                version, workspaces, evidence));
    }

    /** Adds the import's package under a stable name: {@code jsr:@std/http}, {@code npm:hono}, {@code deno.land/x/fresh}. */
    static void dependency(String alias, String target, Map<String, String> into) {
        Matcher registry = REGISTRY.matcher(target);
        if (registry.matches()) {
            into.put(registry.group(1), registry.group(2) == null ? "" : registry.group(2));
            return;
        }
        Matcher url = URL.matcher(target);
        if (url.matches()) {
            // esm.sh/*name marks the package's own dependencies as external: the package is the same.
            into.put(url.group(1) + url.group(2), url.group(3) == null ? "" : url.group(3));
            return;
        }
        into.put(alias, target);
    }
}
