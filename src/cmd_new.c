#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "cmd.h"
#include "config.h"
#include "date.h"
#include "editor.h"
#include "error.h"
#include "fsutil.h"
#include "isms.h"
#include "msg.h"
#include "scaffold.h"
#include "template.h"
#include "workspace.h"
#include "banned.h"

static const char new_synopsis[] =
	"usage: isms new risk|opportunity|objective|change|issue|requirement "
	"TITLE...";

static const char new_usage[] =
	"usage: isms new KIND TITLE... [--owner KEY] [--edit]\n"
	"\n"
	"Writes a new record of KIND (risk, opportunity, objective, change,\n"
	"issue or requirement) from its template, with the next free id, in\n"
	"the kind's folder of the ISMS around the current directory, and\n"
	"prints its path. The words of TITLE are joined with spaces. The id\n"
	"is one above the highest in the working tree, the git index, HEAD\n"
	"and every local and remote-tracking branch.\n"
	"\n"
	"  -o, --owner KEY  the person (a key of 'people' in isms.yaml) who\n"
	"                   owns the record; default: the person whose email is\n"
	"                   git's user.email, else the first person listed\n"
	"  -e, --edit       open the new file in $VISUAL, else $EDITOR, else vi\n"
	"\n"
	"Templates come from the folder ISMS_TEMPLATES names, file by file,\n"
	"else from the copies built into isms.\n";

static int
parse_kind(const char *name, enum record_kind *out)
{
	for (int k = 0; k < KIND_COUNT; k++) {
		if (strcmp(record_kind_name(k), name) == 0) {
			*out = k;
			return 0;
		}
	}
	error_set(ISMS_EUSAGE, "unknown record kind '%s'; use risk, "
	    "opportunity, objective, change, issue or requirement", name);
	error_set_hint("%s", new_synopsis);
	return ISMS_EUSAGE;
}

/* Joins the words of the title with single spaces. */
static void
join_words(struct buf *out, int count, char **words)
{
	for (int i = 0; i < count; i++) {
		if (i)
			buf_putc(out, ' ');
		buf_puts(out, words[i]);
	}
}

/* git's user.email from the repository's configuration or the user's. */
static void
git_user_email(struct buf *out, git_repository *repo)
{
	git_config *config = NULL;
	git_config *snapshot = NULL;
	git_buf value = GIT_BUF_INIT;
	int rc;

	rc = repo ? git_repository_config_snapshot(&snapshot, repo) :
	    git_config_open_default(&config);
	if (rc == 0 && !repo)
		rc = git_config_snapshot(&snapshot, config);
	if (rc == 0 && git_config_get_string_buf(&value, snapshot,
	    "user.email") == 0)
		buf_puts(out, value.ptr);
	git_error_clear();
	git_buf_dispose(&value);
	git_config_free(snapshot);
	git_config_free(config);
}

/*
 * Picks the owner: --owner when given (it must be a person in isms.yaml),
 * else the person with git's user.email, else the first person listed,
 * with a note saying so.
 */
static int
pick_owner(const char **out, const struct config *config,
    const char *requested, git_repository *repo)
{
	struct buf email = BUF_INIT;
	const struct person *person;

	if (requested) {
		if (!config_find_person(config, requested)) {
			error_set(ISMS_EUSAGE, "unknown person '%s' for --owner",
			    requested);
			error_set_hint("use a key of 'people' in isms.yaml");
			return ISMS_EUSAGE;
		}
		*out = requested;
		return 0;
	}
	if (!config->people_count) {
		error_set(ISMS_EFAIL, "isms.yaml lists no people, so the new "
		    "record can have no owner");
		error_set_hint("add the people of the ISMS under 'people' in "
		    "isms.yaml");
		return ISMS_EFAIL;
	}

	git_user_email(&email, repo);
	person = email.len ? config_find_person_by_email(config, email.ptr) :
	    NULL;
	buf_release(&email);
	if (person) {
		*out = person->key;
		return 0;
	}
	*out = config->people[0].key;
	msg_note("owner is '%s', the first person in isms.yaml; choose "
	    "another with --owner", *out);
	return 0;
}

/*
 * Collects the ids in use for `ids->prefix`: those of the records in the
 * working tree, the names of the files in `folder`, and the same folder
 * in the index and the branches when there is a repository.
 */
static int
collect_ids(struct scaffold_ids *ids, const struct isms *isms,
    const struct workspace *ws, const char *folder)
{
	struct buf git_folder = BUF_INIT;
	size_t folder_len = strlen(folder);
	int rc = 0;

	for (size_t i = 0; i < isms->record_count; i++) {
		const struct record *rec = &isms->records[i];
		const char *slash = strrchr(rec->path, '/');

		if (rec->id)
			scaffold_ids_add(ids, rec->id);
		if (strncmp(rec->path, folder, folder_len) == 0)
			scaffold_ids_add(ids, slash ? slash + 1 : rec->path);
	}
	if (ws->repo) {
		/* The folder relative to the top of the work tree, no slash. */
		buf_printf(&git_folder, "%s%.*s", ws->repo_prefix,
		    (int)folder_len - 1, folder);
		rc = scaffold_ids_add_git(ids, ws->repo, git_folder.ptr);
	}
	buf_release(&git_folder);
	return rc;
}

