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
#include "change_log.h"
#include "error.h"
#include "banned.h"

/*
 * One real repository built with libgit2 in group setup. A change is
 * planned, approved, implemented, moved to a subfolder, and closed on a
 * side branch by an author whom the mailmap resolves. A second change is
 * deleted on the main line before the merge.
 */

/* 2026-03-01T12:00:00Z; commit n is made n days later, at UTC+01:00. */
#define BASE_TIME 1772366400

static const char policy_yaml[] =
	"isms: 1\n"
	"organisation: Test Ltd\n"
	"scope: Everything\n"
	"people:\n"
	"  ciso: {name: Casey Ciso, email: [ciso@example.com], "
	"roles: [change-approver]}\n"
	"  ops: {name: Olu Ops, email: [ops@example.com]}\n";

enum log_commit {
	L_ROOT,
	L_PLAN,
	L_APPROVE,
	L_IMPLEMENT,
	L_MOVE,
	L_SIDE,
	L_MAIN,
	L_MERGE,
	L_COUNT,
};

static struct {
	char dir[64];
	git_repository *repo;
	git_index *index;
	int day;
	git_oid commits[L_COUNT];
} fx;

static void
check_git(int error, const char *what)
{
	if (error < 0) {
		const git_error *e = git_error_last();

		fail_msg("%s failed: %s", what, e ? e->message : "?");
	}
}

static void
put(const char *path, const char *content)
{
	git_index_entry entry;

	memset(&entry, 0, sizeof(entry));
	entry.path = path;
	entry.mode = GIT_FILEMODE_BLOB;
	check_git(git_index_add_from_buffer(fx.index, &entry, content,
	    strlen(content)), "git_index_add_from_buffer");
}

static void
drop(const char *path)
{
	check_git(git_index_remove_bypath(fx.index, path),
	    "git_index_remove_bypath");
}

static void
checkout(enum log_commit which)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;

	check_git(git_commit_lookup(&commit, fx.repo, &fx.commits[which]),
	    "git_commit_lookup");
	check_git(git_commit_tree(&tree, commit), "git_commit_tree");
	check_git(git_index_read_tree(fx.index, tree), "git_index_read_tree");
	git_tree_free(tree);
	git_commit_free(commit);
}

/* Commits the index as `which` on `parents`, by `name` <`email`>. */
static void
commit(enum log_commit which, const char *name, const char *email,
    const char *message, const enum log_commit *parents, size_t count)
{
	git_commit *parent_commits[2] = { NULL, NULL };
	git_signature *sig = NULL;
	git_reference *ref = NULL;
	git_tree *tree = NULL;
	git_oid tree_id;

	check_git(git_index_write_tree_to(&tree_id, fx.index, fx.repo),
	    "git_index_write_tree_to");
	check_git(git_tree_lookup(&tree, fx.repo, &tree_id), "git_tree_lookup");
	check_git(git_signature_new(&sig, name, email,
	    BASE_TIME + (git_time_t)fx.day * 86400, 60), "git_signature_new");
	fx.day++;
	for (size_t i = 0; i < count; i++)
		check_git(git_commit_lookup(&parent_commits[i], fx.repo,
		    &fx.commits[parents[i]]), "git_commit_lookup");
	check_git(git_commit_create(&fx.commits[which], fx.repo, NULL, sig,
	    sig, NULL, message, tree, count,
	    (const git_commit **)parent_commits), "git_commit_create");
	check_git(git_reference_create(&ref, fx.repo, "refs/heads/main",
	    &fx.commits[which], 1, "test"), "git_reference_create");
	git_reference_free(ref);
	for (size_t i = 0; i < count; i++)
		git_commit_free(parent_commits[i]);
	git_signature_free(sig);
	git_tree_free(tree);
}

static const char change_001[] =
	"---\nid: CHG-001\ntitle: Keys\nstatus: %s\nscope: [policies/a.md]\n"
	"%s---\n";

