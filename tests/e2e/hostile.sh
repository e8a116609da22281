#!/bin/sh
# SPDX-License-Identifier: MIT
# Hostile data in the screens: a stored choice no question offers (7777,
# from a file another program wrote) is read as unanswered, not used as
# an index; a round name full of escape sequences and a bidi override is
# drawn as visible text, in the columns it takes; the dashboard reads a
# database on a read-only file system; and a fatal signal (SIGSEGV) gives
# the terminal back as it was.
. "$top_srcdir/tests/e2e/lib.sh"

round_minimal

# ---- a stored choice out of range, on resume ---------------------------------

start 80 24 take -r E2E
to_first_question "Mallory" "Down Enter"
wait_for "Your resume key is "
key=$(printf '%s\n' "$last" | sed -n 's/.*resume key is \([A-Z0-9]\{5\}-[A-Z0-9]\{5\}\).*/\1/p' | head -n 1)
check '[ -n "$key" ]' "no resume key shown"
answer_questions 3 3 4 2
keys q
expect_exit 0 "leaving mid-way"
sqlite3 "$AIMAP_DB" "UPDATE answer SET choice = 7777 WHERE question = 'often';
	UPDATE answer SET choice = 100000 WHERE question = 'made'" ||
	fail "cannot plant the choices"
expect_sql "select question, choice from answer order by question" \
	"made|100000
often|7777
shown|2"

# back with the resume key shown when Mallory started
start 80 24 take -r E2E --resume "$key"
wait_for "Welcome back"
keys Enter
# the planted answers count as not given: the first of them is asked
wait_for "1 / 6"
for step in "1 3" "2 4" "3 2" "4 1" "5 1"; do
	wait_for "${step% *} / 6"
	keys "${step#* }"
done
wait_for "6 / 6"
to_review 34 33 33
has "3. Daily"
keys q
expect_exit 0 "the review with planted choices"

# ---- escape sequences in a round's name ----------------------------------------

name=$(printf 'Evil\033]0;owned\007\033[2J\342\200\256end')
"$AIMAP" round new "$name" -q "$data/questionnaires/minimal.ini" \
	--code EVIL >/dev/null 2>&1 || fail "cannot open round EVIL"
start 80 24 dashboard -r EVIL
wait_for 'Evil\x1b]0;owned\x07\x1b[2J\u202eend'
check '[ "$(pane "#{pane_title}")" != owned ]' "OSC 0 set the title"
keys q
expect_exit 0 "the dashboard"

# ---- the dashboard of a database on a read-only file system ---------------------

ro="$work/ro"
mkdir "$ro"
if mount -t tmpfs -o size=4m tmpfs "$ro" 2>/dev/null; then
	# unmounted whatever happens, before the work folder goes
	trap 'umount "$ro" 2>/dev/null; cleanup' EXIT
	cp "$AIMAP_DB" "$ro/aimap.db"
	if mount -o remount,ro "$ro"; then
		start 80 24 --db "$ro/aimap.db" dashboard -r EVIL
		wait_for "Dashboard: round EVIL"
		keys q
		expect_exit 0 "the dashboard on a read-only file system"
	fi
	umount "$ro"
else
	echo "SKIP: the dashboard read-only: cannot mount a tmpfs (not root?)"
fi

# ---- a fatal signal -------------------------------------------------------------

after='stty -a >"'$work'/stty"; exec env PS1="e2e-prompt> " sh -i'
start 80 24 take -r E2E
to_first_question "Crash"
answer_questions 1
kill -SEGV "$(aimap_pid)"
expect_exit 139 "SIGSEGV"
wait_for "the terminal is restored"
check '! grep -E -q "(^| )-(icanon|echo|isig|icrnl|onlcr|opost)( |;|$)" "$work/stty"' \
	"SIGSEGV: terminal settings not restored: $(cat "$work/stty")"
check '[ "$(pane "#{alternate_on}")" = 0 ]' "SIGSEGV: still on the alternate screen"
check '[ "$(pane "#{cursor_flag}")" = 1 ]' "SIGSEGV: the cursor is still hidden"
wait_for "e2e-prompt>"

finish
