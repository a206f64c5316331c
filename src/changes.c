#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <git2.h>

#include "buf.h"
#include "change.h"
#include "changes.h"
#include "config.h"
#include "date.h"
#include "error.h"
#include "glob.h"
#include "history.h"
#include "oidmap.h"
#include "strvec.h"
#include "xalloc.h"
#include "banned.h"

static const char fetch_hint[] =
    "if the history is incomplete, fetch all of it with 'git fetch "
    "--unshallow' (in CI, check out with 'fetch-depth: 0')";

/* One path a commit adds, modifies, deletes or renames. */
struct touched {
	char *path;			/* relative to the ISMS root */
	char *other;			/* renames: the path at the other end */
	git_delta_t status;
	int is_old;			/* renames: `path` is the old name */
};

struct touched_list {
	struct touched *items;
	size_t count;
	size_t alloc;
};

/* Everything one run shares: options, caches and the result. */
struct judge {
	git_repository *repo;
	const char *prefix;
	const struct changes_options *opts;
	struct changes_result *out;
	struct history *history;

	git_commit *tip;		/* the range end, for emergencies */
	git_commit *base;		/* A of a range A..B, else NULL */
	int tip_loaded;
	const struct history_change_set *tip_set;

	/*
	 * The commits judged in this run, and those left out because their
	 * committer date is before a `since` date. Every value is &mark.
	 */
	struct oidmap judged;
	struct oidmap skipped;
};

static char mark;

/* The commit being judged, as findings show it. */
struct commit_meta {
	git_commit *commit;
	char id[GIT_OID_HEXSZ + 1];
	char date[11];
	int days;
};

static void
touched_list_clear(struct touched_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].path);
		free(list->items[i].other);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}

/*
 * Whether `path` is controlled. `controlled` globs ignore ASCII case, so
 * `Risks/x.md` is under "risks/": a checkout on a case-insensitive file
 * system (the default on macOS and Windows) writes that path into the
 * risks/ folder. `uncontrolled` globs match exactly, so an exemption is
 * never wider than it reads.
 */
static int
policy_controls(const struct history_policy *policy, const char *path)
{
	return glob_match_any_nocase(policy->controlled.items,
	    policy->controlled.count, path) &&
	    !glob_match_any(policy->uncontrolled.items,
	    policy->uncontrolled.count, path);
}

/* The change records at the end of the range, read on first use. */
static int
tip_change_set(struct judge *judge, const struct history_change_set **out)
{
	git_tree *tree = NULL;
	int error = 0;

	if (!judge->tip_loaded) {
		if (judge->tip) {
			error = git_commit_tree(&tree, judge->tip);
			if (error < 0) {
				error = error_from_git(error, "cannot read the "
				    "tree of the range end");
				goto done;
			}
		}
		error = history_change_set(&judge->tip_set, judge->history,
		    tree);
		if (error < 0)
			goto done;
		judge->tip_loaded = 1;
	}
	*out = judge->tip_set;

done:
	git_tree_free(tree);
	return error;
}

static void
add_finding(struct judge *judge, const struct commit_meta *meta,
    const char *rule, enum diag_severity severity, const char *path,
    const char *change, const char *fix, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

static void
add_finding(struct judge *judge, const struct commit_meta *meta,
    const char *rule, enum diag_severity severity, const char *path,
    const char *change, const char *fix, const char *fmt, ...)
{
	struct changes_result *out = judge->out;
	const git_signature *author = git_commit_author(meta->commit);
	const char *subject = git_commit_summary(meta->commit);
	struct buf message = BUF_INIT;
	struct changes_finding *f;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&message, fmt, ap);
	va_end(ap);

	xgrow(&out->findings, &out->alloc, out->count + 1,
	    sizeof(*out->findings));
	f = &out->findings[out->count++];
	memset(f, 0, sizeof(*f));
	memcpy(f->commit, meta->id, sizeof(f->commit));
	memcpy(f->date, meta->date, sizeof(f->date));
	f->author_name = xstrdup(author && author->name ? author->name : "");
	f->author_email = xstrdup(author && author->email ? author->email : "");
	f->subject = xstrdup(subject ? subject : "");
	f->rule = rule;
	f->severity = severity;
	f->message = buf_detach(&message, NULL);
	f->fix = xstrdup(fix);
	f->path = path ? xstrdup(path) : NULL;
	f->change = change ? xstrdup(change) : NULL;
}

static void
touched_add(struct touched_list *list, const char *path, const char *other,
    git_delta_t status, int is_old)
{
	struct touched *t;

	xgrow(&list->items, &list->alloc, list->count + 1,
	    sizeof(*list->items));
	t = &list->items[list->count++];
	t->path = xstrdup(path);
	t->other = other ? xstrdup(other) : NULL;
	t->status = status;
	t->is_old = is_old;
}

/* `path` relative to the ISMS root, or NULL when it lies outside. */
static const char *
relative_path(const struct judge *judge, const char *path)
{
	size_t len = strlen(judge->prefix);

	if (!path || strncmp(path, judge->prefix, len) != 0)
		return NULL;
	return path + len;
}

/*
 * Lists the paths under the ISMS root that differ between `old_tree`
 * (NULL for none) and `new_tree`, with renames found, both names of a
 * rename included.
 */
static int
diff_trees(struct judge *judge, git_tree *old_tree, git_tree *new_tree,
    struct touched_list *out)
{
	git_diff_options diff_opts;
	git_diff_find_options find_opts;
	struct buf folder = BUF_INIT;
	char *pathspec[1];
	git_diff *diff = NULL;
	size_t count;
	int error;

	git_diff_options_init(&diff_opts, GIT_DIFF_OPTIONS_VERSION);
	git_diff_find_options_init(&find_opts, GIT_DIFF_FIND_OPTIONS_VERSION);
	diff_opts.flags = GIT_DIFF_SKIP_BINARY_CHECK |
	    GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	if (*judge->prefix) {
		buf_add(&folder, judge->prefix, strlen(judge->prefix) - 1);
		pathspec[0] = folder.ptr;
		diff_opts.pathspec.strings = pathspec;
		diff_opts.pathspec.count = 1;
	}

	error = git_diff_tree_to_tree(&diff, judge->repo, old_tree, new_tree,
	    &diff_opts);
	if (error < 0) {
		error = error_from_git(error, "cannot compare trees");
		goto done;
	}
	find_opts.flags = GIT_DIFF_FIND_RENAMES;
	error = git_diff_find_similar(diff, &find_opts);
	if (error < 0) {
		error = error_from_git(error, "cannot detect renames");
		goto done;
	}

