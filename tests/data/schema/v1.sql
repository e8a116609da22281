-- aimap schema: migration 1, from PRAGMA user_version 0 to 1,
-- as src/store-schema.c expands it. A released migration never
-- changes (tests/unit/test_schema.c): add a new one instead.

CREATE TABLE questionnaire (
	id INTEGER PRIMARY KEY,
	qid TEXT NOT NULL,
	version INTEGER NOT NULL,
	title TEXT NOT NULL,
	hash TEXT NOT NULL,
	source TEXT NOT NULL,
	added_at TEXT NOT NULL,
	UNIQUE (qid, hash)
);
CREATE TABLE round (
	id INTEGER PRIMARY KEY,
	uuid TEXT NOT NULL UNIQUE,
	code TEXT NOT NULL COLLATE NOCASE UNIQUE,
	name TEXT NOT NULL,
	questionnaire_id INTEGER NOT NULL REFERENCES questionnaire(id),
	state TEXT NOT NULL DEFAULT 'open'
		CHECK (state IN ('open', 'closed')),
	min_group INTEGER NOT NULL DEFAULT 5 CHECK (min_group >= 1),
	created_at TEXT NOT NULL,
	closed_at TEXT
);
CREATE INDEX round_questionnaire ON round(questionnaire_id);
CREATE TABLE round_department (
	round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	name TEXT NOT NULL,
	PRIMARY KEY (round_id, position),
	UNIQUE (round_id, name)
) WITHOUT ROWID;
CREATE TABLE respondent (
	id INTEGER PRIMARY KEY,
	uuid TEXT NOT NULL UNIQUE,
	name TEXT,
	champion_contact INTEGER NOT NULL DEFAULT 0
		CHECK (champion_contact IN (0, 1)),
	created_at TEXT NOT NULL
);
CREATE INDEX respondent_name ON respondent(name COLLATE NOCASE);
CREATE TABLE response (
	id INTEGER PRIMARY KEY,
	uuid TEXT NOT NULL UNIQUE,
	round_id INTEGER NOT NULL REFERENCES round(id),
	respondent_id INTEGER NOT NULL REFERENCES respondent(id),
	department TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN
		('executive', 'manager', 'senior-tech', 'individual')),
	track TEXT NOT NULL CHECK (track IN ('technical', 'citizen')),
	started_at TEXT NOT NULL,
	finished_at TEXT,
	segment TEXT CHECK (segment IN
		('champion', 'willing', 'cautious')),
	subtype TEXT CHECK (subtype IN
		('sharing', 'alone', 'skeptic', 'not-started')),
	adoption REAL,
	UNIQUE (round_id, respondent_id)
);
CREATE INDEX response_round_finished
	ON response(round_id, finished_at);
CREATE INDEX response_respondent ON response(respondent_id);
CREATE TABLE answer (
	response_id INTEGER NOT NULL
		REFERENCES response(id) ON DELETE CASCADE,
	question TEXT NOT NULL,
	choice INTEGER NOT NULL CHECK (choice >= 1),
	answered_at TEXT NOT NULL,
	PRIMARY KEY (response_id, question)
) WITHOUT ROWID;
CREATE TABLE estimate (
	response_id INTEGER NOT NULL
		REFERENCES response(id) ON DELETE CASCADE,
	question TEXT NOT NULL,
	champions INTEGER NOT NULL CHECK (champions BETWEEN 0 AND 100),
	willing INTEGER NOT NULL CHECK (willing BETWEEN 0 AND 100),
	cautious INTEGER NOT NULL CHECK (cautious BETWEEN 0 AND 100),
	answered_at TEXT NOT NULL,
	CHECK (champions + willing + cautious = 100),
	PRIMARY KEY (response_id, question)
) WITHOUT ROWID;
CREATE TABLE response_score (
	response_id INTEGER NOT NULL
		REFERENCES response(id) ON DELETE CASCADE,
	dimension TEXT NOT NULL,
	score REAL NOT NULL,
	PRIMARY KEY (response_id, dimension)
) WITHOUT ROWID;
CREATE TABLE round_tally (
	round_id INTEGER NOT NULL,
	department TEXT NOT NULL,
	role TEXT NOT NULL,
	track TEXT NOT NULL,
	finished INTEGER NOT NULL,
	segment TEXT NOT NULL,
	subtype TEXT NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (round_id, department, role, track, finished,
		segment, subtype)
) WITHOUT ROWID;
CREATE TABLE round_score (
	round_id INTEGER NOT NULL,
	department TEXT NOT NULL,
	role TEXT NOT NULL,
	track TEXT NOT NULL,
	dimension TEXT NOT NULL,
	total REAL NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (round_id, department, role, track, dimension)
) WITHOUT ROWID;
CREATE TABLE round_answer (
	round_id INTEGER NOT NULL,
	question TEXT NOT NULL,
	choice INTEGER NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (round_id, question, choice)
) WITHOUT ROWID;
CREATE TABLE round_estimate (
	round_id INTEGER NOT NULL,
	question TEXT NOT NULL,
	department TEXT NOT NULL,
	role TEXT NOT NULL,
	n INTEGER NOT NULL,
	champions INTEGER NOT NULL,
	willing INTEGER NOT NULL,
	cautious INTEGER NOT NULL,
	PRIMARY KEY (round_id, question, department, role)
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
		dimension, total, n)
	SELECT NEW.round_id, NEW.department, NEW.role,
		NEW.track, c.dimension, +c.score, +1
	FROM response_score c
	WHERE c.response_id = NEW.id
		AND NEW.finished_at IS NOT NULL
	ON CONFLICT (round_id, department, role, track, dimension)
	DO UPDATE SET n = n + excluded.n, total = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE total + excluded.total END;
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
		dimension, total, n)
	SELECT OLD.round_id, OLD.department, OLD.role,
		OLD.track, c.dimension, -c.score, -1
	FROM response_score c
	WHERE c.response_id = OLD.id
		AND OLD.finished_at IS NOT NULL
	ON CONFLICT (round_id, department, role, track, dimension)
	DO UPDATE SET n = n + excluded.n, total = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE total + excluded.total END;
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
END;
CREATE TRIGGER response_tally_update AFTER UPDATE OF round_id,
	department, role, track, finished_at, segment, subtype
	ON response
	WHEN OLD.round_id IS NOT NEW.round_id
	OR OLD.department IS NOT NEW.department
	OR OLD.role IS NOT NEW.role OR OLD.track IS NOT NEW.track
	OR (OLD.finished_at IS NULL) <> (NEW.finished_at IS NULL)
	OR OLD.segment IS NOT NEW.segment
	OR OLD.subtype IS NOT NEW.subtype
