package dev.autodeploy.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.LsRemoteCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.transport.FilterSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;
import org.springframework.beans.factory.DisposableBean;

/**
 * Reads Git remotes with JGit: the default branch and a branch's commit ({@code ls-remote}), and a
 * shallow checkout of exactly one commit. Every operation is bounded (JGit's I/O timeout, an overall
 * deadline, a size limit on what is written), re-checks the URL against {@link GitUrlPolicy} first,
 * and never follows HTTP redirects ({@code http.followRedirects=false}), so a public URL cannot send
 * the fetch inward.
 */
public class GitRemotes implements DisposableBean {

    /** Branch names as Git allows them, minus what could be mistaken for an option or a path trick. */
    private static final Pattern BRANCH = Pattern.compile("(?!-)(?!.*\\.\\.)(?!.*//)[A-Za-z0-9._/+-]{1,255}(?<![./])");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final String CLONE_PREFIX = "clone-";
    /** Commits without their trees and files: all a history needs. */
    private static final FilterSpec COMMITS_ONLY = commitsOnly();

    private final GitProperties properties;
    private final GitUrlPolicy policy;
    private final Clock clock;
    private final ExecutorService remoteCalls = Executors.newVirtualThreadPerTaskExecutor();

    public GitRemotes(GitProperties properties, GitUrlPolicy policy, Clock clock) {
        this.properties = properties;
        this.policy = policy;
        this.clock = clock;
    }

    public static boolean isBranchName(String branch) {
        return branch != null && BRANCH.matcher(branch).matches();
    }

    public static boolean isCommitId(String commit) {
        return commit != null && COMMIT.matcher(commit).matches();
    }

    /** The branch the remote's HEAD points at; empty when the remote has no commits yet. */
    public Optional<String> defaultBranch(GitUrl url, GitCredentials credentials) throws GitFailure {
        Collection<Ref> refs = lsRemote(url, credentials);
        Optional<Ref> head = refs.stream().filter(ref -> ref.getName().equals(Constants.HEAD)).findFirst();
        if (head.isPresent() && head.get().isSymbolic()) {
            return Optional.of(Repository.shortenRefName(head.get().getTarget().getName()));
        }
        // No symref advertised: the branch HEAD's commit is the tip of, preferring the usual names.
        ObjectId headId = head.map(Ref::getObjectId).orElse(null);
        Stream<Ref> branches = refs.stream().filter(ref -> ref.getName().startsWith(Constants.R_HEADS));
        return branches.filter(ref -> headId == null || headId.equals(ref.getObjectId()))
                .map(ref -> Repository.shortenRefName(ref.getName()))
                .sorted((a, b) -> Integer.compare(rank(a), rank(b))).findFirst();
    }

    private static int rank(String branch) {
        return switch (branch) {
            case "main" -> 0;
            case "master" -> 1;
            default -> 2;
        };
    }

    /** The commit {@code branch} points at on the remote; empty when there is no such branch. */
    public Optional<String> commitOf(GitUrl url, String branch, GitCredentials credentials) throws GitFailure {
        String name = Constants.R_HEADS + branch;
        return lsRemote(url, credentials).stream().filter(ref -> ref.getName().equals(name)).findFirst()
                .map(ref -> ref.getObjectId().name());
    }

