#!/bin/sh
# SPDX-License-Identifier: MIT
# Input written by an attacker: a database to merge whose schema runs SQL
# (a never-ending view, a trigger, a generated column) or whose values
# import would refuse; text full of escape sequences on its way to the
# terminal; a --db that SQLite would read as a URI. Each is refused with
# a message naming the file and the row, or shown harmless, and nothing
# is stored. The one-line cases are in bad-input.sh's checklist too.
. "$top_srcdir/tests/cli/lib.sh"
. "$data/csv/people.sh" # minimal, person

# no_raw_controls WHAT TEXT: TEXT holds no byte a terminal would act on
# (CR only to end a CSV line)
no_raw_controls() {
	if printf '%s\n' "$2" | sed 's/\r$//' | LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')"; then
		fail "$1: a raw control character reached the terminal: $2"
	fi
	if printf '%s' "$2" | grep -q "$(printf '\342\200\256\|\302\233')"; then
		fail "$1: a raw bidi override or C1 control reached the terminal"
	fi
}

# ---- merge: the other file's schema must be exactly aimap's ---------------------

other="$work/other.db"
AIMAP_DB=$other "$AIMAP" round new "Other" -q "$minimal" --code OT \
	-d Engineering >/dev/null 2>&1 || fail "cannot make OT"
AIMAP_DB=$other person OT Ada Engineering individual technical yes 3 5 2 2 2 "40, 35, 25"
here="$work/here.db"
AIMAP_DB=$here "$AIMAP" round new "Here" -q "$minimal" --code HE \
	>/dev/null 2>&1 || fail "cannot make HE"
cp "$here" "$work/here-before"

# crafted NAME SQL: a copy of the other file changed by SQL is refused
# with hostile-merge-NAME.err; this database is left byte for byte as it
# was, and so is the file.
crafted() {
	cp "$other" "$work/$1.db"
	sqlite3 "$work/$1.db" "$2" || fail "$1: cannot craft the file"
	cp "$work/$1.db" "$work/crafted-before"
	run "$AIMAP" --db "$here" merge "$work/$1.db"
	expect_status 1 "merge $1"
	expect_err "hostile-merge-$1.err"
	cmp -s "$here" "$work/here-before" || fail "merge $1: this database changed"
	cmp -s "$work/$1.db" "$work/crafted-before" || fail "merge $1: the file changed"
	[ "$(AIMAP_DB=$here sql "select count(*) from response")" = 0 ] ||
		fail "merge $1: a response was stored"
}

crafted view "CREATE VIEW forever AS WITH RECURSIVE c(x) AS (SELECT 1
	UNION ALL SELECT x + 1 FROM c) SELECT x FROM c"
crafted round-view "ALTER TABLE round RENAME TO round_real;
	CREATE VIEW round AS SELECT * FROM round_real"
crafted trigger "CREATE TRIGGER grab AFTER INSERT ON answer BEGIN
	SELECT 1; END"
crafted generated "ALTER TABLE respondent ADD COLUMN shout TEXT
	GENERATED ALWAYS AS (upper(name)) VIRTUAL"
crafted extra-table "CREATE TABLE loot (x)"
crafted no-index "DROP INDEX round_questionnaire"
# values import would refuse
crafted code-escape "UPDATE round SET code = 'O' || char(27) || '[2J'"
crafted code-space "UPDATE round SET code = 'O T'"
crafted score-huge "UPDATE response_score SET score = 1e308"
crafted score-nan "UPDATE response_score SET score = 'lots'"
crafted choice-7777 "UPDATE answer SET choice = 7777 WHERE question = 'often'"
crafted choice-100000 "UPDATE answer SET choice = 100000 WHERE question = 'made'"
crafted choice-beyond "UPDATE answer SET choice = 4 WHERE question = 'often'"
crafted choice-zero "PRAGMA ignore_check_constraints = 1;
	UPDATE answer SET choice = 0 WHERE question = 'often'"
crafted estimate "PRAGMA ignore_check_constraints = 1;
	UPDATE estimate SET champions = 300, willing = -100, cautious = -100"
crafted uuid "UPDATE respondent SET uuid = 'not-a-uuid'"
crafted role "PRAGMA ignore_check_constraints = 1;
	UPDATE response SET role = 'king'"
crafted time "UPDATE response SET started_at = 'yesterday'"

