#!/bin/sh
# SPDX-License-Identifier: MIT
# Bad input, the whole list in one place: every way a file, a database, a
# terminal or an output path given to aimap can be wrong, each with its
# exact message (tests/cli/expected/bad-*.err) and exit status, and for a
# database that it is left byte for byte as it was. Several cases are
# tested in more depth next to their command (validate.sh, store.sh,
# submit.sh, import.sh, export.sh, tests/e2e/terminal.sh, signals.sh);
# here each is one line, so that this file is the checklist.
. "$top_srcdir/tests/cli/lib.sh"
. "$data/csv/people.sh" # minimal, person

# A file made immutable (chattr +i) must be made mutable again before the
# folder can go.
immutable=""
cleanup() {
	for f in $immutable; do
		chattr -i "$f" 2>/dev/null
		chmod u+w "$f" 2>/dev/null
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# bad NAME STATUS COMMAND...: COMMAND exits with STATUS and says on
# stderr exactly what tests/cli/expected/bad-NAME.err holds.
bad() {
	name=$1
	want=$2
	shift 2
	run "$@"
	expect_status "$want" "$name"
	expect_err "bad-$name.err"
}

# ---- questionnaires: aimap validate, FILE:LINE: message -------------------

# questionnaire NAME SED-SCRIPT: the small test questionnaire with one
# thing broken is refused, and nothing goes to stdout.
questionnaire() {
	sed -e "$2" "$minimal" >"$work/$1.ini"
	bad "questionnaire-$1" 1 "$AIMAP" validate "$work/$1.ini"
	[ -z "$out" ] || fail "questionnaire $1: printed on stdout: $out"
}

questionnaire syntax 's/^title = .*/this line has no equals sign/'
questionnaire long-line "s/^help = .*/help = \"$(printf '%01100d' 0 | tr 0 x)\"/"
questionnaire invalid-utf8 's/^label = "Use"/label = "U\xffse"/'
questionnaire unclosed-quote 's/^text = "How often do you use AI at work?"/text = "How often/'
questionnaire missing-key '/^text = "How often/d'
questionnaire unknown-key 's/^weight = 2/wieght = 2/'
questionnaire duplicate-key 's/^weight = 2/weight = 2\nweight = 3/'
questionnaire key-outside-section '1i id = early'
questionnaire unknown-section 's/^\[question.shown\]/[questoin.shown]/'
questionnaire duplicate-section 's/^\[question.shown\]/[question.often]/'
questionnaire case-duplicate 's/^\[question.shown\]/[question.Often]/'
questionnaire unknown-dimension 's/^dimension = build/dimension = buld/'
questionnaire unknown-type 's/^type = scale/type = slider/'
questionnaire bad-numbers 's/^score2 = 50/score2 = 42abc/; s/^weight = 2/weight = 010/; s/^score3 = 100/score3 =/; s/^minutes = 2/minutes = 99999999999999999999/'
questionnaire score-range 's/^score2 = 50/score2 = 150/'
questionnaire choice-gap '/^choice2 = "Sometimes"/d; /^score2 = 50/d'
questionnaire no-questions '/^\[question\./,/^$/d'
questionnaire thresholds 's/^willing = 35/willing = 80/'
questionnaire empty 'd'
cp "$minimal" "$work/nul.ini"
printf 'label = "a\000b"\n' >>"$work/nul.ini"
bad questionnaire-nul 1 "$AIMAP" validate "$work/nul.ini"
bad questionnaire-missing-file 1 "$AIMAP" validate "$work/no-such.ini"
bad questionnaire-directory 1 "$AIMAP" validate "$work"
# a value cut short at an unquoted ';' is a warning: the file still loads
sed -e 's/^help = "Any tool counts."/help = Any tool; really any/' \
	"$minimal" >"$work/semicolon.ini"
bad questionnaire-semicolon 0 "$AIMAP" validate "$work/semicolon.ini"

# ---- databases: refused, and left byte for byte as they were ---------------

good="$work/good.db"
"$AIMAP" --db "$good" round new "R" -q "$minimal" --code R1 \
	-d Engineering >/dev/null 2>&1 || fail "cannot make the database"
copy_of() { # NAME: a copy of the good database, to break
	cp "$good" "$work/$1.db"
	echo "$work/$1.db"
}
# GARBAGE BYTES OFFSET FILE: overwrite BYTES bytes of FILE from OFFSET
garbage() {
	yes 'garbage!' | head -c "$1" |
		dd of="$3" bs=1 seek="$2" conv=notrunc status=none
}

# database NAME PATH: a submission, the command that writes the most, is
# refused with bad-db-NAME.err; PATH is as it was, with nothing beside it.
database() {
	if [ -d "$2" ]; then
		before=$(ls -la "$2")
	else
		cp "$2" "$work/before"
	fi
	bad "db-$1" 1 "$AIMAP" --db "$2" submit -r R1 "$data/answers/champion.ini"
	if [ -d "$2" ]; then
		[ "$(ls -la "$2")" = "$before" ] || fail "db $1: the folder changed"
	else
		cmp -s "$2" "$work/before" || fail "db $1: the file changed"
	fi
	for extra in -wal -shm -journal; do
		[ ! -e "$2$extra" ] || fail "db $1: left $2$extra"
	done
}

# a file aimap's own checks of the header already reject
mkdir "$work/folder.db"
database directory "$work/folder.db"
: >"$work/zero.db"
database zero-bytes "$work/zero.db"
echo "just some text" >"$work/text.db"
database text "$work/text.db"
sqlite3 "$work/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
database other-program "$work/other.db"
sqlite3 "$(copy_of newer)" "PRAGMA user_version = 999"
database newer "$work/newer.db"
# half its pages, whole ones, whatever the schema makes its size
head -c $(($(stat -c %s "$good") / 4096 / 2 * 4096)) "$good" >"$work/truncated.db"
database truncated "$work/truncated.db"
# A valid header over broken pages: the schema on page 1 is refused when
# the file is opened; a broken table (page 2, the questionnaires) as soon
# as SQLite reads it, before anything is written.
garbage 1024 3072 "$(copy_of corrupt-schema)"
database corrupt-schema "$work/corrupt-schema.db"
garbage 4096 4096 "$(copy_of corrupt-page)"
database corrupt-page "$work/corrupt-page.db"

# Read-only: root writes whatever the mode says, so as root the file (and
# then a folder) is made immutable with chattr +i; on a file system that
# cannot (tmpfs, overlayfs) the case is skipped. The errno's text differs
# (EPERM, EACCES), so the golden file has @ERRNO@.
read_only() { # PATH
	if [ "$(id -u)" -ne 0 ]; then
		chmod a-w "$1"
	else
		chattr +i "$1" 2>/dev/null || return 1
	fi
	immutable="$1 $immutable"
}
errno_free() {
	err=$(printf '%s\n' "$err" |
		sed 's/(Operation not permitted)\|(Permission denied)/(@ERRNO@)/')
}
if read_only "$(copy_of read-only)"; then
	cp "$work/read-only.db" "$work/before"
	run "$AIMAP" --db "$work/read-only.db" submit -r R1 \
		"$data/answers/champion.ini"
	expect_status 1 db-read-only
	errno_free
	expect_err bad-db-read-only.err
	cmp -s "$work/read-only.db" "$work/before" ||
		fail "db read-only: the file changed"
else
	echo "SKIP: db read-only: running as root and chattr +i fails here" \
		"(root ignores file modes; the file system has no immutable flag)"
fi
mkdir "$work/locked"
cp "$good" "$work/locked/aimap.db"
if read_only "$work/locked"; then
	cp "$work/locked/aimap.db" "$work/before"
	run "$AIMAP" --db "$work/locked/aimap.db" submit -r R1 \
		"$data/answers/champion.ini"
	expect_status 1 db-read-only-folder
	errno_free
	expect_err bad-db-read-only-folder.err
	cmp -s "$work/locked/aimap.db" "$work/before" ||
		fail "db read-only folder: the file changed"
	[ "$(ls -A "$work/locked")" = aimap.db ] ||
		fail "db read-only folder: $(ls -A "$work/locked")"
else
	echo "SKIP: db read-only folder: running as root and chattr +i fails" \
		"here"
fi

# ---- answers files: aimap submit, FILE:LINE: message, nothing stored ------

"$AIMAP" round new "Workshop" -q "$minimal" -d Engineering -d Marketing \
	--code W1 >/dev/null 2>&1 || fail "cannot make W1"
responses() { sql "SELECT count(*) FROM response"; }

answers() { # NAME SED-SCRIPT: champion.ini with one thing wrong
	sed -e "$2" "$data/answers/champion.ini" >"$work/$1.ini"
	before=$(responses)
	bad "answers-$1" 1 "$AIMAP" submit -r W1 "$work/$1.ini"
	[ "$(responses)" = "$before" ] || fail "answers $1: something was stored"
}

answers unknown-question 's/^often = 3/oftn = 3/'
answers out-of-range 's/^often = 3/often = 4/'
answers estimate-sum 's/^split = .*/split = 40, 35, 20/'
answers duplicate-key 's/^shown = 2/shown = 2\nSHOWN = 1/'

# ---- CSV files: aimap import of an answers export ---------------------------

# Two people's answers, exported as aimap writes them: a byte-order mark,
# CRLF line ends.
AIMAP_DB="$work/source.db" "$AIMAP" round new "Export" -q "$minimal" \
	--code C1 >/dev/null 2>&1 || fail "cannot make C1"
AIMAP_DB="$work/source.db" person C1 Ada Engineering individual technical yes 3 5 2 2 2 "40, 35, 25"
AIMAP_DB="$work/source.db" person C1 Bo Sales manager citizen yes 1 2 1 2 - "20, 30, 50"
"$AIMAP" --db "$work/source.db" export answers -r C1 --identifiable -o "$work/answers.csv" \
	2>/dev/null || fail "cannot export C1"

# csv NAME STATUS PYTHON: answers.csv with its bytes (raw) changed by
# PYTHON, imported into an empty database: refused with bad-csv-NAME.err
# and nothing stored, or (STATUS 0) accepted with bad-csv-NAME.out and
# both people stored.
csv() {
	python3 - "$work/answers.csv" "$work/$1.csv" "$3" <<'EOF' ||
import sys
raw = open(sys.argv[1], "rb").read()
lines = raw.split(b"\r\n")
exec(sys.argv[3])
open(sys.argv[2], "wb").write(raw)
EOF
		fail "csv $1: cannot make the file"
	rm -f "$work/import.db"
	run "$AIMAP" --db "$work/import.db" import -q "$minimal" "$work/$1.csv"
	expect_status "$2" "csv-$1"
	if [ "$2" -eq 0 ]; then
		expect_out "bad-csv-$1.out"
		want=2
	else
		expect_err "bad-csv-$1.err"
		want=0
	fi
	[ "$(sqlite3 "$work/import.db" "SELECT count(*) FROM response")" = "$want" ] ||
		fail "csv $1: not $want responses stored"
}

csv ragged 1 'lines[3] = lines[3].rsplit(b",", 1)[0]; raw = b"\r\n".join(lines)'
csv unterminated-quote 1 'i = raw.rfind(b",Sales,"); raw = raw[:i + 1] + b"\"" + raw[i + 1:]'
csv invalid-utf8 1 'raw = raw.replace(b"Ada", b"Ad\xe9", 1)'
csv bom 0 'assert raw.startswith(b"\xef\xbb\xbf")'
csv crlf-and-lf 0 'raw = b"".join(l + (b"\n" if i % 2 else b"\r\n") for i, l in enumerate(lines[:-1])) + lines[-1]; assert b"\r\n" in raw and b"\n" in raw.replace(b"\r\n", b"")'

# ---- the terminal -------------------------------------------------------------

# No terminal at all: one line, before the database is touched.
rm -f "$AIMAP_DB.none"
bad terminal-none 1 "$AIMAP" --db "$AIMAP_DB.none" take -r W1
[ -z "$out" ] && [ ! -e "$AIMAP_DB.none" ] ||
	fail "terminal none: wrote '$out' or made the database"

# in_terminal TERM ARGS...: ARGS on a pseudo-terminal (stdin and stdout)
# with TERM set to TERM ("-" unsets it) and stderr apart; stdout is what
# reached the terminal.
in_terminal() {
	python3 - "$@" <<'EOF'
import os, subprocess, sys
term, argv = sys.argv[1], sys.argv[2:]
env = dict(os.environ)
env.pop("TERM", None)
if term != "-":
    env["TERM"] = term
master, slave = os.openpty()
proc = subprocess.run(argv, stdin=slave, stdout=slave,
                      stderr=subprocess.PIPE, env=env, timeout=30)
os.close(slave)
os.set_blocking(master, False)
try:
    sys.stdout.buffer.write(os.read(master, 65536))
except OSError:  # nothing was written
    pass
sys.stderr.buffer.write(proc.stderr)
sys.exit(proc.returncode)
EOF
}

# A terminal that cannot draw the screens: one line, no escape code.
for term in - "" dumb no-such-terminal; do
	name=terminal-term-${term:-empty}
	[ "$term" = - ] && name=terminal-term-unset
	bad "$name" 1 in_terminal "$term" "$AIMAP" take -r W1
	[ -z "$out" ] || fail "$name: wrote to the terminal: $out"
done
# SIGHUP mid-question (status 129, every answer given kept) needs a
# terminal that can draw: tests/e2e/signals.sh, in tmux.

# ---- the path given to -o -----------------------------------------------------

echo "keep me" >"$work/real.csv"
ln -s real.csv "$work/link.csv"
bad output-symlink 1 "$AIMAP" export responses -r W1 -o "$work/link.csv"
[ -L "$work/link.csv" ] && [ "$(cat "$work/real.csv")" = "keep me" ] ||
	fail "output symlink: the link or its target changed"
bad output-missing-folder 1 "$AIMAP" export responses -r W1 \
	-o "$work/no/such/out.csv"
[ ! -e "$work/no" ] || fail "output missing folder: made $work/no"

# ---- hostile input: files written to attack (tests/cli/hostile.sh in depth) --

# a database to merge whose schema would run SQL, or whose values import
# would refuse; nothing is merged
cp "$good" "$work/view.db"
sqlite3 "$work/view.db" "CREATE VIEW forever AS WITH RECURSIVE c(x) AS
	(SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c"
bad merge-view 1 "$AIMAP" merge "$work/view.db"
cp "$good" "$work/generated.db"
sqlite3 "$work/generated.db" "ALTER TABLE respondent ADD COLUMN g
	GENERATED ALWAYS AS (upper(name)) VIRTUAL"
bad merge-generated-column 1 "$AIMAP" merge "$work/generated.db"
cp "$good" "$work/code.db"
sqlite3 "$work/code.db" "UPDATE round SET code = 'R' || char(27) || '[2J'"
bad merge-round-code 1 "$AIMAP" merge "$work/code.db"
# --db is a file name, never an SQLite URI or a memory database
bad db-memory 1 "$AIMAP" --db :memory: round list
# files that never end, far too large, or with CR-only lines
bad questionnaire-dev-zero 1 "$AIMAP" validate /dev/zero
bad answers-dev-zero 1 "$AIMAP" submit -r W1 /dev/zero
tr '\n' '\r' <"$minimal" >"$work/cr-only.ini"
bad questionnaire-cr-only 1 "$AIMAP" validate "$work/cr-only.ini"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "[question.q%d]\ntype = choice\n", i }' \
	>"$work/10000.ini"
bad questionnaire-10000-sections 1 "$AIMAP" validate "$work/10000.ini"
# text with escape sequences reaches the terminal as visible text
bad escape-in-round-code 1 "$AIMAP" round show "$(printf 'R\033]52;c;aGk=\007')"

finish
