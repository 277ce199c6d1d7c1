/* afspraak.c: the agreements register. */
#include "werkplaats/afspraak.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "werkplaats/clock.h"
#include "werkplaats/register.h"
#include "werkplaats/text.h"
#include "werkplaats/yamlx.h"

/* A label a facilitator can type: letters, digits, '-', '_', '.', and not
 * only digits, so `afspraak klaar 12` never means a label. */
static int valid_ref(const char *ref)
{
    int letter = 0;

    if (ref[0] == '\0' || strlen(ref) > 64)
        return 0;
    for (const char *p = ref; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '-' || *p == '_' || *p == '.')
            letter = 1;
        else if (!(*p >= '0' && *p <= '9'))
            return 0;
    }
    return letter;
}

int afspraak_check(struct traject *t, const struct afspraak_invoer *in, const char *where, wp_error *err)
{
    int rc = 0;

    if (in->ref != NULL && !valid_ref(in->ref))
        rc = wp_error_add(err, WP_EUSER, where, "id '%s' van een afspraak mag alleen letters, cijfers, '-', '_' en "
                          "'.' bevatten, en niet alleen cijfers", in->ref);
    if (in->wie == NULL)
        rc = wp_error_add(err, WP_EUSER, where, "een afspraak zegt wie hem uitvoert ('wie': een betrokkene uit de "
                          "casus)");
    else if (register_check_betrokkene(t, in->wie, where, err) != 0)
        rc = -1;
    if (register_check_text(in->wat, "een afspraak ('wat')", where, err) != 0)
        rc = -1;
    if (in->gremium != NULL && register_check_gremium(t, in->gremium, where, err) != 0)
        rc = -1;
    if (in->deadline != NULL && !yamlx_valid_date(in->deadline))
        rc = wp_error_add(err, WP_EUSER, where, "deadline '%s' is geen geldige datum (JJJJ-MM-DD)", in->deadline);
    if (in->afgerond != NULL && !yamlx_valid_date(in->afgerond))
        rc = wp_error_add(err, WP_EUSER, where, "datum '%s' is geen geldige datum (JJJJ-MM-DD)", in->afgerond);
    return rc;
}

/* A label already in use by an agreement from elsewhere is a mistake; the
 * same agreement replayed is not. Returns 1 when this bron stored it before. */
static int ref_taken(struct traject *t, const struct afspraak_invoer *in, wp_error *err)
{
    static const char *const sql = "SELECT id, bron FROM afspraak WHERE ref = ?1";
    sqlite3_stmt *st;
    int rc = 0;

    if (in->ref == NULL)
        return 0;
    if ((st = store_stmt(t->store, sql, err)) == NULL)
        return -1;
    store_bind_text(st, 1, in->ref);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *bron = store_column_text(st, 1);
        if (bron != NULL && in->bron != NULL && strcmp(bron, in->bron) == 0)
            rc = 1;
        else
            rc = wp_error_add(err, WP_EUSER, in->bron, "er is al een afspraak met id '%s' (nummer %lld); kies een "
                              "ander id", in->ref, (long long)sqlite3_column_int64(st, 0));
    }
    sqlite3_reset(st);
    return rc;
}

long long afspraak_insert(struct traject *t, const struct afspraak_invoer *in, wp_error *err)
{
    static const char *const sql =
        "INSERT INTO afspraak (ref, wie, wat, gremium, deadline, status, sprint, sessie, herkomst, bron, "
        "aangemaakt, afgerond, interventie) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
        "ON CONFLICT (bron) DO NOTHING";
    char now[CLOCK_ISO_SIZE], today[CLOCK_DATE_SIZE];
    int sprint = in->sprint > 0 ? in->sprint : register_sprint(t, err);
    int taken = ref_taken(t, in, err);
    sqlite3_stmt *st;

    if (sprint < 0 || taken < 0)
        return -1;
    if (taken > 0 || (st = store_stmt(t->store, sql, err)) == NULL)
        return taken > 0 ? 0 : -1;
    store_bind_text(st, 1, in->ref);
    store_bind_text(st, 2, in->wie);
    store_bind_text(st, 3, in->wat);
    store_bind_text(st, 4, in->gremium);
    store_bind_text(st, 5, in->deadline);
    store_bind_text(st, 6, in->klaar ? "klaar" : "open");
    if (sprint > 0)
        sqlite3_bind_int(st, 7, sprint);
    if (in->sessie > 0)
        sqlite3_bind_int64(st, 8, in->sessie);
    store_bind_text(st, 9, in->herkomst);
    store_bind_text(st, 10, in->bron);
    store_bind_text(st, 11, clock_now_iso(now));
    if (in->klaar)
        store_bind_text(st, 12, in->afgerond ? in->afgerond : clock_today(today));
    store_bind_text(st, 13, in->interventie);
    if (store_step_done(t->store, st, "afspraak opslaan", err) != 0)
        return -1;
    if (sqlite3_changes(store_db(t->store)) == 0)
        return 0;
    return sqlite3_last_insert_rowid(store_db(t->store));
}

