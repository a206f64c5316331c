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
#include "document.h"
#include "isms.h"
#include "source.h"
#include "yaml_doc.h"
#include "support/isms_fixture.h"
#include "banned.h"

/*
 * Unit tests of documented information: which frontmatter is a
 * document's, the type checks and people references of document_parse(),
 * the next review date, and the warning document-review-overdue. Parsing
 * is tested on YAML strings; the loader and the review check on an ISMS
 * written into a temporary folder.
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

struct world {
	struct fixture_tree fx;
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

	fixture_tree_close(&w->fx);
	free(w);
	return 0;
}

/* Parses `yaml` as the frontmatter of policies/p.md. */
struct parsed {
	struct config config;
	struct ynode *front;
	struct diag_list diags;
	struct document doc;
	int managed;
};

static struct parsed *
parse(const char *yaml)
{
	struct parsed *p = calloc(1, sizeof(*p));
	struct schema_ctx ctx = { "policies/p.md", NULL, "document" };

	assert_non_null(p);
	assert_int_equal(config_parse(&p->config, CONFIG, strlen(CONFIG),
	    "isms.yaml", &p->diags), 0);
	assert_int_equal(p->diags.count, 0);
	assert_int_equal(yaml_doc_parse(&p->front, yaml, strlen(yaml),
	    "policies/p.md", 1, &p->diags), 0);
	ctx.diags = &p->diags;
	p->managed = document_parse(&p->doc, p->front, &p->config, &ctx);
	return p;
}

static void
parsed_free(struct parsed *p)
{
	ynode_free(p->front);
	config_release(&p->config);
	diag_list_release(&p->diags);
	free(p);
}

static const struct diag *
diag_of(const struct diag_list *diags, const char *rule)
{
	for (size_t i = 0; i < diags->count; i++)
		if (strcmp(diags->items[i].rule, rule) == 0)
			return &diags->items[i];
	fail_msg("no diagnostic '%s'", rule);
	return NULL;
}

static int
day(const char *text)
{
	int days;

	assert_int_equal(date_parse(text, &days), 0);
	return days;
}

static void
test_document_parse_all_keys(void **state)
{
	struct parsed *p = parse("id: POL-001\ntitle: Security policy\n"
	    "kind: policy\nowner: ciso\napproved_by: cto\n"
	    "approved_on: 2026-01-15\nreview_every: 12 months\n");
	int next;

	(void)state;
	assert_true(p->managed);
	assert_int_equal(p->diags.count, 0);
	assert_string_equal(p->doc.id, "POL-001");
	assert_string_equal(p->doc.title, "Security policy");
	assert_int_equal(p->doc.kind, DOCUMENT_POLICY);
	assert_string_equal(p->doc.owner, "ciso");
	assert_string_equal(p->doc.approved_by, "cto");
	assert_true(p->doc.has_approved_on);
	assert_int_equal(p->doc.approved_on, day("2026-01-15"));
	assert_true(p->doc.has_review_every);
	assert_true(document_next_review(&p->doc, &next));
	assert_int_equal(next, day("2027-01-15"));
	parsed_free(p);
}

static void
test_document_parse_foreign_frontmatter(void **state)
{
	static const char *const cases[] = {
		"title: About us\nlayout: page\ndate: 2026-01-01\n",
		"name: System Change Policy\nacronym: SCP\n",
		"id: \"patch\"\nname: Apply OS patches\ncron: \"0 0 0 15 * *\"\n",
		"kind: internal\ntitle: Not a document kind\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct parsed *p = parse(cases[i]);

		assert_false(p->managed);
		assert_false(p->doc.managed);
		assert_int_equal(p->diags.count, 0);
		parsed_free(p);
	}
}

static void
test_document_parse_kind_alone(void **state)
{
	struct parsed *p = parse("title: Backup procedure\nkind: procedure\n");
	int next;

	(void)state;
	assert_true(p->managed);
	assert_int_equal(p->doc.kind, DOCUMENT_PROCEDURE);
	assert_false(document_next_review(&p->doc, &next));
	assert_string_equal(document_kind_name(p->doc.kind), "procedure");
	assert_int_equal(document_kind_lookup("document"), DOCUMENT_GENERIC);
	assert_int_equal(document_kind_lookup("manual"), -1);
	parsed_free(p);
}

static void
test_document_parse_unknown_key(void **state)
{
	struct parsed *p = parse("owner: ciso\naproved_by: cto\n");

	(void)state;
	assert_true(p->managed);
	assert_non_null(strstr(diag_of(&p->diags, "unknown-key")->message,
	    "approved_by"));
	parsed_free(p);
}

static void
test_document_parse_invalid_values(void **state)
{
	struct parsed *p = parse("owner: ciso\nkind: manual\n"
	    "approved_on: 2026-02-30\nreview_every: every year\n");

	(void)state;
	assert_int_equal(diag_count_rule(&p->diags, "invalid-value"), 2);
	assert_int_equal(diag_count_rule(&p->diags, "invalid-date"), 1);
	assert_false(p->doc.has_approved_on);
	assert_false(p->doc.has_review_every);
	parsed_free(p);
}

