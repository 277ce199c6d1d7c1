/*
 * test_casus.c: the casus loader. The Molenwijk loads with the values it
 * holds; each kind of bad casus gets its exact "file:line:col: message"; all
 * problems of a file are reported at once; casus_to_json has the shape
 * werkvormen read.
 */
#include "wp_test.h"

#include "werkplaats/casus.h"
#include "werkplaats/methode.h"
#include "wp_methode.h"

/* A small valid casus; the table below breaks it one way at a time. */
static const char base[] =
    "id: proef\n"                                       /*  1 */
    "wijk: Proefwijk\n"                                 /*  2 */
    "gemeente: Proefstad\n"                             /*  3 */
    "hoofdvraag: Hoe maken we de wijk veiliger?\n"      /*  4 */
    "gezamenlijke_opgave: Samen een veilige wijk.\n"    /*  5 */
    "bewaren_tot: 2030-01-01\n"                         /*  6 */
    "begeleiders:\n"                                    /*  7 */
    "  - naam: Ilse Verbeek\n"                          /*  8 */
    "    rol: procesbegeleider\n"                       /*  9 */
    "betrokkenen:\n"                                    /* 10 */
    "  - id: agent\n"                                   /* 11 */
    "    naam: Mo\n"                                    /* 12 */
    "    groep: professionals\n"                        /* 13 */
    "    rol: wijkagent\n"                              /* 14 */
    "    sleutel: ja\n"                                 /* 15 */
    "    houding: positief\n"                           /* 16 */
    "    glijbaan: onder\n"                             /* 17 */
    "  - id: bewoner\n"                                 /* 18 */
    "    naam: Fatma\n"                                 /* 19 */
    "    groep: bewoners\n"                             /* 20 */
    "    rol: bewoner\n"                                /* 21 */
    "    houding: teleurgesteld\n"                      /* 22 */
    "    glijbaan: midden\n"                            /* 23 */
    "indicatoren:\n"                                    /* 24 */
    "  - id: inbraken\n"                                /* 25 */
    "    omgeving: crimineel\n"                         /* 26 */
    "    naam: Woninginbraken\n"                        /* 27 */
    "    bron: Politie\n"                               /* 28 */
    "    periode: \"2024\"\n"                           /* 29 */
    "    waarde: 9.8\n"                                 /* 30 */
    "eerdere_interventies:\n"                           /* 31 */
    "  - id: camera\n"                                  /* 32 */
    "    naam: Cameratoezicht\n"                        /* 33 */
    "    periode: 2018-2020\n"                          /* 34 */
    "    wie: Gemeente\n"                               /* 35 */
    "    omgevingen: [fysiek, crimineel]\n"             /* 36 */
    "    uitkomst: mislukt\n"                           /* 37 */
    "    geleerd: Verplaatsing.\n"                      /* 38 */
    "gremia:\n"                                         /* 39 */
    "  - id: wijkteam\n"                                /* 40 */
    "    naam: Wijkteam\n"                              /* 41 */
    "    leden: [agent, bewoner]\n";                    /* 42 */

static struct casus *load_text(const char *text, wp_error *err)
{
    return casus_load_string("casus.yaml", text, strlen(text), methode, err);
}

static void test_base_is_valid(void **state)
{
    wp_error err = WP_ERROR_INIT;
    struct casus *cs = load_text(base, &err);
    (void)state;

    assert_non_null(cs);
    assert_no_error(&err);
    assert_string_equal(cs->bestand, "casus.yaml");
    assert_null(cs->indicatoren[0].eenheid);
    assert_false(cs->indicatoren[0].heeft_eerder);
    assert_false(cs->indicatoren[0].heeft_streef);
    assert_null(cs->interventies[0].trefwoorden);
    assert_null(cs->gremia[0].frequentie);
    assert_false(cs->betrokkenen[1].sleutel);   /* sleutel is optional, default nee */
    casus_free(cs);
}

