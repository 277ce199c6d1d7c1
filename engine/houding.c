/* houding.c: the stakeholders' stance and glijbaan position per phase. */
#include "werkplaats/houding.h"

#include <stdio.h>
#include <string.h>

#include "werkplaats/clock.h"
#include "werkplaats/register.h"
#include "werkplaats/text.h"

int houding_check(struct traject *t, const struct houding_invoer *in, const char *where, wp_error *err)
{
    const struct methode *m = t->methode;
    int rc = 0;

    if (in->betrokkene == NULL)
        rc = wp_error_add(err, WP_EUSER, where, "zeg over wie het gaat ('betrokkene': een id uit de casus)");
    else if (register_check_betrokkene(t, in->betrokkene, where, err) != 0)
        rc = -1;
    if (in->houding == NULL && in->glijbaan == NULL)
        rc = wp_error_add(err, WP_EUSER, where, "geef een houding, een plek op de glijbaan of allebei");
    if (in->houding != NULL &&
        register_check_word(in->houding, (const char *const *)m->houdingen, "houding", where, err) != 0)
        rc = -1;
    if (in->glijbaan != NULL &&
        register_check_word(in->glijbaan, (const char *const *)m->glijbaan, "plek op de glijbaan", where, err) != 0)
        rc = -1;
    return rc;
}

int houding_insert(struct traject *t, const struct houding_invoer *in, wp_error *err)
{
    static const char *const sql =
        "INSERT INTO houding (betrokkene, fase, houding, glijbaan, sessie, herkomst, bron, tijd) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (bron) DO NOTHING";
    char now[CLOCK_ISO_SIZE];
    int fase = in->fase > 0 ? in->fase : register_sprint(t, err);
    sqlite3_stmt *st;

    if (fase < 0)
        return -1;
    if (fase == 0)
        return wp_error_add(err, WP_EUSER, NULL, "er is nog geen sprint gestart; de houding bij de start staat in "
                            "de casus");
    if ((st = store_stmt(t->store, sql, err)) == NULL)
        return -1;
    store_bind_text(st, 1, in->betrokkene);
    sqlite3_bind_int(st, 2, fase);
    store_bind_text(st, 3, in->houding);
    store_bind_text(st, 4, in->glijbaan);
    if (in->sessie > 0)
        sqlite3_bind_int64(st, 5, in->sessie);
    store_bind_text(st, 6, in->herkomst);
    store_bind_text(st, 7, in->bron);
    store_bind_text(st, 8, clock_now_iso(now));
    if (store_step_done(t->store, st, "houding opslaan", err) != 0)
        return -1;
    return sqlite3_changes(store_db(t->store)) > 0;
}

int houding_add(struct traject *t, const struct houding_invoer *in, const char *where, wp_error *err)
{
    int rc;

    if (houding_check(t, in, where, err) != 0 || store_begin(t->store, err) != 0)
        return -1;
    rc = houding_insert(t, in, err);
    if (rc < 0 || store_commit(t->store, err) != 0) {
        store_rollback(t->store);
        return -1;
    }
    return rc;
}

/* --- from a werkvorm's result ------------------------------------------------ */

static const char *const result_fields[] = { "betrokkene", "houding", "glijbaan", NULL };

static void from_entry(json_t *e, struct houding_invoer *in)
{
    memset(in, 0, sizeof *in);
    in->betrokkene = json_string_value(json_object_get(e, "betrokkene"));
    in->houding = json_string_value(json_object_get(e, "houding"));
    in->glijbaan = json_string_value(json_object_get(e, "glijbaan"));
}

static int check_entry(void *ctx, json_t *e, const char *label, wp_error *err)
{
    struct houding_invoer in;

    from_entry(e, &in);
    return houding_check(ctx, &in, label, err);
}

int houding_check_result(struct traject *t, json_t *list, const char *werkvorm, wp_error *err)
{
    return register_result_list(list, werkvorm, 0, "houdingen", "houding", result_fields, check_entry, t, err);
}

struct result_ctx {
    struct traject *t;
    long long sessie;
    int sprint;
};

