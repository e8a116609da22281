#!/bin/sh
# SPDX-License-Identifier: MIT
# Kiosk mode: people one after another on one terminal. It starts by
# setting a facilitator secret (masked, typed twice); the welcome screen
# between people shows nothing of the one before; q mid-questions asks,
# then keeps the answers as abandoned and returns to it; so does the idle
# timeout, after which nothing of the person is reachable; nobody is
# recognised by name; Ctrl-C and Ctrl-Z are ordinary keys; Ctrl-X with
# the round's code stays, with the secret leaves (status 0).
. "$top_srcdir/tests/e2e/lib.sh"

round_minimal

start 80 24 take -r E2E --kiosk
wait_for "Set a facilitator secret"
send_text "ab"
keys Enter
wait_for "Use at least 4 characters, and not the round's code."
send_text "s3cret"
wait_for "▸ ******"
lacks "s3cret"
keys Enter
wait_for "Type the secret again."
send_text "s3creX"
keys Enter
wait_for "The two differ: set the secret again."
send_text "s3cret"
keys Enter
wait_for "Type the secret again."
send_text "s3cret"
keys Enter
wait_for "Press Enter to begin."
compare_screen kiosk-welcome

# ---- the first person ------------------------------------------------------------

keys Enter
wait_for "Your name, or an alias"
has "Leave it empty to stay anonymous."
lacks "resume"
to_first_question "Ada Lovelace" "Down Enter" 2 "" 1
keys 3 5 2 2 2
wait_for "6 / 6"
to_review 70 20 10
has "Ada Lovelace, Marketing"
keys s
wait_for "Your result: Champion, shares what they learn"
has "Enter finish (clears the screen for the next person)"
keys Enter

# The welcome screen again, exactly as before: nothing of Ada's.
wait_for "Press Enter to begin."
compare_screen kiosk-welcome
for word in Ada Lovelace Marketing Champion result Daily "70"; do
	lacks "$word"
done
expect_sql "select count(*), count(finished_at) from response" "1|1"

# ---- the second person starts from blank fields ----------------------------------

keys Enter
wait_for "Your name, or an alias"
lacks "Ada"
# the same name is not recognised in a kiosk
send_text "Ada Lovelace"
keys Enter
wait_for "About you  2 / 5"
has "▸ 1  Engineering"
keys Down Enter
wait_for "About you  3 / 5"
has "▸ 4  Individual contributor"
keys Enter
wait_for "About you  4 / 5"
has "▸ 1  Technical"
keys Enter
wait_for "About you  5 / 5"
has "▸ 2  No"
keys Enter
wait_for "1 / 6"
lacks "Welcome back"
has "▸ 1  Never"
lacks "3*"
keys 2
wait_for "2 / 6"
has "▸ 1  Nothing"
# Ctrl-C and Ctrl-Z are keys here, not a way out
keys C-c
keys C-z
keys Down
wait_for "▸ 2"
check '[ ! -s "$work/status" ]' "Ctrl-C or Ctrl-Z ended the kiosk"
checks=$((checks + 1))
case $(ps -o stat= -p "$(aimap_pid)") in
T*) fail "Ctrl-Z stopped the kiosk" ;;
esac
# q asks first; any other key goes on
keys q
wait_for "Press q again to stop and leave your answers unfinished; other keys go on."
has "2 / 6"
keys Down
wait_for "▸ 3"
keys q
wait_for "Press q again"
keys q
wait_for "Press Enter to begin."
compare_screen kiosk-welcome
expect_sql "select count(*), count(finished_at) from response" "2|1"
expect_sql "select count(*) from answer where response_id = 2" 1
expect_sql "select abandoned_at is not null from response where id = 2" 1

# ---- the third leaves at once: Esc on the first step ---------------------------

keys Enter
wait_for "Your name, or an alias"
keys Escape
wait_for "Press Enter to begin."

# ---- leaving kiosk mode ------------------------------------------------------------

# q, Ctrl-C and Ctrl-Z do nothing on the welcome screen
keys q C-c C-z
keys C-x
wait_for "To leave kiosk mode, type the facilitator's secret"
keys Escape
wait_for "Press Enter to begin."
check '[ ! -s "$work/status" ]' "the kiosk ended on q, Ctrl-C or Ctrl-Z"

# the round's code, printed on every screen, does not unlock it
keys C-x
wait_for "To leave kiosk mode, type the facilitator's secret"
send_text "E2E"
wait_for "▸ ***"
lacks "E2E"
keys Enter
wait_for "That is not the secret."
has "Press Enter to begin."
check '[ ! -s "$work/status" ]' "the round's code ended the kiosk"

keys C-x
wait_for "To leave kiosk mode, type the facilitator's secret"
# Backspace works
send_text "s3cre"
keys x BSpace
send_text "t"
wait_for "▸ ******"
keys Enter
expect_exit 0 "leaving kiosk mode with the secret"

# ---- the idle timeout ------------------------------------------------------------

start 80 24 take -r E2E --kiosk --idle 2
wait_for "Set a facilitator secret"
send_text "s3cret"
keys Enter
send_text "s3cret"
keys Enter
wait_for "Press Enter to begin."
keys Enter
to_first_question "Bea Walker" "Enter" "Down Enter"
keys 3
wait_for "2 / 6"
# no key for two seconds: the welcome again, nothing of Bea's reachable
wait_for "Press Enter to begin." 10
compare_screen kiosk-welcome
keys b BSpace Up PageUp Escape
sleep 0.5
has "Press Enter to begin."
lacks "Bea"
keys Enter
wait_for "Your name, or an alias"
lacks "Bea"
keys b
wait_for "Press Enter to begin."
lacks "Bea"
expect_sql "select count(*) from response r join respondent t
	on t.id = r.respondent_id where t.name = 'Bea Walker'
	and r.abandoned_at is not null and r.finished_at is null" 1
expect_sql "select count(*) from answer a join response r
	on r.id = a.response_id join respondent t on t.id = r.respondent_id
	where t.name = 'Bea Walker'" 1

# The dashboard counts abandoned sessions apart from those in progress:
# the one left by q and Bea's.
start 80 24 dashboard -r E2E
wait_for "Answers so far"
has "Whole round               1 done     0 in progress     2 abandoned"
keys q
expect_exit 0 "leaving the dashboard"

finish
