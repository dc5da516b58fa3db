-- Accounts at GitHub and Vercel linked to a user, with the provider's access token.

CREATE TABLE provider_connection (
    id                  UUID         PRIMARY KEY,
    user_id             UUID         NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    provider            VARCHAR(32)  NOT NULL CHECK (provider IN ('github', 'vercel')),
    -- The provider's stable id of the account (GitHub's numeric user id, Vercel's user id), never the login.
    provider_account_id VARCHAR(255) NOT NULL,
    login               VARCHAR(255),
    -- Vercel: the team the integration was installed for (API calls need it); null for a personal account.
    provider_team_id    VARCHAR(255),
    -- Space-separated, as granted by the provider.
    scopes              TEXT         NOT NULL DEFAULT '',
    -- TokenVault ciphertext bound to user_id; never the token itself.
    access_token        TEXT         NOT NULL,
    linked_at           TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL,
    -- One provider account belongs to one user (sign-in finds the user by it) ...
    CONSTRAINT provider_connection_account_key UNIQUE (provider, provider_account_id),
    -- ... and a user has at most one account per provider.
    CONSTRAINT provider_connection_user_key UNIQUE (user_id, provider)
);
