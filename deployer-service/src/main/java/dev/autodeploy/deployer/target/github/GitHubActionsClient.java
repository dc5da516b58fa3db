package dev.autodeploy.deployer.target.github;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.ProviderCallException;
import dev.autodeploy.deployer.cicd.ProviderCallProperties;
import dev.autodeploy.deployer.cicd.ProviderCalls;
import dev.autodeploy.deployer.cicd.ProviderRestClients;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * GitHub's Actions REST API for one {@code github-actions} connection (api.github.com or a GitHub Enterprise
 * Server's {@code /api/v3}): who the token is, workflow dispatch, the runs a dispatch started, a run's status
 * and jobs, a job's log, cancelling a run. Every call goes through {@link ProviderCalls} (retries of 5xx and rate
 * limits, a circuit breaker per connection); a rate limit — 429, or 403 with {@code x-ratelimit-remaining: 0}
 * or {@code Retry-After} — is retried after the wait GitHub names. The token travels only in the
 * {@code Authorization} header of API calls: a job log's signed redirect is fetched without it.
 */
@Component
class GitHubActionsClient {

    static final String API_VERSION = "2022-11-28";
    private static final String PROVIDER = "github-actions";

    private final ProviderRestClients clients;
    private final ProviderCalls calls;
    private final GitHubActionsProperties properties;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    GitHubActionsClient(ProviderRestClients clients, ProviderCalls calls, GitHubActionsProperties properties,
            ProviderCallProperties timeouts) {
        this.clients = clients;
        this.calls = calls;
        this.properties = properties;
        this.connectTimeout = timeouts.connectTimeout();
        this.readTimeout = timeouts.readTimeout();
    }

    /** A repository as {@code owner/name}. */
    record Repository(String owner, String name) {

        static Repository of(String fullName) {
            int slash = fullName.indexOf('/');
            return new Repository(fullName.substring(0, slash), fullName.substring(slash + 1));
        }

        @Override
        public String toString() {
            return owner + "/" + name;
        }
    }

    record User(String login) {
    }

    /** What a dispatch answers with {@code return_run_details}. */
    record DispatchedRun(@JsonProperty("workflow_run_id") long workflowRunId, @JsonProperty("run_url") String runUrl,
            @JsonProperty("html_url") String htmlUrl) {
    }

    record WorkflowRun(long id, String name, @JsonProperty("display_title") String displayTitle, String event,
            String status, String conclusion, @JsonProperty("head_branch") String headBranch,
            @JsonProperty("head_sha") String headSha, String path, @JsonProperty("workflow_id") long workflowId,
            @JsonProperty("html_url") String htmlUrl, @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("run_attempt") Integer runAttempt) {

        boolean completed() {
            return "completed".equals(status);
        }
    }

    record WorkflowRuns(@JsonProperty("total_count") int totalCount,
            @JsonProperty("workflow_runs") List<WorkflowRun> workflowRuns) {
    }

    record Step(String name, String status, String conclusion, int number) {
    }

    record Job(long id, String name, String status, String conclusion, @JsonProperty("html_url") String htmlUrl,
            List<Step> steps) {

        Job {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }

        boolean completed() {
            return "completed".equals(status);
        }
    }

    record Jobs(@JsonProperty("total_count") int totalCount, List<Job> jobs) {
    }

    /** The authenticated user: proves the token works. */
    User user(CicdConnection connection) {
        return call(connection, () -> api(connection).get().uri("/user").retrieve()
                .onStatus(GitHubActionsClient::rateLimited, (request, response) -> throwRateLimited(response))
                .body(User.class));
    }

    /**
     * Starts the workflow at {@code ref}; the run it started when GitHub says (it does when asked with
     * {@code return_run_details}), empty when the run has to be looked for.
     */
    Optional<DispatchedRun> dispatch(CicdConnection connection, Repository repository, String workflow, String ref,
            Map<String, String> inputs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ref", ref);
        body.put("inputs", inputs);
        body.put("return_run_details", true);
        return call(connection, () -> {
            var response = api(connection).post()
                    .uri("/repos/{owner}/{repo}/actions/workflows/{workflow}/dispatches", repository.owner(),
                            repository.name(), workflow)
                    .contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                    .onStatus(GitHubActionsClient::rateLimited, (request, answer) -> throwRateLimited(answer))
                    .toEntity(DispatchedRun.class);
            return Optional.ofNullable(response.getStatusCode().value() == 200 ? response.getBody() : null);
        });
    }

    /** The repository's most recent {@code workflow_dispatch} runs on {@code branch}, newest first. */
    List<WorkflowRun> dispatchedRuns(CicdConnection connection, Repository repository, String branch) {
        return call(connection, () -> {
            WorkflowRuns runs = api(connection).get()
                    .uri(builder -> builder.path("/repos/{owner}/{repo}/actions/runs")
                            .queryParam("event", "workflow_dispatch").queryParam("branch", branch)
                            .queryParam("exclude_pull_requests", true).queryParam("per_page", 30)
                            .build(repository.owner(), repository.name()))
                    .retrieve()
                    .onStatus(GitHubActionsClient::rateLimited, (request, response) -> throwRateLimited(response))
                    .body(WorkflowRuns.class);
            return runs == null || runs.workflowRuns() == null ? List.of() : runs.workflowRuns();
        });
    }

    WorkflowRun run(CicdConnection connection, Repository repository, long runId) {
        return call(connection, () -> api(connection).get()
                .uri(builder -> builder.path("/repos/{owner}/{repo}/actions/runs/{run}")
                        .queryParam("exclude_pull_requests", true).build(repository.owner(), repository.name(), runId))
                .retrieve()
                .onStatus(GitHubActionsClient::rateLimited, (request, response) -> throwRateLimited(response))
                .body(WorkflowRun.class));
    }

