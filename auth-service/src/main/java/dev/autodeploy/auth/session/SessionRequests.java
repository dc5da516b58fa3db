package dev.autodeploy.auth.session;

import java.time.Instant;

import dev.autodeploy.auth.user.UserView;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the session endpoints. */
public final class SessionRequests {

    private SessionRequests() {
    }

    record Register(@NotBlank @Email @Size(max = 320) String email,
            @NotBlank @Size(min = 10, max = 128, message = "must be 10 to 128 characters") String password,
            @NotBlank @Size(max = 200) String name) {
    }

    record Login(@NotBlank @Email String email, @NotBlank @Size(max = 128) String password) {
    }

    record Refresh(@NotBlank @Size(max = 200) String refreshToken) {
    }

    /** What a successful register, login or refresh returns. */
    public record Session(UserView user, String accessToken, String tokenType, long expiresIn, Instant expiresAt,
            String refreshToken, Instant refreshTokenExpiresAt) {
    }
}
