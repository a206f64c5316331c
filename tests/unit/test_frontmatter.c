#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "error.h"
#include "frontmatter.h"
#include "yaml_doc.h"
#include "banned.h"

/*
 * Fixtures shaped like the policies that compliance-as-code tools write.
 * Each has a YAML header with no opening `---`, closed by a `---` line,
 * then the Markdown body. The second has no final newline.
 */
static const char policy_without_opening[] =
    "name: Access Control Policy\n"
    "acronym: ACP\n"
    "satisfies:\n"
    "  TSC:\n"
    "    - CC6.1\n"
    "    - CC6.2\n"
    "majorRevisions:\n"
    "  - date: Mar 3 2019\n"
    "    comment: First version\n"
    "---\n"
    "\n"
    "# Purpose and Scope\n"
    "\n"
    "a. This policy sets who may reach which systems.\n";

static const char procedure_without_opening[] =
    "id: \"rotate\"\n"
    "name: \"Rotate credentials\"\n"
    "cron: \"0 0 0 1 * *\"\n"
    "---\n"
    "\n"
    "# Credential Rotation\n"
    "\n"
    "- [ ] Rotate the keys";

struct found {
	struct frontmatter fm;
	struct diag_list diags;
	int ret;
};

static void
find(struct found *f, const char *text, size_t len)
{
	struct diag_list empty = DIAG_LIST_INIT;

	f->diags = empty;
	f->ret = frontmatter_find(&f->fm, text, len, "risks/RSK-001-x.md",
	    &f->diags);
}

static void
find_text(struct found *f, const char *text)
{
	find(f, text, strlen(text));
}

/* Asserts a frontmatter whose YAML is `yaml` and whose body is `body`. */
static void
assert_split(const struct found *f, const char *text, const char *yaml,
    size_t yaml_line, const char *body, size_t body_line)
{
	assert_int_equal(f->ret, 0);
	assert_int_equal(f->diags.count, 0);
	assert_true(f->fm.present);
	assert_int_equal(f->fm.yaml_len, strlen(yaml));
	assert_memory_equal(text + f->fm.yaml_start, yaml, strlen(yaml));
	assert_int_equal(f->fm.yaml_line, yaml_line);
	assert_string_equal(text + f->fm.body_start, body);
	assert_int_equal(f->fm.body_line, body_line);
}

static void
assert_no_frontmatter(const struct found *f, size_t body_start)
{
	assert_int_equal(f->ret, 0);
	assert_int_equal(f->diags.count, 0);
	assert_false(f->fm.present);
	assert_int_equal(f->fm.body_start, body_start);
	assert_int_equal(f->fm.body_line, 1);
}

static void
assert_error(const struct found *f, const char *rule, const char *message)
{
	assert_int_equal(f->ret, ISMS_EFAIL);
	assert_false(f->fm.present);
	assert_int_equal(f->diags.count, 1);
	assert_string_equal(f->diags.items[0].rule, rule);
	assert_int_equal(f->diags.items[0].severity, DIAG_ERROR);
	assert_string_equal(f->diags.items[0].path, "risks/RSK-001-x.md");
	assert_int_equal(f->diags.items[0].line, 1);
	assert_int_equal(f->diags.items[0].col, 1);
	assert_string_equal(f->diags.items[0].message, message);
}

static void
test_frontmatter_find_splits_yaml_and_body(void **state)
{
	const char *text = "---\nid: RSK-001\ntitle: x\n---\n# Body\n";
	struct found f;

	(void)state;
	find_text(&f, text);
	assert_split(&f, text, "id: RSK-001\ntitle: x\n", 2, "# Body\n", 5);
	diag_list_release(&f.diags);
}

static void
test_frontmatter_find_closing_dots(void **state)
{
	const char *text = "---\nid: RSK-001\n...\nbody\n";
	struct found f;

	(void)state;
	find_text(&f, text);
	assert_split(&f, text, "id: RSK-001\n", 2, "body\n", 4);
	diag_list_release(&f.diags);
}

static void
test_frontmatter_find_trailing_spaces(void **state)
{
	const char *text = "---  \nid: RSK-001\n---\t \nbody\n";
	struct found f;

	(void)state;
	find_text(&f, text);
	assert_split(&f, text, "id: RSK-001\n", 2, "body\n", 4);
	diag_list_release(&f.diags);
}

static void
test_frontmatter_find_crlf(void **state)
{
	const char *text = "---\r\nid: RSK-001\r\n---\r\nbody\r\n";
	struct found f;

	(void)state;
	find_text(&f, text);
	assert_split(&f, text, "id: RSK-001\r\n", 2, "body\r\n", 4);
	diag_list_release(&f.diags);
}

static void
test_frontmatter_find_bom(void **state)
{
	const char *text = "\xef\xbb\xbf---\nid: RSK-001\n---\nbody\n";
	struct found f;

	(void)state;
	find_text(&f, text);
	assert_split(&f, text, "id: RSK-001\n", 2, "body\n", 4);
	assert_int_equal(f.fm.yaml_start, 7);
	diag_list_release(&f.diags);

	find_text(&f, "\xef\xbb\xbf# Title\n");
	assert_no_frontmatter(&f, 3);
	diag_list_release(&f.diags);
}

static void
test_frontmatter_find_empty_file(void **state)
{
	struct found f;

	(void)state;
	find(&f, "", 0);
	assert_no_frontmatter(&f, 0);
	diag_list_release(&f.diags);

	find(&f, "\xef\xbb\xbf", 3);
	assert_no_frontmatter(&f, 3);
	diag_list_release(&f.diags);
}

