# SPDX-License-Identifier: MIT
# Helpers for the command-line tests: each test runs aimap for real against
# a database in a fresh temporary folder and compares what it printed and
# its exit status with what is expected.
#
#   run aimap ARGS...        runs it; $out, $err, $status hold the results
#   expect_status N          the exit status must be N
#   expect_out FILE          stdout must equal tests/cli/expected/FILE
#   expect_err FILE          stderr must equal tests/cli/expected/FILE
#   expect_err_has TEXT      stderr must contain TEXT
#   expect_out_has TEXT      stdout must contain TEXT
#   sql QUERY                prints the query's result from the test db
#
# Set AIMAP_BLESS=1 to write the expected files from the actual output
# (then read every changed file before committing it).

set -u

: "${AIMAP:?AIMAP must point at the aimap binary}"
: "${top_srcdir:?top_srcdir must be set}"

data="$top_srcdir/tests/data"
expected="$top_srcdir/tests/cli/expected"
work=$(mktemp -d "${TMPDIR:-/tmp}/aimap-cli-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# Nothing from the caller's environment may leak into a test.
export HOME="$work/home"
unset XDG_DATA_HOME XDG_CONFIG_HOME AIMAP_QUESTIONNAIRES NO_COLOR
export AIMAP_DB="$work/aimap.db"
export AIMAP_NOW="2026-01-15T09:30:00Z"
export LC_ALL=C.UTF-8
mkdir -p "$HOME"

failures=0
checks=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# Replace what changes from run to run (the temp folder, UUIDs, random
# round codes, the path aimap was run by) with fixed markers.
normalize() {
	# aimap names itself as it was run (here by its full path) in the
	# commands it suggests: "aimap" in the expected files (under
	# make check-valgrind the program run is the one valgrind starts)
	sed -e "s|$AIMAP |aimap |g" \
		-e "s|${AIMAP_VALGRIND_REAL:-@none@} |aimap |g" \
		-e "s|$work|@WORK@|g" -e "s|$data|@DATA@|g" \
		-e "s|$top_srcdir|@SRC@|g" \
		-e 's/[0-9a-f]\{8\}-[0-9a-f]\{4\}-4[0-9a-f]\{3\}-[89ab][0-9a-f]\{3\}-[0-9a-f]\{12\}/@UUID@/g'
}

run() {
	"$@" >"$work/out" 2>"$work/err" </dev/null
	status=$?
	out=$(normalize <"$work/out")
	err=$(normalize <"$work/err")
	checks=$((checks + 1))
}

expect_status() {
	[ "$status" -eq "$1" ] ||
		fail "line ${2:-?}: exit status $status, expected $1; stderr: $err"
}

compare() { # name actual
	if [ "${AIMAP_BLESS:-0}" = 1 ]; then
		printf '%s\n' "$2" >"$expected/$1"
		return
	fi
	if [ ! -f "$expected/$1" ]; then
		fail "missing expected file $1; actual:"
		printf '%s\n' "$2"
		return
	fi
	printf '%s\n' "$2" >"$work/actual"
	if ! diff -u "$expected/$1" "$work/actual"; then
		fail "output differs from $1"
	fi
}

expect_out() { compare "$1" "$out"; }
expect_err() { compare "$1" "$err"; }

expect_err_has() {
	case $err in
	*"$1"*) ;;
	*) fail "stderr lacks '$1'; stderr was: $err" ;;
	esac
}

expect_out_has() {
	case $out in
	*"$1"*) ;;
	*) fail "stdout lacks '$1'; stdout was: $out" ;;
	esac
}

sql() {
	sqlite3 -batch -noheader "$AIMAP_DB" "$1"
}

# undo_migration_8 DB: DB as migration 7 left it (without the running
# totals of squares and adoption depths, with migration 1's triggers and
# champions' index; without migration 10's count of people's changes,
# whose triggers name response's columns; migration 9's table stays),
# so that a test can go on to make an older database out of a current
# one.
undo_migration_8() {
	sqlite3 -batch "$1" "DROP TRIGGER people_respondent_changed;
		DROP TRIGGER people_response_changed;
		DROP TRIGGER people_response_deleted; DROP TABLE people_edits" ||
		return 1
	v1_triggers=$(sqlite3 -batch :memory: ".read $data/schema/v1.sql" \
		"SELECT sql || ';' FROM sqlite_master WHERE name IN
		('response_insert', 'response_delete',
		'response_totals_update', 'response_score_insert',
		'response_score_delete', 'response_score_update',
		'response_champion')")
	sqlite3 -batch "$1" "DROP INDEX response_people;
		DROP INDEX response_champion;
		DROP TRIGGER response_adoption_update;
		DROP TRIGGER response_insert; DROP TRIGGER response_delete;
		DROP TRIGGER response_totals_update;
		DROP TRIGGER response_score_insert;
		DROP TRIGGER response_score_delete;
		DROP TRIGGER response_score_update;
		DROP TABLE round_adoption;
		ALTER TABLE round_score DROP COLUMN squares;
		$v1_triggers
		PRAGMA user_version = 7"
}

finish() {
	echo "$checks runs, $failures failures"
	[ "$failures" -eq 0 ] || exit 1
	exit 0
}
