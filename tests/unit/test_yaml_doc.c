#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "buf.h"
#include "diag.h"
#include "error.h"
#include "yaml_doc.h"
#include "banned.h"

/*
 * Upper bound for parsing one hostile input of at most 1 MiB. The slowest
 * of these inputs, 524287 items, took 1.3 s with gcc 12 and
 * AddressSanitizer on a 2-core machine. A quadratic step would take
 * minutes (an estimate from 1.4e11 pairs of items).
 */
#define HOSTILE_SECONDS 10.0

struct parsed {
	struct ynode *root;
	struct diag_list diags;
	int ret;
	double seconds;
};

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
parse_bytes(struct parsed *p, const char *text, size_t len,
    size_t line_offset)
{
	double start;

	memset(p, 0, sizeof(*p));
	start = now_seconds();
	p->ret = yaml_doc_parse(&p->root, text, len, "doc.yaml", line_offset,
	    &p->diags);
	p->seconds = now_seconds() - start;
}

static void
parse(struct parsed *p, const char *text)
{
	parse_bytes(p, text, strlen(text), 0);
}

static void
release(struct parsed *p)
{
	ynode_free(p->root);
	diag_list_release(&p->diags);
}

/* Asserts a parse that succeeded with no diagnostics. */
static void
assert_parsed(const struct parsed *p)
{
	assert_int_equal(p->ret, 0);
	assert_non_null(p->root);
	assert_int_equal(p->diags.count, 0);
}

/* Asserts a failed parse whose first diagnostic has this rule and place. */
static void
assert_rejected(const struct parsed *p, const char *rule, size_t line,
    size_t col)
{
	assert_int_equal(p->ret, ISMS_EFAIL);
	assert_null(p->root);
	assert_true(p->diags.count >= 1);
	assert_string_equal(p->diags.items[0].rule, rule);
	assert_int_equal(p->diags.items[0].severity, DIAG_ERROR);
	assert_string_equal(p->diags.items[0].path, "doc.yaml");
	assert_int_equal(p->diags.items[0].line, line);
	assert_int_equal(p->diags.items[0].col, col);
}

static void
assert_message_contains(const struct parsed *p, const char *part)
{
	assert_true(p->diags.count >= 1);
	if (!strstr(p->diags.items[0].message, part))
		fail_msg("message '%s' lacks '%s'", p->diags.items[0].message,
		    part);
}

/* Returns prefix, `count` copies of piece and suffix; the caller frees it. */
static char *
repeat(const char *prefix, const char *piece, size_t count,
    const char *suffix, size_t *len_out)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, prefix);
	for (size_t i = 0; i < count; i++)
		buf_puts(&b, piece);
	buf_puts(&b, suffix);
	return buf_detach(&b, len_out);
}

static void
test_yaml_doc_parse_map_with_positions(void **state)
{
	struct parsed p;
	const struct ynode *owner;

	(void)state;
	parse(&p, "id: RSK-001\nowner:   alice\n");
	assert_parsed(&p);
	assert_int_equal(p.root->type, YNODE_MAP);
	assert_int_equal(p.root->count, 2);
	assert_int_equal(p.root->line, 1);
	assert_int_equal(p.root->col, 1);

	owner = ynode_get(p.root, "owner");
	assert_non_null(owner);
	assert_string_equal(owner->value, "alice");
	assert_int_equal(owner->line, 2);
	assert_int_equal(owner->col, 10);
	assert_int_equal(ynode_get_key(p.root, "owner")->line, 2);
	assert_int_equal(ynode_get_key(p.root, "owner")->col, 1);
	release(&p);
}

static void
test_yaml_doc_parse_adds_line_offset(void **state)
{
	struct parsed p;
	const char *text = "id: RSK-001\nowner: alice\n";

	(void)state;
	parse_bytes(&p, text, strlen(text), 1);
	assert_parsed(&p);
	assert_int_equal(p.root->line, 2);
	assert_int_equal(ynode_get(p.root, "owner")->line, 3);
	release(&p);
}

