package dev.autodeploy.deployer.target.gitlab;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.ProviderCallException;
import dev.autodeploy.deployer.cicd.ProviderCalls;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * GitLab's REST API v4 for one registered GitLab instance (gitlab.com or self-managed): the token check, projects,
 * pipelines (created with the API token, or with a pipeline trigger token when one is configured), their jobs, job
 * logs read incrementally, and cancellation. Every call goes through {@link ProviderCalls} under the connection's
 * id, so one instance that fails opens only its own circuit breaker. The API token travels in
 * {@code PRIVATE-TOKEN} on each request, never in a URL; error bodies are not copied into messages.
 */
class GitLabClient {

    static final String PROVIDER = "gitlab-ci";
    private static final Pattern NUMERIC = Pattern.compile("[1-9][0-9]{0,18}");
    private static final Pattern PAGE = Pattern.compile("[1-9][0-9]{0,5}");
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 20;

    private final CicdConnection connection;
    private final RestClient http;
    private final ProviderCalls calls;
    private final String api;

    GitLabClient(CicdConnection connection, RestClient.Builder builder, ProviderCalls calls) {
        this.connection = connection;
        this.http = builder.build();
        this.calls = calls;
        String base = connection.baseUrl().toString();
        this.api = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v4";
    }

    /** The project part of {@code /projects/:id}: a numeric id as it is, a path URL-encoded ({@code a%2Fb}). */
    static String projectId(String project) {
        return NUMERIC.matcher(project).matches() ? project : URLEncoder.encode(project, StandardCharsets.UTF_8);
    }

    /** The user the token belongs to: proves the URL is a GitLab API and the token is valid. */
    String currentUser() {
        Map<String, Object> user = calls.call(instance(), () -> http.get().uri(uri("/user"))
                .header("PRIVATE-TOKEN", connection.secret()).accept(MediaType.APPLICATION_JSON).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { }));
        Object username = user == null ? null : user.get("username");
        if (username == null) {
            throw new ProviderCallException(PROVIDER, 502, null, "GitLab answered /api/v4/user without a username");
        }
        return username.toString();
    }

    GitLabProject project(String project) {
        return calls.call(instance(), () -> http.get().uri(uri("/projects/" + projectId(project)))
                .header("PRIVATE-TOKEN", connection.secret()).accept(MediaType.APPLICATION_JSON).retrieve()
                .body(GitLabProject.class));
    }

    /**
     * Creates a pipeline on {@code ref} with the API token ({@code POST /projects/:id/pipeline}); the variables
     * go as GitLab's {@code variables} array of {@code key}, {@code value}, {@code variable_type}.
     */
    GitLabPipeline createPipeline(String project, String ref, Map<String, String> variables) {
        List<Map<String, String>> list = new ArrayList<>();
        variables.forEach((key, value) -> list.add(Map.of("key", key, "value", value, "variable_type", "env_var")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ref", ref);
        body.put("variables", list);
        return calls.call(instance(), () -> http.post().uri(uri("/projects/" + projectId(project) + "/pipeline"))
                .header("PRIVATE-TOKEN", connection.secret()).contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON).body(body).retrieve().body(GitLabPipeline.class));
    }

    /**
     * Creates a pipeline with a pipeline trigger token ({@code POST /projects/:id/trigger/pipeline}, form fields
     * {@code token}, {@code ref}, {@code variables[KEY]}); the token is in the form body, never in the URL.
     */
    GitLabPipeline triggerPipeline(String project, String triggerToken, String ref, Map<String, String> variables) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("token", triggerToken);
        form.add("ref", ref);
        variables.forEach((key, value) -> form.add("variables[" + key + "]", value));
        return calls.call(instance(), () -> http.post()
                .uri(uri("/projects/" + projectId(project) + "/trigger/pipeline"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.APPLICATION_JSON).body(form)
                .retrieve().body(GitLabPipeline.class));
    }

    GitLabPipeline pipeline(String project, long pipelineId) {
        return calls.call(instance(), () -> http.get()
                .uri(uri("/projects/" + projectId(project) + "/pipelines/" + pipelineId))
                .header("PRIVATE-TOKEN", connection.secret()).accept(MediaType.APPLICATION_JSON).retrieve()
                .body(GitLabPipeline.class));
    }

    /** The pipeline's jobs (latest attempts), following GitLab's {@code X-Next-Page} pagination. */
    List<GitLabJob> jobs(String project, long pipelineId) {
        List<GitLabJob> jobs = new ArrayList<>();
        String page = "1";
        for (int pages = 0; page != null && PAGE.matcher(page.strip()).matches() && pages < MAX_PAGES; pages++) {
            URI uri = uri("/projects/" + projectId(project) + "/pipelines/" + pipelineId + "/jobs?per_page="
                    + PAGE_SIZE + "&page=" + page.strip());
            ResponseEntity<GitLabJob[]> response = calls.call(instance(), () -> http.get().uri(uri)
                    .header("PRIVATE-TOKEN", connection.secret()).accept(MediaType.APPLICATION_JSON).retrieve()
                    .toEntity(GitLabJob[].class));
            if (response.getBody() != null) {
                jobs.addAll(Arrays.asList(response.getBody()));
            }
            page = response.getHeaders().getFirst("X-Next-Page");
        }
        return jobs;
    }

    /**
     * The bytes of a job's log from {@code offset} on. Asks for them with a {@code Range} header; when GitLab
     * answers with the whole log instead (it does not promise ranges on this endpoint), the known part is cut
     * off here. An empty array when there is nothing new (or no log yet).
     */
    byte[] trace(String project, long jobId, long offset) {
        ResponseEntity<byte[]> response;
        try {
            response = calls.call(instance(), () -> http.get()
                    .uri(uri("/projects/" + projectId(project) + "/jobs/" + jobId + "/trace"))
                    .header("PRIVATE-TOKEN", connection.secret()).header("Range", "bytes=" + offset + "-")
                    .accept(MediaType.TEXT_PLAIN, MediaType.ALL).retrieve().toEntity(byte[].class));
        }
        catch (ProviderCallException ex) {
            if (ex.status() == HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value()
                    || ex.status() == HttpStatus.NOT_FOUND.value()) {
                return new byte[0];
            }
            throw ex;
        }
        byte[] body = response.getBody() == null ? new byte[0] : response.getBody();
        if (response.getStatusCode().value() == HttpStatus.PARTIAL_CONTENT.value()) {
            return body;
        }
        if (body.length <= offset) {
            return new byte[0];
        }
        return Arrays.copyOfRange(body, (int) offset, body.length);
    }

    GitLabPipeline cancel(String project, long pipelineId) {
        return calls.call(instance(), () -> http.post()
                .uri(uri("/projects/" + projectId(project) + "/pipelines/" + pipelineId + "/cancel"))
                .header("PRIVATE-TOKEN", connection.secret()).accept(MediaType.APPLICATION_JSON).retrieve()
                .body(GitLabPipeline.class));
    }

    private String instance() {
        return connection.id().toString();
    }

    /** An absolute URI, already encoded (a project path's {@code %2F} must reach GitLab as it is). */
    private URI uri(String path) {
        return URI.create(api + path);
    }
}
