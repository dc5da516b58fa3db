package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the environment variables source code and configuration files read, per language, by pattern:
 * nothing is parsed or run. Every pattern is linear on any input: each quantifier is bounded and each
 * pattern starts with a literal, so a 1 MiB line of hostile text costs a few passes, not a backtracking
 * explosion. A default next to the read ({@code os.getenv("X", "d")}, {@code process.env.X ?? "d"},
 * {@code ${X:d}}) makes that sighting optional; a default that raises ({@code || raise}) does not.
 */
final class EnvReferences {

    /** A name as written; {@link EnvSighting#isKey} then keeps only upper-case names. */
    private static final String ID = "(?<key>[A-Za-z_][A-Za-z0-9_]{0,127})(?![A-Za-z0-9_$])";
    private static final String S = "\\s{0,64}";
    /** A quoted name: {@code "X"} or {@code 'X'} (and {@code `X`} where the language has it). */
    private static final String QUOTED = "(?<q>['\"])" + ID + "\\k<q>";
    private static final String QUOTED_JS = "(?<q>['\"`])" + ID + "\\k<q>";
    private static final String DOUBLE_QUOTED = "\"" + ID + "\"";
    /** A fallback that raises is no default: {@code System.get_env("X") || raise "..."}. */
    private static final String NOT_RAISING = "(?!\\s{0,16}(?:raise|throw|die|abort|panic|exit|fail)\\b)";

    private static final Pattern COMMA = Pattern.compile(S + ",");
    private static final Pattern ARGUMENTS = Pattern.compile(S + ",(?<args>[^()]{0,300})\\)");
    private static final Pattern ARGUMENTS_UNTIL_CLOSE = Pattern.compile("[^()]{0,300}\\)");
    private static final Pattern CLOSE = Pattern.compile(S + "\\)");
    private static final Pattern KEYWORD_ARGUMENT = Pattern.compile("\\s{0,64}(?<name>[A-Za-z_]\\w{0,63})\\s{0,8}=(?!=)");
    private static final Pattern DEFAULT_KEYWORD = Pattern.compile("\\bdefault\\s{0,8}=(?!=)");
    private static final Pattern LITERAL = Pattern.compile(
            "\\s{0,64}(?:default\\s{0,8}=\\s{0,8})?(?:(?<q>['\"`])(?<value>[^'\"`\\\\\\n]{0,256})\\k<q>"
                    + "|(?<bool>true|false|True|False)\\b)");
    private static final Pattern DEFAULT_LITERAL = Pattern.compile(
            "\\bdefault\\s{0,8}=\\s{0,8}(?:(?<q>['\"])(?<value>[^'\"\\\\\\n]{0,256})\\k<q>|(?<bool>true|false|True|False)\\b)");
    private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile(":?-?(?<value>[^}$\\s]{1,256})");
    private static final Pattern DESTRUCTURED_NAME = Pattern.compile(
            "\\s*" + ID + "\\s*(?::\\s*[A-Za-z_$][\\w$]{0,127}\\s*)?(?:=\\s*(?<value>.*))?", Pattern.DOTALL);
    private static final Pattern JS_COMMENT = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern DOCKER_INSTRUCTION = Pattern.compile("(?i)\\s{0,64}(ENV|ARG)\\s+(.*)", Pattern.DOTALL);
    private static final Pattern DATASOURCE = Pattern.compile("(?m)^\\s{0,64}datasource\\s{1,16}\\w{1,64}\\s{0,16}\\{");
    private static final Pattern PROVIDER = Pattern.compile("provider\\s{0,16}=\\s{0,16}\"(?<provider>[a-z]{1,30})\"");
    /** Sightings kept per file: a generated file naming a million variables must not fill memory. */
    static final int MAX_PER_FILE = 2_000;

