/*
 * test_plugin.c: the Lua plugin host.
 *
 *  - the werkvorm contract on a realistic fixture (card, resultaat, bij_stap, voorbeeld)
 *  - the wp API and the sandbox's deterministic helpers
 *  - JSON <-> Lua both ways
 *  - card validation: a table of bad cards -> message and line
 *  - the line mapper on tricky sources
 *  - the pattern functions against Lua's own, case by case and at random
 *  - the hostile corpus in tests/hostile/ (Redis "Try trick" style): each
 *    attack ends in its documented message, and the next call works
 *  - fault injection: fail the n-th allocation until load and resultaat pass
 *  - the watchdog, in a child process
 */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <lualib.h>

#include "../../engine/plugin_internal.h"
#include "../../engine/plugin_lines.h"
#include "../../engine/plugin_watchdog.h"
#include "werkplaats/clock.h"
#include "werkplaats/methode.h"
#include "werkplaats/plugin.h"
#include "werkvorm_fixture.h"

static struct werkvorm_fixture fx;
static char fixture[1200];
static int n_file;

/* --- helpers ------------------------------------------------------------------------ */

static const char *write_source(const char *name, const char *src)
{
    static char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s-%d.lua", fx.tmpdir, name, n_file++);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(src, f);
    fclose(f);
    return path;
}

static struct plugin_context ctx_default(void)
{
    struct plugin_context ctx = { .methode = fx.methode, .zaad = 12345 };
    return ctx;
}

/* A minimal valid card around a resultaat body; levert "situatie". */
static char *card_with(const char *before, const char *body, const char *extra)
{
    static const char *const fmt =
        "%s\n"
        "return {\n"
        "  id = \"proef\", naam = \"Proef\", versie = \"1.0.0\", sprint = 1,\n"
        "  toelichting = \"t\", opbrengst = \"o\", deelnemers = { \"bewoners\" },\n"
        "  groep = { min = 1, max = 9 }, duur = 5, levert = { \"situatie\" },\n"
        "  stappen = { { id = \"a\", titel = \"A\", instructie = \"A\", duur = 5, invoer = \"bijdrage\" } },\n"
        "  resultaat = function(sessie)\n%s\n  end,\n"
        "%s"
        "}\n";
    size_t n = strlen(fmt) + strlen(before) + strlen(body) + strlen(extra) + 1;
    char *s = malloc(n);

    assert_non_null(s);
    snprintf(s, n, fmt, before, body, extra);
    return s;
}

/* Runs body as resultaat with feiten (JSON text) and returns result.situatie
 * as compact JSON text (caller frees), or NULL with err filled. */
static char *run_body(const char *body, const char *feiten, struct plugin_context *ctx, wp_error *err)
{
    char *src = card_with("", body, "");
    struct plugin *p = plugin_load(write_source("proef", src), ctx, err);
    json_t *f = feiten ? json_loads(feiten, 0, NULL) : NULL, *r;
    char *out = NULL;

    free(src);
    if (p == NULL) {
        json_decref(f);
        return NULL;
    }
    r = plugin_resultaat(p, f, err);
    if (r != NULL)
        out = json_dumps(json_object_get(r, "situatie"), JSON_COMPACT | JSON_ENCODE_ANY);
    json_decref(r);
    json_decref(f);
    plugin_free(p);
    return out;
}

static void expect_body(const char *body, const char *feiten, const char *expected)
{
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = ctx_default();
    char *out = run_body(body, feiten, &ctx, &err);

    if (out == NULL || strcmp(out, expected) != 0) {
        print_error("body:\n%s\nverwacht: %s\nkreeg:    %s\n%s\n", body, expected, out ? out : "(null)",
                    wp_error_first(&err));
        free(out);
        wp_error_clear(&err);
        fail();
    }
    free(out);
    wp_error_clear(&err);
}

static void expect_body_error(const char *body, const char *feiten, const char *needle)
{
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = ctx_default();
    char *out = run_body(body, feiten, &ctx, &err);

    if (out != NULL || !wp_error_contains(&err, needle)) {
        print_error("body:\n%s\nverwacht fout met: %s\nkreeg: %s / %s\n", body, needle, out ? out : "(null)",
                    wp_error_first(&err));
        free(out);
        wp_error_clear(&err);
        fail();
    }
    wp_error_clear(&err);
}

static const char *SESSIE =
    "{\"werkvorm\":\"proef\",\"sprint\":1,\"label\":\"proef\",\"datum\":\"2026-03-10\","
    "\"deelnemers\":[{\"id\":\"anna\",\"groep\":\"bewoners\",\"pseudoniem\":\"A\"},"
    "                {\"id\":\"sem\",\"groep\":\"jongeren\",\"pseudoniem\":\"S\"}],"
    "\"bijdragen\":["
    " {\"id\":\"k1\",\"stap\":\"kaart\",\"veld\":\"pijn\",\"tekst\":\"donker\",\"omgevingen\":[\"fysiek\",\"sociaal\"],"
    "  \"deelnemer\":\"anna\",\"groep\":\"bewoners\",\"stemmen\":2,\"volgnr\":1},"
    " {\"id\":\"k2\",\"stap\":\"kaart\",\"veld\":\"pijn\",\"tekst\":\"weggestuurd\",\"omgevingen\":[\"sociaal\"],"
    "  \"deelnemer\":\"sem\",\"groep\":\"jongeren\",\"stemmen\":5,\"volgnr\":2},"
    " {\"id\":\"k3\",\"stap\":\"kaart\",\"veld\":\"winst\",\"tekst\":\"rust\",\"groep\":\"bewoners\",\"stemmen\":2,"
    "  \"volgnr\":3},"
    " {\"id\":\"k4\",\"stap\":\"idee\",\"tekst\":\"bankje\",\"omgevingen\":[\"fysiek\",\"sociaal\",\"institutioneel\"],"
    "  \"stemmen\":0,\"volgnr\":4}],"
    "\"stemmen\":[{\"stap\":\"stemmen\",\"deelnemer\":\"sem\",\"groep\":\"jongeren\",\"op\":\"k2\",\"aantal\":2}],"
    "\"plaatsingen\":[],\"besluiten\":[]}";

/* --- setup ----------------------------------------------------------------------------- */

static int setup_all(void **state)
{
    (void)state;
    if (werkvorm_fixture_setup(&fx, "plugin") != 0)
        return -1;
    snprintf(fixture, sizeof fixture, "%s/empathiekaart.lua", fx.werkvormen);
    return 0;
}

static int teardown_all(void **state)
{
    (void)state;
    return werkvorm_fixture_teardown(&fx);
}

/* --- the fixture -------------------------------------------------------------------------- */

static void test_fixture_card(void **state)
{
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = ctx_default();
    struct plugin *p = plugin_load(fixture, &ctx, &err);
    const struct plugin_card *c;
    const struct plugin_stap *s;

    (void)state;
    if (p == NULL)
        wp_error_print(&err, stderr, "fixture");
    assert_non_null(p);
    c = plugin_card(p);
    assert_string_equal(c->id, "empathiekaart");
    assert_int_equal(c->sprint, 2);
    assert_int_equal(c->groep_min, 4);
    assert_int_equal(c->groep_max, 12);
    assert_int_equal(c->duur, 90);
    assert_int_equal(c->n_stappen, 5);
    assert_string_equal(c->nodig[0], "hoofdvraag");
    assert_null(c->nodig[1]);
    assert_string_equal(c->levert[2], "empathiekaart");
    assert_string_equal(c->deelnemers[1], "jongeren");
    assert_non_null(c->schatting);
    assert_true(c->heeft_bij_stap);
    assert_true(c->heeft_voorbeeld);
    s = plugin_card_stap(c, "kaart");
    assert_non_null(s);
    assert_int_equal(s->invoer, INVOER_BIJDRAGE);
    assert_string_equal(s->velden[6], "winst");
    assert_int_equal(s->omgevingen, OMGEVINGEN_OPTIONEEL);
    s = plugin_card_stap(c, "stemmen");
    assert_int_equal(s->invoer, INVOER_STEM);
    assert_int_equal(s->stemmen, 3);
    assert_string_equal(s->op, "kaart");
    s = plugin_card_stap(c, "gevoel");
    assert_int_equal(s->invoer, INVOER_PLAATSING);
    assert_int_equal(s->schaal_min, 1);
    assert_int_equal(s->schaal_max, 5);
    assert_string_equal(s->schaal_labels[4], "onhoudbaar");
    assert_true(s->line > 40);
    assert_null(plugin_card_stap(c, "bestaat-niet"));
    assert_string_equal(plugin_path(p), fixture);
    plugin_free(p);
    assert_false(wp_error_failed(&err));
}

static void test_fixture_resultaat(void **state)
{
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = ctx_default();
    struct plugin *p = plugin_load(fixture, &ctx, &err);
    json_t *f = json_loads(SESSIE, 0, NULL), *r;
    char *s;

    (void)state;
    assert_non_null(p);
    r = plugin_resultaat(p, f, &err);
    assert_non_null(r);
    s = json_dumps(json_object_get(r, "pijnen"), JSON_COMPACT);
    /* most votes first */
    assert_string_equal(s, "[{\"groep\":\"jongeren\",\"omgevingen\":[\"sociaal\"],\"stemmen\":5,\"tekst\":\"weggestuurd\"},"
                           "{\"groep\":\"bewoners\",\"omgevingen\":[\"fysiek\",\"sociaal\"],\"stemmen\":2,"
                           "\"tekst\":\"donker\"}]");
    free(s);
    s = json_dumps(json_object_get(json_object_get(r, "empathiekaart"), "denkt"), JSON_COMPACT);
    assert_string_equal(s, "[]");  /* an empty list is [] */
    free(s);
    json_decref(r);
    json_decref(f);
    plugin_free(p);
}

/* A facts view for bij_stap that counts how often it was read; with no
 * JSON it fails, as a damaged database would. Each read takes a reference
 * to feiten that its release gives back. */
struct counted_view {
    json_t *feiten;
    int asked;
};

static void *read_counted(void *data, wp_error *err)
{
    struct counted_view *cv = data;

    cv->asked++;
    if (cv->feiten == NULL) {
        wp_error_add(err, WP_EINTERNAL, "t.db", "schijf onleesbaar");
        return NULL;
    }
    return json_incref(cv->feiten);
}

static int emit_counted(const void *view, struct value_sink *sink)
{
    return sink->json(sink, (json_t *)view);
}

static void release_counted(void *view)
{
    json_decref(view);
}

#define COUNTED_VIEW(cv) { read_counted, emit_counted, release_counted, &(cv) }

