#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "criteria.h"
#include "diag.h"
#include "schema.h"
#include "xalloc.h"
#include "yaml_doc.h"
#include "banned.h"

/*
 * Largest `value` of a scale entry. The product of two such values is at
 * most 2147395600, so every score fits in a 32-bit long.
 */
#define CRITERIA_VALUE_MAX 46340L

/*
 * Maximum number of entries in a scale, of levels, of dimensions and of
 * roles in one `accept`. Published methods use 3 to 10 steps. The limit
 * keeps a hostile file from requesting a huge matrix or quadratic
 * duplicate checks.
 */
#define CRITERIA_MAX_ENTRIES 100

/*
 * Matrix cells naming unknown levels that get a diagnostic of their own.
 * Each one costs an edit-distance search for a hint, so a file full of
 * wrong names gets one summary for the rest.
 */
#define MAX_UNKNOWN_CELL_REPORTS 20

static const char *const criteria_keys[] = { "likelihood", "consequence",
	"method", "matrix", "consequence_aggregate", "levels",
	"acceptance_threshold", NULL };
static const char *const consequence_keys[] = { "dimensions", "scale",
	NULL };
static const char *const entry_keys[] = { "name", "description", "value",
	NULL };
static const char *const level_keys[] = { "name", "from", "accept",
	"review_every", "acceptance_valid_for", "treat_within", NULL };
static const char *const method_names[] = { "matrix", "product", "sum",
	NULL };
static const char *const aggregate_names[] = { "max", "mean", NULL };

static void report(const struct schema_ctx *ctx, const struct ynode *node,
    enum diag_severity severity, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Adds a diagnostic at `node`, or about the whole file when it is NULL. */
static void
report(const struct schema_ctx *ctx, const struct ynode *node,
    enum diag_severity severity, const char *rule, const char *fmt, ...)
{
	struct buf message = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&message, fmt, ap);
	va_end(ap);

	diag_add(ctx->diags, severity, ctx->path, node ? node->line : 0,
	    node ? node->col : 0, rule, "%s", message.ptr);
	buf_release(&message);
}

/* A context that names the map being read in missing-field messages. */
static struct schema_ctx
ctx_for(const struct schema_ctx *ctx, const char *what)
{
	struct schema_ctx sub = *ctx;

	sub.what = what;
	return sub;
}

/*
 * Whether `node` is a YAML null (nothing, `~` or `null`, unquoted), which
 * counts as an absent key, as it does in schema.h.
 */
static int
is_null(const struct ynode *node)
{
	return node->type == YNODE_SCALAR && node->plain &&
	    (!*node->value || strcmp(node->value, "~") == 0 ||
	    strcmp(node->value, "null") == 0 ||
	    strcmp(node->value, "Null") == 0 ||
	    strcmp(node->value, "NULL") == 0);
}

/* The value of `key`, or NULL when it is absent or null. */
static const struct ynode *
get_value(const struct ynode *map, const char *key)
{
	const struct ynode *node = ynode_get(map, key);

	return node && !is_null(node) ? node : NULL;
}

/*
 * The value of `key`, a collection, or NULL after a missing-field error
 * worded as schema.h words it for scalars.
 */
static const struct ynode *
get_required(const struct ynode *map, const char *key,
    const struct schema_ctx *ctx)
{
	const struct ynode *node = get_value(map, key);

	if (!node)
		report(ctx, map, DIAG_ERROR, "missing-field",
		    "%s has no '%s'; add '%s:' with its entries",
		    ctx->what ? ctx->what : "mapping", key, key);
	return node;
}

static const char *
method_name(enum criteria_method method)
{
	return method_names[method];
}

/* The operator between the two ratings of a score, for messages. */
static const char *
method_operator(enum criteria_method method)
{
	return method == METHOD_SUM ? "+" : "×";
}

int
criteria_get_duration(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, const char *rule, struct duration *out)
{
	const char *text = NULL;
	int rc;

	rc = schema_get_string(ctx, map, key, SCHEMA_OPTIONAL, &text);
	if (rc != 1)
		return rc;

	if (duration_parse(text, out) < 0) {
		report(ctx, ynode_get(map, key), DIAG_ERROR, rule,
		    "invalid duration '%s' for '%s'; write a count and a "
		    "unit, for example '12 months', '6 weeks' or '90 days'",
		    text, key);
		return -1;
	}
	if (out->count == 0) {
		report(ctx, ynode_get(map, key), DIAG_ERROR, rule,
		    "duration '%s' for '%s' is zero; use at least 1 day",
		    text, key);
		return -1;
	}
	return 1;
}

