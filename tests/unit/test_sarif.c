#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "buf.h"
#include "changes.h"
#include "diag.h"
#include "sarif.h"
#include "xalloc.h"
#include "banned.h"

/*
 * Unit tests of the SARIF 2.1.0 output: the properties the OASIS schema
 * requires (sarifLog: version and runs; run: tool; tool: driver;
 * toolComponent: name; reportingDescriptor: id; result: message; message:
 * text; physicalLocation: artifactLocation; region: startLine of at least
 * 1), the rules array, locations, and the change-control results.
 */

/* A string member of `object`, or NULL when it is missing or no string. */
static const char *
get_string(const json_t *object, const char *key)
{
	return json_string_value(json_object_get(object, key));
}

static const json_t *
only_run(const json_t *log)
{
	const json_t *runs = json_object_get(log, "runs");

	assert_true(json_is_array(runs));
	assert_int_equal(json_array_size(runs), 1);
	return json_array_get(runs, 0);
}

static const json_t *
driver_of(const json_t *log)
{
	return json_object_get(json_object_get(only_run(log), "tool"),
	    "driver");
}

static const json_t *
results_of(const json_t *log)
{
	const json_t *results = json_object_get(only_run(log), "results");

	assert_true(json_is_array(results));
	return results;
}

/* Checks what the schema requires of the log, its run and its results. */
static void
assert_schema_required(const json_t *log)
{
	const json_t *driver, *rules, *results;
	size_t i;
	json_t *item;

	assert_string_equal(get_string(log, "version"), "2.1.0");
	assert_non_null(get_string(log, "$schema"));
	driver = driver_of(log);
	assert_true(json_is_object(driver));
	assert_string_equal(get_string(driver, "name"), "isms");
	assert_string_equal(get_string(driver, "version"), ISMS_VERSION);
	assert_null(json_object_get(driver, "informationUri"));

	rules = json_object_get(driver, "rules");
	assert_true(json_is_array(rules));
	json_array_foreach(rules, i, item) {
		assert_non_null(get_string(item, "id"));
		assert_non_null(get_string(json_object_get(item,
		    "shortDescription"), "text"));
	}

	results = results_of(log);
	json_array_foreach(results, i, item) {
		const json_t *locations = json_object_get(item, "locations");
		const json_t *rule;
		const char *level = get_string(item, "level");
		json_int_t index;

		assert_non_null(get_string(json_object_get(item, "message"),
		    "text"));
		assert_true(strcmp(level, "error") == 0 ||
		    strcmp(level, "warning") == 0 ||
		    strcmp(level, "note") == 0);

		/* ruleIndex points at the descriptor of ruleId. */
		index = json_integer_value(json_object_get(item, "ruleIndex"));
		rule = json_array_get(rules, (size_t)index);
		assert_non_null(rule);
		assert_string_equal(get_string(rule, "id"),
		    get_string(item, "ruleId"));

		if (locations) {
			const json_t *physical = json_object_get(
			    json_array_get(locations, 0), "physicalLocation");
			const json_t *region = json_object_get(physical,
			    "region");

			assert_non_null(get_string(json_object_get(physical,
			    "artifactLocation"), "uri"));
			if (region)
				assert_true(json_integer_value(json_object_get(
				    region, "startLine")) >= 1);
		}
	}
}

static void
test_sarif_from_diags_required_properties(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;
	json_t *log;

	(void)state;
	diag_add(&list, DIAG_ERROR, "risks/RSK-001-a.md", 4, 3, "unknown-key",
	    "unknown key 'bogus' in risk");
	diag_add(&list, DIAG_WARNING, "isms.yaml", 7, 0, "config-no-email",
	    "person 'ops' has no email address");
	diag_add(&list, DIAG_NOTE, "risks/RSK-001-a.md", 0, 0, "unknown-key",
	    "a note about the whole file");

	log = sarif_from_diags(&list, "compliance/");
	assert_non_null(log);
	assert_schema_required(log);
	assert_int_equal(json_array_size(results_of(log)), 3);

	json_decref(log);
	diag_list_release(&list);
}

