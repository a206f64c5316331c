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
#include "changes.h"
#include "date.h"
#include "error.h"
#include "banned.h"

/*
 * Real repositories built with libgit2 in group setup: a main history that
 * walks through every rule, a merge history, an ISMS in a subfolder of a
 * larger repository, and a shallow clone. Each test judges a range of
 * them and checks the findings.
 */

/* 2026-03-01T12:00:00Z; commit n of a history is made n days later. */
#define BASE_TIME 1772366400

/* Today for the runs: later than every commit of the histories. */
#define TODAY date_from_ymd(2026, 12, 1)

static const char policy_yaml[] =
	"isms: 1\n"
	"organisation: Test Ltd\n"
	"scope: Everything\n"
	"people:\n"
	"  ciso: {name: Casey Ciso, email: [ciso@example.com], "
	"roles: [change-approver]}\n"
	"  ops: {name: Olu Ops, email: [ops@example.com]}\n"
	"change_control:\n"
	"  controlled: [\"**\"]\n"
	"  uncontrolled: [README.md]\n"
	"  trailer: ISMS-Change\n"
	"  emergency_approval_within: 5 days\n";

/* The same policy with nothing but drafts/ controlled. */
static const char loose_policy_yaml[] =
	"isms: 1\n"
	"organisation: Test Ltd\n"
	"scope: Everything\n"
	"change_control:\n"
	"  controlled: [\"drafts/**\"]\n";

struct builder {
	git_repository *repo;
	git_index *index;
	const char *prefix;	/* prepended to every path */
	int day;
	/* When not 0, the author and committer times of the next commit,
	 * in seconds since 1970, instead of day `day`. */
	git_time_t author_time;
	git_time_t committer_time;
};

/* Commit ids of the main history, by what each commit does. */
enum main_commit {
	M_ROOT,
	M_README,
	M_NO_TRAILER,
	M_PLAN,
	M_TOO_EARLY,
	M_APPROVE_AND_EDIT,
	M_IN_SCOPE,
	M_OUT_OF_SCOPE,
	M_UNKNOWN_CHANGE,
	M_CLOSE,
	M_AFTER_CLOSE,
	M_PLAN_TWO,
	M_RENAME,
	M_DELETE,
	M_TWO_IDS,
	M_TWO_TRAILERS,
	M_TRAILER_NOT_LAST,
	M_PLAN_EMERGENCY,
	M_EMERGENCY_FIX,
	M_APPROVE_EMERGENCY,
	M_PLAN_LATE,
	M_LATE_FIX,
	M_APPROVE_LATE,
	M_LOOSEN,
	M_UNDER_LOOSE,
	M_COUNT,
};

enum merge_commit { G_ROOT, G_SIDE, G_MAIN, G_MERGE, G_EVIL_MERGE, G_NO_FF,
	G_ORPHAN, G_COUNT };

/* Commit ids of the history for commit dates, by what each does. */
enum dates_commit {
	T_ROOT,
	T_FUTURE_FIX,
	T_AUTHOR_FUTURE,
	T_AHEAD_ZONE,
	T_FIX,
	T_APPROVE_LATE,
	T_APPROVE_IN_TIME,
	T_COUNT,
};

enum sub_commit { S_ROOT, S_APP, S_POLICY, S_PLAN, S_BOTH, S_COUNT };

/* Commit ids of the history for rules 5 and 6, by what each does. */
enum duties_commit {
	D_ROOT,
	D_PLAN,
	D_APPROVE_BY_OTHER,
	D_APPROVE_BY_STRANGER,
	D_APPROVE,
	D_IMPLEMENT,
	D_SELF,
	D_SELF_MAILMAP,
	D_APPROVE_NO_ROLE,
	D_IMPLEMENT_NO_ROLE,
	D_APPROVE_NOBODY,
	D_APPROVE_NO_APPROVER,
	D_WIDEN_SCOPE,
	D_REFORMAT,
	D_BACK_TO_PROPOSED,
	D_REAPPROVE,
	D_WIDEN_WHILE_IMPLEMENTING,
	D_EDIT_PURPOSE,
	D_WITHDRAW_AND_EDIT,
	D_POLICY_OFF,
	D_SELF_UNDER_OFF,
	D_EMERGENCY_PLAN,
	D_EMERGENCY_FIX,
	D_EMERGENCY_SELF_APPROVE,
	D_EMERGENCY_APPROVE,
	D_OTHER,
	D_MERGE_CLEAN,
	D_MERGE_EVIL,
	D_EDIT_RESOURCES,
	D_TO_EMERGENCY,
	D_EDIT_AFFECTS,
	D_TYPE_NORMAL_WRITTEN,
	D_COUNT,
};

struct fixture {
	char dir[64];
	git_repository *main_repo;
	git_repository *merge_repo;
	git_repository *sub_repo;
	git_repository *shallow_repo;
	git_oid main[M_COUNT];
	git_oid merge[G_COUNT];
	git_oid sub[S_COUNT];
	git_repository *duties_repo;
	git_oid duties[D_COUNT];
	git_repository *dates_repo;
	git_oid dates[T_COUNT];
	int fix_day;		/* the day of T_FIX */
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

static void
put(struct builder *b, const char *path, const char *content)
{
	struct buf full = BUF_INIT;
	git_index_entry entry;

	buf_printf(&full, "%s%s", b->prefix, path);
	memset(&entry, 0, sizeof(entry));
	entry.path = full.ptr;
	entry.mode = GIT_FILEMODE_BLOB;
	check_git(git_index_add_from_buffer(b->index, &entry, content,
	    strlen(content)), "git_index_add_from_buffer");
	buf_release(&full);
}

static void
drop(struct builder *b, const char *path)
{
	struct buf full = BUF_INIT;

	buf_printf(&full, "%s%s", b->prefix, path);
	check_git(git_index_remove_bypath(b->index, full.ptr),
	    "git_index_remove_bypath");
	buf_release(&full);
}

/* Resets the staged tree to that of commit `id`. */
static void
checkout(struct builder *b, const git_oid *id)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;

	check_git(git_commit_lookup(&commit, b->repo, id), "git_commit_lookup");
	check_git(git_commit_tree(&tree, commit), "git_commit_tree");
	check_git(git_index_read_tree(b->index, tree), "git_index_read_tree");
	git_tree_free(tree);
	git_commit_free(commit);
}

/*
 * Commits the staged tree with `count` parents, as `name` <`email`>, and
 * moves main to it.
 */
static git_oid
commit_as(struct builder *b, const char *name, const char *email,
    const char *message, const git_oid *parents, size_t count)
{
	git_commit *parent_commits[2] = { NULL, NULL };
	git_signature *sig = NULL;
	git_signature *committer = NULL;
	git_reference *ref = NULL;
	git_tree *tree = NULL;
	git_oid tree_id, id;

	assert_true(count <= 2);
	check_git(git_index_write_tree_to(&tree_id, b->index, b->repo),
	    "git_index_write_tree_to");
	check_git(git_tree_lookup(&tree, b->repo, &tree_id), "git_tree_lookup");
	check_git(git_signature_new(&sig, name, email, b->author_time ?
	    b->author_time : BASE_TIME + (git_time_t)b->day * 86400, 0),
	    "git_signature_new");
	check_git(git_signature_new(&committer, name, email,
	    b->committer_time ? b->committer_time :
	    BASE_TIME + (git_time_t)b->day * 86400, 0), "git_signature_new");
	b->author_time = 0;
	b->committer_time = 0;
	b->day++;
	for (size_t i = 0; i < count; i++)
		check_git(git_commit_lookup(&parent_commits[i], b->repo,
		    &parents[i]), "git_commit_lookup");

	check_git(git_commit_create(&id, b->repo, NULL, sig, committer, NULL,
	    message, tree, count, (const git_commit **)parent_commits),
	    "git_commit_create");
	check_git(git_reference_create(&ref, b->repo, "refs/heads/main", &id,
	    1, "test"), "git_reference_create");

	git_reference_free(ref);
	for (size_t i = 0; i < count; i++)
		git_commit_free(parent_commits[i]);
	git_signature_free(committer);
	git_signature_free(sig);
	git_tree_free(tree);
	return id;
}

/* The same, as `author`: a person key, used for name and address. */
static git_oid
commit(struct builder *b, const char *author, const char *message,
    const git_oid *parents, size_t count)
{
	struct buf email = BUF_INIT;
	git_oid id;

	buf_printf(&email, "%s@example.com", author);
	id = commit_as(b, author, email.ptr, message, parents, count);
	buf_release(&email);
	return id;
}

/* Commits on top of `parent` (NULL: a root commit). */
static git_oid
commit_on(struct builder *b, const git_oid *parent, const char *author,
    const char *message)
{
	return commit(b, author, message, parent, parent ? 1 : 0);
}

static git_repository *
init_repo(const char *name)
{
	git_repository_init_options opts;
	git_repository *repo = NULL;
	struct buf path = BUF_INIT;

	check_git(git_repository_init_options_init(&opts,
	    GIT_REPOSITORY_INIT_OPTIONS_VERSION), "init options");
	opts.flags = GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = "main";
	buf_printf(&path, "%s/%s", fx.dir, name);
	check_git(git_repository_init_ext(&repo, path.ptr, &opts),
	    "git_repository_init_ext");
	buf_release(&path);
	return repo;
}

static const char change_001_proposed[] =
	"---\nid: CHG-001\ntitle: Hardware keys\nstatus: proposed\n"
	"scope: [policies/access.md, RSK-004]\n---\nBody.\n";

