-- After store_open, 'aimap take -r CODE' reads the round once
-- (store_round_find in session_begin: its columns and departments, no
-- response counts) and its stored questionnaire
-- (store_questionnaire_source), then draws the first screen.
SELECT r.id, r.uuid, r.code, r.name, r.questionnaire_id, q.qid,
       q.version, r.state, r.min_group, r.created_at
FROM round r JOIN questionnaire q ON q.id = r.questionnaire_id
WHERE r.code = '@CODE@';
SELECT round_id, name FROM round_department
WHERE round_id = (SELECT id FROM round WHERE code = '@CODE@')
ORDER BY position;
SELECT qid, version, source FROM questionnaire
WHERE id = (SELECT questionnaire_id FROM round WHERE code = '@CODE@');
