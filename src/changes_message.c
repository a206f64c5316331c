#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include "buf.h"
#include "changes.h"
#include "changes_message.h"
#include "error.h"
#include "repo.h"
#include "xalloc.h"
#include "banned.h"

/* Above the priorities of libgit2's own loose and packed backends. */
#define MEMORY_BACKEND_PRIORITY 1000

/* Parents of the new commit: HEAD, then each MERGE_HEAD. */
#define MAX_PARENTS 16

#define SCISSORS "------------------------ >8 ------------------------"

int
changes_message_clean(struct buf *out, const char *raw, char comment_char)
{
	struct buf text = BUF_INIT;
	git_buf pretty = GIT_BUF_INIT;
	const char *line = raw;
	int error;

	/* Keep the lines before the first scissors line. */
	while (*line) {
		const char *end = strchr(line, '\n');
		size_t next = end ? (size_t)(end - line) + 1 : strlen(line);
		size_t len = end ? (size_t)(end - line) : next;

		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (len == sizeof(SCISSORS) + 1 && line[0] == comment_char &&
		    line[1] == ' ' && memcmp(line + 2, SCISSORS,
		    sizeof(SCISSORS) - 1) == 0)
			break;
		line += next;
	}
	buf_add(&text, raw, (size_t)(line - raw));

	error = git_message_prettify(&pretty, text.ptr, 1, comment_char);
	if (error < 0) {
		error = error_from_git(error, "cannot clean up the commit "
		    "message");
		goto done;
	}
	buf_add(out, pretty.ptr, pretty.size);

done:
	git_buf_dispose(&pretty);
	buf_release(&text);
	return error;
}

/* Opens the index `git commit` records: GIT_INDEX_FILE, else the default. */
static int
open_index(git_index **out, git_repository *repo)
{
	const char *path = getenv("GIT_INDEX_FILE");
	int error;

	if (path && *path) {
		/* git_index_open() would take a missing file for an empty
		 * index, which would judge a commit that deletes everything. */
		if (access(path, R_OK) != 0)
			return error_set(ISMS_EFAIL, "cannot read the git index "
			    "'%s' named by GIT_INDEX_FILE", path);
		error = git_index_open(out, path);
	} else {
		error = git_repository_index(out, repo);
	}
	if (error < 0)
		return error_from_git(error, "cannot read the git index");
	if (git_index_has_conflicts(*out))
		return error_set(ISMS_EFAIL, "the git index has unresolved "
		    "conflicts");
	return 0;
}

/*
 * A signature from the environment variables git sets for hooks, else
 * from user.name and user.email, dated now.
 */
static int
signature_from_env(git_signature **out, git_repository *repo,
    const char *name_var, const char *email_var)
{
	const char *name = getenv(name_var);
	const char *email = getenv(email_var);
	int error;

	if (name && *name && email)
		error = git_signature_now(out, name, email);
	else
		error = git_signature_default(out, repo);
	if (error < 0) {
		error = error_from_git(error, "cannot tell who makes the "
		    "commit");
		error_set_hint("set user.name and user.email with 'git config'");
	}
	return error;
}

struct parents {
	git_commit *items[MAX_PARENTS];
	size_t count;
	git_repository *repo;
	int error;
};

static int
add_parent(const git_oid *id, void *payload)
{
	struct parents *parents = payload;
	int error;

	if (parents->count == MAX_PARENTS) {
		parents->error = error_set(ISMS_EFAIL, "a merge of more than "
		    "%d parents cannot be judged", MAX_PARENTS);
		return 1;
	}
	error = git_commit_lookup(&parents->items[parents->count],
	    parents->repo, id);
	if (error < 0) {
		parents->error = error_from_git(error, "cannot read the commit "
		    "'%s' that the commit would have as parent",
		    git_oid_tostr_s(id));
		return 1;
	}
	parents->count++;
	return 0;
}

/* HEAD (none on an unborn branch) and the MERGE_HEAD commits. */
static int
collect_parents(struct parents *parents)
{
	git_oid head;
	int error;

	error = git_reference_name_to_id(&head, parents->repo, "HEAD");
	if (error == GIT_ENOTFOUND || error == GIT_EUNBORNBRANCH) {
		git_error_clear();
		return 0;
	}
	if (error < 0)
		return error_from_git(error, "cannot read HEAD");
	if (add_parent(&head, parents))
		return parents->error;

	error = git_repository_mergehead_foreach(parents->repo, add_parent,
	    parents);
	if (error == GIT_ENOTFOUND) {
		git_error_clear();
		return 0;
	}
	if (parents->error)
		return parents->error;
	if (error < 0)
		return error_from_git(error, "cannot read MERGE_HEAD");
	return 0;
}

/*
 * Reads the isms.yaml of `tree`, under `prefix`, into `out`. Returns 1
 * when it was there, 0 when not, or a negative error.
 */
