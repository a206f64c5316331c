#ifndef ISMS_XALLOC_H
#define ISMS_XALLOC_H

#include <stddef.h>

/*
 * Allocation wrappers that abort with a message when memory runs out. The
 * tool reads files of bounded size (see yaml_doc.h), so running out of
 * memory means the machine is in trouble and no error path would help.
 */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);

/* Grows *items so that it holds at least `need` elements of `size` bytes. */
void xgrow(void *items_ptr, size_t *alloc, size_t need, size_t size);

#endif
