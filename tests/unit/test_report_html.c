/* SPDX-License-Identifier: MIT */
/* The HTML report from a report built by hand (no database): what every
 * section holds, that people's text is escaped, that hidden groups show
 * no number, that the page names nothing outside itself, and that its
 * colours pass WCAG AA. The page in a real browser is
 * tests/cli/report-html.sh. */
#include "config.h"

#include "testutil.h"

#include <math.h>

#include "fixture.h"
#include "report-html.h"
#include "report.h"
#include "util.h"

static const char questionnaire_text[] = "[questionnaire]\n"
					 "id = rep\n"
					 "title = Report test\n"
					 "version = 2\n"
					 "audience = everyone\n"
					 "minutes = 5\n"
					 "[dimension.use]\n"
					 "label = Depth of use\n"
					 "weight = 1\n"
					 "role = adoption\n"
					 "[dimension.guard]\n"
					 "label = Guardrails & <rules>\n"
					 "weight = 1\n"
					 "role = context\n"
					 "[question.use]\n"
					 "type = choice\n"
					 "dimension = use\n"
					 "text = How often do you use \"AI\"?\n"
					 "choice1 = Never <ever>\n"
					 "score1 = 0\n"
					 "choice2 = Weekly\n"
					 "score2 = 50\n"
					 "choice3 = Daily\n"
					 "score3 = 100\n"
					 "[question.guard]\n"
					 "type = scale\n"
					 "dimension = guard\n"
					 "text = Do you know the rules?\n"
					 "points = 3\n"
					 "anchor1 = Not at all\n"
					 "anchor3 = By heart\n"
					 "[phase.structuring]\n"
					 "guard = 50\n"
					 "champions = 20\n"
					 "[phase.scaling]\n"
					 "champions = 40\n"
					 "use = 60\n" FIXTURE_TAIL(40);

static void group_set(struct report_group *g, const char *label, int n, int ch,
		      int wi, int ca, double use, double guard)
{
	memset(g, 0, sizeof(*g));
	g->label = xstrdup(label);
	g->n = n;
	g->hidden = n < 5;
	if (g->hidden)
		return;
	g->segments[SEGMENT_CHAMPION] = ch;
	g->segments[SEGMENT_WILLING] = wi;
	g->segments[SEGMENT_CAUTIOUS] = ca;
	g->subtypes[SUBTYPE_SHARING] = ch;
	g->dimensions[0] = use;
	g->dimensions[1] = guard;
	g->dimension_n[0] = g->dimension_n[1] = n;
}

/* A round of 12: Engineering (7, with a hostile name), a hidden
 * department of 3 whose true numbers must never show, leaders and
 * teams, tracks, a gap, a champion and a spread. */
static void report_make(struct report *r, const struct questionnaire *q)
{
	memset(r, 0, sizeof(*r));
	r->q = q;
	r->min_group = 5;
	group_set(&r->all, "Whole round", 12, 3, 6, 3, 47.5, 61.25);
	r->ngroups = r->ndepartments = 2;
	r->groups = xcalloc(2, sizeof(*r->groups));
	r->departments = xcalloc(2, sizeof(*r->departments));
	for (int i = 0; i < 2; i++) {
		struct report_group *set[2] = {r->groups, r->departments};
		group_set(&set[i][0], "<script>alert(1)</script>", 7, 2, 4, 1,
			  55, 35);
		group_set(&set[i][1], "Tiny\x1b]52;c;x\x07\xe2\x80\xae", 3, 0,
			  0, 0, 0, 0);
		set[i][1].in_progress = 1;
	}
	group_set(&r->leaders, "Leaders", 5, 1, 3, 1, 40, 70);
	group_set(&r->teams, "Teams", 7, 2, 3, 2, 52.5, 55);
	group_set(&r->tracks[TRACK_TECHNICAL], "Technical", 6, 2, 2, 2, 60, 40);
	group_set(&r->tracks[TRACK_CITIZEN], "Citizen", 6, 1, 4, 1, 35, 82.5);
	r->dimension_order[0] = 0;
	r->dimension_order[1] = 1;
	r->ngaps = 1;
	r->gaps = xcalloc(1, sizeof(*r->gaps));
	r->gaps[0] = (struct report_gap){.leaders = 5,
					 .estimated = {45, 35, 20},
					 .team = 7,
					 .actual = {29, 43, 28},
					 .min_group = 5};
	r->nchampions = 1;
	r->champions = xcalloc(1, sizeof(*r->champions));
	r->champions[0] = (struct report_champion){
	    xstrdup("Zoë & \"Bo\""), xstrdup("<script>alert(1)</script>"), 1};
	r->nspreads = 2;
	r->spreads = xcalloc(2, sizeof(*r->spreads));
	r->spreads[0] = (struct report_spread){0, 12, 41.1, {5, 1, 6}};
	r->spreads[1] = (struct report_spread){1, 12, 30, {4, 4, 4}};
}

