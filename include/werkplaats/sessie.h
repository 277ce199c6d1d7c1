/*
 * sessie.h: one run of one werkvorm in the running sprint.
 *
 * A session walks the werkvorm's steps in order. Everything that happens in
 * it is a fact (feit), checked against the current step and written to the
 * store in its own transaction before anything else is done with it: step
 * transitions, contributions (bijdragen), votes (stemmen), placements,
 * decisions (besluiten), edits and removals of those, pauses. Removing is a
 * fact too, so the trail shows it.
 *
 * Every input source (a draaiboek replayed by `werkplaats run`, the terminal
 * regie screen, an author's voorbeeld in `werkplaats werkvorm test`) goes
 * through sessie_add() and the step functions, so they produce the same facts.
 *
 * Closing runs the werkvorm's resultaat function on the facts view (the
 * current state derived from all facts) and stores the result under the
 * werkvorm's levert keys. A plugin failure leaves the session open and every
 * fact in place, so it can be closed again once the werkvorm is fixed.
 */
#ifndef WERKPLAATS_SESSIE_H
#define WERKPLAATS_SESSIE_H

#include <jansson.h>

#include "werkplaats/bibliotheek.h"
#include "werkplaats/error.h"
#include "werkplaats/plugin.h"
#include "werkplaats/traject.h"

enum feit_soort {
    FEIT_STAP,          /* the session moved to a step (stap = its id) */
    FEIT_BIJDRAGE,
    FEIT_STEM,
    FEIT_PLAATSING,
    FEIT_BESLUIT,
    FEIT_WIJZIGING,     /* an edit of a bijdrage (doel = its fact id) */
    FEIT_VERWIJDERING,  /* a removal of a content fact (doel = its fact id) */
    FEIT_PAUZE,
    FEIT_HERVATTING
};
extern const char *const feit_soorten[]; /* the names as stored, NULL-terminated */

/* The outcomes a besluit can have. */
extern const char *const besluit_uitkomsten[]; /* "aangenomen", "verworpen", "aangehouden", NULL */

/* One input, from whatever source. Unused fields stay NULL / 0. */
struct feit_invoer {
    const char *ref;          /* bijdrage: its label (generated when NULL) */
    const char *deelnemer;    /* who said or did it (a deelnemer id), may be NULL */
    const char *veld;         /* bijdrage: one of the step's velden */
    const char *tekst;        /* bijdrage, besluit, plaatsing label, wijziging */
    json_t *omgevingen;       /* bijdrage/wijziging: array of omgeving names, may be NULL */
    const char *bij;          /* bijdrage: the id of an item of an earlier result it builds on
                                 (a wijkwens, an idea, a prototype), for the decision trail */
    const char *op;           /* stem/plaatsing: the ref of the item (or a betrokkene id) */
    double waarde;            /* stem: the number of votes; plaatsing: the position */
    const char *uitkomst;     /* besluit */
    json_t *bezwaren;         /* besluit: array of {wie, tekst, opgelost} */
    long long doel;           /* wijziging/verwijdering: the fact id it changes */
    int gevoelig;             /* marked as sensitive (names a person, an address, a crime) */
};

struct kept_facts;

struct sessie {
    struct traject *traject;        /* borrowed */
    struct plugin *plugin;          /* owned */
    const struct plugin_card *card; /* owned by plugin */
    long long id;
    int sprint;
    char *label;
    int stap;                       /* index of the current step in card->stappen */
    int gesloten;
    long long volgnr;               /* the last fact's sequence number */
    unsigned long volgnr_epoch;     /* store_write_epoch when volgnr was written; 0: ask again */
    struct strmap *known_people;    /* deelnemer ids found before: rows are never deleted */
    struct kept_facts *kept;        /* what this handle wrote since it created the session, or NULL */
};

/* Opens the session `label` (default: the werkvorm id) of werkvorm_id in the
 * running sprint, or resumes it when it is already open. Refuses when no
 * sprint runs, the werkvorm belongs to another sprint, the session was
 * already closed, or a result it needs is missing. datum may be NULL. */
struct sessie *sessie_open(struct traject *t, struct bibliotheek *lib, const char *werkvorm_id,
                           const char *label, const char *datum, wp_error *err);

/* The same for a werkvorm file outside the library (an author's own file in
 * `werkplaats werkvorm test`); leveringen are what other werkvormen deliver. */
struct sessie *sessie_open_file(struct traject *t, const char *path, const struct plugin_levering *leveringen,
                                size_t n_leveringen, const char *label, const char *datum, wp_error *err);

/* Resumes the session with this id (open or closed, for reading). */
struct sessie *sessie_load(struct traject *t, struct bibliotheek *lib, long long id, wp_error *err);

