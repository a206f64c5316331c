#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "change.h"
#include "change_log.h"
#include "date.h"
#include "error.h"
#include "history.h"
#include "repo.h"
#include "strvec.h"
#include "xalloc.h"
#include "banned.h"

/* One walk: the history cache, the log being built, and the commit. */
struct walker {
	git_repository *repo;
	struct history *history;
	struct change_log *out;
	/* The record each entry was last seen as, by entry index. */
	const struct history_change_entry **last;
	size_t last_alloc;
};

/* The commit an event is recorded for. */
struct event_source {
	git_commit *commit;
	const struct history_policy *policy;
	char id[GIT_OID_HEXSZ + 1];
	char date[11];
	char time[40];
};

/* "2026-03-01T12:00:00+01:00", the committer time in its own zone. */
static void
format_time(char out[40], const git_time *when)
{
	int64_t local = (int64_t)when->time + (int64_t)when->offset * 60;
	int64_t days = local / 86400;
	int64_t seconds = local % 86400;
	int offset = when->offset < 0 ? -when->offset : when->offset;
	char date[11];

	if (seconds < 0) {
		seconds += 86400;
		days--;
	}
	date_format((int)days, date);
	snprintf(out, 40, "%s" "T%02d:%02d:%02d%c%02d:%02d", date,
	    (int)(seconds / 3600), (int)(seconds / 60 % 60),
	    (int)(seconds % 60), when->offset < 0 ? '-' : '+', offset / 60,
	    offset % 60);
}

/* The entry for `id`, added when it is new. Returns its index. */
static size_t
entry_for(struct walker *walker, const char *id)
{
	struct change_log *log = walker->out;
	struct change_log_entry *entry;

	for (size_t i = 0; i < log->count; i++)
		if (strcmp(log->entries[i].id, id) == 0)
			return i;

	xgrow(&log->entries, &log->alloc, log->count + 1,
	    sizeof(*log->entries));
	xgrow(&walker->last, &walker->last_alloc, log->count + 1,
	    sizeof(*walker->last));
	entry = &log->entries[log->count];
	memset(entry, 0, sizeof(*entry));
	entry->id = xstrdup(id);
	walker->last[log->count] = NULL;
	return log->count++;
}

static void
add_event(struct walker *walker, size_t index,
    const struct event_source *source, enum change_log_event_kind kind,
    const struct history_change *version)
{
	struct change_log_entry *entry = &walker->out->entries[index];
	struct history_author author;
	struct change_log_event *event;
	const char *subject = git_commit_summary(source->commit);

	history_author(&author, walker->history, source->commit,
	    &source->policy->config);

	xgrow(&entry->events, &entry->event_alloc, entry->event_count + 1,
	    sizeof(*entry->events));
	event = &entry->events[entry->event_count++];
	memset(event, 0, sizeof(*event));
	event->kind = kind;
	if (version && version->has_status) {
		event->has_status = 1;
		event->status = version->status;
	}
	memcpy(event->commit, source->id, sizeof(event->commit));
	memcpy(event->date, source->date, sizeof(event->date));
	memcpy(event->time, source->time, sizeof(event->time));
	event->author_name = xstrdup(author.name);
	event->author_email = xstrdup(author.email);
	event->person = author.person ? xstrdup(author.person->key) : NULL;
	event->subject = xstrdup(subject ? subject : "");
}

static int
same_status(const struct history_change *a, const struct history_change *b)
{
	if (a->has_status != b->has_status)
		return 0;
	return !a->has_status || a->status == b->status;
}

/*
 * Records the status events of one commit: a record whose version is new
 * (in no parent) and whose status differs from its status in every
 * parent, and a record deleted from every parent.
 */
static void
record_status_events(struct walker *walker, const struct event_source *source,
    const struct history_change_set *now,
    const struct history_change_set *const *before, size_t count)
{
	for (size_t i = 0; i < now->count; i++) {
		const struct history_change *change = now->entries[i].change;
		int known = 0;
		size_t index;

		for (size_t p = 0; p < count && !known; p++) {
			const struct history_change *old;

			if (history_change_set_has(before[p], change)) {
				known = 1;
				break;
			}
			old = history_change_set_find(before[p], change->id);
			known = old && same_status(old, change);
		}

		/* Duplicate ids: only the first record in tree order counts. */
		if (history_change_set_find(now, change->id) != change)
			continue;
		index = entry_for(walker, change->id);
		walker->last[index] = &now->entries[i];
		if (!known)
			add_event(walker, index, source, CHANGE_LOG_STATUS,
			    change);
	}

	for (size_t p = 0; count && p < before[0]->count; p++) {
		const struct history_change *old = before[0]->entries[p].change;
		int everywhere = 1;

		if (history_change_set_find(before[0], old->id) != old ||
		    history_change_set_find(now, old->id))
			continue;
		for (size_t q = 1; q < count && everywhere; q++)
			everywhere = history_change_set_find(before[q],
			    old->id) != NULL;
		if (everywhere)
			add_event(walker, entry_for(walker, old->id), source,
			    CHANGE_LOG_DELETED, NULL);
	}
}

