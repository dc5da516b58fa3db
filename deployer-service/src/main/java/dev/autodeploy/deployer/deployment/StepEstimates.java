package dev.autodeploy.deployer.deployment;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How long each step will take, learned from the project's history: the median duration of the step's last
 * completed runs in the project's deployments, or the configured default while there is none.
 */
@Component
class StepEstimates {

    private final JdbcClient jdbc;
    private final DeploymentProperties properties;

    StepEstimates(JdbcClient jdbc, DeploymentProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    Map<Step, Integer> forProject(UUID projectId) {
        Map<Step, Integer> estimates = new EnumMap<>(Step.class);
        for (Step step : Step.values()) {
            estimates.put(step, properties.defaultEstimateSeconds(step));
        }
        jdbc.sql("""
                SELECT name, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds)
                FROM (SELECT s.name, extract(epoch FROM s.finished_at - s.started_at) AS seconds,
                             row_number() OVER (PARTITION BY s.name ORDER BY s.finished_at DESC) AS recent
                      FROM deployment_steps s JOIN deployments d ON d.id = s.deployment_id
                      WHERE d.project_id = ? AND s.status = 'completed' AND s.started_at IS NOT NULL
                        AND s.finished_at IS NOT NULL) runs
                WHERE recent <= ?
                GROUP BY name""")
                .params(projectId, properties.estimateHistory())
                .query((rows, n) -> Map.entry(Step.fromWire(rows.getString(1)), rows.getDouble(2)))
                .list()
                .forEach(entry -> estimates.put(entry.getKey(), (int) Math.max(1, Math.round(entry.getValue()))));
        return estimates;
    }
}
