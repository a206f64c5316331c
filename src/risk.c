#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fields.h"
#include "risk.h"
#include "xalloc.h"
#include "banned.h"

/*
 * Rule ids added here (see docs/computations.md): risk-missing-rating,
 * risk-missing-treatment, risk-rating, risk-residual-above-inherent,
 * risk-residual-without-treatment, risk-action-incomplete,
 * risk-duplicate-entry, risk-cia, acceptance-duplicate-signer.
 * Type errors come from schema.h with its own rule ids.
 */

static const char *const risk_keys[] = {
	"id", "title", "kind", "external_id", "owner", "status", "scope",
	"cia", "assets", "threat", "vulnerability", "sources", "inherent",
	"existing_controls", "treatment", "residual", "acceptance", "review",
	"loss", "objectives", NULL
};

static const char *const rating_keys[] = {
	"likelihood", "consequence", "consequences", "level", "score", NULL
};

static const char *const treatment_keys[] = {
	"option", "controls", "actions", "plan_approved_by",
	"plan_approved_on", NULL
};

static const char *const action_keys[] = {
	"id", "text", "owner", "due", "status", "evidence", NULL
};

static const char *const acceptance_keys[] = {
	"by", "date", "until", "rationale", "conditions", "rating", NULL
};

static const char *const review_keys[] = { "last", "next", NULL };

static const char *const loss_keys[] = {
	"per_year", "single", "low", "high", "currency", NULL
};

static const char *const status_names[] = {
	"identified", "assessed", "treating", "accepted", "closed", NULL
};

static const char *const scope_names[] = {
	"information-security", "isms", NULL
};

static const char *const cia_names[] = {
	"confidentiality", "integrity", "availability", NULL
};

/*
 * Treatment options as written: the four names of ISO/IEC 27005 first,
 * then the aliases many registers use (mitigate, accept, transfer), each
 * mapped to its canonical option by option_of_name[].
 */
static const char *const option_names[] = {
	"modify", "retain", "avoid", "share", "mitigate", "accept", "transfer",
	NULL
};

static const enum treatment_option option_of_name[] = {
	TREAT_MODIFY, TREAT_RETAIN, TREAT_AVOID, TREAT_SHARE, TREAT_MODIFY,
	TREAT_RETAIN, TREAT_SHARE
};

static const char *const action_status_names[] = {
	"planned", "in-progress", "done", NULL
};

/* Largest loss amount and yearly rate accepted, to keep the ALE finite. */
#define LOSS_AMOUNT_MAX 1e15
#define LOSS_RATE_MAX 1e6

const char *
risk_status_name(enum risk_status status)
{
	return status_names[status];
}

const char *
treatment_option_name(enum treatment_option option)
{
	return option_names[option];
}

const char *
action_status_name(enum action_status status)
{
	return action_status_names[status];
}

int
rating_usable(const struct rating *rating)
{
	return rating->present && rating->likelihood > 0 &&
	    rating->consequence > 0;
}

/*
 * The value of `key`, or NULL when it is absent or null (nothing after
 * the colon, `~` or `null`), which schema.h and YAML tools treat alike.
 */
static const struct ynode *
get_value(const struct ynode *map, const char *key)
{
	static const char *const nulls[] = { "~", "null", "Null", "NULL" };
	const struct ynode *node = ynode_get(map, key);

	if (!node || node->type != YNODE_SCALAR || !node->plain)
		return node;
	if (!node->value_len)
		return NULL;
	for (size_t i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++)
		if (strcmp(node->value, nulls[i]) == 0)
			return NULL;
	return node;
}

/* A copy of `ctx` whose missing-field messages name the map `what`. */
static struct schema_ctx
sub_ctx(const struct schema_ctx *ctx, const char *what)
{
	struct schema_ctx sub = *ctx;

	sub.what = what;
	return sub;
}

static void
add_error(const struct schema_ctx *ctx, const struct ynode *node,
    const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
add_error(const struct schema_ctx *ctx, const struct ynode *node,
    const char *rule, const char *fmt, ...)
{
	struct buf message = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&message, fmt, ap);
	va_end(ap);
	diag_add(ctx->diags, DIAG_ERROR, ctx->path, node ? node->line : 0,
	    node ? node->col : 0, rule, "%s", message.ptr);
	buf_release(&message);
}

