#include <stdlib.h>
#include <string.h>

#include "strvec.h"
#include "xalloc.h"
#include "banned.h"

void
strvec_push_owned(struct strvec *v, char *s)
{
	xgrow(&v->items, &v->alloc, v->count + 1, sizeof(*v->items));
	v->items[v->count++] = s;
}

void
strvec_push(struct strvec *v, const char *s)
{
	strvec_push_owned(v, xstrdup(s));
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
strvec_sort(struct strvec *v)
{
	if (v->count > 1)
		qsort(v->items, v->count, sizeof(*v->items), compare_strings);
}

long
strvec_find(const struct strvec *v, const char *s)
{
	for (size_t i = 0; i < v->count; i++)
		if (strcmp(v->items[i], s) == 0)
			return (long)i;
	return -1;
}

void
strvec_clear(struct strvec *v)
{
	for (size_t i = 0; i < v->count; i++)
		free(v->items[i]);
	free(v->items);
	v->items = NULL;
	v->count = 0;
	v->alloc = 0;
}
