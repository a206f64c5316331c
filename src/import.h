#ifndef ISMS_IMPORT_H
#define ISMS_IMPORT_H

#include <stddef.h>

#include "buf.h"
#include "csv.h"
#include "diag.h"

/*
 * The core of `isms import csv`: turns the rows of a spreadsheet export
 * into risk files (YAML frontmatter and a Markdown body), as a map file
 * describes. It never prints and never writes files: cmd_import.c does.
 * docs/import.md documents the map format and the rules below for users.
 */

/* One entry of a `labels` table: a sheet value and its record value. */
struct import_label {
	char *from;
	char *to;
};

struct field_spec;

/*
 * A record field the map fills: from a column, from `defaults` when the
 * column is absent or the cell is empty, or both.
 */
struct import_target {
	char *field;			/* "owner", "inherent.likelihood" */
	const struct field_spec *spec;	/* type and place in the output */
	char *column;			/* header name, or NULL */
	size_t column_line;		/* map line that names the column */
	char *fallback;			/* `defaults` value, or NULL */
	struct import_label *labels;
	size_t label_count;
	long sheet_scale;		/* `scales`: the sheet's own top value, or 0 */
};

/* A body section filled from one column, in map order. */
struct import_section {
	char *heading;
	char *column;
	size_t line;			/* map line, for messages */
	char *split;			/* list separator, or NULL */
};

enum import_renumber {
	IMPORT_RENUMBER_AUTO,		/* keep ids like PREFIX-digits */
	IMPORT_RENUMBER_ALWAYS,
	IMPORT_RENUMBER_NEVER,		/* other ids are an error */
};

struct import_map {
	char *path;
	struct import_target *targets;
	size_t target_count;
	struct import_section *sections;
	size_t section_count;
	enum import_renumber renumber;
	char *prefix;			/* default "RSK" */
	int digits;			/* zero-padded width, default 3 */
	long start;			/* first number, default 1 */
};

#define IMPORT_MAP_INIT { NULL, NULL, 0, NULL, 0, IMPORT_RENUMBER_AUTO, \
	NULL, 3, 1 }

/*
 * Parses `len` bytes of map file text into *out, which must be
 * IMPORT_MAP_INIT. `path` names the map file in messages.
 *
 * Returns 0, or ISMS_EFAIL after error_set() with a
 * "<path>:<line>: <problem>" message for invalid YAML, an unknown key or
 * field, a `defaults` value of the wrong type, or a map without a `title`
 * column. Release *out with import_map_release() in both cases.
 */
int import_map_parse(struct import_map *out, const char *text, size_t len,
    const char *path);

/*
 * Builds into *out (IMPORT_MAP_INIT) the map used without a map file:
 * each header field that is a field name ("title", "inherent.likelihood")
 * fills that field, with no labels or defaults. `path` names the CSV file
 * in messages. Returns 0, or ISMS_EFAIL after error_set() when the header
 * has no `title` column. Release *out in both cases.
 */
int import_map_from_header(struct import_map *out,
    const struct csv_table *table, const char *path);

void import_map_release(struct import_map *map);

/* One generated risk file. */
struct import_file {
	char *id;
	char *external_id;		/* the sheet's id when not kept, or NULL */
	char *name;			/* "<ID>-<slug>.md" */
	char *text;			/* frontmatter and body */
	size_t len;
	size_t line;			/* CSV line where the row starts */
};

/*
 * The files, in row order, and the notes about values the import could
 * not read into the frontmatter (warnings located at CSV lines, rule ids
 * import-unreadable-value and import-incomplete-loss). Every such value is
 * kept in the file's body.
 */
struct import_result {
	struct import_file *files;
	size_t count;
	size_t alloc;
	struct diag_list notes;
};

#define IMPORT_RESULT_INIT { NULL, 0, 0, DIAG_LIST_INIT }

/*
 * Builds one risk file per record of `table` as `map` describes, skipping
 * records whose fields are all empty. `csv_path` names the CSV file in
 * messages and notes.
 *
 * Returns 0, or ISMS_EFAIL after error_set() when the map and the sheet
 * do not fit together. That is a mapped column missing from the header or
 * named twice in it, an empty title, an id that `renumber: never` cannot
 * keep, or two rows with the same id number. Release *out with
 * import_result_release() in both cases.
 */
int import_rows(struct import_result *out, const struct import_map *map,
    const struct csv_table *table, const char *csv_path);

void import_result_release(struct import_result *result);

/*
 * Writes into `out` the file-name slug of `title`: runs of ASCII letters
 * and digits, lower-cased and joined by single hyphens, at most
 * IMPORT_SLUG_MAX bytes and cut at a hyphen where possible. Other
 * characters, including non-ASCII letters, separate words. A title with
 * no ASCII letter or digit gives "risk".
 */
#define IMPORT_SLUG_MAX 50
void import_slug(struct buf *out, const char *title);

#endif
