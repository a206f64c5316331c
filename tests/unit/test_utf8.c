#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "utf8.h"
#include "banned.h"

/* Unit tests of utf8_sanitize(): valid text kept, each bad byte replaced. */

#define FFFD "\xef\xbf\xbd"

static void
test_utf8_sanitize_table(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
		{ "", "" },
		{ "plain ASCII", "plain ASCII" },
		{ "r\xc3\xa4t", "r\xc3\xa4t" },				/* U+00E4 */
		{ "\xe2\x82\xac", "\xe2\x82\xac" },			/* U+20AC */
		{ "\xf0\x9f\x94\x92", "\xf0\x9f\x94\x92" },		/* U+1F512 */
		{ "\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf" },		/* U+10FFFF */
		{ "a\xff" "b", "a" FFFD "b" },
		{ "\x80", FFFD },					/* lone continuation */
		{ "\xc0\x80", FFFD FFFD },				/* overlong NUL */
		{ "\xc1\xbf", FFFD FFFD },				/* overlong */
		{ "\xe0\x80\x80", FFFD FFFD FFFD },			/* overlong */
		{ "\xed\xa0\x80", FFFD FFFD FFFD },			/* surrogate */
		{ "\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD },		/* > U+10FFFF */
		{ "\xf5\x80", FFFD FFFD },
		{ "end\xe2\x82", "end" FFFD FFFD },			/* cut short */
		{ "\xe2(x", FFFD "(x" },
	};
	struct buf out = BUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&out);
		utf8_sanitize(&out, cases[i].in);
		assert_string_equal(out.ptr, cases[i].out);
	}
	buf_release(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_sanitize_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
