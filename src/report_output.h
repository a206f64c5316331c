#ifndef ISMS_REPORT_OUTPUT_H
#define ISMS_REPORT_OUTPUT_H

#include <jansson.h>

#include "buf.h"
#include "isms.h"
#include "workspace.h"

/*
 * What the report commands (plan, acceptances, soa, documents) share
 * beside the stamp of stamp.h: the names of their output formats, the
 * heading of their Markdown form, and the way they name people.
 */

enum report_format {
	REPORT_TABLE,
	REPORT_MARKDOWN,
	REPORT_CSV,
	REPORT_JSON,
};

/*
 * Reads a --format value: table, markdown, csv or json. `command` names
 * the command in the error. Returns 0, or ISMS_EUSAGE after error_set().
 */
int report_parse_format(const char *arg, const char *command,
    enum report_format *out);

/*
 * Prints the heading block of a Markdown report: "# <title>", then a
 * list of the organisation, the scope and each part of the stamp, so an
 * auditor can tell which records, criteria and tool produced it.
 */
void report_print_markdown_header(FILE *out, const char *title,
    const struct isms *isms, const struct workspace *ws, int today);

/*
 * Appends "Name (key)" for the person with key `key` in isms.yaml, or the
 * key alone when isms.yaml has no such person. Appends nothing for NULL.
 */
void report_format_person(struct buf *out, const struct config *config,
    const char *key);

/*
 * Writes `root` to stdout as indented JSON with a final newline and drops
 * the reference. Returns 0, or ISMS_EFAIL after error_set().
 */
int report_print_json(json_t *root);

#endif
