#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Numeric columns hold numbers only: every CSV file given must parse, and
each column whose header names a number (NUMERIC below, exact names or
shell patterns) holds a number or nothing in every row. Words such as
"fewer than 5" belong in their own columns (shown, min_group, text).

usage: csv-numbers.py [--decimal-comma] FILE...
Prints one line per offending cell and exits 1 when there is any."""

import csv
import fnmatch
import re
import sys

# Headers of numbers in what aimap writes: report --format csv, every
# export kind, analyze --format csv, comments --format csv.
NUMERIC = [
    # the report's long table, the transitions and summary exports
    "shown", "min_group", "n", "value", "people", "in_progress",
    "*_n", "*_pct", "mean_*", "se_*", "change_*",
    "gap_leaders", "gap_team", "gap_champion_points", "gap_champion_clear",
    "baseline_shown", "questionnaire_version",
    # responses and answers
    "adoption", "score", "score_*", "round_min_group", "champion_contact",
    "choice", "estimate_*",
]


def numeric(header):
    return any(fnmatch.fnmatchcase(header, p) for p in NUMERIC)


def check(path, number):
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    delimiter = ";" if text.split("\n", 1)[0].count(";") > \
        text.split("\n", 1)[0].count(",") else ","
    if "\t" in text.split("\n", 1)[0]:
        delimiter = "\t"
    rows = list(csv.reader(text.splitlines(), delimiter=delimiter))
    bad = []
    if not rows:
        return ["%s: empty" % path]
    header = rows[0]
    columns = [i for i, h in enumerate(header) if numeric(h)]
    for line, row in enumerate(rows[1:], 2):
        if len(row) != len(header):
            bad.append("%s:%d: %d fields, the header has %d"
                       % (path, line, len(row), len(header)))
            continue
        for i in columns:
            if row[i] != "" and not number.fullmatch(row[i]):
                bad.append("%s:%d: %s is %r, not a number"
                           % (path, line, header[i], row[i]))
    return bad


def main(argv):
    mark = "."
    if argv and argv[0] == "--decimal-comma":
        mark = ","
        argv = argv[1:]
    number = re.compile(r"-?[0-9]+(?:" + re.escape(mark) + r"[0-9]+)?")
    bad = []
    for path in argv:
        bad += check(path, number)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
