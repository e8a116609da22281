#!/bin/sh
# SPDX-License-Identifier: MIT
# aimap import: an answers export read back into an empty database gives
# the same responses and scores; importing twice changes nothing; a newer
# version of a response replaces an older one, never the other way; and
# any fault in a file is reported as FILE:LINE: message with nothing
# stored.
. "$top_srcdir/tests/cli/lib.sh"
. "$data/csv/people.sh"

src="$work/aimap.db" # $AIMAP_DB

"$AIMAP" round new "Workshop" -q "$minimal" --code W1 >/dev/null 2>&1 ||
	fail "cannot make W1"
person W1 Ada Engineering individual technical yes 3 5 2 2 2 "40, 35, 25"
person W1 "=SUM(A1)" Engineering individual technical yes 3 5 1 2 2 "40, 35, 25"
person W1 "-1" "@ops" manager technical yes 2 3 1 1 1 "70, 20, 10"
person W1 "Zoë 日本" "Données" individual citizen yes 1 2 1 2 - "20, 30, 50"
person W1 Quiet Sales individual citizen no 1 1 1 1 - "20, 30, 50"
person W1 "" Sales executive technical no 3 4 2 2 2 "50, 30, 20"
person W1 Late Sales individual technical yes 2 2 2 2 2 "30, 30, 40"
# a department on two lines, and a response still in progress (one
# answer and no classification yet), as the respondent flow leaves them
sql "UPDATE response SET department = 'Line one' || char(10) || 'line two'
     WHERE id = 2" || fail "cannot set a two-line department"
sql "PRAGMA foreign_keys = ON;
     DELETE FROM response_score WHERE response_id = 7;
     DELETE FROM answer WHERE response_id = 7 AND question <> 'often';
     DELETE FROM estimate WHERE response_id = 7;
     UPDATE response SET finished_at = NULL, segment = NULL,
     subtype = NULL, adoption = NULL WHERE id = 7" ||
	fail "cannot make a response unfinished"

"$AIMAP" export answers -r W1 --identifiable -o "$work/src.csv" 2>/dev/null ||
	fail "cannot export"
csv_check "$work/src.csv" >/dev/null || fail "src.csv does not parse"

# Everything import rebuilds, by UUID; names only of champions who
# agreed to be named (the export leaves the others out).
content() { # database
	sqlite3 -batch "$1" "
	SELECT r.uuid, r.code, r.name, r.min_group, r.created_at, q.qid,
	       q.hash, t.uuid,
	       CASE WHEN t.champion_contact AND p.segment = 'champion'
	       THEN t.name END,
	       t.champion_contact, p.uuid, p.department, p.role, p.track,
	       p.started_at, p.finished_at, p.segment, p.subtype, p.adoption,
	       (SELECT group_concat(question || '=' || choice || '@'
	               || answered_at, ' ')
	        FROM (SELECT * FROM answer a WHERE a.response_id = p.id
	              ORDER BY question)),
	       (SELECT group_concat(question || '=' || champions || '/'
	               || willing || '/' || cautious || '@' || answered_at)
	        FROM estimate e WHERE e.response_id = p.id),
	       (SELECT group_concat(dimension || '=' || score, ' ')
	        FROM (SELECT * FROM response_score c
	              WHERE c.response_id = p.id ORDER BY dimension))
	FROM response p JOIN round r ON r.id = p.round_id
	JOIN questionnaire q ON q.id = r.questionnaire_id
	JOIN respondent t ON t.id = p.respondent_id
	ORDER BY p.uuid"
}
# Every row of every table, for "nothing changed".
dump() { sqlite3 -batch "$1" .dump | md5sum; }
responses_in() { sqlite3 -batch "$1" "SELECT count(*) FROM response"; }

[ "$(responses_in "$src")" = 7 ] || fail "the source is not as meant"

# ---- into an empty database ----------------------------------------------------

dst="$work/empty.db"
run "$AIMAP" --db "$dst" import "$work/src.csv"
expect_status 1 unknown-questionnaire
expect_err import-unknown-questionnaire.err
[ "$(responses_in "$dst")" = 0 ] || fail "stored without its questionnaire"

run "$AIMAP" --db "$dst" import -q "$minimal" "$work/src.csv"
expect_status 0 round-trip
expect_out import-round-trip.out
[ "$(content "$dst")" = "$(content "$src")" ] ||
	fail "the import differs from the source"
[ "$(sqlite3 "$dst" "SELECT state FROM round")" = closed ] ||
	fail "an imported round is not closed"
