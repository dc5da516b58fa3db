package dev.autodeploy.gateway.status;

import java.net.URI;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/status}: every service's health as seen through discovery. Each registered
 * instance is asked directly, so a crashed instance shows DOWN at once, before its registry lease
 * expires; a service with no registered instance is DOWN too.
 */
@RestController
class ServiceStatusController {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private final ReactiveDiscoveryClient discovery;
    private final WebClient http;
    private final StatusProperties properties;
    private final Clock clock;
    private final String gatewayName;

    ServiceStatusController(ReactiveDiscoveryClient discovery, WebClient.Builder http, StatusProperties properties,
            Clock clock, @Value("${spring.application.name}") String gatewayName) {
        this.discovery = discovery;
        this.http = http.build();
        this.properties = properties;
        this.clock = clock;
        this.gatewayName = gatewayName;
    }

    @GetMapping("/api/v1/status")
    Mono<ServiceStatus> status() {
        Mono<ServiceStatus.Service> self = Mono.just(new ServiceStatus.Service(gatewayName, "UP", List.of()));
        Mono<ServiceStatus.Service> registry = properties.registryUrl() == null ? Mono.empty()
                : probe(properties.registryUrl().toString(), properties.registryUrl())
                        .map(instance -> new ServiceStatus.Service("discovery-server", instance.status(),
                                List.of(instance)));
        Flux<ServiceStatus.Service> services = Flux.fromIterable(properties.services()).flatMapSequential(this::service);
        return Flux.concat(registry, self, services).collectList().map(list -> new ServiceStatus(
                list.stream().allMatch(s -> s.status().equals("UP")) ? "UP" : "DEGRADED", clock.instant(), list));
    }

    private Mono<ServiceStatus.Service> service(String name) {
        return discovery.getInstances(name)
                .flatMap(instance -> probe(instance.getInstanceId(), healthUri(instance)))
                .sort(Comparator.comparing(ServiceStatus.Instance::instanceId))
                .collectList()
                .onErrorReturn(List.of())
                .map(instances -> new ServiceStatus.Service(name,
                        instances.stream().anyMatch(i -> i.status().equals("UP")) ? "UP" : "DOWN", instances));
    }

    private Mono<ServiceStatus.Instance> probe(String instanceId, URI health) {
        return http.get().uri(health).exchangeToMono(response -> response.bodyToMono(JSON)
                        .defaultIfEmpty(Map.of())
                        .map(body -> new ServiceStatus.Instance(instanceId, health.toString(),
                                String.valueOf(body.getOrDefault("status", response.statusCode().is2xxSuccessful()
                                        ? "UP" : "DOWN")), null)))
                .timeout(properties.timeout())
                .onErrorResume(ex -> Mono.just(new ServiceStatus.Instance(instanceId, health.toString(), "DOWN",
                        ex instanceof TimeoutException ? "no answer within "
                                + properties.timeout().toMillis() + " ms" : "unreachable")));
    }

    private static URI healthUri(ServiceInstance instance) {
        String path = instance.getMetadata().getOrDefault("health-path", "/actuator/health");
        return instance.getUri().resolve(path);
    }
}
