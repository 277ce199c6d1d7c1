/*
 * test_sessie.c: the session module: every kind of input, every refusal,
 * the facts view (edits, removals, tallies per group), steps, the clock,
 * closing and the hand-over to the sprint.
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
#include "werkplaats/sessie.h"
#include "werkplaats/value_sink.h"

#include "../../engine/kept_facts.h"

struct fixture {
    char dir[64];
    char db[128];
    struct methode *m;
    struct store *store;
    struct traject *t;
    struct sessie *s;
    wp_error err;
};

static const char *top(void)
{
    const char *t = getenv("WP_TOP");
    return t ? t : ".";
}

static void path_of(char *buf, size_t size, const char *rel)
{
    snprintf(buf, size, "%s/%s", top(), rel);
}

static struct sessie *open_card(struct fixture *f, const char *name)
{
    char path[512];

    snprintf(path, sizeof path, "%s/tests/fixtures/sessie/%s.lua", top(), name);
    return sessie_open_file(f->t, path, NULL, 0, NULL, NULL, &f->err);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    char path[512];

    snprintf(f->dir, sizeof f->dir, "/tmp/wp-sessie-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
    path_of(path, sizeof path, "werkvormen/methode.yaml");
    f->m = methode_load(path, &f->err);
    assert_non_null(f->m);
    f->store = store_open(f->db, STORE_CREATE, &f->err);
    assert_non_null(f->store);
    path_of(path, sizeof path, "casus/molenwijk.yaml");
    assert_int_equal(traject_create(f->store, f->m, path, 7, &f->err), 0);
    f->t = traject_open(f->store, f->m, &f->err);
    assert_non_null(f->t);
    assert_int_equal(traject_start_sprint(f->t, 1, &f->err), 0);
    assert_int_equal(deelnemer_add(f->store, "anna", "Anna", "bewoners", NULL, &f->err), 0);
    assert_int_equal(deelnemer_add(f->store, "bram", "Bram", "jongeren", NULL, &f->err), 0);
    f->s = open_card(f, "sessiekaart");
    assert_non_null(f->s);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[256];

    sessie_free(f->s);
    traject_free(f->t);
    store_close(f->store);
    methode_free(f->m);
    wp_error_clear(&f->err);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

/* Adds a bijdrage in the current step; returns the fact id. */
static long long bijdrage(struct fixture *f, const char *ref, const char *wie, const char *veld, const char *tekst)
{
    struct feit_invoer in = { .ref = ref, .deelnemer = wie, .veld = veld, .tekst = tekst };
    return sessie_add(f->s, FEIT_BIJDRAGE, &in, "test", &f->err);
}

static long long stem(struct fixture *f, const char *wie, const char *op, double aantal)
{
    struct feit_invoer in = { .deelnemer = wie, .op = op, .ref = op, .waarde = aantal };
    return sessie_add(f->s, FEIT_STEM, &in, "test", &f->err);
}

static void next(struct fixture *f)
{
    assert_int_equal(sessie_next_step(f->s, "test", NULL, &f->err), 0);
}

/* Expects the last call to have failed with a message containing needle. */
static void expect_refusal(struct fixture *f, long long rc, const char *needle)
{
    assert_true(rc < 0);
    if (!wp_error_contains(&f->err, needle))
        fail_msg("verwacht '%s', kreeg '%s'", needle, wp_error_first(&f->err));
    wp_error_clear(&f->err);
}

static void test_open_starts_at_first_step(void **state)
{
    struct fixture *f = *state;

    assert_string_equal(sessie_current_step(f->s)->id, "intro");
    assert_int_equal(sessie_fact_count(f->s), 1);
    assert_string_equal(f->s->label, "sessiekaart");
}

static void test_input_must_fit_the_step(void **state)
{
    struct fixture *f = *state;

    expect_refusal(f, bijdrage(f, NULL, "anna", "ziet", "te vroeg"), "stap 'intro' (Welkom) neemt geen bijdrage aan");
    next(f);
    expect_refusal(f, stem(f, "anna", "x", 1), "neemt geen stem aan");
}

static void test_bijdrage_checks(void **state)
{
    struct fixture *f = *state;
    struct feit_invoer in = { .deelnemer = "anna", .veld = "ziet", .tekst = "kapotte lamp" };
    json_t *omg;

    next(f);
    expect_refusal(f, bijdrage(f, NULL, "anna", "zeit", "x"), "onbekend veld 'zeit' in stap 'kaart', bedoelde je 'ziet'?");
    expect_refusal(f, bijdrage(f, NULL, "anna", NULL, "x"), "vraagt bij elke bijdrage een veld");
    expect_refusal(f, bijdrage(f, NULL, "anne", "ziet", "x"), "onbekende deelnemer 'anne', bedoelde je 'anna'?");
    /* Someone unknown is asked for again: added meanwhile, they may take part. */
    assert_int_equal(deelnemer_add(f->store, "anne", "Anne", "bewoners", NULL, &f->err), 0);
    assert_true(bijdrage(f, NULL, "anne", "ziet", "nu wel") > 0);
    expect_refusal(f, bijdrage(f, NULL, "anna", "ziet", "   "), "een bijdrage heeft een tekst nodig");
    omg = json_pack("[s]", "fysik");
    in.omgevingen = omg;
    expect_refusal(f, sessie_add(f->s, FEIT_BIJDRAGE, &in, "test", &f->err), "onbekende omgeving 'fysik', bedoelde je 'fysiek'?");
    json_decref(omg);
    omg = json_pack("[s, s]", "fysiek", "sociaal");
    in.omgevingen = omg;
    assert_true(sessie_add(f->s, FEIT_BIJDRAGE, &in, "test", &f->err) > 0);
    json_decref(omg);
    assert_true(bijdrage(f, "k1", "anna", "ziet", "drugs op het plein") > 0);
    expect_refusal(f, bijdrage(f, "k1", "bram", "voelt", "nog een"), "er is al een bijdrage met id 'k1'");
    expect_refusal(f, bijdrage(f, "k 1", "bram", "voelt", "spatie"), "id 'k 1' mag alleen");
}

