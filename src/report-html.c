/* SPDX-License-Identifier: MIT */
/* The report as one HTML page. Each view is a table whose rows carry
 * their numbers as text and a small inline SVG drawing of them, so the
 * table is the chart's alternative and a screen reader skips the
 * drawings (aria-hidden). Nothing here loads anything: no URL, no
 * script, no font other than the reader's own. */
#include "config.h"

#include "report-html.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nextstep.h"
#include "profile.h"
#include "scoring.h"
#include "util.h"

/* ---- colours ------------------------------------------------------------ */

/* Segment colours by role, and the heatmap's diverging scale (weak in
 * red, strong in blue; ColorBrewer RdBu, which colour-blind readers can
 * tell apart). Every shade's number is printed on it, so a black and
 * white print loses nothing. */
static const struct report_html_colour colours[] = {
    {"champions", "#0b6e4f", "#ffffff"}, {"willing", "#b07800", "#000000"},
    {"cautious", "#b5402f", "#ffffff"},	 {"leaders", "#3b4b8c", "#ffffff"},
    {"teams", "#707070", "#ffffff"},	 {"heat-0", "#b2182b", "#ffffff"},
    {"heat-1", "#d6604d", "#000000"},	 {"heat-2", "#f4a582", "#000000"},
    {"heat-3", "#fddbc7", "#000000"},	 {"heat-4", "#d1e5f0", "#000000"},
    {"heat-5", "#92c5de", "#000000"},	 {"heat-6", "#2166ac", "#ffffff"},
};
enum {
	COLOUR_CHAMPIONS,
	COLOUR_WILLING,
	COLOUR_CAUTIOUS,
	COLOUR_LEADERS,
	COLOUR_TEAMS,
	COLOUR_HEAT
};

const struct report_html_colour *report_html_colours(int *count)
{
	*count = (int)(sizeof(colours) / sizeof(colours[0]));
	return colours;
}

static const int shade_min[REPORT_HTML_SHADES] = {0, 30, 40, 50, 60, 70, 80};

int report_html_shade(double score)
{
	int s = 0;
	while (s + 1 < REPORT_HTML_SHADES && score >= shade_min[s + 1])
		s++;
	return s;
}

int report_html_shade_min(int shade)
{
	return shade_min[shade];
}

/* ---- text ---------------------------------------------------------------- */

/* The length of the UTF-8 sequence at s and its code point, or 0 when
 * the bytes there are not one. */
static int utf8_decode(const unsigned char *s, uint32_t *cp)
{
	int len = s[0] < 0x80		  ? 1
		  : (s[0] & 0xe0) == 0xc0 ? 2
		  : (s[0] & 0xf0) == 0xe0 ? 3
		  : (s[0] & 0xf8) == 0xf0 ? 4
					  : 0;
	if (len == 0)
		return 0;
	uint32_t c = len == 1 ? s[0] : s[0] & (0x7f >> len);
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
	if (c < least[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Characters a page must not carry as they are: controls (a tab or a
 * line break is kept), C1 controls, and the bidi controls that would
 * reorder the text around them. */
static bool unsafe(uint32_t c)
{
	if (c == '\t' || c == '\n')
		return false;
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200e || c == 0x200f || c == 0x061c;
}

void report_html_text(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p != '\0') {
		uint32_t c = 0;
		int len = utf8_decode(p, &c);
		if (len == 0 || unsafe(c)) {
			fputs("\xef\xbf\xbd", out);
			p += len == 0 ? 1 : len;
			continue;
		}
		switch (c) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		default:
			fwrite(p, 1, (size_t)len, out);
		}
		p += len;
	}
}

/* ---- the page's frame ---------------------------------------------------- */

struct page {
	FILE *out;
	const struct report *r;
	const struct store_round *round;
};

static void put(struct page *p, const char *s)
{
	fputs(s, p->out);
}

static void text(struct page *p, const char *s)
{
	report_html_text(p->out, s);
}

static void cell_text(struct page *p, const char *tag, const char *s)
{
	fprintf(p->out, "<%s>", tag);
	text(p, s);
	fprintf(p->out, "</%s>", tag);
}

/* A hidden group's cells: "fewer than N", or "withheld" where showing it
 * would let a hidden group be worked out by subtraction. */
static void cell_fewer(struct page *p, const struct report_group *g,
		       int colspan)
{
	char words[48];
	fprintf(p->out, "<td class=\"hidden\" colspan=\"%d\">%s</td>", colspan,
		report_hidden_words(g, p->r->min_group, words, sizeof(words)));
}

static const char style[] =
    ":root{color:#1a1a1a;background:#fff;font:15px/1.4 system-ui,sans-serif}"
    "body{max-width:1200px;margin:0 auto;padding:16px 24px}"
    "h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:0 0 8px;"
    "border-bottom:2px solid #1a1a1a}h3{font-size:16px;margin:12px 0 4px}"
    "section{margin:0 0 28px}p.note{color:#4d4d4d;margin:4px 0 8px}"
    "table{border-collapse:collapse;margin:6px 0 10px}"
    "th,td{padding:3px 8px;border-bottom:1px solid #c8c8c8;"
    "text-align:left;vertical-align:middle}"
    "th{font-weight:600}thead th{background:#f0f0f0;vertical-align:bottom}"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}"
    "td.num{white-space:nowrap}"
    "td.hidden{color:#4d4d4d;font-style:italic}td.chart{padding:2px 4px}"
    "svg.bar{display:block;width:240px;height:22px}"
    "svg.pair{display:block;width:240px;height:26px}"
    ".legend{display:flex;flex-wrap:wrap;gap:6px 14px;margin:4px 0;"
    "padding:0;list-style:none}.legend li{display:flex;align-items:center;"
    "gap:6px}.swatch{display:inline-block;min-width:28px;padding:1px 4px;"
    "text-align:center;border:1px solid #1a1a1a;font-size:13px}"
    "td.heat{text-align:center;font-variant-numeric:tabular-nums;"
    "min-width:56px;border:1px solid #fff}"
    ".met{color:#0b6e4f}.unmet{color:#a4281c}ul.conditions{margin:0;"
    "padding-left:18px}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "@page{size:landscape;margin:12mm}"
    "@media print{:root{font-size:9.5pt}body{max-width:none;padding:0}"
    "th,td{padding:2px 5px}svg.bar{width:180px;height:17px}"
    "section{break-before:page;margin:0}section:first-of-type{"
    "break-before:auto}tr,figure,.keep{break-inside:avoid}"
    "h2,h3{break-after:avoid}}";

