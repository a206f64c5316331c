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
#include "banned.h"

/* The isms.yaml example in full. */
static const char spec_config[] =
	"isms: 1\n"
	"organisation: Example Ltd\n"
	"scope: Customer-facing SaaS platform and the teams that run it\n"
	"people:\n"
	"  ciso:  {name: A. Person, email: [ciso@example.com], "
	"roles: [risk-approver, change-approver]}\n"
	"  cto:   {name: B. Person, email: [cto@example.com],  "
	"roles: [top-management]}\n"
	"  ops-lead: {name: C. Person, email: [ops@example.com]}\n"
	"risk_criteria:\n"
	"  likelihood:\n"
	"    - {name: rare,     description: Less than once in ten years}\n"
	"    - {name: unlikely, description: Once in three to ten years}\n"
	"    - {name: possible, description: Once in one to three years}\n"
	"    - {name: likely,   description: Once a year or more}\n"
	"    - {name: almost-certain, description: Several times a year}\n"
	"  consequence:\n"
	"    dimensions: [financial, legal, operational, reputational]\n"
	"    scale:\n"
	"      - {name: negligible}\n"
	"      - {name: minor}\n"
	"      - {name: moderate}\n"
	"      - {name: major}\n"
	"      - {name: severe}\n"
	"  method: matrix\n"
	"  matrix:\n"
	"    - [low,    low,    low,    medium, medium]\n"
	"    - [low,    low,    medium, medium, high]\n"
	"    - [low,    medium, medium, high,   high]\n"
	"    - [medium, medium, high,   high,   critical]\n"
	"    - [medium, high,   high,   critical, critical]\n"
	"  consequence_aggregate: max\n"
	"  levels:\n"
	"    - {name: low, from: 1, accept: [risk-owner], "
	"review_every: 12 months}\n"
	"    - {name: medium, from: 5, accept: [risk-owner, risk-approver], "
	"review_every: 6 months, acceptance_valid_for: 12 months}\n"
	"    - {name: high, from: 10, accept: [risk-owner, top-management], "
	"review_every: 3 months, acceptance_valid_for: 6 months, "
	"treat_within: 90 days}\n"
	"    - {name: critical, from: 17, accept: never, "
	"review_every: 1 month, treat_within: 30 days}\n"
	"  acceptance_threshold: low\n"
	"change_control:\n"
	"  controlled: [\"**\"]\n"
	"  uncontrolled: [\"README.md\"]\n"
	"  trailer: ISMS-Change\n"
	"  since: 2026-01-01\n"
	"  segregation_of_duties: true\n"
	"  emergency_approval_within: 5 days\n";

/*
 * Pieces of a small valid isms.yaml. Each rule case below adds or
 * replaces one piece with a broken version.
 */
#define VERSION "isms: 1\n"
#define PEOPLE \
	"people:\n" \
	"  ciso: {name: A. Person, email: ciso@example.com, " \
	"roles: [risk-approver, change-approver]}\n"
#define CRITERIA \
	"risk_criteria:\n" \
	"  likelihood: [rare, possible, likely]\n" \
	"  consequence: [minor, moderate, major]\n" \
	"  matrix: [[low, low, medium], [low, medium, high], " \
	"[medium, high, high]]\n" \
	"  levels:\n" \
	"    - {name: low}\n" \
	"    - {name: medium, accept: [risk-owner, risk-approver]}\n" \
	"    - {name: high, accept: never}\n" \
	"  acceptance_threshold: low\n"

static const char small_config[] = VERSION PEOPLE CRITERIA;

struct parsed {
	struct config config;
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
	memset(p, 0, sizeof(*p));
	p->rc = config_parse(&p->config, yaml, strlen(yaml), "isms.yaml",
	    &p->diags);
}

