package dev.autodeploy.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

import dev.autodeploy.e2e.support.Accounts;
import dev.autodeploy.e2e.support.Api;
import dev.autodeploy.e2e.support.Suite;

/**
 * Thousands of generated bad requests on every operation each service publishes in its OpenAPI document — malformed,
 * truncated and wrongly typed JSON, nulls, huge strings, 2 MiB bodies, deep nesting, invalid UTF-8, wrong content
 * types, bad path ids and query parameters — answered without a 5xx, every 4xx with a body as a problem, and
 * nothing of the test organization changed. Mostly sent to the services directly (the gateway's rate limits would
 * stop a run), a few hundred through the gateway. The seed is printed; {@code -Dfuzz.seed=<n>} repeats a run.
 */
@Tag("security")
@ExtendWith(Suite.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputFuzzTests {

    private static final int DIRECT_PER_OPERATION = 24;
    private static final int THROUGH_GATEWAY = 300;

    private SecurityTarget target;
    private Api gateway;
    private Accounts.Organization org;
    private String gatewayToken;
    private final List<Operation> operations = new ArrayList<>();

    /** One operation of a service's OpenAPI document. */
    record Operation(String service, String method, String path, List<String> query, boolean hasBody, boolean multipart) {
    }

    /** One generated request and where it went. */
    record Sent(String where, String method, String path, String variant, int status, String contentType, String body) {
    }

    @BeforeAll
    void operationsAndOrganization(Suite suite) {
        target = new SecurityTarget(suite);
        gateway = suite.api();
        Accounts accounts = new Accounts(target.direct("auth-service"));
        org = accounts.organization("fuzz");
        gatewayToken = accounts.register("fuzz-gateway").accessToken();
        for (String service : SecurityTarget.SERVICES.keySet()) {
            JsonNode doc = target.direct(service).get("/v3/api-docs").expect(200);
            doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
                List<String> query = new ArrayList<>();
                op.getValue().path("parameters").forEach(p -> {
                    if ("query".equals(p.path("in").asString())) {
                        query.add(p.path("name").asString());
                    }
                });
                JsonNode content = op.getValue().path("requestBody").path("content");
                operations.add(new Operation(service, op.getKey().toUpperCase(), path.getKey(), query,
                        !content.isMissingNode(), content.has("multipart/form-data")));
            }));
        }
        assertThat(operations).as("operations published").hasSizeGreaterThan(80);
    }

    @Test
    void badRequestsGetNoServerErrorAndChangeNothing() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("MalformedInputFuzzTests seed: " + seed + " (repeat with -Dfuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        Map<String, String> before = snapshot();

        List<Request> requests = new ArrayList<>();
        for (Operation operation : operations) {
            Api direct = target.direct(operation.service()).as(org.owner());
            for (int i = 0; i < DIRECT_PER_OPERATION; i++) {
                requests.add(generate(operation, random, direct, operation.service()));
            }
        }
        Api viaGateway = gateway.as(gatewayToken);
        List<Operation> public_ = operations.stream().filter(op -> !op.path().startsWith("/internal/")
                && !op.path().startsWith("/v3/") && !op.path().startsWith("/.well-known")).toList();
        for (int i = 0; i < THROUGH_GATEWAY; i++) {
            requests.add(generate(public_.get(random.nextInt(public_.size())), random, viaGateway, "gateway"));
        }
        Collections.shuffle(requests, random);

        ConcurrentLinkedQueue<Sent> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger containerRejects = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (Request request : requests) {
                done.add(pool.submit(() -> {
                    Api.Response response = request.api().send(request.method(), request.path(), request.body(), request.headers());
                    sent.incrementAndGet();
                    String type = response.header("Content-Type");
                    boolean problem = type != null && type.startsWith("application/problem+json");
                    // Tomcat refuses a request line over its 8 KiB header limit itself, before any handler.
                    boolean containerReject = CONTAINER_REJECTS.stream().anyMatch(request.path().split("\\?")[0]::contains)
                            || request.path().length() > MAX_REQUEST_LINE;
                    if (containerReject && response.status() == 400 && !problem) {
                        containerRejects.incrementAndGet();
                    } else if (response.status() >= 500 && !notConfigured(response)
                            || response.status() >= 400 && response.bytes().length > 0 && !problem) {
                        wrong.add(new Sent(request.where(), request.method(), request.path(), request.variant(),
                                response.status(), type, abbreviate(response.text())));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        System.out.println("MalformedInputFuzzTests: " + sent.get() + " requests on " + operations.size() + " operations, "
                + containerRejects.get() + " refused by the servlet container with a non-problem 400");
        assertThat(snapshot()).as("seed %d: the test organization after the run", seed).isEqualTo(before);
        assertThat(wrong).as("seed %d: requests answered 5xx, or 4xx without a problem body", seed).isEmpty();
    }

    private record Request(String where, Api api, String method, String path, Object body, Map<String, String> headers, String variant) {
    }

    private Request generate(Operation operation, Random random, Api api, String where) {
        boolean badPath = !operation.hasBody() || random.nextInt(4) == 0;
        String path = fillPath(operation.path(), random, badPath);
        String query = badQuery(operation.query(), random);
        Map<String, String> headers = new LinkedHashMap<>();
        Object body = null;
        String variant = badPath ? "bad path id" : "real ids";
        // Only a body that cannot be read is sent where the path names real things: a readable body might be obeyed.
        if (operation.hasBody() || random.nextInt(5) == 0) {
            BadBody bad = BadBody.values()[random.nextInt(BadBody.values().length)];
            variant += ", " + bad;
            body = bad.make(random);
            if (bad.contentType != null) {
                headers.put("Content-Type", bad.contentType);
            }
        }
        if (operation.path().startsWith("/api/v1/webhooks/")) {
            headers.put("X-GitHub-Event", "push");
            headers.put("X-GitHub-Delivery", UUID.randomUUID().toString());
            headers.put("X-Gitlab-Event", "Pipeline Hook");
        }
        return new Request(where, api, operation.method(), path + query, body, headers, variant);
    }

    private String fillPath(String template, Random random, boolean bad) {
        StringBuilder path = new StringBuilder();
        java.util.regex.Matcher parameter = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        while (parameter.find()) {
            String value;
            if (bad) {
                value = BAD_IDS.get(random.nextInt(BAD_IDS.size()));
            } else if (template.startsWith("/api/v1/organizations/") && parameter.group(1).equals("id")) {
                value = org.id();
            } else if (parameter.group(1).equals("userId") || template.startsWith("/api/v1/users/")) {
                value = org.owner().id();
            } else {
                value = UUID.randomUUID().toString();
            }
            parameter.appendReplacement(path, java.util.regex.Matcher.quoteReplacement(value));
        }
        parameter.appendTail(path);
        return path.toString();
    }

    private static final List<String> BAD_IDS = List.of("not-a-uuid", "0", "-1", "null", "x".repeat(3000),
            "%27%20OR%201%3D1--", "%F0%9F%92%A9", "00000000-0000-0000-0000-00000000000g", "1e309", "%7B%7D",
            "12345678-1234-1234-1234-1234567890123", "%20", "%3Cscript%3E", "%E2%80%AE",
            // Refused by Tomcat or Spring Security's firewall before any handler (encoded slash, NUL, dot segment,
            // invalid or overlong UTF-8, encoded percent): see CONTAINER_REJECTS.
            "%2e%2e%2f%2e%2e%2fetc", "%00", "%C0%AF", "%25", "..%2F..", "%2e%2e", "%FF");

    /** Tomcat's default max-http-request-header-size, which bounds the request line too. */
    private static final int MAX_REQUEST_LINE = 8 * 1024;

    /** Path ids the servlet container rejects itself, answering its own (HTML or Boot error JSON) 400, not a problem. */
    private static final List<String> CONTAINER_REJECTS = List.of("%2e%2e%2f%2e%2e%2fetc", "%00", "%C0%AF", "%25", "..%2F..", "%2e%2e", "%FF");

    private static final List<String> BAD_QUERY_VALUES = List.of("-1", "99999999999999999999", "not-a-uuid", "%00",
            "%27;drop%20table%20x;--", "x".repeat(3000), "2026-13-45T99:99:99Z", "forever", "%FF", "1e309", "NaN", "",
            "name,asc;", "id,sideways");

    private static String badQuery(List<String> names, Random random) {
        List<String> all = new ArrayList<>(names);
        all.addAll(List.of("page", "size", "sort"));
        StringBuilder query = new StringBuilder();
        for (String name : all) {
            if (random.nextInt(3) == 0) {
                query.append(query.isEmpty() ? "?" : "&").append(name.equals("pageable") ? "page" : name).append('=')
                        .append(BAD_QUERY_VALUES.get(random.nextInt(BAD_QUERY_VALUES.size())));
            }
        }
        return query.toString();
    }

    /** Bodies no endpoint can take as a valid request. */
    private enum BadBody {
        MALFORMED(null) {
            Object make(Random random) {
                return List.of("{", "{\"a\":", "{'a':1}", "{\"a\":1,}", "[1,2", "{\"a\" 1}", "}{", "nul", "{\"a\":tru}")
                        .get(random.nextInt(9));
            }
        },
        TRUNCATED(null) {
            Object make(Random random) {
                String full = "{\"organizationId\":\"" + UUID.randomUUID() + "\",\"name\":\"fuzz\",\"url\":\"https://github.com/a/b\"}";
                return full.substring(0, 1 + random.nextInt(full.length() - 2));
            }
        },
        WRONG_TOP_LEVEL(null) {
            Object make(Random random) {
                return List.of("[]", "[{}]", "\"text\"", "42", "true", "null", "-0.0e+999").get(random.nextInt(7));
            }
        },
        ALL_NULLS(null) {
            Object make(Random random) {
                return "{\"organizationId\":null,\"name\":null,\"email\":null,\"key\":null,\"value\":null,\"url\":null,"
                        + "\"type\":null,\"role\":null,\"refreshToken\":null,\"code\":null,\"projectId\":null,\"content\":null}";
            }
        },
        WRONG_TYPES(null) {
            Object make(Random random) {
                return "{\"organizationId\":{\"$ne\":null},\"name\":[1,2],\"email\":{},\"key\":[],\"value\":{\"a\":1},"
                        + "\"url\":[\"https://x\"],\"type\":7,\"role\":[\"owner\"],\"projectId\":12,\"enabled\":\"maybe\","
                        + "\"webhook\":\"x\",\"minutes\":\"many\",\"settings\":[]}";
            }
        },
        HUGE_STRINGS(null) {
            Object make(Random random) {
                String huge = "\"" + "A".repeat(300_000) + "\"";
                return "{\"organizationId\":" + huge + ",\"projectId\":" + huge + ",\"type\":" + huge + ",\"role\":" + huge
                        + ",\"email\":" + huge + ",\"name\":" + huge + ",\"key\":" + huge + ",\"url\":" + huge + "}";
            }
        },
        TWO_MIB(null) {
            Object make(Random random) {
                return "{\"padding\":\"" + "B".repeat(2 * 1024 * 1024) + "\"";
            }
        },
        DEEP_NESTING(null) {
            Object make(Random random) {
                int depth = 5_000 + random.nextInt(20_000);
                return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            }
        },
        INVALID_UTF8(null) {
            Object make(Random random) {
                byte[] prefix = "{\"name\":\"".getBytes(StandardCharsets.UTF_8);
                byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
                byte[] suffix = "\"}".getBytes(StandardCharsets.UTF_8);
                byte[] body = new byte[prefix.length + bad.length + suffix.length];
                System.arraycopy(prefix, 0, body, 0, prefix.length);
                System.arraycopy(bad, 0, body, prefix.length, bad.length);
                System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);
                return body;
            }
        },
        XML("application/xml") {
            Object make(Random random) {
                return "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>";
            }
        },
        FORM("application/x-www-form-urlencoded") {
            Object make(Random random) {
                return "name=fuzz&organizationId=" + UUID.randomUUID();
            }
        },
        TEXT_PLAIN("text/plain") {
            Object make(Random random) {
                return "{\"name\":\"fuzz\"}";
            }
        },
        BAD_CONTENT_TYPE("application/json; charset=nonsense-9") {
            Object make(Random random) {
                return "{\"name\":\"fuzz\"}";
            }
        },
        GARBAGE_CONTENT_TYPE(";;;/") {
            Object make(Random random) {
                return "{}";
            }
        };

        final String contentType;

        BadBody(String contentType) {
            this.contentType = contentType;
        }

        abstract Object make(Random random);
    }

    /** The test organization as its owner reads it. */
    private Map<String, String> snapshot() {
        Api owner = gateway.as(org.owner());
        Map<String, String> state = new LinkedHashMap<>();
        for (String path : List.of("/api/v1/organizations/" + org.id(), "/api/v1/organizations/" + org.id() + "/members",
                "/api/v1/organizations/" + org.id() + "/invitations", "/api/v1/users/" + org.owner().id(),
                "/api/v1/organizations", "/api/v1/repositories?organizationId=" + org.id(),
                "/api/v1/projects?organizationId=" + org.id(), "/api/v1/cicd-providers?organizationId=" + org.id(),
                "/api/v1/alert-rules?organizationId=" + org.id(), "/api/v1/users/" + org.owner().id() + "/connections")) {
            Api.Response response = owner.get(path);
            state.put(path, response.status() + " " + response.text().replaceAll("\"requestId\":\"[^\"]*\"", ""));
        }
        return state;
    }

    /** A webhook without its secret answers a documented 503 {@code ...-not-configured} problem. */
    private static boolean notConfigured(Api.Response response) {
        return response.status() == 503 && response.text().contains("-not-configured\"");
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
