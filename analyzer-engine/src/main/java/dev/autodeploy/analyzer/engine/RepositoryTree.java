package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A bounded, read-only view of a checked-out repository. Nothing in it is executed; symbolic links
 * are never followed (a link pointing out of the tree must not let a repository read the analyzer's
 * own files); directories of dependencies and build output are skipped; file count, depth and the
 * size of what is read are limited. What could not be looked at is reported as a warning, never
 * thrown. Paths are relative to the root, with {@code /} separators.
 */
public final class RepositoryTree {

    private final Path root;
    private final TreeLimits limits;
    /** Relative path → size in bytes, sorted so every analysis of the same tree sees the same order. */
    private final TreeMap<String, Long> files;
    private final List<String> warnings;

    private RepositoryTree(Path root, TreeLimits limits, TreeMap<String, Long> files, List<String> warnings) {
        this.root = root;
        this.limits = limits;
        this.files = files;
        this.warnings = warnings;
    }

    /** Lists the tree under {@code root} within {@code limits}. */
    public static RepositoryTree scan(Path root, TreeLimits limits) throws IOException {
        Path base = root.toRealPath();
        if (!Files.isDirectory(base)) {
            throw new IOException("Not a directory: " + root);
        }
        TreeMap<String, Long> files = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        // The root's own files first: the walk goes in directory order, and a huge sub-directory met
        // first must not use up the file limit before the root's manifests are listed.
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base)) {
            for (Path entry : entries) {
                BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (!attributes.isRegularFile()) {
                    continue; // links and directories are met (and reported) by the walk
                }
                if (files.size() >= limits.maxFiles()) {
                    warnings.add("More than " + limits.maxFiles() + " files: the rest was not looked at");
                    return new RepositoryTree(base, limits, files, warnings);
                }
                files.put(relative(base, entry), attributes.size());
            }
        }
        Files.walkFileTree(base, EnumSet.noneOf(FileVisitOption.class), limits.maxDepth(),
                new SimpleFileVisitor<>() {

                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                        if (!dir.equals(base) && limits.skippedDirectories().contains(dir.getFileName().toString())) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (attributes.isSymbolicLink()) {
                            warnings.add("Symbolic link not followed: " + relative(base, file));
                            return FileVisitResult.CONTINUE;
                        }
                        if (attributes.isDirectory()
                                && !limits.skippedDirectories().contains(file.getFileName().toString())) {
                            // Only met here at the depth limit: the walk does not enter it.
                            String warning = "Directories deeper than " + limits.maxDepth()
                                    + " levels were not looked at, e.g. " + relative(base, file);
                            if (warnings.stream().noneMatch(w -> w.startsWith("Directories deeper than"))) {
                                warnings.add(warning);
                            }
                        }
                        if (!attributes.isRegularFile() || base.equals(file.getParent())) {
                            return FileVisitResult.CONTINUE; // the root's files are already listed
                        }
                        if (files.size() >= limits.maxFiles()) {
                            warnings.add("More than " + limits.maxFiles() + " files: the rest was not looked at");
                            return FileVisitResult.TERMINATE;
                        }
                        files.put(relative(base, file), attributes.size());
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException failure) {
                        warnings.add("Could not read " + relative(base, file));
                        return FileVisitResult.CONTINUE;
                    }
                });
        return new RepositoryTree(base, limits, files, warnings);
    }

    /** Every listed file, sorted. */
    public List<String> files() {
        return List.copyOf(files.keySet());
    }

    public boolean exists(String path) {
        return files.containsKey(path);
    }

    /** Files directly in {@code directory} ("" for the root) whose name ends with {@code suffix}. */
    public List<String> filesIn(String directory, String suffix) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        return files.keySet().stream()
                .filter(path -> path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0
                        && path.endsWith(suffix))
                .toList();
    }

    /**
     * The text of a listed file, or empty when it is not listed, larger than the limit (a warning is
     * recorded) or unreadable. Bytes that are not UTF-8 become U+FFFD rather than failing.
     */
    public Optional<String> read(String path) {
        Long size = files.get(path);
        if (size == null) {
            return Optional.empty();
        }
        if (size > limits.maxFileBytes()) {
            warn(path + " is larger than " + limits.maxFileBytes() + " bytes and was not read");
            return Optional.empty();
        }
        Path file = root.resolve(path);
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            // Read at most the limit even if the file grew since it was listed.
            byte[] bytes = in.readNBytes((int) limits.maxFileBytes() + 1);
            if (bytes.length > limits.maxFileBytes()) {
                warn(path + " grew beyond " + limits.maxFileBytes() + " bytes and was not read");
                return Optional.empty();
            }
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString());
        }
        catch (IOException ex) {
            warn("Could not read " + path);
            return Optional.empty();
        }
    }

    /** What could not be looked at, in the order it was met. */
    public List<String> warnings() {
        synchronized (warnings) {
            return Collections.unmodifiableList(new ArrayList<>(warnings));
        }
    }

    private void warn(String warning) {
        synchronized (warnings) {
            if (!warnings.contains(warning)) {
                warnings.add(warning);
            }
        }
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file).toString().replace('\\', '/');
    }
}
