/*
 * test_traject.c: every gate and refusal of the sprint lifecycle. Sessions
 * and their results are written with SQL here, the way the session module
 * writes them, so the lifecycle is tested on its own.
 */
#include "wp_test.h"

#include "werkplaats/traject.h"
#include "wp_methode.h"

struct fixture {
    char *dir;
    char db[4096];
    struct store *store;
    struct traject *t;
    wp_error err;
    int sessions;        /* for unique labels */
};

static struct traject *open_traject(struct fixture *f)
{
    f->store = store_open(f->db, STORE_EXISTING, &f->err);
    assert_non_null(f->store);
    f->t = traject_open(f->store, methode, &f->err);
    if (f->t == NULL)
        wp_print_messages(&f->err);
    assert_non_null(f->t);
    return f->t;
}

static void close_traject(struct fixture *f)
{
    traject_free(f->t);
    f->t = NULL;
    store_close(f->store);
    f->store = NULL;
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct store *s;

    if (f == NULL)
        return -1;
    f->dir = wp_tmpdir();
    wp_join(f->db, sizeof f->db, f->dir, "werkplaats.db");
    s = store_open(f->db, STORE_CREATE, &f->err);
    if (s == NULL || traject_create(s, methode, wp_src("casus/molenwijk.yaml"), 4242, &f->err) != 0) {
        wp_print_messages(&f->err);
        store_close(s);
        return -1;
    }
    store_close(s);
    open_traject(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    close_traject(f);
    wp_error_clear(&f->err);
    wp_rmtree(f->dir);
    free(f);
    return 0;
}

/* A werkvorm session of sprint nr with a result (JSON text, may be NULL). A
 * closed one gets the closing time `gesloten`, which orders the merge. */
static void add_session(struct fixture *f, int nr, const char *werkvorm, int closed, const char *resultaat,
                        const char *gesloten)
{
    /* levert as the engine records it: the card's keys, which its result holds. */
    static const char *const sql =
        "INSERT INTO sessie (sprint, label, werkvorm, versie, zaad, geopend, status, gesloten, resultaat, levert) "
        "VALUES (?1, ?2, ?3, '1.0', 1, '2026-01-05T09:00:00.000Z', ?4, ?5, ?6, "
        "CASE WHEN json_valid(?6) THEN (SELECT json_group_array(key) FROM json_each(?6)) ELSE '[]' END)";
    sqlite3_stmt *st = store_stmt(f->store, sql, &f->err);
    char label[64];

    assert_non_null(st);
    snprintf(label, sizeof label, "%s-%d", werkvorm, ++f->sessions);
    sqlite3_bind_int(st, 1, nr);
    store_bind_text(st, 2, label);
    store_bind_text(st, 3, werkvorm);
    store_bind_text(st, 4, closed ? "gesloten" : "open");
    store_bind_text(st, 5, closed ? gesloten : NULL);
    store_bind_text(st, 6, resultaat);
    assert_int_equal(store_step_done(f->store, st, "sessie", &f->err), 0);
}

/* A closed session that delivers every result key of sprint nr. */
static void deliver_all(struct fixture *f, int nr)
{
    const struct methode_sprint *ms = methode_sprint(methode, nr);
    json_t *r = json_object();
    char *text;

    for (size_t i = 0; i < ms->n_levert; i++)
        json_object_set_new(r, ms->levert[i], json_sprintf("%s uit sprint %d", ms->levert[i], nr));
    text = json_dumps(r, JSON_COMPACT | JSON_SORT_KEYS);
    add_session(f, nr, "alles", 1, text, "2026-01-05T10:00:00.000Z");
    free(text);
    json_decref(r);
}

static void start_ok(struct fixture *f, int nr)
{
    if (traject_start_sprint(f->t, nr, &f->err) != 0)
        wp_print_messages(&f->err);
    assert_no_error(&f->err);
}

static void close_ok(struct fixture *f, int nr)
{
    if (traject_close_sprint(f->t, nr, &f->err) != 0)
        wp_print_messages(&f->err);
    assert_no_error(&f->err);
}

/* Starts, delivers and closes every sprint up to and including last. */
static void run_through(struct fixture *f, int last)
{
    for (int nr = 1; nr <= last; nr++) {
        start_ok(f, nr);
        deliver_all(f, nr);
        close_ok(f, nr);
    }
}

static void approve_all_key_stakeholders(struct fixture *f)
{
    for (size_t i = 0; i < f->t->casus->n_betrokkenen; i++)
        if (f->t->casus->betrokkenen[i].sleutel)
            assert_int_equal(traject_approve(f->t, "ontwerpbrief", f->t->casus->betrokkenen[i].id, "2026-03-02",
                                             "test", &f->err), 0);
    assert_no_error(&f->err);
}

static int status_of(struct fixture *f, int nr)
{
    int s = traject_sprint_status(f->t, nr, &f->err);

    assert_no_error(&f->err);
    return s;
}

/* The call was refused with exactly these messages; clears them. */
#define assert_refused(f, call, ...) do { \
        assert_int_equal((call), -1); \
        assert_messages(&(f)->err, __VA_ARGS__); \
        wp_error_clear(&(f)->err); \
    } while (0)

