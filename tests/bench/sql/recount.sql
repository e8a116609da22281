-- The running totals that reports read (round_tally, round_score with its
-- squares, round_answer, round_estimate, round_adoption: kept by the
-- triggers of src/store-schema.c) against a recount by GROUP BY over the
-- responses themselves. One row per table: its name and how many rows
-- disagree, 0 when all agree.
-- run.sh checks every database aimap demo makes for it with this;
-- tests/unit/test_store.c runs the same checks.
WITH tally AS (
    SELECT round_id, department, role, track, finished_at IS NOT NULL,
           coalesce(segment, ''), coalesce(subtype, ''), count(*)
    FROM response GROUP BY 1, 2, 3, 4, 5, 6, 7
), answers AS (
    SELECT p.round_id, a.question, a.choice, count(*)
    FROM response p JOIN answer a ON a.response_id = p.id
    WHERE p.finished_at IS NOT NULL GROUP BY 1, 2, 3
), estimates AS (
    SELECT p.round_id, e.question, p.department, p.role, count(*),
           sum(e.champions), sum(e.willing), sum(e.cautious)
    FROM response p JOIN estimate e ON e.response_id = p.id
    WHERE p.finished_at IS NOT NULL GROUP BY 1, 2, 3, 4
), scores AS (
    SELECT p.round_id, p.department, p.role, p.track, c.dimension,
           sum(c.score) AS total, count(*) AS n,
           sum(c.score * c.score) AS squares
    FROM response p JOIN response_score c ON c.response_id = p.id
    WHERE p.finished_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5
), adoption AS (
    SELECT round_id, adoption, department, role, track, count(*)
    FROM response WHERE finished_at IS NOT NULL AND adoption IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
)
SELECT 'round_tally',
       (SELECT count(*) FROM (SELECT * FROM tally EXCEPT
                              SELECT * FROM round_tally WHERE n <> 0)) +
       (SELECT count(*) FROM (SELECT * FROM round_tally WHERE n <> 0
                              EXCEPT SELECT * FROM tally))
UNION ALL
SELECT 'round_answer',
       (SELECT count(*) FROM (SELECT * FROM answers EXCEPT
                              SELECT * FROM round_answer WHERE n <> 0)) +
       (SELECT count(*) FROM (SELECT * FROM round_answer WHERE n <> 0
                              EXCEPT SELECT * FROM answers))
UNION ALL
SELECT 'round_estimate',
       (SELECT count(*) FROM (SELECT * FROM estimates EXCEPT
                              SELECT * FROM round_estimate WHERE n <> 0)) +
       (SELECT count(*) FROM (SELECT * FROM round_estimate WHERE n <> 0
                              EXCEPT SELECT * FROM estimates))
UNION ALL
SELECT 'round_adoption',
       (SELECT count(*) FROM (SELECT * FROM adoption EXCEPT
                              SELECT * FROM round_adoption WHERE n <> 0)) +
       (SELECT count(*) FROM (SELECT * FROM round_adoption WHERE n <> 0
                              EXCEPT SELECT * FROM adoption))
UNION ALL
-- sums of REAL scores added in another order differ in the last bits
SELECT 'round_score',
       (SELECT count(*) FROM scores s WHERE NOT EXISTS (
            SELECT 1 FROM round_score t
            WHERE t.round_id = s.round_id AND t.department = s.department
              AND t.role = s.role AND t.track = s.track
              AND t.dimension = s.dimension AND t.n = s.n
              AND abs(t.total - s.total) <= 1e-6 * max(1, abs(s.total))
              AND abs(t.squares - s.squares)
                  <= 1e-6 * max(1, abs(s.squares)))) +
       (SELECT count(*) FROM round_score t
        WHERE (t.n = 0 AND (t.total <> 0 OR t.squares <> 0))
           OR (t.n <> 0 AND NOT EXISTS (
            SELECT 1 FROM scores s
            WHERE s.round_id = t.round_id AND s.department = t.department
              AND s.role = t.role AND s.track = t.track
              AND s.dimension = t.dimension)));