/* Reads a list of strings into `out`, which keeps the item nodes. */
static void
parse_ref_list(const struct schema_ctx *ctx, const struct ynode *map,
    const char *key, struct ref_list *out)
{
	const struct ynode *list = NULL;
	size_t n;

	if (schema_get_string_list(ctx, map, key, SCHEMA_OPTIONAL, 1,
	    &list) != 1)
		return;

	n = schema_list_count(list);
	out->nodes = xcalloc(n ? n : 1, sizeof(*out->nodes));
	for (size_t i = 0; i < n; i++) {
		const struct ynode *item = schema_list_item(list, i);

		if (item && item->type == YNODE_SCALAR)
			out->nodes[out->count++] = item;
	}
}

/*
 * Looks `text` up on `scale`, or reports `risk-rating` with the valid
 * range and names (or the closest name) and returns 0. `what` names the
 * rating in the message ("likelihood", "consequence 'legal'").
 */
static int
lookup_rating(const struct schema_ctx *ctx, const struct scale *scale,
    const char *text, const struct ynode *node, const char *what)
{
	struct buf names = BUF_INIT;
	const char **candidates = NULL;
	const char *close;
	int pos;

	pos = scale_lookup(scale, text);
	if (pos > 0)
		goto done;

	candidates = xcalloc(scale->count + 1, sizeof(*candidates));
	for (size_t i = 0; i < scale->count; i++) {
		candidates[i] = scale->entries[i].name;
		buf_printf(&names, "%s%s", i ? ", " : "",
		    scale->entries[i].name);
	}
	close = schema_did_you_mean(text, candidates);
	if (close)
		add_error(ctx, node, "risk-rating",
		    "%s '%s' is not on the scale; did you mean '%s'?",
		    what, text, close);
	else
		add_error(ctx, node, "risk-rating",
		    "%s '%s' is not on the scale; use 1 to %zu or one of %s",
		    what, text, scale->count, names.ptr);

done:
	free(candidates);
	buf_release(&names);
	return pos > 0 ? pos : 0;
}

/*
 * Reads `consequences: {dimension: rating}`. Sets out->consequence to the
 * aggregate of the rated dimensions (max, or mean rounded up), or leaves
 * it 0 when a dimension could not be read.
 */
static void
parse_dimensions(struct rating *out, const struct schema_ctx *ctx,
    const struct ynode *node, const struct criteria *criteria,
    int lookup)
{
	struct schema_ctx sub = sub_ctx(ctx, "consequences");
	const char **allowed = NULL;
	struct buf label = BUF_INIT;
	long sum = 0, max = 0;
	size_t rated = 0;
	int broken = 0;

	if (!schema_expect_map(ctx, node, "consequences"))
		return;

	if (lookup && criteria->dimension_count == 0) {
		add_error(ctx, node, "risk-rating",
		    "'consequences' rates dimensions, but isms.yaml defines "
		    "no consequence dimensions; use 'consequence'");
		return;
	}

	allowed = xcalloc(criteria->dimension_count + 1, sizeof(*allowed));
	for (size_t i = 0; i < criteria->dimension_count; i++)
		allowed[i] = criteria->dimensions[i];
	if (lookup)
		schema_check_keys(ctx, node, allowed, "consequences");

	out->consequence_count = criteria->dimension_count;
	out->consequences = xcalloc(out->consequence_count ?
	    out->consequence_count : 1, sizeof(*out->consequences));
	for (size_t i = 0; i < criteria->dimension_count; i++) {
		const char *text = NULL;
		int pos;

		if (schema_get_string(&sub, node, allowed[i], SCHEMA_OPTIONAL,
		    &text) != 1) {
			if (get_value(node, allowed[i]))
				broken = 1;
			continue;
		}
		buf_reset(&label);
		buf_printf(&label, "consequence '%s'", allowed[i]);
		pos = lookup ? lookup_rating(ctx, &criteria->consequence, text,
		    ynode_get(node, allowed[i]), label.ptr) : 0;
		if (!pos) {
			broken = 1;
			continue;
		}
		out->consequences[i] = pos;
		sum += pos;
		if (pos > max)
			max = pos;
		rated++;
	}

	if (lookup && node->count == 0)
		add_error(ctx, node, "risk-rating",
		    "'consequences' rates no dimension; rate at least one of "
		    "the dimensions of isms.yaml");
	if (broken || !rated)
		goto done;

	if (criteria->aggregate == AGGREGATE_MEAN)
		out->consequence = (int)((sum + (long)rated - 1) / (long)rated);
	else
		out->consequence = (int)max;

done:
	buf_release(&label);
	free(allowed);
}

