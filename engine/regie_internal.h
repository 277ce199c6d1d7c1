/*
 * regie_internal.h: what the regie controller's files share (regie.c runs
 * lines and keys, regie_rijen.c builds what the step shows).
 */
#ifndef WERKPLAATS_REGIE_INTERNAL_H
#define WERKPLAATS_REGIE_INTERNAL_H

#include "werkplaats/regie.h"

/* An objection gathered before its besluit is taken (owned copies). */
struct regie_concept {
    char *wie;
    char *tekst;
    char *opgelost;
};

struct regie {
    struct sessie *s;
    regie_melder meld;
    void *ctx;
    json_t *view;                   /* the facts view, read back after every fact */
    char **deelnemers;              /* deelnemer ids from the store */
    char **items;                   /* what the current step votes on or places, or NULL */
    struct regie_woorden woorden;
    struct regie_rij *rijen;
    size_t n_rijen;
    struct regie_concept concept[REGIE_MAX_BEZWAREN];
    size_t n_concept;
    char *bericht;                  /* the werkvorm's message at the last step change */
    int stop_gevraagd;              /* stop was asked once while a concept was open */
    int sluit_gevraagd;             /* sluit was asked once before the last step */
    int gestopt;
    int gesloten;
};

/* Re-reads the view, the step's items, the completion words and the rows. */
int regie_refresh(struct regie *r, wp_error *err);

/* Rebuilds r->rijen from r->view for the current step. */
int regie_build_rows(struct regie *r);
void regie_free_rows(struct regie *r);

/* The bijdrage with ref in the view, or NULL. */
json_t *regie_view_bijdrage(const struct regie *r, const char *ref);

/* "anna (bewoners)" for a fact or item that names someone, or "". */
const char *regie_who(json_t *o, char *buf, size_t size);

/* printf into a new string; NULL when out of memory. */
char *regie_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
