#ifndef ISMS_TABLE_H
#define ISMS_TABLE_H

#include <stdio.h>
#include <stddef.h>

#include "strvec.h"

/*
 * A table of strings and its renderings for people (aligned columns, or
 * a GitHub-flavoured Markdown table) and for spreadsheets (RFC 4180 CSV).
 * Reports build one and pick the rendering from --format.
 */
struct table {
	struct strvec header;
	struct strvec cells;	/* row-major, header.count per row */
};

#define TABLE_INIT { STRVEC_INIT, STRVEC_INIT }

enum table_format { TABLE_TEXT, TABLE_MARKDOWN, TABLE_CSV };

void table_add_column(struct table *t, const char *name);

/* Appends one cell; rows fill left to right. NULL is an empty cell. */
void table_add_cell(struct table *t, const char *text);
void table_add_cellf(struct table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

size_t table_rows(const struct table *t);

void table_print(FILE *out, const struct table *t, enum table_format format);

void table_release(struct table *t);

#endif
