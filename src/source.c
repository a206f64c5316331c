#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "error.h"
#include "source.h"
#include "xalloc.h"
#include "banned.h"

struct source {
	enum source_kind kind;
	char *label;
	char *root;			/* SOURCE_WORKTREE: the folder */
	git_repository *repo;		/* borrowed */
	char *prefix;			/* "" or "a/b/" */
	git_index *index;		/* SOURCE_INDEX */
	git_tree *tree;			/* SOURCE_COMMIT: the commit's root */
};

static struct source *
source_new(enum source_kind kind, const char *label)
{
	struct source *src = xcalloc(1, sizeof(*src));

	src->kind = kind;
	src->label = xstrdup(label);
	src->prefix = xstrdup("");
	return src;
}

/* Copies `prefix` with exactly one trailing '/', or "" for the top. */
static char *
normalize_prefix(const char *prefix)
{
	struct buf out = BUF_INIT;

	while (prefix && *prefix == '/')
		prefix++;
	if (prefix && *prefix) {
		buf_puts(&out, prefix);
		while (out.len && out.ptr[out.len - 1] == '/')
			buf_truncate(&out, out.len - 1);
		buf_putc(&out, '/');
	}
	return buf_detach(&out, NULL);
}

/*
 * Rejects paths that could leave the ISMS root: absolute paths and ".."
 * segments. Paths come from records and the command line.
 */
static int
check_path(const char *path)
{
	const char *p = path;

	if (!*path || *path == '/')
		return error_set(ISMS_EFAIL, "invalid path '%s': not relative "
		    "to the ISMS root", path);
	while (*p) {
		size_t len = strcspn(p, "/");

		if (len == 2 && p[0] == '.' && p[1] == '.')
			return error_set(ISMS_EFAIL, "invalid path '%s': it "
			    "leaves the ISMS root", path);
		p += len;
		if (*p == '/')
			p++;
	}
	return 0;
}

int
source_open_worktree(struct source **out, const char *root)
{
	struct source *src = source_new(SOURCE_WORKTREE, "working tree");
	size_t len = strlen(root);

	while (len > 1 && root[len - 1] == '/')
		len--;
	src->root = xstrndup(root, len);
	*out = src;
	return 0;
}

int
source_open_index(struct source **out, git_repository *repo,
    const char *prefix)
{
	struct source *src = NULL;
	const char *index_file = getenv("GIT_INDEX_FILE");
	int error = 0;

	*out = NULL;
	src = source_new(SOURCE_INDEX, "index");
	src->repo = repo;
	free(src->prefix);
	src->prefix = normalize_prefix(prefix);

	/*
	 * `git commit -a` and `git commit PATH` run the pre-commit hook with
	 * a temporary index named by GIT_INDEX_FILE; that index is what the
	 * commit will hold. A relative name is relative to the work tree top,
	 * where git runs hooks.
	 */
	if (index_file && *index_file)
		error = git_index_open(&src->index, index_file);
	else
		error = git_repository_index(&src->index, repo);
	if (error < 0) {
		error = error_from_git(error, "cannot read the git index");
		goto done;
	}

	if (git_index_has_conflicts(src->index)) {
		error = error_set(ISMS_EFAIL, "the git index has unresolved "
		    "merge conflicts");
		error_set_hint("resolve them and 'git add' the files first");
		goto done;
	}

	*out = src;
	src = NULL;

done:
	source_free(src);
	return error;
}

int
source_open_commit(struct source **out, git_repository *repo,
    const git_commit *commit, const char *prefix)
{
	struct source *src = NULL;
	char id[GIT_OID_HEXSZ + 1];
	int error = 0;

	*out = NULL;
	git_oid_tostr(id, sizeof(id), git_commit_id(commit));
	src = source_new(SOURCE_COMMIT, id);
	src->repo = repo;
	free(src->prefix);
	src->prefix = normalize_prefix(prefix);

	error = git_commit_tree(&src->tree, commit);
	if (error < 0) {
		error = error_from_git(error, "cannot read the tree of commit "
		    "'%s'", id);
		goto done;
	}

	*out = src;
	src = NULL;

done:
	source_free(src);
	return error;
}

