#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "future_date.h"
#include "isms.h"
#include "objective.h"
#include "xalloc.h"
#include "banned.h"

static const char *const objective_keys[] = {
	"id", "title", "kind", "owner", "status", "policy", "addresses",
	"measurable", "reason", "measure", "measurements", "due", "resources",
	"actions", "evaluation", "communicated_to", NULL
};

static const char *const measure_keys[] = {
	"metric", "unit", "baseline", "target", "direction", "method", NULL
};

static const char *const measurement_keys[] = { "date", "value", NULL };

static const char *const status_names[] = {
	"planned", "active", "achieved", "missed", "withdrawn", NULL
};

static const char *const direction_names[] = {
	"increase", "decrease", NULL
};

static const char *const state_names[] = {
	[OBJECTIVE_ON_TRACK] = "on-track",
	[OBJECTIVE_AT_RISK] = "at-risk",
	[OBJECTIVE_OVERDUE] = "overdue",
	[OBJECTIVE_STATE_ACHIEVED] = "achieved",
	[OBJECTIVE_NOT_STARTED] = "not-started",
	[OBJECTIVE_STATE_MISSED] = "missed",
	[OBJECTIVE_STATE_WITHDRAWN] = "withdrawn",
};

/* Measured values and targets stay within this magnitude. */
#define VALUE_MAX 1e15

/*
 * Added before rounding a percentage down, so that a ratio such as
 * (7.1 - 14) / (4 - 14), which binary floating point computes as
 * 0.68999..., gives 69 and not 68.
 */
#define PERCENT_EPSILON 1e-9

const char *
objective_status_name(enum objective_status status)
{
	return status_names[status];
}

const char *
objective_state_name(enum objective_state state)
{
	return state_names[state];
}

const char *
objective_direction_name(enum objective_direction direction)
{
	return direction_names[direction];
}

/* Where a finding about the whole record points: its id, else the map. */
static const struct ynode *
record_anchor(const struct ynode *front)
{
	const struct ynode *id = ynode_get_key(front, "id");

	return id ? id : front;
}

static void
parse_measure(struct objective *out, const struct ynode *front,
    const struct schema_ctx *ctx)
{
	struct schema_ctx sub = *ctx;
	const struct ynode *node = fields_get_value(front, "measure");
	int direction = DIRECTION_INCREASE;
	int has_direction;

	if (!node || !schema_expect_map(ctx, node, "measure"))
		return;
	out->measure_node = node;
	sub.what = "measure";
	schema_check_keys(ctx, node, measure_keys, "measure");

	schema_get_string(&sub, node, "metric", SCHEMA_OPTIONAL, &out->metric);
	schema_get_string(&sub, node, "unit", SCHEMA_OPTIONAL, &out->unit);
	schema_get_string(&sub, node, "method", SCHEMA_OPTIONAL, &out->method);
	if (schema_get_double(&sub, node, "baseline", SCHEMA_OPTIONAL,
	    -VALUE_MAX, VALUE_MAX, &out->baseline) == 1)
		out->baseline_text = ynode_get(node, "baseline")->value;
	if (schema_get_double(&sub, node, "target", SCHEMA_OPTIONAL,
	    -VALUE_MAX, VALUE_MAX, &out->target) == 1)
		out->target_text = ynode_get(node, "target")->value;
	has_direction = schema_get_enum(&sub, node, "direction",
	    SCHEMA_OPTIONAL, direction_names, &direction) == 1;
	out->direction = (enum objective_direction)direction;

	if (!out->baseline_text || !out->target_text ||
	    out->baseline == out->target) {
		if (!has_direction && out->target_text &&
		    !fields_get_value(node, "direction"))
			diag_add(ctx->diags, DIAG_ERROR, ctx->path, node->line,
			    node->col, "missing-field", "measure has no "
			    "'direction', and no baseline apart from the "
			    "target shows it; add 'direction: increase' or "
			    "'direction: decrease'");
		return;
	}
	if (!has_direction) {
		out->direction = out->target > out->baseline ?
		    DIRECTION_INCREASE : DIRECTION_DECREASE;
		return;
	}
	if ((out->direction == DIRECTION_INCREASE) !=
	    (out->target > out->baseline)) {
		const struct ynode *at = ynode_get(node, "direction");

		diag_add(ctx->diags, DIAG_ERROR, ctx->path, at->line, at->col,
		    "invalid-value", "direction '%s' contradicts the target "
		    "'%s', which is %s the baseline '%s'; correct the "
		    "direction or the target",
		    direction_names[out->direction], out->target_text,
		    out->target > out->baseline ? "above" : "below",
		    out->baseline_text);
	}
}

