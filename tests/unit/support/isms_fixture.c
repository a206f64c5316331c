/* nftw() is an X/Open extension. */
#define _XOPEN_SOURCE 700

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "xalloc.h"
#include "yaml_doc.h"
#include "isms_fixture.h"
#include "banned.h"

static int
remove_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int
fixture_tree_open(struct fixture_tree *fx, const char *config)
{
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/isms-test-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	fixture_tree_write(fx, "isms.yaml", config);
	return 0;
}

void
fixture_tree_write(const struct fixture_tree *fx, const char *name,
    const char *text)
{
	struct buf path = BUF_INIT;
	FILE *f;

	buf_printf(&path, "%s/%s", fx->dir, name);
	*strrchr(path.ptr, '/') = '\0';
	mkdir(path.ptr, 0755);
	path.ptr[strlen(path.ptr)] = '/';
	f = fopen(path.ptr, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	buf_release(&path);
}

void
fixture_tree_add_risk(struct fixture_tree *fx, const char *id,
    const char *yaml)
{
	struct buf name = BUF_INIT, text = BUF_INIT;

	buf_printf(&name, "risks/%s-test.md", id);
	buf_printf(&text, "---\nid: %s\ntitle: Risk %s\ncia: [integrity]\n"
	    "%s---\n", id, id, yaml);
	fixture_tree_write(fx, name.ptr, text.ptr);
	buf_release(&name);
	buf_release(&text);
}

void
fixture_tree_load(struct fixture_tree *fx)
{
	assert_int_equal(source_open_worktree(&fx->src, fx->dir), 0);
	assert_int_equal(isms_load(&fx->isms, fx->src, &fx->diags), 0);
}

void
fixture_tree_close(struct fixture_tree *fx)
{
	isms_release(&fx->isms);
	diag_list_release(&fx->diags);
	source_free(fx->src);
	nftw(fx->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

struct fixture_memory *
fixture_memory_new(const char *config)
{
	struct fixture_memory *fx = xcalloc(1, sizeof(*fx));
	struct diag_list diags = DIAG_LIST_INIT;

	assert_true(config_parse(&fx->isms.config, config, strlen(config),
	    "isms.yaml", &diags) >= 0);
	fx->isms.config_ok = 1;
	diag_list_release(&diags);
	return fx;
}

struct record *
fixture_memory_add(struct fixture_memory *fx, enum record_kind kind,
    const char *path, const char *yaml)
{
	struct record *rec;

	xgrow(&fx->isms.records, &fx->alloc, fx->isms.record_count + 1,
	    sizeof(*fx->isms.records));
	rec = &fx->isms.records[fx->isms.record_count++];
	memset(rec, 0, sizeof(*rec));
	rec->kind = kind;
	rec->path = xstrdup(path);
	assert_int_equal(yaml_doc_parse(&rec->front, yaml, strlen(yaml),
	    rec->path, 1, &fx->diags), 0);
	rec->id_node = ynode_get(rec->front, "id");
	rec->id = rec->id_node ? rec->id_node->value : NULL;
	return rec;
}

void
fixture_memory_free(struct fixture_memory *fx)
{
	isms_release(&fx->isms);
	diag_list_release(&fx->diags);
	free(fx);
}