static void
release(struct parsed *p)
{
	config_release(&p->config);
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

static void
test_config_parse_spec_example(void **state)
{
	struct parsed p;
	const struct config *c = &p.config;

	(void)state;
	parse(&p, spec_config);
	assert_quiet(&p);

	assert_int_equal(c->version, 1);
	assert_string_equal(c->organisation, "Example Ltd");
	assert_string_equal(c->scope,
	    "Customer-facing SaaS platform and the teams that run it");
	assert_true(c->criteria_ok);
	assert_int_equal(c->criteria.level_count, 4);
	assert_non_null(c->doc);
	release(&p);
}

static void
test_config_parse_spec_people(void **state)
{
	struct parsed p;
	const struct person *people;

	(void)state;
	parse(&p, spec_config);
	assert_quiet(&p);
	people = p.config.people;

	assert_int_equal(p.config.people_count, 3);
	assert_string_equal(people[0].key, "ciso");
	assert_string_equal(people[0].name, "A. Person");
	assert_int_equal(people[0].email_count, 1);
	assert_string_equal(people[0].emails[0], "ciso@example.com");
	assert_int_equal(people[0].role_count, 2);
	assert_string_equal(people[0].roles[1], "change-approver");
	assert_int_equal(people[0].line, 5);
	assert_string_equal(people[2].key, "ops-lead");
	assert_int_equal(people[2].role_count, 0);
	release(&p);
}

static void
test_config_parse_spec_change_control(void **state)
{
	struct parsed p;
	const struct change_control *cc;

	(void)state;
	parse(&p, spec_config);
	assert_quiet(&p);
	cc = &p.config.change_control;

	assert_int_equal(cc->controlled_count, 1);
	assert_string_equal(cc->controlled[0], "**");
	assert_int_equal(cc->uncontrolled_count, 1);
	assert_string_equal(cc->uncontrolled[0], "README.md");
	assert_string_equal(cc->trailer, "ISMS-Change");
	assert_string_equal(cc->since, "2026-01-01");
	assert_true(cc->segregation_of_duties);
	assert_true(cc->has_emergency_approval_within);
	assert_int_equal(cc->emergency_approval_within.count, 5);
	assert_int_equal(cc->emergency_approval_within.unit, DURATION_DAYS);
	release(&p);
}

static void
test_config_parse_defaults(void **state)
{
	static const char *const prefixes[KIND_COUNT] = { "RSK", "OPP",
		"OBJ", "CHG", "ISS", "REQ" };
	struct parsed p;
	const struct change_control *cc;

	(void)state;
	parse(&p, small_config);
	assert_quiet(&p);
	cc = &p.config.change_control;

	for (int k = 0; k < KIND_COUNT; k++)
		assert_string_equal(p.config.prefixes[k], prefixes[k]);
	assert_int_equal(cc->controlled_count, 1);
	assert_string_equal(cc->controlled[0], "**");
	assert_int_equal(cc->uncontrolled_count, 0);
	assert_string_equal(cc->trailer, "ISMS-Change");
	assert_null(cc->since);
	assert_true(cc->segregation_of_duties);
	assert_false(cc->has_emergency_approval_within);
	assert_null(p.config.organisation);
	release(&p);
}

static void
test_config_parse_prefixes(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, VERSION PEOPLE CRITERIA
	    "prefixes: {risk: RISK, requirement: RQ}\n");
	assert_quiet(&p);
	assert_string_equal(p.config.prefixes[KIND_RISK], "RISK");
	assert_string_equal(p.config.prefixes[KIND_REQUIREMENT], "RQ");
	assert_string_equal(p.config.prefixes[KIND_CHANGE], "CHG");
	release(&p);
}

static void
test_config_parse_emails_lower_case(void **state)
{
	struct parsed p;
	const struct person *person;

	(void)state;
	parse(&p, VERSION CRITERIA
	    "people:\n"
	    "  ciso: {email: [CISO@Example.COM, a.person@Example.com, "
	    "ciso@example.com], roles: [risk-approver, change-approver]}\n");
	assert_quiet(&p);
	person = &p.config.people[0];
	assert_int_equal(person->email_count, 2);
	assert_string_equal(person->emails[0], "ciso@example.com");
	assert_string_equal(person->emails[1], "a.person@example.com");
	assert_null(person->name);
	release(&p);
}

static void
test_config_parse_since_commit(void **state)
{
	static const char *const ids[] = { "a1b2c3d", "ABCD",
		"0123456789abcdef0123456789abcdef01234567" };
	char yaml[1024];

	(void)state;
	for (size_t i = 0; i < sizeof(ids) / sizeof(*ids); i++) {
		struct parsed p;

		snprintf(yaml, sizeof(yaml), "%s%s%schange_control: "
		    "{since: \"%s\"}\n", VERSION, PEOPLE, CRITERIA, ids[i]);
		print_message("since '%s'\n", ids[i]);
		parse(&p, yaml);
		assert_quiet(&p);
		assert_string_equal(p.config.change_control.since, ids[i]);
		release(&p);
	}
}

