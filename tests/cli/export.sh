#!/bin/sh
# SPDX-License-Identifier: MIT
# aimap export: every kind against expected output, every file parsed by
# Python's csv module, the formula guard on text and never on numbers,
# and a file that appears whole or not at all: a symbolic link or a
# missing folder refused, a killed export leaving the old file in place.
# (A full disk: export-disk.sh; LibreOffice: export-libreoffice.sh.)
. "$top_srcdir/tests/cli/lib.sh"
. "$data/csv/people.sh"

# exported rows end in CRLF; the expected files hold them without CR
expect_csv() { # name file
	out=$(tr -d '\r' <"$2" | normalize)
	compare "$1" "$out"
}

# ---- usage ----------------------------------------------------------------

run "$AIMAP" export
expect_status 2 no-kind
expect_err export-no-kind.err
run "$AIMAP" export everything
expect_status 2 unknown-kind
expect_err_has "no export 'everything'; KIND is responses, answers, summary, transitions, comments or plan"
run "$AIMAP" export transitions
expect_status 2 no-baseline
expect_err_has "the transitions export compares two rounds: give --baseline CODE"
run "$AIMAP" export responses --baseline K0
expect_status 2 baseline-not-taken
expect_err_has "--baseline applies to the summary and transitions exports, not responses"
run "$AIMAP" export responses --delimiter '|'
expect_status 2 bad-delimiter
expect_err_has "--delimiter takes ',', ';' or tab, not '|'"
run "$AIMAP" export responses extra
expect_status 2 extra
run "$AIMAP" export responses
expect_status 1 no-round
expect_err_has "there is no round yet"

# ---- two rounds -------------------------------------------------------------

"$AIMAP" round new "Kick-off" -q "$minimal" --code K0 >/dev/null 2>&1 ||
	fail "cannot make K0"
person K0 Ada Engineering individual technical yes 2 3 1 2 1 "30, 30, 40"
person K0 "@cmd" Engineering individual technical yes 1 2 1 1 1 "30, 30, 40"
person K0 "+1" Engineering individual technical yes 1 1 1 1 1 "30, 30, 40"
person K0 "-1" Engineering manager technical yes 1 2 1 2 1 "20, 30, 50"
person K0 "Zoë 日本" Engineering individual citizen yes 1 2 1 2 - "30, 30, 40"
person K0 Cy Engineering individual technical no 2 4 2 2 1 "30, 30, 40"
"$AIMAP" round close K0 >/dev/null 2>&1

# a minimum group of 2: the leaders' estimate shows against their teams
"$AIMAP" round new "Six weeks on" -q "$minimal" --code K1 --min-group 2 \
	>/dev/null 2>&1 ||
	fail "cannot make K1"
person K1 Ada Engineering individual technical yes 3 5 2 2 2 "40, 35, 25"
person K1 "@cmd" Engineering individual technical yes 3 5 1 2 2 "40, 35, 25"
person K1 "+1" Engineering individual technical yes 2 3 2 2 1 "40, 35, 25"
person K1 "-1" Engineering manager technical yes 2 3 1 1 1 "70, 20, 10"
person K1 "Zoë 日本" Engineering individual citizen yes 1 2 1 2 - "20, 30, 50"
person K1 Cy Engineering individual technical no 3 4 2 2 2 "30, 30, 40"
person K1 "" "=SUM(A1)" individual citizen no 1 1 1 1 - "20, 30, 50"
person K1 Bob "=SUM(A1)" executive technical no 3 4 2 2 2 "50, 30, 20"
# what the respondent flow cannot type: a leading tab and a carriage
# return, in a department and a (named) name
sql "UPDATE response SET department = char(9) || 'Tab'
     WHERE id = (SELECT max(id) FROM response)" ||
	fail "cannot set a tab department"
sql "UPDATE respondent SET name = char(13) || 'cr' WHERE name = '+1'
     AND id = (SELECT max(id) FROM respondent WHERE name = '+1')" ||
	fail "cannot set a CR name"

# ---- each kind ----------------------------------------------------------------

# the answers in the full form that import reads back; the default,
# generalised form after
for kind in responses answers summary; do
	full=""
	[ "$kind" = answers ] && full=--identifiable
	# shellcheck disable=SC2086
	run "$AIMAP" export "$kind" -r K1 $full -o "$work/$kind.csv"
	expect_status 0 "$kind"
	expect_err_has "Wrote the $kind of round K1 to @WORK@/$kind.csv."
	expect_csv "export-$kind.csv" "$work/$kind.csv"
done
run "$AIMAP" export answers -r K1 -o "$work/generalised.csv"
expect_status 0 answers-generalised
expect_csv export-answers-generalised.csv "$work/generalised.csv"
run "$AIMAP" export summary -r K1 --baseline K0 -o "$work/change.csv"
expect_status 0 summary-baseline
expect_csv export-summary-baseline.csv "$work/change.csv"
run "$AIMAP" export transitions -r K1 --baseline K0 -o "$work/moves.csv"
expect_status 0 transitions
expect_csv export-transitions.csv "$work/moves.csv"

