package dev.autodeploy.auth.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * {@link VercelClient} over HTTP, as Vercel documents integrations: {@code POST /v2/oauth/access_token}
 * (form: client_id, client_secret, code, redirect_uri) answers {@code {access_token, token_type,
 * installation_id, user_id, team_id}}; {@code GET /v2/user} answers {@code {user: {id, username, ...}}}.
 */
final class HttpVercelClient implements VercelClient {

    private static final Logger log = LoggerFactory.getLogger(HttpVercelClient.class);
    private static final String VERCEL = "Vercel";

    private final RestClient api;
    private final String clientId;
    private final String clientSecret;

    HttpVercelClient(RestClient api, String clientId, String clientSecret) {
        this.api = api;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    private record TokenResponse(@JsonProperty("access_token") String accessToken,
            @JsonProperty("team_id") String teamId) {

        @Override
        public String toString() {
            return "TokenResponse[accessToken=******, teamId=" + teamId + "]";
        }
    }

    private record UserResponse(User user) {

        private record User(String id, String username) {
        }
    }

    @Override
    public Token exchange(String code, String redirectUri) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("client_id", clientId);
        form.add("client_secret", clientSecret);
        form.add("code", code);
        form.add("redirect_uri", redirectUri);
        TokenResponse response = ProviderCalls.call(VERCEL, "token exchange", () -> {
            try {
                return api.post().uri("/v2/oauth/access_token")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .accept(MediaType.APPLICATION_JSON)
                        .body(form)
                        .retrieve()
                        .body(TokenResponse.class);
            }
            catch (RestClientResponseException ex) {
                if (ex.getStatusCode().isSameCodeAs(HttpStatus.BAD_REQUEST)) {
                    // Vercel's answer to a wrong, expired or used code (a code is valid once, for 30 minutes).
                    log.warn("Vercel refused the token exchange: HTTP 400");
                    throw new OAuthProblems.CodeRejected(VERCEL);
                }
                throw ex;
            }
        });
        if (response.accessToken() == null || response.accessToken().isBlank()) {
            log.warn("Vercel answered the token exchange without a token");
            throw new OAuthProblems.ProviderFailed(VERCEL);
        }
        return new Token(response.accessToken(), response.teamId());
    }

    @Override
    public Account account(String accessToken) {
        UserResponse response = ProviderCalls.call(VERCEL, "user lookup", () -> api.get().uri("/v2/user")
                .headers(headers -> headers.setBearerAuth(accessToken))
                .retrieve()
                .body(UserResponse.class));
        if (response.user() == null || response.user().id() == null) {
            log.warn("Vercel answered the user lookup without a user id");
            throw new OAuthProblems.ProviderFailed(VERCEL);
        }
        return new Account(response.user().id(), response.user().username());
    }
}
