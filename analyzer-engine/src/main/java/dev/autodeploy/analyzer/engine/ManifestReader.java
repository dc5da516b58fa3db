package dev.autodeploy.analyzer.engine;

import java.util.Optional;

/**
 * Reads one ecosystem's manifest in one directory of a repository. Implementations parse text only
 * (never run the project), read through the {@link RepositoryTree} (which bounds size and refuses
 * symbolic links), and report a malformed manifest as a warning instead of throwing.
 */
public interface ManifestReader {

    /** The ecosystem this reader understands, e.g. {@code python}. */
    String ecosystem();

    /**
     * The manifest of the project in {@code directory} ("" for the root), or empty when there is no
     * such project there or its manifest cannot be understood (then a warning says why).
     */
    Optional<Manifest> read(RepositoryTree tree, String directory, Warnings warnings);
}
