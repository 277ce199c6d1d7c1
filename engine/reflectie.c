/* reflectie.c: reflections per sprint and sleutelfactor. */
#include "werkplaats/reflectie.h"

#include <string.h>

#include "werkplaats/clock.h"
#include "werkplaats/register.h"

int reflectie_check(struct traject *t, int sprint, const char *factor, const char *tekst, const char *where,
                    wp_error *err)
{
    const char *ids[64];
    int status, rc = 0;

    if (register_check_word(factor, register_factor_ids(t->methode, ids, 64), "sleutelfactor", where, err) != 0)
        rc = -1;
    if (register_check_text(tekst, "een reflectie", where, err) != 0)
        rc = -1;
    status = traject_sprint_status(t, sprint, err);
    if (status < 0)
        return -1;
    if (status == SPRINT_GEPLAND)
        rc = wp_error_add(err, WP_EUSER, where, "sprint %d is nog niet gestart; een reflectie hoort bij een sprint "
                          "die loopt of gesloten is", sprint);
    return rc;
}

int reflectie_set(struct traject *t, int sprint, const char *factor, const char *tekst, const char *bron,
                  wp_error *err)
{
    static const char *const sql =
        "INSERT INTO reflectie (sprint, factor, tekst, bron, tijd) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (sprint, factor) DO UPDATE SET tekst = excluded.tekst, bron = excluded.bron, "
        "tijd = excluded.tijd WHERE tekst <> excluded.tekst";
    char now[CLOCK_ISO_SIZE];
    sqlite3_stmt *st;

    if (reflectie_check(t, sprint, factor, tekst, bron, err) != 0 || store_begin(t->store, err) != 0)
        return -1;
    if ((st = store_stmt(t->store, sql, err)) == NULL)
        goto fail;
    sqlite3_bind_int(st, 1, sprint);
    store_bind_text(st, 2, factor);
    store_bind_text(st, 3, tekst);
    store_bind_text(st, 4, bron);
    store_bind_text(st, 5, clock_now_iso(now));
    if (store_step_done(t->store, st, "reflectie opslaan", err) != 0)
        goto fail;
    return store_commit(t->store, err);
fail:
    store_rollback(t->store);
    return -1;
}

json_t *reflectie_list(struct traject *t, int tot, wp_error *err)
{
    static const char *const sql =
        "SELECT sprint, factor, tekst FROM reflectie WHERE ?1 = 0 OR sprint <= ?1 ORDER BY sprint";
    sqlite3_stmt *st = store_stmt(t->store, sql, err);
    json_t *list, *rows;
    int rc;

    if (st == NULL)
        return NULL;
    rows = json_array();
    sqlite3_bind_int(st, 1, tot);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(rows, json_pack("{s:i, s:s, s:s}", "sprint", sqlite3_column_int(st, 0), "factor",
                                              store_column_text(st, 1), "tekst", store_column_text(st, 2)));
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        json_decref(rows);
        store_fail(t->store, "reflecties lezen", err);
        return NULL;
    }
    /* Within a sprint, the methode's order of the factors. */
    list = json_array();
    for (int nr = 1; nr <= (int)t->methode->n_sprints; nr++)
        for (size_t f = 0; f < t->methode->n_sleutelfactoren; f++) {
            size_t i;
            json_t *r;
            json_array_foreach(rows, i, r)
                if (json_integer_value(json_object_get(r, "sprint")) == nr &&
                    strcmp(json_string_value(json_object_get(r, "factor")), t->methode->sleutelfactoren[f].id) == 0)
                    json_array_append(list, r);
        }
    json_decref(rows);
    return list;
}
