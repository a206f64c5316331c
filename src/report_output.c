#include <stdio.h>
#include <string.h>

#include "date.h"
#include "buf.h"
#include "error.h"
#include "report_output.h"
#include "stamp.h"
#include "banned.h"

int
report_parse_format(const char *arg, const char *command,
    unsigned allowed, enum report_format *out)
{
	static const char *const names[] = {
		[REPORT_TABLE] = "table",
		[REPORT_MARKDOWN] = "markdown",
		[REPORT_CSV] = "csv",
		[REPORT_JSON] = "json",
		[REPORT_SVG] = "svg",
	};
	size_t count = sizeof(names) / sizeof(names[0]);
	struct buf choices = BUF_INIT;
	size_t listed = 0, total = 0;

	for (size_t i = 0; i < count; i++) {
		if (!(allowed & REPORT_FORMAT_BIT(i)))
			continue;
		total++;
		if (strcmp(arg, names[i]) == 0) {
			*out = (enum report_format)i;
			return 0;
		}
	}

	/* "table, markdown, csv or json": commas, then "or" before the last. */
	for (size_t i = 0; i < count; i++) {
		if (!(allowed & REPORT_FORMAT_BIT(i)))
			continue;
		listed++;
		if (listed > 1)
			buf_puts(&choices, listed == total ? " or " : ", ");
		buf_puts(&choices, names[i]);
	}
	error_set(ISMS_EUSAGE, "invalid format '%s' for %s; use %s", arg,
	    command, choices.ptr);
	buf_release(&choices);
	return ISMS_EUSAGE;
}

/* Prints "- <label>: <text>" with line breaks in the text as spaces. */
static void
print_item(FILE *out, const char *label, const char *text)
{
	fprintf(out, "- %s: ", label);
	for (const char *p = text ? text : "(not set)"; *p; p++)
		fputc(*p == '\n' || *p == '\r' ? ' ' : *p, out);
	fputc('\n', out);
}

void
report_print_markdown_header(FILE *out, const char *title,
    const struct isms *isms, const struct workspace *ws, int today)
{
	const struct config *config = &isms->config;
	struct buf source = BUF_INIT;
	char date[11];

	date_format(today, date);
	stamp_format_source(&source, isms, ws);

	fprintf(out, "# %s\n\n", title);
	print_item(out, "Organisation", config->organisation);
	print_item(out, "Scope", config->scope);
	print_item(out, "Source", source.ptr);
	print_item(out, "isms.yaml blob", isms->config_blob_id);
	fprintf(out, "- Tool: isms %s\n", ISMS_VERSION);
	print_item(out, "As of", date);
	buf_release(&source);
}

void
report_print_markdown_title(FILE *out, const char *title,
    const struct isms *isms)
{
	const char *organisation = isms->config.organisation;

	fprintf(out, "# %s: %s\n\n", title, organisation ? organisation : "");
}

void
report_format_person(struct buf *out, const struct config *config,
    const char *key)
{
	const struct person *person;

	if (!key)
		return;
	person = config_find_person(config, key);
	if (person && person->name)
		buf_printf(out, "%s (%s)", person->name, key);
	else
		buf_puts(out, key);
}

const char *
report_scale_name(const struct scale *scale, int position)
{
	if (position < 1 || (size_t)position > scale->count)
		return "?";
	return scale->entries[position - 1].name;
}

void
report_format_rating(struct buf *out, const struct criteria *criteria,
    const struct rating *rating)
{
	if (!rating_usable(rating))
		return;
	buf_printf(out, "%s x %s",
	    report_scale_name(&criteria->likelihood, rating->likelihood),
	    report_scale_name(&criteria->consequence, rating->consequence));
}

json_t *
report_json_string(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *
report_json_date(int present, int days)
{
	char date[11];

	if (!present)
		return json_null();
	date_format(days, date);
	return json_string(date);
}

int
report_print_json(json_t *root)
{
	int rc;

	rc = json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15));
	fputc('\n', stdout);
	json_decref(root);
	return rc == 0 ? 0 : error_set(ISMS_EFAIL, "cannot write JSON output");
}

/* Copies `t` into `out` with a last column of `stamp` in every row. */
static void
add_stamp_column(struct table *out, const struct table *t, const char *stamp)
{
	size_t columns = t->header.count;

	for (size_t i = 0; i < columns; i++)
		table_add_column(out, t->header.items[i]);
	table_add_column(out, "stamp");
	for (size_t i = 0; i < t->cells.count; i++) {
		table_add_cell(out, t->cells.items[i]);
		if (columns && (i + 1) % columns == 0)
			table_add_cell(out, stamp);
	}
}

static void
print_markdown(const struct report_forms *forms, const struct table *t,
    const char *summary, const char *stamp, const struct isms *isms,
    const struct workspace *ws, int today)
{
	if (!forms->intro) {
		report_print_markdown_title(stdout, forms->title, isms);
		table_print(stdout, t, TABLE_MARKDOWN);
		fputc('\n', stdout);
		if (summary)
			printf("%s\n\n", summary);
		printf("_%s_\n", stamp);
		return;
	}

	report_print_markdown_header(stdout, forms->title, isms, ws, today);
	printf("\n%s\n\n", forms->intro);
	if (summary)
		printf("Summary: %s.\n\n", summary);
	if (forms->notes)
		printf("%s\n\n", forms->notes);
	if (table_rows(t))
		table_print(stdout, t, TABLE_MARKDOWN);
	else
		printf("%s\n", forms->empty);
}

int
report_print(const struct report_forms *forms, const void *view,
    enum report_format format, const struct isms *isms,
    const struct workspace *ws, int today)
{
	struct table t = TABLE_INIT, csv = TABLE_INIT;
	struct buf summary = BUF_INIT, stamp = BUF_INIT;
	const char *summary_line = NULL;
	json_t *root;

	if (format == REPORT_JSON) {
		root = json_object();
		json_object_set_new(root, "stamp", stamp_json(isms, ws, today));
		forms->add_json(root, view);
		return report_print_json(root);
	}
	if (format == REPORT_TABLE && forms->print_text) {
		forms->print_text(view);
		return 0;
	}
	if (format == REPORT_MARKDOWN && forms->print_markdown) {
		forms->print_markdown(view);
		return 0;
	}

	forms->build_table(&t, view);
	if (forms->format_summary) {
		forms->format_summary(&summary, view);
		summary_line = summary.ptr;
	}
	stamp_format(&stamp, isms, ws, today);
	switch (format) {
	case REPORT_TABLE:
		table_print(stdout, &t, TABLE_TEXT);
		fputc('\n', stdout);
		if (summary_line)
			printf("%s\n", summary_line);
		printf("%s\n", stamp.ptr);
		break;
	case REPORT_MARKDOWN:
		print_markdown(forms, &t, summary_line, stamp.ptr, isms, ws,
		    today);
		break;
	case REPORT_CSV:
		add_stamp_column(&csv, &t, stamp.ptr);
		table_print(stdout, &csv, TABLE_CSV);
		break;
	case REPORT_JSON:
	case REPORT_SVG:
		/* Printed above, or by the command that draws the image. */
		break;
	}
	table_release(&t);
	table_release(&csv);
	buf_release(&summary);
	buf_release(&stamp);
	return 0;
}
