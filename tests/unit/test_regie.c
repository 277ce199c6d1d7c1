/*
 * test_regie.c: the regie: every line form of the regie language and every
 * message it gives, tab completion, the clock as text, the wide-character
 * edit line, and the controller on a real session (facts stored, tallies
 * stored in part, undo of a removal, stopping and resuming the clock, the
 * concept of a besluit, closing).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "werkplaats/deelnemer.h"
#include "werkplaats/regie.h"
#include "wp_test.h"

/* --- the parser, without a store ------------------------------------------ */

/* plugin_stap holds char *; these literals are never written to. */
#define S(x) ((char *)(x))

static char *velden[] = { S("ziet"), S("voelt"), NULL };
static char *labels[] = { S("boven"), S("midden"), S("onder"), NULL };
static const char *const deelnemers[] = { "anna", "annet", "bram", "wijkagent", NULL };
static const char *const omgevingen[] = { "sociaal", "fysiek", "institutioneel", "crimineel", NULL };
static const char *const groepen[] = { "bewoners", "ondernemers", "jongeren", "professionals", NULL };
static const char *const refs[] = { "b3", "b4", "b12", NULL };
static const char *const betrokkenen[] = { "wijkagent", "wijkmanager", "boa", NULL };

static struct plugin_stap stap_geen = { .id = S("intro"), .titel = S("Welkom"), .invoer = INVOER_GEEN };
static struct plugin_stap stap_kaart = { .id = S("kaart"), .titel = S("Wat zie je?"), .invoer = INVOER_BIJDRAGE,
                                         .velden = velden, .omgevingen = 1 };
static struct plugin_stap stap_vrij = { .id = S("vrij"), .titel = S("Vrij"), .invoer = INVOER_BIJDRAGE };
static struct plugin_stap stap_stem = { .id = S("stemmen"), .titel = S("Stemmen"), .invoer = INVOER_STEM,
                                        .stemmen = 3, .op = S("kaart") };
static struct plugin_stap stap_plaats = { .id = S("glijbaan"), .titel = S("Glijbaan"), .invoer = INVOER_PLAATSING,
                                          .op = S("betrokkenen"), .schaal_min = 1, .schaal_max = 3,
                                          .schaal_labels = labels };
static char *geen_labels[] = { NULL };   /* a card may give an empty list for "no names" */
static struct plugin_stap stap_weging = { .id = S("weging"), .titel = S("Weging"), .invoer = INVOER_PLAATSING,
                                          .op = S("kaart"), .schaal_min = -2, .schaal_max = 2,
                                          .schaal_labels = geen_labels };
static struct plugin_stap stap_besluit = { .id = S("besluit"), .titel = S("Besluit"), .invoer = INVOER_BESLUIT };

static struct regie_woorden words(struct plugin_stap *stap)
{
    struct regie_woorden w = { stap, deelnemers, omgevingen, groepen, NULL };

    if (stap == &stap_stem)
        w.items = refs;
    if (stap == &stap_plaats)
        w.items = betrokkenen;
    if (stap == &stap_weging)
        w.items = refs;
    return w;
}

static struct regie_regel rg;

static void parse_ok(struct plugin_stap *stap, const char *line)
{
    struct regie_woorden w = words(stap);
    wp_error err = WP_ERROR_INIT;

    if (regie_parse(&w, line, &rg, &err) != 0)
        fail_msg("'%s' geweigerd: %s", line, wp_error_first(&err));
    wp_error_clear(&err);
}

static void parse_fails(struct plugin_stap *stap, const char *line, const char *needle)
{
    struct regie_woorden w = words(stap);
    wp_error err = WP_ERROR_INIT;

    if (regie_parse(&w, line, &rg, &err) == 0)
        fail_msg("'%s' niet geweigerd", line);
    if (!wp_error_contains(&err, needle))
        fail_msg("'%s': verwacht '%s', kreeg '%s'", line, needle, wp_error_first(&err));
    wp_error_clear(&err);
}

