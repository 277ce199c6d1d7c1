/*
 * rapport_util.c: small helpers of the report modules: reading JSON of any
 * shape, replacing names for --pseudoniem, colours, labels, and choosing
 * what fits on one page.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport_intern.h"

const char *rj_str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

json_t *rj_arr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);

    return json_is_array(v) ? v : NULL;
}

json_t *rj_obj(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);

    return json_is_object(v) ? v : NULL;
}

json_t *rj_path(json_t *o, const char *path)
{
    char part[128];

    while (o != NULL && *path != '\0') {
        size_t n = strcspn(path, ".");
        if (n >= sizeof part)
            return NULL;
        memcpy(part, path, n);
        part[n] = '\0';
        o = json_object_get(o, part);
        path += n;
        if (*path == '.')
            path++;
    }
    return o;
}

double rj_num(json_t *o, const char *key, double fallback)
{
    json_t *v = json_object_get(o, key);

    return json_is_number(v) ? json_number_value(v) : fallback;
}

int rj_has_num(json_t *o, const char *key)
{
    return json_is_number(json_object_get(o, key));
}

const char *rj_tekst(json_t *item)
{
    static const char *const keys[] = { "tekst", "naam", "vraag", "wat", "interventie", NULL };

    if (json_is_string(item))
        return json_string_value(item);
    for (int i = 0; keys[i] != NULL; i++)
        if (rj_str(item, keys[i]) != NULL)
            return rj_str(item, keys[i]);
    return NULL;
}

const char *rj_id(json_t *item, char *buf, size_t size)
{
    json_t *id = json_object_get(item, "id");

    if (json_is_string(id))
        return json_string_value(id);
    if (json_is_integer(id)) {
        snprintf(buf, size, "%lld", (long long)json_integer_value(id));
        return buf;
    }
    return NULL;
}

int rj_array_has(json_t *a, const char *s)
{
    json_t *v;
    size_t i;

    json_array_foreach(a, i, v)
        if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
            return 1;
    return 0;
}

/* --- names ------------------------------------------------------------------ */

/* A byte that can be part of a word: ASCII letters and digits and every
 * byte of a multi-byte UTF-8 character (é, ë, ...). */
