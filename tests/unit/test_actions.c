/* SPDX-License-Identifier: MIT */
/* The action table is the one source of the keys: its KEYS section in
 * aimap(1) must match it, and every key must map to its action. */
#include "config.h"

#include "testutil.h"

#include <curses.h>

#include "tui/actions.h"

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	static char buf[1 << 17];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void man_page_matches_table(void **state)
{
	(void)state;
	const char *top = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof(path), "%s/man/aimap.1", top ? top : ".");
	char *page = read_all(path);
	char *keys = strstr(page, "\n.SH KEYS\n");
	assert_non_null(keys);
	char *end = strstr(keys + 1, "\n.SH ");
	assert_non_null(end);
	*end = '\0';

	char *expected = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&expected, &size);
	actions_print_man(out);
	fclose(out);
	if (strstr(keys, expected) == NULL)
		fail_msg("the KEYS section of aimap(1) does not match the "
			 "action table; it should contain:\n%s",
			 expected);
	free(expected);
}

static void keys_map_to_actions(void **state)
{
	(void)state;
	assert_int_equal(actions_lookup('k', false), ACTION_UP);
	assert_int_equal(actions_lookup(KEY_UP, true), ACTION_UP);
	assert_int_equal(actions_lookup('j', false), ACTION_DOWN);
	assert_int_equal(actions_lookup('5', false), ACTION_CHOOSE);
	assert_int_equal(actions_lookup('\n', false), ACTION_CONFIRM);
	assert_int_equal(actions_lookup(KEY_BACKSPACE, true), ACTION_BACK);
	assert_int_equal(actions_lookup('b', false), ACTION_BACK);
	assert_int_equal(actions_lookup('?', false), ACTION_HELP);
	assert_int_equal(actions_lookup('q', false), ACTION_QUIT);
	assert_int_equal(actions_lookup(KEY_CTRL('x'), false),
			 ACTION_KIOSK_EXIT);
	assert_int_equal(actions_lookup('z', false), ACTION_NONE);
	/* a typed non-ASCII character is never a function key's code */
	assert_int_equal(actions_lookup(KEY_DOWN, false), ACTION_NONE);
}

static void every_action_is_described(void **state)
{
	(void)state;
	int n;
	const struct action_info *all = actions_all(&n);
	assert_int_equal(n, ACTION_COUNT - 1);
	for (int i = 0; i < n; i++) {
		assert_int_equal(all[i].action, i + 1);
		assert_true(strlen(all[i].keys) > 0);
		assert_true(strlen(all[i].description) > 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(man_page_matches_table),
	    cmocka_unit_test(keys_map_to_actions),
	    cmocka_unit_test(every_action_is_described),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
