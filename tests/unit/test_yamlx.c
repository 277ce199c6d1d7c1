/*
 * test_yamlx.c: the bounded YAML reader: trees with positions, every limit,
 * aliases, bad bytes, files that are not what they seem, the typed getters
 * with their exact messages, and the streaming API.
 */
#include "wp_test.h"

#include <errno.h>
#include <sys/wait.h>

#include "werkplaats/yamlx.h"

/* Loads text as "t.yaml" with lim (NULL: defaults). */
static struct yamlx_node *load(const char *text, const struct yamlx_limits *lim, wp_error *err)
{
    return yamlx_load_string("t.yaml", text, strlen(text), lim, err);
}

/* text does not load, and the one message is exactly expected. */
static void refuse(const char *text, const struct yamlx_limits *lim, const char *expected)
{
    wp_error err = WP_ERROR_INIT;
    struct yamlx_node *root = yamlx_load_string("t.yaml", text, strlen(text), lim, &err);

    assert_null(root);
    assert_int_equal(err.code, WP_EUSER);
    assert_messages(&err, expected);
    wp_error_clear(&err);
}

/* n nested flow sequences: "[[[...]]]". Caller frees. */
static char *nested(int n)
{
    char *s = malloc(2 * (size_t)n + 2);

    assert_non_null(s);
    memset(s, '[', (size_t)n);
    memset(s + n, ']', (size_t)n);
    s[2 * n] = '\n';
    s[2 * n + 1] = '\0';
    return s;
}

/* --- trees --------------------------------------------------------------- */

static void test_tree_with_positions(void **state)
{
    static const char text[] =
        "# een commentaar\n"
        "naam: Molenwijk\n"
        "lijst:\n"
        "  - een\n"
        "  - \"twee\"\n"
        "kaart: {a: 1, b: [x, y]}\n"
        "leeg:\n"
        "tekst: >-\n"
        "  Ideeën voor\n"
        "  het plein\n";
    wp_error err = WP_ERROR_INIT;
    struct yamlx_node *root = load(text, NULL, &err);
    const struct yamlx_node *v;
    (void)state;

    assert_non_null(root);
    assert_no_error(&err);
    assert_int_equal(root->kind, YAMLX_MAP);
    assert_int_equal(root->n, 5);
    assert_int_equal(root->line, 2);
    assert_int_equal(root->col, 1);
    assert_string_equal(root->items[0]->str, "naam");
    assert_int_equal(root->items[2]->line, 3);

    v = yamlx_get(root, "naam");
    assert_int_equal(v->kind, YAMLX_SCALAR);
    assert_string_equal(v->str, "Molenwijk");
    assert_int_equal(v->len, 9);
    assert_true(v->plain);
    assert_int_equal(v->line, 2);
    assert_int_equal(v->col, 7);

    v = yamlx_get(root, "lijst");
    assert_int_equal(v->kind, YAMLX_SEQ);
    assert_int_equal(v->n, 2);
    assert_int_equal(v->line, 4);
    assert_int_equal(v->col, 3);
    assert_string_equal(v->items[1]->str, "twee");
    assert_false(v->items[1]->plain);
    assert_int_equal(v->items[1]->line, 5);
    assert_int_equal(v->items[1]->col, 5);

    v = yamlx_get(root, "kaart");
    assert_int_equal(v->kind, YAMLX_MAP);
    assert_int_equal(v->col, 8);
    v = yamlx_get(v, "b");
    assert_int_equal(v->kind, YAMLX_SEQ);
    assert_string_equal(v->items[1]->str, "y");
    assert_int_equal(v->items[1]->line, 6);
    assert_int_equal(v->items[1]->col, 22);

    assert_true(yamlx_is_null(yamlx_get(root, "leeg")));
    assert_true(yamlx_is_null(yamlx_get(root, "bestaat-niet")));
    assert_string_equal(yamlx_get(root, "tekst")->str, "Ideeën voor het plein");
    assert_null(yamlx_get(yamlx_get(root, "naam"), "x"));
    yamlx_node_free(root);
}

static void test_scalar_root_and_columns_count_characters(void **state)
{
    wp_error err = WP_ERROR_INIT;
    /* "é" is two bytes but one column: the value starts in column 6. */
    struct yamlx_node *root = load("ééé: x\n", NULL, &err);
    (void)state;

    assert_non_null(root);
    assert_int_equal(root->items[1]->col, 6);
    yamlx_node_free(root);

    root = load("gewoon tekst\n", NULL, &err);
    assert_non_null(root);
    assert_int_equal(root->kind, YAMLX_SCALAR);
    assert_string_equal(root->str, "gewoon tekst");
    yamlx_node_free(root);
    assert_no_error(&err);
}

/* --- limits -------------------------------------------------------------- */

static void test_depth_limit(void **state)
{
    wp_error err = WP_ERROR_INIT;
    char *ok = nested(64), *deep = nested(65);
    struct yamlx_node *root = load(ok, NULL, &err);
    struct yamlx_limits lim = yamlx_default_limits;
    (void)state;

    assert_int_equal(yamlx_default_limits.max_depth, 64);
    assert_non_null(root);
    assert_no_error(&err);
    yamlx_node_free(root);
    refuse(deep, NULL, "t.yaml:1:65: te diep genest (meer dan 64 niveaus)");

    /* Block style counts the same way, and a tighter limit applies. */
    lim.max_depth = 2;
    root = load("a:\n  b: 1\n", &lim, &err);
    assert_non_null(root);
    yamlx_node_free(root);
    refuse("a:\n  b: [1]\n", &lim, "t.yaml:2:6: te diep genest (meer dan 2 niveaus)");
    free(ok);
    free(deep);
}

