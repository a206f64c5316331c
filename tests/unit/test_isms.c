#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <git2.h>

#include "buf.h"
#include "error.h"
#include "isms.h"
#include "source.h"
#include "banned.h"

/*
 * Unit tests of isms_load() on a working-tree source. Each test writes a
 * small, clean ISMS into its own temporary folder, changes or adds a few
 * files, loads it and checks the records and the findings.
 */

struct file {
	const char *path;
	const char *content;	/* NULL: leave the base file out */
};

static const char config_yaml[] =
	"isms: 1\n"
	"organisation: Example Ltd\n"
	"scope: Test scope\n"
	"people:\n"
	"  ciso: {name: A. Person, email: [ciso@example.com], "
	"roles: [risk-approver, change-approver]}\n"
	"  ops: {name: B. Person, email: [ops@example.com]}\n"
	"risk_criteria:\n"
	"  likelihood: [{name: rare}, {name: likely}]\n"
	"  consequence:\n"
	"    scale: [{name: minor}, {name: major}]\n"
	"  method: matrix\n"
	"  matrix:\n"
	"    - [low, medium]\n"
	"    - [medium, high]\n"
	"  levels:\n"
	"    - {name: low, from: 1, accept: [risk-owner], "
	"review_every: 12 months}\n"
	"    - {name: medium, from: 2, accept: [risk-approver], "
	"review_every: 6 months}\n"
	"    - {name: high, from: 3, accept: never, review_every: 3 months}\n"
	"  acceptance_threshold: low\n";

/* The fields every risk in these tests needs, after its id and title. */
#define RISK_FIELDS "owner: ops\nstatus: identified\ncia: [confidentiality]\n"

/* The fields the other kinds of record need to load without findings. */
#define OPPORTUNITY_FIELDS \
	"owner: ops\nstatus: identified\nsources: [ISS-001]\n"
#define OBJECTIVE_FIELDS \
	"owner: ciso\nstatus: active\ndue: 2026-12-31\nresources: Training\n" \
	"measure: {metric: Click rate, target: 5, direction: decrease, " \
	"method: Simulation}\n"
#define REQUIREMENT_FIELDS "party: Customers\n"

#define RISK_001_HEAD \
	"---\nid: RSK-001\ntitle: Phishing of staff\n" RISK_FIELDS

static const char risk_001[] = RISK_001_HEAD
	"sources: [ISS-001, REQ-001]\nobjectives: [OBJ-001]\n"
	"review: {last: 2026-05-01}\n---\nBody.\n";

static const char change_001[] =
	"---\nid: CHG-001\ntitle: Hardware keys\nstatus: proposed\n"
	"scope: [RSK-001, \"policies/**\"]\naffects: [RSK-001, OBJ-001]\n"
	"---\n";

/* A clean ISMS: no file here produces a finding. */
static const struct file base_files[] = {
	{ "isms.yaml", config_yaml },
	{ "README.md", "# ISMS\n" },
	{ "notes.txt", "not Markdown, so not loaded\n" },
	{ "risks/RSK-001-phishing.md", risk_001 },
	{ "context/ISS-001-small-team.md", "---\nid: ISS-001\n"
	  "title: Small team\nkind: internal\n---\n" },
	{ "context/ISS-002-regulation.md", "---\nid: ISS-002\n"
	  "title: New regulation\nkind: external\n---\n" },
	{ "context/REQ-001-customer-terms.md", "---\nid: REQ-001\n"
	  "title: Customer terms\n" REQUIREMENT_FIELDS "---\n" },
	{ "objectives/OBJ-001-fewer-clicks.md", "---\nid: OBJ-001\n"
	  "title: Fewer phishing clicks\n" OBJECTIVE_FIELDS "---\n" },
	{ "opportunities/OPP-001-automation.md", "---\nid: OPP-001\n"
	  "title: Automate reviews\n" OPPORTUNITY_FIELDS "---\n" },
	{ "changes/CHG-001-hardware-keys.md", change_001 },
	{ "policies/access.md", "# Access policy\n" },
	{ "policies/with-front.md", "---\nid: not an id\nowner: ciso\n---\n"
	  "# Policy with frontmatter\n" },
	{ NULL, NULL },
};