/* --- creating and opening --------------------------------------------------- */

static void test_created_traject(void **state)
{
    struct fixture *f = *state;
    char buf[64];
    sqlite3_stmt *st;

    assert_true(traject_exists(f->store));
    assert_int_equal(f->t->zaad, 4242);
    assert_string_equal(f->t->casus->id, "molenwijk");
    assert_non_null(strstr(f->t->casus_bestand, "casus/molenwijk.yaml"));
    assert_string_equal(json_string_value(json_object_get(f->t->casus_json, "wijk")), "Molenwijk");
    for (int nr = 1; nr <= 7; nr++)
        assert_int_equal(status_of(f, nr), SPRINT_GEPLAND);
    assert_int_equal(traject_running_sprint(f->t, &f->err), 0);

    /* Every betrokkene is a deelnemer, with a pseudonym numbered per group. */
    assert_int_equal(store_query_int(f->store, "SELECT count(*) FROM deelnemer", -1, &f->err), 16);
    st = store_stmt(f->store, "SELECT pseudoniem FROM deelnemer WHERE id = 'bewoner-senior'", &f->err);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(buf, sizeof buf, "%s", store_column_text(st, 0));
    sqlite3_reset(st);
    assert_string_equal(buf, "bewoners #3");
    assert_no_error(&f->err);
}

static void test_create_refusals(void **state)
{
    struct fixture *f = *state;
    char expected[4400], path[4200];
    struct store *s;

    snprintf(expected, sizeof expected, "database %s bevat al een traject; kies een andere database met --db", f->db);
    assert_refused(f, traject_create(f->store, methode, wp_src("casus/molenwijk.yaml"), 1, &f->err), expected);

    /* A broken casus: the messages of the casus, and no traject. */
    wp_write(wp_join(path, sizeof path, f->dir, "kapot.yaml"), "id: kapot\nwijk: [x]\n", (size_t)-1);
    s = store_open(wp_join(expected, sizeof expected, f->dir, "leeg.db"), STORE_CREATE, &f->err);
    assert_non_null(s);
    assert_int_equal(traject_create(s, methode, path, 1, &f->err), -1);
    snprintf(expected, sizeof expected, "%s:2:7: 'wijk' moet tekst zijn, niet een lijst", path);
    assert_error_contains(&f->err, expected);
    wp_error_clear(&f->err);
    assert_false(traject_exists(s));
    assert_int_equal(store_query_int(s, "SELECT count(*) FROM sprint", -1, &f->err), 0);

    /* An empty database holds no traject to open. */
    assert_null(traject_open(s, methode, &f->err));
    snprintf(expected, sizeof expected, "database %s bevat geen traject; begin er een met 'werkplaats start "
             "CASUS.yaml'", store_path(s));
    assert_messages(&f->err, expected);
    wp_error_clear(&f->err);
    store_close(s);
}

/* The stored casus is read back at every open; when methode.yaml changed
 * under it, the traject says so instead of running on a broken model. */