# the file as it was merges
run "$AIMAP" --db "$here" merge "$other"
expect_status 0 "merge the clean file"
[ "$(AIMAP_DB=$here sql "select count(*) from response")" = 1 ] ||
	fail "the clean file's response was not merged"

# ---- text on its way to the terminal ------------------------------------------------

evil=$(printf 'Evil\033]52;c;aGk=\007\033[2J\033[6n\033P1$r\033\\\302\233\342\200\256exe.txt\r\177')
run "$AIMAP" round new "$evil" -q "$minimal" --code EV \
	-d "$(printf 'Eng\033[31m')" -d Sales
expect_status 0 "round new with escapes"
no_raw_controls "round new" "$out$err"
run "$AIMAP" round list
no_raw_controls "round list" "$out$err"
expect_out hostile-round-list.out
run "$AIMAP" round show EV
no_raw_controls "round show" "$out$err"
expect_out hostile-round-show.out
run "$AIMAP" round show "$(printf 'X\033[2J')"
expect_status 1 "round show of an escape code"
no_raw_controls "an error message" "$out$err"
expect_err hostile-round-show-missing.err
printf 'name = "Mal\033]0;t\007"\ndepartment = "Eng\033[31m"\nrole = individual\ntrack = technical\noften = 3\nmade = 5\nshown = 2\nproof = 2\npipeline = 2\nsplit = 40, 35, 25\n' \
	>"$work/evil-answers.ini"
run "$AIMAP" submit -r EV "$work/evil-answers.ini"
no_raw_controls "submit" "$out$err"
run "$AIMAP" report -r EV
no_raw_controls "report" "$out$err"
run "$AIMAP" report -r EV --format csv
no_raw_controls "report --format csv" "$out$err"
run "$AIMAP" validate "$work/evil-answers.ini"
no_raw_controls "validate" "$out$err"

# ---- --db and AIMAP_DB are file names -------------------------------------------------

mkdir "$work/cwd"
(cd "$work/cwd" && "$AIMAP" --db 'file:x.db?mode=memory' round new "Uri" \
	-q "$minimal" --code UR >/dev/null 2>&1) || fail "--db file:...: refused"
[ -f "$work/cwd/file:x.db?mode=memory" ] ||
	fail "--db file:x.db?mode=memory did not make that file: $(ls -A "$work/cwd")"
(cd "$work/cwd" && AIMAP_DB='file:x.db?mode=memory' "$AIMAP" round list) \
	>"$work/out" 2>&1
grep -q '^UR ' "$work/out" || fail "the round is not in file:x.db: $(cat "$work/out")"
[ "$(ls -A "$work/cwd" | grep -v '^file:x.db?mode=memory')" = "" ] ||
	fail "stray files: $(ls -A "$work/cwd")"
cd "$work/cwd" && run "$AIMAP" --db :memory: round list
expect_status 1 "--db :memory:"
expect_err hostile-db-memory.err
AIMAP_DB=:memory: run "$AIMAP" round new "M" -q "$minimal"
expect_status 1 "AIMAP_DB=:memory:"
expect_err hostile-db-memory.err
[ ! -e "$work/cwd/:memory:" ] || fail "--db :memory: left a file"
cd "$work" || exit 1

# ---- files that never end, or are far too large ---------------------------------

# Each is refused at once (the limit is found while reading), with its own
# message; timeout only keeps a regression from hanging the suite.
too_big() { # NAME COMMAND...: refused with hostile-NAME.err
	name=$1
	shift
	run timeout 20 "$@"
	expect_status 1 "$name"
	expect_err "hostile-$name.err"
}
"$AIMAP" round new "Limits" -q "$minimal" --code LI >/dev/null 2>&1 ||
	fail "cannot make LI"
