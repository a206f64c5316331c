#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>
#include <jansson.h>

#include "buf.h"
#include "change_log.h"
#include "changes.h"
#include "cmd.h"
#include "date.h"
#include "error.h"
#include "finding_text.h"
#include "github_format.h"
#include "isms.h"
#include "msg.h"
#include "repo.h"
#include "repo_root.h"
#include "report_cmd.h"
#include "sarif.h"
#include "source.h"
#include "stamp.h"
#include "subcommand.h"
#include "table.h"
#include "yaml_doc.h"
#include "xalloc.h"
#include "banned.h"

static const char check_usage[] =
	"usage: isms changes check [RANGE] [--first-parent] "
	"[--format FMT]\n"
	"\n"
	"Proves from git history that every commit touching a controlled\n"
	"path names, in an ISMS-Change: trailer, changes that were approved\n"
	"before it (by someone other than its author) and whose scope covers\n"
	"what it touches, and that approved changes are not edited.\n"
	"\n"
	"  RANGE           A..B (commits reachable from B but not A), or one\n"
	"                  revision and its ancestors; default HEAD. Commits\n"
	"                  before change_control.since are never judged.\n"
	"  --first-parent  follow first parents only, and judge a merge by\n"
	"                  everything it brings in over its first parent\n"
	"  --format FMT    text (default), json, github (GitHub Actions\n"
	"                  annotations) or sarif (SARIF 2.1.0)\n"
	"\n"
	"Exit status: 0 no errors, 1 errors (or warnings with --strict),\n"
	"2 the check could not run (also in a shallow clone).\n";

static const char log_usage[] =
	"usage: isms changes log [--rev REV] "
	"[--format table|markdown|csv|json]\n"
	"\n"
	"Lists every change record with its status history and the commits\n"
	"that name it in their trailer, read from git history: who made each\n"
	"commit (matched to a person of isms.yaml by e-mail, after .mailmap)\n"
	"and when. Uncommitted edits are not part of the log.\n"
	"\n"
	"  --rev REV       the history up to REV (default HEAD)\n"
	"  --format FMT    table (default), markdown, csv or json\n"
	"\n"
	"Exit status: 0 the log was printed, 2 it could not be read (also in\n"
	"a shallow clone).\n";

enum changes_format { CHANGES_TEXT, CHANGES_JSON, CHANGES_GITHUB,
	CHANGES_SARIF };

/*
 * Returns the usage error for what getopt_long() returned as `c`: ':' for
 * an option without its value, else an unknown option. `help` is the
 * command line that shows the usage.
 */
static int
option_error(int c, char **argv, const char *subcommand, const char *help)
{
	const char *option = argv[optind - 1];

	if (c == ':')
		return error_set(ISMS_EUSAGE, "option '%s' requires a value; "
		    "see '%s'", option, help);
	return error_set(ISMS_EUSAGE, "invalid option '%s' for %s; see '%s'",
	    option, subcommand, help);
}

static void
print_check_text(const struct changes_result *result, int color)
{
	struct buf line = BUF_INIT;

	for (size_t i = 0; i < result->count; i++) {
		const struct changes_finding *f = &result->findings[i];

		buf_reset(&line);
		buf_printf(&line, "%.8s ", f->commit);
		finding_put_printable(&line, f->author_name);
		buf_puts(&line, " <");
		finding_put_printable(&line, f->author_email);
		buf_printf(&line, "> %s \"", f->date);
		finding_put_printable(&line, f->subject);
		buf_puts(&line, "\": ");
		finding_format(&line, f, color);
		fputs(line.ptr, stdout);
	}
	buf_release(&line);
}

static int
print_check_json(const struct changes_result *result)
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
		    json_string(finding_severity_name(f->severity)));
		json_object_set_new(item, "rule", json_string(f->rule));
		json_object_set_new(item, "message", json_string(f->message));
		json_object_set_new(item, "fix", json_string(f->fix));
		json_object_set_new(item, "path", report_json_string(f->path));
		json_object_set_new(item, "change",
		    report_json_string(f->change));
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

