#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

/* Shared by every empty buffer, so an unused buffer needs no allocation. */
char buf_empty[1];

void
buf_grow(struct buf *b, size_t extra)
{
	int fresh = b->alloc == 0;
	size_t need = b->len + extra + 1;

	if (need <= b->alloc)
		return;
	if (fresh)
		b->ptr = NULL;
	xgrow(&b->ptr, &b->alloc, need, 1);
	if (fresh)
		b->ptr[0] = '\0';
}

void
buf_add(struct buf *b, const void *data, size_t len)
{
	if (!len)
		return;
	buf_grow(b, len);
	memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(b->ptr + b->len, b->alloc ? b->alloc - b->len : 0,
	    fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	if ((size_t)n >= (b->alloc ? b->alloc - b->len : 0)) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->ptr + b->len, b->alloc - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	b->ptr[len] = '\0';
}

void
buf_reset(struct buf *b)
{
	buf_truncate(b, 0);
}

char *
buf_detach(struct buf *b, size_t *len_out)
{
	char *p;

	if (!b->alloc)
		buf_grow(b, 0);
	p = b->ptr;
	if (len_out)
		*len_out = b->len;
	b->ptr = buf_empty;
	b->len = 0;
	b->alloc = 0;
	return p;
}

void
buf_release(struct buf *b)
{
	if (b->alloc)
		free(b->ptr);
	b->ptr = buf_empty;
	b->len = 0;
	b->alloc = 0;
}
