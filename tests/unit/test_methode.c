/*
 * test_methode.c: werkvormen/methode.yaml, the approach as data: the shipped
 * file loads with the seven sprints and their gate, and a broken methode is
 * refused with file:line:col.
 */
#include "wp_test.h"

#include "werkplaats/methode.h"

static void test_shipped_methode(void **state)
{
    wp_error err = WP_ERROR_INIT;
    struct methode *m = methode_load(wp_src("werkvormen/methode.yaml"), &err);
    const struct methode_sprint *s;
    (void)state;

    assert_non_null(m);
    assert_no_error(&err);
    assert_int_equal(m->n_sprints, 7);
    for (int nr = 1; nr <= 7; nr++)
        assert_int_equal(methode_sprint(m, nr)->nr, nr);
    assert_null(methode_sprint(m, 0));
    assert_null(methode_sprint(m, 8));
    assert_string_equal(methode_sprint(m, 1)->naam, "Zien en voelen");
    assert_string_equal(methode_sprint(m, 4)->naam, "Ideeën");
    assert_string_equal(m->omgevingen[3], "crimineel");
    assert_null(m->omgevingen[4]);
    assert_string_equal(m->glijbaan[0], "boven");
    assert_int_equal(m->n_sleutelfactoren, 6);
    assert_string_equal(m->sleutelfactoren[0].id, "commitment");

    /* Sprint 4's gate: the ontwerpbrief of sprint 3, approved. */
    s = methode_sprint(m, 4);
    assert_int_equal(s->n_poorten, 1);
    assert_int_equal(s->poorten[0].soort, POORT_GOEDKEURING);
    assert_string_equal(s->poorten[0].document, "ontwerpbrief");
    assert_int_equal(methode_sprint_delivering(m, "ontwerpbrief")->nr, 3);
    assert_null(methode_sprint_delivering(m, "bestaat-niet"));
    for (int nr = 1; nr <= 7; nr++)
        if (nr != 4)
            assert_int_equal(methode_sprint(m, nr)->n_poorten, 0);
    methode_free(m);
}

static const char vocab[] =
    "omgevingen: [sociaal, fysiek]\n"               /* 1 */
    "groepen: [bewoners]\n"                         /* 2 */
    "houdingen: [neutraal]\n"                       /* 3 */
    "glijbaan: [boven, onder]\n"                    /* 4 */
    "sleutelfactoren:\n"                            /* 5 */
    "  - {id: doen, naam: Doen, uitleg: Doe het.}\n" /* 6 */
    "sprints:\n";                                   /* 7 */

/* Loads vocab + sprints from a file and expects exactly one message. */
static void refuse(const char *sprints, const char *message)
{
    char *dir = wp_tmpdir(), path[4096], expected[4400], *text;
    wp_error err = WP_ERROR_INIT;

    text = malloc(strlen(vocab) + strlen(sprints) + 1);
    assert_non_null(text);
    strcpy(text, vocab);
    strcat(text, sprints);
    wp_write(wp_join(path, sizeof path, dir, "methode.yaml"), text, (size_t)-1);
    assert_null(methode_load(path, &err));
    snprintf(expected, sizeof expected, "%s:%s", path, message);
    assert_messages(&err, expected);
    wp_error_clear(&err);
    free(text);
    wp_rmtree(dir);
}

static void test_broken_methode(void **state)
{
    (void)state;
    refuse("  - {nr: 2, naam: A, doel: a, levert: [x]}\n",
           "8:10: sprint 2 staat op plaats 1; nummer de sprints 1, 2, 3, ... op volgorde");
    refuse("  - {nr: 1, naam: A, doel: a, levert: [x, x]}\n",
           "8:43: 'x' staat twee keer in 'levert'");
    refuse("  - {nr: 1, naam: A, doel: a, levert: []}\n",
           "8:39: 'levert' mag niet leeg zijn");
    refuse("  - {nr: 1, naam: A, doel: a, levert: [x], poorten: [{soort: goedkeuring, document: x}]}\n",
           "8:5: poort van sprint 1 vraagt goedkeuring van 'x', maar geen eerdere sprint levert dat");
    refuse("  - {nr: 1, naam: A, doel: a, levert: [x], poorten: [{soort: stemming, document: x}]}\n",
           "8:62: onbekende soort 'stemming'; kies uit 'goedkeuring'");
    refuse("  - {nr: 1, naam: A, doel: a, lever: [x]}\n",
           "8:31: onbekend veld 'lever' in een sprint, bedoelde je 'levert'?");
    refuse("", "7:9: verplicht veld 'sprints' is leeg");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_methode),
        cmocka_unit_test(test_broken_methode),
    };

    return cmocka_run_group_tests_name("methode", tests, NULL, NULL);
}
