#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "table.h"
#include "banned.h"

/*
 * Unit tests of the table renderings: aligned text with UTF-8 cells,
 * Markdown with escaped pipes, and CSV with RFC 4180 quoting and CRLF
 * line ends. Output is captured in memory with open_memstream().
 */

/* Renders `t` in `format` and returns the output, which the caller frees. */
static char *
render(const struct table *t, enum table_format format)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	assert_non_null(out);
	table_print(out, t, format);
	assert_int_equal(fclose(out), 0);
	assert_non_null(text);
	return text;
}

static void
assert_renders(const struct table *t, enum table_format format,
    const char *expected)
{
	char *text = render(t, format);

	if (strcmp(text, expected) != 0)
		print_message("got:\n%s\nexpected:\n%s\n", text, expected);
	assert_string_equal(text, expected);
	free(text);
}

static void
add_row(struct table *t, const char *a, const char *b)
{
	table_add_cell(t, a);
	table_add_cell(t, b);
}

static void
test_table_rows_counts_full_rows(void **state)
{
	struct table t = TABLE_INIT;

	(void)state;
	assert_int_equal(table_rows(&t), 0);
	table_add_column(&t, "a");
	table_add_column(&t, "b");
	assert_int_equal(table_rows(&t), 0);
	add_row(&t, "1", "2");
	add_row(&t, "3", "4");
	assert_int_equal(table_rows(&t), 2);
	assert_int_equal(t.cells.count, 4);
	table_release(&t);
}

static void
test_table_add_cell_null_is_empty(void **state)
{
	struct table t = TABLE_INIT;

	(void)state;
	table_add_column(&t, "a");
	table_add_cell(&t, NULL);
	assert_int_equal(t.cells.count, 1);
	assert_string_equal(t.cells.items[0], "");
	table_release(&t);
}

static void
test_table_add_cellf_formats(void **state)
{
	struct table t = TABLE_INIT;

	(void)state;
	table_add_column(&t, "share");
	table_add_cellf(&t, "%d%% of %s", 50, "controls");
	assert_string_equal(t.cells.items[0], "50% of controls");
	table_release(&t);
}

static void
test_table_print_text_aligns_columns(void **state)
{
	struct table t = TABLE_INIT;

	(void)state;
	table_add_column(&t, "Control");
	table_add_column(&t, "Status");
	table_add_column(&t, "Owner");
	table_add_cell(&t, "5.1");
	table_add_cell(&t, "implemented");
	table_add_cell(&t, "ciso");
	table_add_cell(&t, "8.13");
	table_add_cell(&t, NULL);
	table_add_cell(&t, "ops");
	assert_renders(&t, TABLE_TEXT,
	    "Control  Status       Owner\n"
	    "5.1      implemented  ciso\n"
	    "8.13                  ops\n");
	table_release(&t);
}

static void
test_table_print_text_utf8_width(void **state)
{
	struct table t = TABLE_INIT;

	(void)state;
	table_add_column(&t, "Site");
	table_add_column(&t, "Owner");
	add_row(&t, "Z\xc3\xbcrich", "Zo\xc3\xab");	/* two-byte ü, ë */
	add_row(&t, "Oslo", "\xc3\x85sa");
	add_row(&t, "\xe2\x82\xac 5", "-");		/* three-byte € */
	add_row(&t, "M\xc3\xa1laga", "n/a");
	assert_renders(&t, TABLE_TEXT,
	    "Site    Owner\n"
	    "Z\xc3\xbcrich  Zo\xc3\xab\n"
	    "Oslo    \xc3\x85sa\n"
	    "\xe2\x82\xac 5     -\n"
	    "M\xc3\xa1laga  n/a\n");
	table_release(&t);
}

static void
test_table_print_text_header_only(void **state)
{
	struct table t = TABLE_INIT;

	(void)state;
	table_add_column(&t, "Id");
	table_add_column(&t, "Title");
	assert_renders(&t, TABLE_TEXT, "Id  Title\n");
	table_release(&t);
}

/*
 * Cells come from records, which anyone with commit access writes. In
 * text output a line break in a cell must not start a new row, and an
 * escape sequence must not reach the terminal.
 */
static void
test_table_print_text_control_characters(void **state)
{
	static const char *const cells[] = { "two\nlines", "esc\x1b[31mred",
		"tab\there", "bell\a", "cr\rreturn", "del\x7f" };
	char *text;

	(void)state;
	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++) {
		struct table t = TABLE_INIT;
		size_t newlines = 0;

		table_add_column(&t, "Id");
		table_add_column(&t, "Title");
		add_row(&t, "RSK-001", cells[i]);
		text = render(&t, TABLE_TEXT);
		for (const char *p = text; *p; p++) {
			unsigned char c = (unsigned char)*p;

			if (c == '\n')
				newlines++;
			else if (c < 0x20 || c == 0x7f)
				fail_msg("cell %zu: control byte 0x%02x in the "
				    "output", i, c);
		}
		if (newlines != 2)
			fail_msg("cell %zu: %zu line breaks for a header and "
			    "one row", i, newlines);
		free(text);
		table_release(&t);
	}
}

