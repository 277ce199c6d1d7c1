/* privacy.c: sensitive texts, forgetting a deelnemer, the retention date. */
#include "werkplaats/privacy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "werkplaats/clock.h"
#include "werkplaats/deelnemer.h"
#include "werkplaats/sleutelfactoren.h"
#include "werkplaats/text.h"
#include "werkplaats/yamlx.h"

/* A text shorter than this is only removed where it is the whole string:
 * inside longer strings it would hit common words. */
#define MIN_DEEL 6

/* --- replacing text ----------------------------------------------------------- */

static int word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether rule r may replace at s + at (match of length len). */
static int fits(const char *s, size_t at, size_t len, const struct privacy_regel *r)
{
    size_t total = strlen(s);

    if (at == 0 && len == total)
        return 1;
    if (r->woord)
        return (at == 0 || !word_byte((unsigned char)s[at - 1])) &&
               (at + len == total || !word_byte((unsigned char)s[at + len]));
    return len >= MIN_DEEL;
}

/* One rule over s; returns a new string or NULL when nothing changed. */
static char *replace_one(const char *s, const struct privacy_regel *r, size_t *n)
{
    size_t wl = strlen(r->wat), dl = strlen(r->door), len = strlen(s), out_len = 0, from = 0, hits = 0;
    char *out = NULL;

    if (wl == 0 || wl > len)
        return NULL;
    for (const char *p = strstr(s, r->wat); p != NULL; p = strstr(p + 1, r->wat)) {
        size_t at = (size_t)(p - s);
        char *grown;
        if (at < from || !fits(s, at, wl, r))
            continue;
        if ((grown = realloc(out, out_len + (at - from) + dl + (len - at) + 1)) == NULL) {
            free(out);
            return NULL;
        }
        out = grown;
        memcpy(out + out_len, s + from, at - from);
        out_len += at - from;
        memcpy(out + out_len, r->door, dl);
        out_len += dl;
        from = at + wl;
        hits++;
    }
    if (out == NULL)
        return NULL;
    memcpy(out + out_len, s + from, len - from);
    out[out_len + len - from] = '\0';
    *n += hits;
    return out;
}

char *privacy_vervang(const char *s, const struct privacy_regel *regels, size_t n_regels, size_t *n)
{
    char *cur = NULL;

    for (size_t i = 0; s != NULL && i < n_regels; i++) {
        char *next = replace_one(cur ? cur : s, &regels[i], n);
        if (next != NULL) {
            free(cur);
            cur = next;
        }
    }
    return cur;
}

size_t privacy_vervang_json(json_t *v, const struct privacy_regel *regels, size_t n_regels)
{
    size_t n = 0, i;
    const char *key;
    json_t *x;
    char *changed;

    if (json_is_string(v)) {
        if ((changed = privacy_vervang(json_string_value(v), regels, n_regels, &n)) != NULL)
            json_string_set(v, changed);
        free(changed);
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, x)
            n += privacy_vervang_json(x, regels, n_regels);
    } else if (json_is_object(v)) {
        json_object_foreach(v, key, x)
            n += privacy_vervang_json(x, regels, n_regels);
    }
    return n;
}

static int by_length_desc(const void *a, const void *b)
{
    size_t la = strlen(((const struct privacy_regel *)a)->wat), lb = strlen(((const struct privacy_regel *)b)->wat);

    return la < lb ? 1 : la > lb ? -1 : 0;
}

struct privacy_regel *privacy_tekst_regels(json_t *feiten, const char *door, size_t *n)
{
    struct privacy_regel *r = calloc(json_array_size(feiten) + 1, sizeof *r);
    json_t *f;
    size_t i;

    *n = 0;
    if (r == NULL)
        return NULL;
    json_array_foreach(feiten, i, f) {
        const char *tekst = json_string_value(json_object_get(f, "tekst"));
        if (tekst != NULL && tekst[0] != '\0' && strcmp(tekst, PRIVACY_GEWIST) != 0)
            r[(*n)++] = (struct privacy_regel){ tekst, door, 0 };
    }
    qsort(r, *n, sizeof *r, by_length_desc);
    return r;
}

/* --- finding sensitive texts -------------------------------------------------- */

static int append_fact(json_t *out, long long id, const char *tekst)
{
    return json_array_append_new(out, json_pack("{s:I, s:s}", "feit", (json_int_t)id, "tekst", tekst));
}

