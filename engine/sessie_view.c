/*
 * sessie_view.c: derives the current state of a session from its facts.
 *
 * Facts are never changed in place: an edit is a wijziging fact, a removal a
 * verwijdering fact. This file replays them in order into the "facts view"
 * that a werkvorm's resultaat function receives: the standing contributions
 * with their latest text, vote tallies (also per stakeholder group) and
 * placements, the votes, placements and decisions themselves, and who took
 * part. One pass over the facts, with sorted arrays and hash lookups, so the
 * cost grows linearly with the session.
 *
 * The replay fills plain C records (struct sessie_model); sessie_view_emit
 * writes them into a value_sink: jansson for sessie_view(), or Lua tables
 * straight in the werkvorm's state when the session closes (value_sink.h
 * says why).
 * Members are emitted in the order the view has always had, since the
 * report writes the view's JSON as it is.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "kept_facts.h"
#include "strmap.h"
#include "werkplaats/sessie.h"
#include "werkplaats/value_sink.h"

/* --- the model ------------------------------------------------------------------------- */

#define NOBODY ((size_t)-1)

struct person {
    const char *id, *groep, *pseudoniem;
};

struct group_votes {
    const char *groep;
    long long n;
};

struct bijdrage {
    long long fact_id, volgnr, stemmen;
    const char *ref, *stap, *veld, *tekst, *deelnemer;
    int veld_late;              /* veld first given by an edit: it comes after volgnr */
    size_t wie;                 /* index into people, or NOBODY */
    json_t *omgevingen, *bij;   /* bij: NULL when absent */
    struct group_votes *per_groep;
    size_t n_groepen;
    double plaats_som;
    long long plaats_aantal;    /* 0: not placed */
};

struct stem {
    const char *stap, *op, *deelnemer;
    size_t wie;
    long long aantal;
};

struct plaatsing {
    const char *stap, *op, *deelnemer, *tekst;
    size_t wie;
    double waarde;
};

/* A growable array of records of one type. */
#define ARRAY(type) struct { type *at; size_t n, cap; }

struct sessie_model {
    struct sessie *s;
    struct arena arena;                 /* the replay's texts, freed at once */
    const char *datum;
    ARRAY(struct person) people;        /* in the order shown to the werkvorm */
    struct strmap person_index;         /* id -> index into people */
    long long *removed;                 /* sorted fact ids that a verwijdering targets */
    size_t n_removed;
    ARRAY(struct bijdrage) bijdragen;   /* fact ids increasing */
    struct strmap refs;                 /* ref -> index into bijdragen (standing ones only) */
    ARRAY(struct stem) stemmen;
    ARRAY(struct plaatsing) plaatsingen;
    struct strmap placement_slot;       /* "stap\x1fwie\x1fop" -> index into plaatsingen */
    ARRAY(json_t *) omgevingen;         /* each distinct omgevingen list, parsed once */
    struct strmap omgevingen_index;     /* its text -> index into omgevingen */
    json_t *besluiten;
    int out_of_memory;
};

/* Makes room for one more element in the array whose pointer is at *slot
 * (any object pointer: it is read and written with memcpy, not through a
 * void ** that would alias it); -1 when memory ran out. */
static int grow(void *slot, size_t n, size_t *cap, size_t size)
{
    void *at, *grown;
    size_t ncap;

    if (n < *cap)
        return 0;
    ncap = *cap ? *cap * 2 : 64;
    memcpy(&at, slot, sizeof at);
    if ((grown = realloc(at, ncap * size)) == NULL)
        return -1;
    memcpy(slot, &grown, sizeof grown);
    *cap = ncap;
    return 0;
}

/* A new last element of the ARRAY a, or NULL (and out_of_memory set). */
#define APPEND(m, a) \
    (grow(&(a).at, (a).n, &(a).cap, sizeof *(a).at) == 0 ? &(a).at[(a).n++] : ((m)->out_of_memory = 1, NULL))

