/*
 * fuzz_casus.c: the casus loader (yamlx + the casus validator) on any bytes.
 * Whatever the input, casus_load_string returns a casus or an error with
 * messages, and never crashes, leaks or reads out of bounds.
 */
#include "fuzz.h"

#include <string.h>

#include "werkplaats/casus.h"
#include "werkplaats/methode.h"

static struct methode *methode;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wp_error err = WP_ERROR_INIT;
    struct casus *c;

    if (size > FUZZ_MAX_INPUT)
        return 0;
    fuzz_methode(&methode);
    c = casus_load_string("fuzz.yaml", (const char *)data, size, methode, &err);
    if ((c == NULL) && !wp_error_failed(&err))
        abort();                  /* a failure always says why */
    if (c != NULL)
        json_decref(casus_to_json(c, methode));
    casus_free(c);
    fuzz_show(&err);
    wp_error_clear(&err);
    return 0;
}

void fuzz_done(void)
{
    methode_free(methode);
    methode = NULL;
}
