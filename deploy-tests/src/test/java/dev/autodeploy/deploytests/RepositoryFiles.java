package dev.autodeploy.deploytests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's deployment files are, from this module's directory (Maven runs tests there). */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    /** The repository's root: the parent of this module. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.exists(here.resolve("deploy-tests")) ? here : here.getParent();
        if (!Files.exists(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("config-repo"))) {
            throw new IllegalStateException("Not inside the AutoDeploy repository: " + here);
        }
        return root;
    }
}
