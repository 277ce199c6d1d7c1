/*
 * sleutelfactoren_stand.c: the sleutelfactoren check as it stands, stored
 * with the traject so that `status` need not redo it.
 *
 * The check reads every session and every standing contribution of the
 * traject: seconds on a traject of a million facts, while `status` should
 * answer at once. So the check is stored with the value of the traject's
 * change counter (table wijziging, raised by a trigger on every change to
 * every table, schema migration 5) and with what else it depended on (the
 * date for deadlines, the werkvorm cards); a stored check is used only while
 * all of those stand still, and is otherwise computed anew and stored again.
 * Storing is a favour, never a reason to wait or fail: a read-only database
 * or another process writing means the check is simply not kept.
 */
#include "werkplaats/sleutelfactoren.h"

#include <stdio.h>
#include <stdlib.h>

#include "werkplaats/clock.h"
#include "werkplaats/store.h"

/* The change counter, or -1 when it cannot be read. */
static long long change_counter(struct store *s)
{
    static const char *const sql = "SELECT teller FROM wijziging WHERE id = 1";
    wp_error ignore = WP_ERROR_INIT;
    sqlite3_stmt *st = store_stmt(s, sql, &ignore);
    long long teller = -1;

    wp_error_clear(&ignore);
    if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
        teller = sqlite3_column_int64(st, 0);
    if (st != NULL)
        sqlite3_reset(st);
    return teller;
}

/* The stored check (or its kern) for tot and sleutel at counter teller, or NULL. */
static json_t *stored(struct store *s, int tot, const char *sleutel, long long teller, int kern)
{
    static const char *const sql_model =
        "SELECT model FROM sleutelfactoren_stand WHERE tot = ?1 AND sleutel = ?2 AND teller = ?3";
    static const char *const sql_kern =
        "SELECT kern FROM sleutelfactoren_stand WHERE tot = ?1 AND sleutel = ?2 AND teller = ?3";
    const char *sql = kern ? sql_kern : sql_model;
    wp_error ignore = WP_ERROR_INIT;
    sqlite3_stmt *st = store_stmt(s, sql, &ignore);
    json_t *model = NULL;

    wp_error_clear(&ignore);
    if (st == NULL)
        return NULL;
    sqlite3_bind_int(st, 1, tot);
    store_bind_text(st, 2, sleutel);
    sqlite3_bind_int64(st, 3, teller);
    if (sqlite3_step(st) == SQLITE_ROW)
        model = json_loads(store_column_text(st, 0), 0, NULL);
    sqlite3_reset(st);
    return model;
}

/* Keeps model for next time, unless the traject changed since teller was
 * read (then the model may already be out of date) or the database cannot
 * be written right now. */
static void keep(struct store *s, int tot, const char *sleutel, long long teller, json_t *model, json_t *kern)
{
    static const char *const sql = "INSERT OR REPLACE INTO sleutelfactoren_stand (tot, sleutel, teller, model, kern) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5)";
    wp_error ignore = WP_ERROR_INIT;
    char *text, *kern_text;
    sqlite3_stmt *st;

    if (store_begin_if_free(s) != 0)
        return;
    text = json_dumps(model, JSON_COMPACT);
    kern_text = json_dumps(kern, JSON_COMPACT);
    if (text == NULL || kern_text == NULL || change_counter(s) != teller ||
        (st = store_stmt(s, sql, &ignore)) == NULL) {
        store_rollback(s);
        free(text);
        free(kern_text);
        wp_error_clear(&ignore);
        return;
    }
    sqlite3_bind_int(st, 1, tot);
    store_bind_text(st, 2, sleutel);
    sqlite3_bind_int64(st, 3, teller);
    store_bind_text(st, 4, text);
    store_bind_text(st, 5, kern_text);
    if (store_step_done(s, st, "sleutelfactoren bewaren", &ignore) != 0 || store_commit(s, &ignore) != 0)
        store_rollback(s);
    wp_error_clear(&ignore);
    free(text);
    free(kern_text);
}

json_t *sleutelfactoren_stand(struct traject *t, const struct sleutelfactoren_opties *o, const char *kaarten,
                              int kern, wp_error *err)
{
    struct sleutelfactoren_opties opt = *o;
    char vandaag[CLOCK_DATE_SIZE], sleutel[512];
    long long teller = change_counter(t->store);
    json_t *model, *digest;

    /* One date for the key and the check, also when midnight passes in between. */
    if (opt.vandaag == NULL) {
        clock_today(vandaag);
        opt.vandaag = vandaag;
    }
    snprintf(sleutel, sizeof sleutel, "vandaag=%s kaarten=%s", opt.vandaag, kaarten);
    if (teller >= 0 && (model = stored(t->store, opt.tot, sleutel, teller, kern)) != NULL)
        return model;
    if ((model = sleutelfactoren_check(t, &opt, err)) == NULL || (digest = sleutelfactoren_kern(model)) == NULL) {
        json_decref(model);
        return NULL;
    }
    if (teller >= 0)
        keep(t->store, opt.tot, sleutel, teller, model, digest);
    if (kern) {
        json_decref(model);
        return digest;
    }
    json_decref(digest);
    return model;
}

int sleutelfactoren_stand_wissen(struct traject *t, wp_error *err)
{
    return store_exec(t->store, "DELETE FROM sleutelfactoren_stand", err);
}
