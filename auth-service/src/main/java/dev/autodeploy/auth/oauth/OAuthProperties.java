package dev.autodeploy.auth.oauth;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in with GitHub and connecting Vercel ({@code autodeploy.oauth}). A provider whose client id,
 * client secret (from the environment) or redirect URIs are missing is switched off: its endpoints
 * answer 404 instead of the service refusing to start.
 *
 * @param stateTtl how long an authorization started by {@code /url} may be completed
 * @param connectTimeout connect timeout towards the providers
 * @param readTimeout read timeout towards the providers
 */
@Validated
@ConfigurationProperties("autodeploy.oauth")
record OAuthProperties(@DefaultValue("10m") @NotNull Duration stateTtl,
        @DefaultValue("2s") @NotNull Duration connectTimeout,
        @DefaultValue("10s") @NotNull Duration readTimeout,
        @DefaultValue @Valid GitHub github,
        @DefaultValue @Valid Vercel vercel) {

    /**
     * A GitHub OAuth app.
     *
     * @param webUri where users authorize and codes are exchanged ({@code /login/oauth/...})
     * @param apiUri GitHub's REST API
     * @param scope the scopes asked for, space-separated
     * @param redirectUris the callback URLs registered with the app; the first is used when the
     *        client names none, any other must be named exactly
     */
    record GitHub(String clientId, String clientSecret,
            @DefaultValue("https://github.com") @NotNull URI webUri,
            @DefaultValue("https://api.github.com") @NotNull URI apiUri,
            @DefaultValue("read:user user:email repo") @NotNull String scope,
            @DefaultValue List<URI> redirectUris) {

        GitHub {
            redirectUris = RedirectUris.checked("github", redirectUris);
        }

        boolean configured() {
            return present(clientId) && present(clientSecret) && !redirectUris.isEmpty();
        }

        @Override
        public String toString() {
            return "GitHub[clientId=" + clientId + ", clientSecret=" + masked(clientSecret) + ", webUri=" + webUri
                    + ", apiUri=" + apiUri + ", scope=" + scope + ", redirectUris=" + redirectUris + "]";
        }
    }

    /**
     * A Vercel integration: users install it at {@code <webUri>/integrations/<integrationSlug>/new};
     * Vercel then redirects to the integration's redirect URL, one of {@code redirectUris}.
     */
    record Vercel(String clientId, String clientSecret, String integrationSlug,
            @DefaultValue("https://vercel.com") @NotNull URI webUri,
            @DefaultValue("https://api.vercel.com") @NotNull URI apiUri,
            @DefaultValue List<URI> redirectUris) {

        Vercel {
            redirectUris = RedirectUris.checked("vercel", redirectUris);
        }

        boolean configured() {
            return present(clientId) && present(clientSecret) && present(integrationSlug) && !redirectUris.isEmpty();
        }

        @Override
        public String toString() {
            return "Vercel[clientId=" + clientId + ", clientSecret=" + masked(clientSecret) + ", integrationSlug="
                    + integrationSlug + ", webUri=" + webUri + ", apiUri=" + apiUri + ", redirectUris=" + redirectUris
                    + "]";
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String masked(String secret) {
        return present(secret) ? "******" : "(none)";
    }
}