static const char change_001_approved[] =
	"---\nid: CHG-001\ntitle: Hardware keys\nstatus: approved\n"
	"scope: [policies/access.md, RSK-004]\napproved_by: ciso\n"
	"approved_on: 2026-03-05\n---\nBody.\n";

static const char change_001_implemented[] =
	"---\nid: CHG-001\ntitle: Hardware keys\nstatus: implemented\n"
	"scope: [policies/access.md, RSK-004]\napproved_by: ciso\n"
	"approved_on: 2026-03-05\n---\nBody.\n";

static const char change_002_approved[] =
	"---\nid: CHG-002\ntitle: Reorganise policies\nstatus: approved\n"
	"scope: [\"policies/**\"]\napproved_by: ciso\napproved_on: 2026-03-12\n"
	"---\n";

static const char change_003_implementing[] =
	"---\nid: CHG-003\ntitle: Documents\nstatus: implementing\n"
	"scope: [\"docs/**\"]\napproved_by: ciso\napproved_on: 2026-03-12\n"
	"---\n";

static void
build_main_history(void)
{
	struct builder b = { NULL, NULL, "", 0, 0, 0 };
	git_oid *c = fx.main;
	char text[512];
	int day;

	fx.main_repo = init_repo("main");
	b.repo = fx.main_repo;
	check_git(git_repository_index(&b.index, b.repo), "git_repository_index");

	put(&b, "isms.yaml", policy_yaml);
	put(&b, "README.md", "# ISMS\n");
	put(&b, "policies/access.md", "Access policy v1\n");
	put(&b, "risks/RSK-004-phishing.md", "---\nid: RSK-004\n---\n");
	c[M_ROOT] = commit_on(&b, NULL, "ops", "Start the ISMS");

	put(&b, "README.md", "# ISMS\nMore.\n");
	c[M_README] = commit_on(&b, &c[M_ROOT], "ops", "Edit the README");

	put(&b, "policies/access.md", "Access policy v2\n");
	c[M_NO_TRAILER] = commit_on(&b, &c[M_README], "ops",
	    "Edit access policy");

	put(&b, "changes/CHG-001-hardware-keys.md", change_001_proposed);
	c[M_PLAN] = commit_on(&b, &c[M_NO_TRAILER], "ops", "Plan CHG-001");

	put(&b, "policies/access.md", "Access policy v3\n");
	c[M_TOO_EARLY] = commit_on(&b, &c[M_PLAN], "ops",
	    "Require keys\n\nISMS-Change: CHG-001\n");

	put(&b, "changes/CHG-001-hardware-keys.md", change_001_approved);
	put(&b, "policies/access.md", "Access policy v4\n");
	c[M_APPROVE_AND_EDIT] = commit_on(&b, &c[M_TOO_EARLY], "ciso",
	    "Approve and do CHG-001\n\nISMS-Change: CHG-001\n");

	put(&b, "policies/access.md", "Access policy v5\n");
	put(&b, "risks/RSK-004-phishing.md", "---\nid: RSK-004\nx: 1\n---\n");
	c[M_IN_SCOPE] = commit_on(&b, &c[M_APPROVE_AND_EDIT], "ops",
	    "Require keys for real\n\nISMS-Change: CHG-001\n");

	put(&b, "policies/backup.md", "Backup policy\n");
	c[M_OUT_OF_SCOPE] = commit_on(&b, &c[M_IN_SCOPE], "ops",
	    "Add backup policy\n\nISMS-Change: CHG-001\n");

	put(&b, "policies/access.md", "Access policy v6\n");
	c[M_UNKNOWN_CHANGE] = commit_on(&b, &c[M_OUT_OF_SCOPE], "ops",
	    "Tweak\n\nISMS-Change: CHG-009\n");

	put(&b, "changes/CHG-001-hardware-keys.md", change_001_implemented);
	put(&b, "policies/access.md", "Access policy v7\n");
	c[M_CLOSE] = commit_on(&b, &c[M_UNKNOWN_CHANGE], "ops",
	    "Finish CHG-001\n\nISMS-Change: CHG-001\n");

	put(&b, "policies/access.md", "Access policy v8\n");
	c[M_AFTER_CLOSE] = commit_on(&b, &c[M_CLOSE], "ops",
	    "One more\n\nISMS-Change: CHG-001\n");

	put(&b, "changes/CHG-002-reorganise.md", change_002_approved);
	put(&b, "changes/CHG-003-documents.md", change_003_implementing);
	c[M_PLAN_TWO] = commit_on(&b, &c[M_AFTER_CLOSE], "ciso",
	    "Plan CHG-002 and CHG-003");

	drop(&b, "policies/access.md");
	put(&b, "docs/access.md", "Access policy v8\n");
	c[M_RENAME] = commit_on(&b, &c[M_PLAN_TWO], "ops",
	    "Move access policy\n\nISMS-Change: CHG-002\n");

	drop(&b, "policies/backup.md");
	c[M_DELETE] = commit_on(&b, &c[M_RENAME], "ops", "Drop backup policy");

	put(&b, "policies/x.md", "x\n");
	put(&b, "docs/access.md", "Access policy v9\n");
	c[M_TWO_IDS] = commit_on(&b, &c[M_DELETE], "ops",
	    "Both\n\nISMS-Change: CHG-002, CHG-003\n");

	put(&b, "policies/x.md", "x2\n");
	put(&b, "docs/access.md", "Access policy v10\n");
	c[M_TWO_TRAILERS] = commit_on(&b, &c[M_TWO_IDS], "ops",
	    "Both again\n\nISMS-Change: CHG-002\nReviewed-by: ciso\n"
	    "isms-change: CHG-003\n");

	put(&b, "policies/x.md", "x3\n");
	c[M_TRAILER_NOT_LAST] = commit_on(&b, &c[M_TWO_TRAILERS], "ops",
	    "Hidden\n\nISMS-Change: CHG-002\n\nThis paragraph comes last.\n");

	put(&b, "changes/CHG-004-outage.md", "---\nid: CHG-004\ntitle: Outage\n"
	    "status: proposed\ntype: emergency\nscope: [\"docs/**\"]\n---\n");
	c[M_PLAN_EMERGENCY] = commit_on(&b, &c[M_TRAILER_NOT_LAST], "ops",
	    "Plan emergency CHG-004");

	put(&b, "docs/access.md", "Emergency fix\n");
	day = b.day;
	c[M_EMERGENCY_FIX] = commit_on(&b, &c[M_PLAN_EMERGENCY], "ops",
	    "Fix outage\n\nISMS-Change: CHG-004\n");

	/* Approved three days after the fix, inside the five-day window. */
	{
		char date[11];

		date_format(date_from_ymd(2026, 3, 1) + day + 3, date);
		snprintf(text, sizeof(text), "---\nid: CHG-004\ntitle: Outage\n"
		    "status: approved\ntype: emergency\nscope: [\"docs/**\"]\n"
		    "approved_by: ciso\napproved_on: %s\n---\n", date);
	}
	put(&b, "changes/CHG-004-outage.md", text);
	c[M_APPROVE_EMERGENCY] = commit_on(&b, &c[M_EMERGENCY_FIX], "ciso",
	    "Approve CHG-004");

	put(&b, "changes/CHG-005-late.md", "---\nid: CHG-005\ntitle: Late\n"
	    "status: proposed\ntype: emergency\nscope: [\"docs/**\"]\n---\n");
	c[M_PLAN_LATE] = commit_on(&b, &c[M_APPROVE_EMERGENCY], "ops",
	    "Plan emergency CHG-005");

	put(&b, "docs/access.md", "Second emergency fix\n");
	day = b.day;
	c[M_LATE_FIX] = commit_on(&b, &c[M_PLAN_LATE], "ops",
	    "Fix again\n\nISMS-Change: CHG-005\n");

	/* Approved ten days after the fix: too late. */
	{
		char date[11];

		date_format(date_from_ymd(2026, 3, 1) + day + 10, date);
		snprintf(text, sizeof(text), "---\nid: CHG-005\ntitle: Late\n"
		    "status: approved\ntype: emergency\nscope: [\"docs/**\"]\n"
		    "approved_by: ciso\napproved_on: %s\n---\n", date);
	}
	put(&b, "changes/CHG-005-late.md", text);
	c[M_APPROVE_LATE] = commit_on(&b, &c[M_LATE_FIX], "ciso",
	    "Approve CHG-005");

	put(&b, "isms.yaml", loose_policy_yaml);
	put(&b, "policies/x.md", "x4\n");
	c[M_LOOSEN] = commit_on(&b, &c[M_APPROVE_LATE], "ops",
	    "Loosen the policy");

	put(&b, "policies/x.md", "x5\n");
	c[M_UNDER_LOOSE] = commit_on(&b, &c[M_LOOSEN], "ops",
	    "Edit under the loose policy");

	git_index_free(b.index);
}

static const char merge_changes[] =
	"---\nid: CHG-001\ntitle: A\nstatus: approved\nscope: [a.md]\n"
	"approved_by: ciso\napproved_on: 2026-03-01\n---\n";

static const char merge_changes_2[] =
	"---\nid: CHG-002\ntitle: B\nstatus: approved\nscope: [b.md]\n"
	"approved_by: ciso\napproved_on: 2026-03-01\n---\n";

