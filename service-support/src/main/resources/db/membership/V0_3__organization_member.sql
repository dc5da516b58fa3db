-- Who is a member of which organization with which role: this service's copy of auth-service's
-- membership, kept from OrganizationMemberChanged / UserDeleted events (service-support's
-- membership module). Applied only in services with autodeploy.membership.enabled=true.
CREATE TABLE organization_member (
    organization_id UUID         NOT NULL,
    user_id         UUID         NOT NULL,
    role            VARCHAR(20)  NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'viewer')),
    -- when auth-service made the change: an older event never overwrites a newer one
    changed_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_member_by_user ON organization_member (user_id);
