#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "buf.h"
#include "embedded.h"
#include "error.h"
#include "fsutil.h"
#include "hooks.h"
#include "banned.h"

/* A hook script is a few hundred bytes; anything this large is not one. */
#define HOOK_MAX_BYTES (1024 * 1024)

#define ISMS_DIR_LINE "ISMS_DIR=${ISMS_DIR:-"

struct hook_source {
	const char *name;
	const char *text;
};

static const struct hook_source hook_sources[HOOKS_COUNT] = {
	{ "pre-commit", embedded_hook_pre_commit },
	{ "commit-msg", embedded_hook_commit_msg },
};

int
hooks_dir(struct buf *out, git_repository *repo)
{
	git_config *config = NULL;
	git_buf path = GIT_BUF_INIT;
	int error;

	error = git_repository_config_snapshot(&config, repo);
	if (error < 0) {
		error = error_from_git(error, "cannot read the git configuration");
		goto done;
	}

	error = git_config_get_path(&path, config, "core.hooksPath");
	if (error == GIT_ENOTFOUND) {
		git_error_clear();
		error = git_repository_item_path(&path, repo,
		    GIT_REPOSITORY_ITEM_HOOKS);
		if (error < 0) {
			error = error_from_git(error, "cannot find the hooks "
			    "folder of the repository");
			goto done;
		}
	} else if (error < 0) {
		error = error_from_git(error, "cannot read core.hooksPath");
		goto done;
	} else if (path.ptr[0] != '/') {
		const char *top = git_repository_workdir(repo);

		if (!top) {
			error = error_set(ISMS_EFAIL, "core.hooksPath '%s' is "
			    "relative, but the repository has no work tree",
			    path.ptr);
			goto done;
		}
		buf_puts(out, top);
	}
	buf_puts(out, path.ptr);

	/* "hooks/" and "hooks" name the same folder; drop the slash. */
	while (out->len > 1 && out->ptr[out->len - 1] == '/')
		buf_truncate(out, out->len - 1);
	error = 0;

done:
	git_buf_dispose(&path);
	git_config_free(config);
	return error;
}

/* Appends `s` in single quotes for the shell, each ' written as '\''. */
static void
shell_quote(struct buf *out, const char *s)
{
	buf_putc(out, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			buf_puts(out, "'\\''");
		else
			buf_putc(out, *s);
	}
	buf_putc(out, '\'');
}

int
hooks_render(struct buf *out, const char *text, const char *isms_dir)
{
	const char *line = text;
	struct buf dir = BUF_INIT;

	while (line && strncmp(line, ISMS_DIR_LINE, strlen(ISMS_DIR_LINE)) != 0) {
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	if (!line)
		return error_set(ISMS_EFAIL, "the hook script has no '%s' line",
		    ISMS_DIR_LINE);

	buf_puts(&dir, *isms_dir ? isms_dir : ".");
	while (dir.len > 1 && dir.ptr[dir.len - 1] == '/')
		buf_truncate(&dir, dir.len - 1);

	buf_add(out, text, (size_t)(line - text));
	buf_puts(out, ISMS_DIR_LINE);
	shell_quote(out, dir.ptr);
	buf_puts(out, "}\n");
	line = strchr(line, '\n');
	if (line)
		buf_puts(out, line + 1);
	buf_release(&dir);
	return 0;
}

int
hooks_is_ours(const char *content, size_t len)
{
	size_t marker_len = strlen(HOOKS_MARKER);
	size_t i = 0;

	while (i < len) {
		const char *end = memchr(content + i, '\n', len - i);
		size_t line_len = end ? (size_t)(end - (content + i)) : len - i;

		if (line_len >= marker_len &&
		    memcmp(content + i, HOOKS_MARKER, marker_len) == 0)
			return 1;
		i += line_len + 1;
	}
	return 0;
}

/* Creates `path` and its missing parents, as mkdir -p does. */
static int
make_folders(const char *path)
{
	struct buf partial = BUF_INIT;
	int error = 0;

	for (const char *p = path;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		if (p > path) {
			buf_reset(&partial);
			buf_add(&partial, path, (size_t)(p - path));
			if (mkdir(partial.ptr, 0777) < 0 && errno != EEXIST) {
				error = error_set(ISMS_EFAIL, "cannot create "
				    "folder '%s': %s", partial.ptr,
				    strerror(errno));
				break;
			}
		}
		if (*p == '\0')
			break;
	}
	buf_release(&partial);
	return error;
}

static int
write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Writes an executable file atomically: a temporary file in the same
 * folder, mode 0777 less the umask, flushed, then renamed over `path`.
 */
static int
write_executable(const char *path, const struct buf *data)
{
	struct buf temp = BUF_INIT;
	const char *slash = strrchr(path, '/');
	mode_t mask;
	int fd = -1;
	int error = 0;

	buf_add(&temp, path, slash ? (size_t)(slash - path) + 1 : 0);
	buf_printf(&temp, ".%s.XXXXXX", slash ? slash + 1 : path);
	fd = mkstemp(temp.ptr);
	if (fd < 0) {
		error = error_set(ISMS_EFAIL, "cannot create a temporary file "
		    "next to '%s': %s", path, strerror(errno));
		goto done;
	}

	/* Reading the umask means setting it; isms runs one thread. */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0777 & ~mask) < 0 ||
	    write_all(fd, data->ptr, data->len) < 0 || fsync(fd) < 0) {
		error = error_set(ISMS_EFAIL, "cannot write '%s': %s",
		    temp.ptr, strerror(errno));
		goto done;
	}
	if (close(fd) < 0) {
		fd = -1;
		error = error_set(ISMS_EFAIL, "cannot write '%s': %s",
		    temp.ptr, strerror(errno));
		goto done;
	}
	fd = -1;
	if (rename(temp.ptr, path) < 0)
		error = error_set(ISMS_EFAIL, "cannot rename '%s' to '%s': %s",
		    temp.ptr, path, strerror(errno));