/*
 * Reads the rating at `key` of `parent`, if any. A part that cannot be
 * read stays 0, so rating_usable() returns whether the rating counts.
 * `what` names the rating in messages ("inherent rating").
 */
static void
parse_rating(struct rating *out, const struct schema_ctx *ctx,
    const struct ynode *parent, const char *key,
    const struct config *config, const char *what)
{
	struct schema_ctx sub = sub_ctx(ctx, what);
	const struct criteria *criteria = &config->criteria;
	const struct ynode *node = get_value(parent, key);
	const struct ynode *single, *multi;
	const char *text = NULL;
	int lookup = config->criteria_ok;

	if (!node)
		return;
	out->present = 1;
	out->node = node;
	if (!schema_expect_map(ctx, node, what))
		return;
	schema_check_keys(ctx, node, rating_keys, what);

	if (schema_get_string(&sub, node, "likelihood", SCHEMA_REQUIRED,
	    &text) == 1 && lookup)
		out->likelihood = lookup_rating(ctx, &criteria->likelihood,
		    text, ynode_get(node, "likelihood"), "likelihood");

	single = get_value(node, "consequence");
	multi = get_value(node, "consequences");
	if (single && multi) {
		add_error(ctx, ynode_get_key(node, "consequences"),
		    "risk-rating", "%s has both 'consequence' and "
		    "'consequences'; keep one", what);
	} else if (single) {
		if (schema_get_string(&sub, node, "consequence",
		    SCHEMA_REQUIRED, &text) == 1 && lookup)
			out->consequence = lookup_rating(ctx,
			    &criteria->consequence, text, single,
			    "consequence");
	} else if (multi) {
		parse_dimensions(out, ctx, multi, criteria, lookup);
	} else {
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, node->line,
		    node->col, "missing-field",
		    "%s has no 'consequence'; add 'consequence' or "
		    "'consequences' per dimension", what);
	}

	schema_get_string(&sub, node, "level", SCHEMA_OPTIONAL,
	    &out->recorded_level);
	out->recorded_level_node = ynode_get(node, "level");
	if (schema_get_long(&sub, node, "score", SCHEMA_OPTIONAL, 0, 1000000,
	    &out->recorded_score) == 1) {
		out->has_recorded_score = 1;
		out->recorded_score_node = ynode_get(node, "score");
	}
}

static void
parse_cia(struct risk *risk, const struct schema_ctx *ctx,
    const struct ynode *front)
{
	const struct ynode *list = NULL;

	if (schema_get_string_list(ctx, front, "cia", SCHEMA_OPTIONAL, 1,
	    &list) != 1)
		return;

	for (size_t i = 0; i < schema_list_count(list); i++) {
		const struct ynode *item = schema_list_item(list, i);
		size_t k;

		if (!item || item->type != YNODE_SCALAR)
			continue;
		for (k = 0; cia_names[k]; k++)
			if (strcmp(item->value, cia_names[k]) == 0)
				break;
		if (cia_names[k])
			risk->cia |= 1u << k;
		else
			add_error(ctx, item, "invalid-value",
			    "cia '%s' is not a security property; use "
			    "confidentiality, integrity or availability",
			    item->value);
	}
}

/* A string of a list and its position there. */
struct list_entry {
	const char *key;
	size_t index;
};

