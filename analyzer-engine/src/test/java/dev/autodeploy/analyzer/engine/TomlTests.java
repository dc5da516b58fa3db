package dev.autodeploy.analyzer.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class TomlTests {

    /** One line, naming the file, with a short reason. */
    private static final String WARNING =
            "^f\\.toml is not valid TOML \\((line \\d+, column \\d+: )?.{1,130}\\); it was ignored$";

    private final Warnings warnings = new Warnings();

    private JsonNode read(String text) {
        JsonNode document = Toml.parse(text, "f.toml", warnings).orElseThrow();
        assertThat(warnings.list()).isEmpty();
        return document;
    }

    /** The one warning a malformed {@code text} gives, checked to name the file and to be the only outcome. */
    private String problem(String text) {
        Warnings own = new Warnings();
        Optional<JsonNode> document = Toml.parse(text, "f.toml", own);
        assertThat(document).isEmpty();
        assertThat(own.list()).singleElement().asString().matches(WARNING);
        return own.list().getFirst();
    }

    @Test
    void tablesDottedKeysInlineTablesAndArraysOfTablesAreNodes() {
        JsonNode toml = read("""
                # a comment
                title = "x" # trailing comment
                [package]
                name = 'literal \\ kept'
                rust-version.workspace = true
                members = [
                  "api",   # first
                  'core',
                  3,
                ]
                [dependencies]
                serde = { version = "1.0", features = ["derive"] }
                "quoted.key" = "0.1"
                [dependencies.tokio]
                version = "1"
                [[bin]]
                name = "first"
                [[bin]]
                name = "second"
                [target.'cfg(unix)'.dependencies]
                nix = "0.29"
                """);
        assertThat(Toml.string(toml.path("title"))).isEqualTo("x");
        JsonNode pkg = toml.path("package");
        assertThat(Toml.string(pkg.path("name"))).isEqualTo("literal \\ kept");
        assertThat(pkg.path("rust-version").path("workspace").booleanValue()).isTrue();
        assertThat(Toml.string(pkg.path("rust-version"))).isNull();
        assertThat(Toml.strings(pkg.path("members"))).containsExactly("api", "core");
        assertThat(Toml.string(toml.path("dependencies").path("serde").path("version"))).isEqualTo("1.0");
        assertThat(Toml.string(toml.path("dependencies").path("quoted.key"))).isEqualTo("0.1");
        assertThat(Toml.string(toml.path("dependencies").path("tokio").path("version"))).isEqualTo("1");
        assertThat(toml.path("bin").valueStream().map(bin -> Toml.string(bin.path("name"))))
                .containsExactly("first", "second");
        assertThat(Toml.string(toml.path("target").path("cfg(unix)").path("dependencies").path("nix")))
                .isEqualTo("0.29");
        assertThat(Toml.string(toml.path("missing").path("deeper"))).isNull();
        assertThat(Toml.strings(toml.path("title"))).isEmpty();
    }

    @Test
    void stringsAreUnescapedAndOtherValuesKeepTheirTomlType() {
        JsonNode toml = read("""
                basic = "tab\\there \\u00e9 \\"quoted\\""
                multi = \"\"\"
                first \\
                   second\"\"\"
                raw = '''
                C:\\path\\n'''
                n = 42
                edition = 2021
                day = 1979-05-27
                """);
        assertThat(Toml.string(toml.path("basic"))).isEqualTo("tab\there é \"quoted\"");
        assertThat(Toml.string(toml.path("multi"))).isEqualTo("first second");
        assertThat(Toml.string(toml.path("raw"))).isEqualTo("C:\\path\\n");
        // Unquoted numbers are numbers, not text (Cargo and Poetry would refuse `edition = 2021` as well).
        assertThat(toml.path("n").intValue()).isEqualTo(42);
        assertThat(Toml.string(toml.path("edition"))).isNull();
        assertThat(Toml.string(toml.path("day"))).isEqualTo("1979-05-27");
    }

    @Test
    void emptyTextByteOrderMarkAndWindowsLineEndsAreAccepted() {
        assertThat(read("").isObject()).isTrue();
        assertThat(read("").isEmpty()).isTrue();
        assertThat(Toml.parse(null, "f.toml", warnings))
                .hasValueSatisfying(node -> assertThat(node.isEmpty()).isTrue());
        assertThat(Toml.string(read("\uFEFFa = 'x'\r\nb = 2\r\n").path("a"))).isEqualTo("x");
    }

    @Test
    void malformedInputIsAWarningNamingFileLineAndColumn() {
        assertThat(problem("a = 1\nb = \"open\n"))
                .isEqualTo("f.toml is not valid TOML (line 2, column 10: Newline not permitted here); it was ignored");
        assertThat(problem("[project\nname = 1")).startsWith("f.toml is not valid TOML (line 1, column 9: ");
        assertThat(problem("key value")).startsWith("f.toml is not valid TOML (line 1, ");
        assertThat(problem("a = \"x\" trailing")).startsWith("f.toml is not valid TOML (line 1, ");
        assertThat(problem("a = [1, 2")).startsWith("f.toml is not valid TOML (line 1, ");
        assertThat(problem("a = \"\\q\"")).startsWith("f.toml is not valid TOML (line 1, ");
        assertThat(problem("x = 1\nedition = \ny = 2")).startsWith("f.toml is not valid TOML (line 2, ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a = 1\na = 2\n", "[a]\nx = 1\n[a]\ny = 2\n", "a.b = 1\na = 2\n",
            "[dependencies]\nserde = '1'\n[dependencies.serde]\nfeatures = []\n",
            "dep = { version = '1',\n  features = [] }\n", "dep = { version = '1', }\n"})
    void tomlOneIsReadStrictly(String text) {
        // Duplicate keys, redefined tables and TOML 1.1's multi-line inline tables (or their trailing comma) are
        // refused, not guessed at.
        problem(text);
    }

    @Test
    void theWarningNeverQuotesTheFile() {
        String digits = "7".repeat(600);
        assertThat(problem("x = " + digits)).doesNotContain("777").hasSizeLessThan(200);
        assertThat(problem("x = 1." + digits)).doesNotContain("777").hasSizeLessThan(200);
        assertThat(problem("x = 1e99999999999")).doesNotContain("99999999999");
        assertThat(problem("secret_token = \"abc\" sk-live-123")).doesNotContain("sk-live").doesNotContain("abc");
    }

    @Test
    void deepNestingIsRefusedInsteadOfExhaustingTheStack() {
        assertThat(problem("a = " + "[".repeat(100_000))).contains("nesting depth");
        assertThat(problem("a = " + "{ b = ".repeat(10_000))).contains("nesting depth");
        assertThat(problem("a = " + "[".repeat(40) + "]".repeat(40))).contains("nesting depth");
        String path = String.join(".", java.util.Collections.nCopies(40, "k"));
        assertThat(problem(path + " = 1")).contains("nesting depth");
        assertThat(problem("[" + path + "]\nx = 1")).contains("nesting depth");
        // Within the bound, nesting is read.
        JsonNode nested = read("a = " + "[".repeat(20) + "1" + "]".repeat(20));
        assertThat(nested.path("a").isArray()).isTrue();
    }

    @Test
    void oversizedValuesAndNamesAreRefused() {
        assertThat(problem("s = \"" + "x".repeat(1_000_001) + "\"")).contains("String value length");
        assertThat(problem("k".repeat(10_001) + " = 1")).contains("Name length");
        StringBuilder keys = new StringBuilder();
        for (int i = 0; keys.length() <= 4_000_000; i++) {
            keys.append("key").append(i).append(" = 1\n");
        }
        assertThat(problem(keys.toString())).contains("Document length");
    }

    @Test
    void hostileInputNeverThrows() {
        List<String> inputs = List.of("", "=", "[", "[[", "]]", "a = [", "a = {", "a = \"\\u12\"",
                "a = \"\\UFFFFFFFF\"", "a = \"\"\"", "a = '''", "a.b = 1\na = 2\na.b.c = 3",
                "x = " + "[".repeat(10_000), "\u0000\uFFFF",
                "a = { b = [ { c = ", "a = 0x", "a = 1__0", "a = 2024-13-45T99:99:99Z", "a = -inf\nb = nan",
                "[[a]]\n[a]", "[a]\n[[a]]", "a = \"\\uD800\"", "\uD800 = 1");
        for (String input : inputs) {
            assertThatCode(() -> Toml.parse(input, "f.toml", new Warnings()))
                    .as(input.length() > 40 ? "deep nesting" : input).doesNotThrowAnyException();
        }
    }

    @Test
    void arbitraryInputIsReadOrIsOneWarningButNeverThrows() {
        String[] alphabets = {"[]{}=\"'.,#\\\n abc123-_tu\t",
                "[]{}=\"'.,#\\\r\n0123456789-+:.eExobTZ _\u0000\uFEFF\u00e9"};
        Random random = new Random(42);
        for (String alphabet : alphabets) {
            for (int i = 0; i < 5_000; i++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(60);
                for (int j = 0; j < length; j++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                Warnings own = new Warnings();
                assertThatCode(() -> {
                    Optional<JsonNode> document = Toml.parse(text.toString(), "f.toml", own);
                    assertThat(own.list()).hasSize(document.isPresent() ? 0 : 1);
                }).as("input %s", text).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void aFileOfProblemsIsRefusedInLinearTime() {
        String unterminated = "ok = 1\nx = \"\"\"\n" + "= broken\n".repeat(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> problem(unterminated));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> problem("= broken\n".repeat(200_000)));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> problem("\n".repeat(300_000) + "= broken"));
    }
}
