package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads example env files ({@code .env.example} and kin): the variables a project says must be set,
 * with the comment above each as its description. Real env files ({@code .env}, {@code .env.local},
 * {@code .env.production}) are never read: they hold secrets. Values are reduced to a
 * {@link EnvSighting.ValueKind} here and dropped, and are cut out of every comment kept.
 */
final class ExampleEnvFiles {

    private static final Set<String> NAMES = Set.of(".env.example", ".env.sample", ".env.template", ".env.dist",
            ".env.local.example", "example.env", "env.example");
    /** {@code .env.production.example} and the like: a per-environment example is still an example. */
    private static final Pattern STAGED_NAME = Pattern.compile("\\.env\\.[a-z]{1,20}\\.(?:example|sample|template|dist)");
    /** {@code KEY=value} or {@code export KEY=value}; the key is checked separately. */
    private static final Pattern ASSIGNMENT = Pattern.compile("(?:export[ \\t]{1,16})?([^=\\s]{1,200})[ \\t]{0,16}=(.*)");
    /** A commented-out assignment is an alternative value, not a description. */
    private static final Pattern COMMENTED_ASSIGNMENT = Pattern.compile("(?:export[ \\t]{1,16})?[A-Za-z_][A-Za-z0-9_]{0,127}[ \\t]{0,16}=.*");
    /** Comment wording that says the variable need not be set. */
    private static final Pattern OPTIONAL_WORDING = Pattern.compile(
            "(?i)\\boptional\\b|\\bdefaults? to\\b|\\(default\\b|\\bdefault:|\\bif (?:not set|unset|empty|omitted)\\b"
                    + "|\\bnot required\\b|\\bcan be (?:left )?(?:empty|blank|unset)\\b");
    /** The user and password part of a URL, cut from comments: {@code postgres://user:pass@host}. */
    private static final Pattern URL_CREDENTIALS = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]{0,30}://)[^\\s/@]{1,256}@");
    private static final int MAX_COMMENT = 200;
    /**
     * A comment block longer than this is not used at all: cutting it could leave half of a value in it.
     * Keeps the cost of cutting values out of comments small too.
     */
    private static final int MAX_RAW_COMMENT = 1_000;
    /**
     * Beyond this many entries or values a file is no hand-written example: its comments are not used, so
     * cutting every value out of every comment cannot cost entries × values × length.
     */
    private static final int MAX_DESCRIBED_ENTRIES = 200;
    private static final int MAX_REDACTED_VALUES = 400;
    /** A multi-line value longer than this is taken to be unclosed, so one stray quote cannot swallow the file. */
    private static final int MAX_VALUE_LINES = 200;
    /** Values shorter than this are not cut from comments: "1" or "no" would mangle ordinary words. */
    private static final int MIN_REDACTED = 3;

    private ExampleEnvFiles() {
    }

    /** Whether {@code name} (a file name, no directory) is an example env file. */
    static boolean isExample(String name) {
        return NAMES.contains(name) || STAGED_NAME.matcher(name).matches();
    }

    /** The variables {@code text} (the content of example file {@code path}) lists, in file order. */
    static List<EnvSighting> parse(String path, String text) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        record Entry(String key, int line, String value, String comment, String inline) {
        }
        List<Entry> entries = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                pending.clear();
                continue;
            }
            if (line.startsWith("#")) {
                String comment = line.replaceFirst("^#+", "").strip();
                if (COMMENTED_ASSIGNMENT.matcher(comment).matches()) {
                    // Its value may be a real one: remember it for redaction, but never as a description.
                    Matcher assignment = ASSIGNMENT.matcher(comment);
                    if (assignment.matches()) {
                        values.add(unquote(assignment.group(2)).value());
                    }
                    pending.clear();
                }
                else if (comment.chars().anyMatch(Character::isLetterOrDigit)) {
                    pending.add(comment); // a line of only "-----" or "####" is decoration
                }
                continue;
            }
            Matcher assignment = ASSIGNMENT.matcher(line);
            if (!assignment.matches()) {
                pending.clear();
                continue;
            }
            String raw = assignment.group(2).strip();
            int start = i;
            // A double-quoted value may span lines (a PEM key); its inner lines are not assignments.
            if (raw.startsWith("\"") && closingQuote(raw, '"') < 0) {
                StringBuilder joined = new StringBuilder(raw);
                int last = Math.min(lines.length - 1, i + MAX_VALUE_LINES);
                boolean closed = false;
                while (!closed && i < last) {
                    String next = lines[++i];
                    joined.append('\n').append(next);
                    closed = closingQuote('"' + next, '"') >= 0;
                }
                raw = joined.toString();
            }
            Value value = unquote(raw);
            values.add(value.value());
            String key = assignment.group(1);
            if (EnvSighting.isKey(key) && entries.size() < EnvReferences.MAX_PER_FILE) {
                entries.add(new Entry(key, start + 1, value.value(),
                        pending.isEmpty() ? null : String.join(" ", pending), value.comment()));
            }
            pending.clear();
        }
        List<EnvSighting> sightings = new ArrayList<>();
        boolean describe = entries.size() <= MAX_DESCRIBED_ENTRIES && values.size() <= MAX_REDACTED_VALUES;
        for (Entry entry : entries) {
            String comment = entry.comment() != null ? entry.comment() : entry.inline();
            if (comment != null && comment.length() > MAX_RAW_COMMENT) {
                comment = null;
            }
            boolean optional = comment != null && OPTIONAL_WORDING.matcher(comment).find();
            EnumSet<EnvSighting.ValueKind> kinds = EnumSet.noneOf(EnvSighting.ValueKind.class);
            EnvSighting.ValueKind kind = EnvSighting.ValueKind.of(entry.value());
            if (kind != null) {
                kinds.add(kind);
            }
            sightings.add(new EnvSighting(entry.key(), path + ":" + entry.line(), optional, kinds,
                    describe ? clean(comment, values) : null));
        }
        return sightings;
    }

    private record Value(String value, String comment) {
    }

    /** The value without its quotes, and an inline {@code # comment} after an unquoted or quoted value. */
    private static Value unquote(String raw) {
        String text = raw.strip();
        if (text.startsWith("\"") || text.startsWith("'")) {
            char quote = text.charAt(0);
            int end = closingQuote(text, quote);
            if (end < 0) {
                return new Value(text.substring(1), null);
            }
            String rest = text.substring(end + 1).strip();
            return new Value(text.substring(1, end), rest.startsWith("#") ? rest.substring(1).strip() : null);
        }
        int hash = text.indexOf(" #");
        if (hash < 0) {
            hash = text.indexOf("\t#");
        }
        if (hash >= 0) {
            return new Value(text.substring(0, hash).strip(), text.substring(hash + 2).strip());
        }
        return new Value(text, null);
    }

    /** Index of the quote closing the one at 0, skipping backslash escapes; -1 when unclosed. */
    private static int closingQuote(String text, char quote) {
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            }
            else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The comment as a description: every value of the file cut out, URL credentials cut out, control
     * characters dropped, whitespace collapsed, at most {@value #MAX_COMMENT} characters. Null when empty.
     */
    static String clean(String comment, List<String> values) {
        if (comment == null) {
            return null;
        }
        String text = comment;
        for (String value : values) {
            String v = value.strip();
            if (v.length() >= MIN_REDACTED) {
                text = text.replace(v, "…");
            }
        }
        text = URL_CREDENTIALS.matcher(text).replaceAll("$1…@");
        text = text.codePoints().map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                ? ' ' : c).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().replaceAll("\\s+", " ").strip();
        if (text.length() > MAX_COMMENT) {
            int cut = MAX_COMMENT - 1;
            if (Character.isHighSurrogate(text.charAt(cut - 1))) {
                cut--;
            }
            text = text.substring(0, cut) + "…";
        }
        return text.isEmpty() || text.equals("…") ? null : text;
    }
}
