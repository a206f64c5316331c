#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "criteria.h"
#include "diag.h"
#include "schema.h"
#include "yaml_doc.h"
#include "banned.h"

/* The risk criteria of the isms.yaml example: a 5×5 matrix. */
static const char spec_criteria[] =
	"likelihood:\n"
	"  - {name: rare,     description: Less than once in ten years}\n"
	"  - {name: unlikely, description: Once in three to ten years}\n"
	"  - {name: possible, description: Once in one to three years}\n"
	"  - {name: likely,   description: Once a year or more}\n"
	"  - {name: almost-certain, description: Several times a year}\n"
	"consequence:\n"
	"  dimensions: [financial, legal, operational, reputational]\n"
	"  scale:\n"
	"    - {name: negligible}\n"
	"    - {name: minor}\n"
	"    - {name: moderate}\n"
	"    - {name: major}\n"
	"    - {name: severe}\n"
	"method: matrix\n"
	"matrix:\n"
	"  - [low,    low,    low,    medium, medium]\n"
	"  - [low,    low,    medium, medium, high]\n"
	"  - [low,    medium, medium, high,   high]\n"
	"  - [medium, medium, high,   high,   critical]\n"
	"  - [medium, high,   high,   critical, critical]\n"
	"consequence_aggregate: max\n"
	"levels:\n"
	"  - {name: low, from: 1, accept: [risk-owner], "
	"review_every: 12 months}\n"
	"  - {name: medium, from: 5, accept: [risk-owner, risk-approver], "
	"review_every: 6 months, acceptance_valid_for: 12 months}\n"
	"  - {name: high, from: 10, accept: [risk-owner, top-management], "
	"review_every: 3 months, acceptance_valid_for: 6 months, "
	"treat_within: 90 days}\n"
	"  - {name: critical, from: 17, accept: never, review_every: 1 month, "
	"treat_within: 30 days}\n"
	"acceptance_threshold: low\n";

/*
 * A non-square matrix in the shape of GitLab's StORM methodology: six
 * likelihood steps, five impact steps, three levels.
 */
#define STORM_SCALES \
	"likelihood:\n" \
	"  - very-unlikely\n" \
	"  - unlikely\n" \
	"  - possible\n" \
	"  - likely\n" \
	"  - very-likely\n" \
	"  - almost-certain\n" \
	"consequence:\n" \
	"  - {name: very-low}\n" \
	"  - {name: low}\n" \
	"  - {name: moderate}\n" \
	"  - {name: high}\n" \
	"  - {name: very-high}\n"

#define STORM_LEVELS \
	"levels:\n" \
	"  - {name: LOW, from: 1, accept: [risk-owner]}\n" \
	"  - {name: MODERATE, from: 5, accept: [risk-owner, security]}\n" \
	"  - {name: HIGH, from: 17, accept: [security, executive]}\n" \
	"acceptance_threshold: LOW\n"

static const char storm_matrix_criteria[] =
	STORM_SCALES
	"matrix:\n"
	"  - [LOW,      LOW,      LOW,      LOW,      MODERATE]\n"
	"  - [LOW,      LOW,      MODERATE, MODERATE, MODERATE]\n"
	"  - [LOW,      MODERATE, MODERATE, MODERATE, MODERATE]\n"
	"  - [LOW,      MODERATE, MODERATE, MODERATE, HIGH]\n"
	"  - [MODERATE, MODERATE, MODERATE, HIGH,     HIGH]\n"
	"  - [MODERATE, MODERATE, HIGH,     HIGH,     HIGH]\n"
	STORM_LEVELS;

/* The same levels as score bands over likelihood × impact. */
static const char storm_product_criteria[] =
	STORM_SCALES
	"method: product\n"
	STORM_LEVELS;

/* Expected StORM level per likelihood (row) and impact (column). */
static const char *const storm_cells[6][5] = {
	{ "LOW", "LOW", "LOW", "LOW", "MODERATE" },
	{ "LOW", "LOW", "MODERATE", "MODERATE", "MODERATE" },
	{ "LOW", "MODERATE", "MODERATE", "MODERATE", "MODERATE" },
	{ "LOW", "MODERATE", "MODERATE", "MODERATE", "HIGH" },
	{ "MODERATE", "MODERATE", "MODERATE", "HIGH", "HIGH" },
	{ "MODERATE", "MODERATE", "HIGH", "HIGH", "HIGH" },
};

/* A register that scores likelihood values 20..100 × impact 1..6. */
static const char product_criteria[] =
	"likelihood:\n"
	"  - {name: rare, value: 20}\n"
	"  - {name: unlikely, value: 40}\n"
	"  - {name: possible, value: 60}\n"
	"  - {name: likely, value: 80}\n"
	"  - {name: almost-certain, value: 100}\n"
	"consequence:\n"
	"  scale: [negligible, minor, moderate, significant, major, severe]\n"
	"method: product\n"
	"levels:\n"
	"  - {name: minimal, from: 1}\n"
	"  - {name: low, from: 50, accept: [risk-owner]}\n"
	"  - {name: medium, from: 100, accept: [risk-owner, ciso]}\n"
	"  - {name: high, from: 200, accept: [ciso, board]}\n"
	"  - {name: critical, from: 400, accept: never}\n"
	"acceptance_threshold: minimal\n";

