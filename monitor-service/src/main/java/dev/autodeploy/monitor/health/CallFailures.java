package dev.autodeploy.monitor.health;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/**
 * What went wrong with an outgoing call (a probe, a webhook), in words fit for a stored result or a log: the kind of
 * failure only, never the exception's message (which can hold the URL, and a URL can hold a token).
 */
public final class CallFailures {

    private CallFailures() {
    }

    public static String describe(Throwable failure) {
        Throwable root = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
                return "timed out";
            }
            if (cause instanceof ConnectException) {
                return "connection refused or unreachable";
            }
            if (cause instanceof UnknownHostException) {
                return "the host does not resolve";
            }
            root = cause;
        }
        return "request failed (" + root.getClass().getSimpleName() + ")";
    }
}
