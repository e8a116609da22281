#!/bin/sh
# SPDX-License-Identifier: MIT
# aimap questionnaires: what a bare id (-q ID) can name, folder by folder
# in the order searched, a file hidden by an earlier one with the same id
# marked, and the file listed first being the one a round takes. Run from
# the build tree (the source tree's questionnaires/ first), and as a copy
# outside it, which searches like an installed aimap: a person's own
# $XDG_CONFIG_HOME/aimap/questionnaires before the installed ones. The
# installed program itself is checked by make installcheck (distcheck).
. "$top_srcdir/tests/cli/lib.sh"

src_q="$top_srcdir/questionnaires"

# The listing without the installed data folder, which depends on the
# configured prefix and on whether aimap is installed on this machine:
# its rows (paths neither @SRC@ nor @WORK@) go, and the folder, always
# searched last, becomes @INSTALLED@.
expect_listing() { # name
	compare "$1" "$(printf '%s\n' "$out" | grep -v '^[^ ].*  /' |
		sed '$s|^  /.*|  @INSTALLED@|')"
}

# a questionnaire of one's own, and an edited copy of a shipped one
mkdir -p "$work/config/aimap/questionnaires" "$work/given"
sed -e 's/^id = minimal/id = mine/' "$data/questionnaires/minimal.ini" \
	>"$work/config/aimap/questionnaires/mine.ini"
sed -e 's/^version = [0-9]*$/version = 7/' \
	-e 's/^title = .*/title = "Edited by me"/' "$src_q/ai-maturity.ini" \
	>"$work/config/aimap/questionnaires/ai-maturity.ini"
grep -q '^version = 7$' "$work/config/aimap/questionnaires/ai-maturity.ini" ||
	fail "the edited copy did not change the version"
printf '[questionnaire]\nid = broken\n' \
	>"$work/config/aimap/questionnaires/broken.ini"
mkdir "$work/config/aimap/questionnaires/folder.ini"

# ---- from the build tree ----------------------------------------------------

run "$AIMAP" questionnaires
expect_status 0 list
expect_listing questionnaires-list.out

run "$AIMAP" questionnaires --help
expect_status 0 help
expect_out_has "usage: aimap questionnaires"

run "$AIMAP" questionnaires extra
expect_status 2 extra
expect_err_has "unexpected 'extra'"

run "$AIMAP" questionnaires --all
expect_status 2 option
expect_err_has "unknown option --all"

# XDG_CONFIG_HOME: after the source tree, whose copy hides the edited one
run env XDG_CONFIG_HOME="$work/config" "$AIMAP" questionnaires
expect_status 0 config
expect_listing questionnaires-config.out

# the folder given comes before everything
cp "$work/config/aimap/questionnaires/ai-maturity.ini" "$work/given/"
run env XDG_CONFIG_HOME="$work/config" "$AIMAP" \
	--questionnaires "$work/given" questionnaires
expect_status 0 given
expect_listing questionnaires-given.out
run env XDG_CONFIG_HOME="$work/config" AIMAP_QUESTIONNAIRES="$work/given" \
	"$AIMAP" round new Given -q ai-maturity --code GIVEN
expect_status 0 round-given
run "$AIMAP" round list
expect_out_has "ai-maturity v7"

# not an absolute path: ignored, as the XDG rule says (~/.config instead)
run env XDG_CONFIG_HOME="config" "$AIMAP" questionnaires
expect_out_has "@WORK@/home/.config/aimap/questionnaires (not there)"

# ---- searched like an installed aimap ---------------------------------------

# A copy outside the build tree does not search the source tree: a
# person's own folder comes first, then the installed data folder (which
# may or may not exist on this machine). Only the program itself can be
# copied so: under make check-valgrind $AIMAP is a script that runs the
# build tree's binary.
if [ "$(head -c 4 "$AIMAP" | tail -c 3)" != ELF ]; then
	echo "note: $AIMAP is not the program itself; not checked as installed"
	finish
fi
mkdir -p "$work/bin"
cp "$AIMAP" "$work/bin/aimap"
run env XDG_CONFIG_HOME="$work/config" "$work/bin/aimap" questionnaires
expect_status 0 installed
first=$(printf '%s\n' "$out" | sed -n 2p)
case $first in
ai-maturity*"Edited by me"*"@WORK@/config/aimap/questionnaires/ai-maturity.ini")
	;;
*) fail "the own copy is not listed first: $out" ;;
esac
case $out in
*"hidden by an earlier one"*"hidden by an earlier one"*)
	fail "more than the installed ai-maturity hidden: $out"
	;;
esac
printf '%s\n' "$out" | grep -q "^mine .*A small test questionnaire" ||
	fail "the own questionnaire is not listed: $out"
printf '%s\n' "$out" | grep -q "^broken .*not valid" ||
	fail "an invalid file is not marked: $out"
printf '%s\n' "$out" | grep -q "folder.ini" &&
	fail "a folder named .ini is listed: $out"
printf '%s\n' "$out" | grep -q "@SRC@/questionnaires/" &&
	fail "an installed aimap searched the source tree: $out"

# the one listed first is the one a round takes
run env XDG_CONFIG_HOME="$work/config" "$work/bin/aimap" \
	round new Mine -q ai-maturity --code MINE
expect_status 0 round-mine
run "$AIMAP" round show MINE
expect_out_has "v7"

finish
