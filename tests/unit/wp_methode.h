/*
 * wp_methode.h: the group setup of the tests that need the methode: loads
 * werkvormen/methode.yaml from the source tree once for the whole group.
 * Include after wp_test.h.
 */
#ifndef WERKPLAATS_WP_METHODE_H
#define WERKPLAATS_WP_METHODE_H

#include "werkplaats/methode.h"

static struct methode *methode;

static int load_methode(void **state)
{
    wp_error err = WP_ERROR_INIT;

    (void)state;
    methode = methode_load(wp_src("werkvormen/methode.yaml"), &err);
    if (methode == NULL)
        wp_print_messages(&err);
    wp_error_clear(&err);
    return methode != NULL ? 0 : -1;
}

static int free_methode(void **state)
{
    (void)state;
    methode_free(methode);
    return 0;
}

#endif
