package dev.autodeploy.deployer.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Who this deployer is to the others: a node id kept in its work directory (the same after a restart, so the
 * claims its previous run left are recognised as dead at once) and a worker id for this run.
 */
@Component
@EnableConfigurationProperties(DeployerProperties.class)
public class WorkerIdentity {

    private static final String NODE_FILE = "node-id";

    private final String node;
    private final String worker;

    WorkerIdentity(DeployerProperties properties) {
        this.node = nodeId(properties.workDirectory());
        this.worker = node + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This deployer's node, stable across restarts. */
    public String node() {
        return node;
    }

    /** This run's worker id, {@code <node>:<run>}. */
    public String worker() {
        return worker;
    }

    /** The prefix of the worker ids of every run of this node. */
    public String nodePrefix() {
        return node + ":";
    }

    private static String nodeId(Path workDirectory) {
        Path file = workDirectory.resolve(NODE_FILE);
        try {
            Files.createDirectories(workDirectory);
            if (Files.exists(file)) {
                String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (existing.matches("[a-z0-9-]{8,64}")) {
                    return existing;
                }
            }
            String created = "node-" + UUID.randomUUID().toString().substring(0, 13);
            Files.writeString(file, created, StandardCharsets.UTF_8);
            return created;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot keep the node id in " + workDirectory, ex);
        }
    }
}