static void test_votes_and_tallies_per_group(void **state)
{
    struct fixture *f = *state;
    json_t *view, *b;

    next(f);
    assert_true(bijdrage(f, "k1", "anna", "ziet", "drugs op het plein") > 0);
    assert_true(bijdrage(f, "k2", "bram", "voelt", "niets te doen") > 0);
    next(f);
    expect_refusal(f, stem(f, NULL, "k1", 1), "zeg wie dit deed");
    expect_refusal(f, stem(f, "anna", "k9", 1), "er is geen bijdrage 'k9' in stap 'kaart'");
    expect_refusal(f, stem(f, "anna", "k1", 0.5), "geheel getal");
    assert_true(stem(f, "anna", "k1", 2) > 0);
    assert_true(stem(f, "bram", "k1", 1) > 0);
    assert_true(stem(f, "bram", "k2", 2) > 0);
    expect_refusal(f, stem(f, "anna", "k2", 2), "deelnemer 'anna' heeft al 2 van de 3 stemmen gebruikt");
    view = sessie_view(f->s, &f->err);
    assert_non_null(view);
    b = json_array_get(json_object_get(view, "bijdragen"), 0);
    assert_string_equal(json_string_value(json_object_get(b, "id")), "k1");
    assert_int_equal(json_integer_value(json_object_get(b, "stemmen")), 3);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(b, "stemmen_per_groep"), "bewoners")), 2);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(b, "stemmen_per_groep"), "jongeren")), 1);
    assert_int_equal(json_array_size(json_object_get(view, "stemmen")), 3);
    assert_int_equal(json_array_size(json_object_get(view, "deelnemers")), 2);
    json_decref(view);
}

static void test_edit_remove_and_undo(void **state)
{
    struct fixture *f = *state;
    struct feit_invoer edit = { .tekst = "dealers op het Molenplein" };
    struct feit_invoer rm = { 0 };
    long long k1, k2;
    json_t *view, *list;

    next(f);
    k1 = bijdrage(f, "k1", "anna", "ziet", "drugs op het plein");
    k2 = bijdrage(f, "k2", "bram", "voelt", "niets te doen");
    assert_true(k1 > 0 && k2 > 0);
    edit.doel = k1;
    assert_true(sessie_add(f->s, FEIT_WIJZIGING, &edit, "test", &f->err) > 0);
    next(f);
    assert_true(stem(f, "anna", "k2", 3) > 0);
    rm.doel = k2;
    assert_true(sessie_add(f->s, FEIT_VERWIJDERING, &rm, "test", &f->err) > 0);
    expect_refusal(f, sessie_add(f->s, FEIT_VERWIJDERING, &rm, "test", &f->err), "is al verwijderd");
    view = sessie_view(f->s, &f->err);
    list = json_object_get(view, "bijdragen");
    assert_int_equal(json_array_size(list), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "tekst")),
                        "dealers op het Molenplein");
    /* The vote on the removed item no longer counts anywhere. */
    assert_int_equal(json_array_size(json_object_get(view, "stemmen")), 0);
    json_decref(view);
    /* Votes freed by the removal can be cast again. */
    assert_true(stem(f, "anna", "k1", 3) > 0);
    assert_true(sessie_undo(f->s, "test", &f->err) > 0);
    view = sessie_view(f->s, &f->err);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(view, "bijdragen"), 0), "stemmen")), 0);
    json_decref(view);
}

