#!/bin/sh
# SPDX-License-Identifier: MIT
# The HTML report in a real browser: Debian's chromium, headless, opens
# the page of a demo round (with a comparison) and of a round too small
# to show, from file:// only, with every host name unresolvable and a
# private profile. Checked: the DOM has every section with its heading,
# a table beside each chart and no script; the page asks for no URL (the
# browser's own net log, whose detector is first shown to catch a page
# that does); a 1280x800 screenshot is made; printing gives landscape
# pages, each section starting a page of its own.
#
# The screenshot and the PDF are kept as tests/cli/report-html.png and
# report-html.pdf in the build folder, to look at.
#
# Needs chromium (Debian: chromium): skipped (77) without it, a failure
# in CI (CI=true), where build-aux/bootstrap check installs it.
. "$top_srcdir/tests/cli/lib.sh"

missing() { # reason
	if [ "${CI:-}" = true ]; then
		echo "FAIL: $1; in CI this test must run (build-aux/bootstrap check installs it)"
		exit 1
	fi
	echo "SKIP: $1"
	exit 77
}

browser=""
for b in chromium chromium-browser; do
	command -v "$b" >/dev/null 2>&1 && browser=$b && break
done
[ -n "$browser" ] || missing "no chromium (apt-get install chromium)"

# chromium refuses to run as root with its sandbox
sandbox=""
[ "$(id -u)" -eq 0 ] && sandbox="--no-sandbox"

# chrome NAME URL ARGS...: one headless start with a profile of its own
# (parallel tests share nothing) and no name resolution at all, so even
# a request that slipped through could reach no host.
chrome() {
	name=$1 url=$2
	shift 2
	case $url in
	file://*) ;;
	*) fail "chrome: only file:// URLs ($url)" && return 1 ;;
	esac
	# shellcheck disable=SC2086
	timeout 120 "$browser" --headless $sandbox \
		--user-data-dir="$work/profile-$name" --disable-gpu \
		--no-first-run --no-default-browser-check --disable-extensions \
		--disable-sync --disable-background-networking \
		--disable-component-update --hide-scrollbars \
		--host-resolver-rules="MAP * ~NOTFOUND" \
		--log-net-log="$work/$name.netlog" "$@" "$url" \
		2>"$work/$name.log"
}

# page_requests NETLOG: the URLs a page asked for (the browser's own
# background requests have no origin and are not the page's).
page_requests() {
	python3 - "$1" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
for e in log["events"]:
    p = e.get("params", {})
    if types.get(e["type"]) != "URL_REQUEST_START_JOB" or "url" not in p:
        continue
    if p.get("initiator") == "not an origin":
        continue
    if not p["url"].startswith(("file:", "data:", "about:")):
        print(p["url"])
PY
}

# The detector catches a page that fetches something.
printf '<!DOCTYPE html><p>x<img src="http://example.invalid/a.png">\n' \
	>"$work/control.html"
chrome control "file://$work/control.html" --dump-dom >/dev/null ||
	fail "chromium could not open a page: $(cat "$work/control.log")"
page_requests "$work/control.netlog" | grep -q example.invalid ||
	fail "the net log check misses a page's request"

"$AIMAP" demo --respondents 80 --seed 5 >/dev/null 2>&1 || fail "demo"
page="$work/report.html"
run "$AIMAP" report -r DEMO-2 --compare DEMO-1 --format html -o "$page"
expect_status 0 html
expect_err_has "Wrote the html report of round DEMO-2 to @WORK@/report.html."

# The DOM as the browser built it.
chrome dom "file://$page" --dump-dom >"$work/dom.html" ||
	fail "chromium --dump-dom failed: $(cat "$work/dom.log")"
python3 - "$work/dom.html" <<'PY' || fail "the DOM is not what it should be"
import sys
from html.parser import HTMLParser

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections, self.h2, self.tags = [], {}, []
        self.svgs = self.hidden_svgs = self.tables = 0
        self.attrs = []
        self.current = None
        self.in_h2 = False
        self.lang = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        self.attrs += attrs
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "section":
            self.current = a.get("id")
            self.sections.append(self.current)
        if tag == "h2":
            self.in_h2 = True
            self.h2[self.current] = ""
        if tag == "svg":
            self.svgs += 1
            self.hidden_svgs += a.get("aria-hidden") == "true"
        if tag == "table":
            self.tables += 1
    def handle_endtag(self, tag):
        if tag == "h2":
            self.in_h2 = False
    def handle_data(self, data):
        if self.in_h2:
            self.h2[self.current] += data

p = Page()
p.feed(open(sys.argv[1], encoding="utf-8").read())
want = ["segments", "leaders", "tracks", "heatmap", "phase", "next",
        "change", "champions", "discuss"]