	count = git_diff_num_deltas(diff);
	for (size_t i = 0; i < count; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		const char *old_path = relative_path(judge, d->old_file.path);
		const char *new_path = relative_path(judge, d->new_file.path);

		switch (d->status) {
		case GIT_DELTA_RENAMED:
			if (new_path)
				touched_add(out, new_path, old_path, d->status,
				    0);
			if (old_path)
				touched_add(out, old_path, new_path, d->status,
				    1);
			break;
		case GIT_DELTA_DELETED:
			if (old_path)
				touched_add(out, old_path, NULL, d->status, 1);
			break;
		case GIT_DELTA_UNMODIFIED:
		case GIT_DELTA_IGNORED:
		case GIT_DELTA_UNTRACKED:
		case GIT_DELTA_UNREADABLE:
			break;
		default:
			if (new_path)
				touched_add(out, new_path, NULL, d->status, 0);
			break;
		}
	}

done:
	git_diff_free(diff);
	buf_release(&folder);
	return error;
}

static int
compare_touched(const void *a, const void *b)
{
	const struct touched *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	return c ? c : x->is_old - y->is_old;
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Lists what a commit whose tree is `tree` changes beyond the `count`
 * trees in `parents` (none for a root commit). With several parents, a
 * path is touched only when it differs from every one of them: a file
 * taken unchanged from one side was judged on that side's commits already.
 */
static int
touched_paths(struct judge *judge, git_tree *tree, git_tree *const *parents,
    size_t count, struct touched_list *out)
{
	struct touched_list other = { NULL, 0, 0 };
	struct strvec paths = STRVEC_INIT;
	int error = 0;

	for (size_t i = 0; i < (count ? count : 1); i++) {
		error = diff_trees(judge, count ? parents[i] : NULL, tree,
		    i == 0 ? out : &other);
		if (error < 0)
			goto done;

		/* Keep the paths of the first diff that this one has too. */
		if (i > 0) {
			size_t kept = 0;

			for (size_t j = 0; j < other.count; j++)
				strvec_push(&paths, other.items[j].path);
			strvec_sort(&paths);
			for (size_t j = 0; j < out->count; j++) {
				const char *key = out->items[j].path;

				if (paths.count && bsearch(&key, paths.items,
				    paths.count, sizeof(*paths.items),
				    compare_strings)) {
					out->items[kept++] = out->items[j];
				} else {
					free(out->items[j].path);
					free(out->items[j].other);
				}
			}
			out->count = kept;
			strvec_clear(&paths);
			touched_list_clear(&other);
		}
	}
	if (out->count > 1)
		qsort(out->items, out->count, sizeof(*out->items),
		    compare_touched);

done:
	touched_list_clear(&other);
	strvec_clear(&paths);
	return error;
}

/* Whether `path` is a change record: a Markdown file under changes/. */
static int
is_change_record(const char *path)
{
	size_t len = strlen(path);

	return strncmp(path, HISTORY_CHANGES_FOLDER "/",
	    sizeof(HISTORY_CHANGES_FOLDER)) == 0 &&
	    len > 3 && strcmp(path + len - 3, ".md") == 0;
}

/*
 * A planning commit only adds, edits or renames change records, so it
 * needs no trailer: approving a change is such a commit.
 */
static int
is_planning(const struct touched *const *controlled, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		const struct touched *t = controlled[i];

		if (t->status == GIT_DELTA_DELETED ||
		    !is_change_record(t->path))
			return 0;
		if (t->other && !is_change_record(t->other))
			return 0;
	}
	return 1;
}

/* "modifies 'x'", "renames 'a' to 'b'", for messages. */
static void
describe_touch(struct buf *out, const struct touched *t)
{
	switch (t->status) {
	case GIT_DELTA_ADDED:
	case GIT_DELTA_COPIED:
		buf_printf(out, "adds '%s'", t->path);
		break;
	case GIT_DELTA_DELETED:
		buf_printf(out, "deletes '%s'", t->path);
		break;
	case GIT_DELTA_RENAMED:
		if (!t->other)
			buf_printf(out, "renames '%s'", t->path);
		else if (t->is_old)
			buf_printf(out, "renames '%s' to '%s'", t->path,
			    t->other);
		else
			buf_printf(out, "renames '%s' to '%s'", t->other,
			    t->path);
		break;
	case GIT_DELTA_TYPECHANGE:
		buf_printf(out, "changes the file type of '%s'", t->path);
		break;
	default:
		buf_printf(out, "modifies '%s'", t->path);
		break;
	}
}

static void
join_scope(struct buf *out, const struct history_change *info)
{
	if (!info->scope.count) {
		buf_puts(out, "no scope");
		return;
	}
	for (size_t i = 0; i < info->scope.count; i++)
		buf_printf(out, "%s%s", i ? ", " : "", info->scope.items[i]);
}

/* A named change that may be implemented by the commit. */
struct admitted {
	const char *id;
	const struct history_change *info;	/* its scope counts */
	const struct history_change *approval;	/* names its approver */
};

/*
 * Finds the commit that first recorded change `id` as approved (or
 * later), for rule 7: walks, oldest first, the commits up to the range end
 * that the parents of `commit` do not reach, `commit` itself included.
 * Sets *out to NULL when none did; free *out with git_commit_free().
 */
static int
find_approving_commit(git_commit **out, struct judge *judge,
    const git_commit *commit, const char *id)
{
	git_revwalk *walk = NULL;
	git_commit *candidate = NULL;
	git_tree *tree = NULL;
	git_oid next;
	int error;

	*out = NULL;
	if (!judge->tip)
		return 0;
	error = git_revwalk_new(&walk, judge->repo);
	if (error < 0) {
		error = error_from_git(error, "cannot walk the history");
		goto done;
	}
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME |
	    GIT_SORT_REVERSE);
	if (judge->opts->first_parent)
		git_revwalk_simplify_first_parent(walk);
	error = git_revwalk_push(walk, git_commit_id(judge->tip));
	for (unsigned int i = 0; error >= 0 &&
	    i < git_commit_parentcount(commit); i++)
		error = git_revwalk_hide(walk, git_commit_parent_id(commit, i));
	if (error < 0) {
		error = error_from_git(error, "cannot walk the history");
		goto done;
	}

	for (;;) {
		const struct history_change_set *set = NULL;
		const struct history_change *info;

		error = git_revwalk_next(&next, walk);
		if (error == GIT_ITEROVER) {
			error = 0;
			break;
		}
		if (error < 0) {
			error = error_from_git(error, "cannot walk the "
			    "history");
			goto done;
		}
		error = git_commit_lookup(&candidate, judge->repo, &next);
		if (error >= 0)
			error = git_commit_tree(&tree, candidate);
		if (error < 0) {
			error = error_from_git(error, "cannot read commit "
			    "'%s'", git_oid_tostr_s(&next));
			goto done;
		}
		error = history_change_set(&set, judge->history, tree);
		if (error < 0)
			goto done;
		git_tree_free(tree);
		tree = NULL;

		info = history_change_set_find(set, id);
		if (info && info->has_status &&
		    change_status_is_approved(info->status)) {
			*out = candidate;
			candidate = NULL;
			break;
		}
		git_commit_free(candidate);
		candidate = NULL;
	}

