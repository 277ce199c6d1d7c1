/*
 * sleutelfactoren_intern.h: what the files of the sleutelfactoren check
 * share: the loaded traject data and the helpers that build bevindingen.
 * Each factor has its own function (factor_mensen.c: commitment and doen;
 * factor_inhoud.c: verleden and omgevingen; factor_proces.c: werkvormen and
 * resultaat).
 */
#ifndef WERKPLAATS_SLEUTELFACTOREN_INTERN_H
#define WERKPLAATS_SLEUTELFACTOREN_INTERN_H

#include "werkplaats/clock.h"
#include "werkplaats/register.h"
#include "werkplaats/sleutelfactoren.h"

#define MAX_SPRINTS 99

#define MAX_OMGEVINGEN 16
#define GROEP_BEWONERS "bewoners"   /* whose findings stand beside the casus figures */
#define NO_TEXT ((size_t)-1)

/* A standing contribution as the check needs it. */
struct bijdrage {
    long long sessie;
    int sprint;
    int gevoelig;                   /* marked sensitive */
    int bewoner;                    /* by a participant of the group bewoners */
    unsigned omgevingen;            /* bit k: the methode's omgeving k */
    size_t werkvorm, ref, tekst;    /* offsets into check.teksten, or NO_TEXT */
};

struct check {
    struct traject *t;
    const struct methode *m;
    const struct sleutelfactoren_opties *o;
    int tot;                        /* the last sprint looked at */
    char vandaag[CLOCK_DATE_SIZE];
    int status[MAX_SPRINTS + 1];    /* enum sprint_status of sprints 1..tot */
    int n_gesloten;                 /* sprints closed up to tot */
    /* Sessions up to tot: [{id, sprint, werkvorm, label, status, nodig, levert,
     * resultaat (its keys only: {key: true}), aantal, groepen: {groep: n}, betrokkenen: [ids]}] */
    json_t *sessies;
    json_t *sessie_index;           /* "id" -> the session in sessies */
    /* Standing contributions up to tot, with their latest text and tags, in
     * the order of sprint, session and volgnr. Plain records (their texts in
     * one buffer), not JSON: a traject has far more contributions than
     * anything else the check reads. */
    struct bijdrage *bijdragen;
    size_t n_bijdragen, cap_bijdragen;
    char *teksten;                  /* the strings the records point into by offset */
    size_t n_teksten, cap_teksten;
    json_t *masks;                  /* omgevingen as stored -> their mask, read once */
    /* When checks at several cut-offs share one load: sprint nr -> the
     * bevindingen comparing its ideas with earlier interventions, which do
     * not depend on the cut-off. NULL for a single check. */
    json_t *herhalingen;
    wp_error *err;
};

/* Oordelen of a bevinding. */
#define OORDEEL_AANDACHT "aandacht"
#define OORDEEL_IN_ORDE "in orde"
#define OORDEEL_INFO "info"

/* Appends a bevinding to the factor and returns it, so callers can add
 * fields. The text is formatted like printf. */
json_t *bevinding(json_t *factor, const char *soort, const char *oordeel, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "naam (rol)" of a betrokkene, or the id when the casus does not know it. */
const char *betrokkene_label(const struct check *c, const char *id, char *buf, size_t size);

/* The werkvorm's name from its card, or its id. */
const char *werkvorm_naam(const struct check *c, const char *werkvorm);

/* A short quote of a contribution for a text: its first words, or its id
 * when it is marked sensitive. */
const char *quote_bijdrage(json_t *b, char *buf, size_t size);
const char *quote_text(const char *tekst, int gevoelig, const char *ref, char *buf, size_t size);

/* A string of a contribution record (werkvorm, ref or tekst), or NULL. */
const char *bijdrage_text(const struct check *c, size_t offset);

/* The full result of session s (an entry of c->sessies, whose "resultaat"
 * holds only the keys), parsed: a new reference, an empty object when the
 * session has none. */
json_t *sessie_resultaat(struct check *c, json_t *s);

/* Sessions in the check that are closed and of a sprint after nr. */
int later_sessions(const struct check *c, int nr);

void factor_commitment(struct check *c, json_t *f);
void factor_doen(struct check *c, json_t *f);
void factor_verleden(struct check *c, json_t *f);
void factor_omgevingen(struct check *c, json_t *f);
void factor_werkvormen(struct check *c, json_t *f);
void factor_resultaat(struct check *c, json_t *f);

#endif
