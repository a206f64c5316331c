#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acceptance.h"
#include "assess.h"
#include "buf.h"
#include "future_date.h"
#include "schema.h"
#include "xalloc.h"
#include "banned.h"

/*
 * Rule ids added here (see docs/computations.md): risk-level-mismatch,
 * risk-score-mismatch, risk-review-overdue, risk-action-overdue,
 * risk-treatment-overdue, acceptance-stale, acceptance-expired,
 * acceptance-too-long, acceptance-unauthorised, acceptance-never,
 * ref-unknown-person, ref-unknown-control, soa-control-not-applicable,
 * date-in-future, and invalid-value for an acceptance `until` before its
 * `date`.
 */

/* The 95th percentile of the standard normal distribution. */
#define Z_95 1.6448536269514722

struct assess_ctx {
	const struct isms *isms;
	const struct criteria *criteria;
	int criteria_ok;
	int today;
	struct diag_list *diags;
	const char **people;		/* person keys, NULL-terminated */
	const char **controls;		/* SoA control ids, NULL-terminated */
};

static const char *const evaluation_names[] = {
	"treat", "accepted", "acceptable"
};

static const char *const unit_names[] = { "day", "week", "month", "year" };

const char *
evaluation_name(enum evaluation evaluation)
{
	return evaluation_names[evaluation];
}

double
loss_ale(const struct loss *loss)
{
	double mu, sigma;

	switch (loss->kind) {
	case LOSS_SINGLE:
		return loss->per_year * loss->single;
	case LOSS_RANGE:
		mu = (log(loss->low) + log(loss->high)) / 2;
		sigma = (log(loss->high) - log(loss->low)) / (2 * Z_95);
		return loss->per_year * exp(mu + sigma * sigma / 2);
	case LOSS_NONE:
		break;
	}
	return 0;
}