# the flow's unfinished response came back unfinished, its answer kept
[ "$(sqlite3 "$dst" "SELECT count(*) FROM response
	WHERE finished_at IS NULL")" = 1 ] || fail "unfinished not kept"
# and the running totals the reports read agree with the source
"$AIMAP" --db "$dst" round open W1 >/dev/null 2>&1
for f in "$src" "$dst"; do
	"$AIMAP" --db "$f" report -r W1 >"$f.report" 2>&1
done
cmp -s "$src.report" "$dst.report" || fail "reports differ after import"
# exported again, the same file
"$AIMAP" --db "$dst" export answers -r W1 --identifiable -o "$work/again.csv" 2>/dev/null
cmp -s "$work/src.csv" "$work/again.csv" || fail "export, import, export"

# twice: nothing changes
before=$(dump "$dst")
run "$AIMAP" --db "$dst" import "$work/src.csv"
expect_status 0 twice
expect_out import-twice.out
[ "$(dump "$dst")" = "$before" ] || fail "a second import changed the db"

# into the database it came from: all already here
before=$(dump "$src")
run "$AIMAP" import "$work/src.csv"
expect_status 0 into-source
expect_out_has "0 responses added, 0 replaced by a newer version, 7 already here."
[ "$(dump "$src")" = "$before" ] || fail "importing into the source changed it"

# ';' and no BOM, from standard input
"$AIMAP" export answers -r W1 --identifiable --no-bom --delimiter ';' \
	-o "$work/semi.csv" 2>/dev/null
run sh -c "'$AIMAP' --db '$work/semi.db' import -q '$minimal' - \
	<'$work/semi.csv'"
expect_status 0 semicolon
expect_out_has "Imported <stdin>: 7 responses added"
[ "$(content "$work/semi.db")" = "$(content "$src")" ] ||
	fail "the ';' import differs"

# CRLF and LF mixed
python3 - "$work/src.csv" "$work/mixed.csv" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read().split(b"\r\n")
out = b""
for i, line in enumerate(data[:-1]):
    out += line + (b"\n" if i % 2 else b"\r\n")
open(sys.argv[2], "wb").write(out + data[-1])
EOF
run "$AIMAP" --db "$work/mixed.db" import -q "$minimal" "$work/mixed.csv"
expect_status 0 mixed-line-ends
[ "$(content "$work/mixed.db")" = "$(content "$src")" ] ||
	fail "the mixed line ends import differs"

# ---- newer replaces older, never the other way ---------------------------

# Ada's response as it was before she finished: her rows unfinished.
python3 - "$work/src.csv" "$work/partial.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
head = rows[0]
for r in rows[1:]:
    if r[head.index("name")] == "Ada":
        r[head.index("finished_at")] = ""
w = csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""),
               lineterminator="\r\n")
w.writerows(rows)
EOF
newer="$work/newer.db"
run "$AIMAP" --db "$newer" import -q "$minimal" "$work/partial.csv"
expect_status 0 partial
[ "$(sqlite3 "$newer" "SELECT count(*) FROM response
	WHERE finished_at IS NULL")" = 2 ] || fail "partial: not unfinished"
run "$AIMAP" --db "$newer" import "$work/src.csv"
expect_status 0 finished-later
expect_out_has "0 responses added, 1 replaced by a newer version, 6 already here."
[ "$(content "$newer")" = "$(content "$src")" ] ||
	fail "the finished version did not replace the unfinished one"
before=$(dump "$newer")
run "$AIMAP" --db "$newer" import "$work/partial.csv"
expect_status 0 older-again
expect_out_has "0 responses added, 0 replaced by a newer version, 7 already here."
[ "$(dump "$newer")" = "$before" ] || fail "an older version replaced"

# ---- conflicts ----------------------------------------------------------------

clash="$work/clash.db"
"$AIMAP" --db "$clash" round new "Other" -q "$minimal" --code W1 \
	>/dev/null 2>&1 || fail "cannot make the clashing round"
before=$(dump "$clash")
run "$AIMAP" --db "$clash" import "$work/src.csv"
expect_status 1 code-clash
expect_err import-code-clash.err
[ "$(dump "$clash")" = "$before" ] || fail "a clash changed the db"

# ---- faults: FILE:LINE: message, nothing stored ---------------------------------

