#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "criteria.h"
#include "document.h"
#include "future_date.h"
#include "isms.h"
#include "xalloc.h"
#include "banned.h"

static const char *const document_keys[] = {
	"id", "title", "kind", "owner", "approved_by", "approved_on",
	"review_every", NULL
};

/*
 * Any of these in the frontmatter makes it the document's own. `id` and
 * `title` are not among them because other tools (static site
 * generators, compliance tools) use them too.
 */
static const char *const declaring_keys[] = {
	"owner", "approved_by", "approved_on", "review_every", NULL
};

static const char *const kind_names[] = {
	[DOCUMENT_GENERIC] = "document",
	[DOCUMENT_POLICY] = "policy",
	[DOCUMENT_PROCEDURE] = "procedure",
	NULL
};

int
document_kind_lookup(const char *name)
{
	for (int i = 0; kind_names[i]; i++)
		if (strcmp(name, kind_names[i]) == 0)
			return i;
	return -1;
}

const char *
document_kind_name(enum document_kind kind)
{
	return kind_names[kind];
}

int
document_declared(const struct ynode *front)
{
	const struct ynode *kind = ynode_get(front, "kind");

	for (size_t i = 0; declaring_keys[i]; i++)
		if (ynode_get_key(front, declaring_keys[i]))
			return 1;
	return kind && kind->type == YNODE_SCALAR &&
	    document_kind_lookup(kind->value) >= 0;
}

/* Reports `ref-unknown-person` when `key` is not a key of `people`. */
static void
check_person(const struct schema_ctx *ctx, const struct config *config,
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
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, node->line,
		    node->col, "ref-unknown-person", "%s '%s' is not in "
		    "'people' of isms.yaml; did you mean '%s'?", role, key,
		    close);
	else
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, node->line,
		    node->col, "ref-unknown-person", "%s '%s' is not in "
		    "'people' of isms.yaml; add them there or name someone "
		    "who is", role, key);
	free(keys);
}

int
document_parse(struct document *out, const struct ynode *front,
    const struct config *config, const struct schema_ctx *file_ctx)
{
	struct schema_ctx ctx = *file_ctx;
	int kind = DOCUMENT_GENERIC;

	memset(out, 0, sizeof(*out));
	if (!front || front->type != YNODE_MAP || !document_declared(front))
		return 0;
	out->managed = 1;
	ctx.what = "document";

	schema_check_keys(&ctx, front, document_keys, "document");
	schema_get_string(&ctx, front, "id", SCHEMA_OPTIONAL, &out->id);
	schema_get_string(&ctx, front, "title", SCHEMA_OPTIONAL, &out->title);
	schema_get_enum(&ctx, front, "kind", SCHEMA_OPTIONAL, kind_names,
	    &kind);
	out->kind = (enum document_kind)kind;

	if (schema_get_string(&ctx, front, "owner", SCHEMA_OPTIONAL,
	    &out->owner) == 1)
		out->owner_node = ynode_get(front, "owner");
	if (schema_get_string(&ctx, front, "approved_by", SCHEMA_OPTIONAL,
	    &out->approved_by) == 1)
		out->approved_by_node = ynode_get(front, "approved_by");
	if (schema_get_date(&ctx, front, "approved_on", SCHEMA_OPTIONAL,
	    &out->approved_on) == 1) {
		out->has_approved_on = 1;
		out->approved_on_node = ynode_get(front, "approved_on");
	}
	if (criteria_get_duration(&ctx, front, "review_every", "invalid-value",
	    &out->review_every) == 1)
		out->has_review_every = 1;

	check_person(&ctx, config, out->owner, out->owner_node,
	    "document owner");
	check_person(&ctx, config, out->approved_by, out->approved_by_node,
	    "document approver");
	return 1;
}

int
document_next_review(const struct document *doc, int *out)
{
	if (!doc->has_approved_on || !doc->has_review_every)
		return 0;
	*out = date_add(doc->approved_on, &doc->review_every);
	return 1;
}

/* "12 months", "1 year". */
static void
format_duration(struct buf *out, const struct duration *d)
{
	static const char *const units[] = { "day", "week", "month", "year" };

	buf_printf(out, "%ld %s%s", d->count, units[d->unit],
	    d->count == 1 ? "" : "s");
}

void
document_check_reviews(const struct isms *isms, int today,
    struct diag_list *diags)
{
	struct buf every = BUF_INIT;
	char due[11], approved[11];

	for (size_t i = 0; i < isms->record_count; i++) {
		const struct record *rec = &isms->records[i];
		const struct document *doc = rec->document;
		int next;

		if (!doc)
			continue;
		if (doc->has_approved_on && future_date_check(diags,
		    rec->path, doc->approved_on_node, "'approved_on'",
		    doc->approved_on, today))
			continue;
		if (!document_next_review(doc, &next) || today <= next)
			continue;
		date_format(next, due);
		date_format(doc->approved_on, approved);
		buf_reset(&every);
		format_duration(&every, &doc->review_every);
		diag_add(diags, DIAG_WARNING, rec->path,
		    doc->approved_on_node->line, doc->approved_on_node->col,
		    "document-review-overdue", "review was due on '%s', %s "
		    "after the approval on '%s'; review the document and "
		    "record the new approval in 'approved_on'", due,
		    every.ptr, approved);
	}
	buf_release(&every);
}
