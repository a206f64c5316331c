#include <math.h>
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
#include "isms.h"
#include "xalloc.h"
#include "banned.h"

/*
 * Unit tests of assess_risks(): levels per method, the current level,
 * evaluation and acceptance checks, ALE, recorded level and score, review
 * and action dates, references, and the priority order. Each test builds
 * a `struct isms` by hand from YAML strings, as isms_load() would.
 */

#define PEOPLE \
	"isms: 1\n" \
	"organisation: Example Ltd\n" \
	"scope: Test scope\n" \
	"people:\n" \
	"  ciso: {name: A. Person, email: [ciso@example.com], " \
	"roles: [risk-approver, change-approver]}\n" \
	"  cto: {name: B. Person, email: [cto@example.com], " \
	"roles: [top-management]}\n" \
	"  ops-lead: {name: C. Person, email: [ops@example.com]}\n"

#define SCALES \
	"risk_criteria:\n" \
	"  likelihood:\n" \
	"    - {name: rare}\n" \
	"    - {name: unlikely}\n" \
	"    - {name: possible}\n" \
	"    - {name: likely}\n" \
	"    - {name: almost-certain}\n" \
	"  consequence:\n" \
	"    dimensions: [financial, legal]\n" \
	"    scale:\n" \
	"      - {name: negligible}\n" \
	"      - {name: minor}\n" \
	"      - {name: moderate}\n" \
	"      - {name: major}\n" \
	"      - {name: severe}\n"

#define MATRIX \
	"  method: matrix\n" \
	"  matrix:\n" \
	"    - [low,    low,    low,    medium, medium]\n" \
	"    - [low,    low,    medium, medium, high]\n" \
	"    - [low,    medium, medium, high,   high]\n" \
	"    - [medium, medium, high,   high,   critical]\n" \
	"    - [medium, high,   high,   critical, critical]\n"

#define LEVELS(low, medium, high, critical) \
	"  levels:\n" \
	"    - {name: low, from: " low ", accept: [risk-owner], " \
	"review_every: 12 months}\n" \
	"    - {name: medium, from: " medium ", " \
	"accept: [risk-owner, risk-approver], review_every: 6 months, " \
	"acceptance_valid_for: 12 months}\n" \
	"    - {name: high, from: " high ", " \
	"accept: [risk-owner, top-management], review_every: 3 months, " \
	"acceptance_valid_for: 6 months, treat_within: 90 days}\n" \
	"    - {name: critical, from: " critical ", accept: never, " \
	"review_every: 1 month, treat_within: 30 days}\n" \
	"  acceptance_threshold: low\n"

static const char config_matrix[] = PEOPLE SCALES MATRIX
	LEVELS("1", "5", "10", "17");
static const char config_product[] = PEOPLE SCALES "  method: product\n"
	LEVELS("1", "5", "10", "17");
static const char config_sum[] = PEOPLE SCALES "  method: sum\n"
	LEVELS("2", "5", "7", "9");

static const char soa_text[] =
	"controls:\n"
	"  - {id: \"5.1\", title: Policies, applicable: true, "
	"status: implemented, justification: Required}\n"
	"  - {id: \"7.4\", title: Physical monitoring, applicable: false, "
	"status: not-applicable, justification: No premises}\n"
	"  - {id: \"8.13\", title: Backup, applicable: true, "
	"status: implemented, justification: Ransomware risk}\n";

/* The date on which every test assesses its risks. */
#define TODAY "2026-06-01"

struct world {
	struct isms isms;
	struct diag_list load_diags;	/* from parsing the fixtures */
	struct diag_list diags;		/* from assess_risks() */
	struct assessment assessment;
	size_t alloc;
};

static struct world *
world_new(const char *config_text, int with_soa)
{
	struct world *w = xcalloc(1, sizeof(*w));

	assert_int_equal(config_parse(&w->isms.config, config_text,
	    strlen(config_text), "isms.yaml", &w->load_diags), 0);
	w->isms.config_ok = 1;
	assert_true(w->isms.config.criteria_ok);
	/*
	 * The SoA lists only three controls, so soa_parse() reports the rest
	 * of Annex A as missing. Those findings are not under test here.
	 */
	if (with_soa) {
		struct diag_list soa_diags = DIAG_LIST_INIT;

		assert_int_equal(soa_parse(&w->isms.soa, soa_text,
		    strlen(soa_text), &soa_diags), 0);
		w->isms.soa.present = 1;
		diag_list_release(&soa_diags);
	}
	assert_int_equal(w->load_diags.count, 0);
	return w;
}

/*
 * Adds the risk `id` with frontmatter `yaml` (without id and title) as a
 * record, the way isms_load() does. Parse findings go to load_diags.
 */
static void
world_add(struct world *w, const char *id, const char *yaml)
{
	struct buf text = BUF_INIT, path = BUF_INIT;
	struct schema_ctx ctx = { .diags = &w->load_diags };
	struct record *rec;

	buf_printf(&text, "id: %s\ntitle: Test risk %s\n%s", id, id, yaml);
	buf_printf(&path, "risks/%s-test.md", id);
	xgrow(&w->isms.records, &w->alloc, w->isms.record_count + 1,
	    sizeof(*w->isms.records));
	rec = &w->isms.records[w->isms.record_count++];
	memset(rec, 0, sizeof(*rec));
	rec->kind = KIND_RISK;
	rec->path = buf_detach(&path, NULL);
	ctx.path = rec->path;
	assert_int_equal(yaml_doc_parse(&rec->front, text.ptr, text.len,
	    rec->path, 1, &w->load_diags), 0);
	rec->id_node = ynode_get(rec->front, "id");
	rec->id = rec->id_node->value;
	rec->title = ynode_get(rec->front, "title")->value;
	rec->risk = xcalloc(1, sizeof(*rec->risk));
	assert_int_equal(risk_parse(rec->risk, rec->front, &w->isms.config,
	    &ctx), 0);
	buf_release(&text);
}

static void
world_assess(struct world *w, const char *today)
{
	int days;

	assert_int_equal(date_parse(today, &days), 0);
	assessment_release(&w->assessment);
	diag_list_release(&w->diags);
	assess_risks(&w->assessment, &w->isms, days, &w->diags);
}

static void
world_free(struct world *w)
{
	assessment_release(&w->assessment);
	isms_release(&w->isms);
	diag_list_release(&w->load_diags);
	diag_list_release(&w->diags);
	free(w);
}

