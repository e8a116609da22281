/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "inifile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(HAVE_INIPARSER_INIPARSER_H)
#include <iniparser/iniparser.h>
#else
#include <iniparser.h>
#endif

#include "util.h"

/* iniparser is the parser of record: every value aimap uses is the one
 * iniparser_getstring returns. It gives no line numbers, though, and reads
 * some lines silently in a way the author did not mean, so a line scan goes
 * first. The scan finds where each section and key starts, and reports each
 * line iniparser 4.1 would refuse or misread; it never reads a value. When
 * the scan reports an error iniparser is not run at all, since its reading
 * would be thrown away.
 *
 * What iniparser 4.1 (Debian 4.1-6) does, measured with a small program
 * against libiniparser.so.1 and kept as the quirk tests of
 * tests/unit/test_inifile.c:
 *  - it lowercases section and key names (ASCII only) and merges sections
 *    and keys that are equal after that; the last value of a key wins;
 *  - an unquoted value ends at the first ';' or '#';
 *  - a quoted value ends at the next quote of its kind (no escapes) and the
 *    rest of the line is dropped; an unclosed quote is dropped;
 *  - a line, with the lines joined to it by trailing backslashes, holds at
 *    most 1022 bytes; a longer one, or a NUL byte, makes it refuse the file;
 *  - a comment or a last line that ends with a backslash swallows the next
 *    line, or itself, without a word;
 *  - "[s]x]" is section s, "[]" an empty section name, a key before any
 *    section lands in section "", and ':' joins section and key names;
 *  - a byte order mark and any line that is not a comment, a header or
 *    key = value make it refuse the whole file with a syntax error;
 *  - iniparser_getstring cannot find a key when "section:key" is over 1024
 *    bytes, and returns NULL (not the default) for a section's own name. */

struct scan {
	struct diag *d;
	struct ini_file *f;
	int section; /* current section index, -1 before the first */
	int keys;    /* in all sections */
	bool full;   /* a limit was passed: the scan stops */
};

/* One logical line: physical lines joined by trailing backslashes, held
 * the way iniparser's line buffer holds them. */
struct logical {
	char *buf;
	size_t len, cap;
	int first, last; /* physical line numbers */
	size_t longest;	 /* the most iniparser's buffer had to hold */
};

/* iniparser uses isspace() and tolower() in the C locale: ASCII only. */
static bool ini_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r';
}

static char *ini_lower(const char *s, size_t n)
{
	char *out = xstrndup(s, n);
	for (char *p = out; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return out;
}

static void ini_strip(const char **p, size_t *n)
{
	while (*n > 0 && ini_space(**p)) {
		(*p)++;
		(*n)--;
	}
	while (*n > 0 && ini_space((*p)[*n - 1]))
		(*n)--;
}

/* A short, printable piece of a line for messages: control bytes become
 * '?', and a cut never splits a UTF-8 character. */
static char *ini_excerpt(const char *s, size_t n)
{
	const size_t max = 40;
	bool cut = n > max;
	if (cut) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	char *out = xmalloc(n + 4);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		out[i] = (c < 0x20 || c == 0x7F) ? '?' : (char)c;
	}
	strcpy(out + n, cut ? "..." : "");
	return out;
}

/* Past a limit the file is refused at once, and the scan stops. */
static bool scan_full(struct scan *s, const struct logical *lg, bool over,
		      const char *what, int limit)
{
	if (!over)
		return false;
	diag_error(s->d, lg->first,
		   "more than %d %s: more than any questionnaire needs "
		   "(see aimap-questionnaire(5)); the rest of the file is "
		   "not read",
		   limit, what);
	s->full = true;
	return true;
}

