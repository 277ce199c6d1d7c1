/*
 * draaiboek.h: replaying a draaiboek (a scripted or recorded workshop series).
 *
 * A draaiboek names its casus and says, per sprint, which werkvormen ran,
 * with whom, and what was said, voted, placed and decided in each step. It
 * is read as a stream (memory does not grow with its size) and fed through
 * the same session code a live workshop uses, sprint by sprint, closing each
 * werkvorm and each sprint as the draaiboek ends it.
 *
 * Running a draaiboek again continues where the database stopped: sprints
 * and werkvormen already closed are skipped, a session that was interrupted
 * resumes after its last stored fact, and nothing is stored twice.
 *
 * The format is documented in README.md ("De draaiboek").
 */
#ifndef WERKPLAATS_DRAAIBOEK_H
#define WERKPLAATS_DRAAIBOEK_H

#include <stdio.h>

#include <jansson.h>

#include "werkplaats/bibliotheek.h"
#include "werkplaats/error.h"
#include "werkplaats/methode.h"
#include "werkplaats/traject.h"
#include "werkplaats/yamlx.h"

struct draaiboek_run;

/* A section at the end of a sprint (goedkeuringen, afspraken, ...): handled
 * after the sprint's werkvormen closed and before the sprint closes. The
 * node is the section's whole value; where says "file:line:col". */
struct draaiboek_sectie {
    const char *naam;
    int (*run)(struct draaiboek_run *run, int sprint, const struct yamlx_node *node, wp_error *err);
};

/* The sections every sprint may have, NULL-terminated (draaiboek.c). */
extern const struct draaiboek_sectie draaiboek_secties[];

struct draaiboek_opties {
    const char *db_path;          /* the database to fill (created when missing) */
    const struct methode *methode;
    struct bibliotheek *bibliotheek;
    FILE *voortgang;              /* progress lines (sprint, werkvorm, step), or NULL */
};

/* Runs (or continues) the draaiboek at path. */
int draaiboek_run(const char *path, const struct draaiboek_opties *opties, wp_error *err);
/* The same for a draaiboek's text in memory (len bytes); name stands for the
 * file in messages, and its casus is looked for next to name. The fuzz
 * target for the draaiboek loader runs this way. */
int draaiboek_run_string(const char *name, const char *text, size_t len, const struct draaiboek_opties *opties,
                         wp_error *err);

/* For sections: the traject being filled, and "file:line:col" of a node. */
struct traject *draaiboek_traject(struct draaiboek_run *run);
const char *draaiboek_where(struct draaiboek_run *run, const struct yamlx_node *node, char *buf, size_t size);
FILE *draaiboek_voortgang(struct draaiboek_run *run);
const char *draaiboek_file(struct draaiboek_run *run);

/* The sections of the sleutelfactoren (draaiboek_factoren.c). */
int draaiboek_sectie_afspraken(struct draaiboek_run *run, int sprint, const struct yamlx_node *node, wp_error *err);
int draaiboek_sectie_houdingen(struct draaiboek_run *run, int sprint, const struct yamlx_node *node, wp_error *err);
int draaiboek_sectie_reflectie(struct draaiboek_run *run, int sprint, const struct yamlx_node *node, wp_error *err);

#endif