/* Orders measurements by date, then by their place in the file. */
static int
compare_measurements(const void *a, const void *b)
{
	const struct measurement *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->node->line != y->node->line)
		return x->node->line < y->node->line ? -1 : 1;
	if (x->node->col != y->node->col)
		return x->node->col < y->node->col ? -1 : 1;
	return 0;
}

/*
 * Keeps one measurement per date, the one written last, and warns about
 * each date measured more than once.
 */
static void
drop_duplicate_dates(struct objective *out, const struct schema_ctx *ctx)
{
	size_t kept = 0;
	char date[11];

	for (size_t i = 0; i < out->measurement_count; i++) {
		struct measurement *m = &out->measurements[i];

		if (kept && out->measurements[kept - 1].date == m->date) {
			date_format(m->date, date);
			diag_add(ctx->diags, DIAG_WARNING, ctx->path,
			    m->node->line, m->node->col,
			    "objective-measurement-duplicate", "date '%s' is "
			    "measured twice (also on line %zu); only this "
			    "later value counts, so remove one of them", date,
			    out->measurements[kept - 1].node->line);
			out->measurements[kept - 1] = *m;
			continue;
		}
		out->measurements[kept++] = *m;
	}
	out->measurement_count = kept;
}

static void
parse_measurements(struct objective *out, const struct ynode *front,
    const struct schema_ctx *ctx)
{
	struct schema_ctx sub = *ctx;
	const struct ynode *list = fields_get_value(front, "measurements");

	if (!list)
		return;
	if (list->type != YNODE_SEQ) {
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, list->line,
		    list->col, "wrong-type", "'measurements' must be a "
		    "sequence of {date, value} maps, not %s",
		    ynode_type_name(list->type));
		return;
	}

	sub.what = "measurement";
	out->measurements = xcalloc(list->count ? list->count : 1,
	    sizeof(*out->measurements));
	for (size_t i = 0; i < list->count; i++) {
		const struct ynode *item = list->items[i];
		struct measurement *m = &out->measurements[out->measurement_count];
		int has_date, has_value;

		if (!schema_expect_map(ctx, item, "measurement"))
			continue;
		schema_check_keys(ctx, item, measurement_keys, "measurement");
		has_date = schema_get_date(&sub, item, "date", SCHEMA_REQUIRED,
		    &m->date) == 1;
		has_value = schema_get_double(&sub, item, "value",
		    SCHEMA_REQUIRED, -VALUE_MAX, VALUE_MAX, &m->value) == 1;
		if (!has_date || !has_value)
			continue;
		m->text = ynode_get(item, "value")->value;
		m->node = item;
		out->measurement_count++;
	}

	qsort(out->measurements, out->measurement_count,
	    sizeof(*out->measurements), compare_measurements);
	drop_duplicate_dates(out, ctx);
}

/*
 * An objective is measurable unless it has `measurable: false` and a
 * reason. A measurable one has a measure with a metric and a target.
 */
static void
check_measurable(const struct objective *obj, const struct ynode *front,
    const struct schema_ctx *ctx)
{
	const struct ynode *at;
	const char *missing;
	int has_metric, has_target;

	if (!obj->measurable) {
		at = ynode_get_key(front, "measurable");
		if (!fields_has_text(obj->reason))
			diag_add(ctx->diags, DIAG_ERROR, ctx->path, at->line,
			    at->col, "objective-not-measurable", "objective "
			    "is 'measurable: false' but gives no 'reason'; "
			    "say why its results cannot be measured");
		if (obj->target_text)
			diag_add(ctx->diags, DIAG_ERROR, ctx->path, at->line,
			    at->col, "invalid-value", "objective is "
			    "'measurable: false' but its 'measure' has a "
			    "target; remove one of them");
		return;
	}

	if (!obj->measure_node) {
		at = record_anchor(front);
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, at->line, at->col,
		    "objective-not-measurable", "objective has no 'measure' "
		    "with a 'metric' and a 'target'; add them, or write "
		    "'measurable: false' and a 'reason'");
		return;
	}
	/* A value present but invalid was reported by schema.h already. */
	has_metric = fields_get_value(obj->measure_node, "metric") != NULL;
	has_target = fields_get_value(obj->measure_node, "target") != NULL;
	if (has_metric && has_target)
		return;
	if (!has_metric && !has_target)
		missing = "no 'metric' and no 'target'";
	else if (!has_target)
		missing = "no 'target'";
	else
		missing = "no 'metric'";
	at = obj->measure_node;
	diag_add(ctx->diags, DIAG_ERROR, ctx->path, at->line, at->col,
	    "objective-not-measurable", "measure has %s; add what is "
	    "missing, or write 'measurable: false' and a 'reason'", missing);
}