static void
test_yaml_doc_parse_keeps_scalar_text(void **state)
{
	static const struct {
		const char *key;
		const char *value;
		int plain;
	} cases[] = {
		{ "a", "no", 1 },
		{ "b", "0755", 1 },
		{ "c", "5.10", 1 },
		{ "d", "1:20", 0 },
		{ "e", "", 1 },
		{ "f", "two\nlines\n", 0 },
		{ "g", "~", 1 },
	};
	struct parsed p;

	(void)state;
	parse(&p, "a: no\nb: 0755\nc: 5.10\nd: '1:20'\ne:\nf: |\n  two\n"
	    "  lines\ng: ~\n");
	assert_parsed(&p);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const struct ynode *v = ynode_get(p.root, cases[i].key);

		assert_non_null(v);
		assert_int_equal(v->type, YNODE_SCALAR);
		assert_string_equal(v->value, cases[i].value);
		assert_int_equal(v->value_len, strlen(cases[i].value));
		assert_int_equal(v->plain, cases[i].plain);
	}
	release(&p);
}

static void
test_yaml_doc_parse_nested_collections(void **state)
{
	struct parsed p;
	const struct ynode *people, *first, *roles;

	(void)state;
	parse(&p, "people:\n  - {name: A, roles: [x, y]}\n  - name: B\n");
	assert_parsed(&p);
	people = ynode_get(p.root, "people");
	assert_int_equal(people->type, YNODE_SEQ);
	assert_int_equal(people->count, 2);
	first = people->items[0];
	assert_int_equal(first->type, YNODE_MAP);
	assert_int_equal(first->line, 2);
	assert_int_equal(first->col, 5);
	roles = ynode_get(first, "roles");
	assert_int_equal(roles->type, YNODE_SEQ);
	assert_int_equal(roles->count, 2);
	assert_string_equal(roles->items[1]->value, "y");
	assert_int_equal(roles->items[1]->col, 26);
	assert_string_equal(ynode_get(people->items[1], "name")->value, "B");
	release(&p);
}

static void
test_yaml_doc_parse_empty_gives_empty_map(void **state)
{
	static const char *const empty[] = {
		"", "\n", "# only a comment\n", "---\n", "--- # comment\n",
		"---\n...\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(empty) / sizeof(*empty); i++) {
		struct parsed p;

		parse(&p, empty[i]);
		assert_parsed(&p);
		assert_int_equal(p.root->type, YNODE_MAP);
		assert_int_equal(p.root->count, 0);
		release(&p);
	}
}

static void
test_yaml_doc_parse_non_map_root(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "- a\n- b\n");
	assert_parsed(&p);
	assert_int_equal(p.root->type, YNODE_SEQ);
	release(&p);

	parse(&p, "just text\n");
	assert_parsed(&p);
	assert_int_equal(p.root->type, YNODE_SCALAR);
	release(&p);
}

static void
test_yaml_doc_parse_syntax_error_tab(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "a:\n\tb: 1\n");
	assert_rejected(&p, "yaml-syntax", 2, 1);
	assert_message_contains(&p, "invalid YAML: ");
	assert_message_contains(&p, "tabs");
	assert_message_contains(&p, "indent with spaces");
	release(&p);
}

static void
test_yaml_doc_parse_syntax_error_unquoted_colon(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "id: RSK-001\ntitle: Backup: offsite copy\n");
	assert_rejected(&p, "yaml-syntax", 2, 14);
	assert_message_contains(&p,
	    "mapping values are not allowed in this context");
	assert_message_contains(&p, "quote a value that contains ': '");
	release(&p);
}

