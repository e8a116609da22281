/* SPDX-License-Identifier: MIT */
/* Drawing helpers shared by the screens: colours by role, the frame,
 * wrapped text, bars and choice lists. Nothing here refreshes the screen. */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safetext.h"
#include "textwrap.h"
#include "tui/tui.h"

struct tone_style {
	short fg, bg;
	int color_extra; /* added to the colour pair */
	int mono;	 /* used alone without colours */
};

/* Every role also has a monochrome look, and nothing is said by colour
 * alone: the selected item has a marker, segments are named in words. */
static const struct tone_style styles[TONE_COUNT] = {
    [TONE_NORMAL] = {-1, -1, 0, 0},
    [TONE_TITLE] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
    [TONE_SELECTED] = {COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE},
    [TONE_ANSWERED] = {COLOR_GREEN, -1, A_BOLD, A_BOLD},
    [TONE_WARNING] = {COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE},
    [TONE_DIM] = {-1, -1, A_DIM, A_DIM},
    [TONE_CHAMPION] = {COLOR_GREEN, -1, A_BOLD, A_BOLD},
    [TONE_WILLING] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
    [TONE_CAUTIOUS] = {COLOR_MAGENTA, -1, A_BOLD, A_BOLD},
    [TONE_BAR] = {COLOR_CYAN, -1, 0, 0},
    /* red (weak) to blue (strong); without colours the shade's glyph
     * beside each number says the same */
    [TONE_HEAT_0] = {COLOR_WHITE, COLOR_RED, A_BOLD, 0},
    [TONE_HEAT_1] = {COLOR_BLACK, COLOR_YELLOW, 0, 0},
    [TONE_HEAT_2] = {COLOR_BLACK, COLOR_WHITE, 0, 0},
    [TONE_HEAT_3] = {COLOR_BLACK, COLOR_CYAN, 0, 0},
    [TONE_HEAT_4] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, 0},
};

void draw_init_colors(struct app *app)
{
	if (!app->color || !has_colors() || start_color() == ERR) {
		app->color = false;
		return;
	}
	use_default_colors();
	for (int t = 1; t < TONE_COUNT; t++)
		init_pair((short)t, styles[t].fg, styles[t].bg);
}

int draw_attr(const struct app *app, enum tone tone)
{
	if (tone == TONE_NORMAL)
		return (int)A_NORMAL;
	if (!app->color)
		return styles[tone].mono;
	return (int)COLOR_PAIR(tone) | styles[tone].color_extra;
}

void tui_status(struct app *app, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->status, sizeof(app->status), fmt, ap);
	va_end(ap);
	app->status_is_error = error;
}

/* Text from a file or a database is drawn as safetext shows it: raw, a
 * control character would be drawn as ^X in columns nothing counted, or
 * act on the terminal. */
void draw_line(int y, int x, int width, const char *raw, int attr)
{
	if (width <= 0 || y < 0 || y >= LINES)
		return;
	char *text = safetext_dup(raw, SAFETEXT_LINE);
	bool cut;
	size_t n = textwrap_fit(text, width, &cut);
	attron(attr);
	mvaddnstr(y, x, text, (int)n);
	if (cut)
		addstr(textwrap_ellipsis());
	attroff(attr);
	free(text);
}

void draw_frame(struct app *app, const char *title, const char *right,
		const char *hints)
{
	int title_attr = draw_attr(app, TONE_TITLE);
	attron(title_attr);
	mvhline(0, 0, ' ', COLS);
	attroff(title_attr);
	int right_width = right ? textwrap_width(right) : 0;
	draw_line(0, 1, COLS - right_width - 3, title, title_attr);
	if (right != NULL)
		draw_line(0, COLS - right_width - 1, right_width, right,
			  title_attr);

	/* "wide|narrow": the narrow hints are used when the wide ones do
	 * not fit */
	char chosen[200] = "";
	if (hints != NULL) {
		const char *bar = strchr(hints, '|');
		size_t wide = bar ? (size_t)(bar - hints) : strlen(hints);
		snprintf(chosen, sizeof(chosen), "%.*s", (int)wide, hints);
		if (bar != NULL && textwrap_width(chosen) > COLS - 2)
			snprintf(chosen, sizeof(chosen), "%s", bar + 1);
	}
	const char *bottom = app->status[0] != '\0' ? app->status : chosen;
	int attr = app->status[0] == '\0' ? draw_attr(app, TONE_DIM)
		   : app->status_is_error ? draw_attr(app, TONE_WARNING)
					  : (int)A_BOLD;
	move(LINES - 1, 0);
	clrtoeol();
	if (bottom != NULL)
		draw_line(LINES - 1, 1, COLS - 2, bottom, attr);
}

