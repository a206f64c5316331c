#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <git2.h>

#include "buf.h"
#include "error.h"
#include "source.h"
#include "strvec.h"
#include "banned.h"

/*
 * Unit tests of the three sources of ISMS files. Group setup makes one
 * real repository with libgit2 in which the same file contains different
 * text in HEAD ("committed"), in the index ("staged") and on disk
 * ("working"), next to hidden files, symbolic links and an ISMS in the
 * subfolder isms/.
 */

#define BIG_SIZE 100

struct fixture {
	char dir[64];
	struct buf workdir;		/* the top of the work tree */
	struct buf alt_index;		/* an index file outside the repo */
	git_repository *repo;
	git_oid head;
	char big[BIG_SIZE + 1];		/* the contents of big.md */
};

/* The buffers are set to BUF_INIT in group setup. */
static struct fixture fx;

static void
check_git(int error, const char *what)
{
	if (error < 0) {
		const git_error *e = git_error_last();

		fail_msg("%s failed: %s", what, e ? e->message : "?");
	}
}

/* Writes `content` to `rel` under the work tree, making its folders. */
static void
write_file(const char *rel, const char *content)
{
	struct buf path = BUF_INIT;
	FILE *f;

	buf_printf(&path, "%s/%s", fx.workdir.ptr, rel);
	for (char *p = path.ptr + fx.workdir.len + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(path.ptr, 0777);
		*p = '/';
	}
	f = fopen(path.ptr, "w");
	assert_non_null(f);
	fputs(content, f);
	assert_int_equal(fclose(f), 0);
	buf_release(&path);
}

static void
make_link(const char *target, const char *rel)
{
	struct buf path = BUF_INIT;

	buf_printf(&path, "%s/%s", fx.workdir.ptr, rel);
	assert_int_equal(symlink(target, path.ptr), 0);
	buf_release(&path);
}

static void
stage(git_index *index, const char *path, const char *content,
    uint32_t mode)
{
	git_index_entry entry;

	memset(&entry, 0, sizeof(entry));
	entry.path = path;
	entry.mode = mode;
	check_git(git_index_add_from_buffer(index, &entry, content,
	    strlen(content)), "git_index_add_from_buffer");
}

static void
commit_index(git_index *index)
{
	git_signature *sig = NULL;
	git_tree *tree = NULL;
	git_oid tree_id;

	check_git(git_index_write_tree(&tree_id, index),
	    "git_index_write_tree");
	check_git(git_tree_lookup(&tree, fx.repo, &tree_id), "git_tree_lookup");
	check_git(git_signature_new(&sig, "Test", "test@example.com",
	    1772366400, 0), "git_signature_new");
	check_git(git_commit_create(&fx.head, fx.repo, "HEAD", sig, sig, NULL,
	    "Start the ISMS", tree, 0, NULL), "git_commit_create");
	git_signature_free(sig);
	git_tree_free(tree);
}