static void test_fixture_bij_stap_and_voorbeeld(void **state)
{
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = ctx_default();
    struct plugin *p = plugin_load(fixture, &ctx, &err);
    struct counted_view cv = { json_loads(SESSIE, 0, NULL), 0 };
    const struct plugin_view view = COUNTED_VIEW(cv);
    json_t *v;
    char *msg;

    (void)state;
    assert_non_null(p);
    msg = plugin_bij_stap(p, "kaart", "stemmen", &view, &err);
    assert_string_equal(msg, "Er hangen 3 briefjes. Iedereen heeft 3 stemmen.");
    free(msg);
    assert_int_equal(cv.asked, 1);
    assert_null(plugin_bij_stap(p, NULL, "intro", &view, &err));  /* the hook said nothing */
    assert_int_equal(cv.asked, 1);                                   /* ... and never read the sessie */
    assert_false(wp_error_failed(&err));
    v = plugin_voorbeeld(p, &err);
    assert_non_null(v);
    assert_string_equal(json_string_value(json_object_get(json_object_get(v, "resultaten"), "hoofdvraag")),
                        "Hoe maken we het winkelcentrum 's avonds weer veilig?");
    assert_int_equal(json_array_size(json_object_get(json_object_get(v, "invoer"), "kaart")), 4);
    json_decref(v);
    json_decref(cv.feiten);
    plugin_free(p);
}

/* The sessie of bij_stap is read on first use, once, and behaves as a plain
 * table: reads, writes, # and the sandbox's ordered pairs. Kept in a global,
 * it cannot be read after its call; a view that cannot be read fails the
 * hook with the reason. */
static void test_bij_stap_sessie_on_first_use(void **state)
{
    static const char *const hook =
        "  bij_stap = function(van, naar, sessie)\n"
        "    if naar == 'bewaar' then bewaard = sessie; return nil end\n"
        "    if naar == 'later' then return tostring(#bewaard.bijdragen) end\n"
        "    if naar == 'schrijf' then sessie.eigen = 'x'; return sessie.eigen .. #sessie.bijdragen end\n"
        "    if naar == 'afval' then\n"   /* filled, then enough garbage for the collector to run */
        "      local n = #sessie.bijdragen\n"
        "      for i = 1, 50000 do local t = { i } end\n"
        "      return tostring(n)\n"
        "    end\n"
        "    local keys = {}\n"
        "    for k in pairs(sessie) do keys[#keys + 1] = k end\n"
        "    return table.concat(keys, ',') .. ' ' .. #sessie .. ' ' .. sessie.bijdragen[1].tekst\n"
        "  end,\n";
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = ctx_default();
    char *src = card_with("", "return { situatie = 1 }", hook);
    struct plugin *p = plugin_load(write_source("lui", src), &ctx, &err);
    struct counted_view cv = { json_pack("{s:[{s:s}],s:[],s:{}}", "bijdragen", "tekst", "donker", "stemmen",
                                         "deelnemers"), 0 };
    const struct plugin_view view = COUNTED_VIEW(cv);
    char *msg;

    (void)state;
    free(src);
    assert_non_null(p);
    msg = plugin_bij_stap(p, "a", "rondgang", &view, &err);
    assert_string_equal(msg, "bijdragen,deelnemers,stemmen 0 donker");
    free(msg);
    assert_int_equal(cv.asked, 1);
    msg = plugin_bij_stap(p, "a", "schrijf", &view, &err);
    assert_string_equal(msg, "x1");
    free(msg);
    assert_int_equal(cv.asked, 2);
    /* The handle the sessie reaches its call through outlives the hook even
     * when the filled sessie's metatable is collected during it (ASan). */
    msg = plugin_bij_stap(p, "a", "afval", &view, &err);
    assert_string_equal(msg, "1");
    free(msg);
    assert_int_equal(cv.asked, 3);
    assert_null(plugin_bij_stap(p, "a", "bewaar", &view, &err));
    assert_int_equal(cv.asked, 3);
    assert_false(wp_error_failed(&err));
    assert_null(plugin_bij_stap(p, "a", "later", &view, &err));
    assert_true(wp_error_contains(&err, "de sessie van bij_stap is alleen tijdens die aanroep te lezen"));
    assert_int_equal(cv.asked, 3);
    assert_int_equal(cv.feiten->refcount, 1);  /* every read was released */
    wp_error_clear(&err);
    json_decref(cv.feiten);
    cv.feiten = NULL;
    assert_null(plugin_bij_stap(p, "a", "rondgang", &view, &err));
    assert_true(wp_error_contains(&err, "de sessie lezen lukte niet: t.db: schijf onleesbaar"));
    wp_error_clear(&err);
    plugin_free(p);
}

/* A plugin loaded again from another: the source as it was read then (the
 * file changed since), its own state, and line numbers in its messages from
 * the shared lines; either can be freed first. */
static void test_load_again_from_the_same_source(void **state)
{
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = ctx_default();
    char *src = card_with("", "if sessie.faal then error('op verzoek') end\n"
                          "    if sessie.leeg then return 1 end\n    return { situatie = 'eerst' }", "");
    const char *path = write_source("opnieuw", src);
    struct plugin *first = plugin_load(path, &ctx, &err), *again;
    json_t *faal = json_pack("{s:b}", "faal", 1), *leeg = json_pack("{s:b}", "leeg", 1), *r;
    FILE *f;

    (void)state;
    free(src);
    assert_non_null(first);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("return 'kapot'\n", f);
    fclose(f);
    again = plugin_load_again(first, &ctx, &err);
    assert_non_null(again);
    assert_false(wp_error_failed(&err));
    assert_string_equal(plugin_card(again)->id, "proef");
    /* It runs the chunk the first one compiled, without a copy of the text,
     * and fails with the same message and traceback. */
    assert_non_null(first->chunk);
    assert_ptr_equal(again->chunk, first->chunk);
    assert_null(again->src);
    assert_null(plugin_resultaat(first, faal, &err));
    {
        char *traceback = strdup(plugin_traceback(first));
        wp_error again_err = WP_ERROR_INIT;
        assert_null(plugin_resultaat(again, faal, &again_err));
        assert_string_equal(plugin_traceback(again), traceback);
        assert_string_equal(wp_error_first(&again_err), wp_error_first(&err));
        free(traceback);
        wp_error_clear(&again_err);
    }
    wp_error_clear(&err);
    plugin_free(first);
    r = plugin_resultaat(again, NULL, &err);       /* reopened from the chunk, which outlives first */
    assert_string_equal(json_string_value(json_object_get(r, "situatie")), "eerst");
    json_decref(r);
    assert_null(plugin_resultaat(again, faal, &err));
    assert_true(wp_error_contains(&err, ".lua:8: op verzoek"));    /* Lua's line */
    wp_error_clear(&err);
    assert_null(plugin_resultaat(again, leeg, &err));
    assert_true(wp_error_contains(&err, ".lua:7: resultaat() moet een tabel"));  /* the shared lines */
    wp_error_clear(&err);
    json_decref(faal);
    json_decref(leeg);
    plugin_free(again);
}

static void test_fresh_state_after_failure(void **state)
{
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = ctx_default();
    char *src = card_with("teller = 0", "teller = teller + 1\n    if sessie.faal then error('op verzoek') end\n"
                          "    return { situatie = teller }", "");
    struct plugin *p = plugin_load(write_source("vers", src), &ctx, &err);
    json_t *faal = json_pack("{s:b}", "faal", 1), *r;

    (void)state;
    free(src);
    assert_non_null(p);
    r = plugin_resultaat(p, NULL, &err);
    assert_int_equal(json_integer_value(json_object_get(r, "situatie")), 1);
    json_decref(r);
    r = plugin_resultaat(p, NULL, &err);
    assert_int_equal(json_integer_value(json_object_get(r, "situatie")), 2);  /* same state */
    json_decref(r);
    assert_null(plugin_resultaat(p, faal, &err));
    assert_true(wp_error_contains(&err, "werkvorm proef: "));
    assert_true(wp_error_contains(&err, ":9: op verzoek"));
    assert_non_null(strstr(plugin_traceback(p), "stack traceback"));
    wp_error_clear(&err);
    r = plugin_resultaat(p, NULL, &err);
    assert_int_equal(json_integer_value(json_object_get(r, "situatie")), 1);  /* a fresh state */
    json_decref(r);
    json_decref(faal);
    plugin_free(p);
}

/* --- the wp API ------------------------------------------------------------------------------- */

static void test_api_bijdragen(void **state)
{
    (void)state;
    expect_body("return { situatie = wp.teksten(wp.bijdragen(sessie)) }", SESSIE,
                "[\"donker\",\"weggestuurd\",\"rust\",\"bankje\"]");
    expect_body("return { situatie = wp.teksten(wp.bijdragen(sessie, { stap = \"kaart\", veld = \"pijn\" })) }",
                SESSIE, "[\"donker\",\"weggestuurd\"]");
    expect_body("return { situatie = wp.teksten(wp.bijdragen(sessie, { omgeving = \"fysiek\" })) }", SESSIE,
                "[\"donker\",\"bankje\"]");
    expect_body("return { situatie = wp.teksten(wp.bijdragen(sessie, { groep = \"bewoners\" })) }", SESSIE,
                "[\"donker\",\"rust\"]");
    expect_body("return { situatie = wp.teksten(wp.bijdragen(sessie, { deelnemer = \"sem\" })) }", SESSIE,
                "[\"weggestuurd\"]");
    expect_body("return { situatie = #wp.bijdragen({}) }", NULL, "0");
    expect_body_error("return { situatie = wp.bijdragen(sessie, { stp = \"kaart\" }) }", SESSIE,
                      ":8: wp.bijdragen: onbekend filter 'stp'");
    expect_body_error("return { situatie = wp.bijdragen(nil) }", SESSIE,
                      "wp.bijdragen: argument 1 moet de sessie zijn");
}

