#!/bin/sh
# Exports opened by a real spreadsheet: LibreOffice, headless, converts
# them to a flat OpenDocument spreadsheet, in which aimap's numbers (a
# negative change among them) must be numbers, text intact (accents and
# CJK), and a text a spreadsheet would run as a formula plain text.
# Skipped (77) without LibreOffice (Debian: libreoffice-calc-nogui).
. "$top_srcdir/tests/cli/lib.sh"
. "$data/csv/people.sh"

if ! command -v soffice >/dev/null 2>&1; then
	echo "SKIP: no LibreOffice (apt-get install libreoffice-calc-nogui)"
	exit 77
fi

"$AIMAP" round new "Before" -q "$minimal" --code L0 --min-group 1 \
	>/dev/null 2>&1 || fail "cannot make L0"
person L0 Ada Engineering individual technical yes 1 2 1 1 1 "30, 30, 40"
person L0 "Zoë 日本" Engineering individual citizen yes 1 1 1 2 - "30, 30, 40"
"$AIMAP" round new "After" -q "$minimal" --code L1 --min-group 1 \
	>/dev/null 2>&1 || fail "cannot make L1"
person L1 Ada Engineering individual technical yes 3 5 2 2 2 "40, 35, 25"
person L1 "Zoë 日本" Engineering individual citizen yes 2 3 2 2 - "40, 35, 25"
person L1 "=SUM(A1)" "-1" manager technical yes 2 3 1 1 1 "70, 20, 10"

"$AIMAP" export responses -r L1 -o "$work/responses.csv" 2>/dev/null ||
	fail "cannot export responses"
"$AIMAP" export summary -r L1 --baseline L0 -o "$work/summary.csv" \
	2>/dev/null || fail "cannot export the summary"

# 44: comma, 34: double quote, 76: UTF-8, from line 1
for f in responses summary; do
	(cd "$work" && timeout 180 soffice --headless \
		--infilter=CSV:44,34,76,1 --convert-to fods "$f.csv" \
		>/dev/null 2>&1)
	if [ ! -f "$work/$f.fods" ]; then
		echo "SKIP: LibreOffice did not convert $f.csv"
		exit 77
	fi
done

python3 - "$work/responses.fods" "$work/summary.fods" <<'PY' ||
import sys
import xml.etree.ElementTree as ET

NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
      "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
TYPE = "{%s}value-type" % NS["office"]
VALUE = "{%s}value" % NS["office"]
REPEAT = "{%s}number-columns-repeated" % NS["table"]
FORMULA = "{%s}formula" % NS["table"]


def sheet(path):
    """Rows of (type, text, value, formula) cells, as a header and rows."""
    rows = []
    for row in ET.parse(path).iter("{%s}table-row" % NS["table"]):
        cells = []
        for c in row.findall("table:table-cell", NS):
            text = "\n".join("".join(p.itertext())
                             for p in c.findall("text:p", NS))
            cell = (c.get(TYPE), text, c.get(VALUE), c.get(FORMULA))
            cells += [cell] * int(c.get(REPEAT, "1"))
        rows.append(cells)
    header = [t for _, t, _, _ in rows[0]]
    body = [r for r in rows[1:] if any(t for _, t, _, _ in r)]
    return header, body


header, body = sheet(sys.argv[1])
assert header[0] == "round", header
assert len(body) == 3, body
for r in body:
    for name in ["adoption", "score_use", "score_evidence"]:
        kind, text, value, _ = r[header.index(name)]
        assert kind == "float", (name, kind, text)
    for name in ["department", "name"]:
        kind, text, _, formula = r[header.index(name)]
        assert kind in ("string", None) and formula is None, (name, r)
names = [r[header.index("name")][1] for r in body]
assert "Zoë 日本" in names, names
# the guarded cells: text, shown with the guard, never run
assert "'=SUM(A1)" in names, names
departments = [r[header.index("department")][1] for r in body]
assert "'-1" in departments, departments

header, body = sheet(sys.argv[2])
whole = [r for r in body if r[header.index("kind")][1] == "round"][0]
kind, text, value, _ = whole[header.index("change_cautious_pct")]
assert kind == "float" and float(value) < 0, (kind, text, value)
kind, text, value, _ = whole[header.index("champion_pct")]
assert kind == "float", (kind, text)
print("LibreOffice: numbers are numbers (%s is %s), text intact"
      % (text, value))
PY
	fail "LibreOffice read the exports wrong (see above)"

finish
