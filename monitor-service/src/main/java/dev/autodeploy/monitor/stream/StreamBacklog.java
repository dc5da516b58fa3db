package dev.autodeploy.monitor.stream;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import dev.autodeploy.monitor.deployment.DeploymentProgress;
import dev.autodeploy.monitor.deployment.DeploymentRecord;
import dev.autodeploy.monitor.deployment.DeploymentRecords;
import dev.autodeploy.monitor.deployment.StepRecord;
import dev.autodeploy.monitor.logs.LogLine;
import dev.autodeploy.monitor.logs.LogLineStore;
import org.springframework.stereotype.Component;

/** What a stream reads from the database: stored lines after a cursor, where a deployment's steps are. */
@Component
class StreamBacklog {

    private final LogLineStore lines;
    private final DeploymentRecords deployments;
    private final DeploymentProgress progress;

    StreamBacklog(LogLineStore lines, DeploymentRecords deployments, DeploymentProgress progress) {
        this.lines = lines;
        this.deployments = deployments;
        this.progress = progress;
    }

    List<LogLine> after(UUID deploymentId, long afterSequence, int limit) {
        return lines.after(deploymentId, afterSequence, limit);
    }

    /** The step running last (null when none) and the deployment's progress, as the REST status tells it. */
    StepProgress progress(DeploymentRecord deployment) {
        List<StepRecord> steps = deployments.steps(deployment.id());
        String running = steps.stream().filter(step -> "running".equals(step.status()))
                .max(Comparator.comparing(StepRecord::changedAt)).map(StepRecord::name).orElse(null);
        return new StepProgress(running, progress.percent(deployment, steps));
    }

    record StepProgress(String running, int percent) {
    }
}
