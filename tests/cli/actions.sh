#!/bin/sh
# SPDX-License-Identifier: MIT
# Next actions (issue 13): the questionnaire's action rules picked per
# department in report (text and CSV), the 90-day plan export, actions
# recorded with aimap action add|list|done (bad input refused, nothing
# stored), a later round's comparison showing each action beside the
# change in what it was meant to move, and a schema-4 database upgraded
# with every answer kept.
. "$top_srcdir/tests/cli/lib.sh"
. "$data/csv/people.sh"

# The minimal questionnaire with five action rules.
plan="$work/plan.ini"
cat "$minimal" - >"$plan" <<'INI'

[action.connect]
text = "Connect the champions who work alone and give them a stage."
finding = "{count} of {of} champions work alone"
when = alone >= 50 and champions >= 20
weeks = observe
priority = 2

[action.align]
text = "Hold a leadership alignment workshop."
finding = "leaders estimate {estimate}% champions; {actual}% of the team are"
when = overestimate >= 20
weeks = align
priority = 1

[action.boundary]
text = "Define the production boundary and a sanctioned path."
finding = "citizen builders score {value} on Use ({of} of them)"
track = citizen
when = use < 60
weeks = build
priority = 3

[action.evidence]
text = "Run peer demonstrations with evidence."
finding = "{count} of {of} people are skeptics"
when = skeptics >= 30
weeks = build
priority = 4

[action.training]
text = "Open training paths with examples of good use."
finding = "{count} of {of} people are in the willing middle"
when = willing >= 50
weeks = scale
priority = 5
INI
run "$AIMAP" validate "$plan"
expect_status 0 validate

"$AIMAP" round new "Baseline" -q "$plan" --code R1 -d Engineering -d Sales \
	-d Finance >/dev/null 2>&1 || fail "cannot make R1"
# Engineering, six technical individual contributors: champions 3 of 6
# (50%), two of them alone (66.7% of the champions) -> connect. Nobody on
# the citizen track, so no boundary; skeptics 1 of 6, willing 2 of 6.
person R1 E1 Engineering individual technical no 3 5 1 2 2 "40, 35, 25"
person R1 E2 Engineering individual technical no 3 5 1 2 2 "40, 35, 25"
person R1 E3 Engineering individual technical no 3 5 2 2 2 "40, 35, 25"
person R1 E4 Engineering individual technical no 2 3 2 1 2 "40, 35, 25"
person R1 E5 Engineering individual technical no 2 3 2 1 2 "40, 35, 25"
person R1 E6 Engineering individual technical no 1 1 1 2 1 "40, 35, 25"
# Sales, six citizen builders: one champion (16.7%: no connect), two
# skeptics (33.3% -> evidence), three willing (50% -> training); Use
# among them (0 + 0 + 50 * 3 + 100) / 6 = 41.7 -> boundary.
person R1 S1 Sales individual citizen no 1 1 1 2 - "40, 35, 25"
person R1 S2 Sales individual citizen no 1 1 1 2 - "40, 35, 25"
person R1 S3 Sales individual citizen no 2 3 1 1 - "40, 35, 25"
person R1 S4 Sales individual citizen no 2 3 1 1 - "40, 35, 25"
person R1 S5 Sales individual citizen no 2 3 1 1 - "40, 35, 25"
person R1 S6 Sales individual citizen no 3 5 1 1 - "40, 35, 25"
# Finance: nobody yet -> too few to say

run "$AIMAP" report -r R1
expect_status 0 report
printf '%s\n' "$out" | sed -n '/^Next actions/,/^$/p' >"$work/next.txt"
expect_out_next() { compare actions-report.out "$(cat "$work/next.txt")"; }
expect_out_next

run "$AIMAP" report -r R1 --format csv
expect_status 0 report-csv
compare actions-report.csv "$(printf '%s\n' "$out" | grep '^next_actions,')"

# A leaders' round: the Sales manager estimates 50% champions where the
# team has 1 of 6 (16.7%): overestimate 33.3 >= 20 -> align, priority 1,
# which pushes training (priority 5) out of Sales's three.
"$AIMAP" round new "Leaders" -q "$plan" --code LEAD >/dev/null 2>&1 ||
	fail "cannot make LEAD"
person LEAD Lee Sales manager citizen no 2 3 1 1 - "50, 30, 20"
run "$AIMAP" report -r R1 --leaders LEAD
expect_status 0 report-leaders
compare actions-report-leaders.out \
	"$(printf '%s\n' "$out" | sed -n '/^Next actions/,/^$/p')"

# ---- recording actions -------------------------------------------------

count() { sqlite3 "$AIMAP_DB" "SELECT count(*) FROM action"; }

run "$AIMAP" action add -r R1 -d sales --rule evidence --owner "Kim Lee" \
	--due 2026-03-31
expect_status 0 add-rule
expect_out actions-add.out
run "$AIMAP" action add -r R1 -d Engineering --text "Pair each champion with a newcomer"
expect_status 0 add-text
run "$AIMAP" action add -r R1 -d Finance --rule training
expect_status 0 add-unpicked
expect_err_has "rule training does not pick an action for Finance"
[ "$(count)" = 3 ] || fail "three actions were not stored"