static void scan_add_section(struct scan *s, const struct logical *lg,
			     const char *name, size_t n)
{
	if (scan_full(s, lg, s->f->nsections >= INIFILE_MAX_SECTIONS,
		      "sections", INIFILE_MAX_SECTIONS))
		return;
	char *lower = ini_lower(name, n);
	char *original = xstrndup(name, n);
	for (int i = 0; i < s->f->nsections; i++) {
		const struct ini_section *o = &s->f->sections[i];
		if (strcmp(o->name, lower) != 0)
			continue;
		if (strcmp(o->original, original) == 0)
			diag_error(
			    s->d, lg->first,
			    "section [%s] appears twice (first at line "
			    "%d); iniparser merges them: use one section",
			    original, o->line);
		else
			diag_error(
			    s->d, lg->first,
			    "sections [%s] and [%s] (line %d) differ only "
			    "in case; iniparser lowercases names and "
			    "merges them: use one spelling",
			    original, o->original, o->line);
		break;
	}
	s->f->sections =
	    xreallocarray(s->f->sections, (size_t)s->f->nsections + 1,
			  sizeof(*s->f->sections));
	s->f->sections[s->f->nsections] = (struct ini_section){
	    .name = lower, .original = original, .line = lg->first};
	s->section = s->f->nsections++;
}

/* A line starting with '[' and ending with ']': iniparser takes the name
 * up to the first ']', stripped. */
static void scan_section(struct scan *s, const struct logical *lg,
			 const char *p, size_t n)
{
	const char *close = memchr(p + 1, ']', n - 1);
	const char *name = p + 1;
	size_t len = (size_t)(close - name);
	ini_strip(&name, &len);
	if (close != p + n - 1)
		diag_error(s->d, lg->first,
			   "section header has text after the first ']'; "
			   "iniparser reads the name only up to it");
	if (len == 0)
		diag_error(s->d, lg->first, "section header [] has no name");
	else if (memchr(name, ':', len) != NULL)
		diag_error(s->d, lg->first,
			   "section name [%.*s] contains ':', which iniparser "
			   "uses to join section and key names",
			   (int)len, name);
	scan_add_section(s, lg, name, len);
}

/* What iniparser cannot read as a section, a comment or key = value. */
static void scan_syntax_error(struct scan *s, const struct logical *lg,
			      const char *p, size_t n)
{
	char *ex = ini_excerpt(p, n);
	if (p[0] == '[' && memchr(p, ']', n) != NULL)
		diag_error(s->d, lg->first,
			   "section header '%s' has text after ']'; a "
			   "header stands alone on its line (put comments on "
			   "their own line)",
			   ex);
	else if (p[0] == '[')
		diag_error(s->d, lg->first,
			   "section header '%s' has no closing ']'", ex);
	else if (p[0] == '=')
		diag_error(s->d, lg->first, "'%s' has no key name before '='",
			   ex);
	else
		diag_error(s->d, lg->first,
			   "syntax error: '%s' is not a [section], a ; comment "
			   "or key = value",
			   ex);
	free(ex);
}

/* A value opened with a quote: iniparser keeps what lies between it and
 * the next quote of the same kind (there are no escapes) and drops the
 * rest of the line, or an unclosed quote, without a word. */
