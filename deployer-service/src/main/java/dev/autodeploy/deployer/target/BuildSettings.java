package dev.autodeploy.deployer.target;

/**
 * The effective build configuration of a deployment (detected by the analyzer, edited by the user). Commands
 * are command lines split into arguments by the target, never handed to a shell.
 *
 * @param runtime {@code node}, {@code python}, {@code java}, {@code static}, ... as the analyzer names it
 */
public record BuildSettings(String installCommand, String buildCommand, String startCommand,
        String outputDirectory, String runtime, String runtimeVersion) {
}