/* The wijzigingen of bijdrage doel, which carry its text too. */
static int add_edits(struct traject *t, long long doel, json_t *out, wp_error *err)
{
    static const char *const sql =
        "SELECT id, tekst FROM feit WHERE soort = 'wijziging' AND doel = ?1 AND tekst IS NOT NULL AND tekst <> ?2 "
        "ORDER BY id";
    sqlite3_stmt *st = store_stmt(t->store, sql, err);
    int rc;

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, doel);
    store_bind_text(st, 2, PRIVACY_GEWIST);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        append_fact(out, sqlite3_column_int64(st, 0), store_column_text(st, 1));
    return store_rows_done(t->store, st, rc, "wijzigingen lezen", err);
}

json_t *privacy_gevoelige_feiten(struct traject *t, privacy_stap_fn gevoelig, void *ctx, const char *deelnemer,
                                 wp_error *err)
{
    static const char *const sql =
        "SELECT f.id, s.werkvorm, f.stap, f.tekst, f.data FROM feit f JOIN sessie s ON s.id = f.sessie "
        "WHERE f.soort = 'bijdrage' AND f.tekst IS NOT NULL AND f.tekst <> ?2 AND (?1 IS NULL OR f.deelnemer = ?1) "
        "ORDER BY f.id";
    sqlite3_stmt *st = store_stmt(t->store, sql, err);
    json_t *out = json_array(), *doelen = json_array(), *d;
    size_t i;
    int rc;

    if (st == NULL || out == NULL || doelen == NULL)
        goto fail;
    store_bind_text(st, 1, deelnemer);
    store_bind_text(st, 2, PRIVACY_GEWIST);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *data = store_column_text(st, 4) ? json_loads(store_column_text(st, 4), 0, NULL) : NULL;
        int marked = json_is_true(json_object_get(data, "gevoelig"));
        json_decref(data);
        if (!marked && gevoelig(ctx, store_column_text(st, 1), store_column_text(st, 2)) == 0)
            continue;
        append_fact(out, sqlite3_column_int64(st, 0), store_column_text(st, 3));
        json_array_append_new(doelen, json_integer(sqlite3_column_int64(st, 0)));
    }
    if (store_rows_done(t->store, st, rc, "bijdragen lezen", err) != 0)
        goto fail;
    /* After the loop: add_edits uses another cached statement. */
    json_array_foreach(doelen, i, d)
        if (add_edits(t, json_integer_value(d), out, err) != 0)
            goto fail;
    json_decref(doelen);
    return out;
fail:
    json_decref(out);
    json_decref(doelen);
    if (err->count == 0)
        wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
    return NULL;
}

/* --- forgetting ------------------------------------------------------------------ */

/* A text column that may quote what someone wrote. JSON columns are parsed and
 * walked, so that escapes in the stored text never hide a match. */
struct column {
    const char *select, *update;
    int json;
};

static const struct column columns[] = {
    { "SELECT id, tekst FROM feit WHERE tekst IS NOT NULL", "UPDATE feit SET tekst = ?2 WHERE id = ?1", 0 },
    { "SELECT id, data FROM feit WHERE data IS NOT NULL", "UPDATE feit SET data = ?2 WHERE id = ?1", 1 },
    { "SELECT id, resultaat FROM sessie WHERE resultaat IS NOT NULL",
      "UPDATE sessie SET resultaat = ?2 WHERE id = ?1", 1 },
    { "SELECT nr, resultaat FROM sprint WHERE resultaat IS NOT NULL",
      "UPDATE sprint SET resultaat = ?2 WHERE nr = ?1", 1 },
    { "SELECT id, wat FROM afspraak", "UPDATE afspraak SET wat = ?2 WHERE id = ?1", 0 },
    { "SELECT rowid, tekst FROM reflectie", "UPDATE reflectie SET tekst = ?2 WHERE rowid = ?1", 0 },
};

/* The new value of one cell, or NULL when the rules change nothing. */
static char *scrub_cell(const char *value, int is_json, const struct privacy_regel *r, size_t n_r, size_t *n)
{
    json_t *v;
    char *out = NULL;

    if (!is_json)
        return privacy_vervang(value, r, n_r, n);
    if ((v = json_loads(value, JSON_DECODE_ANY, NULL)) == NULL)
        return NULL;
    if (privacy_vervang_json(v, r, n_r) > 0) {
        out = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
        (*n)++;
    }
    json_decref(v);
    return out;
}

