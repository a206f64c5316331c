#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "oidmap.h"
#include "xalloc.h"
#include "banned.h"

static size_t
oid_hash(const git_oid *id)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h));
	return h;
}

void *
oidmap_get(const struct oidmap *map, const git_oid *key)
{
	size_t i;

	if (!map->size)
		return NULL;
	for (i = oid_hash(key) & (map->size - 1); map->slots[i].value;
	    i = (i + 1) & (map->size - 1))
		if (git_oid_equal(&map->slots[i].key, key))
			return map->slots[i].value;
	return NULL;
}

static void
oidmap_resize(struct oidmap *map)
{
	struct oidmap_slot *old = map->slots;
	size_t old_size = map->size;

	map->size = old_size ? old_size * 2 : 64;
	map->slots = xcalloc(map->size, sizeof(*map->slots));
	map->count = 0;
	for (size_t i = 0; i < old_size; i++)
		if (old[i].value)
			oidmap_put(map, &old[i].key, old[i].value);
	free(old);
}

void
oidmap_put(struct oidmap *map, const git_oid *key, void *value)
{
	size_t i;

	if ((map->count + 1) * 2 > map->size)
		oidmap_resize(map);
	i = oid_hash(key) & (map->size - 1);
	while (map->slots[i].value)
		i = (i + 1) & (map->size - 1);
	git_oid_cpy(&map->slots[i].key, key);
	map->slots[i].value = value;
	map->count++;
}

void
oidmap_release(struct oidmap *map, void (*free_value)(void *))
{
	for (size_t i = 0; i < map->size; i++)
		if (map->slots[i].value && free_value)
			free_value(map->slots[i].value);
	free(map->slots);
	memset(map, 0, sizeof(*map));
}
