#!/bin/sh
# SPDX-License-Identifier: MIT
# Exports opened by a real spreadsheet: LibreOffice, headless, converts
# every export kind to a flat OpenDocument spreadsheet, three ways: commas
# and semicolons under an English locale, and semicolons with
# --decimal-comma under a German one (where 12.5 would be text or a date).
# Read back, every cell must be what the CSV meant: numbers are numbers of
# the same value (a negative change among them), the responses export's
# times are dates, text is intact (accents, CJK, emoji, the answers
# export's ISO 8601 times), a text a spreadsheet would run as a formula is
# plain text with its guard, and nothing is a formula.
#
# Needs LibreOffice (Debian: libreoffice-calc-nogui) and the en_US.UTF-8
# and de_DE.UTF-8 locales: skipped (77) without them, a failure in CI
# (CI=true), where build-aux/bootstrap check installs them.
. "$top_srcdir/tests/cli/lib.sh"
. "$data/csv/people.sh"

missing() { # reason
	if [ "${CI:-}" = true ]; then
		echo "FAIL: $1; in CI this test must run (build-aux/bootstrap check installs it)"
		exit 1
	fi
	echo "SKIP: $1"
	exit 77
}

command -v soffice >/dev/null 2>&1 ||
	missing "no LibreOffice (apt-get install libreoffice-calc-nogui)"
for loc in en_US de_DE; do
	locale -a 2>/dev/null | sed 's/utf-8$/utf8/i' | grep -qix "$loc.utf8" ||
		missing "no $loc.UTF-8 locale (apt-get install locales; localedef -i $loc -f UTF-8 $loc.UTF-8)"
done

"$AIMAP" round new "Before" -q "$minimal" --code L0 --min-group 1 \
	>/dev/null 2>&1 || fail "cannot make L0"
person L0 Ada Engineering individual technical yes 1 2 1 1 1 "30, 30, 40"
person L0 "Zoë 日本 🎉" Qualität individual citizen yes 1 1 1 2 - "30, 30, 40"
"$AIMAP" round new "After" -q "$minimal" --code L1 --min-group 1 \
	>/dev/null 2>&1 || fail "cannot make L1"
person L1 Ada Engineering individual technical yes 3 5 2 2 2 "40, 35, 25"
# champions who agreed to be contacts: the only people an export names
person L1 "Zoë 日本 🎉" Qualität individual citizen yes 3 5 2 2 - "40, 35, 25"
person L1 "=SUM(A1)" "-1" manager technical yes 3 4 2 2 2 "70, 20, 10"

# way LOCALE SEPARATOR(CSV filter code) EXPORT-OPTIONS...: every kind
# exported, then converted in one start of LibreOffice, with a profile of
# its own so that parallel tests do not share one.
way() {
	name=$1 loc=$2 sep=$3
	shift 3
	mkdir -p "$work/$name"
	for kind in responses answers summary transitions; do
		case $kind in
		summary | transitions) base="--baseline L0" ;;
		*) base="" ;;
		esac
		# shellcheck disable=SC2086
		"$AIMAP" export $kind -r L1 $base "$@" \
			-o "$work/$name/$kind.csv" 2>"$work/err" ||
			fail "$name: cannot export $kind: $(cat "$work/err")"
	done
	# 34: double quote, 76: UTF-8, 1: from line 1
	(cd "$work/$name" && LC_ALL=$loc.UTF-8 LANG=$loc.UTF-8 \
		timeout 120 soffice -env:UserInstallation="file://$work/lo-profile" \
		--headless --infilter="CSV:$sep,34,76,1" --convert-to fods \
		responses.csv answers.csv summary.csv transitions.csv \
		>"$work/$name/soffice.log" 2>&1) ||
		fail "$name: soffice failed: $(cat "$work/$name/soffice.log")"
	for kind in responses answers summary transitions; do
		[ -f "$work/$name/$kind.fods" ] ||
			fail "$name: LibreOffice did not convert $kind.csv"
	done
}

way en-comma en_US 44
way en-semicolon en_US 59 --delimiter ';'
way de-semicolon de_DE 59 --delimiter ';' --decimal-comma
[ "$failures" -eq 0 ] || finish

