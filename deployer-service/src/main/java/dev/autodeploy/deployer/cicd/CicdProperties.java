package dev.autodeploy.deployer.cicd;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * CI/CD provider registrations ({@code autodeploy.deployer.cicd}).
 *
 * @param allowInternalAddresses whether a provider's base URL may resolve to a loopback, private or link-local
 *     address (a Jenkins on the company network); off by default, on for one-machine setups and tests
 */
@ConfigurationProperties("autodeploy.deployer.cicd")
public record CicdProperties(boolean allowInternalAddresses) {
}
