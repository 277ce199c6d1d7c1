/*
 * bibliotheek.h: the library of werkvormen.
 *
 * The library is every *.lua file in the built-in werkvormen folder, then in
 * the extra folders (--werkvormen DIR, WERKPLAATS_PATH), in that order and
 * by file name within a folder. LuaLS annotation files (first line
 * "---@meta", such as werkvormen/werkplaats.lua) are not werkvormen.
 *
 * Every card is loaded and checked when the library opens. A file that
 * fails does not hide the others: it is kept as "kapot" with its messages.
 * An id may appear only once: a later file with an id that is already taken
 * is kapot, and its message names both files (a werkvorm never shadows
 * another silently). `nodig` is checked against the methode and against
 * what the other (usable) werkvormen deliver.
 *
 * The library keeps each card and the source it was read from, but closes
 * its Lua state; bibliotheek_load gives a fresh plugin for a session from
 * that source (a file changed after the library opened counts from the
 * next command on).
 */
#ifndef WERKPLAATS_BIBLIOTHEEK_H
#define WERKPLAATS_BIBLIOTHEEK_H

#include <stddef.h>

#include "werkplaats/error.h"
#include "werkplaats/methode.h"
#include "werkplaats/plugin.h"

struct bibliotheek;

/* Opens the library. dirs may be NULL when n is 0. Returns NULL (with a
 * message) when a folder cannot be read or WERKPLAATS_LUA_* is malformed;
 * broken werkvormen are no reason to fail. The methode is borrowed and must
 * outlive the library. */
struct bibliotheek *bibliotheek_open(const char *ingebouwd, const char *const *dirs, size_t n,
                                     const struct methode *m, wp_error *err);
void bibliotheek_free(struct bibliotheek *b);

/* The usable werkvormen, ordered by sprint, then id. */
size_t bibliotheek_count(const struct bibliotheek *b);
const struct plugin_card *bibliotheek_card(const struct bibliotheek *b, size_t i);

/* The usable werkvorm with id, or NULL; its file, or NULL. */
const struct plugin_card *bibliotheek_find(const struct bibliotheek *b, const char *id);
const char *bibliotheek_path(const struct bibliotheek *b, const char *id);

/* A fresh plugin for werkvorm id, loaded with ctx (its methode and
 * leveringen are filled in from the library) from the source the library
 * read. An unknown or broken id is an error that says why ("bedoelde je
 * ...", or the werkvorm's own messages). */
struct plugin *bibliotheek_load(const struct bibliotheek *b, const char *id, const struct plugin_context *ctx,
                                wp_error *err);

/* What the usable werkvormen deliver, for plugin_context.leveringen. */
const struct plugin_levering *bibliotheek_leveringen(const struct bibliotheek *b, size_t *n);

/* The files that could not be used, in the order they were found. */
size_t bibliotheek_n_kapot(const struct bibliotheek *b);
const char *bibliotheek_kapot_bestand(const struct bibliotheek *b, size_t i);
const wp_error *bibliotheek_kapot_fouten(const struct bibliotheek *b, size_t i);

#endif
