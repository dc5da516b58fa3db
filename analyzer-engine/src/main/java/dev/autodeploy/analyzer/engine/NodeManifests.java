package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Node/JavaScript project's {@code package.json}: dependencies, scripts, entry file, language
 * (TypeScript when it declares {@code typescript} or has a {@code tsconfig.json}), the package manager
 * from Corepack or the lock file, the Node version from {@code .nvmrc}, {@code .node-version},
 * {@code .tool-versions} or {@code engines}, and workspaces from {@code package.json},
 * {@code pnpm-workspace.yaml} or {@code lerna.json}.
 */
public final class NodeManifests implements ManifestReader {

    private final PackageManagers packageManagers;
    private final JsonMapper json = JsonMapper.builder().build();

    public NodeManifests(PackageManagers packageManagers) {
        this.packageManagers = packageManagers;
    }

    @Override
    public String ecosystem() {
        return "node";
    }

    @Override
    public Optional<Manifest> read(RepositoryTree tree, String directory, Warnings warnings) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        String file = prefix + "package.json";
        Optional<String> text = tree.read(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        JsonNode manifest;
        try {
            manifest = json.readTree(text.get());
        }
        catch (JacksonException ex) {
            warnings.add(file + " is not valid JSON: " + ex.getOriginalMessage());
            return Optional.empty();
        }
        if (!manifest.isObject()) {
            warnings.add(file + " is not a JSON object");
            return Optional.empty();
        }
        List<Evidence> evidence = new ArrayList<>();
        Map<String, String> production = entries(manifest.path("dependencies"));
        Map<String, String> development = entries(manifest.path("devDependencies"));
        Map<String, String> scripts = entries(manifest.path("scripts"));

        PackageManagers.Detected manager = manager(tree, directory, warnings);
        evidence.add(manager.evidence());
        String installCommand = installCommand(tree, manager);

        String language = "javascript";
        if (tree.exists(prefix + "tsconfig.json")) {
            language = "typescript";
            evidence.add(new Evidence("language=typescript", prefix + "tsconfig.json", "config file"));
        }
        else if (production.containsKey("typescript") || development.containsKey("typescript")) {
            language = "typescript";
            evidence.add(new Evidence("language=typescript", file, "dependency typescript"));
        }

        String name = manager.manager().name();
        Map<String, String> placeholders = new LinkedHashMap<>();
        placeholders.put("run", switch (name) {
            case "yarn" -> "yarn";
            case "pnpm" -> "pnpm run";
            case "bun" -> "bun run";
            default -> "npm run";
        });
        placeholders.put("exec", switch (name) {
            case "yarn" -> "yarn";
            case "pnpm" -> "pnpm exec";
            case "bun" -> "bunx";
            default -> "npx";
        });
        String main = manifest.path("main").isString() ? manifest.path("main").asString() : null;
        if (main == null && tree.exists(prefix + "index.js")) {
            main = "index.js";
        }
        if (main != null && !main.isBlank() && SafeText.isPath(main)) {
            placeholders.put("main", main);
        }
        String packageName = manifest.path("name").isString() ? manifest.path("name").asString() : null;
        if (SafeText.isName(packageName)) {
            placeholders.put("name", packageName);
        }
        String runtimeVersion = nodeVersion(tree, directory, manifest, evidence);
        return Optional.of(new Manifest("node", directory, file, packageName, language, name,
                installCommand, production, development, scripts, placeholders,
                name.equals("bun") ? "bun" : "node", runtimeVersion, workspaces(tree, prefix, manifest, warnings),
                evidence));
    }

    private List<String> workspaces(RepositoryTree tree, String prefix, JsonNode manifest, Warnings warnings) {
        List<String> globs = new ArrayList<>();
        JsonNode declared = manifest.path("workspaces");
        JsonNode packages = declared.isArray() ? declared : declared.path("packages");
        packages.forEach(entry -> {
            if (entry.isString()) {
                globs.add(entry.asString());
            }
        });
        tree.read(prefix + "pnpm-workspace.yaml").ifPresent(yaml -> globs.addAll(YamlLists.items(yaml, "packages")));
        tree.read(prefix + "lerna.json").ifPresent(lerna -> {
            try {
                json.readTree(lerna).path("packages").forEach(entry -> {
                    if (entry.isString()) {
                        globs.add(entry.asString());
                    }
                });
            }
            catch (JacksonException ex) {
                warnings.add(prefix + "lerna.json is not valid JSON: " + ex.getOriginalMessage());
            }
        });
        return globs.stream().distinct().toList();
    }

    /**
     * The package manager of the project in {@code directory}: its own lock file or Corepack field, else
     * that of the nearest enclosing directory (a workspace package installs with its workspace root's
     * manager and lock file), else npm.
     */
    private PackageManagers.Detected manager(RepositoryTree tree, String directory, Warnings warnings) {
        PackageManagers.Detected own = null;
        for (String current : withAncestors(directory)) {
            Optional<PackageManagers.Detected> found = packageManagers.detect(tree, current, warnings).stream()
                    .filter(detected -> detected.manager().ecosystem().equals("node")).findFirst();
            if (found.isEmpty()) {
                continue;
            }
            if (own == null) {
                own = found.get();
            }
            if (!found.get().evidence().detail().equals("no lock file")) {
                return found.get();
            }
        }
        return own;
    }

