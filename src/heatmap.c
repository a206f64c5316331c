#include <stdlib.h>
#include <string.h>

#include "heatmap.h"
#include "risk.h"
#include "xalloc.h"
#include "banned.h"

/* Gives every cell of `grid` its level and score from `criteria`. */
static void
grid_init(struct heatmap_grid *grid, const struct criteria *criteria)
{
	size_t rows = criteria->likelihood.count;
	size_t columns = criteria->consequence.count;
	size_t cell_count = rows * columns;

	grid->cells = xcalloc(cell_count > 0 ? cell_count : 1,
	    sizeof(*grid->cells));
	for (size_t l = 1; l <= rows; l++) {
		for (size_t c = 1; c <= columns; c++) {
			struct heatmap_cell *cell =
			    &grid->cells[(l - 1) * columns + (c - 1)];

			cell->level = criteria_level(criteria, (int)l, (int)c,
			    &cell->score);
		}
	}
}

static void
grid_add(struct heatmap_grid *grid, size_t columns, int l, int c,
    const struct record *record)
{
	struct heatmap_cell *cell =
	    &grid->cells[(size_t)(l - 1) * columns + (size_t)(c - 1)];

	cell->records = xrealloc(cell->records,
	    (cell->count + 1) * sizeof(*cell->records));
	cell->records[cell->count++] = record;
}

static int
compare_records(const void *a, const void *b)
{
	const struct record *x = *(const struct record *const *)a;
	const struct record *y = *(const struct record *const *)b;
	int c = strcmp(x->id ? x->id : "", y->id ? y->id : "");

	return c ? c : strcmp(x->path, y->path);
}

static void
grid_sort(struct heatmap_grid *grid, size_t cell_count)
{
	for (size_t i = 0; i < cell_count; i++)
		if (grid->cells[i].count > 1)
			qsort(grid->cells[i].records, grid->cells[i].count,
			    sizeof(*grid->cells[i].records), compare_records);
}

/* A rating pair that names a cell of the criteria. */
static int
in_range(const struct heatmap *map, int l, int c)
{
	return l >= 1 && c >= 1 && (size_t)l <= map->rows &&
	    (size_t)c <= map->columns;
}

void
heatmap_build(struct heatmap *out, const struct criteria *criteria,
    const struct assessment *assessment)
{
	out->rows = criteria->likelihood.count;
	out->columns = criteria->consequence.count;
	out->rated = out->unrated = out->closed = 0;
	grid_init(&out->inherent, criteria);
	grid_init(&out->current, criteria);

	for (size_t i = 0; i < assessment->count; i++) {
		const struct risk_result *res = &assessment->results[i];
		const struct record *rec = res->record;
		const struct rating *inherent;

		if (!rec->risk)
			continue;
		if (rec->risk->status == RISK_CLOSED) {
			out->closed++;
			continue;
		}
		inherent = &rec->risk->inherent;
		if (!res->assessed ||
		    !in_range(out, inherent->likelihood,
		    inherent->consequence) ||
		    !in_range(out, res->current_likelihood,
		    res->current_consequence)) {
			out->unrated++;
			continue;
		}
		grid_add(&out->inherent, out->columns, inherent->likelihood,
		    inherent->consequence, rec);
		grid_add(&out->current, out->columns, res->current_likelihood,
		    res->current_consequence, rec);
		out->rated++;
	}

	grid_sort(&out->inherent, out->rows * out->columns);
	grid_sort(&out->current, out->rows * out->columns);
}

const struct heatmap_cell *
heatmap_cell(const struct heatmap *map, const struct heatmap_grid *grid,
    size_t l, size_t c)
{
	return &grid->cells[(l - 1) * map->columns + (c - 1)];
}

static void
grid_release(struct heatmap_grid *grid, size_t cell_count)
{
	if (!grid->cells)
		return;
	for (size_t i = 0; i < cell_count; i++)
		free(grid->cells[i].records);
	free(grid->cells);
	grid->cells = NULL;
}

void
heatmap_release(struct heatmap *map)
{
	grid_release(&map->inherent, map->rows * map->columns);
	grid_release(&map->current, map->rows * map->columns);
	map->rows = map->columns = 0;
}
