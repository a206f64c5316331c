#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"
#include "diag.h"
#include "schema.h"
#include "yaml_doc.h"
#include "banned.h"

static const char *const risk_keys[] = {
	"id", "title", "owner", "status", "due", "likelihood", NULL
};

static const char *const risk_statuses[] = {
	"identified", "assessed", "treating", "accepted", "closed", NULL
};

struct doc {
	struct ynode *root;
	struct diag_list diags;
	struct schema_ctx ctx;
};

/* Parses `text`, which must be valid YAML, and sets up a context. */
static void
load(struct doc *d, const char *text)
{
	struct diag_list empty = DIAG_LIST_INIT;

	d->diags = empty;
	assert_int_equal(yaml_doc_parse(&d->root, text, strlen(text),
	    "risks/RSK-001-x.md", 1, &d->diags), 0);
	d->ctx.path = "risks/RSK-001-x.md";
	d->ctx.diags = &d->diags;
	d->ctx.what = "risk";
}

static void
unload(struct doc *d)
{
	ynode_free(d->root);
	diag_list_release(&d->diags);
}

/* Asserts exactly one diagnostic, with this rule, place and message. */
static void
assert_diag(const struct doc *d, enum diag_severity severity,
    const char *rule, size_t line, size_t col, const char *message)
{
	assert_int_equal(d->diags.count, 1);
	assert_int_equal(d->diags.items[0].severity, severity);
	assert_string_equal(d->diags.items[0].rule, rule);
	assert_string_equal(d->diags.items[0].path, "risks/RSK-001-x.md");
	assert_int_equal(d->diags.items[0].line, line);
	assert_int_equal(d->diags.items[0].col, col);
	assert_string_equal(d->diags.items[0].message, message);
}

static void
assert_quiet(const struct doc *d)
{
	if (d->diags.count)
		fail_msg("unexpected diagnostic: %s [%s]",
		    d->diags.items[0].message, d->diags.items[0].rule);
}

static void
test_schema_check_keys_suggests_close_key(void **state)
{
	struct doc d;

	(void)state;
	load(&d, "id: RSK-001\nownr: alice\n");
	schema_check_keys(&d.ctx, d.root, risk_keys, "risk");
	assert_diag(&d, DIAG_ERROR, "unknown-key", 3, 1,
	    "unknown key 'ownr' in risk; did you mean 'owner'?");
	unload(&d);
}

static void
test_schema_check_keys_without_suggestion(void **state)
{
	struct doc d;

	(void)state;
	load(&d, "colour: blue\n");
	schema_check_keys(&d.ctx, d.root, risk_keys, "risk");
	assert_diag(&d, DIAG_ERROR, "unknown-key", 2, 1,
	    "unknown key 'colour' in risk");
	unload(&d);
}

static void
test_schema_check_keys_boolean_names(void **state)
{
	static const char *const names[] = { "on", "yes", "no", "off", "Y" };

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		char text[32], expected[128];
		struct doc d;

		snprintf(text, sizeof(text), "%s: x\n", names[i]);
		snprintf(expected, sizeof(expected), "unknown key '%s' in "
		    "risk; YAML 1.1 tools read this key as a boolean",
		    names[i]);
		load(&d, text);
		schema_check_keys(&d.ctx, d.root, risk_keys, "risk");
		assert_diag(&d, DIAG_ERROR, "unknown-key", 2, 1, expected);
		unload(&d);
	}
}

static void
test_schema_check_keys_quoted_boolean_name(void **state)
{
	struct doc d;

	(void)state;
	load(&d, "'on': x\n");
	schema_check_keys(&d.ctx, d.root, risk_keys, "risk");
	assert_diag(&d, DIAG_ERROR, "unknown-key", 2, 1,
	    "unknown key 'on' in risk");
	unload(&d);
}

static void
test_schema_check_keys_quiet_on_known_keys(void **state)
{
	struct doc d;

	(void)state;
	load(&d, "id: RSK-001\nowner: alice\nstatus: assessed\n");
	schema_check_keys(&d.ctx, d.root, risk_keys, "risk");
	assert_quiet(&d);
	schema_check_keys(&d.ctx, NULL, risk_keys, "risk");
	assert_quiet(&d);
	unload(&d);
}

