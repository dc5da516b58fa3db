package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * One entry of the framework catalog ({@code catalog/<ecosystem>.json}). A rule matches a
 * {@link Manifest} of its ecosystem when every dependency in {@code all} and one in {@code any} is
 * declared, and one of {@code requiredFiles} exists; a rule with no condition at all is its
 * ecosystem's fallback (a plain project), and so is a rule at priority 0 or below whose only condition is
 * {@code requiredFiles} (an ecosystem with two build tools, Maven and Gradle, has a plain rule for each).
 * Among matching rules the highest priority wins.
 *
 * @param id stable id, e.g. {@code nextjs}
 * @param name display name
 * @param ecosystem the {@link Manifest#ecosystem()} it applies to
 * @param priority the highest matching priority wins (a meta-framework over the library it builds on)
 * @param all dependencies that must all be declared
 * @param any dependencies of which one must be declared (empty: no such condition)
 * @param files config files that confirm the framework (raise confidence, cited as evidence)
 * @param requiredFiles files of which one must exist, relative to the project directory; {@code *.ext}
 *        matches any file with that extension directly in it, and {@code path:regex} also requires the
 *        file's text to contain a match of {@code regex}
 * @param build default build command template ({@code {placeholder}}s from the manifest)
 * @param start default start command template
 * @param dev default dev command template
 * @param output build output directory; may name {@code {configDir}}, the directory of the config file
 *        found (e.g. {@code docs/.vitepress}), and the manifest's placeholders (e.g. {@code {name}})
 * @param kind {@code server} (a process to run) or {@code static} (files to serve)
 * @param port the port the started app listens on by default, or null
 * @param scripts for a step ({@code build}, {@code start}, {@code dev}), the project scripts that run it,
 *        first found wins, instead of the script named like the step: frameworks whose {@code start}
 *        script is the development server (Create React App, Docusaurus, Angular) say
 *        {@code "start": []} or {@code "start": ["serve"]} and {@code "dev": ["dev", "start"]}; absent
 *        steps use the script named like the step
 * @param assets an ecosystem whose manifest beside this one builds front-end assets the app serves
 *        ({@code node} for Laravel's or Symfony's Vite/Encore): its install and {@code build} script run
 *        before the app's own build
 */
public record FrameworkRule(String id, String name, String ecosystem, int priority, List<String> all,
        List<String> any, List<String> files, List<String> requiredFiles, String build, String start, String dev,
        String output, String kind, Integer port, Map<String, List<String>> scripts, String assets) {

    /** A rule whose steps run the project's scripts named like the steps. */
    public FrameworkRule(String id, String name, String ecosystem, int priority, List<String> all, List<String> any,
            List<String> files, List<String> requiredFiles, String build, String start, String dev, String output,
            String kind, Integer port) {
        this(id, name, ecosystem, priority, all, any, files, requiredFiles, build, start, dev, output, kind, port,
                null, null);
    }

    public FrameworkRule {
        all = all == null ? List.of() : List.copyOf(all);
        any = any == null ? List.of() : List.copyOf(any);
        files = files == null ? List.of() : List.copyOf(files);
        requiredFiles = requiredFiles == null ? List.of() : List.copyOf(requiredFiles);
        scripts = scripts == null ? Map.of() : scripts.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, entry -> entry.getValue() == null ? List.<String>of() : List.copyOf(entry.getValue())));
        kind = kind == null ? "server" : kind;
        if (id == null || name == null || ecosystem == null) {
            throw new IllegalArgumentException("Framework rule needs an id, a name and an ecosystem: " + id);
        }
        if (!kind.equals("server") && !kind.equals("static")) {
            throw new IllegalArgumentException("Framework rule " + id + ": kind must be server or static");
        }
        for (String required : requiredFiles) {
            int colon = required.indexOf(':');
            if (colon > 0) {
                try {
                    Pattern.compile(required.substring(colon + 1));
                }
                catch (PatternSyntaxException ex) {
                    throw new IllegalArgumentException("Framework rule " + id + ": bad pattern in " + required, ex);
                }
            }
        }
    }

    /** The project scripts that may run {@code step}, in order of preference. */
    public List<String> scriptsFor(String step) {
        return scripts.getOrDefault(step, List.of(step));
    }

    /** A rule that matched, with the confidence it earned and the evidence that decided it. */
    public record Match(FrameworkRule rule, String version, double confidence, List<Evidence> evidence) {
    }

    /** Whether this rule is a plain fallback of its ecosystem (no condition, or only files at priority 0 or below). */
    public boolean fallback() {
        return all.isEmpty() && any.isEmpty() && (requiredFiles.isEmpty() || priority <= 0);
    }

    /** How this rule matches {@code manifest}, or empty. Reads files only through the tree. */
    public Optional<Match> match(Manifest manifest, RepositoryTree tree) {
        if (!ecosystem.equals(manifest.ecosystem()) || !all.stream().allMatch(manifest::declares)) {
            return Optional.empty();
        }
        String conclusion = "framework=" + id;
        List<Evidence> evidence = new ArrayList<>();
        String dependency = any.isEmpty() ? (all.isEmpty() ? null : all.getLast())
                : any.stream().filter(manifest::declares).findFirst().orElse(null);
        if (!any.isEmpty() && dependency == null) {
            return Optional.empty();
        }
        if (dependency != null) {
            String declared = manifest.declared(dependency);
            evidence.add(new Evidence(conclusion, manifest.file(),
                    "dependency " + dependency + (declared == null || declared.isEmpty() ? "" : "@" + declared)));
        }
        String prefix = manifest.directory().isEmpty() ? "" : manifest.directory() + "/";
        if (!requiredFiles.isEmpty()) {
            Optional<String> required = requiredFiles.stream().map(spec -> found(spec, prefix, tree))
                    .flatMap(Optional::stream).findFirst();
            if (required.isEmpty()) {
                return Optional.empty();
            }
            evidence.add(new Evidence(conclusion, required.get(), "required file"));
        }
        Optional<String> config = files.stream().map(file -> found(file, prefix, tree)).flatMap(Optional::stream)
                .findFirst();
        config.ifPresent(file -> evidence.add(new Evidence(conclusion, file, "config file")));
        double confidence;
        if (fallback()) {
            confidence = 0.5;
            evidence.add(new Evidence(conclusion, manifest.file(), "no framework recognised"));
        }
        else if (dependency != null) {
            confidence = config.isPresent() || !requiredFiles.isEmpty() ? 0.99 : 0.9;
        }
        else {
            confidence = config.isPresent() ? 0.9 : 0.8;
        }
        return Optional.of(new Match(this, dependency == null ? null : Versions.clean(manifest.declared(dependency)),
                confidence, evidence));
    }

    /** The path of the file {@code spec} names under {@code prefix}, if it exists (and matches). */
    static Optional<String> found(String spec, String prefix, RepositoryTree tree) {
        int colon = spec.indexOf(':');
        String path = colon > 0 ? spec.substring(0, colon) : spec;
        Optional<String> file = path.startsWith("*.")
                ? tree.filesIn(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), path.substring(1))
                        .stream().findFirst()
                : Optional.of(prefix + path).filter(tree::exists);
        if (file.isEmpty() || colon < 0) {
            return file;
        }
        Pattern pattern = Pattern.compile(spec.substring(colon + 1), Pattern.MULTILINE);
        return file.filter(found -> tree.read(found).map(text -> pattern.matcher(text).find()).orElse(false));
    }
}
