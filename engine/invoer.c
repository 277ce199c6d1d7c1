/* invoer.c: written inputs (draaiboek, voorbeeld) to facts. */
#include "werkplaats/invoer.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "werkplaats/text.h"

static const char *const keys_bijdrage[] = { "id", "wie", "veld", "tekst", "omgevingen", "bij", "gevoelig", NULL };
static const char *const keys_stem[] = { "wie", "op", "aantal", NULL };
static const char *const keys_plaatsing[] = { "wie", "op", "waarde", "tekst", NULL };
static const char *const keys_besluit[] = { "wie", "tekst", "uitkomst", "bezwaren", NULL };
static const char *const keys_bezwaar[] = { "wie", "tekst", "opgelost", NULL };

/* --- one value of an entry, from either source -------------------------------
 * A voorbeeld's entries come as JSON (from the werkvorm's Lua table); a
 * draaiboek's are read straight from their YAML tree, which spares building
 * JSON for every fact of a replay. Both are read through these few
 * functions, so the two sources cannot drift apart. */

struct waarde {
    json_t *json;                   /* set for JSON */
    const struct yamlx_node *yaml;  /* set for YAML; neither: absent */
};

enum soort_waarde { W_AFWEZIG, W_NULL, W_JANEE, W_GETAL, W_TEKST, W_LIJST, W_MAP };

/* What a plain YAML scalar reads as: null, a boolean, a whole number, a
 * finite real number, or else text. */
enum plain { PLAIN_NULL, PLAIN_TRUE, PLAIN_FALSE, PLAIN_INT, PLAIN_REAL, PLAIN_TEXT };

static enum plain read_plain(const struct yamlx_node *n, long long *i, double *d)
{
    unsigned char first = (unsigned char)n->str[0];
    char *end;

    if (yamlx_is_null(n))
        return PLAIN_NULL;
    if ((first == 't' && strcmp(n->str, "true") == 0) || (first == 'j' && strcmp(n->str, "ja") == 0))
        return PLAIN_TRUE;
    if ((first == 'f' && strcmp(n->str, "false") == 0) || (first == 'n' && strcmp(n->str, "nee") == 0))
        return PLAIN_FALSE;
    /* strtoll and strtod read nothing that does not begin with a digit, a
     * sign, a point, space, or inf or nan; most scalars are words. */
    if (first == '\0' || !(isdigit(first) || isspace(first) || strchr("+-.iInN", first) != NULL))
        return PLAIN_TEXT;
    errno = 0;
    *i = strtoll(n->str, &end, 10);
    if (*end == '\0' && errno == 0)
        return PLAIN_INT;
    *d = strtod(n->str, &end);
    /* JSON has no infinity or NaN: such a scalar is text. */
    if (*end == '\0' && errno == 0 && isfinite(*d))
        return PLAIN_REAL;
    return PLAIN_TEXT;
}

static enum soort_waarde yaml_soort(const struct yamlx_node *n)
{
    long long i;
    double d;

    if (n->kind == YAMLX_SEQ)
        return W_LIJST;
    if (n->kind == YAMLX_MAP)
        return W_MAP;
    if (!n->plain)
        return W_TEKST;
    switch (read_plain(n, &i, &d)) {
    case PLAIN_NULL: return W_NULL;
    case PLAIN_TRUE:
    case PLAIN_FALSE: return W_JANEE;
    case PLAIN_INT:
    case PLAIN_REAL: return W_GETAL;
    case PLAIN_TEXT: break;
    }
    return W_TEKST;
}

static enum soort_waarde soort_van(struct waarde v)
{
    if (v.yaml != NULL)
        return yaml_soort(v.yaml);
    if (v.json == NULL)
        return W_AFWEZIG;
    switch (json_typeof(v.json)) {
    case JSON_OBJECT: return W_MAP;
    case JSON_ARRAY: return W_LIJST;
    case JSON_STRING: return W_TEKST;
    case JSON_INTEGER:
    case JSON_REAL: return W_GETAL;
    case JSON_TRUE:
    case JSON_FALSE: return W_JANEE;
    case JSON_NULL: break;
    }
    return W_NULL;
}

