#!/bin/sh
# SPDX-License-Identifier: MIT
# Privacy in the exports (issue 11): a name only of a champion who agreed
# to be a contact; in export responses, no row that singles out a person
# of a group smaller than the minimum, by itself or by subtracting it
# from a group total of the summary; and a database made before resume
# keys keeps every answer when this aimap upgrades it.
. "$top_srcdir/tests/cli/lib.sh"
. "$data/csv/people.sh"

"$AIMAP" round new "Privacy" -q "$minimal" --code P1 >/dev/null 2>&1 ||
	fail "cannot make P1"
# Marketing: five individual contributors and its only executive, who
# agreed to be a contact but is not a champion; Sales: six.
for i in 1 2 3 4 5; do
	person P1 "M$i" Marketing individual technical no 3 5 2 2 2 "40, 35, 25"
done
person P1 Max Marketing executive technical yes 1 2 1 1 1 "50, 30, 20"
for i in 1 2 3 4 5; do
	person P1 "S$i" Sales individual technical no 2 3 1 2 1 "40, 35, 25"
done
person P1 Champ Sales individual technical yes 3 5 2 2 2 "40, 35, 25"

run "$AIMAP" export responses -r P1 -o "$work/responses.csv"
expect_status 0 responses
run "$AIMAP" export summary -r P1 -o "$work/summary.csv"
expect_status 0 summary
run "$AIMAP" export answers -r P1 -o "$work/answers.csv"
expect_status 0 answers

python3 - "$work/responses.csv" "$work/summary.csv" "$work/answers.csv" \
	<<'PY' || fail "a row singles someone out"
import csv, sys
def read(p):
    return list(csv.DictReader(open(p, encoding="utf-8-sig", newline="")))
rows, summary, answers = read(sys.argv[1]), read(sys.argv[2]), read(sys.argv[3])
assert len(rows) == 12, len(rows)
# consent: Max agreed but is cautious; only the champion Champ is named
names = {r["name"] for r in rows} | {r["name"] for r in answers}
assert names == {"", "Champ"}, names
# no executive row: the only Marketing executive is one of six
assert not [r for r in rows if r["role"] == "executive"], rows
# every combination a reader sees is shared by at least 5 rows
seen = {}
for r in rows:
    k = (r["department"], r["role"], r["track"])
    seen[k] = seen.get(k, 0) + 1
assert min(seen.values()) >= 5, seen
# subtraction: a department's total in the summary, less the rows that
# show that department, leaves none or at least 5
for s in summary:
    if s["kind"] != "department" or not s["n"].isdigit():
        continue
    shown = sum(1 for r in rows if r["department"] == s["group"])
    left = int(s["n"]) - shown
    assert left == 0 or left >= 5, (s["group"], s["n"], shown)
# and the leaders of Marketing (one) cannot be read off: no row shows a
# Marketing leader, and Marketing's rows show no role
mk = [r for r in rows if r["department"] == "Marketing"]
assert all(r["role"] == "" for r in mk), mk
# while the department itself, six people, still shows on all six
assert len(mk) == 6, rows
# the answers export, generalised by the same rule: each response shows
# what its row of the responses export shows, and nothing links a
# person to their other rounds
assert "respondent_uuid" not in answers[0], answers[0].keys()
shown = {r["response_uuid"]: (r["department"], r["role"], r["track"])
         for r in rows}
seen = {}
for a in answers:
    group = (a["department"], a["role"], a["track"])
    assert shown[a["response_uuid"]] == group, (a, shown)
    seen.setdefault(group, set()).add(a["response_uuid"])
    # a question of one track only where the row shows the track
    assert a["question_id"] != "pipeline" or a["track"] == "technical", a
assert set(shown) == {a["response_uuid"] for a in answers}
assert min(len(v) for v in seen.values()) >= 5, seen
assert not [a for a in answers if a["role"] == "executive"]
PY

# ---- the answers export: generalised, refused by import; --identifiable ---------

# The default answers export cannot be imported: refused on its header
# line, saying what to use, and nothing is stored.
run env AIMAP_DB="$work/copy.db" "$AIMAP" import "$work/answers.csv"
expect_status 1 import-generalised
expect_err_has "@WORK@/answers.csv:1: an answers export generalised for privacy (no column respondent_uuid; department, role and track may be withheld), which import cannot read back: export the round with aimap export answers --identifiable, or bring in the whole database with aimap merge"
[ ! -e "$work/copy.db" ] ||
	[ "$(sqlite3 "$work/copy.db" "SELECT count(*) FROM response")" = 0 ] ||
	fail "a refused import stored responses"
