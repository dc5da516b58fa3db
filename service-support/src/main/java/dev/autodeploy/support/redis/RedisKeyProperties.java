package dev.autodeploy.support.redis;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What every Redis key and channel of a service starts with ({@code autodeploy.redis.key-prefix}); tests get one of
 * their own. A service that uses Redis enables it with {@code @EnableConfigurationProperties}.
 */
@Validated
@ConfigurationProperties("autodeploy.redis")
public record RedisKeyProperties(@DefaultValue("autodeploy:") @NotNull String keyPrefix) {
}
