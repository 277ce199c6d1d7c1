/*
 * casus.c: reads a casus file into a checked model. Every problem is
 * collected (not just the first), each at its file:line:col.
 */
#include "werkplaats/casus.h"

#include <stdlib.h>
#include <string.h>

#include "werkplaats/text.h"
#include "werkplaats/yamlx.h"

const char *const casus_uitkomsten[] = { "geslaagd", "deels", "mislukt", NULL };

/* The reading context: where messages go and the vocabularies to check against. */
struct reader {
    struct yamlx_ctx c;
    const struct methode *m;
    int failed;           /* a problem was reported; keep going to find the rest */
    int oom;
};

static char *copy(struct reader *r, const char *s)
{
    char *d = text_dup(s);

    if (s != NULL && d == NULL)
        r->oom = 1;
    return d;
}

/* Ids are short, lower case and stable: they are typed in draaiboeken. */
static int valid_id(const char *s)
{
    if (s[0] == '\0')
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
            return 0;
    return 1;
}

static const char *get_str(struct reader *r, const struct yamlx_node *map, const char *key, int required)
{
    const char *v = NULL;

    if (yamlx_get_str(&r->c, map, key, required, &v) < 0 || (required && v == NULL))
        r->failed = 1;
    return v;
}

static char *get_copy(struct reader *r, const struct yamlx_node *map, const char *key, int required)
{
    return copy(r, get_str(r, map, key, required));
}

static char *get_id(struct reader *r, const struct yamlx_node *map)
{
    const char *id = get_str(r, map, "id", 1);

    if (id != NULL && !valid_id(id)) {
        yamlx_fail(&r->c, yamlx_get(map, "id"),
                   "id '%s' mag alleen kleine letters, cijfers, '-' en '_' bevatten", id);
        r->failed = 1;
    }
    return copy(r, id);
}

static int get_enum(struct reader *r, const struct yamlx_node *map, const char *key, int required,
                    char *const *options, int fallback)
{
    int idx = fallback;

    if (yamlx_get_enum(&r->c, map, key, required, (const char *const *)options, &idx) < 0 ||
        (required && idx < 0))
        r->failed = 1;
    return idx;
}

/* A list of words; each checked against options when options is not NULL.
 * Returns a NULL-terminated copy, or a bit set of option indexes in *bits. */
static char **get_words(struct reader *r, const struct yamlx_node *map, const char *key, int required,
                        char *const *options, int *bits)
{
    const struct yamlx_node *seq = NULL;
    char **list;
    int rc = yamlx_get_seq(&r->c, map, key, required, &seq);

    if (rc < 0 || (required && rc == 0)) {
        r->failed = 1;
        return NULL;
    }
    if (seq == NULL)
        return NULL;
    list = calloc(seq->n + 1, sizeof *list);
    if (list == NULL) {
        r->oom = 1;
        return NULL;
    }
    for (size_t i = 0; i < seq->n; i++) {
        const char *w = NULL;
        int idx;
        if (options != NULL) {
            if (yamlx_scalar_enum(&r->c, seq->items[i], key, (const char *const *)options, &idx) < 0) {
                r->failed = 1;
                continue;
            }
            if (bits != NULL)
                *bits |= 1 << idx;
            w = options[idx];
        } else if (yamlx_scalar_str(&r->c, seq->items[i], key, &w) < 0) {
            r->failed = 1;
            continue;
        }
        list[i] = copy(r, w);
    }
    /* Skipped (invalid) entries leave holes; close them up. */
    size_t out = 0;
    for (size_t i = 0; i < seq->n; i++)
        if (list[i] != NULL)
            list[out++] = list[i];
    list[out] = NULL;
    return list;
}

static void free_words(char **list)
{
    for (size_t i = 0; list != NULL && list[i] != NULL; i++)
        free(list[i]);
    free(list);
}

