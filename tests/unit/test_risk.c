#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "diag.h"
#include "risk.h"
#include "schema.h"
#include "yaml_doc.h"
#include "banned.h"

/*
 * Unit tests of risk_parse(): field reading, the rating forms, and each
 * rule of the risk record, each shown firing and staying quiet.
 */

static void dump(const struct diag_list *diags);

#define CRITERIA_HEAD \
	"isms: 1\n" \
	"organisation: Example Ltd\n" \
	"scope: Test scope\n" \
	"people:\n" \
	"  ciso: {name: A. Person, email: [ciso@example.com], " \
	"roles: [risk-approver, change-approver]}\n" \
	"  ops-lead: {name: C. Person, email: [ops@example.com]}\n" \
	"risk_criteria:\n" \
	"  likelihood:\n" \
	"    - {name: rare}\n" \
	"    - {name: unlikely}\n" \
	"    - {name: possible}\n" \
	"    - {name: likely}\n" \
	"    - {name: almost-certain}\n" \
	"  consequence:\n" \
	"    dimensions: [financial, legal, operational]\n" \
	"    scale:\n" \
	"      - {name: negligible}\n" \
	"      - {name: minor}\n" \
	"      - {name: moderate}\n" \
	"      - {name: major}\n" \
	"      - {name: severe}\n" \
	"  method: matrix\n" \
	"  matrix:\n" \
	"    - [low,    low,    low,    medium, medium]\n" \
	"    - [low,    low,    medium, medium, high]\n" \
	"    - [low,    medium, medium, high,   high]\n" \
	"    - [medium, medium, high,   high,   critical]\n" \
	"    - [medium, high,   high,   critical, critical]\n"

#define CRITERIA_TAIL \
	"  levels:\n" \
	"    - {name: low, from: 1, accept: [risk-owner], " \
	"review_every: 12 months}\n" \
	"    - {name: medium, from: 5, accept: [risk-owner, risk-approver], " \
	"review_every: 6 months}\n" \
	"    - {name: high, from: 10, accept: [risk-owner, risk-approver], " \
	"review_every: 3 months}\n" \
	"    - {name: critical, from: 17, accept: never, " \
	"review_every: 1 month}\n" \
	"  acceptance_threshold: low\n"

static const char config_max[] = CRITERIA_HEAD
	"  consequence_aggregate: max\n" CRITERIA_TAIL;

static const char config_mean[] = CRITERIA_HEAD
	"  consequence_aggregate: mean\n" CRITERIA_TAIL;

/* A complete, consistent risk that produces no diagnostic. */
static const char valid_risk[] =
	"id: RSK-001\n"
	"title: Ransomware encrypts the file servers\n"
	"external_id: R-17\n"
	"owner: ops-lead\n"
	"status: treating\n"
	"cia: [confidentiality, availability]\n"
	"assets: [file servers]\n"
	"threat: ransomware\n"
	"vulnerability: flat network\n"
	"inherent: {likelihood: likely, consequence: major}\n"
	"existing_controls: [\"8.7\"]\n"
	"treatment:\n"
	"  option: mitigate\n"
	"  controls: [\"8.13\"]\n"
	"  actions:\n"
	"    - {id: A1, text: Offline backups, owner: ops-lead, "
	"due: 2026-03-01, status: in-progress}\n"
	"  plan_approved_by: ciso\n"
	"  plan_approved_on: 2026-01-10\n"
	"residual: {likelihood: unlikely, consequence: major}\n"
	"review: {last: 2026-01-10, next: 2026-04-10}\n"
	"loss: {per_year: 0.3, single: 120000, currency: EUR}\n";

struct fixture {
	struct config config;
	struct diag_list config_diags;
	struct diag_list diags;
	struct ynode *front;
	struct risk risk;
	int rc;
};

static struct fixture *
fixture_new(const char *config_text)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	assert_int_equal(config_parse(&f->config, config_text,
	    strlen(config_text), "isms.yaml", &f->config_diags), 0);
	if (f->config_diags.count)
		dump(&f->config_diags);
	assert_int_equal(f->config_diags.count, 0);
	assert_true(f->config.criteria_ok);
	return f;
}

