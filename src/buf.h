#ifndef ISMS_BUF_H
#define ISMS_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A growable byte buffer that always keeps a NUL after its contents, so
 * `ptr` can be used as a C string whenever the contents hold no NUL.
 *
 * A buffer declared with BUF_INIT is empty and owns no memory; buf_release()
 * frees what it owns and leaves it as BUF_INIT again. Allocation failure
 * aborts the program (see xalloc.h): there is no useful way to continue.
 */
struct buf {
	char *ptr;
	size_t len;
	size_t alloc;
};

extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0 }

void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_truncate(struct buf *b, size_t len);
void buf_reset(struct buf *b);

/* Hands the contents to the caller, who frees them with free(). */
char *buf_detach(struct buf *b, size_t *len_out);

void buf_release(struct buf *b);

#endif
