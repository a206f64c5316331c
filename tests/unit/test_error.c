#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <git2.h>

#include "error.h"
#include "banned.h"

/*
 * Unit tests of the error module: the recorded message and hint, clearing,
 * and importing a real libgit2 failure.
 */

/* Removes `path` and everything under it, without following links. */
static void
remove_tree(const char *path)
{
	struct dirent *entry;
	struct stat st;
	char child[512];
	DIR *d;

	if (lstat(path, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	d = opendir(path);
	while (d && (entry = readdir(d)) != NULL) {
		if (strcmp(entry->d_name, ".") == 0 ||
		    strcmp(entry->d_name, "..") == 0)
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, entry->d_name);
		remove_tree(child);
	}
	if (d)
		closedir(d);
	rmdir(path);
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
	error_clear();
	git_libgit2_shutdown();
	return 0;
}

static int
setup(void **state)
{
	(void)state;
	error_clear();
	git_error_clear();
	return 0;
}

static void
assert_contains(const char *text, const char *part)
{
	if (!text || !strstr(text, part))
		fail_msg("'%s' does not contain '%s'", text ? text : "(null)",
		    part);
}

static void
test_error_message_none_at_start(void **state)
{
	(void)state;
	assert_null(error_message());
	assert_null(error_hint());
}

static void
test_error_set_returns_code(void **state)
{
	static const int codes[] = { ISMS_EFAIL, ISMS_ENOTFOUND, ISMS_EUSAGE,
		ISMS_EEXISTS };

	(void)state;
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		assert_int_equal(error_set(codes[i], "failure %zu", i),
		    codes[i]);
}

static void
test_error_set_formats_message(void **state)
{
	(void)state;
	error_set(ISMS_EFAIL, "cannot read '%s': %s", "risks/RSK-001.md",
	    "permission denied");
	assert_string_equal(error_message(),
	    "cannot read 'risks/RSK-001.md': permission denied");
}

static void
test_error_set_replaces_message(void **state)
{
	(void)state;
	error_set(ISMS_EFAIL, "first failure with a long message %d", 1);
	error_set(ISMS_ENOTFOUND, "second");
	assert_string_equal(error_message(), "second");
}

static void
test_error_set_empty_message_is_recorded(void **state)
{
	(void)state;
	error_set(ISMS_EFAIL, "%s", "");
	assert_non_null(error_message());
	assert_string_equal(error_message(), "");
}

static void
test_error_set_hint_records_hint(void **state)
{
	(void)state;
	error_set(ISMS_EFAIL, "no ISMS found");
	error_set_hint("run '%s' to create one", "isms init");
	assert_string_equal(error_message(), "no ISMS found");
	assert_string_equal(error_hint(), "run 'isms init' to create one");
}

static void
test_error_set_drops_previous_hint(void **state)
{
	(void)state;
	error_set(ISMS_EFAIL, "first");
	error_set_hint("a hint for the first failure");
	error_set(ISMS_EFAIL, "second");
	assert_null(error_hint());
	assert_string_equal(error_message(), "second");
}

static void
test_error_clear_forgets_message_and_hint(void **state)
{
	(void)state;
	error_set(ISMS_EFAIL, "failure");
	error_set_hint("hint");
	error_clear();
	assert_null(error_message());
	assert_null(error_hint());

	/* Clearing with nothing recorded is harmless. */
	error_clear();
	assert_null(error_message());
}

static void
test_error_from_git_missing_repository(void **state)
{
	char missing[64];
	git_repository *repo = NULL;
	int git_code;
	int code;

	(void)state;
	snprintf(missing, sizeof(missing), "/tmp/isms-test-error-%ld/none",
	    (long)getpid());
	git_code = git_repository_open(&repo, missing);
	assert_int_equal(git_code, GIT_ENOTFOUND);
	assert_null(repo);
	assert_non_null(git_error_last());

	code = error_from_git(git_code, "cannot open repository '%s'",
	    missing);
	assert_int_equal(code, ISMS_ENOTFOUND);
	assert_non_null(error_message());
	assert_true(strncmp(error_message(), "cannot open repository '",
	    strlen("cannot open repository '")) == 0);
	assert_contains(error_message(), missing);
	assert_contains(error_message(), "': ");
	assert_contains(error_message(), git_error_last()->message);
	assert_null(error_hint());
}

static void
test_error_from_git_other_code_is_efail(void **state)
{
	git_repository *repo = NULL;
	git_object *object = NULL;
	char dir[64];
	int git_code;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/isms-test-error-XXXXXX");
	assert_non_null(mkdtemp(dir));
	assert_int_equal(git_repository_init(&repo, dir, 1), 0);

	/* A malformed revision is GIT_EINVALIDSPEC, not "not found". */
	git_code = git_revparse_single(&object, repo, "HEAD@{");
	assert_true(git_code < 0);
	assert_int_not_equal(git_code, GIT_ENOTFOUND);
	assert_int_equal(error_from_git(git_code, "bad revision"),
	    ISMS_EFAIL);
	assert_contains(error_message(), "bad revision: ");

	git_object_free(object);
	git_repository_free(repo);
	remove_tree(dir);
}

static void
test_error_from_git_without_git_message(void **state)
{
	(void)state;
	git_error_clear();
	assert_int_equal(error_from_git(GIT_ERROR, "cannot do '%s'", "x"),
	    ISMS_EFAIL);
	assert_string_equal(error_message(), "cannot do 'x'");
}

static void
test_error_from_git_drops_previous_hint(void **state)
{
	(void)state;
	error_set(ISMS_EFAIL, "first");
	error_set_hint("old hint");
	git_error_clear();
	error_from_git(GIT_ENOTFOUND, "second");
	assert_null(error_hint());
	assert_string_equal(error_message(), "second");
}

#define TEST(name) cmocka_unit_test_setup(name, setup)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_error_message_none_at_start),
		TEST(test_error_set_returns_code),
		TEST(test_error_set_formats_message),
		TEST(test_error_set_replaces_message),
		TEST(test_error_set_empty_message_is_recorded),
		TEST(test_error_set_hint_records_hint),
		TEST(test_error_set_drops_previous_hint),
		TEST(test_error_clear_forgets_message_and_hint),
		TEST(test_error_from_git_missing_repository),
		TEST(test_error_from_git_other_code_is_efail),
		TEST(test_error_from_git_without_git_message),
		TEST(test_error_from_git_drops_previous_hint),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
