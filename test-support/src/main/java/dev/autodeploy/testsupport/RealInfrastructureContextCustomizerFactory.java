package dev.autodeploy.testsupport;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points every context of a {@link RealInfrastructure} test at the shared servers, with a database and a
 * Kafka consumer group of its own.
 */
class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, RealInfrastructure.class)
                ? new RealInfrastructureCustomizer() : null;
    }

    /** Stateless, so equal for every test class: contexts stay cacheable across classes. */
    private static final class RealInfrastructureCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestInfrastructure infrastructure = TestInfrastructure.get();
            Endpoints endpoints = infrastructure.endpoints();
            String database = infrastructure.newDatabaseName();
            Map<String, Object> properties = Map.of(
                    // Contexts of one JVM must not share a consumer group: each would get only some
                    // partitions and miss events meant for its own database.
                    "spring.kafka.consumer.group-id", "${spring.application.name}-" + database,
                    "spring.datasource.url", endpoints.jdbcUrl(database),
                    "spring.datasource.username", endpoints.postgresUser(),
                    "spring.datasource.password", endpoints.postgresPassword(),
                    "spring.data.redis.host", endpoints.redisHost(),
                    "spring.data.redis.port", endpoints.redisPort(),
                    "autodeploy.redis.key-prefix", infrastructure.newRedisKeyPrefix(),
                    "spring.kafka.bootstrap-servers", endpoints.kafkaBootstrapServers(),
                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", infrastructure.tokens().jwksUri());
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("realInfrastructure", properties));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RealInfrastructureCustomizer;
        }

        @Override
        public int hashCode() {
            return RealInfrastructureCustomizer.class.hashCode();
        }
    }
}
