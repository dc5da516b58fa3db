package dev.autodeploy.git;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.LoggerFactory;

import org.springframework.util.FileSystemUtils;

/** A commit checked out in a temporary directory, deleted (with everything in it) on close. */
public final class Checkout implements AutoCloseable {

    private static final int DELETE_ATTEMPTS = 10;
    private static final Duration DELETE_PAUSE = Duration.ofMillis(100);

    private final Path directory;
    private final String commit;
    private final CommitInfo info;

    Checkout(Path directory, String commit, CommitInfo info) {
        this.directory = directory;
        this.commit = commit;
        this.info = info;
    }

    public Path directory() {
        return directory;
    }

    public String commit() {
        return commit;
    }

    /** The checked-out commit's message, author and times, read while the repository was open. */
    public CommitInfo info() {
        return info;
    }

    @Override
    public void close() {
        delete(directory);
    }

    /**
     * Deletes the directory, trying a few times: JGit may still be writing a file into it from another
     * thread (its file-system timestamp probe, a pack being finished) while the tree is walked, which
     * makes a single pass fail with {@code DirectoryNotEmptyException}.
     */
    static void delete(Path directory) {
        IOException last = null;
        for (int attempt = 0; attempt < DELETE_ATTEMPTS; attempt++) {
            try {
                FileSystemUtils.deleteRecursively(directory);
                return;
            }
            catch (IOException ex) {
                last = ex;
                LockSupport.parkNanos(DELETE_PAUSE.toNanos());
            }
        }
        // Left for GitRemotes.deleteStaleClones (the analyzer's AnalysisSweeper calls it).
        LoggerFactory.getLogger(Checkout.class).warn("Could not delete clone directory {}: {}",
                directory.getFileName(), last.getClass().getSimpleName());
    }
}
