/*
 * fuzz_draaiboek.c: the draaiboek loader on any bytes, run for real: into an
 * in-memory database, through the same session code a workshop uses, with
 * the built-in werkvormen. The input is named casus/fuzz.draaiboek.yaml so
 * that "casus: molenwijk.yaml" finds the real casus. Whatever the input, the
 * run ends with success or an error with messages.
 *
 * Its cap is 128 KiB, not 64: the Molenwijk draaiboek (88 KB) is the seed
 * that reaches every section.
 */
#include "fuzz.h"

#include "werkplaats/bibliotheek.h"
#include "werkplaats/draaiboek.h"
#include "werkplaats/methode.h"

static struct methode *methode;
static struct bibliotheek *bibliotheek;
static char name[4096];

static void setup(void)
{
    wp_error err = WP_ERROR_INIT;
    char path[4096];

    fuzz_methode(&methode);
    snprintf(path, sizeof path, "%s/werkvormen", fuzz_top());
    if ((bibliotheek = bibliotheek_open(path, NULL, 0, methode, &err)) == NULL)
        fuzz_setup_failed(path);
    snprintf(name, sizeof name, "%s/casus/fuzz.draaiboek.yaml", fuzz_top());
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wp_error err = WP_ERROR_INIT;
    struct draaiboek_opties opties = { 0 };
    int rc;

    if (size > 2 * FUZZ_MAX_INPUT)
        return 0;
    if (methode == NULL)
        setup();
    opties.db_path = ":memory:";
    opties.methode = methode;
    opties.bibliotheek = bibliotheek;
    rc = draaiboek_run_string(name, (const char *)data, size, &opties, &err);
    if ((rc != 0) && !wp_error_failed(&err))
        abort();
    fuzz_show(&err);
    wp_error_clear(&err);
    return 0;
}

void fuzz_done(void)
{
    bibliotheek_free(bibliotheek);
    methode_free(methode);
    bibliotheek = NULL;
    methode = NULL;
}
