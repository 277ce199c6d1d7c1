/*
 * test_invoer.c: a written input to the fact it describes (invoer.c).
 *
 * A draaiboek's entries are read straight from their YAML tree; a
 * voorbeeld's come as JSON. invoer.h promises that the YAML road gives what
 * the JSON road gives for the same entry made JSON by invoer_yaml_to_json:
 * the same fact, or the same messages. Every entry below, good and bad, is
 * taken both ways and compared field by field.
 */
#include "wp_test.h"

#include "werkplaats/invoer.h"

static const char *const kinds[] = { "geen", "bijdrage", "stem", "plaatsing", "besluit" };

/* One entry, for a step of each kind in turn. */
static const char *const entries[] = {
    /* bijdragen */
    "{ id: s1, wie: wijkagent, tekst: \"Op het plein wordt gedeald\", omgevingen: [crimineel, fysiek] }",
    "{ id: s2, wie: anna, veld: zorgen, tekst: Donker, omgevingen: sociaal, gevoelig: ja }",
    "{ tekst: 'zonder wie', gevoelig: nee, bij: w3 }",
    "{ id: 12, tekst: x }",                       /* a number where text belongs */
    "{ id: '12', tekst: \"12\" }",                /* quoted: text */
    "{ tekst: 3.5 }",
    "{ tekst: [a, b] }",
    "{ tekst: ~, wie: null, veld: }",              /* null: absent */
    "{ tekst: x, omgevingen: [fysiek, 3] }",
    "{ tekst: x, omgevingen: [fysiek, ja] }",
    "{ tekst: x, omgevingen: { a: b } }",
    "{ tekst: x, omgevingen: ~ }",
    "{ tekst: x, omgevingen: [] }",
    "{ tekst: x, gevoelig: ~ }",
    "{ tekst: x, gevoelig: \"ja\" }",
    "{ tekst: x, gevoelig: true }",
    "{ tekst: x, tkst: y, wei: z }",
    "{ tekst: inf }",                              /* no number in JSON: text */               /* two unknown keys, two messages */
    "[ a, b ]",
    "gewoon tekst",
    /* stemmen */
    "{ wie: anna, op: s3, aantal: 2 }",
    "{ wie: anna, op: s3 }",
    "{ wie: anna, op: s3, aantal: twee }",
    "{ wie: anna, op: s3, aantal: ~ }",
    "{ wie: anna, op: s3, aantal: -1.25e2 }",
    "{ wie: anna, op: s3, aantal: 1e999 }",
    "{ wie: anna, op: 7 }",
    /* plaatsingen */
    "{ wie: anna, op: b1, waarde: 3, tekst: midden }",
    "{ wie: anna, op: b1 }",
    "{ wie: anna, op: b1, waarde: ~ }",
    "{ wie: anna, op: b1, waarde: \"3\" }",
    "{ wie: anna, op: b1, waarde: nan }",
    "{ wie: anna, op: b1, waarde: -inf }",
    /* besluiten */
    ("{ wie: wethouder, tekst: \"We doen het\", uitkomst: aangenomen, bezwaren: "
     "[{ wie: piet, tekst: te duur, opgelost: ja }] }"),
    "{ tekst: Besluit, bezwaren: ~ }",
    "{ tekst: Besluit, bezwaren: [] }",
    "{ tekst: Besluit, bezwaren: geen }",
    "{ tekst: Besluit, bezwaren: [{ wie: piet, reden: x }] }",
    "{ tekst: Besluit, bezwaren: [plat] }",
    "{ tekst: Besluit, uitkomst: 1 }",
};

static void assert_same_text(const char *a, const char *b, const char *what)
{
    if ((a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0))
        fail_msg("%s: '%s' tegenover '%s'", what, a ? a : "(geen)", b ? b : "(geen)");
}

static void assert_same_json(json_t *a, json_t *b, const char *what)
{
    if ((a == NULL) != (b == NULL) || (a != NULL && !json_equal(a, b)))
        fail_msg("%s verschilt", what);
}

