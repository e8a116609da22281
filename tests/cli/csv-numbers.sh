#!/bin/sh
# SPDX-License-Identifier: MIT
# Numeric columns hold numbers only, in every CSV aimap writes: the
# report (with a compared round and a leaders' round), every export kind
# (the kinds as export --help lists them), analyze and comments, on a
# demo organisation whose small departments are hidden and withheld.
# tests/cli/csv-numbers.py names the numeric headers and reads the cells.
. "$top_srcdir/tests/cli/lib.sh"

check="$top_srcdir/tests/cli/csv-numbers.py"
"$AIMAP" demo --respondents 80 --seed 5 >/dev/null 2>&1 || fail "demo"
"$AIMAP" demo --respondents 20 --seed 3 --rounds 1 --code LEAD \
	-q leadership >/dev/null 2>&1 || fail "the leaders' demo"

files=""
# $1: a name for the file; the rest: the aimap command writing CSV
csv_of() {
	name=$1
	shift
	run "$AIMAP" "$@"
	expect_status 0 "$name"
	printf '%s\n' "$out" >"$work/$name.csv"
	files="$files $work/$name.csv"
}

csv_of report report -r DEMO-2 --format csv
csv_of report-compare report -r DEMO-2 --compare DEMO-1 --format csv
csv_of report-role report -r DEMO-2 --compare DEMO-1 --by role --format csv
csv_of report-leaders report -r DEMO-2 --leaders LEAD-1 --format csv
csv_of analyze analyze -r DEMO-2 --format csv
csv_of comments comments -r DEMO-2 --format csv

# every kind export --help names ("...: responses, answers, summary or
# transitions."), alone, and with the earlier round where a kind takes
# one (transitions must)
kinds=$("$AIMAP" export --help | tr '\n' ' ' |
	sed -n 's/.*CSV baseline: \([^.]*\)\..*/\1/p' |
	sed 's/, / /g; s/ or / /g')
[ "$(printf '%s\n' $kinds | wc -l)" -ge 4 ] ||
	fail "export --help lists no kinds: '$kinds'"
written=0
for kind in $kinds; do
	n=0
	for baseline in "" "--baseline DEMO-1"; do
		n=$((n + 1))
		file="$work/export-$kind-$n.csv"
		# shellcheck disable=SC2086 # nothing, or an option and its value
		"$AIMAP" export "$kind" -r DEMO-2 $baseline >"$file" 2>/dev/null ||
			continue
		[ "$(wc -l <"$file")" -gt 1 ] ||
			fail "export $kind $baseline wrote no rows"
		files="$files $file"
		written=$((written + 1))
	done
done
# responses, answers, summary twice, transitions once
[ "$written" -ge 5 ] || fail "only $written exports were written"
csv_of export-summary-leaders export summary -r DEMO-2 --leaders LEAD-1

# shellcheck disable=SC2086 # a list of paths without spaces
python3 "$check" $files || fail "a numeric column holds something else"
checks=$((checks + 1))

# the same with a decimal comma
run "$AIMAP" export summary -r DEMO-2 --baseline DEMO-1 --delimiter ';' \
	--decimal-comma
expect_status 0 decimal-comma
printf '%s\n' "$out" >"$work/comma.csv"
python3 "$check" --decimal-comma "$work/comma.csv" ||
	fail "a numeric column holds something else (decimal comma)"
checks=$((checks + 1))

# the checker itself fails on words in a numeric column
printf 'view,group,n,measure,value\nsegments,Sales,fewer than 5,x,\n' \
	>"$work/words.csv"
python3 "$check" "$work/words.csv" >/dev/null &&
	fail "the checker let 'fewer than 5' pass as n"
checks=$((checks + 1))

finish