static void test_deep_nesting_is_refused_without_recursing(void **state)
{
    /* 100,000 levels: libyaml 0.2.5 accepts this; we stop at 65, long
     * before the C stack would notice. */
    char *deep = nested(100000);
    (void)state;

    refuse(deep, NULL, "t.yaml:1:65: te diep genest (meer dan 64 niveaus)");
    free(deep);
}

static void test_node_limit(void **state)
{
    struct yamlx_limits lim = yamlx_default_limits;
    wp_error err = WP_ERROR_INIT;
    struct yamlx_node *root;
    (void)state;

    lim.max_nodes = 5;  /* the sequence itself and four items */
    root = load("[1,2,3,4]", &lim, &err);
    assert_non_null(root);
    assert_no_error(&err);
    yamlx_node_free(root);
    refuse("[1,2,3,4,5]", &lim, "t.yaml:1:10: te veel waarden (meer dan 5)");
    /* Keys count too. */
    refuse("a: 1\nb: 2\nc: 3\n", &lim, "t.yaml:3:1: te veel waarden (meer dan 5)");
}

static void test_scalar_limit(void **state)
{
    struct yamlx_limits lim = yamlx_default_limits;
    wp_error err = WP_ERROR_INIT;
    struct yamlx_node *root;
    (void)state;

    lim.max_scalar = 10;
    root = load("a: \"1234567890\"\n", &lim, &err);
    assert_non_null(root);
    assert_no_error(&err);
    yamlx_node_free(root);
    refuse("a: \"12345678901\"\n", &lim, "t.yaml:1:4: waarde te groot (11 bytes, hooguit 10)");
    refuse("12345678901: a\n", &lim, "t.yaml:1:1: waarde te groot (11 bytes, hooguit 10)");
}

/* A value far larger than the limit: the read handler stops feeding libyaml
 * after the limit plus its read-ahead, so memory never grows with the value. */
static char *huge_value_document(size_t size)
{
    char *text = malloc(size + 64);

    assert_non_null(text);
    strcpy(text, "eerst: kort\ngroot: \"");
    memset(text + strlen(text), 'x', size);
    strcpy(text + 20 + size, "\"\n");
    return text;
}

static void test_streaming_bound_on_one_value(void **state)
{
    struct yamlx_limits lim = yamlx_default_limits;
    size_t size = 4 * 1024 * 1024;
    char *text = huge_value_document(size);
    char *dir = wp_tmpdir(), path[4096], expected[4200];
    wp_error err = WP_ERROR_INIT;
    struct yamlx_reader *r;
    const struct yamlx_node *key;
    struct yamlx_node *v;
    (void)state;

    lim.max_scalar = 1024;
    lim.max_file = 0;
    for (int from_file = 0; from_file <= 1; from_file++) {
        if (from_file) {
            wp_write(wp_join(path, sizeof path, dir, "groot.yaml"), text, (size_t)-1);
            r = yamlx_open_file(path, &lim, &err);
        } else {
            r = yamlx_open_string("t.yaml", text, strlen(text), &lim, &err);
        }
        assert_non_null(r);
        assert_int_equal(yamlx_map_begin(r, NULL, NULL, &err), 0);
        assert_int_equal(yamlx_map_next(r, &key, &err), 1);
        v = yamlx_read(r, &err);
        assert_non_null(v);
        yamlx_node_free(v);
        assert_int_equal(yamlx_map_next(r, &key, &err), 1);
        assert_string_equal(key->str, "groot");
        assert_null(yamlx_read(r, &err));
        snprintf(expected, sizeof expected, "%s:2: waarde te groot na deze regel (meer dan 1024 bytes "
                 "in één waarde)", from_file ? path : "t.yaml");
        assert_messages(&err, expected);
        yamlx_close(r);
        wp_error_clear(&err);
    }
    wp_rmtree(dir);
    free(text);
}

static void test_file_size_limit(void **state)
{
    struct yamlx_limits lim = yamlx_default_limits;
    char *dir = wp_tmpdir(), path[4096], expected[4200];
    char text[128];
    wp_error err = WP_ERROR_INIT;
    struct yamlx_node *root;
    (void)state;

    lim.max_file = 100;
    memset(text, 'a', 100);
    memcpy(text, "a: ", 3);
    text[100] = '\0';
    root = load(text, &lim, &err);
    assert_non_null(root);
    assert_no_error(&err);
    yamlx_node_free(root);
    text[99] = '\n';
    text[100] = 'b';
    text[101] = '\0';
    refuse(text, &lim, "t.yaml: bestand te groot (101 bytes, hooguit 100)");

    wp_write(wp_join(path, sizeof path, dir, "groot.yaml"), text, (size_t)-1);
    assert_null(yamlx_load_file(path, &lim, &err));
    snprintf(expected, sizeof expected, "%s: bestand te groot (101 bytes, hooguit 100)", path);
    assert_messages(&err, expected);
    wp_error_clear(&err);
    wp_rmtree(dir);
}

/* --- aliases ------------------------------------------------------------- */

static void test_aliases_are_refused(void **state)
{
    static const char laughs[] =
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
        "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
        "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
    wp_error err = WP_ERROR_INIT;
    struct yamlx_node *root;
    (void)state;

    refuse("a: &x 1\nb: *x\n", NULL,
           "t.yaml:2:4: YAML-aliassen (*x) worden niet ondersteund: schrijf de waarde voluit");
    refuse(laughs, NULL,
           "t.yaml:2:8: YAML-aliassen (*a) worden niet ondersteund: schrijf de waarde voluit");
    /* A sequence that contains itself. */
    refuse("&a [*a]\n", NULL,
           "t.yaml:1:5: YAML-aliassen (*a) worden niet ondersteund: schrijf de waarde voluit");
    refuse("- &k a\n- {*k : b}\n", NULL,
           "t.yaml:2:4: YAML-aliassen (*k) worden niet ondersteund: schrijf de waarde voluit");
    /* An anchor alone is harmless: the value is read as written. */
    root = load("a: &x 1\n", NULL, &err);
    assert_non_null(root);
    assert_string_equal(yamlx_get(root, "a")->str, "1");
    yamlx_node_free(root);
}

