#ifndef ISMS_ISMS_H
#define ISMS_ISMS_H

#include <stddef.h>

#include "change.h"
#include "config.h"
#include "context.h"
#include "diag.h"
#include "document.h"
#include "frontmatter.h"
#include "objective.h"
#include "opportunity.h"
#include "risk.h"
#include "soa.h"
#include "source.h"
#include "yaml_doc.h"

/*
 * A whole ISMS loaded from one source (working tree, index or commit):
 * isms.yaml, every record, the Statement of Applicability and the other
 * Markdown documents. Loading checks each file on its own and then the
 * references between them; computed results live in assess.h.
 */

struct record {
	enum record_kind kind;		/* KIND_DOCUMENT for other Markdown */
	char *path;			/* relative to the ISMS root */
	char *text;			/* the whole file, NUL-terminated */
	size_t len;
	struct frontmatter fm;
	struct ynode *front;		/* owned; NULL without frontmatter */
	const char *id;			/* borrowed from front; may be NULL */
	const struct ynode *id_node;
	const char *title;
	struct risk *risk;		/* KIND_RISK records that parsed */
	struct change *change;		/* KIND_CHANGE records that parsed */
	struct objective *objective;	/* KIND_OBJECTIVE records */
	struct opportunity *opportunity;	/* KIND_OPPORTUNITY records */
	struct context_record *context;	/* KIND_ISSUE, KIND_REQUIREMENT */
	struct document *document;	/* KIND_DOCUMENT with document keys */
};

struct isms {
	struct config config;
	int config_ok;			/* isms.yaml was usable */
	struct record *records;		/* sorted by path */
	size_t record_count;
	size_t record_alloc;
	struct soa soa;
	char config_blob_id[41];	/* git blob id of isms.yaml */
	char *source_label;		/* "working tree", "index", a commit id */
};

#define ISMS_INIT { 0 }

/*
 * Loads the ISMS that `src` shows, adding findings about the files to
 * `diags`. Returns 0 when there was something to check, even with
 * findings. Returns a negative error code after error_set() when the ISMS
 * cannot be read at all (no isms.yaml, unreadable source). Release *out in
 * both cases.
 */
int isms_load(struct isms *out, struct source *src, struct diag_list *diags);

void isms_release(struct isms *isms);

/* The record with id `id`, or NULL. Borrowed. */
const struct record *isms_find_record(const struct isms *isms,
    const char *id);

/*
 * Checks that each id in `refs` (the field `field` of `rec`) names a
 * record whose kind is a bit of `kinds` (1u << KIND_*), reporting
 * `ref-unknown-record` or `ref-wrong-kind` at the id.
 */
void isms_check_refs(const struct isms *isms, const struct record *rec,
    const struct ref_list *refs, const char *field, unsigned kinds,
    struct diag_list *diags);

/* The folder that holds records of `kind` by default: "risks/". */
const char *isms_kind_folder(enum record_kind kind);

#endif
