#ifndef ISMS_HEATMAP_H
#define ISMS_HEATMAP_H

#include <stddef.h>

#include "assess.h"
#include "criteria.h"

/*
 * The risk heat map of clause 6.1.2: the organisation's criteria matrix
 * with the number of open risks in each cell, once for the inherent
 * rating and once for the current rating (see assess_risks()). Closed
 * risks are left out.
 */

/* One likelihood × consequence cell of a grid. */
struct heatmap_cell {
	size_t level;			/* level index of the criteria */
	long score;			/* 0 for the matrix method */
	size_t count;
	const struct record **records;	/* the risks, by id; borrowed */
};

/* A grid of the criteria's shape, one cell per rating pair. */
struct heatmap_grid {
	struct heatmap_cell *cells;	/* [(l - 1) * columns + (c - 1)] */
};

struct heatmap {
	size_t rows;			/* likelihood scale entries */
	size_t columns;			/* consequence scale entries */
	struct heatmap_grid inherent;
	struct heatmap_grid current;
	size_t rated;			/* open risks in each grid */
	size_t unrated;			/* open risks without a usable
					 * inherent rating */
	size_t closed;			/* closed risks, left out */
};

#define HEATMAP_INIT { 0, 0, { NULL }, { NULL }, 0, 0, 0 }

/*
 * Fills *out from `assessment`, computed with `criteria`, which must be
 * usable. The records of each cell are ordered by id, then path.
 */
void heatmap_build(struct heatmap *out, const struct criteria *criteria,
    const struct assessment *assessment);

/*
 * Returns the cell of `grid` for likelihood position `l` and consequence
 * position `c`, both 1-based and in range.
 */
const struct heatmap_cell *heatmap_cell(const struct heatmap *map,
    const struct heatmap_grid *grid, size_t l, size_t c);

void heatmap_release(struct heatmap *map);

#endif
