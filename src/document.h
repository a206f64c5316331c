#ifndef ISMS_DOCUMENT_H
#define ISMS_DOCUMENT_H

#include "config.h"
#include "date.h"
#include "diag.h"
#include "schema.h"
#include "yaml_doc.h"

struct isms;

/*
 * Documented information (clause 7.5): a Markdown file outside the record
 * folders, such as a policy or a procedure, whose optional frontmatter
 * names its owner and approver, the approval date and how often it is
 * reviewed.
 *
 * Frontmatter written for other tools (a static site generator's `id`,
 * `title` and `date`, a compliance tool's own keys) is left alone: the
 * document keys are checked only when the frontmatter has at least one
 * of `owner`, `approved_by`, `approved_on`, `review_every` or a `kind` of
 * document, policy or procedure.
 */

enum document_kind {
	DOCUMENT_GENERIC,	/* `kind: document`, or no kind */
	DOCUMENT_POLICY,
	DOCUMENT_PROCEDURE,
};

struct document {
	int managed;			/* the document keys apply */
	enum document_kind kind;
	const char *id;			/* borrowed from the frontmatter */
	const char *title;
	const char *owner;
	const struct ynode *owner_node;
	const char *approved_by;
	const struct ynode *approved_by_node;
	int approved_on;
	int has_approved_on;
	const struct ynode *approved_on_node;
	struct duration review_every;
	int has_review_every;
};

/*
 * Reads the document keys of `front` (the frontmatter map) into *out when
 * the frontmatter declares a document (see above). Checks each type,
 * reports keys other than id, title, kind, owner, approved_by,
 * approved_on and review_every as `unknown-key`, and each owner or
 * approver that is not a key of `people` as `ref-unknown-person`
 * (skipped when `config` is NULL). A malformed `review_every` is
 * `invalid-value`. Strings are borrowed from `front`. Returns 1 when the
 * document keys apply, 0 when the frontmatter is left alone.
 */
int document_parse(struct document *out, const struct ynode *front,
    const struct config *config, const struct schema_ctx *ctx);

/*
 * Whether the frontmatter map `front` declares a document: it has one of
 * the keys owner, approved_by, approved_on, review_every, or a `kind`
 * that is a document kind.
 */
int document_declared(const struct ynode *front);

/* The kind named `name` (document, policy, procedure), or -1. */
int document_kind_lookup(const char *name);

/* "document", "policy" or "procedure". */
const char *document_kind_name(enum document_kind kind);

/*
 * The next review: `review_every` after `approved_on`. Returns 1 and sets
 * *out, or 0 when either is missing. A document that was never approved
 * has no review date, because its review starts with an approval.
 */
int document_next_review(const struct document *doc, int *out);

/*
 * Adds the findings that depend on `today` (days since 1970-01-01) for
 * every document of `isms`: `date-in-future` (error) for an `approved_on`
 * later than today, else the warning `document-review-overdue` when the
 * next review is before today.
 */
void document_check_reviews(const struct isms *isms, int today,
    struct diag_list *diags);

#endif