# The full form says on stderr that it can single people out, and reads
# back whole: every response with its group and every answer.
run "$AIMAP" export answers -r P1 --identifiable -o "$work/full.csv"
expect_status 0 identifiable
expect_err_has "can single people out"
grep -q ",Marketing,executive,technical," "$work/full.csv" ||
	fail "the identifiable export lost the executive's group"
run env AIMAP_DB="$work/copy.db" "$AIMAP" import -q "$minimal" "$work/full.csv"
expect_status 0 import-identifiable
expect_out_has "12 responses added"
"$AIMAP" --db "$work/copy.db" export answers -r P1 --identifiable \
	-o "$work/again.csv" 2>/dev/null
cmp -s "$work/full.csv" "$work/again.csv" ||
	fail "export --identifiable, import, export: the files differ"
run "$AIMAP" export responses -r P1 --identifiable
expect_status 2 identifiable-responses
expect_err_has "--identifiable applies to the answers export, not responses"

# ---- complementary suppression: the subtractions, tried -------------------------

# Legal (two people) is hidden; so must be one more department, or the
# whole round less Marketing and Sales would give Legal's figures. The
# only executive is hidden; so must be the individual contributors, and
# the teams beside their one leader.
person P1 L1 Legal individual citizen no 3 5 2 2 - "40, 35, 25"
person P1 L2 Legal individual citizen no 1 2 1 1 - "40, 35, 25"
run "$AIMAP" export summary -r P1 -o "$work/summary2.csv"
expect_status 0 summary2
run "$AIMAP" report -r P1 --format csv
expect_status 0 report-csv
printf '%s\n' "$out" >"$work/report.csv"
python3 - "$work/summary2.csv" "$work/report.csv" <<'PY' ||
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig",
                               newline="")))
whole = [r for r in rows if r["kind"] == "round"][0]
total = int(whole["n"])
MIN = 5
for kind in ["department", "role", "track", "leaders_teams"]:
    groups = [r for r in rows if r["kind"] == kind]
    shown = [r for r in groups if r["shown"] == "1"]
    left = total - sum(int(r["n"]) for r in shown)
    # the whole round less every group shown: none, or at least MIN
    assert left == 0 or left >= MIN, (kind, left, [(r["group"], r["n"]) for r in groups])
    # and so for every figure: champions too
    champ = int(whole["champion_n"]) - sum(int(r["champion_n"]) for r in shown)
    assert left > 0 or champ == 0, (kind, champ)
    for r in groups:
        if r["shown"] != "1":
            assert r["shown"] == "0" and r["n"] == "", r
            assert r["champion_n"] == "" and r["mean_use"] == "", r
depts = {r["group"]: r["shown"] for r in rows if r["kind"] == "department"}
assert depts["Legal"] == "0", depts
# Legal and one department of six more
assert list(depts.values()).count("0") == 2, depts
roles = {r["group"]: r["shown"] for r in rows if r["kind"] == "role"}
assert roles["Individual contributor"] == "0", roles
# the report's CSV holds the same: no department's numbers make the
# whole round less the rest
rep = list(csv.reader(open(sys.argv[2], encoding="utf-8-sig", newline="")))
shown = {r[1] for r in rep[1:] if len(r) > 4 and r[0] == "segments"
         and r[2] == "1" and r[4].isdigit()}
assert shown, rep[:5]
assert "Legal" not in shown, shown
assert not {"Marketing", "Sales"} <= shown, shown
PY
	fail "a hidden group can be worked out by subtraction"

# fewer than the minimum in the whole round: no rows at all
"$AIMAP" round new "Tiny" -q "$minimal" --code P2 >/dev/null 2>&1
person P2 Solo Sales individual technical yes 3 5 2 2 2 "40, 35, 25"
run "$AIMAP" export responses -r P2 -o "$work/tiny.csv"
expect_status 0 tiny
[ "$(wc -l <"$work/tiny.csv")" = 1 ] || fail "a round of one person exported rows"
run "$AIMAP" export answers -r P2 -o "$work/tiny.csv"
expect_status 0 tiny-answers
[ "$(wc -l <"$work/tiny.csv")" = 1 ] ||
	fail "a round of one person exported answers"

# ---- a database made before resume keys ------------------------------------------

