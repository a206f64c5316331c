#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "change.h"
#include "date.h"
#include "xalloc.h"
#include "banned.h"

static const char *const status_names[] = {
	"proposed", "approved", "implementing", "implemented", "reviewed",
	"rejected", "withdrawn", NULL,
};

static const char *const type_names[] = { "normal", "emergency", NULL };

static const char *const change_keys[] = {
	"id", "title", "kind", "status", "type", "requested_by", "purpose",
	"consequences", "integrity", "resources", "responsibilities", "scope",
	"planned", "affects", "approved_by", "approved_on", "implemented_on",
	"review", NULL,
};

static const char *const planned_keys[] = { "from", "to", NULL };
static const char *const review_keys[] = { "by", "date", "outcome", NULL };

const char *
change_status_name(enum change_status status)
{
	size_t count = sizeof(status_names) / sizeof(status_names[0]) - 1;

	if ((size_t)status >= count)
		return "unknown";
	return status_names[status];
}

int
change_status_is_approved(enum change_status status)
{
	return status == CHANGE_APPROVED || status == CHANGE_IMPLEMENTING ||
	    status == CHANGE_IMPLEMENTED || status == CHANGE_REVIEWED;
}

int
change_status_is_closed(enum change_status status)
{
	return status == CHANGE_IMPLEMENTED || status == CHANGE_REVIEWED ||
	    status == CHANGE_REJECTED || status == CHANGE_WITHDRAWN;
}

/* Collects the string items of `key` (a list, or one scalar) into `out`. */
static void
read_ref_list(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, struct ref_list *out)
{
	const struct ynode *list = NULL;
	size_t count;

	if (schema_get_string_list(ctx, map, key, SCHEMA_OPTIONAL, 1,
	    &list) != 1 || !list)
		return;

	count = schema_list_count(list);
	out->nodes = xcalloc(count, sizeof(*out->nodes));
	for (size_t i = 0; i < count; i++) {
		const struct ynode *item = schema_list_item(list, i);

		if (item && item->type == YNODE_SCALAR)
			out->nodes[out->count++] = item;
	}
}

static int
has_text(const char *s)
{
	if (!s)
		return 0;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 1;
	return 0;
}

/* Reports `who` (the value of `field`) when it is not a key of `people`. */
static void
check_person(const struct schema_ctx *ctx, const struct config *config,
    const char *who, const struct ynode *node, const char *field)
{
	const char **keys = NULL;
	const char *suggestion;

	if (!config || !who || config_find_person(config, who))
		return;

	keys = xcalloc(config->people_count + 1, sizeof(*keys));
	for (size_t i = 0; i < config->people_count; i++)
		keys[i] = config->people[i].key;
	suggestion = schema_did_you_mean(who, keys);

	if (suggestion)
		diag_add(ctx->diags, DIAG_ERROR, ctx->path,
		    node ? node->line : 0, node ? node->col : 0,
		    "ref-unknown-person",
		    "%s '%s' is not a person in isms.yaml (did you mean '%s'?)",
		    field, who, suggestion);
	else
		diag_add(ctx->diags, DIAG_ERROR, ctx->path,
		    node ? node->line : 0, node ? node->col : 0,
		    "ref-unknown-person",
		    "%s '%s' is not a person in isms.yaml", field, who);
	free(keys);
}

static void
read_planned(struct change *out, const struct ynode *front,
    const struct schema_ctx *ctx)
{
	const struct ynode *planned = ynode_get(front, "planned");

	if (!planned || !schema_expect_map(ctx, planned, "planned"))
		return;

	schema_check_keys(ctx, planned, planned_keys, "planned");
	if (schema_get_date(ctx, planned, "from", SCHEMA_OPTIONAL,
	    &out->planned_from) == 1)
		out->has_planned_from = 1;
	if (schema_get_date(ctx, planned, "to", SCHEMA_OPTIONAL,
	    &out->planned_to) == 1)
		out->has_planned_to = 1;

	if (out->has_planned_from && out->has_planned_to &&
	    out->planned_to < out->planned_from) {
		const struct ynode *to = ynode_get(planned, "to");

		diag_add(ctx->diags, DIAG_ERROR, ctx->path, to->line, to->col,
		    "invalid-value",
		    "planned 'to' date is before its 'from' date");
	}
}