    /** How a match tells whether the read has a default. */
    enum Args {
        /** No call arguments; a fallback operator may follow the match ({@code process.env.X ?? "d"}). */
        NONE,
        /** A call whose further arguments are no default ({@code getenv('X', true)} in PHP). */
        CALL,
        /** A call whose second argument is a default ({@code os.getenv("X", "d")}) unless it is another keyword. */
        CALL_DEFAULT_ARGUMENT,
        /** A call that takes a default only as {@code default=} ({@code env("X", cast=int, default=0)}). */
        CALL_DEFAULT_KEYWORD,
        /** The read tolerates absence by design ({@code os.LookupEnv}, {@code option_env!}). */
        OPTIONAL,
        /** {@code const { A, B = "d" } = process.env}. */
        DESTRUCTURE,
        /** Spring {@code ${X}} / {@code ${X:default}}. */
        SPRING,
        /** Compose {@code ${X}}, {@code ${X:-d}}, {@code ${X-d}}, {@code ${X:?error}}. */
        COMPOSE
    }

    /**
     * One way of reading a variable.
     *
     * @param marker text the file must contain for the rule to run at all (a cheap pre-check)
     * @param fixedKey the variable a call reads without naming it ({@code env.db()} → {@code DATABASE_URL})
     * @param follow whether a fallback operator after the read counts as a default
     * @param skip names this rule must not report (Vite's built-ins, CGI variables)
     */
    record Rule(String marker, Pattern pattern, Args args, String fixedKey, boolean follow, Predicate<String> skip) {
    }

    /** A family of files read the same way; {@code follower} is its fallback operator after a read, or null. */
    record Language(String id, List<Rule> rules, Pattern follower) {
    }

    private final Language javascript;
    private final Language python;
    private final Language ruby;
    private final Language php;
    private final Language go;
    private final Language rust;
    private final Language jvm;
    private final Language dotnet;
    private final Language elixir;
    private final Language spring;
    private final Language compose;
    private final Language prisma;
    private final Language dockerfile = new Language("dockerfile", List.of(), null);

