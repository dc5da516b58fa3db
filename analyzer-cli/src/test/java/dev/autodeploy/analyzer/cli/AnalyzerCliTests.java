package dev.autodeploy.analyzer.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyzerCliTests {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsAHumanReadablePlanForADirectory() throws IOException {
        Path repo = nextApp(temp.resolve("shop"));
        assertThat(run("analyze", repo.toString())).isZero();
        assertThat(stdout()).contains("Framework        Next.js 14.2.3 (server, confidence 0.99)")
                .contains("Package manager  pnpm").contains("Build            pnpm run build")
                .contains("Start            pnpm run start").contains("Runtime          node 20.11")
                .contains("framework=nextjs  <-  package.json (dependency next@^14.2.3)");
    }

    @Test
    void printsTheAnalysisAsJsonWithTheJsonFlag() throws IOException {
        Path repo = nextApp(temp.resolve("shop"));
        assertThat(run("analyze", repo.toString(), "--json")).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(stdout());
        assertThat(json.path("framework").path("id").asString()).isEqualTo("nextjs");
        assertThat(json.path("buildConfiguration").path("installCommand").asString())
                .isEqualTo("pnpm install --frozen-lockfile");
        assertThat(json.path("recommendations").path("provider").asString()).isEqualTo("vercel");
        assertThat(json.path("engineVersion").asString()).isNotBlank();
    }

    @Test
    void shallowClonesAGitUrlAnalyzesItAndDeletesTheClone() throws Exception {
        Path work = nextApp(temp.resolve("work"));
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("app").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call();
        }
        long clonesBefore = clones();
        assertThat(run("analyze", work.toUri().toString(), "--json")).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(stdout());
        assertThat(json.path("framework").path("name").asString()).isEqualTo("Next.js");
        assertThat(clones()).isEqualTo(clonesBefore);
    }

    @Test
    void aFailedCloneNamesTheUrlWithoutItsCredentials() {
        assertThat(run("analyze", "http://alice:s3cr3t-token@127.0.0.1:9/nothing.git")).isEqualTo(1);
        assertThat(stderr()).contains("Cannot clone http://127.0.0.1:9/nothing.git").doesNotContain("s3cr3t-token");
    }

    @Test
    void aMissingDirectoryOrBadUsageFailsWithAnExitCode() {
        assertThat(run("analyze", temp.resolve("absent").toString())).isEqualTo(1);
        assertThat(stderr()).contains("Not a directory");
        assertThat(run("analyze")).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
    }

    @Test
    void theBenchmarkPrintsThroughputAndPercentiles() throws IOException {
        nextApp(temp.resolve("repos/a"));
        Files.createDirectories(temp.resolve("repos/b"));
        Files.writeString(temp.resolve("repos/b/index.html"), "<h1>hi</h1>");
        assertThat(run("bench", temp.resolve("repos").toString(), "--iterations", "2", "--warmup", "1")).isZero();
        assertThat(stdout()).contains("repositories      2").contains("analyses          4")
                .containsPattern("throughput +[0-9.]+ repos/s").containsPattern("latency p99 +[0-9.]+ ms");
    }

    private static Path nextApp(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("package.json"), """
                {"name":"shop","scripts":{"dev":"next dev","build":"next build","start":"next start"},
                 "dependencies":{"next":"^14.2.3","react":"18.3.1"},"engines":{"node":">=20.11"}}""");
        Files.writeString(dir.resolve("pnpm-lock.yaml"), "lockfileVersion: '9.0'\n");
        Files.writeString(dir.resolve("next.config.mjs"), "export default {}\n");
        return dir;
    }

    private static long clones() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("autodeploy-analyze-")).count();
        }
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return AnalyzerCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
