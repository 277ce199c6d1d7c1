/*
 * factor_inhoud.c: the sleutelfactoren about content: leren van het
 * verleden (the casus's earlier interventions, and ideas that repeat one
 * that failed) and the four omgevingen with their koppelvlakken.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sleutelfactoren_intern.h"

#define QUOTE_SIZE 256
#define MAX_BEWONERS 3

static const char *field(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* --- leren van het verleden ---------------------------------------------------- */

/* "2 mislukt, 2 deels en 1 geslaagd" */
static const char *count_outcomes(const struct casus *cs, char *buf, size_t size)
{
    const char *parts[3];
    char part[3][32];
    size_t n = 0;

    for (int u = UITKOMST_MISLUKT; u >= UITKOMST_GESLAAGD; u--) {
        size_t count = 0;
        for (size_t i = 0; i < cs->n_interventies; i++)
            count += cs->interventies[i].uitkomst == u;
        if (count == 0)
            continue;
        snprintf(part[n], sizeof part[n], "%zu %s", count, casus_uitkomsten[u]);
        parts[n] = part[n];
        n++;
    }
    return register_join(buf, size, parts, n);
}

static const char *sprint_list(const int *nrs, size_t n, char *buf, size_t size)
{
    const char *parts[MAX_SPRINTS];
    char part[MAX_SPRINTS][12];

    for (size_t i = 0; i < n && i < MAX_SPRINTS; i++) {
        snprintf(part[i], sizeof part[i], "%d", nrs[i]);
        parts[i] = part[i];
    }
    return register_join(buf, size, parts, n < MAX_SPRINTS ? n : MAX_SPRINTS);
}

static void interventions_known(struct check *c, json_t *f, const struct methode_term *term)
{
    const struct casus *cs = c->t->casus;
    char outcomes[128], sprints[128];

    if (cs->n_interventies == 0) {
        bevinding(f, "geen_interventies", OORDEEL_AANDACHT, "De casus noemt geen eerdere interventies. Zoek uit wat "
                  "er eerder is geprobeerd, door wie, voor wie en met welk resultaat, en zet het in de casus: "
                  "bestaande projecten kun je soms uitbreiden in plaats van iets nieuws te bedenken.");
        return;
    }
    if (term != NULL && term->n_toon_bij_start > 0)
        bevinding(f, "interventies", OORDEEL_IN_ORDE, "De casus noemt %zu eerdere interventies met wat ervan geleerd "
                  "is (%s). Elke werkvorm kan ze lezen; sprint %s %s ermee.", cs->n_interventies,
                  count_outcomes(cs, outcomes, sizeof outcomes),
                  sprint_list(term->toon_bij_start, term->n_toon_bij_start, sprints, sizeof sprints),
                  term->n_toon_bij_start == 1 ? "begint" : "beginnen");
    else
        bevinding(f, "interventies", OORDEEL_IN_ORDE, "De casus noemt %zu eerdere interventies met wat ervan geleerd "
                  "is (%s). Elke werkvorm kan ze lezen.", cs->n_interventies,
                  count_outcomes(cs, outcomes, sizeof outcomes));
    for (size_t i = 0; i < cs->n_interventies; i++) {
        const struct casus_interventie *iv = &cs->interventies[i];
        if (iv->herbruikbaar != NULL)
            json_object_set_new(bevinding(f, "herbruikbaar", OORDEEL_INFO, "Herbruikbaar van '%s': %s", iv->naam,
                                          iv->herbruikbaar), "interventie", json_string(iv->id));
        if (iv->uitkomst != UITKOMST_GESLAAGD && (iv->trefwoorden == NULL || iv->trefwoorden[0] == NULL))
            json_object_set_new(bevinding(f, "geen_trefwoorden", OORDEEL_INFO, "'%s' is %s, maar heeft in de casus "
                                          "geen trefwoorden; een idee dat erop lijkt, wordt daarom niet herkend.",
                                          iv->naam, casus_uitkomsten[iv->uitkomst]),
                                "interventie", json_string(iv->id));
    }
}

/* The text of an item in a result list: the item itself, or its tekst
 * (else titel, naam or idee). Nested tables are not ideas: they are what
 * the werkvorm says about an idea (such as the intervention it resembles). */
