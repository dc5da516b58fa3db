package dev.autodeploy.analyzer;

import java.util.Map;
import java.util.UUID;

import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.RealInfrastructure;
import dev.autodeploy.testsupport.TestHttp;
import dev.autodeploy.testsupport.TestMemberships;
import dev.autodeploy.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as configured for production (config-repo without the {@code local} profile; the same
 * context as {@link AnalyzerServiceConformanceTests}): file:// URLs, which read the server's own disk,
 * are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class FileUrlsOffByDefaultTests {

    @LocalServerPort
    private int port;

    @Test
    void aFileUrlIsRefusedAndNothingIsStored(@Autowired KafkaTemplate<String, CloudEvent<?>> kafka,
            @Autowired OrganizationAccess access, @Autowired JdbcClient jdbc) {
        UUID organization = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        new TestMemberships(kafka, access).grant(organization, user, Role.OWNER);

        ResponseEntity<Map<String, Object>> refused = TestHttp.client(port).post().uri("/api/v1/repositories")
                .header("Authorization", "Bearer " + TestTokens.get().forUser(user))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("organizationId", organization, "url", "file:///etc/passwd", "defaultBranch", "main"))
                .retrieve().toEntity(TestHttp.JSON_OBJECT);

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody()).containsEntry("type", "https://autodeploy.dev/problems/unsupported-repository-url");
        assertThat(jdbc.sql("SELECT count(*) FROM repositories").query(Long.class).single()).isZero();
    }
}