static const char *keep(struct sessie_model *m, const char *s)
{
    const char *copy = arena_dup(&m->arena, s);

    if (s != NULL && copy == NULL)
        m->out_of_memory = 1;
    return copy;
}

static int compare_ids(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;

    return (x > y) - (x < y);
}

static int is_removed(const struct sessie_model *m, long long id)
{
    return m->n_removed > 0 && bsearch(&id, m->removed, m->n_removed, sizeof id, compare_ids) != NULL;
}

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* --- reading --------------------------------------------------------------------------- */

static int load_removed(struct sessie_model *m, wp_error *err)
{
    /* Removals that were taken back (by a removal of the removal) do not count. */
    static const char *const sql =
        "SELECT doel FROM feit f WHERE sessie = ?1 AND soort = 'verwijdering' "
        "AND NOT EXISTS (SELECT 1 FROM feit h WHERE h.doel = f.id AND h.soort = 'verwijdering')";
    sqlite3_stmt *st = store_stmt(m->s->traject->store, sql, err);
    size_t cap = 0;
    int rc;

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, m->s->id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (grow(&m->removed, m->n_removed, &cap, sizeof *m->removed) != 0) {
            sqlite3_reset(st);
            return wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
        }
        m->removed[m->n_removed++] = sqlite3_column_int64(st, 0);
    }
    if (store_rows_done(m->s->traject->store, st, rc, "verwijderingen lezen", err) != 0)
        return -1;
    if (m->n_removed > 0)         /* qsort(NULL, 0, ...) is undefined */
        qsort(m->removed, m->n_removed, sizeof *m->removed, compare_ids);
    return 0;
}

/* Adds a person (a row with id, groep and pseudoniem); one without groep or
 * pseudoniem cannot be shown and is left out. */
static size_t add_person(struct sessie_model *m, const char *id, const char *groep, const char *pseudoniem)
{
    struct person *p;

    if (id == NULL || groep == NULL || pseudoniem == NULL || (p = APPEND(m, m->people)) == NULL)
        return NOBODY;
    p->id = keep(m, id);
    p->groep = keep(m, groep);
    p->pseudoniem = keep(m, pseudoniem);
    if (m->out_of_memory || strmap_set(&m->person_index, p->id, m->people.n - 1) != 0) {
        m->out_of_memory = 1;
        return NOBODY;
    }
    return m->people.n - 1;
}

/* Who took part: present at the session or named in one of its facts. */
static int load_people(struct sessie_model *m, wp_error *err)
{
    static const char *const sql =
        "SELECT id, groep, pseudoniem FROM deelnemer WHERE id IN "
        "(SELECT deelnemer FROM aanwezig WHERE sessie = ?1 UNION "
        " SELECT deelnemer FROM feit WHERE sessie = ?1 AND deelnemer IS NOT NULL) ORDER BY pseudoniem";
    sqlite3_stmt *st = store_stmt(m->s->traject->store, sql, err);
    int rc;

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, m->s->id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        add_person(m, col(st, 0), col(st, 1), col(st, 2));
    return store_rows_done(m->s->traject->store, st, rc, "deelnemers lezen", err);
}

/* Someone named only inside a fact's data (an objection's author) is looked
 * up once and counts as a participant too. */
