#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "buf.h"
#include "changes.h"
#include "changes_message.h"
#include "cmd.h"
#include "error.h"
#include "finding_text.h"
#include "fsutil.h"
#include "hooks.h"
#include "msg.h"
#include "repo_root.h"
#include "subcommand.h"
#include "banned.h"

/* A commit message file larger than this is not a commit message. */
#define MESSAGE_MAX_BYTES (1024 * 1024)

static const char hooks_usage[] =
	"usage: isms hooks install [--force]\n"
	"       isms hooks commit-msg FILE\n"
	"\n"
	"'install' writes the pre-commit hook (isms check --staged) and the\n"
	"commit-msg hook into the folder git runs hooks from: core.hooksPath\n"
	"when it is set, else .git/hooks. It never replaces a hook that isms\n"
	"did not write, unless --force is given.\n"
	"\n"
	"  --force         replace existing hooks that isms did not write\n"
	"\n"
	"'commit-msg' is the check the commit-msg hook runs: it judges the\n"
	"commit that the git index and the message in FILE would make, by the\n"
	"rules of 'isms changes check'. A relative FILE is read from the\n"
	"folder isms started in, also with -C.\n"
	"\n"
	"Exit status: 0 done, or no errors; 1 the commit breaks a rule;\n"
	"2 the command could not run (also: a hook isms did not write is in\n"
	"the way).\n";

/* Parses the options of a subcommand that takes only --help and `extra`. */
static int
parse_options(int argc, char **argv, const struct option *longopts,
    int *force, int *help)
{
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			*force = 1;
			break;
		case 'h':
			*help = 1;
			return 0;
		default:
			return error_set(ISMS_EUSAGE, "invalid option '%s' for "
			    "hooks %s; see 'isms hooks --help'",
			    argv[optind - 1], argv[0]);
		}
	}
	return 0;
}

/* `path` relative to the current directory when it lies below it. */
static const char *
display_path(const char *path, const char *cwd)
{
	size_t len = cwd ? strlen(cwd) : 0;

	if (len && strncmp(path, cwd, len) == 0 && path[len] == '/')
		return path + len + 1;
	return path;
}

static int
install_command(int argc, char **argv, const struct global_options *opts)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct hooks_result result = HOOKS_RESULT_INIT;
	struct repo_root git = REPO_ROOT_INIT;
	char *cwd = NULL;
	int force = 0, help = 0;
	int rc;

	(void)opts;
	rc = parse_options(argc, argv, longopts, &force, &help);
	if (rc < 0 || help) {
		if (help)
			fputs(hooks_usage, stdout);
		goto done;
	}
	if (optind < argc) {
		rc = error_set(ISMS_EUSAGE, "hooks install takes no arguments; "
		    "see 'isms hooks --help'");
		goto done;
	}

	rc = repo_root_open(&git);
	if (rc < 0)
		goto done;
	rc = hooks_install(&result, git.repo, git.prefix.ptr, force);
	if (rc < 0)
		goto done;

	cwd = getcwd(NULL, 0);
	for (size_t i = 0; i < result.count; i++) {
		const struct hook_installed *hook = &result.hooks[i];
		const char *path = display_path(hook->path, cwd);

		switch (hook->action) {
		case HOOK_CREATED:
			printf("installed %s hook '%s'\n", hook->name, path);
			break;
		case HOOK_UPDATED:
			printf("updated %s hook '%s'\n", hook->name, path);
			break;
		case HOOK_UNCHANGED:
			printf("%s hook '%s' is up to date\n", hook->name,
			    path);
			break;
		case HOOK_REPLACED:
			printf("replaced %s hook '%s', which isms had not "
			    "written\n", hook->name, path);
			break;
		}
	}

done:
	free(cwd);
	hooks_result_release(&result);
	repo_root_release(&git);
	return rc;
}

/* core.commentChar, or '#'. "auto" picks a character per message in git;
 * '#' is what it picks for a message without lines that start with '#'. */
static char
comment_char(git_repository *repo)
{
	git_config *config = NULL;
	git_buf value = GIT_BUF_INIT;
	char c = '#';

	if (git_repository_config_snapshot(&config, repo) == 0 &&
	    git_config_get_string_buf(&value, config, "core.commentChar") == 0 &&
	    value.size == 1)
		c = value.ptr[0];
	git_error_clear();
	git_buf_dispose(&value);
	git_config_free(config);
	return c;
}

static void
print_findings(const struct changes_result *result, int color)
{
	struct buf line = BUF_INIT;

	for (size_t i = 0; i < result->count; i++) {
		const struct changes_finding *f = &result->findings[i];

		buf_reset(&line);
		finding_format(&line, f, color);
		fputs(line.ptr, stdout);
	}
	buf_release(&line);
}

static int
commit_msg_command(int argc, char **argv, const struct global_options *opts)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct changes_options check = CHANGES_OPTIONS_INIT;
	struct changes_result result = CHANGES_RESULT_INIT;
	struct buf path = BUF_INIT;
	struct buf raw = BUF_INIT;
	struct buf message = BUF_INIT;
	struct repo_root git = REPO_ROOT_INIT;
	size_t errors = 0, warnings = 0;
	int force = 0, help = 0;
	int rc;

	rc = parse_options(argc, argv, longopts, &force, &help);
	if (rc < 0 || help) {
		if (help)
			fputs(hooks_usage, stdout);
		goto done;
	}
	if (argc - optind != 1) {
		rc = error_set(ISMS_EUSAGE, "hooks commit-msg takes the file "
		    "that holds the commit message; see 'isms hooks --help'");
		goto done;
	}

	if (argv[optind][0] != '/' && opts->start_dir)
		buf_printf(&path, "%s/", opts->start_dir);
	buf_puts(&path, argv[optind]);
	rc = fs_read_file(path.ptr, MESSAGE_MAX_BYTES, &raw);
	if (rc < 0)
		goto done;

	rc = repo_root_open(&git);
	if (rc < 0)
		goto done;
	rc = changes_message_clean(&message, raw.ptr, comment_char(git.repo));
	if (rc < 0)
		goto done;

	/* git aborts a commit whose message is empty; nothing to judge. */
	if (!message.len)
		goto done;

	check.today = opts->today;
	rc = changes_check_message(&result, git.repo, git.prefix.ptr,
	    message.ptr, &check);
	if (rc < 0)
		goto done;

	print_findings(&result, msg_use_color(stdout, opts->color));
	rc = finding_exit_status(&result, opts->strict, &errors, &warnings);
	if (rc)
		msg_note("commit rejected: %zu error%s, %zu warning%s; fix the "
		    "message or what is staged, then commit again", errors,
		    errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");

done:
	changes_result_release(&result);
	repo_root_release(&git);
	buf_release(&message);
	buf_release(&raw);
	buf_release(&path);
	return rc;
}

int
cmd_hooks(int argc, char **argv, const struct global_options *opts)
{
	static const struct subcommand subcommands[] = {
		{ "install", install_command },
		{ "commit-msg", commit_msg_command },
	};
	static const char *const usages[] = { hooks_usage, NULL };

	return subcommand_run(argc, argv, opts, "hooks", subcommands,
	    sizeof(subcommands) / sizeof(subcommands[0]), usages);
}
