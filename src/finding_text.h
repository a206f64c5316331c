#ifndef ISMS_FINDING_TEXT_H
#define ISMS_FINDING_TEXT_H

#include <stddef.h>

#include "buf.h"
#include "changes.h"
#include "diag.h"

/*
 * The findings of the change-control rules (changes.h) as text for a
 * terminal, the way 'isms changes check' and 'isms hooks commit-msg'
 * print them. Text that comes from git (names, subjects, messages) has
 * its control characters replaced, so a commit cannot send escape
 * sequences to the terminal.
 */

/* Returns "error", "warning" or "note". */
const char *finding_severity_name(enum diag_severity severity);

/* Appends `s` with every control character (and DEL) replaced by '?'. */
void finding_put_printable(struct buf *out, const char *s);

/*
 * Appends "<severity>: <message> [<rule>]" and a second line
 * "  fix: <fix>", each ended by a newline. With `color` the severity is
 * red for errors and magenta otherwise.
 */
void finding_format(struct buf *out, const struct changes_finding *finding,
    int color);

/*
 * Counts the findings of `result` that are errors and warnings. Returns
 * the exit status they give: 1 when there are errors, or warnings with
 * `strict`, else 0.
 */
int finding_exit_status(const struct changes_result *result, int strict,
    size_t *errors, size_t *warnings);

#endif
