#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "assess.h"
#include "buf.h"
#include "date.h"
#include "isms.h"
#include "source.h"
#include "treatment_plan.h"
#include "support/isms_fixture.h"
#include "banned.h"

/*
 * Unit tests of plan_build(): which risks are in the plan, the overdue
 * and stalled flags, the plan approval, and the order of the items. Each
 * test writes an ISMS into a temporary folder and loads it with
 * isms_load(), as the command does.
 */

#define CONFIG \
	"isms: 1\n" \
	"organisation: Example Ltd\n" \
	"scope: Test scope\n" \
	"people:\n" \
	"  ciso: {name: A. Person, email: [ciso@example.com], " \
	"roles: [risk-approver]}\n" \
	"  cto: {name: B. Person, email: [cto@example.com], " \
	"roles: [top-management]}\n" \
	"  ops: {name: C. Person, email: [ops@example.com]}\n" \
	"  dev: {name: D. Person, email: [dev@example.com]}\n" \
	"risk_criteria:\n" \
	"  likelihood: [{name: rare}, {name: unlikely}, {name: possible}, " \
	"{name: likely}, {name: almost-certain}]\n" \
	"  consequence:\n" \
	"    scale: [{name: negligible}, {name: minor}, {name: moderate}, " \
	"{name: major}, {name: severe}]\n" \
	"  method: matrix\n" \
	"  matrix:\n" \
	"    - [low,    low,    low,    medium, medium]\n" \
	"    - [low,    low,    medium, medium, high]\n" \
	"    - [low,    medium, medium, high,   high]\n" \
	"    - [medium, medium, high,   high,   critical]\n" \
	"    - [medium, high,   high,   critical, critical]\n" \
	"  levels:\n" \
	"    - {name: low, accept: [risk-owner]}\n" \
	"    - {name: medium, accept: [risk-owner, risk-approver]}\n" \
	"    - {name: high, accept: [risk-owner, top-management]}\n" \
	"    - {name: critical, accept: never}\n" \
	"  acceptance_threshold: low\n"

#define TODAY "2026-06-01"

struct world {
	struct fixture_tree fx;
	struct assessment assessment;
	struct plan plan;
};

static int
setup(void **state)
{
	struct world *w = calloc(1, sizeof(*w));

	if (!w)
		return -1;
	if (fixture_tree_open(&w->fx, CONFIG) < 0) {
		free(w);
		return -1;
	}
	*state = w;
	return 0;
}

static int
teardown(void **state)
{
	struct world *w = *state;

	plan_release(&w->plan);
	assessment_release(&w->assessment);
	fixture_tree_close(&w->fx);
	free(w);
	return 0;
}

static void
build(struct world *w)
{
	int today;

	assert_int_equal(date_parse(TODAY, &today), 0);
	fixture_tree_load(&w->fx);
	assert_true(w->fx.isms.config.criteria_ok);
	assess_risks(&w->assessment, &w->fx.isms, today, &w->fx.diags);
	plan_build(&w->plan, &w->fx.isms, &w->assessment, today);
}

static const struct plan_risk *
plan_risk(const struct world *w, const char *id)
{
	for (size_t i = 0; i < w->plan.risk_count; i++)
		if (strcmp(w->plan.risks[i].result->record->id, id) == 0)
			return &w->plan.risks[i];
	return NULL;
}

/* The item of action `action` ("-" for none) of risk `id`. */
static const struct plan_item *
plan_item(const struct world *w, const char *id, const char *action)
{
	for (size_t i = 0; i < w->plan.item_count; i++) {
		const struct plan_item *item = &w->plan.items[i];
		const char *risk = w->plan.risks[item->risk].result->record->id;
		const char *name = item->action ? item->action->id : "-";

		if (strcmp(risk, id) == 0 && name && strcmp(name, action) == 0)
			return item;
	}
	fail_msg("no plan item for %s %s", id, action);
	return NULL;
}

static const char *const plan_risks =
	"owner: ops\nstatus: treating\n"
	"inherent: {likelihood: possible, consequence: major}\n";

static void
add_flag_risks(struct world *w)
{
	fixture_tree_add_risk(&w->fx, "RSK-001",
	    "owner: ops\nstatus: treating\n"
	    "inherent: {likelihood: possible, consequence: major}\n"
	    "treatment:\n"
	    "  option: modify\n"
	    "  actions:\n"
	    "    - {id: A1, text: Late, owner: dev, due: 2026-05-01, "
	    "status: in-progress}\n"
	    "    - {id: A2, text: Not started, owner: dev, due: 2026-06-10, "
	    "status: planned}\n"
	    "    - {id: A3, text: Later, owner: ops, due: 2026-07-01, "
	    "status: planned}\n"
	    "    - {id: A4, text: Done, owner: ops, due: 2026-05-20, "
	    "status: done, evidence: Report}\n"
	    "  plan_approved_by: ops\n"
	    "  plan_approved_on: 2026-04-01\n");
}

