package dev.autodeploy.deployer.target;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** An environment's settings that its deploy target cannot work with; the message says which and why. */
public class InvalidTargetSettings extends ApiException {

    public InvalidTargetSettings(String detail) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-target-settings", detail);
    }
}
