#ifndef ISMS_PLANNING_H
#define ISMS_PLANNING_H

#include "diag.h"

struct isms;
struct record;

/*
 * Checks of clause 6.1.1 and 6.2 that span records: planning starts from
 * the issues (clause 4.1) and requirements (clause 4.2) that risks to the
 * ISMS and opportunities name in `sources`, and the date-dependent
 * findings of opportunities and objectives.
 */

/*
 * Checks the `sources` of `rec`. A risk with `scope: isms` or an
 * opportunity that names no source draws `planning-no-source` (warning).
 * An opportunity's sources must name issues or requirements
 * (`ref-unknown-record`, `ref-wrong-kind`); a risk's sources are checked
 * by the loader. Does nothing for other records.
 */
void planning_check_sources(const struct isms *isms, const struct record *rec,
    struct diag_list *diags);

/*
 * Adds the findings that depend on `today` (days since 1970-01-01) for
 * every opportunity and objective; see opportunity_check_dates() and
 * objective_check_dates().
 */
void planning_check_dates(const struct isms *isms, int today,
    struct diag_list *diags);

#endif
