#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "last_change.h"
#include "xalloc.h"
#include "banned.h"

/*
 * Looks up the object id of `path` in `tree`: 1 when it is there, 0 when
 * it is not, or a negative error code after error_set().
 */
static int
id_at(const git_tree *tree, const char *path, git_oid *out)
{
	git_tree_entry *entry = NULL;
	int rc;

	if (!*path) {
		git_oid_cpy(out, git_tree_id(tree));
		return 1;
	}
	rc = git_tree_entry_bypath(&entry, tree, path);
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		return 0;
	}
	if (rc < 0)
		return error_from_git(rc, "cannot read '%s' in tree %.12s",
		    path, git_oid_tostr_s(git_tree_id(tree)));
	git_oid_cpy(out, git_tree_entry_id(entry));
	git_tree_entry_free(entry);
	return 1;
}

/* Days since 1970-01-01 of a git time in its own time zone. */
static int
local_days(const git_time *when)
{
	long long seconds = (long long)when->time +
	    (long long)when->offset * 60;
	long long days = seconds / 86400;

	if (seconds % 86400 < 0)
		days--;
	return (int)days;
}

static void
record_commit(struct last_change *item, const git_commit *commit)
{
	const git_signature *author = git_commit_author(commit);

	item->found = 1;
	git_oid_tostr(item->commit_id, sizeof(item->commit_id),
	    git_commit_id(commit));
	item->author_name = xstrdup(author->name ? author->name : "");
	item->author_email = xstrdup(author->email ? author->email : "");
	item->date = local_days(&author->when);
}

/*
 * Whether `folder` has the same tree in `tree` as in one of the parents,
 * so that no file under it changed in this commit. Returns 1 or 0, or a
 * negative error code.
 */
static int
folder_unchanged(git_tree *tree, git_tree **parents, size_t parent_count,
    const char *folder)
{
	git_oid here, there;
	int has_here, has_there;

	has_here = id_at(tree, folder, &here);
	if (has_here < 0)
		return has_here;
	for (size_t p = 0; p < parent_count; p++) {
		has_there = id_at(parents[p], folder, &there);
		if (has_there < 0)
			return has_there;
		if (has_here == has_there &&
		    (!has_here || git_oid_equal(&here, &there)))
			return 1;
	}
	return 0;
}

/*
 * Marks each item still open whose file this commit changed to the
 * version it has in the start commit: same blob as the start, different
 * from every parent's.
 */
static int
visit_commit(struct last_change *items, const git_oid *start_ids,
    size_t count, const git_commit *commit, const char *folder,
    size_t *remaining)
{
	size_t parent_count = git_commit_parentcount(commit);
	git_tree **parents = xcalloc(parent_count ? parent_count : 1,
	    sizeof(*parents));
	git_tree *tree = NULL;
	git_commit *parent = NULL;
	git_oid here, there;
	int rc;

	rc = git_commit_tree(&tree, commit);
	if (rc < 0) {
		rc = error_from_git(rc, "cannot read the tree of commit %.12s",
		    git_oid_tostr_s(git_commit_id(commit)));
		goto done;
	}
	for (size_t p = 0; p < parent_count; p++) {
		rc = git_commit_parent(&parent, commit, (unsigned)p);
		if (rc == 0)
			rc = git_commit_tree(&parents[p], parent);
		git_commit_free(parent);
		parent = NULL;
		if (rc < 0) {
			rc = error_from_git(rc, "cannot read a parent of "
			    "commit %.12s",
			    git_oid_tostr_s(git_commit_id(commit)));
			error_set_hint("a shallow clone lacks old commits; run "
			    "'git fetch --unshallow'");
			goto done;
		}
	}

	if (parent_count) {
		rc = folder_unchanged(tree, parents, parent_count, folder);
		if (rc != 0)
			goto done;
	}

	for (size_t i = 0; i < count; i++) {
		int changed = 1;

		if (items[i].found || !items[i].in_start)
			continue;
		rc = id_at(tree, items[i].path, &here);
		if (rc < 0)
			goto done;
		if (rc == 0 || !git_oid_equal(&here, &start_ids[i]))
			continue;
		for (size_t p = 0; p < parent_count && changed; p++) {
			rc = id_at(parents[p], items[i].path, &there);
			if (rc < 0)
				goto done;
			if (rc == 1 && git_oid_equal(&here, &there))
				changed = 0;
		}
		if (!changed)
			continue;
		record_commit(&items[i], commit);
		(*remaining)--;
	}
	rc = 0;

done:
	for (size_t p = 0; p < parent_count; p++)
		git_tree_free(parents[p]);
	free(parents);
	git_tree_free(tree);
	return rc < 0 ? rc : 0;
}

