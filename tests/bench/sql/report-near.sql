-- The finished responses near a segment's line (issue 13): adoption
-- within @MARGIN@ points of the champion (@CHAMPION@) or willing
-- (@WILLING@) threshold, per department, role and track, from the
-- responses (aimap reads its running totals of adoption depths,
-- round_adoption).
SELECT p.department, p.role, p.track, count(*)
FROM response p JOIN round r ON r.id = p.round_id
WHERE r.code = '@CODE@' AND p.finished_at IS NOT NULL
  AND p.adoption IS NOT NULL
  AND (abs(p.adoption - @CHAMPION@) <= @MARGIN@
       OR abs(p.adoption - @WILLING@) <= @MARGIN@)
GROUP BY 1, 2, 3;
