/*
 * test_sleutelfactoren.c: the check of the six key factors. For each factor
 * a traject that satisfies it and one that fails it, asserting the exact
 * finding; and the registers behind them (afspraken, houdingen, reflecties,
 * planning).
 *
 * The trajecten are written straight into the store (sessions, facts,
 * presence), the way the session module stores them, so these tests do not
 * depend on any werkvorm plugin; the cards the werkvormen factor needs come
 * from a fake card lookup.
 */
#include "wp_test.h"
#include "wp_methode.h"

#include "werkplaats/afspraak.h"
#include "werkplaats/deelnemer.h"
#include "werkplaats/houding.h"
#include "werkplaats/planning.h"
#include "werkplaats/reflectie.h"
#include "werkplaats/register.h"
#include "werkplaats/sleutelfactoren.h"

struct fixture {
    char *dir;
    struct store *store;
    struct traject *t;
    wp_error err;
    json_t *model;
};

static const char *const key_stakeholders[] = { "wijkmanager", "wijkagent", "jongerenwerker", "corporatie",
                                                "beleid-veiligheid", "wethouder", "bewonersvereniging",
                                                "ondernemersvereniging", "jongerenraad", NULL };

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
    assert_int_equal(deelnemer_add(f->store, "anna", "Anna", "bewoners", NULL, &f->err), 0);
    assert_int_equal(deelnemer_add(f->store, "bram", "Bram", "jongeren", NULL, &f->err), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    json_decref(f->model);
    traject_free(f->t);
    store_close(f->store);
    wp_error_clear(&f->err);
    wp_rmtree(f->dir);
    free(f);
    return 0;
}

/* --- writing a traject straight into the store ---------------------------------- */