static void
test_sarif_from_diags_rules_unique_sorted(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;
	const json_t *rules;
	json_t *log;

	(void)state;
	diag_add(&list, DIAG_ERROR, "a.md", 1, 1, "unknown-key", "one");
	diag_add(&list, DIAG_ERROR, "b.md", 1, 1, "missing-field", "two");
	diag_add(&list, DIAG_ERROR, "c.md", 1, 1, "unknown-key", "three");

	log = sarif_from_diags(&list, "");
	rules = json_object_get(driver_of(log), "rules");
	assert_int_equal(json_array_size(rules), 2);
	assert_string_equal(get_string(json_array_get(rules, 0), "id"),
	    "missing-field");
	assert_string_equal(get_string(json_array_get(rules, 1), "id"),
	    "unknown-key");

	/* The short description is the "triggered by" text of docs/rules.md. */
	assert_string_equal(get_string(json_object_get(json_array_get(rules, 1),
	    "shortDescription"), "text"),
	    "a key the format does not define; the message suggests the "
	    "closest one");

	json_decref(log);
	diag_list_release(&list);
}

static void
test_sarif_from_diags_locations(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;
	const json_t *results, *physical, *region;
	json_t *log;

	(void)state;
	diag_add(&list, DIAG_ERROR, "risks/RSK-001-my risk.md", 4, 3,
	    "unknown-key", "with line and column");
	diag_add(&list, DIAG_ERROR, "isms.yaml", 7, 0, "unknown-key",
	    "with a line only");
	diag_add(&list, DIAG_ERROR, "isms.yaml", 0, 0, "unknown-key",
	    "about the file");
	diag_add(&list, DIAG_ERROR, "", 0, 0, "unknown-key", "about no file");

	log = sarif_from_diags(&list, "compliance/");
	results = results_of(log);

	physical = json_object_get(json_array_get(json_object_get(
	    json_array_get(results, 0), "locations"), 0), "physicalLocation");
	assert_string_equal(get_string(json_object_get(physical,
	    "artifactLocation"), "uri"), "compliance/risks/RSK-001-my%20risk.md");
	region = json_object_get(physical, "region");
	assert_int_equal(json_integer_value(json_object_get(region,
	    "startLine")), 4);
	assert_int_equal(json_integer_value(json_object_get(region,
	    "startColumn")), 3);

	physical = json_object_get(json_array_get(json_object_get(
	    json_array_get(results, 1), "locations"), 0), "physicalLocation");
	region = json_object_get(physical, "region");
	assert_int_equal(json_integer_value(json_object_get(region,
	    "startLine")), 7);
	assert_null(json_object_get(region, "startColumn"));

	physical = json_object_get(json_array_get(json_object_get(
	    json_array_get(results, 2), "locations"), 0), "physicalLocation");
	assert_null(json_object_get(physical, "region"));
	assert_string_equal(get_string(json_object_get(physical,
	    "artifactLocation"), "uri"), "compliance/isms.yaml");

	assert_null(json_object_get(json_array_get(results, 3), "locations"));

	json_decref(log);
	diag_list_release(&list);
}

static void
test_sarif_from_diags_empty(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;
	json_t *log;

	(void)state;
	log = sarif_from_diags(&list, "");
	assert_schema_required(log);
	assert_int_equal(json_array_size(results_of(log)), 0);
	assert_int_equal(json_array_size(json_object_get(driver_of(log),
	    "rules")), 0);
	json_decref(log);
}

static void
test_sarif_from_diags_invalid_utf8(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;
	const char *text;
	json_t *log;
	char *dumped;

	(void)state;
	diag_add(&list, DIAG_ERROR, "a.md", 1, 1, "unknown-key",
	    "unknown key 'b\xffz'");
	log = sarif_from_diags(&list, "");
	text = get_string(json_object_get(json_array_get(results_of(log), 0),
	    "message"), "text");
	assert_string_equal(text, "unknown key 'b\xef\xbf\xbdz'");

	dumped = json_dumps(log, 0);
	assert_non_null(dumped);
	free(dumped);
	json_decref(log);
	diag_list_release(&list);
}

static void
test_sarif_uri_encode_table(void **state)
{
	static const struct {
		const char *path;
		const char *uri;
	} cases[] = {
		{ "risks/RSK-001-a_b.c~d.md", "risks/RSK-001-a_b.c~d.md" },
		{ "risks/my risk.md", "risks/my%20risk.md" },
		{ "r\xc3\xa4t.md", "r%C3%A4t.md" },
		{ "a:b.md", "a%3Ab.md" },
		{ "100%.md", "100%25.md" },
		{ "#?&=+.md", "%23%3F%26%3D%2B.md" },
		{ "\"quoted\" 'single'", "%22quoted%22%20%27single%27" },
		{ "back\\slash", "back%5Cslash" },
		{ "", "" },
	};
	struct buf out = BUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&out);
		sarif_uri_encode(&out, cases[i].path);
		assert_string_equal(out.ptr, cases[i].uri);
	}
	buf_release(&out);
}

