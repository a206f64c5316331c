/*
 * CSV reader, written by hand rather than on top of libcsv, which Debian 12
 * packages as libcsv-dev 3.0.3. libcsv reports neither the line where a
 * field starts nor the line where an unclosed quote opens. It also does
 * not check UTF-8 or detect the delimiter. Adding those would need a
 * second pass over the input, which is most of a parser.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "error.h"
#include "xalloc.h"
#include "banned.h"

/* Parser state over one input. `out` points into `table->text`. */
struct csv_parser {
	const unsigned char *data;
	size_t len;
	size_t pos;
	size_t line;
	char delimiter;
	const char *path;
	char *out;
	size_t out_len;
};

/* Length of the UTF-8 sequence at s (at most `left` bytes), 0 if invalid. */
static size_t
utf8_sequence_length(const unsigned char *s, size_t left)
{
	unsigned char c = s[0];
	size_t need;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		need = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (left < need)
		return 0;
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}

	/* Reject overlong forms, UTF-16 surrogates and values past U+10FFFF. */
	if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000))
		return 0;
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0;
	if (cp > 0x10ffff)
		return 0;
	return need;
}

/* Checks that the input is UTF-8 without NUL bytes. */
static int
check_text(const unsigned char *data, size_t len, const char *path)
{
	size_t line = 1;
	size_t i = 0;

	while (i < len) {
		size_t n;

		if (data[i] == '\0')
			return error_set(ISMS_EFAIL, "%s:%zu: NUL byte in CSV text",
			    path, line);
		if (data[i] == '\n' ||
		    (data[i] == '\r' && (i + 1 == len || data[i + 1] != '\n')))
			line++;
		n = utf8_sequence_length(data + i, len - i);
		if (!n)
			return error_set(ISMS_EFAIL,
			    "%s:%zu: invalid UTF-8 byte sequence", path, line);
		i += n;
	}
	return 0;
}

/*
 * Picks the delimiter that occurs most often outside quotes in the first
 * non-empty line, preferring ',' then ';' then tab on a tie.
 */
static char
detect_delimiter(const unsigned char *data, size_t len)
{
	static const char candidates[] = { ',', ';', '\t' };
	size_t counts[3] = { 0, 0, 0 };
	int quoted = 0;
	size_t i = 0;
	size_t best = 0;

	while (i < len && (data[i] == '\r' || data[i] == '\n'))
		i++;
	for (; i < len; i++) {
		unsigned char c = data[i];

		if (c == '"') {
			quoted = !quoted;
			continue;
		}
		if (quoted)
			continue;
		if (c == '\r' || c == '\n')
			break;
		for (size_t k = 0; k < 3; k++)
			if (c == (unsigned char)candidates[k])
				counts[k]++;
	}
	for (size_t k = 1; k < 3; k++)
		if (counts[k] > counts[best])
			best = k;
	return candidates[best];
}

static int
at_line_end(const struct csv_parser *p)
{
	return p->pos < p->len &&
	    (p->data[p->pos] == '\r' || p->data[p->pos] == '\n');
}

/* Consumes one CRLF, LF or CR and counts the line. */
static void
skip_line_end(struct csv_parser *p)
{
	if (p->data[p->pos] == '\r' && p->pos + 1 < p->len &&
	    p->data[p->pos + 1] == '\n')
		p->pos++;
	p->pos++;
	p->line++;
}

static void
emit_byte(struct csv_parser *p, char c)
{
	p->out[p->out_len++] = c;
}

/* Reads a quoted field that starts at the quote at p->pos. */
static int
parse_quoted(struct csv_parser *p)
{
	size_t open_line = p->line;

	p->pos++;
	for (;;) {
		unsigned char c;

		if (p->pos >= p->len)
			return error_set(ISMS_EFAIL,
			    "%s:%zu: quoted field is never closed",
			    p->path, open_line);
		c = p->data[p->pos];
		if (c == '"') {
			if (p->pos + 1 < p->len && p->data[p->pos + 1] == '"') {
				emit_byte(p, '"');
				p->pos += 2;
				continue;
			}
			p->pos++;
			break;
		}
		if (c == '\r' || c == '\n') {
			emit_byte(p, '\n');
			skip_line_end(p);
			continue;
		}
		emit_byte(p, (char)c);
		p->pos++;
	}

	if (p->pos < p->len && p->data[p->pos] != (unsigned char)p->delimiter &&
	    !at_line_end(p)) {
		unsigned char c = p->data[p->pos];

		if (c >= 0x20 && c < 0x7f)
			return error_set(ISMS_EFAIL,
			    "%s:%zu: unexpected '%c' after the closing quote of a field",
			    p->path, p->line, c);
		return error_set(ISMS_EFAIL,
		    "%s:%zu: unexpected text after the closing quote of a field",
		    p->path, p->line);
	}
	return 0;
}