/*
 * Reads one scale entry: a map {name, description, value} or a bare name.
 * Sets *has_value when the entry carries a `value`.
 */
static void
parse_scale_entry(struct scale_entry *entry, int *has_value,
    const struct ynode *item, const char *what,
    const struct schema_ctx *ctx)
{
	struct buf label = BUF_INIT;
	struct schema_ctx sub;
	const char *name = NULL;
	const char *description = NULL;
	long value = 0;

	*has_value = 0;
	buf_printf(&label, "%s entry", what);
	sub = ctx_for(ctx, label.ptr);

	if (item->type == YNODE_SCALAR) {
		name = item->value;
	} else if (item->type == YNODE_MAP) {
		schema_check_keys(&sub, item, entry_keys, label.ptr);
		schema_get_string(&sub, item, "name", SCHEMA_REQUIRED, &name);
		schema_get_string(&sub, item, "description", SCHEMA_OPTIONAL,
		    &description);
		if (schema_get_long(&sub, item, "value", SCHEMA_OPTIONAL, 0,
		    CRITERIA_VALUE_MAX, &value) == 1)
			*has_value = 1;
	} else {
		report(ctx, item, DIAG_ERROR, "wrong-type",
		    "%s entry must be a mapping or a name, not %s", what,
		    ynode_type_name(item->type));
	}

	if (name && !*name)
		report(ctx, item, DIAG_ERROR, "criteria-scale",
		    "%s entry has an empty name", what);

	entry->name = xstrdup(name ? name : "");
	entry->description = description ? xstrdup(description) : NULL;
	entry->value = value;
	buf_release(&label);
}

/*
 * Checks the `value`s of a parsed scale: either every entry has one or
 * none does, and they increase from the lowest entry up. Entries without
 * a value keep their position.
 */
static void
check_scale_values(struct scale *scale, const int *has_value,
    const struct ynode *seq, const char *what,
    const struct schema_ctx *ctx)
{
	size_t with_value = 0;

	for (size_t i = 0; i < scale->count; i++)
		if (has_value[i])
			with_value++;

	if (!with_value) {
		for (size_t i = 0; i < scale->count; i++)
			scale->entries[i].value = (long)i + 1;
		return;
	}

	if (with_value != scale->count) {
		for (size_t i = 0; i < scale->count; i++)
			if (!has_value[i])
				report(ctx, seq->items[i], DIAG_ERROR,
				    "criteria-scale",
				    "%s entry '%s' has no value, but other "
				    "entries of the scale do; give every "
				    "entry a value or none", what,
				    scale->entries[i].name);
		return;
	}

	for (size_t i = 1; i < scale->count; i++) {
		const struct scale_entry *prev = &scale->entries[i - 1];
		const struct scale_entry *cur = &scale->entries[i];

		if (cur->value <= prev->value)
			report(ctx, seq->items[i], DIAG_ERROR,
			    "criteria-scale",
			    "value %ld of %s entry '%s' is not above value "
			    "%ld of '%s'; values must increase from the "
			    "lowest entry up", cur->value, what, cur->name,
			    prev->value, prev->name);
	}
}

/*
 * Reads an ordered scale, lowest first. Sets *has_values when its entries
 * carry `value`s.
 */
static void
parse_scale(struct scale *out, int *has_values, const struct ynode *seq,
    const char *what, const struct schema_ctx *ctx)
{
	int *has_value = NULL;

	*has_values = 0;

	if (seq->type != YNODE_SEQ) {
		report(ctx, seq, DIAG_ERROR, "wrong-type",
		    "%s scale must be a sequence of entries, lowest first, "
		    "not %s", what, ynode_type_name(seq->type));
		goto done;
	}
	if (!seq->count) {
		report(ctx, seq, DIAG_ERROR, "criteria-scale",
		    "%s scale is empty; list at least one entry, lowest first",
		    what);
		goto done;
	}
	if (seq->count > CRITERIA_MAX_ENTRIES) {
		report(ctx, seq, DIAG_ERROR, "criteria-scale",
		    "%s scale has %zu entries, more than the maximum of %d",
		    what, seq->count, CRITERIA_MAX_ENTRIES);
		goto done;
	}

	out->entries = xcalloc(seq->count, sizeof(*out->entries));
	out->count = seq->count;
	has_value = xcalloc(seq->count, sizeof(*has_value));

	for (size_t i = 0; i < seq->count; i++) {
		parse_scale_entry(&out->entries[i], &has_value[i],
		    seq->items[i], what, ctx);
		if (has_value[i])
			*has_values = 1;
	}

	for (size_t i = 0; i < out->count; i++) {
		const char *name = out->entries[i].name;

		if (!*name)
			continue;
		for (size_t j = 0; j < i; j++) {
			if (strcmp(out->entries[j].name, name) != 0)
				continue;
			report(ctx, seq->items[i], DIAG_ERROR,
			    "criteria-scale",
			    "duplicate %s entry '%s' (first on line %zu)",
			    what, name, seq->items[j]->line);
			break;
		}
	}

	check_scale_values(out, has_value, seq, what, ctx);

done:
	free(has_value);
}