static void
test_yaml_doc_parse_syntax_error_hints(void **state)
{
	static const struct {
		const char *text;
		size_t line;
		size_t col;
		const char *hint;
	} cases[] = {
		{ "a: \"abc\n", 2, 1, "close the quoted value" },
		{ "a:\n  - b\n - c\n", 3, 2, "check the indentation" },
		{ "a: b\nc\n", 3, 1, "write 'key: value'" },
		{ "key: - a\n", 1, 6, "start the list on the line after" },
		{ "a: \"\\q\"\n", 1, 5, "for a backslash" },
		{ "a: @x\n", 1, 4, "'@' or '`'" },
		{ "a: b\001c\n", 1, 5, "remove the control character" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct parsed p;

		parse(&p, cases[i].text);
		assert_rejected(&p, "yaml-syntax", cases[i].line,
		    cases[i].col);
		assert_message_contains(&p, cases[i].hint);
		release(&p);
	}
}

static void
test_yaml_doc_parse_syntax_error_context_position(void **state)
{
	struct parsed p;

	(void)state;
	parse_bytes(&p, "a: \"abc\n", 8, 1);
	assert_rejected(&p, "yaml-syntax", 3, 1);
	assert_message_contains(&p,
	    "(while scanning a quoted scalar at line 2, column 4)");
	release(&p);
}

static void
test_yaml_doc_parse_rejects_alias(void **state)
{
	static const struct {
		const char *text;
		size_t line;
		size_t col;
		const char *message;
	} cases[] = {
		{ "a: &x 1\nb: *x\n", 1, 4, "anchors and aliases are not "
		    "allowed; remove '&x' and write the value out where it "
		    "is used" },
		{ "&a [*a]\n", 1, 1, "remove '&a'" },
		{ "a: *x\n", 1, 4,
		    "aliases are not allowed; write the value out" },
		{ "a:\n  - &m {k: v}\n", 2, 5, "remove '&m'" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct parsed p;

		parse(&p, cases[i].text);
		assert_rejected(&p, "yaml-alias", cases[i].line,
		    cases[i].col);
		assert_message_contains(&p, cases[i].message);
		release(&p);
	}
}

static void
test_yaml_doc_parse_billion_laughs(void **state)
{
	struct parsed p;
	struct buf text = BUF_INIT;

	(void)state;
	buf_puts(&text, "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
	for (char c = 'b'; c <= 'i'; c++)
		buf_printf(&text, "%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,"
		    "*%c]\n", c, c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1,
		    c - 1, c - 1, c - 1);
	parse(&p, text.ptr);
	assert_rejected(&p, "yaml-alias", 1, 4);
	assert_int_equal(p.diags.count, 1);
	assert_true(p.seconds < 1.0);
	release(&p);
	buf_release(&text);
}

static void
test_yaml_doc_parse_quiet_without_aliases(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "a: '&x'\nb: \"*x\"\nc: x&y*z\n");
	assert_parsed(&p);
	assert_string_equal(ynode_get(p.root, "c")->value, "x&y*z");
	release(&p);
}

static void
test_yaml_doc_parse_rejects_tag(void **state)
{
	static const struct {
		const char *text;
		const char *shown;
	} cases[] = {
		{ "a: !!str 5\n", "tags such as '!!str' are not allowed" },
		{ "a: !!map {}\n", "'!!map'" },
		{ "a: !local x\n", "'!local'" },
		{ "a: ! x\n", "'!'" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct parsed p;

		parse(&p, cases[i].text);
		assert_rejected(&p, "yaml-tag", 1, 4);
		assert_message_contains(&p, cases[i].shown);
		release(&p);
	}
}

static void
test_yaml_doc_parse_quiet_on_quoted_instead_of_tag(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "a: '5'\nb: \"!!str\"\n");
	assert_parsed(&p);
	release(&p);
}

static void
test_yaml_doc_parse_rejects_duplicate_key(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "a: 1\nb: 2\na: 3\n");
	assert_rejected(&p, "yaml-duplicate-key", 3, 1);
	assert_string_equal(p.diags.items[0].message,
	    "duplicate key 'a', first set on line 1; keep one of them");
	release(&p);
}

static void
test_yaml_doc_parse_duplicate_key_quoted_and_nested(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "\"a\": 1\na: 2\n");
	assert_rejected(&p, "yaml-duplicate-key", 2, 1);
	release(&p);

	parse(&p, "outer:\n  x: 1\n  y: 2\n  x: 3\n");
	assert_rejected(&p, "yaml-duplicate-key", 4, 3);
	release(&p);

	parse(&p, "list: [{k: 1, k: 2}]\n");
	assert_rejected(&p, "yaml-duplicate-key", 1, 15);
	release(&p);
}

static void
test_yaml_doc_parse_reports_every_duplicate(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "a: 1\na: 2\nb: 1\na: 3\nb: 2\n");
	assert_int_equal(p.ret, ISMS_EFAIL);
	assert_int_equal(diag_count_rule(&p.diags, "yaml-duplicate-key"), 3);
	release(&p);
}

