#ifndef ISMS_OBJECTIVE_H
#define ISMS_OBJECTIVE_H

#include <stddef.h>

#include "buf.h"
#include "config.h"
#include "diag.h"
#include "fields.h"
#include "risk.h"
#include "schema.h"

struct isms;
struct record;

/*
 * An information security objective (clause 6.2): what it measures, the
 * measurements taken so far, and its plan (actions, resources, owner, due
 * date, evaluation). objective_compute() turns it into a state as of a
 * date; docs/objectives.md states every rule.
 */

enum objective_status {
	OBJECTIVE_PLANNED,
	OBJECTIVE_ACTIVE,
	OBJECTIVE_ACHIEVED,
	OBJECTIVE_MISSED,
	OBJECTIVE_WITHDRAWN,
};

enum objective_direction { DIRECTION_INCREASE, DIRECTION_DECREASE };

/* An objective falls behind when its progress trails the time elapsed by more than this many percentage points. */
#define OBJECTIVE_BEHIND_POINTS 10

/* An objective whose latest measurement is older than this many days is at risk. */
#define OBJECTIVE_STALE_DAYS 90

struct measurement {
	int date;			/* days since 1970-01-01 */
	double value;
	const char *text;		/* the value as written */
	const struct ynode *node;	/* the measurement map */
};

struct objective {
	const char *owner;
	const struct ynode *owner_node;
	enum objective_status status;
	const char *policy;		/* a document or record id, or text */
	const struct ynode *policy_node;
	struct ref_list addresses;	/* RSK- and REQ- ids */

	int measurable;			/* 0 after `measurable: false` */
	const char *reason;		/* why it is not measurable */
	const struct ynode *measure_node;	/* NULL without `measure` */
	const char *metric;
	const char *unit;
	const char *method;
	double baseline;
	const char *baseline_text;	/* NULL without a baseline */
	double target;
	const char *target_text;	/* NULL without a target */
	enum objective_direction direction;	/* given, or inferred */

	/* Sorted by date, one per date (the last written wins). */
	struct measurement *measurements;
	size_t measurement_count;

	int due, has_due;
	const char *resources;
	struct action *actions;
	size_t action_count;
	const char *evaluation;
	struct ref_list communicated_to;
};

enum objective_state {
	OBJECTIVE_ON_TRACK,
	OBJECTIVE_AT_RISK,
	OBJECTIVE_OVERDUE,
	OBJECTIVE_STATE_ACHIEVED,
	OBJECTIVE_NOT_STARTED,		/* planned, nothing measured */
	OBJECTIVE_STATE_MISSED,		/* `missed`, target not met */
	OBJECTIVE_STATE_WITHDRAWN,	/* status `withdrawn` */
};

/* The rule that decided the state, in the order the rules are tried. */
enum objective_reason {
	REASON_WITHDRAWN,		/* no longer pursued */
	REASON_NOT_MEASURABLE,		/* follows status and due date */
	REASON_TARGET_MET,
	REASON_MISSED,			/* closed as missed */
	REASON_DUE_PASSED,
	REASON_NOT_STARTED,		/* planned, nothing measured yet */
	REASON_NO_MEASUREMENT,
	REASON_STALE,			/* no measurement for too long */
	REASON_BEHIND,			/* progress trails the time elapsed */
	REASON_ON_PACE,
	REASON_NO_DUE,			/* no due date to pace against */
};

struct objective_result {
	enum objective_state state;
	enum objective_reason reason;
	int has_latest;
	double latest;			/* the latest value on or before today */
	const char *latest_text;
	int latest_date;
	int days_since_latest;
	int has_baseline;
	double baseline;		/* measure.baseline, else the first value */
	int has_progress;
	int progress;			/* percent toward the target, 0 to 100 */
	int start;			/* the first measurement's date */
	int has_expected;
	int expected;			/* percent of start..due elapsed, 0 to 100 */
};

/*
 * Reads the objective fields of `front` (`id`, `title` and `kind` are
 * read by the loader) and checks each value. Findings go to ctx->diags:
 * unknown-key and the type rules of schema.h; ref-unknown-person for the
 * owner and action owners (skipped when `config` is NULL);
 * objective-not-measurable (error) without a measure that has a metric
 * and a target and without `measurable: false` and a reason;
 * invalid-value for a direction the baseline and target contradict;
 * objective-measurement-duplicate (warning) for a date measured twice;
 * objective-planning-missing (warning) for an `active` objective that
 * does not say what will be done, with what resources, who is
 * responsible, when it ends and how results are evaluated. The ids in
 * `addresses` and `policy` are resolved by objective_check(). Strings are
 * borrowed from `front`.
 *
 * Returns 0, or -1 when `front` is not a map; release *out with
 * objective_release() in both cases.
 */
int objective_parse(struct objective *out, const struct ynode *front,
    const struct config *config, const struct schema_ctx *ctx);

void objective_release(struct objective *objective);

/*
 * Checks what needs the whole ISMS: each id in `addresses` names a risk
 * or a requirement (`ref-unknown-record`, `ref-wrong-kind`), and a
 * `policy` written as an id names a document or a record
 * (`ref-unknown-record`). Does nothing for records without an objective.
 */
void objective_check(const struct isms *isms, const struct record *rec,
    struct diag_list *diags);

/*
 * Adds the findings that depend on `today` (days since 1970-01-01). A
 * measurement dated after today, which objective_compute() leaves out,
 * is `date-in-future` (error). A status `achieved` whose measurements do
 * not show the target met, or a status `missed` whose latest value meets
 * it, is `objective-status-contradicts` (warning). A `planned` or
 * `active` objective whose latest value meets the target draws the note
 * `objective-target-met`. An open action past its due date is
 * `objective-action-overdue` (warning), unless the objective is
 * achieved, missed or withdrawn. Objectives with `measurable: false`
 * have no target to compare.
 */
void objective_check_dates(const struct record *rec, int today,
    struct diag_list *diags);

/*
 * Computes the state of `objective` as of `today` (days since 1970-01-01)
 * from its measurements dated on or before `today`. A pure function of
 * its arguments; the rules, in the order tried, are in docs/objectives.md.
 */
void objective_compute(struct objective_result *out,
    const struct objective *objective, int today);

/* Appends a sentence that gives the reason for the state, with its numbers. */
void objective_format_reason(struct buf *out,
    const struct objective *objective, const struct objective_result *result);

const char *objective_status_name(enum objective_status status);

/*
 * "on-track", "at-risk", "overdue", "achieved", "not-started", "missed"
 * or "withdrawn".
 */
const char *objective_state_name(enum objective_state state);

const char *objective_direction_name(enum objective_direction direction);

#endif
