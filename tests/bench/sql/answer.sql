-- One answer key (session_answer -> store_answer_save): check the
-- response is open, save the answer, commit. @QUESTION@ is replaced by a
-- question id; the newest response is the one the last profile started.
BEGIN IMMEDIATE;
SELECT p.respondent_id, p.finished_at IS NOT NULL, r.state = 'open', r.code
FROM response p JOIN round r ON r.id = p.round_id
WHERE p.id = (SELECT max(id) FROM response);
INSERT INTO answer (response_id, question, choice, answered_at)
VALUES ((SELECT max(id) FROM response), '@QUESTION@', 3,
        strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
ON CONFLICT (response_id, question) DO UPDATE SET
    choice = excluded.choice, answered_at = excluded.answered_at;
COMMIT;