/*
 * Reads the policy that sets `since` and stands in for commits whose
 * parent has no isms.yaml. With a range A..B it is A's isms.yaml, so a
 * branch under review cannot move `since` past its own commits; the
 * working tree's is used when there is no range or A has none.
 */
static int
read_current_policy(git_repository *repo, const char *prefix,
    const char *root, const char *range, struct buf *out)
{
	struct source *src = NULL;
	const char *dots = range ? strstr(range, "..") : NULL;
	int error;

	if (dots && dots != range) {
		char *base = xstrndup(range, (size_t)(dots - range));

		error = source_open_rev(&src, repo, base, prefix);
		free(base);
		if (error == 0)
			error = source_read(src, ISMS_CONFIG_FILE,
			    YAML_MAX_BYTES, out);
		source_free(src);
		src = NULL;
		if (error == 0)
			return 0;
		if (error != ISMS_ENOTFOUND)
			return error;
		error_clear();
	}

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
	struct repo_root git = REPO_ROOT_INIT;
	struct buf policy = BUF_INIT;
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
			} else if (strcmp(optarg, "github") == 0) {
				format = CHANGES_GITHUB;
			} else if (strcmp(optarg, "sarif") == 0) {
				format = CHANGES_SARIF;
			} else {
				rc = error_set(ISMS_EUSAGE, "invalid format "
				    "'%s' for changes check; use text, json, "
				    "github or sarif", optarg);
				goto done;
			}
			break;
		case 'h':
			fputs(check_usage, stdout);
			goto done;
		case 'p':
			check.first_parent = 1;
			break;
		default:
			rc = option_error(c, argv, "changes check",
			    "isms changes --help");
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

	rc = repo_root_open(&git);
	if (rc < 0)
		goto done;
	rc = read_current_policy(git.repo, git.prefix.ptr, git.root.ptr,
	    check.range, &policy);
	if (rc < 0)
		goto done;

	check.policy = policy.ptr;
	check.policy_len = policy.len;
	check.today = opts->today;
	rc = changes_check(&result, git.repo, git.prefix.ptr, &check);
	if (rc < 0)
		goto done;

	if (format == CHANGES_JSON) {
		rc = print_check_json(&result);
		if (rc < 0)
			goto done;
	} else if (format == CHANGES_GITHUB) {
		/* Paths from the top of the work tree, as GitHub reads them. */
		rc = github_print_changes(stdout, &result, git.prefix.ptr);
		if (rc < 0)
			goto done;
	} else if (format == CHANGES_SARIF) {
		json_t *log = sarif_from_changes(&result, git.prefix.ptr);

		rc = sarif_print(stdout, log);
		json_decref(log);
		if (rc < 0)
			goto done;
	} else {
		print_check_text(&result, msg_use_color(stdout, opts->color));
		msg_note("%zu commit%s judged, %zu finding%s",
		    result.commits_judged,
		    result.commits_judged == 1 ? "" : "s", result.count,
		    result.count == 1 ? "" : "s");
	}
	rc = finding_exit_status(&result, opts->strict, &errors, &warnings);

done:
	changes_result_release(&result);
	buf_release(&policy);
	repo_root_release(&git);
	return rc;
}

/*
 * The change log has one row per event, so a spreadsheet or an auditor
 * can sample them. `event` is "status" when the record reached the status
 * in the next column, "deleted", or "implements" when the commit names
 * the change in its trailer. For "implements", the status column is the
 * change's status in the commit's parent.
 */
static const char *
event_name(enum change_log_event_kind kind)
{
	switch (kind) {
	case CHANGE_LOG_STATUS:
		return "status";
	case CHANGE_LOG_DELETED:
		return "deleted";
	case CHANGE_LOG_TRAILER:
		return "implements";
	}
	return "status";
}

static const char *
event_status(const struct change_log_event *event)
{
	if (event->kind == CHANGE_LOG_DELETED)
		return "";
	if (!event->has_status)
		return event->kind == CHANGE_LOG_STATUS ? "(invalid)" :
		    "(none)";
	return change_status_name(event->status);
}

