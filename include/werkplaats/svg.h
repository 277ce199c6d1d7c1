/*
 * svg.h: the pictures of the reports, as inline SVG made by the engine.
 *
 * One function per picture; each reads parts of the report model and writes
 * one complete <svg> element (with a <title> for screen readers) to a writer
 * in WRITER_HTML format, so every text in it is escaped. A function returns 1
 * when it drew something and 0 when there was nothing to draw (it then
 * writes nothing). No function fails on a shape it does not expect: missing
 * fields are left out.
 *
 * Vocabularies (omgevingen, groepen, glijbaan positions) come from the
 * methode, as JSON arrays of strings, so that colours and order follow it.
 */
#ifndef WERKPLAATS_SVG_H
#define WERKPLAATS_SVG_H

#include <jansson.h>

#include "werkplaats/writer.h"

/* The empathiekaart: denkt, hoort, ziet, zegt, doet around the persona,
 * with the pains and gains below. */
int svg_empathiekaart(struct writer *w, json_t *kaart);

/* The klantreis: the moments in order on a line, the emotion curve over
 * them, the low points marked. */
int svg_klantreis(struct writer *w, json_t *klantreis);

/* The glijbaan of one phase: stakeholders ({naam|wie, groep, positie})
 * placed high, in the middle or low on the slide. */
int svg_glijbaan(struct writer *w, const char *fase, json_t *posities, json_t *glijbaan, json_t *groepen);

/* The koppelvlakken matrix: per pair of omgevingen the interventions that
 * touch both, on the diagonal those that touch one alone. */
int svg_koppelvlakken(struct writer *w, json_t *interventies, json_t *omgevingen);

/* Votes as horizontal bars, split by stakeholder group when known. */
int svg_stemmen(struct writer *w, const char *titel, json_t *items, json_t *groepen);

/* The 7 sprints of the traject in a row, coloured by status. */
int svg_tijdlijn(struct writer *w, json_t *sprints);

#endif
