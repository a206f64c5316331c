#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "glob.h"
#include "xalloc.h"
#include "banned.h"

struct char_class_name {
	const char *name;
	int (*test)(int c);
};

static const struct char_class_name char_class_names[] = {
	{ "alpha", isalpha },
	{ "digit", isdigit },
	{ "alnum", isalnum },
	{ "upper", isupper },
	{ "lower", islower },
	{ "space", isspace },
	{ "punct", ispunct },
	{ "xdigit", isxdigit },
};

/*
 * Matches a POSIX class name such as "alpha" written between `[:` and `:]`
 * at `name`, `len` bytes long. Returns 1 or 0 in *hit and 0, or -1 when the
 * name is unknown.
 */
static int
match_named_class(const char *name, size_t len, unsigned char c,
    unsigned char other, int *hit)
{
	size_t n = sizeof(char_class_names) / sizeof(char_class_names[0]);

	for (size_t i = 0; i < n; i++) {
		const struct char_class_name *cls = &char_class_names[i];

		if (strlen(cls->name) == len &&
		    memcmp(cls->name, name, len) == 0) {
			*hit = cls->test(c) != 0 || cls->test(other) != 0;
			return 0;
		}
	}
	return -1;
}

/*
 * Matches `c` against the bracket expression that starts at *pattern (a
 * '['). On success stores in *pattern the position after the closing ']'
 * and returns 1 (match) or 0 (no match). Returns -1 when the expression
 * is never closed, so the caller treats the '[' as a literal character.
 * `other` is `c` in the other ASCII case when case is ignored, else `c`:
 * the class matches when either is in it.
 */
static int
match_class(const char **pattern, unsigned char c, unsigned char other)
{
	const char *q = *pattern + 1;
	int negate = 0;
	int hit = 0;
	int first = 1;

	if (*q == '!' || *q == '^') {
		negate = 1;
		q++;
	}

	while (*q && (first || *q != ']')) {
		unsigned char lo, hi;

		first = 0;
		if (q[0] == '[' && q[1] == ':') {
			const char *end = strstr(q + 2, ":]");
			int named = 0;

			if (end && match_named_class(q + 2,
			    (size_t)(end - q - 2), c, other, &named) == 0) {
				hit |= named;
				q = end + 2;
				continue;
			}
		}

		if (*q == '\\' && q[1])
			q++;
		lo = (unsigned char)*q++;
		if (q[0] == '-' && q[1] && q[1] != ']') {
			q++;
			if (*q == '\\' && q[1])
				q++;
			hi = (unsigned char)*q++;
			if ((lo <= c && c <= hi) || (lo <= other && other <= hi))
				hit = 1;
		} else if (c == lo || other == lo) {
			hit = 1;
		}
	}
	if (!*q)
		return -1;

	*pattern = q + 1;
	if (c == '\0' || c == '/')
		return 0;
	return hit != negate;
}

/* Skips one character of `s`: a whole UTF-8 sequence, not just one byte. */
static const char *
next_char(const char *s)
{
	s++;
	while (((unsigned char)*s & 0xC0) == 0x80)
		s++;
	return s;
}

/*
 * The state of one match. `failed` remembers each (pattern position, path
 * position) pair that did not match, so no pair is tried twice. A pattern
 * with many stars then takes time polynomial in the two lengths instead
 * of exponential.
 */
struct matcher {
	const char *pattern;
	const char *path;
	size_t path_len;
	unsigned char *failed;		/* one bit per pair; NULL: no stars */
	int fold;			/* ignore ASCII case */
};

/* `c` in the other ASCII case when the match ignores case, else `c`. */
static unsigned char
other_case(const struct matcher *m, unsigned char c)
{
	if (!m->fold)
		return c;
	if (c >= 'a' && c <= 'z')
		return (unsigned char)(c - 'a' + 'A');
	if (c >= 'A' && c <= 'Z')
		return (unsigned char)(c - 'A' + 'a');
	return c;
}

static int
same_char(const struct matcher *m, char p, char s)
{
	return p == s || (unsigned char)p == other_case(m, (unsigned char)s);
}

