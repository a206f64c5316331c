#ifndef ISMS_FUTURE_DATE_H
#define ISMS_FUTURE_DATE_H

#include "diag.h"
#include "yaml_doc.h"

/*
 * The rule `date-in-future` (error): a date that records something that
 * has already happened, such as an approval, an acceptance, a review or
 * a measurement, cannot be later than today. Dates that plan the future
 * (due dates, `review.next`, `until`) are not checked with it.
 */

/*
 * Adds `date-in-future` at `node` of the file `path` when `date` is later
 * than `today` (both days since 1970-01-01). `field` names the date in
 * the message, quoted as the file writes it: "'plan_approved_on'".
 * Returns 1 when the finding was added, else 0.
 */
int future_date_check(struct diag_list *diags, const char *path,
    const struct ynode *node, const char *field, int date, int today);

#endif
