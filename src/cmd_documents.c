#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "cmd.h"
#include "document.h"
#include "error.h"
#include "isms.h"
#include "last_change.h"
#include "report_cmd.h"
#include "table.h"
#include "xalloc.h"
#include "banned.h"

static const char documents_usage[] =
	"usage: isms documents [--staged | --rev REV]\n"
	"                      [--format table|markdown|csv|json]\n"
	"\n"
	"Prints the register of documented information: every Markdown file\n"
	"outside the record folders with its id, title, owner, approver and\n"
	"approval date, the last commit that changed it (id, date, author),\n"
	"and its next review, 'review_every' after 'approved_on', flagged\n"
	"when it is overdue.\n"
	"\n"
	"  --staged        read the files staged in the git index\n"
	"  --rev REV       read the files of a commit, tag or branch\n"
	"  --format FMT    table (default), markdown, csv or json\n";

/* One document with its review dates and its last commit. */
struct document_row {
	const struct record *record;	/* borrowed; KIND_DOCUMENT */
	struct last_change *change;	/* borrowed; NULL outside git */
	int has_next_review;
	int next_review;
	int review_overdue;
	int not_approved;		/* document keys without an approval */
	int uncommitted;		/* the source differs from the commit */
};

struct documents_view {
	const struct isms *isms;
	const struct workspace *ws;
	struct document_row *rows;
	size_t count;
	int has_history;
};

/* The commit whose history is read: the revision, else HEAD. */
static int
history_start(const struct isms *isms, const struct workspace *ws,
    git_oid *out)
{
	const char *hex = source_kind(ws->source) == SOURCE_COMMIT ?
	    isms->source_label : ws->head_id;

	if (!ws->repo || !hex)
		return 0;
	return git_oid_fromstr(out, hex) == 0;
}

/*
 * Marks a document whose bytes in the working tree or the index are not
 * the ones the start commit holds.
 */
static void
find_uncommitted(struct documents_view *view)
{
	char blob[GIT_OID_HEXSZ + 1];

	if (source_kind(view->ws->source) == SOURCE_COMMIT)
		return;
	for (size_t i = 0; i < view->count; i++) {
		struct document_row *row = &view->rows[i];

		if (source_blob_id(view->ws->source, row->record->path,
		    blob) < 0) {
			error_clear();
			continue;
		}
		row->uncommitted = !row->change->in_start ||
		    strcmp(blob, row->change->start_blob) != 0;
	}
}

/* Reads the last commit of every document in one walk of the history. */
static int
read_history(struct documents_view *view, struct last_change *changes,
    struct strvec *paths)
{
	const char *prefix = view->ws->repo_prefix ? view->ws->repo_prefix : "";
	git_oid start;
	int rc;

	if (!history_start(view->isms, view->ws, &start))
		return 0;
	for (size_t i = 0; i < view->count; i++) {
		struct buf path = BUF_INIT;

		buf_printf(&path, "%s%s", prefix, view->rows[i].record->path);
		strvec_push_owned(paths, buf_detach(&path, NULL));
		changes[i].path = paths->items[i];
		view->rows[i].change = &changes[i];
	}
	rc = last_change_find(changes, view->count, view->ws->repo, &start,
	    prefix);
	if (rc < 0)
		return rc;
	view->has_history = 1;
	find_uncommitted(view);
	return 0;
}

static void
judge_row(struct document_row *row, int today)
{
	const struct document *doc = row->record->document;

	if (!doc)
		return;
	row->not_approved = !doc->approved_by || !doc->has_approved_on;
	row->has_next_review = document_next_review(doc, &row->next_review);
	row->review_overdue = row->has_next_review && today > row->next_review;
}

static void
format_flags(struct buf *out, const struct document_row *row)
{
	const char *flags[3];
	size_t n = 0;

	if (row->review_overdue)
		flags[n++] = "review overdue";
	if (row->not_approved)
		flags[n++] = "not approved";
	if (row->uncommitted)
		flags[n++] = "uncommitted changes";
	for (size_t i = 0; i < n; i++)
		buf_printf(out, "%s%s", i ? ", " : "", flags[i]);
}

static void
format_date(char out[11], int present, int days)
{
	out[0] = '\0';
	if (present)
		date_format(days, out);
}

static void
format_duration(struct buf *out, const struct document *doc)
{
	static const char *const units[] = { "day", "week", "month", "year" };

	if (!doc || !doc->has_review_every)
		return;
	buf_printf(out, "%ld %s%s", doc->review_every.count,
	    units[doc->review_every.unit],
	    doc->review_every.count == 1 ? "" : "s");
}

static const char *
title_of(const struct document_row *row)
{
	const struct document *doc = row->record->document;

	return doc && doc->title ? doc->title : NULL;
}

static void
build_table(struct table *t, const void *data)
{
	static const char *const columns[] = {
		"id", "title", "kind", "path", "owner", "approved by",
		"approved on", "review every", "next review", "last commit",
		"commit date", "author", "flags",
	};
	const struct documents_view *view = data;
	struct buf cell = BUF_INIT;
	char date[11];

	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		table_add_column(t, columns[i]);

	for (size_t i = 0; i < view->count; i++) {
		const struct document_row *row = &view->rows[i];
		const struct document *doc = row->record->document;
		const struct last_change *change = row->change;
		int committed = change && change->found;

		table_add_cell(t, doc ? doc->id : NULL);
		table_add_cell(t, title_of(row));
		table_add_cell(t, doc ? document_kind_name(doc->kind) : NULL);
		table_add_cell(t, row->record->path);
		table_add_cell(t, doc ? doc->owner : NULL);
		table_add_cell(t, doc ? doc->approved_by : NULL);
		format_date(date, doc && doc->has_approved_on,
		    doc ? doc->approved_on : 0);
		table_add_cell(t, date);
		buf_reset(&cell);
		format_duration(&cell, doc);
		table_add_cell(t, cell.ptr);
		format_date(date, row->has_next_review, row->next_review);
		table_add_cell(t, date);

		buf_reset(&cell);
		if (committed)
			buf_printf(&cell, "%.12s", change->commit_id);
		table_add_cell(t, cell.ptr);
		format_date(date, committed, committed ? change->date : 0);
		table_add_cell(t, date);
		buf_reset(&cell);
		if (committed)
			buf_printf(&cell, "%s <%s>", change->author_name,
			    change->author_email);
		table_add_cell(t, cell.ptr);

		buf_reset(&cell);
		format_flags(&cell, row);
		table_add_cell(t, cell.ptr);
	}
	buf_release(&cell);
}