/* Runs SQL made with sqlite3_mprintf (use %Q for texts) and frees it. */
static void sql(struct fixture *f, char *statement)
{
    char *msg = NULL;

    assert_non_null(statement);
    if (sqlite3_exec(store_db(f->store), statement, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("SQL mislukt: %s: %s", msg, statement);
    sqlite3_free(statement);
}

static void sprint_state(struct fixture *f, int nr, const char *status, const char *resultaat)
{
    sql(f, sqlite3_mprintf("UPDATE sprint SET status = %Q, resultaat = %Q WHERE nr = %d", status, resultaat, nr));
}

/* A session of werkvorm (its label too) in sprint; returns its id. Its
 * levert names the keys of its result, as the engine records them. */
static long long session(struct fixture *f, int sprint, const char *werkvorm, const char *status, const char *nodig,
                         const char *resultaat)
{
    sql(f, sqlite3_mprintf("INSERT INTO sessie (sprint, label, werkvorm, versie, nodig, status, zaad, geopend, "
                           "gesloten, resultaat, levert) VALUES (%d, %Q, %Q, '1', %Q, %Q, 1, '2025-01-01T10:00:00.000Z', "
                           "%Q, %Q, CASE WHEN json_valid(%Q) THEN (SELECT json_group_array(key) FROM json_each(%Q)) "
                           "ELSE '[]' END)",
                           sprint, werkvorm, werkvorm, nodig ? nodig : "[]", status,
                           strcmp(status, "gesloten") == 0 ? "2025-01-01T12:00:00.000Z" : NULL, resultaat, resultaat,
                           resultaat));
    return sqlite3_last_insert_rowid(store_db(f->store));
}

static void present(struct fixture *f, long long sessie, const char *const *ids)
{
    for (size_t i = 0; ids[i] != NULL; i++)
        sql(f, sqlite3_mprintf("INSERT INTO aanwezig (sessie, deelnemer) VALUES (%lld, %Q)", sessie, ids[i]));
}

static long long fact(struct fixture *f, long long sessie, const char *soort, const char *wie, const char *ref,
                      const char *tekst, const char *omgevingen, long long doel)
{
    char doel_text[32] = "NULL";

    if (doel > 0)
        snprintf(doel_text, sizeof doel_text, "%lld", doel);
    sql(f, sqlite3_mprintf("INSERT INTO feit (sessie, volgnr, soort, stap, deelnemer, ref, tekst, omgevingen, doel, "
                           "tijd) VALUES (%lld, (SELECT coalesce(max(volgnr), 0) + 1 FROM feit WHERE sessie = %lld), "
                           "%Q, 'stap', %Q, %Q, %Q, %Q, %s, '2025-01-01T10:30:00.000Z')",
                           sessie, sessie, soort, wie, ref, tekst, omgevingen, doel_text));
    return sqlite3_last_insert_rowid(store_db(f->store));
}

static long long bijdrage(struct fixture *f, long long sessie, const char *wie, const char *tekst,
                          const char *omgevingen)
{
    static int n;
    char ref[16];

    snprintf(ref, sizeof ref, "b%d", ++n);
    return fact(f, sessie, "bijdrage", wie, ref, tekst, omgevingen, 0);
}

/* --- the fake cards ------------------------------------------------------------------- */

static const char *const beleid[] = { "beleidsambtenaren", NULL };

static int kaart(void *ctx, const char *id, struct sleutelfactoren_kaart *k)
{
    (void)ctx;
    if (strcmp(id, "socrates") == 0) {
        k->naam = "Onderzoek en praat als Socrates";
        k->sprint = 1;
        k->deelnemers = beleid;
        k->groep_min = 3;
        k->groep_max = 12;
        return 0;
    }
    if (strcmp(id, "bordspel") == 0) {
        k->naam = "Scenario's in een bordspel";
        k->sprint = 5;
        k->groep_min = 4;
        k->groep_max = 12;
        return 0;
    }
    if (strncmp(id, "wv", 2) == 0) {   /* any other werkvorm in these tests: anyone, any size */
        k->naam = id;
        k->sprint = id[2] - '0';
        return 0;
    }
    return -1;
}

/* --- reading the model ------------------------------------------------------------------ */

static json_t *check(struct fixture *f, int tot, const char *vandaag)
{
    struct sleutelfactoren_opties o = { tot, vandaag, kaart, NULL };

    json_decref(f->model);
    f->model = sleutelfactoren_check(f->t, &o, &f->err);
    if (f->model == NULL)
        fail_msg("check mislukt: %s", wp_error_first(&f->err));
    return f->model;
}

static json_t *factor(struct fixture *f, const char *id)
{
    json_t *x = sleutelfactoren_factor(f->model, id);

    assert_non_null(x);
    return x;
}

static const char *status_of(struct fixture *f, const char *id)
{
    return json_string_value(json_object_get(factor(f, id), "status"));
}

/* How many bevindingen of soort factor id of model has. */
static size_t count_in(json_t *model, const char *id, const char *soort)
{
    json_t *b;
    size_t i, n = 0;

    json_array_foreach(json_object_get(sleutelfactoren_factor(model, id), "bevindingen"), i, b)
        n += strcmp(json_string_value(json_object_get(b, "soort")), soort) == 0;
    return n;
}

static size_t count(struct fixture *f, const char *id, const char *soort)
{
    factor(f, id);      /* fails the test when the model lacks the factor */
    return count_in(f->model, id, soort);
}

/* The n-th (from 0) bevinding of soort; fails the test when there is none. */
static json_t *finding(struct fixture *f, const char *id, const char *soort, size_t nth)
{
    json_t *b;
    size_t i;

    json_array_foreach(json_object_get(factor(f, id), "bevindingen"), i, b)
        if (strcmp(json_string_value(json_object_get(b, "soort")), soort) == 0 && nth-- == 0)
            return b;
    sleutelfactoren_print(f->model, stderr);
    fail_msg("geen bevinding '%s' bij %s", soort, id);
    return NULL;
}

static const char *text_of(struct fixture *f, const char *id, const char *soort)
{
    return json_string_value(json_object_get(finding(f, id, soort, 0), "tekst"));
}

static void expect_status(struct fixture *f, const char *id, const char *status)
{
    if (strcmp(status_of(f, id), status) != 0) {
        sleutelfactoren_print(f->model, stderr);
        fail_msg("%s: verwacht '%s', kreeg '%s'", id, status, status_of(f, id));
    }
}

/* --- 1. commitment -------------------------------------------------------------------- */

static void approve(struct fixture *f, const char *who, const char *date)
{
    assert_int_equal(traject_approve(f->t, "ontwerpbrief", who, date, "test", &f->err), 0);
}

static void stance(struct fixture *f, const char *who, const char *houding, const char *glijbaan, int fase)
{
    struct houding_invoer in = { who, houding, glijbaan, fase, 0, HERKOMST_BEGELEIDER, NULL };
    assert_true(houding_add(f->t, &in, NULL, &f->err) > 0);
}

/* Sprints 1 to 3 closed, every key stakeholder in every sprint, the
 * ontwerpbrief delivered; approvals and stances are up to each test. */
static void three_sprints(struct fixture *f, const char *skip)
{
    const char *who[16];
    size_t n = 0;

    for (size_t i = 0; key_stakeholders[i] != NULL; i++)
        if (skip == NULL || strcmp(key_stakeholders[i], skip) != 0)
            who[n++] = key_stakeholders[i];
    who[n] = NULL;
    for (int nr = 1; nr <= 3; nr++) {
        char werkvorm[16];
        snprintf(werkvorm, sizeof werkvorm, "wv%d", nr);
        present(f, session(f, nr, werkvorm, "gesloten", NULL,
                           nr == 3 ? "{\"ontwerpbrief\": {\"probleem\": \"overlast\"}}" : "{\"x\": 1}"), who);
        sprint_state(f, nr, "gesloten", nr == 3 ? "{\"ontwerpbrief\": {\"probleem\": \"overlast\"}}" : "{\"x\": 1}");
    }
}

/* The stances that would otherwise need attention, moved. */
static void everyone_on_board(struct fixture *f)
{
    stance(f, "jongerenwerker", "neutraal", NULL, 2);
    stance(f, "bewonersvereniging", "neutraal", NULL, 2);
    stance(f, "ondernemersvereniging", "positief", NULL, 3);
    stance(f, "jongerenraad", "neutraal", NULL, 3);
    stance(f, "corporatie", NULL, "midden", 1);
    stance(f, "beleid-veiligheid", NULL, "midden", 1);
    stance(f, "wethouder", NULL, "midden", 2);
}

static void test_commitment_in_orde(void **state)
{
    struct fixture *f = *state;

    three_sprints(f, NULL);
    everyone_on_board(f);
    for (size_t i = 0; key_stakeholders[i] != NULL; i++)
        approve(f, key_stakeholders[i], i == 0 ? "2025-03-03" : "2025-03-10");
    check(f, 0, "2025-04-01");
    expect_status(f, "commitment", "in orde");
    assert_string_equal(text_of(f, "commitment", "goedkeuring_compleet"),
                        "Alle 9 sleutelbetrokkenen keurden de ontwerpbrief goed (van 2025-03-03 tot en met 2025-03-10).");
    assert_string_equal(text_of(f, "commitment", "deelname"),
                        "9 van de 16 betrokkenen uit de casus deden mee aan werkvormen, onder wie 9 van de 9 "
                        "sleutelbetrokkenen.");
    assert_string_equal(text_of(f, "commitment", "houdingen"),
                        "Houding bij de start: 5 teleurgesteld, 7 neutraal en 4 positief; nu: 1 teleurgesteld, 10 "
                        "neutraal en 5 positief.");
    assert_int_equal(count(f, "commitment", "goedkeuring_ontbreekt"), 0);
    assert_int_equal(json_array_size(json_object_get(factor(f, "commitment"), "goedkeuringen")), 9);
    assert_string_equal(json_string_value(json_object_get(factor(f, "commitment"), "gezamenlijke_opgave")),
                        f->t->casus->gezamenlijke_opgave);
}

static void test_commitment_approval_missing(void **state)
{
    struct fixture *f = *state;

    three_sprints(f, NULL);
    everyone_on_board(f);
    for (size_t i = 0; key_stakeholders[i] != NULL; i++)
        if (strcmp(key_stakeholders[i], "wethouder") != 0)
            approve(f, key_stakeholders[i], "2025-03-10");
    check(f, 0, "2025-04-01");
    expect_status(f, "commitment", "aandacht");
    assert_int_equal(count(f, "commitment", "goedkeuring_ontbreekt"), 1);
    assert_string_equal(text_of(f, "commitment", "goedkeuring_ontbreekt"),
                        "Sleutelbetrokkene wethouder Veiligheid en Wijken (portefeuillehouder, politiek verantwoordelijk "
                        "namens het college van B&W) heeft de ontwerpbrief niet goedgekeurd; pas als alle "
                        "sleutelbetrokkenen dat deden, is iedereen eraan gebonden en kan sprint 4 beginnen.");
    assert_string_equal(json_string_value(json_object_get(finding(f, "commitment", "goedkeuring_ontbreekt", 0),
                                                          "betrokkene")), "wethouder");
    assert_int_equal(count(f, "commitment", "goedkeuring_compleet"), 0);
}

static void test_commitment_never_took_part(void **state)
{
    struct fixture *f = *state;

    three_sprints(f, "ondernemersvereniging");
    everyone_on_board(f);
    check(f, 0, "2025-04-01");
    expect_status(f, "commitment", "aandacht");
    assert_string_equal(text_of(f, "commitment", "nooit_meegedaan"),
                        "Sleutelbetrokkene Ondernemersvereniging Sluisstraat (vereniging van 23 winkeliers en horeca "
                        "aan de Sluisstraat) deed nog aan geen enkele werkvorm mee. Betrek hen: zonder hen draagt niet "
                        "iedereen de gezamenlijke opgave.");
    /* Non-key stakeholders who stayed away are worth knowing, not alarming. */
    assert_string_equal(json_string_value(json_object_get(finding(f, "commitment", "nooit_meegedaan", 1), "oordeel")),
                        "info");
}

static void test_commitment_dropped_out(void **state)
{
    struct fixture *f = *state;
    const char *only[] = { "jongerenraad", NULL };

    three_sprints(f, "jongerenraad");
    everyone_on_board(f);
    present(f, session(f, 1, "wv1b", "gesloten", NULL, "{}"), only);
    check(f, 0, "2025-04-01");
    assert_string_equal(text_of(f, "commitment", "afgehaakt"),
                        "Sleutelbetrokkene Jongerenraad Molenwijk (informele groep van ongeveer 12 jongeren van 15 tot "
                        "21 jaar) deed mee tot en met sprint 1, maar niet meer in sprint 2 en 3. Vraag na waarom en "
                        "wat nodig is om terug te komen.");
}

static void test_commitment_stances(void **state)
{
    struct fixture *f = *state;
    json_t *list, *e;
    size_t i;

    three_sprints(f, NULL);
    check(f, 0, "2025-04-01");
    /* At the start four key stakeholders are disappointed; the casus says what was asked of them. */
    assert_int_equal(count(f, "commitment", "houding"), 4);
    assert_string_equal(text_of(f, "commitment", "houding"),
                        "Sleutelbetrokkene Dennis Brouwer (jongerenwerker) is teleurgesteld (sinds de start). Eerder "
                        "gevraagd: Werd gevraagd het jongerenhonk aan de Sluisstraat te draaien; het honk sloot in 2022 "
                        "na bezuinigingen, de jongeren voelden zich in de steek gelaten. Ga na wat nodig is om hen aan "
                        "de gezamenlijke opgave te verbinden.");
    assert_int_equal(count(f, "commitment", "glijbaan"), 3);
    assert_int_equal(count(f, "commitment", "houdingen_niet_bijgewerkt"), 1);
    /* A change keeps what it leaves out; a later change in a phase replaces it. */
    stance(f, "corporatie", "positief", NULL, 2);
    stance(f, "corporatie", NULL, "midden", 3);
    stance(f, "corporatie", NULL, "onder", 3);
    list = houding_overzicht(f->t, 0, &f->err);
    json_array_foreach(list, i, e) {
        json_t *fasen = json_object_get(e, "fasen"), *nu = json_object_get(e, "nu");
        if (strcmp(json_string_value(json_object_get(e, "id")), "corporatie") != 0)
            continue;
        assert_int_equal(json_array_size(fasen), 3);
        assert_string_equal(json_string_value(json_object_get(json_array_get(fasen, 0), "houding")), "neutraal");
        assert_string_equal(json_string_value(json_object_get(json_array_get(fasen, 1), "glijbaan")), "boven");
        assert_int_equal(json_integer_value(json_object_get(nu, "fase")), 3);
        assert_string_equal(json_string_value(json_object_get(nu, "houding")), "positief");
        assert_string_equal(json_string_value(json_object_get(nu, "glijbaan")), "onder");
    }
    json_decref(list);
    check(f, 0, "2025-04-01");
    assert_string_equal(json_string_value(json_object_get(finding(f, "commitment", "houding_veranderd", 0), "tekst")),
                        "Woonstichting De Molen (woningcorporatie, eigenaar van 60% van de woningen): van neutraal naar "
                        "positief, op de glijbaan van boven naar onder (sprint 3).");
    /* --sprint 2 sees the stance of phase 2. */
    check(f, 2, "2025-04-01");
    assert_string_equal(json_string_value(json_object_get(finding(f, "commitment", "houding_veranderd", 0), "tekst")),
                        "Woonstichting De Molen (woningcorporatie, eigenaar van 60% van de woningen): van neutraal naar "
                        "positief (sprint 2).");
}

static void test_houding_checks(void **state)
{
    struct fixture *f = *state;
    struct houding_invoer in = { "corporatie", "blij", "boven", 1, 0, HERKOMST_BEGELEIDER, NULL };

    assert_int_equal(houding_add(f->t, &in, NULL, &f->err), -1);
    assert_string_equal(wp_error_first(&f->err), "onbekende houding 'blij'; kies 'teleurgesteld', 'neutraal' of "
                        "'positief'");
    wp_error_clear(&f->err);
    in.houding = "positief";
    in.fase = 0;
    assert_int_equal(houding_add(f->t, &in, NULL, &f->err), -1);
    assert_true(wp_error_contains(&f->err, "er is nog geen sprint gestart; de houding bij de start staat in de casus"));
    wp_error_clear(&f->err);
    in.betrokkene = "corporatei";
    in.fase = 1;
    assert_int_equal(houding_add(f->t, &in, NULL, &f->err), -1);
    assert_true(wp_error_contains(&f->err, "onbekende betrokkene 'corporatei', bedoelde je 'corporatie'?"));
    wp_error_clear(&f->err);
}

/* --- 2. leren van het verleden --------------------------------------------------------- */

static long long sprint4(struct fixture *f)
{
    three_sprints(f, NULL);
    sprint_state(f, 4, "lopend", NULL);
    return session(f, 4, "wv4", "open", NULL, NULL);
}

static void test_verleden_in_orde(void **state)
{
    struct fixture *f = *state;
    long long s = sprint4(f);

    bijdrage(f, s, "anna", "Buitenfitness op het Molenplein dat bewoners samen beheren", "[\"fysiek\", \"sociaal\"]");
    bijdrage(f, s, "bram", "Een vaste avond voetbal met de wijkagent", "[\"sociaal\"]");
    check(f, 0, "2025-04-01");
    expect_status(f, "verleden", "in orde");
    assert_string_equal(text_of(f, "verleden", "interventies"),
                        "De casus noemt 5 eerdere interventies met wat ervan geleerd is (2 mislukt, 2 deels en 1 "
                        "geslaagd). Elke werkvorm kan ze lezen; sprint 1 en 4 beginnen ermee.");
    assert_string_equal(text_of(f, "verleden", "geen_herhaling"),
                        "Geen van de 2 ideeën uit sprint 4 herhaalt een eerdere interventie die mislukte of maar deels "
                        "slaagde.");
    assert_int_equal(count(f, "verleden", "herbruikbaar"), 4);
    assert_int_equal(json_array_size(json_object_get(factor(f, "verleden"), "interventies")), 5);
}

static void test_verleden_repeated_failure(void **state)
{
    struct fixture *f = *state;
    long long s = sprint4(f);
    json_t *b;

    bijdrage(f, s, "anna", "Camera's op het Molenplein die de politie live bekijkt", "[\"crimineel\"]");
    bijdrage(f, s, "bram", "Het jongerenhonk weer openen, met jongeren in het bestuur", "[\"sociaal\"]");
    bijdrage(f, s, "anna", "Een cameraman maakt een film over de wijk", NULL);   /* not a whole word */
    check(f, 0, "2025-04-01");
    expect_status(f, "verleden", "aandacht");
    assert_int_equal(count(f, "verleden", "herhaling"), 2);
    assert_string_equal(text_of(f, "verleden", "herhaling"),
                        "Idee 'Camera's op het Molenplein die de politie live bekijkt' (sprint 4, wv4) lijkt op de "
                        "eerdere interventie 'Cameratoezicht Sluisstraat' (2018-2020), die mislukte (trefwoord "
                        "'camera'). Wat toen geleerd is: De overlast verplaatste zich naar het Molenplein en de "
                        "portieken van de Wiekenflat. Niemand keek live mee, dus beelden hielpen alleen achteraf. "
                        "Ondernemers betaalden mee maar werden niet betrokken bij de evaluatie. Neem die les mee of "
                        "kies een andere aanpak.");
    b = finding(f, "verleden", "herhaling", 1);
    assert_true(strstr(json_string_value(json_object_get(b, "tekst")), "'Jongerenhonk Sluisstraat' (2016-2022), die "
                       "maar deels slaagde (trefwoord 'jongerenhonk')") != NULL);
    assert_string_equal(json_string_value(json_object_get(json_object_get(b, "interventie"), "id")), "jongerenhonk");
    assert_string_equal(json_string_value(json_object_get(json_object_get(b, "interventie"), "uitkomst")), "deels");
    /* Looking at sprints 1 to 3 only, the ideas of sprint 4 are not there yet. */
    check(f, 3, "2025-04-01");
    assert_int_equal(count(f, "verleden", "herhaling"), 0);
}

static void test_verleden_repeat_in_result(void **state)
{
    struct fixture *f = *state;

    three_sprints(f, NULL);
    sprint_state(f, 4, "lopend", NULL);
    session(f, 4, "wv4", "gesloten", NULL, "{\"ideeen\": [{\"id\": \"i1\", \"tekst\": \"Een samenscholingsverbod "
            "rond de school\"}], \"gekozen_ideeen\": [\"Buurtwacht met een app\"]}");
    check(f, 0, "2025-04-01");
    assert_int_equal(count(f, "verleden", "herhaling"), 2);
    assert_true(strstr(text_of(f, "verleden", "herhaling"), "'Samenscholingsverbod Molenplein' (2022), die mislukte") !=
                NULL);
}

static void test_match_word(void **state)
{
    (void)state;
    assert_true(sleutelfactoren_match_word("Camera's bij de Sluisstraat", "camera"));
    assert_true(sleutelfactoren_match_word("meer CAMERA", "camera"));
    assert_false(sleutelfactoren_match_word("camerabewaking", "camera"));
    assert_false(sleutelfactoren_match_word("de cameraman", "camera"));
    assert_false(sleutelfactoren_match_word("fotocamera", "camera"));
    assert_true(sleutelfactoren_match_word("weer surveillance  door\nbewoners", "surveillance door bewoners"));
    assert_false(sleutelfactoren_match_word("surveillance door bewonersgroepen", "surveillance door bewoners"));
    assert_false(sleutelfactoren_match_word("jongerenhonken", "jongerenhonk"));
    assert_true(sleutelfactoren_match_word("het jongerenhonk.", "jongerenhonk"));
    assert_false(sleutelfactoren_match_word("ideeën", "ide"));
    assert_false(sleutelfactoren_match_word("iets", ""));
}

/* --- 3. van praten naar doen -------------------------------------------------------------- */

static long long agree(struct fixture *f, const char *wie, const char *wat, const char *gremium, const char *deadline)
{
    struct afspraak_invoer in = { .wie = wie, .wat = wat, .gremium = gremium, .deadline = deadline,
                                  .herkomst = HERKOMST_BEGELEIDER };
    long long nr = afspraak_add(f->t, &in, NULL, &f->err);

    if (nr <= 0)
        fail_msg("afspraak niet vastgelegd: %s", wp_error_first(&f->err));
    return nr;
}

static void test_doen_in_orde(void **state)
{
    struct fixture *f = *state;
    int was_done;

    three_sprints(f, NULL);
    agree(f, "wijkmanager", "Maandelijkse terugkoppeling aan de bewonersvereniging", "wijkoverleg", "2025-05-01");
    agree(f, "wijkagent", "Vaste spreekuren in buurthuis De Wieken", "wijkteam", "2025-02-01");
    assert_int_equal(afspraak_done(f->t, 2, NULL, "2025-01-28", &was_done, &f->err), 0);
    assert_false(was_done);
    check(f, 0, "2025-04-01");
    expect_status(f, "doen", "in orde");
    assert_string_equal(text_of(f, "doen", "afspraken"),
                        "2 afspraken: 1 klaar, 1 open en op tijd, 0 te laat. Ze lopen via Wijkteam Molenwijk (1) en "
                        "Wijkoverleg Molenwijk (gemeente en bewoners) (1).");
}

static void test_doen_overdue(void **state)
{
    struct fixture *f = *state;
    json_t *b;

    three_sprints(f, NULL);
    agree(f, "wijkmanager", "Maandelijkse terugkoppeling aan de bewonersvereniging", "wijkteam", "2025-03-20");
    check(f, 0, "2025-03-20");
    expect_status(f, "doen", "in orde");   /* due today is not late */
    check(f, 0, "2025-04-01");
    expect_status(f, "doen", "aandacht");
    assert_string_equal(text_of(f, "doen", "afspraak_te_laat"),
                        "Afspraak 1 is 12 dagen over de deadline (2025-03-20): Sandra Koster (wijkmanager Molenwijk) zou "
                        "'Maandelijkse terugkoppeling aan de bewonersvereniging'. Bijsturen in: Wijkteam Molenwijk.");
    b = finding(f, "doen", "afspraak_te_laat", 0);
    assert_string_equal(json_string_value(json_object_get(b, "gremium")), "wijkteam");
    assert_int_equal(json_integer_value(json_object_get(b, "dagen_te_laat")), 12);
    assert_string_equal(text_of(f, "doen", "afspraken"), "1 afspraak: 0 klaar, 0 open en op tijd, 1 te laat. Ze "
                        "lopen via Wijkteam Molenwijk (1).");
}

static void test_doen_loose_and_missing(void **state)
{
    struct fixture *f = *state;

    three_sprints(f, NULL);
    check(f, 0, "2025-04-01");
    assert_string_equal(text_of(f, "doen", "geen_afspraken"),
                        "Er zijn nog geen afspraken vastgelegd, terwijl er al 3 sprint(s) gesloten zijn. Leg vast wie "
                        "wat doet, in welk gremium en wanneer ('werkplaats afspraak nieuw'), anders blijft het bij "
                        "praten.");
    agree(f, "wijkagent", "Drie keer per week te voet door de Sluisstraat", NULL, "2025-01-01");
    check(f, 0, "2025-04-01");
    assert_string_equal(text_of(f, "doen", "afspraak_te_laat"),
                        "Afspraak 1 is 90 dagen over de deadline (2025-01-01): Mohamed El Idrissi (wijkagent) zou 'Drie "
                        "keer per week te voet door de Sluisstraat'. Bijsturen: spreek Mohamed El Idrissi er direct op "
                        "aan; de afspraak hangt aan geen gremium.");
    assert_int_equal(count(f, "doen", "afspraak_zonder_gremium"), 1);
    assert_int_equal(count(f, "doen", "afspraak_zonder_deadline"), 0);
}

static void test_afspraak_register(void **state)
{
    struct fixture *f = *state;
    struct afspraak_invoer in = { .wie = "wijkagnt", .wat = " ", .gremium = "wijkteem", .deadline = "2025-02-30",
                                  .herkomst = HERKOMST_BEGELEIDER };
    json_t *list, *bad;
    int was_done;

    assert_int_equal(afspraak_add(f->t, &in, NULL, &f->err), -1);
    assert_int_equal(f->err.count, 4);
    assert_string_equal(f->err.messages[0], "onbekende betrokkene 'wijkagnt', bedoelde je 'wijkagent'?; gebruik de id "
                        "van een betrokkene uit de casus");
    assert_string_equal(f->err.messages[1], "een afspraak ('wat') heeft een tekst nodig");
    assert_string_equal(f->err.messages[2], "onbekend gremium 'wijkteem', bedoelde je 'wijkteam'?; de casus kent "
                        "'driehoek', 'wijkteam', 'wijkoverleg', 'ondernemersoverleg' of 'college'");
    assert_string_equal(f->err.messages[3], "deadline '2025-02-30' is geen geldige datum (JJJJ-MM-DD)");
    wp_error_clear(&f->err);
    /* The same bron twice (a draaiboek replayed) stores once; a label names one agreement. */
    in = (struct afspraak_invoer){ .ref = "licht-b", .wie = "corporatie", .wat = "Verlichting blok B",
                                   .gremium = "wijkoverleg", .deadline = "2025-06-01",
                                   .herkomst = HERKOMST_DRAAIBOEK, .bron = "d.yaml:10:7" };
    assert_int_equal(afspraak_add(f->t, &in, NULL, &f->err), 1);
    assert_int_equal(afspraak_add(f->t, &in, NULL, &f->err), 0);
    in.bron = "d.yaml:20:7";
    assert_int_equal(afspraak_add(f->t, &in, NULL, &f->err), -1);
    assert_string_equal(wp_error_first(&f->err), "d.yaml:20:7: er is al een afspraak met id 'licht-b' (nummer 1); "
                        "kies een ander id");
    wp_error_clear(&f->err);
    assert_int_equal(afspraak_done(f->t, 0, "licht-b", "2025-05-20", &was_done, &f->err), 0);
    assert_int_equal(afspraak_done(f->t, 1, NULL, NULL, &was_done, &f->err), 0);
    assert_true(was_done);
    assert_int_equal(afspraak_done(f->t, 7, NULL, NULL, &was_done, &f->err), -1);
    assert_string_equal(wp_error_first(&f->err), "er is geen afspraak 7 (zie 'werkplaats afspraak lijst')");
    wp_error_clear(&f->err);
    list = afspraak_list(f->t, 0, "2025-07-01", 0, &f->err);
    assert_int_equal(json_array_size(list), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "afgerond")), "2025-05-20");
    assert_false(json_is_true(json_object_get(json_array_get(list, 0), "te_laat")));
    json_decref(list);
    /* A werkvorm's result: every problem named with the werkvorm and the entry. */
    bad = json_loads("[{\"wie\": \"wijkagent\", \"wat\": \"x\", \"wanneer\": \"morgen\"}, {\"wie\": 3}]", 0, NULL);
    assert_int_equal(afspraak_check_result(f->t, bad, "bril", &f->err), -1);
    assert_string_equal(f->err.messages[0], "werkvorm 'bril', afspraak 1: onbekend veld 'wanneer' in een afspraak; "
                        "kies uit 'wie', 'wat', 'gremium', 'deadline' of 'interventie'");
    assert_string_equal(f->err.messages[1], "werkvorm 'bril', afspraak 2: 'wie' moet tekst zijn");
    json_decref(bad);
    wp_error_clear(&f->err);
}

