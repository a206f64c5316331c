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
#include "frontmatter.h"
#include "glob.h"
#include "repo.h"
#include "strvec.h"
#include "xalloc.h"
#include "yaml_doc.h"
#include "banned.h"

#define CHANGES_FOLDER "changes"
#define DEFAULT_TRAILER "ISMS-Change"

static const char fetch_hint[] =
    "if the history is incomplete, fetch all of it with 'git fetch "
    "--unshallow' (in CI, check out with 'fetch-depth: 0')";

/*
 * A small hash map from git object ids to owned values, so that each
 * isms.yaml and each change record is parsed once per run however many
 * commits share it.
 */
struct oidmap_slot {
	git_oid key;
	void *value;		/* NULL marks an empty slot */
};

struct oidmap {
	struct oidmap_slot *slots;
	size_t count;
	size_t size;		/* a power of two, or 0 */
};

static size_t
oid_hash(const git_oid *id)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h));
	return h;
}

static void *
oidmap_get(const struct oidmap *map, const git_oid *key)
{
	size_t i;

	if (!map->size)
		return NULL;
	for (i = oid_hash(key) & (map->size - 1); map->slots[i].value;
	    i = (i + 1) & (map->size - 1))
		if (git_oid_equal(&map->slots[i].key, key))
			return map->slots[i].value;
	return NULL;
}

static void oidmap_put(struct oidmap *map, const git_oid *key, void *value);

static void
oidmap_resize(struct oidmap *map)
{
	struct oidmap_slot *old = map->slots;
	size_t old_size = map->size;

	map->size = old_size ? old_size * 2 : 64;
	map->slots = xcalloc(map->size, sizeof(*map->slots));
	map->count = 0;
	for (size_t i = 0; i < old_size; i++)
		if (old[i].value)
			oidmap_put(map, &old[i].key, old[i].value);
	free(old);
}

/* Stores `value` (not NULL) under `key`, which must not be in the map. */
static void
oidmap_put(struct oidmap *map, const git_oid *key, void *value)
{
	size_t i;

	if ((map->count + 1) * 2 > map->size)
		oidmap_resize(map);
	i = oid_hash(key) & (map->size - 1);
	while (map->slots[i].value)
		i = (i + 1) & (map->size - 1);
	git_oid_cpy(&map->slots[i].key, key);
	map->slots[i].value = value;
	map->count++;
}

static void
oidmap_release(struct oidmap *map, void (*free_value)(void *))
{
	for (size_t i = 0; i < map->size; i++)
		if (map->slots[i].value)
			free_value(map->slots[i].value);
	free(map->slots);
	memset(map, 0, sizeof(*map));
}

/* The part of isms.yaml that judges commits. */
struct policy {
	struct strvec controlled;
	struct strvec uncontrolled;
	char *trailer;
	char *since;
	int has_emergency_window;
	struct duration emergency_window;
};

/* The fields of one change record that the rules use, parsed from one blob. */
struct change_info {
	char *id;			/* NULL: no usable id */
	int has_status;
	enum change_status status;
	enum change_type type;
	struct strvec scope;
	int approved_on, has_approved_on;
};

struct change_entry {
	const struct change_info *info;	/* owned by the blob cache */
	size_t order;			/* position in git's tree order */
};

/*
 * The change records of one tree, sorted by id and then path. Entries only
 * point into the blob cache, so a long history with many versions of
 * changes/ costs little memory.
 */
struct change_set {
	struct change_entry *entries;
	size_t count;
	size_t alloc;
};

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

	struct policy *current;		/* the current isms.yaml, owned */
	struct oidmap policies;		/* isms.yaml blob id -> policy */
	struct oidmap change_infos;	/* record blob id -> change_info */
	struct oidmap change_sets;	/* changes/ tree id -> change_set */
	struct change_set empty_set;

	git_commit *tip;		/* the range end, for emergencies */
	int tip_loaded;
	const struct change_set *tip_set;
};

