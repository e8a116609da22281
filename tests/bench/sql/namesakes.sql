-- The namesakes database, made from a copy of the demo's (not timed):
-- one person in ten shares one of ten names, everyone else has a name
-- of their own, and every champion agreed to be a contact, so that the
-- champions list checks every namesake. The later round's people become
-- respondents of their own, as repeated submits of answers files make
-- them, so that a comparison must match them by name and department.
UPDATE respondent
SET name = CASE WHEN id % 10 = 0 THEN 'Shared ' || (id / 10 % 10)
                ELSE 'Person ' || id END,
    champion_contact = 1;
INSERT INTO respondent (uuid, name, champion_contact, created_at)
SELECT 'copy-' || t.uuid, t.name, 1, t.created_at
FROM respondent t
WHERE t.id IN (SELECT respondent_id FROM response
               WHERE round_id = (SELECT id FROM round WHERE code = 'DEMO-2'));
UPDATE response
SET respondent_id = (SELECT c.id FROM respondent o
                     JOIN respondent c ON c.uuid = 'copy-' || o.uuid
                     WHERE o.id = response.respondent_id)
WHERE round_id = (SELECT id FROM round WHERE code = 'DEMO-2');
