package dev.autodeploy.deployer.cicd;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** STAND-IN until the lead's foundation lands. */
public final class CicdProblems {

    private CicdProblems() {
    }

    public static final class InvalidProviderSettings extends ApiException {
        public InvalidProviderSettings(String detail) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-provider-settings", detail);
        }
    }
}
