package dev.autodeploy.deployer.target.local;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineSplitterTests {

    private final List<String> lines = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(lines::add);

    @Test
    void emitsCompleteLinesAndHoldsThePartialOneUntilFlushed() {
        feed("one\ntw");
        assertThat(lines).containsExactly("one");
        assertThat(splitter.holdsPartialLine()).isTrue();

        feed("o\r\n\nthree");
        assertThat(lines).containsExactly("one", "two", "");

        splitter.flush();
        assertThat(lines).containsExactly("one", "two", "", "three");
        assertThat(splitter.holdsPartialLine()).isFalse();
        splitter.flush();
        assertThat(lines).hasSize(4);
    }

    @Test
    void decodesUtf8EvenWhenACharacterIsSplitAcrossReads() {
        byte[] bytes = "grüße ✓\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            splitter.accept(new byte[] {b}, 0, 1);
        }
        assertThat(lines).containsExactly("grüße ✓");
    }

    @Test
    void cutsOverlongLinesAtTheLimitMarksThemAndSkipsTheirRest() {
        feed("x".repeat(LineSplitter.MAX_LINE_BYTES) + "\n");
        feed("y".repeat(LineSplitter.MAX_LINE_BYTES + 5000) + "\nnext\n");

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("x".repeat(LineSplitter.MAX_LINE_BYTES));
        assertThat(lines.get(1)).isEqualTo("y".repeat(LineSplitter.MAX_LINE_BYTES) + LineSplitter.TRUNCATED);
        assertThat(lines.get(2)).isEqualTo("next");
    }

    @Test
    void neverCutsInsideACharacter() {
        // 8191 one-byte characters, then a three-byte one that does not fit
        feed("a".repeat(LineSplitter.MAX_LINE_BYTES - 1) + "✓✓\n");

        assertThat(lines).singleElement().isEqualTo("a".repeat(LineSplitter.MAX_LINE_BYTES - 1)
                + LineSplitter.TRUNCATED);
    }

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        splitter.accept(bytes, 0, bytes.length);
    }
}