static const struct risk_result *
result_of(const struct world *w, const char *id)
{
	for (size_t i = 0; i < w->assessment.count; i++)
		if (strcmp(w->assessment.results[i].record->id, id) == 0)
			return &w->assessment.results[i];
	fail_msg("no result for '%s'", id);
	return NULL;
}

static const char *
level_name(const struct world *w, size_t level)
{
	return w->isms.config.criteria.levels[level].name;
}

static void
dump(const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->count; i++)
		print_message("  %s:%zu [%s] %s\n", diags->items[i].path,
		    diags->items[i].line, diags->items[i].rule,
		    diags->items[i].message);
}

static void
expect_rule(const struct world *w, const char *rule, size_t count)
{
	size_t n = diag_count_rule(&w->diags, rule);

	if (n != count)
		dump(&w->diags);
	assert_int_equal(n, count);
}

static const char *
message_of(const struct world *w, const char *rule)
{
	for (size_t i = 0; i < w->diags.count; i++)
		if (strcmp(w->diags.items[i].rule, rule) == 0)
			return w->diags.items[i].message;
	dump(&w->diags);
	fail_msg("no diagnostic '%s'", rule);
	return NULL;
}

static void
expect_message(const struct world *w, const char *rule, const char *part)
{
	const char *message = message_of(w, rule);

	if (!strstr(message, part))
		fail_msg("'%s' does not contain '%s'", message, part);
}

/* Parses `yaml` as one risk, assesses it on TODAY and returns the world. */
static struct world *
assess_one(const char *config_text, const char *yaml)
{
	struct world *w = world_new(config_text, 0);

	world_add(w, "RSK-001", yaml);
	if (w->load_diags.count)
		dump(&w->load_diags);
	assert_int_equal(w->load_diags.count, 0);
	world_assess(w, TODAY);
	return w;
}

#define RISK_HEAD "owner: ops-lead\ncia: [availability]\n"

static void
test_assess_risks_matrix_levels(void **state)
{
	static const struct {
		const char *l, *c, *level;
	} cases[] = {
		{ "rare", "negligible", "low" },
		{ "rare", "major", "medium" },
		{ "unlikely", "moderate", "medium" },
		{ "possible", "major", "high" },
		{ "almost-certain", "minor", "high" },
		{ "likely", "severe", "critical" },
		{ "5", "5", "critical" },
	};
	char yaml[256];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct world *w;
		const struct risk_result *r;

		snprintf(yaml, sizeof(yaml), RISK_HEAD "status: assessed\n"
		    "inherent: {likelihood: %s, consequence: %s}\n",
		    cases[i].l, cases[i].c);
		w = assess_one(config_matrix, yaml);
		r = result_of(w, "RSK-001");
		assert_true(r->assessed);
		assert_string_equal(level_name(w, r->inherent_level),
		    cases[i].level);
		assert_int_equal(r->inherent_score, 0);
		world_free(w);
	}
}

static void
test_assess_risks_product_and_sum_levels(void **state)
{
	static const struct {
		const char *config;
		int l, c;
		long score;
		const char *level;
	} cases[] = {
		{ config_product, 1, 1, 1, "low" },
		{ config_product, 2, 2, 4, "low" },
		{ config_product, 1, 5, 5, "medium" },
		{ config_product, 3, 3, 9, "medium" },
		{ config_product, 2, 5, 10, "high" },
		{ config_product, 4, 4, 16, "high" },
		{ config_product, 4, 5, 20, "critical" },
		{ config_sum, 1, 1, 2, "low" },
		{ config_sum, 2, 2, 4, "low" },
		{ config_sum, 3, 2, 5, "medium" },
		{ config_sum, 4, 3, 7, "high" },
		{ config_sum, 4, 5, 9, "critical" },
	};
	char yaml[256];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct world *w;
		const struct risk_result *r;

		snprintf(yaml, sizeof(yaml), RISK_HEAD "status: assessed\n"
		    "inherent: {likelihood: %d, consequence: %d}\n",
		    cases[i].l, cases[i].c);
		w = assess_one(cases[i].config, yaml);
		r = result_of(w, "RSK-001");
		assert_int_equal(r->inherent_score, cases[i].score);
		assert_string_equal(level_name(w, r->inherent_level),
		    cases[i].level);
		assert_int_equal(r->current_score, cases[i].score);
		world_free(w);
	}
}

static void
test_assess_risks_current_level(void **state)
{
	static const struct {
		const char *name;
		const char *yaml;
		const char *current;
	} cases[] = {
		{ "every action done", "status: treating\n"
		  "treatment: {option: modify, actions: ["
		  "{id: A1, text: Act, owner: ops-lead, "
		  "due: 2026-05-01, status: done}, "
		  "{id: A2, text: Act, owner: ops-lead, "
		  "due: 2026-05-02, status: done}]}\n"
		  "residual: {likelihood: rare, consequence: major}\n",
		  "medium" },
		{ "one action open", "status: treating\n"
		  "treatment: {option: modify, actions: ["
		  "{id: A3, text: Act, owner: ops-lead, "
		  "due: 2026-07-01, status: done}, "
		  "{id: A4, text: Act, owner: ops-lead, "
		  "due: 2026-07-02, status: planned}]}\n"
		  "residual: {likelihood: rare, consequence: major}\n",
		  "high" },
		{ "no actions, accepted", "status: accepted\n"
		  "treatment: {option: modify, controls: [\"8.13\"]}\n"
		  "residual: {likelihood: rare, consequence: major}\n",
		  "medium" },
		{ "no actions, closed", "status: closed\n"
		  "treatment: {option: modify, controls: [\"8.13\"]}\n"
		  "residual: {likelihood: rare, consequence: major}\n",
		  "medium" },
		{ "no actions, treating", "status: treating\n"
		  "treatment: {option: modify, controls: [\"8.13\"]}\n"
		  "residual: {likelihood: rare, consequence: major}\n",
		  "high" },
		{ "no residual", "status: treating\n"
		  "treatment: {option: modify, actions: ["
		  "{id: A5, text: Act, owner: ops-lead, "
		  "due: 2026-05-01, status: done}]}\n",
		  "high" },
	};
	char yaml[512];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct world *w;
		const struct risk_result *r;

		snprintf(yaml, sizeof(yaml), RISK_HEAD
		    "inherent: {likelihood: likely, consequence: major}\n%s",
		    cases[i].yaml);
		w = assess_one(config_matrix, yaml);
		r = result_of(w, "RSK-001");
		assert_string_equal(level_name(w, r->inherent_level), "high");
		if (strcmp(level_name(w, r->current_level), cases[i].current))
			fail_msg("%s: current level is '%s', expected '%s'",
			    cases[i].name, level_name(w, r->current_level),
			    cases[i].current);
		world_free(w);
	}
}

