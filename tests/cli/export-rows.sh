#!/bin/sh
# SPDX-License-Identifier: MIT
# aimap export answers on a round larger than a spreadsheet opens
# (1,048,576 rows): a warning on stderr before the file is written, and
# none for a smaller round. The large round is made with SQL inserts of
# unfinished responses (each still has a row per question that applies
# to it); its export goes to /dev/full, so that the test writes little.
. "$top_srcdir/tests/cli/lib.sh"
. "$data/csv/people.sh"

"$AIMAP" round new "Small" -q "$minimal" --code S1 >/dev/null 2>&1 ||
	fail "cannot make S1"
person S1 Ada Engineering individual technical yes 2 3 1 2 1 "30, 30, 40"
run "$AIMAP" export answers --identifiable -r S1 -o "$work/small.csv"
expect_status 0 small
case $err in *warning*) fail "a warning for a small round: $err" ;; esac
# the rows of one individual technical response, without the header
per=$(($(tr -d '\r' <"$work/small.csv" | wc -l) - 1))
[ "$per" -gt 0 ] || fail "no rows in the small export"

"$AIMAP" round new "Large" -q "$minimal" --code L1 >/dev/null 2>&1 ||
	fail "cannot make L1"
big() { # responses
	sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
	     WHERE i < $1)
	     INSERT INTO respondent (uuid, name, created_at)
	     SELECT printf('%08x-0000-4000-8000-000000000000', i), NULL,
	     '2026-01-01T00:00:00Z' FROM n
	     WHERE NOT EXISTS (SELECT 1 FROM respondent t
	     WHERE t.uuid = printf('%08x-0000-4000-8000-000000000000', i));
	     INSERT INTO response (uuid, round_id, respondent_id, department,
	     role, track, started_at)
	     SELECT printf('%08x-0000-4000-8000-000000000001', t.id),
	     (SELECT id FROM round WHERE code = 'L1'), t.id, 'Engineering',
	     'individual', 'technical', '2026-01-01T00:00:00Z'
	     FROM respondent t WHERE t.uuid LIKE '%-000000000000'
	     AND NOT EXISTS (SELECT 1 FROM response p
	     WHERE p.respondent_id = t.id AND p.round_id =
	     (SELECT id FROM round WHERE code = 'L1'))
	     ORDER BY t.id LIMIT $1" || fail "cannot insert $1 responses"
}

# one row short of the limit with the header: no warning
fit=$((1048575 / per))
big "$fit"
"$AIMAP" export answers --identifiable -r L1 >/dev/full 2>"$work/err"
grep -q warning "$work/err" &&
	fail "a warning at $((fit * per + 1)) rows: $(cat "$work/err")"

# one response more than that: the warning, before anything is written
need=$((fit + 1))
big "$need"
[ "$(sql "SELECT count(*) FROM response p JOIN round r ON r.id = p.round_id
	WHERE r.code = 'L1'")" = "$need" ] || fail "not $need responses"
rows=$((need * per + 1))
[ "$rows" -gt 1048576 ] || fail "$rows rows is not over the limit"
"$AIMAP" export answers --identifiable -r L1 >/dev/full 2>"$work/err"
err=$(normalize <"$work/err")
checks=$((checks + 1))
expect_err_has "aimap: warning: the answers of round L1 come to about $rows rows, more than the 1048576 a spreadsheet opens"
expect_err_has "take the responses export"
# the warning comes first, before the export (here: its write failing)
head -n 1 "$work/err" | grep -q '^aimap: warning:' ||
	fail "the warning is not first: $(cat "$work/err")"

finish