static void
test_yaml_doc_parse_quiet_on_distinct_keys(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "a: 1\nA: 2\na1: 3\nouter:\n  a: 4\nother:\n  a: 5\n");
	assert_parsed(&p);
	release(&p);
}

static void
test_yaml_doc_parse_large_maps_fast(void **state)
{
	struct buf text = BUF_INIT;
	struct parsed p;

	(void)state;
	for (size_t i = 0; i < 100000; i++)
		buf_printf(&text, "k%zu: v\n", i);
	parse_bytes(&p, text.ptr, text.len, 0);
	assert_parsed(&p);
	assert_int_equal(p.root->count, 100000);
	assert_true(p.seconds < HOSTILE_SECONDS);
	release(&p);

	buf_reset(&text);
	for (size_t i = 0; i < 100000; i++)
		buf_puts(&text, "same: v\n");
	parse_bytes(&p, text.ptr, text.len, 0);
	assert_int_equal(p.ret, ISMS_EFAIL);
	assert_int_equal(diag_count_rule(&p.diags, "yaml-duplicate-key"),
	    99999);
	assert_true(p.seconds < HOSTILE_SECONDS);
	release(&p);
	buf_release(&text);
}

static void
test_yaml_doc_parse_rejects_complex_key(void **state)
{
	static const struct {
		const char *text;
		size_t col;
		const char *message;
	} cases[] = {
		{ "? [a]\n: 1\n", 3,
		    "key must be a scalar, not a sequence" },
		{ "{[a]: 1}\n", 2, "not a sequence" },
		{ "? {a: 1}\n: 2\n", 3, "not a mapping" },
		{ "? \n: x\n", 2, "key is empty; write a name before ':'" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct parsed p;

		parse(&p, cases[i].text);
		assert_rejected(&p, "yaml-complex-key", 1, cases[i].col);
		assert_message_contains(&p, cases[i].message);
		release(&p);
	}
}

static void
test_yaml_doc_parse_quiet_on_scalar_keys(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "? explicit\n: 1\n'quoted key': 2\n\"\": 3\n");
	assert_parsed(&p);
	assert_non_null(ynode_get(p.root, "explicit"));
	assert_non_null(ynode_get(p.root, "quoted key"));
	assert_non_null(ynode_get(p.root, ""));
	release(&p);
}

static void
test_yaml_doc_parse_depth_limit(void **state)
{
	char *opened, *text;
	size_t len;
	struct parsed p;

	(void)state;
	opened = repeat("", "[", YAML_MAX_DEPTH, "", &len);
	text = repeat(opened, "]", YAML_MAX_DEPTH, "", &len);
	parse_bytes(&p, text, len, 0);
	assert_parsed(&p);
	release(&p);
	free(opened);
	free(text);

	text = repeat("", "[", YAML_MAX_DEPTH + 1, "", &len);
	parse_bytes(&p, text, len, 0);
	assert_rejected(&p, "yaml-too-deep", 1, YAML_MAX_DEPTH + 1);
	assert_message_contains(&p, "nesting is deeper than 32 levels");
	release(&p);
	free(text);
}

static void
test_yaml_doc_parse_deep_block_nesting(void **state)
{
	struct buf text = BUF_INIT;
	struct parsed p;

	(void)state;
	for (size_t i = 0; i < 40; i++) {
		for (size_t k = 0; k < i; k++)
			buf_putc(&text, ' ');
		buf_puts(&text, "k:\n");
	}
	parse(&p, text.ptr);
	assert_rejected(&p, "yaml-too-deep", 33, 33);
	release(&p);
	buf_release(&text);
}

static void
test_yaml_doc_parse_hostile_nesting_fast(void **state)
{
	static const char *const pieces[] = { "[", "{", "[\n", "- ", "{a: " };

	(void)state;
	for (size_t i = 0; i < sizeof(pieces) / sizeof(*pieces); i++) {
		size_t len;
		char *text = repeat("", pieces[i],
		    YAML_MAX_BYTES / strlen(pieces[i]), "", &len);
		struct parsed p;

		parse_bytes(&p, text, len, 0);
		assert_int_equal(p.ret, ISMS_EFAIL);
		assert_int_equal(p.diags.count, 1);
		assert_string_equal(p.diags.items[0].rule, "yaml-too-deep");
		assert_true(p.seconds < HOSTILE_SECONDS);
		release(&p);
		free(text);
	}
}

