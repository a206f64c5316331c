#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <git2.h>

#include "error.h"
#include "repo.h"
#include "banned.h"

int
repo_find_isms_root(struct buf *root, const char *start)
{
	struct buf candidate = BUF_INIT;
	char *dir = NULL;
	size_t len;
	int error = 0;

	dir = realpath(start, NULL);
	if (!dir) {
		error = error_set(errno == ENOENT ? ISMS_ENOTFOUND : ISMS_EFAIL,
		    "cannot resolve folder '%s': %s", start, strerror(errno));
		goto done;
	}

	/* Walk up one folder at a time; "/" is the last one tried. */
	len = strlen(dir);
	for (;;) {
		struct stat st;

		buf_reset(&candidate);
		buf_add(&candidate, dir, len);
		if (len == 0 || candidate.ptr[len - 1] != '/')
			buf_putc(&candidate, '/');
		buf_puts(&candidate, ISMS_CONFIG_FILE);
		if (stat(candidate.ptr, &st) == 0 && S_ISREG(st.st_mode)) {
			buf_reset(root);
			buf_add(root, dir, len ? len : 1);
			break;
		}

		if (len <= 1) {
			error = error_set(ISMS_ENOTFOUND,
			    "no ISMS found in '%s' or any parent folder "
			    "(no %s)", dir, ISMS_CONFIG_FILE);
			error_set_hint("run 'isms init' to create one, or "
			    "point at it with -C DIR");
			goto done;
		}
		while (len > 1 && dir[len - 1] != '/')
			len--;
		if (len > 1)
			len--;
	}

done:
	free(dir);
	buf_release(&candidate);
	return error;
}

int
repo_open(git_repository **out, struct buf *prefix, const char *root)
{
	git_repository *repo = NULL;
	char *real_root = NULL;
	char *real_workdir = NULL;
	const char *workdir;
	size_t len;
	int error = 0;

	*out = NULL;
	real_root = realpath(root, NULL);
	if (!real_root) {
		error = error_set(ISMS_EFAIL, "cannot resolve folder '%s': %s",
		    root, strerror(errno));
		goto done;
	}

	error = git_repository_open_ext(&repo, real_root, 0, NULL);
	if (error < 0) {
		error = error_from_git(error, "cannot open the git repository "
		    "of the ISMS in '%s'", root);
		error_set_hint("the ISMS must be inside a git work tree: run "
		    "'git init' there first");
		goto done;
	}

	workdir = git_repository_workdir(repo);
	if (git_repository_is_bare(repo) || !workdir) {
		error = error_set(ISMS_EFAIL, "the git repository of the ISMS "
		    "in '%s' has no work tree", root);
		error_set_hint("the ISMS must be inside a git work tree, not a "
		    "bare repository");
		goto done;
	}

	real_workdir = realpath(workdir, NULL);
	if (!real_workdir) {
		error = error_set(ISMS_EFAIL, "cannot resolve folder '%s': %s",
		    workdir, strerror(errno));
		goto done;
	}

	/* The work tree top is "/x/y"; the prefix is what follows it. */
	len = strlen(real_workdir);
	if (len == 1)
		len = 0;
	if (strncmp(real_root, real_workdir, len) != 0 ||
	    (real_root[len] != '/' && real_root[len] != '\0')) {
		error = error_set(ISMS_EFAIL, "the ISMS in '%s' is not inside "
		    "the work tree '%s'", root, workdir);
		goto done;
	}

	buf_reset(prefix);
	if (real_root[len] == '/' && real_root[len + 1]) {
		buf_puts(prefix, real_root + len + 1);
		buf_putc(prefix, '/');
	}
	*out = repo;
	repo = NULL;

done:
	git_repository_free(repo);
	free(real_workdir);
	free(real_root);
	return error;
}