static void
test_config_parse_change_control_lists(void **state)
{
	struct parsed p;
	const struct change_control *cc;

	(void)state;
	parse(&p, VERSION PEOPLE CRITERIA
	    "change_control:\n"
	    "  controlled: [policies/**, risks/*.md]\n"
	    "  uncontrolled: drafts/**\n"
	    "  trailer: Change-Id2\n"
	    "  segregation_of_duties: false\n");
	assert_quiet(&p);
	cc = &p.config.change_control;
	assert_int_equal(cc->controlled_count, 2);
	assert_string_equal(cc->controlled[1], "risks/*.md");
	assert_int_equal(cc->uncontrolled_count, 1);
	assert_string_equal(cc->uncontrolled[0], "drafts/**");
	assert_string_equal(cc->trailer, "Change-Id2");
	assert_false(cc->segregation_of_duties);
	release(&p);
}

static void
test_config_find_person_by_key(void **state)
{
	struct parsed p;
	const struct person *person;

	(void)state;
	parse(&p, spec_config);
	person = config_find_person(&p.config, "cto");
	assert_non_null(person);
	assert_string_equal(person->name, "B. Person");
	assert_null(config_find_person(&p.config, "CTO"));
	assert_null(config_find_person(&p.config, "nobody"));
	release(&p);
}

static void
test_config_find_person_by_email_any_case(void **state)
{
	struct parsed p;
	const struct person *person;

	(void)state;
	parse(&p, spec_config);
	person = config_find_person_by_email(&p.config, "OPS@example.com");
	assert_non_null(person);
	assert_string_equal(person->key, "ops-lead");
	assert_null(config_find_person_by_email(&p.config,
	    "ops@example.org"));
	release(&p);
}

static void
test_person_has_role_listed(void **state)
{
	struct parsed p;
	const struct person *ciso;

	(void)state;
	parse(&p, spec_config);
	ciso = config_find_person(&p.config, "ciso");
	assert_true(person_has_role(ciso, "change-approver"));
	assert_false(person_has_role(ciso, "top-management"));
	assert_false(person_has_role(ciso, ROLE_RISK_OWNER));
	release(&p);
}

static void
test_record_kind_name_all(void **state)
{
	static const char *const names[] = { "risk", "opportunity",
		"objective", "change", "issue", "requirement", "document" };

	(void)state;
	for (int k = 0; k <= KIND_DOCUMENT; k++)
		assert_string_equal(record_kind_name((enum record_kind)k),
		    names[k]);
}

