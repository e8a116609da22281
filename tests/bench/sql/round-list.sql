-- 'aimap round list' in the sqlite3 tool: each round with its
-- questionnaire and its completed, in-progress and abandoned responses,
-- counted from the responses.
SELECT r.code, r.name, q.qid, q.version, r.state, r.created_at,
       count(p.id) FILTER (WHERE p.finished_at IS NOT NULL) AS completed,
       count(p.id) FILTER (WHERE p.finished_at IS NULL
                           AND p.abandoned_at IS NULL) AS in_progress,
       count(p.id) FILTER (WHERE p.finished_at IS NULL
                           AND p.abandoned_at IS NOT NULL) AS abandoned
FROM round r JOIN questionnaire q ON q.id = r.questionnaire_id
LEFT JOIN response p ON p.round_id = r.id
GROUP BY r.id ORDER BY r.created_at DESC, r.id DESC;