BEGIN
	INSERT INTO round_tally (round_id, department, role, track,
		finished, segment, subtype, n)
	VALUES (OLD.round_id, OLD.department, OLD.role,
		OLD.track, OLD.finished_at IS NOT NULL,
		coalesce(OLD.segment, ''), coalesce(OLD.subtype, ''),
		-1)
	ON CONFLICT (round_id, department, role, track, finished,
		segment, subtype) DO UPDATE SET n = n + excluded.n;
	INSERT INTO round_tally (round_id, department, role, track,
		finished, segment, subtype, n)
	VALUES (NEW.round_id, NEW.department, NEW.role,
		NEW.track, NEW.finished_at IS NOT NULL,
		coalesce(NEW.segment, ''), coalesce(NEW.subtype, ''),
		+1)
	ON CONFLICT (round_id, department, role, track, finished,
		segment, subtype) DO UPDATE SET n = n + excluded.n;
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
		dimension, total, n)
	SELECT OLD.round_id, OLD.department, OLD.role,
		OLD.track, c.dimension, -c.score, -1
	FROM response_score c
	WHERE c.response_id = OLD.id
		AND OLD.finished_at IS NOT NULL
	ON CONFLICT (round_id, department, role, track, dimension)
	DO UPDATE SET n = n + excluded.n, total = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE total + excluded.total END;
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
		dimension, total, n)
	SELECT NEW.round_id, NEW.department, NEW.role,
		NEW.track, c.dimension, +c.score, +1
	FROM response_score c
	WHERE c.response_id = NEW.id
		AND NEW.finished_at IS NOT NULL
	ON CONFLICT (round_id, department, role, track, dimension)
	DO UPDATE SET n = n + excluded.n, total = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE total + excluded.total END;
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
CREATE TRIGGER response_score_insert AFTER INSERT ON response_score BEGIN
	INSERT INTO round_score (round_id, department, role, track,
		dimension, total, n)
	SELECT p.round_id, p.department, p.role, p.track,
		NEW.dimension, +NEW.score, +1
	FROM response p
	WHERE p.id = NEW.response_id AND p.finished_at IS NOT NULL
	ON CONFLICT (round_id, department, role, track, dimension)
	DO UPDATE SET n = n + excluded.n, total = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE total + excluded.total END;
END;
CREATE TRIGGER response_score_delete AFTER DELETE ON response_score BEGIN
	INSERT INTO round_score (round_id, department, role, track,
		dimension, total, n)
	SELECT p.round_id, p.department, p.role, p.track,
		OLD.dimension, -OLD.score, -1
	FROM response p
	WHERE p.id = OLD.response_id AND p.finished_at IS NOT NULL
	ON CONFLICT (round_id, department, role, track, dimension)
	DO UPDATE SET n = n + excluded.n, total = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE total + excluded.total END;
