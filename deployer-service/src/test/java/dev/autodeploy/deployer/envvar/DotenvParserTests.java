package dev.autodeploy.deployer.envvar;

import java.util.List;
import java.util.Map;

import dev.autodeploy.deployer.envvar.DotenvParser.Entry;
import dev.autodeploy.deployer.envvar.DotenvParser.Problem;
import dev.autodeploy.deployer.envvar.DotenvParser.Result;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DotenvParserTests {

    @Test
    void readsKeysAndValuesSkippingBlankLinesAndComments() {
        Result result = DotenvParser.parse("""
                # database
                DATABASE_URL=postgres://app@db:5432/app

                  PORT=8080
                export NODE_ENV=production
                export\tTABBED=yes
                EMPTY=
                """);

        assertThat(result.problems()).isEmpty();
        assertThat(result.variables()).containsExactly(Map.entry("DATABASE_URL", "postgres://app@db:5432/app"),
                Map.entry("PORT", "8080"), Map.entry("NODE_ENV", "production"), Map.entry("TABBED", "yes"),
                Map.entry("EMPTY", ""));
        assertThat(result.entries()).extracting(Entry::line).containsExactly(2, 4, 5, 6, 7);
    }

    @Test
    void unquotedValuesAreTrimmedAndEndAtAnInlineCommentAfterABlank() {
        Result result = DotenvParser.parse("""
                A = spaced value   \s
                B=value # a comment
                C=pass#word
                D= # only a comment
                E=#not-a-comment
                F=a "quoted" 'inside'
                export=1
                """);

        assertThat(result.problems()).isEmpty();
        assertThat(result.variables()).containsExactly(Map.entry("A", "spaced value"), Map.entry("B", "value"),
                Map.entry("C", "pass#word"), Map.entry("D", ""), Map.entry("E", "#not-a-comment"),
                Map.entry("F", "a \"quoted\" 'inside'"), Map.entry("export", "1"));
    }

    @Test
    void singleQuotedValuesAreLiteralAndDoubleQuotedOnesUnescape() {
        Result result = DotenvParser.parse("""
                SINGLE='a \\n $B # "c"'
                DOUBLE="line1\\nline2\\ttab \\"q\\" back\\\\slash \\x $B # kept"
                COMMENTED="value" # comment
                EMPTY_QUOTES=""
                """);

        assertThat(result.problems()).isEmpty();
        assertThat(result.variables()).containsExactly(Map.entry("SINGLE", "a \\n $B # \"c\""),
                Map.entry("DOUBLE", "line1\nline2\ttab \"q\" back\\slash \\x $B # kept"),
                Map.entry("COMMENTED", "value"), Map.entry("EMPTY_QUOTES", ""));
    }

    @Test
    void quotedValuesMaySpanLines() {
        Result result = DotenvParser.parse("""
                PRIVATE_KEY="-----BEGIN KEY-----
                MIIB\\"x
                -----END KEY-----"
                LITERAL='one
                two'
                AFTER=1
                """);

        assertThat(result.problems()).isEmpty();
        assertThat(result.variables()).containsExactly(
                Map.entry("PRIVATE_KEY", "-----BEGIN KEY-----\nMIIB\"x\n-----END KEY-----"),
                Map.entry("LITERAL", "one\ntwo"), Map.entry("AFTER", "1"));
        assertThat(result.entries()).extracting(Entry::line).containsExactly(1, 4, 6);
    }

    @Test
    void acceptsWindowsLineEndingsAndAByteOrderMark() {
        Result result = DotenvParser.parse("\uFEFFA=1\r\nB=\"x\r\ny\"\r\n\r\n# c\r\nC=3\r\n");

        assertThat(result.problems()).isEmpty();
        assertThat(result.variables()).containsExactly(Map.entry("A", "1"), Map.entry("B", "x\ny"),
                Map.entry("C", "3"));
        assertThat(result.entries()).extracting(Entry::line).containsExactly(1, 2, 6);
    }

    @Test
    void aDuplicateKeyKeepsTheLastValueAndIsReported() {
        Result result = DotenvParser.parse("A=first\nB=b\nA=second\n");

        assertThat(result.variables()).containsExactly(Map.entry("B", "b"), Map.entry("A", "second"));
        assertThat(result.problems()).isEmpty();
        assertThat(result.duplicates()).containsExactly(new DotenvParser.Duplicate("A", 3, 1));
    }

    @Test
    void collectsProblemsPerLineAndKeepsTheGoodLines() {
        Result result = DotenvParser.parse("""
                GOOD=1
                KEY_WITHOUT_VALUE
                1BAD=s3cret-one
                BAD-NAME=s3cret-two
                =s3cret-three
                %s=x
                TRAILING="s3cret-four" junk
                UNTERMINATED="s3cret-five
                ALSO_GOOD=2
                """.formatted("K".repeat(DotenvParser.MAX_KEY_LENGTH + 1)));

        assertThat(result.variables()).containsExactly(Map.entry("GOOD", "1"), Map.entry("ALSO_GOOD", "2"));
        assertThat(result.problems()).extracting(Problem::line).containsExactly(2, 3, 4, 5, 6, 7, 8);
        assertThat(result.problems()).extracting(Problem::message).containsExactly(
                "expected KEY=value, found no '='",
                "invalid variable name: use letters, digits and '_', not starting with a digit",
                "invalid variable name: use letters, digits and '_', not starting with a digit",
                "no variable name before '='",
                "variable name longer than 255 characters",
                "unexpected text after the closing quote",
                "unterminated double quote");
        assertThat(result.problems()).allSatisfy(problem -> assertThat(problem.message()).doesNotContain("s3cret"));
    }

    @Test
    void aKeyOfExactlyTheMaximumLengthIsFine() {
        String key = "K".repeat(DotenvParser.MAX_KEY_LENGTH);

        assertThat(DotenvParser.parse(key + "=v").variables()).containsExactly(Map.entry(key, "v"));
    }

    @Test
    void aMultiLineValueUnderAnInvalidKeyIsSkippedWhole() {
        Result result = DotenvParser.parse("9KEY=\"line one\nline two\"\nNEXT=ok\n");

        assertThat(result.variables()).containsExactly(Map.entry("NEXT", "ok"));
        assertThat(result.problems()).extracting(Problem::line).containsExactly(1);
    }

    @Test
    void entriesAndResultsNeverPrintValues() {
        Result result = DotenvParser.parse("API_TOKEN=hunter2\n");

        assertThat(result.entries().getFirst()).hasToString("Entry[key=API_TOKEN, line=1]");
        assertThat(result.toString()).doesNotContain("hunter2");
    }

    @Test
    void emptyTextHasNothing() {
        assertThat(DotenvParser.parse("")).isEqualTo(new Result(List.of(), List.of(), List.of()));
        assertThat(DotenvParser.parse("\n\n# only comments\n").entries()).isEmpty();
    }
}
