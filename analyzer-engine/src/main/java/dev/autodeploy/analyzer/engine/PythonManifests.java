package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Reads a Python project's manifests — {@code pyproject.toml} (PEP 621, Poetry, PEP 735 groups),
 * {@code requirements.txt} and its development variants, {@code Pipfile}, and {@code setup.py} /
 * {@code setup.cfg} as text (never executed) — plus the Python version pinned by
 * {@code .python-version}, {@code runtime.txt}, {@code .tool-versions} or the manifests, and the
 * values the catalog's commands need: the Django project package, the module holding the WSGI/ASGI
 * app object, the script a Streamlit or Gradio app is started from.
 */
public final class PythonManifests implements ManifestReader {

    /** Manifests in the order they are read; the first that declares dependencies is the one cited. */
    private static final List<String> MANIFESTS = List.of("pyproject.toml", "Pipfile", "requirements.txt", "setup.py",
            "setup.cfg");
    private static final List<String> DEV_REQUIREMENTS = List.of("requirements-dev.txt", "dev-requirements.txt",
            "requirements_dev.txt");
    /** Names of optional-dependency extras that hold tooling rather than features of the app. */
    private static final Set<String> DEV_EXTRAS = Set.of("dev", "develop", "development", "test", "tests", "testing",
            "lint", "linting", "docs", "doc", "typing", "types", "mypy", "format", "style", "ci", "qa", "check");
    /** Files that usually hold a web app's object, in the order they are tried. */
    private static final List<String> APP_FILES = List.of("app.py", "main.py", "wsgi.py", "asgi.py", "application.py",
            "server.py", "api.py", "run.py", "app/main.py", "app/app.py", "app/__init__.py", "src/main.py",
            "src/app.py", "api/main.py", "api/index.py");
    /** Frameworks whose server is pointed at an app object ({@code module:object}). */
    private static final List<String> APP_FRAMEWORKS = List.of("flask", "fastapi", "starlette", "litestar",
            "sanic");
    private static final List<String> SCRIPT_FILES = List.of("streamlit_app.py", "app.py", "main.py", "Home.py",
            "server.py", "run.py");
    private static final List<String> MAIN_FILES = List.of("main.py", "app.py", "run.py", "server.py", "bot.py",
            "__main__.py");

