/*
 * proef.h: an author's own test of a werkvorm (`werkplaats werkvorm test`).
 *
 * The werkvorm's `voorbeeld` table gives stand-ins for the results it needs,
 * example participants, inputs per step, and the result it should give. The
 * trial runs it in a scratch in-memory traject through the real session
 * code (the same checks, the same facts view, the same sandbox) and compares
 * the result with `verwacht`: every key and list item named there must be in
 * the result with the same value; what `verwacht` leaves out is not checked.
 */
#ifndef WERKPLAATS_PROEF_H
#define WERKPLAATS_PROEF_H

#include <stdio.h>

#include <jansson.h>

#include "werkplaats/error.h"
#include "werkplaats/methode.h"
#include "werkplaats/plugin.h"

struct proef_opties {
    const struct methode *methode;
    const char *casus_pad;                    /* casus used when the voorbeeld names none */
    const struct plugin_levering *leveringen; /* what the library delivers, for nodig checks */
    size_t n_leveringen;
    FILE *uit;                                /* the report, or NULL */
    int toon_resultaat;                       /* also print the whole result as JSON */
};

/* Runs the voorbeeld of the werkvorm at path. Returns 0 when the result
 * matches, -1 with messages otherwise. */
int proef_run(const char *path, const struct proef_opties *opt, wp_error *err);

/* Checks that actual contains expected (see above). On a mismatch adds a
 * message naming the path ("resultaat.pijnen[1].stemmen") and both values. */
int proef_compare(json_t *expected, json_t *actual, const char *path, wp_error *err);

#endif