static int
seen_failure(const struct matcher *m, const char *p, const char *s)
{
	size_t bit;

	if (!m->failed)
		return 0;
	bit = (size_t)(p - m->pattern) * (m->path_len + 1) +
	    (size_t)(s - m->path);
	return (m->failed[bit / 8] >> (bit % 8)) & 1;
}

static void
record_failure(struct matcher *m, const char *p, const char *s)
{
	size_t bit;

	if (!m->failed)
		return;
	bit = (size_t)(p - m->pattern) * (m->path_len + 1) +
	    (size_t)(s - m->path);
	m->failed[bit / 8] |= (unsigned char)(1u << (bit % 8));
}

static int match_from(struct matcher *m, const char *p, const char *s,
    int segment_start);

/*
 * Matches a star or `**` at `p` against path `s`. `segment_start` is set
 * when `p` starts a pattern segment, which is where `**` has its special
 * meaning. The flag follows from the position of `p`, so the failure memo
 * needs no separate entry for it.
 */
static int
match_star(struct matcher *m, const char *p, const char *s,
    int segment_start)
{
	if (p[0] == '*' && p[1] == '*' && segment_start &&
	    (p[2] == '/' || p[2] == '\0')) {
		if (p[2] == '\0')
			return 1;

		/* Try the rest of the pattern at every segment. */
		p += 3;
		for (;;) {
			if (match_from(m, p, s, 1))
				return 1;
			s = strchr(s, '/');
			if (!s)
				return 0;
			s++;
		}
	}

	while (*p == '*')
		p++;
	for (;;) {
		if (match_from(m, p, s, 0))
			return 1;
		if (*s == '\0' || *s == '/')
			return 0;
		s = next_char(s);
	}
}

/* Matches pattern `p` against path `s`, with `segment_start` as above. */
static int
match_from(struct matcher *m, const char *p, const char *s, int segment_start)
{
	const char *p0 = p, *s0 = s;
	int result = 0;

	if (seen_failure(m, p, s))
		return 0;

	while (*p) {
		int class_result;

		switch (*p) {
		case '*':
			result = match_star(m, p, s, segment_start);
			goto done;

		case '?':
			if (*s == '\0' || *s == '/')
				goto done;
			p++;
			s = next_char(s);
			segment_start = 0;
			break;

		case '[':
			class_result = match_class(&p, (unsigned char)*s,
			    other_case(m, (unsigned char)*s));
			if (class_result == 0)
				goto done;
			if (class_result == 1) {
				s++;
				segment_start = 0;
				break;
			}
			if (*s != '[')
				goto done;
			p++;
			s++;
			segment_start = 0;
			break;

		case '\\':
			if (p[1])
				p++;
			if (!same_char(m, *p, *s))
				goto done;
			p++;
			s++;
			segment_start = 0;
			break;

		default:
			if (!same_char(m, *p, *s))
				goto done;
			segment_start = *p == '/';
			p++;
			s++;
			break;
		}
	}
	result = *s == '\0';

done:
	if (!result)
		record_failure(m, p0, s0);
	return result;
}

/* The 1-based character position of `at` in `start`. */
static size_t
column_of(const char *start, const char *at)
{
	size_t column = 1;

	for (const char *p = start; p < at; p = next_char(p))
		column++;
	return column;
}

/* Whether the `len` bytes at `name` are a class name that matchers know. */
static int
is_class_name(const char *name, size_t len)
{
	int hit;

	return match_named_class(name, len, 'a', 'a', &hit) == 0;
}

/*
 * Checks the bracket expression at `open` (a '[') the way match_class()
 * reads it. Returns the position after its ']', or NULL after describing
 * the fault in `problem` and its position in *at.
 */
