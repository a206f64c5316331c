#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "msg.h"
#include "report_cmd.h"
#include "xalloc.h"
#include "banned.h"

static const char report_exit_status_help[] =
	"\nExit status: 0 when the records have no errors, 1 when they have\n"
	"(the report is printed either way), 2 when it could not run.\n";

int
report_input_parse(struct report_input *in, int argc, char **argv,
    const char *command, const char *usage, const struct option *extra)
{
	static const struct option common[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "rev", required_argument, NULL, 'r' },
		{ "staged", no_argument, NULL, 's' },
	};
	size_t common_count = sizeof(common) / sizeof(common[0]);
	struct report_options *out = &in->options;
	size_t extra_count = 0;
	struct option *longopts;
	int staged = 0;
	int c, rc = 0;

	while (extra && extra[extra_count].name)
		extra_count++;
	longopts = xcalloc(common_count + extra_count + 1, sizeof(*longopts));
	memcpy(longopts, common, sizeof(common));
	if (extra_count)
		memcpy(longopts + common_count, extra,
		    extra_count * sizeof(*extra));

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 0:
			/* An option of `extra` has set its flag. */
			break;
		case 'f':
			rc = report_parse_format(optarg, command,
			    out->formats ? out->formats :
			    REPORT_FORMATS_TABULAR, &out->format);
			if (rc < 0)
				goto done;
			break;
		case 'h':
			fputs(usage, stdout);
			fputs(report_exit_status_help, stdout);
			out->help = 1;
			goto done;
		case 'r':
			out->from = FROM_REV;
			out->rev = optarg;
			break;
		case 's':
			staged = 1;
			break;
		default:
			rc = error_set(ISMS_EUSAGE, "invalid option for %s; "
			    "see 'isms %s --help'", command, command);
			goto done;
		}
	}
	if (optind < argc) {
		rc = error_set(ISMS_EUSAGE, "unexpected argument '%s' for %s",
		    argv[optind], command);
		goto done;
	}
	if (staged && out->rev) {
		rc = error_set(ISMS_EUSAGE, "--staged and --rev cannot be "
		    "used together");
		goto done;
	}
	if (staged)
		out->from = FROM_INDEX;

done:
	free(longopts);
	return rc;
}

int
report_input_open(struct report_input *in, int today,
    enum report_needs needs, const char *consequence)
{
	const struct isms *isms = &in->isms;
	int rc;

	in->today = today;
	rc = workspace_open(&in->ws, in->options.from, in->options.rev);
	if (rc < 0)
		return rc;
	rc = isms_load(&in->isms, in->ws.source, &in->diags);
	if (rc < 0)
		return rc;

	if (needs == REPORT_NEEDS_LEVELS &&
	    (!isms->config_ok || !isms->config.criteria_ok)) {
		rc = error_set(ISMS_EFAIL, "the risk criteria in isms.yaml "
		    "are not usable, so %s", consequence);
		error_set_hint("run 'isms check' to see what to fix");
		return rc;
	}
	/*
	 * Every report assesses the risks, even one that shows none of the
	 * results, so its exit status agrees with 'isms check'.
	 */
	assess_risks(&in->assessment, &in->isms, today, &in->diags);
	return 0;
}

size_t
report_input_errors(const struct report_input *in)
{
	return diag_count(&in->diags, DIAG_ERROR);
}

int
report_input_print(const struct report_input *in,
    const struct report_forms *forms, const void *view)
{
	size_t errors = report_input_errors(in);
	int rc;

	rc = report_print(forms, view, in->options.format, &in->isms, &in->ws,
	    in->today);
	if (rc < 0)
		return rc;

	if (!errors)
		return 0;
	msg_warning("the records have %zu error%s; run 'isms check' to see "
	    "them", errors, errors == 1 ? "" : "s");
	return 1;
}

void
report_input_release(struct report_input *in)
{
	assessment_release(&in->assessment);
	isms_release(&in->isms);
	diag_list_release(&in->diags);
	workspace_release(&in->ws);
}