static const char sum_criteria[] =
	"likelihood: [rare, possible, likely, frequent]\n"
	"consequence: [minor, moderate, major, severe]\n"
	"method: sum\n"
	"levels:\n"
	"  - {name: low, from: 2}\n"
	"  - {name: medium, from: 4, accept: [risk-owner]}\n"
	"  - {name: high, from: 6, accept: [risk-owner, ciso]}\n"
	"  - {name: critical, from: 8, accept: never}\n"
	"acceptance_threshold: low\n";

/*
 * Pieces of a small valid criteria map. Each rule case below replaces one
 * of them with a broken version.
 */
#define SCALES_3 \
	"likelihood: [rare, possible, likely]\n" \
	"consequence: [minor, moderate, major]\n"
#define MATRIX_3 \
	"matrix:\n" \
	"  - [low, low, medium]\n" \
	"  - [low, medium, high]\n" \
	"  - [medium, high, high]\n"
#define LEVELS_3 \
	"levels:\n" \
	"  - {name: low, from: 1}\n" \
	"  - {name: medium, from: 3, accept: [risk-owner]}\n" \
	"  - {name: high, from: 6, accept: never}\n"
#define THRESHOLD "acceptance_threshold: low\n"

static const char small_criteria[] = SCALES_3 MATRIX_3 LEVELS_3 THRESHOLD;

/* A parsed YAML text and the criteria read from it. */
struct parsed {
	struct ynode *doc;
	struct criteria criteria;
	struct diag_list diags;
	int rc;
};

static void
print_diags(const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->count; i++) {
		const struct diag *d = &diags->items[i];

		print_message("  %zu:%zu: %s: %s [%s]\n", d->line, d->col,
		    d->severity == DIAG_ERROR ? "error" :
		    d->severity == DIAG_WARNING ? "warning" : "note",
		    d->message, d->rule);
	}
}

static void
parse(struct parsed *p, const char *yaml)
{
	struct schema_ctx ctx = { "isms.yaml", NULL, NULL };
	struct criteria empty = CRITERIA_INIT;
	int rc;

	memset(p, 0, sizeof(*p));
	p->criteria = empty;
	ctx.diags = &p->diags;

	rc = yaml_doc_parse(&p->doc, yaml, strlen(yaml), "isms.yaml", 0,
	    &p->diags);
	if (rc != 0)
		print_diags(&p->diags);
	assert_int_equal(rc, 0);

	p->rc = criteria_parse(&p->criteria, p->doc, &ctx);
}

static void
release(struct parsed *p)
{
	criteria_release(&p->criteria);
	ynode_free(p->doc);
	diag_list_release(&p->diags);
}

/* Fails, listing every diagnostic, unless there are none. */
static void
assert_quiet(const struct parsed *p)
{
	if (p->diags.count)
		print_diags(&p->diags);
	assert_int_equal(p->diags.count, 0);
	assert_int_equal(p->rc, 0);
}

/* The first diagnostic with rule id `rule`; fails when there is none. */
static const struct diag *
find_diag(const struct parsed *p, const char *rule)
{
	for (size_t i = 0; i < p->diags.count; i++)
		if (strcmp(p->diags.items[i].rule, rule) == 0)
			return &p->diags.items[i];
	print_message("no diagnostic '%s' among:\n", rule);
	print_diags(&p->diags);
	fail();
	return NULL;
}

/* Fails, showing the message, unless it contains `text`. */
static void
assert_message_has(const struct diag *d, const char *text)
{
	if (!strstr(d->message, text))
		print_message("message \"%s\" lacks \"%s\"\n", d->message,
		    text);
	assert_non_null(strstr(d->message, text));
}

static const char *
level_at(const struct criteria *criteria, int l, int c, long *score)
{
	return criteria->levels[criteria_level(criteria, l, c, score)].name;
}

static void
test_criteria_parse_spec_example(void **state)
{
	struct parsed p;
	const struct criteria *c = &p.criteria;

	(void)state;
	parse(&p, spec_criteria);
	assert_quiet(&p);

	assert_int_equal(c->likelihood.count, 5);
	assert_int_equal(c->consequence.count, 5);
	assert_string_equal(c->likelihood.entries[4].name, "almost-certain");
	assert_string_equal(c->likelihood.entries[0].description,
	    "Less than once in ten years");
	assert_null(c->consequence.entries[0].description);
	assert_int_equal(c->likelihood.entries[2].value, 3);
	assert_int_equal(c->dimension_count, 4);
	assert_string_equal(c->dimensions[3], "reputational");
	assert_int_equal(c->method, METHOD_MATRIX);
	assert_int_equal(c->aggregate, AGGREGATE_MAX);
	assert_int_equal(c->level_count, 4);
	assert_int_equal(c->acceptance_threshold, 0);
	release(&p);
}

static void
test_criteria_parse_spec_levels(void **state)
{
	struct parsed p;
	const struct level *levels;

	(void)state;
	parse(&p, spec_criteria);
	assert_quiet(&p);
	levels = p.criteria.levels;

	assert_string_equal(levels[0].name, "low");
	assert_int_equal(levels[0].accept_count, 1);
	assert_string_equal(levels[0].accept[0], ROLE_RISK_OWNER);
	assert_true(levels[0].has_review_every);
	assert_int_equal(levels[0].review_every.count, 12);
	assert_int_equal(levels[0].review_every.unit, DURATION_MONTHS);
	assert_false(levels[0].has_acceptance_valid_for);

	assert_int_equal(levels[1].accept_count, 2);
	assert_string_equal(levels[1].accept[1], "risk-approver");
	assert_true(levels[1].has_acceptance_valid_for);
	assert_int_equal(levels[1].acceptance_valid_for.count, 12);

	assert_true(levels[2].has_treat_within);
	assert_int_equal(levels[2].treat_within.count, 90);
	assert_int_equal(levels[2].treat_within.unit, DURATION_DAYS);
	assert_true(levels[2].has_from);
	assert_int_equal(levels[2].from, 10);

	assert_true(levels[3].accept_never);
	assert_int_equal(levels[3].accept_count, 0);
	assert_int_equal(levels[3].review_every.count, 1);
	release(&p);
}

