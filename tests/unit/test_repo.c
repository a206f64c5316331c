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

#include "buf.h"
#include "error.h"
#include "repo.h"
#include "banned.h"

/*
 * Unit tests of finding an ISMS root and opening the repository around
 * it. Group setup makes, under one temporary folder:
 *   repo/            a git work tree with isms.yaml at its top
 *   repo/isms/       an ISMS in a subfolder, with nested folders
 *   repo/other/deep  folders without isms.yaml of their own
 *   alias            a symbolic link to repo
 *   bare.git         a bare repository with isms.yaml
 *   outside/nested   folders in no repository and no ISMS
 * The "outside" cases assume that neither /tmp nor / contains isms.yaml or
 * is inside a git repository.
 */

struct fixture {
	char dir[64];
	char *real_dir;		/* dir with symbolic links resolved */
};

static struct fixture fx;

static void
check_git(int error, const char *what)
{
	if (error < 0) {
		const git_error *e = git_error_last();

		fail_msg("%s failed: %s", what, e ? e->message : "?");
	}
}

/* Stores in `out` the path of `rel` under the fixture folder. */
static void
path_of(struct buf *out, const char *rel)
{
	buf_reset(out);
	buf_printf(out, "%s/%s", fx.dir, rel);
}

/* Makes every folder of `rel` under the fixture folder. */
static void
make_folders(const char *rel)
{
	struct buf path = BUF_INIT;

	path_of(&path, rel);
	for (char *p = path.ptr + strlen(fx.dir) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(path.ptr, 0777);
		*p = '/';
	}
	mkdir(path.ptr, 0777);
	buf_release(&path);
}

static void
write_file(const char *rel, const char *content)
{
	struct buf path = BUF_INIT;
	FILE *f;

	path_of(&path, rel);
	f = fopen(path.ptr, "w");
	assert_non_null(f);
	fputs(content, f);
	assert_int_equal(fclose(f), 0);
	buf_release(&path);
}

static void
init_repo(const char *rel, int bare)
{
	git_repository *repo = NULL;
	struct buf path = BUF_INIT;

	path_of(&path, rel);
	check_git(git_repository_init(&repo, path.ptr, bare),
	    "git_repository_init");
	git_repository_free(repo);
	buf_release(&path);
}

static int
group_setup(void **state)
{
	struct buf path = BUF_INIT;

	(void)state;
	git_libgit2_init();
	snprintf(fx.dir, sizeof(fx.dir), "%s", "/tmp/isms-test-repo.XXXXXX");
	if (!mkdtemp(fx.dir))
		return -1;
	fx.real_dir = realpath(fx.dir, NULL);
	if (!fx.real_dir)
		return -1;

	init_repo("repo", 0);
	write_file("repo/isms.yaml", "isms: 1\n");
	make_folders("repo/isms/risks/deep");
	write_file("repo/isms/isms.yaml", "isms: 1\n");
	make_folders("repo/other/deep");
	/* A folder named isms.yaml is not an ISMS. */
	make_folders("repo/isms/fake/isms.yaml");
	make_folders("repo/isms/fake/inner");
	init_repo("bare.git", 1);
	write_file("bare.git/isms.yaml", "isms: 1\n");
	make_folders("outside/nested");
	path_of(&path, "alias");
	if (symlink("repo", path.ptr) < 0)
		return -1;
	buf_release(&path);
	return 0;
}

static void
remove_tree(const char *path)
{
	struct buf child = BUF_INIT;
	struct dirent *entry;
	struct stat st;
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
		buf_reset(&child);
		buf_printf(&child, "%s/%s", path, entry->d_name);
		remove_tree(child.ptr);
	}
	if (d)
		closedir(d);
	rmdir(path);
	buf_release(&child);
}

static int
group_teardown(void **state)
{
	(void)state;
	remove_tree(fx.dir);
	free(fx.real_dir);
	error_clear();
	git_libgit2_shutdown();
	return 0;
}

static int
setup(void **state)
{
	(void)state;
	error_clear();
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
test_repo_find_isms_root_walks_up(void **state)
{
	static const struct {
		const char *start;
		const char *root;
	} cases[] = {
		{ "repo", "repo" },
		{ "repo/", "repo" },
		{ "repo/other", "repo" },
		{ "repo/other/deep", "repo" },
		{ "repo/isms", "repo/isms" },
		{ "repo/isms/risks", "repo/isms" },
		{ "repo/isms/risks/deep", "repo/isms" },
		{ "repo/isms/risks/deep/../..", "repo/isms" },
		{ "repo/isms/fake/inner", "repo/isms" },
		{ "repo/isms/fake", "repo/isms" },
		{ "alias/isms/risks", "repo/isms" },
	};
	struct buf start = BUF_INIT, root = BUF_INIT, expected = BUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		path_of(&start, cases[i].start);
		buf_reset(&expected);
		buf_printf(&expected, "%s/%s", fx.real_dir, cases[i].root);
		assert_int_equal(repo_find_isms_root(&root, start.ptr), 0);
		if (strcmp(root.ptr, expected.ptr) != 0)
			fail_msg("from '%s': root '%s', expected '%s'",
			    cases[i].start, root.ptr, expected.ptr);
		assert_int_equal(root.len, expected.len);
	}
	buf_release(&start);
	buf_release(&root);
	buf_release(&expected);
}

