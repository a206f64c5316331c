#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "config.h"
#include "date.h"
#include "diag.h"
#include "isms.h"
#include "objective.h"
#include "xalloc.h"
#include "yaml_doc.h"
#include "support/isms_fixture.h"
#include "banned.h"

/*
 * Unit tests of objective records: the state rules of objective_compute()
 * at their boundaries (table-driven, on objectives built in memory), the
 * checks of objective_parse(), and the references objective_check()
 * resolves against a hand-built ISMS.
 */

static const char config_text[] =
	"isms: 1\n"
	"organisation: Test Ltd\n"
	"scope: Everything\n"
	"people:\n"
	"  ciso: {name: Casey Ciso, email: [ciso@example.com]}\n"
	"  ops: {name: Olu Ops, email: [ops@example.com]}\n";

/* Day 0 of the compute table: 2026-01-01. */
static int
day(int offset)
{
	return date_from_ymd(2026, 1, 1) + offset;
}

/* --- objective_compute() ------------------------------------------- */

#define MAX_POINTS 4
#define NONE (-1)

struct point {
	int day;
	double value;
};

struct compute_case {
	const char *name;
	enum objective_status status;
	int measurable;
	enum objective_direction direction;
	int has_baseline;
	double baseline;
	double target;
	int due;			/* day offset, or NONE */
	int today;			/* day offset */
	struct point points[MAX_POINTS];
	size_t point_count;
	enum objective_state state;
	enum objective_reason reason;
	int progress;			/* NONE when not computable */
	int expected;			/* NONE when not computable */
};

#define INC DIRECTION_INCREASE
#define DEC DIRECTION_DECREASE
#define ACTIVE OBJECTIVE_ACTIVE

