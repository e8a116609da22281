-- 'aimap import FILE' into an empty database as the sqlite3 tool does it
-- (after open.sql): the questionnaire the file names, read from its file,
-- then the file's rows through .import into a table and INSERT ... SELECT
-- building the rounds, respondents, responses, answers and estimates, in
-- one transaction. Unlike aimap it checks nothing and scores nothing: the
-- responses come without segment, sub-type, adoption or scores. @FILE@,
-- @SOURCE@ and the questionnaire's columns are set by measure.py.
BEGIN IMMEDIATE;
INSERT INTO questionnaire (qid, version, title, hash, source, added_at)
VALUES (@QID@, @VERSION@, @TITLE@, @HASH@, readfile(@SOURCE@),
        strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
.import --csv --schema temp "@FILE@" answers_file
INSERT INTO round (uuid, code, name, questionnaire_id, state, min_group,
                   created_at)
SELECT DISTINCT c.round_uuid, c.round_code, c.round_name, q.id, 'closed',
       c.round_min_group, c.round_created_at
FROM temp.answers_file c
JOIN questionnaire q ON q.qid = c.questionnaire_id
                    AND q.hash = c.questionnaire_hash
WHERE NOT EXISTS (SELECT 1 FROM round r WHERE r.uuid = c.round_uuid);
INSERT INTO respondent (uuid, name, champion_contact, created_at)
SELECT c.respondent_uuid, nullif(c.name, ''), c.champion_contact,
       min(c.started_at)
FROM temp.answers_file c
WHERE NOT EXISTS (SELECT 1 FROM respondent t
                  WHERE t.uuid = c.respondent_uuid)
GROUP BY c.respondent_uuid;
INSERT INTO response (uuid, round_id, respondent_id, department, role,
                      track, started_at, finished_at)
SELECT c.response_uuid, r.id, t.id, c.department, c.role, c.track,
       c.started_at, nullif(c.finished_at, '')
FROM temp.answers_file c JOIN round r ON r.uuid = c.round_uuid
JOIN respondent t ON t.uuid = c.respondent_uuid
WHERE NOT EXISTS (SELECT 1 FROM response p WHERE p.uuid = c.response_uuid)
GROUP BY c.response_uuid ORDER BY min(c.rowid);
INSERT INTO answer (response_id, question, choice, answered_at)
SELECT p.id, c.question_id, c.choice, c.answered_at
FROM temp.answers_file c JOIN response p ON p.uuid = c.response_uuid
WHERE c.status = 'answered' AND c.question_type <> 'estimate';
INSERT INTO estimate (response_id, question, champions, willing, cautious,
                      answered_at)
SELECT p.id, c.question_id, c.estimate_champions, c.estimate_willing,
       c.estimate_cautious, c.answered_at
FROM temp.answers_file c JOIN response p ON p.uuid = c.response_uuid
WHERE c.status = 'answered' AND c.question_type = 'estimate';
DROP TABLE temp.answers_file;
COMMIT;
