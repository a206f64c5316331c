#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "buf.h"
#include "diag.h"
#include "error.h"
#include "xalloc.h"
#include "yaml_doc.h"
#include "banned.h"

/* Maximum bytes of user text that yaml_excerpt() copies into a message. */
#define EXCERPT_MAX 60

/* The prefix that libyaml puts in place of the `!!` tag handle. */
#define STANDARD_TAG_PREFIX "tag:yaml.org,2002:"

/*
 * Maps libyaml's marks to file positions. libyaml counts code points in
 * mark.index (a CRLF pair counts as two), while diagnostics give lines of
 * the file and columns in bytes. The cursor only moves forward while
 * events arrive in document order, so converting every position of a
 * parse takes linear time. A mark behind the cursor, such as the start
 * of the construct that a syntax error names, restarts it from the top.
 */
struct position {
	const char *text;
	size_t len;
	size_t line_offset;
	size_t chars;		/* code points before `byte` */
	size_t byte;
	size_t line;		/* 1-based line of `byte`, within text */
	size_t line_start;	/* offset of the first byte of that line */
};

/* One open collection while the tree is built. */
struct frame {
	struct ynode *node;
	size_t alloc;		/* capacity of node->items (and node->keys) */
	int want_value;		/* maps: the last key still needs its value */
};

struct loader {
	yaml_parser_t parser;
	struct position pos;
	const char *path;
	struct diag_list *diags;
	struct frame stack[YAML_MAX_DEPTH];
	size_t depth;
	struct ynode *root;
	size_t documents;
	int failed;		/* an error was reported; no tree is returned */
};

/* A key of a map with its place in file order, for sorting. */
struct key_ref {
	const struct ynode *key;
	size_t index;
};

static size_t
utf8_sequence_length(unsigned char lead)
{
	if (lead < 0x80)
		return 1;
	if (lead < 0xe0)
		return 2;
	if (lead < 0xf0)
		return 3;
	return 4;
}

/*
 * Returns the offset of the first byte of the first invalid UTF-8
 * sequence, or `len` when the text is valid. Overlong forms, surrogates
 * and code points above U+10FFFF are invalid (RFC 3629).
 */
static size_t
find_invalid_utf8(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		unsigned char lo = 0x80, hi = 0xbf;
		size_t n;

		if (c < 0x80) {
			i++;
			continue;
		}

		if (c >= 0xc2 && c <= 0xdf)
			n = 2;
		else if (c >= 0xe0 && c <= 0xef)
			n = 3;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 4;
		else
			return i;

		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
		else if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;

		if (i + n > len || s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (size_t k = 2; k < n; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
		i += n;
	}
	return len;
}

/* Tells whether a line ends at byte i: LF, CR LF, or a lone CR. */
static int
ends_line(const char *text, size_t len, size_t i)
{
	if (text[i] == '\n')
		return 1;
	return text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n');
}

/* Finds the 1-based line and byte column of offset `at`. */
static void
locate_byte(const char *text, size_t len, size_t at, size_t *line,
    size_t *col)
{
	size_t l = 1, start = 0;

	for (size_t i = 0; i < at && i < len; i++) {
		if (ends_line(text, len, i)) {
			l++;
			start = i + 1;
		}
	}
	*line = l;
	*col = at - start + 1;
}

static void
position_init(struct position *pos, const char *text, size_t len,
    size_t line_offset)
{
	pos->text = text;
	pos->len = len;
	pos->line_offset = line_offset;
	pos->chars = 0;
	pos->byte = 0;
	pos->line = 1;
	pos->line_start = 0;
}

/* Finds the file line and byte column of code point `index`. */
static void
position_find(struct position *pos, size_t index, size_t *line,
    size_t *col)
{
	if (index < pos->chars)
		position_init(pos, pos->text, pos->len, pos->line_offset);

	while (pos->chars < index && pos->byte < pos->len) {
		const char *t = pos->text;
		size_t b = pos->byte;
		size_t n = utf8_sequence_length((unsigned char)t[b]);

		if (ends_line(t, pos->len, b)) {
			pos->line++;
			pos->line_start = b + 1;
		}
		pos->byte = b + n < pos->len ? b + n : pos->len;
		pos->chars++;
	}

	*line = pos->line + pos->line_offset;
	*col = pos->byte - pos->line_start + 1;
}

void
yaml_excerpt(struct buf *out, const char *text, size_t len)
{
	size_t cut = len;

	if (len > EXCERPT_MAX) {
		cut = EXCERPT_MAX;
		while (cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80)
			cut--;
	}

	for (size_t i = 0; i < cut; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '\n')
			buf_puts(out, "\\n");
		else if (c == '\t')
			buf_puts(out, "\\t");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(out, "\\x%02x", c);
		else
			buf_putc(out, (char)c);
	}
	if (cut < len)
		buf_puts(out, "...");
}

