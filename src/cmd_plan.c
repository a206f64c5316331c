#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "cmd.h"
#include "isms.h"
#include "report_cmd.h"
#include "stamp.h"
#include "table.h"
#include "treatment_plan.h"
#include "banned.h"

static const char plan_usage[] =
	"usage: isms plan [--staged | --rev REV]\n"
	"                 [--format table|markdown|csv|json]\n"
	"\n"
	"Prints the risk treatment plan: every treatment action of every risk\n"
	"that is not closed, grouped by action owner and ordered by due date,\n"
	"with the risk's current level, evaluation and treatment option, the\n"
	"flags 'overdue' and 'stalled', whether the risk owner approved each\n"
	"risk's plan, and whether a retained risk's acceptance still covers\n"
	"it.\n"
	"\n"
	"  --staged        read the records staged in the git index\n"
	"  --rev REV       read the records of a commit, tag or branch\n"
	"  --format FMT    table (default), markdown, csv or json\n";

struct plan_view {
	const struct isms *isms;
	const struct plan *plan;
	const struct workspace *ws;
	int today;
};

static const char *
level_name(const struct isms *isms, size_t level)
{
	return isms->config.criteria.levels[level].name;
}

static const struct record *
item_record(const struct plan_view *view, const struct plan_item *item)
{
	return view->plan->risks[item->risk].result->record;
}

static const char *
current_level(const struct plan_view *view, const struct risk_result *r)
{
	return r->assessed ? level_name(view->isms, r->current_level) : "";
}

static const char *
evaluation(const struct risk_result *r)
{
	return r->assessed ? evaluation_name(r->evaluation) : "not assessed";
}

static const char *
option_name(const struct risk *risk)
{
	return risk->has_treatment ? treatment_option_name(risk->option) : "";
}

/* "8.13, 8.24": the controls the treatment names. */
static void
format_controls(struct buf *out, const struct risk *risk)
{
	const struct ref_list *controls = &risk->treatment_controls;

	for (size_t i = 0; i < controls->count; i++)
		buf_printf(out, "%s%s", i ? ", " : "",
		    controls->nodes[i]->value);
}

/* "overdue, stalled, plan not approved, acceptance expired". */
static void
format_flags(struct buf *out, const struct plan_view *view,
    const struct plan_item *item)
{
	const struct plan_risk *pr = &view->plan->risks[item->risk];
	const char *flags[4];
	size_t n = 0;

	if (item->overdue)
		flags[n++] = "overdue";
	if (item->stalled)
		flags[n++] = "stalled";
	if (pr->approval != PLAN_APPROVED)
		flags[n++] = plan_approval_name(pr->approval);
	if (pr->acceptance != PLAN_ACCEPTANCE_OK)
		flags[n++] = plan_acceptance_flag(pr->acceptance);
	for (size_t i = 0; i < n; i++)
		buf_printf(out, "%s%s", i ? ", " : "", flags[i]);
}

static void
format_due(char out[11], const struct plan_item *item)
{
	out[0] = '\0';
	if (item->action && item->action->has_due)
		date_format(item->action->due, out);
}

/* The action columns of one item, from "due" on. */
static void
add_action_cells(struct table *t, const struct plan_view *view,
    const struct plan_item *item)
{
	const struct record *rec = item_record(view, item);
	const struct risk_result *r = view->plan->risks[item->risk].result;
	const struct action *action = item->action;
	struct buf flags = BUF_INIT;
	char due[11];

	format_due(due, item);
	format_flags(&flags, view, item);
	table_add_cell(t, due);
	table_add_cell(t, rec->id);
	table_add_cell(t, current_level(view, r));
	table_add_cell(t, evaluation(r));
	table_add_cell(t, option_name(rec->risk));
	table_add_cell(t, action ? action->id : NULL);
	table_add_cell(t, action ? action->text : NULL);
	table_add_cell(t, action ? action_status_name(action->status) : NULL);
	table_add_cell(t, action ? action->evidence : NULL);
	table_add_cell(t, flags.ptr);
	buf_release(&flags);
}

