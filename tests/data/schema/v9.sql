-- aimap schema: migration 9, from PRAGMA user_version 8 to 9,
-- as src/store-schema.c expands it. A released migration never
-- changes (tests/unit/test_schema.c): add a new one instead.

CREATE TABLE questionnaire_model (
	questionnaire_id INTEGER PRIMARY KEY
		REFERENCES questionnaire(id) ON DELETE CASCADE,
	model BLOB NOT NULL
);
