-- Hours that received ratings or reviews and still wait for the rollup job. A row is written
-- before the first item of its hour is acknowledged, so a crash cannot lose it; the job deletes
-- it after rolling the hour up, but only if it still has the generation the job took (an item
-- that arrived meanwhile wrote a new generation, and the hour must be rolled up again).
CREATE TABLE rollup_backlog (
    hour       TEXT    NOT NULL PRIMARY KEY,
    generation INTEGER NOT NULL,
    marked_at  TEXT    NOT NULL
) WITHOUT ROWID;

-- Ranges rebuilt by `cxmonitor rollups rebuild`, which may run beside the app: the app's rollup
-- job reads the rows added since it last looked and forgets its cached rollups and baselines
-- for those ranges.
CREATE TABLE rollup_rebuilds (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    from_instant TEXT NOT NULL,
    to_instant   TEXT NOT NULL,
    rebuilt_at   TEXT NOT NULL
);
