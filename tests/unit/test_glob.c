#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "glob.h"
#include "banned.h"

struct glob_case {
	const char *pattern;
	const char *path;
	int expected;
};

/* Runs a table of cases and names the first one that fails. */
static void
check_cases(const struct glob_case *cases, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		int got = glob_match(cases[i].pattern, cases[i].path);

		if (got != cases[i].expected)
			fail_msg("glob_match('%s', '%s') returned %d, expected "
			    "%d", cases[i].pattern, cases[i].path, got,
			    cases[i].expected);
	}
}

#define CHECK_CASES(table) check_cases(table, sizeof(table) / sizeof(table[0]))

static void
test_glob_match_star_stays_in_segment(void **state)
{
	static const struct glob_case cases[] = {
		{ "*.md", "README.md", 1 },
		{ "*.md", "policies/access.md", 0 },
		{ "policies/*.md", "policies/access.md", 1 },
		{ "policies/*.md", "policies/old/access.md", 0 },
		{ "policies/*", "policies/access.md", 1 },
		{ "policies/*", "policies", 0 },
		{ "*", "isms.yaml", 1 },
		{ "*", "a/b", 0 },
		{ "a*b*c", "aXXbYYc", 1 },
		{ "a*b*c", "aXXbYY", 0 },
		{ "*", "", 1 },
	};

	(void)state;
	CHECK_CASES(cases);
}

static void
test_glob_match_double_star_crosses_segments(void **state)
{
	static const struct glob_case cases[] = {
		{ "**", "isms.yaml", 1 },
		{ "**", "a/b/c.md", 1 },
		{ "policies/**", "policies/access.md", 1 },
		{ "policies/**", "policies/old/access.md", 1 },
		{ "policies/**", "policies", 0 },
		{ "policies/**", "procedures/x.md", 0 },
		{ "**/README.md", "README.md", 1 },
		{ "**/README.md", "a/b/README.md", 1 },
		{ "**/README.md", "a/b/NOT-README.md", 0 },
		{ "a/**/z.md", "a/z.md", 1 },
		{ "a/**/z.md", "a/b/c/z.md", 1 },
		{ "a/**/z.md", "b/z.md", 0 },
		{ "**/*.md", "x.md", 1 },
		{ "**/*.md", "deep/er/x.md", 1 },
		{ "**/*.md", "deep/er/x.yaml", 0 },
		/* Not a whole segment: acts as a single star. */
		{ "a**.md", "abc.md", 1 },
		{ "a**.md", "a/b.md", 0 },
	};

	(void)state;
	CHECK_CASES(cases);
}

static void
test_glob_match_question_mark_and_classes(void **state)
{
	static const struct glob_case cases[] = {
		{ "RSK-00?.md", "RSK-004.md", 1 },
		{ "RSK-00?.md", "RSK-0042.md", 0 },
		{ "a?b", "a/b", 0 },
		{ "r\xc3\xa9?.md", "r\xc3\xa9s.md", 1 },
		{ "?.md", "\xc3\xa9.md", 1 },
		{ "[abc].md", "b.md", 1 },
		{ "[abc].md", "d.md", 0 },
		{ "[a-c].md", "c.md", 1 },
		{ "[!a-c].md", "c.md", 0 },
		{ "[!a-c].md", "d.md", 1 },
		{ "[^a-c].md", "d.md", 1 },
		{ "[]x].md", "].md", 1 },
		{ "[[:digit:]].md", "7.md", 1 },
		{ "[[:digit:]].md", "x.md", 0 },
		{ "[[:upper:]][[:lower:]].md", "Ab.md", 1 },
		{ "a[/]b", "a/b", 0 },
		/* An unclosed bracket is a literal '['. */
		{ "[abc", "[abc", 1 },
		{ "[abc", "a", 0 },
	};

	(void)state;
	CHECK_CASES(cases);
}