long long afspraak_add(struct traject *t, const struct afspraak_invoer *in, const char *where, wp_error *err)
{
    long long id;

    if (afspraak_check(t, in, where, err) != 0 || store_begin(t->store, err) != 0)
        return -1;
    id = afspraak_insert(t, in, err);
    if (id < 0 || store_commit(t->store, err) != 0) {
        store_rollback(t->store);
        return -1;
    }
    return id;
}

int afspraak_done(struct traject *t, long long nr, const char *ref, const char *datum, int *was_done,
                  wp_error *err)
{
    static const char *const sql_find =
        "SELECT id, status, afgerond FROM afspraak WHERE (?2 IS NULL AND id = ?1) OR ref = ?2";
    static const char *const sql_done = "UPDATE afspraak SET status = 'klaar', afgerond = ?2 WHERE id = ?1";
    char today[CLOCK_DATE_SIZE];
    sqlite3_stmt *st;
    long long id = 0;

    *was_done = 0;
    if (datum != NULL && !yamlx_valid_date(datum))
        return wp_error_add(err, WP_EUSAGE, NULL, "datum '%s' is geen geldige datum (JJJJ-MM-DD)", datum);
    if (store_begin(t->store, err) != 0)
        return -1;
    if ((st = store_stmt(t->store, sql_find, err)) == NULL)
        goto fail;
    sqlite3_bind_int64(st, 1, nr);
    store_bind_text(st, 2, ref);
    if (sqlite3_step(st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        *was_done = strcmp(store_column_text(st, 1), "klaar") == 0;
    }
    sqlite3_reset(st);
    if (id == 0) {
        if (ref != NULL)
            wp_error_add(err, WP_EUSER, NULL, "er is geen afspraak met id '%s'", ref);
        else
            wp_error_add(err, WP_EUSER, NULL, "er is geen afspraak %lld (zie 'werkplaats afspraak lijst')", nr);
        goto fail;
    }
    if (!*was_done) {
        if ((st = store_stmt(t->store, sql_done, err)) == NULL)
            goto fail;
        sqlite3_bind_int64(st, 1, id);
        store_bind_text(st, 2, datum ? datum : clock_today(today));
        if (store_step_done(t->store, st, "afspraak bijwerken", err) != 0)
            goto fail;
    }
    return store_commit(t->store, err);
fail:
    store_rollback(t->store);
    return -1;
}

static void set_text(json_t *o, const char *key, const char *value)
{
    if (value != NULL)
        json_object_set_new(o, key, json_string(value));
}

/* One row of the list query as JSON, with the names a reader needs. */
static json_t *row_json(struct traject *t, sqlite3_stmt *st, const char *vandaag)
{
    const struct casus_betrokkene *b = casus_betrokkene(t->casus, store_column_text(st, 2));
    const char *gremium = store_column_text(st, 4), *deadline = store_column_text(st, 5);
    const char *status = store_column_text(st, 6);
    const struct casus_gremium *g = gremium ? casus_gremium(t->casus, gremium) : NULL;
    json_t *o = json_object();
    int late = strcmp(status, "open") == 0 && deadline != NULL && strcmp(deadline, vandaag) < 0;

    json_object_set_new(o, "nr", json_integer(sqlite3_column_int64(st, 0)));
    set_text(o, "ref", store_column_text(st, 1));
    set_text(o, "wie", store_column_text(st, 2));
    set_text(o, "wie_naam", b ? b->naam : store_column_text(st, 2));
    set_text(o, "wie_rol", b ? b->rol : NULL);
    set_text(o, "wat", store_column_text(st, 3));
    set_text(o, "gremium", gremium);
    set_text(o, "gremium_naam", g ? g->naam : NULL);
    set_text(o, "deadline", deadline);
    set_text(o, "status", status);
    if (sqlite3_column_type(st, 7) != SQLITE_NULL)
        json_object_set_new(o, "sprint", json_integer(sqlite3_column_int(st, 7)));
    set_text(o, "herkomst", store_column_text(st, 8));
    set_text(o, "aangemaakt", store_column_text(st, 9));
    set_text(o, "afgerond", store_column_text(st, 10));
    set_text(o, "interventie", store_column_text(st, 11));
    json_object_set_new(o, "te_laat", json_boolean(late));
    if (late)
        json_object_set_new(o, "dagen_te_laat", json_integer(register_days_between(deadline, vandaag)));
    return o;
}

json_t *afspraak_list(struct traject *t, int tot, const char *vandaag, int alleen_open, wp_error *err)
{
    static const char *const sql =
        "SELECT id, ref, wie, wat, gremium, deadline, status, sprint, herkomst, aangemaakt, afgerond, interventie "
        "FROM afspraak WHERE (?1 = 0 OR sprint IS NULL OR sprint <= ?1) AND (?2 = 0 OR status = 'open') "
        "ORDER BY id";
    sqlite3_stmt *st = store_stmt(t->store, sql, err);
    char today[CLOCK_DATE_SIZE];
    json_t *list;
    int rc;

    if (st == NULL)
        return NULL;
    if (vandaag == NULL)
        vandaag = clock_today(today);
    list = json_array();
    sqlite3_bind_int(st, 1, tot);
    sqlite3_bind_int(st, 2, alleen_open);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(list, row_json(t, st, vandaag));
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        store_fail(t->store, "afspraken lezen", err);
        json_decref(list);
        return NULL;
    }
    return list;
}