static void
build_log_table(struct table *t, const struct change_log *log,
    const char *stamp, int full_ids)
{
	static const char *const columns[] = {
		"id", "title", "event", "status", "commit", "date", "author",
		"person", "subject",
	};
	struct buf cell = BUF_INIT;

	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		table_add_column(t, columns[i]);
	if (stamp)
		table_add_column(t, "stamp");

	for (size_t i = 0; i < log->count; i++) {
		const struct change_log_entry *entry = &log->entries[i];

		for (size_t j = 0; j < entry->event_count; j++) {
			const struct change_log_event *event =
			    &entry->events[j];

			table_add_cell(t, entry->id);
			buf_reset(&cell);
			finding_put_printable(&cell,
			    entry->title ? entry->title : "");
			table_add_cell(t, cell.ptr);
			table_add_cell(t, event_name(event->kind));
			table_add_cell(t, event_status(event));
			table_add_cellf(t, "%.*s", full_ids ? GIT_OID_HEXSZ : 8,
			    event->commit);
			table_add_cell(t, event->date);
			buf_reset(&cell);
			finding_put_printable(&cell, event->author_name);
			buf_puts(&cell, " <");
			finding_put_printable(&cell, event->author_email);
			buf_putc(&cell, '>');
			table_add_cell(t, cell.ptr);
			table_add_cell(t, event->person ? event->person : "-");
			buf_reset(&cell);
			finding_put_printable(&cell, event->subject);
			table_add_cell(t, cell.ptr);
			if (stamp)
				table_add_cell(t, stamp);
		}
	}
	buf_release(&cell);
}

static void
print_log_table(const struct change_log *log, const char *stamp)
{
	struct table t = TABLE_INIT;

	build_log_table(&t, log, NULL, 0);
	table_print(stdout, &t, TABLE_TEXT);
	printf("\n%s\n", stamp);
	table_release(&t);
}

static void
print_log_markdown(const struct change_log *log, const struct isms *isms,
    const char *stamp)
{
	struct table t = TABLE_INIT;

	build_log_table(&t, log, NULL, 0);
	report_print_markdown_title(stdout, "Change log", isms);
	table_print(stdout, &t, TABLE_MARKDOWN);
	printf("\n_%s_\n", stamp);
	table_release(&t);
}

/* CSV carries the full commit ids and the stamp in every row. */
static void
print_log_csv(const struct change_log *log, const char *stamp)
{
	struct table t = TABLE_INIT;

	build_log_table(&t, log, stamp, 1);
	table_print(stdout, &t, TABLE_CSV);
	table_release(&t);
}

static json_t *
log_event_json(const struct change_log_event *event)
{
	json_t *item = json_object();

	if (event->kind == CHANGE_LOG_DELETED)
		json_object_set_new(item, "status", json_string("deleted"));
	else if (event->has_status)
		json_object_set_new(item, event->kind == CHANGE_LOG_TRAILER ?
		    "status_in_parent" : "status",
		    json_string(change_status_name(event->status)));
	else
		json_object_set_new(item, event->kind == CHANGE_LOG_TRAILER ?
		    "status_in_parent" : "status", json_null());
	json_object_set_new(item, "commit", json_string(event->commit));
	json_object_set_new(item, "date", json_string(event->date));
	json_object_set_new(item, "time", json_string(event->time));
	json_object_set_new(item, "author_name",
	    json_string(event->author_name));
	json_object_set_new(item, "author_email",
	    json_string(event->author_email));
	json_object_set_new(item, "person", report_json_string(event->person));
	json_object_set_new(item, "subject", json_string(event->subject));
	return item;
}

