#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "csv.h"
#include "diag.h"
#include "error.h"
#include "import.h"
#include "yaml_doc.h"
#include "banned.h"

/* A parsed map, sheet and result, released by release_run(). */
struct run {
	struct import_map map;
	struct csv_table table;
	struct import_result result;
};

static void
init_run(struct run *run)
{
	struct import_map map = IMPORT_MAP_INIT;
	struct csv_table table = CSV_TABLE_INIT;
	struct import_result result = IMPORT_RESULT_INIT;

	run->map = map;
	run->table = table;
	run->result = result;
	error_clear();
}

static void
release_run(struct run *run)
{
	import_result_release(&run->result);
	csv_table_release(&run->table);
	import_map_release(&run->map);
}

/*
 * Parses `map` and `csv` and imports; the map and the CSV must be valid.
 * Returns what import_rows() returned.
 */
static int
import_text(struct run *run, const char *map, const char *csv)
{
	init_run(run);
	assert_int_equal(import_map_parse(&run->map, map, strlen(map),
	    "map.yaml"), 0);
	assert_int_equal(csv_parse(&run->table, csv, strlen(csv), 0,
	    "sheet.csv"), 0);
	return import_rows(&run->result, &run->map, &run->table, "sheet.csv");
}

static int
parse_map(struct run *run, const char *map)
{
	init_run(run);
	return import_map_parse(&run->map, map, strlen(map), "map.yaml");
}

static const char basic_map[] =
    "columns:\n"
    "  id: id\n"
    "  title: title\n"
    "  owner: owner\n"
    "  inherent.likelihood: probability\n"
    "  inherent.consequence: impact\n"
    "  inherent.score: score\n"
    "  inherent.level: level\n"
    "  review.next: next_review\n"
    "  loss.single: sle\n"
    "  loss.per_year: aro\n"
    "defaults:\n"
    "  status: assessed\n"
    "  loss.currency: EUR\n"
    "labels:\n"
    "  owner: {CEO: ceo}\n"
    "  inherent.level: {Critical: critical, High: high}\n";

static const char basic_header[] =
    "id,title,owner,probability,impact,score,level,next_review,sle,aro,"
    "category\n";

static void
test_import_rows_writes_frontmatter(void **state)
{
	struct run run;
	struct buf csv = BUF_INIT;

	(void)state;
	buf_puts(&csv, basic_header);
	buf_puts(&csv, "R-FOUNDER-001,Founder Burnout/Incapacitation,CEO,4,6,"
	    "480,Critical,2026-09-28,\xe2\x82\xac" "50K,0.3,"
	    "Business Continuity\n");
	assert_int_equal(import_text(&run, basic_map, csv.ptr), 0);
	assert_int_equal(run.result.count, 1);
	assert_int_equal(run.result.notes.count, 0);
	assert_string_equal(run.result.files[0].id, "RSK-001");
	assert_string_equal(run.result.files[0].name,
	    "RSK-001-founder-burnout-incapacitation.md");
	assert_int_equal(run.result.files[0].line, 2);
	assert_string_equal(run.result.files[0].text,
	    "---\n"
	    "id: RSK-001\n"
	    "title: Founder Burnout/Incapacitation\n"
	    "external_id: R-FOUNDER-001\n"
	    "owner: ceo\n"
	    "status: assessed\n"
	    "inherent:\n"
	    "  likelihood: 4\n"
	    "  consequence: 6\n"
	    "  score: 480\n"
	    "  level: critical\n"
	    "review:\n"
	    "  next: 2026-09-28\n"
	    "loss:\n"
	    "  per_year: 0.3\n"
	    "  single: 50000\n"
	    "  currency: EUR\n"
	    "---\n"
	    "\n"
	    "## Imported columns\n"
	    "\n"
	    "- category: Business Continuity\n");
	assert_int_equal(run.result.files[0].len,
	    strlen(run.result.files[0].text));
	buf_release(&csv);
	release_run(&run);
}