static void
fixture_free(struct fixture *f)
{
	risk_release(&f->risk);
	ynode_free(f->front);
	diag_list_release(&f->diags);
	diag_list_release(&f->config_diags);
	config_release(&f->config);
	free(f);
}

/* Parses `yaml` as risk frontmatter with the config of `f`. */
static void
parse(struct fixture *f, const char *yaml)
{
	struct schema_ctx ctx = { .path = "risks/RSK-001-test.md",
	    .diags = &f->diags };

	risk_release(&f->risk);
	ynode_free(f->front);
	f->front = NULL;
	diag_list_release(&f->diags);
	assert_int_equal(yaml_doc_parse(&f->front, yaml, strlen(yaml),
	    ctx.path, 1, &f->diags), 0);
	f->rc = risk_parse(&f->risk, f->front, &f->config, &ctx);
}

static int
setup_max(void **state)
{
	*state = fixture_new(config_max);
	return 0;
}

static int
setup_mean(void **state)
{
	*state = fixture_new(config_mean);
	return 0;
}

static int
teardown(void **state)
{
	fixture_free(*state);
	return 0;
}

/* The message of the first diagnostic with `rule`, or NULL. */
static const char *
message_of(const struct diag_list *diags, const char *rule)
{
	for (size_t i = 0; i < diags->count; i++)
		if (strcmp(diags->items[i].rule, rule) == 0)
			return diags->items[i].message;
	return NULL;
}

/* Prints every diagnostic, so a failing count shows what fired. */
static void
dump(const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->count; i++)
		print_message("  %zu:%zu [%s] %s\n", diags->items[i].line,
		    diags->items[i].col, diags->items[i].rule,
		    diags->items[i].message);
}

static void
expect_rule(const struct fixture *f, const char *rule, size_t count)
{
	size_t n = diag_count_rule(&f->diags, rule);

	if (n != count)
		dump(&f->diags);
	assert_int_equal(n, count);
}

/*
 * Returns a copy of valid_risk with the line that starts with `prefix`
 * replaced by `line` (or removed when `line` is ""), and `extra` lines
 * appended. The caller frees it.
 */
static char *
variant(const char *prefix, const char *line, const char *extra)
{
	size_t cap = sizeof(valid_risk) + strlen(line) + strlen(extra) + 2;
	char *out = calloc(1, cap);
	const char *p = valid_risk;
	size_t len = 0;
	int replaced = 0;

	assert_non_null(out);
	while (*p) {
		const char *end = strchr(p, '\n');
		size_t n = (size_t)(end - p) + 1;

		if (!replaced && prefix && strncmp(p, prefix,
		    strlen(prefix)) == 0) {
			replaced = 1;
			memcpy(out + len, line, strlen(line));
			len += strlen(line);
		} else {
			memcpy(out + len, p, n);
			len += n;
		}
		p += n;
	}
	memcpy(out + len, extra, strlen(extra));
	if (prefix)
		assert_true(replaced);
	return out;
}

static void
parse_variant(struct fixture *f, const char *prefix, const char *line,
    const char *extra)
{
	char *yaml = variant(prefix, line, extra);

	parse(f, yaml);
	free(yaml);
}

static void
test_risk_parse_valid_quiet(void **state)
{
	struct fixture *f = *state;

	parse(f, valid_risk);
	if (f->diags.count)
		dump(&f->diags);
	assert_int_equal(f->diags.count, 0);
	assert_int_equal(f->rc, 0);
}

