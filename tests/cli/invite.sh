#!/bin/sh
# SPDX-License-Identifier: MIT
# Invitations (issue 11): aimap invite --count and --from (a bad row named
# by FILE:LINE, and nothing stored), the mail-merge file, codes stored
# only as a hash, submit -i (once per invitation, the invitation's
# profile), --revoke, --pending (never an answer), a round that takes
# answers only with a code, participation counted by hand in round show,
# report and export summary, and a schema-4 database that keeps every
# answer when it gains the invitations.
. "$top_srcdir/tests/cli/lib.sh"
. "$data/csv/people.sh"

# The answers file of one person of the minimal questionnaire.
answers() { # DEPT ROLE TRACK
	{
		printf '[respondent]\ndepartment = %s\nrole = %s\n' "$1" "$2"
		printf 'track = %s\nchampion_contact = no\n\n' "$3"
		printf '[answers]\noften = 3\nmade = 5\nshown = 2\nproof = 2\n'
		[ "$3" = citizen ] || printf 'pipeline = 2\n'
		printf 'split = 40, 35, 25\n'
	} >"$work/answers.ini"
}
# Codes are random: the files compare with @CODE@ in their place.
codes_out() { sed -e 's/[A-Z3-9]\{4\}-[A-Z3-9]\{4\}-[A-Z3-9]\{4\}/@CODE@/g'; }
code_of() { # FILE NUMBER: the code of invitation NUMBER
	awk -F, -v n="$2" '$1 == n { print $2 }' "$1"
}

run "$AIMAP" round new "Invited" -q "$minimal" -d Sales -d Ops -d Legal \
	--code INV --invitations-only
expect_status 0 new
expect_err_has "is open (minimal v1) to invited people only; make their codes with: aimap invite -r INV --from FILE"
run "$AIMAP" round show INV
expect_status 0 show-new
expect_out invite-show-new

# ---- --count: codes on standard output -------------------------------------

