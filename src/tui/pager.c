/* SPDX-License-Identifier: MIT */
/* Scrolling, the same for every view taller than the screen: the review's
 * rows, the result, the dashboard and the help. The draw function says
 * how many lines there are and how many fit; the keys move by a line or
 * a page, and the view never scrolls past its last line. */
#include "config.h"

#include "tui/tui.h"

static int pager_last_top(const struct pager *p)
{
	return p->lines > p->height ? p->lines - p->height : 0;
}

static void pager_clamp(struct pager *p)
{
	int last = pager_last_top(p);
	if (p->top > last)
		p->top = last;
	if (p->top < 0)
		p->top = 0;
}

bool pager_set_size(struct pager *p, int lines, int height)
{
	int before = p->top;
	p->lines = lines;
	p->height = height;
	pager_clamp(p);
	return p->top != before;
}

/* A page keeps one line of the page before in view, for context. */
static int pager_page(const struct pager *p)
{
	return p->height > 2 ? p->height - 1 : 1;
}

bool pager_scroll(struct pager *p, enum action action)
{
	switch (action) {
	case ACTION_UP:
		p->top--;
		break;
	case ACTION_DOWN:
		p->top++;
		break;
	case ACTION_PAGE_UP:
		p->top -= pager_page(p);
		break;
	case ACTION_PAGE_DOWN:
		p->top += pager_page(p);
		break;
	case ACTION_HOME:
		p->top = 0;
		break;
	case ACTION_END:
		p->top = pager_last_top(p);
		break;
	default:
		return false;
	}
	pager_clamp(p);
	return true;
}

void pager_show(struct pager *p, int line)
{
	if (line < p->top)
		p->top = line;
	if (line >= p->top + p->height)
		p->top = line - p->height + 1;
	pager_clamp(p);
}

bool pager_move(struct pager *p, int *sel, enum action action)
{
	/* a highlighted row moves by a whole page: it stays in view */
	int page = p->height > 1 ? p->height : 1;
	int to = *sel;
	switch (action) {
	case ACTION_UP:
		to--;
		break;
	case ACTION_DOWN:
		to++;
		break;
	case ACTION_PAGE_UP:
		to -= page;
		break;
	case ACTION_PAGE_DOWN:
		to += page;
		break;
	default:
		return false;
	}
	if (to > p->lines - 1)
		to = p->lines - 1;
	*sel = to > 0 ? to : 0;
	pager_show(p, *sel);
	return true;
}

bool pager_more_above(const struct pager *p)
{
	return p->top > 0;
}

bool pager_more_below(const struct pager *p)
{
	return p->top + p->height < p->lines;
}