/* Records the commit for every change its trailer names. */
static int
record_trailer_events(struct walker *walker, const struct event_source *source,
    const struct history_change_set *before)
{
	struct strvec ids = STRVEC_INIT;
	int error;

	error = history_trailer_ids(&ids, source->commit,
	    source->policy->trailer);
	if (error < 0)
		return error;
	for (size_t i = 0; i < ids.count; i++)
		add_event(walker, entry_for(walker, ids.items[i]), source,
		    CHANGE_LOG_TRAILER,
		    history_change_set_find(before, ids.items[i]));
	strvec_clear(&ids);
	return 0;
}

static int
walk_commit(struct walker *walker, git_commit *commit)
{
	unsigned int count = git_commit_parentcount(commit);
	struct event_source source;
	const struct history_change_set **before = NULL;
	const struct history_change_set *now = NULL;
	git_commit *parent = NULL;
	git_tree *tree = NULL;
	git_tree *parent_tree = NULL;
	git_tree *first_tree = NULL;
	int error;

	memset(&source, 0, sizeof(source));
	source.commit = commit;
	git_oid_tostr(source.id, sizeof(source.id), git_commit_id(commit));
	date_format(history_commit_day(commit), source.date);
	format_time(source.time, &git_commit_committer(commit)->when);

	error = git_commit_tree(&tree, commit);
	if (error < 0) {
		error = error_from_git(error, "cannot read the tree of commit "
		    "'%s'", source.id);
		goto done;
	}

	before = xcalloc(count ? count : 1, sizeof(*before));
	for (unsigned int i = 0; i < count; i++) {
		error = git_commit_parent(&parent, commit, i);
		if (error >= 0)
			error = git_commit_tree(&parent_tree, parent);
		if (error < 0) {
			error = error_from_git(error, "cannot read parent %u of "
			    "commit '%s'", i + 1, source.id);
			goto done;
		}
		error = history_change_set(&before[i], walker->history,
		    parent_tree);
		if (error < 0)
			goto done;
		if (i == 0) {
			first_tree = parent_tree;
		} else {
			git_tree_free(parent_tree);
		}
		parent_tree = NULL;
		git_commit_free(parent);
		parent = NULL;
	}

	/* The first parent's policy, as isms changes check reads it. */
	error = history_policy_for_tree(&source.policy, walker->history,
	    first_tree ? first_tree : tree);
	if (error < 0)
		goto done;
	error = history_change_set(&now, walker->history, tree);
	if (error < 0)
		goto done;

	record_status_events(walker, &source, now, before, count);
	error = record_trailer_events(walker, &source, count ? before[0] :
	    now);

done:
	free(before);
	git_tree_free(first_tree);
	git_tree_free(parent_tree);
	git_tree_free(tree);
	git_commit_free(parent);
	return error;
}

/*
 * Fills each entry from the record it was last seen as, and drops the ids
 * that trailers named but no record ever had.
 */
static void
finish_entries(struct walker *walker, const struct history_change_set *tip)
{
	struct change_log *log = walker->out;
	size_t kept = 0;

	for (size_t i = 0; i < log->count; i++) {
		struct change_log_entry entry = log->entries[i];
		const struct history_change_entry *last = walker->last[i];

		if (!last) {
			for (size_t j = 0; j < entry.event_count; j++) {
				free(entry.events[j].author_name);
				free(entry.events[j].author_email);
				free(entry.events[j].person);
				free(entry.events[j].subject);
			}
			free(entry.events);
			free(entry.id);
			continue;
		}

		entry.deleted = !history_change_set_find(tip, entry.id);
		entry.path = xstrdup(last->path);
		entry.title = last->change->title ?
		    xstrdup(last->change->title) : NULL;
		entry.has_status = last->change->has_status;
		entry.status = last->change->status;
		entry.type = last->change->type;
		entry.approved_by = last->change->approved_by ?
		    xstrdup(last->change->approved_by) : NULL;
		log->entries[kept++] = entry;
	}
	log->count = kept;
}

static int
compare_entries(const void *a, const void *b)
{
	const struct change_log_entry *x = a, *y = b;

	return strcmp(x->id, y->id);
}

