-- Staff accounts managed from the admin page, sessions that end when an account changes, and the
-- one-time codes that let the first admin pick a password.

ALTER TABLE staff_users
    -- Carried in every token we issue (claim "sv"): raised on deactivation, role or password change,
    -- so that tokens issued before stop working at once.
    ADD COLUMN session_version INTEGER     NOT NULL DEFAULT 0,
    ADD COLUMN updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN last_login_at   TIMESTAMPTZ;

-- Printed at start while no active admin exists; only the hash is kept. Valid for an hour, once.
CREATE TABLE setup_codes (
    code_hash  VARCHAR(64) PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
