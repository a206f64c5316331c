#ifndef ISMS_WORKSPACE_H
#define ISMS_WORKSPACE_H

#include <git2.h>

#include "source.h"

/*
 * What a command that reads records needs: the ISMS root found from the
 * current directory, the git repository around it when there is one, and
 * the source to read records from (working tree, index or a revision).
 */

enum workspace_from {
	FROM_WORKTREE,
	FROM_INDEX,
	FROM_REV,
};

struct workspace {
	char *root;		/* absolute ISMS root */
	char *display_prefix;	/* the root relative to the current directory */
	git_repository *repo;	/* NULL outside git for FROM_WORKTREE */
	char *repo_prefix;	/* the root relative to the work tree top */
	char *head_id;		/* HEAD commit id, or NULL */
	int dirty;		/* the ISMS differs from HEAD (working tree) */
	struct source *source;
};

#define WORKSPACE_INIT { NULL, NULL, NULL, NULL, NULL, 0, NULL }

/*
 * Finds the ISMS from the current directory and opens the source. `rev`
 * is used with FROM_REV only. The index and revisions need a git
 * repository; the working tree is read without one when there is none.
 */
int workspace_open(struct workspace *ws, enum workspace_from from,
    const char *rev);

/*
 * Turns `path`, as the user wrote it relative to the current directory
 * (or absolute), into a path relative to the ISMS root, "" for the root
 * itself, without touching the disk (the path may exist only in a
 * revision). Fails with ISMS_EUSAGE when the path lies outside the ISMS.
 */
int workspace_relative_path(struct buf *out, const struct workspace *ws,
    const char *path);

void workspace_release(struct workspace *ws);

#endif
