#ifndef ISMS_SUBCOMMAND_H
#define ISMS_SUBCOMMAND_H

#include <stddef.h>

#include "cmd.h"

/*
 * The dispatch of a command that has subcommands of its own
 * ('isms changes check', 'isms hooks install').
 */

struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv, const struct global_options *opts);
};

/*
 * Runs the subcommand of `table` (`count` entries) that argv[1] names,
 * with argv[1] as its argv[0], and returns its result. With --help
 * or -h as argv[1] it prints the texts of `usages` (ended by NULL) to
 * stdout with a blank line between them and returns 0. A missing or
 * unknown subcommand is an ISMS_EUSAGE error that names `command` and
 * lists the subcommands in the order of `table`.
 */
int subcommand_run(int argc, char **argv, const struct global_options *opts,
    const char *command, const struct subcommand *table, size_t count,
    const char *const *usages);

#endif
