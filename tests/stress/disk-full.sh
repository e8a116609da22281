#!/bin/sh
# SPDX-License-Identifier: MIT
# A full disk during a session: the database on a small tmpfs, filled up
# while a respondent answers in the terminal. The key that cannot be
# saved gives a clear message on the status line and the screen stays
# where it was; the database passes the integrity check and keeps every
# earlier answer; once there is room again the same key saves and moves
# on, and the respondent finishes. The same for submitting at the end,
# and for `aimap submit` (exit 1, a clear message, nothing stored in
# part), which also meets a read-only file system. Skipped (77) where a
# tmpfs cannot be mounted (it needs root).
. "$top_srcdir/tests/e2e/lib.sh"

disk="$work/disk"
mkdir "$disk"
if ! mount -t tmpfs -o size=1m tmpfs "$disk" 2>/dev/null; then
	echo "SKIP: cannot mount a small tmpfs here (not root?)"
	exit 77
fi
# aimap must be gone before the file system can be unmounted.
disk_cleanup() {
	t kill-server >/dev/null 2>&1
	n=200
	until umount "$disk" 2>/dev/null; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || break
		sleep 0.05
	done
	cleanup
}
trap disk_cleanup EXIT

export AIMAP_DB="$disk/aimap.db"
"$AIMAP" round new "Full disk" -q "$data/questionnaires/minimal.ini" \
	-d Engineering -d Marketing --code FULL >/dev/null 2>&1 ||
	abort "could not open the round"

fill() {
	dd if=/dev/zero of="$disk/filler" bs=4k 2>/dev/null
	check '[ "$(df -P "$disk" | awk "NR == 2 { print \$4 }")" = 0 ]' \
		"the disk is not full: $(df -P "$disk" | tail -n 1)"
}

room() {
	rm -f "$disk/filler"
}

# The integrity check reads the database where it is, on the full disk.
integrity() { # WHEN
	got=$(sql "pragma integrity_check" 2>&1)
	check '[ "$got" = ok ]' "$1: integrity check: $got"
}

# ---- a session -------------------------------------------------------------------

start 80 24 take -r FULL
wait_for "Your name, or an alias"
send_text "Ada"
keys Enter
for step in 2 3 4 5; do
	wait_for "About you  $step / 5"
	keys Enter
done
wait_for "1 / 6"
keys 3
wait_for "2 / 6"

fill
keys 4
wait_for "The disk is full"
message=$(printf '%s\n' "$last" | grep "The disk is full")
echo "the message on a full disk: $message"
has "2 / 6"
has "How much have you built with AI?"
check 'printf "%s" "$message" | grep -Eqi "full|space"' \
	"the message does not say the disk is full: $message"
check 'printf "%s" "$message" | grep -qi "earlier answers are safe"' \
	"the message does not say the earlier answers are safe: $message"
integrity "a full disk, mid-session"
expect_sql "select question || '=' || choice from answer" "often=3"

# A second try while the disk is still full changes nothing.
keys 4
wait_for "The disk is full"
has "2 / 6"

room
keys 4
wait_for "3 / 6"
lacks "The disk is full"
expect_sql "select question || '=' || choice from answer order by 1" \
	"made=4
often=3"
keys 2
wait_for "4 / 6"
keys 2
wait_for "5 / 6"
keys 2
wait_for "6 / 6"
send_text 50
keys Tab
send_text 30
keys Tab
send_text 20
wait_for "Sum 100 %"
keys Enter
wait_for "Every question is answered"

# Submitting on a full disk: the review stays, nothing is finished.
fill
keys s
wait_for "The disk is full"
message=$(printf '%s\n' "$last" | grep "The disk is full")
echo "the message on submitting: $message"
has "Every question is answered"
integrity "a full disk, submitting"
expect_sql "select count(*), count(finished_at) from response" "1|0"
expect_sql "select count(*) from answer" 5
room
keys s
wait_for "Your result: "
expect_sql "select count(*), count(finished_at) from response" "1|1"
keys q
expect_exit 0 "leaving after the disk had room again"
integrity "after the session"

# ---- aimap submit --------------------------------------------------------------

answers="$data/answers/champion.ini"
fill
"$AIMAP" submit -r FULL "$answers" >"$work/out" 2>"$work/err"
st=$?
echo "aimap submit on a full disk: status $st, stderr: $(cat "$work/err")"
check '[ $st = 1 ]' "submit on a full disk: status $st, not 1"
check '[ ! -s "$work/out" ]' "submit on a full disk printed: $(cat "$work/out")"
check 'grep -Eqi "full|space" "$work/err"' \
	"submit on a full disk does not say the disk is full: $(cat "$work/err")"
# (no connection is open now, and a new one cannot even make its shared
# memory file on the full disk: the check runs once there is room)
room
integrity "submit on a full disk"
expect_sql "select count(*) from response" 1
expect_sql "select count(*) from answer" 5
check '"$AIMAP" submit -r FULL "$answers" >/dev/null 2>&1' \
	"submit fails once the disk has room again"
expect_sql "select count(*), count(finished_at) from response" "2|2"

# A read-only file system (remounted so, as nothing holds a file open).
if mount -o remount,ro "$disk" 2>/dev/null; then
	"$AIMAP" submit -r FULL "$answers" >"$work/out" 2>"$work/err"
	st=$?
	echo "aimap submit on a read-only file system: status $st, stderr: $(cat "$work/err")"
	check '[ $st = 1 ]' "submit on a read-only disk: status $st, not 1"
	check 'grep -q "Read-only file system" "$work/err"' \
		"submit on a read-only disk does not say so: $(cat "$work/err")"
	mount -o remount,rw "$disk" || abort "cannot make the disk writable again"
	expect_sql "select count(*) from response" 2
	check '"$AIMAP" submit -r FULL "$answers" >/dev/null 2>&1' \
		"submit fails once the disk is writable again"
	expect_sql "select count(*) from response" 3
fi
integrity "at the end"
expect_sql "pragma foreign_key_check" ""

finish
