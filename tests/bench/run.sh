#!/bin/sh
# SPDX-License-Identifier: MIT
# make bench: every operation a facilitator waits for (a report, both
# exports, an import, a merge, launch to the first question, submissions
# one at a time and eight at once), timed on aimap and on the plain
# sqlite3 tool doing the equivalent work on the same file in the same
# run, with 10,000 and 100,000 respondents, printed as one table with the
# ratio, the growth from the smaller size to the larger and the peak
# memory of each (tests/bench/measure.py says what each side does). A
# report, not a test: it exits 0 when a target is missed, and says
# MISSED.
#
# Environment (make bench sets the first three, as for make check):
#   AIMAP                 the aimap to measure (default: the build's)
#   top_srcdir            the source tree
#   top_builddir          the build tree; the databases are cached in
#                         tests/bench/data/ there, one per size; the
#                         refresh timer (report-time.c) is built against
#                         its src/libaimap.a with its compiler and flags
#   AIMAP_BENCH_SIZES     respondents (default "10000 100000"; BENCH_SIZES
#                         is read too); above 100000, multiples of
#                         100000, e.g. "10000 100000 1000000"
#   AIMAP_BENCH_RUNS      most runs of each operation (default 5)
#   AIMAP_BENCH_BUDGET    seconds after which an operation takes no more
#                         runs at that size (default 20): the slow ones,
#                         import and merge at 100,000, run once
#   AIMAP_BENCH_SUBMITS   submissions per writer count (default 64)
#   SQLITE3, PYTHON       the tools (default sqlite3, python3)
#
# The databases are made by 'aimap demo --respondents N --seed 1' (two
# rounds eight weeks apart: DEMO-1 with N responses, DEMO-2 with those
# who came back and a few new people), once per size and aimap schema;
# making the 100,000 takes minutes without sanitizers, so the first
# 'make bench' takes that much longer than the next ones. A size above
# 100,000 (1,000,000) is the 100,000 copied over in SQL, each copy of a
# person under a new name and new ids, its running totals scaled (see
# sql/scale.sql and database_of below); every database is checked against
# a recount of its running totals before use.
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
TIME=/usr/bin/time
sizes=${AIMAP_BENCH_SIZES:-${BENCH_SIZES:-"10000 100000"}}
runs=${AIMAP_BENCH_RUNS:-5}
budget=${AIMAP_BENCH_BUDGET:-20}
submits=${AIMAP_BENCH_SUBMITS:-64}
seed=1

bench=$top_srcdir/tests/bench
data=$top_builddir/tests/bench/data
questionnaire=$top_srcdir/questionnaires/ai-maturity.ini
answers=$top_srcdir/tests/data/answers/ai-maturity-champion.ini

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
[ -x "$TIME" ] || die "needs GNU time at $TIME (apt-get install time)"
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
say "sqlite3 tool: $(command -v "$SQLITE3")" \
	"($("$SQLITE3" --version | cut -d' ' -f1))"

# ---- the databases ----------------------------------------------------------

mkdir -p "$data"
work=$(mktemp -d "$data/run-XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# An empty database made by the aimap under test: the target of import
# and merge, and with the demo's inputs the key of the cache, so the
# databases are made again when the schema, the questionnaire or the
# personas change.
empty=$work/empty.db
"$AIMAP" --db "$empty" round list >/dev/null 2>"$work/empty.err" ||
	die "cannot make an empty database: $(cat "$work/empty.err")"
key=$({
	"$AIMAP" --version
	"$SQLITE3" "$empty" 'PRAGMA user_version' .schema
	cat "$questionnaire" "$top_srcdir"/data/personas/*.ini
} | cksum | cut -d' ' -f1)

# The running totals of $1 against a recount of its $2 respondents; dies
# when they differ.
check_sound() {
	check=$("$SQLITE3" -batch "$1" 'PRAGMA quick_check' \
		'SELECT count(*) FROM response p JOIN round r
		 ON r.id = p.round_id WHERE r.code = '\''DEMO-1'\'''
	"$SQLITE3" -batch "$1" <"$bench/sql/recount.sql")
	[ "$check" = "ok
$2
round_tally|0
round_answer|0
round_estimate|0
round_adoption|0
round_score|0" ] || die "the $2-respondent database is not sound: $check"
}

# The database of $1 respondents, made once and kept in $data: by aimap
# demo up to 100,000; above that, a multiple of 100,000 is made from the
# 100,000 by copying its people (sql/scale.sql, with the triggers that add
# each row to the running totals dropped and made again after: the
# totals are scaled instead), which takes minutes where aimap demo would
# take most of an hour.
database_of() {
	n=$1
	db=$data/demo-$n-$key.db
	if [ -f "$db" ]; then
		say "$db"
		return
	fi
	rm -f "$data/demo-$n-"*
	tmp=$work/demo-$n.db
	start=$(date +%s)
	if [ "$n" -gt 100000 ]; then
		[ $((n % 100000)) -eq 0 ] ||
			die "sizes above 100000 must be multiples of 100000: $n"
		base=$(database_of 100000)
		cp "$base" "$tmp"
		"$SQLITE3" -batch "$tmp" "SELECT sql || ';' FROM sqlite_master
			WHERE type = 'trigger' AND name LIKE '%_insert'" \
			>"$work/triggers.sql"
		"$SQLITE3" -batch "$tmp" "SELECT 'DROP TRIGGER ' || name || ';'
			FROM sqlite_master WHERE type = 'trigger'
			AND name LIKE '%_insert'" >"$work/drop.sql"
		{
			cat "$work/drop.sql"
			printf '.parameter set :times %d\n' $((n / 100000))
			cat "$bench/sql/scale.sql" "$work/triggers.sql"
		} | "$SQLITE3" -batch "$tmp" >/dev/null 2>"$work/demo.err" ||
			die "cannot scale to $n: $(cat "$work/demo.err")"
		how="scaled from 100000 with sql/scale.sql"
	else
		"$AIMAP" --db "$tmp" demo --respondents "$n" --seed "$seed" \
			>/dev/null 2>"$work/demo.err" ||
			die "aimap demo --respondents $n failed:" \
				"$(cat "$work/demo.err")"
		how="made with aimap demo"
	fi
	# its running totals must agree with a recount
	check_sound "$tmp" "$n"
	say "$n respondents $how in $(($(date +%s) - start)) s" \
		"(once; cached in $data)" >&2
	mv "$tmp" "$db"
	say "$db"
}

set --
for n in $sizes; do
	cached=$(database_of "$n")
	set -- "$@" --db "$n=$cached"
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

say "measuring: at most $runs runs or $budget s of each operation and size," \
	"$submits submissions per writer count"
"$PYTHON" "$bench/measure.py" --aimap "$AIMAP" --sqlite3 "$SQLITE3" \
	--time "$TIME" --questionnaire "$questionnaire" --answers "$answers" \
	--sql "$bench/sql" --work "$work" --empty "$empty" --runs "$runs" \
	--budget "$budget" --submits "$submits" \
	--report-time "$report_time" "$@"
