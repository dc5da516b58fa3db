package dev.autodeploy.deployer.database;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How database operations fail, as the client sees it. */
final class DatabaseProblems {

    private DatabaseProblems() {
    }

    static final class DatabaseNotFound extends ApiException {
        DatabaseNotFound() {
            super(HttpStatus.NOT_FOUND, "database-not-found", "No such database.");
        }
    }

    static final class DatabaseExists extends ApiException {
        DatabaseExists() {
            super(HttpStatus.CONFLICT, "database-exists", "The environment has a database already.");
        }
    }

    static final class ReservedVariable extends ApiException {
        ReservedVariable(String key) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "reserved-variable", key + " is set by the deploy target itself.");
        }
    }

    static final class ServerUnavailable extends ApiException {
        ServerUnavailable(String state) {
            super(HttpStatus.BAD_GATEWAY, "database-server-unavailable",
                    "The Postgres server did not do it (SQL state " + state + "); try again.");
        }
    }
}