static json_t *item_text(json_t *item)
{
    static const char *const keys[] = { "tekst", "titel", "naam", "idee", NULL };

    if (json_is_string(item))
        return item;
    for (size_t k = 0; json_is_object(item) && keys[k] != NULL; k++)
        if (json_is_string(json_object_get(item, keys[k])))
            return json_object_get(item, keys[k]);
    return NULL;
}

/* Texts in a werkvorm's result that may be ideas: the items of its lists. */
static void collect_texts(json_t *result, json_t *out)
{
    const char *key;
    json_t *list, *item;
    size_t i;

    json_object_foreach(result, key, list)
        json_array_foreach(list, i, item)
            if (item_text(item) != NULL)
                json_array_append(out, item_text(item));
}

/* An idea of a sprint: a standing contribution or a text in a result. */
struct idee {
    long long sessie;
    int sprint, gevoelig;
    const char *werkvorm, *ref, *tekst;
};

struct ideas {
    struct idee *v;
    size_t n, cap;
    json_t *texts;                  /* keeps the texts taken from results */
};

static void add_idea(struct ideas *l, long long sessie, int sprint, const char *werkvorm, const char *ref,
                     const char *tekst, int gevoelig)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        struct idee *grown = realloc(l->v, cap * sizeof *grown);
        if (grown == NULL)
            return;
        l->v = grown;
        l->cap = cap;
    }
    l->v[l->n++] = (struct idee){ sessie, sprint, gevoelig, werkvorm, ref, tekst };
}

/* The ideas of sprint nr: its standing contributions, then the texts in its
 * closed werkvormen's results that are not a contribution already. The
 * texts seen so far are a set (a JSON object keyed by text), so a traject
 * with many ideas is not compared pair by pair. */
static void ideas_of(struct check *c, int nr, struct ideas *l)
{
    json_t *seen = json_object(), *x, *s;
    size_t i, j;

    l->texts = json_array();
    for (i = 0; i < c->n_bijdragen; i++) {
        const struct bijdrage *b = &c->bijdragen[i];
        const char *tekst = bijdrage_text(c, b->tekst);
        if (b->sprint != nr)
            continue;
        add_idea(l, b->sessie, b->sprint, bijdrage_text(c, b->werkvorm), bijdrage_text(c, b->ref), tekst,
                 b->gevoelig);
        if (tekst != NULL)
            json_object_set_new(seen, tekst, json_true());
    }
    json_array_foreach(c->sessies, i, s) {
        json_t *texts, *result;
        size_t from = json_array_size(l->texts);
        if (json_integer_value(json_object_get(s, "sprint")) != nr || strcmp(field(s, "status"), "gesloten") != 0)
            continue;
        texts = json_array();
        result = sessie_resultaat(c, s);
        collect_texts(result, texts);
        json_decref(result);
        json_array_foreach(texts, j, x) {
            if (json_object_get(seen, json_string_value(x)) != NULL)
                continue;
            json_object_set_new(seen, json_string_value(x), json_true());
            json_array_append(l->texts, x);
        }
        json_decref(texts);
        for (j = from; j < json_array_size(l->texts); j++)
            add_idea(l, json_integer_value(json_object_get(s, "id")), nr, field(s, "werkvorm"), NULL,
                     json_string_value(json_array_get(l->texts, j)), 0);
    }
    json_decref(seen);
}

/* The trefwoord of iv that idea repeats, or NULL. */
static const char *repeats(const struct casus_interventie *iv, const char *idea)
{
    for (size_t k = 0; iv->trefwoorden != NULL && iv->trefwoorden[k] != NULL; k++)
        if (sleutelfactoren_match_word(idea, iv->trefwoorden[k]))
            return iv->trefwoorden[k];
    return NULL;
}

