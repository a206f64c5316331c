#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "change.h"
#include "config.h"
#include "date.h"
#include "diag.h"
#include "error.h"
#include "yaml_doc.h"
#include "banned.h"

static const char config_text[] =
	"isms: 1\n"
	"organisation: Test Ltd\n"
	"scope: Everything\n"
	"people:\n"
	"  ciso: {name: Casey Ciso, email: [ciso@example.com], "
	"roles: [change-approver]}\n"
	"  ops: {name: Olu Ops, email: [ops@example.com]}\n";

/* A complete approved change; tests replace or drop lines of it. */
static const char approved_change[] =
	"id: CHG-001\n"
	"title: Require hardware keys\n"
	"status: approved\n"
	"type: normal\n"
	"requested_by: ops\n"
	"purpose: Stop phishing of passwords\n"
	"consequences: Staff need a key\n"
	"integrity: The access policy stays consistent\n"
	"resources: 40 keys\n"
	"responsibilities: ops rolls out\n"
	"scope: [policies/access.md, RSK-004]\n"
	"planned: {from: 2026-03-01, to: 2026-04-01}\n"
	"affects: [RSK-004]\n"
	"approved_by: ciso\n"
	"approved_on: 2026-02-20\n";

struct parsed {
	struct config config;
	struct diag_list diags;
	struct ynode *front;
	struct change change;
	int rc;
};

static int
setup_config(void **state)
{
	static struct parsed parsed;
	struct diag_list diags = DIAG_LIST_INIT;

	memset(&parsed, 0, sizeof(parsed));
	if (config_parse(&parsed.config, config_text, strlen(config_text),
	    "isms.yaml", &diags) < 0)
		return -1;
	diag_list_release(&diags);
	*state = &parsed;
	return 0;
}

static int
teardown_config(void **state)
{
	struct parsed *parsed = *state;

	config_release(&parsed->config);
	return 0;
}

/* Parses `yaml` as change frontmatter, with or without the config. */
static void
parse_change(struct parsed *p, const char *yaml, int with_config)
{
	struct schema_ctx ctx;

	diag_list_release(&p->diags);
	change_release(&p->change);
	ynode_free(p->front);
	p->front = NULL;

	ctx.path = "changes/CHG-001-keys.md";
	ctx.diags = &p->diags;
	ctx.what = "change";
	assert_int_equal(yaml_doc_parse(&p->front, yaml, strlen(yaml),
	    ctx.path, 1, &p->diags), 0);
	p->rc = change_parse(&p->change, p->front,
	    with_config ? &p->config : NULL, &ctx);
}

static void
release_parsed(struct parsed *p)
{
	diag_list_release(&p->diags);
	change_release(&p->change);
	ynode_free(p->front);
	p->front = NULL;
}

/* The approved change with the line starting with `key:` removed. */
static const char *
without_line(char *out, size_t size, const char *key)
{
	const char *p = approved_change;
	size_t key_len = strlen(key);
	size_t n = 0;

	while (*p) {
		const char *end = strchr(p, '\n');
		size_t len = (size_t)(end - p) + 1;

		if (!(strncmp(p, key, key_len) == 0 && p[key_len] == ':')) {
			assert_true(n + len < size);
			memcpy(out + n, p, len);
			n += len;
		}
		p += len;
	}
	out[n] = '\0';
	return out;
}

static const struct diag *
find_rule(const struct diag_list *diags, const char *rule)
{
	for (size_t i = 0; i < diags->count; i++)
		if (strcmp(diags->items[i].rule, rule) == 0)
			return &diags->items[i];
	return NULL;
}

static void
test_change_parse_complete_record(void **state)
{
	struct parsed *p = *state;
	int day;

	parse_change(p, approved_change, 1);
	assert_int_equal(p->rc, 0);
	assert_int_equal(p->diags.count, 0);
	assert_int_equal(p->change.has_status, 1);
	assert_int_equal(p->change.status, CHANGE_APPROVED);
	assert_int_equal(p->change.type, CHANGE_NORMAL);
	assert_string_equal(p->change.requested_by, "ops");
	assert_string_equal(p->change.approved_by, "ciso");
	assert_int_equal(p->change.has_approved_on, 1);
	assert_int_equal(date_parse("2026-02-20", &day), 0);
	assert_int_equal(p->change.approved_on, day);
	assert_int_equal(p->change.scope.count, 2);
	assert_string_equal(p->change.scope.nodes[0]->value,
	    "policies/access.md");
	assert_string_equal(p->change.scope.nodes[1]->value, "RSK-004");
	assert_int_equal(p->change.affects.count, 1);
	assert_int_equal(p->change.has_planned_from, 1);
	assert_int_equal(p->change.has_planned_to, 1);
	assert_true(p->change.planned_from < p->change.planned_to);
	assert_string_equal(p->change.purpose, "Stop phishing of passwords");
	release_parsed(p);
}

