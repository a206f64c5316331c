#ifndef ISMS_HOOKS_H
#define ISMS_HOOKS_H

#include <stddef.h>

#include <git2.h>

#include "buf.h"

/*
 * Installing the git hooks of hooks/ (compiled in, see embedded.h) into a
 * repository. A hook isms wrote carries a line that starts with
 * HOOKS_MARKER; a file without one belongs to someone else and is only
 * replaced with `force`.
 */

#define HOOKS_MARKER "# isms-hook:"

/* How many hooks there are: pre-commit and commit-msg. */
#define HOOKS_COUNT 2

enum hook_action {
	HOOK_CREATED,		/* there was no file */
	HOOK_UPDATED,		/* an older hook of isms was replaced */
	HOOK_UNCHANGED,		/* the same hook was there already */
	HOOK_REPLACED,		/* someone else's hook, replaced with force */
};

struct hook_installed {
	const char *name;	/* "pre-commit", static */
	char *path;		/* where it was written, owned */
	enum hook_action action;
};

struct hooks_result {
	struct hook_installed hooks[HOOKS_COUNT];
	size_t count;
};

#define HOOKS_RESULT_INIT { { { NULL, NULL, HOOK_CREATED } }, 0 }

/*
 * Stores in `out` the folder git runs the hooks of `repo` from:
 * core.hooksPath when it is set (a relative one is taken from the top of
 * the work tree, where git runs hooks, and "~/" is expanded), else the
 * hooks folder of the repository's common git folder, which linked work
 * trees share. Returns 0, or ISMS_EFAIL after error_set().
 */
int hooks_dir(struct buf *out, git_repository *repo);

/*
 * Appends to `out` the hook script `text` with the default of its
 * "ISMS_DIR=${ISMS_DIR:-...}" line set to `isms_dir`, the ISMS folder
 * relative to the top of the work tree ("" or "a/b/" as repo_open()
 * gives it; "" becomes "."), quoted for the shell. Returns 0, or
 * ISMS_EFAIL after error_set() when `text` has no such line.
 */
int hooks_render(struct buf *out, const char *text, const char *isms_dir);

/* Whether the `len` bytes of `content` are a hook that isms wrote. */
int hooks_is_ours(const char *content, size_t len);

/*
 * Writes the pre-commit and commit-msg hooks into hooks_dir(), creating
 * the folder when needed. Each file is written to a temporary file in
 * that folder, made executable (mode 0777 less the umask) and renamed
 * into place, so git never runs half a hook.
 *
 * Every target is examined before anything is written: when one exists
 * and is not a hook of isms, nothing is written and ISMS_EEXISTS is
 * returned, with a message that names the file, unless `force` is set.
 * A target that is not a regular file (a folder) is always an error.
 * Returns 0 or a negative error after error_set(). Release *out in every
 * case.
 */
int hooks_install(struct hooks_result *out, git_repository *repo,
    const char *isms_dir, int force);

void hooks_result_release(struct hooks_result *result);

#endif
