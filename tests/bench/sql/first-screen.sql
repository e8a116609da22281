-- After store_open, 'aimap take -r CODE' reads the round once
-- (store_round_find in session_begin: its columns, whether it has
-- invitations, its departments; no response counts) and its stored
-- questionnaire with the form parsed from it (store_questionnaire_model:
-- the text, its hash and the form, which aimap decodes instead of
-- parsing the text), then draws the first screen.
SELECT r.id, r.uuid, r.code, r.name, r.questionnaire_id, q.qid,
       q.version, r.state, r.min_group, r.created_at, r.invitations_only,
       EXISTS (SELECT 1 FROM invitation i WHERE i.round_id = r.id),
       r.small_gaps
FROM round r JOIN questionnaire q ON q.id = r.questionnaire_id
WHERE r.code = '@CODE@';
SELECT round_id, name FROM round_department
WHERE round_id = (SELECT id FROM round WHERE code = '@CODE@')
ORDER BY position;
SELECT q.qid, q.version, q.source, q.hash, m.model
FROM questionnaire q
LEFT JOIN questionnaire_model m ON m.questionnaire_id = q.id
WHERE q.id = (SELECT questionnaire_id FROM round WHERE code = '@CODE@');