static const struct compute_case compute_cases[] = {
	/* Target met, at the boundary and either way round. */
	{ "increase reaches target exactly", ACTIVE, 1, INC, 1, 0, 100, 100,
	  50, { { 0, 0 }, { 50, 100 } }, 2, OBJECTIVE_STATE_ACHIEVED,
	  REASON_TARGET_MET, 100, 50 },
	{ "increase just short of target", ACTIVE, 1, INC, 1, 0, 100, 100,
	  50, { { 0, 0 }, { 50, 99.9 } }, 2, OBJECTIVE_ON_TRACK,
	  REASON_ON_PACE, 99, 50 },
	{ "decrease reaches target exactly", ACTIVE, 1, DEC, 1, 14, 4, 100,
	  50, { { 0, 14 }, { 50, 4 } }, 2, OBJECTIVE_STATE_ACHIEVED,
	  REASON_TARGET_MET, 100, 50 },
	{ "decrease overshoots target", ACTIVE, 1, DEC, 1, 14, 4, 100, 50,
	  { { 0, 14 }, { 50, 2.6 } }, 2, OBJECTIVE_STATE_ACHIEVED,
	  REASON_TARGET_MET, 100, 50 },
	{ "target met after the due date", ACTIVE, 1, INC, 1, 0, 100, 40,
	  50, { { 0, 0 }, { 45, 100 } }, 2, OBJECTIVE_STATE_ACHIEVED,
	  REASON_TARGET_MET, 100, 100 },

	/* Due date: the day itself is still in time. */
	{ "due today is not overdue", ACTIVE, 1, INC, 1, 0, 100, 100, 100,
	  { { 0, 0 }, { 100, 95 } }, 2, OBJECTIVE_ON_TRACK, REASON_ON_PACE,
	  95, 100 },
	{ "one day past due", ACTIVE, 1, INC, 1, 0, 100, 100, 101,
	  { { 0, 0 }, { 100, 95 } }, 2, OBJECTIVE_OVERDUE, REASON_DUE_PASSED,
	  95, 100 },
	{ "past due without measurement", ACTIVE, 1, INC, 1, 0, 100, 10, 11,
	  { { 0, 0 } }, 0, OBJECTIVE_OVERDUE, REASON_DUE_PASSED, NONE, NONE },

	/* Staleness: 90 days is fine, 91 is not. */
	{ "latest 90 days old", ACTIVE, 1, INC, 1, 0, 100, 400, 100,
	  { { 0, 0 }, { 10, 50 } }, 2, OBJECTIVE_ON_TRACK, REASON_ON_PACE,
	  50, 25 },
	{ "latest 91 days old", ACTIVE, 1, INC, 1, 0, 100, 400, 101,
	  { { 0, 0 }, { 10, 50 } }, 2, OBJECTIVE_AT_RISK, REASON_STALE, 50,
	  25 },

	/* Pace: 10 points behind is fine, 11 is not. */
	{ "10 points behind", ACTIVE, 1, INC, 1, 0, 100, 100, 50,
	  { { 0, 0 }, { 50, 40 } }, 2, OBJECTIVE_ON_TRACK, REASON_ON_PACE, 40,
	  50 },
	{ "11 points behind", ACTIVE, 1, INC, 1, 0, 100, 100, 50,
	  { { 0, 0 }, { 50, 39 } }, 2, OBJECTIVE_AT_RISK, REASON_BEHIND, 39,
	  50 },
	{ "ahead of pace", ACTIVE, 1, INC, 1, 0, 100, 100, 20,
	  { { 0, 0 }, { 20, 80 } }, 2, OBJECTIVE_ON_TRACK, REASON_ON_PACE, 80,
	  20 },

	/* No measurement. */
	{ "planned, not measured", OBJECTIVE_PLANNED, 1, INC, 1, 0, 100, 100,
	  50, { { 0, 0 } }, 0, OBJECTIVE_NOT_STARTED, REASON_NOT_STARTED, NONE,
	  NONE },
	{ "planned, not measured, past due", OBJECTIVE_PLANNED, 1, INC, 1, 0,
	  100, 10, 50, { { 0, 0 } }, 0, OBJECTIVE_OVERDUE, REASON_DUE_PASSED,
	  NONE, NONE },
	{ "planned, measured", OBJECTIVE_PLANNED, 1, INC, 1, 0, 100, 100, 50,
	  { { 0, 0 }, { 50, 50 } }, 2, OBJECTIVE_ON_TRACK, REASON_ON_PACE, 50,
	  50 },
	{ "active, not measured", ACTIVE, 1, INC, 1, 0, 100, 100, 50,
	  { { 0, 0 } }, 0, OBJECTIVE_AT_RISK, REASON_NO_MEASUREMENT, NONE,
	  NONE },
	{ "only future measurements", ACTIVE, 1, INC, 1, 0, 100, 100, 50,
	  { { 60, 100 } }, 1, OBJECTIVE_AT_RISK, REASON_NO_MEASUREMENT, NONE,
	  NONE },
	{ "future measurement ignored", ACTIVE, 1, INC, 1, 0, 100, 100, 50,
	  { { 0, 0 }, { 50, 50 }, { 60, 100 } }, 3, OBJECTIVE_ON_TRACK,
	  REASON_ON_PACE, 50, 50 },

	/* Progress: rounding down, clamping, baseline from the first value. */
	{ "progress 69 despite float error", ACTIVE, 1, DEC, 1, 14, 4, 100,
	  50, { { 0, 12.5 }, { 50, 7.1 } }, 2, OBJECTIVE_ON_TRACK,
	  REASON_ON_PACE, 69, 50 },
	{ "progress rounds down", ACTIVE, 1, INC, 1, 0, 3, 100, 50,
	  { { 0, 0 }, { 50, 2 } }, 2, OBJECTIVE_ON_TRACK, REASON_ON_PACE, 66,
	  50 },
	{ "progress clamped at 0", ACTIVE, 1, INC, 1, 50, 100, 100, 5,
	  { { 0, 50 }, { 5, 40 } }, 2, OBJECTIVE_ON_TRACK, REASON_ON_PACE, 0,
	  5 },
	{ "baseline from first measurement", ACTIVE, 1, INC, 0, 0, 100, 100,
	  50, { { 0, 20 }, { 50, 60 } }, 2, OBJECTIVE_ON_TRACK,
	  REASON_ON_PACE, 50, 50 },
	{ "no due date", ACTIVE, 1, INC, 1, 0, 100, NONE, 500,
	  { { 0, 0 }, { 480, 30 } }, 2, OBJECTIVE_ON_TRACK, REASON_NO_DUE, 30,
	  NONE },
	{ "due before first measurement", ACTIVE, 1, INC, 1, 0, 100, 0, 0,
	  { { 0, 95 } }, 1, OBJECTIVE_ON_TRACK, REASON_ON_PACE, 95, 100 },

	/* Not measurable: status and due date decide. */
	{ "not measurable, achieved", OBJECTIVE_ACHIEVED, 0, INC, 0, 0, 0,
	  10, 50, { { 0, 0 } }, 0, OBJECTIVE_STATE_ACHIEVED,
	  REASON_NOT_MEASURABLE, NONE, NONE },
	{ "not measurable, past due", ACTIVE, 0, INC, 0, 0, 0, 10, 11,
	  { { 0, 0 } }, 0, OBJECTIVE_OVERDUE, REASON_NOT_MEASURABLE, NONE,
	  NONE },
	{ "not measurable, due today", ACTIVE, 0, INC, 0, 0, 0, 10, 10,
	  { { 0, 0 } }, 0, OBJECTIVE_ON_TRACK, REASON_NOT_MEASURABLE, NONE,
	  NONE },
	{ "not measurable, planned", OBJECTIVE_PLANNED, 0, INC, 0, 0, 0, 10,
	  5, { { 0, 0 } }, 0, OBJECTIVE_NOT_STARTED, REASON_NOT_MEASURABLE,
	  NONE, NONE },
	{ "not measurable, missed", OBJECTIVE_MISSED, 0, INC, 0, 0, 0, 10, 50,
	  { { 0, 0 } }, 0, OBJECTIVE_STATE_MISSED, REASON_NOT_MEASURABLE,
	  NONE, NONE },

	/* Closed statuses: withdrawn and missed are not overdue. */
	{ "withdrawn past due", OBJECTIVE_WITHDRAWN, 1, INC, 1, 0, 100, 10,
	  50, { { 0, 0 }, { 5, 20 } }, 2, OBJECTIVE_STATE_WITHDRAWN,
	  REASON_WITHDRAWN, 20, 100 },
	{ "withdrawn with target met", OBJECTIVE_WITHDRAWN, 1, INC, 1, 0, 100,
	  100, 50, { { 0, 0 }, { 50, 100 } }, 2, OBJECTIVE_STATE_WITHDRAWN,
	  REASON_WITHDRAWN, 100, 50 },
	{ "withdrawn, not measurable", OBJECTIVE_WITHDRAWN, 0, INC, 0, 0, 0,
	  10, 50, { { 0, 0 } }, 0, OBJECTIVE_STATE_WITHDRAWN,
	  REASON_WITHDRAWN, NONE, NONE },
	{ "missed past due", OBJECTIVE_MISSED, 1, INC, 1, 0, 100, 10, 50,
	  { { 0, 0 }, { 10, 60 } }, 2, OBJECTIVE_STATE_MISSED, REASON_MISSED,
	  60, 100 },
	{ "missed but target met", OBJECTIVE_MISSED, 1, INC, 1, 0, 100, 10,
	  50, { { 0, 0 }, { 10, 100 } }, 2, OBJECTIVE_STATE_ACHIEVED,
	  REASON_TARGET_MET, 100, 100 },
	{ "achieved but target not met", OBJECTIVE_ACHIEVED, 1, INC, 1, 0,
	  100, 10, 50, { { 0, 0 }, { 10, 60 } }, 2, OBJECTIVE_OVERDUE,
	  REASON_DUE_PASSED, 60, 100 },
};

