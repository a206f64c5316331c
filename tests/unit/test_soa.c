#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "diag.h"
#include "soa.h"
#include "banned.h"

/*
 * Unit tests of soa_parse() and soa_find(). Most tests generate a
 * Statement of Applicability that lists all 93 Annex A controls of
 * ISO/IEC 27001:2022 and then change one thing about it.
 */

/* Annex A themes 5 to 8 and how many controls each contains. */
static const int theme_sizes[][2] = { { 5, 37 }, { 6, 8 }, { 7, 14 },
	{ 8, 34 } };

#define ANNEX_A_COUNT 93

/* How to change the generated document. */
struct variant {
	const char *skip;		/* leave this control id out */
	const char *replace;		/* write `entry` in place of this id */
	const char *entry;		/* the flow map for `replace` */
	const char *append;		/* more lines after the last control */
};

/*
 * Writes a Statement of Applicability with every Annex A control, one
 * per line from line 2 on: control "5.1" is on line 2, "8.34" on line 94.
 */
static void
build_soa(struct buf *out, const struct variant *v)
{
	char id[16];

	buf_puts(out, "controls:\n");
	for (size_t t = 0; t < sizeof(theme_sizes) / sizeof(theme_sizes[0]);
	    t++) {
		for (int n = 1; n <= theme_sizes[t][1]; n++) {
			snprintf(id, sizeof(id), "%d.%d", theme_sizes[t][0], n);
			if (v && v->skip && strcmp(v->skip, id) == 0)
				continue;
			if (v && v->replace && strcmp(v->replace, id) == 0) {
				buf_printf(out, "  - %s\n", v->entry);
				continue;
			}
			buf_printf(out, "  - {id: \"%s\", title: Control %s, "
			    "applicable: true, status: implemented, "
			    "justification: Needed for risk treatment}\n", id,
			    id);
		}
	}
	if (v && v->append)
		buf_puts(out, v->append);
}

struct parsed {
	struct soa soa;
	struct diag_list diags;
	int rc;
};

static void
dump(const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->count; i++)
		print_message("  %s:%zu:%zu [%s] %s\n", diags->items[i].path,
		    diags->items[i].line, diags->items[i].col,
		    diags->items[i].rule, diags->items[i].message);
}

static void
parse_text(struct parsed *p, const char *text)
{
	memset(p, 0, sizeof(*p));
	p->rc = soa_parse(&p->soa, text, strlen(text), &p->diags);
}

static void
parse_variant(struct parsed *p, const struct variant *v)
{
	struct buf text = BUF_INIT;

	build_soa(&text, v);
	parse_text(p, text.ptr);
	buf_release(&text);
}

static void
parsed_release(struct parsed *p)
{
	soa_release(&p->soa);
	diag_list_release(&p->diags);
}

static void
expect_rule(const struct parsed *p, const char *rule, size_t count)
{
	size_t n = diag_count_rule(&p->diags, rule);

	if (n != count)
		dump(&p->diags);
	assert_int_equal(n, count);
}

static void
expect_only(const struct parsed *p, const char *rule)
{
	if (p->diags.count != 1)
		dump(&p->diags);
	assert_int_equal(p->diags.count, 1);
	assert_string_equal(p->diags.items[0].rule, rule);
	assert_string_equal(p->diags.items[0].path, SOA_PATH);
	assert_int_equal(p->diags.items[0].severity, DIAG_ERROR);
}

static void
assert_contains(const char *text, const char *part)
{
	if (!text || !strstr(text, part))
		fail_msg("'%s' does not contain '%s'", text ? text : "(null)",
		    part);
}

static void
test_soa_parse_full_annex_a_quiet(void **state)
{
	struct parsed p;

	(void)state;
	parse_variant(&p, NULL);
	assert_int_equal(p.rc, 0);
	if (p.diags.count)
		dump(&p.diags);
	assert_int_equal(p.diags.count, 0);
	assert_int_equal(p.soa.count, ANNEX_A_COUNT);
	assert_non_null(p.soa.doc);
	assert_string_equal(p.soa.controls[0].id, "5.1");
	assert_string_equal(p.soa.controls[ANNEX_A_COUNT - 1].id, "8.34");
	assert_int_equal(p.soa.controls[ANNEX_A_COUNT - 1].node->line, 94);
	parsed_release(&p);
}

static void
test_soa_parse_reads_fields(void **state)
{
	static const struct variant v = { .replace = "7.4", .entry =
	    "{id: \"7.4\", title: Physical security monitoring, "
	    "applicable: false, status: not-applicable, "
	    "justification: No premises of our own}" };
	const struct control *c;
	struct parsed p;

	(void)state;
	parse_variant(&p, &v);
	assert_int_equal(p.diags.count, 0);
	c = soa_find(&p.soa, "7.4");
	assert_non_null(c);
	assert_string_equal(c->title, "Physical security monitoring");
	assert_false(c->applicable);
	assert_int_equal(c->status, CONTROL_NOT_APPLICABLE);
	assert_string_equal(c->justification, "No premises of our own");

	c = soa_find(&p.soa, "5.1");
	assert_non_null(c);
	assert_true(c->applicable);
	assert_int_equal(c->status, CONTROL_IMPLEMENTED);
	parsed_release(&p);
}

