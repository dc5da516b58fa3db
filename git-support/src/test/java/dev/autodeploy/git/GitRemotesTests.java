package dev.autodeploy.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.autodeploy.testsupport.QuietNotifier;
import dev.autodeploy.testsupport.TestGitRemote;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JGit against a bare repository on disk: default branch, branch tips, shallow checkouts of one commit, limits. */
class GitRemotesTests {

    private static final Map<String, String> APP = Map.of("package.json", "{\"main\": \"server.js\"}\n",
            "server.js", "require('http').createServer((req, res) => res.end('ok')).listen(process.env.PORT);\n");

    @TempDir
    Path temp;

    private GitRemotes remotes(DataSize maxSize) {
        GitProperties properties = new GitProperties(Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(30), maxSize, List.of(), true, temp.resolve("clones"));
        return new GitRemotes(properties, new GitUrlPolicy(properties), Clock.systemUTC());
    }

    @Test
    void defaultBranchIsWhereTheRemoteHeadPoints() throws Exception {
        try (TestGitRemote remote = TestGitRemote.create(temp.resolve("r"), "trunk")) {
            remote.commit("first", APP);
            GitUrl url = url(remote);
            assertThat(remotes(DataSize.ofMegabytes(50)).defaultBranch(url, null)).contains("trunk");
        }
    }

    @Test
    void checkoutHoldsExactlyTheCommitAskedForEvenAfterTheBranchMovedOn() throws Exception {
        try (TestGitRemote remote = TestGitRemote.create(temp.resolve("r"), "main")) {
            String first = remote.commit("first", APP);
            String second = remote.commit("second", Map.of("README.md", "second\n"));
            GitRemotes remotes = remotes(DataSize.ofMegabytes(50));
            GitUrl url = url(remote);
            assertThat(remotes.commitOf(url, "main", null)).contains(second);
            assertThat(remotes.commitOf(url, "nope", null)).isEmpty();

            try (Checkout latest = remotes.checkout(url, "main", second, null)) {
                assertThat(latest.directory().resolve("README.md")).exists();
            }
            Path directory;
            try (Checkout older = remotes.checkout(url, "main", first, null)) {
                directory = older.directory();
                assertThat(directory.resolve("server.js")).exists();
                assertThat(directory.resolve("README.md")).doesNotExist();
            }
            try (Checkout byCommit = remotes.checkout(url, null, first, null)) {
                assertThat(byCommit.directory().resolve("server.js")).exists();
            }
            assertThat(directory).doesNotExist();
        }
    }

    @Test
    void checkoutCarriesTheCommitsFullMessageAuthorAndTimes() throws Exception {
        try (TestGitRemote remote = TestGitRemote.create(temp.resolve("r"), "main")) {
            Instant authored = Instant.parse("2025-03-01T10:15:30Z");
            Instant committed = Instant.parse("2025-03-02T08:00:00Z");
            String message = "Add the health endpoint\n\nThe load balancer probes /healthz every 10 s.\n";
            String commit = remote.commit(message, APP,
                    new PersonIdent("Ada Lovelace", "ada@example.test", authored, ZoneOffset.ofHours(2)),
                    new PersonIdent("Release Bot", "bot@example.test", committed, ZoneOffset.UTC));

            try (Checkout checkout = remotes(DataSize.ofMegabytes(50)).checkout(url(remote), "main", commit, null)) {
                assertThat(checkout.info()).isEqualTo(new CommitInfo(commit, message, "Ada Lovelace", authored, committed));
            }
        }
    }

