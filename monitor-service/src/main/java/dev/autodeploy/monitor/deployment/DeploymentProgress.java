package dev.autodeploy.monitor.deployment;

import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * How far along a deployment is, 0–100: each of the deployer's steps ({@code autodeploy.monitor.deployment.steps},
 * seed 001's four) counts the same; a finished deployment is at 100 whatever its steps say.
 */
@Component
@EnableConfigurationProperties(DeploymentProperties.class)
public class DeploymentProgress {

    private final DeploymentProperties properties;

    DeploymentProgress(DeploymentProperties properties) {
        this.properties = properties;
    }

    public int percent(DeploymentRecord deployment, List<StepRecord> steps) {
        if (deployment.finished()) {
            return 100;
        }
        long done = steps.stream().filter(StepRecord::finished).count();
        long total = Math.max(properties.steps().size(), steps.size());
        return total == 0 ? 0 : (int) Math.min(99, done * 100 / total);
    }
}
