/*
 * rapport_spoor.c: the decision trail and the ontwerpbrief of the model.
 *
 * The trail follows references backwards through the sprint results: a
 * final intervention names its interventie, that its prototype, the
 * prototype its idea, the idea (`bij`) the wijkwens it serves, the wijkwens
 * the moment of the klantreis or the pain it answers, and so on down to the
 * contributions people made. Which field points where is the table below;
 * it follows the result shapes of the werkvormen (werkvormen/README.md).
 * Where a reference is missing or points nowhere, the trail says so rather
 * than guess.
 */
#include <stdio.h>
#include <string.h>

#include "rapport_intern.h"

#define MAX_PARENTS 7
#define MAX_DEPTH 12

/* One kind of item in the results. */
struct soort {
    const char *id;
    const char *naam;                  /* how people call it */
    const char *paden[3];              /* where its items are (dotted paths), in order of preference */
    const char *veld;                  /* the field naming what it builds on */
    const char *ouders[MAX_PARENTS];   /* the kinds that field may point to, most likely first */
    const char *veld2;                 /* a second reference, used when the first is absent */
    const char *ouders2[2];
    int wortel;                        /* a starting point: needs nothing before it */
};

static const struct soort soorten[] = {
    { "definitief", "definitieve interventie", { "definitieve_interventies" }, "interventie", { "interventie" },
      NULL, { NULL }, 0 },
    { "interventie", "interventie", { "interventies" }, "prototype", { "prototype" }, "idee", { "idee" }, 0 },
    { "prototype", "prototype", { "prototypes" }, "idee", { "idee" }, NULL, { NULL }, 0 },
    { "idee", "idee", { "ideeen", "gekozen_ideeen" }, "bij", { "wijkwens", "moment", "pijn", "winst", "knelpunt" },
      NULL, { NULL }, 0 },
    { "wijkwens", "wijkwens", { "wijkwensen", "ontwerpbrief.wijkwensen" }, "bij",
      { "moment", "pijn", "winst", "knelpunt", "punt", "observatie" }, NULL, { NULL }, 0 },
    { "moment", "moment in de klantreis", { "klantreis.momenten" }, "bij",
      { "pijn", "winst", "knelpunt", "punt", "observatie" }, NULL, { NULL }, 0 },
    { "pijn", "pijn", { "pijnen" }, "bij", { "punt", "observatie", "knelpunt" }, NULL, { NULL }, 1 },
    { "winst", "winst", { "winsten" }, "bij", { "punt", "observatie", "knelpunt" }, NULL, { NULL }, 1 },
    { "knelpunt", "knelpunt uit de diagnose", { "diagnose.knelpunten" }, "bij", { "punt", "observatie" }, NULL,
      { NULL }, 1 },
    { "punt", "punt uit de situatie", { "situatie.punten" }, "bij", { "observatie" }, NULL, { NULL }, 1 },
    { "observatie", "observatie", { "observaties" }, "bij", { "punt" }, NULL, { NULL }, 1 },
};
#define N_SOORTEN (sizeof soorten / sizeof soorten[0])

static const struct soort *soort(const char *id)
{
    for (size_t i = 0; i < N_SOORTEN; i++)
        if (strcmp(soorten[i].id, id) == 0)
            return &soorten[i];
    return NULL;
}

struct spoor {
    json_t *results, *sprint_of, *sprints, *casus;
};

/* The item with this id among the items of kind k, and the path it was found under. */
static json_t *find_item(struct spoor *sp, const struct soort *k, const char *id, const char **path)
{
    char buf[32];

    for (int p = 0; p < 3 && k->paden[p] != NULL; p++) {
        json_t *list = rj_path(sp->results, k->paden[p]), *item;
        size_t i;
        json_array_foreach(list, i, item) {
            const char *iid = rj_id(item, buf, sizeof buf);
            if (iid != NULL && strcmp(iid, id) == 0) {
                *path = k->paden[p];
                return item;
            }
        }
    }
    return NULL;
}