static void compare(const struct feit_invoer *y, const struct feit_invoer *j)
{
    assert_same_text(y->ref, j->ref, "ref");
    assert_same_text(y->deelnemer, j->deelnemer, "deelnemer");
    assert_same_text(y->veld, j->veld, "veld");
    assert_same_text(y->tekst, j->tekst, "tekst");
    assert_same_text(y->bij, j->bij, "bij");
    assert_same_text(y->op, j->op, "op");
    assert_same_text(y->uitkomst, j->uitkomst, "uitkomst");
    assert_same_json(y->omgevingen, j->omgevingen, "omgevingen");
    assert_same_json(y->bezwaren, j->bezwaren, "bezwaren");
    assert_true(y->waarde == j->waarde || (y->waarde != y->waarde && j->waarde != j->waarde));
    assert_int_equal(y->gevoelig, j->gevoelig);
    assert_int_equal(y->doel, j->doel);
}

/* Both roads for one entry and one kind of step; returns whether it was read. */
static int both_ways(const char *text, enum plugin_invoer kind)
{
    struct plugin_stap stap = { .id = (char *)"kaart", .invoer = kind };
    wp_error err_y = WP_ERROR_INIT, err_j = WP_ERROR_INIT, err_load = WP_ERROR_INIT;
    struct yamlx_node *node = yamlx_load_string("t.yaml", text, strlen(text), NULL, &err_load);
    json_t *entry, *held = json_array();
    struct feit_invoer in_y, in_j;
    enum feit_soort soort_y = FEIT_STAP, soort_j = FEIT_STAP;
    int rc_y, rc_j;

    if (node == NULL)
        fail_msg("%s: %s", text, wp_error_first(&err_load));
    entry = invoer_yaml_to_json(node);
    rc_y = invoer_from_yaml(&stap, node, held, &soort_y, &in_y, "t.yaml:1:1", &err_y);
    rc_j = invoer_from_json(&stap, entry, &soort_j, &in_j, "t.yaml:1:1", &err_j);
    if (rc_y != rc_j)
        fail_msg("%s (%s): yaml %d, json %d", text, kinds[kind], rc_y, rc_j);
    assert_int_equal(err_y.count, err_j.count);
    for (size_t i = 0; i < err_y.count; i++)
        assert_string_equal(err_y.messages[i], err_j.messages[i]);
    if (rc_y == 0) {
        assert_int_equal(soort_y, soort_j);
        compare(&in_y, &in_j);
    }
    wp_error_clear(&err_y);
    wp_error_clear(&err_j);
    json_decref(entry);
    json_decref(held);
    yamlx_node_free(node);
    return rc_y == 0;
}

static void test_yaml_reads_as_json(void **state)
{
    int read = 0, refused = 0;

    (void)state;
    for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++)
        for (int k = INVOER_GEEN; k <= INVOER_BESLUIT; k++) {
            if (both_ways(entries[i], (enum plugin_invoer)k))
                read++;
            else
                refused++;
        }
    /* Both roads were taken many times, to a fact and to a refusal. */
    assert_int_equal(read, 18);
    assert_int_equal(refused, 182);
}

/* One entry read the YAML road, for a step of kind; done() frees it. */
struct read {
    struct yamlx_node *node;
    json_t *held;
    struct feit_invoer in;
    enum feit_soort soort;
    int rc;
};

static void read_yaml(struct read *r, const char *text, enum plugin_invoer kind, const char *where, wp_error *err)
{
    struct plugin_stap stap = { .id = (char *)"kaart", .invoer = kind };

    r->node = yamlx_load_string("t.yaml", text, strlen(text), NULL, err);
    r->held = json_array();
    assert_non_null(r->node);
    r->rc = invoer_from_yaml(&stap, r->node, r->held, &r->soort, &r->in, where, err);
}

static void done(struct read *r)
{
    json_decref(r->held);
    yamlx_node_free(r->node);
}

/* What the YAML road gives, spelled out for the cases that differ most in
 * shape: one omgeving written as a name, a number, a boolean. */