static void
test_import_rows_frontmatter_reads_back(void **state)
{
	struct run run;
	struct diag_list diags = DIAG_LIST_INIT;
	struct ynode *root = NULL;
	const char *text;
	const char *end;
	const struct ynode *inherent;

	(void)state;
	assert_int_equal(import_text(&run,
	    "columns: {title: title, owner: owner, threat: threat,"
	    " inherent.likelihood: l, inherent.consequence: c}\n",
	    "title,owner,threat,l,c\n"
	    "\"Backup: \"\"no\"\" # restore\",no,\"line one\nline two\",04,"
	    "major\n"), 0);
	text = run.result.files[0].text + 4;
	end = strstr(text, "\n---\n");
	assert_non_null(end);
	assert_int_equal(yaml_doc_parse(&root, text, (size_t)(end - text) + 1,
	    "out.md", 1, &diags), 0);
	assert_string_equal(ynode_get(root, "title")->value,
	    "Backup: \"no\" # restore");
	/* "no" is quoted, so YAML 1.1 tools read a string too. */
	assert_string_equal(ynode_get(root, "owner")->value, "no");
	assert_false(ynode_get(root, "owner")->plain);
	assert_string_equal(ynode_get(root, "threat")->value,
	    "line one\nline two");
	inherent = ynode_get(root, "inherent");
	assert_non_null(inherent);
	assert_string_equal(ynode_get(inherent, "likelihood")->value, "4");
	assert_true(ynode_get(inherent, "likelihood")->plain);
	assert_string_equal(ynode_get(inherent, "consequence")->value,
	    "major");
	ynode_free(root);
	diag_list_release(&diags);
	release_run(&run);
}

static void
test_import_rows_labels_translate_values(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(import_text(&run,
	    "columns: {title: t, owner: o, inherent.level: l}\n"
	    "labels:\n"
	    "  owner: {CEO: ceo, Chief Technology Officer: cto}\n"
	    "  inherent.level: {Critical: critical}\n",
	    "t,o,l\nA,CEO,Critical\nB,Chief Technology Officer,CRITICAL\n"
	    "C,ops,Odd\n"), 0);
	assert_int_equal(run.result.count, 3);
	assert_non_null(strstr(run.result.files[0].text, "owner: ceo\n"));
	assert_non_null(strstr(run.result.files[0].text, "level: critical\n"));
	assert_non_null(strstr(run.result.files[1].text, "owner: cto\n"));
	/* Labels match without regard to case when no exact entry fits. */
	assert_non_null(strstr(run.result.files[1].text, "level: critical\n"));
	/* A value without a label is kept as written. */
	assert_non_null(strstr(run.result.files[2].text, "owner: ops\n"));
	assert_non_null(strstr(run.result.files[2].text, "level: Odd\n"));
	release_run(&run);
}

static void
test_import_rows_sheet_scale_exceeded(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(import_text(&run,
	    "columns: {title: t, inherent.likelihood: p, "
	    "inherent.consequence: i}\n"
	    "scales: {inherent.consequence: 5}\n",
	    "t,p,i\nA,4,6\nB,4,5\n"), 0);
	assert_int_equal(run.result.count, 2);
	/* The value is kept; only the row above the sheet's scale is noted. */
	assert_non_null(strstr(run.result.files[0].text, "consequence: 6\n"));
	assert_int_equal(diag_count_rule(&run.result.notes,
	    "import-outside-sheet-scale"), 1);
	assert_int_equal(run.result.notes.items[0].line, 2);
	release_run(&run);
}

static void
test_import_map_scales_rejects_other_fields(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(parse_map(&run,
	    "columns: {title: t, owner: o}\nscales: {owner: 5}\n"),
	    ISMS_EFAIL);
	assert_non_null(strstr(error_message(), "'scales' takes only"));
	release_run(&run);
}

static void
test_import_rows_unmapped_columns_in_body(void **state)
{
	struct run run;
	const char *text;

	(void)state;
	assert_int_equal(import_text(&run, "columns: {title: title}\n",
	    "title,category,,notes,empty\n"
	    "Fire,Physical,stray,\"two\nlines\",\n"), 0);
	text = run.result.files[0].text;
	assert_non_null(strstr(text,
	    "---\n\n## Imported columns\n\n"
	    "- category: Physical\n"
	    "- column 3: stray\n"
	    "- notes: two\n"
	    "  lines\n"));
	assert_null(strstr(text, "empty"));
	assert_null(strstr(text, "- title"));
	release_run(&run);
}

