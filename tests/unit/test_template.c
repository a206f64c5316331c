#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "diag.h"
#include "error.h"
#include "template.h"
#include "yaml_doc.h"
#include "banned.h"

/*
 * Unit tests of template.c: filling placeholders with YAML quoting where
 * the template is YAML, and loading the built-in templates or a folder's
 * replacements.
 */

static const struct template_values sample_values = {
	"RSK-004", "Laptop theft", "2026-12-04", "ciso"
};

static void
fill_expect(const char *name, const char *text,
    const struct template_values *values, const char *expected)
{
	struct buf out = BUF_INIT;

	assert_int_equal(template_fill(&out, name, text, strlen(text),
	    values), 0);
	assert_string_equal(out.ptr, expected);
	buf_release(&out);
}

static void
test_template_fill_plain_values(void **state)
{
	(void)state;
	fill_expect("risk.md",
	    "---\nid: {{ID}}\ntitle: {{TITLE}}\nowner: {{OWNER}}\n"
	    "due: {{DATE}}\n---\n# {{TITLE}}\n",
	    &sample_values,
	    "---\nid: RSK-004\ntitle: Laptop theft\nowner: ciso\n"
	    "due: 2026-12-04\n---\n# Laptop theft\n");
}

static void
test_template_fill_quotes_frontmatter_only(void **state)
{
	struct template_values values = sample_values;

	(void)state;
	values.title = "Backups: \"untested\" #1";
	fill_expect("risk.md", "---\ntitle: {{TITLE}}\n---\n# {{TITLE}}\n",
	    &values,
	    "---\ntitle: \"Backups: \\\"untested\\\" #1\"\n---\n"
	    "# Backups: \"untested\" #1\n");
}

static void
test_template_fill_inside_template_quotes(void **state)
{
	struct template_values values = sample_values;

	(void)state;
	values.title = "it's \"big\"";
	fill_expect("risk.md",
	    "---\na: \"{{TITLE}}\"\nb: '{{TITLE}}'\n---\n", &values,
	    "---\na: \"it's \\\"big\\\"\"\nb: 'it''s \"big\"'\n---\n");
}

static void
test_template_fill_yaml_file_throughout(void **state)
{
	struct template_values values = sample_values;

	(void)state;
	values.title = "a: b";
	fill_expect("isms.yaml", "x: {{TITLE}}\n---\ny: {{TITLE}}\n",
	    &values, "x: \"a: b\"\n---\ny: \"a: b\"\n");
}

static void
test_template_fill_frontmatter_with_crlf(void **state)
{
	struct template_values values = sample_values;

	(void)state;
	values.title = "x: y";
	fill_expect("risk.md",
	    "\xef\xbb\xbf---\r\ntitle: {{TITLE}}\r\n...\r\n{{TITLE}}\r\n",
	    &values,
	    "\xef\xbb\xbf---\r\ntitle: \"x: y\"\r\n...\r\nx: y\r\n");
}

static void
test_template_fill_no_frontmatter_is_raw(void **state)
{
	struct template_values values = sample_values;

	(void)state;
	values.title = "a: b";
	fill_expect("README.md", "text\n---\n{{TITLE}}\n---\n", &values,
	    "text\n---\na: b\n---\n");
}

static void
test_template_fill_keeps_other_braces(void **state)
{
	(void)state;
	fill_expect("risk.md",
	    "{{ ID }} {{id}} {{}} {{ID} {{ID}}}} {{\n",
	    &sample_values,
	    "{{ ID }} {{id}} {{}} {{ID} RSK-004}} {{\n");
}

static void
test_template_fill_unknown_placeholder(void **state)
{
	struct buf out = BUF_INIT;
	const char *text = "---\nid: {{ID}}\nx: {{FOO}}\n---\n";

	(void)state;
	assert_int_equal(template_fill(&out, "risk.md", text, strlen(text),
	    &sample_values), ISMS_EFAIL);
	assert_non_null(strstr(error_message(), "'risk.md' line 3"));
	assert_non_null(strstr(error_message(), "'{{FOO}}'"));
	error_clear();
	buf_release(&out);
}

static void
test_template_fill_missing_value(void **state)
{
	struct template_values values = TEMPLATE_VALUES_INIT;
	struct buf out = BUF_INIT;
	const char *text = "since: {{DATE}}\nowner: {{OWNER}}\n";

	(void)state;
	values.date = "2026-12-04";
	assert_int_equal(template_fill(&out, "isms.yaml", text, strlen(text),
	    &values), ISMS_EFAIL);
	assert_non_null(strstr(error_message(), "line 2"));
	assert_non_null(strstr(error_message(), "'{{OWNER}}' has no value"));
	error_clear();
	buf_release(&out);
}