/* --- 4. vier omgevingen en koppelvlakken -------------------------------------------------- */

static void test_omgevingen_in_orde(void **state)
{
    struct fixture *f = *state;
    long long s, edited, removed;
    json_t *k, *o, *matrix;

    three_sprints(f, NULL);
    s = session(f, 2, "wv2b", "gesloten", NULL, "{}");
    bijdrage(f, s, "anna", "Buitenfitness dat bewoners samen gebruiken", "[\"fysiek\", \"sociaal\"]");
    bijdrage(f, s, "anna", "Samen de speeltuin opknappen", "[\"sociaal\", \"fysiek\"]");
    bijdrage(f, s, "bram", "De wijkagent kent niemand", "[\"institutioneel\"]");
    edited = bijdrage(f, s, "anna", "Dealers in het portiek", "[\"fysiek\"]");
    fact(f, s, "wijziging", NULL, NULL, NULL, "[\"crimineel\"]", edited);
    removed = bijdrage(f, s, "anna", "Per ongeluk", "[\"fysiek\", \"crimineel\"]");
    fact(f, s, "verwijdering", NULL, NULL, NULL, NULL, removed);
    check(f, 0, "2025-04-01");
    expect_status(f, "omgevingen", "in orde");
    assert_string_equal(text_of(f, "omgevingen", "omgevingen_bekeken"),
                        "Alle 4 omgevingen kwamen aan bod (bijdragen per omgeving): sociaal (2), fysiek (2), "
                        "institutioneel (1) en crimineel (1).");
    assert_int_equal(count(f, "omgevingen", "koppelvlak"), 1);
    assert_string_equal(text_of(f, "omgevingen", "koppelvlak"),
                        "Koppelvlak sociaal en fysiek: 2 bijdragen, zoals 'Buitenfitness dat bewoners samen "
                        "gebruiken'.");
    k = json_array_get(json_object_get(factor(f, "omgevingen"), "koppelvlakken"), 0);
    assert_int_equal(json_integer_value(json_object_get(k, "aantal")), 2);
    matrix = json_object_get(json_object_get(factor(f, "omgevingen"), "matrix"), "aantallen");
    assert_int_equal(json_integer_value(json_array_get(json_array_get(matrix, 0), 1)), 2);
    assert_int_equal(json_integer_value(json_array_get(json_array_get(matrix, 3), 3)), 1);
    /* The casus figures stand beside what residents said. */
    o = json_array_get(json_object_get(factor(f, "omgevingen"), "omgevingen"), 3);
    assert_string_equal(json_string_value(json_object_get(o, "omgeving")), "crimineel");
    assert_int_equal(json_array_size(json_object_get(o, "indicatoren")), 4);
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(o, "indicatoren"), 0), "tekst")),
                        "Woninginbraken: 9,8 per 1.000 woningen (2024; was 6,1 per 1.000 woningen in 2020; "
                        "streefwaarde 5 per 1.000 woningen). Bron: Politie.");
    assert_string_equal(json_string_value(json_array_get(json_object_get(o, "bewoners"), 0)), "Dealers in het portiek");
}

