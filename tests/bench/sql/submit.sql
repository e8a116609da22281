-- 'aimap submit -r CODE FILE' as the sqlite3 tool does it, one process
-- per respondent (after open.sql): find the round and its questionnaire,
-- then in one transaction check the round is open and insert the
-- respondent, the response with its classification, its answers,
-- estimates and scores. @INSERTS@ are those INSERTs, made by measure.py
-- from a response aimap submitted, with new UUIDs each time.
SELECT r.id, r.uuid, r.code, r.name, r.questionnaire_id, q.qid,
       q.version, r.state, r.min_group, r.created_at
FROM round r JOIN questionnaire q ON q.id = r.questionnaire_id
WHERE r.code = '@CODE@';
SELECT round_id, name FROM round_department
WHERE round_id = (SELECT id FROM round WHERE code = '@CODE@')
ORDER BY position;
SELECT qid, version, source FROM questionnaire
WHERE id = (SELECT questionnaire_id FROM round WHERE code = '@CODE@');
BEGIN IMMEDIATE;
SELECT state FROM round WHERE code = '@CODE@';
@INSERTS@
COMMIT;
