package dev.autodeploy.auth.oauth;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * {@link GitHubClient} over HTTP: {@code POST /login/oauth/access_token} on github.com (which
 * answers 200 with {@code {error, error_description}} when it refuses), then {@code GET /user} and
 * {@code GET /user/emails} on the REST API with the token as a bearer token.
 */
final class HttpGitHubClient implements GitHubClient {

    private static final Logger log = LoggerFactory.getLogger(HttpGitHubClient.class);
    private static final String GITHUB = "GitHub";
    private static final ParameterizedTypeReference<List<EmailResponse>> EMAILS = new ParameterizedTypeReference<>() {
    };

    private final RestClient web;
    private final RestClient api;
    private final String clientId;
    private final String clientSecret;

    /** @param web github.com (authorize and token endpoints) @param api GitHub's REST API */
    HttpGitHubClient(RestClient web, RestClient api, String clientId, String clientSecret) {
        this.web = web;
        this.api = api;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    private record TokenResponse(@JsonProperty("access_token") String accessToken, String scope, String error) {

        @Override
        public String toString() {
            return "TokenResponse[accessToken=******, scope=" + scope + ", error=" + error + "]";
        }
    }

    private record UserResponse(Long id, String login, String name, @JsonProperty("avatar_url") String avatarUrl) {
    }

    private record EmailResponse(String email, boolean primary, boolean verified) {
    }

    @Override
    public Token exchange(String code, String redirectUri, String codeVerifier) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("client_id", clientId);
        form.add("client_secret", clientSecret);
        form.add("code", code);
        form.add("redirect_uri", redirectUri);
        form.add("code_verifier", codeVerifier);
        TokenResponse response = ProviderCalls.call(GITHUB, "token exchange", () -> web.post()
                .uri("/login/oauth/access_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .body(form)
                .retrieve()
                .body(TokenResponse.class));
        if (response.error() != null) {
            log.warn("GitHub refused the token exchange: {}", ProviderCalls.errorCode(response.error()));
            // A wrong, expired or used code, or a verifier it was not issued for; anything else is our configuration.
            throw "bad_verification_code".equals(response.error()) ? new OAuthProblems.CodeRejected(GITHUB)
                    : new OAuthProblems.ProviderFailed(GITHUB);
        }
        if (response.accessToken() == null || response.accessToken().isBlank()) {
            log.warn("GitHub answered the token exchange without a token");
            throw new OAuthProblems.ProviderFailed(GITHUB);
        }
        List<String> scopes = response.scope() == null ? List.of()
                : Arrays.stream(response.scope().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new Token(response.accessToken(), scopes);
    }

    @Override
    public Account account(String accessToken) {
        UserResponse user = ProviderCalls.call(GITHUB, "user lookup", () -> api.get().uri("/user")
                .headers(headers -> headers.setBearerAuth(accessToken))
                .retrieve()
                .body(UserResponse.class));
        if (user.id() == null || user.login() == null) {
            log.warn("GitHub answered the user lookup without an id or login");
            throw new OAuthProblems.ProviderFailed(GITHUB);
        }
        return new Account(user.id(), user.login(), user.name(), user.avatarUrl());
    }

    @Override
    public List<Email> emails(String accessToken) {
        return ProviderCalls.call(GITHUB, "email lookup", () -> {
            try {
                return api.get().uri("/user/emails?per_page=100")
                        .headers(headers -> headers.setBearerAuth(accessToken))
                        .retrieve()
                        .body(EMAILS)
                        .stream().map(e -> new Email(e.email(), e.primary(), e.verified())).toList();
            }
            catch (RestClientResponseException ex) {
                if (ex.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)
                        || ex.getStatusCode().isSameCodeAs(HttpStatus.FORBIDDEN)) {
                    // The token lacks user:email: the account is known, its emails are not.
                    log.warn("GitHub did not show the account's emails: HTTP {}", ex.getStatusCode().value());
                    return List.of();
                }
                throw ex;
            }
        });
    }
}
