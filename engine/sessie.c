/*
 * sessie.c: opening a werkvorm session, recording its facts, moving through
 * its steps, and closing it with the werkvorm's result.
 *
 * Every fact is checked and written inside one IMMEDIATE transaction, so the
 * checks see what other processes wrote and a killed process loses nothing.
 * The facts view that resultaat receives is derived in sessie_view.c.
 */
#include "werkplaats/sessie.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kept_facts.h"
#include "strmap.h"
#include "werkplaats/afspraak.h"
#include "werkplaats/clock.h"
#include "werkplaats/deelnemer.h"
#include "werkplaats/houding.h"
#include "werkplaats/json_compact.h"
#include "werkplaats/text.h"

const char *const feit_soorten[] = { "stap", "bijdrage", "stem", "plaatsing", "besluit",
                                     "wijziging", "verwijdering", "pauze", "hervatting", NULL };
const char *const besluit_uitkomsten[] = { "aangenomen", "verworpen", "aangehouden", NULL };

#define MAX_TEKST 4000

/* SQL: the fact `alias` is removed, by a removal that was not taken back.
 * Undoing a removal is a removal of that removal (once: what restores
 * cannot itself be removed), so the trail keeps both. */
#define REMOVED(alias)                                                                                  \
    "EXISTS (SELECT 1 FROM feit r WHERE r.doel = " alias ".id AND r.soort = 'verwijdering' "           \
    "AND NOT EXISTS (SELECT 1 FROM feit h WHERE h.doel = r.id AND h.soort = 'verwijdering'))"

/* A vote that counts against its giver's budget: not removed, and not on a
 * contribution that was removed (such a vote is given back); votes on what
 * never was a contribution (free labels, betrokkenen) count. */
#define COUNTED_VOTE(alias)                                                                             \
    "NOT " REMOVED(alias) " AND (NOT EXISTS (SELECT 1 FROM feit b WHERE b.sessie = " alias ".sessie "   \
    "AND b.soort = 'bijdrage' AND b.ref = " alias ".ref) OR EXISTS (SELECT 1 FROM feit b WHERE "         \
    "b.sessie = " alias ".sessie AND b.soort = 'bijdrage' AND b.ref = " alias ".ref AND NOT " REMOVED("b") "))"

/* --- small helpers --------------------------------------------------------- */

/* A seed per session that a replay derives again: FNV-1a over the traject's
 * seed, the sprint and the label. */
static long long session_seed(long long traject_seed, int sprint, const char *label)
{
    uint64_t h = 1469598103934665603ULL;
    char buf[64];

    snprintf(buf, sizeof buf, "%lld/%d/", traject_seed, sprint);
    for (const char *p = buf; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    for (const char *p = label; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    return (long long)(h >> 2) + 1;
}

static int step_index(const struct plugin_card *c, const char *id)
{
    for (size_t i = 0; i < c->n_stappen; i++)
        if (strcmp(c->stappen[i].id, id) == 0)
            return (int)i;
    return -1;
}

const struct plugin_stap *sessie_current_step(const struct sessie *s)
{
    return &s->card->stappen[s->stap];
}

long long sessie_fact_count(const struct sessie *s)
{
    return s->volgnr;
}

static int valid_ref(const char *ref)
{
    if (ref[0] == '\0' || strlen(ref) > 64)
        return 0;
    for (const char *p = ref; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '-' || *p == '_' || *p == '.'))
            return 0;
    return 1;
}

/* --- loading --------------------------------------------------------------- */

/* Where a session's werkvorm comes from: the library, or a file with what
 * the rest of the library delivers (for checking its nodig). */
struct bron {
    struct bibliotheek *lib;
    const char *path;
    const struct plugin_levering *leveringen;
    size_t n_leveringen;
};

static void bron_from_library(struct bibliotheek *lib, struct bron *b)
{
    b->lib = lib;
    b->path = NULL;
    b->leveringen = bibliotheek_leveringen(lib, &b->n_leveringen);
}

static struct plugin *load_plugin(struct traject *t, const struct bron *b, const char *werkvorm_id, int sprint,
                                  const char *label, json_t *resultaten, wp_error *err)
{
    struct plugin_context ctx;

    memset(&ctx, 0, sizeof ctx);
    ctx.methode = t->methode;
    ctx.leveringen = b->leveringen;
    ctx.n_leveringen = b->n_leveringen;
    ctx.casus = t->casus_json;
    ctx.resultaten = resultaten;
    ctx.zaad = session_seed(t->zaad, sprint, label);
    /* The limits a facilitator set (werkvormen/README.md §10) hold in a session too. */
    if (plugin_limits_from_env(&ctx.limits, err) != 0)
        return NULL;
    if (b->lib != NULL)
        return bibliotheek_load(b->lib, werkvorm_id, &ctx, err);
    return plugin_load(b->path, &ctx, err);
}

/* Reads the session row and its position (last step, last sequence number). */
static int read_state(struct sessie *s, wp_error *err)
{
    static const char *const sql_step =
        "SELECT stap FROM feit WHERE sessie = ?1 AND soort = 'stap' ORDER BY volgnr DESC LIMIT 1";
    sqlite3_stmt *st = store_stmt(s->traject->store, sql_step, err);
    int idx = 0;

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, s->id);
    if (sqlite3_step(st) == SQLITE_ROW)
        idx = step_index(s->card, store_column_text(st, 0));
    sqlite3_reset(st);
    if (idx < 0)
        return wp_error_add(err, WP_EUSER, NULL,
                            "werkvorm '%s' heeft de stap waar sessie '%s' stond niet meer; is het bestand "
                            "veranderd? Zet de vorige versie terug om deze sessie af te maken",
                            s->card->id, s->label);
    s->stap = idx;
    return (s->volgnr = sessie_stored_volgnr(s, err)) < 0 ? -1 : 0;
}

static struct sessie *session_new(struct traject *t, long long id, int sprint, const char *label)
{
    struct sessie *s = calloc(1, sizeof *s);

    if (s == NULL)
        return NULL;
    s->traject = t;
    s->id = id;
    s->sprint = sprint;
    s->label = strdup(label);
    if (s->label == NULL) {
        free(s);
        return NULL;
    }
    return s;
}

void sessie_free(struct sessie *s)
{
    if (s == NULL)
        return;
    plugin_free(s->plugin);
    if (s->known_people != NULL)
        strmap_free(s->known_people, 1);
    free(s->known_people);
    kept_facts_free(s->kept);
    free(s->label);
    free(s);
}

/* Every key the werkvorm needs must be in the frozen results it can read. */
static int check_needs(const struct plugin_card *c, json_t *resultaten, int sprint, wp_error *err)
{
    int rc = 0;

    for (size_t i = 0; c->nodig != NULL && c->nodig[i] != NULL; i++)
        if (json_object_get(resultaten, c->nodig[i]) == NULL)
            rc = wp_error_add(err, WP_EUSER, NULL,
                              "werkvorm '%s' heeft '%s' nodig, maar geen gesloten sprint en geen gesloten "
                              "werkvorm van sprint %d leverde dat op", c->id, c->nodig[i], sprint);
    return rc;
}

static long long next_volgnr(struct sessie *s, wp_error *err);
static long long insert_fact(struct sessie *s, const char *soort, const char *stap, const struct feit_invoer *in,
                             const char *data, const char *bron, wp_error *err);