/* --- bytes --------------------------------------------------------------- */

static void test_invalid_utf8_and_nul(void **state)
{
    wp_error err = WP_ERROR_INIT;
    static const char nul[] = "a: b\0c\n";
    (void)state;

    refuse("a: \"b\xff" "c\"\n", NULL, "t.yaml:1:6: ongeldige UTF-8 (is het bestand als UTF-8 opgeslagen?)");
    /* Columns count characters: "é" and "ü" are one column each. A broken
     * sequence is reported where the broken character starts (\xc3), not at
     * the "(" after it where libyaml noticed. */
    refuse("a: é\nb: ü\nc: \"xü\xc3(\"\n", NULL,
           "t.yaml:3:7: ongeldige UTF-8 (is het bestand als UTF-8 opgeslagen?)");
    refuse("# commentaar \xfe\na: 1\n", NULL,
           "t.yaml:1:14: ongeldige UTF-8 (is het bestand als UTF-8 opgeslagen?)");
    /* Overlong "/" and a UTF-16 surrogate are not UTF-8. */
    refuse("a: \xc0\xaf\n", NULL, "t.yaml:1:4: ongeldige UTF-8 (is het bestand als UTF-8 opgeslagen?)");
    refuse("a: \xed\xa0\x80\n", NULL, "t.yaml:1:4: ongeldig Unicode-teken");
    refuse("a: \xe2\x82", NULL, "t.yaml:1:4: ongeldige UTF-8: onvolledig teken aan het eind");

    assert_null(yamlx_load_string("t.yaml", nul, sizeof nul - 1, NULL, &err));
    assert_messages(&err, "t.yaml:1:5: stuurtekens (zoals een NUL-byte) zijn niet toegestaan");
    wp_error_clear(&err);
    /* An escaped NUL in a double-quoted string reaches us as a scalar byte. */
    refuse("a: \"x\\0y\"\n", NULL, "t.yaml:1:4: tekst met een NUL-teken of ongeldige UTF-8 is niet toegestaan");
    /* Escapes that make terminal control characters: ESC, BEL, DEL, and the
     * C1 CSI (U+009B); tab, newline and carriage return stay allowed. */
    refuse("a: \"\\e[2J\"\n", NULL,
           "t.yaml:1:4: tekst met een stuurteken (U+001B) is niet toegestaan: zo'n teken kan een terminal besturen");
    refuse("a: [ok, \"x\\ay\"]\n", NULL,
           "t.yaml:1:9: tekst met een stuurteken (U+0007) is niet toegestaan: zo'n teken kan een terminal besturen");
    refuse("a: \"\\x7f\"\n", NULL,
           "t.yaml:1:4: tekst met een stuurteken (U+007F) is niet toegestaan: zo'n teken kan een terminal besturen");
    refuse("a: \"\\u009b31m\"\n", NULL,
           "t.yaml:1:4: tekst met een stuurteken (U+009B) is niet toegestaan: zo'n teken kan een terminal besturen");
    refuse("\"\\e\": 1\n", NULL,
           "t.yaml:1:1: tekst met een stuurteken (U+001B) is niet toegestaan: zo'n teken kan een terminal besturen");
    {
        struct yamlx_node *root = load("a: \"x\\ty\\r\\nz \\u00e9\"\n", NULL, &err);
        assert_non_null(root);
        assert_string_equal(yamlx_get(root, "a")->str, "x\ty\r\nz é");
        yamlx_node_free(root);
    }
}

/* --- shapes that are not one YAML document ------------------------------- */

static void test_not_yaml(void **state)
{
    (void)state;
    refuse("a: [1, 2\n", NULL, "t.yaml:2:1: geen geldige YAML: verwachtte ',' of ']'");
    refuse("a: b: c\n", NULL,
           "t.yaml:1:5: geen geldige YAML: hier mag geen 'sleutel: waarde' staan (vergeten "
           "aanhalingstekens of een dubbele punt te veel?)");
    refuse("a:\n\tb: 1\n", NULL,
           "t.yaml:2:1: geen geldige YAML: teken dat hier niet mag (tabs zijn niet toegestaan om in te springen)");
    refuse("a: \"open\n", NULL,
           "t.yaml:2:1: geen geldige YAML: het bestand houdt onverwacht op (een aanhalingsteken niet gesloten?)");
    refuse("a: 1\n- b\n", NULL, "t.yaml:2:1: geen geldige YAML: verwachtte een sleutel (klopt het inspringen?)");
    refuse("? [a]\n: b\n", NULL, "t.yaml:1:3: een sleutel moet een gewone tekst zijn, geen lijst of mapping");
    /* A problem without a Dutch translation keeps libyaml's own words. */
    refuse("%FOO bar\n--- a\n", NULL,
           "t.yaml:1:5: geen geldige YAML: found unknown directive name while scanning a directive");
}

static void test_empty_and_two_documents(void **state)
{
    (void)state;
    refuse("", NULL, "t.yaml: het bestand is leeg (geen YAML-document)");
    refuse("# alleen commentaar\n\n", NULL, "t.yaml: het bestand is leeg (geen YAML-document)");
    refuse("a: 1\n---\nb: 2\n", NULL,
           "t.yaml:2:1: meer dan één YAML-document in één bestand ('---'); verwachtte er één");
}

static void test_duplicate_keys(void **state)
{
    (void)state;
    refuse("a: 1\nb: 2\na: 3\n", NULL, "t.yaml:3:1: sleutel 'a' staat er twee keer (eerder op regel 1)");
    refuse("x:\n  - {k: 1, k: 2}\n", NULL, "t.yaml:2:12: sleutel 'k' staat er twee keer (eerder op regel 2)");
}

