-- As the shared 0008, without SQLite's WITHOUT ROWID.
-- Where each review feed stands: what the platform said last (ETag, Last-Modified), where a
-- paged read stopped (cursor), the newest review seen (high water), failures and backoff, and
-- counters for the admin page. Feeds themselves are configuration (Feeds:Sources).
CREATE TABLE feed_state (
    name           TEXT    NOT NULL PRIMARY KEY,
    etag           TEXT,
    last_modified  TEXT,
    cursor         TEXT,
    high_water     TEXT,
    last_attempt   TEXT,
    last_success   TEXT,
    last_error     TEXT,
    last_error_at  TEXT,
    failures       BIGINT NOT NULL DEFAULT 0,
    retry_at       TEXT,
    items_seen     BIGINT NOT NULL DEFAULT 0,
    items_new      BIGINT NOT NULL DEFAULT 0,
    items_updated  BIGINT NOT NULL DEFAULT 0,
    items_rejected BIGINT NOT NULL DEFAULT 0
);

-- Signatures of pushed messages already taken, kept past the 5-minute tolerance so a captured
-- message cannot be replayed, also not after a restart.
CREATE TABLE feed_push_seen (
    feed      TEXT NOT NULL,
    signature TEXT NOT NULL,
    seen_at   TEXT NOT NULL,
    PRIMARY KEY (feed, signature)
);
