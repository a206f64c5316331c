#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "error.h"
#include "fsutil.h"
#include "banned.h"

/* Each test gets a fresh folder under /tmp, removed afterwards. */
struct fixture {
	char dir[64];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/isms-test-fsutil-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	umask(022);
	error_clear();
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	DIR *d = opendir(f->dir);
	struct dirent *e;
	char path[512];

	while (d && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", f->dir, e->d_name);
		if (remove(path) < 0)
			rmdir(path);
	}
	if (d)
		closedir(d);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void
path_in(const struct fixture *f, const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s/%s", f->dir, name);
}

/* The number of entries in the folder, "." and ".." left out. */
static int
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
assert_file_contains(const char *path, const char *expected)
{
	struct buf b = BUF_INIT;

	assert_int_equal(fs_read_file(path, 1 << 20, &b), 0);
	assert_string_equal(b.ptr, expected);
	buf_release(&b);
}

static void
test_fs_write_atomic_creates_file(void **state)
{
	struct fixture *f = *state;
	char path[256];
	struct stat st;

	path_in(f, "RSK-001-fire.md", path, sizeof(path));
	assert_int_equal(fs_write_atomic(path, "hello\n", 6, 0), 0);
	assert_file_contains(path, "hello\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	assert_int_equal(count_entries(f->dir), 1);
}

static void
test_fs_write_atomic_keeps_existing(void **state)
{
	struct fixture *f = *state;
	char path[256];

	path_in(f, "RSK-001-fire.md", path, sizeof(path));
	assert_int_equal(fs_write_atomic(path, "first\n", 6, 0), 0);
	assert_int_equal(fs_write_atomic(path, "second\n", 7, 0), ISMS_EEXISTS);
	assert_non_null(strstr(error_message(), path));
	assert_non_null(strstr(error_message(), "--force"));
	assert_file_contains(path, "first\n");
	/* The temporary file is gone too. */
	assert_int_equal(count_entries(f->dir), 1);
}

static void
test_fs_write_atomic_overwrite(void **state)
{
	struct fixture *f = *state;
	char path[256];

	path_in(f, "x.md", path, sizeof(path));
	assert_int_equal(fs_write_atomic(path, "first\n", 6, 0), 0);
	assert_int_equal(fs_write_atomic(path, "second\n", 7, 1), 0);
	assert_file_contains(path, "second\n");
	assert_int_equal(count_entries(f->dir), 1);
}

static void
test_fs_write_atomic_missing_folder_fails(void **state)
{
	struct fixture *f = *state;
	char path[256];

	path_in(f, "no-such-folder/x.md", path, sizeof(path));
	assert_int_equal(fs_write_atomic(path, "x", 1, 0), ISMS_EFAIL);
	assert_non_null(strstr(error_message(), "temporary file"));
	assert_int_equal(count_entries(f->dir), 0);
}

static void
test_fs_write_atomic_empty_data(void **state)
{
	struct fixture *f = *state;
	char path[256];

	path_in(f, "empty", path, sizeof(path));
	assert_int_equal(fs_write_atomic(path, "", 0, 0), 0);
	assert_file_contains(path, "");
}

static void
test_fs_write_atomic_keeps_folder(void **state)
{
	struct fixture *f = *state;
	char path[256];

	path_in(f, "taken", path, sizeof(path));
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(fs_write_atomic(path, "x", 1, 0), ISMS_EEXISTS);
	assert_int_equal(count_entries(f->dir), 1);
}

static void
test_fs_read_file_appends_contents(void **state)
{
	struct fixture *f = *state;
	struct buf b = BUF_INIT;
	char path[256];

	path_in(f, "in.csv", path, sizeof(path));
	assert_int_equal(fs_write_atomic(path, "a,b\n1,2\n", 8, 0), 0);
	buf_puts(&b, ">");
	assert_int_equal(fs_read_file(path, 100, &b), 0);
	assert_string_equal(b.ptr, ">a,b\n1,2\n");
	assert_int_equal(b.len, 9);
	buf_release(&b);
}

static void
test_fs_read_file_missing_is_not_found(void **state)
{
	struct fixture *f = *state;
	struct buf b = BUF_INIT;
	char path[256];

	path_in(f, "missing.csv", path, sizeof(path));
	assert_int_equal(fs_read_file(path, 100, &b), ISMS_ENOTFOUND);
	assert_non_null(strstr(error_message(), path));
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

static void
test_fs_read_file_over_limit_fails(void **state)
{
	struct fixture *f = *state;
	struct buf b = BUF_INIT;
	char path[256];

	path_in(f, "big", path, sizeof(path));
	assert_int_equal(fs_write_atomic(path, "0123456789", 10, 0), 0);
	buf_puts(&b, "kept");
	assert_int_equal(fs_read_file(path, 9, &b), ISMS_EFAIL);
	assert_non_null(strstr(error_message(), "too large"));
	assert_string_equal(b.ptr, "kept");
	assert_int_equal(fs_read_file(path, 10, &b), 0);
	assert_string_equal(b.ptr, "kept0123456789");
	buf_release(&b);
}

static void
test_fs_read_file_rejects_folder(void **state)
{
	struct fixture *f = *state;
	struct buf b = BUF_INIT;

	assert_int_equal(fs_read_file(f->dir, 100, &b), ISMS_EFAIL);
	assert_non_null(strstr(error_message(), "not a regular file"));
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_fs_write_atomic_creates_file, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fs_write_atomic_keeps_existing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fs_write_atomic_overwrite,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fs_write_atomic_missing_folder_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fs_write_atomic_empty_data,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fs_write_atomic_keeps_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fs_read_file_appends_contents, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fs_read_file_missing_is_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fs_read_file_over_limit_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fs_read_file_rejects_folder, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
