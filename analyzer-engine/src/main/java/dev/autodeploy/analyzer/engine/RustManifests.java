package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Reads a Rust crate's {@code Cargo.toml}: package name, edition, {@code rust-version}, dependencies
 * (renamed ones by their real crate name), {@code [[bin]]} targets and {@code [workspace] members}; the
 * toolchain from {@code rust-toolchain.toml}, {@code rust-toolchain} or {@code .tool-versions}. Versions of
 * dependencies inherited from the workspace ({@code serde.workspace = true}) are looked up in the
 * workspace root's {@code [workspace.dependencies]}.
 */
public final class RustManifests implements ManifestReader {

    private final PackageManagers packageManagers;

    public RustManifests(PackageManagers packageManagers) {
        this.packageManagers = packageManagers;
    }

    @Override
    public String ecosystem() {
        return "rust";
    }

    @Override
    public Optional<Manifest> read(RepositoryTree tree, String directory, Warnings warnings) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        String file = prefix + "Cargo.toml";
        Optional<String> text = tree.read(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonNode> parsed = Toml.parse(text.get(), file, warnings);
        if (parsed.isEmpty()) {
            return Optional.empty(); // Cargo refuses a malformed manifest too; the warning says why
        }
        JsonNode cargo = parsed.get();
        JsonNode pkg = cargo.path("package");
        JsonNode workspace = cargo.path("workspace");
        if ((!pkg.isObject() || pkg.isEmpty()) && !workspace.isObject()) {
            warnings.add(file + " has neither [package] nor [workspace]: not read as a Rust crate");
            return Optional.empty();
        }
        Optional<Workspace> workspaceRoot = workspaceOf(tree, directory, cargo, warnings);
        Map<String, String> inherited = workspaceDependencies(workspaceRoot);
        Map<String, String> production = new LinkedHashMap<>();
        Map<String, String> development = new LinkedHashMap<>();
        // In the file's order. [dependencies.serde] is the serde entry of [dependencies];
        // [target.'cfg(unix)'.dependencies] is read for every target.
        cargo.properties().forEach(table -> {
            switch (table.getKey()) {
                case "dependencies" -> dependencies(table.getValue(), inherited, production);
                case "dev-dependencies", "build-dependencies" -> dependencies(table.getValue(), inherited, development);
                case "target" -> table.getValue().properties().forEach(target -> target.getValue().properties()
                        .forEach(kind -> {
                            switch (kind.getKey()) {
                                case "dependencies" -> dependencies(kind.getValue(), inherited, production);
                                case "dev-dependencies", "build-dependencies" ->
                                        dependencies(kind.getValue(), inherited, development);
                                default -> {
                                }
                            }
                        }));
                default -> {
                }
            }
        });

        List<Evidence> evidence = new ArrayList<>();
        packageManagers.detect(tree, directory, warnings).stream()
                .filter(found -> found.manager().ecosystem().equals("rust")).findFirst()
                .ifPresent(found -> evidence.add(found.evidence()));
        String name = Toml.string(pkg.path("name"));
        evidence.add(new Evidence("language=rust", file, name != null ? "package " + name : "workspace"));

        Map<String, String> placeholders = new LinkedHashMap<>();
        binary(tree, prefix, cargo, name, evidence).ifPresent(binary -> placeholders.put("binary", binary));
        placeholders.put("target", targetDirectory(directory, workspaceRoot));
        String edition = Toml.string(pkg.path("edition"));
        if (edition != null && SafeText.isName(edition)) {
            placeholders.put("edition", edition);
        }
        String version = toolchain(tree, prefix, pkg, file, evidence, warnings);
        // Members are globs (crates/*): checked as paths with the wildcard standing for a name.
        List<String> members = Toml.strings(workspace.path("members")).stream()
                .filter(member -> SafeText.isPath(member.replace('*', 'x'))).toList();
        boolean locked = tree.exists(prefix + "Cargo.lock");
        return Optional.of(new Manifest("rust", directory, file, name, "rust", "cargo",
                locked ? "cargo fetch --locked" : "cargo fetch", production, development, Map.of(), placeholders,
                "rust", version, members, evidence));
    }

    /** A dependency table ({@code [dependencies]}, …): each crate, renamed ones by their real name, and its version. */
    private static void dependencies(JsonNode table, Map<String, String> inherited, Map<String, String> into) {
        table.properties().forEach(entry -> {
            String crate = crate(entry.getKey(), entry.getValue());
            into.put(crate, version(entry.getValue(), inherited, crate));
        });
    }

    /** {@code web = { package = "actix-web" }} is actix-web. */
    private static String crate(String key, JsonNode value) {
        String renamed = Toml.string(value.path("package"));
        return renamed != null ? renamed : key;
    }