/* Taking back a removal may not bring anyone over their vote budget. */
static void test_undo_keeps_vote_budget(void **state)
{
    struct fixture *f = *state;
    struct feit_invoer rm = { 0 };

    next(f);
    assert_true(bijdrage(f, "k1", "anna", "ziet", "drugs op het plein") > 0);
    rm.doel = bijdrage(f, "k2", "bram", "voelt", "niets te doen");
    assert_true(rm.doel > 0);
    next(f);
    assert_true(stem(f, "anna", "k2", 3) > 0);
    assert_true(sessie_add(f->s, FEIT_VERWIJDERING, &rm, "test", &f->err) > 0);
    assert_true(stem(f, "anna", "k1", 3) > 0);       /* the freed votes, cast again */
    assert_true(sessie_undo(f->s, "test", &f->err) > 0);  /* takes back that vote */
    /* Taking back the removal of k2 would give anna 3 + 0 votes: fine now. */
    assert_true(sessie_undo(f->s, "test", &f->err) > 0);
    assert_true(stem(f, "bram", "k1", 1) > 0);
    rm.doel = sessie_add(f->s, FEIT_VERWIJDERING, &(struct feit_invoer){ .doel = rm.doel }, "test", &f->err);
    assert_true(rm.doel > 0);                         /* k2 removed again: anna's 3 votes free */
    assert_true(stem(f, "anna", "k1", 3) > 0);
    expect_refusal(f, sessie_add(f->s, FEIT_VERWIJDERING, &rm, "test", &f->err) ,
                   "deelnemer 'anna' zou dan 6 van de 3 stemmen hebben in stap 'stemmen'");
}

