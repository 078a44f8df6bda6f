-- Several nodes write the same alert: a tick on one and a person's acknowledge on another at the
-- same instant. Each write says which version it decided on and bumps it; a write whose version
-- is gone changes nothing, and its node decides again from the row as stored (decision 0025).
ALTER TABLE alerts ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
