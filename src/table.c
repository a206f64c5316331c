#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "table.h"
#include "xalloc.h"
#include "banned.h"

void
table_add_column(struct table *t, const char *name)
{
	strvec_push(&t->header, name);
}

void
table_add_cell(struct table *t, const char *text)
{
	strvec_push(&t->cells, text ? text : "");
}

void
table_add_cellf(struct table *t, const char *fmt, ...)
{
	struct buf cell = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&cell, fmt, ap);
	va_end(ap);
	strvec_push_owned(&t->cells, buf_detach(&cell, NULL));
}

size_t
table_rows(const struct table *t)
{
	return t->header.count ? t->cells.count / t->header.count : 0;
}

/* Display width in terminal columns, counting each UTF-8 sequence once. */
static size_t
display_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/*
 * Writes cell text for a terminal or a Markdown file: line breaks and tabs
 * become spaces and other control characters become '?', so record text
 * can neither break the layout nor send escape sequences to a terminal.
 */
static void
put_display_char(FILE *out, char c)
{
	unsigned char u = (unsigned char)c;

	if (c == '\n' || c == '\r' || c == '\t')
		fputc(' ', out);
	else if (u < 0x20 || u == 0x7f)
		fputc('?', out);
	else
		fputc(c, out);
}

static void
put_display_text(FILE *out, const char *s)
{
	for (; *s; s++)
		put_display_char(out, *s);
}

static void
print_text(FILE *out, const struct table *t)
{
	size_t cols = t->header.count;
	size_t rows = table_rows(t);
	size_t *width = xcalloc(cols, sizeof(*width));

	for (size_t c = 0; c < cols; c++)
		width[c] = display_width(t->header.items[c]);
	for (size_t r = 0; r < rows; r++)
		for (size_t c = 0; c < cols; c++) {
			size_t w = display_width(t->cells.items[r * cols + c]);

			if (w > width[c])
				width[c] = w;
		}

	for (size_t r = 0; r <= rows; r++) {
		char **row = r == 0 ? t->header.items :
		    t->cells.items + (r - 1) * cols;

		for (size_t c = 0; c < cols; c++) {
			size_t pad = width[c] - display_width(row[c]);

			put_display_text(out, row[c]);
			if (c + 1 < cols)
				fprintf(out, "%*s", (int)(pad + 2), "");
		}
		fputc('\n', out);
	}
	free(width);
}

/* Writes a Markdown table cell: pipes escaped, line breaks as spaces. */
static void
put_markdown_cell(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", out);
		else
			put_display_char(out, *s);
	}
}

static void
print_markdown(FILE *out, const struct table *t)
{
	size_t cols = t->header.count;
	size_t rows = table_rows(t);

	for (size_t r = 0; r <= rows; r++) {
		char **row = r == 0 ? t->header.items :
		    t->cells.items + (r - 1) * cols;

		fputc('|', out);
		for (size_t c = 0; c < cols; c++) {
			fputc(' ', out);
			put_markdown_cell(out, row[c]);
			fputs(" |", out);
		}
		fputc('\n', out);
		if (r == 0) {
			fputc('|', out);
			for (size_t c = 0; c < cols; c++)
				fputs(" --- |", out);
			fputc('\n', out);
		}
	}
}

/*
 * Quotes a CSV field when it holds a delimiter, a quote or a line break.
 * A field that a spreadsheet would run as a formula (it starts with =, +,
 * -, @, a tab or a carriage return, and more follows) gets a leading
 * apostrophe, the usual defence against CSV injection. Numbers such as
 * -1 and a lone "-" are left alone.
 */
static void
put_csv_field(FILE *out, const char *s)
{
	int formula = s[0] && strchr("=+-@\t\r", s[0]) && s[1] &&
	    !(s[0] == '-' && strspn(s + 1, "0123456789.") == strlen(s + 1));

	if (!formula && !strpbrk(s, ",\"\r\n")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static void
print_csv(FILE *out, const struct table *t)
{
	size_t cols = t->header.count;
	size_t rows = table_rows(t);

	for (size_t r = 0; r <= rows; r++) {
		char **row = r == 0 ? t->header.items :
		    t->cells.items + (r - 1) * cols;

		for (size_t c = 0; c < cols; c++) {
			if (c)
				fputc(',', out);
			put_csv_field(out, row[c]);
		}
		fputs("\r\n", out);
	}
}

void
table_print(FILE *out, const struct table *t, enum table_format format)
{
	switch (format) {
	case TABLE_TEXT:
		print_text(out, t);
		break;
	case TABLE_MARKDOWN:
		print_markdown(out, t);
		break;
	case TABLE_CSV:
		print_csv(out, t);
		break;
	}
}

void
table_release(struct table *t)
{
	strvec_clear(&t->header);
	strvec_clear(&t->cells);
}