# refused: nothing stored, exit 1
for bad in "-d Salse --text x:no department 'Salse'; did you mean 'Sales'?" \
	"-d Sales --rule evidense:no action rule 'evidense'; did you mean 'evidence'?" \
	"-d Sales --text x --due 2026-02-30:is not a date written YYYY-MM-DD" \
	"-d Sales --text x --due 31.03.2026:is not a date written YYYY-MM-DD" \
	"-d Sales --text=:--text is empty"; do
	args=${bad%%:*}
	# shellcheck disable=SC2086
	run "$AIMAP" action add -r R1 $args
	expect_status 1 "bad: $args"
	expect_err_has "${bad#*:}"
done
run "$AIMAP" action add -r NOPE -d Sales --text x
expect_status 1 no-round
expect_err_has "no round with code"
run "$AIMAP" action add -r R1 --text x
expect_status 2 no-department
run "$AIMAP" action add -r R1 -d Sales
expect_status 2 no-text
[ "$(count)" = 3 ] || fail "a refused action was stored"

run "$AIMAP" action done 2
expect_status 0 done
expect_out actions-done.out
run "$AIMAP" action done 2
expect_status 1 done-twice
expect_err_has "action 2 is done already"
run "$AIMAP" action done 99
expect_status 1 done-missing
expect_err_has "no action number 99"
run "$AIMAP" action done two
expect_status 1 done-word

run "$AIMAP" action list
expect_status 0 list
expect_out actions-list.out
run "$AIMAP" action list -r R1 --format csv
expect_status 0 list-csv
expect_out actions-list.csv
run "$AIMAP" action list -r NOPE
expect_status 1 list-no-round

# ---- the 90-day plan -----------------------------------------------------

run "$AIMAP" export plan -r R1 --leaders LEAD -o "$work/plan.csv"
expect_status 0 plan
compare actions-plan.csv "$(cat "$work/plan.csv" | tr -d '\r' | sed '1s/^\xef\xbb\xbf//')"
csv_check "$work/plan.csv" >/dev/null || fail "the plan is not clean CSV"

# ---- a later round: each action beside the change it was meant to make ---

"$AIMAP" round new "Later" -q "$plan" --code R2 -d Engineering -d Sales \
	-d Finance >/dev/null 2>&1 || fail "cannot make R2"
# Sales: the two skeptics have become willing (0 of 6 skeptics).
for p in "E1 3 5 1 2 2" "E2 3 5 2 2 2" "E3 3 5 2 2 2" "E4 2 3 2 1 2" \
	"E5 2 3 2 1 2" "E6 1 1 1 2 1"; do
	set -- $p
	person R2 "$1" Engineering individual technical no "$2" "$3" "$4" "$5" "$6" "40, 35, 25"
done
for p in "S1 2 3 1 1" "S2 2 3 1 1" "S3 2 3 1 1" "S4 2 3 1 1" \
	"S5 2 3 1 1" "S6 3 5 1 1"; do
	set -- $p
	person R2 "$1" Sales individual citizen no "$2" "$3" "$4" "$5" - "40, 35, 25"
done
run "$AIMAP" report -r R2 --compare R1
expect_status 0 compare
compare actions-compare.out \
	"$(printf '%s\n' "$out" | sed -n '/^Actions recorded/,$p')"
run "$AIMAP" report -r R2 --compare R1 --format csv
expect_status 0 compare-csv
compare actions-compare.csv "$(printf '%s\n' "$out" | grep '^action_change,')"

# ---- a database made before actions ----------------------------------------

old="$work/old.db"
cp "$AIMAP_DB" "$old"
undo_migration_8 "$old" || fail "cannot make a schema 7 database"
sqlite3 "$old" "DROP TABLE action; DROP TABLE questionnaire_model;
	ALTER TABLE round DROP COLUMN small_gaps; PRAGMA user_version = 5" ||
	fail "cannot make a schema 5 database"
before=$(sqlite3 "$old" "SELECT * FROM answer ORDER BY 1, 2;
	SELECT * FROM response ORDER BY id; SELECT * FROM respondent")
run "$AIMAP" --db "$old" action list
expect_status 0 upgrade
expect_out_has "No actions recorded yet"
newest=$(ls "$top_srcdir"/tests/data/schema/v*.sql | wc -l)
[ "$(sqlite3 "$old" "PRAGMA user_version")" = "$newest" ] ||
	fail "not upgraded"
after=$(sqlite3 "$old" "SELECT * FROM answer ORDER BY 1, 2;
	SELECT * FROM response ORDER BY id; SELECT * FROM respondent")
[ "$before" = "$after" ] || fail "the upgrade changed answers or responses"
[ -n "$before" ] || fail "no answers to compare"

# a round deleted takes its actions with it, and only its own
run "$AIMAP" round delete R2 --force --yes
expect_status 0 delete-other
[ "$(count)" = 3 ] || fail "deleting another round removed actions"
run "$AIMAP" round delete R1 --force --yes
expect_status 0 delete
[ "$(count)" = 0 ] || fail "the deleted round's actions stayed"

finish