static int
read_policy(struct buf *out, git_repository *repo, git_tree *tree,
    const char *prefix)
{
	struct buf path = BUF_INIT;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	int error;

	buf_printf(&path, "%s%s", prefix, ISMS_CONFIG_FILE);
	error = git_tree_entry_bypath(&entry, tree, path.ptr);
	if (error == GIT_ENOTFOUND) {
		git_error_clear();
		error = 0;
		goto done;
	}
	if (error >= 0)
		error = git_blob_lookup(&blob, repo, git_tree_entry_id(entry));
	if (error < 0) {
		error = error_from_git(error, "cannot read the staged '%s'",
		    path.ptr);
		goto done;
	}
	buf_add(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	error = 1;

done:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	buf_release(&path);
	return error;
}

/*
 * Keeps the findings about `commit` and releases the others, which are
 * about commits a merge brings in and were judged on their own.
 */
static void
keep_commit_findings(struct changes_result *result, const char *commit)
{
	struct changes_result others = CHANGES_RESULT_INIT;
	size_t kept = 0;

	others.findings = xcalloc(result->count ? result->count : 1,
	    sizeof(*others.findings));
	others.alloc = result->count;
	for (size_t i = 0; i < result->count; i++) {
		if (strcmp(result->findings[i].commit, commit) == 0)
			result->findings[kept++] = result->findings[i];
		else
			others.findings[others.count++] = result->findings[i];
	}
	result->count = kept;
	result->commits_judged = 1;
	changes_result_release(&others);
}

/*
 * NOTE: git does not tell the commit-msg hook about --amend, so an amended
 * commit is judged against HEAD, the commit it replaces, rather than
 * against that commit's parent. `isms changes check` in CI judges the
 * commit that results.
 */
int
changes_check_message(struct changes_result *out, git_repository *repo,
    const char *prefix, const char *message,
    const struct changes_options *opts)
{
	struct changes_options check = *opts;
	struct parents parents;
	struct buf policy = BUF_INIT;
	struct buf range = BUF_INIT;
	char commit_hex[GIT_OID_HEXSZ + 1];
	git_odb *odb = NULL;
	git_odb_backend *memory = NULL;
	git_index *index = NULL;
	git_tree *tree = NULL;
	git_signature *author = NULL;
	git_signature *committer = NULL;
	git_oid tree_id, commit_id;
	int error;

	memset(&parents, 0, sizeof(parents));
	parents.repo = repo;

	/* Objects written from here on stay in memory. */
	error = git_repository_odb(&odb, repo);
	if (error >= 0)
		error = git_mempack_new(&memory);
	if (error >= 0)
		error = git_odb_add_backend(odb, memory,
		    MEMORY_BACKEND_PRIORITY);
	if (error < 0) {
		error = error_from_git(error, "cannot set up an in-memory "
		    "object database");
		goto done;
	}
	memory = NULL;		/* owned by the object database now */

	error = open_index(&index, repo);
	if (error < 0)
		goto done;
	error = git_index_write_tree_to(&tree_id, index, repo);
	if (error >= 0)
		error = git_tree_lookup(&tree, repo, &tree_id);
	if (error < 0) {
		error = error_from_git(error, "cannot build a tree from the "
		    "git index");
		goto done;
	}

	error = collect_parents(&parents);
	if (error < 0)
		goto done;
	error = signature_from_env(&author, repo, "GIT_AUTHOR_NAME",
	    "GIT_AUTHOR_EMAIL");
	if (error >= 0)
		error = signature_from_env(&committer, repo,
		    "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL");
	if (error < 0)
		goto done;

	error = git_commit_create(&commit_id, repo, NULL, author, committer,
	    NULL, message, tree, parents.count,
	    (const git_commit **)parents.items);
	if (error < 0) {
		error = error_from_git(error, "cannot build the commit to "
		    "judge");
		goto done;
	}
	git_oid_tostr(commit_hex, sizeof(commit_hex), &commit_id);

	if (!check.policy) {
		error = read_policy(&policy, repo, tree, prefix);
		if (error < 0)
			goto done;
		if (error == 1) {
			check.policy = policy.ptr;
			check.policy_len = policy.len;
		}
	}
	if (parents.count)
		buf_printf(&range, "%s..", git_oid_tostr_s(
		    git_commit_id(parents.items[0])));
	buf_puts(&range, commit_hex);
	check.range = range.ptr;
	/* The new commit is dated now, so its date proves nothing. */
	check.skip_future_dates = 1;

	error = changes_check(out, repo, prefix, &check);
	if (error < 0)
		goto done;
	keep_commit_findings(out, commit_hex);

done:
	for (size_t i = 0; i < parents.count; i++)
		git_commit_free(parents.items[i]);
	git_signature_free(committer);
	git_signature_free(author);
	git_tree_free(tree);
	git_index_free(index);
	if (memory)
		memory->free(memory);
	git_odb_free(odb);
	buf_release(&range);
	buf_release(&policy);
	return error;
}