    private Collection<Ref> lsRemote(GitUrl url, GitCredentials credentials) throws GitFailure {
        policy.requireSafeTarget(url);
        Future<Collection<Ref>> call = remoteCalls.submit(() -> {
            // An in-memory repository only to carry the configuration (no redirects) into the transport.
            try (Repository scratch = new InMemoryRepository.Builder()
                    .setRepositoryDescription(new DfsRepositoryDescription("ls-remote")).setFS(FS.DETECTED).build()) {
                configure(scratch.getConfig());
                LsRemoteCommand command = Git.wrap(scratch).lsRemote().setRemote(url.value())
                        .setTimeout(Math.min(properties.ioTimeoutSeconds(),
                                (int) Math.max(1, properties.lsRemoteTimeout().toSeconds())));
                if (credentials != null) {
                    command.setCredentialsProvider(credentials.provider());
                }
                return command.call();
            }
        });
        try {
            return call.get(properties.lsRemoteTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            call.cancel(true);
            throw new GitFailure("Listing the remote's branches took longer than " + properties.lsRemoteTimeout().toSeconds() + " s");
        }
        catch (ExecutionException ex) {
            throw GitFailure.of("Cannot list the remote's branches", ex.getCause(), credentials);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new GitFailure("Interrupted while listing the remote's branches");
        }
    }

    /**
     * A shallow (depth 1) checkout of {@code commit} in a fresh temporary directory. {@code branch}, when
     * given, is fetched first (any server allows that); the commit itself is asked for when the branch has
     * moved on or none was given. The directory is deleted when the checkout is closed or anything fails.
     */
    public Checkout checkout(GitUrl url, String branch, String commit, GitCredentials credentials) throws GitFailure {
        if (!isCommitId(commit) || branch != null && !isBranchName(branch)) {
            throw new GitFailure("Invalid branch or commit");
        }
        policy.requireSafeTarget(url);
        Path directory = cloneDirectory();
        Guard guard = new Guard(directory, properties.maxCloneSize().toBytes(),
                clock.instant().plus(properties.cloneTimeout()), clock);
        try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("analysis").call()) {
            StoredConfig config = git.getRepository().getConfig();
            configure(config);
            config.save();
            ObjectId wanted = ObjectId.fromString(commit);
            if (branch != null) {
                fetch(git, url, new RefSpec("+" + Constants.R_HEADS + branch + ":refs/remotes/origin/" + branch),
                        credentials, guard);
            }
            if (!has(git.getRepository(), wanted)) {
                fetch(git, url, new RefSpec(commit + ":refs/heads/analysis"), credentials, guard);
            }
            if (!has(git.getRepository(), wanted)) {
                throw new GitFailure("The remote did not send commit " + commit);
            }
            git.checkout().setName(commit).setProgressMonitor(guard).call();
            guard.requireWithinLimits();
            return new Checkout(directory, commit, info(git.getRepository(), wanted));
        }
        catch (GitFailure ex) {
            Checkout.delete(directory);
            throw ex;
        }
        catch (GitAPIException | IOException | RuntimeException ex) {
            Checkout.delete(directory);
            if (guard.exceeded() != null) {
                throw new GitFailure(guard.exceeded());
            }
            throw GitFailure.of("Cannot fetch the commit", ex, credentials);
        }
    }

    /**
     * How the histories of {@code from} and {@code to} differ: the commits each has that the other has not, at
     * most {@code limit} of each, read from a fetch of depth {@code limit + 1} into a bare scratch repository that
     * is deleted afterwards. Only commits are asked for (filter {@code tree:0}) where the server allows filters;
     * {@code branch}, when given, is fetched first, and either commit the branch does not contain is asked for by
     * id. Bounded like {@link #checkout}, and as a whole by {@code timeout} (when shorter than the clone timeout):
     * someone is waiting for the answer.
     */
    public History history(GitUrl url, String branch, String from, String to, int limit, java.time.Duration timeout,
            GitCredentials credentials) throws GitFailure {
        if (!isCommitId(from) || !isCommitId(to) || branch != null && !isBranchName(branch) || limit < 1
                || timeout.isNegative() || timeout.isZero()) {
            throw new GitFailure("Invalid branch, commit or limit");
        }
        policy.requireSafeTarget(url);
        Path directory = cloneDirectory();
        java.time.Duration budget = timeout.compareTo(properties.cloneTimeout()) < 0 ? timeout
                : properties.cloneTimeout();
        Guard guard = new Guard(directory, properties.maxCloneSize().toBytes(), clock.instant().plus(budget), clock);
        int ioTimeout = (int) Math.max(1, Math.min(properties.ioTimeoutSeconds(), budget.toSeconds()));
        try (Git git = Git.init().setBare(true).setDirectory(directory.toFile()).call()) {
            Repository repository = git.getRepository();
            StoredConfig config = repository.getConfig();
            configure(config);
            config.save();
            if (branch != null) {
                fetchCommits(repository, url, new RefSpec("+" + Constants.R_HEADS + branch + ":refs/remotes/origin/"
                        + branch), limit + 1, ioTimeout, credentials, guard);
            }
            for (String commit : List.of(from, to)) {
                if (!has(repository, ObjectId.fromString(commit))) {
                    fetchCommits(repository, url, new RefSpec(commit + ":refs/history/" + commit), limit + 1,
                            ioTimeout, credentials, guard);
                }
                if (!has(repository, ObjectId.fromString(commit))) {
                    throw new GitFailure("The remote did not send commit " + commit);
                }
            }
            return difference(repository, ObjectId.fromString(from), ObjectId.fromString(to), limit);
        }
        catch (GitFailure ex) {
            throw ex;
        }
        catch (GitAPIException | IOException | URISyntaxException | RuntimeException ex) {
            if (guard.exceeded() != null) {
                throw new GitFailure(guard.exceeded());
            }
            throw GitFailure.of("Cannot read the history", ex, credentials);
        }
        finally {
            Checkout.delete(directory);
        }
    }

