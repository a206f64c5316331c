#ifndef ISMS_OPPORTUNITY_H
#define ISMS_OPPORTUNITY_H

#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "fields.h"
#include "risk.h"
#include "schema.h"

struct record;

/*
 * An opportunity record (clause 6.1.1): a chance, found from the
 * organisation's issues and requirements, to improve information security
 * or the ISMS, with the actions that pursue it.
 */

enum opportunity_status {
	OPPORTUNITY_IDENTIFIED,
	OPPORTUNITY_PURSUING,
	OPPORTUNITY_REALISED,
	OPPORTUNITY_DROPPED,
};

struct opportunity {
	const char *owner;
	const struct ynode *owner_node;
	enum opportunity_status status;
	struct ref_list sources;	/* ISS- and REQ- ids */
	const struct ynode *sources_node;	/* NULL when absent */
	const char *benefit;
	struct action *actions;
	size_t action_count;
	struct review_dates review;
};

/*
 * Reads the opportunity fields of `front` (`id`, `title` and `kind` are
 * read by the loader): owner and status (required), sources, benefit,
 * actions (as in fields.h) and review {last, next}. Findings go to
 * ctx->diags: unknown-key and the type rules of schema.h, missing-field,
 * and ref-unknown-person for the owner and action owners (skipped when
 * `config` is NULL). The ids in `sources` are resolved by planning.h,
 * which has every record. Strings are borrowed from `front`.
 *
 * Returns 0, or -1 when `front` is not a map; release *out with
 * opportunity_release() in both cases.
 */
int opportunity_parse(struct opportunity *out, const struct ynode *front,
    const struct config *config, const struct schema_ctx *ctx);

void opportunity_release(struct opportunity *opportunity);

/*
 * Adds the findings that depend on `today` for the opportunity of `rec`:
 * an open action past its due date (`opportunity-action-overdue`) and a
 * review past `review.next` (`opportunity-review-overdue`), both
 * warnings. A realised or dropped opportunity draws neither.
 */
void opportunity_check_dates(const struct record *rec, int today,
    struct diag_list *diags);

/* "identified", "pursuing", "realised" or "dropped". */
const char *opportunity_status_name(enum opportunity_status status);

#endif