/* The text of a W_TEKST value. */
static const char *tekst_van(struct waarde v)
{
    return v.yaml != NULL ? v.yaml->str : json_string_value(v.json);
}

/* The number of a W_GETAL value. */
static double getal_van(struct waarde v)
{
    long long i = 0;
    double d = 0;

    if (v.yaml == NULL)
        return json_number_value(v.json);
    return read_plain(v.yaml, &i, &d) == PLAIN_INT ? (double)i : d;
}

/* The truth of a W_JANEE value. */
static int waar_van(struct waarde v)
{
    long long i;
    double d;

    return v.yaml != NULL ? read_plain(v.yaml, &i, &d) == PLAIN_TRUE : json_is_true(v.json);
}

static struct waarde veld_van(struct waarde map, const char *key)
{
    struct waarde v = { NULL, NULL };

    if (map.yaml != NULL)
        v.yaml = yamlx_get(map.yaml, key);
    else
        v.json = json_object_get(map.json, key);
    return v;
}

static size_t aantal_items(struct waarde list)
{
    return list.yaml != NULL ? list.yaml->n : json_array_size(list.json);
}

static struct waarde item_van(struct waarde list, size_t i)
{
    struct waarde v = { NULL, NULL };

    if (list.yaml != NULL)
        v.yaml = list.yaml->items[i];
    else
        v.json = json_array_get(list.json, i);
    return v;
}

/* The value as JSON: the value itself, or built from the YAML tree and kept
 * in held (which the caller frees) so that it lives as long as the entry. */
static json_t *als_json(struct waarde v, json_t *held)
{
    json_t *j;

    if (v.yaml == NULL)
        return v.json;
    j = invoer_yaml_to_json(v.yaml);
    json_array_append_new(held, j);
    return j;
}

/* --- the fields -------------------------------------------------------------- */

static int check_key(const char *key, const char *const *allowed, const char *what, const char *where,
                     wp_error *err)
{
    char hint[128], choices[256];

    if (text_index(key, allowed) >= 0)
        return 0;
    return wp_error_add(err, WP_EUSER, where, "onbekend veld '%s' in %s%s; bekende velden: %s", key, what,
                        text_hint(hint, sizeof hint, key, allowed), text_choices(choices, sizeof choices, allowed));
}

static int check_keys(struct waarde entry, const char *const *allowed, const char *what, const char *where,
                      wp_error *err)
{
    const char *key;
    json_t *v;
    int rc = 0;

    if (soort_van(entry) != W_MAP)
        return wp_error_add(err, WP_EUSER, where, "%s moet een mapping zijn (sleutel: waarde)", what);
    if (entry.yaml != NULL) {
        for (size_t i = 0; i < entry.yaml->n; i++)
            if (check_key(entry.yaml->items[2 * i]->str, allowed, what, where, err) != 0)
                rc = -1;
        return rc;
    }
    json_object_foreach(entry.json, key, v) {
        (void)v;
        if (check_key(key, allowed, what, where, err) != 0)
            rc = -1;
    }
    return rc;
}

/* A string field, or NULL when absent; a wrong type is an error. */
static int get_text(struct waarde entry, const char *key, const char **out, const char *where, wp_error *err)
{
    struct waarde v = veld_van(entry, key);

    *out = NULL;
    switch (soort_van(v)) {
    case W_AFWEZIG:
    case W_NULL:
        return 0;
    case W_TEKST:
        *out = tekst_van(v);
        return 0;
    case W_GETAL:
        return wp_error_add(err, WP_EUSER, where, "'%s' moet tekst zijn; zet getallen tussen aanhalingstekens", key);
    default:
        return wp_error_add(err, WP_EUSER, where, "'%s' moet tekst zijn", key);
    }
}

