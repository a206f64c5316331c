#ifndef ISMS_CHANGES_MESSAGE_H
#define ISMS_CHANGES_MESSAGE_H

#include <git2.h>

#include "buf.h"
#include "changes.h"

/*
 * Planned change control before a commit exists, for git's commit-msg
 * hook. The commit that `git commit` is about to make is built from the
 * git index and the message, and judged by changes_check() with every
 * rule of isms changes check, so the hook and CI agree.
 */

/*
 * Appends to `out` the message git will store for `raw`, the contents of
 * the file git hands the commit-msg hook: everything from the scissors
 * line that `git commit --verbose` writes ("# ------------------------ >8
 * ------------------------", with `comment_char` in place of '#') is
 * dropped, then comment lines, trailing whitespace (CR included) and
 * surrounding blank lines are stripped, as git's default cleanup does.
 * Returns 0, or ISMS_EFAIL after error_set().
 */
int changes_message_clean(struct buf *out, const char *raw,
    char comment_char);

/*
 * Judges the commit that would record the git index of `repo` with the
 * message `message` (already cleaned) on top of HEAD, and during a merge
 * with every MERGE_HEAD as a further parent. The index is the file named
 * by GIT_INDEX_FILE when that is set, as git sets it for `git commit -a`
 * and `git commit PATH...`, else the repository's index. The author comes
 * from GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL, which git exports to hooks,
 * and the committer from GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL. Where
 * they are not set, user.name and user.email are used. The commit date is
 * now, so change-future-date is left out.
 *
 * `opts->range` is ignored. When `opts->policy` is NULL, the isms.yaml
 * in the index is the current policy, as it will be once the commit is
 * checked out. Findings about the new commit go to `out`, with
 * commits_judged 1; the commit id in them is that of a commit that is
 * never stored.
 *
 * The tree and commit objects are written to an in-memory object
 * database added to `repo`'s, never to disk; they last until `repo` is
 * freed, so free it once the findings are read.
 *
 * Returns 0 whether or not there are findings, else a negative error
 * after error_set(): ISMS_EFAIL when the index has conflicts or cannot be
 * read, when no author is known, and for every error of changes_check()
 * (a shallow clone among them). Release *out in every case.
 */
int changes_check_message(struct changes_result *out, git_repository *repo,
    const char *prefix, const char *message,
    const struct changes_options *opts);

#endif
