package dev.autodeploy.deployer.target.local;

/**
 * Receives output line by line: a child process's, or a log file's. Called from the reading threads; for a piped
 * process, standard output's and standard error's call it concurrently.
 */
@FunctionalInterface
interface LineSink {

    /**
     * @param level {@code info} for standard output and log file lines, {@code warn} for standard error and
     *     notices about dropped lines
     * @param text one line, without its line break, at most {@value LineSplitter#MAX_LINE_BYTES} bytes of UTF-8
     */
    void line(String level, String text);
}
