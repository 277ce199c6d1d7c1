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
 */
#include <stdlib.h>
#include <string.h>

#include "werkplaats/sessie.h"

struct view {
    struct sessie *s;
    json_t *people;           /* deelnemer id -> {id, groep, pseudoniem} */
    json_t *people_list;      /* the same, in the order shown to the werkvorm */
    long long *removed;       /* sorted fact ids that a verwijdering targets */
    size_t n_removed;
    long long *bijdrage_ids;  /* fact id of bijdragen[i]; increasing */
    size_t n_bijdragen, cap_bijdragen;
    json_t *refs;             /* ref -> index into bijdragen (standing ones only) */
    json_t *placement_slot;   /* "stap\x1fwie\x1fop" -> index into plaatsingen */
    json_t *bijdragen, *stemmen, *plaatsingen, *besluiten;
};

static int compare_ids(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;

    return (x > y) - (x < y);
}

static int is_removed(const struct view *v, long long id)
{
    return v->n_removed > 0 && bsearch(&id, v->removed, v->n_removed, sizeof id, compare_ids) != NULL;
}

static int load_removed(struct view *v, wp_error *err)
{
    /* Removals that were taken back (by a removal of the removal) do not count. */
    static const char *const sql =
        "SELECT doel FROM feit f WHERE sessie = ?1 AND soort = 'verwijdering' "
        "AND NOT EXISTS (SELECT 1 FROM feit h WHERE h.doel = f.id AND h.soort = 'verwijdering')";
    sqlite3_stmt *st = store_stmt(v->s->traject->store, sql, err);
    size_t cap = 0;
    int rc;

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, v->s->id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (v->n_removed == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            long long *grown = realloc(v->removed, ncap * sizeof *grown);
            if (grown == NULL) {
                sqlite3_reset(st);
                return wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
            }
            v->removed = grown;
            cap = ncap;
        }
        v->removed[v->n_removed++] = sqlite3_column_int64(st, 0);
    }
    if (store_rows_done(v->s->traject->store, st, rc, "verwijderingen lezen", err) != 0)
        return -1;
    if (v->n_removed > 0)         /* qsort(NULL, 0, ...) is undefined */
        qsort(v->removed, v->n_removed, sizeof *v->removed, compare_ids);
    return 0;
}

/* Who took part: present at the session or named in one of its facts. */
static int load_people(struct view *v, wp_error *err)
{
    static const char *const sql =
        "SELECT id, groep, pseudoniem FROM deelnemer WHERE id IN "
        "(SELECT deelnemer FROM aanwezig WHERE sessie = ?1 UNION "
        " SELECT deelnemer FROM feit WHERE sessie = ?1 AND deelnemer IS NOT NULL) ORDER BY pseudoniem";
    sqlite3_stmt *st = store_stmt(v->s->traject->store, sql, err);
    int rc;

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, v->s->id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *id = store_column_text(st, 0);
        json_t *p = json_pack("{s:s, s:s, s:s}", "id", id, "groep", store_column_text(st, 1), "pseudoniem",
                              store_column_text(st, 2));
        json_object_set(v->people, id, p);
        json_array_append_new(v->people_list, p);
    }
    return store_rows_done(v->s->traject->store, st, rc, "deelnemers lezen", err);
}

/* Someone named only inside a fact's data (an objection's author) is looked
 * up once and counts as a participant too. */
static json_t *lookup_person(struct view *v, const char *id)
{
    static const char *const sql = "SELECT groep, pseudoniem FROM deelnemer WHERE id = ?1";
    sqlite3_stmt *st;
    json_t *p = json_object_get(v->people, id);
    wp_error ignore = WP_ERROR_INIT;

    if (p != NULL || (st = store_stmt(v->s->traject->store, sql, &ignore)) == NULL) {
        wp_error_clear(&ignore);
        return p;
    }
    store_bind_text(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        p = json_pack("{s:s, s:s, s:s}", "id", id, "groep", store_column_text(st, 0), "pseudoniem",
                      store_column_text(st, 1));
        json_object_set_new(v->people, id, p);
        json_array_append(v->people_list, p);
    }
    sqlite3_reset(st);
    return p;
}

