/*
 * rapport_model.c: builds the one report model that every format renders.
 *
 * Everything comes from the database and the methode: sprints, werkvorm
 * sessions (their current state through the facts view, so edits and
 * removals count), participants, approvals; and from the other modules
 * through struct rapport_bronnen (cards, sleutelfactoren, agreements,
 * stances), each of which may be missing. The shape is documented in
 * docs/rapport-json.md.
 */
#include <stdlib.h>
#include <string.h>

#include "rapport_intern.h"
#include "werkplaats/clock.h"
#include "werkplaats/sessie.h"

struct build {
    struct traject *t;
    const struct rapport_opties *o;
    const struct rapport_bronnen *src;
    json_t *people;     /* deelnemer id -> {wie, groep, naam, pseudoniem} */
    json_t *names;      /* name -> replacement, for --pseudoniem */
    json_t *ids;        /* deelnemer id -> replacement, for ids that carry names */
    wp_error *err;
    int keys_only;      /* closed sprints' werkvorm results as their keys only (rapport_model_for_render) */
};

/* --- participants ------------------------------------------------------------ */

/* Under --pseudoniem a casus betrokkene that takes part for an organisation
 * keeps its role (a function is not private); everyone else becomes the
 * pseudonym of their group ("bewoners #3"). */
static int for_organisation(const struct casus_betrokkene *cb)
{
    return cb != NULL && cb->organisatie != NULL && cb->organisatie[0] != '\0';
}

static const char *display_name(struct build *b, const char *id, const char *naam, const char *betrokkene,
                                const char *pseudoniem)
{
    const struct casus_betrokkene *cb = casus_betrokkene(b->t->casus, betrokkene ? betrokkene : id);

    /* Without a name (registered by group only, or forgotten) the pseudonym,
     * never the id: a facilitator may have made the id from the name. */
    if (!b->o->pseudoniem)
        return naam ? naam : pseudoniem;
    if (for_organisation(cb))
        return cb->naam && strcmp(cb->naam, cb->organisatie) == 0 ? cb->naam : cb->rol;
    return pseudoniem;
}

/* Under --pseudoniem the role of a person who takes part for themselves
 * ("bewoner Wiekenflat, moeder van drie kinderen") would point to them as
 * surely as a name; it goes, and so does what was asked of them before. */
static int hides_role(struct build *b, const char *id)
{
    return b->o->pseudoniem && !for_organisation(casus_betrokkene(b->t->casus, id));
}

/* The first part of "Wim (bakkerij Sluisstraat)", which is how people write it. */
static void add_name_pair(struct build *b, const char *naam, const char *shown)
{
    char first[256];
    size_t n;

    if (naam == NULL || strcmp(naam, shown) == 0 || strlen(naam) < 3)
        return;
    json_object_set_new(b->names, naam, json_string(shown));
    n = strcspn(naam, "(");
    while (n > 0 && naam[n - 1] == ' ')
        n--;
    if (n >= 3 && n < strlen(naam) && n < sizeof first) {
        memcpy(first, naam, n);
        first[n] = '\0';
        json_object_set_new(b->names, first, json_string(shown));
    }
}

