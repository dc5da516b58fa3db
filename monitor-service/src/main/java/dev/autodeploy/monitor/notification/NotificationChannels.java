package dev.autodeploy.monitor.notification;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code notification_channels} table. Runs in the caller's transaction. */
@Component
class NotificationChannels {

    private static final String COLUMNS = """
            id, organization_id, project_id, name, type, url_ciphertext, url_masked, signing_secret, recipients, events,
            environments, enabled, created_by, created_at, updated_at""";

    private final JdbcClient jdbc;

    NotificationChannels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<NotificationChannel> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_channels WHERE id = ?").param(id)
                .query(NotificationChannels::row).optional();
    }

    List<NotificationChannel> of(UUID organizationId, UUID projectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_channels WHERE organization_id = ? AND project_id = ?"
                + " ORDER BY created_at, id").params(organizationId, projectId).query(NotificationChannels::row).list();
    }

    /** The enabled channels of the project (in its organization) that want {@code event} in {@code environment}. */
    List<NotificationChannel> matching(UUID organizationId, UUID projectId, String event, String environment) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM notification_channels
                WHERE organization_id = ? AND project_id = ? AND enabled AND ? = ANY (events)
                  AND (cardinality(environments) = 0 OR ? = ANY (environments))
                ORDER BY created_at, id""")
                .params(organizationId, projectId, event, environment).query(NotificationChannels::row).list();
    }

    void insert(NotificationChannel channel) {
        jdbc.sql("INSERT INTO notification_channels (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(channel.id(), channel.organizationId(), channel.projectId(), channel.name(),
                        channel.type().wire(), channel.urlCiphertext(), channel.urlMasked(), channel.signingSecret(),
                        array(channel.recipients()), array(channel.events()), array(channel.environments()),
                        channel.enabled(), channel.createdBy(), Timestamp.from(channel.createdAt()),
                        Timestamp.from(channel.updatedAt()))
                .update();
    }

    void update(NotificationChannel channel) {
        jdbc.sql("""
                UPDATE notification_channels SET name = ?, url_ciphertext = ?, url_masked = ?, signing_secret = ?,
                    recipients = ?, events = ?, environments = ?, enabled = ?, updated_at = ?
                WHERE id = ?""")
                .params(channel.name(), channel.urlCiphertext(), channel.urlMasked(), channel.signingSecret(),
                        array(channel.recipients()), array(channel.events()), array(channel.environments()),
                        channel.enabled(), Timestamp.from(channel.updatedAt()), channel.id())
                .update();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM notification_channels WHERE id = ?").param(id).update();
    }

    /** The organizations the monitor has seen the project's deployments under (one, normally; none if unseen). */
    List<UUID> organizationsOfProject(UUID projectId) {
        return jdbc.sql("SELECT DISTINCT organization_id FROM deployments WHERE project_id = ?").param(projectId)
                .query(UUID.class).list();
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }

    private static List<String> list(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static NotificationChannel row(ResultSet rows, int n) throws SQLException {
        return new NotificationChannel(rows.getObject("id", UUID.class), rows.getObject("organization_id", UUID.class),
                rows.getObject("project_id", UUID.class), rows.getString("name"),
                ChannelType.fromWire(rows.getString("type")).orElseThrow(), rows.getString("url_ciphertext"),
                rows.getString("url_masked"), rows.getString("signing_secret"), list(rows.getArray("recipients")),
                list(rows.getArray("events")), list(rows.getArray("environments")), rows.getBoolean("enabled"),
                rows.getObject("created_by", UUID.class), rows.getTimestamp("created_at").toInstant(),
                rows.getTimestamp("updated_at").toInstant());
    }
}
