#ifndef ISMS_CMD_H
#define ISMS_CMD_H

#include "msg.h"

/*
 * Subcommand handlers. Each lives in src/cmd_<name>.c and is listed in the
 * command table in main.c.
 *
 * A handler receives its own arguments (argv[0] is the command name, for
 * getopt_long) and the global options main() parsed. It returns the exit
 * status, 0 (nothing wrong) or 1 (findings), or a negative error code
 * from error.h after error_set(); main() then prints the message once and
 * exits 2. A handler writes results to stdout and nothing else; it never
 * calls exit().
 *
 * Adding a subcommand:
 *   1. write src/cmd_<name>.c with cmd_<name>() and its --help text;
 *   2. declare it below and add it to the table in main.c;
 *   3. document it in docs/isms-<name>.1 and in docs/commands.md;
 *   4. add end-to-end tests in tests/e2e/test_<name>.sh.
 */

struct global_options {
	const char *chdir;		/* -C DIR, already applied by main() */
	int verbosity;			/* -1 with -q, 0 by default */
	enum color_mode color;
	int strict;			/* --strict: warnings count as findings */
	const char *today_arg;		/* --today as given, or NULL */
	int today;			/* days since 1970-01-01, see date.h */
	char *start_dir;		/* with -C: the absolute folder isms
					 * started in, for file arguments */
};

#define GLOBAL_OPTIONS_INIT { NULL, 0, COLOR_AUTO, 0, NULL, 0, NULL }

int cmd_check(int argc, char **argv, const struct global_options *opts);
int cmd_register(int argc, char **argv, const struct global_options *opts);
int cmd_changes(int argc, char **argv, const struct global_options *opts);
int cmd_import(int argc, char **argv, const struct global_options *opts);
int cmd_hooks(int argc, char **argv, const struct global_options *opts);
int cmd_init(int argc, char **argv, const struct global_options *opts);
int cmd_new(int argc, char **argv, const struct global_options *opts);
int cmd_objectives(int argc, char **argv,
    const struct global_options *opts);
int cmd_plan(int argc, char **argv, const struct global_options *opts);
int cmd_acceptances(int argc, char **argv,
    const struct global_options *opts);
int cmd_soa(int argc, char **argv, const struct global_options *opts);
int cmd_documents(int argc, char **argv, const struct global_options *opts);
int cmd_matrix(int argc, char **argv, const struct global_options *opts);

#endif