static void test_omgevingen_never_covered(void **state)
{
    struct fixture *f = *state;
    long long s;

    three_sprints(f, NULL);
    s = session(f, 2, "wv2b", "gesloten", NULL, "{}");
    bijdrage(f, s, "anna", "Te weinig licht", "[\"fysiek\"]");
    bijdrage(f, s, "anna", "Niemand groet elkaar", "[\"sociaal\"]");
    bijdrage(f, s, "bram", "Het jongerenwerk is weg", "[\"institutioneel\"]");
    check(f, 0, "2025-04-01");
    expect_status(f, "omgevingen", "aandacht");
    assert_int_equal(count(f, "omgevingen", "omgeving_niet_bekeken"), 1);
    assert_string_equal(text_of(f, "omgevingen", "omgeving_niet_bekeken"),
                        "Nog geen enkele sprint keek naar de omgeving 'crimineel': geen bijdrage is ermee gemerkt. "
                        "Kijk er in de volgende sprint bewust naar, met de cijfers uit de casus ernaast.");
    assert_string_equal(text_of(f, "omgevingen", "geen_koppelvlakken"),
                        "Nog geen bijdrage raakt twee of meer omgevingen. Zoek de koppelvlakken: daar zitten de knoppen "
                        "om aan te draaien (een fysieke ingreep die ook de sociale samenhang versterkt).");
    assert_string_equal(json_string_value(json_object_get(finding(f, "omgevingen", "sprint_zonder_omgevingen", 1),
                                                          "tekst")),
                        "Sprint 2 keek niet naar de omgeving crimineel.");
}