static void
test_repo_find_isms_root_relative_start(void **state)
{
	struct buf root = BUF_INIT, expected = BUF_INIT, sub = BUF_INIT;
	char *cwd = getcwd(NULL, 0);
	int rc;

	(void)state;
	assert_non_null(cwd);
	path_of(&sub, "repo/isms");
	assert_int_equal(chdir(sub.ptr), 0);
	rc = repo_find_isms_root(&root, "risks/deep");
	assert_int_equal(chdir(cwd), 0);
	free(cwd);

	assert_int_equal(rc, 0);
	buf_printf(&expected, "%s/repo/isms", fx.real_dir);
	assert_string_equal(root.ptr, expected.ptr);
	buf_release(&root);
	buf_release(&expected);
	buf_release(&sub);
}

static void
test_repo_find_isms_root_outside_not_found(void **state)
{
	struct buf start = BUF_INIT, root = BUF_INIT;

	(void)state;
	buf_puts(&root, "unchanged");
	path_of(&start, "outside/nested");
	assert_int_equal(repo_find_isms_root(&root, start.ptr),
	    ISMS_ENOTFOUND);
	assert_contains(error_message(), "no ISMS found");
	assert_contains(error_message(), "outside/nested");
	assert_contains(error_message(), ISMS_CONFIG_FILE);
	assert_non_null(error_hint());
	assert_contains(error_hint(), "isms init");
	assert_string_equal(root.ptr, "unchanged");
	buf_release(&start);
	buf_release(&root);
}

static void
test_repo_find_isms_root_missing_start(void **state)
{
	struct buf start = BUF_INIT, root = BUF_INIT;

	(void)state;
	path_of(&start, "no-such-folder");
	assert_int_equal(repo_find_isms_root(&root, start.ptr),
	    ISMS_ENOTFOUND);
	assert_contains(error_message(), "no-such-folder");
	buf_release(&start);
	buf_release(&root);
}

static void
test_repo_open_gives_prefix(void **state)
{
	static const struct {
		const char *root;
		const char *prefix;
	} cases[] = {
		{ "repo", "" },
		{ "repo/", "" },
		{ "repo/isms", "isms/" },
		{ "repo/isms/", "isms/" },
		{ "repo/isms/risks/deep", "isms/risks/deep/" },
		{ "alias/isms", "isms/" },
		{ "alias", "" },
	};
	struct buf root = BUF_INIT, prefix = BUF_INIT, top = BUF_INIT;

	(void)state;
	buf_printf(&top, "%s/repo/", fx.real_dir);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		git_repository *repo = NULL;
		char *workdir;

		path_of(&root, cases[i].root);
		buf_reset(&prefix);
		buf_puts(&prefix, "left over");
		assert_int_equal(repo_open(&repo, &prefix, root.ptr), 0);
		assert_non_null(repo);
		if (strcmp(prefix.ptr, cases[i].prefix) != 0)
			fail_msg("'%s': prefix '%s', expected '%s'",
			    cases[i].root, prefix.ptr, cases[i].prefix);
		workdir = realpath(git_repository_workdir(repo), NULL);
		assert_non_null(workdir);
		assert_true(strncmp(workdir, top.ptr, top.len - 1) == 0);
		free(workdir);
		git_repository_free(repo);
	}
	buf_release(&root);
	buf_release(&prefix);
	buf_release(&top);
}

static void
test_repo_open_outside_work_tree_fails(void **state)
{
	struct buf root = BUF_INIT, prefix = BUF_INIT;
	/* Starts non-NULL so the test can check that the call sets NULL. */
	git_repository *repo = (git_repository *)&fx;

	(void)state;
	path_of(&root, "outside/nested");
	assert_int_equal(repo_open(&repo, &prefix, root.ptr), ISMS_ENOTFOUND);
	assert_null(repo);
	assert_contains(error_message(), "outside/nested");
	assert_contains(error_hint(), "git init");
	buf_release(&root);
	buf_release(&prefix);
}

static void
test_repo_open_bare_repository_fails(void **state)
{
	struct buf root = BUF_INIT, prefix = BUF_INIT;
	/* Starts non-NULL so the test can check that the call sets NULL. */
	git_repository *repo = (git_repository *)&fx;

	(void)state;
	path_of(&root, "bare.git");
	assert_int_equal(repo_open(&repo, &prefix, root.ptr), ISMS_EFAIL);
	assert_null(repo);
	assert_contains(error_message(), "has no work tree");
	assert_contains(error_message(), "bare.git");
	assert_contains(error_hint(), "bare repository");
	buf_release(&root);
	buf_release(&prefix);
}

static void
test_repo_open_missing_folder_fails(void **state)
{
	struct buf root = BUF_INIT, prefix = BUF_INIT;
	/* Starts non-NULL so the test can check that the call sets NULL. */
	git_repository *repo = (git_repository *)&fx;

	(void)state;
	path_of(&root, "no-such-folder");
	assert_int_equal(repo_open(&repo, &prefix, root.ptr), ISMS_EFAIL);
	assert_null(repo);
	assert_contains(error_message(), "cannot resolve folder");
	assert_contains(error_message(), "no-such-folder");
	buf_release(&root);
	buf_release(&prefix);
}

#define TEST(name) cmocka_unit_test_setup(name, setup)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_repo_find_isms_root_walks_up),
		TEST(test_repo_find_isms_root_relative_start),
		TEST(test_repo_find_isms_root_outside_not_found),
		TEST(test_repo_find_isms_root_missing_start),
		TEST(test_repo_open_gives_prefix),
		TEST(test_repo_open_outside_work_tree_fails),
		TEST(test_repo_open_bare_repository_fails),
		TEST(test_repo_open_missing_folder_fails),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
