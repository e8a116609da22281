-- aimap schema: migration 2, from PRAGMA user_version 1 to 2,
-- as src/store-schema.c expands it. A released migration never
-- changes (tests/unit/test_schema.c): add a new one instead.

ALTER TABLE round ADD COLUMN held INTEGER NOT NULL DEFAULT 0
	CHECK (held IN (0, 1));
