#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "banned.h"

/* Unit tests of the diagnostic list: add, sort, count and filter. */

static void
test_diag_add_stores_fields(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;
	char path[] = "risks/RSK-001.md";
	const struct diag *d;

	(void)state;
	diag_add(&list, DIAG_WARNING, path, 12, 5, "unknown-key",
	    "unknown key '%s' in %s %d", "colour", "risk", 7);
	path[0] = 'X';
	assert_int_equal(list.count, 1);
	d = &list.items[0];
	assert_int_equal(d->severity, DIAG_WARNING);
	assert_string_equal(d->path, "risks/RSK-001.md");
	assert_int_equal(d->line, 12);
	assert_int_equal(d->col, 5);
	assert_string_equal(d->rule, "unknown-key");
	assert_string_equal(d->message, "unknown key 'colour' in risk 7");
	diag_list_release(&list);
}

static void
test_diag_add_null_path_is_empty(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;

	(void)state;
	diag_add(&list, DIAG_NOTE, NULL, 0, 0, "note-rule", "%s", "");
	assert_int_equal(list.count, 1);
	assert_string_equal(list.items[0].path, "");
	assert_string_equal(list.items[0].message, "");
	diag_list_release(&list);
}

static void
test_diag_add_many_keeps_order(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;
	char text[32];

	(void)state;
	for (size_t i = 0; i < 500; i++)
		diag_add(&list, DIAG_ERROR, "a.md", i + 1, 1, "r", "n%zu", i);
	assert_int_equal(list.count, 500);
	for (size_t i = 0; i < 500; i++) {
		snprintf(text, sizeof(text), "n%zu", i);
		assert_string_equal(list.items[i].message, text);
		assert_int_equal(list.items[i].line, i + 1);
	}
	diag_list_release(&list);
}

static void
test_diag_sort_path_line_col_rule(void **state)
{
	/* Listed in the expected order and added in a shuffled one. */
	static const struct {
		const char *path;
		size_t line, col;
		const char *rule;
		const char *message;
	} sorted[] = {
		{ "", 0, 0, "z-rule", "about no file" },
		{ "a.md", 0, 0, "b-rule", "about the file" },
		{ "a.md", 2, 0, "b-rule", "line without column" },
		{ "a.md", 2, 3, "a-rule", "column 3" },
		{ "a.md", 2, 3, "b-rule", "first message" },
		{ "a.md", 2, 3, "b-rule", "second message" },
		{ "a.md", 2, 10, "a-rule", "column 10 after column 3" },
		{ "a.md", 10, 1, "a-rule", "line 10 after line 2" },
		{ "b.md", 1, 1, "a-rule", "second file" },
		{ "risks/a.md", 1, 1, "a-rule", "subfolder" },
	};
	static const size_t shuffle[] = { 7, 3, 9, 0, 5, 1, 8, 4, 6, 2 };
	const size_t count = sizeof(sorted) / sizeof(sorted[0]);
	struct diag_list list = DIAG_LIST_INIT;

	(void)state;
	assert_int_equal(sizeof(shuffle) / sizeof(shuffle[0]), count);
	for (size_t i = 0; i < count; i++) {
		size_t k = shuffle[i];

		diag_add(&list, DIAG_ERROR, sorted[k].path, sorted[k].line,
		    sorted[k].col, sorted[k].rule, "%s", sorted[k].message);
	}
	diag_sort(&list);
	assert_int_equal(list.count, count);
	for (size_t i = 0; i < count; i++) {
		if (strcmp(list.items[i].message, sorted[i].message) != 0)
			fail_msg("position %zu holds '%s', expected '%s'", i,
			    list.items[i].message, sorted[i].message);
		assert_string_equal(list.items[i].path, sorted[i].path);
		assert_int_equal(list.items[i].line, sorted[i].line);
		assert_int_equal(list.items[i].col, sorted[i].col);
		assert_string_equal(list.items[i].rule, sorted[i].rule);
	}
	diag_list_release(&list);
}

static void
test_diag_sort_empty_and_single(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;

	(void)state;
	diag_sort(&list);
	assert_int_equal(list.count, 0);
	diag_add(&list, DIAG_ERROR, "a.md", 1, 1, "r", "only");
	diag_sort(&list);
	assert_int_equal(list.count, 1);
	assert_string_equal(list.items[0].message, "only");
	diag_list_release(&list);
}

