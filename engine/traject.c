/*
 * traject.c: the sprint lifecycle on top of the store.
 *
 * The mechanics live here; what the sprints are called, what they deliver
 * and which gates they have comes from the methode.
 */
#include "werkplaats/traject.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "werkplaats/clock.h"
#include "werkplaats/deelnemer.h"
#include "werkplaats/json_compact.h"
#include "werkplaats/text.h"
#include "werkplaats/yamlx.h"

const char *const sprint_statussen[] = { "gepland", "lopend", "gesloten", NULL };

/* --- creating ------------------------------------------------------------ */

static char *read_whole(const char *path, size_t *len, wp_error *err)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    long size;

    if (fp == NULL) {
        wp_error_add(err, WP_EUSER, path, "kan het bestand niet lezen");
        return NULL;
    }
    if (fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)size + 1)) != NULL) {
        *len = fread(buf, 1, (size_t)size, fp);
        buf[*len] = '\0';
    } else {
        wp_error_add(err, WP_EUSER, path, "kan het bestand niet lezen");
    }
    fclose(fp);
    return buf;
}

int traject_exists(struct store *s)
{
    wp_error ignore = WP_ERROR_INIT;
    long long n = store_query_int(s, "SELECT count(*) FROM traject", 0, &ignore);

    wp_error_clear(&ignore);
    return n > 0;
}

static long long random_seed(void)
{
    unsigned long long v = 0;

    if (getrandom(&v, sizeof v, 0) != (ssize_t)sizeof v)
        v = (unsigned long long)clock_wall_ms();
    return (long long)(v >> 2) + 1;  /* positive, never 0 */
}

static int insert_traject(struct store *s, const struct methode *m, const struct casus *cs,
                          const char *path, const char *yaml, long long seed, wp_error *err)
{
    static const char *const sql_traject =
        "INSERT INTO traject (id, casus_id, casus_bestand, casus_yaml, zaad, aangemaakt) "
        "VALUES (1, ?1, ?2, ?3, ?4, ?5)";
    static const char *const sql_sprint = "INSERT INTO sprint (nr, naam) VALUES (?1, ?2)";
    char now[CLOCK_ISO_SIZE];
    sqlite3_stmt *st = store_stmt(s, sql_traject, err);

    if (st == NULL)
        return -1;
    store_bind_text(st, 1, cs->id);
    store_bind_text(st, 2, path);
    store_bind_text(st, 3, yaml);
    sqlite3_bind_int64(st, 4, seed);
    store_bind_text(st, 5, clock_now_iso(now));
    if (store_step_done(s, st, "traject opslaan", err) != 0)
        return -1;
    for (size_t i = 0; i < m->n_sprints; i++) {
        if ((st = store_stmt(s, sql_sprint, err)) == NULL)
            return -1;
        sqlite3_bind_int(st, 1, m->sprints[i].nr);
        store_bind_text(st, 2, m->sprints[i].naam);
        if (store_step_done(s, st, "sprint opslaan", err) != 0)
            return -1;
    }
    for (size_t i = 0; i < cs->n_betrokkenen; i++) {
        const struct casus_betrokkene *b = &cs->betrokkenen[i];
        if (deelnemer_add(s, b->id, b->naam, b->groep, b->id, err) != 0)
            return -1;
    }
    return 0;
}

int traject_create(struct store *s, const struct methode *m, const char *casus_path,
                   long long seed, wp_error *err)
{
    size_t len = 0;
    char *yaml;
    struct casus *cs;
    int rc = -1;

    if (traject_exists(s))
        return wp_error_add(err, WP_EUSER, NULL,
                            "database %s bevat al een traject; kies een andere database met --db",
                            store_path(s));
    if ((cs = casus_load(casus_path, m, err)) == NULL)
        return -1;
    if ((yaml = read_whole(casus_path, &len, err)) == NULL)
        goto out;
    if (store_begin(s, err) != 0)
        goto out;
    if (insert_traject(s, m, cs, casus_path, yaml, seed > 0 ? seed : random_seed(), err) != 0) {
        store_rollback(s);
        goto out;
    }
    rc = store_commit(s, err);
out:
    free(yaml);
    casus_free(cs);
    return rc;
}