static void test_open_with_a_casus_that_no_longer_fits(void **state)
{
    struct fixture *f = *state;
    struct traject *t;

    assert_int_equal(store_exec(f->store, "UPDATE traject SET casus_yaml = replace(casus_yaml, "
                                          "'omgeving: sociaal', 'omgeving: digitaal')", &f->err), 0);
    t = traject_open(f->store, methode, &f->err);
    assert_null(t);
    assert_error_contains(&f->err, "onbekende omgeving 'digitaal'");
    assert_error_contains(&f->err, "de casus in de database past niet meer bij de methode (is methode.yaml "
                                   "veranderd?)");
    wp_error_clear(&f->err);
}

/* --- starting ---------------------------------------------------------------- */

static void test_start_in_order(void **state)
{
    struct fixture *f = *state;

    assert_refused(f, traject_start_sprint(f->t, 2, &f->err),
                   "sprint 2 kan niet starten: sprint 1 (Zien en voelen) is nog niet gesloten; het resultaat "
                   "daarvan is de invoer van sprint 2");
    assert_int_equal(status_of(f, 2), SPRINT_GEPLAND);
    start_ok(f, 1);
    assert_int_equal(status_of(f, 1), SPRINT_LOPEND);
    assert_int_equal(traject_running_sprint(f->t, &f->err), 1);
    assert_refused(f, traject_start_sprint(f->t, 1, &f->err), "sprint 1 loopt al");
    assert_refused(f, traject_start_sprint(f->t, 2, &f->err),
                   "sprint 2 kan niet starten: sprint 1 loopt nog; sluit die eerst met 'werkplaats sprint sluit 1'");
    assert_refused(f, traject_start_sprint(f->t, 3, &f->err),
                   "sprint 3 kan niet starten: sprint 1 loopt nog; sluit die eerst met 'werkplaats sprint sluit 1'");
    deliver_all(f, 1);
    close_ok(f, 1);
    assert_refused(f, traject_start_sprint(f->t, 1, &f->err),
                   "sprint 1 is al gesloten; een gesloten sprint gaat niet meer open, want de volgende sprints "
                   "bouwen op zijn resultaat");
    assert_int_equal(status_of(f, 1), SPRINT_GESLOTEN);
    assert_refused(f, traject_start_sprint(f->t, 3, &f->err),
                   "sprint 3 kan niet starten: sprint 2 (Dit is er aan de hand) is nog niet gesloten; het "
                   "resultaat daarvan is de invoer van sprint 3");
    start_ok(f, 2);
}

static void test_sprints_that_do_not_exist(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(traject_sprint_status(f->t, 8, &f->err), -1);
    assert_messages(&f->err, "sprint 8 bestaat niet; de methode heeft sprint 1 tot en met 7");
    wp_error_clear(&f->err);
    assert_refused(f, traject_start_sprint(f->t, 0, &f->err),
                   "sprint 0 bestaat niet; de methode heeft sprint 1 tot en met 7");
    assert_refused(f, traject_close_sprint(f->t, -1, &f->err),
                   "sprint -1 bestaat niet; de methode heeft sprint 1 tot en met 7");
}

/* --- closing ------------------------------------------------------------------ */

