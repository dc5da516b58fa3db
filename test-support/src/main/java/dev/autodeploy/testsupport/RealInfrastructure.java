package dev.autodeploy.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs a Spring test against real Postgres, Redis and Kafka: Testcontainers when a Docker engine
 * answers, otherwise the local Postgres and Redis servers and an embedded KRaft broker (see
 * {@link TestInfrastructure}). Every application context gets a database of its own (created by
 * the service, dropped when the JVM exits) and a Redis key prefix of its own
 * ({@code autodeploy.redis.key-prefix}).
 *
 * <p>The service's configuration comes from {@code config-repo/} (profile {@code test}), as it
 * would from the config server; the config server and Eureka themselves stay off.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ActiveProfiles("test")
@TestPropertySource(properties = { "spring.cloud.config.enabled=false", "eureka.client.enabled=false" })
public @interface RealInfrastructure {
}
