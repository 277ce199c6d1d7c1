/* planning.c: werkvormen planned per sprint. */
#include "werkplaats/planning.h"

#include <stdlib.h>
#include <string.h>

#include "werkplaats/clock.h"
#include "werkplaats/register.h"
#include "werkplaats/yamlx.h"

static int valid_label(const char *label)
{
    if (label[0] == '\0' || strlen(label) > 64)
        return 0;
    for (const char *p = label; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
              *p == '_' || *p == '.'))
            return 0;
    return 1;
}

static int check_plan(struct traject *t, const struct planning_invoer *in, wp_error *err)
{
    int status = traject_sprint_status(t, in->sprint, err), rc = 0;

    if (status < 0)
        return -1;
    if (status == SPRINT_GESLOTEN)
        rc = wp_error_add(err, WP_EUSER, NULL, "sprint %d is al gesloten; plan werkvormen voor een sprint die nog "
                          "komt of loopt", in->sprint);
    if (in->werkvorm == NULL || !valid_label(in->werkvorm))
        rc = wp_error_add(err, WP_EUSER, NULL, "'%s' is geen werkvorm-id", in->werkvorm ? in->werkvorm : "");
    if (in->label != NULL && !valid_label(in->label))
        rc = wp_error_add(err, WP_EUSAGE, NULL, "label '%s' mag alleen letters, cijfers, '-', '_' en '.' bevatten",
                          in->label);
    if (in->datum != NULL && !yamlx_valid_date(in->datum))
        rc = wp_error_add(err, WP_EUSAGE, NULL, "datum '%s' is geen geldige datum (JJJJ-MM-DD)", in->datum);
    for (size_t i = 0; in->groepen != NULL && in->groepen[i] != NULL; i++)
        if (register_check_word(in->groepen[i], (const char *const *)t->methode->groepen, "groep", NULL, err) != 0)
            rc = -1;
    return rc;
}

long long planning_add(struct traject *t, const struct planning_invoer *in, wp_error *err)
{
    static const char *const sql =
        "INSERT INTO planning (sprint, werkvorm, label, aantal, groepen, datum, aangemaakt) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (sprint, label) DO UPDATE SET werkvorm = excluded.werkvorm, "
        "aantal = excluded.aantal, groepen = excluded.groepen, datum = excluded.datum RETURNING id";
    char now[CLOCK_ISO_SIZE];
    json_t *groepen = json_array();
    char *text = NULL;
    sqlite3_stmt *st;
    long long id = -1;

    for (size_t i = 0; in->groepen != NULL && in->groepen[i] != NULL; i++)
        json_array_append_new(groepen, json_string(in->groepen[i]));
    text = json_dumps(groepen, JSON_COMPACT);
    json_decref(groepen);
    if (text == NULL || check_plan(t, in, err) != 0 || store_begin(t->store, err) != 0)
        goto out;
    if ((st = store_stmt(t->store, sql, err)) == NULL)
        goto fail;
    sqlite3_bind_int(st, 1, in->sprint);
    store_bind_text(st, 2, in->werkvorm);
    store_bind_text(st, 3, in->label ? in->label : in->werkvorm);
    if (in->aantal >= 0)
        sqlite3_bind_int(st, 4, in->aantal);
    store_bind_text(st, 5, text);
    store_bind_text(st, 6, in->datum);
    store_bind_text(st, 7, clock_now_iso(now));
    if (sqlite3_step(st) == SQLITE_ROW)
        id = sqlite3_column_int64(st, 0);
    else
        store_fail(t->store, "planning opslaan", err);
    sqlite3_reset(st);
    if (id < 0)
        goto fail;
    if (store_commit(t->store, err) != 0)
        id = -1;
    goto out;
fail:
    store_rollback(t->store);
out:
    free(text);
    return id;
}

int planning_remove(struct traject *t, long long nr, wp_error *err)
{
    static const char *const sql = "DELETE FROM planning WHERE id = ?1";
    sqlite3_stmt *st = store_stmt(t->store, sql, err);

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, nr);
    if (store_step_done(t->store, st, "planning verwijderen", err) != 0)
        return -1;
    if (sqlite3_changes(store_db(t->store)) == 0)
        return wp_error_add(err, WP_EUSER, NULL, "er is geen geplande werkvorm %lld (zie 'werkplaats plan lijst')",
                            nr);
    return 0;
}

json_t *planning_list(struct traject *t, int tot, wp_error *err)
{
    static const char *const sql =
        "SELECT p.id, p.sprint, p.werkvorm, p.label, p.aantal, p.groepen, p.datum, "
        "EXISTS (SELECT 1 FROM sessie s WHERE s.sprint = p.sprint AND s.label = p.label) "
        "FROM planning p WHERE ?1 = 0 OR p.sprint <= ?1 ORDER BY p.sprint, p.id";
    sqlite3_stmt *st = store_stmt(t->store, sql, err);
    json_t *list;
    int rc;

    if (st == NULL)
        return NULL;
    list = json_array();
    sqlite3_bind_int(st, 1, tot);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *groepen = json_loads(store_column_text(st, 5), 0, NULL);
        json_t *o = json_pack("{s:I, s:i, s:s, s:s, s:o, s:b}", "nr", (json_int_t)sqlite3_column_int64(st, 0),
                              "sprint", sqlite3_column_int(st, 1), "werkvorm", store_column_text(st, 2), "label",
                              store_column_text(st, 3), "groepen", json_is_array(groepen) ? groepen : json_array(),
                              "gehouden", sqlite3_column_int(st, 7));
        if (!json_is_array(groepen))
            json_decref(groepen);
        if (sqlite3_column_type(st, 4) != SQLITE_NULL)
            json_object_set_new(o, "aantal", json_integer(sqlite3_column_int(st, 4)));
        if (store_column_text(st, 6) != NULL)
            json_object_set_new(o, "datum", json_string(store_column_text(st, 6)));
        json_array_append_new(list, o);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        store_fail(t->store, "planning lezen", err);
        json_decref(list);
        return NULL;
    }
    return list;
}