static void
build_merge_history(void)
{
	struct builder b = { NULL, NULL, "", 0, 0, 0 };
	git_oid *g = fx.merge;
	git_oid parents[2];

	fx.merge_repo = init_repo("merge");
	b.repo = fx.merge_repo;
	check_git(git_repository_index(&b.index, b.repo), "git_repository_index");

	put(&b, "isms.yaml", policy_yaml);
	put(&b, "changes/CHG-001-a.md", merge_changes);
	put(&b, "changes/CHG-002-b.md", merge_changes_2);
	put(&b, "a.md", "a\n");
	put(&b, "b.md", "b\n");
	put(&b, "c.md", "c\n");
	g[G_ROOT] = commit_on(&b, NULL, "ops", "Start");

	put(&b, "a.md", "a2\n");
	g[G_SIDE] = commit_on(&b, &g[G_ROOT], "ops",
	    "Side edit\n\nISMS-Change: CHG-001\n");

	checkout(&b, &g[G_ROOT]);
	put(&b, "b.md", "b2\n");
	g[G_MAIN] = commit_on(&b, &g[G_ROOT], "ops",
	    "Main edit\n\nISMS-Change: CHG-002\n");

	/* A clean merge: a.md from the side, b.md from main. */
	put(&b, "a.md", "a2\n");
	parents[0] = g[G_MAIN];
	parents[1] = g[G_SIDE];
	g[G_MERGE] = commit(&b, "ops", "Merge side", parents, 2);

	/* The same merge with c.md changed in the merge itself. */
	put(&b, "c.md", "c from the merge\n");
	g[G_EVIL_MERGE] = commit(&b, "ops", "Merge side again", parents, 2);

	/* A merge whose tree is its second parent's, as git merge --no-ff
	 * makes when the first parent has nothing new. */
	checkout(&b, &g[G_SIDE]);
	parents[0] = g[G_ROOT];
	parents[1] = g[G_SIDE];
	g[G_NO_FF] = commit(&b, "ops", "Merge side without fast-forward",
	    parents, 2);

	/* A root commit that shares no history with the others. */
	g[G_ORPHAN] = commit_on(&b, NULL, "ops", "Unrelated start");

	git_index_free(b.index);
}

static void
build_sub_history(void)
{
	struct builder b = { NULL, NULL, "compliance/isms/", 0, 0, 0 };
	struct builder top = { NULL, NULL, "", 0, 0, 0 };
	git_oid *s = fx.sub;

	fx.sub_repo = init_repo("sub");
	b.repo = fx.sub_repo;
	check_git(git_repository_index(&b.index, b.repo), "git_repository_index");
	top = b;
	top.prefix = "";

	put(&b, "isms.yaml", policy_yaml);
	put(&b, "policies/p.md", "p\n");
	put(&top, "src/app.c", "int x;\n");
	s[S_ROOT] = commit_on(&b, NULL, "ops", "Start");
	top.day = b.day;

	put(&top, "src/app.c", "int y;\n");
	s[S_APP] = commit_on(&top, &s[S_ROOT], "ops", "Edit the app");
	b.day = top.day;

	put(&b, "policies/p.md", "p2\n");
	s[S_POLICY] = commit_on(&b, &s[S_APP], "ops", "Edit the policy");

	put(&b, "changes/CHG-001-p.md", "---\nid: CHG-001\ntitle: P\n"
	    "status: approved\nscope: [\"policies/**\"]\napproved_by: ciso\n"
	    "approved_on: 2026-03-01\n---\n");
	s[S_PLAN] = commit_on(&b, &s[S_POLICY], "ciso", "Plan CHG-001");

	put(&b, "policies/p.md", "p3\n");
	put(&top, "src/app.c", "int z;\n");
	s[S_BOTH] = commit_on(&b, &s[S_PLAN], "ops",
	    "Edit both\n\nISMS-Change: CHG-001\n");

	git_index_free(b.index);
}

/* People for rules 5 and 6: cto lacks the change-approver role. */
static const char duties_policy_yaml[] =
	"isms: 1\n"
	"organisation: Test Ltd\n"
	"scope: Everything\n"
	"people:\n"
	"  ciso: {name: Casey Ciso, email: [ciso@example.com], "
	"roles: [change-approver]}\n"
	"  ops: {name: Olu Ops, email: [ops@example.com]}\n"
	"  cto: {name: Taylor Cto, email: [cto@example.com]}\n"
	"change_control:\n"
	"  uncontrolled: [README.md]\n"
	"  emergency_approval_within: 5 days\n";

/* CHG-001 with `status`, `approver` (NULL: none) and `rest` appended. */
static void
put_duties_change(struct builder *b, const char *status, const char *approver,
    const char *rest)
{
	struct buf text = BUF_INIT;

	buf_printf(&text, "---\nid: CHG-001\ntitle: Keys\nstatus: %s\n"
	    "purpose: Stop phishing of admin passwords\n"
	    "consequences: Admins need a key\n", status);
	if (approver)
		buf_printf(&text, "approved_by: %s\napproved_on: 2026-03-02\n",
		    approver);
	buf_puts(&text, rest ? rest : "scope: [policies/a.md]\n");
	buf_puts(&text, "---\n");
	put(b, "changes/CHG-001-keys.md", text.ptr);
	buf_release(&text);
}

