-- 'aimap round list' after store_open (store_round_list): every round
-- with its response counts, then every round's departments.
SELECT r.id, r.uuid, r.code, r.name, r.questionnaire_id, q.qid,
       q.version, r.state, r.min_group, r.created_at,
       (SELECT count(*) FROM response p WHERE p.round_id = r.id
        AND p.finished_at IS NOT NULL),
       (SELECT count(*) FROM response p WHERE p.round_id = r.id
        AND p.finished_at IS NULL)
FROM round r JOIN questionnaire q ON q.id = r.questionnaire_id
ORDER BY r.created_at DESC, r.id DESC;
SELECT round_id, name FROM round_department ORDER BY round_id, position;