struct world {
	char dir[96];
	struct isms isms;
	struct diag_list diags;
	int rc;
};

static struct {
	char dir[64];
	unsigned next;
} fx;

static int
group_setup(void **state)
{
	(void)state;
	git_libgit2_init();
	snprintf(fx.dir, sizeof(fx.dir), "%s", "/tmp/isms-test-isms.XXXXXX");
	if (!mkdtemp(fx.dir))
		return -1;
	return 0;
}

static void
remove_tree(const char *path)
{
	struct buf child = BUF_INIT;
	struct dirent *entry;
	struct stat st;
	DIR *d;

	if (lstat(path, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	d = opendir(path);
	while (d && (entry = readdir(d)) != NULL) {
		if (strcmp(entry->d_name, ".") == 0 ||
		    strcmp(entry->d_name, "..") == 0)
			continue;
		buf_reset(&child);
		buf_printf(&child, "%s/%s", path, entry->d_name);
		remove_tree(child.ptr);
	}
	if (d)
		closedir(d);
	rmdir(path);
	buf_release(&child);
}

static int
group_teardown(void **state)
{
	(void)state;
	remove_tree(fx.dir);
	error_clear();
	git_libgit2_shutdown();
	return 0;
}

static void
write_file(const char *root, const char *rel, const char *content)
{
	struct buf path = BUF_INIT;
	FILE *f;

	buf_printf(&path, "%s/%s", root, rel);
	for (char *p = path.ptr + strlen(root) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(path.ptr, 0777);
		*p = '/';
	}
	f = fopen(path.ptr, "w");
	assert_non_null(f);
	fputs(content, f);
	assert_int_equal(fclose(f), 0);
	buf_release(&path);
}

/* Returns 1 and sets *content when `extra` names `path`, else 0. */
static int
find_file(const struct file *extra, const char *path, const char **content)
{
	for (size_t i = 0; extra && extra[i].path; i++) {
		if (strcmp(extra[i].path, path) == 0) {
			*content = extra[i].content;
			return 1;
		}
	}
	return 0;
}

/*
 * Writes the base files, with those that `extra` names replaced (or left
 * out when their content is NULL), then the new files of `extra`, and
 * loads the result.
 */
static struct world *
world_load(const struct file *extra)
{
	struct world *w = calloc(1, sizeof(*w));
	struct source *src = NULL;
	const char *content;

	assert_non_null(w);
	snprintf(w->dir, sizeof(w->dir), "%s/%u", fx.dir, fx.next++);
	assert_int_equal(mkdir(w->dir, 0777), 0);
	for (size_t i = 0; base_files[i].path; i++) {
		content = base_files[i].content;
		find_file(extra, base_files[i].path, &content);
		if (content)
			write_file(w->dir, base_files[i].path, content);
	}
	for (size_t i = 0; extra && extra[i].path; i++)
		if (extra[i].content &&
		    !find_file(base_files, extra[i].path, &content))
			write_file(w->dir, extra[i].path, extra[i].content);

	error_clear();
	assert_int_equal(source_open_worktree(&src, w->dir), 0);
	w->rc = isms_load(&w->isms, src, &w->diags);
	source_free(src);
	return w;
}

static void
world_free(struct world *w)
{
	isms_release(&w->isms);
	diag_list_release(&w->diags);
	remove_tree(w->dir);
	free(w);
}

static void
dump(const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->count; i++)
		print_message("  %s:%zu:%zu [%s] %s\n", diags->items[i].path,
		    diags->items[i].line, diags->items[i].col,
		    diags->items[i].rule, diags->items[i].message);
}

static void
assert_contains(const char *text, const char *part)
{
	if (!text || !strstr(text, part))
		fail_msg("'%s' does not contain '%s'", text ? text : "(null)",
		    part);
}

static void
expect_quiet(const struct world *w)
{
	assert_int_equal(w->rc, 0);
	if (w->diags.count)
		dump(&w->diags);
	assert_int_equal(w->diags.count, 0);
}

/*
 * Checks that loading succeeded with exactly one finding, of `rule`, on
 * `path`, and returns it.
 */
static const struct diag *
expect_one(const struct world *w, const char *rule, const char *path)
{
	assert_int_equal(w->rc, 0);
	if (w->diags.count != 1)
		dump(&w->diags);
	assert_int_equal(w->diags.count, 1);
	assert_string_equal(w->diags.items[0].rule, rule);
	assert_string_equal(w->diags.items[0].path, path);
	return &w->diags.items[0];
}

static const struct record *
record_at(const struct world *w, const char *path)
{
	for (size_t i = 0; i < w->isms.record_count; i++)
		if (strcmp(w->isms.records[i].path, path) == 0)
			return &w->isms.records[i];
	fail_msg("no record for '%s'", path);
	return NULL;
}

static void
test_isms_load_clean_quiet(void **state)
{
	static const struct {
		const char *path;
		enum record_kind kind;
		const char *id;
	} expected[] = {
		{ "README.md", KIND_DOCUMENT, NULL },
		{ "changes/CHG-001-hardware-keys.md", KIND_CHANGE, "CHG-001" },
		{ "context/ISS-001-small-team.md", KIND_ISSUE, "ISS-001" },
		{ "context/ISS-002-regulation.md", KIND_ISSUE, "ISS-002" },
		{ "context/REQ-001-customer-terms.md", KIND_REQUIREMENT,
		  "REQ-001" },
		{ "objectives/OBJ-001-fewer-clicks.md", KIND_OBJECTIVE,
		  "OBJ-001" },
		{ "opportunities/OPP-001-automation.md", KIND_OPPORTUNITY,
		  "OPP-001" },
		{ "policies/access.md", KIND_DOCUMENT, NULL },
		{ "policies/with-front.md", KIND_DOCUMENT, "not an id" },
		{ "risks/RSK-001-phishing.md", KIND_RISK, "RSK-001" },
	};
	struct world *w = world_load(NULL);

	(void)state;
	expect_quiet(w);
	assert_true(w->isms.config_ok);
	assert_false(w->isms.soa.present);
	assert_string_equal(w->isms.source_label, "working tree");
	assert_int_equal(w->isms.record_count,
	    sizeof(expected) / sizeof(expected[0]));
	for (size_t i = 0; i < w->isms.record_count; i++) {
		const struct record *rec = &w->isms.records[i];

		assert_string_equal(rec->path, expected[i].path);
		if (rec->kind != expected[i].kind)
			fail_msg("'%s' has kind %d, expected %d", rec->path,
			    (int)rec->kind, (int)expected[i].kind);
		if (expected[i].id)
			assert_string_equal(rec->id, expected[i].id);
		else
			assert_null(rec->id);
	}
	assert_non_null(record_at(w, "risks/RSK-001-phishing.md")->risk);
	assert_non_null(record_at(w,
	    "changes/CHG-001-hardware-keys.md")->change);
	assert_string_equal(record_at(w, "risks/RSK-001-phishing.md")->title,
	    "Phishing of staff");
	world_free(w);
}

static void
test_isms_load_config_blob_id(void **state)
{
	struct world *w = world_load(NULL);
	char expected[41];
	git_oid oid;

	(void)state;
	assert_int_equal(git_odb_hash(&oid, config_yaml, strlen(config_yaml),
	    GIT_OBJECT_BLOB), 0);
	git_oid_tostr(expected, sizeof(expected), &oid);
	assert_string_equal(w->isms.config_blob_id, expected);
	world_free(w);
}

static void
test_isms_load_explicit_kind(void **state)
{
	static const struct file extra[] = {
		{ "registers/OPP-002-pilot.md", "---\nid: OPP-002\n"
		  "title: Pilot\nkind: opportunity\n" OPPORTUNITY_FIELDS
		  "---\n" },
		{ "risks/OPP-003-misfiled.md", "---\nid: OPP-003\n"
		  "title: Filed with the risks\nkind: opportunity\n"
		  OPPORTUNITY_FIELDS "---\n" },
		{ "context/REQ-002-board.md", "---\nid: REQ-002\n"
		  "title: Board\nkind: requirement\n" REQUIREMENT_FIELDS
		  "---\n" },
		{ NULL, NULL },
	};
	struct world *w = world_load(extra);

	(void)state;
	expect_quiet(w);
	assert_int_equal(record_at(w, "registers/OPP-002-pilot.md")->kind,
	    KIND_OPPORTUNITY);
	assert_int_equal(record_at(w, "risks/OPP-003-misfiled.md")->kind,
	    KIND_OPPORTUNITY);
	assert_null(record_at(w, "risks/OPP-003-misfiled.md")->risk);
	assert_int_equal(record_at(w, "context/REQ-002-board.md")->kind,
	    KIND_REQUIREMENT);
	assert_non_null(isms_find_record(&w->isms, "OPP-002"));
	world_free(w);
}

static void
test_isms_load_kind_outside_folder(void **state)
{
	static const struct file extra[] = {
		{ "registers/OPP-002-pilot.md", "---\nid: OPP-002\n"
		  "kind: opportunity\n" OPPORTUNITY_FIELDS "---\n" },
		{ NULL, NULL },
	};
	struct world *w = world_load(extra);
	const struct diag *d;

	(void)state;
	d = expect_one(w, "missing-field", "registers/OPP-002-pilot.md");
	assert_contains(d->message, "title");
	world_free(w);
}

static void
test_isms_load_invalid_kind(void **state)
{
	static const struct file extra[] = {
		{ "opportunities/OPP-002-x.md", "---\nid: OPP-002\n"
		  "title: X\nkind: asset\n" OPPORTUNITY_FIELDS "---\n" },
		{ NULL, NULL },
	};
	struct world *w = world_load(extra);

	(void)state;
	expect_one(w, "invalid-value", "opportunities/OPP-002-x.md");
	/* The folder still decides the kind. */
	assert_int_equal(record_at(w, "opportunities/OPP-002-x.md")->kind,
	    KIND_OPPORTUNITY);
	world_free(w);
}

static void
test_isms_load_context_kind_by_prefix(void **state)
{
	static const struct {
		const char *path;
		const char *text;
		enum record_kind kind;
	} cases[] = {
		{ "context/REQ-002-x.md", "---\nid: REQ-002\ntitle: X\n"
		  REQUIREMENT_FIELDS "---\n", KIND_REQUIREMENT },
		{ "context/ISS-003-x.md", "---\nid: ISS-003\ntitle: X\n---\n",
		  KIND_ISSUE },
		{ "context/ISS-003-x.md", "---\nid: ISS-003\ntitle: X\n"
		  "kind: internal\n---\n", KIND_ISSUE },
		{ "context/ISS-003-x.md", "---\nid: ISS-003\ntitle: X\n"
		  "kind: external\n---\n", KIND_ISSUE },
		{ "context/sub/ISS-003-x.md", "---\nid: ISS-003\ntitle: X\n"
		  "---\n", KIND_ISSUE },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct file extra[] = { { cases[i].path, cases[i].text },
			{ NULL, NULL } };
		struct world *w = world_load(extra);

		expect_quiet(w);
		if (record_at(w, cases[i].path)->kind != cases[i].kind)
			fail_msg("case %zu: '%s' has kind %d, expected %d", i,
			    cases[i].path, (int)record_at(w,
			    cases[i].path)->kind, (int)cases[i].kind);
		world_free(w);
	}
}

static void
test_isms_load_context_other_prefix(void **state)
{
	static const struct file extra[] = {
		{ "context/REQX-001-x.md",
		  "---\nid: REQX-001\ntitle: X\n---\n" },
		{ NULL, NULL },
	};
	struct world *w = world_load(extra);
	const struct diag *d;

	(void)state;
	d = expect_one(w, "record-id-prefix", "context/REQX-001-x.md");
	assert_contains(d->message, "'ISS-'");
	assert_int_equal(record_at(w, "context/REQX-001-x.md")->kind,
	    KIND_ISSUE);
	world_free(w);
}

static void
test_isms_load_record_no_id(void **state)
{
	static const struct {
		const char *path;
		const char *text;
		const char *hint;
	} cases[] = {
		{ "risks/RSK-002-x.md", "---\ntitle: No id\n" RISK_FIELDS
		  "---\n", "RSK-NNN" },
		{ "context/ISS-003-x.md", "---\ntitle: No id\n---\n",
		  "ISS-NNN" },
		{ "objectives/OBJ-002-x.md", "---\nid: [OBJ-002]\n"
		  "title: Id is a list\n---\n", "OBJ-NNN" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct file extra[] = { { cases[i].path, cases[i].text },
			{ NULL, NULL } };
		struct world *w = world_load(extra);
		const struct diag *d;

		assert_int_equal(w->rc, 0);
		assert_int_equal(diag_count_rule(&w->diags, "record-no-id"), 1);
		d = &w->diags.items[0];
		for (size_t k = 0; k < w->diags.count; k++)
			if (strcmp(w->diags.items[k].rule, "record-no-id") == 0)
				d = &w->diags.items[k];
		assert_string_equal(d->path, cases[i].path);
		assert_contains(d->message, cases[i].hint);
		world_free(w);
	}
}

static void
test_isms_load_record_id_format(void **state)
{
	static const char *const ids[] = { "rsk-007", "RSK-", "RSK-7a",
		"RSK7", "R2D2-1", "RSK--1", "-001", "RSK-\xc3\xa9" };
	char text[128];

	(void)state;
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct file extra[] = { { "risks/bad.md", text },
			{ NULL, NULL } };
		struct world *w;
		const struct diag *d;

		snprintf(text, sizeof(text), "---\nid: \"%s\"\ntitle: Bad\n"
		    RISK_FIELDS "---\n", ids[i]);
		w = world_load(extra);
		d = expect_one(w, "record-id-format", "risks/bad.md");
		assert_int_equal(d->line, 2);
		assert_contains(d->message, ids[i]);
		world_free(w);
	}
}

static void
test_isms_load_record_id_prefix(void **state)
{
	static const struct file extra[] = {
		{ "risks/OPP-009-misfiled.md", "---\nid: OPP-009\n"
		  "title: Misfiled\n" RISK_FIELDS "---\n" },
		{ NULL, NULL },
	};
	struct world *w = world_load(extra);
	const struct diag *d;

	(void)state;
	d = expect_one(w, "record-id-prefix", "risks/OPP-009-misfiled.md");
	assert_contains(d->message, "'OPP-009'");
	assert_contains(d->message, "'RSK-'");
	world_free(w);
}

/* Kind names that start with a vowel take "an": "an issue record". */
static void
test_isms_load_record_id_prefix_article(void **state)
{
	static const struct {
		const char *path;
		const char *text;
		const char *part;
	} cases[] = {
		{ "context/RSK-009-x.md", "---\nid: RSK-009\ntitle: X\n---\n",
		  "an issue record" },
		{ "objectives/RSK-009-x.md", "---\nid: RSK-009\ntitle: X\n"
		  OBJECTIVE_FIELDS "---\n", "an objective record" },
		{ "opportunities/RSK-009-x.md", "---\nid: RSK-009\ntitle: X\n"
		  OPPORTUNITY_FIELDS "---\n", "an opportunity record" },
		{ "changes/RSK-009-x.md", "---\nid: RSK-009\ntitle: X\n"
		  "status: proposed\n---\n", "a change record" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct file extra[] = { { cases[i].path, cases[i].text },
			{ NULL, NULL } };
		struct world *w = world_load(extra);
		const struct diag *d;

		d = expect_one(w, "record-id-prefix", cases[i].path);
		assert_contains(d->message, cases[i].part);
		world_free(w);
	}
}

static void
test_isms_load_record_file_name(void **state)
{
	static const struct {
		const char *path;
		const char *id;
		size_t findings;
	} cases[] = {
		{ "risks/RSK-002-x.md", "RSK-003", 1 },
		{ "risks/RSK-0021-x.md", "RSK-002", 1 },
		{ "risks/rsk-002-x.md", "RSK-002", 1 },
		{ "risks/x-RSK-002.md", "RSK-002", 1 },
		{ "risks/RSK-002.md", "RSK-002", 0 },
		{ "risks/RSK-002-x.md", "RSK-002", 0 },
		{ "risks/deeper/RSK-002-x.md", "RSK-002", 0 },
	};
	char text[128];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct file extra[] = { { cases[i].path, text },
			{ NULL, NULL } };
		struct world *w;

		snprintf(text, sizeof(text), "---\nid: %s\ntitle: X\n"
		    RISK_FIELDS "---\n", cases[i].id);
		w = world_load(extra);
		if (cases[i].findings == 0) {
			expect_quiet(w);
		} else {
			const struct diag *d = expect_one(w,
			    "record-file-name", cases[i].path);

			assert_contains(d->message, cases[i].id);
		}
		world_free(w);
	}
}

static void
test_isms_load_record_duplicate_id(void **state)
{
	static const char *const files[] = { "risks/RSK-001-copy.md",
		"risks/RSK-001-phishing.md" };
	static const struct file extra[] = {
		{ "risks/RSK-001-copy.md", RISK_001_HEAD "---\n" },
		{ NULL, NULL },
	};
	struct world *w = world_load(extra);
	const struct diag *d;
	int named[2] = { 0, 0 };

	(void)state;
	assert_int_equal(w->rc, 0);
	if (w->diags.count != 1)
		dump(&w->diags);
	assert_int_equal(w->diags.count, 1);
	d = &w->diags.items[0];
	assert_string_equal(d->rule, "record-duplicate-id");
	assert_contains(d->message, "'RSK-001'");
	assert_int_equal(d->line, 2);

	/* One file is the location and the message names the other. */
	for (size_t i = 0; i < 2; i++) {
		char quoted[64];

		snprintf(quoted, sizeof(quoted), "'%s'", files[i]);
		named[i] = strcmp(d->path, files[i]) == 0 ||
		    strstr(d->message, quoted) != NULL;
	}
	assert_true(named[0]);
	assert_true(named[1]);
	assert_string_not_equal(d->path, "");
	world_free(w);
}

static void
test_isms_load_record_no_frontmatter(void **state)
{
	static const char *const paths[] = { "risks/RSK-005-empty.md",
		"opportunities/OPP-002-x.md", "context/ISS-009-x.md",
		"changes/CHG-009-x.md" };
	static const char *const texts[] = { "# Just a heading\n", "" };

	(void)state;
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
			struct file extra[] = { { paths[i], texts[t] },
				{ NULL, NULL } };
			struct world *w = world_load(extra);
			const struct diag *d;

			d = expect_one(w, "record-no-frontmatter", paths[i]);
			assert_int_equal(d->line, 1);
			assert_null(isms_find_record(&w->isms, "RSK-005"));
			world_free(w);
		}
	}
}