/* The sprint that delivered the result key at the start of path. */
static int sprint_of(struct spoor *sp, const char *path)
{
    char key[128];
    size_t n = strcspn(path, ".");

    snprintf(key, sizeof key, "%.*s", (int)(n < sizeof key ? n : sizeof key - 1), path);
    return (int)json_integer_value(json_object_get(sp->sprint_of, key));
}

/* The contribution (bijdrage) with this id in the sessions of sprint nr,
 * preferring a session that delivered key: who said it, in which werkvorm. */
static json_t *find_contribution(struct spoor *sp, int nr, const char *key, const char *id)
{
    json_t *s, *w, *b, *fallback = NULL;
    size_t i, j, k;

    json_array_foreach(sp->sprints, i, s) {
        if ((int)rj_num(s, "nr", 0) != nr)
            continue;
        json_array_foreach(rj_arr(s, "werkvormen"), j, w)
            json_array_foreach(rj_arr(w, "bijdragen"), k, b) {
                json_t *hit;
                if (rj_str(b, "id") == NULL || strcmp(rj_str(b, "id"), id) != 0)
                    continue;
                hit = json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?}", "tekst", rj_str(b, "tekst"), "wie",
                                rj_str(b, "wie"), "groep", rj_str(b, "groep"), "werkvorm", rj_str(w, "werkvorm"),
                                "stap", rj_str(b, "stap"));
                if (rj_array_has(rj_arr(w, "levert"), key)) {
                    json_decref(fallback);
                    return hit;
                }
                if (fallback == NULL)
                    fallback = hit;
                else
                    json_decref(hit);
            }
    }
    return fallback;
}

/* One link of a chain: the item in words, with what the reader needs. */
static json_t *link_json(struct spoor *sp, const struct soort *k, json_t *item, const char *path, const char *id)
{
    static const char *const extra[] = { "stemmen", "gekozen", "reden", "emotie", "eigenaar", "gremium",
                                         "wanneer", "variant", "oordeel", "status", "waarschuwing", NULL };
    int nr = sprint_of(sp, path);
    json_t *l = json_pack("{s:s, s:s, s:s, s:i}", "soort", k->id, "naam", k->naam, "id", id, "sprint", nr);
    json_t *bijdrage;
    char key[128];

    json_object_set_new(l, "tekst", rj_tekst(item) ? json_string(rj_tekst(item)) : json_null());
    for (int i = 0; extra[i] != NULL; i++)
        if (json_object_get(item, extra[i]) != NULL && !json_is_null(json_object_get(item, extra[i])))
            json_object_set(l, extra[i], json_object_get(item, extra[i]));
    if (json_object_get(item, "omgevingen") != NULL)
        json_object_set(l, "omgevingen", json_object_get(item, "omgevingen"));
    snprintf(key, sizeof key, "%.*s", (int)strcspn(path, "."), path);
    bijdrage = find_contribution(sp, nr, key, id);
    json_object_set_new(l, "bijdrage", bijdrage ? bijdrage : json_null());
    return l;
}

/* The reference an item makes (its kind's field, or the second field). */
static const char *reference(const struct soort *k, json_t *item, const char *const **parents, char *buf,
                             size_t size)
{
    json_t *v = json_object_get(item, k->veld);

    *parents = k->ouders;
    if ((v == NULL || json_is_null(v)) && k->veld2 != NULL) {
        v = json_object_get(item, k->veld2);
        *parents = k->ouders2;
    }
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(buf, size, "%lld", (long long)json_integer_value(v));
        return buf;
    }
    return NULL;
}