static int get_number(struct waarde entry, const char *key, double fallback, double *out, const char *where,
                      wp_error *err)
{
    struct waarde v = veld_van(entry, key);
    enum soort_waarde soort = soort_van(v);

    *out = fallback;
    if (soort == W_AFWEZIG)
        return 0;
    if (soort != W_GETAL)
        return wp_error_add(err, WP_EUSER, where, "'%s' moet een getal zijn", key);
    *out = getal_van(v);
    return 0;
}

/* omgevingen may be one name or a list of names. */
static int get_omgevingen(struct waarde entry, json_t *held, json_t **out, const char *where, wp_error *err)
{
    struct waarde v = veld_van(entry, "omgevingen");
    enum soort_waarde soort = soort_van(v);

    *out = NULL;
    if (soort == W_AFWEZIG || soort == W_NULL)
        return 0;
    if (soort == W_TEKST) {
        *out = json_pack("[s]", tekst_van(v));
        json_array_append_new(held, *out);
        return 0;
    }
    if (soort != W_LIJST)
        return wp_error_add(err, WP_EUSER, where, "'omgevingen' moet een lijst van namen zijn");
    for (size_t i = 0; i < aantal_items(v); i++)
        if (soort_van(item_van(v, i)) != W_TEKST)
            return wp_error_add(err, WP_EUSER, where, "'omgevingen' moet een lijst van namen zijn");
    *out = als_json(v, held);
    return 0;
}

static int read_bezwaren(struct waarde entry, json_t *held, json_t **out, const char *where, wp_error *err)
{
    struct waarde list = veld_van(entry, "bezwaren");
    enum soort_waarde soort = soort_van(list);

    *out = NULL;
    if (soort == W_AFWEZIG)
        return 0;
    *out = als_json(list, held);
    if (soort == W_NULL)
        return 0;
    if (soort != W_LIJST)
        return wp_error_add(err, WP_EUSER, where, "'bezwaren' moet een lijst zijn");
    for (size_t i = 0; i < aantal_items(list); i++)
        if (check_keys(item_van(list, i), keys_bezwaar, "een bezwaar", where, err) != 0)
            return -1;
    return 0;
}

static int read_entry(const struct plugin_stap *stap, struct waarde entry, json_t *held, enum feit_soort *soort,
                      struct feit_invoer *in, const char *where, wp_error *err)
{
    struct waarde gevoelig;