done:
	if (fd >= 0)
		close(fd);
	if (error < 0 && temp.len)
		unlink(temp.ptr);
	buf_release(&temp);
	return error;
}

/*
 * Decides what installing `text` at `path` does. Fails when the file is
 * someone else's and `force` is not set.
 */
static int
plan_hook(enum hook_action *out, const char *path, const struct buf *text,
    int force)
{
	struct buf current = BUF_INIT;
	struct stat st;
	int error = 0;

	if (lstat(path, &st) < 0) {
		if (errno != ENOENT)
			return error_set(ISMS_EFAIL, "cannot read '%s': %s",
			    path, strerror(errno));
		*out = HOOK_CREATED;
		return 0;
	}
	if (S_ISDIR(st.st_mode))
		return error_set(ISMS_EFAIL, "cannot install a hook at '%s': "
		    "it is a folder", path);

	/* A dangling symbolic link or an unreadable file is someone's. */
	if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) {
		error = fs_read_file(path, HOOK_MAX_BYTES, &current);
		if (error < 0) {
			error_clear();
			error = 0;
			buf_reset(&current);
		}
	}

	if (!S_ISLNK(st.st_mode) && hooks_is_ours(current.ptr, current.len)) {
		*out = current.len == text->len &&
		    memcmp(current.ptr, text->ptr, text->len) == 0 &&
		    (st.st_mode & S_IXUSR) ? HOOK_UNCHANGED : HOOK_UPDATED;
	} else if (force) {
		*out = HOOK_REPLACED;
	} else {
		error = error_set(ISMS_EEXISTS, "'%s' exists and was not "
		    "written by isms; it was left unchanged", path);
		error_set_hint("keep it and call isms from it, or replace it "
		    "with 'isms hooks install --force'");
	}
	buf_release(&current);
	return error;
}

int
hooks_install(struct hooks_result *out, git_repository *repo,
    const char *isms_dir, int force)
{
	struct buf dir = BUF_INIT;
	struct buf texts[HOOKS_COUNT] = { BUF_INIT, BUF_INIT };
	int error;

	error = hooks_dir(&dir, repo);
	if (error < 0)
		goto done;

	/* Decide for every hook before writing any. */
	for (size_t i = 0; i < HOOKS_COUNT; i++) {
		struct hook_installed *hook = &out->hooks[out->count++];
		struct buf path = BUF_INIT;

		hook->name = hook_sources[i].name;
		buf_printf(&path, "%s/%s", dir.ptr, hook->name);
		hook->path = buf_detach(&path, NULL);
		error = hooks_render(&texts[i], hook_sources[i].text,
		    isms_dir);
		if (error < 0)
			goto done;
		error = plan_hook(&hook->action, hook->path, &texts[i], force);
		if (error < 0)
			goto done;
	}

	error = make_folders(dir.ptr);
	if (error < 0)
		goto done;
	for (size_t i = 0; i < out->count; i++) {
		if (out->hooks[i].action == HOOK_UNCHANGED)
			continue;
		error = write_executable(out->hooks[i].path, &texts[i]);
		if (error < 0)
			goto done;
	}

done:
	for (size_t i = 0; i < HOOKS_COUNT; i++)
		buf_release(&texts[i]);
	buf_release(&dir);
	return error;
}

void
hooks_result_release(struct hooks_result *result)
{
	for (size_t i = 0; i < result->count; i++)
		free(result->hooks[i].path);
	memset(result, 0, sizeof(*result));
}