static void
test_yaml_doc_parse_many_items_fast(void **state)
{
	size_t len;
	char *text;
	struct parsed p;

	(void)state;
	text = repeat("[", "a,", YAML_MAX_BYTES / 2 - 1, "]", &len);
	assert_int_equal(len, YAML_MAX_BYTES);
	parse_bytes(&p, text, len, 0);
	assert_parsed(&p);
	assert_int_equal(p.root->count, YAML_MAX_BYTES / 2 - 1);
	assert_true(p.seconds < HOSTILE_SECONDS);
	release(&p);
	free(text);

	text = repeat("", "- a\n", YAML_MAX_BYTES / 4, "", &len);
	parse_bytes(&p, text, len, 0);
	assert_parsed(&p);
	assert_int_equal(p.root->count, YAML_MAX_BYTES / 4);
	assert_true(p.seconds < HOSTILE_SECONDS);
	release(&p);
	free(text);
}

static void
test_yaml_doc_parse_huge_keys(void **state)
{
	size_t len;
	char *text;
	struct parsed p;

	(void)state;
	text = repeat("", "k", YAML_MAX_BYTES - 10, ": 1\n", &len);
	parse_bytes(&p, text, len, 0);
	assert_rejected(&p, "yaml-syntax", 1, YAML_MAX_BYTES - 9);
	assert_message_contains(&p, "at most 1024 characters");
	assert_true(p.seconds < HOSTILE_SECONDS);
	release(&p);
	free(text);

	text = repeat("? ", "k", YAML_MAX_BYTES - 20, "\n: 1\n", &len);
	parse_bytes(&p, text, len, 0);
	assert_parsed(&p);
	assert_int_equal(p.root->keys[0]->value_len, YAML_MAX_BYTES - 20);
	assert_true(p.seconds < HOSTILE_SECONDS);
	release(&p);
	free(text);
}

static void
test_yaml_doc_parse_size_limit(void **state)
{
	size_t len;
	char *text;
	struct parsed p;

	(void)state;
	text = repeat("a: ", "x", YAML_MAX_BYTES - 4, "\n", &len);
	assert_int_equal(len, YAML_MAX_BYTES);
	parse_bytes(&p, text, len, 0);
	assert_parsed(&p);
	release(&p);
	free(text);

	text = repeat("a: ", "x", YAML_MAX_BYTES - 3, "\n", &len);
	assert_int_equal(len, YAML_MAX_BYTES + 1);
	parse_bytes(&p, text, len, 4);
	assert_rejected(&p, "yaml-too-large", 5, 1);
	assert_string_equal(p.diags.items[0].message, "YAML is 1048577 "
	    "bytes, more than the maximum of 1048576; move data out of "
	    "this file");
	release(&p);
	free(text);
}

