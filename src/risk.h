#ifndef ISMS_RISK_H
#define ISMS_RISK_H

#include <stddef.h>

#include "config.h"
#include "schema.h"

/*
 * A risk record (clause 6.1.2 and 6.1.3): its fields as read and
 * type-checked from the frontmatter. References to other records, people
 * and controls are kept as strings with their nodes and resolved by the
 * ISMS loader (isms.h), which sees every record.
 */

enum risk_status { RISK_IDENTIFIED, RISK_ASSESSED, RISK_TREATING,
	RISK_ACCEPTED, RISK_CLOSED };
enum risk_scope { SCOPE_INFOSEC, SCOPE_ISMS };
enum treatment_option { TREAT_MODIFY, TREAT_RETAIN, TREAT_AVOID, TREAT_SHARE };
enum action_status { ACTION_PLANNED, ACTION_IN_PROGRESS, ACTION_DONE };

#define CIA_CONFIDENTIALITY 1u
#define CIA_INTEGRITY 2u
#define CIA_AVAILABILITY 4u

/* A list of string references and where each was written. */
struct ref_list {
	const struct ynode **nodes;	/* borrowed scalars */
	size_t count;
};

struct rating {
	int present;
	const struct ynode *node;	/* the rating map, for locations */
	int likelihood;			/* 1-based; 0 when unknown */
	int consequence;		/* 1-based, dimensions aggregated */
	int *consequences;		/* per criteria dimension, in the order
					   of isms.yaml, 0 where not rated;
					   NULL for a single `consequence` */
	size_t consequence_count;
	const char *recorded_level;	/* `level`, borrowed; may be NULL */
	const struct ynode *recorded_level_node;
	long recorded_score;		/* `score` */
	int has_recorded_score;
	const struct ynode *recorded_score_node;
};

struct action {
	const struct ynode *node;
	const char *id;
	const char *text;
	const char *owner;
	const struct ynode *owner_node;
	int due;
	int has_due;
	enum action_status status;
	const char *evidence;
};

struct acceptance {
	int present;
	const struct ynode *node;
	struct ref_list by;
	int date;
	int has_date;
	int until;
	int has_until;
	const char *rationale;
	const char *conditions;
	struct rating rating;
};

enum loss_kind { LOSS_NONE, LOSS_SINGLE, LOSS_RANGE };

struct loss {
	enum loss_kind kind;
	double per_year;
	double single;		/* LOSS_SINGLE */
	double low, high;	/* LOSS_RANGE: a 90% range per event */
	const char *currency;
};

struct risk {
	const char *external_id;	/* the id in an imported register */
	enum risk_status status;
	enum risk_scope scope;
	unsigned cia;			/* CIA_* bits */
	const char *owner;
	const struct ynode *owner_node;
	struct ref_list assets;
	const char *threat;
	const char *vulnerability;
	struct ref_list sources;
	struct rating inherent;
	struct ref_list existing_controls;
	int has_treatment;
	const struct ynode *treatment_node;
	enum treatment_option option;
	struct ref_list treatment_controls;
	struct action *actions;
	size_t action_count;
	const char *plan_approved_by;
	const struct ynode *plan_approved_by_node;
	int plan_approved_on;
	int has_plan_approved_on;
	struct rating residual;
	struct acceptance acceptance;
	int review_last, has_review_last;
	int review_next, has_review_next;
	const struct ynode *review_node;
	struct loss loss;
	struct ref_list objectives;
};

/*
 * Reads the risk fields of `front` (the frontmatter map; `id`, `title` and
 * `kind` are read by the loader) and checks each value's type and the
 * risk's own consistency: unknown keys, ratings on the criteria's scales,
 * a rating past `identified`, a treatment from `treating` on, residual not
 * above inherent, residual below inherent only with treatment, actions
 * with owner and due date, acceptance dates. Cross-record checks and
 * computed findings (levels, acceptances, overdue dates) are made in
 * assess.h. Strings in *out are borrowed from `front`.
 *
 * A rating that could not be read keeps likelihood or consequence 0, and
 * assess_risks() then leaves it out of every computation; the rest of the
 * risk is still checked. When the criteria of isms.yaml are unusable
 * (config->criteria_ok is 0), ratings are type-checked but not looked up.
 *
 * Returns 0, or -1 when `front` is not a map and nothing could be read;
 * diagnostics are added in both cases. Release *out in both cases.
 */
int risk_parse(struct risk *out, const struct ynode *front,
    const struct config *config, const struct schema_ctx *ctx);

/* Frees what *risk owns, not *risk itself. */
void risk_release(struct risk *risk);

/* "identified", "assessed", ... */
const char *risk_status_name(enum risk_status status);

/* "modify", "retain", "avoid", "share": the canonical names. */
const char *treatment_option_name(enum treatment_option option);

/* "planned", "in-progress", "done". */
const char *action_status_name(enum action_status status);

/* A rating whose likelihood and consequence are both known. */
int rating_usable(const struct rating *rating);

#endif
