-- aimap schema: migration 5, from PRAGMA user_version 4 to 5,
-- as src/store-schema.c expands it. A released migration never
-- changes (tests/unit/test_schema.c): add a new one instead.

CREATE TABLE secret_salt (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	salt TEXT NOT NULL
);
INSERT INTO secret_salt (id, salt)
	VALUES (1, lower(hex(randomblob(16))));
ALTER TABLE round ADD COLUMN invitations_only INTEGER NOT NULL
	DEFAULT 0 CHECK (invitations_only IN (0, 1));
CREATE TABLE invitation (
	id INTEGER PRIMARY KEY,
	round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
	number INTEGER NOT NULL,
	code_hash TEXT NOT NULL UNIQUE,
	department TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN
		('executive', 'manager', 'senior-tech', 'individual')),
	track TEXT NOT NULL CHECK (track IN ('technical', 'citizen')),
	person TEXT,
	email TEXT,
	response_id INTEGER UNIQUE
		REFERENCES response(id) ON DELETE SET NULL,
	created_at TEXT NOT NULL,
	revoked_at TEXT,
	UNIQUE (round_id, number)
);
CREATE TRIGGER invitation_finished AFTER UPDATE OF finished_at
	ON response WHEN NEW.finished_at IS NOT NULL BEGIN
	UPDATE invitation SET person = NULL, email = NULL
		WHERE response_id = NEW.id;
END;