/* --- opening -------------------------------------------------------------- */

struct traject *traject_open(struct store *s, const struct methode *m, wp_error *err)
{
    static const char *const sql =
        "SELECT casus_bestand, casus_yaml, zaad, aangemaakt FROM traject WHERE id = 1";
    sqlite3_stmt *st = store_stmt(s, sql, err);
    struct traject *t;
    const char *yaml;
    int rc;

    if (st == NULL)
        return NULL;
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_DONE)
            wp_error_add(err, WP_EUSER, NULL,
                         "database %s bevat geen traject; begin er een met 'werkplaats start CASUS.yaml'",
                         store_path(s));
        else
            store_fail(s, "traject lezen", err);
        sqlite3_reset(st);
        return NULL;
    }
    t = calloc(1, sizeof *t);
    if (t == NULL) {
        sqlite3_reset(st);
        wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
        return NULL;
    }
    t->store = s;
    t->methode = m;
    t->casus_bestand = text_dup(store_column_text(st, 0));
    yaml = store_column_text(st, 1);
    t->zaad = sqlite3_column_int64(st, 2);
    t->aangemaakt = text_dup(store_column_text(st, 3));
    t->casus = casus_load_string(t->casus_bestand, yaml, strlen(yaml), m, err);
    sqlite3_reset(st);
    if (t->casus == NULL) {
        wp_error_add(err, WP_EUSER, NULL,
                     "de casus in de database past niet meer bij de methode (is methode.yaml veranderd?)");
        traject_free(t);
        return NULL;
    }
    t->casus_json = casus_to_json(t->casus, m);
    return t;
}

static void merged_free(struct traject_merged *m);

void traject_free(struct traject *t)
{
    if (t == NULL)
        return;
    casus_free(t->casus);
    json_decref(t->casus_json);
    merged_free(t->merged);
    json_decref(t->handed);
    for (int i = 0; i < TRAJECT_MAX_SPRINTS; i++)
        json_decref(t->gesloten[i]);
    free(t->casus_bestand);
    free(t->aangemaakt);
    free(t);
}

/* --- state ------------------------------------------------------------- */

int traject_sprint_status(struct traject *t, int nr, wp_error *err)
{
    static const char *const sql = "SELECT status FROM sprint WHERE nr = ?1";
    sqlite3_stmt *st;
    int status = -1;

    if (methode_sprint(t->methode, nr) == NULL)
        return wp_error_add(err, WP_EUSER, NULL, "sprint %d bestaat niet; de methode heeft sprint 1 tot en met %zu",
                            nr, t->methode->n_sprints);
    if ((st = store_stmt(t->store, sql, err)) == NULL)
        return -1;
    sqlite3_bind_int(st, 1, nr);
    if (sqlite3_step(st) == SQLITE_ROW)
        status = text_index(store_column_text(st, 0), sprint_statussen);
    else
        wp_error_add(err, WP_EINTERNAL, NULL, "sprint %d ontbreekt in de database", nr);
    sqlite3_reset(st);
    return status;
}

int traject_running_sprint(struct traject *t, wp_error *err)
{
    return (int)store_query_int(t->store, "SELECT coalesce(max(nr), 0) FROM sprint WHERE status = 'lopend'",
                                0, err);
}

json_t *traject_missing_approvals(struct traject *t, const char *document, wp_error *err)
{
    static const char *const sql = "SELECT 1 FROM goedkeuring WHERE document = ?1 AND betrokkene = ?2";
    json_t *missing = json_array();

    for (size_t i = 0; i < t->casus->n_betrokkenen; i++) {
        const struct casus_betrokkene *b = &t->casus->betrokkenen[i];
        sqlite3_stmt *st;
        if (!b->sleutel)
            continue;
        if ((st = store_stmt(t->store, sql, err)) == NULL) {
            json_decref(missing);
            return NULL;
        }
        store_bind_text(st, 1, document);
        store_bind_text(st, 2, b->id);
        if (sqlite3_step(st) != SQLITE_ROW)
            json_array_append_new(missing, json_string(b->id));
        sqlite3_reset(st);
    }
    return missing;
}