/* Creates the session row and its first step fact in one transaction. */
static long long create_session(struct traject *t, const struct plugin_card *c, int sprint, const char *label,
                                const char *datum, long long seed, wp_error *err)
{
    static const char *const sql =
        "INSERT INTO sessie (sprint, label, werkvorm, versie, nodig, levert, zaad, datum, geopend) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
    char now[CLOCK_ISO_SIZE];
    json_t *nodig = json_array(), *levert = json_array();
    char *nodig_text, *levert_text;
    sqlite3_stmt *st = store_stmt(t->store, sql, err);
    long long id = -1;

    for (size_t i = 0; c->nodig != NULL && c->nodig[i] != NULL; i++)
        json_array_append_new(nodig, json_string(c->nodig[i]));
    for (size_t i = 0; c->levert != NULL && c->levert[i] != NULL; i++)
        json_array_append_new(levert, json_string(c->levert[i]));
    nodig_text = json_dumps(nodig, JSON_COMPACT);
    levert_text = json_dumps(levert, JSON_COMPACT);
    if (st != NULL && nodig_text != NULL && levert_text != NULL) {
        sqlite3_bind_int(st, 1, sprint);
        store_bind_text(st, 2, label);
        store_bind_text(st, 3, c->id);
        store_bind_text(st, 4, c->versie);
        store_bind_text(st, 5, nodig_text);
        store_bind_text(st, 6, levert_text);
        sqlite3_bind_int64(st, 7, seed);
        store_bind_text(st, 8, datum);
        store_bind_text(st, 9, clock_now_iso(now));
        if (store_step_done(t->store, st, "sessie opslaan", err) == 0)
            id = sqlite3_last_insert_rowid(store_db(t->store));
    }
    free(nodig_text);
    free(levert_text);
    json_decref(nodig);
    json_decref(levert);
    return id;
}

/* Looks up the session (sprint, label): its id and whether it is closed. */
static long long find_session(struct traject *t, int sprint, const char *label, int *closed, wp_error *err)
{
    static const char *const sql = "SELECT id, status FROM sessie WHERE sprint = ?1 AND label = ?2";
    sqlite3_stmt *st = store_stmt(t->store, sql, err);
    long long id = 0;

    if (st == NULL)
        return -1;
    sqlite3_bind_int(st, 1, sprint);
    store_bind_text(st, 2, label);
    if (sqlite3_step(st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        *closed = strcmp(store_column_text(st, 1), "gesloten") == 0;
    }
    sqlite3_reset(st);
    return id;
}

static struct sessie *open_from(struct traject *t, const struct bron *b, const char *werkvorm_id,
                                const char *label, const char *datum, wp_error *err)
{
    int sprint = traject_running_sprint(t, err), closed = 0;
    json_t *resultaten;
    struct sessie *s = NULL;
    long long id;

    if (sprint <= 0) {
        if (!wp_error_failed(err))
            wp_error_add(err, WP_EUSER, NULL,
                         "er loopt geen sprint; start er een met 'werkplaats sprint start N'");
        return NULL;
    }
    if (label != NULL && !valid_ref(label)) {
        wp_error_add(err, WP_EUSAGE, NULL, "label '%s' mag alleen letters, cijfers, '-', '_' en '.' bevatten",
                     label);
        return NULL;
    }
    if ((resultaten = traject_results_available(t, sprint, err)) == NULL)
        return NULL;
    if (label == NULL)
        label = werkvorm_id;
    if ((s = session_new(t, 0, sprint, label)) == NULL) {
        wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
        goto fail;
    }
    if ((s->plugin = load_plugin(t, b, werkvorm_id, sprint, label, resultaten, err)) == NULL)
        goto fail;
    s->card = plugin_card(s->plugin);
    if (strcmp(s->card->id, werkvorm_id) != 0) {
        wp_error_add(err, WP_EUSER, s->card->bestand, "het bestand noemt zichzelf '%s', niet '%s'", s->card->id,
                     werkvorm_id);
        goto fail;
    }
    if (s->card->sprint != sprint) {
        wp_error_add(err, WP_EUSER, NULL, "werkvorm '%s' hoort bij sprint %d, maar sprint %d loopt",
                     werkvorm_id, s->card->sprint, sprint);
        goto fail;
    }
    if (check_needs(s->card, resultaten, sprint, err) != 0)
        goto fail;

    if (store_begin(t->store, err) != 0)
        goto fail;
    id = find_session(t, sprint, label, &closed, err);
    if (id > 0 && closed) {
        store_rollback(t->store);
        wp_error_add(err, WP_EUSER, NULL,
                     "werkvorm '%s' is in sprint %d al gedaan en gesloten; geef een ander label om hem "
                     "nog eens te doen (bijvoorbeeld --label %s-2)", werkvorm_id, sprint, label);
        goto fail;
    }
    if (id == 0) {
        id = create_session(t, s->card, sprint, label, datum, session_seed(t->zaad, sprint, label), err);
        s->id = id;
        s->kept = kept_facts_new(t->store);
        if (id < 0 || insert_fact(s, "stap", s->card->stappen[0].id, NULL, NULL, "start", err) < 0) {
            store_rollback(t->store);
            goto fail;
        }
    }
    if (id < 0 || store_commit(t->store, err) != 0)
        goto fail;
    s->id = id;
    if (read_state(s, err) != 0)
        goto fail;
    json_decref(resultaten);
    return s;
fail:
    json_decref(resultaten);
    sessie_free(s);
    return NULL;
}

struct sessie *sessie_open(struct traject *t, struct bibliotheek *lib, const char *werkvorm_id,
                           const char *label, const char *datum, wp_error *err)
{
    struct bron b;

    bron_from_library(lib, &b);
    return open_from(t, &b, werkvorm_id, label, datum, err);
}

struct sessie *sessie_open_file(struct traject *t, const char *path, const struct plugin_levering *leveringen,
                                size_t n_leveringen, const char *label, const char *datum, wp_error *err)
{
    struct bron b = { NULL, path, leveringen, n_leveringen };
    struct plugin_context ctx;
    struct plugin *p;
    char id[128];

    /* The session's seed depends on the werkvorm's id, which only the file
     * knows: read the card once, then open for real. */
    memset(&ctx, 0, sizeof ctx);
    ctx.methode = t->methode;
    ctx.leveringen = leveringen;
    ctx.n_leveringen = n_leveringen;
    if (plugin_limits_from_env(&ctx.limits, err) != 0 || (p = plugin_load(path, &ctx, err)) == NULL)
        return NULL;
    snprintf(id, sizeof id, "%s", plugin_card(p)->id);
    plugin_free(p);
    return open_from(t, &b, id, label, datum, err);
}

struct sessie *sessie_load(struct traject *t, struct bibliotheek *lib, long long id, wp_error *err)
{
    struct bron b;
    static const char *const sql = "SELECT sprint, label, werkvorm, status FROM sessie WHERE id = ?1";
    sqlite3_stmt *st = store_stmt(t->store, sql, err);
    struct sessie *s = NULL;
    char werkvorm[128];
    json_t *resultaten = NULL;

    if (st == NULL)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        wp_error_add(err, WP_EUSER, NULL, "sessie %lld bestaat niet", id);
        return NULL;
    }
    s = session_new(t, id, sqlite3_column_int(st, 0), store_column_text(st, 1));
    snprintf(werkvorm, sizeof werkvorm, "%s", store_column_text(st, 2));
    if (s != NULL)
        s->gesloten = strcmp(store_column_text(st, 3), "gesloten") == 0;
    sqlite3_reset(st);
    if (s == NULL) {
        wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
        return NULL;
    }
    resultaten = traject_results_available(t, s->sprint, err);
    if (resultaten != NULL)
        bron_from_library(lib, &b);
    if (resultaten == NULL || (s->plugin = load_plugin(t, &b, werkvorm, s->sprint, s->label, resultaten, err)) == NULL) {
        json_decref(resultaten);
        sessie_free(s);
        return NULL;
    }
    json_decref(resultaten);
    s->card = plugin_card(s->plugin);
    if (read_state(s, err) != 0) {
        sessie_free(s);
        return NULL;
    }
    return s;
}

