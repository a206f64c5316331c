#ifndef ISMS_CRITERIA_H
#define ISMS_CRITERIA_H

#include <stddef.h>

#include "date.h"
#include "schema.h"

/*
 * Risk criteria (the `risk_criteria` map of isms.yaml): the likelihood and
 * consequence scales, how a pair of ratings becomes a level, and what each
 * level demands (who may accept it, how often it is reviewed, how soon it
 * is treated).
 *
 * Ratings are 1-based positions on their scale. A scale entry may carry an
 * integer `value`; methods `product` and `sum` use it in place of the
 * position, so a register that scores "probability × impact × 20" can be
 * reproduced exactly.
 */

struct scale_entry {
	char *name;
	char *description;	/* may be NULL */
	long value;		/* `value`, or the 1-based position */
};

struct scale {
	struct scale_entry *entries;
	size_t count;
};

enum criteria_method {
	METHOD_MATRIX,
	METHOD_PRODUCT,
	METHOD_SUM,
};

enum consequence_aggregate {
	AGGREGATE_MAX,
	AGGREGATE_MEAN,		/* mean of the positions, rounded up */
};

/* The special entry of an `accept` list that means the risk's own owner. */
#define ROLE_RISK_OWNER "risk-owner"

struct level {
	char *name;
	long from;			/* lowest score, for product and sum */
	int has_from;
	char **accept;			/* roles that together may accept */
	size_t accept_count;
	int accept_never;		/* `accept: never` */
	struct duration review_every;
	int has_review_every;
	struct duration acceptance_valid_for;
	int has_acceptance_valid_for;
	struct duration treat_within;
	int has_treat_within;
};

struct criteria {
	struct scale likelihood;
	struct scale consequence;
	char **dimensions;		/* consequence dimensions, may be empty */
	size_t dimension_count;
	enum criteria_method method;
	enum consequence_aggregate aggregate;
	int *matrix;			/* [l * consequence.count + c]: level index */
	struct level *levels;		/* lowest first */
	size_t level_count;
	size_t acceptance_threshold;	/* level index */
};

#define CRITERIA_INIT { { NULL, 0 }, { NULL, 0 }, NULL, 0, METHOD_MATRIX, \
	AGGREGATE_MAX, NULL, NULL, 0, 0 }

/*
 * Reads and validates `node` (the value of `risk_criteria`). Adds a
 * diagnostic for every problem, such as duplicate names, a matrix of the
 * wrong shape, naming unknown levels or not monotonic, or `from` bands
 * that do not increase or leave a reachable score without a level. The
 * rule ids (criteria-* and the schema.h ones) are listed in
 * docs/criteria.md. *out is overwritten. Returns 0 when the criteria
 * are usable (warnings allowed), -1 otherwise. Release *out in both cases.
 */
int criteria_parse(struct criteria *out, const struct ynode *node,
    const struct schema_ctx *ctx);

void criteria_release(struct criteria *criteria);

/*
 * Looks up a rating written as a scale entry name or as its 1-based
 * position. Returns the position, or 0 when `text` names no entry.
 */
int scale_lookup(const struct scale *scale, const char *text);

/*
 * The level index for likelihood position `l` and consequence position
 * `c` (both 1-based and in range), and the score behind it: L×C or L+C of
 * the entries' values for product and sum, 0 for matrix.
 */
size_t criteria_level(const struct criteria *criteria, int l, int c,
    long *score_out);

/* The level index named `name`, or -1. */
int criteria_find_level(const struct criteria *criteria, const char *name);

/*
 * Reads the duration under `key` of `map` ("12 months", see date.h), which
 * must be at least one day. Returns like the schema.h getters: 1 when
 * stored, 0 when the key is absent, -1 after an error with rule id `rule`
 * when the value is not a duration.
 */
int criteria_get_duration(const struct schema_ctx *ctx,
    const struct ynode *map, const char *key, const char *rule,
    struct duration *out);

#endif