static void test_bijdrage_lines(void **state)
{
    (void)state;
    parse_ok(&stap_kaart, "@anna #fysiek #sociaal ziet: De lampen bij de flat zijn kapot");
    assert_int_equal(rg.opdracht, REGIE_INVOER);
    assert_int_equal(rg.n_feiten, 1);
    assert_int_equal(rg.feiten[0].soort, FEIT_BIJDRAGE);
    assert_string_equal(rg.feiten[0].deelnemer, "anna");
    assert_string_equal(rg.feiten[0].veld, "ziet");
    assert_int_equal(rg.feiten[0].n_omgevingen, 2);
    assert_string_equal(rg.feiten[0].omgevingen[0], "fysiek");
    assert_string_equal(rg.feiten[0].tekst, "De lampen bij de flat zijn kapot");
    /* Prefixes complete when only one name fits; case does not matter. */
    parse_ok(&stap_kaart, "@br #FYS v: Ik voel me ‘s avonds niet veilig");
    assert_string_equal(rg.feiten[0].deelnemer, "bram");
    assert_string_equal(rg.feiten[0].omgevingen[0], "fysiek");
    assert_string_equal(rg.feiten[0].veld, "voelt");
    assert_string_equal(rg.feiten[0].tekst, "Ik voel me ‘s avonds niet veilig");
    /* Tags at the end are taken off when they name an omgeving. */
    parse_ok(&stap_kaart, "ziet: Hangjongeren bij café De Molen #soc #crim");
    assert_int_equal(rg.feiten[0].n_omgevingen, 2);
    assert_string_equal(rg.feiten[0].omgevingen[1], "crimineel");
    assert_string_equal(rg.feiten[0].tekst, "Hangjongeren bij café De Molen");
    parse_ok(&stap_kaart, "ziet: huis #3 staat leeg");
    assert_string_equal(rg.feiten[0].tekst, "huis #3 staat leeg");
    /* After the field, or a lone ':', everything is text. */
    parse_ok(&stap_kaart, "@anna ziet: #3 staat leeg, @bram weet het");
    assert_string_equal(rg.feiten[0].deelnemer, "anna");
    assert_int_equal(rg.feiten[0].n_omgevingen, 0);
    assert_string_equal(rg.feiten[0].tekst, "#3 staat leeg, @bram weet het");
    parse_ok(&stap_vrij, "@anna : #3 staat leeg");
    assert_string_equal(rg.feiten[0].tekst, "#3 staat leeg");
    parse_ok(&stap_kaart, "! =k1 ^w2 ziet: de dealer woont op nummer 5");
    assert_true(rg.feiten[0].gevoelig);
    assert_string_equal(rg.feiten[0].ref, "k1");
    assert_string_equal(rg.feiten[0].bij, "w2");
    /* Without velden a word with a colon is text. */
    parse_ok(&stap_vrij, "Let op: de lampen");
    assert_null(rg.feiten[0].veld);
    assert_string_equal(rg.feiten[0].tekst, "Let op: de lampen");
    /* A field's text may itself hold a colon. */
    parse_ok(&stap_kaart, "ziet: Probleem: lampen");
    assert_string_equal(rg.feiten[0].tekst, "Probleem: lampen");
}

static void test_bijdrage_refusals(void **state)
{
    (void)state;
    parse_fails(&stap_kaart, "@ana ziet: x", "onbekende deelnemer 'ana', bedoelde je 'anna'?");
    parse_fails(&stap_kaart, "@karin ziet: x", "voeg een nieuwe toe met '+ID GROEP [naam]'");
    parse_fails(&stap_kaart, "@an ziet: x", "'an' past bij meer deelnemers: 'anna' of 'annet'; typ meer letters");
    parse_fails(&stap_kaart, "#fisiek ziet: x", "onbekende omgeving 'fisiek', bedoelde je 'fysiek'?");
    parse_fails(&stap_kaart, "#zzz ziet: x", "kies uit 'sociaal', 'fysiek', 'institutioneel' of 'crimineel'");
    parse_fails(&stap_kaart, "#fys #fysiek ziet: x", "omgeving 'fysiek' staat er twee keer");
    parse_fails(&stap_kaart, "Probleem: x", "onbekend veld 'Probleem'; kies uit 'ziet' of 'voelt'");
    parse_fails(&stap_kaart, "@anna ziet:", "de bijdrage heeft nog geen tekst");
    parse_fails(&stap_kaart, "@anna @bram ziet: x", "een bijdrage heeft één deelnemer");
    parse_fails(&stap_kaart, "=k/1 ziet: x", "'k/1' is geen geldig id");
    parse_fails(&stap_geen, "hallo", "stap 'intro' (Welkom) vraagt geen invoer");
}

