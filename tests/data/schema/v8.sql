-- aimap schema: migration 8, from PRAGMA user_version 7 to 8,
-- as src/store-schema.c expands it. A released migration never
-- changes (tests/unit/test_schema.c): add a new one instead.

DROP TRIGGER response_insert;
DROP TRIGGER response_delete;
DROP TRIGGER response_totals_update;
DROP TRIGGER response_score_insert;
DROP TRIGGER response_score_delete;
DROP TRIGGER response_score_update;
ALTER TABLE round_score ADD COLUMN squares REAL NOT NULL DEFAULT 0;
CREATE TABLE round_adoption (
	round_id INTEGER NOT NULL,
	adoption REAL NOT NULL,
	department TEXT NOT NULL,
	role TEXT NOT NULL,
	track TEXT NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (round_id, adoption, department, role, track)
) WITHOUT ROWID;
CREATE TRIGGER response_insert AFTER INSERT ON response BEGIN
	INSERT INTO round_tally (round_id, department, role, track,
		finished, segment, subtype, n)
	VALUES (NEW.round_id, NEW.department, NEW.role,
		NEW.track, NEW.finished_at IS NOT NULL,
		coalesce(NEW.segment, ''), coalesce(NEW.subtype, ''),
		+1)
	ON CONFLICT (round_id, department, role, track, finished,
		segment, subtype) DO UPDATE SET n = n + excluded.n;
	INSERT INTO round_score (round_id, department, role, track,
		dimension, total, squares, n)
	SELECT NEW.round_id, NEW.department, NEW.role,
		NEW.track, c.dimension, +c.score,
		+c.score * c.score, +1
	FROM response_score c
	WHERE c.response_id = NEW.id
		AND NEW.finished_at IS NOT NULL
	ON CONFLICT (round_id, department, role, track, dimension)
	DO UPDATE SET n = n + excluded.n, total = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE total + excluded.total END, squares = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE squares + excluded.squares END;
	INSERT INTO round_answer (round_id, question, choice, n)
	SELECT NEW.round_id, a.question, a.choice, +1
	FROM answer a
	WHERE a.response_id = NEW.id
		AND NEW.finished_at IS NOT NULL
	ON CONFLICT (round_id, question, choice)
	DO UPDATE SET n = n + excluded.n;
	INSERT INTO round_estimate (round_id, question, department,
		role, n, champions, willing, cautious)
	SELECT NEW.round_id, e.question, NEW.department,
		NEW.role, +1, +e.champions, +e.willing,
		+e.cautious
	FROM estimate e
	WHERE e.response_id = NEW.id
		AND NEW.finished_at IS NOT NULL
	ON CONFLICT (round_id, question, department, role)
	DO UPDATE SET n = n + excluded.n,
		champions = champions + excluded.champions,
		willing = willing + excluded.willing,
		cautious = cautious + excluded.cautious;
	INSERT INTO round_adoption (round_id, adoption, department,
		role, track, n)
	SELECT NEW.round_id, NEW.adoption, NEW.department,
		NEW.role, NEW.track, +1
	WHERE NEW.finished_at IS NOT NULL
		AND NEW.adoption IS NOT NULL
	ON CONFLICT (round_id, adoption, department, role, track)
	DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER response_delete BEFORE DELETE ON response BEGIN
	INSERT INTO round_tally (round_id, department, role, track,
		finished, segment, subtype, n)
	VALUES (OLD.round_id, OLD.department, OLD.role,
		OLD.track, OLD.finished_at IS NOT NULL,
		coalesce(OLD.segment, ''), coalesce(OLD.subtype, ''),
		-1)
	ON CONFLICT (round_id, department, role, track, finished,
		segment, subtype) DO UPDATE SET n = n + excluded.n;
	INSERT INTO round_score (round_id, department, role, track,
		dimension, total, squares, n)
	SELECT OLD.round_id, OLD.department, OLD.role,
		OLD.track, c.dimension, -c.score,
		-c.score * c.score, -1
	FROM response_score c
	WHERE c.response_id = OLD.id
		AND OLD.finished_at IS NOT NULL
	ON CONFLICT (round_id, department, role, track, dimension)
	DO UPDATE SET n = n + excluded.n, total = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE total + excluded.total END, squares = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE squares + excluded.squares END;
	INSERT INTO round_answer (round_id, question, choice, n)
	SELECT OLD.round_id, a.question, a.choice, -1
	FROM answer a
	WHERE a.response_id = OLD.id
		AND OLD.finished_at IS NOT NULL
	ON CONFLICT (round_id, question, choice)
	DO UPDATE SET n = n + excluded.n;
	INSERT INTO round_estimate (round_id, question, department,
		role, n, champions, willing, cautious)
	SELECT OLD.round_id, e.question, OLD.department,
		OLD.role, -1, -e.champions, -e.willing,
		-e.cautious
	FROM estimate e
	WHERE e.response_id = OLD.id
		AND OLD.finished_at IS NOT NULL
	ON CONFLICT (round_id, question, department, role)
	DO UPDATE SET n = n + excluded.n,
		champions = champions + excluded.champions,
		willing = willing + excluded.willing,
		cautious = cautious + excluded.cautious;
	INSERT INTO round_adoption (round_id, adoption, department,
		role, track, n)
	SELECT OLD.round_id, OLD.adoption, OLD.department,
		OLD.role, OLD.track, -1
	WHERE OLD.finished_at IS NOT NULL
		AND OLD.adoption IS NOT NULL
	ON CONFLICT (round_id, adoption, department, role, track)
	DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER response_totals_update AFTER UPDATE OF id, round_id,
	department, role, track, finished_at ON response
	WHEN (OLD.finished_at IS NOT NULL OR NEW.finished_at IS NOT NULL)
	AND (OLD.id IS NOT NEW.id OR OLD.round_id IS NOT NEW.round_id
	OR OLD.department IS NOT NEW.department
	OR OLD.role IS NOT NEW.role OR OLD.track IS NOT NEW.track
	OR (OLD.finished_at IS NULL) <> (NEW.finished_at IS NULL))