/* --- files --------------------------------------------------------------- */

static void expect_file_error(const char *path, const char *what)
{
    wp_error err = WP_ERROR_INIT;
    char expected[4200];

    snprintf(expected, sizeof expected, "%s: %s", path, what);
    assert_null(yamlx_load_file(path, NULL, &err));
    assert_messages(&err, expected);
    wp_error_clear(&err);
    assert_null(yamlx_open_file(path, NULL, &err));
    assert_messages(&err, expected);
    wp_error_clear(&err);
}

static void test_files_that_are_not_files(void **state)
{
    char *dir = wp_tmpdir(), path[4096];
    (void)state;

    expect_file_error(dir, "is een map, geen bestand");
    expect_file_error(wp_join(path, sizeof path, dir, "weg.yaml"), "bestand bestaat niet");
    assert_int_equal(mkfifo(wp_join(path, sizeof path, dir, "pijp.yaml"), 0644), 0);
    expect_file_error(path, "is geen gewoon bestand");
    expect_file_error("/dev/null", "is geen gewoon bestand");
    wp_rmtree(dir);
}

/* Root reads every file, so as root the check runs in a child that has
 * dropped to the unprivileged user nobody; otherwise in the test itself. */
static void test_unreadable_file(void **state)
{
    char *dir = wp_tmpdir(), path[4096];
    pid_t pid;
    int status;
    (void)state;

    wp_write(wp_join(path, sizeof path, dir, "geheim.yaml"), "a: 1\n", (size_t)-1);
    assert_int_equal(chmod(path, 0), 0);
    if (geteuid() != 0) {
        expect_file_error(path, "geen leesrechten");
        wp_rmtree(dir);
        return;
    }
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        wp_error err = WP_ERROR_INIT;
        char expected[4200];
        if (setgid(65534) != 0 || setuid(65534) != 0)
            _exit(2);
        snprintf(expected, sizeof expected, "%s: geen leesrechten", path);
        if (yamlx_load_file(path, NULL, &err) != NULL || strcmp(wp_error_first(&err), expected) != 0) {
            fprintf(stderr, "# gekregen: %s\n", wp_error_first(&err));
            _exit(1);
        }
        _exit(0);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) == 2) {
        wp_rmtree(dir);
        skip();  /* no user to drop to in this sandbox */
    }
    assert_int_equal(WEXITSTATUS(status), 0);
    wp_rmtree(dir);
}

static void test_load_file_good(void **state)
{
    wp_error err = WP_ERROR_INIT;
    struct yamlx_node *root = yamlx_load_file(wp_src("werkvormen/methode.yaml"), NULL, &err);
    (void)state;

    assert_non_null(root);
    assert_no_error(&err);
    assert_int_equal(yamlx_get(root, "sprints")->kind, YAMLX_SEQ);
    assert_int_equal(yamlx_get(root, "sprints")->n, 7);
    yamlx_node_free(root);
}

/* --- typed getters --------------------------------------------------------- */

static const char getters_doc[] =
    "tekst: hallo\n"
    "leeg:\n"
    "lijst: [a, b]\n"
    "kaart: {x: 1}\n"
    "getal: 42\n"
    "negatief: -7\n"
    "geen_getal: 4x\n"
    "te_groot: 99999999999999999999\n"
    "komma: 3,5\n"
    "punt: 3.5\n"
    "oneindig: inf\n"
    "nan: nan\n"
    "ja: ja\n"
    "nee: nee\n"
    "waar: true\n"
    "yes: yes\n"
    "omgeving: sociale\n"
    "ver: zzz\n"
    "datum: 2024-02-29\n"
    "geen_datum: 2023-02-29\n"
    "los: 2024-1-5\n"
    "leeg_quoted: \"\"\n";

struct getters {
    struct yamlx_node *root;
    wp_error err;
    struct yamlx_ctx c;
};

static int getters_setup(void **state)
{
    struct getters *g = calloc(1, sizeof *g);

    if (g == NULL)
        return -1;
    g->root = yamlx_load_string("g.yaml", getters_doc, strlen(getters_doc), NULL, &g->err);
    if (g->root == NULL) {
        free(g);
        return -1;
    }
    g->c.file = "g.yaml";
    g->c.err = &g->err;
    *state = g;
    return 0;
}

static int getters_teardown(void **state)
{
    struct getters *g = *state;

    yamlx_node_free(g->root);
    wp_error_clear(&g->err);
    free(g);
    return 0;
}

/* The last call added exactly the expected message; then clears it. */
#define assert_said(g, expected) do { assert_messages(&(g)->err, expected); wp_error_clear(&(g)->err); } while (0)

static void test_get_str(void **state)
{
    struct getters *g = *state;
    const char *s = NULL;

    assert_int_equal(yamlx_get_str(&g->c, g->root, "tekst", 1, &s), 1);
    assert_string_equal(s, "hallo");
    assert_int_equal(yamlx_get_str(&g->c, g->root, "tekst", 0, &s), 1);
    s = NULL;
    assert_int_equal(yamlx_get_str(&g->c, g->root, "weg", 0, &s), 0);
    assert_null(s);
    assert_int_equal(yamlx_get_str(&g->c, g->root, "leeg", 0, &s), 0);
    assert_no_error(&g->err);
    assert_int_equal(yamlx_get_str(&g->c, g->root, "weg", 1, &s), -1);
    assert_said(g, "g.yaml:1:1: verplicht veld 'weg' ontbreekt");
    assert_int_equal(yamlx_get_str(&g->c, g->root, "leeg", 1, &s), -1);
    assert_said(g, "g.yaml:2:6: verplicht veld 'leeg' is leeg");
    assert_int_equal(yamlx_get_str(&g->c, g->root, "lijst", 1, &s), -1);
    assert_said(g, "g.yaml:3:8: 'lijst' moet tekst zijn, niet een lijst");
    assert_int_equal(yamlx_get_str(&g->c, g->root, "kaart", 0, &s), -1);
    assert_said(g, "g.yaml:4:8: 'kaart' moet tekst zijn, niet een mapping (sleutel: waarde)");
    /* Quoted empty text is a value where one is optional... */
    assert_int_equal(yamlx_get_str(&g->c, g->root, "leeg_quoted", 0, &s), 1);
    assert_string_equal(s, "");
    /* ...but does not fill in a required field. */
    assert_int_equal(yamlx_get_str(&g->c, g->root, "leeg_quoted", 1, &s), -1);
    assert_true(wp_error_contains(&g->err, "verplicht veld 'leeg_quoted' is leeg"));
}

