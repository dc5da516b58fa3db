package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PackageManagersTests {

    @TempDir
    Path repo;

    private final PackageManagers managers = new PackageManagers();
    private final Warnings warnings = new Warnings();

    @Test
    void theLockFileDecidesAndIsTheEvidence() throws IOException {
        write("package.json", "{\"name\":\"web\"}");
        write("pnpm-lock.yaml", "lockfileVersion: '9.0'");
        List<PackageManagers.Detected> detected = detect("");
        assertThat(detected).singleElement().satisfies(found -> {
            assertThat(found.manager().name()).isEqualTo("pnpm");
            assertThat(found.manager().installCommand()).isEqualTo("pnpm install --frozen-lockfile");
            assertThat(found.evidence()).isEqualTo(new Evidence("packageManager=pnpm", "pnpm-lock.yaml", "lock file"));
        });
    }

    @Test
    void corepackFieldWinsOverALockFileAndCarriesTheVersion() throws IOException {
        write("package.json", "{\"packageManager\":\"yarn@4.1.1+sha512.abc\"}");
        write("package-lock.json", "{}");
        assertThat(detect("")).singleElement().satisfies(found -> {
            assertThat(found.manager().name()).isEqualTo("yarn");
            assertThat(found.version()).isEqualTo("4.1.1");
            assertThat(found.evidence().detail()).isEqualTo("packageManager yarn@4.1.1+sha512.abc");
        });
    }

    @Test
    void packageJsonWithoutLockFileMeansAPlainNpmInstall() throws IOException {
        write("package.json", "{}");
        assertThat(detect("")).singleElement().satisfies(found -> {
            assertThat(found.manager().installCommand()).isEqualTo("npm install");
            assertThat(found.evidence().detail()).isEqualTo("no lock file");
        });
    }

    @Test
    void reportsEveryEcosystemOfAPolyglotDirectory() throws IOException {
        write("package.json", "{}");
        write("yarn.lock", "");
        write("requirements.txt", "django==5.0");
        write("go.mod", "module example.com/x");
        write("Api.csproj", "<Project/>");
        assertThat(detect("")).extracting(found -> found.manager().name())
                .containsExactly("yarn", "pip", "go", "dotnet");
    }

    @Test
    void looksOnlyAtTheGivenDirectory() throws IOException {
        write("apps/api/poetry.lock", "");
        write("apps/api/pyproject.toml", "");
        write("Gemfile", "source 'https://rubygems.org'");
        assertThat(detect("apps/api")).extracting(found -> found.manager().name()).containsExactly("poetry");
        assertThat(detect("")).extracting(found -> found.manager().name()).containsExactly("bundler");
    }

    @Test
    void malformedPackageJsonIsAWarningNotAFailure() throws IOException {
        write("package.json", "{\"packageManager\": ");
        write("package-lock.json", "{}");
        assertThat(detect("")).extracting(found -> found.manager().name()).containsExactly("npm");
        assertThat(warnings.list()).singleElement().asString().startsWith("package.json is not valid JSON");
    }

    private List<PackageManagers.Detected> detect(String directory) throws IOException {
        return managers.detect(RepositoryTree.scan(repo, TreeLimits.DEFAULT), directory, warnings);
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