BEGIN
	INSERT INTO round_score (round_id, department, role, track,
		dimension, total, squares, n)
	SELECT OLD.round_id, OLD.department, OLD.role,
		OLD.track, c.dimension, -c.score,
		-c.score * c.score, -1
	FROM response_score c
	WHERE c.response_id = OLD.id
		AND OLD.finished_at IS NOT NULL
	ON CONFLICT (round_id, department, role, track, dimension)
	DO UPDATE SET n = n + excluded.n, total = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE total + excluded.total END, squares = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE squares + excluded.squares END;
	INSERT INTO round_answer (round_id, question, choice, n)
	SELECT OLD.round_id, a.question, a.choice, -1
	FROM answer a
	WHERE a.response_id = OLD.id
		AND OLD.finished_at IS NOT NULL
	ON CONFLICT (round_id, question, choice)
	DO UPDATE SET n = n + excluded.n;
	INSERT INTO round_estimate (round_id, question, department,
		role, n, champions, willing, cautious)
	SELECT OLD.round_id, e.question, OLD.department,
		OLD.role, -1, -e.champions, -e.willing,
		-e.cautious
	FROM estimate e
	WHERE e.response_id = OLD.id
		AND OLD.finished_at IS NOT NULL
	ON CONFLICT (round_id, question, department, role)
	DO UPDATE SET n = n + excluded.n,
		champions = champions + excluded.champions,
		willing = willing + excluded.willing,
		cautious = cautious + excluded.cautious;
	INSERT INTO round_score (round_id, department, role, track,
		dimension, total, squares, n)
	SELECT NEW.round_id, NEW.department, NEW.role,
		NEW.track, c.dimension, +c.score,
		+c.score * c.score, +1
	FROM response_score c
	WHERE c.response_id = NEW.id
		AND NEW.finished_at IS NOT NULL
	ON CONFLICT (round_id, department, role, track, dimension)
	DO UPDATE SET n = n + excluded.n, total = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE total + excluded.total END, squares = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE squares + excluded.squares END;
	INSERT INTO round_answer (round_id, question, choice, n)
	SELECT NEW.round_id, a.question, a.choice, +1
	FROM answer a
	WHERE a.response_id = NEW.id
		AND NEW.finished_at IS NOT NULL
	ON CONFLICT (round_id, question, choice)
	DO UPDATE SET n = n + excluded.n;
	INSERT INTO round_estimate (round_id, question, department,
		role, n, champions, willing, cautious)
	SELECT NEW.round_id, e.question, NEW.department,
		NEW.role, +1, +e.champions, +e.willing,
		+e.cautious
	FROM estimate e
	WHERE e.response_id = NEW.id
		AND NEW.finished_at IS NOT NULL
	ON CONFLICT (round_id, question, department, role)
	DO UPDATE SET n = n + excluded.n,
		champions = champions + excluded.champions,
		willing = willing + excluded.willing,
		cautious = cautious + excluded.cautious;
END;
CREATE TRIGGER response_adoption_update AFTER UPDATE OF round_id,
	department, role, track, finished_at, adoption ON response
	WHEN (OLD.finished_at IS NOT NULL AND OLD.adoption IS NOT NULL
	OR NEW.finished_at IS NOT NULL AND NEW.adoption IS NOT NULL)
	AND (OLD.round_id IS NOT NEW.round_id
	OR OLD.department IS NOT NEW.department
	OR OLD.role IS NOT NEW.role OR OLD.track IS NOT NEW.track
	OR (OLD.finished_at IS NULL) <> (NEW.finished_at IS NULL)
	OR OLD.adoption IS NOT NEW.adoption)