static void report_repeat(struct check *c, json_t *f, const struct idee *idea, const struct casus_interventie *iv,
                          const char *word)
{
    char quote[QUOTE_SIZE];
    int failed = iv->uitkomst == UITKOMST_MISLUKT;
    json_t *b;

    quote_text(idea->tekst, idea->gevoelig, idea->ref, quote, sizeof quote);
    b = bevinding(f, "herhaling", OORDEEL_AANDACHT, "Idee '%s' (sprint %d, %s) lijkt op de eerdere interventie "
                  "'%s' (%s), die %s (trefwoord '%s'). Wat toen geleerd is: %s %s", quote, idea->sprint,
                  werkvorm_naam(c, idea->werkvorm), iv->naam, iv->periode ? iv->periode : "eerder",
                  failed ? "mislukte" : "maar deels slaagde", word, iv->geleerd,
                  failed ? "Neem die les mee of kies een andere aanpak." : "Bouw voort op wat werkte en neem de les "
                  "mee.");
    json_object_set_new(b, "idee", json_pack("{s:I, s:i, s:s, s:s?, s:s}", "sessie", (json_int_t)idea->sessie,
                                             "sprint", idea->sprint, "werkvorm", idea->werkvorm, "ref", idea->ref,
                                             "tekst", quote));
    json_object_set_new(b, "interventie", json_pack("{s:s, s:s, s:s, s:s}", "id", iv->id, "naam", iv->naam,
                                                    "uitkomst", casus_uitkomsten[iv->uitkomst], "geleerd",
                                                    iv->geleerd));
    json_object_set_new(b, "trefwoord", json_string(word));
}

/* Compares every idea of sprint nr with the interventions that failed or
 * only partly worked. */
static void find_repeats(struct check *c, json_t *f, int nr)
{
    const struct casus *cs = c->t->casus;
    struct ideas ideas = { NULL, 0, 0, NULL };
    size_t found = 0;

    ideas_of(c, nr, &ideas);
    for (size_t i = 0; i < ideas.n; i++)
        for (size_t k = 0; k < cs->n_interventies; k++) {
            const struct casus_interventie *iv = &cs->interventies[k];
            const char *word = iv->uitkomst == UITKOMST_GESLAAGD ? NULL : repeats(iv, ideas.v[i].tekst);
            if (word != NULL) {
                report_repeat(c, f, &ideas.v[i], iv, word);
                found++;
            }
        }
    if (found == 0 && ideas.n > 0)
        bevinding(f, "geen_herhaling", OORDEEL_IN_ORDE, "Geen van de %zu ideeën uit sprint %d herhaalt een eerdere "
                  "interventie die mislukte of maar deels slaagde.", ideas.n, nr);
    free(ideas.v);
    json_decref(ideas.texts);
}

/* The comparison for sprint nr once it started. Its ideas are the same at
 * every later cut-off, so checks that share a load compare them once and
 * each gets its own copy of the bevindingen. */
static void check_repeats(struct check *c, json_t *f, int nr)
{
    json_t *done, *tmp, *b;
    char key[16];
    size_t i;

    if (nr > c->tot || c->status[nr] == SPRINT_GEPLAND) {
        bevinding(f, "toets_later", OORDEEL_INFO, "In sprint %d worden de ideeën vergeleken met de eerdere "
                  "interventies die mislukten of maar deels slaagden.", nr);
        return;
    }
    if (c->herhalingen == NULL) {
        find_repeats(c, f, nr);
        return;
    }
    snprintf(key, sizeof key, "%d", nr);
    if ((done = json_incref(json_object_get(c->herhalingen, key))) == NULL) {
        tmp = json_pack("{s:[]}", "bevindingen");
        find_repeats(c, tmp, nr);
        done = json_incref(json_object_get(tmp, "bevindingen"));
        json_decref(tmp);
        /* A failed read is not kept: the check that saw it fails. */
        if (!wp_error_failed(c->err))
            json_object_set(c->herhalingen, key, done);
    }
    json_array_foreach(done, i, b)
        json_array_append_new(json_object_get(f, "bevindingen"), json_deep_copy(b));
    json_decref(done);
}

void factor_verleden(struct check *c, json_t *f)
{
    const struct methode_term *term = methode_sleutelfactor(c->m, "verleden");

    json_object_set(f, "interventies", json_object_get(c->t->casus_json, "eerdere_interventies"));
    interventions_known(c, f, term);
    for (size_t i = 0; term != NULL && i < term->n_toets_sprints; i++)
        check_repeats(c, f, term->toets_sprints[i]);
}