static void
test_criteria_level_spec_matrix(void **state)
{
	static const char *const cells[5][5] = {
		{ "low", "low", "low", "medium", "medium" },
		{ "low", "low", "medium", "medium", "high" },
		{ "low", "medium", "medium", "high", "high" },
		{ "medium", "medium", "high", "high", "critical" },
		{ "medium", "high", "high", "critical", "critical" },
	};
	struct parsed p;

	(void)state;
	parse(&p, spec_criteria);
	assert_quiet(&p);

	for (int l = 1; l <= 5; l++) {
		for (int c = 1; c <= 5; c++) {
			long score = -1;

			assert_string_equal(level_at(&p.criteria, l, c, &score),
			    cells[l - 1][c - 1]);
			assert_int_equal(score, 0);
		}
	}
	release(&p);
}

static void
test_criteria_level_storm_matrix(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, storm_matrix_criteria);
	assert_quiet(&p);
	assert_int_equal(p.criteria.likelihood.count, 6);
	assert_int_equal(p.criteria.consequence.count, 5);

	for (int l = 1; l <= 6; l++)
		for (int c = 1; c <= 5; c++)
			assert_string_equal(level_at(&p.criteria, l, c, NULL),
			    storm_cells[l - 1][c - 1]);
	release(&p);
}

/* The StORM bands over likelihood × impact give the same 30 cells. */
static void
test_criteria_level_storm_product(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, storm_product_criteria);
	assert_quiet(&p);

	for (int l = 1; l <= 6; l++) {
		for (int c = 1; c <= 5; c++) {
			long score = 0;

			assert_string_equal(level_at(&p.criteria, l, c, &score),
			    storm_cells[l - 1][c - 1]);
			assert_int_equal(score, l * c);
		}
	}
	release(&p);
}

static void
test_criteria_level_product_values(void **state)
{
	static const struct {
		int l, c;
		long score;
		const char *level;
	} cases[] = {
		{ 4, 6, 480, "critical" },
		{ 2, 1, 40, "minimal" },
		{ 1, 1, 20, "minimal" },
		{ 1, 3, 60, "low" },
		{ 3, 2, 120, "medium" },
		{ 5, 2, 200, "high" },
		{ 5, 4, 400, "critical" },
		{ 5, 6, 600, "critical" },
	};
	struct parsed p;

	(void)state;
	parse(&p, product_criteria);
	assert_quiet(&p);
	assert_int_equal(p.criteria.method, METHOD_PRODUCT);
	assert_int_equal(p.criteria.likelihood.entries[3].value, 80);
	assert_int_equal(p.criteria.consequence.entries[5].value, 6);

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		long score = 0;
		const char *level = level_at(&p.criteria, cases[i].l,
		    cases[i].c, &score);

		print_message("likelihood %d, consequence %d\n", cases[i].l,
		    cases[i].c);
		assert_int_equal(score, cases[i].score);
		assert_string_equal(level, cases[i].level);
	}
	release(&p);
}

static void
test_criteria_level_sum(void **state)
{
	static const struct {
		int l, c;
		long score;
		const char *level;
	} cases[] = {
		{ 1, 1, 2, "low" },
		{ 1, 2, 3, "low" },
		{ 2, 2, 4, "medium" },
		{ 3, 2, 5, "medium" },
		{ 4, 3, 7, "high" },
		{ 4, 4, 8, "critical" },
	};
	struct parsed p;

	(void)state;
	parse(&p, sum_criteria);
	assert_quiet(&p);
	assert_int_equal(p.criteria.method, METHOD_SUM);

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		long score = 0;
		const char *level = level_at(&p.criteria, cases[i].l,
		    cases[i].c, &score);

		print_message("likelihood %d, consequence %d\n", cases[i].l,
		    cases[i].c);
		assert_int_equal(score, cases[i].score);
		assert_string_equal(level, cases[i].level);
	}
	release(&p);
}

static void
test_criteria_parse_consequence_sequence(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, small_criteria);
	assert_quiet(&p);
	assert_int_equal(p.criteria.consequence.count, 3);
	assert_string_equal(p.criteria.consequence.entries[2].name, "major");
	assert_int_equal(p.criteria.dimension_count, 0);
	release(&p);
}

static void
test_criteria_parse_defaults(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, small_criteria);
	assert_quiet(&p);
	assert_int_equal(p.criteria.method, METHOD_MATRIX);
	assert_int_equal(p.criteria.aggregate, AGGREGATE_MAX);
	assert_false(p.criteria.levels[0].has_review_every);
	assert_false(p.criteria.levels[0].accept_never);
	release(&p);
}

static void
test_criteria_parse_aggregate_mean(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, SCALES_3 MATRIX_3 LEVELS_3 THRESHOLD
	    "consequence_aggregate: mean\n");
	assert_quiet(&p);
	assert_int_equal(p.criteria.aggregate, AGGREGATE_MEAN);
	release(&p);
}

