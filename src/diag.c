#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "xalloc.h"
#include "banned.h"

void
diag_add(struct diag_list *list, enum diag_severity severity,
    const char *path, size_t line, size_t col, const char *rule,
    const char *fmt, ...)
{
	struct buf message = BUF_INIT;
	struct diag *d;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&message, fmt, ap);
	va_end(ap);

	xgrow(&list->items, &list->alloc, list->count + 1, sizeof(*list->items));
	d = &list->items[list->count++];
	d->severity = severity;
	d->path = xstrdup(path ? path : "");
	d->line = line;
	d->col = col;
	d->rule = xstrdup(rule);
	d->message = buf_detach(&message, NULL);
}

static int
compare_diags(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	c = strcmp(x->rule, y->rule);
	if (c != 0)
		return c;
	return strcmp(x->message, y->message);
}

void
diag_sort(struct diag_list *list)
{
	if (list->count > 1)
		qsort(list->items, list->count, sizeof(*list->items),
		    compare_diags);
}

size_t
diag_count(const struct diag_list *list, enum diag_severity severity)
{
	size_t n = 0;

	for (size_t i = 0; i < list->count; i++)
		if (list->items[i].severity == severity)
			n++;
	return n;
}

size_t
diag_count_rule(const struct diag_list *list, const char *rule)
{
	size_t n = 0;

	for (size_t i = 0; i < list->count; i++)
		if (strcmp(list->items[i].rule, rule) == 0)
			n++;
	return n;
}

static void
diag_release(struct diag *d)
{
	free(d->path);
	free(d->rule);
	free(d->message);
}

void
diag_filter(struct diag_list *list,
    int (*keep)(const struct diag *d, void *data), void *data)
{
	size_t kept = 0;

	for (size_t i = 0; i < list->count; i++) {
		if (keep(&list->items[i], data))
			list->items[kept++] = list->items[i];
		else
			diag_release(&list->items[i]);
	}
	list->count = kept;
}

void
diag_list_release(struct diag_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		diag_release(&list->items[i]);
	free(list->items);
	list->items = NULL;
	list->count = 0;
	list->alloc = 0;
}