static void
test_change_parse_unapproved_without_approver(void **state)
{
	struct parsed *p = *state;
	char yaml[1024];
	const struct diag *d;

	parse_change(p, without_line(yaml, sizeof(yaml), "approved_by"), 1);
	assert_int_equal(p->rc, 0);
	d = find_rule(&p->diags, "change-unapproved");
	assert_non_null(d);
	assert_int_equal(d->severity, DIAG_ERROR);
	assert_int_equal(d->line, 4);
	assert_non_null(strstr(d->message, "no approved_by"));
	assert_null(strstr(d->message, "approved_on"));
	release_parsed(p);
}

static void
test_change_parse_unapproved_without_date(void **state)
{
	struct parsed *p = *state;
	char yaml[1024];
	const struct diag *d;

	parse_change(p, without_line(yaml, sizeof(yaml), "approved_on"), 1);
	d = find_rule(&p->diags, "change-unapproved");
	assert_non_null(d);
	assert_non_null(strstr(d->message, "no approved_on"));
	release_parsed(p);
}

static void
test_change_parse_implementing_needs_approval(void **state)
{
	struct parsed *p = *state;
	static const char yaml[] =
		"id: CHG-002\n"
		"status: implementing\n"
		"purpose: a\nconsequences: b\nintegrity: c\n"
		"resources: d\nresponsibilities: e\n";
	const struct diag *d;

	parse_change(p, yaml, 1);
	d = find_rule(&p->diags, "change-unapproved");
	assert_non_null(d);
	assert_non_null(strstr(d->message,
	    "'implementing' but has no approved_by or approved_on"));
	assert_int_equal(diag_count_rule(&p->diags,
	    "change-missing-consideration"), 0);
	release_parsed(p);
}

static void
test_change_parse_proposed_needs_nothing(void **state)
{
	struct parsed *p = *state;

	parse_change(p, "id: CHG-003\nstatus: proposed\n", 1);
	assert_int_equal(p->rc, 0);
	assert_int_equal(p->diags.count, 0);
	release_parsed(p);

	parse_change(p, "id: CHG-003\nstatus: rejected\n", 1);
	assert_int_equal(p->diags.count, 0);
	release_parsed(p);
}

static void
test_change_parse_missing_considerations_named(void **state)
{
	struct parsed *p = *state;
	char yaml[1024], yaml2[1024];
	const struct diag *d;

	without_line(yaml, sizeof(yaml), "resources");
	/* Drop responsibilities too, from the first result. */
	{
		const char *line = strstr(yaml, "responsibilities:");
		const char *end = strchr(line, '\n') + 1;
		size_t head = (size_t)(line - yaml);

		memcpy(yaml2, yaml, head);
		memcpy(yaml2 + head, end, strlen(end) + 1);
	}

	parse_change(p, yaml2, 1);
	assert_int_equal(p->rc, 0);
	assert_int_equal(diag_count_rule(&p->diags,
	    "change-missing-consideration"), 1);
	d = find_rule(&p->diags, "change-missing-consideration");
	assert_int_equal(d->severity, DIAG_WARNING);
	assert_non_null(strstr(d->message, "resources, responsibilities"));
	assert_null(strstr(d->message, "purpose"));
	assert_int_equal(diag_count(&p->diags, DIAG_ERROR), 0);
	release_parsed(p);
}

static void
test_change_parse_blank_consideration_is_missing(void **state)
{
	struct parsed *p = *state;
	static const char yaml[] =
		"id: CHG-004\nstatus: reviewed\napproved_by: ciso\n"
		"approved_on: 2026-01-02\npurpose: \"  \"\nconsequences: b\n"
		"integrity: c\nresources: d\nresponsibilities: e\n";
	const struct diag *d;

	parse_change(p, yaml, 1);
	d = find_rule(&p->diags, "change-missing-consideration");
	assert_non_null(d);
	assert_non_null(strstr(d->message, "its purpose"));
	release_parsed(p);
}

static void
test_change_parse_unknown_person(void **state)
{
	struct parsed *p = *state;
	static const char yaml[] =
		"id: CHG-005\nstatus: proposed\nrequested_by: opps\n"
		"approved_by: nobody\nreview: {by: ciso, date: 2026-05-01, "
		"outcome: fine}\n";

	parse_change(p, yaml, 1);
	assert_int_equal(diag_count_rule(&p->diags, "ref-unknown-person"), 2);
	assert_non_null(strstr(p->diags.items[0].message,
	    "requested_by 'opps' is not a person in isms.yaml "
	    "(did you mean 'ops'?)"));
	assert_int_equal(p->diags.items[0].line, 4);
	assert_non_null(strstr(p->diags.items[1].message,
	    "approved_by 'nobody'"));
	assert_string_equal(p->change.review_by, "ciso");
	assert_int_equal(p->change.has_review_date, 1);
	assert_string_equal(p->change.review_outcome, "fine");
	release_parsed(p);
}

