package dev.autodeploy.monitor.stream;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** What every Redis key and channel of this service starts with ({@code autodeploy.redis.key-prefix}); tests get one of their own. */
@Validated
@ConfigurationProperties("autodeploy.redis")
record RedisKeyProperties(@DefaultValue("autodeploy:") @NotNull String keyPrefix) {
}
