#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "cmd.h"
#include "isms.h"
#include "report_cmd.h"
#include "table.h"
#include "banned.h"

static const char register_usage[] =
	"usage: isms register [--staged | --rev REV] [--all]\n"
	"                     [--format table|markdown|csv|json]\n"
	"\n"
	"Prints the risk register: each risk's inherent, residual and current\n"
	"level, its evaluation against the acceptance criteria, and its\n"
	"priority rank for treatment with the keys that decided it.\n"
	"\n"
	"  --all           include closed risks\n"
	"  --staged        read the records staged in the git index\n"
	"  --rev REV       read the records of a commit, tag or branch\n"
	"  --format FMT    table (default), markdown, csv or json\n";

static const char rank_keys_legend[] =
	"Rank keys, in the order that decides the rank: evaluation (treat "
	"first); current level; score (product and sum methods); C, the "
	"consequence position; L, the likelihood position; ALE; the due date "
	"of the earliest open action; then the id.";

struct register_view {
	const struct isms *isms;
	const struct assessment *assessment;
	int all;
	size_t errors;		/* errors found while loading and computing */
};

/* Risk files that could not be read show as rows, so nothing vanishes. */
static int
is_unreadable_risk(const struct record *rec)
{
	return rec->kind == KIND_RISK && !rec->risk;
}

static const char *
record_label(const struct record *rec)
{
	const char *slash;

	if (rec->id)
		return rec->id;
	slash = strrchr(rec->path, '/');
	return slash ? slash + 1 : rec->path;
}

static const char *
level_name(const struct isms *isms, size_t level)
{
	return isms->config.criteria.levels[level].name;
}

/* The priority keys, in the order that decides the rank. */
static void
format_rank_keys(struct buf *out, const struct isms *isms,
    const struct risk_result *r)
{
	const struct criteria *criteria = &isms->config.criteria;
	char date[11];

	buf_printf(out, "%s; %s", evaluation_name(r->evaluation),
	    level_name(isms, r->current_level));
	if (criteria->method != METHOD_MATRIX)
		buf_printf(out, "; score %ld", r->current_score);
	buf_printf(out, "; C%d; L%d", r->current_consequence,
	    r->current_likelihood);
	if (r->has_ale)
		buf_printf(out, "; ALE %.2f", r->ale);
	if (r->has_earliest_due) {
		date_format(r->earliest_due, date);
		buf_printf(out, "; due %s", date);
	}
}

static int
shown(const struct register_view *view, const struct risk_result *r)
{
	return view->all || r->record->risk->status != RISK_CLOSED;
}

static void
build_table(struct table *t, const void *data)
{
	static const char *const columns[] = {
		"rank", "id", "title", "owner", "status", "inherent", "residual",
		"current", "evaluation", "ale", "next review", "rank keys",
	};
	const struct register_view *view = data;
	const struct isms *isms = view->isms;
	struct buf cell = BUF_INIT;
	char date[11];

	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		table_add_column(t, columns[i]);

	for (size_t i = 0; i < view->assessment->count; i++) {
		const struct risk_result *r = &view->assessment->results[i];
		const struct risk *risk = r->record->risk;

		if (!shown(view, r))
			continue;
		if (r->rank)
			table_add_cellf(t, "%zu", r->rank);
		else
			table_add_cell(t, "-");
		table_add_cell(t, r->record->id);
		table_add_cell(t, r->record->title);
		table_add_cell(t, risk->owner);
		table_add_cell(t, risk_status_name(risk->status));

		buf_reset(&cell);
		if (r->assessed) {
			buf_printf(&cell, "%s (", level_name(isms,
			    r->inherent_level));
			report_format_rating(&cell, &isms->config.criteria,
			    &risk->inherent);
			buf_putc(&cell, ')');
		}
		table_add_cell(t, cell.ptr);

		buf_reset(&cell);
		if (r->has_residual) {
			buf_printf(&cell, "%s (", level_name(isms,
			    r->residual_level));
			report_format_rating(&cell, &isms->config.criteria,
			    &risk->residual);
			buf_putc(&cell, ')');
		}
		table_add_cell(t, cell.ptr);

		table_add_cell(t, r->assessed ?
		    level_name(isms, r->current_level) : "");
		table_add_cell(t, r->assessed ?
		    evaluation_name(r->evaluation) : "not assessed");
		if (r->has_ale)
			table_add_cellf(t, "%.2f %s", r->ale,
			    risk->loss.currency ? risk->loss.currency : "");
		else
			table_add_cell(t, "");
		if (r->has_review_due) {
			date_format(r->review_due, date);
			table_add_cellf(t, "%s%s", date,
			    r->review_overdue ? " (overdue)" : "");
		} else {
			table_add_cell(t, "");
		}

		buf_reset(&cell);
		if (r->assessed)
			format_rank_keys(&cell, isms, r);
		table_add_cell(t, cell.ptr);
	}

	for (size_t i = 0; i < isms->record_count; i++) {
		const struct record *rec = &isms->records[i];

		if (!is_unreadable_risk(rec))
			continue;
		table_add_cell(t, "-");
		table_add_cell(t, record_label(rec));
		table_add_cell(t, "(cannot be read; run 'isms check')");
		for (size_t c = 3; c < sizeof(columns) / sizeof(columns[0]); c++)
			table_add_cell(t, NULL);
	}
	buf_release(&cell);
}

