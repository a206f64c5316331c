#ifndef ISMS_STAMP_H
#define ISMS_STAMP_H

#include <jansson.h>

#include "buf.h"
#include "isms.h"
#include "workspace.h"

/*
 * The reproducibility stamp every report carries: where the records came
 * from (the working tree with its HEAD commit and whether it has
 * uncommitted changes, the index, or a commit id), the git blob id of
 * isms.yaml, the tool version, and the date used for date-dependent
 * results. Two runs with equal stamps print the same report.
 */

/* Appends the stamp as one line of text. */
void stamp_format(struct buf *out, const struct isms *isms,
    const struct workspace *ws, int today);

/* The stamp as a JSON object; the caller owns the reference. */
json_t *stamp_json(const struct isms *isms, const struct workspace *ws,
    int today);

#endif