static void scan_quoted(struct scan *s, const struct logical *lg,
			const char *key, const char *r, size_t rn)
{
	char q = r[0];
	const char *close = rn > 1 ? memchr(r + 1, q, rn - 1) : NULL;
	if (close == NULL) {
		if (q == '"')
			diag_error(
			    s->d, lg->first,
			    "the value of '%s' opens a '\"' that is never "
			    "closed, and iniparser drops it: close the "
			    "quote, or use typographic quotes \u201c \u201d "
			    "in the text",
			    key);
		else
			diag_error(
			    s->d, lg->first,
			    "the value of '%s' starts with \"'\", which "
			    "iniparser reads as a quote that is never "
			    "closed, and drops: use a typographic "
			    "apostrophe \u2019, or put the whole value in "
			    "double quotes",
			    key);
		return;
	}
	const char *after = close + 1;
	size_t an = (size_t)(r + rn - after);
	ini_strip(&after, &an);
	if (an > 0 && after[0] != ';' && after[0] != '#') {
		char *ex = ini_excerpt(after, an);
		if (q == '"')
			diag_error(
			    s->d, lg->first,
			    "the value of '%s' ends at its second '\"' and "
			    "iniparser drops the rest ('%s'): a quoted "
			    "value cannot contain its own quote (there are "
			    "no escapes); use typographic quotes \u201c "
			    "\u201d inside, or quote the value with ' "
			    "instead",
			    key, ex);
		else
			diag_error(
			    s->d, lg->first,
			    "the value of '%s' ends at its second \"'\" "
			    "and iniparser drops the rest ('%s'): a quoted "
			    "value cannot contain its own quote (there are "
			    "no escapes); use a typographic apostrophe "
			    "\u2019 inside, or quote the value with \" "
			    "instead",
			    key, ex);
		free(ex);
	}
}

/* What iniparser would cut from the value; r is the text after '=',
 * stripped. The value itself is iniparser's to read (ini_fill_values). */
static void scan_value(struct scan *s, const struct logical *lg,
		       const char *key, const char *r, size_t rn)
{
	if (rn > 0 && (r[0] == '"' || r[0] == '\'')) {
		scan_quoted(s, lg, key, r, rn);
		return;
	}
	size_t n = 0;
	while (n < rn && r[n] != ';' && r[n] != '#')
		n++;
	if (n < rn)
		diag_warning(s->d, lg->first,
			     "the value of '%s' stops at '%c': the rest of the "
			     "line is read as a comment; put the value in "
			     "double quotes to keep it",
			     key, r[n]);
}

static void scan_add_key(struct scan *s, const struct logical *lg,
			 const char *k, size_t kn, const char *written)
{
	struct ini_section *sec = &s->f->sections[s->section];
	if (scan_full(s, lg, sec->nkeys >= INIFILE_MAX_SECTION_KEYS,
		      "keys in one section", INIFILE_MAX_SECTION_KEYS) ||
	    scan_full(s, lg, s->keys >= INIFILE_MAX_KEYS, "keys",
		      INIFILE_MAX_KEYS))
		return;
	s->keys++;
	char *name = ini_lower(k, kn);
	for (int i = 0; i < sec->nkeys; i++) {
		if (strcmp(sec->keys[i].name, name) != 0)
			continue;
		diag_error(s->d, lg->first,
			   "'%s' is set again in [%s] (first at line %d; key "
			   "names ignore case); iniparser keeps only the last",
			   written, sec->original, sec->keys[i].line);
		break;
	}
	sec->keys = xreallocarray(sec->keys, (size_t)sec->nkeys + 1,
				  sizeof(*sec->keys));
	sec->keys[sec->nkeys++] =
	    (struct ini_key){.name = name, .value = NULL, .line = lg->first};
}

/* key = value: iniparser's key is everything before the first '='. */
static void scan_key(struct scan *s, const struct logical *lg, const char *p,
		     size_t n)
{
	const char *eq = memchr(p, '=', n);
	if (eq == NULL || eq == p) {
		scan_syntax_error(s, lg, p, n);
		return;
	}
	const char *k = p;
	size_t kn = (size_t)(eq - p);
	ini_strip(&k, &kn);
	const char *r = eq + 1;
	size_t rn = (size_t)(p + n - r);
	ini_strip(&r, &rn);
	char *key = ini_excerpt(k, kn); /* for messages */
	if (key[0] == '[')
		diag_error(s->d, lg->first,
			   "'%s' is read as a key named '%s': a section header "
			   "[name] stands alone on its line",
			   key, key);
	scan_value(s, lg, key, r, rn);
	if (s->section < 0)
		diag_error(s->d, lg->first,
			   "'%s' comes before any [section]; every key belongs "
			   "to a section",
			   key);
	else
		scan_add_key(s, lg, k, kn, key);
	free(key);
}

