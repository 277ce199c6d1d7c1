/*
 * regie_rijen.c: what the current step shows, as rows built from the facts
 * view: contributions grouped as the step defines them (per veld, else per
 * combination of omgevingen), vote tallies with the votes each participant
 * has left, placements per point of the scale, decisions with their
 * objections. The full screen draws these rows and the line mode prints
 * them, so both show the same.
 */
#include "regie_internal.h"

#include <stdlib.h>
#include <string.h>

struct rows {
    struct regie_rij *rij;
    size_t n, cap;
    int failed;
};

static void push(struct rows *rs, int kop, const char *ref, char *tekst)
{
    struct regie_rij *row;

    if (tekst == NULL || rs->failed) {
        free(tekst);
        rs->failed = 1;
        return;
    }
    if (rs->n == rs->cap) {
        size_t ncap = rs->cap ? rs->cap * 2 : 32;
        struct regie_rij *grown = realloc(rs->rij, ncap * sizeof *grown);
        if (grown == NULL) {
            free(tekst);
            rs->failed = 1;
            return;
        }
        rs->rij = grown;
        rs->cap = ncap;
    }
    row = &rs->rij[rs->n];
    row->kop = kop;
    row->tekst = tekst;
    row->ref = NULL;
    if (ref != NULL && (row->ref = strdup(ref)) == NULL) {
        free(tekst);
        rs->failed = 1;
        return;
    }
    rs->n++;
}

static const char *str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));

    return s ? s : "";
}

/* --- contributions ------------------------------------------------------------ */

/* "b3  anna (bewoners): tekst  #fysiek", leaving out what the group shows. */
static char *bijdrage_text(json_t *b, int show_veld, int show_tags)
{
    char who[160], tags[256] = "", veld[96] = "";
    size_t i;
    json_t *o;

    regie_who(b, who, sizeof who);
    if (show_tags)
        json_array_foreach(json_object_get(b, "omgevingen"), i, o)
            snprintf(tags + strlen(tags), sizeof tags - strlen(tags), " #%s", json_string_value(o));
    if (show_veld && json_object_get(b, "veld") != NULL)
        snprintf(veld, sizeof veld, "%s: ", str(b, "veld"));
    return regie_format("%-4s %s%s%s%s%s", str(b, "id"), who, who[0] ? ": " : "", veld, str(b, "tekst"), tags);
}

/* The key a contribution is grouped under when its step asks for
 * omgevingen: the combination, in the methode's order ("fysiek + sociaal"). */
static void omgeving_key(json_t *b, char *const *omgevingen, char *key, size_t size)
{
    json_t *list = json_object_get(b, "omgevingen");
    size_t i;
    json_t *o;

    key[0] = '\0';
    for (size_t m = 0; omgevingen[m] != NULL; m++)
        json_array_foreach(list, i, o)
            if (strcmp(json_string_value(o), omgevingen[m]) == 0)
                snprintf(key + strlen(key), size - strlen(key), "%s%s", key[0] ? " + " : "", omgevingen[m]);
    if (key[0] == '\0')
        snprintf(key, size, "zonder omgeving");
}

static size_t collect(json_t *view, const char *stap, json_t **out, size_t max)
{
    size_t n = 0, i;
    json_t *b;

    json_array_foreach(json_object_get(view, "bijdragen"), i, b)
        if (n < max && (stap == NULL || strcmp(str(b, "stap"), stap) == 0))
            out[n++] = b;
    return n;
}

static void rows_per_veld(struct rows *rs, const struct plugin_stap *st, json_t **list, size_t n)
{
    for (size_t v = 0; st->velden[v] != NULL; v++) {
        size_t count = 0;
        for (size_t i = 0; i < n; i++)
            count += strcmp(str(list[i], "veld"), st->velden[v]) == 0;
        push(rs, 1, NULL, regie_format("%s (%zu)", st->velden[v], count));
        for (size_t i = 0; i < n; i++)
            if (strcmp(str(list[i], "veld"), st->velden[v]) == 0)
                push(rs, 0, str(list[i], "id"), bijdrage_text(list[i], 0, 1));
    }
}

/* Groups appear in the order their first contribution came in. */
static void rows_per_omgeving(struct rows *rs, char *const *omgevingen, json_t **list, size_t n)
{
    char key[256], other[256];
    int *done = calloc(n ? n : 1, sizeof *done);

    if (done == NULL) {
        rs->failed = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        size_t count = 0;
        if (done[i])
            continue;
        omgeving_key(list[i], omgevingen, key, sizeof key);
        for (size_t j = i; j < n; j++) {
            omgeving_key(list[j], omgevingen, other, sizeof other);
            count += strcmp(key, other) == 0;
        }
        push(rs, 1, NULL, regie_format("%s (%zu)", key, count));
        for (size_t j = i; j < n; j++) {
            omgeving_key(list[j], omgevingen, other, sizeof other);
            if (!done[j] && strcmp(key, other) == 0) {
                done[j] = 1;
                push(rs, 0, str(list[j], "id"), bijdrage_text(list[j], 1, 0));
            }
        }
    }
    free(done);
}

