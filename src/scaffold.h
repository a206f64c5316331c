#ifndef ISMS_SCAFFOLD_H
#define ISMS_SCAFFOLD_H

#include <stddef.h>

#include <git2.h>

#include "buf.h"
#include "config.h"
#include "strvec.h"
#include "template.h"

/*
 * The core of `isms init` and `isms new`: the files of a new ISMS, the
 * next free record id, and the file name of a new record. Nothing here
 * prints; cmd_init.c and cmd_new.c do.
 */

/*
 * Replaces the contents of `out` with `raw` without leading and trailing
 * spaces, checked for use as a record title. Returns 0, or ISMS_EUSAGE
 * after error_set() when the title is empty, is not valid UTF-8, or contains
 * a control character (a tab or a line break among them) or a Unicode
 * line or paragraph separator, which YAML would turn into a line break.
 */
int scaffold_clean_title(struct buf *out, const char *raw);

/*
 * Appends the file-name slug of `title` to `out`: its words in lower-case
 * ASCII letters and digits, joined by single hyphens, at most
 * SCAFFOLD_SLUG_MAX bytes and cut at a hyphen where possible. Latin
 * letters with diacritics become their base letters ("Zürich" gives
 * "zurich", "ß" gives "ss"); apostrophes are dropped ("don't" gives
 * "dont"); every other character separates words. A title with nothing
 * left appends nothing.
 */
#define SCAFFOLD_SLUG_MAX 50
void scaffold_slug(struct buf *out, const char *title);

/* The record ids in use for one prefix, as far as they were seen. */
struct scaffold_ids {
	const char *prefix;	/* borrowed: "RSK" */
	unsigned long highest;	/* 0 when none was seen */
	int width;		/* digits of the widest id seen, 0 when none */
};

#define SCAFFOLD_IDS_INIT(prefix) { (prefix), 0, 0 }

/*
 * Counts `name` when it is an id of the prefix ("RSK-007") or a record
 * file name that starts with one ("RSK-007-laptop-theft.md", "RSK-007.md").
 * Anything else is ignored, as are numbers of more than nine digits.
 */
void scaffold_ids_add(struct scaffold_ids *ids, const char *name);

/*
 * Appends the next free id to `out`: the prefix, a hyphen and one more
 * than the highest number seen, with leading zeros to at least three
 * digits, or to the width of the widest id seen. Gaps are never filled,
 * so the id of a deleted record is not given to a new one while any
 * source still has it.
 */
void scaffold_ids_next(const struct scaffold_ids *ids, struct buf *out);

/*
 * Adds the names of the files under `folder` in the index of `repo`, in
 * the commit HEAD points to, and in the tip of every local and
 * remote-tracking branch. `folder` is relative to the top of the work
 * tree, without a trailing slash. Branches without it add nothing.
 * Returns 0, or ISMS_EFAIL after error_set() when the index or a tree
 * cannot be read.
 */
int scaffold_ids_add_git(struct scaffold_ids *ids, git_repository *repo,
    const char *folder);

/* One file `isms init` writes. */
struct scaffold_file {
	char *path;		/* relative to the ISMS root */
	char *text;
	size_t len;
	int keep;		/* a .gitkeep: written only into an empty folder */
};

struct scaffold_plan {
	struct scaffold_file *files;
	size_t count;
	size_t alloc;
};

#define SCAFFOLD_PLAN_INIT { NULL, 0, 0 }

/*
 * Builds the files of a new ISMS into `out` (SCAFFOLD_PLAN_INIT). These
 * are isms.yaml, controls/soa.yaml and README.md from their templates
 * with `values` filled in, and an empty .gitkeep in each record folder,
 * so git tracks the folders before they contain records. A template in
 * `template_dir`, when that is not NULL, replaces the built-in one. Returns 0 or a negative
 * error from template_load() or template_fill(). Release `out` in both
 * cases.
 */
int scaffold_plan_init(struct scaffold_plan *out, const char *template_dir,
    const struct template_values *values);

void scaffold_plan_release(struct scaffold_plan *plan);

/*
 * Creates the folder `path` and any missing parents, like `mkdir -p`.
 * Returns 0, or ISMS_EFAIL after error_set() naming the folder.
 */
int scaffold_make_dirs(const char *path);

/*
 * Writes the files of `plan` under the folder `dir`, creating it and the
 * folders the files need. Each file is written atomically. A file that
 * already exists with the same contents is left alone, and so is a
 * .gitkeep whose folder already contains anything. Any other existing
 * file is replaced only with `force`. Without it, nothing is written and
 * the result is ISMS_EEXISTS with a message naming the first such file
 * (its path joined to `dir`).
 *
 * The paths written, joined to `dir`, are appended to `written`. Returns
 * 0, ISMS_EEXISTS, or ISMS_EFAIL after error_set().
 */
int scaffold_write(const struct scaffold_plan *plan, const char *dir,
    int force, struct strvec *written);

/* `dir` and `path` joined with one '/', or `path` alone when dir is ".". */
void scaffold_join(struct buf *out, const char *dir, const char *path);

#endif
