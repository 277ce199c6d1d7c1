/*
 * sleutelfactoren.c: the check of the six key factors: loading what the
 * traject holds, running the check of each factor, and printing the model.
 *
 * The data is read once per check (sessions with their participants, the
 * standing contributions with their latest text) and shared by the factors,
 * so the cost grows linearly with the traject.
 */
#include "werkplaats/sleutelfactoren.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sleutelfactoren_intern.h"
#include "werkplaats/reflectie.h"
#include "werkplaats/text.h"

/* --- helpers for the factors ------------------------------------------------- */

json_t *bevinding(json_t *factor, const char *soort, const char *oordeel, const char *fmt, ...)
{
    char text[2048];
    va_list ap;
    json_t *b;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    b = json_pack("{s:s, s:s, s:s}", "soort", soort, "oordeel", oordeel, "tekst", text);
    json_array_append_new(json_object_get(factor, "bevindingen"), b);
    return b;
}

const char *betrokkene_label(const struct check *c, const char *id, char *buf, size_t size)
{
    const struct casus_betrokkene *b = casus_betrokkene(c->t->casus, id);

    if (b == NULL)
        snprintf(buf, size, "%s", id);
    else
        snprintf(buf, size, "%s (%s)", b->naam, b->rol);
    return buf;
}

const char *werkvorm_naam(const struct check *c, const char *werkvorm)
{
    struct sleutelfactoren_kaart k;

    memset(&k, 0, sizeof k);
    if (c->o->kaart != NULL && c->o->kaart(c->o->kaart_ctx, werkvorm, &k) == 0 && k.naam != NULL)
        return k.naam;
    return werkvorm;
}

const char *quote_bijdrage(json_t *b, char *buf, size_t size)
{
    return quote_text(json_string_value(json_object_get(b, "tekst")), json_is_true(json_object_get(b, "gevoelig")),
                      json_string_value(json_object_get(b, "ref")), buf, size);
}

const char *quote_text(const char *tekst, int gevoelig, const char *ref, char *buf, size_t size)
{
    size_t max = size < 123 ? size - 3 : 120, len;

    if (gevoelig || tekst == NULL) {
        snprintf(buf, size, "bijdrage %s (gevoelig)", ref);
        return buf;
    }
    len = strlen(tekst);
    if (len <= max) {
        snprintf(buf, size, "%s", tekst);
        return buf;
    }
    /* Cut at a space, never inside a UTF-8 sequence. */
    while (max > 0 && tekst[max] != ' ')
        max--;
    if (max == 0)
        max = size < 123 ? size - 3 : 120;
    while (max > 0 && ((unsigned char)tekst[max] & 0xC0) == 0x80)
        max--;
    snprintf(buf, size, "%.*s…", (int)max, tekst);
    return buf;
}

int later_sessions(const struct check *c, int nr)
{
    size_t i;
    json_t *s;
    int n = 0;

    json_array_foreach(c->sessies, i, s)
        if (json_integer_value(json_object_get(s, "sprint")) > nr &&
            strcmp(json_string_value(json_object_get(s, "status")), "gesloten") == 0)
            n++;
    return n;
}

/* --- loading ----------------------------------------------------------------- */

static json_t *parse_json(const char *text, json_t *fallback)
{
    json_t *v = text ? json_loads(text, 0, NULL) : NULL;

    if (v == NULL)
        return fallback;
    json_decref(fallback);
    return v;
}

/* Runs sql for the sprints up to c->tot and hands every row to row(), which
 * returns -1 when it could not keep the row (out of memory). */
static int each_row(struct check *c, const char *sql, int (*row)(struct check *c, sqlite3_stmt *st),
                    const char *what)
{
    sqlite3_stmt *st = store_stmt(c->t->store, sql, c->err);
    int rc;

    if (st == NULL)
        return -1;
    sqlite3_bind_int(st, 1, c->tot);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (row(c, st) != 0) {
            sqlite3_reset(st);
            wp_error_add(c->err, WP_EINTERNAL, NULL, "sleutelfactoren: onvoldoende geheugen bij %s", what);
            return -1;
        }
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : store_fail(c->t->store, what, c->err);
}