static void
test_assess_risks_evaluation_acceptable(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: assessed\n"
	    "inherent: {likelihood: rare, consequence: minor}\n");

	(void)state;
	assert_int_equal(result_of(w, "RSK-001")->evaluation,
	    EVAL_ACCEPTABLE);
	assert_int_equal(w->diags.count, 0);
	world_free(w);
}

static void
test_assess_risks_evaluation_treat(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: assessed\n"
	    "inherent: {likelihood: likely, consequence: major}\n");

	(void)state;
	assert_int_equal(result_of(w, "RSK-001")->evaluation, EVAL_TREAT);
	assert_string_equal(evaluation_name(EVAL_TREAT), "treat");
	world_free(w);
}

/* A medium risk accepted by its owner and the risk approver. */
#define ACCEPTED_MEDIUM(by, date, until, rating) \
	RISK_HEAD "status: accepted\n" \
	"inherent: {likelihood: possible, consequence: moderate}\n" \
	"acceptance:\n" \
	"  by: " by "\n" \
	"  date: " date "\n" until \
	"  rating: " rating "\n"

#define PRESENT_RATING "{likelihood: possible, consequence: moderate}"

static void
test_assess_risks_evaluation_accepted(void **state)
{
	struct world *w = assess_one(config_matrix,
	    ACCEPTED_MEDIUM("[ops-lead, ciso]", "2026-03-01", "",
	    PRESENT_RATING));

	(void)state;
	if (w->diags.count)
		dump(&w->diags);
	assert_int_equal(w->diags.count, 0);
	assert_int_equal(result_of(w, "RSK-001")->evaluation, EVAL_ACCEPTED);
	world_free(w);
}

static void
test_assess_risks_accepted_residual_waits(void **state)
{
	/* The acceptance is valid, but the treatment it assumes is open. */
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: treating\n"
	    "inherent: {likelihood: likely, consequence: major}\n"
	    "treatment: {option: modify, actions: ["
	    "{id: A6, text: Act, owner: ops-lead, due: 2026-07-01}]}\n"
	    "residual: {likelihood: possible, consequence: moderate}\n"
	    "acceptance: {by: [ops-lead, ciso], date: 2026-03-01, "
	    "rating: " PRESENT_RATING "}\n");
	const struct risk_result *r = result_of(w, "RSK-001");

	(void)state;
	assert_int_equal(w->diags.count, 0);
	assert_int_equal(r->evaluation, EVAL_TREAT);
	assert_string_equal(level_name(w, r->current_level), "high");
	assert_string_equal(level_name(w, r->residual_level), "medium");
	world_free(w);
}

static void
test_assess_risks_acceptance_stale(void **state)
{
	struct world *w = assess_one(config_matrix,
	    ACCEPTED_MEDIUM("[ops-lead, ciso]", "2026-03-01", "",
	    "{likelihood: unlikely, consequence: moderate}"));

	(void)state;
	expect_rule(w, "acceptance-stale", 1);
	assert_string_equal(message_of(w, "acceptance-stale"),
	    "acceptance was given at likelihood 'unlikely' × consequence "
	    "'moderate', but the inherent rating is now likelihood "
	    "'possible' × consequence 'moderate'; accept the present rating "
	    "again or treat the risk");
	assert_int_equal(result_of(w, "RSK-001")->evaluation, EVAL_TREAT);
	world_free(w);
}

static void
test_assess_risks_acceptance_stale_dimension(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: accepted\n"
	    "inherent: {likelihood: possible, consequences: "
	    "{financial: moderate, legal: minor}}\n"
	    "acceptance: {by: [ops-lead, ciso], date: 2026-03-01, "
	    "rating: {likelihood: possible, consequences: "
	    "{financial: moderate, legal: negligible}}}\n");

	(void)state;
	expect_rule(w, "acceptance-stale", 1);
	expect_message(w, "acceptance-stale", "legal 'negligible'");
	world_free(w);
}

static void
test_assess_risks_acceptance_stale_quiet(void **state)
{
	struct world *w = assess_one(config_matrix,
	    ACCEPTED_MEDIUM("[ops-lead, ciso]", "2026-03-01", "",
	    "{likelihood: 3, consequence: 3}"));

	(void)state;
	expect_rule(w, "acceptance-stale", 0);
	world_free(w);
}

static void
test_assess_risks_acceptance_expired_until(void **state)
{
	struct world *w = assess_one(config_matrix,
	    ACCEPTED_MEDIUM("[ops-lead, ciso]", "2026-03-01",
	    "  until: 2026-05-31\n", PRESENT_RATING));

	(void)state;
	expect_rule(w, "acceptance-expired", 1);
	assert_string_equal(message_of(w, "acceptance-expired"),
	    "acceptance expired on '2026-05-31'; accept the risk again or "
	    "treat it");
	assert_int_equal(result_of(w, "RSK-001")->evaluation, EVAL_TREAT);
	world_free(w);
}

static void
test_assess_risks_acceptance_until_today_quiet(void **state)
{
	struct world *w = assess_one(config_matrix,
	    ACCEPTED_MEDIUM("[ops-lead, ciso]", "2026-03-01",
	    "  until: " TODAY "\n", PRESENT_RATING));

	(void)state;
	expect_rule(w, "acceptance-expired", 0);
	assert_int_equal(result_of(w, "RSK-001")->evaluation, EVAL_ACCEPTED);
	world_free(w);
}

static void
test_assess_risks_acceptance_expired_valid_for(void **state)
{
	struct world *w = assess_one(config_matrix,
	    ACCEPTED_MEDIUM("[ops-lead, ciso]", "2025-05-31", "",
	    PRESENT_RATING));

	(void)state;
	expect_rule(w, "acceptance-expired", 1);
	assert_string_equal(message_of(w, "acceptance-expired"),
	    "acceptance expired on '2026-05-31', 12 months after its date "
	    "'2025-05-31' as level 'medium' allows; accept the risk again or "
	    "treat it");
	world_free(w);
}

static void
test_assess_risks_acceptance_too_long(void **state)
{
	struct world *w = assess_one(config_matrix,
	    ACCEPTED_MEDIUM("[ops-lead, ciso]", "2026-03-01",
	    "  until: 2027-06-01\n", PRESENT_RATING));

	(void)state;
	expect_rule(w, "acceptance-too-long", 1);
	expect_message(w, "acceptance-too-long", "set until to '2027-03-01'");
	expect_rule(w, "acceptance-expired", 0);
	assert_int_equal(result_of(w, "RSK-001")->evaluation, EVAL_ACCEPTED);
	world_free(w);
}