    /** The declared version: a string, an inline table's {@code version}, the workspace's, or "". */
    private static String version(JsonNode value, Map<String, String> inherited, String crate) {
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isObject()) {
            String version = Toml.string(value.path("version"));
            if (version != null) {
                return version;
            }
            JsonNode fromWorkspace = value.path("workspace");
            if (fromWorkspace.isBoolean() && fromWorkspace.booleanValue()) {
                return inherited.getOrDefault(crate, "");
            }
        }
        return "";
    }

    /** The workspace a crate belongs to: its root's directory and manifest (the crate itself when it is the root). */
    private record Workspace(String directory, JsonNode cargo) {
    }

    /** The nearest directory at or above {@code directory} whose Cargo.toml has {@code [workspace]}, if any. */
    private static Optional<Workspace> workspaceOf(RepositoryTree tree, String directory, JsonNode cargo,
            Warnings warnings) {
        JsonNode root = cargo;
        String dir = directory;
        while (!root.path("workspace").isObject()) {
            if (dir.isEmpty()) {
                return Optional.empty();
            }
            dir = dir.contains("/") ? dir.substring(0, dir.lastIndexOf('/')) : "";
            String file = dir.isEmpty() ? "Cargo.toml" : dir + "/Cargo.toml";
            root = tree.read(file).flatMap(text -> Toml.parse(text, file, warnings))
                    .orElseGet(MissingNode::getInstance);
        }
        return Optional.of(new Workspace(dir, root));
    }

    /** {@code [workspace.dependencies]} of the crate's workspace, by crate name. */
    private static Map<String, String> workspaceDependencies(Optional<Workspace> workspace) {
        Map<String, String> versions = new LinkedHashMap<>();
        workspace.ifPresent(root -> root.cargo().path("workspace").path("dependencies").properties()
                .forEach(entry -> {
                    String crate = crate(entry.getKey(), entry.getValue());
                    versions.put(crate, version(entry.getValue(), Map.of(), crate));
                }));
        return versions;
    }

    /** Where Cargo puts build output, relative to the crate: a workspace member builds into the root's target/. */
    private static String targetDirectory(String directory, Optional<Workspace> workspace) {
        if (workspace.isEmpty() || workspace.get().directory().equals(directory)) {
            return "./target";
        }
        String below = workspace.get().directory().isEmpty() ? directory
                : directory.substring(workspace.get().directory().length() + 1);
        return "../".repeat(below.split("/").length) + "target";
    }

    /** The binary {@code cargo build --release} produces: the first {@code [[bin]]}, else the package's own. */
    private static Optional<String> binary(RepositoryTree tree, String prefix, JsonNode cargo, String name,
            List<Evidence> evidence) {
        for (JsonNode bin : cargo.path("bin")) {
            String binName = Toml.string(bin.path("name"));
            if (SafeText.isName(binName)) {
                evidence.add(new Evidence("binary", prefix + "Cargo.toml", "[[bin]] " + binName));
                return Optional.of(binName);
            }
        }
        if (name != null && SafeText.isName(name) && tree.exists(prefix + "src/main.rs")) {
            evidence.add(new Evidence("binary", prefix + "src/main.rs", "package " + name));
            return Optional.of(name);
        }
        return Optional.empty();
    }

    private static String toolchain(RepositoryTree tree, String prefix, JsonNode pkg, String file,
            List<Evidence> evidence, Warnings warnings) {
        for (String toolchainFile : List.of("rust-toolchain.toml", "rust-toolchain")) {
            Optional<String> text = tree.read(prefix + toolchainFile);
            if (text.isEmpty()) {
                continue;
            }
            String channel = text.get().strip();
            if (channel.contains("[") || channel.contains("=")) {
                channel = Toml.parse(text.get(), prefix + toolchainFile, warnings)
                        .map(toml -> Toml.string(toml.path("toolchain").path("channel"))).orElse(null);
            }
            if (channel != null && Versions.clean(channel) != null && Character.isDigit(channel.charAt(0))) {
                evidence.add(new Evidence("runtimeVersion", prefix + toolchainFile, "channel " + channel));
                return Versions.clean(channel);
            }
            if (channel != null && !channel.isBlank()) {
                // stable, beta or nightly[-date]: the channel, not a version.
                evidence.add(new Evidence("runtimeChannel", prefix + toolchainFile, "channel " + channel));
            }
        }
        Optional<String> pinned = ToolVersions.of(tree, prefix, "rust");
        if (pinned.isPresent() && Versions.clean(pinned.get()) != null) {
            evidence.add(new Evidence("runtimeVersion", prefix + ".tool-versions", "rust " + pinned.get()));
            return Versions.clean(pinned.get());
        }
        String minimum = Toml.string(pkg.path("rust-version"));
        if (minimum != null && Versions.clean(minimum) != null) {
            evidence.add(new Evidence("runtimeVersion", file, "rust-version " + minimum));
            return Versions.clean(minimum);
        }
        return null;
    }
}
