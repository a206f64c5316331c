#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "buf.h"
#include "error.h"
#include "msg.h"
#include "banned.h"

static int verbosity;

void
msg_set_verbosity(int level)
{
	verbosity = level;
}

static void
print_prefixed(const char *label, const char *fmt, va_list ap)
{
	struct buf line = BUF_INIT;

	buf_puts(&line, "isms: ");
	if (label)
		buf_printf(&line, "%s: ", label);
	buf_vprintf(&line, fmt, ap);
	buf_putc(&line, '\n');

	/* Results printed so far come first when both streams share a pipe. */
	fflush(stdout);
	fputs(line.ptr, stderr);
	buf_release(&line);
}

void
msg_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_prefixed("error", fmt, ap);
	va_end(ap);
}

void
msg_warning(const char *fmt, ...)
{
	va_list ap;

	if (verbosity < 0)
		return;
	va_start(ap, fmt);
	print_prefixed("warning", fmt, ap);
	va_end(ap);
}

void
msg_hint(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_prefixed("hint", fmt, ap);
	va_end(ap);
}

void
msg_note(const char *fmt, ...)
{
	va_list ap;

	if (verbosity < 0)
		return;
	va_start(ap, fmt);
	print_prefixed(NULL, fmt, ap);
	va_end(ap);
}

int
msg_use_color(FILE *stream, enum color_mode mode)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (mode == COLOR_ALWAYS)
		return 1;
	if (mode == COLOR_NEVER)
		return 0;
	if (no_color && *no_color)
		return 0;
	if (term && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(stream));
}

static const char *
severity_name(enum diag_severity severity)
{
	switch (severity) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	case DIAG_NOTE:
		return "note";
	}
	return "error";
}

static const char *
severity_color(enum diag_severity severity)
{
	switch (severity) {
	case DIAG_ERROR:
		return "\033[1;31m";
	case DIAG_WARNING:
		return "\033[1;35m";
	case DIAG_NOTE:
		return "\033[1;36m";
	}
	return "";
}

static void
format_location(struct buf *out, const struct diag *d, const char *prefix)
{
	buf_printf(out, "%s%s", prefix, d->path);
	if (d->line)
		buf_printf(out, ":%zu", d->line);
	if (d->line && d->col)
		buf_printf(out, ":%zu", d->col);
}

void
diag_print_text(FILE *out, const struct diag_list *list, const char *prefix,
    int color)
{
	struct buf line = BUF_INIT;

	for (size_t i = 0; i < list->count; i++) {
		const struct diag *d = &list->items[i];

		if (d->severity == DIAG_NOTE && verbosity < 0)
			continue;
		buf_reset(&line);
		if (color)
			buf_puts(&line, "\033[1m");
		format_location(&line, d, prefix);
		buf_puts(&line, ": ");
		if (color)
			buf_printf(&line, "%s%s:\033[0m ",
			    severity_color(d->severity),
			    severity_name(d->severity));
		else
			buf_printf(&line, "%s: ", severity_name(d->severity));
		buf_printf(&line, "%s [%s]\n", d->message, d->rule);
		fputs(line.ptr, out);
	}
	buf_release(&line);
}

int
diag_print_json(FILE *out, const struct diag_list *list, const char *prefix)
{
	json_t *root = json_object();
	json_t *items = json_array();
	struct buf path = BUF_INIT;
	int rc;

	for (size_t i = 0; i < list->count; i++) {
		const struct diag *d = &list->items[i];

		buf_reset(&path);
		buf_printf(&path, "%s%s", prefix, d->path);
		json_array_append_new(items, json_pack("{s:s, s:I, s:I, s:s, s:s, s:s}",
		    "path", path.ptr,
		    "line", (json_int_t)d->line,
		    "column", (json_int_t)d->col,
		    "severity", severity_name(d->severity),
		    "rule", d->rule,
		    "message", d->message));
	}
	json_object_set_new(root, "diagnostics", items);
	json_object_set_new(root, "errors",
	    json_integer((json_int_t)diag_count(list, DIAG_ERROR)));
	json_object_set_new(root, "warnings",
	    json_integer((json_int_t)diag_count(list, DIAG_WARNING)));

	rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
	buf_release(&path);
	return rc == 0 ? 0 : error_set(ISMS_EFAIL, "cannot write JSON output");
}