static void page_start(struct page *p, const struct store_round *round,
		       const char *made)
{
	const struct report *r = p->r;
	put(p, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	       "<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width\">\n"
	       "<title>aimap report: round ");
	text(p, round->code);
	put(p, "</title>\n<style>");
	put(p, style);
	put(p, "</style>\n</head>\n<body>\n<header>\n<h1>Round ");
	text(p, round->code);
	put(p, ": ");
	text(p, round->name);
	fputs("</h1>\n<p class=\"note\">", p->out);
	text(p, r->q->title != NULL ? r->q->title : r->q->id);
	put(p, " (");
	text(p, r->q->id);
	fprintf(p->out, " version %d). %d completed, %d in progress",
		r->q->version, r->all.n, r->all.in_progress);
	if (r->all.abandoned > 0)
		fprintf(p->out, ", %d abandoned", r->all.abandoned);
	fprintf(p->out, ". Groups of fewer than %d people are not shown. Made ",
		r->min_group);
	text(p, made);
	put(p, " by aimap.</p>\n</header>\n<main>\n");
}

static void section_start(struct page *p, const char *id, const char *title,
			  const char *note)
{
	fprintf(p->out, "<section id=\"%s\" aria-labelledby=\"%s-h\">\n", id,
		id);
	fprintf(p->out, "<h2 id=\"%s-h\">", id);
	text(p, title);
	put(p, "</h2>\n");
	if (note != NULL) {
		put(p, "<p class=\"note\">");
		text(p, note);
		put(p, "</p>\n");
	}
}

static void h3(struct page *p, const char *title)
{
	put(p, "<h3>");
	text(p, title);
	put(p, "</h3>\n");
}

static void section_end(struct page *p)
{
	put(p, "</section>\n");
}

/* ---- drawings ------------------------------------------------------------ */

static const char *fill(int colour)
{
	return colours[colour].fill;
}

/* One horizontal bar of three segments (each pct 0..100) with the
 * reference marks at a third and two thirds; a share wide enough to
 * hold it is printed on its segment, over the marks. */
static void svg_stacked(struct page *p, const double pct[3])
{
	put(p, "<svg class=\"bar\" viewBox=\"0 0 240 22\" aria-hidden=\"true\" "
	       "focusable=\"false\">");
	double x = 0;
	for (int k = 0; k < 3; k++) {
		double w = 2.4 * pct[k];
		if (w > 0)
			fprintf(p->out,
				"<rect x=\"%.1f\" y=\"2\" width=\"%.1f\" "
				"height=\"18\" fill=\"%s\"/>",
				x, w, fill(COLOUR_CHAMPIONS + k));
		x += w;
	}
	/* "roughly a third each": where the boundaries start out */
	put(p,
	    "<line x1=\"80\" y1=\"0\" x2=\"80\" y2=\"22\" stroke=\"#1a1a1a\" "
	    "stroke-dasharray=\"3 2\"/><line x1=\"160\" y1=\"0\" x2=\"160\" "
	    "y2=\"22\" stroke=\"#1a1a1a\" stroke-dasharray=\"3 2\"/>");
	x = 0;
	for (int k = 0; k < 3; k++) {
		double w = 2.4 * pct[k];
		if (pct[k] >= 9)
			fprintf(p->out,
				"<text x=\"%.1f\" y=\"15.5\" font-size=\"12\" "
				"text-anchor=\"middle\" fill=\"%s\">%.0f%%"
				"</text>",
				x + w / 2, colours[COLOUR_CHAMPIONS + k].text,
				pct[k]);
		x += w;
	}
	put(p, "</svg>");
}

