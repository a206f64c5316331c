#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "cmd.h"
#include "error.h"
#include "isms.h"
#include "msg.h"
#include "objective.h"
#include "report_output.h"
#include "stamp.h"
#include "table.h"
#include "workspace.h"
#include "xalloc.h"
#include "banned.h"

static const char objectives_usage[] =
	"usage: isms objectives [--staged | --rev REV]\n"
	"                       [--format table|markdown|csv|json]\n"
	"\n"
	"Prints every information security objective with its metric, the\n"
	"baseline, latest and target values, the progress toward the target,\n"
	"and its state as of today (on-track, at-risk, overdue or achieved)\n"
	"with the reason for that state.\n"
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
	const struct workspace *ws;
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
build_table(struct table *t, const struct objectives_view *view,
    int stamp_column)
{
	static const char *const columns[] = {
		"id", "title", "owner", "status", "metric",
		"baseline → latest → target", "progress", "state", "due",
		"reason",
	};
	struct buf cell = BUF_INIT;
	struct buf stamp = BUF_INIT;
	char date[11];

	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		table_add_column(t, columns[i]);
	if (stamp_column) {
		table_add_column(t, "stamp");
		stamp_format(&stamp, view->isms, view->ws, view->today);
	}

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
		if (stamp_column)
			table_add_cell(t, stamp.ptr);
	}
	buf_release(&cell);
	buf_release(&stamp);
}

/* A JSON string, or null for NULL. */
static json_t *
string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
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
	    "title", string_or_null(row->record->title),
	    "path", row->record->path,
	    "owner", string_or_null(obj->owner),
	    "status", objective_status_name(obj->status),
	    "measurable", obj->measurable);
	json_object_set_new(item, "metric", string_or_null(obj->metric));
	json_object_set_new(item, "unit", string_or_null(obj->unit));
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
	if (obj->has_due) {
		date_format(obj->due, date);
		json_object_set_new(item, "due", json_string(date));
	} else {
		json_object_set_new(item, "due", json_null());
	}
	buf_release(&reason);
	return item;
}

static int
print_json(const struct objectives_view *view)
{
	json_t *root = json_object();
	json_t *list = json_array();

	json_object_set_new(root, "stamp", stamp_json(view->isms, view->ws,
	    view->today));
	for (size_t i = 0; i < view->count; i++)
		json_array_append_new(list, objective_json(&view->rows[i]));
	json_object_set_new(root, "objectives", list);
	return report_print_json(root);
}

static int
print_objectives(const struct objectives_view *view,
    enum report_format format)
{
	struct table t = TABLE_INIT;
	struct buf stamp = BUF_INIT;

	if (format == REPORT_JSON)
		return print_json(view);

	build_table(&t, view, format == REPORT_CSV);
	stamp_format(&stamp, view->isms, view->ws, view->today);
	switch (format) {
	case REPORT_TABLE:
		table_print(stdout, &t, TABLE_TEXT);
		printf("\n%s\n", stamp.ptr);
		break;
	case REPORT_MARKDOWN:
		printf("# Information security objectives: %s\n\n",
		    view->isms->config.organisation ?
		    view->isms->config.organisation : "");
		table_print(stdout, &t, TABLE_MARKDOWN);
		printf("\n_%s_\n", stamp.ptr);
		break;
	case REPORT_CSV:
		table_print(stdout, &t, TABLE_CSV);
		break;
	case REPORT_JSON:
		break;
	}
	table_release(&t);
	buf_release(&stamp);
	return 0;
}

int
cmd_objectives(int argc, char **argv, const struct global_options *opts)
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
	struct objectives_view view = { NULL, NULL, NULL, 0, 0 };
	enum report_format format = REPORT_TABLE;
	enum workspace_from from = FROM_WORKTREE;
	const char *rev = NULL;
	int staged = 0;
	int c, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			rc = report_parse_format(optarg, "objectives", &format);
			if (rc < 0)
				goto done;
			break;
		case 'h':
			fputs(objectives_usage, stdout);
			rc = 0;
			goto done;
		case 'r':
			from = FROM_REV;
			rev = optarg;
			break;
		case 's':
			staged = 1;
			break;
		default:
			rc = error_set(ISMS_EUSAGE, "invalid option for "
			    "objectives; see 'isms objectives --help'");
			goto done;
		}
	}
	if (optind < argc) {
		rc = error_set(ISMS_EUSAGE, "unexpected argument '%s' for "
		    "objectives", argv[optind]);
		goto done;
	}
	if (staged && rev) {
		rc = error_set(ISMS_EUSAGE, "--staged and --rev cannot be "
		    "used together");
		goto done;
	}
	if (staged)
		from = FROM_INDEX;

	rc = workspace_open(&ws, from, rev);
	if (rc < 0)
		goto done;
	rc = isms_load(&isms, ws.source, &diags);
	if (rc < 0)
		goto done;

	view.isms = &isms;
	view.ws = &ws;
	view.today = opts->today;
	collect_rows(&view);
	rc = print_objectives(&view, format);
	if (rc < 0)
		goto done;

	/*
	 * The report is printed either way; exit status 1 shows CI that it
	 * rests on records with errors.
	 */
	rc = 0;
	if (diag_count(&diags, DIAG_ERROR)) {
		msg_warning("the records have %zu errors; run 'isms check' "
		    "to see them", diag_count(&diags, DIAG_ERROR));
		rc = 1;
	}

done:
	free(view.rows);
	isms_release(&isms);
	diag_list_release(&diags);
	workspace_release(&ws);
	return rc;
}