/* The committed tree, then a staged change, then the working files. */
static void
build_repository(void)
{
	git_repository_init_options opts;
	git_index *index = NULL;
	struct buf path = BUF_INIT;

	check_git(git_repository_init_options_init(&opts,
	    GIT_REPOSITORY_INIT_OPTIONS_VERSION), "init options");
	opts.flags = GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = "main";
	buf_printf(&path, "%s/repo", fx.dir);
	check_git(git_repository_init_ext(&fx.repo, path.ptr, &opts),
	    "git_repository_init_ext");
	buf_puts(&fx.workdir, path.ptr);
	buf_release(&path);

	memset(fx.big, 'x', BIG_SIZE);
	fx.big[BIG_SIZE] = '\0';

	check_git(git_repository_index(&index, fx.repo),
	    "git_repository_index");
	stage(index, "isms.yaml", "top: committed\n", GIT_FILEMODE_BLOB);
	stage(index, "a.md", "a\n", GIT_FILEMODE_BLOB);
	stage(index, "big.md", fx.big, GIT_FILEMODE_BLOB);
	stage(index, "risks/RSK-001-a.md", "committed\n", GIT_FILEMODE_BLOB);
	stage(index, "risks/.draft.md", "hidden\n", GIT_FILEMODE_BLOB);
	stage(index, ".hidden/secret.md", "hidden\n", GIT_FILEMODE_BLOB);
	stage(index, "link.md", "a.md", GIT_FILEMODE_LINK);
	stage(index, "isms/isms.yaml", "sub: committed\n", GIT_FILEMODE_BLOB);
	stage(index, "isms/risks/RSK-002-b.md", "b\n", GIT_FILEMODE_BLOB);
	stage(index, "isms-other/x.md", "x\n", GIT_FILEMODE_BLOB);
	commit_index(index);

	stage(index, "risks/RSK-001-a.md", "staged\n", GIT_FILEMODE_BLOB);
	stage(index, "risks/RSK-003-new.md", "new\n", GIT_FILEMODE_BLOB);
	check_git(git_index_write(index), "git_index_write");
	git_index_free(index);

	write_file("isms.yaml", "top: working\n");
	write_file("a.md", "a\n");
	write_file("big.md", fx.big);
	write_file("risks/RSK-001-a.md", "working\n");
	write_file("risks/.draft.md", "hidden\n");
	write_file(".hidden/secret.md", "hidden\n");
	write_file("b/z.md", "z\n");
	write_file("isms/isms.yaml", "sub: working\n");
	write_file("isms/risks/RSK-002-b.md", "b\n");
	make_link("a.md", "link.md");
	make_link("risks", "linkdir");
	make_link("/nonexistent/target", "dangling.md");
}

static int
group_setup(void **state)
{
	const struct buf empty = BUF_INIT;

	(void)state;
	fx.workdir = empty;
	fx.alt_index = empty;
	git_libgit2_init();
	/* A hook environment would point source_open_index() elsewhere. */
	unsetenv("GIT_INDEX_FILE");
	snprintf(fx.dir, sizeof(fx.dir), "%s", "/tmp/isms-test-source.XXXXXX");
	if (!mkdtemp(fx.dir))
		return -1;
	buf_printf(&fx.alt_index, "%s/alt-index", fx.dir);
	build_repository();
	return 0;
}

