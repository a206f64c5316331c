#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "acceptance.h"
#include "acceptance_report.h"
#include "buf.h"
#include "date.h"
#include "isms.h"
#include "source.h"
#include "support/isms_fixture.h"
#include "banned.h"

/*
 * Unit tests of acceptance_judge() and the acceptance report: each status,
 * the effective expiry, the roles required and held, and the order of the
 * rows. Each test writes an ISMS into a temporary folder and loads it with
 * isms_load(), as the command does.
 */

#define CONFIG \
	"isms: 1\n" \
	"organisation: Example Ltd\n" \
	"scope: Test scope\n" \
	"people:\n" \
	"  ciso: {name: A. Person, email: [ciso@example.com], " \
	"roles: [risk-approver, change-approver]}\n" \
	"  cto: {name: B. Person, email: [cto@example.com], " \
	"roles: [top-management]}\n" \
	"  ops: {name: C. Person, email: [ops@example.com]}\n" \
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
	"    - {name: medium, accept: [risk-owner, risk-approver], " \
	"acceptance_valid_for: 12 months}\n" \
	"    - {name: high, accept: [risk-owner, top-management], " \
	"acceptance_valid_for: 6 months}\n" \
	"    - {name: critical, accept: never}\n" \
	"  acceptance_threshold: low\n"

#define TODAY "2026-06-01"

/* A medium risk (unlikely x major) owned by ops. */
#define MEDIUM \
	"owner: ops\nstatus: accepted\n" \
	"inherent: {likelihood: unlikely, consequence: major}\n"

struct world {
	struct fixture_tree fx;
	struct acceptance_report report;
	int today;
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

	acceptance_report_release(&w->report);
	fixture_tree_close(&w->fx);
	free(w);
	return 0;
}

static void
build(struct world *w)
{
	assert_int_equal(date_parse(TODAY, &w->today), 0);
	fixture_tree_load(&w->fx);
	assert_true(w->fx.isms.config.criteria_ok);
	acceptance_report_build(&w->report, &w->fx.isms, w->today);
}

static const struct acceptance_row *
row_of(const struct world *w, const char *id)
{
	for (size_t i = 0; i < w->report.count; i++)
		if (strcmp(w->report.rows[i].record->id, id) == 0)
			return &w->report.rows[i];
	fail_msg("no acceptance row for '%s'", id);
	return NULL;
}

static const char *
level_of(const struct world *w, size_t level)
{
	return w->fx.isms.config.criteria.levels[level].name;
}

static int
day(const char *text)
{
	int days;

	assert_int_equal(date_parse(text, &days), 0);
	return days;
}

static void
test_acceptance_judge_valid_until(void **state)
{
	struct world *w = *state;
	const struct acceptance_judgement *j;

	fixture_tree_add_risk(&w->fx, "RSK-001", MEDIUM
	    "acceptance: {by: [ops, ciso], date: 2026-03-01, "
	    "until: 2026-12-01, rating: {likelihood: unlikely, "
	    "consequence: major}}\n");
	build(w);

	j = &row_of(w, "RSK-001")->judgement;
	assert_true(j->judged);
	assert_int_equal(j->status, ACCEPTANCE_VALID);
	assert_true(j->valid);
	assert_string_equal(level_of(w, j->level), "medium");
	assert_true(j->has_cap);
	assert_int_equal(j->cap, day("2027-03-01"));
	assert_int_equal(j->end, day("2026-12-01"));
	assert_true(j->end_is_until);
	assert_false(j->too_long);
	assert_false(j->future);
	assert_false(j->until_before_date);
	assert_int_equal(j->missing_roles.count, 0);
	assert_int_equal(w->report.by_status[ACCEPTANCE_VALID], 1);
}

static void
test_acceptance_judge_expired_by_cap(void **state)
{
	struct world *w = *state;
	const struct acceptance_judgement *j;

	fixture_tree_add_risk(&w->fx, "RSK-001", MEDIUM
	    "acceptance: {by: [ops, ciso], date: 2025-04-01, "
	    "rating: {likelihood: unlikely, consequence: major}}\n");
	build(w);

	j = &row_of(w, "RSK-001")->judgement;
	assert_int_equal(j->status, ACCEPTANCE_EXPIRED);
	assert_true(j->expired);
	assert_false(j->valid);
	assert_int_equal(j->end, day("2026-04-01"));
	assert_false(j->end_is_until);
	assert_string_equal(acceptance_status_name(j->status), "expired");
}