/* The open session of the running sprint that was touched last, or NULL. */
long long sessie_latest_open(struct traject *t, wp_error *err);

void sessie_free(struct sessie *s);

const struct plugin_stap *sessie_current_step(const struct sessie *s);

/* Records one input of the given kind in the current step. bron says where
 * it came from ("draaiboek.yaml:12:7", "terminal"); messages about a bad
 * input are placed there. Returns the new fact's id, or -1. */
long long sessie_add(struct sessie *s, enum feit_soort soort, const struct feit_invoer *in,
                     const char *bron, wp_error *err);

/* Moves to the next or the previous step (a FEIT_STAP fact). The optional
 * bij_stap hook may return a message for the facilitator in *message
 * (caller frees); a hook failure is reported in err but does not undo the step. */
int sessie_next_step(struct sessie *s, const char *bron, char **message, wp_error *err);
int sessie_prev_step(struct sessie *s, const char *bron, char **message, wp_error *err);

/* The bij_stap message of the last step change, again: for showing it when
 * a session is resumed. The hook runs on the facts as they are now. NULL
 * when the session has not moved, the werkvorm has no hook or it said
 * nothing (err says when it failed). Caller frees. */
char *sessie_step_message(struct sessie *s, wp_error *err);

/* Undoes the most recent input that still stands, walking back one at a
 * time: a content fact is removed, a removal is taken back (a removal of
 * the removal). Both are a FEIT_VERWIJDERING whose doel is what it undoes,
 * marked {"ongedaan": true} so that undo never undoes an undo. Returns the
 * new fact's id. */
long long sessie_undo(struct sessie *s, const char *bron, wp_error *err);

/* Pauses or resumes the clock; reden is stored with the pause ("pauze", "afgesloten"). */
int sessie_pause(struct sessie *s, const char *reden, const char *bron, wp_error *err);
int sessie_unpause(struct sessie *s, const char *bron, wp_error *err);

/* The same without refusing, for a regie that quits or opens while another
 * regie may have the same session open: stop the clock unless it stands
 * still, and lift the pause only when it was stopped for reden. Each reads
 * and writes in one transaction. Returns 1 when the clock changed, 0 when
 * not, -1 on an error. */
int sessie_stop_clock(struct sessie *s, const char *reden, const char *bron, wp_error *err);
int sessie_lift_pause(struct sessie *s, const char *reden, const char *bron, wp_error *err);

/* The clock: milliseconds spent in the current step and in the whole session,
 * pauses excluded; *paused tells whether the clock stands still now. */
int sessie_clock(struct sessie *s, long long *step_ms, long long *total_ms, int *paused, wp_error *err);

/* Registers who is present (deelnemer ids); idempotent. */
int sessie_add_present(struct sessie *s, const char *deelnemer, wp_error *err);

/* The facts view: the current state derived from every fact, in the shape
 * the werkvorm's resultaat receives (see werkvormen/README.md). */
json_t *sessie_view(struct sessie *s, wp_error *err);

/* The same in two steps, for a view that goes somewhere else than jansson:
 * read the facts (NULL with err set on failure), then emit the view into a
 * sink (value_sink.h) as often as needed; 0, or -1 when the sink failed. */
struct sessie_model;
struct value_sink;
struct sessie_model *sessie_view_read(struct sessie *s, wp_error *err);
int sessie_view_emit(const struct sessie_model *m, struct value_sink *sink);
void sessie_view_free(struct sessie_model *m);

/* Runs resultaat and stores the result; returns it (caller owns). */
json_t *sessie_close(struct sessie *s, wp_error *err);

/* The number of facts stored in this session (for resuming a replay). */
long long sessie_fact_count(const struct sessie *s);

/* The highest volgnr the database holds for the session now (0 before the
 * first fact), whoever wrote it; -1 on an error. */
long long sessie_stored_volgnr(struct sessie *s, wp_error *err);

/* The bron of the fact with this sequence number, or NULL (caller frees). */
char *sessie_fact_source(struct sessie *s, long long volgnr, wp_error *err);

/* The fact with this id as a JSON object {id, volgnr, soort, stap, and
 * deelnemer, ref, tekst, veld, waarde, doel where set}, or NULL when the
 * session has no such fact (err says why). Caller owns the reference. */
json_t *sessie_fact(struct sessie *s, long long id, wp_error *err);

/* The fact id of the standing (not removed) bijdrage with this ref, 0 when
 * there is none, -1 on an error. For editing and removing by ref. */
long long sessie_find_bijdrage(struct sessie *s, const char *ref, wp_error *err);

/* Why the clock stands still: 1 with the pause's reden ("pauze",
 * "afgesloten") in buf, 0 when the clock runs, -1 on an error. */
int sessie_pause_reason(struct sessie *s, char *buf, size_t size, wp_error *err);

#endif