static void
build_duties_history(void)
{
	struct builder b = { NULL, NULL, "", 0, 0, 0 };
	git_oid *d = fx.duties;
	git_oid parents[2];
	struct buf path = BUF_INIT;
	char text[512];
	char date[11];
	FILE *f;

	fx.duties_repo = init_repo("duties");
	b.repo = fx.duties_repo;
	check_git(git_repository_index(&b.index, b.repo), "git_repository_index");

	/* The mailmap maps Casey's home address to the work one. */
	buf_printf(&path, "%s/duties/.mailmap", fx.dir);
	f = fopen(path.ptr, "w");
	assert_non_null(f);
	fputs("Casey Ciso <ciso@example.com> <casey@home.example.net>\n", f);
	fclose(f);
	buf_release(&path);

	put(&b, "isms.yaml", duties_policy_yaml);
	put(&b, "README.md", "# ISMS\n");
	put(&b, "policies/a.md", "a\n");
	put(&b, "policies/b.md", "b\n");
	d[D_ROOT] = commit_on(&b, NULL, "ops", "Start");

	put_duties_change(&b, "proposed", NULL, NULL);
	d[D_PLAN] = commit_on(&b, &d[D_ROOT], "ops", "Plan CHG-001");

	put_duties_change(&b, "approved", "ciso", NULL);
	d[D_APPROVE_BY_OTHER] = commit_on(&b, &d[D_PLAN], "ops",
	    "Approve CHG-001 for the CISO");
	d[D_APPROVE_BY_STRANGER] = commit_as(&b, "Sam Stranger",
	    "sam@elsewhere.example", "Approve CHG-001", &d[D_PLAN], 1);
	d[D_APPROVE] = commit_on(&b, &d[D_PLAN], "ciso", "Approve CHG-001");

	put(&b, "policies/a.md", "a2\n");
	d[D_IMPLEMENT] = commit_on(&b, &d[D_APPROVE], "ops",
	    "Require keys\n\nISMS-Change: CHG-001\n");
	d[D_SELF] = commit_on(&b, &d[D_APPROVE], "ciso",
	    "Require keys myself\n\nISMS-Change: CHG-001\n");
	d[D_SELF_MAILMAP] = commit_as(&b, "Casey", "casey@home.example.net",
	    "Require keys from home\n\nISMS-Change: CHG-001\n", &d[D_APPROVE],
	    1);

	checkout(&b, &d[D_PLAN]);
	put_duties_change(&b, "approved", "cto", NULL);
	d[D_APPROVE_NO_ROLE] = commit_on(&b, &d[D_PLAN], "cto",
	    "Approve CHG-001 as CTO");
	put(&b, "policies/a.md", "a3\n");
	d[D_IMPLEMENT_NO_ROLE] = commit_on(&b, &d[D_APPROVE_NO_ROLE], "ops",
	    "Require keys\n\nISMS-Change: CHG-001\n");

	checkout(&b, &d[D_PLAN]);
	put_duties_change(&b, "approved", "nobody", NULL);
	d[D_APPROVE_NOBODY] = commit_on(&b, &d[D_PLAN], "ciso",
	    "Approve CHG-001 for nobody");
	put_duties_change(&b, "approved", NULL, NULL);
	d[D_APPROVE_NO_APPROVER] = commit_on(&b, &d[D_PLAN], "ciso",
	    "Approve CHG-001 without a name");

	/* Rule 6, each from the approved change. */
	checkout(&b, &d[D_APPROVE]);
	put_duties_change(&b, "approved", "ciso",
	    "scope: [policies/a.md, policies/b.md]\n");
	d[D_WIDEN_SCOPE] = commit_on(&b, &d[D_APPROVE], "ciso",
	    "Widen CHG-001");

	/* The same values written another way: a folded purpose, a block
	 * list and the keys in another order. */
	put(&b, "changes/CHG-001-keys.md", "---\nid: CHG-001\ntitle: Keys\n"
	    "scope:\n  - policies/a.md\n  - policies/a.md\n"
	    "purpose: >\n  Stop phishing\n  of admin   passwords\n"
	    "status: approved\nconsequences: \"Admins need a key\"\n"
	    "approved_by: ciso\napproved_on: 2026-03-02\n---\nBody.\n");
	d[D_REFORMAT] = commit_on(&b, &d[D_APPROVE], "ops",
	    "Reformat CHG-001");

	checkout(&b, &d[D_APPROVE]);
	put_duties_change(&b, "proposed", NULL,
	    "scope: [policies/a.md, policies/b.md]\n");
	d[D_BACK_TO_PROPOSED] = commit_on(&b, &d[D_APPROVE], "ops",
	    "Propose a wider CHG-001");
	put_duties_change(&b, "approved", "ciso",
	    "scope: [policies/a.md, policies/b.md]\n");
	d[D_REAPPROVE] = commit_on(&b, &d[D_BACK_TO_PROPOSED], "ciso",
	    "Approve the wider CHG-001");

	checkout(&b, &d[D_APPROVE]);
	put_duties_change(&b, "implementing", "ciso",
	    "scope: [policies/a.md, policies/b.md]\n");
	put(&b, "policies/a.md", "a4\n");
	d[D_WIDEN_WHILE_IMPLEMENTING] = commit_on(&b, &d[D_APPROVE], "ops",
	    "Start CHG-001\n\nISMS-Change: CHG-001\n");

	checkout(&b, &d[D_APPROVE]);
	put(&b, "changes/CHG-001-keys.md", "---\nid: CHG-001\ntitle: Keys\n"
	    "status: implementing\npurpose: Something else\n"
	    "consequences: None at all\napproved_by: ciso\n"
	    "approved_on: 2026-03-02\nscope: [policies/a.md]\n---\n");
	d[D_EDIT_PURPOSE] = commit_on(&b, &d[D_APPROVE], "ops",
	    "Rethink CHG-001");

	checkout(&b, &d[D_APPROVE]);
	put_duties_change(&b, "withdrawn", "ciso", "scope: [\"**\"]\n");
	d[D_WITHDRAW_AND_EDIT] = commit_on(&b, &d[D_APPROVE], "ops",
	    "Withdraw CHG-001");

	/* Segregation switched off, which applies from the next commit. */
	checkout(&b, &d[D_APPROVE]);
	snprintf(text, sizeof(text), "%s  segregation_of_duties: false\n",
	    duties_policy_yaml);
	put(&b, "isms.yaml", text);
	d[D_POLICY_OFF] = commit_on(&b, &d[D_APPROVE], "ciso",
	    "Switch segregation of duties off");
	put(&b, "policies/a.md", "a5\n");
	d[D_SELF_UNDER_OFF] = commit_on(&b, &d[D_POLICY_OFF], "ciso",
	    "Require keys myself\n\nISMS-Change: CHG-001\n");

	/* Rule 7 with rule 5: ops fixes, then approves their own fix. */
	checkout(&b, &d[D_APPROVE]);
	put(&b, "changes/CHG-002-outage.md", "---\nid: CHG-002\n"
	    "title: Outage\nstatus: proposed\ntype: emergency\n"
	    "scope: [policies/b.md]\n---\n");
	d[D_EMERGENCY_PLAN] = commit_on(&b, &d[D_APPROVE], "ops",
	    "Plan emergency CHG-002");
	put(&b, "policies/b.md", "b2\n");
	date_format(date_from_ymd(2026, 3, 1) + b.day + 1, date);
	d[D_EMERGENCY_FIX] = commit_on(&b, &d[D_EMERGENCY_PLAN], "ops",
	    "Fix outage\n\nISMS-Change: CHG-002\n");
	snprintf(text, sizeof(text), "---\nid: CHG-002\ntitle: Outage\n"
	    "status: approved\ntype: emergency\nscope: [policies/b.md]\n"
	    "approved_by: ops\napproved_on: %s\n---\n", date);
	put(&b, "changes/CHG-002-outage.md", text);
	d[D_EMERGENCY_SELF_APPROVE] = commit_on(&b, &d[D_EMERGENCY_FIX], "ops",
	    "Approve CHG-002 myself");
	checkout(&b, &d[D_EMERGENCY_FIX]);
	snprintf(text, sizeof(text), "---\nid: CHG-002\ntitle: Outage\n"
	    "status: approved\ntype: emergency\nscope: [policies/b.md]\n"
	    "approved_by: ciso\napproved_on: %s\n---\n", date);
	put(&b, "changes/CHG-002-outage.md", text);
	d[D_EMERGENCY_APPROVE] = commit_on(&b, &d[D_EMERGENCY_FIX], "ciso",
	    "Approve CHG-002");

	/* A merge that brings the approval in, and one that edits it. */
	checkout(&b, &d[D_PLAN]);
	put(&b, "README.md", "# ISMS\nMore.\n");
	d[D_OTHER] = commit_on(&b, &d[D_PLAN], "ops", "Edit the README");
	checkout(&b, &d[D_APPROVE]);
	put(&b, "README.md", "# ISMS\nMore.\n");
	parents[0] = d[D_OTHER];
	parents[1] = d[D_APPROVE];
	d[D_MERGE_CLEAN] = commit(&b, "ops", "Merge the approval", parents, 2);
	put_duties_change(&b, "approved", "ciso",
	    "scope: [policies/a.md, \"policies/**\"]\n");
	d[D_MERGE_EVIL] = commit(&b, "ops", "Merge the approval again",
	    parents, 2);

	/* Rule 6 on the other considerations, `affects` and `type`. */
	checkout(&b, &d[D_APPROVE]);
	put_duties_change(&b, "approved", "ciso",
	    "resources: One day\nscope: [policies/a.md]\n");
	d[D_EDIT_RESOURCES] = commit_on(&b, &d[D_APPROVE], "ops",
	    "Budget CHG-001");
	put_duties_change(&b, "approved", "ciso",
	    "type: emergency\nscope: [policies/a.md]\n");
	d[D_TO_EMERGENCY] = commit_on(&b, &d[D_APPROVE], "ops",
	    "Make CHG-001 an emergency");
	put_duties_change(&b, "approved", "ciso",
	    "affects: [RSK-001]\nscope: [policies/a.md]\n");
	d[D_EDIT_AFFECTS] = commit_on(&b, &d[D_APPROVE], "ops",
	    "Name the risk CHG-001 affects");
	put_duties_change(&b, "approved", "ciso",
	    "type: normal\nscope: [policies/a.md]\n");
	d[D_TYPE_NORMAL_WRITTEN] = commit_on(&b, &d[D_APPROVE], "ops",
	    "Spell out the type of CHG-001");

	git_index_free(b.index);
}

/* An emergency change record `id`, proposed or approved by the CISO. */
static void
put_emergency(struct builder *b, const char *id, const char *approved_on)
{
	struct buf path = BUF_INIT;
	struct buf text = BUF_INIT;

	buf_printf(&text, "---\nid: %s\ntitle: Outage\nstatus: %s\n"
	    "type: emergency\nscope: [policies/a.md]\n", id,
	    approved_on ? "approved" : "proposed");
	if (approved_on)
		buf_printf(&text, "approved_by: ciso\napproved_on: %s\n",
		    approved_on);
	buf_puts(&text, "---\n");
	buf_printf(&path, "changes/%s-outage.md", id);
	put(b, path.ptr, text.ptr);
	buf_release(&path);
	buf_release(&text);
}

/* Seconds since 1970 of `days` since 1970 at 12:00 UTC. */
static git_time_t
noon(int days)
{
	return (git_time_t)days * 86400 + 12 * 3600;
}

static void
build_dates_history(void)
{
	struct builder b = { NULL, NULL, "", 0, 0, 0 };
	git_oid *t = fx.dates;
	char date[11];

	fx.dates_repo = init_repo("dates");
	b.repo = fx.dates_repo;
	check_git(git_repository_index(&b.index, b.repo),
	    "git_repository_index");

	put(&b, "isms.yaml", policy_yaml);
	put(&b, "README.md", "# ISMS\n");
	put(&b, "policies/a.md", "a\n");
	put_emergency(&b, "CHG-001", NULL);
	put_emergency(&b, "CHG-002", NULL);
	t[T_ROOT] = commit_on(&b, NULL, "ops", "Start");

	/* An emergency fix dated far ahead, to stretch its deadline. */
	put(&b, "policies/a.md", "a2\n");
	b.author_time = noon(date_from_ymd(2099, 1, 1));
	b.committer_time = b.author_time;
	t[T_FUTURE_FIX] = commit_on(&b, &t[T_ROOT], "ops",
	    "Fix outage\n\nISMS-Change: CHG-001\n");

	checkout(&b, &t[T_ROOT]);
	put(&b, "README.md", "# ISMS\nMore.\n");
	b.author_time = noon(date_from_ymd(2099, 1, 1));
	t[T_AUTHOR_FUTURE] = commit_on(&b, &t[T_ROOT], "ops",
	    "Edit the README");

	/* 11 hours past the end of TODAY in UTC: still TODAY at UTC-12. */
	b.author_time = ((git_time_t)TODAY + 1) * 86400 + 11 * 3600;
	b.committer_time = b.author_time;
	t[T_AHEAD_ZONE] = commit_on(&b, &t[T_ROOT], "ops",
	    "Edit the README from far east");

	checkout(&b, &t[T_ROOT]);
	put(&b, "policies/a.md", "a3\n");
	fx.fix_day = date_from_ymd(2026, 3, 1) + b.day;
	t[T_FIX] = commit_on(&b, &t[T_ROOT], "ops",
	    "Fix outage\n\nISMS-Change: CHG-002\n");

	/* Committed twelve days after the fix, approved_on set back to the
	 * day after it. */
	date_format(fx.fix_day + 1, date);
	put_emergency(&b, "CHG-002", date);
	b.day += 11;
	t[T_APPROVE_LATE] = commit_on(&b, &t[T_FIX], "ciso",
	    "Approve CHG-002");

	b.day = fx.fix_day - date_from_ymd(2026, 3, 1) + 2;
	t[T_APPROVE_IN_TIME] = commit_on(&b, &t[T_FIX], "ciso",
	    "Approve CHG-002 in time");

	git_index_free(b.index);
}