done:
	git_tree_free(tree);
	git_commit_free(candidate);
	git_revwalk_free(walk);
	return error;
}

/*
 * Rule 7 for an emergency change that the end of the range shows approved:
 * whether `approving`, the commit that recorded the approval (NULL when
 * none was found), and the record's approved_on both come by `deadline`.
 * Returns 1 when they do, else 0 after a finding.
 */
static int
judge_approval_time(struct judge *judge, const struct commit_meta *meta,
    const char *id, const struct history_change *latest,
    const git_commit *approving, int deadline)
{
	static const char fix[] = "approve emergency changes within the time "
	    "isms.yaml sets in emergency_approval_within; the date of the "
	    "commit that records the approval counts, not approved_on";
	char deadline_text[11], approved_text[11], commit_text[11];
	char hex[GIT_OID_HEXSZ + 1];
	int approved_day;

	date_format(deadline, deadline_text);
	if (latest->has_approved_on && latest->approved_on > deadline) {
		date_format(latest->approved_on, approved_text);
		add_finding(judge, meta, "change-emergency-unapproved",
		    DIAG_ERROR, NULL, id, fix, "emergency change '%s' was "
		    "approved on %s, after the deadline %s", id, approved_text,
		    deadline_text);
		return 0;
	}
	if (!approving)
		return 1;

	approved_day = history_commit_day(approving);
	if (approved_day <= deadline)
		return 1;

	date_format(approved_day, commit_text);
	git_oid_tostr(hex, sizeof(hex), git_commit_id(approving));
	if (latest->has_approved_on) {
		date_format(latest->approved_on, approved_text);
		add_finding(judge, meta, "change-emergency-unapproved",
		    DIAG_ERROR, NULL, id, fix, "emergency change '%s' was "
		    "approved by commit %.8s on %s, after the deadline %s "
		    "(its approved_on %s is earlier than that commit)", id,
		    hex, commit_text, deadline_text, approved_text);
	} else {
		add_finding(judge, meta, "change-emergency-unapproved",
		    DIAG_ERROR, NULL, id, fix, "emergency change '%s' was "
		    "approved by commit %.8s on %s, after the deadline %s",
		    id, hex, commit_text, deadline_text);
	}
	return 0;
}

/*
 * Rule 7: an emergency change may be implemented before it is approved,
 * but must be approved within emergency_approval_within of the commit.
 * The window starts at the commit date, or today when the commit claims a
 * later date. The change counts as approved when the record at the end of
 * the range is approved, on the date of the commit that first recorded
 * the approval. approved_on is text anyone can backdate, so it can only
 * make an approval late, never timely. Returns 1 when the change is
 * admitted, 0 after a finding, or a negative error.
 */
static int
judge_emergency(struct judge *judge, const struct commit_meta *meta,
    const struct history_policy *policy, const char *id,
    const struct history_change *latest)
{
	char deadline_text[11];
	git_commit *approving = NULL;
	int start, deadline, error;

	if (!policy->has_emergency_window) {
		add_finding(judge, meta, "change-not-approved", DIAG_ERROR,
		    NULL, id, "set change_control.emergency_approval_within in "
		    "isms.yaml to allow emergency changes, or approve the "
		    "change before implementing it",
		    "commit names emergency change '%s', which was not "
		    "approved in the parent commit, and isms.yaml sets no "
		    "emergency_approval_within", id);
		return 0;
	}

	start = meta->days < judge->opts->today ? meta->days :
	    judge->opts->today;
	deadline = date_add(start, &policy->emergency_window);
	date_format(deadline, deadline_text);
	if (latest->has_status && change_status_is_approved(latest->status)) {
		error = find_approving_commit(&approving, judge, meta->commit,
		    id);
		if (error < 0)
			return error;
		error = judge_approval_time(judge, meta, id, latest, approving,
		    deadline);
		git_commit_free(approving);
		return error;
	}

	if (judge->opts->today <= deadline)
		add_finding(judge, meta, "change-emergency-unapproved",
		    DIAG_WARNING, NULL, id, "have the change approved "
		    "(status 'approved', approved_by, approved_on) in time",
		    "emergency change '%s' is not approved yet; it must be "
		    "approved by %s", id, deadline_text);
	else
		add_finding(judge, meta, "change-emergency-unapproved",
		    DIAG_ERROR, NULL, id, "record the approval of the "
		    "change, and review why it came late",
		    "emergency change '%s' was not approved by the deadline "
		    "%s", id, deadline_text);
	return 0;
}

/*
 * Rules 2, 4 and 7 for one named change. Returns 1 when the commit may
 * implement it, filling *admitted: its scope then counts for rule 3, and
 * its approver for rule 5. Returns 0 after a finding, or a negative error.
 */
static int
judge_named_change(struct judge *judge, const struct commit_meta *meta,
    const struct history_policy *policy,
    const struct history_change_set *before, const char *id,
    struct admitted *admitted)
{
	const struct history_change *info = history_change_set_find(before,
	    id);
	const struct history_change *latest = NULL;
	const struct history_change_set *tip = NULL;
	struct buf fix = BUF_INIT;
	int error;

	admitted->id = id;
	admitted->info = NULL;
	admitted->approval = NULL;
	if (info && info->has_status &&
	    (info->status == CHANGE_APPROVED ||
	    info->status == CHANGE_IMPLEMENTING)) {
		admitted->info = info;
		admitted->approval = info;
		return 1;
	}
	if (info && info->has_status && change_status_is_closed(info->status)) {
		add_finding(judge, meta, "change-closed", DIAG_ERROR, NULL, id,
		    "plan and approve a new change for this work, and name it "
		    "in the trailer",
		    "commit names change '%s', which was already '%s' in the "
		    "parent commit", id, change_status_name(info->status));
		return 0;
	}