run "$AIMAP" invite -r INV -d sales --role manager --count 3
expect_status 0 count
printf '%s\n' "$out" | tr -d '\r' >"$work/count.csv"
[ "$(codes_out <"$work/count.csv")" = "invitation,code,department,role,track,command
1,@CODE@,Sales,manager,technical,aimap take -i @CODE@
2,@CODE@,Sales,manager,technical,aimap take -i @CODE@
3,@CODE@,Sales,manager,technical,aimap take -i @CODE@" ] ||
	fail "count output: $out"
s1=$(code_of "$work/count.csv" 1)
s2=$(code_of "$work/count.csv" 2)
s3=$(code_of "$work/count.csv" 3)
[ "$s1" != "$s2" ] && [ "$s2" != "$s3" ] || fail "codes repeat"
# only hashes are stored: no code, with or without dashes, in the file
for c in "$s1" "$s2" "$s3"; do
	bare=$(printf '%s' "$c" | tr -d -)
	if grep -q -e "$c" -e "$bare" "$AIMAP_DB" "$AIMAP_DB-wal" 2>/dev/null; then
		fail "code $c stored as it is"
	fi
done
[ "$(sql "SELECT count(*) FROM invitation WHERE code_hash LIKE 'p1:%'
	AND length(code_hash) = 67")" = 3 ] || fail "not three hashes"

run "$AIMAP" invite -r INV --count 2 -d Marketing
expect_status 1 count-bad-department
expect_err_has "department 'Marketing' is not one of round INV's"
run "$AIMAP" invite -r INV --count 2 --revoke "$s1"
expect_status 2 two-things
run "$AIMAP" invite --count 2
expect_status 2 no-round

# ---- --from: one per person; a bad row stores nothing ---------------------

cat >"$work/bad.csv" <<'CSV'
alias,department,role,track,email
p-020,Ops,individual,citizen,p20@example.org
p-021,Ops,boss,technical,
p-022,Nowhere,manager,technical,
,Legal,executive,technical,
CSV
run "$AIMAP" invite -r INV --from "$work/bad.csv"
expect_status 1 from-bad
expect_err invite-from-bad.err
[ "$(sql "SELECT count(*) FROM invitation")" = 3 ] ||
	fail "a bad file stored invitations"
printf 'alias,dept\np-1,Ops\n' >"$work/header.csv"
run "$AIMAP" invite -r INV --from "$work/header.csv"
expect_status 1 from-bad-header
expect_err_has "header.csv:1: unknown column 'dept'"

cat >"$work/people.csv" <<'CSV'
alias,email,department,role,track
p-014,p14@example.org,ops,individual,citizen
p-015,"p15@example.org",Ops,manager,
p-016,,Legal,executive,technical
CSV
run "$AIMAP" invite -r INV --from "$work/people.csv" -o "$work/mail.csv"
expect_status 0 from
expect_out invite-from
[ "$(codes_out <"$work/mail.csv" | tr -d '\r')" = "invitation,code,person,email,department,role,track,command
4,@CODE@,p-014,p14@example.org,Ops,individual,citizen,aimap take -i @CODE@
5,@CODE@,p-015,p15@example.org,Ops,manager,technical,aimap take -i @CODE@
6,@CODE@,p-016,,Legal,executive,technical,aimap take -i @CODE@" ] ||
	fail "mail.csv: $(cat "$work/mail.csv")"
[ "$(csv_check "$work/mail.csv")" = "4 rows of 8 fields" ] ||
	fail "mail.csv is no clean CSV"
p14=$(code_of "$work/mail.csv" 4)
p15=$(code_of "$work/mail.csv" 5)

# ---- submit -i ---------------------------------------------------------------

answers Sales manager technical
run "$AIMAP" submit -r INV "$work/answers.ini"
expect_status 1 submit-without-code
expect_err_has "round INV takes answers only with an invitation code (give -i CODE)"
[ "$(sql "SELECT count(*) FROM response")" = 0 ] || fail "stored without code"

run "$AIMAP" submit -i "$s1" "$work/answers.ini"
expect_status 0 submit-s1
expect_out_has "in round INV."
# the same code, typed in lower case without dashes: one response only
run "$AIMAP" submit -i "$(printf '%s' "$s1" | tr -d - | tr A-Z a-z)" \
	"$work/answers.ini"
expect_status 1 submit-s1-again
expect_err_has "has answers already (one response per invitation)"
run "$AIMAP" submit -i "$s1" -r OTHER "$work/answers.ini"
expect_status 1 submit-other-round
expect_err_has "is for round INV, not OTHER"
# a profile in FILE other than the invitation's is refused
answers Ops manager technical
run "$AIMAP" submit -i "$s2" "$work/answers.ini"
expect_status 1 submit-disagrees
expect_err_has "department is 'Ops', but the invitation is for 'Sales': nothing was stored"
answers Sales individual technical
run "$AIMAP" submit -i "$s2" "$work/answers.ini"
expect_status 1 submit-disagrees-role
expect_err_has "role is 'individual', but the invitation is for 'manager'"
run "$AIMAP" submit -i "NOT-A-CODE" "$work/answers.ini"
expect_status 1 submit-not-a-code
expect_err_has "'NOT-A-CODE' is not an invitation code"
[ "$(sql "SELECT count(*) FROM response")" = 1 ] || fail "refusals stored"

answers Ops individual citizen
run "$AIMAP" submit -i "$p14" "$work/answers.ini"
expect_status 0 submit-p14
answers Ops manager technical
run "$AIMAP" submit -i "$p15" "$work/answers.ini"
expect_status 0 submit-p15
# p-015 stopped half-way, as the screens leave it: started, not completed
sql "UPDATE response SET finished_at = NULL, segment = NULL, subtype = NULL,
	adoption = NULL WHERE id = (SELECT response_id FROM invitation
	WHERE number = 5)" || fail "cannot unfinish p-015"
# a finished response keeps no name or email beside it (p-015's went
# when it was submitted; only p-016, who has not answered, keeps hers)
[ "$(sql "SELECT number FROM invitation WHERE person IS NOT NULL
	OR email IS NOT NULL ORDER BY number" | tr '\n' ' ')" = "6 " ] ||
	fail "names or emails kept beside finished responses"

# take -i: no --kiosk or --resume beside it (checked before any screen)
run "$AIMAP" take -i "$s2" --kiosk -r INV
expect_status 2 take-i-kiosk
expect_err_has "-i takes no --kiosk or --resume"
run "$AIMAP" take -i "$s2" --resume K7QXM-4RTCW -r INV
expect_status 2 take-i-resume

# ---- --revoke ------------------------------------------------------------------

run "$AIMAP" invite -r INV --revoke "$s3"
expect_status 0 revoke-unused
expect_out_has "Revoked invitation 3 of round INV."
answers Sales manager technical
run "$AIMAP" submit -i "$s3" "$work/answers.ini"
expect_status 1 submit-revoked
expect_err_has "was revoked: nothing was stored"
run "$AIMAP" invite -r INV --revoke "$(printf '%s' "$s1" | tr A-Z a-z)"
expect_status 0 revoke-finished
expect_out_has "Revoked invitation 1 of round INV; its finished response is kept."
[ "$(sql "SELECT count(*) FROM response WHERE finished_at IS NOT NULL")" = 2 ] ||
	fail "revoking lost a finished response"
run "$AIMAP" invite -r INV --revoke "AAAA-AAAA-AAAA"
expect_status 1 revoke-unknown
expect_err_has "round INV has no invitation with code AAAA-AAAA-AAAA"

# ---- participation, counted by hand --------------------------------------------
# 1 Sales finished (then revoked: still counts), 2 Sales not started,
# 3 Sales revoked unused (not counted), 4 Ops finished, 5 Ops started,
# 6 Legal not started:
#   Legal 1 invited, 0 started, 0 completed; Ops 2, 2, 1; Sales 2, 1, 1;
#   all 5 invited, 3 started, 2 completed (40%).

run "$AIMAP" round show INV
expect_status 0 show
expect_out invite-show
run "$AIMAP" report -r INV
expect_status 0 report
printf '%s\n' "$out" | sed -n '/^Participation/,/^$/p' >"$work/part.txt"
out=$(cat "$work/part.txt")
expect_out invite-report
run "$AIMAP" report -r INV --format csv
expect_status 0 report-csv
out=$(printf '%s\n' "$out" | tr -d '\r' | grep '^participation,')
expect_out invite-report-csv
run "$AIMAP" report -r INV --format html
expect_status 0 report-html
for row in 'Legal</th><td class="num">1</td><td class="num">0</td><td class="num">0</td>' \
	'Ops</th><td class="num">2</td><td class="num">2</td><td class="num">1</td>' \
	'Sales</th><td class="num">2</td><td class="num">1</td><td class="num">1</td>' \
	'Whole round</th><td class="num">5</td><td class="num">3</td><td class="num">2</td>'; do
	expect_out_has "$row"
done
run "$AIMAP" export summary -r INV -o "$work/summary.csv"
expect_status 0 summary
python3 - "$work/summary.csv" >"$work/summary.txt" <<'PY' || fail "summary"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig",
                                newline="")))