static void
test_risk_parse_valid_fields(void **state)
{
	struct fixture *f = *state;
	const struct risk *r = &f->risk;

	parse(f, valid_risk);
	assert_string_equal(r->external_id, "R-17");
	assert_string_equal(r->owner, "ops-lead");
	assert_int_equal(r->status, RISK_TREATING);
	assert_int_equal(r->scope, SCOPE_INFOSEC);
	assert_int_equal(r->cia, CIA_CONFIDENTIALITY | CIA_AVAILABILITY);
	assert_int_equal(r->assets.count, 1);
	assert_int_equal(r->inherent.likelihood, 4);
	assert_int_equal(r->inherent.consequence, 4);
	assert_int_equal(r->residual.likelihood, 2);
	assert_int_equal(r->residual.consequence, 4);
	assert_int_equal(r->existing_controls.count, 1);
	assert_string_equal(r->existing_controls.nodes[0]->value, "8.7");
	assert_true(r->has_treatment);
	assert_int_equal(r->treatment_controls.count, 1);
	assert_int_equal(r->action_count, 1);
	assert_string_equal(r->actions[0].id, "A1");
	assert_int_equal(r->actions[0].status, ACTION_IN_PROGRESS);
	assert_true(r->actions[0].has_due);
	assert_int_equal(r->actions[0].due, date_from_ymd(2026, 3, 1));
	assert_string_equal(r->plan_approved_by, "ciso");
	assert_int_equal(r->plan_approved_on, date_from_ymd(2026, 1, 10));
	assert_true(r->has_review_last);
	assert_true(r->has_review_next);
	assert_int_equal(r->review_next, date_from_ymd(2026, 4, 10));
	assert_int_equal(r->loss.kind, LOSS_SINGLE);
	assert_true(r->loss.per_year == 0.3);
	assert_true(r->loss.single == 120000);
	assert_string_equal(r->loss.currency, "EUR");
}

static void
test_risk_parse_not_a_map(void **state)
{
	struct fixture *f = *state;

	parse(f, "- just\n- a list\n");
	assert_int_equal(f->rc, -1);
	assert_int_equal(diag_count(&f->diags, DIAG_ERROR), 1);
}

static void
test_risk_parse_option_aliases(void **state)
{
	static const struct {
		const char *written;
		enum treatment_option option;
	} cases[] = {
		{ "modify", TREAT_MODIFY },
		{ "mitigate", TREAT_MODIFY },
		{ "retain", TREAT_RETAIN },
		{ "accept", TREAT_RETAIN },
		{ "avoid", TREAT_AVOID },
		{ "share", TREAT_SHARE },
		{ "transfer", TREAT_SHARE },
	};
	struct fixture *f = *state;
	char line[64];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(line, sizeof(line), "  option: %s\n",
		    cases[i].written);
		parse_variant(f, "  option:", line, "");
		assert_int_equal(f->diags.count, 0);
		assert_int_equal(f->risk.option, cases[i].option);
		assert_string_equal(treatment_option_name(f->risk.option),
		    treatment_option_name(cases[i].option));
	}
}

static void
test_risk_parse_rating_forms(void **state)
{
	static const struct {
		const char *inherent;
		int likelihood, consequence;
	} cases[] = {
		{ "inherent: {likelihood: likely, consequence: major}\n",
		  4, 4 },
		{ "inherent: {likelihood: 4, consequence: 4}\n", 4, 4 },
		{ "inherent: {likelihood: '5', consequence: severe}\n", 5, 5 },
		{ "inherent: {likelihood: rare, consequences: "
		  "{financial: minor, legal: major}}\n", 1, 4 },
		{ "inherent: {likelihood: 3, consequences: "
		  "{operational: 5}}\n", 3, 5 },
	};
	struct fixture *f = *state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parse_variant(f, "inherent:", cases[i].inherent, "");
		expect_rule(f, "risk-rating", 0);
		assert_int_equal(f->risk.inherent.likelihood,
		    cases[i].likelihood);
		assert_int_equal(f->risk.inherent.consequence,
		    cases[i].consequence);
	}
}

static void
test_risk_parse_dimensions_stored(void **state)
{
	struct fixture *f = *state;
	const struct rating *r = &f->risk.inherent;

	parse_variant(f, "inherent:", "inherent: {likelihood: likely, "
	    "consequences: {legal: major, financial: minor}}\n", "");
	assert_int_equal(f->diags.count, 0);
	assert_int_equal(r->consequence_count, 3);
	assert_int_equal(r->consequences[0], 2);
	assert_int_equal(r->consequences[1], 4);
	assert_int_equal(r->consequences[2], 0);
}