static void
test_glob_match_escapes_and_anchors(void **state)
{
	static const struct glob_case cases[] = {
		{ "\\*.md", "*.md", 1 },
		{ "\\*.md", "x.md", 0 },
		{ "\\[x].md", "[x].md", 1 },
		{ "./isms.yaml", "isms.yaml", 1 },
		{ "/isms.yaml", "isms.yaml", 1 },
		{ "isms.yaml", "sub/isms.yaml", 0 },
		{ "policies/", "policies/access.md", 1 },
		{ "policies/", "policies/a/b.md", 1 },
		{ "policies/", "policiesX/a.md", 0 },
		{ "Policies/*", "policies/a.md", 0 },
	};

	(void)state;
	CHECK_CASES(cases);
}

static void
test_glob_match_any_empty_and_several(void **state)
{
	char *patterns[] = { "README.md", "drafts/**" };

	(void)state;
	assert_int_equal(glob_match_any(patterns, 0, "README.md"), 0);
	assert_int_equal(glob_match_any(patterns, 2, "README.md"), 1);
	assert_int_equal(glob_match_any(patterns, 2, "drafts/a/b.md"), 1);
	assert_int_equal(glob_match_any(patterns, 2, "policies/a.md"), 0);
}

static void
test_glob_is_record_id_forms(void **state)
{
	(void)state;
	assert_int_equal(glob_is_record_id("RSK-004"), 1);
	assert_int_equal(glob_is_record_id("CHG-1"), 1);
	assert_int_equal(glob_is_record_id("rsk-004"), 0);
	assert_int_equal(glob_is_record_id("RSK-"), 0);
	assert_int_equal(glob_is_record_id("RSK004"), 0);
	assert_int_equal(glob_is_record_id("RSK-004-x"), 0);
	assert_int_equal(glob_is_record_id("-004"), 0);
	assert_int_equal(glob_is_record_id("risks/**"), 0);
}

static void
test_glob_scope_match_record_id(void **state)
{
	(void)state;
	assert_int_equal(glob_scope_match("RSK-004",
	    "risks/RSK-004-phishing.md"), 1);
	assert_int_equal(glob_scope_match("RSK-004", "risks/RSK-004.md"), 1);
	assert_int_equal(glob_scope_match("RSK-004", "RSK-004-top.md"), 1);
	assert_int_equal(glob_scope_match("RSK-004",
	    "risks/RSK-0042-other.md"), 0);
	assert_int_equal(glob_scope_match("RSK-004",
	    "risks/RSK-004-phishing.yaml"), 0);
	assert_int_equal(glob_scope_match("RSK-004",
	    "risks/XRSK-004-phishing.md"), 0);
	assert_int_equal(glob_scope_match("RSK-004", "risks/RSK-004-"), 0);
}

static void
test_glob_scope_match_glob_entry(void **state)
{
	(void)state;
	assert_int_equal(glob_scope_match("policies/**",
	    "policies/access.md"), 1);
	assert_int_equal(glob_scope_match("policies/access.md",
	    "policies/access.md"), 1);
	assert_int_equal(glob_scope_match("policies/access.md",
	    "policies/backup.md"), 0);
}

