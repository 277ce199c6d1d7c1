/*
 * register.h: what the registers of the sleutelfactoren share (afspraken,
 * houdingen, reflecties, planning): which sprint a new entry belongs to, and
 * the checks of texts, betrokkenen and gremia against the casus, with Dutch
 * messages and "bedoelde je" hints.
 */
#ifndef WERKPLAATS_REGISTER_H
#define WERKPLAATS_REGISTER_H

#include <jansson.h>

#include "werkplaats/error.h"
#include "werkplaats/traject.h"

/* The longest free text a register keeps (as long as a bijdrage). */
#define REGISTER_MAX_TEKST 4000

/* Where an entry comes from, as stored in the herkomst columns. */
#define HERKOMST_BEGELEIDER "begeleider"
#define HERKOMST_WERKVORM "werkvorm"
#define HERKOMST_DRAAIBOEK "draaiboek"

/* The sprint new entries belong to: the running sprint, else the last
 * closed one, else 0 (before the first sprint). -1 on a database error. */
int register_sprint(struct traject *t, wp_error *err);

/* A non-empty, valid UTF-8 text of at most REGISTER_MAX_TEKST bytes. */
int register_check_text(const char *tekst, const char *what, const char *where, wp_error *err);

/* id must be a casus betrokkene / gremium; otherwise a message with a hint. */
int register_check_betrokkene(const struct traject *t, const char *id, const char *where, wp_error *err);
int register_check_gremium(const struct traject *t, const char *id, const char *where, wp_error *err);

/* A value from a vocabulary of the methode (houdingen, glijbaan, sleutelfactor
 * ids); what names the vocabulary in the message. */
int register_check_word(const char *word, const char *const *list, const char *what, const char *where,
                        wp_error *err);

/* The sleutelfactor ids of the methode, NULL-terminated, in buf (max entries). */
const char *const *register_factor_ids(const struct methode *m, const char **buf, size_t max);

/* Visits every entry of a werkvorm's reserved result list (`afspraken`,
 * `houdingen`: key), after checking that each is a table whose fields are
 * all text and among fields. When checking (sessie 0), label names the
 * entry for messages ("werkvorm 'x', afspraak 2") and every entry is
 * visited, so every problem is reported at once; when storing (sessie > 0)
 * label is the entry's unique bron ("sessie 12, afspraak 2") and the first
 * failure stops. */
int register_result_list(json_t *list, const char *werkvorm, long long sessie, const char *key, const char *what,
                         const char *const *fields,
                         int (*visit)(void *ctx, json_t *entry, const char *label, wp_error *err), void *ctx,
                         wp_error *err);

/* Joins items as "a, b en c" into buf. */
const char *register_join(char *buf, size_t size, const char *const *items, size_t n);

/* Days from date a to date b (both YYYY-MM-DD): b - a. */
long register_days_between(const char *a, const char *b);

#endif