static void
test_yaml_doc_parse_rejects_invalid_utf8(void **state)
{
	static const struct {
		const char *text;
		size_t line;
		size_t col;
		const char *byte;
	} cases[] = {
		{ "a: \xff\n", 1, 4, "byte 0xff" },
		{ "a: 1\nb: caf\xc3(\n", 2, 7, "byte 0xc3" },
		{ "a: \xc0\x80\n", 1, 4, "byte 0xc0" },
		{ "a: \xe0\x80\x80\n", 1, 4, "byte 0xe0" },
		{ "a: \xed\xa0\x80\n", 1, 4, "byte 0xed" },
		{ "a: \xf4\x90\x80\x80\n", 1, 4, "byte 0xf4" },
		{ "a: \xf5\x80\x80\x80\n", 1, 4, "byte 0xf5" },
		{ "a: \xe2\x82", 1, 4, "byte 0xe2" },
		{ "a: \x80\n", 1, 4, "byte 0x80" },
		{ "a: 1\r\nb: \xfe\r\n", 2, 4, "byte 0xfe" },
		{ "\xff\xfe" "a\0:\0", 1, 1, "byte 0xff" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct parsed p;
		size_t len = strlen(cases[i].text);

		if (i == sizeof(cases) / sizeof(*cases) - 1)
			len = 6;
		parse_bytes(&p, cases[i].text, len, 0);
		assert_rejected(&p, "yaml-invalid-utf8", cases[i].line,
		    cases[i].col);
		assert_message_contains(&p, cases[i].byte);
		assert_message_contains(&p, "save the file as UTF-8");
		release(&p);
	}
}

static void
test_yaml_doc_parse_quiet_on_valid_utf8(void **state)
{
	struct parsed p;
	const struct ynode *v;

	(void)state;
	parse(&p, "name: caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9d\x84\x9e\n"
	    "\xc3\xa9: [\xc3\xbc, c]\n");
	assert_parsed(&p);
	assert_string_equal(ynode_get(p.root, "name")->value,
	    "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9d\x84\x9e");

	/* Columns count bytes: "ü" takes two. */
	v = ynode_get(p.root, "\xc3\xa9");
	assert_int_equal(v->col, 5);
	assert_int_equal(v->items[0]->col, 6);
	assert_int_equal(v->items[1]->col, 10);
	release(&p);
}

static void
test_yaml_doc_parse_bom(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "\xef\xbb\xbf" "a: 1\nb: 2\n");
	assert_parsed(&p);
	assert_int_equal(ynode_get_key(p.root, "a")->col, 1);
	assert_int_equal(ynode_get(p.root, "b")->line, 2);
	release(&p);
}

static void
test_yaml_doc_parse_crlf(void **state)
{
	struct parsed p;
	const struct ynode *b;

	(void)state;
	parse(&p, "a: 1\r\nb: two\r\nc:\r\n  - x\r\n");
	assert_parsed(&p);
	b = ynode_get(p.root, "b");
	assert_string_equal(b->value, "two");
	assert_int_equal(b->line, 2);
	assert_int_equal(b->col, 4);
	assert_int_equal(ynode_get(p.root, "c")->items[0]->line, 4);
	assert_int_equal(ynode_get(p.root, "c")->items[0]->col, 5);
	release(&p);

	parse(&p, "a: 1\r\n\tb: 2\r\n");
	assert_rejected(&p, "yaml-syntax", 2, 1);
	release(&p);
}

static void
test_yaml_doc_parse_rejects_multiple_documents(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "a: 1\n---\nb: 2\n");
	assert_rejected(&p, "yaml-multiple-documents", 2, 1);
	assert_message_contains(&p, "second YAML document");
	release(&p);

	parse(&p, "---\na: 1\n...\n---\nb: 2\n");
	assert_rejected(&p, "yaml-multiple-documents", 4, 1);
	release(&p);
}

static void
test_yaml_doc_parse_quiet_on_one_document(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "%YAML 1.1\n---\na: 1\n...\n");
	assert_parsed(&p);
	assert_int_equal(p.root->count, 1);
	release(&p);
}

static void
test_ynode_get_handles_missing_and_non_maps(void **state)
{
	struct parsed p;
	const struct ynode *list;

	(void)state;
	parse(&p, "a: 1\nlist: [x]\n");
	assert_parsed(&p);
	assert_null(ynode_get(p.root, "b"));
	assert_null(ynode_get_key(p.root, "b"));
	assert_null(ynode_get(p.root, "a "));
	list = ynode_get(p.root, "list");
	assert_null(ynode_get(list, "x"));
	assert_null(ynode_get(NULL, "a"));
	assert_null(ynode_get_key(NULL, "a"));
	release(&p);
}

static void
test_ynode_get_compares_whole_key(void **state)
{
	struct parsed p;
	const char text[] = "\"a\\0b\": 1\na: 2\n";

	(void)state;
	parse_bytes(&p, text, sizeof(text) - 1, 0);
	assert_parsed(&p);
	assert_string_equal(ynode_get(p.root, "a")->value, "2");
	release(&p);
}

static void
test_ynode_type_name_for_messages(void **state)
{
	(void)state;
	assert_string_equal(ynode_type_name(YNODE_SCALAR), "a scalar");
	assert_string_equal(ynode_type_name(YNODE_MAP), "a mapping");
	assert_string_equal(ynode_type_name(YNODE_SEQ), "a sequence");
}

