package dev.autodeploy.support.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A domain failure the client should see as an RFC 9457 problem. Services subclass it per
 * failure ({@code ProjectNotFound}, {@code SlugTaken}); {@code problemType} is the stable last
 * segment of the problem's {@code type} URI.
 */
public abstract class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String problemType;

    protected ApiException(HttpStatus status, String problemType, String detail) {
        super(detail);
        this.status = status;
        this.problemType = problemType;
    }

    public HttpStatus status() {
        return status;
    }

    public String problemType() {
        return problemType;
    }

    /** Extra members of the problem (RFC 9457 extensions), such as the list of what was wrong. */
    public Map<String, Object> properties() {
        return Map.of();
    }
}
