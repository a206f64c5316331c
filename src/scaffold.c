#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "fsutil.h"
#include "isms.h"
#include "repo.h"
#include "scaffold.h"
#include "soa.h"
#include "xalloc.h"
#include "yaml_doc.h"
#include "banned.h"

/* The largest id number counted; longer digit runs are not ids we make. */
#define ID_NUMBER_MAX 999999999UL

/*
 * Decodes the UTF-8 sequence at `s` (NUL-terminated) into *cp and returns
 * its length. Returns 0 for an invalid sequence: a stray continuation
 * byte, a truncated or overlong sequence, a surrogate or a value above
 * U+10FFFF.
 */
static size_t
utf8_decode(const unsigned char *s, unsigned long *cp)
{
	static const unsigned long min_value[] = { 0, 0, 0x80, 0x800,
		0x10000 };
	size_t len;
	unsigned long value;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		value = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		value = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		value = s[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		value = value << 6 | (s[i] & 0x3f);
	}
	if (value < min_value[len] || value > 0x10ffff ||
	    (value >= 0xd800 && value <= 0xdfff))
		return 0;
	*cp = value;
	return len;
}

int
scaffold_clean_title(struct buf *out, const char *raw)
{
	const char *start = raw;
	const char *end = raw + strlen(raw);
	const unsigned char *p;

	while (*start == ' ')
		start++;
	while (end > start && end[-1] == ' ')
		end--;
	buf_reset(out);
	buf_add(out, start, (size_t)(end - start));
	if (!out->len)
		return error_set(ISMS_EUSAGE, "the title is empty");

	p = (const unsigned char *)out->ptr;
	while (*p) {
		unsigned long cp;
		size_t n = utf8_decode(p, &cp);

		if (!n)
			return error_set(ISMS_EUSAGE, "the title is not valid "
			    "UTF-8 at byte %zu",
			    (size_t)(p - (const unsigned char *)out->ptr) + 1);
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 ||
		    cp == 0x2029)
			return error_set(ISMS_EUSAGE, "the title contains the "
			    "control character U+%04lX; a title is one line "
			    "of printable text", cp);
		p += n;
	}
	return 0;
}

/*
 * ASCII letters for U+00C0 to U+00FF and for U+0100 to U+017F (Latin-1
 * Supplement and Latin Extended-A), one per code point. '*' marks a
 * letter written with two (see two_letters), '-' a symbol.
 */
static const char latin1_letters[] =
	"aaaaaa*ceeeeiiii" "dnooooo-ouuuuy**"
	"aaaaaa*ceeeeiiii" "dnooooo-ouuuuy*y";
static const char latin_a_letters[] =
	"aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii"
	"ii**jjkkklllllll" "lllnnnnnnnnnoooo" "oo**rrrrrrssssss"
	"ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";

static const char *
two_letters(unsigned long cp)
{
	switch (cp) {
	case 0xc6: case 0xe6:
		return "ae";
	case 0xde: case 0xfe:
		return "th";
	case 0xdf:
		return "ss";
	case 0x132: case 0x133:
		return "ij";
	case 0x152: case 0x153:
		return "oe";
	}
	return NULL;
}

/*
 * The lower-case ASCII spelling of letter or digit `cp` in `spelling`
 * (at most two letters and a NUL). Returns 0 when `cp` is not a letter
 * or digit of these tables.
 */
static int
ascii_spelling(unsigned long cp, char spelling[3])
{
	char letter = 0;

	memset(spelling, 0, 3);
	if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
		letter = (char)cp;
	else if (cp >= 'A' && cp <= 'Z')
		letter = (char)(cp - 'A' + 'a');
	else if (cp >= 0xc0 && cp <= 0xff)
		letter = latin1_letters[cp - 0xc0];
	else if (cp >= 0x100 && cp <= 0x17f)
		letter = latin_a_letters[cp - 0x100];

	if (letter == '*') {
		memcpy(spelling, two_letters(cp), 2);
		return 1;
	}
	if (!letter || letter == '-')
		return 0;
	spelling[0] = letter;
	return 1;
}

/* Apostrophes join the parts of a word: "don't" gives "dont". */
static int
is_apostrophe(unsigned long cp)
{
	return cp == '\'' || cp == 0x2019;
}

