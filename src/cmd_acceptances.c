#include <stdio.h>

#include <jansson.h>

#include "acceptance_report.h"
#include "buf.h"
#include "cmd.h"
#include "isms.h"
#include "report_cmd.h"
#include "table.h"
#include "banned.h"

static const char acceptances_usage[] =
	"usage: isms acceptances [--staged | --rev REV]\n"
	"                        [--format table|markdown|csv|json]\n"
	"\n"
	"Prints every risk acceptance: the accepted rating, the level of the\n"
	"risk's present rating (and of the accepted one when it differs), the\n"
	"roles that level's 'accept' list requires beside the signers and the\n"
	"roles they hold, the date, 'until' and the effective expiry, and the\n"
	"status: valid, expired, stale, under-authorised, future-dated,\n"
	"until-before-date, never-acceptable or incomplete.\n"
	"\n"
	"  --staged        read the records staged in the git index\n"
	"  --rev REV       read the records of a commit, tag or branch\n"
	"  --format FMT    table (default), markdown, csv or json\n";

struct acceptances_view {
	const struct isms *isms;
	const struct acceptance_report *report;
};

static void
format_required_roles(struct buf *out, const struct isms *isms,
    const struct acceptance_row *row)
{
	const struct level *level;
	const char *const *roles;
	size_t count;

	if (!row->judgement.judged)
		return;
	level = &isms->config.criteria.levels[row->level];
	if (level->accept_never) {
		buf_puts(out, "never");
		return;
	}
	acceptance_required_roles(level, &roles, &count);
	for (size_t i = 0; i < count; i++)
		buf_printf(out, "%s%s", i ? ", " : "", roles[i]);
}

static void
format_missing_roles(struct buf *out, const struct acceptance_row *row)
{
	const struct strvec *missing = &row->judgement.missing_roles;

	for (size_t i = 0; i < missing->count; i++)
		buf_printf(out, "%s%s", i ? ", " : "", missing->items[i]);
}

static const char *
status_name(const struct acceptance_row *row)
{
	if (!row->judgement.judged)
		return "not judged";
	return acceptance_status_name(row->judgement.status);
}


/* Writes the date `days` into out, or "" when `present` is 0. */
static void
format_date(char out[11], int present, int days)
{
	out[0] = '\0';
	if (present)
		date_format(days, out);
}

static void
build_table(struct table *t, const void *data)
{
	static const char *const columns[] = {
		"risk", "title", "owner", "accepted rating", "level",
		"required roles", "signed by", "missing roles", "date",
		"until", "expires", "status", "rationale", "conditions",
	};
	const struct acceptances_view *view = data;
	struct buf cell = BUF_INIT;
	char date[11];

	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		table_add_column(t, columns[i]);

	for (size_t i = 0; i < view->report->count; i++) {
		const struct acceptance_row *row = &view->report->rows[i];
		const struct risk *risk = row->record->risk;
		const struct acceptance *acc = &risk->acceptance;
		const struct acceptance_judgement *j = &row->judgement;

		table_add_cell(t, row->record->id);
		table_add_cell(t, row->record->title);
		table_add_cell(t, risk->owner);

		buf_reset(&cell);
		report_format_rating(&cell, &view->isms->config.criteria,
		    &acc->rating);
		table_add_cell(t, cell.ptr);
		buf_reset(&cell);
		acceptance_format_level(&cell, &view->isms->config.criteria,
		    row);
		table_add_cell(t, cell.ptr);

		buf_reset(&cell);
		format_required_roles(&cell, view->isms, row);
		table_add_cell(t, cell.ptr);
		buf_reset(&cell);
		acceptance_format_signers(&cell, &view->isms->config, risk);
		table_add_cell(t, cell.ptr);
		buf_reset(&cell);
		format_missing_roles(&cell, row);
		table_add_cell(t, cell.ptr);

		format_date(date, acc->has_date, acc->date);
		table_add_cell(t, date);
		format_date(date, acc->has_until, acc->until);
		table_add_cell(t, date);
		format_date(date, j->has_end, j->end);
		table_add_cell(t, date);

		table_add_cell(t, status_name(row));
		table_add_cell(t, acc->rationale);
		table_add_cell(t, acc->conditions);
	}
	buf_release(&cell);
}

/* "8 acceptances: 7 valid, 1 expired". */
static void
format_summary(struct buf *out, const void *data)
{
	const struct acceptances_view *view = data;
	const struct acceptance_report *report = view->report;
	size_t parts = 0;

	buf_printf(out, "%zu acceptance%s", report->count,
	    report->count == 1 ? "" : "s");
	for (int s = ACCEPTANCE_VALID; s >= 0; s--) {
		if (!report->by_status[s])
			continue;
		buf_printf(out, "%s%zu %s", parts++ ? ", " : ": ",
		    report->by_status[s],
		    acceptance_status_name((enum acceptance_status)s));
	}
	if (report->unjudged)
		buf_printf(out, "%s%zu not judged", parts ? ", " : ": ",
		    report->unjudged);
}

