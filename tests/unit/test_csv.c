#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"
#include "error.h"
#include "banned.h"

/* Parses a NUL-terminated CSV text with the given delimiter (0: detect). */
static int
parse(struct csv_table *table, const char *text, char delimiter)
{
	error_clear();
	return csv_parse(table, text, strlen(text), delimiter, "in.csv");
}

static void
test_csv_parse_simple_table(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "id,title\nR-1,Fire\nR-2,Flood\n", 0), 0);
	assert_int_equal(t.delimiter, ',');
	assert_int_equal(t.header.count, 2);
	assert_string_equal(t.header.fields[1].value, "title");
	assert_int_equal(t.count, 2);
	assert_string_equal(t.rows[0].fields[0].value, "R-1");
	assert_string_equal(t.rows[1].fields[1].value, "Flood");
	assert_int_equal(t.rows[1].line, 3);
	assert_int_equal(t.rows[1].fields[1].line, 3);
	assert_int_equal(t.rows[1].fields[1].len, 5);
	csv_table_release(&t);
}

static void
test_csv_parse_doubled_quotes(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "a,b\n\"say \"\"hi\"\"\",\"\"\n", 0), 0);
	assert_string_equal(t.rows[0].fields[0].value, "say \"hi\"");
	assert_string_equal(t.rows[0].fields[1].value, "");
	assert_int_equal(t.rows[0].fields[1].len, 0);
	csv_table_release(&t);
}

static void
test_csv_parse_delimiter_inside_quotes(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "a,b\n\"x, y\",z\n", 0), 0);
	assert_int_equal(t.rows[0].count, 2);
	assert_string_equal(t.rows[0].fields[0].value, "x, y");
	assert_string_equal(t.rows[0].fields[1].value, "z");
	csv_table_release(&t);
}

static void
test_csv_parse_embedded_newline(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t,
	    "a,b\n\"one\ntwo\nthree\",next\nlast,row\n", 0), 0);
	assert_int_equal(t.count, 2);
	assert_string_equal(t.rows[0].fields[0].value, "one\ntwo\nthree");
	assert_int_equal(t.rows[0].fields[0].line, 2);
	/* The second field starts on the line where the first one ends. */
	assert_int_equal(t.rows[0].fields[1].line, 4);
	assert_int_equal(t.rows[1].line, 5);
	csv_table_release(&t);
}

static void
test_csv_parse_bom_skipped(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "\xef\xbb\xbfid,title\n1,x\n", 0), 0);
	assert_string_equal(t.header.fields[0].value, "id");
	assert_int_equal(csv_column(&t, "id"), 0);
	csv_table_release(&t);
}

static void
test_csv_parse_crlf_line_ends(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "a,b\r\n1,2\r\n3,4\r\n", 0), 0);
	assert_int_equal(t.count, 2);
	assert_string_equal(t.header.fields[1].value, "b");
	assert_string_equal(t.rows[0].fields[1].value, "2");
	assert_int_equal(t.rows[1].line, 3);
	csv_table_release(&t);
}

static void
test_csv_parse_quoted_crlf_to_lf(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "a\r\n\"x\r\ny\"\r\nz\r\n", 0), 0);
	assert_string_equal(t.rows[0].fields[0].value, "x\ny");
	assert_int_equal(t.rows[1].line, 4);
	csv_table_release(&t);
}

static void
test_csv_parse_semicolon_detected(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "id;title;sle\nR-1;Fire;1,5\n", 0), 0);
	assert_int_equal(t.delimiter, ';');
	assert_int_equal(t.header.count, 3);
	assert_string_equal(t.rows[0].fields[2].value, "1,5");
	csv_table_release(&t);
}

static void
test_csv_parse_detect_skips_quotes(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "\"a,b,c,d\";e;f\n1;2;3\n", 0), 0);
	assert_int_equal(t.delimiter, ';');
	assert_string_equal(t.header.fields[0].value, "a,b,c,d");
	csv_table_release(&t);
}

static void
test_csv_parse_explicit_delimiter(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	/* Detection would pick ',' here. */
	assert_int_equal(parse(&t, "a;b,c,d\n1;2,3,4\n", ';'), 0);
	assert_int_equal(t.header.count, 2);
	assert_string_equal(t.rows[0].fields[1].value, "2,3,4");
	csv_table_release(&t);
}

static void
test_csv_parse_invalid_delimiter(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "a|b\n", '|'), ISMS_EFAIL);
	assert_non_null(strstr(error_message(), "'|'"));
	csv_table_release(&t);
}

static void
test_csv_parse_ragged_row_reports_line(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "a,b,c\n1,2,3\n\"x\ny\",2\n", 0),
	    ISMS_EFAIL);
	assert_string_equal(error_message(),
	    "in.csv:3: record has 2 fields, but the header has 3");
	assert_int_equal(t.count, 0);
	assert_null(t.rows);
	csv_table_release(&t);
}

static void
test_csv_parse_unclosed_quote_line(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "a,b\n1,2\n3,\"open\nmore\nand more\n", 0),
	    ISMS_EFAIL);
	assert_string_equal(error_message(),
	    "in.csv:3: quoted field is never closed");
	csv_table_release(&t);
}

static void
test_csv_parse_text_after_closing_quote(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "a,b\n\"x\"y,2\n", 0), ISMS_EFAIL);
	assert_string_equal(error_message(),
	    "in.csv:2: unexpected 'y' after the closing quote of a field");
	csv_table_release(&t);
}