static char *page_of(const struct report *r)
{
	struct store_round round = {0};
	snprintf(round.code, sizeof(round.code), "R1");
	round.name = "Q1 <b>baseline</b>";
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_true(
	    report_html_write(&round, r, NULL, "2026-01-15T09:30:00Z", f));
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void test_sections(void **state)
{
	(void)state;
	struct questionnaire *q = fixture_parse(questionnaire_text);
	struct report r;
	report_make(&r, q);
	char *page = page_of(&r);
	const char *ids[] = {"segments", "leaders", "tracks",	 "heatmap",
			     "phase",	 "next",    "champions", "discuss"};
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		char want[64];
		snprintf(want, sizeof(want), "<section id=\"%s\"", ids[i]);
		assert_non_null(strstr(page, want));
	}
	assert_null(strstr(page, "id=\"change\"")); /* no compare */
	/* no [action.ID] in the fixture: the section says so */
	assert_non_null(
	    strstr(page, "<p>The questionnaire has no action rules.</p>"));
	/* the numbers beside the charts */
	assert_non_null(strstr(page, "<td class=\"num\">25% (3)</td>"));
	assert_non_null(strstr(page, "<td class=\"num\">50% (6)</td>"));
	/* the heatmap: labels (not ids) in its header, scores on shades */
	assert_non_null(strstr(page, "<th scope=\"col\">Depth of use</th>"));
	assert_non_null(
	    strstr(page, "background:#f4a582;color:#000000\">47.5"));
	/* 61.25 rounds half away from zero, as everywhere (stats.h) */
	assert_non_null(
	    strstr(page, "background:#d1e5f0;color:#000000\">61.3"));
	/* the phase's conditions, met and not met */
	assert_non_null(strstr(page, "met: champions &ge; 20% (have 25%)"));
	assert_non_null(strstr(page, "not met: champions &ge; 40% (have 25%)"));
	/* the gap, the choice texts of the question to discuss */
	assert_non_null(strstr(page, "leaders estimate 45.0% champions"));
	assert_non_null(strstr(page, "Never &lt;ever&gt;</th>"));
	assert_non_null(strstr(page, "spread 41.1 over 12 answers"));
	assert_non_null(strstr(page, ">point 2 of 3</th>"));
	assert_non_null(strstr(page, ">By heart</th>"));
	free(page);
	report_free(&r);
	questionnaire_free(q);
}