static void
test_isms_load_ref_unknown_record(void **state)
{
	static const struct {
		const char *path;
		const char *text;
		const char *part;
	} cases[] = {
		{ "risks/RSK-001-phishing.md", RISK_001_HEAD
		  "sources: [ISS-001, ISS-404]\n---\n", "'ISS-404'" },
		{ "risks/RSK-001-phishing.md", RISK_001_HEAD
		  "objectives: [OBJ-404]\n---\n", "'OBJ-404'" },
		{ "changes/CHG-001-hardware-keys.md", "---\nid: CHG-001\n"
		  "title: Keys\nstatus: proposed\naffects: [RSK-404]\n---\n",
		  "'RSK-404'" },
		{ "changes/CHG-001-hardware-keys.md", "---\nid: CHG-001\n"
		  "title: Keys\nstatus: proposed\nscope: [RSK-404]\n---\n",
		  "'RSK-404'" },
		/* A document's id is not a record id. */
		{ "risks/RSK-001-phishing.md", RISK_001_HEAD
		  "sources: [POL-001]\n---\n", "'POL-001'" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct file extra[] = { { cases[i].path, cases[i].text },
			{ "policies/access.md", "---\nid: POL-001\n---\n" },
			{ NULL, NULL } };
		struct world *w = world_load(extra);
		const struct diag *d;

		d = expect_one(w, "ref-unknown-record", cases[i].path);
		assert_contains(d->message, cases[i].part);
		assert_true(d->line > 1);
		world_free(w);
	}
}

static void
test_isms_load_change_scope_glob_quiet(void **state)
{
	static const struct file extra[] = {
		{ "changes/CHG-001-hardware-keys.md", "---\nid: CHG-001\n"
		  "title: Keys\nstatus: proposed\nscope: [\"policies/*.md\", "
		  "README.md, \"risks/RSK-404-*.md\", ISS-001]\n---\n" },
		{ NULL, NULL },
	};
	struct world *w = world_load(extra);

	(void)state;
	expect_quiet(w);
	world_free(w);
}

static void
test_isms_load_ref_wrong_kind(void **state)
{
	static const struct {
		const char *path;
		const char *text;
		const char *part;
	} cases[] = {
		{ "risks/RSK-001-phishing.md", RISK_001_HEAD
		  "sources: [OBJ-001]\n---\n", "whose kind is 'objective'" },
		{ "risks/RSK-001-phishing.md", RISK_001_HEAD
		  "sources: [CHG-001]\n---\n", "whose kind is 'change'" },
		{ "risks/RSK-001-phishing.md", RISK_001_HEAD
		  "objectives: [ISS-001]\n---\n", "whose kind is 'issue'" },
		{ "risks/RSK-001-phishing.md", RISK_001_HEAD
		  "objectives: [RSK-001]\n---\n", "whose kind is 'risk'" },
		{ "changes/CHG-001-hardware-keys.md", "---\nid: CHG-001\n"
		  "title: Keys\nstatus: proposed\naffects: [REQ-001]\n---\n",
		  "whose kind is 'requirement'" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct file extra[] = { { cases[i].path, cases[i].text },
			{ NULL, NULL } };
		struct world *w = world_load(extra);
		const struct diag *d;

		d = expect_one(w, "ref-wrong-kind", cases[i].path);
		assert_contains(d->message, cases[i].part);
		world_free(w);
	}
}

/*
 * An implemented change to RSK-001 with every consideration filled in,
 * approved before each implemented_on the tests use, and reviewed after.
 */
#define CHANGE_IMPLEMENTED(status, implemented_on) \
	"---\nid: CHG-002\ntitle: Keys for everyone\nstatus: " status "\n" \
	"requested_by: ops\npurpose: P\nconsequences: C\nintegrity: I\n" \
	"resources: R\nresponsibilities: S\nscope: [\"policies/**\"]\n" \
	"affects: [RSK-001, OPP-001]\napproved_by: ciso\n" \
	"approved_on: 2026-04-10\nimplemented_on: " implemented_on "\n" \
	"review: {by: ciso, date: 2026-06-01, outcome: Keys in use}\n---\n"

static void
test_isms_load_risk_reassessment_due(void **state)
{
	static const struct file extra[] = {
		{ "changes/CHG-002-keys.md",
		  CHANGE_IMPLEMENTED("implemented", "2026-05-20") },
		{ NULL, NULL },
	};
	struct world *w = world_load(extra);
	const struct diag *d;

	(void)state;
	d = expect_one(w, "risk-reassessment-due",
	    "risks/RSK-001-phishing.md");
	assert_int_equal(d->severity, DIAG_WARNING);
	assert_contains(d->message, "'CHG-002'");
	assert_contains(d->message, "2026-05-20");
	/* The finding points at the review of the risk, on line 9. */
	assert_int_equal(d->line, 9);
	world_free(w);
}

static void
test_isms_load_reassessment_no_review(void **state)
{
	static const struct file extra[] = {
		{ "changes/CHG-002-keys.md",
		  CHANGE_IMPLEMENTED("reviewed", "2026-05-20") },
		{ "risks/RSK-001-phishing.md", RISK_001_HEAD "---\n" },
		{ NULL, NULL },
	};
	struct world *w = world_load(extra);
	const struct diag *d;

	(void)state;
	d = expect_one(w, "risk-reassessment-due",
	    "risks/RSK-001-phishing.md");
	/* Without a review the finding points at the id, on line 2. */
	assert_int_equal(d->line, 2);
	world_free(w);
}

static void
test_isms_load_risk_reassessment_quiet(void **state)
{
	static const struct {
		const char *name;
		const char *change;
	} cases[] = {
		{ "reviewed on the day", CHANGE_IMPLEMENTED("implemented",
		  "2026-05-01") },
		{ "reviewed after", CHANGE_IMPLEMENTED("implemented",
		  "2026-04-20") },
		{ "change not yet implemented", CHANGE_IMPLEMENTED(
		  "implementing", "2026-05-20") },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct file extra[] = { { "changes/CHG-002-keys.md",
			cases[i].change }, { NULL, NULL } };
		struct world *w = world_load(extra);

		if (w->diags.count)
			print_message("case: %s\n", cases[i].name);
		expect_quiet(w);
		world_free(w);
	}
}

static void
test_isms_load_documents_not_validated(void **state)
{
	static const struct file extra[] = {
		{ "policies/numbered.md", "---\nid: POL-001\n---\n# Policy\n" },
		{ "policies/odd.md", "---\nid: rsk 1\ntitle: Odd\n---\n" },
		{ "procedures/RSK-001-lookalike.md",
		  "---\nid: RSK-001\n---\n" },
		{ "docs/no-front.md", "Plain text\n" },
		{ NULL, NULL },
	};
	struct world *w = world_load(extra);

	(void)state;
	expect_quiet(w);
	assert_int_equal(record_at(w, "policies/numbered.md")->kind,
	    KIND_DOCUMENT);
	assert_int_equal(record_at(w, "procedures/RSK-001-lookalike.md")->kind,
	    KIND_DOCUMENT);
	assert_null(isms_find_record(&w->isms, "POL-001"));
	/* A document that shares a record's id neither clashes nor wins. */
	assert_string_equal(isms_find_record(&w->isms, "RSK-001")->path,
	    "risks/RSK-001-phishing.md");
	world_free(w);
}

static void
test_isms_load_missing_config_not_found(void **state)
{
	static const struct file extra[] = {
		{ "isms.yaml", NULL },
		{ NULL, NULL },
	};
	struct world *w = world_load(extra);

	(void)state;
	assert_int_equal(w->rc, ISMS_ENOTFOUND);
	assert_contains(error_message(), "isms.yaml");
	assert_contains(error_message(), "working tree");
	assert_non_null(error_hint());
	assert_int_equal(w->diags.count, 0);
	assert_int_equal(w->isms.record_count, 0);
	error_clear();
	world_free(w);
}

static void
test_isms_find_record_by_id(void **state)
{
	struct world *w = world_load(NULL);
	const struct record *rec;

	(void)state;
	rec = isms_find_record(&w->isms, "RSK-001");
	assert_non_null(rec);
	assert_string_equal(rec->path, "risks/RSK-001-phishing.md");
	assert_int_equal(rec->kind, KIND_RISK);
	rec = isms_find_record(&w->isms, "OPP-001");
	assert_non_null(rec);
	assert_int_equal(rec->kind, KIND_OPPORTUNITY);
	assert_null(isms_find_record(&w->isms, "RSK-404"));
	assert_null(isms_find_record(&w->isms, "RSK-00"));
	assert_null(isms_find_record(&w->isms, "rsk-001"));
	assert_null(isms_find_record(&w->isms, ""));
	assert_null(isms_find_record(&w->isms, "not an id"));
	world_free(w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_isms_load_clean_quiet),
		cmocka_unit_test(test_isms_load_config_blob_id),
		cmocka_unit_test(test_isms_load_explicit_kind),
		cmocka_unit_test(test_isms_load_kind_outside_folder),
		cmocka_unit_test(test_isms_load_invalid_kind),
		cmocka_unit_test(test_isms_load_context_kind_by_prefix),
		cmocka_unit_test(test_isms_load_context_other_prefix),
		cmocka_unit_test(test_isms_load_record_no_id),
		cmocka_unit_test(test_isms_load_record_id_format),
		cmocka_unit_test(test_isms_load_record_id_prefix),
		cmocka_unit_test(test_isms_load_record_id_prefix_article),
		cmocka_unit_test(test_isms_load_record_file_name),
		cmocka_unit_test(test_isms_load_record_duplicate_id),
		cmocka_unit_test(test_isms_load_record_no_frontmatter),
		cmocka_unit_test(test_isms_load_ref_unknown_record),
		cmocka_unit_test(test_isms_load_change_scope_glob_quiet),
		cmocka_unit_test(test_isms_load_ref_wrong_kind),
		cmocka_unit_test(test_isms_load_risk_reassessment_due),
		cmocka_unit_test(test_isms_load_reassessment_no_review),
		cmocka_unit_test(test_isms_load_risk_reassessment_quiet),
		cmocka_unit_test(test_isms_load_documents_not_validated),
		cmocka_unit_test(test_isms_load_missing_config_not_found),
		cmocka_unit_test(test_isms_find_record_by_id),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