static void
put_change_001(const char *path, const char *status, int approved)
{
	char text[256];

	snprintf(text, sizeof(text), change_001, status, approved ?
	    "approved_by: ciso\napproved_on: 2026-03-03\n" : "");
	put(path, text);
}

static void
build_history(void)
{
	static const enum log_commit root[] = { L_ROOT };
	static const enum log_commit plan[] = { L_PLAN };
	static const enum log_commit approve[] = { L_APPROVE };
	static const enum log_commit implement[] = { L_IMPLEMENT };
	static const enum log_commit move[] = { L_MOVE };
	static const enum log_commit merge[] = { L_MAIN, L_SIDE };
	git_repository_init_options opts;
	struct buf path = BUF_INIT;
	FILE *f;

	check_git(git_repository_init_options_init(&opts,
	    GIT_REPOSITORY_INIT_OPTIONS_VERSION), "init options");
	opts.flags = GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = "main";
	buf_printf(&path, "%s/repo", fx.dir);
	check_git(git_repository_init_ext(&fx.repo, path.ptr, &opts),
	    "git_repository_init_ext");
	check_git(git_repository_index(&fx.index, fx.repo),
	    "git_repository_index");

	buf_puts(&path, "/.mailmap");
	f = fopen(path.ptr, "w");
	assert_non_null(f);
	fputs("Casey Ciso <ciso@example.com> <casey@home.example.net>\n", f);
	fclose(f);
	buf_release(&path);

	put("isms.yaml", policy_yaml);
	put("policies/a.md", "a\n");
	commit(L_ROOT, "Olu Ops", "ops@example.com", "Start", NULL, 0);

	put_change_001("changes/CHG-001-keys.md", "proposed", 0);
	put("changes/CHG-002-old.md", "---\nid: CHG-002\ntitle: Old\n"
	    "status: proposed\n---\n");
	commit(L_PLAN, "Olu Ops", "ops@example.com", "Plan two changes", root,
	    1);

	put_change_001("changes/CHG-001-keys.md", "approved", 1);
	commit(L_APPROVE, "Casey Ciso", "ciso@example.com", "Approve CHG-001",
	    plan, 1);

	put("policies/a.md", "a2\n");
	commit(L_IMPLEMENT, "Olu Ops", "ops@example.com", "Require keys\n\n"
	    "ISMS-Change: CHG-001, CHG-404\n", approve, 1);

	/* A move keeps the history; an edit with the same status adds none. */
	drop("changes/CHG-001-keys.md");
	put_change_001("changes/2026/CHG-001-keys.md", "approved", 1);
	put("changes/CHG-002-old.md", "---\nid: CHG-002\ntitle: Old one\n"
	    "status: proposed\n---\n");
	commit(L_MOVE, "Olu Ops", "ops@example.com", "File the changes by year",
	    implement, 1);

	put_change_001("changes/2026/CHG-001-keys.md", "implemented", 1);
	commit(L_SIDE, "Casey", "casey@home.example.net", "Close CHG-001", move,
	    1);

	checkout(L_MOVE);
	drop("changes/CHG-002-old.md");
	commit(L_MAIN, "Olu Ops", "ops@example.com", "Drop CHG-002", move, 1);

	put_change_001("changes/2026/CHG-001-keys.md", "implemented", 1);
	commit(L_MERGE, "Olu Ops", "ops@example.com", "Merge the side", merge,
	    2);
}

static int
group_setup(void **state)
{
	(void)state;
	git_libgit2_init();
	snprintf(fx.dir, sizeof(fx.dir), "%s", "/tmp/isms-test-log.XXXXXX");
	if (!mkdtemp(fx.dir))
		return -1;
	build_history();
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
	git_index_free(fx.index);
	git_repository_free(fx.repo);
	remove_tree(fx.dir);
	error_clear();
	git_libgit2_shutdown();
	return 0;
}

static void
assert_event(const struct change_log_event *event,
    enum change_log_event_kind kind, const char *status,
    enum log_commit which, const char *email, const char *person)
{
	char hex[GIT_OID_HEXSZ + 1];

