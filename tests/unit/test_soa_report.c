#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "isms.h"
#include "soa_report.h"
#include "source.h"
#include "support/isms_fixture.h"
#include "banned.h"

/*
 * Unit tests of the SoA report: the risks and requirements linked to each
 * control from their records, the counts, and the warning
 * soa-control-unused that isms_load() adds. Each test writes an ISMS into
 * a temporary folder and loads it with isms_load(), as the command does.
 */

#define CONFIG \
	"isms: 1\n" \
	"organisation: Example Ltd\n" \
	"scope: Test scope\n" \
	"people:\n" \
	"  ops: {name: C. Person, email: [ops@example.com]}\n" \
	"risk_criteria:\n" \
	"  likelihood: [{name: rare}, {name: likely}]\n" \
	"  consequence:\n" \
	"    scale: [{name: minor}, {name: major}]\n" \
	"  method: matrix\n" \
	"  matrix:\n" \
	"    - [low, medium]\n" \
	"    - [medium, high]\n" \
	"  levels:\n" \
	"    - {name: low, accept: [risk-owner]}\n" \
	"    - {name: medium, accept: [risk-owner]}\n" \
	"    - {name: high, accept: [risk-owner]}\n" \
	"  acceptance_threshold: low\n"

/*
 * 5.1 backs a risk, 5.2 a requirement, 5.3 only its justification; 5.4
 * has nothing and 8.1 only a closed risk; 7.4 is excluded; 8.2 is named
 * twice by one risk.
 */
#define SOA \
	"controls:\n" \
	"  - {id: \"5.1\", title: Policies, applicable: true, " \
	"status: implemented}\n" \
	"  - {id: \"5.2\", title: Roles, applicable: true, " \
	"status: planned}\n" \
	"  - {id: \"5.3\", title: Segregation, applicable: true, " \
	"status: implemented, justification: Two-person review}\n" \
	"  - {id: \"5.4\", title: Management, applicable: true, " \
	"status: implemented}\n" \
	"  - {id: \"7.4\", title: Physical monitoring, applicable: false, " \
	"status: not-applicable, justification: No premises}\n" \
	"  - {id: \"8.1\", title: Endpoints, applicable: true, " \
	"status: implemented}\n" \
	"  - {id: \"8.2\", title: Privileged access, applicable: true, " \
	"status: implemented}\n"

struct world {
	struct fixture_tree fx;
	struct soa_report report;
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

	soa_report_release(&w->report);
	fixture_tree_close(&w->fx);
	free(w);
	return 0;
}

static void
build(struct world *w)
{
	fixture_tree_load(&w->fx);
	soa_report_build(&w->report, &w->fx.isms);
}

static const struct soa_row *
row_of(const struct world *w, const char *id)
{
	for (size_t i = 0; i < w->report.count; i++)
		if (strcmp(w->report.rows[i].control->id, id) == 0)
			return &w->report.rows[i];
	fail_msg("no row for control '%s'", id);
	return NULL;
}

static void
add_records(struct world *w)
{
	fixture_tree_write(&w->fx, "controls/soa.yaml", SOA);
	fixture_tree_add_risk(&w->fx, "RSK-001",
	    "owner: ops\nstatus: treating\n"
	    "inherent: {likelihood: likely, consequence: major}\n"
	    "existing_controls: [\"5.1\", \"8.2\"]\n"
	    "treatment: {option: modify, controls: [\"8.2\"]}\n");
	fixture_tree_add_risk(&w->fx, "RSK-002", "owner: ops\nstatus: closed\n"
	    "inherent: {likelihood: likely, consequence: major}\n"
	    "existing_controls: [\"8.1\"]\n"
	    "treatment: {option: avoid}\n");
	fixture_tree_add_risk(&w->fx, "RSK-003",
	    "owner: ops\nstatus: assessed\n"
	    "inherent: {likelihood: rare, consequence: minor}\n"
	    "existing_controls: [\"5.1\"]\n");
	fixture_tree_write(&w->fx, "context/REQ-001-contracts.md",
	    "---\nid: REQ-001\n"
	    "title: Customer contracts\nparty: Customers\n"
	    "controls: [\"5.2\", \"5.1\"]\n---\n");
}