static void test_stem_lines(void **state)
{
    (void)state;
    parse_ok(&stap_stem, "@anna b3 b3 b12 @bram b4=2, b3");
    assert_int_equal(rg.n_feiten, 4);
    assert_int_equal(rg.feiten[0].soort, FEIT_STEM);
    assert_string_equal(rg.feiten[0].deelnemer, "anna");
    assert_string_equal(rg.feiten[0].op, "b3");
    assert_true(rg.feiten[0].waarde == 2);
    assert_string_equal(rg.feiten[1].op, "b12");
    assert_string_equal(rg.feiten[2].deelnemer, "bram");
    assert_true(rg.feiten[2].waarde == 2);
    assert_string_equal(rg.feiten[3].op, "b3");
    parse_fails(&stap_stem, "b3", "zeg eerst wie stemt: @wie b3");
    parse_fails(&stap_stem, "@anna b9", "er is geen bijdrage 'b9'; het nummer staat");
    parse_fails(&stap_stem, "@anna b3=x", "'x' is geen aantal stemmen");
    parse_fails(&stap_stem, "@anna b3=0", "'0' is geen aantal stemmen");
    parse_fails(&stap_stem, "@anna", "typ wie stemt en waarop");
    parse_fails(&stap_stem, "@anna b", "'b' past bij meer bijdragen");
}

static void test_stem_line_limit(void **state)
{
    char line[1024] = "";

    (void)state;
    /* Thirty-three participants each voting once is one fact too many. */
    static const char *const many[] = { "p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11",
                                        "p12", "p13", "p14", "p15", "p16", "p17", "p18", "p19", "p20", "p21", "p22",
                                        "p23", "p24", "p25", "p26", "p27", "p28", "p29", "p30", "p31", "p32", NULL };
    struct regie_woorden w = { &stap_stem, many, omgevingen, groepen, refs };
    wp_error err = WP_ERROR_INIT;

    for (int i = 0; many[i] != NULL; i++)
        snprintf(line + strlen(line), sizeof line - strlen(line), "@%s b3 ", many[i]);
    assert_int_equal(regie_parse(&w, line, &rg, &err), -1);
    assert_true(wp_error_contains(&err, "te veel stemmen op één regel"));
    wp_error_clear(&err);
}

static void test_plaatsing_lines(void **state)
{
    (void)state;
    parse_ok(&stap_plaats, "@anna wijkagent 3");
    assert_int_equal(rg.n_feiten, 1);
    assert_int_equal(rg.feiten[0].soort, FEIT_PLAATSING);
    assert_string_equal(rg.feiten[0].op, "wijkagent");
    assert_true(rg.feiten[0].waarde == 3);
    parse_ok(&stap_plaats, "@anna wijka onder boa=1 wijkm midden: ziet het nu ook");
    assert_int_equal(rg.n_feiten, 3);
    assert_true(rg.feiten[0].waarde == 3);
    assert_string_equal(rg.feiten[1].op, "boa");
    assert_true(rg.feiten[1].waarde == 1);
    assert_true(rg.feiten[2].waarde == 2);
    assert_string_equal(rg.feiten[2].tekst, "ziet het nu ook");
    parse_ok(&stap_plaats, "boa 2");
    assert_null(rg.feiten[0].deelnemer);
    parse_fails(&stap_plaats, "@anna wijkagent 4", "4 valt buiten de schaal van 1 tot en met 3");
    parse_fails(&stap_plaats, "@anna wijkagent bodem", "onbekende plek op de schaal 'bodem'");
    parse_fails(&stap_plaats, "@anna wijkagent", "zeg waar 'wijkagent' op de schaal komt: wijkagent 1");
    parse_fails(&stap_plaats, "@anna wijk 2", "'wijk' past bij meer betrokkenen");
    parse_fails(&stap_plaats, "@anna postbode 2", "onbekende betrokkene 'postbode'");
    parse_fails(&stap_plaats, "@anna", "typ wat waar op de schaal komt");
    /* A scale with negative points and no names. */
    parse_ok(&stap_weging, "@anna b3 -2 b12=2");
    assert_true(rg.feiten[0].waarde == -2);
    assert_string_equal(rg.feiten[1].op, "b12");
    parse_fails(&stap_weging, "@anna b3 onder", "'onder' is geen plek op de schaal; geef een getal van -2 tot en met 2");
    parse_fails(&stap_weging, "@anna b3 -3", "-3 valt buiten de schaal van -2 tot en met 2");
    assert_string_equal(regie_scale_label(&stap_plaats, 3), "onder");
    assert_null(regie_scale_label(&stap_plaats, 4));
    assert_null(regie_scale_label(&stap_weging, 1));
}

