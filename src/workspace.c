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
