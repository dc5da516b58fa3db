package dev.autodeploy.git;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.testsupport.TestGitRemote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Handing a checkout over with moveTo: where it ends up, what moves along, and who deletes it afterwards. */
class CheckoutTests {

    @TempDir
    Path temp;

    private TestGitRemote remote;
    private String commit;
    private GitRemotes remotes;

    @BeforeEach
    void aRemoteWithAnExecutableScript() throws Exception {
        remote = TestGitRemote.create(temp.resolve("r"), "main");
        Path script = remote.work().resolve("run.sh");
        Files.writeString(script, "#!/bin/sh\nexec node server.js\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        commit = remote.commit("first", Map.of("server.js", "console.log('ok');\n", "src/app.js", "exports.x = 1;\n"));
        GitProperties properties = new GitProperties(Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(30), DataSize.ofMegabytes(50), List.of(), true, temp.resolve("clones"));
        remotes = new GitRemotes(properties, new GitUrlPolicy(properties), Clock.systemUTC());
    }

    @AfterEach
    void closeRemote() {
        remote.close();
        remotes.destroy();
    }

    @Test
    void moveToCreatesTheParentsTakesTheGitDirectoryAlongAndCloseThenLeavesIt() throws Exception {
        Path target = temp.resolve("releases/app/" + commit);
        Path temporary;
        try (Checkout checkout = remotes.checkout(url(remote), "main", commit, null)) {
            temporary = checkout.directory();

            assertThat(checkout.moveTo(target)).isEqualTo(target);
            assertThat(checkout.directory()).isEqualTo(target);
            assertThat(temporary).doesNotExist();
        }
        assertThat(target.resolve("server.js")).hasContent("console.log('ok');");
        assertThat(target.resolve("src/app.js")).exists();
        assertThat(target.resolve(".git")).isDirectory();
        assertThat(Files.isExecutable(target.resolve("run.sh"))).isTrue();
        assertThat(temp.resolve("clones")).isEmptyDirectory();
    }

    @Test
    void anExistingTargetIsRefusedAndTheCheckoutStaysWhereItWas() throws Exception {
        Path target = Files.createDirectories(temp.resolve("taken"));
        Path temporary;
        try (Checkout checkout = remotes.checkout(url(remote), "main", commit, null)) {
            temporary = checkout.directory();

            assertThatThrownBy(() -> checkout.moveTo(target)).isInstanceOf(FileAlreadyExistsException.class);
            assertThat(checkout.directory()).isEqualTo(temporary);
            assertThat(temporary.resolve("server.js")).exists();
        }
        assertThat(temporary).doesNotExist();
        assertThat(target).isEmptyDirectory();
    }

    @Test
    void aCheckoutMovesOnceAndNotAfterClose() throws Exception {
        Checkout checkout = remotes.checkout(url(remote), "main", commit, null);
        checkout.moveTo(temp.resolve("once"));
        assertThatThrownBy(() -> checkout.moveTo(temp.resolve("twice"))).isInstanceOf(IllegalStateException.class);
        checkout.close();
        assertThat(temp.resolve("once/server.js")).exists();

        Checkout closed = remotes.checkout(url(remote), "main", commit, null);
        closed.close();
        assertThatThrownBy(() -> closed.moveTo(temp.resolve("late"))).isInstanceOf(IllegalStateException.class);
        assertThat(temp.resolve("late")).doesNotExist();
    }

    @Test
    void theCopyFallbackKeepsFilesModesAndGitDirectoryAndDeletesTheSource() throws Exception {
        try (Checkout checkout = remotes.checkout(url(remote), "main", commit, null)) {
            Path source = checkout.directory();
            Path target = temp.resolve("copied");

            Checkout.copyThenDelete(source, target);

            assertThat(source).doesNotExist();
            assertThat(target.resolve("src/app.js")).hasContent("exports.x = 1;");
            assertThat(Files.getPosixFilePermissions(target.resolve("run.sh")))
                    .contains(PosixFilePermission.OWNER_EXECUTE);
            assertThat(target.resolve(".git/HEAD")).exists();
        }
    }

    @Test
    void moveToAnotherFileSystemCopiesAndDeletes() throws Exception {
        Path otherFileSystem = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(otherFileSystem) && Files.isWritable(otherFileSystem)
                && !Files.getFileStore(otherFileSystem).equals(Files.getFileStore(temp)), "no second file system");
        Path target = otherFileSystem.resolve("autodeploy-checkout-test-" + UUID.randomUUID()).resolve("app");
        try (Checkout checkout = remotes.checkout(url(remote), "main", commit, null)) {
            Path temporary = checkout.directory();

            assertThat(checkout.moveTo(target)).isEqualTo(target);
            assertThat(temporary).doesNotExist();
            assertThat(target.resolve("server.js")).exists();
            assertThat(target.resolve(".git")).isDirectory();
            assertThat(Files.isExecutable(target.resolve("run.sh"))).isTrue();
        }
        finally {
            FileSystemUtils.deleteRecursively(target.getParent());
        }
        assertThat(temp.resolve("clones")).isEmptyDirectory();
    }

    private static GitUrl url(TestGitRemote remote) {
        return new GitUrl(remote.fileUrl(), null);
    }
}
