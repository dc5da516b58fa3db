package dev.autodeploy.support.membership;

import java.util.Arrays;

import dev.autodeploy.support.database.DatabaseSupportConfiguration;
import dev.autodeploy.support.database.ProcessedEvents;
import org.flywaydb.core.api.Location;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Organization access for resource services, switched on by {@code autodeploy.membership.enabled=true}:
 * the {@code organization_member} projection (its migration in {@code classpath:db/membership}, added to
 * Flyway's locations only then), the listener keeping it from {@code autodeploy.auth.events}, and
 * {@link OrganizationAccess}.
 */
@AutoConfiguration(after = DatabaseSupportConfiguration.class, afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
@ConditionalOnProperty(prefix = "autodeploy.membership", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(MembershipProperties.class)
public class MembershipConfiguration {

    static final String MIGRATIONS = "classpath:db/membership";

    @Bean
    FlywayConfigurationCustomizer membershipMigrations() {
        return configuration -> {
            Location[] existing = configuration.getLocations();
            Location[] locations = Arrays.copyOf(existing, existing.length + 1);
            locations[existing.length] = new Location(MIGRATIONS);
            configuration.locations(locations);
        };
    }

    @Bean
    OrganizationMembers organizationMembers(JdbcClient jdbc) {
        return new OrganizationMembers(jdbc);
    }

    @Bean
    OrganizationAccess organizationAccess(OrganizationMembers members) {
        return new OrganizationAccess(members);
    }

    @Bean
    OrganizationMembershipListener organizationMembershipListener(OrganizationMembers members,
            ProcessedEvents processed, PlatformTransactionManager transactionManager) {
        return new OrganizationMembershipListener(members, processed, new TransactionTemplate(transactionManager));
    }
}