static int
compare_entries(const void *pa, const void *pb)
{
	const struct list_entry *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

/*
 * Calls `report` with each position of `keys` whose string an earlier
 * position already has, and that earlier position. NULL keys are
 * skipped. Sorting keeps this O(n log n), because a 1 MiB file can hold
 * lists of a hundred thousand entries.
 */
static void
find_repeats(const char *const *keys, size_t count,
    void (*report)(size_t repeat, size_t first, void *data), void *data)
{
	struct list_entry *entries = xcalloc(count ? count : 1,
	    sizeof(*entries));
	size_t n = 0, first = 0;

	for (size_t i = 0; i < count; i++)
		if (keys[i])
			entries[n++] = (struct list_entry){ keys[i], i };
	qsort(entries, n, sizeof(*entries), compare_entries);

	for (size_t i = 1; i < n; i++) {
		if (strcmp(entries[i].key, entries[first].key) != 0) {
			first = i;
			continue;
		}
		report(entries[i].index, entries[first].index, data);
	}
	free(entries);
}

/* The values of the string nodes of `list`; free the result. */
static const char **
ref_list_values(const struct ref_list *list)
{
	const char **values = xcalloc(list->count ? list->count : 1,
	    sizeof(*values));

	for (size_t i = 0; i < list->count; i++)
		values[i] = list->nodes[i]->value;
	return values;
}

struct repeat_ctx {
	const struct schema_ctx *ctx;
	const struct ref_list *list;
	const char *field;
};

static void
report_repeated_control(size_t repeat, size_t first, void *data)
{
	const struct repeat_ctx *rc = data;
	const struct ynode *node = rc->list->nodes[repeat];

	(void)first;
	diag_add(rc->ctx->diags, DIAG_WARNING, rc->ctx->path, node->line,
	    node->col, "risk-duplicate-entry", "control '%s' is listed twice "
	    "in '%s'; remove the repeat", node->value, rc->field);
}

/*
 * Reports `risk-duplicate-entry` (warning) for each control that `list`,
 * the field `field`, names again after its first time.
 */
static void
check_duplicate_controls(const struct ref_list *list, const char *field,
    const struct schema_ctx *ctx)
{
	struct repeat_ctx rc = { ctx, list, field };
	const char **values = ref_list_values(list);

	find_repeats(values, list->count, report_repeated_control, &rc);
	free(values);
}

/*
 * Joins `parts` as "a", "a and b" or "a, b and c" after `out`'s contents.
 */
static void
join_parts(struct buf *out, const char *const *parts, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (i)
			buf_puts(out, i + 1 == count ? " and " : ", ");
		buf_puts(out, parts[i]);
	}
}

/*
 * Every action needs an id to be referred to, a text that describes the
 * work, an owner and a due date. A blank id or text counts as none.
 */
static void
check_action_complete(const struct action *action,
    const struct schema_ctx *ctx, const struct ynode *node, size_t index)
{
	const char *missing[4];
	struct buf list = BUF_INIT;
	size_t count = 0;

	/* A value present but invalid was reported by schema already. */
	if (!action->id && (!get_value(node, "id") ||
	    ynode_get(node, "id")->type == YNODE_SCALAR))
		missing[count++] = "no id";
	if (!action->text && (!get_value(node, "text") ||
	    ynode_get(node, "text")->type == YNODE_SCALAR))
		missing[count++] = "no text";
	if (!get_value(node, "owner"))
		missing[count++] = "no owner";
	if (!get_value(node, "due"))
		missing[count++] = "no due date";
	if (!count)
		return;

	join_parts(&list, missing, count);
	if (action->id)
		add_error(ctx, node, "risk-action-incomplete",
		    "action '%s' has %s; every action needs an 'id', a "
		    "'text', an 'owner' and a 'due' date", action->id,
		    list.ptr);
	else
		add_error(ctx, node, "risk-action-incomplete",
		    "action %zu has %s; every action needs an 'id', a "
		    "'text', an 'owner' and a 'due' date", index + 1,
		    list.ptr);
	buf_release(&list);
}

