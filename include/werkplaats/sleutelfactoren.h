/*
 * sleutelfactoren.h: the check of the six key factors for a traject so far.
 *
 * The check reads the traject (sprints, sessions, contributions, approvals)
 * and the registers (afspraken, houdingen, reflecties, planning) and returns
 * one structured model, which the text output, `--json`, `status`, `sprint
 * start` and the reports all read:
 *
 *   { "casus": id, "wijk", "gemeente", "vandaag": "JJJJ-MM-DD",
 *     "tot_en_met_sprint": N, "in_orde": n, "aandacht": n,
 *     "factoren": [ { "id", "naam", "uitleg", "status": "in orde"|"aandacht",
 *                     "bevindingen": [ { "soort", "oordeel", "tekst", ... } ],
 *                     "reflecties": [ { "sprint", "tekst" } ],
 *                     ...what the factor adds (see README.md) } ] }
 *
 * A bevinding's oordeel is "aandacht" (something to act on), "in orde" or
 * "info"; a factor needs attention when one of its bevindingen does. soort
 * is a stable id for tools and tests (afspraak_te_laat, nooit_meegedaan,
 * goedkeuring_ontbreekt, omgeving_niet_bekeken, herhaling, ...). Every text
 * is plain Dutch and says why.
 */
#ifndef WERKPLAATS_SLEUTELFACTOREN_H
#define WERKPLAATS_SLEUTELFACTOREN_H

#include <stdio.h>

#include <jansson.h>

#include "werkplaats/error.h"
#include "werkplaats/traject.h"

/* What the check needs to know of a werkvorm's card. */
struct sleutelfactoren_kaart {
    const char *naam;
    int sprint;
    const char *const *deelnemers;  /* methode groepen it is meant for, NULL-terminated; NULL: anyone */
    int groep_min, groep_max;       /* 0: not given */
};

/* Looks up the card of werkvorm id: 0 when found, -1 when not (the check then
 * says it could not test that werkvorm). Pointers stay valid until the check
 * returns. */
typedef int (*sleutelfactoren_kaart_fn)(void *ctx, const char *werkvorm, struct sleutelfactoren_kaart *out);

struct sleutelfactoren_opties {
    int tot;                        /* 0: every sprint so far; N: look at sprints 1..N only */
    const char *vandaag;            /* YYYY-MM-DD for deadlines; NULL: clock_today() */
    sleutelfactoren_kaart_fn kaart; /* NULL: werkvormen are not tested against their cards */
    void *kaart_ctx;
};

/* The check. Returns the model (caller owns), or NULL on a database error. */
json_t *sleutelfactoren_check(struct traject *t, const struct sleutelfactoren_opties *o, wp_error *err);

/* The check as stored for the traject's current state (sleutelfactoren_stand.c):
 * the same model as sleutelfactoren_check (with kern: its sleutelfactoren_kern),
 * read back when nothing in the traject changed since it was stored, else
 * computed and stored for next time. kaarten names what o->kaart answers
 * from (a fingerprint of the werkvorm files and the methode): a stored
 * check counts only for the same. */
json_t *sleutelfactoren_stand(struct traject *t, const struct sleutelfactoren_opties *o, const char *kaarten,
                              int kern, wp_error *err);

/* The part of a model that `status` shows, of a size that does not grow
 * with the traject: the model's shape (casus, factoren with id, naam,
 * status), but per factor only the first SLEUTELFACTOREN_KERN_PER_SOORT
 * bevindingen of each soort, with "aantallen" {soort: how many there are};
 * in factor resultaat the sprints with the werkvormen that used them taken
 * together per werkvorm, sprint and keys ("keer": in how many sessions).
 * NULL when out of memory. */
#define SLEUTELFACTOREN_KERN_PER_SOORT 5
json_t *sleutelfactoren_kern(json_t *model);

/* Removes every stored check (they quote contributions and name people:
 * `werkplaats vergeet` must not leave a copy behind). */
int sleutelfactoren_stand_wissen(struct traject *t, wp_error *err);

/* The same check at several cut-offs (the report: one per started sprint)
 * from one read of the traject. sleutelfactoren_load reads every sprint
 * (o->tot is not used; o must stay valid until sleutelfactoren_free);
 * sleutelfactoren_check_tot(d, tot) returns what sleutelfactoren_check
 * with o->tot = tot returns. */
struct sleutelfactoren_data;
struct sleutelfactoren_data *sleutelfactoren_load(struct traject *t, const struct sleutelfactoren_opties *o,
                                                  wp_error *err);
json_t *sleutelfactoren_check_tot(struct sleutelfactoren_data *d, int tot, wp_error *err);
void sleutelfactoren_free(struct sleutelfactoren_data *d);

/* The model as text for people: per factor what needs attention, what is
 * in order and why, then the reflections. */
void sleutelfactoren_print(json_t *model, FILE *out);

/* One line for `status`: which factors are in order and which need attention. */
void sleutelfactoren_print_kop(json_t *model, FILE *out);

/* The factor with id in the model, or NULL. */
json_t *sleutelfactoren_factor(json_t *model, const char *id);

/* True when word occurs in text as a whole word (or words), ignoring case
 * (ASCII letters) and runs of spaces: "camera" is in "Camera's bij de
 * Sluisstraat", not in "camerabewaking". */
int sleutelfactoren_match_word(const char *text, const char *word);

/* Prints text wrapped at width columns: the cursor stands at column col
 * (the caller printed what comes before), further lines start after indent
 * spaces. Ends with a newline. */
void sleutelfactoren_print_wrapped(FILE *out, const char *text, int col, int indent, int width);

#endif
