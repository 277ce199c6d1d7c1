/*
 * fuzz.h: what the fuzz targets in tests/fuzz/ share.
 *
 * Each fuzz_<name>.c defines LLVMFuzzerTestOneInput (libFuzzer's entry
 * point) and fuzz_done (frees what the target set up once). `make fuzz`
 * links a target with libFuzzer (clang -fsanitize=fuzzer,address,undefined);
 * `make check` links the same file with replay.c, a plain driver that feeds
 * it the seed corpus and every regression input, so a crash once found stays
 * fixed in every build, gcc's included.
 *
 * The inputs are capped, as tmux's fuzzers do: the limits worth testing
 * (yamlx's, the plugin host's) are far below the cap, and bigger inputs only
 * make each run slower. The seeds (tests/fuzz/<name>.seeds) name the real
 * files a target starts from.
 */
#ifndef WERKPLAATS_FUZZ_H
#define WERKPLAATS_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "werkplaats/error.h"
#include "werkplaats/methode.h"

#define FUZZ_MAX_INPUT (64 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void fuzz_done(void);

/* The folder the repository is in ($WP_TOP, else the current one). */
static inline const char *fuzz_top(void)
{
    const char *top = getenv("WP_TOP");
    return top != NULL && top[0] != '\0' ? top : ".";
}

/* With WP_FUZZ_TOON set, an input's messages go to standard error: to see
 * how far a seed gets (the replay of the Molenwijk draaiboek should show none). */
static inline void fuzz_show(const wp_error *err)
{
    if (getenv("WP_FUZZ_TOON") != NULL)
        wp_error_print(err, stderr, "fuzz");
}

/* A setup that fails is a broken checkout, not a finding: say so and stop. */
static inline void fuzz_setup_failed(const char *what)
{
    fprintf(stderr, "fuzz: %s kan niet geladen worden (draai vanuit de map van werkplaats of zet WP_TOP)\n", what);
    abort();
}

/* The methode every target needs, loaded on first use. */
static inline struct methode *fuzz_methode(struct methode **m)
{
    if (*m == NULL) {
        wp_error err = WP_ERROR_INIT;
        char path[4096];
        snprintf(path, sizeof path, "%s/werkvormen/methode.yaml", fuzz_top());
        if ((*m = methode_load(path, &err)) == NULL)
            fuzz_setup_failed(path);
    }
    return *m;
}
#endif
