#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "assess.h"
#include "buf.h"
#include "cmd.h"
#include "error.h"
#include "isms.h"
#include "msg.h"
#include "report_output.h"
#include "stamp.h"
#include "soa_report.h"
#include "table.h"
#include "workspace.h"
#include "banned.h"

static const char soa_usage[] =
	"usage: isms soa [--staged | --rev REV]\n"
	"                [--format table|markdown|csv|json]\n"
	"\n"
	"Prints the Statement of Applicability: each control of\n"
	"controls/soa.yaml with its title, applicability, status and\n"
	"justification, the risks that name it in 'existing_controls' or\n"
	"'treatment.controls', and the requirements that name it in\n"
	"'controls'.\n"
	"\n"
	"  --staged        read the records staged in the git index\n"
	"  --rev REV       read the records of a commit, tag or branch\n"
	"  --format FMT    table (default), markdown, csv or json\n";

static const char *const status_names[] = {
	[CONTROL_PLANNED] = "planned",
	[CONTROL_IMPLEMENTED] = "implemented",
	[CONTROL_NOT_APPLICABLE] = "not-applicable",
};

struct soa_view {
	const struct isms *isms;
	const struct soa_report *report;
	const struct workspace *ws;
	int today;
};

static void
format_ids(struct buf *out, const struct record *const *records,
    size_t count)
{
	for (size_t i = 0; i < count; i++)
		buf_printf(out, "%s%s", i ? ", " : "", records[i]->id);
}

static void
build_table(struct table *t, const struct soa_view *view, const char *stamp)
{
	static const char *const columns[] = {
		"control", "title", "applicable", "status", "justification",
		"risks", "requirements", "flags",
	};
	struct buf cell = BUF_INIT;

	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		table_add_column(t, columns[i]);
	if (stamp)
		table_add_column(t, "stamp");

	for (size_t i = 0; i < view->report->count; i++) {
		const struct soa_row *row = &view->report->rows[i];
		const struct control *control = row->control;

		table_add_cell(t, control->id);
		table_add_cell(t, control->title);
		table_add_cell(t, control->applicable ? "yes" : "no");
		table_add_cell(t, status_names[control->status]);
		table_add_cell(t, control->justification);
		buf_reset(&cell);
		format_ids(&cell, row->risks, row->risk_count);
		table_add_cell(t, cell.ptr);
		buf_reset(&cell);
		format_ids(&cell, row->requirements, row->requirement_count);
		table_add_cell(t, cell.ptr);
		table_add_cell(t, row->unused ? "unused" : "");
		if (stamp)
			table_add_cell(t, stamp);
	}
	buf_release(&cell);
}

static void
format_summary(struct buf *out, const struct soa_report *report)
{
	buf_printf(out, "%zu controls: %zu applicable (%zu implemented, %zu "
	    "planned), %zu excluded; %zu applicable without a risk, "
	    "requirement or justification", report->count,
	    report->applicable, report->implemented, report->planned,
	    report->excluded, report->unused);
}

static void
print_markdown(const struct soa_view *view)
{
	struct table t = TABLE_INIT;
	struct buf summary = BUF_INIT;

	report_print_markdown_header(stdout, "Statement of Applicability",
	    view->isms, view->ws, view->today);
	format_summary(&summary, view->report);
	printf("\nEvery control of ISO/IEC 27001:2022 Annex A and every "
	    "control of the organisation's own, whether it is applicable and "
	    "why (6.1.3 d), and its implementation status. The risks and "
	    "requirements behind each control are read from the risk and "
	    "requirement records that name it; closed risks are left "
	    "out.\n\n");
	printf("Summary: %s.\n\n", summary.ptr);
	build_table(&t, view, NULL);
	if (view->report->count)
		table_print(stdout, &t, TABLE_MARKDOWN);
	else
		printf("The Statement of Applicability lists no controls.\n");
	table_release(&t);
	buf_release(&summary);
}

static json_t *
ids_json(const struct record *const *records, size_t count)
{
	json_t *list = json_array();

	for (size_t i = 0; i < count; i++)
		json_array_append_new(list, json_string(records[i]->id));
	return list;
}

static int
print_json(const struct soa_view *view)
{
	json_t *root = json_object();
	json_t *rows = json_array();

	json_object_set_new(root, "stamp", stamp_json(view->isms,
	    view->ws, view->today));
	for (size_t i = 0; i < view->report->count; i++) {
		const struct soa_row *row = &view->report->rows[i];
		const struct control *control = row->control;

		json_array_append_new(rows, json_pack(
		    "{s:s?, s:s?, s:b, s:s, s:s?, s:o, s:o, s:b}",
		    "id", control->id,
		    "title", control->title,
		    "applicable", control->applicable,
		    "status", status_names[control->status],
		    "justification", control->justification,
		    "risks", ids_json(row->risks, row->risk_count),
		    "requirements", ids_json(row->requirements,
		    row->requirement_count),
		    "unused", row->unused));
	}
	json_object_set_new(root, "controls", rows);
	return report_print_json(root);
}

static int
print_soa(const struct soa_view *view, enum report_format format)
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
cmd_soa(int argc, char **argv, const struct global_options *opts)
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
	struct soa_report report = SOA_REPORT_INIT;
	struct soa_view view;
	enum report_format format = REPORT_TABLE;
	enum workspace_from from = FROM_WORKTREE;
	const char *rev = NULL;
	int staged = 0;
	int c, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			rc = report_parse_format(optarg, "soa", &format);
			if (rc < 0)
				goto done;
			break;
		case 'h':
			fputs(soa_usage, stdout);
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
			rc = error_set(ISMS_EUSAGE, "invalid option for soa; "
			    "see 'isms soa --help'");
			goto done;
		}
	}
	if (optind < argc) {
		rc = error_set(ISMS_EUSAGE, "unexpected argument '%s' for soa",
		    argv[optind]);
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
	if (!isms.soa.present) {
		rc = error_set(ISMS_ENOTFOUND, "no Statement of Applicability "
		    "in %s", isms.source_label);
		error_set_hint("write %s with every Annex A control",
		    SOA_PATH);
		goto done;
	}
	/* Only for the findings, so the exit status agrees with check. */
	assess_risks(&assessment, &isms, opts->today, &diags);
	soa_report_build(&report, &isms);

	view = (struct soa_view){ &isms, &report, &ws, opts->today };
	rc = print_soa(&view, format);
	if (rc < 0)
		goto done;

	/*
	 * The report is printed either way. Exit status 1 marks a report that
	 * rests on records with errors.
	 */
	rc = 0;
	if (diag_count(&diags, DIAG_ERROR)) {
		msg_warning("the records have %zu error%s; run 'isms "
		    "check' to see them", diag_count(&diags, DIAG_ERROR),
		    diag_count(&diags, DIAG_ERROR) == 1 ? "" : "s");
		rc = 1;
	}

done:
	assessment_release(&assessment);
	soa_report_release(&report);
	isms_release(&isms);
	diag_list_release(&diags);
	workspace_release(&ws);
	return rc;
}