long long sessie_latest_open(struct traject *t, wp_error *err)
{
    static const char *const sql =
        "SELECT s.id FROM sessie s JOIN sprint p ON p.nr = s.sprint "
        "WHERE s.status = 'open' AND p.status = 'lopend' "
        "ORDER BY (SELECT max(id) FROM feit f WHERE f.sessie = s.id) DESC LIMIT 1";

    return store_query_int(t->store, sql, 0, err);
}

/* --- writing facts ---------------------------------------------------------- */

static char *omgevingen_text(json_t *omgevingen)
{
    return omgevingen != NULL && json_array_size(omgevingen) > 0 ? json_dumps(omgevingen, JSON_COMPACT) : NULL;
}

static int volgnr_known(const struct sessie *s)
{
    return s->volgnr_epoch == store_write_epoch(s->traject->store);
}

/* The sequence number the next fact of this session gets; read inside the
 * caller's transaction, so another process cannot take it in between.
 * While the transaction this process last wrote a fact in still holds and
 * nothing was rolled back since (a batch of a replay), no one else can have
 * written: the number follows from the last fact, without asking. */
static long long next_volgnr(struct sessie *s, wp_error *err)
{
    long long last;

    if (volgnr_known(s))
        return s->volgnr + 1;
    return (last = sessie_stored_volgnr(s, err)) < 0 ? -1 : last + 1;
}

long long sessie_stored_volgnr(struct sessie *s, wp_error *err)
{
    static const char *const sql = "SELECT coalesce(max(volgnr), 0) FROM feit WHERE sessie = ?1";
    sqlite3_stmt *st = store_stmt(s->traject->store, sql, err);
    long long n = -1;

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, s->id);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    else
        store_fail(s->traject->store, "volgnummer lezen", err);
    sqlite3_reset(st);
    return n;
}

/* Steps the bound INSERT of a fact. A sequence number that followed from
 * the last fact (next_volgnr) is taken already only when another handle of
 * this session in this process wrote in between: the unique key on
 * (sessie, volgnr) refuses it, and the number is asked after all. */
static int step_insert(struct sessie *s, sqlite3_stmt *st, long long *volgnr, int guessed, wp_error *err)
{
    struct store *store = s->traject->store;
    int rc = sqlite3_step(st);

    if ((rc & 0xff) == SQLITE_CONSTRAINT && guessed &&
        sqlite3_extended_errcode(store_db(store)) == SQLITE_CONSTRAINT_UNIQUE) {
        sqlite3_reset(st);
        s->volgnr_epoch = 0;
        if ((*volgnr = next_volgnr(s, err)) < 0)
            return -1;
        sqlite3_bind_int64(st, 14, *volgnr);
        rc = sqlite3_step(st);
    }
    if (rc != SQLITE_DONE) {
        store_fail(store, "feit opslaan", err);
        sqlite3_reset(st);
        return -1;
    }
    sqlite3_reset(st);
    return 0;
}

/* Only votes and placements have a waarde. */
static int has_waarde(const char *soort)
{
    return strcmp(soort, "stem") == 0 || strcmp(soort, "plaatsing") == 0;
}

/* The fact as it is stored (volgnr and id come later); a missing waarde or
 * doel is stored as NULL and read back as 0. */
static struct feit_row fact_row(const char *soort, const char *stap, const struct feit_invoer *in, const char *data,
                                const char *omgevingen)
{
    struct feit_row row = { .soort = soort, .stap = stap, .data = data, .omgevingen = omgevingen };

    if (in != NULL) {
        row.deelnemer = in->deelnemer;
        row.ref = in->ref;
        row.tekst = in->tekst;
        row.veld = in->veld;
        row.doel = in->doel > 0 ? in->doel : 0;
        row.waarde = has_waarde(soort) ? in->waarde : 0;
    }
    return row;
}

/* Inserts one fact with the next sequence number; the caller holds the
 * transaction. What is written is also kept for the view (kept_facts.h). */
static long long insert_fact(struct sessie *s, const char *soort, const char *stap, const struct feit_invoer *in,
                             const char *data, const char *bron, wp_error *err)
{
    static const char *const sql =
        "INSERT INTO feit (sessie, volgnr, soort, stap, deelnemer, ref, tekst, veld, omgevingen, waarde, "
        "data, doel, tijd, bron) VALUES (?1, ?14, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
    struct store *store = s->traject->store;
    int guessed = volgnr_known(s);
    long long volgnr = next_volgnr(s, err);
    sqlite3_stmt *st = volgnr > 0 ? store_stmt(store, sql, err) : NULL;
    char now[CLOCK_ISO_SIZE];
    char *omg = in ? omgevingen_text(in->omgevingen) : NULL;
    struct feit_row row = fact_row(soort, stap, in, data, omg);
    long long id = -1;

    if (st == NULL) {
        free(omg);
        return -1;
    }
    sqlite3_bind_int64(st, 1, s->id);
    sqlite3_bind_int64(st, 14, volgnr);
    store_bind_text_static(st, 2, row.soort);
    store_bind_text_static(st, 3, row.stap);
    store_bind_text_static(st, 4, row.deelnemer);
    store_bind_text_static(st, 5, row.ref);
    store_bind_text_static(st, 6, row.tekst);
    store_bind_text_static(st, 7, row.veld);
    store_bind_text_static(st, 8, row.omgevingen);
    if (has_waarde(soort))
        sqlite3_bind_double(st, 9, row.waarde);
    store_bind_text_static(st, 10, row.data);
    if (row.doel > 0)
        sqlite3_bind_int64(st, 11, row.doel);
    store_bind_text_static(st, 12, clock_now_iso(now));
    store_bind_text_static(st, 13, bron);
    if (step_insert(s, st, &volgnr, guessed, err) == 0) {
        id = sqlite3_last_insert_rowid(store_db(store));
        s->volgnr = volgnr;
        s->volgnr_epoch = store_write_epoch(store);
        row.id = id;
        row.volgnr = volgnr;
        kept_facts_add(s->kept, &row);
    }
    free(omg);
    return id;
}

/* The fact id of a standing (not removed) bijdrage with this ref in step
 * stap (any step when stap is NULL); 0 when there is none. */
static long long standing_bijdrage(struct sessie *s, const char *stap, const char *ref, wp_error *err)
{
    static const char *const sql =
        "SELECT id FROM feit f WHERE sessie = ?1 AND soort = 'bijdrage' AND ref = ?2 "
        "AND (?3 IS NULL OR stap = ?3) "
        "AND NOT " REMOVED("f");
    sqlite3_stmt *st = store_stmt(s->traject->store, sql, err);
    long long id = 0;

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, s->id);
    store_bind_text_static(st, 2, ref);
    store_bind_text_static(st, 3, stap);
    if (sqlite3_step(st) == SQLITE_ROW)
        id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return id;
}

