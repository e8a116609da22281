-- The spread of the scores behind each mean's standard error (issue 13):
-- a sum of squares and a count per department, role, track and dimension,
-- from every finished response's scores, as someone without aimap would
-- count them (aimap reads them from its running totals, round_score's
-- squares).
SELECT p.department, p.role, p.track, c.dimension,
       total(c.score * c.score), count(*)
FROM response p JOIN round r ON r.id = p.round_id
JOIN response_score c ON c.response_id = p.id
WHERE r.code = '@CODE@' AND p.finished_at IS NOT NULL
GROUP BY 1, 2, 3, 4;
