/*
 * test_rapport.c: the report model and its renderers on a hand-made
 * Molenwijk traject (tests/fixtures/rapport_traject.sql): sprints and
 * sessions, the decision trail with a missing link, what was dropped and
 * why, the ontwerpbrief, --pseudoniem, and escaping in every format.
 */
#include "wp_test.h"

#include <fcntl.h>
#include <unistd.h>

#include "werkplaats/rapport.h"
#include "werkplaats/traject.h"
#include "wp_methode.h"

struct fixture {
    char *dir;
    struct store *store;
    struct traject *t;
    wp_error err;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    char db[4096], *sql;

    if (f == NULL)
        return -1;
    f->dir = wp_tmpdir();
    wp_join(db, sizeof db, f->dir, "werkplaats.db");
    f->store = store_open(db, STORE_CREATE, &f->err);
    if (f->store == NULL || traject_create(f->store, methode, wp_src("casus/molenwijk.yaml"), 7, &f->err) != 0)
        goto fail;
    sql = wp_read(wp_src("tests/fixtures/rapport_traject.sql"), NULL);
    if (store_exec(f->store, sql, &f->err) != 0) {
        free(sql);
        goto fail;
    }
    free(sql);
    if ((f->t = traject_open(f->store, methode, &f->err)) == NULL)
        goto fail;
    *state = f;
    return 0;
fail:
    wp_print_messages(&f->err);
    return -1;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    traject_free(f->t);
    store_close(f->store);
    wp_error_clear(&f->err);
    wp_rmtree(f->dir);
    free(f);
    return 0;
}

static json_t *model_of(struct fixture *f, int sprint, int pseudoniem, const struct rapport_bronnen *b)
{
    struct rapport_opties o = { sprint, pseudoniem, b };
    json_t *m = rapport_model(f->t, &o, &f->err);

    if (m == NULL)
        wp_print_messages(&f->err);
    assert_non_null(m);
    assert_no_error(&f->err);
    return m;
}

static json_t *sprint_of(json_t *m, int nr)
{
    return json_array_get(json_object_get(m, "sprints"), (size_t)nr - 1);
}

/* The session of werkvorm in sprint nr. */
static json_t *werkvorm_of(json_t *m, int nr, const char *werkvorm)
{
    json_t *w;
    size_t i;

    json_array_foreach(json_object_get(sprint_of(m, nr), "werkvormen"), i, w)
        if (strcmp(json_string_value(json_object_get(w, "werkvorm")), werkvorm) == 0)
            return w;
    fail_msg("werkvorm %s niet in sprint %d", werkvorm, nr);
    return NULL;
}

static void test_sprints_and_sessions(void **state)
{
    struct fixture *f = *state;
    json_t *m = model_of(f, 0, 0, NULL), *s2 = sprint_of(m, 2), *w, *b, *taken;
    size_t i;
    int found = 0;

    assert_int_equal(json_array_size(json_object_get(m, "sprints")), 7);
    assert_string_equal(json_string_value(json_object_get(m, "formaat")), "werkplaats-rapport");
    assert_string_equal(json_string_value(json_object_get(json_object_get(m, "traject"), "status")), "af");
    assert_string_equal(json_string_value(json_object_get(s2, "naam")), "Dit is er aan de hand");
    assert_non_null(strstr(json_string_value(json_object_get(s2, "doel")), "harde informatie"));
    /* The facts view: who said what, by group, with votes counted. */
    w = werkvorm_of(m, 2, "empathiekaart");
    assert_true(json_is_null(json_object_get(w, "kaart")));  /* no card source given */
    json_array_foreach(json_object_get(w, "bijdragen"), i, b)
        if (strcmp(json_string_value(json_object_get(b, "id")), "pw1") == 0) {
            assert_string_equal(json_string_value(json_object_get(b, "wie")), "Joke");
            assert_string_equal(json_string_value(json_object_get(b, "groep")), "bewoners");
            assert_int_equal(json_integer_value(json_object_get(b, "stemmen")), 5);
            found = 1;
        }
    assert_true(found);
    assert_int_equal(json_array_size(json_object_get(json_object_get(w, "per_groep"), "bewoners")), 3);
    /* Which werkvorm delivered a key, and which later werkvormen read it. */
    assert_string_equal(json_string_value(json_object_get(json_object_get(s2, "geleverd_door"), "diagnose")),
                        "toon_me_je_leven");
    taken = json_object_get(sprint_of(m, 1), "doorgegeven");
    found = 0;
    json_array_foreach(taken, i, b)
        if (strcmp(json_string_value(json_object_get(b, "sleutel")), "glijbaan") == 0) {
            assert_int_equal(json_array_size(json_object_get(b, "door")), 1);
            found = 1;
        }
    assert_true(found);
    /* Agreements from the sprint 7 result, with the gremium's name. */
    b = json_array_get(json_object_get(sprint_of(m, 7), "afspraken"), 0);
    assert_string_equal(json_string_value(json_object_get(b, "gremium_naam")), "Wijkteam Molenwijk");
    assert_string_equal(json_string_value(json_object_get(b, "wie_naam")), "Sandra Koster");
    json_decref(m);
}

