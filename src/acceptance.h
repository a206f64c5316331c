#ifndef ISMS_ACCEPTANCE_H
#define ISMS_ACCEPTANCE_H

#include <stddef.h>

#include "isms.h"
#include "strvec.h"

/*
 * The judgement of one risk acceptance (clause 6.1.3 f): whether the
 * level may be accepted at all, whether the acceptance was made at the
 * present rating, whether it is in force on a given day, and whether its
 * signers together hold the roles the level's `accept` list requires.
 * assess_risks() turns a judgement into findings; the acceptance report
 * prints it. Neither the judgement nor this module adds diagnostics.
 */

/*
 * One status per acceptance, for reports: the first of these that
 * applies, in this order. A stale acceptance comes before the signer
 * check because its signers were judged for a rating the risk no longer
 * has; from `stale` on, the accepted and the present rating are the same.
 */
enum acceptance_status {
	ACCEPTANCE_NEVER,		/* the level says `accept: never` */
	ACCEPTANCE_INCOMPLETE,		/* no usable `date` or `rating` */
	ACCEPTANCE_UNTIL_BEFORE_DATE,	/* `until` is before `date` */
	ACCEPTANCE_FUTURE,		/* `date` is later than today */
	ACCEPTANCE_STALE,		/* made at another rating */
	ACCEPTANCE_UNAUTHORISED,	/* a required role is missing */
	ACCEPTANCE_EXPIRED,		/* today is later than its end */
	ACCEPTANCE_VALID,
};

struct acceptance_judgement {
	int future;			/* `date` is later than today */
	int until_before_date;		/* `until` is before `date` */
	int judged;			/* 0: nothing below is set */
	const struct rating *present;	/* residual, else inherent; borrowed */
	int present_is_residual;
	size_t level;			/* level index of the present rating */
	int has_accepted_level;
	size_t accepted_level;		/* level index of acceptance.rating */
	int never;			/* present level: `accept: never` */
	int rating_usable;		/* acceptance.rating can be looked up */
	int stale;			/* acceptance.rating != *present */
	int has_cap;
	int cap;			/* date + acceptance_valid_for */
	int too_long;			/* `until` is later than cap */
	int has_end;
	int end;			/* the earlier of `until` and cap */
	int end_is_until;		/* end comes from `until` */
	int expired;			/* today is later than end */
	int in_force;			/* dated, neither in the future nor
					   expired, `until` not before it */
	int authorised;			/* signers hold every required role */
	struct strvec missing_roles;	/* required roles no signer holds */
	int valid;			/* all of the checks above pass */
	enum acceptance_status status;
};

#define ACCEPTANCE_JUDGEMENT_INIT { .missing_roles = STRVEC_INIT }

/*
 * Judges the acceptance of risk record `rec` as of `today` (days since
 * 1970-01-01). The present rating is the residual rating, or the inherent
 * one when the risk has none; its level decides whether the risk may be
 * accepted, by whom and for how long. The acceptance ends on `until` or
 * `acceptance_valid_for` after `date`, whichever comes first. The signers
 * are not judged for a level that says `accept: never`, and they count as
 * authorised then.
 *
 * The order of the dates needs no criteria, so out->future and
 * out->until_before_date are set whenever the risk has an acceptance.
 * out->judged, and every member after it, stays 0 when the risk has no
 * acceptance, the criteria of isms.yaml are unusable, the inherent rating
 * is unusable, or a residual rating is written but unusable. An
 * acceptance is valid only when it is dated no later than today and its
 * `until`, if any, is not before its date. Release *out with
 * acceptance_judgement_release() in every case.
 */
void acceptance_judge(struct acceptance_judgement *out,
    const struct isms *isms, const struct record *rec, int today);

void acceptance_judgement_release(struct acceptance_judgement *judgement);

/*
 * The roles that together may accept `level`: its `accept` list, or the
 * risk owner alone when the list is empty. *roles is borrowed.
 */
void acceptance_required_roles(const struct level *level,
    const char *const **roles, size_t *count);

/*
 * Whether the person with key `key` holds `role` for `risk`: the special
 * role `risk-owner` is held by the risk's owner, any other role by the
 * people of isms.yaml that list it.
 */
int acceptance_signer_holds(const struct config *config,
    const struct risk *risk, const char *key, const char *role);

/*
 * "valid", "expired", "stale", "under-authorised", "future-dated",
 * "until-before-date", "never-acceptable" or "incomplete".
 */
const char *acceptance_status_name(enum acceptance_status status);

#endif