static void
report(struct loader *ld, size_t line, size_t col, const char *rule,
    const char *message)
{
	diag_add(ld->diags, DIAG_ERROR, ld->path, line, col, rule, "%s",
	    message);
	ld->failed = 1;
}

static void
report_at_mark(struct loader *ld, const yaml_mark_t *mark, const char *rule,
    const char *message)
{
	size_t line, col;

	position_find(&ld->pos, mark->index, &line, &col);
	report(ld, line, col, rule, message);
}

/* Tells whether the line at the cursor is indented with a tab. */
static int
cursor_line_indented_with_tab(const struct position *pos)
{
	for (size_t i = pos->line_start; i < pos->len; i++) {
		if (pos->text[i] == '\t')
			return 1;
		if (pos->text[i] != ' ')
			break;
	}
	return pos->byte < pos->len && pos->text[pos->byte] == '\t';
}

/*
 * Picks a hint for the usual cause of one of libyaml's problems. `col` is
 * the problem's column: libyaml gives up on a key longer than 1024
 * characters and then reports its ': ' as misplaced.
 */
static const char *
syntax_hint(const char *problem, const char *context, int tab, size_t col)
{
	if (tab)
		return "YAML does not allow tabs for indentation; "
		    "indent with spaces";
	if (strstr(problem, "mapping values are not allowed") && col > 1024)
		return "shorten the key to at most 1024 characters, "
		    "or quote a value that contains ': '";
	if (strstr(problem, "mapping values are not allowed"))
		return "quote a value that contains ': ', "
		    "or check the indentation";
	if (strstr(problem, "could not find expected ':'"))
		return "write 'key: value' on each line of a mapping, and "
		    "quote a key longer than one line or 1024 characters";
	if (strstr(problem, "did not find expected key"))
		return "check the indentation; the keys of one mapping must "
		    "line up";
	if (strstr(problem, "did not find expected '-' indicator"))
		return "check the indentation; the items of one list must "
		    "line up";
	if (strstr(problem, "block sequence entries are not allowed"))
		return "start the list on the line after its key";
	if (strstr(problem, "unknown escape character"))
		return "write '\\\\' for a backslash in double quotes, "
		    "or use single quotes";
	if (context && strstr(context, "quoted scalar"))
		return "close the quoted value with the quote it opens with";
	if (strstr(problem, "cannot start any token"))
		return "quote a value that starts with '@' or '`'";
	if (strstr(problem, "control characters are not allowed"))
		return "remove the control character";
	return "check the indentation, and quote values that contain ': ' "
	    "or ' #'";
}

static void
report_syntax(struct loader *ld)
{
	yaml_parser_t *p = &ld->parser;
	struct buf message = BUF_INIT;
	const char *problem = p->problem ? p->problem : "unknown problem";
	size_t line, col;
	int tab;

	if (p->error == YAML_MEMORY_ERROR) {
		report(ld, ld->pos.line_offset + 1, 1, "yaml-syntax",
		    "out of memory while parsing YAML");
		return;
	}

	if (p->error == YAML_READER_ERROR) {
		locate_byte(ld->pos.text, ld->pos.len, p->problem_offset,
		    &line, &col);
		buf_printf(&message, "invalid YAML: %s; %s", problem,
		    syntax_hint(problem, NULL, 0, col));
		report(ld, line + ld->pos.line_offset, col, "yaml-syntax",
		    message.ptr);
		buf_release(&message);
		return;
	}

	buf_printf(&message, "invalid YAML: %s", problem);
	if (p->context) {
		position_find(&ld->pos, p->context_mark.index, &line, &col);
		buf_printf(&message, " (%s at line %zu, column %zu)",
		    p->context, line, col);
	}
	position_find(&ld->pos, p->problem_mark.index, &line, &col);
	tab = cursor_line_indented_with_tab(&ld->pos);
	buf_printf(&message, "; %s", syntax_hint(problem, p->context, tab,
	    col));
	report(ld, line, col, "yaml-syntax", message.ptr);
	buf_release(&message);
}

