#ifndef ISMS_REPO_H
#define ISMS_REPO_H

#include <git2.h>

#include "buf.h"

/*
 * Finding an ISMS and the git repository around it.
 */

#define ISMS_CONFIG_FILE "isms.yaml"

/*
 * Walks up from `start` (an absolute or relative folder) to the nearest
 * folder that holds isms.yaml, as git walks up to .git, and stores its
 * absolute path in `root`. ISMS_ENOTFOUND with a message and a hint (run
 * `isms init`, or use -C) when there is none.
 */
int repo_find_isms_root(struct buf *root, const char *start);

/*
 * Opens the git repository whose work tree contains `root` and stores the
 * path of `root` relative to the top of the work tree in `prefix` ("" at
 * the top, else "a/b/" with a trailing slash). An error names `root` and
 * says that the ISMS must be inside a git work tree.
 */
int repo_open(git_repository **out, struct buf *prefix, const char *root);

#endif