# every export parses with the same number of fields on every row
for f in responses answers summary change moves; do
	check=$(csv_check "$work/$f.csv") || fail "$f.csv: $check"
	case $check in
	*", BOM") ;;
	*) fail "$f.csv has no byte-order mark: $check" ;;
	esac
done
[ "$(csv_check "$work/responses.csv")" = "9 rows of 15 fields, BOM" ] ||
	fail "responses: $(csv_check "$work/responses.csv")"

# a private file: answers are personal
[ "$(stat -c %a "$work/answers.csv")" = 600 ] ||
	fail "a new export is not 0600: $(stat -c %a "$work/answers.csv")"

# standard output, the newest round by default, ';' and no BOM
run "$AIMAP" export responses --no-bom --delimiter ';'
expect_status 0 stdout
printf '%s\n' "$out" >"$work/semi.csv"
[ "$(head -c 6 "$work/semi.csv")" = "round;" ] || fail "no BOM: $out"
run "$AIMAP" export responses --no-bom --delimiter ';' -o "$work/semi.csv"
[ "$(csv_check "$work/semi.csv" ';')" = "9 rows of 15 fields" ] ||
	fail "semicolons: $(csv_check "$work/semi.csv" ';')"
# a decimal comma: the same cells, "12,5" where the point was "12.5"
run "$AIMAP" export responses --no-bom --delimiter ';' --decimal-comma \
	-o "$work/comma.csv"
expect_status 0 decimal-comma
[ "$(tr ',' . <"$work/comma.csv")" = "$(tr ',' . <"$work/semi.csv")" ] ||
	fail "--decimal-comma changed more than the decimal marks"
grep -q ';[0-9]*,[0-9];' "$work/comma.csv" ||
	fail "--decimal-comma wrote no decimal comma"
run "$AIMAP" export responses --decimal-comma
expect_status 2 decimal-comma-with-commas
expect_err_has "--decimal-comma needs --delimiter ';' or tab"
run "$AIMAP" export responses -o -
expect_status 0 dash
expect_out_has "round,department,role"

# ---- the formula guard ------------------------------------------------------

# Text a spreadsheet would run starts with an apostrophe; numbers, even
# negative ones, never do. The answers export shows every department;
# names only of champions who agreed ('-1, \rcr and Zoë agreed but are
# not champions). A carriage return no terminal should act on is written
# as the two characters \r.
python3 - "$work/responses.csv" "$work/change.csv" "$work/answers.csv" \
	<<'EOF' ||
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig",
                                newline="")))
answers = list(csv.DictReader(open(sys.argv[3], encoding="utf-8-sig",
                                   newline="")))
names = {r["name"] for r in rows} | {r["name"] for r in answers}
departments = {r["department"] for r in answers}
assert names == {"", "Ada", "'@cmd"}, names
for want in ["'=SUM(A1)", "'\tTab", "Engineering"]:
    assert want in departments, (want, departments)
for r in rows:
    for k in ["adoption", "score_use"]:
        float(r[k])
change = list(csv.DictReader(open(sys.argv[2], encoding="utf-8-sig",
                                  newline="")))
whole = [r for r in change if r["kind"] == "round"][0]
assert whole["change_cautious_pct"].startswith("-"), whole
float(whole["change_cautious_pct"])
negative = [v for r in change for k, v in r.items()
            if k.startswith("change_") and v.startswith("-")]
assert negative, "no negative change"
for v in negative:
    float(v)
EOF
	fail "formula guard or numbers"
grep -q ",'=SUM(A1),individual,citizen," "$work/answers.csv" ||
	fail "=SUM(A1) not guarded as written"

# ---- where the file goes ------------------------------------------------------

echo "keep me" >"$work/real.csv"
ln -s "$work/real.csv" "$work/link.csv"
run "$AIMAP" export responses -r K1 -o "$work/link.csv"
expect_status 1 symlink
expect_err export-symlink.err
[ "$(cat "$work/real.csv")" = "keep me" ] || fail "wrote through a link"
[ -L "$work/link.csv" ] || fail "the link was replaced"

run "$AIMAP" export responses -r K1 -o "$work/no/such/out.csv"
expect_status 1 missing-folder
expect_err export-missing-folder.err

run "$AIMAP" export responses -r K1 -o "$work"
expect_status 1 folder
expect_err_has "is a folder; give a file name"

# the database given as the output by mistake
cp "$AIMAP_DB" "$work/copy.db"
run "$AIMAP" export responses -r K1 -o "$AIMAP_DB"
expect_status 1 database
expect_err_has "aimap.db: is an SQLite database (aimap's?), not an export; aimap does not write over it"
cmp -s "$AIMAP_DB" "$work/copy.db" || fail "the database was overwritten"