/* The check reads the gevoelig mark and a session's result keys through SQL
 * (json_type, json_each) instead of parsing them itself: only a JSON true
 * marks a contribution sensitive, data that is not JSON marks nothing, and a
 * result that is not a JSON object delivers nothing. */
static void test_omgevingen_sensitive_marks(void **state)
{
    struct fixture *f = *state;
    long long s, a, b, c, d;
    json_t *k, *o;

    three_sprints(f, NULL);
    s = session(f, 2, "wv2b", "gesloten", NULL, "{}");
    sprint_state(f, 3, "lopend", NULL);
    session(f, 3, "wv3c", "gesloten", NULL, "niet: json");
    session(f, 3, "wv3d", "gesloten", NULL, "[\"wijkwensen\"]");
    session(f, 3, "wv3e", "gesloten", NULL, "{\"besluiten\": [], \"klantreis\": {}}");
    a = bijdrage(f, s, "anna", "Geheim over de buren", "[\"fysiek\", \"sociaal\"]");
    b = bijdrage(f, s, "anna", "Een een is geen ja", "[\"fysiek\", \"sociaal\"]");
    c = bijdrage(f, s, "anna", "Kapotte data", "[\"fysiek\", \"sociaal\"]");
    d = bijdrage(f, s, "anna", "Een lijst is geen teken", "[\"fysiek\"]");
    sql(f, sqlite3_mprintf("UPDATE feit SET ref = 'geheim', data = '{\"gevoelig\": true}' WHERE id = %lld", a));
    sql(f, sqlite3_mprintf("UPDATE feit SET data = '{\"gevoelig\": 1}' WHERE id = %lld", b));
    sql(f, sqlite3_mprintf("UPDATE feit SET data = '{\"gevoelig\": tr' WHERE id = %lld", c));
    sql(f, sqlite3_mprintf("UPDATE feit SET data = '[{\"gevoelig\": true}]' WHERE id = %lld", d));
    check(f, 0, "2025-04-01");
    k = json_array_get(json_object_get(factor(f, "omgevingen"), "koppelvlakken"), 0);
    assert_int_equal(json_integer_value(json_object_get(k, "aantal")), 3);
    assert_string_equal(json_string_value(json_array_get(json_object_get(k, "voorbeelden"), 0)),
                        "bijdrage geheim (gevoelig)");
    assert_string_equal(json_string_value(json_array_get(json_object_get(k, "voorbeelden"), 1)), "Een een is geen ja");
    assert_string_equal(json_string_value(json_array_get(json_object_get(k, "voorbeelden"), 2)), "Kapotte data");
    /* Residents' findings skip what is sensitive, the most recent first. */
    o = json_array_get(json_object_get(factor(f, "omgevingen"), "omgevingen"), 1);
    assert_string_equal(json_string_value(json_object_get(o, "omgeving")), "fysiek");
    assert_int_equal(json_array_size(json_object_get(o, "bewoners")), 3);
    assert_string_equal(json_string_value(json_array_get(json_object_get(o, "bewoners"), 0)),
                        "Een lijst is geen teken");
    assert_string_equal(json_string_value(json_array_get(json_object_get(o, "bewoners"), 2)), "Een een is geen ja");
    /* Only the object delivered: not the broken result, not the list naming wijkwensen. */
    assert_string_equal(text_of(f, "resultaat", "sprint_loopt"),
                        "Sprint 3 (Wijkwens(en)) loopt. Nog op te leveren: wijkwensen.");
}

