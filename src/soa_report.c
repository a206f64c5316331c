#include <stdlib.h>
#include <string.h>

#include "soa_report.h"
#include "xalloc.h"
#include "banned.h"

/* The row of the control with id `id`, or NULL. */
static struct soa_row *
find_row(struct soa_report *report, const char *id)
{
	for (size_t i = 0; i < report->count; i++) {
		const char *row_id = report->rows[i].control->id;

		if (row_id && strcmp(row_id, id) == 0)
			return &report->rows[i];
	}
	return NULL;
}

/* Appends `rec` unless it is already the last entry of the list. */
static void
link_record(const struct record ***list, size_t *count,
    const struct record *rec)
{
	if (*count && (*list)[*count - 1] == rec)
		return;
	*list = xrealloc(*list, (*count + 1) * sizeof(**list));
	(*list)[(*count)++] = rec;
}

static void
link_refs(struct soa_report *report, const struct ref_list *refs,
    const struct record *rec, int requirement)
{
	for (size_t i = 0; i < refs->count; i++) {
		struct soa_row *row = find_row(report, refs->nodes[i]->value);

		if (!row)
			continue;
		if (requirement)
			link_record(&row->requirements,
			    &row->requirement_count, rec);
		else
			link_record(&row->risks, &row->risk_count, rec);
	}
}

static void
count_row(struct soa_report *report, struct soa_row *row)
{
	const struct control *control = row->control;

	if (!control->applicable || control->status == CONTROL_NOT_APPLICABLE) {
		report->excluded++;
		return;
	}
	report->applicable++;
	if (control->status == CONTROL_IMPLEMENTED)
		report->implemented++;
	else
		report->planned++;
	row->unused = !row->risk_count && !row->requirement_count &&
	    !control->justification;
	if (row->unused)
		report->unused++;
}

void
soa_report_build(struct soa_report *out, const struct isms *isms)
{
	*out = (struct soa_report)SOA_REPORT_INIT;
	out->rows = xcalloc(isms->soa.count ? isms->soa.count : 1,
	    sizeof(*out->rows));
	for (size_t i = 0; i < isms->soa.count; i++)
		out->rows[out->count++].control = &isms->soa.controls[i];

	/*
	 * Records are visited in order and a record is linked at most once
	 * per control, because link_record() skips a repeat of the last one.
	 */
	for (size_t i = 0; i < isms->record_count; i++) {
		const struct record *rec = &isms->records[i];

		if (rec->risk && rec->risk->status != RISK_CLOSED) {
			link_refs(out, &rec->risk->existing_controls, rec, 0);
			link_refs(out, &rec->risk->treatment_controls, rec, 0);
		}
		if (rec->context && rec->kind == KIND_REQUIREMENT)
			link_refs(out, &rec->context->controls, rec, 1);
	}

	for (size_t i = 0; i < out->count; i++)
		count_row(out, &out->rows[i]);
}

void
soa_report_release(struct soa_report *report)
{
	for (size_t i = 0; i < report->count; i++) {
		free(report->rows[i].risks);
		free(report->rows[i].requirements);
	}
	free(report->rows);
	*report = (struct soa_report)SOA_REPORT_INIT;
}

void
soa_report_check_unused(const struct isms *isms, struct diag_list *diags)
{
	struct soa_report report = SOA_REPORT_INIT;

	if (!isms->soa.present)
		return;
	soa_report_build(&report, isms);
	for (size_t i = 0; i < report.count; i++) {
		const struct soa_row *row = &report.rows[i];
		const struct ynode *node = row->control->node;

		if (!row->unused)
			continue;
		diag_add(diags, DIAG_WARNING, SOA_PATH, node->line, node->col,
		    "soa-control-unused", "control '%s' is applicable, but no "
		    "risk or requirement names it and it has no "
		    "justification; name it where it is needed, justify it, "
		    "or exclude it", row->control->id ? row->control->id : "?");
	}
	soa_report_release(&report);
}