too_big validate-zero "$AIMAP" validate /dev/zero
too_big round-new-zero "$AIMAP" round new Z -q /dev/zero
too_big submit-zero "$AIMAP" submit -r LI /dev/zero
run sh -c 'timeout 20 "$1" submit -r LI - </dev/zero' sh "$AIMAP"
expect_status 1 "submit - from /dev/zero"
expect_err hostile-submit-stdin-zero.err
truncate -s 1G "$work/huge.ini"
too_big validate-huge "$AIMAP" validate "$work/huge.ini"
too_big import-q-huge "$AIMAP" import -q "$work/huge.ini" "$work/huge.ini"
# a FIFO with no writer reads as empty; one that never ends hits the limit
mkfifo "$work/fifo.ini"
too_big validate-fifo-empty "$AIMAP" validate "$work/fifo.ini"
yes 'key = value' >"$work/fifo.ini" 2>/dev/null &
writer=$!
too_big validate-fifo-endless "$AIMAP" validate "$work/fifo.ini"
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
# lines ending in CR alone (an old Mac file) are named as such
tr '\n' '\r' <"$minimal" >"$work/cr-only.ini"
too_big validate-cr-only "$AIMAP" validate "$work/cr-only.ini"
# 10,000 questions: refused at the 513th section, without reading on
awk 'BEGIN { print "[questionnaire]"; print "id = big"
	for (i = 0; i < 10000; i++) {
		printf "[question.q%d]\ntype = choice\ntext = \"Q\"\n", i
		printf "dimension = use\nchoice1 = \"a\"\nscore1 = 0\n"
	} }' >"$work/10000.ini"
too_big validate-10000-questions "$AIMAP" validate "$work/10000.ini"
awk 'BEGIN { print "[questionnaire]"
	for (i = 0; i < 20000; i++) printf "k%d = v\n", i }' >"$work/keys.ini"
too_big validate-20000-keys "$AIMAP" validate "$work/keys.ini"

# ---- -o over someone else's file -------------------------------------------------

# In a shared folder without the sticky bit another user plants a 0666
# file where the export will go: the export replaces it, and is 0600 and
# the user's own. The user's own file keeps its mode. (Planting a file as
# another user needs root.)
shared="$work/shared"
mkdir "$shared"
chmod 0777 "$shared"
if [ "$(id -u)" -eq 0 ] && chmod 0711 "$work"; then
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		sh -c 'umask 0; echo planted >"$1"' sh "$shared/out.csv" ||
		fail "cannot plant a file as nobody"
	run "$AIMAP" export responses -r EV -o "$shared/out.csv"
	expect_status 0 "export over a planted file"
	[ "$(stat -c '%a %u' "$shared/out.csv")" = "600 $(id -u)" ] ||
		fail "export over a planted file: $(stat -c '%a %U' "$shared/out.csv")"
else
	echo "SKIP: -o over another user's file: needs root to plant it"
fi
echo mine >"$work/own.csv"
chmod 0640 "$work/own.csv"
run "$AIMAP" export responses -r EV -o "$work/own.csv"
[ "$(stat -c %a "$work/own.csv")" = 640 ] ||
	fail "export over the user's own file: mode $(stat -c %a "$work/own.csv")"

# ---- a database that cannot be written -------------------------------------------

# Commands that only read work on a database on a read-only file system;
# those that write say the file is read-only and how to go on. Needs a
# tmpfs mounted read-only (root), else a file without write permission
# (not root).
ro="$work/ro"
mkdir "$ro"
cp "$AIMAP_DB" "$work/ro-copy.db"
ro_db=""
if mount -t tmpfs -o size=4m tmpfs "$ro" 2>/dev/null; then
	trap 'umount "$ro" 2>/dev/null; rm -rf "$work"' EXIT
	cp "$work/ro-copy.db" "$ro/aimap.db"
	mount -o remount,ro "$ro" && ro_db="$ro/aimap.db"
	ro_kind="a read-only file system"
elif [ "$(id -u)" -ne 0 ]; then
	cp "$work/ro-copy.db" "$ro/aimap.db"
	chmod a-w "$ro/aimap.db" "$ro"
	ro_db="$ro/aimap.db"
	ro_kind="a read-only file and folder"
fi
if [ -n "$ro_db" ]; then
	for cmd in "round list" "round show EV" "report -r EV" \
		"export responses -r EV" "export answers -r EV -o -"; do
		# shellcheck disable=SC2086
		run "$AIMAP" --db "$ro_db" $cmd
		expect_status 0 "$cmd on $ro_kind"
	done
	run "$AIMAP" --db "$ro_db" round list
	expect_out_has "EV    open"
	run "$AIMAP" --db "$ro_db" submit -r EV "$work/evil-answers.ini"
	expect_status 1 "submit on $ro_kind"
	expect_err_has "and this command writes"
	expect_err_has "copy it (cp @WORK@/ro/aimap.db copy.db) and give --db copy.db"
	[ "$(ls -A "$ro")" = aimap.db ] || fail "left beside it: $(ls -A "$ro")"
	umount "$ro" 2>/dev/null || chmod u+w "$ro"
else
	echo "SKIP: read-only database: cannot mount a tmpfs, and root ignores file modes"
fi

finish