static void
test_import_rows_renumbers_foreign_ids(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(import_text(&run,
	    "columns: {id: id, title: t}\n",
	    "id,t\nR-A-1,A\n,B\nRSK-002,C\nRSK-9,D\n"), 0);
	assert_int_equal(run.result.count, 4);
	/* Kept ids (RSK-002, RSK-9) are not given out again. */
	assert_string_equal(run.result.files[0].id, "RSK-001");
	assert_non_null(strstr(run.result.files[0].text,
	    "external_id: R-A-1\n"));
	assert_string_equal(run.result.files[1].id, "RSK-003");
	assert_null(strstr(run.result.files[1].text, "external_id"));
	assert_string_equal(run.result.files[2].id, "RSK-002");
	assert_null(strstr(run.result.files[2].text, "external_id"));
	assert_string_equal(run.result.files[3].id, "RSK-9");
	release_run(&run);
}

static void
test_import_rows_renumber_always(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(import_text(&run,
	    "columns: {id: id, title: t}\n"
	    "id: {renumber: always, prefix: RISK, digits: 4, start: 10}\n",
	    "id,t\nRISK-0001,A\nX,B\n"), 0);
	assert_string_equal(run.result.files[0].id, "RISK-0010");
	assert_non_null(strstr(run.result.files[0].text,
	    "external_id: RISK-0001\n"));
	assert_string_equal(run.result.files[1].name, "RISK-0011-b.md");
	release_run(&run);
}

static void
test_import_rows_renumber_never_rejects(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(import_text(&run,
	    "columns: {id: id, title: t}\nid: {renumber: never}\n",
	    "id,t\nRSK-001,A\nR-FOUNDER-001,B\n"), ISMS_EFAIL);
	assert_string_equal(error_message(),
	    "sheet.csv:3: id 'R-FOUNDER-001' does not have the form "
	    "RSK-<digits> (set 'renumber: auto' in the map to number such rows)");
	release_run(&run);
}

static void
test_import_rows_duplicate_id_rejected(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(import_text(&run, "columns: {id: id, title: t}\n",
	    "id,t\nRSK-001,A\nRSK-2,B\nRSK-1,C\n"), ISMS_EFAIL);
	assert_string_equal(error_message(),
	    "sheet.csv:4: id 'RSK-1' has the same number as 'RSK-001' on line 2");
	release_run(&run);
}

static void
test_import_rows_money_and_rates(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(import_text(&run,
	    "columns: {title: t, loss.single: s, loss.per_year: r}\n",
	    "t,s,r\n"
	    "A,\xe2\x82\xac" "1.6K,0.10\n"
	    "B,\"USD 2,500\",1\n"
	    "C,3 M \xc2\xa3,.5\n"), 0);
	assert_int_equal(run.result.notes.count, 0);
	assert_non_null(strstr(run.result.files[0].text,
	    "loss:\n  per_year: 0.1\n  single: 1600\n  currency: EUR\n"));
	assert_non_null(strstr(run.result.files[1].text,
	    "loss:\n  per_year: 1\n  single: 2500\n  currency: USD\n"));
	assert_non_null(strstr(run.result.files[2].text,
	    "loss:\n  per_year: 0.5\n  single: 3000000\n  currency: GBP\n"));
	release_run(&run);
}

