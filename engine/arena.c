/* arena.c: memory handed out piece by piece, given back at once (arena.h). */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_BLOCK 4096
#define LARGEST_BLOCK (64 * 1024)

struct arena_block {
    struct arena_block *next;
    size_t used, size;
    alignas(max_align_t) unsigned char bytes[];
};

static size_t round_up(size_t n)
{
    return (n + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
}

void *arena_alloc(struct arena *a, size_t size)
{
    struct arena_block *b = a->head;
    size_t need = round_up(size ? size : 1);

    if (need < size)
        return NULL;   /* size near SIZE_MAX */
    if (b == NULL || b->size - b->used < need) {
        size_t grow = b == NULL ? FIRST_BLOCK : b->size < LARGEST_BLOCK ? 2 * b->size : LARGEST_BLOCK;
        if (grow < need)
            grow = need;
        if (grow > SIZE_MAX - sizeof *b || (b = malloc(sizeof *b + grow)) == NULL)
            return NULL;
        b->next = a->head;
        b->used = 0;
        b->size = grow;
        a->head = b;
    }
    b->used += need;
    return b->bytes + b->used - need;
}

char *arena_dup(struct arena *a, const char *s)
{
    size_t n;
    char *copy;

    if (s == NULL)
        return NULL;
    n = strlen(s) + 1;
    if ((copy = arena_alloc(a, n)) != NULL)
        memcpy(copy, s, n);
    return copy;
}

void arena_free(struct arena *a)
{
    struct arena_block *b = a->head;

    while (b != NULL) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

void arena_reset(struct arena *a)
{
    struct arena_block *keep = a->head;

    if (keep == NULL)
        return;
    a->head = keep->next;
    arena_free(a);
    keep->next = NULL;
    keep->used = 0;
    a->head = keep;
}
