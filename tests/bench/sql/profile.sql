-- The last profile key (session_profile_done): look for the name in the
-- round (store_response_find_person; a new name is not found), then
-- start the response (store_response_start). @NAME@ is replaced by a
-- name nobody has.
SELECT p.id, p.uuid, p.started_at, p.finished_at, t.name,
       p.department, p.role, p.track, t.champion_contact
FROM respondent t CROSS JOIN response p ON p.respondent_id = t.id
WHERE t.name = '@NAME@' COLLATE NOCASE
  AND p.round_id = (SELECT id FROM round WHERE code = '@CODE@')
  AND p.department = 'Engineering' COLLATE NOCASE
ORDER BY p.id DESC LIMIT 1;
BEGIN IMMEDIATE;
SELECT state FROM round
WHERE id = (SELECT id FROM round WHERE code = '@CODE@');
INSERT INTO respondent (uuid, name, champion_contact, created_at)
SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' ||
       substr(h, 14, 3) || '-a' || substr(h, 18, 3) || '-' ||
       substr(h, 21, 12), '@NAME@', 0,
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM (SELECT lower(hex(randomblob(16))) AS h);
INSERT INTO response (uuid, round_id, respondent_id, department, role,
                      track, started_at)
SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' ||
       substr(h, 14, 3) || '-a' || substr(h, 18, 3) || '-' ||
       substr(h, 21, 12), (SELECT id FROM round WHERE code = '@CODE@'),
       last_insert_rowid(), 'Engineering', 'individual', 'technical',
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM (SELECT lower(hex(randomblob(16))) AS h);
SELECT p.id, p.uuid, p.started_at, p.finished_at, t.name,
       p.department, p.role, p.track, t.champion_contact
FROM response p JOIN respondent t ON t.id = p.respondent_id
WHERE p.id = last_insert_rowid();
COMMIT;