/* Reads a list of mappings under key with read_one for each entry. */
static void *get_entries(struct reader *r, const struct yamlx_node *root, const char *key, int required,
                         size_t size, size_t *count, const char *what, const char *const *keys,
                         void (*read_one)(struct reader *, const struct yamlx_node *, void *))
{
    const struct yamlx_node *seq = NULL;
    char *entries;
    int rc = yamlx_get_seq(&r->c, root, key, required, &seq);

    *count = 0;
    if (rc < 0 || (required && rc == 0)) {
        r->failed = 1;
        return NULL;
    }
    if (seq == NULL || seq->n == 0) {
        if (required) {
            yamlx_fail(&r->c, seq, "'%s' mag niet leeg zijn", key);
            r->failed = 1;
        }
        return NULL;
    }
    entries = calloc(seq->n, size);
    if (entries == NULL) {
        r->oom = 1;
        return NULL;
    }
    *count = seq->n;
    for (size_t i = 0; i < seq->n; i++) {
        if (yamlx_check_map(&r->c, seq->items[i], what, keys) != 0) {
            r->failed = 1;
            if (seq->items[i]->kind != YAMLX_MAP)
                continue;
        }
        read_one(r, seq->items[i], entries + i * size);
    }
    return entries;
}

/* --- the entries ------------------------------------------------------- */

static const char *const begeleider_keys[] = { "naam", "rol", "organisatie", NULL };

static void read_begeleider(struct reader *r, const struct yamlx_node *n, void *out)
{
    struct casus_begeleider *b = out;

    b->naam = get_copy(r, n, "naam", 1);
    b->rol = get_copy(r, n, "rol", 1);
    b->organisatie = get_copy(r, n, "organisatie", 0);
}

static const char *const betrokkene_keys[] = { "id", "naam", "groep", "rol", "organisatie", "sleutel",
                                               "houding", "glijbaan", "eerder_gevraagd", NULL };

static void read_betrokkene(struct reader *r, const struct yamlx_node *n, void *out)
{
    struct casus_betrokkene *b = out;
    int sleutel = 0;

    b->line = n->line;
    b->id = get_id(r, n);
    b->naam = get_copy(r, n, "naam", 1);
    b->rol = get_copy(r, n, "rol", 1);
    b->organisatie = get_copy(r, n, "organisatie", 0);
    b->eerder_gevraagd = get_copy(r, n, "eerder_gevraagd", 0);
    {
        int idx = get_enum(r, n, "groep", 1, r->m->groepen, -1);
        b->groep = idx >= 0 ? copy(r, r->m->groepen[idx]) : NULL;
    }
    if (yamlx_get_bool(&r->c, n, "sleutel", 0, &sleutel) < 0)
        r->failed = 1;
    b->sleutel = sleutel;
    b->houding = get_enum(r, n, "houding", 1, r->m->houdingen, -1);
    b->glijbaan = get_enum(r, n, "glijbaan", 1, r->m->glijbaan, -1);
}

static const char *const indicator_keys[] = { "id", "omgeving", "naam", "bron", "periode", "waarde",
                                              "eenheid", "eerder", "streefwaarde", "toelichting", NULL };

static void read_indicator(struct reader *r, const struct yamlx_node *n, void *out)
{
    static const char *const eerder_keys[] = { "periode", "waarde", NULL };
    struct casus_indicator *ind = out;
    const struct yamlx_node *eerder = NULL;

    ind->id = get_id(r, n);
    ind->omgeving = get_enum(r, n, "omgeving", 1, r->m->omgevingen, -1);
    ind->naam = get_copy(r, n, "naam", 1);
    ind->bron = get_copy(r, n, "bron", 1);
    ind->periode = get_copy(r, n, "periode", 1);
    ind->eenheid = get_copy(r, n, "eenheid", 0);
    ind->toelichting = get_copy(r, n, "toelichting", 0);
    if (yamlx_get_num(&r->c, n, "waarde", 1, &ind->waarde) <= 0)
        r->failed = 1;
    switch (yamlx_get_num(&r->c, n, "streefwaarde", 0, &ind->streefwaarde)) {
    case 1: ind->heeft_streef = 1; break;
    case -1: r->failed = 1; break;
    default: break;
    }
    if (yamlx_get_map(&r->c, n, "eerder", 0, &eerder) < 0) {
        r->failed = 1;
    } else if (eerder != NULL) {
        if (yamlx_check_map(&r->c, eerder, "'eerder' van een indicator", eerder_keys) != 0)
            r->failed = 1;
        ind->eerder_periode = get_copy(r, eerder, "periode", 1);
        if (yamlx_get_num(&r->c, eerder, "waarde", 1, &ind->eerder_waarde) <= 0)
            r->failed = 1;
        ind->heeft_eerder = 1;
    }
}

