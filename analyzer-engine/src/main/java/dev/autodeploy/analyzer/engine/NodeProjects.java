package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Analyzes a Node/JavaScript project from its {@code package.json}, lock files and config files —
 * nothing of the project is run. The framework comes from the catalog; commands use the project's
 * own scripts where it has them, else the framework's conventions for the detected package manager.
 */
public final class NodeProjects {

    private static final Pattern RUN_SCRIPT = Pattern.compile("^\\{run} (\\S+)$");
    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+){0,2}(?:-[0-9A-Za-z.]+)?)");

    private final FrameworkCatalog catalog;
    private final PackageManagers packageManagers;
    private final JsonMapper json = JsonMapper.builder().build();

    public NodeProjects(FrameworkCatalog catalog, PackageManagers packageManagers) {
        this.catalog = catalog;
        this.packageManagers = packageManagers;
    }

    /** The project in {@code directory}, or empty when it has no readable, well-formed {@code package.json}. */
    public Optional<NodeProject> analyze(RepositoryTree tree, String directory, List<String> warnings) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        String manifestPath = prefix + "package.json";
        Optional<String> text = tree.read(manifestPath);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        JsonNode manifest;
        try {
            manifest = json.readTree(text.get());
        }
        catch (JacksonException ex) {
            warnings.add(manifestPath + " is not valid JSON: " + ex.getOriginalMessage());
            return Optional.empty();
        }
        if (!manifest.isObject()) {
            warnings.add(manifestPath + " is not a JSON object");
            return Optional.empty();
        }
        List<Evidence> evidence = new ArrayList<>();
        Map<String, String> dependencies = new HashMap<>();
        dependencies.putAll(entries(manifest.path("devDependencies")));
        dependencies.putAll(entries(manifest.path("dependencies")));
        Map<String, String> scripts = entries(manifest.path("scripts"));

        PackageManagers.Detected manager = packageManagers.detect(tree, directory, warnings).stream()
                .filter(found -> found.manager().ecosystem().equals("node")).findFirst().orElseThrow();
        evidence.add(manager.evidence());

        NodeProject.Framework framework = null;
        FrameworkRule rule = null;
        for (FrameworkRule candidate : catalog.rules()) {
            String dependency = candidate.matchedDependency(dependencies.keySet());
            if (dependency != null) {
                rule = candidate;
                Optional<String> config = candidate.files().stream().map(file -> prefix + file).filter(tree::exists)
                        .findFirst();
                framework = new NodeProject.Framework(candidate.id(), candidate.name(),
                        version(dependencies.get(dependency)), config.isPresent() ? 0.99 : 0.9, candidate.kind());
                evidence.add(new Evidence("framework=" + candidate.id(), manifestPath,
                        "dependency " + dependency + "@" + dependencies.get(dependency)));
                config.ifPresent(file -> evidence.add(new Evidence("framework=" + candidate.id(), file, "config file")));
                break;
            }
        }

        boolean typescript = dependencies.containsKey("typescript") || tree.exists(prefix + "tsconfig.json");
        if (typescript) {
            evidence.add(new Evidence("language=typescript", tree.exists(prefix + "tsconfig.json")
                    ? prefix + "tsconfig.json" : manifestPath, tree.exists(prefix + "tsconfig.json")
                    ? "config file" : "dependency typescript"));
        }
        String run = runPrefix(manager.manager().name());
        String exec = execPrefix(manager.manager().name());
        NodeProject.BuildConfiguration build = new NodeProject.BuildConfiguration(
                manager.manager().installCommand(),
                command("build", rule == null ? null : rule.build(), scripts, run, exec, manifestPath, evidence),
                startCommand(rule, scripts, manifest, run, exec, manifestPath, evidence),
                command("dev", rule == null ? null : rule.dev(), scripts, run, exec, manifestPath, evidence),
                rule == null ? null : rule.output(),
                "node", nodeVersion(tree, prefix, manifest, evidence));
        return Optional.of(new NodeProject(directory, framework, typescript ? "typescript" : "javascript",
                manager.manager().name(), build, List.copyOf(evidence)));
    }

    /** A project script wins; else the framework's template unless it runs a script the project lacks. */
    private static String command(String step, String template, Map<String, String> scripts, String run, String exec,
            String manifestPath, List<Evidence> evidence) {
        if (scripts.containsKey(step)) {
            evidence.add(new Evidence(step + "Command", manifestPath, "script " + step));
            return run + " " + step;
        }
        if (template == null) {
            return null;
        }
        Matcher script = RUN_SCRIPT.matcher(template);
        if (script.matches() && !scripts.containsKey(script.group(1))) {
            return null;
        }
        return template.replace("{run}", run).replace("{exec}", exec);
    }

    private static String startCommand(FrameworkRule rule, Map<String, String> scripts, JsonNode manifest, String run,
            String exec, String manifestPath, List<Evidence> evidence) {
        String start = command("start", rule == null ? null : rule.start(), scripts, run, exec, manifestPath, evidence);
        if (start == null && manifest.path("main").isString() && (rule == null || "server".equals(rule.kind()))) {
            // Without a start script, a server's entry point is the package's main file.
            String main = manifest.path("main").asString();
            evidence.add(new Evidence("startCommand", manifestPath, "main " + main));
            return "node " + main;
        }
        return start;
    }

    private static String nodeVersion(RepositoryTree tree, String prefix, JsonNode manifest, List<Evidence> evidence) {
        for (String file : List.of(".nvmrc", ".node-version")) {
            Optional<String> pinned = tree.read(prefix + file).map(String::strip).filter(v -> !v.isEmpty());
            if (pinned.isPresent()) {
                evidence.add(new Evidence("runtimeVersion", prefix + file, pinned.get()));
                return version(pinned.get());
            }
        }
        Optional<String> toolVersions = tree.read(prefix + ".tool-versions").flatMap(text -> text.lines()
                .map(String::strip).filter(line -> line.startsWith("nodejs ") || line.startsWith("node "))
                .map(line -> line.substring(line.indexOf(' ') + 1).strip()).findFirst());
        if (toolVersions.isPresent()) {
            evidence.add(new Evidence("runtimeVersion", prefix + ".tool-versions", "nodejs " + toolVersions.get()));
            return version(toolVersions.get());
        }
        JsonNode engines = manifest.path("engines").path("node");
        if (engines.isString()) {
            evidence.add(new Evidence("runtimeVersion", prefix + "package.json", "engines.node " + engines.asString()));
            return version(engines.asString());
        }
        return null;
    }

    private static String version(String range) {
        if (range == null) {
            return null;
        }
        Matcher matcher = VERSION.matcher(range);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static Map<String, String> entries(JsonNode object) {
        Map<String, String> entries = new HashMap<>();
        if (object.isObject()) {
            object.properties().forEach(entry -> entries.put(entry.getKey(),
                    entry.getValue().isString() ? entry.getValue().asString() : entry.getValue().toString()));
        }
        return entries;
    }

    private static String runPrefix(String manager) {
        return switch (manager) {
            case "yarn" -> "yarn";
            case "pnpm" -> "pnpm run";
            case "bun" -> "bun run";
            default -> "npm run";
        };
    }

    private static String execPrefix(String manager) {
        return switch (manager) {
            case "yarn" -> "yarn";
            case "pnpm" -> "pnpm exec";
            case "bun" -> "bunx";
            default -> "npx";
        };
    }
}