python3 - "$work" <<'PY' ||
import csv
import re
import sys
import xml.etree.ElementTree as ET

work = sys.argv[1]
NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
      "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
TYPE = "{%s}value-type" % NS["office"]
VALUE = "{%s}value" % NS["office"]
DATE = "{%s}date-value" % NS["office"]
REPEAT = "{%s}number-columns-repeated" % NS["table"]
FORMULA = "{%s}formula" % NS["table"]
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")


def sheet(path):
    """Rows of (type, text, value) cells; formulas fail at once."""
    rows = []
    for row in ET.parse(path).iter("{%s}table-row" % NS["table"]):
        cells = []
        for c in row.findall("table:table-cell", NS):
            assert c.get(FORMULA) is None, (path, "a formula", c.attrib)
            text = "\n".join("".join(p.itertext())
                             for p in c.findall("text:p", NS))
            value = c.get(DATE) if c.get(TYPE) == "date" else c.get(VALUE)
            cells += [(c.get(TYPE), text, value)] * int(c.get(REPEAT, "1"))
        rows.append(cells)
    while rows and not any(t for _, t, _ in rows[-1]):
        rows.pop()
    return rows


def compare(way, kind, delimiter, mark):
    """Every cell of the CSV against the cell LibreOffice made of it."""
    number = re.compile(r"^-?\d+(%s\d+)?$" % re.escape(mark))
    with open("%s/%s/%s.csv" % (work, way, kind), encoding="utf-8-sig",
              newline="") as f:
        want = list(csv.reader(f, delimiter=delimiter))
    got = sheet("%s/%s/%s.fods" % (work, way, kind))
    assert len(got) == len(want), (way, kind, len(got), len(want))
    seen = {"float": 0, "date": 0, "string": 0}
    for r, (wrow, grow) in enumerate(zip(want, got)):
        grow = grow + [(None, "", None)] * (len(wrow) - len(grow))
        for c, w in enumerate(wrow):
            kind_, text, value = grow[c]
            where = (way, kind, want[0][c], r + 1, w, grow[c])
            if w == "":
                assert kind_ is None and text == "", where
            elif number.match(w):
                assert kind_ == "float", where
                assert float(value) == float(w.replace(mark, ".")), where
            elif TIME.match(w):
                assert kind_ == "date", where
                assert value == w.replace(" ", "T"), where
            elif DAY.match(w):  # the summary's round_date
                assert kind_ == "date" and value == w, where
            else:
                assert kind_ == "string" and text == w, where
            if kind_ in seen:
                seen[kind_] += 1
    return want[0], got, seen


WAYS = [("en-comma", ",", "."), ("en-semicolon", ";", "."),
        ("de-semicolon", ";", ",")]
for way, delimiter, mark in WAYS:
    for kind in ["responses", "answers", "summary", "transitions"]:
        header, got, seen = compare(way, kind, delimiter, mark)
        assert seen["float"] > 0 and seen["string"] > 0, (way, kind, seen)
        col = {name: i for i, name in enumerate(header)}
        body = got[1:]
        if kind == "responses":
            assert seen["date"] == 2 * len(body), (way, seen)
            names = [r[col["name"]] for r in body]
            assert ("string", "Zoë 日本 🎉", None) in names, names
            # the guarded cells: text, shown with the guard, never run
            assert ("string", "'=SUM(A1)", None) in names, names
            departments = [r[col["department"]][1] for r in body]
            assert "'-1" in departments and "Qualität" in departments
            adoption = [r[col["adoption"]] for r in body]
            assert all(k == "float" for k, _, _ in adoption), adoption
            if mark == ",":
                assert any("," in t for _, t, _ in adoption), adoption
        if kind == "answers":
            started = body[0][col["started_at"]]
            assert started[0] == "string" and started[1].endswith("Z")
        if kind == "summary":
            whole = [r for r in body if r[col["kind"]][1] == "round"][0]
            change = whole[col["change_cautious_pct"]]
            assert change[0] == "float" and float(change[2]) < 0, change
print("LibreOffice: %d exports read back right, numbers as numbers "
      "(a change of %s), times as dates, text intact"
      % (4 * len(WAYS), change[1]))
PY
	fail "LibreOffice read the exports wrong (see above)"

finish