/* A clone whose history stops at a graft point, as `git clone --depth`. */
static void
build_shallow_repo(void)
{
	struct builder b = { NULL, NULL, "", 0, 0, 0 };
	struct buf path = BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid id;
	FILE *f;

	fx.shallow_repo = init_repo("shallow");
	b.repo = fx.shallow_repo;
	check_git(git_repository_index(&b.index, b.repo), "git_repository_index");
	put(&b, "isms.yaml", policy_yaml);
	id = commit_on(&b, NULL, "ops", "Start");
	git_index_free(b.index);

	buf_printf(&path, "%s/shallow/.git/shallow", fx.dir);
	f = fopen(path.ptr, "w");
	assert_non_null(f);
	fprintf(f, "%s\n", git_oid_tostr(hex, sizeof(hex), &id));
	fclose(f);
	buf_release(&path);
}

static int
group_setup(void **state)
{
	(void)state;
	git_libgit2_init();
	snprintf(fx.dir, sizeof(fx.dir), "%s", "/tmp/isms-test-changes.XXXXXX");
	if (!mkdtemp(fx.dir))
		return -1;
	build_main_history();
	build_merge_history();
	build_sub_history();
	build_shallow_repo();
	build_duties_history();
	build_dates_history();
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
	git_repository_free(fx.main_repo);
	git_repository_free(fx.merge_repo);
	git_repository_free(fx.sub_repo);
	git_repository_free(fx.shallow_repo);
	git_repository_free(fx.duties_repo);
	git_repository_free(fx.dates_repo);
	remove_tree(fx.dir);
	error_clear();
	git_libgit2_shutdown();
	return 0;
}

/* "A..B" from two commit ids. */
static const char *
range_of(char *out, size_t size, const git_oid *from, const git_oid *to)
{
	char a[GIT_OID_HEXSZ + 1], b[GIT_OID_HEXSZ + 1];

	snprintf(out, size, "%s..%s", git_oid_tostr(a, sizeof(a), from),
	    git_oid_tostr(b, sizeof(b), to));
	return out;
}

/* Judges the one commit `id` of `repo` (the range parent..id). */
static void
judge_one(struct changes_result *out, git_repository *repo,
    const char *prefix, const git_oid *parent, const git_oid *id)
{
	struct changes_options opts = CHANGES_OPTIONS_INIT;
	char range[100];

	opts.range = range_of(range, sizeof(range), parent, id);
	opts.today = TODAY;
	assert_int_equal(changes_check(out, repo, prefix, &opts), 0);
	assert_int_equal(out->commits_judged, 1);
}

static void
judge_main(struct changes_result *out, enum main_commit which)
{
	judge_one(out, fx.main_repo, "", &fx.main[which - 1], &fx.main[which]);
}

static size_t
count_rule(const struct changes_result *result, const char *rule)
{
	size_t n = 0;

	for (size_t i = 0; i < result->count; i++)
		if (strcmp(result->findings[i].rule, rule) == 0)
			n++;
	return n;
}

static const struct changes_finding *
find_rule(const struct changes_result *result, const char *rule)
{
	for (size_t i = 0; i < result->count; i++)
		if (strcmp(result->findings[i].rule, rule) == 0)
			return &result->findings[i];
	return NULL;
}

static void
assert_contains(const char *text, const char *part)
{
	if (!text || !strstr(text, part))
		fail_msg("'%s' does not contain '%s'", text ? text : "(null)",
		    part);
}

static void
test_changes_check_uncontrolled_path_quiet(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_main(&r, M_README);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

static void
test_changes_check_no_trailer(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	const struct changes_finding *f;
	char hex[GIT_OID_HEXSZ + 1];

	(void)state;
	judge_main(&r, M_NO_TRAILER);
	assert_int_equal(r.count, 1);
	f = &r.findings[0];
	assert_string_equal(f->rule, "change-no-trailer");
	assert_int_equal(f->severity, DIAG_ERROR);
	assert_string_equal(f->message, "commit touches controlled path "
	    "'policies/access.md' but names no change in an 'ISMS-Change:' "
	    "trailer");
	assert_string_equal(f->path, "policies/access.md");
	assert_string_equal(f->commit, git_oid_tostr(hex, sizeof(hex),
	    &fx.main[M_NO_TRAILER]));
	assert_string_equal(f->author_name, "ops");
	assert_string_equal(f->author_email, "ops@example.com");
	assert_string_equal(f->subject, "Edit access policy");
	assert_string_equal(f->date, "2026-03-03");
	assert_contains(f->fix, "ISMS-Change: CHG-NNN");
	changes_result_release(&r);
}

static void
test_changes_check_planning_commit_quiet(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_main(&r, M_PLAN);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);

	judge_main(&r, M_PLAN_TWO);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

static void
test_changes_check_proposed_not_approved(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	const struct changes_finding *f;

	(void)state;
	judge_main(&r, M_TOO_EARLY);
	assert_int_equal(r.count, 1);
	f = find_rule(&r, "change-not-approved");
	assert_non_null(f);
	assert_string_equal(f->message, "commit names change 'CHG-001', which "
	    "was 'proposed' in the parent commit, not approved");
	assert_string_equal(f->change, "CHG-001");
	changes_result_release(&r);
}

static void
test_changes_check_approval_in_same_commit(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_main(&r, M_APPROVE_AND_EDIT);
	assert_int_equal(count_rule(&r, "change-not-approved"), 1);
	assert_contains(r.findings[0].message, "'proposed'");
	changes_result_release(&r);
}

static void
test_changes_check_in_scope_quiet(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_main(&r, M_IN_SCOPE);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);

	/* Setting the named change to implemented is in scope too. */
	judge_main(&r, M_CLOSE);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

static void
test_changes_check_out_of_scope(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	const struct changes_finding *f;

	(void)state;
	judge_main(&r, M_OUT_OF_SCOPE);
	assert_int_equal(r.count, 1);
	f = find_rule(&r, "change-out-of-scope");
	assert_non_null(f);
	assert_string_equal(f->message, "commit adds 'policies/backup.md', but "
	    "'policies/backup.md' is outside the scope of CHG-001 "
	    "(policies/access.md, RSK-004)");
	assert_string_equal(f->path, "policies/backup.md");
	changes_result_release(&r);
}

static void
test_changes_check_unknown_change(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_main(&r, M_UNKNOWN_CHANGE);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-not-approved");
	assert_string_equal(r.findings[0].message, "commit names change "
	    "'CHG-009', which did not exist in the parent commit");
	changes_result_release(&r);
}

static void
test_changes_check_closed_change(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_main(&r, M_AFTER_CLOSE);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-closed");
	assert_string_equal(r.findings[0].message, "commit names change "
	    "'CHG-001', which was already 'implemented' in the parent commit");
	changes_result_release(&r);
}

static void
test_changes_check_rename_judges_both_paths(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	const struct changes_finding *f;

	(void)state;
	judge_main(&r, M_RENAME);
	/* The old path is in CHG-002's scope, the new one is not. */
	assert_int_equal(r.count, 1);
	f = find_rule(&r, "change-out-of-scope");
	assert_non_null(f);
	assert_string_equal(f->path, "docs/access.md");
	assert_string_equal(f->message, "commit renames 'policies/access.md' "
	    "to 'docs/access.md', but 'docs/access.md' is outside the scope "
	    "of CHG-002 (policies/**)");
	changes_result_release(&r);
}

static void
test_changes_check_delete_judged(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_main(&r, M_DELETE);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-no-trailer");
	assert_string_equal(r.findings[0].path, "policies/backup.md");
	changes_result_release(&r);
}

static void
test_changes_check_several_ids_and_trailers(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_main(&r, M_TWO_IDS);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);

	judge_main(&r, M_TWO_TRAILERS);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

static void
test_changes_check_trailer_must_be_last_paragraph(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_main(&r, M_TRAILER_NOT_LAST);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-no-trailer");
	changes_result_release(&r);
}

static void
test_changes_check_emergency_approved_in_time(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	struct changes_options opts = CHANGES_OPTIONS_INIT;
	char range[100];

	(void)state;
	/* Judged up to HEAD, where CHG-004 is approved within five days. */
	opts.range = range_of(range, sizeof(range),
	    &fx.main[M_PLAN_EMERGENCY], &fx.main[M_APPROVE_EMERGENCY]);
	opts.today = TODAY;
	assert_int_equal(changes_check(&r, fx.main_repo, "", &opts), 0);
	assert_int_equal(r.commits_judged, 2);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

static void
test_changes_check_emergency_pending(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	struct changes_options opts = CHANGES_OPTIONS_INIT;
	const struct changes_finding *f;
	char range[100];
	int fix_day = date_from_ymd(2026, 3, 1) + M_EMERGENCY_FIX;

	(void)state;
	/* The range ends at the fix, where CHG-004 is still proposed. */
	opts.range = range_of(range, sizeof(range),
	    &fx.main[M_PLAN_EMERGENCY], &fx.main[M_EMERGENCY_FIX]);
	opts.today = fix_day + 2;
	assert_int_equal(changes_check(&r, fx.main_repo, "", &opts), 0);
	assert_int_equal(r.count, 1);
	f = find_rule(&r, "change-emergency-unapproved");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_WARNING);
	assert_contains(f->message, "is not approved yet");
	changes_result_release(&r);

	opts.today = fix_day + 6;
	assert_int_equal(changes_check(&r, fx.main_repo, "", &opts), 0);
	f = find_rule(&r, "change-emergency-unapproved");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_ERROR);
	assert_contains(f->message, "was not approved by the deadline");
	changes_result_release(&r);
}

static void
test_changes_check_emergency_approved_late(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	struct changes_options opts = CHANGES_OPTIONS_INIT;
	const struct changes_finding *f;
	char range[100];

	(void)state;
	opts.today = TODAY;
	opts.range = range_of(range, sizeof(range), &fx.main[M_PLAN_LATE],
	    &fx.main[M_APPROVE_LATE]);
	assert_int_equal(changes_check(&r, fx.main_repo, "", &opts), 0);
	assert_int_equal(r.count, 1);
	f = find_rule(&r, "change-emergency-unapproved");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_ERROR);
	assert_contains(f->message, "after the deadline");
	changes_result_release(&r);
}

