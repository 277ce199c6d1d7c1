/*
 * invoer.h: one written input (a draaiboek entry, an entry of a werkvorm's
 * voorbeeld) turned into the fact it describes, so every written source
 * speaks the same small language:
 *
 *   bijdrage:  { id, wie, veld, tekst, omgevingen, bij, gevoelig }
 *   stem:      { wie, op, aantal }            (aantal defaults to 1)
 *   plaatsing: { wie, op, waarde, tekst }
 *   besluit:   { wie, tekst, uitkomst, bezwaren: [{ wie, tekst, opgelost }] }
 *
 * The kind follows from the step the entry belongs to.
 */
#ifndef WERKPLAATS_INVOER_H
#define WERKPLAATS_INVOER_H

#include <jansson.h>

#include "werkplaats/error.h"
#include "werkplaats/plugin.h"
#include "werkplaats/sessie.h"
#include "werkplaats/yamlx.h"

/* Fills *soort and *in from entry for a step of this kind. The strings in
 * *in point into entry, which must outlive the use of *in. where names the
 * entry in messages ("draaiboek.yaml:12:7"). */
int invoer_from_json(const struct plugin_stap *stap, json_t *entry, enum feit_soort *soort,
                     struct feit_invoer *in, const char *where, wp_error *err);

/* The same, read straight from the entry's YAML tree, as if it were first
 * made JSON by invoer_yaml_to_json (the same facts, the same messages),
 * without building that JSON. The strings in *in point into entry; the
 * JSON values of *in (omgevingen, bezwaren) are kept in held, a JSON array
 * that must outlive the use of *in. */
int invoer_from_yaml(const struct plugin_stap *stap, const struct yamlx_node *entry, json_t *held,
                     enum feit_soort *soort, struct feit_invoer *in, const char *where, wp_error *err);

/* A YAML tree as JSON: plain scalars that read as numbers or true/false
 * become numbers and booleans, ~ and null become null, the rest strings. */
json_t *invoer_yaml_to_json(const struct yamlx_node *node);

#endif
