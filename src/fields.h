#ifndef ISMS_FIELDS_H
#define ISMS_FIELDS_H

#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "risk.h"
#include "schema.h"

/*
 * Fields that opportunity and objective records share: lists of record
 * ids, person references checked against `people` of isms.yaml, action
 * lists shaped like a risk treatment's, and a review map {last, next}.
 * Strings and nodes are borrowed from the frontmatter tree.
 */

struct review_dates {
	const struct ynode *node;	/* the review map; NULL when absent */
	int last, has_last;
	int next, has_next;
};

/*
 * Reads `key` of `map`, a list of strings or a single string, into *out.
 * Items that are not strings are reported by schema.h and left out.
 * Release *out with fields_refs_release().
 */
void fields_parse_refs(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, struct ref_list *out);

void fields_refs_release(struct ref_list *list);

/*
 * Reports `ref-unknown-person` (error) when `key` is not a key of
 * `people`, suggesting the closest key. `role` names the reference in the
 * message ("opportunity owner"). Does nothing when `config` or `key` is
 * NULL.
 */
void fields_check_person(const struct schema_ctx *ctx,
    const struct config *config, const char *key, const struct ynode *node,
    const char *role);

/*
 * Reads the action list at `key`: a sequence of maps with the keys of a
 * risk treatment action (id, text, owner, due, status, evidence). `owner`
 * and `due` are required (`missing-field`), `status` defaults to
 * `planned`, and each owner is checked with fields_check_person(). *out is
 * NULL and *count 0 when there is no list; free *out with free().
 */
void fields_parse_actions(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, const struct config *config, struct action **out,
    size_t *count);

/* Reads the optional map `review: {last, next}`. */
void fields_parse_review(const struct schema_ctx *ctx, const struct ynode *map,
    struct review_dates *out);

/*
 * Adds a warning with rule id `rule` at `path` for each action that is
 * not `done` and whose due date is before `today`.
 */
void fields_check_overdue_actions(struct diag_list *diags, const char *path,
    const struct action *actions, size_t count, int today, const char *rule);

/*
 * The value of `key`, or NULL when it is absent or null (nothing after the
 * colon, `~` or `null`, unquoted), which schema.h treats alike.
 */
const struct ynode *fields_get_value(const struct ynode *map, const char *key);

/* Whether `s` contains a character other than white space. */
int fields_has_text(const char *s);

#endif
