package dev.autodeploy.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DomainEvent;
import dev.autodeploy.events.OrganizationMemberChanged;
import dev.autodeploy.events.Topics;
import dev.autodeploy.events.UserRegistered;
import dev.autodeploy.testsupport.RealInfrastructure;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Registering and creating an organization publish their facts on autodeploy.auth.events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class AuthEventsTests {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @LocalServerPort
    private int port;

    @Autowired
    private ConsumerFactory<String, CloudEvent<?>> consumerFactory;

    @Test
    void registrationAndMembershipArePublished() {
        try (Consumer<String, CloudEvent<?>> consumer = consumerFactory.createConsumer("auth-events-" + UUID.randomUUID(), null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUTH_EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            RestClient http = RestClient.create("http://localhost:" + port);
            Map<String, Object> session = http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("email", "e-" + UUID.randomUUID() + "@example.test", "password", "long enough pw",
                            "name", "Eve"))
                    .retrieve().body(JSON);
            @SuppressWarnings("unchecked")
            String userId = (String) ((Map<String, Object>) session.get("user")).get("id");
            Map<String, Object> organization = http.post().uri("/api/v1/organizations")
                    .header("Authorization", "Bearer " + session.get("accessToken"))
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "Events " + UUID.randomUUID()))
                    .retrieve().body(JSON);

            List<DomainEvent> seen = new ArrayList<>();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (seen.size() < 2 && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, CloudEvent<?>> record : consumer.poll(Duration.ofMillis(500))) {
                    DomainEvent event = record.value().data();
                    if (event instanceof UserRegistered registered && registered.userId().toString().equals(userId)) {
                        seen.add(event);
                    }
                    if (event instanceof OrganizationMemberChanged changed
                            && changed.organizationId().toString().equals(organization.get("id"))) {
                        seen.add(event);
                    }
                }
            }
            assertThat(seen).hasSize(2);
            assertThat(seen).filteredOn(OrganizationMemberChanged.class::isInstance).singleElement()
                    .satisfies(event -> {
                        OrganizationMemberChanged changed = (OrganizationMemberChanged) event;
                        assertThat(changed.userId().toString()).isEqualTo(userId);
                        assertThat(changed.previousRole()).isNull();
                        assertThat(changed.role()).isEqualTo("owner");
                    });
        }
    }
}