static void
test_risk_parse_dimensions_mean(void **state)
{
	static const struct {
		const char *consequences;
		int expected;
	} cases[] = {
		{ "{financial: minor, legal: major}", 3 },
		{ "{financial: minor, legal: moderate}", 3 },
		{ "{financial: minor, legal: minor, operational: major}", 3 },
		{ "{financial: negligible, legal: minor, operational: minor}",
		  2 },
		{ "{legal: severe}", 5 },
	};
	struct fixture *f = *state;
	char line[160];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(line, sizeof(line), "inherent: {likelihood: likely, "
		    "consequences: %s}\n", cases[i].consequences);
		parse_variant(f, "inherent:", line, "");
		expect_rule(f, "risk-rating", 0);
		assert_int_equal(f->risk.inherent.consequence,
		    cases[i].expected);
	}
}

static void
test_risk_parse_rating_out_of_range(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "inherent:",
	    "inherent: {likelihood: '9', consequence: major}\n", "");
	expect_rule(f, "risk-rating", 1);
	assert_string_equal(message_of(&f->diags, "risk-rating"),
	    "likelihood '9' is not on the scale; use 1 to 5 or one of rare, "
	    "unlikely, possible, likely, almost-certain");
	assert_int_equal(f->risk.inherent.likelihood, 0);
	assert_false(rating_usable(&f->risk.inherent));
	assert_int_equal(f->rc, 0);
}

static void
test_risk_parse_rating_misspelt(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "inherent:",
	    "inherent: {likelihood: likley, consequence: major}\n", "");
	expect_rule(f, "risk-rating", 1);
	assert_non_null(strstr(message_of(&f->diags, "risk-rating"),
	    "did you mean 'likely'?"));
}

static void
test_risk_parse_rating_zero_position(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "inherent:",
	    "inherent: {likelihood: 0, consequence: major}\n", "");
	expect_rule(f, "risk-rating", 1);
}

static void
test_risk_parse_dimension_rating_unknown(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "inherent:", "inherent: {likelihood: likely, "
	    "consequences: {financial: huge}}\n", "");
	expect_rule(f, "risk-rating", 1);
	assert_non_null(strstr(message_of(&f->diags, "risk-rating"),
	    "consequence 'financial'"));
	assert_int_equal(f->risk.inherent.consequence, 0);
}

static void
test_risk_parse_dimension_unknown(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "inherent:", "inherent: {likelihood: likely, "
	    "consequences: {financial: minor, privacy: major}}\n", "");
	expect_rule(f, "unknown-key", 1);
}

static void
test_risk_parse_both_consequence_forms(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "inherent:", "inherent: {likelihood: likely, "
	    "consequence: major, consequences: {legal: minor}}\n", "");
	expect_rule(f, "risk-rating", 1);
}

static void
test_risk_parse_no_consequence(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "inherent:", "inherent: {likelihood: likely}\n", "");
	expect_rule(f, "missing-field", 1);
	assert_false(rating_usable(&f->risk.inherent));
}

static void
test_risk_parse_recorded_level_and_score(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "inherent:", "inherent: {likelihood: likely, "
	    "consequence: major, level: High, score: 16}\n", "");
	assert_int_equal(f->diags.count, 0);
	assert_string_equal(f->risk.inherent.recorded_level, "High");
	assert_true(f->risk.inherent.has_recorded_score);
	assert_int_equal(f->risk.inherent.recorded_score, 16);
}

static void
test_risk_parse_unknown_key(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, NULL, "", "ownr: ciso\n");
	expect_rule(f, "unknown-key", 1);
}

static void
test_risk_parse_missing_rating_fires(void **state)
{
	struct fixture *f = *state;

	parse(f, "owner: ops-lead\nstatus: assessed\ncia: [integrity]\n");
	expect_rule(f, "risk-missing-rating", 1);
}

