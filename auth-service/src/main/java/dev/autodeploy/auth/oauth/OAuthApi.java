package dev.autodeploy.auth.oauth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the OAuth endpoints. */
final class OAuthApi {

    private OAuthApi() {
    }

    /**
     * Which providers are configured: {@code github} signs people in, {@code vercel} is connected to
     * an account. Nothing else about them (client ids, redirect URIs) is told.
     */
    record Providers(boolean github, boolean vercel) {
    }

    /** Where to send the user, and the state the provider will hand back with the code. */
    record AuthorizationUrl(String url, String state) {
    }

    /**
     * What the provider handed back to the redirect URI. {@code state} is checked by the flow, not
     * here, so that a missing state is answered like any other invalid one.
     */
    record Callback(@NotBlank @Size(max = 512) String code, String state) {

        @Override
        public String toString() {
            return "Callback[code=******, state=******]";
        }
    }
}
