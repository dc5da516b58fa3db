package dev.autodeploy.deployer.target.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.autodeploy.deployer.target.LogSink;

/**
 * One running process of a release, on its own port: started by this deployer run, or adopted after a restart
 * (found again by pid and start time). Its output goes to a log file (so it outlives the deployer) that a tailer
 * follows into the log of the deployment it serves — a rollback that takes it over makes that the rollback's.
 */
final class AppInstance {

    /** What is kept about an instance in the environment's state file. */
    record Record(UUID deploymentId, UUID releaseId, long pid, Instant startedAt, int port, long variablesVersion,
            String logFile) {
    }

    private final UUID releaseId;
    private final int port;
    private final long variablesVersion;
    private final Path logFile;
    private final ProcessIdentity identity;
    private final ChildProcess process;
    private final LogFileTailer tailer;
    private final CompletableFuture<Integer> exit;
    private final Sink sink;
    private volatile UUID deploymentId;
    private volatile boolean stopping;

    /** Passes the tailed lines to whichever deployment's log the instance writes to now. */
    static final class Sink implements LineSink {

        private volatile LogSink target;

        Sink(LogSink target) {
            this.target = target;
        }

        void retarget(LogSink next) {
            this.target = next;
        }

        @Override
        public void line(String level, String text) {
            target.line(level, "runtime", text);
        }
    }

    AppInstance(UUID deploymentId, UUID releaseId, int port, long variablesVersion, Path logFile,
            ProcessIdentity identity, ChildProcess process, LogFileTailer tailer, Sink sink,
            CompletableFuture<Integer> exit) {
        this.deploymentId = deploymentId;
        this.releaseId = releaseId;
        this.port = port;
        this.variablesVersion = variablesVersion;
        this.logFile = logFile;
        this.identity = identity;
        this.process = process;
        this.tailer = tailer;
        this.sink = sink;
        this.exit = exit;
    }

    UUID deploymentId() {
        return deploymentId;
    }

    UUID releaseId() {
        return releaseId;
    }

    int port() {
        return port;
    }

    long variablesVersion() {
        return variablesVersion;
    }

    long pid() {
        return identity.pid();
    }

    /** Completes with the exit code (null when adopted: the code of a process we did not start is unknown). */
    CompletableFuture<Integer> exit() {
        return exit;
    }

    boolean alive() {
        return process != null ? process.isAlive() : identity.isAlive();
    }

    /** True once {@link #stop} was asked: its exit is then no crash. */
    boolean stopping() {
        return stopping;
    }

    /** The instance now serves {@code deployment}: its output goes to that deployment's log. */
    void servesFor(UUID deployment, LogSink logs) {
        this.deploymentId = deployment;
        sink.retarget(logs);
    }

    long residentBytes() {
        return ProcessTree.of(identity).residentBytes();
    }

    /** Stops it for good (replaced, rolled back from, destroyed). */
    void stop(Duration grace) {
        stopping = true;
        kill(grace);
        tailer.stop();
    }

    /** Stops it as a crash would (over its memory limit): its exit then counts as one, and it is restarted. */
    void terminate(Duration grace) {
        kill(grace);
    }

    /** The deployer stops: the process keeps running (found again at the next start), its output stops flowing. */
    void detach() {
        stopping = true;
        tailer.stop();
    }

    private void kill(Duration grace) {
        if (process != null) {
            process.stop(grace);
        }
        else {
            identity.stopTree(grace);
        }
    }

    Record record() {
        return new Record(deploymentId, releaseId, identity.pid(), identity.startedAt(), port, variablesVersion,
                logFile.toString());
    }

    @Override
    public String toString() {
        return "AppInstance[" + releaseId + " pid " + identity.pid() + " port " + port + "]";
    }
}
