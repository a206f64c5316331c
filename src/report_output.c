#include <stdio.h>
#include <string.h>

#include "error.h"
#include "report_output.h"
#include "banned.h"

int
report_parse_format(const char *arg, const char *command,
    enum report_format *out)
{
	static const char *const names[] = {
		[REPORT_TABLE] = "table",
		[REPORT_MARKDOWN] = "markdown",
		[REPORT_CSV] = "csv",
		[REPORT_JSON] = "json",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(arg, names[i]) == 0) {
			*out = (enum report_format)i;
			return 0;
		}
	}
	return error_set(ISMS_EUSAGE, "invalid format '%s' for %s; use "
	    "table, markdown, csv or json", arg, command);
}

/*
 * "working tree (HEAD 1a2b3c4d5e6f)", "index (HEAD …)" or a commit id,
 * as the stamp of stamp.h writes the source.
 */
static void
format_source(struct buf *out, const struct isms *isms,
    const struct workspace *ws)
{
	buf_puts(out, isms->source_label);
	if (source_kind(ws->source) != SOURCE_COMMIT && ws->head_id)
		buf_printf(out, " (HEAD %.12s%s)", ws->head_id,
		    ws->dirty ? ", with uncommitted changes" : "");
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
	format_source(&source, isms, ws);

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