static void
read_review(struct change *out, const struct ynode *front,
    const struct config *config, const struct schema_ctx *ctx)
{
	const struct ynode *review = ynode_get(front, "review");

	if (!review || !schema_expect_map(ctx, review, "review"))
		return;

	schema_check_keys(ctx, review, review_keys, "review");
	if (schema_get_string(ctx, review, "by", SCHEMA_OPTIONAL,
	    &out->review_by) == 1) {
		out->review_by_node = ynode_get(review, "by");
		check_person(ctx, config, out->review_by, out->review_by_node,
		    "review by");
	}
	if (schema_get_date(ctx, review, "date", SCHEMA_OPTIONAL,
	    &out->review_date) == 1)
		out->has_review_date = 1;
	schema_get_string(ctx, review, "outcome", SCHEMA_OPTIONAL,
	    &out->review_outcome);
}

/*
 * Checks what approval demands: an approver, a date, and every
 * consideration of clause 6.3 written down.
 */
static void
check_approval(const struct change *change, const struct schema_ctx *ctx)
{
	const struct ynode *at = change->status_node;
	struct buf missing = BUF_INIT;
	const char *status = change_status_name(change->status);
	const struct {
		const char *name;
		const char *value;
	} considerations[] = {
		{ "purpose", change->purpose },
		{ "consequences", change->consequences },
		{ "integrity", change->integrity },
		{ "resources", change->resources },
		{ "responsibilities", change->responsibilities },
	};
	size_t missing_count = 0;

	if (!change->approved_by && !change->has_approved_on)
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, at->line, at->col,
		    "change-unapproved",
		    "change is '%s' but has no approved_by or approved_on",
		    status);
	else if (!change->approved_by)
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, at->line, at->col,
		    "change-unapproved",
		    "change is '%s' but has no approved_by", status);
	else if (!change->has_approved_on)
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, at->line, at->col,
		    "change-unapproved",
		    "change is '%s' but has no approved_on", status);

	for (size_t i = 0; i < sizeof(considerations) /
	    sizeof(considerations[0]); i++) {
		if (has_text(considerations[i].value))
			continue;
		if (missing_count++)
			buf_puts(&missing, ", ");
		buf_puts(&missing, considerations[i].name);
	}
	if (missing_count)
		diag_add(ctx->diags, DIAG_WARNING, ctx->path, at->line, at->col,
		    "change-missing-consideration",
		    "change is '%s' but does not state its %s", status,
		    missing.ptr);
	buf_release(&missing);
}

/*
 * Checks that an implemented or reviewed change records its lifecycle:
 * when it was implemented and, once reviewed, who reviewed it, when and
 * with what outcome.
 */
static void
check_lifecycle(const struct change *change, const struct schema_ctx *ctx)
{
	const struct ynode *at = change->status_node;
	const char *missing[4];
	struct buf list = BUF_INIT;
	size_t count = 0;

	if (change->status != CHANGE_IMPLEMENTED &&
	    change->status != CHANGE_REVIEWED)
		return;

	if (!change->has_implemented_on)
		missing[count++] = "implemented_on";
	if (change->status == CHANGE_REVIEWED) {
		if (!has_text(change->review_by))
			missing[count++] = "review.by";
		if (!change->has_review_date)
			missing[count++] = "review.date";
		if (!has_text(change->review_outcome))
			missing[count++] = "review.outcome";
	}
	if (!count)
		return;

	for (size_t i = 0; i < count; i++)
		buf_printf(&list, "%s%s", i == 0 ? "" : i == count - 1 ?
		    " and " : ", ", missing[i]);
	diag_add(ctx->diags, DIAG_WARNING, ctx->path, at->line, at->col,
	    "change-lifecycle-incomplete",
	    "change is '%s' but does not record %s",
	    change_status_name(change->status), list.ptr);
	buf_release(&list);
}