static const char *const interventie_keys[] = { "id", "naam", "periode", "wie", "doelgroep", "omgevingen",
                                                "uitkomst", "geleerd", "herbruikbaar", "trefwoorden", NULL };

static void read_interventie(struct reader *r, const struct yamlx_node *n, void *out)
{
    struct casus_interventie *iv = out;

    iv->id = get_id(r, n);
    iv->naam = get_copy(r, n, "naam", 1);
    iv->periode = get_copy(r, n, "periode", 1);
    iv->wie = get_copy(r, n, "wie", 1);
    iv->doelgroep = get_copy(r, n, "doelgroep", 0);
    iv->geleerd = get_copy(r, n, "geleerd", 1);
    iv->herbruikbaar = get_copy(r, n, "herbruikbaar", 0);
    iv->uitkomst = get_enum(r, n, "uitkomst", 1, (char *const *)casus_uitkomsten, -1);
    free_words(get_words(r, n, "omgevingen", 1, r->m->omgevingen, &iv->omgevingen));
    iv->trefwoorden = get_words(r, n, "trefwoorden", 0, NULL, NULL);
}

static const char *const gremium_keys[] = { "id", "naam", "frequentie", "leden", NULL };

static void read_gremium(struct reader *r, const struct yamlx_node *n, void *out)
{
    struct casus_gremium *g = out;

    g->id = get_id(r, n);
    g->naam = get_copy(r, n, "naam", 1);
    g->frequentie = get_copy(r, n, "frequentie", 0);
    g->leden = get_words(r, n, "leden", 1, NULL, NULL);
}

/* --- cross-checks ------------------------------------------------------ */

/* Reports an id used twice within one list, at the second use. */
static void check_unique(struct reader *r, const struct yamlx_node *root, const char *key)
{
    const struct yamlx_node *seq = yamlx_get(root, key);

    if (seq == NULL || seq->kind != YAMLX_SEQ)
        return;
    for (size_t i = 0; i < seq->n; i++) {
        const struct yamlx_node *a = yamlx_get(seq->items[i], "id");
        if (a == NULL || a->kind != YAMLX_SCALAR)
            continue;
        for (size_t j = 0; j < i; j++) {
            const struct yamlx_node *b = yamlx_get(seq->items[j], "id");
            if (b != NULL && b->kind == YAMLX_SCALAR && strcmp(a->str, b->str) == 0) {
                yamlx_fail(&r->c, a, "dubbele id '%s' in '%s' (eerder op regel %d)", a->str, key, b->line);
                r->failed = 1;
                break;
            }
        }
    }
}

/* Gremium members must be betrokkenen of this casus. */
static void check_members(struct reader *r, const struct yamlx_node *root, const struct casus *cs)
{
    const struct yamlx_node *seq = yamlx_get(root, "gremia");
    const char **ids = calloc(cs->n_betrokkenen + 1, sizeof *ids);
    char hint[128];

    if (ids == NULL) {
        r->oom = 1;
        return;
    }
    for (size_t i = 0; i < cs->n_betrokkenen; i++)
        ids[i] = cs->betrokkenen[i].id ? cs->betrokkenen[i].id : "";
    for (size_t g = 0; seq != NULL && seq->kind == YAMLX_SEQ && g < seq->n; g++) {
        const struct yamlx_node *leden = yamlx_get(seq->items[g], "leden");
        for (size_t i = 0; leden != NULL && leden->kind == YAMLX_SEQ && i < leden->n; i++) {
            const struct yamlx_node *lid = leden->items[i];
            if (lid->kind == YAMLX_SCALAR && text_index(lid->str, ids) < 0) {
                yamlx_fail(&r->c, lid, "lid '%s' van een gremium is geen betrokkene van deze casus%s",
                           lid->str, text_hint(hint, sizeof hint, lid->str, ids));
                r->failed = 1;
            }
        }
    }
    free(ids);
}

