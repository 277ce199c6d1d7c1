/*
 * test_registers.c: what werkvormen feed into the registers of the
 * sleutelfactoren. A werkvorm's reserved result keys `afspraken` and
 * `houdingen` land in the registers when its session closes, in the same
 * transaction, tied to the session; a wrong entry keeps the session open and
 * stores nothing.
 */
#include "wp_test.h"
#include "wp_methode.h"

#include "werkplaats/afspraak.h"
#include "werkplaats/deelnemer.h"
#include "werkplaats/houding.h"
#include "werkplaats/sessie.h"

struct fixture {
    char *dir;
    struct store *store;
    struct traject *t;
    struct sessie *s;
    wp_error err;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    char path[4096];

    assert_non_null(f);
    f->dir = wp_tmpdir();
    f->store = store_open(wp_join(path, sizeof path, f->dir, "t.db"), STORE_CREATE, &f->err);
    assert_non_null(f->store);
    assert_int_equal(traject_create(f->store, methode, wp_src("casus/molenwijk.yaml"), 7, &f->err), 0);
    f->t = traject_open(f->store, methode, &f->err);
    assert_non_null(f->t);
    assert_int_equal(traject_start_sprint(f->t, 1, &f->err), 0);
    assert_int_equal(deelnemer_add(f->store, "anna", "Anna", "bewoners", NULL, &f->err), 0);
    f->s = sessie_open_file(f->t, wp_src("tests/fixtures/sessie/sessie_afspraken.lua"), NULL, 0, NULL, NULL,
                            &f->err);
    if (f->s == NULL)
        wp_print_messages(&f->err);
    assert_non_null(f->s);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    sessie_free(f->s);
    traject_free(f->t);
    store_close(f->store);
    wp_error_clear(&f->err);
    wp_rmtree(f->dir);
    free(f);
    return 0;
}

static void say(struct fixture *f, const char *tekst)
{
    struct feit_invoer in = { .deelnemer = "anna", .tekst = tekst };

    assert_true(sessie_add(f->s, FEIT_BIJDRAGE, &in, "test", &f->err) > 0);
}

static void test_close_fills_the_registers(void **state)
{
    struct fixture *f = *state;
    json_t *result, *list, *a, *entry, *sprint;
    size_t i;

    say(f, "Spreekuur");
    result = sessie_close(f->s, &f->err);
    assert_no_error(&f->err);
    assert_non_null(result);
    /* What the werkvorm returned, as it returned it ... */
    assert_int_equal(json_array_size(json_object_get(result, "afspraken")), 1);
    json_decref(result);
    /* ... but the registers hold the reserved keys, tied to the session. */
    list = afspraak_list(f->t, 0, "2026-07-01", 0, &f->err);
    assert_int_equal(json_array_size(list), 1);
    a = json_array_get(list, 0);
    assert_string_equal(json_string_value(json_object_get(a, "wie")), "wijkagent");
    assert_string_equal(json_string_value(json_object_get(a, "gremium")), "wijkteam");
    assert_string_equal(json_string_value(json_object_get(a, "herkomst")), "werkvorm");
    assert_int_equal(json_integer_value(json_object_get(a, "sprint")), 1);
    assert_true(json_is_true(json_object_get(a, "te_laat")));
    json_decref(list);
    list = houding_overzicht(f->t, 0, &f->err);
    json_array_foreach(list, i, entry)
        if (strcmp(json_string_value(json_object_get(entry, "id")), "jongerenraad") == 0) {
            json_t *nu = json_object_get(entry, "nu");
            assert_int_equal(json_integer_value(json_object_get(nu, "fase")), 1);
            assert_string_equal(json_string_value(json_object_get(nu, "houding")), "neutraal");
            assert_string_equal(json_string_value(json_object_get(nu, "glijbaan")), "onder");
        }
    json_decref(list);
    /* The session keeps what the werkvorm returned. */
    assert_int_equal(traject_close_sprint(f->t, 1, &f->err), 0);
    sprint = traject_sprint_result(f->t, 1, &f->err);
    assert_int_equal(json_array_size(json_object_get(sprint, "afspraken")), 1);
    assert_non_null(json_object_get(sprint, "situatie"));
    json_decref(sprint);
}

static void test_wrong_entry_keeps_the_session_open(void **state)
{
    struct fixture *f = *state;
    json_t *list;

    say(f, "fout");
    assert_null(sessie_close(f->s, &f->err));
    assert_messages(&f->err,
                    "werkvorm 'sessie_afspraken', afspraak 2: onbekende betrokkene 'wijkagnt', bedoelde je "
                    "'wijkagent'?; gebruik de id van een betrokkene uit de casus",
                    "werkvorm 'sessie_afspraken', afspraak 2: deadline '2026-02-30' is geen geldige datum "
                    "(JJJJ-MM-DD)");
    wp_error_clear(&f->err);
    assert_false(f->s->gesloten);
    list = afspraak_list(f->t, 0, NULL, 0, &f->err);
    assert_int_equal(json_array_size(list), 0);
    json_decref(list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_close_fills_the_registers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_entry_keeps_the_session_open, setup, teardown),
    };

    return cmocka_run_group_tests_name("registers", tests, load_methode, free_methode);
}
