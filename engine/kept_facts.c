/* kept_facts.c: the facts a session wrote, kept for its view (kept_facts.h). */
#include "kept_facts.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "werkplaats/error.h"
#include "werkplaats/store.h"

/* Beyond this the view reads the database again: a session is rarely a
 * tenth of it, and memory must not grow with a long live session. */
#define KEPT_MAX_BYTES ((size_t)8 << 20)

struct kept_facts {
    struct store *store;
    struct arena arena;            /* the texts */
    struct feit_row *rows;
    size_t n, cap, bytes;
    long long last_volgnr;         /* of any kind, kept or not; 0 before the first */
    long long data_version;        /* PRAGMA data_version when keeping began */
    unsigned long rollbacks;       /* store_rollback_count then */
    int broken;                    /* the keeping ended: read the database */
};

/* Changes when another connection commits, never for this one's own. */
static long long data_version(struct store *store)
{
    wp_error ignore = WP_ERROR_INIT;
    long long v = store_query_int(store, "PRAGMA data_version", -1, &ignore);

    wp_error_clear(&ignore);
    return v;
}

struct kept_facts *kept_facts_new(struct store *store)
{
    struct kept_facts *k = calloc(1, sizeof *k);

    if (k == NULL)
        return NULL;
    k->store = store;
    k->data_version = data_version(store);
    k->rollbacks = store_rollback_count(store);
    k->broken = k->data_version < 0;
    return k;
}

static const char *keep(struct kept_facts *k, const char *s)
{
    const char *copy = arena_dup(&k->arena, s);

    if (s != NULL && copy == NULL)
        k->broken = 1;
    else if (s != NULL)
        k->bytes += strlen(s) + 1;
    return copy;
}

/* Only what the view replays is kept; a removal ends the keeping, since the
 * view then leaves out facts written before it. */
static int replayed(const char *soort)
{
    return strcmp(soort, "bijdrage") == 0 || strcmp(soort, "stem") == 0 || strcmp(soort, "plaatsing") == 0 ||
           strcmp(soort, "besluit") == 0 || strcmp(soort, "wijziging") == 0;
}

void kept_facts_add(struct kept_facts *k, const struct feit_row *row)
{
    struct feit_row *r;

    if (k == NULL || k->broken)
        return;
    if (row->volgnr != k->last_volgnr + 1 || strcmp(row->soort, "verwijdering") == 0) {
        k->broken = 1;
        return;
    }
    k->last_volgnr = row->volgnr;
    if (!replayed(row->soort))
        return;
    if (k->n == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 64;
        struct feit_row *grown = realloc(k->rows, cap * sizeof *grown);
        if (grown == NULL) {
            k->broken = 1;
            return;
        }
        k->rows = grown;
        k->cap = cap;
    }
    r = &k->rows[k->n];
    *r = *row;
    r->soort = keep(k, row->soort);
    r->stap = keep(k, row->stap);
    r->deelnemer = keep(k, row->deelnemer);
    r->ref = keep(k, row->ref);
    r->tekst = keep(k, row->tekst);
    r->veld = keep(k, row->veld);
    r->omgevingen = keep(k, row->omgevingen);
    r->data = keep(k, row->data);
    k->bytes += sizeof *r;
    if (k->bytes > KEPT_MAX_BYTES)
        k->broken = 1;
    if (!k->broken)
        k->n++;
}

int kept_facts_current(const struct kept_facts *k, long long last_volgnr)
{
    return k != NULL && !k->broken && k->last_volgnr == last_volgnr &&
           store_rollback_count(k->store) == k->rollbacks && data_version(k->store) == k->data_version;
}

size_t kept_facts_count(const struct kept_facts *k)
{
    return k->n;
}

const struct feit_row *kept_facts_at(const struct kept_facts *k, size_t i)
{
    return &k->rows[i];
}

void kept_facts_free(struct kept_facts *k)
{
    if (k == NULL)
        return;
    arena_free(&k->arena);
    free(k->rows);
    free(k);
}
