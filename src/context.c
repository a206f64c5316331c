#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "isms.h"
#include "fields.h"
#include "xalloc.h"
#include "banned.h"

static const char *const issue_keys[] = {
	"id", "title", "kind", "source", "description", NULL
};

static const char *const requirement_keys[] = {
	"id", "title", "kind", "party", "description", "controls", NULL
};

/* An issue's `kind` is its type; `issue` is the record kind and sets none. */
static const char *const issue_kind_names[] = {
	"internal", "external", "issue", NULL
};

static const enum issue_type type_of_issue_kind[] = {
	ISSUE_INTERNAL, ISSUE_EXTERNAL, ISSUE_TYPE_NONE
};

static const char *const requirement_kind_names[] = { "requirement", NULL };

static const char *const issue_type_names[] = { "", "internal", "external" };

const char *
issue_type_name(enum issue_type type)
{
	return issue_type_names[type];
}

static void
parse_issue(struct context_record *out, const struct ynode *front,
    const struct schema_ctx *ctx)
{
	int kind;

	schema_check_keys(ctx, front, issue_keys, "issue");
	if (schema_get_enum(ctx, front, "kind", SCHEMA_OPTIONAL,
	    issue_kind_names, &kind) == 1)
		out->issue_type = type_of_issue_kind[kind];
	schema_get_string(ctx, front, "source", SCHEMA_OPTIONAL, &out->source);
	schema_get_string(ctx, front, "description", SCHEMA_OPTIONAL,
	    &out->description);
}

static void
parse_requirement(struct context_record *out, const struct ynode *front,
    const struct schema_ctx *ctx)
{
	int kind;

	schema_check_keys(ctx, front, requirement_keys, "requirement");
	schema_get_enum(ctx, front, "kind", SCHEMA_OPTIONAL,
	    requirement_kind_names, &kind);
	schema_get_string(ctx, front, "party", SCHEMA_OPTIONAL, &out->party);
	schema_get_string(ctx, front, "description", SCHEMA_OPTIONAL,
	    &out->description);
	fields_parse_refs(ctx, front, "controls", &out->controls);
}

int
context_parse(struct context_record *out, enum record_kind kind,
    const struct ynode *front, const struct schema_ctx *ctx)
{
	struct schema_ctx sub = *ctx;

	memset(out, 0, sizeof(*out));
	out->kind = kind;
	sub.what = kind == KIND_REQUIREMENT ? "requirement" : "issue";
	if (!schema_expect_map(ctx, front, sub.what))
		return -1;

	if (kind == KIND_REQUIREMENT)
		parse_requirement(out, front, &sub);
	else
		parse_issue(out, front, &sub);
	return 0;
}

void
context_check(const struct isms *isms, const struct record *rec,
    struct diag_list *diags)
{
	const struct context_record *context = rec->context;
	const char **ids = NULL;

	if (!context || !context->controls.count || !isms->soa.present)
		return;

	ids = xcalloc(isms->soa.count + 1, sizeof(*ids));
	for (size_t i = 0; i < isms->soa.count; i++)
		ids[i] = isms->soa.controls[i].id;

	for (size_t i = 0; i < context->controls.count; i++) {
		const struct ynode *node = context->controls.nodes[i];
		const char *close;

		if (soa_find(&isms->soa, node->value))
			continue;
		close = schema_did_you_mean(node->value, ids);
		if (close)
			diag_add(diags, DIAG_ERROR, rec->path, node->line,
			    node->col, "ref-unknown-control", "control '%s' "
			    "is not in the Statement of Applicability (%s); "
			    "did you mean '%s'?", node->value, SOA_PATH, close);
		else
			diag_add(diags, DIAG_ERROR, rec->path, node->line,
			    node->col, "ref-unknown-control", "control '%s' "
			    "is not in the Statement of Applicability (%s); "
			    "add it there or correct the id", node->value,
			    SOA_PATH);
	}
	free(ids);
}

void
context_release(struct context_record *context)
{
	if (!context)
		return;
	fields_refs_release(&context->controls);
}
