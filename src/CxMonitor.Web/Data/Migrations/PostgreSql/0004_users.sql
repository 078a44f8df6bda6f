-- As the shared 0004; SQLite's COLLATE NOCASE becomes a case-insensitive ICU collation, so
-- 'Anna' and 'anna' are one person here too (and its unique key says so).
CREATE COLLATION IF NOT EXISTS nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

CREATE TABLE users (
    user_name             TEXT PRIMARY KEY NOT NULL COLLATE nocase,
    display_name          TEXT NOT NULL,
    roles                 TEXT NOT NULL,
    password_hash         TEXT NOT NULL,
    must_change_password  BIGINT NOT NULL DEFAULT 0,
    failed_sign_ins       BIGINT NOT NULL DEFAULT 0,
    locked_until          TEXT NULL,
    created_at            TEXT NOT NULL,
    disabled_at           TEXT NULL,
    last_sign_in_at       TEXT NULL
);