static int check_text(const char *tekst, const char *what, const char *bron, wp_error *err)
{
    size_t len;

    if (tekst == NULL || tekst[strspn(tekst, " \t\r\n")] == '\0')
        return wp_error_add(err, WP_EUSER, bron, "%s heeft een tekst nodig", what);
    len = strlen(tekst);
    if (len > MAX_TEKST)
        return wp_error_add(err, WP_EUSER, bron, "%s is te lang (%zu tekens, hooguit %d)", what, len, MAX_TEKST);
    if (!text_utf8_valid(tekst, len))
        return wp_error_add(err, WP_EUSER, bron, "%s bevat ongeldige UTF-8", what);
    return 0;
}

/* Remembers that deelnemer id exists. A participant is never deleted (vergeet
 * only clears the name), so what was found once stays true; ids not found
 * are asked again, as someone may be added meanwhile. */
static void remember_person(struct sessie *s, const char *id)
{
    char *copy;

    if (s->known_people == NULL && (s->known_people = calloc(1, sizeof *s->known_people)) == NULL)
        return;
    if ((copy = strdup(id)) != NULL && strmap_set(s->known_people, copy, 0) != 0)
        free(copy);
}

static int check_deelnemer(struct sessie *s, const char *id, int required, const char *bron, wp_error *err)
{
    char groep[128];

    if (id == NULL) {
        if (required)
            return wp_error_add(err, WP_EUSER, bron, "zeg wie dit deed ('wie')");
        return 0;
    }
    if (s->known_people != NULL && strmap_get(s->known_people, id) != NULL)
        return 0;
    if (deelnemer_groep(s->traject->store, id, groep, sizeof groep, err) == NULL)
        return deelnemer_unknown(s->traject->store, id, bron, err);
    remember_person(s, id);
    return 0;
}

static int check_omgevingen(struct sessie *s, const struct plugin_stap *stap, json_t *omg, const char *bron,
                            wp_error *err)
{
    const char *const *known = (const char *const *)s->traject->methode->omgevingen;
    char hint[128];
    size_t i, n = omg ? json_array_size(omg) : 0;
    json_t *v;

    if (omg != NULL && !json_is_array(omg))
        return wp_error_add(err, WP_EUSER, bron, "'omgevingen' moet een lijst zijn");
    if (n > 0 && stap->omgevingen == 0)
        return wp_error_add(err, WP_EUSER, bron, "stap '%s' vraagt geen omgevingen", stap->id);
    if (n == 0 && stap->omgevingen == 2)
        return wp_error_add(err, WP_EUSER, bron, "stap '%s' vraagt bij elke bijdrage minstens één omgeving "
                            "(sociaal, fysiek, institutioneel of crimineel)", stap->id);
    json_array_foreach(omg, i, v) {
        const char *name = json_string_value(v);
        if (name == NULL || text_index(name, known) < 0)
            return wp_error_add(err, WP_EUSER, bron, "onbekende omgeving '%s'%s", name ? name : "?",
                                text_hint(hint, sizeof hint, name ? name : "", known));
        for (size_t j = 0; j < i; j++)
            if (strcmp(json_string_value(json_array_get(omg, j)), name) == 0)
                return wp_error_add(err, WP_EUSER, bron, "omgeving '%s' staat er twee keer", name);
    }
    return 0;
}

static int check_veld(const struct plugin_stap *stap, const char *veld, const char *bron, wp_error *err)
{
    char hint[128], choices[512];

    if (stap->velden == NULL) {
        if (veld != NULL)
            return wp_error_add(err, WP_EUSER, bron, "stap '%s' heeft geen velden; laat 'veld' weg", stap->id);
        return 0;
    }
    if (veld == NULL)
        return wp_error_add(err, WP_EUSER, bron, "stap '%s' vraagt bij elke bijdrage een veld: %s", stap->id,
                            text_choices(choices, sizeof choices, (const char *const *)stap->velden));
    if (text_index(veld, (const char *const *)stap->velden) < 0)
        return wp_error_add(err, WP_EUSER, bron, "onbekend veld '%s' in stap '%s'%s; kies uit %s", veld, stap->id,
                            text_hint(hint, sizeof hint, veld, (const char *const *)stap->velden),
                            text_choices(choices, sizeof choices, (const char *const *)stap->velden));
    return 0;
}

static int check_bijdrage(struct sessie *s, const struct plugin_stap *stap, const struct feit_invoer *in,
                          const char *bron, wp_error *err)
{
    long long exists;

    if (check_text(in->tekst, "een bijdrage", bron, err) != 0 || check_veld(stap, in->veld, bron, err) != 0 ||
        check_omgevingen(s, stap, in->omgevingen, bron, err) != 0 ||
        check_deelnemer(s, in->deelnemer, 0, bron, err) != 0)
        return -1;
    if (in->bij != NULL && !valid_ref(in->bij))
        return wp_error_add(err, WP_EUSER, bron, "'bij' moet een id zijn (letters, cijfers, '-', '_', '.'), niet '%s'",
                            in->bij);
    if (in->ref == NULL)
        return 0;
    if (!valid_ref(in->ref))
        return wp_error_add(err, WP_EUSER, bron, "id '%s' mag alleen letters, cijfers, '-', '_' en '.' bevatten",
                            in->ref);
    if ((exists = standing_bijdrage(s, NULL, in->ref, err)) != 0)
        return exists < 0 ? -1 : wp_error_add(err, WP_EUSER, bron, "er is al een bijdrage met id '%s' in deze "
                                              "sessie", in->ref);
    return 0;
}

/* The item a vote or placement points at must stand in the step it names. */
static int check_target(struct sessie *s, const struct plugin_stap *stap, const char *op, const char *bron,
                        wp_error *err)
{
    long long found;

    if (op == NULL || op[0] == '\0')
        return wp_error_add(err, WP_EUSER, bron, "zeg waar dit over gaat ('op')");
    if (stap->op == NULL)
        return 0;                                   /* free labels */
    if (strcmp(stap->op, "betrokkenen") == 0) {
        if (casus_betrokkene(s->traject->casus, op) == NULL)
            return wp_error_add(err, WP_EUSER, bron, "'%s' is geen betrokkene uit de casus", op);
        return 0;
    }
    if ((found = standing_bijdrage(s, stap->op, op, err)) < 0)
        return -1;
    if (found == 0)
        return wp_error_add(err, WP_EUSER, bron, "er is geen bijdrage '%s' in stap '%s' (of hij is verwijderd)",
                            op, stap->op);
    return 0;
}

