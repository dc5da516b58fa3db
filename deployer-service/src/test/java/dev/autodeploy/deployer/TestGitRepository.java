package dev.autodeploy.deployer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.URIish;

/**
 * A Git repository made on disk for a test, as a Git host would serve it: a bare repository pushed to from a
 * working copy. Deployments check it out by its {@code file://} URL.
 */
public final class TestGitRepository implements AutoCloseable {

    private final Path bare;
    private final Path work;
    private final Git git;

    private TestGitRepository(Path bare, Path work, Git git) {
        this.bare = bare;
        this.work = work;
        this.git = git;
    }

    /** An empty repository under {@code root} whose default branch is {@code main}. */
    public static TestGitRepository create(Path root) {
        try {
            Path bare = Files.createDirectories(root.resolve("remote.git"));
            Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
            Path work = Files.createDirectories(root.resolve("work"));
            Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
            git.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toURL())).call();
            return new TestGitRepository(bare, work, git);
        }
        catch (IOException | GitAPIException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public String url() {
        return bare.toUri().toString().replaceFirst("^file:/+", "file:///");
    }

    /** Writes the files, commits and pushes them; returns the commit id. */
    public String commit(String message, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = work.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            git.add().addFilepattern(".").call();
            RevCommit commit = git.commit().setMessage(message).setAuthor("Ada Tester", "ada@example.test")
                    .setCommitter("Ada Tester", "ada@example.test").setSign(false).call();
            git.push().setRemote("origin").setPushAll().call();
            return commit.getName();
        }
        catch (IOException | GitAPIException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
