/*
 * privacy.h: what the AVG asks of a traject's data.
 *
 * A workshop stores what people said. Three things keep that proportionate:
 *
 *   - sensitive texts: a bijdrage the begeleider marked gevoelig ('!' live,
 *     `gevoelig: ja` in a draaiboek), or any bijdrage in a step its werkvorm
 *     card marks `gevoelig = true` (someone's own day, a persona). The anonymous
 *     export leaves them out; forgetting a deelnemer erases theirs.
 *   - forgetting a deelnemer (`werkplaats vergeet`): the name goes from the
 *     deelnemer table, the stored casus and every text; their sensitive texts
 *     are erased in the facts and wherever results copied them. Facts, votes
 *     and ids stay, so tallies and frozen results keep adding up.
 *   - a retention date (bewaartermijn) per traject.
 *
 * Every change is logged in privacylog, naming a pseudonym at most.
 */
#ifndef WERKPLAATS_PRIVACY_H
#define WERKPLAATS_PRIVACY_H

#include <jansson.h>

#include "werkplaats/error.h"
#include "werkplaats/traject.h"

/* What stands where a sensitive text was left out or erased. */
#define PRIVACY_WEGGELATEN "[gevoelige tekst weggelaten]"
#define PRIVACY_GEWIST "[gewist op verzoek van de deelnemer]"
/* What stands in the stored casus where a forgotten betrokkene's name was. */
#define PRIVACY_NAAM_GEWIST "(naam gewist)"

/* Whether step stap of werkvorm holds personal free text: 1 yes, 0 no, -1
 * when the werkvorm's card cannot be loaded (its texts then count as
 * sensitive: what cannot be checked is left out). */
typedef int (*privacy_stap_fn)(void *ctx, const char *werkvorm, const char *stap);

/* The sensitive texts of the traject, or only those written by deelnemer
 * (when not NULL): [{feit, tekst}] for each sensitive bijdrage and each
 * wijziging of one. Caller owns the reference. */
json_t *privacy_gevoelige_feiten(struct traject *t, privacy_stap_fn gevoelig, void *ctx, const char *deelnemer,
                                 wp_error *err);

/* A replacement: every occurrence of wat becomes door; with woord, only
 * where wat stands as a whole word (names: "Bas" but not "Basisschool"). */
struct privacy_regel {
    const char *wat;
    const char *door;
    int woord;
};

/* s with the rules applied (longest wat first is the caller's order), or NULL
 * when nothing changed; *n counts the replacements. Caller frees. */
char *privacy_vervang(const char *s, const struct privacy_regel *regels, size_t n_regels, size_t *n);

/* Applies the rules to every string value inside v (not to keys). Returns
 * the number of replacements. */
size_t privacy_vervang_json(json_t *v, const struct privacy_regel *regels, size_t n_regels);

/* The rules that remove the texts of feiten (from privacy_gevoelige_feiten):
 * a whole string always, inside a longer string when the text is long enough
 * not to be a common word. Longest first. The rules borrow the strings from
 * feiten. Returns the number of rules in *n, or NULL without memory. */
struct privacy_regel *privacy_tekst_regels(json_t *feiten, const char *door, size_t *n);

/* --- forgetting a deelnemer ----------------------------------------------- */

struct privacy_vergeten {
    char pseudoniem[128];    /* what the deelnemer is called from now on */
    int had_naam;            /* a name was stored and is now erased */
    int in_casus;            /* the name was erased from the stored casus too */
    long long teksten;       /* sensitive texts erased in the facts */
    long long elders;        /* replacements in other texts (results, agreements, ...) */
};

/* Forgets deelnemer id in one transaction: erases the name (deelnemer table,
 * stored casus, every text that mentions it, replaced by the pseudonym), sets
 * the texts of feiten (their sensitive facts) to PRIVACY_GEWIST here and in
 * stored results, marks the deelnemer forgotten on the engine's today, and
 * logs it by pseudonym. An unknown id is a user error with a hint. */
int privacy_vergeet(struct traject *t, const char *id, json_t *feiten, struct privacy_vergeten *out,
                    wp_error *err);

/* The date (YYYY-MM-DD) deelnemer id was forgotten into buf, or NULL. */
const char *privacy_vergeten_op(struct traject *t, const char *id, char *buf, size_t size, wp_error *err);

/* --- retention ------------------------------------------------------------ */

/* The retention date: the traject's own (set by start --bewaren-tot or
 * `werkplaats bewaartermijn`), else the casus's bewaren_tot; NULL when
 * neither is set. Copied into buf (at least 11 bytes). */
const char *privacy_bewaren_tot(struct traject *t, char *buf, size_t size, wp_error *err);

/* Sets the traject's retention date (a valid YYYY-MM-DD) and logs it. */
int privacy_set_bewaren_tot(struct traject *t, const char *datum, wp_error *err);

/* 1 when the retention date has passed (today is after it), else 0. */
int privacy_bewaartermijn_voorbij(const char *bewaren_tot, const char *vandaag);

/* The privacy log, oldest first: [{tijd, actie, wat}]. Caller owns it. */
json_t *privacy_log(struct traject *t, wp_error *err);

#endif
