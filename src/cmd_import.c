#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "cmd.h"
#include "csv.h"
#include "error.h"
#include "fsutil.h"
#include "import.h"
#include "isms.h"
#include "msg.h"
#include "strvec.h"
#include "workspace.h"
#include "yaml_doc.h"
#include "banned.h"

/*
 * The largest CSV file read. A register of ten thousand risks with long
 * texts stays well below it; the parser needs about twice the file size
 * in memory.
 */
#define IMPORT_MAX_CSV_BYTES (16 * 1024 * 1024)

static const char import_synopsis[] =
	"usage: isms import csv FILE [-m MAP] [-o DIR] [-f] [-d CHAR]";

static const char import_usage[] =
	"usage: isms import csv FILE [-m MAP] [-o DIR] [-f] [-d CHAR]\n"
	"\n"
	"Creates one risk file per row of a spreadsheet exported as CSV, with\n"
	"the fields the map file names (docs/import.md describes it). Every\n"
	"column the map does not use is kept in the file's body. Prints the path\n"
	"of each file written, and a warning for each value it could not read.\n"
	"\n"
	"  -m, --map MAP         YAML map of columns, labels, defaults and id\n"
	"                        numbering; without it, columns named like fields\n"
	"                        (title, owner, inherent.likelihood, ...) fill them\n"
	"  -o, --output DIR      folder for the risk files (default: risks/ of\n"
	"                        the ISMS around the current directory)\n"
	"  -f, --force           overwrite risk files that already exist\n"
	"  -d, --delimiter CHAR  ',', ';' or 'tab' (default: whichever of them\n"
	"                        occurs most in the header line)\n";

static int
parse_delimiter(const char *arg, char *out)
{
	if (strcmp(arg, ",") == 0 || strcmp(arg, ";") == 0) {
		*out = arg[0];
		return 0;
	}
	if (strcmp(arg, "tab") == 0 || strcmp(arg, "\t") == 0) {
		*out = '\t';
		return 0;
	}
	return error_set(ISMS_EUSAGE,
	    "invalid delimiter '%s': use ',', ';' or 'tab'", arg);
}

static void
join_path(struct buf *out, const char *dir, const char *name)
{
	buf_reset(out);
	buf_puts(out, dir);
	if (out->len && out->ptr[out->len - 1] != '/')
		buf_putc(out, '/');
	buf_puts(out, name);
}

/* Creates the output folder unless it exists. */
static int
make_output_dir(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0777) == 0)
		return 0;
	if (errno != EEXIST)
		return error_set(ISMS_EFAIL, "could not create folder '%s': %s",
		    dir, strerror(errno));
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return error_set(ISMS_EFAIL, "'%s' exists and is not a folder",
		    dir);
	return 0;
}

/* Whether the file name `entry` is a record file for `id`. */
static int
names_id(const char *entry, const char *id)
{
	size_t n = strlen(id);
	size_t len = strlen(entry);

	if (len < 3 || strcmp(entry + len - 3, ".md") != 0)
		return 0;
	return strncmp(entry, id, n) == 0 &&
	    (entry[n] == '-' || strcmp(entry + n, ".md") == 0);
}

/*
 * Checks before anything is written that no file would be overwritten
 * without --force, and that no other file in the folder already has one
 * of the new ids (a risk imported before under another title), which
 * --force cannot fix. Reports the first problem in row order.
 */