static void
test_template_yaml_scalar_styles(void **state)
{
	static const struct {
		const char *value;
		const char *expected;
	} cases[] = {
		{ "Laptop theft", "Laptop theft" },
		{ "RSK-004", "RSK-004" },
		{ "2026-12-04", "2026-12-04" },
		{ "ops-lead", "ops-lead" },
		{ "Backup/restore (nightly)", "Backup/restore (nightly)" },
		{ "yes", "\"yes\"" },
		{ "No", "\"No\"" },
		{ "OFF", "\"OFF\"" },
		{ "n", "\"n\"" },
		{ "Null", "\"Null\"" },
		{ "12", "\"12\"" },
		{ "5.10", "\"5.10\"" },
		{ "-dash", "\"-dash\"" },
		{ "a: b", "\"a: b\"" },
		{ "a #b", "\"a #b\"" },
		{ "trailing ", "\"trailing \"" },
		{ "", "\"\"" },
		{ "back\\slash", "\"back\\\\slash\"" },
		{ "tab\there", "\"tab\\x09here\"" },
		{ "Z\xc3\xbcrich", "\"Z\xc3\xbcrich\"" },
		{ "nel\xc2\x85", "\"nel\\N\"" },
		{ "ls\xe2\x80\xa8ps\xe2\x80\xa9", "\"ls\\Lps\\P\"" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf out = BUF_INIT;

		template_yaml_scalar(&out, cases[i].value);
		assert_string_equal(out.ptr, cases[i].expected);
		buf_release(&out);
	}
}

/* Every scalar the filler writes reads back as the exact value. */
static void
test_template_yaml_scalar_round_trip(void **state)
{
	static const char *const values[] = {
		"Laptop theft", "yes", "0755", "1:20", "~", "null", "[x]",
		"{a: b}", "&anchor", "*alias", "!tag", "%percent", "@at",
		"`tick`", "'single'", "\"double\"", "a, b", "? q", "| pipe",
		"> fold", " leading", "x\\y", "caf\xc3\xa9 \xe2\x80\x99s",
		"2026-12-04", "#hash", "a\001b",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		struct diag_list diags = DIAG_LIST_INIT;
		struct ynode *doc = NULL;
		struct buf text = BUF_INIT;
		const struct ynode *node;

		buf_puts(&text, "k: ");
		template_yaml_scalar(&text, values[i]);
		buf_putc(&text, '\n');
		assert_int_equal(yaml_doc_parse(&doc, text.ptr, text.len,
		    "t.yaml", 0, &diags), 0);
		node = ynode_get(doc, "k");
		assert_non_null(node);
		assert_int_equal(node->type, YNODE_SCALAR);
		assert_string_equal(node->value, values[i]);
		ynode_free(doc);
		diag_list_release(&diags);
		buf_release(&text);
	}
}

static void
test_template_load_builtin(void **state)
{
	struct buf out = BUF_INIT;

	(void)state;
	assert_int_equal(template_load(&out, "risk.md", NULL), 0);
	assert_non_null(strstr(out.ptr, "id: {{ID}}"));
	assert_int_equal(template_load(&out, "controls/soa.yaml", NULL), 0);
	assert_non_null(strstr(out.ptr, "id: \"8.34\""));
	assert_int_equal(template_load(&out, "nothing.md", NULL),
	    ISMS_ENOTFOUND);
	error_clear();
	buf_release(&out);
}

static void
test_template_load_override_by_file(void **state)
{
	char dir[] = "/tmp/isms-test-template-XXXXXX";
	struct buf path = BUF_INIT;
	struct buf out = BUF_INIT;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	buf_printf(&path, "%s/risk.md", dir);
	f = fopen(path.ptr, "w");
	assert_non_null(f);
	fputs("custom {{ID}}\n", f);
	fclose(f);

	assert_int_equal(template_load(&out, "risk.md", dir), 0);
	assert_string_equal(out.ptr, "custom {{ID}}\n");
	/* A template the folder lacks comes from the built-in set. */
	assert_int_equal(template_load(&out, "change.md", dir), 0);
	assert_non_null(strstr(out.ptr, "status: proposed"));
	/* A file is not a template folder. */
	assert_int_equal(template_load(&out, "risk.md", path.ptr), ISMS_EFAIL);
	assert_non_null(strstr(error_message(), "is not a folder"));
	error_clear();

	unlink(path.ptr);
	rmdir(dir);
	buf_release(&path);
	buf_release(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_template_fill_plain_values),
		cmocka_unit_test(test_template_fill_quotes_frontmatter_only),
		cmocka_unit_test(test_template_fill_inside_template_quotes),
		cmocka_unit_test(test_template_fill_yaml_file_throughout),
		cmocka_unit_test(test_template_fill_frontmatter_with_crlf),
		cmocka_unit_test(test_template_fill_no_frontmatter_is_raw),
		cmocka_unit_test(test_template_fill_keeps_other_braces),
		cmocka_unit_test(test_template_fill_unknown_placeholder),
		cmocka_unit_test(test_template_fill_missing_value),
		cmocka_unit_test(test_template_yaml_scalar_styles),
		cmocka_unit_test(test_template_yaml_scalar_round_trip),
		cmocka_unit_test(test_template_load_builtin),
		cmocka_unit_test(test_template_load_override_by_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
