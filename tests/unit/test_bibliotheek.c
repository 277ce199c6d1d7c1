/*
 * test_bibliotheek.c: the library of werkvormen as the session code uses it:
 * order, lookup, loading by id, broken files, duplicate ids, nodig across
 * werkvormen, and annotation files that are not werkvormen.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "werkplaats/bibliotheek.h"
#include "werkvorm_fixture.h"

static struct werkvorm_fixture fx;

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[600];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A small valid werkvorm with id, sprint, nodig and levert. */
static void write_werkvorm(const char *dir, const char *file, const char *id, int sprint, const char *nodig,
                           const char *levert)
{
    char text[2000];

    snprintf(text, sizeof text,
             "return {\n"
             "  id = \"%s\", naam = \"Werkvorm %s\", versie = \"1.0.0\", sprint = %d,\n"
             "  toelichting = \"t\", opbrengst = \"o\", deelnemers = { \"bewoners\" },\n"
             "  groep = { min = 1, max = 9 }, duur = 5, nodig = { %s }, levert = { \"%s\" },\n"
             "  stappen = { { id = \"a\", titel = \"A\", instructie = \"A\", duur = 5, invoer = \"geen\" } },\n"
             "  resultaat = function() return { %s = \"%s\" } end,\n"
             "}\n",
             id, id, sprint, nodig, levert, levert, id);
    write_file(dir, file, text);
}

static int setup(void **state)
{
    (void)state;
    return werkvorm_fixture_setup(&fx, "bib");
}

static int teardown(void **state)
{
    (void)state;
    return werkvorm_fixture_teardown(&fx);
}

static void test_fixtures(void **state)
{
    wp_error err = WP_ERROR_INIT;
    char builtin[1100];
    const char *dirs[] = { fx.werkvormen };
    struct bibliotheek *b;
    struct plugin_context ctx = { .zaad = 1 };
    struct plugin *p;
    size_t n_lev;
    const struct plugin_levering *lev;

    (void)state;
    char cmd[2400];

    /* A built-in folder with only the annotation file (not a werkvorm), so
     * the fixtures' ids do not meet the shipped werkvormen of the same name. */
    snprintf(builtin, sizeof builtin, "/tmp/wp-bieb-XXXXXX");
    assert_non_null(mkdtemp(builtin));
    snprintf(cmd, sizeof cmd, "cp '%s/werkvormen/werkplaats.lua' '%s/'", fx.top, builtin);
    assert_int_equal(system(cmd), 0);
    b = bibliotheek_open(builtin, dirs, 1, fx.methode, &err);
    assert_non_null(b);
    assert_int_equal(bibliotheek_count(b), 2);
    assert_int_equal(bibliotheek_n_kapot(b), 0);
    assert_string_equal(bibliotheek_card(b, 0)->id, "empathiekaart");  /* by sprint: 2, then 4 */
    assert_string_equal(bibliotheek_card(b, 1)->id, "bril");
    assert_null(bibliotheek_card(b, 2));
    assert_non_null(strstr(bibliotheek_path(b, "bril"), "/bril.lua"));
    assert_null(bibliotheek_find(b, "onbekend"));
    lev = bibliotheek_leveringen(b, &n_lev);
    assert_int_equal(n_lev, 5);  /* ideeen, gekozen_ideeen (4); pijnen, winsten, empathiekaart (2) */
    for (size_t i = 0; i < n_lev; i++)
        assert_int_equal(lev[i].sprint, strstr(lev[i].sleutel, "idee") ? 4 : 2);
    p = bibliotheek_load(b, "empathiekaart", &ctx, &err);
    assert_non_null(p);
    assert_int_equal(plugin_card(p)->sprint, 2);
    plugin_free(p);
    assert_null(bibliotheek_load(b, "empatiekaart", &ctx, &err));
    assert_true(wp_error_contains(&err, "onbekende werkvorm 'empatiekaart', bedoelde je 'empathiekaart'?"));
    wp_error_clear(&err);
    bibliotheek_free(b);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", builtin);
    assert_int_equal(system(cmd), 0);
}

static void test_broken_duplicate_and_nodig(void **state)
{
    wp_error err = WP_ERROR_INIT;
    char a[400], c[400];
    const char *dirs[] = { c };
    struct bibliotheek *b;
    struct plugin_context ctx = { 0 };
    int found_dup = 0, found_nodig = 0, found_kapot = 0;

    (void)state;
    snprintf(a, sizeof a, "%s/a", fx.tmpdir);
    snprintf(c, sizeof c, "%s/c", fx.tmpdir);
    {
        char cmd[900];
        snprintf(cmd, sizeof cmd, "mkdir -p '%s' '%s'", a, c);
        assert_int_equal(system(cmd), 0);
    }
    write_werkvorm(a, "eerst.lua", "eerst", 2, "", "kaartje");
    write_werkvorm(a, "later.lua", "later", 3, "\"kaartje\"", "reis");            /* needs eerst */
    write_werkvorm(a, "keten.lua", "keten", 4, "\"fout_sleutel\"", "x");         /* nobody delivers it */
    write_werkvorm(a, "hangt.lua", "hangt", 5, "\"x\"", "y");                     /* needs keten, which is kapot */
    write_file(a, "kapot.lua", "return {\n");
    write_file(a, "leesmij.txt", "geen werkvorm");
    write_werkvorm(c, "eerst.lua", "eerst", 2, "", "iets");                        /* id taken */
    b = bibliotheek_open(a, dirs, 1, fx.methode, &err);
    assert_non_null(b);
    assert_false(wp_error_failed(&err));
    assert_int_equal(bibliotheek_count(b), 2);                                     /* eerst, later */
    assert_non_null(bibliotheek_find(b, "later"));
    assert_non_null(strstr(bibliotheek_path(b, "eerst"), "/a/eerst.lua"));
    assert_int_equal(bibliotheek_n_kapot(b), 4);
    for (size_t i = 0; i < bibliotheek_n_kapot(b); i++) {
        const wp_error *e = bibliotheek_kapot_fouten(b, i);
        found_dup |= wp_error_contains(e, "werkvorm-id 'eerst' bestaat al in") && wp_error_contains(e, "/a/eerst.lua");
        found_nodig |= wp_error_contains(e, "'nodig' noemt 'fout_sleutel'");
        found_nodig |= wp_error_contains(e, "'nodig' noemt 'x'") ? 2 : 0;
        found_kapot |= wp_error_contains(e, "syntaxfout");
    }
    assert_true(found_dup);
    assert_int_equal(found_nodig, 3);  /* and hangt falls with keten */
    assert_true(found_kapot);
    assert_null(bibliotheek_load(b, "keten", &ctx, &err));
    assert_true(wp_error_contains(&err, "werkvorm 'keten'"));
    assert_true(wp_error_contains(&err, "kan niet gebruikt worden"));
    wp_error_clear(&err);
    bibliotheek_free(b);

    dirs[0] = "/bestaat/niet";
    assert_null(bibliotheek_open(a, dirs, 1, fx.methode, &err));
    assert_true(wp_error_contains(&err, "/bestaat/niet: werkvormenmap kan niet gelezen worden"));
    wp_error_clear(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_broken_duplicate_and_nodig),
    };

    return cmocka_run_group_tests_name("bibliotheek", tests, setup, teardown);
}
