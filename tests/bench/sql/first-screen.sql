-- After store_open, 'aimap take -r BENCH' reads the round
-- (store_round_find, in tui_run_take and again in session_begin, each
-- with the round's response counts and departments) and its stored
-- questionnaire (store_questionnaire_source), then draws the first
-- screen.
SELECT r.id, r.uuid, r.code, r.name, r.questionnaire_id, q.qid,
       q.version, r.state, r.min_group, r.created_at,
       (SELECT count(*) FROM response p WHERE p.round_id = r.id
        AND p.finished_at IS NOT NULL),
       (SELECT count(*) FROM response p WHERE p.round_id = r.id
        AND p.finished_at IS NULL)
FROM round r JOIN questionnaire q ON q.id = r.questionnaire_id
WHERE r.code = 'BENCH';
SELECT round_id, name FROM round_department
WHERE round_id = (SELECT id FROM round WHERE code = 'BENCH')
ORDER BY position;
SELECT r.id, r.uuid, r.code, r.name, r.questionnaire_id, q.qid,
       q.version, r.state, r.min_group, r.created_at,
       (SELECT count(*) FROM response p WHERE p.round_id = r.id
        AND p.finished_at IS NOT NULL),
       (SELECT count(*) FROM response p WHERE p.round_id = r.id
        AND p.finished_at IS NULL)
FROM round r JOIN questionnaire q ON q.id = r.questionnaire_id
WHERE r.code = 'BENCH';
SELECT round_id, name FROM round_department
WHERE round_id = (SELECT id FROM round WHERE code = 'BENCH')
ORDER BY position;
SELECT qid, version, source FROM questionnaire
WHERE id = (SELECT questionnaire_id FROM round WHERE code = 'BENCH');
