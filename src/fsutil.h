#ifndef ISMS_FSUTIL_H
#define ISMS_FSUTIL_H

#include <stddef.h>

#include "buf.h"

/*
 * Writes `len` bytes of `data` to `path` so that no reader ever sees a
 * partial file. The data goes to a temporary file in the same folder,
 * which is flushed with fsync() and then moved into place. The new file
 * gets mode 0666 less the umask, like a file created with open(2).
 *
 * Without `overwrite`, an existing file at `path` is never replaced, even
 * if it appears while the data is written. The temporary file is moved
 * with renameat2(RENAME_NOREPLACE) where the kernel and file system
 * support it, else hard-linked with link(2) and then unlinked. On a file
 * system that supports neither (some network and FAT file systems), the
 * call fails instead of falling back to a check that could race.
 *
 * Returns 0 on success. Returns ISMS_EEXISTS when `path` exists and
 * `overwrite` is 0, with a message that names the file and points at
 * --force, and ISMS_EFAIL for any other failure. On failure the temporary
 * file is removed and `path` is unchanged.
 */
int fs_write_atomic(const char *path, const void *data, size_t len,
    int overwrite);

/*
 * Appends the contents of the regular file `path` to `out`.
 *
 * Returns 0 on success, ISMS_ENOTFOUND when the file does not exist, and
 * ISMS_EFAIL when it is not a regular file, is larger than `max` bytes or
 * cannot be read. On failure `out` keeps its previous contents.
 */
int fs_read_file(const char *path, size_t max, struct buf *out);

#endif