static void
test_risk_parse_missing_rating_quiet(void **state)
{
	struct fixture *f = *state;

	parse(f, "owner: ops-lead\nstatus: identified\ncia: [integrity]\n");
	expect_rule(f, "risk-missing-rating", 0);
	assert_int_equal(f->diags.count, 0);
}

static void
test_risk_parse_missing_treatment(void **state)
{
	static const struct {
		const char *status;
		const char *extra;
		size_t expected;
	} cases[] = {
		{ "assessed", "", 0 },
		{ "treating", "", 1 },
		{ "treating", "treatment: {option: retain}\n", 0 },
		{ "accepted", "", 1 },
		{ "accepted", "treatment: {option: retain}\n", 0 },
		{ "accepted", "acceptance: {by: [ops-lead], date: 2026-01-01, "
		  "rating: {likelihood: rare, consequence: minor}}\n", 0 },
		{ "closed", "", 1 },
		{ "closed", "treatment: {option: avoid}\n", 0 },
	};
	struct fixture *f = *state;
	char yaml[512];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(yaml, sizeof(yaml), "owner: ops-lead\nstatus: %s\n"
		    "cia: [integrity]\n"
		    "inherent: {likelihood: rare, consequence: minor}\n%s",
		    cases[i].status, cases[i].extra);
		parse(f, yaml);
		expect_rule(f, "risk-missing-treatment", cases[i].expected);
	}
}

static void
test_risk_parse_residual_above_likelihood(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "residual:",
	    "residual: {likelihood: almost-certain, consequence: major}\n", "");
	expect_rule(f, "risk-residual-above-inherent", 1);
	assert_non_null(strstr(message_of(&f->diags,
	    "risk-residual-above-inherent"), "likelihood 'almost-certain'"));
}

static void
test_risk_parse_residual_above_consequence(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "residual:",
	    "residual: {likelihood: rare, consequence: severe}\n", "");
	expect_rule(f, "risk-residual-above-inherent", 1);
}

static void
test_risk_parse_residual_equal_quiet(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "residual:",
	    "residual: {likelihood: likely, consequence: major}\n", "");
	expect_rule(f, "risk-residual-above-inherent", 0);
	expect_rule(f, "risk-residual-without-treatment", 0);
}

static void
test_risk_parse_residual_without_treatment(void **state)
{
	struct fixture *f = *state;

	parse(f, "owner: ops-lead\nstatus: assessed\ncia: [integrity]\n"
	    "inherent: {likelihood: likely, consequence: major}\n"
	    "residual: {likelihood: rare, consequence: major}\n");
	expect_rule(f, "risk-residual-without-treatment", 1);
}

static void
test_risk_parse_residual_with_controls_quiet(void **state)
{
	struct fixture *f = *state;

	parse(f, "owner: ops-lead\nstatus: treating\ncia: [integrity]\n"
	    "inherent: {likelihood: likely, consequence: major}\n"
	    "treatment: {option: modify, controls: [\"8.13\"]}\n"
	    "residual: {likelihood: rare, consequence: major}\n");
	expect_rule(f, "risk-residual-without-treatment", 0);
}

static void
test_risk_parse_residual_with_actions_quiet(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "  controls:", "", "");
	expect_rule(f, "risk-residual-without-treatment", 0);
	assert_int_equal(f->risk.treatment_controls.count, 0);
}

