#ifndef ISMS_SOA_H
#define ISMS_SOA_H

#include <stddef.h>

#include "diag.h"
#include "yaml_doc.h"

/*
 * The Statement of Applicability, controls/soa.yaml: every Annex A control
 * of ISO/IEC 27001:2022 and any organisation controls, each applicable or
 * not, with a justification and an implementation status.
 */

enum control_status { CONTROL_PLANNED, CONTROL_IMPLEMENTED,
	CONTROL_NOT_APPLICABLE };

struct control {
	const char *id;			/* borrowed from the document */
	const char *title;
	int applicable;
	const char *justification;	/* NULL when absent or blank */
	enum control_status status;
	const struct ynode *node;
};

struct soa {
	int present;			/* controls/soa.yaml exists */
	struct ynode *doc;		/* owned */
	struct control *controls;
	size_t count;
};

#define SOA_PATH "controls/soa.yaml"

/*
 * Parses the text of controls/soa.yaml into *out, adding diagnostics for
 * malformed entries, duplicate ids and excluded controls without a
 * justification. A justification that is empty or only white space
 * counts as none. Returns 0, or -1 when the file is unusable.
 */
int soa_parse(struct soa *out, const char *text, size_t len,
    struct diag_list *diags);

void soa_release(struct soa *soa);

/* The control with id `id`, or NULL. Borrowed. */
const struct control *soa_find(const struct soa *soa, const char *id);

#endif