static void test_get_int(void **state)
{
    struct getters *g = *state;
    long long v = 0;

    assert_int_equal(yamlx_get_int(&g->c, g->root, "getal", 1, 0, 100, &v), 1);
    assert_int_equal(v, 42);
    assert_int_equal(yamlx_get_int(&g->c, g->root, "negatief", 1, -10, 0, &v), 1);
    assert_int_equal(v, -7);
    assert_int_equal(yamlx_get_int(&g->c, g->root, "weg", 0, 0, 1, &v), 0);
    assert_no_error(&g->err);
    assert_int_equal(yamlx_get_int(&g->c, g->root, "getal", 1, 1, 7, &v), -1);
    assert_said(g, "g.yaml:5:8: 'getal' moet tussen 1 en 7 liggen, niet 42");
    assert_int_equal(yamlx_get_int(&g->c, g->root, "geen_getal", 1, 0, 9, &v), -1);
    assert_said(g, "g.yaml:7:13: 'geen_getal' moet een geheel getal zijn, niet '4x'");
    assert_int_equal(yamlx_get_int(&g->c, g->root, "te_groot", 1, 0, 9, &v), -1);
    assert_said(g, "g.yaml:8:11: 'te_groot' moet een geheel getal zijn, niet '99999999999999999999'");
    assert_int_equal(yamlx_get_int(&g->c, g->root, "punt", 1, 0, 9, &v), -1);
    assert_said(g, "g.yaml:10:7: 'punt' moet een geheel getal zijn, niet '3.5'");
    assert_int_equal(yamlx_get_int(&g->c, g->root, "lijst", 1, 0, 9, &v), -1);
    assert_said(g, "g.yaml:3:8: 'lijst' moet een geheel getal zijn, niet een lijst");
    assert_int_equal(yamlx_get_int(&g->c, g->root, "weg", 1, 0, 9, &v), -1);
    assert_said(g, "g.yaml:1:1: verplicht veld 'weg' ontbreekt");
}

static void test_get_num(void **state)
{
    struct getters *g = *state;
    double d = 0;

    assert_int_equal(yamlx_get_num(&g->c, g->root, "punt", 1, &d), 1);
    assert_true(d == 3.5);
    assert_int_equal(yamlx_get_num(&g->c, g->root, "getal", 1, &d), 1);
    assert_true(d == 42.0);
    assert_int_equal(yamlx_get_num(&g->c, g->root, "weg", 0, &d), 0);
    assert_no_error(&g->err);
    assert_int_equal(yamlx_get_num(&g->c, g->root, "komma", 1, &d), -1);
    assert_said(g, "g.yaml:9:8: 'komma' moet een getal zijn (met een punt als decimaalteken), niet '3,5'");
    assert_int_equal(yamlx_get_num(&g->c, g->root, "nan", 1, &d), -1);
    assert_said(g, "g.yaml:12:6: 'nan' moet een getal zijn (met een punt als decimaalteken), niet 'nan'");
    /* Infinity is no figure: JSON cannot carry it, so a report would lose it. */
    assert_int_equal(yamlx_get_num(&g->c, g->root, "oneindig", 1, &d), -1);
    assert_said(g, "g.yaml:11:11: 'oneindig' moet een getal zijn (met een punt als decimaalteken), niet 'inf'");
    assert_int_equal(yamlx_get_num(&g->c, g->root, "kaart", 1, &d), -1);
    assert_said(g, "g.yaml:4:8: 'kaart' moet een getal zijn, niet een mapping (sleutel: waarde)");
}

static void test_get_bool(void **state)
{
    struct getters *g = *state;
    int b = -1;

    assert_int_equal(yamlx_get_bool(&g->c, g->root, "ja", 1, &b), 1);
    assert_int_equal(b, 1);
    assert_int_equal(yamlx_get_bool(&g->c, g->root, "nee", 1, &b), 1);
    assert_int_equal(b, 0);
    assert_int_equal(yamlx_get_bool(&g->c, g->root, "waar", 1, &b), 1);
    assert_int_equal(b, 1);
    b = 7;
    assert_int_equal(yamlx_get_bool(&g->c, g->root, "weg", 0, &b), 0);
    assert_int_equal(b, 7);
    assert_no_error(&g->err);
    assert_int_equal(yamlx_get_bool(&g->c, g->root, "yes", 1, &b), -1);
    assert_said(g, "g.yaml:16:6: 'yes' moet ja of nee (true of false) zijn");
}