    /**
     * A fetch of commits only; again without the filter when that fails (JGit reports a server without filter
     * support as a plain transport error, so any failure gets the one more try).
     */
    private void fetchCommits(Repository repository, GitUrl url, RefSpec refSpec, int depth, int ioTimeout,
            GitCredentials credentials, Guard guard) throws IOException, URISyntaxException, GitFailure {
        try {
            fetchCommits(repository, url, refSpec, depth, COMMITS_ONLY, ioTimeout, credentials, guard);
        }
        catch (org.eclipse.jgit.errors.TransportException ex) {
            fetchCommits(repository, url, refSpec, depth, FilterSpec.NO_FILTER, ioTimeout, credentials, guard);
        }
    }

    private void fetchCommits(Repository repository, GitUrl url, RefSpec refSpec, int depth, FilterSpec filter,
            int ioTimeout, GitCredentials credentials, Guard guard)
            throws IOException, URISyntaxException, GitFailure {
        guard.requireWithinLimits();
        try (Transport transport = Transport.open(repository, new URIish(url.value()))) {
            transport.setTimeout(ioTimeout);
            transport.setDepth(depth);
            transport.setFilterSpec(filter);
            transport.setTagOpt(TagOpt.NO_TAGS);
            if (credentials != null) {
                transport.setCredentialsProvider(credentials.provider());
            }
            transport.fetch(guard, List.of(refSpec));
        }
        catch (org.eclipse.jgit.errors.TransportException ex) {
            if (guard.exceeded() != null) {
                throw new GitFailure(guard.exceeded());
            }
            throw ex;
        }
        guard.requireWithinLimits();
    }

    private static FilterSpec commitsOnly() {
        try {
            return FilterSpec.fromFilterLine("tree:0");
        }
        catch (org.eclipse.jgit.errors.PackProtocolException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static History difference(Repository repository, ObjectId from, ObjectId to, int limit)
            throws IOException {
        boolean related;
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(from));
            walk.markStart(walk.parseCommit(to));
            related = walk.next() != null;
        }
        List<CommitInfo> onlyFrom = new ArrayList<>();
        List<CommitInfo> onlyTo = new ArrayList<>();
        boolean cutFrom = only(repository, from, to, limit, onlyFrom);
        boolean cutTo = only(repository, to, from, limit, onlyTo);
        return new History(List.copyOf(onlyFrom), List.copyOf(onlyTo), related && !cutFrom && !cutTo);
    }