/* Two bars of 0..100 one above the other: a against b. */
static void svg_pair(struct page *p, double a, int ca, double b, int cb)
{
	put(p,
	    "<svg class=\"pair\" viewBox=\"0 0 240 26\" aria-hidden=\"true\" "
	    "focusable=\"false\">");
	fprintf(p->out,
		"<rect x=\"0\" y=\"1\" width=\"%.1f\" height=\"11\" "
		"fill=\"%s\"/><rect x=\"0\" y=\"14\" width=\"%.1f\" "
		"height=\"11\" fill=\"%s\"/>",
		2.4 * a, fill(ca), 2.4 * b, fill(cb));
	put(p, "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"26\" stroke=\"#1a1a1a\"/>"
	       "</svg>");
}

static void legend_segments(struct page *p)
{
	put(p, "<ul class=\"legend\" aria-label=\"legend\">");
	for (int s = SEGMENT_CHAMPION; s <= SEGMENT_CAUTIOUS; s++) {
		const struct report_html_colour *c =
		    &colours[COLOUR_CHAMPIONS + s - SEGMENT_CHAMPION];
		fprintf(p->out,
			"<li><span class=\"swatch\" style=\"background:%s;"
			"color:%s\">%%</span>",
			c->fill, c->text);
		text(p, segment_label(s));
		put(p, "</li>");
	}
	put(p,
	    "<li><svg width=\"28\" height=\"14\" aria-hidden=\"true\">"
	    "<line x1=\"14\" y1=\"0\" x2=\"14\" y2=\"14\" stroke=\"#1a1a1a\" "
	    "stroke-dasharray=\"3 2\"/></svg>the starting point: roughly a "
	    "third each</li></ul>\n");
}

/* ---- segments ------------------------------------------------------------ */

static void segment_head(struct page *p, const char *first)
{
	put(p, "<thead><tr><th scope=\"col\">");
	text(p, first);
	put(p, "</th><th scope=\"col\" class=\"num\">people</th>"
	       "<th scope=\"col\">chart</th>"
	       "<th scope=\"col\" class=\"num\">champions</th>"
	       "<th scope=\"col\" class=\"num\">willing middle</th>"
	       "<th scope=\"col\" class=\"num\">cautious third</th>"
	       "<th scope=\"col\" class=\"num\">champions: sharing / alone</th>"
	       "<th scope=\"col\" class=\"num\">cautious: skeptic / not "
	       "started</th>"
	       "<th scope=\"col\" class=\"num\">in progress</th>"
	       "</tr></thead>\n");
}

/* label: the row's name, NULL for the group's own */
static void segment_row(struct page *p, const struct report_group *g,
			const char *label)
{
	put(p, "<tr><th scope=\"row\">");
	text(p, label != NULL ? label : g->label);
	put(p, "</th>");
	if (g->hidden) {
		cell_fewer(p, g, 7);
		fprintf(p->out, "<td class=\"num\">%d</td></tr>\n",
			g->in_progress);
		return;
	}
	double pct[3];
	for (int k = 0; k < 3; k++)
		pct[k] = report_percent(g, SEGMENT_CHAMPION + k);
	fprintf(p->out, "<td class=\"num\">%d</td><td class=\"chart\">", g->n);
	svg_stacked(p, pct);
	put(p, "</td>");
	for (int k = 0; k < 3; k++)
		fprintf(p->out, "<td class=\"num\">%.0f%% (%d)</td>", pct[k],
			g->segments[SEGMENT_CHAMPION + k]);
	fprintf(p->out,
		"<td class=\"num\">%d / %d</td><td class=\"num\">%d / %d</td>"
		"<td class=\"num\">%d</td></tr>\n",
		g->subtypes[SUBTYPE_SHARING], g->subtypes[SUBTYPE_ALONE],
		g->subtypes[SUBTYPE_SKEPTIC], g->subtypes[SUBTYPE_NOT_STARTED],
		g->in_progress);
}

static void segment_table(struct page *p, const char *first,
			  const struct report_group *const *groups,
			  const char *const *labels, int n)
{
	put(p, "<table>");
	segment_head(p, first);
	put(p, "<tbody>\n");
	for (int i = 0; i < n; i++)
		segment_row(p, groups[i], labels != NULL ? labels[i] : NULL);
	put(p, "</tbody></table>\n");
}