static void
add_action_columns(struct table *t)
{
	static const char *const columns[] = {
		"due", "risk", "level", "evaluation", "option", "action",
		"text", "status", "evidence", "flags",
	};

	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		table_add_column(t, columns[i]);
}

/* Every item in plan order, with its owner in the first column. */
static void
build_action_table(struct table *t, const void *data)
{
	const struct plan_view *view = data;

	table_add_column(t, "owner");
	add_action_columns(t);
	for (size_t i = 0; i < view->plan->item_count; i++) {
		const struct plan_item *item = &view->plan->items[i];

		table_add_cell(t, item->owner);
		add_action_cells(t, view, item);
	}
}

/* One row per risk in the plan: its treatment and the plan's approval. */
static void
build_risk_table(struct table *t, const struct plan_view *view)
{
	static const char *const columns[] = {
		"risk", "title", "owner", "level", "evaluation", "option",
		"controls", "expected residual", "actions", "plan approved by",
		"approved on", "approval",
	};
	const struct isms *isms = view->isms;
	struct buf cell = BUF_INIT;
	char date[11];

	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		table_add_column(t, columns[i]);

	for (size_t i = 0; i < view->plan->risk_count; i++) {
		const struct plan_risk *pr = &view->plan->risks[i];
		const struct risk_result *r = pr->result;
		const struct risk *risk = r->record->risk;

		table_add_cell(t, r->record->id);
		table_add_cell(t, r->record->title);
		table_add_cell(t, risk->owner);
		table_add_cell(t, current_level(view, r));
		table_add_cell(t, evaluation(r));
		table_add_cell(t, option_name(risk));

		buf_reset(&cell);
		format_controls(&cell, risk);
		table_add_cell(t, cell.ptr);
		table_add_cell(t, r->has_residual ?
		    level_name(isms, r->residual_level) : "");

		buf_reset(&cell);
		buf_printf(&cell, "%zu", pr->action_count);
		if (pr->overdue)
			buf_printf(&cell, ", %zu overdue", pr->overdue);
		if (pr->stalled)
			buf_printf(&cell, ", %zu stalled", pr->stalled);
		table_add_cell(t, cell.ptr);

		table_add_cell(t, risk->plan_approved_by);
		date[0] = '\0';
		if (risk->has_plan_approved_on)
			date_format(risk->plan_approved_on, date);
		table_add_cell(t, date);
		buf_reset(&cell);
		buf_puts(&cell, plan_approval_name(pr->approval));
		if (pr->acceptance != PLAN_ACCEPTANCE_OK)
			buf_printf(&cell, "; %s",
			    plan_acceptance_flag(pr->acceptance));
		table_add_cell(t, cell.ptr);
	}
	buf_release(&cell);
}

static void
format_summary(struct buf *out, const struct plan *plan)
{
	buf_printf(out, "%zu risk%s in the plan, %zu action%s: %zu overdue, "
	    "%zu stalled; %zu risk%s without an approved plan",
	    plan->risk_count, plan->risk_count == 1 ? "" : "s",
	    plan->action_count, plan->action_count == 1 ? "" : "s",
	    plan->overdue, plan->stalled, plan->not_approved,
	    plan->not_approved == 1 ? "" : "s");
	if (plan->not_accepted)
		buf_printf(out, "; %zu retained risk%s without a valid "
		    "acceptance", plan->not_accepted,
		    plan->not_accepted == 1 ? "" : "s");
}

static void
print_markdown_owner(const struct plan_view *view, size_t first, size_t end)
{
	struct table t = TABLE_INIT;
	struct buf heading = BUF_INIT;
	const char *owner = view->plan->items[first].owner;

	if (owner)
		report_format_person(&heading, &view->isms->config, owner);
	else
		buf_puts(&heading, "No owner");
	printf("\n### %s\n\n", heading.ptr);

	add_action_columns(&t);
	for (size_t i = first; i < end; i++)
		add_action_cells(&t, view, &view->plan->items[i]);
	table_print(stdout, &t, TABLE_MARKDOWN);
	table_release(&t);
	buf_release(&heading);
}

