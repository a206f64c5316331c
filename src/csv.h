#ifndef ISMS_CSV_H
#define ISMS_CSV_H

#include <stddef.h>

/*
 * A reader for CSV text as RFC 4180 describes it and as spreadsheets
 * export it. Fields in double quotes may contain the delimiter, line
 * breaks and doubled quotes (""). Records end with CRLF, LF or CR. A UTF-8
 * byte order mark at the start is skipped. The first record is the header.
 *
 * Every field keeps the 1-based line where it starts, so messages about a
 * cell can point at the line a text editor shows.
 */

/* A field value, NUL-terminated and free of other NUL bytes. */
struct csv_field {
	const char *value;
	size_t len;
	size_t line;
};

/* A record: its fields, in column order, and the line where it starts. */
struct csv_row {
	struct csv_field *fields;
	size_t count;
	size_t line;
};

/*
 * A parsed file. All field values live in one allocation owned by the
 * table. Release it with csv_table_release(). A table declared with
 * CSV_TABLE_INIT is empty and safe to release.
 */
struct csv_table {
	struct csv_row header;
	struct csv_row *rows;		/* the records after the header */
	size_t count;
	size_t alloc;
	char delimiter;			/* the one used or detected */
	char *text;			/* storage of all field values */
};

#define CSV_TABLE_INIT { { NULL, 0, 0 }, NULL, 0, 0, 0, NULL }

/* The value csv_column() returns when no header field matches. */
#define CSV_NO_COLUMN ((size_t)-1)

/*
 * Parses `len` bytes of CSV text into *out, which must be empty
 * (CSV_TABLE_INIT). `delimiter` is ',', ';' or '\t', or 0 to take
 * whichever of the three occurs most often outside quotes in the header
 * line (',' on a tie). `path` names the input in error messages.
 *
 * Inside a quoted field, CRLF and CR become LF, so values are
 * independent of the exporting system's line endings. Lines that are
 * completely empty (outside quotes) are skipped.
 *
 * Returns 0, or ISMS_EFAIL after error_set() with a message of the form
 * "<path>:<line>: <problem>". The problems are invalid UTF-8, a NUL byte,
 * a quote that is never closed (reported at the line where it opens),
 * text after a closing quote, a record with a different number of fields
 * than the header, and an input with no header. *out is released on
 * failure.
 */
int csv_parse(struct csv_table *out, const char *data, size_t len,
    char delimiter, const char *path);

/*
 * The index of the first header field equal to `name`, or CSV_NO_COLUMN.
 */
size_t csv_column(const struct csv_table *table, const char *name);

void csv_table_release(struct csv_table *table);

#endif
