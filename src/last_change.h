#ifndef ISMS_LAST_CHANGE_H
#define ISMS_LAST_CHANGE_H

#include <stddef.h>

#include <git2.h>

/*
 * The last commit that changed each of a set of files, found with one
 * walk of the history for all of them: the evidence of when a document
 * last changed and who changed it (clause 7.5.3).
 */

struct last_change {
	const char *path;		/* in: relative to the work tree top;
					   borrowed */
	int in_start;			/* the file is in the start commit */
	char start_blob[GIT_OID_HEXSZ + 1];	/* its blob id there */
	int found;			/* a commit below is set */
	char commit_id[GIT_OID_HEXSZ + 1];
	char *author_name;		/* owned */
	char *author_email;		/* owned */
	int date;			/* author date, days since 1970-01-01,
					   in the author's time zone */
};

/*
 * Walks the history from commit `start` once, newest first (git's
 * topological order, ties broken by commit time), and for each item
 * finds the first commit whose version of item->path differs from the
 * version in every parent: a commit that added or modified the file, or
 * a merge that took neither parent's version. The walk stops once every
 * item present in `start` is found. `folder` ("" or "a/b/", with a
 * trailing slash) is a folder that contains every path. A commit whose
 * tree of that folder equals a parent's is skipped without looking at
 * the paths.
 *
 * Items whose file is not in `start` stay not found. Returns 0, or a
 * negative error code after error_set() when the repository cannot be
 * read. Release the items with last_change_release() in both cases.
 */
int last_change_find(struct last_change *items, size_t count,
    git_repository *repo, const git_oid *start, const char *folder);

/* Frees what the items own; the items themselves belong to the caller. */
void last_change_release(struct last_change *items, size_t count);

#endif