static void
test_plan_build_overdue_and_stalled(void **state)
{
	struct world *w = *state;
	const struct plan_item *item;

	add_flag_risks(w);
	build(w);

	item = plan_item(w, "RSK-001", "A1");
	assert_true(item->overdue);
	assert_false(item->stalled);
	item = plan_item(w, "RSK-001", "A2");
	assert_false(item->overdue);
	assert_true(item->stalled);
	item = plan_item(w, "RSK-001", "A3");
	assert_false(item->overdue);
	assert_false(item->stalled);
	item = plan_item(w, "RSK-001", "A4");
	assert_false(item->overdue);
	assert_false(item->stalled);

	assert_int_equal(plan_risk(w, "RSK-001")->overdue, 1);
	assert_int_equal(plan_risk(w, "RSK-001")->stalled, 1);
	assert_int_equal(plan_risk(w, "RSK-001")->action_count, 4);
	assert_int_equal(plan_risk(w, "RSK-001")->approval, PLAN_APPROVED);
}

static void
test_plan_build_stall_boundary(void **state)
{
	struct world *w = *state;

	fixture_tree_add_risk(&w->fx, "RSK-001",
	    "owner: ops\nstatus: treating\n"
	    "inherent: {likelihood: possible, consequence: major}\n"
	    "treatment:\n"
	    "  option: modify\n"
	    "  actions:\n"
	    "    - {id: A1, text: In 14 days, owner: ops, due: 2026-06-15}\n"
	    "    - {id: A2, text: In 15 days, owner: ops, due: 2026-06-16}\n"
	    "    - {id: A3, text: Past and not started, owner: ops, "
	    "due: 2026-05-31}\n"
	    "    - {id: A4, text: Due today, owner: ops, due: 2026-06-01, "
	    "status: in-progress}\n");
	build(w);

	assert_true(plan_item(w, "RSK-001", "A1")->stalled);
	assert_false(plan_item(w, "RSK-001", "A2")->stalled);
	assert_true(plan_item(w, "RSK-001", "A3")->stalled);
	assert_true(plan_item(w, "RSK-001", "A3")->overdue);
	assert_false(plan_item(w, "RSK-001", "A4")->overdue);
	assert_false(plan_item(w, "RSK-001", "A4")->stalled);
}

static void
test_plan_build_approval(void **state)
{
	struct world *w = *state;

	fixture_tree_add_risk(&w->fx, "RSK-001",
	    "owner: ops\nstatus: treating\n"
	    "inherent: {likelihood: possible, consequence: major}\n"
	    "treatment: {option: modify, plan_approved_by: ops, "
	    "plan_approved_on: 2026-04-01}\n");
	fixture_tree_add_risk(&w->fx, "RSK-002",
	    "owner: ops\nstatus: treating\n"
	    "inherent: {likelihood: possible, consequence: major}\n"
	    "treatment: {option: modify, plan_approved_by: ciso, "
	    "plan_approved_on: 2026-04-01}\n");
	fixture_tree_add_risk(&w->fx, "RSK-003",
	    "owner: ops\nstatus: treating\n"
	    "inherent: {likelihood: possible, consequence: major}\n"
	    "treatment: {option: modify, plan_approved_by: cto, "
	    "plan_approved_on: 2026-04-01}\n");
	fixture_tree_add_risk(&w->fx, "RSK-004",
	    "owner: ops\nstatus: treating\n"
	    "inherent: {likelihood: possible, consequence: major}\n"
	    "treatment: {option: modify, plan_approved_by: ops}\n");
	fixture_tree_add_risk(&w->fx, "RSK-005",
	    "owner: ops\nstatus: treating\n"
	    "inherent: {likelihood: possible, consequence: major}\n"
	    "treatment: {option: modify}\n");
	fixture_tree_add_risk(&w->fx, "RSK-006",
	    "owner: ops\nstatus: assessed\n"
	    "inherent: {likelihood: possible, consequence: major}\n");
	build(w);

	assert_int_equal(plan_risk(w, "RSK-001")->approval, PLAN_APPROVED);
	assert_int_equal(plan_risk(w, "RSK-002")->approval, PLAN_APPROVED);
	assert_int_equal(plan_risk(w, "RSK-003")->approval,
	    PLAN_APPROVER_NOT_ENTITLED);
	assert_int_equal(plan_risk(w, "RSK-004")->approval, PLAN_NOT_APPROVED);
	assert_int_equal(plan_risk(w, "RSK-005")->approval, PLAN_NOT_APPROVED);
	assert_int_equal(plan_risk(w, "RSK-006")->approval, PLAN_NONE);
	assert_int_equal(w->plan.not_approved, 4);
	assert_string_equal(plan_approval_name(PLAN_NOT_APPROVED),
	    "plan not approved");
	assert_string_equal(plan_approval_name(PLAN_APPROVER_NOT_ENTITLED),
	    "plan approver not entitled");
}