/* Applies the rules to every cell of column c; counts replacements in *n.
 * The changes are collected first and written after the read is done. */
static int scrub_column(struct store *s, const struct column *c, const struct privacy_regel *r, size_t n_r,
                        long long *n, wp_error *err)
{
    sqlite3_stmt *sel = NULL, *upd;
    json_t *changes = json_array(), *ch;
    size_t i;
    int rc = 0, step;

    if (sqlite3_prepare_v2(store_db(s), c->select, -1, &sel, NULL) != SQLITE_OK) {
        json_decref(changes);
        return store_fail(s, "teksten lezen", err);
    }
    while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
        size_t hits = 0;
        char *changed = scrub_cell(store_column_text(sel, 1), c->json, r, n_r, &hits);
        if (changed == NULL)
            continue;
        json_array_append_new(changes, json_pack("[I, s]", (json_int_t)sqlite3_column_int64(sel, 0), changed));
        free(changed);
        *n += (long long)hits;
    }
    /* A cell left unread would keep the name: stop, and the whole vergeet rolls back. */
    if (store_rows_done(s, sel, step, "teksten lezen", err) != 0) {
        sqlite3_finalize(sel);
        json_decref(changes);
        return -1;
    }
    sqlite3_finalize(sel);
    json_array_foreach(changes, i, ch) {
        if ((upd = store_stmt(s, c->update, err)) == NULL) {
            rc = -1;
            break;
        }
        sqlite3_bind_int64(upd, 1, json_integer_value(json_array_get(ch, 0)));
        store_bind_text(upd, 2, json_string_value(json_array_get(ch, 1)));
        if ((rc = store_step_done(s, upd, "tekst wissen", err)) != 0)
            break;
    }
    json_decref(changes);
    return rc;
}

static int erase_facts(struct store *s, json_t *feiten, long long *n, wp_error *err)
{
    static const char *const sql = "UPDATE feit SET tekst = ?2 WHERE id = ?1";
    json_t *f;
    size_t i;

    json_array_foreach(feiten, i, f) {
        sqlite3_stmt *st = store_stmt(s, sql, err);
        if (st == NULL)
            return -1;
        sqlite3_bind_int64(st, 1, json_integer_value(json_object_get(f, "feit")));
        store_bind_text(st, 2, PRIVACY_GEWIST);
        if (store_step_done(s, st, "tekst wissen", err) != 0)
            return -1;
        (*n)++;
    }
    return 0;
}

/* The name rules: "Wim (bakkerij Sluisstraat)" and "Wim" both become door. */
static size_t name_rules(const char *naam, const char *door, char *first, size_t size, struct privacy_regel *r)
{
    size_t n = 0, k;

    if (naam == NULL || strlen(naam) < 2)
        return 0;
    r[n++] = (struct privacy_regel){ naam, door, 1 };
    k = strcspn(naam, "(");
    while (k > 0 && naam[k - 1] == ' ')
        k--;
    if (k >= 2 && k < strlen(naam) && k < size) {
        memcpy(first, naam, k);
        first[k] = '\0';
        r[n++] = (struct privacy_regel){ first, door, 1 };
    }
    return n;
}

/* Erases the betrokkene's name from the casus stored with the traject, and
 * checks that the casus still loads. */
static int erase_from_casus(struct traject *t, const char *naam, int *done, wp_error *err)
{
    static const char *const sel = "SELECT casus_yaml FROM traject WHERE id = 1";
    static const char *const upd = "UPDATE traject SET casus_yaml = ?1 WHERE id = 1";
    sqlite3_stmt *st = store_stmt(t->store, sel, err);
    struct privacy_regel r[2];
    char first[256], *yaml = NULL;
    size_t n = 0, n_r = name_rules(naam, PRIVACY_NAAM_GEWIST, first, sizeof first, r);
    struct casus *check;
    int rc;

    if (st == NULL)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        yaml = privacy_vervang(store_column_text(st, 0), r, n_r, &n);
    sqlite3_reset(st);
    if (yaml == NULL)
        return 0;
    check = casus_load_string("de opgeslagen casus", yaml, strlen(yaml), t->methode, err);
    if (check == NULL) {
        free(yaml);
        return wp_error_add(err, WP_EINTERNAL, NULL, "de naam kan niet uit de opgeslagen casus gewist worden "
                            "zonder hem te breken; er is niets gewist");
    }
    casus_free(check);
    st = store_stmt(t->store, upd, err);
    rc = st == NULL ? -1 : (store_bind_text(st, 1, yaml), store_step_done(t->store, st, "casus bijwerken", err));
    free(yaml);
    *done = rc == 0;
    return rc;
}