END;
CREATE TRIGGER response_score_update AFTER UPDATE OF response_id, dimension, score
	ON response_score BEGIN
	INSERT INTO round_score (round_id, department, role, track,
		dimension, total, n)
	SELECT p.round_id, p.department, p.role, p.track,
		OLD.dimension, -OLD.score, -1
	FROM response p
	WHERE p.id = OLD.response_id AND p.finished_at IS NOT NULL
	ON CONFLICT (round_id, department, role, track, dimension)
	DO UPDATE SET n = n + excluded.n, total = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE total + excluded.total END;
	INSERT INTO round_score (round_id, department, role, track,
		dimension, total, n)
	SELECT p.round_id, p.department, p.role, p.track,
		NEW.dimension, +NEW.score, +1
	FROM response p
	WHERE p.id = NEW.response_id AND p.finished_at IS NOT NULL
	ON CONFLICT (round_id, department, role, track, dimension)
	DO UPDATE SET n = n + excluded.n, total = CASE
		WHEN n + excluded.n = 0 THEN 0
		ELSE total + excluded.total END;
END;
CREATE TRIGGER answer_insert AFTER INSERT ON answer BEGIN
	INSERT INTO round_answer (round_id, question, choice, n)
	SELECT p.round_id, NEW.question, NEW.choice, +1
	FROM response p
	WHERE p.id = NEW.response_id AND p.finished_at IS NOT NULL
	ON CONFLICT (round_id, question, choice)
	DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER answer_delete AFTER DELETE ON answer BEGIN
	INSERT INTO round_answer (round_id, question, choice, n)
	SELECT p.round_id, OLD.question, OLD.choice, -1
	FROM response p
	WHERE p.id = OLD.response_id AND p.finished_at IS NOT NULL
	ON CONFLICT (round_id, question, choice)
	DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER answer_update AFTER UPDATE OF response_id, question, choice
	ON answer BEGIN
	INSERT INTO round_answer (round_id, question, choice, n)
	SELECT p.round_id, OLD.question, OLD.choice, -1
	FROM response p
	WHERE p.id = OLD.response_id AND p.finished_at IS NOT NULL
	ON CONFLICT (round_id, question, choice)
	DO UPDATE SET n = n + excluded.n;
	INSERT INTO round_answer (round_id, question, choice, n)
	SELECT p.round_id, NEW.question, NEW.choice, +1
	FROM response p
	WHERE p.id = NEW.response_id AND p.finished_at IS NOT NULL
	ON CONFLICT (round_id, question, choice)
	DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER estimate_insert AFTER INSERT ON estimate BEGIN
	INSERT INTO round_estimate (round_id, question, department,
		role, n, champions, willing, cautious)
	SELECT p.round_id, NEW.question, p.department, p.role,
		+1, +NEW.champions, +NEW.willing,
		+NEW.cautious
	FROM response p
	WHERE p.id = NEW.response_id AND p.finished_at IS NOT NULL
	ON CONFLICT (round_id, question, department, role)
	DO UPDATE SET n = n + excluded.n,
		champions = champions + excluded.champions,
		willing = willing + excluded.willing,
		cautious = cautious + excluded.cautious;
END;
CREATE TRIGGER estimate_delete AFTER DELETE ON estimate BEGIN
	INSERT INTO round_estimate (round_id, question, department,
		role, n, champions, willing, cautious)
	SELECT p.round_id, OLD.question, p.department, p.role,
		-1, -OLD.champions, -OLD.willing,
		-OLD.cautious
	FROM response p
	WHERE p.id = OLD.response_id AND p.finished_at IS NOT NULL
	ON CONFLICT (round_id, question, department, role)
	DO UPDATE SET n = n + excluded.n,
		champions = champions + excluded.champions,
		willing = willing + excluded.willing,
		cautious = cautious + excluded.cautious;
END;
CREATE TRIGGER estimate_update AFTER UPDATE OF response_id, question, champions, willing, cautious
	ON estimate BEGIN
	INSERT INTO round_estimate (round_id, question, department,
		role, n, champions, willing, cautious)
	SELECT p.round_id, OLD.question, p.department, p.role,
		-1, -OLD.champions, -OLD.willing,
		-OLD.cautious
	FROM response p
	WHERE p.id = OLD.response_id AND p.finished_at IS NOT NULL
	ON CONFLICT (round_id, question, department, role)
	DO UPDATE SET n = n + excluded.n,
		champions = champions + excluded.champions,
		willing = willing + excluded.willing,
		cautious = cautious + excluded.cautious;
	INSERT INTO round_estimate (round_id, question, department,
		role, n, champions, willing, cautious)
	SELECT p.round_id, NEW.question, p.department, p.role,
		+1, +NEW.champions, +NEW.willing,
		+NEW.cautious
	FROM response p
	WHERE p.id = NEW.response_id AND p.finished_at IS NOT NULL
	ON CONFLICT (round_id, question, department, role)
	DO UPDATE SET n = n + excluded.n,
		champions = champions + excluded.champions,
		willing = willing + excluded.willing,
		cautious = cautious + excluded.cautious;
END;
CREATE INDEX response_champion ON response(round_id, finished_at,
	respondent_id, department, subtype) WHERE segment = 'champion';
