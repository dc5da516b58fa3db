package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Finds the environment variables a project reads: from its example env files, its source code and
 * its configuration (Dockerfile, Compose, Spring, Prisma), then from the conventions of the
 * dependencies it declares. Never reports a value, and never reads a real env file.
 */
public class EnvironmentVariables {

    /** Files read per project at most; the rest is skipped with a warning. */
    static final int MAX_FILES = 3_000;
    /** Variables reported per project at most: a generated file must not produce an endless list. */
    static final int MAX_VARIABLES = 500;
    /** Directories that hold tests, fixtures, examples or dependencies, not what the app reads when deployed. */
    private static final Set<String> NOT_APP_DIRECTORIES = Set.of("test", "tests", "__tests__", "spec", "specs",
            "e2e", "fixture", "fixtures", "__fixtures__", "__mocks__", "mocks", "testdata", "test-data", "example",
            "examples", "sample", "samples", "cypress", "node_modules", "vendor", "bower_components");
    private static final Pattern TEST_FILE = Pattern.compile(
            ".{1,200}\\.(?:test|spec|stories)\\.[A-Za-z0-9]{1,8}|.{1,200}_(?:test|spec)\\.(?:go|py|rb|exs)"
                    + "|test_.{1,200}\\.py|conftest\\.py|.{1,200}(?:Test|Tests|Spec|IT)\\.(?:java|kt|cs|scala|groovy)");

    private final EnvConventions conventions;
    private final EnvReferences references;

    public EnvironmentVariables() {
        this(EnvConventions.bundled());
    }

    EnvironmentVariables(EnvConventions conventions) {
        this.conventions = conventions;
        this.references = new EnvReferences(conventions);
    }

    /** The variables the project in {@code directory} reads, sorted by key; every file below it is looked at. */
    public List<Analysis.EnvironmentVariable> extract(RepositoryTree tree, String directory, List<Manifest> manifests,
            Warnings warnings) {
        return extract(tree, directory, List.of(), manifests, warnings);
    }

