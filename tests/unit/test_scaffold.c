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
#include <git2.h>

#include "buf.h"
#include "error.h"
#include "fsutil.h"
#include "scaffold.h"
#include "strvec.h"
#include "banned.h"

/*
 * Unit tests of scaffold.c: titles and slugs, the next free id from the
 * names seen (in memory and in a real git repository), and the files of
 * a new ISMS written into a temporary folder.
 */

static void
test_scaffold_slug_cases(void **state)
{
	static const struct {
		const char *title;
		const char *slug;
	} cases[] = {
		{ "Laptop theft", "laptop-theft" },
		{ "  Backups: untested!! ", "backups-untested" },
		{ "Caf\xc3\xa9 \"Z\xc3\xbcrich\" backups / restore",
		    "cafe-zurich-backups-restore" },
		{ "Don't panic", "dont-panic" },
		{ "Don\xe2\x80\x99t", "dont" },
		{ "Stra\xc3\x9f" "e \xc3\x86sir \xc5\x92uvre \xc4\xb2ssel",
		    "strasse-aesir-oeuvre-ijssel" },
		{ "\xc5\x81\xc3\xb3\x64\xc5\xba", "lodz" },
		{ "\xc3\x9eor \xc3\xb0", "thor-d" },
		{ "Wi\xe2\x80\x91" "Fi", "wi-fi" },
		{ "a/b\\c", "a-b-c" },
		{ "ISO 27001:2022 A.5.1", "iso-27001-2022-a-5-1" },
		{ "a\xff" "b", "a-b" },
		{ "2 \xc3\x97 3 \xc3\xb7 4", "2-3-4" },
		{ "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", "" },
		{ "---", "" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf out = BUF_INIT;

		scaffold_slug(&out, cases[i].title);
		assert_string_equal(out.ptr, cases[i].slug);
		buf_release(&out);
	}
}

static void
test_scaffold_slug_cut_at_word(void **state)
{
	struct buf out = BUF_INIT;

	(void)state;
	scaffold_slug(&out, "alpha bravo charlie delta echo foxtrot golf "
	    "hotel india juliett");
	assert_string_equal(out.ptr,
	    "alpha-bravo-charlie-delta-echo-foxtrot-golf-hotel");

	/* One word longer than the limit is cut at the limit. */
	buf_reset(&out);
	scaffold_slug(&out, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
	    "abcdefghij");
	assert_int_equal(out.len, SCAFFOLD_SLUG_MAX);

	/* The limit counts the slug only, not what the buffer held before. */
	buf_reset(&out);
	buf_puts(&out, "RSK-001-");
	scaffold_slug(&out, "alpha bravo charlie delta echo foxtrot golf "
	    "hotel india juliett");
	assert_string_equal(out.ptr,
	    "RSK-001-alpha-bravo-charlie-delta-echo-foxtrot-golf-hotel");
	buf_release(&out);
}

static void
test_scaffold_clean_title_trims(void **state)
{
	struct buf out = BUF_INIT;

	(void)state;
	assert_int_equal(scaffold_clean_title(&out, "  Z\xc3\xbcrich office  "),
	    0);
	assert_string_equal(out.ptr, "Z\xc3\xbcrich office");
	buf_release(&out);
}

static void
test_scaffold_clean_title_rejects(void **state)
{
	static const char *const bad[] = {
		"", "   ", "tab\there", "two\nlines", "nel\xc2\x85",
		"ls\xe2\x80\xa8", "del\x7f", "bad\xff", "overlong\xc0\xaf",
		"surrogate\xed\xa0\x80", "cut\xe2\x80",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct buf out = BUF_INIT;

		assert_int_equal(scaffold_clean_title(&out, bad[i]),
		    ISMS_EUSAGE);
		assert_non_null(error_message());
		error_clear();
		buf_release(&out);
	}
}

static void
expect_next(const struct scaffold_ids *ids, const char *expected)
{
	struct buf out = BUF_INIT;

	scaffold_ids_next(ids, &out);
	assert_string_equal(out.ptr, expected);
	buf_release(&out);
}

static void
test_scaffold_ids_next_empty(void **state)
{
	struct scaffold_ids ids = SCAFFOLD_IDS_INIT("RSK");

	(void)state;
	expect_next(&ids, "RSK-001");
}

static void
test_scaffold_ids_next_after_highest(void **state)
{
	static const char *const names[] = {
		"RSK-001-laptop-theft.md", "RSK-002.md", "RSK-010",
		"RSK-005-gap.md", "RSKX-099-other.md", "RSK-5x.md",
		"OPP-077-chance.md", "RSK-0123456789-huge.md", "RSK-",
		"RSK-.md", "rsk-050-lower.md", "RSK-040.txt",
	};
	struct scaffold_ids ids = SCAFFOLD_IDS_INIT("RSK");

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		scaffold_ids_add(&ids, names[i]);
	assert_int_equal(ids.highest, 10);
	expect_next(&ids, "RSK-011");
}

static void
test_scaffold_ids_next_keeps_width(void **state)
{
	struct scaffold_ids ids = SCAFFOLD_IDS_INIT("CHG");

	(void)state;
	scaffold_ids_add(&ids, "CHG-0042-wide.md");
	scaffold_ids_add(&ids, "CHG-7");
	expect_next(&ids, "CHG-0043");
	scaffold_ids_add(&ids, "CHG-9999");
	expect_next(&ids, "CHG-10000");
}

/* Adds a file `name` holding `content` to the tree `builder` builds. */
static void
insert_blob(git_repository *repo, git_treebuilder *builder,
    const char *name, const char *content)
{
	git_oid blob;

	assert_int_equal(git_blob_create_from_buffer(&blob, repo, content,
	    strlen(content)), 0);
	assert_int_equal(git_treebuilder_insert(NULL, builder, name, &blob,
	    GIT_FILEMODE_BLOB), 0);
}

/*
 * Commits a tree with `folder`/`name` on branch `ref` (no parent), as a
 * branch created elsewhere would look.
 */
static void
commit_file(git_repository *repo, const char *ref, const char *folder,
    const char *name)
{
	git_treebuilder *sub = NULL, *top = NULL;
	git_oid sub_id, top_id, commit_id;
	git_tree *tree = NULL;
	git_signature *sig = NULL;

	assert_int_equal(git_treebuilder_new(&sub, repo, NULL), 0);
	insert_blob(repo, sub, name, "---\nid: x\n---\n");
	assert_int_equal(git_treebuilder_write(&sub_id, sub), 0);
	assert_int_equal(git_treebuilder_new(&top, repo, NULL), 0);
	assert_int_equal(git_treebuilder_insert(NULL, top, folder, &sub_id,
	    GIT_FILEMODE_TREE), 0);
	insert_blob(repo, top, "isms.yaml", "isms: 1\n");
	assert_int_equal(git_treebuilder_write(&top_id, top), 0);
	assert_int_equal(git_tree_lookup(&tree, repo, &top_id), 0);
	assert_int_equal(git_signature_new(&sig, "Test", "test@example.com",
	    1767225600, 0), 0);
	assert_int_equal(git_commit_create(&commit_id, repo, ref, sig, sig,
	    NULL, "add", tree, 0, NULL), 0);

	git_signature_free(sig);
	git_tree_free(tree);
	git_treebuilder_free(top);
	git_treebuilder_free(sub);
}

static void
remove_tree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	struct buf child = BUF_INIT;
	struct stat st;

	while (d && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		buf_reset(&child);
		buf_printf(&child, "%s/%s", path, e->d_name);
		if (lstat(child.ptr, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(child.ptr);
		else
			unlink(child.ptr);
	}
	if (d)
		closedir(d);
	rmdir(path);
	buf_release(&child);
}

static void
test_scaffold_ids_add_git_branches_and_index(void **state)
{
	char dir[] = "/tmp/isms-test-scaffold-git-XXXXXX";
	struct scaffold_ids ids = SCAFFOLD_IDS_INIT("RSK");
	git_repository *repo = NULL;
	git_index *index = NULL;
	git_index_entry entry;
	const char *text = "staged";

	(void)state;
	git_libgit2_init();
	assert_non_null(mkdtemp(dir));
	assert_int_equal(git_repository_init(&repo, dir, 0), 0);

	/* HEAD is unborn; two branches carry risks under isms/risks. */
	commit_file(repo, "refs/heads/other", "risks", "RSK-003-other.md");
	commit_file(repo, "refs/heads/wide", "risks", "RSK-0007-wide.md");
	commit_file(repo, "refs/remotes/origin/work", "risks",
	    "RSK-008-remote.md");
	commit_file(repo, "refs/heads/elsewhere", "objectives",
	    "RSK-050-misplaced.md");

	/* The index contains a risk no commit has. */
	assert_int_equal(git_repository_index(&index, repo), 0);
	memset(&entry, 0, sizeof(entry));
	entry.mode = GIT_FILEMODE_BLOB;
	entry.path = "risks/RSK-009-staged.md";
	assert_int_equal(git_index_add_from_buffer(index, &entry, text,
	    strlen(text)), 0);
	assert_int_equal(git_index_write(index), 0);

	assert_int_equal(scaffold_ids_add_git(&ids, repo, "risks"), 0);
	assert_int_equal(ids.highest, 9);
	assert_int_equal(ids.width, 4);
	expect_next(&ids, "RSK-0010");

	git_index_free(index);
	git_repository_free(repo);
	remove_tree(dir);
	git_libgit2_shutdown();
}

static const struct scaffold_file *
find_file(const struct scaffold_plan *plan, const char *path)
{
	for (size_t i = 0; i < plan->count; i++)
		if (strcmp(plan->files[i].path, path) == 0)
			return &plan->files[i];
	return NULL;
}

static void
test_scaffold_plan_init_files(void **state)
{
	struct template_values values = TEMPLATE_VALUES_INIT;
	struct scaffold_plan plan = SCAFFOLD_PLAN_INIT;
	const struct scaffold_file *soa;
	size_t controls = 0;

	(void)state;
	values.date = "2026-12-04";
	assert_int_equal(scaffold_plan_init(&plan, NULL, &values), 0);
	assert_int_equal(plan.count, 8);
	assert_non_null(find_file(&plan, "isms.yaml"));
	assert_non_null(find_file(&plan, "README.md"));
	assert_non_null(find_file(&plan, "risks/.gitkeep"));
	assert_non_null(find_file(&plan, "context/.gitkeep"));
	assert_true(find_file(&plan, "risks/.gitkeep")->keep);

	soa = find_file(&plan, "controls/soa.yaml");
	assert_non_null(soa);
	for (const char *p = soa->text; (p = strstr(p, "- id: \"")); p++)
		controls++;
	assert_int_equal(controls, 93);
	for (size_t i = 0; i < plan.count; i++)
		assert_null(strstr(plan.files[i].text, "{{"));
	scaffold_plan_release(&plan);
}

static void
write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
test_scaffold_write_existing_files(void **state)
{
	char dir[] = "/tmp/isms-test-scaffold-XXXXXX";
	struct template_values values = TEMPLATE_VALUES_INIT;
	struct scaffold_plan plan = SCAFFOLD_PLAN_INIT;
	struct strvec written = STRVEC_INIT;
	struct buf path = BUF_INIT;
	struct buf target = BUF_INIT;

	(void)state;
	values.date = "2026-12-04";
	assert_non_null(mkdtemp(dir));
	assert_int_equal(scaffold_plan_init(&plan, NULL, &values), 0);
	buf_printf(&target, "%s/new/isms", dir);

	/* A record folder that already contains a file gets no .gitkeep. */
	buf_printf(&path, "%s/risks", target.ptr);
	assert_int_equal(scaffold_make_dirs(path.ptr), 0);
	buf_puts(&path, "/RSK-001-old.md");
	write_text(path.ptr, "---\nid: RSK-001\n---\n");

	assert_int_equal(scaffold_write(&plan, target.ptr, 0, &written), 0);
	assert_int_equal(written.count, 7);
	buf_reset(&path);
	buf_printf(&path, "%s/risks/.gitkeep", target.ptr);
	assert_int_not_equal(access(path.ptr, F_OK), 0);

	/* Writing the same files again changes nothing. */
	strvec_clear(&written);
	assert_int_equal(scaffold_write(&plan, target.ptr, 0, &written), 0);
	assert_int_equal(written.count, 0);

	/* An edited file is kept without force, and nothing is written. */
	buf_reset(&path);
	buf_printf(&path, "%s/isms.yaml", target.ptr);
	write_text(path.ptr, "isms: 1\n");
	buf_reset(&path);
	buf_printf(&path, "%s/README.md", target.ptr);
	unlink(path.ptr);
	assert_int_equal(scaffold_write(&plan, target.ptr, 0, &written),
	    ISMS_EEXISTS);
	assert_non_null(strstr(error_message(), "/new/isms/isms.yaml' "
	    "already exists"));
	error_clear();
	assert_int_not_equal(access(path.ptr, F_OK), 0);

	/* With force, the edited file is replaced and the missing one added. */
	assert_int_equal(scaffold_write(&plan, target.ptr, 1, &written), 0);
	assert_int_equal(written.count, 2);
	assert_int_equal(access(path.ptr, F_OK), 0);

	remove_tree(dir);
	scaffold_plan_release(&plan);
	strvec_clear(&written);
	buf_release(&path);
	buf_release(&target);
}

static void
test_scaffold_join_paths(void **state)
{
	struct buf out = BUF_INIT;

	(void)state;
	scaffold_join(&out, ".", "isms.yaml");
	assert_string_equal(out.ptr, "isms.yaml");
	scaffold_join(&out, "compliance/", "isms.yaml");
	assert_string_equal(out.ptr, "compliance/isms.yaml");
	scaffold_join(&out, "/abs", "risks/.gitkeep");
	assert_string_equal(out.ptr, "/abs/risks/.gitkeep");
	buf_release(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scaffold_slug_cases),
		cmocka_unit_test(test_scaffold_slug_cut_at_word),
		cmocka_unit_test(test_scaffold_clean_title_trims),
		cmocka_unit_test(test_scaffold_clean_title_rejects),
		cmocka_unit_test(test_scaffold_ids_next_empty),
		cmocka_unit_test(test_scaffold_ids_next_after_highest),
		cmocka_unit_test(test_scaffold_ids_next_keeps_width),
		cmocka_unit_test(test_scaffold_ids_add_git_branches_and_index),
		cmocka_unit_test(test_scaffold_plan_init_files),
		cmocka_unit_test(test_scaffold_write_existing_files),
		cmocka_unit_test(test_scaffold_join_paths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