static int
is_regular_file(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int
check_targets(const struct import_result *result, const char *dir, int force)
{
	struct strvec entries = STRVEC_INIT;
	struct buf path = BUF_INIT;
	DIR *d = opendir(dir);
	struct dirent *entry;
	int err = 0;

	if (!d) {
		err = error_set(ISMS_EFAIL, "could not read folder '%s': %s",
		    dir, strerror(errno));
		goto done;
	}
	while ((entry = readdir(d)))
		strvec_push(&entries, entry->d_name);
	strvec_sort(&entries);

	for (size_t i = 0; i < result->count; i++) {
		const struct import_file *file = &result->files[i];

		for (size_t k = 0; k < entries.count; k++) {
			const char *name = entries.items[k];

			if (!names_id(name, file->id))
				continue;
			join_path(&path, dir, name);
			if (strcmp(name, file->name) != 0) {
				err = error_set(ISMS_EEXISTS,
				    "'%s' already has id '%s', which the import gives to '%s'",
				    path.ptr, file->id, file->name);
				error_set_hint("rename or remove the old file, or set 'id: {start: N}' in the map");
				goto done;
			}
			if (!force) {
				err = error_set(ISMS_EEXISTS,
				    "'%s' already exists (use --force to overwrite it)",
				    path.ptr);
				goto done;
			}
			/* --force replaces files, never folders or links. */
			if (!is_regular_file(path.ptr)) {
				err = error_set(ISMS_EEXISTS,
				    "'%s' exists and is not a regular file; "
				    "move it away before importing", path.ptr);
				goto done;
			}
		}
	}

done:
	if (d)
		closedir(d);
	strvec_clear(&entries);
	buf_release(&path);
	return err;
}

static int
load_map(struct import_map *map, const char *map_path,
    const struct csv_table *table, const char *csv_path)
{
	struct buf text = BUF_INIT;
	int err;

	if (!map_path)
		return import_map_from_header(map, table, csv_path);
	err = fs_read_file(map_path, YAML_MAX_BYTES, &text);
	if (err < 0)
		goto done;
	err = import_map_parse(map, text.ptr, text.len, map_path);

done:
	buf_release(&text);
	return err;
}

/*
 * Finds the ISMS around the current directory, loads its records so new
 * ids do not collide with them, and names its risks/ folder relative to
 * the current directory.
 */
static int
open_target_isms(struct workspace *ws, struct isms *isms,
    struct diag_list *ignored, struct buf *output)
{
	int rc;

	rc = workspace_open(ws, FROM_WORKTREE, NULL);
	if (rc < 0) {
		error_set_hint("run the import inside an ISMS, or name a "
		    "folder with --output");
		return rc;
	}
	rc = isms_load(isms, ws->source, ignored);
	if (rc < 0)
		return rc;
	buf_printf(output, "%srisks", ws->display_prefix);
	return 0;
}

/* The highest number among the ids with the map's prefix, 0 when none. */
static long
highest_id_number(const struct isms *isms, const char *prefix)
{
	size_t prefix_len = strlen(prefix);
	long highest = 0;

	for (size_t i = 0; i < isms->record_count; i++) {
		const char *id = isms->records[i].id;
		long number;

		if (!id || strncmp(id, prefix, prefix_len) != 0 ||
		    id[prefix_len] != '-')
			continue;
		number = strtol(id + prefix_len + 1, NULL, 10);
		if (number > highest)
			highest = number;
	}
	return highest;
}

/* Starts renumbered ids after the ISMS's highest one. */
static void
continue_numbering(struct import_map *map, const struct isms *isms)
{
	long highest = highest_id_number(isms, map->prefix ? map->prefix :
	    "RSK");

	if (map->start <= highest)
		map->start = highest + 1;
}

/* The record whose `external_id` is `external_id`, or NULL. */
static const struct record *
find_external_id(const struct isms *isms, const char *external_id)
{
	for (size_t i = 0; i < isms->record_count; i++) {
		const struct record *rec = &isms->records[i];
		const struct ynode *node;

		if (!rec->front)
			continue;
		node = ynode_get(rec->front, "external_id");
		if (node && node->type == YNODE_SCALAR &&
		    strcmp(node->value, external_id) == 0)
			return rec;
	}
	return NULL;
}

/*
 * Fails when an imported id (kept from the sheet) is already in use, or
 * when a row was imported before (a record carries its sheet id as
 * external_id), so importing a sheet twice never duplicates its risks.
 */
static int
check_ids_free(const struct import_result *result, const struct isms *isms,
    const char *csv_path)
{
	for (size_t i = 0; i < result->count; i++) {
		const struct import_file *file = &result->files[i];
		const struct record *earlier = file->external_id ?
		    find_external_id(isms, file->external_id) : NULL;

		if (earlier) {
			error_set(ISMS_EEXISTS, "%s:%zu: row '%s' was imported "
			    "before as '%s'", csv_path, file->line,
			    file->external_id, earlier->path);
			error_set_hint("edit that record, or remove it to "
			    "import the row again");
			return ISMS_EEXISTS;
		}
	}
	for (size_t i = 0; i < result->count; i++) {
		const struct record *existing =
		    isms_find_record(isms, result->files[i].id);

		if (!existing)
			continue;
		error_set(ISMS_EEXISTS, "%s:%zu: id '%s' is already used by "
		    "'%s'", csv_path, result->files[i].line,
		    result->files[i].id, existing->path);
		error_set_hint("set 'id: {renumber: always}' in the map to "
		    "give the imported risks new ids");
		return ISMS_EEXISTS;
	}
	return 0;
}

int
cmd_import(int argc, char **argv, const struct global_options *opts)
{
	static const struct option longopts[] = {
		{ "delimiter", required_argument, NULL, 'd' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "map", required_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	struct buf csv_text = BUF_INIT;
	struct buf path = BUF_INIT;
	struct csv_table table = CSV_TABLE_INIT;
	struct import_map map = IMPORT_MAP_INIT;
	struct import_result result = IMPORT_RESULT_INIT;
	const char *map_path = NULL;
	struct workspace ws = WORKSPACE_INIT;
	struct isms isms = ISMS_INIT;
	struct diag_list ignored = DIAG_LIST_INIT;
	struct buf default_output = BUF_INIT;
	const char *output = NULL;
	const char *csv_path;
	char delimiter = 0;
	int force = 0;
	int c, rc = 0;

	/* 0 resets getopt fully in glibc, musl and the BSDs. */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:fhm:o:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'd':
			rc = parse_delimiter(optarg, &delimiter);
			if (rc < 0)
				goto done;
			break;
		case 'f':
			force = 1;
			break;
		case 'h':
			fputs(import_usage, stdout);
			rc = 0;
			goto done;
		case 'm':
			map_path = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case ':':
			rc = error_set(ISMS_EUSAGE, "option '%s' needs a value",
			    argv[optind - 1]);
			goto done;
		default:
			rc = error_set(ISMS_EUSAGE,
			    "invalid option '%s' for import; see 'isms import --help'",
			    argv[optind - 1]);
			goto done;
		}
	}
	if (optind >= argc) {
		rc = error_set(ISMS_EUSAGE, "missing import format");
		error_set_hint("%s", import_synopsis);
		goto done;
	}
	if (strcmp(argv[optind], "csv") != 0) {
		rc = error_set(ISMS_EUSAGE,
		    "unknown import format '%s': only 'csv' is supported",
		    argv[optind]);
		goto done;
	}
	if (optind + 1 >= argc) {
		rc = error_set(ISMS_EUSAGE, "missing CSV file to import");
		error_set_hint("%s", import_synopsis);
		goto done;
	}
	if (optind + 2 < argc) {
		rc = error_set(ISMS_EUSAGE, "unexpected argument '%s' for import",
		    argv[optind + 2]);
		goto done;
	}
	csv_path = argv[optind + 1];

	rc = fs_read_file(csv_path, IMPORT_MAX_CSV_BYTES, &csv_text);
	if (rc < 0)
		goto done;
	rc = csv_parse(&table, csv_text.ptr, csv_text.len, delimiter, csv_path);
	if (rc < 0)
		goto done;
	rc = load_map(&map, map_path, &table, csv_path);
	if (rc < 0)
		goto done;
	/*
	 * The ISMS around the current directory gives the default folder and
	 * the ids already taken; with --output the import also works outside
	 * any ISMS.
	 */
	rc = open_target_isms(&ws, &isms, &ignored, &default_output);
	if (rc < 0 && !output)
		goto done;
	if (rc < 0)
		error_clear();
	else
		continue_numbering(&map, &isms);
	if (!output)
		output = default_output.ptr;
	rc = import_rows(&result, &map, &table, csv_path);
	if (rc < 0)
		goto done;
	if (isms.record_count) {
		rc = check_ids_free(&result, &isms, csv_path);
		if (rc < 0)
			goto done;
	}
	diag_print_text(stderr, &result.notes, "",
	    msg_use_color(stderr, opts->color));
	if (!result.count)
		msg_warning("'%s' has no rows to import", csv_path);

	rc = make_output_dir(output);
	if (rc < 0)
		goto done;
	rc = check_targets(&result, output, force);
	if (rc < 0)
		goto done;
	for (size_t i = 0; i < result.count; i++) {
		const struct import_file *file = &result.files[i];

		join_path(&path, output, file->name);
		rc = fs_write_atomic(path.ptr, file->text, file->len, force);
		if (rc < 0)
			goto done;
		printf("%s\n", path.ptr);
	}
	rc = opts->strict && result.notes.count ? 1 : 0;

done:
	isms_release(&isms);
	diag_list_release(&ignored);
	workspace_release(&ws);
	buf_release(&default_output);
	import_result_release(&result);
	import_map_release(&map);
	csv_table_release(&table);
	buf_release(&csv_text);
	buf_release(&path);
	return rc;
}
