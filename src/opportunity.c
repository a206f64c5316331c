#include <stdlib.h>
#include <string.h>

#include "isms.h"
#include "opportunity.h"
#include "banned.h"

static const char *const opportunity_keys[] = {
	"id", "title", "kind", "owner", "status", "sources", "benefit",
	"actions", "review", NULL
};

static const char *const status_names[] = {
	"identified", "pursuing", "realised", "dropped", NULL
};

const char *
opportunity_status_name(enum opportunity_status status)
{
	return status_names[status];
}

int
opportunity_parse(struct opportunity *out, const struct ynode *front,
    const struct config *config, const struct schema_ctx *ctx)
{
	struct schema_ctx sub = *ctx;
	int status = OPPORTUNITY_IDENTIFIED;

	memset(out, 0, sizeof(*out));
	if (!schema_expect_map(ctx, front, "opportunity"))
		return -1;
	sub.what = "opportunity";
	schema_check_keys(ctx, front, opportunity_keys, "opportunity");

	if (schema_get_string(&sub, front, "owner", SCHEMA_REQUIRED,
	    &out->owner) == 1) {
		out->owner_node = ynode_get(front, "owner");
		fields_check_person(ctx, config, out->owner, out->owner_node,
		    "opportunity owner");
	}
	schema_get_enum(&sub, front, "status", SCHEMA_REQUIRED, status_names,
	    &status);
	out->status = (enum opportunity_status)status;
	fields_parse_refs(&sub, front, "sources", &out->sources);
	out->sources_node = fields_get_value(front, "sources");
	schema_get_string(&sub, front, "benefit", SCHEMA_OPTIONAL,
	    &out->benefit);
	fields_parse_actions(&sub, front, "actions", config, &out->actions,
	    &out->action_count);
	fields_parse_review(&sub, front, &out->review);
	return 0;
}

void
opportunity_check_dates(const struct record *rec, int today,
    struct diag_list *diags)
{
	const struct opportunity *opp = rec->opportunity;
	const struct ynode *at;
	char next[11];

	if (!opp || opp->status == OPPORTUNITY_REALISED ||
	    opp->status == OPPORTUNITY_DROPPED)
		return;

	fields_check_overdue_actions(diags, rec->path, opp->actions,
	    opp->action_count, today, "opportunity-action-overdue");

	if (!opp->review.has_next || opp->review.next >= today)
		return;
	at = ynode_get(opp->review.node, "next");
	date_format(opp->review.next, next);
	diag_add(diags, DIAG_WARNING, rec->path, at->line, at->col,
	    "opportunity-review-overdue", "review was due on '%s'; review "
	    "the opportunity and update 'review'", next);
}

void
opportunity_release(struct opportunity *opportunity)
{
	if (!opportunity)
		return;
	fields_refs_release(&opportunity->sources);
	free(opportunity->actions);
	opportunity->actions = NULL;
	opportunity->action_count = 0;
}