/* The volgnrs of the session, in order, as text ("1,2,3"). */
static const char *volgnrs(struct fixture *f, char *buf, size_t size)
{
    sqlite3_stmt *st;

    assert_int_equal(sqlite3_prepare_v2(store_db(f->store), "SELECT group_concat(volgnr) FROM "
                                        "(SELECT volgnr FROM feit WHERE sessie = ?1 ORDER BY volgnr)", -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_int64(st, 1, f->s->id);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

/* In a batch (a replay) the next volgnr follows from the last fact, without
 * asking the database. A fact rolled back after its insert must not leave
 * a gap, and another handle of the same session writing in between must
 * not make a fact fail. */
static void test_volgnr_in_a_batch(void **state)
{
    struct fixture *f = *state;
    struct sessie *other;
    long long k1, k2, removal;
    char buf[128];

    store_batch_begin(f->store, 100);
    next(f);
    k1 = bijdrage(f, "k1", "anna", "ziet", "drugs op het plein");
    k2 = bijdrage(f, "k2", "bram", "voelt", "niets te doen");
    assert_true(k1 > 0 && k2 > 0);
    next(f);
    assert_true(stem(f, "anna", "k2", 3) > 0);
    removal = sessie_add(f->s, FEIT_VERWIJDERING, &(struct feit_invoer){ .doel = k2 }, "test", &f->err);
    assert_true(removal > 0);
    assert_true(stem(f, "anna", "k1", 3) > 0);
    /* Taking back the removal is refused only after it was inserted. */
    expect_refusal(f, sessie_add(f->s, FEIT_VERWIJDERING, &(struct feit_invoer){ .doel = removal }, "test",
                                 &f->err), "deelnemer 'anna' zou dan 6 van de 3 stemmen hebben");
    assert_true(stem(f, "bram", "k1", 1) > 0);
    assert_string_equal(volgnrs(f, buf, sizeof buf), "1,2,3,4,5,6,7,8,9");

    other = open_card(f, "sessiekaart");
    assert_non_null(other);
    assert_true(sessie_add(other, FEIT_STEM, &(struct feit_invoer){ .deelnemer = "bram", .op = "k1", .ref = "k1", .waarde = 1 },
                           "test", &f->err) > 0);
    if (stem(f, "bram", "k1", 1) < 0)
        fail_msg("%s", wp_error_first(&f->err));
    assert_int_equal(sessie_fact_count(f->s), 11);
    assert_int_equal(store_batch_end(f->store, &f->err), 0);
    assert_string_equal(volgnrs(f, buf, sizeof buf), "1,2,3,4,5,6,7,8,9,10,11");
    sessie_free(other);
}

/* Undo walks back one input at a time; undoing a removal takes it back,
 * and an undo is never itself undone. */
static void test_undo_takes_back_a_removal(void **state)
{
    struct fixture *f = *state;
    struct feit_invoer rm = { 0 };
    long long k1, removal;
    json_t *fact, *view;

    next(f);
    k1 = bijdrage(f, "k1", "anna", "ziet", "drugs op het plein");
    assert_true(bijdrage(f, "k2", "bram", "voelt", "niets te doen") > 0);
    assert_int_equal(sessie_find_bijdrage(f->s, "k1", &f->err), k1);
    rm.doel = k1;
    removal = sessie_add(f->s, FEIT_VERWIJDERING, &rm, "test", &f->err);
    assert_true(removal > 0);
    assert_int_equal(sessie_find_bijdrage(f->s, "k1", &f->err), 0);
    /* The first undo takes the removal back: k1 stands again. */
    assert_true(sessie_undo(f->s, "test", &f->err) > 0);
    assert_int_equal(sessie_find_bijdrage(f->s, "k1", &f->err), k1);
    view = sessie_view(f->s, &f->err);
    assert_int_equal(json_array_size(json_object_get(view, "bijdragen")), 2);
    json_decref(view);
    /* A taken-back removal cannot be taken back twice. */
    rm.doel = removal;
    expect_refusal(f, sessie_add(f->s, FEIT_VERWIJDERING, &rm, "test", &f->err), "is al teruggedraaid");
    /* The next undos remove k2, then k1; then nothing is left to undo. */
    assert_true(sessie_undo(f->s, "test", &f->err) > 0);
    assert_int_equal(sessie_find_bijdrage(f->s, "k2", &f->err), 0);
    assert_true(sessie_undo(f->s, "test", &f->err) > 0);
    assert_int_equal(sessie_find_bijdrage(f->s, "k1", &f->err), 0);
    expect_refusal(f, sessie_undo(f->s, "test", &f->err), "er is niets om ongedaan te maken");
    fact = sessie_fact(f->s, k1, &f->err);
    assert_string_equal(json_string_value(json_object_get(fact, "soort")), "bijdrage");
    assert_string_equal(json_string_value(json_object_get(fact, "ref")), "k1");
    assert_string_equal(json_string_value(json_object_get(fact, "tekst")), "drugs op het plein");
    json_decref(fact);
    assert_null(sessie_fact(f->s, 99999, &f->err));
    expect_refusal(f, -1, "feit 99999 bestaat niet");
}

/* A reused ref blocks taking back the removal of the first bijdrage. */
static void test_restore_refuses_a_taken_ref(void **state)
{
    struct fixture *f = *state;
    struct feit_invoer rm = { 0 };
    long long removal;

    next(f);
    rm.doel = bijdrage(f, "k1", "anna", "ziet", "eerste");
    removal = sessie_add(f->s, FEIT_VERWIJDERING, &rm, "test", &f->err);
    assert_true(bijdrage(f, "k1", "bram", "ziet", "tweede") > 0);
    rm.doel = removal;
    expect_refusal(f, sessie_add(f->s, FEIT_VERWIJDERING, &rm, "test", &f->err),
                   "bijdrage 'k1' kan niet terug: er staat intussen een andere bijdrage met dat id");
}

/* The werkvorm's message at the last step change can be asked again (to
 * show it when a session is resumed). */
static void test_step_message_again(void **state)
{
    struct fixture *f = *state;
    char *message = NULL, *again;

    sessie_free(f->s);
    f->s = open_card(f, "regiekaart");
    assert_non_null(f->s);
    assert_null(sessie_step_message(f->s, &f->err));
    assert_int_equal(sessie_next_step(f->s, "test", &message, &f->err), 0);
    assert_non_null(message);
    again = sessie_step_message(f->s, &f->err);
    assert_non_null(again);
    assert_string_equal(again, message);
    free(again);
    free(message);
    assert_int_equal(sessie_next_step(f->s, "test", &message, &f->err), 0);
    assert_null(message);
    assert_null(sessie_step_message(f->s, &f->err));
    assert_false(wp_error_failed(&f->err));
}

static void test_pause_reason(void **state)
{
    struct fixture *f = *state;
    char reden[32];

    assert_int_equal(sessie_pause_reason(f->s, reden, sizeof reden, &f->err), 0);
    assert_int_equal(sessie_pause(f->s, "afgesloten", "test", &f->err), 0);
    assert_int_equal(sessie_pause_reason(f->s, reden, sizeof reden, &f->err), 1);
    assert_string_equal(reden, "afgesloten");
    assert_int_equal(sessie_unpause(f->s, "test", &f->err), 0);
    assert_int_equal(sessie_pause_reason(f->s, reden, sizeof reden, &f->err), 0);
    assert_int_equal(sessie_pause(f->s, NULL, "test", &f->err), 0);
    assert_int_equal(sessie_pause_reason(f->s, reden, sizeof reden, &f->err), 1);
    assert_string_equal(reden, "pauze");
}

/* Two regies on one session, each with its own handle: the second to quit
 * finds the clock already stopped, the second to open finds it running
 * again, and neither is refused (the race CI once lost). A pause the
 * facilitator chose is not lifted by opening. */
static void test_two_handles_share_the_clock(void **state)
{
    struct fixture *f = *state;
    struct sessie *other = open_card(f, "sessiekaart");
    char reden[32];

    assert_non_null(other);
    assert_int_equal(sessie_stop_clock(f->s, "afgesloten", "test", &f->err), 1);
    assert_int_equal(sessie_stop_clock(other, "afgesloten", "test", &f->err), 0);
    assert_int_equal(sessie_lift_pause(other, "afgesloten", "test", &f->err), 1);
    assert_int_equal(sessie_lift_pause(f->s, "afgesloten", "test", &f->err), 0);
    assert_int_equal(sessie_pause_reason(f->s, reden, sizeof reden, &f->err), 0);
    assert_int_equal(sessie_pause(other, "pauze", "test", &f->err), 0);
    assert_int_equal(sessie_lift_pause(f->s, "afgesloten", "test", &f->err), 0);
    assert_int_equal(sessie_pause_reason(f->s, reden, sizeof reden, &f->err), 1);
    assert_string_equal(reden, "pauze");
    assert_false(wp_error_failed(&f->err));
    sessie_free(other);
}

static void test_placements_and_decisions(void **state)
{
    struct fixture *f = *state;
    struct feit_invoer p = { .deelnemer = "anna", .op = "wijkagent", .ref = "wijkagent", .waarde = 2 };
    struct feit_invoer bad = { .deelnemer = "anna", .op = "wijkagnt", .ref = "wijkagnt", .waarde = 2 };
    struct feit_invoer out = { .deelnemer = "anna", .op = "wijkagent", .ref = "wijkagent", .waarde = 4 };
    struct feit_invoer besluit = { .tekst = "We richten ons op het Molenplein", .uitkomst = "aangenomen" };
    json_t *view, *bezwaren;

    for (int i = 0; i < 3; i++)
        next(f);
    assert_string_equal(sessie_current_step(f->s)->id, "glijbaan");
    expect_refusal(f, sessie_add(f->s, FEIT_PLAATSING, &bad, "test", &f->err), "'wijkagnt' is geen betrokkene");
    expect_refusal(f, sessie_add(f->s, FEIT_PLAATSING, &out, "test", &f->err), "valt buiten de schaal van 1 tot en met 3");
    assert_true(sessie_add(f->s, FEIT_PLAATSING, &p, "test", &f->err) > 0);
    p.waarde = 3;   /* a second placement by the same person replaces the first */
    assert_true(sessie_add(f->s, FEIT_PLAATSING, &p, "test", &f->err) > 0);
    next(f);
    besluit.uitkomst = "goedgekeurd";
    expect_refusal(f, sessie_add(f->s, FEIT_BESLUIT, &besluit, "test", &f->err), "uitkomst 'goedgekeurd' van een besluit is onbekend");
    besluit.uitkomst = "aangenomen";
    bezwaren = json_pack("[{s:s, s:s, s:s}]", "wie", "bram", "tekst", "Te smal", "opgelost", "Park erbij");
    besluit.bezwaren = bezwaren;
    assert_true(sessie_add(f->s, FEIT_BESLUIT, &besluit, "test", &f->err) > 0);
    json_decref(bezwaren);
    view = sessie_view(f->s, &f->err);
    assert_int_equal(json_array_size(json_object_get(view, "plaatsingen")), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(view, "plaatsingen"), 0), "waarde")), 3);
    bezwaren = json_object_get(json_array_get(json_object_get(view, "besluiten"), 0), "bezwaren");
    assert_string_equal(json_string_value(json_object_get(json_array_get(bezwaren, 0), "opgelost")), "Park erbij");
    assert_string_equal(json_string_value(json_object_get(json_array_get(bezwaren, 0), "groep")), "jongeren");
    json_decref(view);
}