/* The keys of a session's result as an object of key -> true: most checks
 * only ask whether a result holds a document, and a session's full result
 * (every item of its lists) is by far the largest thing a check would read.
 * keys is the JSON array of the keys, as SQLite's json_each lists them. */
static json_t *result_keys(const char *keys)
{
    json_t *list = parse_json(keys, json_array()), *set = json_object(), *k;
    size_t i;

    json_array_foreach(list, i, k)
        if (json_is_string(k))
            json_object_set_new(set, json_string_value(k), json_true());
    json_decref(list);
    return set;
}

json_t *sessie_resultaat(struct check *c, json_t *s)
{
    static const char *const sql = "SELECT resultaat FROM sessie WHERE id = ?1";
    sqlite3_stmt *st = store_stmt(c->t->store, sql, c->err);
    json_t *r = NULL;

    if (st == NULL)
        return json_object();
    sqlite3_bind_int64(st, 1, json_integer_value(json_object_get(s, "id")));
    if (sqlite3_step(st) == SQLITE_ROW)
        r = parse_json(store_column_text(st, 0), json_object());
    sqlite3_reset(st);
    return r != NULL ? r : json_object();
}

static int session_row(struct check *c, sqlite3_stmt *st)
{
    char key[32];
    json_t *s = json_pack("{s:I, s:i, s:s, s:s, s:s, s:i, s:{}, s:[]}", "id", (json_int_t)sqlite3_column_int64(st, 0),
                          "sprint", sqlite3_column_int(st, 1), "werkvorm", store_column_text(st, 2), "label",
                          store_column_text(st, 3), "status", store_column_text(st, 4), "aantal", 0, "groepen",
                          "betrokkenen");

    json_object_set_new(s, "nodig", parse_json(store_column_text(st, 5), json_array()));
    json_object_set_new(s, "levert", parse_json(store_column_text(st, 6), json_array()));
    json_object_set_new(s, "resultaat", result_keys(store_column_text(st, 7)));
    snprintf(key, sizeof key, "%lld", (long long)sqlite3_column_int64(st, 0));
    json_object_set(c->sessie_index, key, s);
    return json_array_append_new(c->sessies, s);
}

/* Counts one participant of a session: present, or named in one of its facts. */
static int participant_row(struct check *c, sqlite3_stmt *st)
{
    const char *groep = store_column_text(st, 1), *betrokkene = store_column_text(st, 2);
    json_t *s = json_object_get(c->sessie_index, store_column_text(st, 0)), *groepen;

    if (s == NULL)
        return 0;
    groepen = json_object_get(s, "groepen");
    json_object_set_new(groepen, groep, json_integer(json_integer_value(json_object_get(groepen, groep)) + 1));
    json_object_set_new(s, "aantal", json_integer(json_integer_value(json_object_get(s, "aantal")) + 1));
    if (betrokkene != NULL)
        json_array_append_new(json_object_get(s, "betrokkenen"), json_string(betrokkene));
    return 0;
}

const char *bijdrage_text(const struct check *c, size_t offset)
{
    return offset == NO_TEXT ? NULL : c->teksten + offset;
}

/* Copies text into the check's text buffer; its offset, or NO_TEXT. */
static size_t keep_text(struct check *c, const char *text)
{
    size_t len, at = c->n_teksten;

    if (text == NULL)
        return NO_TEXT;
    len = strlen(text) + 1;
    if (c->n_teksten + len > c->cap_teksten) {
        size_t cap = c->cap_teksten ? c->cap_teksten : 4096;
        char *grown;
        while (cap < c->n_teksten + len)
            cap *= 2;
        if ((grown = realloc(c->teksten, cap)) == NULL)
            return NO_TEXT;
        c->teksten = grown;
        c->cap_teksten = cap;
    }
    memcpy(c->teksten + at, text, len);
    c->n_teksten += len;
    return at;
}

/* The mask of the methode's omgevingen in a stored list; the few distinct
 * lists a traject uses are parsed once each. */