/*
 * Reads an unquoted field up to the delimiter, a line end or the end of
 * input. A quote inside such a field is kept as text, as spreadsheets
 * read it.
 */
static void
parse_unquoted(struct csv_parser *p)
{
	while (p->pos < p->len && !at_line_end(p) &&
	    p->data[p->pos] != (unsigned char)p->delimiter) {
		emit_byte(p, (char)p->data[p->pos]);
		p->pos++;
	}
}

/* Reads into *row the record that starts at p->pos. */
static int
parse_row(struct csv_parser *p, struct csv_row *row)
{
	size_t alloc = 0;
	int err = 0;

	row->fields = NULL;
	row->count = 0;
	row->line = p->line;
	for (;;) {
		struct csv_field *field;
		size_t start = p->out_len;

		xgrow(&row->fields, &alloc, row->count + 1,
		    sizeof(*row->fields));
		field = &row->fields[row->count++];
		field->line = p->line;
		if (p->pos < p->len && p->data[p->pos] == '"') {
			err = parse_quoted(p);
			if (err < 0)
				goto done;
		} else {
			parse_unquoted(p);
		}
		emit_byte(p, '\0');
		field->value = p->out + start;
		field->len = p->out_len - start - 1;

		if (p->pos >= p->len)
			break;
		if (at_line_end(p)) {
			skip_line_end(p);
			break;
		}
		p->pos++;	/* the delimiter */
	}

done:
	return err;
}

static void
release_row(struct csv_row *row)
{
	free(row->fields);
	row->fields = NULL;
	row->count = 0;
}

int
csv_parse(struct csv_table *out, const char *data, size_t len,
    char delimiter, const char *path)
{
	struct csv_parser p;
	int have_header = 0;
	int err = 0;

	if (delimiter && delimiter != ',' && delimiter != ';' &&
	    delimiter != '\t') {
		err = error_set(ISMS_EFAIL,
		    "invalid CSV delimiter '%c': expected ',', ';' or a tab",
		    delimiter);
		goto done;
	}
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	err = check_text((const unsigned char *)data, len, path);
	if (err < 0)
		goto done;

	memset(&p, 0, sizeof(p));
	p.data = (const unsigned char *)data;
	p.len = len;
	p.line = 1;
	p.delimiter = delimiter ? delimiter :
	    detect_delimiter(p.data, p.len);
	p.path = path;

	/*
	 * Every value byte and every terminating NUL stands for a distinct
	 * input byte, except the NUL of the last field, so len + 1 bytes hold
	 * all values and the pointers into them never move.
	 */
	out->text = xmalloc(len + 1);
	out->delimiter = p.delimiter;
	p.out = out->text;

	while (p.pos < p.len) {
		struct csv_row row;

		if (at_line_end(&p)) {
			skip_line_end(&p);
			continue;
		}
		err = parse_row(&p, &row);
		if (err < 0) {
			release_row(&row);
			goto done;
		}
		if (!have_header) {
			out->header = row;
			have_header = 1;
			continue;
		}
		if (row.count != out->header.count) {
			err = error_set(ISMS_EFAIL,
			    "%s:%zu: record has %zu fields, but the header has %zu",
			    path, row.line, row.count, out->header.count);
			release_row(&row);
			goto done;
		}
		xgrow(&out->rows, &out->alloc, out->count + 1,
		    sizeof(*out->rows));
		out->rows[out->count++] = row;
	}
	if (!have_header)
		err = error_set(ISMS_EFAIL,
		    "%s: no header line: the CSV input is empty", path);

done:
	if (err < 0)
		csv_table_release(out);
	return err;
}

size_t
csv_column(const struct csv_table *table, const char *name)
{
	for (size_t i = 0; i < table->header.count; i++)
		if (strcmp(table->header.fields[i].value, name) == 0)
			return i;
	return CSV_NO_COLUMN;
}

void
csv_table_release(struct csv_table *table)
{
	release_row(&table->header);
	for (size_t i = 0; i < table->count; i++)
		release_row(&table->rows[i]);
	free(table->rows);
	free(table->text);
	table->header.line = 0;
	table->rows = NULL;
	table->count = 0;
	table->alloc = 0;
	table->delimiter = 0;
	table->text = NULL;
}
