# SPDX-License-Identifier: MIT
# Shared by tests/cli/export.sh, import.sh and merge.sh, sourced after
# tests/cli/lib.sh: people answering the minimal questionnaire, and a
# check of CSV files with Python's csv module.
#
#   person CODE NAME DEPT ROLE TRACK CONTACT OFTEN MADE SHOWN PROOF PIPE SPLIT
#                  submit one respondent's answers to round CODE of the
#                  database in $AIMAP_DB (PIPE "-": not answered, for the
#                  citizen track; SPLIT like "40, 35, 25")
#   csv_check FILE [DELIMITER]
#                  FILE parses with Python's csv module, every row has the
#                  header's number of fields, rows end in CRLF; prints
#                  "ROWS rows of FIELDS fields[, BOM]"

minimal="$data/questionnaires/minimal.ini"

person() {
	{
		printf '[respondent]\nname = "%s"\ndepartment = "%s"\n' "$2" "$3"
		printf 'role = %s\ntrack = %s\nchampion_contact = %s\n\n' \
			"$4" "$5" "$6"
		printf '[answers]\noften = %s\nmade = %s\nshown = %s\n' \
			"$7" "$8" "$9"
		printf 'proof = %s\n' "${10}"
		[ "${11}" = - ] || printf 'pipeline = %s\n' "${11}"
		printf 'split = %s\n' "${12}"
	} >"$work/person.ini"
	"$AIMAP" submit -r "$1" "$work/person.ini" >/dev/null 2>"$work/person.err" ||
		fail "cannot submit $2: $(cat "$work/person.err")"
}

csv_check() {
	python3 - "$1" "${2:-,}" <<'EOF'
import csv, io, sys
path, delimiter = sys.argv[1], sys.argv[2]
raw = open(path, "rb").read()
bom = raw.startswith(b"\xef\xbb\xbf")
text = raw.decode("utf-8-sig")
rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter,
                       strict=True))
if not rows:
    sys.exit("%s: no rows" % path)
width = len(rows[0])
for i, row in enumerate(rows):
    if len(row) != width:
        sys.exit("%s: row %d has %d fields, the header %d"
                 % (path, i + 1, len(row), width))
# outside quotes every row ends in CRLF: count the records' ends
ends = 0
quoted = False
for i, ch in enumerate(text):
    if ch == '"':
        quoted = not quoted
    elif ch == "\n" and not quoted:
        if i == 0 or text[i - 1] != "\r":
            sys.exit("%s: a row ends in LF, not CRLF" % path)
        ends += 1
if ends != len(rows):
    sys.exit("%s: %d rows but %d row ends" % (path, len(rows), ends))
print("%d rows of %d fields%s" % (len(rows), width, ", BOM" if bom else ""))
EOF
}