static void test_close_refusals(void **state)
{
    struct fixture *f = *state;

    assert_refused(f, traject_close_sprint(f->t, 1, &f->err), "sprint 1 is nog niet gestart");
    start_ok(f, 1);
    assert_refused(f, traject_close_sprint(f->t, 1, &f->err),
                   "sprint 1 kan niet sluiten: resultaat 'situatie' ontbreekt; geen gesloten werkvorm van deze "
                   "sprint leverde het op",
                   "sprint 1 kan niet sluiten: resultaat 'hoofdvraag' ontbreekt; geen gesloten werkvorm van deze "
                   "sprint leverde het op",
                   "sprint 1 kan niet sluiten: resultaat 'glijbaan' ontbreekt; geen gesloten werkvorm van deze "
                   "sprint leverde het op");

    /* One session delivers two of the three keys: the message names the third. */
    add_session(f, 1, "socrates", 1, "{\"situatie\": \"s\", \"hoofdvraag\": \"h\"}", "2026-01-05T10:00:00.000Z");
    assert_refused(f, traject_close_sprint(f->t, 1, &f->err),
                   "sprint 1 kan niet sluiten: resultaat 'glijbaan' ontbreekt; geen gesloten werkvorm van deze "
                   "sprint leverde het op");

    /* An open session's result does not count, and the open session blocks. */
    add_session(f, 1, "safari", 0, "{\"glijbaan\": \"g\"}", NULL);
    assert_refused(f, traject_close_sprint(f->t, 1, &f->err),
                   "sprint 1 kan niet sluiten: werkvorm 'safari' is nog open; sluit die eerst met 'werkplaats "
                   "werkvorm sluit safari'",
                   "sprint 1 kan niet sluiten: resultaat 'glijbaan' ontbreekt; geen gesloten werkvorm van deze "
                   "sprint leverde het op");

    /* A key delivered by a session of another sprint does not count either. */
    add_session(f, 2, "empathiekaart", 1, "{\"glijbaan\": \"g\"}", "2026-01-05T11:00:00.000Z");
    assert_int_equal(store_exec(f->store, "UPDATE sessie SET status = 'gesloten', gesloten = "
                                          "'2026-01-05T12:00:00.000Z', resultaat = '{}' WHERE werkvorm = 'safari'",
                                &f->err), 0);
    assert_refused(f, traject_check_close(f->t, 1, &f->err),
                   "sprint 1 kan niet sluiten: resultaat 'glijbaan' ontbreekt; geen gesloten werkvorm van deze "
                   "sprint leverde het op");

    add_session(f, 1, "glijbaan", 1, "{\"glijbaan\": [\"wijkagent\"]}", "2026-01-05T13:00:00.000Z");
    assert_int_equal(traject_check_close(f->t, 1, &f->err), 0);
    close_ok(f, 1);
    assert_refused(f, traject_close_sprint(f->t, 1, &f->err), "sprint 1 is al gesloten");
}

/* Sessions are merged in the order they closed: a key delivered twice keeps
 * the later value, whatever order the sessions were opened in. */
static void test_merge_later_closed_wins_and_result_is_frozen(void **state)
{
    struct fixture *f = *state;
    json_t *r;

    start_ok(f, 1);
    add_session(f, 1, "eerst-geopend", 1, "{\"situatie\": \"later gesloten\", \"hoofdvraag\": \"h\"}",
                "2026-01-05T15:00:00.000Z");
    add_session(f, 1, "later-geopend", 1, "{\"situatie\": \"eerder gesloten\", \"glijbaan\": \"g\"}",
                "2026-01-05T14:00:00.000Z");
    add_session(f, 1, "kapot", 1, "geen json", "2026-01-05T16:00:00.000Z");
    assert_null(traject_sprint_result(f->t, 1, &f->err));   /* not closed yet */
    assert_null(traject_sprint_keys(f->t, 1, &f->err));
    close_ok(f, 1);

    /* The keys, as status lists them, kept beside the result in its order. */
    r = traject_sprint_keys(f->t, 1, &f->err);
    assert_int_equal(json_array_size(r), 3);
    assert_string_equal(json_string_value(json_array_get(r, 0)), "glijbaan");
    assert_string_equal(json_string_value(json_array_get(r, 1)), "hoofdvraag");
    assert_string_equal(json_string_value(json_array_get(r, 2)), "situatie");
    json_decref(r);

    /* The closing process keeps the result it stored instead of parsing it
     * back (the stored text is changed here behind its back), with the keys
     * in the order of the stored text: sorted, not in closing order. */
    assert_int_equal(sqlite3_exec(store_db(f->store), "UPDATE sprint SET resultaat = '{}' WHERE nr = 1", NULL, NULL,
                                  NULL), SQLITE_OK);
    r = traject_sprint_result(f->t, 1, &f->err);
    assert_non_null(r);
    assert_int_equal(json_object_size(r), 3);
    {
        const char *expected[] = { "glijbaan", "hoofdvraag", "situatie" }, *key;
        size_t i = 0;
        json_t *v;
        json_object_foreach(r, key, v) {
            (void)v;
            assert_string_equal(key, expected[i++]);
        }
    }
    assert_string_equal(json_string_value(json_object_get(r, "situatie")), "later gesloten");
    assert_string_equal(json_string_value(json_object_get(r, "hoofdvraag")), "h");
    assert_string_equal(json_string_value(json_object_get(r, "glijbaan")), "g");
    json_decref(r);

    /* A session added after closing does not change the frozen result. */
    add_session(f, 1, "nakomer", 1, "{\"situatie\": \"te laat\"}", "2026-01-06T09:00:00.000Z");
    r = traject_sprint_result(f->t, 1, &f->err);
    assert_string_equal(json_string_value(json_object_get(r, "situatie")), "later gesloten");
    json_decref(r);
    assert_no_error(&f->err);
}