static void
test_criteria_parse_accept_scalar_role(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, SCALES_3 MATRIX_3
	    "levels:\n"
	    "  - {name: low}\n"
	    "  - {name: medium, accept: ciso}\n"
	    "  - {name: high, accept: never}\n"
	    THRESHOLD);
	assert_quiet(&p);
	assert_int_equal(p.criteria.levels[1].accept_count, 1);
	assert_string_equal(p.criteria.levels[1].accept[0], "ciso");
	release(&p);
}

/* Every valid fixture parses without a single diagnostic. */
static void
test_criteria_parse_valid_quiet(void **state)
{
	static const char *const fixtures[] = {
		spec_criteria, storm_matrix_criteria, storm_product_criteria,
		product_criteria, sum_criteria, small_criteria,
	};

	(void)state;
	for (size_t i = 0; i < sizeof(fixtures) / sizeof(*fixtures); i++) {
		struct parsed p;

		print_message("fixture %zu\n", i);
		parse(&p, fixtures[i]);
		assert_quiet(&p);
		release(&p);
	}
}

/* One problem per row, with the rule it must trigger. */
static const struct rule_case {
	const char *name;
	const char *yaml;
	const char *rule;
	enum diag_severity severity;
	int usable;		/* criteria_parse() returns 0 */
} rule_cases[] = {
	{ "empty likelihood scale",
	  "likelihood: []\n"
	  "consequence: [minor, moderate, major]\n"
	  "matrix: []\n" LEVELS_3 THRESHOLD,
	  "criteria-scale", DIAG_ERROR, 0 },
	{ "duplicate consequence name",
	  "likelihood: [rare, possible, likely]\n"
	  "consequence: [minor, minor, major]\n"
	  MATRIX_3 LEVELS_3 THRESHOLD,
	  "criteria-scale", DIAG_ERROR, 0 },
	{ "values not increasing",
	  "likelihood:\n"
	  "  - {name: rare, value: 5}\n"
	  "  - {name: possible, value: 5}\n"
	  "  - {name: likely, value: 9}\n"
	  "consequence: [minor, moderate, major]\n"
	  "method: product\n" LEVELS_3 THRESHOLD,
	  "criteria-scale", DIAG_ERROR, 0 },
	{ "value on some entries only",
	  "likelihood:\n"
	  "  - {name: rare, value: 1}\n"
	  "  - {name: possible}\n"
	  "  - {name: likely, value: 3}\n"
	  "consequence: [minor, moderate, major]\n"
	  "method: product\n" LEVELS_3 THRESHOLD,
	  "criteria-scale", DIAG_ERROR, 0 },
	{ "duplicate level",
	  SCALES_3 MATRIX_3
	  "levels:\n"
	  "  - {name: low}\n"
	  "  - {name: medium, accept: [risk-owner]}\n"
	  "  - {name: high, accept: never}\n"
	  "  - {name: medium, accept: [risk-owner]}\n" THRESHOLD,
	  "criteria-scale", DIAG_ERROR, 0 },
	{ "empty levels",
	  SCALES_3 MATRIX_3 "levels: []\n" THRESHOLD,
	  "criteria-scale", DIAG_ERROR, 0 },
	{ "duplicate dimension",
	  "likelihood: [rare, possible, likely]\n"
	  "consequence:\n"
	  "  dimensions: [legal, legal]\n"
	  "  scale: [minor, moderate, major]\n"
	  MATRIX_3 LEVELS_3 THRESHOLD,
	  "criteria-scale", DIAG_ERROR, 0 },
	{ "too few rows",
	  SCALES_3
	  "matrix:\n"
	  "  - [low, low, medium]\n"
	  "  - [low, medium, high]\n" LEVELS_3 THRESHOLD,
	  "criteria-matrix-shape", DIAG_ERROR, 0 },
	{ "too many cells",
	  SCALES_3
	  "matrix:\n"
	  "  - [low, low, medium]\n"
	  "  - [low, medium, high, high]\n"
	  "  - [medium, high, high]\n" LEVELS_3 THRESHOLD,
	  "criteria-matrix-shape", DIAG_ERROR, 0 },
	{ "unknown level in a cell",
	  SCALES_3
	  "matrix:\n"
	  "  - [low, low, medium]\n"
	  "  - [low, medium, hihg]\n"
	  "  - [medium, high, high]\n" LEVELS_3 THRESHOLD,
	  "criteria-unknown-level", DIAG_ERROR, 0 },
	{ "unknown threshold",
	  SCALES_3 MATRIX_3 LEVELS_3 "acceptance_threshold: lowest\n",
	  "criteria-unknown-level", DIAG_ERROR, 0 },
	{ "lower level to the right",
	  SCALES_3
	  "matrix:\n"
	  "  - [low, medium, low]\n"
	  "  - [low, medium, high]\n"
	  "  - [medium, high, high]\n" LEVELS_3 THRESHOLD,
	  "criteria-not-monotonic", DIAG_ERROR, 0 },
	{ "product level without from",
	  SCALES_3 "method: product\n"
	  "levels:\n"
	  "  - {name: low, from: 1}\n"
	  "  - {name: medium, accept: [risk-owner]}\n"
	  "  - {name: high, from: 6, accept: never}\n" THRESHOLD,
	  "criteria-bands", DIAG_ERROR, 0 },
	{ "from not increasing",
	  SCALES_3 "method: sum\n"
	  "levels:\n"
	  "  - {name: low, from: 2}\n"
	  "  - {name: medium, from: 5, accept: [risk-owner]}\n"
	  "  - {name: high, from: 5, accept: never}\n" THRESHOLD,
	  "criteria-bands", DIAG_ERROR, 0 },
	{ "lowest score below the first band",
	  SCALES_3 "method: sum\n"
	  "levels:\n"
	  "  - {name: low, from: 3}\n"
	  "  - {name: medium, from: 4, accept: [risk-owner]}\n"
	  "  - {name: high, from: 5, accept: never}\n" THRESHOLD,
	  "criteria-bands", DIAG_ERROR, 0 },
	{ "matrix with method product",
	  SCALES_3 "method: product\n" MATRIX_3 LEVELS_3 THRESHOLD,
	  "criteria-method", DIAG_WARNING, 1 },
	{ "values with method matrix",
	  "likelihood:\n"
	  "  - {name: rare, value: 1}\n"
	  "  - {name: possible, value: 2}\n"
	  "  - {name: likely, value: 4}\n"
	  "consequence: [minor, moderate, major]\n"
	  MATRIX_3 LEVELS_3 THRESHOLD,
	  "criteria-method", DIAG_WARNING, 1 },
	{ "unknown duration unit",
	  SCALES_3 MATRIX_3
	  "levels:\n"
	  "  - {name: low, review_every: 12 moons}\n"
	  "  - {name: medium, accept: [risk-owner]}\n"
	  "  - {name: high, accept: never}\n" THRESHOLD,
	  "criteria-duration", DIAG_ERROR, 0 },
	{ "duration without unit",
	  SCALES_3 MATRIX_3
	  "levels:\n"
	  "  - {name: low}\n"
	  "  - {name: medium, accept: [risk-owner], treat_within: 90}\n"
	  "  - {name: high, accept: never}\n" THRESHOLD,
	  "criteria-duration", DIAG_ERROR, 0 },
	{ "zero duration",
	  SCALES_3 MATRIX_3
	  "levels:\n"
	  "  - {name: low}\n"
	  "  - {name: medium, accept: [risk-owner], "
	  "acceptance_valid_for: 0 days}\n"
	  "  - {name: high, accept: never}\n" THRESHOLD,
	  "criteria-duration", DIAG_ERROR, 0 },
	{ "empty accept list",
	  SCALES_3 MATRIX_3
	  "levels:\n"
	  "  - {name: low}\n"
	  "  - {name: medium, accept: []}\n"
	  "  - {name: high, accept: never}\n" THRESHOLD,
	  "criteria-accept", DIAG_ERROR, 0 },
	{ "never among roles",
	  SCALES_3 MATRIX_3
	  "levels:\n"
	  "  - {name: low}\n"
	  "  - {name: medium, accept: [risk-owner]}\n"
	  "  - {name: high, accept: [ciso, never]}\n" THRESHOLD,
	  "criteria-accept", DIAG_ERROR, 0 },
	{ "level above threshold without accept",
	  SCALES_3 MATRIX_3
	  "levels:\n"
	  "  - {name: low}\n"
	  "  - {name: medium}\n"
	  "  - {name: high, accept: never}\n" THRESHOLD,
	  "criteria-accept", DIAG_WARNING, 1 },
	{ "never at the threshold",
	  SCALES_3 MATRIX_3
	  "levels:\n"
	  "  - {name: low, accept: never}\n"
	  "  - {name: medium, accept: [risk-owner]}\n"
	  "  - {name: high, accept: never}\n" THRESHOLD,
	  "criteria-accept", DIAG_WARNING, 1 },
	{ "role listed twice",
	  SCALES_3 MATRIX_3
	  "levels:\n"
	  "  - {name: low}\n"
	  "  - {name: medium, accept: [ciso, ciso]}\n"
	  "  - {name: high, accept: never}\n" THRESHOLD,
	  "criteria-accept", DIAG_WARNING, 1 },
	{ "unknown top-level key",
	  SCALES_3 MATRIX_3 LEVELS_3 THRESHOLD "methd: matrix\n",
	  "unknown-key", DIAG_ERROR, 0 },
	{ "unknown level key",
	  SCALES_3 MATRIX_3
	  "levels:\n"
	  "  - {name: low, reviw_every: 1 month}\n"
	  "  - {name: medium, accept: [risk-owner]}\n"
	  "  - {name: high, accept: never}\n" THRESHOLD,
	  "unknown-key", DIAG_ERROR, 0 },
	{ "missing likelihood",
	  "consequence: [minor, moderate, major]\n" LEVELS_3 THRESHOLD
	  "matrix: [[low]]\n",
	  "missing-field", DIAG_ERROR, 0 },
	{ "missing matrix",
	  SCALES_3 LEVELS_3 THRESHOLD,
	  "missing-field", DIAG_ERROR, 0 },
	{ "missing threshold",
	  SCALES_3 MATRIX_3 LEVELS_3,
	  "missing-field", DIAG_ERROR, 0 },
	{ "missing level name",
	  SCALES_3 MATRIX_3
	  "levels:\n"
	  "  - {name: low}\n"
	  "  - {name: medium, accept: [risk-owner]}\n"
	  "  - {accept: never}\n" THRESHOLD,
	  "missing-field", DIAG_ERROR, 0 },
	{ "scale given as a map",
	  "likelihood: {rare: 1}\n"
	  "consequence: [minor, moderate, major]\n"
	  MATRIX_3 LEVELS_3 THRESHOLD,
	  "wrong-type", DIAG_ERROR, 0 },
	{ "matrix row as a scalar",
	  SCALES_3
	  "matrix:\n"
	  "  - [low, low, medium]\n"
	  "  - low\n"
	  "  - [medium, high, high]\n" LEVELS_3 THRESHOLD,
	  "wrong-type", DIAG_ERROR, 0 },
	{ "unknown method",
	  SCALES_3 MATRIX_3 LEVELS_3 THRESHOLD "method: multiply\n",
	  "invalid-value", DIAG_ERROR, 0 },
};

