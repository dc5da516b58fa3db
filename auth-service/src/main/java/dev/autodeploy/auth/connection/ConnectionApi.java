package dev.autodeploy.auth.connection;

import java.time.Instant;
import java.util.List;

/** What goes into and comes out of provider connections. None of the views carries a token except {@link ProviderToken}. */
public final class ConnectionApi {

    private ConnectionApi() {
    }

    /**
     * An account a provider has just vouched for, with the token it issued.
     *
     * @param accountId the provider's stable id of the account
     * @param login the account's login or username, for display
     * @param teamId the team the token is scoped to (Vercel), or null
     * @param accessToken the provider's token, stored only encrypted
     * @param scopes what the token was granted
     */
    public record NewConnection(Provider provider, String accountId, String login, String teamId, String accessToken,
            List<String> scopes) {

        /** The token is a secret: a record's generated toString would print it into logs and failure reports. */
        @Override
        public String toString() {
            return "NewConnection[provider=" + provider + ", accountId=" + accountId + ", login=" + login
                    + ", teamId=" + teamId + ", accessToken=******, scopes=" + scopes + "]";
        }
    }

    /** A connection as its owner sees it: never the token. */
    public record ConnectionView(String provider, String accountId, String login, List<String> scopes,
            Instant linkedAt) {
    }

    /** A decrypted provider token, for other services only ({@code /internal}). */
    record ProviderToken(String provider, String accessToken, List<String> scopes, String teamId) {

        @Override
        public String toString() {
            return "ProviderToken[provider=" + provider + ", accessToken=******, scopes=" + scopes + ", teamId=" + teamId
                    + "]";
        }
    }
}
