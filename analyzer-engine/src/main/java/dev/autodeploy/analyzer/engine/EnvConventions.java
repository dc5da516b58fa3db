package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the engine knows about environment variables without reading a project, as data
 * ({@code env-conventions.json}): variables never reported, variables the platform provides, and the
 * variables a dependency reads by itself. Adding a convention is adding an entry to that file.
 *
 * @param ignored names the shell, runtime, platform or build tools set; never reported
 * @param ignoredPrefixes the same, by prefix
 * @param importMetaEnvBuiltIns what Vite and Astro put in {@code import.meta.env} themselves
 * @param serverVariablePrefixes PHP {@code $_SERVER} entries the web server sets (CGI), by prefix
 * @param serverVariables the same, by name
 * @param platformProvided variables the platform sets → their description; reported optional
 * @param conventions the variables dependencies read by themselves
 */
record EnvConventions(Set<String> ignored, List<String> ignoredPrefixes, Set<String> importMetaEnvBuiltIns,
        List<String> serverVariablePrefixes, Set<String> serverVariables, Map<String, String> platformProvided,
        List<Convention> conventions) {

    EnvConventions {
        ignored = Set.copyOf(ignored);
        ignoredPrefixes = List.copyOf(ignoredPrefixes);
        importMetaEnvBuiltIns = Set.copyOf(importMetaEnvBuiltIns);
        serverVariablePrefixes = List.copyOf(serverVariablePrefixes);
        serverVariables = Set.copyOf(serverVariables);
        platformProvided = Map.copyOf(platformProvided);
        conventions = List.copyOf(conventions);
    }

    /**
     * Variables that come with a dependency.
     *
     * @param dependencies the convention applies when the project declares any of these
     * @param whenFiles when given, a file of the project must match one of these globs
     * @param unlessFiles skipped when a file of the project matches one of these globs: the code in it
     *        was scanned and is better evidence than the convention
     * @param unlessKeyContains skipped when a variable already found contains this: the project names
     *        that service's variables its own way
     */
    record Convention(List<String> dependencies, List<String> whenFiles, List<String> unlessFiles,
            String unlessKeyContains, List<Variable> variables) {

        Convention {
            dependencies = List.copyOf(dependencies);
            whenFiles = whenFiles == null ? List.of() : List.copyOf(whenFiles);
            unlessFiles = unlessFiles == null ? List.of() : List.copyOf(unlessFiles);
            variables = List.copyOf(variables);
        }
    }

    record Variable(String key, String type, boolean required, String description) {

        Variable {
            if (!EnvSighting.isKey(key)) {
                throw new IllegalStateException("env-conventions.json: not a variable name: " + key);
            }
        }
    }

    private static final EnvConventions BUNDLED = load();

    /** The conventions shipped with the engine. */
    static EnvConventions bundled() {
        return BUNDLED;
    }

    private static EnvConventions load() {
        try (InputStream in = EnvConventions.class.getResourceAsStream("env-conventions.json")) {
            if (in == null) {
                throw new IllegalStateException("env-conventions.json is missing from the engine");
            }
            JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
            return json.readValue(in, EnvConventions.class);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read env-conventions.json", ex);
        }
    }

    /** Whether {@code key} is never reported. */
    boolean isIgnored(String key) {
        return ignored.contains(key) || ignoredPrefixes.stream().anyMatch(key::startsWith);
    }

    /** Whether a PHP {@code $_SERVER} key is set by the web server rather than read from the environment. */
    boolean isServerVariable(String key) {
        return serverVariables.contains(key) || serverVariablePrefixes.stream().anyMatch(key::startsWith);
    }

    /** Whether any of {@code files} (relative to the project) matches any of {@code globs}. */
    static boolean anyMatches(List<String> globs, List<String> files) {
        for (String glob : globs) {
            Pattern pattern = RepositoryAnalyzer.globPattern(glob);
            if (files.stream().anyMatch(file -> pattern.matcher(file).matches())) {
                return true;
            }
        }
        return false;
    }
}
