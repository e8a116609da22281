#!/bin/sh
# How long 'aimap export responses' takes on the 100,000-response bench
# database, and how much memory it needs, beside the sqlite3 tool writing
# the same columns with -csv from the same file in the same run. A report,
# not a test: it exits 0 when a target is missed, and says MISSED.
#
# Targets: aimap's time at most 1.2 times sqlite3's (the median of the
# runs), and aimap's peak memory (maximum resident set) under 16 MiB
# whatever the size of the round: the export streams one row at a time.
#
# Environment (make bench sets the first three):
#   AIMAP                the aimap to measure (default: the build's)
#   top_srcdir           the source tree
#   top_builddir         the build tree; the database is the one
#                        tests/bench/run.sh caches in tests/bench/data/
#                        there (responses-100000-*.db), or made here the
#                        same way when there is none
#   AIMAP_BENCH_EXPORT_N responses (default 100000)
#   AIMAP_BENCH_RUNS     runs of each tool (default 7)
#   SQLITE3              the tool (default sqlite3)
#
# Measure a build without sanitizers (see tests/bench/run.sh): they slow
# aimap and multiply its memory, and not sqlite3's.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=${top_srcdir:-$(cd "$here/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
AIMAP=${AIMAP:-$top_builddir/src/aimap}
SQLITE3=${SQLITE3:-sqlite3}
n=${AIMAP_BENCH_EXPORT_N:-100000}
runs=${AIMAP_BENCH_RUNS:-7}
TIME=/usr/bin/time

bench=$top_srcdir/tests/bench
data=$top_builddir/tests/bench/data
questionnaire=$top_srcdir/questionnaires/ai-maturity.ini

say() {
	printf '%s\n' "$*"
}

die() {
	say "bench: $*" >&2
	exit 1
}

command -v "$SQLITE3" >/dev/null 2>&1 ||
	die "needs $SQLITE3 (on Debian: apt-get install sqlite3)"
[ -x "$TIME" ] || die "needs GNU time at $TIME (apt-get install time)"
[ -x "$AIMAP" ] || die "no aimap at $AIMAP (run make first)"

say "aimap under test: $AIMAP ($("$AIMAP" --version 2>&1 | head -n 1))"
if nm "$AIMAP" 2>/dev/null | grep -q '__asan_\|__ubsan_'; then
	say "WARNING: this aimap is built with sanitizers: its time and memory"
	say "overstate the cost (see tests/bench/run.sh for a plain build)."
fi

mkdir -p "$data"
work=$(mktemp -d "$data/export-XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# ---- the database -------------------------------------------------------------

# The newest one run.sh made, or one made here as run.sh makes it.
db=$(ls -t "$data"/responses-"$n"-*.db 2>/dev/null | head -n 1 || true)
if [ -z "$db" ]; then
	say "making $n responses (once; tests/bench/run.sh caches its own)"
	db=$work/grow.db
	"$AIMAP" --db "$db" round new "Benchmark" -q "$questionnaire" \
		--code BENCH -d Engineering -d Sales -d Marketing -d Finance \
		-d People >/dev/null 2>"$work/round.err" ||
		die "cannot make the round: $(cat "$work/round.err")"
	for answers in "$top_srcdir/tests/data/answers/ai-maturity-ada.ini" \
		"$bench/answers/willing.ini" "$bench/answers/cautious.ini"; do
		"$AIMAP" --db "$db" submit -r BENCH "$answers" >/dev/null ||
			die "cannot record $answers"
	done
	"$SQLITE3" -batch -bail "$db" -cmd ".parameter set :n $n" \
		<"$bench/sql/grow.sql" >/dev/null || die "cannot grow the database"
fi
say "database: $db"
# measured on a copy: nothing here may change the cache
cp "$db" "$work/bench.db"
db=$work/bench.db

# ---- the same columns from sqlite3 ------------------------------------------

"$AIMAP" --db "$db" export responses -r BENCH --no-bom -o "$work/aimap.csv" \
	2>/dev/null || die "aimap cannot export the database"
dims=$(head -n 1 "$work/aimap.csv" | tr -d '\r' | tr ',' '\n' |
	sed -n 's/^score_//p')
scores=""
for d in $dims; do
	scores="$scores, (SELECT round(c.score, 1) FROM response_score c
	  WHERE c.response_id = p.id AND c.dimension = '$d') AS score_$d"
