#!/bin/sh
# SPDX-License-Identifier: MIT
# Signals mid-question: SIGHUP (sent, and a real hangup when the terminal
# goes away), SIGTERM and Ctrl-C keep every answer given, end with
# 128 + the signal, and give the terminal back as it was: the shell that
# ran aimap works again.
. "$top_srcdir/tests/e2e/lib.sh"

round_minimal

# Name, department, role and track by their defaults, then N questions
# answered with their first choice.
answer() { # NAME N
	to_first_question "$1"
	answer_questions "$2"
}

answers_of() { # NAME
	sql "select count(*) from answer a join response s on s.id = a.response_id
		join respondent r on r.id = s.respondent_id where r.name = '$1'"
}

# After aimap ends, the terminal settings are saved and an interactive
# shell runs in the pane.
shell_after='stty -a >"'$work'/stty"; exec env PS1="e2e-prompt> " sh -i'

terminal_restored() { # WHAT
	check '! grep -E -q "(^| )-(icanon|echo|isig|icrnl|onlcr|opost)( |;|$)" "$work/stty"' \
		"$1: terminal settings not restored: $(cat "$work/stty")"
	check '[ "$(pane "#{alternate_on}")" = 0 ]' "$1: still on the alternate screen"
	check '[ "$(pane "#{cursor_flag}")" = 1 ]' "$1: the cursor is still hidden"
	wait_for "e2e-prompt>"
	send_text 'echo "ok-$((6 * 7))"'
	keys Enter
	wait_for "ok-42"
}

# ---- SIGHUP, sent ------------------------------------------------------------

start 80 24 take -r E2E
answer "Hup" 2
kill -HUP "$(aimap_pid)"
expect_exit 129 "SIGHUP"
expect_sql "pragma integrity_check" ok
check '[ "$(answers_of Hup)" = 2 ]' "SIGHUP: $(answers_of Hup) answers kept, not 2"

# ---- a real hangup: the terminal goes away -----------------------------------

start 80 24 take -r E2E
answer "Hang" 3
pid=$(aimap_pid)
t kill-session -t "$session"
checks=$((checks + 1))
n=$((timeout * 20))
while st=$(ps -o stat= -p "$pid" 2>/dev/null) && [ -n "$st" ]; do
	case $st in Z*) break ;; esac
	n=$((n - 1))
	if [ "$n" -le 0 ]; then
		fail "aimap still runs after its terminal went away"
		kill -9 "$pid" 2>/dev/null
		break
	fi
	sleep 0.05
done
expect_sql "pragma integrity_check" ok
check '[ "$(answers_of Hang)" = 3 ]' "hangup: $(answers_of Hang) answers kept, not 3"

# ---- SIGTERM -----------------------------------------------------------------

after=$shell_after
start 80 24 take -r E2E
answer "Term" 2
kill -TERM "$(aimap_pid)"
expect_exit 143 "SIGTERM"
wait_for "aimap: your answers so far are saved."
terminal_restored SIGTERM
check '[ "$(answers_of Term)" = 2 ]' "SIGTERM: $(answers_of Term) answers kept, not 2"

# ---- Ctrl-C ----------------------------------------------------------------------

after=$shell_after
start 80 24 take -r E2E
answer "Intr" 4
keys C-c
expect_exit 130 "Ctrl-C"
wait_for "aimap: your answers so far are saved."
terminal_restored Ctrl-C
check '[ "$(answers_of Intr)" = 4 ]' "Ctrl-C: $(answers_of Intr) answers kept, not 4"

# Ctrl-C in the estimate, with numbers typed but not confirmed.
after=$shell_after
start 80 24 take -r E2E
answer "Intr2" 5
send_text 50
wait_for "Sum  50 %"
keys C-c
expect_exit 130 "Ctrl-C in the estimate"
terminal_restored "Ctrl-C in the estimate"
check '[ "$(answers_of Intr2)" = 5 ]' "Ctrl-C in the estimate: $(answers_of Intr2) answers kept, not 5"

# And a plain q: status 0, the terminal restored too.
after=$shell_after
start 80 24 take -r E2E
answer "Quit" 1
keys q
expect_exit 0 "q"
terminal_restored q

expect_sql "select count(*), count(finished_at) from response" "6|0"
expect_sql "pragma integrity_check" ok

finish
