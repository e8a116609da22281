-- Grow a benchmark database to :n responses in round BENCH.
--
-- Input: a database made by aimap itself (round new BENCH, then a few
-- submits, which are the templates), and the parameter :n, set by
-- run.sh with: sqlite3 -cmd '.parameter set :n 100000' FILE < grow.sql
--
-- Every new response copies one template's answers, scores and
-- classification (so they stay consistent with each other and with the
-- track), under a new respondent with a fresh name and UUIDs, and takes
-- a department and role in turn. The last :unfinished responses are left
-- unfinished: a few answers, no scores, no classification. The schema's
-- constraints and foreign keys all hold (run.sh checks them after).
.bail on
.parameter set :unfinished 8
PRAGMA foreign_keys = ON;
-- one big write; the result is checked and checkpointed before use
PRAGMA journal_mode = DELETE;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;
BEGIN IMMEDIATE;

CREATE TEMP TABLE base AS
SELECT r.id AS round_id,
       (SELECT max(id) FROM respondent) - (SELECT max(id) FROM response)
           AS respondent_offset,
       (SELECT count(*) FROM response p WHERE p.round_id = r.id)
           AS templates,
       (SELECT count(*) FROM round_department d WHERE d.round_id = r.id)
           AS departments
FROM round r WHERE r.code = 'BENCH';

CREATE TEMP TABLE template AS
SELECT row_number() OVER (ORDER BY p.id) - 1 AS k, p.id, p.track,
       p.segment, p.subtype, p.adoption
FROM response p JOIN base b ON p.round_id = b.round_id;

CREATE TEMP TABLE department AS
SELECT d.position AS k, d.name
FROM round_department d JOIN base b ON d.round_id = b.round_id;

-- One row per new response, with the random bits of its two UUIDs drawn
-- here: a scalar subquery of randomblob() would be evaluated only once.
CREATE TEMP TABLE seq AS
WITH RECURSIVE c(i) AS (
    SELECT (SELECT max(id) FROM response) + 1
    UNION ALL
    SELECT i + 1 FROM c WHERE i < :n
)
SELECT i, lower(hex(randomblob(16))) AS h1, lower(hex(randomblob(16))) AS h2,
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-40 days',
                '+' || (i * 17) || ' seconds') AS started,
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-40 days',
                '+' || (i * 17 + 600) || ' seconds') AS finished,
       i > :n - :unfinished AS unfinished
FROM c;

-- h as a version 4 UUID: 8-4-4-4-12, version nibble 4, variant 8..b
CREATE TEMP VIEW seq_uuid AS
SELECT s.*,
       substr(h1, 1, 8) || '-' || substr(h1, 9, 4) || '-4' ||
       substr(h1, 14, 3) || '-' ||
       substr('89ab', 1 + (instr('0123456789abcdef', substr(h1, 17, 1)) - 1)
                          % 4, 1) ||
       substr(h1, 18, 3) || '-' || substr(h1, 21, 12) AS respondent_uuid,
       substr(h2, 1, 8) || '-' || substr(h2, 9, 4) || '-4' ||
       substr(h2, 14, 3) || '-' ||
       substr('89ab', 1 + (instr('0123456789abcdef', substr(h2, 17, 1)) - 1)
                          % 4, 1) ||
       substr(h2, 18, 3) || '-' || substr(h2, 21, 12) AS response_uuid
FROM seq s;

-- every tenth respondent anonymous, every third willing to be a contact
INSERT INTO respondent (id, uuid, name, champion_contact, created_at)
SELECT s.i + b.respondent_offset, s.respondent_uuid,
       CASE WHEN s.i % 10 = 0 THEN NULL ELSE 'Person ' || s.i END,
       s.i % 3 = 0, s.started
FROM seq_uuid s, base b
ORDER BY s.i;

INSERT INTO response (id, uuid, round_id, respondent_id, department, role,
                      track, started_at, finished_at, segment, subtype,
                      adoption)
SELECT s.i, s.response_uuid, b.round_id, s.i + b.respondent_offset, d.name,
       CASE s.i % 7 WHEN 0 THEN 'executive' WHEN 1 THEN 'manager'
                    WHEN 2 THEN 'senior-tech' ELSE 'individual' END,
       t.track,
       s.started,
       CASE WHEN s.unfinished THEN NULL ELSE s.finished END,
       CASE WHEN s.unfinished THEN NULL ELSE t.segment END,
       CASE WHEN s.unfinished THEN NULL ELSE t.subtype END,
       CASE WHEN s.unfinished THEN NULL ELSE t.adoption END
FROM seq_uuid s, base b
JOIN template t ON t.k = s.i % b.templates
JOIN department d ON d.k = (s.i / 3) % b.departments
ORDER BY s.i;

-- an unfinished response has answered the first part only
INSERT INTO answer (response_id, question, choice, answered_at)
SELECT s.i, a.question, a.choice,
       CASE WHEN s.unfinished THEN s.started ELSE s.finished END
FROM seq s, base b
JOIN template t ON t.k = s.i % b.templates
JOIN answer a ON a.response_id = t.id
WHERE NOT s.unfinished OR a.question < 'm'
ORDER BY s.i, a.question;

INSERT INTO estimate (response_id, question, champions, willing, cautious,
                      answered_at)
SELECT s.i, e.question, e.champions, e.willing, e.cautious, s.finished
FROM seq s, base b
JOIN template t ON t.k = s.i % b.templates
JOIN estimate e ON e.response_id = t.id
WHERE NOT s.unfinished
ORDER BY s.i, e.question;

INSERT INTO response_score (response_id, dimension, score)
SELECT s.i, c.dimension, c.score
FROM seq s, base b
JOIN template t ON t.k = s.i % b.templates
JOIN response_score c ON c.response_id = t.id
WHERE NOT s.unfinished
ORDER BY s.i, c.dimension;

DROP VIEW seq_uuid;
COMMIT;
PRAGMA journal_mode = WAL;
