package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import tools.jackson.databind.JsonNode;

/**
 * Reads a JVM project's build: Maven's {@code pom.xml} (parsed as XML with DTDs and external entities
 * refused) or Gradle's {@code build.gradle(.kts)} and {@code settings.gradle(.kts)} (read as text, never
 * evaluated), with Gradle's version catalog {@code gradle/libs.versions.toml}. Dependencies are
 * {@code groupId:artifactId}; Maven parents and plugins and Gradle plugin ids count as declared. The Java
 * version comes from {@code .java-version}, {@code .sdkmanrc}, {@code .tool-versions} or the build file;
 * the language is Kotlin when the build applies Kotlin or the sources are in {@code src/main/kotlin}.
 */
public final class JavaManifests implements ManifestReader {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern PLUGIN_ID = Pattern.compile(
            "\\bid\\s*\\(?\\s*[\"']([\\w.\\-]+)[\"']\\s*\\)?(?:\\s*version\\s*\\(?\\s*[\"']([^\"']+)[\"'])?");
    private static final Pattern KOTLIN_PLUGIN = Pattern.compile(
            "\\bkotlin\\s*\\(\\s*[\"']([\\w.\\-]+)[\"']\\s*\\)(?:\\s*version\\s*[\"']([^\"']+)[\"'])?");
    private static final Pattern APPLY_PLUGIN = Pattern.compile("\\bapply\\s*\\(?\\s*plugin\\s*[:=]\\s*[\"']([\\w.\\-]+)[\"']");
    private static final Pattern ALIAS_PLUGIN = Pattern.compile("\\balias\\s*\\(\\s*libs\\.plugins\\.([\\w.]+)\\s*\\)");
    private static final Pattern CORE_PLUGIN = Pattern.compile("(?m)^[ \\t]*`?(application|java|java-library|war)`?[ \\t]*$");
    private static final Pattern DEPENDENCY = Pattern.compile(
            "\\b([A-Za-z]+)\\s*\\(?\\s*(?:(?:platform|enforcedPlatform)\\s*\\(\\s*)?[\"']([\\w.\\-]+):([\\w.\\-]+)(?::([^\"'\\s)]*))?[\"']");
    private static final Pattern CATALOG_DEPENDENCY = Pattern.compile(
            "\\b([A-Za-z]+)\\s*\\(\\s*(?:(?:platform|enforcedPlatform)\\s*\\(\\s*)?libs\\.([\\w.]+)");
    private static final Pattern ROOT_PROJECT_NAME = Pattern.compile("rootProject\\.name\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern INCLUDE_CALL = Pattern.compile("\\binclude\\s*\\(([^)]*)\\)");
    private static final Pattern INCLUDE_GROOVY = Pattern.compile("(?m)^[ \\t]*include[ \\t]+((?:[\"'][^\"'\\n]+[\"'][ \\t]*(?:,[ \\t]*)?)+)$");
    private static final Pattern QUOTED = Pattern.compile("[\"']([^\"']+)[\"']");
    private static final Pattern GRADLE_VERSION = Pattern.compile("(?m)^[ \\t]*version[ \\t]*=?[ \\t]*[\"']([^\"'\\n]+)[\"']");
    private static final Pattern PROPERTIES_VERSION = Pattern.compile("(?m)^[ \\t]*version[ \\t]*[=:][ \\t]*(\\S+)[ \\t]*$");
    private static final List<String> GRADLE_JAVA_VERSION_LABELS = List.of("JavaLanguageVersion.of", "jvmToolchain",
            "sourceCompatibility", "targetCompatibility");
    private static final List<Pattern> GRADLE_JAVA_VERSION = List.of(
            Pattern.compile("JavaLanguageVersion\\.of\\(\\s*(\\d+)\\s*\\)"),
            Pattern.compile("jvmToolchain\\(\\s*(\\d+)\\s*\\)"),
            Pattern.compile("sourceCompatibility\\s*=?\\s*(?:JavaVersion\\.(?:VERSION_|toVersion\\(\\s*[\"']?)|[\"'])?([0-9][0-9_.]*)"),
            Pattern.compile("targetCompatibility\\s*=?\\s*(?:JavaVersion\\.(?:VERSION_|toVersion\\(\\s*[\"']?)|[\"'])?([0-9][0-9_.]*)"));
    private static final List<String> MAVEN_JAVA_PROPERTIES = List.of("maven.compiler.release", "java.version",
            "maven.compiler.target", "maven.compiler.source", "release.version", "jdk.version");
    private static final List<String> MAIN_CLASS_PROPERTIES = List.of("exec.mainClass", "start-class", "main.class",
            "mainClass");