/* Names the missing approvers as "naam (rol)" in one line. */
static void describe_people(struct traject *t, json_t *ids, char *buf, size_t size)
{
    size_t used = 0, i;
    json_t *id;

    buf[0] = '\0';
    json_array_foreach(ids, i, id) {
        const struct casus_betrokkene *b = casus_betrokkene(t->casus, json_string_value(id));
        int w = snprintf(buf + used, size - used, "%s%s (%s)", i ? ", " : "", b ? b->naam : "?",
                         b ? b->rol : "?");
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
}

static int check_gate(struct traject *t, int nr, const struct methode_poort *p, wp_error *why)
{
    json_t *missing;
    char names[2048];
    int rc = 0;

    switch (p->soort) {
    case POORT_GOEDKEURING:
        missing = traject_missing_approvals(t, p->document, why);
        if (missing == NULL)
            return -1;
        if (json_array_size(missing) > 0) {
            describe_people(t, missing, names, sizeof names);
            rc = wp_error_add(why, WP_EUSER, NULL,
                              "sprint %d kan niet starten: de %s is nog niet goedgekeurd door %zu "
                              "sleutelbetrokkene(n): %s. %s Leg goedkeuringen vast met 'werkplaats "
                              "goedkeuring %s BETROKKENE'.",
                              nr, p->document, json_array_size(missing), names, p->uitleg ? p->uitleg : "",
                              p->document);
        }
        json_decref(missing);
        return rc;
    }
    return 0;
}

int traject_check_start(struct traject *t, int nr, wp_error *why)
{
    const struct methode_sprint *ms = methode_sprint(t->methode, nr);
    int status = traject_sprint_status(t, nr, why), running;
    int rc = 0;

    if (status < 0)
        return -1;
    if (status == SPRINT_LOPEND)
        return wp_error_add(why, WP_EUSER, NULL, "sprint %d loopt al", nr);
    if (status == SPRINT_GESLOTEN)
        return wp_error_add(why, WP_EUSER, NULL,
                            "sprint %d is al gesloten; een gesloten sprint gaat niet meer open, "
                            "want de volgende sprints bouwen op zijn resultaat", nr);
    running = traject_running_sprint(t, why);
    if (running > 0)
        rc = wp_error_add(why, WP_EUSER, NULL, "sprint %d kan niet starten: sprint %d loopt nog; "
                          "sluit die eerst met 'werkplaats sprint sluit %d'", nr, running, running);
    else if (nr > 1 && traject_sprint_status(t, nr - 1, why) != SPRINT_GESLOTEN)
        rc = wp_error_add(why, WP_EUSER, NULL,
                          "sprint %d kan niet starten: sprint %d (%s) is nog niet gesloten; het "
                          "resultaat daarvan is de invoer van sprint %d",
                          nr, nr - 1, methode_sprint(t->methode, nr - 1)->naam, nr);
    for (size_t i = 0; i < ms->n_poorten; i++)
        if (check_gate(t, nr, &ms->poorten[i], why) != 0)
            rc = -1;
    return rc;
}

int traject_start_sprint(struct traject *t, int nr, wp_error *err)
{
    static const char *const sql =
        "UPDATE sprint SET status = 'lopend', gestart = ?2 WHERE nr = ?1 AND status = 'gepland'";
    char now[CLOCK_ISO_SIZE];
    sqlite3_stmt *st;

    if (store_begin(t->store, err) != 0)
        return -1;
    if (traject_check_start(t, nr, err) != 0 || (st = store_stmt(t->store, sql, err)) == NULL)
        goto fail;
    sqlite3_bind_int(st, 1, nr);
    store_bind_text(st, 2, clock_now_iso(now));
    if (store_step_done(t->store, st, "sprint starten", err) != 0)
        goto fail;
    return store_commit(t->store, err);
fail:
    store_rollback(t->store);
    return -1;
}

/* --- closing -------------------------------------------------------------- */

/*
 * The merged results of one sprint's closed sessions, kept up to date
 * incrementally: a draaiboek with thousands of sessions would otherwise
 * parse every earlier result again for each session it opens (quadratic).
 * A closed session's result never changes, so the cache only has to take in
 * the sessions closed after its position (gesloten, id). It checks first
 * that it still holds exactly the sessions up to that position (another
 * process may have closed one in between, with an earlier clock); if not,
 * it starts again from nothing.
 */
struct traject_merged {
    int sprint;
    long long n;          /* closed sessions merged so far */
    char *gesloten;       /* the position of the last one: its closing time and id */
    long long id;
    json_t *merged;
};

static void merged_free(struct traject_merged *m)
{
    if (m == NULL)
        return;
    free(m->gesloten);
    json_decref(m->merged);
    free(m);
}

/* The cache for sprint nr, empty when it is new or no longer what the store holds. */
static struct traject_merged *merged_cache(struct traject *t, int nr, wp_error *err)
{
    static const char *const sql =
        "SELECT count(*) FROM sessie WHERE sprint = ?1 AND status = 'gesloten' "
        "AND (gesloten < ?2 OR (gesloten = ?2 AND id <= ?3))";
    struct traject_merged *m = t->merged;
    sqlite3_stmt *st;
    long long n = -1;

    if (m != NULL && m->sprint == nr && m->gesloten != NULL) {
        if ((st = store_stmt(t->store, sql, err)) == NULL)
            return NULL;
        sqlite3_bind_int(st, 1, nr);
        store_bind_text(st, 2, m->gesloten);
        sqlite3_bind_int64(st, 3, m->id);
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
    }
    if (m != NULL && m->sprint == nr && n == m->n)
        return m;
    merged_free(t->merged);
    t->merged = m = calloc(1, sizeof *m);
    if (m == NULL || (m->merged = json_object()) == NULL) {
        wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
        return NULL;
    }
    m->sprint = nr;
    return m;
}

/* Merges the results of the sprint's closed sessions, in the order they were
 * closed: a key delivered twice keeps the later value. Returns a new object
 * (its values are shared with the cache and must not be changed). */
static json_t *merge_session_results(struct traject *t, int nr, wp_error *err)
{
    /* The handed-over result is not even read: its text may be megabytes. */
    static const char *const sql =
        "SELECT CASE WHEN id = ?4 THEN NULL ELSE resultaat END, gesloten, id FROM sessie "
        "WHERE sprint = ?1 AND status = 'gesloten' "
        "AND (?2 IS NULL OR gesloten > ?2 OR (gesloten = ?2 AND id > ?3)) ORDER BY gesloten, id";
    struct traject_merged *m = merged_cache(t, nr, err);
    sqlite3_stmt *st = m != NULL ? store_stmt(t->store, sql, err) : NULL;
    int rc;

    if (st == NULL)
        return NULL;
    sqlite3_bind_int(st, 1, nr);
    store_bind_text(st, 2, m->gesloten);
    sqlite3_bind_int64(st, 3, m->id);
    sqlite3_bind_int64(st, 4, t->handed != NULL ? t->handed_id : 0);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *text = store_column_text(st, 0);
        json_t *r = sqlite3_column_int64(st, 2) == t->handed_id && t->handed != NULL ? json_incref(t->handed)
                    : text ? json_loads(text, 0, NULL) : NULL;
        if (json_is_object(r))
            json_object_update(m->merged, r);
        json_decref(r);
        free(m->gesloten);
        m->gesloten = text_dup(store_column_text(st, 1));
        m->id = sqlite3_column_int64(st, 2);
        m->n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        store_fail(t->store, "resultaten lezen", err);
        merged_free(t->merged);
        t->merged = NULL;
        return NULL;
    }
    return json_copy(m->merged);
}