static unsigned omgevingen_mask(struct check *c, const char *stored)
{
    json_t *known, *list, *o;
    unsigned mask = 0;
    size_t i;

    if (stored == NULL)
        return 0;
    if ((known = json_object_get(c->masks, stored)) != NULL)
        return (unsigned)json_integer_value(known);
    list = parse_json(stored, json_array());
    json_array_foreach(list, i, o)
        for (size_t k = 0; c->m->omgevingen[k] != NULL && k < MAX_OMGEVINGEN; k++)
            if (json_is_string(o) && strcmp(json_string_value(o), c->m->omgevingen[k]) == 0)
                mask |= 1u << k;
    json_decref(list);
    json_object_set_new(c->masks, stored, json_integer(mask));
    return mask;
}

static int contribution_row(struct check *c, sqlite3_stmt *st)
{
    const char *groep = store_column_text(st, 6), *werkvorm = store_column_text(st, 2),
               *ref = store_column_text(st, 3), *tekst = store_column_text(st, 4);
    struct bijdrage *b;

    if (c->n_bijdragen == c->cap_bijdragen) {
        size_t cap = c->cap_bijdragen ? 2 * c->cap_bijdragen : 256;
        struct bijdrage *grown = realloc(c->bijdragen, cap * sizeof *grown);
        if (grown == NULL)
            return -1;
        c->bijdragen = grown;
        c->cap_bijdragen = cap;
    }
    b = &c->bijdragen[c->n_bijdragen++];
    b->sessie = sqlite3_column_int64(st, 0);
    b->sprint = sqlite3_column_int(st, 1);
    b->gevoelig = sqlite3_column_int(st, 7);
    b->bewoner = groep != NULL && strcmp(groep, GROEP_BEWONERS) == 0;
    b->omgevingen = omgevingen_mask(c, store_column_text(st, 5));
    b->werkvorm = keep_text(c, werkvorm);
    b->ref = keep_text(c, ref);
    b->tekst = keep_text(c, tekst);
    /* keep_text gives NO_TEXT for NULL, or when out of memory */
    return (werkvorm != NULL && b->werkvorm == NO_TEXT) || (ref != NULL && b->ref == NO_TEXT) ||
                   (tekst != NULL && b->tekst == NO_TEXT)
               ? -1
               : 0;
}

/* Sessions with who took part, and the standing contributions with the text
 * and tags of their latest edit (as the facts view derives them). */
static int load_traject_data(struct check *c)
{
    static const char *const sql_sessions =
        "SELECT id, sprint, werkvorm, label, status, nodig, levert, "
        " CASE WHEN json_valid(resultaat) AND json_type(resultaat) = 'object' "
        "  THEN (SELECT json_group_array(key) FROM json_each(resultaat)) END "
        "FROM sessie WHERE sprint <= ?1 ORDER BY sprint, id";
    static const char *const sql_participants =
        "SELECT CAST(p.sessie AS TEXT), d.groep, d.betrokkene FROM (SELECT sessie, deelnemer FROM aanwezig UNION "
        "SELECT sessie, deelnemer FROM feit WHERE deelnemer IS NOT NULL) p JOIN deelnemer d ON d.id = p.deelnemer "
        "JOIN sessie s ON s.id = p.sessie WHERE s.sprint <= ?1";
    static const char *const sql_contributions =
        "SELECT s.id, s.sprint, s.werkvorm, f.ref, "
        " coalesce((SELECT w.tekst FROM feit w WHERE w.doel = f.id AND w.soort = 'wijziging' AND w.tekst IS NOT NULL "
        "   AND NOT EXISTS (SELECT 1 FROM feit r WHERE r.doel = w.id AND r.soort = 'verwijdering') "
        "   ORDER BY w.volgnr DESC LIMIT 1), f.tekst), "
        " coalesce((SELECT w.omgevingen FROM feit w WHERE w.doel = f.id AND w.soort = 'wijziging' "
        "   AND w.omgevingen IS NOT NULL "
        "   AND NOT EXISTS (SELECT 1 FROM feit r WHERE r.doel = w.id AND r.soort = 'verwijdering') "
        "   ORDER BY w.volgnr DESC LIMIT 1), f.omgevingen), "
        " d.groep, CASE WHEN json_valid(f.data) THEN coalesce(json_type(f.data, '$.gevoelig') = 'true', 0) "
        "  ELSE 0 END "
        "FROM feit f JOIN sessie s ON s.id = f.sessie LEFT JOIN deelnemer d ON d.id = f.deelnemer "
        "WHERE f.soort = 'bijdrage' AND s.sprint <= ?1 "
        " AND NOT EXISTS (SELECT 1 FROM feit r WHERE r.doel = f.id AND r.soort = 'verwijdering') "
        "ORDER BY s.sprint, s.id, f.volgnr";

    if (each_row(c, sql_sessions, session_row, "sessies lezen") != 0 ||
        each_row(c, sql_participants, participant_row, "deelnemers lezen") != 0)
        return -1;
    return each_row(c, sql_contributions, contribution_row, "bijdragen lezen");
}

