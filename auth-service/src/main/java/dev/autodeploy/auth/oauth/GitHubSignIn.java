package dev.autodeploy.auth.oauth;

import java.util.List;

import dev.autodeploy.auth.connection.Provider;
import dev.autodeploy.auth.session.SessionRequests.Session;
import dev.autodeploy.auth.session.Sessions;
import dev.autodeploy.auth.user.User;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sign-in with GitHub, the OAuth web flow with PKCE: {@link #start} hands out the authorize URL and
 * remembers its state; {@link #complete} takes the state back (once), exchanges the code, learns
 * who the account is, finds or creates the user and starts a session like a password login does.
 */
@Component
class GitHubSignIn {

    private static final String GITHUB = "GitHub";

    private final OAuthProperties properties;
    private final OAuthStates states;
    private final GitHubClient github;
    private final GitHubAccounts accounts;
    private final Sessions sessions;

    GitHubSignIn(OAuthProperties properties, OAuthStates states, GitHubClient github, GitHubAccounts accounts,
            Sessions sessions) {
        this.properties = properties;
        this.states = states;
        this.github = github;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    OAuthApi.AuthorizationUrl start(String requestedRedirectUri) {
        OAuthProperties.GitHub app = app();
        String redirectUri = RedirectUris.choose(app.redirectUris(), requestedRedirectUri)
                .orElseThrow(OAuthProblems.RedirectUriNotAllowed::new);
        OAuthStates.Started started = states.start(Provider.GITHUB, redirectUri, null, true);
        String url = UriComponentsBuilder.fromUri(app.webUri()).path("/login/oauth/authorize")
                .queryParam("client_id", app.clientId())
                .queryParam("redirect_uri", redirectUri)
                .queryParam("scope", app.scope())
                .queryParam("state", started.state())
                .queryParam("code_challenge", started.codeChallenge())
                .queryParam("code_challenge_method", "S256")
                .encode().build().toUriString();
        return new OAuthApi.AuthorizationUrl(url, started.state());
    }

    Session complete(OAuthApi.Callback callback) {
        app();
        // Taken out before anything else happens: a replayed state never reaches GitHub a second time.
        OAuthStates.Pending pending = states.take(Provider.GITHUB, callback.state())
                .orElseThrow(OAuthProblems.InvalidState::new);
        GitHubClient.Token token = github.exchange(callback.code(), pending.redirectUri(), pending.codeVerifier());
        GitHubClient.Account account = github.account(token.accessToken());
        List<GitHubClient.Email> emails = github.emails(token.accessToken());
        User user = accounts.signIn(account, emails, token);
        return sessions.signIn(user, "github");
    }

    private OAuthProperties.GitHub app() {
        if (!properties.github().configured()) {
            throw new OAuthProblems.ProviderNotConfigured(GITHUB);
        }
        return properties.github();
    }
}