static void
test_diag_count_by_severity(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;

	(void)state;
	assert_int_equal(diag_count(&list, DIAG_ERROR), 0);
	diag_add(&list, DIAG_ERROR, "a.md", 1, 1, "r1", "e1");
	diag_add(&list, DIAG_WARNING, "a.md", 1, 1, "r1", "w1");
	diag_add(&list, DIAG_ERROR, "b.md", 1, 1, "r2", "e2");
	diag_add(&list, DIAG_NOTE, "b.md", 1, 1, "r3", "n1");
	diag_add(&list, DIAG_ERROR, "c.md", 1, 1, "r1", "e3");
	assert_int_equal(diag_count(&list, DIAG_ERROR), 3);
	assert_int_equal(diag_count(&list, DIAG_WARNING), 1);
	assert_int_equal(diag_count(&list, DIAG_NOTE), 1);
	diag_list_release(&list);
}

static void
test_diag_count_rule_exact_match(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;

	(void)state;
	diag_add(&list, DIAG_ERROR, "a.md", 1, 1, "ref-unknown-record", "x");
	diag_add(&list, DIAG_ERROR, "a.md", 2, 1, "ref-unknown-record", "y");
	diag_add(&list, DIAG_ERROR, "a.md", 3, 1, "ref-wrong-kind", "z");
	assert_int_equal(diag_count_rule(&list, "ref-unknown-record"), 2);
	assert_int_equal(diag_count_rule(&list, "ref-wrong-kind"), 1);
	assert_int_equal(diag_count_rule(&list, "ref-unknown"), 0);
	assert_int_equal(diag_count_rule(&list, "ref-unknown-record-x"), 0);
	assert_int_equal(diag_count_rule(&list, ""), 0);
	diag_list_release(&list);
}

static int
keep_rule(const struct diag *d, void *data)
{
	return strcmp(d->rule, data) == 0;
}

static void
test_diag_filter_keeps_matching_in_order(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;

	(void)state;
	diag_add(&list, DIAG_ERROR, "z.md", 1, 1, "keep", "first");
	diag_add(&list, DIAG_ERROR, "a.md", 1, 1, "drop", "dropped 1");
	diag_add(&list, DIAG_ERROR, "m.md", 1, 1, "keep", "second");
	diag_add(&list, DIAG_ERROR, "b.md", 1, 1, "drop", "dropped 2");
	diag_add(&list, DIAG_ERROR, "a.md", 1, 1, "keep", "third");

	diag_filter(&list, keep_rule, "keep");
	assert_int_equal(list.count, 3);
	assert_string_equal(list.items[0].message, "first");
	assert_string_equal(list.items[1].message, "second");
	assert_string_equal(list.items[2].message, "third");
	assert_int_equal(diag_count_rule(&list, "drop"), 0);
	diag_list_release(&list);
}

static void
test_diag_filter_drop_all(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;

	(void)state;
	diag_add(&list, DIAG_ERROR, "a.md", 1, 1, "drop", "one");
	diag_add(&list, DIAG_ERROR, "a.md", 1, 1, "drop", "two");
	diag_filter(&list, keep_rule, "keep");
	assert_int_equal(list.count, 0);

	/* The list stays usable after everything was dropped. */
	diag_add(&list, DIAG_ERROR, "a.md", 1, 1, "keep", "three");
	assert_int_equal(list.count, 1);
	assert_string_equal(list.items[0].message, "three");
	diag_list_release(&list);
}

static void
test_diag_list_release_leaves_init(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;

	(void)state;
	diag_add(&list, DIAG_ERROR, "a.md", 1, 1, "r", "x");
	diag_list_release(&list);
	assert_null(list.items);
	assert_int_equal(list.count, 0);
	assert_int_equal(list.alloc, 0);
	diag_list_release(&list);
	assert_int_equal(list.count, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diag_add_stores_fields),
		cmocka_unit_test(test_diag_add_null_path_is_empty),
		cmocka_unit_test(test_diag_add_many_keeps_order),
		cmocka_unit_test(test_diag_sort_path_line_col_rule),
		cmocka_unit_test(test_diag_sort_empty_and_single),
		cmocka_unit_test(test_diag_count_by_severity),
		cmocka_unit_test(test_diag_count_rule_exact_match),
		cmocka_unit_test(test_diag_filter_keeps_matching_in_order),
		cmocka_unit_test(test_diag_filter_drop_all),
		cmocka_unit_test(test_diag_list_release_leaves_init),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
