-- API keys of the sources that send ratings (terminals, survey tools, integrations).
-- Only a SHA-256 hash of each secret is kept: the plaintext key is shown once at creation.
CREATE TABLE api_keys (
    key_id       TEXT PRIMARY KEY NOT NULL,  -- 10 lower-case alphanumerics, the public half of the key
    source       TEXT NOT NULL,
    sites        TEXT NOT NULL,              -- '*' or comma-separated site ids
    secret_hash  BLOB NOT NULL,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT NULL,
    last_used_at TEXT NULL
);