/* The rest of a session whose bijdrage k1 stands: votes for it by anna and
 * bram, two placements by anna (the second replaces the first) and one by
 * bram with a label, and a decision with an objection. */
static void vote_place_decide(struct fixture *f)
{
    struct feit_invoer p = { .deelnemer = "anna", .op = "wijkagent", .ref = "wijkagent", .waarde = 2 };
    struct feit_invoer besluit = { .tekst = "We richten ons op het Molenplein", .uitkomst = "aangenomen" };

    next(f);
    assert_true(stem(f, "anna", "k1", 2) > 0);
    assert_true(stem(f, "bram", "k1", 1) > 0);
    next(f);
    assert_true(sessie_add(f->s, FEIT_PLAATSING, &p, "test", &f->err) > 0);
    p.waarde = 3;
    assert_true(sessie_add(f->s, FEIT_PLAATSING, &p, "test", &f->err) > 0);
    p.deelnemer = "bram";
    p.tekst = "ziet alles";
    assert_true(sessie_add(f->s, FEIT_PLAATSING, &p, "test", &f->err) > 0);
    next(f);
    besluit.bezwaren = json_pack("[{s:s, s:s}]", "wie", "bram", "tekst", "Te smal");
    assert_true(sessie_add(f->s, FEIT_BESLUIT, &besluit, "test", &f->err) > 0);
    json_decref(besluit.bezwaren);
}

/* A werkvorm whose resultaat writes down its sessie exactly as Lua holds it:
 * every table in the order `next` walks it, numbers with their subtype. */
static const char probe_werkvorm[] =
    "local function dump(v)\n"
    "  if type(v) ~= 'table' then return (math.type(v) or type(v)) .. '=' .. tostring(v) end\n"
    "  local parts, k, x = {}, next(v)\n"
    "  while k ~= nil do parts[#parts + 1] = tostring(k) .. ':' .. dump(x); k, x = next(v, k) end\n"
    "  return '{' .. table.concat(parts, ',') .. '}'\n"
    "end\n"
    "return {\n"
    "  id = 'sonde', naam = 'Sonde', versie = '1.0.0', sprint = 1, toelichting = 'Test.', opbrengst = 'Test.',\n"
    "  deelnemers = { 'bewoners' }, groep = { min = 2, max = 20 }, duur = 5, schatting = 'Een schatting.',\n"
    "  levert = { 'situatie' },\n"
    "  stappen = { { id = 'kaart', titel = 'Kaart', instructie = 'Schrijf.', duur = 5, invoer = 'bijdrage' } },\n"
    "  resultaat = function(sessie) return { situatie = { zo = dump(sessie), sessie = sessie } } end,\n"
    "}\n";

