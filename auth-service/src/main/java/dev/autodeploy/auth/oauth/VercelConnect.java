package dev.autodeploy.auth.oauth;

import java.util.List;
import java.util.UUID;

import dev.autodeploy.auth.connection.ConnectionApi.ConnectionView;
import dev.autodeploy.auth.connection.ConnectionApi.NewConnection;
import dev.autodeploy.auth.connection.Provider;
import dev.autodeploy.auth.connection.ProviderConnections;
import dev.autodeploy.auth.user.UserRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Connecting a Vercel account to the logged-in user through the AutoDeploy Vercel integration. Not a
 * sign-in: the state remembers who started it, and only that user can complete it, so nobody can
 * get their own Vercel account attached to someone else's AutoDeploy account. Vercel's integration
 * flow has no PKCE; the single-use state bound to the user stands in for it.
 */
@Component
class VercelConnect {

    private static final String VERCEL = "Vercel";

    private final OAuthProperties properties;
    private final OAuthStates states;
    private final VercelClient vercel;
    private final ProviderConnections connections;
    private final UserRepository users;

    VercelConnect(OAuthProperties properties, OAuthStates states, VercelClient vercel,
            ProviderConnections connections, UserRepository users) {
        this.properties = properties;
        this.states = states;
        this.vercel = vercel;
        this.connections = connections;
        this.users = users;
    }

    OAuthApi.AuthorizationUrl start(UUID userId, String requestedRedirectUri) {
        OAuthProperties.Vercel integration = integration();
        String redirectUri = RedirectUris.choose(integration.redirectUris(), requestedRedirectUri)
                .orElseThrow(OAuthProblems.RedirectUriNotAllowed::new);
        OAuthStates.Started started = states.start(Provider.VERCEL, redirectUri, userId, false);
        String url = UriComponentsBuilder.fromUri(integration.webUri())
                .pathSegment("integrations", integration.integrationSlug(), "new")
                .queryParam("state", started.state())
                .encode().build().toUriString();
        return new OAuthApi.AuthorizationUrl(url, started.state());
    }

    ConnectionView complete(UUID userId, OAuthApi.Callback callback) {
        integration();
        OAuthStates.Pending pending = states.take(Provider.VERCEL, callback.state())
                .filter(started -> userId.equals(started.userId()))
                .orElseThrow(OAuthProblems.InvalidState::new);
        if (!users.existsById(userId)) {
            throw new OAuthProblems.AccountGone();
        }
        VercelClient.Token token = vercel.exchange(callback.code(), pending.redirectUri());
        VercelClient.Account account = vercel.account(token.accessToken());
        return connections.link(userId, new NewConnection(Provider.VERCEL, account.id(), account.username(),
                token.teamId(), token.accessToken(), List.of()));
    }

    private OAuthProperties.Vercel integration() {
        if (!properties.vercel().configured()) {
            throw new OAuthProblems.ProviderNotConfigured(VERCEL);
        }
        return properties.vercel();
    }
}