/*
 * Rejects an anchor or a tag on a node. Returns 0 when the node has
 * neither, or -1 after reporting.
 */
static int
check_properties(struct loader *ld, const yaml_event_t *event,
    const yaml_char_t *anchor, const yaml_char_t *tag)
{
	struct buf message = BUF_INIT;

	if (anchor) {
		buf_puts(&message, "anchors and aliases are not allowed; "
		    "remove '&");
		yaml_excerpt(&message, (const char *)anchor,
		    strlen((const char *)anchor));
		buf_puts(&message, "' and write the value out where it is "
		    "used");
		report_at_mark(ld, &event->start_mark, "yaml-alias",
		    message.ptr);
		buf_release(&message);
		return -1;
	}
	if (tag) {
		const char *name = (const char *)tag;

		/* Shows a standard tag as written (!!str), not resolved. */
		buf_puts(&message, "tags such as '");
		if (strncmp(name, STANDARD_TAG_PREFIX,
		    strlen(STANDARD_TAG_PREFIX)) == 0) {
			name += strlen(STANDARD_TAG_PREFIX);
			buf_puts(&message, "!!");
		}
		yaml_excerpt(&message, name, strlen(name));
		buf_puts(&message, "' are not allowed; remove it, and quote "
		    "the value if it must stay a string");
		report_at_mark(ld, &event->start_mark, "yaml-tag",
		    message.ptr);
		buf_release(&message);
		return -1;
	}
	return 0;
}

static struct ynode *
new_node(struct loader *ld, enum ynode_type type, const yaml_mark_t *mark)
{
	struct ynode *node = xcalloc(1, sizeof(*node));

	node->type = type;
	position_find(&ld->pos, mark->index, &node->line, &node->col);
	return node;
}

/* Adds `node` to the open collection, or makes it the root. */
static void
attach(struct loader *ld, struct ynode *node)
{
	struct frame *f;
	struct ynode *parent;

	if (!ld->depth) {
		ld->root = node;
		return;
	}

	f = &ld->stack[ld->depth - 1];
	parent = f->node;

	if (parent->type == YNODE_SEQ) {
		xgrow(&parent->items, &f->alloc, parent->count + 1,
		    sizeof(*parent->items));
		parent->items[parent->count++] = node;
		return;
	}

	if (f->want_value) {
		parent->items[parent->count - 1] = node;
		f->want_value = 0;
		return;
	}

	if (parent->count == f->alloc) {
		size_t keys_alloc = f->alloc;

		xgrow(&parent->keys, &keys_alloc, parent->count + 1,
		    sizeof(*parent->keys));
		xgrow(&parent->items, &f->alloc, parent->count + 1,
		    sizeof(*parent->items));
	}
	parent->keys[parent->count] = node;
	parent->items[parent->count] = NULL;
	parent->count++;
	f->want_value = 1;
}

static int
compare_key_refs(const void *a, const void *b)
{
	const struct key_ref *x = a, *y = b;
	size_t xl = x->key->value_len, yl = y->key->value_len;
	int c;

	if (xl != yl)
		return xl < yl ? -1 : 1;
	c = memcmp(x->key->value, y->key->value, xl);
	if (c != 0)
		return c;
	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	return 0;
}

/*
 * Reports every key of `map` that is not a non-empty scalar, and every
 * key that repeats an earlier one. Sorting the keys finds duplicates in
 * O(n log n), so a map with many keys stays fast.
 */
