package dev.autodeploy.support.membership;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether a service keeps a local copy of organization membership and checks access with it.
 *
 * @param enabled consume {@code autodeploy.auth.events} into the {@code organization_member} table and offer
 *        {@link OrganizationAccess}; adds the {@code classpath:db/membership} Flyway location
 */
@ConfigurationProperties("autodeploy.membership")
public record MembershipProperties(@DefaultValue("false") boolean enabled) {
}