static void test_decision_trail(void **state)
{
    struct fixture *f = *state;
    json_t *m = model_of(f, 0, 0, NULL), *spoor = json_object_get(m, "beslisspoor");
    json_t *first = json_array_get(json_object_get(spoor, "interventies"), 0), *keten = json_object_get(first, "keten");
    json_t *root, *last, *a;
    size_t i;
    int idee = 0, prototype = 0, wens = 0;

    /* Oversteekbrigade: definitief -> interventie -> prototype -> idee -> wijkwens -> moment -> pijn. */
    assert_string_equal(json_string_value(json_object_get(first, "naam")), "Oversteekbrigade");
    assert_int_equal(json_array_size(keten), 7);
    assert_null(json_object_get(first, "ontbreekt"));
    root = json_array_get(keten, 6);
    assert_string_equal(json_string_value(json_object_get(root, "soort")), "pijn");
    assert_int_equal(json_integer_value(json_object_get(root, "sprint")), 2);
    assert_string_equal(json_string_value(json_object_get(json_object_get(root, "bijdrage"), "groep")), "bewoners");
    assert_string_equal(json_string_value(json_object_get(json_object_get(root, "bijdrage"), "werkvorm")),
                        "empathiekaart");
    assert_string_equal(json_string_value(json_object_get(json_array_get(keten, 4), "soort")), "wijkwens");
    /* A link that points nowhere is reported, not invented. */
    last = json_array_get(json_object_get(spoor, "interventies"), 2);
    assert_string_equal(json_string_value(json_object_get(last, "naam")), "Buurtapp voor meldingen");
    assert_non_null(strstr(json_string_value(json_object_get(last, "ontbreekt")), "verwijst naar 'ptx'"));
    /* What fell along the way, with the reason. */
    json_array_foreach(json_object_get(spoor, "afgevallen"), i, a) {
        const char *soort = json_string_value(json_object_get(a, "soort"));
        if (strcmp(soort, "idee") == 0) {
            assert_string_equal(json_string_value(json_object_get(a, "tekst")), "Cameratoezicht op het plein");
            assert_non_null(strstr(json_string_value(json_object_get(a, "reden")), "te weinig stemmen"));
            assert_non_null(json_object_get(a, "waarschuwing"));
            idee = 1;
        } else if (strcmp(soort, "prototype") == 0) {
            assert_non_null(strstr(json_string_value(json_object_get(a, "reden")), "eigen planning"));
            prototype = 1;
        } else if (strcmp(soort, "wijkwens") == 0 &&
                   strcmp(json_string_value(json_object_get(a, "id")), "w4") == 0) {
            assert_non_null(strstr(json_string_value(json_object_get(a, "reden")), "verworpen"));
            wens = 1;
        }
    }
    assert_true(idee && prototype && wens);
    json_decref(m);
}

