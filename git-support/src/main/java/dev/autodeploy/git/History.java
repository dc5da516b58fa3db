package dev.autodeploy.git;

import java.util.List;

/**
 * How two commits' histories differ, as {@link GitRemotes#history} read it from the remote.
 *
 * @param onlyFrom commits reachable from {@code from} and not from {@code to}, newest first
 * @param onlyTo commits reachable from {@code to} and not from {@code from}, newest first
 * @param complete whether both lists are whole: false when a list was cut at the limit, or when no common ancestor
 *         lies within the depth read (histories further apart than that, or unrelated after a force push)
 */
public record History(List<CommitInfo> onlyFrom, List<CommitInfo> onlyTo, boolean complete) {
}