static void
test_assess_risks_acceptance_too_long_expired(void **state)
{
	struct world *w = assess_one(config_matrix,
	    ACCEPTED_MEDIUM("[ops-lead, ciso]", "2025-01-01",
	    "  until: 2026-12-31\n", PRESENT_RATING));

	(void)state;
	expect_rule(w, "acceptance-too-long", 1);
	expect_rule(w, "acceptance-expired", 1);
	expect_message(w, "acceptance-expired", "'2026-01-01'");
	world_free(w);
}

static void
test_assess_risks_acceptance_within_valid_for_quiet(void **state)
{
	struct world *w = assess_one(config_matrix,
	    ACCEPTED_MEDIUM("[ops-lead, ciso]", "2026-03-01",
	    "  until: 2027-03-01\n", PRESENT_RATING));

	(void)state;
	expect_rule(w, "acceptance-too-long", 0);
	expect_rule(w, "acceptance-expired", 0);
	world_free(w);
}

static void
test_assess_risks_acceptance_unauthorised_role(void **state)
{
	struct world *w = assess_one(config_matrix,
	    ACCEPTED_MEDIUM("[ops-lead]", "2026-03-01", "", PRESENT_RATING));

	(void)state;
	expect_rule(w, "acceptance-unauthorised", 1);
	assert_string_equal(message_of(w, "acceptance-unauthorised"),
	    "acceptance of level 'medium' needs signers who together hold "
	    "risk-owner, risk-approver; missing: risk-approver");
	assert_int_equal(result_of(w, "RSK-001")->evaluation, EVAL_TREAT);
	world_free(w);
}

static void
test_assess_risks_acceptance_unauthorised_owner(void **state)
{
	struct world *w = assess_one(config_matrix,
	    ACCEPTED_MEDIUM("[ciso, cto]", "2026-03-01", "", PRESENT_RATING));

	(void)state;
	expect_rule(w, "acceptance-unauthorised", 1);
	expect_message(w, "acceptance-unauthorised",
	    "missing: risk-owner ('ops-lead')");
	world_free(w);
}

static void
test_assess_risks_acceptance_one_signer_two_roles(void **state)
{
	struct world *w = assess_one(config_matrix,
	    "owner: ciso\ncia: [integrity]\nstatus: accepted\n"
	    "inherent: " PRESENT_RATING "\n"
	    "acceptance: {by: ciso, date: 2026-03-01, "
	    "rating: " PRESENT_RATING "}\n");

	(void)state;
	expect_rule(w, "acceptance-unauthorised", 0);
	assert_int_equal(result_of(w, "RSK-001")->evaluation, EVAL_ACCEPTED);
	world_free(w);
}

static void
test_assess_risks_acceptance_never(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: accepted\n"
	    "inherent: {likelihood: likely, consequence: severe}\n"
	    "acceptance: {by: [ops-lead, cto], date: 2026-03-01, "
	    "rating: {likelihood: likely, consequence: severe}}\n");

	(void)state;
	expect_rule(w, "acceptance-never", 1);
	expect_message(w, "acceptance-never", "level 'critical' cannot be "
	    "accepted");
	expect_rule(w, "acceptance-unauthorised", 0);
	assert_int_equal(result_of(w, "RSK-001")->evaluation, EVAL_TREAT);
	world_free(w);
}

static void
test_assess_risks_acceptance_never_quiet(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: accepted\n"
	    "inherent: {likelihood: likely, consequence: major}\n"
	    "acceptance: {by: [ops-lead, cto], date: 2026-03-01, "
	    "rating: {likelihood: likely, consequence: major}}\n");

	(void)state;
	expect_rule(w, "acceptance-never", 0);
	assert_int_equal(w->diags.count, 0);
	assert_int_equal(result_of(w, "RSK-001")->evaluation, EVAL_ACCEPTED);
	world_free(w);
}

static void
test_assess_risks_acceptance_future_date(void **state)
{
	struct world *w = assess_one(config_matrix,
	    ACCEPTED_MEDIUM("[ops-lead, ciso]", "2026-07-01", "",
	    PRESENT_RATING));

	(void)state;
	expect_rule(w, "date-in-future", 1);
	assert_string_equal(message_of(w, "date-in-future"),
	    "'acceptance.date' is '2026-07-01', after today ('2026-06-01'); "
	    "record the date it happened");
	assert_int_equal(w->diags.items[0].line, 10);
	assert_int_equal(result_of(w, "RSK-001")->evaluation, EVAL_TREAT);
	world_free(w);
}

static void
test_assess_risks_acceptance_dated_today_quiet(void **state)
{
	struct world *w = assess_one(config_matrix,
	    ACCEPTED_MEDIUM("[ops-lead, ciso]", TODAY, "", PRESENT_RATING));

	(void)state;
	expect_rule(w, "date-in-future", 0);
	assert_int_equal(result_of(w, "RSK-001")->evaluation, EVAL_ACCEPTED);
	world_free(w);
}

static void
test_assess_risks_acceptance_until_before_date(void **state)
{
	struct world *w = assess_one(config_matrix,
	    ACCEPTED_MEDIUM("[ops-lead, ciso]", "2026-03-01",
	    "  until: 2026-02-28\n", PRESENT_RATING));

	(void)state;
	expect_rule(w, "invalid-value", 1);
	assert_string_equal(message_of(w, "invalid-value"),
	    "acceptance until '2026-02-28' is before its date '2026-03-01'; "
	    "correct one of the two dates");
	expect_rule(w, "acceptance-expired", 0);
	assert_int_equal(result_of(w, "RSK-001")->evaluation, EVAL_TREAT);
	world_free(w);
}

/* The order of the dates is checked even when the rating is unusable. */
static void
test_assess_risks_acceptance_dates_unjudged(void **state)
{
	struct world *w = world_new(config_matrix, 0);

	(void)state;
	world_add(w, "RSK-001", RISK_HEAD "status: accepted\n"
	    "inherent: {likelihood: frequent, consequence: moderate}\n"
	    "acceptance: {by: [ops-lead], date: 2026-07-01, "
	    "until: 2026-06-15, rating: " PRESENT_RATING "}\n");
	world_assess(w, TODAY);
	expect_rule(w, "date-in-future", 1);
	expect_rule(w, "invalid-value", 1);
	assert_false(result_of(w, "RSK-001")->assessed);
	world_free(w);
}