static void
remove_tree(const char *path)
{
	struct buf child = BUF_INIT;
	struct dirent *entry;
	struct stat st;
	DIR *d;

	if (lstat(path, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	d = opendir(path);
	while (d && (entry = readdir(d)) != NULL) {
		if (strcmp(entry->d_name, ".") == 0 ||
		    strcmp(entry->d_name, "..") == 0)
			continue;
		buf_reset(&child);
		buf_printf(&child, "%s/%s", path, entry->d_name);
		remove_tree(child.ptr);
	}
	if (d)
		closedir(d);
	rmdir(path);
	buf_release(&child);
}

static int
group_teardown(void **state)
{
	(void)state;
	git_repository_free(fx.repo);
	remove_tree(fx.dir);
	buf_release(&fx.workdir);
	buf_release(&fx.alt_index);
	error_clear();
	git_libgit2_shutdown();
	return 0;
}

static int
setup(void **state)
{
	(void)state;
	error_clear();
	return 0;
}

static void
assert_contains(const char *text, const char *part)
{
	if (!text || !strstr(text, part))
		fail_msg("'%s' does not contain '%s'", text ? text : "(null)",
		    part);
}

/* Lists `src` and compares with the NULL-terminated `expected`. */
static void
assert_lists(struct source *src, const char *const *expected)
{
	struct strvec files = STRVEC_INIT;
	size_t count = 0;

	assert_int_equal(source_list(src, &files), 0);
	while (expected[count])
		count++;
	if (files.count != count)
		for (size_t i = 0; i < files.count; i++)
			print_message("  listed: %s\n", files.items[i]);
	assert_int_equal(files.count, count);
	for (size_t i = 0; i < count; i++)
		assert_string_equal(files.items[i], expected[i]);
	strvec_clear(&files);
}

static struct source *
open_worktree(const char *sub)
{
	struct buf root = BUF_INIT;
	struct source *src = NULL;

	buf_puts(&root, fx.workdir.ptr);
	if (sub)
		buf_printf(&root, "/%s", sub);
	assert_int_equal(source_open_worktree(&src, root.ptr), 0);
	buf_release(&root);
	return src;
}

static struct source *
open_index(const char *prefix)
{
	struct source *src = NULL;

	assert_int_equal(source_open_index(&src, fx.repo, prefix), 0);
	assert_non_null(src);
	return src;
}

static struct source *
open_head(const char *prefix)
{
	struct source *src = NULL;

	assert_int_equal(source_open_rev(&src, fx.repo, "HEAD", prefix), 0);
	assert_non_null(src);
	return src;
}

/* Reads `path` from `src` with no practical size limit. */
static void
assert_reads(struct source *src, const char *path, const char *expected)
{
	struct buf text = BUF_INIT;

	assert_int_equal(source_read(src, path, 1 << 20, &text), 0);
	assert_string_equal(text.ptr, expected);
	assert_int_equal(text.len, strlen(expected));
	buf_release(&text);
}

static void
test_source_list_worktree_filters_and_sorts(void **state)
{
	static const char *const expected[] = { "a.md", "b/z.md", "big.md",
		"isms.yaml", "isms/isms.yaml", "isms/risks/RSK-002-b.md",
		"risks/RSK-001-a.md", NULL };
	struct source *src = open_worktree(NULL);

	(void)state;
	assert_lists(src, expected);
	source_free(src);
}

static void
test_source_list_worktree_subfolder(void **state)
{
	static const char *const expected[] = { "isms.yaml",
		"risks/RSK-002-b.md", NULL };
	static const char *const roots[] = { "isms", "isms/", "isms//" };

	(void)state;
	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		struct source *src = open_worktree(roots[i]);

		assert_lists(src, expected);
		assert_reads(src, "isms.yaml", "sub: working\n");
		source_free(src);
	}
}

static void
test_source_list_worktree_missing_root_fails(void **state)
{
	struct strvec files = STRVEC_INIT;
	struct source *src = open_worktree("no-such-folder");

	(void)state;
	assert_int_equal(source_list(src, &files), ISMS_EFAIL);
	assert_contains(error_message(), "no-such-folder");
	assert_int_equal(files.count, 0);
	strvec_clear(&files);
	source_free(src);
}

static void
test_source_read_worktree_reads_disk(void **state)
{
	struct source *src = open_worktree(NULL);

	(void)state;
	assert_reads(src, "risks/RSK-001-a.md", "working\n");
	assert_reads(src, "isms.yaml", "top: working\n");
	source_free(src);
}

static void
test_source_read_worktree_symlink_and_folder(void **state)
{
	struct source *src = open_worktree(NULL);
	struct buf text = BUF_INIT;

	(void)state;
	/* A folder is not a file to read, and the message names it. */
	assert_int_equal(source_read(src, "risks", 1 << 20, &text), ISMS_EFAIL);
	assert_contains(error_message(), "'risks'");
	error_clear();
	assert_int_equal(source_read(src, "dangling.md", 1 << 20, &text),
	    ISMS_ENOTFOUND);
	buf_release(&text);
	source_free(src);
}

static void
test_source_read_index_staged_content(void **state)
{
	struct source *src = open_index("");

	(void)state;
	assert_reads(src, "risks/RSK-001-a.md", "staged\n");
	assert_reads(src, "risks/RSK-003-new.md", "new\n");
	assert_reads(src, "isms.yaml", "top: committed\n");
	source_free(src);
}

static void
test_source_list_index_filters(void **state)
{
	static const char *const expected[] = { "a.md", "big.md",
		"isms-other/x.md", "isms.yaml", "isms/isms.yaml",
		"isms/risks/RSK-002-b.md", "risks/RSK-001-a.md",
		"risks/RSK-003-new.md", NULL };
	struct source *src = open_index("");

	(void)state;
	assert_lists(src, expected);
	source_free(src);
}

static void
test_source_list_rev_filters(void **state)
{
	static const char *const expected[] = { "a.md", "big.md",
		"isms-other/x.md", "isms.yaml", "isms/isms.yaml",
		"isms/risks/RSK-002-b.md", "risks/RSK-001-a.md", NULL };
	struct source *src = open_head("");

	(void)state;
	assert_lists(src, expected);
	source_free(src);
}

static void
test_source_open_rev_reads_committed_file(void **state)
{
	struct source *src = open_head("");

	(void)state;
	assert_reads(src, "risks/RSK-001-a.md", "committed\n");
	assert_reads(src, "isms.yaml", "top: committed\n");
	source_free(src);
}

static void
test_source_open_rev_by_branch_and_id(void **state)
{
	char id[GIT_OID_HEXSZ + 1];
	const char *revs[] = { "main", "refs/heads/main", id };

	(void)state;
	git_oid_tostr(id, sizeof(id), &fx.head);
	for (size_t i = 0; i < sizeof(revs) / sizeof(revs[0]); i++) {
		struct source *src = NULL;

		assert_int_equal(source_open_rev(&src, fx.repo, revs[i], ""),
		    0);
		assert_string_equal(source_label(src), id);
		assert_reads(src, "a.md", "a\n");
		source_free(src);
	}
}

static void
test_source_read_missing_file_quiet(void **state)
{
	struct source *sources[3];
	struct buf text = BUF_INIT;

	(void)state;
	sources[0] = open_worktree(NULL);
	sources[1] = open_index("");
	sources[2] = open_head("");
	buf_puts(&text, "unchanged");
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(source_read(sources[i], "risks/RSK-404.md",
		    1 << 20, &text), ISMS_ENOTFOUND);
		assert_null(error_message());
		assert_int_equal(source_read(sources[i], "no/such/folder.md",
		    1 << 20, &text), ISMS_ENOTFOUND);
		assert_null(error_message());
		/* A file used as a folder is not found either. */
		assert_int_equal(source_read(sources[i], "a.md/x", 1 << 20,
		    &text), ISMS_ENOTFOUND);
		assert_null(error_message());
		assert_string_equal(text.ptr, "unchanged");
		source_free(sources[i]);
	}
	buf_release(&text);
}

