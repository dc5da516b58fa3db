package dev.autodeploy.deployer.target;

/**
 * Where a target writes a deployment's log lines (they go to {@code autodeploy.deployment.logs}). A sink
 * stays usable after the step that received it: a running app's output keeps flowing to its deployment.
 */
@FunctionalInterface
public interface LogSink {

    /**
     * @param level {@code debug}, {@code info}, {@code warn} or {@code error}
     * @param source {@code build}, {@code runtime} or {@code system}
     */
    void line(String level, String source, String message);

    default void info(String message) {
        line("info", "system", message);
    }

    default void warn(String message) {
        line("warn", "system", message);
    }

    default void error(String message) {
        line("error", "system", message);
    }
}
