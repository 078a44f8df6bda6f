-- Capture: kiosk terminals and the contact details survey customers chose to leave.
-- A terminal is paired once: the pairing code's hash is cleared when a screen uses it, and the
-- screen then holds its own device token, of which only a SHA-256 hash (hex) is kept here.
CREATE TABLE capture_terminals (
    id              TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL,
    site            TEXT NOT NULL,
    touchpoint      TEXT NOT NULL,
    channel         TEXT NOT NULL,
    scale           TEXT NOT NULL,
    question        TEXT NOT NULL,
    follow_up       INTEGER NOT NULL,
    repeat_ms       BIGINT NOT NULL,
    pairing_hash    TEXT NULL,
    token_hash      TEXT NULL,
    repeats         BIGINT NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    paired_at       TEXT NULL,
    revoked_at      TEXT NULL,
    last_seen_at    TEXT NULL
);

-- Only where the customer ticked the consent box: read by the alert console (roles that work
-- alerts), keyed by the rating's id as stored in InfluxDB.
CREATE TABLE capture_contacts (
    rating_id   TEXT PRIMARY KEY NOT NULL,
    site        TEXT NOT NULL,
    touchpoint  TEXT NOT NULL,
    contact     TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX capture_contacts_site ON capture_contacts (site, created_at);

-- Public surveys: a short code per site and touchpoint, behind the survey link, its QR code and
-- the web widget. Revoking one stops its page and its answers at once.
CREATE TABLE capture_surveys (
    code        TEXT PRIMARY KEY NOT NULL,
    site        TEXT NOT NULL,
    touchpoint  TEXT NOT NULL,
    channel     TEXT NOT NULL,
    scale       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    revoked_at  TEXT NULL
);