/* Reads `dimensions`: a list of unique names. */
static void
parse_dimensions(struct criteria *out, const struct ynode *map,
    const struct schema_ctx *ctx)
{
	const struct ynode *list = NULL;
	size_t n;

	if (schema_get_string_list(ctx, map, "dimensions", SCHEMA_OPTIONAL,
	    0, &list) != 1)
		return;

	n = schema_list_count(list);
	if (n > CRITERIA_MAX_ENTRIES) {
		report(ctx, list, DIAG_ERROR, "criteria-scale",
		    "'dimensions' has %zu names, more than the maximum of %d",
		    n, CRITERIA_MAX_ENTRIES);
		return;
	}
	out->dimensions = xcalloc(n, sizeof(*out->dimensions));
	for (size_t i = 0; i < n; i++) {
		const struct ynode *item = schema_list_item(list, i);
		int duplicate = 0;

		if (item->type != YNODE_SCALAR)
			continue;
		for (size_t j = 0; j < out->dimension_count; j++)
			if (strcmp(out->dimensions[j], item->value) == 0)
				duplicate = 1;
		if (duplicate) {
			report(ctx, item, DIAG_ERROR, "criteria-scale",
			    "duplicate consequence dimension '%s'",
			    item->value);
			continue;
		}
		out->dimensions[out->dimension_count++] = xstrdup(item->value);
	}
}

/*
 * Reads `consequence`: a map {dimensions, scale}, or the scale written
 * directly as a sequence.
 */
static void
parse_consequence(struct criteria *out, int *has_values,
    const struct ynode *node, const struct schema_ctx *ctx)
{
	struct schema_ctx sub = ctx_for(ctx, "consequence");
	const struct ynode *scale;

	*has_values = 0;

	if (node->type == YNODE_SEQ) {
		parse_scale(&out->consequence, has_values, node, "consequence",
		    ctx);
		return;
	}
	if (node->type != YNODE_MAP) {
		report(ctx, node, DIAG_ERROR, "wrong-type",
		    "'consequence' must be a mapping with 'scale' (and "
		    "optional 'dimensions') or a sequence of entries, not %s",
		    ynode_type_name(node->type));
		return;
	}

	schema_check_keys(&sub, node, consequence_keys, "consequence");
	parse_dimensions(out, node, &sub);

	scale = get_required(node, "scale", &sub);
	if (scale)
		parse_scale(&out->consequence, has_values, scale,
		    "consequence", ctx);
}

/* Reads `accept`: a list of roles (or one role), or the scalar `never`. */
static void
parse_accept(struct level *level, const struct ynode *map,
    const struct schema_ctx *ctx)
{
	const struct ynode *node = get_value(map, "accept");
	const struct ynode *list = NULL;
	size_t n;

	if (!node)
		return;
	if (node->type == YNODE_SCALAR && strcmp(node->value, "never") == 0) {
		level->accept_never = 1;
		return;
	}
	if (schema_get_string_list(ctx, map, "accept", SCHEMA_OPTIONAL, 1,
	    &list) != 1)
		return;

	n = schema_list_count(list);
	if (!n) {
		report(ctx, node, DIAG_ERROR, "criteria-accept",
		    "'accept' of level '%s' is empty; name the roles that "
		    "must sign an acceptance, or write 'accept: never'",
		    level->name);
		return;
	}
	if (n > CRITERIA_MAX_ENTRIES) {
		report(ctx, node, DIAG_ERROR, "criteria-accept",
		    "'accept' of level '%s' has %zu roles, more than the "
		    "maximum of %d", level->name, n, CRITERIA_MAX_ENTRIES);
		return;
	}

	level->accept = xcalloc(n, sizeof(*level->accept));
	for (size_t i = 0; i < n; i++) {
		const struct ynode *item = schema_list_item(list, i);
		int duplicate = 0;

		if (item->type != YNODE_SCALAR)
			continue;
		if (strcmp(item->value, "never") == 0) {
			report(ctx, item, DIAG_ERROR, "criteria-accept",
			    "'never' is listed with roles in 'accept' of "
			    "level '%s'; write 'accept: never' alone, or "
			    "list only roles", level->name);
			continue;
		}
		for (size_t j = 0; j < level->accept_count; j++)
			if (strcmp(level->accept[j], item->value) == 0)
				duplicate = 1;
		if (duplicate) {
			report(ctx, item, DIAG_WARNING, "criteria-accept",
			    "role '%s' is listed twice in 'accept' of level "
			    "'%s'", item->value, level->name);
			continue;
		}
		level->accept[level->accept_count++] = xstrdup(item->value);
	}
}