static void test_api_top(void **state)
{
    (void)state;
    /* descending, stable for equal values, n optional, default field stemmen */
    expect_body("return { situatie = wp.teksten(wp.top(wp.bijdragen(sessie))) }", SESSIE,
                "[\"weggestuurd\",\"donker\",\"rust\",\"bankje\"]");
    expect_body("return { situatie = wp.teksten(wp.top(wp.bijdragen(sessie), 2)) }", SESSIE,
                "[\"weggestuurd\",\"donker\"]");
    expect_body("return { situatie = wp.teksten(wp.top(wp.bijdragen(sessie), 10, \"volgnr\")) }", SESSIE,
                "[\"bankje\",\"rust\",\"weggestuurd\",\"donker\"]");
    expect_body("local l = { { w = 1, t = 'a' }, { t = 'b' }, { w = 1, t = 'c' }, { w = 3, t = 'd' } }\n"
                "    local uit = {}\n    for i, x in ipairs(wp.top(l, nil, 'w')) do uit[i] = x.t end\n"
                "    return { situatie = uit }", NULL, "[\"d\",\"a\",\"c\",\"b\"]");
    expect_body("return { situatie = wp.top({}, 3) }", NULL, "[]");
    /* Whole values sort as integer keys, others (and whole values too large
     * for a key) by comparison: both as a plain stable sort would. */
    expect_body("local function ref(l)\n"
                "      local r = {}\n"
                "      for i, x in ipairs(l) do\n"
                "        local j = i\n"
                "        while j > 1 and (r[j - 1].w or 0) < (x.w or 0) do r[j] = r[j - 1]; j = j - 1 end\n"
                "        r[j] = x\n"
                "      end\n"
                "      return r\n"
                "    end\n"
                "    local function same(l, n)\n"
                "      local a, b = wp.top(l, n, 'w'), ref(l)\n"
                "      if #a ~= (n or #l) then return false end\n"
                "      for i = 1, #a do if a[i] ~= b[i] then return false end end\n"
                "      return true\n"
                "    end\n"
                "    local l = {}\n"
                "    for i = 1, 300 do l[i] = { w = (i * 7919) % 23 - 11 } end\n"
                "    l[20].w = nil\n"
                "    l[301] = { w = (1 << 40) - 1 }\n"
                "    l[302] = { w = -(1 << 40) + 1 }\n"
                "    local uit = { same(l), same(l, 5), same(l, 0) }\n"
                "    l[303] = { w = 1 << 40 }\n"
                "    uit[4] = same(l)\n"
                "    l[303] = { w = 2.5 }\n"
                "    uit[5] = same(l, 40)\n"
                "    l[303] = { w = -0.0 }\n"
                "    uit[6] = same(l)\n"
                "    return { situatie = uit }", NULL, "[true,true,true,true,true,true]");
    expect_body_error("return { situatie = wp.top(nil) }", NULL, ":8: wp.top: argument 1 moet een lijst");
    expect_body_error("return { situatie = wp.top({ { stemmen = 'veel' } }) }", NULL,
                      "wp.top: 'stemmen' van item 1 is een tekst, geen getal");
    expect_body_error("return { situatie = wp.top({}, -1) }", NULL, "wp.top: argument 2 moet een geheel getal");
}

static void test_api_groepeer_tel(void **state)
{
    (void)state;
    expect_body("local g = wp.groepeer(wp.bijdragen(sessie), 'omgevingen')\n"
                "    local uit = {}\n    for k, l in pairs(g) do uit[k] = wp.teksten(l) end\n"
                "    return { situatie = uit }", SESSIE,
                "{\"fysiek\":[\"donker\",\"bankje\"],\"institutioneel\":[\"bankje\"],"
                "\"sociaal\":[\"donker\",\"weggestuurd\",\"bankje\"]}");
    expect_body("return { situatie = wp.tel(wp.bijdragen(sessie), 'groep') }", SESSIE,
                "{\"bewoners\":2,\"jongeren\":1}");
    expect_body("return { situatie = wp.tel(wp.bijdragen(sessie), 'omgevingen') }", SESSIE,
                "{\"fysiek\":2,\"institutioneel\":1,\"sociaal\":3}");
    expect_body("local uit = {}\n    for k, l in pairs(wp.per_groep(wp.bijdragen(sessie))) do uit[k] = #l end\n"
                "    return { situatie = uit }", SESSIE, "{\"bewoners\":2,\"jongeren\":1}");
    expect_body("return { situatie = wp.teksten(wp.koppelvlakken(wp.bijdragen(sessie))) }", SESSIE,
                "[\"donker\",\"bankje\"]");
    expect_body_error("return { situatie = wp.tel(wp.bijdragen(sessie)) }", SESSIE,
                      "wp.tel: argument 2 moet de naam van een veld zijn");
    expect_body_error("return { situatie = wp.groepeer({ 1, 2 }, 'x') }", NULL,
                      "wp.groepeer: item 1 van de lijst is een getal, geen tabel");
}

static void test_api_casus_resultaten(void **state)
{
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = ctx_default();
    char *out;

    (void)state;
    expect_body("local c, msg = wp.casus()\n    return { situatie = { c == nil, msg } }", NULL,
                "[true,\"er is geen casus: de werkvorm draait nu zonder traject (bijvoorbeeld bij 'werkvorm check')\"]");
    ctx.casus = json_pack("{s:s, s:[{s:s}]}", "wijk", "Molenwijk", "betrokkenen", "id", "wijkagent");
    ctx.resultaten = json_pack("{s:s, s:[i,i]}", "hoofdvraag", "Veilig?", "glijbaan", 1, 2);
    out = run_body("local c = wp.casus()\n    c.wijk = 'veranderd'\n    c.betrokkenen[1].id = 'weg'\n"
                   "    local v, msg = wp.resultaat('hoofdvraagg')\n"
                   "    return { situatie = { wp.casus().wijk, wp.casus().betrokkenen[1].id, wp.resultaat('hoofdvraag'),"
                   " v == nil, msg, #wp.resultaten().glijbaan } }",
                   NULL, &ctx, &err);
    assert_non_null(out);
    assert_string_equal(out, "[\"Molenwijk\",\"wijkagent\",\"Veilig?\",true,"
                             "\"resultaat 'hoofdvraagg' is er niet: geen eerdere sprint leverde het, "
                             "bedoelde je 'hoofdvraag'?\",2]");
    free(out);
    /* wp.resultaat gives a copy too: changing it, also deep down, changes nothing for the next call */
    out = run_body("local g = wp.resultaat('glijbaan')\n    g[1] = 99\n    g[3] = 3\n"
                   "    local g2 = wp.resultaat('glijbaan')\n    g2[2] = 0\n"
                   "    return { situatie = { wp.resultaat('glijbaan'), g, g2, wp.resultaat('hoofdvraag') } }",
                   NULL, &ctx, &err);
    assert_non_null(out);
    assert_string_equal(out, "[[1,2],[99,2,3],[1,0],\"Veilig?\"]");
    free(out);
    out = run_body("return { situatie = wp.resultaat({}) }", NULL, &ctx, &err);
    assert_null(out);
    assert_true(wp_error_contains(&err, "bad argument #1 to 'resultaat'"));
    wp_error_clear(&err);
    json_decref(ctx.casus);
    json_decref(ctx.resultaten);
    expect_body("return { situatie = wp.resultaten() }", NULL, "[]");
}

static void test_api_random_is_seeded(void **state)
{
    const char *body = "local uit = {}\n    for i = 1, 5 do uit[i] = wp.willekeurig(1, 1000) end\n"
                       "    uit[6] = math.random(1, 1000)\n    uit[7] = wp.schud({ 1, 2, 3, 4, 5 })\n"
                       "    math.randomseed(7)\n    local a = math.random(100)\n    math.randomseed(7)\n"
                       "    uit[8] = a == math.random(100)\n    uit[9] = math.random() < 1\n"
                       "    return { situatie = uit }";
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = ctx_default();
    char *a = run_body(body, NULL, &ctx, &err), *b = run_body(body, NULL, &ctx, &err), *c;

    (void)state;
    assert_non_null(a);
    assert_string_equal(a, b);  /* the same seed: the same numbers, as a replay needs */
    ctx.zaad = 999;
    c = run_body(body, NULL, &ctx, &err);
    assert_non_null(c);
    assert_string_not_equal(a, c);
    assert_non_null(strstr(a, "true,true]"));
    free(a);
    free(b);
    free(c);
    expect_body_error("return { situatie = wp.willekeurig(5, 1) }", NULL, "bad argument #2 to 'willekeurig'");
    expect_body_error("return { situatie = math.random(0, -1) }", NULL, "het interval is leeg");
}

static void test_api_pairs_order_and_sleutels(void **state)
{
    (void)state;
    expect_body("local t = { zebra = 1, aap = 2, [3] = 'c', [1] = 'a', [true] = 0, mies = 3 }\n"
                "    local uit = {}\n    for k in pairs(t) do uit[#uit + 1] = tostring(k) end\n"
                "    return { situatie = uit }", NULL, "[\"1\",\"3\",\"aap\",\"mies\",\"zebra\",\"true\"]");
    expect_body("return { situatie = wp.sleutels({ b = 1, a = 1, [2] = 1 }) }", NULL, "[2,\"a\",\"b\"]");
    /* pairs on a library proxy still lists it */
    expect_body("local n = 0\n    for k in pairs(string) do n = n + 1 end\n    return { situatie = n > 10 }", NULL,
                "true");
}

/* pairs sorts whole numbers and texts in C and every other mix through
 * table.sort; both must give the documented order. Checked against a
 * plain Lua sort on 300 random tables: whole numbers near the bounds,
 * texts with shared prefixes, "", a zero byte and UTF-8, and in some
 * tables a real number or a boolean as well (the other road). */
static void test_pairs_order_on_random_keys(void **state)
{
    (void)state;
    expect_body("local function rang(x)\n"
                "      local t = type(x)\n"
                "      return t == 'number' and 0 or t == 'string' and 1 or t == 'boolean' and 2 or 3\n"
                "    end\n"
                "    local function voor(a, b)\n"
                "      local ra, rb = rang(a), rang(b)\n"
                "      if ra ~= rb then return ra < rb end\n"
                "      if ra == 2 then return not a and b end\n"
                "      return a < b\n"
                "    end\n"
                "    local teksten = { '', 'a', 'aa', 'ab', 'b', 'a\\0', 'a\\0b', '\\xc3\\xa9', 'Z', 'z', '10', '9' }\n"
                "    local getallen = { math.mininteger, math.maxinteger, -1, 0, 1, 2, 10, 1 << 53, -(1 << 40) }\n"
                "    for ronde = 1, 300 do\n"
                "      local t = {}\n"
                "      for _ = 1, wp.willekeurig(0, 25) do\n"
                "        if wp.willekeurig(2) == 1 then t[teksten[wp.willekeurig(#teksten)]] = true\n"
                "        else t[getallen[wp.willekeurig(#getallen)] + wp.willekeurig(0, 3)] = true end\n"
                "      end\n"
                "      if ronde % 5 == 0 then t[2.5] = true end\n"
                "      if ronde % 7 == 0 then t[false] = true; t[true] = true end\n"
                "      local verwacht, gezien = {}, {}\n"
                "      for k in next, t do verwacht[#verwacht + 1] = k end\n"
                "      table.sort(verwacht, voor)\n"
                "      for k in pairs(t) do gezien[#gezien + 1] = k end\n"
                "      for i = 1, math.max(#verwacht, #gezien) do\n"
                "        if verwacht[i] ~= gezien[i] then\n"
                "          return { situatie = 'ronde ' .. ronde .. ', plaats ' .. i .. ': ' .. tostring(gezien[i]) }\n"
                "        end\n"
                "      end\n"
                "    end\n"
                "    return { situatie = 'goed' }", NULL, "\"goed\"");
}

