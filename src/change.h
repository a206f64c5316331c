#ifndef ISMS_CHANGE_H
#define ISMS_CHANGE_H

#include <stddef.h>

#include "config.h"
#include "risk.h"
#include "schema.h"
#include "yaml_doc.h"

/*
 * A change record (clause 6.3): a planned change to the ISMS, its
 * considerations, its scope and its approval. changes.h judges commits
 * against these records.
 */

enum change_status {
	CHANGE_PROPOSED,
	CHANGE_APPROVED,
	CHANGE_IMPLEMENTING,
	CHANGE_IMPLEMENTED,
	CHANGE_REVIEWED,
	CHANGE_REJECTED,
	CHANGE_WITHDRAWN,
};

enum change_type { CHANGE_NORMAL, CHANGE_EMERGENCY };

struct change {
	int has_status;
	enum change_status status;
	const struct ynode *status_node;
	enum change_type type;
	const char *requested_by;
	const struct ynode *requested_by_node;

	/* The considerations of clause 6.3; NULL when absent. */
	const char *purpose;
	const char *consequences;
	const char *integrity;
	const char *resources;
	const char *responsibilities;

	struct ref_list scope;		/* globs or record ids, see glob.h */
	int planned_from, has_planned_from;
	int planned_to, has_planned_to;
	struct ref_list affects;	/* ids of records to reassess */
	const char *approved_by;
	const struct ynode *approved_by_node;
	int approved_on, has_approved_on;
	int implemented_on, has_implemented_on;
	const char *review_by;
	const struct ynode *review_by_node;
	int review_date, has_review_date;
	const char *review_outcome;
};

/*
 * Reads the change fields of `front`, the frontmatter map (`id`, `title`
 * and `kind` are read by the loader and only accepted here), and checks
 * each value's type. Findings, added to ctx->diags:
 *   unknown-key and the type rules of schema.h;
 *   change-unapproved (error): status approved or later (implementing,
 *     implemented, reviewed) without approved_by or approved_on;
 *   change-missing-consideration (warning): status approved or later
 *     without purpose, consequences, integrity, resources or
 *     responsibilities, naming each one missing;
 *   change-lifecycle-incomplete (warning): status implemented or reviewed
 *     without implemented_on, or reviewed without review.by, review.date
 *     or review.outcome, naming each one missing;
 *   ref-unknown-person (error): requested_by, approved_by or review.by is
 *     not a key of `people` in isms.yaml (skipped when `config` is NULL);
 *   invalid-value (error): planned.to before planned.from, implemented_on
 *     before approved_on (normal changes only, because an emergency
 *     change may be implemented first), or review.date before
 *     implemented_on.
 * The record ids in `scope` and `affects` are resolved by the loader,
 * which sees every record.
 *
 * Strings in *out are borrowed from `front`. Returns 0, or -1 when the
 * change has no valid status and so cannot be judged; release *out with
 * change_release() in both cases.
 */
int change_parse(struct change *out, const struct ynode *front,
    const struct config *config, const struct schema_ctx *ctx);

void change_release(struct change *change);

/* "proposed", "approved", ... */
const char *change_status_name(enum change_status status);

/* approved, implementing, implemented or reviewed. */
int change_status_is_approved(enum change_status status);

/* implemented, reviewed, rejected or withdrawn: no more work may name it. */
int change_status_is_closed(enum change_status status);

#endif
