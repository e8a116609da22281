#!/bin/sh
# SPDX-License-Identifier: MIT
# A respondent a few points from a segment threshold is told so on their
# result: a citizen builder who uses AI daily (100, weight 2) and has built
# nothing (0, weight 1) has an adoption depth of 200 / 3 = 66.7, within 5
# points of minimal.ini's champion threshold 70.
. "$top_srcdir/tests/e2e/lib.sh"

round_minimal
start 132 40 take -r E2E
questions=5
# anonymous, an individual contributor, a citizen builder, not a contact
to_first_question "" "" 4 "Down Enter"
keys 3
wait_for "2 / 5"
keys 1
wait_for "3 / 5"
keys 1
wait_for "4 / 5"
keys 1
wait_for "5 / 5"
to_review
keys s
wait_for "Your result: Willing middle"
has "Near the line: 66.7 is within 5 points of the champion threshold 70"
keys q
expect_exit 0 "leaving the result"
finish