static int
same_owner(const char *a, const char *b)
{
	if (a && b)
		return strcmp(a, b) == 0;
	return !a && !b;
}

static void
print_markdown(const void *data)
{
	const struct plan_view *view = data;
	struct table risks = TABLE_INIT;
	struct buf summary = BUF_INIT;
	const struct plan *plan = view->plan;
	char days[16];

	report_print_markdown_header(stdout, "Risk treatment plan",
	    view->isms, view->ws, view->today);
	format_summary(&summary, plan);
	snprintf(days, sizeof(days), "%d", PLAN_STALL_DAYS);

	printf("\nThe treatment of every information security risk that is "
	    "not closed (ISO/IEC 27001:2022, 6.1.3 e), built from the risk "
	    "records. Each risk shows its current level and evaluation "
	    "against the risk acceptance criteria, the treatment option, the "
	    "controls of the Statement of Applicability it relies on, the "
	    "residual level expected once the treatment is done, and whether "
	    "the risk owner approved the plan (6.1.3 f). The acceptance of "
	    "residual risks is listed by 'isms acceptances'.\n\n");
	printf("Summary: %s.\n", summary.ptr);

	printf("\n## Plan approval by risk\n\n");
	printf("A plan is approved when 'plan_approved_by' names the risk "
	    "owner or a person with the %s role, and "
	    "'plan_approved_on' is set.\n\n", ROLE_RISK_APPROVER);
	build_risk_table(&risks, view);
	table_print(stdout, &risks, TABLE_MARKDOWN);

	printf("\n## Actions by owner\n\n");
	printf("Flags: 'overdue' is an action not done after its due date; "
	    "'stalled' is an action still 'planned' (not started) %s days "
	    "or less before its due date, or after it. A retained risk "
	    "that still needs an acceptance is flagged 'no acceptance', "
	    "'acceptance expired', 'acceptance not valid' or 'acceptance of "
	    "another rating'.\n", days);
	for (size_t first = 0; first < plan->item_count;) {
		size_t end = first + 1;

		while (end < plan->item_count &&
		    same_owner(plan->items[end].owner,
		    plan->items[first].owner))
			end++;
		print_markdown_owner(view, first, end);
		first = end;
	}
	if (!plan->item_count)
		printf("\nNo risk needs treatment.\n");

	table_release(&risks);
	buf_release(&summary);
}

static void
print_text(const void *data)
{
	const struct plan_view *view = data;
	struct table risks = TABLE_INIT, actions = TABLE_INIT;
	struct buf summary = BUF_INIT, stamp = BUF_INIT;

	build_risk_table(&risks, view);
	build_action_table(&actions, view);
	format_summary(&summary, view->plan);
	stamp_format(&stamp, view->isms, view->ws, view->today);

	printf("Risk treatment plan: %s\n\n", view->isms->config.organisation ?
	    view->isms->config.organisation : "");
	table_print(stdout, &risks, TABLE_TEXT);
	printf("\n");
	table_print(stdout, &actions, TABLE_TEXT);
	printf("\n%s\n%s\n", summary.ptr, stamp.ptr);

	table_release(&risks);
	table_release(&actions);
	buf_release(&summary);
	buf_release(&stamp);
}