static void
test_changes_check_policy_from_parent(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	/* The commit that loosens the policy is judged by the old one. */
	judge_main(&r, M_LOOSEN);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-no-trailer");
	assert_contains(r.findings[0].message,
	    "controlled path 'isms.yaml' and 1 more");
	changes_result_release(&r);

	/* Its child is judged by the loosened policy. */
	judge_main(&r, M_UNDER_LOOSE);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

static void
test_changes_check_whole_history_counts(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	struct changes_options opts = CHANGES_OPTIONS_INIT;
	char previous[GIT_OID_HEXSZ + 1] = "";
	size_t commits_with_findings = 0;

	(void)state;
	opts.today = TODAY;
	assert_int_equal(changes_check(&r, fx.main_repo, "", &opts), 0);
	assert_int_equal(r.commits_judged, M_COUNT);

	/* Findings come oldest commit first: the root is the first. */
	assert_true(r.count > 0);
	assert_string_equal(r.findings[0].subject, "Start the ISMS");
	for (size_t i = 0; i < r.count; i++) {
		if (strcmp(previous, r.findings[i].commit) != 0)
			commits_with_findings++;
		memcpy(previous, r.findings[i].commit, sizeof(previous));
	}
	/* Root, no trailer, too early, approve-and-edit, out of scope,
	 * unknown, after close, rename, delete, not last, late, loosen. */
	assert_int_equal(commits_with_findings, 12);
	changes_result_release(&r);
}

static void
test_changes_check_root_commit_own_policy(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	struct changes_options opts = CHANGES_OPTIONS_INIT;
	char hex[GIT_OID_HEXSZ + 1];

	(void)state;
	opts.today = TODAY;
	opts.range = git_oid_tostr(hex, sizeof(hex), &fx.main[M_ROOT]);
	assert_int_equal(changes_check(&r, fx.main_repo, "", &opts), 0);
	assert_int_equal(r.commits_judged, 1);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-no-trailer");
	/* README.md is uncontrolled by the root's own isms.yaml. */
	assert_contains(r.findings[0].message, "'isms.yaml' and 2 more");
	changes_result_release(&r);
}

static void
test_changes_check_since_commit_and_date(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	struct changes_options opts = CHANGES_OPTIONS_INIT;
	struct buf policy = BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];

	(void)state;
	buf_printf(&policy, "%schange_control:\n  since: %s\n",
	    "isms: 1\norganisation: T\nscope: S\n",
	    git_oid_tostr(hex, sizeof(hex), &fx.main[M_PLAN_TWO]));
	opts.policy = policy.ptr;
	opts.policy_len = policy.len;
	opts.today = TODAY;
	assert_int_equal(changes_check(&r, fx.main_repo, "", &opts), 0);
	assert_int_equal(r.commits_judged, M_COUNT - 1 - M_PLAN_TWO);
	changes_result_release(&r);

	/* A date: commits made before it are not judged. */
	buf_reset(&policy);
	buf_puts(&policy, "isms: 1\norganisation: T\nscope: S\n"
	    "change_control:\n  since: 2026-03-05\n");
	opts.policy = policy.ptr;
	opts.policy_len = policy.len;
	assert_int_equal(changes_check(&r, fx.main_repo, "", &opts), 0);
	assert_int_equal(r.commits_judged, M_COUNT - 4);
	changes_result_release(&r);

	/* A since that names no commit is an error with a hint. */
	buf_reset(&policy);
	buf_puts(&policy, "isms: 1\norganisation: T\nscope: S\n"
	    "change_control:\n  since: 0123abcd\n");
	opts.policy = policy.ptr;
	opts.policy_len = policy.len;
	error_clear();
	assert_int_equal(changes_check(&r, fx.main_repo, "", &opts),
	    ISMS_ENOTFOUND);
	assert_contains(error_message(), "'0123abcd'");
	assert_contains(error_hint(), "git fetch --unshallow");
	changes_result_release(&r);
	error_clear();
	buf_release(&policy);
}

static void
test_changes_check_merge_clean_quiet(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	struct changes_options opts = CHANGES_OPTIONS_INIT;
	char range[100];

	(void)state;
	opts.today = TODAY;
	/* G_ROOT..G_MERGE holds the side commit, main and the merge. */
	opts.range = range_of(range, sizeof(range), &fx.merge[G_ROOT],
	    &fx.merge[G_MERGE]);
	assert_int_equal(changes_check(&r, fx.merge_repo, "", &opts), 0);
	assert_int_equal(r.commits_judged, 3);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

static void
test_changes_check_merge_own_change(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	struct changes_options opts = CHANGES_OPTIONS_INIT;
	char hex[GIT_OID_HEXSZ + 1];
	char range[100];

	(void)state;
	opts.today = TODAY;
	opts.range = range_of(range, sizeof(range), &fx.merge[G_ROOT],
	    &fx.merge[G_EVIL_MERGE]);
	assert_int_equal(changes_check(&r, fx.merge_repo, "", &opts), 0);
	assert_int_equal(r.commits_judged, 3);

	/* Only c.md differs from both parents; a.md and b.md do not. */
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].commit, git_oid_tostr(hex,
	    sizeof(hex), &fx.merge[G_EVIL_MERGE]));
	assert_string_equal(r.findings[0].message, "commit touches controlled "
	    "path 'c.md' but names no change in an 'ISMS-Change:' trailer");
	changes_result_release(&r);
}

static void
test_changes_check_merge_no_ff_quiet(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	struct changes_options opts = CHANGES_OPTIONS_INIT;
	char range[100];

	(void)state;
	opts.today = TODAY;
	/* Against the second parent nothing differs, so nothing is touched. */
	opts.range = range_of(range, sizeof(range), &fx.merge[G_SIDE],
	    &fx.merge[G_NO_FF]);
	assert_int_equal(changes_check(&r, fx.merge_repo, "", &opts), 0);
	assert_int_equal(r.commits_judged, 1);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

static void
test_changes_check_first_parent_merge(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	struct changes_options opts = CHANGES_OPTIONS_INIT;
	char range[100];

	(void)state;
	opts.today = TODAY;
	opts.range = range_of(range, sizeof(range), &fx.merge[G_ROOT],
	    &fx.merge[G_MERGE]);
	opts.first_parent = 1;
	assert_int_equal(changes_check(&r, fx.merge_repo, "", &opts), 0);
	/* The side commit is not walked; the merge brings a.md in. */
	assert_int_equal(r.commits_judged, 2);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].path, "a.md");
	assert_string_equal(r.findings[0].subject, "Merge side");
	changes_result_release(&r);
}

static void
test_changes_check_isms_in_subfolder(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	const char *prefix = "compliance/isms/";

	(void)state;
	judge_one(&r, fx.sub_repo, prefix, &fx.sub[S_ROOT], &fx.sub[S_APP]);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);

	judge_one(&r, fx.sub_repo, prefix, &fx.sub[S_APP], &fx.sub[S_POLICY]);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].path, "policies/p.md");
	changes_result_release(&r);

	judge_one(&r, fx.sub_repo, prefix, &fx.sub[S_POLICY], &fx.sub[S_PLAN]);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);

	/* src/app.c is outside the ISMS, so outside every scope check. */
	judge_one(&r, fx.sub_repo, prefix, &fx.sub[S_PLAN], &fx.sub[S_BOTH]);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

static void
test_changes_check_shallow_clone_fails(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	struct changes_options opts = CHANGES_OPTIONS_INIT;

	(void)state;
	opts.today = TODAY;
	error_clear();
	assert_int_equal(changes_check(&r, fx.shallow_repo, "", &opts),
	    ISMS_EFAIL);
	assert_contains(error_message(), "shallow clone");
	assert_contains(error_hint(), "git fetch --unshallow");
	assert_contains(error_hint(), "fetch-depth: 0");
	changes_result_release(&r);
	error_clear();
}

static void
test_changes_check_missing_range_base(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	struct changes_options opts = CHANGES_OPTIONS_INIT;

	(void)state;
	opts.today = TODAY;
	error_clear();
	opts.range = "origin/main..HEAD";
	assert_int_equal(changes_check(&r, fx.main_repo, "", &opts),
	    ISMS_ENOTFOUND);
	assert_contains(error_message(), "'origin/main..HEAD'");
	assert_contains(error_hint(), "fetch-depth: 0");
	changes_result_release(&r);

	opts.range = "HEAD~1...HEAD";
	assert_int_equal(changes_check(&r, fx.main_repo, "", &opts),
	    ISMS_EUSAGE);
	changes_result_release(&r);
	error_clear();
}

static void
judge_duties(struct changes_result *out, enum duties_commit parent,
    enum duties_commit which)
{
	judge_one(out, fx.duties_repo, "", &fx.duties[parent],
	    &fx.duties[which]);
}

static void
test_changes_check_approval_by_approver_quiet(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_duties(&r, D_PLAN, D_APPROVE);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);

	judge_duties(&r, D_APPROVE, D_IMPLEMENT);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

static void
test_changes_check_approval_by_other_author(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	const struct changes_finding *f;

	(void)state;
	judge_duties(&r, D_PLAN, D_APPROVE_BY_OTHER);
	assert_int_equal(r.count, 1);
	f = &r.findings[0];
	assert_string_equal(f->rule, "change-approver-not-author");
	assert_string_equal(f->message, "commit records the approval of "
	    "change 'CHG-001' by 'ciso', but its author is 'ops'");
	assert_string_equal(f->path, "changes/CHG-001-keys.md");
	assert_string_equal(f->change, "CHG-001");
	changes_result_release(&r);
}