static int log_action(struct store *s, const char *actie, const char *wat, wp_error *err)
{
    static const char *const sql = "INSERT INTO privacylog (tijd, actie, wat) VALUES (?1, ?2, ?3)";
    sqlite3_stmt *st = store_stmt(s, sql, err);
    char now[CLOCK_ISO_SIZE];

    if (st == NULL)
        return -1;
    store_bind_text(st, 1, clock_now_iso(now));
    store_bind_text(st, 2, actie);
    store_bind_text(st, 3, wat);
    return store_step_done(s, st, "privacylog bijwerken", err);
}

/* Reads the deelnemer's name and pseudonym; 0 when found. */
static int read_person(struct traject *t, const char *id, char **naam, struct privacy_vergeten *out, wp_error *err)
{
    static const char *const sql = "SELECT naam, pseudoniem FROM deelnemer WHERE id = ?1";
    sqlite3_stmt *st = store_stmt(t->store, sql, err);
    int found = 0;

    if (st == NULL)
        return -1;
    store_bind_text(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        found = 1;
        *naam = text_dup(store_column_text(st, 0));
        snprintf(out->pseudoniem, sizeof out->pseudoniem, "%s", store_column_text(st, 1));
    }
    sqlite3_reset(st);
    return found ? 0 : deelnemer_unknown(t->store, id, NULL, err);
}

/* Marks the deelnemer nameless and forgotten (the first date stays). */
static int mark_forgotten(struct store *s, const char *id, wp_error *err)
{
    static const char *const sql = "UPDATE deelnemer SET naam = NULL WHERE id = ?1";
    static const char *const mark = "INSERT OR IGNORE INTO vergeten (deelnemer, datum) VALUES (?1, ?2)";
    sqlite3_stmt *st = store_stmt(s, sql, err);
    char today[CLOCK_DATE_SIZE];

    if (st == NULL)
        return -1;
    store_bind_text(st, 1, id);
    if (store_step_done(s, st, "deelnemer bijwerken", err) != 0 || (st = store_stmt(s, mark, err)) == NULL)
        return -1;
    store_bind_text(st, 1, id);
    store_bind_text(st, 2, clock_today(today));
    return store_step_done(s, st, "deelnemer bijwerken", err);
}

/* Erases the sensitive texts where results copied them, then in the facts. */
static int erase_texts(struct store *s, json_t *feiten, struct privacy_vergeten *out, wp_error *err)
{
    size_t n;
    struct privacy_regel *texts = privacy_tekst_regels(feiten, PRIVACY_GEWIST, &n);
    int rc = 0;

    if (texts == NULL)
        return wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
    /* columns[0] is the facts' own text: other people's identical words stay. */
    for (size_t i = 1; rc == 0 && i < sizeof columns / sizeof columns[0]; i++)
        rc = scrub_column(s, &columns[i], texts, n, &out->elders, err);
    free(texts);
    return rc == 0 ? erase_facts(s, feiten, &out->teksten, err) : -1;
}

static int forget_in_tx(struct traject *t, const char *id, const char *naam, json_t *feiten,
                        struct privacy_vergeten *out, wp_error *err)
{
    const struct casus_betrokkene *found = casus_betrokkene(t->casus, id);
    /* A name erased before is no name: forgetting twice changes nothing more. */
    const struct casus_betrokkene *cb = found && found->naam && strcmp(found->naam, PRIVACY_NAAM_GEWIST) != 0
                                            ? found : NULL;
    struct privacy_regel names[4];
    char first[2][256], wat[512];
    size_t n_names = name_rules(naam, out->pseudoniem, first[0], sizeof first[0], names);
    int rc;