    EnvReferences(EnvConventions conventions) {
        Predicate<String> none = key -> false;
        Predicate<String> viteBuiltIn = conventions.importMetaEnvBuiltIns()::contains;
        javascript = new Language("javascript", List.of(
                rule("process.env", "(?<![\\w$.])process\\.env(?:\\?\\.|\\.)" + ID, Args.NONE, true, none),
                rule("process.env", "(?<![\\w$.])process\\.env(?:\\?\\.)?\\[" + S + QUOTED_JS + S + "\\]", Args.NONE,
                        true, none),
                rule("import.meta.env", "(?<![\\w$.])import\\.meta\\.env(?:\\?\\.|\\.)" + ID, Args.NONE, true,
                        viteBuiltIn),
                rule("import.meta.env", "(?<![\\w$.])import\\.meta\\.env(?:\\?\\.)?\\[" + S + QUOTED_JS + S + "\\]",
                        Args.NONE, true, viteBuiltIn),
                rule("Bun.env", "(?<![\\w$.])Bun\\.env\\." + ID, Args.NONE, true, none),
                rule("Bun.env", "(?<![\\w$.])Bun\\.env\\[" + S + QUOTED_JS + S + "\\]", Args.NONE, true, none),
                rule("Deno.env", "(?<![\\w$.])Deno\\.env\\.get\\(" + S + QUOTED_JS, Args.CALL, true, none),
                rule("env", "(?<![\\w$.])(?:const|let|var)\\s{1,16}\\{(?<names>[^{}]{0,2000})\\}"
                        + "(?:\\s{0,16}:\\s{0,16}[\\w$.<>]{1,64})?\\s{0,16}=\\s{0,16}"
                        + "(?:process\\.env|import\\.meta\\.env|Bun\\.env)(?![\\w$.\\[])", Args.DESTRUCTURE, false,
                        viteBuiltIn)),
                Pattern.compile("\\s{0,16}(?:\\|\\||\\?\\?)" + NOT_RAISING));
        python = new Language("python", List.of(
                rule("environ", "(?<![\\w.])(?:os\\.)?environ\\s{0,8}\\[" + S + QUOTED + S + "\\]", Args.NONE, false,
                        none),
                rule("environ", "(?<![\\w.])(?:os\\.)?environ\\.get\\(" + S + QUOTED, Args.CALL_DEFAULT_ARGUMENT, true,
                        none),
                rule("getenv", "(?<![\\w.])(?:os\\.)?getenv\\(" + S + QUOTED, Args.CALL_DEFAULT_ARGUMENT, true, none),
                // django-environ: env("X") takes cast as its second argument; env.str("X", d) a default.
                rule("env", "(?<![\\w.])env\\(" + S + QUOTED, Args.CALL_DEFAULT_KEYWORD, true, none),
                rule("env.", "(?<![\\w.])env\\.(?:str|bool|int|float|decimal|list|tuple|dict|json|url|db_url|db"
                        + "|cache_url|cache|email_url|email|search_url|path|bytes)\\(" + S + QUOTED,
                        Args.CALL_DEFAULT_ARGUMENT, true, none),
                // env.db() and dj_database_url.config() read DATABASE_URL without naming it.
                fixed("env.db", "(?<![\\w.])env\\.(?:db|db_url)\\(" + S + "\\)", "DATABASE_URL", Args.NONE),
                fixed("dj_database_url", "(?<![\\w.])dj_database_url\\.config\\(", "DATABASE_URL",
                        Args.CALL_DEFAULT_KEYWORD)),
                Pattern.compile("\\s{0,16}or\\b" + NOT_RAISING));
        ruby = new Language("ruby", List.of(
                rule("ENV", "(?<![\\w:])(?:::)?ENV\\s{0,8}\\[" + S + QUOTED + S + "\\]", Args.NONE, true, none),
                rule("ENV", "(?<![\\w:])(?:::)?ENV\\.fetch\\(" + S + QUOTED, Args.CALL_DEFAULT_ARGUMENT, true, none)),
                Pattern.compile("\\s{0,16}(?:\\|\\||\\{|do\\b)" + NOT_RAISING));
        Predicate<String> cgi = conventions::isServerVariable;
        php = new Language("php", List.of(
                rule("env", "(?<![\\w$>:\\\\])env\\(" + S + QUOTED, Args.CALL_DEFAULT_ARGUMENT, true, none),
                rule("getenv", "(?<![\\w$>:\\\\])getenv\\(" + S + QUOTED, Args.CALL, true, none),
                rule("$_ENV", "\\$_ENV\\s{0,8}\\[" + S + QUOTED + S + "\\]", Args.NONE, true, none),
                rule("$_SERVER", "\\$_SERVER\\s{0,8}\\[" + S + QUOTED + S + "\\]", Args.NONE, true, cgi)),
                Pattern.compile("\\s{0,16}(?:\\?\\?|\\?:)" + NOT_RAISING));
        go = new Language("go", List.of(
                rule("os.Getenv", "(?<![\\w.])os\\.Getenv\\(" + S + "(?<q>[\"`])" + ID + "\\k<q>", Args.CALL, false,
                        none),
                rule("os.LookupEnv", "(?<![\\w.])os\\.LookupEnv\\(" + S + "(?<q>[\"`])" + ID + "\\k<q>",
                        Args.OPTIONAL, false, none),
                // The usual local helpers: getEnv("X", "fallback"), mustGetenv("X"), envOr("X", "d").
                rule("nv(", "(?<![\\w.])(?:[gG]et|[mM]ust|[lL]ookup|[rR]ead)?(?:[eE]nv|Getenv|getenv)[A-Za-z]{0,24}\\("
                        + S + DOUBLE_QUOTED, Args.CALL_DEFAULT_ARGUMENT, false, none)),
                null);
        rust = new Language("rust", List.of(
                rule("var", "(?<![\\w])(?:std::)?(?:env|dotenvy|dotenv)::var(?:_os)?\\(" + S + DOUBLE_QUOTED, Args.CALL,
                        true, none),
                rule("env!", "(?<![\\w])env!\\(" + S + DOUBLE_QUOTED, Args.CALL, false, none),
                rule("option_env!", "(?<![\\w])option_env!\\(" + S + DOUBLE_QUOTED, Args.OPTIONAL, false, none)),
                Pattern.compile("\\s{0,16}(?:\\.\\s{0,16}ok\\(\\)\\s{0,16})?\\.\\s{0,16}(?:unwrap_or|map_or)"));
        jvm = new Language("jvm", List.of(
                rule("getenv", "(?<![\\w])System\\.getenv\\(" + S + DOUBLE_QUOTED, Args.CALL, true, none),
                rule("getOrDefault", "(?<![\\w])System\\.getenv\\(\\s{0,8}\\)\\s{0,8}\\.\\s{0,8}getOrDefault\\(" + S
                        + DOUBLE_QUOTED, Args.OPTIONAL, false, none),
                rule("sys.env", "(?<![\\w.])sys\\.env\\(" + S + DOUBLE_QUOTED, Args.CALL, true, none),
                rule("sys.env", "(?<![\\w.])sys\\.env\\.(?:get|getOrElse)\\(" + S + DOUBLE_QUOTED, Args.OPTIONAL, false,
                        none)),
                Pattern.compile("\\s{0,16}(?:\\)\\s{0,16})?(?:\\?:|\\.\\s{0,16}(?:orElse|orElseGet|getOrElse)\\b)"
                        + NOT_RAISING));
        dotnet = new Language("dotnet", List.of(
                rule("GetEnvironmentVariable", "(?<![\\w])Environment\\.GetEnvironmentVariable\\(" + S + DOUBLE_QUOTED,
                        Args.CALL, true, none)),
                Pattern.compile("\\s{0,16}\\?\\?" + NOT_RAISING));
        elixir = new Language("elixir", List.of(
                rule("System.get_env", "(?<![\\w.])System\\.get_env\\(" + S + DOUBLE_QUOTED, Args.CALL_DEFAULT_ARGUMENT,
                        true, none),
                rule("System.fetch_env!", "(?<![\\w.])System\\.fetch_env!\\(" + S + DOUBLE_QUOTED, Args.CALL, false,
                        none),
                rule("System.fetch_env(", "(?<![\\w.])System\\.fetch_env\\(" + S + DOUBLE_QUOTED, Args.OPTIONAL, false,
                        none)),
                Pattern.compile("\\s{0,16}\\|\\|" + NOT_RAISING));
        // Lower-case placeholders (${server.port}) name other properties, not the environment: isKey drops them.
        spring = new Language("spring", List.of(rule("${", "\\$\\{" + ID + "(?=[:}])", Args.SPRING, false, none)), null);
        compose = new Language("compose", List.of(rule("${", "(?<!\\$)\\$\\{" + ID + "(?=[:}?+-])", Args.COMPOSE, false, none)), null);
        prisma = new Language("prisma", List.of(
                rule("env", "(?<![\\w.])env\\(" + S + DOUBLE_QUOTED, Args.CALL, false, none)), null);
    }