static void
test_assess_risks_past_dates_in_future(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: treating\n"
	    "inherent: {likelihood: likely, consequence: major}\n"
	    "treatment: {option: modify, plan_approved_by: ciso, "
	    "plan_approved_on: 2030-01-01, actions: [{id: A1, text: Act, "
	    "owner: ops-lead, due: 2026-09-01}]}\n"
	    "review: {last: 2026-06-02, next: 2026-09-01}\n");

	(void)state;
	expect_rule(w, "date-in-future", 2);
	assert_string_equal(message_of(w, "date-in-future"),
	    "'plan_approved_on' is '2030-01-01', after today ('2026-06-01'); "
	    "record the date it happened");
	assert_string_equal(w->diags.items[1].message,
	    "'review.last' is '2026-06-02', after today ('2026-06-01'); "
	    "record the date it happened");
	world_free(w);
}

static void
test_assess_risks_past_dates_quiet(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: treating\n"
	    "inherent: {likelihood: likely, consequence: major}\n"
	    "treatment: {option: modify, plan_approved_by: ciso, "
	    "plan_approved_on: " TODAY ", actions: [{id: A1, text: Act, "
	    "owner: ops-lead, due: 2026-09-01}]}\n"
	    "review: {last: " TODAY ", next: 2026-09-01}\n");

	(void)state;
	expect_rule(w, "date-in-future", 0);
	world_free(w);
}

static void
test_loss_ale_single(void **state)
{
	struct loss loss = { LOSS_SINGLE, 0.3, 120000, 0, 0, "EUR" };

	(void)state;
	assert_true(fabs(loss_ale(&loss) - 36000) < 1e-9);
}

static void
test_loss_ale_lognormal(void **state)
{
	struct loss loss = { LOSS_RANGE, 0.1, 0, 50000, 2000000, "EUR" };
	/*
	 * The lognormal's median is the geometric mean of the 5th and 95th
	 * percentiles. Its sigma is the log-spread of those percentiles over
	 * twice the 95% z-value, and its mean is median × exp(sigma² / 2).
	 */
	double z = 1.6448536269514722;
	double median = sqrt(50000.0 * 2000000.0);
	double sigma = log(2000000.0 / 50000.0) / (2 * z);
	double expected = 0.1 * median * exp(sigma * sigma / 2);
	double ale = loss_ale(&loss);

	(void)state;
	assert_true(fabs(ale - expected) <= 1e-6 * expected);
}

static void
test_loss_ale_none(void **state)
{
	struct loss loss = { LOSS_NONE, 0, 0, 0, 0, NULL };

	(void)state;
	assert_true(loss_ale(&loss) == 0);
}

static void
test_assess_risks_ale_result(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: assessed\n"
	    "inherent: {likelihood: likely, consequence: major}\n"
	    "loss: {per_year: 0.3, single: 120000, currency: EUR}\n");
	const struct risk_result *r = result_of(w, "RSK-001");

	(void)state;
	assert_true(r->has_ale);
	assert_true(fabs(r->ale - 36000) < 1e-9);
	world_free(w);
}

static void
test_assess_risks_level_mismatch(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: assessed\n"
	    "inherent: {likelihood: likely, consequence: major, "
	    "level: medium}\n");

	(void)state;
	expect_rule(w, "risk-level-mismatch", 1);
	assert_string_equal(message_of(w, "risk-level-mismatch"),
	    "recorded level 'medium' contradicts the computed level 'high' "
	    "(likelihood 'likely' × consequence 'major')");
	world_free(w);
}

static void
test_assess_risks_level_unknown(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: assessed\n"
	    "inherent: {likelihood: likely, consequence: major, "
	    "level: extreme}\n");

	(void)state;
	expect_rule(w, "risk-level-mismatch", 1);
	expect_message(w, "risk-level-mismatch", "is not a level");
	world_free(w);
}

static void
test_assess_risks_level_match_quiet(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: treating\n"
	    "inherent: {likelihood: likely, consequence: major, level: HIGH}\n"
	    "treatment: {option: modify, controls: [\"8.13\"]}\n"
	    "residual: {likelihood: rare, consequence: major, "
	    "level: Medium}\n");

	(void)state;
	expect_rule(w, "risk-level-mismatch", 0);
	world_free(w);
}

static void
test_assess_risks_residual_level_mismatch(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: treating\n"
	    "inherent: {likelihood: likely, consequence: major}\n"
	    "treatment: {option: modify, controls: [\"8.13\"]}\n"
	    "residual: {likelihood: rare, consequence: major, level: low}\n");

	(void)state;
	expect_rule(w, "risk-level-mismatch", 1);
	world_free(w);
}

static void
test_assess_risks_score_mismatch(void **state)
{
	struct world *w = assess_one(config_product, RISK_HEAD
	    "status: assessed\n"
	    "inherent: {likelihood: possible, consequence: moderate, "
	    "score: 12}\n");

	(void)state;
	expect_rule(w, "risk-score-mismatch", 1);
	assert_string_equal(message_of(w, "risk-score-mismatch"),
	    "recorded score '12' contradicts the computed score '9' "
	    "(likelihood 'possible' × consequence 'moderate')");
	world_free(w);
}

static void
test_assess_risks_score_match_quiet(void **state)
{
	struct world *w = assess_one(config_product, RISK_HEAD
	    "status: assessed\n"
	    "inherent: {likelihood: possible, consequence: moderate, "
	    "score: 9, level: medium}\n");

	(void)state;
	expect_rule(w, "risk-score-mismatch", 0);
	expect_rule(w, "risk-level-mismatch", 0);
	world_free(w);
}

static void
test_assess_risks_score_matrix(void **state)
{
	static const struct {
		const char *score;
		size_t expected;
	} cases[] = {
		{ "16", 0 },
		{ "12", 1 },
	};
	char yaml[256];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct world *w;

		snprintf(yaml, sizeof(yaml), RISK_HEAD "status: assessed\n"
		    "inherent: {likelihood: likely, consequence: major, "
		    "score: %s}\n", cases[i].score);
		w = assess_one(config_matrix, yaml);
		expect_rule(w, "risk-score-mismatch", cases[i].expected);
		world_free(w);
	}
}