static int emit_model(const void *model, struct value_sink *sink)
{
    return sessie_view_emit(model, sink);
}

/* resultaat gets the view written straight into Lua (sessie_close); it must
 * be the very tables the view's JSON would have given, down to the order
 * of their members. */
static void test_view_in_lua_equals_view_in_json(void **state)
{
    struct fixture *f = *state;
    struct feit_invoer in = { .ref = "k1", .deelnemer = "anna", .veld = "ziet", .tekst = "drugs op het plein" };
    json_t *omg = json_pack("[s]", "sociaal"), *view, *via_json, *via_sink, *seen;
    struct sessie_model *model;
    struct plugin *probe;
    long long k2, k3;

    next(f);
    in.omgevingen = omg;
    assert_true(sessie_add(f->s, FEIT_BIJDRAGE, &in, "test", &f->err) > 0);
    k2 = bijdrage(f, "k2", "bram", "voelt", "niets te doen");
    k3 = bijdrage(f, "k3", "anna", "ziet", "weg ermee");
    assert_true(k3 > 0);
    assert_true(sessie_add(f->s, FEIT_WIJZIGING, &(struct feit_invoer){ .doel = k2, .tekst = "niets", .veld = "ziet" },
                           "test", &f->err) > 0);
    assert_true(sessie_add(f->s, FEIT_VERWIJDERING, &(struct feit_invoer){ .doel = k3 }, "test", &f->err) > 0);
    vote_place_decide(f);
    json_decref(omg);

    probe = plugin_load_string("sonde.lua", probe_werkvorm, sizeof probe_werkvorm - 1, NULL, &f->err);
    assert_non_null(probe);
    view = sessie_view(f->s, &f->err);
    model = sessie_view_read(f->s, &f->err);
    assert_non_null(view);
    assert_non_null(model);
    via_json = plugin_resultaat(probe, view, &f->err);
    via_sink = plugin_resultaat_emit(probe, &(struct plugin_emitter){ emit_model, model }, &f->err);
    assert_non_null(via_json);
    assert_non_null(via_sink);
    assert_string_equal(json_string_value(json_object_get(json_object_get(via_sink, "situatie"), "zo")),
                        json_string_value(json_object_get(json_object_get(via_json, "situatie"), "zo")));
    assert_true(json_equal(via_sink, via_json));
    /* and it is the session above: the edit, the removal, the tallies, the placements */
    seen = json_object_get(json_object_get(via_sink, "situatie"), "sessie");
    assert_int_equal(json_array_size(json_object_get(seen, "bijdragen")), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(seen, "bijdragen"), 1),
                                                          "veld")), "ziet");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(json_array_get(
                         json_object_get(seen, "bijdragen"), 0), "stemmen_per_groep"), "jongeren")), 1);
    assert_int_equal(json_array_size(json_object_get(seen, "plaatsingen")), 2);
    assert_int_equal(json_array_size(json_object_get(seen, "besluiten")), 1);
    assert_non_null(strstr(json_string_value(json_object_get(json_object_get(via_sink, "situatie"), "zo")),
                           "waarde:integer=3"));
    json_decref(via_json);
    json_decref(via_sink);
    json_decref(view);
    sessie_view_free(model);
    plugin_free(probe);
}

/* A session with every kind of fact the view replays, but no removal:
 * bijdragen (one with omgevingen, one with bij, sensitive and with a
 * generated ref), an edit of its text, veld and omgevingen, votes, two placements by one
 * person and one with a label, and a decision with an objection. */
static void fill_session(struct fixture *f)
{
    json_t *omg = json_pack("[s]", "sociaal"), *omg2 = json_pack("[s, s]", "fysiek", "sociaal");
    long long k2;

    next(f);
    assert_true(sessie_add(f->s, FEIT_BIJDRAGE, &(struct feit_invoer){ .ref = "k1", .deelnemer = "anna",
                           .veld = "ziet", .tekst = "drugs op het plein", .omgevingen = omg }, "test", &f->err) > 0);
    k2 = sessie_add(f->s, FEIT_BIJDRAGE, &(struct feit_invoer){ .deelnemer = "bram", .veld = "ziet", .tekst = "niets te doen",
                    .bij = "ww-1", .gevoelig = 1 }, "test", &f->err);
    if (k2 < 0)
        fail_msg("%s", wp_error_first(&f->err));
    assert_true(sessie_add(f->s, FEIT_WIJZIGING, &(struct feit_invoer){ .doel = k2, .tekst = "niets", .veld = "voelt",
                           .omgevingen = omg2 }, "test", &f->err) > 0);
    vote_place_decide(f);
    json_decref(omg);
    json_decref(omg2);
}

