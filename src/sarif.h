#ifndef ISMS_SARIF_H
#define ISMS_SARIF_H

#include <stdio.h>

#include <jansson.h>

#include "buf.h"
#include "changes.h"
#include "diag.h"

/*
 * Findings as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange
 * Format), the format code scanning services such as GitHub's read. The
 * log has one run whose tool.driver is isms with its version and a rules
 * array: each rule id the findings use, once, sorted, with the "triggered
 * by" text of docs/rules.md as its short description. Each finding is a
 * result with ruleId, ruleIndex, level (error, warning or note) and
 * message.text.
 *
 * `prefix` ("" or ending in '/') goes before every path. The uri of a
 * location is that path, percent-encoded (see sarif_uri_encode()), so a
 * relative uri resolves against the folder the prefix is relative to.
 */

/*
 * Builds the log of isms check findings. A finding with a path has one
 * location; its region has startLine when the line is known and
 * startColumn when the column is known too. Returns a new reference.
 */
json_t *sarif_from_diags(const struct diag_list *list, const char *prefix);

/*
 * Builds the log of isms changes check findings. A finding with a path is
 * located at that file (no region: it is about the commit, not a line);
 * one without a path has no location. message.text starts with the short
 * commit id and subject and ends with the fix on its own line. The full
 * commit id, author, date, subject, fix and change id are in the result's
 * properties, and partialFingerprints "ismsChangeFinding/v1" is
 * "<commit>:<path>:<change>", so each finding is one stable alert.
 * Returns a new reference.
 */
json_t *sarif_from_changes(const struct changes_result *result,
    const char *prefix);

/*
 * Writes `log` as indented JSON and a newline to `out`. Returns 0, or
 * ISMS_EFAIL after error_set() when the output cannot be written.
 */
int sarif_print(FILE *out, const json_t *log);

/*
 * Appends `path` to `out` as a URI reference: every byte except ASCII
 * letters, digits, "-._~" and "/" is percent-encoded, so spaces, quotes,
 * ':' and UTF-8 survive.
 */
void sarif_uri_encode(struct buf *out, const char *path);

#endif