static void
test_import_rows_unreadable_loss_left_out(void **state)
{
	struct buf csv = BUF_INIT;
	struct run run;
	const char *text;
	const struct diag *note;

	(void)state;
	buf_puts(&csv, basic_header);
	buf_puts(&csv, "R-GDPR-001,GDPR,CEO,1,5,100,Medium,2026-09-28,"
	    "\xe2\x82\xac" "100K,\"0.01 (current), 0.05 (post-revenue)\","
	    "Legal\n");
	assert_int_equal(import_text(&run, basic_map, csv.ptr), 0);
	text = run.result.files[0].text;
	assert_null(strstr(text, "loss:"));
	assert_null(strstr(text, "currency"));
	/* Both loss cells stay in the body, not only the unreadable one. */
	assert_non_null(strstr(text,
	    "- sle: \xe2\x82\xac" "100K\n"
	    "- aro: 0.01 (current), 0.05 (post-revenue)\n"));
	assert_int_equal(run.result.notes.count, 1);
	note = &run.result.notes.items[0];
	assert_int_equal(note->severity, DIAG_WARNING);
	assert_string_equal(note->path, "sheet.csv");
	assert_int_equal(note->line, 2);
	assert_string_equal(note->rule, "import-unreadable-value");
	assert_non_null(strstr(note->message,
	    "'0.01 (current), 0.05 (post-revenue)' in column 'aro'"));
	buf_release(&csv);
	release_run(&run);
}

static void
test_import_rows_incomplete_loss_left_out(void **state)
{
	struct buf csv = BUF_INIT;
	struct run run;

	(void)state;
	buf_puts(&csv, basic_header);
	buf_puts(&csv, "R-1,A,CEO,1,1,1,High,2026-01-01,\xe2\x82\xac" "5K,,x\n");
	assert_int_equal(import_text(&run, basic_map, csv.ptr), 0);
	assert_null(strstr(run.result.files[0].text, "loss:"));
	assert_non_null(strstr(run.result.files[0].text,
	    "- sle: \xe2\x82\xac" "5K\n"));
	assert_int_equal(run.result.notes.count, 1);
	assert_string_equal(run.result.notes.items[0].rule,
	    "import-incomplete-loss");
	assert_non_null(strstr(run.result.notes.items[0].message,
	    "'loss.per_year'"));
	buf_release(&csv);
	release_run(&run);
}

static void
test_import_rows_currency_conflict(void **state)
{
	struct buf csv = BUF_INIT;
	struct run run;

	(void)state;
	buf_puts(&csv, basic_header);
	buf_puts(&csv, "R-1,A,CEO,1,1,1,High,2026-01-01,$5K,0.5,x\n");
	assert_int_equal(import_text(&run, basic_map, csv.ptr), 0);
	assert_null(strstr(run.result.files[0].text, "loss:"));
	assert_int_equal(run.result.notes.count, 1);
	assert_non_null(strstr(run.result.notes.items[0].message,
	    "EUR and USD"));
	buf_release(&csv);
	release_run(&run);
}

static void
test_import_rows_unreadable_score_and_date(void **state)
{
	struct buf csv = BUF_INIT;
	struct run run;
	const char *text;

	(void)state;
	buf_puts(&csv, basic_header);
	buf_puts(&csv, "R-1,A,CEO,1,1,high,High,Q3 2026,,,x\n");
	assert_int_equal(import_text(&run, basic_map, csv.ptr), 0);
	text = run.result.files[0].text;
	assert_null(strstr(text, "  score:"));
	assert_null(strstr(text, "review:\n"));
	assert_non_null(strstr(text, "- score: high\n- next_review: Q3 2026\n"));
	assert_int_equal(run.result.notes.count, 2);
	assert_non_null(strstr(run.result.notes.items[0].message,
	    "as an integer for 'inherent.score'"));
	assert_non_null(strstr(run.result.notes.items[1].message,
	    "as a date (YYYY-MM-DD) for 'review.next'"));
	buf_release(&csv);
	release_run(&run);
}

static void
test_import_rows_quotes_ambiguous_strings(void **state)
{
	struct run run;
	const char *text;

	(void)state;
	assert_int_equal(import_text(&run,
	    "columns: {title: t, owner: o, threat: h, vulnerability: v,"
	    " assets: a}\n",
	    "t,o,h,v,a\n0755,on,1:20,~,\"yes, db\"\n"), 0);
	text = run.result.files[0].text;
	assert_non_null(strstr(text, "title: '0755'\n"));
	assert_non_null(strstr(text, "owner: 'on'\n"));
	assert_non_null(strstr(text, "threat: '1:20'\n"));
	assert_non_null(strstr(text, "vulnerability: '~'\n"));
	assert_non_null(strstr(text, "assets: ['yes', db]\n"));
	release_run(&run);
}

