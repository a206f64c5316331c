#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "cmd.h"
#include "error.h"
#include "heatmap.h"
#include "heatmap_svg.h"
#include "isms.h"
#include "report_cmd.h"
#include "stamp.h"
#include "table.h"
#include "banned.h"

static const char matrix_usage[] =
	"usage: isms matrix [--staged | --rev REV]\n"
	"                   [--format table|markdown|json|svg]\n"
	"\n"
	"Prints the risk heat map: the matrix of the risk criteria, with the\n"
	"likelihood scale as rows (highest first) and the consequence scale\n"
	"as columns (lowest first). Each cell shows its level, the score for\n"
	"the product and sum methods, and how many open risks it holds. One\n"
	"grid is for the inherent rating, one for the current rating (the\n"
	"residual rating once the treatment is done). Closed risks are left\n"
	"out. The markdown and json forms list the risk ids of each cell.\n"
	"\n"
	"  --staged        read the records staged in the git index\n"
	"  --rev REV       read the records of a commit, tag or branch\n"
	"  --format FMT    table (default), markdown, json, or svg (an image\n"
	"                  with a cell colour per level, green to red)\n";

struct matrix_view {
	const struct isms *isms;
	const struct workspace *ws;
	const struct criteria *criteria;
	struct heatmap map;
	int today;
};

static const char *
level_name(const struct criteria *criteria, size_t level)
{
	return level < criteria->level_count ? criteria->levels[level].name :
	    "?";
}

/* Whether cells carry a score, which only product and sum compute. */
static int
has_score(const struct criteria *criteria)
{
	return criteria->method != METHOD_MATRIX;
}

/* "high (12)" for product and sum, "high" for matrix. */
static void
format_level(struct buf *out, const struct criteria *criteria,
    const struct heatmap_cell *cell)
{
	buf_puts(out, level_name(criteria, cell->level));
	if (has_score(criteria))
		buf_printf(out, " (%ld)", cell->score);
}

static void
format_ids(struct buf *out, const struct heatmap_cell *cell)
{
	for (size_t i = 0; i < cell->count; i++) {
		const struct record *rec = cell->records[i];

		buf_printf(out, "%s%s", i ? ", " : "",
		    rec->id ? rec->id : rec->path);
	}
}

/*
 * Adds one grid as a table: the likelihood names down the first column,
 * highest first, and a column per consequence name, lowest first. With
 * `with_ids` each non-empty cell ends with its risk ids.
 */
static void
build_grid(struct table *t, const struct matrix_view *view,
    const struct heatmap_grid *grid, int with_ids)
{
	const struct criteria *criteria = view->criteria;
	const struct heatmap *map = &view->map;
	struct buf text = BUF_INIT;

	table_add_column(t, "likelihood \\ consequence");
	for (size_t c = 1; c <= map->columns; c++)
		table_add_column(t, report_scale_name(&criteria->consequence,
		    (int)c));

	for (size_t l = map->rows; l >= 1; l--) {
		table_add_cell(t, report_scale_name(&criteria->likelihood,
		    (int)l));
		for (size_t c = 1; c <= map->columns; c++) {
			const struct heatmap_cell *cell =
			    heatmap_cell(map, grid, l, c);

			buf_reset(&text);
			format_level(&text, criteria, cell);
			buf_printf(&text, ": %zu", cell->count);
			if (with_ids && cell->count) {
				buf_puts(&text, " (");
				format_ids(&text, cell);
				buf_puts(&text, ")");
			}
			table_add_cell(t, text.ptr);
		}
	}
	buf_release(&text);
}