void traject_hand_over(struct traject *t, long long sessie_id, json_t *result)
{
    json_decref(t->handed);
    t->handed = json_incref(result);
    t->handed_id = sessie_id;
}

static int open_sessions(struct traject *t, int nr, wp_error *why)
{
    static const char *const sql = "SELECT werkvorm FROM sessie WHERE sprint = ?1 AND status = 'open'";
    sqlite3_stmt *st = store_stmt(t->store, sql, why);
    int open = 0, rc;

    if (st == NULL)
        return -1;
    sqlite3_bind_int(st, 1, nr);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        open = wp_error_add(why, WP_EUSER, NULL,
                            "sprint %d kan niet sluiten: werkvorm '%s' is nog open; sluit die eerst met "
                            "'werkplaats werkvorm sluit %s'", nr, store_column_text(st, 0), store_column_text(st, 0));
    return store_rows_done(t->store, st, rc, "open werkvormen lezen", why) != 0 ? -1 : open;
}

int traject_check_close(struct traject *t, int nr, wp_error *why)
{
    const struct methode_sprint *ms;
    int status = traject_sprint_status(t, nr, why), rc = 0;
    json_t *merged;

    if (status < 0)
        return -1;
    ms = methode_sprint(t->methode, nr);
    if (status == SPRINT_GEPLAND)
        return wp_error_add(why, WP_EUSER, NULL, "sprint %d is nog niet gestart", nr);
    if (status == SPRINT_GESLOTEN)
        return wp_error_add(why, WP_EUSER, NULL, "sprint %d is al gesloten", nr);
    if (open_sessions(t, nr, why) != 0)
        rc = -1;
    if ((merged = merge_session_results(t, nr, why)) == NULL)
        return -1;
    for (size_t i = 0; i < ms->n_levert; i++) {
        if (json_object_get(merged, ms->levert[i]) == NULL)
            rc = wp_error_add(why, WP_EUSER, NULL,
                              "sprint %d kan niet sluiten: resultaat '%s' ontbreekt; geen gesloten "
                              "werkvorm van deze sprint leverde het op", nr, ms->levert[i]);
    }
    json_decref(merged);
    return rc;
}

