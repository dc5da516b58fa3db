package dev.autodeploy.auth.oauth;

/**
 * Vercel as connecting an account needs it: the integration's code exchange and whom the token
 * belongs to. Failures are {@link OAuthProblems}: a rejected code, or Vercel failing (never its message).
 */
interface VercelClient {

    /** Exchanges the code Vercel sent to the integration's redirect URL for an access token. */
    Token exchange(String code, String redirectUri);

    /** The Vercel user the token belongs to. */
    Account account(String accessToken);

    /** @param teamId the team the integration was installed for; null when installed for a personal account */
    record Token(String accessToken, String teamId) {

        @Override
        public String toString() {
            return "Token[accessToken=******, teamId=" + teamId + "]";
        }
    }

    record Account(String id, String username) {
    }
}
