-- The organizations' audit log: every mutating action any service records (AuditRecorded on
-- autodeploy.audit.events), collected here. Append-only: rows are never changed or removed, so
-- no foreign key to organization or app_user either (an entry outlives the org and the user).

CREATE TABLE audit_entries (
    seq             BIGSERIAL    PRIMARY KEY,
    event_id        UUID         NOT NULL UNIQUE,
    organization_id UUID         NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    collected_at    TIMESTAMPTZ  NOT NULL,
    service         VARCHAR(64)  NOT NULL,
    actor_type      VARCHAR(16)  NOT NULL,
    actor_id        UUID,
    -- The actor's email when the entry was collected (a snapshot: later changes or deletion don't rewrite it).
    actor_email     VARCHAR(320),
    action          VARCHAR(128) NOT NULL,
    target_type     VARCHAR(64)  NOT NULL,
    target_id       VARCHAR(255) NOT NULL,
    before          JSONB,
    after           JSONB,
    request_id      VARCHAR(128),
    ip              VARCHAR(64),
    user_agent      VARCHAR(512)
);
CREATE INDEX audit_entries_organization_seq_idx ON audit_entries (organization_id, seq);

CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entries is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_entries_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();

CREATE TRIGGER audit_entries_no_truncate
    BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