static void
add_change_finding(struct changes_result *result, const char *commit,
    const char *rule, enum diag_severity severity, const char *path,
    const char *change)
{
	struct changes_finding *f;

	xgrow(&result->findings, &result->alloc, result->count + 1,
	    sizeof(*result->findings));
	f = &result->findings[result->count++];
	memset(f, 0, sizeof(*f));
	snprintf(f->commit, sizeof(f->commit), "%s", commit);
	snprintf(f->date, sizeof(f->date), "2026-03-01");
	f->author_name = xstrdup("Olu Ops");
	f->author_email = xstrdup("ops@example.com");
	f->subject = xstrdup("Edit access policy");
	f->rule = rule;
	f->severity = severity;
	f->message = xstrdup("commit touches controlled path");
	f->fix = xstrdup("name a change");
	f->path = path ? xstrdup(path) : NULL;
	f->change = change ? xstrdup(change) : NULL;
}

static void
test_sarif_from_changes_results(void **state)
{
	static const char commit[] = "0123456789abcdef0123456789abcdef01234567";
	struct changes_result result = CHANGES_RESULT_INIT;
	const json_t *results, *first, *second, *properties, *physical;
	json_t *log;

	(void)state;
	add_change_finding(&result, commit, "change-no-trailer", DIAG_ERROR,
	    "policies/access.md", NULL);
	add_change_finding(&result, commit, "change-not-approved", DIAG_WARNING,
	    NULL, "CHG-007");

	log = sarif_from_changes(&result, "compliance/");
	assert_schema_required(log);
	results = results_of(log);
	assert_int_equal(json_array_size(results), 2);
	first = json_array_get(results, 0);
	second = json_array_get(results, 1);

	assert_string_equal(get_string(first, "ruleId"), "change-no-trailer");
	assert_string_equal(get_string(json_object_get(first, "message"),
	    "text"), "01234567 \"Edit access policy\": commit touches "
	    "controlled path\nfix: name a change");
	physical = json_object_get(json_array_get(json_object_get(first,
	    "locations"), 0), "physicalLocation");
	assert_string_equal(get_string(json_object_get(physical,
	    "artifactLocation"), "uri"), "compliance/policies/access.md");
	assert_null(json_object_get(physical, "region"));

	properties = json_object_get(first, "properties");
	assert_string_equal(get_string(properties, "commit"), commit);
	assert_string_equal(get_string(properties, "author"),
	    "Olu Ops <ops@example.com>");
	assert_string_equal(get_string(properties, "date"), "2026-03-01");
	assert_string_equal(get_string(properties, "fix"), "name a change");
	assert_null(json_object_get(properties, "change"));
	assert_string_equal(get_string(json_object_get(first,
	    "partialFingerprints"), "ismsChangeFinding/v1"),
	    "0123456789abcdef0123456789abcdef01234567:policies/access.md:");

	assert_string_equal(get_string(second, "level"), "warning");
	assert_null(json_object_get(second, "locations"));
	assert_string_equal(get_string(json_object_get(second, "properties"),
	    "change"), "CHG-007");
	assert_string_equal(get_string(json_object_get(second,
	    "partialFingerprints"), "ismsChangeFinding/v1"),
	    "0123456789abcdef0123456789abcdef01234567::CHG-007");

	json_decref(log);
	changes_result_release(&result);
}

static void
test_sarif_print_writes_json(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;
	char *text = NULL;
	size_t size = 0;
	json_error_t error;
	json_t *log, *back;
	FILE *out;

	(void)state;
	diag_add(&list, DIAG_ERROR, "a.md", 1, 1, "unknown-key", "one");
	log = sarif_from_diags(&list, "");
	out = open_memstream(&text, &size);
	assert_non_null(out);
	assert_int_equal(sarif_print(out, log), 0);
	fclose(out);

	assert_true(size > 0);
	assert_int_equal(text[size - 1], '\n');
	back = json_loads(text, 0, &error);
	assert_non_null(back);
	assert_true(json_equal(back, log));

	json_decref(back);
	json_decref(log);
	free(text);
	diag_list_release(&list);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sarif_from_diags_required_properties),
		cmocka_unit_test(test_sarif_from_diags_rules_unique_sorted),
		cmocka_unit_test(test_sarif_from_diags_locations),
		cmocka_unit_test(test_sarif_from_diags_empty),
		cmocka_unit_test(test_sarif_from_diags_invalid_utf8),
		cmocka_unit_test(test_sarif_uri_encode_table),
		cmocka_unit_test(test_sarif_from_changes_results),
		cmocka_unit_test(test_sarif_print_writes_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
