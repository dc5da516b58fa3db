package dev.autodeploy.analyzer.analysis;

import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.support.redis.RedisKeyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Completed analyses in Redis, keyed by repository, commit and engine version
 * ({@code <prefix>analysis:<repository>:<commit>:<engine version>}), for {@code cache-ttl}. Only an
 * optimisation: when Redis is down or holds something unreadable the table answers instead.
 */
@Component
class AnalysisCache {

    private static final Logger log = LoggerFactory.getLogger(AnalysisCache.class);

    private final StringRedisTemplate redis;
    private final AnalysisJson json;
    private final AnalysisProperties properties;
    private final String prefix;

    AnalysisCache(StringRedisTemplate redis, AnalysisJson json, AnalysisProperties properties,
            RedisKeyProperties keys) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
        this.prefix = keys.keyPrefix() + "analysis:";
    }

    String key(UUID repositoryId, String commit, String engineVersion) {
        return prefix + repositoryId + ":" + commit + ":" + engineVersion;
    }

    Optional<AnalysisApi.AnalysisView> get(UUID repositoryId, String commit, String engineVersion) {
        try {
            String cached = redis.opsForValue().get(key(repositoryId, commit, engineVersion));
            return cached == null ? Optional.empty() : Optional.of(json.readView(cached));
        }
        catch (DataAccessException | JacksonException ex) {
            log.warn("Analysis cache read failed, using the database: {}", ex.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    void put(AnalysisApi.AnalysisView analysis) {
        try {
            redis.opsForValue().set(key(analysis.repository().id(), analysis.commit(), analysis.engineVersion()),
                    json.write(analysis), properties.cacheTtl());
        }
        catch (DataAccessException | JacksonException ex) {
            log.warn("Analysis cache write failed: {}", ex.getClass().getSimpleName());
        }
    }
}
