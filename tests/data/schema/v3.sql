-- aimap schema: migration 3, from PRAGMA user_version 2 to 3,
-- as src/store-schema.c expands it. A released migration never
-- changes (tests/unit/test_schema.c): add a new one instead.

CREATE TABLE comment (
	response_id INTEGER NOT NULL
		REFERENCES response(id) ON DELETE CASCADE,
	question TEXT NOT NULL,
	text TEXT NOT NULL CHECK (length(CAST(text AS BLOB))
		BETWEEN 1 AND 2000),
	answered_at TEXT NOT NULL,
	PRIMARY KEY (response_id, question)
) WITHOUT ROWID;