static void
test_soa_parse_status_defaults_to_planned(void **state)
{
	static const struct variant v = { .replace = "8.13", .entry =
	    "{id: \"8.13\", title: Backup, applicable: true}" };
	struct parsed p;

	(void)state;
	parse_variant(&p, &v);
	assert_int_equal(p.diags.count, 0);
	assert_int_equal(soa_find(&p.soa, "8.13")->status, CONTROL_PLANNED);
	parsed_release(&p);
}

static void
test_soa_parse_organisation_control_quiet(void **state)
{
	static const struct variant v = { .append =
	    "  - {id: ORG-1, title: Customer audit rights, applicable: true, "
	    "status: planned, justification: Contract terms}\n" };
	struct parsed p;

	(void)state;
	parse_variant(&p, &v);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.diags.count, 0);
	assert_int_equal(p.soa.count, ANNEX_A_COUNT + 1);
	assert_non_null(soa_find(&p.soa, "ORG-1"));
	parsed_release(&p);
}

static void
test_soa_parse_missing_control(void **state)
{
	static const char *const ids[] = { "5.1", "5.37", "6.3", "7.14",
		"8.34" };

	(void)state;
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct variant v = { .skip = ids[i] };
		struct parsed p;
		char quoted[16];

		parse_variant(&p, &v);
		assert_int_equal(p.rc, 0);
		assert_int_equal(p.soa.count, ANNEX_A_COUNT - 1);
		expect_only(&p, "soa-missing-control");
		snprintf(quoted, sizeof(quoted), "'%s'", ids[i]);
		assert_contains(p.diags.items[0].message, quoted);
		assert_null(soa_find(&p.soa, ids[i]));
		parsed_release(&p);
	}
}

static void
test_soa_parse_missing_control_id_with_space(void **state)
{
	/* "5.1 " with a trailing space is another id, so "5.1" is missing. */
	static const struct variant v = { .replace = "5.1", .entry =
	    "{id: \"5.1 \", title: Policies, applicable: true, "
	    "status: implemented}" };
	struct parsed p;

	(void)state;
	parse_variant(&p, &v);
	expect_only(&p, "soa-missing-control");
	assert_contains(p.diags.items[0].message, "'5.1'");
	parsed_release(&p);
}

static void
test_soa_parse_every_control_missing(void **state)
{
	struct parsed p;

	(void)state;
	parse_text(&p, "controls: []\n");
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.soa.count, 0);
	expect_rule(&p, "soa-missing-control", ANNEX_A_COUNT);
	assert_int_equal(p.diags.count, ANNEX_A_COUNT);
	parsed_release(&p);
}

static void
test_soa_parse_duplicate_control(void **state)
{
	static const struct variant v = { .append =
	    "  - {id: \"5.1\", title: Policies again, applicable: true, "
	    "status: planned}\n" };
	struct parsed p;

	(void)state;
	parse_variant(&p, &v);
	assert_int_equal(p.rc, 0);
	expect_only(&p, "soa-duplicate-control");
	assert_int_equal(p.diags.items[0].line, 95);
	assert_contains(p.diags.items[0].message, "'5.1'");
	assert_contains(p.diags.items[0].message, "line 2");

	/* soa_find() returns the first entry. */
	assert_string_equal(soa_find(&p.soa, "5.1")->title, "Control 5.1");
	parsed_release(&p);
}

static void
test_soa_parse_exclusion_unjustified(void **state)
{
	static const struct variant v = { .replace = "7.4", .entry =
	    "{id: \"7.4\", title: Monitoring, applicable: false, "
	    "status: not-applicable}" };
	struct parsed p;

	(void)state;
	parse_variant(&p, &v);
	assert_int_equal(p.rc, 0);
	expect_only(&p, "soa-exclusion-unjustified");
	assert_int_equal(p.diags.items[0].line, 2 + 37 + 8 + 3);
	assert_contains(p.diags.items[0].message, "'7.4'");
	parsed_release(&p);
}

static void
test_soa_parse_exclusion_blank_justification(void **state)
{
	static const char *const blanks[] = { "\"\"", "\"   \"", "\"\\t\"" };

	(void)state;
	for (size_t i = 0; i < sizeof(blanks) / sizeof(blanks[0]); i++) {
		struct buf entry = BUF_INIT;
		struct variant v = { .replace = "7.4" };
		struct parsed p;

		buf_printf(&entry, "{id: \"7.4\", title: Monitoring, "
		    "applicable: false, status: not-applicable, "
		    "justification: %s}", blanks[i]);
		v.entry = entry.ptr;
		parse_variant(&p, &v);
		expect_only(&p, "soa-exclusion-unjustified");
		assert_null(soa_find(&p.soa, "7.4")->justification);
		parsed_release(&p);
		buf_release(&entry);
	}
}