static void rows_bijdragen(struct regie *r, struct rows *rs, const struct plugin_stap *st)
{
    size_t max = json_array_size(json_object_get(r->view, "bijdragen")) + 1, n;
    json_t **list = malloc(max * sizeof *list);

    if (list == NULL) {
        rs->failed = 1;
        return;
    }
    n = collect(r->view, st->id, list, max);
    if (n == 0)
        push(rs, 0, NULL, regie_format("nog geen bijdragen; typ er een en druk op Enter"));
    else if (st->velden != NULL)
        rows_per_veld(rs, st, list, n);
    else if (st->omgevingen != 0)
        rows_per_omgeving(rs, r->s->traject->methode->omgevingen, list, n);
    else
        for (size_t i = 0; i < n; i++)
            push(rs, 0, str(list[i], "id"), bijdrage_text(list[i], 1, 1));
    free(list);
}

/* A step without input shows what the session gathered so far, per step. */
static void rows_overzicht(struct regie *r, struct rows *rs)
{
    const struct plugin_card *c = r->s->card;
    size_t max = json_array_size(json_object_get(r->view, "bijdragen")) + 1;
    json_t **list = malloc(max * sizeof *list);

    if (list == NULL) {
        rs->failed = 1;
        return;
    }
    push(rs, 0, NULL, regie_format("deze stap vraagt geen invoer; lees de instructie voor"));
    for (size_t s = 0; s < c->n_stappen; s++) {
        size_t n = collect(r->view, c->stappen[s].id, list, max);
        if (n == 0)
            continue;
        push(rs, 1, NULL, regie_format("%s (%zu)", c->stappen[s].titel, n));
        for (size_t i = 0; i < n; i++)
            push(rs, 0, str(list[i], "id"), bijdrage_text(list[i], 1, 1));
    }
    free(list);
}

/* --- votes ----------------------------------------------------------------------- */

/* The votes cast in this step on op (or by wie). */
static long long tally(json_t *view, const char *stap, const char *key, const char *value)
{
    long long sum = 0;
    size_t i;
    json_t *v;

    json_array_foreach(json_object_get(view, "stemmen"), i, v)
        if (strcmp(str(v, "stap"), stap) == 0 && strcmp(str(v, key), value) == 0)
            sum += json_integer_value(json_object_get(v, "aantal"));
    return sum;
}

/* A bar of n blocks, at most ten, padded with spaces to ten columns, so
 * the texts after it line up. */
static void bar(long long n, char *buf, size_t size)
{
    size_t used = 0;

    buf[0] = '\0';
    for (long long i = 0; i < 10 && used + 4 < size; i++) {
        if (i < n) {
            memcpy(buf + used, "\xe2\x96\x88", 3);   /* a full block */
            used += 3;
        } else {
            buf[used++] = ' ';
        }
        buf[used] = '\0';
    }
}

static void rows_stemmen(struct regie *r, struct rows *rs, const struct plugin_stap *st)
{
    char who[2048] = "", blocks[64];
    size_t i;
    json_t *v;

    /* Per participant: the votes used of those each may cast. */
    json_array_foreach(json_object_get(r->view, "stemmen"), i, v) {
        const char *wie = str(v, "deelnemer");
        char item[160];
        snprintf(item, sizeof item, " %s ", wie);
        if (strcmp(str(v, "stap"), st->id) != 0 || strstr(who, item) != NULL)
            continue;
        snprintf(who + strlen(who), sizeof who - strlen(who), "%s %s %lld/%d", who[0] ? "," : "", wie,
                 tally(r->view, st->id, "deelnemer", wie), st->stemmen);
    }
    push(rs, 1, NULL, who[0] ? regie_format("gestemd:%s", who)
                             : regie_format("nog geen stemmen; typ @wie REF REF (%d per deelnemer)", st->stemmen));
    for (size_t k = 0; r->items != NULL && r->items[k] != NULL; k++) {
        json_t *b = regie_view_bijdrage(r, r->items[k]);
        long long n = tally(r->view, st->id, "op", r->items[k]);
        bar(n, blocks, sizeof blocks);
        push(rs, 0, r->items[k], regie_format("%-4s %2lld %s %s", r->items[k], n, blocks, b ? str(b, "tekst") : ""));
    }
}

/* --- placements ----------------------------------------------------------------- */

/* What a placement is about: a betrokkene or label as is, a contribution
 * with its text ("b3 De lampen zijn kapot"). */
static char *placed_item(struct regie *r, const char *op)
{
    json_t *b = regie_view_bijdrage(r, op);

    return b != NULL ? regie_format("%s %s", op, str(b, "tekst")) : regie_format("%s", op);
}

