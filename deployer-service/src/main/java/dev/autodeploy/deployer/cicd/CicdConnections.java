package dev.autodeploy.deployer.cicd;

import java.time.Clock;
import java.util.UUID;

import dev.autodeploy.deployer.target.DeployFailure;
import dev.autodeploy.deployer.target.InvalidTargetSettings;
import org.springframework.stereotype.Component;

/** Registered provider instances as deploy targets use them: looked up for one organization, secret decrypted. */
@Component
public class CicdConnections {

    private final CicdProviderRegistry registry;
    private final Clock clock;

    CicdConnections(CicdProviderRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * The organization's provider {@code providerId} of {@code type}; a deployment fails (not retried) when it was
     * removed, belongs to another organization or is of another type.
     */
    public CicdConnection require(UUID providerId, UUID organizationId, String type) throws DeployFailure {
        CicdProviderRegistry.Row row = registry.find(providerId)
                .filter(found -> found.organizationId().equals(organizationId))
                .orElseThrow(() -> DeployFailure.failed("The environment's CI/CD provider " + providerId
                        + " is not registered in this organization (any more)."));
        if (!row.type().equals(type)) {
            throw DeployFailure.failed("The environment's CI/CD provider " + row.name() + " is a " + row.type()
                    + " provider, not " + type + ".");
        }
        return registry.connection(row);
    }

    /**
     * Checks an environment's {@code providerId} setting before it is stored: a provider of the organization, of
     * the type the environment's target works with. Answered like a missing one when it is another organization's.
     */
    public void checkSetting(String providerId, UUID organizationId, String type) {
        UUID id;
        try {
            id = UUID.fromString(providerId);
        }
        catch (IllegalArgumentException notAnId) {
            throw new InvalidTargetSettings("providerId must be the id of a registered CI/CD provider.");
        }
        CicdProviderRegistry.Row row = registry.find(id).filter(found -> found.organizationId().equals(organizationId))
                .orElseThrow(() -> new InvalidTargetSettings("providerId " + id + " is not a CI/CD provider of this "
                        + "organization (POST /api/v1/cicd-providers registers one)."));
        if (!row.type().equals(type)) {
            throw new InvalidTargetSettings("providerId " + id + " is a " + row.type() + " provider; the " + type
                    + " target needs a " + type + " one.");
        }
    }

    /** Records whether the last call to the provider worked (its registration shows it). */
    public void markStatus(UUID providerId, boolean ok) {
        registry.markStatus(providerId, ok, clock.instant());
    }
}
