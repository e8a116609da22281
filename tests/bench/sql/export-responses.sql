-- 'aimap export responses -r CODE' as the sqlite3 tool writes it with
-- -csv -header: the same columns, one row per completed response by
-- finish time. @SCORES@ is one score_DIMENSION column per dimension of
-- the questionnaire, made by measure.py from aimap's header. Times are
-- written as spreadsheets read them, without the T and the Z (csv_time).
SELECT r.code AS round, p.department, p.role, p.track, p.segment,
       p.subtype, round(p.adoption, 1) AS adoption @SCORES@,
       substr(p.started_at, 1, 10) || ' ' || substr(p.started_at, 12, 8)
           AS started_at,
       substr(p.finished_at, 1, 10) || ' ' || substr(p.finished_at, 12, 8)
           AS finished_at,
       p.uuid AS response_uuid,
       CASE WHEN t.champion_contact = 1 THEN t.name END AS name
FROM response p JOIN round r ON r.id = p.round_id
JOIN respondent t ON t.id = p.respondent_id
WHERE r.code = '@CODE@' AND p.finished_at IS NOT NULL
ORDER BY p.finished_at, p.id;
