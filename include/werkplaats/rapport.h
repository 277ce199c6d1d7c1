/*
 * rapport.h: reports for the people of a traject.
 *
 * One report model (a jansson JSON tree, documented in docs/rapport-json.md)
 * is built from the database: the casus, per sprint its goal, status,
 * werkvormen with their cards, who took part by group, every contribution,
 * vote and decision, the sprint result and what later sprints took from it,
 * the sleutelfactoren check and the agreements; for the whole traject the
 * decision trail from the first pains to the final interventions, the ideas
 * and prototypes that were dropped on the way and why; and the ontwerpbrief.
 *
 * The renderers only read the model: HTML (one self-contained file with
 * inline SVG pictures), Markdown, CSV and the ontwerpbrief. JSON is the
 * model itself. With `pseudoniem` the model carries no names of
 * participants at all, so every format obeys it.
 */
#ifndef WERKPLAATS_RAPPORT_H
#define WERKPLAATS_RAPPORT_H

#include <jansson.h>

#include "werkplaats/error.h"
#include "werkplaats/traject.h"

/* The version of the model's shape (the "versie" field); raise it when a
 * field changes meaning or disappears. */
#define RAPPORT_MODEL_VERSIE 1

/* What the model asks of other modules. Every member may be NULL: the model
 * then says that part is not available instead of failing. */
struct rapport_bronnen {
    void *ctx;
    /* The card of werkvorm id as JSON ({naam, toelichting, opbrengst,
     * deelnemers, groep {min, max}, duur, schatting?}), or NULL. */
    json_t *(*kaart)(void *ctx, const char *werkvorm);
    /* The sleutelfactoren check over sprints 1..tot, or NULL. */
    json_t *(*sleutelfactoren)(void *ctx, struct traject *t, int tot, wp_error *err);
    /* The agreements register: [{wie, wat, gremium, deadline, status, sprint, ...}], or NULL. */
    json_t *(*afspraken)(void *ctx, struct traject *t, wp_error *err);
    /* Stance and glijbaan position per phase: [{id, fasen: [{fase, houding, glijbaan}]}], or NULL. */
    json_t *(*houdingen)(void *ctx, struct traject *t, wp_error *err);
};

struct rapport_opties {
    int sprint;                             /* 0: the whole traject; N: only sprint N in detail */
    int pseudoniem;                         /* names of participants become "groep #n" */
    const struct rapport_bronnen *bronnen;  /* may be NULL */
};

/* Builds the model. Caller owns the reference. */
json_t *rapport_model(struct traject *t, const struct rapport_opties *o, wp_error *err);

/* The model for the renderers for people (HTML, Markdown, CSV, the
 * ontwerpbrief), which show a sprint's result and never a werkvorm's own:
 * the same, except that in a closed sprint a werkvorm's "resultaat" holds
 * its keys only (each null). A werkvorm's result is as large as what it
 * collected, so this saves a large part of the memory of a long traject. */
json_t *rapport_model_for_render(struct traject *t, const struct rapport_opties *o, wp_error *err);

/* The renderers; each returns NUL-terminated text the caller frees, or NULL
 * when memory ran out. */
char *rapport_html(json_t *model);
char *rapport_md(json_t *model);
char *rapport_csv(json_t *model);
char *rapport_json(json_t *model);
/* The same JSON written straight to fd, never held as one string (a report
 * of a large traject is as large as its model). 0, or -1 with errno set. */
int rapport_json_fd(json_t *model, int fd);
/* rapport_json_fd into the file at path as writer_save writes it (0600,
 * beside it, then renamed), or to standard output when path is NULL.
 * 0, or -1 with errno set. */
int rapport_json_save(json_t *model, const char *path);
char *rapport_ontwerpbrief_html(json_t *model);
char *rapport_ontwerpbrief_md(json_t *model);

#endif