    private static final Pattern REQUIREMENT = Pattern.compile(
            "^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(?:\\[[^\\]]*])?\\s*(.*)$");
    private static final Pattern EGG = Pattern.compile("#egg=([A-Za-z0-9][A-Za-z0-9._-]*)");
    private static final Pattern SETTINGS_MODULE = Pattern.compile(
            "DJANGO_SETTINGS_MODULE['\"]\\s*,\\s*['\"]([A-Za-z0-9_.]+)['\"]");
    private static final Pattern APP_OBJECT = Pattern.compile(
            "(?m)^([A-Za-z_][A-Za-z0-9_]*)\\s*(?::[^=\\n]+)?=\\s*(?:[A-Za-z_][A-Za-z0-9_.]*\\.)?"
                    + "(Flask|FastAPI|Starlette|Litestar|Sanic)\\(");
    private static final Pattern APP_FACTORY = Pattern.compile("(?m)^def (create_app|make_app)\\(");
    private static final Pattern SETUP_LIST = Pattern.compile("(install_requires|tests_require)\\s*=\\s*\\[(.*?)]",
            Pattern.DOTALL);
    private static final Pattern SETUP_STRING = Pattern.compile("(name|python_requires)\\s*=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern QUOTED = Pattern.compile("['\"]([^'\"]+)['\"]");

    private final PackageManagers packageManagers;

    public PythonManifests(PackageManagers packageManagers) {
        this.packageManagers = packageManagers;
    }

    @Override
    public String ecosystem() {
        return "python";
    }

    /** What the manifests declared, gathered file by file. */
    private static final class Declared {
        final Map<String, String> production = new LinkedHashMap<>();
        final Map<String, String> development = new LinkedHashMap<>();
        final List<Evidence> evidence = new ArrayList<>();
        String file;
        String firstUnderstood;
        String name;
        String python;
        String pythonSource;
        boolean poetry;
        boolean installable;

        void understood(String path, boolean declaresDependencies) {
            if (firstUnderstood == null) {
                firstUnderstood = path;
            }
            if (declaresDependencies && file == null) {
                file = path;
            }
        }

        void python(String version, String source) {
            if (python == null && version != null && Versions.clean(version) != null) {
                python = version;
                pythonSource = source;
            }
        }
    }

    @Override
    public Optional<Manifest> read(RepositoryTree tree, String directory, Warnings warnings) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        if (MANIFESTS.stream().noneMatch(file -> tree.exists(prefix + file))) {
            return Optional.empty();
        }
        Declared declared = new Declared();
        tree.read(prefix + "pyproject.toml").ifPresent(text -> pyproject(prefix + "pyproject.toml", text, declared,
                warnings));
        tree.read(prefix + "Pipfile").ifPresent(text -> pipfile(prefix + "Pipfile", text, declared, warnings));
        tree.read(prefix + "requirements.txt").ifPresent(text -> {
            Map<String, String> found = requirements(text);
            declared.production.putAll(without(found, declared.production));
            declared.understood(prefix + "requirements.txt", !found.isEmpty());
        });
        for (String file : DEV_REQUIREMENTS) {
            tree.read(prefix + file).ifPresent(text -> declared.development.putAll(requirements(text)));
        }
        tree.read(prefix + "setup.py").ifPresent(text -> setupPy(prefix + "setup.py", text, declared));
        tree.read(prefix + "setup.cfg").ifPresent(text -> setupCfg(prefix + "setup.cfg", text, declared));
        if (declared.firstUnderstood == null) {
            return Optional.empty(); // every manifest was malformed or unreadable; the warnings say why
        }
        String file = declared.file != null ? declared.file : declared.firstUnderstood;
        List<Evidence> evidence = new ArrayList<>(declared.evidence);

        String manager;
        String install;
        Optional<PackageManagers.Detected> detected = packageManagers.detect(tree, directory, warnings).stream()
                .filter(found -> found.manager().ecosystem().equals("python")).findFirst();
        if (detected.isPresent()) {
            manager = detected.get().manager().name();
            install = detected.get().manager().installCommand();
            evidence.add(detected.get().evidence());
        }
        else if (declared.poetry) {
            manager = "poetry";
            install = "poetry install --no-root";
            evidence.add(new Evidence("packageManager=poetry", prefix + "pyproject.toml", "[tool.poetry], no lock file"));
        }
        else {
            manager = "pip";
            install = declared.installable ? "pip install ." : null;
            evidence.add(new Evidence("packageManager=pip", file, "no lock file"));
        }
        evidence.add(new Evidence("language=python", file, "Python manifest"));

        Map<String, String> placeholders = new LinkedHashMap<>();
        placeholders.put("python", switch (manager) {
            case "poetry" -> "poetry run python";
            case "uv" -> "uv run python";
            case "pipenv" -> "pipenv run python";
            case "pdm" -> "pdm run python";
            default -> "python";
        });
        Set<String> names = new HashSet<>(declared.production.keySet());
        names.addAll(declared.development.keySet());
        // Source files are only looked into for the frameworks whose commands need what they say.
        if (names.contains("django")) {
            djangoModule(tree, prefix, evidence).ifPresent(module -> placeholders.put("module", module));
        }
        if (APP_FRAMEWORKS.stream().anyMatch(names::contains)) {
            appObject(tree, prefix, names.contains("flask"), placeholders, evidence);
        }
        script(tree, prefix, names).ifPresent(entry -> placeholders.put("entry", entry));
        MAIN_FILES.stream().filter(main -> tree.exists(prefix + main)).findFirst()
                .ifPresent(main -> placeholders.put("main", main));

        String version = pythonVersion(tree, prefix, declared, evidence);
        return Optional.of(new Manifest("python", directory, file, declared.name, "python", manager, install,
                declared.production, declared.development, Map.of(), placeholders, "python", version, List.of(),
                evidence));
    }

