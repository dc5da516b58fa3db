package dev.autodeploy.auth.user;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/users/{id}}: a user reads, edits and deletes their own account. Another user's id
 * answers 404, like anything the caller may not see.
 */
@RestController
@RequestMapping("/api/v1/users/{id}")
class UserController {

    record UpdateProfile(@NotBlank @Size(max = 200) String name,
            @Size(max = 2000) @Pattern(regexp = "https://\\S+", message = "must be an https URL") String avatarUrl) {
    }

    private final Accounts accounts;

    UserController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    UserView get(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return UserView.of(accounts.own(caller, id));
    }

    @PutMapping
    UserView update(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @Valid @RequestBody UpdateProfile request) {
        return accounts.updateProfile(accounts.own(caller, id).getId(), request.name().trim(), request.avatarUrl());
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        accounts.delete(accounts.own(caller, id).getId());
    }
}