static void
test_soa_report_build_links(void **state)
{
	struct world *w = *state;
	const struct soa_row *row;

	add_records(w);
	build(w);

	assert_int_equal(w->report.count, 7);
	row = row_of(w, "5.1");
	assert_int_equal(row->risk_count, 2);
	assert_string_equal(row->risks[0]->id, "RSK-001");
	assert_string_equal(row->risks[1]->id, "RSK-003");
	assert_int_equal(row->requirement_count, 1);
	assert_string_equal(row->requirements[0]->id, "REQ-001");

	row = row_of(w, "5.2");
	assert_int_equal(row->risk_count, 0);
	assert_int_equal(row->requirement_count, 1);

	/* Named in existing_controls and treatment.controls: linked once. */
	row = row_of(w, "8.2");
	assert_int_equal(row->risk_count, 1);

	/* Closed risks need no control. */
	assert_int_equal(row_of(w, "8.1")->risk_count, 0);
}

static void
test_soa_report_build_counts(void **state)
{
	struct world *w = *state;

	add_records(w);
	build(w);

	assert_int_equal(w->report.applicable, 6);
	assert_int_equal(w->report.implemented, 5);
	assert_int_equal(w->report.planned, 1);
	assert_int_equal(w->report.excluded, 1);
	assert_int_equal(w->report.unused, 2);
	assert_false(row_of(w, "5.1")->unused);
	assert_false(row_of(w, "5.2")->unused);
	assert_false(row_of(w, "5.3")->unused);
	assert_true(row_of(w, "5.4")->unused);
	assert_false(row_of(w, "7.4")->unused);
	assert_true(row_of(w, "8.1")->unused);
}

static void
test_soa_report_check_unused_warns(void **state)
{
	struct world *w = *state;
	const struct diag *found[2];
	size_t n = 0;

	add_records(w);
	build(w);

	for (size_t i = 0; i < w->fx.diags.count; i++) {
		const struct diag *d = &w->fx.diags.items[i];

		if (strcmp(d->rule, "soa-control-unused") != 0)
			continue;
		assert_true(n < 2);
		found[n++] = d;
	}
	assert_int_equal(n, 2);
	assert_int_equal(found[0]->severity, DIAG_WARNING);
	assert_string_equal(found[0]->path, "controls/soa.yaml");
	assert_int_equal(found[0]->line, 5);
	assert_non_null(strstr(found[0]->message, "control '5.4' is "
	    "applicable, but no risk or requirement names it"));
	assert_int_equal(found[1]->line, 7);
	assert_non_null(strstr(found[1]->message, "'8.1'"));
}

static void
test_soa_report_check_unused_quiet(void **state)
{
	struct world *w = *state;

	fixture_tree_write(&w->fx, "controls/soa.yaml", "controls:\n"
	    "  - {id: \"5.1\", title: Policies, applicable: true, "
	    "status: implemented, justification: Required}\n"
	    "  - {id: \"7.4\", title: Physical monitoring, "
	    "applicable: false, status: not-applicable}\n");
	build(w);

	assert_int_equal(diag_count_rule(&w->fx.diags, "soa-control-unused"),
	    0);
	assert_int_equal(w->report.unused, 0);
}

static void
test_soa_report_check_unused_blank_justification(void **state)
{
	struct world *w = *state;

	fixture_tree_write(&w->fx, "controls/soa.yaml", "controls:\n"
	    "  - {id: \"5.1\", title: Policies, applicable: true, "
	    "status: implemented, justification: \"  \"}\n");
	build(w);

	assert_int_equal(diag_count_rule(&w->fx.diags, "soa-control-unused"),
	    1);
	assert_int_equal(w->report.unused, 1);
	assert_true(row_of(w, "5.1")->unused);
}

static void
test_soa_report_check_unused_without_soa(void **state)
{
	struct world *w = *state;

	build(w);

	assert_false(w->fx.isms.soa.present);
	assert_int_equal(w->report.count, 0);
	assert_int_equal(diag_count_rule(&w->fx.diags, "soa-control-unused"),
	    0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_soa_report_build_links,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_soa_report_build_counts,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_soa_report_check_unused_warns, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_soa_report_check_unused_quiet, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_soa_report_check_unused_blank_justification, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_soa_report_check_unused_without_soa, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
