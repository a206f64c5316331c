#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "github_format.h"
#include "banned.h"

static const char *
command_name(enum diag_severity severity)
{
	switch (severity) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	case DIAG_NOTE:
		return "notice";
	}
	return "error";
}

static void
escape(struct buf *out, const char *s, int property)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '%')
			buf_puts(out, "%25");
		else if (c == '\r')
			buf_puts(out, "%0D");
		else if (c == '\n')
			buf_puts(out, "%0A");
		else if (property && c == ':')
			buf_puts(out, "%3A");
		else if (property && c == ',')
			buf_puts(out, "%2C");
		else if ((c < 0x20 && c != '\t') || c == 0x7f)
			buf_putc(out, '?');
		else
			buf_putc(out, (char)c);
	}
}

void
github_escape_data(struct buf *out, const char *s)
{
	escape(out, s, 0);
}

void
github_escape_property(struct buf *out, const char *s)
{
	escape(out, s, 1);
}

/*
 * Starts a command: "::error" and the properties that apply, up to the
 * "::" before the message. A property list never starts with a comma.
 */
static void
start_command(struct buf *line, enum diag_severity severity,
    const char *prefix, const char *path, size_t line_no, size_t col,
    const char *rule)
{
	buf_printf(line, "::%s ", command_name(severity));
	if (path && *path) {
		struct buf full = BUF_INIT;

		buf_printf(&full, "%s%s", prefix, path);
		buf_puts(line, "file=");
		github_escape_property(line, full.ptr);
		buf_release(&full);
		if (line_no) {
			buf_printf(line, ",line=%zu", line_no);
			if (col)
				buf_printf(line, ",col=%zu", col);
		}
		buf_putc(line, ',');
	}
	buf_puts(line, "title=");
	github_escape_property(line, rule);
	buf_puts(line, "::");
}

static int
write_line(FILE *out, const struct buf *line)
{
	if (fwrite(line->ptr, 1, line->len, out) != line->len)
		return error_set(ISMS_EFAIL, "cannot write GitHub workflow "
		    "commands");
	return 0;
}

int
github_print_diags(FILE *out, const struct diag_list *list,
    const char *prefix)
{
	struct buf line = BUF_INIT;
	int error = 0;

	for (size_t i = 0; i < list->count && !error; i++) {
		const struct diag *d = &list->items[i];

		buf_reset(&line);
		start_command(&line, d->severity, prefix, d->path, d->line,
		    d->col, d->rule);
		github_escape_data(&line, d->message);
		buf_putc(&line, '\n');
		error = write_line(out, &line);
	}
	buf_release(&line);
	return error;
}

int
github_print_changes(FILE *out, const struct changes_result *result,
    const char *prefix)
{
	struct buf line = BUF_INIT;
	struct buf text = BUF_INIT;
	int error = 0;

	for (size_t i = 0; i < result->count && !error; i++) {
		const struct changes_finding *f = &result->findings[i];

		buf_reset(&line);
		start_command(&line, f->severity, prefix, f->path, 0, 0,
		    f->rule);
		buf_reset(&text);
		buf_printf(&text, "%.8s \"%s\": %s\nfix: %s", f->commit,
		    f->subject, f->message, f->fix);
		github_escape_data(&line, text.ptr);
		buf_putc(&line, '\n');
		error = write_line(out, &line);
	}
	buf_release(&text);
	buf_release(&line);
	return error;
}