static void write_segments(struct page *p)
{
	const struct report *r = p->r;
	char title[64];
	snprintf(title, sizeof(title), "Segments by %s",
		 report_by_names[r->by]);
	section_start(p, "segments", title,
		      "Each bar is a group's people: champions, the willing "
		      "middle and the cautious third. A company usually "
		      "starts at roughly a third each (the dashed marks).");
	legend_segments(p);
	const struct report_group **groups =
	    xcalloc((size_t)r->ngroups + 1, sizeof(*groups));
	groups[0] = &r->all;
	for (int i = 0; i < r->ngroups; i++)
		groups[i + 1] = &r->groups[i];
	segment_table(p, "group", groups, NULL, r->ngroups + 1);
	free(groups);
	section_end(p);
}

/* ---- two groups side by side --------------------------------------------- */

static void dimension_table(struct page *p, const struct report_group *a,
			    const struct report_group *b)
{
	struct report_dimension_row rows[QN_MAX_DIMENSIONS];
	int n = report_dimension_rows(p->r->q, a, b, "-", 1, rows);
	put(p, "<table><thead><tr><th scope=\"col\">dimension</th>"
	       "<th scope=\"col\">chart</th><th scope=\"col\" class=\"num\">");
	text(p, a->label);
	put(p, "</th><th scope=\"col\" class=\"num\">");
	text(p, b->label);
	put(p, "</th><th scope=\"col\" class=\"num\">difference</th>"
	       "</tr></thead><tbody>\n");
	for (int d = 0; d < n; d++) {
		put(p, "<tr><th scope=\"row\">");
		text(p, rows[d].label);
		put(p, "</th><td class=\"chart\">");
		double va = report_has_score(a, d) ? a->dimensions[d] : 0;
		double vb = report_has_score(b, d) ? b->dimensions[d] : 0;
		svg_pair(p, va, COLOUR_LEADERS, vb, COLOUR_TEAMS);
		put(p, "</td>");
		cell_text(p, "td class=\"num\"", rows[d].a);
		cell_text(p, "td class=\"num\"", rows[d].b);
		cell_text(p, "td class=\"num\"", rows[d].difference);
		put(p, "</tr>\n");
	}
	put(p, "</tbody></table>\n");
}

static void legend_pair(struct page *p, const char *a, const char *b)
{
	put(p, "<ul class=\"legend\" aria-label=\"legend\">");
	const char *labels[2] = {a, b};
	for (int i = 0; i < 2; i++) {
		fprintf(p->out,
			"<li><span class=\"swatch\" style=\"background:%s;"
			"color:%s\">%s</span>",
			colours[COLOUR_LEADERS + i].fill,
			colours[COLOUR_LEADERS + i].text,
			i == 0 ? "upper" : "lower");
		text(p, labels[i]);
		put(p, "</li>");
	}
	put(p, "<li>mean score, 0 to 100</li></ul>\n");
}

static void write_pair(struct page *p, const char *id, const char *title,
		       const char *note, const struct report_group *a,
		       const struct report_group *b)
{
	section_start(p, id, title, note);
	legend_segments(p);
	const struct report_group *groups[2] = {a, b};
	segment_table(p, "group", groups, NULL, 2);
	h3(p, "Mean score by dimension");
	legend_pair(p, a->label, b->label);
	dimension_table(p, a, b);
}

/* ---- the perception gap -------------------------------------------------- */

static void gap_row(struct page *p, const struct report_gap *gap)
{
	char sentence[256];
	report_gap_sentence(gap, sentence, sizeof(sentence));
	put(p, "<tr><th scope=\"row\">");
	text(p, gap->department != NULL ? gap->department : "Whole round");
	put(p, "</th>");
	if (gap->hidden) {
		put(p, "<td class=\"hidden\" colspan=\"3\">");
		text(p, sentence);
		put(p, "</td></tr>\n");
		return;
	}
	put(p, "<td class=\"chart\">");
	svg_stacked(p, gap->estimated);
	svg_stacked(p, gap->actual);
	fprintf(p->out,
		"</td><td class=\"num\">%d leaders: %.0f%% / %.0f%% / %.0f%%"
		"<br>%d people: %.0f%% / %.0f%% / %.0f%%</td><td>",
		gap->leaders, gap->estimated[0], gap->estimated[1],
		gap->estimated[2], gap->team, gap->actual[0], gap->actual[1],
		gap->actual[2]);
	text(p, sentence);
	put(p, "</td></tr>\n");
}

