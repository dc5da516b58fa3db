package dev.autodeploy.auth.oauth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.autodeploy.auth.connection.Provider;
import dev.autodeploy.auth.session.TokenHashes;
import dev.autodeploy.support.redis.RedisKeyProperties;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authorizations that have been started but not completed, in Redis: the {@code state} sent to the
 * provider (256 random bits) names the PKCE verifier, the redirect URI and, for connections, the
 * user who started it. Each expires after {@code autodeploy.oauth.state-ttl} and is taken out with
 * GETDEL, so a state completes at most one authorization even when replayed concurrently. Keys hold
 * a hash of the state, so listing Redis keys reveals no usable state.
 */
@Component
class OAuthStates {

    private static final Pattern STATE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final OAuthProperties properties;
    private final String keyPrefix;
    private final SecureRandom random = new SecureRandom();

    OAuthStates(StringRedisTemplate redis, JsonMapper json, OAuthProperties properties, RedisKeyProperties keys) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
        this.keyPrefix = keys.keyPrefix() + "oauth-state:";
    }

    /** What the callback needs to finish an authorization. {@code codeVerifier} is null without PKCE. */
    record Pending(String redirectUri, String codeVerifier, UUID userId) {

        @Override
        public String toString() {
            return "Pending[redirectUri=" + redirectUri + ", codeVerifier=******, userId=" + userId + "]";
        }
    }

    /** A started authorization: the state to send and the PKCE challenge (null without PKCE). */
    record Started(String state, String codeChallenge) {
    }

    Started start(Provider provider, String redirectUri, UUID userId, boolean pkce) {
        String state = randomToken();
        String verifier = pkce ? randomToken() : null;
        redis.opsForValue().set(key(provider, state), json.writeValueAsString(new Pending(redirectUri, verifier, userId)),
                properties.stateTtl());
        return new Started(state, verifier == null ? null : Pkce.challenge(verifier));
    }

    /** The pending authorization of {@code state}, removed in the same step; empty when there is none (any more). */
    Optional<Pending> take(Provider provider, String state) {
        if (state == null || !STATE.matcher(state).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(redis.opsForValue().getAndDelete(key(provider, state)))
                .map(stored -> json.readValue(stored, Pending.class));
    }

    private String key(Provider provider, String state) {
        return keyPrefix + provider.wire() + ":" + TokenHashes.sha256(state);
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }
}
