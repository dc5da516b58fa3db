package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Go module's {@code go.mod} (module path, {@code go} and {@code toolchain} directives,
 * {@code require}s) and a workspace's {@code go.work} ({@code use} directives become workspaces), the Go
 * version from {@code toolchain}, {@code .tool-versions} or the {@code go} directive, and where the main
 * package is ({@code .} or {@code ./cmd/<name>}).
 */
public final class GoManifests implements ManifestReader {

    private static final Pattern PACKAGE_MAIN = Pattern.compile("(?m)^package\\s+main\\b");
    private static final Pattern WORD = Pattern.compile("\"([^\"]*)\"|`([^`]*)`|(\\S+)");
    private static final Pattern MAJOR_SUFFIX = Pattern.compile("v[0-9]+");
    private static final Pattern GO_VERSION = Pattern.compile("[0-9]+(\\.[0-9]+){0,2}([a-z]+[0-9]*)?");

    private final PackageManagers packageManagers;

    public GoManifests(PackageManagers packageManagers) {
        this.packageManagers = packageManagers;
    }

    @Override
    public String ecosystem() {
        return "go";
    }

    /** What {@code go.mod} or {@code go.work} declares, line by line. */
    record GoMod(String module, String go, String toolchain, Map<String, String> requires, List<String> uses,
            List<String> problems) {
    }

    @Override
    public Optional<Manifest> read(RepositoryTree tree, String directory, Warnings warnings) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        Optional<String> goMod = tree.read(prefix + "go.mod");
        Optional<String> goWork = tree.read(prefix + "go.work");
        if (goMod.isEmpty() && goWork.isEmpty()) {
            return Optional.empty();
        }
        GoMod work = goWork.map(GoManifests::parse).orElse(null);
        if (work != null) {
            work.problems().forEach(problem -> warnings.add(prefix + "go.work " + problem));
        }
        GoMod mod = goMod.map(GoManifests::parse).orElse(null);
        String file = mod != null ? prefix + "go.mod" : prefix + "go.work";
        if (mod != null) {
            mod.problems().forEach(problem -> warnings.add(file + " " + problem));
            if (mod.module() == null) {
                warnings.add(file + " has no module directive: not read as a Go module");
                if (work == null) {
                    return Optional.empty();
                }
                mod = null;
            }
        }
        List<Evidence> evidence = new ArrayList<>();
        String manifestFile = mod != null ? file : prefix + "go.work";
        if (mod != null) {
            packageManagers.detect(tree, directory, warnings).stream()
                    .filter(found -> found.manager().ecosystem().equals("go")).findFirst()
                    .ifPresent(found -> evidence.add(found.evidence()));
        }
        evidence.add(new Evidence("language=go", manifestFile, mod != null ? "module " + mod.module() : "workspace"));