static void
test_import_rows_cia_from_flags_and_list(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(import_text(&run,
	    "columns: {title: t, cia: cia, cia.confidentiality: c,"
	    " cia.availability: a}\n"
	    "labels:\n"
	    "  cia.confidentiality: {Public: \"\"}\n"
	    "  cia: {I: integrity}\n",
	    "t,cia,c,a\nA,,Extreme,High\nB,I,Public,\nC,,,\n"), 0);
	assert_non_null(strstr(run.result.files[0].text,
	    "cia: [confidentiality, availability]\n"));
	/* The ratings have no field, so they stay in the body. */
	assert_non_null(strstr(run.result.files[0].text,
	    "- c: Extreme\n- a: High\n"));
	assert_non_null(strstr(run.result.files[1].text,
	    "cia: [integrity]\n"));
	assert_non_null(strstr(run.result.files[1].text, "- c: Public\n"));
	assert_null(strstr(run.result.files[2].text, "cia"));
	release_run(&run);
}

static void
test_import_rows_consequence_dimensions(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(import_text(&run,
	    "columns: {title: t, inherent.likelihood: l,"
	    " inherent.consequences.financial: f,"
	    " inherent.consequences.legal: g}\n",
	    "t,l,f,g\nA,2,3,minor\n"), 0);
	assert_non_null(strstr(run.result.files[0].text,
	    "inherent:\n"
	    "  likelihood: 2\n"
	    "  consequences:\n"
	    "    financial: 3\n"
	    "    legal: minor\n"));
	release_run(&run);
}

static void
test_import_rows_sections_and_escaping(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(import_text(&run,
	    "columns: {title: t}\n"
	    "sections:\n"
	    "  - {heading: Scenario, column: d}\n"
	    "  - {heading: Treatment plan, column: p, split: \" | \"}\n",
	    "t,d,p\n"
	    "A,\"# not a heading\n- not a list\n1. nor this\n---\","
	    "\"Priority 1: x | # y |  | Priority 3\"\n"), 0);
	assert_string_equal(strstr(run.result.files[0].text, "---\n\n") + 4,
	    "\n"
	    "## Scenario\n"
	    "\n"
	    "\\# not a heading\n"
	    "\\- not a list\n"
	    "1\\. nor this\n"
	    "\\---\n"
	    "\n"
	    "## Treatment plan\n"
	    "\n"
	    "- Priority 1: x\n"
	    "- \\# y\n"
	    "- Priority 3\n");
	release_run(&run);
}

static void
test_import_rows_skips_empty_records(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(import_text(&run, "columns: {id: id, title: t}\n",
	    "id,t\n,\nR-1,A\n , \n"), 0);
	assert_int_equal(run.result.count, 1);
	assert_string_equal(run.result.files[0].id, "RSK-001");
	assert_int_equal(run.result.files[0].line, 3);
	release_run(&run);
}

static void
test_import_rows_empty_title_rejected(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(import_text(&run, "columns: {title: t}\n",
	    "t,x\nA,1\n ,2\n"), ISMS_EFAIL);
	assert_string_equal(error_message(), "sheet.csv:3: empty title in column 't'");
	release_run(&run);
}

static void
test_import_rows_missing_column_rejected(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(import_text(&run,
	    "columns:\n  title: t\n  owner: Owner\n", "t,owner\nA,b\n"),
	    ISMS_EFAIL);
	assert_string_equal(error_message(),
	    "map.yaml:3: column 'Owner' is not in the header of 'sheet.csv'");
	release_run(&run);
}

static void
test_import_rows_column_named_twice_rejected(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(import_text(&run, "columns: {title: t}\n",
	    "t,t\nA,B\n"), ISMS_EFAIL);
	assert_non_null(strstr(error_message(), "appears twice"));
	release_run(&run);
}

