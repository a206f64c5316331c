#ifndef ISMS_REPORT_CMD_H
#define ISMS_REPORT_CMD_H

#include <getopt.h>

#include "assess.h"
#include "diag.h"
#include "isms.h"
#include "report_output.h"
#include "workspace.h"

/*
 * The steps that every report command (register, objectives, plan,
 * acceptances, soa, documents) takes around its own view of the records.
 * It reads the options they share and opens the records those options
 * name. It loads them, assesses the risks, prints the report and warns
 * when the records have errors. 'isms changes log' opens and loads its
 * records the same way.
 */

/* The options every report command takes. */
struct report_options {
	enum report_format format;	/* --format, else REPORT_TABLE */
	enum workspace_from from;	/* FROM_INDEX with --staged, FROM_REV
					 * with --rev */
	const char *rev;		/* --rev REV, borrowed from argv */
	int help;			/* --help printed the usage */
	unsigned formats;		/* allowed --format values, a set of
					 * REPORT_FORMAT_BIT; 0 means the
					 * tabular ones */
};

#define REPORT_OPTIONS_INIT { REPORT_TABLE, FROM_WORKTREE, NULL, 0, 0 }

/*
 * The preparation a report needs beyond loading the records. Every report
 * assesses the risks, so its findings and exit status agree with check.
 */
enum report_needs {
	REPORT_NEEDS_RECORDS,	/* the records, whatever the criteria */
	REPORT_NEEDS_FINDINGS,	/* the same; kept for the reports that
				 * show findings of the assessment */
	REPORT_NEEDS_LEVELS,	/* risk criteria that can compute levels */
};

/*
 * The options of a report, the records it reads and what was found in
 * them.
 */
struct report_input {
	struct report_options options;
	struct workspace ws;
	struct isms isms;
	struct diag_list diags;		/* from loading and assessing */
	struct assessment assessment;	/* empty unless the risks were
					 * assessed */
	int today;			/* days since 1970-01-01 */
};

/* The members not named start zeroed, which is what ISMS_INIT gives. */
#define REPORT_INPUT_INIT { .options = REPORT_OPTIONS_INIT, \
	.ws = WORKSPACE_INIT, .diags = DIAG_LIST_INIT }

/*
 * Parses --staged, --rev REV, --format FMT, --help and the options of
 * `extra` into in->options. `extra` is a list ended by an entry with a
 * NULL name (or NULL for none) whose entries each set an int through
 * their `flag` member. `command` names the command in errors; --help
 * prints `usage` to stdout, sets in->options.help and stops. Arguments
 * that are not options are rejected, and so is --staged with --rev in
 * either order. Returns 0, or ISMS_EUSAGE after error_set().
 */
int report_input_parse(struct report_input *in, int argc, char **argv,
    const char *command, const char *usage, const struct option *extra);

/*
 * Opens the source that in->options names and loads the ISMS from it. As
 * `needs` requests, it then assesses the risks as of `today`. With
 * REPORT_NEEDS_LEVELS it fails with ISMS_EFAIL when the risk criteria
 * are not usable; `consequence` ends that error message, for example "no
 * level can be computed". Returns 0 or a negative error code after
 * error_set(); release `in` with report_input_release() either way.
 */
int report_input_open(struct report_input *in, int today,
    enum report_needs needs, const char *consequence);

/* The number of errors found in the records. */
size_t report_input_errors(const struct report_input *in);

/*
 * Prints the report of `view` in the format of in->options with
 * report_print(), then warns on stderr when the records have errors. The
 * report is printed either way, so the exit status is what shows CI that
 * it rests on records with errors. Returns 0, 1 when the records have
 * errors, or ISMS_EFAIL after error_set() when the JSON cannot be
 * written.
 */
int report_input_print(const struct report_input *in,
    const struct report_forms *forms, const void *view);

void report_input_release(struct report_input *in);

#endif