static void test_ontwerpbrief(void **state)
{
    struct fixture *f = *state;
    json_t *m = model_of(f, 0, 0, NULL), *brief = json_object_get(m, "ontwerpbrief"), *delen;
    char *html, *md;

    delen = json_object_get(brief, "delen");
    assert_int_equal(json_array_size(delen), 7);
    assert_string_equal(json_string_value(json_object_get(json_array_get(delen, 0), "titel")),
                        "Ontwerp van het probleem");
    assert_string_equal(json_string_value(json_object_get(json_array_get(delen, 6), "id")), "begeleiders");
    assert_string_equal(json_string_value(json_object_get(brief, "status")), "goedgekeurd");
    assert_string_equal(json_string_value(json_object_get(brief, "zwaarste_pijn")),
                        "Durft de kinderen niet alleen over het plein naar school te laten gaan");
    html = rapport_ontwerpbrief_html(m);
    md = rapport_ontwerpbrief_md(m);
    assert_non_null(strstr(html, "Durft de kinderen niet alleen over het plein"));
    assert_non_null(strstr(md, "Durft de kinderen niet alleen over het plein"));
    assert_non_null(strstr(html, "7. Begeleiders"));
    assert_non_null(strstr(html, "Goedgekeurd door de sleutelbetrokkenen"));
    assert_non_null(strstr(html, ">2026-03-12<"));
    assert_non_null(strstr(html, "en nog 4"));   /* ten facts, six fit */
    free(html);
    free(md);
    json_decref(m);
}

/* Without approvals the brief says who still has to approve. */
static void test_ontwerpbrief_waits_for_approval(void **state)
{
    struct fixture *f = *state;
    json_t *m, *brief;

    assert_int_equal(store_exec(f->store, "DELETE FROM goedkeuring WHERE betrokkene = 'wethouder'", &f->err), 0);
    m = model_of(f, 0, 0, NULL);
    brief = json_object_get(m, "ontwerpbrief");
    assert_string_equal(json_string_value(json_object_get(brief, "status")), "wacht op goedkeuring");
    assert_int_equal(json_integer_value(json_object_get(brief, "ontbrekende_goedkeuringen")), 1);
    json_decref(m);
}

static void assert_absent(const char *text, const char *needle)
{
    if (strstr(text, needle) != NULL)
        fail_msg("'%s' staat er nog in", needle);
}

static void test_pseudoniem(void **state)
{
    struct fixture *f = *state;
    json_t *m = model_of(f, 0, 1, NULL);
    char *json = rapport_json(m), *html = rapport_html(m), *md = rapport_md(m), *csv = rapport_csv(m);
    char *brief = rapport_ontwerpbrief_html(m);
    const char *texts[] = { json, html, md, csv, brief };
    /* Residents' and casus persons' names, and ids that carry a name. */
    const char *names[] = { "Joke", "Ahmed", "Milan", "Kim (15)", "Wim (bakkerij", "Fatma Yilmaz", "Henk Visser",
                            "Sandra Koster", "Mohamed El Idrissi", "Kees Dekker", "bew-joke",
                            /* a resident's role and history point to her as surely as her name */
                            "moeder van drie kinderen", "drie eerdere wijkschouwen", NULL };

    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        assert_non_null(texts[t]);
        for (int n = 0; names[n] != NULL; n++)
            assert_absent(texts[t], names[n]);
    }
    /* Group and number instead; people who take part for an organisation keep their role. */
    assert_non_null(strstr(html, "bewoners #4"));
    assert_non_null(strstr(html, "wijkmanager Molenwijk"));
    assert_non_null(strstr(html, "Woonstichting De Molen"));
    assert_non_null(strstr(html, "Namen van deelnemers zijn vervangen"));
    assert_true(json_is_true(json_object_get(m, "pseudoniem")));
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
        free((char *)texts[t]);
    json_decref(m);
}

static void test_escaping_in_every_format(void **state)
{
    struct fixture *f = *state;
    json_t *m = model_of(f, 0, 0, NULL);
    char *html = rapport_html(m), *md = rapport_md(m), *csv = rapport_csv(m), *json = rapport_json(m);

    /* HTML: the contributions show as text; the only markup is ours, with no script at all. */
    assert_absent(html, "<script");
    assert_absent(html, "<img");
    assert_non_null(strstr(html, "&lt;script&gt;document.title=&#39;x&#39;&lt;/script&gt;"));
    assert_non_null(strstr(html, "Content-Security-Policy"));
    assert_non_null(strstr(html, "<svg "));
    /* Markdown: no raw tags either: every '<' is backslash-escaped. */
    for (const char *p = strchr(md, '<'); p != NULL; p = strchr(p + 1, '<'))
        assert_true(p > md && p[-1] == '\\');
    assert_non_null(strstr(md, "\\<script\\>"));
    /* CSV: the text is there, quoted as a field. */
    assert_non_null(strstr(csv, "soort,sprint,werkvorm"));
    assert_non_null(strstr(csv, "bijdrage,2,empathiekaart,empathiekaart,pijn_winst,pw1,"));
    assert_non_null(strstr(csv, "\"\"\"><img src=x onerror=\"\"document.title='y'\"\">\""));
    assert_non_null(strstr(csv, "afspraak,7,"));
    /* JSON: the model, parsable back. */
    {
        json_error_t e;
        json_t *back = json_loads(json, 0, &e);
        assert_non_null(back);
        assert_int_equal(json_integer_value(json_object_get(back, "versie")), RAPPORT_MODEL_VERSIE);
        json_decref(back);
    }
    free(html);
    free(md);
    free(csv);
    free(json);
    json_decref(m);
}

