#ifndef ISMS_FIXTURE_H
#define ISMS_FIXTURE_H

/*
 * Test support for the unit tests: an ISMS built from YAML texts, either
 * written into a temporary folder and read by isms_load(), as the commands
 * do, or assembled in memory record by record. The functions fail the
 * running cmocka test when a step that should succeed fails.
 */

#include <stddef.h>

#include "diag.h"
#include "isms.h"
#include "source.h"

/* An ISMS kept in a temporary folder under /tmp. */
struct fixture_tree {
	char dir[64];
	struct source *src;
	struct isms isms;
	struct diag_list diags;
};

/*
 * Creates the temporary folder of `fx` and writes `config` to its
 * isms.yaml. Returns 0, or -1 when the folder cannot be created, so that a
 * cmocka setup function can return the failure.
 */
int fixture_tree_open(struct fixture_tree *fx, const char *config);

/*
 * Writes `text` to the file `name` of the folder, creating the one folder
 * level that `name` may name.
 */
void fixture_tree_write(const struct fixture_tree *fx, const char *name,
    const char *text);

/*
 * Writes risks/<id>-test.md: a risk with id `id`, title "Risk <id>", cia
 * [integrity] and then the frontmatter lines `yaml`.
 */
void fixture_tree_add_risk(struct fixture_tree *fx, const char *id,
    const char *yaml);

/* Opens the folder as a work tree and loads it with isms_load(). */
void fixture_tree_load(struct fixture_tree *fx);

/*
 * Releases the loaded ISMS, its diagnostics and source, and removes the
 * folder with everything in it.
 */
void fixture_tree_close(struct fixture_tree *fx);

/* An ISMS assembled in memory, with no folder and no isms_load(). */
struct fixture_memory {
	struct isms isms;
	struct diag_list diags;
	size_t alloc;
};

/*
 * Allocates an ISMS whose configuration is parsed from `config` and marked
 * valid, with no records.
 */
struct fixture_memory *fixture_memory_new(const char *config);

/*
 * Appends a record of `kind` at `path` whose frontmatter is parsed from
 * `yaml`, with its id set as isms_load() sets it. The caller parses the
 * kind-specific part (objective_parse() and the like) itself.
 */
struct record *fixture_memory_add(struct fixture_memory *fx,
    enum record_kind kind, const char *path, const char *yaml);

/* Releases the ISMS, its diagnostics and `fx` itself. */
void fixture_memory_free(struct fixture_memory *fx);

#endif
