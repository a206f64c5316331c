#include <stdlib.h>
#include <string.h>

#include "acceptance.h"
#include "treatment_plan.h"
#include "xalloc.h"
#include "banned.h"

static const char *const approval_names[] = {
	[PLAN_APPROVED] = "approved",
	[PLAN_NOT_APPROVED] = "plan not approved",
	[PLAN_APPROVER_NOT_ENTITLED] = "plan approver not entitled",
	[PLAN_NONE] = "no treatment plan",
};

static const char *const acceptance_flags[] = {
	[PLAN_ACCEPTANCE_OK] = NULL,
	[PLAN_ACCEPTANCE_MISSING] = "no acceptance",
	[PLAN_ACCEPTANCE_EXPIRED] = "acceptance expired",
	[PLAN_ACCEPTANCE_NOT_VALID] = "acceptance not valid",
	[PLAN_ACCEPTANCE_OTHER_RATING] = "acceptance of another rating",
};

const char *
plan_approval_name(enum plan_approval approval)
{
	return approval_names[approval];
}

const char *
plan_acceptance_flag(enum plan_acceptance acceptance)
{
	return acceptance_flags[acceptance];
}

/*
 * Judges whether the acceptance of a retained risk covers it, as
 * treatment_plan.h describes. A risk that is treated, or whose
 * evaluation is not `treat`, needs nothing more.
 */
static enum plan_acceptance
judge_acceptance(const struct isms *isms, const struct risk_result *r,
    int today)
{
	const struct risk *risk = r->record->risk;
	struct acceptance_judgement j = ACCEPTANCE_JUDGEMENT_INIT;
	enum plan_acceptance result;
	int retained = risk->has_treatment ? risk->option == TREAT_RETAIN :
	    risk->acceptance.present;

	if (!retained || !r->assessed || r->evaluation != EVAL_TREAT)
		return PLAN_ACCEPTANCE_OK;
	if (!risk->acceptance.present)
		return PLAN_ACCEPTANCE_MISSING;

	acceptance_judge(&j, isms, r->record, today);
	if (j.judged && j.status == ACCEPTANCE_EXPIRED)
		result = PLAN_ACCEPTANCE_EXPIRED;
	else if (j.judged && j.valid)
		result = PLAN_ACCEPTANCE_OTHER_RATING;
	else
		result = PLAN_ACCEPTANCE_NOT_VALID;
	acceptance_judgement_release(&j);
	return result;
}

static int
in_plan(const struct risk_result *r)
{
	const struct risk *risk = r->record->risk;

	if (risk->status == RISK_CLOSED)
		return 0;
	return risk->has_treatment ||
	    (r->assessed && r->evaluation == EVAL_TREAT);
}

static enum plan_approval
judge_approval(const struct isms *isms, const struct risk *risk)
{
	const struct person *approver;

	if (!risk->has_treatment)
		return PLAN_NONE;
	if (!risk->plan_approved_by || !risk->has_plan_approved_on)
		return PLAN_NOT_APPROVED;
	if (risk->owner && strcmp(risk->plan_approved_by, risk->owner) == 0)
		return PLAN_APPROVED;
	approver = config_find_person(&isms->config, risk->plan_approved_by);
	if (approver && person_has_role(approver, ROLE_RISK_APPROVER))
		return PLAN_APPROVED;
	return PLAN_APPROVER_NOT_ENTITLED;
}

static void
flag_action(struct plan_item *item, int today)
{
	const struct action *action = item->action;

	if (!action || action->status == ACTION_DONE || !action->has_due)
		return;
	item->overdue = action->due < today;
	item->stalled = action->status == ACTION_PLANNED &&
	    action->due - today <= PLAN_STALL_DAYS;
}

static void
add_item(struct plan *plan, size_t *alloc, size_t risk_index,
    const struct action *action, size_t action_index)
{
	struct plan_risk *pr = &plan->risks[risk_index];
	const struct risk *risk = pr->result->record->risk;
	struct plan_item *item;

	xgrow(&plan->items, alloc, plan->item_count + 1,
	    sizeof(*plan->items));
	item = &plan->items[plan->item_count++];
	memset(item, 0, sizeof(*item));
	item->risk = risk_index;
	item->action = action;
	item->action_index = action_index;
	item->owner = action && action->owner ? action->owner : risk->owner;
	flag_action(item, plan->today);

	if (!action)
		return;
	pr->action_count++;
	plan->action_count++;
	if (item->overdue) {
		pr->overdue++;
		plan->overdue++;
	}
	if (item->stalled) {
		pr->stalled++;
		plan->stalled++;
	}
}

static int
compare_strings_last_null(const char *a, const char *b)
{
	if (a && b)
		return strcmp(a, b);
	if (a || b)
		return a ? -1 : 1;
	return 0;
}

/* qsort_r is not in C11, so the comparison reads the plan from here. */
static const struct plan *sorting;

static int
compare_items(const void *pa, const void *pb)
{
	const struct plan_item *a = pa, *b = pb;
	const struct record *ra = sorting->risks[a->risk].result->record;
	const struct record *rb = sorting->risks[b->risk].result->record;
	int has_a = a->action && a->action->has_due;
	int has_b = b->action && b->action->has_due;
	int c;

	c = compare_strings_last_null(a->owner, b->owner);
	if (c)
		return c;
	if (has_a != has_b)
		return has_a ? -1 : 1;
	if (has_a && a->action->due != b->action->due)
		return a->action->due < b->action->due ? -1 : 1;
	c = compare_strings_last_null(ra->id, rb->id);
	if (c)
		return c;
	c = strcmp(ra->path, rb->path);
	if (c)
		return c;
	if (a->action_index != b->action_index)
		return a->action_index < b->action_index ? -1 : 1;
	return 0;
}

void
plan_build(struct plan *out, const struct isms *isms,
    const struct assessment *assessment, int today)
{
	size_t item_alloc = 0;
	size_t n = 0;

	*out = (struct plan)PLAN_INIT;
	out->today = today;

	for (size_t i = 0; i < assessment->count; i++)
		if (in_plan(&assessment->results[i]))
			n++;
	out->risks = xcalloc(n ? n : 1, sizeof(*out->risks));

	for (size_t i = 0; i < assessment->count; i++) {
		const struct risk_result *r = &assessment->results[i];
		const struct risk *risk = r->record->risk;
		size_t index = out->risk_count;

		if (!in_plan(r))
			continue;
		out->risks[index].result = r;
		out->risks[index].approval = judge_approval(isms, risk);
		out->risks[index].acceptance = judge_acceptance(isms, r, today);
		out->risk_count++;
		if (out->risks[index].approval != PLAN_APPROVED)
			out->not_approved++;
		if (out->risks[index].acceptance != PLAN_ACCEPTANCE_OK)
			out->not_accepted++;

		if (!risk->action_count)
			add_item(out, &item_alloc, index, NULL, 0);
		for (size_t k = 0; k < risk->action_count; k++)
			add_item(out, &item_alloc, index, &risk->actions[k], k);
	}

	sorting = out;
	if (out->item_count > 1)
		qsort(out->items, out->item_count, sizeof(*out->items),
		    compare_items);
	sorting = NULL;
}

void
plan_release(struct plan *plan)
{
	free(plan->risks);
	free(plan->items);
	*plan = (struct plan)PLAN_INIT;
}