static int load_people(struct build *b)
{
    static const char *const sql =
        "SELECT id, naam, groep, betrokkene, pseudoniem FROM deelnemer ORDER BY groep, pseudoniem";
    sqlite3_stmt *st = store_stmt(b->t->store, sql, b->err);
    int rc;

    if (st == NULL)
        return -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *id = store_column_text(st, 0), *naam = store_column_text(st, 1);
        const char *shown = display_name(b, id, naam, store_column_text(st, 3), store_column_text(st, 4));
        json_t *p = json_pack("{s:s, s:s, s:s}", "wie", shown ? shown : id, "groep", store_column_text(st, 2),
                              "pseudoniem", store_column_text(st, 4));
        if (!b->o->pseudoniem) {
            json_object_set_new(p, "id", json_string(id));
            if (naam != NULL)
                json_object_set_new(p, "naam", json_string(naam));
        } else {
            add_name_pair(b, naam, json_string_value(json_object_get(p, "wie")));
            if (strcmp(id, json_string_value(json_object_get(p, "wie"))) != 0 &&
                casus_betrokkene(b->t->casus, id) == NULL)
                json_object_set(b->ids, id, json_object_get(p, "wie"));
        }
        json_object_set_new(b->people, id, p);
    }
    if (store_rows_done(b->t->store, st, rc, "deelnemers lezen", b->err) != 0)
        return -1;
    /* Casus betrokkenen' names, also those that never joined a session, and
     * the roles of people who take part for themselves (other modules' texts
     * name them as "naam (rol)"). */
    for (size_t i = 0; b->o->pseudoniem && i < b->t->casus->n_betrokkenen; i++) {
        const struct casus_betrokkene *cb = &b->t->casus->betrokkenen[i];
        json_t *p = json_object_get(b->people, cb->id);
        if (p != NULL)
            add_name_pair(b, cb->naam, rj_str(p, "wie"));
        if (!for_organisation(cb) && cb->rol != NULL && strlen(cb->rol) >= 3)
            json_object_set_new(b->names, cb->rol, json_string(cb->groep));
    }
    return 0;
}

/* Who: the shown name of a deelnemer id (the id itself when unknown). */
static const char *who(struct build *b, const char *id)
{
    json_t *p = id ? json_object_get(b->people, id) : NULL;

    return p ? rj_str(p, "wie") : id;
}

/* Replaces a "deelnemer" id field by "wie" (the shown name), everywhere in v. */
static void rename_people(struct build *b, json_t *v)
{
    const char *key;
    json_t *x;
    size_t i;

    if (json_is_array(v)) {
        json_array_foreach(v, i, x)
            rename_people(b, x);
        return;
    }
    if (!json_is_object(v))
        return;
    if (rj_str(v, "deelnemer") != NULL) {
        json_object_set_new(v, "wie", json_string(who(b, rj_str(v, "deelnemer"))));
        if (b->o->pseudoniem)
            json_object_del(v, "deelnemer");
    }
    json_object_foreach(v, key, x)
        if (json_is_array(x) || json_is_object(x))
            rename_people(b, x);
}

/* --- sessions ------------------------------------------------------------------ */

/* The facts view of a stored session without loading its werkvorm: the view
 * needs only the session's identity (sessie_view reads card->id alone), so a
 * report works even when a werkvorm file is gone. */
static json_t *stored_view(struct traject *t, long long id, int sprint, const char *label, const char *werkvorm,
                           wp_error *err)
{
    struct plugin_card card;
    struct sessie s;

    memset(&card, 0, sizeof card);
    memset(&s, 0, sizeof s);
    card.id = (char *)werkvorm;
    s.traject = t;
    s.card = &card;
    s.id = id;
    s.sprint = sprint;
    s.label = (char *)label;
    return sessie_view(&s, err);
}

static json_t *parse_or(const char *text, json_t *fallback)
{
    json_t *v = text ? json_loads(text, 0, NULL) : NULL;

    if (v == NULL)
        return fallback;
    json_decref(fallback);
    return v;
}

/* The participants of a session by group: {groep: [wie, ...]}. */
static json_t *by_group(struct build *b, json_t *deelnemers)
{
    json_t *out = json_object(), *p, *list;
    const char *groep_key;
    size_t i;

    json_array_foreach(deelnemers, i, p) {
        const char *groep = rj_str(p, "groep");
        if (groep == NULL)
            continue;
        if ((list = json_object_get(out, groep)) == NULL) {
            list = json_array();
            json_object_set_new(out, groep, list);
        }
        json_array_append_new(list, json_string(who(b, rj_str(p, "id"))));
    }
    json_object_foreach(out, groep_key, list)
        rapport_sort_names(list);
    return out;
}

