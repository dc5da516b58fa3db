package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The engine's entry point: analyzes a checked-out repository without running any of it. Finds the
 * projects in it (the root, the workspaces it declares, and manifests in the first two directory
 * levels), analyzes each, picks the most deployable as the primary app, and recommends where to run it.
 * Thread-safe: one instance serves any number of analyses.
 */
public final class RepositoryAnalyzer {

    /** Manifests that make a directory a project candidate when found below the root. */
    private static final List<String> PROJECT_FILES = List.of("package.json", "deno.json", "deno.jsonc",
            "pyproject.toml", "requirements.txt", "Pipfile", "setup.py", "Gemfile", "composer.json", "go.mod",
            "Cargo.toml", "pom.xml", "build.gradle", "build.gradle.kts", "mix.exs", "Dockerfile");
    private static final List<String> PROJECT_SUFFIXES = List.of(".csproj", ".fsproj");
    /** Site generators' configurations: a docs/ site beside the app is a project of its own. */
    private static final List<String> SITE_FILES = List.of("hugo.toml", "hugo.yaml", "hugo.json", "_config.yml");
    /**
     * Directories below the root that hold tests, examples, fixtures or a site generator's themes
     * (Hexo's themes/*, often a git submodule with a package.json of its own) rather than apps.
     */
    private static final Set<String> NOT_APPS = Set.of("test", "tests", "__tests__", "spec", "e2e", "fixtures",
            "__fixtures__", "examples", "example", "samples", "testdata", "node_modules", "vendor", "themes");
    private static final int DISCOVERY_DEPTH = 2;
    private static final int MAX_PROJECTS = 50;

    private final ProjectAnalyzer projects;
    private final Recommender recommender;
    private final TreeLimits limits;
    private final String version;

    public RepositoryAnalyzer() {
        this(TreeLimits.DEFAULT);
    }

    public RepositoryAnalyzer(TreeLimits limits) {
        this(FrameworkCatalog.bundled(), ManifestReaders.bundled(), new EnvironmentVariables(), Recommender.bundled(),
                limits);
    }

    RepositoryAnalyzer(FrameworkCatalog catalog, List<ManifestReader> readers, EnvironmentVariables variables,
            Recommender recommender, TreeLimits limits) {
        this.projects = new ProjectAnalyzer(catalog, readers, variables);
        this.recommender = recommender;
        this.limits = limits;
        this.version = fingerprint();
    }

    /** The version of engine and catalog: analyses made by the same version of the same commit are equal. */
    public String version() {
        return version;
    }