/* Follows one item back to where it started. */
static json_t *chain(struct spoor *sp, const struct soort *k, json_t *item, const char *path, const char *id)
{
    json_t *links = json_array(), *out = json_pack("{s:o}", "keten", links);
    char buf[64], idbuf[64];

    for (int depth = 0; depth < MAX_DEPTH; depth++) {
        const char *const *parents;
        const char *ref = reference(k, item, &parents, buf, sizeof buf), *ppath = NULL;
        json_t *parent = NULL;
        const struct soort *pk = NULL;

        json_array_append_new(links, link_json(sp, k, item, path, id));
        if (ref == NULL) {
            if (!k->wortel)
                json_object_set_new(out, "ontbreekt",
                                    json_sprintf("Bij de %s '%s' is niet vastgelegd waar die op voortbouwt.", k->naam,
                                                 rj_tekst(item) ? rj_tekst(item) : id));
            return out;
        }
        for (int p = 0; p < MAX_PARENTS && parents[p] != NULL && parent == NULL; p++) {
            pk = soort(parents[p]);
            parent = find_item(sp, pk, ref, &ppath);
        }
        if (parent == NULL) {
            json_object_set_new(out, "ontbreekt",
                                json_sprintf("De %s '%s' verwijst naar '%s', maar dat staat in geen resultaat van een "
                                             "eerdere sprint.", k->naam, rj_tekst(item) ? rj_tekst(item) : id, ref));
            return out;
        }
        snprintf(idbuf, sizeof idbuf, "%s", ref);
        k = pk, item = parent, path = ppath, id = idbuf;
    }
    json_object_set_new(out, "ontbreekt", json_string("Het spoor is te lang of loopt in een kring; hier gestopt."));
    return out;
}

/* The final interventions (or, before sprint 7, the latest stage reached). */
static json_t *trails(struct spoor *sp)
{
    static const char *const stages[] = { "definitief", "interventie", "prototype", NULL };
    json_t *out = json_array();

    for (int s = 0; stages[s] != NULL; s++) {
        const struct soort *k = soort(stages[s]);
        json_t *list = rj_path(sp->results, k->paden[0]), *item;
        size_t i;
        char buf[32];
        if (json_array_size(list) == 0)
            continue;
        json_array_foreach(list, i, item) {
            const char *id = rj_id(item, buf, sizeof buf);
            json_t *c;
            if (!json_is_object(item))
                continue;
            c = chain(sp, k, item, k->paden[0], id ? id : "?");
            json_object_set_new(c, "soort", json_string(k->id));
            json_object_set_new(c, "naam", rj_tekst(item) ? json_string(rj_tekst(item)) : json_string(id ? id : "?"));
            json_array_append_new(out, c);
        }
        break;
    }
    return out;
}

/* --- what fell along the way ---------------------------------------------- */

static void add_dropped(json_t *out, const char *soort_id, int nr, const char *id, const char *tekst,
                        const char *reden, json_t *extra)
{
    json_t *d = json_pack("{s:s, s:i, s:s?, s:s?, s:s}", "soort", soort_id, "sprint", nr, "id", id, "tekst", tekst,
                          "reden", reden ? reden : "geen reden vastgelegd");

    if (extra != NULL)
        json_object_update(d, extra);
    json_array_append_new(out, d);
}

/* Wijkwensen that did not make it into the ontwerpbrief, with the decision. */
static void dropped_wishes(struct spoor *sp, json_t *out)
{
    json_t *adopted = rj_path(sp->results, "ontwerpbrief.wijkwensen"), *w, *b;
    size_t i, j;
    char buf[32];

    if (adopted == NULL)
        return;
    json_array_foreach(rj_arr(sp->results, "wijkwensen"), i, w) {
        const char *id = rj_id(w, buf, sizeof buf), *reden = "niet in de ontwerpbrief opgenomen";
        int in = 0;
        json_t *a;
        char why[1024];
        if (id == NULL)
            continue;
        json_array_foreach(adopted, j, a)
            in = in || (rj_str(a, "id") && strcmp(rj_str(a, "id"), id) == 0) ||
                 (rj_str(a, "wijkwens") && rj_tekst(w) && strcmp(rj_str(a, "wijkwens"), rj_tekst(w)) == 0);
        if (in)
            continue;
        json_array_foreach(rj_arr(sp->results, "besluiten"), j, b)
            if (rj_str(b, "wijkwens") && strcmp(rj_str(b, "wijkwens"), id) == 0) {
                snprintf(why, sizeof why, "besluit: %s (%s)", rj_str(b, "uitkomst") ? rj_str(b, "uitkomst") : "?",
                         rj_tekst(b) ? rj_tekst(b) : "");
                reden = why;
            }
        add_dropped(out, "wijkwens", sprint_of(sp, "wijkwensen"), id, rj_tekst(w), reden, NULL);
    }
}