static void
test_import_rows_rejects_doubtful_amounts(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(import_text(&run,
	    "columns: {title: t, loss.single: s, loss.per_year: r}\n",
	    "t,s,r\nA,\"1,5\",0.1\nB,1.2.3K,0.1\nC,5K EUR USD,0.1\n"
	    "D,50 000,0.1\n"), 0);
	assert_int_equal(run.result.count, 4);
	assert_int_equal(run.result.notes.count, 4);
	for (size_t i = 0; i < run.result.count; i++)
		assert_null(strstr(run.result.files[i].text, "loss:"));
	assert_non_null(strstr(run.result.notes.items[0].message,
	    "'1,5' in column 's' as an amount of money"));
	assert_int_equal(run.result.notes.items[3].line, 5);
	release_run(&run);
}

static void
test_import_map_from_header_fields(void **state)
{
	static const char csv[] =
	    "title,owner,inherent.likelihood,notes\nFire,ciso,3,x\n";
	struct run run;

	(void)state;
	init_run(&run);
	assert_int_equal(csv_parse(&run.table, csv, strlen(csv), 0,
	    "sheet.csv"), 0);
	assert_int_equal(import_map_from_header(&run.map, &run.table,
	    "sheet.csv"), 0);
	assert_int_equal(import_rows(&run.result, &run.map, &run.table,
	    "sheet.csv"), 0);
	assert_string_equal(run.result.files[0].text,
	    "---\n"
	    "id: RSK-001\n"
	    "title: Fire\n"
	    "owner: ciso\n"
	    "inherent:\n"
	    "  likelihood: 3\n"
	    "---\n"
	    "\n"
	    "## Imported columns\n"
	    "\n"
	    "- notes: x\n");
	release_run(&run);
}

static void
test_import_map_from_header_no_title(void **state)
{
	static const char csv[] = "name,owner\nFire,ciso\n";
	struct run run;

	(void)state;
	init_run(&run);
	assert_int_equal(csv_parse(&run.table, csv, strlen(csv), 0,
	    "sheet.csv"), 0);
	assert_int_equal(import_map_from_header(&run.map, &run.table,
	    "sheet.csv"), ISMS_EFAIL);
	assert_non_null(strstr(error_message(), "sheet.csv:1: no 'title'"));
	release_run(&run);
}

static void
test_import_map_parse_rejects_unknown_field(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(parse_map(&run,
	    "columns:\n  title: t\n  inherent.likelyhood: p\n"), ISMS_EFAIL);
	assert_string_equal(error_message(),
	    "map.yaml:3: unknown field 'inherent.likelyhood' in 'columns' "
	    "(docs/import.md lists the fields)");
	release_run(&run);
}

static void
test_import_map_parse_requires_title(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(parse_map(&run, "columns: {owner: o}\n"), ISMS_EFAIL);
	assert_non_null(strstr(error_message(), "'title'"));
	release_run(&run);
}

static void
test_import_map_parse_checks_defaults(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(parse_map(&run,
	    "columns: {title: t}\ndefaults: {loss.per_year: often}\n"),
	    ISMS_EFAIL);
	assert_string_equal(error_message(),
	    "map.yaml:2: default 'often' for 'loss.per_year' is not a number");
	release_run(&run);
	assert_int_equal(parse_map(&run,
	    "columns: {title: t}\ndefaults: {title: x}\n"), ISMS_EFAIL);
	release_run(&run);
}

static void
test_import_map_parse_rejects_bad_id_options(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(parse_map(&run,
	    "columns: {title: t}\nid: {renumber: sometimes}\n"), ISMS_EFAIL);
	release_run(&run);
	assert_int_equal(parse_map(&run,
	    "columns: {title: t}\nid: {prefix: rsk}\n"), ISMS_EFAIL);
	release_run(&run);
	assert_int_equal(parse_map(&run,
	    "columns: {title: t}\nid: {digits: 12}\n"), ISMS_EFAIL);
	release_run(&run);
	assert_int_equal(parse_map(&run,
	    "columns: {title: t}\nid: {width: 3}\n"), ISMS_EFAIL);
	assert_non_null(strstr(error_message(), "unknown key 'width'"));
	release_run(&run);
}