static void
test_schema_check_keys_escapes_key(void **state)
{
	struct doc d;

	(void)state;
	load(&d, "\"a\\tb\": 1\n");
	schema_check_keys(&d.ctx, d.root, risk_keys, "risk");
	assert_diag(&d, DIAG_ERROR, "unknown-key", 2, 1,
	    "unknown key 'a\\tb' in risk");
	unload(&d);
}

static void
test_schema_expect_map_wrong_type(void **state)
{
	struct doc d;

	(void)state;
	load(&d, "- a\n");
	assert_int_equal(schema_expect_map(&d.ctx, d.root, "risk"), 0);
	assert_diag(&d, DIAG_ERROR, "wrong-type", 2, 1,
	    "risk must be a mapping, not a sequence");
	unload(&d);
}

static void
test_schema_expect_map_quiet_on_map(void **state)
{
	struct doc d;

	(void)state;
	load(&d, "a: 1\n");
	assert_int_equal(schema_expect_map(&d.ctx, d.root, "risk"), 1);
	assert_int_equal(schema_expect_map(&d.ctx, NULL, "risk"), 0);
	assert_quiet(&d);
	unload(&d);
}

static void
test_schema_get_string_present(void **state)
{
	const char *owner = NULL;
	struct doc d;

	(void)state;
	load(&d, "owner: alice\n");
	assert_int_equal(schema_get_string(&d.ctx, d.root, "owner",
	    SCHEMA_REQUIRED, &owner), 1);
	assert_string_equal(owner, "alice");
	assert_quiet(&d);
	unload(&d);
}

static void
test_schema_get_string_absent_optional(void **state)
{
	const char *owner = NULL;
	struct doc d;

	(void)state;
	load(&d, "id: RSK-001\nowner:\ntitle: ~\n");
	assert_int_equal(schema_get_string(&d.ctx, d.root, "due",
	    SCHEMA_OPTIONAL, &owner), 0);
	assert_int_equal(schema_get_string(&d.ctx, d.root, "owner",
	    SCHEMA_OPTIONAL, &owner), 0);
	assert_int_equal(schema_get_string(&d.ctx, d.root, "title",
	    SCHEMA_OPTIONAL, &owner), 0);
	assert_null(owner);
	assert_quiet(&d);
	unload(&d);
}

static void
test_schema_get_string_missing_field(void **state)
{
	const char *owner = NULL;
	struct doc d;

	(void)state;
	load(&d, "id: RSK-001\n");
	assert_int_equal(schema_get_string(&d.ctx, d.root, "owner",
	    SCHEMA_REQUIRED, &owner), 0);
	assert_diag(&d, DIAG_ERROR, "missing-field", 2, 1,
	    "risk has no 'owner'; add 'owner: <value>'");
	unload(&d);
}

static void
test_schema_get_string_missing_field_default_noun(void **state)
{
	const char *name = NULL;
	struct doc d;

	(void)state;
	load(&d, "a: 1\n");
	d.ctx.what = NULL;
	assert_int_equal(schema_get_string(&d.ctx, d.root, "name",
	    SCHEMA_REQUIRED, &name), 0);
	assert_diag(&d, DIAG_ERROR, "missing-field", 2, 1,
	    "mapping has no 'name'; add 'name: <value>'");
	unload(&d);
}

static void
test_schema_get_string_null_required(void **state)
{
	const char *owner = NULL;
	struct doc d;

	(void)state;
	load(&d, "id: RSK-001\nowner:\n");
	assert_int_equal(schema_get_string(&d.ctx, d.root, "owner",
	    SCHEMA_REQUIRED, &owner), 0);
	assert_diag(&d, DIAG_ERROR, "missing-field", 3, 1,
	    "'owner' in risk has no value; write one after 'owner:'");
	unload(&d);
}

static void
test_schema_get_string_wrong_type(void **state)
{
	const char *value = NULL;
	struct doc d;

	(void)state;
	load(&d, "likelihood:\n  level: 3\n");
	assert_int_equal(schema_get_string(&d.ctx, d.root, "likelihood",
	    SCHEMA_REQUIRED, &value), -1);
	assert_diag(&d, DIAG_ERROR, "wrong-type", 3, 3,
	    "'likelihood' must be a scalar, not a mapping");
	unload(&d);
}

