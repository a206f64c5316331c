#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <git2.h>
#include <jansson.h>

#include "buf.h"
#include "changes.h"
#include "cmd.h"
#include "error.h"
#include "repo.h"
#include "source.h"
#include "yaml_doc.h"
#include "banned.h"

static const char changes_usage[] =
	"usage: isms changes check [RANGE] [--first-parent] "
	"[--format text|json]\n"
	"       isms changes log\n"
	"\n"
	"'check' proves from git history that every commit touching a\n"
	"controlled path names, in an ISMS-Change: trailer, changes that were\n"
	"approved before it and whose scope covers what it touches.\n"
	"\n"
	"  RANGE           A..B (commits reachable from B but not A), or one\n"
	"                  revision and its ancestors; default HEAD. Commits\n"
	"                  before change_control.since are never judged.\n"
	"  --first-parent  follow first parents only, and judge a merge by\n"
	"                  everything it brings in over its first parent\n"
	"  --format FMT    text (default) or json\n"
	"\n"
	"'log' (the change register with implementing commits) is not\n"
	"built yet.\n"
	"\n"
	"Exit status: 0 no errors, 1 errors (or warnings with --strict),\n"
	"2 the check could not run (also in a shallow clone).\n";

enum changes_format { CHANGES_TEXT, CHANGES_JSON };

/* Appends `s` with control characters replaced, so a commit message cannot
 * send escape sequences to the terminal. */
static void
put_printable(struct buf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		buf_putc(out, c < 0x20 || c == 0x7f ? '?' : (char)c);
	}
}

static const char *
severity_name(enum diag_severity severity)
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

static void
print_text(const struct changes_result *result, int color)
{
	struct buf line = BUF_INIT;

	for (size_t i = 0; i < result->count; i++) {
		const struct changes_finding *f = &result->findings[i];

		buf_reset(&line);
		buf_printf(&line, "%.8s ", f->commit);
		put_printable(&line, f->author_name);
		buf_puts(&line, " <");
		put_printable(&line, f->author_email);
		buf_printf(&line, "> %s \"", f->date);
		put_printable(&line, f->subject);
		buf_puts(&line, "\": ");
		if (color)
			buf_puts(&line, f->severity == DIAG_ERROR ?
			    "\033[1;31m" : "\033[1;35m");
		buf_printf(&line, "%s:", severity_name(f->severity));
		if (color)
			buf_puts(&line, "\033[0m");
		buf_putc(&line, ' ');
		put_printable(&line, f->message);
		buf_printf(&line, " [%s]\n  fix: ", f->rule);
		put_printable(&line, f->fix);
		buf_putc(&line, '\n');
		fputs(line.ptr, stdout);
	}
	buf_release(&line);
}

static json_t *
json_string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static int
print_json(const struct changes_result *result)
{
	json_t *root = json_object();
	json_t *findings = json_array();
	int error = 0;

	json_object_set_new(root, "commits_judged",
	    json_integer((json_int_t)result->commits_judged));
	for (size_t i = 0; i < result->count; i++) {
		const struct changes_finding *f = &result->findings[i];
		json_t *item = json_object();

		json_object_set_new(item, "commit", json_string(f->commit));
		json_object_set_new(item, "author_name",
		    json_string(f->author_name));
		json_object_set_new(item, "author_email",
		    json_string(f->author_email));
		json_object_set_new(item, "date", json_string(f->date));
		json_object_set_new(item, "subject", json_string(f->subject));
		json_object_set_new(item, "severity",
		    json_string(severity_name(f->severity)));
		json_object_set_new(item, "rule", json_string(f->rule));
		json_object_set_new(item, "message", json_string(f->message));
		json_object_set_new(item, "fix", json_string(f->fix));
		json_object_set_new(item, "path", json_string_or_null(f->path));
		json_object_set_new(item, "change",
		    json_string_or_null(f->change));
		json_array_append_new(findings, item);
	}
	json_object_set_new(root, "findings", findings);

	if (json_dumpf(root, stdout, JSON_INDENT(2)) < 0 ||
	    fputc('\n', stdout) == EOF)
		error = error_set(ISMS_EFAIL, "cannot write JSON to standard "
		    "output");
	json_decref(root);
	return error;
}