static void test_results_before(void **state)
{
    struct fixture *f = *state;
    json_t *r;

    r = traject_results_before(f->t, 1, &f->err);
    assert_int_equal(json_object_size(r), 0);
    json_decref(r);

    start_ok(f, 1);
    deliver_all(f, 1);
    add_session(f, 1, "notitie", 1, "{\"notitie\": \"uit 1\"}", "2026-01-05T11:00:00.000Z");
    close_ok(f, 1);
    start_ok(f, 2);
    deliver_all(f, 2);
    add_session(f, 2, "notitie", 1, "{\"notitie\": \"uit 2\"}", "2026-01-06T11:00:00.000Z");

    /* Sprint 2 runs: its werkvormen see sprint 1, not their own sprint. */
    r = traject_results_before(f->t, 2, &f->err);
    assert_int_equal(json_object_size(r), 4);
    assert_string_equal(json_string_value(json_object_get(r, "hoofdvraag")), "hoofdvraag uit sprint 1");
    assert_null(json_object_get(r, "diagnose"));
    json_decref(r);

    close_ok(f, 2);
    r = traject_results_before(f->t, 3, &f->err);
    assert_int_equal(json_object_size(r), 7);   /* 3 + 3 keys, and notitie once */
    assert_string_equal(json_string_value(json_object_get(r, "diagnose")), "diagnose uit sprint 2");
    assert_string_equal(json_string_value(json_object_get(r, "notitie")), "uit 2");   /* the later sprint wins */
    json_decref(r);

    /* Sprints not closed add nothing. */
    r = traject_results_before(f->t, 8, &f->err);
    assert_int_equal(json_object_size(r), 7);
    json_decref(r);
    assert_no_error(&f->err);
}

static void test_results_available(void **state)
{
    struct fixture *f = *state;
    json_t *r;

    run_through(f, 2);
    start_ok(f, 3);

    /* Nothing of sprint 3 closed yet: the same as the results before it. */
    r = traject_results_available(f->t, 3, &f->err);
    assert_non_null(r);
    assert_int_equal(json_object_size(r), 6);
    assert_null(json_object_get(r, "wijkwensen"));
    json_decref(r);

    /* A werkvorm closed earlier in sprint 3 is visible to the next one; an
     * open one is not; a later closing one wins. */
    add_session(f, 3, "klantreis", 1, "{\"wijkwensen\": \"eerst\", \"klantreis\": \"k\"}",
                "2026-03-10T12:00:00.000Z");
    add_session(f, 3, "open", 0, NULL, NULL);
    r = traject_results_available(f->t, 3, &f->err);
    assert_int_equal(json_object_size(r), 8);
    assert_string_equal(json_string_value(json_object_get(r, "wijkwensen")), "eerst");
    assert_string_equal(json_string_value(json_object_get(r, "hoofdvraag")), "hoofdvraag uit sprint 1");
    json_decref(r);
    add_session(f, 3, "herhaling", 1, "{\"wijkwensen\": \"later\"}", "2026-03-11T12:00:00.000Z");
    r = traject_results_available(f->t, 3, &f->err);
    assert_string_equal(json_string_value(json_object_get(r, "wijkwensen")), "later");
    json_decref(r);

    /* The merge is kept between calls; a session that closed before the last
     * one merged (another process, another clock) is still taken in, in its
     * place: its new key appears, and the later session keeps its value. */
    add_session(f, 3, "tussendoor", 1, "{\"wijkwensen\": \"tussendoor\", \"extra\": \"x\"}",
                "2026-03-10T18:00:00.000Z");
    r = traject_results_available(f->t, 3, &f->err);
    assert_int_equal(json_object_size(r), 9);
    assert_string_equal(json_string_value(json_object_get(r, "wijkwensen")), "later");
    assert_string_equal(json_string_value(json_object_get(r, "extra")), "x");
    json_decref(r);
    /* The same moment as the last one merged: the higher id comes later. */
    add_session(f, 3, "gelijktijdig", 1, "{\"wijkwensen\": \"gelijk\"}", "2026-03-11T12:00:00.000Z");
    r = traject_results_available(f->t, 3, &f->err);
    assert_string_equal(json_string_value(json_object_get(r, "wijkwensen")), "gelijk");
    json_decref(r);

    /* A result handed over by the process that closed the session is taken
     * as it is, not read back: the stored text here says otherwise. A
     * session that closes after it is read from the database as before. */
    add_session(f, 3, "net_gesloten", 1, "{\"wijkwensen\": \"uit de database\"}", "2026-03-12T12:00:00.000Z");
    r = json_pack("{s:s}", "wijkwensen", "doorgegeven");
    traject_hand_over(f->t, (long long)sqlite3_last_insert_rowid(store_db(f->store)), r);
    json_decref(r);  /* traject_hand_over took its own reference */
    r = traject_results_available(f->t, 3, &f->err);
    assert_string_equal(json_string_value(json_object_get(r, "wijkwensen")), "doorgegeven");
    json_decref(r);
    add_session(f, 3, "daarna", 1, "{\"wijkwensen\": \"gelezen\"}", "2026-03-13T12:00:00.000Z");
    r = traject_results_available(f->t, 3, &f->err);
    assert_string_equal(json_string_value(json_object_get(r, "wijkwensen")), "gelezen");
    json_decref(r);

    /* traject_results_before keeps to the sprints before. */
    r = traject_results_before(f->t, 3, &f->err);
    assert_null(json_object_get(r, "wijkwensen"));
    json_decref(r);

    assert_no_error(&f->err);
}

