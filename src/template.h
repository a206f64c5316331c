#ifndef ISMS_TEMPLATE_H
#define ISMS_TEMPLATE_H

#include <stddef.h>

#include "buf.h"

/*
 * The templates that `isms init` and `isms new` write from: the files of
 * the project's templates/ folder, compiled into the binary at build time
 * (the Makefile generates the table below), so the tool needs no data
 * files at run time. A folder named by the caller, in practice the
 * ISMS_TEMPLATES environment variable, can replace any of them file by
 * file.
 *
 * Placeholders are written {{NAME}}: {{ID}}, {{TITLE}}, {{DATE}} and
 * {{OWNER}}. docs/templates.md describes them for users.
 */

struct template_file {
	const char *name;	/* relative to templates/: "risk.md" */
	const char *text;	/* NUL-terminated; templates hold no NUL */
};

/* Generated from templates/ by the Makefile, sorted by name. */
extern const struct template_file template_builtin[];
extern const size_t template_builtin_count;

/*
 * Replaces the contents of `out` with the template `name` ("risk.md",
 * "controls/soa.yaml"). When `override_dir` is not NULL and contains a
 * file of that name, the file is read instead of the built-in copy.
 *
 * Returns 0, ISMS_ENOTFOUND when neither has the template, and ISMS_EFAIL
 * when `override_dir` is not a folder or its file cannot be read.
 */
int template_load(struct buf *out, const char *name,
    const char *override_dir);

/* The values of the placeholders; NULL where a command has none. */
struct template_values {
	const char *id;
	const char *title;
	const char *date;
	const char *owner;
};

#define TEMPLATE_VALUES_INIT { NULL, NULL, NULL, NULL }

/*
 * Appends to `out` the `len` bytes of template `text` with every
 * placeholder replaced by its value. `name` decides where YAML is: a
 * ".yaml" template is YAML throughout, a ".md" template in its
 * frontmatter only. In YAML a value becomes a scalar that reads back as
 * exactly the value (see template_yaml_scalar()). When the template
 * already puts the placeholder between two '"' or two '\'', the value is
 * escaped for those quotes instead. Elsewhere it is copied as it is. Text
 * between {{ and }} that is not an upper-case name is copied unchanged.
 *
 * Returns 0, or ISMS_EFAIL after error_set() naming the template and line
 * when a placeholder is unknown or has no value in `values`. `out` then
 * contains a partial result.
 */
int template_fill(struct buf *out, const char *name, const char *text,
    size_t len, const struct template_values *values);

/*
 * Appends `value` to `out` as a YAML scalar, in double quotes with escapes
 * unless it can be written plain. It is plain when it is a date
 * (YYYY-MM-DD), or when it starts with an ASCII letter, contains only
 * ASCII letters, digits, spaces and the characters ' ( ) + - . / _, and
 * does not end with a space. A word that YAML 1.1 reads as a boolean or
 * null (yes, no, on, off, true, false, null, y, n in any case) is quoted.
 */
void template_yaml_scalar(struct buf *out, const char *value);

#endif