static void
test_assess_risks_review_next_overdue(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: assessed\n"
	    "inherent: {likelihood: likely, consequence: major}\n"
	    "review: {last: 2026-04-01, next: 2026-05-01}\n");
	const struct risk_result *r = result_of(w, "RSK-001");

	(void)state;
	expect_rule(w, "risk-review-overdue", 1);
	assert_string_equal(message_of(w, "risk-review-overdue"),
	    "review was due on '2026-05-01' ('review.next'); review the risk "
	    "and update 'review'");
	assert_true(r->review_overdue);
	assert_int_equal(r->review_due, date_from_ymd(2026, 5, 1));
	assert_int_equal(w->diags.items[0].severity, DIAG_WARNING);
	world_free(w);
}

static void
test_assess_risks_review_cadence_overdue(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: assessed\n"
	    "inherent: {likelihood: likely, consequence: major}\n"
	    "review: {last: 2026-01-15, next: 2026-12-01}\n");

	(void)state;
	expect_rule(w, "risk-review-overdue", 1);
	assert_string_equal(message_of(w, "risk-review-overdue"),
	    "review was due on '2026-04-15', 3 months after the last review "
	    "on '2026-01-15' as level 'high' requires; review the risk and "
	    "update 'review'");
	assert_int_equal(result_of(w, "RSK-001")->review_due,
	    date_from_ymd(2026, 4, 15));
	world_free(w);
}

static void
test_assess_risks_review_quiet(void **state)
{
	static const char *const reviews[] = {
		"review: {last: 2026-05-01, next: 2026-07-01}\n",
		"review: {last: 2026-03-01}\n",
		"review: {next: " TODAY "}\n",
		"",
	};
	char yaml[256];

	(void)state;
	for (size_t i = 0; i < sizeof(reviews) / sizeof(reviews[0]); i++) {
		struct world *w;

		snprintf(yaml, sizeof(yaml), RISK_HEAD "status: assessed\n"
		    "inherent: {likelihood: likely, consequence: major}\n%s",
		    reviews[i]);
		w = assess_one(config_matrix, yaml);
		expect_rule(w, "risk-review-overdue", 0);
		assert_false(result_of(w, "RSK-001")->review_overdue);
		world_free(w);
	}
}

static void
test_assess_risks_review_closed_quiet(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: closed\n"
	    "inherent: {likelihood: likely, consequence: major}\n"
	    "treatment: {option: avoid}\n"
	    "review: {last: 2025-01-01, next: 2025-02-01}\n");

	(void)state;
	expect_rule(w, "risk-review-overdue", 0);
	world_free(w);
}

static void
test_assess_risks_action_overdue(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: treating\n"
	    "inherent: {likelihood: likely, consequence: major}\n"
	    "treatment: {option: modify, actions: [\n"
	    "  {id: A1, text: Act, owner: ops-lead, due: 2026-05-01},\n"
	    "  {id: A2, text: Act, owner: ops-lead, "
	    "due: 2026-04-01, status: done},\n"
	    "  {id: A3, text: Act, owner: ops-lead, due: " TODAY "},\n"
	    "  {id: A4, text: Act, owner: ops-lead, due: 2026-09-01, "
	    "status: in-progress}]}\n");
	const struct risk_result *r = result_of(w, "RSK-001");

	(void)state;
	expect_rule(w, "risk-action-overdue", 1);
	assert_string_equal(message_of(w, "risk-action-overdue"),
	    "action 'A1' was due on '2026-05-01' but is 'planned'; finish it "
	    "or set a new 'due' date");
	assert_int_equal(r->open_actions, 3);
	assert_int_equal(r->overdue_actions, 1);
	assert_true(r->has_earliest_due);
	assert_int_equal(r->earliest_due, date_from_ymd(2026, 5, 1));
	world_free(w);
}

static void
test_assess_risks_action_overdue_quiet(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: treating\n"
	    "inherent: {likelihood: likely, consequence: major}\n"
	    "treatment: {option: modify, actions: ["
	    "{id: A1, text: Act, owner: ops-lead, "
	    "due: 2026-05-01, status: done}]}\n");
	const struct risk_result *r = result_of(w, "RSK-001");

	(void)state;
	expect_rule(w, "risk-action-overdue", 0);
	assert_int_equal(r->open_actions, 0);
	assert_false(r->has_earliest_due);
	world_free(w);
}

static void
test_assess_risks_treatment_overdue(void **state)
{
	static const struct {
		const char *approved;
		size_t expected;
	} cases[] = {
		{ "2026-01-01", 1 },
		{ "2026-03-03", 0 },
		{ "2026-04-01", 0 },
	};
	char yaml[512];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct world *w;

		snprintf(yaml, sizeof(yaml), RISK_HEAD "status: treating\n"
		    "inherent: {likelihood: likely, consequence: major}\n"
		    "treatment: {option: modify, plan_approved_by: ciso, "
		    "plan_approved_on: %s, actions: "
		    "[{id: A7, text: Act, owner: ops-lead, "
		    "due: 2026-09-01}]}\n",
		    cases[i].approved);
		w = assess_one(config_matrix, yaml);
		expect_rule(w, "risk-treatment-overdue", cases[i].expected);
		world_free(w);
	}
}

static void
test_assess_risks_treatment_done_quiet(void **state)
{
	/* The treatment is done, but the residual is high and not accepted. */
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: treating\n"
	    "inherent: {likelihood: likely, consequence: severe}\n"
	    "treatment: {option: modify, plan_approved_by: ciso, "
	    "plan_approved_on: 2026-01-01, actions: "
	    "[{id: A8, text: Act, owner: ops-lead, "
	    "due: 2026-03-01, status: done}]}\n"
	    "residual: {likelihood: possible, consequence: severe}\n");

	(void)state;
	assert_int_equal(result_of(w, "RSK-001")->evaluation, EVAL_TREAT);
	expect_rule(w, "risk-treatment-overdue", 0);
	world_free(w);
}

static void
test_assess_risks_unknown_people(void **state)
{
	struct world *w = assess_one(config_matrix,
	    "owner: cisco\ncia: [availability]\nstatus: accepted\n"
	    "inherent: {likelihood: possible, consequence: moderate}\n"
	    "treatment: {option: retain, plan_approved_by: nobody, "
	    "actions: [{id: A9, text: Act, owner: opslead, "
	    "due: 2026-09-01, status: done}]}\n"
	    "acceptance: {by: [cisco, ciso, someone], date: 2026-03-01, "
	    "rating: " PRESENT_RATING "}\n");

	(void)state;
	expect_rule(w, "ref-unknown-person", 5);
	expect_message(w, "ref-unknown-person", "did you mean 'ciso'?");
	world_free(w);
}