/* The status of every sprint of the methode, and the last that started. */
static int load_status(struct check *c, int *last)
{
    *last = 0;
    if (traject_running_sprint(c->t, c->err) < 0)
        return -1;
    for (int nr = 1; nr <= (int)c->m->n_sprints && nr <= MAX_SPRINTS; nr++) {
        int status = traject_sprint_status(c->t, nr, c->err);
        if (status < 0)
            return -1;
        c->status[nr] = status;
        if (status != SPRINT_GEPLAND)
            *last = nr;
    }
    return 0;
}

/* "So far": up to the last sprint that started, or up to tot (--sprint N). */
static void set_tot(struct check *c, int tot, int last)
{
    c->tot = tot > 0 ? tot : (last > 0 ? last : 1);
    if (c->tot > (int)c->m->n_sprints)
        c->tot = (int)c->m->n_sprints;
    c->n_gesloten = 0;
    for (int nr = 1; nr <= c->tot; nr++)
        c->n_gesloten += c->status[nr] == SPRINT_GESLOTEN;
}

/* --- the check ------------------------------------------------------------------ */

static const struct {
    const char *id;
    void (*check)(struct check *c, json_t *f);
} checks[] = {
    { "commitment", factor_commitment }, { "verleden", factor_verleden },   { "doen", factor_doen },
    { "omgevingen", factor_omgevingen }, { "werkvormen", factor_werkvormen }, { "resultaat", factor_resultaat },
};

static void attach_reflections(json_t *f, json_t *reflecties)
{
    json_t *mine = json_array(), *r;
    size_t i;

    json_array_foreach(reflecties, i, r)
        if (strcmp(json_string_value(json_object_get(r, "factor")), json_string_value(json_object_get(f, "id"))) == 0)
            json_array_append_new(mine, json_pack("{s:O, s:O}", "sprint", json_object_get(r, "sprint"), "tekst",
                                                  json_object_get(r, "tekst")));
    json_object_set_new(f, "reflecties", mine);
}

static const char *factor_status(json_t *f)
{
    json_t *b;
    size_t i;

    json_array_foreach(json_object_get(f, "bevindingen"), i, b)
        if (strcmp(json_string_value(json_object_get(b, "oordeel")), OORDEEL_AANDACHT) == 0)
            return OORDEEL_AANDACHT;
    return OORDEEL_IN_ORDE;
}

/* What needs attention first, then what is in order, then the rest; within
 * each, the order the check found them in. */
static void order_findings(json_t *f)
{
    static const char *const order[] = { OORDEEL_AANDACHT, OORDEEL_IN_ORDE, OORDEEL_INFO };
    json_t *sorted = json_array(), *b;
    size_t i;

    for (size_t o = 0; o < sizeof order / sizeof order[0]; o++)
        json_array_foreach(json_object_get(f, "bevindingen"), i, b)
            if (strcmp(json_string_value(json_object_get(b, "oordeel")), order[o]) == 0)
                json_array_append(sorted, b);
    json_object_set_new(f, "bevindingen", sorted);
}

