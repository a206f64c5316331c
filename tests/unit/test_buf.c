#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "banned.h"

/*
 * Unit tests of the growable buffer: the empty state, growth, formatted
 * output longer than the allocation, detach, truncate and release.
 */

static void
assert_buf_is_init(const struct buf *b)
{
	assert_ptr_equal(b->ptr, buf_empty);
	assert_int_equal(b->len, 0);
	assert_int_equal(b->alloc, 0);
	assert_int_equal(buf_empty[0], '\0');
}

static void
test_buf_init_empty_string(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_buf_is_init(&b);
	assert_string_equal(b.ptr, "");
}

static void
test_buf_grow_reserves_room(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_grow(&b, 100);
	assert_true(b.alloc >= 101);
	assert_int_equal(b.len, 0);
	assert_ptr_not_equal(b.ptr, buf_empty);
	assert_string_equal(b.ptr, "");
	buf_release(&b);
}

static void
test_buf_add_zero_length_allocates_nothing(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_add(&b, "x", 0);
	buf_puts(&b, "");
	assert_buf_is_init(&b);
}

static void
test_buf_putc_many_grows(void **state)
{
	struct buf b = BUF_INIT;
	const size_t count = 100000;

	(void)state;
	for (size_t i = 0; i < count; i++)
		buf_putc(&b, (char)('a' + i % 26));
	assert_int_equal(b.len, count);
	assert_true(b.alloc > b.len);
	assert_int_equal(b.ptr[b.len], '\0');
	assert_int_equal(strlen(b.ptr), count);
	for (size_t i = 0; i < count; i++)
		if (b.ptr[i] != (char)('a' + i % 26))
			fail_msg("byte %zu is '%c'", i, b.ptr[i]);
	buf_release(&b);
}

static void
test_buf_add_keeps_embedded_nul(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_add(&b, "a\0b", 3);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.ptr, "a\0b", 3);
	assert_int_equal(b.ptr[3], '\0');
	buf_release(&b);
}

static void
test_buf_puts_appends(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_puts(&b, "risk");
	buf_puts(&b, "-");
	buf_puts(&b, "register");
	assert_string_equal(b.ptr, "risk-register");
	assert_int_equal(b.len, 13);
	buf_release(&b);
}

static void
test_buf_printf_appends(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_puts(&b, "id=");
	buf_printf(&b, "%s-%03d", "RSK", 7);
	buf_printf(&b, " %zu", (size_t)42);
	assert_string_equal(b.ptr, "id=RSK-007 42");
	assert_int_equal(b.len, strlen("id=RSK-007 42"));
	buf_release(&b);
}

static void
test_buf_printf_empty_output(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_printf(&b, "%s", "");
	assert_int_equal(b.len, 0);
	assert_string_equal(b.ptr, "");
	assert_int_equal(buf_empty[0], '\0');
	buf_release(&b);
}

static void
test_buf_printf_long_output(void **state)
{
	struct buf b = BUF_INIT;
	char *expected;
	char *part;
	const size_t part_len = 10000;

	(void)state;
	part = malloc(part_len + 1);
	expected = malloc(2 * part_len + 16);
	assert_non_null(part);
	assert_non_null(expected);
	memset(part, 'x', part_len);
	part[part_len] = '\0';

	/* A short start leaves a small allocation for the long format. */
	buf_puts(&b, "<");
	buf_printf(&b, "%s|%d|%s", part, 12345, part);
	buf_putc(&b, '>');
	snprintf(expected, 2 * part_len + 16, "<%s|%d|%s>", part, 12345, part);

	assert_int_equal(b.len, strlen(expected));
	assert_string_equal(b.ptr, expected);
	assert_true(b.alloc > b.len);
	free(expected);
	free(part);
	buf_release(&b);
}

static void
test_buf_printf_exact_fit(void **state)
{
	struct buf b = BUF_INIT;
	size_t room;
	char fill[64];

	(void)state;
	buf_grow(&b, 16);
	room = b.alloc - 1;
	assert_true(room < sizeof(fill));
	memset(fill, 'y', room);
	fill[room] = '\0';

	/* Output that fills the allocation exactly, then one byte more. */
	buf_printf(&b, "%s", fill);
	assert_int_equal(b.len, room);
	assert_string_equal(b.ptr, fill);
	buf_printf(&b, "%c", 'z');
	assert_int_equal(b.len, room + 1);
	assert_int_equal(b.ptr[room], 'z');
	assert_int_equal(b.ptr[room + 1], '\0');
	buf_release(&b);
}

