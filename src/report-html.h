/* SPDX-License-Identifier: MIT */
/* A round's report as one self-contained HTML page for a board meeting:
 * every view of the text report drawn as a chart (inline SVG and CSS)
 * with its numbers beside it in a real table, readable on screen and
 * printed landscape, one section a page. The page needs no JavaScript and
 * names no other file or host: no link, script, image or font is loaded,
 * so it can be mailed or opened from a USB stick as it is.
 *
 * Every text that comes from people or files (names, departments, round
 * names, questionnaire text) is escaped here; characters that mean
 * nothing in a page (control characters, invalid UTF-8, bidi overrides)
 * are shown as U+FFFD. The privacy rules are the report's: a hidden group
 * shows its label and "fewer than N", never a number.
 *
 * No curses and no SQL: it reads a struct report and writes to a FILE. */
#ifndef AIMAP_REPORT_HTML_H
#define AIMAP_REPORT_HTML_H

#include <stdbool.h>
#include <stdio.h>

#include "report.h"
#include "store.h"

struct participation;

/* Write the page for round (the report r was built from), with its
 * participation when the round has invitations (else NULL). made is the
 * time to print as when it was made (ISO 8601). Returns false when out
 * reports an error. */
bool report_html_write(const struct store_round *round, const struct report *r,
		       const struct participation *part, const char *made,
		       FILE *out);

/* Write s with &, <, >, " and ' escaped, and anything that is not
 * printable text shown as U+FFFD (see above). */
void report_html_text(FILE *out, const char *s);

/* A fill the page draws text on, and the text's colour: the test holds
 * each pair to WCAG AA (4.5:1), and each fill to 3:1 against the white
 * page. */
struct report_html_colour {
	const char *role; /* "champions", "heat-3", ... */
	const char *fill; /* "#rrggbb" */
	const char *text; /* "#rrggbb" */
};
const struct report_html_colour *report_html_colours(int *count);

/* The heatmap's scale: how many shades, which one a score (0..100)
 * falls in, and the lowest score of each. */
enum { REPORT_HTML_SHADES = 7 };
int report_html_shade(double score);
int report_html_shade_min(int shade);

#endif
