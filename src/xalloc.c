#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

static void
out_of_memory(size_t size)
{
	fprintf(stderr, "isms: fatal: out of memory allocating %zu bytes\n",
	    size);
	abort();
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		out_of_memory(size);
	return p;
}

void *
xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (!p)
		out_of_memory(count * size);
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		out_of_memory(size);
	return p;
}

char *
xstrndup(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void
xgrow(void *items_ptr, size_t *alloc, size_t need, size_t size)
{
	void **items = items_ptr;
	size_t n = *alloc;

	if (need <= n)
		return;
	if (need > SIZE_MAX / 2 / size)
		out_of_memory(need);
	n = n ? n * 2 : 8;
	while (n < need)
		n *= 2;
	*items = xrealloc(*items, n * size);
	*alloc = n;
}