static void
test_buf_detach_returns_contents(void **state)
{
	struct buf b = BUF_INIT;
	size_t len = 0;
	char *s;

	(void)state;
	buf_puts(&b, "control 8.13");
	s = buf_detach(&b, &len);
	assert_string_equal(s, "control 8.13");
	assert_int_equal(len, 12);
	assert_buf_is_init(&b);
	free(s);
}

static void
test_buf_detach_empty_returns_owned_string(void **state)
{
	struct buf b = BUF_INIT;
	size_t len = 99;
	char *s;

	(void)state;
	s = buf_detach(&b, &len);
	assert_non_null(s);
	assert_ptr_not_equal(s, buf_empty);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	assert_buf_is_init(&b);
	free(s);
}

static void
test_buf_detach_without_length(void **state)
{
	struct buf b = BUF_INIT;
	char *s;

	(void)state;
	buf_puts(&b, "abc");
	s = buf_detach(&b, NULL);
	assert_string_equal(s, "abc");
	assert_buf_is_init(&b);
	free(s);
}

static void
test_buf_truncate_shortens(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_puts(&b, "abcdef");
	buf_truncate(&b, 3);
	assert_int_equal(b.len, 3);
	assert_string_equal(b.ptr, "abc");
	buf_puts(&b, "XY");
	assert_string_equal(b.ptr, "abcXY");
	buf_release(&b);
}

static void
test_buf_truncate_longer_is_noop(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_puts(&b, "abc");
	buf_truncate(&b, 3);
	assert_string_equal(b.ptr, "abc");
	buf_truncate(&b, 50);
	assert_int_equal(b.len, 3);
	assert_string_equal(b.ptr, "abc");
	buf_release(&b);

	/* An empty buffer owns nothing, so there is nothing to truncate. */
	buf_truncate(&b, 0);
	assert_buf_is_init(&b);
}

static void
test_buf_reset_keeps_allocation(void **state)
{
	struct buf b = BUF_INIT;
	size_t alloc;
	char *ptr;

	(void)state;
	buf_puts(&b, "something long enough");
	alloc = b.alloc;
	ptr = b.ptr;
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.ptr, "");
	assert_int_equal(b.alloc, alloc);
	assert_ptr_equal(b.ptr, ptr);
	buf_release(&b);
}

static void
test_buf_release_leaves_init(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_printf(&b, "%d", 123456);
	buf_release(&b);
	assert_buf_is_init(&b);

	/* Releasing again, or reusing the buffer, is safe. */
	buf_release(&b);
	assert_buf_is_init(&b);
	buf_puts(&b, "again");
	assert_string_equal(b.ptr, "again");
	buf_release(&b);
	assert_buf_is_init(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_init_empty_string),
		cmocka_unit_test(test_buf_grow_reserves_room),
		cmocka_unit_test(test_buf_add_zero_length_allocates_nothing),
		cmocka_unit_test(test_buf_putc_many_grows),
		cmocka_unit_test(test_buf_add_keeps_embedded_nul),
		cmocka_unit_test(test_buf_puts_appends),
		cmocka_unit_test(test_buf_printf_appends),
		cmocka_unit_test(test_buf_printf_empty_output),
		cmocka_unit_test(test_buf_printf_long_output),
		cmocka_unit_test(test_buf_printf_exact_fit),
		cmocka_unit_test(test_buf_detach_returns_contents),
		cmocka_unit_test(test_buf_detach_empty_returns_owned_string),
		cmocka_unit_test(test_buf_detach_without_length),
		cmocka_unit_test(test_buf_truncate_shortens),
		cmocka_unit_test(test_buf_truncate_longer_is_noop),
		cmocka_unit_test(test_buf_reset_keeps_allocation),
		cmocka_unit_test(test_buf_release_leaves_init),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
