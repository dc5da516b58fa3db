package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a .NET project file ({@code *.csproj}, {@code *.fsproj}, {@code *.vbproj}) as XML with
 * document type declarations refused (so no entity, internal or external, is ever expanded): the SDK,
 * target framework, output type, assembly name and {@code PackageReference}s (versions from
 * {@code Directory.Packages.props} under central package management); the SDK version from
 * {@code global.json}; and a solution's projects as workspaces when a directory holds only a
 * {@code *.sln}.
 */
public final class DotnetManifests implements ManifestReader {

    private static final List<String> PROJECT_SUFFIXES = List.of(".csproj", ".fsproj", ".vbproj");
    private static final Pattern SOLUTION_PROJECT = Pattern.compile(
            "(?m)^Project\\(\"[^\"]*\"\\)\\s*=\\s*\"[^\"]*\",\\s*\"([^\"]+\\.(?:cs|fs|vb)proj)\"");
    private static final Pattern TARGET_FRAMEWORK = Pattern.compile("^net(?:coreapp)?(\\d+\\.\\d+)");
    private static final Pattern SDK_VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SDK_SECTION = Pattern.compile("\"sdk\"\\s*:\\s*\\{([^}]*)}");

    private final PackageManagers packageManagers;

    public DotnetManifests(PackageManagers packageManagers) {
        this.packageManagers = packageManagers;
    }

    @Override
    public String ecosystem() {
        return "dotnet";
    }

    /** What one project file declares. */
    record Project(String file, String sdk, String targetFramework, String outputType, String assemblyName,
            Map<String, String> production, Map<String, String> development) {

        /** Whether building it yields something to run or serve (an app, not a class library). */
        boolean runnable() {
            String lower = sdk == null ? "" : sdk.toLowerCase(Locale.ROOT);
            return lower.endsWith(".web") || lower.endsWith(".worker") || lower.endsWith(".blazorwebassembly")
                    || "exe".equalsIgnoreCase(outputType) || "winexe".equalsIgnoreCase(outputType);
        }
    }

    @Override
    public Optional<Manifest> read(RepositoryTree tree, String directory, Warnings warnings) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        List<String> files = PROJECT_SUFFIXES.stream().flatMap(suffix -> tree.filesIn(directory, suffix).stream())
                .sorted().toList();
        List<String> solutions = tree.filesIn(directory, ".sln");
        if (files.isEmpty() && solutions.isEmpty()) {
            return Optional.empty();
        }
        List<Project> projects = new ArrayList<>();
        for (String file : files) {
            tree.read(file).flatMap(text -> parse(file, text, warnings)).ifPresent(projects::add);
        }
        List<String> workspaces = solutionProjects(tree, directory, solutions);
        if (projects.isEmpty() && (!files.isEmpty() || workspaces.isEmpty())) {
            return Optional.empty(); // project files that could not be read (warned), or an empty solution
        }
        List<Evidence> evidence = new ArrayList<>();
        String manager = null;
        String install = null;
        Optional<PackageManagers.Detected> detected = packageManagers.detect(tree, directory, warnings).stream()
                .filter(found -> found.manager().ecosystem().equals("dotnet")).findFirst();
        if (detected.isPresent()) {
            manager = detected.get().manager().name();
            install = detected.get().manager().installCommand();
            evidence.add(detected.get().evidence());
        }
        if (projects.isEmpty()) {
            String solution = solutions.getFirst();
            evidence.add(new Evidence("workspaces", solution, workspaces.size() + " project(s) in the solution"));
            String name = solution.substring(prefix.length(), solution.length() - ".sln".length());
            return Optional.of(new Manifest("dotnet", directory, solution, name, null, manager, install, Map.of(),
                    Map.of(), Map.of(), Map.of(), "dotnet", runtimeVersion(tree, prefix, null, evidence), workspaces,
                    evidence));
        }
        // The project to deploy: a web app first, then any executable, then the first project file.
        Project project = projects.stream().min(Comparator.comparingInt((Project p) -> p.sdk() != null
                && p.sdk().toLowerCase(Locale.ROOT).contains(".web") ? 0 : p.runnable() ? 1 : 2)).orElseThrow();
        String language = project.file().endsWith(".fsproj") ? "fsharp"
                : project.file().endsWith(".vbproj") ? "vbnet" : "csharp";
        evidence.add(new Evidence("language=" + language, project.file(), "project file"));
        if (project.sdk() != null) {
            evidence.add(new Evidence("sdk=" + project.sdk(), project.file(), "Project Sdk"));
        }
        Map<String, String> production = new LinkedHashMap<>(project.production());
        Map<String, String> development = new LinkedHashMap<>(project.development());
        Map<String, String> central = centralVersions(tree, directory, warnings);
        production.replaceAll((name, version) -> version.isEmpty() ? central.getOrDefault(name, "") : version);
        development.replaceAll((name, version) -> version.isEmpty() ? central.getOrDefault(name, "") : version);

