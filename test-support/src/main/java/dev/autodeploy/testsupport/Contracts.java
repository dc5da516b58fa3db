package dev.autodeploy.testsupport;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** The published API contracts in {@code shared/contracts} beside the repository, and checking what WireMock served against them. */
public final class Contracts {

    /** GitHub's REST API (a slice of its published OpenAPI description). */
    public static final String GITHUB_REST = "github-rest.slice.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Contracts() {
    }

    /**
     * A validator for GitHub's REST description, with one repair: it makes {@code GET /user} a
     * {@code oneOf} discriminated by {@code user_view_type} without requiring that property, and the
     * validator refuses such a schema outright. GitHub sends the property on {@code /user}, so it is
     * required here (in memory; the shared file stays as published).
     */
    public static OpenApiInteractionValidator gitHub() {
        JsonNode spec = JSON.readTree(file(GITHUB_REST).toFile());
        for (String schema : java.util.List.of("private-user", "public-user")) {
            ((ArrayNode) spec.path("components").path("schemas").path(schema).path("required")).add("user_view_type");
        }
        return OpenApiInteractionValidator.createForInlineApiSpecification(spec.toString()).build();
    }

    /** A named example of a contract ({@code components.examples.<name>.value}), to build stubs from. */
    public static JsonNode example(String contract, String name) {
        JsonNode example = JSON.readTree(file(contract).toFile()).path("components").path("examples").path(name)
                .path("value");
        if (example.isMissingNode()) {
            throw new IllegalArgumentException("No example " + name + " in " + contract);
        }
        return example.deepCopy();
    }

    /** A contract file, found by walking up from the module directory Maven runs tests in. */
    public static Path file(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/contracts").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/contracts/" + name + " not found beside the repository");
    }

    /**
     * Checks a request WireMock served, and the answer when it was a success, against a contract.
     * Published descriptions document success answers only; error answers are left unchecked.
     */
    public static ValidationReport validate(OpenApiInteractionValidator contract, ServeEvent event) {
        Request request = request(event);
        int status = event.getResponse().getStatus();
        return status < 300
                ? contract.validate(request, SimpleResponse.Builder.status(status)
                        .withContentType("application/json")
                        .withBody(event.getResponse().getBodyAsString()).build())
                : contract.validateRequest(request);
    }

    /**
     * What a contract describes of a request WireMock served: method, path, query, content type and
     * body. No other header: tokens stay out of validation reports.
     */
    public static Request request(ServeEvent event) {
        var logged = event.getRequest();
        SimpleRequest.Builder request = new SimpleRequest.Builder(logged.getMethod().getName(),
                URI.create(logged.getUrl()).getPath());
        logged.getQueryParams().forEach((name, values) -> request.withQueryParam(name, values.values()));
        if (logged.containsHeader("Content-Type")) {
            request.withContentType(logged.getHeader("Content-Type"));
        }
        if (logged.getBody() != null && logged.getBody().length > 0) {
            request.withBody(logged.getBodyAsString());
        }
        return request.build();
    }
}
