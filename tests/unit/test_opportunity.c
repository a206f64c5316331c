#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "date.h"
#include "diag.h"
#include "isms.h"
#include "opportunity.h"
#include "planning.h"
#include "xalloc.h"
#include "yaml_doc.h"
#include "support/isms_fixture.h"
#include "banned.h"

/*
 * Unit tests of opportunity records (clause 6.1.1), their date findings,
 * and planning_check_sources(): risks to the ISMS and opportunities start
 * from issues and requirements.
 */

static const char config_text[] =
	"isms: 1\n"
	"organisation: Test Ltd\n"
	"scope: Everything\n"
	"people:\n"
	"  ciso: {name: Casey Ciso, email: [ciso@example.com]}\n"
	"  ops: {name: Olu Ops, email: [ops@example.com]}\n";

static const char complete_opportunity[] =
	"id: OPP-001\n"
	"title: Certificate shortens sales reviews\n"
	"owner: ciso\n"
	"status: pursuing\n"
	"sources: [REQ-001, ISS-001]\n"
	"benefit: Fewer security questionnaires\n"
	"actions:\n"
	"  - {id: A1, text: Publish a trust page, owner: ops, "
	"due: 2026-05-31}\n"
	"  - {id: A2, text: Answer pack, owner: ops, due: 2026-01-31, "
	"status: done, evidence: Pack v1}\n"
	"review: {last: 2026-02-01, next: 2026-05-01}\n";