static void
test_criteria_parse_rule_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rule_cases) / sizeof(*rule_cases);
	    i++) {
		const struct rule_case *rc = &rule_cases[i];
		const struct diag *d;
		struct parsed p;

		print_message("case: %s\n", rc->name);
		parse(&p, rc->yaml);
		d = find_diag(&p, rc->rule);
		assert_int_equal(d->severity, rc->severity);
		if (p.rc != (rc->usable ? 0 : -1))
			print_diags(&p.diags);
		assert_int_equal(p.rc, rc->usable ? 0 : -1);
		release(&p);
	}
}

static void
test_criteria_parse_matrix_rows_message(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	parse(&p, STORM_SCALES STORM_LEVELS
	    "matrix:\n"
	    "  - [LOW, LOW, LOW, LOW, MODERATE]\n"
	    "  - [LOW, LOW, LOW, LOW, MODERATE]\n"
	    "  - [LOW, LOW, LOW, LOW, MODERATE]\n"
	    "  - [LOW, LOW, LOW, LOW, MODERATE]\n"
	    "  - [LOW, LOW, LOW, LOW, MODERATE]\n");
	d = find_diag(&p, "criteria-matrix-shape");
	assert_message_has(d, "has 5 rows, expected 6");
	assert_int_equal(d->line, 19);
	assert_int_equal(p.rc, -1);
	release(&p);
}

