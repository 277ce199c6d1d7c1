/*
 * test_privacy.c: the pieces of the AVG promises that need no traject:
 * replacing names and sensitive texts (whole words, whole strings, inside
 * JSON), the retention check, owner-only files under a permissive umask
 * (database, its WAL and SHM files, reports), and the shipped werkvormen'
 * sensitive steps. tests/e2e/privacy.sh covers the commands on Molenwijk.
 */
#include "wp_test.h"

#include <jansson.h>

#include "werkplaats/bibliotheek.h"
#include "werkplaats/methode.h"
#include "werkplaats/privacy.h"
#include "werkplaats/store.h"
#include "werkplaats/writer.h"

static char *replaced(const char *s, const struct privacy_regel *r, size_t n_r, size_t *n)
{
    char *out = privacy_vervang(s, r, n_r, n);

    return out ? out : strdup(s);
}

static void test_names_only_as_whole_words(void **state)
{
    const struct privacy_regel r[] = { { "Wim (bakkerij Sluisstraat)", "ondernemers #3", 1 },
                                       { "Bas", "professionals #2", 1 } };
    size_t n = 0;
    char *out;

    (void)state;
    out = replaced("Wim (bakkerij Sluisstraat) en Bas bij Basisschool; Bas.", r, 2, &n);
    assert_string_equal(out, "ondernemers #3 en professionals #2 bij Basisschool; professionals #2.");
    assert_int_equal(n, 3);
    free(out);
    /* UTF-8 letters count as part of a word */
    n = 0;
    assert_null(privacy_vervang("Basé", r + 1, 1, &n));
    assert_int_equal(n, 0);
}

static void test_texts_whole_or_long_enough(void **state)
{
    const struct privacy_regel r[] = { { "Mijn ruit is ingegooid", PRIVACY_WEGGELATEN, 0 },
                                       { "ja", PRIVACY_WEGGELATEN, 0 } };
    size_t n = 0;
    char *out;

    (void)state;
    out = replaced("avond: Mijn ruit is ingegooid (3 stemmen)", r, 2, &n);
    assert_string_equal(out, "avond: " PRIVACY_WEGGELATEN " (3 stemmen)");
    free(out);
    /* a short text only where it is the whole string, never inside "jaar" */
    out = replaced("twee jaar", r, 2, &n);
    assert_string_equal(out, "twee jaar");
    free(out);
    out = replaced("ja", r, 2, &n);
    assert_string_equal(out, PRIVACY_WEGGELATEN);
    free(out);
    assert_int_equal(n, 2);
}

static void test_json_values_not_keys(void **state)
{
    const struct privacy_regel r[] = { { "Joke", "bewoners #1", 1 } };
    json_t *v = json_pack("{s:s, s:[s, {s:s}], s:i}", "Joke", "Joke zei het", "lijst", "niet Joke?", "tekst",
                          "Joke", "stemmen", 3);
    char *dump;

    (void)state;
    assert_int_equal(privacy_vervang_json(v, r, 1), 3);
    dump = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(dump, "{\"Joke\":\"bewoners #1 zei het\",\"lijst\":[\"niet bewoners #1?\",{\"tekst\":"
                              "\"bewoners #1\"}],\"stemmen\":3}");
    free(dump);
    json_decref(v);
}

static void test_text_rules_longest_first(void **state)
{
    json_t *feiten = json_pack("[{s:i, s:s}, {s:i, s:s}, {s:i, s:s}]", "feit", 1, "tekst", "kort stuk",
                               "feit", 2, "tekst", "een veel langer stuk: kort stuk", "feit", 3, "tekst",
                               PRIVACY_GEWIST);
    size_t n = 0, hits = 0;
    struct privacy_regel *r = privacy_tekst_regels(feiten, PRIVACY_WEGGELATEN, &n);
    char *out;

    (void)state;
    assert_non_null(r);
    assert_int_equal(n, 2);  /* an erased text is no rule */
    assert_string_equal(r[0].wat, "een veel langer stuk: kort stuk");
    out = replaced("een veel langer stuk: kort stuk", r, n, &hits);
    assert_string_equal(out, PRIVACY_WEGGELATEN);
    free(out);
    free(r);
    json_decref(feiten);
}

