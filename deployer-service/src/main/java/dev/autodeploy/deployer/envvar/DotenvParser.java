package dev.autodeploy.deployer.envvar;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the text of a {@code .env} file for a bulk import of environment variables: {@code KEY=value} lines, an
 * optional {@code export} prefix, blank lines and {@code #} comments, a {@code  #comment} after an unquoted value,
 * single-quoted values taken literally, double-quoted ones with {@code \n}, {@code \t}, {@code \"} and {@code \\}
 * escapes, both of which may span lines. Nothing is expanded: {@code ${OTHER}} stays as it is. Problems are
 * collected per line instead of failing at the first; they never quote a value, since values are often secrets.
 */
final class DotenvParser {

    static final int MAX_KEY_LENGTH = 255;

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private DotenvParser() {
    }

    /** A variable the text sets; {@code line} is where its key is, counting from 1. */
    record Entry(String key, String value, int line) {

        @Override
        public String toString() {
            // values are often secrets
            return "Entry[key=" + key + ", line=" + line + "]";
        }
    }

    /** Something wrong on a line, counting from 1. */
    record Problem(int line, String message) {
    }

    /** A key set again on {@code line}, first set on {@code firstLine}. */
    record Duplicate(String key, int line, int firstLine) {
    }

    /**
     * @param entries in the order of the text; for a key set twice only the last, which wins
     * @param problems what cannot be read, in the order of the text
     * @param duplicates keys set again (not an error: the last value wins, as with dotenv tools)
     */
    record Result(List<Entry> entries, List<Problem> problems, List<Duplicate> duplicates) {

        Result {
            entries = List.copyOf(entries);
            problems = List.copyOf(problems);
            duplicates = List.copyOf(duplicates);
        }

        /** The entries as variables, in order. */
        Map<String, String> variables() {
            Map<String, String> variables = new LinkedHashMap<>();
            entries.forEach(entry -> variables.put(entry.key(), entry.value()));
            return Collections.unmodifiableMap(variables);
        }
    }

    static Result parse(String text) {
        String normalized = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> lines = List.of(normalized.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        List<Duplicate> duplicates = new ArrayList<>();
        int next = 0;
        while (next < lines.size()) {
            int lineNumber = next + 1;
            String line = stripBlanks(lines.get(next++));
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export") && line.length() > 6 && isBlank(line.charAt(6))) {
                line = stripBlanks(line.substring(6));
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                problems.add(new Problem(lineNumber, "expected KEY=value, found no '='"));
                continue;
            }
            String key = line.substring(0, equals).strip();
            Value value = value(line.substring(equals + 1), lines, next);
            if (value.problem() != null) {
                problems.add(new Problem(value.problemLine() > 0 ? value.problemLine() : lineNumber, value.problem()));
                continue;
            }
            next = value.nextLine();
            String keyProblem = keyProblem(key);
            if (keyProblem != null) {
                problems.add(new Problem(lineNumber, keyProblem));
                continue;
            }
            Entry earlier = entries.remove(key);
            if (earlier != null) {
                duplicates.add(new Duplicate(key, lineNumber, earlier.line()));
            }
            entries.put(key, new Entry(key, value.text(), lineNumber));
        }
        return new Result(new ArrayList<>(entries.values()), problems, duplicates);
    }

    private static String keyProblem(String key) {
        if (key.isEmpty()) {
            return "no variable name before '='";
        }
        if (!KEY.matcher(key).matches()) {
            return "invalid variable name: use letters, digits and '_', not starting with a digit";
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return "variable name longer than " + MAX_KEY_LENGTH + " characters";
        }
        return null;
    }

    /**
     * A value, read from what follows '=' and, when quoted, the lines after it.
     *
     * @param nextLine the index of the first line after the value
     * @param problem what is wrong with it, or null; {@code problemLine} says where, when not on the key's line
     */
    private record Value(String text, int nextLine, String problem, int problemLine) {

        static Value problem(String problem, int nextLine, int problemLine) {
            return new Value(null, nextLine, problem, problemLine);
        }
    }

    private static Value value(String afterEquals, List<String> lines, int nextLine) {
        String rest = stripBlanks(afterEquals);
        if (rest.startsWith("\"") || rest.startsWith("'")) {
            return quoted(rest, lines, nextLine);
        }
        String value = afterEquals;
        for (int i = 1; i < value.length(); i++) {
            if (value.charAt(i) == '#' && isBlank(value.charAt(i - 1))) {
                value = value.substring(0, i);
                break;
            }
        }
        return new Value(value.strip(), nextLine, null, 0);
    }

    private static Value quoted(String rest, List<String> lines, int nextLine) {
        char quote = rest.charAt(0);
        StringBuilder value = new StringBuilder();
        String current = rest;
        int position = 1;
        int following = nextLine;
        while (true) {
            if (position >= current.length()) {
                if (following >= lines.size()) {
                    // leave the lines after the key's line to be parsed as they are
                    return Value.problem(quote == '"' ? "unterminated double quote" : "unterminated single quote",
                            nextLine, 0);
                }
                value.append('\n');
                current = lines.get(following++);
                position = 0;
                continue;
            }
            char c = current.charAt(position);
            if (c == quote) {
                String after = stripBlanks(current.substring(position + 1));
                if (!after.isEmpty() && !after.startsWith("#")) {
                    return Value.problem("unexpected text after the closing quote", following, following);
                }
                return new Value(value.toString(), following, null, 0);
            }
            if (quote == '"' && c == '\\' && position + 1 < current.length()) {
                char escaped = current.charAt(position + 1);
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case '"' -> value.append('"');
                    case '\\' -> value.append('\\');
                    default -> value.append('\\').append(escaped);
                }
                position += 2;
            } else {
                value.append(c);
                position++;
            }
        }
    }

    private static String stripBlanks(String text) {
        int start = 0;
        while (start < text.length() && isBlank(text.charAt(start))) {
            start++;
        }
        return text.substring(start);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