/* The view of h as compact JSON text, members in the order they came. */
static char *view_text(struct fixture *f, struct sessie *h)
{
    json_t *view = sessie_view(h, &f->err);
    char *text;

    assert_non_null(view);
    text = json_dumps(view, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(view);
    return text;
}

/* A handle on the session of the test werkvorm under label: a new one
 * (whose handle keeps what it writes), or the open one resumed. */
static struct sessie *open_label(struct fixture *f, const char *label)
{
    char path[512];

    snprintf(path, sizeof path, "%s/tests/fixtures/sessie/sessiekaart.lua", top());
    return sessie_open_file(f->t, path, NULL, 0, label, NULL, &f->err);
}

/* A new session under label in place of f->s. */
static void new_session(struct fixture *f, const char *label)
{
    sessie_free(f->s);
    f->s = open_label(f, label);
    assert_non_null(f->s);
    assert_non_null(f->s->kept);
}

/* The handle that created the session replays the facts it kept; another
 * handle, opened on it afterwards, reads them back. The two views must be
 * the same text, out of a replay's batch and in one. */
static void test_view_from_kept_facts(void **state)
{
    struct fixture *f = *state;
    struct sessie *reader;
    char *kept, *read;

    for (int batched = 0; batched < 2; batched++) {
        if (batched) {
            store_batch_begin(f->store, 4);
            new_session(f, "gebundeld");
        }
        fill_session(f);
        reader = open_label(f, f->s->label);
        assert_non_null(reader);
        assert_null(reader->kept);
        kept = view_text(f, f->s);
        read = view_text(f, reader);
        assert_string_equal(kept, read);
        assert_non_null(strstr(kept, "\"bij\":\"ww-1\""));
        free(kept);
        free(read);
        sessie_free(reader);
    }
    assert_int_equal(store_batch_end(f->store, &f->err), 0);
    assert_false(wp_error_failed(&f->err));
}

/* What tells that the kept facts are no longer what the database holds;
 * the view then reads the database. */
static void test_view_reads_back_when_kept_facts_are_stale(void **state)
{
    struct fixture *f = *state;
    struct sessie *other;
    sqlite3 *outside;
    char *text;
    long long k1;

    fill_session(f);
    /* The view replays the kept facts: a change made behind the engine's
     * back on its own connection (nothing in werkplaats does that) is not
     * seen... */
    assert_int_equal(sqlite3_exec(store_db(f->store), "UPDATE feit SET tekst = 'stil veranderd' WHERE ref = 'k1' "
                                  "AND soort = 'bijdrage'", NULL, NULL, NULL), SQLITE_OK);
    text = view_text(f, f->s);
    assert_null(strstr(text, "stil veranderd"));
    free(text);
    /* ... but one another process committed is (werkplaats vergeet). */
    assert_int_equal(sqlite3_open(f->db, &outside), SQLITE_OK);
    sqlite3_busy_timeout(outside, 5000);
    assert_int_equal(sqlite3_exec(outside, "UPDATE feit SET tekst = 'vergeten' WHERE ref = 'k1' "
                                  "AND soort = 'bijdrage'", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(outside);
    text = view_text(f, f->s);
    assert_non_null(strstr(text, "\"tekst\":\"vergeten\""));
    free(text);

    /* Another handle of the session writes a fact. */
    new_session(f, "tweede");
    next(f);
    other = open_label(f, "tweede");
    assert_non_null(other);
    assert_true(sessie_add(other, FEIT_BIJDRAGE, &(struct feit_invoer){ .ref = "x1", .deelnemer = "anna",
                           .veld = "ziet", .tekst = "van de ander" }, "test", &f->err) > 0);
    sessie_free(other);
    text = view_text(f, f->s);
    assert_non_null(strstr(text, "van de ander"));
    free(text);

    /* A removal: what it removed is left out. */
    new_session(f, "derde");
    next(f);
    k1 = bijdrage(f, "k1", "anna", "ziet", "weg ermee");
    assert_true(k1 > 0);
    assert_true(sessie_add(f->s, FEIT_VERWIJDERING, &(struct feit_invoer){ .doel = k1 }, "test", &f->err) > 0);
    text = view_text(f, f->s);
    assert_null(strstr(text, "weg ermee"));
    free(text);

    /* A rollback on the connection: a fact kept may not have been stored. */
    new_session(f, "vierde");
    next(f);
    assert_true(bijdrage(f, "k1", "anna", "ziet", "blijft") > 0);
    assert_true(kept_facts_current(f->s->kept, f->s->volgnr));
    assert_int_equal(store_begin(f->store, &f->err), 0);
    store_rollback(f->store);
    assert_false(kept_facts_current(f->s->kept, f->s->volgnr));
    assert_false(wp_error_failed(&f->err));
}

static void test_steps_and_clock(void **state)
{
    struct fixture *f = *state;
    long long step_ms, total_ms;
    int paused;

    expect_refusal(f, sessie_prev_step(f->s, "test", NULL, &f->err), "'intro' is de eerste stap");
    for (int i = 0; i < 4; i++)
        next(f);
    expect_refusal(f, sessie_next_step(f->s, "test", NULL, &f->err), "'besluit' is de laatste stap");
    assert_int_equal(sessie_prev_step(f->s, "test", NULL, &f->err), 0);
    assert_string_equal(sessie_current_step(f->s)->id, "glijbaan");
    assert_int_equal(sessie_pause(f->s, "pauze", "test", &f->err), 0);
    expect_refusal(f, sessie_pause(f->s, "pauze", "test", &f->err), "de klok staat al stil");
    assert_int_equal(sessie_clock(f->s, &step_ms, &total_ms, &paused, &f->err), 0);
    assert_true(paused);
    assert_true(step_ms >= 0 && total_ms >= step_ms);
    assert_int_equal(sessie_unpause(f->s, "test", &f->err), 0);
    expect_refusal(f, sessie_unpause(f->s, "test", &f->err), "de klok loopt al");
    assert_int_equal(sessie_clock(f->s, NULL, NULL, &paused, &f->err), 0);
    assert_false(paused);
}

static void test_resume_after_reopen(void **state)
{
    struct fixture *f = *state;
    long long count;

    next(f);
    assert_true(bijdrage(f, "k1", "anna", "ziet", "drugs") > 0);
    count = sessie_fact_count(f->s);
    sessie_free(f->s);
    f->s = open_card(f, "sessiekaart");
    assert_non_null(f->s);
    assert_string_equal(sessie_current_step(f->s)->id, "kaart");
    assert_int_equal(sessie_fact_count(f->s), count);
}

static void test_close_hands_over_to_sprint(void **state)
{
    struct fixture *f = *state;
    json_t *result, *sprint;

    next(f);
    assert_true(bijdrage(f, "k1", "anna", "ziet", "drugs op het plein") > 0);
    next(f);
    assert_true(stem(f, "anna", "k1", 3) > 0);
    result = sessie_close(f->s, &f->err);
    assert_non_null(result);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(result, "situatie"), "aantal")), 1);
    json_decref(result);
    expect_refusal(f, bijdrage(f, NULL, "anna", "ziet", "te laat"), "is gesloten");
    sessie_free(f->s);
    f->s = open_card(f, "sessiekaart");
    assert_null(f->s);
    assert_true(wp_error_contains(&f->err, "al gedaan en gesloten"));
    wp_error_clear(&f->err);
    assert_int_equal(traject_close_sprint(f->t, 1, &f->err), 0);
    sprint = traject_sprint_result(f->t, 1, &f->err);
    assert_string_equal(json_string_value(json_object_get(
        json_array_get(json_object_get(json_object_get(sprint, "situatie"), "punten"), 0), "tekst")),
        "drugs op het plein");
    json_decref(sprint);
}

