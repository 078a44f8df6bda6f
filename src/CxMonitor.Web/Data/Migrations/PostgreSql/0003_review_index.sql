-- As the shared 0003, without SQLite's WITHOUT ROWID (PostgreSQL tables have no rowid).
CREATE TABLE review_index (
    platform     TEXT   NOT NULL,
    external_id  TEXT   NOT NULL,
    site         TEXT   NOT NULL,
    ts_ns        BIGINT NOT NULL,
    content_hash BIGINT NOT NULL,
    first_seen   TEXT   NOT NULL,
    updated_at   TEXT   NOT NULL,
    PRIMARY KEY (platform, external_id)
);
