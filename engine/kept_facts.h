/*
 * kept_facts.h (engine-private): the facts one struct sessie wrote, kept in
 * memory from the session's first fact on, so that its facts view can be
 * replayed without reading them back from the database (sessie_view.c).
 * A replay closes every session it wrote: reading its facts back cost
 * some 4% of the replay.
 *
 * The kept facts stand for the database only while nothing can have made
 * the two differ; kept_facts_current says when. Otherwise the view reads
 * the database, as it always did.
 */
#ifndef WERKPLAATS_KEPT_FACTS_H
#define WERKPLAATS_KEPT_FACTS_H

#include <stddef.h>

struct store;

/* One fact as the view replays it: the columns of feit it reads, as stored
 * (a NULL column is NULL, or 0 for doel and waarde). */
struct feit_row {
    long long id, volgnr, doel;
    const char *soort, *stap, *deelnemer, *ref, *tekst, *veld, *omgevingen, *data;
    double waarde;
};

struct kept_facts;

/* Starts keeping, just before a new session's first fact is written, inside
 * the transaction that creates it; NULL when memory ran out (the view then
 * reads the database). */
struct kept_facts *kept_facts_new(struct store *store);

/* Adds a fact just written (its texts are copied). A fact out of sequence,
 * a removal (the view finds what it removed by reading back), or more than
 * a few MiB of facts end the keeping for good. */
void kept_facts_add(struct kept_facts *k, const struct feit_row *row);

/* Whether the kept facts are exactly the session's facts in the database:
 * kept without a gap from its first fact up to last_volgnr, the highest
 * volgnr the database holds for the session; nothing rolled back on this
 * connection and nothing committed by another since the first. */
int kept_facts_current(const struct kept_facts *k, long long last_volgnr);

/* The kept facts that the view replays (not the steps, pauses and
 * resumptions), in the order they were written. */
size_t kept_facts_count(const struct kept_facts *k);
const struct feit_row *kept_facts_at(const struct kept_facts *k, size_t i);

void kept_facts_free(struct kept_facts *k);

#endif