static void
build_objective(struct objective *obj, struct measurement *points,
    const struct compute_case *c)
{
	memset(obj, 0, sizeof(*obj));
	obj->status = c->status;
	obj->measurable = c->measurable;
	obj->direction = c->direction;
	if (c->measurable) {
		obj->metric = "metric";
		obj->target = c->target;
		obj->target_text = "target";
	}
	if (c->has_baseline) {
		obj->baseline = c->baseline;
		obj->baseline_text = "baseline";
	}
	if (c->due != NONE) {
		obj->due = day(c->due);
		obj->has_due = 1;
	}
	for (size_t i = 0; i < c->point_count; i++) {
		points[i].date = day(c->points[i].day);
		points[i].value = c->points[i].value;
		points[i].text = "value";
	}
	obj->measurements = points;
	obj->measurement_count = c->point_count;
}

static void
test_objective_compute_rules(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(compute_cases) /
	    sizeof(compute_cases[0]); i++) {
		const struct compute_case *c = &compute_cases[i];
		struct measurement points[MAX_POINTS];
		struct objective obj;
		struct objective_result r;

		build_objective(&obj, points, c);
		objective_compute(&r, &obj, day(c->today));

		if (r.state != c->state)
			fail_msg("%s: state '%s', expected '%s'", c->name,
			    objective_state_name(r.state),
			    objective_state_name(c->state));
		if (r.reason != c->reason)
			fail_msg("%s: reason %d, expected %d", c->name,
			    (int)r.reason, (int)c->reason);
		if ((c->progress == NONE) != !r.has_progress ||
		    (r.has_progress && r.progress != c->progress))
			fail_msg("%s: progress %d (computed: %d), expected %d",
			    c->name, r.progress, r.has_progress, c->progress);
		if ((c->expected == NONE) != !r.has_expected ||
		    (r.has_expected && r.expected != c->expected))
			fail_msg("%s: expected progress %d (computed: %d), "
			    "expected %d", c->name, r.expected, r.has_expected,
			    c->expected);
	}
}

static void
test_objective_compute_latest_by_date(void **state)
{
	struct measurement points[3] = {
		{ 0, 10, "10", NULL }, { 0, 30, "30", NULL },
		{ 0, 20, "20", NULL },
	};
	struct objective obj;
	struct objective_result r;

	(void)state;
	memset(&obj, 0, sizeof(obj));
	obj.measurable = 1;
	obj.metric = "m";
	obj.target = 100;
	obj.target_text = "100";
	points[0].date = day(0);
	points[1].date = day(10);
	points[2].date = day(20);
	obj.measurements = points;
	obj.measurement_count = 3;

	objective_compute(&r, &obj, day(15));
	assert_true(r.has_latest);
	assert_string_equal(r.latest_text, "30");
	assert_int_equal(r.latest_date, day(10));
	assert_int_equal(r.start, day(0));
	assert_int_equal(r.days_since_latest, 5);

	objective_compute(&r, &obj, day(25));
	assert_string_equal(r.latest_text, "20");
	assert_int_equal(r.progress, 11);
}

/* The case of compute_cases[] named `name`. */
static const struct compute_case *
compute_case_named(const char *name)
{
	for (size_t i = 0; i < sizeof(compute_cases) /
	    sizeof(compute_cases[0]); i++)
		if (strcmp(compute_cases[i].name, name) == 0)
			return &compute_cases[i];
	fail_msg("no compute case '%s'", name);
	return NULL;
}