/* Many stars against a long path that almost matches must still end fast. */
static void
test_glob_match_nocase_folds_ascii(void **state)
{
	static const struct glob_case cases[] = {
		{ "risks/**", "Risks/RSK-001.md", 1 },
		{ "risks/", "RISKS/a/b.md", 1 },
		{ "Policies/*.MD", "policies/access.md", 1 },
		{ "risks/[a-c]*.md", "risks/B.md", 1 },
		{ "risks/[!a-c]*.md", "risks/B.md", 0 },
		{ "risks/[[:lower:]].md", "risks/Q.md", 1 },
		{ "risks/\\R.md", "risks/r.md", 1 },
		{ "risks/?.md", "RISKS/x.MD", 1 },
		{ "risks/**", "riskz/a.md", 0 },
		/* Only ASCII letters fold. */
		{ "\xc3\xa4/**", "\xc3\x84/a.md", 0 },
		{ "\xc3\xa4/**", "\xc3\xa4/a.md", 1 },
	};
	char *const patterns[] = { "drafts/**", "risks/**" };

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = glob_match_nocase(cases[i].pattern, cases[i].path);

		if (got != cases[i].expected)
			fail_msg("glob_match_nocase('%s', '%s') returned %d, "
			    "expected %d", cases[i].pattern, cases[i].path, got,
			    cases[i].expected);
	}

	/* The exact matcher keeps case. */
	assert_int_equal(glob_match("risks/**", "Risks/RSK-001.md"), 0);
	assert_int_equal(glob_match_any_nocase(patterns, 2, "RISKS/x.md"), 1);
	assert_int_equal(glob_match_any_nocase(patterns, 2, "other/x.md"), 0);
}

static void
test_glob_match_many_stars_long_path(void **state)
{
	char path[200];

	(void)state;
	memset(path, 'a', sizeof(path) - 1);
	path[sizeof(path) - 1] = '\0';
	assert_int_equal(glob_match("*a*a*a*a*b", path), 0);
	assert_int_equal(glob_match("**/**/**/**/b", "a/a/a/a/a/a/a/a/a/a/a/a/c"),
	    0);
}

static void
test_glob_check_reports_position(void **state)
{
	static const struct {
		const char *pattern;
		const char *problem;
		size_t column;
	} bad[] = {
		{ "risks/[abc.md", "'[' is never closed by ']'", 7 },
		{ "x/[]", "empty character class '[]'", 3 },
		{ "[!]", "empty character class '[!]'", 1 },
		{ "a/[z-a]*.md", "reversed range 'z-a' matches no character",
		  4 },
		{ "[[:digits:]]", "unknown character class '[:digits:]'", 2 },
		/* Positions count characters, not bytes. */
		{ "\xc3\xa4\xc3\xb6/[", "'[' is never closed", 4 },
	};
	static const char *const good[] = {
		"**", "policies/**", "[a-c].md", "[!0-9]*", "[]x].md",
		"[[:digit:]].md", "\\[x].md", "a\\", "risks/[a-zA-Z]*.md",
	};
	struct buf problem = BUF_INIT;
	size_t column;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_reset(&problem);
		column = 0;
		if (glob_check(bad[i].pattern, &problem, &column) != -1)
			fail_msg("glob_check('%s') accepted it", bad[i].pattern);
		if (!strstr(problem.ptr, bad[i].problem))
			fail_msg("glob_check('%s') said '%s', expected '%s'",
			    bad[i].pattern, problem.ptr, bad[i].problem);
		if (column != bad[i].column)
			fail_msg("glob_check('%s') gave position %zu, expected "
			    "%zu", bad[i].pattern, column, bad[i].column);
	}
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		buf_reset(&problem);
		if (glob_check(good[i], &problem, &column) != 0)
			fail_msg("glob_check('%s') rejected it: %s", good[i],
			    problem.ptr);
	}
	buf_release(&problem);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glob_match_star_stays_in_segment),
		cmocka_unit_test(test_glob_match_double_star_crosses_segments),
		cmocka_unit_test(test_glob_match_question_mark_and_classes),
		cmocka_unit_test(test_glob_match_escapes_and_anchors),
		cmocka_unit_test(test_glob_match_any_empty_and_several),
		cmocka_unit_test(test_glob_is_record_id_forms),
		cmocka_unit_test(test_glob_scope_match_record_id),
		cmocka_unit_test(test_glob_scope_match_glob_entry),
		cmocka_unit_test(test_glob_match_nocase_folds_ascii),
		cmocka_unit_test(test_glob_match_many_stars_long_path),
		cmocka_unit_test(test_glob_check_reports_position),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