/* --sprint N: only that sprint in detail, and its sleutelfactoren. */
static json_t *fake_check(void *ctx, struct traject *t, int tot, wp_error *err)
{
    (void)t;
    (void)err;
    (*(int *)ctx)++;
    return json_pack("{s:i, s:[{s:s, s:s, s:s, s:[{s:s, s:s}, {s:s, s:s}]}]}", "tot_en_met_sprint", tot, "factoren",
                     "id", "doen", "naam", "Van praten naar doen", "status", "aandacht", "bevindingen", "oordeel",
                     "aandacht", "tekst", "Afspraak <te laat>", "oordeel", "in orde", "tekst", "Vier afspraken op tijd");
}

static json_t *fake_card(void *ctx, const char *werkvorm)
{
    (void)ctx;
    return strcmp(werkvorm, "empathiekaart") == 0
               ? json_pack("{s:s, s:s, s:[s], s:{s:i, s:i}, s:i}", "naam", "Hoe is het werkelijk met jou",
                           "opbrengst", "Een empathiekaart", "deelnemers", "bewoners", "groep", "min", 4, "max", 12,
                           "duur", 90)
               : NULL;
}

static void test_one_sprint_with_sources(void **state)
{
    struct fixture *f = *state;
    int calls = 0;
    struct rapport_bronnen b = { &calls, fake_card, fake_check, NULL, NULL };
    json_t *m = model_of(f, 2, 0, &b);
    char *html = rapport_html(m), *md = rapport_md(m), *csv = rapport_csv(m);

    assert_int_equal(calls, 1);  /* only the sprint asked for */
    assert_non_null(strstr(html, "Sprint 2: Dit is er aan de hand"));
    assert_absent(html, "Sprint 3: Wijkwens");
    assert_absent(html, "Van de eerste pijn naar de interventies");
    assert_non_null(strstr(html, "Hoe is het werkelijk met jou"));
    assert_non_null(strstr(html, "4 tot 12 personen"));
    assert_non_null(strstr(html, "Afspraak &lt;te laat&gt;"));
    assert_non_null(strstr(html, "Vier afspraken op tijd"));
    /* The report of one sprint lists every contribution, hostile ones as text. */
    assert_non_null(strstr(html, "Alle bijdragen"));
    assert_non_null(strstr(html, "&quot;&gt;&lt;img src=x onerror=&quot;document.title=&#39;y&#39;&quot;&gt;"));
    assert_absent(html, "<img");
    assert_non_null(strstr(md, "Durft de kinderen niet alleen over het plein naar school te laten gaan"));
    assert_non_null(strstr(md, "## Sprint 2: Dit is er aan de hand"));
    assert_absent(csv, "bijdrage,1,");
    assert_non_null(strstr(csv, "bijdrage,2,"));
    free(html);
    free(md);
    free(csv);
    json_decref(m);
}

/* The whole traject has a check per sprint: only what needed attention, so it does not repeat itself. */
static void test_factors_in_the_whole_traject(void **state)
{
    struct fixture *f = *state;
    int calls = 0;
    struct rapport_bronnen b = { &calls, NULL, fake_check, NULL, NULL };
    json_t *m = model_of(f, 0, 0, &b);
    char *html = rapport_html(m);

    assert_int_equal(calls, 7);
    assert_non_null(strstr(html, "Afspraak &lt;te laat&gt;"));
    assert_absent(html, "Vier afspraken op tijd");
    free(html);
    json_decref(m);
}