static void
check_map_keys(struct loader *ld, const struct ynode *map)
{
	struct key_ref *refs = NULL;
	struct buf message = BUF_INIT;
	size_t n = 0;

	if (!map->count)
		return;

	refs = xmalloc(map->count * sizeof(*refs));
	for (size_t i = 0; i < map->count; i++) {
		const struct ynode *key = map->keys[i];

		if (key->type != YNODE_SCALAR) {
			buf_reset(&message);
			buf_printf(&message, "key must be a scalar, not %s; "
			    "write a name before ':'",
			    ynode_type_name(key->type));
			report(ld, key->line, key->col, "yaml-complex-key",
			    message.ptr);
			continue;
		}
		if (!key->value_len && key->plain) {
			report(ld, key->line, key->col, "yaml-complex-key",
			    "key is empty; write a name before ':'");
			continue;
		}
		refs[n].key = key;
		refs[n].index = i;
		n++;
	}

	if (n > 1)
		qsort(refs, n, sizeof(*refs), compare_key_refs);

	for (size_t i = 1; i < n; i++) {
		const struct ynode *first = refs[i - 1].key;
		const struct ynode *key = refs[i].key;

		if (first->value_len != key->value_len ||
		    memcmp(first->value, key->value, key->value_len) != 0)
			continue;

		/* Points every repeat at the first occurrence in the file. */
		refs[i].key = first;
		buf_reset(&message);
		buf_puts(&message, "duplicate key '");
		yaml_excerpt(&message, key->value, key->value_len);
		buf_printf(&message, "', first set on line %zu; keep one of "
		    "them", first->line);
		report(ld, key->line, key->col, "yaml-duplicate-key",
		    message.ptr);
	}

	buf_release(&message);
	free(refs);
}

static int
handle_scalar(struct loader *ld, const yaml_event_t *event)
{
	struct ynode *node;
	size_t len = event->data.scalar.length;

	if (check_properties(ld, event, event->data.scalar.anchor,
	    event->data.scalar.tag) < 0)
		return -1;

	node = new_node(ld, YNODE_SCALAR, &event->start_mark);
	node->value = xmalloc(len + 1);
	memcpy(node->value, event->data.scalar.value, len);
	node->value[len] = '\0';
	node->value_len = len;
	node->plain = event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	attach(ld, node);
	return 0;
}

static int
handle_collection_start(struct loader *ld, const yaml_event_t *event,
    enum ynode_type type)
{
	const yaml_char_t *anchor, *tag;
	struct ynode *node;
	struct frame *f;
	char message[128];

	if (type == YNODE_MAP) {
		anchor = event->data.mapping_start.anchor;
		tag = event->data.mapping_start.tag;
	} else {
		anchor = event->data.sequence_start.anchor;
		tag = event->data.sequence_start.tag;
	}
	if (check_properties(ld, event, anchor, tag) < 0)
		return -1;

	if (ld->depth == YAML_MAX_DEPTH) {
		snprintf(message, sizeof(message),
		    "nesting is deeper than %d levels; use fewer nested "
		    "mappings and lists", YAML_MAX_DEPTH);
		report_at_mark(ld, &event->start_mark, "yaml-too-deep",
		    message);
		return -1;
	}

	node = new_node(ld, type, &event->start_mark);
	attach(ld, node);

	f = &ld->stack[ld->depth++];
	f->node = node;
	f->alloc = 0;
	f->want_value = 0;
	return 0;
}

static void
handle_collection_end(struct loader *ld)
{
	struct ynode *node = ld->stack[--ld->depth].node;

	if (node->type == YNODE_MAP)
		check_map_keys(ld, node);
}

/*
 * Handles one event. Returns 1 at the end of the stream, 0 to go on, or
 * -1 after reporting an error that stops the parse.
 */