static void
test_document_parse_unknown_person(void **state)
{
	struct parsed *p = parse("owner: cisoo\napproved_by: board\n");
	const struct diag *d;

	(void)state;
	assert_int_equal(diag_count_rule(&p->diags, "ref-unknown-person"), 2);
	d = diag_of(&p->diags, "ref-unknown-person");
	assert_int_equal(d->severity, DIAG_ERROR);
	assert_int_equal(d->line, 2);
	assert_non_null(strstr(d->message, "document owner 'cisoo'"));
	assert_non_null(strstr(d->message, "did you mean 'ciso'?"));
	assert_non_null(strstr(p->diags.items[1].message,
	    "document approver 'board'"));
	parsed_free(p);
}

static void
test_document_parse_wrong_type(void **state)
{
	struct parsed *p = parse("owner: [ciso, cto]\n");

	(void)state;
	assert_true(p->managed);
	assert_int_equal(diag_count_rule(&p->diags, "wrong-type"), 1);
	assert_null(p->doc.owner);
	parsed_free(p);
}

static void
load(struct world *w)
{
	fixture_tree_load(&w->fx);
}

static const struct record *
record_at(const struct world *w, const char *path)
{
	for (size_t i = 0; i < w->fx.isms.record_count; i++)
		if (strcmp(w->fx.isms.records[i].path, path) == 0)
			return &w->fx.isms.records[i];
	fail_msg("no file '%s'", path);
	return NULL;
}

static void
test_isms_load_documents(void **state)
{
	struct world *w = *state;
	const struct record *rec;

	fixture_tree_write(&w->fx, "policies/a.md",
	    "---\nid: POL-001\ntitle: A\n"
	    "kind: policy\nowner: ciso\n---\n# A\n");
	fixture_tree_write(&w->fx, "policies/b.md",
	    "---\ntitle: B\nlayout: page\n---\n");
	fixture_tree_write(&w->fx, "notes.md", "# Notes\n");
	load(w);

	assert_int_equal(w->fx.diags.count, 0);
	rec = record_at(w, "policies/a.md");
	assert_int_equal(rec->kind, KIND_DOCUMENT);
	assert_non_null(rec->document);
	assert_string_equal(rec->document->owner, "ciso");
	assert_string_equal(rec->title, "A");
	assert_null(record_at(w, "policies/b.md")->document);
	assert_null(record_at(w, "notes.md")->document);
}

static void
test_document_check_reviews_overdue(void **state)
{
	struct world *w = *state;
	struct diag_list reviews = DIAG_LIST_INIT;

	fixture_tree_write(&w->fx, "policies/old.md",
	    "---\nowner: ciso\napproved_by: cto\n"
	    "approved_on: 2025-05-31\nreview_every: 12 months\n---\n");
	fixture_tree_write(&w->fx, "policies/due.md",
	    "---\nowner: ciso\napproved_by: cto\n"
	    "approved_on: 2025-06-01\nreview_every: 12 months\n---\n");
	fixture_tree_write(&w->fx, "policies/new.md", "---\nowner: ciso\n"
	    "review_every: 1 month\n---\n");
	load(w);
	assert_int_equal(w->fx.diags.count, 0);

	document_check_reviews(&w->fx.isms, day("2026-06-01"), &reviews);
	assert_int_equal(reviews.count, 1);
	assert_string_equal(reviews.items[0].rule, "document-review-overdue");
	assert_int_equal(reviews.items[0].severity, DIAG_WARNING);
	assert_string_equal(reviews.items[0].path, "policies/old.md");
	assert_int_equal(reviews.items[0].line, 4);
	assert_string_equal(reviews.items[0].message, "review was due on "
	    "'2026-05-31', 12 months after the approval on '2025-05-31'; "
	    "review the document and record the new approval in "
	    "'approved_on'");
	diag_list_release(&reviews);
}

static void
test_document_check_reviews_approved_in_future(void **state)
{
	struct world *w = *state;
	struct diag_list found = DIAG_LIST_INIT;

	fixture_tree_write(&w->fx, "policies/later.md", "---\nowner: ciso\n"
	    "approved_by: cto\napproved_on: 2026-06-02\n"
	    "review_every: 12 months\n---\n");
	fixture_tree_write(&w->fx, "policies/today.md", "---\nowner: ciso\n"
	    "approved_by: cto\napproved_on: 2026-06-01\n---\n");
	load(w);
	assert_int_equal(w->fx.diags.count, 0);

	document_check_reviews(&w->fx.isms, day("2026-06-01"), &found);
	assert_int_equal(found.count, 1);
	assert_string_equal(found.items[0].rule, "date-in-future");
	assert_int_equal(found.items[0].severity, DIAG_ERROR);
	assert_string_equal(found.items[0].path, "policies/later.md");
	assert_int_equal(found.items[0].line, 4);
	assert_string_equal(found.items[0].message, "'approved_on' is "
	    "'2026-06-02', after today ('2026-06-01'); record the date it "
	    "happened");
	diag_list_release(&found);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document_parse_all_keys),
		cmocka_unit_test(test_document_parse_foreign_frontmatter),
		cmocka_unit_test(test_document_parse_kind_alone),
		cmocka_unit_test(test_document_parse_unknown_key),
		cmocka_unit_test(test_document_parse_invalid_values),
		cmocka_unit_test(test_document_parse_unknown_person),
		cmocka_unit_test(test_document_parse_wrong_type),
		cmocka_unit_test_setup_teardown(test_isms_load_documents,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_document_check_reviews_overdue, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_document_check_reviews_approved_in_future, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