static void
test_source_read_rev_unstaged_file(void **state)
{
	struct source *src = open_head("");
	struct buf text = BUF_INIT;

	(void)state;
	assert_int_equal(source_read(src, "risks/RSK-003-new.md", 1 << 20,
	    &text), ISMS_ENOTFOUND);
	/* A folder of the commit is not a file. */
	assert_int_equal(source_read(src, "risks", 1 << 20, &text),
	    ISMS_ENOTFOUND);
	buf_release(&text);
	source_free(src);
}

static void
test_source_open_rev_missing_revision_not_found(void **state)
{
	/* Starts non-NULL so the test can check that the call sets NULL. */
	struct source *src = (struct source *)&fx;

	(void)state;
	assert_int_equal(source_open_rev(&src, fx.repo, "no-such-branch", ""),
	    ISMS_ENOTFOUND);
	assert_null(src);
	assert_contains(error_message(), "'no-such-branch'");
	assert_contains(error_message(), "not found");
}

static void
test_source_open_rev_tree_is_not_commit(void **state)
{
	struct source *src = NULL;

	(void)state;
	assert_int_equal(source_open_rev(&src, fx.repo, "HEAD^{tree}", ""),
	    ISMS_EFAIL);
	assert_null(src);
	assert_contains(error_message(), "is not a commit");
}

