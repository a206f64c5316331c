#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "acceptance_report.h"
#include "assess.h"
#include "buf.h"
#include "cmd.h"
#include "error.h"
#include "isms.h"
#include "msg.h"
#include "report_output.h"
#include "stamp.h"
#include "table.h"
#include "workspace.h"
#include "banned.h"

static const char acceptances_usage[] =
	"usage: isms acceptances [--staged | --rev REV]\n"
	"                        [--format table|markdown|csv|json]\n"
	"\n"
	"Prints every risk acceptance: the accepted rating and its level, the\n"
	"roles the level's 'accept' list requires beside the signers and the\n"
	"roles they hold, the date, 'until' and the effective expiry, and the\n"
	"status: valid, expired, stale, under-authorised, never-acceptable or\n"
	"incomplete.\n"
	"\n"
	"  --staged        read the records staged in the git index\n"
	"  --rev REV       read the records of a commit, tag or branch\n"
	"  --format FMT    table (default), markdown, csv or json\n";

struct acceptances_view {
	const struct isms *isms;
	const struct acceptance_report *report;
	const struct workspace *ws;
	int today;
};

static const char *
scale_name(const struct scale *scale, int position)
{
	if (position < 1 || (size_t)position > scale->count)
		return "?";
	return scale->entries[position - 1].name;
}

/* "unlikely x major": the rating that was accepted. */
static void
format_rating(struct buf *out, const struct isms *isms,
    const struct rating *rating)
{
	const struct criteria *criteria = &isms->config.criteria;

	if (!rating_usable(rating))
		return;
	buf_printf(out, "%s x %s",
	    scale_name(&criteria->likelihood, rating->likelihood),
	    scale_name(&criteria->consequence, rating->consequence));
}

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