/* --- the goedkeuring gate of sprint 4 ------------------------------------------- */

static void test_gate_names_missing_key_stakeholders(void **state)
{
    struct fixture *f = *state;
    json_t *missing;

    run_through(f, 3);
    missing = traject_missing_approvals(f->t, "ontwerpbrief", &f->err);
    assert_int_equal(json_array_size(missing), 9);
    assert_string_equal(json_string_value(json_array_get(missing, 0)), "wijkmanager");
    json_decref(missing);
    assert_refused(f, traject_start_sprint(f->t, 4, &f->err),
                   "sprint 4 kan niet starten: de ontwerpbrief is nog niet goedgekeurd door 9 sleutelbetrokkene(n): "
                   "Sandra Koster (wijkmanager Molenwijk), Mohamed El Idrissi (wijkagent), Dennis Brouwer "
                   "(jongerenwerker), Woonstichting De Molen (woningcorporatie, eigenaar van 60% van de woningen), "
                   "Thomas Jansen (beleidsadviseur integrale veiligheid), wethouder Veiligheid en Wijken "
                   "(portefeuillehouder, politiek verantwoordelijk namens het college van B&W), Bewonersvereniging "
                   "Molenwijk (bewonersvereniging, ongeveer 80 leden), Ondernemersvereniging Sluisstraat (vereniging "
                   "van 23 winkeliers en horeca aan de Sluisstraat), Jongerenraad Molenwijk (informele groep van "
                   "ongeveer 12 jongeren van 15 tot 21 jaar). Pas als alle sleutelbetrokkenen de ontwerpbrief "
                   "hebben goedgekeurd, is iedereen eraan gebonden en kan het bedenken van interventies beginnen. "
                   "Leg goedkeuringen vast met 'werkplaats goedkeuring ontwerpbrief BETROKKENE'.");

    /* Approvals of betrokkenen who are not key stakeholders do not count;
     * with one key stakeholder left, the refusal names only that one. */
    assert_int_equal(traject_approve(f->t, "ontwerpbrief", "boa", NULL, NULL, &f->err), 0);
    for (size_t i = 0; i < f->t->casus->n_betrokkenen; i++) {
        const struct casus_betrokkene *b = &f->t->casus->betrokkenen[i];
        if (b->sleutel && strcmp(b->id, "jongerenraad") != 0)
            assert_int_equal(traject_approve(f->t, "ontwerpbrief", b->id, "2026-03-01", "test", &f->err), 0);
    }
    assert_no_error(&f->err);
    assert_refused(f, traject_start_sprint(f->t, 4, &f->err),
                   "sprint 4 kan niet starten: de ontwerpbrief is nog niet goedgekeurd door 1 sleutelbetrokkene(n): "
                   "Jongerenraad Molenwijk (informele groep van ongeveer 12 jongeren van 15 tot 21 jaar). Pas als "
                   "alle sleutelbetrokkenen de ontwerpbrief hebben goedgekeurd, is iedereen eraan gebonden en kan "
                   "het bedenken van interventies beginnen. Leg goedkeuringen vast met 'werkplaats goedkeuring "
                   "ontwerpbrief BETROKKENE'.");
    assert_int_equal(status_of(f, 4), SPRINT_GEPLAND);

    assert_int_equal(traject_approve(f->t, "ontwerpbrief", "jongerenraad", "2026-03-04", NULL, &f->err), 0);
    missing = traject_missing_approvals(f->t, "ontwerpbrief", &f->err);
    assert_int_equal(json_array_size(missing), 0);
    json_decref(missing);
    start_ok(f, 4);
}