static void
test_soa_parse_exclusion_justified_quiet(void **state)
{
	static const struct variant v = { .replace = "7.4", .entry =
	    "{id: \"7.4\", title: Monitoring, applicable: false, "
	    "status: not-applicable, justification: No premises}" };
	struct parsed p;

	(void)state;
	parse_variant(&p, &v);
	expect_rule(&p, "soa-exclusion-unjustified", 0);
	assert_int_equal(p.diags.count, 0);
	parsed_release(&p);
}

static void
test_soa_parse_applicable_unjustified_quiet(void **state)
{
	static const struct variant v = { .replace = "5.2", .entry =
	    "{id: \"5.2\", title: Roles, applicable: true, "
	    "status: implemented}" };
	struct parsed p;

	(void)state;
	parse_variant(&p, &v);
	assert_int_equal(p.diags.count, 0);
	parsed_release(&p);
}

static void
test_soa_parse_status_mismatch(void **state)
{
	static const struct {
		const char *entry;
		const char *part;
	} cases[] = {
		{ "{id: \"8.1\", title: Devices, applicable: false, "
		  "status: implemented, justification: None}",
		  "not applicable but has status 'implemented'" },
		{ "{id: \"8.1\", title: Devices, applicable: false, "
		  "justification: None}",
		  "not applicable but has status 'planned'" },
		{ "{id: \"8.1\", title: Devices, applicable: true, "
		  "status: not-applicable, justification: None}",
		  "is applicable but has status 'not-applicable'" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct variant v = { .replace = "8.1", .entry =
		    cases[i].entry };
		struct parsed p;

		parse_variant(&p, &v);
		assert_int_equal(p.rc, 0);
		expect_only(&p, "soa-status");
		assert_contains(p.diags.items[0].message, "'8.1'");
		assert_contains(p.diags.items[0].message, cases[i].part);
		parsed_release(&p);
	}
}

static void
test_soa_parse_no_controls_key(void **state)
{
	struct parsed p;

	(void)state;
	parse_text(&p, "title: Statement\n");
	assert_int_equal(p.rc, -1);
	expect_rule(&p, "missing-field", 1);
	expect_rule(&p, "soa-missing-control", 0);
	parsed_release(&p);
}

static void
test_soa_parse_controls_not_sequence(void **state)
{
	struct parsed p;

	(void)state;
	parse_text(&p, "controls: {id: \"5.1\"}\n");
	assert_int_equal(p.rc, -1);
	expect_rule(&p, "wrong-type", 1);
	parsed_release(&p);
}

static void
test_soa_find_by_exact_id(void **state)
{
	struct parsed p;

	(void)state;
	parse_variant(&p, NULL);
	assert_non_null(soa_find(&p.soa, "5.1"));
	assert_string_equal(soa_find(&p.soa, "5.1")->id, "5.1");
	assert_string_equal(soa_find(&p.soa, "5.10")->id, "5.10");
	assert_string_equal(soa_find(&p.soa, "8.34")->title, "Control 8.34");
	assert_null(soa_find(&p.soa, "8.35"));
	assert_null(soa_find(&p.soa, "9.1"));
	assert_null(soa_find(&p.soa, "5."));
	assert_null(soa_find(&p.soa, ""));
	assert_null(soa_find(&p.soa, "A.5.1"));
	parsed_release(&p);
}

static void
test_soa_find_empty_soa(void **state)
{
	struct soa soa;

	(void)state;
	memset(&soa, 0, sizeof(soa));
	assert_null(soa_find(&soa, "5.1"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_soa_parse_full_annex_a_quiet),
		cmocka_unit_test(test_soa_parse_reads_fields),
		cmocka_unit_test(test_soa_parse_status_defaults_to_planned),
		cmocka_unit_test(test_soa_parse_organisation_control_quiet),
		cmocka_unit_test(test_soa_parse_missing_control),
		cmocka_unit_test(test_soa_parse_missing_control_id_with_space),
		cmocka_unit_test(test_soa_parse_every_control_missing),
		cmocka_unit_test(test_soa_parse_duplicate_control),
		cmocka_unit_test(test_soa_parse_exclusion_unjustified),
		cmocka_unit_test(test_soa_parse_exclusion_blank_justification),
		cmocka_unit_test(test_soa_parse_exclusion_justified_quiet),
		cmocka_unit_test(test_soa_parse_applicable_unjustified_quiet),
		cmocka_unit_test(test_soa_parse_status_mismatch),
		cmocka_unit_test(test_soa_parse_no_controls_key),
		cmocka_unit_test(test_soa_parse_controls_not_sequence),
		cmocka_unit_test(test_soa_find_by_exact_id),
		cmocka_unit_test(test_soa_find_empty_soa),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