static const char *
level_name(const struct acceptances_view *view,
    const struct acceptance_row *row)
{
	if (!row->judgement.judged)
		return "";
	return view->isms->config.criteria.levels[row->level].name;
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
build_table(struct table *t, const struct acceptances_view *view,
    const char *stamp)
{
	static const char *const columns[] = {
		"risk", "title", "owner", "accepted rating", "level",
		"required roles", "signed by", "missing roles", "date",
		"until", "expires", "status", "rationale", "conditions",
	};
	struct buf cell = BUF_INIT;
	char date[11];

	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		table_add_column(t, columns[i]);
	if (stamp)
		table_add_column(t, "stamp");

	for (size_t i = 0; i < view->report->count; i++) {
		const struct acceptance_row *row = &view->report->rows[i];
		const struct risk *risk = row->record->risk;
		const struct acceptance *acc = &risk->acceptance;
		const struct acceptance_judgement *j = &row->judgement;

		table_add_cell(t, row->record->id);
		table_add_cell(t, row->record->title);
		table_add_cell(t, risk->owner);

		buf_reset(&cell);
		format_rating(&cell, view->isms, &acc->rating);
		table_add_cell(t, cell.ptr);
		table_add_cell(t, level_name(view, row));

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
		if (stamp)
			table_add_cell(t, stamp);
	}
	buf_release(&cell);
}

/* "8 acceptances: 7 valid, 1 expired". */
static void
format_summary(struct buf *out, const struct acceptance_report *report)
{
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

static void
print_markdown(const struct acceptances_view *view)
{
	struct table t = TABLE_INIT;
	struct buf summary = BUF_INIT;

	report_print_markdown_header(stdout, "Risk acceptances", view->isms,
	    view->ws, view->today);
	format_summary(&summary, view->report);
	printf("\nEvery acceptance of a residual information security risk "
	    "recorded on a risk (ISO/IEC 27001:2022, 6.1.3 f), judged "
	    "against the risk acceptance criteria of isms.yaml. Each shows "
	    "the rating that was accepted and its level, the roles that "
	    "level's 'accept' list requires and the roles its signers hold, "
	    "and when it ends: on 'until' or 'acceptance_valid_for' after "
	    "its date, whichever comes first.\n\n");
	printf("Summary: %s.\n\n", summary.ptr);
	printf("Status: 'valid' is in force and signed by every required "
	    "role; 'expired' has ended; 'stale' was given at a rating the "
	    "risk no longer has; 'under-authorised' lacks a required role; "
	    "'never-acceptable' is of a level that says 'accept: never'; "
	    "'incomplete' has no usable date or rating.\n\n");
	build_table(&t, view, NULL);
	if (view->report->count)
		table_print(stdout, &t, TABLE_MARKDOWN);
	else
		printf("No risk carries an acceptance.\n");
	table_release(&t);
	buf_release(&summary);
}

static json_t *
row_json(const struct acceptances_view *view, const struct acceptance_row *row)
{
	const struct risk *risk = row->record->risk;
	const struct acceptance *acc = &risk->acceptance;
	const struct acceptance_judgement *j = &row->judgement;
	json_t *item, *signers = json_array(), *missing = json_array();
	struct buf text = BUF_INIT;
	char date[11], until[11], end[11];

	for (size_t i = 0; i < acc->by.count; i++)
		json_array_append_new(signers,
		    json_string(acc->by.nodes[i]->value));
	for (size_t i = 0; i < j->missing_roles.count; i++)
		json_array_append_new(missing,
		    json_string(j->missing_roles.items[i]));
	format_date(date, acc->has_date, acc->date);
	format_date(until, acc->has_until, acc->until);
	format_date(end, j->has_end, j->end);

	format_rating(&text, view->isms, &acc->rating);
	item = json_pack("{s:s, s:s, s:s, s:s?, s:s, s:s, s:o}",
	    "risk", row->record->id,
	    "title", row->record->title ? row->record->title : "",
	    "path", row->record->path,
	    "owner", risk->owner,
	    "accepted_rating", text.ptr,
	    "level", level_name(view, row),
	    "signed_by", signers);
	buf_reset(&text);
	format_required_roles(&text, view->isms, row);
	json_object_set_new(item, "required_roles", json_string(text.ptr));
	buf_reset(&text);
	acceptance_format_signers(&text, &view->isms->config, risk);
	json_object_set_new(item, "signers_roles", json_string(text.ptr));
	json_object_set_new(item, "missing_roles", missing);
	json_object_set_new(item, "date", date[0] ? json_string(date) :
	    json_null());
	json_object_set_new(item, "until", until[0] ? json_string(until) :
	    json_null());
	json_object_set_new(item, "expires", end[0] ? json_string(end) :
	    json_null());
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

static int
print_json(const struct acceptances_view *view)
{
	json_t *root = json_object();
	json_t *rows = json_array();

	json_object_set_new(root, "stamp", stamp_json(view->isms,
	    view->ws, view->today));
	for (size_t i = 0; i < view->report->count; i++)
		json_array_append_new(rows,
		    row_json(view, &view->report->rows[i]));
	json_object_set_new(root, "acceptances", rows);
	return report_print_json(root);
}

static int
print_acceptances(const struct acceptances_view *view,
    enum report_format format)
{
	struct table t = TABLE_INIT;
	struct buf stamp = BUF_INIT, summary = BUF_INIT;

	switch (format) {
	case REPORT_TABLE:
		build_table(&t, view, NULL);
		table_print(stdout, &t, TABLE_TEXT);
		format_summary(&summary, view->report);
		stamp_format(&stamp, view->isms, view->ws, view->today);
		printf("\n%s\n%s\n", summary.ptr, stamp.ptr);
		break;
	case REPORT_MARKDOWN:
		print_markdown(view);
		break;
	case REPORT_CSV:
		stamp_format(&stamp, view->isms, view->ws, view->today);
		build_table(&t, view, stamp.ptr);
		table_print(stdout, &t, TABLE_CSV);
		break;
	case REPORT_JSON:
		return print_json(view);
	}
	table_release(&t);
	buf_release(&stamp);
	buf_release(&summary);
	return 0;
}

int
cmd_acceptances(int argc, char **argv, const struct global_options *opts)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "rev", required_argument, NULL, 'r' },
		{ "staged", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct workspace ws = WORKSPACE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct isms isms = ISMS_INIT;
	struct assessment assessment = { NULL, 0, 0 };
	struct acceptance_report report = ACCEPTANCE_REPORT_INIT;
	struct acceptances_view view;
	enum report_format format = REPORT_TABLE;
	enum workspace_from from = FROM_WORKTREE;
	const char *rev = NULL;
	int staged = 0;
	int c, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			rc = report_parse_format(optarg, "acceptances",
			    &format);
			if (rc < 0)
				goto done;
			break;
		case 'h':
			fputs(acceptances_usage, stdout);
			rc = 0;
			goto done;
		case 'r':
			from = FROM_REV;
			rev = optarg;
			break;
		case 's':
			from = FROM_INDEX;
			staged = 1;
			break;
		default:
			rc = error_set(ISMS_EUSAGE, "invalid option for "
			    "acceptances; see 'isms acceptances --help'");
			goto done;
		}
	}
	if (optind < argc) {
		rc = error_set(ISMS_EUSAGE, "unexpected argument '%s' for "
		    "acceptances", argv[optind]);
		goto done;
	}
	if (rev && staged) {
		rc = error_set(ISMS_EUSAGE, "--staged and --rev cannot be "
		    "used together");
		goto done;
	}

	rc = workspace_open(&ws, from, rev);
	if (rc < 0)
		goto done;
	rc = isms_load(&isms, ws.source, &diags);
	if (rc < 0)
		goto done;
	if (!isms.config_ok || !isms.config.criteria_ok) {
		rc = error_set(ISMS_EFAIL, "the risk criteria in isms.yaml "
		    "are not usable, so no acceptance can be judged");
		error_set_hint("run 'isms check' to see what to fix");
		goto done;
	}
	/* Only for the findings, so the exit status agrees with check. */
	assess_risks(&assessment, &isms, opts->today, &diags);
	acceptance_report_build(&report, &isms, opts->today);

	view = (struct acceptances_view){ &isms, &report, &ws, opts->today };
	rc = print_acceptances(&view, format);
	if (rc < 0)
		goto done;

	/*
	 * The report is printed either way. The status is 1 when an
	 * acceptance is not valid, because check reports each such acceptance
	 * as an error. Other errors in the records also give 1.
	 */
	rc = 0;
	if (report.count != report.by_status[ACCEPTANCE_VALID] ||
	    diag_count(&diags, DIAG_ERROR))
		rc = 1;
	if (diag_count(&diags, DIAG_ERROR))
		msg_warning("the records have %zu error%s; run 'isms "
		    "check' to see them", diag_count(&diags, DIAG_ERROR),
		    diag_count(&diags, DIAG_ERROR) == 1 ? "" : "s");

done:
	assessment_release(&assessment);
	acceptance_report_release(&report);
	isms_release(&isms);
	diag_list_release(&diags);
	workspace_release(&ws);
	return rc;
}