static void scan_logical(struct scan *s, const struct logical *lg)
{
	const char *p = lg->buf;
	size_t n = lg->len;
	ini_strip(&p, &n);
	if (n == 0)
		return;
	if (p[0] == ';' || p[0] == '#') {
		if (lg->last > lg->first)
			diag_warning(
			    s->d, lg->first,
			    "this comment ends with a backslash, so "
			    "iniparser joins line %d to it and ignores "
			    "it too",
			    lg->first + 1);
		return;
	}
	if (p[0] == '[' && p[n - 1] == ']')
		scan_section(s, lg, p, n);
	else
		scan_key(s, lg, p, n);
}

static void scan_finish(struct scan *s, const struct logical *lg)
{
	if (lg->longest > INIFILE_MAX_LINE) {
		if (lg->last == lg->first)
			diag_error(
			    s->d, lg->first,
			    "line is %zu bytes; iniparser reads at most "
			    "%d bytes per line (lines joined with a trailing "
			    "backslash count together): shorten the text or "
			    "move detail into help",
			    lg->longest, INIFILE_MAX_LINE);
		else
			diag_error(s->d, lg->first,
				   "lines %d-%d are %zu bytes together; "
				   "iniparser reads at most %d bytes per line, "
				   "and lines joined with a trailing backslash "
				   "count together: shorten the text or move "
				   "detail into help",
				   lg->first, lg->last, lg->longest,
				   INIFILE_MAX_LINE);
	}
	scan_logical(s, lg);
}

/* Bytes iniparser cannot take: NULs end its lines early and make it
 * abort; invalid UTF-8 would reach the screen and the database. */
static void scan_bytes(struct scan *s, const char *p, size_t n, int lineno)
{
	size_t bad;
	if (memchr(p, '\0', n) != NULL) {
		diag_error(s->d, lineno,
			   "line contains a NUL byte; the file must be UTF-8 "
			   "text");
	} else if (!util_utf8_valid(p, n, &bad)) {
		diag_error(s->d, lineno,
			   "line is not valid UTF-8 (byte %zu); the file must "
			   "be UTF-8: save it in that encoding",
			   bad + 1);
	}
}

static void logical_append(struct logical *lg, const char *p, size_t n)
{
	if (lg->len + n + 1 > lg->cap) {
		lg->cap = (lg->len + n + 1) * 2;
		lg->buf = xreallocarray(lg->buf, lg->cap, 1);
	}
	memcpy(lg->buf + lg->len, p, n);
	lg->len += n;
}

/* Physical lines into logical ones, exactly as iniparser_load() fills its
 * buffer: trailing white space goes, then a final backslash is replaced
 * by the next line (its leading white space kept). */
static void scan_lines(struct scan *s, const char *text, size_t len)
{
	static const char bom[] = "\xEF\xBB\xBF";
	struct logical lg = {0};
	bool joining = false;
	int lineno = 0;
	size_t pos = 0;
	while (pos < len && !s->full) {
		const char *start = text + pos;
		const char *nl = memchr(start, '\n', len - pos);
		size_t raw = nl ? (size_t)(nl - start) : len - pos;
		pos += raw + (nl ? 1 : 0);
		lineno++;
		if (!joining) {
			lg.first = lineno;
			lg.len = 0;
			lg.longest = 0;
		}
		lg.last = lineno;
		scan_bytes(s, start, raw, lineno);
		if (lineno == 1 && raw >= 3 && memcmp(start, bom, 3) == 0) {
			diag_error(s->d, lg.first,
				   "the file starts with a byte order mark, "
				   "which iniparser cannot read: save it as "
				   "UTF-8 without BOM");
			start += 3;
			raw -= 3;
		}
		if (lg.len + raw > lg.longest)
			lg.longest = lg.len + raw;
		logical_append(&lg, start, raw);
		while (lg.len > 0 && ini_space(lg.buf[lg.len - 1]))
			lg.len--;
		joining = lg.len > 0 && lg.buf[lg.len - 1] == '\\';
		if (joining)
			lg.len--;
		else
			scan_finish(s, &lg);
	}
	if (joining && !s->full)
		diag_error(
		    s->d, lg.first,
		    "the last line ends with a backslash, which joins it "
		    "to a next line that does not exist; iniparser drops "
		    "it: remove the backslash");
	free(lg.buf);
}

