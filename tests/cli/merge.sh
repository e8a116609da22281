#!/bin/sh
# SPDX-License-Identifier: MIT
# aimap merge: two databases merged hold what one database that took all
# the answers directly holds; A into B gives what B into A gives; merging
# twice changes nothing; a newer version of a response wins either way;
# and a file that is not aimap's, newer, corrupt or in use is refused
# with both files left byte for byte as they were.
. "$top_srcdir/tests/cli/lib.sh"
. "$data/csv/people.sh"

minimal2="$work/minimal-v2.ini"
sed -e 's/^version = 1/version = 2/' -e 's/"Daily"/"Every day"/' \
	"$minimal" >"$minimal2"

# The first workshop (M1), the second (M2) and a round on version 2 of
# the questionnaire (M3), each into the database named.
first() {
	AIMAP_DB=$1 "$AIMAP" round new "First" -q "$minimal" --code M1 \
		-d Engineering -d Sales >/dev/null 2>&1 || fail "no M1 in $1"
	AIMAP_DB=$1 person M1 Ada Engineering individual technical yes 3 5 2 2 2 "40, 35, 25"
	AIMAP_DB=$1 person M1 "" Sales manager citizen no 1 2 1 2 - "20, 30, 50"
	AIMAP_DB=$1 person M1 Bo Sales individual technical yes 2 3 1 1 1 "30, 30, 40"
}
second() {
	AIMAP_DB=$1 "$AIMAP" round new "Second" -q "$minimal" --code M2 \
		>/dev/null 2>&1 || fail "no M2 in $1"
	AIMAP_DB=$1 person M2 Ada Engineering individual technical yes 3 5 2 2 2 "50, 30, 20"
	AIMAP_DB=$1 person M2 Cy Finance executive technical no 2 4 2 1 2 "60, 20, 20"
	AIMAP_DB=$1 "$AIMAP" round new "Third" -q "$minimal2" --code M3 \
		--min-group 3 >/dev/null 2>&1 || fail "no M3 in $1"
	AIMAP_DB=$1 person M3 Di Sales individual citizen yes 3 5 2 2 - "40, 40, 20"
	AIMAP_DB=$1 "$AIMAP" round close M2 >/dev/null 2>&1
}

all="$work/all.db"
a="$work/a.db"
b="$work/b.db"
first "$all"
second "$all"
first "$a"
second "$b"
cp "$a" "$work/a0.db"
cp "$b" "$work/b0.db"

# What the databases hold, without the UUIDs each one made (for the
# database that took everything directly) ...
content() {
	sqlite3 -batch "$1" "
	SELECT r.code, r.name, r.state, r.min_group, r.created_at,
	       r.closed_at, q.qid, q.version, q.hash,
	       (SELECT group_concat(name, '|') FROM (SELECT name
	        FROM round_department d WHERE d.round_id = r.id
	        ORDER BY position)),
	       t.name, t.champion_contact, p.department, p.role, p.track,
	       p.started_at, p.finished_at, p.segment, p.subtype, p.adoption,
	       (SELECT group_concat(question || '=' || choice || '@'
	               || answered_at, ' ')
	        FROM (SELECT * FROM answer a WHERE a.response_id = p.id
	              ORDER BY question)),
	       (SELECT group_concat(question || '=' || champions || '/'
	               || willing || '/' || cautious)
	        FROM estimate e WHERE e.response_id = p.id),
	       (SELECT group_concat(dimension || '=' || score, ' ')
	        FROM (SELECT * FROM response_score c
	              WHERE c.response_id = p.id ORDER BY dimension))
	FROM response p JOIN round r ON r.id = p.round_id
	JOIN questionnaire q ON q.id = r.questionnaire_id
	JOIN respondent t ON t.id = p.respondent_id
	ORDER BY 1, 11, 13, 14"
}
# ... and with them (for two merges of the same databases).
with_uuids() {
	sqlite3 -batch "$1" "
	SELECT r.uuid, t.uuid, p.uuid FROM response p
	JOIN round r ON r.id = p.round_id
	JOIN respondent t ON t.id = p.respondent_id ORDER BY 3"
	content "$1"
	sqlite3 -batch "$1" "SELECT qid, version, hash, added_at
	FROM questionnaire ORDER BY 1, 2, 3"
}
dump() { sqlite3 -batch "$1" .dump | md5sum; }
untouched() { # file: its bytes, and nothing new beside it
	printf '%s %s\n' "$(md5sum <"$1")" "$(ls -a "$(dirname "$1")" | grep -c "^$(basename "$1")")"
}

# ---- two into one equals all in one ------------------------------------------

before_b=$(untouched "$b")
run "$AIMAP" --db "$a" merge "$b"
expect_status 0 merge
expect_out merge-b-into-a.out
[ "$(untouched "$b")" = "$before_b" ] || fail "merge touched the other file"
[ "$(content "$a")" = "$(content "$all")" ] ||
	fail "A + B differs from all answers in one database"
# two versions of one questionnaire stay two
[ "$(sqlite3 "$a" "SELECT group_concat(version) FROM
	(SELECT version FROM questionnaire WHERE qid = 'minimal'
	 ORDER BY version)")" = "1,2" ] || fail "questionnaire versions merged"
# the running totals the reports read came along
for code in M1 M2 M3; do
	"$AIMAP" --db "$a" report -r "$code" >"$work/a.$code" 2>&1
	"$AIMAP" --db "$all" report -r "$code" >"$work/all.$code" 2>&1
	cmp -s "$work/a.$code" "$work/all.$code" ||
		fail "report $code after the merge differs"