for r in rows:
    cells = [r["invited_n"], r["started_n"], r["completed_n"]]
    if r["kind"] in ("round", "department"):
        [int(c) for c in cells]  # numbers only
    else:
        assert cells == ["", "", ""], r
    print(r["kind"], r["group_id"], *cells)
PY
out=$(cat "$work/summary.txt")
expect_out invite-summary

# a round without invitations keeps its columns and says nothing
"$AIMAP" round new "Plain" -q "$minimal" --code PLN >/dev/null 2>&1
run "$AIMAP" export summary -r PLN
case $out in *invited_n*) fail "participation columns without invitations" ;; esac
run "$AIMAP" round show PLN
case $out in *invitations*) fail "round show of a plain round: $out" ;; esac

# ---- --pending: for a reminder, never an answer ---------------------------------

run "$AIMAP" invite -r INV --pending -o "$work/pending.csv"
expect_status 0 pending
expect_out_has "3 invitations of round INV not finished:"
out=$(tr -d '\r' <"$work/pending.csv")
expect_out invite-pending
# the person's column is headed as in the file with the codes, which
# cannot tell a name from an alias either
[ "$(head -1 "$work/pending.csv" | cut -d, -f2)" = \
	"$(head -1 "$work/mail.csv" | cut -d, -f3)" ] ||
	fail "pending and the codes head the person's column differently"
for word in champion willing cautious adoption often; do
	grep -qi "$word" "$work/pending.csv" && fail "pending shows $word"
done

# ---- a database of schema 4 keeps every answer ---------------------------------

old="$work/old.db"
"$AIMAP" --db "$old" round new "Old" -q "$minimal" --code OLD >/dev/null 2>&1
AIMAP_DB="$old" person OLD p-1 Ops individual technical no 3 5 2 2 2 "40, 35, 25"
AIMAP_DB="$old" person OLD p-2 Sales manager citizen no 1 2 1 1 - "50, 30, 20"
undo_migration_8 "$old" || fail "cannot make a schema 7 database"
sqlite3 "$old" "DROP TABLE action; ALTER TABLE round DROP COLUMN small_gaps;
	DROP TABLE questionnaire_model;
	DROP TRIGGER invitation_finished; DROP TABLE invitation;
	DROP TABLE secret_salt; ALTER TABLE round DROP COLUMN invitations_only;
	UPDATE response SET resume_hash = 'fe0bd25c0d2a8b43' WHERE id = 1;
	PRAGMA user_version = 4" || fail "cannot make a schema 4 database"
before=$(sqlite3 "$old" "SELECT * FROM answer ORDER BY 1, 2;
	SELECT * FROM estimate ORDER BY 1, 2; SELECT * FROM response ORDER BY id;
	SELECT * FROM respondent ORDER BY id; SELECT * FROM round")
run "$AIMAP" --db "$old" round show OLD
expect_status 0 upgrade
newest=$(ls "$top_srcdir"/tests/data/schema/v*.sql | wc -l)
[ "$(sqlite3 "$old" "PRAGMA user_version")" = "$newest" ] || fail "not upgraded"
after=$(sqlite3 "$old" "SELECT * FROM answer ORDER BY 1, 2;
	SELECT * FROM estimate ORDER BY 1, 2; SELECT * FROM response ORDER BY id;
	SELECT * FROM respondent ORDER BY id;
	SELECT id, uuid, code, name, questionnaire_id, state, min_group,
	created_at, closed_at, held FROM round")
[ "$before" = "$after" ] || fail "the upgrade changed answers or responses"
[ "$(sqlite3 "$old" "SELECT length(salt) FROM secret_salt")" = 32 ] ||
	fail "no salt made"
[ "$(sqlite3 "$old" "SELECT invitations_only FROM round")" = 0 ] ||
	fail "an old round became invitations-only"

finish