static void
test_plan_build_membership(void **state)
{
	struct world *w = *state;

	fixture_tree_add_risk(&w->fx, "RSK-001", plan_risks);
	fixture_tree_add_risk(&w->fx, "RSK-002", "owner: ops\nstatus: closed\n"
	    "inherent: {likelihood: possible, consequence: major}\n"
	    "treatment:\n  option: avoid\n  actions: [{id: A1, text: Stop, "
	    "owner: ops, due: 2026-01-01}]\n");
	fixture_tree_add_risk(&w->fx, "RSK-003",
	    "owner: ops\nstatus: assessed\n"
	    "inherent: {likelihood: rare, consequence: negligible}\n");
	fixture_tree_add_risk(&w->fx, "RSK-004",
	    "owner: ops\nstatus: treating\n"
	    "inherent: {likelihood: rare, consequence: negligible}\n"
	    "treatment: {option: modify}\n");
	fixture_tree_add_risk(&w->fx, "RSK-005",
	    "owner: ops\nstatus: identified\n");
	build(w);

	assert_int_equal(w->plan.risk_count, 2);
	assert_non_null(plan_risk(w, "RSK-001"));
	assert_null(plan_risk(w, "RSK-002"));
	assert_null(plan_risk(w, "RSK-003"));
	assert_non_null(plan_risk(w, "RSK-004"));
	assert_null(plan_risk(w, "RSK-005"));

	/* A risk without actions is one item without an action. */
	assert_int_equal(w->plan.item_count, 2);
	assert_null(plan_item(w, "RSK-001", "-")->action);
	assert_int_equal(w->plan.action_count, 0);
}

static void
test_plan_build_order(void **state)
{
	static const char *const expected[][2] = {
		{ "RSK-002", "A1" },	/* ciso */
		{ "RSK-001", "A1" },	/* dev, 2026-05-01 */
		{ "RSK-001", "A2" },	/* dev, 2026-06-10 */
		{ "RSK-001", "A4" },	/* ops, 2026-05-20 */
		{ "RSK-003", "A1" },	/* ops, 2026-05-20, later id */
		{ "RSK-001", "A3" },	/* ops, 2026-07-01 */
		{ "RSK-004", "-" },	/* ops, no action */
	};
	struct world *w = *state;

	add_flag_risks(w);
	fixture_tree_add_risk(&w->fx, "RSK-002",
	    "owner: ops\nstatus: treating\n"
	    "inherent: {likelihood: possible, consequence: major}\n"
	    "treatment:\n  option: modify\n  actions: [{id: A1, text: Keys, "
	    "owner: ciso, due: 2026-09-01}]\n");
	/* An action without an owner goes to the risk owner. */
	fixture_tree_add_risk(&w->fx, "RSK-003",
	    "owner: ops\nstatus: treating\n"
	    "inherent: {likelihood: possible, consequence: major}\n"
	    "treatment:\n  option: modify\n  actions: [{id: A1, text: Logs, "
	    "due: 2026-05-20}]\n");
	fixture_tree_add_risk(&w->fx, "RSK-004", plan_risks);
	build(w);

	assert_int_equal(w->plan.item_count,
	    sizeof(expected) / sizeof(expected[0]));
	for (size_t i = 0; i < w->plan.item_count; i++) {
		const struct plan_item *item = &w->plan.items[i];
		const char *risk = w->plan.risks[item->risk].result->record->id;

		assert_string_equal(risk, expected[i][0]);
		assert_string_equal(item->action ? item->action->id : "-",
		    expected[i][1]);
	}
	assert_string_equal(plan_item(w, "RSK-003", "A1")->owner, "ops");
	assert_int_equal(w->plan.action_count, 6);
	assert_int_equal(w->plan.overdue, 2);
	assert_int_equal(w->plan.stalled, 2);
}

/* A medium risk (unlikely x major) owned by ops, retained. */
#define RETAINED \
	"owner: ops\nstatus: accepted\n" \
	"inherent: {likelihood: unlikely, consequence: major}\n" \
	"treatment: {option: retain, plan_approved_by: ops, " \
	"plan_approved_on: 2026-02-01}\n"

#define MEDIUM_RATING "{likelihood: unlikely, consequence: major}"

