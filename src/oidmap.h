#ifndef ISMS_OIDMAP_H
#define ISMS_OIDMAP_H

#include <stddef.h>

#include <git2.h>

/*
 * A small hash map from git object ids to owned values, so that each
 * isms.yaml and each change record is parsed once per run however many
 * commits share it. OIDMAP_INIT is empty; values are never NULL.
 */
struct oidmap_slot {
	git_oid key;
	void *value;		/* NULL marks an empty slot */
};

struct oidmap {
	struct oidmap_slot *slots;
	size_t count;
	size_t size;		/* a power of two, or 0 */
};

#define OIDMAP_INIT { NULL, 0, 0 }

/* The value stored under `key`, or NULL. */
void *oidmap_get(const struct oidmap *map, const git_oid *key);

/* Stores `value` (not NULL) under `key`, which must not be in the map. */
void oidmap_put(struct oidmap *map, const git_oid *key, void *value);

/* Frees every value with `free_value` (NULL: values are not owned). */
void oidmap_release(struct oidmap *map, void (*free_value)(void *));

#endif
