package dev.autodeploy.auth.user;

import java.time.Instant;
import java.util.UUID;

/** An account as the API shows it: no password hash, no tokens. */
public record UserView(UUID id, String email, String name, String avatarUrl, boolean emailVerified,
        Instant createdAt) {

    public static UserView of(User user) {
        return new UserView(user.getId(), user.getEmail(), user.getName(), user.getAvatarUrl(),
                user.isEmailVerified(), user.getCreatedAt());
    }
}