/* --- from a werkvorm's result ------------------------------------------------ */

static const char *const result_fields[] = { "wie", "wat", "gremium", "deadline", "interventie", NULL };

static void from_entry(json_t *e, struct afspraak_invoer *in)
{
    memset(in, 0, sizeof *in);
    in->wie = json_string_value(json_object_get(e, "wie"));
    in->wat = json_string_value(json_object_get(e, "wat"));
    in->gremium = json_string_value(json_object_get(e, "gremium"));
    in->deadline = json_string_value(json_object_get(e, "deadline"));
    in->interventie = json_string_value(json_object_get(e, "interventie"));
}

static int check_entry(void *ctx, json_t *e, const char *label, wp_error *err)
{
    struct afspraak_invoer in;

    from_entry(e, &in);
    return afspraak_check(ctx, &in, label, err);
}

int afspraak_check_result(struct traject *t, json_t *list, const char *werkvorm, wp_error *err)
{
    return register_result_list(list, werkvorm, 0, "afspraken", "afspraak", result_fields, check_entry, t, err);
}

struct result_ctx {
    struct traject *t;
    long long sessie;
    int sprint;
};

static int store_entry(void *ctx, json_t *e, const char *label, wp_error *err)
{
    struct result_ctx *r = ctx;
    struct afspraak_invoer in;

    from_entry(e, &in);
    in.sessie = r->sessie;
    in.sprint = r->sprint;
    in.herkomst = HERKOMST_WERKVORM;
    in.bron = label;
    return afspraak_insert(r->t, &in, err) < 0 ? -1 : 0;
}

int afspraak_store_result(struct traject *t, json_t *list, long long sessie, int sprint, wp_error *err)
{
    struct result_ctx r = { t, sessie, sprint };

    return register_result_list(list, "", sessie, "afspraken", "afspraak", result_fields, store_entry, &r, err);
}