/* A werkvorm's result. For the renderers for people, a closed sprint's
 * werkvorm results are only asked which keys they hold (who delivered
 * what): each key then holds null, as the full result of a werkvorm is as
 * large as what it collected. A running sprint's stay whole: they are
 * merged into its provisional result. */
static json_t *session_result(struct build *b, int sprint, const char *text)
{
    json_t *full = parse_or(text, json_null()), *keys, *v;
    wp_error ignore = WP_ERROR_INIT;
    const char *key;
    int status;

    if (!b->keys_only || !json_is_object(full))
        return full;
    status = traject_sprint_status(b->t, sprint, &ignore);
    wp_error_clear(&ignore);
    if (status != SPRINT_GESLOTEN)
        return full;
    keys = json_object();
    json_object_foreach(full, key, v)
        json_object_set_new(keys, key, json_null());
    json_decref(full);
    return keys;
}

/* One werkvorm session: its card, who took part, what was contributed, its result. */
static json_t *session_json(struct build *b, sqlite3_stmt *st)
{
    long long id = sqlite3_column_int64(st, 0);
    int sprint = sqlite3_column_int(st, 1);
    const char *label = store_column_text(st, 2), *werkvorm = store_column_text(st, 3);
    json_t *s = json_pack("{s:I, s:s, s:s, s:s, s:s}", "sessie", (json_int_t)id, "label", label, "werkvorm",
                          werkvorm, "versie", store_column_text(st, 4), "status", store_column_text(st, 7));
    json_t *kaart = b->src && b->src->kaart ? b->src->kaart(b->src->ctx, werkvorm) : NULL;
    json_t *view;

    json_object_set_new(s, "datum", store_column_text(st, 8) ? json_string(store_column_text(st, 8)) : json_null());
    json_object_set_new(s, "kaart", kaart ? kaart : json_null());
    json_object_set_new(s, "nodig", parse_or(store_column_text(st, 5), json_array()));
    json_object_set_new(s, "levert", parse_or(store_column_text(st, 6), json_array()));
    json_object_set_new(s, "resultaat", session_result(b, sprint, store_column_text(st, 10)));
    view = stored_view(b->t, id, sprint, label, werkvorm, b->err);
    if (view == NULL) {
        json_decref(s);
        return NULL;
    }
    json_object_set_new(s, "per_groep", by_group(b, rj_arr(view, "deelnemers")));
    json_object_set_new(s, "aantal_deelnemers", json_integer((json_int_t)json_array_size(rj_arr(view, "deelnemers"))));
    rename_people(b, view);
    json_object_set(s, "bijdragen", rj_arr(view, "bijdragen"));
    json_object_set(s, "stemmen", rj_arr(view, "stemmen"));
    json_object_set(s, "besluiten", rj_arr(view, "besluiten"));
    json_object_set_new(s, "aantal_plaatsingen", json_integer((json_int_t)json_array_size(rj_arr(view, "plaatsingen"))));
    json_object_set_new(s, "_gesloten", store_column_text(st, 9) ? json_string(store_column_text(st, 9)) : json_null());
    json_decref(view);
    return s;
}

/* Every session, grouped by sprint number: {"1": [...], ...}. The facts
 * view runs statements of its own while this one is stepped; SQLite allows
 * that, and the store caches them under other keys. */