static void test_molenwijk(void **state)
{
    wp_error err = WP_ERROR_INIT;
    struct casus *cs = casus_load(wp_src("casus/molenwijk.yaml"), methode, &err);
    const struct casus_betrokkene *b;
    const struct casus_indicator *ind;
    const struct casus_interventie *iv;
    const struct casus_gremium *g;
    size_t sleutel = 0;
    (void)state;

    assert_non_null(cs);
    assert_no_error(&err);
    assert_string_equal(cs->id, "molenwijk");
    assert_string_equal(cs->wijk, "Molenwijk");
    assert_string_equal(cs->gemeente, "Westerhaven");
    assert_string_equal(cs->bewaren_tot, "2029-12-31");
    assert_non_null(strstr(cs->hoofdvraag, "Molenplein en de Sluisstraat"));
    assert_non_null(strstr(cs->gezamenlijke_opgave, "Binnen twee jaar"));
    assert_int_equal(cs->n_begeleiders, 2);
    assert_int_equal(cs->n_betrokkenen, 16);
    assert_int_equal(cs->n_indicatoren, 14);
    assert_int_equal(cs->n_interventies, 5);
    assert_int_equal(cs->n_gremia, 5);
    assert_string_equal(cs->begeleiders[1].organisatie, "CCV");

    for (size_t i = 0; i < cs->n_betrokkenen; i++)
        sleutel += cs->betrokkenen[i].sleutel ? 1 : 0;
    assert_int_equal(sleutel, 9);
    b = casus_betrokkene(cs, "wijkagent");
    assert_non_null(b);
    assert_string_equal(b->naam, "Mohamed El Idrissi");
    assert_string_equal(b->groep, "professionals");
    assert_true(b->sleutel);
    assert_string_equal(methode->houdingen[b->houding], "positief");
    assert_string_equal(methode->glijbaan[b->glijbaan], "onder");
    assert_int_equal(b->line, 41);
    assert_null(casus_betrokkene(cs, "burgemeester"));
    b = casus_betrokkene(cs, "bewonersvereniging");
    assert_null(b->organisatie);
    assert_non_null(strstr(b->eerder_gevraagd, "wijkschouwen"));

    ind = &cs->indicatoren[0];
    assert_string_equal(ind->id, "veiligheidsgevoel");
    assert_string_equal(methode->omgevingen[ind->omgeving], "sociaal");
    assert_true(ind->waarde == 31.0);
    assert_string_equal(ind->eenheid, "%");
    assert_true(ind->heeft_eerder);
    assert_string_equal(ind->eerder_periode, "2019");
    assert_true(ind->eerder_waarde == 22.0);
    assert_true(ind->heeft_streef);
    assert_true(ind->streefwaarde == 18.0);
    assert_true(cs->indicatoren[1].waarde == 4.6);
    assert_string_equal(methode->omgevingen[cs->indicatoren[13].omgeving], "crimineel");

    iv = &cs->interventies[0];
    assert_string_equal(iv->id, "cameratoezicht");
    assert_int_equal(iv->uitkomst, UITKOMST_MISLUKT);
    assert_int_equal(iv->omgevingen, (1 << 1) | (1 << 3));  /* fysiek, crimineel */
    assert_string_equal(iv->trefwoorden[2], "camerabewaking");
    assert_null(iv->trefwoorden[3]);
    assert_int_equal(cs->interventies[4].uitkomst, UITKOMST_GESLAAGD);
    assert_string_equal(cs->interventies[3].periode, "2022");
    assert_null(cs->interventies[3].herbruikbaar);

    g = casus_gremium(cs, "driehoek");
    assert_non_null(g);
    assert_string_equal(g->frequentie, "maandelijks");
    assert_string_equal(g->leden[0], "wijkagent");
    assert_string_equal(g->leden[1], "beleid-veiligheid");
    assert_null(g->leden[2]);
    assert_null(casus_gremium(cs, "gemeenteraad"));
    casus_free(cs);
}

/* --- one fault at a time ---------------------------------------------------- */