int
source_open_rev(struct source **out, git_repository *repo, const char *rev,
    const char *prefix)
{
	git_object *object = NULL;
	git_commit *commit = NULL;
	int error;

	*out = NULL;
	error = git_revparse_single(&object, repo, rev);
	if (error < 0) {
		error = error_from_git(error, "revision '%s' not found", rev);
		goto done;
	}

	error = git_object_peel((git_object **)&commit, object,
	    GIT_OBJECT_COMMIT);
	if (error < 0) {
		error = error_from_git(error, "revision '%s' is not a commit",
		    rev);
		goto done;
	}

	error = source_open_commit(out, repo, commit, prefix);

done:
	git_commit_free(commit);
	git_object_free(object);
	return error;
}

/* Appends the regular files under `dir` (relative `rel`) to `out`. */
static int
list_folder(const char *dir, const char *rel, struct strvec *out)
{
	struct buf path = BUF_INIT;
	struct buf relpath = BUF_INIT;
	DIR *d = NULL;
	struct dirent *entry;
	int error = 0;

	d = opendir(dir);
	if (!d) {
		error = error_set(ISMS_EFAIL, "cannot read folder '%s': %s",
		    dir, strerror(errno));
		goto done;
	}

	for (;;) {
		struct stat st;

		errno = 0;
		entry = readdir(d);
		if (!entry) {
			if (errno)
				error = error_set(ISMS_EFAIL, "cannot read "
				    "folder '%s': %s", dir, strerror(errno));
			break;
		}
		if (entry->d_name[0] == '.')
			continue;

		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, entry->d_name);
		buf_reset(&relpath);
		if (*rel)
			buf_printf(&relpath, "%s/", rel);
		buf_puts(&relpath, entry->d_name);

		if (lstat(path.ptr, &st) < 0) {
			error = error_set(ISMS_EFAIL, "cannot read '%s': %s",
			    path.ptr, strerror(errno));
			break;
		}
		if (S_ISDIR(st.st_mode)) {
			error = list_folder(path.ptr, relpath.ptr, out);
			if (error < 0)
				break;
		} else if (S_ISREG(st.st_mode)) {
			strvec_push(out, relpath.ptr);
		}
	}

done:
	if (d)
		closedir(d);
	buf_release(&path);
	buf_release(&relpath);
	return error;
}

/* Returns 1 when a segment of `path` starts with '.'. */
static int
has_hidden_segment(const char *path)
{
	const char *p = path;

	while (*p) {
		if (*p == '.')
			return 1;
		p += strcspn(p, "/");
		if (*p == '/')
			p++;
	}
	return 0;
}

static int
list_index(struct source *src, struct strvec *out)
{
	size_t prefix_len = strlen(src->prefix);
	size_t count = git_index_entrycount(src->index);

	for (size_t i = 0; i < count; i++) {
		const git_index_entry *entry =
		    git_index_get_byindex(src->index, i);
		const char *rel;

		if (!entry || GIT_INDEX_ENTRY_STAGE(entry) != 0)
			continue;
		if (entry->mode != GIT_FILEMODE_BLOB &&
		    entry->mode != GIT_FILEMODE_BLOB_EXECUTABLE)
			continue;
		if (strncmp(entry->path, src->prefix, prefix_len) != 0)
			continue;
		rel = entry->path + prefix_len;
		if (!has_hidden_segment(rel))
			strvec_push(out, rel);
	}
	return 0;
}

struct tree_walk_state {
	struct strvec *out;
	struct buf path;
};

