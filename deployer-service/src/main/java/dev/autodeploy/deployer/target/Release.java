package dev.autodeploy.deployer.target;

import java.util.Map;
import java.util.UUID;

/**
 * A built release: what {@code deploy} starts. Stored with the step that produced it, so a deployment
 * resumed after a crash deploys the release it already built.
 *
 * @param reference the target's handle (a release directory, an image reference)
 * @param checksum a digest of the release's content (directory checksum, image digest)
 */
public record Release(UUID builtBy, String reference, String checksum, Map<String, String> attributes) {

    public Release {
        attributes = Map.copyOf(attributes);
    }
}