	/* An emergency change shows as one in the parent or, if it was
	 * written in the same commit, at the end of the range. */
	error = tip_change_set(judge, &tip);
	if (error < 0)
		return error;
	latest = history_change_set_find(tip, id);
	if ((info && info->type == CHANGE_EMERGENCY) ||
	    (!info && latest && latest->type == CHANGE_EMERGENCY)) {
		error = judge_emergency(judge, meta, policy, id,
		    latest ? latest : info);
		if (error == 1) {
			/* Admitted only once approved in time, at the end. */
			admitted->info = info ? info : latest;
			admitted->approval = latest;
		}
		return error;
	}

	buf_printf(&fix, "have %s approved (status 'approved', approved_by, "
	    "approved_on) in a commit before the one that implements it", id);
	if (!info)
		add_finding(judge, meta, "change-not-approved", DIAG_ERROR,
		    NULL, id, fix.ptr, "commit names change '%s', which did "
		    "not exist in the parent commit", id);
	else if (!info->has_status)
		add_finding(judge, meta, "change-not-approved", DIAG_ERROR,
		    NULL, id, fix.ptr, "commit names change '%s', which had "
		    "no valid status in the parent commit", id);
	else
		add_finding(judge, meta, "change-not-approved", DIAG_ERROR,
		    NULL, id, fix.ptr, "commit names change '%s', which was "
		    "'%s' in the parent commit, not approved", id,
		    change_status_name(info->status));
	buf_release(&fix);
	return 0;
}

/* Whether `path` is inside the scope of one of the admitted changes. */
static int
in_scope(const struct admitted *admitted, size_t count, const char *path)
{
	for (size_t i = 0; i < count; i++) {
		const struct history_change *info = admitted[i].info;

		/* A commit may always update the records it names. */
		if (is_change_record(path) &&
		    glob_scope_match(admitted[i].id, path))
			return 1;
		for (size_t j = 0; j < info->scope.count; j++)
			if (glob_scope_match(info->scope.items[j], path))
				return 1;
	}
	return 0;
}

/* Rule 3, once per controlled path outside every admitted scope. */
static void
judge_scope(struct judge *judge, const struct commit_meta *meta,
    const struct touched *const *controlled, size_t controlled_count,
    const struct admitted *admitted, size_t admitted_count)
{
	struct buf what = BUF_INIT;
	struct buf scopes = BUF_INIT;
	struct buf fix = BUF_INIT;

	for (size_t i = 0; i < admitted_count; i++) {
		buf_printf(&scopes, "%s%s (", i ? "; " : "", admitted[i].id);
		join_scope(&scopes, admitted[i].info);
		buf_putc(&scopes, ')');
	}

	for (size_t i = 0; i < controlled_count; i++) {
		const struct touched *t = controlled[i];

		if (in_scope(admitted, admitted_count, t->path))
			continue;
		buf_reset(&what);
		describe_touch(&what, t);
		buf_reset(&fix);
		buf_printf(&fix, "add '%s' to the scope of %s and have it "
		    "approved again, or name a change whose scope covers it",
		    t->path, admitted[0].id);
		add_finding(judge, meta, "change-out-of-scope", DIAG_ERROR,
		    t->path, admitted_count == 1 ? admitted[0].id : NULL,
		    fix.ptr, "commit %s, but '%s' is outside the scope of %s",
		    what.ptr, t->path, scopes.ptr);
	}

	buf_release(&what);
	buf_release(&scopes);
	buf_release(&fix);
}

/* "an" before a trailer key that starts with a vowel ("an 'ISMS-Change:'"). */
static const char *
article(const char *word)
{
	return strchr("AEIOUaeiou", word[0]) && word[0] ? "an" : "a";
}

/*
 * The person `approval->approved_by` names, for rule 5, after checking
 * that they hold the change-approver role. Returns NULL after a
 * change-approver-unknown finding when no person can be found. `path` is
 * the record's path for findings on the approving commit, else NULL.
 */
static const struct person *
find_approver(struct judge *judge, const struct commit_meta *meta,
    const struct history_policy *policy, const char *id,
    const struct history_change *approval, const char *path)
{
	const struct person *person;
	struct buf fix = BUF_INIT;

	if (!approval->approved_by) {
		add_finding(judge, meta, "change-approver-unknown", DIAG_ERROR,
		    path, id, "record the approver in approved_by, a key of "
		    "people in isms.yaml",
		    "change '%s' is '%s' but names no approver in approved_by, "
		    "so segregation of duties cannot be checked", id,
		    change_status_name(approval->status));
		return NULL;
	}

	person = config_find_person(&policy->config, approval->approved_by);
	if (!person) {
		add_finding(judge, meta, "change-approver-unknown", DIAG_ERROR,
		    path, id, "name a person of isms.yaml in approved_by, or "
		    "add the approver to people with their e-mail addresses "
		    "and the change-approver role",
		    "approver '%s' of change '%s' is not a person in isms.yaml",
		    approval->approved_by, id);
		return NULL;
	}

	if (!person_has_role(person, ROLE_CHANGE_APPROVER)) {
		buf_printf(&fix, "have a person with the '%s' role approve the "
		    "change, or give '%s' that role in isms.yaml",
		    ROLE_CHANGE_APPROVER, person->key);
		add_finding(judge, meta, "change-approver-role", DIAG_ERROR,
		    path, id, fix.ptr, "approver '%s' of change '%s' does not "
		    "hold the '%s' role", person->key, id,
		    ROLE_CHANGE_APPROVER);
	}
	buf_release(&fix);
	return person;
}

/*
 * Rule 5 on an implementing commit: the change's approver holds the
 * change-approver role and is not the commit's author.
 */
static void
judge_implementer(struct judge *judge, const struct commit_meta *meta,
    const struct history_policy *policy, const struct admitted *admitted)
{
	struct history_author author;
	const struct person *approver;

	approver = find_approver(judge, meta, policy, admitted->id,
	    admitted->approval, NULL);
	if (!approver)
		return;

	history_author(&author, judge->history, meta->commit,
	    &policy->config);
	if (history_author_is(&author, approver))
		add_finding(judge, meta, "change-self-approved", DIAG_ERROR,
		    NULL, admitted->id, "have someone other than the approver "
		    "make the change, or have another change approver approve "
		    "it",
		    "commit implements change '%s', but its author <%s> is "
		    "'%s', who approved the change", admitted->id,
		    author.email, approver->key);
}