static void
test_changes_check_approval_by_unknown_author(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	const struct changes_finding *f;

	(void)state;
	judge_duties(&r, D_PLAN, D_APPROVE_BY_STRANGER);
	assert_int_equal(r.count, 1);
	f = &r.findings[0];
	assert_string_equal(f->rule, "change-approver-unknown");
	assert_string_equal(f->message, "commit records the approval of "
	    "change 'CHG-001' by 'ciso', but its author "
	    "<sam@elsewhere.example> matches no person in isms.yaml");
	changes_result_release(&r);
}

static void
test_changes_check_self_approved(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	const struct changes_finding *f;

	(void)state;
	judge_duties(&r, D_APPROVE, D_SELF);
	assert_int_equal(r.count, 1);
	f = &r.findings[0];
	assert_string_equal(f->rule, "change-self-approved");
	assert_string_equal(f->message, "commit implements change 'CHG-001', "
	    "but its author <ciso@example.com> is 'ciso', who approved the "
	    "change");
	assert_null(f->path);
	changes_result_release(&r);
}

static void
test_changes_check_self_approved_through_mailmap(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	const struct changes_finding *f;

	(void)state;
	judge_duties(&r, D_APPROVE, D_SELF_MAILMAP);
	assert_int_equal(r.count, 1);
	f = &r.findings[0];
	assert_string_equal(f->rule, "change-self-approved");
	/* The finding shows the address the commit records. */
	assert_string_equal(f->author_email, "casey@home.example.net");
	assert_contains(f->message, "<ciso@example.com> is 'ciso'");
	changes_result_release(&r);
}

static void
test_changes_check_approver_without_role(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	const struct changes_finding *f;

	(void)state;
	/* On the approval, authored by the approver who lacks the role. */
	judge_duties(&r, D_PLAN, D_APPROVE_NO_ROLE);
	assert_int_equal(r.count, 1);
	f = &r.findings[0];
	assert_string_equal(f->rule, "change-approver-role");
	assert_string_equal(f->message, "approver 'cto' of change 'CHG-001' "
	    "does not hold the 'change-approver' role");
	assert_string_equal(f->path, "changes/CHG-001-keys.md");
	changes_result_release(&r);

	/* And on each commit that implements the change. */
	judge_duties(&r, D_APPROVE_NO_ROLE, D_IMPLEMENT_NO_ROLE);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-approver-role");
	assert_null(r.findings[0].path);
	changes_result_release(&r);
}

static void
test_changes_check_approver_not_a_person(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_duties(&r, D_PLAN, D_APPROVE_NOBODY);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-approver-unknown");
	assert_string_equal(r.findings[0].message, "approver 'nobody' of "
	    "change 'CHG-001' is not a person in isms.yaml");
	changes_result_release(&r);

	judge_duties(&r, D_PLAN, D_APPROVE_NO_APPROVER);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-approver-unknown");
	assert_contains(r.findings[0].message, "names no approver");
	changes_result_release(&r);
}

