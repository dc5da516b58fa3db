package dev.autodeploy.deployer.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.autodeploy.support.web.ApiException;

class DeploymentFilterTests {

    @Test
    void aNulCharacterInAnyTextFilterIsABadRequestBeforeItReachesTheDatabase() {
        UUID org = UUID.randomUUID();
        assertThatThrownBy(() -> new DeploymentRequests.Filter(org, null, "octo\0cat/app", null, null, null))
                .isInstanceOf(DeploymentProblems.InvalidFilter.class)
                .satisfies(ex -> assertThat(((ApiException) ex).status().value()).isEqualTo(400));
        assertThatThrownBy(() -> new DeploymentRequests.Filter(org, null, null, "prod\0", null, null))
                .isInstanceOf(DeploymentProblems.InvalidFilter.class);
        assertThatThrownBy(() -> new DeploymentRequests.Filter(org, null, null, null, "\0", null))
                .isInstanceOf(DeploymentProblems.InvalidFilter.class);
        assertThat(new DeploymentRequests.Filter(org, null, "octocat/app", "production", "ready", "deploy").repo())
                .isEqualTo("octocat/app");
    }
}