static void
test_source_read_rejects_escaping_paths(void **state)
{
	static const char *const paths[] = { "../repo/a.md", "/etc/hostname",
		"risks/../../a.md", "risks/..", "..", "" };
	struct source *sources[3];
	struct buf text = BUF_INIT;
	char id[41];

	(void)state;
	sources[0] = open_worktree("isms");
	sources[1] = open_index("isms/");
	sources[2] = open_head("isms/");
	for (size_t s = 0; s < 3; s++) {
		for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
			error_clear();
			assert_int_equal(source_read(sources[s], paths[i],
			    1 << 20, &text), ISMS_EFAIL);
			assert_contains(error_message(), "invalid path");
			error_clear();
			assert_int_equal(source_blob_id(sources[s], paths[i],
			    id), ISMS_EFAIL);
			assert_contains(error_message(), "invalid path");
		}
		source_free(sources[s]);
	}
	buf_release(&text);
}

static void
test_source_read_dot_dot_name_allowed(void **state)
{
	struct source *src = open_worktree(NULL);
	struct buf text = BUF_INIT;

	(void)state;
	/* "..notes.md" is a file name, not a step out of the root. */
	assert_int_equal(source_read(src, "..notes.md", 1 << 20, &text),
	    ISMS_ENOTFOUND);
	assert_null(error_message());
	buf_release(&text);
	source_free(src);
}

/*
 * A symbolic link is not a file of the ISMS: the listings skip it, and
 * the index source does not read it. A commit source must not hand back
 * the link's target path as if it were the file's contents.
 */
static void
test_source_read_git_symlink_not_found(void **state)
{
	struct source *sources[2];
	struct buf text = BUF_INIT;
	char id[41];

	(void)state;
	sources[0] = open_index("");
	sources[1] = open_head("");
	for (size_t i = 0; i < 2; i++) {
		int rc = source_read(sources[i], "link.md", 1 << 20, &text);

		if (rc != ISMS_ENOTFOUND)
			fail_msg("%s: reading a symbolic link returned %d "
			    "with contents '%s'", source_label(sources[i]), rc,
			    text.ptr);
		assert_int_equal(source_blob_id(sources[i], "link.md", id),
		    ISMS_ENOTFOUND);
		source_free(sources[i]);
	}
	buf_release(&text);
}

/*
 * A FIFO where a file is expected (isms.yaml and controls/soa.yaml are
 * read by name) must be rejected, not opened: opening a FIFO for reading
 * waits for a writer. The read runs in a child process so that a hang
 * fails the test after two seconds instead of stopping the suite.
 */
static void
test_source_read_fifo_not_blocking(void **state)
{
	struct buf fifo = BUF_INIT;
	pid_t child;
	int status = 0;
	int waited = 0;

	(void)state;
	buf_printf(&fifo, "%s/fifo.yaml", fx.workdir.ptr);
	assert_int_equal(mkfifo(fifo.ptr, 0600), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		struct source *src = open_worktree(NULL);
		struct buf text = BUF_INIT;
		int rc = source_read(src, "fifo.yaml", 1 << 20, &text);

		_exit(rc == ISMS_EFAIL ? 0 : 1);
	}
	for (waited = 0; waited < 200; waited++) {
		if (waitpid(child, &status, WNOHANG) == child)
			break;
		usleep(10000);
	}
	if (waited == 200) {
		kill(child, SIGKILL);
		waitpid(child, &status, 0);
	}
	unlink(fifo.ptr);
	buf_release(&fifo);
	if (waited == 200)
		fail_msg("reading a FIFO blocked for two seconds");
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_source_read_size_limit(void **state)
{
	struct source *sources[3];
	struct buf text = BUF_INIT;

	(void)state;
	sources[0] = open_worktree(NULL);
	sources[1] = open_index("");
	sources[2] = open_head("");
	for (size_t i = 0; i < 3; i++) {
		error_clear();
		assert_int_equal(source_read(sources[i], "big.md", BIG_SIZE,
		    &text), 0);
		assert_int_equal(text.len, BIG_SIZE);
		assert_string_equal(text.ptr, fx.big);

		assert_int_equal(source_read(sources[i], "big.md",
		    BIG_SIZE - 1, &text), ISMS_EFAIL);
		assert_contains(error_message(), "'big.md'");
		assert_contains(error_message(), "99 bytes");
		source_free(sources[i]);
	}
	buf_release(&text);
}

static void
test_source_list_index_subfolder_prefix(void **state)
{
	static const char *const expected[] = { "isms.yaml",
		"risks/RSK-002-b.md", NULL };
	static const char *const prefixes[] = { "isms/", "isms", "/isms//" };

	(void)state;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		struct source *src = open_index(prefixes[i]);

		assert_lists(src, expected);
		assert_reads(src, "isms.yaml", "sub: committed\n");
		source_free(src);
	}
}