/* Sets deelnemer and groep on o when the fact names someone. */
static void set_person(struct view *v, json_t *o, const char *deelnemer)
{
    json_t *p;

    if (deelnemer == NULL)
        return;
    json_object_set_new(o, "deelnemer", json_string(deelnemer));
    p = lookup_person(v, deelnemer);
    if (p != NULL)
        json_object_set(o, "groep", json_object_get(p, "groep"));
}

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static json_t *number(double d)
{
    return d == (double)(long long)d ? json_integer((json_int_t)d) : json_real(d);
}

/* Columns of the fact query below. */
enum { C_ID, C_SOORT, C_STAP, C_WIE, C_REF, C_TEKST, C_VELD, C_OMG, C_WAARDE, C_DATA, C_DOEL, C_VOLGNR };

static json_t *parse_omgevingen(const char *text)
{
    json_t *a = text ? json_loads(text, 0, NULL) : NULL;

    return json_is_array(a) ? a : (json_decref(a), json_array());
}

static int add_bijdrage(struct view *v, sqlite3_stmt *st)
{
    json_t *b = json_object();

    if (v->n_bijdragen == v->cap_bijdragen) {
        size_t ncap = v->cap_bijdragen ? v->cap_bijdragen * 2 : 64;
        long long *grown = realloc(v->bijdrage_ids, ncap * sizeof *grown);
        if (grown == NULL) {
            json_decref(b);
            return -1;
        }
        v->bijdrage_ids = grown;
        v->cap_bijdragen = ncap;
    }
    json_object_set_new(b, "id", json_string(col(st, C_REF)));
    json_object_set_new(b, "stap", json_string(col(st, C_STAP)));
    if (col(st, C_VELD) != NULL)
        json_object_set_new(b, "veld", json_string(col(st, C_VELD)));
    json_object_set_new(b, "tekst", json_string(col(st, C_TEKST)));
    json_object_set_new(b, "omgevingen", parse_omgevingen(col(st, C_OMG)));
    set_person(v, b, col(st, C_WIE));
    if (col(st, C_DATA) != NULL) {
        json_t *data = json_loads(col(st, C_DATA), 0, NULL);
        if (json_object_get(data, "bij") != NULL)
            json_object_set(b, "bij", json_object_get(data, "bij"));
        json_decref(data);
    }
    json_object_set_new(b, "stemmen", json_integer(0));
    json_object_set_new(b, "stemmen_per_groep", json_object());
    json_object_set_new(b, "volgnr", json_integer(sqlite3_column_int64(st, C_VOLGNR)));
    json_object_set_new(v->refs, col(st, C_REF), json_integer((json_int_t)v->n_bijdragen));
    v->bijdrage_ids[v->n_bijdragen++] = sqlite3_column_int64(st, C_ID);
    json_array_append_new(v->bijdragen, b);
    return 0;
}

static json_t *bijdrage_by_fact(struct view *v, long long id)
{
    long long *hit = v->n_bijdragen ? bsearch(&id, v->bijdrage_ids, v->n_bijdragen, sizeof id, compare_ids) : NULL;

    return hit ? json_array_get(v->bijdragen, (size_t)(hit - v->bijdrage_ids)) : NULL;
}

static json_t *bijdrage_by_ref(struct view *v, const char *ref)
{
    json_t *idx = ref ? json_object_get(v->refs, ref) : NULL;

    return idx ? json_array_get(v->bijdragen, (size_t)json_integer_value(idx)) : NULL;
}

static void apply_wijziging(struct view *v, sqlite3_stmt *st)
{
    json_t *b = bijdrage_by_fact(v, sqlite3_column_int64(st, C_DOEL));

    if (b == NULL)
        return;
    if (col(st, C_TEKST) != NULL)
        json_object_set_new(b, "tekst", json_string(col(st, C_TEKST)));
    if (col(st, C_VELD) != NULL)
        json_object_set_new(b, "veld", json_string(col(st, C_VELD)));
    if (col(st, C_OMG) != NULL)
        json_object_set_new(b, "omgevingen", parse_omgevingen(col(st, C_OMG)));
}