static void test_get_enum(void **state)
{
    static const char *const omgevingen[] = { "sociaal", "fysiek", "institutioneel", "crimineel", NULL };
    struct getters *g = *state;
    int idx = -1;

    assert_int_equal(yamlx_get_enum(&g->c, g->root, "omgeving", 1, omgevingen, &idx), -1);
    assert_said(g, "g.yaml:17:11: onbekende omgeving 'sociale', bedoelde je 'sociaal'?; kies uit "
                   "'sociaal', 'fysiek', 'institutioneel' of 'crimineel'");
    assert_int_equal(yamlx_get_enum(&g->c, g->root, "ver", 1, omgevingen, &idx), -1);
    assert_said(g, "g.yaml:18:6: onbekende ver 'zzz'; kies uit 'sociaal', 'fysiek', 'institutioneel' of 'crimineel'");
    assert_int_equal(yamlx_get_enum(&g->c, g->root, "lijst", 1, omgevingen, &idx), -1);
    assert_said(g, "g.yaml:3:8: 'lijst' moet een van 'sociaal', 'fysiek', 'institutioneel' of "
                   "'crimineel' zijn, niet een lijst");
    assert_int_equal(yamlx_scalar_enum(&g->c, yamlx_get(g->root, "tekst"), "woord",
                                       (const char *const[]){ "x", "hallo", NULL }, &idx), 1);
    assert_int_equal(idx, 1);
    assert_int_equal(yamlx_get_enum(&g->c, g->root, "weg", 0, omgevingen, &idx), 0);
    assert_no_error(&g->err);
}

static void test_get_date(void **state)
{
    struct getters *g = *state;
    const char *s = NULL;

    assert_int_equal(yamlx_get_date(&g->c, g->root, "datum", 1, &s), 1);
    assert_string_equal(s, "2024-02-29");
    assert_int_equal(yamlx_get_date(&g->c, g->root, "geen_datum", 1, &s), -1);
    assert_said(g, "g.yaml:20:13: 'geen_datum' moet een datum zijn als JJJJ-MM-DD, niet '2023-02-29'");
    assert_int_equal(yamlx_get_date(&g->c, g->root, "los", 1, &s), -1);
    assert_said(g, "g.yaml:21:6: 'los' moet een datum zijn als JJJJ-MM-DD, niet '2024-1-5'");
    assert_int_equal(yamlx_get_date(&g->c, g->root, "lijst", 1, &s), -1);
    assert_said(g, "g.yaml:3:8: 'lijst' moet een datum zijn als JJJJ-MM-DD, niet 'een lijst'");

    assert_true(yamlx_valid_date("2000-02-29"));
    assert_false(yamlx_valid_date("1900-02-29"));
    assert_true(yamlx_valid_date("2023-12-31"));
    assert_false(yamlx_valid_date("2023-13-01"));
    assert_false(yamlx_valid_date("2023-04-31"));
    assert_false(yamlx_valid_date("2023-04-00"));
    assert_false(yamlx_valid_date("2023-04-1x"));
    assert_false(yamlx_valid_date("2023-04-011"));
}

static void test_get_seq_map_and_kinds(void **state)
{
    struct getters *g = *state;
    const struct yamlx_node *n = NULL;

    assert_int_equal(yamlx_get_seq(&g->c, g->root, "lijst", 1, &n), 1);
    assert_int_equal(n->n, 2);
    assert_int_equal(yamlx_get_map(&g->c, g->root, "kaart", 1, &n), 1);
    assert_int_equal(n->kind, YAMLX_MAP);
    assert_int_equal(yamlx_get_seq(&g->c, g->root, "weg", 0, &n), 0);
    assert_no_error(&g->err);
    assert_int_equal(yamlx_get_seq(&g->c, g->root, "kaart", 1, &n), -1);
    assert_said(g, "g.yaml:4:8: kaart moet een lijst zijn, niet een mapping (sleutel: waarde)");
    assert_int_equal(yamlx_get_map(&g->c, g->root, "tekst", 1, &n), -1);
    assert_said(g, "g.yaml:1:8: tekst moet een mapping (sleutel: waarde) zijn, niet een enkele waarde");
    assert_int_equal(yamlx_get_map(&g->c, g->root, "weg", 1, &n), -1);
    assert_said(g, "g.yaml:1:1: verplicht veld 'weg' ontbreekt");

    assert_string_equal(yamlx_kind_name(YAMLX_SCALAR), "een enkele waarde");
    assert_string_equal(yamlx_kind_name(YAMLX_SEQ), "een lijst");
    assert_int_equal(yamlx_fail(&g->c, NULL, "geen plek: %d", 3), -1);
    assert_said(g, "g.yaml: geen plek: 3");
}

static void test_check_map(void **state)
{
    static const char *const allowed[] = { "tekst", "leeg", "lijst", "kaart", "getal", NULL };
    static const char *const few[] = { "alpha", "beta", NULL };
    struct getters *g = *state;
    wp_error err = WP_ERROR_INIT;
    struct yamlx_ctx c = { "m.yaml", &err };
    static const char text[] = "tekst: 1\ntekstt: 2\nbeta: 3\ngetl: 4\n";
    struct yamlx_node *root = yamlx_load_string("m.yaml", text, strlen(text), NULL, &err);

    assert_non_null(root);
    /* Every unknown key is reported, each with a hint or the list of known keys. */
    assert_int_equal(yamlx_check_map(&c, root, "de proef", allowed), -1);
    assert_messages(&err, "m.yaml:2:1: onbekend veld 'tekstt' in de proef, bedoelde je 'tekst'?",
                    "m.yaml:3:1: onbekend veld 'beta' in de proef; bekende velden: 'tekst', 'leeg', "
                    "'lijst', 'kaart' of 'getal'",
                    "m.yaml:4:1: onbekend veld 'getl' in de proef, bedoelde je 'getal'?");
    wp_error_clear(&err);
    assert_int_equal(yamlx_check_map(&c, yamlx_get(root, "beta"), "de beta", few), -1);
    assert_messages(&err, "m.yaml:3:7: de beta moet een mapping (sleutel: waarde) zijn, niet een enkele waarde");
    wp_error_clear(&err);
    assert_int_equal(yamlx_check_kind(&g->c, g->root, YAMLX_MAP, "x"), 0);
    yamlx_node_free(root);
}

/* --- streaming ------------------------------------------------------------ */