static int compare_keys(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Keeps the result of a sprint this process just closed as its frozen
 * result, so traject_sprint_result need not parse the stored text back.
 * The text was dumped with sorted keys; the merge holds them in closing
 * order, so the frozen copy takes them sorted (the values are shared).
 * Takes the reference to merged. */
static void freeze_result(struct traject *t, int nr, json_t *merged)
{
    size_t n = json_object_size(merged), i = 0;
    const char **keys = nr >= 1 && nr < TRAJECT_MAX_SPRINTS ? malloc((n ? n : 1) * sizeof *keys) : NULL;
    json_t *frozen = keys != NULL ? json_object() : NULL;
    const char *key;
    json_t *v;

    if (frozen != NULL) {
        json_object_foreach(merged, key, v)
            keys[i++] = key;
        qsort(keys, n, sizeof *keys, compare_keys);
        for (i = 0; i < n && frozen != NULL; i++)
            if (json_object_set(frozen, keys[i], json_object_get(merged, keys[i])) != 0) {
                json_decref(frozen);  /* out of memory: read it back when asked */
                frozen = NULL;
            }
        json_decref(t->gesloten[nr]);
        t->gesloten[nr] = frozen;
    }
    free(keys);
    json_decref(merged);
}

int traject_close_sprint(struct traject *t, int nr, wp_error *err)
{
    static const char *const sql =
        "UPDATE sprint SET status = 'gesloten', gesloten = ?2, resultaat = ?3 "
        "WHERE nr = ?1 AND status = 'lopend'";
    static const char *const sql_keys =
        "INSERT OR REPLACE INTO sprint_sleutels (nr, sleutels) "
        "VALUES (?1, (SELECT json_group_array(key) FROM json_each(?2)))";
    char now[CLOCK_ISO_SIZE];
    sqlite3_stmt *st;
    json_t *merged = NULL;
    char *text = NULL;

    if (store_begin(t->store, err) != 0)
        return -1;
    if (traject_check_close(t, nr, err) != 0 || (merged = merge_session_results(t, nr, err)) == NULL)
        goto fail;
    text = json_compact(merged);
    if (text == NULL || (st = store_stmt(t->store, sql, err)) == NULL)
        goto fail;
    sqlite3_bind_int(st, 1, nr);
    store_bind_text(st, 2, clock_now_iso(now));
    store_bind_text(st, 3, text);
    if (store_step_done(t->store, st, "sprint sluiten", err) != 0 || (st = store_stmt(t->store, sql_keys, err)) == NULL)
        goto fail;
    sqlite3_bind_int(st, 1, nr);
    store_bind_text(st, 2, text);
    if (store_step_done(t->store, st, "sprint sluiten", err) != 0)
        goto fail;
    free(text);
    if (store_commit(t->store, err) != 0) {
        json_decref(merged);
        return -1;
    }
    freeze_result(t, nr, merged);
    return 0;
fail:
    free(text);
    json_decref(merged);
    store_rollback(t->store);
    return -1;
}

json_t *traject_sprint_result(struct traject *t, int nr, wp_error *err)
{
    static const char *const sql = "SELECT resultaat FROM sprint WHERE nr = ?1 AND status = 'gesloten'";
    sqlite3_stmt *st;
    json_t *r = NULL;

    /* A closed sprint's result is frozen: read and parse it once. */
    if (nr >= 1 && nr < TRAJECT_MAX_SPRINTS && t->gesloten[nr] != NULL)
        return json_copy(t->gesloten[nr]);
    if ((st = store_stmt(t->store, sql, err)) == NULL)
        return NULL;
    sqlite3_bind_int(st, 1, nr);
    if (sqlite3_step(st) == SQLITE_ROW && store_column_text(st, 0) != NULL)
        r = json_loads(store_column_text(st, 0), 0, NULL);
    sqlite3_reset(st);
    if (r != NULL && nr >= 1 && nr < TRAJECT_MAX_SPRINTS)
        t->gesloten[nr] = json_copy(r);
    return r;
}

json_t *traject_sprint_keys(struct traject *t, int nr, wp_error *err)
{
    /* coalesce evaluates lazily: the result is read only for a sprint closed
     * without its keys (by hand, or by another program). */
    static const char *const sql =
        "SELECT coalesce(k.sleutels, CASE WHEN json_valid(s.resultaat) AND json_type(s.resultaat) = 'object' "
        " THEN (SELECT json_group_array(key) FROM json_each(s.resultaat)) END) "
        "FROM sprint s LEFT JOIN sprint_sleutels k ON k.nr = s.nr WHERE s.nr = ?1 AND s.status = 'gesloten'";
    sqlite3_stmt *st = store_stmt(t->store, sql, err);
    json_t *keys = NULL;

    if (st == NULL)
        return NULL;
    sqlite3_bind_int(st, 1, nr);
    if (sqlite3_step(st) == SQLITE_ROW)
        keys = json_loads(store_column_text(st, 0) ? store_column_text(st, 0) : "[]", 0, NULL);
    sqlite3_reset(st);
    return keys;
}

json_t *traject_results_before(struct traject *t, int nr, wp_error *err)
{
    json_t *all = json_object();

    for (int i = 1; i < nr; i++) {
        json_t *r = traject_sprint_result(t, i, err);
        if (r != NULL)
            json_object_update(all, r);
        json_decref(r);
    }
    return all;
}

json_t *traject_results_available(struct traject *t, int nr, wp_error *err)
{
    json_t *all = traject_results_before(t, nr, err);
    json_t *now = all ? merge_session_results(t, nr, err) : NULL;

    if (now == NULL) {
        json_decref(all);
        return NULL;
    }
    json_object_update(all, now);
    json_decref(now);
    return all;
}

int traject_rehearse(struct traject *t, int nr, json_t *resultaten, wp_error *err)
{
    static const char *const sql_sprints =
        "UPDATE sprint SET status = CASE WHEN nr < ?1 THEN 'gesloten' WHEN nr = ?1 THEN 'lopend' ELSE 'gepland' END, "
        "resultaat = CASE WHEN nr < ?1 THEN '{}' ELSE NULL END";
    /* The stand-in sprints delivered nothing: no keys (see traject_sprint_keys). */
    static const char *const sql_keys = "DELETE FROM sprint_sleutels";
    static const char *const sql_standin =
        "INSERT INTO sessie (sprint, label, werkvorm, versie, status, zaad, geopend, gesloten, resultaat) "
        "VALUES (?1, 'voorbeeld-resultaten', 'voorbeeld', '0', 'gesloten', 1, '', '', ?2)";
    char *text = resultaten ? json_dumps(resultaten, JSON_COMPACT) : strdup("{}");
    sqlite3_stmt *st;
    int rc = -1;

    if (text == NULL || store_begin(t->store, err) != 0)
        goto out;
    if ((st = store_stmt(t->store, sql_sprints, err)) == NULL)
        goto fail;
    sqlite3_bind_int(st, 1, nr);
    if (store_step_done(t->store, st, "sprints klaarzetten", err) != 0 ||
        (st = store_stmt(t->store, sql_keys, err)) == NULL ||
        store_step_done(t->store, st, "sprints klaarzetten", err) != 0 ||
        (st = store_stmt(t->store, sql_standin, err)) == NULL)
        goto fail;
    sqlite3_bind_int(st, 1, nr);
    store_bind_text(st, 2, text);
    if (store_step_done(t->store, st, "voorbeeldresultaten klaarzetten", err) != 0)
        goto fail;
    rc = store_commit(t->store, err);
    goto out;
fail:
    store_rollback(t->store);
out:
    free(text);
    return rc;
}

/* --- approvals ------------------------------------------------------------- */

/* A document can be approved once a closed werkvorm session delivered it.
 * Only the results of sessions whose werkvorm promised it (levert, a short
 * list) are looked into: the others can hold no such key (the plugin host
 * refuses a result key that levert does not name), and parsing every result
 * made each goedkeuring cost as much as all the results of the traject. */
static int document_exists(struct traject *t, const char *document, wp_error *err)
{
    static const char *const sql =
        "SELECT 1 FROM sessie WHERE status = 'gesloten' "
        "AND CASE WHEN EXISTS (SELECT 1 FROM json_each(levert) WHERE value = ?1) "   /* CASE: in this order */
        "    THEN json_type(resultaat, '$.\"' || ?1 || '\"') IS NOT NULL END";
    sqlite3_stmt *st = store_stmt(t->store, sql, err);
    int found;

    if (st == NULL)
        return 0;
    store_bind_text(st, 1, document);
    found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    return found;
}

int traject_approve(struct traject *t, const char *document, const char *betrokkene,
                    const char *datum, const char *bron, wp_error *err)
{
    static const char *const sql =
        "INSERT INTO goedkeuring (document, betrokkene, datum, bron) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (document, betrokkene) DO NOTHING";
    const struct casus_betrokkene *b = casus_betrokkene(t->casus, betrokkene);
    const char *ids[512];
    char hint[128], today[CLOCK_DATE_SIZE];
    sqlite3_stmt *st;
    size_t n = 0;

    if (b == NULL) {
        for (size_t i = 0; i < t->casus->n_betrokkenen && n + 1 < 512; i++)
            ids[n++] = t->casus->betrokkenen[i].id;
        ids[n] = NULL;
        return wp_error_add(err, WP_EUSER, NULL, "onbekende betrokkene '%s' (alleen betrokkenen uit de "
                            "casus kunnen goedkeuren)%s", betrokkene, text_hint(hint, sizeof hint, betrokkene, ids));
    }
    if (methode_sprint_delivering(t->methode, document) == NULL)
        return wp_error_add(err, WP_EUSER, NULL, "onbekend document '%s'; goedkeuren kan alleen een resultaat "
                            "dat een sprint oplevert, zoals 'ontwerpbrief'", document);
    if (!document_exists(t, document, err))
        return wp_error_add(err, WP_EUSER, NULL, "er is nog geen %s om goed te keuren; die ontstaat als een "
                            "werkvorm van sprint %d hem oplevert", document,
                            methode_sprint_delivering(t->methode, document)->nr);
    if (datum == NULL)
        datum = clock_today(today);
    if (!yamlx_valid_date(datum))
        return wp_error_add(err, WP_EUSAGE, NULL, "datum '%s' is geen geldige datum (JJJJ-MM-DD)", datum);
    if (store_begin(t->store, err) != 0)
        return -1;
    if ((st = store_stmt(t->store, sql, err)) == NULL)
        goto fail;
    store_bind_text(st, 1, document);
    store_bind_text(st, 2, betrokkene);
    store_bind_text(st, 3, datum);
    store_bind_text(st, 4, bron);
    if (store_step_done(t->store, st, "goedkeuring opslaan", err) != 0)
        goto fail;
    return store_commit(t->store, err);
fail:
    store_rollback(t->store);
    return -1;
}