static void test_result_must_match_levert(void **state)
{
    struct fixture *f = *state;
    struct sessie *extra, *mist;

    extra = open_card(f, "sessie_extra");
    assert_non_null(extra);
    assert_null(sessie_close(extra, &f->err));
    assert_true(wp_error_contains(&f->err, "resultaat() gaf 'geheim' terug, maar 'levert' noemt het niet"));
    wp_error_clear(&f->err);
    assert_false(extra->gesloten);
    mist = open_card(f, "sessie_mist");
    assert_non_null(mist);
    assert_null(sessie_close(mist, &f->err));
    assert_true(wp_error_contains(&f->err, "resultaat() gaf geen 'glijbaan' terug"));
    wp_error_clear(&f->err);
    sessie_free(extra);
    sessie_free(mist);
}

static void test_open_needs_running_sprint_of_card(void **state)
{
    struct fixture *f = *state;
    struct sessie *s;

    sessie_free(f->s);
    f->s = NULL;
    /* Close sprint 1 with what it needs via a finished session, then try
     * opening a sprint-1 werkvorm while sprint 2 runs. */
    s = open_card(f, "sessiekaart");
    assert_non_null(s);
    json_decref(sessie_close(s, &f->err));
    sessie_free(s);
    assert_int_equal(traject_close_sprint(f->t, 1, &f->err), 0);
    assert_null(open_card(f, "sessie_extra"));
    assert_true(wp_error_contains(&f->err, "er loopt geen sprint"));
    wp_error_clear(&f->err);
    assert_int_equal(traject_start_sprint(f->t, 2, &f->err), 0);
    assert_null(open_card(f, "sessie_extra"));
    assert_true(wp_error_contains(&f->err, "hoort bij sprint 1, maar sprint 2 loopt"));
    wp_error_clear(&f->err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_starts_at_first_step, setup, teardown),
        cmocka_unit_test_setup_teardown(test_input_must_fit_the_step, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bijdrage_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_votes_and_tallies_per_group, setup, teardown),
        cmocka_unit_test_setup_teardown(test_view_in_lua_equals_view_in_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_view_from_kept_facts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_view_reads_back_when_kept_facts_are_stale, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edit_remove_and_undo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_undo_keeps_vote_budget, setup, teardown),
        cmocka_unit_test_setup_teardown(test_undo_takes_back_a_removal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_volgnr_in_a_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restore_refuses_a_taken_ref, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pause_reason, setup, teardown),
        cmocka_unit_test_setup_teardown(test_step_message_again, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_handles_share_the_clock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_placements_and_decisions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_steps_and_clock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resume_after_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_hands_over_to_sprint, setup, teardown),
        cmocka_unit_test_setup_teardown(test_result_must_match_levert, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_needs_running_sprint_of_card, setup, teardown),
    };
    return cmocka_run_group_tests_name("sessie", tests, NULL, NULL);
}
