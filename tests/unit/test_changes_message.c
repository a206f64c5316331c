#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <git2.h>

#include "buf.h"
#include "changes_message.h"
#include "banned.h"

/*
 * Unit tests of changes_message_clean(), which turns the file git hands
 * the commit-msg hook into the message git stores. Judging the commit
 * itself runs through real `git commit` calls in tests/e2e/test_hooks.sh.
 */

#define SCISSORS_LINE \
	"# ------------------------ >8 ------------------------\n"

static void
test_changes_message_clean_table(void **state)
{
	static const struct {
		const char *raw;
		char comment;
		const char *clean;
	} cases[] = {
		{ "Edit policy\n\nISMS-Change: CHG-001\n", '#',
		    "Edit policy\n\nISMS-Change: CHG-001\n" },
		{ "Edit policy\n# Please enter the commit message\n#\n"
		    "ISMS-Change: CHG-001\n", '#',
		    "Edit policy\nISMS-Change: CHG-001\n" },
		{ "\n\nEdit policy  \n\n\n", '#', "Edit policy\n" },
		{ "Edit policy\n\nISMS-Change: CHG-001\n" SCISSORS_LINE
		    "# Do not modify or remove the line above.\n"
		    "diff --git a/x b/x\n+ISMS-Change: CHG-999\n", '#',
		    "Edit policy\n\nISMS-Change: CHG-001\n" },
		{ "Edit\r\n\r\nISMS-Change: CHG-001\r\n"
		    "# ------------------------ >8 ------------------------\r\n"
		    "+x\r\n", '#', "Edit\n\nISMS-Change: CHG-001\n" },
		{ "Edit\n; a comment\n# kept\n", ';', "Edit\n# kept\n" },
		{ "Edit\n; ------------------------ >8 ------------------------\n"
		    "gone\n", ';', "Edit\n" },
		{ "Edit\n#  ------------------------ >8 ------------------------\n"
		    "kept\n", '#', "Edit\nkept\n" },
		{ "no newline at the end\r", '#', "no newline at the end\n" },
		{ "# only a comment\n", '#', "" },
		{ "", '#', "" },
	};
	struct buf out = BUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&out);
		assert_int_equal(changes_message_clean(&out, cases[i].raw,
		    cases[i].comment), 0);
		assert_string_equal(out.ptr, cases[i].clean);
	}
	buf_release(&out);
}

static int
group_setup(void **state)
{
	(void)state;
	git_libgit2_init();
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	git_libgit2_shutdown();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_changes_message_clean_table),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