/* Applies rules 1 to 5 and 7 to the controlled paths a commit touches. */
static int
judge_touches(struct judge *judge, const struct commit_meta *meta,
    const struct history_policy *policy,
    const struct history_change_set *before,
    const struct touched *const *controlled, size_t controlled_count)
{
	struct strvec ids = STRVEC_INIT;
	struct admitted *admitted = NULL;
	size_t admitted_count = 0;
	struct buf fix = BUF_INIT;
	int error;

	error = history_trailer_ids(&ids, meta->commit, policy->trailer);
	if (error < 0)
		goto done;

	if (!ids.count) {
		buf_printf(&fix, "plan the change in a change record under "
		    "changes/, have it approved, then end the commit message "
		    "with %s '%s: CHG-NNN' trailer", article(policy->trailer),
		    policy->trailer);
		if (controlled_count == 1)
			add_finding(judge, meta, "change-no-trailer",
			    DIAG_ERROR, controlled[0]->path, NULL, fix.ptr,
			    "commit touches controlled path '%s' but names "
			    "no change in %s '%s:' trailer",
			    controlled[0]->path, article(policy->trailer),
			    policy->trailer);
		else
			add_finding(judge, meta, "change-no-trailer",
			    DIAG_ERROR, controlled[0]->path, NULL, fix.ptr,
			    "commit touches controlled path '%s' and %zu "
			    "more but names no change in %s '%s:' trailer",
			    controlled[0]->path, controlled_count - 1,
			    article(policy->trailer), policy->trailer);
		goto done;
	}

	admitted = xcalloc(ids.count, sizeof(*admitted));
	for (size_t i = 0; i < ids.count; i++) {
		error = judge_named_change(judge, meta, policy, before,
		    ids.items[i], &admitted[admitted_count]);
		if (error < 0)
			goto done;
		if (error == 1)
			admitted_count++;
	}
	error = 0;

	if (admitted_count)
		judge_scope(judge, meta, controlled, controlled_count, admitted,
		    admitted_count);
	if (policy->segregation_of_duties)
		for (size_t i = 0; i < admitted_count; i++)
			judge_implementer(judge, meta, policy, &admitted[i]);

done:
	free(admitted);
	strvec_clear(&ids);
	buf_release(&fix);
	return error;
}

/*
 * Rule 5 on a commit that records an approval: the approver holds the
 * change-approver role and is the commit's author, matched by e-mail.
 */
static void
judge_approval(struct judge *judge, const struct commit_meta *meta,
    const struct history_policy *policy,
    const struct history_change_entry *entry)
{
	const struct history_change *change = entry->change;
	struct history_author author;
	const struct person *approver;
	struct buf fix = BUF_INIT;

	approver = find_approver(judge, meta, policy, change->id, change,
	    entry->path);
	if (!approver)
		return;

	history_author(&author, judge->history, meta->commit,
	    &policy->config);
	if (history_author_is(&author, approver))
		return;

	buf_printf(&fix, "have '%s' commit the approval, so that the history "
	    "shows who approved", approver->key);
	if (!author.person)
		add_finding(judge, meta, "change-approver-unknown", DIAG_ERROR,
		    entry->path, change->id, "add the author's e-mail address "
		    "to their person in isms.yaml (or map it in .mailmap), and "
		    "have the approver commit the approval",
		    "commit records the approval of change '%s' by '%s', but "
		    "its author <%s> matches no person in isms.yaml",
		    change->id, approver->key, author.email);
	else
		add_finding(judge, meta, "change-approver-not-author",
		    DIAG_ERROR, entry->path, change->id, fix.ptr,
		    "commit records the approval of change '%s' by '%s', but "
		    "its author is '%s'", change->id, approver->key,
		    author.person->key);
	buf_release(&fix);
}

static int
same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Whether two lists differ as sets: order and repeats do not count. */
static int
set_differs(const struct strvec *a, const struct strvec *b)
{
	struct strvec x = STRVEC_INIT, y = STRVEC_INIT;
	size_t i = 0, j = 0;
	int differs = 0;

	for (size_t k = 0; k < a->count; k++)
		if (strvec_find(&x, a->items[k]) < 0)
			strvec_push(&x, a->items[k]);
	for (size_t k = 0; k < b->count; k++)
		if (strvec_find(&y, b->items[k]) < 0)
			strvec_push(&y, b->items[k]);
	strvec_sort(&x);
	strvec_sort(&y);
	if (x.count != y.count)
		differs = 1;
	for (i = 0, j = 0; !differs && i < x.count; i++, j++)
		if (strcmp(x.items[i], y.items[j]) != 0)
			differs = 1;
	strvec_clear(&x);
	strvec_clear(&y);
	return differs;
}

/*
 * Rule 6: names in `out` the parts of an approved change's substance that
 * differ between `before` and `after`: the considerations of clause 6.3,
 * the scope, the records it affects and its type. Returns how many.
 */
static int
substance_changes(struct buf *out, const struct history_change *before,
    const struct history_change *after)
{
	const char *names[8];
	int count = 0;

	if (!same_text(before->purpose, after->purpose))
		names[count++] = "purpose";
	if (!same_text(before->consequences, after->consequences))
		names[count++] = "consequences";
	if (!same_text(before->integrity, after->integrity))
		names[count++] = "integrity";
	if (!same_text(before->resources, after->resources))
		names[count++] = "resources";
	if (!same_text(before->responsibilities, after->responsibilities))
		names[count++] = "responsibilities";
	if (set_differs(&before->scope, &after->scope))
		names[count++] = "scope";
	if (set_differs(&before->affects, &after->affects))
		names[count++] = "affects list";
	if (before->type != after->type)
		names[count++] = before->type == CHANGE_NORMAL ?
		    "type (normal to emergency)" :
		    "type (emergency to normal)";
	for (int i = 0; i < count; i++)
		buf_printf(out, "%s%s", i == 0 ? "" : i == count - 1 ?
		    " and " : ", ", names[i]);
	return count;
}

/*
 * Rules 5 and 6 for the change records a commit adds or edits: those whose
 * version differs from the one in every parent in `before`. A change is
 * approved by the commit when it is approved or later there and no parent
 * had it approved by the same person.
 */
