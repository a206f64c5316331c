#ifndef ISMS_ASSESS_H
#define ISMS_ASSESS_H

#include <stddef.h>

#include "isms.h"

/*
 * The computations of clause 6.1.2 and 6.1.3 over every risk of an ISMS:
 * inherent, residual and current level, evaluation against the
 * organisation's acceptance criteria, annualised loss expectancy, review
 * and action due dates, and the priority rank for treatment.
 */

enum evaluation {
	EVAL_TREAT,
	EVAL_ACCEPTED,
	EVAL_ACCEPTABLE,
};

struct risk_result {
	const struct record *record;	/* borrowed */
	int assessed;			/* the inherent rating is usable */
	size_t inherent_level;
	long inherent_score;
	int has_residual;
	size_t residual_level;
	long residual_score;
	size_t current_level;		/* see assess_risks() */
	long current_score;
	int current_likelihood;
	int current_consequence;
	enum evaluation evaluation;
	double ale;			/* annualised loss expectancy */
	int has_ale;
	int earliest_due;		/* earliest due date of an open action */
	int has_earliest_due;
	int review_due;			/* next review date */
	int has_review_due;
	int review_overdue;
	size_t open_actions;
	size_t overdue_actions;
	size_t rank;			/* 1-based priority; 0 if not ranked */
};

struct assessment {
	struct risk_result *results;	/* in rank order, unranked last */
	size_t count;
	int today;
};

/*
 * Computes every risk's results as of `today` (days since 1970-01-01).
 * The findings go to `diags`: a recorded level or score that contradicts
 * the criteria, and stale, expired or under-authorised acceptances. So do
 * dates of past events (an acceptance, a plan approval, the last review)
 * later than today, overdue reviews, actions and treatments, and unknown
 * people and controls. docs/computations.md describes the rule ids and
 * every formula.
 *
 * The current level is the residual level when the treatment is done:
 * every action is done, or the risk has no actions and is `accepted` or
 * `closed`. Otherwise it is the inherent level. The evaluation is
 * `acceptable` at or below the acceptance threshold, `accepted` when the
 * acceptance is valid and was made at the current rating, else `treat`.
 *
 * Closed risks and risks without a usable inherent rating are computed
 * but not ranked. Ranks follow a total order: evaluation (treat, then
 * accepted, then acceptable), current level, score, consequence,
 * likelihood (each highest first), ALE in whole cents (highest first, a
 * risk without a loss after one with), earliest open action due date (a
 * risk without one last), then id and path.
 */
void assess_risks(struct assessment *out, const struct isms *isms, int today,
    struct diag_list *diags);

void assessment_release(struct assessment *assessment);

/*
 * Annualised loss expectancy: per_year × single, or for a 90% range per
 * event per_year × exp(mu + sigma^2 / 2) of the lognormal whose 5th and
 * 95th percentiles are `low` and `high`. Returns 0 when there is no loss.
 */
double loss_ale(const struct loss *loss);

const char *evaluation_name(enum evaluation evaluation);

#endif