static int word_byte(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

/* s with every whole-word occurrence of name replaced; NULL when none. */
static char *replace_word(const char *s, const char *name, const char *with)
{
    size_t nl = strlen(name), wl = strlen(with), count = 0, len = strlen(s);
    const char *p;
    char *out, *o;

    for (p = strstr(s, name); p != NULL; p = strstr(p + nl, name))
        if ((p == s || !word_byte((unsigned char)p[-1])) && !word_byte((unsigned char)p[nl]))
            count++;
    if (count == 0)
        return NULL;
    out = malloc(len + count * (wl > nl ? wl - nl : 0) + 1);
    if (out == NULL)
        return NULL;
    o = out;
    for (p = s; *p != '\0';) {
        const char *hit = strstr(p, name);
        if (hit == NULL) {
            strcpy(o, p);
            return out;
        }
        memcpy(o, p, (size_t)(hit - p));
        o += hit - p;
        if ((hit == s || !word_byte((unsigned char)hit[-1])) && !word_byte((unsigned char)hit[nl])) {
            memcpy(o, with, wl);
            o += wl;
        } else {
            memcpy(o, hit, nl);
            o += nl;
        }
        p = hit + nl;
    }
    *o = '\0';
    return out;
}

/* The names longest first, so "Wim (bakkerij)" goes before "Wim". */
static int longer_first(const void *a, const void *b)
{
    size_t la = strlen(*(const char *const *)a), lb = strlen(*(const char *const *)b);

    return (la < lb) - (la > lb);
}

struct names {
    const char **keys;
    size_t n;
    json_t *pairs, *ids;
};

static json_t *replace_in_string(json_t *v, const struct names *nm)
{
    json_t *exact = json_object_get(nm->ids, json_string_value(v));
    char *cur = NULL;

    if (exact != NULL)
        return json_incref(exact);
    for (size_t i = 0; i < nm->n; i++) {
        char *next = replace_word(cur ? cur : json_string_value(v), nm->keys[i],
                                  json_string_value(json_object_get(nm->pairs, nm->keys[i])));
        if (next != NULL) {
            free(cur);
            cur = next;
        }
    }
    if (cur == NULL)
        return NULL;
    v = json_string(cur);
    free(cur);
    return v;
}

static void replace_in(json_t *v, const struct names *nm)
{
    const char *key;
    json_t *x, *r;
    size_t i;

    if (json_is_array(v)) {
        json_array_foreach(v, i, x) {
            if (json_is_string(x) && (r = replace_in_string(x, nm)) != NULL)
                json_array_set_new(v, i, r);
            else
                replace_in(x, nm);
        }
    } else if (json_is_object(v)) {
        json_object_foreach(v, key, x) {
            if (json_is_string(x) && (r = replace_in_string(x, nm)) != NULL)
                json_object_set_new(v, key, r);
            else
                replace_in(x, nm);
        }
    }
}

void rapport_replace_names(json_t *model, json_t *pairs, json_t *ids)
{
    struct names nm = { NULL, 0, pairs, ids };
    const char *key;
    json_t *v;

    nm.keys = calloc(json_object_size(pairs) + 1, sizeof *nm.keys);
    if (nm.keys == NULL)
        return;
    json_object_foreach(pairs, key, v)
        nm.keys[nm.n++] = key;
    qsort(nm.keys, nm.n, sizeof *nm.keys, longer_first);
    replace_in(model, &nm);
    free(nm.keys);
}

/* --- sorting names -------------------------------------------------------- */

/* Compares like people read: "bewoners #2" before "bewoners #10". */
static int natural_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            unsigned long long x = strtoull(a, (char **)&a, 10), y = strtoull(b, (char **)&b, 10);
            if (x != y)
                return x < y ? -1 : 1;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++, b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

static int natural_qsort(const void *a, const void *b)
{
    return natural_cmp(*(const char *const *)a, *(const char *const *)b);
}

void rapport_sort_names(json_t *names)
{
    size_t n = json_array_size(names), i;
    const char **v = calloc(n + 1, sizeof *v);
    json_t *sorted, *x;

    if (v == NULL || n < 2) {
        free(v);
        return;
    }
    json_array_foreach(names, i, x)
        v[i] = json_string_value(x) ? json_string_value(x) : "";
    qsort(v, n, sizeof *v, natural_qsort);
    sorted = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(sorted, json_string(v[i]));
    json_array_clear(names);
    json_array_extend(names, sorted);
    json_decref(sorted);
    free(v);
}

/* --- colours and labels ------------------------------------------------------ */

/* Tones that stay apart for colour-blind readers and are dark enough for
 * white text on a projector (contrast at least 4.5:1). */
static const char *const omgeving_kleuren[] = { "#b35806", "#1b7837", "#2166ac", "#762a83", "#555555" };
static const char *const groep_kleuren[] = { "#0b5394", "#a64b00", "#00695c", "#6a1b9a", "#37474f", "#ad1457",
                                             "#616161" };

static int index_of(json_t *list, const char *naam)
{
    json_t *v;
    size_t i;

    json_array_foreach(list, i, v)
        if (naam != NULL && json_is_string(v) && strcmp(json_string_value(v), naam) == 0)
            return (int)i;
    return -1;
}

const char *rapport_kleur_omgeving(json_t *omgevingen, const char *naam)
{
    int i = index_of(omgevingen, naam);

    return omgeving_kleuren[i >= 0 && i < 4 ? i : 4];
}

const char *rapport_kleur_groep(json_t *groepen, const char *naam)
{
    int i = index_of(groepen, naam);

    return groep_kleuren[i >= 0 && i < 6 ? i : 6];
}

void rapport_label(struct writer *w, const char *key)
{
    static const char *const known[][2] = {
        { "eerdere_sprints", "Uitleg van de eerdere sprints" },
        { "ideeen", "Ideeën" },
        { "gekozen_ideeen", "Gekozen ideeën" },
        { "definitieve_interventies", "Definitieve interventies" },
        { "testuitkomsten", "Testuitkomsten" },
        { "per_omgeving", "Per omgeving" },
        { "stemmen_per_groep", "Stemmen per groep" },
        { "feiten", "Gevonden feiten" },
        { "probleem", "Ontwerp van het probleem" },
        { "tijdspad", "Tijdspad" },
        { "scenarios", "Scenario's" },
        { "risicos", "Risico's" },
        { NULL, NULL },
    };
    char buf[256];

    for (int i = 0; known[i][0] != NULL; i++)
        if (strcmp(known[i][0], key) == 0) {
            w_text(w, known[i][1]);
            return;
        }
    snprintf(buf, sizeof buf, "%s", key);
    for (char *p = buf; *p; p++)
        if (*p == '_')
            *p = ' ';
    buf[0] = (char)toupper((unsigned char)buf[0]);
    w_text(w, buf);
}

/* --- one page --------------------------------------------------------------- */

/* The kind of a text: the word before ": " when it is short ("beleving",
 * "sociaal"), else "" (all plain texts are one kind). */
static void kind_of(const char *s, char *buf, size_t size)
{
    const char *colon = s ? strstr(s, ": ") : NULL;
    size_t n = colon ? (size_t)(colon - s) : 0;

    if (colon == NULL || n == 0 || n >= 24 || n >= size || memchr(s, ' ', n) != NULL)
        n = 0;
    memcpy(buf, s ? s : "", n);
    buf[n] = '\0';
}

json_t *rapport_pick(json_t *list, size_t max)
{
    json_t *kinds = json_object(), *order = json_array(), *out = json_array(), *v, *chosen;
    size_t i, round = 0, n = json_array_size(list);
    char kind[32];

    if (n <= max) {
        json_decref(kinds);
        json_decref(order);
        json_array_extend(out, list);
        return out;
    }
    /* Group by kind, keeping first-seen order of kinds and of items. */
    json_array_foreach(list, i, v) {
        json_t *group;
        kind_of(rj_tekst(v), kind, sizeof kind);
        if ((group = json_object_get(kinds, kind)) == NULL) {
            group = json_array();
            json_object_set_new(kinds, kind, group);
            json_array_append_new(order, json_string(kind));
        }
        json_array_append_new(group, json_integer((json_int_t)i));
    }
    chosen = json_array();
    while (json_array_size(chosen) < max) {
        int any = 0;
        json_array_foreach(order, i, v) {
            json_t *group = json_object_get(kinds, json_string_value(v));
            if (round < json_array_size(group) && json_array_size(chosen) < max) {
                json_array_append(chosen, json_array_get(group, round));
                any = 1;
            }
        }
        if (!any)
            break;
        round++;
    }
    /* Back in the list's own order. */
    for (i = 0; i < n; i++) {
        size_t j;
        json_t *c;
        json_array_foreach(chosen, j, c)
            if ((size_t)json_integer_value(c) == i)
                json_array_append(out, json_array_get(list, i));
    }
    json_decref(chosen);
    json_decref(kinds);
    json_decref(order);
    return out;
}