/* Every reason is given at once: sprint 3 still runs and nobody approved. */
static void test_gate_and_order_reported_together(void **state)
{
    struct fixture *f = *state;

    run_through(f, 2);
    start_ok(f, 3);
    deliver_all(f, 3);
    assert_int_equal(traject_check_start(f->t, 4, &f->err), -1);
    assert_int_equal(f->err.count, 2);
    assert_string_equal(f->err.messages[0], "sprint 4 kan niet starten: sprint 3 loopt nog; sluit die eerst met "
                                            "'werkplaats sprint sluit 3'");
    assert_non_null(strstr(f->err.messages[1], "de ontwerpbrief is nog niet goedgekeurd door 9"));
    wp_error_clear(&f->err);

    /* Sprints without gates after the gate: only the order applies. */
    close_ok(f, 3);
    approve_all_key_stakeholders(f);
    start_ok(f, 4);
    deliver_all(f, 4);
    close_ok(f, 4);
    assert_int_equal(traject_check_start(f->t, 5, &f->err), 0);
}

/* --- approvals ------------------------------------------------------------------ */

static void test_approve_refusals(void **state)
{
    struct fixture *f = *state;

    assert_refused(f, traject_approve(f->t, "ontwerpbrief", "wijkagnet", NULL, NULL, &f->err),
                   "onbekende betrokkene 'wijkagnet' (alleen betrokkenen uit de casus kunnen goedkeuren), "
                   "bedoelde je 'wijkagent'?");
    assert_refused(f, traject_approve(f->t, "ontwerpbrief", "burgemeester", NULL, NULL, &f->err),
                   "onbekende betrokkene 'burgemeester' (alleen betrokkenen uit de casus kunnen goedkeuren)");
    assert_refused(f, traject_approve(f->t, "ontwerp", "wijkagent", NULL, NULL, &f->err),
                   "onbekend document 'ontwerp'; goedkeuren kan alleen een resultaat dat een sprint oplevert, "
                   "zoals 'ontwerpbrief'");
    assert_refused(f, traject_approve(f->t, "ontwerpbrief", "wijkagent", NULL, NULL, &f->err),
                   "er is nog geen ontwerpbrief om goed te keuren; die ontstaat als een werkvorm van sprint 3 "
                   "hem oplevert");

    /* Still open: a draft ontwerpbrief cannot be approved yet. */
    run_through(f, 2);
    start_ok(f, 3);
    add_session(f, 3, "klantreis", 0, "{\"ontwerpbrief\": \"concept\"}", NULL);
    assert_refused(f, traject_approve(f->t, "ontwerpbrief", "wijkagent", NULL, NULL, &f->err),
                   "er is nog geen ontwerpbrief om goed te keuren; die ontstaat als een werkvorm van sprint 3 "
                   "hem oplevert");

    /* Once a session closed with it, approval works before the sprint closes. */
    assert_int_equal(store_exec(f->store, "UPDATE sessie SET status = 'gesloten', gesloten = "
                                          "'2026-02-01T10:00:00.000Z' WHERE werkvorm = 'klantreis'", &f->err), 0);
    assert_int_equal(traject_approve(f->t, "ontwerpbrief", "wijkagent", "2026-02-02", NULL, &f->err), 0);
    assert_refused(f, traject_approve(f->t, "ontwerpbrief", "wijkmanager", "2026-02-30", NULL, &f->err),
                   "datum '2026-02-30' is geen geldige datum (JJJJ-MM-DD)");
    assert_refused(f, traject_approve(f->t, "ontwerpbrief", "wijkmanager", "morgen", NULL, &f->err),
                   "datum 'morgen' is geen geldige datum (JJJJ-MM-DD)");
}

