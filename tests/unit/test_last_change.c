/* nftw() is an X/Open extension. */
#define _XOPEN_SOURCE 700

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <git2.h>

#include "date.h"
#include "error.h"
#include "last_change.h"
#include "banned.h"

/*
 * Unit tests of last_change_find() on real repositories that the tests
 * build with libgit2: plain edits, a revert, commits outside the folder,
 * author time zones, and merges that keep one side's version.
 */

struct fixture {
	char dir[64];
	git_repository *repo;
};

/* One file of a commit; content NULL removes it. */
struct file {
	const char *path;
	const char *content;
};

static int
remove_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	git_libgit2_init();
	snprintf(f->dir, sizeof(f->dir), "/tmp/isms-test-history-XXXXXX");
	if (!mkdtemp(f->dir) || git_repository_init(&f->repo, f->dir, 0) < 0) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	git_repository_free(f->repo);
	nftw(f->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	git_libgit2_shutdown();
	return 0;
}

/*
 * Commits `files` on top of the first parent's tree, authored by `who`
 * at `when` (YYYY-MM-DDTHH:MM in the author's zone, `offset` minutes
 * east of UTC), and stores the new commit's id in `out`.
 */
static void
commit(git_oid *out, struct fixture *f, const git_oid *parents,
    size_t parent_count, const struct file *files, size_t file_count,
    const char *who, const char *when, int offset)
{
	const git_commit *parent_commits[2] = { NULL, NULL };
	git_commit *loaded[2] = { NULL, NULL };
	git_index *index = NULL;
	git_tree *tree = NULL, *base = NULL;
	git_signature *sig = NULL;
	git_oid tree_id;
	char date[11], email[64];
	int days, hour, minute;

	assert_true(parent_count <= 2);
	assert_int_equal(git_repository_index(&index, f->repo), 0);
	git_index_clear(index);
	for (size_t i = 0; i < parent_count; i++) {
		assert_int_equal(git_commit_lookup(&loaded[i], f->repo,
		    &parents[i]), 0);
		parent_commits[i] = loaded[i];
	}
	if (parent_count) {
		assert_int_equal(git_commit_tree(&base, loaded[0]), 0);
		assert_int_equal(git_index_read_tree(index, base), 0);
	}
	for (size_t i = 0; i < file_count; i++) {
		git_index_entry entry;

		if (!files[i].content) {
			assert_int_equal(git_index_remove_bypath(index,
			    files[i].path), 0);
			continue;
		}
		memset(&entry, 0, sizeof(entry));
		entry.mode = GIT_FILEMODE_BLOB;
		entry.path = files[i].path;
		assert_int_equal(git_index_add_from_buffer(index, &entry,
		    files[i].content, strlen(files[i].content)), 0);
	}
	assert_int_equal(git_index_write_tree(&tree_id, index), 0);
	assert_int_equal(git_tree_lookup(&tree, f->repo, &tree_id), 0);

	memcpy(date, when, 10);
	date[10] = '\0';
	assert_int_equal(date_parse(date, &days), 0);
	assert_int_equal(sscanf(when + 11, "%d:%d", &hour, &minute), 2);
	snprintf(email, sizeof(email), "%s@example.com", who);
	assert_int_equal(git_signature_new(&sig, who, email,
	    (git_time_t)days * 86400 + hour * 3600 + minute * 60 -
	    offset * 60, offset), 0);
	assert_int_equal(git_commit_create(out, f->repo, NULL, sig, sig, NULL,
	    "test commit", tree, parent_count, parent_commits), 0);

	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(base);
	for (size_t i = 0; i < parent_count; i++)
		git_commit_free(loaded[i]);
	git_index_free(index);
}

static int
day(const char *text)
{
	int days;

	assert_int_equal(date_parse(text, &days), 0);
	return days;
}

static void
expect_commit(const struct last_change *item, const git_oid *id,
    const char *author, const char *date)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), id);
	assert_true(item->found);
	assert_string_equal(item->commit_id, hex);
	assert_string_equal(item->author_name, author);
	assert_int_equal(item->date, day(date));
}

static void
test_last_change_find_linear(void **state)
{
	struct fixture *f = *state;
	const struct file first[] = {
		{ "isms/a.md", "a1\n" }, { "isms/b.md", "b1\n" },
		{ "other.txt", "o1\n" },
	};
	const struct file edit_a[] = { { "isms/a.md", "a2\n" } };
	const struct file edit_other[] = { { "other.txt", "o2\n" } };
	const struct file edit_b[] = { { "isms/b.md", "b2\n" } };
	const struct file revert_b[] = { { "isms/b.md", "b1\n" } };
	struct last_change items[] = {
		{ .path = "isms/a.md" }, { .path = "isms/b.md" },
		{ .path = "isms/missing.md" },
	};
	git_oid c1, c2, c3, c4, c5;

	commit(&c1, f, NULL, 0, first, 3, "alice", "2026-01-10T09:00", 0);
	/* 23:30 in New York is already the next day in UTC. */
	commit(&c2, f, &c1, 1, edit_a, 1, "bob", "2026-02-10T23:30", -300);
	commit(&c3, f, &c2, 1, edit_other, 1, "carol", "2026-03-10T09:00", 0);
	commit(&c4, f, &c3, 1, edit_b, 1, "dave", "2026-04-10T09:00", 60);
	commit(&c5, f, &c4, 1, revert_b, 1, "erin", "2026-05-10T09:00", 0);

	assert_int_equal(last_change_find(items, 3, f->repo, &c5, "isms/"), 0);
	expect_commit(&items[0], &c2, "bob", "2026-02-10");
	assert_string_equal(items[0].author_email, "bob@example.com");
	/* The revert brought back the first version, and it is a change. */
	expect_commit(&items[1], &c5, "erin", "2026-05-10");
	assert_true(items[1].in_start);
	assert_false(items[2].in_start);
	assert_false(items[2].found);
	last_change_release(items, 3);
}

