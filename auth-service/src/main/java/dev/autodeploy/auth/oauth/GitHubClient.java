package dev.autodeploy.auth.oauth;

import java.util.List;

/**
 * GitHub as sign-in needs it: the OAuth web flow's code exchange and whom the token belongs to.
 * Failures are {@link OAuthProblems}: a rejected code, or GitHub failing (never its message).
 */
interface GitHubClient {

    /** Exchanges an authorization code (with the PKCE verifier it was issued for) for an access token. */
    Token exchange(String code, String redirectUri, String codeVerifier);

    /** The account the token belongs to. */
    Account account(String accessToken);

    /** The account's email addresses; empty when the token may not read them. */
    List<Email> emails(String accessToken);

    /** A user access token and the scopes GitHub granted it. */
    record Token(String accessToken, List<String> scopes) {

        @Override
        public String toString() {
            return "Token[accessToken=******, scopes=" + scopes + "]";
        }
    }

    /** @param id GitHub's stable user id (a login can be renamed) */
    record Account(long id, String login, String name, String avatarUrl) {
    }

    record Email(String email, boolean primary, boolean verified) {
    }
}
