package dev.autodeploy.support.audit;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/** The {@link AuditTrail} every service records its mutating actions with. */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

    private static final boolean SECURITY_PRESENT = ClassUtils.isPresent(
            "org.springframework.security.core.context.SecurityContextHolder", AuditConfiguration.class.getClassLoader());

    @Bean
    AuditContext auditContext(AuditProperties properties) {
        return new AuditContext(SECURITY_PRESENT ? AuditConfiguration::authenticatedUser : Optional::empty,
                properties.trustPrivateProxies());
    }

    @Bean
    AuditMasking auditMasking() {
        return new AuditMasking();
    }

    @Bean
    AuditTrail auditTrail(ApplicationEventPublisher events, AuditContext context, AuditMasking masking,
            ObjectProvider<JsonMapper> json, @Value("${spring.application.name}") String service,
            ObjectProvider<Clock> clock) {
        return new AuditTrail(events, context, masking, json.getIfAvailable(JsonMapper::new), service,
                clock.getIfAvailable(Clock::systemUTC));
    }

    /** The subject of the authenticated principal when it is a user id (access tokens carry the user's id). */
    private static Optional<UUID> authenticatedUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(authentication.getName()));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
