-- Which reviews have been stored and at which InfluxDB timestamp, so that a resend is a
-- duplicate and an edit overwrites the same point instead of adding a second review.
CREATE TABLE review_index (
    platform     TEXT    NOT NULL,
    external_id  TEXT    NOT NULL,
    site         TEXT    NOT NULL,
    ts_ns        INTEGER NOT NULL,
    content_hash INTEGER NOT NULL,
    first_seen   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    PRIMARY KEY (platform, external_id)
) WITHOUT ROWID;