static int
handle_event(struct loader *ld, const yaml_event_t *event)
{
	switch (event->type) {
	case YAML_NO_EVENT:
	case YAML_STREAM_START_EVENT:
	case YAML_DOCUMENT_END_EVENT:
		return 0;
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		if (ld->documents++) {
			report_at_mark(ld, &event->start_mark,
			    "yaml-multiple-documents",
			    "second YAML document; a file holds one, so remove "
			    "this line or everything from it on");
			return -1;
		}
		return 0;
	case YAML_ALIAS_EVENT:
		report_at_mark(ld, &event->start_mark, "yaml-alias",
		    "aliases are not allowed; write the value out");
		return -1;
	case YAML_SCALAR_EVENT:
		return handle_scalar(ld, event);
	case YAML_SEQUENCE_START_EVENT:
		return handle_collection_start(ld, event, YNODE_SEQ);
	case YAML_MAPPING_START_EVENT:
		return handle_collection_start(ld, event, YNODE_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		handle_collection_end(ld);
		return 0;
	}
	return 0;
}

/* Replaces a missing or empty root with an empty map. */
static void
fill_empty_root(struct loader *ld)
{
	struct ynode *root = ld->root;

	if (root && !(root->type == YNODE_SCALAR && root->plain &&
	    !root->value_len))
		return;

	ynode_free(root);
	ld->root = xcalloc(1, sizeof(*ld->root));
	ld->root->type = YNODE_MAP;
	ld->root->line = ld->pos.line_offset + 1;
	ld->root->col = 1;
}

static int
check_size_and_encoding(struct loader *ld, const char *text, size_t len)
{
	struct buf message = BUF_INIT;
	size_t bad, line, col;

	if (len > YAML_MAX_BYTES) {
		buf_printf(&message, "YAML is %zu bytes, more than the maximum "
		    "of %d; move data out of this file", len, YAML_MAX_BYTES);
		report(ld, ld->pos.line_offset + 1, 1, "yaml-too-large",
		    message.ptr);
		buf_release(&message);
		return -1;
	}

	bad = find_invalid_utf8((const unsigned char *)text, len);
	if (bad < len) {
		locate_byte(text, len, bad, &line, &col);
		buf_printf(&message, "invalid UTF-8 sequence starting with "
		    "byte 0x%02x; save the file as UTF-8",
		    (unsigned char)text[bad]);
		report(ld, line + ld->pos.line_offset, col,
		    "yaml-invalid-utf8", message.ptr);
		buf_release(&message);
		return -1;
	}
	return 0;
}

int
yaml_doc_parse(struct ynode **out, const char *text, size_t len,
    const char *path, size_t line_offset, struct diag_list *diags)
{
	struct loader ld;
	yaml_event_t event;
	int parser_ready = 0;
	int ret = ISMS_EFAIL;
	int step = 0;

	*out = NULL;
	if (!text)
		text = "";
	memset(&ld, 0, sizeof(ld));
	ld.path = path;
	ld.diags = diags;

	/* A BOM is not content, so columns on the first line skip it. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	position_init(&ld.pos, text, len, line_offset);

	if (check_size_and_encoding(&ld, text, len) < 0)
		goto done;

	if (!yaml_parser_initialize(&ld.parser)) {
		report(&ld, line_offset + 1, 1, "yaml-syntax",
		    "out of memory while parsing YAML");
		goto done;
	}
	parser_ready = 1;
	yaml_parser_set_input_string(&ld.parser, (const unsigned char *)text,
	    len);
	yaml_parser_set_encoding(&ld.parser, YAML_UTF8_ENCODING);

	while (!step) {
		if (!yaml_parser_parse(&ld.parser, &event)) {
			report_syntax(&ld);
			goto done;
		}
		step = handle_event(&ld, &event);
		yaml_event_delete(&event);
	}
	if (step < 0 || ld.failed)
		goto done;

	fill_empty_root(&ld);
	*out = ld.root;
	ld.root = NULL;
	ret = 0;

done:
	if (parser_ready)
		yaml_parser_delete(&ld.parser);
	ynode_free(ld.root);
	return ret;
}

void
ynode_free(struct ynode *node)
{
	if (!node)
		return;

	for (size_t i = 0; i < node->count; i++) {
		if (node->keys)
			ynode_free(node->keys[i]);
		ynode_free(node->items[i]);
	}
	free(node->keys);
	free(node->items);
	free(node->value);
	free(node);
}

static int
key_equals(const struct ynode *key, const char *name)
{
	size_t len = strlen(name);

	return key->type == YNODE_SCALAR && key->value_len == len &&
	    memcmp(key->value, name, len) == 0;
}

const struct ynode *
ynode_get(const struct ynode *map, const char *key)
{
	if (!map || map->type != YNODE_MAP)
		return NULL;

	for (size_t i = 0; i < map->count; i++)
		if (key_equals(map->keys[i], key))
			return map->items[i];
	return NULL;
}

const struct ynode *
ynode_get_key(const struct ynode *map, const char *key)
{
	if (!map || map->type != YNODE_MAP)
		return NULL;

	for (size_t i = 0; i < map->count; i++)
		if (key_equals(map->keys[i], key))
			return map->keys[i];
	return NULL;
}

const char *
ynode_type_name(enum ynode_type type)
{
	switch (type) {
	case YNODE_SCALAR:
		return "a scalar";
	case YNODE_MAP:
		return "a mapping";
	case YNODE_SEQ:
		return "a sequence";
	}
	return "a node";
}