static void test_escaping(void **state)
{
	(void)state;
	struct questionnaire *q = fixture_parse(questionnaire_text);
	struct report r;
	report_make(&r, q);
	char *page = page_of(&r);
	assert_null(strstr(page, "<script"));
	assert_null(strstr(page, "<b>"));
	assert_non_null(strstr(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(page, "Zoë &amp; &quot;Bo&quot;"));
	assert_non_null(strstr(page, "Guardrails &amp; &lt;rules&gt;"));
	assert_non_null(strstr(page, "How often do you use &quot;AI&quot;?"));
	/* ESC, BEL and the right-to-left override become U+FFFD */
	assert_null(strchr(page, '\x1b'));
	assert_null(strchr(page, '\x07'));
	assert_null(strstr(page, "\xe2\x80\xae"));
	assert_non_null(strstr(page, "Tiny\xef\xbf\xbd]52;c;x\xef\xbf\xbd"
				     "\xef\xbf\xbd"));
	free(page);

	/* invalid UTF-8 and overlong forms, byte by byte */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	report_html_text(f, "a\xff"
			    "b\xc0\xaf"
			    "c\xe6\x97\xa5\t\n'");
	fclose(f);
	assert_string_equal(buf, "a\xef\xbf\xbd"
				 "b\xef\xbf\xbd\xef\xbf\xbd"
				 "c\xe6\x97\xa5\t\n&#39;");
	free(buf);
	report_free(&r);
	questionnaire_free(q);
}

/* The hidden department's row: its label, "fewer than 5", its people in
 * progress, and not one share or score. */
static void test_hidden(void **state)
{
	(void)state;
	struct questionnaire *q = fixture_parse(questionnaire_text);
	struct report r;
	report_make(&r, q);
	/* numbers a careless writer would print, left in the struct */
	for (int i = 0; i < 2; i++) {
		struct report_group *g =
		    i == 0 ? &r.groups[1] : &r.departments[1];
		g->segments[SEGMENT_CHAMPION] = 3;
		g->dimensions[0] = 99.5;
		g->dimension_n[0] = 3;
	}
	char *page = page_of(&r);
	for (const char *row = strstr(page, ">Tiny"); row != NULL;
	     row = strstr(row + 1, ">Tiny")) {
		const char *end = strstr(row, "</tr>");
		assert_non_null(end);
		char *line = xstrndup(row, (size_t)(end - row));
		assert_non_null(strstr(line, "fewer than 5"));
		assert_null(strstr(line, "%"));
		assert_null(strstr(line, "99"));
		assert_null(strstr(line, "<svg"));
		free(line);
	}
	assert_null(strstr(page, "99.5"));
	free(page);
	report_free(&r);
	questionnaire_free(q);
}

/* Nothing that a browser would fetch: no URL, link, script, image,
 * import or font. */
static void test_self_contained(void **state)
{
	(void)state;
	struct questionnaire *q = fixture_parse(questionnaire_text);
	struct report r;
	report_make(&r, q);
	r.has_compare = true;
	group_set(&r.compare.before, "Q0", 10, 1, 5, 4, 30, 40);
	snprintf(r.compare.code, sizeof(r.compare.code), "R0");
	r.compare.both = 6;
	r.compare.moved[SEGMENT_WILLING][SEGMENT_CHAMPION] = 2;
	/* the whole round: champions up clearly, the rest within noise */
	r.compare.whole = (struct report_change){.n_before = 10,
						 .n_now = 12,
						 .shown_before = {10, 50, 40},
						 .shown_now = {25, 50, 25},
						 .change = {15, 0, -15},
						 .clear = {true, false, false}};
	r.compare.nchanges = 1;
	r.compare.changes = xcalloc(1, sizeof(*r.compare.changes));
	r.compare.changes[0] =
	    (struct report_change){.label = xstrdup("Sales"), .hidden = true};
	r.compare.min_group = 5;
	char *page = page_of(&r);
	assert_non_null(strstr(page, "<section id=\"change\""));
	assert_non_null(
	    strstr(page, "up 15.0 points: <strong>a clear change</strong>"));
	assert_non_null(strstr(page, "about the same: no clear change"));
	assert_non_null(strstr(page, "down 15.0 points: no clear change"));
	assert_non_null(strstr(page, "<h3>Change by department</h3>"));
	assert_non_null(strstr(page, "fewer than 5 in one of the rounds"));
	assert_non_null(strstr(page, ">round R0</th>"));
	assert_non_null(strstr(page, ">this round (R1)</th>"));
	assert_non_null(strstr(page, "<td class=\"num\">2</td>"));
	const char *banned[] = {
	    "http:", "https:",	"//",	   "src=", "href=",	 "url(",
	    "<link", "<script", "@import", "<img", "@font-face", "xlink"};
	for (size_t i = 0; i < sizeof(banned) / sizeof(banned[0]); i++) {
		/* "//" would also match a comment; the page has none */
		if (strstr(page, banned[i]) != NULL)
			fail_msg("the page holds %s", banned[i]);
	}
	free(page);
	report_free(&r);
	questionnaire_free(q);
}

static double luminance(const char *hex)
{
	unsigned rgb[3];
	assert_int_equal(sscanf(hex, "#%2x%2x%2x", &rgb[0], &rgb[1], &rgb[2]),
			 3);
	double lin[3];
	for (int i = 0; i < 3; i++) {
		double c = rgb[i] / 255.0;
		lin[i] =
		    c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

static double contrast(const char *a, const char *b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static void test_colours(void **state)
{
	(void)state;
	int n;
	const struct report_html_colour *c = report_html_colours(&n);
	assert_true(n >= 5 + REPORT_HTML_SHADES);
	for (int i = 0; i < n; i++) {
		if (contrast(c[i].fill, c[i].text) < 4.5)
			fail_msg("%s: text %s on %s is %.2f:1", c[i].role,
				 c[i].text, c[i].fill,
				 contrast(c[i].fill, c[i].text));
		/* a bar must stand out from the page (WCAG 1.4.11) */
		if (strncmp(c[i].role, "heat-", 5) != 0 &&
		    contrast(c[i].fill, "#ffffff") < 3)
			fail_msg("%s: %s on white is %.2f:1", c[i].role,
				 c[i].fill, contrast(c[i].fill, "#ffffff"));
	}
	/* the page's own text on its backgrounds */
	assert_true(contrast("#1a1a1a", "#ffffff") >= 4.5);
	assert_true(contrast("#4d4d4d", "#ffffff") >= 4.5);
	assert_true(contrast("#1a1a1a", "#f0f0f0") >= 4.5);
	assert_true(contrast("#0b6e4f", "#ffffff") >= 4.5);
	assert_true(contrast("#a4281c", "#ffffff") >= 4.5);
}

static void test_shades(void **state)
{
	(void)state;
	assert_true(REPORT_HTML_SHADES >= 5);
	assert_int_equal(report_html_shade(0), 0);
	assert_int_equal(report_html_shade(29.99), 0);
	assert_int_equal(report_html_shade(30), 1);
	assert_int_equal(report_html_shade(79.9), REPORT_HTML_SHADES - 2);
	assert_int_equal(report_html_shade(100), REPORT_HTML_SHADES - 1);
	for (int s = 1; s < REPORT_HTML_SHADES; s++)
		assert_true(report_html_shade_min(s) >
			    report_html_shade_min(s - 1));
}

static void test_write_error(void **state)
{
	(void)state;
	struct questionnaire *q = fixture_parse(questionnaire_text);
	struct report r;
	report_make(&r, q);
	FILE *f = fopen("/dev/full", "w");
	if (f == NULL)
		skip();
	struct store_round round = {0};
	round.name = "x";
	setvbuf(f, NULL, _IONBF, 0);
	assert_false(report_html_write(&round, &r, NULL, "now", f));
	fclose(f);
	report_free(&r);
	questionnaire_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sections),
	    cmocka_unit_test(test_escaping),
	    cmocka_unit_test(test_hidden),
	    cmocka_unit_test(test_self_contained),
	    cmocka_unit_test(test_colours),
	    cmocka_unit_test(test_shades),
	    cmocka_unit_test(test_write_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
