-- Personal entries: actions on a user's own account (sign-ins, profile changes, provider connections) that belong to
-- no organization. They have no organization_id and name the account in user_id; an organization's entries keep
-- user_id null, so neither log can show the other's rows. Still append-only: the V4 triggers stay as they are.

ALTER TABLE audit_entries ALTER COLUMN organization_id DROP NOT NULL;
ALTER TABLE audit_entries ADD COLUMN user_id UUID;
ALTER TABLE audit_entries ADD CONSTRAINT audit_entries_organization_or_user
    CHECK (organization_id IS NOT NULL OR user_id IS NOT NULL);

CREATE INDEX audit_entries_personal_user_seq_idx ON audit_entries (user_id, seq) WHERE organization_id IS NULL;
