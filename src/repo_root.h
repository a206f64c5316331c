#ifndef ISMS_REPO_ROOT_H
#define ISMS_REPO_ROOT_H

#include <git2.h>

#include "buf.h"

/*
 * The ISMS found from the current directory and the git repository around
 * it, for the commands that need git (changes check, hooks).
 */
struct repo_root {
	struct buf root;	/* absolute ISMS root */
	struct buf prefix;	/* the root relative to the work tree top,
				 * "" or ending in '/' */
	git_repository *repo;
};

#define REPO_ROOT_INIT { BUF_INIT, BUF_INIT, NULL }

/*
 * Finds the ISMS with repo_find_isms_root() and opens its repository with
 * repo_open(). Returns 0 or the error of the step that failed; release
 * `out` either way.
 */
int repo_root_open(struct repo_root *out);

void repo_root_release(struct repo_root *root);

#endif