static void
test_csv_parse_invalid_utf8_reports_line(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "a,b\n1,2\n3,caf\xe9\n", 0), ISMS_EFAIL);
	assert_string_equal(error_message(),
	    "in.csv:3: invalid UTF-8 byte sequence");
	csv_table_release(&t);
}

static void
test_csv_parse_overlong_utf8_rejected(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	/* "/" encoded in two bytes, and a UTF-16 surrogate half. */
	assert_int_equal(parse(&t, "a\n\xc0\xaf\n", 0), ISMS_EFAIL);
	assert_int_equal(parse(&t, "a\n\xed\xa0\x80\n", 0), ISMS_EFAIL);
	csv_table_release(&t);
}

static void
test_csv_parse_valid_utf8_accepted(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "sle\n\xe2\x82\xac" "50K \xf0\x9f\x94\xa5\n",
	    0), 0);
	assert_string_equal(t.rows[0].fields[0].value,
	    "\xe2\x82\xac" "50K \xf0\x9f\x94\xa5");
	csv_table_release(&t);
}

static void
test_csv_parse_nul_byte_rejected(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;
	static const char text[] = "a,b\n1,\0\n";

	(void)state;
	error_clear();
	assert_int_equal(csv_parse(&t, text, sizeof(text) - 1, 0, "in.csv"),
	    ISMS_EFAIL);
	assert_string_equal(error_message(), "in.csv:2: NUL byte in CSV text");
	csv_table_release(&t);
}

static void
test_csv_parse_empty_input(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "", 0), ISMS_EFAIL);
	assert_non_null(strstr(error_message(), "no header line"));
	assert_int_equal(parse(&t, "\xef\xbb\xbf\n\n", 0), ISMS_EFAIL);
	csv_table_release(&t);
}

static void
test_csv_parse_blank_lines_skipped(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "\na,b\n\n1,2\n\r\n3,4", 0), 0);
	assert_int_equal(t.header.line, 2);
	assert_int_equal(t.count, 2);
	assert_int_equal(t.rows[0].line, 4);
	assert_int_equal(t.rows[1].line, 6);
	assert_string_equal(t.rows[1].fields[1].value, "4");
	csv_table_release(&t);
}

static void
test_csv_parse_trailing_empty_field(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "a,b,c\n1,2,\n4,5,", 0), 0);
	assert_int_equal(t.count, 2);
	assert_string_equal(t.rows[0].fields[2].value, "");
	assert_int_equal(t.rows[1].count, 3);
	assert_string_equal(t.rows[1].fields[2].value, "");
	csv_table_release(&t);
}

static void
test_csv_parse_bare_quote_kept(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "size\n5\" screen\n", 0), 0);
	assert_string_equal(t.rows[0].fields[0].value, "5\" screen");
	csv_table_release(&t);
}

static void
test_csv_parse_old_mac_line_ends(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "a,b\r1,2\r3,4\r", 0), 0);
	assert_int_equal(t.count, 2);
	assert_int_equal(t.rows[1].line, 3);
	csv_table_release(&t);
}

static void
test_csv_column_finds_first_match(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	assert_int_equal(parse(&t, "id,title,id\n1,x,2\n", 0), 0);
	assert_int_equal(csv_column(&t, "title"), 1);
	assert_int_equal(csv_column(&t, "id"), 0);
	assert_true(csv_column(&t, "owner") == CSV_NO_COLUMN);
	csv_table_release(&t);
}

static void
test_csv_table_release_twice_is_safe(void **state)
{
	struct csv_table t = CSV_TABLE_INIT;

	(void)state;
	csv_table_release(&t);
	assert_int_equal(parse(&t, "a\n1\n", 0), 0);
	csv_table_release(&t);
	csv_table_release(&t);
	assert_null(t.text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_parse_simple_table),
		cmocka_unit_test(test_csv_parse_doubled_quotes),
		cmocka_unit_test(test_csv_parse_delimiter_inside_quotes),
		cmocka_unit_test(test_csv_parse_embedded_newline),
		cmocka_unit_test(test_csv_parse_bom_skipped),
		cmocka_unit_test(test_csv_parse_crlf_line_ends),
		cmocka_unit_test(test_csv_parse_quoted_crlf_to_lf),
		cmocka_unit_test(test_csv_parse_semicolon_detected),
		cmocka_unit_test(test_csv_parse_detect_skips_quotes),
		cmocka_unit_test(test_csv_parse_explicit_delimiter),
		cmocka_unit_test(test_csv_parse_invalid_delimiter),
		cmocka_unit_test(test_csv_parse_ragged_row_reports_line),
		cmocka_unit_test(test_csv_parse_unclosed_quote_line),
		cmocka_unit_test(test_csv_parse_text_after_closing_quote),
		cmocka_unit_test(test_csv_parse_invalid_utf8_reports_line),
		cmocka_unit_test(test_csv_parse_overlong_utf8_rejected),
		cmocka_unit_test(test_csv_parse_valid_utf8_accepted),
		cmocka_unit_test(test_csv_parse_nul_byte_rejected),
		cmocka_unit_test(test_csv_parse_empty_input),
		cmocka_unit_test(test_csv_parse_blank_lines_skipped),
		cmocka_unit_test(test_csv_parse_trailing_empty_field),
		cmocka_unit_test(test_csv_parse_bare_quote_kept),
		cmocka_unit_test(test_csv_parse_old_mac_line_ends),
		cmocka_unit_test(test_csv_column_finds_first_match),
		cmocka_unit_test(test_csv_table_release_twice_is_safe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
