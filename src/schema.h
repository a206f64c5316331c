#ifndef ISMS_SCHEMA_H
#define ISMS_SCHEMA_H

#include <stddef.h>

#include "diag.h"
#include "yaml_doc.h"

/*
 * Typed reads of YAML nodes, each reporting what is wrong with a
 * diagnostic that points at the offending node. Every getter takes the
 * map and the key; a missing optional key is not an error. A getter
 * returns 1 when it stored a value, 0 when the key is absent (after a
 * `missing-field` error when `required`), and -1 when the value is
 * present but invalid (after an error diagnostic). Callers keep going
 * after -1 so one run reports every problem in a file. A key whose value
 * is null (nothing after the colon, `~` or `null`, unquoted) counts as
 * absent, as it does for every YAML tool.
 *
 * Rule ids used here (documented in docs/rules.md): missing-field,
 * wrong-type, invalid-value, invalid-date, unknown-key,
 * yaml-ambiguous-scalar.
 */
struct schema_ctx {
	const char *path;	/* file named in diagnostics */
	struct diag_list *diags;
	/* Noun for the map being read, such as "risk", in missing-field
	 * messages; NULL means "mapping". */
	const char *what;
};

enum schema_req { SCHEMA_OPTIONAL, SCHEMA_REQUIRED };

/*
 * Reports every key of `map` not in the NULL-terminated `allowed` list as
 * `unknown-key`, with a "did you mean" hint when an allowed key is close.
 * An unquoted key that YAML 1.1 tools read as a boolean (`on`, `yes`,
 * `no`, `off`, ...) gets a note saying so, which is why no field has such
 * a name.
 * `what` names the map in messages ("risk", "inherent rating").
 */
void schema_check_keys(const struct schema_ctx *ctx, const struct ynode *map,
    const char *const *allowed, const char *what);

/* Checks that `node` is a map; reports `wrong-type` and returns 0 if not. */
int schema_expect_map(const struct schema_ctx *ctx, const struct ynode *node,
    const char *what);

/*
 * A string scalar. Reports `yaml-ambiguous-scalar` when the scalar is
 * plain and YAML 1.1 tools would read it as something else: a boolean
 * (yes, no, on, off, y, n, true, false, each in lower case, capitalised
 * or upper case), an octal, hexadecimal, binary or sexagesimal number
 * (0755, 0x1f, 0b101, 1:20), or a number whose text would not survive
 * the conversion (5.10, 1_000, +5). The number forms are those of
 * PyYAML's YAML 1.1 resolver. The value is still stored, and the
 * diagnostic is a warning. *out is borrowed from the tree.
 */
int schema_get_string(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, enum schema_req req, const char **out);

/* One of `values` (NULL-terminated); *out is its index. */
int schema_get_enum(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, enum schema_req req, const char *const *values,
    int *out);

/* A date written YYYY-MM-DD; *out is days since 1970-01-01 (date.h). */
int schema_get_date(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, enum schema_req req, int *out);

/*
 * true or false only (also True, TRUE, False, FALSE), unquoted. The
 * YAML 1.1 spellings (yes, on, ...) are reported as yaml-ambiguous-scalar
 * errors, because YAML 1.2 tools read them as strings.
 */
int schema_get_bool(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, enum schema_req req, int *out);

/*
 * An unquoted decimal integer in [min, max]. A leading zero (0755) is
 * reported as yaml-ambiguous-scalar, because YAML 1.1 reads it as octal.
 */
int schema_get_long(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, enum schema_req req, long min, long max, long *out);

/*
 * An unquoted decimal number in [min, max], such as 2, -0.5 or .5; no
 * exponent. A leading zero before more digits (010) is reported as
 * yaml-ambiguous-scalar.
 */
int schema_get_double(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, enum schema_req req, double min, double max,
    double *out);

/*
 * A sequence of strings. A single scalar is accepted as a one-item list
 * when `allow_scalar` is set. *out is a borrowed node: either the sequence
 * or the scalar; use schema_list_count() and schema_list_item(). Items
 * that are collections or null are errors; ambiguous items are reported
 * as for schema_get_string().
 */
int schema_get_string_list(const struct schema_ctx *ctx,
    const struct ynode *map, const char *key, enum schema_req req,
    int allow_scalar, const struct ynode **out);
size_t schema_list_count(const struct ynode *list);
const struct ynode *schema_list_item(const struct ynode *list, size_t i);

/*
 * The closest of `candidates` (NULL-terminated) to `word` by edit
 * distance, ignoring ASCII case and counting a swap of two neighbouring
 * letters as one edit, or NULL when none is within a third of the word's
 * length (at least one edit). Words longer than 64 bytes get NULL.
 */
const char *schema_did_you_mean(const char *word,
    const char *const *candidates);

#endif
