/* strmap.c: a map from text to an index (strmap.h). */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "werkplaats/vingerafdruk.h"

static size_t hash_text(const char *s)
{
    return (size_t)vingerafdruk_data(VINGERAFDRUK_BEGIN, s, strlen(s));   /* FNV-1a */
}

/* The slot holding key, or the empty slot where it would go. */
static struct strmap_slot *find(const struct strmap *m, const char *key)
{
    size_t mask = m->cap - 1, i;

    for (i = hash_text(key) & mask; m->slots[i].key != NULL; i = (i + 1) & mask)
        if (strcmp(m->slots[i].key, key) == 0)
            break;
    return &m->slots[i];
}

static int grow(struct strmap *m)
{
    struct strmap bigger = { NULL, m->n, m->cap ? m->cap * 2 : 64 };

    if ((bigger.slots = calloc(bigger.cap, sizeof *bigger.slots)) == NULL)
        return -1;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key != NULL)
            *find(&bigger, m->slots[i].key) = m->slots[i];
    free(m->slots);
    *m = bigger;
    return 0;
}

int strmap_set(struct strmap *m, const char *key, size_t value)
{
    struct strmap_slot *slot;

    if ((m->n + 1) * 2 > m->cap && grow(m) != 0)   /* at most half full: probes stay short */
        return -1;
    slot = find(m, key);
    if (slot->key == NULL) {
        slot->key = key;
        m->n++;
    }
    slot->value = value;
    return 0;
}

const size_t *strmap_get(const struct strmap *m, const char *key)
{
    const struct strmap_slot *slot;

    if (key == NULL || m->cap == 0)
        return NULL;
    slot = find(m, key);
    return slot->key != NULL ? &slot->value : NULL;
}

void strmap_free(struct strmap *m, int free_keys)
{
    for (size_t i = 0; free_keys && i < m->cap; i++)
        free((char *)m->slots[i].key);
    free(m->slots);
    m->slots = NULL;
    m->n = m->cap = 0;
}
