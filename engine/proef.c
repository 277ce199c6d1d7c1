/* proef.c: runs a werkvorm's voorbeeld through the session code and compares. */
#include "werkplaats/proef.h"

#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "werkplaats/deelnemer.h"
#include "werkplaats/invoer.h"
#include "werkplaats/sessie.h"
#include "werkplaats/text.h"
#include "werkplaats/traject.h"

/* --- comparing -------------------------------------------------------------- */

static char *short_json(json_t *v, char *buf, size_t size)
{
    char *text = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);

    snprintf(buf, size, "%s", text ? text : "?");
    if (strlen(buf) == size - 1 && size > 4)
        memcpy(buf + size - 4, "...", 4);
    free(text);
    return buf;
}

static int same_scalar(json_t *a, json_t *b)
{
    if (json_is_number(a) && json_is_number(b))
        return fabs(json_number_value(a) - json_number_value(b)) < 1e-9;
    return json_equal(a, b);
}

int proef_compare(json_t *expected, json_t *actual, const char *path, wp_error *err)
{
    char sub[1024], want[256], got[256];
    const char *key;
    json_t *v;
    size_t i;
    int rc = 0;

    if (actual == NULL)
        return wp_error_add(err, WP_EUSER, NULL, "%s: verwacht %s, maar het resultaat heeft dit niet", path,
                            short_json(expected, want, sizeof want));
    if (json_is_object(expected)) {
        if (!json_is_object(actual))
            return wp_error_add(err, WP_EUSER, NULL, "%s: verwacht een tabel met sleutels, kreeg %s", path,
                                short_json(actual, got, sizeof got));
        json_object_foreach(expected, key, v) {
            snprintf(sub, sizeof sub, "%s.%s", path, key);
            if (proef_compare(v, json_object_get(actual, key), sub, err) != 0)
                rc = -1;
        }
        return rc;
    }
    if (json_is_array(expected)) {
        if (!json_is_array(actual))
            return wp_error_add(err, WP_EUSER, NULL, "%s: verwacht een lijst, kreeg %s", path,
                                short_json(actual, got, sizeof got));
        json_array_foreach(expected, i, v) {
            snprintf(sub, sizeof sub, "%s[%zu]", path, i + 1);  /* Lua counts from 1 */
            if (proef_compare(v, json_array_get(actual, i), sub, err) != 0)
                rc = -1;
        }
        return rc;
    }
    if (!same_scalar(expected, actual))
        return wp_error_add(err, WP_EUSER, NULL, "%s: verwacht %s, kreeg %s", path,
                            short_json(expected, want, sizeof want), short_json(actual, got, sizeof got));
    return 0;
}

/* --- running ------------------------------------------------------------------ */

static int add_people(struct traject *t, json_t *deelnemers, wp_error *err)
{
    size_t i;
    json_t *d;

    json_array_foreach(deelnemers, i, d) {
        const char *id = json_string_value(json_object_get(d, "id"));
        const char *groep = json_string_value(json_object_get(d, "groep"));
        char hint[128];
        if (id == NULL || groep == NULL)
            return wp_error_add(err, WP_EUSER, NULL, "voorbeeld.deelnemers[%zu] heeft 'id' en 'groep' nodig", i + 1);
        if (text_index(groep, (const char *const *)t->methode->groepen) < 0)
            return wp_error_add(err, WP_EUSER, NULL, "voorbeeld.deelnemers[%zu]: onbekende groep '%s'%s", i + 1, groep,
                                text_hint(hint, sizeof hint, groep, (const char *const *)t->methode->groepen));
        if (deelnemer_add(t->store, id, json_string_value(json_object_get(d, "naam")), groep, NULL, err) != 0)
            return -1;
    }
    return 0;
}

/* Feeds voorbeeld.invoer step by step, in the werkvorm's order. */
static long long feed_inputs(struct sessie *s, json_t *invoer, wp_error *err)
{
    const char *key;
    json_t *v;
    long long count = 0;
    char where[256], hint[128];
    const char *ids[64];
    size_t n = 0;

    for (; n < s->card->n_stappen && n < 63; n++)
        ids[n] = s->card->stappen[n].id;
    ids[n] = NULL;
    json_object_foreach(invoer, key, v) {
        (void)v;
        if (text_index(key, ids) < 0)
            return wp_error_add(err, WP_EUSER, NULL, "voorbeeld.invoer.%s: de werkvorm heeft geen stap '%s'%s", key,
                                key, text_hint(hint, sizeof hint, key, ids));
    }
    for (size_t i = 0; i < s->card->n_stappen; i++) {
        json_t *entries = json_object_get(invoer, s->card->stappen[i].id), *entry;
        size_t k;
        if (json_array_size(entries) == 0)
            continue;
        while ((size_t)s->stap < i)
            if (sessie_next_step(s, "voorbeeld", NULL, err) != 0)
                return -1;
        json_array_foreach(entries, k, entry) {
            struct feit_invoer in;
            enum feit_soort soort;
            snprintf(where, sizeof where, "voorbeeld.invoer.%s[%zu]", s->card->stappen[i].id, k + 1);
            if (invoer_from_json(&s->card->stappen[i], entry, &soort, &in, where, err) != 0 ||
                sessie_add(s, soort, &in, where, err) < 0)
                return -1;
            count++;
        }
    }
    return count;
}

