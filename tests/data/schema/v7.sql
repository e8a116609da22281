-- aimap schema: migration 7, from PRAGMA user_version 6 to 7,
-- as src/store-schema.c expands it. A released migration never
-- changes (tests/unit/test_schema.c): add a new one instead.

ALTER TABLE round ADD COLUMN small_gaps INTEGER NOT NULL DEFAULT 0
	CHECK (small_gaps IN (0, 1));
