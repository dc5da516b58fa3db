package dev.autodeploy.deployer.target.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows an app instance's log file (see {@link ChildProcess.Output.AppendedTo}) and hands its complete lines to a
 * sink as {@code info}, polling on a virtual thread. It waits for a file that does not exist yet, starts over when
 * the file is truncated or replaced, and can be limited to a number of lines per second, so that an app logging in
 * a loop does not flood the deployment log: the lines over the limit are dropped and counted, and one
 * {@code warn} line {@code [N lines dropped]} says so when the second is over.
 */
final class LogFileTailer {

    static final Duration POLL_INTERVAL = Duration.ofMillis(150);

    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    private static final long WINDOW_MILLIS = 1000;
    private static final System.Logger LOG = System.getLogger(LogFileTailer.class.getName());

    private final Path file;
    private final LineSink sink;
    private final int maxLinesPerSecond;
    private final Clock clock;
    private final LineSplitter lines;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

    private volatile long offset;
    private volatile long droppedTotal;
    private volatile boolean stopping;
    private volatile Thread thread;

    // only touched by the tailing thread, or by stop() after it has ended
    private FileChannel channel;
    private Object fileKey;
    private long windowStart = Long.MIN_VALUE;
    private int windowLines;
    private long dropped;
    private boolean sinkFailed;

    /**
     * @param offset where to start reading: 0 for a new instance's file, {@link #sizeOf} for one adopted after a
     *     deployer restart, whose earlier output was already logged
     * @param maxLinesPerSecond at most this many lines in any second; 0 for no limit
     */
    LogFileTailer(Path file, long offset, LineSink sink, int maxLinesPerSecond, Clock clock) {
        if (offset < 0 || maxLinesPerSecond < 0) {
            throw new IllegalArgumentException("offset and maxLinesPerSecond must not be negative");
        }
        this.file = Objects.requireNonNull(file);
        this.offset = offset;
        this.sink = Objects.requireNonNull(sink);
        this.maxLinesPerSecond = maxLinesPerSecond;
        this.clock = Objects.requireNonNull(clock);
        this.lines = new LineSplitter(this::deliver);
    }

    /** The file's current size, 0 when it does not exist: the offset to follow only what is written from now on. */
    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException missing) {
            return 0;
        }
    }

    /** Starts following the file. */
    synchronized void start() {
        if (thread != null || stopping) {
            throw new IllegalStateException("a tailer starts once");
        }
        thread = Thread.ofVirtual().name("log-tailer-" + file.getFileName()).start(this::follow);
    }

    /**
     * Reads what is left, delivers a partial last line and the count of dropped lines, and ends. Idempotent;
     * returns once the last line has been delivered.
     */
    void stop() {
        Thread tailing;
        synchronized (this) {
            stopping = true;
            tailing = thread;
        }
        if (tailing == null || tailing == Thread.currentThread()) {
            return;
        }
        LockSupport.unpark(tailing);
        try {
            if (!tailing.join(STOP_WAIT)) {
                LOG.log(System.Logger.Level.WARNING, "tailing " + file + " did not stop within " + STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many bytes of the file have been read; after {@link #stop} every one of them was delivered. */
    long offset() {
        return offset;
    }

    /** How many lines the rate limit has dropped so far. */
    long droppedLines() {
        return droppedTotal;
    }

    private void follow() {
        try {
            while (!stopping) {
                readAvailable();
                announceDropped(false);
                LockSupport.parkNanos(POLL_INTERVAL.toNanos());
            }
            readAvailable();
            lines.flush();
            announceDropped(true);
        } finally {
            closeChannel();
        }
    }

    private void readAvailable() {
        try {
            if (channel == null && !open()) {
                return;
            }
            long size = channel.size();
            if (size < offset) {
                // truncated in place (copytruncate): what follows is new
                lines.flush();
                offset = 0;
            }
            drain();
            Object currentKey = currentFileKey();
            if (currentKey != null && !currentKey.equals(fileKey)) {
                // replaced (rotated away): the old file is read to its end, the new one from its start
                lines.flush();
                closeChannel();
                offset = 0;
                if (open()) {
                    drain();
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "reading " + file + " failed; retrying", e);
            closeChannel();
        }
    }

    private boolean open() throws IOException {
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException notYet) {
            return false;
        }
        fileKey = currentFileKey();
        if (channel.size() < offset) {
            offset = 0;
        }
        return true;
    }

    private void drain() throws IOException {
        long position = offset;
        while (true) {
            buffer.clear();
            int read = channel.read(buffer, position);
            if (read <= 0) {
                return;
            }
            lines.accept(buffer.array(), 0, read);
            position += read;
            offset = position;
        }
    }

    private Object currentFileKey() {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException gone) {
            return null;
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only: nothing lost
            }
            channel = null;
        }
    }

    private void deliver(String line) {
        if (maxLinesPerSecond > 0) {
            announceDropped(false);
            if (windowLines >= maxLinesPerSecond) {
                dropped++;
                droppedTotal++;
                return;
            }
            windowLines++;
        }
        send("info", line);
    }

    /** Starts a new one-second window when the current one is over, first saying how many lines it dropped. */
    private void announceDropped(boolean finalNotice) {
        long now = clock.millis();
        boolean windowOver = windowStart == Long.MIN_VALUE || now - windowStart >= WINDOW_MILLIS;
        if (windowOver) {
            windowStart = now;
            windowLines = 0;
        }
        if ((windowOver || finalNotice) && dropped > 0) {
            send("warn", "[" + dropped + (dropped == 1 ? " line" : " lines") + " dropped]");
            dropped = 0;
        }
    }

    private void send(String level, String line) {
        try {
            sink.line(level, line);
        } catch (RuntimeException e) {
            if (!sinkFailed) {
                sinkFailed = true;
                LOG.log(System.Logger.Level.WARNING, "lines of " + file + " lost: sink failed", e);
            }
        }
    }
}