static int check_stem(struct sessie *s, const struct plugin_stap *stap, const struct feit_invoer *in,
                      const char *bron, wp_error *err)
{
    static const char *const sql =
        "SELECT coalesce(sum(waarde), 0) FROM feit f WHERE sessie = ?1 AND stap = ?2 AND soort = 'stem' "
        "AND deelnemer = ?3 AND " COUNTED_VOTE("f");
    sqlite3_stmt *st;
    double used = 0;

    if (check_deelnemer(s, in->deelnemer, 1, bron, err) != 0 || check_target(s, stap, in->op, bron, err) != 0)
        return -1;
    if (in->waarde < 1 || in->waarde != floor(in->waarde))
        return wp_error_add(err, WP_EUSER, bron, "het aantal stemmen moet een geheel getal van 1 of meer zijn");
    if ((st = store_stmt(s->traject->store, sql, err)) == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, s->id);
    store_bind_text(st, 2, stap->id);
    store_bind_text(st, 3, in->deelnemer);
    if (sqlite3_step(st) == SQLITE_ROW)
        used = sqlite3_column_double(st, 0);
    sqlite3_reset(st);
    if (used + in->waarde > stap->stemmen)
        return wp_error_add(err, WP_EUSER, bron, "deelnemer '%s' heeft al %.0f van de %d stemmen gebruikt in stap "
                            "'%s'", in->deelnemer, used, stap->stemmen, stap->id);
    return 0;
}

static int check_plaatsing(struct sessie *s, const struct plugin_stap *stap, const struct feit_invoer *in,
                           const char *bron, wp_error *err)
{
    if (check_deelnemer(s, in->deelnemer, 0, bron, err) != 0 || check_target(s, stap, in->op, bron, err) != 0)
        return -1;
    if (in->waarde != floor(in->waarde) || in->waarde < stap->schaal_min || in->waarde > stap->schaal_max)
        return wp_error_add(err, WP_EUSER, bron, "plaatsing %g valt buiten de schaal van %d tot en met %d",
                            in->waarde, stap->schaal_min, stap->schaal_max);
    return 0;
}

/* Builds the data of a besluit: {"uitkomst": ..., "bezwaren": [{wie, tekst, opgelost}]}. */
static char *besluit_data(struct sessie *s, const struct feit_invoer *in, const char *bron, wp_error *err)
{
    char hint[128];
    json_t *data, *bezwaren = json_array(), *b;
    size_t i;
    char *text;

    if (check_text(in->tekst, "een besluit", bron, err) != 0)
        goto fail;
    if (in->uitkomst == NULL || text_index(in->uitkomst, besluit_uitkomsten) < 0) {
        wp_error_add(err, WP_EUSER, bron, "uitkomst '%s' van een besluit is onbekend%s; kies 'aangenomen', "
                     "'verworpen' of 'aangehouden'", in->uitkomst ? in->uitkomst : "",
                     text_hint(hint, sizeof hint, in->uitkomst ? in->uitkomst : "", besluit_uitkomsten));
        goto fail;
    }
    if (in->bezwaren != NULL && !json_is_array(in->bezwaren)) {
        wp_error_add(err, WP_EUSER, bron, "'bezwaren' moet een lijst zijn");
        goto fail;
    }
    json_array_foreach(in->bezwaren, i, b) {
        const char *wie = json_string_value(json_object_get(b, "wie"));
        const char *tekst = json_string_value(json_object_get(b, "tekst"));
        const char *opgelost = json_string_value(json_object_get(b, "opgelost"));
        if (check_text(tekst, "een bezwaar", bron, err) != 0 || check_deelnemer(s, wie, 0, bron, err) != 0)
            goto fail;
        json_array_append_new(bezwaren, json_pack("{s:s?, s:s, s:s?}", "wie", wie, "tekst", tekst,
                                                  "opgelost", opgelost));
    }
    data = json_pack("{s:s, s:o}", "uitkomst", in->uitkomst, "bezwaren", bezwaren);
    text = json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(data);
    return text;
fail:
    json_decref(bezwaren);
    return NULL;
}

/* Taking back a removal must not bring back a second bijdrage with the same
 * ref (someone may have reused the ref of the removed one meanwhile). */
static int check_restore(struct sessie *s, long long removal, const char *bron, wp_error *err)
{
    static const char *const sql =
        "SELECT d.soort, d.ref FROM feit r JOIN feit d ON d.id = r.doel WHERE r.id = ?1";
    sqlite3_stmt *st = store_stmt(s->traject->store, sql, err);
    char soort[32] = "", ref[80] = "";
    long long taken = 0;

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, removal);
    if (sqlite3_step(st) == SQLITE_ROW) {
        snprintf(soort, sizeof soort, "%s", store_column_text(st, 0));
        snprintf(ref, sizeof ref, "%s", store_column_text(st, 1) ? store_column_text(st, 1) : "");
    }
    sqlite3_reset(st);
    if (strcmp(soort, "verwijdering") == 0)
        return wp_error_add(err, WP_EUSER, bron, "het terugzetten van een verwijdering kan niet zelf verwijderd "
                            "worden");
    if (strcmp(soort, "bijdrage") == 0 && (taken = standing_bijdrage(s, NULL, ref, err)) != 0)
        return taken < 0 ? -1 : wp_error_add(err, WP_EUSER, bron, "bijdrage '%s' kan niet terug: er staat "
                                             "intussen een andere bijdrage met dat id", ref);
    return 0;
}

/* What a fact that changes or removes another may point at. */
static int check_doel(struct sessie *s, enum feit_soort soort, long long doel, const char *bron, wp_error *err)
{
    static const char *const sql = "SELECT soort, " REMOVED("f") " FROM feit f WHERE id = ?1 AND sessie = ?2";
    sqlite3_stmt *st = store_stmt(s->traject->store, sql, err);
    char found[32] = "";
    int removed = 0;

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, doel);
    sqlite3_bind_int64(st, 2, s->id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        snprintf(found, sizeof found, "%s", store_column_text(st, 0));
        removed = sqlite3_column_int(st, 1) > 0;
    }
    sqlite3_reset(st);
    if (found[0] == '\0')
        return wp_error_add(err, WP_EUSER, bron, "feit %lld bestaat niet in deze sessie", doel);
    if (removed)
        return wp_error_add(err, WP_EUSER, bron, strcmp(found, "verwijdering") == 0 ? "feit %lld is al "
                            "teruggedraaid" : "feit %lld is al verwijderd", doel);
    if (soort == FEIT_WIJZIGING && strcmp(found, "bijdrage") != 0)
        return wp_error_add(err, WP_EUSER, bron, "alleen een bijdrage kan gewijzigd worden, feit %lld is een %s",
                            doel, found);
    if (soort == FEIT_VERWIJDERING && (strcmp(found, "stap") == 0 || strcmp(found, "pauze") == 0 ||
                                       strcmp(found, "hervatting") == 0))
        return wp_error_add(err, WP_EUSER, bron, "een %s kan niet verwijderd worden", found);
    if (soort == FEIT_VERWIJDERING && strcmp(found, "verwijdering") == 0)
        return check_restore(s, doel, bron, err);
    return 0;
}

static int check_wijziging(struct sessie *s, const struct feit_invoer *in, const char *bron, wp_error *err)
{
    static const char *const sql = "SELECT stap FROM feit WHERE id = ?1";
    sqlite3_stmt *st;
    int idx = -1;

    if (check_doel(s, FEIT_WIJZIGING, in->doel, bron, err) != 0)
        return -1;
    if (in->tekst != NULL && check_text(in->tekst, "een gewijzigde bijdrage", bron, err) != 0)
        return -1;
    if ((st = store_stmt(s->traject->store, sql, err)) == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, in->doel);
    if (sqlite3_step(st) == SQLITE_ROW)
        idx = step_index(s->card, store_column_text(st, 0));
    sqlite3_reset(st);
    if (idx < 0)
        return wp_error_add(err, WP_EUSER, bron, "de stap van feit %lld bestaat niet meer", in->doel);
    if (in->veld != NULL && check_veld(&s->card->stappen[idx], in->veld, bron, err) != 0)
        return -1;
    if (in->omgevingen != NULL && check_omgevingen(s, &s->card->stappen[idx], in->omgevingen, bron, err) != 0)
        return -1;
    return 0;
}

