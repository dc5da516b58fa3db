package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an Elixir project's {@code mix.exs} as text (Mix would evaluate it; the engine never does):
 * the app name, the Elixir requirement, the {@code deps} tuples (those {@code only:} for dev/test are
 * development dependencies), the aliases, and an umbrella's {@code apps_path}; the Elixir version
 * pinned in {@code .tool-versions} takes precedence, with its Erlang/OTP version cited as evidence.
 */
public final class ElixirManifests implements ManifestReader {

    private static final Pattern APP = Pattern.compile("\\bapp:\\s*:([a-z_][a-zA-Z0-9_]*)");
    private static final Pattern ELIXIR = Pattern.compile("\\belixir:\\s*\"([^\"]+)\"");
    private static final Pattern APPS_PATH = Pattern.compile("\\bapps_path:\\s*\"([^\"]+)\"");
    private static final Pattern APPLICATION_MODULE = Pattern.compile("\\bmod:\\s*\\{");
    private static final Pattern RELEASES = Pattern.compile("\\breleases:\\s*");
    private static final Pattern DEPS_FUNCTION = Pattern.compile("\\bdefp?\\s+deps\\s*(?:\\(\\s*\\))?\\s*do\\b");
    private static final Pattern DEPS_INLINE = Pattern.compile("\\bdeps:\\s*(?=\\[)");
    private static final Pattern ALIASES_FUNCTION = Pattern.compile("\\bdefp?\\s+aliases\\s*(?:\\(\\s*\\))?\\s*do\\b");
    private static final Pattern ATOM_NAME = Pattern.compile("^:([a-z_][a-zA-Z0-9_]*)$");
    private static final Pattern STRING = Pattern.compile("^\"([^\"]*)\"$");
    private static final Pattern ONLY = Pattern.compile("^only:\\s*(.+)$", Pattern.DOTALL);
    private static final Pattern ATOM = Pattern.compile(":([a-z_][a-zA-Z0-9_]*)");
    private static final Pattern ALIAS_KEY = Pattern.compile("^\"?([A-Za-z0-9_.]+)\"?:\\s");
    private static final Pattern OTP_SUFFIX = Pattern.compile("-otp-\\d+$");

    private final PackageManagers packageManagers;

    public ElixirManifests(PackageManagers packageManagers) {
        this.packageManagers = packageManagers;
    }

    @Override
    public String ecosystem() {
        return "elixir";
    }

    /** What a {@code mix.exs} declares. */
    record MixProject(String app, String elixir, String appsPath, boolean releasable, Map<String, String> production,
            Map<String, String> development, Map<String, String> aliases) {
    }

    @Override
    public Optional<Manifest> read(RepositoryTree tree, String directory, Warnings warnings) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        String file = prefix + "mix.exs";
        Optional<String> text = tree.read(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        MixProject project = parse(text.get(), file, warnings);
        List<Evidence> evidence = new ArrayList<>();
        String manager = null;
        String install = null;
        Optional<PackageManagers.Detected> detected = packageManagers.detect(tree, directory, warnings).stream()
                .filter(found -> found.manager().ecosystem().equals("elixir")).findFirst();
        if (detected.isPresent()) {
            manager = detected.get().manager().name();
            install = detected.get().manager().installCommand();
            evidence.add(detected.get().evidence());
        }
        evidence.add(new Evidence("language=elixir", file, "mix.exs"));

        Map<String, String> placeholders = new LinkedHashMap<>();
        // Only an OTP application (mod:) or a project declaring releases runs as a release; a library does not.
        if (project.releasable() && SafeText.isName(project.app())) {
            placeholders.put("release", project.app());
        }
        placeholders.put("assets", project.aliases().containsKey("assets.deploy")
                ? "MIX_ENV=prod mix assets.deploy && " : "");

        String version = null;
        Optional<String> pinned = ToolVersions.of(tree, prefix, "elixir");
        if (pinned.isPresent() && Versions.clean(pinned.get()) != null) {
            evidence.add(new Evidence("runtimeVersion", prefix + ".tool-versions", "elixir " + pinned.get()));
            version = Versions.clean(OTP_SUFFIX.matcher(pinned.get()).replaceFirst(""));
        }
        else if (project.elixir() != null && Versions.clean(project.elixir()) != null) {
            evidence.add(new Evidence("runtimeVersion", file, "elixir: \"" + project.elixir() + "\""));
            version = Versions.clean(project.elixir());
        }
        ToolVersions.of(tree, prefix, "erlang").ifPresent(otp -> evidence.add(new Evidence("otpVersion=" + otp,
                prefix + ".tool-versions", "erlang " + otp)));

        List<String> workspaces = project.appsPath() == null ? List.of() : List.of(project.appsPath() + "/*");
        return Optional.of(new Manifest("elixir", directory, file, project.app(), "elixir", manager, install,
                project.production(), project.development(), project.aliases(), placeholders, "elixir", version,
                workspaces, evidence));
    }