static int
collect_tree_entry(const char *root, const git_tree_entry *entry,
    void *payload)
{
	struct tree_walk_state *state = payload;
	const char *name = git_tree_entry_name(entry);
	git_filemode_t mode = git_tree_entry_filemode(entry);

	/* 1 skips a subtree; hidden folders are skipped whole. */
	if (name[0] == '.')
		return git_tree_entry_type(entry) == GIT_OBJECT_TREE ? 1 : 0;
	if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE)
		return 0;

	buf_reset(&state->path);
	buf_puts(&state->path, root);
	buf_puts(&state->path, name);
	strvec_push(state->out, state->path.ptr);
	return 0;
}

static int
list_commit(struct source *src, struct strvec *out)
{
	struct tree_walk_state state = { out, BUF_INIT };
	git_tree_entry *entry = NULL;
	git_tree *subtree = NULL;
	const git_tree *tree = src->tree;
	int error = 0;

	if (*src->prefix) {
		struct buf folder = BUF_INIT;

		buf_add(&folder, src->prefix, strlen(src->prefix) - 1);
		error = git_tree_entry_bypath(&entry, src->tree, folder.ptr);
		buf_release(&folder);
		if (error == GIT_ENOTFOUND ||
		    (!error && git_tree_entry_type(entry) != GIT_OBJECT_TREE)) {
			error = 0;
			goto done;
		}
		if (error < 0) {
			error = error_from_git(error, "cannot read '%s' in "
			    "commit '%s'", src->prefix, src->label);
			goto done;
		}
		error = git_tree_lookup(&subtree, src->repo,
		    git_tree_entry_id(entry));
		if (error < 0) {
			error = error_from_git(error, "cannot read '%s' in "
			    "commit '%s'", src->prefix, src->label);
			goto done;
		}
		tree = subtree;
	}

	error = git_tree_walk(tree, GIT_TREEWALK_PRE, collect_tree_entry,
	    &state);
	if (error < 0)
		error = error_from_git(error, "cannot list the files of commit "
		    "'%s'", src->label);

done:
	buf_release(&state.path);
	git_tree_free(subtree);
	git_tree_entry_free(entry);
	return error;
}

int
source_list(struct source *src, struct strvec *out)
{
	int error = 0;

	switch (src->kind) {
	case SOURCE_WORKTREE:
		error = list_folder(src->root, "", out);
		break;
	case SOURCE_INDEX:
		error = list_index(src, out);
		break;
	case SOURCE_COMMIT:
		error = list_commit(src, out);
		break;
	}
	if (!error)
		strvec_sort(out);
	return error;
}

static int
read_file(struct source *src, const char *path, size_t max, struct buf *out)
{
	struct buf full = BUF_INIT;
	struct stat st;
	int fd = -1;
	int error = 0;

	buf_printf(&full, "%s/%s", src->root, path);
	fd = open(full.ptr, O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			error = ISMS_ENOTFOUND;
		else
			error = error_set(ISMS_EFAIL, "cannot open '%s': %s",
			    path, strerror(errno));
		goto done;
	}
	if (fstat(fd, &st) < 0) {
		error = error_set(ISMS_EFAIL, "cannot read '%s': %s", path,
		    strerror(errno));
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		error = error_set(ISMS_EFAIL, "cannot read '%s': not a regular "
		    "file", path);
		goto done;
	}
	if ((unsigned long long)st.st_size > max) {
		error = error_set(ISMS_EFAIL, "file '%s' is larger than the "
		    "limit of %zu bytes", path, max);
		goto done;
	}

	buf_reset(out);
	for (;;) {
		ssize_t n;

		buf_grow(out, 8192);
		n = read(fd, out->ptr + out->len, 8192);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error = error_set(ISMS_EFAIL, "cannot read '%s': %s",
			    path, strerror(errno));
			goto done;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->ptr[out->len] = '\0';
		if (out->len > max) {
			error = error_set(ISMS_EFAIL, "file '%s' is larger "
			    "than the limit of %zu bytes", path, max);
			goto done;
		}
	}

done:
	if (fd >= 0)
		close(fd);
	buf_release(&full);
	return error;
}

/*
 * Finds the blob id of `path` in the index or commit of `src`. Returns
 * ISMS_ENOTFOUND without a message when there is no such file.
 */