struct bad {
    const char *name;
    const char *old1, *new1;     /* replacements applied to base */
    const char *old2, *new2;     /* optional second one */
    const char *want[4];         /* every message, in order */
};

static const struct bad bad_cases[] = {
    { "missing field", "gemeente: Proefstad\n", "", NULL, NULL,
      { "casus.yaml:1:1: verplicht veld 'gemeente' ontbreekt" } },
    { "missing field in an entry", "    rol: wijkagent\n", "", NULL, NULL,
      { "casus.yaml:11:5: verplicht veld 'rol' ontbreekt" } },
    { "empty required field", "wijk: Proefwijk", "wijk:", NULL, NULL,
      { "casus.yaml:2:6: verplicht veld 'wijk' is leeg" } },
    { "text where a list is", "wijk: Proefwijk", "wijk: [Proef, wijk]", NULL, NULL,
      { "casus.yaml:2:7: 'wijk' moet tekst zijn, niet een lijst" } },
    { "word where a number is", "waarde: 9.8", "waarde: veel", NULL, NULL,
      { "casus.yaml:30:13: 'waarde' moet een getal zijn (met een punt als decimaalteken), niet 'veel'" } },
    { "not ja or nee", "    rol: bewoner\n", "    rol: bewoner\n    sleutel: misschien\n", NULL, NULL,
      { "casus.yaml:22:14: 'sleutel' moet ja of nee (true of false) zijn" } },
    { "a list where entries are", "gremia:\n  - id: wijkteam\n    naam: Wijkteam\n    leden: [agent, bewoner]\n",
      "gremia: wijkteam\n", NULL, NULL,
      { "casus.yaml:39:9: gremia moet een lijst zijn, niet een enkele waarde" } },
    { "an entry that is not a mapping", "gremia:\n  - id: wijkteam\n    naam: Wijkteam\n    leden: [agent, bewoner]\n",
      "gremia:\n  - wijkteam\n", NULL, NULL,
      { "casus.yaml:40:5: een gremium moet een mapping (sleutel: waarde) zijn, niet een enkele waarde" } },
    { "empty list", "begeleiders:\n  - naam: Ilse Verbeek\n    rol: procesbegeleider\n", "begeleiders: []\n",
      NULL, NULL, { "casus.yaml:7:14: 'begeleiders' mag niet leeg zijn" } },
    { "unknown omgeving", "omgeving: crimineel", "omgeving: criminel", NULL, NULL,
      { "casus.yaml:26:15: onbekende omgeving 'criminel', bedoelde je 'crimineel'?; kies uit 'sociaal', "
        "'fysiek', 'institutioneel' of 'crimineel'" } },
    { "unknown omgeving in a list", "[fysiek, crimineel]", "[fysiek, sociale]", NULL, NULL,
      { "casus.yaml:36:26: onbekende omgevingen 'sociale', bedoelde je 'sociaal'?; kies uit 'sociaal', "
        "'fysiek', 'institutioneel' of 'crimineel'" } },
    { "unknown group", "groep: bewoners", "groep: burgers", NULL, NULL,
      { "casus.yaml:20:12: onbekende groep 'burgers'; kies uit 'bewoners', 'ondernemers', 'jongeren', "
        "'professionals', 'beleidsambtenaren' of 'ervaringsdeskundigen'" } },
    { "unknown houding", "houding: positief", "houding: positef", NULL, NULL,
      { "casus.yaml:16:14: onbekende houding 'positef', bedoelde je 'positief'?; kies uit 'teleurgesteld', "
        "'neutraal' of 'positief'" } },
    { "unknown glijbaan position", "glijbaan: onder", "glijbaan: beneden", NULL, NULL,
      { "casus.yaml:17:15: onbekende glijbaan 'beneden'; kies uit 'boven', 'midden' of 'onder'" } },
    { "unknown uitkomst", "uitkomst: mislukt", "uitkomst: gefaald", NULL, NULL,
      { "casus.yaml:37:15: onbekende uitkomst 'gefaald'; kies uit 'geslaagd', 'deels' of 'mislukt'" } },
    { "unknown key", "wijk: Proefwijk", "wijkk: Proefwijk", NULL, NULL,
      { "casus.yaml:2:1: onbekend veld 'wijkk' in de casus, bedoelde je 'wijk'?",
        "casus.yaml:1:1: verplicht veld 'wijk' ontbreekt" } },
    { "unknown key in an entry", "    naam: Mo\n", "    nam: Mo\n", NULL, NULL,
      { "casus.yaml:12:5: onbekend veld 'nam' in een betrokkene, bedoelde je 'naam'?",
        "casus.yaml:11:5: verplicht veld 'naam' ontbreekt" } },
    { "unknown key in eerder", "waarde: 9.8", "waarde: 9.8\n    eerder: {periode: \"2020\", waard: 6.1}", NULL, NULL,
      { "casus.yaml:31:31: onbekend veld 'waard' in 'eerder' van een indicator, bedoelde je 'waarde'?",
        "casus.yaml:31:13: verplicht veld 'waarde' ontbreekt" } },
    { "unknown key without a near match", "wijk: Proefwijk", "wijk: Proefwijk\nxyz: 1", NULL, NULL,
      { "casus.yaml:3:1: onbekend veld 'xyz' in de casus; bekende velden: 'id', 'wijk', 'gemeente', "
        "'hoofdvraag', 'gezamenlijke_opgave', 'bewaren_tot', 'begeleiders', 'betrokkenen', 'indicatoren', "
        "'eerdere_interventies' of 'gremia'" } },
    { "duplicate id", "  - id: bewoner", "  - id: agent", "[agent, bewoner]", "[agent]",
      { "casus.yaml:18:9: dubbele id 'agent' in 'betrokkenen' (eerder op regel 11)" } },
    { "duplicate key", "wijk: Proefwijk\n", "wijk: Proefwijk\nwijk: Ander\n", NULL, NULL,
      { "casus.yaml:3:1: sleutel 'wijk' staat er twee keer (eerder op regel 2)" } },
    { "bad id", "id: proef", "id: Proef Wijk", NULL, NULL,
      { "casus.yaml:1:5: id 'Proef Wijk' mag alleen kleine letters, cijfers, '-' en '_' bevatten" } },
    { "gremium member who is no betrokkene", "[agent, bewoner]", "[agent, bewonr]", NULL, NULL,
      { "casus.yaml:42:20: lid 'bewonr' van een gremium is geen betrokkene van deze casus, bedoelde je 'bewoner'?" } },
    { "no key stakeholder", "sleutel: ja", "sleutel: nee", NULL, NULL,
      { "casus.yaml:11:3: geen enkele betrokkene is sleutelbetrokkene ('sleutel: ja'); de ontwerpbrief "
        "moet door de sleutelbetrokkenen worden goedgekeurd" } },
    { "invalid date", "bewaren_tot: 2030-01-01", "bewaren_tot: 2030-02-30", NULL, NULL,
      { "casus.yaml:6:14: 'bewaren_tot' moet een datum zijn als JJJJ-MM-DD, niet '2030-02-30'" } },
    { "invalid UTF-8 (Latin-1)", "naam: Mo\n", "naam: M\xf6\n", NULL, NULL,
      { "casus.yaml:12:12: ongeldige UTF-8 (is het bestand als UTF-8 opgeslagen?)" } },
    { "not YAML", "rol: wijkagent", "rol: wijkagent: politie", NULL, NULL,
      { "casus.yaml:14:19: geen geldige YAML: hier mag geen 'sleutel: waarde' staan (vergeten "
        "aanhalingstekens of een dubbele punt te veel?)" } },
    { "alias", "wie: Gemeente", "wie: &w Gemeente", "[agent, bewoner]", "[agent, *w]",
      { "casus.yaml:42:20: YAML-aliassen (*w) worden niet ondersteund: schrijf de waarde voluit" } },
    { "infinite figure", "waarde: 9.8", "waarde: inf", NULL, NULL,
      { "casus.yaml:30:13: 'waarde' moet een getal zijn (met een punt als decimaalteken), niet 'inf'" } },
};

