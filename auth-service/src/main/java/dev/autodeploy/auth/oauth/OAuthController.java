package dev.autodeploy.auth.oauth;

import dev.autodeploy.auth.session.SessionRequests.Session;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/auth/github/*}: sign in with GitHub (public). */
@RestController
@RequestMapping("/api/v1/auth")
class OAuthController {

    private final GitHubSignIn github;

    OAuthController(GitHubSignIn github) {
        this.github = github;
    }

    @GetMapping("/github/url")
    OAuthApi.AuthorizationUrl githubUrl(@RequestParam(required = false) String redirectUri) {
        return github.start(redirectUri);
    }

    @PostMapping("/github/callback")
    Session githubCallback(@Valid @RequestBody OAuthApi.Callback callback) {
        return github.complete(callback);
    }
}