void
scaffold_slug(struct buf *out, const char *title)
{
	const unsigned char *p = (const unsigned char *)title;
	size_t start = out->len;
	size_t cut;
	int word_break = 0;

	while (*p) {
		unsigned long cp = 0;
		size_t n = utf8_decode(p, &cp);
		char spelling[3];

		if (!n) {
			word_break = 1;
			p++;
			continue;
		}
		p += n;
		if (is_apostrophe(cp))
			continue;
		if (!ascii_spelling(cp, spelling)) {
			word_break = 1;
			continue;
		}
		if (word_break && out->len > start)
			buf_putc(out, '-');
		word_break = 0;
		buf_puts(out, spelling);
	}

	if (out->len - start <= SCAFFOLD_SLUG_MAX)
		return;
	/* Cut at the last hyphen that keeps whole words, if there is one. */
	cut = start + SCAFFOLD_SLUG_MAX;
	if (out->ptr[cut] != '-') {
		size_t hyphen = cut;

		while (hyphen > start && out->ptr[hyphen] != '-')
			hyphen--;
		if (hyphen > start)
			cut = hyphen;
	}
	while (cut > start && out->ptr[cut - 1] == '-')
		cut--;
	buf_truncate(out, cut);
}

void
scaffold_ids_add(struct scaffold_ids *ids, const char *name)
{
	size_t prefix_len = strlen(ids->prefix);
	const char *digits = name + prefix_len + 1;
	const char *end = digits;
	unsigned long number = 0;

	if (strncmp(name, ids->prefix, prefix_len) != 0 ||
	    name[prefix_len] != '-')
		return;
	while (*end >= '0' && *end <= '9') {
		if (end - digits >= 9)
			return;
		number = number * 10 + (unsigned long)(*end - '0');
		end++;
	}
	if (end == digits || (*end && *end != '-' && strcmp(end, ".md") != 0))
		return;

	if (number > ids->highest)
		ids->highest = number;
	if (end - digits > ids->width)
		ids->width = (int)(end - digits);
}

void
scaffold_ids_next(const struct scaffold_ids *ids, struct buf *out)
{
	int width = ids->width > 3 ? ids->width : 3;
	unsigned long next = ids->highest < ID_NUMBER_MAX ?
	    ids->highest + 1 : ID_NUMBER_MAX;

	buf_printf(out, "%s-%0*lu", ids->prefix, width, next);
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static int
add_tree_entry(const char *root, const git_tree_entry *entry, void *payload)
{
	(void)root;
	if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB)
		scaffold_ids_add(payload, git_tree_entry_name(entry));
	return 0;
}

/* Adds the file names under `folder` of the tree `object` points to. */
static int
add_tree(struct scaffold_ids *ids, git_repository *repo,
    const git_object *object, const char *folder)
{
	git_tree_entry *entry = NULL;
	git_tree *tree = NULL;
	int rc;

	rc = git_tree_entry_bypath(&entry, (const git_tree *)object, folder);
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		rc = 0;
		goto done;
	}
	if (rc < 0) {
		rc = error_from_git(rc, "cannot read folder '%s'", folder);
		goto done;
	}
	if (git_tree_entry_type(entry) != GIT_OBJECT_TREE)
		goto done;
	rc = git_tree_lookup(&tree, repo, git_tree_entry_id(entry));
	if (rc < 0) {
		rc = error_from_git(rc, "cannot read folder '%s'", folder);
		goto done;
	}
	rc = git_tree_walk(tree, GIT_TREEWALK_PRE, add_tree_entry, ids);
	if (rc < 0)
		rc = error_from_git(rc, "cannot list folder '%s'", folder);

done:
	git_tree_free(tree);
	git_tree_entry_free(entry);
	return rc;
}

static int
add_index(struct scaffold_ids *ids, git_repository *repo, const char *folder)
{
	size_t folder_len = strlen(folder);
	git_index *index = NULL;
	int rc;

	rc = git_repository_index(&index, repo);
	if (rc < 0)
		return error_from_git(rc, "cannot read the git index");
	for (size_t i = 0; i < git_index_entrycount(index); i++) {
		const git_index_entry *entry = git_index_get_byindex(index, i);

		if (strncmp(entry->path, folder, folder_len) == 0 &&
		    entry->path[folder_len] == '/')
			scaffold_ids_add(ids, base_name(entry->path));
	}
	git_index_free(index);
	return 0;
}

