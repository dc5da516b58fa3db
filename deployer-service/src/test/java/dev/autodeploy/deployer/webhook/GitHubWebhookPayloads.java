package dev.autodeploy.deployer.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.fge.jsonschema.core.exceptions.ProcessingException;
import com.github.fge.jsonschema.core.report.LogLevel;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import dev.autodeploy.testsupport.Contracts;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook payloads for tests: skeletons in {@code src/test/resources/github-webhooks/} holding every property
 * GitHub's webhook schemas require, with the test's values set on top, and the check of a payload against its
 * schema in {@code shared/contracts/github-webhooks.slice.json}.
 */
final class GitHubWebhookPayloads {

    private static final String CONTRACT = "github-webhooks.slice.json";
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final com.fasterxml.jackson.databind.JsonNode schemas = read();

    private GitHubWebhookPayloads() {
    }

    /** A payload skeleton ({@code push}, {@code pull_request.opened}, ...) to fill in. */
    static ObjectNode skeleton(String name) {
        try (InputStream in = GitHubWebhookPayloads.class.getResourceAsStream("/github-webhooks/" + name + ".json")) {
            return (ObjectNode) json.readTree(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Asserts the payload is what the schema ({@code webhook-push}, ...) describes. */
    static void assertValid(String schema, ObjectNode payload) {
        try {
            ProcessingReport report = JsonSchemaFactory.byDefault()
                    .getJsonSchema(schemas, "/components/schemas/" + schema)
                    .validate(new ObjectMapper().readTree(payload.toString()), true);
            StringBuilder errors = new StringBuilder();
            report.forEach(message -> {
                if (message.getLogLevel().compareTo(LogLevel.ERROR) >= 0) {
                    errors.append(message.asJson()).append('\n');
                }
            });
            assertThat(errors.toString()).as("payload against %s", schema).isEmpty();
        }
        catch (ProcessingException | IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode read() {
        try {
            return new ObjectMapper().readTree(Contracts.file(CONTRACT).toFile());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
