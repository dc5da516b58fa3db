package dev.autodeploy.e2e.drills;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.autodeploy.e2e.support.Accounts;
import dev.autodeploy.e2e.support.Api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Postgres restarted under the running suite: within a bound every service answers again — sign-in, a repository
 * analyzed, a project made and deployed, its status read — without any service being restarted (same pids), and
 * the data from before the restart is still there.
 */
@Tag("drill")
@ExtendWith(DrillSuite.class)
class PostgresRestartDrillTests {

    private static final Duration RECOVERY = Duration.ofSeconds(90);

    @Test
    void everyServiceRecoversFromAPostgresRestartWithoutARestartOfItsOwn(DrillSuite suite) {
        Accounts accounts = new Accounts(suite.api());
        Accounts.Organization before = accounts.organization("pg-before");
        Map<String, Long> pids = DrillSuite.SERVICES.stream().collect(Collectors.toMap(Function.identity(), suite::pid));

        suite.postgres().stop();
        suite.postgres().start();

        // the data made before the restart is there: the embedded Postgres kept its directory
        Accounts.User owner = await("auth-service answers a sign-in").atMost(RECOVERY).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> accounts.login(before.owner()), user -> user != null);
        Api api = suite.api().as(owner);
        await("analyzer-service and deployer-service answer").atMost(RECOVERY).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get("/api/v1/repositories?organizationId=" + before.id()).status() == 200
                        && api.get("/api/v1/projects?organizationId=" + before.id()).status() == 200);
        try (DrillProject project = DrillProject.create(suite.api(), before, "pg", 3, 200)) {
            String deployment = project.deploy("production");
            assertThat(project.awaitFinished(deployment, Duration.ofMinutes(2)).get("status").asString()).isEqualTo("ready");
            await("monitor-service has the deployment").atMost(RECOVERY).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().untilAsserted(() -> assertThat(project.status(deployment).get("status").asString())
                            .isEqualTo("ready"));
            assertThat(project.storedBuildLines(deployment)).isEqualTo(project.allBuildLines());
        }
        assertThat(DrillSuite.SERVICES.stream().collect(Collectors.toMap(Function.identity(), suite::pid)))
                .as("no service restarted").isEqualTo(pids);
    }
}