    @Test
    void aLongCommitMessageIsCutWithoutSplittingACharacter() throws Exception {
        try (TestGitRemote remote = TestGitRemote.create(temp.resolve("r"), "main")) {
            // The emoji's two chars straddle the limit: both go.
            String commit = remote.commit("a".repeat(3999) + "\uD83D\uDE80" + "b".repeat(2000), APP);

            try (Checkout checkout = remotes(DataSize.ofMegabytes(50)).checkout(url(remote), null, commit, null)) {
                assertThat(checkout.info().message()).isEqualTo("a".repeat(3999));
            }
            String exact = remote.commit("c".repeat(CommitInfo.MAX_MESSAGE_LENGTH + 1), Map.of("README.md", "more\n"));
            try (Checkout checkout = remotes(DataSize.ofMegabytes(50)).checkout(url(remote), null, exact, null)) {
                assertThat(checkout.info().message()).isEqualTo("c".repeat(CommitInfo.MAX_MESSAGE_LENGTH));
                assertThat(checkout.info().sha()).isEqualTo(exact);
            }
        }
    }

    @Test
    void aCloneOverTheSizeLimitFailsAndLeavesNothingBehind() throws Exception {
        try (TestGitRemote remote = TestGitRemote.create(temp.resolve("r"), "main")) {
            byte[] noise = new byte[3 * 1024 * 1024];
            new java.util.Random(7).nextBytes(noise);
            Files.write(remote.work().resolve("blob.bin"), noise);
            String commit = remote.commit("big", APP);
            GitUrl url = url(remote);

            assertThatThrownBy(() -> remotes(DataSize.ofMegabytes(1)).checkout(url, "main", commit, null))
                    .isInstanceOf(GitFailure.class).hasMessageContaining("larger than");
            assertThat(temp.resolve("clones")).isEmptyDirectory();
        }
    }

    @Test
    void aMissingRepositoryFailsWithAReasonAndNoCredentials() {
        GitUrl url = new GitUrl("file://" + temp.resolve("nothing-here.git"), null);
        GitCredentials credentials = GitCredentials.token("ghp_secret-token-value");
        assertThatThrownBy(() -> remotes(DataSize.ofMegabytes(1)).checkout(url, "main", "a".repeat(40), credentials))
                .isInstanceOf(GitFailure.class).hasMessageStartingWith("Cannot fetch the commit")
                .message().doesNotContain("ghp_secret-token-value");
    }