static void test_bad_casus_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const struct bad *b = &bad_cases[i];
        char *once = wp_replace(base, b->old1, b->new1);
        char *text = b->old2 != NULL ? wp_replace(once, b->old2, b->new2) : NULL;
        wp_error err = WP_ERROR_INIT;
        struct casus *cs = load_text(text != NULL ? text : once, &err);
        const char *want[5] = { b->want[0], b->want[1], b->want[2], b->want[3], NULL };

        print_message("# %s\n", b->name);
        assert_null(cs);
        assert_int_equal(err.code, WP_EUSER);
        wp_assert_messages_at(&err, want, __FILE__, __LINE__);
        wp_error_clear(&err);
        free(text);
        free(once);
    }
}

static void test_root_must_be_a_mapping(void **state)
{
    wp_error err = WP_ERROR_INIT;
    (void)state;

    assert_null(load_text("- id: proef\n", &err));
    assert_messages(&err, "casus.yaml:1:1: de casus moet een mapping (sleutel: waarde) zijn, niet een lijst");
    wp_error_clear(&err);
    assert_null(load_text("", &err));
    assert_messages(&err, "casus.yaml: het bestand is leeg (geen YAML-document)");
    wp_error_clear(&err);
}

/* A casus with three faults in three places gives three messages. */
static void test_all_problems_at_once(void **state)
{
    char *a = wp_replace(base, "bewaren_tot: 2030-01-01", "bewaren_tot: morgen");
    char *b = wp_replace(a, "groep: bewoners", "groep: burgers");
    char *c = wp_replace(b, "omgeving: crimineel", "omgeving: criminel");
    wp_error err = WP_ERROR_INIT;
    (void)state;

    assert_null(load_text(c, &err));
    assert_messages(&err,
                    "casus.yaml:6:14: 'bewaren_tot' moet een datum zijn als JJJJ-MM-DD, niet 'morgen'",
                    "casus.yaml:20:12: onbekende groep 'burgers'; kies uit 'bewoners', 'ondernemers', "
                    "'jongeren', 'professionals', 'beleidsambtenaren' of 'ervaringsdeskundigen'",
                    "casus.yaml:26:15: onbekende omgeving 'criminel', bedoelde je 'crimineel'?; kies uit "
                    "'sociaal', 'fysiek', 'institutioneel' of 'crimineel'");
    wp_error_clear(&err);
    free(a);
    free(b);
    free(c);
}

