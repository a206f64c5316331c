#ifndef ISMS_STAMP_H
#define ISMS_STAMP_H

#include <jansson.h>

#include "buf.h"
#include "isms.h"
#include "workspace.h"

/*
 * The reproducibility stamp every report carries. It names where the
 * records came from: the working tree with its HEAD commit and whether it
 * has uncommitted changes, the index with its HEAD commit, or a commit
 * id. It adds the git blob id of isms.yaml, the tool version, and the
 * date used for date-dependent results. Two runs with equal stamps print
 * the same report.
 */

/*
 * Appends the source part of the stamp: "working tree (HEAD 1a2b3c4d5e6f,
 * with uncommitted changes)", "index (HEAD 1a2b3c4d5e6f)" or a commit id.
 * HEAD appears only for the working tree and the index, and only inside a
 * git repository. The uncommitted-changes flag appears for the working
 * tree alone, because workspace_open() sets it only there.
 */
void stamp_format_source(struct buf *out, const struct isms *isms,
    const struct workspace *ws);

/* Appends the stamp as one line of text. */
void stamp_format(struct buf *out, const struct isms *isms,
    const struct workspace *ws, int today);

/* The stamp as a JSON object; the caller owns the reference. */
json_t *stamp_json(const struct isms *isms, const struct workspace *ws,
    int today);

#endif
