#include <stdio.h>

#include <jansson.h>

#include "buf.h"
#include "cmd.h"
#include "error.h"
#include "isms.h"
#include "report_cmd.h"
#include "soa_report.h"
#include "table.h"
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

static void
format_ids(struct buf *out, const struct record *const *records,
    size_t count)
{
	for (size_t i = 0; i < count; i++)
		buf_printf(out, "%s%s", i ? ", " : "", records[i]->id);
}

static void
build_table(struct table *t, const void *view)
{
	static const char *const columns[] = {
		"control", "title", "applicable", "status", "justification",
		"risks", "requirements", "flags",
	};
	const struct soa_report *report = view;
	struct buf cell = BUF_INIT;

	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		table_add_column(t, columns[i]);

	for (size_t i = 0; i < report->count; i++) {
		const struct soa_row *row = &report->rows[i];
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
	}
	buf_release(&cell);
}

static void
format_summary(struct buf *out, const void *view)
{
	const struct soa_report *report = view;

	buf_printf(out, "%zu controls: %zu applicable (%zu implemented, %zu "
	    "planned), %zu excluded; %zu applicable without a risk, "
	    "requirement or justification", report->count,
	    report->applicable, report->implemented, report->planned,
	    report->excluded, report->unused);
}

static json_t *
ids_json(const struct record *const *records, size_t count)
{
	json_t *list = json_array();

	for (size_t i = 0; i < count; i++)
		json_array_append_new(list, json_string(records[i]->id));
	return list;
}

static void
add_json(json_t *root, const void *view)
{
	const struct soa_report *report = view;
	json_t *rows = json_array();

	for (size_t i = 0; i < report->count; i++) {
		const struct soa_row *row = &report->rows[i];
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
}

static const struct report_forms soa_forms = {
	.title = "Statement of Applicability",
	.intro = "Every control of ISO/IEC 27001:2022 Annex A and every "
	    "control of the organisation's own, whether it is applicable and "
	    "why (6.1.3 d), and its implementation status. The risks and "
	    "requirements behind each control are read from the risk and "
	    "requirement records that name it; closed risks are left out.",
	.empty = "The Statement of Applicability lists no controls.",
	.build_table = build_table,
	.format_summary = format_summary,
	.add_json = add_json,
};

int
cmd_soa(int argc, char **argv, const struct global_options *opts)
{
	struct report_input in = REPORT_INPUT_INIT;
	struct soa_report report = SOA_REPORT_INIT;
	int rc;

	rc = report_input_parse(&in, argc, argv, "soa", soa_usage, NULL);
	if (rc < 0 || in.options.help)
		goto done;

	/* The risks are assessed only for the findings. */
	rc = report_input_open(&in, opts->today, REPORT_NEEDS_FINDINGS, NULL);
	if (rc < 0)
		goto done;
	if (!in.isms.soa.present) {
		rc = error_set(ISMS_ENOTFOUND, "no Statement of Applicability "
		    "in %s", in.isms.source_label);
		error_set_hint("write %s with every Annex A control",
		    SOA_PATH);
		goto done;
	}
	soa_report_build(&report, &in.isms);

	rc = report_input_print(&in, &soa_forms, &report);

done:
	soa_report_release(&report);
	report_input_release(&in);
	return rc;
}
