/*
 * test_svg.c: every report picture, fed hostile and odd input: the output is
 * well-formed XML (checked by a strict structural check here, and by
 * xmllint --noout when it is installed), hostile text appears escaped, and
 * nothing to draw writes nothing.
 */
#include "wp_test.h"

#include <ctype.h>
#include <jansson.h>

#include "werkplaats/svg.h"

static const char *const evil = "<script>document.title='x'</script>\"><img src=x onerror=alert(1)>&";

/* --- a strict check of well-formedness ---------------------------------------------- */

static int valid_entity(const char *p)
{
    static const char *const named[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", NULL };

    for (int i = 0; named[i] != NULL; i++)
        if (strncmp(p, named[i], strlen(named[i])) == 0)
            return 1;
    return 0;
}

/* Checks that text is one element with balanced tags, quoted attributes and
 * only the entities the writer makes; fails the test with the position. */
static void assert_well_formed(const char *text)
{
    const char *stack[64];
    size_t depth = 0, roots = 0;
    const char *p = text;

    while (*p) {
        if (*p == '&') {
            if (!valid_entity(p))
                fail_msg("ongeldige entiteit bij: %.40s", p);
            p++;
            continue;
        }
        if (*p == '>')
            fail_msg("losse '>' in tekst bij: %.40s", p);
        if (*p != '<') {
            p++;
            continue;
        }
        if (p[1] == '/') {
            size_t n = strcspn(p + 2, ">");
            assert_true(depth > 0);
            depth--;
            if (strncmp(p + 2, stack[depth], n) != 0 || (stack[depth][n] != ' ' && stack[depth][n] != '>' &&
                                                          stack[depth][n] != '/'))
                fail_msg("sluittag past niet bij: %.40s", p);
            p += n + 3;
            continue;
        }
        /* An opening tag: name, then attributes name="value", then > or />. */
        {
            const char *name = ++p;
            if (!isalpha((unsigned char)*p))
                fail_msg("ongeldige tag bij: %.40s", p - 1);
            while (isalnum((unsigned char)*p) || *p == '-' || *p == ':')
                p++;
            for (;;) {
                while (*p == ' ')
                    p++;
                if (*p == '>' || (p[0] == '/' && p[1] == '>'))
                    break;
                if (!isalpha((unsigned char)*p))
                    fail_msg("ongeldig attribuut bij: %.40s", p);
                while (isalnum((unsigned char)*p) || *p == '-' || *p == ':')
                    p++;
                if (p[0] != '=' || p[1] != '"')
                    fail_msg("attribuut zonder aanhalingstekens bij: %.40s", p);
                p += 2;
                while (*p != '"') {
                    if (*p == '\0' || *p == '<')
                        fail_msg("open attribuutwaarde bij: %.40s", p);
                    if (*p == '&' && !valid_entity(p))
                        fail_msg("ongeldige entiteit in attribuut bij: %.40s", p);
                    p++;
                }
                p++;
            }
            if (depth == 0)
                roots++;
            if (*p == '/') {
                p += 2;
                continue;
            }
            assert_true(depth < 64);
            stack[depth++] = name;
            p++;
        }
    }
    if (depth != 0)
        fail_msg("%zu tag(s) niet gesloten", depth);
    assert_int_equal(roots, 1);
}

/* xmllint --noout, when it is installed: the strictest parser at hand. */
static void assert_xmllint_accepts(const char *text)
{
    char cmd[256];
    FILE *fp;

    if (system("command -v xmllint > /dev/null 2>&1") != 0)
        return;
    snprintf(cmd, sizeof cmd, "xmllint --noout - > /dev/null 2>&1");
    fp = popen(cmd, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(pclose(fp), 0);
}

/* Draws with fn and checks the result; returns the text (caller frees). */
static char *draw_checked(int (*fn)(struct writer *, json_t *), json_t *in)
{
    struct writer w;
    char *out;

    writer_init(&w, WRITER_HTML);
    assert_int_equal(fn(&w, in), 1);
    out = writer_take(&w, NULL);
    assert_non_null(out);
    assert_true(strncmp(out, "<svg ", 5) == 0);
    assert_non_null(strstr(out, "<title>"));
    assert_well_formed(out);
    assert_xmllint_accepts(out);
    assert_null(strstr(out, "<script"));
    assert_null(strstr(out, "<img"));
    return out;
}

static void assert_escaped_evil(const char *out)
{
    assert_non_null(strstr(out, "&lt;script&gt;"));
}

/* --- the pictures --------------------------------------------------------------- */

static json_t *evil_item(const char *id, int stemmen)
{
    return json_pack("{s:s, s:s, s:i, s:{s:i, s:i}, s:[s]}", "id", id, "tekst", evil, "stemmen", stemmen,
                     "stemmen_per_groep", "bewoners", stemmen - 1, "jongeren", 1, "omgevingen", "sociaal");
}

static void test_empathiekaart(void **state)
{
    json_t *kaart = json_pack("{s:s, s:[o, s], s:[s], s:[], s:[s], s:[s], s:[o, o, o, o, o, o, o], s:[o]}", "persona",
                              evil, "denkt", evil_item("k1", 1), "een gewone gedachte", "hoort", "lawaai", "ziet",
                              "zegt", "niets", "doet", "omlopen", "pijnen", evil_item("p1", 9), evil_item("p2", 5),
                              evil_item("p3", 4), evil_item("p4", 3), evil_item("p5", 2), evil_item("p6", 2),
                              evil_item("p7", 1), "winsten", evil_item("w1", 2));
    char *out = draw_checked(svg_empathiekaart, kaart);

    (void)state;
    assert_escaped_evil(out);
    assert_non_null(strstr(out, "Denkt"));
    assert_non_null(strstr(out, "Pijnen"));
    assert_non_null(strstr(out, "en nog "));         /* seven pains do not all fit */
    assert_non_null(strstr(out, "(niets ingevuld)")); /* ziet is empty */
    free(out);
    json_decref(kaart);
}

static void test_klantreis(void **state)
{
    json_t *reis = json_pack("{s:s, s:[{s:s, s:s, s:f}, {s:s, s:s, s:f}, {s:s, s:s}, {s:s, s:s, s:f}], s:[{s:s}]}",
                             "persona", evil, "momenten", "id", "m1", "tekst", evil, "emotie", -2.5, "id", "m2",
                             "tekst", "Het plein", "emotie", 9.0, "id", "m3", "tekst", "zonder gevoel", "id", "m4",
                             "tekst", "school", "emotie", 2.0, "dieptepunten", "id", "m1");
    char *out = draw_checked(svg_klantreis, reis);

    (void)state;
    assert_escaped_evil(out);
    assert_non_null(strstr(out, "dieptepunt"));
    assert_non_null(strstr(out, "-2,5"));
    free(out);
    json_decref(reis);
}

static int draw_glijbaan(struct writer *w, json_t *in)
{
    json_t *glijbaan = json_pack("[s, s, s]", "boven", "midden", "onder");
    json_t *groepen = json_pack("[s, s]", "bewoners", "professionals");
    int rc = svg_glijbaan(w, "Na sprint 1 <b>", in, glijbaan, groepen);

    json_decref(glijbaan);
    json_decref(groepen);
    return rc;
}

static void test_glijbaan(void **state)
{
    json_t *pos = json_pack("[{s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:f}, {s:s}]", "wie", evil, "groep", "bewoners",
                            "positie", "onder", "naam", "Wijkagent", "groep", "professionals", "positie", "boven",
                            "betrokkene", "zonder-positie", "waarde", 2.2, "naam", "helemaal niets");
    char *out = draw_checked(draw_glijbaan, pos);

    (void)state;
    assert_escaped_evil(out);
    assert_non_null(strstr(out, "Na sprint 1 &lt;b&gt;"));
    assert_non_null(strstr(out, "1 betrokkenen boven, 2 in het midden, 1 onder"));
    free(out);
    json_decref(pos);
}

static int draw_koppelvlakken(struct writer *w, json_t *in)
{
    json_t *omg = json_pack("[s, s, s, s]", "sociaal", "fysiek", "institutioneel", "crimineel");
    int rc = svg_koppelvlakken(w, in, omg);

    json_decref(omg);
    return rc;
}

static void test_koppelvlakken(void **state)
{
    json_t *iv = json_pack("[{s:s, s:[s, s]}, {s:s, s:[s]}, {s:s, s:[s, s, s]}, {s:s}]", "naam", evil, "omgevingen",
                           "sociaal", "fysiek", "naam", "Alleen fysiek", "omgevingen", "fysiek", "naam", "Drie",
                           "omgevingen", "sociaal", "institutioneel", "crimineel", "naam", "zonder omgevingen");
    char *out = draw_checked(draw_koppelvlakken, iv);

    (void)state;
    assert_escaped_evil(out);
    assert_non_null(strstr(out, "Alleen fysiek"));
    assert_non_null(strstr(out, "4 interventies"));
    free(out);
    json_decref(iv);
}

static int draw_stemmen(struct writer *w, json_t *in)
{
    json_t *groepen = json_pack("[s, s, s]", "bewoners", "jongeren", "professionals");
    int rc = svg_stemmen(w, "Pijnen <i>", in, groepen);

    json_decref(groepen);
    return rc;
}

static void test_stemmen(void **state)
{
    json_t *items = json_pack("[o, {s:s, s:i}, {s:s, s:i}, {s:s}]", evil_item("a", 6), "tekst", "zonder groepen",
                              "stemmen", 3, "tekst", "nul stemmen", "stemmen", 0, "tekst", "geen getal");
    char *out = draw_checked(draw_stemmen, items);

    (void)state;
    assert_escaped_evil(out);
    assert_non_null(strstr(out, "Pijnen &lt;i&gt;"));
    assert_non_null(strstr(out, "bewoners"));
    assert_non_null(strstr(out, "zonder groepen"));
    assert_null(strstr(out, "nul stemmen"));  /* only items with votes get a bar */
    free(out);
    json_decref(items);
}

static void test_tijdlijn(void **state)
{
    json_t *sprints = json_pack("[{s:i, s:s, s:s, s:s}, {s:i, s:s, s:s, s:s}, {s:i, s:s, s:s}, {s:s}]", "nr", 1,
                                "naam", evil, "status", "gesloten", "gesloten", "2026-01-27T18:00:00.000Z", "nr", 2,
                                "naam", "Dit is er aan de hand", "status", "lopend", "gestart", "2026-02-01", "nr", 3,
                                "naam", "Wijkwens(en)", "status", "gepland", "naam", "zonder nummer");
    char *out = draw_checked(svg_tijdlijn, sprints);

    (void)state;
    assert_escaped_evil(out);
    assert_non_null(strstr(out, "1 van de 4 sprints gesloten"));
    assert_non_null(strstr(out, "2026-01-27<"));
    free(out);
    json_decref(sprints);
}

/* Nothing to draw, or a shape that is not what a picture expects: no output. */
static void test_nothing_to_draw(void **state)
{
    struct writer w;
    json_t *empty = json_object(), *list = json_array(), *str = json_string("x");
    char *out;

    (void)state;
    writer_init(&w, WRITER_HTML);
    assert_int_equal(svg_empathiekaart(&w, empty), 0);
    assert_int_equal(svg_empathiekaart(&w, str), 0);
    assert_int_equal(svg_empathiekaart(&w, NULL), 0);
    assert_int_equal(svg_klantreis(&w, empty), 0);
    assert_int_equal(svg_klantreis(&w, list), 0);
    assert_int_equal(svg_glijbaan(&w, "fase", list, NULL, NULL), 0);
    assert_int_equal(svg_glijbaan(&w, "fase", empty, NULL, NULL), 0);
    assert_int_equal(svg_koppelvlakken(&w, list, list), 0);
    assert_int_equal(svg_stemmen(&w, "t", list, NULL), 0);
    assert_int_equal(svg_stemmen(&w, "t", str, NULL), 0);
    assert_int_equal(svg_tijdlijn(&w, empty), 0);
    out = writer_take(&w, NULL);
    assert_string_equal(out, "");
    free(out);
    json_decref(empty);
    json_decref(list);
    json_decref(str);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empathiekaart), cmocka_unit_test(test_klantreis),
        cmocka_unit_test(test_glijbaan),      cmocka_unit_test(test_koppelvlakken),
        cmocka_unit_test(test_stemmen),       cmocka_unit_test(test_tijdlijn),
        cmocka_unit_test(test_nothing_to_draw),
    };

    return cmocka_run_group_tests_name("svg", tests, NULL, NULL);
}
