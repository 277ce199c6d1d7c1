/*
 * werkvorm_fixture.h: what the plugin tests share. Each test program sets up
 * the source tree's methode and a scratch folder once, and removes the
 * folder at the end. WP_TOP (set by tests/run.sh) is the source tree.
 */
#ifndef WERKPLAATS_TEST_WERKVORM_FIXTURE_H
#define WERKPLAATS_TEST_WERKVORM_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "werkplaats/methode.h"

struct werkvorm_fixture {
    struct methode *methode;
    char top[1024];          /* the source tree */
    char werkvormen[1100];   /* tests/fixtures/werkvormen */
    char tmpdir[256];        /* scratch, removed at the end */
};

static inline int werkvorm_fixture_setup(struct werkvorm_fixture *f, const char *name)
{
    const char *t = getenv("WP_TOP");
    char path[1100];
    wp_error err = WP_ERROR_INIT;

    snprintf(f->top, sizeof f->top, "%s", t ? t : ".");
    snprintf(path, sizeof path, "%s/werkvormen/methode.yaml", f->top);
    if ((f->methode = methode_load(path, &err)) == NULL) {
        wp_error_print(&err, stderr, "setup");
        wp_error_clear(&err);
        return -1;
    }
    snprintf(f->werkvormen, sizeof f->werkvormen, "%s/tests/fixtures/werkvormen", f->top);
    snprintf(f->tmpdir, sizeof f->tmpdir, "%s/werkplaats-%s.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             name);
    return mkdtemp(f->tmpdir) == NULL ? -1 : 0;
}

static inline int werkvorm_fixture_teardown(struct werkvorm_fixture *f)
{
    char cmd[600];

    methode_free(f->methode);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

#endif
