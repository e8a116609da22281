-- 'aimap export answers -r CODE' as the sqlite3 tool writes it with
-- -csv -header: for every response, one row per question shown to the
-- respondent's track and role, in the questionnaire's order, answered or
-- not. The questions and their choices live in the questionnaire's text,
-- not in tables, so measure.py gives them as VALUES (@QUESTIONS@,
-- @CHOICES@), as someone would who typed them in.
WITH question (pos, id, type, dimension, track, leaders) AS (
    VALUES @QUESTIONS@
), choice (question, n, text, score) AS (
    VALUES @CHOICES@
)
SELECT r.code AS round_code, r.uuid AS round_uuid, r.name AS round_name,
       r.created_at AS round_created_at, r.min_group AS round_min_group,
       qn.qid AS questionnaire_id, qn.version AS questionnaire_version,
       qn.hash AS questionnaire_hash, t.uuid AS respondent_uuid,
       p.uuid AS response_uuid,
       CASE WHEN t.champion_contact = 1 THEN t.name END AS name,
       t.champion_contact, p.department, p.role, p.track, p.started_at,
       p.finished_at, q.id AS question_id, q.type AS question_type,
       q.dimension,
       CASE WHEN a.choice IS NULL AND e.question IS NULL
            THEN 'unanswered' ELSE 'answered' END AS status,
       a.choice, c.text AS choice_text, c.score,
       e.champions AS estimate_champions, e.willing AS estimate_willing,
       e.cautious AS estimate_cautious,
       coalesce(a.answered_at, e.answered_at) AS answered_at
FROM round r JOIN questionnaire qn ON qn.id = r.questionnaire_id
JOIN response p ON p.round_id = r.id
JOIN respondent t ON t.id = p.respondent_id
JOIN question q ON (q.track IS NULL OR q.track = p.track)
               AND (NOT q.leaders OR p.role <> 'individual')
LEFT JOIN answer a ON a.response_id = p.id AND a.question = q.id
LEFT JOIN estimate e ON e.response_id = p.id AND e.question = q.id
LEFT JOIN choice c ON c.question = q.id AND c.n = a.choice
WHERE r.code = '@CODE@'
ORDER BY p.finished_at, p.id, q.pos;