/* Reads isms.yaml of `commit` into `out`; empty when there is none. */
static int
read_policy_text(struct buf *out, git_repository *repo, const char *prefix,
    git_commit *commit)
{
	struct buf path = BUF_INIT;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	int error;

	error = git_commit_tree(&tree, commit);
	if (error < 0) {
		error = error_from_git(error, "cannot read the tree of the "
		    "last commit");
		goto done;
	}
	buf_printf(&path, "%s%s", prefix, ISMS_CONFIG_FILE);
	error = git_tree_entry_bypath(&entry, tree, path.ptr);
	if (error == GIT_ENOTFOUND) {
		git_error_clear();
		error = 0;
		goto done;
	}
	if (error >= 0)
		error = git_blob_lookup(&blob, repo, git_tree_entry_id(entry));
	if (error < 0) {
		error = error_from_git(error, "cannot read '%s'", path.ptr);
		goto done;
	}
	buf_add(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));

done:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	buf_release(&path);
	return error;
}

int
change_log_build(struct change_log *out, git_repository *repo,
    const char *prefix, const char *rev)
{
	struct walker walker;
	struct buf policy = BUF_INIT;
	git_object *tip = NULL;
	git_revwalk *walk = NULL;
	git_commit *commit = NULL;
	git_tree *tip_tree = NULL;
	const struct history_change_set *tip_set = NULL;
	git_oid id;
	int error;

	memset(&walker, 0, sizeof(walker));
	walker.repo = repo;
	walker.out = out;
	prefix = prefix ? prefix : "";

	if (git_repository_is_shallow(repo)) {
		error = error_set(ISMS_EFAIL, "cannot list the change history "
		    "of a shallow clone: its history is incomplete");
		error_set_hint("fetch the full history with 'git fetch "
		    "--unshallow' (in CI, check out with 'fetch-depth: 0')");
		goto done;
	}

	error = git_revparse_single(&tip, repo, rev ? rev : "HEAD");
	if (error >= 0) {
		git_object *peeled = NULL;

		error = git_object_peel(&peeled, tip, GIT_OBJECT_COMMIT);
		git_object_free(tip);
		tip = peeled;
	}
	if (error < 0) {
		error = error_from_git(error, "revision '%s' not found",
		    rev ? rev : "HEAD");
		goto done;
	}

	error = read_policy_text(&policy, repo, prefix, (git_commit *)tip);
	if (error < 0)
		goto done;
	error = history_new(&walker.history, repo, prefix, policy.ptr,
	    policy.len);
	if (error < 0)
		goto done;

	error = git_revwalk_new(&walk, repo);
	if (error >= 0) {
		git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME |
		    GIT_SORT_REVERSE);
		error = git_revwalk_push(walk, git_object_id(tip));
	}
	if (error < 0) {
		error = error_from_git(error, "cannot walk the history");
		goto done;
	}

	for (;;) {
		error = git_revwalk_next(&id, walk);
		if (error == GIT_ITEROVER) {
			error = 0;
			break;
		}
		if (error >= 0)
			error = git_commit_lookup(&commit, repo, &id);
		if (error < 0) {
			error = error_from_git(error, "cannot walk the "
			    "history");
			goto done;
		}
		out->commits_walked++;
		error = walk_commit(&walker, commit);
		if (error < 0)
			goto done;
		git_commit_free(commit);
		commit = NULL;
	}

	error = git_commit_tree(&tip_tree, (git_commit *)tip);
	if (error < 0) {
		error = error_from_git(error, "cannot read the tree of the "
		    "last commit");
		goto done;
	}
	error = history_change_set(&tip_set, walker.history, tip_tree);
	if (error < 0)
		goto done;

	finish_entries(&walker, tip_set);
	if (out->count > 1)
		qsort(out->entries, out->count, sizeof(*out->entries),
		    compare_entries);

done:
	free(walker.last);
	history_free(walker.history);
	git_tree_free(tip_tree);
	git_commit_free(commit);
	git_revwalk_free(walk);
	git_object_free(tip);
	buf_release(&policy);
	return error;
}

void
change_log_release(struct change_log *log)
{
	for (size_t i = 0; i < log->count; i++) {
		struct change_log_entry *entry = &log->entries[i];

		for (size_t j = 0; j < entry->event_count; j++) {
			free(entry->events[j].author_name);
			free(entry->events[j].author_email);
			free(entry->events[j].person);
			free(entry->events[j].subject);
		}
		free(entry->events);
		free(entry->id);
		free(entry->title);
		free(entry->path);
		free(entry->approved_by);
	}
	free(log->entries);
	memset(log, 0, sizeof(*log));
}