# Made by this aimap, then taken back to schema 3 (comments, before
# resume keys) as the release before it wrote it; the upgrade keeps every
# answer and adds the columns.
old="$work/old.db"
cp "$AIMAP_DB" "$old"
undo_migration_8 "$old" || fail "cannot make a schema 7 database"
sqlite3 "$old" "DROP TABLE IF EXISTS action;
	DROP TABLE questionnaire_model; DROP TRIGGER invitation_finished; DROP TABLE invitation;
	DROP TABLE secret_salt; ALTER TABLE round DROP COLUMN invitations_only;
	DROP INDEX response_resume;
	ALTER TABLE response DROP COLUMN resume_hash;
	ALTER TABLE response DROP COLUMN abandoned_at;
	ALTER TABLE round DROP COLUMN small_gaps;
	PRAGMA user_version = 3" || fail "cannot make a schema 3 database"
before=$(sqlite3 "$old" "SELECT * FROM answer ORDER BY 1, 2;
	SELECT * FROM response ORDER BY id; SELECT * FROM respondent")
run "$AIMAP" --db "$old" round list
expect_status 0 upgrade
# the newest version: one golden file per released migration
newest=$(ls "$top_srcdir"/tests/data/schema/v*.sql | wc -l)
[ "$(sqlite3 "$old" "PRAGMA user_version")" = "$newest" ] ||
	fail "not upgraded"
after=$(sqlite3 "$old" "SELECT * FROM answer ORDER BY 1, 2;
	SELECT id, uuid, round_id, respondent_id, department, role, track,
	started_at, finished_at, segment, subtype, adoption
	FROM response ORDER BY id; SELECT * FROM respondent")
[ "$before" = "$after" ] || fail "the upgrade changed answers or responses"
[ "$(sqlite3 "$old" "SELECT count(*) FROM response
	WHERE resume_hash IS NULL")" = 15 ] || fail "resume_hash not added"

# ---- a score only one track can have ------------------------------------------

# A dimension whose only question is for the technical track: its empty
# score would tell a citizen's row whose track is withheld, so no row
# without its track shows that score.
sed -e 's/^id = minimal$/id = minimal-pipe/' \
	-e '/^\[question.pipeline\]$/,/^dimension/s/^dimension = use$/dimension = delivery/' \
	"$minimal" >"$work/pipe.ini"
printf '\n[dimension.delivery]\nlabel = "Delivery"\nweight = 1\nrole = context\n' \
	>>"$work/pipe.ini"
"$AIMAP" round new "Pipe" -q "$work/pipe.ini" --code P4 >/dev/null 2>&1 ||
	fail "cannot make P4"
for i in 1 2 3 4 5; do
	person P4 "" Ops individual technical no 3 5 2 2 2 "40, 35, 25"
done
person P4 "" Ops individual citizen no 1 2 1 1 - "40, 35, 25"
run "$AIMAP" export responses -r P4 -o "$work/pipe.csv"
expect_status 0 pipe
python3 - "$work/pipe.csv" <<'PY' || fail "a score tells the track withheld"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig",
                               newline="")))
assert len(rows) == 6, rows
assert {r["track"] for r in rows} == {""}, rows
assert {r["score_delivery"] for r in rows} == {""}, rows
assert all(r["score_use"] for r in rows), rows
PY

# ---- change since an earlier round: a withheld department ---------------------

# The change since an earlier round shows no numbers of a department
# withheld either: CHG has the same people as P1, so Marketing (withheld
# beside Legal) would show its split through its change row.
"$AIMAP" round new "Again" -q "$minimal" --code CHG >/dev/null 2>&1 ||
	fail "cannot make CHG"
for i in 1 2 3 4 5; do
	person CHG "M$i" Marketing individual technical no 3 5 2 2 2 "40, 35, 25"
done
person CHG Max Marketing executive technical yes 1 2 1 1 1 "50, 30, 20"
for i in 1 2 3 4 5; do
	person CHG "S$i" Sales individual technical no 2 3 1 2 1 "40, 35, 25"
done
person CHG Champ Sales individual technical yes 3 5 2 2 2 "40, 35, 25"
person CHG L1 Legal individual citizen no 3 5 2 2 - "40, 35, 25"
person CHG L2 Legal individual citizen no 1 2 1 1 - "40, 35, 25"
run "$AIMAP" report -r CHG --compare P1
expect_status 0 change-text
expect_out_has "Marketing: withheld"
printf '%s\n' "$out" | grep -q "^  Marketing (n" &&
	fail "a withheld department shows its people in the change rows"