static void
parse_level(struct level *level, const struct ynode *item,
    const struct schema_ctx *ctx)
{
	struct schema_ctx sub = ctx_for(ctx, "level");
	const char *name = NULL;

	if (!schema_expect_map(ctx, item, "level")) {
		level->name = xstrdup("");
		return;
	}

	schema_check_keys(ctx, item, level_keys, "level");
	schema_get_string(&sub, item, "name", SCHEMA_REQUIRED, &name);
	if (name && !*name)
		report(ctx, item, DIAG_ERROR, "criteria-scale",
		    "level has an empty name");
	level->name = xstrdup(name ? name : "");

	if (schema_get_long(ctx, item, "from", SCHEMA_OPTIONAL, 0, LONG_MAX,
	    &level->from) == 1)
		level->has_from = 1;

	parse_accept(level, item, ctx);

	if (criteria_get_duration(ctx, item, "review_every",
	    "criteria-duration", &level->review_every) == 1)
		level->has_review_every = 1;
	if (criteria_get_duration(ctx, item, "acceptance_valid_for",
	    "criteria-duration", &level->acceptance_valid_for) == 1)
		level->has_acceptance_valid_for = 1;
	if (criteria_get_duration(ctx, item, "treat_within",
	    "criteria-duration", &level->treat_within) == 1)
		level->has_treat_within = 1;
}

static void
parse_levels(struct criteria *out, const struct ynode *seq,
    const struct schema_ctx *ctx)
{
	if (seq->type != YNODE_SEQ) {
		report(ctx, seq, DIAG_ERROR, "wrong-type",
		    "'levels' must be a sequence of levels, lowest first, "
		    "not %s", ynode_type_name(seq->type));
		return;
	}
	if (!seq->count) {
		report(ctx, seq, DIAG_ERROR, "criteria-scale",
		    "'levels' is empty; list at least one level, lowest first");
		return;
	}
	if (seq->count > CRITERIA_MAX_ENTRIES) {
		report(ctx, seq, DIAG_ERROR, "criteria-scale",
		    "'levels' has %zu levels, more than the maximum of %d",
		    seq->count, CRITERIA_MAX_ENTRIES);
		return;
	}

	out->levels = xcalloc(seq->count, sizeof(*out->levels));
	out->level_count = seq->count;
	for (size_t i = 0; i < seq->count; i++)
		parse_level(&out->levels[i], seq->items[i], ctx);

	for (size_t i = 0; i < out->level_count; i++) {
		const char *name = out->levels[i].name;

		if (!*name)
			continue;
		for (size_t j = 0; j < i; j++) {
			if (strcmp(out->levels[j].name, name) != 0)
				continue;
			report(ctx, seq->items[i], DIAG_ERROR,
			    "criteria-scale",
			    "duplicate level '%s' (first on line %zu)", name,
			    seq->items[j]->line);
			break;
		}
	}
}

/* The level names as a NULL-terminated list, for "did you mean" hints. */
static const char **
level_names(const struct criteria *criteria)
{
	const char **names;

	names = xcalloc(criteria->level_count + 1, sizeof(*names));
	for (size_t i = 0; i < criteria->level_count; i++)
		names[i] = criteria->levels[i].name;
	return names;
}

/*
 * Reports a name that is not a level, with the closest level name as a
 * hint. `where` is the place of the name, such as "in matrix row 2,
 * column 3".
 */
static void
report_unknown_level(const struct criteria *criteria, const char *name,
    const struct ynode *node, const char *where,
    const struct schema_ctx *ctx)
{
	const char **names = level_names(criteria);
	const char *hint = schema_did_you_mean(name, names);

	if (hint)
		report(ctx, node, DIAG_ERROR, "criteria-unknown-level",
		    "unknown level '%s' %s; did you mean '%s'?", name, where,
		    hint);
	else
		report(ctx, node, DIAG_ERROR, "criteria-unknown-level",
		    "unknown level '%s' %s; the levels are defined under "
		    "'levels'", name, where);
	free(names);
}