/* --- vier omgevingen en koppelvlakken ---------------------------------------------- */

/* A number the Dutch way: 198.000, 9,8, 4,6. */
static const char *dutch_number(double v, char *buf, size_t size)
{
    char raw[64], *dot;

    if (v == floor(v) && fabs(v) < 1e15) {
        long long n = (long long)v, a = n < 0 ? -n : n;
        char digits[32], *out = buf;
        size_t len, k = 0;
        snprintf(digits, sizeof digits, "%lld", a);
        len = strlen(digits);
        if (n < 0 && k + 1 < size)
            out[k++] = '-';
        for (size_t i = 0; i < len && k + 2 < size; i++) {
            if (i > 0 && (len - i) % 3 == 0)
                out[k++] = '.';
            out[k++] = digits[i];
        }
        out[k] = '\0';
        return buf;
    }
    snprintf(raw, sizeof raw, "%g", v);
    if ((dot = strchr(raw, '.')) != NULL)
        *dot = ',';
    snprintf(buf, size, "%s", raw);
    return buf;
}

static const char *with_unit(double v, const char *eenheid, char *buf, size_t size)
{
    char n[64];

    dutch_number(v, n, sizeof n);
    if (eenheid == NULL)
        snprintf(buf, size, "%s", n);
    else
        snprintf(buf, size, "%s%s%s", n, strcmp(eenheid, "%") == 0 ? "" : " ", eenheid);
    return buf;
}

/* "Woninginbraken: 9,8 per 1.000 woningen (2024; was 6,1 in 2020; streefwaarde 5). Bron: Politie." */
static json_t *indicator_json(const struct casus_indicator *ind)
{
    char now[128], before[160] = "", target[128] = "", text[1024], v[128];

    with_unit(ind->waarde, ind->eenheid, now, sizeof now);
    if (ind->heeft_eerder)
        snprintf(before, sizeof before, "; was %s in %s", with_unit(ind->eerder_waarde, ind->eenheid, v, sizeof v),
                 ind->eerder_periode);
    if (ind->heeft_streef)
        snprintf(target, sizeof target, "; streefwaarde %s", with_unit(ind->streefwaarde, ind->eenheid, v, sizeof v));
    snprintf(text, sizeof text, "%s: %s (%s%s%s). Bron: %s.", ind->naam, now, ind->periode, before, target, ind->bron);
    return json_pack("{s:s, s:s, s:s}", "id", ind->id, "naam", ind->naam, "tekst", text);
}

struct tally {
    size_t n;                                   /* omgevingen in the methode */
    long long count[MAX_OMGEVINGEN];            /* contributions per omgeving */
    long long pair[MAX_OMGEVINGEN][MAX_OMGEVINGEN];
    long long per_sprint[MAX_SPRINTS + 1][MAX_OMGEVINGEN];
    long long tagged;
    json_t *koppel;                             /* "fysiek+sociaal" -> {omgevingen, aantal, voorbeelden} */
};

/* A short quote of contribution b. */
static const char *quote_record(const struct check *c, const struct bijdrage *b, char *buf, size_t size)
{
    return quote_text(bijdrage_text(c, b->tekst), b->gevoelig, bijdrage_text(c, b->ref), buf, size);
}

static void add_koppelvlak(const struct check *c, struct tally *t, unsigned mask, const struct bijdrage *b)
{
    char key[256] = "", quote[QUOTE_SIZE];
    json_t *names = json_array(), *k;
    size_t used = 0;

    for (size_t i = 0; i < t->n; i++)
        if (mask & (1u << i)) {
            int w = snprintf(key + used, sizeof key - used, "%s%s", used ? "+" : "", c->m->omgevingen[i]);
            used += w > 0 && (size_t)w < sizeof key - used ? (size_t)w : 0;
            json_array_append_new(names, json_string(c->m->omgevingen[i]));
        }
    k = json_object_get(t->koppel, key);
    if (k == NULL) {
        k = json_pack("{s:o, s:i, s:[]}", "omgevingen", names, "aantal", 0, "voorbeelden");
        json_object_set_new(t->koppel, key, k);
    } else {
        json_decref(names);
    }
    json_object_set_new(k, "aantal", json_integer(json_integer_value(json_object_get(k, "aantal")) + 1));
    if (json_array_size(json_object_get(k, "voorbeelden")) < 3)
        json_array_append_new(json_object_get(k, "voorbeelden"), json_string(quote_record(c, b, quote, sizeof quote)));
}

