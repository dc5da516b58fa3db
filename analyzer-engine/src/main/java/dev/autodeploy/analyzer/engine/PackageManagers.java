package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides the package manager of each ecosystem present in a directory. Lock files decide (the
 * catalog below is data: the first marker found wins); for Node, the {@code packageManager} field
 * of {@code package.json} (Corepack) overrides a lock file, and a bare {@code package.json}
 * means npm.
 */
public final class PackageManagers {

    /** Strongest evidence first within an ecosystem; ecosystems in the order they are reported. */
    static final List<PackageManager> CATALOG = List.of(
            new PackageManager("bun", "node", "bun install --frozen-lockfile", List.of("bun.lock", "bun.lockb")),
            new PackageManager("pnpm", "node", "pnpm install --frozen-lockfile", List.of("pnpm-lock.yaml")),
            new PackageManager("yarn", "node", "yarn install --immutable", List.of("yarn.lock")),
            new PackageManager("npm", "node", "npm ci", List.of("package-lock.json", "npm-shrinkwrap.json")),
            new PackageManager("uv", "python", "uv sync --frozen", List.of("uv.lock")),
            new PackageManager("poetry", "python", "poetry install --no-root", List.of("poetry.lock")),
            new PackageManager("pdm", "python", "pdm install --frozen-lockfile", List.of("pdm.lock")),
            new PackageManager("pipenv", "python", "pipenv install --deploy", List.of("Pipfile.lock", "Pipfile")),
            new PackageManager("pip", "python", "pip install -r requirements.txt", List.of("requirements.txt")),
            new PackageManager("bundler", "ruby", "bundle install", List.of("Gemfile.lock", "Gemfile")),
            new PackageManager("composer", "php", "composer install --no-dev --prefer-dist",
                    List.of("composer.lock", "composer.json")),
            new PackageManager("go", "go", "go mod download", List.of("go.sum", "go.mod")),
            new PackageManager("cargo", "rust", "cargo fetch --locked", List.of("Cargo.lock", "Cargo.toml")),
            new PackageManager("maven", "java", "./mvnw -B dependency:go-offline", List.of("mvnw", "pom.xml")),
            new PackageManager("gradle", "java", "./gradlew --no-daemon dependencies",
                    List.of("gradlew", "build.gradle.kts", "build.gradle")),
            new PackageManager("mix", "elixir", "mix deps.get --only prod", List.of("mix.lock", "mix.exs")),
            new PackageManager("dotnet", "dotnet", "dotnet restore", List.of(".csproj", ".fsproj", ".sln")));

    private static final Pattern CORE_PACK = Pattern.compile("(npm|pnpm|yarn|bun)@([0-9][^+\\s]*)(\\+\\S+)?");

    private final JsonMapper json = JsonMapper.builder().build();

    /** One detected manager and the file that decided it. */
    public record Detected(PackageManager manager, String version, Evidence evidence) {
    }

    /**
     * The package manager of every ecosystem found directly in {@code directory} ("" for the root).
     * A malformed {@code package.json} is reported as a warning of the tree and does not stop detection.
     */
    public List<Detected> detect(RepositoryTree tree, String directory, Warnings warnings) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        List<Detected> detected = new ArrayList<>();
        List<String> ecosystems = new ArrayList<>();
        Optional<Detected> corepack = corepack(tree, prefix + "package.json", warnings);
        corepack.ifPresent(found -> {
            detected.add(found);
            ecosystems.add("node");
        });
        for (PackageManager manager : CATALOG) {
            if (ecosystems.contains(manager.ecosystem())) {
                continue;
            }
            for (String marker : manager.markers()) {
                Optional<String> file = marker.startsWith(".") ? tree.filesIn(directory, marker).stream().findFirst()
                        : Optional.of(prefix + marker).filter(tree::exists);
                if (file.isPresent()) {
                    detected.add(new Detected(manager, null, new Evidence("packageManager=" + manager.name(),
                            file.get(), marker.contains("lock") || marker.equals("go.sum") ? "lock file"
                                    : "manifest, no lock file")));
                    ecosystems.add(manager.ecosystem());
                    break;
                }
            }
        }
        if (!ecosystems.contains("node") && tree.exists(prefix + "package.json")) {
            PackageManager npm = CATALOG.stream().filter(m -> m.name().equals("npm")).findFirst().orElseThrow();
            // No lock file: npm ci would refuse, so a plain install.
            detected.add(new Detected(new PackageManager("npm", "node", "npm install", npm.markers()), null,
                    new Evidence("packageManager=npm", prefix + "package.json", "no lock file")));
        }
        return detected;
    }

    private Optional<Detected> corepack(RepositoryTree tree, String packageJson, Warnings warnings) {
        Optional<String> text = tree.read(packageJson);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode field = json.readTree(text.get()).path("packageManager");
            Matcher matcher = CORE_PACK.matcher(field.isString() ? field.asString() : "");
            if (!matcher.matches()) {
                return Optional.empty();
            }
            PackageManager manager = CATALOG.stream().filter(m -> m.name().equals(matcher.group(1))).findFirst()
                    .orElseThrow();
            return Optional.of(new Detected(manager, matcher.group(2), new Evidence("packageManager=" + manager.name(),
                    packageJson, "packageManager " + field.asString())));
        }
        catch (JacksonException ex) {
            warnings.add(packageJson + " is not valid JSON: " + ex.getOriginalMessage());
            return Optional.empty();
        }
    }
}
