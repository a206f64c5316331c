#ifndef ISMS_GITHUB_FORMAT_H
#define ISMS_GITHUB_FORMAT_H

#include <stdio.h>

#include "buf.h"
#include "changes.h"
#include "diag.h"

/*
 * Findings as GitHub Actions workflow commands, one line each, which the
 * runner turns into annotations on the files of a pull request:
 *
 *   ::error file=PATH,line=L,col=C,title=RULE::MESSAGE
 *
 * The command is error, warning or notice (for notes). `prefix` ("" or
 * ending in '/') goes before every path; GitHub reads paths relative to
 * the top of the repository.
 */

/*
 * Appends `s` escaped as the message of a workflow command: '%' becomes
 * %25, CR %0D and LF %0A. Other control characters but tab become '?',
 * so a commit subject cannot write escape sequences into the log.
 */
void github_escape_data(struct buf *out, const char *s);

/*
 * Appends `s` escaped as a property value (file, title): as
 * github_escape_data(), and also ':' becomes %3A and ',' %2C.
 */
void github_escape_property(struct buf *out, const char *s);

/*
 * Writes one command per isms check finding. line and col are left out
 * when they are 0; file is left out for a finding without a path.
 * Returns 0, or ISMS_EFAIL after error_set() when `out` fails.
 */
int github_print_diags(FILE *out, const struct diag_list *list,
    const char *prefix);

/*
 * Writes one command per isms changes check finding. file is the
 * finding's path when it has one, and title is the rule. The message is
 * the short commit id, the quoted subject and the finding's message, with
 * the fix on a second line. Returns 0, or ISMS_EFAIL after error_set().
 */
int github_print_changes(FILE *out, const struct changes_result *result,
    const char *prefix);

#endif
