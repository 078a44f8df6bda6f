-- Languages (issue 14). A person's own language follows them to every browser (NULL: the
-- browser's). An alert keeps what its texts are made from, so each reader gets them in their own
-- language: the rule's kind and the rule author's summary and description templates per language
-- (JSON {"summary": {"en": ...}, "description": {...}}), fixed when the alert fired like the
-- English summary beside them. Portable SQL: plain ADD COLUMN works in SQLite and PostgreSQL.
ALTER TABLE users ADD COLUMN language TEXT NULL;
ALTER TABLE alerts ADD COLUMN kind TEXT NULL;
ALTER TABLE alerts ADD COLUMN templates TEXT NULL;