static json_t *run_factor(struct check *c, const struct methode_term *term, json_t *reflecties)
{
    json_t *f = json_pack("{s:s, s:s, s:s, s:[]}", "id", term->id, "naam", term->naam, "uitleg", term->uitleg,
                          "bevindingen");
    int known = 0;

    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
        if (strcmp(checks[i].id, term->id) == 0) {
            checks[i].check(c, f);
            known = 1;
        }
    if (!known)
        bevinding(f, "niet_getoetst", OORDEEL_INFO, "Deze versie van werkplaats kent geen controle voor de "
                  "sleutelfactor '%s'; houd hem zelf in het oog.", term->id);
    order_findings(f);
    json_object_set_new(f, "status", json_string(known ? factor_status(f) : "niet getoetst"));
    attach_reflections(f, reflecties);
    return f;
}

/* Runs the six factors over what c holds (sprints 1..c->tot). */
static json_t *run_check(struct check *c, wp_error *err)
{
    json_t *model = NULL, *factoren, *reflecties;
    int in_orde = 0, aandacht = 0;

    c->err = err;
    if ((reflecties = reflectie_list(c->t, c->tot, err)) == NULL)
        return NULL;
    factoren = json_array();
    for (size_t i = 0; i < c->m->n_sleutelfactoren && !wp_error_failed(err); i++) {
        json_t *f = run_factor(c, &c->m->sleutelfactoren[i], reflecties);
        const char *status = json_string_value(json_object_get(f, "status"));
        in_orde += strcmp(status, OORDEEL_IN_ORDE) == 0;
        aandacht += strcmp(status, OORDEEL_AANDACHT) == 0;
        json_array_append_new(factoren, f);
    }
    if (wp_error_failed(err))
        json_decref(factoren);
    else
        model = json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:o}", "casus", c->t->casus->id, "wijk",
                          c->t->casus->wijk, "gemeente", c->t->casus->gemeente, "vandaag", c->vandaag,
                          "tot_en_met_sprint", c->tot, "in_orde", in_orde, "aandacht", aandacht, "factoren", factoren);
    json_decref(reflecties);
    return model;
}

static void check_init(struct check *c, struct traject *t, const struct sleutelfactoren_opties *o, wp_error *err)
{
    memset(c, 0, sizeof *c);
    c->t = t;
    c->m = t->methode;
    c->o = o;
    c->err = err;
    c->sessies = json_array();
    c->sessie_index = json_object();
    c->masks = json_object();
    if (o->vandaag != NULL)
        snprintf(c->vandaag, sizeof c->vandaag, "%s", o->vandaag);
    else
        clock_today(c->vandaag);
}

static void check_free(struct check *c)
{
    json_decref(c->sessies);
    json_decref(c->sessie_index);
    json_decref(c->masks);
    json_decref(c->herhalingen);
    free(c->bijdragen);
    free(c->teksten);
}

json_t *sleutelfactoren_check(struct traject *t, const struct sleutelfactoren_opties *o, wp_error *err)
{
    struct check c;
    json_t *model = NULL;
    int last;

    check_init(&c, t, o, err);
    if (load_status(&c, &last) == 0) {
        set_tot(&c, o->tot, last);
        if (load_traject_data(&c) == 0)
            model = run_check(&c, err);
    }
    check_free(&c);
    return model;
}

/* --- one load, checks at several cut-offs ---------------------------------------- */

struct sleutelfactoren_data {
    struct check all;   /* every sprint of the methode loaded, c.tot = the last */
    int last;           /* the last sprint that started */
};

struct sleutelfactoren_data *sleutelfactoren_load(struct traject *t, const struct sleutelfactoren_opties *o,
                                                  wp_error *err)
{
    struct sleutelfactoren_data *d = calloc(1, sizeof *d);

    if (d == NULL) {
        wp_error_add(err, WP_EINTERNAL, NULL, "sleutelfactoren: onvoldoende geheugen");
        return NULL;
    }
    check_init(&d->all, t, o, err);
    d->all.herhalingen = json_object();
    if (load_status(&d->all, &d->last) != 0) {
        sleutelfactoren_free(d);
        return NULL;
    }
    set_tot(&d->all, (int)t->methode->n_sprints < MAX_SPRINTS ? (int)t->methode->n_sprints : MAX_SPRINTS, d->last);
    if (load_traject_data(&d->all) != 0) {
        sleutelfactoren_free(d);
        return NULL;
    }
    return d;
}

