package dev.autodeploy.git;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.LoggerFactory;

import org.springframework.util.FileSystemUtils;

/**
 * A commit checked out in a temporary directory, deleted (with everything in it) on close unless it was
 * moved elsewhere with {@link #moveTo}. Meant for one owner at a time.
 */
public final class Checkout implements AutoCloseable {

    private static final int DELETE_ATTEMPTS = 10;
    private static final Duration DELETE_PAUSE = Duration.ofMillis(100);

    private final String commit;
    private final CommitInfo info;
    private Path directory;
    private boolean handedOver;
    private boolean closed;

    Checkout(Path directory, String commit, CommitInfo info) {
        this.directory = directory;
        this.commit = commit;
        this.info = info;
    }

    /** Where the files are: the temporary directory, or the target of {@link #moveTo}. */
    public synchronized Path directory() {
        return directory;
    }

    public String commit() {
        return commit;
    }

    /** The checked-out commit's message, author and times, read while the repository was open. */
    public CommitInfo info() {
        return info;
    }

    /**
     * Moves the checkout to {@code target} and hands it over: afterwards {@link #directory()} is the new
     * path and {@link #close()} deletes nothing, the caller owns the directory. The {@code .git} directory
     * moves along; a caller that wants the files alone may delete it. {@code target} must not exist; its
     * parent directories are created. A rename where the file system allows, otherwise (another file
     * system) a copy, then the temporary directory is deleted. Keep {@code target} out of
     * {@code autodeploy.git.work-directory}, whose stale {@code clone-*} entries are swept.
     *
     * @return the new directory, absolute
     * @throws FileAlreadyExistsException when {@code target} exists
     * @throws IOException when the move fails; the checkout then stays where it was, still deleted on close
     * @throws IllegalStateException when the checkout was already moved or closed
     */
    public synchronized Path moveTo(Path target) throws IOException {
        if (handedOver || closed) {
            throw new IllegalStateException(handedOver ? "The checkout was moved already" : "The checkout is closed");
        }
        Path destination = target.toAbsolutePath().normalize();
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(destination.toString());
        }
        if (destination.getParent() != null) {
            Files.createDirectories(destination.getParent());
        }
        try {
            Files.move(directory, destination, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (AtomicMoveNotSupportedException ex) {
            // Another file system (a volume for releases, say): no rename across it, so copy and delete.
            copyThenDelete(directory, destination);
        }
        directory = destination;
        handedOver = true;
        return destination;
    }

    @Override
    public synchronized void close() {
        if (handedOver || closed) {
            return;
        }
        closed = true;
        delete(directory);
    }

    /**
     * Copies the tree (executable bits and times kept, links copied as links) and deletes the source; on
     * a failed copy the partial target is removed and the source left as it was.
     */
    static void copyThenDelete(Path source, Path target) throws IOException {
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    Files.copy(dir, target.resolve(source.relativize(dir).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    try {
                        Files.copy(file, target.resolve(source.relativize(file).toString()),
                                StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    }
                    catch (NoSuchFileException ex) {
                        // Gone since it was listed: a temporary file of JGit's (see delete), not part of the commit.
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (IOException | RuntimeException ex) {
            delete(target);
            throw ex;
        }
        delete(source);
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