static json_t *load_sessions(struct build *b)
{
    static const char *const sql =
        "SELECT id, sprint, label, werkvorm, versie, nodig, levert, status, datum, gesloten, resultaat "
        "FROM sessie ORDER BY sprint, geopend, id";
    sqlite3_stmt *st = store_stmt(b->t->store, sql, b->err);
    json_t *out = json_object();
    int rc;

    if (st == NULL) {
        json_decref(out);
        return NULL;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *s = session_json(b, st), *list;
        char key[16];
        if (s == NULL) {
            rc = SQLITE_DONE;       /* session_json said why */
            break;
        }
        snprintf(key, sizeof key, "%d", sqlite3_column_int(st, 1));
        if ((list = json_object_get(out, key)) == NULL) {
            list = json_array();
            json_object_set_new(out, key, list);
        }
        json_array_append_new(list, s);
    }
    if (store_rows_done(b->t->store, st, rc, "sessies lezen", b->err) != 0 || wp_error_failed(b->err)) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* --- sprints ------------------------------------------------------------------- */

/* A running sprint has no frozen result yet: merge what its closed sessions
 * delivered, in the order they closed, as closing will. */
static json_t *provisional_result(json_t *sessions)
{
    json_t *merged = json_object(), *s, *closed = json_array();
    size_t i, j;

    json_array_foreach(sessions, i, s)
        if (json_is_object(rj_obj(s, "resultaat")) && rj_str(s, "_gesloten") != NULL)
            json_array_append(closed, s);
    /* Insertion sort by closing time; a sprint has a handful of sessions. */
    for (i = 1; i < json_array_size(closed); i++)
        for (j = i; j > 0 && strcmp(rj_str(json_array_get(closed, j - 1), "_gesloten"),
                                    rj_str(json_array_get(closed, j), "_gesloten")) > 0; j--) {
            json_t *a = json_incref(json_array_get(closed, j - 1));
            json_array_set(closed, j - 1, json_array_get(closed, j));
            json_array_set_new(closed, j, a);
        }
    json_array_foreach(closed, i, s)
        json_object_update(merged, rj_obj(s, "resultaat"));
    json_decref(closed);
    return merged;
}

/* Which werkvorm delivered each key of the sprint result (the last to close wins). */
static json_t *delivered_by(json_t *sessions, json_t *result)
{
    json_t *out = json_object(), *s, *v;
    const char *key;
    size_t i;

    json_object_foreach(result, key, v) {
        const char *best = NULL, *when = NULL;
        json_array_foreach(sessions, i, s) {
            const char *closed = rj_str(s, "_gesloten");
            if (json_object_get(rj_obj(s, "resultaat"), key) == NULL || closed == NULL)
                continue;
            if (when == NULL || strcmp(closed, when) >= 0) {
                when = closed;
                best = rj_str(s, "werkvorm");
            }
        }
        if (best != NULL)
            json_object_set_new(out, key, json_string(best));
    }
    return out;
}

/* For each key of this sprint's result: the later sessions that read it. */
static json_t *taken_by_later(json_t *all_sessions, int nr, json_t *result)
{
    json_t *out = json_array(), *v;
    const char *key;

    json_object_foreach(result, key, v) {
        json_t *door = json_array();
        const char *skey;
        json_t *list;
        json_object_foreach(all_sessions, skey, list) {
            size_t i;
            json_t *s;
            if (atoi(skey) <= nr)
                continue;
            json_array_foreach(list, i, s)
                if (rj_array_has(rj_arr(s, "nodig"), key))
                    json_array_append_new(door, json_pack("{s:i, s:s, s:O}", "sprint", atoi(skey), "werkvorm",
                                                          rj_str(s, "werkvorm"), "naam",
                                                          rj_str(rj_obj(s, "kaart"), "naam")
                                                              ? json_object_get(rj_obj(s, "kaart"), "naam")
                                                              : json_object_get(s, "werkvorm")));
        }
        json_array_append_new(out, json_pack("{s:s, s:o}", "sleutel", key, "door", door));
    }
    return out;
}

/* Participants of the whole sprint by group: [{groep, aantal, wie: [...]}],
 * in the methode's order of groups. */
static json_t *sprint_people(struct build *b, json_t *sessions)
{
    json_t *seen = json_object(), *out = json_array(), *s;
    size_t i;

    json_array_foreach(sessions, i, s) {
        const char *groep;
        json_t *names;
        json_object_foreach(rj_obj(s, "per_groep"), groep, names) {
            json_t *set = json_object_get(seen, groep), *n;
            size_t j;
            if (set == NULL) {
                set = json_object();
                json_object_set_new(seen, groep, set);
            }
            json_array_foreach(names, j, n)
                json_object_set_new(set, json_string_value(n), json_true());
        }
    }
    for (char **g = b->t->methode->groepen; g && *g; g++) {
        json_t *set = json_object_get(seen, *g), *names, *v;
        const char *name;
        if (set == NULL)
            continue;
        names = json_array();
        json_object_foreach(set, name, v)
            json_array_append_new(names, json_string(name));
        rapport_sort_names(names);
        json_array_append_new(out, json_pack("{s:s, s:I, s:o}", "groep", *g, "aantal",
                                             (json_int_t)json_array_size(names), "wie", names));
    }
    json_decref(seen);
    return out;
}

static json_t *strings_json(char **list)
{
    json_t *a = json_array();

    for (; list && *list; list++)
        json_array_append_new(a, json_string(*list));
    return a;
}

/* Agreements of sprint nr: from the register when there is one, otherwise
 * what the sprint's werkvormen returned under `afspraken`. */
static json_t *sprint_agreements(struct build *b, json_t *register_list, int nr, json_t *result)
{
    json_t *out = json_array(), *a;
    size_t i;

    if (register_list != NULL) {
        json_array_foreach(register_list, i, a)
            if ((int)rj_num(a, "sprint", 0) == nr)
                json_array_append_new(out, json_deep_copy(a));
    } else {
        json_array_foreach(rj_arr(result, "afspraken"), i, a)
            if (json_is_object(a))
                json_array_append_new(out, json_deep_copy(a));
    }
    json_array_foreach(out, i, a) {
        const char *wie = rj_str(a, "wie");
        const struct casus_gremium *g = rj_str(a, "gremium") ? casus_gremium(b->t->casus, rj_str(a, "gremium")) : NULL;
        if (wie != NULL)
            json_object_set_new(a, "wie_naam", json_string(who(b, wie)));
        if (g != NULL && rj_str(a, "gremium_naam") == NULL)
            json_object_set_new(a, "gremium_naam", json_string(g->naam));
    }
    return out;
}

/* The dates the sprint's werkvormen were held, sorted and each once. */
static json_t *session_dates(json_t *sessions)
{
    json_t *out = json_array(), *s;
    size_t i, j;

    json_array_foreach(sessions, i, s) {
        const char *d = rj_str(s, "datum");
        if (d == NULL || rj_array_has(out, d))
            continue;
        for (j = 0; j < json_array_size(out) && strcmp(json_string_value(json_array_get(out, j)), d) < 0; j++)
            ;
        json_array_insert_new(out, j, json_string(d));
    }
    return out;
}

static json_t *sprint_json(struct build *b, sqlite3_stmt *st, json_t *all_sessions, json_t *register_list)
{
    int nr = sqlite3_column_int(st, 0);
    const struct methode_sprint *ms = methode_sprint(b->t->methode, nr);
    const char *status = store_column_text(st, 2);
    char key[16];
    json_t *sessions, *result, *s;

    snprintf(key, sizeof key, "%d", nr);
    sessions = json_object_get(all_sessions, key);
    sessions = sessions ? json_incref(sessions) : json_array();
    if (strcmp(status, "gesloten") == 0)
        result = parse_or(store_column_text(st, 5), json_object());
    else
        result = provisional_result(sessions);
    s = json_pack("{s:i, s:s, s:s, s:s}", "nr", nr, "naam", store_column_text(st, 1), "doel",
                  ms && ms->doel ? ms->doel : "", "status", status);
    json_object_set_new(s, "gestart", store_column_text(st, 3) ? json_string(store_column_text(st, 3)) : json_null());
    json_object_set_new(s, "gesloten", store_column_text(st, 4) ? json_string(store_column_text(st, 4)) : json_null());
    json_object_set_new(s, "datums", session_dates(sessions));
    json_object_set_new(s, "levert", strings_json(ms ? ms->levert : NULL));
    json_object_set_new(s, "voorlopig", json_boolean(strcmp(status, "gesloten") != 0));
    json_object_set_new(s, "deelnemers", sprint_people(b, sessions));
    json_object_set_new(s, "geleverd_door", delivered_by(sessions, result));
    json_object_set_new(s, "doorgegeven", taken_by_later(all_sessions, nr, result));
    json_object_set_new(s, "afspraken", sprint_agreements(b, register_list, nr, result));
    json_object_set_new(s, "resultaat", result);
    json_object_set_new(s, "werkvormen", sessions);
    return s;
}

static json_t *load_sprints(struct build *b, json_t *all_sessions, json_t *register_list)
{
    static const char *const sql = "SELECT nr, naam, status, gestart, gesloten, resultaat FROM sprint ORDER BY nr";
    sqlite3_stmt *st = store_stmt(b->t->store, sql, b->err);
    json_t *out = json_array();
    int rc;

    if (st == NULL) {
        json_decref(out);
        return NULL;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        json_array_append_new(out, sprint_json(b, st, all_sessions, register_list));
    if (store_rows_done(b->t->store, st, rc, "sprints lezen", b->err) != 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* The sleutelfactoren check as it stood at the end of each started sprint. */
static void add_factors(struct build *b, json_t *sprints)
{
    json_t *s;
    size_t i;

    json_array_foreach(sprints, i, s) {
        json_t *check = NULL;
        if (b->src && b->src->sleutelfactoren && strcmp(rj_str(s, "status"), "gepland") != 0 &&
            (b->o->sprint == 0 || b->o->sprint == (int)rj_num(s, "nr", 0))) {
            wp_error ignore = WP_ERROR_INIT;
            /* A failing check must not cost the whole report: say it is missing. */
            check = b->src->sleutelfactoren(b->src->ctx, b->t, (int)rj_num(s, "nr", 0), &ignore);
            wp_error_clear(&ignore);
        }
        json_object_set_new(s, "sleutelfactoren", check ? check : json_null());
    }
}

/* --- approvals ------------------------------------------------------------------ */

/* Per document: every key stakeholder with the date of approval or null, and
 * anyone else who approved. */
static json_t *load_approvals(struct build *b)
{
    static const char *const sql = "SELECT document, betrokkene, datum FROM goedkeuring ORDER BY document, datum";
    sqlite3_stmt *st = store_stmt(b->t->store, sql, b->err);
    json_t *dates = json_object(), *out = json_object();
    const char *doc;
    json_t *per;
    int rc;

    if (st == NULL) {
        json_decref(dates);
        json_decref(out);
        return NULL;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *d = store_column_text(st, 0);
        if ((per = json_object_get(dates, d)) == NULL) {
            per = json_object();
            json_object_set_new(dates, d, per);
        }
        json_object_set_new(per, store_column_text(st, 1), json_string(store_column_text(st, 2)));
    }
    if (store_rows_done(b->t->store, st, rc, "goedkeuringen lezen", b->err) != 0) {
        json_decref(dates);
        json_decref(out);
        return NULL;
    }
    /* The ontwerpbrief is always listed, so a report shows who still has to approve. */
    if (json_object_get(dates, "ontwerpbrief") == NULL)
        json_object_set_new(dates, "ontwerpbrief", json_object());
    json_object_foreach(dates, doc, per) {
        json_t *list = json_array();
        for (size_t i = 0; i < b->t->casus->n_betrokkenen; i++) {
            const struct casus_betrokkene *cb = &b->t->casus->betrokkenen[i];
            json_t *datum = json_object_get(per, cb->id);
            if (!cb->sleutel && datum == NULL)
                continue;
            json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:b, s:O}", "betrokkene", cb->id, "wie",
                                                  who(b, cb->id), "rol", hides_role(b, cb->id) ? cb->groep : cb->rol ? cb->rol : "", "sleutel",
                                                  cb->sleutel, "datum", datum ? datum : json_null()));
        }
        json_object_set_new(out, doc, list);
    }
    json_decref(dates);
    return out;
}

/* --- the whole ------------------------------------------------------------------ */

static json_t *casus_part(struct build *b)
{
    json_t *c = json_deep_copy(b->t->casus_json), *x;
    size_t i;

    json_array_foreach(rj_arr(c, "betrokkenen"), i, x) {
        json_object_set_new(x, "wie", json_string(who(b, rj_str(x, "id"))));
        if (b->o->pseudoniem)
            json_object_del(x, "naam");
        if (hides_role(b, rj_str(x, "id"))) {
            json_object_del(x, "rol");
            json_object_del(x, "eerder_gevraagd");
        }
    }
    return c;
}

static json_t *methode_part(const struct methode *m)
{
    json_t *o = json_object(), *f = json_array();

    json_object_set_new(o, "omgevingen", strings_json(m->omgevingen));
    json_object_set_new(o, "groepen", strings_json(m->groepen));
    json_object_set_new(o, "houdingen", strings_json(m->houdingen));
    json_object_set_new(o, "glijbaan", strings_json(m->glijbaan));
    for (size_t i = 0; i < m->n_sleutelfactoren; i++)
        json_array_append_new(f, json_pack("{s:s, s:s, s:s}", "id", m->sleutelfactoren[i].id, "naam",
                                           m->sleutelfactoren[i].naam, "uitleg",
                                           m->sleutelfactoren[i].uitleg ? m->sleutelfactoren[i].uitleg : ""));
    json_object_set_new(o, "sleutelfactoren", f);
    return o;
}

/* All results merged in sprint order, and which sprint delivered each key. */
static void merge_results(json_t *sprints, json_t *results, json_t *sprint_of)
{
    json_t *s, *v;
    const char *key;
    size_t i;

    json_array_foreach(sprints, i, s)
        json_object_foreach(rj_obj(s, "resultaat"), key, v) {
            json_object_set(results, key, v);
            json_object_set(sprint_of, key, json_object_get(s, "nr"));
        }
}

/* Traject-wide numbers and the overall status. */
static json_t *summary(json_t *sprints, json_t *people)
{
    json_t *s, *w;
    size_t i, j, closed = 0, bijdragen = 0, stemmen = 0, werkvormen = 0;
    const char *status = "gepland";

    json_array_foreach(sprints, i, s) {
        if (strcmp(rj_str(s, "status"), "gesloten") == 0)
            closed++;
        else if (strcmp(rj_str(s, "status"), "lopend") == 0)
            status = "lopend";
        json_array_foreach(rj_arr(s, "werkvormen"), j, w) {
            werkvormen++;
            bijdragen += json_array_size(rj_arr(w, "bijdragen"));
            stemmen += json_array_size(rj_arr(w, "stemmen"));
        }
    }
    if (closed == json_array_size(sprints) && closed > 0)
        status = "af";
    else if (closed > 0 && strcmp(status, "gepland") == 0)
        status = "lopend";
    return json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "status", status, "sprints",
                     (json_int_t)json_array_size(sprints), "gesloten", (json_int_t)closed, "werkvormen",
                     (json_int_t)werkvormen, "deelnemers", (json_int_t)json_object_size(people), "bijdragen",
                     (json_int_t)bijdragen, "stemmen", (json_int_t)stemmen);
}

