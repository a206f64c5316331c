#ifndef ISMS_REPORT_OUTPUT_H
#define ISMS_REPORT_OUTPUT_H

#include <jansson.h>

#include "buf.h"
#include "isms.h"
#include "table.h"
#include "workspace.h"

/*
 * The output the report commands share: the names of their formats,
 * report_print() that prints each format with the stamp of stamp.h, the
 * headings of their Markdown form, the way they name people and ratings,
 * and how they write JSON.
 */

enum report_format {
	REPORT_TABLE,
	REPORT_MARKDOWN,
	REPORT_CSV,
	REPORT_JSON,
	REPORT_SVG,		/* an image; only commands that draw one */
};

/* A set of formats, one bit per enum report_format value. */
#define REPORT_FORMAT_BIT(format) (1u << (format))
#define REPORT_FORMATS_TABULAR (REPORT_FORMAT_BIT(REPORT_TABLE) | \
	REPORT_FORMAT_BIT(REPORT_MARKDOWN) | REPORT_FORMAT_BIT(REPORT_CSV) | \
	REPORT_FORMAT_BIT(REPORT_JSON))

/*
 * Reads a --format value that must be one of `allowed` (a set of
 * REPORT_FORMAT_BIT values). `command` names the command in the error,
 * which lists the allowed names. Returns 0, or ISMS_EUSAGE after
 * error_set().
 */
int report_parse_format(const char *arg, const char *command,
    unsigned allowed, enum report_format *out);

/*
 * Prints the heading block of a Markdown report: "# <title>", then a
 * list of the organisation, the scope and each part of the stamp, so an
 * auditor can tell which records, criteria and tool produced it.
 */
void report_print_markdown_header(FILE *out, const char *title,
    const struct isms *isms, const struct workspace *ws, int today);

/*
 * Prints the one-line heading of a Markdown report that carries its stamp
 * at the end: "# <title>: <organisation>" and a blank line, with an empty
 * organisation when isms.yaml names none.
 */
void report_print_markdown_title(FILE *out, const char *title,
    const struct isms *isms);

/*
 * Appends "Name (key)" for the person with key `key` in isms.yaml, or the
 * key alone when isms.yaml has no such person. Appends nothing for NULL.
 */
void report_format_person(struct buf *out, const struct config *config,
    const char *key);

/*
 * Returns the name of the 1-based `position` on `scale`, or "?" when the
 * scale has no such position.
 */
const char *report_scale_name(const struct scale *scale, int position);

/*
 * Appends "<likelihood> x <consequence>", for example "likely x major",
 * with the names of `criteria`. Appends nothing for a rating that
 * rating_usable() rejects.
 */
void report_format_rating(struct buf *out, const struct criteria *criteria,
    const struct rating *rating);

/* Returns a new JSON string of `s`, or JSON null when `s` is NULL. */
json_t *report_json_string(const char *s);

/*
 * Returns a new JSON string of the date `days` (YYYY-MM-DD), or JSON null
 * when `present` is 0.
 */
json_t *report_json_date(int present, int days);

/*
 * Writes `root` to stdout as indented JSON with a final newline and drops
 * the reference. Returns 0, or ISMS_EFAIL after error_set().
 */
int report_print_json(json_t *root);

/*
 * The forms of one report, which report_print() prints. The callbacks
 * receive the command's own view, passed through untouched; build_table
 * and add_json are required.
 */
struct report_forms {
	const char *title;	/* the heading of the Markdown form */

	/*
	 * The paragraph under the Markdown heading block of
	 * report_print_markdown_header(). NULL gives the short Markdown
	 * form instead: the heading of report_print_markdown_title(), the
	 * table, the summary and the stamp in italics.
	 */
	const char *intro;
	const char *notes;	/* Markdown paragraph after the summary, or
				 * NULL; only with `intro` */
	const char *empty;	/* Markdown line in place of a table without
				 * rows; only with `intro` */

	/* Adds the columns and rows of the table, without the stamp. */
	void (*build_table)(struct table *t, const void *view);

	/*
	 * Appends the line printed under the table, or is NULL for none.
	 * With `intro` the Markdown form prints it as "Summary: <line>.".
	 */
	void (*format_summary)(struct buf *out, const void *view);

	/* Adds the members of the JSON form that follow "stamp". */
	void (*add_json)(json_t *root, const void *view);

	/*
	 * Prints the whole text form (print_text) or Markdown form
	 * (print_markdown) in place of the one built from the members above.
	 * NULL keeps the built form.
	 */
	void (*print_text)(const void *view);
	void (*print_markdown)(const void *view);
};

/*
 * Prints the report of `view` to stdout in `format`, each form with the
 * stamp of stamp.h. The text form is the table with the summary and the
 * stamp under it, and Markdown is as `forms` describes. CSV has the stamp
 * in a last column of every row, and JSON is an object whose first member
 * is "stamp". Returns 0, or ISMS_EFAIL after error_set() when the JSON
 * cannot be written.
 */
int report_print(const struct report_forms *forms, const void *view,
    enum report_format format, const struct isms *isms,
    const struct workspace *ws, int today);

#endif
