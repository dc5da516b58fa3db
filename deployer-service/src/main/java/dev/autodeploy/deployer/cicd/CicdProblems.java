package dev.autodeploy.deployer.cicd;

import java.util.Map;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How registering and using CI/CD providers fails, as the client sees it. */
public final class CicdProblems {

    private CicdProblems() {
    }

    public static final class ProviderNotFound extends ApiException {
        ProviderNotFound() {
            super(HttpStatus.NOT_FOUND, "cicd-provider-not-found", "No such CI/CD provider.");
        }
    }

    public static final class UnknownType extends ApiException {
        UnknownType(String type, Iterable<String> known) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-cicd-provider-type", "This deployer cannot work with '"
                    + type + "' providers; it knows " + String.join(", ", known) + ".");
        }
    }

    /** A registration the provider's type cannot work with. */
    public static final class InvalidProviderSettings extends ApiException {
        public InvalidProviderSettings(String detail) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-cicd-provider-settings", detail);
        }
    }

    public static final class NameTaken extends ApiException {
        NameTaken(String name) {
            super(HttpStatus.CONFLICT, "cicd-provider-name-taken",
                    "The organization already has a CI/CD provider named '" + name + "'.");
        }
    }

    public static final class ProviderInUse extends ApiException {

        private final long environments;

        ProviderInUse(long environments) {
            super(HttpStatus.CONFLICT, "cicd-provider-in-use", environments + " environment(s) deploy with this "
                    + "provider; point them at another target first.");
            this.environments = environments;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("environments", environments);
        }
    }

    public static final class InvalidSort extends ApiException {
        InvalidSort(String allowed) {
            super(HttpStatus.BAD_REQUEST, "invalid-sort", "CI/CD providers can be sorted by " + allowed + " only.");
        }
    }
}