    @Test
    void aRedirectIsNeverFollowedSoAPublicUrlCannotLeadInward() throws Exception {
        WireMockServer server = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort()
                .bindAddress("127.0.0.1").notifier(new QuietNotifier()));
        server.start();
        try {
            server.stubFor(WireMock.get(WireMock.urlPathMatching("/public/app.git/.*")).willReturn(WireMock.aResponse()
                    .withStatus(302).withHeader("Location", server.baseUrl() + "/internal/app.git/info/refs")));
            GitProperties properties = new GitProperties(Duration.ofSeconds(5), Duration.ofSeconds(5),
                    Duration.ofSeconds(10), DataSize.ofMegabytes(1), List.of("127.0.0.1"), false, temp.resolve("clones"));
            GitRemotes remotes = new GitRemotes(properties, new GitUrlPolicy(properties), Clock.systemUTC());
            GitUrl url = new GitUrl(server.baseUrl() + "/public/app.git", "127.0.0.1");

            assertThatThrownBy(() -> remotes.defaultBranch(url, null)).isInstanceOf(GitFailure.class);
            assertThatThrownBy(() -> remotes.checkout(url, "main", "a".repeat(40), null)).isInstanceOf(GitFailure.class);
            assertThat(server.getAllServeEvents()).isNotEmpty()
                    .noneMatch(event -> event.getRequest().getUrl().startsWith("/internal"));
        }
        finally {
            server.stop();
        }
    }

    @Test
    void historyListsTheCommitsEitherSideHasThatTheOtherHasNot() throws Exception {
        try (TestGitRemote remote = TestGitRemote.create(temp.resolve("r"), "main")) {
            String c1 = remote.commit("first", APP);
            String c2 = remote.commit("second\n\nwith a body", Map.of("a.txt", "2\n"));
            String c3 = remote.commit("third", Map.of("a.txt", "3\n"));
            String c4 = remote.commit("fourth", Map.of("a.txt", "4\n"));
            GitRemotes remotes = remotes(DataSize.ofMegabytes(50));
            GitUrl url = url(remote);

            History back = remotes.history(url, "main", c4, c1, 10, Duration.ofSeconds(20), null);
            assertThat(back.onlyFrom()).extracting(CommitInfo::sha).containsExactly(c4, c3, c2);
            assertThat(back.onlyFrom().get(2).message()).isEqualTo("second\n\nwith a body");
            assertThat(back.onlyTo()).isEmpty();
            assertThat(back.complete()).isTrue();

            History forward = remotes.history(url, null, c2, c4, 10, Duration.ofSeconds(20), null);
            assertThat(forward.onlyFrom()).isEmpty();
            assertThat(forward.onlyTo()).extracting(CommitInfo::sha).containsExactly(c4, c3);
            assertThat(forward.complete()).isTrue();

            History cut = remotes.history(url, "main", c4, c1, 2, Duration.ofSeconds(20), null);
            assertThat(cut.onlyFrom()).extracting(CommitInfo::sha).containsExactly(c4, c3);
            assertThat(cut.complete()).isFalse();

            // A server that allows filters sends commits only; the answer is the same.
            try (org.eclipse.jgit.api.Git bare = org.eclipse.jgit.api.Git.open(remote.bare().toFile())) {
                bare.getRepository().getConfig().setBoolean("uploadpack", null, "allowfilter", true);
                bare.getRepository().getConfig().save();
            }
            assertThat(remotes.history(url, "main", c4, c1, 10, Duration.ofSeconds(20), null).onlyFrom())
                    .extracting(CommitInfo::sha).containsExactly(c4, c3, c2);
            assertThat(temp.resolve("clones")).isEmptyDirectory();
        }
    }

    @Test
    void historyOfUnrelatedCommitsIsIncompleteAndAnUnknownCommitFails() throws Exception {
        try (TestGitRemote remote = TestGitRemote.create(temp.resolve("r"), "main");
                TestGitRemote other = TestGitRemote.create(temp.resolve("o"), "main")) {
            String mine = remote.commit("mine", APP);
            String theirs = other.commit("theirs", Map.of("b.txt", "b\n"));
            other.git().push().setRemote(remote.bare().toUri().toString()).setRefSpecs(
                    new org.eclipse.jgit.transport.RefSpec("refs/heads/main:refs/heads/unrelated")).call();
            GitRemotes remotes = remotes(DataSize.ofMegabytes(50));

            History unrelated = remotes.history(url(remote), null, mine, theirs, 10, Duration.ofSeconds(20), null);
            assertThat(unrelated.onlyFrom()).extracting(CommitInfo::sha).containsExactly(mine);
            assertThat(unrelated.onlyTo()).extracting(CommitInfo::sha).containsExactly(theirs);
            assertThat(unrelated.complete()).isFalse();

            Duration timeout = Duration.ofSeconds(20);
            assertThatThrownBy(() -> remotes.history(url(remote), "main", mine, "b".repeat(40), 10, timeout, null))
                    .isInstanceOf(GitFailure.class);
            assertThatThrownBy(() -> remotes.history(url(remote), "main", mine, "not-a-commit", 10, timeout, null))
                    .isInstanceOf(GitFailure.class).hasMessageContaining("Invalid");
        }
    }

    @Test
    void failureReasonsLoseCredentialsFoundInMessages() {
        GitCredentials credentials = GitCredentials.token("gho_abc123");
        assertThat(GitFailure.scrub("https://x-access-token:gho_abc123@github.com/o/r.git: not authorized (gho_abc123)",
                credentials)).isEqualTo("https://github.com/o/r.git: not authorized (******)");
    }

    private static GitUrl url(TestGitRemote remote) {
        return new GitUrl(remote.fileUrl(), null);
    }
}