static void dropped_ideas(struct spoor *sp, json_t *out)
{
    json_t *i_, *extra;
    size_t i;
    char buf[32];

    json_array_foreach(rj_arr(sp->results, "ideeen"), i, i_) {
        json_t *g = json_object_get(i_, "gekozen");
        if (!json_is_false(g))
            continue;
        extra = json_pack("{s:O?, s:O?}", "stemmen", json_object_get(i_, "stemmen"), "waarschuwing",
                          json_object_get(i_, "waarschuwing"));
        add_dropped(out, "idee", sprint_of(sp, "ideeen"), rj_id(i_, buf, sizeof buf), rj_tekst(i_),
                    rj_str(i_, "reden"), extra);
        json_decref(extra);
    }
}

static void dropped_prototypes(struct spoor *sp, json_t *out)
{
    json_t *a;
    size_t i;

    json_array_foreach(rj_arr(rj_obj(sp->results, "testuitkomsten"), "afgevallen"), i, a) {
        json_t *extra = json_pack("{s:O?}", "werkvorm", json_object_get(a, "werkvorm"));
        add_dropped(out, "prototype", sprint_of(sp, "testuitkomsten"),
                    rj_str(a, "prototype") ? rj_str(a, "prototype") : rj_str(a, "id"), rj_tekst(a), rj_str(a, "reden"),
                    extra);
        json_decref(extra);
    }
}

/* Interventions that no final intervention took up, with the lesson that says why. */
static void dropped_interventions(struct spoor *sp, json_t *out)
{
    json_t *final = rj_arr(sp->results, "definitieve_interventies"), *iv, *d, *l;
    size_t i, j;
    char buf[32];

    if (final == NULL)
        return;
    json_array_foreach(rj_arr(sp->results, "interventies"), i, iv) {
        const char *id = rj_id(iv, buf, sizeof buf), *reden = "niet definitief gemaakt in sprint 7";
        int taken = 0;
        if (id == NULL)
            continue;
        json_array_foreach(final, j, d)
            taken = taken || (rj_str(d, "interventie") && strcmp(rj_str(d, "interventie"), id) == 0);
        if (taken)
            continue;
        json_array_foreach(rj_arr(sp->results, "lessen"), j, l)
            if (rj_str(l, "interventie") && strcmp(rj_str(l, "interventie"), id) == 0 && rj_tekst(l) &&
                strcmp(reden, "niet definitief gemaakt in sprint 7") == 0)
                reden = rj_tekst(l);
        add_dropped(out, "interventie", sprint_of(sp, "interventies"), id, rj_tekst(iv), reden, NULL);
    }
}

json_t *rapport_beslisspoor(json_t *results, json_t *sprint_of_key, json_t *sprints, json_t *casus)
{
    struct spoor sp = { results, sprint_of_key, sprints, casus };
    json_t *afgevallen = json_array();

    dropped_wishes(&sp, afgevallen);
    dropped_ideas(&sp, afgevallen);
    dropped_prototypes(&sp, afgevallen);
    dropped_interventions(&sp, afgevallen);
    return json_pack("{s:o, s:o}", "interventies", trails(&sp), "afgevallen", afgevallen);
}

/* --- the ontwerpbrief ---------------------------------------------------------- */

/* A part's value as a list of texts: a string, a list of strings or items. */
static json_t *texts(json_t *v)
{
    json_t *out = json_array(), *x;
    size_t i;

    if (json_is_string(v) && json_string_length(v) > 0)
        json_array_append(out, v);
    json_array_foreach(v, i, x)
        if (rj_tekst(x) != NULL && rj_tekst(x)[0] != '\0')
            json_array_append_new(out, json_string(rj_tekst(x)));
    return out;
}

static json_t *sprint_by_nr(json_t *model, int nr)
{
    json_t *s;
    size_t i;

    json_array_foreach(rj_arr(model, "sprints"), i, s)
        if ((int)rj_num(s, "nr", 0) == nr)
            return s;
    return NULL;
}

