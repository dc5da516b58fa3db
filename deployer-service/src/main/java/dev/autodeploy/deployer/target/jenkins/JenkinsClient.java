package dev.autodeploy.deployer.target.jenkins;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.ProviderCallException;
import dev.autodeploy.deployer.cicd.ProviderCalls;
import dev.autodeploy.deployer.cicd.ProviderRestClients;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Jenkins' remote access API as the Jenkins target uses it (contracts/jenkins-remote-api.json): the connection
 * test, folders and pipeline jobs, parameterized builds followed from the queue item to the build, build status,
 * the progressive console log, stopping and deleting. Authenticates with the registration's user and API token;
 * POSTs carry a CSRF crumb fetched once per registration with the web session it is bound to, fetched again when
 * Jenkins says it is no longer valid. Every call goes through {@link ProviderCalls} (retries, the registration's
 * circuit breaker).
 */
@Component
class JenkinsClient {

    static final String PROVIDER = "Jenkins";
    static final String FOLDER_MODE = "com.cloudbees.hudson.plugins.folder.Folder";
    private static final String FOLDER_XML = "<?xml version='1.1' encoding='UTF-8'?>\n"
            + "<com.cloudbees.hudson.plugins.folder.Folder plugin=\"cloudbees-folder\"/>\n";
    private static final Pattern QUEUE_ITEM = Pattern.compile("/queue/item/(\\d+)/?$");
    /** Console notes Jenkins serializes into the plain-text log (hidden by the terminal's "conceal" mode). */
    private static final Pattern CONSOLE_NOTE = Pattern.compile("\u001B\\[8mha:[^\u001B]*\u001B\\[0m");
    private static final int MAX_ERROR_BODY = 4096;

    private final ProviderRestClients restClients;
    private final ProviderCalls calls;
    private final Clock clock;
    private final Map<UUID, Client> clients = new ConcurrentHashMap<>();
    private final Map<UUID, Crumb> crumbs = new ConcurrentHashMap<>();

    JenkinsClient(ProviderRestClients restClients, ProviderCalls calls, Clock clock) {
        this.restClients = restClients;
        this.calls = calls;
        this.clock = clock;
    }

    /** A queue item: waiting, cancelled, or left the queue as build {@code buildNumber}. */
    record QueueItem(long id, boolean cancelled, Integer buildNumber, String buildUrl, String why) {
    }

    /** A build: {@code result} is null while it runs ({@code SUCCESS}, {@code FAILURE}, {@code ABORTED}, ...). */
    record Build(int number, boolean building, String result, String url) {
    }

    /**
     * A piece of the console log from the offset asked for.
     *
     * @param next the offset to ask for next ({@code X-Text-Size})
     * @param more whether the build is still writing ({@code X-More-Data})
     */
    record LogChunk(String text, long next, boolean more) {
    }

    /** The Jenkins version ({@code X-Jenkins}); fails when the URL does not answer as a Jenkins. */
    String version(CicdConnection connection) {
        return call(connection, rest -> {
            ResponseEntity<JsonNode> response = rest.get().uri(uri -> uri.path("/api/json").build()).retrieve()
                    .toEntity(JsonNode.class);
            String version = response.getHeaders().getFirst("X-Jenkins");
            if (version == null || version.isBlank()) {
                throw new ProviderCallException(PROVIDER, 0, null, connection.baseUrl()
                        + " answered, but not as a Jenkins (no X-Jenkins header)");
            }
            return version;
        });
    }

    /** Creates the job's folders that do not exist yet, outermost first. */
    void ensureFolders(CicdConnection connection, JobPath job) {
        for (JobPath folder : job.folderPaths()) {
            if (!exists(connection, folder)) {
                create(connection, folder, FOLDER_XML, FOLDER_MODE);
            }
        }
    }

    /** Creates the job with {@code configXml}, or replaces the configuration of the job that is there. */
    void saveJob(CicdConnection connection, JobPath job, String configXml) {
        if (exists(connection, job)) {
            updateJob(connection, job, configXml);
            return;
        }
        try {
            create(connection, job, configXml, null);
        }
        catch (ProviderCallException failure) {
            // 400 "A job already exists with the name": someone made it since we looked.
            if (failure.status() != HttpStatus.BAD_REQUEST.value() || !exists(connection, job)) {
                throw failure;
            }
            updateJob(connection, job, configXml);
        }
    }

    boolean exists(CicdConnection connection, JobPath job) {
        return call(connection, rest -> {
            try {
                rest.get().uri(uri -> segments(uri, job.segments()).pathSegment("api", "json")
                        .queryParam("tree", "name").build()).retrieve().toBodilessEntity();
                return true;
            }
            catch (ProviderCallException failure) {
                if (failure.status() == HttpStatus.NOT_FOUND.value()) {
                    return false;
                }
                throw failure;
            }
        });
    }

