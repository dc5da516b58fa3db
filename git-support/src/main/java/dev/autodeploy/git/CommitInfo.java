package dev.autodeploy.git;

import java.time.Instant;

import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The commit a {@link Checkout} holds, as recorded in it (not as a Git host presents it).
 *
 * @param sha the commit id
 * @param message the full message, cut at {@value #MAX_MESSAGE_LENGTH} characters
 * @param authorName who wrote the change
 * @param authoredAt when it was written
 * @param committedAt when it was committed (later than {@code authoredAt} after a rebase or cherry-pick)
 */
public record CommitInfo(String sha, String message, String authorName, Instant authoredAt, Instant committedAt) {

    /** A message is the author's free text: kept bounded for whoever stores or shows it. */
    public static final int MAX_MESSAGE_LENGTH = 4000;

    static CommitInfo of(RevCommit commit) {
        return new CommitInfo(commit.getName(), truncated(commit.getFullMessage()), commit.getAuthorIdent().getName(),
                commit.getAuthorIdent().getWhenAsInstant(), commit.getCommitterIdent().getWhenAsInstant());
    }

    private static String truncated(String message) {
        if (message.length() <= MAX_MESSAGE_LENGTH) {
            return message;
        }
        int end = MAX_MESSAGE_LENGTH;
        // Never leave half of a surrogate pair (an emoji, say) at the end.
        if (Character.isHighSurrogate(message.charAt(end - 1))) {
            end--;
        }
        return message.substring(0, end);
    }
}
