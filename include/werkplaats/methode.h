/*
 * methode.h: the approach as data (werkvormen/methode.yaml).
 *
 * The C engine knows the mechanics of a traject (sprints in order, results
 * handed over, gates checked); the CCV content lives in methode.yaml: the
 * sprints with their names, goals and the result keys each must deliver,
 * the gates, and the vocabularies every other file is checked against
 * (omgevingen, deelnemer groups, houdingen, glijbaan positions, the six
 * sleutelfactoren).
 */
#ifndef WERKPLAATS_METHODE_H
#define WERKPLAATS_METHODE_H

#include <stddef.h>

#include "werkplaats/error.h"

/* A gate the method asks for before a sprint may start. */
enum methode_poort_soort {
    POORT_GOEDKEURING   /* a document approved by every key stakeholder */
};

struct methode_poort {
    enum methode_poort_soort soort;
    char *document;          /* the result key that must be approved, e.g. "ontwerpbrief" */
    char *uitleg;            /* why, in the method's words (for refusals) */
};

struct methode_sprint {
    int nr;                  /* 1-based, consecutive */
    char *naam;              /* "Zien en voelen" */
    char *doel;              /* the goal, one or two sentences */
    char **levert;           /* result keys the sprint must deliver (NULL-terminated) */
    size_t n_levert;
    struct methode_poort *poorten;
    size_t n_poorten;
};

/* A named choice with a short explanation, e.g. a sleutelfactor. */
struct methode_term {
    char *id;
    char *naam;
    char *uitleg;
    /* Sleutelfactoren only, both optional: the sprints that open with this
     * factor (`sprint start` shows what the engine knows about it), and the
     * sprints whose contributions are checked against it. */
    int *toon_bij_start;
    size_t n_toon_bij_start;
    int *toets_sprints;
    size_t n_toets_sprints;
};

struct methode {
    char *bestand;                  /* where it was read from */
    struct methode_sprint *sprints;
    size_t n_sprints;
    /* NULL-terminated vocabularies, in the order the method lists them. */
    char **omgevingen;              /* sociaal, fysiek, institutioneel, crimineel */
    char **groepen;                 /* bewoners, ondernemers, jongeren, ... */
    char **houdingen;               /* teleurgesteld, neutraal, positief */
    char **glijbaan;                /* boven, midden, onder */
    struct methode_term *sleutelfactoren;
    size_t n_sleutelfactoren;
};

/* Reads and checks methode.yaml; every problem is reported with file:line:col. */
struct methode *methode_load(const char *path, wp_error *err);
void methode_free(struct methode *m);

/* The sprint with number nr, or NULL. */
const struct methode_sprint *methode_sprint(const struct methode *m, int nr);

/* The sleutelfactor with this id, or NULL. */
const struct methode_term *methode_sleutelfactor(const struct methode *m, const char *id);

/* True when nr is in the list (of toon_bij_start or toets_sprints). */
int methode_sprint_in(const int *list, size_t n, int nr);

/* The first sprint (by number) whose levert list holds key, or NULL. */
const struct methode_sprint *methode_sprint_delivering(const struct methode *m, const char *key);

#endif