    /** Starts a build with {@code parameters} (sent in the POST body, not the URL); returns its queue item id. */
    long trigger(CicdConnection connection, JobPath job, Map<String, String> parameters) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        parameters.forEach(form::add);
        ResponseEntity<Void> response = post(connection, rest -> rest.post()
                .uri(uri -> segments(uri, job.segments()).pathSegment("buildWithParameters").build())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form));
        URI location = response.getHeaders().getLocation();
        Matcher matcher = QUEUE_ITEM.matcher(location == null || location.getPath() == null ? ""
                : location.getPath());
        if (!matcher.find()) {
            throw new ProviderCallException(PROVIDER, response.getStatusCode().value(), null,
                    "Jenkins accepted the build of " + job.fullName() + " but named no queue item");
        }
        return Long.parseLong(matcher.group(1));
    }

    /** The queue item; empty once Jenkins forgot it (some minutes after it left the queue). */
    Optional<QueueItem> queueItem(CicdConnection connection, long id) {
        return call(connection, rest -> {
            try {
                JsonNode item = rest.get().uri(uri -> uri.pathSegment("queue", "item", Long.toString(id), "api",
                        "json").build()).retrieve().body(JsonNode.class);
                JsonNode executable = item.path("executable");
                boolean started = executable.isObject() && executable.path("number").isNumber();
                return Optional.of(new QueueItem(id, item.path("cancelled").asBoolean(false),
                        started ? executable.path("number").asInt() : null,
                        started ? executable.path("url").asString(null) : null, item.path("why").asString(null)));
            }
            catch (ProviderCallException failure) {
                if (failure.status() == HttpStatus.NOT_FOUND.value()) {
                    return Optional.empty();
                }
                throw failure;
            }
        });
    }

    void cancelQueueItem(CicdConnection connection, long id) {
        post(connection, rest -> rest.post().uri(uri -> uri.pathSegment("queue", "cancelItem")
                .queryParam("id", id).build()));
    }

    Build build(CicdConnection connection, JobPath job, int number) {
        return call(connection, rest -> {
            JsonNode build = rest.get().uri(uri -> segments(uri, job.segments())
                    .pathSegment(Integer.toString(number), "api", "json")
                    .queryParam("tree", "number,building,result,url").build()).retrieve().body(JsonNode.class);
            JsonNode result = build.path("result");
            return new Build(build.path("number").asInt(number), build.path("building").asBoolean(false),
                    result.isString() ? result.asString() : null, build.path("url").asString(null));
        });
    }

    /** The console log from {@code start}, console notes removed. */
    LogChunk log(CicdConnection connection, JobPath job, int number, long start) {
        return call(connection, rest -> {
            ResponseEntity<byte[]> response = rest.get().uri(uri -> segments(uri, job.segments())
                    .pathSegment(Integer.toString(number), "logText", "progressiveText")
                    .queryParam("start", start).build()).retrieve().toEntity(byte[].class);
            byte[] body = response.getBody() == null ? new byte[0] : response.getBody();
            String size = response.getHeaders().getFirst("X-Text-Size");
            long next;
            try {
                next = size == null ? start + body.length : Long.parseLong(size.strip());
            }
            catch (NumberFormatException ex) {
                next = start + body.length;
            }
            boolean more = Boolean.parseBoolean(response.getHeaders().getFirst("X-More-Data"));
            String text = CONSOLE_NOTE.matcher(new String(body, StandardCharsets.UTF_8)).replaceAll("");
            return new LogChunk(text, Math.max(next, start), more);
        });
    }

    /** Aborts a running build (its result becomes {@code ABORTED}). */
    void stop(CicdConnection connection, JobPath job, int number) {
        post(connection, rest -> rest.post().uri(uri -> segments(uri, job.segments())
                .pathSegment(Integer.toString(number), "stop").build()));
    }

    /** Deletes the job; a job that is not there is fine. */
    void deleteJob(CicdConnection connection, JobPath job) {
        try {
            post(connection, rest -> rest.post().uri(uri -> segments(uri, job.segments()).pathSegment("doDelete")
                    .build()));
        }
        catch (ProviderCallException failure) {
            if (failure.status() != HttpStatus.NOT_FOUND.value()) {
                throw failure;
            }
        }
    }

    /** The job's page. */
    URI jobUrl(CicdConnection connection, JobPath job) {
        String base = connection.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + String.join("/", job.segments()) + "/");
    }

    // ------------------------------------------------------------------ plumbing

    private void create(CicdConnection connection, JobPath item, String configXml, String mode) {
        post(connection, rest -> rest.post().uri(uri -> {
            UriBuilder builder = segments(uri, item.parentSegments()).pathSegment("createItem")
                    .queryParam("name", item.name());
            if (mode != null) {
                builder.queryParam("mode", mode);
            }
            return builder.build();
        }).contentType(MediaType.APPLICATION_XML).body(configXml));
    }

    private void updateJob(CicdConnection connection, JobPath job, String configXml) {
        post(connection, rest -> rest.post().uri(uri -> segments(uri, job.segments()).pathSegment("config.xml")
                .build()).contentType(MediaType.APPLICATION_XML).body(configXml));
    }

    private static UriBuilder segments(UriBuilder uri, List<String> segments) {
        return uri.pathSegment(segments.toArray(String[]::new));
    }

    private <T> T call(CicdConnection connection, Function<RestClient, T> call) {
        return calls.call(connection.id().toString(), () -> call.apply(client(connection)));
    }

    /**
     * A POST with the registration's crumb and session cookie: {@code request} prepares it on a client whose
     * requests carry them. A 403 saying the crumb is not valid (the session expired, Jenkins restarted) fetches a
     * new crumb and sends once more.
     */
    private ResponseEntity<Void> post(CicdConnection connection,
            Function<RestClient, RestClient.RequestHeadersSpec<?>> request) {
        return call(connection, plain -> {
            try {
                return send(request.apply(withCrumb(connection, crumb(connection, plain))));
            }
            catch (CrumbRejected rejected) {
                crumbs.remove(connection.id());
                return send(request.apply(withCrumb(connection, crumb(connection, plain))));
            }
        });
    }

    private ResponseEntity<Void> send(RestClient.RequestHeadersSpec<?> request) {
        return request.retrieve().onStatus(status -> status.value() == HttpStatus.FORBIDDEN.value(),
                (sent, response) -> forbidden(response)).toBodilessEntity();
    }

    /** The registration's crumb: the one fetched before, or a new one (not fetched inside the map's lock). */
    private Crumb crumb(CicdConnection connection, RestClient rest) {
        Crumb known = crumbs.get(connection.id());
        if (known != null) {
            return known;
        }
        Crumb fetched = fetchCrumb(rest);
        Crumb raced = crumbs.putIfAbsent(connection.id(), fetched);
        return raced != null ? raced : fetched;
    }

    private Crumb fetchCrumb(RestClient rest) {
        try {
            ResponseEntity<JsonNode> response = rest.get().uri(uri -> uri.path("/crumbIssuer/api/json").build())
                    .retrieve().toEntity(JsonNode.class);
            JsonNode body = response.getBody();
            String field = body == null ? null : body.path("crumbRequestField").asString(null);
            String value = body == null ? null : body.path("crumb").asString(null);
            if (field == null || value == null) {
                return Crumb.NONE;
            }
            List<String> cookies = response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
            String cookie = cookies.stream().map(header -> header.split(";", 2)[0].strip())
                    .filter(pair -> pair.contains("=")).collect(Collectors.joining("; "));
            return new Crumb(field, value, cookie.isEmpty() ? null : cookie);
        }
        catch (ProviderCallException failure) {
            if (failure.status() == HttpStatus.NOT_FOUND.value()) {
                return Crumb.NONE; // CSRF protection is off
            }
            throw failure;
        }
    }

    private RestClient withCrumb(CicdConnection connection, Crumb crumb) {
        RestClient rest = client(connection);
        if (crumb.field() == null) {
            return rest;
        }
        return rest.mutate().defaultHeaders(headers -> {
            headers.set(crumb.field(), crumb.value());
            if (crumb.cookie() != null) {
                headers.set(HttpHeaders.COOKIE, crumb.cookie());
            }
        }).build();
    }

    private RestClient client(CicdConnection connection) {
        Client current = clients.get(connection.id());
        if (current != null && current.connection().equals(connection)) {
            return current.rest();
        }
        crumbs.remove(connection.id());
        RestClient rest = restClients.builder(PROVIDER).baseUrl(connection.baseUrl().toString())
                .defaultHeaders(headers -> headers.setBasicAuth(connection.username(),
                        connection.secret() == null ? "" : connection.secret(), StandardCharsets.UTF_8))
                .build();
        clients.put(connection.id(), new Client(connection, rest));
        return rest;
    }

    /** A 403 is a refused crumb when Jenkins says so; otherwise a missing permission like any other. */
    private void forbidden(ClientHttpResponse response) throws IOException {
        byte[] head;
        try (InputStream body = response.getBody()) {
            head = body.readNBytes(MAX_ERROR_BODY);
        }
        if (new String(head, StandardCharsets.UTF_8).contains("No valid crumb")) {
            throw new CrumbRejected();
        }
        throw ProviderCallException.from(PROVIDER, response, clock);
    }

    private record Client(CicdConnection connection, RestClient rest) {

        @Override
        public String toString() {
            return "Client[" + connection + "]";
        }
    }

    private record Crumb(String field, String value, String cookie) {

        static final Crumb NONE = new Crumb(null, null, null);

        @Override
        public String toString() {
            return "Crumb[" + field + "]";
        }
    }

    /** Jenkins refused the crumb: fetch another and send once more (not a provider failure). */
    private static final class CrumbRejected extends ProviderCallException {

        CrumbRejected() {
            super(PROVIDER, HttpStatus.FORBIDDEN.value(), null, "Jenkins refused the CSRF crumb");
        }
    }
}