/* A traject that just started: no sessions, nothing to trail; every part still renders. */
static void test_fresh_traject(void **state)
{
    struct fixture *f = *state;
    json_t *m;
    char *html, *md, *brief;

    assert_int_equal(store_exec(f->store, "DELETE FROM feit; DELETE FROM aanwezig; DELETE FROM goedkeuring; "
                                          "DELETE FROM sessie; UPDATE sprint SET status = 'gepland', resultaat = "
                                          "NULL, gestart = NULL, gesloten = NULL", &f->err), 0);
    m = model_of(f, 0, 0, NULL);
    html = rapport_html(m);
    md = rapport_md(m);
    brief = rapport_ontwerpbrief_html(m);
    assert_non_null(strstr(html, "Er zijn nog geen interventies"));
    assert_non_null(strstr(html, "Deze sprint is nog niet begonnen."));
    assert_non_null(strstr(brief, "nog niet gemaakt"));
    assert_non_null(strstr(brief, "1. Ontwerp van het probleem"));
    assert_string_equal(json_string_value(json_object_get(json_object_get(m, "traject"), "status")), "gepland");
    free(html);
    free(md);
    free(brief);
    json_decref(m);
}

/* The JSON written straight to a file is, byte for byte, the text
 * rapport_json makes: for the model, and for one larger than the write
 * buffer (64 KiB) with texts that need escaping. */
static void expect_json_fd_equal(struct fixture *f, json_t *m)
{
    char path[4096], *text = rapport_json(m), *written;
    size_t len;
    int fd;

    wp_join(path, sizeof path, f->dir, "model.json");
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(rapport_json_fd(m, fd), 0);
    assert_int_equal(close(fd), 0);
    written = wp_read(path, &len);
    assert_non_null(text);
    assert_int_equal(len, strlen(text));
    assert_string_equal(written, text);
    free(written);
    free(text);
}

static void test_json_written_straight(void **state)
{
    struct fixture *f = *state;
    json_t *m = model_of(f, 0, 0, NULL), *big = json_array();
    char tekst[200];

    expect_json_fd_equal(f, m);
    for (int i = 0; i < 3000; i++) {
        snprintf(tekst, sizeof tekst, "Bijdrage %d: \"Het plein\" is \u00e9\u00e9n grote <plek>\n\tmet \\ en /", i);
        json_array_append_new(big, json_pack("{s:i, s:s, s:[s, s]}", "nr", i, "tekst", tekst, "omgevingen", "fysiek",
                                             "sociaal"));
    }
    json_object_set_new(m, "extra", big);
    expect_json_fd_equal(f, m);
    json_decref(m);
}

/* The renderers for people show a sprint's result, never a werkvorm's own,
 * so the model without the werkvormen's full results renders the same. */
static void test_model_for_render_renders_the_same(void **state)
{
    struct fixture *f = *state;
    struct rapport_opties o = { 0, 0, NULL };
    char *(*const renderers[])(json_t *) = { rapport_html, rapport_md, rapport_csv, rapport_ontwerpbrief_html,
                                             rapport_ontwerpbrief_md };
    json_t *full = model_of(f, 0, 0, NULL), *slim = rapport_model_for_render(f->t, &o, &f->err), *v;
    const char *key;

    assert_non_null(slim);
    json_object_foreach(json_object_get(werkvorm_of(slim, 2, "empathiekaart"), "resultaat"), key, v)
        assert_true(json_is_null(v));
    assert_true(json_object_size(json_object_get(werkvorm_of(slim, 2, "empathiekaart"), "resultaat")) > 0);
    assert_false(json_equal(full, slim));
    for (size_t i = 0; i < sizeof renderers / sizeof renderers[0]; i++) {
        char *a = renderers[i](full), *b = renderers[i](slim);
        assert_non_null(a);
        assert_non_null(b);
        assert_string_equal(a, b);
        free(a);
        free(b);
    }
    json_decref(full);
    json_decref(slim);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_sprints_and_sessions),   T(test_decision_trail),
        T(test_ontwerpbrief),           T(test_ontwerpbrief_waits_for_approval),
        T(test_pseudoniem),             T(test_escaping_in_every_format),
        T(test_one_sprint_with_sources), T(test_factors_in_the_whole_traject),
        T(test_fresh_traject),          T(test_json_written_straight),
        T(test_model_for_render_renders_the_same),
    };

    return cmocka_run_group_tests_name("rapport", tests, load_methode, free_methode);
}