static void add_stem(struct view *v, sqlite3_stmt *st)
{
    json_t *b = bijdrage_by_ref(v, col(st, C_REF)), *stem, *per_groep, *groep;
    json_int_t aantal = (json_int_t)sqlite3_column_double(st, C_WAARDE);

    if (b == NULL)
        return;                                   /* the item was removed */
    stem = json_pack("{s:s, s:s, s:I}", "stap", col(st, C_STAP), "op", col(st, C_REF), "aantal", aantal);
    set_person(v, stem, col(st, C_WIE));
    json_object_set_new(b, "stemmen", json_integer(json_integer_value(json_object_get(b, "stemmen")) + aantal));
    groep = json_object_get(stem, "groep");
    if (groep != NULL) {
        per_groep = json_object_get(b, "stemmen_per_groep");
        json_object_set_new(per_groep, json_string_value(groep),
                            json_integer(json_integer_value(json_object_get(per_groep, json_string_value(groep))) +
                                         aantal));
    }
    json_array_append_new(v->stemmen, stem);
}

/* One placement per person, item and step: a later one replaces the earlier. */
static void add_plaatsing(struct view *v, sqlite3_stmt *st)
{
    const char *wie = col(st, C_WIE);
    char key[512];
    json_t *p = json_pack("{s:s, s:s, s:o}", "stap", col(st, C_STAP), "op", col(st, C_REF), "waarde",
                          number(sqlite3_column_double(st, C_WAARDE)));
    json_t *slot;

    set_person(v, p, wie);
    if (col(st, C_TEKST) != NULL)
        json_object_set_new(p, "tekst", json_string(col(st, C_TEKST)));
    snprintf(key, sizeof key, "%s\x1f%s\x1f%s", col(st, C_STAP), wie ? wie : "", col(st, C_REF));
    slot = json_object_get(v->placement_slot, key);
    if (slot != NULL) {
        json_array_set_new(v->plaatsingen, (size_t)json_integer_value(slot), p);
    } else {
        json_object_set_new(v->placement_slot, key, json_integer((json_int_t)json_array_size(v->plaatsingen)));
        json_array_append_new(v->plaatsingen, p);
    }
}

static void add_besluit(struct view *v, sqlite3_stmt *st)
{
    json_t *data = col(st, C_DATA) ? json_loads(col(st, C_DATA), 0, NULL) : NULL;
    json_t *b = json_pack("{s:s, s:s}", "stap", col(st, C_STAP), "tekst", col(st, C_TEKST));
    json_t *bezwaren = json_array(), *bz;
    size_t i;

    set_person(v, b, col(st, C_WIE));
    json_object_set(b, "uitkomst", json_object_get(data, "uitkomst"));
    json_array_foreach(json_object_get(data, "bezwaren"), i, bz) {
        json_t *o = json_pack("{s:O}", "tekst", json_object_get(bz, "tekst"));
        set_person(v, o, json_string_value(json_object_get(bz, "wie")));
        if (json_object_get(bz, "opgelost") != NULL)
            json_object_set(o, "opgelost", json_object_get(bz, "opgelost"));
        json_array_append_new(bezwaren, o);
    }
    json_object_set_new(b, "bezwaren", bezwaren);
    json_array_append_new(v->besluiten, b);
    json_decref(data);
}

