package dev.autodeploy.deployer.target;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A build or start command parsed with a small, strict part of shell syntax, so that it can be run without a shell.
 *
 * <p>Commands come from repository analysis and from users, and variables hold whatever users typed: no shell may
 * ever see them, so nothing a shell would interpret can mean anything here. Supported: words separated by blanks;
 * {@code 'single quotes'} (literal); {@code "double quotes"} with {@code \"}, {@code \\}, {@code \$} escapes and
 * variables inside; a backslash outside quotes escapes the next character; leading {@code NAME=value} words are
 * assignments for that invocation; {@code &&} runs the next invocation when the previous one succeeded; variables
 * {@code $NAME}, {@code ${NAME}} and {@code ${NAME:-default}} (the default may hold variables itself) are expanded
 * by {@link #expand}. As in a shell, the value of an unquoted variable is split at blanks and an unquoted word that
 * expands to nothing is dropped, while a quoted one stays as an empty argument; nothing is ever re-parsed, so a
 * value can add arguments but never operators. Globs ({@code * ? [}) and {@code ~} stay literal.
 *
 * <p>Everything else a shell would interpret is rejected with {@link InvalidCommand}: {@code | || ; &}, redirections,
 * {@code `} and {@code $(...)}, {@code ( ) { }} outside {@code ${...}}, a {@code #} comment, line breaks and other
 * control characters, special parameters such as {@code $1} or {@code $?}, other {@code ${...}} forms, and shell
 * keywords and builtins such as {@code if} or {@code cd} where a program name is expected.
 */
public final class CommandLine {

    public static final int MAX_LENGTH = 4096;
    public static final int MAX_WORDS = 256;

    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);

    private static final Map<String, String> SHELL_ONLY = shellOnlyWords();

    private final List<Step> steps;

    private CommandLine(List<Step> steps) {
        this.steps = steps;
    }

    /**
     * Parses a command.
     *
     * @throws InvalidCommand when it uses syntax that would need a shell, or is empty or too long
     */
    public static CommandLine parse(String text) throws InvalidCommand {
        if (text == null || text.isBlank()) {
            throw new InvalidCommand("the command is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidCommand("the command is longer than " + MAX_LENGTH + " characters");
        }
        return new CommandLine(new Parser(text).parse());
    }

    /**
     * The invocations to run in order, stopping at the first that fails, with variables taken from
     * {@code environment} (unset ones are empty). Each invocation's assignments see the assignments before them
     * in the same invocation, as in a shell; its arguments see only {@code environment}.
     *
     * @throws InvalidCommand when an invocation expands to no program or to too many words
     */
    public List<Invocation> expand(Map<String, String> environment) throws InvalidCommand {
        List<Invocation> invocations = new ArrayList<>(steps.size());
        int words = 0;
        for (Step step : steps) {
            Map<String, String> assignments = new LinkedHashMap<>();
            for (Assignment assignment : step.assignments()) {
                UnaryOperator<String> visible = name -> assignments.containsKey(name)
                        ? assignments.get(name) : environment.get(name);
                assignments.put(assignment.name(), joined(assignment.value(), visible));
            }
            List<String> argv = new ArrayList<>();
            for (Word word : step.words()) {
                split(word.parts(), environment::get, argv);
            }
            if (argv.isEmpty() || argv.getFirst().isEmpty()) {
                throw new InvalidCommand("'" + step + "' expands to no program name (its variables are empty)");
            }
            words += argv.size() + assignments.size();
            if (words > MAX_WORDS) {
                throw new InvalidCommand("the command expands to more than " + MAX_WORDS + " words");
            }
            if (Stream.concat(argv.stream(), assignments.values().stream()).anyMatch(s -> s.indexOf('\0') >= 0)) {
                throw new InvalidCommand("a variable used by '" + step + "' contains a NUL character");
            }
            invocations.add(new Invocation(argv, assignments));
        }
        return List.copyOf(invocations);
    }

    /** The command as parsed, blanks normalized and variables not expanded: safe to log. */
    @Override
    public String toString() {
        return steps.stream().map(Step::toString).collect(Collectors.joining(" && "));
    }

    /**
     * One program to run: its arguments and the variables to add to its environment.
     *
     * @param argv the program (resolved on the invocation's {@code PATH}) and its arguments
     * @param assignments {@code NAME=value} words written before the program, in order; the caller adds them to
     *     this invocation's environment only
     */
    public record Invocation(List<String> argv, Map<String, String> assignments) {

        public Invocation {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("an invocation needs a program");
            }
            assignments = Collections.unmodifiableMap(new LinkedHashMap<>(assignments));
        }

        /** {@code base} with this invocation's assignments added. */
        public Map<String, String> environment(Map<String, String> base) {
            Map<String, String> environment = new LinkedHashMap<>(base);
            environment.putAll(assignments);
            return environment;
        }

        @Override
        public String toString() {
            // arguments and assigned values are expanded from variables, and variables hold secrets
            return "Invocation[" + argv.getFirst() + " with " + (argv.size() - 1) + " arguments, assigning "
                    + assignments.keySet() + "]";
        }
    }

    private static String joined(List<Part> parts, UnaryOperator<String> variables) {
        StringBuilder joined = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal literal -> joined.append(literal.text());
                case Variable variable -> joined.append(value(variable, variables));
            }
        }
        return joined.toString();
    }

    private static String value(Variable variable, UnaryOperator<String> variables) {
        String value = variables.apply(variable.name());
        if (variable.hasDefault() && (value == null || value.isEmpty())) {
            return joined(variable.fallback(), variables);
        }
        return value == null ? "" : value;
    }

    /** Expands one word into zero or more arguments, splitting unquoted variables' values at blanks. */
    private static void split(List<Part> parts, UnaryOperator<String> variables, List<String> argv) {
        StringBuilder field = new StringBuilder();
        boolean present = false;
        for (Part part : parts) {
            switch (part) {
                case Literal literal -> {
                    field.append(literal.text());
                    present = true;
                }
                case Variable variable when variable.quoted() -> {
                    field.append(value(variable, variables));
                    present = true;
                }
                case Variable variable -> {
                    String value = value(variable, variables);
                    int i = 0;
                    while (i < value.length()) {
                        if (isFieldSeparator(value.charAt(i))) {
                            if (present) {
                                argv.add(field.toString());
                                field.setLength(0);
                                present = false;
                            }
                            while (i < value.length() && isFieldSeparator(value.charAt(i))) {
                                i++;
                            }
                        } else {
                            int end = i;
                            while (end < value.length() && !isFieldSeparator(value.charAt(end))) {
                                end++;
                            }
                            field.append(value, i, end);
                            present = true;
                            i = end;
                        }
                    }
                }
            }
        }
        if (present) {
            argv.add(field.toString());
        }
    }

    private static boolean isFieldSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n';
    }

    private sealed interface Part permits Literal, Variable {
    }

    /** Text taken as it is; {@code quoted} when it came from quotes or a backslash escape. */
    private record Literal(String text, boolean quoted) implements Part {
    }

    /** {@code $NAME}, {@code ${NAME}} or, with {@code hasDefault}, {@code ${NAME:-fallback}}. */
    private record Variable(String name, boolean hasDefault, List<Part> fallback, boolean quoted) implements Part {
    }

    private record Word(List<Part> parts, String source) {
    }

    private record Assignment(String name, List<Part> value, String source) {
    }

    private record Step(List<Assignment> assignments, List<Word> words) {

        @Override
        public String toString() {
            return Stream.concat(assignments.stream().map(Assignment::source), words.stream().map(Word::source))
                    .collect(Collectors.joining(" "));
        }
    }

    /** One left-to-right pass over the text; positions in messages count from 1. */
    private static final class Parser {

        private final String text;
        private final List<Step> steps = new ArrayList<>();
        private List<Assignment> assignments = new ArrayList<>();
        private List<Word> words = new ArrayList<>();
        private int index;
        private int wordCount;
        private int lastAnd = -1;

        Parser(String text) {
            this.text = text;
        }

        List<Step> parse() throws InvalidCommand {
            while (true) {
                while (index < text.length() && isBlank(text.charAt(index))) {
                    index++;
                }
                if (index >= text.length()) {
                    break;
                }
                if (text.startsWith("&&", index)) {
                    endStep(index);
                    lastAnd = index;
                    index += 2;
                } else {
                    readWord();
                }
            }
            endStep(-1);
            return List.copyOf(steps);
        }

        private void endStep(int andAt) throws InvalidCommand {
            if (words.isEmpty()) {
                if (!assignments.isEmpty()) {
                    throw new InvalidCommand("'" + assignments.getLast().source()
                            + "' assigns a variable but no program follows it", andAt >= 0 ? andAt + 1 : 0);
                }
                if (andAt >= 0) {
                    throw new InvalidCommand("'&&' needs a command before it", andAt + 1);
                }
                throw new InvalidCommand("'&&' needs a command after it", lastAnd + 1);
            }
            steps.add(new Step(List.copyOf(assignments), List.copyOf(words)));
            assignments = new ArrayList<>();
            words = new ArrayList<>();
        }

        private void readWord() throws InvalidCommand {
            int start = index;
            WordBuilder word = new WordBuilder();
            while (index < text.length()) {
                char c = text.charAt(index);
                if (isBlank(c) || text.startsWith("&&", index)) {
                    break;
                }
                switch (c) {
                    case '\'' -> readSingleQuoted(word);
                    case '"' -> readDoubleQuoted(word);
                    case '\\' -> {
                        if (index + 1 >= text.length()) {
                            throw invalid("'\\' at the end of the command escapes nothing", index);
                        }
                        char escaped = text.charAt(index + 1);
                        rejectControl(escaped, index + 1);
                        word.literal(String.valueOf(escaped), true);
                        index += 2;
                    }
                    case '$' -> word.part(readDollar(false));
                    case '&' -> throw invalid("'&' (running in the background) is not supported;"
                            + " use && to run commands one after another", index);
                    case '|' -> throw text.startsWith("||", index)
                            ? invalid("'||' is not supported (commands run without a shell; only && is)", index)
                            : invalid("a pipe '|' is not supported (commands run without a shell)", index);
                    case ';' -> throw invalid("';' is not supported (commands run without a shell);"
                            + " use && to run commands one after another", index);
                    case '<', '>' -> throw invalid("redirection '" + redirection(index)
                            + "' is not supported (output goes to the deployment log)", index);
                    case '`' -> throw invalid("command substitution '`' is not supported", index);
                    case '(', ')' -> throw invalid("'" + c + "' is not supported (commands run without a shell);"
                            + " quote it to pass it literally", index);
                    case '{', '}' -> throw invalid("'" + c + "' is not supported outside ${...}"
                            + " (commands run without a shell); quote it to pass it literally", index);
                    case '#' -> {
                        if (index == start) {
                            throw invalid("'#' would start a comment in a shell; quote it to pass it literally",
                                    index);
                        }
                        word.literal("#", false);
                        index++;
                    }
                    default -> {
                        rejectControl(c, index);
                        word.literal(String.valueOf(c), false);
                        index++;
                    }
                }
            }
            endWord(word.build(), text.substring(start, index), start);
        }

        private void endWord(List<Part> parts, String source, int start) throws InvalidCommand {
            if (++wordCount > MAX_WORDS) {
                throw new InvalidCommand("the command has more than " + MAX_WORDS + " words");
            }
            if (words.isEmpty()) {
                if (!parts.isEmpty() && parts.getFirst() instanceof Literal first && !first.quoted()) {
                    Matcher assignment = ASSIGNMENT.matcher(first.text());
                    if (assignment.matches()) {
                        List<Part> value = new ArrayList<>();
                        if (!assignment.group(2).isEmpty()) {
                            value.add(new Literal(assignment.group(2), false));
                        }
                        value.addAll(parts.subList(1, parts.size()));
                        assignments.add(new Assignment(assignment.group(1), List.copyOf(value), source));
                        return;
                    }
                    String shellOnly = parts.size() == 1 ? SHELL_ONLY.get(first.text()) : null;
                    if (shellOnly != null) {
                        throw invalid(shellOnly, start);
                    }
                }
            }
            words.add(new Word(parts, source));
        }

        private void readSingleQuoted(WordBuilder word) throws InvalidCommand {
            int close = text.indexOf('\'', index + 1);
            if (close < 0) {
                throw invalid("unterminated single quote", index);
            }
            for (int i = index + 1; i < close; i++) {
                rejectControl(text.charAt(i), i);
            }
            word.literal(text.substring(index + 1, close), true);
            index = close + 1;
        }

        private void readDoubleQuoted(WordBuilder word) throws InvalidCommand {
            int open = index++;
            word.literal("", true);
            while (true) {
                if (index >= text.length()) {
                    throw invalid("unterminated double quote", open);
                }
                char c = text.charAt(index);
                if (c == '"') {
                    index++;
                    return;
                }
                if (c == '\\' && index + 1 < text.length() && "\"\\$`".indexOf(text.charAt(index + 1)) >= 0) {
                    word.literal(String.valueOf(text.charAt(index + 1)), true);
                    index += 2;
                } else if (c == '$') {
                    word.part(readDollar(true));
                } else if (c == '`') {
                    throw invalid("command substitution '`' is not supported", index);
                } else {
                    rejectControl(c, index);
                    word.literal(String.valueOf(c), true);
                    index++;
                }
            }
        }

        /** Reads what starts with the {@code $} at {@code index}: a variable, or a lone {@code $} taken literally. */
        private Part readDollar(boolean quoted) throws InvalidCommand {
            int at = index;
            char next = index + 1 < text.length() ? text.charAt(index + 1) : ' ';
            if (next == '(') {
                throw invalid("command substitution '$(' is not supported", at);
            }
            if (next == '{') {
                return readBraced(quoted, at);
            }
            if (isNameStart(next)) {
                int end = index + 1;
                while (end < text.length() && isNamePart(text.charAt(end))) {
                    end++;
                }
                String name = text.substring(index + 1, end);
                index = end;
                return new Variable(name, false, List.of(), quoted);
            }
            if (Character.isDigit(next) || "@*#?$!-".indexOf(next) >= 0) {
                throw invalid("'$" + next + "' (a shell special parameter) is not supported", at);
            }
            if (!quoted && (next == '\'' || next == '"')) {
                throw invalid("'$" + next + "' quoting is not supported", at);
            }
            index++;
            return new Literal("$", quoted);
        }

        private Part readBraced(boolean quoted, int at) throws InvalidCommand {
            index += 2;
            int nameStart = index;
            if (index < text.length() && isNameStart(text.charAt(index))) {
                while (index < text.length() && isNamePart(text.charAt(index))) {
                    index++;
                }
            }
            String name = text.substring(nameStart, index);
            if (name.isEmpty()) {
                throw invalid("'${' must be followed by a variable name", at);
            }
            if (index >= text.length()) {
                throw invalid("unterminated '${'", at);
            }
            if (text.charAt(index) == '}') {
                index++;
                return new Variable(name, false, List.of(), quoted);
            }
            if (text.startsWith(":-", index)) {
                index += 2;
                return new Variable(name, true, readDefault(quoted, at), quoted);
            }
            throw invalid("'${" + name + text.charAt(index) + "' is not supported (only ${NAME} and"
                    + " ${NAME:-default} are)", at);
        }

        private List<Part> readDefault(boolean quoted, int at) throws InvalidCommand {
            WordBuilder fallback = new WordBuilder();
            while (true) {
                if (index >= text.length()) {
                    throw invalid("unterminated '${'", at);
                }
                char c = text.charAt(index);
                if (c == '}') {
                    index++;
                    return fallback.build();
                }
                if (c == '$') {
                    fallback.part(readDollar(quoted));
                } else if (c == '\\') {
                    if (index + 1 >= text.length()) {
                        throw invalid("unterminated '${'", at);
                    }
                    char escaped = text.charAt(index + 1);
                    rejectControl(escaped, index + 1);
                    // inside double quotes a backslash only escapes what it escapes there, as in a shell
                    fallback.literal(!quoted || "$\\\"`}".indexOf(escaped) >= 0 ? String.valueOf(escaped)
                            : "\\" + escaped, quoted);
                    index += 2;
                } else if (c == '\'' || c == '"') {
                    throw invalid("quotes inside '${...:-...}' are not supported; quote the whole word instead",
                            index);
                } else if (c == '`') {
                    throw invalid("command substitution '`' is not supported", index);
                } else if (!quoted && "|;&<>(){".indexOf(c) >= 0) {
                    throw invalid("'" + c + "' inside '${...:-...}' is not supported; quote the whole word instead",
                            index);
                } else {
                    rejectControl(c, index);
                    fallback.literal(String.valueOf(c), quoted);
                    index++;
                }
            }
        }

        private String redirection(int at) {
            char c = text.charAt(at);
            return at + 1 < text.length() && (text.charAt(at + 1) == c || text.charAt(at + 1) == '&')
                    ? text.substring(at, at + 2) : String.valueOf(c);
        }

        private void rejectControl(char c, int at) throws InvalidCommand {
            if (c == '\n' || c == '\r') {
                throw invalid("a line break is not allowed; use && to run commands one after another", at);
            }
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw invalid(String.format("control character U+%04X is not allowed", (int) c), at);
            }
        }

        private InvalidCommand invalid(String message, int at) {
            return new InvalidCommand(message, at + 1);
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }

        private static boolean isNameStart(char c) {
            return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        }

        private static boolean isNamePart(char c) {
            return isNameStart(c) || (c >= '0' && c <= '9');
        }
    }

    /** Collects a word's parts, merging neighbouring literals of the same kind. */
    private static final class WordBuilder {

        private final List<Part> parts = new ArrayList<>();
        private final StringBuilder pending = new StringBuilder();
        private boolean pendingQuoted;

        void literal(String text, boolean quoted) {
            if (text.isEmpty()) {
                if (quoted) {
                    // "" still makes an argument, even when nothing else does
                    flush();
                    parts.add(new Literal("", true));
                }
                return;
            }
            if (!pending.isEmpty() && pendingQuoted != quoted) {
                flush();
            }
            pendingQuoted = quoted;
            pending.append(text);
        }

        void part(Part part) {
            if (part instanceof Literal literal) {
                literal(literal.text(), literal.quoted());
            } else {
                flush();
                parts.add(part);
            }
        }

        List<Part> build() {
            flush();
            return List.copyOf(parts);
        }

        private void flush() {
            if (!pending.isEmpty()) {
                parts.add(new Literal(pending.toString(), pendingQuoted));
                pending.setLength(0);
            }
        }
    }

    private static Map<String, String> shellOnlyWords() {
        Map<String, String> words = new LinkedHashMap<>();
        for (String keyword : List.of("if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while",
                "until", "do", "done", "in", "function", "time", "!", "[[", "]]", "coproc")) {
            words.put(keyword, "'" + keyword + "' is shell syntax and commands run without a shell");
        }
        for (String builtin : List.of("source", ".", "set", "unset", "alias", "unalias", "eval", "exec", "exit",
                "return", "shift", "trap", "ulimit", "umask", "readonly", "local", "declare", "typeset", "wait",
                "builtin", "shopt", "pushd", "popd")) {
            words.put(builtin, "'" + builtin + "' is a shell builtin and commands run without a shell");
        }
        words.put("cd", "'cd' is a shell builtin and commands run without a shell;"
                + " set the app's root directory instead");
        words.put("export", "'export' is a shell builtin and commands run without a shell;"
                + " write NAME=value before the program, or add an environment variable");
        return Map.copyOf(words);
    }
}
