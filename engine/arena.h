/*
 * arena.h (engine-private): memory handed out piece by piece and given back
 * all at once. For the many small pieces of one short-lived whole, where a
 * malloc and a free per piece cost more than the work on it: the texts of
 * a session's facts view, the nodes of a YAML tree.
 */
#ifndef WERKPLAATS_ARENA_H
#define WERKPLAATS_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head;   /* the block handed out from, newest first */
};

/* size bytes, aligned for any object and not cleared; NULL when memory ran
 * out. Blocks grow from 4 KiB to 64 KiB, and a larger piece gets a block
 * of its own. */
void *arena_alloc(struct arena *a, size_t size);

/* A copy of s in the arena; NULL for NULL or when memory ran out. */
char *arena_dup(struct arena *a, const char *s);

/* Gives back every piece at once; the arena is empty afterwards. */
void arena_free(struct arena *a);

/* Gives back every piece but keeps the newest (largest) block for what
 * comes next: for an arena used over and over for one thing at a time. */
void arena_reset(struct arena *a);

#endif