        Map<String, String> production = new LinkedHashMap<>();
        Map<String, String> placeholders = new LinkedHashMap<>();
        if (mod != null) {
            production.putAll(mod.requires());
            String binary = binaryOf(mod.module());
            Optional<String> main = mainPackage(tree, directory, binary, evidence);
            // Only a main package makes a binary: a library gets no build or start command.
            main.ifPresent(found -> {
                placeholders.put("main", found);
                String named = found.startsWith("./cmd/") ? found.substring("./cmd/".length()) : binary;
                if (named != null && SafeText.isName(named)) {
                    placeholders.put("binary", named);
                }
            });
        }
        String version = version(tree, prefix, mod != null ? mod : work, mod != null ? file : prefix + "go.work",
                evidence);
        List<String> workspaces = work == null ? List.of() : work.uses().stream()
                .map(use -> use.startsWith("./") ? use.substring(2) : use)
                .filter(use -> !use.equals(".") && SafeText.isPath(use)).toList();
        return Optional.of(new Manifest("go", directory, manifestFile, mod == null ? null : mod.module(), "go",
                mod == null ? null : "go", mod == null ? null : "go mod download", production, Map.of(), Map.of(),
                placeholders, "go", version, workspaces, evidence));
    }

    /** The last element of the module path that is not a major-version suffix ({@code example.com/app/v2} → app). */
    static String binaryOf(String module) {
        String[] parts = module.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!(i > 0 && MAJOR_SUFFIX.matcher(parts[i]).matches()) && !parts[i].isEmpty()) {
                return parts[i];
            }
        }
        return null;
    }

    /** {@code .} when the directory itself is package main, else {@code ./cmd/<name>} (the binary's name first). */
    private static Optional<String> mainPackage(RepositoryTree tree, String directory, String binary,
            List<Evidence> evidence) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        for (String source : tree.filesIn(directory, ".go")) {
            if (!source.endsWith("_test.go")
                    && tree.read(source).map(text -> PACKAGE_MAIN.matcher(text).find()).orElse(false)) {
                evidence.add(new Evidence("main", source, "package main"));
                return Optional.of(".");
            }
        }
        List<String> commands = tree.files().stream()
                .filter(path -> path.startsWith(prefix + "cmd/") && path.endsWith("/main.go"))
                .map(path -> path.substring(prefix.length() + 4, path.length() - "/main.go".length()))
                .filter(name -> !name.contains("/") && SafeText.isName(name)).sorted().toList();
        if (commands.isEmpty()) {
            return Optional.empty();
        }
        String chosen = commands.contains(binary) ? binary : commands.getFirst();
        evidence.add(new Evidence("main", prefix + "cmd/" + chosen + "/main.go",
                commands.size() == 1 ? "the only command" : "one of " + commands.size() + " commands in cmd/"));
        return Optional.of("./cmd/" + chosen);
    }

    private static String version(RepositoryTree tree, String prefix, GoMod declared, String file,
            List<Evidence> evidence) {
        if (declared != null && declared.toolchain() != null) {
            String toolchain = declared.toolchain().startsWith("go") ? declared.toolchain().substring(2)
                    : declared.toolchain();
            if (GO_VERSION.matcher(toolchain).matches()) {
                evidence.add(new Evidence("runtimeVersion", file, "toolchain " + declared.toolchain()));
                return toolchain;
            }
        }
        Optional<String> pinned = ToolVersions.of(tree, prefix, "golang", "go");
        if (pinned.isPresent() && Versions.clean(pinned.get()) != null) {
            evidence.add(new Evidence("runtimeVersion", prefix + ".tool-versions", "golang " + pinned.get()));
            return Versions.clean(pinned.get());
        }
        if (declared != null && declared.go() != null && GO_VERSION.matcher(declared.go()).matches()) {
            evidence.add(new Evidence("runtimeVersion", file, "go " + declared.go()));
            return declared.go();
        }
        return null;
    }

    /** Parses go.mod/go.work syntax: one directive a line, or a parenthesised block of them. Never throws. */
    static GoMod parse(String text) {
        String module = null;
        String go = null;
        String toolchain = null;
        Map<String, String> requires = new LinkedHashMap<>();
        List<String> uses = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String block = null;
        int number = 0;
        for (String raw : text.lines().toList()) {
            number++;
            boolean indirect = raw.contains("// indirect");
            int comment = raw.indexOf("//");
            String line = (comment >= 0 ? raw.substring(0, comment) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (block != null) {
                if (line.equals(")")) {
                    block = null;
                    continue;
                }
                String entry = block + " " + line;
                line = entry;
            }
            List<String> words = words(line);
            if (words.size() == 2 && words.get(1).equals("(")) {
                block = words.getFirst();
                continue;
            }
            switch (words.getFirst()) {
                case "module" -> {
                    if (words.size() == 2) {
                        module = words.get(1);
                    }
                    else {
                        problems.add("line " + number + ": malformed module directive");
                    }
                }
                case "go" -> go = words.size() == 2 ? words.get(1) : go;
                case "toolchain" -> toolchain = words.size() == 2 ? words.get(1) : toolchain;
                case "require" -> {
                    if (words.size() == 3) {
                        requires.put(words.get(1), indirect ? words.get(2) + " (indirect)" : words.get(2));
                    }
                    else {
                        problems.add("line " + number + ": malformed require");
                    }
                }
                case "use" -> {
                    if (words.size() == 2) {
                        uses.add(words.get(1));
                    }
                    else {
                        problems.add("line " + number + ": malformed use");
                    }
                }
                case "replace", "exclude", "retract", "godebug", "tool", "ignore" -> {
                    // Not needed to tell the framework or how to build.
                }
                default -> problems.add("line " + number + ": unknown directive " + words.getFirst());
            }
        }
        if (block != null) {
            problems.add("has an unterminated " + block + " block");
        }
        if (problems.size() > 5) {
            int more = problems.size() - 5;
            problems = new ArrayList<>(problems.subList(0, 5));
            problems.add("and " + more + " more problems");
        }
        return new GoMod(module, go, toolchain, requires, uses, List.copyOf(problems));
    }

    /** Splits a line into words; a double-quoted or back-quoted word keeps its spaces, without the quotes. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(line);
        while (matcher.find()) {
            words.add(matcher.group(1) != null ? matcher.group(1)
                    : matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
        }
        return words;
    }
}