run "$AIMAP" export responses -r NOPE
expect_status 1 unknown-round
expect_err_has "no round with code 'NOPE'"
run "$AIMAP" export summary -r K1 --baseline NOPE
expect_status 1 unknown-baseline
expect_err_has "no round with code 'NOPE' for --baseline"

# an existing file is replaced whole, keeping its mode
echo old >"$work/old.csv"
chmod 644 "$work/old.csv"
run "$AIMAP" export summary -r K1 -o "$work/old.csv"
expect_status 0 replace
[ "$(stat -c %a "$work/old.csv")" = 644 ] || fail "mode not kept"
cmp -s "$work/old.csv" "$work/summary.csv" || fail "not replaced"
ls -a "$work" | grep -q '^\.old\.csv\.' && fail "a temporary file is left"

# ---- a decimal comma locale does not reach the CSV ---------------------------

mkdir -p "$work/locale"
if command -v localedef >/dev/null 2>&1 &&
	localedef -i de_DE -f UTF-8 "$work/locale/de_DE.UTF-8" \
		>/dev/null 2>&1; then
	run env LOCPATH="$work/locale" LC_ALL=de_DE.UTF-8 "$AIMAP" export \
		summary -r K1 -o "$work/de.csv"
	expect_status 0 locale
	cmp -s "$work/de.csv" "$work/summary.csv" ||
		fail "the export changes with the locale"
else
	echo "SKIP: no de_DE locale can be made here (localedef)"
fi

# ---- killed mid-write ------------------------------------------------------------

# A large round: the bench's templates grown to many responses.
big="$work/big.db"
bench="$top_srcdir/tests/bench"
AIMAP_DB=$big "$AIMAP" round new "Big" -q "$top_srcdir/questionnaires/ai-maturity.ini" \
	--code BENCH -d Engineering -d Sales -d Marketing -d Finance \
	-d People >/dev/null 2>&1 || fail "cannot make the big round"
for answers in "$data/answers/ai-maturity-champion.ini" \
	"$data/answers/ai-maturity-willing.ini" \
	"$data/answers/ai-maturity-cautious.ini"; do
	AIMAP_DB=$big "$AIMAP" submit -r BENCH "$answers" >/dev/null ||
		fail "cannot submit $answers"
done
sqlite3 -batch -bail "$big" -cmd ".parameter set :n 20000" \
	<"$bench/sql/grow.sql" >/dev/null || fail "cannot grow the big round"

# Start an export, stop it once its temporary file is being written,
# then kill it: the old file must still be there, whole.
killed_export() { # signal
	echo "the old export" >"$work/target.csv"
	AIMAP_DB=$big "$AIMAP" export answers -r BENCH --identifiable -o "$work/target.csv" \
		2>/dev/null &
	pid=$!
	tmp=""
	i=0
	while [ $i -lt 2000 ]; do
		tmp=$(ls -a "$work" | grep '^\.target\.csv\.' | head -n 1)
		[ -n "$tmp" ] && [ -s "$work/$tmp" ] && break
		i=$((i + 1))
		sleep 0.01
	done
	kill -STOP $pid 2>/dev/null
	[ -n "$tmp" ] && [ -s "$work/$tmp" ] ||
		fail "$1: the export never started writing"
	[ "$(cat "$work/target.csv")" = "the old export" ] ||
		fail "$1: the target changed before the end"
	kill "-$1" $pid 2>/dev/null
	kill -CONT $pid 2>/dev/null
	wait $pid 2>/dev/null
	[ "$(cat "$work/target.csv")" = "the old export" ] ||
		fail "$1: a killed export replaced the file"
}
killed_export KILL
# SIGKILL cannot be caught: its temporary file stays, under its own name
rm -f "$work"/.target.csv.*
killed_export TERM
ls -a "$work" | grep -q '^\.target\.csv\.' &&
	fail "SIGTERM left the temporary file"

# ---- memory does not grow with the round -----------------------------------------

# The same export of 20,003 and of 1,003 responses; sanitizers keep freed
# memory in quarantine, so theirs is off here.
if [ -x /usr/bin/time ]; then
	small="$work/small.db"
	cp "$big" "$small"
	sqlite3 "$small" "PRAGMA foreign_keys = ON;
	DELETE FROM response WHERE id > 1003" || fail "cannot shrink"
	rss() {
		ASAN_OPTIONS=quarantine_size_mb=0:detect_leaks=0 \
			/usr/bin/time -f %M -o "$work/rss" env AIMAP_DB="$1" \
			"$AIMAP" export answers -r BENCH --identifiable -o "$work/rss.csv" \
			2>/dev/null || fail "export of $1 failed"
		tail -n 1 "$work/rss"
	}
	small_kb=$(rss "$small")
	big_kb=$(rss "$big")
	[ $((big_kb - small_kb)) -lt 4096 ] ||
		fail "memory grows with the round: $small_kb KiB, then $big_kb KiB"
else
	echo "SKIP: no /usr/bin/time to measure memory"
fi

finish