/* The commit being judged, as findings show it. */
struct commit_meta {
	git_commit *commit;
	char id[GIT_OID_HEXSZ + 1];
	char date[11];
	int days;
};

static void
policy_free(void *data)
{
	struct policy *policy = data;

	if (!policy)
		return;
	strvec_clear(&policy->controlled);
	strvec_clear(&policy->uncontrolled);
	free(policy->trailer);
	free(policy->since);
	free(policy);
}

static void
change_info_free(void *data)
{
	struct change_info *info = data;

	if (!info)
		return;
	free(info->id);
	strvec_clear(&info->scope);
	free(info);
}

static void
change_set_free(void *data)
{
	struct change_set *set = data;

	if (!set)
		return;
	free(set->entries);
	free(set);
}

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
 * Builds the policy from isms.yaml text, with config_parse()'s defaults
 * for keys left out. A file that cannot be read as a whole gives the
 * strictest policy (everything controlled): a broken isms.yaml must not
 * switch change control off.
 */
static struct policy *
policy_parse(const char *text, size_t len)
{
	struct policy *policy = xcalloc(1, sizeof(*policy));
	struct diag_list diags = DIAG_LIST_INIT;
	struct config config;
	const struct change_control *cc = &config.change_control;

	memset(&config, 0, sizeof(config));
	if (config_parse(&config, text, len, ISMS_CONFIG_FILE, &diags) < 0) {
		strvec_push(&policy->controlled, "**");
		policy->trailer = xstrdup(DEFAULT_TRAILER);
		goto done;
	}

	for (size_t i = 0; i < cc->controlled_count; i++)
		strvec_push(&policy->controlled, cc->controlled[i]);
	for (size_t i = 0; i < cc->uncontrolled_count; i++)
		strvec_push(&policy->uncontrolled, cc->uncontrolled[i]);
	policy->trailer = xstrdup(cc->trailer && *cc->trailer ? cc->trailer :
	    DEFAULT_TRAILER);
	if (cc->since && *cc->since)
		policy->since = xstrdup(cc->since);
	if (cc->has_emergency_approval_within) {
		policy->has_emergency_window = 1;
		policy->emergency_window = cc->emergency_approval_within;
	}

done:
	config_release(&config);
	diag_list_release(&diags);
	return policy;
}

static int
policy_controls(const struct policy *policy, const char *path)
{
	return glob_match_any(policy->controlled.items,
	    policy->controlled.count, path) &&
	    !glob_match_any(policy->uncontrolled.items,
	    policy->uncontrolled.count, path);
}