static void write_gaps(struct page *p)
{
	const struct report *r = p->r;
	h3(p, "Perception gap: what leaders estimate against what their teams "
	      "report");
	if (r->ngaps == 0) {
		put(p, "<p>No leader answered an estimate question.</p>\n");
		return;
	}
	put(p, "<p class=\"note\">In each pair of bars the upper one is the "
	       "leaders' mean estimate of their team, the lower one what the "
	       "team reported (champions / willing middle / cautious "
	       "third).</p>\n<table><thead><tr><th scope=\"col\">group</th>"
	       "<th scope=\"col\">chart</th><th scope=\"col\" class=\"num\">"
	       "estimated, then reported</th><th scope=\"col\">in words</th>"
	       "</tr></thead><tbody>\n");
	for (int i = 0; i < r->ngaps; i++)
		gap_row(p, &r->gaps[i]);
	put(p, "</tbody></table>\n");
}

/* ---- heatmap ------------------------------------------------------------- */

static void legend_heat(struct page *p)
{
	put(p, "<ul class=\"legend\" aria-label=\"colour scale\">");
	for (int s = 0; s < REPORT_HTML_SHADES; s++) {
		const struct report_html_colour *c = &colours[COLOUR_HEAT + s];
		int lo = shade_min[s];
		fprintf(p->out,
			"<li><span class=\"swatch\" style=\"background:%s;"
			"color:%s\">%d</span>",
			c->fill, c->text, lo);
		if (s + 1 < REPORT_HTML_SHADES)
			fprintf(p->out, "%d to under %d</li>", lo,
				shade_min[s + 1]);
		else
			fprintf(p->out, "%d to 100</li>", lo);
	}
	put(p, "</ul>\n");
}

static void heat_cell(struct page *p, const struct report_group *g, int d)
{
	if (!report_has_score(g, d)) {
		put(p, "<td class=\"heat\">-</td>");
		return;
	}
	char value[16];
	scoring_format_score(g->dimensions[d], value);
	const struct report_html_colour *c =
	    &colours[COLOUR_HEAT + report_html_shade(g->dimensions[d])];
	fprintf(p->out,
		"<td class=\"heat\" style=\"background:%s;color:%s\">%s</td>",
		c->fill, c->text, value);
}

static void write_heatmap(struct page *p)
{
	const struct report *r = p->r;
	int nd = r->q->ndimensions;
	section_start(p, "heatmap", "Heatmap: mean score by department",
		      "Weakest dimension of the whole round first. Red is "
		      "weak, blue is strong; every cell also shows its "
		      "score, and \"-\" means nobody in the group scored it.");
	legend_heat(p);
	put(p, "<table><thead><tr><th scope=\"col\">department</th>");
	for (int c = 0; c < nd; c++) {
		put(p, "<th scope=\"col\">");
		text(p, r->q->dimensions[r->dimension_order[c]].label);
		put(p, "</th>");
	}
	put(p, "</tr></thead><tbody>\n");
	const struct report_group *all = &r->all;
	for (int i = -1; i < r->ndepartments; i++) {
		const struct report_group *g = i < 0 ? all : &r->departments[i];
		put(p, "<tr><th scope=\"row\">");
		text(p, g->label);
		put(p, "</th>");
		if (g->hidden)
			cell_fewer(p, g, nd);
		else
			for (int c = 0; c < nd; c++)
				heat_cell(p, g, r->dimension_order[c]);
		put(p, "</tr>\n");
	}
	put(p, "</tbody></table>\n");
	section_end(p);
}

/* ---- phase --------------------------------------------------------------- */

static void phase_conditions(struct page *p, const struct report_group *g,
			     enum phase ph)
{
	const struct questionnaire *q = p->r->q;
	const struct qn_phase_rule *rule = &q->phases[ph];
	for (int i = 0; i < rule->nconditions; i++) {
		const struct qn_phase_condition *c = &rule->conditions[i];
		const char *unit = c->dimension < 0 ? "%" : "";
		double v = 0;
		bool known = report_condition_value(c, g, &v);
		bool met = known && v + 1e-9 >= (double)c->min;
		char have[16] = "no scores";
		if (known)
			scoring_format_score(v, have);
		fprintf(p->out, "<li class=\"%s\">%s ", met ? "met" : "unmet",
			met ? "&#10003; met:" : "&#10007; not met:");
		text(p, c->dimension < 0 ? "champions"
					 : q->dimensions[c->dimension].label);
		fprintf(p->out, " &ge; %d%s (have %s%s)</li>", c->min, unit,
			have, known ? unit : "");
	}
}

static void phase_row(struct page *p, const struct report_group *g)
{
	const struct questionnaire *q = p->r->q;
	put(p, "<tr><th scope=\"row\">");
	text(p, g->label);
	put(p, "</th>");
	if (g->hidden) {
		cell_fewer(p, g, 3);
		put(p, "</tr>\n");
		return;
	}
	enum phase ph = report_phase(q, g, NULL, 0);
	cell_text(p, "td", phase_name(ph));
	for (enum phase next = PHASE_STRUCTURING; next <= PHASE_SCALING;
	     next++) {
		put(p, "<td>");
		if (q->phases[next].defined) {
			put(p, "<ul class=\"conditions\">");
			phase_conditions(p, g, next);
			put(p, "</ul>");
		}
		put(p, "</td>");
	}
	put(p, "</tr>\n");
}