    private static Rule rule(String marker, String regex, Args args, boolean follow, Predicate<String> skip) {
        return new Rule(marker, Pattern.compile(regex), args, null, follow, skip);
    }

    private static Rule fixed(String marker, String regex, String key, Args args) {
        return new Rule(marker, Pattern.compile(regex), args, key, false, k -> false);
    }

    /**
     * The language {@code path} is read as, or null when the file is not one the engine reads for
     * variables. YAML counts only as a Spring config, a Compose file, or (for ERB) Ruby's config.
     */
    Language languageOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.equals("Dockerfile") || name.startsWith("Dockerfile.") || lower.endsWith(".dockerfile")
                || name.equals("Containerfile")) {
            return dockerfile;
        }
        if (lower.matches("(?:docker-)?compose(?:\\.[\\w-]{1,40})?\\.ya?ml")) {
            return compose;
        }
        if (lower.matches("(?:application|bootstrap)(?:-[\\w-]{1,40})?\\.(?:properties|ya?ml)")) {
            return spring;
        }
        if (lower.endsWith(".d.ts") || lower.endsWith(".min.js")) {
            return null; // type declarations and bundles: no reads of their own
        }
        int dot = lower.lastIndexOf('.');
        String extension = dot < 0 ? "" : lower.substring(dot + 1);
        return switch (extension) {
            case "js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts", "vue", "svelte", "astro" -> javascript;
            case "py" -> python;
            case "rb", "rake", "ru", "erb" -> ruby;
            case "yml", "yaml" -> ruby; // only read when it holds ERB (config/database.yml): see scan
            case "php" -> php;
            case "go" -> go;
            case "rs" -> rust;
            case "java", "kt", "kts", "scala", "groovy" -> jvm;
            case "cs", "fs", "vb" -> dotnet;
            case "ex", "exs" -> elixir;
            case "prisma" -> prisma;
            default -> null;
        };
    }

    /** The variables {@code text} (the content of {@code path}) reads, in file order, at most {@value #MAX_PER_FILE}. */
    List<EnvSighting> scan(Language language, String path, String text) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (language == ruby && (lower.endsWith(".yml") || lower.endsWith(".yaml")) && !text.contains("<%")) {
            return List.of();
        }
        Lines lines = new Lines(text);
        List<EnvSighting> found = new ArrayList<>();
        if (language == dockerfile) {
            dockerfile(path, text, found);
            return found;
        }
        Datasource datasource = language == prisma ? datasource(text) : null;
        for (Rule rule : language.rules()) {
            if (!text.contains(rule.marker())) {
                continue;
            }
            Matcher matcher = rule.pattern().matcher(text);
            while (matcher.find() && found.size() < MAX_PER_FILE) {
                if (rule.args() == Args.DESTRUCTURE) {
                    destructured(matcher, rule, path, text, lines, found);
                    continue;
                }
                String key = rule.fixedKey() != null ? rule.fixedKey() : matcher.group("key");
                if (!EnvSighting.isKey(key) || rule.skip().test(key)) {
                    continue;
                }
                EnumSet<EnvSighting.ValueKind> kinds = EnumSet.noneOf(EnvSighting.ValueKind.class);
                boolean hasDefault = hasDefault(rule, language, text, matcher.end(), kinds);
                if (datasource != null && datasource.kind() != null && matcher.start() > datasource.start()
                        && matcher.start() < datasource.end()) {
                    kinds.add(datasource.kind());
                }
                found.add(new EnvSighting(key, path + ":" + lines.of(matcher.start()), hasDefault, kinds, null));
            }
        }
        // Rules ran one after the other: put the file's sightings back in line order.
        found.sort(java.util.Comparator.comparingInt(s -> Integer.parseInt(s.source().substring(
                s.source().lastIndexOf(':') + 1))));
        return found;
    }

    /** Whether the read that ends at {@code end} supplies a default; adds what a literal default looks like. */
    private static boolean hasDefault(Rule rule, Language language, String text, int end,
            EnumSet<EnvSighting.ValueKind> kinds) {
        int limit = Math.min(text.length(), end + 400);
        switch (rule.args()) {
            case OPTIONAL:
                return true;
            case SPRING: {
                if (end < text.length() && text.charAt(end) == ':') {
                    literal(PLACEHOLDER_DEFAULT, text, end + 1, limit, kinds);
                    return true;
                }
                return false;
            }
            case COMPOSE: {
                String next = text.substring(end, Math.min(text.length(), end + 2));
                if (next.startsWith(":-") || next.startsWith("-") || next.startsWith(":+") || next.startsWith("+")) {
                    literal(PLACEHOLDER_DEFAULT, text, end, limit, kinds);
                    return true;
                }
                return false; // ${X}, ${X:?error}, ${X?error}: the variable must be set
            }
            case NONE:
                return rule.follow() && follows(language, text, end, limit, kinds);
            default:
                break;
        }
        Matcher comma = COMMA.matcher(text).region(end, limit);
        if (comma.lookingAt()) {
            Matcher arguments = ARGUMENTS.matcher(text).region(end, limit);
            boolean closed = arguments.lookingAt();
            String args = closed ? arguments.group("args") : text.substring(comma.end(), limit);
            boolean hasDefault = switch (rule.args()) {
                case CALL_DEFAULT_ARGUMENT -> {
                    Matcher keyword = KEYWORD_ARGUMENT.matcher(args);
                    yield !keyword.lookingAt() || keyword.group("name").equals("default");
                }
                case CALL_DEFAULT_KEYWORD -> DEFAULT_KEYWORD.matcher(args).find();
                default -> false;
            };
            if (hasDefault) {
                literal(rule.args() == Args.CALL_DEFAULT_KEYWORD ? DEFAULT_LITERAL : LITERAL, args, 0, args.length(),
                        kinds);
                return true;
            }
            return closed && rule.follow() && follows(language, text, arguments.end(), limit, kinds);
        }
        if (rule.fixedKey() != null) {
            // The match already includes the opening parenthesis: dj_database_url.config(default=...).
            Matcher close = ARGUMENTS_UNTIL_CLOSE.matcher(text).region(end, limit);
            if (close.lookingAt() && rule.args() == Args.CALL_DEFAULT_KEYWORD) {
                String args = text.substring(end, close.end() - 1);
                if (DEFAULT_KEYWORD.matcher(args).find()) {
                    literal(DEFAULT_LITERAL, args, 0, args.length(), kinds);
                    return true;
                }
            }
            return false;
        }
        Matcher close = CLOSE.matcher(text).region(end, limit);
        return close.lookingAt() && rule.follow() && follows(language, text, close.end(), limit, kinds);
    }

    /** Whether the language's fallback operator follows at {@code from}; adds the kind of a literal after it. */
    private static boolean follows(Language language, String text, int from, int limit,
            EnumSet<EnvSighting.ValueKind> kinds) {
        if (language.follower() == null || from >= limit) {
            return false;
        }
        Matcher follower = language.follower().matcher(text).region(from, limit);
        if (!follower.lookingAt()) {
            return false;
        }
        literal(LITERAL, text, follower.end(), limit, kinds);
        return true;
    }

    /** Adds the kind of the literal {@code pattern} finds at {@code from}, if any. The value itself is dropped. */
    private static void literal(Pattern pattern, String text, int from, int limit,
            EnumSet<EnvSighting.ValueKind> kinds) {
        if (from >= limit) {
            return;
        }
        Matcher literal = pattern.matcher(text).region(from, limit);
        boolean found = pattern == DEFAULT_LITERAL ? literal.find() : literal.lookingAt();
        if (!found) {
            return;
        }
        String value = pattern == PLACEHOLDER_DEFAULT ? literal.group("value")
                : literal.group("value") != null ? literal.group("value") : literal.group("bool");
        EnvSighting.ValueKind kind = EnvSighting.ValueKind.of(value);
        if (kind != null) {
            kinds.add(kind);
        }
    }

    /** {@code const { A, B = "d", C: c } = process.env}: each name, a default making it optional. */
    private static void destructured(Matcher matcher, Rule rule, String path, String text, Lines lines,
            List<EnvSighting> found) {
        String names = matcher.group("names");
        int base = matcher.start("names");
        int offset = 0;
        for (String entry : names.split(",", -1)) {
            int at = base + offset;
            offset += entry.length() + 1;
            String plain = JS_COMMENT.matcher(entry).replaceAll(" ");
            Matcher name = DESTRUCTURED_NAME.matcher(plain);
            if (!name.matches() || !EnvSighting.isKey(name.group("key")) || rule.skip().test(name.group("key"))) {
                continue;
            }
            EnumSet<EnvSighting.ValueKind> kinds = EnumSet.noneOf(EnvSighting.ValueKind.class);
            String value = name.group("value");
            if (value != null) {
                literal(LITERAL, value, 0, value.length(), kinds);
            }
            int keyAt = at + Math.max(0, entry.indexOf(name.group("key")));
            found.add(new EnvSighting(name.group("key"), path + ":" + lines.of(keyAt), value != null, kinds, null));
        }
    }

    /**
     * {@code ENV KEY=value}, {@code ENV KEY value} and {@code ARG KEY[=default]}: the image supplies
     * what ENV sets and what ARG defaults, so those are optional; an ARG without default is required.
     */
    private static void dockerfile(String path, String text, List<EnvSighting> found) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length && found.size() < MAX_PER_FILE; i++) {
            int first = i;
            StringBuilder logical = new StringBuilder(lines[i]);
            // A trailing backslash continues the instruction; bounded so one stray backslash cannot join the file.
            while (logical.toString().stripTrailing().endsWith("\\") && i + 1 < lines.length && i - first < 100) {
                String current = logical.toString().stripTrailing();
                logical.setLength(0);
                logical.append(current, 0, current.length() - 1).append(' ').append(lines[++i]);
            }
            Matcher instruction = DOCKER_INSTRUCTION.matcher(logical);
            if (!instruction.matches()) {
                continue;
            }
            boolean env = instruction.group(1).equalsIgnoreCase("ENV");
            List<String> tokens = tokens(instruction.group(2));
            if (tokens.isEmpty()) {
                continue;
            }
            String source = path + ":" + (first + 1);
            if (env && !tokens.getFirst().contains("=")) {
                add(found, tokens.getFirst(), source, true, tokens.size() > 1 ? tokens.get(1) : null);
                continue;
            }
            for (String token : tokens) {
                int equals = token.indexOf('=');
                String key = equals < 0 ? token : token.substring(0, equals);
                add(found, key, source, env || equals >= 0, equals < 0 ? null : token.substring(equals + 1));
            }
        }
    }

    private static void add(List<EnvSighting> found, String key, String source, boolean hasDefault, String value) {
        if (!EnvSighting.isKey(key)) {
            return;
        }
        EnvSighting.ValueKind kind = EnvSighting.ValueKind.of(value);
        found.add(new EnvSighting(key, source, hasDefault, kind == null ? Set.of() : Set.of(kind), null));
    }

    /** Whitespace-separated words, quotes removed, backslash escapes honoured. */
    private static List<String> tokens(CharSequence text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(text.charAt(++i));
                inToken = true;
            }
            else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                else {
                    current.append(c);
                }
            }
            else if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
            }
            else if (Character.isWhitespace(c)) {
                if (inToken) {
                    tokens.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            }
            else {
                current.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    /** A Prisma {@code datasource} block, from its opening to its closing brace, and what its provider implies. */
    private record Datasource(int start, int end, EnvSighting.ValueKind kind) {
    }

    /**
     * The schema's datasource block (Prisma allows one), or null. An unclosed block is none: one search
     * for its brace, so a hostile schema costs one scan.
     */
    private static Datasource datasource(String text) {
        Matcher datasource = DATASOURCE.matcher(text);
        if (!datasource.find()) {
            return null;
        }
        int close = text.indexOf('}', datasource.end());
        if (close < 0) {
            return null;
        }
        Matcher provider = PROVIDER.matcher(text).region(datasource.end(), close);
        return new Datasource(datasource.end(), close,
                provider.find() ? EnvSighting.ValueKind.ofPrismaProvider(provider.group("provider")) : null);
    }

    /** Line numbers of offsets, 1-based, by binary search over line starts. */
    private static final class Lines {

        private final String text;
        private int[] starts;

        Lines(String text) {
            this.text = text;
        }

        int of(int offset) {
            if (starts == null) {
                List<Integer> list = new ArrayList<>();
                list.add(0);
                for (int i = 0; i < text.length(); i++) {
                    if (text.charAt(i) == '\n') {
                        list.add(i + 1);
                    }
                }
                starts = list.stream().mapToInt(Integer::intValue).toArray();
            }
            int index = java.util.Arrays.binarySearch(starts, offset);
            return (index >= 0 ? index : -index - 2) + 1;
        }
    }
}