static void
test_objective_format_reason_texts(void **state)
{
	static const struct {
		const char *name;
		const char *text;
	} expected[] = {
		{ "decrease overshoots target", "latest value value on "
		  "2026-02-20 meets the target of at most target" },
		{ "one day past due", "due date 2026-04-11 has passed and the "
		  "latest value value on 2026-04-11 falls short of the target "
		  "target" },
		{ "latest 91 days old", "no measurement for 91 days since "
		  "2026-01-11, more than 90" },
		{ "11 points behind", "progress 39% trails the 50% of the time "
		  "from 2026-01-01 to 2026-04-11 that has passed by more than "
		  "10 points" },
		{ "planned, not measured", "planned and not measured yet" },
		{ "active, not measured", "no measurement recorded although "
		  "the objective is 'active'" },
		{ "withdrawn past due", "withdrawn, so its progress is no "
		  "longer tracked" },
		{ "missed past due", "recorded as missed; the latest value "
		  "value on 2026-01-11 falls short of the target target" },
		{ "not measurable, missed", "not measurable, so the state "
		  "follows the status 'missed' and the due date 2026-01-11" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
		const struct compute_case *c =
		    compute_case_named(expected[i].name);
		struct measurement points[MAX_POINTS];
		struct buf text = BUF_INIT;
		struct objective obj;
		struct objective_result r;

		build_objective(&obj, points, c);
		objective_compute(&r, &obj, day(c->today));
		objective_format_reason(&text, &obj, &r);
		assert_string_equal(text.ptr, expected[i].text);
		buf_release(&text);
	}
}

static void
test_objective_state_names(void **state)
{
	(void)state;
	assert_string_equal(objective_state_name(OBJECTIVE_NOT_STARTED),
	    "not-started");
	assert_string_equal(objective_state_name(OBJECTIVE_STATE_MISSED),
	    "missed");
	assert_string_equal(objective_state_name(OBJECTIVE_STATE_WITHDRAWN),
	    "withdrawn");
	assert_string_equal(objective_state_name(OBJECTIVE_ON_TRACK),
	    "on-track");
}

/* --- objective_parse() --------------------------------------------- */

static const char complete_objective[] =
	"id: OBJ-001\n"
	"title: Reduce phishing clicks\n"
	"owner: ciso\n"
	"status: active\n"
	"policy: POL-001\n"
	"addresses: [RSK-001, REQ-001]\n"
	"measure:\n"
	"  metric: Share of staff who click\n"
	"  unit: percent\n"
	"  baseline: 14\n"
	"  target: 4\n"
	"  method: Quarterly simulation\n"
	"measurements:\n"
	"  - {date: 2026-06-19, value: 9.8}\n"
	"  - {date: 2026-03-20, value: 12.5}\n"
	"due: 2027-06-30\n"
	"resources: Simulation platform\n"
	"actions:\n"
	"  - {id: A1, text: Run it, owner: ops, due: 2026-06-30, "
	"status: done}\n"
	"evaluation: Reported to the management review\n"
	"communicated_to: [all staff]\n";

struct parsed {
	struct config config;
	struct diag_list diags;
	struct ynode *front;
	struct objective objective;
};

static int
setup_parsed(void **state)
{
	struct parsed *p = xcalloc(1, sizeof(*p));
	struct diag_list diags = DIAG_LIST_INIT;

	if (config_parse(&p->config, config_text, strlen(config_text),
	    "isms.yaml", &diags) < 0)
		return -1;
	diag_list_release(&diags);
	*state = p;
	return 0;
}

static void
release_parsed(struct parsed *p)
{
	diag_list_release(&p->diags);
	objective_release(&p->objective);
	ynode_free(p->front);
	p->front = NULL;
}

static int
teardown_parsed(void **state)
{
	struct parsed *p = *state;

	release_parsed(p);
	config_release(&p->config);
	free(p);
	return 0;
}

static void
parse_objective(struct parsed *p, const char *yaml)
{
	struct schema_ctx ctx = { "objectives/OBJ-001-x.md", &p->diags,
		"objective" };

	release_parsed(p);
	assert_int_equal(yaml_doc_parse(&p->front, yaml, strlen(yaml),
	    ctx.path, 1, &p->diags), 0);
	assert_int_equal(objective_parse(&p->objective, p->front, &p->config,
	    &ctx), 0);
}

static size_t
rule_count(const struct diag_list *diags, const char *rule)
{
	return diag_count_rule(diags, rule);
}

static const char *
message_of(const struct diag_list *diags, const char *rule)
{
	for (size_t i = 0; i < diags->count; i++)
		if (strcmp(diags->items[i].rule, rule) == 0)
			return diags->items[i].message;
	fail_msg("no '%s' finding", rule);
	return NULL;
}

/* `complete_objective` with each line that starts with a key in `drop` removed. */
static char *
objective_without(const char *const *drop)
{
	struct buf out = BUF_INIT;
	const char *p = complete_objective;
	int skipping = 0;

	while (*p) {
		const char *end = strchr(p, '\n');
		size_t len = (size_t)(end - p) + 1;
		int indented = *p == ' ';

		if (!indented) {
			skipping = 0;
			for (size_t i = 0; drop[i]; i++)
				if (strncmp(p, drop[i], strlen(drop[i])) == 0 &&
				    p[strlen(drop[i])] == ':')
					skipping = 1;
		}
		if (!skipping)
			buf_add(&out, p, len);
		p += len;
	}
	return buf_detach(&out, NULL);
}

static void
test_objective_parse_complete_record(void **state)
{
	struct parsed *p = *state;
	const struct objective *obj = &p->objective;

	parse_objective(p, complete_objective);
	assert_int_equal(p->diags.count, 0);
	assert_string_equal(obj->owner, "ciso");
	assert_int_equal(obj->status, OBJECTIVE_ACTIVE);
	assert_string_equal(obj->policy, "POL-001");
	assert_int_equal(obj->addresses.count, 2);
	assert_true(obj->measurable);
	assert_string_equal(obj->metric, "Share of staff who click");
	assert_string_equal(obj->baseline_text, "14");
	assert_string_equal(obj->target_text, "4");
	assert_int_equal(obj->direction, DIRECTION_DECREASE);
	assert_int_equal(obj->measurement_count, 2);
	assert_string_equal(obj->measurements[0].text, "12.5");
	assert_string_equal(obj->measurements[1].text, "9.8");
	assert_true(obj->has_due);
	assert_int_equal(obj->action_count, 1);
	assert_int_equal(obj->actions[0].status, ACTION_DONE);
	assert_int_equal(obj->communicated_to.count, 1);
}

static void
test_objective_parse_duplicate_date_warns(void **state)
{
	struct parsed *p = *state;

	parse_objective(p, complete_objective);
	assert_int_equal(rule_count(&p->diags,
	    "objective-measurement-duplicate"), 0);

	parse_objective(p, "id: OBJ-001\ntitle: T\nstatus: planned\n"
	    "measure: {metric: m, baseline: 0, target: 10}\n"
	    "measurements:\n"
	    "  - {date: 2026-03-20, value: 1}\n"
	    "  - {date: 2026-02-01, value: 0}\n"
	    "  - {date: 2026-03-20, value: 2}\n");
	assert_int_equal(p->diags.count, 1);
	assert_int_equal(rule_count(&p->diags,
	    "objective-measurement-duplicate"), 1);
	assert_string_equal(message_of(&p->diags,
	    "objective-measurement-duplicate"), "date '2026-03-20' is "
	    "measured twice (also on line 7); only this later value counts, "
	    "so remove one of them");
	assert_int_equal(p->diags.items[0].line, 9);
	assert_int_equal(p->objective.measurement_count, 2);
	assert_string_equal(p->objective.measurements[0].text, "0");
	assert_string_equal(p->objective.measurements[1].text, "2");
	assert_int_equal(p->objective.direction, DIRECTION_INCREASE);
}

static void
test_objective_parse_not_measurable(void **state)
{
	static const char *const drop_measure[] = { "measure", NULL };
	struct parsed *p = *state;
	struct buf yaml = BUF_INIT;
	char *text = objective_without(drop_measure);

	parse_objective(p, text);
	assert_int_equal(rule_count(&p->diags, "objective-not-measurable"), 1);
	assert_string_equal(message_of(&p->diags, "objective-not-measurable"),
	    "objective has no 'measure' with a 'metric' and a 'target'; add "
	    "them, or write 'measurable: false' and a 'reason'");

	buf_printf(&yaml, "%smeasurable: false\n", text);
	parse_objective(p, yaml.ptr);
	assert_int_equal(rule_count(&p->diags, "objective-not-measurable"), 1);
	assert_string_equal(message_of(&p->diags, "objective-not-measurable"),
	    "objective is 'measurable: false' but gives no 'reason'; say why "
	    "its results cannot be measured");

	buf_puts(&yaml, "reason: Culture change is judged by the board\n");
	parse_objective(p, yaml.ptr);
	assert_int_equal(rule_count(&p->diags, "objective-not-measurable"), 0);
	assert_false(p->objective.measurable);

	buf_reset(&yaml);
	buf_printf(&yaml, "%smeasurable: false\nreason: r\n",
	    complete_objective);
	parse_objective(p, yaml.ptr);
	assert_int_equal(rule_count(&p->diags, "invalid-value"), 1);
	assert_string_equal(message_of(&p->diags, "invalid-value"),
	    "objective is 'measurable: false' but its 'measure' has a target; "
	    "remove one of them");

	buf_release(&yaml);
	free(text);
}

static void
test_objective_parse_measure_without_target(void **state)
{
	struct parsed *p = *state;

	parse_objective(p, "id: OBJ-001\ntitle: T\nstatus: planned\n"
	    "measure: {metric: m, baseline: 3}\n");
	assert_int_equal(rule_count(&p->diags, "objective-not-measurable"), 1);
	assert_string_equal(message_of(&p->diags, "objective-not-measurable"),
	    "measure has no 'target'; add what is missing, or write "
	    "'measurable: false' and a 'reason'");

	parse_objective(p, "id: OBJ-001\ntitle: T\nstatus: planned\n"
	    "measure: {unit: percent}\n");
	assert_string_equal(message_of(&p->diags, "objective-not-measurable"),
	    "measure has no 'metric' and no 'target'; add what is missing, "
	    "or write 'measurable: false' and a 'reason'");
}

static void
test_objective_parse_direction_checks(void **state)
{
	struct parsed *p = *state;

	parse_objective(p, "id: OBJ-001\ntitle: T\nstatus: planned\n"
	    "measure: {metric: m, baseline: 14, target: 4, "
	    "direction: increase}\n");
	assert_int_equal(rule_count(&p->diags, "invalid-value"), 1);
	assert_string_equal(message_of(&p->diags, "invalid-value"),
	    "direction 'increase' contradicts the target '4', which is below "
	    "the baseline '14'; correct the direction or the target");

	parse_objective(p, "id: OBJ-001\ntitle: T\nstatus: planned\n"
	    "measure: {metric: m, target: 4}\n");
	assert_int_equal(rule_count(&p->diags, "missing-field"), 1);

	parse_objective(p, "id: OBJ-001\ntitle: T\nstatus: planned\n"
	    "measure: {metric: m, target: 4, direction: decrease}\n");
	assert_int_equal(p->diags.count, 0);
	assert_int_equal(p->objective.direction, DIRECTION_DECREASE);
}

static void
test_objective_parse_planning_missing(void **state)
{
	static const char *const drop[] = { "resources", "due", "evaluation",
		NULL };
	struct parsed *p = *state;
	char *text = objective_without(drop);

	parse_objective(p, complete_objective);
	assert_int_equal(rule_count(&p->diags, "objective-planning-missing"),
	    0);

	parse_objective(p, text);
	assert_int_equal(rule_count(&p->diags, "objective-planning-missing"),
	    1);
	assert_string_equal(message_of(&p->diags,
	    "objective-planning-missing"), "active objective does not say "
	    "what resources it needs ('resources'), when it will be "
	    "completed ('due'); clause 6.2 plans what will be done, "
	    "resources, who, when and how results are evaluated");
	assert_int_equal(p->diags.items[0].line, 5);

	/* measure.method counts as the evaluation; a planned objective is quiet. */
	free(text);
	text = objective_without((const char *const[]){ "evaluation", NULL });
	parse_objective(p, text);
	assert_int_equal(rule_count(&p->diags, "objective-planning-missing"),
	    0);

	parse_objective(p, "id: OBJ-001\ntitle: T\nstatus: planned\n"
	    "measurable: false\nreason: r\n");
	assert_int_equal(p->diags.count, 0);

	parse_objective(p, "id: OBJ-001\ntitle: T\nstatus: active\n"
	    "measurable: false\nreason: r\n");
	assert_string_equal(message_of(&p->diags,
	    "objective-planning-missing"), "active objective does not say "
	    "what will be done ('actions' or 'measure'), what resources it "
	    "needs ('resources'), who is responsible ('owner'), when it will "
	    "be completed ('due'), how its results are evaluated "
	    "('evaluation' or 'measure.method'); clause 6.2 plans what will "
	    "be done, resources, who, when and how results are evaluated");
	free(text);
}

static void
test_objective_parse_unknown_key_and_person(void **state)
{
	struct parsed *p = *state;
	struct buf yaml = BUF_INIT;

	buf_puts(&yaml, complete_objective);
	buf_puts(&yaml, "measurment: []\n");
	parse_objective(p, yaml.ptr);
	assert_int_equal(rule_count(&p->diags, "unknown-key"), 1);
	assert_non_null(strstr(message_of(&p->diags, "unknown-key"),
	    "did you mean 'measurements'?"));

	parse_objective(p, "id: OBJ-001\ntitle: T\nstatus: planned\n"
	    "owner: cisco\nmeasurable: false\nreason: r\n"
	    "actions:\n  - {text: x, owner: nobody, due: 2026-01-01}\n");
	assert_int_equal(rule_count(&p->diags, "ref-unknown-person"), 2);
	assert_string_equal(message_of(&p->diags, "ref-unknown-person"),
	    "objective owner 'cisco' is not in 'people' of isms.yaml; did you "
	    "mean 'ciso'?");
	buf_release(&yaml);
}

static void
test_objective_parse_bad_values(void **state)
{
	struct parsed *p = *state;

	parse_objective(p, "id: OBJ-001\ntitle: T\nstatus: done\n"
	    "measure: {metric: m, baseline: 0, target: ten}\n"
	    "measurements: {date: 2026-01-01}\n"
	    "actions:\n  - {text: no owner}\n"
	    "due: 2026-02-30\n");
	assert_int_equal(rule_count(&p->diags, "invalid-value"), 2);
	assert_int_equal(rule_count(&p->diags, "wrong-type"), 1);
	assert_int_equal(rule_count(&p->diags, "missing-field"), 2);
	assert_int_equal(rule_count(&p->diags, "invalid-date"), 1);
	assert_false(p->objective.has_due);
	assert_int_equal(p->objective.measurement_count, 0);
}

/* --- objective_check() and objective_check_dates() ----------------- */

/* Adds a record of `kind` at `path`, parsed as isms_load() would. */
static struct record *
world_add(struct fixture_memory *w, enum record_kind kind, const char *path,
    const char *yaml)
{
	struct record *rec = fixture_memory_add(w, kind, path, yaml);
	struct schema_ctx ctx = { rec->path, &w->diags, "record" };

	if (kind == KIND_OBJECTIVE) {
		rec->objective = xcalloc(1, sizeof(*rec->objective));
		objective_parse(rec->objective, rec->front, &w->isms.config,
		    &ctx);
	}
	return rec;
}

static void
test_objective_check_references(void **state)
{
	struct fixture_memory *w = fixture_memory_new(config_text);
	struct record *obj;

	(void)state;
	world_add(w, KIND_RISK, "risks/RSK-001-x.md", "id: RSK-001\n");
	world_add(w, KIND_REQUIREMENT, "context/REQ-001-x.md", "id: REQ-001\n");
	world_add(w, KIND_ISSUE, "context/ISS-001-x.md", "id: ISS-001\n");
	world_add(w, KIND_DOCUMENT, "policies/security.md", "id: POL-001\n");
	obj = world_add(w, KIND_OBJECTIVE, "objectives/OBJ-001-x.md",
	    "id: OBJ-001\ntitle: T\nstatus: planned\nmeasurable: false\n"
	    "reason: r\npolicy: POL-001\naddresses: [RSK-001, REQ-001]\n");
	assert_int_equal(w->diags.count, 0);

	objective_check(&w->isms, obj, &w->diags);
	assert_int_equal(w->diags.count, 0);

	obj = world_add(w, KIND_OBJECTIVE, "objectives/OBJ-002-x.md",
	    "id: OBJ-002\ntitle: T\nstatus: planned\nmeasurable: false\n"
	    "reason: r\npolicy: POL-009\naddresses: [RSK-404, ISS-001]\n");
	objective_check(&w->isms, obj, &w->diags);
	assert_int_equal(rule_count(&w->diags, "ref-unknown-record"), 2);
	assert_int_equal(rule_count(&w->diags, "ref-wrong-kind"), 1);
	assert_string_equal(message_of(&w->diags, "ref-wrong-kind"),
	    "'addresses' lists 'ISS-001', whose kind is 'issue'; name a "
	    "record of the kind this field takes");
	assert_non_null(strstr(w->diags.items[w->diags.count - 1].message,
	    "'policy' names 'POL-009', but no document or record has that "
	    "id"));
	fixture_memory_free(w);
}

static void
test_objective_check_policy_text_is_free(void **state)
{
	struct fixture_memory *w = fixture_memory_new(config_text);
	struct record *obj;

	(void)state;
	obj = world_add(w, KIND_OBJECTIVE, "objectives/OBJ-001-x.md",
	    "id: OBJ-001\ntitle: T\nstatus: planned\nmeasurable: false\n"
	    "reason: r\npolicy: Information security policy, section 4\n");
	objective_check(&w->isms, obj, &w->diags);
	assert_int_equal(w->diags.count, 0);
	fixture_memory_free(w);
}

static void
test_objective_check_dates_overdue_action(void **state)
{
	struct fixture_memory *w = fixture_memory_new(config_text);
	struct record *obj;
	int today;

	(void)state;
	obj = world_add(w, KIND_OBJECTIVE, "objectives/OBJ-001-x.md",
	    "id: OBJ-001\ntitle: T\nstatus: active\nmeasurable: false\n"
	    "reason: r\nowner: ops\ndue: 2027-01-01\nresources: r\n"
	    "evaluation: e\n"
	    "actions:\n"
	    "  - {id: A1, text: x, owner: ops, due: 2026-05-31}\n"
	    "  - {id: A2, text: b, owner: ops, due: 2026-06-01}\n"
	    "  - {id: A3, text: z, owner: ops, due: 2026-01-01, "
	    "status: done}\n");
	assert_int_equal(w->diags.count, 0);
	assert_int_equal(date_parse("2026-06-01", &today), 0);

	objective_check_dates(obj, today, &w->diags);
	assert_int_equal(rule_count(&w->diags, "objective-action-overdue"), 1);
	assert_string_equal(message_of(&w->diags, "objective-action-overdue"),
	    "action 'A1' was due on '2026-05-31' but is 'planned'; finish it "
	    "or set a new 'due' date");

	diag_list_release(&w->diags);
	obj->objective->status = OBJECTIVE_ACHIEVED;
	objective_check_dates(obj, today, &w->diags);
	assert_int_equal(w->diags.count, 0);
	fixture_memory_free(w);
}

/*
 * A measurable objective with `status` whose one measurement, on
 * `date`, has `value` against a target of at least 10.
 */
static struct record *
add_measured(struct fixture_memory *w, const char *status, const char *date,
    const char *value)
{
	struct buf yaml = BUF_INIT;
	struct record *rec;

	buf_printf(&yaml, "id: OBJ-001\ntitle: T\nstatus: %s\nowner: ops\n"
	    "measure: {metric: m, baseline: 0, target: 10}\n"
	    "measurements:\n  - {date: %s, value: %s}\n"
	    "due: 2027-01-01\nresources: r\nevaluation: e\n", status, date,
	    value);
	rec = world_add(w, KIND_OBJECTIVE, "objectives/OBJ-001-x.md",
	    yaml.ptr);
	buf_release(&yaml);
	if (w->diags.count)
		fail_msg("unexpected finding: %s", w->diags.items[0].message);
	return rec;
}

static void
test_objective_check_dates_future_measurement(void **state)
{
	static const char *const statuses[] = { "active", "withdrawn" };
	int today;

	(void)state;
	assert_int_equal(date_parse("2026-06-01", &today), 0);
	for (size_t i = 0; i < 2; i++) {
		struct fixture_memory *w = fixture_memory_new(config_text);
		struct record *obj = add_measured(w, statuses[i],
		    "2026-06-02", "4");

		objective_check_dates(obj, today, &w->diags);
		assert_int_equal(rule_count(&w->diags, "date-in-future"), 1);
		assert_string_equal(message_of(&w->diags, "date-in-future"),
		    "measurement date is '2026-06-02', after today "
		    "('2026-06-01'); record the date it happened");
		assert_int_equal(w->diags.items[0].line, 8);
		fixture_memory_free(w);
	}
}

static void
test_objective_check_dates_measured_today_quiet(void **state)
{
	struct fixture_memory *w = fixture_memory_new(config_text);
	struct record *obj = add_measured(w, "active", "2026-06-01", "4");
	int today;

	(void)state;
	assert_int_equal(date_parse("2026-06-01", &today), 0);
	objective_check_dates(obj, today, &w->diags);
	assert_int_equal(rule_count(&w->diags, "date-in-future"), 0);
	assert_int_equal(w->diags.count, 0);
	fixture_memory_free(w);
}

static void
test_objective_check_dates_status_contradicts(void **state)
{
	static const struct {
		const char *status, *date, *value, *message;
	} cases[] = {
		{ "achieved", "2026-05-01", "4", "status is 'achieved', but "
		  "the latest value 4 on 2026-05-01 falls short of the target "
		  "of at least 10; record the measurement that met the "
		  "target, or set the status that holds" },
		{ "achieved", "2026-07-01", "12", "status is 'achieved', but "
		  "no measurement on or before today shows the target met; "
		  "record the measurement that met it, or set the status "
		  "that holds" },
		{ "missed", "2026-05-01", "12", "status is 'missed', but the "
		  "latest value 12 on 2026-05-01 meets the target of at least "
		  "10; set 'status: achieved', or record the measurement that "
		  "shows it missed" },
	};
	int today;

	(void)state;
	assert_int_equal(date_parse("2026-06-01", &today), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fixture_memory *w = fixture_memory_new(config_text);
		struct record *obj = add_measured(w, cases[i].status,
		    cases[i].date, cases[i].value);
		const char *message;

		objective_check_dates(obj, today, &w->diags);
		assert_int_equal(rule_count(&w->diags,
		    "objective-status-contradicts"), 1);
		message = message_of(&w->diags, "objective-status-contradicts");
		assert_string_equal(message, cases[i].message);
		fixture_memory_free(w);
	}
}

static void
test_objective_check_dates_status_agrees_quiet(void **state)
{
	static const struct {
		const char *status, *value;
	} cases[] = {
		{ "achieved", "12" },
		{ "missed", "4" },
		{ "active", "4" },
		{ "planned", "4" },
		{ "withdrawn", "12" },
	};
	int today;

	(void)state;
	assert_int_equal(date_parse("2026-06-01", &today), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fixture_memory *w = fixture_memory_new(config_text);
		struct record *obj = add_measured(w, cases[i].status,
		    "2026-05-01", cases[i].value);

		objective_check_dates(obj, today, &w->diags);
		if (w->diags.count)
			fail_msg("%s: unexpected '%s'", cases[i].status,
			    w->diags.items[0].message);
		fixture_memory_free(w);
	}
}

static void
test_objective_check_dates_target_met_note(void **state)
{
	static const char *const statuses[] = { "active", "planned" };
	int today;

	(void)state;
	assert_int_equal(date_parse("2026-06-01", &today), 0);
	for (size_t i = 0; i < 2; i++) {
		struct fixture_memory *w = fixture_memory_new(config_text);
		struct record *obj = add_measured(w, statuses[i],
		    "2026-05-01", "10");

		objective_check_dates(obj, today, &w->diags);
		assert_int_equal(w->diags.count, 1);
		assert_int_equal(w->diags.items[0].severity, DIAG_NOTE);
		assert_string_equal(message_of(&w->diags,
		    "objective-target-met"), "the latest value 10 on "
		    "2026-05-01 meets the target of at least 10; set 'status: "
		    "achieved' once the result is confirmed");
		fixture_memory_free(w);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_objective_compute_rules),
		cmocka_unit_test(test_objective_compute_latest_by_date),
		cmocka_unit_test(test_objective_format_reason_texts),
		cmocka_unit_test(test_objective_state_names),
		cmocka_unit_test(test_objective_parse_complete_record),
		cmocka_unit_test(test_objective_parse_duplicate_date_warns),
		cmocka_unit_test(test_objective_parse_not_measurable),
		cmocka_unit_test(test_objective_parse_measure_without_target),
		cmocka_unit_test(test_objective_parse_direction_checks),
		cmocka_unit_test(test_objective_parse_planning_missing),
		cmocka_unit_test(test_objective_parse_unknown_key_and_person),
		cmocka_unit_test(test_objective_parse_bad_values),
		cmocka_unit_test(test_objective_check_references),
		cmocka_unit_test(test_objective_check_policy_text_is_free),
		cmocka_unit_test(test_objective_check_dates_overdue_action),
		cmocka_unit_test(
		    test_objective_check_dates_future_measurement),
		cmocka_unit_test(
		    test_objective_check_dates_measured_today_quiet),
		cmocka_unit_test(
		    test_objective_check_dates_status_contradicts),
		cmocka_unit_test(
		    test_objective_check_dates_status_agrees_quiet),
		cmocka_unit_test(test_objective_check_dates_target_met_note),
	};

	return cmocka_run_group_tests(tests, setup_parsed, teardown_parsed);
}