    private final PackageManagers packageManagers;

    public JavaManifests(PackageManagers packageManagers) {
        this.packageManagers = packageManagers;
    }

    @Override
    public String ecosystem() {
        return "java";
    }

    @Override
    public Optional<Manifest> read(RepositoryTree tree, String directory, Warnings warnings) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        if (tree.exists(prefix + "pom.xml")) {
            return maven(tree, directory, prefix, warnings);
        }
        if (List.of("build.gradle.kts", "build.gradle", "settings.gradle.kts", "settings.gradle").stream()
                .anyMatch(file -> tree.exists(prefix + file))) {
            return gradle(tree, directory, prefix, warnings);
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- Maven

    private Optional<Manifest> maven(RepositoryTree tree, String directory, String prefix, Warnings warnings) {
        String file = prefix + "pom.xml";
        Optional<String> text = tree.read(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Element project;
        try {
            project = UntrustedXml.parse(text.get()).getDocumentElement();
        }
        catch (SAXException ex) {
            String message = ex.getMessage() == null ? "" : ex.getMessage();
            warnings.add(message.contains("DOCTYPE")
                    ? file + " declares a DOCTYPE, which the analyzer refuses (it could read files through entities)"
                    : file + " is not well-formed XML: " + message);
            return Optional.empty();
        }
        if (project == null || !localName(project).equals("project")) {
            warnings.add(file + " has no <project> element");
            return Optional.empty();
        }
        Element parent = child(project, "parent");
        // A module's ${revision} or maven.compiler.release usually comes from the parent pom beside it.
        Map<String, String> properties = new LinkedHashMap<>(parentProperties(tree, directory, parent, 0));
        properties.putAll(ownProperties(project));
        String groupId = first(text(project, "groupId"), parent == null ? null : text(parent, "groupId"));
        String artifactId = text(project, "artifactId");
        String version = first(text(project, "version"), parent == null ? null : text(parent, "version"));
        putIfPresent(properties, "project.groupId", groupId);
        putIfPresent(properties, "project.artifactId", artifactId);
        putIfPresent(properties, "project.version", version);
        if (parent != null) {
            putIfPresent(properties, "project.parent.version", text(parent, "version"));
        }
        version = resolve(version, properties);

        Map<String, String> production = new LinkedHashMap<>();
        Map<String, String> development = new LinkedHashMap<>();
        if (parent != null && text(parent, "groupId") != null && text(parent, "artifactId") != null) {
            development.put(text(parent, "groupId") + ":" + text(parent, "artifactId"),
                    orEmpty(resolve(text(parent, "version"), properties)));
        }
        Element dependencies = child(project, "dependencies");
        for (Element dependency : dependencies == null ? List.<Element>of() : children(dependencies)) {
            String g = resolve(text(dependency, "groupId"), properties);
            String a = resolve(text(dependency, "artifactId"), properties);
            if (g == null || a == null) {
                continue;
            }
            String scope = orEmpty(text(dependency, "scope"));
            (scope.equals("test") || scope.equals("provided") ? development : production)
                    .put(g + ":" + a, orEmpty(resolve(text(dependency, "version"), properties)));
        }
        Element build = child(project, "build");
        Element plugins = build == null ? null : child(build, "plugins");
        String compilerRelease = null;
        for (Element plugin : plugins == null ? List.<Element>of() : children(plugins)) {
            String g = first(resolve(text(plugin, "groupId"), properties), "org.apache.maven.plugins");
            String a = resolve(text(plugin, "artifactId"), properties);
            if (a == null) {
                continue;
            }
            development.put(g + ":" + a, orEmpty(resolve(text(plugin, "version"), properties)));
            Element configuration = child(plugin, "configuration");
            if (a.equals("maven-compiler-plugin") && configuration != null) {
                compilerRelease = resolve(first(text(configuration, "release"), text(configuration, "target")),
                        properties);
            }
        }

        List<Evidence> evidence = new ArrayList<>();
        packageManagers.detect(tree, directory, warnings).stream()
                .filter(found -> found.manager().name().equals("maven")).findFirst()
                .ifPresent(found -> evidence.add(found.evidence()));
        String language = language(tree, prefix, file,
                development.containsKey("org.jetbrains.kotlin:kotlin-maven-plugin")
                        || production.keySet().stream().anyMatch(d -> d.startsWith("org.jetbrains.kotlin:kotlin-stdlib")),
                "kotlin-maven-plugin", evidence);

        Map<String, String> placeholders = new LinkedHashMap<>();
        String mvn = wrapper(tree, directory, "mvnw");
        placeholders.put("mvn", mvn == null ? "mvn" : mvn);
        String packaging = first(resolve(text(project, "packaging"), properties), "jar");
        String finalName = build == null ? null : resolve(text(build, "finalName"), properties);
        if (finalName == null && artifactId != null && version != null) {
            finalName = resolve(artifactId, properties) + "-" + version;
        }
        if ((packaging.equals("jar") || packaging.equals("war")) && finalName != null
                && SafeText.isName(finalName)) {
            String jar = "target/" + finalName + "." + packaging;
            placeholders.put("jar", jar);
            placeholders.put("artifact", finalName);
            if (mainClass(project, properties)) {
                placeholders.put("mainJar", jar);
            }
        }

        String javaVersion = null;
        for (String property : MAVEN_JAVA_PROPERTIES) {
            String value = resolve(properties.get(property), properties);
            if (javaVersion(value) != null) {
                evidence.add(new Evidence("runtimeVersion", file, property + " " + value));
                javaVersion = javaVersion(value);
                break;
            }
        }
        if (javaVersion == null && javaVersion(compilerRelease) != null) {
            evidence.add(new Evidence("runtimeVersion", file, "maven-compiler-plugin release " + compilerRelease));
            javaVersion = javaVersion(compilerRelease);
        }
        javaVersion = pinnedJavaVersion(tree, prefix, evidence).orElse(javaVersion);

        List<String> modules = new ArrayList<>();
        Element moduleList = child(project, "modules");
        for (Element module : moduleList == null ? List.<Element>of() : children(moduleList)) {
            String path = module.getTextContent().strip();
            if (SafeText.isPath(path)) {
                modules.add(path.startsWith("./") ? path.substring(2) : path);
            }
        }
        return Optional.of(new Manifest("java", directory, file, resolve(artifactId, properties), language, "maven",
                placeholders.get("mvn") + " -B dependency:go-offline", production, development, Map.of(), placeholders,
                "java", javaVersion, modules, evidence));
    }

    private static Map<String, String> ownProperties(Element project) {
        Map<String, String> properties = new LinkedHashMap<>();
        Element props = child(project, "properties");
        if (props != null) {
            for (Element property : children(props)) {
                properties.put(localName(property), property.getTextContent().strip());
            }
        }
        return properties;
    }

    /**
     * The properties of the parent pom found in the repository at {@code <relativePath>} (default
     * {@code ../pom.xml}), its own parents' first; empty when it is not there or is another artifact.
     */
    private static Map<String, String> parentProperties(RepositoryTree tree, String directory, Element parent,
            int depth) {
        if (parent == null || depth > 4) {
            return Map.of();
        }
        String relative = first(text(parent, "relativePath"), "../pom.xml");
        if (!relative.endsWith(".xml")) {
            relative = relative + "/pom.xml";
        }
        Optional<String> path = normalize(directory.isEmpty() ? relative : directory + "/" + relative);
        Optional<String> text = path.flatMap(tree::read);
        if (text.isEmpty()) {
            return Map.of();
        }
        try {
            Element pom = UntrustedXml.parse(text.get()).getDocumentElement();
            if (pom == null || !String.valueOf(text(pom, "artifactId")).equals(text(parent, "artifactId"))) {
                return Map.of();
            }
            String parentDirectory = path.get().contains("/") ? path.get().substring(0, path.get().lastIndexOf('/'))
                    : "";
            Map<String, String> properties = new LinkedHashMap<>(parentProperties(tree, parentDirectory,
                    child(pom, "parent"), depth + 1));
            properties.putAll(ownProperties(pom));
            return properties;
        }
        catch (SAXException ex) {
            return Map.of(); // the parent's own analysis reports it
        }
    }

    /** {@code a/b/../pom.xml} → {@code a/pom.xml}; empty when the path leaves the repository. */
    static Optional<String> normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            }
            else {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("/", parts));
    }

