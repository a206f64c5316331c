#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <git2.h>

#include "buf.h"
#include "change.h"
#include "config.h"
#include "diag.h"
#include "error.h"
#include "frontmatter.h"
#include "history.h"
#include "oidmap.h"
#include "repo.h"
#include "strvec.h"
#include "xalloc.h"
#include "yaml_doc.h"
#include "banned.h"

struct history {
	git_repository *repo;
	const char *prefix;
	struct history_policy *current;	/* owned */
	struct oidmap policies;		/* isms.yaml blob id -> policy */
	struct oidmap changes;		/* record blob id -> history_change */
	struct oidmap change_sets;	/* changes/ tree id -> change set */
	struct history_change_set empty_set;
	git_mailmap *mailmap;
};

static void
policy_free(void *data)
{
	struct history_policy *policy = data;

	if (!policy)
		return;
	strvec_clear(&policy->controlled);
	strvec_clear(&policy->uncontrolled);
	free(policy->trailer);
	free(policy->since);
	config_release(&policy->config);
	free(policy);
}

static void
change_free(void *data)
{
	struct history_change *change = data;

	if (!change)
		return;
	free(change->id);
	free(change->title);
	strvec_clear(&change->scope);
	free(change->purpose);
	free(change->consequences);
	free(change->integrity);
	free(change->resources);
	free(change->responsibilities);
	strvec_clear(&change->affects);
	free(change->approved_by);
	free(change);
}

static void
change_set_free(void *data)
{
	struct history_change_set *set = data;

	if (!set)
		return;
	for (size_t i = 0; i < set->count; i++)
		free(set->entries[i].path);
	free(set->entries);
	free(set);
}

/*
 * Builds the policy from isms.yaml text, with config_parse()'s defaults
 * for keys left out. A file that cannot be read as a whole gives the
 * strictest policy (everything controlled, segregation of duties on, no
 * people): a broken isms.yaml must not switch change control off.
 */
static struct history_policy *
policy_parse(const char *text, size_t len)
{
	struct history_policy *policy = xcalloc(1, sizeof(*policy));
	struct diag_list diags = DIAG_LIST_INIT;
	const struct change_control *cc = &policy->config.change_control;

	if (config_parse(&policy->config, text, len, ISMS_CONFIG_FILE,
	    &diags) < 0) {
		config_release(&policy->config);
		memset(&policy->config, 0, sizeof(policy->config));
		strvec_push(&policy->controlled, "**");
		policy->trailer = xstrdup(HISTORY_DEFAULT_TRAILER);
		policy->segregation_of_duties = 1;
		goto done;
	}

	for (size_t i = 0; i < cc->controlled_count; i++)
		strvec_push(&policy->controlled, cc->controlled[i]);
	for (size_t i = 0; i < cc->uncontrolled_count; i++)
		strvec_push(&policy->uncontrolled, cc->uncontrolled[i]);
	policy->trailer = xstrdup(cc->trailer && *cc->trailer ? cc->trailer :
	    HISTORY_DEFAULT_TRAILER);
	if (cc->since && *cc->since)
		policy->since = xstrdup(cc->since);
	policy->segregation_of_duties = cc->segregation_of_duties;
	if (cc->has_emergency_approval_within) {
		policy->has_emergency_window = 1;
		policy->emergency_window = cc->emergency_approval_within;
	}

done:
	diag_list_release(&diags);
	return policy;
}

int
history_find_entry(git_oid *out, struct history *history,
    const git_tree *tree, const char *name, git_object_t type)
{
	struct buf path = BUF_INIT;
	git_tree_entry *entry = NULL;
	int error;

	buf_printf(&path, "%s%s", history->prefix, name);
	error = git_tree_entry_bypath(&entry, tree, path.ptr);
	if (error == GIT_ENOTFOUND ||
	    (!error && git_tree_entry_type(entry) != type)) {
		git_error_clear();
		error = ISMS_ENOTFOUND;
		goto done;
	}
	if (error < 0) {
		error = error_from_git(error, "cannot read '%s'", path.ptr);
		goto done;
	}
	git_oid_cpy(out, git_tree_entry_id(entry));

done:
	git_tree_entry_free(entry);
	buf_release(&path);
	return error;
}

