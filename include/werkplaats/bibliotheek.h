/*
 * bibliotheek.h: the library of werkvormen (provisional interface; the plugin
 * host branch owns the implementation).
 */
#ifndef WERKPLAATS_BIBLIOTHEEK_H
#define WERKPLAATS_BIBLIOTHEEK_H

#include <stddef.h>

#include "werkplaats/error.h"
#include "werkplaats/methode.h"
#include "werkplaats/plugin.h"

struct bibliotheek;

/* The file of werkvorm id, or NULL with a message (unknown id, with a hint). */
const char *bibliotheek_path(const struct bibliotheek *b, const char *id, wp_error *err);

/* What every werkvorm in the library delivers, for checking `nodig`. */
const struct plugin_levering *bibliotheek_leveringen(const struct bibliotheek *b, size_t *n);

#endif
