package dev.autodeploy.deployer.target.gitlab;

import java.time.Duration;

import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.ProviderCallsFixture;

/** GitLab clients over the real provider calls of {@link ProviderCallsFixture}, for tests without Spring. */
final class GitLabTestCalls {

    private GitLabTestCalls() {
    }

    /** Three attempts per call, and a breaker no test's failures open. */
    static GitLabClients clients() {
        return clients(new ProviderCallsFixture(3, 100, Duration.ofSeconds(30)));
    }

    static GitLabClients clients(ProviderCallsFixture fixture) {
        return new GitLabClients(fixture.restClients(), fixture.calls());
    }

    static GitLabClient client(CicdConnection connection) {
        return clients().client(connection);
    }
}