static const char stream_doc[] =
    "sessie: s1\n"
    "feiten:\n"
    "  - {soort: bijdrage, tekst: a}\n"
    "  - {soort: stem}\n"
    "extra: [1, 2]\n";

static void test_stream_walk(void **state)
{
    wp_error err = WP_ERROR_INIT;
    struct yamlx_reader *r = yamlx_open_string("s.yaml", stream_doc, strlen(stream_doc), NULL, &err);
    const struct yamlx_node *key;
    struct yamlx_node *v;
    int line = 0, col = 0;
    (void)state;

    assert_non_null(r);
    assert_string_equal(yamlx_reader_file(r), "s.yaml");
    assert_int_equal(yamlx_peek(r, &line, &col, &err), YAMLX_MAP);
    assert_int_equal(line, 1);
    assert_int_equal(yamlx_map_begin(r, &line, &col, &err), 0);
    assert_int_equal(col, 1);
    assert_int_equal(yamlx_map_next(r, &key, &err), 1);
    assert_string_equal(key->str, "sessie");
    assert_int_equal(yamlx_peek(r, &line, &col, &err), YAMLX_SCALAR);
    assert_int_equal(col, 9);
    v = yamlx_read(r, &err);
    assert_string_equal(v->str, "s1");
    yamlx_node_free(v);

    assert_int_equal(yamlx_map_next(r, &key, &err), 1);
    assert_string_equal(key->str, "feiten");
    assert_int_equal(key->line, 2);
    assert_int_equal(yamlx_peek(r, NULL, NULL, &err), YAMLX_SEQ);
    assert_int_equal(yamlx_seq_begin(r, &line, &col, &err), 0);
    assert_int_equal(line, 3);
    assert_int_equal(col, 3);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(yamlx_seq_next(r, &err), 1);
        v = yamlx_read(r, &err);
        assert_non_null(v);
        assert_int_equal(v->kind, YAMLX_MAP);
        assert_int_equal(v->line, 3 + i);
        assert_string_equal(yamlx_get(v, "soort")->str, i == 0 ? "bijdrage" : "stem");
        yamlx_node_free(v);
    }
    assert_int_equal(yamlx_seq_next(r, &err), 0);
    assert_int_equal(yamlx_map_next(r, &key, &err), 1);
    assert_string_equal(key->str, "extra");
    assert_int_equal(yamlx_skip(r, &err), 0);
    assert_int_equal(yamlx_map_next(r, &key, &err), 0);
    assert_int_equal(yamlx_finish(r, &err), 0);
    assert_no_error(&err);
    yamlx_close(r);
}

/* Walks stream_doc-like text to the first sequence item; returns the reader. */
static struct yamlx_reader *open_at(const char *text, const struct yamlx_limits *lim, wp_error *err)
{
    struct yamlx_reader *r = yamlx_open_string("s.yaml", text, strlen(text), lim, err);
    const struct yamlx_node *key;

    assert_non_null(r);
    assert_int_equal(yamlx_map_begin(r, NULL, NULL, err), 0);
    assert_int_equal(yamlx_map_next(r, &key, err), 1);
    return r;
}

static void test_stream_errors(void **state)
{
    wp_error err = WP_ERROR_INIT;
    struct yamlx_reader *r;
    const struct yamlx_node *key;
    (void)state;

    r = yamlx_open_string("s.yaml", "- a\n", 4, NULL, &err);
    assert_int_equal(yamlx_map_begin(r, NULL, NULL, &err), -1);
    assert_messages(&err, "s.yaml:1:1: verwachtte hier een mapping (sleutel: waarde)");
    wp_error_clear(&err);
    yamlx_close(r);

    r = open_at("a: b\n", NULL, &err);
    assert_int_equal(yamlx_seq_begin(r, NULL, NULL, &err), -1);
    assert_messages(&err, "s.yaml:1:4: verwachtte hier een lijst (regels met '- ')");
    wp_error_clear(&err);
    yamlx_close(r);

    r = open_at("a: 1\n---\nb: 2\n", NULL, &err);
    assert_int_equal(yamlx_skip(r, &err), 0);
    assert_int_equal(yamlx_map_next(r, &key, &err), 0);
    assert_int_equal(yamlx_finish(r, &err), -1);
    assert_messages(&err, "s.yaml:2:1: meer dan één YAML-document in één bestand ('---'); verwachtte er één");
    wp_error_clear(&err);
    yamlx_close(r);

    r = open_at("a: &x 1\nb: *x\n", NULL, &err);
    assert_int_equal(yamlx_skip(r, &err), 0);
    assert_int_equal(yamlx_map_next(r, &key, &err), 1);
    assert_null(yamlx_read(r, &err));
    assert_messages(&err, "s.yaml:2:4: YAML-aliassen (*x) worden niet ondersteund: schrijf de waarde voluit");
    wp_error_clear(&err);
    yamlx_close(r);

    r = yamlx_open_string("s.yaml", "", 0, NULL, &err);
    assert_int_equal(yamlx_peek(r, NULL, NULL, &err), -1);
    assert_messages(&err, "s.yaml: het bestand is leeg (geen YAML-document)");
    wp_error_clear(&err);
    yamlx_close(r);

    r = yamlx_open_string("s.yaml", "? [a]\n: b\n", 10, NULL, &err);
    assert_int_equal(yamlx_map_begin(r, NULL, NULL, &err), 0);
    assert_int_equal(yamlx_map_next(r, &key, &err), -1);
    assert_messages(&err, "s.yaml:1:3: een sleutel moet een gewone tekst zijn, geen lijst of mapping");
    wp_error_clear(&err);
    yamlx_close(r);
}

/* The node budget holds per value read, not for the whole stream: a long
 * draaiboek of small entries streams, one oversized entry is refused. */