    /**
     * The variables the project in {@code directory} ("" for the root) reads, sorted by key, leaving out
     * the files under {@code excludedDirectories} (relative to the repository root): the sub-projects of
     * a monorepo, whose variables are their own, not the root's.
     */
    public List<Analysis.EnvironmentVariable> extract(RepositoryTree tree, String directory,
            Collection<String> excludedDirectories, List<Manifest> manifests, Warnings warnings) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        List<String> excluded = excludedDirectories.stream().map(EnvironmentVariables::trimSlashes)
                .filter(d -> !d.isEmpty() && !d.equals(directory)).map(d -> d + "/").toList();
        List<String> projectFiles = new ArrayList<>();
        List<String> examples = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (String path : tree.files()) {
            if (!path.startsWith(prefix) || excluded.stream().anyMatch(path::startsWith)) {
                continue;
            }
            String relative = path.substring(prefix.length());
            projectFiles.add(relative);
            if (!appFile(relative)) {
                continue;
            }
            String name = relative.substring(relative.lastIndexOf('/') + 1);
            if (ExampleEnvFiles.isExample(name)) {
                examples.add(path);
            }
            else if (references.languageOf(path) != null) {
                sources.add(path);
            }
        }
        // Example files first: they describe the variables, so theirs is the source worth citing.
        List<String> toRead = new ArrayList<>(examples);
        toRead.addAll(sources);
        if (toRead.size() > MAX_FILES) {
            warnings.add("More than " + MAX_FILES + " files could name environment variables in "
                    + (directory.isEmpty() ? "the repository root" : directory) + ": only the first " + MAX_FILES
                    + " were looked at");
            toRead = toRead.subList(0, MAX_FILES);
        }
        Set<String> exampleSet = Set.copyOf(examples);
        Map<String, Merged> found = new LinkedHashMap<>();
        boolean javascript = manifests.stream().anyMatch(m -> m.ecosystem().equals("node")
                || m.ecosystem().equals("deno"));
        for (String path : toRead) {
            String text = tree.read(path).orElse(null);
            if (text == null || text.indexOf('\0') >= 0) {
                continue; // unreadable, too large (the tree warned) or binary
            }
            List<EnvSighting> sightings;
            if (exampleSet.contains(path)) {
                sightings = ExampleEnvFiles.parse(path, text);
            }
            else {
                EnvReferences.Language language = references.languageOf(path);
                javascript |= language.id().equals("javascript");
                sightings = references.scan(language, path, text);
            }
            for (EnvSighting sighting : sightings) {
                if (conventions.isIgnored(sighting.key())) {
                    continue;
                }
                Merged merged = found.get(sighting.key());
                if (merged == null) {
                    if (found.size() >= MAX_VARIABLES) {
                        warnings.add("More than " + MAX_VARIABLES + " environment variables in "
                                + (directory.isEmpty() ? "the repository root" : directory)
                                + ": the rest were not reported");
                        continue;
                    }
                    found.put(sighting.key(), new Merged(sighting));
                }
                else {
                    merged.add(sighting);
                }
            }
        }
        Map<String, EnvConventions.Variable> byConvention = new LinkedHashMap<>();
        Map<String, String> conventionSources = new LinkedHashMap<>();
        for (EnvConventions.Convention convention : conventions.conventions()) {
            String dependency = convention.dependencies().stream()
                    .filter(d -> manifests.stream().anyMatch(m -> m.declares(d))).findFirst().orElse(null);
            if (dependency == null
                    || !convention.whenFiles().isEmpty() && !EnvConventions.anyMatches(convention.whenFiles(),
                            projectFiles)
                    || EnvConventions.anyMatches(convention.unlessFiles(), projectFiles)
                    || convention.unlessKeyContains() != null
                            && found.keySet().stream().anyMatch(k -> k.contains(convention.unlessKeyContains()))) {
                continue;
            }
            for (EnvConventions.Variable variable : convention.variables()) {
                if (!conventions.isIgnored(variable.key())) {
                    byConvention.putIfAbsent(variable.key(), variable);
                    conventionSources.putIfAbsent(variable.key(), "convention: " + dependency);
                }
            }
        }
        TreeMap<String, Analysis.EnvironmentVariable> variables = new TreeMap<>();
        for (Merged merged : found.values()) {
            String key = merged.key;
            EnvConventions.Variable convention = byConvention.get(key);
            String type = EnvClassifier.type(key, merged.kinds, javascript);
            String description = merged.comment != null ? merged.comment
                    : convention != null ? convention.description()
                    : EnvClassifier.describe(key, type, merged.kinds, javascript, conventions.platformProvided()
                            .get("PORT"));
            boolean platform = conventions.platformProvided().containsKey(key);
            if (platform && merged.comment == null) {
                description = conventions.platformProvided().get(key);
            }
            variables.put(key, new Analysis.EnvironmentVariable(key, !platform && merged.required, type, description,
                    merged.source));
        }
        for (Map.Entry<String, EnvConventions.Variable> entry : byConvention.entrySet()) {
            EnvConventions.Variable variable = entry.getValue();
            if (!variables.containsKey(entry.getKey()) && variables.size() < MAX_VARIABLES) {
                variables.put(entry.getKey(), new Analysis.EnvironmentVariable(variable.key(),
                        variable.required() && !conventions.platformProvided().containsKey(variable.key()),
                        variable.type(), variable.description(), conventionSources.get(entry.getKey())));
            }
        }
        return List.copyOf(variables.values());
    }

    /** Whether a file (relative to the project) is part of what the app runs: not a test, fixture or example. */
    private static boolean appFile(String relative) {
        String[] segments = relative.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (NOT_APP_DIRECTORIES.contains(segments[i])) {
                return false;
            }
        }
        return !TEST_FILE.matcher(segments[segments.length - 1]).matches();
    }

    private static String trimSlashes(String directory) {
        String trimmed = directory.strip();
        while (trimmed.startsWith("./")) {
            trimmed = trimmed.substring(2);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /**
     * Every sighting of one variable: the first source is kept; it is required unless every sighting
     * has a default; the first comment describes it; what all its values looked like classifies it.
     */
    private static final class Merged {

        final String key;
        final String source;
        boolean required;
        String comment;
        final EnumSet<EnvSighting.ValueKind> kinds = EnumSet.noneOf(EnvSighting.ValueKind.class);

        Merged(EnvSighting first) {
            key = first.key();
            source = first.source();
            add(first);
        }

        void add(EnvSighting sighting) {
            required |= !sighting.hasDefault();
            if (comment == null) {
                comment = sighting.comment();
            }
            kinds.addAll(sighting.kinds());
        }
    }
}