static void check_key_stakeholder(struct reader *r, const struct yamlx_node *root, const struct casus *cs)
{
    for (size_t i = 0; i < cs->n_betrokkenen; i++)
        if (cs->betrokkenen[i].sleutel)
            return;
    if (cs->n_betrokkenen > 0) {
        yamlx_fail(&r->c, yamlx_get(root, "betrokkenen"),
                   "geen enkele betrokkene is sleutelbetrokkene ('sleutel: ja'); de ontwerpbrief "
                   "moet door de sleutelbetrokkenen worden goedgekeurd");
        r->failed = 1;
    }
}

/* --- the whole file ---------------------------------------------------- */

static const char *const casus_keys[] = { "id", "wijk", "gemeente", "hoofdvraag", "gezamenlijke_opgave",
                                          "bewaren_tot", "begeleiders", "betrokkenen", "indicatoren",
                                          "eerdere_interventies", "gremia", NULL };

static void read_casus(struct reader *r, const struct yamlx_node *root, struct casus *cs)
{
    const char *bewaren = NULL;

    if (yamlx_check_map(&r->c, root, "de casus", casus_keys) != 0) {
        r->failed = 1;
        if (root->kind != YAMLX_MAP)
            return;
    }
    cs->id = get_id(r, root);
    cs->wijk = get_copy(r, root, "wijk", 1);
    cs->gemeente = get_copy(r, root, "gemeente", 1);
    cs->hoofdvraag = get_copy(r, root, "hoofdvraag", 1);
    cs->gezamenlijke_opgave = get_copy(r, root, "gezamenlijke_opgave", 1);
    if (yamlx_get_date(&r->c, root, "bewaren_tot", 0, &bewaren) < 0)
        r->failed = 1;
    cs->bewaren_tot = copy(r, bewaren);
    cs->begeleiders = get_entries(r, root, "begeleiders", 1, sizeof *cs->begeleiders, &cs->n_begeleiders,
                                  "een begeleider", begeleider_keys, read_begeleider);
    cs->betrokkenen = get_entries(r, root, "betrokkenen", 1, sizeof *cs->betrokkenen, &cs->n_betrokkenen,
                                  "een betrokkene", betrokkene_keys, read_betrokkene);
    cs->indicatoren = get_entries(r, root, "indicatoren", 0, sizeof *cs->indicatoren, &cs->n_indicatoren,
                                  "een indicator", indicator_keys, read_indicator);
    cs->interventies = get_entries(r, root, "eerdere_interventies", 0, sizeof *cs->interventies,
                                   &cs->n_interventies, "een eerdere interventie", interventie_keys,
                                   read_interventie);
    cs->gremia = get_entries(r, root, "gremia", 0, sizeof *cs->gremia, &cs->n_gremia, "een gremium",
                             gremium_keys, read_gremium);
    check_unique(r, root, "betrokkenen");
    check_unique(r, root, "indicatoren");
    check_unique(r, root, "eerdere_interventies");
    check_unique(r, root, "gremia");
    check_members(r, root, cs);
    check_key_stakeholder(r, root, cs);
}

static struct casus *finish(struct reader *r, struct yamlx_node *root, const char *name)
{
    struct casus *cs = calloc(1, sizeof *cs);

    if (cs == NULL || (cs->bestand = strdup(name)) == NULL) {
        free(cs);
        yamlx_node_free(root);
        wp_error_add(r->c.err, WP_EINTERNAL, name, "onvoldoende geheugen");
        return NULL;
    }
    read_casus(r, root, cs);
    yamlx_node_free(root);
    if (r->oom)
        wp_error_add(r->c.err, WP_EINTERNAL, name, "onvoldoende geheugen");
    if (r->failed || r->oom) {
        casus_free(cs);
        return NULL;
    }
    return cs;
}