/* A bijdrage's extras that have no column of their own: what it builds on,
 * and whether it is marked sensitive. */
static int bijdrage_data(const struct feit_invoer *in, char **data, wp_error *err)
{
    json_t *d;

    if (in->bij == NULL && !in->gevoelig)
        return 0;
    d = json_object();
    if (in->bij != NULL)
        json_object_set_new(d, "bij", json_string(in->bij));
    if (in->gevoelig)
        json_object_set_new(d, "gevoelig", json_true());
    *data = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(d);
    return *data != NULL ? 0 : wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
}

/* The step kind each content fact belongs to. */
static int kind_fits(enum feit_soort soort, enum plugin_invoer invoer)
{
    switch (soort) {
    case FEIT_BIJDRAGE: return invoer == INVOER_BIJDRAGE;
    case FEIT_STEM: return invoer == INVOER_STEM;
    case FEIT_PLAATSING: return invoer == INVOER_PLAATSING;
    case FEIT_BESLUIT: return invoer == INVOER_BESLUIT;
    default: return 1;
    }
}

/* Checks the input and returns the data column for it (besluit) via *data. */
static int check_input(struct sessie *s, enum feit_soort soort, const struct feit_invoer *in, const char *bron,
                       char **data, wp_error *err)
{
    const struct plugin_stap *stap = sessie_current_step(s);

    *data = NULL;
    if (!kind_fits(soort, stap->invoer))
        return wp_error_add(err, WP_EUSER, bron, "stap '%s' (%s) neemt geen %s aan; deze stap vraagt: %s",
                            stap->id, stap->titel, feit_soorten[soort], plugin_invoer_namen[stap->invoer]);
    switch (soort) {
    case FEIT_BIJDRAGE:
        if (check_bijdrage(s, stap, in, bron, err) != 0)
            return -1;
        return bijdrage_data(in, data, err);
    case FEIT_STEM: return check_stem(s, stap, in, bron, err);
    case FEIT_PLAATSING: return check_plaatsing(s, stap, in, bron, err);
    case FEIT_BESLUIT:
        if (check_deelnemer(s, in->deelnemer, 0, bron, err) != 0)
            return -1;
        return (*data = besluit_data(s, in, bron, err)) != NULL ? 0 : -1;
    case FEIT_WIJZIGING: return check_wijziging(s, in, bron, err);
    case FEIT_VERWIJDERING: return check_doel(s, soort, in->doel, bron, err);
    default:
        return wp_error_add(err, WP_EINTERNAL, bron, "feit van soort '%s' hoort niet bij sessie_add",
                            feit_soorten[soort]);
    }
}

/* A label for a bijdrage that came without one: 'b' and the fact's sequence
 * number, with a suffix in the rare case that someone chose that label. */
static int generate_ref(struct sessie *s, char *ref, size_t size, wp_error *err)
{
    long long next = next_volgnr(s, err), taken;

    if (next < 0)
        return -1;
    snprintf(ref, size, "b%lld", next);
    for (int i = 2; (taken = standing_bijdrage(s, NULL, ref, err)) != 0; i++) {
        if (taken < 0)
            return -1;
        snprintf(ref, size, "b%lld-%d", next, i);
    }
    return 0;
}

/* Taking back a removal can bring back votes the participant has since
 * cast again elsewhere; after writing it, no one may be over budget. */
static int check_vote_budgets(struct sessie *s, const char *bron, wp_error *err)
{
    static const char *const sql =
        "SELECT f.stap, f.deelnemer, sum(f.waarde) FROM feit f WHERE f.sessie = ?1 AND f.soort = 'stem' AND "
        COUNTED_VOTE("f") " GROUP BY f.stap, f.deelnemer";
    sqlite3_stmt *st = store_stmt(s->traject->store, sql, err);
    int rc = 0;

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, s->id);
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        int idx = step_index(s->card, store_column_text(st, 0));
        double used = sqlite3_column_double(st, 2);
        if (idx >= 0 && used > s->card->stappen[idx].stemmen)
            rc = wp_error_add(err, WP_EUSER, bron, "ongedaan maken gaat niet: deelnemer '%s' zou dan %.0f van de %d "
                              "stemmen hebben in stap '%s'; haal eerst een van die stemmen weg",
                              store_column_text(st, 1), used, s->card->stappen[idx].stemmen,
                              s->card->stappen[idx].id);
    }
    sqlite3_reset(st);
    return rc;
}

/* sessie_add, with the data column of a removal set to mark (undo marks its
 * own removals, so that a later undo does not undo an undo). */
static long long add_fact(struct sessie *s, enum feit_soort soort, const struct feit_invoer *in, const char *bron,
                          const char *mark, wp_error *err)
{
    struct feit_invoer copy = *in;
    char ref[48];
    char *data = NULL;
    long long id;

    if (s->gesloten)
        return wp_error_add(err, WP_EUSER, bron, "sessie '%s' is gesloten; er kan niets meer bij", s->label);
    /* The fact's INSERT is its only write, and only a removal can still be
     * refused after it (check_vote_budgets). */
    if (soort == FEIT_VERWIJDERING ? store_begin(s->traject->store, err) != 0
                                   : store_begin_one(s->traject->store, err) != 0)
        return -1;
    if (check_input(s, soort, in, bron, &data, err) != 0)
        goto fail;
    if (soort == FEIT_BIJDRAGE && copy.ref == NULL && generate_ref(s, ref, sizeof ref, err) != 0)
        goto fail;
    if (soort == FEIT_BIJDRAGE && copy.ref == NULL)
        copy.ref = ref;
    id = insert_fact(s, feit_soorten[soort], sessie_current_step(s)->id, &copy, data ? data : mark, bron, err);
    free(data);
    data = NULL;
    if (id < 0 || (soort == FEIT_VERWIJDERING && check_vote_budgets(s, bron, err) != 0) ||
        store_commit(s->traject->store, err) != 0)
        goto fail;
    return id;
fail:
    free(data);
    store_rollback(s->traject->store);
    return -1;
}

long long sessie_add(struct sessie *s, enum feit_soort soort, const struct feit_invoer *in, const char *bron,
                     wp_error *err)
{
    return add_fact(s, soort, in, bron, NULL, err);
}

/* --- steps and the clock ------------------------------------------------- */

/* The facts view, as resultaat and bij_stap get it. */
static int emit_view(const void *model, struct value_sink *sink)
{
    return sessie_view_emit(model, sink);
}

static void *hook_view_read(void *data, wp_error *err)
{
    return sessie_view_read(data, err);
}

static void hook_view_release(void *view)
{
    sessie_view_free(view);
}

/* Runs the bij_stap hook for a change from step `from` to step `to`; a
 * failure goes into err and gives NULL. The session is read only when the
 * hook looks at it. */
static char *step_hook(struct sessie *s, const char *from, const char *to, wp_error *err)
{
    const struct plugin_view view = { hook_view_read, emit_view, hook_view_release, s };

    if (!s->card->heeft_bij_stap)
        return NULL;
    return plugin_bij_stap(s->plugin, from, to, &view, err);
}

