/* SPDX-License-Identifier: MIT */
/* A crash must not leave the person at the keyboard in a terminal with
 * no echo, no cursor and the alternate screen still up. From just before
 * curses starts, a fatal signal puts the terminal back as it was (with
 * only async-signal-safe calls: the modes and the strings are taken
 * beforehand), says so, and lets the signal end the program as it would
 * have. */
#include "config.h"

#include <curses.h>
#include <signal.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "tui/terminal.h"

static struct termios fatal_termios;
static bool fatal_have_termios;
static char fatal_reset[256]; /* leave the alternate screen, show cursor */
static size_t fatal_reset_len;

static void fatal_add(const char *cap)
{
	const char *s = tigetstr(cap);
	if (s == NULL || s == (char *)-1)
		return;
	size_t n = strlen(s);
	if (fatal_reset_len + n < sizeof(fatal_reset)) {
		memcpy(fatal_reset + fatal_reset_len, s, n);
		fatal_reset_len += n;
	}
}

static void fatal_write(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

static void fatal_on_signal(int sig)
{
	if (fatal_have_termios)
		(void)tcsetattr(STDIN_FILENO, TCSANOW, &fatal_termios);
	fatal_write(STDOUT_FILENO, fatal_reset, fatal_reset_len);
	static const char msg[] =
	    "\r\naimap: stopped by a fatal error; the terminal is restored "
	    "and every answer given so far was saved.\r\n";
	fatal_write(STDERR_FILENO, msg, sizeof(msg) - 1);
	signal(sig, SIG_DFL);
	raise(sig);
}

void tui_fatal_strings(void)
{
	fatal_reset_len = 0;
	fatal_add("sgr0");
	fatal_add("rmkx");
	fatal_add("cnorm");
	fatal_add("rmcup");
}

void tui_fatal_guard(void)
{
	fatal_have_termios = tcgetattr(STDIN_FILENO, &fatal_termios) == 0;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fatal_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND;
	static const int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
	for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		(void)sigaction(fatal[i], &sa, NULL);
}
