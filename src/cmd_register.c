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
#include "stamp.h"
#include "table.h"
#include "workspace.h"
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
	"  --format FMT    table (default), markdown, csv or json\n"
	"\n"
	"Exit status: 0 when the records have no errors, 1 when they have\n"
	"(the register is printed either way), 2 when it could not run.\n";

enum register_format { REG_TABLE, REG_MARKDOWN, REG_CSV, REG_JSON };

static const char rank_keys_legend[] =
	"Rank keys, in the order that decides the rank: evaluation (treat "
	"first); current level; score (product and sum methods); C, the "
	"consequence position; L, the likelihood position; ALE; the due date "
	"of the earliest open action; then the id.";

struct register_view {
	const struct isms *isms;
	const struct assessment *assessment;
	const struct workspace *ws;
	int today;
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

static const char *
scale_name(const struct scale *scale, int position)
{
	if (position < 1 || (size_t)position > scale->count)
		return "?";
	return scale->entries[position - 1].name;
}

/* "likely x major", the two ratings behind a level. */
static void
format_rating(struct buf *out, const struct isms *isms,
    const struct rating *rating)
{
	const struct criteria *criteria = &isms->config.criteria;

	if (!rating->present || !rating->likelihood || !rating->consequence)
		return;
	buf_printf(out, "%s x %s",
	    scale_name(&criteria->likelihood, rating->likelihood),
	    scale_name(&criteria->consequence, rating->consequence));
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

static void
format_stamp(struct buf *out, const struct register_view *view)
{
	stamp_format(out, view->isms, view->ws, view->today);
}

static int
shown(const struct register_view *view, const struct risk_result *r)
{
	return view->all || r->record->risk->status != RISK_CLOSED;
}

static void
build_table(struct table *t, const struct register_view *view, int stamp_cols)
{
	static const char *const columns[] = {
		"rank", "id", "title", "owner", "status", "inherent", "residual",
		"current", "evaluation", "ale", "next review", "rank keys",
	};
	const struct isms *isms = view->isms;
	struct buf cell = BUF_INIT;
	struct buf stamp = BUF_INIT;
	char date[11];

	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		table_add_column(t, columns[i]);
	if (stamp_cols) {
		table_add_column(t, "stamp");
		format_stamp(&stamp, view);
	}

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
			format_rating(&cell, isms, &risk->inherent);
			buf_putc(&cell, ')');
		}
		table_add_cell(t, cell.ptr);

		buf_reset(&cell);
		if (r->has_residual) {
			buf_printf(&cell, "%s (", level_name(isms,
			    r->residual_level));
			format_rating(&cell, isms, &risk->residual);
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
		if (stamp_cols)
			table_add_cell(t, stamp.ptr);
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
		if (stamp_cols)
			table_add_cell(t, stamp.ptr);
	}
	buf_release(&cell);
	buf_release(&stamp);
}

static json_t *
rating_json(const struct isms *isms, const struct rating *rating,
    size_t level, long score)
{
	const struct criteria *criteria = &isms->config.criteria;

	json_t *item = json_pack("{s:s, s:s, s:s}",
	    "likelihood", scale_name(&criteria->likelihood, rating->likelihood),
	    "consequence", scale_name(&criteria->consequence,
	    rating->consequence),
	    "level", level_name(isms, level));

	/* A matrix method has no score; product and sum do. */
	if (criteria->method != METHOD_MATRIX)
		json_object_set_new(item, "score", json_integer(score));
	return item;
}

static int
print_json(const struct register_view *view)
{
	const struct isms *isms = view->isms;
	json_t *root = json_object();
	json_t *risks = json_array();
	struct buf text = BUF_INIT;
	char date[11];
	int rc;

	json_object_set_new(root, "stamp",
	    stamp_json(isms, view->ws, view->today));

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

	rc = json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15));
	fputc('\n', stdout);
	json_decref(root);
	buf_release(&text);
	return rc == 0 ? 0 : error_set(ISMS_EFAIL, "cannot write JSON output");
}

static int
parse_format(const char *arg, enum register_format *out)
{
	static const char *const names[] = { "table", "markdown", "csv",
		"json" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(arg, names[i]) == 0) {
			*out = (enum register_format)i;
			return 0;
		}
	}
	return error_set(ISMS_EUSAGE, "invalid format '%s' for register; use "
	    "table, markdown, csv or json", arg);
}

static int
print_register(const struct register_view *view, enum register_format format)
{
	struct table t = TABLE_INIT;
	struct buf stamp = BUF_INIT;

	if (format == REG_JSON)
		return print_json(view);

	build_table(&t, view, format == REG_CSV);
	format_stamp(&stamp, view);
	switch (format) {
	case REG_TABLE:
		table_print(stdout, &t, TABLE_TEXT);
		printf("\n%s\n%s\n", rank_keys_legend, stamp.ptr);
		break;
	case REG_MARKDOWN:
		printf("# Risk register: %s\n\n",
		    view->isms->config.organisation ?
		    view->isms->config.organisation : "");
		table_print(stdout, &t, TABLE_MARKDOWN);
		printf("\n%s\n\n_%s_\n", rank_keys_legend, stamp.ptr);
		break;
	case REG_CSV:
		table_print(stdout, &t, TABLE_CSV);
		break;
	case REG_JSON:
		break;
	}
	table_release(&t);
	buf_release(&stamp);
	return 0;
}

int
cmd_register(int argc, char **argv, const struct global_options *opts)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
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
	struct register_view view;
	enum register_format format = REG_TABLE;
	enum workspace_from from = FROM_WORKTREE;
	const char *rev = NULL;
	int staged = 0;
	int all = 0;
	int c, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			all = 1;
			break;
		case 'f':
			rc = parse_format(optarg, &format);
			if (rc < 0)
				goto done;
			break;
		case 'h':
			fputs(register_usage, stdout);
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
			    "register; see 'isms register --help'");
			goto done;
		}
	}
	if (optind < argc) {
		rc = error_set(ISMS_EUSAGE, "unexpected argument '%s' for "
		    "register", argv[optind]);
		goto done;
	}
	if (rev && staged) {
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
	if (!isms.config_ok || !isms.config.criteria_ok) {
		rc = error_set(ISMS_EFAIL, "the risk criteria in isms.yaml "
		    "are not usable, so no level can be computed");
		error_set_hint("run 'isms check' to see what to fix");
		goto done;
	}
	assess_risks(&assessment, &isms, opts->today, &diags);

	view = (struct register_view){ &isms, &assessment, &ws, opts->today,
		all, diag_count(&diags, DIAG_ERROR) };
	rc = print_register(&view, format);
	if (rc < 0)
		goto done;

	/* The report is printed either way; the status tells CI it rests on records with errors. */
	rc = 0;
	if (diag_count(&diags, DIAG_ERROR)) {
		msg_warning("the records have %zu errors; run 'isms check' "
		    "to see them", diag_count(&diags, DIAG_ERROR));
		rc = 1;
	}

done:
	assessment_release(&assessment);
	isms_release(&isms);
	diag_list_release(&diags);
	workspace_release(&ws);
	return rc;
}