static void
parse_action(struct action *out, const struct schema_ctx *ctx,
    const struct ynode *node, size_t index)
{
	struct schema_ctx sub = sub_ctx(ctx, "action");
	int status = ACTION_PLANNED;

	out->node = node;
	if (!schema_expect_map(ctx, node, "action"))
		return;
	schema_check_keys(ctx, node, action_keys, "action");

	schema_get_string(&sub, node, "id", SCHEMA_OPTIONAL, &out->id);
	if (!fields_has_text(out->id))
		out->id = NULL;
	schema_get_string(&sub, node, "text", SCHEMA_OPTIONAL, &out->text);
	if (!fields_has_text(out->text))
		out->text = NULL;
	if (schema_get_string(&sub, node, "owner", SCHEMA_OPTIONAL,
	    &out->owner) == 1)
		out->owner_node = ynode_get(node, "owner");
	if (schema_get_date(&sub, node, "due", SCHEMA_OPTIONAL,
	    &out->due) == 1)
		out->has_due = 1;
	schema_get_enum(&sub, node, "status", SCHEMA_OPTIONAL,
	    action_status_names, &status);
	out->status = status;
	schema_get_string(&sub, node, "evidence", SCHEMA_OPTIONAL,
	    &out->evidence);

	check_action_complete(out, ctx, node, index);
}

struct action_repeat_ctx {
	const struct schema_ctx *ctx;
	const struct risk *risk;
};

static void
report_repeated_action(size_t repeat, size_t first, void *data)
{
	const struct action_repeat_ctx *rc = data;
	const struct action *action = &rc->risk->actions[repeat];

	add_error(rc->ctx, action->node, "risk-duplicate-entry",
	    "action %zu has the id '%s' of action %zu; give each action its "
	    "own id", repeat + 1, action->id, first + 1);
}

/* Reports `risk-duplicate-entry` (error) for an action id used twice. */
static void
check_duplicate_actions(const struct risk *risk, const struct schema_ctx *ctx)
{
	struct action_repeat_ctx rc = { ctx, risk };
	const char **ids = xcalloc(risk->action_count ? risk->action_count : 1,
	    sizeof(*ids));

	for (size_t i = 0; i < risk->action_count; i++)
		ids[i] = risk->actions[i].id;
	find_repeats(ids, risk->action_count, report_repeated_action, &rc);
	free(ids);
}

static void
parse_treatment(struct risk *risk, const struct schema_ctx *ctx,
    const struct ynode *front)
{
	struct schema_ctx sub = sub_ctx(ctx, "treatment");
	const struct ynode *node = get_value(front, "treatment");
	const struct ynode *actions;
	int option = 0;

	if (!node)
		return;
	risk->treatment_node = node;
	if (!schema_expect_map(ctx, node, "treatment"))
		return;
	risk->has_treatment = 1;
	schema_check_keys(ctx, node, treatment_keys, "treatment");

	if (schema_get_enum(&sub, node, "option", SCHEMA_REQUIRED,
	    option_names, &option) == 1)
		risk->option = option_of_name[option];
	parse_ref_list(ctx, node, "controls", &risk->treatment_controls);
	check_duplicate_controls(&risk->treatment_controls,
	    "treatment.controls", ctx);
	if (schema_get_string(&sub, node, "plan_approved_by", SCHEMA_OPTIONAL,
	    &risk->plan_approved_by) == 1)
		risk->plan_approved_by_node = ynode_get(node,
		    "plan_approved_by");
	if (schema_get_date(&sub, node, "plan_approved_on", SCHEMA_OPTIONAL,
	    &risk->plan_approved_on) == 1)
		risk->has_plan_approved_on = 1;

	actions = get_value(node, "actions");
	if (!actions)
		return;
	if (actions->type != YNODE_SEQ) {
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, actions->line,
		    actions->col, "wrong-type",
		    "treatment actions must be a sequence, not %s",
		    ynode_type_name(actions->type));
		return;
	}
	risk->actions = xcalloc(actions->count ? actions->count : 1,
	    sizeof(*risk->actions));
	risk->action_count = actions->count;
	for (size_t i = 0; i < actions->count; i++)
		parse_action(&risk->actions[i], ctx, actions->items[i], i);
	check_duplicate_actions(risk, ctx);
}

