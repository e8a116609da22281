-- aimap schema: migration 4, from PRAGMA user_version 3 to 4,
-- as src/store-schema.c expands it. A released migration never
-- changes (tests/unit/test_schema.c): add a new one instead.

ALTER TABLE response ADD COLUMN resume_hash TEXT;
CREATE UNIQUE INDEX response_resume ON response(resume_hash)
	WHERE resume_hash IS NOT NULL;
ALTER TABLE response ADD COLUMN abandoned_at TEXT;