int draw_wrapped(int y, int x, int width, int max_lines, const char *text,
		 int attr)
{
	return draw_wrapped_from(y, x, width, 0, max_lines, text, attr);
}

int draw_wrapped_from(int y, int x, int width, int skip, int max_lines,
		      const char *raw, int attr)
{
	if (raw == NULL || width <= 0 || max_lines <= 0)
		return 0;
	char *text = safetext_dup(raw, SAFETEXT_LINES);
	struct wrap_line *all;
	int total = textwrap_wrap(text, width, &all);
	if (skip > total)
		skip = total;
	const struct wrap_line *lines = all + skip;
	int n = total - skip;
	int shown = n < max_lines ? n : max_lines;
	attron(attr);
	for (int i = 0; i < shown; i++) {
		if (i == shown - 1 && shown < n) {
			/* the last line that fits says there is more */
			char *last =
			    xstrndup(text + lines[i].start, lines[i].len);
			bool cut;
			int room = width - textwrap_width(textwrap_ellipsis());
			size_t fit = textwrap_fit(last, room, &cut);
			mvaddnstr(y + i, x, last, (int)fit);
			addstr(textwrap_ellipsis());
			free(last);
			break;
		}
		mvaddnstr(y + i, x, text + lines[i].start, (int)lines[i].len);
	}
	attroff(attr);
	free(all);
	free(text);
	return shown;
}

int draw_wrapped_height(const char *raw, int width)
{
	if (raw == NULL || width <= 0)
		return 0;
	char *text = safetext_dup(raw, SAFETEXT_LINES);
	struct wrap_line *lines;
	int n = textwrap_wrap(text, width, &lines);
	free(lines);
	free(text);
	return n;
}

void draw_bar(const struct app *app, int y, int x, int width, double fraction,
	      int attr)
{
	if (fraction < 0)
		fraction = 0;
	if (fraction > 1)
		fraction = 1;
	int full = (int)(fraction * width + 0.5);
	const char *filled = app->utf8 ? "█" : "#";
	const char *empty = app->utf8 ? "░" : ".";
	move(y, x);
	attron(attr);
	for (int i = 0; i < full; i++)
		addstr(filled);
	attroff(attr);
	attron(draw_attr(app, TONE_DIM));
	for (int i = full; i < width; i++)
		addstr(empty);
	attroff(draw_attr(app, TONE_DIM));
}

const char *draw_marker(const struct app *app)
{
	return app->utf8 ? "▸" : ">";
}

/* Rows each item takes when wrapped, after its "n. " prefix. */
static int item_rows(const char *item, int width)
{
	int rows = draw_wrapped_height(item, width);
	return rows > 0 ? rows : 1;
}

int draw_choices_height(const char *const *items, int count, int width)
{
	int rows = 0;
	for (int i = 0; i < count; i++)
		rows += item_rows(items[i], width - 5);
	return rows;
}

int draw_choices(const struct app *app, int y, int x, int width, int rows,
		 const char *const *items, int count, int selected,
		 int answered)
{
	const int prefix = 5; /* "▸ 1  " */
	int text_width = width - prefix;
	/* Scroll so the selected item is on screen: start from it and add
	 * earlier items while they fit. */
	int first = selected, used = item_rows(items[selected], text_width);
	while (first > 0 &&
	       used + item_rows(items[first - 1], text_width) <= rows) {
		first--;
		used += item_rows(items[first], text_width);
	}
	int row = y, last = first - 1;
	for (int i = first; i < count && row < y + rows; i++) {
		bool is_selected = i == selected;
		int attr = is_selected	   ? draw_attr(app, TONE_SELECTED)
			   : i == answered ? draw_attr(app, TONE_ANSWERED)
					   : (int)A_NORMAL;
		char prefix_text[32];
		snprintf(prefix_text, sizeof(prefix_text), "%s %d%s",
			 is_selected ? draw_marker(app) : " ", i + 1,
			 i == answered ? "*" : " ");
		int h = item_rows(items[i], text_width);
		if (row + h > y + rows)
			h = y + rows - row;
		attron(attr);
		for (int r = 0; r < h; r++)
			mvhline(row + r, x, ' ', width);
		mvaddstr(row, x, prefix_text);
		attroff(attr);
		draw_wrapped(row, x + prefix, text_width, h, items[i], attr);
		row += h;
		last = i;
	}
	/* Say so when some choices are off screen: Up and Down reach them. */
	if (first > 0 || last < count - 1) {
		const char *more = app->utf8 ? " more ↑↓ " : " more ^v ";
		int w = textwrap_width(more);
		draw_line(y + rows - 1, x + width - w, w, more,
			  draw_attr(app, TONE_TITLE));
	}
	return row - y;
}