static json_t *
risk_json(const struct plan_view *view, const struct plan_risk *pr)
{
	const struct risk_result *r = pr->result;
	const struct risk *risk = r->record->risk;
	json_t *item, *controls = json_array();
	char date[11];

	for (size_t i = 0; i < risk->treatment_controls.count; i++)
		json_array_append_new(controls, json_string(
		    risk->treatment_controls.nodes[i]->value));

	item = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o}",
	    "id", r->record->id,
	    "title", r->record->title ? r->record->title : "",
	    "path", r->record->path,
	    "owner", risk->owner ? risk->owner : "",
	    "level", current_level(view, r),
	    "evaluation", evaluation(r),
	    "controls", controls);
	json_object_set_new(item, "option", risk->has_treatment ?
	    json_string(option_name(risk)) : json_null());
	json_object_set_new(item, "expected_residual_level", r->has_residual ?
	    json_string(level_name(view->isms, r->residual_level)) :
	    json_null());
	json_object_set_new(item, "plan_approved_by", risk->plan_approved_by ?
	    json_string(risk->plan_approved_by) : json_null());
	if (risk->has_plan_approved_on) {
		date_format(risk->plan_approved_on, date);
		json_object_set_new(item, "plan_approved_on",
		    json_string(date));
	} else {
		json_object_set_new(item, "plan_approved_on", json_null());
	}
	json_object_set_new(item, "approval",
	    json_string(plan_approval_name(pr->approval)));
	json_object_set_new(item, "plan_approved",
	    json_boolean(pr->approval == PLAN_APPROVED));
	json_object_set_new(item, "acceptance", pr->acceptance ==
	    PLAN_ACCEPTANCE_OK ? json_null() :
	    json_string(plan_acceptance_flag(pr->acceptance)));
	json_object_set_new(item, "actions",
	    json_integer((json_int_t)pr->action_count));
	json_object_set_new(item, "overdue_actions",
	    json_integer((json_int_t)pr->overdue));
	json_object_set_new(item, "stalled_actions",
	    json_integer((json_int_t)pr->stalled));
	return item;
}

static json_t *
item_json(const struct plan_view *view, const struct plan_item *item)
{
	const struct action *action = item->action;
	json_t *out;
	char due[11];

	format_due(due, item);
	out = json_pack("{s:s?, s:s, s:s?, s:s?, s:s?, s:s?, s:s?}",
	    "owner", item->owner,
	    "risk", item_record(view, item)->id,
	    "action", action ? action->id : NULL,
	    "text", action ? action->text : NULL,
	    "status", action ? action_status_name(action->status) : NULL,
	    "evidence", action ? action->evidence : NULL,
	    "due", due[0] ? due : NULL);
	json_object_set_new(out, "overdue", json_boolean(item->overdue));
	json_object_set_new(out, "stalled", json_boolean(item->stalled));
	return out;
}

static void
add_json(json_t *root, const void *data)
{
	const struct plan_view *view = data;
	const struct plan *plan = view->plan;
	json_t *risks = json_array(), *items = json_array();

	json_object_set_new(root, "summary", json_pack(
	    "{s:I, s:I, s:I, s:I, s:I, s:I}",
	    "risks", (json_int_t)plan->risk_count,
	    "actions", (json_int_t)plan->action_count,
	    "overdue", (json_int_t)plan->overdue,
	    "stalled", (json_int_t)plan->stalled,
	    "not_approved", (json_int_t)plan->not_approved,
	    "not_accepted", (json_int_t)plan->not_accepted));
	for (size_t i = 0; i < plan->risk_count; i++)
		json_array_append_new(risks, risk_json(view, &plan->risks[i]));
	for (size_t i = 0; i < plan->item_count; i++)
		json_array_append_new(items, item_json(view, &plan->items[i]));
	json_object_set_new(root, "risks", risks);
	json_object_set_new(root, "actions", items);
}

/* The text and Markdown forms are the plan's own; CSV lists the actions. */
static const struct report_forms plan_forms = {
	.build_table = build_action_table,
	.add_json = add_json,
	.print_text = print_text,
	.print_markdown = print_markdown,
};

int
cmd_plan(int argc, char **argv, const struct global_options *opts)
{
	struct report_input in = REPORT_INPUT_INIT;
	struct plan plan = PLAN_INIT;
	struct plan_view view;
	int rc;

	rc = report_input_parse(&in, argc, argv, "plan", plan_usage, NULL);
	if (rc < 0 || in.options.help)
		goto done;

	rc = report_input_open(&in, opts->today, REPORT_NEEDS_LEVELS,
	    "no level can be computed");
	if (rc < 0)
		goto done;
	plan_build(&plan, &in.isms, &in.assessment, opts->today);

	view = (struct plan_view){ &in.isms, &plan, &in.ws, opts->today };
	rc = report_input_print(&in, &plan_forms, &view);

done:
	plan_release(&plan);
	report_input_release(&in);
	return rc;
}
