/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <curses.h>

#include "tui/actions.h"
#include "util.h"

struct action_keys {
	struct action_info info;
	int codes[12]; /* < 256: a character; otherwise a KEY_ code */
};

static const struct action_keys table[] = {
#define TUI_ACTION_ROW(id, shown, desc, ...)                                   \
	{{ACTION_##id, shown, desc}, {__VA_ARGS__, 0}},
    TUI_ACTIONS(TUI_ACTION_ROW)
#undef TUI_ACTION_ROW
};

enum action actions_lookup(int key, bool is_function)
{
	if (!is_function && key >= 128)
		return ACTION_NONE; /* a typed non-ASCII character */
	for (size_t i = 0; i < ARRAY_LEN(table); i++) {
		for (const int *c = table[i].codes; *c != 0; c++) {
			bool function_code = *c >= 256;
			if (function_code == is_function && *c == key)
				return table[i].info.action;
		}
	}
	return ACTION_NONE;
}

const struct action_info *actions_all(int *n)
{
	static struct action_info infos[ARRAY_LEN(table)];
	for (size_t i = 0; i < ARRAY_LEN(table); i++)
		infos[i] = table[i].info;
	*n = (int)ARRAY_LEN(table);
	return infos;
}

/* Man macros need a backslash before a leading dot or quote and before
 * every backslash and dash; the key names and descriptions have only
 * dashes to worry about. */
static void print_escaped(FILE *out, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '-' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
}

void actions_print_man(FILE *out)
{
	for (size_t i = 0; i < ARRAY_LEN(table); i++) {
		fputs(".TP\n.B ", out);
		print_escaped(out, table[i].info.keys);
		fputc('\n', out);
		print_escaped(out, table[i].info.description);
		fputc('\n', out);
	}
}