static void
test_risk_parse_action_incomplete(void **state)
{
	static const struct {
		const char *action;
		size_t expected;
		const char *missing;
	} cases[] = {
		{ "{id: A1, text: t, owner: ops-lead, due: 2026-03-01}", 0,
		  NULL },
		{ "{id: A1, text: t, due: 2026-03-01}", 1, "no owner;" },
		{ "{id: A1, text: t, owner: ops-lead}", 1, "no due date;" },
		{ "{id: A1, text: t}", 1, "no owner and no due date" },
		{ "{text: t}", 1, "action 1 has no id, no owner and no due "
		  "date;" },
		{ "{text: t, owner: ops-lead, due: 2026-03-01}", 1,
		  "action 1 has no id;" },
		{ "{id: \"  \", text: t, owner: ops-lead, due: 2026-03-01}",
		  1, "action 1 has no id;" },
		{ "{id: A1, owner: ops-lead, due: 2026-03-01}", 1,
		  "action 'A1' has no text;" },
		{ "{id: A1, text: \" \", owner: ops-lead, due: 2026-03-01}",
		  1, "action 'A1' has no text;" },
		{ "{owner: ops-lead}", 1, "action 1 has no id, no text and no "
		  "due date; every action needs an 'id', a 'text', an 'owner' "
		  "and a 'due' date" },
	};
	struct fixture *f = *state;
	char line[160];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(line, sizeof(line), "    - %s\n", cases[i].action);
		parse_variant(f, "    - {id: A1", line, "");
		expect_rule(f, "risk-action-incomplete", cases[i].expected);
		if (cases[i].missing)
			assert_non_null(strstr(message_of(&f->diags,
			    "risk-action-incomplete"), cases[i].missing));
	}
}

static void
test_risk_parse_action_duplicate_id(void **state)
{
	struct fixture *f = *state;
	const struct diag *d;

	parse_variant(f, "    - {id: A1", "    - {id: A1, text: t, "
	    "owner: ops-lead, due: 2026-03-01}\n"
	    "    - {id: A2, text: u, owner: ops-lead, due: 2026-04-01}\n"
	    "    - {id: A1, text: v, owner: ops-lead, due: 2026-05-01}\n",
	    "");
	expect_rule(f, "risk-duplicate-entry", 1);
	d = &f->diags.items[0];
	assert_int_equal(d->severity, DIAG_ERROR);
	assert_int_equal(d->line, 19);
	assert_string_equal(d->message, "action 3 has the id 'A1' of action "
	    "1; give each action its own id");
}

static void
test_risk_parse_action_distinct_ids_quiet(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "    - {id: A1", "    - {id: A1, text: t, "
	    "owner: ops-lead, due: 2026-03-01}\n"
	    "    - {id: A2, text: u, owner: ops-lead, due: 2026-04-01}\n",
	    "");
	expect_rule(f, "risk-duplicate-entry", 0);
	assert_int_equal(f->risk.action_count, 2);
}

static void
test_risk_parse_duplicate_controls(void **state)
{
	struct fixture *f = *state;
	const struct diag *d;

	parse_variant(f, "  controls:", "  controls: [\"8.13\", \"8.7\", "
	    "\"8.13\"]\n", "");
	expect_rule(f, "risk-duplicate-entry", 1);
	d = &f->diags.items[0];
	assert_int_equal(d->severity, DIAG_WARNING);
	assert_string_equal(d->message, "control '8.13' is listed twice in "
	    "'treatment.controls'; remove the repeat");

	parse_variant(f, "existing_controls:", "existing_controls: "
	    "[\"8.7\", \"8.7\"]\n", "");
	expect_rule(f, "risk-duplicate-entry", 1);
	assert_non_null(strstr(message_of(&f->diags, "risk-duplicate-entry"),
	    "'existing_controls'"));
}

static void
test_risk_parse_distinct_controls_quiet(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "  controls:", "  controls: [\"8.13\", \"8.7\"]\n",
	    "");
	expect_rule(f, "risk-duplicate-entry", 0);
	assert_int_equal(f->risk.treatment_controls.count, 2);
}

static void
test_risk_parse_cia_missing(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "cia:", "", "");
	expect_rule(f, "risk-cia", 1);
}

static void
test_risk_parse_cia_empty(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "cia:", "cia: []\n", "");
	expect_rule(f, "risk-cia", 1);
}

static void
test_risk_parse_cia_isms_scope_quiet(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "cia:", "scope: isms\n", "");
	expect_rule(f, "risk-cia", 0);
	assert_int_equal(f->risk.scope, SCOPE_ISMS);
}

