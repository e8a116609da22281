#!/bin/sh
# make bench: how long aimap takes from launch to the first question, for
# one answer key, for 'aimap report' and for one dashboard refresh, with
# 10,000 and 100,000 responses in the database, against the plain sqlite3
# tool doing the same queries on the same file in the same run. A report,
# not a test: it exits 0 when a target is missed, and says MISSED.
#
# Environment (make bench sets the first three, as for make check):
#   AIMAP                 the aimap to measure (default: the build's)
#   top_srcdir            the source tree
#   top_builddir          the build tree; databases are cached in
#                         tests/bench/data/ there, one per size; the
#                         refresh timer (report-time.c) is built against
#                         its src/libaimap.a with its compiler and flags
#   AIMAP_BENCH_SIZES     response counts (default "10000 100000")
#   AIMAP_BENCH_RUNS      runs per size (default 20)
#   SQLITE3, PYTHON       the tools (default sqlite3, python3)
#
# Measure a build without sanitizers: they slow aimap several times over,
# and not sqlite3, so ratios from such a build say little. See the
# warning below for how to make one.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=${top_srcdir:-$(cd "$here/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
AIMAP=${AIMAP:-$top_builddir/src/aimap}
SQLITE3=${SQLITE3:-sqlite3}
PYTHON=${PYTHON:-python3}
sizes=${AIMAP_BENCH_SIZES:-"10000 100000"}
runs=${AIMAP_BENCH_RUNS:-20}

bench=$top_srcdir/tests/bench
data=$top_builddir/tests/bench/data
questionnaire=$top_srcdir/questionnaires/ai-maturity.ini
templates="$top_srcdir/tests/data/answers/ai-maturity-ada.ini
$bench/answers/willing.ini
$bench/answers/cautious.ini"

say() {
	printf '%s\n' "$*"
}

die() {
	say "bench: $*" >&2
	exit 1
}

for tool in "$PYTHON" "$SQLITE3"; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "needs $tool (on Debian: apt-get install python3 sqlite3)"
done
[ -x "$AIMAP" ] || die "no aimap at $AIMAP (run make first)"

# ---- which build ----------------------------------------------------------

say "aimap under test: $AIMAP ($("$AIMAP" --version 2>&1 | head -n 1))"
if [ -x "$top_builddir/config.status" ]; then
	say "configured with: $("$top_builddir/config.status" --config)"
fi
if nm "$AIMAP" 2>/dev/null | grep -q '__asan_\|__ubsan_\|__tsan_' ||
	nm -D "$AIMAP" 2>/dev/null | grep -q '__asan_\|__ubsan_\|__tsan_'; then
	cat <<EOF
WARNING: this aimap is built with sanitizers, which slow it several
times over (and not sqlite3): its times and ratios overstate the cost.
Measure a build without them, in a separate build directory, e.g.:
    mkdir /tmp/benchbuild && cd /tmp/benchbuild &&
    $top_srcdir/configure -q && make -j2 && make bench
(from a source tree that is not configured in place; otherwise copy it).
EOF
fi
sqlite_version=$("$SQLITE3" --version | cut -d' ' -f1)
say "sqlite3 tool: $(command -v "$SQLITE3") ($sqlite_version)"

# ---- the databases ----------------------------------------------------------