/* Internal fields (prefixed "_") are for building only. */
static void drop_internal(json_t *sprints)
{
    json_t *s, *w;
    size_t i, j;

    json_array_foreach(sprints, i, s)
        json_array_foreach(rj_arr(s, "werkvormen"), j, w)
            json_object_del(w, "_gesloten");
}

static json_t *people_list(struct build *b)
{
    json_t *out = json_array(), *p;
    const char *id;

    json_object_foreach(b->people, id, p)
        json_array_append(out, p);
    return out;
}

static json_t *assemble(struct build *b, json_t *sprints, json_t *houdingen)
{
    json_t *m = json_object(), *results = json_object(), *sprint_of = json_object(), *approvals;
    char now[CLOCK_DATE_SIZE];

    json_object_set_new(m, "formaat", json_string("werkplaats-rapport"));
    json_object_set_new(m, "versie", json_integer(RAPPORT_MODEL_VERSIE));
    json_object_set_new(m, "gemaakt", json_string(clock_today(now)));
    json_object_set_new(m, "pseudoniem", json_boolean(b->o->pseudoniem));
    json_object_set_new(m, "sprint", b->o->sprint ? json_integer(b->o->sprint) : json_null());
    json_object_set_new(m, "methode", methode_part(b->t->methode));
    json_object_set_new(m, "casus", casus_part(b));
    json_object_set_new(m, "traject", summary(sprints, b->people));
    json_object_set_new(json_object_get(m, "traject"), "aangemaakt", json_string(b->t->aangemaakt));
    json_object_set_new(m, "deelnemers", people_list(b));
    json_object_set_new(m, "houdingen", houdingen ? houdingen : json_null());
    merge_results(sprints, results, sprint_of);
    json_object_set_new(m, "beslisspoor", rapport_beslisspoor(results, sprint_of, sprints, rj_obj(m, "casus")));
    approvals = load_approvals(b);
    json_object_set_new(m, "goedkeuringen", approvals ? approvals : json_object());
    json_object_set(m, "sprints", sprints);
    json_object_set_new(m, "ontwerpbrief", rapport_ontwerpbrief(m, results));
    json_decref(results);
    json_decref(sprint_of);
    return m;
}

