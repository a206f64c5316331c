#ifndef ISMS_SOURCE_H
#define ISMS_SOURCE_H

#include <git2.h>

#include "buf.h"
#include "strvec.h"

/*
 * Where the files of an ISMS come from: the working tree, the git index
 * (what the next commit will hold) or any commit. The git cases read
 * objects through libgit2 and never check anything out. Paths given to
 * and returned by a source are relative to the ISMS root, with '/'.
 */

enum source_kind {
	SOURCE_WORKTREE,
	SOURCE_INDEX,
	SOURCE_COMMIT,
};

struct source;

/* The ISMS in the folder `root` on disk. `root` is copied. */
int source_open_worktree(struct source **out, const char *root);

/*
 * The ISMS in the index of `repo`, under `prefix` (the ISMS root relative
 * to the top of the work tree, "" at the top). The repository is
 * borrowed and must outlive the source.
 */
int source_open_index(struct source **out, git_repository *repo,
    const char *prefix);

/*
 * The ISMS at revision `rev` (anything git_revparse_single() takes that
 * peels to a commit). ISMS_ENOTFOUND with a message naming `rev` when it
 * does not exist.
 */
int source_open_rev(struct source **out, git_repository *repo,
    const char *rev, const char *prefix);

/* The ISMS in the tree of `commit`, which is borrowed. */
int source_open_commit(struct source **out, git_repository *repo,
    const git_commit *commit, const char *prefix);

/*
 * Lists every regular file under the ISMS root, sorted, relative to the
 * root. Folders and files whose names start with '.' are skipped, and so
 * are symbolic links.
 */
int source_list(struct source *src, struct strvec *out);

/*
 * Reads `path` into `out` (replacing its contents). Returns
 * ISMS_ENOTFOUND without a recorded message when the file does not exist,
 * so callers can treat optional files quietly; other failures record one.
 * Files over `max` bytes are an error that names the file and the limit.
 */
int source_read(struct source *src, const char *path, size_t max,
    struct buf *out);

/*
 * Stores in `out` the git blob id of `path` as 40 hex digits and a NUL.
 * For the index or a commit it is the id git stores. For the working tree
 * it is the id of the file's bytes as they are on disk, with no
 * line-ending or other filters applied. Returns ISMS_ENOTFOUND without a
 * recorded message when the file does not exist.
 */
int source_blob_id(struct source *src, const char *path, char out[41]);

enum source_kind source_kind(const struct source *src);

/* "working tree", "index", or the full commit id. Borrowed. */
const char *source_label(const struct source *src);

void source_free(struct source *src);

#endif