/* Adds the folder of the tree `ref` (a branch, or HEAD) points to. */
static int
add_reference(struct scaffold_ids *ids, git_repository *repo,
    git_reference *ref, const char *folder)
{
	git_object *tree = NULL;
	int rc;

	/* An unborn HEAD or a branch at a non-commit has no tree to read. */
	if (git_reference_peel(&tree, ref, GIT_OBJECT_TREE) < 0) {
		git_error_clear();
		return 0;
	}
	rc = add_tree(ids, repo, tree, folder);
	git_object_free(tree);
	return rc;
}

int
scaffold_ids_add_git(struct scaffold_ids *ids, git_repository *repo,
    const char *folder)
{
	git_branch_iterator *branches = NULL;
	git_reference *ref = NULL;
	git_branch_t type;
	int rc;

	rc = add_index(ids, repo, folder);
	if (rc < 0)
		goto done;

	if (git_repository_head(&ref, repo) == 0) {
		rc = add_reference(ids, repo, ref, folder);
		git_reference_free(ref);
		ref = NULL;
		if (rc < 0)
			goto done;
	} else {
		git_error_clear();
	}

	rc = git_branch_iterator_new(&branches, repo, GIT_BRANCH_ALL);
	if (rc < 0) {
		rc = error_from_git(rc, "cannot list the branches");
		goto done;
	}
	while ((rc = git_branch_next(&ref, &type, branches)) == 0) {
		rc = add_reference(ids, repo, ref, folder);
		git_reference_free(ref);
		ref = NULL;
		if (rc < 0)
			goto done;
	}
	if (rc == GIT_ITEROVER) {
		git_error_clear();
		rc = 0;
	} else {
		rc = error_from_git(rc, "cannot list the branches");
	}

done:
	git_branch_iterator_free(branches);
	return rc;
}

static void
plan_add(struct scaffold_plan *plan, const char *path, char *text,
    size_t len, int keep)
{
	struct scaffold_file *file;

	xgrow(&plan->files, &plan->alloc, plan->count + 1,
	    sizeof(*plan->files));
	file = &plan->files[plan->count++];
	file->path = xstrdup(path);
	file->text = text;
	file->len = len;
	file->keep = keep;
}

int
scaffold_plan_init(struct scaffold_plan *out, const char *template_dir,
    const struct template_values *values)
{
	static const char *const from_templates[] = { ISMS_CONFIG_FILE,
		SOA_PATH, "README.md", NULL };
	struct buf text = BUF_INIT;
	struct buf filled = BUF_INIT;
	struct buf path = BUF_INIT;
	int rc = 0;

	for (size_t i = 0; from_templates[i]; i++) {
		char *data;
		size_t len;

		rc = template_load(&text, from_templates[i], template_dir);
		if (rc < 0)
			goto done;
		buf_reset(&filled);
		rc = template_fill(&filled, from_templates[i], text.ptr,
		    text.len, values);
		if (rc < 0)
			goto done;
		data = buf_detach(&filled, &len);
		plan_add(out, from_templates[i], data, len, 0);
	}

	for (int kind = 0; kind < KIND_COUNT; kind++) {
		const char *folder = isms_kind_folder(kind);
		int seen = 0;

		for (int k = 0; k < kind; k++)
			if (strcmp(isms_kind_folder(k), folder) == 0)
				seen = 1;
		if (seen)
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s.gitkeep", folder);
		plan_add(out, path.ptr, xstrdup(""), 0, 1);
	}

done:
	buf_release(&text);
	buf_release(&filled);
	buf_release(&path);
	return rc;
}

void
scaffold_plan_release(struct scaffold_plan *plan)
{
	for (size_t i = 0; i < plan->count; i++) {
		free(plan->files[i].path);
		free(plan->files[i].text);
	}
	free(plan->files);
	*plan = (struct scaffold_plan)SCAFFOLD_PLAN_INIT;
}

