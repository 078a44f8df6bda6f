-- Alerts: one row per alert (one open row per rule and scope), its history of who did what
-- when, the ratings and reviews that triggered it, silences, and responders' feedback.
CREATE TABLE alerts (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    rule              TEXT NOT NULL,
    scope             TEXT NOT NULL,
    state             TEXT NOT NULL,
    severity          TEXT NOT NULL,
    route             TEXT NOT NULL,
    labels            TEXT NOT NULL,           -- JSON object
    summary           TEXT NOT NULL,
    description       TEXT NOT NULL,
    vals              TEXT NOT NULL,           -- JSON object: the values when it fired
    since             TEXT NOT NULL,
    fired_at          TEXT NULL,
    acknowledged_at   TEXT NULL,
    acknowledged_by   TEXT NULL,
    assigned_to       TEXT NULL,
    resolved_at       TEXT NULL,
    resolved_by       TEXT NULL,
    last_notified_at  TEXT NULL,
    last_match_at     TEXT NULL,
    escalation_level  INTEGER NOT NULL DEFAULT 0,
    flaps             INTEGER NOT NULL DEFAULT 0,
    notice_seq        INTEGER NOT NULL DEFAULT 0,
    silenced          INTEGER NOT NULL DEFAULT 0,
    feedback          TEXT NULL,               -- useful | noise
    feedback_by       TEXT NULL
);
CREATE UNIQUE INDEX alerts_one_open ON alerts (rule, scope) WHERE state IN ('Pending', 'Firing', 'Acknowledged');
CREATE INDEX alerts_by_time ON alerts (since);

CREATE TABLE alert_history (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id  INTEGER NOT NULL REFERENCES alerts (id),
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,                   -- a person's name, or 'cxmonitor'
    action    TEXT NOT NULL,
    note      TEXT NULL
);
CREATE INDEX alert_history_by_alert ON alert_history (alert_id);

CREATE TABLE alert_triggers (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id  INTEGER NOT NULL REFERENCES alerts (id),
    at        TEXT NOT NULL,
    item      TEXT NOT NULL                    -- JSON of the rating or review
);
CREATE INDEX alert_triggers_by_alert ON alert_triggers (alert_id);

CREATE TABLE alert_silences (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    rule        TEXT NULL,
    site        TEXT NULL,
    labels      TEXT NOT NULL,                 -- JSON object; every pair must match
    starts_at   TEXT NOT NULL,
    ends_at     TEXT NOT NULL,
    author      TEXT NOT NULL,
    comment     TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