static void
test_criteria_parse_matrix_cells_message(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	parse(&p, SCALES_3
	    "matrix:\n"
	    "  - [low, low, medium]\n"
	    "  - [low, medium]\n"
	    "  - [medium, high, high]\n" LEVELS_3 THRESHOLD);
	d = find_diag(&p, "criteria-matrix-shape");
	assert_message_has(d, "row 2 (likelihood 'possible')");
	assert_message_has(d, "has 2 cells, expected 3");
	assert_int_equal(d->line, 5);
	assert_int_equal(diag_count_rule(&p.diags, "criteria-matrix-shape"),
	    1);
	release(&p);
}

static void
test_criteria_parse_unknown_level_hint(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	parse(&p, SCALES_3
	    "matrix:\n"
	    "  - [low, low, medium]\n"
	    "  - [low, medium, hihg]\n"
	    "  - [medium, high, high]\n" LEVELS_3 THRESHOLD);
	d = find_diag(&p, "criteria-unknown-level");
	assert_message_has(d, "'hihg'");
	assert_message_has(d, "row 2, column 3");
	assert_message_has(d, "did you mean 'high'?");
	assert_int_equal(d->line, 5);
	assert_int_equal(d->col, 19);
	release(&p);
}

static void
test_criteria_parse_threshold_hint(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	parse(&p, SCALES_3 MATRIX_3 LEVELS_3 "acceptance_threshold: meduim\n");
	d = find_diag(&p, "criteria-unknown-level");
	assert_message_has(d, "did you mean 'medium'?");
	assert_message_has(d, "acceptance_threshold");
	release(&p);
}

static void
test_criteria_parse_not_monotonic_below(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	/* Row 3 (likely) × column 2 (moderate) drops to low. */
	parse(&p, SCALES_3
	    "matrix:\n"
	    "  - [low, low, medium]\n"
	    "  - [low, medium, high]\n"
	    "  - [medium, low, high]\n" LEVELS_3 THRESHOLD);
	assert_int_equal(p.rc, -1);
	d = find_diag(&p, "criteria-not-monotonic");
	assert_message_has(d, "'low' at row 3, column 2 (likely × moderate)");
	assert_message_has(d,
	    "'medium' at row 2, column 2 (possible × moderate)");
	assert_message_has(d, "likelihood is higher");
	assert_int_equal(d->line, 6);
	assert_int_equal(diag_count_rule(&p.diags, "criteria-not-monotonic"),
	    2);
	release(&p);
}

static void
test_criteria_parse_not_monotonic_left(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	parse(&p, SCALES_3
	    "matrix:\n"
	    "  - [low, medium, low]\n"
	    "  - [low, medium, high]\n"
	    "  - [medium, high, high]\n" LEVELS_3 THRESHOLD);
	d = find_diag(&p, "criteria-not-monotonic");
	assert_message_has(d, "'low' at row 1, column 3 (rare × major)");
	assert_message_has(d, "'medium' at row 1, column 2 (rare × moderate)");
	assert_message_has(d, "consequence is higher");
	assert_int_equal(diag_count_rule(&p.diags, "criteria-not-monotonic"),
	    1);
	release(&p);
}

static void
test_criteria_parse_band_gap(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	parse(&p, SCALES_3 "method: product\n"
	    "levels:\n"
	    "  - {name: low, from: 2}\n"
	    "  - {name: medium, from: 3, accept: [risk-owner]}\n"
	    "  - {name: high, from: 6, accept: never}\n" THRESHOLD);
	assert_int_equal(p.rc, -1);
	d = find_diag(&p, "criteria-bands");
	assert_message_has(d, "score 1 (likelihood 'rare' × consequence "
	    "'minor') is below the lowest band 'low' (from 2)");
	assert_int_equal(d->line, 5);
	release(&p);
}