/* A log sink that counts lines and keeps the last. */
struct sink {
    int n;
    char last[1100];
    char werkvorm[64];
};

static void sink_line(void *data, const char *werkvorm, const char *regel)
{
    struct sink *s = data;

    s->n++;
    snprintf(s->last, sizeof s->last, "%s", regel);
    snprintf(s->werkvorm, sizeof s->werkvorm, "%s", werkvorm);
}

static void test_api_log_sink(void **state)
{
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = ctx_default();
    struct sink s = { 0, "", "" };
    char *out;

    (void)state;
    ctx.log = sink_line;
    ctx.log_data = &s;
    out = run_body("print('a', 1, nil, true)\n    return { situatie = 1 }", NULL, &ctx, &err);
    assert_non_null(out);
    free(out);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.last, "a\t1\tnil\ttrue");
    assert_string_equal(s.werkvorm, "proef");
    s.n = 0;
    out = run_body("for i = 1, 300 do print(i, '\\27[31m') end\n    wp.log('x', string.rep('y', 5000))\n"
                   "    return { situatie = 1 }", NULL, &ctx, &err);
    free(out);
    assert_int_equal(s.n, 201);  /* 200 lines and a note that more were left out */
    assert_string_equal(s.last, "... (meer regels weggelaten)");
    s.n = 0;
    out = run_body("print('\\27[31mrood', string.rep('y', 5000))\n    return { situatie = 1 }", NULL, &ctx, &err);
    free(out);
    assert_int_equal(s.n, 1);
    assert_true(strlen(s.last) <= 1003);
    assert_null(strchr(s.last, '\033'));  /* no terminal escapes reach the facilitator's screen */
}

/* --- JSON <-> Lua ------------------------------------------------------------------------------------ */

static void test_json_lua_to_json(void **state)
{
    (void)state;
    expect_body("return { situatie = { 1, 2.5, 'x', true, false } }", NULL, "[1,2.5,\"x\",true,false]");
    expect_body("return { situatie = { b = { c = {} }, a = 1 } }", NULL, "{\"a\":1,\"b\":{\"c\":[]}}");
    expect_body("return { situatie = {} }", NULL, "[]");
    expect_body("return { situatie = 3.0 }", NULL, "3.0");
    expect_body("return { situatie = math.maxinteger }", NULL, "9223372036854775807");
    expect_body("return { situatie = 'één' }", NULL, "\"één\"");
    expect_body_error("return { situatie = { 1, 2, x = 3 } }", NULL,
                      "'resultaat.situatie' mengt een lijst met namen");
    expect_body_error("return { situatie = { [1] = 1, [3] = 3 } }", NULL, "'resultaat.situatie' is een lijst met gaten");
    expect_body_error("return { situatie = { [0] = 1 } }", NULL, "'resultaat.situatie' is een lijst met gaten");
    expect_body_error("return { situatie = { lijst = { { f = print } } } }", NULL,
                      "'resultaat.situatie.lijst[1].f' is een functie");
    expect_body_error("return { situatie = coroutine.create(print) }", NULL,
                      "'resultaat.situatie' is een intern Lua-object");
    expect_body_error("return { situatie = 1 / 0 }", NULL, "'resultaat.situatie' is geen eindig getal (oneindig)");
    expect_body_error("return 5", NULL, "resultaat() moet een tabel teruggeven, niet een getal");
    expect_body_error("return { 1, 2 }", NULL, "resultaat() moet een tabel met namen teruggeven");
    expect_body_error("return { situatie = 1, extra = 2 }", NULL, "resultaat() gaf 'extra' terug, maar 'levert' noemt het niet");
    expect_body("return { situatie = 1, afspraken = {} }", NULL, "1");  /* reserved keys may always come */
    /* a shared (not cyclic) sub-table is fine */
    expect_body("local t = { 1 }\n    return { situatie = { t, t } }", NULL, "[[1],[1]]");
}

static void test_json_json_to_lua(void **state)
{
    char deep[2000] = "";

    (void)state;
    expect_body("return { situatie = { sessie.a, #sessie.b, sessie.b[2] == nil, sessie.c.d, sessie.e == nil,\n"
                "      math.type(sessie.f) } }",
                "{\"a\":\"x\",\"b\":[1,null,3],\"c\":{\"d\":true},\"e\":null,\"f\":1.5}",
                "[\"x\",3,true,true,true,\"float\"]");
    expect_body("return { situatie = math.type(sessie.n) .. ' ' .. math.type(sessie.r) }", "{\"n\":7,\"r\":7.0}",
                "\"integer float\"");
    for (int i = 0; i < 100; i++)
        strcat(deep, "[");
    for (int i = 0; i < 100; i++)
        strcat(deep, "]");
    {
        char json[2100];
        snprintf(json, sizeof json, "{\"x\":%s}", deep);
        expect_body_error("return { situatie = 1 }", json, "gegevens zijn dieper genest dan 64 niveaus");
    }
}

/* --- card validation -------------------------------------------------------------------------------- */

/* The template's lines: 1 comment, 2 return {, 3 id.., 4 sprint, 5 deelnemers,
 * 6 groep, 7 duur, 8 nodig, 9 levert, 10 stappen = {, 11 step a, 12 step b,
 * 13+ extra steps, then }, resultaat, extra fields, }. */
struct bad_card {
    const char *name;
    const char *sprint, *deelnemers, *groep, *duur, *nodig, *stap_b, *extra_stappen, *extra;
    const char *expect;
    int line;
};

static char *bad_source(const struct bad_card *b)
{
    static const char *const fmt =
        "-- een werkvorm met een fout\n"
        "return {\n"
        "  id = \"proef\", naam = \"Proef\", versie = \"1.0.0\", toelichting = \"t\", opbrengst = \"o\",\n"
        "  sprint = %s,\n"
        "  deelnemers = %s,\n"
        "  groep = %s,\n"
        "  duur = %s,\n"
        "  nodig = %s,\n"
        "  levert = { \"situatie\" },\n"
        "  stappen = {\n"
        "    { id = \"a\", titel = \"A\", instructie = \"A\", duur = 10, invoer = \"bijdrage\" },\n"
        "    %s,\n"
        "%s"
        "  },\n"
        "  resultaat = function() return { situatie = 1 } end,\n"
        "%s"
        "}\n";
    char *s = malloc(8192);

    assert_non_null(s);
    snprintf(s, 8192, fmt, b->sprint ? b->sprint : "2", b->deelnemers ? b->deelnemers : "{ \"bewoners\" }",
             b->groep ? b->groep : "{ min = 2, max = 8 }", b->duur ? b->duur : "20",
             b->nodig ? b->nodig : "{ \"hoofdvraag\" }",
             b->stap_b ? b->stap_b : "{ id = \"b\", titel = \"B\", instructie = \"B\", duur = 10, invoer = \"geen\" }",
             b->extra_stappen ? b->extra_stappen : "", b->extra ? b->extra : "");
    return s;
}