static void
test_plan_build_acceptance_flags(void **state)
{
	struct world *w = *state;

	fixture_tree_add_risk(&w->fx, "RSK-001",
	    RETAINED "acceptance: {by: [ops, ciso], "
	    "date: 2026-02-01, until: 2026-05-31, rating: " MEDIUM_RATING
	    "}\n");
	fixture_tree_add_risk(&w->fx, "RSK-002",
	    "owner: ops\nstatus: accepted\n"
	    "inherent: {likelihood: unlikely, consequence: major}\n"
	    "acceptance: {by: [ops, ciso], date: 2026-02-01, "
	    "rating: {likelihood: rare, consequence: major}}\n");
	fixture_tree_add_risk(&w->fx, "RSK-003", RETAINED);
	fixture_tree_add_risk(&w->fx, "RSK-004",
	    RETAINED "acceptance: {by: [ops, ciso], "
	    "date: 2026-07-01, rating: " MEDIUM_RATING "}\n");
	/*
	 * Valid for the residual rating, but the risk is still treating, so
	 * its current rating is the inherent one.
	 */
	fixture_tree_add_risk(&w->fx, "RSK-005",
	    "owner: ops\nstatus: treating\n"
	    "inherent: {likelihood: possible, consequence: major}\n"
	    "treatment: {option: retain, controls: [\"8.13\"]}\n"
	    "residual: " MEDIUM_RATING "\n"
	    "acceptance: {by: [ops, ciso], date: 2026-02-01, "
	    "rating: " MEDIUM_RATING "}\n");
	build(w);

	assert_int_equal(plan_risk(w, "RSK-001")->acceptance,
	    PLAN_ACCEPTANCE_EXPIRED);
	assert_int_equal(plan_risk(w, "RSK-001")->approval, PLAN_APPROVED);
	/* No treatment, but the acceptance retains the risk. */
	assert_int_equal(plan_risk(w, "RSK-002")->acceptance,
	    PLAN_ACCEPTANCE_NOT_VALID);
	assert_int_equal(plan_risk(w, "RSK-003")->acceptance,
	    PLAN_ACCEPTANCE_MISSING);
	assert_int_equal(plan_risk(w, "RSK-004")->acceptance,
	    PLAN_ACCEPTANCE_NOT_VALID);
	assert_int_equal(plan_risk(w, "RSK-005")->acceptance,
	    PLAN_ACCEPTANCE_OTHER_RATING);
	assert_int_equal(w->plan.not_accepted, 5);
	assert_string_equal(plan_acceptance_flag(PLAN_ACCEPTANCE_EXPIRED),
	    "acceptance expired");
	assert_string_equal(plan_acceptance_flag(PLAN_ACCEPTANCE_NOT_VALID),
	    "acceptance not valid");
	assert_string_equal(plan_acceptance_flag(PLAN_ACCEPTANCE_MISSING),
	    "no acceptance");
	assert_string_equal(
	    plan_acceptance_flag(PLAN_ACCEPTANCE_OTHER_RATING),
	    "acceptance of another rating");
}

static void
test_plan_build_acceptance_flags_quiet(void **state)
{
	struct world *w = *state;

	/* Retained and validly accepted. */
	fixture_tree_add_risk(&w->fx, "RSK-001",
	    RETAINED "acceptance: {by: [ops, ciso], "
	    "date: 2026-02-01, until: 2026-12-31, rating: " MEDIUM_RATING
	    "}\n");
	/* Retained at a level that needs no acceptance. */
	fixture_tree_add_risk(&w->fx, "RSK-002",
	    "owner: ops\nstatus: accepted\n"
	    "inherent: {likelihood: rare, consequence: negligible}\n"
	    "treatment: {option: retain, plan_approved_by: ops, "
	    "plan_approved_on: 2026-02-01}\n");
	/* Treated, so an ended acceptance is not what retains it. */
	fixture_tree_add_risk(&w->fx, "RSK-003",
	    "owner: ops\nstatus: treating\n"
	    "inherent: {likelihood: unlikely, consequence: major}\n"
	    "treatment: {option: modify, actions: [{id: A1, text: Fix, "
	    "owner: ops, due: 2026-09-01}]}\n"
	    "acceptance: {by: [ops, ciso], date: 2026-02-01, "
	    "until: 2026-05-31, rating: " MEDIUM_RATING "}\n");
	build(w);

	assert_int_equal(plan_risk(w, "RSK-001")->acceptance,
	    PLAN_ACCEPTANCE_OK);
	assert_int_equal(plan_risk(w, "RSK-002")->acceptance,
	    PLAN_ACCEPTANCE_OK);
	assert_int_equal(plan_risk(w, "RSK-003")->acceptance,
	    PLAN_ACCEPTANCE_OK);
	assert_int_equal(w->plan.not_accepted, 0);
	assert_null(plan_acceptance_flag(PLAN_ACCEPTANCE_OK));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_plan_build_overdue_and_stalled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_build_stall_boundary,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_build_approval,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_build_membership,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_build_order, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_plan_build_acceptance_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_plan_build_acceptance_flags_quiet, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