static size_t lookup_person(struct sessie_model *m, const char *id)
{
    static const char *const sql = "SELECT groep, pseudoniem FROM deelnemer WHERE id = ?1";
    const size_t *known = strmap_get(&m->person_index, id);
    wp_error ignore = WP_ERROR_INIT;
    sqlite3_stmt *st;
    size_t found = NOBODY;

    if (known != NULL || id == NULL || (st = store_stmt(m->s->traject->store, sql, &ignore)) == NULL) {
        wp_error_clear(&ignore);
        return known != NULL ? *known : NOBODY;
    }
    store_bind_text(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
        found = add_person(m, id, col(st, 0), col(st, 1));
    sqlite3_reset(st);
    return found;
}

/* Sets deelnemer and groep on o (a JSON object) when the fact names someone. */
static void set_person_json(struct sessie_model *m, json_t *o, const char *deelnemer)
{
    size_t wie;

    if (deelnemer == NULL)
        return;
    json_object_set_new(o, "deelnemer", json_string(deelnemer));
    if ((wie = lookup_person(m, deelnemer)) != NOBODY)
        json_object_set_new(o, "groep", json_string(m->people.at[wie].groep));
}

/* Columns of the fact query below. */
enum { C_ID, C_SOORT, C_STAP, C_WIE, C_REF, C_TEKST, C_VELD, C_OMG, C_WAARDE, C_DATA, C_DOEL, C_VOLGNR };

/* The omgevingen list stored as text (a new reference). A session holds
 * few distinct lists, so each text is parsed once and its list shared by
 * the bijdragen that carry it: nothing changes a list once it is read. */
static json_t *parse_omgevingen(struct sessie_model *m, const char *text)
{
    const size_t *known = strmap_get(&m->omgevingen_index, text);
    json_t *a, **slot;
    const char *key;

    if (known != NULL)
        return json_incref(m->omgevingen.at[*known]);
    a = text ? json_loads(text, 0, NULL) : NULL;
    if (!json_is_array(a)) {
        json_decref(a);
        return json_array();
    }
    if ((key = keep(m, text)) != NULL && (slot = APPEND(m, m->omgevingen)) != NULL) {
        *slot = json_incref(a);
        if (strmap_set(&m->omgevingen_index, key, m->omgevingen.n - 1) != 0)
            m->out_of_memory = 1;
    }
    return a;
}

static void add_bijdrage(struct sessie_model *m, const struct feit_row *r)
{
    struct bijdrage *b = APPEND(m, m->bijdragen);

    if (b == NULL)
        return;
    memset(b, 0, sizeof *b);
    b->fact_id = r->id;
    b->volgnr = r->volgnr;
    b->ref = keep(m, r->ref);
    b->stap = keep(m, r->stap);
    b->veld = keep(m, r->veld);
    b->tekst = keep(m, r->tekst);
    b->omgevingen = parse_omgevingen(m, r->omgevingen);
    b->deelnemer = keep(m, r->deelnemer);
    b->wie = lookup_person(m, b->deelnemer);
    /* The engine writes data as compact JSON: without the text "bij" it
     * has no key bij, and most data ({"gevoelig":true}) need not be parsed. */
    if (r->data != NULL && strstr(r->data, "\"bij\"") != NULL) {
        json_t *data = json_loads(r->data, 0, NULL);
        b->bij = json_incref(json_object_get(data, "bij"));
        json_decref(data);
    }
    if (b->ref != NULL && strmap_set(&m->refs, b->ref, m->bijdragen.n - 1) != 0)
        m->out_of_memory = 1;
}

static struct bijdrage *bijdrage_by_fact(struct sessie_model *m, long long id)
{
    struct bijdrage *at = m->bijdragen.at;
    size_t lo = 0, hi = m->bijdragen.n;

    while (lo < hi) {               /* fact ids increase along the array */
        size_t mid = lo + (hi - lo) / 2;
        if (at[mid].fact_id == id)
            return &at[mid];
        if (at[mid].fact_id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static struct bijdrage *bijdrage_by_ref(struct sessie_model *m, const char *ref)
{
    const size_t *i = strmap_get(&m->refs, ref);

    return i != NULL ? &m->bijdragen.at[*i] : NULL;
}

static void apply_wijziging(struct sessie_model *m, const struct feit_row *r)
{
    struct bijdrage *b = bijdrage_by_fact(m, r->doel);

    if (b == NULL)
        return;
    if (r->tekst != NULL)
        b->tekst = keep(m, r->tekst);
    if (r->veld != NULL) {
        b->veld_late |= b->veld == NULL;
        b->veld = keep(m, r->veld);
    }
    if (r->omgevingen != NULL) {
        json_decref(b->omgevingen);
        b->omgevingen = parse_omgevingen(m, r->omgevingen);
    }
}

static void count_group_vote(struct sessie_model *m, struct bijdrage *b, const char *groep, long long aantal)
{
    size_t cap = b->n_groepen;   /* grown one at a time: a handful of groups */
    struct group_votes *grown;

    for (size_t i = 0; i < b->n_groepen; i++)
        if (strcmp(b->per_groep[i].groep, groep) == 0) {
            b->per_groep[i].n += aantal;
            return;
        }
    if ((grown = realloc(b->per_groep, (cap + 1) * sizeof *grown)) == NULL) {
        m->out_of_memory = 1;
        return;
    }
    b->per_groep = grown;
    b->per_groep[b->n_groepen++] = (struct group_votes){ groep, aantal };
}

static void add_stem(struct sessie_model *m, const struct feit_row *r)
{
    struct bijdrage *b = bijdrage_by_ref(m, r->ref);
    struct stem *v;

    if (b == NULL || (v = APPEND(m, m->stemmen)) == NULL)
        return;                                   /* the item was removed */
    v->stap = keep(m, r->stap);
    v->op = keep(m, r->ref);
    v->aantal = (long long)r->waarde;
    v->deelnemer = keep(m, r->deelnemer);
    v->wie = lookup_person(m, v->deelnemer);
    b->stemmen += v->aantal;
    if (v->wie != NOBODY)
        count_group_vote(m, b, m->people.at[v->wie].groep, v->aantal);
}

/* One placement per person, item and step: a later one replaces the earlier. */
static void add_plaatsing(struct sessie_model *m, const struct feit_row *r)
{
    const char *wie = r->deelnemer;
    char key[512];
    const size_t *slot;
    struct plaatsing *p;

    snprintf(key, sizeof key, "%s\x1f%s\x1f%s", r->stap, wie ? wie : "", r->ref);
    if ((slot = strmap_get(&m->placement_slot, key)) != NULL) {
        p = &m->plaatsingen.at[*slot];
    } else {
        const char *kept = keep(m, key);
        if (kept == NULL || (p = APPEND(m, m->plaatsingen)) == NULL ||
            strmap_set(&m->placement_slot, kept, m->plaatsingen.n - 1) != 0) {
            m->out_of_memory = 1;
            return;
        }
    }
    p->stap = keep(m, r->stap);
    p->op = keep(m, r->ref);
    p->waarde = r->waarde;
    p->deelnemer = keep(m, wie);
    p->wie = lookup_person(m, p->deelnemer);
    p->tekst = keep(m, r->tekst);
}

static void add_besluit(struct sessie_model *m, const struct feit_row *r)
{
    json_t *data = r->data ? json_loads(r->data, 0, NULL) : NULL;
    json_t *b = json_pack("{s:s, s:s}", "stap", r->stap, "tekst", r->tekst);
    json_t *bezwaren = json_array(), *bz;
    size_t i;

    set_person_json(m, b, r->deelnemer);
    json_object_set(b, "uitkomst", json_object_get(data, "uitkomst"));
    json_array_foreach(json_object_get(data, "bezwaren"), i, bz) {
        json_t *o = json_pack("{s:O}", "tekst", json_object_get(bz, "tekst"));
        set_person_json(m, o, json_string_value(json_object_get(bz, "wie")));
        if (json_object_get(bz, "opgelost") != NULL)
            json_object_set(o, "opgelost", json_object_get(bz, "opgelost"));
        json_array_append_new(bezwaren, o);
    }
    json_object_set_new(b, "bezwaren", bezwaren);
    json_array_append_new(m->besluiten, b);
    json_decref(data);
}

/* The sum of the placements of every standing contribution. */
static void summarise_placements(struct sessie_model *m)
{
    for (size_t i = 0; i < m->plaatsingen.n; i++) {
        struct plaatsing *p = &m->plaatsingen.at[i];
        struct bijdrage *b = bijdrage_by_ref(m, p->op);
        if (b == NULL)
            continue;
        b->plaats_som += p->waarde;
        b->plaats_aantal++;
    }
}

/* Replays one fact into the model. */
static void replay_fact(struct sessie_model *m, const struct feit_row *r)
{
    if (is_removed(m, r->id))
        return;
    if (strcmp(r->soort, "bijdrage") == 0)
        add_bijdrage(m, r);
    else if (strcmp(r->soort, "wijziging") == 0)
        apply_wijziging(m, r);
    else if (strcmp(r->soort, "stem") == 0)
        add_stem(m, r);
    else if (strcmp(r->soort, "plaatsing") == 0)
        add_plaatsing(m, r);
    else
        add_besluit(m, r);
}

/* The fact the query below stands on. */
static struct feit_row row_of(sqlite3_stmt *st)
{
    return (struct feit_row){
        .id = sqlite3_column_int64(st, C_ID), .volgnr = sqlite3_column_int64(st, C_VOLGNR),
        .doel = sqlite3_column_int64(st, C_DOEL), .soort = col(st, C_SOORT), .stap = col(st, C_STAP),
        .deelnemer = col(st, C_WIE), .ref = col(st, C_REF), .tekst = col(st, C_TEKST), .veld = col(st, C_VELD),
        .omgevingen = col(st, C_OMG), .data = col(st, C_DATA), .waarde = sqlite3_column_double(st, C_WAARDE),
    };
}

static int replay_facts(struct sessie_model *m, wp_error *err)
{
    static const char *const sql =
        "SELECT id, soort, stap, deelnemer, ref, tekst, veld, omgevingen, waarde, data, doel, volgnr FROM feit "
        "WHERE sessie = ?1 AND soort IN ('bijdrage','stem','plaatsing','besluit','wijziging') ORDER BY volgnr";
    sqlite3_stmt *st = store_stmt(m->s->traject->store, sql, err);
    int rc;

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, m->s->id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && !m->out_of_memory) {
        struct feit_row r = row_of(st);
        replay_fact(m, &r);
    }
    sqlite3_reset(st);
    if (m->out_of_memory)
        return wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
    if (rc != SQLITE_DONE)
        return store_fail(m->s->traject->store, "feiten lezen", err);
    summarise_placements(m);
    return 0;
}

/* The same replay over the facts this handle kept as it wrote them: they
 * hold no removal, so nothing is left out. */
static int replay_kept(struct sessie_model *m, wp_error *err)
{
    const struct kept_facts *k = m->s->kept;

    for (size_t i = 0; i < kept_facts_count(k) && !m->out_of_memory; i++)
        replay_fact(m, kept_facts_at(k, i));
    if (m->out_of_memory)
        return wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
    summarise_placements(m);
    return 0;
}

/* The facts, from what this handle kept when that is what the database
 * holds, else read back (kept_facts.h). */
static int load_facts(struct sessie_model *m, wp_error *err)
{
    long long last = m->s->kept != NULL ? sessie_stored_volgnr(m->s, err) : 0;

    if (last < 0)
        return -1;
    if (m->s->kept != NULL && kept_facts_current(m->s->kept, last))
        return replay_kept(m, err);
    return load_removed(m, err) != 0 ? -1 : replay_facts(m, err);
}

static int read_datum(struct sessie_model *m, wp_error *err)
{
    static const char *const sql = "SELECT datum FROM sessie WHERE id = ?1";
    sqlite3_stmt *st = store_stmt(m->s->traject->store, sql, err);

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, m->s->id);
    if (sqlite3_step(st) == SQLITE_ROW)
        m->datum = keep(m, col(st, 0));
    sqlite3_reset(st);
    return 0;
}

struct sessie_model *sessie_view_read(struct sessie *s, wp_error *err)
{
    struct sessie_model *m = calloc(1, sizeof *m);

    if (m == NULL || (m->besluiten = json_array()) == NULL) {
        free(m);
        wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
        return NULL;
    }
    m->s = s;
    if (load_people(m, err) != 0 || load_facts(m, err) != 0 || read_datum(m, err) != 0) {
        sessie_view_free(m);
        return NULL;
    }
    if (m->out_of_memory) {
        sessie_view_free(m);
        wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
        return NULL;
    }
    return m;
}

void sessie_view_free(struct sessie_model *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->bijdragen.n; i++) {
        json_decref(m->bijdragen.at[i].omgevingen);
        json_decref(m->bijdragen.at[i].bij);
        free(m->bijdragen.at[i].per_groep);
    }
    free(m->bijdragen.at);
    for (size_t i = 0; i < m->omgevingen.n; i++)
        json_decref(m->omgevingen.at[i]);
    free(m->omgevingen.at);
    strmap_free(&m->omgevingen_index, 0);
    free(m->stemmen.at);
    free(m->plaatsingen.at);
    free(m->people.at);
    strmap_free(&m->person_index, 0);
    strmap_free(&m->refs, 0);
    strmap_free(&m->placement_slot, 0);
    free(m->removed);
    json_decref(m->besluiten);
    arena_free(&m->arena);
    free(m);
}

/* --- emitting -------------------------------------------------------------------------- */

/* Every emitting function returns 0, or -1 from the first call that failed.
 * They chain calls with ||, which (unlike |) runs them in order. */

/* A whole number as an integer, anything else as a real. */
static int put_number(struct value_sink *k, double d)
{
    return d == (double)(long long)d ? k->integer(k, (long long)d) : k->real(k, d);
}

static int put_text(struct value_sink *k, const char *key, const char *s)
{
    return k->key(k, key) || k->string(k, s) ? -1 : 0;
}

/* "deelnemer" and "groep" of a fact that names someone: the members they add. */
static size_t person_members(const char *deelnemer, size_t wie)
{
    return (size_t)(deelnemer != NULL) + (size_t)(deelnemer != NULL && wie != NOBODY);
}

static int put_person(const struct sessie_model *m, struct value_sink *k, const char *deelnemer, size_t wie)
{
    if (deelnemer != NULL && put_text(k, "deelnemer", deelnemer) != 0)
        return -1;
    if (deelnemer != NULL && wie != NOBODY && put_text(k, "groep", m->people.at[wie].groep) != 0)
        return -1;
    return 0;
}

static int emit_people(const struct sessie_model *m, struct value_sink *k)
{
    if (k->begin(k, 1, m->people.n) != 0)
        return -1;
    for (size_t i = 0; i < m->people.n; i++) {
        const struct person *p = &m->people.at[i];
        if (k->begin(k, 0, 3) || put_text(k, "id", p->id) || put_text(k, "groep", p->groep) ||
            put_text(k, "pseudoniem", p->pseudoniem) || k->end(k))
            return -1;
    }
    return k->end(k);
}

static int emit_votes_per_group(struct value_sink *k, const struct bijdrage *b)
{
    if (k->key(k, "stemmen_per_groep") || k->begin(k, 0, b->n_groepen))
        return -1;
    for (size_t i = 0; i < b->n_groepen; i++)
        if (k->key(k, b->per_groep[i].groep) || k->integer(k, b->per_groep[i].n))
            return -1;
    return k->end(k);
}

static int emit_placement_summary(struct value_sink *k, const struct bijdrage *b)
{
    return k->key(k, "plaatsing") || k->begin(k, 0, 2) || k->key(k, "gemiddelde") ||
           put_number(k, b->plaats_som / (double)b->plaats_aantal) || k->key(k, "aantal") ||
           k->integer(k, b->plaats_aantal) || k->end(k) ? -1 : 0;
}

static int emit_bijdrage(const struct sessie_model *m, struct value_sink *k, const void *record)
{
    const struct bijdrage *b = record;
    size_t members = 7 + (size_t)(b->veld != NULL) + person_members(b->deelnemer, b->wie) +
                     (size_t)(b->bij != NULL) + (size_t)(b->plaats_aantal > 0);

    if (k->begin(k, 0, members) || put_text(k, "id", b->ref) || put_text(k, "stap", b->stap))
        return -1;
    if (b->veld != NULL && !b->veld_late && put_text(k, "veld", b->veld) != 0)
        return -1;
    if (put_text(k, "tekst", b->tekst) || k->key(k, "omgevingen") || k->json(k, b->omgevingen) ||
        put_person(m, k, b->deelnemer, b->wie))
        return -1;
    if (b->bij != NULL && (k->key(k, "bij") || k->json(k, b->bij)))
        return -1;
    if (k->key(k, "stemmen") || k->integer(k, b->stemmen) || emit_votes_per_group(k, b) ||
        k->key(k, "volgnr") || k->integer(k, b->volgnr))
        return -1;
    if (b->veld != NULL && b->veld_late && put_text(k, "veld", b->veld) != 0)
        return -1;
    if (b->plaats_aantal > 0 && emit_placement_summary(k, b) != 0)
        return -1;
    return k->end(k);
}

static int emit_stem(const struct sessie_model *m, struct value_sink *k, const void *record)
{
    const struct stem *v = record;

    return k->begin(k, 0, 3 + person_members(v->deelnemer, v->wie)) || put_text(k, "stap", v->stap) ||
           put_text(k, "op", v->op) || k->key(k, "aantal") || k->integer(k, v->aantal) ||
           put_person(m, k, v->deelnemer, v->wie) || k->end(k) ? -1 : 0;
}

static int emit_plaatsing(const struct sessie_model *m, struct value_sink *k, const void *record)
{
    const struct plaatsing *p = record;

    if (k->begin(k, 0, 3 + person_members(p->deelnemer, p->wie) + (size_t)(p->tekst != NULL)) ||
        put_text(k, "stap", p->stap) || put_text(k, "op", p->op) || k->key(k, "waarde") ||
        put_number(k, p->waarde) || put_person(m, k, p->deelnemer, p->wie))
        return -1;
    if (p->tekst != NULL && put_text(k, "tekst", p->tekst) != 0)
        return -1;
    return k->end(k);
}

typedef int emit_fn(const struct sessie_model *m, struct value_sink *k, const void *record);

/* The array under name: one element per record, written by emit_one. */
static int emit_list(const struct sessie_model *m, struct value_sink *k, const char *name, const void *records, size_t n,
                     size_t size, emit_fn *emit_one)
{
    if (k->key(k, name) || k->begin(k, 1, n))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (emit_one(m, k, (const char *)records + i * size) != 0)
            return -1;
    return k->end(k);
}

int sessie_view_emit(const struct sessie_model *m, struct value_sink *k)
{
    const struct sessie *s = m->s;

    if (k->begin(k, 0, 8 + (size_t)(m->datum != NULL)) || put_text(k, "werkvorm", s->card->id) ||
        k->key(k, "sprint") || k->integer(k, s->sprint) || put_text(k, "label", s->label))
        return -1;
    if (m->datum != NULL && put_text(k, "datum", m->datum) != 0)
        return -1;
    if (k->key(k, "deelnemers") || emit_people(m, k))
        return -1;
    if (emit_list(m, k, "bijdragen", m->bijdragen.at, m->bijdragen.n, sizeof *m->bijdragen.at, emit_bijdrage) ||
        emit_list(m, k, "stemmen", m->stemmen.at, m->stemmen.n, sizeof *m->stemmen.at, emit_stem) ||
        emit_list(m, k, "plaatsingen", m->plaatsingen.at, m->plaatsingen.n, sizeof *m->plaatsingen.at,
                  emit_plaatsing))
        return -1;
    if (k->key(k, "besluiten") || k->json(k, m->besluiten))
        return -1;
    return k->end(k);
}

json_t *sessie_view(struct sessie *s, wp_error *err)
{
    struct sessie_model *m = sessie_view_read(s, err);
    struct json_sink js;
    json_t *view;

    if (m == NULL)
        return NULL;
    json_sink_init(&js);
    sessie_view_emit(m, &js.sink);
    sessie_view_free(m);
    if ((view = json_sink_finish(&js)) == NULL)
        wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
    return view;
}
