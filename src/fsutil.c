/* renameat2() and RENAME_NOREPLACE are GNU extensions in glibc's stdio.h. */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "fsutil.h"
#include "banned.h"

/* Builds "<dir>/.<name>.XXXXXX" for mkstemp() from "<dir>/<name>". */
static void
temp_template(struct buf *out, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;

	buf_add(out, path, (size_t)(name - path));
	buf_printf(out, ".%s.XXXXXX", name);
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
 * Moves `from` to `to` unless `to` exists. Returns 0, or -1 with errno
 * set (EEXIST when `to` exists).
 */
static int
rename_noreplace(const char *from, const char *to)
{
#ifdef RENAME_NOREPLACE
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	/* EINVAL: the file system does not support the flag. */
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
#endif
	if (link(from, to) < 0)
		return -1;
	/*
	 * The data is in place. A failed unlink only leaves the temporary
	 * name behind, which is not worth failing the write for.
	 */
	unlink(from);
	return 0;
}

/*
 * Flushes the folder entry of `path`, so the new name survives a crash.
 * Best effort: some file systems reject fsync() on a folder.
 */
static void
sync_parent(const char *path)
{
	struct buf dir = BUF_INIT;
	const char *slash = strrchr(path, '/');
	int fd;

	if (slash)
		buf_add(&dir, path, slash == path ? 1 : (size_t)(slash - path));
	else
		buf_putc(&dir, '.');
	fd = open(dir.ptr, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	buf_release(&dir);
}

int
fs_write_atomic(const char *path, const void *data, size_t len,
    int overwrite)
{
	struct buf temp = BUF_INIT;
	mode_t mask;
	int fd = -1;
	int have_temp = 0;
	int err = 0;

	temp_template(&temp, path);
	fd = mkstemp(temp.ptr);
	if (fd < 0) {
		err = error_set(ISMS_EFAIL,
		    "could not create a temporary file next to '%s': %s",
		    path, strerror(errno));
		goto done;
	}
	have_temp = 1;

	/*
	 * mkstemp() creates the file with mode 0600; give it the mode a
	 * plain open(2) would. Reading the umask means setting it, which is
	 * safe because the tool runs a single thread.
	 */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0 ||
	    write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		err = error_set(ISMS_EFAIL, "could not write '%s': %s",
		    temp.ptr, strerror(errno));
		goto done;
	}
	if (close(fd) < 0) {
		fd = -1;
		err = error_set(ISMS_EFAIL, "could not write '%s': %s",
		    temp.ptr, strerror(errno));
		goto done;
	}
	fd = -1;

	if (overwrite) {
		if (rename(temp.ptr, path) < 0) {
			err = error_set(ISMS_EFAIL,
			    "could not rename '%s' to '%s': %s",
			    temp.ptr, path, strerror(errno));
			goto done;
		}
	} else if (rename_noreplace(temp.ptr, path) < 0) {
		if (errno == EEXIST)
			err = error_set(ISMS_EEXISTS,
			    "'%s' already exists (use --force to overwrite it)",
			    path);
		else
			err = error_set(ISMS_EFAIL,
			    "could not move '%s' to '%s': %s",
			    temp.ptr, path, strerror(errno));
		goto done;
	}
	have_temp = 0;
	sync_parent(path);

done:
	if (fd >= 0)
		close(fd);
	if (have_temp)
		unlink(temp.ptr);
	buf_release(&temp);
	return err;
}

static int
file_too_large(const char *path, size_t max)
{
	return error_set(ISMS_EFAIL, "'%s' is too large: the limit is %zu bytes",
	    path, max);
}

int
fs_read_file(const char *path, size_t max, struct buf *out)
{
	size_t old_len = out->len;
	struct stat st;
	int fd;
	int err = 0;

	/* O_NONBLOCK keeps open() from waiting on a FIFO. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		err = error_set(errno == ENOENT ? ISMS_ENOTFOUND : ISMS_EFAIL,
		    "could not open '%s': %s", path, strerror(errno));
		goto done;
	}
	if (fstat(fd, &st) < 0) {
		err = error_set(ISMS_EFAIL, "could not read '%s': %s", path,
		    strerror(errno));
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		err = error_set(ISMS_EFAIL, "'%s' is not a regular file", path);
		goto done;
	}
	if ((unsigned long long)st.st_size > max) {
		err = file_too_large(path, max);
		goto done;
	}

	/* Read to end of file, since the size may change while we read. */
	for (;;) {
		ssize_t n;

		buf_grow(out, 8192);
		n = read(fd, out->ptr + out->len, out->alloc - out->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = error_set(ISMS_EFAIL, "could not read '%s': %s",
			    path, strerror(errno));
			goto done;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->ptr[out->len] = '\0';
		if (out->len - old_len > max) {
			err = file_too_large(path, max);
			goto done;
		}
	}

done:
	if (fd >= 0)
		close(fd);
	if (err < 0)
		buf_truncate(out, old_len);
	return err;
}
