package dev.autodeploy.git;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How a service talks to Git hosts.
 *
 * @param ioTimeout JGit's timeout for each network operation
 * @param lsRemoteTimeout how long resolving a branch or the default branch may take
 * @param cloneTimeout how long a shallow fetch and checkout may take as a whole
 * @param maxCloneSize what a fetch may download and a checkout may hold
 * @param allowedHosts hosts a URL may name although they resolve to internal addresses
 * @param allowFileUrls whether {@code file://} URLs (this machine's disk) may be registered
 * @param workDirectory where clones are made (each deleted after use)
 */
@Validated
@ConfigurationProperties("autodeploy.git")
public record GitProperties(@DefaultValue("30s") @NotNull Duration ioTimeout,
        @DefaultValue("20s") @NotNull Duration lsRemoteTimeout,
        @DefaultValue("3m") @NotNull Duration cloneTimeout,
        @DefaultValue("200MB") @NotNull DataSize maxCloneSize,
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("false") boolean allowFileUrls,
        @NotNull Path workDirectory) {

    public GitProperties {
        allowedHosts = allowedHosts.stream().map(String::strip).filter(host -> !host.isEmpty())
                .map(host -> host.toLowerCase(Locale.ROOT)).toList();
    }

    boolean allowed(String host) {
        return allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /** JGit takes whole seconds; never 0, which would mean "no timeout". */
    int ioTimeoutSeconds() {
        return (int) Math.max(1, ioTimeout.toSeconds());
    }
}
