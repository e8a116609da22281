#!/bin/sh
# SPDX-License-Identifier: MIT
# import and merge on a small disk. Before either starts, the free space
# beside the database is checked against an estimate from the input's
# size (aimap(1), IMPORT AND MERGE): too little is refused with exit 1,
# a message saying how much is needed and free, and nothing stored; a
# small input on the same disk goes in. Then the disk running out in the
# middle of an import or a merge (a file size limit, which SQLite meets
# as it would a full disk, after the check has passed): exit 1, every
# stored answer as it was, the database sound and still writable.
# Skipped (77) where a tmpfs cannot be mounted (it needs root).
. "$top_srcdir/tests/cli/lib.sh"
. "$data/csv/people.sh"

disk="$work/disk"
mkdir "$disk"
if ! mount -t tmpfs -o size=4m tmpfs "$disk" 2>/dev/null; then
	echo "SKIP: cannot mount a small tmpfs here (not root?)"
	exit 77
fi
trap 'umount "$disk" 2>/dev/null; rm -rf "$work"' EXIT INT TERM

# ---- the inputs, made on the large disk ------------------------------------

"$AIMAP" round new "Kick-off" -q "$minimal" --code K0 >/dev/null 2>&1 ||
	fail "cannot make K0"
person K0 Ada Engineering individual technical yes 2 3 1 2 1 "30, 30, 40"
"$AIMAP" export answers --identifiable -r K0 --no-bom -o "$work/one.csv" 2>/dev/null ||
	fail "cannot export K0"
cp "$AIMAP_DB" "$work/one.db"
# 3000 responses like Ada's, each with its own UUIDs: about 5 MiB (and
# big.db about 2 MiB)
awk -F, -v OFS=, 'NR == 1 { print; next } { rows[NR] = $0 }
	END {
		for (i = 1; i <= 3000; i++)
			for (r = 2; r <= NR; r++) {
				$0 = rows[r]
				$9 = sprintf("%08x-1111-4111-8111-111111111111", i)
				$10 = sprintf("%08x-2222-4222-8222-222222222222", i)
				print
			}
	}' "$work/one.csv" >"$work/big.csv"
[ "$(wc -c <"$work/big.csv")" -gt 5000000 ] || fail "big.csv is too small"
# the estimate for an import: the file's size and 1 MiB
need=$(awk -v n="$(wc -c <"$work/big.csv")" \
	'BEGIN { printf "%.1f", (n + 1048576) / 1048576 }')
AIMAP_DB="$work/big.db" "$AIMAP" import -q "$minimal" "$work/big.csv" \
	>/dev/null 2>"$work/big.err" || fail "cannot make big.db: $(cat "$work/big.err")"

answers() { # the stored answers and responses of the database $AIMAP_DB
	sql "SELECT p.uuid, a.question, a.choice, a.answered_at FROM answer a
	     JOIN response p ON p.id = a.response_id ORDER BY 1, 2;
	     SELECT count(*) FROM response; PRAGMA integrity_check"
}

# ---- refused before it starts ----------------------------------------------

export AIMAP_DB="$disk/aimap.db"
cp "$work/one.db" "$AIMAP_DB"
before=$(answers)

run "$AIMAP" import "$work/big.csv"
expect_status 1 import-no-room
expect_err_has "@WORK@/big.csv: this import needs about $need MiB free in @WORK@/disk (the database's folder), and"
expect_err_has "is free; make room, or import into a database on a larger disk"
expect_err_has "big.csv: nothing was imported"
[ "$(answers)" = "$before" ] || fail "a refused import changed the answers"

run "$AIMAP" merge "$work/big.db"
expect_status 1 merge-no-room
expect_err_has "@WORK@/big.db: a merge of this file needs about"
expect_err_has "MiB free in @WORK@/disk (the database's folder), and"
expect_err_has "nothing was merged"
[ "$(answers)" = "$before" ] || fail "a refused merge changed the answers"

# a small input fits on the same disk
head -n 7 "$work/big.csv" >"$work/small.csv"
run "$AIMAP" import "$work/small.csv"
expect_status 0 small-import
expect_out_has "1 response added"
[ "$(sql "SELECT count(*) FROM response")" = 2 ] || fail "not imported"
run "$AIMAP" merge "$work/one.db"
expect_status 0 small-merge
expect_out_has "Merged @WORK@/one.db: 0 responses added"

# ---- the disk runs out in the middle ---------------------------------------

# On the large disk, where the check passes: a limit on the size of any
# file aimap writes (1024 blocks: 512 KiB or 1 MiB) stops it part of the
# way.
export AIMAP_DB="$work/mid.db"
cp "$work/one.db" "$AIMAP_DB"
before=$(answers)
limited() {
	(
		trap '' XFSZ
		ulimit -f 1024 || exit 99
		exec "$@"
	) >"$work/out" 2>"$work/err" </dev/null
	status=$?
	out=$(normalize <"$work/out")
	err=$(normalize <"$work/err")
	checks=$((checks + 1))
}
limited "$AIMAP" import "$work/big.csv"
[ "$status" = 99 ] && fail "cannot set a file size limit"
expect_status 1 import-disk-full
expect_err_has "big.csv: nothing was imported"
[ "$(answers)" = "$before" ] || fail "a failed import changed the answers"
limited "$AIMAP" merge "$work/big.db"
expect_status 1 merge-disk-full
expect_err_has "nothing was merged"
[ "$(answers)" = "$before" ] || fail "a failed merge changed the answers"
# and the database takes the next write as ever
run "$AIMAP" import "$work/small.csv"
expect_status 0 after-disk-full
[ "$(sql "SELECT count(*) FROM response")" = 2 ] || fail "not imported"

finish