static void
test_acceptance_judge_too_long_capped(void **state)
{
	struct world *w = *state;
	const struct acceptance_judgement *j;

	fixture_tree_add_risk(&w->fx, "RSK-001", MEDIUM
	    "acceptance: {by: [ops, ciso], date: 2026-03-01, "
	    "until: 2027-06-01, rating: {likelihood: unlikely, "
	    "consequence: major}}\n");
	build(w);

	j = &row_of(w, "RSK-001")->judgement;
	assert_true(j->too_long);
	assert_int_equal(j->end, day("2027-03-01"));
	assert_false(j->end_is_until);
	assert_int_equal(j->status, ACCEPTANCE_VALID);
}

static void
test_acceptance_judge_stale(void **state)
{
	struct world *w = *state;
	const struct acceptance_row *row;
	struct buf text = BUF_INIT;

	fixture_tree_add_risk(&w->fx, "RSK-001",
	    "owner: ops\nstatus: accepted\n"
	    "inherent: {likelihood: possible, consequence: major}\n"
	    "treatment: {option: modify, controls: []}\n"
	    "residual: {likelihood: unlikely, consequence: major}\n"
	    "acceptance: {by: [ops], date: 2026-03-01, "
	    "rating: {likelihood: rare, consequence: minor}}\n");
	build(w);

	row = row_of(w, "RSK-001");
	assert_true(row->judgement.stale);
	assert_true(row->judgement.present_is_residual);
	assert_string_equal(level_of(w, row->judgement.level), "medium");
	/*
	 * The report shows the level of the present rating, and the level
	 * of the rating that was accepted beside it.
	 */
	assert_string_equal(level_of(w, row->level), "medium");
	assert_true(row->level_differs);
	assert_string_equal(level_of(w, row->judgement.accepted_level), "low");
	acceptance_format_level(&text, &w->fx.isms.config.criteria, row);
	assert_string_equal(text.ptr, "medium (accepted at low)");
	assert_int_equal(row->judgement.status, ACCEPTANCE_STALE);
	buf_release(&text);
}

static void
test_acceptance_format_level_same(void **state)
{
	struct world *w = *state;
	const struct acceptance_row *row;
	struct buf text = BUF_INIT;

	fixture_tree_add_risk(&w->fx, "RSK-001", MEDIUM
	    "acceptance: {by: [ops, ciso], date: 2026-03-01, "
	    "rating: {likelihood: unlikely, consequence: major}}\n");
	build(w);

	row = row_of(w, "RSK-001");
	assert_false(row->level_differs);
	acceptance_format_level(&text, &w->fx.isms.config.criteria, row);
	assert_string_equal(text.ptr, "medium");
	buf_release(&text);
}

static void
test_acceptance_judge_future_dated(void **state)
{
	struct world *w = *state;
	const struct acceptance_judgement *j;

	fixture_tree_add_risk(&w->fx, "RSK-001", MEDIUM
	    "acceptance: {by: [ops, ciso], date: 2026-06-02, "
	    "rating: {likelihood: unlikely, consequence: major}}\n");
	build(w);

	j = &row_of(w, "RSK-001")->judgement;
	assert_true(j->future);
	assert_false(j->in_force);
	assert_false(j->valid);
	assert_int_equal(j->status, ACCEPTANCE_FUTURE);
	assert_string_equal(acceptance_status_name(j->status),
	    "future-dated");
}

static void
test_acceptance_judge_dated_today_valid(void **state)
{
	struct world *w = *state;
	const struct acceptance_judgement *j;

	fixture_tree_add_risk(&w->fx, "RSK-001", MEDIUM
	    "acceptance: {by: [ops, ciso], date: " TODAY ", "
	    "rating: {likelihood: unlikely, consequence: major}}\n");
	build(w);

	j = &row_of(w, "RSK-001")->judgement;
	assert_false(j->future);
	assert_true(j->in_force);
	assert_int_equal(j->status, ACCEPTANCE_VALID);
}

static void
test_acceptance_judge_until_before_date(void **state)
{
	struct world *w = *state;
	const struct acceptance_judgement *j;

	fixture_tree_add_risk(&w->fx, "RSK-001", MEDIUM
	    "acceptance: {by: [ops, ciso], date: 2026-03-01, "
	    "until: 2026-02-28, rating: {likelihood: unlikely, "
	    "consequence: major}}\n");
	build(w);

	j = &row_of(w, "RSK-001")->judgement;
	assert_true(j->until_before_date);
	assert_false(j->in_force);
	assert_false(j->valid);
	/* The `until` ends nothing, so the end is the cap alone. */
	assert_int_equal(j->end, day("2027-03-01"));
	assert_false(j->end_is_until);
	assert_false(j->expired);
	assert_int_equal(j->status, ACCEPTANCE_UNTIL_BEFORE_DATE);
	assert_string_equal(acceptance_status_name(j->status),
	    "until-before-date");
}

