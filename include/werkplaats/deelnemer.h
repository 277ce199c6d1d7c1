/*
 * deelnemer.h: the people who take part in the traject's workshops.
 *
 * Every casus betrokkene is a deelnemer from the start; draaiboeken and the
 * regie screen add others (residents, young people who joined one evening).
 * Each gets a pseudonym per group ("bewoners #3") that reports can show
 * instead of the name. The id is what facts refer to.
 */
#ifndef WERKPLAATS_DEELNEMER_H
#define WERKPLAATS_DEELNEMER_H

#include "werkplaats/error.h"
#include "werkplaats/store.h"

/* Adds a deelnemer, or checks that an existing one with this id has the same
 * group (adding twice is fine: draaiboeken are replayed). naam and
 * betrokkene may be NULL. */
int deelnemer_add(struct store *s, const char *id, const char *naam, const char *groep,
                  const char *betrokkene, wp_error *err);

/* Adds a deelnemer known only by group (no name): the id becomes
 * "<groep>-<n>", the first free n from the group's size on, into id. */
int deelnemer_add_anoniem(struct store *s, const char *groep, char *id, size_t size, wp_error *err);

/* The group of deelnemer id into buf, or NULL when there is no such deelnemer. */
const char *deelnemer_groep(struct store *s, const char *id, char *buf, size_t size, wp_error *err);

/* Every deelnemer id, sorted, NULL-terminated; free with deelnemer_ids_free. */
char **deelnemer_ids(struct store *s, wp_error *err);
void deelnemer_ids_free(char **ids);

/* Adds "onbekende deelnemer 'x'" with a hint from the stored ids, at where. */
int deelnemer_unknown(struct store *s, const char *id, const char *where, wp_error *err);

#endif
