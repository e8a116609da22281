/* SPDX-License-Identifier: MIT */
/* The one pager of the screens: scrolling by line and page never leaves
 * the text, a page keeps one line of context, a highlighted row stays in
 * view, and "more above/below" tell the truth at both ends. */
#include "config.h"

#include "testutil.h"

#include "tui/tui.h"

static void scrolls_within_the_text(void **state)
{
	(void)state;
	struct pager p = {0};
	pager_set_size(&p, 30, 10);
	assert_false(pager_more_above(&p));
	assert_true(pager_more_below(&p));
	assert_true(pager_scroll(&p, ACTION_UP));
	assert_int_equal(p.top, 0);
	assert_true(pager_scroll(&p, ACTION_DOWN));
	assert_int_equal(p.top, 1);
	/* a page is the height less one line kept for context */
	assert_true(pager_scroll(&p, ACTION_PAGE_DOWN));
	assert_int_equal(p.top, 10);
	assert_true(pager_scroll(&p, ACTION_PAGE_DOWN));
	assert_int_equal(p.top, 19);
	assert_true(pager_scroll(&p, ACTION_PAGE_DOWN));
	assert_int_equal(p.top, 20); /* the last line is at the bottom */
	assert_true(pager_more_above(&p));
	assert_false(pager_more_below(&p));
	assert_true(pager_scroll(&p, ACTION_PAGE_UP));
	assert_int_equal(p.top, 11);
	/* keys that are not for scrolling are left to the screen */
	assert_false(pager_scroll(&p, ACTION_CONFIRM));
	assert_int_equal(p.top, 11);
}

static void short_text_never_scrolls(void **state)
{
	(void)state;
	struct pager p = {0};
	pager_set_size(&p, 5, 10);
	pager_scroll(&p, ACTION_DOWN);
	pager_scroll(&p, ACTION_PAGE_DOWN);
	assert_int_equal(p.top, 0);
	assert_false(pager_more_above(&p));
	assert_false(pager_more_below(&p));
}

static void resize_keeps_the_last_page_full(void **state)
{
	(void)state;
	struct pager p = {0};
	pager_set_size(&p, 30, 10);
	p.top = 20;
	/* the terminal grows: no blank rows below the text */
	assert_true(pager_set_size(&p, 30, 15));
	assert_int_equal(p.top, 15);
	assert_false(pager_set_size(&p, 30, 15));
}

static void highlighted_row_stays_in_view(void **state)
{
	(void)state;
	struct pager p = {0};
	int sel = 0;
	pager_set_size(&p, 25, 5);
	for (int i = 0; i < 7; i++)
		assert_true(pager_move(&p, &sel, ACTION_DOWN));
	assert_int_equal(sel, 7);
	assert_true(sel >= p.top && sel < p.top + p.height);
	pager_move(&p, &sel, ACTION_PAGE_DOWN);
	assert_int_equal(sel, 12);
	assert_true(sel >= p.top && sel < p.top + p.height);
	for (int i = 0; i < 5; i++)
		pager_move(&p, &sel, ACTION_PAGE_DOWN);
	assert_int_equal(sel, 24); /* stops at the last row */
	assert_int_equal(p.top, 20);
	for (int i = 0; i < 9; i++)
		pager_move(&p, &sel, ACTION_PAGE_UP);
	assert_int_equal(sel, 0);
	assert_int_equal(p.top, 0);
	assert_false(pager_move(&p, &sel, ACTION_CHOOSE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(scrolls_within_the_text),
	    cmocka_unit_test(short_text_never_scrolls),
	    cmocka_unit_test(resize_keeps_the_last_page_full),
	    cmocka_unit_test(highlighted_row_stays_in_view),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