static void
test_criteria_parse_band_gap_sum(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	parse(&p, SCALES_3 "method: sum\n"
	    "levels:\n"
	    "  - {name: low, from: 3}\n"
	    "  - {name: medium, from: 4, accept: [risk-owner]}\n"
	    "  - {name: high, from: 5, accept: never}\n" THRESHOLD);
	d = find_diag(&p, "criteria-bands");
	assert_message_has(d, "score 2 (likelihood 'rare' + consequence "
	    "'minor') is below the lowest band 'low' (from 3)");
	release(&p);
}

static void
test_criteria_parse_bands_unused_by_matrix(void **state)
{
	struct parsed p;

	(void)state;
	/* `from` bands that leave a gap are fine when the matrix decides. */
	parse(&p, SCALES_3 MATRIX_3
	    "levels:\n"
	    "  - {name: low, from: 4}\n"
	    "  - {name: medium, from: 2, accept: [risk-owner]}\n"
	    "  - {name: high, accept: never}\n" THRESHOLD);
	assert_quiet(&p);
	release(&p);
}

static void
test_criteria_parse_unreachable_level(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	/* No cell is `high`, so no rating reaches it. */
	parse(&p, SCALES_3
	    "matrix:\n"
	    "  - [low, low, low]\n"
	    "  - [low, low, medium]\n"
	    "  - [low, medium, medium]\n" LEVELS_3 THRESHOLD);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.diags.count, 1);
	d = find_diag(&p, "criteria-level-unreachable");
	assert_int_equal(d->severity, DIAG_WARNING);
	assert_int_equal(d->line, 10);
	assert_string_equal(d->message, "no matrix cell names level 'high', "
	    "so no rating reaches it; use it in the matrix or remove it");
	release(&p);
}

static void
test_criteria_parse_unreachable_from_above_highest(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	parse(&p, SCALES_3 "method: product\n"
	    "levels:\n"
	    "  - {name: low, from: 1}\n"
	    "  - {name: medium, from: 3, accept: [risk-owner]}\n"
	    "  - {name: high, from: 10, accept: never}\n" THRESHOLD);
	assert_int_equal(p.rc, 0);
	d = find_diag(&p, "criteria-level-unreachable");
	assert_int_equal(d->line, 7);
	assert_string_equal(d->message, "level 'high' starts at 10, above the "
	    "highest score 9 (likelihood 'likely' × consequence 'major'), so "
	    "no rating reaches it; lower its 'from' or remove it");
	assert_int_equal(p.diags.count, 1);
	release(&p);
}

static void
test_criteria_parse_unreachable_band_gap(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	/* Products of 1..3 and 1..3 are 1, 2, 3, 4, 6 and 9: none is 7 or 8. */
	parse(&p, SCALES_3 "method: product\n"
	    "levels:\n"
	    "  - {name: low, from: 1}\n"
	    "  - {name: medium, from: 7, accept: [risk-owner]}\n"
	    "  - {name: high, from: 9, accept: never}\n" THRESHOLD);
	assert_int_equal(p.rc, 0);
	d = find_diag(&p, "criteria-level-unreachable");
	assert_int_equal(d->line, 6);
	assert_string_equal(d->message, "level 'medium' covers the scores 7 "
	    "to 8, but no pair of ratings gives one of them, so no rating "
	    "reaches it; move its 'from' or remove it");
	assert_int_equal(p.diags.count, 1);
	release(&p);
}

static void
test_criteria_parse_reachable_levels_quiet(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, small_criteria);
	assert_quiet(&p);
	release(&p);
	parse(&p, SCALES_3 "method: product\n" LEVELS_3 THRESHOLD);
	assert_quiet(&p);
	release(&p);
	parse(&p, SCALES_3 "method: sum\n"
	    "levels:\n"
	    "  - {name: low, from: 2}\n"
	    "  - {name: medium, from: 4, accept: [risk-owner]}\n"
	    "  - {name: high, from: 6, accept: never}\n" THRESHOLD);
	assert_quiet(&p);
	release(&p);
}

static void
test_criteria_parse_method_warning_usable(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	parse(&p, SCALES_3 "method: product\n" MATRIX_3 LEVELS_3 THRESHOLD);
	assert_int_equal(p.rc, 0);
	d = find_diag(&p, "criteria-method");
	assert_message_has(d, "'matrix' is ignored with method 'product'");
	assert_int_equal(d->line, 4);
	assert_int_equal(p.diags.count, 1);
	release(&p);
}

static void
test_criteria_parse_not_a_map(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "- rare\n- likely\n");
	assert_int_equal(p.rc, -1);
	assert_int_equal(find_diag(&p, "wrong-type")->severity, DIAG_ERROR);
	release(&p);
}

static void
test_criteria_parse_scale_too_long(void **state)
{
	struct buf yaml = BUF_INIT;
	struct parsed p;
	const struct diag *d;

	(void)state;
	buf_puts(&yaml, "likelihood: [");
	for (int i = 0; i <= 100; i++)
		buf_printf(&yaml, "%sstep%d", i ? ", " : "", i);
	buf_puts(&yaml, "]\nconsequence: [minor]\nmethod: sum\n"
	    "levels: [{name: low, from: 1}]\n" THRESHOLD);

	parse(&p, yaml.ptr);
	d = find_diag(&p, "criteria-scale");
	assert_message_has(d, "101 entries, more than the maximum of 100");
	assert_int_equal(p.rc, -1);
	release(&p);
	buf_release(&yaml);
}