/*
 * Reads a blob into `out`, at most one byte past YAML_MAX_BYTES: the YAML
 * parser rejects anything longer, so a huge file costs no more memory.
 */
static int
read_blob(struct history *history, const git_oid *id, struct buf *out)
{
	git_blob *blob = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	git_object_size_t size;
	int error;

	error = git_blob_lookup(&blob, history->repo, id);
	if (error < 0) {
		error = error_from_git(error, "cannot read blob '%s'",
		    git_oid_tostr(hex, sizeof(hex), id));
		return error;
	}
	size = git_blob_rawsize(blob);
	if (size > YAML_MAX_BYTES + 1)
		size = YAML_MAX_BYTES + 1;
	buf_reset(out);
	buf_add(out, git_blob_rawcontent(blob), (size_t)size);
	git_blob_free(blob);
	return 0;
}

int
history_policy_for_tree(const struct history_policy **out,
    struct history *history, const git_tree *tree)
{
	struct buf text = BUF_INIT;
	struct history_policy *policy;
	git_oid id;
	int error;

	error = history_find_entry(&id, history, tree, ISMS_CONFIG_FILE,
	    GIT_OBJECT_BLOB);
	if (error == ISMS_ENOTFOUND) {
		*out = history->current;
		return 0;
	}
	if (error < 0)
		return error;

	policy = oidmap_get(&history->policies, &id);
	if (!policy) {
		error = read_blob(history, &id, &text);
		if (error < 0)
			goto done;
		policy = policy_parse(text.ptr, text.len);
		oidmap_put(&history->policies, &id, policy);
	}
	*out = policy;

done:
	buf_release(&text);
	return error;
}

/* A copy of `s` with whitespace runs collapsed and the ends trimmed. */
static char *
normalise_text(const char *s)
{
	struct buf out = BUF_INIT;
	int space = 0;

	if (!s)
		return NULL;
	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			space = 1;
			continue;
		}
		if (space && out.len)
			buf_putc(&out, ' ');
		space = 0;
		buf_putc(&out, *s);
	}
	return buf_detach(&out, NULL);
}

/*
 * Reads what the rules need from one change record. `id` stays NULL when
 * the record has no usable id, so the record joins no change set.
 */
static struct history_change *
change_read(const char *text, size_t len, const char *path)
{
	struct history_change *info = xcalloc(1, sizeof(*info));
	struct diag_list diags = DIAG_LIST_INIT;
	struct schema_ctx ctx = { path, &diags, "change" };
	struct frontmatter fm;
	struct ynode *front = NULL;
	struct change change;
	const struct ynode *node;

	memset(&change, 0, sizeof(change));
	if (frontmatter_find(&fm, text, len, path, &diags) < 0 || !fm.present)
		goto done;
	if (yaml_doc_parse(&front, text + fm.yaml_start, fm.yaml_len, path,
	    fm.yaml_line - 1, &diags) < 0 || front->type != YNODE_MAP)
		goto done;

	node = ynode_get(front, "id");
	if (!node || node->type != YNODE_SCALAR)
		goto done;
	info->id = xstrdup(node->value);
	node = ynode_get(front, "title");
	if (node && node->type == YNODE_SCALAR)
		info->title = xstrdup(node->value);

	change_parse(&change, front, NULL, &ctx);
	info->has_status = change.has_status;
	info->status = change.status;
	info->type = change.type;
	for (size_t i = 0; i < change.scope.count; i++)
		strvec_push(&info->scope, change.scope.nodes[i]->value);
	info->purpose = normalise_text(change.purpose);
	info->consequences = normalise_text(change.consequences);
	info->integrity = normalise_text(change.integrity);
	info->resources = normalise_text(change.resources);
	info->responsibilities = normalise_text(change.responsibilities);
	for (size_t i = 0; i < change.affects.count; i++)
		strvec_push(&info->affects, change.affects.nodes[i]->value);
	if (change.approved_by)
		info->approved_by = xstrdup(change.approved_by);
	info->approved_on = change.approved_on;
	info->has_approved_on = change.has_approved_on;

done:
	change_release(&change);
	ynode_free(front);
	diag_list_release(&diags);
	return info;
}

struct collect_state {
	struct history *history;
	struct history_change_set *set;
	struct buf text;
	struct buf path;
	int error;
};

