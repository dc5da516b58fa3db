package dev.autodeploy.deployer.target.gitlab;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.autodeploy.deployer.cicd.ProviderCallException;
import dev.autodeploy.deployer.target.LogSink;

/**
 * Follows the logs of one pipeline's jobs across polls: per job it remembers how many bytes of the log became
 * log lines, asks GitLab only for what follows, and turns complete lines into deployment log lines (a line still
 * being written waits for the next poll, unless the job has finished). GitLab's terminal colours, collapsible
 * section markers and carriage-return progress bars are stripped. Also says when a job's status changes. A log
 * that cannot be read is asked for again at the next poll.
 */
class GitLabTraceFollower {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    private static final Pattern SECTION = Pattern.compile(
            "section_(?:start|end):[0-9]+:[A-Za-z0-9_.-]+(?:\\[[^\\]]*])?");

    private final Map<Long, Long> consumed = new HashMap<>();
    private final Map<Long, String> statuses = new HashMap<>();
    private final Set<Long> done = new HashSet<>();
    private final Set<Long> unreadable = new HashSet<>();

    /** Logs what is new in the jobs' statuses and logs since the last call. */
    void poll(GitLabClient client, String project, List<GitLabJob> jobs, LogSink logs) {
        for (GitLabJob job : jobs) {
            String before = statuses.put(job.id(), job.status());
            if (!job.status().equals(before)) {
                logs.line(job.status().equals("failed") && !job.allowFailure() ? "error" : "info", "system",
                        "GitLab job '" + job.name() + "' (stage " + job.stage() + ") is " + job.status());
            }
            if (!job.started() || done.contains(job.id())) {
                continue;
            }
            long offset = consumed.getOrDefault(job.id(), 0L);
            byte[] bytes;
            try {
                bytes = client.trace(project, job.id(), offset);
            }
            catch (ProviderCallException ex) {
                // a log GitLab cannot serve now is no reason to stop following the pipeline: the next poll asks again
                if (unreadable.add(job.id())) {
                    logs.warn("Could not read the log of GitLab job '" + job.name() + "' (HTTP " + ex.status()
                            + "); trying again");
                }
                continue;
            }
            unreadable.remove(job.id());
            int end = job.finished() ? bytes.length : lastNewline(bytes) + 1;
            if (end > 0) {
                emit(job.name(), new String(bytes, 0, end, StandardCharsets.UTF_8), logs);
                consumed.put(job.id(), offset + end);
            }
            if (job.finished()) {
                done.add(job.id());
            }
        }
    }

    /** Bytes of the job's log already logged. */
    long consumed(long jobId) {
        return consumed.getOrDefault(jobId, 0L);
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void emit(String job, String text, LogSink logs) {
        for (String raw : text.split("\n", -1)) {
            String line = clean(raw);
            if (!line.isBlank()) {
                logs.line("info", "build", "[" + job + "] " + line);
            }
        }
    }

    /** A log line as a terminal would end up showing it, without colours or section markers. */
    static String clean(String raw) {
        String line = SECTION.matcher(ANSI.matcher(raw).replaceAll("")).replaceAll("");
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        int carriageReturn = line.lastIndexOf('\r');
        return carriageReturn >= 0 ? line.substring(carriageReturn + 1) : line;
    }
}