static void
report_repeated_signer(size_t repeat, size_t first, void *data)
{
	const struct repeat_ctx *rc = data;
	const struct ynode *node = rc->list->nodes[repeat];

	(void)first;
	diag_add(rc->ctx->diags, DIAG_WARNING, rc->ctx->path, node->line,
	    node->col, "acceptance-duplicate-signer", "'%s' signs the "
	    "acceptance twice, but counts once; name the other signer the "
	    "level needs, or remove the repeat", node->value);
}

/*
 * Reports `acceptance-duplicate-signer` (warning) for a person named
 * twice in `by`. A repeat adds no role, so it often stands for a second
 * signer who was meant but not recorded.
 */
static void
check_duplicate_signers(const struct acceptance *acc,
    const struct schema_ctx *ctx)
{
	struct repeat_ctx rc = { ctx, &acc->by, "acceptance.by" };
	const char **values = ref_list_values(&acc->by);

	find_repeats(values, acc->by.count, report_repeated_signer, &rc);
	free(values);
}

static void
parse_acceptance(struct risk *risk, const struct schema_ctx *ctx,
    const struct ynode *front, const struct config *config)
{
	struct schema_ctx sub = sub_ctx(ctx, "acceptance");
	struct acceptance *acc = &risk->acceptance;
	const struct ynode *node = get_value(front, "acceptance");

	if (!node)
		return;
	acc->node = node;
	if (!schema_expect_map(ctx, node, "acceptance"))
		return;
	acc->present = 1;
	schema_check_keys(ctx, node, acceptance_keys, "acceptance");

	parse_ref_list(ctx, node, "by", &acc->by);
	if (!get_value(node, "by"))
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, node->line,
		    node->col, "missing-field",
		    "acceptance has no 'by'; name the people who accepted "
		    "the risk");
	if (schema_get_date(&sub, node, "date", SCHEMA_REQUIRED,
	    &acc->date) == 1)
		acc->has_date = 1;
	if (schema_get_date(&sub, node, "until", SCHEMA_OPTIONAL,
	    &acc->until) == 1)
		acc->has_until = 1;
	schema_get_string(&sub, node, "rationale", SCHEMA_OPTIONAL,
	    &acc->rationale);
	schema_get_string(&sub, node, "conditions", SCHEMA_OPTIONAL,
	    &acc->conditions);

	if (!get_value(node, "rating"))
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, node->line,
		    node->col, "missing-field",
		    "acceptance has no 'rating'; record the likelihood and "
		    "consequence that were accepted");
	else
		parse_rating(&acc->rating, ctx, node, "rating", config,
		    "acceptance rating");

	check_duplicate_signers(acc, ctx);
}

static void
parse_review(struct risk *risk, const struct schema_ctx *ctx,
    const struct ynode *front)
{
	struct schema_ctx sub = sub_ctx(ctx, "review");
	const struct ynode *node = get_value(front, "review");

	if (!node)
		return;
	risk->review_node = node;
	if (!schema_expect_map(ctx, node, "review"))
		return;
	schema_check_keys(ctx, node, review_keys, "review");
	if (schema_get_date(&sub, node, "last", SCHEMA_OPTIONAL,
	    &risk->review_last) == 1)
		risk->has_review_last = 1;
	if (schema_get_date(&sub, node, "next", SCHEMA_OPTIONAL,
	    &risk->review_next) == 1)
		risk->has_review_next = 1;
}