/*
 * Checks that the dates of a change follow its lifecycle: a normal change
 * is implemented after it is approved (an emergency change may be
 * implemented first), and reviewed after it is implemented.
 */
static void
check_lifecycle_dates(const struct change *change, const struct ynode *front,
    const struct schema_ctx *ctx)
{
	char first[11], second[11];

	if (change->type == CHANGE_NORMAL && change->has_approved_on &&
	    change->has_implemented_on &&
	    change->implemented_on < change->approved_on) {
		const struct ynode *node = ynode_get(front, "implemented_on");

		date_format(change->implemented_on, first);
		date_format(change->approved_on, second);
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, node->line,
		    node->col, "invalid-value",
		    "implemented_on %s is before approved_on %s; a normal "
		    "change is implemented after its approval (mark it "
		    "'type: emergency' if it could not wait)", first, second);
	}

	if (change->has_implemented_on && change->has_review_date &&
	    change->review_date < change->implemented_on) {
		const struct ynode *node = ynode_get(ynode_get(front, "review"),
		    "date");

		date_format(change->review_date, first);
		date_format(change->implemented_on, second);
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, node->line,
		    node->col, "invalid-value",
		    "review date %s is before implemented_on %s; a change is "
		    "reviewed after it is implemented", first, second);
	}
}

int
change_parse(struct change *out, const struct ynode *front,
    const struct config *config, const struct schema_ctx *ctx)
{
	int status = 0;
	int type = CHANGE_NORMAL;

	memset(out, 0, sizeof(*out));
	if (!schema_expect_map(ctx, front, "change"))
		return -1;

	schema_check_keys(ctx, front, change_keys, "change");

	if (schema_get_enum(ctx, front, "status", SCHEMA_REQUIRED, status_names,
	    &status) == 1) {
		out->has_status = 1;
		out->status = (enum change_status)status;
		out->status_node = ynode_get(front, "status");
	}
	if (schema_get_enum(ctx, front, "type", SCHEMA_OPTIONAL, type_names,
	    &type) == 1)
		out->type = (enum change_type)type;

	if (schema_get_string(ctx, front, "requested_by", SCHEMA_OPTIONAL,
	    &out->requested_by) == 1) {
		out->requested_by_node = ynode_get(front, "requested_by");
		check_person(ctx, config, out->requested_by,
		    out->requested_by_node, "requested_by");
	}

	schema_get_string(ctx, front, "purpose", SCHEMA_OPTIONAL,
	    &out->purpose);
	schema_get_string(ctx, front, "consequences", SCHEMA_OPTIONAL,
	    &out->consequences);
	schema_get_string(ctx, front, "integrity", SCHEMA_OPTIONAL,
	    &out->integrity);
	schema_get_string(ctx, front, "resources", SCHEMA_OPTIONAL,
	    &out->resources);
	schema_get_string(ctx, front, "responsibilities", SCHEMA_OPTIONAL,
	    &out->responsibilities);

	read_ref_list(ctx, front, "scope", &out->scope);
	read_planned(out, front, ctx);
	read_ref_list(ctx, front, "affects", &out->affects);

	if (schema_get_string(ctx, front, "approved_by", SCHEMA_OPTIONAL,
	    &out->approved_by) == 1) {
		out->approved_by_node = ynode_get(front, "approved_by");
		check_person(ctx, config, out->approved_by,
		    out->approved_by_node, "approved_by");
	}
	if (schema_get_date(ctx, front, "approved_on", SCHEMA_OPTIONAL,
	    &out->approved_on) == 1)
		out->has_approved_on = 1;
	if (schema_get_date(ctx, front, "implemented_on", SCHEMA_OPTIONAL,
	    &out->implemented_on) == 1)
		out->has_implemented_on = 1;
	read_review(out, front, config, ctx);

	if (!out->has_status)
		return -1;

	if (change_status_is_approved(out->status))
		check_approval(out, ctx);
	check_lifecycle(out, ctx);
	check_lifecycle_dates(out, front, ctx);
	return 0;
}

void
change_release(struct change *change)
{
	free(change->scope.nodes);
	free(change->affects.nodes);
	memset(change, 0, sizeof(*change));
}