/*
 * Reads the cells of one matrix row into out->matrix. Cells that are not
 * level names stay -1 and are counted in *unknown. Returns 0 when the row
 * has the right shape.
 */
static int
parse_matrix_row(struct criteria *out, const struct ynode *row, size_t r,
    size_t *unknown, const struct schema_ctx *ctx)
{
	size_t columns = out->consequence.count;
	struct buf where = BUF_INIT;
	int rc = 0;

	if (row->type != YNODE_SEQ) {
		report(ctx, row, DIAG_ERROR, "wrong-type",
		    "matrix row %zu must be a sequence of level names, not %s",
		    r + 1, ynode_type_name(row->type));
		rc = -1;
		goto done;
	}
	if (row->count != columns) {
		report(ctx, row, DIAG_ERROR, "criteria-matrix-shape",
		    "matrix row %zu (likelihood '%s') has %zu cells, "
		    "expected %zu; write one cell per consequence entry, "
		    "lowest first", r + 1, out->likelihood.entries[r].name,
		    row->count, columns);
		rc = -1;
	}

	for (size_t c = 0; c < row->count && c < columns; c++) {
		const struct ynode *cell = row->items[c];
		int level;

		if (cell->type != YNODE_SCALAR) {
			report(ctx, cell, DIAG_ERROR, "wrong-type",
			    "matrix cell at row %zu, column %zu must be a "
			    "level name, not %s", r + 1, c + 1,
			    ynode_type_name(cell->type));
			continue;
		}
		level = criteria_find_level(out, cell->value);
		if (level < 0) {
			if (!out->level_count ||
			    ++*unknown > MAX_UNKNOWN_CELL_REPORTS)
				continue;
			buf_reset(&where);
			buf_printf(&where, "in matrix row %zu, column %zu",
			    r + 1, c + 1);
			report_unknown_level(out, cell->value, cell, where.ptr,
			    ctx);
			continue;
		}
		out->matrix[r * columns + c] = level;
	}

done:
	buf_release(&where);
	return rc;
}

/*
 * Reports each cell whose level is lower than that of the cell below it
 * (one likelihood step lower) or to its left (one consequence step
 * lower): a higher rating must never give a lower level.
 */
static void
check_monotonic(const struct criteria *out, const struct ynode *node,
    const struct schema_ctx *ctx)
{
	size_t rows = out->likelihood.count;
	size_t columns = out->consequence.count;

	for (size_t r = 0; r < rows; r++) {
		for (size_t c = 0; c < columns; c++) {
			const struct ynode *cell = node->items[r]->items[c];
			int level = out->matrix[r * columns + c];
			int below = r ? out->matrix[(r - 1) * columns + c] : -1;
			int left = c ? out->matrix[r * columns + c - 1] : -1;

			if (level < 0)
				continue;
			if (below > level)
				report(ctx, cell, DIAG_ERROR,
				    "criteria-not-monotonic",
				    "level '%s' at row %zu, column %zu "
				    "(%s × %s) is lower than '%s' at row %zu, "
				    "column %zu (%s × %s), although its "
				    "likelihood is higher",
				    out->levels[level].name, r + 1, c + 1,
				    out->likelihood.entries[r].name,
				    out->consequence.entries[c].name,
				    out->levels[below].name, r, c + 1,
				    out->likelihood.entries[r - 1].name,
				    out->consequence.entries[c].name);
			if (left > level)
				report(ctx, cell, DIAG_ERROR,
				    "criteria-not-monotonic",
				    "level '%s' at row %zu, column %zu "
				    "(%s × %s) is lower than '%s' at row %zu, "
				    "column %zu (%s × %s), although its "
				    "consequence is higher",
				    out->levels[level].name, r + 1, c + 1,
				    out->likelihood.entries[r].name,
				    out->consequence.entries[c].name,
				    out->levels[left].name, r + 1, c,
				    out->likelihood.entries[r].name,
				    out->consequence.entries[c - 1].name);
		}
	}
}

/*
 * Reads the `matrix` of `criteria_node`: one row per likelihood entry
 * (lowest first), one cell per consequence entry (lowest first), each
 * cell a level name. Needs both scales, so it is skipped when either
 * could not be read.
 */
