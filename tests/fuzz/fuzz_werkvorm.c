/*
 * fuzz_werkvorm.c: the werkvorm card validator on any Lua source. The source
 * runs in the real sandbox under tight limits (a fuzzer finds endless loops
 * at once) and its card is validated; the result is a plugin or an error
 * with messages, never a crash, a leak or a hang.
 */
#include "fuzz.h"

#include "werkplaats/methode.h"
#include "werkplaats/plugin.h"

static struct methode *methode;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = { 0 };
    struct plugin *p;

    if (size > FUZZ_MAX_INPUT)
        return 0;
    fuzz_methode(&methode);
    ctx.methode = methode;
    ctx.nodig_later = 1;          /* 'nodig' needs a library; the card is what is fuzzed */
    ctx.limits.geheugen = (size_t)16 << 20;
    ctx.limits.instructies = 2000000;
    ctx.limits.tijd_ms = 1000;
    p = plugin_load_string("fuzz.lua", (const char *)data, size, &ctx, &err);
    if ((p == NULL) && !wp_error_failed(&err))
        abort();
    plugin_free(p);
    fuzz_show(&err);
    wp_error_clear(&err);
    return 0;
}

void fuzz_done(void)
{
    methode_free(methode);
    methode = NULL;
}