static int move_to(struct sessie *s, int to, const char *bron, char **message, wp_error *err)
{
    const char *from = s->card->stappen[s->stap].id;
    wp_error hook = WP_ERROR_INIT;
    char *m;

    if (store_begin(s->traject->store, err) != 0)
        return -1;
    if (insert_fact(s, "stap", s->card->stappen[to].id, NULL, NULL, bron, err) < 0 ||
        store_commit(s->traject->store, err) != 0) {
        store_rollback(s->traject->store);
        return -1;
    }
    s->stap = to;
    /* The step is stored; a failing hook is reported but changes nothing. */
    m = step_hook(s, from, s->card->stappen[to].id, &hook);
    if (message != NULL)
        *message = m;
    else
        free(m);
    wp_error_move(err, &hook);
    return 0;
}

char *sessie_step_message(struct sessie *s, wp_error *err)
{
    static const char *const sql =
        "SELECT stap FROM feit WHERE sessie = ?1 AND soort = 'stap' ORDER BY volgnr DESC LIMIT 1 OFFSET 1";
    sqlite3_stmt *st;
    char from[128] = "";

    if (!s->card->heeft_bij_stap || (st = store_stmt(s->traject->store, sql, err)) == NULL)
        return NULL;
    sqlite3_bind_int64(st, 1, s->id);
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(from, sizeof from, "%s", store_column_text(st, 0));
    sqlite3_reset(st);
    if (from[0] == '\0')
        return NULL;              /* the session has not moved yet */
    return step_hook(s, from, sessie_current_step(s)->id, err);
}

int sessie_next_step(struct sessie *s, const char *bron, char **message, wp_error *err)
{
    if (s->gesloten)
        return wp_error_add(err, WP_EUSER, bron, "sessie '%s' is gesloten", s->label);
    if ((size_t)s->stap + 1 >= s->card->n_stappen)
        return wp_error_add(err, WP_EUSER, bron, "'%s' is de laatste stap; sluit de werkvorm af met "
                            "'werkplaats werkvorm sluit'", s->card->stappen[s->stap].id);
    return move_to(s, s->stap + 1, bron, message, err);
}

int sessie_prev_step(struct sessie *s, const char *bron, char **message, wp_error *err)
{
    if (s->gesloten)
        return wp_error_add(err, WP_EUSER, bron, "sessie '%s' is gesloten", s->label);
    if (s->stap == 0)
        return wp_error_add(err, WP_EUSER, bron, "'%s' is de eerste stap", s->card->stappen[0].id);
    return move_to(s, s->stap - 1, bron, message, err);
}

long long sessie_undo(struct sessie *s, const char *bron, wp_error *err)
{
    static const char *const sql =
        "SELECT id FROM feit f WHERE sessie = ?1 AND (soort IN ('bijdrage','stem','plaatsing','besluit','wijziging') "
        "OR (soort = 'verwijdering' AND json_extract(coalesce(data, '{}'), '$.ongedaan') IS NULL)) "
        "AND NOT " REMOVED("f") " ORDER BY volgnr DESC LIMIT 1";
    sqlite3_stmt *st = store_stmt(s->traject->store, sql, err);
    struct feit_invoer in;

    if (st == NULL)
        return -1;
    memset(&in, 0, sizeof in);
    sqlite3_bind_int64(st, 1, s->id);
    if (sqlite3_step(st) == SQLITE_ROW)
        in.doel = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (in.doel == 0)
        return wp_error_add(err, WP_EUSER, bron, "er is niets om ongedaan te maken");
    return add_fact(s, FEIT_VERWIJDERING, &in, bron, "{\"ongedaan\":true}", err);
}

/* Moves the clock to the wanted state (pause != 0: stopped) in one write
 * transaction: the state is read after BEGIN IMMEDIATE, so two regies on one
 * session cannot both stop or both start it. With only_reden set, a stopped
 * clock is started only when it was stopped for that reden. Returns 1 when
 * a fact was written, 0 when the clock already stood as wanted (or was
 * stopped for another reden), -1 on an error. */
static int switch_clock(struct sessie *s, int pause, const char *reden, const char *only_reden, const char *bron,
                        wp_error *err)
{
    struct store *store = s->traject->store;
    char current[64] = "", *data = NULL;
    int paused;

    if (s->gesloten)
        return wp_error_add(err, WP_EUSER, bron, "sessie '%s' is gesloten", s->label);
    if (store_begin(store, err) != 0)
        return -1;
    if ((paused = sessie_pause_reason(s, current, sizeof current, err)) < 0)
        goto fail;
    if (paused == pause || (only_reden != NULL && strcmp(current, only_reden) != 0)) {
        store_rollback(store);
        return 0;
    }
    if (pause) {
        json_t *d = json_pack("{s:s}", "reden", reden ? reden : "pauze");
        data = json_dumps(d, JSON_COMPACT);
        json_decref(d);
        if (data == NULL) {
            wp_error_add(err, WP_EINTERNAL, bron, "geen geheugen voor de pauze");
            goto fail;
        }
    }
    if (insert_fact(s, pause ? "pauze" : "hervatting", sessie_current_step(s)->id, NULL, data, bron, err) < 0 ||
        store_commit(store, err) != 0)
        goto fail;
    free(data);
    return 1;
fail:
    free(data);
    store_rollback(store);
    return -1;
}

int sessie_pause(struct sessie *s, const char *reden, const char *bron, wp_error *err)
{
    int rc = switch_clock(s, 1, reden, NULL, bron, err);

    if (rc == 0)
        return wp_error_add(err, WP_EUSER, bron, "de klok staat al stil");
    return rc < 0 ? -1 : 0;
}

int sessie_unpause(struct sessie *s, const char *bron, wp_error *err)
{
    int rc = switch_clock(s, 0, NULL, NULL, bron, err);

    if (rc == 0)
        return wp_error_add(err, WP_EUSER, bron, "de klok loopt al");
    return rc < 0 ? -1 : 0;
}

int sessie_stop_clock(struct sessie *s, const char *reden, const char *bron, wp_error *err)
{
    return switch_clock(s, 1, reden, NULL, bron, err);
}

int sessie_lift_pause(struct sessie *s, const char *reden, const char *bron, wp_error *err)
{
    return switch_clock(s, 0, NULL, reden, bron, err);
}

int sessie_clock(struct sessie *s, long long *step_ms, long long *total_ms, int *paused, wp_error *err)
{
    static const char *const sql =
        "SELECT soort, tijd FROM feit WHERE sessie = ?1 AND soort IN ('stap','pauze','hervatting') ORDER BY volgnr";
    sqlite3_stmt *st = store_stmt(s->traject->store, sql, err);
    long long total = 0, step = 0, since = -1, now = clock_wall_ms();
    int stopped = 0, rc;

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, s->id);
    /* Walk the clock facts: time runs from each start or resume to the next
     * pause; a step change restarts the step clock. */
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *soort = store_column_text(st, 0);
        long long t = clock_parse_iso(store_column_text(st, 1));
        if (t < 0)
            continue;
        if (strcmp(soort, "stap") == 0) {
            if (!stopped && since >= 0)
                total += t - since;
            since = t;
            step = 0;
        } else if (strcmp(soort, "pauze") == 0 && !stopped) {
            if (since >= 0) {
                total += t - since;
                step += t - since;
            }
            stopped = 1;
        } else if (strcmp(soort, "hervatting") == 0 && stopped) {
            since = t;
            stopped = 0;
        }
    }
    if (store_rows_done(s->traject->store, st, rc, "klok lezen", err) != 0)
        return -1;
    if (!stopped && since >= 0) {
        total += now - since;
        step += now - since;
    }
    if (step_ms != NULL)
        *step_ms = step;
    if (total_ms != NULL)
        *total_ms = total;
    if (paused != NULL)
        *paused = stopped;
    return 0;
}