# bad NAME PYTHON: src.csv changed by PYTHON (rows: the list of rows,
# header first; at(NAME, QUESTION): the index of that person's row for
# that question; or raw: the file's bytes), imported into an empty
# database. The rows come by finish time: Late's unfinished response
# first (rows 1-6; line = index + 1), then Ada's (rows 7-12).
bad() {
	python3 - "$work/src.csv" "$work/$1.csv" "$2" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
head = rows[0]
col = head.index
raw = None
# Only champions who agreed are named in the export: Late (unfinished)
# is known by the empty finish time, Zoë by her department.
def who(r, name):
    if name == "Late":
        return r[col("finished_at")] == ""
    if name == "Zoë 日本":
        return r[col("department")] == "Données"
    return r[col("name")] == name
def at(name, question):
    for i, r in enumerate(rows):
        if i and who(r, name) and r[col("question_id")] == question:
            return i
    raise SystemExit("no row for %s, %s" % (name, question))
exec(sys.argv[3])
if raw is None:
    out = open(sys.argv[2], "w", encoding="utf-8", newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
else:
    open(sys.argv[2], "wb").write(raw)
EOF
	rm -f "$work/bad.db"
	run "$AIMAP" --db "$work/bad.db" import -q "$minimal" "$work/$1.csv"
	expect_status 1 "$1"
	expect_err "import-$1.err"
	[ "$(responses_in "$work/bad.db")" = 0 ] || fail "$1: something was stored"
	[ "$(sqlite3 "$work/bad.db" "SELECT count(*) FROM questionnaire")" = 0 ] ||
		fail "$1: the questionnaire was stored"
}

bad ragged 'i = at("Ada", "made"); rows[i] = rows[i][:-1]'
bad choice-range 'rows[at("Ada", "often")][col("choice")] = "9"'
bad choice-text 'rows[at("Ada", "often")][col("choice")] = "three"'
bad unknown-question 'rows[at("Ada", "made")][col("question_id")] = "oftn"'
bad question-type 'rows[at("Ada", "proof")][col("question_type")] = "scale"'
bad status 'rows[at("Ada", "shown")][col("status")] = "skipped"'
bad unanswered-with-choice 'rows[at("Ada", "shown")][col("status")] = "unanswered"'
bad answered-without-choice 'rows[at("Late", "made")][col("status")] = "answered"'
bad differs 'rows[at("Ada", "made")][col("department")] = "Elsewhere"'
bad twice 'i = at("Ada", "made"); rows.insert(i + 1, list(rows[i]))'
bad estimate-sum 'rows[at("Ada", "split")][col("estimate_cautious")] = "20"'
bad estimate-choice 'rows[at("Ada", "split")][col("choice")] = "1"'
bad uuid 'rows[1][col("response_uuid")] = "not-a-uuid"'
bad time 'rows[1][col("started_at")] = "15/01/2026"'
bad role 'rows[1][col("role")] = "boss"'
bad contact 'rows[1][col("champion_contact")] = "yes"'
bad min-group 'rows[1][col("round_min_group")] = "0"'
bad code 'rows[1][col("round_code")] = "W 1"'
bad hash 'rows[1][col("questionnaire_hash")] = "xyz"'
bad version 'rows[1][col("questionnaire_version")] = "7"'
bad other-track 'rows[at("Zoë 日本", "proof")][col("question_id")] = "pipeline"'
# the rows of one response split in two: Ada's first row moved to the end
bad split 'rows.append(rows.pop(at("Ada", "often")))'
# an error in the last response only: the six before are not kept
bad last-row 'rows[-2][col("choice")] = "0"'
bad unterminated 'raw = open(sys.argv[1], "rb").read(); i = raw.rfind(b",Sales,"); raw = raw[:i + 1] + b"\"" + raw[i + 1:]'
bad utf8 'raw = open(sys.argv[1], "rb").read().replace("Données".encode(), b"Donn\xe9es", 1)'
bad nul 'raw = open(sys.argv[1], "rb").read().replace(b"Engineering", b"Engi\0neering", 1)'
bad quote-in-field 'raw = open(sys.argv[1], "rb").read().replace(b",Sales,", b",Sa\"les,", 1)'

run "$AIMAP" --db "$work/bad.db" import "$data/csv/not-answers.csv"
expect_status 1 not-answers
expect_err import-not-answers.err
: >"$work/empty.csv"
run "$AIMAP" --db "$work/bad.db" import "$work/empty.csv"
expect_status 1 empty
expect_err_has "empty.csv: empty: no header row"
run "$AIMAP" --db "$work/bad.db" import "$work/missing.csv"
expect_status 1 missing
expect_err_has "missing.csv: cannot read: No such file or directory"
run "$AIMAP" import
expect_status 2 no-file
expect_err_has "give exactly one FILE (an answers export)"
run "$AIMAP" import -q nosuch "$work/src.csv"
expect_status 1 bad-questionnaire
expect_err_has "no questionnaire 'nosuch'"

finish
