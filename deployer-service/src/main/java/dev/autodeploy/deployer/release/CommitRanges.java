package dev.autodeploy.deployer.release;

import java.util.List;

import dev.autodeploy.git.CommitInfo;
import dev.autodeploy.git.GitFailure;
import dev.autodeploy.git.GitRemotes;
import dev.autodeploy.git.GitUrl;
import dev.autodeploy.git.GitUrlPolicy;
import dev.autodeploy.git.History;
import dev.autodeploy.support.web.ApiException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The commit range of a rollback preview, read from the project's repository (git-support: SSRF guard, timeouts,
 * size limit, commits only where the host allows it). A repository that cannot be read makes the range unavailable
 * with the reason, never the preview fail.
 */
@Component
@EnableConfigurationProperties(ReleaseProperties.class)
class CommitRanges {

    private final GitRemotes remotes;
    private final GitUrlPolicy urls;
    private final ReleaseProperties properties;

    CommitRanges(GitRemotes remotes, GitUrlPolicy urls, ReleaseProperties properties) {
        this.remotes = remotes;
        this.urls = urls;
        this.properties = properties;
    }

    /**
     * What moving the environment from {@code from} (what it serves, null for nothing) to {@code to} changes.
     *
     * @param branch the branch to fetch first (the current deployment's), may be null
     */
    ReleaseApi.CommitRange between(String repositoryUrl, String branch, String from, String to) {
        if (from == null || to == null) {
            return unavailable(from, to, from == null
                    ? "The environment serves no release: there is nothing to compare with."
                    : "The release records no commit.");
        }
        if (from.equals(to)) {
            return new ReleaseApi.CommitRange(from, to, true, List.of(), List.of(), true, null);
        }
        int limit = properties.previewCommitLimit();
        try {
            GitUrl url = urls.parse(repositoryUrl);
            History history = remotes.history(url, GitRemotes.isBranchName(branch) ? branch : null, from, to, limit,
                    properties.previewTimeout(), null);
            return new ReleaseApi.CommitRange(from, to, true, views(history.onlyFrom()), views(history.onlyTo()),
                    history.complete(), history.complete() ? null
                            : "The range is incomplete: a side has more than " + limit + " commits, or the two"
                                    + " commits share no ancestor within " + limit + " (a force push rewrote the"
                                    + " history).");
        }
        catch (GitFailure | ApiException ex) {
            return unavailable(from, to, "The repository's history could not be read: " + ex.getMessage());
        }
    }

    private static ReleaseApi.CommitRange unavailable(String from, String to, String note) {
        return new ReleaseApi.CommitRange(from, to, false, List.of(), List.of(), false, note);
    }

    private static List<ReleaseApi.CommitView> views(List<CommitInfo> commits) {
        return commits.stream().map(commit -> new ReleaseApi.CommitView(commit.sha(), title(commit.message()),
                commit.authorName(), commit.committedAt())).toList();
    }

    private static String title(String message) {
        String firstLine = message.strip().lines().findFirst().orElse("");
        return firstLine.length() > 200 ? firstLine.substring(0, 200) + "…" : firstLine;
    }
}
