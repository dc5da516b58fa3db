package dev.autodeploy.deployer.target;

/**
 * A build or deploy that did not succeed. The message is shown to users: it never holds a secret.
 *
 * @see DeployTarget#deploy
 */
public class DeployFailure extends Exception {

    private final boolean cancelled;
    private final boolean keptPrevious;

    public DeployFailure(String message) {
        this(message, false, false);
    }

    public DeployFailure(String message, boolean cancelled, boolean keptPrevious) {
        super(message, null, false, false);
        this.cancelled = cancelled;
        this.keptPrevious = keptPrevious;
    }

    public static DeployFailure cancellation() {
        return new DeployFailure("Cancelled", true, false);
    }

    /** The deployment was cancelled while this step ran. */
    public boolean cancelled() {
        return cancelled;
    }

    /** The new release failed its health check and the environment still serves the previous one. */
    public boolean keptPrevious() {
        return keptPrevious;
    }
}
