#!/bin/sh
# SPDX-License-Identifier: MIT
# Kiosk mode: people one after another on one terminal. The welcome screen
# between them shows nothing of the one before; q mid-questions returns to
# it; nobody is recognised by name; Ctrl-C and Ctrl-Z are ordinary keys;
# Ctrl-X with a wrong code stays, with the round's code leaves (status 0).
. "$top_srcdir/tests/e2e/lib.sh"

round_minimal

start 80 24 take -r E2E --kiosk
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
keys q
wait_for "Press Enter to begin."
compare_screen kiosk-welcome
expect_sql "select count(*), count(finished_at) from response" "2|1"
expect_sql "select count(*) from answer where response_id = 2" 1

# ---- the third leaves at once: Esc on the first step ---------------------------

keys Enter
wait_for "Your name, or an alias"
keys Escape
wait_for "Press Enter to begin."

# ---- leaving kiosk mode ------------------------------------------------------------

# q, Ctrl-C and Ctrl-Z do nothing on the welcome screen
keys q C-c C-z
keys C-x
wait_for "To leave kiosk mode, type this round's code"
keys Escape
wait_for "Press Enter to begin."
check '[ ! -s "$work/status" ]' "the kiosk ended on q, Ctrl-C or Ctrl-Z"

keys C-x
wait_for "To leave kiosk mode, type this round's code"
send_text "E2X"
wait_for "▸ ***"
lacks "E2X"
keys Enter
wait_for "That is not this round's code."
has "Press Enter to begin."
check '[ ! -s "$work/status" ]' "a wrong code ended the kiosk"

keys C-x
wait_for "To leave kiosk mode, type this round's code"
# Backspace works, and the code is matched without regard to case
send_text "e2"
keys x BSpace
send_text "e"
wait_for "▸ ***"
keys Enter
expect_exit 0 "leaving kiosk mode with the code"

finish
