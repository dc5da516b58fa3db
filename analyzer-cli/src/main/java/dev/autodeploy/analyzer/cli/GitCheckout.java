package dev.autodeploy.analyzer.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/** A shallow clone of a Git URL in a temporary directory, deleted on close. */
final class GitCheckout implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("^(https?|file|ssh|git)://.+|^[\\w.-]+@[\\w.-]+:.+");
    private static final Pattern CREDENTIALS = Pattern.compile("(?<=://)[^/@]*@");

    /** Cloning failed; the message names the URL without credentials. */
    static final class CloneFailed extends Exception {
        CloneFailed(String message) {
            super(message);
        }
    }

    private final Path directory;
    private final String commit;

    private GitCheckout(Path directory, String commit) {
        this.directory = directory;
        this.commit = commit;
    }

    static boolean isUrl(String target) {
        return URL.matcher(target).matches();
    }

    /** {@code url} as it may be shown: user and password removed. */
    static String withoutCredentials(String url) {
        return CREDENTIALS.matcher(url).replaceFirst("");
    }

    static GitCheckout shallowClone(String url, String branch) throws IOException, CloneFailed {
        Path directory = Files.createTempDirectory("autodeploy-analyze-");
        String shown = withoutCredentials(url);
        try {
            var clone = Git.cloneRepository().setURI(url).setDirectory(directory.toFile()).setDepth(1)
                    .setCloneSubmodules(false).setTimeout(120);
            if (branch != null) {
                clone.setBranch(branch);
            }
            try (Git git = clone.call()) {
                ObjectId head = git.getRepository().resolve(Constants.HEAD);
                if (head == null) {
                    throw new CloneFailed("Cloned " + shown + " but it has no commits");
                }
                return new GitCheckout(directory, head.getName());
            }
        }
        catch (GitAPIException | RuntimeException ex) {
            delete(directory);
            String reason = ex.getMessage() == null ? ex.getClass().getSimpleName()
                    : ex.getMessage().replace(url, shown);
            throw new CloneFailed("Cannot clone " + shown + ": " + withoutCredentials(reason));
        }
        catch (CloneFailed ex) {
            delete(directory);
            throw ex;
        }
    }

    Path directory() {
        return directory;
    }

    String commit() {
        return commit;
    }

    @Override
    public void close() throws IOException {
        delete(directory);
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