static void test_retention_passed(void **state)
{
    (void)state;
    assert_int_equal(privacy_bewaartermijn_voorbij("2029-12-31", "2029-12-31"), 0);
    assert_int_equal(privacy_bewaartermijn_voorbij("2029-12-31", "2030-01-01"), 1);
    assert_int_equal(privacy_bewaartermijn_voorbij("2029-12-31", "2029-02-01"), 0);
    assert_int_equal(privacy_bewaartermijn_voorbij(NULL, "2030-01-01"), 0);
}

static void assert_mode(const char *path, unsigned mode)
{
    struct stat st;

    if (stat(path, &st) != 0)
        print_error("%s bestaat niet\n", path);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, mode);
}

/* With umask 000 every file the engine writes is still 0600: the database
 * and, while it is open, its -wal and -shm files; a report. */
static void test_owner_only_under_open_umask(void **state)
{
    char *dir = wp_tmpdir(), db[8192], side[8300], rapport[8192];
    wp_error err = WP_ERROR_INIT;
    mode_t old = umask(0);
    struct store *s;

    (void)state;
    s = store_open(wp_join(db, sizeof db, dir, "traject.db"), STORE_CREATE, &err);
    assert_no_error(&err);
    assert_int_equal(store_exec(s, "INSERT INTO privacylog (tijd, actie, wat) VALUES ('t', 'vergeet', 'x')", &err),
                     0);
    assert_mode(db, 0600);
    snprintf(side, sizeof side, "%s-wal", db);
    assert_mode(side, 0600);
    snprintf(side, sizeof side, "%s-shm", db);
    assert_mode(side, 0600);
    store_close(s);
    assert_int_equal(writer_save(wp_join(rapport, sizeof rapport, dir, "rapport.html"), "<p>x</p>", 8), 0);
    assert_mode(rapport, 0600);
    /* replacing a file that others could read leaves it owner-only */
    assert_int_equal(chmod(rapport, 0644), 0);
    assert_int_equal(writer_save(rapport, "<p>y</p>", 8), 0);
    assert_mode(rapport, 0600);
    umask(old);
    wp_rmtree(dir);
}

/* The shipped werkvormen mark the steps where people tell about their own
 * life, and only those. */
static void test_shipped_sensitive_steps(void **state)
{
    static const char *const marked[] = { "toon_me_je_leven/dag", "empathiekaart/persona", "empathiekaart/kaart",
                                          "klantreis/persona", NULL };
    char path[8192], name[256];
    wp_error err = WP_ERROR_INIT;
    struct methode *m = methode_load(wp_join(path, sizeof path, wp_src("werkvormen"), "methode.yaml"), &err);
    struct bibliotheek *b;
    size_t n_marked = 0;

    (void)state;
    assert_no_error(&err);
    b = bibliotheek_open(wp_src("werkvormen"), NULL, 0, m, &err);
    assert_no_error(&err);
    for (size_t i = 0; i < bibliotheek_count(b); i++) {
        const struct plugin_card *c = bibliotheek_card(b, i);
        for (size_t k = 0; k < c->n_stappen; k++) {
            int expect = 0;
            snprintf(name, sizeof name, "%s/%s", c->id, c->stappen[k].id);
            for (size_t j = 0; marked[j] != NULL; j++)
                expect |= strcmp(marked[j], name) == 0;
            if (c->stappen[k].gevoelig != expect)
                print_error("%s: gevoelig is %d, verwacht %d\n", name, c->stappen[k].gevoelig, expect);
            assert_int_equal(c->stappen[k].gevoelig, expect);
            n_marked += (size_t)expect;
        }
    }
    assert_int_equal(n_marked, 4);
    bibliotheek_free(b);
    methode_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_only_as_whole_words),
        cmocka_unit_test(test_texts_whole_or_long_enough),
        cmocka_unit_test(test_json_values_not_keys),
        cmocka_unit_test(test_text_rules_longest_first),
        cmocka_unit_test(test_retention_passed),
        cmocka_unit_test(test_owner_only_under_open_umask),
        cmocka_unit_test(test_shipped_sensitive_steps),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