/* The data loaded for every sprint, cut at tot: the sessions and the
 * contributions are in sprint order, so what a load bound to tot would have
 * read is the part of sprint <= tot, in the same order. */
json_t *sleutelfactoren_check_tot(struct sleutelfactoren_data *d, int tot, wp_error *err)
{
    struct check c = d->all;
    json_t *s, *model;
    size_t i;

    set_tot(&c, tot, d->last);
    c.sessies = json_array();
    json_array_foreach(d->all.sessies, i, s)
        if (json_integer_value(json_object_get(s, "sprint")) <= c.tot)
            json_array_append(c.sessies, s);
    while (c.n_bijdragen > 0 && c.bijdragen[c.n_bijdragen - 1].sprint > c.tot)
        c.n_bijdragen--;
    model = run_check(&c, err);
    json_decref(c.sessies);
    return model;
}

void sleutelfactoren_free(struct sleutelfactoren_data *d)
{
    if (d == NULL)
        return;
    check_free(&d->all);
    free(d);
}

json_t *sleutelfactoren_factor(json_t *model, const char *id)
{
    size_t i;
    json_t *f;

    json_array_foreach(json_object_get(model, "factoren"), i, f)
        if (strcmp(json_string_value(json_object_get(f, "id")), id) == 0)
            return f;
    return NULL;
}

/* --- the kern, for status ---------------------------------------------------------- */

/* The first bevindingen of each soort, and how many of each soort there are. */
static void kern_findings(json_t *factor, json_t *out)
{
    json_t *kept = json_array(), *aantallen = json_object(), *b;
    size_t i;

    json_array_foreach(json_object_get(factor, "bevindingen"), i, b) {
        const char *soort = json_string_value(json_object_get(b, "soort"));
        json_int_t n = json_integer_value(json_object_get(aantallen, soort)) + 1;
        json_object_set_new(aantallen, soort, json_integer(n));
        if (n <= SLEUTELFACTOREN_KERN_PER_SOORT)
            json_array_append(kept, b);
    }
    json_object_set_new(out, "bevindingen", kept);
    json_object_set_new(out, "aantallen", aantallen);
}

/* The werkvormen that used a sprint's result, one entry per werkvorm, sprint
 * and keys, with how many sessions ("keer"): a traject that ran a werkvorm
 * a hundred times shows it once. */
static json_t *kern_users(json_t *users)
{
    json_t *grouped = json_array(), *index = json_object(), *u;
    size_t i;

    json_array_foreach(users, i, u) {
        char *keys = json_dumps(json_object_get(u, "sleutels"), JSON_COMPACT);
        char group[1024];
        json_t *g;
        snprintf(group, sizeof group, "%s|%lld|%s", json_string_value(json_object_get(u, "werkvorm")),
                 (long long)json_integer_value(json_object_get(u, "sprint")), keys ? keys : "");
        free(keys);
        if ((g = json_object_get(index, group)) != NULL) {
            json_object_set_new(g, "keer", json_integer(json_integer_value(json_object_get(g, "keer")) + 1));
            continue;
        }
        g = json_pack("{s:O, s:O, s:O, s:O, s:i}", "sprint", json_object_get(u, "sprint"), "werkvorm",
                      json_object_get(u, "werkvorm"), "naam", json_object_get(u, "naam"), "sleutels",
                      json_object_get(u, "sleutels"), "keer", 1);
        json_object_set(index, group, g);
        json_array_append_new(grouped, g);
    }
    json_decref(index);
    return grouped;
}

static json_t *kern_sprints(json_t *sprints)
{
    json_t *out = json_array(), *s;
    size_t i;

    json_array_foreach(sprints, i, s) {
        json_t *k = json_copy(s);   /* shallow: only gebruikt_door is replaced */
        if (json_object_get(s, "gebruikt_door") != NULL)
            json_object_set_new(k, "gebruikt_door", kern_users(json_object_get(s, "gebruikt_door")));
        json_array_append_new(out, k);
    }
    return out;
}