static const struct bad_card bad_cards[] = {
    { "goed", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0 },
    { "onbekend veld", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "  stapen = {},\n",
      "onbekend veld 'stapen' in de werkvorm, bedoelde je 'stappen'?", 15 },
    { "sprint te groot", "9", NULL, NULL, NULL, "{}", NULL, NULL, NULL,
      "'sprint' moet een sprint van de methode zijn (1 tot en met 7), niet 9", 4 },
    { "sprint tekst", "\"2\"", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      "'sprint' van de werkvorm moet een geheel getal zijn, niet een tekst", 4 },
    { "groep onbekend", NULL, "{ \"bewoners\", \"jongren\" }", NULL, NULL, NULL, NULL, NULL, NULL,
      "'jongren' is geen deelnemersgroep van de methode, bedoelde je 'jongeren'?", 5 },
    { "groep ver weg", NULL, "{ \"toeristen\" }", NULL, NULL, NULL, NULL, NULL, NULL,
      "'toeristen' is geen deelnemersgroep van de methode (kies uit 'bewoners',", 5 },
    { "deelnemers leeg", NULL, "{}", NULL, NULL, NULL, NULL, NULL, NULL,
      "'deelnemers' van de werkvorm mag niet leeg zijn", 5 },
    { "min > max", NULL, NULL, "{ min = 12, max = 4 }", NULL, NULL, NULL, NULL, NULL,
      "'groep': min (12) is groter dan max (4)", 6 },
    { "max ontbreekt", NULL, NULL, "{ min = 2 }", NULL, NULL, NULL, NULL, NULL,
      "'groep' mist 'max' (het grootste aantal deelnemers)", 6 },
    { "duur klopt niet", NULL, NULL, NULL, "25", NULL, NULL, NULL, NULL,
      "de stappen duren samen 20 minuten, maar 'duur' is 25; maak ze gelijk", 7 },
    { "nodig te vroeg", "1", NULL, NULL, NULL, "{ \"pijnen\" }", NULL, NULL, NULL,
      "'nodig' noemt 'pijnen', maar dat levert pas sprint 2; een werkvorm van sprint 1 kan alleen lezen wat eerdere "
      "sprints (of andere werkvormen van zijn eigen sprint) opleveren", 8 },
    { "nodig onbekend", NULL, NULL, NULL, NULL, "{ \"hoofdvraag\", \"glijbaam\" }", NULL, NULL, NULL,
      "'nodig' noemt 'glijbaam', maar geen eerdere sprint levert dat, bedoelde je 'glijbaan'?", 8 },
    { "stap zonder duur", NULL, NULL, NULL, "10", NULL, "{ id = \"b\", titel = \"B\", instructie = \"B\", invoer = \"geen\" }",
      NULL, NULL, "stap 'b' mist 'duur' (de tijd in minuten)", 12 },
    { "stap-id dubbel", NULL, NULL, NULL, NULL, NULL,
      "{ id = \"a\", titel = \"B\", instructie = \"B\", duur = 10, invoer = \"geen\" }", NULL, NULL,
      "stap-id 'a' komt twee keer voor (ook in stap 1)", 12 },
    { "invoer onbekend", NULL, NULL, NULL, NULL, NULL,
      "{ id = \"b\", titel = \"B\", instructie = \"B\", duur = 10, invoer = \"bijdrag\" }", NULL, NULL,
      "'invoer' van stap 'b' moet geen, bijdrage, stem, plaatsing of besluit zijn, niet 'bijdrag', bedoelde je "
      "'bijdrage'?", 12 },
    { "stem op later", NULL, NULL, NULL, "30", NULL,
      "{ id = \"b\", titel = \"B\", instructie = \"B\", duur = 10, invoer = \"stem\", stemmen = 3, op = \"c\" }",
      "    { id = \"c\", titel = \"C\", instructie = \"C\", duur = 10, invoer = \"bijdrage\" },\n", NULL,
      "'op' van stap 'b' wijst naar stap 'c', maar die komt pas later", 12 },
    { "stem op geen bijdrage", NULL, NULL, NULL, "30", NULL, NULL,
      "    { id = \"c\", titel = \"C\", instructie = \"C\", duur = 10, invoer = \"stem\", stemmen = 3, op = \"b\" },\n",
      NULL, "'op' van stap 'c' wijst naar stap 'b', maar daar worden geen bijdragen verzameld (invoer 'geen')", 13 },
    { "stem op onbekend", NULL, NULL, NULL, NULL, NULL,
      "{ id = \"b\", titel = \"B\", instructie = \"B\", duur = 10, invoer = \"stem\", stemmen = 3, op = \"aa\" }", NULL,
      NULL, "'op' van stap 'b' noemt 'aa', maar die stap bestaat niet, bedoelde je 'a'?", 12 },
    { "stem zonder stemmen", NULL, NULL, NULL, NULL, NULL,
      "{ id = \"b\", titel = \"B\", instructie = \"B\", duur = 10, invoer = \"stem\", op = \"a\" }", NULL, NULL,
      "stap 'b' mist 'stemmen' (het aantal stemmen per deelnemer)", 12 },
    { "velden bij stem", NULL, NULL, NULL, NULL, NULL,
      "{ id = \"b\", titel = \"B\", instructie = \"B\", duur = 10, invoer = \"stem\", stemmen = 2, op = \"a\",\n"
      "      velden = { \"x\" } }", NULL, NULL,
      "'velden' hoort alleen bij een stap met invoer 'bijdrage', en stap 'b' heeft invoer 'stem'", 13 },
    { "omgevingen onbekend", NULL, NULL, NULL, NULL, NULL,
      "{ id = \"b\", titel = \"B\", instructie = \"B\", duur = 10, invoer = \"bijdrage\", omgevingen = \"altijd\" }",
      NULL, NULL, "'omgevingen' van stap 'b' moet \"optioneel\" of \"verplicht\" zijn, niet 'altijd'", 12 },
    { "plaatsing zonder schaal", NULL, NULL, NULL, NULL, NULL,
      "{ id = \"b\", titel = \"B\", instructie = \"B\", duur = 10, invoer = \"plaatsing\" }", NULL, NULL,
      "stap 'b' mist 'schaal' (de schaal, zoals { min = -3, max = 3 })", 12 },
    { "labels tellen niet", NULL, NULL, NULL, NULL, NULL,
      "{ id = \"b\", titel = \"B\", instructie = \"B\", duur = 10, invoer = \"plaatsing\", op = \"betrokkenen\",\n"
      "      schaal = { min = 1, max = 3, labels = { \"laag\", \"hoog\" } } }", NULL, NULL,
      "de schaal van stap 'b' heeft 3 punten maar 2 labels", 13 },
    { "resultaat ontbreekt", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "  resultaat = nil,\n",
      "'resultaat' staat twee keer in de werkvorm (ook op regel 14)", 15 },
    { "resultaat geen functie", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "  bij_stap = 'later',\n",
      "'bij_stap' van de werkvorm moet een functie zijn, niet een tekst", 15 },
    { "waarde zonder naam", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "  \"los\",\n",
      "de werkvorm bevat een waarde zonder naam; schrijf naam = waarde", 15 },
    { "voorbeeld stap onbekend", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      "  voorbeeld = {\n    invoer = { aa = { { tekst = \"x\" } } },\n  },\n",
      "'invoer' van het voorbeeld noemt stap 'aa', maar die bestaat niet, bedoelde je 'a'?", 16 },
    { "voorbeeld veld onbekend", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      "  voorbeeld = {\n    verwachtt = {},\n  },\n",
      "onbekend veld 'verwachtt' in het voorbeeld, bedoelde je 'verwacht'?", 16 },
    { "voorbeeld wie onbekend", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      "  voorbeeld = {\n    deelnemers = { { id = \"anna\", groep = \"bewoners\" } },\n"
      "    invoer = { a = { { wie = \"bob\", tekst = \"x\" } } },\n  },\n",
      "'wie' van a 1 noemt 'bob', maar die staat niet in de deelnemers van het voorbeeld", 17 },
    { "voorbeeld besluit", NULL, NULL, NULL, NULL, NULL,
      "{ id = \"b\", titel = \"B\", instructie = \"B\", duur = 10, invoer = \"besluit\" }", NULL,
      "  voorbeeld = {\n    invoer = { b = { { tekst = \"x\", uitkomst = \"misschien\" } } },\n  },\n",
      "'uitkomst' van b 1 moet aangenomen, verworpen of aangehouden zijn, niet 'misschien'", 16 },
    /* a voorbeeld speaks the draaiboek's input language: bij, gevoelig, a placement's tekst, a decision's wie */
    { "voorbeeld zoals een draaiboek", NULL, NULL, NULL, "21", NULL,
      "{ id = \"b\", titel = \"B\", instructie = \"B\", duur = 10, invoer = \"besluit\" }",
      "    { id = \"c\", titel = \"C\", instructie = \"C\", duur = 1, invoer = \"plaatsing\", op = \"a\", "
      "schaal = { min = 1, max = 3 } },\n",
      "  voorbeeld = {\n    deelnemers = { { id = \"anna\", groep = \"bewoners\" } },\n"
      "    invoer = { a = { { id = \"x\", wie = \"anna\", tekst = \"x\", bij = \"ww1\", gevoelig = true } },\n"
      "               b = { { wie = \"anna\", tekst = \"x\", uitkomst = \"aangenomen\" } },\n"
      "               c = { { wie = \"anna\", op = \"x\", waarde = 2, tekst = \"waarom\" } } },\n  },\n",
      NULL, 0 },
    { "voorbeeld gevoelig geen ja/nee", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      "  voorbeeld = {\n    invoer = { a = { { tekst = \"x\", gevoelig = \"ja\" } } },\n  },\n",
      "'gevoelig' van a 1 moet true of false zijn, niet een tekst", 16 },
    /* privacy: a step's free text marked personal */
    { "gevoelig bij een bijdrage", NULL, NULL, NULL, NULL, NULL,
      "{ id = \"b\", titel = \"B\", instructie = \"B\", duur = 10, invoer = \"bijdrage\", gevoelig = true }",
      NULL, NULL, NULL, 0 },
    { "gevoelig bij een stem", NULL, NULL, NULL, NULL, NULL,
      "{ id = \"b\", titel = \"B\", instructie = \"B\", duur = 10, invoer = \"stem\", stemmen = 2, op = \"a\",\n"
      "      gevoelig = true }", NULL, NULL,
      "'gevoelig' hoort alleen bij een stap met invoer 'bijdrage', en stap 'b' heeft invoer 'stem'", 13 },
    { "gevoelig geen true/false", NULL, NULL, NULL, NULL, NULL,
      "{ id = \"b\", titel = \"B\", instructie = \"B\", duur = 10, invoer = \"bijdrage\", gevoelig = \"ja\" }",
      NULL, NULL, "'gevoelig' van stap 'b' moet true of false zijn, niet een tekst", 12 },
    { "id ongeldig", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "  id = \"Mijn Werkvorm\",\n",
      "'id' mag alleen kleine letters, cijfers, '_' en '-' bevatten", 15 },
};

static void test_card_validation(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cards / sizeof bad_cards[0]; i++) {
        const struct bad_card *b = &bad_cards[i];
        wp_error err = WP_ERROR_INIT;
        struct plugin_context ctx = ctx_default();
        char *src = bad_source(b), needle[600];
        const char *path = write_source("kaart", src);
        struct plugin *p = plugin_load(path, &ctx, &err);

        snprintf(needle, sizeof needle, "%s:%d: %s", path, b->line, b->expect ? b->expect : "");
        if (b->expect == NULL ? p == NULL : (p != NULL || !wp_error_contains(&err, needle))) {
            print_error("kaart '%s': verwacht %s\n%s\nkreeg:\n", b->name, b->expect ? needle : "geen fout", src);
            wp_error_print(&err, stderr, "  ");
            free(src);
            plugin_free(p);
            wp_error_clear(&err);
            fail();
        }
        free(src);
        plugin_free(p);
        wp_error_clear(&err);
    }
}

/* All problems at once, in line order. */
static void test_card_every_problem(void **state)
{
    struct bad_card b = { "veel", "0", "{ \"bewoner\" }", "{ min = 0, max = 3 }", "30", "{ \"x\" }",
                          "{ id = \"b\", titel = \"B\", instructie = \"B\", invoer = \"geen\" }", NULL,
                          "  stapen = {},\n", NULL, 0 };
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = ctx_default();
    char *src = bad_source(&b);
    struct plugin *p = plugin_load(write_source("veel", src), &ctx, &err);

    (void)state;
    free(src);
    assert_null(p);
    assert_true(err.count >= 5);
    assert_true(wp_error_contains(&err, ":4: 'sprint' moet een sprint van de methode zijn"));
    assert_true(wp_error_contains(&err, ":5: 'bewoner' is geen deelnemersgroep"));
    assert_true(wp_error_contains(&err, ":6: 'min' van 'groep' moet tussen 1 en 1000 liggen"));
    assert_true(wp_error_contains(&err, ":12: stap 'b' mist 'duur'"));
    assert_true(wp_error_contains(&err, ":15: onbekend veld 'stapen'"));
    for (size_t i = 1; i < err.count; i++) {  /* in line order */
        const char *a = strstr(err.messages[i - 1], ".lua:"), *c = strstr(err.messages[i], ".lua:");
        assert_true(atoi(a + 5) <= atoi(c + 5));
    }
    wp_error_clear(&err);
}

