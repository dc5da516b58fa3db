package dev.autodeploy.deployer.target;

/**
 * A build or start command that {@link CommandLine} will not run. The message is meant for the user who wrote the
 * command: it names the offending token and where it is, and never contains a variable's value.
 */
public final class InvalidCommand extends Exception {

    private final int position;

    InvalidCommand(String message, int position) {
        super(position > 0 ? message + " at position " + position : message, null, false, false);
        this.position = position;
    }

    InvalidCommand(String message) {
        this(message, 0);
    }

    /** Where in the command text the problem is, counting characters from 1; 0 when it is not at one place. */
    public int position() {
        return position;
    }
}
