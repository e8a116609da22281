-- What 'aimap report -r DEMO-2 --compare DEMO-1' adds to a report on the
-- namesakes database, as someone without aimap would write it in the
-- sqlite3 tool: the champions who agreed to be contacts, each person by
-- their latest response (name and department without regard to case),
-- and who moved between the two rounds, people matched the same way.
SELECT name, department, subtype FROM (
    SELECT t.name, p.department, p.subtype, p.segment, t.champion_contact,
           p.id, max(p.id) OVER (PARTITION BY lower(t.name),
                                 lower(p.department)) AS latest
    FROM response p JOIN respondent t ON t.id = p.respondent_id
    JOIN round r ON r.id = p.round_id
    WHERE r.code = 'DEMO-2' AND p.finished_at IS NOT NULL
      AND t.name IS NOT NULL)
WHERE id = latest AND segment = 'champion' AND champion_contact = 1
ORDER BY department, name;
WITH people AS (
    SELECT max(CASE WHEN r.code = 'DEMO-2' THEN p.id END) AS here,
           max(CASE WHEN r.code = 'DEMO-1' THEN p.id END) AS there
    FROM response p JOIN respondent t ON t.id = p.respondent_id
    JOIN round r ON r.id = p.round_id
    WHERE r.code IN ('DEMO-1', 'DEMO-2') AND p.finished_at IS NOT NULL
      AND t.name IS NOT NULL
    GROUP BY lower(t.name), lower(p.department))
SELECT here IS NOT NULL, there IS NOT NULL, b.segment, n.segment, count(*)
FROM people LEFT JOIN response n ON n.id = here
LEFT JOIN response b ON b.id = there
GROUP BY 1, 2, 3, 4;