struct casus *casus_load(const char *path, const struct methode *m, wp_error *err)
{
    struct reader r = { { path, err }, m, 0, 0 };
    struct yamlx_node *root = yamlx_load_file(path, NULL, err);

    return root != NULL ? finish(&r, root, path) : NULL;
}

struct casus *casus_load_string(const char *name, const char *yaml, size_t len,
                                const struct methode *m, wp_error *err)
{
    struct reader r = { { name, err }, m, 0, 0 };
    struct yamlx_node *root = yamlx_load_string(name, yaml, len, NULL, err);

    return root != NULL ? finish(&r, root, name) : NULL;
}

void casus_free(struct casus *cs)
{
    if (cs == NULL)
        return;
    for (size_t i = 0; i < cs->n_begeleiders; i++) {
        free(cs->begeleiders[i].naam);
        free(cs->begeleiders[i].rol);
        free(cs->begeleiders[i].organisatie);
    }
    for (size_t i = 0; i < cs->n_betrokkenen; i++) {
        struct casus_betrokkene *b = &cs->betrokkenen[i];
        free(b->id); free(b->naam); free(b->groep); free(b->rol); free(b->organisatie);
        free(b->eerder_gevraagd);
    }
    for (size_t i = 0; i < cs->n_indicatoren; i++) {
        struct casus_indicator *x = &cs->indicatoren[i];
        free(x->id); free(x->naam); free(x->bron); free(x->periode); free(x->eenheid);
        free(x->eerder_periode); free(x->toelichting);
    }
    for (size_t i = 0; i < cs->n_interventies; i++) {
        struct casus_interventie *x = &cs->interventies[i];
        free(x->id); free(x->naam); free(x->periode); free(x->wie); free(x->doelgroep);
        free(x->geleerd); free(x->herbruikbaar);
        free_words(x->trefwoorden);
    }
    for (size_t i = 0; i < cs->n_gremia; i++) {
        free(cs->gremia[i].id); free(cs->gremia[i].naam); free(cs->gremia[i].frequentie);
        free_words(cs->gremia[i].leden);
    }
    free(cs->begeleiders); free(cs->betrokkenen); free(cs->indicatoren);
    free(cs->interventies); free(cs->gremia);
    free(cs->bestand); free(cs->id); free(cs->wijk); free(cs->gemeente); free(cs->hoofdvraag);
    free(cs->gezamenlijke_opgave); free(cs->bewaren_tot);
    free(cs);
}

const struct casus_betrokkene *casus_betrokkene(const struct casus *cs, const char *id)
{
    for (size_t i = 0; i < cs->n_betrokkenen; i++)
        if (cs->betrokkenen[i].id != NULL && strcmp(cs->betrokkenen[i].id, id) == 0)
            return &cs->betrokkenen[i];
    return NULL;
}

const struct casus_gremium *casus_gremium(const struct casus *cs, const char *id)
{
    for (size_t i = 0; i < cs->n_gremia; i++)
        if (cs->gremia[i].id != NULL && strcmp(cs->gremia[i].id, id) == 0)
            return &cs->gremia[i];
    return NULL;
}

/* --- JSON -------------------------------------------------------------- */

static json_t *words_json(char *const *list)
{
    json_t *a = json_array();

    for (size_t i = 0; list != NULL && list[i] != NULL; i++)
        json_array_append_new(a, json_string(list[i]));
    return a;
}

static json_t *omgevingen_json(int bits, const struct methode *m)
{
    json_t *a = json_array();

    for (int i = 0; m->omgevingen[i] != NULL; i++)
        if (bits & (1 << i))
            json_array_append_new(a, json_string(m->omgevingen[i]));
    return a;
}

/* json_string(NULL) is NULL, and json_object_set_new ignores NULL values,
 * so optional fields simply stay out of the object. */
static void set_str(json_t *o, const char *key, const char *value)
{
    if (value != NULL)
        json_object_set_new(o, key, json_string(value));
}