/* --- from files ------------------------------------------------------------- */

static void test_files(void **state)
{
    char *dir = wp_tmpdir(), path[4096], expected[4200];
    char *broken = wp_replace(base, "naam: Fatma", "naam: Fatma\x80");
    wp_error err = WP_ERROR_INIT;
    struct casus *cs;
    (void)state;

    wp_write(wp_join(path, sizeof path, dir, "goed.yaml"), base, (size_t)-1);
    cs = casus_load(path, methode, &err);
    assert_non_null(cs);
    assert_string_equal(cs->bestand, path);
    casus_free(cs);

    wp_write(wp_join(path, sizeof path, dir, "kapot.yaml"), broken, (size_t)-1);
    assert_null(casus_load(path, methode, &err));
    snprintf(expected, sizeof expected, "%s:19:16: ongeldige UTF-8 (is het bestand als UTF-8 opgeslagen?)", path);
    assert_messages(&err, expected);
    wp_error_clear(&err);

    wp_join(path, sizeof path, dir, "weg.yaml");
    assert_null(casus_load(path, methode, &err));
    snprintf(expected, sizeof expected, "%s: bestand bestaat niet", path);
    assert_messages(&err, expected);
    wp_error_clear(&err);

    wp_write(wp_join(path, sizeof path, dir, "binair.yaml"), "\x7f" "ELF\x02\x01\x01", 7);
    assert_null(casus_load(path, methode, &err));
    snprintf(expected, sizeof expected, "%s:1:1: stuurtekens (zoals een NUL-byte) zijn niet toegestaan", path);
    assert_messages(&err, expected);
    wp_error_clear(&err);
    free(broken);
    wp_rmtree(dir);
}

