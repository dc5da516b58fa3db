package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A checkout is untrusted input. Hostile trees are made at test time (links, huge and deep trees are
 * not committed); hostile manifests are fixtures. Whatever the repository holds, the analysis returns,
 * says what it did not look at, and puts nothing of the repository's text into a command.
 */
class HostileRepositoryTests {

    @TempDir
    Path repo;

    @TempDir
    Path outside;

    private final RepositoryAnalyzer analyzer = new RepositoryAnalyzer();

    @Test
    void aPackageJsonThatLinksToEtcPasswdIsNeitherFollowedNorRead() throws IOException {
        Files.createSymbolicLink(repo.resolve("package.json"), Path.of("/etc/passwd"));
        Analysis analysis = analyzer.analyze(repo);
        assertThat(analysis.framework()).isNull();
        assertThat(analysis.apps()).isEmpty();
        assertThat(analysis.warnings()).contains("Symbolic link not followed: package.json");
        assertThat(analysis.toString()).doesNotContain("root:");
    }

    @Test
    void aLinkToAParentDirectoryIsNotFollowedSoTheWalkEnds() throws IOException {
        write("package.json", "{\"dependencies\":{\"express\":\"4.21.1\"},\"main\":\"index.js\"}");
        Files.createSymbolicLink(repo.resolve("loop"), repo);
        Files.createSymbolicLink(repo.resolve("up"), repo.getParent());
        Analysis analysis = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> analyzer.analyze(repo));
        assertThat(analysis.framework().id()).isEqualTo("express");
        assertThat(analysis.apps()).extracting(Analysis.App::directory).containsExactly("");
        assertThat(analysis.warnings()).contains("Symbolic link not followed: loop", "Symbolic link not followed: up");
    }

    @Test
    void aWorkspacePackageLinkedFromOutsideTheTreeIsNotAnalyzed() throws IOException {
        Files.writeString(outside.resolve("package.json"), "{\"name\":\"secret-app\",\"dependencies\":{\"next\":\"15.0.0\"}}");
        write("package.json", "{\"private\":true,\"workspaces\":[\"packages/*\"]}");
        write("packages/real/package.json", "{\"name\":\"real\",\"dependencies\":{\"express\":\"4.21.1\"},\"main\":\"a.js\"}");
        Files.createSymbolicLink(repo.resolve("packages/linked"), outside);
        Analysis analysis = analyzer.analyze(repo);
        assertThat(analysis.apps()).extracting(Analysis.App::directory).containsExactlyInAnyOrder("", "packages/real");
        assertThat(analysis.toString()).doesNotContain("secret-app");
        assertThat(analysis.warnings()).contains("Symbolic link not followed: packages/linked");
    }

    @Test
    void aFiveMebibytePackageJsonIsNotReadAndSaysSo() throws IOException {
        StringBuilder big = new StringBuilder("{\"dependencies\":{\"next\":\"15.0.0\"},\"description\":\"");
        big.append("x".repeat(5 * 1024 * 1024)).append("\"}");
        write("package.json", big.toString());
        Analysis analysis = analyzer.analyze(repo);
        assertThat(analysis.framework()).isNull();
        assertThat(analysis.warnings()).contains("package.json is larger than 1048576 bytes and was not read");
    }

    @Test
    void thirtyThousandFilesAreCappedWithAWarningAndTheRootManifestIsStillRead() throws IOException {
        write("package.json", "{\"dependencies\":{\"express\":\"4.21.1\"},\"main\":\"server.js\"}");
        for (int dir = 0; dir < 30; dir++) {
            Path directory = Files.createDirectories(repo.resolve("data/d" + dir));
            for (int file = 0; file < 1000; file++) {
                Files.write(directory.resolve("f" + file + ".txt"), new byte[] { 'x' });
            }
        }
        Analysis analysis = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> analyzer.analyze(repo));
        assertThat(analysis.warnings()).contains("More than 20000 files: the rest was not looked at");
        assertThat(analysis.framework().id()).as("the root's files are listed before any sub-directory's")
                .isEqualTo("express");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("node server.js");
    }

    @Test
    void directoriesNestedBeyondTheDepthLimitAreNotEnteredAndTheWarningSaysSo() throws IOException {
        write("package.json", "{\"dependencies\":{\"koa\":\"2.15.3\"},\"main\":\"index.js\"}");
        Path deep = repo;
        for (int level = 0; level < 60; level++) {
            deep = deep.resolve("d" + level);
        }
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("package.json"), "{\"dependencies\":{\"next\":\"15.0.0\"}}");
        Analysis analysis = analyzer.analyze(repo);
        assertThat(analysis.framework().id()).isEqualTo("koa");
        assertThat(analysis.apps()).hasSize(1);
        assertThat(analysis.warnings()).anyMatch(w -> w.startsWith("Directories deeper than 12 levels were not looked at"));
    }

    @Test
    void aPackageJsonNestedAHundredThousandLevelsDeepIsAWarningNotAStackOverflow() throws IOException {
        write("package.json", "[".repeat(100_000) + "]".repeat(100_000));
        assertThatCode(() -> analyzer.analyze(repo)).doesNotThrowAnyException();
        assertThat(analyzer.analyze(repo).warnings()).anyMatch(w -> w.startsWith("package.json is not valid JSON"));
    }

    @Test
    void bytesThatAreNotUtf8InAPackageJsonDoNotStopDetection() throws IOException {
        byte[] head = "{\"name\":\"caf".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\",\"dependencies\":{\"fastify\":\"5.1.0\"},\"main\":\"app.js\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xE9;
        bytes[head.length + 1] = (byte) 0xFF;
        System.arraycopy(tail, 0, bytes, head.length + 2, tail.length);
        Files.write(repo.resolve("package.json"), bytes);
        Analysis analysis = analyzer.analyze(repo);
        assertThat(analysis.framework().id()).isEqualTo("fastify");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("node app.js");
    }

    @Test
    void aDirectoryNamedPackageJsonIsNoManifest() throws IOException {
        write("package.json/index.js", "module.exports = 1");
        Analysis analysis = analyzer.analyze(repo);
        assertThat(analysis.framework()).isNull();
        assertThat(analysis.warnings()).anyMatch(w -> w.startsWith("No project recognised"));
    }

    @Test
    void shellMetacharactersInPackageJsonReachNoCommand() throws IOException {
        Analysis analysis = analyzer.analyze(NodeFixturesTests.FIXTURES.resolve("shell-metacharacters"));
        Analysis.BuildConfiguration build = analysis.buildConfiguration();
        assertThat(analysis.framework().id()).isEqualTo("express");
        assertThat(build.startCommand()).as("the unsafe main is not started").isNull();
        assertThat(analysis.packageManager()).as("the unsafe Corepack field is ignored").isEqualTo("npm");
        assertThat(build.installCommand()).isEqualTo("npm install");
        assertThat(build.runtimeVersion()).as("engines $(curl ...) names no version").isNull();
        assertThat(Stream.of(build.installCommand(), build.buildCommand(), build.startCommand(), build.devCommand(),
                build.outputDirectory())).allSatisfy(value -> assertThat(String.valueOf(value))
                        .doesNotContain("curl", "rm -rf", "$(", ";", "|", "evil"));
        assertThat(analysis.apps()).singleElement().satisfies(app -> assertThat(app.buildConfiguration()).isEqualTo(build));
    }

    @Test
    void aBrokenPackageJsonFixtureIsAWarningAndNoProject() throws IOException {
        Analysis analysis = analyzer.analyze(NodeFixturesTests.FIXTURES.resolve("broken-package-json"));
        assertThat(analysis.framework()).isNull();
        assertThat(analysis.apps()).isEmpty();
        assertThat(analysis.warnings()).anyMatch(w -> w.startsWith("package.json is not valid JSON"))
                .anyMatch(w -> w.startsWith("No project recognised"));
    }

    @Test
    void aRepositoryWithoutManifestHasNoFrameworkAndSaysWhy() throws IOException {
        Analysis analysis = analyzer.analyze(NodeFixturesTests.FIXTURES.resolve("no-manifest"));
        assertThat(analysis.framework()).isNull();
        assertThat(analysis.buildConfiguration()).isNull();
        assertThat(analysis.monorepo()).isFalse();
        assertThat(analysis.recommendations().provider()).isNull();
        assertThat(analysis.warnings())
                .contains("No project recognised: no manifest, site configuration or Dockerfile was found");
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