/* Adds a record of `kind` at `path`, parsed as isms_load() would. */
static struct record *
world_add(struct fixture_memory *w, enum record_kind kind, const char *path,
    const char *yaml)
{
	struct record *rec = fixture_memory_add(w, kind, path, yaml);
	struct schema_ctx ctx = { rec->path, &w->diags, "record" };

	if (kind == KIND_OPPORTUNITY) {
		rec->opportunity = xcalloc(1, sizeof(*rec->opportunity));
		assert_int_equal(opportunity_parse(rec->opportunity,
		    rec->front, &w->isms.config, &ctx), 0);
	}
	if (kind == KIND_RISK) {
		rec->risk = xcalloc(1, sizeof(*rec->risk));
		assert_int_equal(risk_parse(rec->risk, rec->front,
		    &w->isms.config, &ctx), 0);
	}
	return rec;
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

static int
days(const char *text)
{
	int d;

	assert_int_equal(date_parse(text, &d), 0);
	return d;
}

static void
test_opportunity_parse_complete_record(void **state)
{
	struct fixture_memory *w = fixture_memory_new(config_text);
	const struct opportunity *opp;

	(void)state;
	opp = world_add(w, KIND_OPPORTUNITY, "opportunities/OPP-001-x.md",
	    complete_opportunity)->opportunity;
	assert_int_equal(w->diags.count, 0);
	assert_string_equal(opp->owner, "ciso");
	assert_int_equal(opp->status, OPPORTUNITY_PURSUING);
	assert_string_equal(opportunity_status_name(opp->status), "pursuing");
	assert_int_equal(opp->sources.count, 2);
	assert_string_equal(opp->benefit, "Fewer security questionnaires");
	assert_int_equal(opp->action_count, 2);
	assert_string_equal(opp->actions[1].evidence, "Pack v1");
	assert_int_equal(opp->actions[1].status, ACTION_DONE);
	assert_true(opp->review.has_last);
	assert_int_equal(opp->review.next, days("2026-05-01"));
	fixture_memory_free(w);
}

static void
test_opportunity_parse_findings(void **state)
{
	struct fixture_memory *w = fixture_memory_new(config_text);

	(void)state;
	world_add(w, KIND_OPPORTUNITY, "opportunities/OPP-001-x.md",
	    "id: OPP-001\ntitle: T\nowner: cisco\nstatus: realized\n"
	    "benifit: x\n"
	    "actions:\n  - {text: no owner or date}\n"
	    "review: {next: soon}\n");
	assert_int_equal(diag_count_rule(&w->diags, "ref-unknown-person"), 1);
	assert_string_equal(message_of(&w->diags, "ref-unknown-person"),
	    "opportunity owner 'cisco' is not in 'people' of isms.yaml; did "
	    "you mean 'ciso'?");
	assert_int_equal(diag_count_rule(&w->diags, "invalid-value"), 1);
	assert_string_equal(message_of(&w->diags, "invalid-value"),
	    "'status' must be one of identified, pursuing, realised, dropped; "
	    "got 'realized' (did you mean 'realised'?)");
	assert_int_equal(diag_count_rule(&w->diags, "unknown-key"), 1);
	assert_int_equal(diag_count_rule(&w->diags, "missing-field"), 2);
	assert_string_equal(message_of(&w->diags, "missing-field"),
	    "action has no 'owner'; add 'owner: <value>'");
	assert_int_equal(diag_count_rule(&w->diags, "invalid-date"), 1);
	fixture_memory_free(w);
}

static void
test_opportunity_parse_required_fields(void **state)
{
	struct fixture_memory *w = fixture_memory_new(config_text);

	(void)state;
	world_add(w, KIND_OPPORTUNITY, "opportunities/OPP-001-x.md",
	    "id: OPP-001\ntitle: T\nactions: x\n");
	assert_int_equal(diag_count_rule(&w->diags, "missing-field"), 2);
	assert_int_equal(diag_count_rule(&w->diags, "wrong-type"), 1);
	assert_string_equal(message_of(&w->diags, "wrong-type"),
	    "'actions' must be a sequence of actions, not a scalar");
	fixture_memory_free(w);
}

static void
test_opportunity_check_dates_overdue(void **state)
{
	struct fixture_memory *w = fixture_memory_new(config_text);
	struct record *rec;

	(void)state;
	rec = world_add(w, KIND_OPPORTUNITY, "opportunities/OPP-001-x.md",
	    complete_opportunity);

	/* On the due and review dates nothing is late yet. */
	opportunity_check_dates(rec, days("2026-05-01"), &w->diags);
	assert_int_equal(w->diags.count, 0);

	opportunity_check_dates(rec, days("2026-06-01"), &w->diags);
	assert_int_equal(diag_count_rule(&w->diags,
	    "opportunity-action-overdue"), 1);
	assert_string_equal(message_of(&w->diags,
	    "opportunity-action-overdue"), "action 'A1' was due on "
	    "'2026-05-31' but is 'planned'; finish it or set a new 'due' "
	    "date");
	assert_int_equal(diag_count_rule(&w->diags,
	    "opportunity-review-overdue"), 1);
	assert_string_equal(message_of(&w->diags,
	    "opportunity-review-overdue"), "review was due on '2026-05-01'; "
	    "review the opportunity and update 'review'");

	diag_list_release(&w->diags);
	rec->opportunity->status = OPPORTUNITY_DROPPED;
	opportunity_check_dates(rec, days("2026-06-01"), &w->diags);
	assert_int_equal(w->diags.count, 0);
	fixture_memory_free(w);
}

static void
test_planning_check_sources_opportunity(void **state)
{
	struct fixture_memory *w = fixture_memory_new(config_text);
	struct record *good, *bare, *wrong;

	(void)state;
	world_add(w, KIND_ISSUE, "context/ISS-001-x.md", "id: ISS-001\n");
	world_add(w, KIND_REQUIREMENT, "context/REQ-001-x.md", "id: REQ-001\n");
	world_add(w, KIND_OBJECTIVE, "objectives/OBJ-001-x.md",
	    "id: OBJ-001\n");
	good = world_add(w, KIND_OPPORTUNITY, "opportunities/OPP-001-x.md",
	    complete_opportunity);
	bare = world_add(w, KIND_OPPORTUNITY, "opportunities/OPP-002-x.md",
	    "id: OPP-002\ntitle: T\nowner: ops\nstatus: identified\n");
	wrong = world_add(w, KIND_OPPORTUNITY, "opportunities/OPP-003-x.md",
	    "id: OPP-003\ntitle: T\nowner: ops\nstatus: identified\n"
	    "sources: [OBJ-001, ISS-404]\n");
	assert_int_equal(w->diags.count, 0);

	planning_check_sources(&w->isms, good, &w->diags);
	assert_int_equal(w->diags.count, 0);

	planning_check_sources(&w->isms, bare, &w->diags);
	assert_int_equal(diag_count_rule(&w->diags, "planning-no-source"), 1);
	assert_string_equal(message_of(&w->diags, "planning-no-source"),
	    "opportunity names no 'sources', but clause 6.1.1 asks the "
	    "organisation to start from its issues and requirements; name "
	    "them in 'sources'");
	assert_int_equal(w->diags.items[0].line, 2);

	diag_list_release(&w->diags);
	planning_check_sources(&w->isms, wrong, &w->diags);
	assert_int_equal(diag_count_rule(&w->diags, "planning-no-source"), 0);
	assert_int_equal(diag_count_rule(&w->diags, "ref-wrong-kind"), 1);
	assert_string_equal(message_of(&w->diags, "ref-wrong-kind"),
	    "'sources' lists 'OBJ-001', whose kind is 'objective'; name a "
	    "record of the kind this field takes");
	assert_int_equal(diag_count_rule(&w->diags, "ref-unknown-record"), 1);
	fixture_memory_free(w);
}

static void
test_planning_check_sources_risk(void **state)
{
	struct fixture_memory *w = fixture_memory_new(config_text);
	struct record *isms_risk, *sourced, *infosec;

	(void)state;
	world_add(w, KIND_ISSUE, "context/ISS-001-x.md", "id: ISS-001\n");
	isms_risk = world_add(w, KIND_RISK, "risks/RSK-001-x.md",
	    "id: RSK-001\ntitle: Unclear roles\nowner: ciso\n"
	    "status: identified\nscope: isms\nsources: []\n");
	sourced = world_add(w, KIND_RISK, "risks/RSK-002-x.md",
	    "id: RSK-002\ntitle: Too few people\nowner: ciso\n"
	    "status: identified\nscope: isms\nsources: [ISS-001]\n");
	infosec = world_add(w, KIND_RISK, "risks/RSK-003-x.md",
	    "id: RSK-003\ntitle: Stolen laptop\nowner: ops\n"
	    "status: identified\ncia: [confidentiality]\n");
	assert_int_equal(w->diags.count, 0);

	planning_check_sources(&w->isms, isms_risk, &w->diags);
	assert_int_equal(diag_count_rule(&w->diags, "planning-no-source"), 1);
	assert_string_equal(message_of(&w->diags, "planning-no-source"),
	    "risk to the ISMS names no 'sources', but clause 6.1.1 asks the "
	    "organisation to start from its issues and requirements; name "
	    "them in 'sources'");
	assert_int_equal(w->diags.items[0].line, 7);

	diag_list_release(&w->diags);
	planning_check_sources(&w->isms, sourced, &w->diags);
	planning_check_sources(&w->isms, infosec, &w->diags);
	assert_int_equal(w->diags.count, 0);
	fixture_memory_free(w);
}

static void
test_planning_check_dates_covers_every_record(void **state)
{
	struct fixture_memory *w = fixture_memory_new(config_text);

	(void)state;
	world_add(w, KIND_OPPORTUNITY, "opportunities/OPP-001-x.md",
	    complete_opportunity);
	world_add(w, KIND_RISK, "risks/RSK-001-x.md",
	    "id: RSK-001\ntitle: T\nowner: ciso\nstatus: identified\n"
	    "scope: isms\nsources: [ISS-001]\n");
	planning_check_dates(&w->isms, days("2026-06-01"), &w->diags);
	assert_int_equal(diag_count_rule(&w->diags,
	    "opportunity-action-overdue"), 1);
	assert_int_equal(diag_count_rule(&w->diags,
	    "opportunity-review-overdue"), 1);
	assert_int_equal(w->diags.count, 2);
	fixture_memory_free(w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opportunity_parse_complete_record),
		cmocka_unit_test(test_opportunity_parse_findings),
		cmocka_unit_test(test_opportunity_parse_required_fields),
		cmocka_unit_test(test_opportunity_check_dates_overdue),
		cmocka_unit_test(test_planning_check_sources_opportunity),
		cmocka_unit_test(test_planning_check_sources_risk),
		cmocka_unit_test(test_planning_check_dates_covers_every_record),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