    private static String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<String> resources = new ArrayList<>(FrameworkCatalog.ECOSYSTEMS.stream()
                    .map(ecosystem -> "catalog/" + ecosystem + ".json").toList());
            resources.add("recommendations.json");
            resources.add("env-conventions.json");
            for (String resource : resources) {
                try (InputStream in = RepositoryAnalyzer.class.getResourceAsStream(resource)) {
                    if (in != null) {
                        digest.update(in.readAllBytes());
                    }
                }
            }
            Package pkg = RepositoryAnalyzer.class.getPackage();
            String implementation = pkg == null || pkg.getImplementationVersion() == null ? "dev"
                    : pkg.getImplementationVersion();
            return implementation + "+" + HexFormat.of().formatHex(digest.digest(), 0, 4);
        }
        catch (IOException | NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Cannot fingerprint the catalog", ex);
        }
    }

    /** Analyzes the checkout at {@code root}. Throws only when {@code root} is not a readable directory. */
    public Analysis analyze(Path root) throws IOException {
        RepositoryTree tree = RepositoryTree.scan(root, limits);
        Warnings warnings = new Warnings();
        List<ProjectAnalyzer.Project> found = new ArrayList<>();
        List<String> candidates = candidates(tree, projects.manifests(tree, "", warnings));
        if (candidates.size() > MAX_PROJECTS) {
            warnings.add("More than " + MAX_PROJECTS + " projects: the rest were not analyzed");
            candidates = candidates.subList(0, MAX_PROJECTS);
        }
        Optional<ProjectAnalyzer.Project> rootProject = projects.analyze(tree, "", candidates, warnings);
        rootProject.ifPresent(found::add);
        for (String directory : candidates) {
            List<String> below = candidates.stream().filter(other -> other.startsWith(directory + "/")).toList();
            projects.analyze(tree, directory, below, warnings).ifPresent(found::add);
        }
        tree.warnings().forEach(warnings::add);
        if (found.isEmpty()) {
            warnings.add("No project recognised: no manifest, site configuration or Dockerfile was found");
            return new Analysis(version, "", null, null, null, null, List.of(), new Analysis.Dependencies(List.of(),
                    List.of()), recommender.recommend(null), false, List.of(), List.of(), warnings.list());
        }
        ProjectAnalyzer.Project primary = found.stream().max(ProjectAnalyzer.deployability()).orElseThrow();
        List<Analysis.App> apps = new ArrayList<>();
        apps.add(primary.app());
        found.stream().filter(project -> project != primary).map(ProjectAnalyzer.Project::app).forEach(apps::add);
        Analysis.App app = primary.app();
        long deployable = found.stream().filter(project -> project.app().role().equals("app")).count();
        return new Analysis(version, app.directory(), app.framework(), app.language(), app.packageManager(), app.buildConfiguration(),
                app.environmentVariables(), app.dependencies(), recommender.recommend(primary), deployable > 1
                        || found.size() > 1 && !rootProject.map(p -> p.manifest().workspaces().isEmpty()).orElse(true),
                List.copyOf(apps), app.evidence(), warnings.list());
    }

    /**
     * Directories to analyze besides the root: the workspaces the root declares, then any directory in
     * the first levels holding a manifest (not tests, examples or fixtures), in sorted order.
     */
    private static List<String> candidates(RepositoryTree tree, List<Manifest> rootManifests) {
        Set<String> directories = new LinkedHashSet<>();
        List<String> globs = rootManifests.stream().flatMap(manifest -> manifest.workspaces().stream()).toList();
        Set<String> all = directoriesOf(tree);
        for (String glob : globs) {
            if (glob.startsWith("!")) {
                continue;
            }
            Pattern pattern = globPattern(glob);
            all.stream().filter(directory -> pattern.matcher(directory).matches()).sorted().forEach(directories::add);
        }
        all.stream().filter(directory -> !directory.isEmpty() && depth(directory) <= DISCOVERY_DEPTH)
                .filter(directory -> java.util.Arrays.stream(directory.split("/")).noneMatch(NOT_APPS::contains))
                .filter(directory -> hasProjectFile(tree, directory)).sorted().forEach(directories::add);
        directories.remove("");
        return List.copyOf(directories);
    }

    private static boolean hasProjectFile(RepositoryTree tree, String directory) {
        return PROJECT_FILES.stream().anyMatch(file -> tree.exists(directory + "/" + file))
                || PROJECT_SUFFIXES.stream().anyMatch(suffix -> !tree.filesIn(directory, suffix).isEmpty())
                || SITE_FILES.stream().anyMatch(file -> tree.exists(directory + "/" + file));
    }

    private static Set<String> directoriesOf(RepositoryTree tree) {
        Set<String> directories = new LinkedHashSet<>();
        for (String file : tree.files()) {
            int slash = file.lastIndexOf('/');
            while (slash > 0) {
                directories.add(file.substring(0, slash));
                slash = file.lastIndexOf('/', slash - 1);
            }
        }
        return directories;
    }

    /** A workspace glob ({@code apps/*}, {@code packages/**}, {@code ./tools/cli}) as a pattern over directories. */
    static Pattern globPattern(String glob) {
        String normalized = glob.strip();
        while (normalized.startsWith("./")) {
            normalized = normalized.substring(2);
        }
        if (normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (c == '*' && i + 1 < normalized.length() && normalized.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            }
            else if (c == '*') {
                regex.append("[^/]*");
            }
            else if (c == '?') {
                regex.append("[^/]");
            }
            else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static int depth(String directory) {
        return directory.split("/").length;
    }
}
