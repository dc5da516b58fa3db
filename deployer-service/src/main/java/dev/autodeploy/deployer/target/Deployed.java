package dev.autodeploy.deployer.target;

import java.util.Map;

/** A release the environment now serves: its public URL and what the target wants to remember about it. */
public record Deployed(String url, Map<String, String> attributes) {

    public Deployed {
        attributes = Map.copyOf(attributes);
    }
}