static void
test_yaml_excerpt_escapes_and_cuts(void **state)
{
	struct buf out = BUF_INIT;
	char *text;
	size_t len;

	(void)state;
	yaml_excerpt(&out, "a\nb\tc\001", 6);
	assert_string_equal(out.ptr, "a\\nb\\tc\\x01");

	buf_reset(&out);
	text = repeat("", "x", 100, "", &len);
	yaml_excerpt(&out, text, len);
	assert_int_equal(out.len, 63);
	assert_string_equal(out.ptr + 60, "...");
	free(text);

	/* A cut never splits a UTF-8 sequence. */
	buf_reset(&out);
	text = repeat("x", "\xc3\xa9", 40, "", &len);
	yaml_excerpt(&out, text, len);
	assert_int_equal(out.len, 59 + 3);
	assert_string_equal(out.ptr + 59, "...");
	free(text);
	buf_release(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yaml_doc_parse_map_with_positions),
		cmocka_unit_test(test_yaml_doc_parse_adds_line_offset),
		cmocka_unit_test(test_yaml_doc_parse_keeps_scalar_text),
		cmocka_unit_test(test_yaml_doc_parse_nested_collections),
		cmocka_unit_test(test_yaml_doc_parse_empty_gives_empty_map),
		cmocka_unit_test(test_yaml_doc_parse_non_map_root),
		cmocka_unit_test(test_yaml_doc_parse_syntax_error_tab),
		cmocka_unit_test(
		    test_yaml_doc_parse_syntax_error_unquoted_colon),
		cmocka_unit_test(test_yaml_doc_parse_syntax_error_hints),
		cmocka_unit_test(
		    test_yaml_doc_parse_syntax_error_context_position),
		cmocka_unit_test(test_yaml_doc_parse_rejects_alias),
		cmocka_unit_test(test_yaml_doc_parse_billion_laughs),
		cmocka_unit_test(test_yaml_doc_parse_quiet_without_aliases),
		cmocka_unit_test(test_yaml_doc_parse_rejects_tag),
		cmocka_unit_test(
		    test_yaml_doc_parse_quiet_on_quoted_instead_of_tag),
		cmocka_unit_test(test_yaml_doc_parse_rejects_duplicate_key),
		cmocka_unit_test(
		    test_yaml_doc_parse_duplicate_key_quoted_and_nested),
		cmocka_unit_test(test_yaml_doc_parse_reports_every_duplicate),
		cmocka_unit_test(test_yaml_doc_parse_quiet_on_distinct_keys),
		cmocka_unit_test(test_yaml_doc_parse_large_maps_fast),
		cmocka_unit_test(test_yaml_doc_parse_rejects_complex_key),
		cmocka_unit_test(test_yaml_doc_parse_quiet_on_scalar_keys),
		cmocka_unit_test(test_yaml_doc_parse_depth_limit),
		cmocka_unit_test(test_yaml_doc_parse_deep_block_nesting),
		cmocka_unit_test(test_yaml_doc_parse_hostile_nesting_fast),
		cmocka_unit_test(test_yaml_doc_parse_many_items_fast),
		cmocka_unit_test(test_yaml_doc_parse_huge_keys),
		cmocka_unit_test(test_yaml_doc_parse_size_limit),
		cmocka_unit_test(test_yaml_doc_parse_rejects_invalid_utf8),
		cmocka_unit_test(test_yaml_doc_parse_quiet_on_valid_utf8),
		cmocka_unit_test(test_yaml_doc_parse_bom),
		cmocka_unit_test(test_yaml_doc_parse_crlf),
		cmocka_unit_test(
		    test_yaml_doc_parse_rejects_multiple_documents),
		cmocka_unit_test(test_yaml_doc_parse_quiet_on_one_document),
		cmocka_unit_test(test_ynode_get_handles_missing_and_non_maps),
		cmocka_unit_test(test_ynode_get_compares_whole_key),
		cmocka_unit_test(test_ynode_type_name_for_messages),
		cmocka_unit_test(test_yaml_excerpt_escapes_and_cuts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
