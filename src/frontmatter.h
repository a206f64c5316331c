#ifndef ISMS_FRONTMATTER_H
#define ISMS_FRONTMATTER_H

#include <stddef.h>

#include "diag.h"

/*
 * Splits a Markdown file into its YAML frontmatter and its body.
 *
 * The frontmatter is the block between a first line `---` and the next
 * line that is `---` or `...`. Spaces or tabs may follow either marker.
 * A UTF-8 BOM before the first line and CRLF line endings are
 * accepted. The returned offsets index `text` itself. An empty file has
 * no frontmatter and an empty body.
 */
struct frontmatter {
	int present;		/* the file starts with a closed block */
	size_t yaml_start;	/* offset of the first YAML byte */
	size_t yaml_len;
	size_t yaml_line;	/* file line of the first YAML line, 1-based */
	size_t body_start;	/* offset of the first body byte */
	size_t body_line;
};

/*
 * Finds the frontmatter of `text`. Returns 0 with fm->present set or clear;
 * returns ISMS_EFAIL after adding a diagnostic when the file starts with
 * `---` but never closes it, or when the file has no opening `---` but its
 * first lines look like a YAML header that ends with a `---` line (the
 * form some compliance tools write), so the user learns what to add.
 * Both errors are reported at line 1, with rules frontmatter-unclosed and
 * frontmatter-missing-open; fm->present is then clear and the body is the
 * whole file.
 */
int frontmatter_find(struct frontmatter *fm, const char *text, size_t len,
    const char *path, struct diag_list *diags);

#endif
