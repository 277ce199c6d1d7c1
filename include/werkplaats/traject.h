/*
 * traject.h: the lifecycle of the approach for one casus.
 *
 * A traject has the sprints of the methode. A sprint is gepland, lopend or
 * gesloten. It starts only when the previous one is closed and its gates
 * (methode.yaml) are met; it closes only when no werkvorm session of it is
 * still open and its werkvormen delivered every result key the methode asks
 * for. Closing freezes the sprint's result: the merged results of its
 * sessions. The next sprints' werkvormen read those frozen results.
 *
 * Every refusal says why and what is missing, in Dutch.
 */
#ifndef WERKPLAATS_TRAJECT_H
#define WERKPLAATS_TRAJECT_H

#include <jansson.h>

#include "werkplaats/casus.h"
#include "werkplaats/error.h"
#include "werkplaats/methode.h"
#include "werkplaats/store.h"

struct traject_merged;

#define TRAJECT_MAX_SPRINTS 16    /* results of sprints 1..15 are cached once closed */

enum sprint_status { SPRINT_GEPLAND, SPRINT_LOPEND, SPRINT_GESLOTEN };
extern const char *const sprint_statussen[]; /* "gepland", "lopend", "gesloten", NULL */

struct traject {
    struct store *store;           /* not owned */
    const struct methode *methode; /* not owned */
    struct casus *casus;           /* owned: read back from the YAML stored at start */
    json_t *casus_json;            /* owned: the casus as werkvormen see it */
    char *casus_bestand;           /* the file the traject was started from */
    long long zaad;                /* seed for werkvormen' random generator */
    char *aangemaakt;
    struct traject_merged *merged; /* owned: the running sprint's merged session results, see traject.c */
    json_t *gesloten[TRAJECT_MAX_SPRINTS]; /* owned: frozen results of closed sprints, read once */
    long long handed_id;           /* the session whose result this process just stored ... */
    json_t *handed;                /* ... and that result, so the merge need not parse it back */
};

/* Creates the traject in an empty database from a casus file: checks the
 * casus, stores its text, plans every sprint of the methode and registers the
 * casus betrokkenen as deelnemers. seed 0 picks a random seed. */
int traject_create(struct store *s, const struct methode *m, const char *casus_path,
                   long long seed, wp_error *err);

/* True when the database already holds a traject. */
int traject_exists(struct store *s);

/* Opens the traject stored in s. */
struct traject *traject_open(struct store *s, const struct methode *m, wp_error *err);
void traject_free(struct traject *t);

/* The status of sprint nr; -1 with a message when nr does not exist. */
int traject_sprint_status(struct traject *t, int nr, wp_error *err);

/* The running sprint's number, or 0 when none runs. */
int traject_running_sprint(struct traject *t, wp_error *err);

/* What blocks starting sprint nr: every reason is added to why. Returns 0
 * when the sprint may start. */
int traject_check_start(struct traject *t, int nr, wp_error *why);

/* What blocks closing sprint nr, likewise. */
int traject_check_close(struct traject *t, int nr, wp_error *why);

int traject_start_sprint(struct traject *t, int nr, wp_error *err);
int traject_close_sprint(struct traject *t, int nr, wp_error *err);

/* The frozen result of a closed sprint (a JSON object of result keys), or
 * NULL when the sprint is not closed. Caller owns the reference. */
json_t *traject_sprint_result(struct traject *t, int nr, wp_error *err);

/* The keys of a closed sprint's result (a JSON array, in the stored
 * order), read without parsing the result itself, which holds every item a
 * sprint delivered; NULL when the sprint is not closed. */
json_t *traject_sprint_keys(struct traject *t, int nr, wp_error *err);

/* The result keys of every sprint closed before sprint nr, merged into one
 * object: what werkvormen of sprint nr may read. Caller owns the reference. */
json_t *traject_results_before(struct traject *t, int nr, wp_error *err);

/* What a werkvorm running in sprint nr may read: the results of every
 * earlier sprint plus those of werkvormen already closed in sprint nr
 * itself, so werkvormen within a sprint can build on one another. */
json_t *traject_results_available(struct traject *t, int nr, wp_error *err);

/* Hands the result of session sessie_id, just stored as its closing, to the
 * merge of its sprint: the next traject_results_available takes it as it is
 * instead of reading and parsing the stored text (the same JSON, since the
 * text is this result dumped). Takes its own reference; the result must not
 * be changed afterwards. */
void traject_hand_over(struct traject *t, long long sessie_id, json_t *result);

/* For rehearsing one werkvorm outside a real traject (`werkvorm test`): marks
 * the sprints before nr closed, sprint nr running, and records resultaten as
 * the result of a closed stand-in session of sprint nr, so the werkvorm can
 * read them. Only for a scratch database. */
int traject_rehearse(struct traject *t, int nr, json_t *resultaten, wp_error *err);

/* Records that betrokkene approved document (a result key) on datum. Only
 * casus betrokkenen can approve; approving twice keeps the first date. */
int traject_approve(struct traject *t, const char *document, const char *betrokkene,
                    const char *datum, const char *bron, wp_error *err);

/* The key stakeholders who have not yet approved document, as a JSON array
 * of betrokkene ids. Caller owns the reference. */
json_t *traject_missing_approvals(struct traject *t, const char *document, wp_error *err);

#endif