    /* The casus name too, when it differs from the one in the deelnemer table. */
    if (cb != NULL && (naam == NULL || strcmp(cb->naam, naam) != 0))
        n_names += name_rules(cb->naam, out->pseudoniem, first[1], sizeof first[1], names + n_names);
    qsort(names, n_names, sizeof *names, by_length_desc);
    rc = erase_texts(t->store, feiten, out, err);
    for (size_t i = 0; rc == 0 && n_names > 0 && i < sizeof columns / sizeof columns[0]; i++)
        rc = scrub_column(t->store, &columns[i], names, n_names, &out->elders, err);
    if (rc == 0 && cb != NULL)
        rc = erase_from_casus(t, cb->naam, &out->in_casus, err);
    /* A stored check quotes contributions and names people; it is made anew when asked. */
    if (rc != 0 || mark_forgotten(t->store, id, err) != 0 || sleutelfactoren_stand_wissen(t, err) != 0)
        return -1;
    out->had_naam = naam != NULL || out->in_casus;
    snprintf(wat, sizeof wat, "deelnemer %s vergeten: %s, %lld gevoelige %s gewist", out->pseudoniem,
             out->had_naam ? "naam" : "geen naam opgeslagen", out->teksten, out->teksten == 1 ? "tekst" : "teksten");
    return log_action(t->store, "vergeet", wat, err);
}

int privacy_vergeet(struct traject *t, const char *id, json_t *feiten, struct privacy_vergeten *out,
                    wp_error *err)
{
    char *naam = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    /* Erased means gone from the file, not left in a free page or a cell's old bytes. */
    if (store_exec(t->store, "PRAGMA secure_delete=ON", err) != 0 || store_begin(t->store, err) != 0)
        return -1;
    if (read_person(t, id, &naam, out, err) != 0) {
        store_rollback(t->store);
        return -1;
    }
    rc = forget_in_tx(t, id, naam, feiten, out, err);
    free(naam);
    if (rc != 0 || store_commit(t->store, err) != 0) {
        store_rollback(t->store);
        return -1;
    }
    return 0;
}

const char *privacy_vergeten_op(struct traject *t, const char *id, char *buf, size_t size, wp_error *err)
{
    return store_query_text(t->store, "SELECT datum FROM vergeten WHERE deelnemer = ?1", id, buf, size, err);
}

/* --- retention ------------------------------------------------------------------ */

const char *privacy_bewaren_tot(struct traject *t, char *buf, size_t size, wp_error *err)
{
    static const char *const sql = "SELECT bewaren_tot FROM bewaartermijn WHERE traject = 1";
    const char *found = store_query_text(t->store, sql, NULL, buf, size, err);

    if (found == NULL && t->casus->bewaren_tot != NULL) {
        snprintf(buf, size, "%s", t->casus->bewaren_tot);
        found = buf;
    }
    return found;
}

int privacy_set_bewaren_tot(struct traject *t, const char *datum, wp_error *err)
{
    static const char *const sql = "INSERT OR REPLACE INTO bewaartermijn (traject, bewaren_tot) VALUES (1, ?1)";
    sqlite3_stmt *st;
    char wat[64];

    if (!yamlx_valid_date(datum))
        return wp_error_add(err, WP_EUSER, NULL, "'%s' is geen datum; schrijf hem als JJJJ-MM-DD, zoals 2030-12-31",
                            datum);
    if (store_begin(t->store, err) != 0)
        return -1;
    snprintf(wat, sizeof wat, "bewaartermijn gezet op %s", datum);
    if ((st = store_stmt(t->store, sql, err)) == NULL || store_bind_text(st, 1, datum) != SQLITE_OK ||
        store_step_done(t->store, st, "bewaartermijn opslaan", err) != 0 ||
        log_action(t->store, "bewaartermijn", wat, err) != 0 || store_commit(t->store, err) != 0) {
        store_rollback(t->store);
        return -1;
    }
    return 0;
}

int privacy_bewaartermijn_voorbij(const char *bewaren_tot, const char *vandaag)
{
    /* ISO dates compare as strings. */
    return bewaren_tot != NULL && vandaag != NULL && strcmp(vandaag, bewaren_tot) > 0;
}

json_t *privacy_log(struct traject *t, wp_error *err)
{
    static const char *const sql = "SELECT tijd, actie, wat FROM privacylog ORDER BY id";
    sqlite3_stmt *st = store_stmt(t->store, sql, err);
    json_t *out;
    int rc;

    if (st == NULL)
        return NULL;
    out = json_array();
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(out, json_pack("{s:s, s:s, s:s}", "tijd", store_column_text(st, 0), "actie",
                                             store_column_text(st, 1), "wat", store_column_text(st, 2)));
    if (store_rows_done(t->store, st, rc, "privacylog lezen", err) != 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}