static void
parse_matrix(struct criteria *out, const struct ynode *criteria_node,
    const struct schema_ctx *ctx)
{
	const struct ynode *node = get_value(criteria_node, "matrix");
	size_t rows = out->likelihood.count;
	size_t columns = out->consequence.count;
	size_t unknown = 0;
	int shape_ok = 1;

	if (!rows || !columns)
		return;

	if (node->type != YNODE_SEQ) {
		report(ctx, node, DIAG_ERROR, "wrong-type",
		    "'matrix' must be a sequence of rows, not %s",
		    ynode_type_name(node->type));
		return;
	}
	if (node->count != rows) {
		report(ctx, ynode_get_key(criteria_node, "matrix"), DIAG_ERROR,
		    "criteria-matrix-shape",
		    "matrix has %zu rows, expected %zu; write one row per "
		    "likelihood entry, lowest first", node->count, rows);
		shape_ok = 0;
	}

	out->matrix = xcalloc(rows * columns, sizeof(*out->matrix));
	for (size_t i = 0; i < rows * columns; i++)
		out->matrix[i] = -1;

	for (size_t r = 0; r < node->count && r < rows; r++)
		if (parse_matrix_row(out, node->items[r], r, &unknown,
		    ctx) < 0)
			shape_ok = 0;

	if (unknown > MAX_UNKNOWN_CELL_REPORTS)
		report(ctx, ynode_get_key(criteria_node, "matrix"), DIAG_ERROR,
		    "criteria-unknown-level",
		    "%zu more matrix cells name unknown levels; the first "
		    "%d are reported one by one", unknown -
		    MAX_UNKNOWN_CELL_REPORTS, MAX_UNKNOWN_CELL_REPORTS);

	if (shape_ok)
		check_monotonic(out, node, ctx);
}

/*
 * Checks the `from` bands of methods product and sum: every level has
 * one, they increase, and the lowest reachable score falls in a band.
 * Scores only grow with either rating, because the scale values increase,
 * so the lowest score is that of the two lowest entries.
 */
static void
check_bands(const struct criteria *out, const struct ynode *levels_node,
    const struct schema_ctx *ctx)
{
	const struct level *first = &out->levels[0];
	long lowest;

	for (size_t i = 0; i < out->level_count; i++) {
		const struct level *level = &out->levels[i];
		const struct level *prev = i ? &out->levels[i - 1] : NULL;

		if (!level->has_from) {
			report(ctx, levels_node->items[i], DIAG_ERROR,
			    "criteria-bands",
			    "level '%s' has no 'from'; method '%s' needs the "
			    "lowest score of every level", level->name,
			    method_name(out->method));
			continue;
		}
		if (prev && prev->has_from && level->from <= prev->from)
			report(ctx, levels_node->items[i], DIAG_ERROR,
			    "criteria-bands",
			    "'from' of level '%s' (%ld) is not above 'from' "
			    "of level '%s' (%ld); bands must increase from "
			    "the lowest level up", level->name, level->from,
			    prev->name, prev->from);
	}

	if (!first->has_from || !out->likelihood.count ||
	    !out->consequence.count)
		return;

	criteria_level(out, 1, 1, &lowest);
	if (lowest < first->from)
		report(ctx, levels_node->items[0], DIAG_ERROR,
		    "criteria-bands",
		    "score %ld (likelihood '%s' %s consequence '%s') is below "
		    "the lowest band '%s' (from %ld); lower that 'from' so "
		    "every score has a level", lowest,
		    out->likelihood.entries[0].name,
		    method_operator(out->method),
		    out->consequence.entries[0].name, first->name,
		    first->from);
}

/*
 * Warns about each level that no rating reaches. With method matrix that
 * is a level no cell names. With product and sum it is a level whose
 * band contains no score that a pair of ratings gives. Runs only on
 * criteria without errors, so every cell names a level and the bands
 * increase.
 */
static void
check_reachable(const struct criteria *out, const struct ynode *levels_node,
    const struct schema_ctx *ctx)
{
	size_t rows = out->likelihood.count, columns = out->consequence.count;
	int *reached = xcalloc(out->level_count, sizeof(*reached));
	long score, highest = LONG_MIN;

	for (size_t l = 1; l <= rows; l++) {
		for (size_t c = 1; c <= columns; c++) {
			reached[criteria_level(out, (int)l, (int)c,
			    &score)] = 1;
			if (score > highest)
				highest = score;
		}
	}

	for (size_t i = 0; i < out->level_count; i++) {
		const struct level *level = &out->levels[i];

		if (reached[i])
			continue;
		if (out->method == METHOD_MATRIX)
			report(ctx, levels_node->items[i], DIAG_WARNING,
			    "criteria-level-unreachable", "no matrix cell "
			    "names level '%s', so no rating reaches it; use it "
			    "in the matrix or remove it", level->name);
		else if (level->from > highest)
			report(ctx, levels_node->items[i], DIAG_WARNING,
			    "criteria-level-unreachable", "level '%s' starts "
			    "at %ld, above the highest score %ld (likelihood "
			    "'%s' %s consequence '%s'), so no rating reaches "
			    "it; lower its 'from' or remove it", level->name,
			    level->from, highest,
			    out->likelihood.entries[rows - 1].name,
			    method_operator(out->method),
			    out->consequence.entries[columns - 1].name);
		else if (i + 1 < out->level_count)
			report(ctx, levels_node->items[i], DIAG_WARNING,
			    "criteria-level-unreachable", "level '%s' covers "
			    "the scores %ld to %ld, but no pair of ratings "
			    "gives one of them, so no rating reaches it; move "
			    "its 'from' or remove it", level->name,
			    level->from, out->levels[i + 1].from - 1);
	}
	free(reached);
}