static void
test_risk_parse_cia_unknown_value(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "cia:", "cia: [confidentiality, privacy]\n", "");
	expect_rule(f, "invalid-value", 1);
	assert_int_equal(f->risk.cia, CIA_CONFIDENTIALITY);
}

static void
test_risk_parse_loss_range(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "loss:", "loss: {per_year: 0.1, low: 50000, "
	    "high: 2000000, currency: EUR}\n", "");
	assert_int_equal(f->diags.count, 0);
	assert_int_equal(f->risk.loss.kind, LOSS_RANGE);
	assert_true(f->risk.loss.low == 50000);
	assert_true(f->risk.loss.high == 2000000);
}

static void
test_risk_parse_loss_invalid(void **state)
{
	static const char *const cases[] = {
		"loss: {per_year: 0.1, low: 5000, high: 100}\n",
		"loss: {per_year: 0.1, single: 5, low: 1, high: 2}\n",
		"loss: {per_year: 0.1, low: 0, high: 2}\n",
	};
	struct fixture *f = *state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parse_variant(f, "loss:", cases[i], "");
		expect_rule(f, "invalid-value", 1);
		assert_int_equal(f->risk.loss.kind, LOSS_NONE);
	}
}

static void
test_risk_parse_loss_no_amount(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, "loss:", "loss: {per_year: 0.1}\n", "");
	expect_rule(f, "missing-field", 1);
	assert_int_equal(f->risk.loss.kind, LOSS_NONE);
}

static void
test_risk_parse_acceptance_fields(void **state)
{
	struct fixture *f = *state;
	const struct acceptance *a = &f->risk.acceptance;

	parse_variant(f, NULL, "", "acceptance:\n"
	    "  by: [ops-lead, ciso]\n"
	    "  date: 2026-01-15\n"
	    "  until: 2026-07-15\n"
	    "  rationale: Backups restore within a day\n"
	    "  rating: {likelihood: unlikely, consequence: major}\n");
	assert_int_equal(f->diags.count, 0);
	assert_true(a->present);
	assert_int_equal(a->by.count, 2);
	assert_string_equal(a->by.nodes[1]->value, "ciso");
	assert_int_equal(a->date, date_from_ymd(2026, 1, 15));
	assert_true(a->has_until);
	assert_int_equal(a->rating.likelihood, 2);
	assert_int_equal(a->rating.consequence, 4);
}

/*
 * An `until` before `date` is judged with the rest of the acceptance by
 * acceptance_judge() and reported by assess_risks(), so parsing stores it.
 */
static void
test_risk_parse_acceptance_until_before_date(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, NULL, "", "acceptance:\n"
	    "  by: ops-lead\n"
	    "  date: 2026-01-15\n"
	    "  until: 2025-12-31\n"
	    "  rating: {likelihood: unlikely, consequence: major}\n");
	expect_rule(f, "invalid-value", 0);
	assert_true(f->risk.acceptance.has_until);
	assert_int_equal(f->risk.acceptance.until, date_from_ymd(2025, 12, 31));
	assert_int_equal(f->risk.acceptance.by.count, 1);
}

static void
test_risk_parse_acceptance_duplicate_signer(void **state)
{
	struct fixture *f = *state;
	const struct diag *d;

	parse_variant(f, NULL, "", "acceptance:\n"
	    "  by: [ciso, ops-lead, ciso]\n"
	    "  date: 2026-01-15\n"
	    "  rating: {likelihood: unlikely, consequence: major}\n");
	expect_rule(f, "acceptance-duplicate-signer", 1);
	d = &f->diags.items[0];
	assert_int_equal(d->severity, DIAG_WARNING);
	assert_int_equal(d->col, 24);
	assert_string_equal(d->message, "'ciso' signs the acceptance twice, "
	    "but counts once; name the other signer the level needs, or "
	    "remove the repeat");
}

