package dev.autodeploy.auth.session;

import java.util.UUID;

import dev.autodeploy.auth.user.UserRepository;
import dev.autodeploy.auth.user.UserView;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/auth}: register, login, refresh, logout, me. */
@RestController
@RequestMapping("/api/v1/auth")
class SessionController {

    private final Sessions sessions;
    private final UserRepository users;

    SessionController(Sessions sessions, UserRepository users) {
        this.sessions = sessions;
        this.users = users;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    SessionRequests.Session register(@Valid @RequestBody SessionRequests.Register request) {
        return sessions.register(request);
    }

    @PostMapping("/login")
    SessionRequests.Session login(@Valid @RequestBody SessionRequests.Login request) {
        return sessions.login(request);
    }

    @PostMapping("/refresh")
    SessionRequests.Session refresh(@Valid @RequestBody SessionRequests.Refresh request) {
        return sessions.refresh(request.refreshToken());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@Valid @RequestBody SessionRequests.Refresh request) {
        sessions.logout(request.refreshToken());
    }

    @GetMapping("/me")
    UserView me(@AuthenticationPrincipal Jwt token) {
        return users.findById(UUID.fromString(token.getSubject())).map(UserView::of)
                .orElseThrow(SessionProblems.AccountGone::new);
    }
}
