-- 'aimap merge OTHER.db' as the sqlite3 tool does it (after open.sql):
-- ATTACH the other file read-only and without locks (immutable, as aimap
-- reads it), then in one transaction INSERT OR IGNORE ... SELECT of each
-- of its tables, rows matched by UUID (and questionnaires by id and hash)
-- and row ids mapped to ours. Unlike aimap it neither checks the other
-- file nor settles a response that is newer there. The file's URI is set
-- by measure.py.
ATTACH DATABASE @OTHER@ AS other;
BEGIN IMMEDIATE;
INSERT OR IGNORE INTO main.questionnaire (qid, version, title, hash, source,
                                          added_at)
SELECT qid, version, title, hash, source, added_at
FROM other.questionnaire ORDER BY id;
INSERT OR IGNORE INTO main.round (uuid, code, name, questionnaire_id, state,
                                  min_group, created_at, closed_at)
SELECT r.uuid, r.code, r.name, q.id, r.state, r.min_group, r.created_at,
       r.closed_at
FROM other.round r JOIN other.questionnaire oq ON oq.id = r.questionnaire_id
JOIN main.questionnaire q ON q.qid = oq.qid AND q.hash = oq.hash
ORDER BY r.id;
INSERT OR IGNORE INTO main.round_department (round_id, position, name)
SELECT m.id, d.position, d.name
FROM other.round_department d JOIN other.round r ON r.id = d.round_id
JOIN main.round m ON m.uuid = r.uuid;
INSERT OR IGNORE INTO main.respondent (uuid, name, champion_contact,
                                       created_at)
SELECT uuid, name, champion_contact, created_at
FROM other.respondent ORDER BY id;
INSERT OR IGNORE INTO main.response (uuid, round_id, respondent_id,
                                     department, role, track, started_at,
                                     finished_at, segment, subtype,
                                     adoption)
SELECT p.uuid, mr.id, mt.id, p.department, p.role, p.track, p.started_at,
       p.finished_at, p.segment, p.subtype, p.adoption
FROM other.response p
JOIN other.round r ON r.id = p.round_id JOIN main.round mr ON mr.uuid = r.uuid
JOIN other.respondent t ON t.id = p.respondent_id
JOIN main.respondent mt ON mt.uuid = t.uuid
ORDER BY p.id;
INSERT OR IGNORE INTO main.answer (response_id, question, choice,
                                   answered_at)
SELECT mp.id, a.question, a.choice, a.answered_at
FROM other.answer a JOIN other.response p ON p.id = a.response_id
JOIN main.response mp ON mp.uuid = p.uuid;
INSERT OR IGNORE INTO main.estimate (response_id, question, champions,
                                     willing, cautious, answered_at)
SELECT mp.id, e.question, e.champions, e.willing, e.cautious, e.answered_at
FROM other.estimate e JOIN other.response p ON p.id = e.response_id
JOIN main.response mp ON mp.uuid = p.uuid;
INSERT OR IGNORE INTO main.response_score (response_id, dimension, score)
SELECT mp.id, c.dimension, c.score
FROM other.response_score c JOIN other.response p ON p.id = c.response_id
JOIN main.response mp ON mp.uuid = p.uuid;
COMMIT;