static void
test_schema_get_string_ambiguous_scalars(void **state)
{
	static const struct {
		const char *text;
		const char *reading;
	} cases[] = {
		{ "no", "a boolean" },
		{ "yes", "a boolean" },
		{ "On", "a boolean" },
		{ "OFF", "a boolean" },
		{ "y", "a boolean" },
		{ "N", "a boolean" },
		{ "true", "a boolean" },
		{ "False", "a boolean" },
		{ "0755", "the octal number 0755 (493)" },
		{ "-010", "the octal number -010 (-8)" },
		{ "1:20", "the base-60 number 1:20 (80)" },
		{ "190:20:30", "the base-60 number 190:20:30 (685230)" },
		{ "1:20.5", "the base-60 number 1:20.5 (80.5)" },
		{ "5.10", "the number 5.1" },
		{ "10.", "the number 10" },
		{ "1.0e+3", "the number 1000" },
		{ ".5", "the number 0.5" },
		{ "0.00001", "the number 1e-05" },
		{ "0x1f", "the number 31" },
		{ "0b101", "the number 5" },
		{ "1_000", "the number 1000" },
		{ "+5", "the number 5" },
		{ "-0", "the number 0" },
		{ ".inf", "infinity" },
		{ "-.Inf", "minus infinity" },
		{ ".NaN", "not-a-number (NaN)" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char text[64], expected[256];
		const char *value = NULL;
		struct doc d;

		snprintf(text, sizeof(text), "title: %s\n", cases[i].text);
		snprintf(expected, sizeof(expected), "'%s' is read as the "
		    "string \"%s\" here, but YAML 1.1 tools read it as %s; "
		    "quote it", cases[i].text, cases[i].text,
		    cases[i].reading);
		load(&d, text);
		assert_int_equal(schema_get_string(&d.ctx, d.root, "title",
		    SCHEMA_REQUIRED, &value), 1);
		assert_string_equal(value, cases[i].text);
		assert_diag(&d, DIAG_ERROR, "yaml-ambiguous-scalar", 2, 8,
		    expected);
		unload(&d);
	}
}

static void
test_schema_get_string_quiet_on_unambiguous(void **state)
{
	static const char *const texts[] = {
		"alice", "'no'", "\"0755\"", "'1:20'", "5", "-5", "0",
		"5.0", "5.5", "-0.25", "0.1", "1.2.3", "1e3", "08", "0:30",
		"2026-01-01", "yesterday", "nobody", "RSK-001", "12 months",
		"+.5", "1:60", "0x", "0b", "3.14159",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		char text[64];
		const char *value = NULL;
		struct doc d;

		snprintf(text, sizeof(text), "title: %s\n", texts[i]);
		load(&d, text);
		assert_int_equal(schema_get_string(&d.ctx, d.root, "title",
		    SCHEMA_REQUIRED, &value), 1);
		assert_quiet(&d);
		unload(&d);
	}
}

static void
test_schema_get_enum_valid(void **state)
{
	struct doc d;
	int status = -1;

	(void)state;
	load(&d, "status: treating\n");
	assert_int_equal(schema_get_enum(&d.ctx, d.root, "status",
	    SCHEMA_REQUIRED, risk_statuses, &status), 1);
	assert_int_equal(status, 2);
	assert_quiet(&d);
	unload(&d);
}

static void
test_schema_get_enum_invalid_value(void **state)
{
	struct doc d;
	int status = -1;

	(void)state;
	load(&d, "status: open\n");
	assert_int_equal(schema_get_enum(&d.ctx, d.root, "status",
	    SCHEMA_REQUIRED, risk_statuses, &status), -1);
	assert_diag(&d, DIAG_ERROR, "invalid-value", 2, 9,
	    "'status' must be one of identified, assessed, treating, "
	    "accepted, closed; got 'open'");
	assert_int_equal(status, -1);
	unload(&d);
}

static void
test_schema_get_enum_suggests_value(void **state)
{
	struct doc d;
	int status = -1;

	(void)state;
	load(&d, "status: acepted\n");
	assert_int_equal(schema_get_enum(&d.ctx, d.root, "status",
	    SCHEMA_REQUIRED, risk_statuses, &status), -1);
	assert_diag(&d, DIAG_ERROR, "invalid-value", 2, 9,
	    "'status' must be one of identified, assessed, treating, "
	    "accepted, closed; got 'acepted' (did you mean 'accepted'?)");
	unload(&d);
}

static void
test_schema_get_enum_missing_field(void **state)
{
	struct doc d;
	int status = -1;

	(void)state;
	load(&d, "id: RSK-001\n");
	assert_int_equal(schema_get_enum(&d.ctx, d.root, "status",
	    SCHEMA_REQUIRED, risk_statuses, &status), 0);
	assert_diag(&d, DIAG_ERROR, "missing-field", 2, 1,
	    "risk has no 'status'; add 'status: <value>'");
	unload(&d);
}

static void
test_schema_get_date_valid(void **state)
{
	struct doc d;
	int due = 0, expected;

	(void)state;
	load(&d, "due: 2026-02-28\nreview: '2024-02-29'\n");
	assert_int_equal(schema_get_date(&d.ctx, d.root, "due",
	    SCHEMA_REQUIRED, &due), 1);
	assert_int_equal(date_parse("2026-02-28", &expected), 0);
	assert_int_equal(due, expected);
	assert_int_equal(schema_get_date(&d.ctx, d.root, "review",
	    SCHEMA_REQUIRED, &due), 1);
	assert_quiet(&d);
	unload(&d);
}

static void
test_schema_get_date_invalid_date(void **state)
{
	static const char *const bad[] = {
		"2026-02-30", "2026-13-01", "30.01.2026", "Jun 1 2018",
		"2026-1-5",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char text[64], expected[128];
		struct doc d;
		int due = 0;

		snprintf(text, sizeof(text), "due: %s\n", bad[i]);
		snprintf(expected, sizeof(expected), "invalid date '%s' for "
		    "'due'; use YYYY-MM-DD", bad[i]);
		load(&d, text);
		assert_int_equal(schema_get_date(&d.ctx, d.root, "due",
		    SCHEMA_REQUIRED, &due), -1);
		assert_diag(&d, DIAG_ERROR, "invalid-date", 2, 6, expected);
		unload(&d);
	}
}

static void
test_schema_get_date_wrong_type(void **state)
{
	struct doc d;
	int due = 0;

	(void)state;
	load(&d, "due: [2026-01-01]\n");
	assert_int_equal(schema_get_date(&d.ctx, d.root, "due",
	    SCHEMA_OPTIONAL, &due), -1);
	assert_diag(&d, DIAG_ERROR, "wrong-type", 2, 6,
	    "'due' must be a scalar, not a sequence");
	unload(&d);
}

static void
test_schema_get_bool_valid(void **state)
{
	static const struct {
		const char *text;
		int value;
	} cases[] = {
		{ "true", 1 }, { "True", 1 }, { "TRUE", 1 },
		{ "false", 0 }, { "False", 0 }, { "FALSE", 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char text[64];
		struct doc d;
		int value = -1;

		snprintf(text, sizeof(text), "flag: %s\n", cases[i].text);
		load(&d, text);
		assert_int_equal(schema_get_bool(&d.ctx, d.root, "flag",
		    SCHEMA_REQUIRED, &value), 1);
		assert_int_equal(value, cases[i].value);
		assert_quiet(&d);
		unload(&d);
	}
}

static void
test_schema_get_bool_yaml11_spelling(void **state)
{
	static const struct {
		const char *text;
		const char *fix;
	} cases[] = {
		{ "yes", "true" }, { "On", "true" }, { "y", "true" },
		{ "no", "false" }, { "OFF", "false" }, { "n", "false" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char text[64], expected[128];
		struct doc d;
		int value = -1;

		snprintf(text, sizeof(text), "flag: %s\n", cases[i].text);
		snprintf(expected, sizeof(expected), "'%s' for 'flag' is a "
		    "boolean only for YAML 1.1 tools; write %s",
		    cases[i].text, cases[i].fix);
		load(&d, text);
		assert_int_equal(schema_get_bool(&d.ctx, d.root, "flag",
		    SCHEMA_REQUIRED, &value), -1);
		assert_diag(&d, DIAG_ERROR, "yaml-ambiguous-scalar", 2, 7,
		    expected);
		assert_int_equal(value, -1);
		unload(&d);
	}
}

static void
test_schema_get_bool_invalid_value(void **state)
{
	struct doc d;
	int value = -1;

	(void)state;
	load(&d, "flag: maybe\n");
	assert_int_equal(schema_get_bool(&d.ctx, d.root, "flag",
	    SCHEMA_REQUIRED, &value), -1);
	assert_diag(&d, DIAG_ERROR, "invalid-value", 2, 7,
	    "'flag' must be true or false; got 'maybe'");
	unload(&d);

	load(&d, "flag: 'true'\n");
	assert_int_equal(schema_get_bool(&d.ctx, d.root, "flag",
	    SCHEMA_REQUIRED, &value), -1);
	assert_diag(&d, DIAG_ERROR, "invalid-value", 2, 7,
	    "'flag' must be true or false without quotes; remove the "
	    "quotes around 'true'");
	unload(&d);
}

static void
test_schema_get_long_valid(void **state)
{
	static const struct {
		const char *text;
		long value;
	} cases[] = {
		{ "3", 3 }, { "-2", -2 }, { "+4", 4 }, { "0", 0 }, { "5", 5 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char text[64];
		struct doc d;
		long value = 99;

		snprintf(text, sizeof(text), "n: %s\n", cases[i].text);
		load(&d, text);
		assert_int_equal(schema_get_long(&d.ctx, d.root, "n",
		    SCHEMA_REQUIRED, -5, 5, &value), 1);
		assert_int_equal(value, cases[i].value);
		assert_quiet(&d);
		unload(&d);
	}
}

static void
test_schema_get_long_invalid_value(void **state)
{
	static const struct {
		const char *text;
		const char *rule;
		const char *message;
	} cases[] = {
		{ "6", "invalid-value",
		    "'n' must be a whole number from 1 to 5; got '6'" },
		{ "high", "invalid-value",
		    "'n' must be a whole number from 1 to 5; got 'high'" },
		{ "3.5", "invalid-value",
		    "'n' must be a whole number from 1 to 5; got '3.5'" },
		{ "99999999999999999999", "invalid-value",
		    "'n' must be a whole number from 1 to 5; got "
		    "'99999999999999999999'" },
		{ "'3'", "invalid-value",
		    "'n' must be a whole number from 1 to 5, not a quoted "
		    "string; remove the quotes around '3'" },
		{ "03", "yaml-ambiguous-scalar",
		    "'03' for 'n' is an octal number for YAML 1.1 tools; "
		    "remove the leading zeros" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char text[64];
		struct doc d;
		long value = 99;

		snprintf(text, sizeof(text), "n: %s\n", cases[i].text);
		load(&d, text);
		assert_int_equal(schema_get_long(&d.ctx, d.root, "n",
		    SCHEMA_REQUIRED, 1, 5, &value), -1);
		assert_diag(&d, DIAG_ERROR, cases[i].rule, 2, 4,
		    cases[i].message);
		assert_int_equal(value, 99);
		unload(&d);
	}
}

static void
test_schema_get_double_valid(void **state)
{
	static const struct {
		const char *text;
		double value;
	} cases[] = {
		{ "2.5", 2.5 }, { ".5", 0.5 }, { "-1", -1.0 }, { "5.", 5.0 },
		{ "0", 0.0 }, { "0.25", 0.25 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char text[64];
		struct doc d;
		double value = 99;

		snprintf(text, sizeof(text), "x: %s\n", cases[i].text);
		load(&d, text);
		assert_int_equal(schema_get_double(&d.ctx, d.root, "x",
		    SCHEMA_REQUIRED, -1, 5, &value), 1);
		assert_true(value == cases[i].value);
		assert_quiet(&d);
		unload(&d);
	}
}

static void
test_schema_get_double_invalid_value(void **state)
{
	static const struct {
		const char *text;
		const char *rule;
		const char *message;
	} cases[] = {
		{ "5.5", "invalid-value",
		    "'x' must be a number from 0 to 5; got '5.5'" },
		{ "1e3", "invalid-value",
		    "'x' must be a number from 0 to 5; got '1e3'" },
		{ ".", "invalid-value",
		    "'x' must be a number from 0 to 5; got '.'" },
		{ ".nan", "invalid-value",
		    "'x' must be a number from 0 to 5; got '.nan'" },
		{ "\"2.5\"", "invalid-value",
		    "'x' must be a number from 0 to 5, not a quoted string; "
		    "remove the quotes around '2.5'" },
		{ "010", "yaml-ambiguous-scalar",
		    "'010' for 'x' is an octal number for YAML 1.1 tools; "
		    "remove the leading zeros" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char text[64];
		struct doc d;
		double value = 99;

		snprintf(text, sizeof(text), "x: %s\n", cases[i].text);
		load(&d, text);
		assert_int_equal(schema_get_double(&d.ctx, d.root, "x",
		    SCHEMA_REQUIRED, 0, 5, &value), -1);
		assert_diag(&d, DIAG_ERROR, cases[i].rule, 2, 4,
		    cases[i].message);
		assert_true(value == 99);
		unload(&d);
	}
}

static void
test_schema_get_string_list_sequence(void **state)
{
	const struct ynode *list = NULL;
	struct doc d;

	(void)state;
	load(&d, "email: [a@example.com, b@example.com]\n");
	assert_int_equal(schema_get_string_list(&d.ctx, d.root, "email",
	    SCHEMA_REQUIRED, 0, &list), 1);
	assert_int_equal(schema_list_count(list), 2);
	assert_string_equal(schema_list_item(list, 1)->value,
	    "b@example.com");
	assert_null(schema_list_item(list, 2));
	assert_quiet(&d);
	unload(&d);
}

static void
test_schema_get_string_list_scalar(void **state)
{
	const struct ynode *list = NULL;
	struct doc d;

	(void)state;
	load(&d, "email: a@example.com\n");
	assert_int_equal(schema_get_string_list(&d.ctx, d.root, "email",
	    SCHEMA_REQUIRED, 1, &list), 1);
	assert_int_equal(schema_list_count(list), 1);
	assert_string_equal(schema_list_item(list, 0)->value,
	    "a@example.com");
	assert_quiet(&d);

	list = NULL;
	assert_int_equal(schema_get_string_list(&d.ctx, d.root, "email",
	    SCHEMA_REQUIRED, 0, &list), -1);
	assert_null(list);
	assert_diag(&d, DIAG_ERROR, "wrong-type", 2, 8,
	    "'email' must be a sequence, not a scalar");
	unload(&d);
}

static void
test_schema_get_string_list_wrong_type(void **state)
{
	const struct ynode *list = NULL;
	struct doc d;

	(void)state;
	load(&d, "roles: {a: 1}\n");
	assert_int_equal(schema_get_string_list(&d.ctx, d.root, "roles",
	    SCHEMA_OPTIONAL, 1, &list), -1);
	assert_diag(&d, DIAG_ERROR, "wrong-type", 2, 8,
	    "'roles' must be a sequence, not a mapping");
	unload(&d);

	load(&d, "roles:\n  - a\n  - [b]\n");
	assert_int_equal(schema_get_string_list(&d.ctx, d.root, "roles",
	    SCHEMA_OPTIONAL, 1, &list), -1);
	assert_diag(&d, DIAG_ERROR, "wrong-type", 4, 5,
	    "item 2 of 'roles' must be a scalar, not a sequence");
	unload(&d);
}

static void
test_schema_get_string_list_empty_item(void **state)
{
	const struct ynode *list = NULL;
	struct doc d;

	(void)state;
	load(&d, "roles:\n  - a\n  -\n");
	assert_int_equal(schema_get_string_list(&d.ctx, d.root, "roles",
	    SCHEMA_OPTIONAL, 1, &list), -1);
	assert_int_equal(d.diags.count, 1);
	assert_string_equal(d.diags.items[0].rule, "invalid-value");
	assert_string_equal(d.diags.items[0].message,
	    "item 2 of 'roles' is empty; write a value or remove the item");
	unload(&d);
}

static void
test_schema_get_string_list_ambiguous_item(void **state)
{
	const struct ynode *list = NULL;
	struct doc d;

	(void)state;
	load(&d, "answers: [maybe, no]\n");
	assert_int_equal(schema_get_string_list(&d.ctx, d.root, "answers",
	    SCHEMA_OPTIONAL, 0, &list), 1);
	assert_diag(&d, DIAG_ERROR, "yaml-ambiguous-scalar", 2, 18,
	    "'no' is read as the string \"no\" here, but YAML 1.1 tools "
	    "read it as a boolean; quote it");
	unload(&d);
}

static void
test_schema_list_count_handles_null(void **state)
{
	(void)state;
	assert_int_equal(schema_list_count(NULL), 0);
	assert_null(schema_list_item(NULL, 0));
}

static void
test_schema_did_you_mean_finds_close_words(void **state)
{
	static const struct {
		const char *word;
		const char *expected;
	} cases[] = {
		{ "ownr", "owner" },
		{ "onwer", "owner" },
		{ "Owner", "owner" },
		{ "titel", "title" },
		{ "likelyhood", "likelihood" },
		{ "stauts", "status" },
		{ "di", "id" },
		{ "due_date", NULL },
		{ "x", NULL },
		{ "zzzzzz", NULL },
		{ "", NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *got = schema_did_you_mean(cases[i].word,
		    risk_keys);

		if (!cases[i].expected)
			assert_null(got);
		else
			assert_string_equal(got, cases[i].expected);
	}
}

static void
test_schema_did_you_mean_ignores_long_words(void **state)
{
	char word[100];

	(void)state;
	memset(word, 'o', sizeof(word) - 1);
	word[sizeof(word) - 1] = '\0';
	assert_null(schema_did_you_mean(word, risk_keys));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_check_keys_suggests_close_key),
		cmocka_unit_test(test_schema_check_keys_without_suggestion),
		cmocka_unit_test(test_schema_check_keys_boolean_names),
		cmocka_unit_test(test_schema_check_keys_quoted_boolean_name),
		cmocka_unit_test(test_schema_check_keys_quiet_on_known_keys),
		cmocka_unit_test(test_schema_check_keys_escapes_key),
		cmocka_unit_test(test_schema_expect_map_wrong_type),
		cmocka_unit_test(test_schema_expect_map_quiet_on_map),
		cmocka_unit_test(test_schema_get_string_present),
		cmocka_unit_test(test_schema_get_string_absent_optional),
		cmocka_unit_test(test_schema_get_string_missing_field),
		cmocka_unit_test(
		    test_schema_get_string_missing_field_default_noun),
		cmocka_unit_test(test_schema_get_string_null_required),
		cmocka_unit_test(test_schema_get_string_wrong_type),
		cmocka_unit_test(test_schema_get_string_ambiguous_scalars),
		cmocka_unit_test(test_schema_get_string_quiet_on_unambiguous),
		cmocka_unit_test(test_schema_get_enum_valid),
		cmocka_unit_test(test_schema_get_enum_invalid_value),
		cmocka_unit_test(test_schema_get_enum_suggests_value),
		cmocka_unit_test(test_schema_get_enum_missing_field),
		cmocka_unit_test(test_schema_get_date_valid),
		cmocka_unit_test(test_schema_get_date_invalid_date),
		cmocka_unit_test(test_schema_get_date_wrong_type),
		cmocka_unit_test(test_schema_get_bool_valid),
		cmocka_unit_test(test_schema_get_bool_yaml11_spelling),
		cmocka_unit_test(test_schema_get_bool_invalid_value),
		cmocka_unit_test(test_schema_get_long_valid),
		cmocka_unit_test(test_schema_get_long_invalid_value),
		cmocka_unit_test(test_schema_get_double_valid),
		cmocka_unit_test(test_schema_get_double_invalid_value),
		cmocka_unit_test(test_schema_get_string_list_sequence),
		cmocka_unit_test(test_schema_get_string_list_scalar),
		cmocka_unit_test(test_schema_get_string_list_wrong_type),
		cmocka_unit_test(test_schema_get_string_list_empty_item),
		cmocka_unit_test(test_schema_get_string_list_ambiguous_item),
		cmocka_unit_test(test_schema_list_count_handles_null),
		cmocka_unit_test(test_schema_did_you_mean_finds_close_words),
		cmocka_unit_test(test_schema_did_you_mean_ignores_long_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