/*
 * Checks each level's `accept` against the acceptance threshold. A level
 * above the threshold needs `accept`, and `accept: never` has no effect
 * on a level at or below it.
 */
static void
check_acceptance(const struct criteria *out, const struct ynode *levels_node,
    const struct schema_ctx *ctx)
{
	for (size_t i = 0; i < out->level_count; i++) {
		const struct level *level = &out->levels[i];
		const struct ynode *item = levels_node->items[i];
		int has_accept = level->accept_never || level->accept_count;

		if (i > out->acceptance_threshold && !has_accept)
			report(ctx, item, DIAG_WARNING, "criteria-accept",
			    "level '%s' is above the acceptance threshold "
			    "'%s' but has no 'accept'; list the roles that "
			    "may accept it, or write 'accept: never'",
			    level->name,
			    out->levels[out->acceptance_threshold].name);
		if (i <= out->acceptance_threshold && level->accept_never)
			report(ctx, item, DIAG_WARNING, "criteria-accept",
			    "'accept: never' has no effect on level '%s', "
			    "which is at or below the acceptance threshold "
			    "'%s'", level->name,
			    out->levels[out->acceptance_threshold].name);
	}
}

/* Warns about keys that the chosen method does not use. */
static void
check_method_keys(const struct criteria *out, const struct ynode *node,
    int likelihood_values, int consequence_values,
    const struct schema_ctx *ctx)
{
	if (out->method != METHOD_MATRIX && get_value(node, "matrix"))
		report(ctx, ynode_get_key(node, "matrix"), DIAG_WARNING,
		    "criteria-method",
		    "'matrix' is ignored with method '%s', which takes the "
		    "level from the 'from' bands; remove it or set "
		    "'method: matrix'", method_name(out->method));

	if (out->method != METHOD_MATRIX)
		return;
	if (likelihood_values)
		report(ctx, ynode_get(node, "likelihood"), DIAG_WARNING,
		    "criteria-method",
		    "'value' of likelihood entries is ignored with method "
		    "'matrix'; only methods product and sum use it");
	if (consequence_values)
		report(ctx, ynode_get(node, "consequence"), DIAG_WARNING,
		    "criteria-method",
		    "'value' of consequence entries is ignored with method "
		    "'matrix'; only methods product and sum use it");
}

/* Reads `acceptance_threshold`. Returns 0 when it names a level. */
static int
parse_threshold(struct criteria *out, const struct ynode *node,
    const struct schema_ctx *ctx)
{
	const char *name = NULL;
	int level;

	if (schema_get_string(ctx, node, "acceptance_threshold",
	    SCHEMA_REQUIRED, &name) != 1 || !out->level_count)
		return -1;

	level = criteria_find_level(out, name);
	if (level < 0) {
		report_unknown_level(out, name,
		    ynode_get(node, "acceptance_threshold"),
		    "in 'acceptance_threshold'", ctx);
		return -1;
	}
	out->acceptance_threshold = (size_t)level;
	return 0;
}

