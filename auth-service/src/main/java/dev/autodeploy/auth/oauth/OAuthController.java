package dev.autodeploy.auth.oauth;

import java.util.UUID;

import dev.autodeploy.auth.connection.ConnectionApi.ConnectionView;
import dev.autodeploy.auth.session.SessionRequests.Session;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/auth/github/*}: sign in with GitHub (public). {@code /api/v1/auth/vercel/*}:
 * connect a Vercel account to the logged-in user (needs a login). {@code /api/v1/auth/providers}:
 * which of the two this installation has configured (public: the login page asks before offering
 * "Sign in with GitHub").
 */
@RestController
@RequestMapping("/api/v1/auth")
class OAuthController {

    private final OAuthProperties properties;
    private final GitHubSignIn github;
    private final VercelConnect vercel;

    OAuthController(OAuthProperties properties, GitHubSignIn github, VercelConnect vercel) {
        this.properties = properties;
        this.github = github;
        this.vercel = vercel;
    }

    /** True for a provider whose flow runs; false for one whose endpoints answer 404 not configured. */
    @GetMapping("/providers")
    OAuthApi.Providers providers() {
        return new OAuthApi.Providers(properties.github().configured(), properties.vercel().configured());
    }

    @GetMapping("/github/url")
    OAuthApi.AuthorizationUrl githubUrl(@RequestParam(required = false) String redirectUri) {
        return github.start(redirectUri);
    }

    @PostMapping("/github/callback")
    Session githubCallback(@Valid @RequestBody OAuthApi.Callback callback) {
        return github.complete(callback);
    }

    @GetMapping("/vercel/url")
    OAuthApi.AuthorizationUrl vercelUrl(@AuthenticationPrincipal Jwt caller,
            @RequestParam(required = false) String redirectUri) {
        return vercel.start(userId(caller), redirectUri);
    }

    @PostMapping("/vercel/callback")
    ConnectionView vercelCallback(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody OAuthApi.Callback callback) {
        return vercel.complete(userId(caller), callback);
    }

    /** A user's id; a token of anything else (a service) is no login here. */
    private static UUID userId(Jwt caller) {
        try {
            return UUID.fromString(caller.getSubject());
        }
        catch (IllegalArgumentException notAUser) {
            throw new OAuthProblems.AccountGone();
        }
    }
}