static void
parse_loss(struct risk *risk, const struct schema_ctx *ctx,
    const struct ynode *front)
{
	struct schema_ctx sub = sub_ctx(ctx, "loss");
	struct loss *loss = &risk->loss;
	const struct ynode *node = get_value(front, "loss");
	int ok = 1;

	if (!node)
		return;
	if (!schema_expect_map(ctx, node, "loss"))
		return;
	schema_check_keys(ctx, node, loss_keys, "loss");

	if (schema_get_double(&sub, node, "per_year", SCHEMA_REQUIRED, 0,
	    LOSS_RATE_MAX, &loss->per_year) != 1)
		ok = 0;
	schema_get_string(&sub, node, "currency", SCHEMA_OPTIONAL,
	    &loss->currency);

	if (get_value(node, "single")) {
		if (get_value(node, "low") || get_value(node, "high")) {
			add_error(ctx, ynode_get_key(node, "single"),
			    "invalid-value", "loss has both 'single' and a "
			    "'low'..'high' range; keep one");
			return;
		}
		if (schema_get_double(&sub, node, "single", SCHEMA_REQUIRED,
		    0, LOSS_AMOUNT_MAX, &loss->single) == 1 && ok)
			loss->kind = LOSS_SINGLE;
		return;
	}

	if (!get_value(node, "low") && !get_value(node, "high")) {
		diag_add(ctx->diags, DIAG_ERROR, ctx->path, node->line,
		    node->col, "missing-field",
		    "loss has no amount; add 'single', or 'low' and 'high' "
		    "for a 90%% range of the loss per event");
		return;
	}
	if (schema_get_double(&sub, node, "low", SCHEMA_REQUIRED, 0,
	    LOSS_AMOUNT_MAX, &loss->low) != 1)
		ok = 0;
	if (schema_get_double(&sub, node, "high", SCHEMA_REQUIRED, 0,
	    LOSS_AMOUNT_MAX, &loss->high) != 1)
		ok = 0;
	if (!ok)
		return;
	if (loss->low <= 0) {
		add_error(ctx, ynode_get(node, "low"), "invalid-value",
		    "loss low must be above 0, because the range is read as "
		    "a lognormal distribution");
		return;
	}
	if (loss->high < loss->low) {
		add_error(ctx, ynode_get(node, "high"), "invalid-value",
		    "loss high '%s' is below low '%s'",
		    ynode_get(node, "high")->value,
		    ynode_get(node, "low")->value);
		return;
	}
	loss->kind = LOSS_RANGE;
}

/*
 * A risk past `identified` carries an inherent rating, and a `treating`
 * risk carries a treatment. An `accepted` or `closed` risk carries a
 * treatment or an acceptance, because accepting a risk records the
 * decision to retain it.
 */
static void
check_status(const struct risk *risk, const struct schema_ctx *ctx,
    const struct ynode *front)
{
	const struct ynode *at = ynode_get(front, "status");
	const char *status = risk_status_name(risk->status);

	if (risk->status > RISK_IDENTIFIED && !risk->inherent.present)
		add_error(ctx, at, "risk-missing-rating",
		    "risk status '%s' needs an 'inherent' rating; add "
		    "'inherent: {likelihood, consequence}', or set status "
		    "to 'identified'", status);

	if (risk->status == RISK_TREATING && !risk->treatment_node)
		add_error(ctx, at, "risk-missing-treatment",
		    "risk status 'treating' needs a 'treatment'; add its "
		    "option, controls and actions");
	else if (risk->status > RISK_TREATING && !risk->treatment_node &&
	    !risk->acceptance.node)
		add_error(ctx, at, "risk-missing-treatment",
		    "risk status '%s' needs a 'treatment' or an "
		    "'acceptance'; record how the risk was treated or who "
		    "accepted it", status);
}

/* The name of the entry at 1-based position `pos`. */
static const char *
scale_name(const struct scale *scale, int pos)
{
	return scale->entries[pos - 1].name;
}

static void
check_residual(const struct risk *risk, const struct schema_ctx *ctx,
    const struct criteria *criteria)
{
	const struct rating *in = &risk->inherent, *res = &risk->residual;
	const struct scale *ls = &criteria->likelihood;
	const struct scale *cs = &criteria->consequence;

	if (!rating_usable(in) || !rating_usable(res))
		return;

	if (res->likelihood > in->likelihood) {
		add_error(ctx, res->node, "risk-residual-above-inherent",
		    "residual likelihood '%s' is above the inherent "
		    "likelihood '%s'; a treatment cannot raise a risk",
		    scale_name(ls, res->likelihood),
		    scale_name(ls, in->likelihood));
		return;
	}
	if (res->consequence > in->consequence) {
		add_error(ctx, res->node, "risk-residual-above-inherent",
		    "residual consequence '%s' is above the inherent "
		    "consequence '%s'; a treatment cannot raise a risk",
		    scale_name(cs, res->consequence),
		    scale_name(cs, in->consequence));
		return;
	}

	if (res->likelihood == in->likelihood &&
	    res->consequence == in->consequence)
		return;
	if (risk->treatment_controls.count || risk->action_count)
		return;
	add_error(ctx, res->node, "risk-residual-without-treatment",
	    "residual rating is below the inherent rating, but no treatment "
	    "controls or actions lower it; add 'treatment.controls' or "
	    "'treatment.actions', or set the residual to the inherent rating");
}