    /** The jobs of the run's latest attempt. */
    List<Job> jobs(CicdConnection connection, Repository repository, long runId) {
        return call(connection, () -> {
            Jobs jobs = api(connection).get()
                    .uri(builder -> builder.path("/repos/{owner}/{repo}/actions/runs/{run}/jobs")
                            .queryParam("filter", "latest").queryParam("per_page", 100)
                            .build(repository.owner(), repository.name(), runId))
                    .retrieve()
                    .onStatus(GitHubActionsClient::rateLimited, (request, response) -> throwRateLimited(response))
                    .body(Jobs.class);
            return jobs == null || jobs.jobs() == null ? List.of() : jobs.jobs();
        });
    }

    /**
     * A job's log as text. GitHub answers with a redirect to a short-lived signed URL on another host; that one
     * is fetched without our token.
     */
    String jobLog(CicdConnection connection, Repository repository, long jobId) {
        return call(connection, () -> {
            var answer = api(connection).get()
                    .uri("/repos/{owner}/{repo}/actions/jobs/{job}/logs", repository.owner(), repository.name(), jobId)
                    .retrieve()
                    .onStatus(GitHubActionsClient::rateLimited, (request, response) -> throwRateLimited(response))
                    .toEntity(byte[].class);
            if (answer.getStatusCode().is2xxSuccessful()) {
                return text(answer.getBody());
            }
            URI location = answer.getHeaders().getLocation();
            if (!answer.getStatusCode().is3xxRedirection() || location == null) {
                throw new ProviderCallException(PROVIDER, answer.getStatusCode().value(), null,
                        "GitHub answered " + answer.getStatusCode().value() + " for the log of job " + jobId);
            }
            byte[] log = download().get().uri(location).retrieve().body(byte[].class);
            return text(log);
        });
    }

    /** Asks GitHub to cancel the run (it answers 202 and stops it shortly after; 409 when it already ended). */
    boolean cancel(CicdConnection connection, Repository repository, long runId) {
        return call(connection, () -> {
            var answer = api(connection).post()
                    .uri("/repos/{owner}/{repo}/actions/runs/{run}/cancel", repository.owner(), repository.name(), runId)
                    .retrieve()
                    .onStatus(status -> status.value() == 409, (request, response) -> {
                        // the run already completed: nothing to cancel
                    })
                    .onStatus(GitHubActionsClient::rateLimited, (request, response) -> throwRateLimited(response))
                    .toBodilessEntity();
            return answer.getStatusCode().value() == 202;
        });
    }

    URI apiUrl(CicdConnection connection) {
        URI base = connection.baseUrl() != null ? connection.baseUrl() : properties.apiUrl();
        String text = base.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    private <T> T call(CicdConnection connection, Supplier<T> call) {
        return calls.call(connection.id().toString(), call);
    }

    /**
     * The API, over HTTP/1.1 (the JDK client's default cleartext HTTP/2 upgrade loses request bodies on some servers
     * and proxies) and without following redirects: the only one GitHub answers with is a log's, handled there.
     */
    private RestClient api(CicdConnection connection) {
        return authorized(clients.builder(PROVIDER).requestFactory(requests(HttpClient.Redirect.NEVER, readTimeout)),
                connection).build();
    }

    /** A log's signed URL: no token, redirects followed, a longer read timeout for a large log. */
    private RestClient download() {
        return clients.builder(PROVIDER).requestFactory(requests(HttpClient.Redirect.NORMAL,
                properties.logReadTimeout())).build();
    }

    private JdkClientHttpRequestFactory requests(HttpClient.Redirect redirects, Duration read) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(redirects)
                .connectTimeout(connectTimeout).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(read);
        return factory;
    }

    private RestClient.Builder authorized(RestClient.Builder builder, CicdConnection connection) {
        return builder.baseUrl(UriComponentsBuilder.fromUri(apiUrl(connection)).toUriString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + connection.secret())
                .defaultHeader(HttpHeaders.ACCEPT, "application/vnd.github+json")
                .defaultHeader("X-GitHub-Api-Version", API_VERSION);
    }

    private static String text(byte[] body) {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    /** 429, or a 403 that is GitHub's primary or secondary rate limit rather than a refusal. */
    static boolean rateLimited(HttpStatusCode status) {
        return status.value() == 429 || status.value() == 403;
    }

    private static void throwRateLimited(ClientHttpResponse response) throws java.io.IOException {
        int status = response.getStatusCode().value();
        HttpHeaders headers = response.getHeaders();
        Duration wait = retryAfter(headers, Instant.now());
        boolean limited = status == 429 || wait != null || "0".equals(headers.getFirst("x-ratelimit-remaining"));
        if (!limited) {
            throw new ProviderCallException(PROVIDER, status, null,
                    "GitHub refused the request (403): the token lacks a permission or the repository's Actions "
                            + "are disabled");
        }
        throw new ProviderCallException(PROVIDER, 429, wait, "GitHub's rate limit was reached"
                + (wait == null ? "" : "; it resets in " + wait.toSeconds() + " s"));
    }

    /** {@code Retry-After} seconds, else the wait until {@code x-ratelimit-reset} (epoch seconds) when exhausted. */
    static Duration retryAfter(HttpHeaders headers, Instant now) {
        String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (retryAfter != null && retryAfter.strip().matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
        }
        String reset = headers.getFirst("x-ratelimit-reset");
        if ("0".equals(headers.getFirst("x-ratelimit-remaining")) && reset != null && reset.strip().matches("\\d{1,12}")) {
            Duration wait = Duration.between(now, Instant.ofEpochSecond(Long.parseLong(reset.strip())));
            return wait.isNegative() ? Duration.ZERO : wait;
        }
        return null;
    }
}
