#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "repo.h"
#include "workspace.h"
#include "xalloc.h"
#include "banned.h"

/*
 * The ISMS root is the current directory or one of its parents, so the
 * way from here to there is one "../" per extra component of the current
 * directory.
 */
static char *
relative_prefix(const char *root)
{
	struct buf prefix = BUF_INIT;
	char cwd[PATH_MAX];
	size_t root_len = strlen(root);
	const char *rest;

	if (!getcwd(cwd, sizeof(cwd)) || strncmp(cwd, root, root_len) != 0)
		return xstrdup("");
	rest = cwd + root_len;
	for (const char *p = rest; *p; p++)
		if (*p == '/' && p[1] && p[1] != '/')
			buf_puts(&prefix, "../");
	return buf_detach(&prefix, NULL);
}

static int
lookup_head(struct workspace *ws)
{
	git_oid oid;
	char hex[GIT_OID_HEXSZ + 1];

	if (git_reference_name_to_id(&oid, ws->repo, "HEAD") < 0) {
		git_error_clear();
		return 0;
	}
	git_oid_tostr(hex, sizeof(hex), &oid);
	ws->head_id = xstrdup(hex);
	return 0;
}

/*
 * Whether the files under the ISMS differ from HEAD: modified, staged or
 * untracked. Any failure counts as "unknown", reported as not dirty.
 */
static int
isms_is_dirty(git_repository *repo, const char *prefix)
{
	git_status_options opts;
	git_status_list *list = NULL;
	struct buf spec = BUF_INIT;
	char *specs[1];
	size_t count = 0;

	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	buf_printf(&spec, "%s*", prefix);
	specs[0] = spec.ptr;
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
	    GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
	opts.pathspec.strings = specs;
	opts.pathspec.count = 1;

	if (git_status_list_new(&list, repo, &opts) == 0)
		count = git_status_list_entrycount(list);
	else
		git_error_clear();
	git_status_list_free(list);
	buf_release(&spec);
	return count > 0;
}

int
workspace_open(struct workspace *ws, enum workspace_from from, const char *rev)
{
	struct buf root = BUF_INIT;
	struct buf prefix = BUF_INIT;
	int rc;

	rc = repo_find_isms_root(&root, ".");
	if (rc < 0)
		goto done;
	ws->root = xstrdup(root.ptr);
	ws->display_prefix = relative_prefix(ws->root);

	rc = repo_open(&ws->repo, &prefix, ws->root);
	if (rc < 0 && from == FROM_WORKTREE) {
		error_clear();
		rc = 0;
	}
	if (rc < 0)
		goto done;
	if (ws->repo) {
		ws->repo_prefix = xstrdup(prefix.ptr);
		lookup_head(ws);
		if (from == FROM_WORKTREE && ws->head_id)
			ws->dirty = isms_is_dirty(ws->repo, ws->repo_prefix);
	}

	switch (from) {
	case FROM_WORKTREE:
		rc = source_open_worktree(&ws->source, ws->root);
		break;
	case FROM_INDEX:
		rc = source_open_index(&ws->source, ws->repo, ws->repo_prefix);
		break;
	case FROM_REV:
		rc = source_open_rev(&ws->source, ws->repo, rev,
		    ws->repo_prefix);
		break;
	}

done:
	buf_release(&root);
	buf_release(&prefix);
	return rc;
}

/* Appends `path` to `out` component by component, resolving "." and "..". */
static void
append_normalized(struct buf *out, const char *path)
{
	const char *p = path;

	while (*p) {
		const char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == 0 || (len == 1 && p[0] == '.')) {
			/* an empty or "." component changes nothing */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			char *slash = strrchr(out->ptr, '/');

			buf_truncate(out, slash ? (size_t)(slash - out->ptr) : 0);
		} else {
			buf_putc(out, '/');
			buf_add(out, p, len);
		}
		p += len;
		if (*p == '/')
			p++;
	}
}

int
workspace_relative_path(struct buf *out, const struct workspace *ws,
    const char *path)
{
	struct buf full = BUF_INIT;
	char cwd[PATH_MAX];
	size_t root_len = strlen(ws->root);
	int rc = 0;

	if (path[0] != '/') {
		if (!getcwd(cwd, sizeof(cwd))) {
			rc = error_set(ISMS_EFAIL, "cannot read the current "
			    "directory");
			goto done;
		}
		append_normalized(&full, cwd);
	}
	append_normalized(&full, path);

	if (strncmp(full.ptr, ws->root, root_len) != 0 ||
	    (full.ptr[root_len] != '\0' && full.ptr[root_len] != '/')) {
		rc = error_set(ISMS_EUSAGE, "path '%s' is outside the ISMS "
		    "at '%s'", path, ws->root);
		goto done;
	}
	buf_reset(out);
	buf_puts(out, full.ptr[root_len] ? full.ptr + root_len + 1 : "");

done:
	buf_release(&full);
	return rc;
}

void
workspace_release(struct workspace *ws)
{
	source_free(ws->source);
	git_repository_free(ws->repo);
	free(ws->root);
	free(ws->display_prefix);
	free(ws->repo_prefix);
	free(ws->head_id);
	*ws = (struct workspace)WORKSPACE_INIT;
}