static void
test_last_change_find_root_commit(void **state)
{
	struct fixture *f = *state;
	const struct file first[] = { { "policy.md", "p1\n" } };
	struct last_change items[] = { { .path = "policy.md" } };
	git_oid c1;

	commit(&c1, f, NULL, 0, first, 1, "alice", "2026-01-10T09:00", 0);
	assert_int_equal(last_change_find(items, 1, f->repo, &c1, ""), 0);
	expect_commit(&items[0], &c1, "alice", "2026-01-10");
	last_change_release(items, 1);
}

static void
test_last_change_find_merge_keeps_main(void **state)
{
	struct fixture *f = *state;
	const struct file first[] = { { "a.md", "a1\n" } };
	const struct file main_edit[] = { { "a.md", "a2\n" } };
	const struct file side_edit[] = { { "a.md", "side\n" } };
	const struct file keep_main[] = { { "a.md", "a2\n" } };
	struct last_change items[] = { { .path = "a.md" } };
	git_oid c1, c2, side, parents[2], merge;

	commit(&c1, f, NULL, 0, first, 1, "alice", "2026-01-10T09:00", 0);
	commit(&c2, f, &c1, 1, main_edit, 1, "bob", "2026-02-10T09:00", 0);
	/* The side branch is newer, but the merge drops its version. */
	commit(&side, f, &c1, 1, side_edit, 1, "frank", "2026-03-01T09:00", 0);
	parents[0] = c2;
	parents[1] = side;
	commit(&merge, f, parents, 2, keep_main, 1, "grace",
	    "2026-03-02T09:00", 0);

	assert_int_equal(last_change_find(items, 1, f->repo, &merge, ""), 0);
	expect_commit(&items[0], &c2, "bob", "2026-02-10");
	last_change_release(items, 1);
}

static void
test_last_change_find_merge_takes_side(void **state)
{
	struct fixture *f = *state;
	const struct file first[] = { { "a.md", "a1\n" } };
	const struct file side_edit[] = { { "a.md", "side\n" } };
	const struct file other[] = { { "b.md", "b\n" } };
	struct last_change items[] = { { .path = "a.md" } };
	git_oid c1, c2, side, parents[2], merge;

	commit(&c1, f, NULL, 0, first, 1, "alice", "2026-01-10T09:00", 0);
	commit(&side, f, &c1, 1, side_edit, 1, "frank", "2026-02-01T09:00",
	    0);
	commit(&c2, f, &c1, 1, other, 1, "bob", "2026-02-10T09:00", 0);
	parents[0] = c2;
	parents[1] = side;
	commit(&merge, f, parents, 2, side_edit, 1, "grace",
	    "2026-03-02T09:00", 0);

	assert_int_equal(last_change_find(items, 1, f->repo, &merge, ""), 0);
	expect_commit(&items[0], &side, "frank", "2026-02-01");
	last_change_release(items, 1);
}

static void
test_last_change_find_merge_resolution(void **state)
{
	struct fixture *f = *state;
	const struct file first[] = { { "a.md", "a1\n" } };
	const struct file main_edit[] = { { "a.md", "main\n" } };
	const struct file side_edit[] = { { "a.md", "side\n" } };
	const struct file resolved[] = { { "a.md", "both\n" } };
	struct last_change items[] = { { .path = "a.md" } };
	git_oid c1, c2, side, parents[2], merge;

	commit(&c1, f, NULL, 0, first, 1, "alice", "2026-01-10T09:00", 0);
	commit(&c2, f, &c1, 1, main_edit, 1, "bob", "2026-02-10T09:00", 0);
	commit(&side, f, &c1, 1, side_edit, 1, "frank", "2026-02-11T09:00",
	    0);
	parents[0] = c2;
	parents[1] = side;
	commit(&merge, f, parents, 2, resolved, 1, "grace",
	    "2026-03-02T09:00", 0);

	assert_int_equal(last_change_find(items, 1, f->repo, &merge, ""), 0);
	expect_commit(&items[0], &merge, "grace", "2026-03-02");
	last_change_release(items, 1);
}

static void
test_last_change_find_bad_start(void **state)
{
	struct fixture *f = *state;
	struct last_change items[] = { { .path = "a.md" } };
	git_oid missing;

	memset(&missing, 0x42, sizeof(missing));
	assert_true(last_change_find(items, 1, f->repo, &missing, "") < 0);
	assert_non_null(error_message());
	assert_non_null(strstr(error_message(), "cannot read commit"));
	error_clear();
	last_change_release(items, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_last_change_find_linear,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_last_change_find_root_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_last_change_find_merge_keeps_main, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_last_change_find_merge_takes_side, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_last_change_find_merge_resolution, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_last_change_find_bad_start, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
