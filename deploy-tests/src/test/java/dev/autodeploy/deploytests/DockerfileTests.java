package dev.autodeploy.deploytests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every runnable module's Dockerfile, checked by {@link DockerfileRules} (hadolint is not reachable here, so the
 * rules are a test): pinned base images, a non-root user, a healthcheck, no ADD of URLs, EXPOSE of the server's
 * own port, no secret-looking ENV; and the recipe every image shares (layered jar, container JVM flags).
 */
class DockerfileTests {

    static final List<String> MODULES = List.of("discovery-server", "config-server", "gateway", "auth-service",
            "analyzer-service", "deployer-service", "monitor-service");

    private static final Pattern PORT = Pattern.compile("port: \\$\\{PORT:(\\d+)}");

    static List<String> modules() {
        return MODULES;
    }

    @ParameterizedTest
    @MethodSource("modules")
    void followsTheRules(String module) throws IOException {
        assertThat(DockerfileRules.violations(dockerfile(module), port(module))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("modules")
    void buildsTheModuleAndRunsItsLayeredJarWithContainerFlags(String module) throws IOException {
        List<DockerfileRules.Instruction> instructions = DockerfileRules.parse(dockerfile(module));
        List<String> froms = instructions.stream().filter(i -> i.keyword().equals("FROM")).map(DockerfileRules.Instruction::arguments).toList();

        assertThat(froms).hasSizeGreaterThanOrEqualTo(3);
        assertThat(froms).filteredOn(from -> from.endsWith(" AS build")).singleElement()
                .satisfies(build -> assertThat(build).startsWith("maven:3.9").contains("eclipse-temurin-21"));
        assertThat(froms.getLast()).startsWith("eclipse-temurin:21").contains("-jre");
        assertThat(instructions).anySatisfy(i -> assertThat(i.arguments()).contains("-pl " + module + " -am"));
        assertThat(instructions).anySatisfy(i -> assertThat(i.arguments())
                .contains("-Djarmode=tools -jar app.jar extract --layers --launcher"));
        List<String> copies = instructions.stream().filter(i -> i.keyword().equals("COPY") && i.arguments().contains("/extracted/"))
                .map(i -> i.arguments().replaceAll(".*/extracted/([a-z-]+)/.*", "$1")).toList();
        assertThat(copies).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        assertThat(instructions).anySatisfy(i -> assertThat(i.keyword() + " " + i.arguments())
                .startsWith("USER 10001"));
        assertThat(instructions).anySatisfy(i -> assertThat(i.keyword() + " " + i.arguments())
                .startsWith("ENV JAVA_TOOL_OPTIONS=").contains("-XX:MaxRAMPercentage=75").contains("-XX:+ExitOnOutOfMemoryError"));
        assertThat(instructions).anySatisfy(i -> assertThat(i.keyword() + " " + i.arguments())
                .startsWith("HEALTHCHECK").contains("curl").contains("localhost:" + port(module) + "/actuator/health"));
        assertThat(instructions).anySatisfy(i -> assertThat(i.keyword() + " " + i.arguments())
                .startsWith("RUN apt-get update").contains(" curl"));
    }

    @Test
    void theDeployerImageCarriesGitAndNodeForTheLocalTarget() throws IOException {
        String install = DockerfileRules.parse(dockerfile("deployer-service")).stream()
                .filter(i -> i.keyword().equals("RUN") && i.arguments().contains("apt-get install"))
                .map(DockerfileRules.Instruction::arguments).findFirst().orElseThrow();

        assertThat(install.split("\\s+")).contains("git", "nodejs", "npm");
    }

    @Test
    void theGatewayImageBuildsTheWebDashboardInANodeStageAndPackagesIt() throws IOException {
        List<DockerfileRules.Instruction> instructions = DockerfileRules.parse(dockerfile("gateway"));
        assertThat(instructions.getFirst().keyword() + " " + instructions.getFirst().arguments())
                .matches("FROM node:2[0-9]\\.[0-9.]+-bookworm-slim AS web");
        assertThat(instructions).anySatisfy(i -> assertThat(i.keyword() + " " + i.arguments())
                .startsWith("RUN").contains("npm ci"));
        assertThat(instructions).anySatisfy(i -> assertThat(i.keyword() + " " + i.arguments())
                .isEqualTo("RUN npm run build"));
        assertThat(instructions).anySatisfy(i -> assertThat(i.keyword() + " " + i.arguments())
                .isEqualTo("COPY --from=web /web/target/classes/static web/target/classes/static"));
        assertThat(instructions).anySatisfy(i -> assertThat(i.arguments()).contains("-Dweb.npm.skip=true"));
    }

    @Test
    void theBuildContextLeavesOutBuildOutputGitAndEnvFiles() throws IOException {
        List<String> ignored = Files.readAllLines(RepositoryFiles.root().resolve(".dockerignore"));

        assertThat(ignored).contains(".git", "**/target", ".env", ".autodeploy");
    }

    // the rules can fail: each broken Dockerfile is caught for its own reason

    @Test
    void rulesCatchUnpinnedBaseImages() {
        String broken = GOOD.replace("eclipse-temurin:21.0.8_9-jre-noble", "eclipse-temurin:latest")
                .replace("maven:3.9.11-eclipse-temurin-21", "maven");

        assertThat(DockerfileRules.violations(broken, 8081))
                .anySatisfy(v -> assertThat(v).contains("eclipse-temurin:latest"))
                .anySatisfy(v -> assertThat(v).contains("FROM maven: no tag"));
    }

    @Test
    void rulesCatchRootHealthcheckLessExposeMismatchUrlAddAndSecrets() {
        Map<String, String> broken = Map.of(
                "USER 10001:10001", "USER root",
                "HEALTHCHECK CMD curl -fsS http://localhost:8081/actuator/health || exit 1", "",
                "EXPOSE 8081", "EXPOSE 9999",
                "COPY --from=build /app.jar app.jar", "ADD https://example.com/app.jar app.jar",
                "ENV PORT=8081", "ENV PORT=8081 DB_PASSWORD=hunter2");
        for (Map.Entry<String, String> change : broken.entrySet()) {
            assertThat(GOOD).contains(change.getKey());
            assertThat(DockerfileRules.violations(GOOD.replace(change.getKey(), change.getValue()), 8081))
                    .as("after replacing %s", change.getKey()).isNotEmpty();
        }
        assertThat(DockerfileRules.violations(GOOD, 8081)).isEmpty();
        assertThat(DockerfileRules.violations(GOOD.replace("USER 10001:10001", ""), 8081))
                .anySatisfy(v -> assertThat(v).contains("no USER"));
    }

    private static final String GOOD = """
            FROM maven:3.9.11-eclipse-temurin-21 AS build
            RUN mvn -B package
            FROM eclipse-temurin:21.0.8_9-jre-noble
            COPY --from=build /app.jar app.jar
            USER 10001:10001
            ENV PORT=8081
            EXPOSE 8081
            HEALTHCHECK CMD curl -fsS http://localhost:8081/actuator/health || exit 1
            ENTRYPOINT ["java", "-jar", "app.jar"]
            """;

    static String dockerfile(String module) throws IOException {
        return Files.readString(RepositoryFiles.root().resolve(module).resolve("Dockerfile"));
    }

    /** The server's port: its {@code server.port} default in config-repo, or in its own application.yml. */
    static int port(String module) throws IOException {
        Path root = RepositoryFiles.root();
        Path config = root.resolve("config-repo").resolve(module + ".yml");
        Path file = Files.exists(config) ? config : root.resolve(module).resolve("src/main/resources/application.yml");
        Matcher matcher = PORT.matcher(Files.readString(file));
        assertThat(matcher.find()).as("server.port in %s", file).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