static void
test_acceptance_judge_date_order_unjudged(void **state)
{
	struct world *w = *state;
	const struct acceptance_judgement *j;

	fixture_tree_add_risk(&w->fx, "RSK-001",
	    "owner: ops\nstatus: accepted\n"
	    "inherent: {likelihood: sometimes, consequence: major}\n"
	    "acceptance: {by: [ops, ciso], date: 2026-07-01, "
	    "until: 2026-06-15, rating: {likelihood: unlikely, "
	    "consequence: major}}\n");
	build(w);

	j = &row_of(w, "RSK-001")->judgement;
	assert_false(j->judged);
	assert_true(j->future);
	assert_true(j->until_before_date);
}

static void
test_acceptance_judge_under_authorised(void **state)
{
	struct world *w = *state;
	const struct acceptance_judgement *j;

	fixture_tree_add_risk(&w->fx, "RSK-001",
	    "owner: ops\nstatus: accepted\n"
	    "inherent: {likelihood: possible, consequence: major}\n"
	    "acceptance: {by: [ops, ciso], date: 2026-03-01, "
	    "rating: {likelihood: possible, consequence: major}}\n");
	build(w);

	j = &row_of(w, "RSK-001")->judgement;
	assert_string_equal(level_of(w, j->level), "high");
	assert_false(j->authorised);
	assert_int_equal(j->missing_roles.count, 1);
	assert_string_equal(j->missing_roles.items[0], "top-management");
	assert_int_equal(j->status, ACCEPTANCE_UNAUTHORISED);
	assert_string_equal(acceptance_status_name(j->status),
	    "under-authorised");
}

static void
test_acceptance_judge_owner_role(void **state)
{
	struct world *w = *state;
	const struct acceptance_judgement *j;

	/* The CISO holds risk-approver but is not the risk owner. */
	fixture_tree_add_risk(&w->fx, "RSK-001", MEDIUM
	    "acceptance: {by: [ciso], date: 2026-03-01, "
	    "rating: {likelihood: unlikely, consequence: major}}\n");
	build(w);

	j = &row_of(w, "RSK-001")->judgement;
	assert_int_equal(j->missing_roles.count, 1);
	assert_string_equal(j->missing_roles.items[0], "risk-owner");
	assert_int_equal(j->status, ACCEPTANCE_UNAUTHORISED);
}

static void
test_acceptance_judge_never(void **state)
{
	struct world *w = *state;
	const struct acceptance_judgement *j;

	fixture_tree_add_risk(&w->fx, "RSK-001",
	    "owner: ops\nstatus: accepted\n"
	    "inherent: {likelihood: likely, consequence: severe}\n"
	    "acceptance: {by: [ops, cto], date: 2026-03-01, "
	    "rating: {likelihood: likely, consequence: severe}}\n");
	build(w);

	j = &row_of(w, "RSK-001")->judgement;
	assert_true(j->never);
	assert_true(j->authorised);
	assert_int_equal(j->status, ACCEPTANCE_NEVER);
	assert_string_equal(acceptance_status_name(j->status),
	    "never-acceptable");
}

static void
test_acceptance_judge_incomplete(void **state)
{
	struct world *w = *state;
	const struct acceptance_judgement *j;

	fixture_tree_add_risk(&w->fx, "RSK-001", MEDIUM
	    "acceptance: {by: [ops, ciso], "
	    "rating: {likelihood: unlikely, consequence: major}}\n");
	build(w);

	j = &row_of(w, "RSK-001")->judgement;
	assert_true(j->judged);
	assert_false(j->in_force);
	assert_int_equal(j->status, ACCEPTANCE_INCOMPLETE);
}

static void
test_acceptance_judge_unusable_rating(void **state)
{
	struct world *w = *state;

	fixture_tree_add_risk(&w->fx, "RSK-001",
	    "owner: ops\nstatus: accepted\n"
	    "inherent: {likelihood: sometimes, consequence: major}\n"
	    "acceptance: {by: [ops, ciso], date: 2026-03-01, "
	    "rating: {likelihood: unlikely, consequence: major}}\n");
	build(w);

	assert_int_equal(w->report.count, 1);
	assert_false(row_of(w, "RSK-001")->judgement.judged);
	assert_int_equal(w->report.unjudged, 1);
}