        Map<String, String> placeholders = new LinkedHashMap<>();
        String projectFile = project.file().substring(prefix.length());
        String assembly = project.assemblyName() != null ? project.assemblyName()
                : projectFile.substring(0, projectFile.lastIndexOf('.'));
        // Only an app gets commands: publishing a class library yields nothing to run.
        if (project.runnable() && SafeText.isPath(projectFile) && SafeText.isName(assembly)) {
            placeholders.put("project", projectFile);
            placeholders.put("assembly", assembly);
        }
        String name = projectFile.substring(0, projectFile.lastIndexOf('.'));
        return Optional.of(new Manifest("dotnet", directory, project.file(), name, language, manager, install,
                production, development, Map.of(), placeholders, "dotnet",
                runtimeVersion(tree, prefix, project, evidence), workspaces, evidence));
    }

    /** The project a project file describes, or empty (with a warning) when it is not well-formed XML. */
    static Optional<Project> parse(String file, String text, Warnings warnings) {
        Document document;
        try {
            document = document(text);
        }
        catch (SAXException ex) {
            warnings.add(text.contains("<!DOCTYPE") || text.contains("<!ENTITY")
                    ? file + " declares a document type; it was not read (DTDs and entities are refused)"
                    : file + " is not well-formed XML: " + message(ex));
            return Optional.empty();
        }
        catch (IOException | ParserConfigurationException ex) {
            warnings.add(file + " could not be read as XML: " + ex.getClass().getSimpleName());
            return Optional.empty();
        }
        Element root = document.getDocumentElement();
        String sdk = attribute(root, "Sdk");
        if (sdk == null) {
            sdk = firstAttribute(root, "Sdk", "Name");
        }
        if (sdk == null) {
            sdk = firstAttribute(root, "Import", "Sdk");
        }
        if (sdk != null) {
            sdk = sdk.split(";")[0].split("/")[0].strip(); // "Microsoft.NET.Sdk.Web/8.0.0": the name only
        }
        String targetFramework = firstText(root, "TargetFramework");
        if (targetFramework == null && firstText(root, "TargetFrameworks") != null) {
            targetFramework = firstText(root, "TargetFrameworks").split(";")[0].strip();
        }
        Map<String, String> production = new LinkedHashMap<>();
        Map<String, String> development = new LinkedHashMap<>();
        NodeList references = root.getElementsByTagName("PackageReference");
        for (int i = 0; i < references.getLength(); i++) {
            Element reference = (Element) references.item(i);
            String include = attribute(reference, "Include");
            if (include == null) {
                continue; // Update= changes a reference made elsewhere
            }
            String version = attribute(reference, "Version");
            if (version == null) {
                version = firstText(reference, "Version");
            }
            if (version == null) {
                version = attribute(reference, "VersionOverride");
            }
            String privateAssets = attribute(reference, "PrivateAssets");
            if (privateAssets == null) {
                privateAssets = firstText(reference, "PrivateAssets");
            }
            // PrivateAssets="all": build-time only (analyzers, design-time tools), not shipped with the app.
            boolean buildOnly = privateAssets != null && privateAssets.strip().equalsIgnoreCase("all");
            (buildOnly ? development : production).putIfAbsent(include, version == null ? "" : version.strip());
        }
        return Optional.of(new Project(file, sdk, targetFramework, firstText(root, "OutputType"),
                firstText(root, "AssemblyName"), production, development));
    }

    private static Document document(String text) throws SAXException, IOException, ParserConfigurationException {
        return UntrustedXml.parse(text);
    }

    private static String message(SAXException ex) {
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        return ex instanceof SAXParseException parse ? "line " + parse.getLineNumber() + ": " + message : message;
    }

    private static String attribute(Element element, String name) {
        String value = element.getAttribute(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String firstAttribute(Element root, String tag, String name) {
        NodeList elements = root.getElementsByTagName(tag);
        for (int i = 0; i < elements.getLength(); i++) {
            String value = attribute((Element) elements.item(i), name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String firstText(Element root, String tag) {
        NodeList elements = root.getElementsByTagName(tag);
        for (int i = 0; i < elements.getLength(); i++) {
            Node node = elements.item(i);
            String text = node.getTextContent();
            if (text != null && !text.isBlank()) {
                return text.strip();
            }
        }
        return null;
    }

    /** Versions of centrally managed packages, from the nearest {@code Directory.Packages.props} up to the root. */
    private static Map<String, String> centralVersions(RepositoryTree tree, String directory, Warnings warnings) {
        String current = directory;
        while (true) {
            String file = (current.isEmpty() ? "" : current + "/") + "Directory.Packages.props";
            Optional<String> text = tree.read(file);
            if (text.isPresent()) {
                Map<String, String> versions = new LinkedHashMap<>();
                parseDocument(file, text.get(), warnings).ifPresent(root -> {
                    NodeList entries = root.getElementsByTagName("PackageVersion");
                    for (int i = 0; i < entries.getLength(); i++) {
                        Element entry = (Element) entries.item(i);
                        String include = attribute(entry, "Include");
                        String version = attribute(entry, "Version");
                        if (include != null && version != null) {
                            versions.putIfAbsent(include, version);
                        }
                    }
                });
                return versions;
            }
            if (current.isEmpty()) {
                return Map.of();
            }
            int slash = current.lastIndexOf('/');
            current = slash < 0 ? "" : current.substring(0, slash);
        }
    }

    private static Optional<Element> parseDocument(String file, String text, Warnings warnings) {
        try {
            return Optional.of(document(text).getDocumentElement());
        }
        catch (SAXException | IOException | ParserConfigurationException ex) {
            warnings.add(file + " could not be read as XML; its package versions were not used");
            return Optional.empty();
        }
    }

    /** Directories of the projects the solutions in {@code directory} list, relative to the root. */
    private static List<String> solutionProjects(RepositoryTree tree, String directory, List<String> solutions) {
        Set<String> directories = new LinkedHashSet<>();
        String prefix = directory.isEmpty() ? "" : directory + "/";
        for (String solution : solutions) {
            tree.read(solution).ifPresent(text -> {
                Matcher project = SOLUTION_PROJECT.matcher(text);
                while (project.find()) {
                    String path = project.group(1).replace('\\', '/');
                    int slash = path.lastIndexOf('/');
                    if (slash > 0 && SafeText.isPath(path.substring(0, slash))) {
                        directories.add(prefix + path.substring(0, slash));
                    }
                }
            });
        }
        return List.copyOf(directories);
    }

    /** The SDK pinned by the nearest {@code global.json}, else {@code .tool-versions}, else the target framework. */
    private static String runtimeVersion(RepositoryTree tree, String prefix, Project project, List<Evidence> evidence) {
        String current = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
        while (true) {
            String file = (current.isEmpty() ? "" : current + "/") + "global.json";
            Optional<String> version = tree.read(file).flatMap(text -> {
                Matcher sdk = SDK_SECTION.matcher(text);
                Matcher pinned = sdk.find() ? SDK_VERSION.matcher(sdk.group(1)) : null;
                return pinned != null && pinned.find() ? Optional.of(pinned.group(1)) : Optional.empty();
            });
            if (version.isPresent() && Versions.clean(version.get()) != null) {
                evidence.add(new Evidence("runtimeVersion", file, "sdk.version " + version.get()));
                return Versions.clean(version.get());
            }
            if (current.isEmpty()) {
                break;
            }
            int slash = current.lastIndexOf('/');
            current = slash < 0 ? "" : current.substring(0, slash);
        }
        Optional<String> toolVersions = ToolVersions.of(tree, prefix, "dotnet", "dotnet-core");
        if (toolVersions.isPresent() && Versions.clean(toolVersions.get()) != null) {
            evidence.add(new Evidence("runtimeVersion", prefix + ".tool-versions", "dotnet " + toolVersions.get()));
            return Versions.clean(toolVersions.get());
        }
        if (project != null && project.targetFramework() != null) {
            Matcher framework = TARGET_FRAMEWORK.matcher(project.targetFramework());
            if (framework.find()) {
                evidence.add(new Evidence("runtimeVersion", project.file(), "TargetFramework "
                        + project.targetFramework()));
                return framework.group(1);
            }
        }
        return null;
    }
}