/* Reads isms.yaml from the working tree at `root`. */
static int
read_current_policy(const char *root, struct buf *out)
{
	struct source *src = NULL;
	int error;

	error = source_open_worktree(&src, root);
	if (error < 0)
		goto done;
	error = source_read(src, ISMS_CONFIG_FILE, YAML_MAX_BYTES, out);
	if (error == ISMS_ENOTFOUND)
		error = error_set(ISMS_ENOTFOUND, "cannot read '%s/%s': it no "
		    "longer exists", root, ISMS_CONFIG_FILE);

done:
	source_free(src);
	return error;
}

static int
changes_check_command(int argc, char **argv, const struct global_options *opts)
{
	static const struct option longopts[] = {
		{ "first-parent", no_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct changes_options check = CHANGES_OPTIONS_INIT;
	struct changes_result result = CHANGES_RESULT_INIT;
	enum changes_format format = CHANGES_TEXT;
	struct buf root = BUF_INIT;
	struct buf prefix = BUF_INIT;
	struct buf policy = BUF_INIT;
	git_repository *repo = NULL;
	size_t errors = 0, warnings = 0;
	int c, rc = 0;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") == 0) {
				format = CHANGES_TEXT;
			} else if (strcmp(optarg, "json") == 0) {
				format = CHANGES_JSON;
			} else {
				rc = error_set(ISMS_EUSAGE, "invalid format "
				    "'%s' for changes check; use text or json",
				    optarg);
				goto done;
			}
			break;
		case 'h':
			fputs(changes_usage, stdout);
			goto done;
		case 'p':
			check.first_parent = 1;
			break;
		case ':':
			rc = error_set(ISMS_EUSAGE, "option '%s' requires a "
			    "value; see 'isms changes --help'",
			    argv[optind - 1]);
			goto done;
		default:
			rc = error_set(ISMS_EUSAGE, "invalid option '%s' for "
			    "changes check; see 'isms changes --help'",
			    argv[optind - 1]);
			goto done;
		}
	}
	if (argc - optind > 1) {
		rc = error_set(ISMS_EUSAGE, "changes check takes one range, "
		    "not %d; see 'isms changes --help'", argc - optind);
		goto done;
	}
	if (optind < argc)
		check.range = argv[optind];

	rc = repo_find_isms_root(&root, ".");
	if (rc < 0)
		goto done;
	rc = repo_open(&repo, &prefix, root.ptr);
	if (rc < 0)
		goto done;
	rc = read_current_policy(root.ptr, &policy);
	if (rc < 0)
		goto done;

	check.policy = policy.ptr;
	check.policy_len = policy.len;
	check.today = opts->today;
	rc = changes_check(&result, repo, prefix.ptr, &check);
	if (rc < 0)
		goto done;

	for (size_t i = 0; i < result.count; i++) {
		if (result.findings[i].severity == DIAG_ERROR)
			errors++;
		else if (result.findings[i].severity == DIAG_WARNING)
			warnings++;
	}

	if (format == CHANGES_JSON) {
		rc = print_json(&result);
		if (rc < 0)
			goto done;
	} else {
		print_text(&result, msg_use_color(stdout, opts->color));
		msg_note("%zu commit%s judged, %zu finding%s",
		    result.commits_judged,
		    result.commits_judged == 1 ? "" : "s", result.count,
		    result.count == 1 ? "" : "s");
	}
	rc = errors || (opts->strict && warnings) ? 1 : 0;

done:
	changes_result_release(&result);
	git_repository_free(repo);
	buf_release(&policy);
	buf_release(&prefix);
	buf_release(&root);
	return rc;
}

int
cmd_changes(int argc, char **argv, const struct global_options *opts)
{
	const char *sub = argc > 1 ? argv[1] : NULL;

	if (!sub)
		return error_set(ISMS_EUSAGE, "changes needs a subcommand: "
		    "check or log; see 'isms changes --help'");
	if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0) {
		fputs(changes_usage, stdout);
		return 0;
	}
	if (strcmp(sub, "check") == 0)
		return changes_check_command(argc - 1, argv + 1, opts);

	/* TODO: `changes log`, the change register with each change's status
	 * history and implementing commits, is not built yet. */
	if (strcmp(sub, "log") == 0)
		return error_set(ISMS_EUSAGE, "'changes log' is not "
		    "implemented yet; use 'isms changes check'");
	return error_set(ISMS_EUSAGE, "'%s' is not a changes subcommand; use "
	    "check or log", sub);
}