static void
test_change_parse_no_config_skips_people(void **state)
{
	struct parsed *p = *state;

	parse_change(p, "id: CHG-006\nstatus: proposed\nrequested_by: x\n", 0);
	assert_int_equal(p->diags.count, 0);
	release_parsed(p);
}

static void
test_change_parse_unknown_key(void **state)
{
	struct parsed *p = *state;

	parse_change(p, "id: CHG-007\nstatus: proposed\nscop: [a]\n", 1);
	assert_int_equal(diag_count_rule(&p->diags, "unknown-key"), 1);
	release_parsed(p);
}

static void
test_change_parse_invalid_status_and_type(void **state)
{
	struct parsed *p = *state;

	parse_change(p, "id: CHG-008\nstatus: done\ntype: urgent\n", 1);
	assert_int_equal(p->rc, -1);
	assert_int_equal(p->change.has_status, 0);
	assert_int_equal(diag_count(&p->diags, DIAG_ERROR), 2);
	release_parsed(p);

	parse_change(p, "id: CHG-008\ntitle: x\n", 1);
	assert_int_equal(p->rc, -1);
	assert_int_equal(diag_count_rule(&p->diags, "missing-field"), 1);
	release_parsed(p);
}

static void
test_change_parse_emergency_and_scalar_scope(void **state)
{
	struct parsed *p = *state;

	parse_change(p, "id: CHG-009\nstatus: proposed\ntype: emergency\n"
	    "scope: policies/**\n", 1);
	assert_int_equal(p->rc, 0);
	assert_int_equal(p->change.type, CHANGE_EMERGENCY);
	assert_int_equal(p->change.scope.count, 1);
	assert_string_equal(p->change.scope.nodes[0]->value, "policies/**");
	release_parsed(p);
}

static void
test_change_parse_planned_dates_reversed(void **state)
{
	struct parsed *p = *state;
	const struct diag *d;

	parse_change(p, "id: CHG-010\nstatus: proposed\n"
	    "planned: {from: 2026-05-01, to: 2026-04-01}\n", 1);
	d = find_rule(&p->diags, "invalid-value");
	assert_non_null(d);
	assert_non_null(strstr(d->message, "before"));
	release_parsed(p);

	parse_change(p, "id: CHG-010\nstatus: proposed\n"
	    "planned: {from: 2026-05-01, until: 2026-04-01}\n", 1);
	assert_int_equal(diag_count_rule(&p->diags, "unknown-key"), 1);
	release_parsed(p);
}

static void
test_change_status_helpers(void **state)
{
	(void)state;
	assert_string_equal(change_status_name(CHANGE_PROPOSED), "proposed");
	assert_string_equal(change_status_name(CHANGE_WITHDRAWN), "withdrawn");
	assert_int_equal(change_status_is_approved(CHANGE_PROPOSED), 0);
	assert_int_equal(change_status_is_approved(CHANGE_APPROVED), 1);
	assert_int_equal(change_status_is_approved(CHANGE_IMPLEMENTING), 1);
	assert_int_equal(change_status_is_approved(CHANGE_REVIEWED), 1);
	assert_int_equal(change_status_is_approved(CHANGE_REJECTED), 0);
	assert_int_equal(change_status_is_closed(CHANGE_IMPLEMENTING), 0);
	assert_int_equal(change_status_is_closed(CHANGE_IMPLEMENTED), 1);
	assert_int_equal(change_status_is_closed(CHANGE_REVIEWED), 1);
	assert_int_equal(change_status_is_closed(CHANGE_REJECTED), 1);
	assert_int_equal(change_status_is_closed(CHANGE_WITHDRAWN), 1);
}

static void
test_change_parse_implemented_without_date(void **state)
{
	struct parsed *p = *state;
	const struct diag *d;

	parse_change(p, "id: CHG-011\nstatus: implemented\n"
	    "approved_by: ciso\napproved_on: 2026-02-20\n", 1);
	d = find_rule(&p->diags, "change-lifecycle-incomplete");
	assert_non_null(d);
	assert_int_equal(d->severity, DIAG_WARNING);
	assert_string_equal(d->message, "change is 'implemented' but does not "
	    "record implemented_on");
	assert_int_equal(d->line, 3);
	release_parsed(p);
}

