package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RepositoryTreeTests {

    @TempDir
    Path repo;

    @TempDir
    Path outside;

    @Test
    void listsFilesSortedWithSlashSeparatorsAndSkipsDependenciesAndVcsData() throws IOException {
        write("package.json", "{}");
        write("src/index.ts", "export {}");
        write("node_modules/left-pad/package.json", "{}");
        write(".git/config", "[core]");
        RepositoryTree tree = RepositoryTree.scan(repo, TreeLimits.DEFAULT);
        assertThat(tree.files()).containsExactly("package.json", "src/index.ts");
        assertThat(tree.read("src/index.ts")).contains("export {}");
        assertThat(tree.read("node_modules/left-pad/package.json")).isEmpty();
    }

    @Test
    void neverFollowsASymbolicLinkOutOfTheTree() throws IOException {
        Files.writeString(outside.resolve("secret.txt"), "do not read");
        Files.createDirectories(outside.resolve("dir"));
        Files.writeString(outside.resolve("dir/inner.txt"), "do not list");
        write("package.json", "{}");
        Files.createSymbolicLink(repo.resolve("link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(repo.resolve("linked-dir"), outside.resolve("dir"));
        RepositoryTree tree = RepositoryTree.scan(repo, TreeLimits.DEFAULT);
        assertThat(tree.files()).containsExactly("package.json");
        assertThat(tree.read("link.txt")).isEmpty();
        assertThat(tree.warnings()).contains("Symbolic link not followed: link.txt",
                "Symbolic link not followed: linked-dir");
    }

    @Test
    void aFileOverTheSizeLimitIsListedButNotRead() throws IOException {
        write("big.json", "x".repeat(2048));
        RepositoryTree tree = RepositoryTree.scan(repo, new TreeLimits(100, 5, 1024, Set.of()));
        assertThat(tree.exists("big.json")).isTrue();
        assertThat(tree.read("big.json")).isEmpty();
        assertThat(tree.warnings()).containsExactly("big.json is larger than 1024 bytes and was not read");
    }

    @Test
    void stopsListingAtTheFileLimitAndSaysSo() throws IOException {
        for (int i = 0; i < 30; i++) {
            write("f" + i + ".txt", "x");
        }
        RepositoryTree tree = RepositoryTree.scan(repo, new TreeLimits(10, 5, 1024, Set.of()));
        assertThat(tree.files()).hasSize(10);
        assertThat(tree.warnings()).containsExactly("More than 10 files: the rest was not looked at");
    }

    @Test
    void doesNotDescendBelowTheDepthLimit() throws IOException {
        write("a/b/c/d/deep.txt", "x");
        write("a/shallow.txt", "x");
        RepositoryTree tree = RepositoryTree.scan(repo, new TreeLimits(100, 2, 1024, Set.of()));
        assertThat(tree.files()).containsExactly("a/shallow.txt");
    }

    @Test
    void bytesThatAreNotUtf8DoNotFailTheRead() throws IOException {
        Files.write(repo.resolve("latin1.txt"), new byte[] { 'c', 'a', 'f', (byte) 0xE9 });
        RepositoryTree tree = RepositoryTree.scan(repo, TreeLimits.DEFAULT);
        assertThat(tree.read("latin1.txt")).contains("caf\uFFFD");
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
