/*
 * afspraak.h: the agreements register (sleutelfactor "van praten naar doen").
 *
 * An afspraak says who (a casus betrokkene) does what, in which gremium it is
 * followed up and by when. Facilitators add them on the command line,
 * werkvormen return them under the reserved result key `afspraken`, and a
 * draaiboek lists them per sprint. An open afspraak past its deadline needs
 * steering (bijsturen): every sprint start, `status` and the sleutelfactoren
 * check list it with its owner and gremium.
 */
#ifndef WERKPLAATS_AFSPRAAK_H
#define WERKPLAATS_AFSPRAAK_H

#include <jansson.h>

#include "werkplaats/error.h"
#include "werkplaats/traject.h"

struct afspraak_invoer {
    const char *ref;        /* optional label (a draaiboek's id), unique in the traject */
    const char *wie;        /* a casus betrokkene id */
    const char *wat;        /* what was agreed */
    const char *gremium;    /* optional: the casus gremium that follows it up */
    const char *deadline;   /* optional: YYYY-MM-DD */
    const char *interventie;/* optional: the id of the idea or intervention it serves */
    int klaar;              /* recorded as already done */
    const char *afgerond;   /* when klaar: the date it was done (default: today) */
    int sprint;             /* the sprint it was made in; 0: register_sprint() */
    long long sessie;       /* the werkvorm session it came from, or 0 */
    const char *herkomst;   /* HERKOMST_BEGELEIDER, _WERKVORM or _DRAAIBOEK */
    const char *bron;       /* unique origin for idempotent replays, or NULL */
};

/* Checks an agreement against the casus; every problem goes to err at where. */
int afspraak_check(struct traject *t, const struct afspraak_invoer *in, const char *where, wp_error *err);

/* Stores a checked agreement; the caller holds the transaction. Returns its
 * number, 0 when its bron or ref was stored before (a replay), -1 on error. */
long long afspraak_insert(struct traject *t, const struct afspraak_invoer *in, wp_error *err);

/* Checks and stores in one transaction. */
long long afspraak_add(struct traject *t, const struct afspraak_invoer *in, const char *where, wp_error *err);

/* Marks agreement nr (or, when ref is not NULL, the one with that label) as
 * done on datum (NULL: today). *was_done tells whether it already was. */
int afspraak_done(struct traject *t, long long nr, const char *ref, const char *datum, int *was_done,
                  wp_error *err);

/* The agreements made up to sprint tot (0: all), oldest first, as a JSON
 * array of {nr, ref?, wie, wie_naam, wie_rol, wat, gremium?, gremium_naam?,
 * deadline?, interventie?, status, sprint?, herkomst, aangemaakt, afgerond?, te_laat,
 * dagen_te_laat?}. te_laat: open and past its deadline on vandaag. */
json_t *afspraak_list(struct traject *t, int tot, const char *vandaag, int alleen_open, wp_error *err);

/* The reserved result key `afspraken` of a werkvorm: a list of {wie, wat,
 * gremium, deadline, interventie}. Checking names the werkvorm; storing (inside the
 * caller's transaction) ties each agreement to the session. */
int afspraak_check_result(struct traject *t, json_t *list, const char *werkvorm, wp_error *err);
int afspraak_store_result(struct traject *t, json_t *list, long long sessie, int sprint, wp_error *err);

#endif
