package dev.autodeploy.deployer.target;

/**
 * A build or deploy that did not succeed. The message is shown to users: it never holds a secret.
 * {@link #retryable()} failures (a Git host or provider not answering) are tried again with back-off; the
 * others end the deployment in {@code error}.
 *
 * @see DeployTarget#deploy
 */
public class DeployFailure extends Exception {

    private final Kind kind;

    private enum Kind { FAILED, RETRYABLE, CANCELLED, KEPT_PREVIOUS }

    private DeployFailure(String message, Kind kind) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** The build or deploy failed for a reason another attempt would meet again (a failing command, say). */
    public static DeployFailure failed(String message) {
        return new DeployFailure(message, Kind.FAILED);
    }

    /** Something outside failed that may work on another attempt (network, a provider's 5xx). */
    public static DeployFailure retryable(String message) {
        return new DeployFailure(message, Kind.RETRYABLE);
    }

    public static DeployFailure cancellation() {
        return new DeployFailure("Cancelled", Kind.CANCELLED);
    }

    /** The new release failed its health check and the environment still serves the previous one. */
    public static DeployFailure keptPrevious(String message) {
        return new DeployFailure(message, Kind.KEPT_PREVIOUS);
    }

    /** The deployment was cancelled while this step ran. */
    public boolean cancelled() {
        return kind == Kind.CANCELLED;
    }

    public boolean retryable() {
        return kind == Kind.RETRYABLE;
    }

    /** The new release failed its health check and the environment still serves the previous one. */
    public boolean keptPrevious() {
        return kind == Kind.KEPT_PREVIOUS;
    }
}
