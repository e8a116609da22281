#!/bin/sh
# SPDX-License-Identifier: MIT
# Did-you-mean at every level a person types a name (commands, options,
# questionnaire ids, round subcommands), and help that fits 80 columns
# and lists every option of every command.
. "$top_srcdir/tests/cli/lib.sh"

run "$AIMAP" tak
expect_status 2 command
expect_err_has "aimap: unknown command 'tak' (did you mean take?)"
run "$AIMAP" frobnicate
expect_status 2 command-far
expect_err_has "aimap: unknown command 'frobnicate'"
case $err in *"did you mean"*) fail "a suggestion for frobnicate" ;; esac

run "$AIMAP" take --hepl
expect_status 2 help-typo
expect_err_has "unknown option --hepl (did you mean --help?)"

run "$AIMAP" round new X -q ai-maturty
expect_status 1 questionnaire-typo
expect_err_has "no questionnaire 'ai-maturty' (did you mean ai-maturity? see: aimap questionnaires)"
run "$AIMAP" demo -q leadershp
expect_status 1 questionnaire-typo-demo
expect_err_has "(did you mean leadership?"

run "$AIMAP" round lsit
expect_status 2 subcommand-typo
expect_err_has "unknown subcommand 'lsit' (did you mean list?)"

# A department in an answers file that is nearly one of the round's.
"$AIMAP" round new Dept -q "$data/questionnaires/minimal.ini" \
	-d Engineering -d Marketing --code DEPT >/dev/null 2>&1
sed 's/^department = .*/department = Enginering/' \
	"$data/answers/champion.ini" >"$work/typo.ini"
run "$AIMAP" submit -r DEPT "$work/typo.ini"
expect_status 1 department-typo
expect_err_has "department 'Enginering' is not one of this round's (did you mean 'Engineering'?): Engineering, Marketing"

# Commands aimap suggests name it as it was run (the README's src/aimap).
(cd "$(dirname "$AIMAP")" && ./aimap round new Named \
	-q "$data/questionnaires/minimal.ini" --code NAMED) \
	>"$work/out" 2>"$work/err" || fail "round new by ./aimap"
grep -q "respondents use: ./aimap take -r NAMED" "$work/err" ||
	fail "round new did not name ./aimap: $(cat "$work/err")"
(cd "$(dirname "$AIMAP")" && ./aimap demo -n 5 --code RUN) \
	>"$work/out" 2>"$work/err" || fail "demo by ./aimap"
grep -q "try: ./aimap dashboard -r RUN-2" "$work/err" ||
	fail "demo did not name ./aimap: $(cat "$work/err")"

# Every help fits 80 columns, and CMD --help lists the command's options.
lines=$("$AIMAP" --help | awk 'length($0) > 80')
[ -z "$lines" ] || fail "aimap --help passes 80 columns: $lines"
for cmd in $("$AIMAP" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p'); do
	run "$AIMAP" "$cmd" --help
	expect_status 0 "$cmd-help"
	lines=$(printf '%s\n' "$out" | awk 'length($0) > 80')
	[ -z "$lines" ] || fail "aimap $cmd --help passes 80 columns: $lines"
	case $out in "usage: aimap $cmd"*) ;; *) fail "$cmd --help: $out" ;; esac
done
for cmd in take dashboard round report submit demo export import; do
	"$AIMAP" "$cmd" --help | grep -q '^Options:' ||
		fail "aimap $cmd --help lists no options"
done

finish