static void test_card_load_errors(void **state)
{
    static const struct { const char *src, *expect; } cases[] = {
        { "return 5\n", ":1: het bestand moet eindigen met 'return { ... }' (de werkvorm als tabel), maar gaf een getal" },
        { "local x = 1\nreturn {\n  id = \"x\",\n", ":4: syntaxfout:" },
        { "\n\nerror('kapot bij het laden')\n", ":3: kapot bij het laden" },
        { "return { id = wp.bestaat_niet() }\n", "attempt to call a nil value (field 'bestaat_niet')" },
    };
    struct plugin_context ctx = ctx_default();

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wp_error err = WP_ERROR_INIT;
        struct plugin *p = plugin_load(write_source("laden", cases[i].src), &ctx, &err);
        assert_null(p);
        if (!wp_error_contains(&err, cases[i].expect) || !wp_error_contains(&err, "werkvorm laden-")) {
            print_error("verwacht: %s\n", cases[i].expect);
            wp_error_print(&err, stderr, "  ");
            fail();
        }
        wp_error_clear(&err);
    }
    {
        wp_error err = WP_ERROR_INIT;
        assert_null(plugin_load("/bestaat/niet.lua", &ctx, &err));
        assert_true(wp_error_contains(&err, "/bestaat/niet.lua: kan de werkvorm niet openen"));
        wp_error_clear(&err);
        assert_null(plugin_load(write_source("binair", "\033LuaT\0rest"), &ctx, &err));
        assert_true(wp_error_contains(&err, "is gecompileerde Lua (bytecode)"));
        wp_error_clear(&err);
    }
}

/* Thousands of keys written twice: still quick, and only a few reported. */
static void test_card_many_duplicates(void **state)
{
    size_t n = 20000, size = n * 24 + 2000, used;
    char *src = malloc(size);
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = ctx_default();
    struct plugin *p;
    int64_t start = clock_mono_ms();

    (void)state;
    assert_non_null(src);
    used = (size_t)snprintf(src, size, "return {\n  id = \"dubbel\", voorbeeld = { verwacht = {\n");
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(src + used, size - used, "    { a = 1, a = 2 },\n");
    snprintf(src + used, size - used, "  } },\n}\n");
    p = plugin_load(write_source("dubbel", src), &ctx, &err);
    free(src);
    assert_null(p);
    assert_true(wp_error_contains(&err, ".a' staat twee keer in de werkvorm (ook op regel "));
    assert_true(err.count < 60);
    assert_true(clock_mono_ms() - start < (getenv("WP_VALGRIND") ? 60000 : 5000));
    wp_error_clear(&err);
}

static void test_card_nodig_later(void **state)
{
    struct bad_card b = { "later", "3", NULL, NULL, NULL, "{ \"empathiekaart\" }", NULL, NULL, NULL, NULL, 0 };
    struct plugin_levering lev[] = { { "empathiekaart", 2 }, { "iets", 5 } };
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = ctx_default();
    char *src = bad_source(&b);
    const char *path = write_source("later", src);
    struct plugin *p;

    (void)state;
    free(src);
    assert_null(plugin_load(path, &ctx, &err));  /* not without the other werkvormen */
    assert_true(wp_error_contains(&err, "'nodig' noemt 'empathiekaart', maar geen eerdere sprint levert dat"));
    wp_error_clear(&err);
    ctx.leveringen = lev;
    ctx.n_leveringen = 2;
    p = plugin_load(path, &ctx, &err);  /* delivered by a sprint-2 werkvorm */
    assert_non_null(p);
    plugin_free(p);
    ctx.n_leveringen = 0;
    ctx.nodig_later = 1;
    p = plugin_load(path, &ctx, &err);
    assert_non_null(p);
    assert_int_equal(plugin_check_nodig(p, fx.methode, NULL, 0, &err), -1);
    assert_int_equal(plugin_check_nodig(p, fx.methode, lev, 2, &err), 0);
    plugin_free(p);
    wp_error_clear(&err);
}

/* Werkvormen of one sprint may build on one another, but not on themselves. */
static void test_card_nodig_same_sprint(void **state)
{
    struct bad_card b = { "zelfde", "3", NULL, NULL, NULL, "{ \"wensen\" }", NULL, NULL, NULL, NULL, 0 };
    struct plugin_levering lev[] = { { "wensen", 3 } };
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = ctx_default();
    char *src = bad_source(&b);
    const char *path = write_source("zelfde", src);
    struct plugin *p;

    (void)state;
    free(src);
    ctx.leveringen = lev;
    ctx.n_leveringen = 1;
    p = plugin_load(path, &ctx, &err);  /* another sprint-3 werkvorm delivers it */
    assert_non_null(p);
    assert_int_equal(plugin_check_nodig(p, fx.methode, lev, 1, &err), 0);
    plugin_free(p);
    wp_error_clear(&err);
}

/* --- the line mapper -------------------------------------------------------------------------------- */

static void test_lines(void **state)
{
    static const char *const src =
        "-- { a comment with braces } and \"quotes\n"       /* 1 */
        "local t = { x = '}' }\n"                           /* 2 */
        "--[==[ a long\n comment { ]] still\n]==]\n"        /* 3-5 */
        "local card = {\n"                                  /* 6 */
        "  id = [[lang\n\n]], naam = \"a\\\nb\",\n"         /* 7-10 */
        "  ['groep'] = { min = 1,\n"                        /* 11 */
        "    max = 2 },\n"                                  /* 12 */
        "  stappen = {\n"                                   /* 13 */
        "    { id = 'a', f = function() local x = { duur = 1 } end,\n" /* 14 */
        "      duur = 5 },\n"                               /* 15 */
        "    maak(),\n"                                     /* 16 */
        "    {\n"                                           /* 17 */
        "      id = 'c' },\n"                               /* 18 */
        "  },\n"                                            /* 19 */
        "  duur = 1, duur = 2,\n"                           /* 20 */
        "}\n"                                               /* 21 */
        "return card\n";                                    /* 22 */
    struct plugin_lines *l = plugin_lines_scan(src, strlen(src));
    const char *path;
    int first, second;

    (void)state;
    assert_non_null(l);
    assert_int_equal(plugin_lines_table(l, ""), 6);
    assert_int_equal(plugin_lines_key(l, "id"), 7);
    assert_int_equal(plugin_lines_key(l, "naam"), 9);
    assert_int_equal(plugin_lines_key(l, "groep.max"), 12);
    assert_int_equal(plugin_lines_table(l, "groep"), 11);
    assert_int_equal(plugin_lines_key(l, "stappen[1].duur"), 15);   /* not the one inside the function */
    assert_int_equal(plugin_lines_table(l, "stappen[1]"), 14);
    assert_int_equal(plugin_lines_key(l, "stappen[2].duur"), 16);   /* computed: falls back to its place */
    assert_int_equal(plugin_lines_table(l, "stappen[3]"), 17);
    assert_int_equal(plugin_lines_key(l, "stappen[3].id"), 18);
    assert_int_equal(plugin_lines_key(l, "bestaat.niet"), 6);
    assert_int_equal(plugin_lines_key(l, "duur"), 20);
    assert_int_equal(plugin_lines_duplicate(l, 0, &path, &first, &second), 1);
    assert_string_equal(path, "duur");
    assert_int_equal(plugin_lines_duplicate(l, 1, &path, &first, &second), 0);
    plugin_lines_free(l);
    /* garbage never crashes */
    srand(7);
    for (int round = 0; round < 2000; round++) {
        char junk[200];
        size_t n = (size_t)(rand() % (int)sizeof junk);
        for (size_t i = 0; i < n; i++)
            junk[i] = "{}[]()=,;'\"-\n retun[=]x\\fend"[rand() % 29];
        l = plugin_lines_scan(junk, n);
        assert_non_null(l);
        (void)plugin_lines_key(l, "a.b[1]");
        plugin_lines_free(l);
    }
}

/* --- patterns against Lua's own ---------------------------------------------------------------------- */

/* A plain state with the stock libraries and ours side by side as `mine`.
 * Our functions charge a plugin: give them one with room to spare. */
static struct plugin pattern_plugin;

static lua_State *pattern_state(void)
{
    lua_State *L = luaL_newstate();

    luaL_openlibs(L);
    pattern_plugin.limits = plugin_default_limits;
    pattern_plugin.limits.instructies = LLONG_MAX / 2;
    pattern_plugin.deadline_ms = clock_mono_ms() + 600000;
    pattern_plugin.path = (char *)"patroon";
    *(struct plugin **)lua_getextraspace(L) = &pattern_plugin;
    lua_newtable(L);
    plugin_pattern_register(L, -1);
    lua_setglobal(L, "mine");
    return L;
}

static const char *const PATTERN_DRIVER =
    "local function pack(ok, ...) return { ok = ok, n = select('#', ...), ... } end\n"
    "local function same(a, b)\n"
    "  if a.ok ~= b.ok then return false end\n"
    "  if not a.ok then return true end\n"      /* both raise: messages differ (ours are Dutch) */
    "  if a.n ~= b.n then return false end\n"
    "  for i = 1, a.n do if a[i] ~= b[i] and not (a[i] ~= a[i] and b[i] ~= b[i]) then return false end end\n"
    "  return true\n"
    "end\n"
    "local function show(r) local t = {} for i = 1, r.n or 0 do t[i] = tostring(r[i]) end\n"
    "  return tostring(r.ok) .. ':' .. table.concat(t, ',') end\n"
    "local function gm(f, s, p, i) local t = {} for a, b in f(s, p, i) do t[#t + 1] = tostring(a) .. '/' .. tostring(b) end\n"
    "  return table.concat(t, ';') end\n"
    "function check(s, p, i, repl)\n"
    "  local fails = {}\n"
    "  for _, name in ipairs({ 'find', 'match' }) do\n"
    "    local a, b = pack(pcall(string[name], s, p, i)), pack(pcall(mine[name], s, p, i))\n"
    "    if not same(a, b) then fails[#fails + 1] = name .. ' lua=' .. show(a) .. ' wij=' .. show(b) end\n"
    "  end\n"
    "  local a, b = pack(pcall(string.find, s, p, i, true)), pack(pcall(mine.find, s, p, i, true))\n"
    "  if not same(a, b) then fails[#fails + 1] = 'find plain' end\n"
    "  a, b = pack(pcall(gm, string.gmatch, s, p, i)), pack(pcall(gm, mine.gmatch, s, p, i))\n"
    "  if not same(a, b) then fails[#fails + 1] = 'gmatch lua=' .. show(a) .. ' wij=' .. show(b) end\n"
    "  for _, r in ipairs({ repl or '<%0>', { a = 'A', [''] = 'leeg' }, function(x, y) return y and x .. '|' .. y or nil end }) do\n"
    "    a, b = pack(pcall(string.gsub, s, p, r)), pack(pcall(mine.gsub, s, p, r))\n"
    "    if not same(a, b) then fails[#fails + 1] = 'gsub(' .. type(r) .. ') lua=' .. show(a) .. ' wij=' .. show(b) end\n"
    "    a, b = pack(pcall(string.gsub, s, p, r, 2)), pack(pcall(mine.gsub, s, p, r, 2))\n"
    "    if not same(a, b) then fails[#fails + 1] = 'gsub n=2' end\n"
    "  end\n"
    "  return table.concat(fails, '\\n')\n"
    "end\n";

