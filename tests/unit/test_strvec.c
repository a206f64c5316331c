#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "strvec.h"
#include "xalloc.h"
#include "banned.h"

/* Unit tests of the string vector: copies, ownership, sort, find, clear. */

static void
test_strvec_push_copies(void **state)
{
	struct strvec v = STRVEC_INIT;
	char text[] = "risks/RSK-001.md";

	(void)state;
	strvec_push(&v, text);
	text[0] = 'X';
	assert_int_equal(v.count, 1);
	assert_ptr_not_equal(v.items[0], text);
	assert_string_equal(v.items[0], "risks/RSK-001.md");
	strvec_clear(&v);
}

static void
test_strvec_push_owned_keeps_pointer(void **state)
{
	struct strvec v = STRVEC_INIT;
	char *s = xstrdup("owned");

	(void)state;
	strvec_push_owned(&v, s);
	assert_int_equal(v.count, 1);
	assert_ptr_equal(v.items[0], s);
	strvec_clear(&v);
}

static void
test_strvec_push_many_keeps_order(void **state)
{
	struct strvec v = STRVEC_INIT;
	char text[32];

	(void)state;
	for (int i = 0; i < 1000; i++) {
		snprintf(text, sizeof(text), "item-%d", i);
		strvec_push(&v, text);
	}
	assert_int_equal(v.count, 1000);
	assert_true(v.alloc >= v.count);
	for (int i = 0; i < 1000; i++) {
		snprintf(text, sizeof(text), "item-%d", i);
		assert_string_equal(v.items[i], text);
	}
	strvec_clear(&v);
}

static void
test_strvec_sort_orders_bytewise(void **state)
{
	static const char *const input[] = { "risks/b.md", "Zeta", "isms.yaml",
		"risks/a.md", "alpha", "risks/a.md" };
	static const char *const sorted[] = { "Zeta", "alpha", "isms.yaml",
		"risks/a.md", "risks/a.md", "risks/b.md" };
	struct strvec v = STRVEC_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(input) / sizeof(input[0]); i++)
		strvec_push(&v, input[i]);
	strvec_sort(&v);
	assert_int_equal(v.count, sizeof(sorted) / sizeof(sorted[0]));
	for (size_t i = 0; i < v.count; i++)
		assert_string_equal(v.items[i], sorted[i]);
	strvec_clear(&v);
}

static void
test_strvec_sort_empty_and_single(void **state)
{
	struct strvec v = STRVEC_INIT;

	(void)state;
	strvec_sort(&v);
	assert_int_equal(v.count, 0);
	assert_null(v.items);
	strvec_push(&v, "only");
	strvec_sort(&v);
	assert_int_equal(v.count, 1);
	assert_string_equal(v.items[0], "only");
	strvec_clear(&v);
}

static void
test_strvec_find_index_or_minus_one(void **state)
{
	struct strvec v = STRVEC_INIT;

	(void)state;
	assert_int_equal(strvec_find(&v, "a"), -1);
	strvec_push(&v, "a");
	strvec_push(&v, "b");
	strvec_push(&v, "a");
	assert_int_equal(strvec_find(&v, "a"), 0);
	assert_int_equal(strvec_find(&v, "b"), 1);
	assert_int_equal(strvec_find(&v, "c"), -1);
	assert_int_equal(strvec_find(&v, "A"), -1);
	assert_int_equal(strvec_find(&v, ""), -1);
	strvec_clear(&v);
}

static void
test_strvec_clear_leaves_init(void **state)
{
	struct strvec v = STRVEC_INIT;

	(void)state;
	strvec_push(&v, "x");
	strvec_push(&v, "y");
	strvec_clear(&v);
	assert_null(v.items);
	assert_int_equal(v.count, 0);
	assert_int_equal(v.alloc, 0);

	/* Clearing twice and reusing afterwards are both safe. */
	strvec_clear(&v);
	strvec_push(&v, "z");
	assert_int_equal(v.count, 1);
	assert_string_equal(v.items[0], "z");
	strvec_clear(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strvec_push_copies),
		cmocka_unit_test(test_strvec_push_owned_keeps_pointer),
		cmocka_unit_test(test_strvec_push_many_keeps_order),
		cmocka_unit_test(test_strvec_sort_orders_bytewise),
		cmocka_unit_test(test_strvec_sort_empty_and_single),
		cmocka_unit_test(test_strvec_find_index_or_minus_one),
		cmocka_unit_test(test_strvec_clear_leaves_init),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
