#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "schema.h"
#include "soa.h"
#include "xalloc.h"
#include "banned.h"

static const char *const control_keys[] = {
	"id", "title", "applicable", "justification", "status", NULL
};

static const char *const status_names[] = {
	"planned", "implemented", "not-applicable", NULL
};

static void
parse_control(struct control *control, const struct ynode *node,
    const struct schema_ctx *ctx)
{
	int status = CONTROL_PLANNED;

	control->node = node;
	control->applicable = 1;
	schema_check_keys(ctx, node, control_keys, "control");
	schema_get_string(ctx, node, "id", SCHEMA_REQUIRED, &control->id);
	schema_get_string(ctx, node, "title", SCHEMA_OPTIONAL, &control->title);
	schema_get_bool(ctx, node, "applicable", SCHEMA_REQUIRED,
	    &control->applicable);
	schema_get_string(ctx, node, "justification", SCHEMA_OPTIONAL,
	    &control->justification);
	/* A blank justification justifies nothing, here and in reports. */
	if (!fields_has_text(control->justification))
		control->justification = NULL;
	schema_get_enum(ctx, node, "status", SCHEMA_OPTIONAL, status_names,
	    &status);
	control->status = status;

	if (!control->applicable && !control->justification)
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, node->line, node->col,
		    "soa-exclusion-unjustified", "control '%s' is excluded "
		    "without a justification; say why it does not apply",
		    control->id ? control->id : "?");
	if (!control->applicable && control->status != CONTROL_NOT_APPLICABLE)
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, node->line, node->col,
		    "soa-status", "control '%s' is not applicable but has "
		    "status '%s'; set 'status: not-applicable'",
		    control->id ? control->id : "?",
		    status_names[control->status]);
	if (control->applicable && control->status == CONTROL_NOT_APPLICABLE)
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, node->line, node->col,
		    "soa-status", "control '%s' is applicable but has status "
		    "'not-applicable'; set 'applicable: false' or another "
		    "status", control->id ? control->id : "?");
}

static void
check_duplicates(const struct soa *soa, const struct schema_ctx *ctx)
{
	for (size_t i = 0; i < soa->count; i++) {
		const struct control *c = &soa->controls[i];

		if (!c->id)
			continue;
		for (size_t j = 0; j < i; j++) {
			if (!soa->controls[j].id ||
			    strcmp(soa->controls[j].id, c->id) != 0)
				continue;
			diag_add(ctx->diags, DIAG_ERROR, ctx->path,
			    c->node->line, c->node->col, "soa-duplicate-control",
			    "control '%s' is listed twice; the first entry is "
			    "on line %zu", c->id, soa->controls[j].node->line);
			break;
		}
	}
}

/* The four themes of Annex A of ISO/IEC 27001:2022 and their sizes. */
static const struct {
	int theme;
	int count;
} annex_a_themes[] = {
	{ 5, 37 },	/* organizational controls */
	{ 6, 8 },	/* people controls */
	{ 7, 14 },	/* physical controls */
	{ 8, 34 },	/* technological controls */
};

/* Reports each Annex A control the SoA does not list. */
static void
check_annex_a_complete(const struct soa *soa, const struct schema_ctx *ctx)
{
	char id[24];

	for (size_t t = 0; t < sizeof(annex_a_themes) / sizeof(annex_a_themes[0]);
	    t++) {
		for (int n = 1; n <= annex_a_themes[t].count; n++) {
			snprintf(id, sizeof(id), "%d.%d", annex_a_themes[t].theme,
			    n);
			if (soa_find(soa, id))
				continue;
			diag_add(ctx->diags, DIAG_ERROR, ctx->path,
			    soa->doc->line, 1, "soa-missing-control",
			    "Annex A control '%s' is missing; list it with "
			    "'applicable' and a justification", id);
		}
	}
}

int
soa_parse(struct soa *out, const char *text, size_t len,
    struct diag_list *diags)
{
	static const char *const top_keys[] = { "controls", NULL };
	struct schema_ctx ctx = { SOA_PATH, diags, "control" };
	const struct ynode *list;

	if (yaml_doc_parse(&out->doc, text, len, SOA_PATH, 0, diags) < 0)
		return -1;
	if (!schema_expect_map(&ctx, out->doc, "Statement of Applicability"))
		return -1;
	schema_check_keys(&ctx, out->doc, top_keys,
	    "Statement of Applicability");

	list = ynode_get(out->doc, "controls");
	if (!list) {
		diag_add(diags, DIAG_ERROR, SOA_PATH, out->doc->line, 1,
		    "missing-field", "Statement of Applicability has no "
		    "'controls'; list every Annex A control under it");
		return -1;
	}
	if (list->type != YNODE_SEQ) {
		diag_add(diags, DIAG_ERROR, SOA_PATH, list->line, list->col,
		    "wrong-type", "'controls' must be a sequence, not %s",
		    ynode_type_name(list->type));
		return -1;
	}

	out->controls = xcalloc(list->count, sizeof(*out->controls));
	for (size_t i = 0; i < list->count; i++) {
		if (!schema_expect_map(&ctx, list->items[i], "control"))
			continue;
		parse_control(&out->controls[out->count++], list->items[i],
		    &ctx);
	}
	check_duplicates(out, &ctx);
	check_annex_a_complete(out, &ctx);
	return 0;
}

void
soa_release(struct soa *soa)
{
	ynode_free(soa->doc);
	free(soa->controls);
	memset(soa, 0, sizeof(*soa));
}

const struct control *
soa_find(const struct soa *soa, const char *id)
{
	for (size_t i = 0; i < soa->count; i++)
		if (soa->controls[i].id && strcmp(soa->controls[i].id, id) == 0)
			return &soa->controls[i];
	return NULL;
}