/* --- 5. werkvormen ----------------------------------------------------------------------- */

static void test_werkvormen_in_orde(void **state)
{
    struct fixture *f = *state;
    const char *policy[] = { "beleid-veiligheid", "beleid-sociaal", "wethouder", NULL };
    struct planning_invoer plan = { 5, "bordspel", NULL, 10, NULL, NULL };

    sprint_state(f, 1, "lopend", NULL);
    present(f, session(f, 1, "socrates", "open", NULL, NULL), policy);
    assert_true(planning_add(f->t, &plan, &f->err) > 0);
    check(f, 0, "2025-04-01");
    expect_status(f, "werkvormen", "in orde");
    assert_string_equal(text_of(f, "werkvormen", "werkvormen_passen"),
                        "2 van de 2 getoetste werkvormen (gehouden en gepland) passen bij hun groepsgrootte en "
                        "deelnemers.");
}

static void test_werkvormen_do_not_fit(void **state)
{
    struct fixture *f = *state;
    const char *two[] = { "beleid-veiligheid", "anna", NULL };
    const char *groepen[] = { "bewoners", "jongeren", NULL };
    struct planning_invoer plan = { 5, "bordspel", "bordspel-groot", 20, groepen, "2025-06-12" };
    json_t *plans;

    sprint_state(f, 1, "lopend", NULL);
    present(f, session(f, 1, "socrates", "open", NULL, NULL), two);
    assert_true(planning_add(f->t, &plan, &f->err) > 0);
    check(f, 0, "2025-04-01");
    expect_status(f, "werkvormen", "aandacht");
    assert_string_equal(text_of(f, "werkvormen", "groep_te_klein"),
                        "Werkvorm 'Onderzoek en praat als Socrates' (sprint 1) had 2 deelnemer(s); de werkvorm is "
                        "bedoeld voor 3 tot en met 12 personen. Met te weinig mensen komen te weinig perspectieven op "
                        "tafel.");
    assert_string_equal(text_of(f, "werkvormen", "deelnemers_passen_niet"),
                        "Werkvorm 'Onderzoek en praat als Socrates' (sprint 1) is bedoeld voor beleidsambtenaren, maar "
                        "er deden ook bewoners (1) mee. Past de werkvorm bij wie er komt, of is er een die beter past?");
    assert_string_equal(text_of(f, "werkvormen", "groep_te_groot"),
                        "Werkvorm 'Scenario's in een bordspel', gepland in sprint 5, label bordspel-groot, verwacht 20 "
                        "deelnemers; de werkvorm is bedoeld voor 4 tot en met 12 personen. Splits de groep of kies een "
                        "werkvorm voor grotere groepen.");
    /* Planning the same label again replaces the plan. */
    plan.aantal = 8;
    assert_true(planning_add(f->t, &plan, &f->err) > 0);
    plans = planning_list(f->t, 0, &f->err);
    assert_int_equal(json_array_size(plans), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(plans, 0), "aantal")), 8);
    json_decref(plans);
    check(f, 0, "2025-04-01");
    assert_int_equal(count(f, "werkvormen", "groep_te_groot"), 0);
    /* A planned werkvorm of another sprint. */
    plan.sprint = 6;
    plan.label = NULL;
    assert_true(planning_add(f->t, &plan, &f->err) > 0);
    check(f, 0, "2025-04-01");
    assert_string_equal(text_of(f, "werkvormen", "verkeerde_sprint"),
                        "Werkvorm 'Scenario's in een bordspel', gepland in sprint 6, hoort bij sprint 5.");
}

/* --- 6. een concreet resultaat per sprint -------------------------------------------------- */

static void test_resultaat_in_orde(void **state)
{
    struct fixture *f = *state;

    sprint_state(f, 1, "gesloten", "{\"situatie\": \"x\", \"hoofdvraag\": \"y\", \"glijbaan\": [1]}");
    session(f, 1, "wv1", "gesloten", NULL, "{\"situatie\": \"x\", \"hoofdvraag\": \"y\", \"glijbaan\": [1]}");
    sprint_state(f, 2, "lopend", NULL);
    session(f, 2, "wv2", "gesloten", "[\"hoofdvraag\", \"glijbaan\"]", "{\"pijnen\": [\"p\"]}");
    check(f, 0, "2025-04-01");
    expect_status(f, "resultaat", "in orde");
    assert_string_equal(text_of(f, "resultaat", "sprint_geleverd"),
                        "Sprint 1 (Zien en voelen) leverde situatie, hoofdvraag en glijbaan; daarop bouwden voort: wv2 "
                        "(sprint 2).");
    assert_string_equal(text_of(f, "resultaat", "sprint_loopt"),
                        "Sprint 2 (Dit is er aan de hand) loopt. Nog op te leveren: winsten en diagnose.");
}

static void test_resultaat_not_used(void **state)
{
    struct fixture *f = *state;

    sprint_state(f, 1, "gesloten", "{\"situatie\": \"\", \"hoofdvraag\": \"y\", \"glijbaan\": [1]}");
    session(f, 1, "wv1", "gesloten", NULL, "{}");
    sprint_state(f, 2, "lopend", NULL);
    session(f, 2, "wv2", "gesloten", "[]", "{\"pijnen\": [\"p\"]}");
    check(f, 0, "2025-04-01");
    expect_status(f, "resultaat", "aandacht");
    assert_string_equal(text_of(f, "resultaat", "resultaat_niet_gebruikt"),
                        "Sprint 1 (Zien en voelen) leverde situatie, hoofdvraag en glijbaan, maar geen latere werkvorm "
                        "bouwde daarop voort. Het resultaat van een sprint is de invoer van de volgende; kies "
                        "werkvormen die het gebruiken.");
    assert_string_equal(text_of(f, "resultaat", "resultaat_leeg"),
                        "Resultaat 'situatie' van sprint 1 (Zien en voelen) is leeg: de sprint leverde op dit punt "
                        "niets concreets op voor de volgende.");
}

/* --- reflections and the model as a whole ------------------------------------------------- */

