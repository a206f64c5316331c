#ifndef ISMS_CHANGE_LOG_H
#define ISMS_CHANGE_LOG_H

#include <stddef.h>

#include <git2.h>

#include "change.h"

/*
 * The change register as git history shows it, the evidence for clause
 * 6.3. For every change record it lists each commit that moved it to a new
 * status and each commit that names it in its trailer, oldest first, with
 * who made the commit and when. The core builds the log and never prints.
 *
 * Records are followed by their id, so renaming or moving a record keeps
 * its history; a record whose id changes starts a new one.
 */

enum change_log_event_kind {
	CHANGE_LOG_STATUS,	/* the record reached a new status */
	CHANGE_LOG_DELETED,	/* the record was deleted */
	CHANGE_LOG_TRAILER,	/* a commit named the change in its trailer */
};

struct change_log_event {
	enum change_log_event_kind kind;
	/*
	 * STATUS: the new status, unset when the record has no valid status.
	 * TRAILER: the change's status in the first parent, unset when it had
	 * none there.
	 */
	int has_status;
	enum change_status status;
	char commit[GIT_OID_HEXSZ + 1];
	char date[11];		/* committer date, in the committer's zone */
	char time[40];		/* the same, as YYYY-MM-DDTHH:MM:SS+HH:MM */
	char *author_name;	/* after .mailmap */
	char *author_email;	/* after .mailmap */
	char *person;		/* the person key in isms.yaml, or NULL */
	char *subject;		/* first line of the message */
};

struct change_log_entry {
	char *id;
	char *title;		/* NULL when absent */
	char *path;		/* at the end of the history; the last path for
				 * a deleted record */
	int deleted;		/* not in the tree at the end of the history */
	int has_status;		/* the last version's status */
	enum change_status status;
	enum change_type type;
	char *approved_by;	/* NULL when absent */
	struct change_log_event *events;	/* oldest first */
	size_t event_count;
	size_t event_alloc;
};

struct change_log {
	struct change_log_entry *entries;	/* sorted by id */
	size_t count;
	size_t alloc;
	size_t commits_walked;
};

#define CHANGE_LOG_INIT { NULL, 0, 0, 0 }

/*
 * Walks every commit reachable from `rev` (NULL: HEAD), oldest first, once,
 * in the repository `repo` whose ISMS lives under `prefix` ("" or "a/b/").
 * A record's version counts as new in a commit when it differs from its
 * version in every parent, so a merge that only brings a branch in adds
 * no event. Trailers are read with the key of the commit's policy (its
 * first parent's isms.yaml), and authors are matched to the people of
 * that policy by e-mail after the repository's mailmap.
 *
 * Every record that ever was in the changes/ folder is listed, deleted
 * ones included. Returns 0, or a negative error after error_set():
 * ISMS_ENOTFOUND when `rev` names no commit, ISMS_EFAIL in a shallow
 * clone (its history is incomplete) or when libgit2 fails. Release *out
 * with change_log_release() in every case.
 */
int change_log_build(struct change_log *out, git_repository *repo,
    const char *prefix, const char *rev);

void change_log_release(struct change_log *log);

#endif
