/* invoer.c: written inputs (draaiboek, voorbeeld) to facts. */
#include "werkplaats/invoer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "werkplaats/text.h"

static const char *const keys_bijdrage[] = { "id", "wie", "veld", "tekst", "omgevingen", "bij", "gevoelig", NULL };
static const char *const keys_stem[] = { "wie", "op", "aantal", NULL };
static const char *const keys_plaatsing[] = { "wie", "op", "waarde", "tekst", NULL };
static const char *const keys_besluit[] = { "wie", "tekst", "uitkomst", "bezwaren", NULL };
static const char *const keys_bezwaar[] = { "wie", "tekst", "opgelost", NULL };

static int check_keys(json_t *entry, const char *const *allowed, const char *what, const char *where,
                      wp_error *err)
{
    const char *key;
    json_t *v;
    char hint[128], choices[256];
    int rc = 0;

    if (!json_is_object(entry))
        return wp_error_add(err, WP_EUSER, where, "%s moet een mapping zijn (sleutel: waarde)", what);
    json_object_foreach(entry, key, v) {
        (void)v;
        if (text_index(key, allowed) < 0)
            rc = wp_error_add(err, WP_EUSER, where, "onbekend veld '%s' in %s%s; bekende velden: %s", key, what,
                              text_hint(hint, sizeof hint, key, allowed),
                              text_choices(choices, sizeof choices, allowed));
    }
    return rc;
}

/* A string field, or NULL when absent; a wrong type is an error. */
static int get_text(json_t *entry, const char *key, const char **out, const char *where, wp_error *err)
{
    json_t *v = json_object_get(entry, key);

    *out = NULL;
    if (v == NULL || json_is_null(v))
        return 0;
    if (json_is_integer(v) || json_is_real(v))
        return wp_error_add(err, WP_EUSER, where, "'%s' moet tekst zijn; zet getallen tussen aanhalingstekens", key);
    if (!json_is_string(v))
        return wp_error_add(err, WP_EUSER, where, "'%s' moet tekst zijn", key);
    *out = json_string_value(v);
    return 0;
}

static int get_number(json_t *entry, const char *key, double fallback, double *out, const char *where,
                      wp_error *err)
{
    json_t *v = json_object_get(entry, key);

    *out = fallback;
    if (v == NULL)
        return 0;
    if (!json_is_number(v))
        return wp_error_add(err, WP_EUSER, where, "'%s' moet een getal zijn", key);
    *out = json_number_value(v);
    return 0;
}

/* omgevingen may be one name or a list of names. */
static int get_omgevingen(json_t *entry, json_t **out, const char *where, wp_error *err)
{
    json_t *v = json_object_get(entry, "omgevingen");
    size_t i;
    json_t *x;

    *out = NULL;
    if (v == NULL || json_is_null(v))
        return 0;
    if (json_is_string(v)) {
        json_t *one = json_pack("[O]", v);
        json_object_set_new(entry, "omgevingen", one);
        *out = one;
        return 0;
    }
    if (!json_is_array(v))
        return wp_error_add(err, WP_EUSER, where, "'omgevingen' moet een lijst van namen zijn");
    json_array_foreach(v, i, x)
        if (!json_is_string(x))
            return wp_error_add(err, WP_EUSER, where, "'omgevingen' moet een lijst van namen zijn");
    *out = v;
    return 0;
}

static int read_bezwaren(json_t *entry, const char *where, wp_error *err)
{
    json_t *list = json_object_get(entry, "bezwaren"), *b;
    size_t i;

    if (list == NULL || json_is_null(list))
        return 0;
    if (!json_is_array(list))
        return wp_error_add(err, WP_EUSER, where, "'bezwaren' moet een lijst zijn");
    json_array_foreach(list, i, b)
        if (check_keys(b, keys_bezwaar, "een bezwaar", where, err) != 0)
            return -1;
    return 0;
}

int invoer_from_json(const struct plugin_stap *stap, json_t *entry, enum feit_soort *soort,
                     struct feit_invoer *in, const char *where, wp_error *err)
{
    json_t *gevoelig;

    memset(in, 0, sizeof *in);
    switch (stap->invoer) {
    case INVOER_BIJDRAGE:
        *soort = FEIT_BIJDRAGE;
        if (check_keys(entry, keys_bijdrage, "een bijdrage", where, err) != 0 ||
            get_text(entry, "id", &in->ref, where, err) != 0 || get_text(entry, "wie", &in->deelnemer, where, err) ||
            get_text(entry, "veld", &in->veld, where, err) != 0 || get_text(entry, "tekst", &in->tekst, where, err) ||
            get_text(entry, "bij", &in->bij, where, err) != 0 ||
            get_omgevingen(entry, &in->omgevingen, where, err) != 0)
            return -1;
        gevoelig = json_object_get(entry, "gevoelig");
        if (gevoelig != NULL && !json_is_boolean(gevoelig))
            return wp_error_add(err, WP_EUSER, where, "'gevoelig' moet ja of nee zijn");
        in->gevoelig = json_is_true(gevoelig);
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
        if (json_object_get(entry, "waarde") == NULL)
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
            get_text(entry, "uitkomst", &in->uitkomst, where, err) != 0 || read_bezwaren(entry, where, err) != 0)
            return -1;
        in->bezwaren = json_object_get(entry, "bezwaren");
        return 0;
    case INVOER_GEEN:
        break;
    }
    return wp_error_add(err, WP_EUSER, where, "stap '%s' neemt geen invoer aan", stap->id);
}

/* Reads a plain scalar as a number when the whole of it is one. */
static json_t *plain_scalar(const struct yamlx_node *n)
{
    char *end;
    long long i;
    double d;

    if (yamlx_is_null(n))
        return json_null();
    if (strcmp(n->str, "true") == 0 || strcmp(n->str, "ja") == 0)
        return json_true();
    if (strcmp(n->str, "false") == 0 || strcmp(n->str, "nee") == 0)
        return json_false();
    errno = 0;
    i = strtoll(n->str, &end, 10);
    if (*end == '\0' && errno == 0)
        return json_integer(i);
    d = strtod(n->str, &end);
    if (*end == '\0' && errno == 0 && d == d)
        return json_real(d);
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