static void rows_plaatsingen(struct regie *r, struct rows *rs, const struct plugin_stap *st)
{
    json_t *list = json_object_get(r->view, "plaatsingen"), *p;
    size_t i, unplaced = 0;
    char who[160];

    for (int v = st->schaal_min; v <= st->schaal_max; v++) {
        const char *label = regie_scale_label(st, v);
        push(rs, 1, NULL, regie_format("%d%s%s", v, label ? " " : "", label ? label : ""));
        json_array_foreach(list, i, p)
            if (strcmp(str(p, "stap"), st->id) == 0 && json_number_value(json_object_get(p, "waarde")) == v) {
                char *item = placed_item(r, str(p, "op"));
                regie_who(p, who, sizeof who);
                push(rs, 0, NULL, item ? regie_format("%s%s%s%s%s", item, who[0] ? " door " : "", who,
                                                      json_object_get(p, "tekst") ? ": " : "", str(p, "tekst"))
                                       : NULL);
                free(item);
            }
    }
    for (size_t k = 0; r->items != NULL && r->items[k] != NULL; k++) {
        int placed = 0;
        json_array_foreach(list, i, p)
            placed |= strcmp(str(p, "stap"), st->id) == 0 && strcmp(str(p, "op"), r->items[k]) == 0;
        if (placed)
            continue;
        if (unplaced++ == 0)
            push(rs, 1, NULL, regie_format("nog niet geplaatst"));
        push(rs, 0, NULL, placed_item(r, r->items[k]));
    }
}

/* --- decisions ------------------------------------------------------------------- */

static void rows_bezwaar(struct rows *rs, const char *wie, const char *tekst, const char *opgelost)
{
    push(rs, 0, NULL, regie_format("  bezwaar%s%s: %s => %s%s", wie ? " van " : "", wie ? wie : "", tekst,
                                   opgelost ? "opgelost: " : "", opgelost ? opgelost : "niet opgelost"));
}

static void rows_besluiten(struct regie *r, struct rows *rs, const struct plugin_stap *st)
{
    size_t i, j, n = 0;
    json_t *b, *bz;
    char who[160];

    json_array_foreach(json_object_get(r->view, "besluiten"), i, b) {
        if (strcmp(str(b, "stap"), st->id) != 0)
            continue;
        n++;
        regie_who(b, who, sizeof who);
        push(rs, 0, NULL, regie_format("%s: %s%s%s%s", str(b, "uitkomst"), str(b, "tekst"), who[0] ? " (" : "", who,
                                       who[0] ? ")" : ""));
        json_array_foreach(json_object_get(b, "bezwaren"), j, bz)
            rows_bezwaar(rs, json_string_value(json_object_get(bz, "deelnemer")), str(bz, "tekst"),
                         json_string_value(json_object_get(bz, "opgelost")));
    }
    if (n == 0 && r->n_concept == 0)
        push(rs, 0, NULL, regie_format("nog geen besluit; typ: besluit aangenomen: tekst"));
    if (r->n_concept > 0)
        push(rs, 1, NULL, regie_format("concept, nog niet opgeslagen (%zu bezwaren)", r->n_concept));
    for (size_t k = 0; k < r->n_concept; k++)
        rows_bezwaar(rs, r->concept[k].wie, r->concept[k].tekst, r->concept[k].opgelost);
}

/* --- all rows ------------------------------------------------------------------- */

void regie_free_rows(struct regie *r)
{
    for (size_t i = 0; i < r->n_rijen; i++) {
        free(r->rijen[i].ref);
        free(r->rijen[i].tekst);
    }
    free(r->rijen);
    r->rijen = NULL;
    r->n_rijen = 0;
}

int regie_build_rows(struct regie *r)
{
    const struct plugin_stap *st = sessie_current_step(r->s);
    struct rows rs = { NULL, 0, 0, 0 };

    switch (st->invoer) {
    case INVOER_GEEN: rows_overzicht(r, &rs); break;
    case INVOER_BIJDRAGE: rows_bijdragen(r, &rs, st); break;
    case INVOER_STEM: rows_stemmen(r, &rs, st); break;
    case INVOER_PLAATSING: rows_plaatsingen(r, &rs, st); break;
    case INVOER_BESLUIT: rows_besluiten(r, &rs, st); break;
    }
    regie_free_rows(r);
    r->rijen = rs.rij;
    r->n_rijen = rs.n;
    return rs.failed ? -1 : 0;
}

const struct regie_rij *regie_rows(struct regie *r, size_t *n)
{
    *n = r->n_rijen;
    return r->rijen;
}

const char *regie_newest_ref(struct regie *r)
{
    const char *best = NULL;
    json_int_t most = -1;

    for (size_t i = 0; i < r->n_rijen; i++) {
        json_t *b = r->rijen[i].ref ? regie_view_bijdrage(r, r->rijen[i].ref) : NULL;
        json_int_t v = b ? json_integer_value(json_object_get(b, "volgnr")) : -1;
        if (v > most) {
            most = v;
            best = r->rijen[i].ref;
        }
    }
    return best;
}