/* What the brief says when the werkvorm left a part out: taken from sprints 1 to 3. */
static json_t *fallback_feiten(json_t *model, json_t *results)
{
    json_t *out = json_array(), *x;
    size_t i;

    json_array_foreach(rj_arr(results, "pijnen"), i, x)
        if (i < 3 && rj_tekst(x))
            json_array_append_new(out, json_sprintf("beleving: %s (%lld stemmen)", rj_tekst(x),
                                                    (long long)rj_num(x, "stemmen", 0)));
    json_array_foreach(rj_path(results, "diagnose.knelpunten"), i, x)
        if (i < 3 && rj_tekst(x))
            json_array_append_new(out, json_sprintf("knelpunt: %s", rj_tekst(x)));
    json_array_foreach(rj_arr(rj_obj(model, "casus"), "indicatoren"), i, x) {
        json_t *eerder = rj_obj(x, "eerder");
        if (eerder == NULL || !rj_str(x, "naam"))
            continue;
        json_array_append_new(out, json_sprintf("%s: %s %g%s%s (%s; was %g in %s)", rj_str(x, "omgeving") ?
                                                rj_str(x, "omgeving") : "cijfer", rj_str(x, "naam"),
                                                rj_num(x, "waarde", 0), rj_str(x, "eenheid") ? " " : "",
                                                rj_str(x, "eenheid") ? rj_str(x, "eenheid") : "",
                                                rj_str(x, "periode") ? rj_str(x, "periode") : "?",
                                                rj_num(eerder, "waarde", 0),
                                                rj_str(eerder, "periode") ? rj_str(eerder, "periode") : "?"));
    }
    return out;
}

static json_t *fallback_sprints(json_t *model)
{
    json_t *out = json_array();

    for (int nr = 1; nr <= 2; nr++) {
        json_t *s = sprint_by_nr(model, nr), *r = rj_obj(s, "resultaat");
        const char *line = rj_path(r, "situatie.samenvatting") ? json_string_value(rj_path(r, "situatie.samenvatting"))
                                                               : NULL;
        if (s == NULL || strcmp(rj_str(s, "status"), "gesloten") != 0)
            continue;
        if (line == NULL && json_array_size(rj_arr(r, "pijnen")) > 0)
            line = rj_tekst(json_array_get(rj_arr(r, "pijnen"), 0));
        json_array_append_new(out, json_sprintf("Sprint %d (%s)%s%s", nr, rj_str(s, "naam"), line ? ": " : "",
                                                line ? line : ""));
    }
    return out;
}

static json_t *fallback_tijdspad(json_t *model)
{
    json_t *out = json_array(), *s;
    size_t i;

    json_array_foreach(rj_arr(model, "sprints"), i, s)
        if (rj_num(s, "nr", 0) > 3)
            json_array_append_new(out, json_sprintf("Sprint %d: %s (%s)", (int)rj_num(s, "nr", 0), rj_str(s, "naam"),
                                                    rj_str(s, "status")));
    return out;
}

/* The betrokkenen as "wie (rol)", from the casus; under --pseudoniem this
 * is the only safe source, since a werkvorm's own lines carry names. */
static json_t *casus_betrokkenen(json_t *model)
{
    json_t *out = json_array(), *b;
    size_t i;

    json_array_foreach(rj_arr(rj_obj(model, "casus"), "betrokkenen"), i, b) {
        const char *wie = rj_str(b, "wie"), *rol = rj_str(b, "rol");
        int sleutel = json_is_true(json_object_get(b, "sleutel"));
        if (wie == NULL)
            continue;
        if (rol != NULL && strcmp(wie, rol) != 0)
            json_array_append_new(out, json_sprintf("%s (%s)%s", wie, rol, sleutel ? ", sleutelbetrokkene" : ""));
        else
            json_array_append_new(out, json_sprintf("%s%s", wie, sleutel ? ", sleutelbetrokkene" : ""));
    }
    return out;
}

static json_t *casus_begeleiders(json_t *model)
{
    json_t *out = json_array(), *b;
    size_t i;

    json_array_foreach(rj_arr(rj_obj(model, "casus"), "begeleiders"), i, b)
        json_array_append_new(out, json_sprintf("%s, %s%s%s%s", rj_str(b, "naam") ? rj_str(b, "naam") : "?",
                                                rj_str(b, "rol") ? rj_str(b, "rol") : "",
                                                rj_str(b, "organisatie") ? " (" : "",
                                                rj_str(b, "organisatie") ? rj_str(b, "organisatie") : "",
                                                rj_str(b, "organisatie") ? ")" : ""));
    return out;
}