static void test_yaml_values(void **state)
{
    wp_error err = WP_ERROR_INIT;
    struct read r;

    (void)state;
    read_yaml(&r, "{ id: s2, wie: anna, tekst: \"12\", omgevingen: sociaal, gevoelig: ja }", INVOER_BIJDRAGE,
              "t.yaml:1:1", &err);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.soort, FEIT_BIJDRAGE);
    assert_string_equal(r.in.ref, "s2");
    assert_string_equal(r.in.tekst, "12");
    assert_int_equal(json_array_size(r.in.omgevingen), 1);
    assert_string_equal(json_string_value(json_array_get(r.in.omgevingen, 0)), "sociaal");
    assert_int_equal(r.in.gevoelig, 1);
    done(&r);

    read_yaml(&r, "{ wie: anna, op: b1, waarde: -1.5e1 }", INVOER_PLAATSING, "t.yaml:1:1", &err);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.soort, FEIT_PLAATSING);
    assert_true(r.in.waarde == -15.0);
    assert_string_equal(r.in.ref, "b1");
    done(&r);

    read_yaml(&r, "{ wie: anna, op: 7 }", INVOER_STEM, "t.yaml:3:5", &err);
    assert_int_equal(r.rc, -1);
    assert_messages(&err, "t.yaml:3:5: 'op' moet tekst zijn; zet getallen tussen aanhalingstekens");
    wp_error_clear(&err);
    done(&r);
}

/* Plain scalars read as JSON: numbers and booleans where the whole scalar
 * is one, text otherwise (also infinity and NaN, which JSON cannot hold);
 * quoted scalars are always text. */
static void test_scalars_as_json(void **state)
{
    static const struct {
        const char *yaml, *json;
    } cases[] = {
        { "12", "12" }, { "-7", "-7" }, { "+3", "3" }, { "-1.5e1", "-15.0" }, { ".5", "0.5" },
        { "0x1A", "26.0" }, { "inf", "\"inf\"" }, { "Infinity", "\"Infinity\"" }, { "nan", "\"nan\"" },
        { "NaN", "\"NaN\"" }, { "ja", "true" }, { "nee", "false" }, { "true", "true" }, { "Ja", "\"Ja\"" },
        { "~", "null" }, { "null", "null" }, { "Null", "null" }, { "NULL", "null" }, { "nul", "\"nul\"" },
        { "~~", "\"~~\"" }, { "nullen", "\"nullen\"" }, { "NUL", "\"NUL\"" }, { "jaa", "\"jaa\"" },
        { "neen", "\"neen\"" }, { "truth", "\"truth\"" }, { "f", "\"f\"" }, { "12a", "\"12a\"" }, { "1e999", "\"1e999\"" }, { "-x", "\"-x\"" }, { "+", "\"+\"" },
        { "'12'", "\"12\"" }, { "\"ja\"", "\"ja\"" }, { "wijkagent", "\"wijkagent\"" }, { "i1", "\"i1\"" },
        { "n2", "\"n2\"" }, { "99999999999999999999", "\"99999999999999999999\"" },  /* beyond long long: text */
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[64], *got;
        wp_error err = WP_ERROR_INIT;
        struct yamlx_node *node;
        json_t *v;
        snprintf(text, sizeof text, "{ x: %s }", cases[i].yaml);
        node = yamlx_load_string("t.yaml", text, strlen(text), NULL, &err);
        if (node == NULL)
            fail_msg("%s: %s", text, wp_error_first(&err));
        v = invoer_yaml_to_json(yamlx_get(node, "x"));
        assert_non_null(v);
        got = json_dumps(v, JSON_ENCODE_ANY);
        if (strcmp(got, cases[i].json) != 0)
            fail_msg("%s: %s, verwacht %s", cases[i].yaml, got, cases[i].json);
        free(got);
        json_decref(v);
        yamlx_node_free(node);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_yaml_reads_as_json),
        cmocka_unit_test(test_yaml_values),
        cmocka_unit_test(test_scalars_as_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
