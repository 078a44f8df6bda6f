-- The site catalog: every location that sends ratings, with its local time and opening hours.
CREATE TABLE sites (
    id            TEXT PRIMARY KEY NOT NULL,  -- lower-case slug, the 'site' tag in InfluxDB
    name          TEXT NOT NULL,
    time_zone     TEXT NOT NULL,              -- IANA id, e.g. Europe/Berlin
    opening_hours TEXT NOT NULL,              -- JSON object: {"Mon": "09:00-21:00", "Sun": "closed", ...}
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