static void
test_assess_risks_unknown_people_quiet(void **state)
{
	struct world *w = assess_one(config_matrix,
	    ACCEPTED_MEDIUM("[ops-lead, ciso]", "2026-03-01", "",
	    PRESENT_RATING));

	(void)state;
	expect_rule(w, "ref-unknown-person", 0);
	world_free(w);
}

static void
test_assess_risks_controls(void **state)
{
	static const struct {
		const char *existing, *treatment;
		size_t unknown, not_applicable;
	} cases[] = {
		{ "[\"5.1\"]", "[\"8.13\"]", 0, 0 },
		{ "[\"9.9\"]", "[\"8.13\"]", 1, 0 },
		{ "[\"5.1\"]", "[\"8.99\", \"7.4\"]", 1, 1 },
		{ "[\"7.4\"]", "[\"5.1\"]", 0, 0 },
	};
	char yaml[512];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct world *w = world_new(config_matrix, 1);

		snprintf(yaml, sizeof(yaml), RISK_HEAD "status: treating\n"
		    "inherent: {likelihood: likely, consequence: major}\n"
		    "existing_controls: %s\n"
		    "treatment: {option: modify, controls: %s}\n",
		    cases[i].existing, cases[i].treatment);
		world_add(w, "RSK-001", yaml);
		world_assess(w, TODAY);
		expect_rule(w, "ref-unknown-control", cases[i].unknown);
		expect_rule(w, "soa-control-not-applicable",
		    cases[i].not_applicable);
		world_free(w);
	}
}

static void
test_assess_risks_controls_without_soa(void **state)
{
	struct world *w = assess_one(config_matrix, RISK_HEAD
	    "status: treating\n"
	    "inherent: {likelihood: likely, consequence: major}\n"
	    "existing_controls: [\"9.9\"]\n"
	    "treatment: {option: modify, controls: [\"7.4\"]}\n");

	(void)state;
	expect_rule(w, "ref-unknown-control", 0);
	expect_rule(w, "soa-control-not-applicable", 0);
	world_free(w);
}

/*
 * Priority: each row contains two risks that are equal on every key
 * before `key` and differ on it. `first` must rank 1 and `second` rank 2.
 * The ids are chosen so that the id key alone would order them the other
 * way. The id key itself is tested on its own below.
 */
#define ASSESSED RISK_HEAD "status: assessed\n"
#define RATED(l, c) \
	ASSESSED "inherent: {likelihood: " l ", consequence: " c "}\n"

static const struct {
	const char *key;
	const char *config;
	const char *first;
	const char *second;
} priority_cases[] = {
	{ "evaluation: treat before accepted, even at a lower level",
	  config_matrix,
	  RATED("possible", "moderate"),
	  RISK_HEAD "status: accepted\n"
	  "inherent: {likelihood: likely, consequence: major}\n"
	  "acceptance: {by: [ops-lead, cto], date: 2026-03-01, "
	  "rating: {likelihood: likely, consequence: major}}\n" },
	{ "evaluation: accepted before acceptable", config_matrix,
	  RISK_HEAD "status: accepted\n"
	  "inherent: {likelihood: unlikely, consequence: moderate}\n"
	  "acceptance: {by: [ops-lead, ciso], date: 2026-03-01, "
	  "rating: {likelihood: unlikely, consequence: moderate}}\n",
	  RATED("rare", "minor") },
	{ "level: higher first, even with a lower consequence",
	  config_matrix,
	  RATED("almost-certain", "minor"),
	  RATED("rare", "major") },
	{ "score: higher first, even with a lower consequence",
	  config_product,
	  RATED("unlikely", "moderate"),
	  RATED("rare", "severe") },
	{ "consequence: higher first, even with a lower likelihood",
	  config_matrix,
	  RATED("unlikely", "moderate"),
	  RATED("possible", "minor") },
	{ "likelihood: higher first", config_matrix,
	  RATED("possible", "moderate"),
	  RATED("unlikely", "moderate") },
	{ "ALE: higher first", config_matrix,
	  RATED("possible", "moderate")
	  "loss: {per_year: 0.5, single: 10000}\n",
	  RATED("possible", "moderate")
	  "loss: {per_year: 0.5, single: 9999.98}\n" },
	{ "ALE: a risk with ALE before one without", config_matrix,
	  RATED("possible", "moderate") "loss: {per_year: 0, single: 1}\n",
	  RATED("possible", "moderate") },
	{ "due date: earliest open action first", config_matrix,
	  RATED("possible", "moderate")
	  "treatment: {option: modify, actions: ["
	  "{id: A10, text: Act, owner: ops-lead, due: 2026-08-01}, "
	  "{id: A11, text: Act, owner: ops-lead, "
	  "due: 2026-05-01, status: done}]}\n",
	  RATED("possible", "moderate")
	  "treatment: {option: modify, actions: ["
	  "{id: A12, text: Act, owner: ops-lead, due: 2026-08-02}]}\n" },
	{ "due date: a risk with an open action before one without",
	  config_matrix,
	  RATED("possible", "moderate")
	  "treatment: {option: modify, actions: ["
	  "{id: A13, text: Act, owner: ops-lead, due: 2027-01-01}]}\n",
	  RATED("possible", "moderate") },
};

static void
test_assess_risks_priority_keys(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(priority_cases) /
	    sizeof(priority_cases[0]); i++) {
		struct world *w = world_new(priority_cases[i].config, 0);

		const char *key = priority_cases[i].key;
		size_t first, second;

		world_add(w, "RSK-001", priority_cases[i].second);
		world_add(w, "RSK-002", priority_cases[i].first);
		if (w->load_diags.count)
			dump(&w->load_diags);
		assert_int_equal(w->load_diags.count, 0);
		world_assess(w, TODAY);
		first = result_of(w, "RSK-002")->rank;
		second = result_of(w, "RSK-001")->rank;
		if (first != 1)
			fail_msg("%s: the first risk ranks %zu", key, first);
		if (second != 2)
			fail_msg("%s: the second risk ranks %zu", key, second);
		assert_string_equal(w->assessment.results[0].record->id,
		    "RSK-002");
		world_free(w);
	}
}

static void
test_assess_risks_priority_id(void **state)
{
	struct world *w = world_new(config_matrix, 0);

	(void)state;
	world_add(w, "RSK-010", RATED("possible", "moderate"));
	world_add(w, "RSK-002", RATED("possible", "moderate"));
	world_assess(w, TODAY);
	assert_int_equal(result_of(w, "RSK-002")->rank, 1);
	assert_int_equal(result_of(w, "RSK-010")->rank, 2);
	world_free(w);
}