static json_t *
rating_json(const struct isms *isms, const struct rating *rating,
    size_t level, long score)
{
	const struct criteria *criteria = &isms->config.criteria;

	json_t *item = json_pack("{s:s, s:s, s:s}",
	    "likelihood", report_scale_name(&criteria->likelihood,
	    rating->likelihood),
	    "consequence", report_scale_name(&criteria->consequence,
	    rating->consequence),
	    "level", level_name(isms, level));

	/* A matrix method has no score; product and sum do. */
	if (criteria->method != METHOD_MATRIX)
		json_object_set_new(item, "score", json_integer(score));
	return item;
}

static void
add_json(json_t *root, const void *data)
{
	const struct register_view *view = data;
	const struct isms *isms = view->isms;
	json_t *risks = json_array();
	struct buf text = BUF_INIT;
	char date[11];

	for (size_t i = 0; i < view->assessment->count; i++) {
		const struct risk_result *r = &view->assessment->results[i];
		const struct risk *risk = r->record->risk;
		json_t *item;

		if (!shown(view, r))
			continue;
		item = json_pack("{s:s, s:s, s:s, s:s, s:s}",
		    "id", r->record->id,
		    "title", r->record->title ? r->record->title : "",
		    "path", r->record->path,
		    "owner", risk->owner ? risk->owner : "",
		    "status", risk_status_name(risk->status));
		if (r->rank)
			json_object_set_new(item, "rank",
			    json_integer((json_int_t)r->rank));
		else
			json_object_set_new(item, "rank", json_null());
		if (r->assessed) {
			json_object_set_new(item, "inherent",
			    rating_json(isms, &risk->inherent,
			    r->inherent_level, r->inherent_score));
			json_object_set_new(item, "current_level",
			    json_string(level_name(isms, r->current_level)));
			json_object_set_new(item, "evaluation",
			    json_string(evaluation_name(r->evaluation)));
			buf_reset(&text);
			format_rank_keys(&text, isms, r);
			json_object_set_new(item, "rank_keys",
			    json_string(text.ptr));
		}
		if (r->has_residual)
			json_object_set_new(item, "residual",
			    rating_json(isms, &risk->residual,
			    r->residual_level, r->residual_score));
		if (r->has_ale) {
			json_object_set_new(item, "ale", json_real(r->ale));
			json_object_set_new(item, "currency",
			    json_string(risk->loss.currency ?
			    risk->loss.currency : ""));
		}
		if (r->has_review_due) {
			date_format(r->review_due, date);
			json_object_set_new(item, "next_review",
			    json_string(date));
			json_object_set_new(item, "review_overdue",
			    json_boolean(r->review_overdue));
		}
		json_object_set_new(item, "open_actions",
		    json_integer((json_int_t)r->open_actions));
		json_object_set_new(item, "overdue_actions",
		    json_integer((json_int_t)r->overdue_actions));
		json_array_append_new(risks, item);
	}
	for (size_t i = 0; i < isms->record_count; i++) {
		const struct record *rec = &isms->records[i];

		if (!is_unreadable_risk(rec))
			continue;
		json_array_append_new(risks, json_pack("{s:s, s:s, s:n, s:b}",
		    "id", record_label(rec), "path", rec->path, "rank",
		    "unreadable", 1));
	}
	json_object_set_new(root, "risks", risks);
	json_object_set_new(root, "errors",
	    json_integer((json_int_t)view->errors));
	buf_release(&text);
}

static void
format_legend(struct buf *out, const void *view)
{
	(void)view;
	buf_puts(out, rank_keys_legend);
}

static const struct report_forms register_forms = {
	.title = "Risk register",
	.build_table = build_table,
	.format_summary = format_legend,
	.add_json = add_json,
};

int
cmd_register(int argc, char **argv, const struct global_options *opts)
{
	struct report_input in = REPORT_INPUT_INIT;
	struct register_view view;
	int all = 0;
	const struct option extra[] = {
		{ "all", no_argument, &all, 1 },
		{ NULL, 0, NULL, 0 },
	};
	int rc;

	rc = report_input_parse(&in, argc, argv, "register", register_usage,
	    extra);
	if (rc < 0 || in.options.help)
		goto done;

	rc = report_input_open(&in, opts->today, REPORT_NEEDS_LEVELS,
	    "no level can be computed");
	if (rc < 0)
		goto done;

	view = (struct register_view){ &in.isms, &in.assessment, all,
		report_input_errors(&in) };
	rc = report_input_print(&in, &register_forms, &view);

done:
	report_input_release(&in);
	return rc;
}