printf '%s\n' "$out" | grep -A2 "^  Marketing\$" >"$work/change.txt"
[ "$(sed -n 2p "$work/change.txt")" = "    withheld" ] ||
	fail "the change row of a withheld department: $(cat "$work/change.txt")"
[ "$(sed -n 3p "$work/change.txt")" = "    people in both rounds: withheld" ] ||
	fail "the moves of a withheld department: $(cat "$work/change.txt")"
expect_out_has "  Sales (n 6 -> 6)"
run "$AIMAP" report -r CHG --compare P1 --format csv
expect_status 0 change-csv
printf '%s\n' "$out" | tr -d '\r' | grep "^change,Marketing," >"$work/change.csv"
[ -s "$work/change.csv" ] || fail "no change rows of Marketing in the CSV"
grep -v "^change,Marketing,0,5,,[^,]*,,$" "$work/change.csv" &&
	fail "a withheld department's change rows carry numbers"

# ---- round prune: unfinished sessions kept apart as abandoned ---------------------

"$AIMAP" round new "Prune" -q "$minimal" --code P3 >/dev/null 2>&1
person P3 Old Sales individual technical no 3 5 2 2 2 "40, 35, 25"
person P3 New Sales individual technical no 3 5 2 2 2 "40, 35, 25"
person P3 Done Sales individual technical no 3 5 2 2 2 "40, 35, 25"
# two left unfinished: one answered two hours before now, one just now
sql "PRAGMA foreign_keys = ON;
     DELETE FROM response_score WHERE response_id IN
       (SELECT p.id FROM response p JOIN respondent t
        ON t.id = p.respondent_id WHERE t.name IN ('Old', 'New'));
     UPDATE response SET finished_at = NULL, segment = NULL, subtype = NULL,
       adoption = NULL WHERE respondent_id IN
       (SELECT id FROM respondent WHERE name IN ('Old', 'New'));
     UPDATE response SET started_at = '2026-01-15T07:00:00Z'
       WHERE respondent_id = (SELECT id FROM respondent WHERE name = 'Old');
     UPDATE answer SET answered_at = '2026-01-15T07:30:00Z'
       WHERE response_id = (SELECT p.id FROM response p JOIN respondent t
        ON t.id = p.respondent_id WHERE t.name = 'Old')" ||
	fail "cannot make unfinished responses"
run "$AIMAP" round show P3
expect_out_has "responses:     1 completed, 2 in progress"
run "$AIMAP" round prune P3
expect_status 0 prune
expect_out_has "Round P3: 1 unfinished response with no answer for 60 minutes kept as abandoned."
run "$AIMAP" round show P3
expect_out_has "responses:     1 completed, 1 in progress"
expect_out_has "abandoned:     1 (kept, not counted as in progress)"
[ "$(sqlite3 "$AIMAP_DB" "SELECT count(*) FROM answer a JOIN response p
	ON p.id = a.response_id JOIN respondent t ON t.id = p.respondent_id
	WHERE t.name = 'Old'")" = 5 ] || fail "prune lost answers"
# the reports count them apart too
run "$AIMAP" report -r P3
expect_out_has "Round P3 \"Prune\" (minimal v1): 1 completed, 1 in progress, 1 abandoned;"
run "$AIMAP" report -r P3 --format csv
expect_out_has "segments,Whole round,0,5,,in_progress,1,"
run "$AIMAP" round prune P3 0
expect_out_has "Round P3: 1 unfinished response with no answer for 0 minutes"
run "$AIMAP" report -r P3
expect_out_has "1 completed, 0 in progress, 2 abandoned;"
run "$AIMAP" round list
expect_status 0 list
run "$AIMAP" round prune P3 soon
expect_status 2 prune-minutes
expect_err_has "MINUTES must be a whole number from 0 to 525600, not 'soon'"
run "$AIMAP" round prune NOSUCH
expect_status 1 prune-no-round

# ---- take --resume: usage ------------------------------------------------------

run "$AIMAP" take --resume ABCDE-FGHJK
expect_status 2 resume-without-round
expect_err_has "--resume needs the round (-r CODE) and no --kiosk"
run "$AIMAP" take -r P1 --kiosk --resume ABCDE-FGHJK
expect_status 2 resume-in-kiosk

finish
