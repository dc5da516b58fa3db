package dev.autodeploy.e2e.drills;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import dev.autodeploy.e2e.support.Accounts;
import dev.autodeploy.e2e.support.Api;
import dev.autodeploy.e2e.support.GitRepository;

import static org.awaitility.Awaitility.await;

/**
 * A project of the drill suite built from a dependency-free Node.js app whose build prints {@code lines} numbered
 * lines ({@code drill line 7 of 40}), one every {@code intervalMillis}, so a drill can count what reached the logs.
 * When the environment has {@code DRILL_MARKER} (a file path), every run of the build appends {@code <pid> begin
 * <deployment id>}, {@code <pid> line <n>}, {@code <pid> end} to it and every start of the app {@code <pid> serve},
 * so a drill sees whether a build ran twice, or two at once.
 */
final class DrillProject implements AutoCloseable {

    static final Set<String> FINAL = Set.of("ready", "error", "cancelled");
    static final Set<String> RUNNING = Set.of("queued", "building", "deploying");
    private static final Pattern LINE = Pattern.compile("drill line (\\d+) of (\\d+)");

    private final Api api;
    private final String id;
    private final int lines;
    private final GitRepository repository;

    private DrillProject(Api api, String id, int lines, GitRepository repository) {
        this.api = api;
        this.id = id;
        this.lines = lines;
        this.repository = repository;
    }

    /** Registers and analyzes a repository with the app in the owner's organization and makes a project of it. */
    static DrillProject create(Api gateway, Accounts.Organization organization, String label, int lines, long intervalMillis) {
        Api api = gateway.as(organization.owner());
        GitRepository repository = GitRepository.create("drill-" + label);
        repository.commit("drill app", app(lines, intervalMillis));
        JsonNode registered = api.post("/api/v1/repositories",
                Map.of("organizationId", organization.id(), "url", repository.url())).expect(201);
        String repositoryId = registered.get("id").asString();
        int analyzed = api.post("/api/v1/repositories/" + repositoryId + "/analyze", Map.of()).status();
        if (analyzed != 202 && analyzed != 200) {
            throw new AssertionError("analyze answered " + analyzed);
        }
        // The deployer learns of the analysis from Kafka: until then it answers 422 repository-not-analyzed.
        String[] projectId = new String[1];
        await("project from the analysis of " + repository.url()).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Api.Response created = api.post("/api/v1/projects", Map.of("organizationId", organization.id(),
                            "repositoryId", repositoryId, "name", "drill-" + label));
                    if (created.status() == 201) {
                        projectId[0] = created.json().get("id").asString();
                        return true;
                    }
                    if (created.status() != 422) {
                        throw new AssertionError("creating the project: " + created);
                    }
                    return false;
                });
        return new DrillProject(api, projectId[0], lines, repository);
    }

    String id() {
        return id;
    }

    int lines() {
        return lines;
    }

    /** Adds an environment of kind custom named {@code name} following branch main, on the default (local) target. */
    void addEnvironment(String name) {
        api.post("/api/v1/projects/" + id + "/environments", Map.of("name", name, "kind", "custom", "branch", "main")).expect(201);
    }

    /** Sets a plain variable in the production environment. */
    void variable(String key, String value) {
        api.post("/api/v1/projects/" + id + "/env?environment=production",
                Map.of("key", key, "value", value, "secret", false)).expect(201);
    }

    /** Starts a deployment of the environment's branch head; its id. */
    String deploy(String environment) {
        return api.post("/api/v1/projects/" + id + "/deployments", Map.of("environment", environment)).expect(201)
                .get("id").asString();
    }

    /** The deployer's record of a deployment. */
    JsonNode deployment(String deploymentId) {
        return api.get("/api/v1/deployments/" + deploymentId).expect(200);
    }

    /** Waits until the deployer's record is in a final state and returns it. */
    JsonNode awaitFinished(String deploymentId, Duration atMost) {
        await("deployment " + deploymentId + " finished").atMost(atMost).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> FINAL.contains(deployment(deploymentId).get("status").asString()));
        return deployment(deploymentId);
    }

    /** Every deployment of the project, newest first (the deployer's records). */
    List<JsonNode> deployments() {
        JsonNode page = api.get("/api/v1/projects/" + id + "/deployments?size=100").expect(200);
        List<JsonNode> all = new ArrayList<>();
        page.get("content").forEach(all::add);
        return all;
    }

    /** Every log line monitor-service holds for the deployment, paged through with the cursor, in order. */
    List<JsonNode> logs(String deploymentId) {
        List<JsonNode> all = new ArrayList<>();
        long cursor = 0;
        while (true) {
            JsonNode page = api.get("/api/v1/deployments/" + deploymentId + "/logs?limit=1000&cursor=" + cursor).expect(200);
            page.get("items").forEach(all::add);
            if (!page.get("hasMore").asBoolean()) {
                return all;
            }
            cursor = page.get("nextCursor").asLong();
        }
    }

    /** The numbers of the app's build lines among log messages, in the order given. */
    static List<Integer> buildLineNumbers(List<String> messages) {
        List<Integer> numbers = new ArrayList<>();
        for (String message : messages) {
            Matcher matcher = LINE.matcher(message);
            if (matcher.find()) {
                numbers.add(Integer.parseInt(matcher.group(1)));
            }
        }
        return numbers;
    }

    /** The numbers of the build lines monitor-service holds for the deployment, in sequence order. */
    List<Integer> storedBuildLines(String deploymentId) {
        return buildLineNumbers(logs(deploymentId).stream().map(line -> line.get("message").asString()).toList());
    }

    /** {@code 1..lines}: what a build that ran to its end printed. */
    List<Integer> allBuildLines() {
        return java.util.stream.IntStream.rangeClosed(1, lines).boxed().toList();
    }

    /** monitor-service's status view (with its history) of the deployment. */
    JsonNode status(String deploymentId) {
        return api.get("/api/v1/deployments/" + deploymentId + "/status").expect(200);
    }

    /** The lines of a marker file the app wrote (none when it does not exist yet). */
    static List<String> marker(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        repository.close();
    }

    private static Map<String, String> app(int lines, long intervalMillis) {
        String build = """
                const fs = require('fs');
                const marker = process.env.DRILL_MARKER;
                const note = (text) => { if (marker) fs.appendFileSync(marker, process.pid + ' ' + text + '\\n'); };
                const id = (process.cwd().match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/) || ['?'])[0];
                note('begin ' + id);
                let n = 0;
                const timer = setInterval(() => {
                  n += 1;
                  console.log('drill line ' + n + ' of %d');
                  note('line ' + n);
                  if (n === %d) { clearInterval(timer); fs.writeFileSync('built.txt', id); note('end'); }
                }, %d);
                """.formatted(lines, lines, intervalMillis);
        String server = """
                const fs = require('fs');
                if (process.env.DRILL_MARKER) fs.appendFileSync(process.env.DRILL_MARKER, process.pid + ' serve\\n');
                require('http').createServer((req, res) => res.end('built by ' + fs.readFileSync(__dirname + '/built.txt', 'utf8')))
                  .listen(process.env.PORT);
                """;
        String packageJson = """
                {"name": "drill-app", "private": true, "scripts": {"build": "node build.js", "start": "node server.js"}}
                """;
        return Map.of("package.json", packageJson, "build.js", build, "server.js", server);
    }
}
