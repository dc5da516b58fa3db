package dev.autodeploy.deployer.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import dev.autodeploy.deployer.config.DeployerProperties;
import dev.autodeploy.git.Checkout;
import dev.autodeploy.git.CommitInfo;
import dev.autodeploy.git.GitFailure;
import dev.autodeploy.git.GitRemotes;
import dev.autodeploy.git.GitUrl;
import dev.autodeploy.git.GitUrlPolicy;
import dev.autodeploy.support.web.ApiException;
import dev.autodeploy.deployer.target.DeployFailure;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * The code a deployment deploys: its branch resolved to a commit, and that commit checked out (shallow, with
 * git-support's SSRF guard checked again before every fetch) into {@code <work>/sources/<deployment>}, where it
 * stays until the deployment ends. Git hosts that do not answer are retryable failures; a URL no longer allowed
 * or a branch that does not exist are not.
 */
@Component
class SourceCheckouts {

    private final GitRemotes remotes;
    private final GitUrlPolicy urls;
    private final Path root;

    SourceCheckouts(GitRemotes remotes, GitUrlPolicy urls, DeployerProperties properties) {
        this.remotes = remotes;
        this.urls = urls;
        this.root = properties.workDirectory().resolve("sources");
    }

    /** A checked-out commit and what it says about itself. */
    record Source(Path directory, CommitInfo commit) {
    }

    /** The commit the branch points at on the remote now; empty when there is no such branch. */
    Optional<String> resolve(String repositoryUrl, String branch) throws DeployFailure {
        GitUrl url = url(repositoryUrl);
        try {
            return remotes.commitOf(url, branch, null);
        }
        catch (GitFailure ex) {
            throw DeployFailure.retryable(ex.getMessage());
        }
    }

    /** Checks the commit out for the deployment, replacing what an interrupted earlier attempt left. */
    Source checkout(UUID deploymentId, String repositoryUrl, String branch, String commit) throws DeployFailure {
        GitUrl url = url(repositoryUrl);
        Path target = directory(deploymentId);
        delete(deploymentId);
        try (Checkout checkout = remotes.checkout(url, branch, commit, null)) {
            CommitInfo info = checkout.info();
            Files.createDirectories(root);
            checkout.moveTo(target);
            return new Source(target, info);
        }
        catch (GitFailure ex) {
            throw DeployFailure.retryable(ex.getMessage());
        }
        catch (IOException ex) {
            throw DeployFailure.retryable("Cannot keep the checkout: " + ex.getClass().getSimpleName());
        }
    }

    /** Where the deployment's checkout is (it may not exist). */
    Path directory(UUID deploymentId) {
        return root.resolve(deploymentId.toString());
    }

    void delete(UUID deploymentId) {
        try {
            FileSystemUtils.deleteRecursively(directory(deploymentId));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Deletes checkouts of deployments not in {@code keep} (ended ones a crash left), and stale clones. */
    int sweep(Set<UUID> keep) {
        remotes.deleteStaleClones(java.time.Duration.ofHours(1));
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                UUID id;
                try {
                    id = UUID.fromString(entry.getFileName().toString());
                }
                catch (IllegalArgumentException ex) {
                    continue;
                }
                if (!keep.contains(id)) {
                    FileSystemUtils.deleteRecursively(entry);
                    deleted++;
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return deleted;
    }

    private GitUrl url(String repositoryUrl) throws DeployFailure {
        try {
            GitUrl url = urls.parse(repositoryUrl);
            urls.requireSafeTarget(url);
            return url;
        }
        catch (ApiException ex) {
            // The URL is no longer acceptable here (file:// switched off, a host now resolving inward).
            throw DeployFailure.failed(ex.getMessage());
        }
    }
}
