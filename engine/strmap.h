/*
 * strmap.h (engine-private): a map from text to an index, by open
 * addressing. For the lookups that run once per fact (a ref, a person, a
 * placement's slot), where a jansson object costs an allocation per entry
 * and a query costs a trip through SQLite.
 */
#ifndef WERKPLAATS_STRMAP_H
#define WERKPLAATS_STRMAP_H

#include <stddef.h>

struct strmap_slot {
    const char *key;   /* NULL: empty */
    size_t value;
};

struct strmap {
    struct strmap_slot *slots;
    size_t n, cap;     /* cap is 0 or a power of two */
};

#define STRMAP_INIT { NULL, 0, 0 }

/* Sets key to value; a key set before gets the new value. The map keeps the
 * pointer, not a copy: the key must outlive the map (or strmap_free frees
 * it). -1 when memory ran out. */
int strmap_set(struct strmap *m, const char *key, size_t value);

/* The value of key, or NULL when it is not in the map (key may be NULL). */
const size_t *strmap_get(const struct strmap *m, const char *key);

/* Frees the table, and the keys too when free_keys is set (keys the
 * caller allocated for the map). The map is empty afterwards. */
void strmap_free(struct strmap *m, int free_keys);

#endif