static void
test_table_print_markdown_escapes_pipe(void **state)
{
	struct table t = TABLE_INIT;

	(void)state;
	table_add_column(&t, "Id");
	table_add_column(&t, "A|B");
	add_row(&t, "RSK-001", "yes | no");
	add_row(&t, "RSK-002", "|");
	assert_renders(&t, TABLE_MARKDOWN,
	    "| Id | A\\|B |\n"
	    "| --- | --- |\n"
	    "| RSK-001 | yes \\| no |\n"
	    "| RSK-002 | \\| |\n");
	table_release(&t);
}

static void
test_table_print_markdown_line_breaks(void **state)
{
	struct table t = TABLE_INIT;

	(void)state;
	table_add_column(&t, "Id");
	table_add_column(&t, "Note");
	add_row(&t, "RSK-001", "one\ntwo\r\nthree");
	add_row(&t, NULL, "");
	assert_renders(&t, TABLE_MARKDOWN,
	    "| Id | Note |\n"
	    "| --- | --- |\n"
	    "| RSK-001 | one two  three |\n"
	    "|  |  |\n");
	table_release(&t);
}

static void
test_table_print_csv_plain_fields(void **state)
{
	struct table t = TABLE_INIT;

	(void)state;
	table_add_column(&t, "id");
	table_add_column(&t, "title");
	add_row(&t, "RSK-001", "Phishing of staff");
	add_row(&t, NULL, "");
	assert_renders(&t, TABLE_CSV,
	    "id,title\r\n"
	    "RSK-001,Phishing of staff\r\n"
	    ",\r\n");
	table_release(&t);
}

static void
test_table_print_csv_quotes_special_fields(void **state)
{
	static const struct {
		const char *cell;
		const char *field;
	} cases[] = {
		{ "a,b", "\"a,b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ "\"", "\"\"\"\"" },
		{ "line\nbreak", "\"line\nbreak\"" },
		{ "carriage\rreturn", "\"carriage\rreturn\"" },
		{ "crlf\r\n", "\"crlf\r\n\"" },
		{ " spaced ", " spaced " },
		{ "caf\xc3\xa9", "caf\xc3\xa9" },
		/* Text a spreadsheet would run as a formula is defused. */
		{ "=cmd|'/C calc'!A0", "\"'=cmd|'/C calc'!A0\"" },
		{ "+1+1", "\"'+1+1\"" },
		{ "@SUM(A1)", "\"'@SUM(A1)\"" },
		{ "-delta", "\"'-delta\"" },
		/* Numbers and a lone dash stay as they are. */
		{ "-1.5", "-1.5" },
		{ "-", "-" },
		{ "=", "=" },
	};
	char expected[128];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct table t = TABLE_INIT;

		table_add_column(&t, "x");
		table_add_column(&t, "value");
		add_row(&t, "1", cases[i].cell);
		snprintf(expected, sizeof(expected), "x,value\r\n1,%s\r\n",
		    cases[i].field);
		assert_renders(&t, TABLE_CSV, expected);
		table_release(&t);
	}
}

static void
test_table_print_csv_quotes_header(void **state)
{
	struct table t = TABLE_INIT;

	(void)state;
	table_add_column(&t, "level, inherent");
	table_add_column(&t, "owner");
	add_row(&t, "high", "ciso");
	assert_renders(&t, TABLE_CSV,
	    "\"level, inherent\",owner\r\n"
	    "high,ciso\r\n");
	table_release(&t);
}

static void
test_table_release_leaves_init(void **state)
{
	struct table t = TABLE_INIT;

	(void)state;
	table_add_column(&t, "a");
	table_add_cell(&t, "1");
	table_release(&t);
	assert_int_equal(t.header.count, 0);
	assert_int_equal(t.cells.count, 0);
	assert_null(t.header.items);
	assert_null(t.cells.items);
	assert_int_equal(table_rows(&t), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_rows_counts_full_rows),
		cmocka_unit_test(test_table_add_cell_null_is_empty),
		cmocka_unit_test(test_table_add_cellf_formats),
		cmocka_unit_test(test_table_print_text_aligns_columns),
		cmocka_unit_test(test_table_print_text_utf8_width),
		cmocka_unit_test(test_table_print_text_header_only),
		cmocka_unit_test(test_table_print_text_control_characters),
		cmocka_unit_test(test_table_print_markdown_escapes_pipe),
		cmocka_unit_test(test_table_print_markdown_line_breaks),
		cmocka_unit_test(test_table_print_csv_plain_fields),
		cmocka_unit_test(test_table_print_csv_quotes_special_fields),
		cmocka_unit_test(test_table_print_csv_quotes_header),
		cmocka_unit_test(test_table_release_leaves_init),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