/*
 * Clause 6.2 asks that planning an objective determine what will be done,
 * what resources are required, who is responsible, when it will be
 * completed and how results are evaluated. An active objective that
 * leaves one out draws a warning naming each.
 */
static void
check_planning(const struct objective *obj, const struct ynode *front,
    const struct schema_ctx *ctx)
{
	const struct ynode *at = ynode_get(front, "status");
	struct buf missing = BUF_INIT;
	const struct {
		int present;
		const char *item;
	} items[] = {
		{ obj->action_count || obj->measure_node,
		  "what will be done ('actions' or 'measure')" },
		{ fields_has_text(obj->resources),
		  "what resources it needs ('resources')" },
		{ fields_has_text(obj->owner), "who is responsible ('owner')" },
		{ obj->has_due, "when it will be completed ('due')" },
		{ fields_has_text(obj->evaluation) || fields_has_text(obj->method),
		  "how its results are evaluated ('evaluation' or "
		  "'measure.method')" },
	};
	size_t count = 0;

	if (obj->status != OBJECTIVE_ACTIVE)
		return;
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		if (items[i].present)
			continue;
		if (count++)
			buf_puts(&missing, ", ");
		buf_puts(&missing, items[i].item);
	}
	if (count)
		diag_add(ctx->diags, DIAG_WARNING, ctx->path, at->line, at->col,
		    "objective-planning-missing", "active objective does not "
		    "say %s; clause 6.2 plans what will be done, resources, "
		    "who, when and how results are evaluated", missing.ptr);
	buf_release(&missing);
}

int
objective_parse(struct objective *out, const struct ynode *front,
    const struct config *config, const struct schema_ctx *ctx)
{
	struct schema_ctx sub = *ctx;
	int status = OBJECTIVE_PLANNED;
	int measurable = 1;

	memset(out, 0, sizeof(*out));
	out->measurable = 1;
	if (!schema_expect_map(ctx, front, "objective"))
		return -1;
	sub.what = "objective";
	schema_check_keys(ctx, front, objective_keys, "objective");

	if (schema_get_string(&sub, front, "owner", SCHEMA_OPTIONAL,
	    &out->owner) == 1) {
		out->owner_node = ynode_get(front, "owner");
		fields_check_person(ctx, config, out->owner, out->owner_node,
		    "objective owner");
	}
	schema_get_enum(&sub, front, "status", SCHEMA_REQUIRED, status_names,
	    &status);
	out->status = (enum objective_status)status;
	if (schema_get_string(&sub, front, "policy", SCHEMA_OPTIONAL,
	    &out->policy) == 1)
		out->policy_node = ynode_get(front, "policy");
	fields_parse_refs(&sub, front, "addresses", &out->addresses);

	if (schema_get_bool(&sub, front, "measurable", SCHEMA_OPTIONAL,
	    &measurable) == 1)
		out->measurable = measurable;
	schema_get_string(&sub, front, "reason", SCHEMA_OPTIONAL,
	    &out->reason);
	parse_measure(out, front, &sub);
	parse_measurements(out, front, &sub);

	if (schema_get_date(&sub, front, "due", SCHEMA_OPTIONAL,
	    &out->due) == 1)
		out->has_due = 1;
	schema_get_string(&sub, front, "resources", SCHEMA_OPTIONAL,
	    &out->resources);
	fields_parse_actions(&sub, front, "actions", config, &out->actions,
	    &out->action_count);
	schema_get_string(&sub, front, "evaluation", SCHEMA_OPTIONAL,
	    &out->evaluation);
	fields_parse_refs(&sub, front, "communicated_to",
	    &out->communicated_to);

	check_measurable(out, front, ctx);
	check_planning(out, front, ctx);
	return 0;
}