static void write_phases(struct page *p)
{
	const struct report *r = p->r;
	section_start(p, "phase", "Phase by department",
		      "Exploration, then structuring, then scaling. A group "
		      "reaches a phase when it meets every condition listed "
		      "for it.");
	if (!r->q->phases[PHASE_STRUCTURING].defined &&
	    !r->q->phases[PHASE_SCALING].defined) {
		put(p, "<p>The questionnaire has no phase rule.</p>\n");
		section_end(p);
		return;
	}
	put(p, "<table><thead><tr><th scope=\"col\">group</th>"
	       "<th scope=\"col\">phase</th><th scope=\"col\">structuring "
	       "needs</th><th scope=\"col\">scaling needs</th></tr></thead>"
	       "<tbody>\n");
	phase_row(p, &r->all);
	for (int i = 0; i < r->ndepartments; i++)
		phase_row(p, &r->departments[i]);
	put(p, "</tbody></table>\n");
	section_end(p);
}

/* ---- next actions -------------------------------------------------------- */

static void next_row(struct page *p, const struct report_group *g,
		     const struct nextstep_department *nd)
{
	int rows = nd->nsteps > 0 ? nd->nsteps : 1;
	fprintf(p->out, "<tr><th scope=\"row\" rowspan=\"%d\">", rows);
	text(p, g->label);
	put(p, "</th>");
	if (nd->too_few) {
		char words[48];
		fprintf(p->out,
			"<td class=\"hidden\" colspan=\"3\">too few to say "
			"(%s)</td></tr>\n",
			report_hidden_words(g, p->r->min_group, words,
					    sizeof(words)));
		return;
	}
	if (nd->nsteps == 0) {
		put(p, "<td colspan=\"3\">no rule picks an action</td></tr>\n");
		return;
	}
	for (int i = 0; i < nd->nsteps; i++) {
		const struct qn_action_rule *rule = nd->steps[i].rule;
		if (i > 0)
			put(p, "<tr>");
		cell_text(p, "td", rule->text);
		cell_text(p, "td", nd->steps[i].finding);
		put(p, "<td>");
		text(p, weeks_label(rule->weeks));
		fprintf(p->out, ", weeks %d&ndash;%d</td></tr>\n",
			weeks_from(rule->weeks), weeks_to(rule->weeks));
	}
}

static void write_next_actions(struct page *p)
{
	const struct report *r = p->r;
	section_start(p, "next", "Next actions by department",
		      "Picked by the questionnaire's action rules from what "
		      "each department answered, at most three, by priority, "
		      "each with the finding behind it and its weeks of the "
		      "first 90 days.");
	if (r->q->nactions == 0) {
		put(p, "<p>The questionnaire has no action rules.</p>\n");
		section_end(p);
		return;
	}
	put(p, "<table><thead><tr><th scope=\"col\">department</th>"
	       "<th scope=\"col\">action</th><th scope=\"col\">because"
	       "</th><th scope=\"col\">when</th></tr></thead><tbody>\n");
	for (int d = 0; d < r->ndepartments; d++) {
		struct nextstep_department nd;
		nextstep_department(r, d, &nd);
		next_row(p, &r->departments[d], &nd);
	}
	put(p, "</tbody></table>\n");
	section_end(p);
}

/* ---- champions ----------------------------------------------------------- */

static void write_champions(struct page *p)
{
	const struct report *r = p->r;
	section_start(p, "champions", "Champions who agreed to be contacts",
		      "Connect them and amplify what they do. Only people "
		      "who agreed to be named are listed; those who work "
		      "alone most need a stage.");
	if (r->nchampions == 0) {
		put(p, "<p>None yet.</p>\n");
		section_end(p);
		return;
	}
	put(p, "<table><thead><tr><th scope=\"col\">name</th>"
	       "<th scope=\"col\">department</th><th scope=\"col\">how they "
	       "work</th></tr></thead><tbody>\n");
	for (int i = 0; i < r->nchampions; i++) {
		put(p, "<tr>");
		cell_text(p, "td", r->champions[i].name);
		cell_text(p, "td", r->champions[i].department);
		cell_text(p, "td",
			  r->champions[i].alone
			      ? "works alone: give them a stage"
			      : "shares what they learn");
		put(p, "</tr>\n");
	}
	put(p, "</tbody></table>\n");
	section_end(p);
}

/* ---- discuss first ------------------------------------------------------- */