static void
test_assess_risks_priority_unranked(void **state)
{
	struct world *w = world_new(config_matrix, 0);

	(void)state;
	world_add(w, "RSK-001", RISK_HEAD "status: closed\n"
	    "inherent: {likelihood: almost-certain, consequence: severe}\n"
	    "treatment: {option: avoid}\n");
	world_add(w, "RSK-002", RISK_HEAD "status: identified\n");
	world_add(w, "RSK-003", RATED("rare", "negligible"));
	world_add(w, "RSK-004", RATED("likely", "major"));
	world_assess(w, TODAY);

	assert_int_equal(w->assessment.count, 4);
	assert_int_equal(result_of(w, "RSK-004")->rank, 1);
	assert_int_equal(result_of(w, "RSK-003")->rank, 2);
	assert_int_equal(result_of(w, "RSK-001")->rank, 0);
	assert_int_equal(result_of(w, "RSK-002")->rank, 0);
	assert_true(result_of(w, "RSK-001")->assessed);
	assert_false(result_of(w, "RSK-002")->assessed);
	assert_string_equal(w->assessment.results[2].record->id, "RSK-001");
	assert_string_equal(w->assessment.results[3].record->id, "RSK-002");
	world_free(w);
}

static void
test_assess_risks_priority_input_order(void **state)
{
	static const char *const ids[] = {
		"RSK-001", "RSK-002", "RSK-003", "RSK-004", "RSK-005",
	};
	static const char *const risks[] = {
		RATED("possible", "moderate"),
		RATED("possible", "moderate")
		"loss: {per_year: 1, single: 5}\n",
		RATED("likely", "major"),
		RATED("possible", "moderate"),
		RATED("rare", "minor"),
	};
	const size_t n = sizeof(ids) / sizeof(ids[0]);
	size_t forward[5], backward[5];

	(void)state;
	for (int pass = 0; pass < 2; pass++) {
		struct world *w = world_new(config_matrix, 0);

		for (size_t k = 0; k < n; k++) {
			size_t i = pass ? n - 1 - k : k;

			world_add(w, ids[i], risks[i]);
		}
		world_assess(w, TODAY);
		for (size_t i = 0; i < n; i++)
			(pass ? backward : forward)[i] =
			    result_of(w, ids[i])->rank;
		world_free(w);
	}

	assert_int_equal(forward[2], 1);
	assert_int_equal(forward[1], 2);
	assert_int_equal(forward[0], 3);
	assert_int_equal(forward[3], 4);
	assert_int_equal(forward[4], 5);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(forward[i], backward[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_assess_risks_matrix_levels),
		cmocka_unit_test(test_assess_risks_product_and_sum_levels),
		cmocka_unit_test(test_assess_risks_current_level),
		cmocka_unit_test(test_assess_risks_evaluation_acceptable),
		cmocka_unit_test(test_assess_risks_evaluation_treat),
		cmocka_unit_test(test_assess_risks_evaluation_accepted),
		cmocka_unit_test(test_assess_risks_accepted_residual_waits),
		cmocka_unit_test(test_assess_risks_acceptance_stale),
		cmocka_unit_test(test_assess_risks_acceptance_stale_dimension),
		cmocka_unit_test(test_assess_risks_acceptance_stale_quiet),
		cmocka_unit_test(test_assess_risks_acceptance_expired_until),
		cmocka_unit_test(
		    test_assess_risks_acceptance_until_today_quiet),
		cmocka_unit_test(
		    test_assess_risks_acceptance_expired_valid_for),
		cmocka_unit_test(test_assess_risks_acceptance_too_long),
		cmocka_unit_test(
		    test_assess_risks_acceptance_too_long_expired),
		cmocka_unit_test(
		    test_assess_risks_acceptance_within_valid_for_quiet),
		cmocka_unit_test(
		    test_assess_risks_acceptance_unauthorised_role),
		cmocka_unit_test(
		    test_assess_risks_acceptance_unauthorised_owner),
		cmocka_unit_test(
		    test_assess_risks_acceptance_one_signer_two_roles),
		cmocka_unit_test(test_assess_risks_acceptance_never),
		cmocka_unit_test(test_assess_risks_acceptance_never_quiet),
		cmocka_unit_test(test_assess_risks_acceptance_future_date),
		cmocka_unit_test(
		    test_assess_risks_acceptance_dated_today_quiet),
		cmocka_unit_test(
		    test_assess_risks_acceptance_until_before_date),
		cmocka_unit_test(test_assess_risks_acceptance_dates_unjudged),
		cmocka_unit_test(test_assess_risks_past_dates_in_future),
		cmocka_unit_test(test_assess_risks_past_dates_quiet),
		cmocka_unit_test(test_loss_ale_single),
		cmocka_unit_test(test_loss_ale_lognormal),
		cmocka_unit_test(test_loss_ale_none),
		cmocka_unit_test(test_assess_risks_ale_result),
		cmocka_unit_test(test_assess_risks_level_mismatch),
		cmocka_unit_test(test_assess_risks_level_unknown),
		cmocka_unit_test(test_assess_risks_level_match_quiet),
		cmocka_unit_test(test_assess_risks_residual_level_mismatch),
		cmocka_unit_test(test_assess_risks_score_mismatch),
		cmocka_unit_test(test_assess_risks_score_match_quiet),
		cmocka_unit_test(test_assess_risks_score_matrix),
		cmocka_unit_test(test_assess_risks_review_next_overdue),
		cmocka_unit_test(test_assess_risks_review_cadence_overdue),
		cmocka_unit_test(test_assess_risks_review_quiet),
		cmocka_unit_test(test_assess_risks_review_closed_quiet),
		cmocka_unit_test(test_assess_risks_action_overdue),
		cmocka_unit_test(test_assess_risks_action_overdue_quiet),
		cmocka_unit_test(test_assess_risks_treatment_overdue),
		cmocka_unit_test(test_assess_risks_treatment_done_quiet),
		cmocka_unit_test(test_assess_risks_unknown_people),
		cmocka_unit_test(test_assess_risks_unknown_people_quiet),
		cmocka_unit_test(test_assess_risks_controls),
		cmocka_unit_test(test_assess_risks_controls_without_soa),
		cmocka_unit_test(test_assess_risks_priority_keys),
		cmocka_unit_test(test_assess_risks_priority_id),
		cmocka_unit_test(test_assess_risks_priority_unranked),
		cmocka_unit_test(test_assess_risks_priority_input_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
