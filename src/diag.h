#ifndef ISMS_DIAG_H
#define ISMS_DIAG_H

#include <stddef.h>

/*
 * Diagnostics: findings about the user's files, each with a location and a
 * stable rule id. The core collects them in a diag_list and never prints;
 * the output adapters (diag_print_text(), diag_to_json()) render them.
 *
 * Every rule id is documented in docs/rules.md.
 */
enum diag_severity {
	DIAG_NOTE,
	DIAG_WARNING,
	DIAG_ERROR,
};

struct diag {
	enum diag_severity severity;
	char *path;		/* relative to the ISMS root, or "" */
	size_t line;		/* 1-based; 0 when the finding is about the file */
	size_t col;		/* 1-based; 0 when unknown */
	char *rule;		/* stable id, for example "unknown-key" */
	char *message;
};

struct diag_list {
	struct diag *items;
	size_t count;
	size_t alloc;
};

#define DIAG_LIST_INIT { NULL, 0, 0 }

void diag_add(struct diag_list *list, enum diag_severity severity,
    const char *path, size_t line, size_t col, const char *rule,
    const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Sorts by path, line, column, then rule, so output is stable. */
void diag_sort(struct diag_list *list);

size_t diag_count(const struct diag_list *list, enum diag_severity severity);

/* Counts the diagnostics with the given rule id. */
size_t diag_count_rule(const struct diag_list *list, const char *rule);

/* Keeps the diagnostics for which `keep` returns non-zero, in order. */
void diag_filter(struct diag_list *list,
    int (*keep)(const struct diag *d, void *data), void *data);

void diag_list_release(struct diag_list *list);

#endif