static int
find_blob_id(struct source *src, const char *path, git_oid *out)
{
	struct buf full = BUF_INIT;
	git_tree_entry *entry = NULL;
	int error = 0;

	buf_printf(&full, "%s%s", src->prefix, path);
	if (src->kind == SOURCE_INDEX) {
		const git_index_entry *ie =
		    git_index_get_bypath(src->index, full.ptr, 0);

		if (!ie || (ie->mode != GIT_FILEMODE_BLOB &&
		    ie->mode != GIT_FILEMODE_BLOB_EXECUTABLE)) {
			error = ISMS_ENOTFOUND;
			goto done;
		}
		git_oid_cpy(out, &ie->id);
		goto done;
	}

	error = git_tree_entry_bypath(&entry, src->tree, full.ptr);
	if (error == GIT_ENOTFOUND ||
	    (!error && git_tree_entry_filemode(entry) != GIT_FILEMODE_BLOB &&
	    git_tree_entry_filemode(entry) != GIT_FILEMODE_BLOB_EXECUTABLE)) {
		error = ISMS_ENOTFOUND;
		goto done;
	}
	if (error < 0) {
		error = error_from_git(error, "cannot read '%s' in commit '%s'",
		    path, src->label);
		goto done;
	}
	git_oid_cpy(out, git_tree_entry_id(entry));

done:
	if (error == ISMS_ENOTFOUND)
		git_error_clear();
	git_tree_entry_free(entry);
	buf_release(&full);
	return error;
}

static int
read_blob(struct source *src, const char *path, size_t max, struct buf *out)
{
	git_blob *blob = NULL;
	git_oid id;
	git_object_size_t size;
	int error;

	error = find_blob_id(src, path, &id);
	if (error < 0)
		goto done;

	error = git_blob_lookup(&blob, src->repo, &id);
	if (error < 0) {
		error = error_from_git(error, "cannot read '%s' from the %s",
		    path, src->kind == SOURCE_INDEX ? "index" : "commit");
		goto done;
	}
	size = git_blob_rawsize(blob);
	if (size > (git_object_size_t)max) {
		error = error_set(ISMS_EFAIL, "file '%s' is larger than the "
		    "limit of %zu bytes", path, max);
		goto done;
	}
	buf_reset(out);
	buf_add(out, git_blob_rawcontent(blob), (size_t)size);

done:
	git_blob_free(blob);
	return error;
}

int
source_read(struct source *src, const char *path, size_t max,
    struct buf *out)
{
	int error = check_path(path);

	if (error < 0)
		return error;
	if (src->kind == SOURCE_WORKTREE)
		return read_file(src, path, max, out);
	return read_blob(src, path, max, out);
}

int
source_blob_id(struct source *src, const char *path, char out[41])
{
	struct buf full = BUF_INIT;
	struct stat st;
	git_oid id;
	int error = check_path(path);

	out[0] = '\0';
	if (error < 0)
		goto done;

	if (src->kind != SOURCE_WORKTREE) {
		error = find_blob_id(src, path, &id);
		if (error < 0)
			goto done;
	} else {
		buf_printf(&full, "%s/%s", src->root, path);
		if (stat(full.ptr, &st) < 0 || !S_ISREG(st.st_mode)) {
			error = ISMS_ENOTFOUND;
			goto done;
		}
		error = git_odb_hashfile(&id, full.ptr, GIT_OBJECT_BLOB);
		if (error < 0) {
			error = error_from_git(error, "cannot hash '%s'", path);
			goto done;
		}
	}
	git_oid_tostr(out, 41, &id);

done:
	buf_release(&full);
	return error;
}

enum source_kind
source_kind(const struct source *src)
{
	return src->kind;
}

const char *
source_label(const struct source *src)
{
	return src->label;
}

void
source_free(struct source *src)
{
	if (!src)
		return;
	git_index_free(src->index);
	git_tree_free(src->tree);
	free(src->prefix);
	free(src->root);
	free(src->label);
	free(src);
}