static void test_reflecties(void **state)
{
    struct fixture *f = *state;
    json_t *r;

    assert_int_equal(reflectie_set(f->t, 1, "doen", "x", "test", &f->err), -1);
    assert_string_equal(wp_error_first(&f->err), "test: sprint 1 is nog niet gestart; een reflectie hoort bij een "
                        "sprint die loopt of gesloten is");
    wp_error_clear(&f->err);
    sprint_state(f, 1, "lopend", NULL);
    assert_int_equal(reflectie_set(f->t, 1, "doem", "x", "test", &f->err), -1);
    assert_string_equal(wp_error_first(&f->err), "test: onbekende sleutelfactor 'doem', bedoelde je 'doen'?; kies "
                        "'commitment', 'verleden', 'doen', 'omgevingen', 'werkvormen' of 'resultaat'");
    wp_error_clear(&f->err);
    assert_int_equal(reflectie_set(f->t, 1, "doen", "Eerste versie", "test", &f->err), 0);
    assert_int_equal(reflectie_set(f->t, 1, "doen", "De wijkagent pakte drie afspraken op.", "test", &f->err), 0);
    assert_int_equal(reflectie_set(f->t, 1, "commitment", "De corporatie kwam niet.", "test", &f->err), 0);
    check(f, 0, "2025-04-01");
    r = json_object_get(factor(f, "doen"), "reflecties");
    assert_int_equal(json_array_size(r), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(r, 0), "tekst")),
                        "De wijkagent pakte drie afspraken op.");
    assert_int_equal(json_array_size(json_object_get(factor(f, "commitment"), "reflecties")), 1);
}

/* --- one load, checks at several cut-offs (the report) ------------------------------------ */

/* The report reads the traject once and cuts it at every started sprint;
 * each cut must be exactly the check that reads only sprints 1..tot, in
 * any order of asking (the comparison of ideas is shared between cuts). */
static void test_check_tot_equals_check(void **state)
{
    struct fixture *f = *state;
    struct sleutelfactoren_opties o = { 0, "2025-04-01", kaart, NULL };
    const int order[] = { 7, 3, 4, 0, 1, 2, 5, 6, 4, 7 };
    struct sleutelfactoren_data *d;
    long long s1, s4;

    three_sprints(f, NULL);
    s1 = session(f, 1, "socrates", "gesloten", NULL, "{\"ideeen\": [\"Camera's bij de school\"]}");
    bijdrage(f, s1, "anna", "Het plein is 's avonds donker", "[\"fysiek\"]");
    bijdrage(f, s1, "bram", "Geen plek om te voetballen", "[\"sociaal\"]");
    sprint_state(f, 4, "lopend", NULL);
    s4 = session(f, 4, "wv4", "open", NULL, NULL);
    bijdrage(f, s4, "anna", "Camera's op het Molenplein die de politie live bekijkt", "[\"crimineel\"]");
    bijdrage(f, s4, "bram", "Het jongerenhonk weer openen, met jongeren in het bestuur", "[\"sociaal\"]");
    session(f, 4, "wv4b", "gesloten", NULL, "{\"gekozen_ideeen\": [\"Buurtwacht met een app\"]}");
    session(f, 5, "bordspel", "open", "[\"ideeen\"]", NULL);   /* planned in a sprint that has not started */
    d = sleutelfactoren_load(f->t, &o, &f->err);
    assert_non_null(d);
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        json_t *cut = sleutelfactoren_check_tot(d, order[i], &f->err);
        check(f, order[i], "2025-04-01");
        assert_non_null(cut);
        if (!json_equal(cut, f->model)) {
            char *a = json_dumps(cut, JSON_INDENT(1)), *b = json_dumps(f->model, JSON_INDENT(1));
            fail_msg("tot %d: uit één keer laden\n%s\nlos\n%s", order[i], a, b);
        }
        /* The cuts see different things: sprint 4's three repeats (two
         * contributions, one result) from tot 4 on; 0 is up to the running sprint. */
        assert_int_equal(count_in(cut, "verleden", "herhaling"), order[i] == 0 || order[i] >= 4 ? 3 : 0);
        json_decref(cut);
    }
    sleutelfactoren_free(d);
}

static void test_model_shape(void **state)
{
    struct fixture *f = *state;
    json_t *fs, *x;
    size_t i;
    const char *ids[] = { "commitment", "verleden", "doen", "omgevingen", "werkvormen", "resultaat" };

    check(f, 0, "2025-04-01");
    assert_string_equal(json_string_value(json_object_get(f->model, "casus")), "molenwijk");
    assert_int_equal(json_integer_value(json_object_get(f->model, "tot_en_met_sprint")), 1);
    fs = json_object_get(f->model, "factoren");
    assert_int_equal(json_array_size(fs), 6);
    json_array_foreach(fs, i, x) {
        assert_string_equal(json_string_value(json_object_get(x, "id")), ids[i]);
        assert_true(json_array_size(json_object_get(x, "bevindingen")) > 0);
        assert_non_null(json_object_get(x, "reflecties"));
    }
    assert_int_equal(json_integer_value(json_object_get(f->model, "in_orde")) +
                     json_integer_value(json_object_get(f->model, "aandacht")), 6);
}

/* --- the stored check (sleutelfactoren_stand) ------------------------------------------- */

static json_t *stand(struct fixture *f, const char *vandaag, const char *kaarten, int kern)
{
    struct sleutelfactoren_opties o = { 0, vandaag, kaart, NULL };
    json_t *m = sleutelfactoren_stand(f->t, &o, kaarten, kern, &f->err);

    if (m == NULL)
        fail_msg("stand mislukt: %s", wp_error_first(&f->err));
    return m;
}

/* Marks every stored check, so a test can tell a stored check from a new one. */
static void mark_stored(struct fixture *f)
{
    sql(f, sqlite3_mprintf("UPDATE sleutelfactoren_stand SET model = json_set(model, '$.casus', 'bewaard'), "
                           "kern = json_set(kern, '$.casus', 'bewaard')"));
}

static const char *casus_of(json_t *m)
{
    return json_string_value(json_object_get(m, "casus"));
}

/* A small traject with something in every factor. */
static void some_traject(struct fixture *f)
{
    three_sprints(f, NULL);
    bijdrage(f, session(f, 4, "wv4", "gesloten", NULL, "{\"ideeen\": [\"camera's op het plein\"]}"), "anna",
             "Camera's op het Molenplein", "[\"fysiek\"]");
    sprint_state(f, 4, "lopend", NULL);
    agree(f, "wijkagent", "Spreekuur", "wijkteam", "2025-03-01");
    approve(f, "wijkmanager", "2025-02-01");
}

static void test_stand_is_the_check(void **state)
{
    struct fixture *f = *state;
    json_t *first, *again;

    some_traject(f);
    first = stand(f, "2025-04-01", "k", 0);
    assert_true(json_equal(first, check(f, 0, "2025-04-01")));
    assert_int_equal(store_query_int(f->store, "SELECT count(*) FROM sleutelfactoren_stand", -1, &f->err), 1);
    /* Nothing changed: the stored check is read back, not computed again. */
    mark_stored(f);
    again = stand(f, "2025-04-01", "k", 0);
    assert_string_equal(casus_of(again), "bewaard");
    json_decref(first);
    json_decref(again);
}

/* Every kind of change makes the stored check void, whichever table it
 * touches and whoever writes it (here plain SQL, as another program would). */