static int
collect_change(const char *root, const git_tree_entry *entry, void *payload)
{
	struct collect_state *state = payload;
	const char *name = git_tree_entry_name(entry);
	const git_oid *id = git_tree_entry_id(entry);
	struct history_change *info;
	struct history_change_entry *item;
	size_t len = strlen(name);

	if (name[0] == '.')
		return git_tree_entry_type(entry) == GIT_OBJECT_TREE ? 1 : 0;
	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB || len < 3 ||
	    strcmp(name + len - 3, ".md") != 0)
		return 0;

	buf_reset(&state->path);
	buf_printf(&state->path, "%s/%s%s", HISTORY_CHANGES_FOLDER, root,
	    name);

	info = oidmap_get(&state->history->changes, id);
	if (!info) {
		state->error = read_blob(state->history, id, &state->text);
		if (state->error < 0)
			return -1;
		info = change_read(state->text.ptr, state->text.len,
		    state->path.ptr);
		oidmap_put(&state->history->changes, id, info);
	}
	if (!info->id)
		return 0;

	xgrow(&state->set->entries, &state->set->alloc, state->set->count + 1,
	    sizeof(*state->set->entries));
	item = &state->set->entries[state->set->count];
	item->change = info;
	item->path = xstrdup(state->path.ptr);
	item->order = state->set->count++;
	return 0;
}