int
criteria_parse(struct criteria *out, const struct ynode *node,
    const struct schema_ctx *ctx)
{
	struct criteria empty = CRITERIA_INIT;
	size_t errors = diag_count(ctx->diags, DIAG_ERROR);
	const struct ynode *likelihood, *consequence, *levels, *matrix;
	int likelihood_values = 0, consequence_values = 0;
	int method = METHOD_MATRIX, aggregate = AGGREGATE_MAX;
	struct schema_ctx sub = ctx_for(ctx, "risk_criteria");
	size_t level_errors;
	int levels_ok;

	*out = empty;
	if (!schema_expect_map(ctx, node, "risk_criteria"))
		return -1;
	schema_check_keys(ctx, node, criteria_keys, "risk_criteria");

	likelihood = get_required(node, "likelihood", &sub);
	if (likelihood)
		parse_scale(&out->likelihood, &likelihood_values, likelihood,
		    "likelihood", ctx);
	consequence = get_required(node, "consequence", &sub);
	if (consequence)
		parse_consequence(out, &consequence_values, consequence, ctx);

	schema_get_enum(&sub, node, "method", SCHEMA_OPTIONAL, method_names,
	    &method);
	out->method = (enum criteria_method)method;
	schema_get_enum(&sub, node, "consequence_aggregate", SCHEMA_OPTIONAL,
	    aggregate_names, &aggregate);
	out->aggregate = (enum consequence_aggregate)aggregate;

	level_errors = diag_count(ctx->diags, DIAG_ERROR);
	levels = get_required(node, "levels", &sub);
	if (levels)
		parse_levels(out, levels, ctx);
	levels_ok = out->level_count &&
	    diag_count(ctx->diags, DIAG_ERROR) == level_errors;

	matrix = get_value(node, "matrix");
	if (out->method == METHOD_MATRIX) {
		if (!matrix)
			report(ctx, node, DIAG_ERROR, "missing-field",
			    "risk_criteria has no 'matrix'; method 'matrix' "
			    "needs one row per likelihood entry");
		else
			parse_matrix(out, node, ctx);
	} else if (levels_ok) {
		check_bands(out, levels, ctx);
	}
	if (diag_count(ctx->diags, DIAG_ERROR) == errors && levels &&
	    out->level_count && out->likelihood.count &&
	    out->consequence.count)
		check_reachable(out, levels, ctx);
	check_method_keys(out, node, likelihood_values, consequence_values,
	    ctx);

	if (parse_threshold(out, node, &sub) == 0 && levels_ok)
		check_acceptance(out, levels, ctx);

	return diag_count(ctx->diags, DIAG_ERROR) == errors ? 0 : -1;
}

static void
scale_release(struct scale *scale)
{
	for (size_t i = 0; i < scale->count; i++) {
		free(scale->entries[i].name);
		free(scale->entries[i].description);
	}
	free(scale->entries);
	scale->entries = NULL;
	scale->count = 0;
}

void
criteria_release(struct criteria *criteria)
{
	struct criteria empty = CRITERIA_INIT;

	scale_release(&criteria->likelihood);
	scale_release(&criteria->consequence);
	for (size_t i = 0; i < criteria->dimension_count; i++)
		free(criteria->dimensions[i]);
	free(criteria->dimensions);
	free(criteria->matrix);
	for (size_t i = 0; i < criteria->level_count; i++) {
		struct level *level = &criteria->levels[i];

		free(level->name);
		for (size_t j = 0; j < level->accept_count; j++)
			free(level->accept[j]);
		free(level->accept);
	}
	free(criteria->levels);
	*criteria = empty;
}

int
scale_lookup(const struct scale *scale, const char *text)
{
	long position = 0;

	for (size_t i = 0; i < scale->count; i++)
		if (strcmp(scale->entries[i].name, text) == 0)
			return (int)i + 1;

	/* A position: decimal digits without a leading zero. */
	if (*text < '1' || *text > '9')
		return 0;
	for (const char *p = text; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		position = position * 10 + (*p - '0');
		if (position > (long)scale->count)
			return 0;
	}
	return (int)position;
}

size_t
criteria_level(const struct criteria *criteria, int l, int c,
    long *score_out)
{
	long lv = criteria->likelihood.entries[l - 1].value;
	long cv = criteria->consequence.entries[c - 1].value;
	long score;
	size_t level = 0;

	if (criteria->method == METHOD_MATRIX) {
		int cell = criteria->matrix ? criteria->matrix[(size_t)(l - 1) *
		    criteria->consequence.count + (size_t)(c - 1)] : -1;

		if (score_out)
			*score_out = 0;
		return cell < 0 ? 0 : (size_t)cell;
	}

	score = criteria->method == METHOD_PRODUCT ? lv * cv : lv + cv;
	for (size_t i = 0; i < criteria->level_count; i++)
		if (criteria->levels[i].has_from &&
		    criteria->levels[i].from <= score)
			level = i;
	if (score_out)
		*score_out = score;
	return level;
}

int
criteria_find_level(const struct criteria *criteria, const char *name)
{
	for (size_t i = 0; i < criteria->level_count; i++)
		if (strcmp(criteria->levels[i].name, name) == 0)
			return (int)i;
	return -1;
}
