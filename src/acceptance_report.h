#ifndef ISMS_ACCEPTANCE_REPORT_H
#define ISMS_ACCEPTANCE_REPORT_H

#include <stddef.h>

#include "acceptance.h"
#include "buf.h"
#include "isms.h"

/*
 * The register of risk acceptances (clause 6.1.3 f): every acceptance
 * recorded on a risk, judged with acceptance_judge() as of one day.
 */

struct acceptance_row {
	const struct record *record;	/* borrowed; a risk with acceptance */
	struct acceptance_judgement judgement;
	size_t level;			/* level of the present rating,
					   which decides who may accept and
					   for how long; set when judged */
	int level_differs;		/* the accepted rating has another
					   level, judgement.accepted_level */
};

struct acceptance_report {
	struct acceptance_row *rows;	/* by status as acceptance.h orders
					   it (problems first), then id */
	size_t count;
	size_t by_status[ACCEPTANCE_VALID + 1];
	size_t unjudged;		/* rows whose judgement.judged is 0 */
};

#define ACCEPTANCE_REPORT_INIT { NULL, 0, { 0 }, 0 }

/*
 * Judges every risk acceptance of `isms` as of `today`. A risk whose
 * rating cannot be read still gets a row, with judgement.judged 0.
 * Release *out with acceptance_report_release().
 */
void acceptance_report_build(struct acceptance_report *out,
    const struct isms *isms, int today);

void acceptance_report_release(struct acceptance_report *report);

/*
 * Appends the level of the row's present rating and, when the accepted
 * rating has another level, that one after it: "critical (accepted at
 * low)". Appends nothing for a row that was not judged.
 */
void acceptance_format_level(struct buf *out, const struct criteria *criteria,
    const struct acceptance_row *row);

/*
 * Appends each signer of the acceptance with the roles they hold for
 * this risk: "cto (risk-owner, top-management); ciso (risk-approver)".
 * A signer not in isms.yaml is marked "(unknown person)".
 */
void acceptance_format_signers(struct buf *out, const struct config *config,
    const struct risk *risk);

#endif
