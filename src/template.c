#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "fsutil.h"
#include "template.h"
#include "yaml_doc.h"
#include "banned.h"

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static const struct template_file *
find_builtin(const char *name)
{
	for (size_t i = 0; i < template_builtin_count; i++)
		if (strcmp(template_builtin[i].name, name) == 0)
			return &template_builtin[i];
	return NULL;
}

int
template_load(struct buf *out, const char *name, const char *override_dir)
{
	const struct template_file *builtin;
	struct buf path = BUF_INIT;
	struct stat st;
	int rc = 0;

	buf_reset(out);
	if (override_dir && *override_dir) {
		if (stat(override_dir, &st) < 0)
			rc = error_set(ISMS_EFAIL, "cannot read template folder "
			    "'%s': %s", override_dir, strerror(errno));
		else if (!S_ISDIR(st.st_mode))
			rc = error_set(ISMS_EFAIL, "template folder '%s' is not "
			    "a folder", override_dir);
		if (rc < 0) {
			error_set_hint("set ISMS_TEMPLATES to a folder of "
			    "templates, or unset it to use the built-in ones");
			goto done;
		}
		buf_printf(&path, "%s/%s", override_dir, name);
		rc = fs_read_file(path.ptr, YAML_MAX_BYTES, out);
		if (rc != ISMS_ENOTFOUND)
			goto done;
		error_clear();
		rc = 0;
	}

	builtin = find_builtin(name);
	if (!builtin) {
		rc = error_set(ISMS_ENOTFOUND, "no template named '%s'", name);
		goto done;
	}
	buf_puts(out, builtin->text);

done:
	buf_release(&path);
	return rc;
}

static int
is_ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_date(const char *s)
{
	static const char pattern[] = "dddd-dd-dd";

	for (size_t i = 0; i < sizeof(pattern) - 1; i++) {
		if (pattern[i] == 'd' ? !is_ascii_digit(s[i]) : s[i] != '-')
			return 0;
	}
	return s[sizeof(pattern) - 1] == '\0';
}

static int
equals_ignoring_case(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;

		if (x != *b)
			return 0;
	}
	return *a == *b;
}

/* Whether `value` reads back as the same string when written plain. */
static int
plain_is_safe(const char *value)
{
	static const char *const yaml11_words[] = { "yes", "no", "on", "off",
		"true", "false", "null", "y", "n", NULL };
	size_t len = strlen(value);

	if (is_date(value))
		return 1;
	if (!is_ascii_letter(value[0]) || value[len - 1] == ' ')
		return 0;
	for (const char *p = value; *p; p++) {
		if (!is_ascii_letter(*p) && !is_ascii_digit(*p) &&
		    !strchr(" '()+-./_", *p))
			return 0;
	}
	for (size_t i = 0; yaml11_words[i]; i++)
		if (equals_ignoring_case(value, yaml11_words[i]))
			return 0;
	return 1;
}

/*
 * Appends `value` escaped for a double-quoted YAML scalar. Besides the
 * C0 controls, the line breaks YAML defines outside ASCII (NEL, LINE
 * SEPARATOR, PARAGRAPH SEPARATOR) are escaped, because a parser would
 * otherwise fold them into spaces.
 */
static void
append_double_quoted_body(struct buf *out, const char *value)
{
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if (*p == '\\' || *p == '"') {
			buf_putc(out, '\\');
			buf_putc(out, (char)*p);
		} else if (*p < 0x20 || *p == 0x7f) {
			buf_printf(out, "\\x%02X", *p);
		} else if (p[0] == 0xc2 && p[1] == 0x85) {
			buf_puts(out, "\\N");
			p++;
		} else if (p[0] == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0xa8 || p[2] == 0xa9)) {
			buf_puts(out, p[2] == 0xa8 ? "\\L" : "\\P");
			p += 2;
		} else {
			buf_putc(out, (char)*p);
		}
	}
}

/* Appends `value` escaped for a single-quoted YAML scalar. */
static void
append_single_quoted_body(struct buf *out, const char *value)
{
	for (const char *p = value; *p; p++) {
		if (*p == '\'')
			buf_putc(out, '\'');
		buf_putc(out, *p);
	}
}