static void
test_frontmatter_find_empty_block(void **state)
{
	const char *text = "---\n---\nbody";
	struct found f;

	(void)state;
	find_text(&f, text);
	assert_split(&f, text, "", 2, "body", 3);
	diag_list_release(&f.diags);
}

static void
test_frontmatter_find_close_at_end_of_file(void **state)
{
	const char *text = "---\nid: RSK-001\n---";
	struct found f;

	(void)state;
	find_text(&f, text);
	assert_split(&f, text, "id: RSK-001\n", 2, "", 4);
	assert_int_equal(f.fm.body_start, strlen(text));
	diag_list_release(&f.diags);
}

static void
test_frontmatter_find_quiet_on_plain_markdown(void **state)
{
	static const char *const documents[] = {
		"# Title\n\nSome text.\n",
		"Note: read this first.\n\nSome text here.\n\n---\n\nMore\n",
		"Owner: ops\nand a sentence that is not YAML\n---\n",
		"# Title\n\n---\n",
		"\n---\nid: RSK-001\n---\n",
		"----\nid: x\n----\n",
		"--- id: x\n---\n",
		"text without newline",
		"name: value only, never closed\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(documents) / sizeof(*documents); i++) {
		struct found f;

		find_text(&f, documents[i]);
		assert_no_frontmatter(&f, 0);
		diag_list_release(&f.diags);
	}
}

static void
test_frontmatter_find_unclosed(void **state)
{
	static const char *const unclosed[] = {
		"---\nid: RSK-001\n\n# Body\n",
		"---\n",
		"---",
		"---\r\nid: RSK-001\r\n----\r\n",
		"---\nid: RSK-001\n -- \n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(unclosed) / sizeof(*unclosed); i++) {
		struct found f;

		find_text(&f, unclosed[i]);
		assert_error(&f, "frontmatter-unclosed",
		    "frontmatter opened on line 1 has no closing '---' line; "
		    "add one after the last YAML line");
		assert_int_equal(f.fm.body_start, 0);
		diag_list_release(&f.diags);
	}
}

static void
test_frontmatter_find_missing_open_policy(void **state)
{
	struct found f;

	(void)state;
	find_text(&f, policy_without_opening);
	assert_error(&f, "frontmatter-missing-open",
	    "frontmatter that ends on line 10 has no opening '---' line; "
	    "add '---' as the first line");
	diag_list_release(&f.diags);
}

static void
test_frontmatter_find_missing_open_procedure(void **state)
{
	struct found f;

	(void)state;
	find_text(&f, procedure_without_opening);
	assert_error(&f, "frontmatter-missing-open",
	    "frontmatter that ends on line 4 has no opening '---' line; "
	    "add '---' as the first line");
	diag_list_release(&f.diags);
}

static void
test_frontmatter_find_missing_open_variants(void **state)
{
	static const char *const headers[] = {
		"\n\nid: RSK-001\n---\n",
		"id: RSK-001\r\ntitle: x\r\n---  \r\nbody\r\n",
		"\xef\xbb\xbfid: RSK-001\n---\n",
		"id: RSK-001\n# comment\n\ntags:\n- a\n-\n---\n",
		"review_every:\n  12 months\n---\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(headers) / sizeof(*headers); i++) {
		struct found f;

		find_text(&f, headers[i]);
		assert_int_equal(f.ret, ISMS_EFAIL);
		assert_int_equal(diag_count_rule(&f.diags,
		    "frontmatter-missing-open"), 1);
		assert_int_equal(f.diags.items[0].line, 1);
		diag_list_release(&f.diags);
	}
}

static void
test_frontmatter_find_fixed_header_parses(void **state)
{
	const char *text = "---\r\nname: Access Control Policy\r\n"
	    "satisfies:\r\n  TSC:\r\n    - CC6.1\r\n---\r\n# Purpose\r\n";
	struct diag_list diags = DIAG_LIST_INIT;
	struct ynode *root = NULL;
	const struct ynode *tsc;
	struct found f;

	(void)state;
	find_text(&f, text);
	assert_int_equal(f.ret, 0);
	assert_true(f.fm.present);
	assert_int_equal(f.fm.body_line, 7);

	/* The frontmatter's lines keep their numbers in the whole file. */
	assert_int_equal(yaml_doc_parse(&root, text + f.fm.yaml_start,
	    f.fm.yaml_len, "p.md", f.fm.yaml_line - 1, &diags), 0);
	tsc = ynode_get(ynode_get(root, "satisfies"), "TSC");
	assert_non_null(tsc);
	assert_int_equal(tsc->line, 5);
	assert_int_equal(tsc->items[0]->col, 7);
	assert_string_equal(tsc->items[0]->value, "CC6.1");

	ynode_free(root);
	diag_list_release(&diags);
	diag_list_release(&f.diags);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_frontmatter_find_splits_yaml_and_body),
		cmocka_unit_test(test_frontmatter_find_closing_dots),
		cmocka_unit_test(test_frontmatter_find_trailing_spaces),
		cmocka_unit_test(test_frontmatter_find_crlf),
		cmocka_unit_test(test_frontmatter_find_bom),
		cmocka_unit_test(test_frontmatter_find_empty_file),
		cmocka_unit_test(test_frontmatter_find_empty_block),
		cmocka_unit_test(test_frontmatter_find_close_at_end_of_file),
		cmocka_unit_test(test_frontmatter_find_quiet_on_plain_markdown),
		cmocka_unit_test(test_frontmatter_find_unclosed),
		cmocka_unit_test(test_frontmatter_find_missing_open_policy),
		cmocka_unit_test(test_frontmatter_find_missing_open_procedure),
		cmocka_unit_test(test_frontmatter_find_missing_open_variants),
		cmocka_unit_test(test_frontmatter_find_fixed_header_parses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
