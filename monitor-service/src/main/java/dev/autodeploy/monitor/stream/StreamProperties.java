package dev.autodeploy.monitor.stream;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the live log and status streams treat their clients ({@code autodeploy.monitor.streams}).
 *
 * @param heartbeatInterval a WebSocket ping is sent this often
 * @param heartbeatTimeout a client that answered no ping for this long is closed (1008)
 * @param sendTimeLimit a client whose socket accepted nothing for this long while a message was being sent is
 *        closed (1013): it stopped reading
 * @param sendBufferLimit messages queued for one client beyond this many bytes close it (1013); nothing waits for it
 * @param replayBufferLimit live lines held for one client while its backlog is replayed; beyond, it is closed (1013)
 * @param backlogPageSize lines read from the database per query while replaying a backlog
 * @param checkInterval how often heartbeats and stuck sends are looked at
 */
@Validated
@ConfigurationProperties("autodeploy.monitor.streams")
public record StreamProperties(@DefaultValue("20s") @NotNull Duration heartbeatInterval,
        @DefaultValue("60s") @NotNull Duration heartbeatTimeout,
        @DefaultValue("10s") @NotNull Duration sendTimeLimit,
        @DefaultValue("1MB") @NotNull DataSize sendBufferLimit,
        @DefaultValue("10000") @Min(1) int replayBufferLimit,
        @DefaultValue("500") @Min(1) @Max(10000) int backlogPageSize,
        @DefaultValue("500ms") @NotNull Duration checkInterval) {
}