static json_t *
row_json(const struct acceptances_view *view, const struct acceptance_row *row)
{
	const struct risk *risk = row->record->risk;
	const struct acceptance *acc = &risk->acceptance;
	const struct acceptance_judgement *j = &row->judgement;
	const struct level *levels = view->isms->config.criteria.levels;
	json_t *item, *signers = json_array(), *missing = json_array();
	struct buf text = BUF_INIT;

	for (size_t i = 0; i < acc->by.count; i++)
		json_array_append_new(signers,
		    json_string(acc->by.nodes[i]->value));
	for (size_t i = 0; i < j->missing_roles.count; i++)
		json_array_append_new(missing,
		    json_string(j->missing_roles.items[i]));
	report_format_rating(&text, &view->isms->config.criteria,
	    &acc->rating);
	item = json_pack("{s:s, s:s, s:s, s:s?, s:s, s:s, s:s?, s:o}",
	    "risk", row->record->id,
	    "title", row->record->title ? row->record->title : "",
	    "path", row->record->path,
	    "owner", risk->owner,
	    "accepted_rating", text.ptr,
	    "level", j->judged ? levels[row->level].name : "",
	    "accepted_level", j->has_accepted_level ?
	    levels[j->accepted_level].name : NULL,
	    "signed_by", signers);
	buf_reset(&text);
	format_required_roles(&text, view->isms, row);
	json_object_set_new(item, "required_roles", json_string(text.ptr));
	buf_reset(&text);
	acceptance_format_signers(&text, &view->isms->config, risk);
	json_object_set_new(item, "signers_roles", json_string(text.ptr));
	json_object_set_new(item, "missing_roles", missing);
	json_object_set_new(item, "date", report_json_date(acc->has_date,
	    acc->date));
	json_object_set_new(item, "until", report_json_date(acc->has_until,
	    acc->until));
	json_object_set_new(item, "expires", report_json_date(j->has_end,
	    j->end));
	json_object_set_new(item, "status", json_string(status_name(row)));
	json_object_set_new(item, "stale", json_boolean(j->stale));
	json_object_set_new(item, "expired", json_boolean(j->expired));
	json_object_set_new(item, "too_long", json_boolean(j->too_long));
	json_object_set_new(item, "authorised", json_boolean(j->authorised));
	json_object_set_new(item, "rationale", acc->rationale ?
	    json_string(acc->rationale) : json_null());
	json_object_set_new(item, "conditions", acc->conditions ?
	    json_string(acc->conditions) : json_null());
	buf_release(&text);
	return item;
}

static void
add_json(json_t *root, const void *data)
{
	const struct acceptances_view *view = data;
	json_t *rows = json_array();

	for (size_t i = 0; i < view->report->count; i++)
		json_array_append_new(rows,
		    row_json(view, &view->report->rows[i]));
	json_object_set_new(root, "acceptances", rows);
}

static const struct report_forms acceptances_forms = {
	.title = "Risk acceptances",
	.intro = "Every acceptance of a residual information security risk "
	    "recorded on a risk (ISO/IEC 27001:2022, 6.1.3 f), judged "
	    "against the risk acceptance criteria of isms.yaml. Each shows "
	    "the rating that was accepted, the level of the risk's present "
	    "rating (with the level of the accepted rating in brackets when "
	    "it differs), the roles that level's 'accept' list requires and "
	    "the roles its signers hold, and when it ends: on 'until' or "
	    "'acceptance_valid_for' after its date, whichever comes first.",
	.notes = "Status: 'valid' is in force and signed by every required "
	    "role; 'expired' has ended; 'stale' was given at a rating the "
	    "risk no longer has; 'under-authorised' lacks a required role; "
	    "'future-dated' is dated after today; 'until-before-date' has "
	    "an 'until' before its date; 'never-acceptable' is of a level "
	    "that says 'accept: never'; 'incomplete' has no usable date or "
	    "rating.",
	.empty = "No risk carries an acceptance.",
	.build_table = build_table,
	.format_summary = format_summary,
	.add_json = add_json,
};

int
cmd_acceptances(int argc, char **argv, const struct global_options *opts)
{
	struct report_input in = REPORT_INPUT_INIT;
	struct acceptance_report report = ACCEPTANCE_REPORT_INIT;
	struct acceptances_view view;
	int rc;

	rc = report_input_parse(&in, argc, argv, "acceptances",
	    acceptances_usage, NULL);
	if (rc < 0 || in.options.help)
		goto done;

	/* The risks are assessed only for the findings. */
	rc = report_input_open(&in, opts->today, REPORT_NEEDS_LEVELS,
	    "no acceptance can be judged");
	if (rc < 0)
		goto done;
	acceptance_report_build(&report, &in.isms, opts->today);

	view = (struct acceptances_view){ &in.isms, &report };
	rc = report_input_print(&in, &acceptances_forms, &view);
	if (rc < 0)
		goto done;

	/*
	 * The status is 1 also when an acceptance is not valid, because check
	 * reports each such acceptance as an error.
	 */
	if (report.count != report.by_status[ACCEPTANCE_VALID])
		rc = 1;

done:
	acceptance_report_release(&report);
	report_input_release(&in);
	return rc;
}