static void spread_choices(struct page *p, const struct report_spread *sp)
{
	const struct qn_question *qq = &p->r->q->questions[sp->question];
	put(p, "<table class=\"keep\"><thead><tr><th scope=\"col\">answer"
	       "</th><th scope=\"col\">chart</th><th scope=\"col\" "
	       "class=\"num\">people</th><th scope=\"col\" class=\"num\">"
	       "share</th></tr></thead><tbody>\n");
	for (int c = 0; c < qq->nchoices && c < QN_MAX_CHOICES; c++) {
		double share = 100.0 * sp->counts[c] / sp->n;
		put(p, "<tr><th scope=\"row\">");
		if (qq->choices[c].text != NULL)
			text(p, qq->choices[c].text);
		else
			fprintf(p->out, "point %d of %d", c + 1, qq->nchoices);
		fprintf(
		    p->out,
		    "</th><td class=\"chart\"><svg class=\"pair\" "
		    "viewBox=\"0 0 240 26\" aria-hidden=\"true\" "
		    "focusable=\"false\"><rect x=\"0\" y=\"7\" "
		    "width=\"%.1f\" height=\"12\" fill=\"%s\"/><line x1=\"0\" "
		    "y1=\"0\" x2=\"0\" y2=\"26\" stroke=\"#1a1a1a\"/></svg>"
		    "</td><td class=\"num\">%d</td><td class=\"num\">%.0f%%"
		    "</td></tr>\n",
		    2.4 * share, fill(COLOUR_LEADERS), sp->counts[c], share);
	}
	put(p, "</tbody></table>\n");
}

static void write_spreads(struct page *p)
{
	const struct report *r = p->r;
	section_start(p, "discuss",
		      "Discuss first: the questions that divide "
		      "people most",
		      "Spread is how far apart the answers are, on the "
		      "questionnaire's 0 to 100 scale: near 0 everybody "
		      "answered alike; 30 or more means large groups "
		      "answered far apart, which is worth talking about "
		      "before deciding anything.");
	if (r->nspreads == 0)
		put(p, "<p>Not enough answers yet.</p>\n");
	for (int i = 0; i < r->nspreads && i < 5; i++) {
		const struct report_spread *sp = &r->spreads[i];
		fprintf(p->out, "<div class=\"keep\"><h3>%d. ", i + 1);
		text(p, r->q->questions[sp->question].text);
		fprintf(p->out,
			"</h3>\n<p class=\"note\">spread %.1f over %d "
			"answers</p>\n",
			sp->spread, sp->n);
		spread_choices(p, sp);
		put(p, "</div>\n");
	}
	section_end(p);
}

/* ---- change since an earlier round -------------------------------------- */

/* A change in words, and whether the data can tell it from noise (the
 * Newcombe interval of report.h; "no clear change" otherwise). */
static void change_words(struct page *p, double change, bool clear)
{
	double size = change < 0 ? -change : change;
	const char *unit = size < 1.5 ? "point" : "points";
	if (change > 0.05)
		fprintf(p->out, "up %.1f %s", size, unit);
	else if (change < -0.05)
		fprintf(p->out, "down %.1f %s", size, unit);
	else
		put(p, "about the same");
	put(p,
	    clear ? ": <strong>a clear change</strong>" : ": no clear change");
}

/* One row a segment of ch: before, now, the change and its verdict;
 * with group, the rows start with the group's name. */
static void change_rows(struct page *p, const char *group,
			const struct report_change *ch)
{
	for (int k = 0; k < 3; k++) {
		put(p, "<tr>");
		if (group != NULL && k == 0) {
			put(p, "<th scope=\"rowgroup\" rowspan=\"3\">");
			text(p, group);
			fprintf(p->out, " (n %d &rarr; %d)</th>", ch->n_before,
				ch->n_now);
		}
		put(p, "<th scope=\"row\">");
		text(p, segment_label(SEGMENT_CHAMPION + k));
		fprintf(p->out,
			"</th><td class=\"num\">%.1f%%</td><td class=\"num\">"
			"%.1f%%</td><td>",
			ch->shown_before[k], ch->shown_now[k]);
		change_words(p, ch->change[k], ch->clear[k]);
		put(p, "</td></tr>\n");
	}
}