static int
compare_change_entries(const void *a, const void *b)
{
	const struct history_change_entry *x = a, *y = b;
	int c = strcmp(x->change->id, y->change->id);

	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

int
history_change_set(const struct history_change_set **out,
    struct history *history, const git_tree *tree)
{
	struct collect_state state = { history, NULL, BUF_INIT, BUF_INIT, 0 };
	git_tree *folder = NULL;
	git_oid id;
	int error;

	*out = &history->empty_set;
	if (!tree)
		return 0;
	error = history_find_entry(&id, history, tree, HISTORY_CHANGES_FOLDER,
	    GIT_OBJECT_TREE);
	if (error == ISMS_ENOTFOUND)
		return 0;
	if (error < 0)
		return error;

	state.set = oidmap_get(&history->change_sets, &id);
	if (state.set) {
		*out = state.set;
		return 0;
	}

	error = git_tree_lookup(&folder, history->repo, &id);
	if (error < 0) {
		error = error_from_git(error, "cannot read the changes folder");
		goto done;
	}
	state.set = xcalloc(1, sizeof(*state.set));
	error = git_tree_walk(folder, GIT_TREEWALK_PRE, collect_change, &state);
	if (error < 0) {
		if (state.error < 0)
			error = state.error;
		else
			error = error_from_git(error, "cannot read the changes "
			    "folder");
		change_set_free(state.set);
		goto done;
	}
	if (state.set->count > 1)
		qsort(state.set->entries, state.set->count,
		    sizeof(*state.set->entries), compare_change_entries);
	oidmap_put(&history->change_sets, &id, state.set);
	*out = state.set;

done:
	git_tree_free(folder);
	buf_release(&state.text);
	buf_release(&state.path);
	return error;
}

/* The index of the first entry with `id`, or set->count. */
static size_t
change_set_lower_bound(const struct history_change_set *set, const char *id)
{
	size_t lo = 0, hi = set->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(set->entries[mid].change->id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct history_change *
history_change_set_find(const struct history_change_set *set, const char *id)
{
	size_t i = change_set_lower_bound(set, id);

	if (i < set->count && strcmp(set->entries[i].change->id, id) == 0)
		return set->entries[i].change;
	return NULL;
}

int
history_change_set_has(const struct history_change_set *set,
    const struct history_change *change)
{
	for (size_t i = change_set_lower_bound(set, change->id);
	    i < set->count && strcmp(set->entries[i].change->id,
	    change->id) == 0; i++)
		if (set->entries[i].change == change)
			return 1;
	return 0;
}

int
history_trailer_ids(struct strvec *out, const git_commit *commit,
    const char *key)
{
	git_message_trailer_array trailers = { 0 };
	int error;

	error = git_message_trailers(&trailers, git_commit_message(commit));
	if (error < 0)
		return error_from_git(error, "cannot read the trailers of "
		    "commit '%s'", git_oid_tostr_s(git_commit_id(commit)));

	for (size_t i = 0; i < trailers.count; i++) {
		const char *p = trailers.trailers[i].value;

		if (strcasecmp(trailers.trailers[i].key, key) != 0)
			continue;
		while (*p) {
			size_t len = strcspn(p, ", \t\r\n");
			char *id;

			if (!len) {
				p++;
				continue;
			}
			id = xstrndup(p, len);
			if (strvec_find(out, id) < 0)
				strvec_push_owned(out, id);
			else
				free(id);
			p += len;
		}
	}
	git_message_trailer_array_free(&trailers);
	return 0;
}

void
history_author(struct history_author *out, const struct history *history,
    const git_commit *commit, const struct config *config)
{
	const git_signature *sig = git_commit_author(commit);

	memset(out, 0, sizeof(*out));
	out->name = sig && sig->name ? sig->name : "";
	out->commit_email = sig && sig->email ? sig->email : "";
	out->email = out->commit_email;
	if (history->mailmap && git_mailmap_resolve(&out->name, &out->email,
	    history->mailmap, out->name, out->commit_email) < 0) {
		git_error_clear();
		out->name = sig && sig->name ? sig->name : "";
		out->email = out->commit_email;
	}

	if (!config)
		return;
	out->person = config_find_person_by_email(config, out->email);
	if (!out->person)
		out->person = config_find_person_by_email(config,
		    out->commit_email);
}

int
history_author_is(const struct history_author *author,
    const struct person *person)
{
	for (size_t i = 0; i < person->email_count; i++)
		if (strcasecmp(person->emails[i], author->email) == 0 ||
		    strcasecmp(person->emails[i], author->commit_email) == 0)
			return 1;
	return 0;
}

int
history_time_day(const git_time *when)
{
	int64_t seconds = (int64_t)when->time + (int64_t)when->offset * 60;
	int64_t days = seconds / 86400;

	if (seconds % 86400 < 0)
		days--;
	return (int)days;
}

int
history_commit_day(const git_commit *commit)
{
	return history_time_day(&git_commit_committer(commit)->when);
}

/* Reads the current policy: `text` when given, else HEAD's, else defaults. */
static int
load_current_policy(struct history *history, const char *text, size_t len)
{
	struct buf blob = BUF_INIT;
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_oid id;
	int error = 0;

	if (text) {
		history->current = policy_parse(text, len);
		return 0;
	}

	error = git_revparse_single((git_object **)&head, history->repo,
	    "HEAD^{commit}");
	if (error == GIT_ENOTFOUND || error == GIT_EUNBORNBRANCH) {
		git_error_clear();
		error = 0;
		goto done;
	}
	if (error < 0) {
		error = error_from_git(error, "cannot read HEAD");
		goto done;
	}
	error = git_commit_tree(&tree, head);
	if (error < 0) {
		error = error_from_git(error, "cannot read the tree of HEAD");
		goto done;
	}
	error = history_find_entry(&id, history, tree, ISMS_CONFIG_FILE,
	    GIT_OBJECT_BLOB);
	if (error == ISMS_ENOTFOUND) {
		error = 0;
		goto done;
	}
	if (error < 0)
		goto done;
	error = read_blob(history, &id, &blob);
	if (error < 0)
		goto done;
	history->current = policy_parse(blob.ptr, blob.len);

done:
	if (!error && !history->current)
		history->current = policy_parse("", 0);
	buf_release(&blob);
	git_tree_free(tree);
	git_commit_free(head);
	return error;
}

int
history_new(struct history **out, git_repository *repo, const char *prefix,
    const char *policy, size_t policy_len)
{
	struct history *history = xcalloc(1, sizeof(*history));
	int error;

	*out = history;
	history->repo = repo;
	history->prefix = prefix ? prefix : "";

	error = load_current_policy(history, policy, policy_len);
	if (error < 0)
		return error;

	error = git_mailmap_from_repository(&history->mailmap, repo);
	if (error < 0)
		return error_from_git(error, "cannot read the mailmap");
	return 0;
}

void
history_free(struct history *history)
{
	if (!history)
		return;
	policy_free(history->current);
	oidmap_release(&history->policies, policy_free);
	oidmap_release(&history->change_sets, change_set_free);
	oidmap_release(&history->changes, change_free);
	git_mailmap_free(history->mailmap);
	free(history);
}

const struct history_policy *
history_current_policy(const struct history *history)
{
	return history->current;
}