/* The voorbeeld may name its own casus, relative to the werkvorm file. */
static const char *casus_for(const char *werkvorm_path, json_t *voorbeeld, const char *fallback, char *buf,
                             size_t size)
{
    const char *named = json_string_value(json_object_get(voorbeeld, "casus"));
    char copy[PATH_MAX];

    if (named == NULL)
        return fallback;
    if (named[0] == '/')
        return named;
    snprintf(copy, sizeof copy, "%s", werkvorm_path);
    snprintf(buf, size, "%s/%s", dirname(copy), named);
    return buf;
}

static json_t *read_voorbeeld(const char *path, const struct proef_opties *opt, int *sprint, wp_error *err)
{
    struct plugin_context ctx;
    struct plugin *p;
    json_t *voorbeeld;

    memset(&ctx, 0, sizeof ctx);
    ctx.methode = opt->methode;
    ctx.leveringen = opt->leveringen;
    ctx.n_leveringen = opt->n_leveringen;
    ctx.limits = plugin_default_limits;
    if ((p = plugin_load(path, &ctx, err)) == NULL)
        return NULL;
    *sprint = plugin_card(p)->sprint;
    voorbeeld = plugin_voorbeeld(p, err);
    if (voorbeeld == NULL && !wp_error_failed(err))
        wp_error_add(err, WP_EUSER, path, "werkvorm '%s' heeft geen voorbeeld; voeg 'voorbeeld = { invoer = ..., "
                     "verwacht = ... }' toe (zie werkvormen/README.md)", plugin_card(p)->id);
    else if (voorbeeld != NULL && json_object_get(voorbeeld, "verwacht") == NULL)
        wp_error_add(err, WP_EUSER, path, "het voorbeeld van werkvorm '%s' heeft geen 'verwacht': zonder verwacht "
                     "resultaat test het niets", plugin_card(p)->id);
    plugin_free(p);
    if (wp_error_failed(err)) {
        json_decref(voorbeeld);
        return NULL;
    }
    return voorbeeld;
}

static void report(const struct proef_opties *opt, const struct sessie *s, long long inputs, json_t *result)
{
    const char *key;
    json_t *v;
    int first = 1;

    if (opt->uit == NULL)
        return;
    fprintf(opt->uit, "werkvorm %s: voorbeeld geslaagd (%lld invoer; resultaat: ", s->card->id, inputs);
    json_object_foreach(result, key, v) {
        (void)v;
        fprintf(opt->uit, "%s%s", first ? "" : ", ", key);
        first = 0;
    }
    fprintf(opt->uit, ")\n");
    if (opt->toon_resultaat) {
        json_dumpf(result, opt->uit, JSON_INDENT(2) | JSON_SORT_KEYS);
        fputc('\n', opt->uit);
    }
}

int proef_run(const char *path, const struct proef_opties *opt, wp_error *err)
{
    char casus_buf[PATH_MAX];
    int sprint = 0, rc = -1;
    long long inputs;
    json_t *voorbeeld, *result = NULL;
    struct store *store = NULL;
    struct traject *t = NULL;
    struct sessie *s = NULL;

    if ((voorbeeld = read_voorbeeld(path, opt, &sprint, err)) == NULL)
        return -1;
    if ((store = store_open(":memory:", STORE_CREATE, err)) == NULL ||
        traject_create(store, opt->methode, casus_for(path, voorbeeld, opt->casus_pad, casus_buf, sizeof casus_buf),
                       1, err) != 0 ||
        (t = traject_open(store, opt->methode, err)) == NULL ||
        traject_rehearse(t, sprint, json_object_get(voorbeeld, "resultaten"), err) != 0 ||
        add_people(t, json_object_get(voorbeeld, "deelnemers"), err) != 0 ||
        (s = sessie_open_file(t, path, opt->leveringen, opt->n_leveringen, NULL, NULL, err)) == NULL)
        goto out;
    if ((inputs = feed_inputs(s, json_object_get(voorbeeld, "invoer"), err)) < 0 ||
        (result = sessie_close(s, err)) == NULL)
        goto out;
    if (proef_compare(json_object_get(voorbeeld, "verwacht"), result, "resultaat", err) != 0) {
        wp_error_add(err, WP_EUSER, path, "het resultaat van werkvorm '%s' wijkt af van 'verwacht' in het voorbeeld",
                     s->card->id);
        goto out;
    }
    report(opt, s, inputs, result);
    rc = 0;
out:
    json_decref(result);
    sessie_free(s);
    traject_free(t);
    store_close(store);
    json_decref(voorbeeld);
    return rc;
}
