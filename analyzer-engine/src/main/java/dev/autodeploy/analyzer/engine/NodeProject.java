package dev.autodeploy.analyzer.engine;

import java.util.List;

/**
 * What the engine concluded about one Node/JavaScript project (a directory with a {@code package.json}).
 *
 * @param directory the project's directory relative to the repository root ("" for the root)
 * @param framework the detected framework, or null for a plain Node project
 * @param language {@code typescript} or {@code javascript}
 * @param packageManager the package manager's id, e.g. {@code pnpm}
 * @param build how to install, build, start and develop it
 * @param evidence why, one entry per conclusion
 */
public record NodeProject(String directory, Framework framework, String language, String packageManager,
        BuildConfiguration build, List<Evidence> evidence) {

    /** A detected framework; {@code version} is the declared range stripped of its operator, if any. */
    public record Framework(String id, String name, String version, double confidence, String kind) {
    }

    /** Commands are null when the project has no way to do that step. */
    public record BuildConfiguration(String installCommand, String buildCommand, String startCommand,
            String devCommand, String outputDirectory, String runtime, String runtimeVersion) {
    }
}