assert p.sections == want, p.sections
for s, words in [("segments", "Segments by department"),
                 ("leaders", "Leaders against their teams"),
                 ("heatmap", "Heatmap"), ("phase", "Phase"),
                 ("next", "Next actions by department"),
                 ("change", "Change since round DEMO-1"),
                 ("champions", "Champions"), ("discuss", "Discuss first")]:
    assert words in p.h2.get(s, ""), (s, p.h2.get(s))
assert p.lang == "en"
assert "script" not in p.tags and "img" not in p.tags and "link" not in p.tags
# every drawing is beside a table that holds its numbers
assert p.svgs > 20 and p.hidden_svgs == p.svgs, (p.svgs, p.hidden_svgs)
assert p.tables >= 10, p.tables
for name, value in p.attrs:
    assert name not in ("src", "href", "xlink:href", "srcset", "action"), name
    assert "url(" not in (value or ""), value
PY
requests=$(page_requests "$work/dom.netlog")
[ -z "$requests" ] || fail "the page asked for: $requests"
grep -Eqi 'https?:|url\(|@import|<script|<link' "$page" &&
	fail "the page names something outside itself"

# A screenshot at 1280x800.
chrome shot "file://$page" --window-size=1280,800 \
	--screenshot="$work/report.png" >/dev/null ||
	fail "chromium --screenshot failed: $(cat "$work/shot.log")"
python3 - "$work/report.png" <<'PY' || fail "no 1280x800 screenshot"
import struct, sys
d = open(sys.argv[1], "rb").read()
assert d[:8] == b"\x89PNG\r\n\x1a\n"
w, h = struct.unpack(">II", d[16:24])
assert (w, h) == (1280, 800), (w, h)
assert len(d) > 20000, len(d)  # not a blank page
PY

# pdf_pages PDF: its page count, and "landscape" when every page is.
pdf_pages() {
	python3 - "$1" <<'PY'
import re, sys
d = open(sys.argv[1], "rb").read()
assert d.startswith(b"%PDF")
pages = len(re.findall(rb"/Type\s*/Page(?![a-z])", d))
boxes = [tuple(float(x) for x in m.split())
         for m in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", d)]
landscape = boxes and all(b[2] - b[0] > b[3] - b[1] for b in boxes)
print(pages, "landscape" if landscape else "portrait")
PY
}
chrome pdf "file://$page" --no-pdf-header-footer \
	--print-to-pdf="$work/report.pdf" >/dev/null ||
	fail "chromium --print-to-pdf failed: $(cat "$work/pdf.log")"
set -- $(pdf_pages "$work/report.pdf")
[ "${2:-}" = landscape ] || fail "the print is not landscape: $*"
# nine sections, each starting a page; the longest may take two
[ "${1:-0}" -ge 9 ] && [ "${1:-0}" -le 13 ] ||
	fail "the print has ${1:-no} pages, expected 9 to 13"
echo "print: $1 landscape pages"

# Kept to look at.
if [ -n "${top_builddir:-}" ] && [ -d "$top_builddir/tests/cli" ]; then
	cp "$work/report.png" "$top_builddir/tests/cli/report-html.png"
	cp "$work/report.pdf" "$top_builddir/tests/cli/report-html.pdf"
	cp "$page" "$top_builddir/tests/cli/report-html.html"
fi

# Privacy in the page: a round of three shows no number and names only
# who agreed.
"$AIMAP" round new "Tiny" -q "$data/questionnaires/minimal.ini" --code TINY \
	>/dev/null 2>&1 || fail "round"
for i in 1 2; do
	"$AIMAP" submit -r TINY "$data/answers/champion.ini" >/dev/null ||
		fail "submit"
done
sed -e 's/^name = .*/name = Zed/' -e 's/^champion_contact = .*/champion_contact = no/' \
	"$data/answers/champion.ini" >"$work/zed.ini"
"$AIMAP" submit -r TINY "$work/zed.ini" >/dev/null || fail "submit"
run "$AIMAP" report -r TINY --format html
expect_status 0 tiny
expect_out_has "fewer than 5"
echo "$out" | grep -q "% (" && fail "a hidden round shows numbers"
echo "$out" | grep -q "Zed" && fail "a champion who did not agree is named"
expect_out_has "<td>p-001</td>"
# Each of its eight short sections prints on a page of its own.
printf '%s\n' "$out" >"$work/tiny.html"
chrome tiny "file://$work/tiny.html" --no-pdf-header-footer \
	--print-to-pdf="$work/tiny.pdf" >/dev/null || fail "print tiny"
set -- $(pdf_pages "$work/tiny.pdf")
[ "${1:-0}" -eq 8 ] || fail "the small round prints on ${1:-no} pages, not 8"

# -o refuses a folder and leaves an existing file alone on failure
run "$AIMAP" report -r DEMO-2 --format html -o "$work"
expect_status 1 folder
finish
