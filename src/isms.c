#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <git2.h>

#include "error.h"
#include "isms.h"
#include "planning.h"
#include "repo.h"
#include "schema.h"
#include "soa_report.h"
#include "xalloc.h"
#include "banned.h"

/* Larger Markdown files are refused rather than read into memory. */
#define RECORD_MAX_BYTES YAML_MAX_BYTES

/* The folder that holds each kind of record by default. */
static const char *const kind_folders[KIND_COUNT] = {
	[KIND_RISK] = "risks/",
	[KIND_OPPORTUNITY] = "opportunities/",
	[KIND_OBJECTIVE] = "objectives/",
	[KIND_CHANGE] = "changes/",
	[KIND_ISSUE] = "context/",
	[KIND_REQUIREMENT] = "context/",
};

static const char *const kind_names[] = {
	"risk", "opportunity", "objective", "change", "issue", "requirement",
	NULL
};

/* Markdown files end in .md or .markdown, in any case. */
static int
is_markdown(const char *path)
{
	size_t n = strlen(path);

	return (n > 3 && strcasecmp(path + n - 3, ".md") == 0) ||
	    (n > 9 && strcasecmp(path + n - 9, ".markdown") == 0);
}

/* Whether `path` lies in one of the record folders. */
static int
in_record_folder(const char *path)
{
	for (int k = 0; k < KIND_COUNT; k++)
		if (strncmp(path, kind_folders[k], strlen(kind_folders[k])) == 0)
			return 1;
	return 0;
}

/* The kind a record folder implies; context/ decides by id prefix. */
static int
kind_from_folder(const struct config *config, const char *path,
    const char *id)
{
	if (strncmp(path, "context/", 8) == 0) {
		size_t n = strlen(config->prefixes[KIND_REQUIREMENT]);

		if (id && strncmp(id, config->prefixes[KIND_REQUIREMENT], n) == 0 &&
		    id[n] == '-')
			return KIND_REQUIREMENT;
		return KIND_ISSUE;
	}
	for (int k = 0; k < KIND_COUNT; k++)
		if (strncmp(path, kind_folders[k], strlen(kind_folders[k])) == 0)
			return k;
	return KIND_DOCUMENT;
}

