package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a PHP project's {@code composer.json} ({@code require}, {@code require-dev}, {@code scripts},
 * the PHP version from {@code config.platform.php} or {@code require.php}, with {@code .php-version}
 * and {@code .tool-versions} taking precedence), or recognises a project without Composer (WordPress,
 * plain PHP) by an {@code index.php}. Also finds the document root the built-in server should serve.
 */
public final class PhpManifests implements ManifestReader {

    /** Platform requirements in {@code require}: what the runtime must provide, not packages to install. */
    private static final Set<String> PLATFORM = Set.of("php", "php-64bit", "php-ipv6", "php-zts", "php-debug", "hhvm",
            "composer", "composer-plugin-api", "composer-runtime-api");
    /** Where front controllers usually live, in the order they are looked for. */
    private static final List<String> DOCUMENT_ROOTS = List.of("public", "web", "public_html", "htdocs", "");

    private final PackageManagers packageManagers;
    private final JsonMapper json = JsonMapper.builder().build();

    public PhpManifests(PackageManagers packageManagers) {
        this.packageManagers = packageManagers;
    }

    @Override
    public String ecosystem() {
        return "php";
    }

    @Override
    public Optional<Manifest> read(RepositoryTree tree, String directory, Warnings warnings) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        String file = prefix + "composer.json";
        Optional<String> text = tree.read(file);
        JsonNode composer = null;
        if (text.isPresent()) {
            try {
                composer = json.readTree(text.get());
            }
            catch (JacksonException ex) {
                warnings.add(file + " is not valid JSON: " + ex.getOriginalMessage());
            }
            if (composer != null && !composer.isObject()) {
                warnings.add(file + " is not a JSON object");
                composer = null;
            }
        }
        if (composer == null) {
            // No (usable) composer.json: still a PHP project when a front controller is there, e.g. WordPress.
            if (!tree.exists(prefix + "index.php")) {
                return Optional.empty();
            }
            file = prefix + "index.php";
        }

        List<Evidence> evidence = new ArrayList<>();
        Map<String, String> production = new LinkedHashMap<>();
        Map<String, String> development = new LinkedHashMap<>();
        Map<String, String> scripts = new LinkedHashMap<>();
        String name = null;
        String manager = null;
        String install = null;
        Map<String, String> placeholders = new LinkedHashMap<>();
        if (composer != null) {
            packages(composer.path("require"), production);
            packages(composer.path("require-dev"), development);
            composer.path("scripts").properties().forEach(entry -> scripts.put(entry.getKey(),
                    entry.getValue().isString() ? entry.getValue().asString() : entry.getValue().toString()));
            name = composer.path("name").isString() ? composer.path("name").asString() : null;
            Optional<PackageManagers.Detected> detected = packageManagers.detect(tree, directory, warnings).stream()
                    .filter(found -> found.manager().ecosystem().equals("php")).findFirst();
            if (detected.isPresent()) {
                manager = detected.get().manager().name();
                install = detected.get().manager().installCommand();
                evidence.add(detected.get().evidence());
            }
            // Composer scripts are the project's own commands: `composer run <script>` runs them.
            placeholders.put("run", "composer run");
            evidence.add(new Evidence("language=php", file, "composer.json"));
        }
        else {
            evidence.add(new Evidence("language=php", file, "PHP front controller, no composer.json"));
        }
        for (String root : DOCUMENT_ROOTS) {
            String index = prefix + (root.isEmpty() ? "" : root + "/") + "index.php";
            if (tree.exists(index)) {
                placeholders.put("docroot", root.isEmpty() ? "." : root);
                break;
            }
        }
        String version = phpVersion(tree, prefix, composer, evidence);
        return Optional.of(new Manifest("php", directory, file, name, "php", manager, install, production,
                development, scripts, placeholders, "php", version, List.of(), evidence));
    }

    private static void packages(JsonNode object, Map<String, String> target) {
        if (!object.isObject()) {
            return;
        }
        object.properties().forEach(entry -> {
            String name = entry.getKey();
            if (!PLATFORM.contains(name) && !name.startsWith("ext-") && !name.startsWith("lib-")) {
                target.put(name, entry.getValue().isString() ? entry.getValue().asString() : "");
            }
        });
    }

    private static String phpVersion(RepositoryTree tree, String prefix, JsonNode composer, List<Evidence> evidence) {
        Optional<String> pinned = tree.read(prefix + ".php-version").map(String::strip).filter(v -> !v.isEmpty());
        if (pinned.isPresent() && Versions.clean(pinned.get()) != null) {
            evidence.add(new Evidence("runtimeVersion", prefix + ".php-version", pinned.get()));
            return Versions.clean(pinned.get());
        }
        Optional<String> toolVersions = ToolVersions.of(tree, prefix, "php");
        if (toolVersions.isPresent() && Versions.clean(toolVersions.get()) != null) {
            evidence.add(new Evidence("runtimeVersion", prefix + ".tool-versions", "php " + toolVersions.get()));
            return Versions.clean(toolVersions.get());
        }
        if (composer == null) {
            return null;
        }
        JsonNode platform = composer.path("config").path("platform").path("php");
        if (platform.isString() && Versions.clean(platform.asString()) != null) {
            evidence.add(new Evidence("runtimeVersion", prefix + "composer.json", "config.platform.php "
                    + platform.asString()));
            return Versions.clean(platform.asString());
        }
        JsonNode required = composer.path("require").path("php");
        if (required.isString()) {
            // "^7.3|^8.0": the last alternative is the newest the project supports.
            String[] alternatives = required.asString().split("\\|+");
            String newest = alternatives.length == 0 ? null : Versions.clean(alternatives[alternatives.length - 1]);
            if (newest != null) {
                evidence.add(new Evidence("runtimeVersion", prefix + "composer.json", "require.php "
                        + required.asString()));
                return newest;
            }
        }
        return null;
    }
}
