-- Organizations own everything else on the platform; members hold one role each.

CREATE TABLE organization (
    id            UUID         PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    slug          VARCHAR(63)  NOT NULL UNIQUE,
    plan          VARCHAR(32)  NOT NULL DEFAULT 'free',
    billing_email VARCHAR(320),
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);

CREATE TABLE organization_member (
    organization_id UUID        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    user_id         UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role            VARCHAR(16) NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'viewer')),
    joined_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_member_user_idx ON organization_member (user_id);

-- Single-use invitations; only the hash of the token is kept.
CREATE TABLE invitation (
    id              UUID         PRIMARY KEY,
    organization_id UUID         NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    email           VARCHAR(320) NOT NULL,
    role            VARCHAR(16)  NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'viewer')),
    token_hash      VARCHAR(64)  NOT NULL UNIQUE,
    invited_by      UUID         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    accepted_at     TIMESTAMPTZ,
    declined_at     TIMESTAMPTZ
);
CREATE INDEX invitation_organization_idx ON invitation (organization_id);
