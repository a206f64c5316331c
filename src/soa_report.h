#ifndef ISMS_SOA_REPORT_H
#define ISMS_SOA_REPORT_H

#include <stddef.h>

#include "diag.h"
#include "isms.h"

/*
 * The Statement of Applicability joined with the records that need each
 * control: the risks whose `existing_controls` or `treatment.controls`
 * name it and the requirements whose `controls` name it. The links are
 * read from those records, so each is written once, where the decision
 * was made.
 */

struct soa_row {
	const struct control *control;	/* borrowed from isms->soa */
	const struct record **risks;	/* not closed, in record order */
	size_t risk_count;
	const struct record **requirements;
	size_t requirement_count;
	int unused;			/* applicable, nothing behind it */
};

struct soa_report {
	struct soa_row *rows;		/* in the order of soa.yaml */
	size_t count;
	size_t applicable;
	size_t implemented;
	size_t planned;
	size_t excluded;
	size_t unused;
};

#define SOA_REPORT_INIT { NULL, 0, 0, 0, 0, 0, 0 }

/*
 * Builds one row per control of the SoA. Closed risks are left out of
 * the links because they no longer need treatment. A control is unused
 * when it is applicable and has no risk, no requirement and no
 * justification behind it. Release *out with soa_report_release().
 */
void soa_report_build(struct soa_report *out, const struct isms *isms);

void soa_report_release(struct soa_report *report);

/*
 * Adds the warning `soa-control-unused` for every unused control, at its
 * entry in controls/soa.yaml. Does nothing without an SoA.
 */
void soa_report_check_unused(const struct isms *isms, struct diag_list *diags);

#endif