    /** Whether the pom names a main class, so that its jar (if made executable) can be started. */
    private static boolean mainClass(Element project, Map<String, String> properties) {
        if (MAIN_CLASS_PROPERTIES.stream().anyMatch(properties::containsKey)) {
            return true;
        }
        Element build = child(project, "build");
        return build != null && (build.getElementsByTagName("mainClass").getLength() > 0
                || build.getElementsByTagName("Main-Class").getLength() > 0);
    }

    private static String resolve(String value, Map<String, String> properties) {
        if (value == null) {
            return null;
        }
        String resolved = value;
        for (int round = 0; round < 5 && resolved.contains("${"); round++) {
            Matcher matcher = PROPERTY.matcher(resolved);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String replacement = properties.get(matcher.group(1));
                matcher.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? matcher.group()
                        : replacement));
            }
            matcher.appendTail(out);
            if (out.toString().equals(resolved)) {
                break;
            }
            resolved = out.toString();
        }
        return resolved;
    }

    private static String localName(Element element) {
        String name = element.getTagName();
        int colon = name.indexOf(':');
        return colon >= 0 ? name.substring(colon + 1) : name;
    }

    private static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                children.add((Element) nodes.item(i));
            }
        }
        return children;
    }

    private static Element child(Element element, String name) {
        return children(element).stream().filter(child -> localName(child).equals(name)).findFirst().orElse(null);
    }

    private static String text(Element element, String name) {
        Element child = child(element, name);
        String text = child == null ? null : child.getTextContent().strip();
        return text == null || text.isEmpty() ? null : text;
    }

    // ---------------------------------------------------------------- Gradle

    private Optional<Manifest> gradle(RepositoryTree tree, String directory, String prefix, Warnings warnings) {
        String buildFile = tree.exists(prefix + "build.gradle.kts") ? prefix + "build.gradle.kts"
                : tree.exists(prefix + "build.gradle") ? prefix + "build.gradle" : null;
        String settingsFile = tree.exists(prefix + "settings.gradle.kts") ? prefix + "settings.gradle.kts"
                : tree.exists(prefix + "settings.gradle") ? prefix + "settings.gradle" : null;
        String build = buildFile == null ? "" : stripComments(tree.read(buildFile).orElse(""));
        String settings = settingsFile == null ? "" : stripComments(tree.read(settingsFile).orElse(""));
        String file = buildFile != null ? buildFile : settingsFile;
        Catalog catalog = catalog(tree, directory, warnings);

        Map<String, String> production = new LinkedHashMap<>();
        Map<String, String> development = new LinkedHashMap<>();
        // Plugins are build tools: declared, but not what the app runs with.
        Matcher plugin = PLUGIN_ID.matcher(build);
        while (plugin.find()) {
            development.put(plugin.group(1), orEmpty(plugin.group(2)));
        }
        Matcher kotlin = KOTLIN_PLUGIN.matcher(build);
        while (kotlin.find()) {
            development.put("org.jetbrains.kotlin." + kotlin.group(1), orEmpty(kotlin.group(2)));
        }
        Matcher applied = APPLY_PLUGIN.matcher(build);
        while (applied.find()) {
            development.putIfAbsent(applied.group(1), "");
        }
        Matcher alias = ALIAS_PLUGIN.matcher(build);
        while (alias.find()) {
            String[] id = catalog.plugins().get(alias.group(1));
            if (id != null) {
                development.put(id[0], id[1]);
            }
        }
        pluginsBlock(build).ifPresent(block -> {
            Matcher core = CORE_PLUGIN.matcher(block);
            while (core.find()) {
                development.putIfAbsent(core.group(1), "");
            }
        });
        Matcher dependency = DEPENDENCY.matcher(build);
        while (dependency.find()) {
            if (isConfiguration(dependency.group(1))) {
                (isDevelopment(dependency.group(1)) ? development : production)
                        .put(dependency.group(2) + ":" + dependency.group(3), orEmpty(dependency.group(4)));
            }
        }
        Matcher reference = CATALOG_DEPENDENCY.matcher(build);
        while (reference.find()) {
            String[] library = catalog.libraries().get(reference.group(2));
            if (library != null && isConfiguration(reference.group(1))) {
                (isDevelopment(reference.group(1)) ? development : production).put(library[0], library[1]);
            }
        }

        List<Evidence> evidence = new ArrayList<>();
        packageManagers.detect(tree, directory, warnings).stream()
                .filter(found -> found.manager().name().equals("gradle")).findFirst()
                .ifPresent(found -> evidence.add(found.evidence()));
        String language = language(tree, prefix, file, development.containsKey("org.jetbrains.kotlin.jvm")
                || development.containsKey("org.jetbrains.kotlin.multiplatform"), "plugin org.jetbrains.kotlin.jvm",
                evidence);

        Matcher rootName = ROOT_PROJECT_NAME.matcher(settings);
        String name = rootName.find() ? rootName.group(1)
                : directory.isEmpty() ? null : directory.substring(directory.lastIndexOf('/') + 1);
        String version = gradleVersion(tree, directory, build);
        Map<String, String> placeholders = new LinkedHashMap<>();
        String gradlew = wrapper(tree, directory, "gradlew");
        placeholders.put("gradle", gradlew == null ? "gradle" : gradlew);
        if (name != null && SafeText.isName(name)) {
            String artifact = version != null && SafeText.isName(name + "-" + version) ? name + "-" + version : name;
            placeholders.put("gradleName", name);
            placeholders.put("artifact", artifact);
            placeholders.put("jar", "build/libs/" + artifact + ".jar");
        }

        String javaVersion = null;
        for (int i = 0; i < GRADLE_JAVA_VERSION.size(); i++) {
            Matcher matcher = GRADLE_JAVA_VERSION.get(i).matcher(build);
            if (matcher.find() && javaVersion(matcher.group(1).replace('_', '.')) != null) {
                evidence.add(new Evidence("runtimeVersion", buildFile, GRADLE_JAVA_VERSION_LABELS.get(i) + " "
                        + matcher.group(1)));
                javaVersion = javaVersion(matcher.group(1).replace('_', '.'));
                break;
            }
        }
        javaVersion = pinnedJavaVersion(tree, prefix, evidence).orElse(javaVersion);
        return Optional.of(new Manifest("java", directory, file, name, language, "gradle",
                placeholders.get("gradle") + " --no-daemon dependencies", production, development, Map.of(),
                placeholders, "java", javaVersion, includes(settings), evidence));
    }

    /** {@code include("app", ":services:api")} / {@code include 'app'} as directories ({@code services/api}). */
    static List<String> includes(String settings) {
        List<String> arguments = new ArrayList<>();
        Matcher call = INCLUDE_CALL.matcher(settings);
        while (call.find()) {
            arguments.add(call.group(1));
        }
        Matcher groovy = INCLUDE_GROOVY.matcher(settings);
        while (groovy.find()) {
            arguments.add(groovy.group(1));
        }
        List<String> projects = new ArrayList<>();
        for (String argument : arguments) {
            Matcher quoted = QUOTED.matcher(argument);
            while (quoted.find()) {
                String path = quoted.group(1).replaceAll("^:+", "").replace(':', '/');
                if (SafeText.isPath(path) && !projects.contains(path)) {
                    projects.add(path);
                }
            }
        }
        return projects;
    }

    /** The project's version: the build file's {@code version = "..."}, else {@code gradle.properties} here or at the root. */
    private static String gradleVersion(RepositoryTree tree, String directory, String build) {
        Matcher declared = GRADLE_VERSION.matcher(build);
        if (declared.find()) {
            return declared.group(1);
        }
        for (String dir : ancestors(directory)) {
            Optional<String> properties = tree.read((dir.isEmpty() ? "" : dir + "/") + "gradle.properties");
            if (properties.isPresent()) {
                Matcher matcher = PROPERTIES_VERSION.matcher(properties.get());
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
        }
        return null;
    }

    private static Optional<String> pluginsBlock(String build) {
        Matcher start = Pattern.compile("\\bplugins\\s*\\{").matcher(build);
        if (!start.find()) {
            return Optional.empty();
        }
        int depth = 1;
        for (int i = start.end(); i < build.length(); i++) {
            char c = build.charAt(i);
            if (c == '{') {
                depth++;
            }
            else if (c == '}' && --depth == 0) {
                return Optional.of(build.substring(start.end(), i));
            }
        }
        return Optional.empty();
    }

    private static boolean isConfiguration(String name) {
        return name.endsWith("Implementation") || name.endsWith("Only") || name.endsWith("Api")
                || List.of("implementation", "api", "compile", "runtime", "annotationProcessor", "kapt", "ksp",
                        "testCompile", "testRuntime", "providedCompile", "providedRuntime", "developmentOnly",
                        "testAnnotationProcessor").contains(name);
    }

    /** Test, compile-only and tooling configurations: not part of what the app runs with. */
    private static boolean isDevelopment(String configuration) {
        return configuration.startsWith("test") || configuration.contains("Test") || configuration.equals("kapt")
                || configuration.equals("ksp") || configuration.startsWith("compileOnly")
                || configuration.startsWith("annotationProcessor") || configuration.equals("developmentOnly")
                || configuration.startsWith("provided");
    }

    /** Gradle's version catalog: library and plugin aliases (as accessors, {@code spring.boot.web}) → coordinates. */
    record Catalog(Map<String, String[]> libraries, Map<String, String[]> plugins) {
    }

    private static Catalog catalog(RepositoryTree tree, String directory, Warnings warnings) {
        for (String dir : ancestors(directory)) {
            String file = (dir.isEmpty() ? "" : dir + "/") + "gradle/libs.versions.toml";
            Optional<String> text = tree.read(file);
            if (text.isEmpty()) {
                continue;
            }
            Optional<JsonNode> parsed = Toml.parse(text.get(), file, warnings);
            if (parsed.isEmpty()) {
                return new Catalog(Map.of(), Map.of()); // Gradle refuses a malformed catalog too; the warning says why
            }
            JsonNode toml = parsed.get();
            JsonNode versions = toml.path("versions");
            Map<String, String[]> libraries = new LinkedHashMap<>();
            toml.path("libraries").properties().forEach(entry -> {
                JsonNode value = entry.getValue();
                String coordinates = null;
                String version = "";
                if (value.isString()) {
                    String[] parts = value.stringValue().split(":");
                    if (parts.length >= 2) {
                        coordinates = parts[0] + ":" + parts[1];
                        version = parts.length > 2 ? parts[2] : "";
                    }
                }
                else if (value.isObject()) {
                    String module = Toml.string(value.path("module"));
                    String group = Toml.string(value.path("group"));
                    String name = Toml.string(value.path("name"));
                    coordinates = module != null ? module : group != null && name != null ? group + ":" + name : null;
                    version = catalogVersion(value, versions);
                }
                if (coordinates != null) {
                    libraries.put(accessor(entry.getKey()), new String[] {coordinates, version});
                }
            });
            Map<String, String[]> plugins = new LinkedHashMap<>();
            toml.path("plugins").properties().forEach(entry -> {
                JsonNode value = entry.getValue();
                if (value.isString()) {
                    String[] parts = value.stringValue().split(":");
                    plugins.put(accessor(entry.getKey()), new String[] {parts[0], parts.length > 1 ? parts[1] : ""});
                }
                else if (value.isObject()) {
                    String id = Toml.string(value.path("id"));
                    if (id != null) {
                        plugins.put(accessor(entry.getKey()), new String[] {id, catalogVersion(value, versions)});
                    }
                }
            });
            return new Catalog(libraries, plugins);
        }
        return new Catalog(Map.of(), Map.of());
    }

    /** {@code version = "1.0"} or {@code version.ref = "key"} into {@code [versions]}; "" otherwise (rich versions). */
    private static String catalogVersion(JsonNode spec, JsonNode versions) {
        JsonNode version = spec.path("version");
        if (version.isString()) {
            return version.stringValue();
        }
        String key = Toml.string(version.path("ref"));
        return key == null ? "" : orEmpty(Toml.string(versions.path(key)));
    }

    /** Gradle turns {@code spring-boot_web} into the accessor {@code spring.boot.web}. */
    private static String accessor(String alias) {
        return alias.replace('-', '.').replace('_', '.');
    }

    /**
     * Block and line comments removed, strings kept (so {@code "https://…"} survives). One linear pass: a
     * regular expression over an unterminated {@code /*} would rescan the rest of the file at every one.
     */
    static String stripComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        char quote = 0;
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            char next = i + 1 < source.length() ? source.charAt(i + 1) : 0;
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && next != 0) {
                    out.append(next);
                    i += 2;
                    continue;
                }
                if (c == quote || c == '\n') {
                    quote = 0; // a string ends at its quote, or at the line's end when it is unbalanced
                }
                i++;
            }
            else if (c == '/' && next == '*') {
                int end = source.indexOf("*/", i + 2);
                out.append(' ');
                i = end < 0 ? source.length() : end + 2;
            }
            else if (c == '/' && next == '/') {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            }
            else {
                if (c == '"' || c == '\'') {
                    quote = c;
                }
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- both

    private static String language(RepositoryTree tree, String prefix, String file, boolean kotlinBuild,
            String kotlinDetail, List<Evidence> evidence) {
        if (kotlinBuild) {
            evidence.add(new Evidence("language=kotlin", file, kotlinDetail));
            return "kotlin";
        }
        boolean kotlinSources = tree.files().stream().anyMatch(path -> path.startsWith(prefix + "src/main/kotlin/"));
        if (kotlinSources) {
            evidence.add(new Evidence("language=kotlin", prefix + "src/main/kotlin", "Kotlin sources"));
            return "kotlin";
        }
        evidence.add(new Evidence("language=java", file, "JVM build"));
        return "java";
    }

    /** A version pinned for the developer's toolchain wins over the build's target: it is what the project runs on. */
    private static Optional<String> pinnedJavaVersion(RepositoryTree tree, String prefix, List<Evidence> evidence) {
        Optional<String> javaVersionFile = tree.read(prefix + ".java-version").map(String::strip)
                .filter(v -> javaVersion(v) != null);
        if (javaVersionFile.isPresent()) {
            evidence.add(new Evidence("runtimeVersion", prefix + ".java-version", javaVersionFile.get()));
            return Optional.of(javaVersion(javaVersionFile.get()));
        }
        Optional<String> sdkman = tree.read(prefix + ".sdkmanrc").flatMap(text -> text.lines().map(String::strip)
                .filter(line -> line.startsWith("java=")).map(line -> line.substring(5)).findFirst())
                .filter(v -> javaVersion(v) != null);
        if (sdkman.isPresent()) {
            evidence.add(new Evidence("runtimeVersion", prefix + ".sdkmanrc", "java=" + sdkman.get()));
            return Optional.of(javaVersion(sdkman.get()));
        }
        Optional<String> toolVersions = ToolVersions.of(tree, prefix, "java").filter(v -> javaVersion(v) != null);
        if (toolVersions.isPresent()) {
            evidence.add(new Evidence("runtimeVersion", prefix + ".tool-versions", "java " + toolVersions.get()));
            return Optional.of(javaVersion(toolVersions.get()));
        }
        return Optional.empty();
    }

    private static final Pattern JAVA_VERSION = Pattern.compile("(\\d+(?:\\.\\d+){0,2})");

    /** {@code 21}, {@code 17.0.2}, {@code temurin-21.0.2+13}, {@code 21.0.2-tem}, {@code 1.8} (→ 8); null when none. */
    static String javaVersion(String value) {
        if (value == null) {
            return null;
        }
        Matcher matcher = JAVA_VERSION.matcher(value);
        if (!matcher.find()) {
            return null;
        }
        String version = matcher.group(1);
        return version.startsWith("1.") && version.length() > 2 ? version.substring(2) : version;
    }

    /**
     * The build tool's wrapper relative to {@code directory}: {@code ./mvnw} beside it, {@code ../mvnw} in a
     * parent (a module of a multi-module build), or null when the repository has none.
     */
    private static String wrapper(RepositoryTree tree, String directory, String script) {
        String relative = "./";
        for (String dir : ancestors(directory)) {
            if (tree.exists((dir.isEmpty() ? "" : dir + "/") + script)) {
                return relative + script;
            }
            relative = relative.equals("./") ? "../" : relative + "../";
        }
        return null;
    }

    /** {@code directory} and each of its parents up to the root (""). */
    private static List<String> ancestors(String directory) {
        List<String> ancestors = new ArrayList<>();
        String dir = directory;
        ancestors.add(dir);
        while (!dir.isEmpty()) {
            dir = dir.contains("/") ? dir.substring(0, dir.lastIndexOf('/')) : "";
            ancestors.add(dir);
        }
        return ancestors;
    }

    private static String first(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
