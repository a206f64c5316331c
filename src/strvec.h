#ifndef ISMS_STRVEC_H
#define ISMS_STRVEC_H

#include <stddef.h>

/* A growable array of owned strings. STRVEC_INIT is empty. */
struct strvec {
	char **items;
	size_t count;
	size_t alloc;
};

#define STRVEC_INIT { NULL, 0, 0 }

/* Appends a copy of `s`. */
void strvec_push(struct strvec *v, const char *s);

/* Appends `s` itself; the vector takes ownership. */
void strvec_push_owned(struct strvec *v, char *s);

void strvec_sort(struct strvec *v);

/* Index of `s`, or -1. Linear. */
long strvec_find(const struct strvec *v, const char *s);

void strvec_clear(struct strvec *v);

#endif