static void test_stand_follows_every_change(void **state)
{
    struct fixture *f = *state;
    const char *changes[] = {
        ("INSERT INTO feit (sessie, volgnr, soort, stap, deelnemer, ref, tekst, tijd) VALUES "
         " (1, 99, 'bijdrage', 'stap', 'anna', 'x1', 'Meer licht', '2025-01-01T10:30:00.000Z')"),
        "UPDATE feit SET tekst = 'Meer licht in de Sluisstraat' WHERE ref = 'x1'",
        /* The newest fact gone, then a new one that takes its id. */
        "DELETE FROM feit WHERE ref = 'x1'",
        ("INSERT INTO feit (sessie, volgnr, soort, stap, deelnemer, ref, tekst, tijd) VALUES "
         " (1, 99, 'bijdrage', 'stap', 'anna', 'x2', 'Bankjes', '2025-01-01T10:31:00.000Z')"),
        "DELETE FROM aanwezig WHERE deelnemer = 'wethouder'",
        "UPDATE deelnemer SET groep = 'jongeren' WHERE id = 'anna'",
        "UPDATE sessie SET status = 'open' WHERE werkvorm = 'wv4'",
        "UPDATE sprint SET status = 'gesloten', resultaat = '{}' WHERE nr = 4",
        "INSERT INTO reflectie (sprint, factor, tekst, bron, tijd) VALUES (1, 'doen', 'Goed', 'test', '2025-01-01')",
        "UPDATE afspraak SET status = 'klaar', afgerond = '2025-02-01'",
        "DELETE FROM goedkeuring",
        "UPDATE traject SET casus_bestand = 'elders.yaml'",
    };

    some_traject(f);
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        json_t *m;
        json_decref(stand(f, "2025-04-01", "k", 0));
        mark_stored(f);
        sql(f, sqlite3_mprintf("%s", changes[i]));
        m = stand(f, "2025-04-01", "k", 0);
        if (strcmp(casus_of(m), "molenwijk") != 0)
            fail_msg("na '%s' gaf de opslag nog de oude controle", changes[i]);
        assert_true(json_equal(m, check(f, 0, "2025-04-01")));
        /* The check of before the change no longer counts, and is gone. */
        assert_int_equal(store_query_int(f->store, "SELECT count(*) FROM sleutelfactoren_stand", -1, &f->err), 1);
        json_decref(m);
    }
}

/* A stored check counts only for the same date and the same cards. */
static void test_stand_key(void **state)
{
    struct fixture *f = *state;
    json_t *m;

    some_traject(f);
    json_decref(stand(f, "2025-04-01", "k", 0));
    mark_stored(f);
    m = stand(f, "2025-04-02", "k", 0);
    assert_string_equal(casus_of(m), "molenwijk");
    json_decref(m);
    mark_stored(f);
    m = stand(f, "2025-04-02", "andere-kaarten", 0);
    assert_string_equal(casus_of(m), "molenwijk");
    json_decref(m);
    m = stand(f, "2025-04-02", "k", 1);
    assert_string_equal(casus_of(m), "bewaard");
    json_decref(m);
    /* Two kinds of cards on one day are kept side by side; yesterday's is gone. */
    assert_int_equal(store_query_int(f->store, "SELECT count(*) FROM sleutelfactoren_stand WHERE vandaag = "
                                     "'2025-04-02'", -1, &f->err), 2);
    assert_int_equal(store_query_int(f->store, "SELECT count(*) FROM sleutelfactoren_stand", -1, &f->err), 2);
}

/* While another process writes, the check is computed and not stored, at once. */
static void test_stand_busy_database(void **state)
{
    struct fixture *f = *state;
    sqlite3 *other;
    json_t *m;

    some_traject(f);
    assert_int_equal(sqlite3_open(store_path(f->store), &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    m = stand(f, "2025-04-01", "k", 0);
    assert_true(json_equal(m, check(f, 0, "2025-04-01")));
    assert_false(wp_error_failed(&f->err));
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    assert_int_equal(store_query_int(f->store, "SELECT count(*) FROM sleutelfactoren_stand", -1, &f->err), 0);
    json_decref(m);
}

/* The kern keeps the first few bevindingen of each soort with their number,
 * and each werkvorm that used a sprint once, with how many sessions. */
static void test_kern(void **state)
{
    json_t *model = json_pack("{s:s, s:[{s:s, s:s, s:s, s:[], s:[{s:i, s:s, s:[]}]}]}", "casus", "molenwijk",
                              "factoren", "id", "resultaat", "naam", "Concreet resultaat", "status", "aandacht",
                              "bevindingen", "sprints", "nr", 1, "status", "gesloten", "gebruikt_door");
    json_t *f = json_array_get(json_object_get(model, "factoren"), 0), *kern, *k, *users;

    (void)state;
    for (int i = 0; i < SLEUTELFACTOREN_KERN_PER_SOORT + 2; i++)
        json_array_append_new(json_object_get(f, "bevindingen"),
                              json_pack("{s:s, s:s, s:i}", "soort", "resultaat_leeg", "oordeel", "aandacht", "nr", i));
    json_array_append_new(json_object_get(f, "bevindingen"),
                          json_pack("{s:s, s:s}", "soort", "sprint_geleverd", "oordeel", "in orde"));
    users = json_object_get(json_array_get(json_object_get(f, "sprints"), 0), "gebruikt_door");
    for (int i = 0; i < 3; i++)
        json_array_append_new(users, json_pack("{s:i, s:s, s:s, s:[s]}", "sprint", 2, "werkvorm", "wv2", "naam",
                                               "Werkvorm twee", "sleutels", "x"));
    json_array_append_new(users, json_pack("{s:i, s:s, s:s, s:[s]}", "sprint", 2, "werkvorm", "wv2", "naam",
                                           "Werkvorm twee", "sleutels", "y"));
    kern = sleutelfactoren_kern(model);
    k = json_array_get(json_object_get(kern, "factoren"), 0);
    assert_string_equal(json_string_value(json_object_get(kern, "casus")), "molenwijk");
    assert_string_equal(json_string_value(json_object_get(k, "status")), "aandacht");
    assert_int_equal(json_array_size(json_object_get(k, "bevindingen")), SLEUTELFACTOREN_KERN_PER_SOORT + 1);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(k, "aantallen"), "resultaat_leeg")),
                     SLEUTELFACTOREN_KERN_PER_SOORT + 2);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(k, "aantallen"), "sprint_geleverd")), 1);
    users = json_object_get(json_array_get(json_object_get(k, "sprints"), 0), "gebruikt_door");
    assert_int_equal(json_array_size(users), 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(users, 0), "keer")), 3);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(users, 1), "keer")), 1);
    json_decref(kern);
    json_decref(model);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_commitment_in_orde, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commitment_approval_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commitment_never_took_part, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commitment_dropped_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commitment_stances, setup, teardown),
        cmocka_unit_test_setup_teardown(test_houding_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verleden_in_orde, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verleden_repeated_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verleden_repeat_in_result, setup, teardown),
        cmocka_unit_test(test_match_word),
        cmocka_unit_test_setup_teardown(test_doen_in_orde, setup, teardown),
        cmocka_unit_test_setup_teardown(test_doen_overdue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_doen_loose_and_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_afspraak_register, setup, teardown),
        cmocka_unit_test_setup_teardown(test_omgevingen_in_orde, setup, teardown),
        cmocka_unit_test_setup_teardown(test_omgevingen_never_covered, setup, teardown),
        cmocka_unit_test_setup_teardown(test_omgevingen_sensitive_marks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_werkvormen_in_orde, setup, teardown),
        cmocka_unit_test_setup_teardown(test_werkvormen_do_not_fit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resultaat_in_orde, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resultaat_not_used, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reflecties, setup, teardown),
        cmocka_unit_test_setup_teardown(test_model_shape, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stand_is_the_check, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stand_follows_every_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stand_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stand_busy_database, setup, teardown),
        cmocka_unit_test(test_kern),
        cmocka_unit_test_setup_teardown(test_check_tot_equals_check, setup, teardown),
    };

    return cmocka_run_group_tests_name("sleutelfactoren", tests, load_methode, free_methode);
}
