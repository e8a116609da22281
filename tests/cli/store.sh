#!/bin/sh
# SPDX-License-Identifier: MIT
# The database on the command line: where it is, and every file aimap must
# refuse while leaving it byte for byte untouched.
. "$top_srcdir/tests/cli/lib.sh"

# The default database is created on first use, with its folders.
unset AIMAP_DB
run "$AIMAP" round list
expect_status 0 default
[ -f "$HOME/.local/share/aimap/aimap.db" ] || fail "default database not created"
[ "$(sqlite3 "$HOME/.local/share/aimap/aimap.db" 'pragma application_id')" = 1095322960 ] ||
	fail "default database lacks aimap's application_id"

export XDG_DATA_HOME="$work/xdg"
run "$AIMAP" round list
expect_status 0 xdg
[ -f "$work/xdg/aimap/aimap.db" ] || fail "XDG_DATA_HOME not honoured"
unset XDG_DATA_HOME

run "$AIMAP" --db "$work/given.db" round list
expect_status 0 given
[ -f "$work/given.db" ] || fail "--db not honoured"

export AIMAP_DB="$work/env.db"
run "$AIMAP" round list
[ -f "$work/env.db" ] || fail "AIMAP_DB not honoured"

# Refusals: status 1, a message naming the file, and the file unchanged.
refused() { # name path phrase
	before=$(ls -l --time-style=+%s.%N "$2" 2>/dev/null; cat "$2" 2>/dev/null | cksum)
	run "$AIMAP" --db "$2" round list
	expect_status 1 "$1"
	expect_err_has "$3"
	expect_err_has "$(echo "$2" | normalize)"
	after=$(ls -l --time-style=+%s.%N "$2" 2>/dev/null; cat "$2" 2>/dev/null | cksum)
	[ "$before" = "$after" ] || fail "$1: the file was changed"
	[ ! -e "$2-wal" ] && [ ! -e "$2-shm" ] || fail "$1: left a -wal or -shm file"
}

mkdir "$work/a-directory"
refused directory "$work/a-directory" "directory"

: >"$work/empty.db"
refused empty "$work/empty.db" "empty"

echo "just some text" >"$work/text.db"
refused text "$work/text.db" "not an SQLite database"

sqlite3 "$work/other.db" "create table t(x); insert into t values (1);"
refused foreign "$work/other.db" "not an aimap database"

cp "$work/given.db" "$work/newer.db"
sqlite3 "$work/newer.db" "pragma user_version = 999"
refused newer "$work/newer.db" "newer aimap"

"$AIMAP" --db "$work/big.db" round new "R" -q "$data/questionnaires/minimal.ini" --code R1 >/dev/null 2>&1
size=$(stat -c %s "$work/big.db")
head -c $((size / 2)) "$work/big.db" >"$work/truncated.db"
refused truncated "$work/truncated.db" "truncated"

finish
