#ifndef ISMS_HISTORY_H
#define ISMS_HISTORY_H

#include <stddef.h>

#include <git2.h>

#include "change.h"
#include "config.h"
#include "date.h"
#include "strvec.h"

/*
 * The ISMS as git history shows it, shared by change control (changes.h)
 * and the change log (change_log.h). It reads the change-control policy
 * of any tree's isms.yaml and the change records of any tree's changes/
 * folder, parsing each blob once per run. It also reads the change ids a
 * commit's trailer names, and finds the person of isms.yaml that a
 * commit's author is.
 */

#define HISTORY_CHANGES_FOLDER "changes"
#define HISTORY_DEFAULT_TRAILER "ISMS-Change"

/* The part of one isms.yaml that judges commits. */
struct history_policy {
	struct strvec controlled;
	struct strvec uncontrolled;
	char *trailer;
	char *since;			/* NULL when not set */
	int segregation_of_duties;
	int has_emergency_window;
	struct duration emergency_window;
	struct config config;		/* people and roles */
};

/* The fields of one change record that the rules use, from one blob. */
struct history_change {
	char *id;
	char *title;			/* NULL when absent */
	int has_status;
	enum change_status status;
	enum change_type type;
	struct strvec scope;
	/* The considerations of clause 6.3. Whitespace runs collapsed to one
	 * space, ends trimmed; NULL when absent. So re-wrapping a YAML
	 * scalar leaves the value as it was. */
	char *purpose;
	char *consequences;
	char *integrity;
	char *resources;
	char *responsibilities;
	struct strvec affects;		/* record ids */
	char *approved_by;		/* NULL when absent */
	int approved_on, has_approved_on;
};

struct history_change_entry {
	const struct history_change *change;	/* owned by the history */
	char *path;			/* relative to the ISMS root */
	size_t order;			/* position in git's tree order */
};

/* The change records of one tree, sorted by id and then tree order. */
struct history_change_set {
	struct history_change_entry *entries;
	size_t count;
	size_t alloc;
};

/* A commit's author, matched to a person of isms.yaml. */
struct history_author {
	const char *name;		/* after .mailmap */
	const char *email;		/* after .mailmap */
	const char *commit_email;	/* as the commit records it */
	const struct person *person;	/* NULL: no person has either address */
};

struct history;

/*
 * Opens the history of `repo` for an ISMS under `prefix` ("" or "a/b/", as
 * repo_open() returns). `policy` is the current isms.yaml text (normally
 * from the working tree); NULL reads isms.yaml from HEAD, and defaults
 * apply when HEAD has none. The repository's mailmap (.mailmap in the work
 * tree, mailmap.file and mailmap.blob) is read once here. Returns 0, or a
 * negative error after error_set(); free *out with history_free() in both
 * cases.
 */
int history_new(struct history **out, git_repository *repo,
    const char *prefix, const char *policy, size_t policy_len);

void history_free(struct history *history);

/* The policy `history_new` was given. Borrowed. */
const struct history_policy *history_current_policy(
    const struct history *history);

/*
 * The policy that the isms.yaml of `tree` sets, or the current policy when
 * `tree` has no isms.yaml. A file that cannot be read as a whole gives the
 * strictest policy: everything controlled, segregation of duties on, no
 * people. Borrowed from the history.
 */
int history_policy_for_tree(const struct history_policy **out,
    struct history *history, const git_tree *tree);

/*
 * The change records of the changes/ folder of `tree` (NULL: none). Every
 * Markdown file with an `id` in its frontmatter counts, in subfolders too.
 * Borrowed from the history.
 */
int history_change_set(const struct history_change_set **out,
    struct history *history, const git_tree *tree);

/* The record with `id` (the first in tree order when ids repeat), or NULL. */
const struct history_change *history_change_set_find(
    const struct history_change_set *set, const char *id);

/*
 * Whether `set` contains `change` itself under its id. That means the same
 * blob, because each blob is parsed into one history_change.
 */
int history_change_set_has(const struct history_change_set *set,
    const struct history_change *change);

/*
 * The id of `name` (relative to the ISMS root) in `tree` when it is of
 * type `type`; 0, ISMS_ENOTFOUND, or another negative error.
 */
int history_find_entry(git_oid *out, struct history *history,
    const git_tree *tree, const char *name, git_object_t type);

/*
 * Collects the change ids named in the commit's trailers with key `key`
 * (case-insensitive, as git compares trailer keys), each once. A value may
 * list several ids separated by commas or spaces. Trailers are read from
 * the last paragraph of the message only, as `git interpret-trailers`
 * reads them.
 */
int history_trailer_ids(struct strvec *out, const git_commit *commit,
    const char *key);

/*
 * Resolves the author of `commit` through the mailmap and finds the person
 * of `config` who has the resolved address, else the recorded one (e-mail
 * addresses compare without regard to case). The strings are borrowed
 * from the history and the commit.
 */
void history_author(struct history_author *out,
    const struct history *history, const git_commit *commit,
    const struct config *config);

/* Whether either address of `author` is one of `person`'s. */
int history_author_is(const struct history_author *author,
    const struct person *person);

/* The calendar day of `when` in its own time zone. */
int history_time_day(const git_time *when);

/* The calendar day of the committer date, in the committer's zone. */
int history_commit_day(const git_commit *commit);

#endif