/* Whether `s` has the form of a record id: RSK-007, POL-001. */
static int
looks_like_id(const char *s)
{
	const char *p = s;

	while (isupper((unsigned char)*p))
		p++;
	if (p == s || *p != '-' || !isdigit((unsigned char)p[1]))
		return 0;
	for (p++; *p; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	return 1;
}

void
objective_check(const struct isms *isms, const struct record *rec,
    struct diag_list *diags)
{
	const struct objective *obj = rec->objective;
	const struct ynode *at;

	if (!obj)
		return;
	isms_check_refs(isms, rec, &obj->addresses, "addresses",
	    (1u << KIND_RISK) | (1u << KIND_REQUIREMENT), diags);

	if (!obj->policy || !looks_like_id(obj->policy))
		return;
	for (size_t i = 0; i < isms->record_count; i++) {
		const struct record *other = &isms->records[i];

		if (other->id && strcmp(other->id, obj->policy) == 0)
			return;
	}
	at = obj->policy_node;
	diag_add(diags, DIAG_ERROR, rec->path, at->line, at->col,
	    "ref-unknown-record", "'policy' names '%s', but no document or "
	    "record has that id; fix the id, or give the policy document "
	    "'id: %s' in its frontmatter", obj->policy, obj->policy);
}

static int
target_met(const struct objective *obj, double value)
{
	if (obj->direction == DIRECTION_DECREASE)
		return value <= obj->target;
	return value >= obj->target;
}

/* (latest - baseline) / (target - baseline) as a percentage, 0 to 100. */
static int
progress_percent(double latest, double baseline, double target)
{
	double ratio = (latest - baseline) / (target - baseline);
	double percent;

	if (ratio <= 0)
		return 0;
	if (ratio >= 1)
		return 100;
	percent = floor(ratio * 100 + PERCENT_EPSILON);
	return percent > 100 ? 100 : (int)percent;
}

/* The state of an objective with `measurable: false`. */
static void
compute_unmeasurable(struct objective_result *out,
    const struct objective *obj, int today)
{
	out->reason = REASON_NOT_MEASURABLE;
	if (obj->status == OBJECTIVE_ACHIEVED)
		out->state = OBJECTIVE_STATE_ACHIEVED;
	else if (obj->status == OBJECTIVE_MISSED)
		out->state = OBJECTIVE_STATE_MISSED;
	else if (obj->has_due && today > obj->due)
		out->state = OBJECTIVE_OVERDUE;
	else if (obj->status == OBJECTIVE_PLANNED)
		out->state = OBJECTIVE_NOT_STARTED;
	else
		out->state = OBJECTIVE_ON_TRACK;
}

void
objective_compute(struct objective_result *out,
    const struct objective *obj, int today)
{
	const struct measurement *first = NULL, *latest = NULL;

	memset(out, 0, sizeof(*out));

	/* Measurements are sorted by date; later ones do not count yet. */
	for (size_t i = 0; i < obj->measurement_count; i++) {
		const struct measurement *m = &obj->measurements[i];

		if (m->date > today)
			break;
		if (!first)
			first = m;
		latest = m;
	}
	if (latest) {
		out->has_latest = 1;
		out->latest = latest->value;
		out->latest_text = latest->text;
		out->latest_date = latest->date;
		out->days_since_latest = today - latest->date;
		out->start = first->date;
	}
	if (obj->baseline_text) {
		out->has_baseline = 1;
		out->baseline = obj->baseline;
	} else if (first) {
		out->has_baseline = 1;
		out->baseline = first->value;
	}
	if (latest && obj->target_text && out->has_baseline &&
	    obj->target != out->baseline) {
		out->has_progress = 1;
		out->progress = progress_percent(out->latest, out->baseline,
		    obj->target);
	}
	if (latest && obj->has_due) {
		long elapsed = (long)today - out->start;
		long total = (long)obj->due - out->start;

		out->has_expected = 1;
		if (total <= 0 || elapsed >= total)
			out->expected = 100;
		else
			out->expected = (int)(elapsed * 100 / total);
	}

	if (obj->status == OBJECTIVE_WITHDRAWN) {
		out->state = OBJECTIVE_STATE_WITHDRAWN;
		out->reason = REASON_WITHDRAWN;
		return;
	}
	if (!obj->measurable) {
		compute_unmeasurable(out, obj, today);
		return;
	}
	if (latest && obj->target_text && target_met(obj, out->latest)) {
		out->state = OBJECTIVE_STATE_ACHIEVED;
		out->reason = REASON_TARGET_MET;
		return;
	}
	if (obj->status == OBJECTIVE_MISSED) {
		out->state = OBJECTIVE_STATE_MISSED;
		out->reason = REASON_MISSED;
		return;
	}
	if (obj->has_due && today > obj->due) {
		out->state = OBJECTIVE_OVERDUE;
		out->reason = REASON_DUE_PASSED;
		return;
	}
	if (!latest) {
		out->state = obj->status == OBJECTIVE_PLANNED ?
		    OBJECTIVE_NOT_STARTED : OBJECTIVE_AT_RISK;
		out->reason = obj->status == OBJECTIVE_PLANNED ?
		    REASON_NOT_STARTED : REASON_NO_MEASUREMENT;
		return;
	}
	if (out->days_since_latest > OBJECTIVE_STALE_DAYS) {
		out->state = OBJECTIVE_AT_RISK;
		out->reason = REASON_STALE;
		return;
	}
	if (out->has_progress && out->has_expected &&
	    out->expected - out->progress > OBJECTIVE_BEHIND_POINTS) {
		out->state = OBJECTIVE_AT_RISK;
		out->reason = REASON_BEHIND;
		return;
	}
	out->state = OBJECTIVE_ON_TRACK;
	out->reason = obj->has_due ? REASON_ON_PACE : REASON_NO_DUE;
}

/* "7.1 on 2026-09-18" */
static void
format_latest(struct buf *out, const struct objective_result *r)
{
	char date[11];

	date_format(r->latest_date, date);
	buf_printf(out, "%s on %s", r->latest_text, date);
}

void
objective_format_reason(struct buf *out, const struct objective *obj,
    const struct objective_result *r)
{
	char date[11], due[11];

	if (obj->has_due)
		date_format(obj->due, due);

	switch (r->reason) {
	case REASON_WITHDRAWN:
		buf_puts(out, "withdrawn, so its progress is no longer "
		    "tracked");
		break;
	case REASON_NOT_MEASURABLE:
		buf_printf(out, "not measurable, so the state follows the "
		    "status '%s'", status_names[obj->status]);
		if (obj->has_due)
			buf_printf(out, " and the due date %s", due);
		break;
	case REASON_TARGET_MET:
		buf_puts(out, "latest value ");
		format_latest(out, r);
		buf_printf(out, " meets the target of %s %s",
		    obj->direction == DIRECTION_DECREASE ? "at most" :
		    "at least", obj->target_text);
		break;
	case REASON_MISSED:
		buf_puts(out, "recorded as missed");
		if (!r->has_latest) {
			buf_puts(out, " with nothing measured");
			break;
		}
		buf_puts(out, "; the latest value ");
		format_latest(out, r);
		if (obj->target_text)
			buf_printf(out, " falls short of the target %s",
			    obj->target_text);
		break;
	case REASON_DUE_PASSED:
		buf_printf(out, "due date %s has passed", due);
		if (r->has_latest) {
			buf_puts(out, " and the latest value ");
			format_latest(out, r);
			if (obj->target_text)
				buf_printf(out, " falls short of the target "
				    "%s", obj->target_text);
			else
				buf_puts(out, " has no target to meet");
		} else {
			buf_puts(out, " with nothing measured");
		}
		break;
	case REASON_NOT_STARTED:
		buf_puts(out, "planned and not measured yet");
		break;
	case REASON_NO_MEASUREMENT:
		buf_printf(out, "no measurement recorded although the "
		    "objective is '%s'", status_names[obj->status]);
		break;
	case REASON_STALE:
		date_format(r->latest_date, date);
		buf_printf(out, "no measurement for %d days since %s, more "
		    "than %d", r->days_since_latest, date,
		    OBJECTIVE_STALE_DAYS);
		break;
	case REASON_BEHIND:
		date_format(r->start, date);
		buf_printf(out, "progress %d%% trails the %d%% of the time "
		    "from %s to %s that has passed by more than %d points",
		    r->progress, r->expected, date, due,
		    OBJECTIVE_BEHIND_POINTS);
		break;
	case REASON_ON_PACE:
		date_format(r->start, date);
		if (r->has_progress)
			buf_printf(out, "progress %d%% keeps pace with the "
			    "%d%% of the time from %s to %s that has passed",
			    r->progress, r->expected, date, due);
		else
			buf_printf(out, "latest value %s; progress needs a "
			    "baseline and a target that differ",
			    r->latest_text);
		break;
	case REASON_NO_DUE:
		if (r->has_progress)
			buf_printf(out, "progress %d%%, with no due date to "
			    "pace it against", r->progress);
		else
			buf_printf(out, "latest value %s, with no due date "
			    "to pace it against", r->latest_text);
		break;
	}
}

/* Reports each measurement dated after today. */
static void
check_future_measurements(const struct record *rec, int today,
    struct diag_list *diags)
{
	const struct objective *obj = rec->objective;

	for (size_t i = 0; i < obj->measurement_count; i++) {
		const struct measurement *m = &obj->measurements[i];

		future_date_check(diags, rec->path, ynode_get(m->node, "date"),
		    "measurement date", m->date, today);
	}
}

/*
 * Compares the status with what the measurements on or before today
 * show. `r` is the objective's state as of today.
 */
static void
check_status_contradicts(const struct record *rec,
    const struct objective_result *r, struct diag_list *diags)
{
	const struct objective *obj = rec->objective;
	const struct ynode *at = ynode_get(rec->front, "status");
	int met = r->reason == REASON_TARGET_MET;
	struct buf latest = BUF_INIT;

	if (!obj->measurable || !obj->target_text || !at)
		return;
	if (r->has_latest)
		format_latest(&latest, r);

	if (obj->status == OBJECTIVE_ACHIEVED && !met && r->has_latest)
		diag_add(diags, DIAG_WARNING, rec->path, at->line, at->col,
		    "objective-status-contradicts", "status is 'achieved', but "
		    "the latest value %s falls short of the target of %s %s; "
		    "record the measurement that met the target, or set the "
		    "status that holds", latest.ptr,
		    obj->direction == DIRECTION_DECREASE ? "at most" :
		    "at least", obj->target_text);
	else if (obj->status == OBJECTIVE_ACHIEVED && !met)
		diag_add(diags, DIAG_WARNING, rec->path, at->line, at->col,
		    "objective-status-contradicts", "status is 'achieved', but "
		    "no measurement on or before today shows the target met; "
		    "record the measurement that met it, or set the status "
		    "that holds");
	else if (obj->status == OBJECTIVE_MISSED && met)
		diag_add(diags, DIAG_WARNING, rec->path, at->line, at->col,
		    "objective-status-contradicts", "status is 'missed', but "
		    "the latest value %s meets the target of %s %s; set "
		    "'status: achieved', or record the measurement that "
		    "shows it missed", latest.ptr,
		    obj->direction == DIRECTION_DECREASE ? "at most" :
		    "at least", obj->target_text);
	else if ((obj->status == OBJECTIVE_PLANNED ||
	    obj->status == OBJECTIVE_ACTIVE) && met)
		diag_add(diags, DIAG_NOTE, rec->path, at->line, at->col,
		    "objective-target-met", "the latest value %s meets the "
		    "target of %s %s; set 'status: achieved' once the result "
		    "is confirmed", latest.ptr,
		    obj->direction == DIRECTION_DECREASE ? "at most" :
		    "at least", obj->target_text);
	buf_release(&latest);
}

void
objective_check_dates(const struct record *rec, int today,
    struct diag_list *diags)
{
	const struct objective *obj = rec->objective;
	struct objective_result r;

	if (!obj)
		return;
	check_future_measurements(rec, today, diags);
	objective_compute(&r, obj, today);
	check_status_contradicts(rec, &r, diags);

	if (obj->status == OBJECTIVE_ACHIEVED ||
	    obj->status == OBJECTIVE_MISSED ||
	    obj->status == OBJECTIVE_WITHDRAWN)
		return;
	fields_check_overdue_actions(diags, rec->path, obj->actions,
	    obj->action_count, today, "objective-action-overdue");
}

void
objective_release(struct objective *objective)
{
	if (!objective)
		return;
	fields_refs_release(&objective->addresses);
	fields_refs_release(&objective->communicated_to);
	free(objective->measurements);
	free(objective->actions);
	objective->measurements = NULL;
	objective->measurement_count = 0;
	objective->actions = NULL;
	objective->action_count = 0;
}