static void
test_source_list_rev_subfolder_prefix(void **state)
{
	static const char *const expected[] = { "isms.yaml",
		"risks/RSK-002-b.md", NULL };
	static const char *const prefixes[] = { "isms/", "isms", "/isms//" };

	(void)state;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		struct source *src = open_head(prefixes[i]);
		struct buf text = BUF_INIT;

		assert_lists(src, expected);
		assert_reads(src, "isms.yaml", "sub: committed\n");
		/* Files of the top are out of reach under the prefix. */
		assert_int_equal(source_read(src, "a.md", 1 << 20, &text),
		    ISMS_ENOTFOUND);
		buf_release(&text);
		source_free(src);
	}
}

static void
test_source_list_rev_missing_prefix_empty(void **state)
{
	static const char *const expected[] = { NULL };
	static const char *const prefixes[] = { "nowhere/", "a.md/" };

	(void)state;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		struct source *src = open_head(prefixes[i]);

		assert_lists(src, expected);
		source_free(src);
		src = open_index(prefixes[i]);
		assert_lists(src, expected);
		source_free(src);
	}
}

static void
test_source_blob_id_matches_content(void **state)
{
	static const struct {
		int kind;
		const char *content;
	} cases[] = {
		{ SOURCE_WORKTREE, "working\n" },
		{ SOURCE_INDEX, "staged\n" },
		{ SOURCE_COMMIT, "committed\n" },
	};
	char expected[41];
	char id[41];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct source *src = cases[i].kind == SOURCE_WORKTREE ?
		    open_worktree(NULL) : cases[i].kind == SOURCE_INDEX ?
		    open_index("") : open_head("");
		git_oid oid;

		check_git(git_odb_hash(&oid, cases[i].content,
		    strlen(cases[i].content), GIT_OBJECT_BLOB), "git_odb_hash");
		git_oid_tostr(expected, sizeof(expected), &oid);
		assert_int_equal(source_blob_id(src, "risks/RSK-001-a.md", id),
		    0);
		assert_string_equal(id, expected);

		assert_int_equal(source_blob_id(src, "risks/RSK-404.md", id),
		    ISMS_ENOTFOUND);
		assert_string_equal(id, "");
		assert_null(error_message());
		source_free(src);
	}
}

static void
test_source_kind_and_label(void **state)
{
	char id[GIT_OID_HEXSZ + 1];
	struct source *src;

	(void)state;
	src = open_worktree(NULL);
	assert_int_equal(source_kind(src), SOURCE_WORKTREE);
	assert_string_equal(source_label(src), "working tree");
	source_free(src);

	src = open_index("");
	assert_int_equal(source_kind(src), SOURCE_INDEX);
	assert_string_equal(source_label(src), "index");
	source_free(src);

	src = open_head("");
	git_oid_tostr(id, sizeof(id), &fx.head);
	assert_int_equal(source_kind(src), SOURCE_COMMIT);
	assert_string_equal(source_label(src), id);
	source_free(src);

	source_free(NULL);
}

