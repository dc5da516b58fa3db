-- Accounts, the keys access tokens are signed with, and refresh-token families.

CREATE TABLE app_user (
    id             UUID         PRIMARY KEY,
    email          VARCHAR(320) NOT NULL,
    name           VARCHAR(200) NOT NULL,
    avatar_url     TEXT,
    password_hash  TEXT,
    email_verified BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL
);
-- Email is unique regardless of case: Alice@x.dev and alice@x.dev are one account.
CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email));

-- RSA keys for RS256 access tokens. The private key is stored encrypted (TokenVault); retired
-- keys stay published in the JWKS until every token they signed has expired.
CREATE TABLE signing_key (
    kid         VARCHAR(64) PRIMARY KEY,
    public_key  TEXT        NOT NULL,
    private_key TEXT        NOT NULL,
    status      VARCHAR(16) NOT NULL CHECK (status IN ('active', 'retired')),
    created_at  TIMESTAMPTZ NOT NULL,
    retired_at  TIMESTAMPTZ
);
-- At most one key signs new tokens at any time.
CREATE UNIQUE INDEX signing_key_one_active ON signing_key (status) WHERE status = 'active';

-- Opaque refresh tokens, stored as SHA-256 hashes. Every use rotates the token within its family;
-- presenting a used token again revokes the whole family (reuse detection).
CREATE TABLE refresh_token (
    id          UUID        PRIMARY KEY,
    family_id   UUID        NOT NULL,
    user_id     UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    token_hash  VARCHAR(64) NOT NULL UNIQUE,
    issued_at   TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
CREATE INDEX refresh_token_user_idx ON refresh_token (user_id);
