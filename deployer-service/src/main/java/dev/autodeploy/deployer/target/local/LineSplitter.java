package dev.autodeploy.deployer.target.local;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into UTF-8 lines, holding a partial last line until it is completed or flushed. A line longer
 * than {@value #MAX_LINE_BYTES} bytes is cut there, marked {@value #TRUNCATED}, and the rest of it is skipped, so
 * that one runaway line (a minified bundle, a binary dump) costs a bounded amount of memory and log space.
 */
final class LineSplitter {

    static final int MAX_LINE_BYTES = 8192;
    static final String TRUNCATED = " [truncated]";

    private final Consumer<String> lines;
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private int length;
    private boolean skipping;

    LineSplitter(Consumer<String> lines) {
        this.lines = lines;
    }

    void accept(byte[] bytes, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (!skipping) {
                    emit(false);
                }
                skipping = false;
                length = 0;
            } else if (!skipping) {
                if (length == MAX_LINE_BYTES) {
                    emit(true);
                    skipping = true;
                    length = 0;
                } else {
                    line[length++] = b;
                }
            }
        }
    }

    /** Emits the partial last line, if any: the stream has ended. */
    void flush() {
        if (!skipping && length > 0) {
            emit(false);
        }
        skipping = false;
        length = 0;
    }

    /** Whether a partial line is held. */
    boolean holdsPartialLine() {
        return length > 0 || skipping;
    }

    private void emit(boolean truncated) {
        int end = length;
        if (truncated) {
            end = characterBoundary(end);
        } else if (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        String text = new String(line, 0, end, StandardCharsets.UTF_8);
        lines.accept(truncated ? text + TRUNCATED : text);
    }

    /** The last position at or before {@code end} that does not split a UTF-8 sequence. */
    private int characterBoundary(int end) {
        int lead = end - 1;
        int continuations = 0;
        while (lead >= 0 && (line[lead] & 0xC0) == 0x80 && continuations < 3) {
            lead--;
            continuations++;
        }
        if (lead < 0) {
            return end;
        }
        int first = line[lead] & 0xFF;
        int size = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
        return size > continuations + 1 ? lead : end;
    }
}