static const char *check_pattern(lua_State *L, const char *s, size_t sl, const char *p, size_t pl, int init,
                                 const char *repl)
{
    lua_getglobal(L, "check");
    lua_pushlstring(L, s, sl);
    lua_pushlstring(L, p, pl);
    lua_pushinteger(L, init);
    if (repl)
        lua_pushstring(L, repl);
    else
        lua_pushnil(L);
    if (lua_pcall(L, 4, 1, 0) != LUA_OK)
        return lua_tostring(L, -1);
    return lua_tostring(L, -1);
}

static void test_patterns_match_lua(void **state)
{
    static const struct { const char *s, *p; int init; const char *repl; } cases[] = {
        { "hello world", "o", 1, NULL }, { "hello world", "o", 6, NULL }, { "hello world", "o", -3, NULL },
        { "hello world", "l+", 1, NULL }, { "hello world", "l*", 1, NULL }, { "hello world", "l-o", 1, NULL },
        { "hello world", "^h", 1, NULL }, { "hello world", "^e", 1, NULL }, { "hello world", "d$", 1, NULL },
        { "hello world", "(h)(e)(l)", 1, NULL }, { "hello world", "()ll()", 1, NULL },
        { "hello world", "%a+", 1, NULL }, { "hello world", "%A", 1, NULL }, { "a1b2c3", "%d", 1, NULL },
        { "a1b2c3", "[%d]+", 1, NULL }, { "a1b2c3", "[^%d]+", 1, NULL }, { "a-b-c", "[a-b]", 1, NULL },
        { "a]b", "[]]", 1, NULL }, { "a^b", "[%^]", 1, NULL }, { "a^b", "[b^]", 1, NULL }, { "x.y", "%.", 1, NULL },
        { "THE (quick) fox", "%((%a+)%)", 1, NULL }, { "f(a(b)c)d", "%b()", 1, NULL }, { "[[x]]", "%b[]", 1, NULL },
        { "THE (quick) fox", "%f[%a]%a+", 1, NULL }, { "hello", "%f[%l]", 1, NULL }, { "aaa", "%f[a]", 1, NULL },
        { "abcabc", "(abc)%1", 1, NULL }, { "abab", "(a)(b)%2", 1, NULL }, { "x=1, y=2", "(%w+)=(%w+)", 1, "%2=%1" },
        { "abc", "", 1, NULL }, { "abc", "", 10, NULL }, { "", "", 1, NULL }, { "", "a*", 1, NULL },
        { "abc", "b?c", 1, NULL }, { "abc", "x?", 1, NULL }, { "a.b", ".", 1, NULL }, { "a\nb", "%s", 1, NULL },
        { "a\0b", "%z", 1, NULL }, { "tab\there", "%c", 1, NULL }, { "Hello", "%u%l+", 1, NULL },
        { "0x1F", "%x+", 3, NULL }, { "a,b;c", "%p", 1, NULL }, { "ÿé", "%a", 1, NULL }, { "abc", "%", 1, NULL },
        { "abc", "[a", 1, NULL }, { "abc", "(a", 1, NULL }, { "abc", "a)", 1, NULL }, { "abc", "%1", 1, NULL },
        { "abc", "%b", 1, NULL }, { "abc", "%f", 1, NULL }, { "abc", "(()", 1, NULL }, { "abc", "%g+", 1, NULL },
        { "abc", "a", 1, "%" }, { "abc", "a", 1, "%x" }, { "abc", "(a)", 1, "%2" }, { "abc", "()a", 1, "[%1]" },
        { "hello world", "o", 1, "%%" }, { "one two  three", "%s*", 1, "_" }, { "abc", ".-", 1, "-" },
        { "aaa", "a-", 1, "x" }, { "aaa", "^a", 1, "x" }, { "key = value", "^(%w+)%s*=%s*(%w+)$", 1, NULL },
        { "[x] [y]", "%[(.-)%]", 1, NULL }, { "abc", "[%a-z]", 1, NULL }, { "a-z", "[a%-z]+", 1, NULL },
        { "a+b", "a+b", 1, NULL }, { "a+b", "a%+b", 1, NULL }, { "dd/mm/yy", "(%d+)/(%d+)", 1, NULL },
    };
    lua_State *L = pattern_state();
    int failures = 0;

    (void)state;
    assert_int_equal(luaL_dostring(L, PATTERN_DRIVER), LUA_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t sl = strlen(cases[i].s) + (strcmp(cases[i].p, "%z") == 0 ? 2 : 0);
        const char *r = check_pattern(L, cases[i].s, sl, cases[i].p, strlen(cases[i].p), cases[i].init,
                                      cases[i].repl);
        if (r == NULL || r[0] != '\0') {
            print_error("patroon '%s' op '%s': %s\n", cases[i].p, cases[i].s, r ? r : "?");
            failures++;
        }
        lua_pop(L, 1);
    }
    lua_close(L);
    assert_int_equal(failures, 0);
}

static void test_patterns_random(void **state)
{
    static const char *const atoms[] = { "a", "b", ".", "%a", "%d", "[ab]", "[^a]", "(", ")", "()", "%1", "%b()",
                                         "%f[a]", "*", "+", "-", "?", "^", "$", "%", "[", "]", "x" };
    lua_State *L = pattern_state();
    int failures = 0;
    unsigned seed = 12345;

    (void)state;
    assert_int_equal(luaL_dostring(L, PATTERN_DRIVER), LUA_OK);
    for (int round = 0; round < 3000 && failures < 5; round++) {
        char p[64] = "", s[32];
        int np = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 6;
        int ns = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 16;
        for (int i = 0; i < np; i++)
            strcat(p, atoms[((seed = seed * 1103515245u + 12345u) >> 16) % (sizeof atoms / sizeof atoms[0])]);
        for (int i = 0; i < ns; i++)
            s[i] = "ab1()x "[((seed = seed * 1103515245u + 12345u) >> 16) % 7];
        s[ns] = '\0';
        {
            const char *r = check_pattern(L, s, (size_t)ns, p, strlen(p), 1 + round % 3, NULL);
            if (r == NULL || r[0] != '\0') {
                print_error("patroon '%s' op '%s': %s\n", p, s, r ? r : "?");
                failures++;
            }
        }
        lua_pop(L, 1);
    }
    lua_close(L);
    assert_int_equal(failures, 0);
}

/* --- the hostile corpus ---------------------------------------------------------------------------- */

struct hostile {
    char path[1400];  /* the folder (1100) and a file name (256) */
    char name[128];
    char bij[32];
    char verwacht[4][200];
    int n_verwacht;
    struct plugin_limits limits;
};

static struct hostile hostiles[128];
static size_t n_hostiles;

/* Reads the "-- verwacht:", "-- bij:" and "-- limieten:" lines at the top. */
static void hostile_read(struct hostile *h)
{
    FILE *f = fopen(h->path, "r");
    char line[400];

    h->limits = plugin_default_limits;
    snprintf(h->bij, sizeof h->bij, "resultaat");
    while (f != NULL && fgets(line, sizeof line, f) != NULL && strncmp(line, "--", 2) == 0) {
        char *v = strchr(line, ':');
        line[strcspn(line, "\n")] = '\0';
        if (v == NULL)
            continue;
        v += 2;
        if (strncmp(line, "-- verwacht:", 12) == 0 && h->n_verwacht < 4)
            snprintf(h->verwacht[h->n_verwacht++], sizeof h->verwacht[0], "%s", v);
        else if (strncmp(line, "-- bij:", 7) == 0)
            snprintf(h->bij, sizeof h->bij, "%s", v);
        else if (strncmp(line, "-- limieten:", 12) == 0)
            for (char *tok = strtok(v, " "); tok != NULL; tok = strtok(NULL, " ")) {
                long long n = atoll(strchr(tok, '=') ? strchr(tok, '=') + 1 : "0");
                if (strncmp(tok, "instructies=", 12) == 0)
                    h->limits.instructies = n;
                else if (strncmp(tok, "tijd_ms=", 8) == 0)
                    h->limits.tijd_ms = (int)n;
                else if (strncmp(tok, "geheugen_mb=", 12) == 0)
                    h->limits.geheugen = (size_t)n << 20;
            }
    }
    if (f != NULL)
        fclose(f);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct hostile *)a)->name, ((const struct hostile *)b)->name);
}

static void hostile_scan(void)
{
    char dir[1100];
    DIR *d;
    struct dirent *e;

    snprintf(dir, sizeof dir, "%s/tests/hostile", getenv("WP_TOP") ? getenv("WP_TOP") : ".");
    if ((d = opendir(dir)) == NULL)
        return;
    while ((e = readdir(d)) != NULL && n_hostiles < 128) {
        size_t n = strlen(e->d_name);
        struct hostile *h = &hostiles[n_hostiles];
        if (n < 5 || strcmp(e->d_name + n - 4, ".lua") != 0)
            continue;
        snprintf(h->path, sizeof h->path, "%s/%s", dir, e->d_name);
        snprintf(h->name, sizeof h->name, "vijandig: %.*s", (int)(n - 4), e->d_name);
        hostile_read(h);
        n_hostiles++;
    }
    closedir(d);
    qsort(hostiles, n_hostiles, sizeof hostiles[0], by_name);
}

/* After any attack the engine must still run a good werkvorm. */
static void good_call_still_works(void)
{
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = ctx_default();
    struct plugin *p = plugin_load(fixture, &ctx, &err);
    json_t *f = json_loads(SESSIE, 0, NULL), *r;

    assert_non_null(p);
    r = plugin_resultaat(p, f, &err);
    assert_non_null(r);
    assert_non_null(json_object_get(r, "pijnen"));
    json_decref(r);
    json_decref(f);
    plugin_free(p);
    assert_false(wp_error_failed(&err));
}

