package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The manifest of a directory that has no package manifest of its own, or has more than one: a static
 * site generator's configuration (Hugo, Zola, Jekyll without a Gemfile), a {@code Dockerfile}, or a plain
 * {@code index.html}. The generator found is declared as the manifest's dependency (e.g. {@code hugo}),
 * so the catalog's site rules match on it; a Dockerfile contributes the image name and the port it
 * {@code EXPOSE}s.
 */
public final class SiteManifests implements ManifestReader {

    private static final List<String> HUGO_CONFIGS = List.of("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json");
    private static final List<String> LEGACY_CONFIGS = List.of("config.toml", "config.yaml", "config.yml",
            "config.json");
    private static final List<String> HUGO_DIRECTORIES = List.of("content/", "layouts/", "themes/", "archetypes/");
    private static final Pattern ZOLA_BASE_URL = Pattern.compile("(?m)^[ \\t]*base_url[ \\t]*=");
    /** Other ecosystems' manifests: with one of them, a bare index.html is that project's page, not a site. */
    private static final List<String> OTHER_MANIFESTS = List.of("package.json", "deno.json", "deno.jsonc",
            "pyproject.toml", "requirements.txt", "Pipfile", "setup.py", "Gemfile", "composer.json", "go.mod",
            "Cargo.toml", "pom.xml", "build.gradle", "build.gradle.kts", "mix.exs");
    private static final Pattern EXPOSE = Pattern.compile("(?mi)^[ \\t]*EXPOSE[ \\t]+(\\d{1,5})(?:/tcp)?\\b");
    private static final Pattern NETLIFY_HUGO = Pattern.compile("HUGO_VERSION\\s*=\\s*\"([^\"]+)\"");

    @Override
    public String ecosystem() {
        return "site";
    }

    @Override
    public Optional<Manifest> read(RepositoryTree tree, String directory, Warnings warnings) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        List<Evidence> evidence = new ArrayList<>();
        Map<String, String> production = new LinkedHashMap<>();
        Map<String, String> placeholders = new LinkedHashMap<>();
        String file = null;
        String runtime = null;
        String runtimeVersion = null;
        String install = null;

        Optional<String> zola = LEGACY_CONFIGS.stream().limit(1).map(config -> prefix + config)
                .filter(config -> tree.read(config).map(text -> ZOLA_BASE_URL.matcher(text).find()).orElse(false))
                .findFirst();
        Optional<String> hugo = HUGO_CONFIGS.stream().map(config -> prefix + config).filter(tree::exists).findFirst()
                .or(() -> zola.isPresent() ? Optional.empty() : LEGACY_CONFIGS.stream().map(config -> prefix + config)
                        .filter(tree::exists).filter(config -> hasHugoDirectories(tree, prefix)).findFirst());
        Optional<String> jekyll = List.of("_config.yml", "_config.yaml").stream().map(config -> prefix + config)
                .filter(tree::exists).findFirst();
        boolean gemfile = tree.exists(prefix + "Gemfile");
        if (hugo.isPresent()) {
            file = hugo.get();
            runtime = "hugo";
            runtimeVersion = hugoVersion(tree, prefix, evidence);
            production.put("hugo", runtimeVersion == null ? "" : runtimeVersion);
            evidence.add(new Evidence("generator=hugo", file, "Hugo configuration"));
        }
        else if (zola.isPresent()) {
            file = zola.get();
            runtime = "zola";
            runtimeVersion = ToolVersions.of(tree, prefix, "zola").map(Versions::clean).orElse(null);
            production.put("zola", runtimeVersion == null ? "" : runtimeVersion);
            evidence.add(new Evidence("generator=zola", file, "base_url"));
        }
        else if (jekyll.isPresent()) {
            file = jekyll.get();
            runtime = "ruby";
            // With a Gemfile, Bundler pins Jekyll; without one, GitHub Pages style, the gem is installed as is.
            placeholders.put("jekyll", gemfile ? "bundle exec jekyll" : "jekyll");
            install = gemfile ? "bundle install" : "gem install jekyll";
            production.put("jekyll", "");
            evidence.add(new Evidence("generator=jekyll", file, gemfile ? "Jekyll configuration, with a Gemfile"
                    : "Jekyll configuration, no Gemfile"));
            runtimeVersion = tree.read(prefix + ".ruby-version").map(String::strip).map(Versions::clean).orElse(null);
        }

        String dockerfile = prefix + "Dockerfile";
        if (tree.exists(dockerfile)) {
            evidence.add(new Evidence("dockerfile", dockerfile, "Dockerfile"));
            placeholders.put("image", image(directory));
            tree.read(dockerfile).ifPresent(text -> {
                Matcher expose = EXPOSE.matcher(text);
                if (expose.find() && Integer.parseInt(expose.group(1)) <= 65535) {
                    placeholders.put("port", expose.group(1));
                    evidence.add(new Evidence("port", dockerfile, "EXPOSE " + expose.group(1)));
                }
            });
            if (file == null) {
                file = dockerfile;
                runtime = "docker";
            }
        }
        String index = prefix + "index.html";
        if (file == null && tree.exists(index)
                && OTHER_MANIFESTS.stream().noneMatch(other -> tree.exists(prefix + other))
                && tree.filesIn(directory, ".csproj").isEmpty()) {
            file = index;
            evidence.add(new Evidence("language=html", index, "static page, no manifest"));
        }
        if (file == null) {
            return Optional.empty();
        }
        String language = runtime != null && runtime.equals("docker") ? null : "html";
        return Optional.of(new Manifest("site", directory, file, null, language, null, install, production, Map.of(),
                Map.of(), placeholders, runtime, runtimeVersion, List.of(), evidence));
    }

    private static boolean hasHugoDirectories(RepositoryTree tree, String prefix) {
        return tree.files().stream().anyMatch(path -> path.startsWith(prefix)
                && HUGO_DIRECTORIES.stream().anyMatch(dir -> path.startsWith(prefix + dir)));
    }

    private static String hugoVersion(RepositoryTree tree, String prefix, List<Evidence> evidence) {
        Optional<String> pinned = ToolVersions.of(tree, prefix, "hugo", "hugo-extended");
        if (pinned.isPresent() && Versions.clean(pinned.get()) != null) {
            evidence.add(new Evidence("runtimeVersion", prefix + ".tool-versions", "hugo " + pinned.get()));
            return Versions.clean(pinned.get());
        }
        Optional<String> netlify = tree.read(prefix + "netlify.toml").map(NETLIFY_HUGO::matcher)
                .filter(Matcher::find).map(matcher -> matcher.group(1));
        if (netlify.isPresent() && Versions.clean(netlify.get()) != null) {
            evidence.add(new Evidence("runtimeVersion", prefix + "netlify.toml", "HUGO_VERSION " + netlify.get()));
            return Versions.clean(netlify.get());
        }
        return null;
    }

    /**
     * A Docker image name made from the directory's name (lower case, only {@code [a-z0-9._-]}), so that no
     * repository text reaches the command unfiltered; {@code app} for the root, whose checkout name is arbitrary.
     */
    static String image(String directory) {
        String last = directory.substring(directory.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        return last.isEmpty() || !SafeText.isName(last) ? "app" : last;
    }
}