static void
open_editor(const char *path)
{
	const char *command = getenv("VISUAL");
	int status = 0;

	if (!command || !*command)
		command = getenv("EDITOR");
	if (!command || !*command)
		command = "vi";

	if (editor_run(command, path, &status) < 0) {
		msg_warning("%s", error_message());
		error_clear();
		return;
	}
	if (status != 0)
		msg_warning("editor '%s' exited with status %d; '%s' is kept "
		    "as it was saved", command, status, path);
}

int
cmd_new(int argc, char **argv, const struct global_options *opts)
{
	static const struct option longopts[] = {
		{ "edit", no_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ "owner", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	struct template_values values = TEMPLATE_VALUES_INIT;
	struct workspace ws = WORKSPACE_INIT;
	struct isms isms = ISMS_INIT;
	struct diag_list ignored = DIAG_LIST_INIT;
	struct scaffold_ids ids;
	struct buf raw_title = BUF_INIT;
	struct buf title = BUF_INIT;
	struct buf id = BUF_INIT;
	struct buf name = BUF_INIT;
	struct buf template_name = BUF_INIT;
	struct buf template = BUF_INIT;
	struct buf text = BUF_INIT;
	struct buf folder_path = BUF_INIT;
	struct buf path = BUF_INIT;
	struct buf shown = BUF_INIT;
	const char *requested_owner = NULL;
	const char *folder;
	enum record_kind kind = KIND_RISK;
	char today[11];
	int edit = 0;
	int c, rc = 0;

	/* 0 resets getopt fully in glibc, musl and the BSDs. */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":eho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'e':
			edit = 1;
			break;
		case 'h':
			fputs(new_usage, stdout);
			goto done;
		case 'o':
			requested_owner = optarg;
			break;
		case ':':
			rc = error_set(ISMS_EUSAGE, "option '%s' needs a value",
			    argv[optind - 1]);
			goto done;
		default:
			rc = error_set(ISMS_EUSAGE, "invalid option '%s' for new; "
			    "see 'isms new --help'", argv[optind - 1]);
			goto done;
		}
	}
	if (optind >= argc) {
		rc = error_set(ISMS_EUSAGE, "missing record kind");
		error_set_hint("%s", new_synopsis);
		goto done;
	}
	rc = parse_kind(argv[optind], &kind);
	if (rc < 0)
		goto done;
	if (optind + 1 >= argc) {
		rc = error_set(ISMS_EUSAGE, "missing title for the new %s",
		    record_kind_name(kind));
		error_set_hint("%s", new_synopsis);
		goto done;
	}
	join_words(&raw_title, argc - optind - 1, argv + optind + 1);
	rc = scaffold_clean_title(&title, raw_title.ptr);
	if (rc < 0)
		goto done;

	rc = workspace_open(&ws, FROM_WORKTREE, NULL);
	if (rc < 0)
		goto done;
	rc = isms_load(&isms, ws.source, &ignored);
	if (rc < 0)
		goto done;
	if (!isms.config_ok)
		msg_warning("isms.yaml cannot be used, so the default id "
		    "prefixes apply; run 'isms check'");

	folder = isms_kind_folder(kind);
	ids = (struct scaffold_ids)SCAFFOLD_IDS_INIT(
	    isms.config.prefixes[kind]);
	rc = collect_ids(&ids, &isms, &ws, folder);
	if (rc < 0)
		goto done;
	scaffold_ids_next(&ids, &id);
	buf_puts(&name, id.ptr);
	buf_putc(&name, '-');
	scaffold_slug(&name, title.ptr);
	if (name.ptr[name.len - 1] == '-')
		buf_truncate(&name, name.len - 1);
	buf_puts(&name, ".md");

	rc = pick_owner(&values.owner, &isms.config, requested_owner,
	    ws.repo);
	if (rc < 0)
		goto done;
	date_format(opts->today, today);
	values.id = id.ptr;
	values.title = title.ptr;
	values.date = today;

	buf_printf(&template_name, "%s.md", record_kind_name(kind));
	rc = template_load(&template, template_name.ptr,
	    getenv("ISMS_TEMPLATES"));
	if (rc < 0)
		goto done;
	rc = template_fill(&text, template_name.ptr, template.ptr,
	    template.len, &values);
	if (rc < 0)
		goto done;

	buf_printf(&folder_path, "%s/%s", ws.root, folder);
	rc = scaffold_make_dirs(folder_path.ptr);
	if (rc < 0)
		goto done;
	buf_printf(&path, "%s%s", folder_path.ptr, name.ptr);
	rc = fs_write_atomic(path.ptr, text.ptr, text.len, 0);
	if (rc < 0)
		goto done;

	buf_printf(&shown, "%s%s%s", ws.display_prefix, folder, name.ptr);
	printf("%s\n", shown.ptr);
	fflush(stdout);
	if (edit)
		open_editor(shown.ptr);

done:
	isms_release(&isms);
	diag_list_release(&ignored);
	workspace_release(&ws);
	buf_release(&raw_title);
	buf_release(&title);
	buf_release(&id);
	buf_release(&name);
	buf_release(&template_name);
	buf_release(&template);
	buf_release(&text);
	buf_release(&folder_path);
	buf_release(&path);
	buf_release(&shown);
	return rc;
}
