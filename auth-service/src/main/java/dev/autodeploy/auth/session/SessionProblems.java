package dev.autodeploy.auth.session;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** The ways registering, logging in or refreshing fail, as the client sees them. */
final class SessionProblems {

    private SessionProblems() {
    }

    static final class EmailTaken extends ApiException {
        EmailTaken() {
            super(HttpStatus.CONFLICT, "email-taken", "An account with this email already exists.");
        }
    }

    /** Same answer for an unknown email and a wrong password: an attacker learns nothing. */
    static final class InvalidCredentials extends ApiException {
        InvalidCredentials() {
            super(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Email or password is wrong.");
        }
    }

    static final class InvalidRefreshToken extends ApiException {
        InvalidRefreshToken() {
            super(HttpStatus.UNAUTHORIZED, "invalid-refresh-token",
                    "The refresh token is unknown, expired or revoked. Log in again.");
        }
    }

    static final class AccountGone extends ApiException {
        AccountGone() {
            super(HttpStatus.UNAUTHORIZED, "unauthorized", "The account of this token no longer exists.");
        }
    }

    static final class RefreshTokenReused extends ApiException {
        RefreshTokenReused() {
            super(HttpStatus.UNAUTHORIZED, "refresh-token-reused",
                    "This refresh token was already used; every session of this login has been revoked. Log in again.");
        }
    }
}