/* The average position of every placed contribution. */
static void summarise_placements(struct view *v)
{
    size_t i;
    json_t *p;

    json_array_foreach(v->plaatsingen, i, p) {
        json_t *b = bijdrage_by_ref(v, json_string_value(json_object_get(p, "op")));
        json_t *sum;
        double total, count;
        if (b == NULL)
            continue;
        sum = json_object_get(b, "plaatsing");
        total = json_number_value(json_object_get(sum, "som")) + json_number_value(json_object_get(p, "waarde"));
        count = json_number_value(json_object_get(sum, "aantal")) + 1;
        json_object_set_new(b, "plaatsing", json_pack("{s:f, s:f}", "som", total, "aantal", count));
    }
    json_array_foreach(v->bijdragen, i, p) {
        json_t *sum = json_object_get(p, "plaatsing");
        double count;
        if (sum == NULL)
            continue;
        count = json_number_value(json_object_get(sum, "aantal"));
        json_object_set_new(p, "plaatsing",
                            json_pack("{s:o, s:I}", "gemiddelde",
                                      number(json_number_value(json_object_get(sum, "som")) / count),
                                      "aantal", (json_int_t)count));
    }
}

static int replay_facts(struct view *v, wp_error *err)
{
    static const char *const sql =
        "SELECT id, soort, stap, deelnemer, ref, tekst, veld, omgevingen, waarde, data, doel, volgnr FROM feit "
        "WHERE sessie = ?1 AND soort IN ('bijdrage','stem','plaatsing','besluit','wijziging') ORDER BY volgnr";
    sqlite3_stmt *st = store_stmt(v->s->traject->store, sql, err);
    int rc;

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, v->s->id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *soort = col(st, C_SOORT);
        if (is_removed(v, sqlite3_column_int64(st, C_ID)))
            continue;
        if (strcmp(soort, "bijdrage") == 0) {
            if (add_bijdrage(v, st) != 0) {
                sqlite3_reset(st);
                return wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
            }
        } else if (strcmp(soort, "wijziging") == 0) {
            apply_wijziging(v, st);
        } else if (strcmp(soort, "stem") == 0) {
            add_stem(v, st);
        } else if (strcmp(soort, "plaatsing") == 0) {
            add_plaatsing(v, st);
        } else {
            add_besluit(v, st);
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return store_fail(v->s->traject->store, "feiten lezen", err);
    summarise_placements(v);
    return 0;
}

static json_t *session_header(struct sessie *s, wp_error *err)
{
    static const char *const sql = "SELECT datum FROM sessie WHERE id = ?1";
    sqlite3_stmt *st = store_stmt(s->traject->store, sql, err);
    json_t *o;

    if (st == NULL)
        return NULL;
    o = json_pack("{s:s, s:i, s:s}", "werkvorm", s->card->id, "sprint", s->sprint, "label", s->label);
    sqlite3_bind_int64(st, 1, s->id);
    if (sqlite3_step(st) == SQLITE_ROW && col(st, 0) != NULL)
        json_object_set_new(o, "datum", json_string(col(st, 0)));
    sqlite3_reset(st);
    return o;
}

json_t *sessie_view(struct sessie *s, wp_error *err)
{
    struct view v;
    json_t *out = NULL;

    memset(&v, 0, sizeof v);
    v.s = s;
    v.people = json_object();
    v.people_list = json_array();
    v.refs = json_object();
    v.placement_slot = json_object();
    v.bijdragen = json_array();
    v.stemmen = json_array();
    v.plaatsingen = json_array();
    v.besluiten = json_array();
    if (load_removed(&v, err) != 0 || load_people(&v, err) != 0 || replay_facts(&v, err) != 0)
        goto out;
    if ((out = session_header(s, err)) == NULL)
        goto out;
    json_object_set(out, "deelnemers", v.people_list);
    json_object_set(out, "bijdragen", v.bijdragen);
    json_object_set(out, "stemmen", v.stemmen);
    json_object_set(out, "plaatsingen", v.plaatsingen);
    json_object_set(out, "besluiten", v.besluiten);
out:
    json_decref(v.people_list);
    json_decref(v.people);
    json_decref(v.refs);
    json_decref(v.placement_slot);
    json_decref(v.bijdragen);
    json_decref(v.stemmen);
    json_decref(v.plaatsingen);
    json_decref(v.besluiten);
    free(v.removed);
    free(v.bijdrage_ids);
    return out;
}
