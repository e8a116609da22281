-- Scale a demo database to :times times its people: make bench's
-- 1,000,000 from the 100,000 that aimap demo made, in minutes (building
-- it with aimap demo takes far longer).
--
-- Input: a database made by 'aimap demo', and the parameter :times, set
-- by run.sh with: sqlite3 -cmd '.parameter set :times 10' FILE < scale.sql
-- after dropping the four *_insert triggers (run.sh saves their SQL and
-- makes them again after; the running totals are scaled here instead of
-- being added up row by row).
--
-- Copy k (1 .. :times - 1) of every respondent, response, answer,
-- estimate, score and comment has its ids offset by k times the largest
-- id, fresh UUIDs (the first 24 characters of the original's, then the
-- new id in 12 hex digits), and each name followed by " k" (so the
-- copies are different people, followed from round to round as the
-- originals are). Resume keys are not copied. Every running total is the
-- original's times :times: the copies have the same departments, roles,
-- tracks, segments and answers. run.sh checks the result against a
-- recount (sql/recount.sql).
.bail on
PRAGMA foreign_keys = OFF;
PRAGMA journal_mode = DELETE;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -524288;
BEGIN IMMEDIATE;

CREATE TEMP TABLE copy (k INTEGER PRIMARY KEY);
WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c
                        WHERE k + 1 < :times)
INSERT INTO copy SELECT k FROM c;
CREATE TEMP TABLE top AS
SELECT (SELECT max(id) FROM respondent) AS respondents,
       (SELECT max(id) FROM response) AS responses;

INSERT INTO respondent (id, uuid, name, champion_contact, created_at)
SELECT t.id + c.k * top.respondents,
       substr(t.uuid, 1, 24) || printf('%012x', t.id + c.k * top.respondents),
       t.name || ' ' || c.k, t.champion_contact, t.created_at
FROM copy c, top, respondent t ORDER BY c.k, t.id;

INSERT INTO response (id, uuid, round_id, respondent_id, department, role,
                      track, started_at, finished_at, segment, subtype,
                      adoption, resume_hash, abandoned_at)
SELECT p.id + c.k * top.responses,
       substr(p.uuid, 1, 24) || printf('%012x', p.id + c.k * top.responses),
       p.round_id, p.respondent_id + c.k * top.respondents, p.department,
       p.role, p.track, p.started_at, p.finished_at, p.segment, p.subtype,
       p.adoption, NULL, p.abandoned_at
FROM copy c, top, response p ORDER BY c.k, p.id;

INSERT INTO answer (response_id, question, choice, answered_at)
SELECT a.response_id + c.k * top.responses, a.question, a.choice,
       a.answered_at
FROM copy c, top, answer a ORDER BY c.k, a.response_id, a.question;

INSERT INTO estimate (response_id, question, champions, willing, cautious,
                      answered_at)
SELECT e.response_id + c.k * top.responses, e.question, e.champions,
       e.willing, e.cautious, e.answered_at
FROM copy c, top, estimate e ORDER BY c.k, e.response_id, e.question;

INSERT INTO response_score (response_id, dimension, score)
SELECT s.response_id + c.k * top.responses, s.dimension, s.score
FROM copy c, top, response_score s ORDER BY c.k, s.response_id, s.dimension;

INSERT INTO comment (response_id, question, text, answered_at)
SELECT m.response_id + c.k * top.responses, m.question, m.text,
       m.answered_at
FROM copy c, top, comment m ORDER BY c.k, m.response_id, m.question;

UPDATE round_tally SET n = n * :times;
UPDATE round_score SET n = n * :times, total = total * :times,
       squares = squares * :times;
UPDATE round_answer SET n = n * :times;
UPDATE round_estimate SET n = n * :times, champions = champions * :times,
       willing = willing * :times, cautious = cautious * :times;
UPDATE round_adoption SET n = n * :times;
COMMIT;
PRAGMA journal_mode = WAL;
