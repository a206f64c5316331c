#ifndef ISMS_HEATMAP_SVG_H
#define ISMS_HEATMAP_SVG_H

#include "buf.h"
#include "criteria.h"
#include "heatmap.h"

/*
 * Appends `map` as a self-contained SVG 1.1 image: two grids (inherent,
 * current) with the likelihood names down the left, highest first, and
 * the consequence names across the top, lowest first. Each cell shows
 * its level and count and is filled with the colour of its level, from
 * green for the lowest level through yellow to red for the highest. The
 * image has no scripts and no external references. `stamp` goes into an
 * XML comment and `organisation` (may be NULL) into the heading.
 */
void heatmap_format_svg(struct buf *out, const struct heatmap *map,
    const struct criteria *criteria, const char *organisation,
    const char *stamp);

/*
 * Appends the "#rrggbb" fill of level `level` out of `level_count`
 * levels: green, yellow, red in turn, interpolated by position.
 */
void heatmap_level_colour(struct buf *out, size_t level, size_t level_count);

#endif