/* One problem per row, with the rule it must trigger. */
static const struct rule_case {
	const char *name;
	const char *yaml;
	const char *rule;
	enum diag_severity severity;
	int usable;		/* config_parse() returns 0 */
} rule_cases[] = {
	{ "unknown version", "isms: 2\n" PEOPLE CRITERIA,
	  "config-version", DIAG_ERROR, 0 },
	{ "missing version", PEOPLE CRITERIA,
	  "missing-field", DIAG_ERROR, 1 },
	{ "missing criteria", VERSION PEOPLE,
	  "config-no-criteria", DIAG_ERROR, 1 },
	{ "null criteria", VERSION PEOPLE "risk_criteria:\n",
	  "config-no-criteria", DIAG_ERROR, 1 },
	{ "person without email",
	  VERSION PEOPLE "  auditor: {name: D. Person}\n" CRITERIA,
	  "config-no-email", DIAG_WARNING, 1 },
	{ "email shared by two people",
	  VERSION PEOPLE
	  "  deputy: {email: CISO@example.com}\n" CRITERIA,
	  "config-duplicate-email", DIAG_ERROR, 1 },
	{ "name and address as the email",
	  VERSION PEOPLE
	  "  deputy: {email: \"D. Person <d@example.com>\"}\n" CRITERIA,
	  "config-email", DIAG_ERROR, 1 },
	{ "email without domain",
	  VERSION PEOPLE "  deputy: {email: deputy}\n" CRITERIA,
	  "config-email", DIAG_ERROR, 1 },
	{ "risk-owner as a role",
	  VERSION PEOPLE
	  "  deputy: {email: d@example.com, roles: [risk-owner]}\n" CRITERIA,
	  "config-role-reserved", DIAG_WARNING, 1 },
	{ "lower-case prefix",
	  VERSION PEOPLE CRITERIA "prefixes: {risk: rsk}\n",
	  "config-prefix", DIAG_ERROR, 1 },
	{ "prefix with digits",
	  VERSION PEOPLE CRITERIA "prefixes: {change: CH1}\n",
	  "config-prefix", DIAG_ERROR, 1 },
	{ "prefix shared by two kinds",
	  VERSION PEOPLE CRITERIA "prefixes: {issue: REQ}\n",
	  "config-prefix", DIAG_ERROR, 1 },
	{ "unknown kind in prefixes",
	  VERSION PEOPLE CRITERIA "prefixes: {risks: RSK}\n",
	  "unknown-key", DIAG_ERROR, 1 },
	{ "absolute glob",
	  VERSION PEOPLE CRITERIA
	  "change_control: {controlled: [/etc/**]}\n",
	  "config-glob", DIAG_ERROR, 1 },
	{ "glob leaving the root",
	  VERSION PEOPLE CRITERIA
	  "change_control: {uncontrolled: [docs/../../secrets]}\n",
	  "config-glob", DIAG_ERROR, 1 },
	{ "unclosed class in a glob",
	  VERSION PEOPLE CRITERIA
	  "change_control: {controlled: [\"risks/[abc\"]}\n",
	  "config-glob", DIAG_ERROR, 1 },
	{ "reversed range in a glob",
	  VERSION PEOPLE CRITERIA
	  "change_control: {uncontrolled: [\"drafts/[z-a]*\"]}\n",
	  "config-glob", DIAG_ERROR, 1 },
	{ "nothing controlled",
	  VERSION PEOPLE CRITERIA "change_control: {controlled: []}\n",
	  "config-change-control-off", DIAG_WARNING, 1 },
	{ "everything exempt",
	  VERSION PEOPLE CRITERIA
	  "change_control: {uncontrolled: [\"**\"]}\n",
	  "config-change-control-off", DIAG_WARNING, 1 },
	{ "trailer with a space",
	  VERSION PEOPLE CRITERIA
	  "change_control: {trailer: ISMS Change}\n",
	  "config-trailer", DIAG_ERROR, 1 },
	{ "trailer with a colon",
	  VERSION PEOPLE CRITERIA
	  "change_control: {trailer: \"ISMS-Change:\"}\n",
	  "config-trailer", DIAG_ERROR, 1 },
	{ "since as a word",
	  VERSION PEOPLE CRITERIA "change_control: {since: yesterday}\n",
	  "config-since", DIAG_ERROR, 1 },
	{ "since as an impossible date",
	  VERSION PEOPLE CRITERIA "change_control: {since: 2026-02-30}\n",
	  "config-since", DIAG_ERROR, 1 },
	{ "since as a short commit id",
	  VERSION PEOPLE CRITERIA "change_control: {since: abc}\n",
	  "config-since", DIAG_ERROR, 1 },
	{ "since as a long commit id",
	  VERSION PEOPLE CRITERIA "change_control: {since: "
	  "0123456789abcdef0123456789abcdef012345678}\n",
	  "config-since", DIAG_ERROR, 1 },
	{ "emergency window without unit",
	  VERSION PEOPLE CRITERIA
	  "change_control: {emergency_approval_within: 5}\n",
	  "config-duration", DIAG_ERROR, 1 },
	{ "accepting role nobody holds",
	  VERSION
	  "people:\n"
	  "  ciso: {email: ciso@example.com, roles: [change-approver]}\n"
	  CRITERIA,
	  "config-role-unheld", DIAG_WARNING, 1 },
	{ "no change approver",
	  VERSION
	  "people:\n"
	  "  ciso: {email: ciso@example.com, roles: [risk-approver]}\n"
	  CRITERIA,
	  "config-role-unheld", DIAG_WARNING, 1 },
	{ "unknown top-level key",
	  VERSION PEOPLE CRITERIA "organization: Example Ltd\n",
	  "unknown-key", DIAG_ERROR, 1 },
	{ "unknown person key",
	  VERSION PEOPLE "  deputy: {emails: d@example.com}\n" CRITERIA,
	  "unknown-key", DIAG_ERROR, 1 },
	{ "people as a list",
	  VERSION CRITERIA "people: [ciso]\n",
	  "wrong-type", DIAG_ERROR, 1 },
	{ "segregation as yes",
	  VERSION PEOPLE CRITERIA
	  "change_control: {segregation_of_duties: yes}\n",
	  "yaml-ambiguous-scalar", DIAG_ERROR, 1 },
	{ "invalid criteria",
	  VERSION PEOPLE
	  "risk_criteria:\n"
	  "  likelihood: [rare]\n"
	  "  consequence: [minor]\n"
	  "  matrix: [[hihg]]\n"
	  "  levels: [{name: high}]\n"
	  "  acceptance_threshold: high\n",
	  "criteria-unknown-level", DIAG_ERROR, 1 },
	{ "not YAML", "isms: [1\n",
	  "yaml-syntax", DIAG_ERROR, 0 },
	{ "not a map", "- isms\n- 1\n",
	  "wrong-type", DIAG_ERROR, 0 },
};