static void
test_risk_parse_acceptance_distinct_signers_quiet(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, NULL, "", "acceptance:\n"
	    "  by: [ciso, ops-lead]\n"
	    "  date: 2026-01-15\n"
	    "  rating: {likelihood: unlikely, consequence: major}\n");
	expect_rule(f, "acceptance-duplicate-signer", 0);
	assert_int_equal(f->risk.acceptance.by.count, 2);
}

static void
test_risk_parse_acceptance_without_rating(void **state)
{
	struct fixture *f = *state;

	parse_variant(f, NULL, "", "acceptance: {by: [ops-lead], "
	    "date: 2026-01-15}\n");
	expect_rule(f, "missing-field", 1);
	assert_false(rating_usable(&f->risk.acceptance.rating));
}

static void
test_risk_parse_status_names(void **state)
{
	(void)state;
	assert_string_equal(risk_status_name(RISK_IDENTIFIED), "identified");
	assert_string_equal(risk_status_name(RISK_CLOSED), "closed");
	assert_string_equal(action_status_name(ACTION_IN_PROGRESS),
	    "in-progress");
}

#define RISK_TEST(name) \
	cmocka_unit_test_setup_teardown(name, setup_max, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		RISK_TEST(test_risk_parse_valid_quiet),
		RISK_TEST(test_risk_parse_valid_fields),
		RISK_TEST(test_risk_parse_not_a_map),
		RISK_TEST(test_risk_parse_option_aliases),
		RISK_TEST(test_risk_parse_rating_forms),
		RISK_TEST(test_risk_parse_dimensions_stored),
		cmocka_unit_test_setup_teardown(
		    test_risk_parse_dimensions_mean, setup_mean, teardown),
		RISK_TEST(test_risk_parse_rating_out_of_range),
		RISK_TEST(test_risk_parse_rating_misspelt),
		RISK_TEST(test_risk_parse_rating_zero_position),
		RISK_TEST(test_risk_parse_dimension_rating_unknown),
		RISK_TEST(test_risk_parse_dimension_unknown),
		RISK_TEST(test_risk_parse_both_consequence_forms),
		RISK_TEST(test_risk_parse_no_consequence),
		RISK_TEST(test_risk_parse_recorded_level_and_score),
		RISK_TEST(test_risk_parse_unknown_key),
		RISK_TEST(test_risk_parse_missing_rating_fires),
		RISK_TEST(test_risk_parse_missing_rating_quiet),
		RISK_TEST(test_risk_parse_missing_treatment),
		RISK_TEST(test_risk_parse_residual_above_likelihood),
		RISK_TEST(test_risk_parse_residual_above_consequence),
		RISK_TEST(test_risk_parse_residual_equal_quiet),
		RISK_TEST(test_risk_parse_residual_without_treatment),
		RISK_TEST(test_risk_parse_residual_with_controls_quiet),
		RISK_TEST(test_risk_parse_residual_with_actions_quiet),
		RISK_TEST(test_risk_parse_action_incomplete),
		RISK_TEST(test_risk_parse_action_duplicate_id),
		RISK_TEST(test_risk_parse_action_distinct_ids_quiet),
		RISK_TEST(test_risk_parse_duplicate_controls),
		RISK_TEST(test_risk_parse_distinct_controls_quiet),
		RISK_TEST(test_risk_parse_cia_missing),
		RISK_TEST(test_risk_parse_cia_empty),
		RISK_TEST(test_risk_parse_cia_isms_scope_quiet),
		RISK_TEST(test_risk_parse_cia_unknown_value),
		RISK_TEST(test_risk_parse_loss_range),
		RISK_TEST(test_risk_parse_loss_invalid),
		RISK_TEST(test_risk_parse_loss_no_amount),
		RISK_TEST(test_risk_parse_acceptance_fields),
		RISK_TEST(test_risk_parse_acceptance_until_before_date),
		RISK_TEST(test_risk_parse_acceptance_duplicate_signer),
		RISK_TEST(test_risk_parse_acceptance_distinct_signers_quiet),
		RISK_TEST(test_risk_parse_acceptance_without_rating),
		RISK_TEST(test_risk_parse_status_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
