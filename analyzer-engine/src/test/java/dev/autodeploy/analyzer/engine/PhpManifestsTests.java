package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class PhpManifestsTests {

    @TempDir
    Path repo;

    private final Warnings warnings = new Warnings();

    @Test
    void composerPackagesExcludePlatformRequirements() throws IOException {
        write("composer.json", """
                {"name": "acme/app",
                 "require": {"php": "^8.2", "ext-mbstring": "*", "lib-curl": "*", "composer-runtime-api": "^2",
                             "laravel/framework": "^11.0"},
                 "require-dev": {"phpunit/phpunit": "^11.0"},
                 "scripts": {"test": "phpunit", "post-install-cmd": ["@php artisan migrate"]}}
                """);
        write("composer.lock", "{}");
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.name()).isEqualTo("acme/app");
        assertThat(manifest.production()).containsExactly(entry("laravel/framework", "^11.0"));
        assertThat(manifest.development()).containsExactly(entry("phpunit/phpunit", "^11.0"));
        assertThat(manifest.scripts()).containsOnlyKeys("test", "post-install-cmd");
        assertThat(manifest.packageManager()).isEqualTo("composer");
        assertThat(manifest.installCommand()).isEqualTo("composer install --no-dev --prefer-dist");
        assertThat(manifest.placeholders()).containsEntry("run", "composer run");
        assertThat(manifest.evidence()).contains(new Evidence("packageManager=composer", "composer.lock", "lock file"),
                new Evidence("language=php", "composer.json", "composer.json"));
    }

    @Test
    void newestAlternativeOfRequirePhpIsTheRuntimeUnlessThePlatformIsPinned() throws IOException {
        write("composer.json", "{\"require\": {\"php\": \"^7.3|^8.0\"}}");
        assertThat(read("").orElseThrow().runtimeVersion()).isEqualTo("8.0");
        write("composer.json", "{\"require\": {\"php\": \"^7.3|^8.0\"}, \"config\": {\"platform\": {\"php\": \"8.1.27\"}}}");
        assertThat(read("").orElseThrow().runtimeVersion()).isEqualTo("8.1.27");
        write(".tool-versions", "php 8.3.4\n");
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.runtimeVersion()).isEqualTo("8.3.4");
        assertThat(manifest.evidence()).contains(new Evidence("runtimeVersion", ".tool-versions", "php 8.3.4"));
    }

    @Test
    void documentRootIsWhereTheFrontControllerIs() throws IOException {
        write("composer.json", "{}");
        assertThat(read("").orElseThrow().placeholders()).doesNotContainKey("docroot");
        write("web/index.php", "<?php");
        assertThat(read("").orElseThrow().placeholders()).containsEntry("docroot", "web");
        write("public/index.php", "<?php");
        assertThat(read("").orElseThrow().placeholders()).containsEntry("docroot", "public");
    }

    @Test
    void invalidComposerJsonWithoutAFrontControllerIsAWarningAndNoProject() throws IOException {
        write("composer.json", "{\"require\": ");
        assertThat(read("")).isEmpty();
        assertThat(warnings.list()).singleElement().asString().startsWith("composer.json is not valid JSON");
    }

    @Test
    void composerJsonThatIsNotAnObjectIsAWarning() throws IOException {
        write("composer.json", "[1, 2]");
        write("index.php", "<?php echo 1;");
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.file()).isEqualTo("index.php");
        assertThat(manifest.packageManager()).isNull();
        assertThat(warnings.list()).containsExactly("composer.json is not a JSON object");
    }

    @Test
    void aDirectoryWithoutComposerOrIndexIsNotAPhpProject() throws IOException {
        write("src/lib.php", "<?php");
        assertThat(read("")).isEmpty();
    }

    private Optional<Manifest> read(String directory) throws IOException {
        return new PhpManifests(new PackageManagers()).read(RepositoryTree.scan(repo, TreeLimits.DEFAULT), directory,
                warnings);
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
