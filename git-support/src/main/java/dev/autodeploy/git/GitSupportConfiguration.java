package dev.autodeploy.git;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The repository URL policy and the Git remotes it guards, set by {@code autodeploy.git}. */
@AutoConfiguration
@EnableConfigurationProperties(GitProperties.class)
public class GitSupportConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GitUrlPolicy gitUrlPolicy(GitProperties properties) {
        return new GitUrlPolicy(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    GitRemotes gitRemotes(GitProperties properties, GitUrlPolicy policy, ObjectProvider<Clock> clock) {
        // service-support defines the Clock every service uses; the fallback keeps this module usable without it.
        return new GitRemotes(properties, policy, clock.getIfAvailable(Clock::systemUTC));
    }
}