/* iniparser reports through one global callback, to stderr unless told
 * otherwise. The scan has already said what is wrong with every line
 * iniparser refuses, so its messages are only counted: one that comes all
 * the same means the two disagree, and the file is refused. */
static int ini_refusals;

/* iniparser_getstring lowercases the name it is asked for into a buffer of
 * this many bytes and a NUL, so it never finds a longer one. */
#define INIFILE_MAX_LOOKUP 1024

static int ini_count_refusal(const char *fmt, ...)
{
	(void)fmt;
	ini_refusals++;
	return 0;
}

struct ini_temp {
	int fd;
	char *path;
	bool unlink; /* a real file, not a memfd */
};

static bool ini_write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* iniparser 4.1 only reads from a path, so the text goes to an anonymous
 * memory file (or, failing that, a temporary file removed after use). */
static bool ini_temp_open(const char *text, size_t len, struct ini_temp *t)
{
#ifdef HAVE_MEMFD_CREATE
	t->fd = memfd_create("aimap-ini", MFD_CLOEXEC);
	if (t->fd >= 0) {
		t->path = xasprintf("/proc/self/fd/%d", t->fd);
		t->unlink = false;
		if (ini_write_all(t->fd, text, len) &&
		    access(t->path, R_OK) == 0)
			return true;
		close(t->fd);
		free(t->path);
	}
#endif
	const char *dir = getenv("TMPDIR");
	t->path = xasprintf("%s/aimap-ini-XXXXXX",
			    dir != NULL && *dir != '\0' ? dir : "/tmp");
	t->fd = mkstemp(t->path);
	t->unlink = true;
	if (t->fd >= 0 && ini_write_all(t->fd, text, len))
		return true;
	if (t->fd >= 0) {
		close(t->fd);
		unlink(t->path);
	}
	free(t->path);
	return false;
}

static void ini_temp_close(struct ini_temp *t)
{
	if (t->unlink)
		unlink(t->path);
	close(t->fd);
	free(t->path);
}

static dictionary *ini_load(const char *text, size_t len, struct diag *d)
{
	struct ini_temp t;
	if (!ini_temp_open(text, len, &t)) {
		diag_error(d, 0,
			   "cannot make a temporary file for iniparser: %s",
			   strerror(errno));
		return NULL;
	}
	iniparser_set_error_callback(ini_count_refusal);
	ini_refusals = 0;
	dictionary *dict = iniparser_load(t.path);
	ini_temp_close(&t);
	if (dict == NULL || ini_refusals > 0) {
		diag_error(d, 0, "iniparser could not read the file");
		if (dict != NULL)
			iniparser_freedict(dict);
		return NULL;
	}
	return dict;
}

/* The value iniparser_getstring gives for the key, or an error. */
static void ini_get_value(struct ini_section *sec, struct ini_key *k,
			  dictionary *dict, struct diag *d)
{
	static const char missing[] = "";
	char *full = xasprintf("%s:%s", sec->name, k->name);
	/* getstring only: the typed getters crash on a key that names a
	 * section (CVE-2023-33461) */
	const char *v = iniparser_getstring(dict, full, missing);
	free(full);
	if (v == NULL || v == missing) {
		diag_error(d, k->line,
			   "iniparser did not read '%s' in [%s]: shorten the "
			   "section or key name",
			   k->name, sec->original);
		return;
	}
	k->value = xstrdup(v);
}