json_t *sleutelfactoren_kern(json_t *model)
{
    static const char *const top[] = { "casus", "wijk", "gemeente", "vandaag", "tot_en_met_sprint", "in_orde",
                                       "aandacht" };
    json_t *kern = json_object(), *factoren = json_array(), *f;
    size_t i;

    if (kern == NULL || factoren == NULL) {
        json_decref(kern);
        json_decref(factoren);
        return NULL;
    }
    for (i = 0; i < sizeof top / sizeof top[0]; i++)
        json_object_set(kern, top[i], json_object_get(model, top[i]));
    json_array_foreach(json_object_get(model, "factoren"), i, f) {
        json_t *k = json_pack("{s:O, s:O, s:O}", "id", json_object_get(f, "id"), "naam", json_object_get(f, "naam"),
                              "status", json_object_get(f, "status"));
        kern_findings(f, k);
        if (json_object_get(f, "sprints") != NULL)
            json_object_set_new(k, "sprints", kern_sprints(json_object_get(f, "sprints")));
        json_array_append_new(factoren, k);
    }
    json_object_set_new(kern, "factoren", factoren);
    return kern;
}

/* --- matching words -------------------------------------------------------------- */

/* Letters, digits and every byte of a multi-byte UTF-8 character (é, ë) are
 * part of a word; everything else separates words. */
static int word_char(unsigned char ch)
{
    return isalnum(ch) || ch >= 0x80;
}

/* Matches word at p (case-insensitive, a space in word matching any run of
 * white space); returns the end of the match in text, or NULL. */
static const char *match_at(const char *p, const char *word)
{
    while (*word != '\0') {
        if (*word == ' ') {
            if (!isspace((unsigned char)*p))
                return NULL;
            while (isspace((unsigned char)*p))
                p++;
            while (*word == ' ')
                word++;
            continue;
        }
        if (tolower((unsigned char)*p) != tolower((unsigned char)*word))
            return NULL;
        p++;
        word++;
    }
    return p;
}

int sleutelfactoren_match_word(const char *text, const char *word)
{
    if (text == NULL || word == NULL || word[strspn(word, " ")] == '\0')
        return 0;
    word += strspn(word, " ");
    for (const char *p = text; *p != '\0'; p++) {
        const char *end;
        if (p > text && word_char((unsigned char)p[-1]))
            continue;
        end = match_at(p, word);
        if (end != NULL && !word_char((unsigned char)*end))
            return 1;
    }
    return 0;
}

/* --- text output ------------------------------------------------------------------- */

void sleutelfactoren_print_wrapped(FILE *out, const char *text, int col, int indent, int width)
{
    int empty = 1;

    while (*text != '\0') {
        size_t len;
        int w;
        text += strspn(text, " \n");
        if (*text == '\0')
            break;
        len = strcspn(text, " \n");
        w = (int)text_utf8_len(text, len);
        if (!empty && col + 1 + w > width) {
            fprintf(out, "\n%*s", indent, "");
            col = indent;
            empty = 1;
        }
        if (!empty) {
            fputc(' ', out);
            col++;
        }
        fwrite(text, 1, len, out);
        col += w;
        empty = 0;
        text += len;
    }
    fputc('\n', out);
}

static void print_oordeel(FILE *out, json_t *f, const char *oordeel, const char *kop)
{
    json_t *b;
    size_t i;
    int first = 1;

    json_array_foreach(json_object_get(f, "bevindingen"), i, b) {
        if (strcmp(json_string_value(json_object_get(b, "oordeel")), oordeel) != 0)
            continue;
        if (first)
            fprintf(out, "  %s\n", kop);
        first = 0;
        fprintf(out, "  - ");
        sleutelfactoren_print_wrapped(out, json_string_value(json_object_get(b, "tekst")), 4, 4, 78);
    }
}