BEGIN
	INSERT INTO round_adoption (round_id, adoption, department,
		role, track, n)
	SELECT OLD.round_id, OLD.adoption, OLD.department,
		OLD.role, OLD.track, -1
	WHERE OLD.finished_at IS NOT NULL
		AND OLD.adoption IS NOT NULL
	ON CONFLICT (round_id, adoption, department, role, track)
	DO UPDATE SET n = n + excluded.n;
	INSERT INTO round_adoption (round_id, adoption, department,
		role, track, n)
	SELECT NEW.round_id, NEW.adoption, NEW.department,
		NEW.role, NEW.track, +1
	WHERE NEW.finished_at IS NOT NULL
		AND NEW.adoption IS NOT NULL
	ON CONFLICT (round_id, adoption, department, role, track)
	DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER response_score_insert AFTER INSERT ON response_score BEGIN
	INSERT INTO round_score (round_id, department, role, track,
		dimension, total, squares, n)
	SELECT p.round_id, p.department, p.role, p.track,
		NEW.dimension, +NEW.score,
		+NEW.score * NEW.score, +1
	FROM response p
	WHERE p.id = NEW.response_id AND p.finished_at IS NOT NULL
	ON CONFLICT (round_id, department, role, track, dimension)
	DO UPDATE SET n = n + excluded.n, total = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE total + excluded.total END, squares = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE squares + excluded.squares END;
END;
CREATE TRIGGER response_score_delete AFTER DELETE ON response_score BEGIN
	INSERT INTO round_score (round_id, department, role, track,
		dimension, total, squares, n)
	SELECT p.round_id, p.department, p.role, p.track,
		OLD.dimension, -OLD.score,
		-OLD.score * OLD.score, -1
	FROM response p
	WHERE p.id = OLD.response_id AND p.finished_at IS NOT NULL
	ON CONFLICT (round_id, department, role, track, dimension)
	DO UPDATE SET n = n + excluded.n, total = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE total + excluded.total END, squares = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE squares + excluded.squares END;
END;
CREATE TRIGGER response_score_update AFTER UPDATE OF response_id, dimension, score
	ON response_score BEGIN
	INSERT INTO round_score (round_id, department, role, track,
		dimension, total, squares, n)
	SELECT p.round_id, p.department, p.role, p.track,
		OLD.dimension, -OLD.score,
		-OLD.score * OLD.score, -1
	FROM response p
	WHERE p.id = OLD.response_id AND p.finished_at IS NOT NULL
	ON CONFLICT (round_id, department, role, track, dimension)
	DO UPDATE SET n = n + excluded.n, total = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE total + excluded.total END, squares = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE squares + excluded.squares END;
	INSERT INTO round_score (round_id, department, role, track,
		dimension, total, squares, n)
	SELECT p.round_id, p.department, p.role, p.track,
		NEW.dimension, +NEW.score,
		+NEW.score * NEW.score, +1
	FROM response p
	WHERE p.id = NEW.response_id AND p.finished_at IS NOT NULL
	ON CONFLICT (round_id, department, role, track, dimension)
	DO UPDATE SET n = n + excluded.n, total = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE total + excluded.total END, squares = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE squares + excluded.squares END;
END;
CREATE INDEX response_people ON response(round_id, respondent_id,
	department, role, track, segment, finished_at)
	WHERE finished_at IS NOT NULL;
DROP INDEX response_champion;
CREATE INDEX response_champion ON response(round_id, respondent_id,
	department, subtype, finished_at)
	WHERE segment = 'champion' AND finished_at IS NOT NULL;
INSERT INTO round_score (round_id, department, role, track,
	dimension, total, squares, n)
SELECT p.round_id, p.department, p.role, p.track, c.dimension,
	sum(c.score), sum(c.score * c.score), count(*)
FROM response p JOIN response_score c ON c.response_id = p.id
WHERE p.finished_at IS NOT NULL AND (1)
GROUP BY p.round_id, p.department, p.role, p.track, c.dimension
ON CONFLICT (round_id, department, role, track, dimension)
DO UPDATE SET squares = excluded.squares;
INSERT INTO round_adoption (round_id, adoption, department, role,
	track, n)
SELECT p.round_id, p.adoption, p.department, p.role, p.track,
	count(*)
FROM response p
WHERE p.finished_at IS NOT NULL AND p.adoption IS NOT NULL
	AND (1)
GROUP BY p.round_id, p.adoption, p.department, p.role, p.track;
