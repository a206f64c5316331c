#include <string.h>

#include "diag.h"
#include "error.h"
#include "frontmatter.h"
#include "banned.h"

/* One line of the file, without its line ending. */
struct line {
	size_t start;
	size_t end;		/* offset of the CR LF or LF that ends it */
	size_t next;		/* offset of the following line */
};

static void
read_line(const char *text, size_t len, size_t start, struct line *line)
{
	const char *newline = memchr(text + start, '\n', len - start);

	line->start = start;
	if (newline) {
		line->end = (size_t)(newline - text);
		line->next = line->end + 1;
	} else {
		line->end = len;
		line->next = len;
	}
	if (line->end > start && text[line->end - 1] == '\r')
		line->end--;
}

/* Tells whether the line is `marker` followed only by spaces or tabs. */
static int
line_is(const char *text, const struct line *line, const char *marker)
{
	size_t end = line->end;
	size_t n = strlen(marker);

	while (end > line->start && (text[end - 1] == ' ' ||
	    text[end - 1] == '\t'))
		end--;
	return end - line->start == n &&
	    memcmp(text + line->start, marker, n) == 0;
}

static int
line_is_blank(const char *text, const struct line *line)
{
	for (size_t i = line->start; i < line->end; i++)
		if (text[i] != ' ' && text[i] != '\t')
			return 0;
	return 1;
}

static int
is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/*
 * Tells whether the line starts with a plain mapping key at column 1,
 * such as `name: System Change Policy` or `satisfies:`.
 */
static int
line_is_top_level_key(const char *text, const struct line *line)
{
	size_t i = line->start;

	if (i >= line->end || !is_key_char(text[i]))
		return 0;
	while (i < line->end && (is_key_char(text[i]) || text[i] == '-' ||
	    text[i] == '.' || text[i] == ' '))
		i++;
	if (i >= line->end || text[i] != ':')
		return 0;
	i++;
	return i == line->end || text[i] == ' ' || text[i] == '\t';
}

/* Tells whether the line can belong to a YAML mapping at the top level. */
static int
line_looks_like_yaml(const char *text, const struct line *line)
{
	char c;

	if (line_is_blank(text, line))
		return 1;
	c = text[line->start];
	if (c == ' ' || c == '\t' || c == '#')
		return 1;
	if (c == '-' && (line->start + 1 == line->end ||
	    text[line->start + 1] == ' '))
		return 1;
	return line_is_top_level_key(text, line);
}

/*
 * Finds a YAML header written without its opening `---`: the first
 * non-blank line is a top-level key, every line up to a line `---` could
 * belong to a YAML mapping, and such a line exists. Requiring YAML-like
 * lines all the way keeps a Markdown file that opens with "Note: ..." and
 * later has a `---` thematic break from being taken for one. Returns the
 * 1-based number of the closing line, or 0.
 */
static size_t
find_header_without_opening(const char *text, size_t len, size_t start)
{
	struct line line;
	size_t number = 1;
	int seen_key = 0;

	while (start < len) {
		read_line(text, len, start, &line);

		if (seen_key && line_is(text, &line, "---"))
			return number;
		if (!seen_key && !line_is_blank(text, &line)) {
			if (!line_is_top_level_key(text, &line))
				return 0;
			seen_key = 1;
		}
		if (!line_looks_like_yaml(text, &line))
			return 0;

		start = line.next;
		number++;
	}
	return 0;
}

int
frontmatter_find(struct frontmatter *fm, const char *text, size_t len,
    const char *path, struct diag_list *diags)
{
	struct line line;
	size_t start = 0, number, closing;

	memset(fm, 0, sizeof(*fm));
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		start = 3;
	fm->body_start = start;
	fm->body_line = 1;
	if (start >= len)
		return 0;

	read_line(text, len, start, &line);
	if (!line_is(text, &line, "---")) {
		closing = find_header_without_opening(text, len, start);
		if (!closing)
			return 0;
		diag_add(diags, DIAG_ERROR, path, 1, 1,
		    "frontmatter-missing-open",
		    "frontmatter that ends on line %zu has no opening '---' "
		    "line; add '---' as the first line", closing);
		return ISMS_EFAIL;
	}

	fm->yaml_start = line.next;
	fm->yaml_line = 2;
	number = 2;
	start = line.next;
	while (start < len) {
		read_line(text, len, start, &line);
		if (line_is(text, &line, "---") ||
		    line_is(text, &line, "...")) {
			fm->present = 1;
			fm->yaml_len = line.start - fm->yaml_start;
			fm->body_start = line.next;
			fm->body_line = number + 1;
			return 0;
		}
		start = line.next;
		number++;
	}

	fm->yaml_start = 0;
	fm->yaml_line = 0;
	diag_add(diags, DIAG_ERROR, path, 1, 1, "frontmatter-unclosed",
	    "frontmatter opened on line 1 has no closing '---' line; add one "
	    "after the last YAML line");
	return ISMS_EFAIL;
}