static int
judge_records(struct judge *judge, const struct commit_meta *meta,
    const struct history_policy *policy, git_tree *tree,
    const struct history_change_set *const *before, size_t count)
{
	const struct history_change_set *now = NULL;
	struct buf what = BUF_INIT;
	int error;

	error = history_change_set(&now, judge->history, tree);
	if (error < 0)
		return error;

	for (size_t i = 0; i < now->count; i++) {
		const struct history_change_entry *entry = &now->entries[i];
		const struct history_change *change = entry->change;
		const struct history_change *frozen = NULL;
		int unchanged = 0, approved_before = 0;

		for (size_t p = 0; p < count && !unchanged; p++)
			unchanged = history_change_set_has(before[p], change);
		if (unchanged)
			continue;

		for (size_t p = 0; p < count; p++) {
			const struct history_change *old =
			    history_change_set_find(before[p], change->id);

			if (!old || !old->has_status ||
			    !change_status_is_approved(old->status))
				continue;
			if (same_text(old->approved_by, change->approved_by))
				approved_before = 1;
			buf_reset(&what);
			if (!frozen && !(change->has_status &&
			    change->status == CHANGE_PROPOSED) &&
			    substance_changes(&what, old, change))
				frozen = old;
		}

		if (frozen) {
			buf_reset(&what);
			substance_changes(&what, frozen, change);
			add_finding(judge, meta, "change-frozen-edited",
			    DIAG_ERROR, entry->path, change->id, "set the "
			    "status back to 'proposed' in the commit that "
			    "edits the change, and have it approved again",
			    "commit edits the %s of change '%s', which was "
			    "already '%s' in the parent commit, without "
			    "setting its status back to 'proposed'", what.ptr,
			    change->id, change_status_name(frozen->status));
		}

		if (policy->segregation_of_duties && change->has_status &&
		    change_status_is_approved(change->status) &&
		    !approved_before)
			judge_approval(judge, meta, policy, entry);
	}
	buf_release(&what);
	return 0;
}

/*
 * The parents a commit is compared with. With --first-parent only the
 * first. A merge is not compared with a parent left out by a `since`
 * date, because that parent's commits were never judged: what the merge
 * takes from it is judged on the merge. Committer dates are set by the
 * committer, so a date alone must not exempt anything merged later.
 */
struct parents {
	git_commit **commits;
	git_tree **trees;
	size_t count;
	git_tree *first_tree;		/* the first parent's; NULL for a root */
	git_commit *first;
};

static void
parents_release(struct parents *parents)
{
	for (size_t i = 0; i < parents->count; i++) {
		git_tree_free(parents->trees[i]);
		git_commit_free(parents->commits[i]);
	}
	free(parents->trees);
	free(parents->commits);
	git_tree_free(parents->first_tree);
	git_commit_free(parents->first);
	memset(parents, 0, sizeof(*parents));
}

static unsigned int
walked_parent_count(const struct judge *judge, const git_commit *commit)
{
	unsigned int count = git_commit_parentcount(commit);

	return judge->opts->first_parent && count > 1 ? 1 : count;
}

static int
load_parents(struct parents *out, struct judge *judge, git_commit *commit)
{
	unsigned int count = walked_parent_count(judge, commit);
	const char *hex = git_oid_tostr_s(git_commit_id(commit));
	int error = 0;

	memset(out, 0, sizeof(*out));
	if (!count)
		return 0;

	error = git_commit_parent(&out->first, commit, 0);
	if (error >= 0)
		error = git_commit_tree(&out->first_tree, out->first);
	if (error < 0)
		return error_from_git(error, "cannot read the parent of "
		    "commit '%s'", hex);

	out->commits = xcalloc(count, sizeof(*out->commits));
	out->trees = xcalloc(count, sizeof(*out->trees));
	for (unsigned int i = 0; i < count; i++) {
		const git_oid *id = git_commit_parent_id(commit, i);

		if (count > 1 && oidmap_get(&judge->skipped, id))
			continue;
		error = git_commit_parent(&out->commits[out->count], commit,
		    i);
		if (error >= 0)
			error = git_commit_tree(&out->trees[out->count],
			    out->commits[out->count]);
		if (error < 0) {
			git_commit_free(out->commits[out->count]);
			out->commits[out->count] = NULL;
			return error_from_git(error, "cannot read parent %u "
			    "of commit '%s'", i + 1, hex);
		}
		out->count++;
	}

	/* Every parent left out by the date: compare with the first. */
	if (!out->count) {
		error = git_commit_parent(&out->commits[0], commit, 0);
		if (error >= 0)
			error = git_commit_tree(&out->trees[0],
			    out->commits[0]);
		if (error < 0)
			return error_from_git(error, "cannot read the parent "
			    "of commit '%s'", hex);
		out->count = 1;
	}
	return 0;
}

/*
 * Whether `when` lies after the end of day `today` in every time zone
 * (midnight at UTC-12), so a commit made a few hours ahead of the clock
 * that sets `today`, in another zone, does not count as future.
 */
static int
is_after_today(const git_time *when, int today)
{
	int64_t end = ((int64_t)today + 1) * 86400 + 12 * 3600;

	return (int64_t)when->time > end;
}

/*
 * Reports a commit dated after today. Its committer (or author) set the
 * date, so it is either tampering, for example to stretch an emergency
 * deadline, or a wrong clock. Either way the dates that rule 7 and
 * `since` read cannot be trusted.
 */
static void
judge_commit_dates(struct judge *judge, const struct commit_meta *meta)
{
	const git_signature *committer = git_commit_committer(meta->commit);
	const git_signature *author = git_commit_author(meta->commit);
	const git_signature *late = NULL;
	const char *which = NULL;
	char date[11], today[11];

	if (judge->opts->skip_future_dates)
		return;
	if (committer && is_after_today(&committer->when, judge->opts->today)) {
		late = committer;
		which = "commit date";
	} else if (author && is_after_today(&author->when,
	    judge->opts->today)) {
		late = author;
		which = "author date";
	}
	if (!late)
		return;

	date_format(history_time_day(&late->when), date);
	date_format(judge->opts->today, today);
	add_finding(judge, meta, "change-future-date", DIAG_ERROR, NULL, NULL,
	    "check the clock of the machine that made the commit, and have "
	    "the commit made again with its real date; review why it claims "
	    "a later one",
	    "%s %s is after today (%s); commit dates can be set freely, so a "
	    "future date is treated as tampering or a wrong clock", which,
	    date, today);
}

