package dev.autodeploy.analyzer.engine;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the engine concluded about a repository, in the shape of seed 001's analysis response. The
 * top-level fields describe the primary app (the root, or the most deployable app of a monorepo);
 * {@code apps} lists every project found, primary first. Every conclusion cites its {@link Evidence};
 * what could not be looked at is in {@code warnings}.
 *
 * @param engineVersion version of the engine and catalog that produced this analysis
 * @param rootDirectory the primary app's directory relative to the repository root ("" for the root):
 *        its commands run there (package managers find a workspace's lock file from there themselves)
 * @param framework the primary app's framework, or null when none was recognised
 * @param language the primary app's language, e.g. {@code typescript}, or null
 * @param packageManager the primary app's package manager, or null
 * @param buildConfiguration how to install, build, start and develop the primary app
 * @param environmentVariables variables the primary app reads
 * @param dependencies the primary app's declared dependencies
 * @param recommendations where and how to run it
 * @param monorepo whether more than one project was found
 * @param apps every project found, primary first
 * @param evidence why, for the primary app
 * @param warnings what could not be looked at or was malformed
 */
public record Analysis(String engineVersion, String rootDirectory, Framework framework, String language, String packageManager,
        BuildConfiguration buildConfiguration, List<EnvironmentVariable> environmentVariables,
        Dependencies dependencies, Recommendations recommendations, boolean monorepo, List<App> apps,
        List<Evidence> evidence, List<String> warnings) {

    /**
     * A detected framework or stack.
     *
     * @param id stable id from the catalog, e.g. {@code nextjs}
     * @param name display name, e.g. {@code Next.js}
     * @param version the declared version (range operators stripped), or null
     * @param confidence 0..1: a dependency plus a config file is near-certain, a file alone less so
     * @param kind {@code server} (a process to run) or {@code static} (files to serve)
     */
    public record Framework(String id, String name, String version, double confidence, String kind) {
    }

    /** Commands are null when the project has no way to do that step. */
    public record BuildConfiguration(String installCommand, String buildCommand, String startCommand,
            String devCommand, String outputDirectory, String runtime, String runtimeVersion) {
    }

    /**
     * An environment variable the code or its configuration reads.
     *
     * @param key the variable's name
     * @param required true when nothing supplies a default
     * @param type {@code database_connection}, {@code url}, {@code secret}, {@code port}, {@code flag} or {@code string}
     * @param description what it is for, when it can be told
     * @param source the file (and line) it was found in
     */
    public record EnvironmentVariable(String key, boolean required, String type, String description,
            String source) {
    }

    /** Declared dependency names, sorted. */
    public record Dependencies(List<String> production, List<String> development) {
    }

    /** Where to run it, which database to give it, and what that costs a month. */
    public record Recommendations(String provider, String database, EstimatedCost estimatedCost,
            List<String> reasons) {
    }

    public record EstimatedCost(BigDecimal monthly, String currency) {
    }

    /**
     * One project of the repository (the root, a workspace package, a sub-directory with a manifest).
     *
     * @param directory relative to the repository root, "" for the root
     * @param name the manifest's name, else the directory's
     * @param role {@code app} (deployable) or {@code library}
     */
    public record App(String directory, String name, String role, Framework framework, String language,
            String packageManager, BuildConfiguration buildConfiguration,
            List<EnvironmentVariable> environmentVariables, Dependencies dependencies, List<Evidence> evidence) {
    }
}
