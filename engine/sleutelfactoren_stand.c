/*
 * sleutelfactoren_stand.c: the sleutelfactoren check as it stands, stored
 * with the traject so that `status` need not redo it.
 *
 * The check reads every session and every standing contribution of the
 * traject: seconds on a traject of a million facts, while `status` should
 * answer at once. So the check is stored with the traject's version and
 * with what else it depended on (the date for deadlines, the werkvorm
 * cards); a stored check is used only while all of those stand still, and
 * is otherwise computed anew and stored again. The version is two numbers:
 * the change counter (table wijziging, raised by a trigger on every change
 * to every table, schema migration 5), and the highest fact id, which every
 * new fact raises (a fact's insert has no trigger: migration 7).
 * Storing is a favour, never a reason to wait or fail: a read-only database
 * or another process writing means the check is simply not kept.
 */
#include "werkplaats/sleutelfactoren.h"

#include <stdlib.h>

#include "werkplaats/clock.h"
#include "werkplaats/store.h"

/* The traject's version: it changes with every change to the traject. */
struct versie {
    long long teller;        /* wijziging.teller, or -1 when it cannot be read */
    long long laatste_feit;  /* the highest fact id, 0 without facts */
};

static struct versie read_versie(struct store *s)
{
    static const char *const sql = "SELECT teller, (SELECT ifnull(max(id), 0) FROM feit) FROM wijziging WHERE id = 1";
    wp_error ignore = WP_ERROR_INIT;
    sqlite3_stmt *st = store_stmt(s, sql, &ignore);
    struct versie v = { -1, 0 };

    wp_error_clear(&ignore);
    if (st != NULL && sqlite3_step(st) == SQLITE_ROW) {
        v.teller = sqlite3_column_int64(st, 0);
        v.laatste_feit = sqlite3_column_int64(st, 1);
    }
    if (st != NULL)
        sqlite3_reset(st);
    return v;
}

static int same_versie(struct versie a, struct versie b)
{
    return a.teller == b.teller && a.laatste_feit == b.laatste_feit;
}

/* What a stored check is stored under. */
struct sleutel {
    int tot;
    const char *kaarten, *vandaag;
    struct versie versie;
};

static void bind_sleutel(sqlite3_stmt *st, const struct sleutel *k)
{
    sqlite3_bind_int(st, 1, k->tot);
    store_bind_text(st, 2, k->kaarten);
    store_bind_text(st, 3, k->vandaag);
    sqlite3_bind_int64(st, 4, k->versie.teller);
    sqlite3_bind_int64(st, 5, k->versie.laatste_feit);
}

/* The stored check (or its kern) under k, or NULL. */
static json_t *stored(struct store *s, const struct sleutel *k, int kern)
{
    static const char *const sql_model = "SELECT model FROM sleutelfactoren_stand "
                                         "WHERE tot = ?1 AND kaarten = ?2 AND vandaag = ?3 AND teller = ?4 "
                                         "AND laatste_feit = ?5";
    static const char *const sql_kern = "SELECT kern FROM sleutelfactoren_stand "
                                        "WHERE tot = ?1 AND kaarten = ?2 AND vandaag = ?3 AND teller = ?4 "
                                        "AND laatste_feit = ?5";
    wp_error ignore = WP_ERROR_INIT;
    sqlite3_stmt *st = store_stmt(s, kern ? sql_kern : sql_model, &ignore);
    json_t *model = NULL;

    wp_error_clear(&ignore);
    if (st == NULL)
        return NULL;
    bind_sleutel(st, k);
    if (sqlite3_step(st) == SQLITE_ROW)
        model = json_loads(store_column_text(st, 0), 0, NULL);
    sqlite3_reset(st);
    return model;
}

/* Stores the texts under k, in place of every check that can no longer
 * count (an older counter or another day). */
static int store_texts(struct store *s, const struct sleutel *k, const char *model, const char *kern)
{
    static const char *const sql_stale = "DELETE FROM sleutelfactoren_stand "
                                         "WHERE teller <> ?4 OR laatste_feit <> ?5 OR vandaag <> ?3";
    static const char *const sql_keep = "INSERT OR REPLACE INTO sleutelfactoren_stand "
                                        "(tot, kaarten, vandaag, teller, laatste_feit, kern, model) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
    wp_error ignore = WP_ERROR_INIT;
    sqlite3_stmt *st;
    int rc = -1;

    if ((st = store_stmt(s, sql_stale, &ignore)) != NULL) {
        bind_sleutel(st, k);
        if (store_step_done(s, st, "sleutelfactoren bewaren", &ignore) == 0 &&
            (st = store_stmt(s, sql_keep, &ignore)) != NULL) {
            bind_sleutel(st, k);
            store_bind_text(st, 6, kern);
            store_bind_text(st, 7, model);
            rc = store_step_done(s, st, "sleutelfactoren bewaren", &ignore);
        }
    }
    wp_error_clear(&ignore);
    return rc;
}

/* Keeps model for next time, unless the traject changed since k->versie was
 * read (then the model may already be out of date) or the database cannot
 * be written right now. */
static void keep(struct store *s, const struct sleutel *k, json_t *model, json_t *kern)
{
    wp_error ignore = WP_ERROR_INIT;
    char *text, *kern_text;

    if (store_begin_if_free(s) != 0)
        return;
    text = json_dumps(model, JSON_COMPACT);
    kern_text = json_dumps(kern, JSON_COMPACT);
    if (text == NULL || kern_text == NULL || !same_versie(read_versie(s), k->versie) ||
        store_texts(s, k, text, kern_text) != 0 || store_commit(s, &ignore) != 0)
        store_rollback(s);
    wp_error_clear(&ignore);
    free(text);
    free(kern_text);
}

json_t *sleutelfactoren_stand(struct traject *t, const struct sleutelfactoren_opties *o, const char *kaarten,
                              int kern, wp_error *err)
{
    struct sleutelfactoren_opties opt = *o;
    char vandaag[CLOCK_DATE_SIZE];
    struct sleutel k = { o->tot, kaarten, o->vandaag, read_versie(t->store) };
    json_t *model, *digest;

    /* One date for the key and the check, also when midnight passes in between. */
    if (opt.vandaag == NULL) {
        clock_today(vandaag);
        k.vandaag = opt.vandaag = vandaag;
    }
    if (k.versie.teller >= 0 && (model = stored(t->store, &k, kern)) != NULL)
        return model;
    if ((model = sleutelfactoren_check(t, &opt, err)) == NULL || (digest = sleutelfactoren_kern(model)) == NULL) {
        json_decref(model);
        return NULL;
    }
    if (k.versie.teller >= 0)
        keep(t->store, &k, model, digest);
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
