#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "assess.h"
#include "cmd.h"
#include "error.h"
#include "isms.h"
#include "msg.h"
#include "workspace.h"
#include "banned.h"

static const char check_usage[] =
	"usage: isms check [--staged | --rev REV] [--format text|json] [PATH...]\n"
	"\n"
	"Validates isms.yaml, every record and the Statement of Applicability,\n"
	"and reports each finding as 'file:line:col: severity: message [rule]'.\n"
	"\n"
	"  --staged        check the files as staged in the git index\n"
	"  --rev REV       check the files of a commit, tag or branch\n"
	"  --format FMT    text (default) or json\n"
	"  PATH...         report findings in these files or folders only\n"
	"\n"
	"Exit status: 0 no errors, 1 errors (or warnings with --strict),\n"
	"2 the check could not run.\n";

enum check_format { CHECK_TEXT, CHECK_JSON };

struct path_filter {
	const char *prefix;	/* the ISMS root relative to the current directory */
	char **paths;
	int count;
};

/* Whether `d` is in one of the files or folders the user named. */
static int
diag_in_paths(const struct diag *d, void *data)
{
	const struct path_filter *filter = data;
	size_t prefix_len = strlen(filter->prefix);

	for (int i = 0; i < filter->count; i++) {
		const char *want = filter->paths[i];
		size_t n;

		while (strncmp(want, "./", 2) == 0)
			want += 2;
		if (strncmp(want, filter->prefix, prefix_len) == 0)
			want += prefix_len;
		n = strlen(want);
		while (n && want[n - 1] == '/')
			n--;
		if (n == 0 || (n == 1 && want[0] == '.'))
			return 1;
		if (strncmp(d->path, want, n) == 0 &&
		    (d->path[n] == '\0' || d->path[n] == '/'))
			return 1;
	}
	return 0;
}

static int
parse_format(const char *arg, enum check_format *out)
{
	if (strcmp(arg, "text") == 0)
		*out = CHECK_TEXT;
	else if (strcmp(arg, "json") == 0)
		*out = CHECK_JSON;
	else
		return error_set(ISMS_EUSAGE, "invalid format '%s' for check; "
		    "use text or json", arg);
	return 0;
}

int
cmd_check(int argc, char **argv, const struct global_options *opts)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "rev", required_argument, NULL, 'r' },
		{ "staged", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct workspace ws = WORKSPACE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct isms isms = ISMS_INIT;
	struct assessment assessment = { NULL, 0, 0 };
	enum check_format format = CHECK_TEXT;
	enum workspace_from from = FROM_WORKTREE;
	const char *rev = NULL;
	size_t errors, warnings;
	int c, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			rc = parse_format(optarg, &format);
			if (rc < 0)
				goto done;
			break;
		case 'h':
			fputs(check_usage, stdout);
			rc = 0;
			goto done;
		case 'r':
			from = FROM_REV;
			rev = optarg;
			break;
		case 's':
			from = FROM_INDEX;
			break;
		default:
			rc = error_set(ISMS_EUSAGE, "invalid option for check; "
			    "see 'isms check --help'");
			goto done;
		}
	}
	if (rev && from != FROM_REV) {
		rc = error_set(ISMS_EUSAGE, "--staged and --rev cannot be "
		    "used together");
		goto done;
	}

	rc = workspace_open(&ws, from, rev);
	if (rc < 0)
		goto done;
	rc = isms_load(&isms, ws.source, &diags);
	if (rc < 0)
		goto done;
	assess_risks(&assessment, &isms, opts->today, &diags);

	if (optind < argc) {
		struct path_filter filter = { ws.display_prefix, argv + optind,
			argc - optind };

		diag_filter(&diags, diag_in_paths, &filter);
	}
	diag_sort(&diags);

	if (format == CHECK_JSON) {
		rc = diag_print_json(stdout, &diags, ws.display_prefix);
		if (rc < 0)
			goto done;
	} else {
		diag_print_text(stdout, &diags, ws.display_prefix,
		    msg_use_color(stdout, opts->color));
	}

	errors = diag_count(&diags, DIAG_ERROR);
	warnings = diag_count(&diags, DIAG_WARNING);
	if (format == CHECK_TEXT)
		msg_note("%zu error%s, %zu warning%s in %zu files (%s)", errors,
		    errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s",
		    isms.record_count + 1 + isms.soa.present,
		    isms.source_label);
	rc = errors || (opts->strict && warnings) ? 1 : 0;

done:
	assessment_release(&assessment);
	isms_release(&isms);
	diag_list_release(&diags);
	workspace_release(&ws);
	return rc;
}