/* --- JSON ----------------------------------------------------------------- */

static void test_to_json(void **state)
{
    wp_error err = WP_ERROR_INIT;
    struct casus *cs = casus_load(wp_src("casus/molenwijk.yaml"), methode, &err);
    json_t *j, *b, *ind, *iv, *g;
    (void)state;

    assert_non_null(cs);
    j = casus_to_json(cs, methode);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "id")), "molenwijk");
    assert_string_equal(json_string_value(json_object_get(j, "bewaren_tot")), "2029-12-31");
    assert_int_equal(json_array_size(json_object_get(j, "begeleiders")), 2);
    assert_int_equal(json_array_size(json_object_get(j, "betrokkenen")), 16);
    assert_int_equal(json_array_size(json_object_get(j, "indicatoren")), 14);
    assert_int_equal(json_array_size(json_object_get(j, "eerdere_interventies")), 5);
    assert_int_equal(json_array_size(json_object_get(j, "gremia")), 5);
    assert_int_equal(json_object_size(j), 11);

    /* Vocabulary values by name, booleans as booleans, absent optionals absent. */
    b = json_array_get(json_object_get(j, "betrokkenen"), 8);
    assert_string_equal(json_string_value(json_object_get(b, "id")), "bewonersvereniging");
    assert_string_equal(json_string_value(json_object_get(b, "houding")), "teleurgesteld");
    assert_string_equal(json_string_value(json_object_get(b, "glijbaan")), "onder");
    assert_string_equal(json_string_value(json_object_get(b, "groep")), "bewoners");
    assert_true(json_is_true(json_object_get(b, "sleutel")));
    assert_null(json_object_get(b, "organisatie"));

    ind = json_array_get(json_object_get(j, "indicatoren"), 0);
    assert_string_equal(json_string_value(json_object_get(ind, "omgeving")), "sociaal");
    assert_true(json_real_value(json_object_get(ind, "waarde")) == 31.0);
    assert_true(json_real_value(json_object_get(json_object_get(ind, "eerder"), "waarde")) == 22.0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(ind, "eerder"), "periode")), "2019");
    assert_true(json_real_value(json_object_get(ind, "streefwaarde")) == 18.0);
    ind = json_array_get(json_object_get(j, "indicatoren"), 3);
    assert_null(json_object_get(ind, "eerder"));
    assert_null(json_object_get(ind, "streefwaarde"));

    iv = json_array_get(json_object_get(j, "eerdere_interventies"), 0);
    assert_string_equal(json_string_value(json_object_get(iv, "uitkomst")), "mislukt");
    assert_int_equal(json_array_size(json_object_get(iv, "omgevingen")), 2);
    assert_string_equal(json_string_value(json_array_get(json_object_get(iv, "omgevingen"), 0)), "fysiek");
    assert_string_equal(json_string_value(json_array_get(json_object_get(iv, "omgevingen"), 1)), "crimineel");
    assert_int_equal(json_array_size(json_object_get(iv, "trefwoorden")), 3);

    g = json_array_get(json_object_get(j, "gremia"), 4);
    assert_string_equal(json_string_value(json_object_get(g, "id")), "college");
    assert_string_equal(json_string_value(json_array_get(json_object_get(g, "leden"), 0)), "wethouder");
    json_decref(j);
    casus_free(cs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base_is_valid),
        cmocka_unit_test(test_molenwijk),
        cmocka_unit_test(test_bad_casus_table),
        cmocka_unit_test(test_root_must_be_a_mapping),
        cmocka_unit_test(test_all_problems_at_once),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_to_json),
    };

    return cmocka_run_group_tests_name("casus", tests, load_methode, free_methode);
}