/* After 20 unknown cells the rest are counted in one diagnostic. */
static void
test_criteria_parse_unknown_cells_summarised(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	parse(&p, "likelihood: [a, b, c, d, e]\n"
	    "consequence: [v, w, x, y, z]\n"
	    "matrix:\n"
	    "  - [x, x, x, x, x]\n"
	    "  - [x, x, x, x, x]\n"
	    "  - [x, x, x, x, x]\n"
	    "  - [x, x, x, x, x]\n"
	    "  - [x, x, x, x, x]\n"
	    "levels: [{name: low}]\n" THRESHOLD);
	assert_int_equal(diag_count_rule(&p.diags, "criteria-unknown-level"),
	    21);
	d = &p.diags.items[p.diags.count - 1];
	assert_string_equal(d->rule, "criteria-unknown-level");
	assert_message_has(d, "5 more matrix cells name unknown levels");
	assert_int_equal(d->line, 3);
	release(&p);
}

static void
test_scale_lookup_by_name(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, spec_criteria);
	assert_int_equal(scale_lookup(&p.criteria.likelihood, "rare"), 1);
	assert_int_equal(scale_lookup(&p.criteria.likelihood, "possible"), 3);
	assert_int_equal(scale_lookup(&p.criteria.likelihood,
	    "almost-certain"), 5);
	assert_int_equal(scale_lookup(&p.criteria.consequence, "severe"), 5);
	release(&p);
}

static void
test_scale_lookup_by_position(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, spec_criteria);
	assert_int_equal(scale_lookup(&p.criteria.likelihood, "3"), 3);
	assert_int_equal(scale_lookup(&p.criteria.likelihood, "1"), 1);
	assert_int_equal(scale_lookup(&p.criteria.likelihood, "5"), 5);
	release(&p);
}

static void
test_scale_lookup_unknown(void **state)
{
	static const char *const texts[] = {
		"9", "6", "0", "03", "-1", "+2", "3 ", "", "Rare", "often",
		"99999999999999999999999",
	};
	struct parsed p;

	(void)state;
	parse(&p, spec_criteria);
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		print_message("text '%s'\n", texts[i]);
		assert_int_equal(scale_lookup(&p.criteria.likelihood,
		    texts[i]), 0);
	}
	release(&p);
}

static void
test_scale_lookup_six_steps(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, storm_matrix_criteria);
	assert_int_equal(scale_lookup(&p.criteria.likelihood, "6"), 6);
	assert_int_equal(scale_lookup(&p.criteria.consequence, "6"), 0);
	assert_int_equal(scale_lookup(&p.criteria.consequence, "very-high"),
	    5);
	release(&p);
}

static void
test_criteria_find_level_names(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, spec_criteria);
	assert_int_equal(criteria_find_level(&p.criteria, "low"), 0);
	assert_int_equal(criteria_find_level(&p.criteria, "critical"), 3);
	assert_int_equal(criteria_find_level(&p.criteria, "severe"), -1);
	release(&p);
}

static void
test_criteria_release_twice(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, spec_criteria);
	criteria_release(&p.criteria);
	assert_null(p.criteria.levels);
	assert_int_equal(p.criteria.level_count, 0);
	release(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_criteria_parse_spec_example),
		cmocka_unit_test(test_criteria_parse_spec_levels),
		cmocka_unit_test(test_criteria_level_spec_matrix),
		cmocka_unit_test(test_criteria_level_storm_matrix),
		cmocka_unit_test(test_criteria_level_storm_product),
		cmocka_unit_test(test_criteria_level_product_values),
		cmocka_unit_test(test_criteria_level_sum),
		cmocka_unit_test(test_criteria_parse_consequence_sequence),
		cmocka_unit_test(test_criteria_parse_defaults),
		cmocka_unit_test(test_criteria_parse_aggregate_mean),
		cmocka_unit_test(test_criteria_parse_accept_scalar_role),
		cmocka_unit_test(test_criteria_parse_valid_quiet),
		cmocka_unit_test(test_criteria_parse_rule_cases),
		cmocka_unit_test(test_criteria_parse_matrix_rows_message),
		cmocka_unit_test(test_criteria_parse_matrix_cells_message),
		cmocka_unit_test(test_criteria_parse_unknown_level_hint),
		cmocka_unit_test(test_criteria_parse_threshold_hint),
		cmocka_unit_test(test_criteria_parse_not_monotonic_below),
		cmocka_unit_test(test_criteria_parse_not_monotonic_left),
		cmocka_unit_test(test_criteria_parse_band_gap),
		cmocka_unit_test(test_criteria_parse_band_gap_sum),
		cmocka_unit_test(test_criteria_parse_bands_unused_by_matrix),
		cmocka_unit_test(test_criteria_parse_unreachable_level),
		cmocka_unit_test(
		    test_criteria_parse_unreachable_from_above_highest),
		cmocka_unit_test(test_criteria_parse_unreachable_band_gap),
		cmocka_unit_test(test_criteria_parse_reachable_levels_quiet),
		cmocka_unit_test(test_criteria_parse_method_warning_usable),
		cmocka_unit_test(test_criteria_parse_not_a_map),
		cmocka_unit_test(test_criteria_parse_scale_too_long),
		cmocka_unit_test(test_criteria_parse_unknown_cells_summarised),
		cmocka_unit_test(test_scale_lookup_by_name),
		cmocka_unit_test(test_scale_lookup_by_position),
		cmocka_unit_test(test_scale_lookup_unknown),
		cmocka_unit_test(test_scale_lookup_six_steps),
		cmocka_unit_test(test_criteria_find_level_names),
		cmocka_unit_test(test_criteria_release_twice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
