package dev.autodeploy.analyzer.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Ruby project's {@code Gemfile} as text (Bundler would evaluate it as Ruby; the engine never
 * does): gems with their version constraints, gems only in the {@code development}/{@code test} groups
 * as development dependencies, the {@code ruby} directive; versions the Gemfile leaves open come from
 * {@code Gemfile.lock}, and the Ruby version from {@code .ruby-version}, {@code .tool-versions}, the
 * Gemfile or the lock file.
 */
public final class RubyManifests implements ManifestReader {

    /** Groups whose gems are never needed to run the app in production. */
    private static final Set<String> DEV_GROUPS = Set.of("development", "test");
    private static final List<String> ENTRY_FILES = List.of("app.rb", "main.rb", "server.rb", "application.rb",
            "bot.rb");

    private static final Pattern GROUP_BLOCK = Pattern.compile("^group\\s*\\(?\\s*(.+?)\\s*\\)?\\s+do(\\s*\\|.*\\|)?$");
    private static final Pattern OTHER_BLOCK = Pattern.compile("^\\w+\\b.*\\s+do(\\s*\\|.*\\|)?$");
    private static final Pattern GEM = Pattern.compile("^gem\\s*\\(?\\s*(['\"])([A-Za-z0-9_.-]+)\\1(.*)$");
    private static final Pattern RUBY = Pattern.compile("^ruby\\s*\\(?\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern SYMBOL = Pattern.compile(":(\\w+)|['\"](\\w+)['\"]");
    private static final Pattern GROUP_OPTION = Pattern.compile(
            "(?:\\bgroups?:|:groups?\\s*=>|['\"]groups?['\"]\\s*=>)\\s*(%[iw]\\[[^\\]]*]|\\[[^\\]]*]|:\\w+|['\"]\\w+['\"])");
    private static final Pattern CONSTRAINT = Pattern.compile("^(['\"])([^'\"]*)\\1\\)?$");
    /** Ruby keywords that open a block closed by {@code end} when they start a line. */
    private static final Pattern KEYWORD_BLOCK = Pattern.compile("^(if|unless|case|while|until|begin)\\b.*");
    private static final Pattern LOCKED = Pattern.compile("^ {4}([A-Za-z0-9_.-]+) \\(([^)]+)\\)$");
    private static final Pattern LOCKED_RUBY = Pattern.compile("^\\s+ruby (\\d[^\\s]*)");
    private static final Pattern REQUIRES_SINATRA = Pattern.compile("(?m)^\\s*require\\s+['\"]sinatra(/base)?['\"]");

    private final PackageManagers packageManagers;

    public RubyManifests(PackageManagers packageManagers) {
        this.packageManagers = packageManagers;
    }

    @Override
    public String ecosystem() {
        return "ruby";
    }

    /** What a Gemfile declares. */
    record Gemfile(Map<String, String> production, Map<String, String> development, String ruby) {
    }

    @Override
    public Optional<Manifest> read(RepositoryTree tree, String directory, Warnings warnings) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        String file = prefix + "Gemfile";
        Optional<String> text = tree.read(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Gemfile gemfile = parse(text.get(), file, warnings);
        Optional<String> lockText = tree.read(prefix + "Gemfile.lock");
        Map<String, String> locked = lockText.map(RubyManifests::locked).orElse(Map.of());
        Map<String, String> production = resolved(gemfile.production(), locked);
        Map<String, String> development = resolved(gemfile.development(), locked);

        List<Evidence> evidence = new ArrayList<>();
        String manager = null;
        String install = null;
        Optional<PackageManagers.Detected> detected = packageManagers.detect(tree, directory, warnings).stream()
                .filter(found -> found.manager().ecosystem().equals("ruby")).findFirst();
        if (detected.isPresent()) {
            manager = detected.get().manager().name();
            install = detected.get().manager().installCommand();
            evidence.add(detected.get().evidence());
        }
        evidence.add(new Evidence("language=ruby", file, "Gemfile"));

        Map<String, String> placeholders = new LinkedHashMap<>();
        if (tree.exists(prefix + "config.ru")) {
            placeholders.put("rackup", "config.ru");
        }
        entry(tree, prefix).ifPresent(entry -> placeholders.put("entry", entry));

        String version = rubyVersion(tree, prefix, gemfile, lockText.orElse(""), evidence);
        return Optional.of(new Manifest("ruby", directory, file, null, "ruby", manager, install, production,
                development, Map.of(), placeholders, "ruby", version, List.of(), evidence));
    }

    /**
     * The gems of a Gemfile. Understood line by line: {@code gem}, {@code ruby}, {@code group ... do}
     * blocks and the {@code group:}/{@code groups:} options; any other block ({@code platforms},
     * {@code source}, {@code git}) is followed only to find its {@code end}.
     */
    static Gemfile parse(String text, String file, Warnings warnings) {
        Map<String, String> production = new LinkedHashMap<>();
        Map<String, String> developmentGems = new LinkedHashMap<>();
        String ruby = null;
        Deque<Boolean> blocks = new ArrayDeque<>(); // per open block: whether it is a development-only group
        int number = 0;
        for (String raw : text.lines().toList()) {
            number++;
            String line = withoutComment(raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher group = GROUP_BLOCK.matcher(line);
            Matcher gem = GEM.matcher(line);
            Matcher rubyVersion = RUBY.matcher(line);
            if (group.matches()) {
                blocks.push(developmentOnly(group.group(1)));
            }
            else if (line.equals("end")) {
                if (blocks.isEmpty()) {
                    warnings.add(file + " line " + number + ": 'end' without an open block");
                }
                else {
                    blocks.pop();
                }
            }
            else if (gem.matches()) {
                String name = gem.group(2);
                String options = gem.group(3);
                Matcher groupOption = GROUP_OPTION.matcher(options);
                boolean development = groupOption.find() ? developmentOnly(groupOption.group(1))
                        : blocks.contains(Boolean.TRUE);
                (development ? developmentGems : production).putIfAbsent(name, constraints(options));
            }
            else if (rubyVersion.find() && ruby == null) {
                ruby = rubyVersion.group(1);
            }
            else if (KEYWORD_BLOCK.matcher(line).matches()
                    || OTHER_BLOCK.matcher(line).matches() && !line.startsWith("gem")) {
                blocks.push(Boolean.FALSE);
            }
        }
        if (!blocks.isEmpty()) {
            warnings.add(file + ": " + blocks.size() + " block(s) not closed with 'end'");
        }
        return new Gemfile(production, developmentGems, ruby);
    }

    /** Whether a list of groups ({@code :development, :test} or {@code [:test]}) names only development groups. */
    private static boolean developmentOnly(String groups) {
        String list = groups.strip();
        if (list.startsWith("%i[") || list.startsWith("%w[")) {
            // %i[development test]: bare words; quote them so they read like the other forms.
            list = list.substring(3, Math.max(3, list.indexOf(']'))).strip().replaceAll("(\\w+)", "'$1'");
        }
        Matcher symbols = SYMBOL.matcher(list);
        boolean any = false;
        while (symbols.find()) {
            String group = symbols.group(1) != null ? symbols.group(1) : symbols.group(2);
            if (!DEV_GROUPS.contains(group)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** The version constraints of a gem line ({@code '~> 7.1', '>= 7.1.2'}), joined; "" when none. */
    private static String constraints(String options) {
        List<String> constraints = new ArrayList<>();
        // Only the string arguments before the first option (key: value or :key => value) are constraints.
        for (String argument : options.split(",")) {
            String stripped = argument.strip();
            if (stripped.isEmpty()) {
                continue;
            }
            Matcher quoted = CONSTRAINT.matcher(stripped);
            if (!quoted.matches()) {
                break;
            }
            constraints.add(quoted.group(2).strip());
        }
        return String.join(", ", constraints);
    }

    /** The line without a trailing {@code #} comment ({@code #} inside a string is kept). */
    private static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                }
                else if (c == quote) {
                    quote = 0;
                }
            }
            else if (c == '"' || c == '\'') {
                quote = c;
            }
            else if (c == '#') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** Gem name → resolved version, from the {@code specs:} of {@code Gemfile.lock}. */
    static Map<String, String> locked(String lock) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String line : lock.lines().toList()) {
            Matcher matcher = LOCKED.matcher(line);
            if (matcher.matches()) {
                versions.putIfAbsent(matcher.group(1), matcher.group(2));
            }
        }
        return versions;
    }

    /** The declared gems, with the locked version where the Gemfile declares none. */
    private static Map<String, String> resolved(Map<String, String> declared, Map<String, String> locked) {
        Map<String, String> resolved = new LinkedHashMap<>();
        declared.forEach((name, version) -> resolved.put(name,
                version.isEmpty() && locked.containsKey(name) ? locked.get(name) : version));
        return resolved;
    }

    /** The script a plain Ruby or classic Sinatra app runs from: one requiring Sinatra, else a usual name. */
    private static Optional<String> entry(RepositoryTree tree, String prefix) {
        String directory = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
        Optional<String> sinatra = tree.filesIn(directory, ".rb").stream()
                .filter(file -> tree.read(file).map(text -> REQUIRES_SINATRA.matcher(text).find()).orElse(false))
                .map(file -> file.substring(prefix.length())).filter(SafeText::isPath).findFirst();
        if (sinatra.isPresent()) {
            return sinatra;
        }
        return ENTRY_FILES.stream().filter(file -> tree.exists(prefix + file)).findFirst();
    }

    private static String rubyVersion(RepositoryTree tree, String prefix, Gemfile gemfile, String lock,
            List<Evidence> evidence) {
        Optional<String> pinned = tree.read(prefix + ".ruby-version").map(String::strip)
                .filter(text -> !text.isEmpty()).map(text -> text.lines().findFirst().orElse("").strip());
        if (pinned.isPresent() && Versions.clean(pinned.get()) != null) {
            evidence.add(new Evidence("runtimeVersion", prefix + ".ruby-version", pinned.get()));
            return Versions.clean(pinned.get());
        }
        Optional<String> toolVersions = ToolVersions.of(tree, prefix, "ruby");
        if (toolVersions.isPresent() && Versions.clean(toolVersions.get()) != null) {
            evidence.add(new Evidence("runtimeVersion", prefix + ".tool-versions", "ruby " + toolVersions.get()));
            return Versions.clean(toolVersions.get());
        }
        if (gemfile.ruby() != null && Versions.clean(gemfile.ruby()) != null) {
            evidence.add(new Evidence("runtimeVersion", prefix + "Gemfile", "ruby " + gemfile.ruby()));
            return Versions.clean(gemfile.ruby());
        }
        boolean inRuby = false;
        for (String line : lock.lines().toList()) {
            if (line.equals("RUBY VERSION")) {
                inRuby = true;
            }
            else if (inRuby) {
                Matcher matcher = LOCKED_RUBY.matcher(line);
                if (matcher.find()) {
                    evidence.add(new Evidence("runtimeVersion", prefix + "Gemfile.lock", "RUBY VERSION " + matcher.group(1)));
                    return Versions.clean(matcher.group(1));
                }
                break;
            }
        }
        return null;
    }
}
