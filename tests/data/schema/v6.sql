-- aimap schema: migration 6, from PRAGMA user_version 5 to 6,
-- as src/store-schema.c expands it. A released migration never
-- changes (tests/unit/test_schema.c): add a new one instead.

CREATE TABLE action (
	id INTEGER PRIMARY KEY,
	round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
	department TEXT NOT NULL CHECK (length(department) >= 1),
	rule TEXT,
	finding TEXT,
	text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
	owner TEXT,
	due TEXT CHECK (due IS NULL OR date(due) IS due),
	created_at TEXT NOT NULL,
	done_at TEXT
);
CREATE INDEX action_round ON action(round_id);