static void
test_config_parse_rule_cases(void **state)
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
test_config_parse_version_message(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	parse(&p, "isms: 2\n" PEOPLE CRITERIA);
	assert_int_equal(p.rc, -1);
	d = find_diag(&p, "config-version");
	assert_message_has(d, "unsupported format version 2");
	assert_message_has(d, "reads format version 1 only");
	assert_int_equal(d->line, 1);
	assert_false(p.config.criteria_ok);
	assert_string_equal(p.config.prefixes[KIND_RISK], "RSK");
	release(&p);
}

static void
test_config_parse_no_criteria_message(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	parse(&p, VERSION PEOPLE);
	d = find_diag(&p, "config-no-criteria");
	assert_message_has(d, "risks cannot be assessed");
	assert_int_equal(d->line, 0);
	assert_false(p.config.criteria_ok);
	release(&p);
}

static void
test_config_parse_unknown_key_hint(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	parse(&p, VERSION PEOPLE CRITERIA "organization: Example Ltd\n");
	d = find_diag(&p, "unknown-key");
	assert_message_has(d, "did you mean 'organisation'?");
	release(&p);
}

static void
test_config_parse_duplicate_email_message(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	parse(&p, VERSION PEOPLE "  deputy: {email: CISO@example.com}\n"
	    CRITERIA);
	d = find_diag(&p, "config-duplicate-email");
	assert_message_has(d, "'ciso@example.com' of person 'deputy'");
	assert_message_has(d, "person 'ciso' (line 3)");
	assert_int_equal(config_find_person(&p.config, "deputy")->email_count,
	    0);
	release(&p);
}

static void
test_config_parse_role_unheld_location(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	parse(&p, VERSION
	    "people:\n"
	    "  ciso: {email: ciso@example.com, roles: [change-approver]}\n"
	    CRITERIA);
	d = find_diag(&p, "config-role-unheld");
	assert_message_has(d, "no person holds role 'risk-approver'");
	assert_message_has(d, "'medium' risk");
	assert_int_equal(d->line, 10);
	assert_int_equal(d->col, 43);
	assert_int_equal(diag_count_rule(&p.diags, "config-role-unheld"), 1);
	release(&p);
}

static void
test_config_parse_change_approver_not_needed(void **state)
{
	struct parsed p;

	(void)state;
	/* Without segregation of duties nobody needs the approver role. */
	parse(&p, VERSION
	    "people:\n"
	    "  ciso: {email: ciso@example.com, roles: [risk-approver]}\n"
	    CRITERIA
	    "change_control: {segregation_of_duties: false}\n");
	assert_quiet(&p);
	release(&p);
}

static void
test_config_parse_valid_quiet(void **state)
{
	static const char *const fixtures[] = { spec_config, small_config };

	(void)state;
	for (size_t i = 0; i < sizeof(fixtures) / sizeof(*fixtures); i++) {
		struct parsed p;

		print_message("fixture %zu\n", i);
		parse(&p, fixtures[i]);
		assert_quiet(&p);
		release(&p);
	}
}