static void compare_segments(struct page *p)
{
	const struct report *r = p->r;
	const struct report_compare *c = &r->compare;
	const struct report_group *groups[2] = {&c->before, &r->all};
	char was[STORE_MAX_CODE + 16], is[STORE_MAX_CODE + 16];
	snprintf(was, sizeof(was), "round %s", c->code);
	snprintf(is, sizeof(is), "this round (%s)", p->round->code);
	const char *labels[2] = {was, is};
	segment_table(p, "round", groups, labels, 2);
	if (c->whole.hidden)
		return;
	put(p, "<table><thead><tr><th scope=\"col\">segment</th>"
	       "<th scope=\"col\" class=\"num\">before</th><th scope=\"col\" "
	       "class=\"num\">now</th><th scope=\"col\">change</th></tr>"
	       "</thead><tbody>\n");
	change_rows(p, NULL, &c->whole);
	put(p, "</tbody></table>\n");
	if (c->nchanges == 0)
		return;
	fprintf(p->out, "<h3>Change by %s</h3>\n", report_by_names[r->by]);
	put(p, "<table><thead><tr><th scope=\"col\">group</th>"
	       "<th scope=\"col\">segment</th><th scope=\"col\" "
	       "class=\"num\">before</th><th scope=\"col\" class=\"num\">"
	       "now</th><th scope=\"col\">change</th></tr></thead>\n");
	for (int i = 0; i < c->nchanges; i++) {
		const struct report_change *ch = &c->changes[i];
		put(p, "<tbody>");
		if (ch->withheld) {
			put(p, "<tr><th scope=\"row\">");
			text(p, ch->label);
			put(p, "</th><td colspan=\"4\">withheld</td></tr>");
		} else if (ch->hidden) {
			put(p, "<tr><th scope=\"row\">");
			text(p, ch->label);
			fprintf(p->out,
				"</th><td colspan=\"4\">fewer than %d in one "
				"of the rounds</td></tr>",
				c->min_group);
		} else {
			change_rows(p, ch->label, ch);
		}
		put(p, "</tbody>\n");
	}
	put(p, "</table>\n");
}

static void compare_moves(struct page *p)
{
	const struct report_compare *c = &p->r->compare;
	h3(p, "Who moved: people who finished both rounds");
	if (c->withheld) {
		put(p, "<p>Withheld: it would give away the segments of "
		       "fewer than the minimum number of people (aimap(1), "
		       "PRIVACY).</p>\n");
	} else if (c->hidden) {
		fprintf(p->out,
			"<p>Fewer than %d people finished both rounds.</p>\n",
			p->r->min_group);
	} else {
		put(p, "<table><thead><tr><th scope=\"col\">was, then is</th>");
		for (int to = SEGMENT_CHAMPION; to <= SEGMENT_CAUTIOUS; to++)
			cell_text(p, "th scope=\"col\" class=\"num\"",
				  segment_label(to));
		put(p, "</tr></thead><tbody>\n");
		for (int from = SEGMENT_CHAMPION; from <= SEGMENT_CAUTIOUS;
		     from++) {
			put(p, "<tr>");
			cell_text(p, "th scope=\"row\"", segment_label(from));
			for (int to = SEGMENT_CHAMPION; to <= SEGMENT_CAUTIOUS;
			     to++)
				fprintf(p->out, "<td class=\"num\">%d</td>",
					c->moved[from][to]);
			put(p, "</tr>\n");
		}
		put(p, "</tbody></table>\n");
	}
	fprintf(p->out,
		"<p>In both rounds: %d. New: %d. Did not return: %d. "
		"Anonymous, so not followed: %d.</p>\n",
		c->both, c->new_people, c->not_returned, c->anonymous);
}

static void write_compare(struct page *p)
{
	const struct report *r = p->r;
	char title[STORE_MAX_CODE + 32];
	snprintf(title, sizeof(title), "Change since round %s",
		 r->compare.code);
	section_start(p, "change", title,
		      "The earlier round above, this one below. A change is "
		      "called clear only when its 90% interval leaves out "
		      "zero (Newcombe's method): a change of a few points in "
		      "a small group is usually chance.");
	legend_segments(p);
	if (r->compare.before.hidden || r->all.hidden)
		fprintf(p->out,
			"<p>One of the rounds has fewer than %d "
			"responses.</p>\n",
			r->min_group);
	compare_segments(p);
	compare_moves(p);
	section_end(p);
}

/* ---- the page ------------------------------------------------------------ */

bool report_html_write(const struct store_round *round, const struct report *r,
		       const char *made, FILE *out)
{
	struct page p = {out, r, round};
	page_start(&p, round, made);
	write_segments(&p);
	write_pair(&p, "leaders", "Leaders against their teams",
		   "Leaders are executives, managers and senior technical "
		   "staff; teams are individual contributors.",
		   &r->leaders, &r->teams);
	write_gaps(&p);
	section_end(&p);
	write_pair(&p, "tracks", "Technical track against citizen builders",
		   NULL, &r->tracks[TRACK_TECHNICAL],
		   &r->tracks[TRACK_CITIZEN]);
	section_end(&p);
	write_heatmap(&p);
	write_phases(&p);
	write_next_actions(&p);
	if (r->has_compare)
		write_compare(&p);
	write_champions(&p);
	write_spreads(&p);
	put(&p, "</main>\n</body>\n</html>\n");
	return !ferror(out);
}