static void
check_cia(const struct risk *risk, const struct schema_ctx *ctx,
    const struct ynode *front)
{
	const struct ynode *at;

	if (risk->scope != SCOPE_INFOSEC || risk->cia)
		return;
	at = ynode_get(front, "cia");
	if (!at)
		at = ynode_get_key(front, "id");
	if (!at)
		at = front;
	add_error(ctx, at, "risk-cia",
	    "information security risk names no 'cia' property; list what it "
	    "threatens (confidentiality, integrity, availability), or set "
	    "'scope: isms' for a risk to the ISMS itself");
}

int
risk_parse(struct risk *out, const struct ynode *front,
    const struct config *config, const struct schema_ctx *ctx)
{
	struct schema_ctx sub = sub_ctx(ctx, "risk");
	int status = RISK_IDENTIFIED, scope = SCOPE_INFOSEC;

	memset(out, 0, sizeof(*out));
	if (!schema_expect_map(ctx, front, "risk"))
		return -1;
	schema_check_keys(ctx, front, risk_keys, "risk");

	schema_get_string(&sub, front, "external_id", SCHEMA_OPTIONAL,
	    &out->external_id);
	if (schema_get_string(&sub, front, "owner", SCHEMA_REQUIRED,
	    &out->owner) == 1)
		out->owner_node = ynode_get(front, "owner");
	schema_get_enum(&sub, front, "status", SCHEMA_REQUIRED, status_names,
	    &status);
	out->status = status;
	schema_get_enum(&sub, front, "scope", SCHEMA_OPTIONAL, scope_names,
	    &scope);
	out->scope = scope;
	parse_cia(out, ctx, front);
	parse_ref_list(ctx, front, "assets", &out->assets);
	schema_get_string(&sub, front, "threat", SCHEMA_OPTIONAL, &out->threat);
	schema_get_string(&sub, front, "vulnerability", SCHEMA_OPTIONAL,
	    &out->vulnerability);
	parse_ref_list(ctx, front, "sources", &out->sources);

	parse_rating(&out->inherent, ctx, front, "inherent", config,
	    "inherent rating");
	parse_ref_list(ctx, front, "existing_controls",
	    &out->existing_controls);
	check_duplicate_controls(&out->existing_controls, "existing_controls",
	    ctx);
	parse_treatment(out, ctx, front);
	parse_rating(&out->residual, ctx, front, "residual", config,
	    "residual rating");
	parse_acceptance(out, ctx, front, config);
	parse_review(out, ctx, front);
	parse_loss(out, ctx, front);
	parse_ref_list(ctx, front, "objectives", &out->objectives);

	check_status(out, ctx, front);
	check_residual(out, ctx, &config->criteria);
	check_cia(out, ctx, front);
	return 0;
}

static void
rating_release(struct rating *rating)
{
	free(rating->consequences);
	rating->consequences = NULL;
	rating->consequence_count = 0;
}

static void
ref_list_release(struct ref_list *list)
{
	free(list->nodes);
	list->nodes = NULL;
	list->count = 0;
}

void
risk_release(struct risk *risk)
{
	if (!risk)
		return;
	ref_list_release(&risk->assets);
	ref_list_release(&risk->sources);
	ref_list_release(&risk->existing_controls);
	ref_list_release(&risk->treatment_controls);
	ref_list_release(&risk->acceptance.by);
	ref_list_release(&risk->objectives);
	rating_release(&risk->inherent);
	rating_release(&risk->residual);
	rating_release(&risk->acceptance.rating);
	free(risk->actions);
	risk->actions = NULL;
	risk->action_count = 0;
}