/* Reads each item's blob in the start commit; returns how many are there. */
static int
read_start(struct last_change *items, git_oid *start_ids, size_t count,
    git_repository *repo, const git_oid *start, size_t *present)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	int rc;

	rc = git_commit_lookup(&commit, repo, start);
	if (rc == 0)
		rc = git_commit_tree(&tree, commit);
	if (rc < 0) {
		rc = error_from_git(rc, "cannot read commit %.12s",
		    git_oid_tostr_s(start));
		goto done;
	}
	for (size_t i = 0; i < count; i++) {
		rc = id_at(tree, items[i].path, &start_ids[i]);
		if (rc < 0)
			goto done;
		items[i].in_start = rc;
		if (!rc)
			continue;
		git_oid_tostr(items[i].start_blob, sizeof(items[i].start_blob),
		    &start_ids[i]);
		(*present)++;
	}
	rc = 0;

done:
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}

int
last_change_find(struct last_change *items, size_t count,
    git_repository *repo, const git_oid *start, const char *folder)
{
	git_revwalk *walk = NULL;
	git_commit *commit = NULL;
	git_oid *start_ids = xcalloc(count ? count : 1, sizeof(*start_ids));
	char *folder_path = xstrdup(folder);
	size_t remaining = 0, len = strlen(folder_path);
	git_oid oid;
	int rc;

	if (len && folder_path[len - 1] == '/')
		folder_path[len - 1] = '\0';

	/* libgit2 cannot walk past the cut of a shallow clone. */
	if (git_repository_is_shallow(repo) == 1) {
		rc = error_set(ISMS_EFAIL, "cannot find the last commit of "
		    "each document in a shallow clone: its history is "
		    "incomplete");
		error_set_hint("fetch the full history with 'git fetch "
		    "--unshallow' (in CI, check out with 'fetch-depth: 0')");
		goto done;
	}

	rc = read_start(items, start_ids, count, repo, start, &remaining);
	if (rc < 0 || !remaining)
		goto done;

	rc = git_revwalk_new(&walk, repo);
	if (rc == 0)
		rc = git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL |
		    GIT_SORT_TIME);
	if (rc == 0)
		rc = git_revwalk_push(walk, start);
	if (rc < 0) {
		rc = error_from_git(rc, "cannot walk the history from %.12s",
		    git_oid_tostr_s(start));
		goto done;
	}

	while (remaining) {
		rc = git_revwalk_next(&oid, walk);
		if (rc == GIT_ITEROVER) {
			git_error_clear();
			rc = 0;
			break;
		}
		if (rc == 0)
			rc = git_commit_lookup(&commit, repo, &oid);
		if (rc < 0) {
			rc = error_from_git(rc, "cannot walk the history from "
			    "%.12s", git_oid_tostr_s(start));
			goto done;
		}
		rc = visit_commit(items, start_ids, count, commit, folder_path,
		    &remaining);
		git_commit_free(commit);
		commit = NULL;
		if (rc < 0)
			goto done;
	}

done:
	git_revwalk_free(walk);
	free(start_ids);
	free(folder_path);
	return rc;
}

void
last_change_release(struct last_change *items, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(items[i].author_name);
		free(items[i].author_email);
		items[i].author_name = NULL;
		items[i].author_email = NULL;
	}
}
