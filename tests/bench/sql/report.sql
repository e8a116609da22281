-- 'aimap report --by department' as someone without aimap would write it
-- in the sqlite3 tool: the segments of each department and its mean score
-- in each dimension, straight from the responses and their scores. (aimap
-- prints more: leaders and teams, the tracks, the perception gap, the
-- named champions, the questions that divide people.)
SELECT p.department,
       count(*) FILTER (WHERE p.finished_at IS NOT NULL) AS completed,
       count(*) FILTER (WHERE p.segment = 'champion') AS champions,
       count(*) FILTER (WHERE p.segment = 'willing') AS willing,
       count(*) FILTER (WHERE p.segment = 'cautious') AS cautious,
       count(*) FILTER (WHERE p.finished_at IS NULL) AS in_progress
FROM response p JOIN round r ON r.id = p.round_id
WHERE r.code = '@CODE@'
GROUP BY p.department ORDER BY p.department;
SELECT p.department, c.dimension, round(avg(c.score), 1) AS mean
FROM response p JOIN round r ON r.id = p.round_id
JOIN response_score c ON c.response_id = p.id
WHERE r.code = '@CODE@' AND p.finished_at IS NOT NULL
GROUP BY p.department, c.dimension ORDER BY p.department, c.dimension;
