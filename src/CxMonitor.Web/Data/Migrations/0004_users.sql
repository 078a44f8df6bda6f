-- People who sign in to the dashboards. Passwords are kept only as PasswordHasher<T> hashes
-- (PBKDF2 with a per-password salt); roles are a comma-separated subset of Admin, Manager, Duty, Executive.
CREATE TABLE users (
    user_name             TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
    display_name          TEXT NOT NULL,
    roles                 TEXT NOT NULL,
    password_hash         TEXT NOT NULL,
    must_change_password  INTEGER NOT NULL DEFAULT 0,
    failed_sign_ins       INTEGER NOT NULL DEFAULT 0,
    locked_until          TEXT NULL,
    created_at            TEXT NOT NULL,
    disabled_at           TEXT NULL,
    last_sign_in_at       TEXT NULL
);