static void test_besluit_lines(void **state)
{
    (void)state;
    parse_ok(&stap_besluit, "besluit aangenomen: We beginnen met het Molenplein");
    assert_int_equal(rg.feiten[0].soort, FEIT_BESLUIT);
    assert_string_equal(rg.feiten[0].uitkomst, "aangenomen");
    assert_string_equal(rg.feiten[0].tekst, "We beginnen met het Molenplein");
    assert_int_equal(rg.n_bezwaren, 0);
    parse_ok(&stap_besluit, "@anna verw: Geen camera's | bezwaar @bram: Te duur => opgelost: Subsidie "
                            "| bezwaar: Te laat");
    assert_string_equal(rg.feiten[0].deelnemer, "anna");
    assert_string_equal(rg.feiten[0].uitkomst, "verworpen");
    assert_int_equal(rg.n_bezwaren, 2);
    assert_string_equal(rg.bezwaren[0].wie, "bram");
    assert_string_equal(rg.bezwaren[0].tekst, "Te duur");
    assert_string_equal(rg.bezwaren[0].opgelost, "Subsidie");
    assert_null(rg.bezwaren[1].wie);
    assert_string_equal(rg.bezwaren[1].tekst, "Te laat");
    assert_null(rg.bezwaren[1].opgelost);
    parse_ok(&stap_besluit, "bezwaar @bram: Te duur => Subsidie");
    assert_int_equal(rg.opdracht, REGIE_BEZWAAR);
    assert_string_equal(rg.bezwaren[0].opgelost, "Subsidie");
    parse_ok(&stap_besluit, "bezwaar Geen geld");
    assert_string_equal(rg.bezwaren[0].tekst, "Geen geld");
    parse_fails(&stap_besluit, "besluit aangenomen We beginnen", "schrijf een besluit zo: besluit UITKOMST: tekst");
    parse_fails(&stap_besluit, "besluit goedgekeurd: x", "onbekende uitkomst 'goedgekeurd'");
    parse_fails(&stap_besluit, "besluit aangenomen:", "het besluit heeft een tekst nodig");
    parse_fails(&stap_besluit, "aangenomen: x | y", "na '|' komt een bezwaar");
    parse_fails(&stap_besluit, "bezwaar @bram:", "een bezwaar heeft een tekst nodig");
    /* Elsewhere 'besluit' and 'bezwaar' are ordinary words. */
    parse_ok(&stap_vrij, "besluit van de gemeente ontbreekt");
    assert_int_equal(rg.feiten[0].soort, FEIT_BIJDRAGE);
    parse_fails(&stap_vrij, "/bezwaar: x", "bezwaren horen bij een besluit");
}

static void test_commands(void **state)
{
    static const struct { const char *line; enum regie_opdracht op; } cases[] = {
        { "volgende", REGIE_VOLGENDE }, { "/vorige", REGIE_VORIGE }, { "PAUZE", REGIE_PAUZE },
        { "hervat", REGIE_HERVAT }, { "ongedaan", REGIE_ONGEDAAN }, { "lijst", REGIE_LIJST },
        { "tijd", REGIE_TIJD }, { "sluit", REGIE_SLUIT }, { "  stop  ", REGIE_STOP }, { "hulp", REGIE_HULP },
        { "?", REGIE_HULP }, { "", REGIE_NIETS }, { "   ", REGIE_NIETS },
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        parse_ok(&stap_kaart, cases[i].line);
        assert_int_equal(rg.opdracht, cases[i].op);
    }
    /* A sentence that starts with a command word is content. */
    parse_ok(&stap_vrij, "stop met de hangplek");
    assert_int_equal(rg.opdracht, REGIE_INVOER);
    assert_string_equal(rg.feiten[0].tekst, "stop met de hangplek");
    parse_ok(&stap_vrij, "\\volgende");
    assert_string_equal(rg.feiten[0].tekst, "volgende");
    parse_fails(&stap_kaart, "/volgnde", "onbekende opdracht '/volgnde', bedoelde je 'volgende'?");
    parse_fails(&stap_kaart, "/stop nu", "'/stop' heeft geen verdere tekst nodig");
}

