#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "subcommand.h"
#include "banned.h"

/* Appends "a", "a or b" or "a, b or c". */
static void
format_names(struct buf *out, const struct subcommand *table, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (i)
			buf_puts(out, i + 1 == count ? " or " : ", ");
		buf_puts(out, table[i].name);
	}
}

int
subcommand_run(int argc, char **argv, const struct global_options *opts,
    const char *command, const struct subcommand *table, size_t count,
    const char *const *usages)
{
	const char *name = argc > 1 ? argv[1] : NULL;
	struct buf names = BUF_INIT;
	int rc;

	if (name && (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)) {
		for (size_t i = 0; usages[i]; i++) {
			if (i)
				fputc('\n', stdout);
			fputs(usages[i], stdout);
		}
		return 0;
	}
	for (size_t i = 0; name && i < count; i++)
		if (strcmp(name, table[i].name) == 0)
			return table[i].run(argc - 1, argv + 1, opts);

	format_names(&names, table, count);
	if (!name)
		rc = error_set(ISMS_EUSAGE, "%s needs a subcommand: %s; see "
		    "'isms %s --help'", command, names.ptr, command);
	else
		rc = error_set(ISMS_EUSAGE, "'%s' is not a %s subcommand; use "
		    "%s", name, command, names.ptr);
	buf_release(&names);
	return rc;
}
