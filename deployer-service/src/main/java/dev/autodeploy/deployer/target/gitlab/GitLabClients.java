package dev.autodeploy.deployer.target.gitlab;

import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.ProviderCalls;
import dev.autodeploy.deployer.cicd.ProviderRestClients;
import org.springframework.stereotype.Component;

/** Makes the {@link GitLabClient} of a registered GitLab connection (anew each time: its token may have changed). */
@Component
class GitLabClients {

    private final ProviderRestClients restClients;
    private final ProviderCalls calls;

    GitLabClients(ProviderRestClients restClients, ProviderCalls calls) {
        this.restClients = restClients;
        this.calls = calls;
    }

    GitLabClient client(CicdConnection connection) {
        return new GitLabClient(connection, restClients.builder(GitLabClient.PROVIDER), calls);
    }
}
