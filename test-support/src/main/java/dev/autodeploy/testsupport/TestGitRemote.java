package dev.autodeploy.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.URIish;

/**
 * A Git remote made on disk for tests: a bare repository (what a Git host serves) and the working copy that
 * pushes to it, reached by its {@code file://} URL.
 */
public record TestGitRemote(Path bare, Path work, Git git) implements AutoCloseable {

    private static final PersonIdent TEST = new PersonIdent("Test", "test@example.test");

    /** An empty bare repository under {@code root} whose HEAD is {@code branch}, and a working copy on it. */
    public static TestGitRemote create(Path root, String branch) {
        try {
            Path bare = Files.createDirectories(root.resolve("remote.git"));
            Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch(branch).call().close();
            Path work = Files.createDirectories(root.resolve("work"));
            Git git = Git.init().setDirectory(work.toFile()).setInitialBranch(branch).call();
            git.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toURL())).call();
            return new TestGitRemote(bare, work, git);
        }
        catch (IOException | GitAPIException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public String fileUrl() {
        return bare.toUri().toString().replaceFirst("^file:/+", "file:///");
    }

    /** Writes the files, commits them on the current branch and pushes; returns the commit id. */
    public String commit(String message, Map<String, String> files) {
        return commit(message, files, TEST, TEST);
    }

    public String commit(String message, Map<String, String> files, PersonIdent author, PersonIdent committer) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = work.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            git.add().addFilepattern(".").call();
            String id = git.commit().setMessage(message).setAuthor(author).setCommitter(committer).setSign(false)
                    .call().getName();
            git.push().setRemote("origin").setPushAll().call();
            return id;
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
