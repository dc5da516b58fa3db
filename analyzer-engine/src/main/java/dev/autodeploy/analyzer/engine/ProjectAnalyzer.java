package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Analyzes the project in one directory: every ecosystem's manifest found there is matched against
 * the catalog, the highest-priority rule wins, and its command templates are filled from the winning
 * manifest. A project's own scripts ({@code build}, {@code start}, {@code dev}) override the templates;
 * a step the framework rule has no command for falls back to the ecosystem's plain rule.
 */
public final class ProjectAnalyzer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");
    private static final Pattern RUN_SCRIPT = Pattern.compile("^\\{run} (\\S+)$");

    private final FrameworkCatalog catalog;
    private final List<ManifestReader> readers;
    private final EnvironmentVariables environmentVariables;

    public ProjectAnalyzer(FrameworkCatalog catalog, List<ManifestReader> readers,
            EnvironmentVariables environmentVariables) {
        this.catalog = catalog;
        this.readers = List.copyOf(readers);
        this.environmentVariables = environmentVariables;
    }

    /** A project found in a directory, with the manifest and rule that decided it. */
    public record Project(Analysis.App app, Manifest manifest, FrameworkRule.Match match, List<Manifest> manifests) {
    }

    /** The project in {@code directory} ("" for the root), or empty when no reader finds one there. */
    public Optional<Project> analyze(RepositoryTree tree, String directory, Warnings warnings) {
        return analyze(tree, directory, List.of(), warnings);
    }

    /**
     * The project in {@code directory}, its environment variables read without the sub-projects in
     * {@code excludedDirectories} (in a monorepo each app's variables belong to that app, not the root).
     */
    public Optional<Project> analyze(RepositoryTree tree, String directory, List<String> excludedDirectories,
            Warnings warnings) {
        List<Manifest> manifests = manifests(tree, directory, warnings);
        if (manifests.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(analyze(tree, directory, manifests, excludedDirectories, warnings));
    }

    /** Every ecosystem's manifest found in {@code directory}. */
    List<Manifest> manifests(RepositoryTree tree, String directory, Warnings warnings) {
        List<Manifest> manifests = new ArrayList<>();
        for (ManifestReader reader : readers) {
            try {
                reader.read(tree, directory, warnings).ifPresent(manifests::add);
            }
            catch (RuntimeException ex) {
                // A reader bug must not turn one odd manifest into a failed analysis.
                warnings.add("The " + reader.ecosystem() + " reader could not read " + display(directory) + ": "
                        + ex.getClass().getSimpleName());
            }
        }
        return manifests;
    }

    private Project analyze(RepositoryTree tree, String directory, List<Manifest> manifests,
            List<String> excludedDirectories, Warnings warnings) {
        FrameworkRule.Match best = null;
        Manifest winner = null;
        for (FrameworkRule rule : catalog.rules()) {
            for (Manifest manifest : manifests) {
                Optional<FrameworkRule.Match> match = rule.match(manifest, tree);
                if (match.isPresent() && (best == null || rule.priority() > best.rule().priority())) {
                    best = match.get();
                    winner = manifest;
                }
            }
            if (best != null) {
                break; // rules are sorted by priority: the first match is the best
            }
        }
        if (best == null) {
            // No rule for this ecosystem at all (not even a fallback): report the manifest without a framework.
            winner = manifests.getFirst();
        }
        winner = withConfigPlaceholders(best, winner);
        List<Evidence> evidence = new ArrayList<>(winner.evidence());
        FrameworkRule rule = best == null ? null : best.rule();
        Analysis.Framework framework = null;
        if (best != null) {
            evidence.addAll(0, best.evidence());
            framework = new Analysis.Framework(rule.id(), rule.name(), best.version(), best.confidence(), rule.kind());
        }
        Optional<FrameworkRule> plain = fallbackOf(winner, tree);
        String build = command("build", rule, plain, winner, evidence);
        String start = command("start", rule, plain, winner, evidence);
        String dev = command("dev", rule, plain, winner, evidence);
        String install = winner.installCommand();
        Optional<Manifest> assets = assetsOf(rule, winner, manifests);
        if (assets.isPresent()) {
            Manifest front = assets.get();
            install = join(install, front.installCommand());
            build = join(front.placeholders().get("run") + " build", build);
            evidence.add(new Evidence("buildCommand", front.file(), "script build (front-end assets)"));
        }
        Analysis.BuildConfiguration configuration = new Analysis.BuildConfiguration(install, build,
                start, dev, output(rule, winner), winner.runtime(), winner.runtimeVersion());
        List<Analysis.EnvironmentVariable> variables = environmentVariables.extract(tree, directory,
                excludedDirectories, manifests, warnings);
        Analysis.Dependencies dependencies = new Analysis.Dependencies(
                winner.production().keySet().stream().sorted().toList(),
                winner.development().keySet().stream().sorted().toList());
        // A workspace root without a start command only orchestrates its packages (e.g. "build": "turbo run
        // build", a Maven aggregator whose parent is Spring Boot's): it is not an app of its own. Without a
        // framework, only a start command makes a project an app — a build alone is what libraries have too.
        boolean orchestrator = start == null && !winner.workspaces().isEmpty();
        boolean deployable = !orchestrator && ((rule != null && !rule.fallback()) || start != null);
        String name = winner.name() != null ? winner.name()
                : directory.isEmpty() ? null : directory.substring(directory.lastIndexOf('/') + 1);
        // A Dockerfile says how to build, not what the code is written in: take the language from another manifest.
        String language = winner.language() != null ? winner.language()
                : manifests.stream().map(Manifest::language).filter(Objects::nonNull).findFirst().orElse(null);
        Analysis.App app = new Analysis.App(directory, name, deployable ? "app" : "library", framework,
                language, winner.packageManager(), configuration, variables, dependencies,
                List.copyOf(evidence));
        return new Project(app, winner, best, List.copyOf(manifests));
    }

    /** The ecosystem's plain rule for this manifest: the first fallback that matches it (plain Maven or plain Gradle). */
    private Optional<FrameworkRule> fallbackOf(Manifest manifest, RepositoryTree tree) {
        return catalog.rules().stream().filter(r -> r.ecosystem().equals(manifest.ecosystem()) && r.fallback())
                .filter(r -> r.match(manifest, tree).isPresent()).findFirst();
    }

    /**
     * The project's own script for {@code step} when it has one and its ecosystem runs scripts; else the
     * rule's template; else, for a server, the plain rule's template. Null when none can be filled.
     */
    private static String command(String step, FrameworkRule rule, Optional<FrameworkRule> plain, Manifest manifest,
            List<Evidence> evidence) {
        String run = manifest.placeholders().get("run");
        if (run != null) {
            for (String name : rule == null ? List.of(step) : rule.scriptsFor(step)) {
                String script = fill(name, manifest); // e.g. Angular's serve:ssr:{name}
                if (script != null && manifest.scripts().containsKey(script)) {
                    evidence.add(new Evidence(step + "Command", manifest.file(), "script " + script));
                    return run + " " + script;
                }
            }
        }
        String filled = rule == null ? null : fill(template(step, rule), manifest);
        if (filled == null && plain.isPresent() && (rule == null || !"static".equals(rule.kind()))) {
            filled = fill(template(step, plain.get()), manifest);
        }
        return filled;
    }

    /**
     * The manifest with {@code {configDir}} (the directory of the config file that confirmed the rule,
     * relative to the project, {@code .} at its root) and {@code {configRoot}} (that directory's parent)
     * added to its placeholders, so a rule can say where a site generator's output goes
     * ({@code {configDir}/dist}) and which directory to build ({@code vitepress build {configRoot}}).
     */
    static Manifest withConfigPlaceholders(FrameworkRule.Match match, Manifest manifest) {
        if (match == null) {
            return manifest;
        }
        String prefix = manifest.directory().isEmpty() ? "" : manifest.directory() + "/";
        Optional<String> config = match.evidence().stream()
                .filter(e -> e.detail().equals("config file") || e.detail().equals("required file"))
                .map(Evidence::file).filter(file -> file.startsWith(prefix)).findFirst();
        if (config.isEmpty()) {
            return manifest;
        }
        String relative = config.get().substring(prefix.length());
        int slash = relative.lastIndexOf('/');
        String configDir = slash < 0 ? "." : relative.substring(0, slash);
        int parent = configDir.lastIndexOf('/');
        String configRoot = slash < 0 || parent < 0 ? "." : configDir.substring(0, parent);
        if (!SafeText.isPath(configDir.equals(".") ? "x" : configDir)
                || !SafeText.isPath(configRoot.equals(".") ? "x" : configRoot)) {
            return manifest;
        }
        Map<String, String> placeholders = new java.util.LinkedHashMap<>(manifest.placeholders());
        placeholders.put("configDir", configDir);
        placeholders.put("configRoot", configRoot);
        return new Manifest(manifest.ecosystem(), manifest.directory(), manifest.file(), manifest.name(),
                manifest.language(), manifest.packageManager(), manifest.installCommand(), manifest.production(),
                manifest.development(), manifest.scripts(), placeholders, manifest.runtime(),
                manifest.runtimeVersion(), manifest.workspaces(), manifest.evidence());
    }

    /** The rule's output directory with its placeholders filled; null when it names none or one is missing. */
    static String output(FrameworkRule rule, Manifest manifest) {
        if (rule == null || rule.output() == null) {
            return null;
        }
        String output = fill(rule.output(), manifest);
        return output != null && output.startsWith("./") ? output.substring(2) : output;
    }

    /** The manifest beside the winner that builds its front-end assets, when the rule asks for one with a build script. */
    private static Optional<Manifest> assetsOf(FrameworkRule rule, Manifest winner, List<Manifest> manifests) {
        if (rule == null || rule.assets() == null || rule.assets().equals(winner.ecosystem())) {
            return Optional.empty();
        }
        return manifests.stream().filter(m -> m.ecosystem().equals(rule.assets()))
                .filter(m -> m.scripts().containsKey("build") && m.placeholders().containsKey("run")).findFirst();
    }

    private static String join(String first, String second) {
        if (first == null) {
            return second;
        }
        return second == null ? first : first + " && " + second;
    }

    private static String template(String step, FrameworkRule rule) {
        return switch (step) {
            case "build" -> rule.build();
            case "start" -> rule.start();
            default -> rule.dev();
        };
    }

    /** The template with its placeholders filled, or null when one is missing or names a script the project lacks. */
    static String fill(String template, Manifest manifest) {
        if (template == null) {
            return null;
        }
        Matcher script = RUN_SCRIPT.matcher(template);
        if (script.matches() && !manifest.scripts().containsKey(script.group(1))) {
            return null;
        }
        Map<String, String> values = manifest.placeholders();
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null) {
                return null;
            }
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(filled);
        return filled.toString();
    }

    private static String display(String directory) {
        return directory.isEmpty() ? "the repository root" : directory;
    }

    static Comparator<Project> deployability() {
        return Comparator.<Project>comparingInt(p -> p.app().role().equals("app") ? 1 : 0)
                .thenComparingInt(p -> p.match() == null ? -1 : p.match().rule().priority())
                .thenComparingDouble(p -> p.match() == null ? 0 : p.match().confidence())
                .thenComparingInt(p -> -depth(p.app().directory()));
    }

    private static int depth(String directory) {
        return directory.isEmpty() ? 0 : directory.split("/").length;
    }
}
