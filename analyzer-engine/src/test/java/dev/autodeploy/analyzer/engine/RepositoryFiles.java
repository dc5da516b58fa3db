package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes files into a test's temporary repository. */
final class RepositoryFiles {

    private final Path root;

    RepositoryFiles(Path root) {
        this.root = root;
    }

    RepositoryFiles write(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    RepositoryTree tree() {
        try {
            return RepositoryTree.scan(root, TreeLimits.DEFAULT);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    Analysis analyze() {
        try {
            return new RepositoryAnalyzer().analyze(root);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
