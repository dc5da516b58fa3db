package dev.autodeploy.deployer.target;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective build configuration of a deployment (detected by the analyzer, edited by the user). Commands
 * are {@link CommandLine}s: split into arguments by the target and never handed to a shell.
 *
 * @param runtime {@code node}, {@code python}, {@code java}, {@code static}, ... as the analyzer names it
 * @param outputDirectory where a static site's files are after the build, relative to the app's directory
 * @param migrationsPath the repository's database migrations directory ({@code db/migration}), when the project
 *         declares one: each release records the highest migration of its commit
 */
public record BuildSettings(String installCommand, String buildCommand, String startCommand,
        String outputDirectory, String runtime, String runtimeVersion, String migrationsPath) {

    /** The keys of {@link #asMap()}, as the analyzer's {@code buildConfiguration} names them. */
    public static final List<String> KEYS = List.of("installCommand", "buildCommand", "startCommand",
            "outputDirectory", "runtime", "runtimeVersion", "migrationsPath");

    public BuildSettings(String installCommand, String buildCommand, String startCommand, String outputDirectory,
            String runtime, String runtimeVersion) {
        this(installCommand, buildCommand, startCommand, outputDirectory, runtime, runtimeVersion, null);
    }

    public static BuildSettings of(Map<String, String> values) {
        return new BuildSettings(values.get("installCommand"), values.get("buildCommand"), values.get("startCommand"),
                values.get("outputDirectory"), values.get("runtime"), values.get("runtimeVersion"),
                values.get("migrationsPath"));
    }

    /** The set values by key (absent ones left out). */
    public Map<String, String> asMap() {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "installCommand", installCommand);
        put(values, "buildCommand", buildCommand);
        put(values, "startCommand", startCommand);
        put(values, "outputDirectory", outputDirectory);
        put(values, "runtime", runtime);
        put(values, "runtimeVersion", runtimeVersion);
        put(values, "migrationsPath", migrationsPath);
        return values;
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null && !value.isBlank()) {
            values.put(key, value);
        }
    }
}
