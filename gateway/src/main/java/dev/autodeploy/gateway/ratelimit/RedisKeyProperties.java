package dev.autodeploy.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the suite's keys live in a shared Redis.
 *
 * @param keyPrefix put before every key (tests set a unique one per run)
 */
@ConfigurationProperties("autodeploy.redis")
public record RedisKeyProperties(@DefaultValue("autodeploy:") String keyPrefix) {
}