static int
judge_commit(struct judge *judge, git_commit *commit)
{
	struct commit_meta meta;
	struct touched_list touched = { NULL, 0, 0 };
	struct parents parents;
	const struct touched **controlled = NULL;
	const struct history_change_set **before = NULL;
	const struct history_change_set *first_before = NULL;
	size_t controlled_count = 0;
	const struct history_policy *policy = NULL;
	git_tree *tree = NULL;
	int error;

	memset(&parents, 0, sizeof(parents));
	meta.commit = commit;
	git_oid_tostr(meta.id, sizeof(meta.id), git_commit_id(commit));
	meta.days = history_commit_day(commit);
	date_format(meta.days, meta.date);

	judge_commit_dates(judge, &meta);

	error = git_commit_tree(&tree, commit);
	if (error < 0) {
		error = error_from_git(error, "cannot read the tree of commit "
		    "'%s'", meta.id);
		goto done;
	}
	error = load_parents(&parents, judge, commit);
	if (error < 0)
		goto done;

	/* The first parent's policy, so a commit cannot loosen its own
	 * rules; a root commit has only its own. */
	error = history_policy_for_tree(&policy, judge->history,
	    parents.first_tree ? parents.first_tree : tree);
	if (error < 0)
		goto done;

	/* The records before the commit: a root commit has none. */
	error = history_change_set(&first_before, judge->history,
	    parents.first_tree);
	if (error < 0)
		goto done;
	before = xcalloc(parents.count ? parents.count : 1, sizeof(*before));
	for (size_t i = 0; i < parents.count; i++) {
		error = history_change_set(&before[i], judge->history,
		    parents.trees[i]);
		if (error < 0)
			goto done;
	}

	error = touched_paths(judge, tree, parents.trees, parents.count,
	    &touched);
	if (error < 0)
		goto done;

	controlled = xcalloc(touched.count ? touched.count : 1,
	    sizeof(*controlled));
	for (size_t i = 0; i < touched.count; i++)
		if (policy_controls(policy, touched.items[i].path))
			controlled[controlled_count++] = &touched.items[i];

	if (controlled_count && !is_planning(controlled, controlled_count)) {
		error = judge_touches(judge, &meta, policy, first_before,
		    controlled, controlled_count);
		if (error < 0)
			goto done;
	}

	error = judge_records(judge, &meta, policy, tree, before,
	    parents.count);

done:
	free(before);
	free(controlled);
	touched_list_clear(&touched);
	parents_release(&parents);
	git_tree_free(tree);
	return error;
}

static int
lookup_commit(git_commit **out, git_repository *repo, const git_oid *id,
    const char *what)
{
	int error = git_commit_lookup(out, repo, id);

	if (error < 0)
		return error_from_git(error, "cannot read the commit of %s",
		    what);
	return 0;
}

/*
 * Pushes the range onto the walk and remembers its end. Fails with a hint
 * on fetching history when a revision is missing.
 */
static int
push_range(struct judge *judge, git_revwalk *walk)
{
	const char *range = judge->opts->range;
	git_revspec spec;
	git_object *to = NULL;
	git_object *from = NULL;
	int error;

	memset(&spec, 0, sizeof(spec));
	if (!range) {
		/* Only a repository with no commit yet has nothing to judge. */
		if (git_repository_head_unborn(judge->repo) == 1)
			return 0;
		error = git_revwalk_push_head(walk);
		if (error < 0)
			return error_from_git(error, "cannot walk from HEAD");
		error = git_revparse_single(&to, judge->repo, "HEAD^{commit}");
		if (error < 0)
			return error_from_git(error, "cannot read HEAD");
		judge->tip = (git_commit *)to;
		return 0;
	}

	error = git_revparse(&spec, judge->repo, range);
	if (error < 0) {
		error = error_from_git(error, "revision range '%s' not found",
		    range);
		error_set_hint("%s", fetch_hint);
		goto done;
	}
	if (spec.flags & GIT_REVSPEC_MERGE_BASE) {
		error = error_set(ISMS_EUSAGE, "symmetric range '%s' is not "
		    "supported; use A..B", range);
		goto done;
	}

	if (spec.flags & GIT_REVSPEC_RANGE) {
		error = git_object_peel(&to, spec.to, GIT_OBJECT_COMMIT);
		if (error >= 0)
			error = git_object_peel(&from, spec.from,
			    GIT_OBJECT_COMMIT);
	} else {
		error = git_object_peel(&to, spec.from, GIT_OBJECT_COMMIT);
	}
	if (error < 0) {
		error = error_from_git(error, "revision range '%s' does not "
		    "name commits", range);
		goto done;
	}

	error = git_revwalk_push(walk, git_object_id(to));
	if (error >= 0 && from)
		error = git_revwalk_hide(walk, git_object_id(from));
	if (error < 0) {
		error = error_from_git(error, "cannot walk range '%s'", range);
		error_set_hint("%s", fetch_hint);
		goto done;
	}
	error = lookup_commit(&judge->tip, judge->repo, git_object_id(to),
	    "the range end");
	if (error >= 0 && from)
		error = lookup_commit(&judge->base, judge->repo,
		    git_object_id(from), "the range base");

done:
	git_object_free(from);
	git_object_free(to);
	git_object_free(spec.from);
	git_object_free(spec.to);
	return error;
}

/* Appends "range 'A..B'" or "HEAD", the commits under review. */
static void
describe_range(struct buf *out, const struct judge *judge)
{
	if (judge->opts->range)
		buf_printf(out, "range '%s'", judge->opts->range);
	else
		buf_puts(out, "HEAD");
}

/* Whether the range is empty because its end is its base or behind it. */
static int
range_is_empty(const struct judge *judge)
{
	const git_oid *base, *tip;

	if (!judge->base)
		return 0;
	base = git_commit_id(judge->base);
	tip = git_commit_id(judge->tip);
	return git_oid_equal(base, tip) ||
	    git_graph_descendant_of(judge->repo, base, tip) == 1;
}

/*
 * Checks that the `since` commit lies on the history under review. A
 * commit that the range end descends from, or a commit on another branch
 * that shares history with it (a branch forked before `since` and merged
 * later), is fine. A commit after the range end would hide every commit,
 * and one that shares no history with it would hide none. Both stop the
 * check, because each means that `since` names the wrong commit, often
 * one that a rewrite of the history left behind.
 */