static int store_entry(void *ctx, json_t *e, const char *label, wp_error *err)
{
    struct result_ctx *r = ctx;
    struct houding_invoer in;

    from_entry(e, &in);
    in.fase = r->sprint;
    in.sessie = r->sessie;
    in.herkomst = HERKOMST_WERKVORM;
    in.bron = label;
    return houding_insert(r->t, &in, err) < 0 ? -1 : 0;
}

int houding_store_result(struct traject *t, json_t *list, long long sessie, int sprint, wp_error *err)
{
    struct result_ctx r = { t, sessie, sprint };

    return register_result_list(list, "", sessie, "houdingen", "houding", result_fields, store_entry, &r, err);
}

/* --- the overview ------------------------------------------------------------- */

static json_t *stance(int fase, const char *houding, const char *glijbaan, const char *herkomst)
{
    json_t *o = json_pack("{s:i, s:s, s:s}", "fase", fase, "houding", houding, "glijbaan", glijbaan);

    if (herkomst != NULL)
        json_object_set_new(o, "herkomst", json_string(herkomst));
    return o;
}

static json_t *start_entry(const struct casus_betrokkene *b, const struct methode *m)
{
    json_t *o = json_pack("{s:s, s:s, s:s?, s:s?, s:b}", "id", b->id, "naam", b->naam, "rol", b->rol, "groep", b->groep,
                          "sleutel", b->sleutel);

    json_object_set_new(o, "fasen", json_pack("[o]", stance(0, m->houdingen[b->houding], m->glijbaan[b->glijbaan],
                                                            "casus")));
    json_object_set_new(o, "nu", stance(0, m->houdingen[b->houding], m->glijbaan[b->glijbaan], NULL));
    return o;
}

/* Applies one stored change: a new phase gets an entry of its own, a later
 * change within the same phase updates it; what it leaves out stays. */
static void apply_change(json_t *entry, int fase, const char *houding, const char *glijbaan, const char *herkomst)
{
    json_t *fasen = json_object_get(entry, "fasen");
    json_t *last = json_array_get(fasen, json_array_size(fasen) - 1);
    json_t *nu = json_object_get(entry, "nu");

    if (houding == NULL)
        houding = json_string_value(json_object_get(nu, "houding"));
    if (glijbaan == NULL)
        glijbaan = json_string_value(json_object_get(nu, "glijbaan"));
    if (json_integer_value(json_object_get(last, "fase")) == fase)
        json_array_remove(fasen, json_array_size(fasen) - 1);
    json_array_append_new(fasen, stance(fase, houding, glijbaan, herkomst));
    json_object_set_new(entry, "nu", stance(fase, houding, glijbaan, NULL));
}

json_t *houding_overzicht(struct traject *t, int tot, wp_error *err)
{
    static const char *const sql =
        "SELECT betrokkene, fase, houding, glijbaan, herkomst FROM houding WHERE (?1 = 0 OR fase <= ?1) "
        "ORDER BY fase, id";
    sqlite3_stmt *st = store_stmt(t->store, sql, err);
    json_t *list, *by_id;
    int rc;

    if (st == NULL)
        return NULL;
    list = json_array();
    by_id = json_object();
    for (size_t i = 0; i < t->casus->n_betrokkenen; i++) {
        json_t *e = start_entry(&t->casus->betrokkenen[i], t->methode);
        json_object_set(by_id, t->casus->betrokkenen[i].id, e);
        json_array_append_new(list, e);
    }
    sqlite3_bind_int(st, 1, tot);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *e = json_object_get(by_id, store_column_text(st, 0));
        if (e != NULL)   /* a betrokkene the casus no longer has is history, not news */
            apply_change(e, sqlite3_column_int(st, 1), store_column_text(st, 2), store_column_text(st, 3),
                         store_column_text(st, 4));
    }
    sqlite3_reset(st);
    json_decref(by_id);
    if (rc != SQLITE_DONE) {
        store_fail(t->store, "houdingen lezen", err);
        json_decref(list);
        return NULL;
    }
    return list;
}