static void count_tags(const struct check *c, struct tally *t)
{
    for (size_t i = 0; i < c->n_bijdragen; i++) {
        const struct bijdrage *b = &c->bijdragen[i];
        unsigned mask = b->omgevingen;
        int nr = b->sprint, n = 0;
        if (mask == 0)
            continue;
        t->tagged++;
        for (size_t x = 0; x < t->n; x++) {
            if (!(mask & (1u << x)))
                continue;
            n++;
            t->count[x]++;
            t->per_sprint[nr][x]++;
            for (size_t y = 0; y < t->n; y++)
                if (mask & (1u << y))
                    t->pair[x][y]++;
        }
        if (n >= 2)
            add_koppelvlak(c, t, mask, b);
    }
}

/* Per omgeving: the casus figures beside what residents said about it. */
static json_t *per_omgeving(const struct check *c, const struct tally *t)
{
    json_t *list = json_array();

    for (size_t x = 0; x < t->n; x++) {
        json_t *o = json_pack("{s:s, s:I, s:[], s:[], s:[]}", "omgeving", c->m->omgevingen[x], "bijdragen",
                              (json_int_t)t->count[x], "sprints", "indicatoren", "bewoners");
        size_t i;
        char quote[QUOTE_SIZE];
        for (int nr = 1; nr <= c->tot; nr++)
            if (t->per_sprint[nr][x] > 0)
                json_array_append_new(json_object_get(o, "sprints"), json_integer(nr));
        for (size_t k = 0; k < c->t->casus->n_indicatoren; k++)
            if (c->t->casus->indicatoren[k].omgeving == (int)x)
                json_array_append_new(json_object_get(o, "indicatoren"), indicator_json(&c->t->casus->indicatoren[k]));
        /* The most recent residents' findings first. */
        for (i = c->n_bijdragen; i-- > 0;) {
            const struct bijdrage *b = &c->bijdragen[i];
            if (json_array_size(json_object_get(o, "bewoners")) >= MAX_BEWONERS)
                break;
            if (b->bewoner && !b->gevoelig && (b->omgevingen & (1u << x)))
                json_array_append_new(json_object_get(o, "bewoners"), json_string(quote_record(c, b, quote, sizeof quote)));
        }
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *matrix_json(const struct check *c, const struct tally *t)
{
    json_t *rows = json_array(), *names = json_array();

    for (size_t x = 0; x < t->n; x++) {
        json_t *row = json_array();
        for (size_t y = 0; y < t->n; y++)
            json_array_append_new(row, json_integer(t->pair[x][y]));
        json_array_append_new(rows, row);
        json_array_append_new(names, json_string(c->m->omgevingen[x]));
    }
    return json_pack("{s:o, s:o}", "omgevingen", names, "aantallen", rows);
}

/* The koppelvlakken as a list, most contributions first. */
static json_t *koppel_list(json_t *koppel)
{
    json_t *list = json_array(), *k;
    const char *key;

    json_object_foreach(koppel, key, k) {
        size_t at = 0;
        while (at < json_array_size(list) && json_integer_value(json_object_get(json_array_get(list, at), "aantal")) >=
                                                 json_integer_value(json_object_get(k, "aantal")))
            at++;
        json_array_insert(list, at, k);
    }
    return list;
}

static void omgeving_findings(struct check *c, json_t *f, const struct tally *t, json_t *koppel)
{
    const char *parts[MAX_OMGEVINGEN], *names[MAX_OMGEVINGEN];
    char part[MAX_OMGEVINGEN][96], list[1024];
    size_t n = 0, missing = 0, i;
    json_t *k;

    for (size_t x = 0; x < t->n; x++) {
        if (t->count[x] > 0) {
            snprintf(part[n], sizeof part[n], "%s (%lld)", c->m->omgevingen[x], t->count[x]);
            parts[n] = part[n];
            n++;
            continue;
        }
        missing++;
        json_object_set_new(bevinding(f, "omgeving_niet_bekeken", OORDEEL_AANDACHT, "Nog geen enkele sprint keek naar "
                                      "de omgeving '%s': geen bijdrage is ermee gemerkt. Kijk er in de volgende "
                                      "sprint bewust naar, met de cijfers uit de casus ernaast.", c->m->omgevingen[x]),
                            "omgeving", json_string(c->m->omgevingen[x]));
    }
    if (missing == 0)
        bevinding(f, "omgevingen_bekeken", OORDEEL_IN_ORDE, "Alle %zu omgevingen kwamen aan bod (bijdragen per "
                  "omgeving): %s.", t->n, register_join(list, sizeof list, parts, n));
    json_array_foreach(koppel, i, k) {
        size_t m = 0, j;
        json_t *o;
        json_array_foreach(json_object_get(k, "omgevingen"), j, o)
            if (m < MAX_OMGEVINGEN)
                names[m++] = json_string_value(o);
        register_join(list, sizeof list, names, m);
        json_object_set(bevinding(f, "koppelvlak", OORDEEL_INFO, "Koppelvlak %s: %lld %s, zoals '%s'.",
                                  list, (long long)json_integer_value(json_object_get(k, "aantal")),
                                  json_integer_value(json_object_get(k, "aantal")) == 1 ? "bijdrage" : "bijdragen",
                                  json_string_value(json_array_get(json_object_get(k, "voorbeelden"), 0))),
                        "omgevingen", json_object_get(k, "omgevingen"));
    }
    if (json_array_size(koppel) == 0 && t->tagged > 0)
        bevinding(f, "geen_koppelvlakken", OORDEEL_AANDACHT, "Nog geen bijdrage raakt twee of meer omgevingen. Zoek "
                  "de koppelvlakken: daar zitten de knoppen om aan te draaien (een fysieke ingreep die ook de sociale "
                  "samenhang versterkt).");
}

/* Closed sprints that left omgevingen out: worth knowing, not alarming. */
static void sprint_gaps(struct check *c, json_t *f, const struct tally *t)
{
    for (int nr = 1; nr <= c->tot; nr++) {
        const char *parts[MAX_OMGEVINGEN];
        char list[512];
        size_t n = 0;
        if (c->status[nr] != SPRINT_GESLOTEN)
            continue;
        for (size_t x = 0; x < t->n; x++)
            if (t->per_sprint[nr][x] == 0)
                parts[n++] = c->m->omgevingen[x];
        if (n == t->n)
            json_object_set_new(bevinding(f, "sprint_zonder_omgevingen", OORDEEL_INFO, "Sprint %d merkte geen "
                                          "bijdrage met een omgeving.", nr), "sprint", json_integer(nr));
        else if (n > 0)
            json_object_set_new(bevinding(f, "sprint_zonder_omgevingen", OORDEEL_INFO, "Sprint %d keek niet naar de "
                                          "%s %s.", nr, n == 1 ? "omgeving" : "omgevingen",
                                          register_join(list, sizeof list, parts, n)),
                                "sprint", json_integer(nr));
    }
}

void factor_omgevingen(struct check *c, json_t *f)
{
    struct tally *t = calloc(1, sizeof *t);
    json_t *koppel;

    if (t == NULL) {
        wp_error_add(c->err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
        return;
    }
    while (c->m->omgevingen[t->n] != NULL && t->n < MAX_OMGEVINGEN)
        t->n++;
    t->koppel = json_object();
    count_tags(c, t);
    koppel = koppel_list(t->koppel);
    if (t->tagged == 0 && c->n_gesloten == 0)
        bevinding(f, "nog_geen_omgevingen", OORDEEL_INFO, "Er is nog geen bijdrage met een omgeving gemerkt; vanaf "
                  "de eerste werkvorm blijkt welke omgevingen aan bod komen.");
    else
        omgeving_findings(c, f, t, koppel);
    sprint_gaps(c, f, t);
    json_object_set_new(f, "omgevingen", per_omgeving(c, t));
    json_object_set_new(f, "koppelvlakken", koppel);
    json_object_set_new(f, "matrix", matrix_json(c, t));
    json_decref(t->koppel);
    free(t);
}