static void test_approve_twice_keeps_first_date(void **state)
{
    struct fixture *f = *state;
    sqlite3_stmt *st;
    char buf[64];

    run_through(f, 3);
    setenv("WERKPLAATS_VANDAAG", "2026-03-10", 1);
    assert_int_equal(traject_approve(f->t, "ontwerpbrief", "wijkagent", NULL, "opdrachtregel", &f->err), 0);
    unsetenv("WERKPLAATS_VANDAAG");
    assert_int_equal(traject_approve(f->t, "ontwerpbrief", "wijkagent", "2026-04-01", "later", &f->err), 0);
    assert_no_error(&f->err);

    /* Reopened from disk: one approval, with the first date and source. */
    close_traject(f);
    open_traject(f);
    st = store_stmt(f->store, "SELECT count(*) || ' ' || min(datum) || ' ' || min(bron) FROM goedkeuring", &f->err);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(buf, sizeof buf, "%s", store_column_text(st, 0));
    sqlite3_reset(st);
    assert_string_equal(buf, "1 2026-03-10 opdrachtregel");
}

/* The lifecycle's state lives in the database, not in the process. */
static void test_state_survives_reopening(void **state)
{
    struct fixture *f = *state;
    json_t *r;

    run_through(f, 2);
    start_ok(f, 3);
    close_traject(f);
    open_traject(f);
    assert_int_equal(status_of(f, 1), SPRINT_GESLOTEN);
    assert_int_equal(status_of(f, 2), SPRINT_GESLOTEN);
    assert_int_equal(status_of(f, 3), SPRINT_LOPEND);
    assert_int_equal(status_of(f, 4), SPRINT_GEPLAND);
    assert_int_equal(traject_running_sprint(f->t, &f->err), 3);
    assert_int_equal(f->t->zaad, 4242);
    r = traject_sprint_result(f->t, 2, &f->err);
    assert_string_equal(json_string_value(json_object_get(r, "pijnen")), "pijnen uit sprint 2");
    json_decref(r);
    assert_refused(f, traject_start_sprint(f->t, 3, &f->err), "sprint 3 loopt al");
}

static void test_whole_traject(void **state)
{
    struct fixture *f = *state;

    run_through(f, 3);
    approve_all_key_stakeholders(f);
    for (int nr = 4; nr <= 7; nr++) {
        start_ok(f, nr);
        deliver_all(f, nr);
        close_ok(f, nr);
    }
    for (int nr = 1; nr <= 7; nr++)
        assert_int_equal(status_of(f, nr), SPRINT_GESLOTEN);
    assert_int_equal(traject_running_sprint(f->t, &f->err), 0);
    assert_no_error(&f->err);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_created_traject),
        T(test_create_refusals),
        T(test_open_with_a_casus_that_no_longer_fits),
        T(test_start_in_order),
        T(test_sprints_that_do_not_exist),
        T(test_close_refusals),
        T(test_merge_later_closed_wins_and_result_is_frozen),
        T(test_results_before),
        T(test_results_available),
        T(test_gate_names_missing_key_stakeholders),
        T(test_gate_and_order_reported_together),
        T(test_approve_refusals),
        T(test_approve_twice_keeps_first_date),
        T(test_state_survives_reopening),
        T(test_whole_traject),
    };

    return cmocka_run_group_tests_name("traject", tests, load_methode, free_methode);
}