	assert_int_equal(event->kind, kind);
	if (status) {
		assert_true(event->has_status);
		assert_string_equal(change_status_name(event->status), status);
	} else {
		assert_false(event->has_status);
	}
	assert_string_equal(event->commit, git_oid_tostr(hex, sizeof(hex),
	    &fx.commits[which]));
	assert_string_equal(event->author_email, email);
	if (person)
		assert_string_equal(event->person, person);
	else
		assert_null(event->person);
}

static void
test_change_log_build_whole_history(void **state)
{
	struct change_log log = CHANGE_LOG_INIT;
	const struct change_log_entry *e;

	(void)state;
	assert_int_equal(change_log_build(&log, fx.repo, "", NULL), 0);
	assert_int_equal(log.commits_walked, L_COUNT);

	/* CHG-404 was only ever named in a trailer. */
	assert_int_equal(log.count, 2);

	e = &log.entries[0];
	assert_string_equal(e->id, "CHG-001");
	assert_string_equal(e->title, "Keys");
	assert_string_equal(e->path, "changes/2026/CHG-001-keys.md");
	assert_false(e->deleted);
	assert_string_equal(change_status_name(e->status), "implemented");
	assert_string_equal(e->approved_by, "ciso");
	assert_int_equal(e->event_count, 4);
	assert_event(&e->events[0], CHANGE_LOG_STATUS, "proposed", L_PLAN,
	    "ops@example.com", "ops");
	assert_event(&e->events[1], CHANGE_LOG_STATUS, "approved", L_APPROVE,
	    "ciso@example.com", "ciso");
	assert_event(&e->events[2], CHANGE_LOG_TRAILER, "approved",
	    L_IMPLEMENT, "ops@example.com", "ops");
	assert_string_equal(e->events[2].subject, "Require keys");
	/* The mailmap gives the side commit's author their work address. */
	assert_event(&e->events[3], CHANGE_LOG_STATUS, "implemented", L_SIDE,
	    "ciso@example.com", "ciso");
	assert_string_equal(e->events[3].author_name, "Casey Ciso");
	assert_string_equal(e->events[3].date, "2026-03-06");
	assert_string_equal(e->events[3].time, "2026-03-06T13:00:00+01:00");

	e = &log.entries[1];
	assert_string_equal(e->id, "CHG-002");
	assert_true(e->deleted);
	assert_string_equal(e->title, "Old one");
	assert_string_equal(e->path, "changes/CHG-002-old.md");
	assert_int_equal(e->event_count, 2);
	assert_event(&e->events[0], CHANGE_LOG_STATUS, "proposed", L_PLAN,
	    "ops@example.com", "ops");
	assert_event(&e->events[1], CHANGE_LOG_DELETED, NULL, L_MAIN,
	    "ops@example.com", "ops");
	change_log_release(&log);
}

static void
test_change_log_build_up_to_revision(void **state)
{
	struct change_log log = CHANGE_LOG_INIT;
	char hex[GIT_OID_HEXSZ + 1];

	(void)state;
	git_oid_tostr(hex, sizeof(hex), &fx.commits[L_APPROVE]);
	assert_int_equal(change_log_build(&log, fx.repo, "", hex), 0);
	assert_int_equal(log.commits_walked, 3);
	assert_int_equal(log.count, 2);
	assert_string_equal(log.entries[0].path, "changes/CHG-001-keys.md");
	assert_int_equal(log.entries[0].event_count, 2);
	assert_false(log.entries[1].deleted);
	change_log_release(&log);
}

static void
test_change_log_build_unknown_revision(void **state)
{
	struct change_log log = CHANGE_LOG_INIT;

	(void)state;
	error_clear();
	assert_int_equal(change_log_build(&log, fx.repo, "", "no-such-rev"),
	    ISMS_ENOTFOUND);
	assert_non_null(strstr(error_message(), "'no-such-rev'"));
	change_log_release(&log);
	error_clear();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_change_log_build_whole_history),
		cmocka_unit_test(test_change_log_build_up_to_revision),
		cmocka_unit_test(test_change_log_build_unknown_revision),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
