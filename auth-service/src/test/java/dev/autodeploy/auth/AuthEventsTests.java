package dev.autodeploy.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import dev.autodeploy.auth.connection.ConnectionApi.NewConnection;
import dev.autodeploy.auth.connection.Provider;
import dev.autodeploy.auth.connection.ProviderConnections;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DomainEvent;
import dev.autodeploy.events.OrganizationMemberChanged;
import dev.autodeploy.events.ProviderConnectionChanged;
import dev.autodeploy.events.Topics;
import dev.autodeploy.events.UserRegistered;
import dev.autodeploy.testsupport.RealInfrastructure;
import dev.autodeploy.testsupport.TestHttp;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Registering, membership and provider connections publish their facts on autodeploy.auth.events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class AuthEventsTests {

    @LocalServerPort
    private int port;

    @Autowired
    private ConsumerFactory<String, CloudEvent<?>> consumerFactory;

    @Test
    void registrationAndMembershipArePublished() {
        String[] ids = new String[2];
        List<DomainEvent> seen = publishedWhile(() -> {
            RestClient http = RestClient.create("http://localhost:" + port);
            Map<String, Object> session = http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("email", "e-" + UUID.randomUUID() + "@example.test", "password", "long enough pw",
                            "name", "Eve"))
                    .retrieve().body(TestHttp.JSON_OBJECT);
            @SuppressWarnings("unchecked")
            String userId = (String) ((Map<String, Object>) session.get("user")).get("id");
            ids[0] = userId;
            ids[1] = (String) http.post().uri("/api/v1/organizations")
                    .header("Authorization", "Bearer " + session.get("accessToken"))
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "Events " + UUID.randomUUID()))
                    .retrieve().body(TestHttp.JSON_OBJECT).get("id");
        }, event -> event instanceof UserRegistered registered && registered.userId().toString().equals(ids[0])
                || event instanceof OrganizationMemberChanged changed
                        && changed.organizationId().toString().equals(ids[1]), 2);

        assertThat(seen).filteredOn(OrganizationMemberChanged.class::isInstance).singleElement()
                .satisfies(event -> {
                    OrganizationMemberChanged changed = (OrganizationMemberChanged) event;
                    assertThat(changed.userId().toString()).isEqualTo(ids[0]);
                    assertThat(changed.previousRole()).isNull();
                    assertThat(changed.role()).isEqualTo("owner");
                });
        assertThat(seen).filteredOn(UserRegistered.class::isInstance).singleElement()
                .extracting(event -> ((UserRegistered) event).method()).isEqualTo("password");
    }

    @Test
    void linkingAndUnlinkingAProviderArePublishedWithoutTheToken(@Autowired ProviderConnections connections) {
        RestClient http = RestClient.create("http://localhost:" + port);
        Map<String, Object> session = http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", "l-" + UUID.randomUUID() + "@example.test", "password", "long enough pw",
                        "name", "Lin"))
                .retrieve().body(TestHttp.JSON_OBJECT);
        @SuppressWarnings("unchecked")
        UUID userId = UUID.fromString((String) ((Map<String, Object>) session.get("user")).get("id"));
        String token = "gho_" + UUID.randomUUID();
        List<DomainEvent> seen = publishedWhile(() -> {
            connections.link(userId, new NewConnection(Provider.GITHUB, UUID.randomUUID().toString(), "lin", null,
                    token, List.of("repo")));
            http.delete().uri("/api/v1/users/" + userId + "/connections/github")
                    .header("Authorization", "Bearer " + session.get("accessToken")).retrieve().toBodilessEntity();
        }, event -> event instanceof ProviderConnectionChanged changed && changed.userId().equals(userId), 2);

        assertThat(seen).extracting(event -> ((ProviderConnectionChanged) event).linked()).containsExactly(true, false);
        assertThat(seen.toString()).doesNotContain(token);
    }

    /** Events on autodeploy.auth.events that match, published while {@code action} runs. */
    private List<DomainEvent> publishedWhile(Runnable action, Predicate<DomainEvent> wanted, int expected) {
        try (Consumer<String, CloudEvent<?>> consumer = consumerFactory.createConsumer("auth-events-" + UUID.randomUUID(), null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUTH_EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            action.run();
            List<DomainEvent> seen = new ArrayList<>();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (seen.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, CloudEvent<?>> record : consumer.poll(Duration.ofMillis(500))) {
                    if (wanted.test(record.value().data())) {
                        seen.add(record.value().data());
                    }
                }
            }
            assertThat(seen).hasSize(expected);
            return seen;
        }
    }
}