/* The flat form every report must offer: one row per cell. */
static void
build_table(struct table *t, const void *data)
{
	const struct matrix_view *view = data;
	const struct heatmap *map = &view->map;

	table_add_column(t, "likelihood");
	table_add_column(t, "consequence");
	table_add_column(t, "level");
	table_add_column(t, "inherent");
	table_add_column(t, "current");
	for (size_t l = map->rows; l >= 1; l--) {
		for (size_t c = 1; c <= map->columns; c++) {
			struct buf level = BUF_INIT;

			format_level(&level, view->criteria,
			    heatmap_cell(map, &map->inherent, l, c));
			table_add_cell(t, report_scale_name(
			    &view->criteria->likelihood, (int)l));
			table_add_cell(t, report_scale_name(
			    &view->criteria->consequence, (int)c));
			table_add_cell(t, level.ptr);
			table_add_cellf(t, "%zu",
			    heatmap_cell(map, &map->inherent, l, c)->count);
			table_add_cellf(t, "%zu",
			    heatmap_cell(map, &map->current, l, c)->count);
			buf_release(&level);
		}
	}
}

static void
format_summary(struct buf *out, const void *data)
{
	const struct matrix_view *view = data;
	const struct heatmap *map = &view->map;

	buf_printf(out, "%zu open risk%s rated, %zu without a usable "
	    "inherent rating, %zu closed left out", map->rated,
	    map->rated == 1 ? "" : "s", map->unrated, map->closed);
}

static const char inherent_title[] = "Inherent rating";
static const char current_title[] =
	"Current rating (residual once the treatment is done)";

static void
print_text(const void *data)
{
	const struct matrix_view *view = data;
	struct buf line = BUF_INIT;

	for (int i = 0; i < 2; i++) {
		struct table t = TABLE_INIT;

		printf("%s\n\n", i ? current_title : inherent_title);
		build_grid(&t, view, i ? &view->map.current :
		    &view->map.inherent, 0);
		table_print(stdout, &t, TABLE_TEXT);
		fputc('\n', stdout);
		table_release(&t);
	}
	format_summary(&line, view);
	printf("%s\n", line.ptr);
	buf_reset(&line);
	stamp_format(&line, view->isms, view->ws, view->today);
	printf("%s\n", line.ptr);
	buf_release(&line);
}

static void
print_markdown(const void *data)
{
	const struct matrix_view *view = data;
	struct buf line = BUF_INIT;

	report_print_markdown_header(stdout, "Risk heat map", view->isms,
	    view->ws, view->today);
	fputs("\nThe risk criteria matrix with the number of open risks "
	    "in each cell and their ids. Rows are the likelihood scale, "
	    "highest first, and columns the consequence scale, lowest "
	    "first.\n", stdout);
	for (int i = 0; i < 2; i++) {
		struct table t = TABLE_INIT;

		printf("\n## %s\n\n", i ? current_title : inherent_title);
		build_grid(&t, view, i ? &view->map.current :
		    &view->map.inherent, 1);
		table_print(stdout, &t, TABLE_MARKDOWN);
		table_release(&t);
	}
	format_summary(&line, view);
	printf("\nSummary: %s.\n", line.ptr);
	buf_release(&line);
}

static json_t *
grid_json(const struct matrix_view *view, const struct heatmap_grid *grid)
{
	const struct criteria *criteria = view->criteria;
	const struct heatmap *map = &view->map;
	json_t *cells = json_array();

	for (size_t l = map->rows; l >= 1; l--) {
		for (size_t c = 1; c <= map->columns; c++) {
			const struct heatmap_cell *cell =
			    heatmap_cell(map, grid, l, c);
			json_t *ids = json_array();

			for (size_t i = 0; i < cell->count; i++)
				json_array_append_new(ids, json_string(
				    cell->records[i]->id ?
				    cell->records[i]->id :
				    cell->records[i]->path));
			json_array_append_new(cells, json_pack(
			    "{s:s, s:s, s:s, s:o, s:I, s:o}",
			    "likelihood", report_scale_name(
			    &criteria->likelihood, (int)l),
			    "consequence", report_scale_name(
			    &criteria->consequence, (int)c),
			    "level", level_name(criteria, cell->level),
			    "score", has_score(criteria) ?
			    json_integer(cell->score) : json_null(),
			    "count", (json_int_t)cell->count,
			    "ids", ids));
		}
	}
	return cells;
}