static void test_edit_remove_and_people(void **state)
{
    (void)state;
    parse_ok(&stap_kaart, "wijzig b3: #sociaal voelt: Nieuwe tekst");
    assert_int_equal(rg.opdracht, REGIE_WIJZIG);
    assert_string_equal(rg.ref, "b3");
    assert_int_equal(rg.feiten[0].soort, FEIT_WIJZIGING);
    assert_string_equal(rg.feiten[0].veld, "voelt");
    assert_string_equal(rg.feiten[0].omgevingen[0], "sociaal");
    assert_string_equal(rg.feiten[0].tekst, "Nieuwe tekst");
    parse_ok(&stap_kaart, "/wijzig b3: #fysiek");
    assert_null(rg.feiten[0].tekst);
    parse_fails(&stap_kaart, "wijzig b3:", "zeg wat er verandert: wijzig b3: nieuwe tekst");
    parse_fails(&stap_kaart, "/wijzig b3 tekst", "schrijf een wijziging zo: wijzig REF: nieuwe tekst");
    parse_fails(&stap_kaart, "wijzig b3: ! ziet: x", "een wijziging verandert alleen tekst, veld en omgevingen");
    parse_fails(&stap_kaart, "wijzig b3: @anna ziet: x", "wie een bijdrage gaf verandert niet");
    parse_ok(&stap_vrij, "wijzig de inrichting van het plein");
    assert_int_equal(rg.opdracht, REGIE_INVOER);
    parse_ok(&stap_kaart, "verwijder b12");
    assert_int_equal(rg.opdracht, REGIE_VERWIJDER);
    assert_string_equal(rg.ref, "b12");
    parse_fails(&stap_kaart, "/verwijder", "schrijf: verwijder REF");
    parse_ok(&stap_kaart, "+karin bew Karin de Vries");
    assert_int_equal(rg.opdracht, REGIE_DEELNEMER);
    assert_string_equal(rg.nieuw.id, "karin");
    assert_string_equal(rg.nieuw.groep, "bewoners");
    assert_string_equal(rg.nieuw.naam, "Karin de Vries");
    parse_ok(&stap_kaart, "/deelnemer joost jongeren");
    assert_string_equal(rg.nieuw.id, "joost");
    assert_null(rg.nieuw.naam);
    parse_fails(&stap_kaart, "+", "schrijf een nieuwe deelnemer zo: +ID GROEP [naam]");
    parse_fails(&stap_kaart, "+kar!n bewoners", "'kar!n' is geen geldige deelnemer-id");
    parse_fails(&stap_kaart, "+karin", "zeg bij welke groep karin hoort");
    parse_fails(&stap_kaart, "+karin bewonrs", "onbekende groep 'bewonrs', bedoelde je 'bewoners'?");
}

static void test_line_limits(void **state)
{
    char *big = malloc(REGIE_MAX_REGEL + 10);

    (void)state;
    memset(big, 'a', REGIE_MAX_REGEL + 5);
    big[REGIE_MAX_REGEL + 5] = '\0';
    parse_fails(&stap_vrij, big, "de regel is te lang");
    free(big);
    parse_fails(&stap_vrij, "caf\xe9", "de regel bevat ongeldige UTF-8");
}

static void expect_completion(struct plugin_stap *stap, const char *line, const char *insert, const char *choices)
{
    struct regie_woorden w = words(stap);
    char in[128], ch[256];
    const char *got = regie_complete(&w, line, strlen(line), in, sizeof in, ch, sizeof ch);

    if (insert == NULL)
        assert_null(got);
    else if (got == NULL || strcmp(got, insert) != 0)
        fail_msg("'%s': verwacht '%s', kreeg '%s'", line, insert, got ? got : "(niets)");
    assert_string_equal(ch, choices);
}

static void test_completion(void **state)
{
    (void)state;
    expect_completion(&stap_kaart, "@br", "am ", "");
    expect_completion(&stap_kaart, "@an", "n", "'anna' of 'annet'");
    expect_completion(&stap_kaart, "@anna", " ", "");
    expect_completion(&stap_kaart, "@anna #fy", "siek ", "");
    expect_completion(&stap_kaart, "@anna #fysiek z", "iet: ", "");
    expect_completion(&stap_kaart, "/volg", "ende ", "");
    expect_completion(&stap_kaart, "ziet: de la", NULL, "");
    expect_completion(&stap_stem, "@anna b1", "2 ", "");
    expect_completion(&stap_plaats, "@anna wijk", NULL, "'wijkagent' of 'wijkmanager'");
    expect_completion(&stap_besluit, "aan", "ge", "'aangenomen' of 'aangehouden'");
    expect_completion(&stap_besluit, "aangen", "omen: ", "");
    expect_completion(&stap_kaart, "@zz", NULL, "");
}

static void test_clock_text(void **state)
{
    char buf[64];

    (void)state;
    assert_int_equal(regie_klok_tekst(0, 15 * 60000, buf, sizeof buf), TIJD_RUIM);
    assert_string_equal(buf, "15:00 van 15:00");
    assert_int_equal(regie_klok_tekst(12 * 60000 + 500, 15 * 60000, buf, sizeof buf), TIJD_RUIM);
    assert_string_equal(buf, "03:00 van 15:00");
    /* The last two minutes of a long step, the last fifth of a short one. */
    assert_int_equal(regie_klok_tekst(13 * 60000, 15 * 60000, buf, sizeof buf), TIJD_BIJNA);
    assert_string_equal(buf, "!02:00 van 15:00");
    assert_int_equal(regie_klok_tekst(3 * 60000 + 59000, 5 * 60000, buf, sizeof buf), TIJD_RUIM);
    assert_int_equal(regie_klok_tekst(4 * 60000, 5 * 60000, buf, sizeof buf), TIJD_BIJNA);
    assert_int_equal(regie_klok_tekst(18 * 60000 + 12000, 15 * 60000, buf, sizeof buf), TIJD_OVER);
    assert_string_equal(buf, "+03:12 over tijd");
}

