-- As the shared 0011, with the case-insensitive collation of 0004.
-- Sessions of people, kept on the server: the cookie only names its session, and every request
-- checks the row, so signing out, a password change or reset, disabling and a role change end
-- a session at once (the cookie alone would stay valid until it expires).
CREATE TABLE person_sessions (
    session_id    TEXT PRIMARY KEY NOT NULL,
    user_name     TEXT NOT NULL COLLATE nocase,
    created_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    ended_at      TEXT NULL,
    ended_because TEXT NULL
);
CREATE INDEX person_sessions_open ON person_sessions (user_name) WHERE ended_at IS NULL;

-- Failed sign-ins under names that are no active person (unknown or disabled): counted and locked
-- exactly like a person's, so the answers never tell which names exist.
CREATE TABLE sign_in_failures (
    name          TEXT PRIMARY KEY NOT NULL COLLATE nocase,
    failed        BIGINT NOT NULL DEFAULT 0,
    locked_until  TEXT NULL,
    updated_at    TEXT NOT NULL
);
