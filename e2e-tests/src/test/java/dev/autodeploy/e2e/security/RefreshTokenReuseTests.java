package dev.autodeploy.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

import dev.autodeploy.e2e.support.Accounts;
import dev.autodeploy.e2e.support.Api;
import dev.autodeploy.e2e.support.Suite;

/**
 * Rotating refresh tokens: presenting a used one is refused and revokes its whole family (so the thief and the
 * victim both lose that session), while the user's other sessions live on.
 */
@Tag("security")
@ExtendWith(Suite.class)
class RefreshTokenReuseTests {

    @Test
    void reusingARefreshTokenRevokesItsWholeFamilyButNotOtherSessions(Suite suite) {
        // auth-service itself: the gateway's auth limit (10 a minute per address) would only slow this down.
        Api api = new SecurityTarget(suite).direct("auth-service");
        Accounts accounts = new Accounts(api);
        Accounts.User user = accounts.register("refresh-reuse");
        Accounts.User otherSession = accounts.login(user);

        JsonNode rotated = refresh(accounts, api, user.refreshToken()).expect(200);
        String next = rotated.get("refreshToken").asString();
        assertThat(next).isNotEqualTo(user.refreshToken());
        api.as(rotated.get("accessToken").asString()).get("/api/v1/auth/me").expect(200);

        Api.Response reuse = refresh(accounts, api, user.refreshToken());
        assertThat(reuse.status()).as("reuse: %s", reuse).isEqualTo(401);
        assertThat(reuse.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reuse.json().get("type").asString()).endsWith("/refresh-token-reused");

        Api.Response familyMember = refresh(accounts, api, next);
        assertThat(familyMember.status()).as("the rotated token after the reuse: %s", familyMember).isEqualTo(401);
        assertThat(refresh(accounts, api, user.refreshToken()).status()).as("the reused one, again").isEqualTo(401);

        JsonNode other = refresh(accounts, api, otherSession.refreshToken()).expect(200);
        assertThat(other.get("user").get("id").asString()).isEqualTo(user.id());
    }

    @Test
    void unknownAndMalformedRefreshTokensAreRefused(Suite suite) {
        // auth-service itself: the gateway's auth limit (10 a minute per address) would only slow this down.
        Api api = new SecurityTarget(suite).direct("auth-service");
        Accounts accounts = new Accounts(api);
        for (String token : new String[] {"not-a-token", "x".repeat(200), "' or '1'='1"}) {
            Api.Response response = refresh(accounts, api, token);
            assertThat(response.status()).as("%s → %s", token, response).isIn(400, 401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    private static Api.Response refresh(Accounts accounts, Api api, String token) {
        return accounts.withinAuthLimit(() -> api.post("/api/v1/auth/refresh", Map.of("refreshToken", token)));
    }
}