/* An id is an upper-case prefix, a hyphen and digits: RSK-007. */
static int
id_is_well_formed(const char *id, size_t *prefix_len)
{
	const char *p = id;

	while (isupper((unsigned char)*p))
		p++;
	if (p == id || *p != '-' || !isdigit((unsigned char)p[1]))
		return 0;
	*prefix_len = (size_t)(p - id);
	for (p++; *p; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	return 1;
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/*
 * Checks the id of a record: present, well formed, with the prefix of its
 * kind, and matching the file name `<ID>-<slug>.md`.
 */
static void
check_record_id(const struct isms *isms, struct record *rec,
    const struct schema_ctx *ctx)
{
	const char *prefix = isms->config.prefixes[rec->kind];
	const char *name = base_name(rec->path);
	size_t prefix_len;
	size_t id_len;

	if (!rec->id) {
		diag_add(ctx->diags, DIAG_ERROR, rec->path, rec->front->line, 0,
		    "record-no-id", "%s record has no 'id'; add 'id: %s-NNN' "
		    "to its frontmatter", record_kind_name(rec->kind), prefix);
		return;
	}
	if (!id_is_well_formed(rec->id, &prefix_len)) {
		diag_add(ctx->diags, DIAG_ERROR, rec->path, rec->id_node->line,
		    rec->id_node->col, "record-id-format",
		    "invalid id '%s'; an id is an upper-case prefix, a hyphen "
		    "and digits, for example '%s-001'", rec->id, prefix);
		return;
	}
	if (strlen(prefix) != prefix_len ||
	    strncmp(rec->id, prefix, prefix_len) != 0)
		diag_add(ctx->diags, DIAG_ERROR, rec->path, rec->id_node->line,
		    rec->id_node->col, "record-id-prefix",
		    "id '%s' does not fit %s %s record; its id starts with '%s-'",
		    rec->id, strchr("aeiou", record_kind_name(rec->kind)[0]) ?
		    "an" : "a", record_kind_name(rec->kind), prefix);

	id_len = strlen(rec->id);
	if (strncmp(name, rec->id, id_len) != 0 ||
	    (name[id_len] != '-' && strcmp(name + id_len, ".md") != 0))
		diag_add(ctx->diags, DIAG_ERROR, rec->path, rec->id_node->line,
		    rec->id_node->col, "record-file-name",
		    "file name '%s' does not match id '%s'; rename the file to "
		    "'%s-<slug>.md'", name, rec->id, rec->id);
}

static int
is_record_kind(const char *name)
{
	for (size_t i = 0; kind_names[i]; i++)
		if (strcmp(name, kind_names[i]) == 0)
			return 1;
	return 0;
}

/*
 * Reads the explicit `kind:` of a record, when there is one. In context/
 * the same key gives an issue's type (internal or external), which is not
 * a record kind, and outside the record folders `document`, `policy` or
 * `procedure` marks documented information; there document_parse()
 * reports any other value that is not a record kind. Returns the kind, or
 * -1 when the field is absent, is an issue type or a document kind, or is
 * invalid (after a diagnostic).
 */
static int
explicit_kind(const struct ynode *front, const char *path,
    const struct schema_ctx *ctx)
{
	static const char *const issue_types[] = { "internal", "external",
		NULL };
	const struct ynode *node = ynode_get(front, "kind");
	int kind;

	if (node && node->type == YNODE_SCALAR &&
	    strncmp(path, "context/", 8) == 0) {
		for (size_t i = 0; issue_types[i]; i++)
			if (strcmp(node->value, issue_types[i]) == 0)
				return -1;
	}
	if (node && node->type == YNODE_SCALAR && !in_record_folder(path) &&
	    (document_kind_lookup(node->value) >= 0 ||
	    (document_declared(front) && !is_record_kind(node->value))))
		return -1;
	if (schema_get_enum(ctx, front, "kind", SCHEMA_OPTIONAL, kind_names,
	    &kind) != 1)
		return -1;
	return kind;
}

/* Reads the fields of an opportunity, objective, issue or requirement. */
static void
parse_planning_fields(struct isms *isms, struct record *rec,
    const struct schema_ctx *ctx)
{
	const struct config *config = isms->config_ok ? &isms->config : NULL;

	if (rec->kind == KIND_OPPORTUNITY) {
		rec->opportunity = xcalloc(1, sizeof(*rec->opportunity));
		opportunity_parse(rec->opportunity, rec->front, config, ctx);
	}
	if (rec->kind == KIND_OBJECTIVE) {
		rec->objective = xcalloc(1, sizeof(*rec->objective));
		objective_parse(rec->objective, rec->front, config, ctx);
	}
	if (rec->kind == KIND_ISSUE || rec->kind == KIND_REQUIREMENT) {
		rec->context = xcalloc(1, sizeof(*rec->context));
		context_parse(rec->context, rec->kind, rec->front, ctx);
	}
}

/* Reads the document keys of a Markdown file outside the record folders. */
static void
parse_document_fields(struct isms *isms, struct record *rec,
    const struct schema_ctx *ctx)
{
	struct document doc;

	if (!document_parse(&doc, rec->front, isms->config_ok ?
	    &isms->config : NULL, ctx))
		return;
	rec->document = xmalloc(sizeof(*rec->document));
	*rec->document = doc;
	if (!rec->title)
		rec->title = doc.title;
}

static void
parse_record_fields(struct isms *isms, struct record *rec,
    const struct schema_ctx *file_ctx)
{
	struct schema_ctx kind_ctx = *file_ctx;
	const struct schema_ctx *ctx = file_ctx;
	int kind;

	schema_get_string(ctx, rec->front, "id", SCHEMA_OPTIONAL, &rec->id);
	rec->id_node = ynode_get(rec->front, "id");
	if (rec->id_node && rec->id_node->type != YNODE_SCALAR)
		rec->id = NULL;

	kind = explicit_kind(rec->front, rec->path, ctx);
	if (kind >= 0)
		rec->kind = kind;
	else if (in_record_folder(rec->path))
		rec->kind = kind_from_folder(&isms->config, rec->path, rec->id);
	else if (rec->id)
		rec->kind = KIND_DOCUMENT;

	if (rec->kind == KIND_DOCUMENT) {
		parse_document_fields(isms, rec, ctx);
		return;
	}
	kind_ctx.what = record_kind_name(rec->kind);
	ctx = &kind_ctx;

	check_record_id(isms, rec, ctx);
	schema_get_string(ctx, rec->front, "title", SCHEMA_REQUIRED,
	    &rec->title);

	if (rec->kind == KIND_RISK && isms->config_ok) {
		rec->risk = xcalloc(1, sizeof(*rec->risk));
		if (risk_parse(rec->risk, rec->front, &isms->config, ctx) < 0) {
			risk_release(rec->risk);
			free(rec->risk);
			rec->risk = NULL;
		}
	}
	if (rec->kind == KIND_CHANGE && isms->config_ok) {
		rec->change = xcalloc(1, sizeof(*rec->change));
		if (change_parse(rec->change, rec->front, &isms->config,
		    ctx) < 0) {
			change_release(rec->change);
			free(rec->change);
			rec->change = NULL;
		}
	}
	parse_planning_fields(isms, rec, ctx);
}

/*
 * Loads one Markdown file. A file in a record folder must carry
 * frontmatter with an id; elsewhere it is a document whose frontmatter is
 * optional.
 */
static int
load_markdown(struct isms *isms, struct source *src, const char *path,
    struct diag_list *diags)
{
	struct schema_ctx ctx = { path, diags, "record" };
	struct buf text = BUF_INIT;
	struct record *rec;
	int record_folder = in_record_folder(path);
	int rc;

	rc = source_read(src, path, RECORD_MAX_BYTES, &text);
	if (rc < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "file-unreadable",
		    "%s", error_message() ? error_message() : "cannot read file");
		error_clear();
		buf_release(&text);
		return 0;
	}

	xgrow(&isms->records, &isms->record_alloc, isms->record_count + 1,
	    sizeof(*isms->records));
	rec = &isms->records[isms->record_count++];
	memset(rec, 0, sizeof(*rec));
	rec->kind = record_folder ? kind_from_folder(&isms->config, path, NULL) :
	    KIND_DOCUMENT;
	rec->path = xstrdup(path);
	rec->text = buf_detach(&text, &rec->len);

	if (frontmatter_find(&rec->fm, rec->text, rec->len, path, diags) < 0)
		return 0;
	if (!rec->fm.present) {
		if (record_folder)
			diag_add(diags, DIAG_ERROR, path, 1, 1,
			    "record-no-frontmatter", "file in a record folder "
			    "has no frontmatter; start it with a '---' line, "
			    "the record's YAML, and another '---' line");
		return 0;
	}
	if (yaml_doc_parse(&rec->front, rec->text + rec->fm.yaml_start,
	    rec->fm.yaml_len, path, rec->fm.yaml_line - 1, diags) < 0)
		return 0;
	if (!schema_expect_map(&ctx, rec->front, "frontmatter")) {
		ynode_free(rec->front);
		rec->front = NULL;
		return 0;
	}
	if (record_folder && !ynode_get(rec->front, "id"))
		rec->kind = kind_from_folder(&isms->config, path, NULL);
	parse_record_fields(isms, rec, &ctx);
	return 0;
}

static int
compare_records_by_id(const void *a, const void *b)
{
	const struct record *x = *(const struct record *const *)a;
	const struct record *y = *(const struct record *const *)b;
	int c = strcmp(x->id, y->id);

	return c ? c : strcmp(x->path, y->path);
}

/* Reports every id that two records share, naming both files. */
static void
check_duplicate_ids(struct isms *isms, struct diag_list *diags)
{
	const struct record **sorted;
	size_t n = 0;

	sorted = xcalloc(isms->record_count, sizeof(*sorted));
	for (size_t i = 0; i < isms->record_count; i++)
		if (isms->records[i].id && isms->records[i].kind != KIND_DOCUMENT)
			sorted[n++] = &isms->records[i];
	qsort(sorted, n, sizeof(*sorted), compare_records_by_id);

	for (size_t i = 1; i < n; i++) {
		const struct record *first = sorted[i - 1];
		const struct record *again = sorted[i];

		if (strcmp(first->id, again->id) != 0)
			continue;
		diag_add(diags, DIAG_ERROR, again->path, again->id_node->line,
		    again->id_node->col, "record-duplicate-id",
		    "id '%s' is also used by '%s'; give one of them the next "
		    "free id", again->id, first->path);
	}
	free(sorted);
}

/* Checks that each id in `refs` names a record of one of `kinds`. */
static void
check_record_refs(const struct isms *isms, const struct record *rec,
    const struct ref_list *refs, const char *field, unsigned kinds,
    struct diag_list *diags)
{
	for (size_t i = 0; i < refs->count; i++) {
		const struct ynode *node = refs->nodes[i];
		const struct record *target = isms_find_record(isms, node->value);

		if (target && (kinds & (1u << target->kind)))
			continue;
		if (target)
			diag_add(diags, DIAG_ERROR, rec->path, node->line,
			    node->col, "ref-wrong-kind", "'%s' lists '%s', "
			    "whose kind is '%s'; name a record of the kind "
			    "this field takes", field, node->value,
			    record_kind_name(target->kind));
		else
			diag_add(diags, DIAG_ERROR, rec->path, node->line,
			    node->col, "ref-unknown-record", "'%s' names '%s', "
			    "but no record has that id; fix the id or add the "
			    "record", field, node->value);
	}
}

/*
 * Scope entries are globs or record ids; the ids must name records.
 * Globs are judged against history by changes check.
 */
static void
check_change_scope(const struct isms *isms, const struct record *rec,
    struct diag_list *diags)
{
	const struct ref_list *scope = &rec->change->scope;
	size_t prefix_len;

	for (size_t i = 0; i < scope->count; i++) {
		const struct ynode *node = scope->nodes[i];

		if (!id_is_well_formed(node->value, &prefix_len) ||
		    isms_find_record(isms, node->value))
			continue;
		diag_add(diags, DIAG_ERROR, rec->path, node->line, node->col,
		    "ref-unknown-record", "'scope' names '%s', but no record "
		    "has that id; fix the id or write a path glob", node->value);
	}
}

/*
 * A risk that an implemented change affects is due for reassessment
 * (clause 8.2): its last review must not predate the implementation.
 */
static void
check_reassessment(const struct isms *isms, const struct record *rec,
    struct diag_list *diags)
{
	const struct change *change = rec->change;
	char implemented[11];

	if (!change->has_implemented_on ||
	    (change->status != CHANGE_IMPLEMENTED &&
	    change->status != CHANGE_REVIEWED))
		return;
	date_format(change->implemented_on, implemented);

	for (size_t i = 0; i < change->affects.count; i++) {
		const struct record *target =
		    isms_find_record(isms, change->affects.nodes[i]->value);
		const struct risk *risk = target ? target->risk : NULL;
		const struct ynode *where;

		if (!risk || risk->status == RISK_CLOSED)
			continue;
		if (risk->has_review_last &&
		    risk->review_last >= change->implemented_on)
			continue;
		where = risk->review_node ? risk->review_node : target->id_node;
		diag_add(diags, DIAG_WARNING, target->path, where->line,
		    where->col, "risk-reassessment-due", "change '%s' that "
		    "affects this risk was implemented on %s, after its last "
		    "review; reassess the risk and update 'review.last'",
		    rec->id, implemented);
	}
}

static void
check_references(const struct isms *isms, struct diag_list *diags)
{
	for (size_t i = 0; i < isms->record_count; i++) {
		const struct record *rec = &isms->records[i];

		context_check(isms, rec, diags);
		objective_check(isms, rec, diags);
		planning_check_sources(isms, rec, diags);
		if (rec->change) {
			check_record_refs(isms, rec, &rec->change->affects,
			    "affects", (1u << KIND_RISK) |
			    (1u << KIND_OPPORTUNITY) | (1u << KIND_OBJECTIVE),
			    diags);
			check_change_scope(isms, rec, diags);
			check_reassessment(isms, rec, diags);
		}
		if (!rec->risk)
			continue;
		check_record_refs(isms, rec, &rec->risk->sources, "sources",
		    (1u << KIND_ISSUE) | (1u << KIND_REQUIREMENT), diags);
		check_record_refs(isms, rec, &rec->risk->objectives,
		    "objectives", 1u << KIND_OBJECTIVE, diags);
	}
	soa_report_check_unused(isms, diags);
}

static int
load_config(struct isms *isms, struct source *src, struct diag_list *diags)
{
	struct buf text = BUF_INIT;
	git_oid oid;
	int rc;

	rc = source_read(src, ISMS_CONFIG_FILE, YAML_MAX_BYTES, &text);
	if (rc == ISMS_ENOTFOUND) {
		rc = error_set(ISMS_ENOTFOUND, "no '%s' in %s",
		    ISMS_CONFIG_FILE, source_label(src));
		error_set_hint("run 'isms' inside an ISMS, or name one with -C");
	}
	if (rc < 0)
		goto done;

	if (git_odb_hash(&oid, text.ptr, text.len, GIT_OBJECT_BLOB) == 0)
		git_oid_tostr(isms->config_blob_id, sizeof(isms->config_blob_id),
		    &oid);
	isms->config_ok = config_parse(&isms->config, text.ptr, text.len,
	    ISMS_CONFIG_FILE, diags) == 0;

done:
	buf_release(&text);
	return rc;
}

static void
load_soa(struct isms *isms, struct source *src, struct diag_list *diags)
{
	struct buf text = BUF_INIT;
	int rc;

	rc = source_read(src, SOA_PATH, YAML_MAX_BYTES, &text);
	if (rc == ISMS_ENOTFOUND)
		goto done;
	if (rc < 0) {
		diag_add(diags, DIAG_ERROR, SOA_PATH, 0, 0, "file-unreadable",
		    "%s", error_message());
		error_clear();
		goto done;
	}
	/* A broken SoA lists no controls, so control references go unchecked. */
	isms->soa.present = soa_parse(&isms->soa, text.ptr, text.len,
	    diags) == 0;

done:
	buf_release(&text);
}

int
isms_load(struct isms *out, struct source *src, struct diag_list *diags)
{
	struct strvec files = STRVEC_INIT;
	int rc;

	out->source_label = xstrdup(source_label(src));

	rc = load_config(out, src, diags);
	if (rc < 0)
		goto done;

	rc = source_list(src, &files);
	if (rc < 0)
		goto done;
	for (size_t i = 0; i < files.count; i++)
		if (is_markdown(files.items[i]))
			load_markdown(out, src, files.items[i], diags);

	load_soa(out, src, diags);
	check_duplicate_ids(out, diags);
	check_references(out, diags);

done:
	strvec_clear(&files);
	return rc;
}

const char *
isms_kind_folder(enum record_kind kind)
{
	return kind_folders[kind];
}

void
isms_check_refs(const struct isms *isms, const struct record *rec,
    const struct ref_list *refs, const char *field, unsigned kinds,
    struct diag_list *diags)
{
	check_record_refs(isms, rec, refs, field, kinds, diags);
}

const struct record *
isms_find_record(const struct isms *isms, const char *id)
{
	for (size_t i = 0; i < isms->record_count; i++) {
		const struct record *rec = &isms->records[i];

		if (rec->id && rec->kind != KIND_DOCUMENT &&
		    strcmp(rec->id, id) == 0)
			return rec;
	}
	return NULL;
}

void
isms_release(struct isms *isms)
{
	for (size_t i = 0; i < isms->record_count; i++) {
		struct record *rec = &isms->records[i];

		if (rec->risk) {
			risk_release(rec->risk);
			free(rec->risk);
		}
		if (rec->change) {
			change_release(rec->change);
			free(rec->change);
		}
		objective_release(rec->objective);
		free(rec->objective);
		opportunity_release(rec->opportunity);
		free(rec->opportunity);
		context_release(rec->context);
		free(rec->context);
		free(rec->document);
		ynode_free(rec->front);
		free(rec->path);
		free(rec->text);
	}
	free(isms->records);
	config_release(&isms->config);
	soa_release(&isms->soa);
	free(isms->source_label);
	memset(isms, 0, sizeof(*isms));
}