int sessie_add_present(struct sessie *s, const char *deelnemer, wp_error *err)
{
    static const char *const sql = "INSERT OR IGNORE INTO aanwezig (sessie, deelnemer) VALUES (?1, ?2)";
    sqlite3_stmt *st;

    if (check_deelnemer(s, deelnemer, 1, NULL, err) != 0 || (st = store_stmt(s->traject->store, sql, err)) == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, s->id);
    store_bind_text(st, 2, deelnemer);
    return store_step_done(s->traject->store, st, "aanwezigheid opslaan", err);
}

char *sessie_fact_source(struct sessie *s, long long volgnr, wp_error *err)
{
    static const char *const sql = "SELECT bron FROM feit WHERE sessie = ?1 AND volgnr = ?2";
    sqlite3_stmt *st = store_stmt(s->traject->store, sql, err);
    char *bron = NULL;

    if (st == NULL)
        return NULL;
    sqlite3_bind_int64(st, 1, s->id);
    sqlite3_bind_int64(st, 2, volgnr);
    if (sqlite3_step(st) == SQLITE_ROW)
        bron = text_dup(store_column_text(st, 0));
    sqlite3_reset(st);
    return bron;
}

json_t *sessie_fact(struct sessie *s, long long id, wp_error *err)
{
    static const char *const sql =
        "SELECT volgnr, soort, stap, deelnemer, ref, tekst, veld, waarde, doel FROM feit WHERE id = ?1 AND sessie = ?2";
    static const char *const keys[] = { "deelnemer", "ref", "tekst", "veld" };
    sqlite3_stmt *st = store_stmt(s->traject->store, sql, err);
    json_t *f = NULL;

    if (st == NULL)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, s->id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        f = json_pack("{s:I, s:I, s:s, s:s}", "id", (json_int_t)id, "volgnr", (json_int_t)sqlite3_column_int64(st, 0),
                      "soort", store_column_text(st, 1), "stap", store_column_text(st, 2));
        for (int i = 0; i < 4; i++)
            if (store_column_text(st, 3 + i) != NULL)
                json_object_set_new(f, keys[i], json_string(store_column_text(st, 3 + i)));
        if (sqlite3_column_type(st, 7) != SQLITE_NULL)
            json_object_set_new(f, "waarde", json_real(sqlite3_column_double(st, 7)));
        if (sqlite3_column_type(st, 8) != SQLITE_NULL)
            json_object_set_new(f, "doel", json_integer(sqlite3_column_int64(st, 8)));
    }
    sqlite3_reset(st);
    if (f == NULL && !wp_error_failed(err))
        wp_error_add(err, WP_EUSER, NULL, "feit %lld bestaat niet in deze sessie", id);
    return f;
}

long long sessie_find_bijdrage(struct sessie *s, const char *ref, wp_error *err)
{
    return standing_bijdrage(s, NULL, ref, err);
}

int sessie_pause_reason(struct sessie *s, char *buf, size_t size, wp_error *err)
{
    static const char *const sql =
        "SELECT soort, data FROM feit WHERE sessie = ?1 AND soort IN ('pauze','hervatting') ORDER BY volgnr DESC LIMIT 1";
    sqlite3_stmt *st = store_stmt(s->traject->store, sql, err);
    int paused = 0;

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, s->id);
    if (sqlite3_step(st) == SQLITE_ROW && strcmp(store_column_text(st, 0), "pauze") == 0) {
        json_t *data = store_column_text(st, 1) ? json_loads(store_column_text(st, 1), 0, NULL) : NULL;
        const char *reden = json_string_value(json_object_get(data, "reden"));
        snprintf(buf, size, "%s", reden ? reden : "pauze");
        json_decref(data);
        paused = 1;
    }
    sqlite3_reset(st);
    return paused;
}

/* --- closing --------------------------------------------------------------- */

/* The reserved keys feed the registers of the sleutelfactoren: checked
 * before anything is stored, every problem at once. */
static int check_reserved(struct sessie *s, json_t *result, wp_error *err)
{
    json_t *afspraken = json_object_get(result, "afspraken"), *houdingen = json_object_get(result, "houdingen");
    int rc = 0;

    if (afspraken != NULL && afspraak_check_result(s->traject, afspraken, s->card->id, err) != 0)
        rc = -1;
    if (houdingen != NULL && houding_check_result(s->traject, houdingen, s->card->id, err) != 0)
        rc = -1;
    return rc;
}

/* Stores the reserved keys in their registers, inside the caller's
 * transaction, so they land exactly when the session closes. */
static int store_reserved(struct sessie *s, json_t *result, wp_error *err)
{
    json_t *afspraken = json_object_get(result, "afspraken"), *houdingen = json_object_get(result, "houdingen");

    if (afspraken != NULL && afspraak_store_result(s->traject, afspraken, s->id, s->sprint, err) != 0)
        return -1;
    if (houdingen != NULL && houding_store_result(s->traject, houdingen, s->id, s->sprint, err) != 0)
        return -1;
    return 0;
}

json_t *sessie_close(struct sessie *s, wp_error *err)
{
    static const char *const sql =
        "UPDATE sessie SET status = 'gesloten', gesloten = ?2, resultaat = ?3 WHERE id = ?1 AND status = 'open'";
    char now[CLOCK_ISO_SIZE];
    struct sessie_model *view;
    json_t *result;
    char *text = NULL;
    sqlite3_stmt *st;

    if (s->gesloten) {
        wp_error_add(err, WP_EUSER, NULL, "sessie '%s' is al gesloten", s->label);
        return NULL;
    }
    if ((view = sessie_view_read(s, err)) == NULL)
        return NULL;
    result = plugin_resultaat_emit(s->plugin, &(struct plugin_emitter){ emit_view, view }, err);
    sessie_view_free(view);
    if (result == NULL)
        return NULL;
    /* The plugin host has checked the result against 'levert'; the reserved
     * keys are checked here, against the casus. The stored result stays what
     * the werkvorm returned; the registers hold their own copy. */
    if (check_reserved(s, result, err) != 0 || (text = json_compact(result)) == NULL)
        goto fail;
    if (store_begin(s->traject->store, err) != 0 || (st = store_stmt(s->traject->store, sql, err)) == NULL)
        goto fail_tx;
    sqlite3_bind_int64(st, 1, s->id);
    store_bind_text(st, 2, clock_now_iso(now));
    store_bind_text(st, 3, text);
    if (store_step_done(s->traject->store, st, "sessie sluiten", err) != 0 || store_reserved(s, result, err) != 0 ||
        store_commit(s->traject->store, err) != 0)
        goto fail_tx;
    free(text);
    s->gesloten = 1;
    traject_hand_over(s->traject, s->id, result);
    return result;
fail_tx:
    store_rollback(s->traject->store);
fail:
    free(text);
    json_decref(result);
    return NULL;
}