done
sql="SELECT r.code AS round, p.department, p.role, p.track, p.segment,
	p.subtype, round(p.adoption, 1) AS adoption $scores,
	p.started_at, p.finished_at, p.uuid AS response_uuid,
	CASE WHEN t.champion_contact = 1 THEN t.name END AS name
FROM response p JOIN round r ON r.id = p.round_id
JOIN respondent t ON t.id = p.respondent_id
WHERE r.code = 'BENCH' AND p.finished_at IS NOT NULL
ORDER BY p.finished_at, p.id"
say "$sql" >"$work/export.sql"

rows_aimap=$(($(wc -l <"$work/aimap.csv") - 1))
"$SQLITE3" -csv -header "$db" <"$work/export.sql" >"$work/sqlite.csv"
rows_sqlite=$(($(wc -l <"$work/sqlite.csv") - 1))
say "rows: aimap $rows_aimap, sqlite3 $rows_sqlite"
# the same text: aimap ends rows in CRLF (RFC 4180), sqlite3 in LF, and
# sqlite3 quotes any text with a space
tr -d '\r"' <"$work/aimap.csv" >"$work/aimap-lf.csv"
tr -d '"' <"$work/sqlite.csv" >"$work/sqlite-lf.csv"
if cmp -s "$work/aimap-lf.csv" "$work/sqlite-lf.csv"; then
	say "the two files hold the same cells"
else
	say "NOTE: the two files differ (first difference below)"
	diff "$work/aimap-lf.csv" "$work/sqlite-lf.csv" | head -n 4 || true
fi

# ---- the measurements ---------------------------------------------------------

# One run: prints "seconds kilobytes". GNU time's %e has 10 ms steps, so
# the wall time comes from date in nanoseconds.
measure() {
	start=$(date +%s%N)
	"$TIME" -f '%M' -o "$work/mem" "$@" >/dev/null 2>"$work/err" ||
		die "failed: $* ($(cat "$work/err"))"
	end=$(date +%s%N)
	say "$(((end - start) / 1000000)) $(tail -n 1 "$work/mem")"
}

median() { # numbers, one per line
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

: >"$work/aimap.runs"
: >"$work/sqlite.runs"
i=0
while [ $i -lt "$runs" ]; do
	# alternate, so a noisy machine slows both alike
	measure "$AIMAP" --db "$db" export responses -r BENCH --no-bom \
		-o "$work/out.csv" >>"$work/aimap.runs"
	measure sh -c "'$SQLITE3' -csv -header '$db' <'$work/export.sql' \
		>'$work/out-sqlite.csv'" >>"$work/sqlite.runs"
	i=$((i + 1))
done

aimap_ms=$(cut -d' ' -f1 "$work/aimap.runs" | median)
sqlite_ms=$(cut -d' ' -f1 "$work/sqlite.runs" | median)
aimap_kb=$(cut -d' ' -f2 "$work/aimap.runs" | sort -n | tail -n 1)
sqlite_kb=$(cut -d' ' -f2 "$work/sqlite.runs" | sort -n | tail -n 1)
ratio=$(awk -v a="$aimap_ms" -v s="$sqlite_ms" \
	'BEGIN { printf "%.2f", (s > 0 ? a / s : 0) }')
time_ok=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.2) ? "ok" : "MISSED" }')
mem_ok=$(awk -v k="$aimap_kb" 'BEGIN { print (k < 16384) ? "ok" : "MISSED" }')

say ""
say "export responses of $rows_aimap responses ($runs runs, median time, peak memory)"
printf '  %-22s %8s ms %8s KiB\n' "aimap export" "$aimap_ms" "$aimap_kb"
printf '  %-22s %8s ms %8s KiB\n' "sqlite3 -csv" "$sqlite_ms" "$sqlite_kb"
printf '  time ratio %s (target <= 1.2): %s\n' "$ratio" "$time_ok"
printf '  aimap peak memory %s KiB (target < 16384): %s\n' "$aimap_kb" \
	"$mem_ok"
exit 0
