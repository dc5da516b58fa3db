package dev.autodeploy.auth.connection;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How connection operations fail, as the client sees them. */
final class ConnectionProblems {

    private ConnectionProblems() {
    }

    /** Also the answer about another user: whether that user exists is not revealed. */
    static final class UserNotFound extends ApiException {
        UserNotFound() {
            super(HttpStatus.NOT_FOUND, "user-not-found", "No such user.");
        }
    }

    static final class ConnectionNotFound extends ApiException {
        ConnectionNotFound() {
            super(HttpStatus.NOT_FOUND, "connection-not-found", "No such connection.");
        }
    }

    static final class AccountLinkedToAnotherUser extends ApiException {
        AccountLinkedToAnotherUser(Provider provider) {
            super(HttpStatus.CONFLICT, "provider-account-taken", "This " + provider.wire()
                    + " account is already connected to another AutoDeploy account; unlink it there first.");
        }
    }
}
