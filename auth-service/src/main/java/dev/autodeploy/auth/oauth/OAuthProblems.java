package dev.autodeploy.auth.oauth;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How an OAuth sign-in or connection fails, as the client sees it. Never a token, code or provider message. */
final class OAuthProblems {

    private OAuthProblems() {
    }

    /** Missing, unknown, expired, already used, or started by someone else: the client starts over. */
    static final class InvalidState extends ApiException {
        InvalidState() {
            super(HttpStatus.BAD_REQUEST, "invalid-oauth-state",
                    "The authorization state is missing, unknown, expired or already used. Start again.");
        }
    }

    static final class RedirectUriNotAllowed extends ApiException {
        RedirectUriNotAllowed() {
            super(HttpStatus.BAD_REQUEST, "redirect-uri-not-allowed", "This redirect URI is not allowed.");
        }
    }

    static final class ProviderNotConfigured extends ApiException {
        ProviderNotConfigured(String provider) {
            super(HttpStatus.NOT_FOUND, "oauth-provider-not-configured",
                    provider + " is not configured on this installation.");
        }
    }

    /** The code was wrong, expired, already used or not issued for this PKCE verifier. */
    static final class CodeRejected extends ApiException {
        CodeRejected(String provider) {
            super(HttpStatus.BAD_REQUEST, "oauth-code-rejected",
                    provider + " rejected the authorization code (expired or already used). Start again.");
        }
    }

    /** The provider failed, did not answer, or refused our own credentials: nothing the user can fix. */
    static final class ProviderFailed extends ApiException {
        ProviderFailed(String provider) {
            super(HttpStatus.BAD_GATEWAY, "oauth-provider-error",
                    "Signing in with " + provider + " failed on " + provider + "'s side or ours. Try again later.");
        }
    }

    static final class NoVerifiedEmail extends ApiException {
        NoVerifiedEmail() {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "no-verified-email",
                    "Your GitHub account has no verified primary email. Verify it on GitHub, then sign in again.");
        }
    }

    /** The account with this email is already connected to a different GitHub account. */
    static final class EmailOwnedByAnotherGitHubAccount extends ApiException {
        EmailOwnedByAnotherGitHubAccount() {
            super(HttpStatus.CONFLICT, "github-account-mismatch",
                    "The account with this email is connected to another GitHub account. Sign in with that one.");
        }
    }

    static final class AccountGone extends ApiException {
        AccountGone() {
            super(HttpStatus.UNAUTHORIZED, "unauthorized", "The account of this token no longer exists.");
        }
    }
}