static const char *
check_class(const char *open, struct buf *problem, const char **at)
{
	const char *q = open + 1;
	const char *content;
	int first = 1;

	if (*q == '!' || *q == '^')
		q++;
	content = q;

	while (*q && (first || *q != ']')) {
		const char *lo_at = q;
		unsigned char lo, hi;

		first = 0;
		if (q[0] == '[' && q[1] == ':') {
			const char *end = strstr(q + 2, ":]");
			size_t len = end ? (size_t)(end - q - 2) : 0;

			if (end && is_class_name(q + 2, len)) {
				q = end + 2;
				continue;
			}
			if (end) {
				buf_printf(problem, "unknown character class "
				    "'%.*s'", (int)(end + 2 - q), q);
				*at = q;
				return NULL;
			}
		}

		if (*q == '\\' && q[1])
			q++;
		lo = (unsigned char)*q++;
		if (q[0] == '-' && q[1] && q[1] != ']') {
			q++;
			if (*q == '\\' && q[1])
				q++;
			hi = (unsigned char)*q++;
			if (hi < lo) {
				buf_printf(problem, "reversed range '%.*s' "
				    "matches no character", (int)(q - lo_at),
				    lo_at);
				*at = lo_at;
				return NULL;
			}
		}
	}
	if (*q)
		return q + 1;

	*at = open;
	if (*content == ']' && !strchr(content + 1, ']'))
		buf_printf(problem, "empty character class '%.*s'",
		    (int)(content + 1 - open), open);
	else
		buf_puts(problem, "'[' is never closed by ']' (write '\\[' "
		    "for a literal '[')");
	return NULL;
}

int
glob_check(const char *pattern, struct buf *problem, size_t *column)
{
	const char *p = pattern;
	const char *at = NULL;

	while (*p) {
		if (*p == '\\') {
			p++;
			if (*p)
				p = next_char(p);
			continue;
		}
		if (*p != '[') {
			p = next_char(p);
			continue;
		}
		p = check_class(p, problem, &at);
		if (!p) {
			*column = column_of(pattern, at);
			return -1;
		}
	}
	return 0;
}

static int
match_path(const char *pattern, const char *path, int fold)
{
	struct buf full = BUF_INIT;
	struct matcher m;
	size_t len;
	int result;

	if (pattern[0] == '.' && pattern[1] == '/')
		pattern += 2;
	while (*pattern == '/')
		pattern++;

	/* "policies/" means everything under policies/. */
	len = strlen(pattern);
	if (len && pattern[len - 1] == '/') {
		buf_puts(&full, pattern);
		buf_puts(&full, "**");
		pattern = full.ptr;
		len = full.len;
	}

	m.pattern = pattern;
	m.path = path;
	m.path_len = strlen(path);
	m.failed = NULL;
	m.fold = fold;
	if (strchr(pattern, '*'))
		m.failed = xcalloc((len + 1) * (m.path_len + 1) / 8 + 1, 1);

	result = match_from(&m, pattern, path, 1);
	free(m.failed);
	buf_release(&full);
	return result;
}

int
glob_match(const char *pattern, const char *path)
{
	return match_path(pattern, path, 0);
}

int
glob_match_nocase(const char *pattern, const char *path)
{
	return match_path(pattern, path, 1);
}

int
glob_match_any(char *const *patterns, size_t count, const char *path)
{
	for (size_t i = 0; i < count; i++)
		if (glob_match(patterns[i], path))
			return 1;
	return 0;
}

int
glob_match_any_nocase(char *const *patterns, size_t count, const char *path)
{
	for (size_t i = 0; i < count; i++)
		if (glob_match_nocase(patterns[i], path))
			return 1;
	return 0;
}

int
glob_is_record_id(const char *text)
{
	const char *p = text;

	if (!(*p >= 'A' && *p <= 'Z'))
		return 0;
	while (*p >= 'A' && *p <= 'Z')
		p++;
	if (*p++ != '-')
		return 0;
	if (!(*p >= '0' && *p <= '9'))
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	return *p == '\0';
}

int
glob_scope_match(const char *entry, const char *path)
{
	const char *base;
	size_t len;

	if (!glob_is_record_id(entry))
		return glob_match(entry, path);

	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	len = strlen(entry);
	if (strncmp(base, entry, len) != 0)
		return 0;
	if (strcmp(base + len, ".md") == 0)
		return 1;
	if (base[len] != '-')
		return 0;
	len = strlen(base);
	return len > 3 && strcmp(base + len - 3, ".md") == 0;
}