/* Looks up `name` (relative to the ISMS root) in `tree`; 0 or ENOTFOUND. */
static int
find_entry(struct judge *judge, const git_tree *tree, const char *name,
    git_object_t type, git_oid *out)
{
	struct buf path = BUF_INIT;
	git_tree_entry *entry = NULL;
	int error;

	buf_printf(&path, "%s%s", judge->prefix, name);
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
read_blob(struct judge *judge, const git_oid *id, struct buf *out)
{
	git_blob *blob = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	git_object_size_t size;
	int error;

	error = git_blob_lookup(&blob, judge->repo, id);
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

/* The policy that judges commits whose policy tree is `tree`. */
static int
policy_for_tree(struct judge *judge, const git_tree *tree,
    const struct policy **out)
{
	struct buf text = BUF_INIT;
	struct policy *policy;
	git_oid id;
	int error;

	error = find_entry(judge, tree, ISMS_CONFIG_FILE, GIT_OBJECT_BLOB, &id);
	if (error == ISMS_ENOTFOUND) {
		*out = judge->current;
		return 0;
	}
	if (error < 0)
		return error;

	policy = oidmap_get(&judge->policies, &id);
	if (!policy) {
		error = read_blob(judge, &id, &text);
		if (error < 0)
			goto done;
		policy = policy_parse(text.ptr, text.len);
		oidmap_put(&judge->policies, &id, policy);
	}
	*out = policy;

done:
	buf_release(&text);
	return error;
}

/* Reads what the judge needs from one change record. */
static struct change_info *
change_info_parse(const char *text, size_t len, const char *path)
{
	struct change_info *info = xcalloc(1, sizeof(*info));
	struct diag_list diags = DIAG_LIST_INIT;
	struct schema_ctx ctx = { path, &diags, "change" };
	struct frontmatter fm;
	struct ynode *front = NULL;
	struct change change;
	const struct ynode *id;

	memset(&change, 0, sizeof(change));
	if (frontmatter_find(&fm, text, len, path, &diags) < 0 || !fm.present)
		goto done;
	if (yaml_doc_parse(&front, text + fm.yaml_start, fm.yaml_len, path,
	    fm.yaml_line - 1, &diags) < 0 || front->type != YNODE_MAP)
		goto done;

	id = ynode_get(front, "id");
	if (!id || id->type != YNODE_SCALAR)
		goto done;
	info->id = xstrdup(id->value);

	change_parse(&change, front, NULL, &ctx);
	info->has_status = change.has_status;
	info->status = change.status;
	info->type = change.type;
	for (size_t i = 0; i < change.scope.count; i++)
		strvec_push(&info->scope, change.scope.nodes[i]->value);
	info->approved_on = change.approved_on;
	info->has_approved_on = change.has_approved_on;

done:
	change_release(&change);
	ynode_free(front);
	diag_list_release(&diags);
	return info;
}

struct collect_state {
	struct judge *judge;
	struct change_set *set;
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
	struct change_info *info;
	struct change_entry *item;
	size_t len = strlen(name);

	if (name[0] == '.')
		return git_tree_entry_type(entry) == GIT_OBJECT_TREE ? 1 : 0;
	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB || len < 3 ||
	    strcmp(name + len - 3, ".md") != 0)
		return 0;

	buf_reset(&state->path);
	buf_printf(&state->path, "%s/%s%s", CHANGES_FOLDER, root, name);

	info = oidmap_get(&state->judge->change_infos, id);
	if (!info) {
		state->error = read_blob(state->judge, id, &state->text);
		if (state->error < 0)
			return -1;
		info = change_info_parse(state->text.ptr, state->text.len,
		    state->path.ptr);
		oidmap_put(&state->judge->change_infos, id, info);
	}
	if (!info->id)
		return 0;

	xgrow(&state->set->entries, &state->set->alloc, state->set->count + 1,
	    sizeof(*state->set->entries));
	item = &state->set->entries[state->set->count];
	item->info = info;
	item->order = state->set->count++;
	return 0;
}

static int
compare_change_entries(const void *a, const void *b)
{
	const struct change_entry *x = a, *y = b;
	int c = strcmp(x->info->id, y->info->id);

	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The change records in the changes/ folder of `tree`. */
static int
change_set_for_tree(struct judge *judge, const git_tree *tree,
    const struct change_set **out)
{
	struct collect_state state = { judge, NULL, BUF_INIT, BUF_INIT, 0 };
	git_tree *folder = NULL;
	git_oid id;
	int error;

	*out = &judge->empty_set;
	if (!tree)
		return 0;
	error = find_entry(judge, tree, CHANGES_FOLDER, GIT_OBJECT_TREE, &id);
	if (error == ISMS_ENOTFOUND)
		return 0;
	if (error < 0)
		return error;

	state.set = oidmap_get(&judge->change_sets, &id);
	if (state.set) {
		*out = state.set;
		return 0;
	}

	error = git_tree_lookup(&folder, judge->repo, &id);
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
	oidmap_put(&judge->change_sets, &id, state.set);
	*out = state.set;

done:
	git_tree_free(folder);
	buf_release(&state.text);
	buf_release(&state.path);
	return error;
}

/* The record with `id` (the first by path when ids repeat), or NULL. */
static const struct change_info *
change_set_find(const struct change_set *set, const char *id)
{
	size_t lo = 0, hi = set->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(set->entries[mid].info->id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < set->count && strcmp(set->entries[lo].info->id, id) == 0)
		return set->entries[lo].info;
	return NULL;
}

/* The change records at the end of the range, read on first use. */
static int
tip_change_set(struct judge *judge, const struct change_set **out)
{
	git_tree *tree = NULL;
	int error = 0;

	if (!judge->tip_loaded) {
		judge->tip_loaded = 1;
		judge->tip_set = &judge->empty_set;
		if (judge->tip) {
			error = git_commit_tree(&tree, judge->tip);
			if (error < 0) {
				error = error_from_git(error, "cannot read the "
				    "tree of the range end");
				goto done;
			}
			error = change_set_for_tree(judge, tree,
			    &judge->tip_set);
		}
	}
	*out = judge->tip_set;

done:
	git_tree_free(tree);
	return error;
}

/* Calendar day of a git time in the zone it was recorded in. */
static int
git_time_days(const git_time *when)
{
	int64_t seconds = (int64_t)when->time + (int64_t)when->offset * 60;
	int64_t days = seconds / 86400;

	if (seconds % 86400 < 0)
		days--;
	return (int)days;
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
 * Lists what `commit` changes beyond its parents. A merge touches a path
 * only when the path differs from every parent: a file taken unchanged
 * from one side was judged on that side's commits already.
 */
static int
touched_paths(struct judge *judge, git_commit *commit, git_tree *tree,
    struct touched_list *out)
{
	unsigned int parents = git_commit_parentcount(commit);
	struct touched_list other = { NULL, 0, 0 };
	struct strvec paths = STRVEC_INIT;
	git_commit *parent = NULL;
	git_tree *parent_tree = NULL;
	int error = 0;

	if (judge->opts->first_parent && parents > 1)
		parents = 1;

	for (unsigned int i = 0; i < (parents ? parents : 1); i++) {
		if (parents) {
			error = git_commit_parent(&parent, commit, i);
			if (error >= 0)
				error = git_commit_tree(&parent_tree, parent);
			if (error < 0) {
				error = error_from_git(error, "cannot read "
				    "parent %u of commit '%s'", i + 1,
				    git_oid_tostr_s(git_commit_id(commit)));
				goto done;
			}
		}

		error = diff_trees(judge, parent_tree, tree,
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

		git_tree_free(parent_tree);
		parent_tree = NULL;
		git_commit_free(parent);
		parent = NULL;
	}
	if (out->count > 1)
		qsort(out->items, out->count, sizeof(*out->items),
		    compare_touched);

done:
	git_tree_free(parent_tree);
	git_commit_free(parent);
	touched_list_clear(&other);
	strvec_clear(&paths);
	return error;
}

/* Whether `path` is a change record: a Markdown file under changes/. */
static int
is_change_record(const char *path)
{
	size_t len = strlen(path);

	return strncmp(path, CHANGES_FOLDER "/", sizeof(CHANGES_FOLDER)) == 0 &&
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

/*
 * Collects the change ids named in the commit's trailers with key `key`
 * (case-insensitive, as git compares trailer keys). A value may list
 * several ids separated by commas or spaces.
 */
static int
trailer_ids(git_commit *commit, const char *key, struct strvec *out)
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
join_scope(struct buf *out, const struct change_info *info)
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
	const struct change_info *info;
};

/*
 * Rule 7: an emergency change may be implemented before it is approved,
 * but must be approved within emergency_approval_within of the commit.
 * Its approval is read from the record at the end of the range. Returns 1
 * when the change is admitted, 0 after a finding, or a negative error.
 */
static int
judge_emergency(struct judge *judge, const struct commit_meta *meta,
    const struct policy *policy, const char *id,
    const struct change_info *latest)
{
	char deadline_text[11], approved_text[11];
	int deadline;

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

	deadline = date_add(meta->days, &policy->emergency_window);
	date_format(deadline, deadline_text);
	if (latest->has_status && change_status_is_approved(latest->status) &&
	    latest->has_approved_on) {
		if (latest->approved_on <= deadline)
			return 1;
		date_format(latest->approved_on, approved_text);
		add_finding(judge, meta, "change-emergency-unapproved",
		    DIAG_ERROR, NULL, id, "approve emergency changes within "
		    "the time isms.yaml sets in emergency_approval_within",
		    "emergency change '%s' was approved on %s, after the "
		    "deadline %s", id, approved_text, deadline_text);
		return 0;
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
 * implement it (its scope then counts for rule 3), 0 after a finding, or
 * a negative error.
 */
static int
judge_named_change(struct judge *judge, const struct commit_meta *meta,
    const struct policy *policy, const struct change_set *before,
    const char *id, const struct change_info **admitted)
{
	const struct change_info *info = change_set_find(before, id);
	const struct change_info *latest = NULL;
	const struct change_set *tip = NULL;
	struct buf fix = BUF_INIT;
	int error;

	*admitted = NULL;
	if (info && info->has_status &&
	    (info->status == CHANGE_APPROVED ||
	    info->status == CHANGE_IMPLEMENTING)) {
		*admitted = info;
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
	latest = change_set_find(tip, id);
	if ((info && info->type == CHANGE_EMERGENCY) ||
	    (!info && latest && latest->type == CHANGE_EMERGENCY)) {
		error = judge_emergency(judge, meta, policy, id,
		    latest ? latest : info);
		if (error == 1)
			*admitted = info ? info : latest;
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
		const struct change_info *info = admitted[i].info;

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

/* Applies rules 1 to 4 and 7 to the controlled paths a commit touches. */
static int
judge_touches(struct judge *judge, const struct commit_meta *meta,
    const struct policy *policy, git_tree *policy_tree,
    const struct touched *const *controlled, size_t controlled_count)
{
	const struct change_set *before = &judge->empty_set;
	struct strvec ids = STRVEC_INIT;
	struct admitted *admitted = NULL;
	size_t admitted_count = 0;
	struct buf fix = BUF_INIT;
	int error;

	error = trailer_ids(meta->commit, policy->trailer, &ids);
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

	/* A root commit has no parent, so no change was approved before it. */
	if (git_commit_parentcount(meta->commit) > 0) {
		error = change_set_for_tree(judge, policy_tree, &before);
		if (error < 0)
			goto done;
	}

	admitted = xcalloc(ids.count, sizeof(*admitted));
	for (size_t i = 0; i < ids.count; i++) {
		const struct change_info *info = NULL;

		error = judge_named_change(judge, meta, policy, before,
		    ids.items[i], &info);
		if (error < 0)
			goto done;
		if (error == 1) {
			admitted[admitted_count].id = ids.items[i];
			admitted[admitted_count++].info = info;
		}
	}
	error = 0;

	if (admitted_count)
		judge_scope(judge, meta, controlled, controlled_count, admitted,
		    admitted_count);

done:
	free(admitted);
	strvec_clear(&ids);
	buf_release(&fix);
	return error;
}

static int
judge_commit(struct judge *judge, git_commit *commit)
{
	struct commit_meta meta;
	struct touched_list touched = { NULL, 0, 0 };
	const struct touched **controlled = NULL;
	size_t controlled_count = 0;
	const struct policy *policy = NULL;
	git_commit *parent = NULL;
	git_tree *tree = NULL;
	git_tree *policy_tree = NULL;
	int error;

	meta.commit = commit;
	git_oid_tostr(meta.id, sizeof(meta.id), git_commit_id(commit));
	meta.days = git_time_days(&git_commit_committer(commit)->when);
	date_format(meta.days, meta.date);

	error = git_commit_tree(&tree, commit);
	if (error < 0) {
		error = error_from_git(error, "cannot read the tree of commit "
		    "'%s'", meta.id);
		goto done;
	}

	/* The parent's policy, so a commit cannot loosen its own rules. */
	if (git_commit_parentcount(commit) > 0) {
		error = git_commit_parent(&parent, commit, 0);
		if (error >= 0)
			error = git_commit_tree(&policy_tree, parent);
		if (error < 0) {
			error = error_from_git(error, "cannot read the parent "
			    "of commit '%s'", meta.id);
			goto done;
		}
	} else {
		error = git_commit_tree(&policy_tree, commit);
		if (error < 0) {
			error = error_from_git(error, "cannot read the tree of "
			    "commit '%s'", meta.id);
			goto done;
		}
	}
	error = policy_for_tree(judge, policy_tree, &policy);
	if (error < 0)
		goto done;

	error = touched_paths(judge, commit, tree, &touched);
	if (error < 0)
		goto done;

	controlled = xcalloc(touched.count ? touched.count : 1,
	    sizeof(*controlled));
	for (size_t i = 0; i < touched.count; i++)
		if (policy_controls(policy, touched.items[i].path))
			controlled[controlled_count++] = &touched.items[i];

	if (controlled_count && !is_planning(controlled, controlled_count))
		error = judge_touches(judge, &meta, policy, policy_tree,
		    controlled, controlled_count);

done:
	free(controlled);
	touched_list_clear(&touched);
	git_tree_free(policy_tree);
	git_tree_free(tree);
	git_commit_free(parent);
	return error;
}

/* Reads the current policy: from `opts`, else from HEAD, else defaults. */
static int
load_current_policy(struct judge *judge)
{
	struct buf text = BUF_INIT;
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_oid id;
	int error = 0;

	if (judge->opts->policy) {
		judge->current = policy_parse(judge->opts->policy,
		    judge->opts->policy_len);
		return 0;
	}

	error = git_revparse_single((git_object **)&head, judge->repo,
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
	error = find_entry(judge, tree, ISMS_CONFIG_FILE, GIT_OBJECT_BLOB, &id);
	if (error == ISMS_ENOTFOUND) {
		error = 0;
		goto done;
	}
	if (error < 0)
		goto done;
	error = read_blob(judge, &id, &text);
	if (error < 0)
		goto done;
	judge->current = policy_parse(text.ptr, text.len);

done:
	if (!error && !judge->current)
		judge->current = policy_parse("", 0);
	buf_release(&text);
	git_tree_free(tree);
	git_commit_free(head);
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
		error = git_revwalk_push_head(walk);
		if (error == GIT_ENOTFOUND || error == GIT_EUNBORNBRANCH) {
			git_error_clear();
			return 0;
		}
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

done:
	git_object_free(from);
	git_object_free(to);
	git_object_free(spec.from);
	git_object_free(spec.to);
	return error;
}

/*
 * Applies change_control.since: a date sets the first committer date
 * judged (stored in *since_days), a revision hides it and its ancestors.
 */
static int
apply_since(struct judge *judge, git_revwalk *walk, int *since_days,
    int *has_since_days)
{
	const char *since = judge->current->since;
	git_object *object = NULL;
	int error;

	*has_since_days = 0;
	if (!since)
		return 0;
	if (date_parse(since, since_days) == 0) {
		*has_since_days = 1;
		return 0;
	}

	error = git_revparse_single(&object, judge->repo, since);
	if (error >= 0) {
		git_object *commit = NULL;

		error = git_object_peel(&commit, object, GIT_OBJECT_COMMIT);
		if (error >= 0)
			error = git_revwalk_hide(walk, git_object_id(commit));
		git_object_free(commit);
	}
	git_object_free(object);
	if (error < 0) {
		error = error_from_git(error, "change_control.since '%s' in "
		    "isms.yaml is neither a date (YYYY-MM-DD) nor a commit in "
		    "this repository", since);
		error_set_hint("%s", fetch_hint);
	}
	return error;
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

	error = load_current_policy(&judge);
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
		if (has_since_days && git_time_days(
		    &git_commit_committer(commit)->when) < since_days) {
			git_commit_free(commit);
			commit = NULL;
			continue;
		}

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
	git_revwalk_free(walk);
	policy_free(judge.current);
	oidmap_release(&judge.policies, policy_free);
	oidmap_release(&judge.change_sets, change_set_free);
	oidmap_release(&judge.change_infos, change_info_free);
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