static void test_hostile(void **state)
{
    const struct hostile *h = *state;
    wp_error err = WP_ERROR_INIT;
    struct plugin_context ctx = ctx_default();
    struct plugin *p;
    int64_t start = clock_mono_ms(), took;
    int failed = 0;

    ctx.limits = h->limits;
    /* Under valgrind a werkvorm runs tens of times slower, so the wall clock
     * would stop a memory or instruction attack first: give it room, unless
     * the time limit is what this attack tests. */
    if (getenv("WP_VALGRIND") != NULL) {
        int tests_time = 0;
        for (int i = 0; i < h->n_verwacht; i++)
            tests_time |= strstr(h->verwacht[i], "tijdlimiet") != NULL;
        if (!tests_time)
            ctx.limits.tijd_ms *= 30;
    }
    p = plugin_load(h->path, &ctx, &err);
    if (strcmp(h->bij, "laden") == 0) {
        failed = p == NULL;
    } else if (p != NULL) {
        if (strcmp(h->bij, "resultaat") == 0) {
            json_t *r = plugin_resultaat(p, NULL, &err);
            failed = r == NULL;
            json_decref(r);
        } else if (strcmp(h->bij, "bij_stap") == 0) {
            char *m = plugin_bij_stap(p, "a", NULL, NULL, &err);
            failed = m == NULL && wp_error_failed(&err);
            free(m);
        } else {
            json_t *v = plugin_voorbeeld(p, &err);
            failed = v == NULL && wp_error_failed(&err);
            json_decref(v);
        }
    }
    took = clock_mono_ms() - start;
    for (int i = 0; i < h->n_verwacht; i++)
        if (!failed || !wp_error_contains(&err, h->verwacht[i]) || !wp_error_contains(&err, "werkvorm ")) {
            print_error("%s: verwacht '%s' (bij %s), kreeg:\n", h->name, h->verwacht[i], h->bij);
            wp_error_print(&err, stderr, "  ");
            failed = -1;
        }
    plugin_free(p);
    wp_error_clear(&err);
    assert_int_not_equal(failed, -1);
    assert_true(failed);
    /* "within a second or two": generous for sanitizers and valgrind */
    if (took > (getenv("WP_VALGRIND") ? 60000 : 10000))
        fail_msg("%s duurde %lld ms", h->name, (long long)took);
    good_call_still_works();
}

/* --- fault injection ------------------------------------------------------------------------------- */

static void *failing_malloc(size_t n)
{
    return plugin_fault_point() ? NULL : malloc(n);
}

static void test_fault_injection(void **state)
{
    json_t *f = json_loads(SESSIE, 0, NULL);
    long long n, stride = getenv("WP_VALGRIND") ? 37 : 1;
    int done = 0;

    (void)state;
    json_set_alloc_funcs(failing_malloc, free);
    for (n = 1; !done && n < 1000000; n += stride) {
        wp_error err = WP_ERROR_INIT;
        struct plugin_context ctx = ctx_default();
        struct plugin *p;
        json_t *r = NULL;
        plugin_fail_alloc_at(n);
        p = plugin_load(fixture, &ctx, &err);
        if (p != NULL)
            r = plugin_resultaat(p, f, &err);
        /* every failure says something */
        if (p == NULL || r == NULL)
            assert_true(wp_error_failed(&err) && err.count + err.dropped > 0);
        done = plugin_alloc_count() < n;  /* the n-th allocation never came: all points covered */
        if (done)
            assert_non_null(r);
        json_decref(r);
        plugin_free(p);
        wp_error_clear(&err);
    }
    plugin_fail_alloc_at(0);
    json_set_alloc_funcs(malloc, free);
    json_decref(f);
    assert_true(done);
    print_message("# %lld allocatiepunten beproefd\n", n);
}

/* --- limits from the environment and the watchdog ---------------------------------------------------- */

static void test_limits_from_env(void **state)
{
    struct plugin_limits l;
    wp_error err = WP_ERROR_INIT;

    (void)state;
    setenv("WERKPLAATS_LUA_GEHEUGEN_MB", "64", 1);
    setenv("WERKPLAATS_LUA_INSTRUCTIES", "5000", 1);
    setenv("WERKPLAATS_LUA_TIJD_MS", "veel", 1);
    assert_int_equal(plugin_limits_from_env(&l, &err), -1);
    assert_int_equal(l.geheugen, (size_t)64 << 20);
    assert_int_equal(l.instructies, 5000);
    assert_int_equal(l.tijd_ms, 2000);
    assert_true(wp_error_contains(&err, "WERKPLAATS_LUA_TIJD_MS=veel: verwacht een geheel getal van 10 tot en met"));
    wp_error_clear(&err);
    unsetenv("WERKPLAATS_LUA_GEHEUGEN_MB");
    unsetenv("WERKPLAATS_LUA_INSTRUCTIES");
    unsetenv("WERKPLAATS_LUA_TIJD_MS");
    assert_int_equal(plugin_limits_from_env(&l, &err), 0);
    assert_int_equal(l.instructies, plugin_default_limits.instructies);
}

/* How a child process ended and what it wrote to stderr. */
struct child_end {
    int status;
    char err[600];
};

/* Runs stuck() in a child that then spins in C for up to 20 s, as a call
 * hanging in a built-in function would; the watchdog should end it first. */
static struct child_end run_stuck_child(void (*stuck)(void))
{
    struct child_end end = { 0, "" };
    int fds[2];
    pid_t pid;
    ssize_t n;
    int64_t start = clock_mono_ms();

    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        volatile unsigned long spin = 0;
        dup2(fds[1], STDERR_FILENO);
        stuck();
        while (clock_mono_ms() - start < 20000)
            spin++;
        _exit(0);
    }
    close(fds[1]);
    waitpid(pid, &end.status, 0);
    n = read(fds[0], end.err, sizeof end.err - 1);
    close(fds[0]);
    end.err[n > 0 ? n : 0] = '\0';
    return end;
}

static void one_stuck_call(void)
{
    static struct plugin_watchdog w;
    plugin_watchdog_start(&w, "vast", 200);
}

/* An inner call that ends in time re-arms the outer call's deadline. */
static void stuck_after_inner_call(void)
{
    static struct plugin_watchdog outer, inner;
    plugin_watchdog_start(&outer, "buiten", 300);
    plugin_watchdog_start(&inner, "binnen", 100000);
    plugin_watchdog_stop(&inner);
}

/* Every call ends in time, nested or not, so no signal may end the child
 * once it has waited past all their deadlines. */
static void calls_in_time(void)
{
    struct plugin_watchdog w, inner;
    int i;

    for (i = 0; i < 1000; i++) {
        assert_int_equal(plugin_watchdog_start(&w, "op tijd", 1000), 0);
        assert_int_equal(plugin_watchdog_start(&inner, "binnen", 100000), 0);
        plugin_watchdog_stop(&inner);
        plugin_watchdog_stop(&w);
    }
    plugin_watchdog_stop(&w);  /* a second stop changes nothing */
    {
        int64_t until = clock_mono_ms() + 1500;  /* past every deadline above */
        while (clock_mono_ms() < until)
            ;
    }
    _exit(0);
}

static void test_watchdog(void **state)
{
    struct child_end end;
    int64_t start = clock_mono_ms();

    (void)state;
    if (getenv("WP_VALGRIND") != NULL) {
        /* valgrind runs code many times slower; deadlines of 200 ms mean nothing there */
        print_message("# overgeslagen onder valgrind\n");
        return;
    }
    end = run_stuck_child(one_stuck_call);
    assert_true(WIFEXITED(end.status));
    assert_int_equal(WEXITSTATUS(end.status), 3);
    assert_true(clock_mono_ms() - start < 10000);
    assert_string_equal(end.err, "werkplaats: werkvorm vast: bleef meer dan 200 ms hangen in een ingebouwde functie; "
                                 "werkplaats stopt hier om niet vast te lopen (wat al was vastgelegd, blijft bewaard)\n");

    end = run_stuck_child(stuck_after_inner_call);
    assert_true(WIFEXITED(end.status));
    assert_int_equal(WEXITSTATUS(end.status), 3);
    assert_non_null(strstr(end.err, "werkvorm buiten: bleef meer dan 300 ms hangen"));

    end = run_stuck_child(calls_in_time);
    assert_true(WIFEXITED(end.status));
    assert_int_equal(WEXITSTATUS(end.status), 0);
    assert_string_equal(end.err, "");

    {
        struct plugin_watchdog w;  /* here too, in the test process itself */
        assert_int_equal(plugin_watchdog_start(&w, "op tijd", 100000), 0);
        plugin_watchdog_stop(&w);
    }
}

int main(void)
{
    static const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_fixture_card),
        cmocka_unit_test(test_fixture_resultaat),
        cmocka_unit_test(test_fixture_bij_stap_and_voorbeeld),
        cmocka_unit_test(test_bij_stap_sessie_on_first_use),
        cmocka_unit_test(test_load_again_from_the_same_source),
        cmocka_unit_test(test_fresh_state_after_failure),
        cmocka_unit_test(test_api_bijdragen),
        cmocka_unit_test(test_api_top),
        cmocka_unit_test(test_api_groepeer_tel),
        cmocka_unit_test(test_api_casus_resultaten),
        cmocka_unit_test(test_api_random_is_seeded),
        cmocka_unit_test(test_api_pairs_order_and_sleutels),
        cmocka_unit_test(test_pairs_order_on_random_keys),
        cmocka_unit_test(test_api_log_sink),
        cmocka_unit_test(test_json_lua_to_json),
        cmocka_unit_test(test_json_json_to_lua),
        cmocka_unit_test(test_card_validation),
        cmocka_unit_test(test_card_every_problem),
        cmocka_unit_test(test_card_load_errors),
        cmocka_unit_test(test_card_many_duplicates),
        cmocka_unit_test(test_card_nodig_later),
        cmocka_unit_test(test_card_nodig_same_sprint),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_patterns_match_lua),
        cmocka_unit_test(test_patterns_random),
        cmocka_unit_test(test_fault_injection),
        cmocka_unit_test(test_limits_from_env),
        cmocka_unit_test(test_watchdog),
    };
    size_t n_fixed = sizeof fixed / sizeof fixed[0];
    struct CMUnitTest *tests;
    int rc;

    hostile_scan();
    tests = calloc(n_fixed + n_hostiles, sizeof *tests);
    if (tests == NULL)
        return 1;
    memcpy(tests, fixed, sizeof fixed);
    for (size_t i = 0; i < n_hostiles; i++) {
        tests[n_fixed + i].name = hostiles[i].name;
        tests[n_fixed + i].test_func = test_hostile;
        tests[n_fixed + i].initial_state = &hostiles[i];
    }
    rc = _cmocka_run_group_tests("plugin", tests, n_fixed + n_hostiles, setup_all, teardown_all);
    free(tests);
    return rc;
}