static void
test_change_parse_reviewed_without_review(void **state)
{
	struct parsed *p = *state;
	const struct diag *d;

	parse_change(p, "id: CHG-012\nstatus: reviewed\napproved_by: ciso\n"
	    "approved_on: 2026-02-20\nreview: {by: ciso}\n", 1);
	assert_int_equal(diag_count_rule(&p->diags,
	    "change-lifecycle-incomplete"), 1);
	d = find_rule(&p->diags, "change-lifecycle-incomplete");
	assert_string_equal(d->message, "change is 'reviewed' but does not "
	    "record implemented_on, review.date and review.outcome");
	release_parsed(p);

	parse_change(p, "id: CHG-012\nstatus: reviewed\napproved_by: ciso\n"
	    "approved_on: 2026-02-20\nimplemented_on: 2026-03-01\n", 1);
	d = find_rule(&p->diags, "change-lifecycle-incomplete");
	assert_non_null(d);
	assert_string_equal(d->message, "change is 'reviewed' but does not "
	    "record review.by, review.date and review.outcome");
	release_parsed(p);
}

static void
test_change_parse_lifecycle_complete_quiet(void **state)
{
	struct parsed *p = *state;

	parse_change(p, "id: CHG-013\nstatus: reviewed\napproved_by: ciso\n"
	    "approved_on: 2026-02-20\nimplemented_on: 2026-03-01\n"
	    "review: {by: ciso, date: 2026-04-01, outcome: Keys in use}\n",
	    1);
	assert_int_equal(diag_count_rule(&p->diags,
	    "change-lifecycle-incomplete"), 0);
	assert_int_equal(diag_count_rule(&p->diags, "invalid-value"), 0);
	release_parsed(p);

	/* Approved or implementing: nothing is implemented yet. */
	parse_change(p, approved_change, 1);
	assert_int_equal(diag_count_rule(&p->diags,
	    "change-lifecycle-incomplete"), 0);
	release_parsed(p);
}

static void
test_change_parse_implemented_before_approval(void **state)
{
	struct parsed *p = *state;
	const struct diag *d;

	parse_change(p, "id: CHG-014\nstatus: implemented\napproved_by: ciso\n"
	    "approved_on: 2026-02-20\nimplemented_on: 2026-02-10\n", 1);
	d = find_rule(&p->diags, "invalid-value");
	assert_non_null(d);
	assert_int_equal(d->severity, DIAG_ERROR);
	assert_int_equal(d->line, 6);
	assert_non_null(strstr(d->message, "implemented_on 2026-02-10 is "
	    "before approved_on 2026-02-20"));
	release_parsed(p);

	/* An emergency change may be implemented before its approval. */
	parse_change(p, "id: CHG-014\nstatus: implemented\ntype: emergency\n"
	    "approved_by: ciso\napproved_on: 2026-02-20\n"
	    "implemented_on: 2026-02-18\n", 1);
	assert_int_equal(diag_count_rule(&p->diags, "invalid-value"), 0);
	release_parsed(p);
}

static void
test_change_parse_reviewed_before_implemented(void **state)
{
	struct parsed *p = *state;
	const struct diag *d;

	parse_change(p, "id: CHG-015\nstatus: reviewed\napproved_by: ciso\n"
	    "approved_on: 2026-02-20\nimplemented_on: 2026-03-01\n"
	    "review: {by: ciso, date: 2026-02-25, outcome: Fine}\n", 1);
	d = find_rule(&p->diags, "invalid-value");
	assert_non_null(d);
	assert_non_null(strstr(d->message, "review date 2026-02-25 is before "
	    "implemented_on 2026-03-01"));
	release_parsed(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_change_parse_complete_record),
		cmocka_unit_test(test_change_parse_unapproved_without_approver),
		cmocka_unit_test(test_change_parse_unapproved_without_date),
		cmocka_unit_test(test_change_parse_implementing_needs_approval),
		cmocka_unit_test(test_change_parse_proposed_needs_nothing),
		cmocka_unit_test(test_change_parse_missing_considerations_named),
		cmocka_unit_test(test_change_parse_blank_consideration_is_missing),
		cmocka_unit_test(test_change_parse_unknown_person),
		cmocka_unit_test(test_change_parse_no_config_skips_people),
		cmocka_unit_test(test_change_parse_unknown_key),
		cmocka_unit_test(test_change_parse_invalid_status_and_type),
		cmocka_unit_test(test_change_parse_emergency_and_scalar_scope),
		cmocka_unit_test(test_change_parse_planned_dates_reversed),
		cmocka_unit_test(test_change_status_helpers),
		cmocka_unit_test(test_change_parse_implemented_without_date),
		cmocka_unit_test(test_change_parse_reviewed_without_review),
		cmocka_unit_test(test_change_parse_lifecycle_complete_quiet),
		cmocka_unit_test(test_change_parse_implemented_before_approval),
		cmocka_unit_test(test_change_parse_reviewed_before_implemented),
	};

	return cmocka_run_group_tests(tests, setup_config, teardown_config);
}