int
scaffold_make_dirs(const char *path)
{
	char *copy = NULL;
	struct stat st;
	int rc = 0;

	if (!*path)
		return error_set(ISMS_EFAIL, "cannot create a folder with an "
		    "empty name");
	copy = xstrdup(path);
	for (char *p = copy + 1; ; p++) {
		char saved = *p;

		if (*p != '/' && *p != '\0')
			continue;
		*p = '\0';
		if (mkdir(copy, 0777) < 0 && errno != EEXIST) {
			rc = error_set(ISMS_EFAIL, "cannot create folder '%s': %s",
			    copy, strerror(errno));
			goto done;
		}
		*p = saved;
		if (!saved)
			break;
	}
	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		rc = error_set(ISMS_EFAIL, "'%s' exists and is not a folder",
		    path);

done:
	free(copy);
	return rc;
}

void
scaffold_join(struct buf *out, const char *dir, const char *path)
{
	buf_reset(out);
	if (strcmp(dir, ".") != 0) {
		buf_puts(out, dir);
		if (out->len && out->ptr[out->len - 1] != '/')
			buf_putc(out, '/');
	}
	buf_puts(out, path);
}

/* Whether the folder of `path` has any entry besides . and .. */
static int
folder_has_entries(const char *path)
{
	char *folder = xstrdup(path);
	char *slash = strrchr(folder, '/');
	struct dirent *entry;
	DIR *d;
	int found = 0;

	if (slash)
		*slash = '\0';
	d = opendir(slash ? folder : ".");
	while (d && (entry = readdir(d)))
		if (strcmp(entry->d_name, ".") != 0 &&
		    strcmp(entry->d_name, "..") != 0)
			found = 1;
	if (d)
		closedir(d);
	free(folder);
	return found;
}

/*
 * Whether the file at `path` already contains exactly the `len` bytes of
 * `text`. A file that cannot be read counts as different.
 */
static int
file_contains(const char *path, const char *text, size_t len)
{
	struct buf current = BUF_INIT;
	int same;

	same = fs_read_file(path, YAML_MAX_BYTES, &current) == 0 &&
	    current.len == len && memcmp(current.ptr, text, len) == 0;
	error_clear();
	buf_release(&current);
	return same;
}

enum write_action { WRITE_NEW, WRITE_REPLACE, WRITE_SKIP };

/* Decides what to do with one file, before anything is written. */
static int
plan_action(const struct scaffold_file *file, const char *path, int force,
    enum write_action *action)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		if (errno != ENOENT)
			return error_set(ISMS_EFAIL, "cannot read '%s': %s",
			    path, strerror(errno));
		*action = file->keep && folder_has_entries(path) ? WRITE_SKIP :
		    WRITE_NEW;
		return 0;
	}
	if (S_ISDIR(st.st_mode))
		return error_set(ISMS_EEXISTS, "'%s' exists and is a folder",
		    path);
	if (file->keep || file_contains(path, file->text, file->len)) {
		*action = WRITE_SKIP;
		return 0;
	}
	if (!force)
		return error_set(ISMS_EEXISTS, "'%s' already exists (use "
		    "--force to overwrite it)", path);
	*action = WRITE_REPLACE;
	return 0;
}

int
scaffold_write(const struct scaffold_plan *plan, const char *dir, int force,
    struct strvec *written)
{
	enum write_action *actions = NULL;
	struct buf path = BUF_INIT;
	int rc;

	rc = scaffold_make_dirs(dir);
	if (rc < 0)
		goto done;

	actions = xcalloc(plan->count ? plan->count : 1, sizeof(*actions));
	for (size_t i = 0; i < plan->count; i++) {
		scaffold_join(&path, dir, plan->files[i].path);
		rc = plan_action(&plan->files[i], path.ptr, force, &actions[i]);
		if (rc < 0)
			goto done;
	}

	for (size_t i = 0; i < plan->count; i++) {
		const struct scaffold_file *file = &plan->files[i];
		char *slash;

		if (actions[i] == WRITE_SKIP)
			continue;
		scaffold_join(&path, dir, file->path);
		slash = strrchr(path.ptr, '/');
		if (slash && slash != path.ptr) {
			*slash = '\0';
			rc = scaffold_make_dirs(path.ptr);
			*slash = '/';
			if (rc < 0)
				goto done;
		}
		rc = fs_write_atomic(path.ptr, file->text, file->len,
		    actions[i] == WRITE_REPLACE);
		if (rc < 0)
			goto done;
		strvec_push(written, path.ptr);
	}

done:
	free(actions);
	buf_release(&path);
	return rc;
}
