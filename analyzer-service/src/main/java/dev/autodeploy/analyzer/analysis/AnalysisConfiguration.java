package dev.autodeploy.analyzer.analysis;

import dev.autodeploy.analyzer.engine.RepositoryAnalyzer;
import dev.autodeploy.support.redis.RedisKeyProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The detection engine (one thread-safe instance), analysis settings, and the sweep's schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({ AnalysisProperties.class, RedisKeyProperties.class })
class AnalysisConfiguration {

    @Bean
    RepositoryAnalyzer repositoryAnalyzer() {
        return new RepositoryAnalyzer();
    }
}