/*
 * Writes an index file at fx.alt_index. With `conflict`, the index also
 * contains a path with unresolved conflict entries.
 */
static void
write_alt_index(int conflict)
{
	git_index *index = NULL;
	git_index_entry entry;
	git_oid blob;

	unlink(fx.alt_index.ptr);
	check_git(git_index_open(&index, fx.alt_index.ptr), "git_index_open");
	check_git(git_index_set_version(index, 2), "git_index_set_version");
	check_git(git_blob_create_from_buffer(&blob, fx.repo, "alt\n", 4),
	    "git_blob_create_from_buffer");
	memset(&entry, 0, sizeof(entry));
	entry.path = "alt.md";
	entry.mode = GIT_FILEMODE_BLOB;
	entry.id = blob;
	check_git(git_index_add(index, &entry), "git_index_add");
	if (conflict) {
		git_index_entry ours, theirs;

		memset(&ours, 0, sizeof(ours));
		ours.path = "fight.md";
		ours.mode = GIT_FILEMODE_BLOB;
		ours.id = blob;
		theirs = ours;
		check_git(git_index_conflict_add(index, NULL, &ours, &theirs),
		    "git_index_conflict_add");
	}
	check_git(git_index_write(index), "git_index_write");
	git_index_free(index);
}

static void
test_source_open_index_env_file(void **state)
{
	static const char *const expected[] = { "alt.md", NULL };
	struct source *src = NULL;
	int rc;

	(void)state;
	write_alt_index(0);
	setenv("GIT_INDEX_FILE", fx.alt_index.ptr, 1);
	rc = source_open_index(&src, fx.repo, "");
	unsetenv("GIT_INDEX_FILE");
	assert_int_equal(rc, 0);
	assert_lists(src, expected);
	assert_reads(src, "alt.md", "alt\n");
	source_free(src);
}

static void
test_source_open_index_conflicts_rejected(void **state)
{
	/* Starts non-NULL so the test can check that the call sets NULL. */
	struct source *src = (struct source *)&fx;
	int rc;

	(void)state;
	write_alt_index(1);
	setenv("GIT_INDEX_FILE", fx.alt_index.ptr, 1);
	rc = source_open_index(&src, fx.repo, "");
	unsetenv("GIT_INDEX_FILE");
	assert_int_equal(rc, ISMS_EFAIL);
	assert_null(src);
	assert_contains(error_message(), "merge conflicts");
	assert_non_null(error_hint());
}

#define TEST(name) cmocka_unit_test_setup(name, setup)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_source_list_worktree_filters_and_sorts),
		TEST(test_source_list_worktree_subfolder),
		TEST(test_source_list_worktree_missing_root_fails),
		TEST(test_source_read_worktree_reads_disk),
		TEST(test_source_read_worktree_symlink_and_folder),
		TEST(test_source_read_index_staged_content),
		TEST(test_source_list_index_filters),
		TEST(test_source_list_rev_filters),
		TEST(test_source_open_rev_reads_committed_file),
		TEST(test_source_open_rev_by_branch_and_id),
		TEST(test_source_read_missing_file_quiet),
		TEST(test_source_read_rev_unstaged_file),
		TEST(test_source_open_rev_missing_revision_not_found),
		TEST(test_source_open_rev_tree_is_not_commit),
		TEST(test_source_read_rejects_escaping_paths),
		TEST(test_source_read_dot_dot_name_allowed),
		TEST(test_source_read_git_symlink_not_found),
		TEST(test_source_read_fifo_not_blocking),
		TEST(test_source_read_size_limit),
		TEST(test_source_list_index_subfolder_prefix),
		TEST(test_source_list_rev_subfolder_prefix),
		TEST(test_source_list_rev_missing_prefix_empty),
		TEST(test_source_blob_id_matches_content),
		TEST(test_source_kind_and_label),
		TEST(test_source_open_index_env_file),
		TEST(test_source_open_index_conflicts_rejected),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