    private static void pyproject(String path, String text, Declared declared, Warnings warnings) {
        Optional<JsonNode> parsed = Toml.parse(text, path, warnings);
        if (parsed.isEmpty()) {
            return;
        }
        JsonNode document = parsed.get();
        int before = declared.production.size() + declared.development.size();
        JsonNode project = document.path("project");
        if (project.isObject() && !project.isEmpty()) {
            declared.installable = true;
            declared.name = Toml.string(project.path("name"));
            for (String requirement : Toml.strings(project.path("dependencies"))) {
                requirement(requirement).ifPresent(r -> declared.production.putIfAbsent(r.getKey(), r.getValue()));
            }
            project.path("optional-dependencies").properties().forEach(extra -> {
                Map<String, String> target = DEV_EXTRAS.contains(extra.getKey().toLowerCase(Locale.ROOT))
                        ? declared.development : declared.production;
                for (String requirement : Toml.strings(extra.getValue())) {
                    requirement(requirement).ifPresent(r -> target.putIfAbsent(r.getKey(), r.getValue()));
                }
            });
            String requires = Toml.string(project.path("requires-python"));
            declared.python(requires, "requires-python " + requires);
        }
        JsonNode poetry = document.path("tool").path("poetry");
        if (poetry.isObject() && !poetry.isEmpty()) {
            declared.poetry = true;
            declared.installable = true;
            if (declared.name == null) {
                declared.name = Toml.string(poetry.path("name"));
            }
            poetryDependencies(poetry.path("dependencies"), declared.production, declared);
            poetryDependencies(poetry.path("dev-dependencies"), declared.development, declared);
            poetry.path("group").properties().forEach(group -> poetryDependencies(
                    group.getValue().path("dependencies"), declared.development, declared));
        }
        // PEP 735 groups, uv's and PDM's development lists: all tooling, never needed to run the app.
        document.path("dependency-groups").properties().forEach(group -> addAll(group.getValue(),
                declared.development));
        addAll(document.path("tool").path("uv").path("dev-dependencies"), declared.development);
        document.path("tool").path("pdm").path("dev-dependencies").properties()
                .forEach(group -> addAll(group.getValue(), declared.development));
        declared.understood(path, declared.production.size() + declared.development.size() > before);
    }

    private static void addAll(JsonNode list, Map<String, String> target) {
        for (String requirement : Toml.strings(list)) {
            requirement(requirement).ifPresent(r -> target.putIfAbsent(r.getKey(), r.getValue()));
        }
    }

    /** A Poetry table: {@code name = "^1.0"}, {@code name = { version = … }} or a list of such tables. */
    private static void poetryDependencies(JsonNode table, Map<String, String> target, Declared declared) {
        table.properties().forEach(entry -> {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            JsonNode spec = value.isArray() ? value.path(0) : value;
            String version = value.isString() ? value.stringValue() : orEmpty(Toml.string(spec.path("version")));
            if (name.equalsIgnoreCase("python")) {
                declared.python(version, "tool.poetry.dependencies python " + version);
                return;
            }
            target.putIfAbsent(normalize(name), version.equals("*") ? "" : version);
        });
    }

    private static void pipfile(String path, String text, Declared declared, Warnings warnings) {
        Optional<JsonNode> parsed = Toml.parse(text, path, warnings);
        if (parsed.isEmpty()) {
            return;
        }
        JsonNode document = parsed.get();
        int before = declared.production.size() + declared.development.size();
        pipfilePackages(document.path("packages"), declared.production);
        pipfilePackages(document.path("dev-packages"), declared.development);
        JsonNode requires = document.path("requires");
        for (String key : List.of("python_full_version", "python_version")) {
            String version = Toml.string(requires.path(key));
            declared.python(version, "Pipfile " + key + " " + version);
        }
        declared.understood(path, declared.production.size() + declared.development.size() > before);
    }

