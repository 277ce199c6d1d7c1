/*
 * houding.h: where the stakeholders stand, per phase (sleutelfactor
 * "commitment").
 *
 * Phase 0 is the casus: every betrokkene's houding (teleurgesteld, neutraal,
 * positief) and glijbaan position at the start. Phase N is sprint N: the
 * facilitator records a change (`werkplaats houding`), a werkvorm returns one
 * under the reserved result key `houdingen`, or a draaiboek lists them per
 * sprint. A change may give the houding, the glijbaan position or both; what
 * it leaves out stays as it was.
 */
#ifndef WERKPLAATS_HOUDING_H
#define WERKPLAATS_HOUDING_H

#include <jansson.h>

#include "werkplaats/error.h"
#include "werkplaats/traject.h"

struct houding_invoer {
    const char *betrokkene;   /* a casus betrokkene id */
    const char *houding;      /* one of the methode houdingen, or NULL */
    const char *glijbaan;     /* one of the methode glijbaan positions, or NULL */
    int fase;                 /* the sprint; 0: register_sprint() */
    long long sessie;         /* the werkvorm session it came from, or 0 */
    const char *herkomst;     /* HERKOMST_* */
    const char *bron;         /* unique origin for idempotent replays, or NULL */
};

int houding_check(struct traject *t, const struct houding_invoer *in, const char *where, wp_error *err);

/* Stores a checked change; the caller holds the transaction. Returns 1 when
 * stored, 0 when its bron was stored before, -1 on error. */
int houding_insert(struct traject *t, const struct houding_invoer *in, wp_error *err);

/* Checks and stores in one transaction. Refuses phase 0 (that is the casus). */
int houding_add(struct traject *t, const struct houding_invoer *in, const char *where, wp_error *err);

/* The reserved result key `houdingen`: a list of {betrokkene, houding, glijbaan}. */
int houding_check_result(struct traject *t, json_t *list, const char *werkvorm, wp_error *err);
int houding_store_result(struct traject *t, json_t *list, long long sessie, int sprint, wp_error *err);

/* Every casus betrokkene with its stance through phase tot (0: all), as a
 * JSON array of {id, naam, rol, groep, sleutel, fasen: [{fase, houding,
 * glijbaan, herkomst}], nu: {fase, houding, glijbaan}}. fasen starts with
 * phase 0 (herkomst "casus") and has one entry per phase with a change. */
json_t *houding_overzicht(struct traject *t, int tot, wp_error *err);

#endif
