/*
 * reflectie.h: the facilitator's short reflection per sleutelfactor per
 * sprint, recorded when the sprint closes (`sprint sluit N --reflectie
 * FACTOR=TEKST`) or in a draaiboek's `reflectie` section. One text per
 * sprint and factor; recording again replaces it.
 */
#ifndef WERKPLAATS_REFLECTIE_H
#define WERKPLAATS_REFLECTIE_H

#include <jansson.h>

#include "werkplaats/error.h"
#include "werkplaats/traject.h"

/* Checks a reflection for sprint nr (running or closed) without storing it. */
int reflectie_check(struct traject *t, int sprint, const char *factor, const char *tekst, const char *where,
                    wp_error *err);

/* Checks and stores (its own transaction). bron says where it came from. */
int reflectie_set(struct traject *t, int sprint, const char *factor, const char *tekst, const char *bron,
                  wp_error *err);

/* Every reflection up to sprint tot (0: all) as a JSON array of
 * {sprint, factor, tekst}, by sprint and in the methode's factor order. */
json_t *reflectie_list(struct traject *t, int tot, wp_error *err);

#endif