    memset(in, 0, sizeof *in);
    switch (stap->invoer) {
    case INVOER_BIJDRAGE:
        *soort = FEIT_BIJDRAGE;
        if (check_keys(entry, keys_bijdrage, "een bijdrage", where, err) != 0 ||
            get_text(entry, "id", &in->ref, where, err) != 0 || get_text(entry, "wie", &in->deelnemer, where, err) ||
            get_text(entry, "veld", &in->veld, where, err) != 0 || get_text(entry, "tekst", &in->tekst, where, err) ||
            get_text(entry, "bij", &in->bij, where, err) != 0 ||
            get_omgevingen(entry, held, &in->omgevingen, where, err) != 0)
            return -1;
        gevoelig = veld_van(entry, "gevoelig");
        if (soort_van(gevoelig) == W_AFWEZIG)
            return 0;
        if (soort_van(gevoelig) != W_JANEE)
            return wp_error_add(err, WP_EUSER, where, "'gevoelig' moet ja of nee zijn");
        in->gevoelig = waar_van(gevoelig);
        return 0;
    case INVOER_STEM:
        *soort = FEIT_STEM;
        if (check_keys(entry, keys_stem, "een stem", where, err) != 0 ||
            get_text(entry, "wie", &in->deelnemer, where, err) != 0 || get_text(entry, "op", &in->op, where, err) ||
            get_number(entry, "aantal", 1, &in->waarde, where, err) != 0)
            return -1;
        in->ref = in->op;
        return 0;
    case INVOER_PLAATSING:
        *soort = FEIT_PLAATSING;
        if (check_keys(entry, keys_plaatsing, "een plaatsing", where, err) != 0 ||
            get_text(entry, "wie", &in->deelnemer, where, err) != 0 || get_text(entry, "op", &in->op, where, err) ||
            get_text(entry, "tekst", &in->tekst, where, err) != 0)
            return -1;
        if (soort_van(veld_van(entry, "waarde")) == W_AFWEZIG)
            return wp_error_add(err, WP_EUSER, where, "een plaatsing heeft een 'waarde' nodig (een plek op de schaal)");
        if (get_number(entry, "waarde", 0, &in->waarde, where, err) != 0)
            return -1;
        in->ref = in->op;
        return 0;
    case INVOER_BESLUIT:
        *soort = FEIT_BESLUIT;
        if (check_keys(entry, keys_besluit, "een besluit", where, err) != 0 ||
            get_text(entry, "wie", &in->deelnemer, where, err) != 0 ||
            get_text(entry, "tekst", &in->tekst, where, err) != 0 ||
            get_text(entry, "uitkomst", &in->uitkomst, where, err) != 0 ||
            read_bezwaren(entry, held, &in->bezwaren, where, err) != 0)
            return -1;
        return 0;
    case INVOER_GEEN:
        break;
    }
    return wp_error_add(err, WP_EUSER, where, "stap '%s' neemt geen invoer aan", stap->id);
}

int invoer_from_json(const struct plugin_stap *stap, json_t *entry, enum feit_soort *soort,
                     struct feit_invoer *in, const char *where, wp_error *err)
{
    struct waarde w = { entry, NULL };
    json_t *held = json_array();
    int rc;

    if (held == NULL)
        return wp_error_add(err, WP_EINTERNAL, where, "onvoldoende geheugen");
    rc = read_entry(stap, w, held, soort, in, where, err);
    /* omgevingen written as one name became a list here: it goes to live
     * in entry, as everything else *in points to does. */
    if (rc == 0 && in->omgevingen != NULL && in->omgevingen != json_object_get(entry, "omgevingen"))
        json_object_set(entry, "omgevingen", in->omgevingen);
    json_decref(held);
    return rc;
}

int invoer_from_yaml(const struct plugin_stap *stap, const struct yamlx_node *entry, json_t *held,
                     enum feit_soort *soort, struct feit_invoer *in, const char *where, wp_error *err)
{
    struct waarde w = { NULL, entry };

    return read_entry(stap, w, held, soort, in, where, err);
}

/* Reads a plain scalar as a number when the whole of it is one. */
static json_t *plain_scalar(const struct yamlx_node *n)
{
    long long i = 0;
    double d = 0;

    switch (read_plain(n, &i, &d)) {
    case PLAIN_NULL: return json_null();
    case PLAIN_TRUE: return json_true();
    case PLAIN_FALSE: return json_false();
    case PLAIN_INT: return json_integer(i);
    case PLAIN_REAL: return json_real(d);
    case PLAIN_TEXT: break;
    }
    return json_string(n->str);
}

json_t *invoer_yaml_to_json(const struct yamlx_node *n)
{
    json_t *out;

    switch (n->kind) {
    case YAMLX_SCALAR:
        return n->plain ? plain_scalar(n) : json_string(n->str);
    case YAMLX_SEQ:
        out = json_array();
        for (size_t i = 0; i < n->n; i++)
            json_array_append_new(out, invoer_yaml_to_json(n->items[i]));
        return out;
    case YAMLX_MAP:
        out = json_object();
        for (size_t i = 0; i < n->n; i++)
            json_object_set_new(out, n->items[2 * i]->str, invoer_yaml_to_json(n->items[2 * i + 1]));
        return out;
    }
    return json_null();
}