static void test_edit_line(void **state)
{
    struct regie_invoer e;
    char out[64];

    (void)state;
    memset(&e, 0, sizeof e);
    regie_invoer_set(&e, "Café ‘x’");
    assert_int_equal(e.len, 8);
    regie_invoer_backspace(&e);         /* ’ is one character, three bytes */
    regie_invoer_left(&e);
    regie_invoer_left(&e);
    regie_invoer_left(&e);
    regie_invoer_backspace(&e);         /* removes the é */
    assert_int_equal(regie_invoer_insert(&e, L'ë'), 0);
    assert_string_equal(regie_invoer_utf8(&e, out, sizeof out), "Cafë ‘x");
    regie_invoer_home(&e);
    regie_invoer_delete(&e);
    regie_invoer_end(&e);
    regie_invoer_right(&e);
    assert_string_equal(regie_invoer_utf8(&e, out, sizeof out), "afë ‘x");
    regie_invoer_home(&e);
    regie_invoer_right(&e);
    regie_invoer_kill(&e);
    assert_string_equal(regie_invoer_utf8(&e, out, sizeof out), "a");
    assert_int_equal(regie_invoer_insert(&e, 7), -1);   /* no control characters */
    assert_null(regie_invoer_utf8(&e, out, 1));
    /* Scrolling keeps the cursor inside the width. */
    regie_invoer_set(&e, "abcdefghijklmnopqrstuvwxyz");
    assert_int_equal(regie_invoer_scroll(&e, 10), 9);
    assert_int_equal(e.eerste, 17);
    regie_invoer_home(&e);
    assert_int_equal(regie_invoer_scroll(&e, 10), 0);
    assert_int_equal(e.eerste, 0);
    regie_invoer_set(&e, "a\tb\x01");
    assert_int_equal(e.len, 2);
}

/* --- the controller on a real session ------------------------------------- */

struct fixture {
    char *dir;
    struct methode *m;
    struct store *store;
    struct traject *t;
    struct regie *r;
    char said[8192];
    int refusals;
};

static void meld(void *ctx, enum regie_melding soort, const char *tekst)
{
    struct fixture *f = ctx;

    if (soort == MELDING_FOUT)
        f->refusals++;
    snprintf(f->said + strlen(f->said), sizeof f->said - strlen(f->said), "%s%s\n",
             soort == MELDING_FOUT ? "FOUT " : "", soort == MELDING_HULP ? "(hulp)" : tekst);
}

/* The session of the test werkvorm sessiekaart, opened or resumed. */
static void open_regie(struct fixture *f)
{
    wp_error err = WP_ERROR_INIT;
    struct sessie *s = sessie_open_file(f->t, wp_src("tests/fixtures/sessie/sessiekaart.lua"), NULL, 0, NULL, NULL,
                                        &err);

    if (s == NULL || (f->r = regie_new(s, meld, f, &err)) == NULL)
        fail_msg("%s", wp_error_first(&err));
}

/* The Molenwijk traject with sprint 1 running and two participants. */
static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    wp_error err = WP_ERROR_INIT;
    char db[4200];

    assert_non_null(f);
    f->dir = wp_tmpdir();
    assert_non_null(f->m = methode_load(wp_src("werkvormen/methode.yaml"), &err));
    assert_non_null(f->store = store_open(wp_join(db, sizeof db, f->dir, "t.db"), STORE_CREATE, &err));
    assert_int_equal(traject_create(f->store, f->m, wp_src("casus/molenwijk.yaml"), 7, &err), 0);
    assert_non_null(f->t = traject_open(f->store, f->m, &err));
    assert_int_equal(traject_start_sprint(f->t, 1, &err), 0);
    assert_int_equal(deelnemer_add(f->store, "anna", "Anna", "bewoners", NULL, &err), 0);
    assert_int_equal(deelnemer_add(f->store, "bram", "Bram", "jongeren", NULL, &err), 0);
    open_regie(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    regie_free(f->r);
    traject_free(f->t);
    store_close(f->store);
    methode_free(f->m);
    wp_rmtree(f->dir);
    free(f);
    return 0;
}

static void line_ok(struct fixture *f, const char *line)
{
    char *rest = NULL;

    f->said[0] = '\0';
    if (regie_line(f->r, line, &rest) != 0)
        fail_msg("'%s' geweigerd: %s", line, f->said);
    assert_null(rest);
}

