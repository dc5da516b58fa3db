package dev.autodeploy.support.kafka;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Reports the Kafka cluster UP when it answers a describe-cluster call within the timeout. */
public class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final Admin admin;
    private final long timeoutMs;

    public KafkaHealthIndicator(Admin admin, long timeoutMs) {
        super("Kafka health check failed");
        this.admin = admin;
        this.timeoutMs = timeoutMs;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs));
        String clusterId = cluster.clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
        int nodes = cluster.nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
        builder.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes);
    }
}