/* Omgevingen: the casus figures beside what residents said, per omgeving. */
static void print_omgevingen(FILE *out, json_t *f)
{
    json_t *o, *x;
    size_t i, j;

    json_array_foreach(json_object_get(f, "omgevingen"), i, o) {
        fprintf(out, "  Omgeving %s (%lld %s)\n", json_string_value(json_object_get(o, "omgeving")),
                (long long)json_integer_value(json_object_get(o, "bijdragen")),
                json_integer_value(json_object_get(o, "bijdragen")) == 1 ? "bijdrage" : "bijdragen");
        json_array_foreach(json_object_get(o, "indicatoren"), j, x) {
            fprintf(out, "    cijfer: ");
            sleutelfactoren_print_wrapped(out, json_string_value(json_object_get(x, "tekst")), 12, 12, 78);
        }
        json_array_foreach(json_object_get(o, "bewoners"), j, x) {
            fprintf(out, "    bewoner: ");
            sleutelfactoren_print_wrapped(out, json_string_value(x), 13, 13, 78);
        }
    }
}

void sleutelfactoren_print(json_t *model, FILE *out)
{
    json_t *f, *r;
    size_t i, j;

    fprintf(out, "Sleutelfactoren van het traject %s (%s), sprint 1 tot en met %lld, peildatum %s\n",
            json_string_value(json_object_get(model, "wijk")), json_string_value(json_object_get(model, "gemeente")),
            (long long)json_integer_value(json_object_get(model, "tot_en_met_sprint")),
            json_string_value(json_object_get(model, "vandaag")));
    fprintf(out, "%lld in orde, %lld %s aandacht.\n", (long long)json_integer_value(json_object_get(model, "in_orde")),
            (long long)json_integer_value(json_object_get(model, "aandacht")),
            json_integer_value(json_object_get(model, "aandacht")) == 1 ? "vraagt" : "vragen");
    json_array_foreach(json_object_get(model, "factoren"), i, f) {
        fprintf(out, "\n%zu. %s: %s\n", i + 1, json_string_value(json_object_get(f, "naam")),
                json_string_value(json_object_get(f, "status")));
        fprintf(out, "   ");
        sleutelfactoren_print_wrapped(out, json_string_value(json_object_get(f, "uitleg")), 3, 3, 78);
        print_oordeel(out, f, OORDEEL_AANDACHT, "Aandacht:");
        print_oordeel(out, f, OORDEEL_IN_ORDE, "In orde:");
        print_oordeel(out, f, OORDEEL_INFO, "Verder:");
        if (json_object_get(f, "omgevingen") != NULL)
            print_omgevingen(out, f);
        if (json_array_size(json_object_get(f, "reflecties")) > 0)
            fprintf(out, "  Reflecties:\n");
        json_array_foreach(json_object_get(f, "reflecties"), j, r) {
            int col = fprintf(out, "  - sprint %lld: ", (long long)json_integer_value(json_object_get(r, "sprint")));
            sleutelfactoren_print_wrapped(out, json_string_value(json_object_get(r, "tekst")), col, 4, 78);
        }
    }
}

void sleutelfactoren_print_kop(json_t *model, FILE *out)
{
    const char *names[2][16];
    size_t n[2] = { 0, 0 };
    char list[2][512];
    json_t *f;
    size_t i;

    json_array_foreach(json_object_get(model, "factoren"), i, f) {
        int which = strcmp(json_string_value(json_object_get(f, "status")), OORDEEL_AANDACHT) == 0;
        if (n[which] < 16)
            names[which][n[which]++] = json_string_value(json_object_get(f, "naam"));
    }
    register_join(list[0], sizeof list[0], names[0], n[0]);
    register_join(list[1], sizeof list[1], names[1], n[1]);
    if (n[1] == 0)
        fprintf(out, "Sleutelfactoren: alle %zu in orde.\n", n[0]);
    else if (n[0] == 0)
        fprintf(out, "Sleutelfactoren: alle %zu vragen aandacht: %s.\n", n[1], list[1]);
    else
        fprintf(out, "Sleutelfactoren: aandacht voor %s; in orde: %s.\n", list[1], list[0]);
    fprintf(out, "Waarom: werkplaats sleutelfactoren\n");
}