static void
test_import_map_parse_rejects_yaml_aliases(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(parse_map(&run,
	    "columns: &c {title: t}\nlabels: {owner: *c}\n"), ISMS_EFAIL);
	assert_non_null(strstr(error_message(), "map.yaml:1:"));
	release_run(&run);
}

static void
test_import_map_parse_rejects_orphan_labels(void **state)
{
	struct run run;

	(void)state;
	assert_int_equal(parse_map(&run,
	    "columns: {title: t}\nlabels: {owner: {CEO: ceo}}\n"), ISMS_EFAIL);
	assert_non_null(strstr(error_message(), "'owner'"));
	release_run(&run);
}

static void
test_import_slug_cases(void **state)
{
	static const struct {
		const char *title;
		const char *slug;
	} cases[] = {
		{ "Founder Burnout/Incapacitation",
		  "founder-burnout-incapacitation" },
		{ "  --AWS  Service  Disruption!! ", "aws-service-disruption" },
		{ "Caf\xc3\xa9 Wi-Fi", "caf-wi-fi" },
		{ "\xc3\x89t\xc3\xa9", "t" },
		{ "!!!", "risk" },
		{ "", "risk" },
		/* Cut at the last hyphen within 50 characters. */
		{ "Loss of the primary data centre through flooding of the "
		  "basement", "loss-of-the-primary-data-centre-through-flooding" },
		/* No hyphen to cut at: cut at 50. */
		{ "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
	};
	struct buf b = BUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&b);
		import_slug(&b, cases[i].title);
		assert_string_equal(b.ptr, cases[i].slug);
		assert_true(b.len <= IMPORT_SLUG_MAX);
	}
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_rows_writes_frontmatter),
		cmocka_unit_test(test_import_rows_frontmatter_reads_back),
		cmocka_unit_test(test_import_rows_labels_translate_values),
		cmocka_unit_test(test_import_rows_sheet_scale_exceeded),
		cmocka_unit_test(test_import_map_scales_rejects_other_fields),
		cmocka_unit_test(test_import_rows_unmapped_columns_in_body),
		cmocka_unit_test(test_import_rows_renumbers_foreign_ids),
		cmocka_unit_test(test_import_rows_renumber_always),
		cmocka_unit_test(test_import_rows_renumber_never_rejects),
		cmocka_unit_test(test_import_rows_duplicate_id_rejected),
		cmocka_unit_test(test_import_rows_money_and_rates),
		cmocka_unit_test(test_import_rows_unreadable_loss_left_out),
		cmocka_unit_test(test_import_rows_incomplete_loss_left_out),
		cmocka_unit_test(test_import_rows_currency_conflict),
		cmocka_unit_test(test_import_rows_unreadable_score_and_date),
		cmocka_unit_test(test_import_rows_quotes_ambiguous_strings),
		cmocka_unit_test(test_import_rows_cia_from_flags_and_list),
		cmocka_unit_test(test_import_rows_consequence_dimensions),
		cmocka_unit_test(test_import_rows_sections_and_escaping),
		cmocka_unit_test(test_import_rows_skips_empty_records),
		cmocka_unit_test(test_import_rows_empty_title_rejected),
		cmocka_unit_test(test_import_rows_missing_column_rejected),
		cmocka_unit_test(test_import_rows_column_named_twice_rejected),
		cmocka_unit_test(test_import_rows_rejects_doubtful_amounts),
		cmocka_unit_test(test_import_map_from_header_fields),
		cmocka_unit_test(test_import_map_from_header_no_title),
		cmocka_unit_test(test_import_map_parse_rejects_unknown_field),
		cmocka_unit_test(test_import_map_parse_requires_title),
		cmocka_unit_test(test_import_map_parse_checks_defaults),
		cmocka_unit_test(test_import_map_parse_rejects_bad_id_options),
		cmocka_unit_test(test_import_map_parse_rejects_yaml_aliases),
		cmocka_unit_test(test_import_map_parse_rejects_orphan_labels),
		cmocka_unit_test(test_import_slug_cases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