static int
check_since_commit(struct judge *judge, const char *since,
    const git_oid *id)
{
	struct buf range = BUF_INIT;
	const git_oid *tip;
	git_oid merge_base;
	int error = 0;

	if (!judge->tip || range_is_empty(judge))
		return 0;
	tip = git_commit_id(judge->tip);
	if (git_oid_equal(id, tip) ||
	    git_graph_descendant_of(judge->repo, tip, id) == 1)
		return 0;

	describe_range(&range, judge);
	if (git_graph_descendant_of(judge->repo, id, tip) == 1) {
		error = error_set(ISMS_EFAIL, "change_control.since '%s' in "
		    "isms.yaml comes after %s, so no commit would be judged",
		    since, range.ptr);
		error_set_hint("set since to a commit that %s contains, or to "
		    "a date", range.ptr);
		goto done;
	}

	error = git_merge_base(&merge_base, judge->repo, id, tip);
	if (error == GIT_ENOTFOUND) {
		git_error_clear();
		error = error_set(ISMS_EFAIL, "change_control.since '%s' in "
		    "isms.yaml shares no history with %s, so it would leave "
		    "out no commit", since, range.ptr);
		error_set_hint("if the history was rewritten, set since to a "
		    "commit of the new history, or to a date");
		goto done;
	}
	if (error < 0)
		error = error_from_git(error, "cannot compare "
		    "change_control.since '%s' with %s", since, range.ptr);

done:
	buf_release(&range);
	return error;
}

/*
 * Applies change_control.since: a date sets the first committer date
 * judged (stored in *since_days), a revision hides it and its ancestors.
 * A date after today, or a revision that would hide every commit or
 * none, stops the check rather than judge nothing in silence.
 */
static int
apply_since(struct judge *judge, git_revwalk *walk, int *since_days,
    int *has_since_days)
{
	const char *since = history_current_policy(judge->history)->since;
	git_object *object = NULL;
	git_object *commit = NULL;
	char today[11];
	int error;

	*has_since_days = 0;
	if (!since)
		return 0;
	if (date_parse(since, since_days) == 0) {
		if (*since_days <= judge->opts->today) {
			*has_since_days = 1;
			return 0;
		}
		date_format(judge->opts->today, today);
		error = error_set(ISMS_EFAIL, "change_control.since '%s' in "
		    "isms.yaml is after today (%s), so no commit would be "
		    "judged", since, today);
		error_set_hint("set since to the first day whose commits "
		    "must be judged, or to a commit id");
		return error;
	}

	error = git_revparse_single(&object, judge->repo, since);
	if (error >= 0)
		error = git_object_peel(&commit, object, GIT_OBJECT_COMMIT);
	if (error < 0) {
		error = error_from_git(error, "change_control.since '%s' in "
		    "isms.yaml is neither a date (YYYY-MM-DD) nor a commit in "
		    "this repository", since);
		error_set_hint("%s", fetch_hint);
		goto done;
	}

	error = check_since_commit(judge, since, git_object_id(commit));
	if (error < 0)
		goto done;
	error = git_revwalk_hide(walk, git_object_id(commit));
	if (error < 0)
		error = error_from_git(error, "cannot leave out the commits "
		    "before change_control.since '%s'", since);

done:
	git_object_free(commit);
	git_object_free(object);
	return error;
}

/*
 * Whether a parent of `commit` was judged in this run. A commit dated
 * before a `since` date is still judged when it is: a date set back on a
 * commit made on top of judged history exempts nothing.
 */
static int
parent_judged(const struct judge *judge, const git_commit *commit)
{
	unsigned int count = walked_parent_count(judge, commit);

	for (unsigned int i = 0; i < count; i++)
		if (oidmap_get(&judge->judged, git_commit_parent_id(commit, i)))
			return 1;
	return 0;
}

int
changes_check(struct changes_result *out, git_repository *repo,
    const char *prefix, const struct changes_options *opts)
{
	struct judge judge;
	git_revwalk *walk = NULL;
	git_commit *commit = NULL;
	git_oid id;
	int since_days = 0, has_since_days = 0;
	int error;

	memset(&judge, 0, sizeof(judge));
	judge.repo = repo;
	judge.prefix = prefix ? prefix : "";
	judge.opts = opts;
	judge.out = out;

	if (git_repository_is_shallow(repo)) {
		error = error_set(ISMS_EFAIL, "cannot prove change control in "
		    "a shallow clone: its history is incomplete");
		error_set_hint("fetch the full history with 'git fetch "
		    "--unshallow' (in CI, check out with 'fetch-depth: 0')");
		goto done;
	}

	error = history_new(&judge.history, repo, judge.prefix, opts->policy,
	    opts->policy_len);
	if (error < 0)
		goto done;

	error = git_revwalk_new(&walk, repo);
	if (error < 0) {
		error = error_from_git(error, "cannot walk the history");
		goto done;
	}
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME |
	    GIT_SORT_REVERSE);
	if (opts->first_parent)
		git_revwalk_simplify_first_parent(walk);

	error = push_range(&judge, walk);
	if (error < 0)
		goto done;
	error = apply_since(&judge, walk, &since_days, &has_since_days);
	if (error < 0)
		goto done;

	for (;;) {
		error = git_revwalk_next(&id, walk);
		if (error == GIT_ITEROVER) {
			error = 0;
			break;
		}
		if (error < 0) {
			error = error_from_git(error, "cannot walk the "
			    "history");
			error_set_hint("%s", fetch_hint);
			goto done;
		}

		error = lookup_commit(&commit, repo, &id, "the history");
		if (error < 0)
			goto done;
		if (has_since_days && history_commit_day(commit) < since_days &&
		    !parent_judged(&judge, commit)) {
			oidmap_put(&judge.skipped, &id, &mark);
			git_commit_free(commit);
			commit = NULL;
			continue;
		}

		oidmap_put(&judge.judged, &id, &mark);
		out->commits_judged++;
		error = judge_commit(&judge, commit);
		if (error < 0)
			goto done;
		git_commit_free(commit);
		commit = NULL;
	}

done:
	git_commit_free(commit);
	git_commit_free(judge.tip);
	git_commit_free(judge.base);
	git_revwalk_free(walk);
	history_free(judge.history);
	oidmap_release(&judge.judged, NULL);
	oidmap_release(&judge.skipped, NULL);
	return error;
}

void
changes_result_release(struct changes_result *result)
{
	for (size_t i = 0; i < result->count; i++) {
		struct changes_finding *f = &result->findings[i];

		free(f->author_name);
		free(f->author_email);
		free(f->subject);
		free(f->message);
		free(f->fix);
		free(f->path);
		free(f->change);
	}
	free(result->findings);
	memset(result, 0, sizeof(*result));
}