void
template_yaml_scalar(struct buf *out, const char *value)
{
	if (*value && plain_is_safe(value)) {
		buf_puts(out, value);
		return;
	}
	buf_putc(out, '"');
	append_double_quoted_body(out, value);
	buf_putc(out, '"');
}

/* The value of placeholder `name` (`len` bytes); sets *known. */
static const char *
lookup_value(const struct template_values *values, const char *name,
    size_t len, int *known)
{
	static const char *const names[] = { "ID", "TITLE", "DATE", "OWNER" };
	const char *const found[] = { values->id, values->title, values->date,
		values->owner };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0) {
			*known = 1;
			return found[i];
		}
	}
	*known = 0;
	return NULL;
}

/*
 * The length of the placeholder at `p` ("{{NAME}}"), or 0 when the text
 * there is not one. `end` bounds the search.
 */
static size_t
placeholder_length(const char *p, const char *end)
{
	const char *q = p + 2;

	if (end - p < 5 || p[0] != '{' || p[1] != '{')
		return 0;
	while (q < end && ((*q >= 'A' && *q <= 'Z') || *q == '_'))
		q++;
	if (q == p + 2 || end - q < 2 || q[0] != '}' || q[1] != '}')
		return 0;
	return (size_t)(q + 2 - p);
}

/* Whether the line [start, end) is `marker` with an optional CR. */
static int
line_is(const char *start, const char *end, const char *marker)
{
	size_t n = strlen(marker);
	size_t len = (size_t)(end - start);

	if (len && start[len - 1] == '\r')
		len--;
	return len == n && memcmp(start, marker, n) == 0;
}

/*
 * Appends one line with its placeholders replaced. `in_yaml` selects YAML
 * quoting. Returns 0 or ISMS_EFAIL after error_set().
 */
static int
fill_line(struct buf *out, const char *name, size_t line_no,
    const char *start, const char *end, int in_yaml,
    const struct template_values *values)
{
	const char *p = start;

	while (p < end) {
		size_t n = placeholder_length(p, end);
		const char *value;
		char before, after;
		int known;

		if (!n) {
			buf_putc(out, *p++);
			continue;
		}
		value = lookup_value(values, p + 2, n - 4, &known);
		if (!known)
			return error_set(ISMS_EFAIL, "template '%s' line %zu: "
			    "unknown placeholder '%.*s'; the known ones are "
			    "{{ID}}, {{TITLE}}, {{DATE}} and {{OWNER}}", name,
			    line_no, (int)n, p);
		if (!value)
			return error_set(ISMS_EFAIL, "template '%s' line %zu: "
			    "placeholder '%.*s' has no value in this command",
			    name, line_no, (int)n, p);

		before = p > start ? p[-1] : '\0';
		after = p + n < end ? p[n] : '\0';
		if (!in_yaml)
			buf_puts(out, value);
		else if (before == '"' && after == '"')
			append_double_quoted_body(out, value);
		else if (before == '\'' && after == '\'')
			append_single_quoted_body(out, value);
		else
			template_yaml_scalar(out, value);
		p += n;
	}
	return 0;
}

int
template_fill(struct buf *out, const char *name, const char *text,
    size_t len, const struct template_values *values)
{
	const char *end = text + len;
	const char *line = text;
	size_t line_no = 1;
	int whole_yaml = has_suffix(name, ".yaml") || has_suffix(name, ".yml");
	int in_frontmatter = 0;
	int rc;

	/* A UTF-8 byte order mark does not hide the frontmatter's first line. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		buf_add(out, text, 3);
		line += 3;
	}

	while (line < end) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		const char *next = eol ? eol + 1 : end;
		const char *stop = eol ? eol : end;
		int closes = 0;

		if (!whole_yaml && has_suffix(name, ".md")) {
			if (line_no == 1 && line_is(line, stop, "---"))
				in_frontmatter = 1;
			else if (in_frontmatter && (line_is(line, stop, "---") ||
			    line_is(line, stop, "...")))
				closes = 1;
		}

		rc = fill_line(out, name, line_no, line, stop,
		    whole_yaml || (in_frontmatter && !closes), values);
		if (rc < 0)
			return rc;
		buf_add(out, stop, (size_t)(next - stop));

		if (closes)
			in_frontmatter = 0;
		line = next;
		line_no++;
	}
	return 0;
}
