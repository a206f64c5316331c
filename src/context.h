#ifndef ISMS_CONTEXT_H
#define ISMS_CONTEXT_H

#include "config.h"
#include "diag.h"
#include "risk.h"
#include "schema.h"

struct isms;
struct record;

/*
 * The context of the organisation: an issue (clause 4.1, an internal or
 * external matter that affects the ISMS) or a requirement of an interested
 * party (clause 4.2). Risks and opportunities name them in `sources`,
 * objectives name requirements in `addresses`.
 */

enum issue_type { ISSUE_TYPE_NONE, ISSUE_INTERNAL, ISSUE_EXTERNAL };

struct context_record {
	enum record_kind kind;		/* KIND_ISSUE or KIND_REQUIREMENT */
	enum issue_type issue_type;	/* issues: `kind: internal|external` */
	const char *source;		/* issues: where it was found */
	const char *party;		/* requirements: the interested party */
	const char *description;
	struct ref_list controls;	/* requirements: control ids it calls for */
};

/*
 * Reads an issue or a requirement (`kind` selects which) from `front`, the
 * frontmatter map whose `id` and `title` the loader reads. Keys of an
 * issue: id, title, kind (internal, external, or the record kind `issue`),
 * source, description. Keys of a requirement: id, title, kind (only the
 * record kind `requirement`), party, description, controls. Every field
 * but `id` and `title` is optional, so a new record can be filled in step
 * by step.
 * Findings go to ctx->diags with the rule ids of schema.h. Strings are
 * borrowed from `front`. Returns 0, or -1 when `front` is not a map;
 * release *out with context_release() in both cases.
 */
int context_parse(struct context_record *out, enum record_kind kind,
    const struct ynode *front, const struct schema_ctx *ctx);

/*
 * Checks what needs the whole ISMS: every control a requirement names is
 * in controls/soa.yaml when the SoA exists (`ref-unknown-control`, with
 * the closest id as a hint). Does nothing for records without a parsed
 * context record.
 */
void context_check(const struct isms *isms, const struct record *rec,
    struct diag_list *diags);

void context_release(struct context_record *context);

/* "", "internal" or "external". */
const char *issue_type_name(enum issue_type type);

#endif