    /**
     * The manager's reproducible install, or its plain install when Corepack named the manager but
     * there is no lock file for it ({@code npm ci}, {@code --frozen-lockfile} and {@code --immutable}
     * refuse to run without one).
     */
    private static String installCommand(RepositoryTree tree, PackageManagers.Detected detected) {
        PackageManager manager = detected.manager();
        String file = detected.evidence().file();
        String prefix = file.substring(0, file.lastIndexOf('/') + 1);
        if (detected.evidence().detail().startsWith("packageManager ")
                && manager.markers().stream().noneMatch(marker -> tree.exists(prefix + marker))) {
            return manager.name() + " install";
        }
        if (manager.name().equals("yarn") && yarnClassic(tree, prefix, detected.version())) {
            // Yarn 1 has no --immutable (that is Yarn 2+); its reproducible install is --frozen-lockfile.
            return "yarn install --frozen-lockfile";
        }
        return manager.installCommand();
    }

    /** Yarn 1: Corepack pins 1.x, or (without a pin) the lock file is in Yarn 1's format. */
    private static boolean yarnClassic(RepositoryTree tree, String prefix, String corepackVersion) {
        if (corepackVersion != null) {
            return corepackVersion.startsWith("1.");
        }
        return tree.read(prefix + "yarn.lock").map(lock -> lock.contains("# yarn lockfile v1")).orElse(false);
    }

    /** {@code directory}, then each enclosing directory up to the root (""). */
    private static List<String> withAncestors(String directory) {
        List<String> directories = new ArrayList<>();
        String current = directory;
        directories.add(current);
        while (!current.isEmpty()) {
            int slash = current.lastIndexOf('/');
            current = slash < 0 ? "" : current.substring(0, slash);
            directories.add(current);
        }
        return directories;
    }

    /**
     * The Node version pinned for the project: its own {@code .nvmrc}, {@code .node-version},
     * {@code .tool-versions} or {@code engines.node}, else the nearest enclosing directory's (a monorepo
     * pins it once, at its root). Of an {@code engines} range with alternatives
     * ({@code ^20.19.0 || >=22.12.0}) the last, newest one is taken.
     */
    private String nodeVersion(RepositoryTree tree, String directory, JsonNode manifest, List<Evidence> evidence) {
        for (String current : withAncestors(directory)) {
            String prefix = current.isEmpty() ? "" : current + "/";
            for (String file : List.of(".nvmrc", ".node-version")) {
                Optional<String> pinned = tree.read(prefix + file).map(String::strip).filter(v -> !v.isEmpty());
                if (pinned.isPresent() && Versions.clean(pinned.get()) != null) {
                    evidence.add(new Evidence("runtimeVersion", prefix + file, pinned.get()));
                    return Versions.clean(pinned.get());
                }
            }
            Optional<String> toolVersions = ToolVersions.of(tree, prefix, "nodejs", "node");
            if (toolVersions.isPresent() && Versions.clean(toolVersions.get()) != null) {
                evidence.add(new Evidence("runtimeVersion", prefix + ".tool-versions", "nodejs " + toolVersions.get()));
                return Versions.clean(toolVersions.get());
            }
            JsonNode engines = (current.equals(directory) ? Optional.of(manifest) : enclosing(tree, prefix))
                    .map(json -> json.path("engines").path("node")).orElse(null);
            if (engines != null && engines.isString() && newest(engines.asString()) != null) {
                evidence.add(new Evidence("runtimeVersion", prefix + "package.json", "engines.node " + engines.asString()));
                return newest(engines.asString());
            }
        }
        return null;
    }

    private Optional<JsonNode> enclosing(RepositoryTree tree, String prefix) {
        return tree.read(prefix + "package.json").flatMap(text -> {
            try {
                JsonNode node = json.readTree(text);
                return node.isObject() ? Optional.of(node) : Optional.<JsonNode>empty();
            }
            catch (JacksonException ex) {
                return Optional.empty(); // reported when that directory's own manifest is read
            }
        });
    }

    /** The version of the last alternative of a range that names one. */
    static String newest(String range) {
        String[] alternatives = range.split("\\|\\|");
        for (int i = alternatives.length - 1; i >= 0; i--) {
            String version = Versions.clean(alternatives[i]);
            if (version != null) {
                return version;
            }
        }
        return null;
    }

    private static Map<String, String> entries(JsonNode object) {
        Map<String, String> entries = new LinkedHashMap<>();
        if (object.isObject()) {
            object.properties().forEach(entry -> entries.put(entry.getKey(),
                    entry.getValue().isString() ? entry.getValue().asString() : entry.getValue().toString()));
        }
        return entries;
    }
}
