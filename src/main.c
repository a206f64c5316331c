/*
 * isms: plain-text ISO/IEC 27001 ISMS records, checked and reported.
 *
 * This file parses the options every command shares, dispatches to the
 * command, and is the one place that prints a failure and picks the exit
 * status: 0 nothing wrong, 1 findings, 2 the command could not run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "buf.h"
#include "cmd.h"
#include "date.h"
#include "error.h"
#include "msg.h"
#include "banned.h"

#define EXIT_FINDINGS 1
#define EXIT_CANNOT_RUN 2

struct command {
	const char *name;
	int (*run)(int argc, char **argv, const struct global_options *opts);
	const char *summary;
};

static const struct command commands[] = {
	{ "check", cmd_check, "validate records, criteria and references" },
	{ "validate", cmd_check, "same as check" },
	{ "register", cmd_register, "risk register with levels and ranks" },
	{ "changes", cmd_changes, "planned change control from git history" },
	{ "import", cmd_import, "risks from a spreadsheet export" },
	{ "hooks", cmd_hooks, "install git hooks; the commit-msg check" },
	{ "init", cmd_init, "create a new ISMS from templates" },
	{ "new", cmd_new, "a new record with the next free id" },
	{ "objectives", cmd_objectives, "objectives with progress and state" },
	{ "plan", cmd_plan, "risk treatment plan by owner and due date" },
	{ "acceptances", cmd_acceptances, "risk acceptances and their validity" },
	{ "soa", cmd_soa, "Statement of Applicability with linked risks" },
	{ "documents", cmd_documents, "documented information and its reviews" },
	{ "matrix", cmd_matrix, "risk heat map of the inherent and current rating" },
};

static const char usage_text[] =
	"usage: isms [-C DIR] [--today YYYY-MM-DD] [--color[=WHEN]] [-q]\n"
	"            [--strict] <command> [<args>]\n"
	"       isms --version | --help\n"
	"\n"
	"Commands:\n";

static void
print_usage(FILE *out)
{
	fputs(usage_text, out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-12s %s\n", commands[i].name,
		    commands[i].summary);
	fputs("\nThe common options are accepted before or after the command."
	    "\nRun 'isms <command> --help' for the options of a command.\n",
	    out);
}

/*
 * Takes the options every command shares out of argv, wherever they
 * stand before a "--", and compacts the rest in place. Returns 0, or
 * ISMS_EUSAGE after error_set().
 */
static int
take_common_options(int *argc, char **argv, struct global_options *opts)
{
	int kept = 1;
	int i;

	for (i = 1; i < *argc; i++) {
		char *arg = argv[i];

		if (strcmp(arg, "--") == 0)
			break;
		if (strcmp(arg, "-C") == 0 || strcmp(arg, "--today") == 0) {
			if (i + 1 >= *argc)
				return error_set(ISMS_EUSAGE,
				    "option '%s' requires a value", arg);
			if (arg[1] == 'C')
				opts->chdir = argv[++i];
			else
				opts->today_arg = argv[++i];
		} else if (strncmp(arg, "-C", 2) == 0) {
			opts->chdir = arg + 2;
		} else if (strncmp(arg, "--today=", 8) == 0) {
			opts->today_arg = arg + 8;
		} else if (strcmp(arg, "--color") == 0 ||
		    strcmp(arg, "--color=always") == 0) {
			opts->color = COLOR_ALWAYS;
		} else if (strcmp(arg, "--color=never") == 0) {
			opts->color = COLOR_NEVER;
		} else if (strcmp(arg, "--color=auto") == 0) {
			opts->color = COLOR_AUTO;
		} else if (strncmp(arg, "--color=", 8) == 0) {
			return error_set(ISMS_EUSAGE, "invalid value '%s' for "
			    "--color; use auto, always or never", arg + 8);
		} else if (strcmp(arg, "-q") == 0 ||
		    strcmp(arg, "--quiet") == 0) {
			opts->verbosity = -1;
		} else if (strcmp(arg, "--strict") == 0) {
			opts->strict = 1;
		} else {
			argv[kept++] = arg;
		}
	}
	for (; i < *argc; i++)
		argv[kept++] = argv[i];
	argv[kept] = NULL;
	*argc = kept;
	return 0;
}

static const struct command *
find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* Fails when stdout could not be written in full (a full disk, a closed pipe). */
static int
close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return error_set(ISMS_EFAIL, "cannot write to standard output: %s",
		    strerror(errno));
	return 0;
}

/*
 * Applies -C DIR. Before leaving the folder isms started in, it keeps
 * that folder in opts->start_dir (owned by the caller) and makes a
 * relative GIT_INDEX_FILE absolute: git sets ".git/index" for hooks,
 * relative to the folder it runs them in.
 */
static int
change_directory(struct global_options *opts)
{
	const char *index_file = getenv("GIT_INDEX_FILE");
	char *start = getcwd(NULL, 0);
	int rc = 0;

	if (!start)
		return error_set(ISMS_EFAIL, "cannot read the current "
		    "directory: %s", strerror(errno));
	if (index_file && *index_file && index_file[0] != '/') {
		struct buf absolute = BUF_INIT;

		buf_printf(&absolute, "%s/%s", start, index_file);
		rc = setenv("GIT_INDEX_FILE", absolute.ptr, 1);
		buf_release(&absolute);
		if (rc < 0) {
			rc = error_set(ISMS_EFAIL, "cannot set GIT_INDEX_FILE: "
			    "%s", strerror(errno));
			goto done;
		}
	}
	if (chdir(opts->chdir) != 0) {
		rc = error_set(ISMS_EFAIL, "cannot change to directory '%s': %s",
		    opts->chdir, strerror(errno));
		goto done;
	}
	opts->start_dir = start;
	start = NULL;

done:
	free(start);
	return rc;
}

int
main(int argc, char **argv)
{
	struct global_options opts = GLOBAL_OPTIONS_INIT;
	const struct command *command;
	int status;
	int rc;

	git_libgit2_init();

	rc = take_common_options(&argc, argv, &opts);
	if (rc < 0)
		goto done;
	msg_set_verbosity(opts.verbosity);

	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		print_usage(argc < 2 ? stderr : stdout);
		rc = argc < 2 ? ISMS_EUSAGE : 0;
		if (rc < 0)
			error_set(rc, "no command given");
		goto done;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("isms %s (libgit2 %s)\n", ISMS_VERSION, LIBGIT2_VERSION);
		rc = 0;
		goto done;
	}

	command = find_command(argv[1]);
	if (!command) {
		rc = error_set(ISMS_EUSAGE, "'%s' is not an isms command; "
		    "see 'isms --help'", argv[1]);
		goto done;
	}

	if (opts.chdir) {
		rc = change_directory(&opts);
		if (rc < 0)
			goto done;
	}
	rc = date_today(opts.today_arg, &opts.today);
	if (rc < 0)
		goto done;

	rc = command->run(argc - 1, argv + 1, &opts);

done:
	if (rc >= 0 && close_stdout() < 0)
		rc = ISMS_EFAIL;

	if (rc < 0) {
		const char *message = error_message();

		msg_error("%s", message ? message : "command failed");
		if (error_hint())
			msg_hint("%s", error_hint());
		status = EXIT_CANNOT_RUN;
	} else {
		status = rc ? EXIT_FINDINGS : 0;
	}

	error_clear();
	free(opts.start_dir);
	git_libgit2_shutdown();
	return status;
}
