#!/bin/sh
# SPDX-License-Identifier: MIT
# The calibration of the bundled questionnaires: every persona in
# data/personas/ is a person written out answer by answer, with the segment
# and sub-type a thoughtful colleague would give them in its [persona]
# section. Each is submitted as it is to a round of its questionnaire, and
# aimap must place them there. When it does not, fix the questions, scores
# or thresholds, not the persona.
#
# Also: every bundled questionnaire is valid without a warning, and the
# questions leadership.ini shares with ai-maturity.ini (same id) are the
# same questions, so leaders and teams are compared on one scale.
. "$top_srcdir/tests/cli/lib.sh"

personas="$top_srcdir/data/personas"
bundled="$top_srcdir/questionnaires"

# The value of KEY in the [persona] section of FILE, unquoted.
persona_key() { # file key
	awk -v key="$2" '
		/^[ \t]*\[/ { on = ($0 ~ /^[ \t]*\[persona\][ \t]*$/); next }
		on && $0 ~ "^[ \t]*" key "[ \t]*=" {
			sub(/^[^=]*=[ \t]*/, "")
			sub(/[ \t\r]*$/, "")
			if ($0 ~ /^".*"$/) $0 = substr($0, 2, length($0) - 2)
			print
			exit
		}
	' "$1"
}

# ---- the bundled questionnaires ---------------------------------------------

for f in "$bundled"/*.ini; do
	run "$AIMAP" validate "$f"
	expect_status 0 "$f"
	expect_out_has ": ok: "
	[ -z "$err" ] || fail "$(basename "$f") has warnings: $err"
done

# A question section without its comments and blank lines.
question() { # file id
	awk -v want="[question.$2]" '
		/^[ \t]*\[/ { on = ($0 == want); next }
		on && !/^[ \t]*[;#]/ && NF
	' "$1"
}
dimension_rule() { # file id: its weight and role
	awk -v want="[dimension.$2]" '
		/^[ \t]*\[/ { on = ($0 == want); next }
		on && /^[ \t]*(weight|role)[ \t]*=/
	' "$1"
}

team="$bundled/ai-maturity.ini"
lead="$bundled/leadership.ini"
shared=0
for id in $(sed -n 's/^\[question\.\(.*\)\]$/\1/p' "$lead"); do
	grep -q "^\[question\.$id\]$" "$team" || continue
	shared=$((shared + 1))
	[ "$(question "$team" "$id")" = "$(question "$lead" "$id")" ] ||
		fail "[question.$id] differs between ai-maturity.ini and leadership.ini"
done
[ "$shared" -ge 11 ] ||
	fail "leadership.ini shares only $shared questions with ai-maturity.ini"
for dim in depth experiment building sharing; do
	[ "$(dimension_rule "$team" $dim)" = "$(dimension_rule "$lead" $dim)" ] ||
		fail "[dimension.$dim] is weighted differently in leadership.ini"
done

# ---- the personas -------------------------------------------------------------

n=0
summary=""
for file in "$personas"/*.ini; do
	n=$((n + 1))
	name=$(basename "$file" .ini)
	qid=$(persona_key "$file" questionnaire)
	want_segment=$(persona_key "$file" segment)
	want_subtype=$(persona_key "$file" subtype)
	[ -n "$(persona_key "$file" description)" ] ||
		fail "$name: [persona] has no description"
	case $want_segment/$want_subtype in
	champion/sharing | champion/alone | champion/none | willing/none | \
		cautious/skeptic | cautious/not-started | cautious/none) ;;
	*)
		fail "$name: [persona] segment/subtype '$want_segment/$want_subtype' is not a possible result"
		continue
		;;
	esac
	[ -f "$bundled/$qid.ini" ] || {
		fail "$name: no bundled questionnaire '$qid'"
		continue
	}

	"$AIMAP" round new "Persona $name" -q "$qid" --code "P$n" \
		>/dev/null 2>&1 || fail "$name: cannot open a round of $qid"
	run "$AIMAP" submit -r "P$n" "$file"
	expect_status 0 "$name"
	[ "$status" -eq 0 ] || continue

	got=$(sql "select segment || '/' || coalesce(subtype, 'none') || '|' ||
		round(adoption, 1) from response r join round o
		on o.id = r.round_id where o.code = 'P$n'")
	adoption=${got#*|}
	got=${got%|*}
	summary="$summary$(printf '%-28s %-17s %-22s %-22s %5s' "$name" "$qid" \
		"$want_segment/$want_subtype" "$got" "$adoption")
"
	if [ "$got" != "$want_segment/$want_subtype" ]; then
		fail "$name ($qid): a colleague would say $want_segment/$want_subtype, aimap says $got:"
		printf '%s\n' "$out" | sed 's/^/    /'
	fi
done
[ "$n" -ge 8 ] || fail "only $n personas in data/personas"

echo "persona                      questionnaire     expected               aimap                  adoption"
printf '%s' "$summary"

finish
