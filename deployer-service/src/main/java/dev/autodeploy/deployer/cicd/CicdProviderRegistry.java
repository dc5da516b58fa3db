package dev.autodeploy.deployer.cicd;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.support.net.InternalAddresses;
import dev.autodeploy.vault.TokenVault;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CI/CD provider instances organizations register (seed 002's {@code cicd_providers}): admins add, edit, test
 * and remove them, members read them. The secret is stored only as {@link TokenVault} ciphertext bound to the
 * provider's id and is never returned; every registration is checked by its type before it is stored, and its
 * base URL against the internal-address policy. Other organizations' providers answer 404.
 */
@Service
class CicdProviderRegistry {

    static final Map<String, String> SORTABLE = Map.of("name", "name", "type", "type", "createdAt", "created_at");

    private final JdbcClient jdbc;
    private final TokenVault vault;
    private final OrganizationAccess access;
    private final Map<String, CicdProviderType> types;
    private final CicdProperties properties;
    private final JsonMapper json;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CicdProviderRegistry(JdbcClient jdbc, TokenVault vault, OrganizationAccess access, List<CicdProviderType> types,
            CicdProperties properties, JsonMapper json, AuditTrail audit, TransactionTemplate transactions,
            Clock clock) {
        this.audit = audit;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.vault = vault;
        this.access = access;
        this.types = types.stream().collect(Collectors.toUnmodifiableMap(CicdProviderType::type,
                Function.identity()));
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** The row as stored, secret still encrypted. */
    record Row(UUID id, UUID organizationId, String type, String name, URI baseUrl, String username,
            String encryptedSecret, Map<String, String> settings, String status, Instant lastCheckedAt,
            UUID createdBy, Instant createdAt, Instant updatedAt) {

        @Override
        public String toString() {
            return "Row[" + type + " " + name + " (" + id + ")]";
        }
    }

    @Transactional
    CicdProviderApi.ProviderView create(CicdProviderApi.CreateProvider request, UUID userId) {
        access.require(request.organizationId(), userId, Role.ADMIN);
        CicdProviderType type = type(request.type());
        Map<String, String> settings = request.settings() == null ? Map.of() : request.settings();
        checkBaseUrl(request.baseUrl());
        type.checkSettings(request.baseUrl(), request.username(), settings);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String secret = blankToNull(request.secret()) == null ? null : vault.encrypt(request.secret(), context(id));
        try {
            jdbc.sql("""
                    INSERT INTO cicd_providers (id, organization_id, type, name, base_url, username,
                        encrypted_credentials, settings, status, created_by, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'unverified', ?, ?, ?)""")
                    .params(id, request.organizationId(), type.type(), request.name().strip(),
                            request.baseUrl() == null ? null : request.baseUrl().toString(),
                            blankToNull(request.username()), secret, json.writeValueAsString(settings), userId,
                            Timestamp.from(now), Timestamp.from(now))
                    .update();
        }
        catch (DuplicateKeyException taken) {
            throw new CicdProblems.NameTaken(request.name().strip());
        }
        Row created = find(id).orElseThrow();
        audit.record(created.organizationId(), "cicd-provider.created", target(id), null, audited(created));
        return view(created);
    }

    Page<CicdProviderApi.ProviderView> list(UUID organizationId, String type, UUID userId, Pageable pageable) {
        access.require(organizationId, userId, Role.VIEWER);
        StringBuilder order = new StringBuilder();
        for (Sort.Order by : pageable.getSort()) {
            String column = SORTABLE.get(by.getProperty());
            if (column == null) {
                throw new CicdProblems.InvalidSort(String.join(", ", SORTABLE.keySet()));
            }
            order.append(order.isEmpty() ? "" : ", ").append(column).append(by.isAscending() ? " ASC" : " DESC");
        }
        String where = " WHERE organization_id = :organization" + (type == null ? "" : " AND type = :type");
        long total = jdbc.sql("SELECT count(*) FROM cicd_providers" + where)
                .param("organization", organizationId).param("type", type).query(Long.class).single();
        List<CicdProviderApi.ProviderView> page = jdbc.sql("SELECT * FROM cicd_providers" + where + " ORDER BY "
                        + (order.isEmpty() ? "name ASC" : order) + ", id LIMIT :limit OFFSET :offset")
                .param("organization", organizationId).param("type", type)
                .param("limit", pageable.getPageSize()).param("offset", pageable.getOffset())
                .query(this::row).list().stream().map(this::view).toList();
        return new PageImpl<>(page, pageable, total);
    }

    CicdProviderApi.ProviderView get(UUID id, UUID userId) {
        return view(require(id, userId, Role.VIEWER));
    }

    @Transactional
    CicdProviderApi.ProviderView update(UUID id, CicdProviderApi.UpdateProvider request, UUID userId) {
        Row current = require(id, userId, Role.ADMIN);
        URI baseUrl = request.baseUrl() != null ? request.baseUrl() : current.baseUrl();
        String username = request.username() != null ? blankToNull(request.username()) : current.username();
        Map<String, String> settings = request.settings() != null ? request.settings() : current.settings();
        checkBaseUrl(baseUrl);
        type(current.type()).checkSettings(baseUrl, username, settings);
        String secret = request.secret() == null ? current.encryptedSecret()
                : blankToNull(request.secret()) == null ? null : vault.encrypt(request.secret(), context(id));
        boolean connectionChanged = request.baseUrl() != null || request.username() != null
                || request.secret() != null;
        try {
            jdbc.sql("""
                    UPDATE cicd_providers SET name = ?, base_url = ?, username = ?, encrypted_credentials = ?,
                        settings = ?::jsonb, status = ?, updated_at = ? WHERE id = ?""")
                    .params(request.name() != null ? request.name().strip() : current.name(),
                            baseUrl == null ? null : baseUrl.toString(), username, secret,
                            json.writeValueAsString(settings), connectionChanged ? "unverified" : current.status(),
                            Timestamp.from(clock.instant()), id)
                    .update();
        }
        catch (DuplicateKeyException taken) {
            throw new CicdProblems.NameTaken(request.name().strip());
        }
        Row updated = find(id).orElseThrow();
        audit.record(updated.organizationId(), "cicd-provider.updated", target(id), audited(current),
                audited(updated, request.secret() != null));
        return view(updated);
    }

    @Transactional
    void delete(UUID id, UUID userId) {
        Row current = require(id, userId, Role.ADMIN);
        long using = jdbc.sql("SELECT count(*) FROM environments WHERE settings ->> 'providerId' = ?")
                .param(id.toString()).query(Long.class).single();
        if (using > 0) {
            throw new CicdProblems.ProviderInUse(using);
        }
        jdbc.sql("DELETE FROM cicd_providers WHERE id = ?").param(id).update();
        audit.record(current.organizationId(), "cicd-provider.deleted", target(id), audited(current), null);
    }

    /** Calls the provider with the stored credentials and records whether that worked. */
    CicdProviderApi.ConnectionTest test(UUID id, UUID userId) {
        Row row = require(id, userId, Role.DEVELOPER);
        Instant now = clock.instant();
        String detail;
        boolean ok;
        try {
            type(row.type()).testConnection(connection(row));
            ok = true;
            detail = "Connected to " + row.name() + ".";
        }
        catch (ProviderCallException failed) {
            ok = false;
            detail = failed.getMessage();
        }
        String before = row.status();
        String after = ok ? "connected" : "failing";
        boolean connected = ok;
        transactions.executeWithoutResult(tx -> {
            markStatus(id, connected, now);
            audit.record(row.organizationId(), "cicd-provider.tested", target(id), Map.of("status", before),
                    Map.of("status", after));
        });
        return new CicdProviderApi.ConnectionTest(ok, ok ? "connected" : "failing", detail, now);
    }

    void markStatus(UUID id, boolean ok, Instant at) {
        jdbc.sql("UPDATE cicd_providers SET status = ?, last_checked_at = ? WHERE id = ?")
                .params(ok ? "connected" : "failing", Timestamp.from(at), id).update();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("SELECT * FROM cicd_providers WHERE id = ?").param(id).query(this::row).optional();
    }

    CicdConnection connection(Row row) {
        String secret = row.encryptedSecret() == null ? null : vault.decrypt(row.encryptedSecret(), context(row.id()));
        return new CicdConnection(row.id(), row.organizationId(), row.type(), row.name(), row.baseUrl(),
                row.username(), secret, row.settings());
    }

    private Row require(UUID id, UUID userId, Role minimum) {
        Row row = find(id).orElseThrow(CicdProblems.ProviderNotFound::new);
        access.require(row.organizationId(), userId, minimum, CicdProblems.ProviderNotFound::new);
        return row;
    }

    private CicdProviderType type(String type) {
        CicdProviderType found = types.get(type);
        if (found == null) {
            throw new CicdProblems.UnknownType(type, types.keySet().stream().sorted().toList());
        }
        return found;
    }

    /**
     * A provider's base URL is http(s) with a host, and — unless this deployer is allowed to reach internal
     * networks — does not resolve to a loopback, private or link-local address (a registration is not a way to make
     * the deployer call its own neighbours).
     */
    private void checkBaseUrl(URI baseUrl) {
        if (baseUrl == null) {
            return;
        }
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || baseUrl.getHost() == null
                || baseUrl.getUserInfo() != null || baseUrl.getQuery() != null || baseUrl.getFragment() != null) {
            throw new CicdProblems.InvalidProviderSettings("baseUrl must be an http(s) URL with a host and no "
                    + "credentials, query or fragment.");
        }
        if (properties.allowInternalAddresses()) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(baseUrl.getHost())) {
                if (InternalAddresses.isInternal(address)) {
                    throw new CicdProblems.InvalidProviderSettings("baseUrl resolves to an internal address, which "
                            + "this deployer is not allowed to call (autodeploy.deployer.cicd.allow-internal-addresses).");
                }
            }
        }
        catch (UnknownHostException unknown) {
            throw new CicdProblems.InvalidProviderSettings("baseUrl's host " + baseUrl.getHost()
                    + " does not resolve.");
        }
    }

    /**
     * What the audit log keeps of a provider: never its secret, only whether it has one ({@code secretChanged}
     * when an update replaced it).
     */
    private record ProviderAudit(String type, String name, URI baseUrl, String username, boolean hasSecret,
            Boolean secretChanged, Map<String, String> settings, String status) {
    }

    private static ProviderAudit audited(Row row) {
        return audited(row, null);
    }

    private static ProviderAudit audited(Row row, Boolean secretChanged) {
        return new ProviderAudit(row.type(), row.name(), row.baseUrl(), row.username(), row.encryptedSecret() != null,
                secretChanged, row.settings(), row.status());
    }

    private static AuditTarget target(UUID id) {
        return AuditTarget.of("cicd-provider", id);
    }

    private CicdProviderApi.ProviderView view(Row row) {
        return new CicdProviderApi.ProviderView(row.id(), row.organizationId(), row.type(), row.name(),
                row.baseUrl(), row.username(), row.encryptedSecret() != null, row.settings(), row.status(),
                row.lastCheckedAt(), row.createdBy(), row.createdAt(), row.updatedAt());
    }

    private Row row(ResultSet rs, int rowNumber) throws SQLException {
        String baseUrl = rs.getString("base_url");
        Timestamp checked = rs.getTimestamp("last_checked_at");
        Map<String, String> settings = new LinkedHashMap<>(json.readValue(rs.getString("settings"),
                new TypeReference<Map<String, String>>() { }));
        return new Row(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getString("type"), rs.getString("name"), baseUrl == null ? null : URI.create(baseUrl),
                rs.getString("username"), rs.getString("encrypted_credentials"), settings, rs.getString("status"),
                checked == null ? null : checked.toInstant(), rs.getObject("created_by", UUID.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    static String context(UUID providerId) {
        return "cicd-provider:" + providerId;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
