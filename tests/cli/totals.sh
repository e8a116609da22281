#!/bin/sh
# SPDX-License-Identifier: MIT
# The running totals that reports read (the triggers of
# src/store-schema.c) against a recount over the responses themselves
# (tests/bench/sql/recount.sql) after every way aimap writes from the
# command line: demo, submit, import, merge (new responses and newer
# versions of ours), round prune, department edits and round delete.
# Then a database of schema 7, made before the totals of squares and
# adoption depths: the upgrade keeps every answer, fills the new totals,
# and its reports are those of the same data stored by this aimap.
. "$top_srcdir/tests/cli/lib.sh"

recount_sql="$top_srcdir/tests/bench/sql/recount.sql"
sound="round_tally|0
round_answer|0
round_estimate|0
round_adoption|0
round_score|0"

# recount DB WHAT: the totals of DB agree with a recount after WHAT
recount() {
	got=$(sqlite3 -batch "$1" <"$recount_sql" 2>&1)
	checks=$((checks + 1))
	[ "$got" = "$sound" ] ||
		fail "after $2, totals differ from a recount: $(echo "$got" | tr '\n' ' ')"
}

answers="$data/answers"

# ---- every way of writing ----------------------------------------------------
run "$AIMAP" demo --respondents 60 --seed 3
expect_status 0 demo
recount "$AIMAP_DB" "aimap demo"
# the demo gives some people depths near a line, so the count is tried
[ "$(sql "SELECT count(*) FROM round_adoption WHERE n > 0")" -gt 10 ] ||
	fail "the demo has too few adoption depths to test"

run "$AIMAP" round new Totals -q ai-maturity --code TOT
expect_status 0 round-new
for f in ai-maturity-champion ai-maturity-willing ai-maturity-cautious \
	ai-maturity-champion; do
	run "$AIMAP" submit -r TOT "$answers/$f.ini"
	expect_status 0 "submit $f"
done
recount "$AIMAP_DB" "submit"

# an unfinished response (as a respondent who left), pruned
sql "INSERT INTO respondent (uuid, name, created_at) VALUES
	('aaaaaaaa-0000-4000-8000-000000000001', 'Left',
	'2026-01-01T00:00:00Z');
INSERT INTO response (uuid, round_id, respondent_id, department, role,
	track, started_at) SELECT 'aaaaaaaa-0000-4000-8000-000000000002',
	r.id, t.id, 'Sales', 'manager', 'technical', '2026-01-01T00:00:00Z'
	FROM round r, respondent t WHERE r.code = 'TOT' AND t.name = 'Left'" \
	>/dev/null
run "$AIMAP" round prune TOT 0
expect_status 0 prune
recount "$AIMAP_DB" "round prune"

run "$AIMAP" round departments DEMO-2 --add Legal --remove Finance
expect_status 0 departments
recount "$AIMAP_DB" "department edits"

# import: the demo's answers into a new database
run "$AIMAP" export answers -r DEMO-1 --identifiable -o "$work/answers.csv"
expect_status 0 export
run "$AIMAP" --db "$work/imported.db" import -q ai-maturity \
	"$work/answers.csv"
expect_status 0 import
recount "$work/imported.db" "import"
run "$AIMAP" --db "$work/imported.db" import "$work/answers.csv"
expect_status 0 import-again
recount "$work/imported.db" "importing again"

# merge: into a new database, then newer versions of some responses
# (moved, reclassified, their depth and scores changed) replace ours
run "$AIMAP" --db "$work/merged.db" merge "$AIMAP_DB"
expect_status 0 merge
recount "$work/merged.db" "merge"
cp "$AIMAP_DB" "$work/newer.db"
sqlite3 "$work/newer.db" "UPDATE response SET
	finished_at = '2027-01-01T00:00:00Z', department = 'Sales',
	adoption = 66.5, segment = 'willing', subtype = NULL
	WHERE id % 3 = 0 AND finished_at IS NOT NULL;
	UPDATE response_score SET score = score / 2 WHERE response_id % 3 = 0" ||
	fail "cannot make newer versions"
recount "$work/newer.db" "changes in SQL"
run "$AIMAP" --db "$work/merged.db" merge "$work/newer.db"
expect_status 0 merge-newer
expect_out_has "replaced"
recount "$work/merged.db" "a merge that replaces responses"

run "$AIMAP" round delete TOT --force --yes
expect_status 0 delete
recount "$AIMAP_DB" "round delete"
[ "$(sql "SELECT count(*) FROM round_adoption WHERE round_id NOT IN
	(SELECT id FROM round)")" = 0 ] ||
	fail "adoption totals of the deleted round are left"

# ---- a database of schema 7 ----------------------------------------------------
# The same rows as merged.db, stored by migrations 1 to 7 and their
# triggers; aimap upgrades it on first use.
old="$work/old.db"
{
	echo "PRAGMA journal_mode = WAL;"
	for v in 1 2 3 4 5 6 7; do cat "$data/schema/v$v.sql"; done
	echo "PRAGMA user_version = 7;"
	echo "PRAGMA application_id = 1095322960;"
	echo "ATTACH '$work/merged.db' AS n;"
	echo "DELETE FROM secret_salt;"
	for t in questionnaire round round_department respondent response \
		answer estimate response_score comment secret_salt invitation \
		action; do
		echo "INSERT INTO main.$t SELECT * FROM n.$t;"
	done
} | sqlite3 -batch "$old" >"$work/v7.out" 2>&1 ||
	fail "cannot make a schema 7 database: $(cat "$work/v7.out")"
rows="SELECT * FROM answer ORDER BY 1, 2; SELECT * FROM estimate ORDER BY 1, 2;
	SELECT * FROM response_score ORDER BY 1, 2;
	SELECT * FROM response ORDER BY id; SELECT * FROM respondent ORDER BY id"
before=$(sqlite3 "$old" "$rows")
[ -n "$before" ] || fail "the schema 7 database is empty"
for db in "$work/merged.db" "$old"; do
	name=$(basename "$db" .db)
	"$AIMAP" --db "$db" report -r DEMO-2 --compare DEMO-1 \
		>"$work/$name-compare.txt" 2>&1 || fail "report --compare $name"
	"$AIMAP" --db "$db" report -r DEMO-1 --format csv \
		>"$work/$name-report.csv" 2>&1 || fail "report csv $name"
done
newest=$(ls "$top_srcdir"/tests/data/schema/v*.sql | wc -l)
[ "$(sqlite3 "$old" "PRAGMA user_version")" = "$newest" ] ||
	fail "not upgraded to $newest"
[ "$(sqlite3 "$old" "$rows")" = "$before" ] ||
	fail "the upgrade changed answers, scores or responses"
recount "$old" "the upgrade from schema 7"
cmp -s "$work/merged-compare.txt" "$work/old-compare.txt" ||
	fail "report --compare differs after the upgrade: $(diff "$work/merged-compare.txt" "$work/old-compare.txt")"
cmp -s "$work/merged-report.csv" "$work/old-report.csv" ||
	fail "report csv differs after the upgrade: $(diff "$work/merged-report.csv" "$work/old-report.csv")"
# the reports say something to compare: people near a line, spreads
grep -A3 "^Near the line" "$work/old-compare.txt" |
	grep -q "Whole round: [1-9][0-9]* of" ||
	fail "the report has no one near a line: $(cat "$work/old-compare.txt")"
[ "$(sqlite3 "$old" "PRAGMA integrity_check")" = ok ] || fail "integrity"

finish
