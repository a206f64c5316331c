#ifndef ISMS_YAML_DOC_H
#define ISMS_YAML_DOC_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"

/*
 * A YAML document loaded with libyaml into a small tree that keeps the line
 * and column of every node, so each diagnostic can point at the exact
 * place. Scalars keep their text exactly as written: no YAML 1.1 (or 1.2)
 * type resolution happens here, so `no`, `0755` and `5.10` stay the
 * strings the user typed. The schema checks in schema.h decide what a
 * scalar means and report the ones that other YAML tools would read
 * differently.
 *
 * Rejected with a diagnostic: aliases and anchors, so no entity
 * expansion happens; tags such as `!!str`, because quoting already keeps
 * a value a string; duplicate keys; keys that are collections or empty;
 * nesting deeper than YAML_MAX_DEPTH; documents larger than
 * YAML_MAX_BYTES; invalid UTF-8; and more than one document. Quoted keys
 * are accepted.
 *
 * Rule ids: yaml-syntax, yaml-alias, yaml-tag, yaml-duplicate-key,
 * yaml-complex-key, yaml-too-deep, yaml-too-large, yaml-invalid-utf8,
 * yaml-multiple-documents. Parsing and the key checks take time linear in
 * the input, apart from an O(n log n) sort of each map's keys.
 */

#define YAML_MAX_DEPTH 32
#define YAML_MAX_BYTES (1024 * 1024)

enum ynode_type {
	YNODE_SCALAR,
	YNODE_MAP,
	YNODE_SEQ,
};

struct ynode {
	enum ynode_type type;
	size_t line;		/* 1-based, in the file (see line_offset) */
	size_t col;		/* 1-based, in bytes */
	char *value;		/* scalars: the text, NUL-terminated */
	size_t value_len;
	int plain;		/* scalars: written without quotes */
	size_t count;		/* maps: pairs; sequences: items */
	struct ynode **keys;	/* maps: key scalars, in file order */
	struct ynode **items;	/* maps: values; sequences: items */
};

/*
 * Parses `len` bytes of `text` as one YAML document. `path` names the file
 * in diagnostics and `line_offset` is added to every line number (the
 * frontmatter of a Markdown file starts on line 2). An empty document
 * gives an empty map, and so does a document that is only `---`. A UTF-8
 * BOM at the start is skipped.
 *
 * Returns 0 and sets *out, which the caller frees with ynode_free(), when
 * the document parsed. Otherwise adds error diagnostics to `diags`, sets
 * *out to NULL and returns ISMS_EFAIL.
 */
int yaml_doc_parse(struct ynode **out, const char *text, size_t len,
    const char *path, size_t line_offset, struct diag_list *diags);

void ynode_free(struct ynode *node);

/* The value of `key` in map `map`, or NULL. Borrowed. */
const struct ynode *ynode_get(const struct ynode *map, const char *key);

/* The key node paired with `key`, for diagnostics about the key itself. */
const struct ynode *ynode_get_key(const struct ynode *map, const char *key);

/*
 * Appends `len` bytes of user text to `out` for use inside a message:
 * control characters become C escapes such as \n, and text longer than
 * 60 bytes is cut at a character boundary and ends with "...".
 */
void yaml_excerpt(struct buf *out, const char *text, size_t len);

/* "a mapping", "a sequence" or "a scalar", for messages. */
const char *ynode_type_name(enum ynode_type type);

#endif
