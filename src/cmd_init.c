#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "cmd.h"
#include "date.h"
#include "error.h"
#include "msg.h"
#include "repo.h"
#include "scaffold.h"
#include "strvec.h"
#include "template.h"
#include "banned.h"

static const char init_usage[] =
	"usage: isms init [DIR] [--force]\n"
	"\n"
	"Creates a new ISMS in DIR (default: the current directory), which\n"
	"is created when missing: isms.yaml with starting risk criteria and\n"
	"placeholder people, controls/soa.yaml listing every Annex A control\n"
	"of ISO/IEC 27001:2022, a README.md, and the record folders. Prints\n"
	"the path of each file written. Files that already hold the same\n"
	"text are left alone.\n"
	"\n"
	"  -f, --force     overwrite existing files that differ\n"
	"\n"
	"Templates come from the folder ISMS_TEMPLATES names, file by file,\n"
	"else from the copies built into isms.\n";

/*
 * Warns when `dir` lies inside another ISMS, whose checks would then read
 * the new ISMS's files as its own documents.
 */
static void
warn_if_nested(const char *dir)
{
	struct buf parent = BUF_INIT;
	struct buf outer = BUF_INIT;
	char *real = realpath(dir, NULL);

	if (!real)
		goto done;
	buf_printf(&parent, "%s/..", real);
	if (strcmp(real, "/") != 0 &&
	    repo_find_isms_root(&outer, parent.ptr) == 0)
		msg_warning("'%s' is inside the ISMS at '%s', whose checks will "
		    "read the new files too", dir, outer.ptr);
	error_clear();

done:
	free(real);
	buf_release(&parent);
	buf_release(&outer);
}

/* Notes when `dir` is not in a git work tree, which isms needs for history. */
static void
note_if_outside_git(const char *dir)
{
	git_repository *repo = NULL;

	if (git_repository_open_ext(&repo, dir, 0, NULL) == 0 &&
	    !git_repository_is_bare(repo)) {
		git_repository_free(repo);
		return;
	}
	git_repository_free(repo);
	git_error_clear();
	if (strcmp(dir, ".") == 0)
		msg_note("this folder is not in a git work tree; run 'git init' "
		    "to keep the ISMS and its history in git");
	else
		msg_note("'%s' is not in a git work tree; run 'git init' there "
		    "to keep the ISMS and its history in git", dir);
}

int
cmd_init(int argc, char **argv, const struct global_options *opts)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct template_values values = TEMPLATE_VALUES_INIT;
	struct scaffold_plan plan = SCAFFOLD_PLAN_INIT;
	struct strvec written = STRVEC_INIT;
	const char *dir = ".";
	char today[11];
	int force = 0;
	int c, rc = 0;

	/* 0 resets getopt fully in glibc, musl and the BSDs. */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "fh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			force = 1;
			break;
		case 'h':
			fputs(init_usage, stdout);
			goto done;
		default:
			rc = error_set(ISMS_EUSAGE, "invalid option '%s' for "
			    "init; see 'isms init --help'", argv[optind - 1]);
			goto done;
		}
	}
	if (optind < argc)
		dir = argv[optind++];
	if (optind < argc) {
		rc = error_set(ISMS_EUSAGE, "unexpected argument '%s' for init",
		    argv[optind]);
		error_set_hint("usage: isms init [DIR] [--force]");
		goto done;
	}
	if (!*dir) {
		rc = error_set(ISMS_EUSAGE, "the folder name is empty");
		goto done;
	}

	date_format(opts->today, today);
	values.date = today;
	rc = scaffold_plan_init(&plan, getenv("ISMS_TEMPLATES"), &values);
	if (rc < 0)
		goto done;
	rc = scaffold_make_dirs(dir);
	if (rc < 0)
		goto done;
	warn_if_nested(dir);

	rc = scaffold_write(&plan, dir, force, &written);
	if (rc < 0)
		goto done;
	for (size_t i = 0; i < written.count; i++)
		printf("%s\n", written.items[i]);
	if (!written.count)
		msg_note("the ISMS in '%s' already contains every file init "
		    "writes; nothing changed", dir);

	note_if_outside_git(dir);
	if (written.count)
		msg_note("next, fill in isms.yaml (organisation, scope, "
		    "people) and add records with 'isms new risk TITLE'");

done:
	scaffold_plan_release(&plan);
	strvec_clear(&written);
	return rc;
}