static json_t *part(const char *id, const char *titel, json_t *brief, json_t *fallback)
{
    json_t *punten = texts(json_object_get(brief, id));
    const char *bron = "ontwerpbrief";

    if (json_array_size(punten) == 0) {
        json_decref(punten);
        punten = fallback ? json_incref(fallback) : json_array();
        bron = "afgeleid";
    }
    json_decref(fallback);
    return json_pack("{s:s, s:s, s:s, s:o}", "id", id, "titel", titel, "bron", bron, "punten", punten);
}

static json_t *wishes(json_t *brief, json_t *results)
{
    json_t *list = rj_arr(brief, "wijkwensen"), *out = json_array(), *w;
    size_t i;

    if (list == NULL)
        list = rj_arr(results, "wijkwensen");
    json_array_foreach(list, i, w)
        if (rj_tekst(w) != NULL)
            json_array_append_new(out, json_pack("{s:s, s:O?}", "tekst", rj_tekst(w), "stemmen",
                                                 json_object_get(w, "stemmen")));
    return out;
}

json_t *rapport_ontwerpbrief(json_t *model, json_t *results)
{
    json_t *brief = rj_obj(results, "ontwerpbrief"), *delen = json_array(), *o, *approvals, *a;
    json_t *hoofdvraag = rj_obj(results, "hoofdvraag"), *impact;
    int pseudo = json_is_true(json_object_get(model, "pseudoniem")), missing = 0;
    const char *status;
    size_t i;

    impact = texts(json_object_get(hoofdvraag, "impact"));
    json_array_append_new(delen, part("probleem", "Ontwerp van het probleem", brief,
                                      texts(rj_str(hoofdvraag, "vraag") ? json_object_get(hoofdvraag, "vraag")
                                                                        : rj_path(model, "casus.hoofdvraag"))));
    json_array_append_new(delen, part("feiten", "Gevonden feiten", brief, fallback_feiten(model, results)));
    json_array_append_new(delen, part("eerdere_sprints", "Uitleg van de eerdere sprints", brief,
                                      fallback_sprints(model)));
    json_array_append_new(delen, part("tijdspad", "Tijdspad", brief, fallback_tijdspad(model)));
    json_array_append_new(delen, part("impact", "Impact van de oplossing", brief, impact));
    json_array_append_new(delen, part("betrokkenen", "Betrokkenen", pseudo ? NULL : brief, casus_betrokkenen(model)));
    json_array_append_new(delen, part("begeleiders", "Begeleiders", brief, casus_begeleiders(model)));
    approvals = rj_arr(rj_obj(model, "goedkeuringen"), "ontwerpbrief");
    json_array_foreach(approvals, i, a)
        if (json_is_true(json_object_get(a, "sleutel")) && json_is_null(json_object_get(a, "datum")))
            missing++;
    status = brief == NULL ? "nog niet gemaakt" : missing > 0 ? "wacht op goedkeuring" : "goedgekeurd";
    o = json_pack("{s:s, s:s?, s:s?, s:s, s:i, s:o, s:o, s:o}", "status", status, "wijk",
                  json_string_value(rj_path(model, "casus.wijk")), "gemeente",
                  json_string_value(rj_path(model, "casus.gemeente")), "gezamenlijke_opgave",
                  json_string_value(rj_path(model, "casus.gezamenlijke_opgave"))
                      ? json_string_value(rj_path(model, "casus.gezamenlijke_opgave")) : "",
                  "ontbrekende_goedkeuringen", missing, "delen", delen, "wijkwensen", wishes(brief, results),
                  "goedkeuringen", approvals ? json_incref(approvals) : json_array());
    if (rj_tekst(json_array_get(rj_arr(results, "pijnen"), 0)) != NULL)
        json_object_set_new(o, "zwaarste_pijn", json_string(rj_tekst(json_array_get(rj_arr(results, "pijnen"), 0))));
    return o;
}
