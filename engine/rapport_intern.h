/*
 * rapport_intern.h: what the report modules share and nobody else needs.
 */
#ifndef WERKPLAATS_RAPPORT_INTERN_H
#define WERKPLAATS_RAPPORT_INTERN_H

#include <jansson.h>

#include "werkplaats/rapport.h"
#include "werkplaats/writer.h"

/* --- JSON helpers that tolerate any shape ---------------------------------- */

/* The string at key, or NULL (also when o is not an object). */
const char *rj_str(json_t *o, const char *key);
/* The array at key, or NULL. */
json_t *rj_arr(json_t *o, const char *key);
/* The object at key, or NULL. */
json_t *rj_obj(json_t *o, const char *key);
/* The value at a dotted path ("klantreis.momenten"), or NULL. */
json_t *rj_path(json_t *o, const char *path);
/* A number at key (integer or real), or fallback. */
double rj_num(json_t *o, const char *key, double fallback);
/* True when key holds a number. */
int rj_has_num(json_t *o, const char *key);
/* The text people read for an item: its tekst, naam, vraag or wat, or NULL;
 * a plain string is its own text. */
const char *rj_tekst(json_t *item);
/* An item's id as text into buf (strings as they are, integers printed), or NULL. */
const char *rj_id(json_t *item, char *buf, size_t size);
/* True when the array holds s. */
int rj_array_has(json_t *a, const char *s);

/* --- parts of the model built in their own files ------------------------------- */

/* The decision trail over the results of every sprint (key -> value, with
 * "_sprint" per key in sprint_of). sprints is the model's sprint list (for
 * finding the contribution an item came from). */
json_t *rapport_beslisspoor(json_t *results, json_t *sprint_of, json_t *sprints, json_t *casus);

/* The ontwerpbrief: the seven parts from sprints 1 to 3, with the approvals. */
json_t *rapport_ontwerpbrief(json_t *model, json_t *results);

/* Replaces participants' names (and ids that carry names) in every string
 * of the model. pairs is an object name -> replacement. */
void rapport_replace_names(json_t *model, json_t *pairs, json_t *ids);

/* Sorts an array of names as people read them ("#2" before "#10"). */
void rapport_sort_names(json_t *names);

/* --- rendering helpers --------------------------------------------------- */

/* Omgeving colours, by position in the methode's list (fixed palette). */
const char *rapport_kleur_omgeving(json_t *omgevingen, const char *naam);
/* Group colours, by position in the methode's list of groepen. */
const char *rapport_kleur_groep(json_t *groepen, const char *naam);

/* A key as a Dutch heading: "eerdere_sprints" -> "Eerdere sprints". */
void rapport_label(struct writer *w, const char *key);

/* Picks at most max texts from a list for a one-page document, taking turns
 * between the kinds of item (the word before ": ") so that no kind crowds
 * out the others; returns a new array of the chosen items in their order. */
json_t *rapport_pick(json_t *list, size_t max);

#endif
