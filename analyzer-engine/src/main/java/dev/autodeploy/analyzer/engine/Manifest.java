package dev.autodeploy.analyzer.engine;

import java.util.List;
import java.util.Map;

/**
 * A project's manifest as one ecosystem's {@link ManifestReader} understood it: what the project
 * declares (dependencies, scripts), what its files say about the runtime, and the values that fill
 * the catalog's command templates. Read only — nothing of the project is run.
 *
 * @param ecosystem {@code node}, {@code deno}, {@code python}, {@code ruby}, {@code php}, {@code go},
 *        {@code rust}, {@code java}, {@code elixir}, {@code dotnet} or {@code site} (no manifest: static
 *        files, a site generator's config, a Dockerfile)
 * @param directory the project's directory relative to the repository root ("" for the root)
 * @param file the manifest file that was read, relative to the root
 * @param name the project's declared name, or null
 * @param language e.g. {@code typescript}, {@code python}, {@code kotlin}
 * @param packageManager the package manager's id, or null when the ecosystem has none
 * @param installCommand how to install dependencies, or null
 * @param production production dependency name → declared version or range ("" when none)
 * @param development development/test dependency name → declared version or range
 * @param scripts named scripts the project declares (package.json scripts, deno tasks, composer scripts);
 *        a catalog template {@code {run} <script>} is only used when the script exists
 * @param placeholders values for the catalog's command templates, e.g. {@code run → pnpm run},
 *        {@code mvn → ./mvnw}, {@code module → myproject}; a template naming a missing placeholder yields no command
 * @param runtime the runtime to install, e.g. {@code node}, {@code python}, {@code java}
 * @param runtimeVersion its version as pinned by the project, or null
 * @param workspaces sub-project directories or globs this manifest declares (workspaces, modules, members)
 * @param evidence why: the package manager's lock file, the runtime version's source, the language
 */
public record Manifest(String ecosystem, String directory, String file, String name, String language,
        String packageManager, String installCommand, Map<String, String> production,
        Map<String, String> development, Map<String, String> scripts, Map<String, String> placeholders,
        String runtime, String runtimeVersion, List<String> workspaces, List<Evidence> evidence) {

    public Manifest {
        production = Map.copyOf(production);
        development = Map.copyOf(development);
        scripts = Map.copyOf(scripts);
        placeholders = Map.copyOf(placeholders);
        workspaces = List.copyOf(workspaces);
        evidence = List.copyOf(evidence);
    }

    /** Declared version or range of a dependency, production first; null when not declared. */
    public String declared(String dependency) {
        String version = production.get(dependency);
        return version != null ? version : development.get(dependency);
    }

    public boolean declares(String dependency) {
        return production.containsKey(dependency) || development.containsKey(dependency);
    }
}