done

# twice: nothing changes
before=$(dump "$a")
run "$AIMAP" --db "$a" merge "$b"
expect_status 0 twice
expect_out merge-twice.out
[ "$(dump "$a")" = "$before" ] || fail "a second merge changed the database"

# B into A gives what A into B gives
cp "$work/a0.db" "$work/a1.db"
cp "$work/b0.db" "$work/b1.db"
"$AIMAP" --db "$work/b1.db" merge "$work/a1.db" >/dev/null ||
	fail "cannot merge A into B"
[ "$(with_uuids "$work/b1.db")" = "$(with_uuids "$a")" ] ||
	fail "A into B differs from B into A"

# ---- the same round in both ---------------------------------------------------

# A copy of A went to a second laptop, where two more people answered
# and the round was closed.
laptop="$work/laptop.db"
cp "$work/a0.db" "$laptop"
AIMAP_DB=$laptop person M1 Ed Engineering individual citizen yes 2 2 2 2 - "30, 40, 30"
AIMAP_DB=$laptop person M1 Flo Sales individual technical no 3 4 1 2 2 "40, 30, 30"
AIMAP_DB=$laptop "$AIMAP" round close M1 >/dev/null 2>&1
here="$work/here.db"
cp "$work/a0.db" "$here"
run "$AIMAP" --db "$here" merge "$laptop"
expect_status 0 same-round
expect_out merge-same-round.out
[ "$(sqlite3 "$here" "SELECT state FROM round WHERE code = 'M1'")" = closed ] ||
	fail "the round closed elsewhere is still open"
[ "$(with_uuids "$here")" = "$(with_uuids "$laptop")" ] ||
	fail "the merged laptop differs from the laptop"
cp "$work/a0.db" "$work/back.db"
"$AIMAP" --db "$laptop" merge "$work/back.db" >/dev/null || fail "back"
[ "$(with_uuids "$here")" = "$(with_uuids "$laptop")" ] ||
	fail "merging back changed the laptop"

# A response finished on one side, still in progress on the other: the
# finished one wins, whichever way the merge goes.
progress="$work/progress.db"
cp "$work/a0.db" "$progress"
sqlite3 "$progress" "PRAGMA foreign_keys = ON;
	DELETE FROM response_score WHERE response_id = 1;
	DELETE FROM answer WHERE response_id = 1 AND question <> 'often';
	DELETE FROM estimate WHERE response_id = 1;
	UPDATE response SET finished_at = NULL, segment = NULL,
	subtype = NULL, adoption = NULL WHERE id = 1" ||
	fail "cannot make a response unfinished"
cp "$progress" "$work/progress0.db"
run "$AIMAP" --db "$progress" merge "$work/a0.db"
expect_status 0 finished-wins
expect_out_has "0 responses added, 1 replaced by a newer version, 2 already here."
cp "$work/a0.db" "$work/finished.db"
run "$AIMAP" --db "$work/finished.db" merge "$work/progress0.db"
expect_status 0 unfinished-loses
expect_out_has "0 responses added, 0 replaced by a newer version, 3 already here."
[ "$(with_uuids "$progress")" = "$(with_uuids "$work/finished.db")" ] ||
	fail "finished against unfinished: the two ways differ"

# ---- refusals: both files left as they were -------------------------------------

target="$work/target.db"
cp "$work/a0.db" "$target"
refused() { # name other-file [part of the message, instead of merge-NAME.err]
	before_target=$(dump "$target")
	before_other=$(untouched "$2")
	run "$AIMAP" --db "$target" merge "$2"
	expect_status 1 "$1"
	if [ $# -gt 2 ]; then
		expect_err_has "$3"
	else
		expect_err "merge-$1.err"
	fi
	[ "$(dump "$target")" = "$before_target" ] ||
		fail "$1: the database changed"
	[ "$(untouched "$2")" = "$before_other" ] ||
		fail "$1: the other file changed"
}

echo "not a database" >"$work/text.db"
refused text "$work/text.db"
: >"$work/empty.db"
refused empty "$work/empty.db"
sqlite3 "$work/other-app.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
refused other-app "$work/other-app.db"
cp "$b" "$work/newer.db"
sqlite3 "$work/newer.db" "PRAGMA user_version = 99"
refused newer "$work/newer.db" "newer.db was written by a newer aimap (schema 99;"
head -c 8192 "$b" >"$work/truncated.db"
refused truncated "$work/truncated.db"
# a page in the middle overwritten: the header is fine, SQLite is not
cp "$b" "$work/corrupt.db"
python3 - "$work/corrupt.db" <<'EOF'
import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(4096 * 3)
    f.write(b"\xde\xad\xbe\xef" * 1024)
EOF
refused corrupt "$work/corrupt.db"
cp "$b" "$work/busy.db"
printf 'frames' >"$work/busy.db-wal"
refused busy "$work/busy.db"
refused itself "$target"
# a round code used here by another round
clash="$work/clash.db"
first "$clash"
refused clash "$clash"
# the same round stored with another questionnaire
cp "$work/a0.db" "$work/reworded.db"
sqlite3 "$work/reworded.db" "UPDATE questionnaire SET hash = '0000000000000000'"
refused reworded "$work/reworded.db"

run "$AIMAP" --db "$target" merge "$work/nowhere.db"
expect_status 1 missing
expect_err_has "nowhere.db: cannot open: No such file or directory"
[ -e "$work/nowhere.db" ] && fail "merge made the missing file"
run "$AIMAP" merge
expect_status 2 no-file
expect_err_has "give exactly one OTHER database to merge"

finish
