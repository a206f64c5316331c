#ifndef ISMS_CHANGES_H
#define ISMS_CHANGES_H

#include <stddef.h>

#include <git2.h>

#include "diag.h"

/*
 * Planned change control (clause 6.3) proved from git history: every
 * commit that adds, modifies, deletes or renames a controlled path must
 * name, in its trailer, changes that were approved before it. The core
 * judges commits and collects findings; it never prints.
 *
 * Which policy judges a commit: the isms.yaml of its first parent, so a
 * commit cannot loosen the rules it is judged by. A root commit has no
 * parent and is judged by its own isms.yaml. A commit whose policy tree
 * has no isms.yaml (history from before the ISMS existed) is judged by
 * the current policy, the one passed in changes_options.
 *
 * Rule ids:
 *   change-no-trailer     a controlled path changed, no change named
 *   change-not-approved   a named change did not exist in the parent, or
 *                         was neither approved nor implementing there
 *   change-out-of-scope   a controlled path outside the named changes'
 *                         scope
 *   change-closed         a named change was already implemented,
 *                         reviewed, rejected or withdrawn in the parent
 *   change-emergency-unapproved
 *                         an emergency change not approved in the parent
 *                         and not approved within emergency_approval_within
 *                         of the commit (a warning while that time lasts);
 *                         the date of the commit that records the approval
 *                         counts, and the window starts no later than today
 *   change-future-date    the committer or author date of a judged commit
 *                         is after `today`
 * With segregation_of_duties (rule 5), people matched to commit authors
 * by e-mail after the repository's mailmap:
 *   change-self-approved  a commit implements a change its author approved
 *   change-approver-role  the approver lacks the change-approver role
 *   change-approver-unknown
 *                         an approved change names no approver or one who
 *                         is not a person, or the author of the commit
 *                         that approves it matches no person
 *   change-approver-not-author
 *                         a commit approves a change for someone else
 * Always (rule 6), on every commit that adds or edits change records:
 *   change-frozen-edited  the purpose, consequences, integrity, resources,
 *                         responsibilities, scope, affects or type of a
 *                         change approved (or later) in the parent are
 *                         edited and the status is not back to proposed
 *
 * A commit dated before a `since` date is judged anyway when a parent was
 * judged, and a merge is not compared with a parent that such a date left
 * out, because committer dates are set by the committer.
 */

struct changes_options {
	/*
	 * "A..B", or one revision REV meaning REV and its ancestors, as git
	 * log takes them. NULL means HEAD. Commits before change_control.since
	 * are never judged.
	 */
	const char *range;

	/* Follow only first parents, and judge a merge by its first parent. */
	int first_parent;

	/*
	 * The current isms.yaml text (normally from the working tree): it sets
	 * `since` and judges commits whose policy tree has no isms.yaml. NULL
	 * reads isms.yaml from HEAD instead.
	 */
	const char *policy;
	size_t policy_len;

	/*
	 * Today, in days since 1970-01-01: emergency deadlines run from it
	 * and commit dates after it are findings, so set it in every run.
	 */
	int today;

	/*
	 * Leave out change-future-date. The commit-msg hook sets it, because
	 * the commit it judges is dated now, whatever date `today` is.
	 */
	int skip_future_dates;
};

#define CHANGES_OPTIONS_INIT { NULL, 0, NULL, 0, 0, 0 }

struct changes_finding {
	char commit[GIT_OID_HEXSZ + 1];
	char *author_name;
	char *author_email;
	char date[11];		/* committer date, in the committer's zone */
	char *subject;		/* first paragraph of the message, one line */
	const char *rule;	/* static */
	enum diag_severity severity;
	char *message;
	char *fix;		/* what to do, one line */
	char *path;		/* the path concerned, or NULL */
	char *change;		/* the change id concerned, or NULL */
};

struct changes_result {
	struct changes_finding *findings;	/* oldest commit first */
	size_t count;
	size_t alloc;
	size_t commits_judged;	/* commits in the range, after `since` */
};

#define CHANGES_RESULT_INIT { NULL, 0, 0, 0 }

/*
 * Judges every commit of `opts->range` in the repository `repo`, whose ISMS
 * lives under `prefix` ("" or "a/b/", as repo_open() returns). Findings go
 * to `out`, oldest commit first.
 *
 * Returns 0 whether or not there are findings. Otherwise returns a
 * negative error after error_set():
 *   ISMS_ENOTFOUND, with a hint on fetching full history, when the range,
 *     its base or `since` does not name a commit;
 *   ISMS_EFAIL when `since` is a date after `opts->today`, a commit after
 *     the range end, or a commit that shares no history with it. The
 *     check would then judge nothing or leave out nothing;
 *   ISMS_EFAIL in a shallow clone, whose incomplete history cannot prove
 *     approval, or when libgit2 fails;
 *   ISMS_EUSAGE for a symmetric range "A...B".
 * Release *out in every case.
 */
int changes_check(struct changes_result *out, git_repository *repo,
    const char *prefix, const struct changes_options *opts);

void changes_result_release(struct changes_result *result);

#endif
