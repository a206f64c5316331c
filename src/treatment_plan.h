#ifndef ISMS_TREATMENT_PLAN_H
#define ISMS_TREATMENT_PLAN_H

#include <stddef.h>

#include "assess.h"
#include "isms.h"

/*
 * The risk treatment plan (clause 6.1.3 e and f) built from the risk
 * records: every treatment action of every risk that is not closed,
 * grouped by the person who owns the action and ordered by due date, and
 * for each risk whether its owner approved the plan.
 */

/* The role that may approve any risk's treatment plan beside its owner. */
#define ROLE_RISK_APPROVER "risk-approver"

/*
 * A planned action is stalled once its due date is this close (or past)
 * and it has not started.
 */
#define PLAN_STALL_DAYS 14

enum plan_approval {
	PLAN_APPROVED,			/* by the owner or a risk approver */
	PLAN_NOT_APPROVED,		/* no plan_approved_by or _on */
	PLAN_APPROVER_NOT_ENTITLED,	/* neither owner nor risk approver */
	PLAN_NONE,			/* a risk to treat without treatment */
};

/*
 * Whether a risk that is retained rather than treated is covered by its
 * acceptance: the treatment option is `retain`, or the risk has no
 * treatment but records an acceptance, and its evaluation is `treat`.
 */
enum plan_acceptance {
	PLAN_ACCEPTANCE_OK,		/* covered, or not retained */
	PLAN_ACCEPTANCE_MISSING,	/* retained without an acceptance */
	PLAN_ACCEPTANCE_EXPIRED,	/* its acceptance has ended */
	PLAN_ACCEPTANCE_NOT_VALID,	/* not valid for another reason */
	PLAN_ACCEPTANCE_OTHER_RATING,	/* valid, but for a rating that is
					   not the current one */
};

struct plan_risk {
	const struct risk_result *result;	/* borrowed */
	enum plan_approval approval;
	enum plan_acceptance acceptance;
	size_t action_count;
	size_t overdue;
	size_t stalled;
};

/* One row of the plan: an action, or a risk that has no action. */
struct plan_item {
	size_t risk;			/* index into plan.risks */
	const struct action *action;	/* borrowed; NULL without actions */
	size_t action_index;		/* position in the risk's list */
	const char *owner;		/* action owner, else risk owner */
	int overdue;			/* open and past due */
	int stalled;			/* planned, due in PLAN_STALL_DAYS */
};

struct plan {
	struct plan_risk *risks;	/* in priority order */
	size_t risk_count;
	struct plan_item *items;	/* see plan_build() for the order */
	size_t item_count;
	int today;
	size_t action_count;
	size_t overdue;
	size_t stalled;
	size_t not_approved;		/* risks not PLAN_APPROVED */
	size_t not_accepted;		/* risks not PLAN_ACCEPTANCE_OK */
};

#define PLAN_INIT { NULL, 0, NULL, 0, 0, 0, 0, 0, 0, 0 }

/*
 * Builds the plan as of `today` (days since 1970-01-01) from `assessment`,
 * the result of assess_risks() on `isms`; both must outlive *out. A risk
 * is in the plan when it is not closed and has a treatment, or when it is
 * assessed and its evaluation is `treat`.
 *
 * An action is overdue when it is not done and its due date is before
 * today. It is stalled when its status is still `planned` and its due date
 * is at most PLAN_STALL_DAYS days after today, or already past. A plan is
 * approved when `plan_approved_by` and `plan_approved_on` are both set
 * and the approver is the risk owner or holds the `risk-approver` role.
 * A retained risk whose evaluation is `treat` gets the reason its
 * acceptance does not cover it, from acceptance_judge() as of today.
 *
 * Items are ordered by owner key (items without an owner last), due date
 * (undated last), risk id and the action's position. Release *out with
 * plan_release().
 */
void plan_build(struct plan *out, const struct isms *isms,
    const struct assessment *assessment, int today);

void plan_release(struct plan *plan);

/*
 * "approved", "plan not approved", "plan approver not entitled" or "no
 * treatment plan".
 */
const char *plan_approval_name(enum plan_approval approval);

/*
 * The flag for a retained risk: NULL for PLAN_ACCEPTANCE_OK, else "no
 * acceptance", "acceptance expired", "acceptance not valid" or
 * "acceptance of another rating".
 */
const char *plan_acceptance_flag(enum plan_acceptance acceptance);

#endif