static void
test_acceptance_report_order(void **state)
{
	static const char *const expected[] = {
		"RSK-005", "RSK-006", "RSK-009", "RSK-008", "RSK-003",
		"RSK-004", "RSK-002", "RSK-001",
	};
	struct world *w = *state;

	fixture_tree_add_risk(&w->fx, "RSK-001", MEDIUM
	    "acceptance: {by: [ops, ciso], date: 2026-03-01, "
	    "rating: {likelihood: unlikely, consequence: major}}\n");
	fixture_tree_add_risk(&w->fx, "RSK-002", MEDIUM
	    "acceptance: {by: [ops, ciso], date: 2025-04-01, "
	    "rating: {likelihood: unlikely, consequence: major}}\n");
	fixture_tree_add_risk(&w->fx, "RSK-003", MEDIUM
	    "acceptance: {by: [ops, ciso], date: 2026-03-01, "
	    "rating: {likelihood: rare, consequence: major}}\n");
	fixture_tree_add_risk(&w->fx, "RSK-004", MEDIUM
	    "acceptance: {by: [ops], date: 2026-03-01, "
	    "rating: {likelihood: unlikely, consequence: major}}\n");
	fixture_tree_add_risk(&w->fx, "RSK-005",
	    "owner: ops\nstatus: accepted\n"
	    "inherent: {likelihood: likely, consequence: severe}\n"
	    "acceptance: {by: [ops], date: 2026-03-01, "
	    "rating: {likelihood: likely, consequence: severe}}\n");
	fixture_tree_add_risk(&w->fx, "RSK-006", MEDIUM
	    "acceptance: {by: [ops, ciso], "
	    "rating: {likelihood: unlikely, consequence: major}}\n");
	fixture_tree_add_risk(&w->fx, "RSK-007",
	    "owner: ops\nstatus: assessed\n"
	    "inherent: {likelihood: unlikely, consequence: major}\n");
	fixture_tree_add_risk(&w->fx, "RSK-008", MEDIUM
	    "acceptance: {by: [ops, ciso], date: 2026-07-01, "
	    "rating: {likelihood: unlikely, consequence: major}}\n");
	fixture_tree_add_risk(&w->fx, "RSK-009", MEDIUM
	    "acceptance: {by: [ops, ciso], date: 2026-03-01, "
	    "until: 2026-01-01, rating: {likelihood: unlikely, "
	    "consequence: major}}\n");
	build(w);

	assert_int_equal(w->report.count, sizeof(expected) /
	    sizeof(expected[0]));
	for (size_t i = 0; i < w->report.count; i++)
		assert_string_equal(w->report.rows[i].record->id, expected[i]);
	assert_int_equal(w->report.by_status[ACCEPTANCE_VALID], 1);
	assert_int_equal(w->report.by_status[ACCEPTANCE_EXPIRED], 1);
	assert_int_equal(w->report.by_status[ACCEPTANCE_STALE], 1);
	assert_int_equal(w->report.by_status[ACCEPTANCE_UNAUTHORISED], 1);
	assert_int_equal(w->report.by_status[ACCEPTANCE_NEVER], 1);
	assert_int_equal(w->report.by_status[ACCEPTANCE_INCOMPLETE], 1);
	assert_int_equal(w->report.by_status[ACCEPTANCE_FUTURE], 1);
	assert_int_equal(
	    w->report.by_status[ACCEPTANCE_UNTIL_BEFORE_DATE], 1);
}

static void
test_acceptance_format_signers_roles(void **state)
{
	struct world *w = *state;
	struct buf text = BUF_INIT;

	fixture_tree_add_risk(&w->fx, "RSK-001", MEDIUM
	    "acceptance: {by: [ops, ciso, zed], date: 2026-03-01, "
	    "rating: {likelihood: unlikely, consequence: major}}\n");
	build(w);

	acceptance_format_signers(&text, &w->fx.isms.config,
	    row_of(w, "RSK-001")->record->risk);
	assert_string_equal(text.ptr, "ops (risk-owner); ciso (risk-approver, "
	    "change-approver); zed (unknown person)");
	buf_release(&text);
}

static void
test_acceptance_required_roles_default(void **state)
{
	struct level level = { 0 };
	const char *const *roles;
	size_t count;

	(void)state;
	acceptance_required_roles(&level, &roles, &count);
	assert_int_equal(count, 1);
	assert_string_equal(roles[0], "risk-owner");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_acceptance_judge_valid_until, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_acceptance_judge_expired_by_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_acceptance_judge_too_long_capped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_acceptance_judge_stale,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_acceptance_format_level_same, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_acceptance_judge_future_dated, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_acceptance_judge_dated_today_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_acceptance_judge_until_before_date, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_acceptance_judge_date_order_unjudged, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_acceptance_judge_under_authorised, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_acceptance_judge_owner_role, setup, teardown),
		cmocka_unit_test_setup_teardown(test_acceptance_judge_never,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_acceptance_judge_incomplete, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_acceptance_judge_unusable_rating, setup, teardown),
		cmocka_unit_test_setup_teardown(test_acceptance_report_order,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_acceptance_format_signers_roles, setup, teardown),
		cmocka_unit_test(test_acceptance_required_roles_default),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