static int
print_log_json(const struct change_log *log, json_t *stamp)
{
	json_t *root = json_object();
	json_t *changes = json_array();
	int error = 0;

	json_object_set_new(root, "stamp", stamp);
	json_object_set_new(root, "commits_walked",
	    json_integer((json_int_t)log->commits_walked));
	for (size_t i = 0; i < log->count; i++) {
		const struct change_log_entry *entry = &log->entries[i];
		json_t *item = json_object();
		json_t *history = json_array();
		json_t *commits = json_array();

		json_object_set_new(item, "id", json_string(entry->id));
		json_object_set_new(item, "title",
		    report_json_string(entry->title));
		json_object_set_new(item, "path", json_string(entry->path));
		json_object_set_new(item, "status", entry->has_status ?
		    json_string(change_status_name(entry->status)) :
		    json_null());
		json_object_set_new(item, "type", json_string(entry->type ==
		    CHANGE_EMERGENCY ? "emergency" : "normal"));
		json_object_set_new(item, "approved_by",
		    report_json_string(entry->approved_by));
		json_object_set_new(item, "deleted",
		    json_boolean(entry->deleted));
		for (size_t j = 0; j < entry->event_count; j++) {
			const struct change_log_event *event =
			    &entry->events[j];

			json_array_append_new(event->kind ==
			    CHANGE_LOG_TRAILER ? commits : history,
			    log_event_json(event));
		}
		json_object_set_new(item, "status_history", history);
		json_object_set_new(item, "implemented_by", commits);
		json_array_append_new(changes, item);
	}
	json_object_set_new(root, "changes", changes);

	if (json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) < 0 ||
	    fputc('\n', stdout) == EOF)
		error = error_set(ISMS_EFAIL, "cannot write JSON to standard "
		    "output");
	json_decref(root);
	return error;
}

static int
changes_log_command(int argc, char **argv, const struct global_options *opts)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "rev", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_input in = REPORT_INPUT_INIT;
	struct change_log log = CHANGE_LOG_INIT;
	struct buf stamp = BUF_INIT;
	int c, rc = 0;

	in.options.from = FROM_REV;
	in.options.rev = "HEAD";

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			rc = report_parse_format(optarg, "changes log",
			    REPORT_FORMATS_TABULAR,
			    &in.options.format);
			if (rc < 0)
				goto done;
			break;
		case 'h':
			fputs(log_usage, stdout);
			goto done;
		case 'r':
			in.options.rev = optarg;
			break;
		default:
			rc = option_error(c, argv, "changes log",
			    "isms changes log --help");
			goto done;
		}
	}
	if (optind < argc) {
		rc = error_set(ISMS_EUSAGE, "unexpected argument '%s' for "
		    "changes log; see 'isms changes log --help'",
		    argv[optind]);
		goto done;
	}

	/* The ISMS at REV gives the stamp; its history gives the log. */
	rc = report_input_open(&in, opts->today, REPORT_NEEDS_RECORDS, NULL);
	if (rc < 0)
		goto done;
	rc = change_log_build(&log, in.ws.repo, in.ws.repo_prefix,
	    in.options.rev);
	if (rc < 0)
		goto done;

	stamp_format(&stamp, &in.isms, &in.ws, opts->today);
	switch (in.options.format) {
	case REPORT_TABLE:
		print_log_table(&log, stamp.ptr);
		break;
	case REPORT_MARKDOWN:
		print_log_markdown(&log, &in.isms, stamp.ptr);
		break;
	case REPORT_CSV:
		print_log_csv(&log, stamp.ptr);
		break;
	case REPORT_JSON:
		rc = print_log_json(&log, stamp_json(&in.isms, &in.ws,
		    opts->today));
		if (rc < 0)
			goto done;
		break;
	case REPORT_SVG:
		/* report_parse_format() does not allow it here. */
		break;
	}
	msg_note("%zu change%s, %zu commit%s walked", log.count,
	    log.count == 1 ? "" : "s", log.commits_walked,
	    log.commits_walked == 1 ? "" : "s");

done:
	change_log_release(&log);
	report_input_release(&in);
	buf_release(&stamp);
	return rc;
}

int
cmd_changes(int argc, char **argv, const struct global_options *opts)
{
	static const struct subcommand subcommands[] = {
		{ "check", changes_check_command },
		{ "log", changes_log_command },
	};
	static const char *const usages[] = { check_usage, log_usage, NULL };

	return subcommand_run(argc, argv, opts, "changes", subcommands,
	    sizeof(subcommands) / sizeof(subcommands[0]), usages);
}