    private static void pipfilePackages(JsonNode table, Map<String, String> target) {
        table.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            String version = value.isString() ? value.stringValue() : orEmpty(Toml.string(value.path("version")));
            target.putIfAbsent(normalize(entry.getKey()), version.equals("*") ? "" : version);
        });
    }

    private static void setupPy(String path, String text, Declared declared) {
        // Read as text only: running setup.py would run the repository's code.
        declared.installable = true;
        int before = declared.production.size() + declared.development.size();
        Matcher lists = SETUP_LIST.matcher(text);
        while (lists.find()) {
            Map<String, String> target = lists.group(1).equals("install_requires") ? declared.production
                    : declared.development;
            Matcher quoted = QUOTED.matcher(lists.group(2));
            while (quoted.find()) {
                requirement(quoted.group(1)).ifPresent(r -> target.putIfAbsent(r.getKey(), r.getValue()));
            }
        }
        Matcher strings = SETUP_STRING.matcher(text);
        while (strings.find()) {
            if (strings.group(1).equals("name") && declared.name == null) {
                declared.name = strings.group(2);
            }
            else if (strings.group(1).equals("python_requires")) {
                declared.python(strings.group(2), "setup.py python_requires " + strings.group(2));
            }
        }
        declared.understood(path, declared.production.size() + declared.development.size() > before);
    }

    private static void setupCfg(String path, String text, Declared declared) {
        declared.installable = true;
        int before = declared.production.size() + declared.development.size();
        String section = "";
        String key = null;
        for (String line : text.lines().toList()) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
                continue;
            }
            if (stripped.startsWith("[") && stripped.endsWith("]")) {
                section = stripped.substring(1, stripped.length() - 1).strip();
                key = null;
                continue;
            }
            boolean continuation = Character.isWhitespace(line.charAt(0));
            String value = stripped;
            if (!continuation) {
                int equals = stripped.indexOf('=');
                if (equals < 0) {
                    key = null;
                    continue;
                }
                key = stripped.substring(0, equals).strip();
                value = stripped.substring(equals + 1).strip();
                if (section.equals("metadata") && key.equals("name") && declared.name == null) {
                    declared.name = value;
                }
                if (section.equals("options") && key.equals("python_requires")) {
                    declared.python(value, "setup.cfg python_requires " + value);
                }
            }
            if (key == null || value.isEmpty()) {
                continue;
            }
            Map<String, String> target = section.equals("options") && key.equals("install_requires")
                    ? declared.production
                    : section.equals("options.extras_require") ? (DEV_EXTRAS.contains(key.toLowerCase(Locale.ROOT))
                            ? declared.development : declared.production)
                    : section.equals("options") && key.equals("tests_require") ? declared.development : null;
            if (target != null) {
                requirement(value).ifPresent(r -> target.putIfAbsent(r.getKey(), r.getValue()));
            }
        }
        declared.understood(path, declared.production.size() + declared.development.size() > before);
    }

    /**
     * The requirements of a pip requirements file: one PEP 508 requirement a line; comments, options
     * ({@code -r}, {@code -e}, {@code --hash}, {@code --index-url}), environment markers and extras are
     * dropped, and a URL is kept only when it names its package with {@code #egg=}.
     */
    static Map<String, String> requirements(String text) {
        Map<String, String> requirements = new LinkedHashMap<>();
        StringBuilder logical = new StringBuilder();
        for (String line : text.lines().toList()) {
            String stripped = line.stripTrailing();
            if (stripped.endsWith("\\")) {
                logical.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            logical.append(stripped);
            String entry = logical.toString().strip();
            logical.setLength(0);
            int comment = entry.startsWith("#") ? 0 : indexOfComment(entry);
            if (comment >= 0) {
                entry = entry.substring(0, comment).strip();
            }
            if (entry.isEmpty() || entry.startsWith("-")) {
                continue; // an option: -r other.txt, -e ., --index-url ...
            }
            if (entry.contains("://") || entry.startsWith(".") || entry.startsWith("/")) {
                Matcher egg = EGG.matcher(entry);
                if (egg.find()) {
                    requirements.putIfAbsent(normalize(egg.group(1)), "");
                }
                continue;
            }
            int option = entry.indexOf(" -");
            if (option >= 0) {
                entry = entry.substring(0, option);
            }
            requirement(entry).ifPresent(r -> requirements.putIfAbsent(r.getKey(), r.getValue()));
        }
        return requirements;
    }

    private static int indexOfComment(String entry) {
        for (int i = 1; i < entry.length(); i++) {
            if (entry.charAt(i) == '#' && Character.isWhitespace(entry.charAt(i - 1))) {
                return i;
            }
        }
        return -1;
    }

    /** A PEP 508 requirement as normalized name → version specifier ("" when none or a direct reference). */
    static Optional<Map.Entry<String, String>> requirement(String spec) {
        String entry = spec.strip();
        int marker = entry.indexOf(';');
        if (marker >= 0) {
            entry = entry.substring(0, marker).strip();
        }
        Matcher matcher = REQUIREMENT.matcher(entry);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String version = matcher.group(2).strip();
        if (version.startsWith("@")) {
            version = ""; // name @ url: a direct reference, no version
        }
        if (version.startsWith("(") && version.endsWith(")")) {
            version = version.substring(1, version.length() - 1).strip();
        }
        return Optional.of(Map.entry(normalize(matcher.group(1)), version));
    }

    /** PEP 503 normalization: lower case, runs of {@code -_.} become one {@code -}. */
    static String normalize(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    private static Map<String, String> without(Map<String, String> found, Map<String, String> known) {
        Map<String, String> rest = new LinkedHashMap<>(found);
        known.keySet().forEach(rest::remove);
        return rest;
    }

    /**
     * The Django project package (the one holding {@code wsgi.py}): from {@code manage.py}'s
     * {@code DJANGO_SETTINGS_MODULE}, else the only directory holding a {@code wsgi.py} that mentions Django.
     */
    private static Optional<String> djangoModule(RepositoryTree tree, String prefix, List<Evidence> evidence) {
        Optional<String> manage = tree.read(prefix + "manage.py");
        if (manage.isPresent()) {
            Matcher settings = SETTINGS_MODULE.matcher(manage.get());
            if (settings.find()) {
                String[] parts = settings.group(1).split("\\.");
                for (int length = parts.length - 1; length >= 1; length--) {
                    String module = String.join(".", Arrays.copyOf(parts, length));
                    if (SafeText.isName(module) && tree.exists(prefix + module.replace('.', '/') + "/wsgi.py")) {
                        evidence.add(new Evidence("module=" + module, prefix + "manage.py",
                                "DJANGO_SETTINGS_MODULE " + settings.group(1)));
                        return Optional.of(module);
                    }
                }
            }
        }
        List<String> packages = tree.files().stream()
                .filter(file -> file.startsWith(prefix) && file.endsWith("/wsgi.py")
                        && file.indexOf('/', prefix.length()) == file.length() - "/wsgi.py".length())
                .filter(file -> tree.read(file).map(text -> text.contains("django")).orElse(false)).toList();
        if (packages.size() == 1) {
            String module = packages.getFirst().substring(prefix.length(),
                    packages.getFirst().length() - "/wsgi.py".length());
            if (SafeText.isName(module)) {
                evidence.add(new Evidence("module=" + module, packages.getFirst(), "Django WSGI module"));
                return Optional.of(module);
            }
        }
        return Optional.empty();
    }

    /**
     * The module holding the WSGI/ASGI app object ({@code app}) and the server target
     * ({@code callable}, e.g. {@code main:app}), from the first usual file that creates one.
     */
    private static void appObject(RepositoryTree tree, String prefix, boolean flask, Map<String, String> placeholders,
            List<Evidence> evidence) {
        for (String file : APP_FILES) {
            Optional<String> text = tree.read(prefix + file);
            if (text.isEmpty()) {
                continue;
            }
            String module = file.substring(0, file.length() - ".py".length()).replace("/__init__", "").replace('/',
                    '.');
            if (!SafeText.isName(module)) {
                continue;
            }
            Matcher object = APP_OBJECT.matcher(text.get());
            if (object.find()) {
                placeholders.put("app", module);
                placeholders.put("callable", module + ":" + object.group(1));
                evidence.add(new Evidence("app=" + module + ":" + object.group(1), prefix + file,
                        object.group(2) + " app object"));
                return;
            }
            Matcher factory = APP_FACTORY.matcher(text.get());
            if (flask && factory.find()) {
                placeholders.put("app", module);
                // Quoted: the parentheses of gunicorn's factory syntax would otherwise be shell syntax.
                placeholders.put("callable", "'" + module + ":" + factory.group(1) + "()'");
                evidence.add(new Evidence("app=" + module + ":" + factory.group(1) + "()", prefix + file,
                        "Flask app factory"));
                return;
            }
        }
    }

    /** The script a Streamlit, Gradio or Tornado app is started from: the first usual file importing it. */
    private static Optional<String> script(RepositoryTree tree, String prefix, Set<String> names) {
        String framework = names.contains("streamlit") ? "streamlit" : names.contains("gradio") ? "gradio"
                : names.contains("tornado") ? "tornado" : null;
        if (framework == null) {
            return Optional.empty();
        }
        Pattern imports = Pattern.compile("(?m)^\\s*(import|from)\\s+" + framework + "\\b");
        List<String> candidates = new ArrayList<>(SCRIPT_FILES.stream().map(file -> prefix + file).toList());
        tree.filesIn(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), ".py").stream()
                .filter(file -> !candidates.contains(file)).forEach(candidates::add);
        return candidates.stream()
                .filter(file -> tree.read(file).map(text -> imports.matcher(text).find()).orElse(false))
                .map(file -> file.substring(prefix.length())).filter(SafeText::isPath).findFirst();
    }

    private static String pythonVersion(RepositoryTree tree, String prefix, Declared declared,
            List<Evidence> evidence) {
        Optional<String> pinned = tree.read(prefix + ".python-version")
                .flatMap(text -> text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .findFirst())
                .filter(version -> Character.isDigit(version.charAt(0)));
        if (pinned.isPresent() && Versions.clean(pinned.get()) != null) {
            evidence.add(new Evidence("runtimeVersion", prefix + ".python-version", pinned.get()));
            return Versions.clean(pinned.get());
        }
        Optional<String> runtime = tree.read(prefix + "runtime.txt").map(String::strip)
                .filter(text -> text.startsWith("python-"));
        if (runtime.isPresent() && Versions.clean(runtime.get()) != null) {
            evidence.add(new Evidence("runtimeVersion", prefix + "runtime.txt", runtime.get()));
            return Versions.clean(runtime.get());
        }
        Optional<String> toolVersions = ToolVersions.of(tree, prefix, "python");
        if (toolVersions.isPresent() && Versions.clean(toolVersions.get()) != null) {
            evidence.add(new Evidence("runtimeVersion", prefix + ".tool-versions", "python " + toolVersions.get()));
            return Versions.clean(toolVersions.get());
        }
        if (declared.python != null) {
            String source = declared.pythonSource.startsWith("Pipfile") ? prefix + "Pipfile"
                    : declared.pythonSource.startsWith("setup.py") ? prefix + "setup.py"
                    : declared.pythonSource.startsWith("setup.cfg") ? prefix + "setup.cfg" : prefix + "pyproject.toml";
            evidence.add(new Evidence("runtimeVersion", source, declared.pythonSource));
            return Versions.clean(declared.python);
        }
        return null;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