static json_t *build_model(struct traject *t, const struct rapport_opties *o, int keys_only, wp_error *err)
{
    struct build b = { t, o, o->bronnen, json_object(), json_object(), json_object(), err, keys_only };
    json_t *sessions = NULL, *sprints = NULL, *register_list = NULL, *houdingen = NULL, *m = NULL;

    if (load_people(&b) != 0 || (sessions = load_sessions(&b)) == NULL)
        goto out;
    if (b.src && b.src->afspraken) {
        wp_error ignore = WP_ERROR_INIT;
        register_list = b.src->afspraken(b.src->ctx, t, &ignore);
        wp_error_clear(&ignore);
    }
    if (b.src && b.src->houdingen) {
        wp_error ignore = WP_ERROR_INIT;
        json_t *h;
        size_t i;
        houdingen = b.src->houdingen(b.src->ctx, t, &ignore);
        wp_error_clear(&ignore);
        json_array_foreach(houdingen, i, h)
            if (hides_role(&b, rj_str(h, "id")))
                json_object_del(h, "rol");
    }
    if ((sprints = load_sprints(&b, sessions, register_list)) == NULL)
        goto out;
    add_factors(&b, sprints);
    m = assemble(&b, sprints, houdingen);
    houdingen = NULL;
    if (wp_error_failed(err)) {     /* the approvals could not be read */
        json_decref(m);
        m = NULL;
        goto out;
    }
    drop_internal(rj_arr(m, "sprints"));
    if (o->pseudoniem)
        rapport_replace_names(m, b.names, b.ids);
out:
    json_decref(houdingen);
    json_decref(register_list);
    json_decref(sprints);
    json_decref(sessions);
    json_decref(b.people);
    json_decref(b.names);
    json_decref(b.ids);
    return m;
}

json_t *rapport_model(struct traject *t, const struct rapport_opties *o, wp_error *err)
{
    return build_model(t, o, 0, err);
}

json_t *rapport_model_for_render(struct traject *t, const struct rapport_opties *o, wp_error *err)
{
    return build_model(t, o, 1, err);
}
