package dev.autodeploy.deployer.envvar;

import java.util.List;
import java.util.Map;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How environment-variable operations fail, as the client sees it. No message ever holds a value. */
final class VariableProblems {

    private VariableProblems() {
    }

    static final class VariableNotFound extends ApiException {
        VariableNotFound(String key) {
            super(HttpStatus.NOT_FOUND, "variable-not-found", "The environment has no variable " + key + ".");
        }
    }

    static final class VariableExists extends ApiException {
        VariableExists(String key) {
            super(HttpStatus.CONFLICT, "variable-exists",
                    "The environment already has " + key + "; PUT /env/" + key + " changes it.");
        }
    }

    static final class ReservedVariable extends ApiException {
        ReservedVariable(String key) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "reserved-variable",
                    key + " is set by the deploy target itself (the port the app must listen on).");
        }
    }

    static final class InvalidKey extends ApiException {
        InvalidKey(String key) {
            super(HttpStatus.BAD_REQUEST, "validation", "A variable name is letters, digits and _, not starting"
                    + " with a digit, at most 255 characters" + (key.length() > 255 ? "." : "; '" + key + "' is not."));
        }
    }

    /** A {@code .env} text with errors: each problem by line, never with the value. Nothing was imported. */
    static final class InvalidDotenv extends ApiException {

        private final List<Map<String, Object>> problems;

        InvalidDotenv(List<Map<String, Object>> problems) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-dotenv",
                    "The .env text has " + problems.size() + " problem(s); nothing was imported.");
            this.problems = problems;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("problems", problems);
        }
    }
}
