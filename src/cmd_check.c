#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "assess.h"
#include "cmd.h"
#include "document.h"
#include "error.h"
#include "github_format.h"
#include "isms.h"
#include "msg.h"
#include "planning.h"
#include "sarif.h"
#include "strvec.h"
#include "workspace.h"
#include "banned.h"

static const char check_usage[] =
	"usage: isms check [--staged | --rev REV] [--format FMT] [PATH...]\n"
	"\n"
	"Validates isms.yaml, every record and the Statement of Applicability,\n"
	"and reports each finding as 'file:line:col: severity: message [rule]'.\n"
	"\n"
	"  --staged        check the files as staged in the git index\n"
	"  --rev REV       check the files of a commit, tag or branch\n"
	"  --format FMT    text (default), json, github (GitHub Actions\n"
	"                  annotations) or sarif (SARIF 2.1.0); github and\n"
	"                  sarif give paths from the top of the work tree\n"
	"  PATH...         report findings in these files or folders only\n"
	"\n"
	"Exit status: 0 no errors, 1 errors (or warnings with --strict),\n"
	"2 the check could not run.\n";

enum check_format { CHECK_TEXT, CHECK_JSON, CHECK_GITHUB, CHECK_SARIF };

/* The files and folders the user named, relative to the ISMS root. */
struct path_filter {
	struct strvec paths;
};

static int
path_covers(const char *want, const char *path)
{
	size_t n = strlen(want);

	if (n == 0)
		return 1;
	return strncmp(path, want, n) == 0 &&
	    (path[n] == '\0' || path[n] == '/');
}

/* Whether `d` is in one of the files or folders the user named. */
static int
diag_in_paths(const struct diag *d, void *data)
{
	const struct path_filter *filter = data;

	for (size_t i = 0; i < filter->paths.count; i++)
		if (path_covers(filter->paths.items[i], d->path))
			return 1;
	return 0;
}

static int
read_path_arguments(struct path_filter *filter, const struct workspace *ws,
    char **args, int count)
{
	struct buf rel = BUF_INIT;
	int rc = 0;

	for (int i = 0; i < count && rc == 0; i++) {
		rc = workspace_relative_path(&rel, ws, args[i]);
		if (rc == 0)
			strvec_push(&filter->paths, rel.ptr);
	}
	buf_release(&rel);
	return rc;
}

/*
 * Fails when a named path matches no file of the ISMS, so a typing
 * mistake cannot turn into a clean result.
 */
static int
check_paths_exist(const struct path_filter *filter, const struct isms *isms,
    char **args)
{
	for (size_t i = 0; i < filter->paths.count; i++) {
		const char *want = filter->paths.items[i];
		int found = path_covers(want, "isms.yaml") ||
		    (isms->soa.present && path_covers(want, SOA_PATH));

		for (size_t r = 0; r < isms->record_count && !found; r++)
			found = path_covers(want, isms->records[r].path);
		if (!found)
			return error_set(ISMS_EUSAGE, "path '%s' matches no "
			    "file of the ISMS in %s", args[i],
			    isms->source_label);
	}
	return 0;
}

static int
print_sarif(const struct diag_list *diags, const char *prefix)
{
	json_t *log = sarif_from_diags(diags, prefix);
	int rc = sarif_print(stdout, log);

	json_decref(log);
	return rc;
}

static int
parse_format(const char *arg, enum check_format *out)
{
	if (strcmp(arg, "text") == 0)
		*out = CHECK_TEXT;
	else if (strcmp(arg, "json") == 0)
		*out = CHECK_JSON;
	else if (strcmp(arg, "github") == 0)
		*out = CHECK_GITHUB;
	else if (strcmp(arg, "sarif") == 0)
		*out = CHECK_SARIF;
	else
		return error_set(ISMS_EUSAGE, "invalid format '%s' for check; "
		    "use text, json, github or sarif", arg);
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
	struct path_filter filter = { STRVEC_INIT };
	const char *rev = NULL;
	int staged = 0;
	size_t errors, warnings, files;
	int c, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
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
			staged = 1;
			break;
		default:
			rc = error_set(ISMS_EUSAGE, "invalid option for check; "
			    "see 'isms check --help'");
			goto done;
		}
	}
	if (rev && staged) {
		rc = error_set(ISMS_EUSAGE, "--staged and --rev cannot be "
		    "used together");
		goto done;
	}
	if (staged)
		from = FROM_INDEX;

	rc = workspace_open(&ws, from, rev);
	if (rc < 0)
		goto done;
	rc = read_path_arguments(&filter, &ws, argv + optind, argc - optind);
	if (rc < 0)
		goto done;
	rc = isms_load(&isms, ws.source, &diags);
	if (rc < 0)
		goto done;
	assess_risks(&assessment, &isms, opts->today, &diags);
	planning_check_dates(&isms, opts->today, &diags);
	document_check_reviews(&isms, opts->today, &diags);

	if (filter.paths.count) {
		rc = check_paths_exist(&filter, &isms, argv + optind);
		if (rc < 0)
			goto done;
		diag_filter(&diags, diag_in_paths, &filter);
	}
	diag_sort(&diags);

	if (format == CHECK_JSON) {
		rc = diag_print_json(stdout, &diags, ws.display_prefix);
		if (rc < 0)
			goto done;
	} else if (format == CHECK_GITHUB || format == CHECK_SARIF) {
		/* GitHub reads paths from the top of the repository. */
		const char *prefix = ws.repo_prefix ? ws.repo_prefix :
		    ws.display_prefix;

		rc = format == CHECK_GITHUB ?
		    github_print_diags(stdout, &diags, prefix) :
		    print_sarif(&diags, prefix);
		if (rc < 0)
			goto done;
	} else {
		diag_print_text(stdout, &diags, ws.display_prefix,
		    msg_use_color(stdout, opts->color));
	}

	errors = diag_count(&diags, DIAG_ERROR);
	warnings = diag_count(&diags, DIAG_WARNING);
	files = isms.record_count + 1 + isms.soa.present;
	if (format == CHECK_TEXT)
		msg_note("%zu error%s, %zu warning%s in %zu file%s (%s)",
		    errors, errors == 1 ? "" : "s", warnings,
		    warnings == 1 ? "" : "s", files, files == 1 ? "" : "s",
		    isms.source_label);
	rc = errors || (opts->strict && warnings) ? 1 : 0;

done:
	strvec_clear(&filter.paths);
	assessment_release(&assessment);
	isms_release(&isms);
	diag_list_release(&diags);
	workspace_release(&ws);
	return rc;
}