static json_t *betrokkene_json(const struct casus_betrokkene *b, const struct methode *m)
{
    json_t *o = json_object();

    set_str(o, "id", b->id);
    set_str(o, "naam", b->naam);
    set_str(o, "groep", b->groep);
    set_str(o, "rol", b->rol);
    set_str(o, "organisatie", b->organisatie);
    json_object_set_new(o, "sleutel", json_boolean(b->sleutel));
    set_str(o, "houding", m->houdingen[b->houding]);
    set_str(o, "glijbaan", m->glijbaan[b->glijbaan]);
    set_str(o, "eerder_gevraagd", b->eerder_gevraagd);
    return o;
}

static json_t *indicator_json(const struct casus_indicator *x, const struct methode *m)
{
    json_t *o = json_object();

    set_str(o, "id", x->id);
    set_str(o, "omgeving", m->omgevingen[x->omgeving]);
    set_str(o, "naam", x->naam);
    set_str(o, "bron", x->bron);
    set_str(o, "periode", x->periode);
    json_object_set_new(o, "waarde", json_real(x->waarde));
    set_str(o, "eenheid", x->eenheid);
    if (x->heeft_eerder)
        json_object_set_new(o, "eerder", json_pack("{s:s, s:f}", "periode", x->eerder_periode,
                                                   "waarde", x->eerder_waarde));
    if (x->heeft_streef)
        json_object_set_new(o, "streefwaarde", json_real(x->streefwaarde));
    set_str(o, "toelichting", x->toelichting);
    return o;
}

static json_t *interventie_json(const struct casus_interventie *x, const struct methode *m)
{
    json_t *o = json_object();

    set_str(o, "id", x->id);
    set_str(o, "naam", x->naam);
    set_str(o, "periode", x->periode);
    set_str(o, "wie", x->wie);
    set_str(o, "doelgroep", x->doelgroep);
    json_object_set_new(o, "omgevingen", omgevingen_json(x->omgevingen, m));
    set_str(o, "uitkomst", casus_uitkomsten[x->uitkomst]);
    set_str(o, "geleerd", x->geleerd);
    set_str(o, "herbruikbaar", x->herbruikbaar);
    json_object_set_new(o, "trefwoorden", words_json(x->trefwoorden));
    return o;
}

json_t *casus_to_json(const struct casus *cs, const struct methode *m)
{
    json_t *o = json_object(), *a;

    set_str(o, "id", cs->id);
    set_str(o, "wijk", cs->wijk);
    set_str(o, "gemeente", cs->gemeente);
    set_str(o, "hoofdvraag", cs->hoofdvraag);
    set_str(o, "gezamenlijke_opgave", cs->gezamenlijke_opgave);
    set_str(o, "bewaren_tot", cs->bewaren_tot);
    a = json_array();
    for (size_t i = 0; i < cs->n_begeleiders; i++) {
        json_t *b = json_object();
        set_str(b, "naam", cs->begeleiders[i].naam);
        set_str(b, "rol", cs->begeleiders[i].rol);
        set_str(b, "organisatie", cs->begeleiders[i].organisatie);
        json_array_append_new(a, b);
    }
    json_object_set_new(o, "begeleiders", a);
    a = json_array();
    for (size_t i = 0; i < cs->n_betrokkenen; i++)
        json_array_append_new(a, betrokkene_json(&cs->betrokkenen[i], m));
    json_object_set_new(o, "betrokkenen", a);
    a = json_array();
    for (size_t i = 0; i < cs->n_indicatoren; i++)
        json_array_append_new(a, indicator_json(&cs->indicatoren[i], m));
    json_object_set_new(o, "indicatoren", a);
    a = json_array();
    for (size_t i = 0; i < cs->n_interventies; i++)
        json_array_append_new(a, interventie_json(&cs->interventies[i], m));
    json_object_set_new(o, "eerdere_interventies", a);
    a = json_array();
    for (size_t i = 0; i < cs->n_gremia; i++) {
        json_t *g = json_object();
        set_str(g, "id", cs->gremia[i].id);
        set_str(g, "naam", cs->gremia[i].naam);
        set_str(g, "frequentie", cs->gremia[i].frequentie);
        json_object_set_new(g, "leden", words_json(cs->gremia[i].leden));
        json_array_append_new(a, g);
    }
    json_object_set_new(o, "gremia", a);
    return o;
}
