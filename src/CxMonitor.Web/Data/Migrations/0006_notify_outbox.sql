-- Every notification is written here before it is sent, one row per notice and channel, and
-- marked sent once the channel took it; retried with backoff until then.
CREATE TABLE notify_outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id         INTEGER NOT NULL,
    sequence         INTEGER NOT NULL,
    channel          TEXT NOT NULL,
    group_key        TEXT NOT NULL,             -- channel, route and site: a burst there becomes one message
    notice           TEXT NOT NULL,             -- JSON of the AlertNotice
    status           TEXT NOT NULL,             -- pending | sent | failed
    attempts         INTEGER NOT NULL DEFAULT 0,
    due_at           TEXT NOT NULL,             -- not before: the end of the grouping window
    next_attempt_at  TEXT NOT NULL,
    last_error       TEXT NULL,
    created_at       TEXT NOT NULL,
    sent_at          TEXT NULL,
    UNIQUE (alert_id, sequence, channel)
);
CREATE INDEX notify_outbox_due ON notify_outbox (status, next_attempt_at);
CREATE INDEX notify_outbox_by_alert ON notify_outbox (alert_id);
