/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void util_out_of_memory(void)
{
	fputs("aimap: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (p == NULL)
		util_out_of_memory();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (p == NULL)
		util_out_of_memory();
	return p;
}

void *xreallocarray(void *ptr, size_t count, size_t size)
{
	if (size != 0 && count > SIZE_MAX / size)
		util_out_of_memory();
	size_t bytes = count * size;
	void *p = realloc(ptr, bytes != 0 ? bytes : 1);
	if (p == NULL)
		util_out_of_memory();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *util_vformat(const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	char *p = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	p[0] = '\0';
	if (n > 0) {
		va_copy(copy, ap);
		vsnprintf(p, (size_t)n + 1, fmt, copy);
		va_end(copy);
	}
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = util_vformat(fmt, ap);
	va_end(ap);
	return p;
}

void util_text_init(struct util_text *t, char *buf, size_t size)
{
	t->buf = buf;
	t->size = buf != NULL ? size : 0;
	t->len = 0;
	if (t->size > 0)
		buf[0] = '\0';
}

void util_text_printf(struct util_text *t, const char *fmt, ...)
{
	size_t room = t->len < t->size ? t->size - t->len : 0;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(room > 0 ? t->buf + t->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len += (size_t)n;
}

bool util_parse_int(const char *s, long min, long max, long *out)
{
	if (s == NULL || *s == '\0')
		return false;
	const char *p = s;
	bool negative = false;
	if (*p == '-' && min < 0) {
		negative = true;
		p++;
	}
	if (*p < '0' || *p > '9')
		return false;
	if (*p == '0' && p[1] != '\0')
		return false; /* leading zero: ambiguous (octal?) */
	long value = 0;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return false;
		int digit = *p - '0';
		if (value > (LONG_MAX - digit) / 10)
			return false;
		value = value * 10 + digit;
	}
	if (negative)
		value = -value;
	if (value < min || value > max)
		return false;
	*out = value;
	return true;
}

bool util_utf8_valid(const char *str, size_t len, size_t *bad_offset)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		size_t need;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			cp = c & 0x07;
		} else {
			goto bad;
		}
		if (len - i <= need)
			goto bad;
		for (size_t k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += need + 1;
	}
	return true;
bad:
	if (bad_offset != NULL)
		*bad_offset = i;
	return false;
}

int util_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return 99;
	int row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j];
			int cost = a[i - 1] == b[j - 1] ? 0 : 1;
			int best = diag + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *util_closest_word(const char *word, const char *const *candidates,
			      int count)
{
	const char *best = NULL;
	int best_distance = 3;
	for (int i = 0; i < count; i++) {
		int d = util_edit_distance(word, candidates[i]);
		if (d < best_distance && d < (int)strlen(candidates[i])) {
			best = candidates[i];
			best_distance = d;
		}
	}
	return best;
}

static bool uuid_random(unsigned char b[16])
{
	size_t got = 0;
	while (got < 16) {
		ssize_t n = getrandom(b + got, 16 - got, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		got += (size_t)n;
	}
	return true;
}

static void uuid_text(unsigned char b[16], int version, char out[37])
{
	b[6] = (unsigned char)((b[6] & 0x0F) | (version << 4));
	b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
	snprintf(out, 37,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		 "%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
		 b[10], b[11], b[12], b[13], b[14], b[15]);
}

bool util_uuid_v4(char out[37])
{
	unsigned char b[16];
	if (!uuid_random(b))
		return false;
	uuid_text(b, 4, out);
	return true;
}

/* The milliseconds and 12-bit counter of the last version 7 UUID made:
 * the next one is later, even within the same millisecond. */
static _Atomic uint64_t uuid_v7_last;

bool util_uuid_v7(char out[37])
{
	unsigned char b[16];
	if (!uuid_random(b))
		return false;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t ms =
	    (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	uint64_t last = atomic_load(&uuid_v7_last), t;
	do
		t = ms << 12 > last ? ms << 12 : last + 1;
	while (!atomic_compare_exchange_weak(&uuid_v7_last, &last, t));
	/* 48 bits of milliseconds, then the version and the counter */
	for (int i = 0; i < 6; i++)
		b[i] = (unsigned char)(t >> (52 - 8 * i));
	b[6] = (unsigned char)((t >> 8) & 0x0F);
	b[7] = (unsigned char)t;
	uuid_text(b, 7, out);
	return true;
}

char *util_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Non-blocking to open, so that a FIFO with no writer reads as empty
 * instead of waiting for ever; blocking again to read. */
static int util_open_read(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	int flags = fcntl(fd, F_GETFL);
	if (fstat(fd, &st) != 0 || flags < 0 ||
	    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (S_ISDIR(st.st_mode) ||
	    (S_ISREG(st.st_mode) && st.st_size > UTIL_READ_MAX)) {
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EFBIG;
		return -1;
	}
	return fd;
}

char *util_read_file(const char *path, size_t *len)
{
	int fd = util_open_read(path);
	if (fd < 0)
		return NULL;
	/* read up to one byte past the limit, which is then refused:
	 * /dev/zero or an endless pipe ends here too */
	size_t cap = 4096, used = 0;
	char *buf = xmalloc(cap);
	int err = 0;
	for (;;) {
		if (cap - used < 2) {
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
		size_t want = cap - used - 1;
		if (want > (size_t)UTIL_READ_MAX + 1 - used)
			want = (size_t)UTIL_READ_MAX + 1 - used;
		ssize_t n = read(fd, buf + used, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno ? errno : EIO;
			break;
		}
		if (n == 0)
			break;
		used += (size_t)n;
		if (used > UTIL_READ_MAX) {
			err = EFBIG;
			break;
		}
	}
	close(fd);
	if (err != 0) {
		free(buf);
		errno = err;
		return NULL;
	}
	buf[used] = '\0';
	*len = used;
	return buf;
}

const char *util_read_error(int err)
{
	if (err == EFBIG)
		return "larger than 1 MiB, the most aimap reads from a "
		       "questionnaire or an answers file (see aimap(1), "
		       "LIMITS)";
	return strerror(err);
}

void util_hash_hex(const char *s, size_t len, char out[17])
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

void util_now_iso(char out[21])
{
	const char *fixed = getenv("AIMAP_NOW");
	if (fixed != NULL && strlen(fixed) == 20) {
		memcpy(out, fixed, 21);
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

bool util_is_iso_time(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	for (size_t i = 0; i < sizeof(shape) - 1; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9'
				    : s[i] != shape[i])
			return false;
	if (s[sizeof(shape) - 1] != '\0')
		return false;
	int month = atoi(s + 5), day = atoi(s + 8), hour = atoi(s + 11),
	    minute = atoi(s + 14), second = atoi(s + 17);
	return month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
	       hour <= 23 && minute <= 59 && second <= 60;
}
