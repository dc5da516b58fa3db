package dev.autodeploy.deployer.target.github;

import java.time.Instant;
import java.util.List;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.autodeploy.testsupport.Contracts;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** GitHub REST answers built from the contract's own examples, and the contract to validate the exchanges with. */
final class GitHubStubs {

    private static final JsonMapper json = JsonMapper.builder().build();
    static final OpenApiInteractionValidator CONTRACT = contract();

    private GitHubStubs() {
    }

    /**
     * Asserts every exchange WireMock served followed the contract and carried GitHub's headers and the token,
     * except a log's signed blob URL ({@code /signed/...}), which is no API and must never see the token.
     */
    static void assertExchangesFollowedTheContract(WireMockServer github, String token) {
        for (ServeEvent event : github.getAllServeEvents()) {
            if (event.getRequest().getUrl().startsWith("/signed/")) {
                assertThat(event.getRequest().containsHeader("Authorization")).isFalse();
                continue;
            }
            ValidationReport report = Contracts.validate(CONTRACT, event);
            assertThat(report.hasErrors()).as("%s %s against the GitHub contract: %s", event.getRequest().getMethod(),
                    event.getRequest().getUrl(), report.getMessages()).isFalse();
            assertThat(event.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + token);
            assertThat(event.getRequest().getHeader("Accept")).isEqualTo("application/vnd.github+json");
            assertThat(event.getRequest().getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        }
    }

    /**
     * GitHub's REST contract with Contracts.gitHub()'s repairs and one more, in memory: {@code workflow_id} is
     * {@code oneOf [integer, string]}, which the validator reads by parsing the path segment as JSON — a file name
     * like {@code deploy.yml} then fails to parse. A path segment is a string either way, so it is one here.
     */
    private static OpenApiInteractionValidator contract() {
        ObjectNode spec = (ObjectNode) json.readTree(Contracts.file(Contracts.GITHUB_REST).toFile());
        for (String schema : List.of("private-user", "public-user")) {
            ((ArrayNode) spec.path("components").path("schemas").path(schema).path("required")).add("user_view_type");
        }
        ((ObjectNode) spec.path("components").path("parameters").path("workflow-id")).putObject("schema")
                .put("type", "string");
        return OpenApiInteractionValidator.createForInlineApiSpecification(spec.toString()).build();
    }

    static ObjectNode run(long id, String status, String conclusion) {
        ObjectNode run = (ObjectNode) Contracts.example(Contracts.GITHUB_REST, "workflow-run");
        run.put("id", id).put("status", status).put("event", "workflow_dispatch")
                .put("path", ".github/workflows/deploy.yml@main").put("created_at", Instant.now().toString())
                .put("html_url", "https://github.com/octo-org/octo-repo/actions/runs/" + id);
        if (conclusion == null) {
            run.putNull("conclusion");
        }
        else {
            run.put("conclusion", conclusion);
        }
        return run;
    }

    static ObjectNode runs(ObjectNode... runs) {
        ObjectNode page = (ObjectNode) Contracts.example(Contracts.GITHUB_REST, "workflow-run-paginated");
        ArrayNode list = page.putArray("workflow_runs");
        for (ObjectNode run : runs) {
            list.add(run);
        }
        return page.put("total_count", runs.length);
    }

    static ObjectNode jobs(long runId, long jobId, String status, String conclusion) {
        ObjectNode page = (ObjectNode) Contracts.example(Contracts.GITHUB_REST, "job-paginated");
        ObjectNode job = (ObjectNode) page.path("jobs").get(0);
        // the contract's example lacks created_at, which its schema requires (GitHub sends it)
        job.put("id", jobId).put("run_id", runId).put("status", status).put("created_at", Instant.now().toString());
        if (conclusion == null) {
            job.putNull("conclusion");
        }
        else {
            job.put("conclusion", conclusion);
        }
        return page;
    }

    static ObjectNode dispatched(long runId) {
        ObjectNode answer = (ObjectNode) Contracts.example(Contracts.GITHUB_REST, "workflow-dispatch-response");
        return answer.put("workflow_run_id", runId).put("run_url", "https://api.github.com/repos/octo-org/octo-repo"
                + "/actions/runs/" + runId).put("html_url", "https://github.com/octo-org/octo-repo/actions/runs/" + runId);
    }

}