mkdir -p "$data"
work=$(mktemp -d "$data/run-XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# Made fresh each run by the aimap under test, so the cache key below
# changes with its schema.
base=$work/base.db
"$AIMAP" --db "$base" round new "Benchmark" -q "$questionnaire" \
	--code BENCH -d Engineering -d Sales -d Marketing -d Finance \
	-d People >/dev/null 2>"$work/round.err" ||
	die "cannot make the round: $(cat "$work/round.err")"
say "$templates" | while IFS= read -r answers; do
	"$AIMAP" --db "$base" submit -r BENCH "$answers" >/dev/null ||
		exit 1
done || die "cannot record the template answers"

key=$({
	"$SQLITE3" "$base" 'PRAGMA user_version' .schema
	cat "$bench/sql/grow.sql" "$questionnaire"
	say "$templates" | while IFS= read -r answers; do
		cat "$answers"
	done
} | cksum | cut -d' ' -f1)

# The database of $1 responses, made once and kept in $data.
database_of() {
	n=$1
	db=$data/responses-$n-$key.db
	if [ -f "$db" ]; then
		say "$db"
		return
	fi
	say "making $n responses (once; cached in $data)" >&2
	rm -f "$data/responses-$n-"*
	tmp=$work/grow-$n.db
	cp "$base" "$tmp"
	"$SQLITE3" -batch -bail "$tmp" -cmd ".parameter set :n $n" \
		<"$bench/sql/grow.sql" >/dev/null ||
		die "cannot make $n responses"
	check=$("$SQLITE3" -batch "$tmp" 'PRAGMA foreign_keys = ON' \
		'PRAGMA foreign_key_check' 'PRAGMA integrity_check' \
		'SELECT count(*) FROM response' \
		'PRAGMA wal_checkpoint(TRUNCATE)')
	[ "$check" = "ok
$n
0|0|0" ] || die "the $n-response database is not sound: $check"
	# grow.sql writes with plain SQL: only the schema's triggers kept the
	# running totals that reports read
	check=$("$SQLITE3" -batch "$tmp" <"$bench/sql/recount.sql")
	[ "$check" = "round_tally|0
round_answer|0
round_estimate|0
round_score|0" ] ||
		die "the $n-response database's totals differ from a" \
			"recount: $check"
	"$AIMAP" --db "$tmp" round show BENCH >/dev/null ||
		die "aimap does not accept the $n-response database"
	mv "$tmp" "$db"
	say "$db"
}

set --
for n in $sizes; do
	cached=$(database_of "$n")
	# each run adds a respondent: measure a copy, keep the cache clean
	cp "$cached" "$work/bench-$n.db"
	set -- "$@" --db "$n=$work/bench-$n.db"
done

# ---- the refresh timer ------------------------------------------------------

# report-time.c against the library of the aimap under test, compiled as
# the build compiles (sanitizers included): its variables, from its
# Makefile.
[ -f "$top_builddir/src/libaimap.a" ] ||
	die "no $top_builddir/src/libaimap.a (run make first)"
vars=$(printf 'bench-vars:\n\t@printf "%%s\\n" %s\n' \
	'"$(CC)" "$(CPPFLAGS) $(CFLAGS) $(SANITIZER_FLAGS)" \
	"$(LDFLAGS) $(SANITIZER_FLAGS)" \
	"$(SQLITE_LIBS) $(INIPARSER_LIBS) $(LIBS)"' |
	make -s --no-print-directory -C "$top_builddir" -f Makefile -f - \
		bench-vars) || die "cannot read the build's flags"
cc=$(say "$vars" | sed -n 1p)
cflags=$(say "$vars" | sed -n 2p)
ldflags=$(say "$vars" | sed -n 3p)
libs=$(say "$vars" | sed -n 4p)
report_time=$work/report-time
# shellcheck disable=SC2086 # the flags are lists of words
$cc $cflags -DHAVE_CONFIG_H -I"$top_builddir" -I"$top_srcdir/src" \
	-o "$report_time" "$bench/report-time.c" $ldflags \
	"$top_builddir/src/libaimap.a" $libs ||
	die "cannot build the refresh timer"

# ---- the measurements -----------------------------------------------------

say "measuring: $runs runs of each size ($sizes responses)"
"$PYTHON" "$bench/measure.py" --aimap "$AIMAP" --sqlite3 "$SQLITE3" \
	--questionnaire "$questionnaire" --sql "$bench/sql" --runs "$runs" \
	--report-time "$report_time" "$@"
