package dev.autodeploy.deployer.target.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The releases the local target keeps per environment: {@code <env>/releases/<built-by>/} holds the checked-out
 * commit ({@code app/}, without {@code .git}), the output of its build, and {@code release.json}, written last —
 * a directory without it is an interrupted build and is thrown away. Old releases are pruned, never one that
 * runs.
 */
final class LocalReleases {

    private static final String MARKER = "release.json";
    private static final Set<String> NOT_CHECKSUMMED = Set.of(".git", "node_modules", ".cache", ".npm");

    /** What a complete release says about itself. */
    record Manifest(UUID builtBy, String commitSha, String rootDirectory, String checksum, Instant builtAt) {
    }

    private final Path root;
    private final JsonMapper json;

    LocalReleases(Path environmentDirectory, JsonMapper json) {
        this.root = environmentDirectory.resolve("releases");
        this.json = json;
    }

    Path directory(UUID builtBy) {
        return root.resolve(builtBy.toString());
    }

    /** Where the repository's files are in a release. */
    Path checkout(UUID builtBy) {
        return directory(builtBy).resolve("app");
    }

    Optional<Manifest> complete(UUID builtBy) {
        Path marker = directory(builtBy).resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(Files.readString(marker, StandardCharsets.UTF_8), Manifest.class));
        }
        catch (IOException | RuntimeException ex) {
            return Optional.empty();
        }
    }

    /** A fresh directory for the release, with the checkout moved in (what an interrupted build left goes). */
    Path prepare(UUID builtBy, Path source) throws IOException {
        Path directory = directory(builtBy);
        FileSystemUtils.deleteRecursively(directory);
        Files.createDirectories(directory);
        Path checkout = checkout(builtBy);
        try {
            Files.move(source, checkout, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException ex) {
            FileSystemUtils.copyRecursively(source, checkout);
            FileSystemUtils.deleteRecursively(source);
        }
        FileSystemUtils.deleteRecursively(checkout.resolve(".git"));
        return checkout;
    }

    void markComplete(Manifest manifest) throws IOException {
        Path directory = directory(manifest.builtBy());
        Path temporary = directory.resolve(MARKER + ".tmp");
        Files.writeString(temporary, json.writeValueAsString(manifest), StandardCharsets.UTF_8);
        Files.move(temporary, directory.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deletes all but the {@code keep} newest complete releases (and interrupted ones), sparing {@code running}. */
    void prune(int keep, Set<UUID> running) {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Manifest> complete = new ArrayList<>();
        List<Path> interrupted = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                Optional<UUID> id = uuid(entry.getFileName().toString());
                if (id.isEmpty() || running.contains(id.get())) {
                    continue;
                }
                complete(id.get()).ifPresentOrElse(complete::add, () -> interrupted.add(entry));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        complete.sort(Comparator.comparing(Manifest::builtAt).reversed());
        List<Path> doomed = new ArrayList<>(interrupted);
        complete.stream().skip(Math.max(0, keep - running.size())).forEach(m -> doomed.add(directory(m.builtBy())));
        for (Path path : doomed) {
            try {
                FileSystemUtils.deleteRecursively(path);
            }
            catch (IOException ex) {
                // A build of that release may still be writing: next time.
            }
        }
    }

    /**
     * A digest of the release's files (paths and contents, in path order), without dependency and cache
     * directories, whose contents the lock files already pin.
     */
    static String checksum(Path directory) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return !dir.equals(directory) && NOT_CHECKSUMMED.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.comparing(path -> directory.relativize(path).toString()));
        byte[] buffer = new byte[64 * 1024];
        for (Path file : files) {
            digest.update(directory.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, read);
                }
            }
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static Optional<UUID> uuid(String name) {
        try {
            return Optional.of(UUID.fromString(name));
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }
}