static void
test_changes_check_segregation_off_quiet(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	/* The commit that switches it off is judged with it on. */
	judge_duties(&r, D_APPROVE, D_POLICY_OFF);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-no-trailer");
	changes_result_release(&r);

	judge_duties(&r, D_POLICY_OFF, D_SELF_UNDER_OFF);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

static void
test_changes_check_frozen_scope_widened(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	const struct changes_finding *f;

	(void)state;
	judge_duties(&r, D_APPROVE, D_WIDEN_SCOPE);
	assert_int_equal(r.count, 1);
	f = &r.findings[0];
	assert_string_equal(f->rule, "change-frozen-edited");
	assert_string_equal(f->message, "commit edits the scope of change "
	    "'CHG-001', which was already 'approved' in the parent commit, "
	    "without setting its status back to 'proposed'");
	assert_string_equal(f->path, "changes/CHG-001-keys.md");
	changes_result_release(&r);
}

static void
test_changes_check_frozen_reformat_quiet(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_duties(&r, D_APPROVE, D_REFORMAT);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

static void
test_changes_check_frozen_back_to_proposed_quiet(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_duties(&r, D_APPROVE, D_BACK_TO_PROPOSED);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);

	judge_duties(&r, D_BACK_TO_PROPOSED, D_REAPPROVE);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

static void
test_changes_check_frozen_in_implementing_commit(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	/* The widened scope does not count yet, and the edit is found. */
	judge_duties(&r, D_APPROVE, D_WIDEN_WHILE_IMPLEMENTING);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-frozen-edited");
	changes_result_release(&r);
}

static void
test_changes_check_frozen_purpose_and_consequences(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_duties(&r, D_APPROVE, D_EDIT_PURPOSE);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-frozen-edited");
	assert_contains(r.findings[0].message,
	    "edits the purpose and consequences of change 'CHG-001'");
	changes_result_release(&r);

	/* Withdrawing is not going back to proposed. */
	judge_duties(&r, D_APPROVE, D_WITHDRAW_AND_EDIT);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-frozen-edited");
	changes_result_release(&r);
}

static void
test_changes_check_emergency_self_approved(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	struct changes_options opts = CHANGES_OPTIONS_INIT;
	char range[100];

	(void)state;
	opts.range = range_of(range, sizeof(range),
	    &fx.duties[D_EMERGENCY_PLAN], &fx.duties[D_EMERGENCY_SELF_APPROVE]);
	opts.today = TODAY;
	assert_int_equal(changes_check(&r, fx.duties_repo, "", &opts), 0);
	assert_int_equal(r.commits_judged, 2);
	/* The fix: ops approved it and lacks the role; the approval: ops
	 * lacks the role. */
	assert_int_equal(count_rule(&r, "change-self-approved"), 1);
	assert_int_equal(count_rule(&r, "change-approver-role"), 2);
	assert_int_equal(count_rule(&r, "change-emergency-unapproved"), 0);
	assert_int_equal(r.count, 3);
	changes_result_release(&r);

	opts.range = range_of(range, sizeof(range),
	    &fx.duties[D_EMERGENCY_PLAN], &fx.duties[D_EMERGENCY_APPROVE]);
	assert_int_equal(changes_check(&r, fx.duties_repo, "", &opts), 0);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

/* Judges D_OTHER..which: the approval on the side, then the merge. */
static void
judge_merge(struct changes_result *out, enum duties_commit which)
{
	struct changes_options opts = CHANGES_OPTIONS_INIT;
	char range[100];

	opts.range = range_of(range, sizeof(range), &fx.duties[D_OTHER],
	    &fx.duties[which]);
	opts.today = TODAY;
	assert_int_equal(changes_check(out, fx.duties_repo, "", &opts), 0);
	assert_int_equal(out->commits_judged, 2);
}

static void
test_changes_check_merge_brings_approval_quiet(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	/* The merge author did not approve, but took the record as is. */
	judge_merge(&r, D_MERGE_CLEAN);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

static void
test_changes_check_merge_edits_approved_change(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_merge(&r, D_MERGE_EVIL);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-frozen-edited");
	assert_string_equal(r.findings[0].subject, "Merge the approval again");
	changes_result_release(&r);
}

static void
test_changes_check_frozen_other_considerations(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_duties(&r, D_APPROVE, D_EDIT_RESOURCES);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-frozen-edited");
	assert_contains(r.findings[0].message,
	    "edits the resources of change 'CHG-001'");
	changes_result_release(&r);

	judge_duties(&r, D_APPROVE, D_EDIT_AFFECTS);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-frozen-edited");
	assert_contains(r.findings[0].message,
	    "edits the affects list of change 'CHG-001'");
	changes_result_release(&r);
}

static void
test_changes_check_frozen_type(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_duties(&r, D_APPROVE, D_TO_EMERGENCY);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-frozen-edited");
	assert_contains(r.findings[0].message, "edits the type (normal to "
	    "emergency) of change 'CHG-001'");
	changes_result_release(&r);

	/* Writing out the default type changes nothing. */
	judge_duties(&r, D_APPROVE, D_TYPE_NORMAL_WRITTEN);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

/* Judges the range `from`..`which` of the dates history. */
static void
judge_dates(struct changes_result *out, enum dates_commit from,
    enum dates_commit which, int skip_future_dates)
{
	struct changes_options opts = CHANGES_OPTIONS_INIT;
	char range[100];

	opts.range = range_of(range, sizeof(range), &fx.dates[from],
	    &fx.dates[which]);
	opts.today = TODAY;
	opts.skip_future_dates = skip_future_dates;
	assert_int_equal(changes_check(out, fx.dates_repo, "", &opts), 0);
}

static void
test_changes_check_future_commit_date(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	const struct changes_finding *f;

	(void)state;
	judge_dates(&r, T_ROOT, T_FUTURE_FIX, 0);
	assert_int_equal(r.count, 2);
	f = find_rule(&r, "change-future-date");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_ERROR);
	assert_string_equal(f->message, "commit date 2099-01-01 is after "
	    "today (2026-12-01); commit dates can be set freely, so a future "
	    "date is treated as tampering or a wrong clock");
	assert_null(f->change);

	/* The emergency deadline runs from today, not from 2099. */
	f = find_rule(&r, "change-emergency-unapproved");
	assert_non_null(f);
	assert_int_equal(f->severity, DIAG_WARNING);
	assert_contains(f->message, "must be approved by 2026-12-06");
	changes_result_release(&r);
}

static void
test_changes_check_future_author_date(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_dates(&r, T_ROOT, T_AUTHOR_FUTURE, 0);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.findings[0].rule, "change-future-date");
	assert_contains(r.findings[0].message, "author date 2099-01-01 is "
	    "after today (2026-12-01)");
	changes_result_release(&r);
}

static void
test_changes_check_commit_date_ahead_quiet(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	/* A few hours ahead, as a commit from another time zone is. */
	judge_dates(&r, T_ROOT, T_AHEAD_ZONE, 0);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);

	/* The commit-msg hook leaves the rule out. */
	judge_dates(&r, T_ROOT, T_AUTHOR_FUTURE, 1);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

static void
test_changes_check_emergency_approval_committed_late(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	const struct changes_finding *f;
	char hex[GIT_OID_HEXSZ + 1];
	char fix[GIT_OID_HEXSZ + 1];
	struct buf expected = BUF_INIT;
	char committed[11], deadline[11], approved_on[11];

	(void)state;
	judge_dates(&r, T_ROOT, T_APPROVE_LATE, 0);
	assert_int_equal(r.commits_judged, 2);
	assert_int_equal(r.count, 1);
	f = &r.findings[0];
	assert_string_equal(f->rule, "change-emergency-unapproved");
	assert_int_equal(f->severity, DIAG_ERROR);
	assert_string_equal(f->commit, git_oid_tostr(fix, sizeof(fix),
	    &fx.dates[T_FIX]));
	git_oid_tostr(hex, sizeof(hex), &fx.dates[T_APPROVE_LATE]);
	date_format(fx.fix_day + 12, committed);
	date_format(fx.fix_day + 5, deadline);
	date_format(fx.fix_day + 1, approved_on);
	buf_printf(&expected, "emergency change 'CHG-002' was approved by "
	    "commit %.8s on %s, after the deadline %s (its approved_on %s is "
	    "earlier than that commit)", hex, committed, deadline,
	    approved_on);
	assert_string_equal(f->message, expected.ptr);
	assert_contains(f->fix, "not approved_on");
	buf_release(&expected);
	changes_result_release(&r);
}

static void
test_changes_check_emergency_approval_committed_in_time(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	judge_dates(&r, T_ROOT, T_APPROVE_IN_TIME, 0);
	assert_int_equal(r.commits_judged, 2);
	assert_int_equal(r.count, 0);
	changes_result_release(&r);
}

/* Runs changes_check() on `repo` with `since` in the current policy. */
static int
check_with_since(struct changes_result *out, git_repository *repo,
    const char *range, const char *since)
{
	struct changes_options opts = CHANGES_OPTIONS_INIT;
	struct buf policy = BUF_INIT;
	int error;

	buf_printf(&policy, "isms: 1\norganisation: T\nscope: S\n"
	    "change_control:\n  since: %s\n", since);
	opts.policy = policy.ptr;
	opts.policy_len = policy.len;
	opts.range = range;
	opts.today = TODAY;
	error_clear();
	error = changes_check(out, repo, "", &opts);
	buf_release(&policy);
	return error;
}

static void
test_changes_check_since_date_after_today(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;

	(void)state;
	assert_int_equal(check_with_since(&r, fx.main_repo, NULL,
	    "2099-01-01"), ISMS_EFAIL);
	assert_string_equal(error_message(), "change_control.since "
	    "'2099-01-01' in isms.yaml is after today (2026-12-01), so no "
	    "commit would be judged");
	assert_non_null(error_hint());
	changes_result_release(&r);
	error_clear();

	/* Today itself is fine: the commits of the day are judged. */
	assert_int_equal(check_with_since(&r, fx.main_repo, NULL,
	    "2026-12-01"), 0);
	assert_int_equal(r.commits_judged, 0);
	changes_result_release(&r);
}

static void
test_changes_check_since_commit_after_range(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	char merge[GIT_OID_HEXSZ + 1], main_hex[GIT_OID_HEXSZ + 1];
	char range[100];

	(void)state;
	git_oid_tostr(merge, sizeof(merge), &fx.merge[G_MERGE]);
	git_oid_tostr(main_hex, sizeof(main_hex), &fx.merge[G_MAIN]);
	assert_int_equal(check_with_since(&r, fx.merge_repo, main_hex, merge),
	    ISMS_EFAIL);
	assert_contains(error_message(), "comes after range");
	assert_contains(error_message(), "so no commit would be judged");
	changes_result_release(&r);
	error_clear();

	/* An empty range judges nothing anyway. */
	range_of(range, sizeof(range), &fx.merge[G_MERGE], &fx.merge[G_MAIN]);
	assert_int_equal(check_with_since(&r, fx.merge_repo, range, merge), 0);
	assert_int_equal(r.commits_judged, 0);
	changes_result_release(&r);
}

static void
test_changes_check_since_commit_unrelated(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	char orphan[GIT_OID_HEXSZ + 1], main_hex[GIT_OID_HEXSZ + 1];

	(void)state;
	git_oid_tostr(orphan, sizeof(orphan), &fx.merge[G_ORPHAN]);
	git_oid_tostr(main_hex, sizeof(main_hex), &fx.merge[G_MAIN]);
	assert_int_equal(check_with_since(&r, fx.merge_repo, main_hex, orphan),
	    ISMS_EFAIL);
	assert_contains(error_message(), "shares no history with range");
	assert_contains(error_hint(), "rewritten");
	changes_result_release(&r);
	error_clear();
}

static void
test_changes_check_since_commit_on_other_branch_quiet(void **state)
{
	struct changes_result r = CHANGES_RESULT_INIT;
	char side[GIT_OID_HEXSZ + 1], main_hex[GIT_OID_HEXSZ + 1];

	(void)state;
	/* A branch forked before `since`: its own commits are judged. */
	git_oid_tostr(side, sizeof(side), &fx.merge[G_SIDE]);
	git_oid_tostr(main_hex, sizeof(main_hex), &fx.merge[G_MAIN]);
	assert_int_equal(check_with_since(&r, fx.merge_repo, main_hex, side),
	    0);
	assert_int_equal(r.commits_judged, 1);
	changes_result_release(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_changes_check_uncontrolled_path_quiet),
		cmocka_unit_test(test_changes_check_no_trailer),
		cmocka_unit_test(test_changes_check_planning_commit_quiet),
		cmocka_unit_test(test_changes_check_proposed_not_approved),
		cmocka_unit_test(test_changes_check_approval_in_same_commit),
		cmocka_unit_test(test_changes_check_in_scope_quiet),
		cmocka_unit_test(test_changes_check_out_of_scope),
		cmocka_unit_test(test_changes_check_unknown_change),
		cmocka_unit_test(test_changes_check_closed_change),
		cmocka_unit_test(test_changes_check_rename_judges_both_paths),
		cmocka_unit_test(test_changes_check_delete_judged),
		cmocka_unit_test(test_changes_check_several_ids_and_trailers),
		cmocka_unit_test(test_changes_check_trailer_must_be_last_paragraph),
		cmocka_unit_test(test_changes_check_emergency_approved_in_time),
		cmocka_unit_test(test_changes_check_emergency_pending),
		cmocka_unit_test(test_changes_check_emergency_approved_late),
		cmocka_unit_test(test_changes_check_policy_from_parent),
		cmocka_unit_test(test_changes_check_whole_history_counts),
		cmocka_unit_test(test_changes_check_root_commit_own_policy),
		cmocka_unit_test(test_changes_check_since_commit_and_date),
		cmocka_unit_test(test_changes_check_merge_clean_quiet),
		cmocka_unit_test(test_changes_check_merge_own_change),
		cmocka_unit_test(test_changes_check_merge_no_ff_quiet),
		cmocka_unit_test(test_changes_check_first_parent_merge),
		cmocka_unit_test(test_changes_check_isms_in_subfolder),
		cmocka_unit_test(test_changes_check_shallow_clone_fails),
		cmocka_unit_test(test_changes_check_missing_range_base),
		cmocka_unit_test(test_changes_check_approval_by_approver_quiet),
		cmocka_unit_test(test_changes_check_approval_by_other_author),
		cmocka_unit_test(test_changes_check_approval_by_unknown_author),
		cmocka_unit_test(test_changes_check_self_approved),
		cmocka_unit_test(test_changes_check_self_approved_through_mailmap),
		cmocka_unit_test(test_changes_check_approver_without_role),
		cmocka_unit_test(test_changes_check_approver_not_a_person),
		cmocka_unit_test(test_changes_check_segregation_off_quiet),
		cmocka_unit_test(test_changes_check_frozen_scope_widened),
		cmocka_unit_test(test_changes_check_frozen_reformat_quiet),
		cmocka_unit_test(test_changes_check_frozen_back_to_proposed_quiet),
		cmocka_unit_test(test_changes_check_frozen_in_implementing_commit),
		cmocka_unit_test(test_changes_check_frozen_purpose_and_consequences),
		cmocka_unit_test(test_changes_check_emergency_self_approved),
		cmocka_unit_test(test_changes_check_merge_brings_approval_quiet),
		cmocka_unit_test(test_changes_check_merge_edits_approved_change),
		cmocka_unit_test(test_changes_check_frozen_other_considerations),
		cmocka_unit_test(test_changes_check_frozen_type),
		cmocka_unit_test(test_changes_check_future_commit_date),
		cmocka_unit_test(test_changes_check_future_author_date),
		cmocka_unit_test(test_changes_check_commit_date_ahead_quiet),
		cmocka_unit_test(test_changes_check_emergency_approval_committed_late),
		cmocka_unit_test(test_changes_check_emergency_approval_committed_in_time),
		cmocka_unit_test(test_changes_check_since_date_after_today),
		cmocka_unit_test(test_changes_check_since_commit_after_range),
		cmocka_unit_test(test_changes_check_since_commit_unrelated),
		cmocka_unit_test(test_changes_check_since_commit_on_other_branch_quiet),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
