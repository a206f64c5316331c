#include <string.h>

#include "acceptance.h"
#include "banned.h"

static const char *const status_names[] = {
	[ACCEPTANCE_NEVER] = "never-acceptable",
	[ACCEPTANCE_INCOMPLETE] = "incomplete",
	[ACCEPTANCE_UNTIL_BEFORE_DATE] = "until-before-date",
	[ACCEPTANCE_FUTURE] = "future-dated",
	[ACCEPTANCE_STALE] = "stale",
	[ACCEPTANCE_UNAUTHORISED] = "under-authorised",
	[ACCEPTANCE_EXPIRED] = "expired",
	[ACCEPTANCE_VALID] = "valid",
};

const char *
acceptance_status_name(enum acceptance_status status)
{
	return status_names[status];
}

void
acceptance_required_roles(const struct level *level,
    const char *const **roles, size_t *count)
{
	static const char *const owner_only[] = { ROLE_RISK_OWNER };

	if (level->accept_count) {
		*roles = (const char *const *)level->accept;
		*count = level->accept_count;
	} else {
		*roles = owner_only;
		*count = 1;
	}
}

int
acceptance_signer_holds(const struct config *config,
    const struct risk *risk, const char *key, const char *role)
{
	const struct person *person;

	if (strcmp(role, ROLE_RISK_OWNER) == 0)
		return risk->owner && strcmp(key, risk->owner) == 0;
	person = config_find_person(config, key);
	return person && person_has_role(person, role);
}

/* Returns whether L, C and every dimension that both rate are equal. */
static int
ratings_equal(const struct rating *a, const struct rating *b)
{
	if (a->likelihood != b->likelihood || a->consequence != b->consequence)
		return 0;
	if (!a->consequences || !b->consequences)
		return 1;
	for (size_t i = 0; i < a->consequence_count &&
	    i < b->consequence_count; i++)
		if (a->consequences[i] != b->consequences[i])
			return 0;
	return 1;
}

/*
 * Sets whether the acceptance is dated after today and whether `until`
 * is before `date`. Neither needs the criteria.
 */
static void
judge_date_order(struct acceptance_judgement *out,
    const struct acceptance *acc, int today)
{
	if (!acc->has_date)
		return;
	out->future = acc->date > today;
	out->until_before_date = acc->has_until && acc->until < acc->date;
}

/*
 * Sets the cap, the end and whether the acceptance is in force today. An
 * `until` before `date` ends nothing, so the end is then the cap alone.
 */
static void
judge_dates(struct acceptance_judgement *out, const struct acceptance *acc,
    const struct level *level, int today)
{
	if (!acc->has_date)
		return;

	if (level->has_acceptance_valid_for) {
		out->cap = date_add(acc->date, &level->acceptance_valid_for);
		out->has_cap = 1;
		out->end = out->cap;
		out->has_end = 1;
	}
	if (acc->has_until && !out->until_before_date) {
		if (out->has_cap && acc->until > out->cap) {
			out->too_long = 1;
		} else {
			out->end = acc->until;
			out->end_is_until = 1;
		}
		out->has_end = 1;
	}

	out->expired = out->has_end && today > out->end;
	out->in_force = !out->expired && !out->future &&
	    !out->until_before_date;
}

static void
judge_signers(struct acceptance_judgement *out, const struct config *config,
    const struct risk *risk, const struct level *level)
{
	const struct ref_list *by = &risk->acceptance.by;
	const char *const *roles;
	size_t role_count;

	acceptance_required_roles(level, &roles, &role_count);
	for (size_t i = 0; i < role_count; i++) {
		int held = 0;

		for (size_t k = 0; k < by->count && !held; k++)
			held = acceptance_signer_holds(config, risk,
			    by->nodes[k]->value, roles[i]);
		if (!held)
			strvec_push(&out->missing_roles, roles[i]);
	}
	out->authorised = out->missing_roles.count == 0;
}

static enum acceptance_status
status_of(const struct acceptance_judgement *j, const struct acceptance *acc)
{
	if (j->never)
		return ACCEPTANCE_NEVER;
	if (!j->rating_usable || !acc->has_date)
		return ACCEPTANCE_INCOMPLETE;
	if (j->until_before_date)
		return ACCEPTANCE_UNTIL_BEFORE_DATE;
	if (j->future)
		return ACCEPTANCE_FUTURE;
	if (j->stale)
		return ACCEPTANCE_STALE;
	if (!j->authorised)
		return ACCEPTANCE_UNAUTHORISED;
	if (j->expired)
		return ACCEPTANCE_EXPIRED;
	return ACCEPTANCE_VALID;
}

void
acceptance_judge(struct acceptance_judgement *out, const struct isms *isms,
    const struct record *rec, int today)
{
	const struct criteria *criteria = &isms->config.criteria;
	const struct risk *risk = rec->risk;
	const struct acceptance *acc;
	const struct level *level;
	long score;

	if (!risk || !risk->acceptance.present)
		return;
	acc = &risk->acceptance;
	judge_date_order(out, acc, today);

	if (!isms->config_ok || !isms->config.criteria_ok ||
	    !rating_usable(&risk->inherent))
		return;
	if (risk->residual.present && !rating_usable(&risk->residual))
		return;

	out->judged = 1;
	out->present_is_residual = rating_usable(&risk->residual);
	out->present = out->present_is_residual ? &risk->residual :
	    &risk->inherent;
	out->level = criteria_level(criteria, out->present->likelihood,
	    out->present->consequence, &score);
	level = &criteria->levels[out->level];
	out->never = level->accept_never;

	out->rating_usable = rating_usable(&acc->rating);
	if (out->rating_usable) {
		out->has_accepted_level = 1;
		out->accepted_level = criteria_level(criteria,
		    acc->rating.likelihood, acc->rating.consequence, &score);
		out->stale = !ratings_equal(&acc->rating, out->present);
	}

	judge_dates(out, acc, level, today);
	out->authorised = 1;
	if (!out->never)
		judge_signers(out, &isms->config, risk, level);

	out->valid = !out->never && out->rating_usable && !out->stale &&
	    out->in_force && out->authorised;
	out->status = status_of(out, acc);
}

void
acceptance_judgement_release(struct acceptance_judgement *judgement)
{
	strvec_clear(&judgement->missing_roles);
}
