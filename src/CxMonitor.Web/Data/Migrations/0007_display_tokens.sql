-- Wall screens: a token per screen, paired once by an admin and revocable. Only a SHA-256 hash
-- of each token is kept; the screen holds the token in a long-lived cookie.
CREATE TABLE display_tokens (
    id            TEXT PRIMARY KEY NOT NULL,
    name          TEXT NOT NULL,
    board         TEXT NOT NULL,
    token_hash    BLOB NOT NULL,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    paired_at     TEXT NULL,
    revoked_at    TEXT NULL,
    last_seen_at  TEXT NULL
);
