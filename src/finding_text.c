#include "finding_text.h"
#include "banned.h"

const char *
finding_severity_name(enum diag_severity severity)
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

void
finding_put_printable(struct buf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		buf_putc(out, c < 0x20 || c == 0x7f ? '?' : (char)c);
	}
}

void
finding_format(struct buf *out, const struct changes_finding *finding,
    int color)
{
	if (color)
		buf_puts(out, finding->severity == DIAG_ERROR ?
		    "\033[1;31m" : "\033[1;35m");
	buf_printf(out, "%s:", finding_severity_name(finding->severity));
	if (color)
		buf_puts(out, "\033[0m");
	buf_putc(out, ' ');
	finding_put_printable(out, finding->message);
	buf_printf(out, " [%s]\n  fix: ", finding->rule);
	finding_put_printable(out, finding->fix);
	buf_putc(out, '\n');
}

int
finding_exit_status(const struct changes_result *result, int strict,
    size_t *errors, size_t *warnings)
{
	*errors = 0;
	*warnings = 0;
	for (size_t i = 0; i < result->count; i++) {
		if (result->findings[i].severity == DIAG_ERROR)
			(*errors)++;
		else if (result->findings[i].severity == DIAG_WARNING)
			(*warnings)++;
	}
	return *errors || (strict && *warnings) ? 1 : 0;
}
