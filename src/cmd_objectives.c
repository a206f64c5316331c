#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "cmd.h"
#include "isms.h"
#include "objective.h"
#include "report_cmd.h"
#include "table.h"
#include "xalloc.h"
#include "banned.h"

static const char objectives_usage[] =
	"usage: isms objectives [--staged | --rev REV]\n"
	"                       [--format table|markdown|csv|json]\n"
	"\n"
	"Prints every information security objective with its metric, the\n"
	"baseline, latest and target values, the progress toward the target,\n"
	"and its state as of today (on-track, at-risk, overdue, achieved,\n"
	"not-started, missed or withdrawn) with the reason for that state.\n"
	"\n"
	"  --staged        read the records staged in the git index\n"
	"  --rev REV       read the records of a commit, tag or branch\n"
	"  --format FMT    table (default), markdown, csv or json\n";

/* One objective and its computed state. */
struct objective_row {
	const struct record *record;
	struct objective_result result;
};

struct objectives_view {
	const struct isms *isms;
	struct objective_row *rows;
	size_t count;
	int today;
};

static int
compare_rows(const void *a, const void *b)
{
	const struct objective_row *x = a, *y = b;
	int c = strcmp(x->record->id ? x->record->id : "",
	    y->record->id ? y->record->id : "");

	return c ? c : strcmp(x->record->path, y->record->path);
}

/* Computes every objective as of `today`, ordered by id. */
static void
collect_rows(struct objectives_view *view)
{
	const struct isms *isms = view->isms;
	size_t n = 0;

	view->rows = xcalloc(isms->record_count ? isms->record_count : 1,
	    sizeof(*view->rows));
	for (size_t i = 0; i < isms->record_count; i++) {
		const struct record *rec = &isms->records[i];

		if (!rec->objective)
			continue;
		view->rows[n].record = rec;
		objective_compute(&view->rows[n].result, rec->objective,
		    view->today);
		n++;
	}
	view->count = n;
	qsort(view->rows, n, sizeof(*view->rows), compare_rows);
}

static json_t *
objective_json(const struct objective_row *row)
{
	const struct objective *obj = row->record->objective;
	const struct objective_result *r = &row->result;
	struct buf reason = BUF_INIT;
	json_t *item;
	char date[11];

	objective_format_reason(&reason, obj, r);
	item = json_pack("{s:s, s:o, s:s, s:o, s:s, s:b}",
	    "id", row->record->id ? row->record->id : "",
	    "title", report_json_string(row->record->title),
	    "path", row->record->path,
	    "owner", report_json_string(obj->owner),
	    "status", objective_status_name(obj->status),
	    "measurable", obj->measurable);
	json_object_set_new(item, "metric", report_json_string(obj->metric));
	json_object_set_new(item, "unit", report_json_string(obj->unit));
	json_object_set_new(item, "direction", obj->measurable ?
	    json_string(objective_direction_name(obj->direction)) :
	    json_null());
	json_object_set_new(item, "baseline", obj->baseline_text ?
	    json_real(obj->baseline) : json_null());
	json_object_set_new(item, "target", obj->target_text ?
	    json_real(obj->target) : json_null());
	if (r->has_latest) {
		date_format(r->latest_date, date);
		json_object_set_new(item, "latest", json_pack("{s:s, s:f}",
		    "date", date, "value", r->latest));
	} else {
		json_object_set_new(item, "latest", json_null());
	}
	json_object_set_new(item, "progress", r->has_progress ?
	    json_integer(r->progress) : json_null());
	json_object_set_new(item, "expected", r->has_expected ?
	    json_integer(r->expected) : json_null());
	json_object_set_new(item, "state",
	    json_string(objective_state_name(r->state)));
	json_object_set_new(item, "reason", json_string(reason.ptr));
	json_object_set_new(item, "due", report_json_date(obj->has_due,
	    obj->due));
	buf_release(&reason);
	return item;
}

static void
add_json(json_t *root, const void *data)
{
	const struct objectives_view *view = data;
	json_t *list = json_array();

	for (size_t i = 0; i < view->count; i++)
		json_array_append_new(list, objective_json(&view->rows[i]));
	json_object_set_new(root, "objectives", list);
}

/* "14 → 7.1 (2026-09-18) → 4 percent" */
static void
format_values(struct buf *out, const struct objective *obj,
    const struct objective_result *r)
{
	char date[11];

	if (!obj->measurable)
		return;
	buf_puts(out, obj->baseline_text ? obj->baseline_text : "?");
	if (r->has_latest) {
		date_format(r->latest_date, date);
		buf_printf(out, " → %s (%s)", r->latest_text, date);
	} else {
		buf_puts(out, " → none");
	}
	buf_printf(out, " → %s", obj->target_text ? obj->target_text : "?");
	if (obj->unit)
		buf_printf(out, " %s", obj->unit);
}

static void
build_table(struct table *t, const void *data)
{
	static const char *const columns[] = {
		"id", "title", "owner", "status", "metric",
		"baseline → latest → target", "progress", "state", "due",
		"reason",
	};
	const struct objectives_view *view = data;
	struct buf cell = BUF_INIT;
	char date[11];

	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		table_add_column(t, columns[i]);

	for (size_t i = 0; i < view->count; i++) {
		const struct objective_row *row = &view->rows[i];
		const struct objective *obj = row->record->objective;
		const struct objective_result *r = &row->result;

		table_add_cell(t, row->record->id);
		table_add_cell(t, row->record->title);
		table_add_cell(t, obj->owner);
		table_add_cell(t, objective_status_name(obj->status));
		table_add_cell(t, obj->measurable ? obj->metric :
		    "(not measurable)");

		buf_reset(&cell);
		format_values(&cell, obj, r);
		table_add_cell(t, cell.ptr);

		if (r->has_progress)
			table_add_cellf(t, "%d%%", r->progress);
		else
			table_add_cell(t, "");
		table_add_cell(t, objective_state_name(r->state));
		if (obj->has_due) {
			date_format(obj->due, date);
			table_add_cell(t, date);
		} else {
			table_add_cell(t, "");
		}

		buf_reset(&cell);
		objective_format_reason(&cell, obj, r);
		table_add_cell(t, cell.ptr);
	}
	buf_release(&cell);
}

static const struct report_forms objectives_forms = {
	.title = "Information security objectives",
	.build_table = build_table,
	.add_json = add_json,
};

int
cmd_objectives(int argc, char **argv, const struct global_options *opts)
{
	struct report_input in = REPORT_INPUT_INIT;
	struct objectives_view view = { NULL, NULL, 0, 0 };
	int rc;

	rc = report_input_parse(&in, argc, argv, "objectives", objectives_usage,
	    NULL);
	if (rc < 0 || in.options.help)
		goto done;

	rc = report_input_open(&in, opts->today, REPORT_NEEDS_RECORDS, NULL);
	if (rc < 0)
		goto done;

	view.isms = &in.isms;
	view.today = opts->today;
	collect_rows(&view);
	rc = report_input_print(&in, &objectives_forms, &view);

done:
	free(view.rows);
	report_input_release(&in);
	return rc;
}