static void said(struct fixture *f, const char *needle)
{
    if (strstr(f->said, needle) == NULL)
        fail_msg("verwacht '%s' in:\n%s", needle, f->said);
}

static long long count(struct fixture *f, const char *where)
{
    char sql[256];
    sqlite3_stmt *st;
    long long n = -1;

    snprintf(sql, sizeof sql, "SELECT count(*) FROM feit WHERE %s", where);
    assert_int_equal(sqlite3_prepare_v2(store_db(f->store), sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void test_facts_are_stored_and_confirmed(void **state)
{
    struct fixture *f = *state;
    size_t n;
    const struct regie_rij *rows;

    line_ok(f, "volgende");
    said(f, "Stap 2 van 5: Wat zie je?");
    line_ok(f, "@anna #fys ziet: De lampen bij de flat zijn kapot");
    said(f, "opgeslagen: b3 (ziet) door anna #fysiek");
    assert_int_equal(count(f, "soort = 'bijdrage' AND deelnemer = 'anna' AND bron = 'regie'"), 1);
    rows = regie_rows(f->r, &n);
    assert_int_equal(n, 3);              /* ziet (1), the contribution, voelt (0) */
    assert_string_equal(rows[0].tekst, "ziet (1)");
    assert_string_equal(rows[1].ref, "b3");
    assert_non_null(strstr(rows[1].tekst, "anna (bewoners): De lampen bij de flat zijn kapot #fysiek"));
    line_ok(f, "+karin bewoners Karin");
    said(f, "deelnemer karin (bewoners) toegevoegd");
    line_ok(f, "@karin voelt: Onveilig");
    line_ok(f, "wijzig b3: ziet: De lampen zijn al maanden kapot");
    said(f, "gewijzigd: b3");
    assert_int_equal(count(f, "soort = 'wijziging'"), 1);
    f->said[0] = '\0';
    assert_int_equal(regie_line(f->r, "wijzig b3: ziet: De lampen zijn al maanden kapot", NULL), -1);
    said(f, "er verandert niets aan b3");
}

static void test_tally_stored_in_part(void **state)
{
    struct fixture *f = *state;
    char *rest = NULL;

    line_ok(f, "volgende");
    line_ok(f, "@anna ziet: een");
    line_ok(f, "@bram ziet: twee");
    line_ok(f, "volgende");
    f->said[0] = '\0';
    /* Three votes each: anna's two on b4 are one too many; bram's are not tried yet. */
    assert_int_equal(regie_line(f->r, "@anna b3 b3 b4 b4 @bram b4", &rest), -1);
    said(f, "opgeslagen: 2 stemmen van anna op b3");
    said(f, "deelnemer 'anna' heeft al 2 van de 3 stemmen gebruikt");
    assert_string_equal(rest, "@anna b4=2 @bram b4");
    free(rest);
    assert_int_equal(count(f, "soort = 'stem'"), 1);
    line_ok(f, "@anna b4");
    said(f, "opgeslagen: 1 stem van anna op b4");
    line_ok(f, "@bram b4");
    line_ok(f, "lijst");
    said(f, "gestemd: anna 3/3, bram 1/3");
}

static void test_undo_walks_back_and_restores(void **state)
{
    struct fixture *f = *state;

    line_ok(f, "volgende");
    line_ok(f, "@anna ziet: een");
    line_ok(f, "@bram ziet: twee");
    line_ok(f, "verwijder b3");
    said(f, "verwijderd: b3");
    line_ok(f, "ongedaan");
    said(f, "ongedaan gemaakt: verwijdering van b3");
    assert_non_null(strstr(f->r ? regie_rows(f->r, &(size_t){ 0 })[1].tekst : "", "een"));
    line_ok(f, "ongedaan");
    said(f, "ongedaan gemaakt: b4 (ziet) door bram");
    line_ok(f, "ongedaan");
    said(f, "ongedaan gemaakt: b3 (ziet) door anna");
    f->said[0] = '\0';
    assert_int_equal(regie_line(f->r, "ongedaan", NULL), -1);
    said(f, "er is niets om ongedaan te maken");
    /* Every step stays in the trail: two removals, one taken back, two more. */
    assert_int_equal(count(f, "soort = 'verwijdering'"), 4);
}

static void test_stop_and_resume_the_clock(void **state)
{
    struct fixture *f = *state;
    struct regie_klok k;
    char reden[32];
    wp_error err = WP_ERROR_INIT;

    assert_int_equal(regie_stop(f->r), 0);
    assert_true(regie_done(f->r));
    assert_int_equal(sessie_pause_reason(regie_sessie(f->r), reden, sizeof reden, &err), 1);
    assert_string_equal(reden, "afgesloten");
    regie_free(f->r);
    f->said[0] = '\0';
    open_regie(f);
    said(f, "Hervat: de klok loopt weer");
    assert_int_equal(regie_klok(f->r, &k), 0);
    assert_false(k.gepauzeerd);
    /* A pause the facilitator chose stays after quitting and starting again. */
    line_ok(f, "pauze");
    assert_int_equal(regie_stop(f->r), 0);
    regie_free(f->r);
    f->said[0] = '\0';
    open_regie(f);
    said(f, "De klok staat stil (pauze)");
    assert_int_equal(regie_klok(f->r, &k), 0);
    assert_true(k.gepauzeerd);
    assert_int_equal(count(f, "soort = 'pauze'"), 2);
    line_ok(f, "hervat");
    said(f, "de klok loopt weer");
}

static void test_besluit_with_concept_and_close(void **state)
{
    struct fixture *f = *state;
    char *rest = NULL;

    for (int i = 0; i < 4; i++)
        line_ok(f, "volgende");
    said(f, "Stap 5 van 5: Besluit");
    line_ok(f, "bezwaar @bram: Te duur => opgelost: Subsidie");
    said(f, "bezwaar 1 in het concept (nog niet opgeslagen)");
    f->said[0] = '\0';
    assert_int_equal(regie_line(f->r, "sluit", &rest), -1);
    said(f, "er staan nog 1 bezwaren in het concept");
    free(rest);
    f->said[0] = '\0';
    assert_int_equal(regie_command(f->r, REGIE_STOP), -1);
    said(f, "stop nogmaals om ze weg te gooien");
    line_ok(f, "besluit aangenomen: We beginnen met het Molenplein | bezwaar: Te laat");
    said(f, "opgeslagen: besluit aangenomen: We beginnen met het Molenplein (2 bezwaren)");
    assert_int_equal(count(f, "soort = 'besluit' AND data LIKE '%Subsidie%Te laat%'"), 1);
    f->said[0] = '\0';
    assert_int_equal(regie_line(f->r, "volgende", NULL), -1);
    said(f, "FOUT dit is de laatste stap");
    line_ok(f, "sluit");
    said(f, "Werkvorm sessiekaart gesloten. Opgeleverd: ");
    assert_true(regie_closed(f->r));
    f->said[0] = '\0';
    assert_int_equal(regie_line(f->r, "@anna x", NULL), -1);
    said(f, "de werkvorm is gesloten");
}

/* Closing before the last step asks once more; anything in between resets it. */
static void test_close_early_asks_twice(void **state)
{
    struct fixture *f = *state;

    line_ok(f, "volgende");
    f->said[0] = '\0';
    assert_int_equal(regie_line(f->r, "sluit", NULL), -1);
    said(f, "dit is stap 2 van 5; typ nogmaals 'sluit' om de werkvorm nu al af te sluiten");
    assert_int_equal(f->refusals, 0);
    line_ok(f, "tijd");
    assert_int_equal(regie_line(f->r, "sluit", NULL), -1);
    assert_false(regie_closed(f->r));
    line_ok(f, "sluit");
    said(f, "Werkvorm sessiekaart gesloten.");
    assert_true(regie_closed(f->r));
}

static void test_help_list_and_time(void **state)
{
    struct fixture *f = *state;

    line_ok(f, "?");
    said(f, "(hulp)");
    line_ok(f, "tijd");
    said(f, " van 05:00; werkvorm ");
    line_ok(f, "lijst");
    said(f, "deze stap vraagt geen invoer");
    f->said[0] = '\0';
    assert_int_equal(regie_line(f->r, "vorige", NULL), -1);
    said(f, "dit is de eerste stap");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bijdrage_lines),
        cmocka_unit_test(test_bijdrage_refusals),
        cmocka_unit_test(test_stem_lines),
        cmocka_unit_test(test_stem_line_limit),
        cmocka_unit_test(test_plaatsing_lines),
        cmocka_unit_test(test_besluit_lines),
        cmocka_unit_test(test_commands),
        cmocka_unit_test(test_edit_remove_and_people),
        cmocka_unit_test(test_line_limits),
        cmocka_unit_test(test_completion),
        cmocka_unit_test(test_clock_text),
        cmocka_unit_test(test_edit_line),
        cmocka_unit_test_setup_teardown(test_facts_are_stored_and_confirmed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tally_stored_in_part, setup, teardown),
        cmocka_unit_test_setup_teardown(test_undo_walks_back_and_restores, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_and_resume_the_clock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_besluit_with_concept_and_close, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_early_asks_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help_list_and_time, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