static void test_stream_limits_per_value(void **state)
{
    struct yamlx_limits lim = yamlx_default_limits;
    wp_error err = WP_ERROR_INIT;
    char text[4096] = "feiten:\n";
    struct yamlx_reader *r;
    struct yamlx_node *v;
    int n = 0;
    (void)state;

    lim.max_nodes = 5;
    lim.max_file = 0;
    for (int i = 0; i < 50; i++)
        strcat(text, "  - {a: 1, b: 2}\n");
    strcat(text, "  - {a: 1, b: 2, c: 3}\n");
    r = open_at(text, &lim, &err);
    assert_int_equal(yamlx_seq_begin(r, NULL, NULL, &err), 0);
    while (yamlx_seq_next(r, &err) == 1 && (v = yamlx_read(r, &err)) != NULL) {
        yamlx_node_free(v);
        n++;
    }
    assert_int_equal(n, 50);
    assert_messages(&err, "s.yaml:52:18: te veel waarden (meer dan 5)");
    wp_error_clear(&err);
    yamlx_close(r);
}

/* yamlx_read_scratch reuses one tree in the reader: each item reads whole
 * and right, small and large (a tree over several arena blocks), and a
 * failure part-way through a tree leaves nothing behind (ASan, valgrind),
 * as it does for yamlx_read, whose tree is its own. */
static void test_stream_scratch(void **state)
{
    wp_error err = WP_ERROR_INIT;
    size_t size = 64 * 1024;
    char *text = malloc(size), *at;
    struct yamlx_reader *r;
    const struct yamlx_node *v;
    (void)state;

    assert_non_null(text);
    at = text + sprintf(text, "feiten:\n  - {id: b1, tekst: kort}\n  - [");
    for (int i = 0; i < 2000; i++)
        at += sprintf(at, "%sw%d", i ? ", " : "", i);
    at += sprintf(at, "]\n  - {id: b2, omgevingen: [fysiek, sociaal]}\n  - {id: b3, a: {b: [1, {c: *x}]}}\n");
    r = open_at(text, NULL, &err);
    assert_int_equal(yamlx_seq_begin(r, NULL, NULL, &err), 0);

    assert_int_equal(yamlx_seq_next(r, &err), 1);
    v = yamlx_read_scratch(r, &err);
    assert_non_null(v);
    assert_string_equal(yamlx_get(v, "tekst")->str, "kort");
    assert_int_equal(v->line, 2);

    assert_int_equal(yamlx_seq_next(r, &err), 1);
    v = yamlx_read_scratch(r, &err);
    assert_non_null(v);
    assert_int_equal(v->kind, YAMLX_SEQ);
    assert_int_equal(v->n, 2000);
    for (size_t i = 0; i < v->n; i++) {
        char want[32];
        snprintf(want, sizeof want, "w%zu", i);
        assert_string_equal(v->items[i]->str, want);
    }

    assert_int_equal(yamlx_seq_next(r, &err), 1);
    v = yamlx_read_scratch(r, &err);
    assert_non_null(v);
    assert_string_equal(yamlx_get(v, "id")->str, "b2");
    assert_string_equal(yamlx_get(v, "omgevingen")->items[1]->str, "sociaal");
    yamlx_node_free((struct yamlx_node *)v);   /* not the caller's to free: does nothing */
    assert_string_equal(yamlx_get(v, "id")->str, "b2");

    assert_int_equal(yamlx_seq_next(r, &err), 1);
    assert_null(yamlx_read_scratch(r, &err));
    assert_messages(&err, "s.yaml:5:29: YAML-aliassen (*x) worden niet ondersteund: schrijf de waarde voluit");
    wp_error_clear(&err);
    yamlx_close(r);

    r = open_at("a: {x: 1, y: [2, {z: *q}]}\n", NULL, &err);
    assert_null(yamlx_read(r, &err));
    assert_messages(&err, "s.yaml:1:22: YAML-aliassen (*q) worden niet ondersteund: schrijf de waarde voluit");
    wp_error_clear(&err);
    yamlx_close(r);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tree_with_positions),
        cmocka_unit_test(test_scalar_root_and_columns_count_characters),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_deep_nesting_is_refused_without_recursing),
        cmocka_unit_test(test_node_limit),
        cmocka_unit_test(test_scalar_limit),
        cmocka_unit_test(test_streaming_bound_on_one_value),
        cmocka_unit_test(test_file_size_limit),
        cmocka_unit_test(test_aliases_are_refused),
        cmocka_unit_test(test_invalid_utf8_and_nul),
        cmocka_unit_test(test_not_yaml),
        cmocka_unit_test(test_empty_and_two_documents),
        cmocka_unit_test(test_duplicate_keys),
        cmocka_unit_test(test_files_that_are_not_files),
        cmocka_unit_test(test_unreadable_file),
        cmocka_unit_test(test_load_file_good),
        cmocka_unit_test_setup_teardown(test_get_str, getters_setup, getters_teardown),
        cmocka_unit_test_setup_teardown(test_get_int, getters_setup, getters_teardown),
        cmocka_unit_test_setup_teardown(test_get_num, getters_setup, getters_teardown),
        cmocka_unit_test_setup_teardown(test_get_bool, getters_setup, getters_teardown),
        cmocka_unit_test_setup_teardown(test_get_enum, getters_setup, getters_teardown),
        cmocka_unit_test_setup_teardown(test_get_date, getters_setup, getters_teardown),
        cmocka_unit_test_setup_teardown(test_get_seq_map_and_kinds, getters_setup, getters_teardown),
        cmocka_unit_test_setup_teardown(test_check_map, getters_setup, getters_teardown),
        cmocka_unit_test(test_stream_walk),
        cmocka_unit_test(test_stream_errors),
        cmocka_unit_test(test_stream_limits_per_value),
        cmocka_unit_test(test_stream_scratch),
    };

    return cmocka_run_group_tests_name("yamlx", tests, NULL, NULL);
}