static json_t *
names_json(const struct scale *scale, int highest_first)
{
	json_t *list = json_array();

	for (size_t i = 0; i < scale->count; i++) {
		size_t k = highest_first ? scale->count - 1 - i : i;

		json_array_append_new(list, json_string(scale->entries[k].name));
	}
	return list;
}

static void
add_json(json_t *root, const void *data)
{
	static const char *const methods[] = {
		[METHOD_MATRIX] = "matrix",
		[METHOD_PRODUCT] = "product",
		[METHOD_SUM] = "sum",
	};
	const struct matrix_view *view = data;
	const struct criteria *criteria = view->criteria;
	json_t *levels = json_array();

	for (size_t i = 0; i < criteria->level_count; i++)
		json_array_append_new(levels,
		    json_string(criteria->levels[i].name));
	json_object_set_new(root, "method",
	    json_string(methods[criteria->method]));
	json_object_set_new(root, "likelihood",
	    names_json(&criteria->likelihood, 1));
	json_object_set_new(root, "consequence",
	    names_json(&criteria->consequence, 0));
	json_object_set_new(root, "levels", levels);
	json_object_set_new(root, "inherent",
	    grid_json(view, &view->map.inherent));
	json_object_set_new(root, "current",
	    grid_json(view, &view->map.current));
	json_object_set_new(root, "rated", json_integer(
	    (json_int_t)view->map.rated));
	json_object_set_new(root, "unrated", json_integer(
	    (json_int_t)view->map.unrated));
	json_object_set_new(root, "closed", json_integer(
	    (json_int_t)view->map.closed));
}

static const struct report_forms matrix_forms = {
	.title = "Risk heat map",
	.build_table = build_table,
	.format_summary = format_summary,
	.add_json = add_json,
	.print_text = print_text,
	.print_markdown = print_markdown,
};

static void
print_svg(const struct matrix_view *view)
{
	struct buf stamp = BUF_INIT, svg = BUF_INIT;

	stamp_format(&stamp, view->isms, view->ws, view->today);
	heatmap_format_svg(&svg, &view->map, view->criteria,
	    view->isms->config.organisation, stamp.ptr);
	fputs(svg.ptr, stdout);
	buf_release(&svg);
	buf_release(&stamp);
}

int
cmd_matrix(int argc, char **argv, const struct global_options *opts)
{
	struct report_input in = REPORT_INPUT_INIT;
	struct matrix_view view = { .map = HEATMAP_INIT };
	int rc;

	/* A heat map has no rows to export, but it can be drawn. */
	in.options.formats = REPORT_FORMAT_BIT(REPORT_TABLE) |
	    REPORT_FORMAT_BIT(REPORT_MARKDOWN) |
	    REPORT_FORMAT_BIT(REPORT_JSON) | REPORT_FORMAT_BIT(REPORT_SVG);
	rc = report_input_parse(&in, argc, argv, "matrix", matrix_usage, NULL);
	if (rc < 0 || in.options.help)
		goto done;

	rc = report_input_open(&in, opts->today, REPORT_NEEDS_LEVELS,
	    "no heat map can be drawn");
	if (rc < 0)
		goto done;

	view.isms = &in.isms;
	view.ws = &in.ws;
	view.criteria = &in.isms.config.criteria;
	view.today = opts->today;
	heatmap_build(&view.map, view.criteria, &in.assessment);
	if (in.options.format == REPORT_SVG) {
		size_t errors = report_input_errors(&in);

		/* The same warning and status as report_input_print(). */
		print_svg(&view);
		rc = errors ? 1 : 0;
		if (errors)
			msg_warning("the records have %zu error%s; run 'isms "
			    "check' to see them", errors,
			    errors == 1 ? "" : "s");
	} else {
		rc = report_input_print(&in, &matrix_forms, &view);
	}

done:
	heatmap_release(&view.map);
	report_input_release(&in);
	return rc;
}