    /** Fills {@code into} with up to {@code limit} commits of {@code start} not in {@code except}; true when cut. */
    private static boolean only(Repository repository, ObjectId start, ObjectId except, int limit,
            List<CommitInfo> into) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(start));
            walk.markUninteresting(walk.parseCommit(except));
            for (RevCommit commit : walk) {
                if (into.size() == limit) {
                    return true;
                }
                into.add(CommitInfo.of(commit));
            }
            return false;
        }
    }

    /** A fresh directory under the work directory, named so {@link #deleteStaleClones} finds it after a crash. */
    private Path cloneDirectory() throws GitFailure {
        try {
            Files.createDirectories(properties.workDirectory());
            return Files.createTempDirectory(properties.workDirectory(), CLONE_PREFIX);
        }
        catch (IOException ex) {
            throw new GitFailure("Cannot create a clone directory: " + ex.getClass().getSimpleName());
        }
    }

    private void fetch(Git git, GitUrl url, RefSpec refSpec, GitCredentials credentials, Guard guard)
            throws GitAPIException, GitFailure {
        FetchCommand fetch = git.fetch().setRemote(url.value()).setRefSpecs(refSpec).setDepth(1)
                .setTagOpt(TagOpt.NO_TAGS).setRecurseSubmodules(org.eclipse.jgit.lib.SubmoduleConfig.FetchRecurseSubmodulesMode.NO)
                .setTimeout(properties.ioTimeoutSeconds()).setProgressMonitor(guard);
        if (credentials != null) {
            fetch.setCredentialsProvider(credentials.provider());
        }
        try {
            fetch.call();
        }
        catch (GitAPIException | RuntimeException ex) {
            if (guard.exceeded() != null) {
                throw new GitFailure(guard.exceeded());
            }
            throw ex;
        }
        guard.requireWithinLimits();
    }

    private static boolean has(Repository repository, ObjectId commit) throws IOException {
        if (!repository.getObjectDatabase().has(commit)) {
            return false;
        }
        try (RevWalk walk = new RevWalk(repository)) {
            walk.parseCommit(commit);
            return true;
        }
        catch (org.eclipse.jgit.errors.MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException ex) {
            return false;
        }
    }

    private static CommitInfo info(Repository repository, ObjectId commit) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            return CommitInfo.of(walk.parseCommit(commit));
        }
    }

    /** No redirects (a public URL must not lead inward), no symbolic links written into the checkout. */
    private static void configure(StoredConfig config) {
        config.setString("http", null, "followRedirects", "false");
        config.setBoolean("core", null, "symlinks", false);
        config.setBoolean("protocol", null, "allowFileProtocolForSubmodules", false);
    }

    /** Clone directories older than {@code age}: left behind by a crash. Deletes them; returns how many. */
    public int deleteStaleClones(java.time.Duration age) {
        Path root = properties.workDirectory();
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(age);
        int deleted = 0;
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.filter(path -> path.getFileName().toString().startsWith(CLONE_PREFIX)).toList()) {
                if (Files.getLastModifiedTime(entry).toInstant().isBefore(cutoff)) {
                    Checkout.delete(entry);
                    deleted++;
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return deleted;
    }

    @Override
    public void destroy() {
        remoteCalls.shutdownNow();
    }

    /**
     * Cancels a fetch or checkout (JGit polls {@link #isCancelled}) once the deadline has passed or the
     * clone directory has grown past the limit; measured at most every 200 ms.
     */
    static final class Guard implements ProgressMonitor {

        private final Path directory;
        private final long maxBytes;
        private final Instant deadline;
        private final Clock clock;
        private final AtomicLong lastMeasured = new AtomicLong();
        private volatile String exceeded;

        Guard(Path directory, long maxBytes, Instant deadline, Clock clock) {
            this.directory = directory;
            this.maxBytes = maxBytes;
            this.deadline = deadline;
            this.clock = clock;
        }

        String exceeded() {
            return exceeded;
        }

        void requireWithinLimits() throws GitFailure {
            measure();
            if (exceeded != null) {
                throw new GitFailure(exceeded);
            }
        }

        @Override
        public boolean isCancelled() {
            long now = clock.millis();
            long previous = lastMeasured.get();
            if (exceeded == null && now - previous >= 200 && lastMeasured.compareAndSet(previous, now)) {
                measure();
            }
            return exceeded != null;
        }

        private void measure() {
            if (clock.instant().isAfter(deadline)) {
                exceeded = "The clone took longer than allowed";
                return;
            }
            try (Stream<Path> files = Files.walk(directory)) {
                long bytes = files.filter(Files::isRegularFile).mapToLong(path -> {
                    try {
                        return Files.size(path);
                    }
                    catch (IOException ex) {
                        return 0;
                    }
                }).sum();
                if (bytes > maxBytes) {
                    exceeded = "The repository is larger than the " + maxBytes / (1024 * 1024) + " MB allowed";
                }
            }
            catch (IOException | UncheckedIOException ex) {
                // A file vanished while walking (JGit renames temporary packs): measured again next time.
            }
        }

        @Override
        public void start(int totalTasks) {
        }

        @Override
        public void beginTask(String title, int totalWork) {
        }

        @Override
        public void update(int completed) {
        }

        @Override
        public void endTask() {
        }

        @Override
        public void showDuration(boolean enabled) {
        }
    }
}