/* Whether entry is "section:key", as iniparser_load names a key. */
static bool ini_entry_is(const char *entry, const char *section, size_t slen,
			 const char *key)
{
	return strncmp(entry, section, slen) == 0 && entry[slen] == ':' &&
	       strcmp(entry + slen + 1, key) == 0;
}

/* Each key the scan found gets the value iniparser read for it: the one
 * iniparser_getstring gives. Asking getstring for every key costs a search
 * of the whole dictionary each (a third of a questionnaire's parse), but
 * iniparser_load adds entries in the order of the file, and the scan has
 * refused every file with a section or key twice, so the dictionary holds
 * the scan's sections and keys in the scan's order: each is read where the
 * walk stands. A key the walk does not find there, or whose full name
 * getstring would cut (over 1024 bytes), is asked of getstring. */
static void ini_fill_values(struct ini_file *f, dictionary *dict,
			    struct diag *d)
{
	ssize_t at = 0;
	for (int i = 0; i < f->nsections; i++) {
		struct ini_section *sec = &f->sections[i];
		size_t slen = strlen(sec->name);
		while (at < dict->size && dict->key[at] == NULL)
			at++;
		if (at < dict->size && strcmp(dict->key[at], sec->name) == 0)
			at++;
		for (int j = 0; j < sec->nkeys; j++) {
			struct ini_key *k = &sec->keys[j];
			while (at < dict->size && dict->key[at] == NULL)
				at++;
			if (at < dict->size && dict->val[at] != NULL &&
			    slen + 1 + strlen(k->name) <= INIFILE_MAX_LOOKUP &&
			    ini_entry_is(dict->key[at], sec->name, slen,
					 k->name))
				k->value = xstrdup(dict->val[at++]);
			else
				ini_get_value(sec, k, dict, d);
		}
	}
}

bool inifile_parse(const char *text, size_t len, struct ini_file *out,
		   struct diag *d)
{
	memset(out, 0, sizeof(*out));
	int errors = d->errors;
	if (len == 0)
		return true;
	struct scan s = {.d = d, .f = out, .section = -1};
	if (memchr(text, '\n', len) == NULL && memchr(text, '\r', len) != NULL)
		diag_error(d, 1,
			   "the lines end in a carriage return alone (an old "
			   "Mac text file); iniparser needs LF or CR LF line "
			   "ends: convert the file (tr '\\r' '\\n')");
	else
		scan_lines(&s, text, len);
	/* After an error of the scan, iniparser would refuse the file or
	 * read it wrongly: its reading would be thrown away. */
	dictionary *dict = d->errors == errors ? ini_load(text, len, d) : NULL;
	if (dict != NULL) {
		ini_fill_values(out, dict, d);
		iniparser_freedict(dict);
	}
	if (d->errors > errors) {
		inifile_free(out);
		return false;
	}
	return true;
}

void inifile_free(struct ini_file *f)
{
	for (int i = 0; i < f->nsections; i++) {
		struct ini_section *sec = &f->sections[i];
		for (int j = 0; j < sec->nkeys; j++) {
			free(sec->keys[j].name);
			free(sec->keys[j].value);
		}
		free(sec->keys);
		free(sec->name);
		free(sec->original);
	}
	free(f->sections);
	memset(f, 0, sizeof(*f));
}

const struct ini_section *inifile_section(const struct ini_file *f,
					  const char *name)
{
	for (int i = 0; i < f->nsections; i++)
		if (strcasecmp(f->sections[i].name, name) == 0)
			return &f->sections[i];
	return NULL;
}

const struct ini_key *inifile_key(const struct ini_section *s, const char *name)
{
	if (s == NULL)
		return NULL;
	for (int i = 0; i < s->nkeys; i++)
		if (strcasecmp(s->keys[i].name, name) == 0)
			return &s->keys[i];
	return NULL;
}
