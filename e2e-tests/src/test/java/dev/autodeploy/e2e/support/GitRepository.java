package dev.autodeploy.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** A Git repository on disk (branch main) that a test writes commits into; the suite reads it as {@code file://}. */
public final class GitRepository implements AutoCloseable {

    private final Path dir;

    private GitRepository(Path dir) {
        this.dir = dir;
    }

    public static GitRepository create(String prefix) {
        try {
            GitRepository repository = new GitRepository(Files.createTempDirectory("autodeploy-e2e-" + prefix + "-"));
            repository.git("init", "-q", "-b", "main");
            return repository;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL to register: {@code file:///...}. */
    public String url() {
        return "file://" + dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes the files (path → content, replacing what was there), commits them all and returns the commit SHA. */
    public String commit(String message, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = dir.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git("add", "-A");
        git("commit", "-q", "--allow-empty", "-m", message);
        return git("rev-parse", "HEAD").trim();
    }

    public String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=E2E", "-c", "user.email=e2e@example.test"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