static void
test_config_parse_glob_syntax_message(void **state)
{
	struct parsed p;
	const struct diag *d;
	const struct change_control *cc = &p.config.change_control;

	(void)state;
	parse(&p, VERSION PEOPLE CRITERIA
	    "change_control:\n"
	    "  controlled: [\"risks/[abc\", policies/**]\n"
	    "  uncontrolled: [README.md, \"x/[]\"]\n");
	assert_int_equal(diag_count_rule(&p.diags, "config-glob"), 2);
	d = find_diag(&p, "config-glob");
	assert_string_equal(d->message, "invalid glob 'risks/[abc' in "
	    "'controlled': '[' is never closed by ']' (write '\\[' for a "
	    "literal '[') at position 7");
	assert_message_has(&p.diags.items[1], "empty character class '[]' "
	    "at position 3");

	/* An invalid controlled glob counts as "**", an uncontrolled one
	 * is dropped: a typo never loosens change control. */
	assert_int_equal(cc->controlled_count, 2);
	assert_string_equal(cc->controlled[0], "**");
	assert_int_equal(cc->uncontrolled_count, 1);
	assert_string_equal(cc->uncontrolled[0], "README.md");
	release(&p);
}

static void
test_config_parse_change_control_off_message(void **state)
{
	struct parsed p;
	const struct diag *d;

	(void)state;
	parse(&p, VERSION PEOPLE CRITERIA
	    "change_control:\n"
	    "  uncontrolled: [README.md, \"*\", \"*/**\"]\n");
	assert_int_equal(diag_count_rule(&p.diags,
	    "config-change-control-off"), 1);
	d = find_diag(&p, "config-change-control-off");
	assert_message_has(d, "change control judges no path: the "
	    "'uncontrolled' globs together match every path");
	release(&p);

	parse(&p, VERSION PEOPLE CRITERIA
	    "change_control:\n"
	    "  uncontrolled: [README.md, \"**/*\"]\n");
	d = find_diag(&p, "config-change-control-off");
	assert_message_has(d, "'uncontrolled' glob '**/*' matches every "
	    "path");
	release(&p);

	parse(&p, VERSION PEOPLE CRITERIA
	    "change_control:\n  controlled: []\n");
	d = find_diag(&p, "config-change-control-off");
	assert_message_has(d, "'controlled' lists no glob");
	release(&p);
}

static void
test_config_parse_narrow_control_quiet(void **state)
{
	struct parsed p;

	(void)state;
	/* Narrow, but not off: only some paths are exempt. */
	parse(&p, VERSION PEOPLE CRITERIA
	    "change_control:\n"
	    "  controlled: [\"drafts/**\"]\n"
	    "  uncontrolled: [README.md, \"*.txt\", \"drafts/old/**\"]\n");
	assert_int_equal(diag_count_rule(&p.diags,
	    "config-change-control-off"), 0);
	assert_int_equal(diag_count_rule(&p.diags, "config-glob"), 0);
	release(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_parse_spec_example),
		cmocka_unit_test(test_config_parse_spec_people),
		cmocka_unit_test(test_config_parse_spec_change_control),
		cmocka_unit_test(test_config_parse_defaults),
		cmocka_unit_test(test_config_parse_prefixes),
		cmocka_unit_test(test_config_parse_emails_lower_case),
		cmocka_unit_test(test_config_parse_since_commit),
		cmocka_unit_test(test_config_parse_change_control_lists),
		cmocka_unit_test(test_config_find_person_by_key),
		cmocka_unit_test(test_config_find_person_by_email_any_case),
		cmocka_unit_test(test_person_has_role_listed),
		cmocka_unit_test(test_record_kind_name_all),
		cmocka_unit_test(test_config_parse_rule_cases),
		cmocka_unit_test(test_config_parse_version_message),
		cmocka_unit_test(test_config_parse_no_criteria_message),
		cmocka_unit_test(test_config_parse_unknown_key_hint),
		cmocka_unit_test(test_config_parse_duplicate_email_message),
		cmocka_unit_test(test_config_parse_role_unheld_location),
		cmocka_unit_test(test_config_parse_change_approver_not_needed),
		cmocka_unit_test(test_config_parse_valid_quiet),
		cmocka_unit_test(test_config_parse_glob_syntax_message),
		cmocka_unit_test(test_config_parse_change_control_off_message),
		cmocka_unit_test(test_config_parse_narrow_control_quiet),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