    /** The project a {@code mix.exs} describes, read from its text with comments removed. */
    static MixProject parse(String source, String file, Warnings warnings) {
        String text = withoutComments(source);
        String app = first(APP, text);
        String elixir = first(ELIXIR, text);
        String appsPath = first(APPS_PATH, text);
        boolean releasable = APPLICATION_MODULE.matcher(text).find() || RELEASES.matcher(text).find();
        Map<String, String> production = new LinkedHashMap<>();
        Map<String, String> development = new LinkedHashMap<>();
        Optional<String> deps = list(text, DEPS_FUNCTION).or(() -> list(text, DEPS_INLINE));
        if (deps.isEmpty() && (DEPS_FUNCTION.matcher(text).find() || DEPS_INLINE.matcher(text).find())) {
            warnings.add(file + ": the deps list could not be read");
        }
        deps.ifPresent(list -> {
            for (String element : elements(list)) {
                if (!element.startsWith("{") || !element.endsWith("}")) {
                    continue;
                }
                List<String> parts = elements(element.substring(1, element.length() - 1));
                Matcher name = parts.isEmpty() ? null : ATOM_NAME.matcher(parts.getFirst());
                if (name == null || !name.matches()) {
                    continue;
                }
                String version = "";
                boolean developmentOnly = false;
                for (int index = 1; index < parts.size(); index++) {
                    Matcher string = STRING.matcher(parts.get(index));
                    Matcher only = ONLY.matcher(parts.get(index));
                    if (index == 1 && string.matches()) {
                        version = string.group(1);
                    }
                    else if (only.matches()) {
                        List<String> environments = new ArrayList<>();
                        Matcher atom = ATOM.matcher(only.group(1));
                        while (atom.find()) {
                            environments.add(atom.group(1));
                        }
                        developmentOnly = !environments.isEmpty() && !environments.contains("prod");
                    }
                }
                (developmentOnly ? development : production).putIfAbsent(name.group(1), version);
            }
        });
        Map<String, String> aliases = new LinkedHashMap<>();
        list(text, ALIASES_FUNCTION).ifPresent(list -> {
            for (String element : elements(list)) {
                Matcher key = ALIAS_KEY.matcher(element);
                if (key.find()) {
                    aliases.put(key.group(1), element.substring(key.end()).strip());
                }
            }
        });
        return new MixProject(app, elixir, appsPath, releasable, production, development, aliases);
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The inside of the first {@code [...]} after a match of {@code start}, or empty. */
    private static Optional<String> list(String text, Pattern start) {
        Matcher matcher = start.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        int open = text.indexOf('[', matcher.end());
        if (open < 0) {
            return Optional.empty();
        }
        int close = closing(text, open);
        return close < 0 ? Optional.empty() : Optional.of(text.substring(open + 1, close));
    }

    /** The index of the bracket closing the one at {@code open}, or -1; strings are skipped. */
    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = endOfString(text, i);
                if (i < 0) {
                    return -1;
                }
            }
            else if (c == '[' || c == '{' || c == '(') {
                depth++;
            }
            else if (c == ']' || c == '}' || c == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The top-level, comma-separated elements of a list's or tuple's inside, stripped. */
    private static List<String> elements(String inside) {
        List<String> elements = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '"') {
                int end = endOfString(inside, i);
                if (end < 0) {
                    break;
                }
                i = end;
            }
            else if (c == '[' || c == '{' || c == '(') {
                depth++;
            }
            else if (c == ']' || c == '}' || c == ')') {
                depth--;
            }
            else if (c == ',' && depth == 0) {
                elements.add(inside.substring(start, i).strip());
                start = i + 1;
            }
        }
        String last = inside.substring(Math.min(start, inside.length())).strip();
        if (!last.isEmpty()) {
            elements.add(last);
        }
        return elements;
    }

    /** The index of the quote closing the string that opens at {@code open}, or -1. */
    private static int endOfString(String text, int open) {
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            }
            else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** The source without {@code #} comments; {@code #} inside strings and heredocs is kept. */
    static String withoutComments(String source) {
        StringBuilder text = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("\"\"\"", i) || source.startsWith("'''", i)) {
                String delimiter = source.substring(i, i + 3);
                int end = source.indexOf(delimiter, i + 3);
                end = end < 0 ? source.length() : end + 3;
                text.append(source, i, end);
                i = end;
            }
            else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, source.length());
                text.append(source, i, end);
                i = end;
            }
            else if (c == '?' && i + 1 < source.length()
                    && (i == 0 || !Character.isLetterOrDigit(source.charAt(i - 1)) && source.charAt(i - 1) != '_')) {
                text.append(source, i, i + 2); // a character literal such as ?# or ?"
                i += 2;
            }
            else if (c == '#') {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            }
            else {
                text.append(c);
                i++;
            }
        }
        return text.toString();
    }
}