static void
format_summary(struct buf *out, const void *data)
{
	const struct documents_view *view = data;
	size_t managed = 0, overdue = 0, unapproved = 0, uncommitted = 0;

	for (size_t i = 0; i < view->count; i++) {
		managed += view->rows[i].record->document != NULL;
		overdue += view->rows[i].review_overdue;
		unapproved += view->rows[i].not_approved;
		uncommitted += view->rows[i].uncommitted;
	}
	buf_printf(out, "%zu document%s, %zu with document keys: %zu review%s "
	    "overdue, %zu not approved, %zu with uncommitted changes",
	    view->count, view->count == 1 ? "" : "s", managed, overdue,
	    overdue == 1 ? "" : "s", unapproved, uncommitted);
	if (!view->has_history)
		buf_puts(out, "; no git history, so no last commit");
}

static json_t *
row_json(const struct document_row *row)
{
	const struct document *doc = row->record->document;
	const struct last_change *change = row->change;
	json_t *item = json_object();
	struct buf every = BUF_INIT;

	format_duration(&every, doc);
	json_object_set_new(item, "id", report_json_string(doc ? doc->id :
	    NULL));
	json_object_set_new(item, "title", report_json_string(title_of(row)));
	json_object_set_new(item, "kind", report_json_string(doc ?
	    document_kind_name(doc->kind) : NULL));
	json_object_set_new(item, "path", json_string(row->record->path));
	json_object_set_new(item, "owner", report_json_string(doc ? doc->owner :
	    NULL));
	json_object_set_new(item, "approved_by", report_json_string(doc ?
	    doc->approved_by : NULL));
	json_object_set_new(item, "approved_on", report_json_date(doc &&
	    doc->has_approved_on, doc ? doc->approved_on : 0));
	json_object_set_new(item, "review_every", report_json_string(every.len ?
	    every.ptr : NULL));
	json_object_set_new(item, "next_review",
	    report_json_date(row->has_next_review, row->next_review));
	json_object_set_new(item, "review_overdue",
	    json_boolean(row->review_overdue));
	json_object_set_new(item, "not_approved",
	    json_boolean(row->not_approved));
	if (change && change->found)
		json_object_set_new(item, "last_commit", json_pack(
		    "{s:s, s:o, s:s, s:s}",
		    "id", change->commit_id,
		    "date", report_json_date(1, change->date),
		    "author", change->author_name,
		    "email", change->author_email));
	else
		json_object_set_new(item, "last_commit", json_null());
	json_object_set_new(item, "uncommitted",
	    json_boolean(row->uncommitted));
	buf_release(&every);
	return item;
}

static void
add_json(json_t *root, const void *data)
{
	const struct documents_view *view = data;
	json_t *rows = json_array();

	for (size_t i = 0; i < view->count; i++)
		json_array_append_new(rows, row_json(&view->rows[i]));
	json_object_set_new(root, "documents", rows);
}

static const struct report_forms documents_forms = {
	.title = "Documented information",
	.intro = "Every document of the ISMS outside the record folders "
	    "(ISO/IEC 27001:2022, 7.5): its owner, its approval (7.5.2), "
	    "and the last commit that changed it, which the git history "
	    "keeps as the record of its versions (7.5.3). The next review "
	    "is due 'review_every' after 'approved_on'; a document that "
	    "was never approved has no review date and is flagged 'not "
	    "approved'.",
	.empty = "The ISMS has no documents.",
	.build_table = build_table,
	.format_summary = format_summary,
	.add_json = add_json,
};

int
cmd_documents(int argc, char **argv, const struct global_options *opts)
{
	struct report_input in = REPORT_INPUT_INIT;
	struct documents_view view = { 0 };
	struct last_change *changes = NULL;
	struct strvec paths = STRVEC_INIT;
	int rc;

	rc = report_input_parse(&in, argc, argv, "documents", documents_usage,
	    NULL);
	if (rc < 0 || in.options.help)
		goto done;

	rc = report_input_open(&in, opts->today, REPORT_NEEDS_RECORDS, NULL);
	if (rc < 0)
		goto done;

	view.isms = &in.isms;
	view.ws = &in.ws;
	view.rows = xcalloc(in.isms.record_count ? in.isms.record_count : 1,
	    sizeof(*view.rows));
	for (size_t i = 0; i < in.isms.record_count; i++) {
		if (in.isms.records[i].kind != KIND_DOCUMENT)
			continue;
		view.rows[view.count].record = &in.isms.records[i];
		judge_row(&view.rows[view.count], opts->today);
		view.count++;
	}
	changes = xcalloc(view.count ? view.count : 1, sizeof(*changes));
	rc = read_history(&view, changes, &paths);
	if (rc < 0)
		goto done;

	rc = report_input_print(&in, &documents_forms, &view);

done:
	if (changes)
		last_change_release(changes, view.count);
	free(changes);
	strvec_clear(&paths);
	free(view.rows);
	report_input_release(&in);
	return rc;
}
