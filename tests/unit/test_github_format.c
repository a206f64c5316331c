#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "changes.h"
#include "diag.h"
#include "github_format.h"
#include "xalloc.h"
#include "banned.h"

/*
 * Unit tests of the GitHub Actions workflow commands: the escaping of
 * messages and properties, and the exact lines for check and changes
 * findings.
 */

struct escape_case {
	const char *in;
	const char *data;	/* expected from github_escape_data() */
	const char *property;	/* expected from github_escape_property() */
};

static const struct escape_case escape_cases[] = {
	{ "plain text", "plain text", "plain text" },
	{ "100%", "100%25", "100%25" },
	{ "%0A", "%250A", "%250A" },
	{ "one\ntwo", "one%0Atwo", "one%0Atwo" },
	{ "crlf\r\n", "crlf%0D%0A", "crlf%0D%0A" },
	{ "a:b", "a:b", "a%3Ab" },
	{ "a,b", "a,b", "a%2Cb" },
	{ "::error::x", "::error::x", "%3A%3Aerror%3A%3Ax" },
	{ "tab\there", "tab\there", "tab\there" },
	{ "esc\033[31m", "esc?[31m", "esc?[31m" },
	{ "del\177", "del?", "del?" },
	{ "r\xc3\xa4t \"q\" 'q'", "r\xc3\xa4t \"q\" 'q'",
	    "r\xc3\xa4t \"q\" 'q'" },
	{ "", "", "" },
};

static void
test_github_escape_table(void **state)
{
	struct buf out = BUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(escape_cases) / sizeof(escape_cases[0]);
	    i++) {
		buf_reset(&out);
		github_escape_data(&out, escape_cases[i].in);
		assert_string_equal(out.ptr, escape_cases[i].data);

		buf_reset(&out);
		github_escape_property(&out, escape_cases[i].in);
		assert_string_equal(out.ptr, escape_cases[i].property);
	}
	buf_release(&out);
}

/* Runs `print` into memory and returns what it wrote; free() it. */
static char *
capture_diags(const struct diag_list *list, const char *prefix)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	assert_non_null(out);
	assert_int_equal(github_print_diags(out, list, prefix), 0);
	fclose(out);
	return text;
}

static void
test_github_print_diags_lines(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;
	char *text;

	(void)state;
	diag_add(&list, DIAG_ERROR, "risks/RSK-001-a, b.md", 4, 3,
	    "unknown-key", "unknown key 'x'");
	diag_add(&list, DIAG_WARNING, "isms.yaml", 7, 0, "config-no-email",
	    "%s", "100% sure\nsecond line");
	diag_add(&list, DIAG_NOTE, "isms.yaml", 0, 5, "criteria-method",
	    "about the file");
	diag_add(&list, DIAG_ERROR, "", 0, 0, "unknown-key", "about nothing");

	text = capture_diags(&list, "compliance/");
	assert_string_equal(text,
	    "::error file=compliance/risks/RSK-001-a%2C b.md,line=4,col=3,"
	    "title=unknown-key::unknown key 'x'\n"
	    "::warning file=compliance/isms.yaml,line=7,"
	    "title=config-no-email::100%25 sure%0Asecond line\n"
	    "::notice file=compliance/isms.yaml,title=criteria-method::"
	    "about the file\n"
	    "::error title=unknown-key::about nothing\n");

	free(text);
	diag_list_release(&list);
}

static void
test_github_print_diags_empty(void **state)
{
	struct diag_list list = DIAG_LIST_INIT;
	char *text;

	(void)state;
	text = capture_diags(&list, "");
	assert_string_equal(text, "");
	free(text);
}

static void
add_change_finding(struct changes_result *result, const char *rule,
    enum diag_severity severity, const char *path, const char *subject)
{
	struct changes_finding *f;

	xgrow(&result->findings, &result->alloc, result->count + 1,
	    sizeof(*result->findings));
	f = &result->findings[result->count++];
	memset(f, 0, sizeof(*f));
	snprintf(f->commit, sizeof(f->commit), "%s",
	    "0123456789abcdef0123456789abcdef01234567");
	f->author_name = xstrdup("Olu Ops");
	f->author_email = xstrdup("ops@example.com");
	f->subject = xstrdup(subject);
	f->rule = rule;
	f->severity = severity;
	f->message = xstrdup("commit names change 'CHG-007'");
	f->fix = xstrdup("have CHG-007 approved");
	f->path = path ? xstrdup(path) : NULL;
}

static void
test_github_print_changes_lines(void **state)
{
	struct changes_result result = CHANGES_RESULT_INIT;
	char *text = NULL;
	size_t size = 0;
	FILE *out;

	(void)state;
	add_change_finding(&result, "change-out-of-scope", DIAG_ERROR,
	    "policies/backup.md", "Add a backup policy");
	add_change_finding(&result, "change-emergency-unapproved",
	    DIAG_WARNING, NULL, "Fix: 50% faster");

	out = open_memstream(&text, &size);
	assert_non_null(out);
	assert_int_equal(github_print_changes(out, &result, ""), 0);
	fclose(out);
	assert_string_equal(text,
	    "::error file=policies/backup.md,title=change-out-of-scope::"
	    "01234567 \"Add a backup policy\": commit names change "
	    "'CHG-007'%0Afix: have CHG-007 approved\n"
	    "::warning title=change-emergency-unapproved::"
	    "01234567 \"Fix: 50%25 faster\": commit names change "
	    "'CHG-007'%0Afix: have CHG-007 approved\n");

	free(text);
	changes_result_release(&result);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_github_escape_table),
		cmocka_unit_test(test_github_print_diags_lines),
		cmocka_unit_test(test_github_print_diags_empty),
		cmocka_unit_test(test_github_print_changes_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
