#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "xalloc.h"
#include "banned.h"

static const char *const action_keys[] = {
	"id", "text", "owner", "due", "status", "evidence", NULL
};

static const char *const action_status_names[] = {
	"planned", "in-progress", "done", NULL
};

static const char *const review_keys[] = { "last", "next", NULL };

const struct ynode *
fields_get_value(const struct ynode *map, const char *key)
{
	static const char *const nulls[] = { "~", "null", "Null", "NULL" };
	const struct ynode *node = ynode_get(map, key);

	if (!node || node->type != YNODE_SCALAR || !node->plain)
		return node;
	if (!node->value_len)
		return NULL;
	for (size_t i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++)
		if (strcmp(node->value, nulls[i]) == 0)
			return NULL;
	return node;
}

int
fields_has_text(const char *s)
{
	if (!s)
		return 0;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 1;
	return 0;
}

void
fields_parse_refs(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, struct ref_list *out)
{
	const struct ynode *list = NULL;
	size_t n;

	if (schema_get_string_list(ctx, map, key, SCHEMA_OPTIONAL, 1,
	    &list) != 1 || !list)
		return;

	n = schema_list_count(list);
	out->nodes = xcalloc(n ? n : 1, sizeof(*out->nodes));
	for (size_t i = 0; i < n; i++) {
		const struct ynode *item = schema_list_item(list, i);

		if (item && item->type == YNODE_SCALAR)
			out->nodes[out->count++] = item;
	}
}

void
fields_refs_release(struct ref_list *list)
{
	free(list->nodes);
	list->nodes = NULL;
	list->count = 0;
}

void
fields_check_person(const struct schema_ctx *ctx, const struct config *config,
    const char *key, const struct ynode *node, const char *role)
{
	const char **keys;
	const char *close;

	if (!config || !key || config_find_person(config, key))
		return;

	keys = xcalloc(config->people_count + 1, sizeof(*keys));
	for (size_t i = 0; i < config->people_count; i++)
		keys[i] = config->people[i].key;
	close = schema_did_you_mean(key, keys);

	if (close)
		diag_add(ctx->diags, DIAG_ERROR, ctx->path,
		    node ? node->line : 0, node ? node->col : 0,
		    "ref-unknown-person", "%s '%s' is not in 'people' of "
		    "isms.yaml; did you mean '%s'?", role, key, close);
	else
		diag_add(ctx->diags, DIAG_ERROR, ctx->path,
		    node ? node->line : 0, node ? node->col : 0,
		    "ref-unknown-person", "%s '%s' is not in 'people' of "
		    "isms.yaml; add them there or name someone who is", role,
		    key);
	free(keys);
}

static void
parse_action(struct action *out, const struct schema_ctx *ctx,
    const struct ynode *node, const struct config *config)
{
	struct schema_ctx sub = *ctx;
	int status = ACTION_PLANNED;

	out->node = node;
	if (!schema_expect_map(ctx, node, "action"))
		return;
	sub.what = "action";
	schema_check_keys(ctx, node, action_keys, "action");

	schema_get_string(&sub, node, "id", SCHEMA_OPTIONAL, &out->id);
	schema_get_string(&sub, node, "text", SCHEMA_OPTIONAL, &out->text);
	if (schema_get_string(&sub, node, "owner", SCHEMA_REQUIRED,
	    &out->owner) == 1) {
		out->owner_node = ynode_get(node, "owner");
		fields_check_person(ctx, config, out->owner, out->owner_node,
		    "action owner");
	}
	if (schema_get_date(&sub, node, "due", SCHEMA_REQUIRED,
	    &out->due) == 1)
		out->has_due = 1;
	schema_get_enum(&sub, node, "status", SCHEMA_OPTIONAL,
	    action_status_names, &status);
	out->status = (enum action_status)status;
	schema_get_string(&sub, node, "evidence", SCHEMA_OPTIONAL,
	    &out->evidence);
}

void
fields_parse_actions(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, const struct config *config, struct action **out,
    size_t *count)
{
	const struct ynode *list = fields_get_value(map, key);

	*out = NULL;
	*count = 0;
	if (!list)
		return;
	if (list->type != YNODE_SEQ) {
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, list->line,
		    list->col, "wrong-type", "'%s' must be a sequence of "
		    "actions, not %s", key, ynode_type_name(list->type));
		return;
	}

	*out = xcalloc(list->count ? list->count : 1, sizeof(**out));
	*count = list->count;
	for (size_t i = 0; i < list->count; i++)
		parse_action(&(*out)[i], ctx, list->items[i], config);
}

void
fields_parse_review(const struct schema_ctx *ctx, const struct ynode *map,
    struct review_dates *out)
{
	struct schema_ctx sub = *ctx;
	const struct ynode *node = fields_get_value(map, "review");

	memset(out, 0, sizeof(*out));
	if (!node)
		return;
	if (!schema_expect_map(ctx, node, "review"))
		return;
	out->node = node;
	sub.what = "review";
	schema_check_keys(ctx, node, review_keys, "review");
	if (schema_get_date(&sub, node, "last", SCHEMA_OPTIONAL,
	    &out->last) == 1)
		out->has_last = 1;
	if (schema_get_date(&sub, node, "next", SCHEMA_OPTIONAL,
	    &out->next) == 1)
		out->has_next = 1;
}

void
fields_check_overdue_actions(struct diag_list *diags, const char *path,
    const struct action *actions, size_t count, int today, const char *rule)
{
	char due[11];

	for (size_t i = 0; i < count; i++) {
		const struct action *action = &actions[i];
		const struct ynode *at = action->node;

		if (action->status == ACTION_DONE || !action->has_due ||
		    action->due >= today)
			continue;
		date_format(action->due, due);
		if (action->id)
			diag_add(diags, DIAG_WARNING, path, at ? at->line : 0,
			    at ? at->col : 0, rule, "action '%s' was due on "
			    "'%s' but is '%s'; finish it or set a new 'due' "
			    "date", action->id, due,
			    action_status_name(action->status));
		else
			diag_add(diags, DIAG_WARNING, path, at ? at->line : 0,
			    at ? at->col : 0, rule, "action %zu was due on "
			    "'%s' but is '%s'; finish it or set a new 'due' "
			    "date", i + 1, due,
			    action_status_name(action->status));
	}
}
