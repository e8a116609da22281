-- aimap schema: migration 10, from PRAGMA user_version 9 to 10,
-- as src/store-schema.c expands it. A released migration never
-- changes (tests/unit/test_schema.c): add a new one instead.

CREATE TABLE people_edits (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n INTEGER NOT NULL
);
INSERT INTO people_edits (id, n) VALUES (1, 0);
CREATE TRIGGER people_respondent_changed
	AFTER UPDATE OF name, champion_contact ON respondent
	WHEN old.name IS NOT new.name
	OR old.champion_contact IS NOT new.champion_contact
BEGIN
	UPDATE people_edits SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER people_response_changed AFTER UPDATE ON response
	WHEN old.finished_at IS NOT NULL
	AND (old.round_id IS NOT new.round_id
	OR old.respondent_id IS NOT new.respondent_id
	OR old.department IS NOT new.department
	OR old.role IS NOT new.role OR old.track IS NOT new.track
	OR old.segment IS NOT new.segment
	OR old.finished_at IS NOT new.finished_at)
BEGIN
	UPDATE people_edits SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER people_response_deleted AFTER DELETE ON response
	WHEN old.finished_at IS NOT NULL
BEGIN
	UPDATE people_edits SET n = n + 1 WHERE id = 1;
END;