static void
finding(const struct assess_ctx *ac, const struct record *rec,
    const struct ynode *node, enum diag_severity severity, const char *rule,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void
finding(const struct assess_ctx *ac, const struct record *rec,
    const struct ynode *node, enum diag_severity severity, const char *rule,
    const char *fmt, ...)
{
	struct buf message = BUF_INIT;
	va_list ap;

	if (!node)
		node = rec->id_node ? rec->id_node : rec->front;
	va_start(ap, fmt);
	buf_vprintf(&message, fmt, ap);
	va_end(ap);
	diag_add(ac->diags, severity, rec->path, node ? node->line : 0,
	    node ? node->col : 0, rule, "%s", message.ptr);
	buf_release(&message);
}

/* "90 days", "1 month". */
static void
format_duration(struct buf *b, const struct duration *d)
{
	buf_printf(b, "%ld %s%s", d->count, unit_names[d->unit],
	    d->count == 1 ? "" : "s");
}

static const char *
likelihood_name(const struct criteria *criteria, int pos)
{
	return criteria->likelihood.entries[pos - 1].name;
}

static const char *
consequence_name(const struct criteria *criteria, int pos)
{
	return criteria->consequence.entries[pos - 1].name;
}

/*
 * Writes "likelihood 'likely' × consequence 'major'" ('+' for the sum
 * method), and with `dimensions` set the rated dimensions after it.
 */
static void
describe_rating(struct buf *b, const struct criteria *criteria,
    const struct rating *rating, int dimensions)
{
	const char *op = criteria->method == METHOD_SUM ? "+" : "×";
	int first = 1;

	buf_printf(b, "likelihood '%s' %s consequence '%s'",
	    likelihood_name(criteria, rating->likelihood), op,
	    consequence_name(criteria, rating->consequence));
	if (!dimensions || !rating->consequences)
		return;

	for (size_t i = 0; i < rating->consequence_count; i++) {
		if (!rating->consequences[i])
			continue;
		buf_printf(b, "%s%s '%s'", first ? " (" : ", ",
		    criteria->dimensions[i],
		    consequence_name(criteria, rating->consequences[i]));
		first = 0;
	}
	if (!first)
		buf_putc(b, ')');
}

static int
find_level_nocase(const struct criteria *criteria, const char *name)
{
	for (size_t i = 0; i < criteria->level_count; i++)
		if (strcasecmp(criteria->levels[i].name, name) == 0)
			return (int)i;
	return -1;
}

/*
 * The score a register writes beside its level: the criteria's score for
 * product and sum, and the product of the two scale values for a matrix,
 * which has no score of its own.
 */
static long
register_score(const struct criteria *criteria, const struct rating *rating)
{
	long score = 0;

	if (criteria->method != METHOD_MATRIX) {
		criteria_level(criteria, rating->likelihood,
		    rating->consequence, &score);
		return score;
	}
	return criteria->likelihood.entries[rating->likelihood - 1].value *
	    criteria->consequence.entries[rating->consequence - 1].value;
}

/* Compares the `level` and `score` an assessor wrote with the computed ones. */
static void
check_recorded(const struct assess_ctx *ac, const struct record *rec,
    const struct rating *rating)
{
	const struct criteria *criteria = ac->criteria;
	struct buf pair = BUF_INIT;
	size_t level;
	long score;
	int recorded;

	if (!rating_usable(rating))
		return;
	level = criteria_level(criteria, rating->likelihood,
	    rating->consequence, &score);
	describe_rating(&pair, criteria, rating, 0);

	if (rating->recorded_level) {
		recorded = find_level_nocase(criteria, rating->recorded_level);
		if (recorded < 0)
			finding(ac, rec, rating->recorded_level_node,
			    DIAG_ERROR, "risk-level-mismatch",
			    "recorded level '%s' is not a level of isms.yaml; "
			    "the computed level is '%s' (%s)",
			    rating->recorded_level,
			    criteria->levels[level].name, pair.ptr);
		else if ((size_t)recorded != level)
			finding(ac, rec, rating->recorded_level_node,
			    DIAG_ERROR, "risk-level-mismatch",
			    "recorded level '%s' contradicts the computed "
			    "level '%s' (%s)", rating->recorded_level,
			    criteria->levels[level].name, pair.ptr);
	}

	if (rating->has_recorded_score) {
		score = register_score(criteria, rating);
		if (rating->recorded_score != score)
			finding(ac, rec, rating->recorded_score_node,
			    DIAG_ERROR, "risk-score-mismatch",
			    "recorded score '%ld' contradicts the computed "
			    "score '%ld' (%s)", rating->recorded_score, score,
			    pair.ptr);
	}

	buf_release(&pair);
}

/*
 * Looks up a person named by a risk and reports `ref-unknown-person` when
 * isms.yaml has no such key. `role` names the reference in the message.
 */
static const struct person *
check_person(const struct assess_ctx *ac, const struct record *rec,
    const char *key, const struct ynode *node, const char *role)
{
	const struct person *person;
	const char *close;

	if (!key)
		return NULL;
	person = config_find_person(&ac->isms->config, key);
	if (person)
		return person;

	close = schema_did_you_mean(key, ac->people);
	if (close)
		finding(ac, rec, node, DIAG_ERROR, "ref-unknown-person",
		    "%s '%s' is not in 'people' of isms.yaml; did you mean "
		    "'%s'?", role, key, close);
	else
		finding(ac, rec, node, DIAG_ERROR, "ref-unknown-person",
		    "%s '%s' is not in 'people' of isms.yaml; add them there "
		    "or name someone who is", role, key);
	return NULL;
}

static void
check_people(const struct assess_ctx *ac, const struct record *rec)
{
	const struct risk *risk = rec->risk;
	const struct ref_list *by = &risk->acceptance.by;

	check_person(ac, rec, risk->owner, risk->owner_node, "risk owner");
	for (size_t i = 0; i < risk->action_count; i++)
		check_person(ac, rec, risk->actions[i].owner,
		    risk->actions[i].owner_node, "action owner");
	check_person(ac, rec, risk->plan_approved_by,
	    risk->plan_approved_by_node, "plan approver");
	for (size_t i = 0; i < by->count; i++)
		check_person(ac, rec, by->nodes[i]->value, by->nodes[i],
		    "acceptance signer");
}

static const struct control *
check_control(const struct assess_ctx *ac, const struct record *rec,
    const struct ynode *node)
{
	const struct control *control = soa_find(&ac->isms->soa, node->value);
	const char *close;

	if (control)
		return control;
	close = schema_did_you_mean(node->value, ac->controls);
	if (close)
		finding(ac, rec, node, DIAG_ERROR, "ref-unknown-control",
		    "control '%s' is not in the Statement of Applicability "
		    "(%s); did you mean '%s'?", node->value, SOA_PATH, close);
	else
		finding(ac, rec, node, DIAG_ERROR, "ref-unknown-control",
		    "control '%s' is not in the Statement of Applicability "
		    "(%s); add it there or correct the id", node->value,
		    SOA_PATH);
	return NULL;
}

/* Control ids must be in the SoA, and a treatment's must be applicable. */
static void
check_controls(const struct assess_ctx *ac, const struct record *rec)
{
	const struct risk *risk = rec->risk;
	const struct control *control;

	if (!ac->isms->soa.present)
		return;

	for (size_t i = 0; i < risk->existing_controls.count; i++)
		check_control(ac, rec, risk->existing_controls.nodes[i]);

	for (size_t i = 0; i < risk->treatment_controls.count; i++) {
		const struct ynode *node = risk->treatment_controls.nodes[i];

		control = check_control(ac, rec, node);
		if (!control)
			continue;
		if (control->applicable &&
		    control->status != CONTROL_NOT_APPLICABLE)
			continue;
		finding(ac, rec, node, DIAG_ERROR, "soa-control-not-applicable",
		    "treatment names control '%s', which the Statement of "
		    "Applicability marks not applicable; make it applicable "
		    "there or choose another control", node->value);
	}
}

/*
 * The treatment is done when every action is done. Without actions it is
 * done once the risk is `accepted` or `closed`, because nothing else
 * records that treatment by controls alone has taken effect.
 */
static int
treatment_done(const struct risk *risk)
{
	if (risk->action_count == 0)
		return risk->status == RISK_ACCEPTED ||
		    risk->status == RISK_CLOSED;
	for (size_t i = 0; i < risk->action_count; i++)
		if (risk->actions[i].status != ACTION_DONE)
			return 0;
	return 1;
}

/* Counts open actions, finds the earliest due date and reports overdue ones. */
static void
scan_actions(const struct assess_ctx *ac, const struct record *rec,
    struct risk_result *res)
{
	const struct risk *risk = rec->risk;
	char due[11];

	for (size_t i = 0; i < risk->action_count; i++) {
		const struct action *action = &risk->actions[i];

		if (action->status == ACTION_DONE)
			continue;
		res->open_actions++;
		if (!action->has_due)
			continue;
		if (!res->has_earliest_due || action->due < res->earliest_due) {
			res->earliest_due = action->due;
			res->has_earliest_due = 1;
		}
		if (action->due >= ac->today)
			continue;
		res->overdue_actions++;
		if (risk->status == RISK_CLOSED)
			continue;

		date_format(action->due, due);
		if (action->id)
			finding(ac, rec, action->node, DIAG_WARNING,
			    "risk-action-overdue",
			    "action '%s' was due on '%s' but is '%s'; finish "
			    "it or set a new 'due' date", action->id, due,
			    action_status_name(action->status));
		else
			finding(ac, rec, action->node, DIAG_WARNING,
			    "risk-action-overdue",
			    "action %zu was due on '%s' but is '%s'; finish it "
			    "or set a new 'due' date", i + 1, due,
			    action_status_name(action->status));
	}
}

/*
 * Reports an `until` beyond what the level allows, and an acceptance
 * that has ended, from the dates in `j`.
 */
static void
report_acceptance_dates(const struct assess_ctx *ac, const struct record *rec,
    const struct level *level, const struct acceptance_judgement *j)
{
	const struct acceptance *acc = &rec->risk->acceptance;
	struct buf valid_for = BUF_INIT;
	char date[11], until[11], cap_text[11], end_text[11];

	if (!acc->has_date)
		return;
	date_format(acc->date, date);
	if (level->has_acceptance_valid_for)
		format_duration(&valid_for, &level->acceptance_valid_for);

	if (j->too_long) {
		date_format(acc->until, until);
		date_format(j->cap, cap_text);
		finding(ac, rec, ynode_get(acc->node, "until"), DIAG_ERROR,
		    "acceptance-too-long",
		    "acceptance until '%s' is later than level '%s' allows: "
		    "at most %s after its date '%s'; set until to '%s' or "
		    "earlier", until, level->name, valid_for.ptr, date,
		    cap_text);
	}

	if (j->expired) {
		date_format(j->end, end_text);
		if (j->end_is_until)
			finding(ac, rec, ynode_get(acc->node, "until"),
			    DIAG_ERROR, "acceptance-expired",
			    "acceptance expired on '%s'; accept the risk again "
			    "or treat it", end_text);
		else
			finding(ac, rec, ynode_get(acc->node, "date"),
			    DIAG_ERROR, "acceptance-expired",
			    "acceptance expired on '%s', %s after its date "
			    "'%s' as level '%s' allows; accept the risk again "
			    "or treat it", end_text, valid_for.ptr, date,
			    level->name);
	}
	buf_release(&valid_for);
}

/* Reports the roles of the level's `accept` list that no signer holds. */
static void
report_signers(const struct assess_ctx *ac, const struct record *rec,
    const struct level *level, const struct acceptance_judgement *j)
{
	const struct risk *risk = rec->risk;
	const struct ref_list *by = &risk->acceptance.by;
	const char *const *roles;
	struct buf needed = BUF_INIT, missing = BUF_INIT;
	size_t role_count;

	acceptance_required_roles(level, &roles, &role_count);
	for (size_t i = 0; i < role_count; i++)
		buf_printf(&needed, "%s%s", i ? ", " : "", roles[i]);
	for (size_t i = 0; i < j->missing_roles.count; i++) {
		const char *role = j->missing_roles.items[i];

		buf_printf(&missing, "%s%s", i ? ", " : "", role);
		if (strcmp(role, ROLE_RISK_OWNER) == 0 && risk->owner)
			buf_printf(&missing, " ('%s')", risk->owner);
	}

	finding(ac, rec, by->count ? by->nodes[0] : risk->acceptance.node,
	    DIAG_ERROR, "acceptance-unauthorised",
	    "acceptance of level '%s' needs signers who together hold %s; "
	    "missing: %s", level->name, needed.ptr, missing.ptr);
	buf_release(&needed);
	buf_release(&missing);
}

/*
 * Reports an acceptance dated after today and an `until` before `date`.
 * These come from the judgement even when it could not judge the rest,
 * because they need neither the criteria nor a usable rating.
 */
static void
report_date_order(const struct assess_ctx *ac, const struct record *rec,
    const struct acceptance_judgement *j)
{
	const struct acceptance *acc = &rec->risk->acceptance;
	char date[11], until[11];

	if (j->future)
		future_date_check(ac->diags, rec->path,
		    ynode_get(acc->node, "date"), "'acceptance.date'",
		    acc->date, ac->today);
	if (!j->until_before_date)
		return;
	date_format(acc->date, date);
	date_format(acc->until, until);
	finding(ac, rec, ynode_get(acc->node, "until"), DIAG_ERROR,
	    "invalid-value", "acceptance until '%s' is before its date '%s'; "
	    "correct one of the two dates", until, date);
}

/*
 * Reports what the judgement `j` of the risk's acceptance found against
 * the present rating: the residual rating, or the inherent one when there
 * is no residual. The judgement itself is acceptance_judge().
 */
static void
check_acceptance(const struct assess_ctx *ac, const struct record *rec,
    const struct acceptance_judgement *j)
{
	const struct criteria *criteria = ac->criteria;
	const struct risk *risk = rec->risk;
	const struct level *level;
	struct buf then = BUF_INIT, now = BUF_INIT;

	if (!j->judged)
		return;
	level = &criteria->levels[j->level];

	if (j->never)
		finding(ac, rec, risk->acceptance.node, DIAG_ERROR,
		    "acceptance-never",
		    "level '%s' cannot be accepted ('accept: never' in "
		    "isms.yaml); treat the risk until its residual level is "
		    "lower", level->name);

	if (j->stale) {
		describe_rating(&then, criteria, &risk->acceptance.rating, 1);
		describe_rating(&now, criteria, j->present, 1);
		finding(ac, rec, risk->acceptance.rating.node, DIAG_ERROR,
		    "acceptance-stale",
		    "acceptance was given at %s, but the %s rating is now %s; "
		    "accept the present rating again or treat the risk",
		    then.ptr, j->present_is_residual ? "residual" : "inherent",
		    now.ptr);
	}

	report_acceptance_dates(ac, rec, level, j);
	if (!j->authorised)
		report_signers(ac, rec, level, j);

	buf_release(&then);
	buf_release(&now);
}

/*
 * Reports `date-in-future` for the dates of a risk that record what has
 * happened: the plan approval and the last review. The acceptance date
 * is reported with the rest of the acceptance.
 */
static void
check_past_dates(const struct assess_ctx *ac, const struct record *rec)
{
	const struct risk *risk = rec->risk;

	if (risk->has_plan_approved_on)
		future_date_check(ac->diags, rec->path,
		    ynode_get(risk->treatment_node, "plan_approved_on"),
		    "'plan_approved_on'", risk->plan_approved_on, ac->today);
	if (risk->has_review_last)
		future_date_check(ac->diags, rec->path,
		    ynode_get(risk->review_node, "last"), "'review.last'",
		    risk->review_last, ac->today);
}

/*
 * The next review is due on `review.next`, or `review_every` of the
 * current level after `review.last`, whichever comes first.
 */
static void
check_review(const struct assess_ctx *ac, const struct record *rec,
    struct risk_result *res)
{
	const struct risk *risk = rec->risk;
	const struct level *level = NULL;
	struct buf every = BUF_INIT;
	char due[11], last[11];
	int from_cadence = 0, cadence;

	if (res->assessed)
		level = &ac->criteria->levels[res->current_level];

	if (risk->has_review_next) {
		res->review_due = risk->review_next;
		res->has_review_due = 1;
	}
	if (risk->has_review_last && level && level->has_review_every) {
		cadence = date_add(risk->review_last, &level->review_every);
		if (!res->has_review_due || cadence < res->review_due) {
			res->review_due = cadence;
			res->has_review_due = 1;
			from_cadence = 1;
		}
	}

	if (!res->has_review_due || risk->status == RISK_CLOSED ||
	    ac->today <= res->review_due)
		goto done;
	res->review_overdue = 1;

	date_format(res->review_due, due);
	if (from_cadence) {
		date_format(risk->review_last, last);
		format_duration(&every, &level->review_every);
		finding(ac, rec, risk->review_node, DIAG_WARNING,
		    "risk-review-overdue",
		    "review was due on '%s', %s after the last review on "
		    "'%s' as level '%s' requires; review the risk and update "
		    "'review'", due, every.ptr, last, level->name);
	} else {
		finding(ac, rec, risk->review_node, DIAG_WARNING,
		    "risk-review-overdue",
		    "review was due on '%s' ('review.next'); review the risk "
		    "and update 'review'", due);
	}

done:
	buf_release(&every);
}

/*
 * A risk whose treatment is not done, and whose current level sets
 * `treat_within`, is due for treatment that long after its plan was
 * approved.
 */
static void
check_treat_within(const struct assess_ctx *ac, const struct record *rec,
    const struct risk_result *res)
{
	const struct risk *risk = rec->risk;
	const struct level *level;
	struct buf within = BUF_INIT;
	char approved[11], deadline_text[11];
	int deadline;

	if (!res->assessed || res->evaluation != EVAL_TREAT ||
	    risk->status == RISK_CLOSED || !risk->has_plan_approved_on ||
	    treatment_done(risk))
		return;
	level = &ac->criteria->levels[res->current_level];
	if (!level->has_treat_within)
		return;
	deadline = date_add(risk->plan_approved_on, &level->treat_within);
	if (ac->today <= deadline)
		return;

	format_duration(&within, &level->treat_within);
	date_format(risk->plan_approved_on, approved);
	date_format(deadline, deadline_text);
	finding(ac, rec, ynode_get(risk->treatment_node, "plan_approved_on"),
	    DIAG_WARNING, "risk-treatment-overdue",
	    "level '%s' is to be treated within %s; the plan was approved on "
	    "'%s', so treatment was due by '%s'; %s or record an acceptance",
	    level->name, within.ptr, approved, deadline_text,
	    res->open_actions ? "finish the open actions" :
	    "complete the treatment");
	buf_release(&within);
}

/*
 * A risk whose status is `accepted` must be acceptable or carry an
 * acceptance, because otherwise the status misleads readers of the register.
 */
static void
check_accepted_status(const struct assess_ctx *ac, const struct record *rec,
    const struct risk_result *res)
{
	const struct ynode *status = ynode_get(rec->front, "status");

	/*
	 * A recorded but invalid acceptance has findings of its own, and so
	 * has an accepted risk with neither treatment nor acceptance.
	 */
	if (rec->risk->status != RISK_ACCEPTED ||
	    res->evaluation != EVAL_TREAT || rec->risk->acceptance.present ||
	    !rec->risk->has_treatment)
		return;
	diag_add(ac->diags, DIAG_ERROR, rec->path,
	    status ? status->line : rec->front->line, status ? status->col : 0,
	    "risk-accepted-status", "status is 'accepted' but no valid "
	    "acceptance covers the current level '%s'; record the acceptance "
	    "of the current rating, or set the status to 'treating'",
	    ac->criteria->levels[res->current_level].name);
}

/* The currency most of the risks with a loss use, or NULL. */
static const char *
main_currency(const struct assessment *out)
{
	const char *best = NULL;
	size_t best_count = 0;

	for (size_t i = 0; i < out->count; i++) {
		const char *c = out->results[i].record->risk->loss.currency;
		size_t count = 0;

		if (!out->results[i].has_ale || !c)
			continue;
		for (size_t j = 0; j < out->count; j++) {
			const char *d = out->results[j].record->risk->loss.currency;

			if (out->results[j].has_ale && d && strcmp(c, d) == 0)
				count++;
		}
		if (count > best_count || (count == best_count && best &&
		    strcmp(c, best) < 0)) {
			best = c;
			best_count = count;
		}
	}
	return best;
}

/*
 * ALE breaks ties between risks, which is only meaningful in one
 * currency: a risk whose loss uses another currency than most is reported.
 */
static void
check_currencies(const struct assess_ctx *ac, const struct assessment *out)
{
	const char *main = main_currency(out);

	if (!main)
		return;
	for (size_t i = 0; i < out->count; i++) {
		const struct record *rec = out->results[i].record;
		const char *c = rec->risk->loss.currency;
		const struct ynode *loss = ynode_get(rec->front, "loss");
		const struct ynode *where = ynode_get(loss, "currency");

		if (!out->results[i].has_ale || (c && strcmp(c, main) == 0))
			continue;
		if (!where)
			where = loss;
		diag_add(ac->diags, DIAG_WARNING, rec->path,
		    where ? where->line : 0, where ? where->col : 0,
		    "risk-loss-currency", "loss is in '%s' but most risks use "
		    "'%s', and ALE is compared across risks to rank them; "
		    "state every loss in one currency", c ? c : "(none)",
		    main);
	}
}

static void
assess_one(const struct assess_ctx *ac, const struct record *rec,
    struct risk_result *res)
{
	const struct criteria *criteria = ac->criteria;
	const struct risk *risk = rec->risk;
	struct acceptance_judgement j = ACCEPTANCE_JUDGEMENT_INIT;
	const struct rating *current;

	res->record = rec;
	res->evaluation = EVAL_TREAT;
	if (risk->loss.kind != LOSS_NONE) {
		res->ale = loss_ale(&risk->loss);
		res->has_ale = 1;
	}
	scan_actions(ac, rec, res);
	check_people(ac, rec);
	check_controls(ac, rec);
	check_past_dates(ac, rec);
	acceptance_judge(&j, ac->isms, rec, ac->today);
	report_date_order(ac, rec, &j);

	if (!ac->criteria_ok || !rating_usable(&risk->inherent)) {
		check_review(ac, rec, res);
		goto done;
	}
	res->assessed = 1;
	res->inherent_level = criteria_level(criteria,
	    risk->inherent.likelihood, risk->inherent.consequence,
	    &res->inherent_score);
	if (rating_usable(&risk->residual)) {
		res->has_residual = 1;
		res->residual_level = criteria_level(criteria,
		    risk->residual.likelihood, risk->residual.consequence,
		    &res->residual_score);
	}

	current = &risk->inherent;
	if (res->has_residual && treatment_done(risk))
		current = &risk->residual;
	res->current_likelihood = current->likelihood;
	res->current_consequence = current->consequence;
	res->current_level = criteria_level(criteria, current->likelihood,
	    current->consequence, &res->current_score);

	check_recorded(ac, rec, &risk->inherent);
	check_recorded(ac, rec, &risk->residual);
	check_recorded(ac, rec, &risk->acceptance.rating);

	/* An acceptance counts only for the rating it accepted. */
	check_acceptance(ac, rec, &j);
	if (res->current_level <= criteria->acceptance_threshold)
		res->evaluation = EVAL_ACCEPTABLE;
	else if (j.valid &&
	    risk->acceptance.rating.likelihood == current->likelihood &&
	    risk->acceptance.rating.consequence == current->consequence)
		res->evaluation = EVAL_ACCEPTED;
	check_accepted_status(ac, rec, res);

	check_review(ac, rec, res);
	check_treat_within(ac, rec, res);

done:
	acceptance_judgement_release(&j);
}

static int
is_ranked(const struct risk_result *res)
{
	return res->assessed && res->record->risk->status != RISK_CLOSED;
}

static int
compare_ids(const struct risk_result *a, const struct risk_result *b)
{
	const char *x = a->record->id, *y = b->record->id;
	int c;

	if (x && y) {
		c = strcmp(x, y);
		if (c != 0)
			return c;
	} else if (x || y) {
		return x ? -1 : 1;
	}
	return strcmp(a->record->path, b->record->path);
}

/*
 * Compares two keys so that the larger one sorts first. Every key passed
 * here is an integer of at most 53 bits or a whole number of cents, so
 * the conversion to double is exact.
 */
static int
higher_first(double x, double y)
{
	if (x > y)
		return -1;
	if (x < y)
		return 1;
	return 0;
}

/*
 * Orders results by priority, as assess.h lists the keys. Ranked risks
 * come before unranked ones, which are ordered by id alone. ALE is
 * compared in whole cents, so the last bits of exp() cannot change an
 * order.
 */
static int
compare_results(const void *pa, const void *pb)
{
	const struct risk_result *a = pa, *b = pb;
	int ra = is_ranked(a), rb = is_ranked(b), c;

	if (ra != rb)
		return ra ? -1 : 1;
	if (!ra)
		return compare_ids(a, b);

	if (a->evaluation != b->evaluation)
		return a->evaluation < b->evaluation ? -1 : 1;
	c = higher_first(a->current_level, b->current_level);
	if (!c)
		c = higher_first(a->current_score, b->current_score);
	if (!c)
		c = higher_first(a->current_consequence,
		    b->current_consequence);
	if (!c)
		c = higher_first(a->current_likelihood, b->current_likelihood);
	if (c)
		return c;

	if (a->has_ale != b->has_ale)
		return a->has_ale ? -1 : 1;
	if (a->has_ale) {
		c = higher_first(round(a->ale * 100), round(b->ale * 100));
		if (c)
			return c;
	}

	if (a->has_earliest_due != b->has_earliest_due)
		return a->has_earliest_due ? -1 : 1;
	if (a->has_earliest_due && a->earliest_due != b->earliest_due)
		return a->earliest_due < b->earliest_due ? -1 : 1;

	return compare_ids(a, b);
}

/*
 * A `since` date after today means change control judges no commit yet,
 * which usually is a typing mistake that silently switches it off.
 */
static void
check_since(const struct assess_ctx *ac)
{
	const struct ynode *node = ynode_get(ynode_get(ac->isms->config.doc,
	    "change_control"), "since");
	char today[11];
	int since;

	if (!node || node->type != YNODE_SCALAR ||
	    date_parse(node->value, &since) < 0 || since <= ac->today)
		return;
	date_format(ac->today, today);
	diag_add(ac->diags, DIAG_WARNING, "isms.yaml", node->line, node->col,
	    "config-since-future", "'since' is %s, after today (%s), so "
	    "isms changes check judges no commit yet; set it to the date or "
	    "commit from which changes must be planned", node->value, today);
}

void
assess_risks(struct assessment *out, const struct isms *isms, int today,
    struct diag_list *diags)
{
	struct assess_ctx ac = { 0 };
	size_t n = 0, rank = 0;

	memset(out, 0, sizeof(*out));
	out->today = today;

	ac.isms = isms;
	ac.criteria = &isms->config.criteria;
	ac.criteria_ok = isms->config_ok && isms->config.criteria_ok;
	ac.today = today;
	ac.diags = diags;
	check_since(&ac);
	ac.people = xcalloc(isms->config.people_count + 1, sizeof(*ac.people));
	for (size_t i = 0; i < isms->config.people_count; i++)
		ac.people[i] = isms->config.people[i].key;
	ac.controls = xcalloc(isms->soa.count + 1, sizeof(*ac.controls));
	for (size_t i = 0; i < isms->soa.count; i++)
		ac.controls[i] = isms->soa.controls[i].id;

	for (size_t i = 0; i < isms->record_count; i++)
		if (isms->records[i].risk)
			n++;
	out->results = xcalloc(n ? n : 1, sizeof(*out->results));
	for (size_t i = 0; i < isms->record_count; i++)
		if (isms->records[i].risk)
			assess_one(&ac, &isms->records[i],
			    &out->results[out->count++]);

	check_currencies(&ac, out);
	qsort(out->results, out->count, sizeof(*out->results),
	    compare_results);
	for (size_t i = 0; i < out->count; i++)
		if (is_ranked(&out->results[i]))
			out->results[i].rank = ++rank;

	free(ac.people);
	free(ac.controls);
}

void
assessment_release(struct assessment *assessment)
{
	free(assessment->results);
	assessment->results = NULL;
	assessment->count = 0;
}
