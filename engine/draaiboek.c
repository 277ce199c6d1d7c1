/*
 * draaiboek.c: streams a draaiboek through the session code.
 *
 * The file is walked with the streaming side of yamlx: the outer mappings
 * and lists are entered event by event, and only one small entry (one
 * contribution, one vote) is held as a tree at a time.
 *
 * Resuming works by counting: every step change and every input is exactly
 * one fact, so the k-th thing the draaiboek asks for in a session is the
 * fact with sequence number k. What the store already holds is skipped; the
 * source (file:line:col) stored with the last fact confirms that the
 * draaiboek still matches what was stored.
 */
#include "werkplaats/draaiboek.h"

#include <libgen.h>
#include <stdarg.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "werkplaats/casus.h"
#include "werkplaats/deelnemer.h"
#include "werkplaats/invoer.h"
#include "werkplaats/sessie.h"
#include "werkplaats/text.h"

/* Facts per commit while replaying. */
#define DRAAIBOEK_BATCH 1000

struct draaiboek_run {
    const struct draaiboek_opties *opt;
    struct yamlx_reader *r;
    const char *file;
    struct store *store;
    struct traject *traject;
    int have_header;
    long long zaad;
};

struct traject *draaiboek_traject(struct draaiboek_run *run)
{
    return run->traject;
}

FILE *draaiboek_voortgang(struct draaiboek_run *run)
{
    return run->opt->voortgang;
}

const char *draaiboek_file(struct draaiboek_run *run)
{
    return run->file;
}

/* "file:line:col". Made for every fact, so with text_decimal: through
 * snprintf it took 0.6% of a replay. */
const char *draaiboek_where(struct draaiboek_run *run, const struct yamlx_node *node, char *buf, size_t size)
{
    int line = node ? node->line : 0, col = node ? node->col : 0;
    size_t len = strlen(run->file), n = 0;
    char tail[2 * TEXT_DECIMAL_MAX + 2];

    tail[n++] = ':';
    n += text_decimal(tail + n, line);
    tail[n++] = ':';
    n += text_decimal(tail + n, col);
    if (len + n + 1 > size) {
        snprintf(buf, size, "%s:%d:%d", run->file, line, col);
        return buf;
    }
    memcpy(buf, run->file, len);
    memcpy(buf + len, tail, n);
    buf[len + n] = '\0';
    return buf;
}

static void progress(struct draaiboek_run *run, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void progress(struct draaiboek_run *run, const char *fmt, ...)
{
    va_list ap;

    if (run->opt->voortgang == NULL)
        return;
    va_start(ap, fmt);
    vfprintf(run->opt->voortgang, fmt, ap);
    va_end(ap);
    fflush(run->opt->voortgang);
}

/* --- the header ---------------------------------------------------------- */

/* The casus path is relative to the draaiboek's own folder. */
static void casus_path(const char *draaiboek, const char *casus, char *out, size_t size)
{
    char copy[PATH_MAX];

    if (casus[0] == '/') {
        snprintf(out, size, "%s", casus);
        return;
    }
    snprintf(copy, sizeof copy, "%s", draaiboek);
    snprintf(out, size, "%s/%s", dirname(copy), casus);
}

static int open_traject(struct draaiboek_run *run, const char *casus_file, const struct yamlx_node *at,
                        wp_error *err)
{
    char where[PATH_MAX + 32];
    struct casus *cs;
    int same;

    run->store = store_open(run->opt->db_path, STORE_ALONE, err);
    if (run->store == NULL || store_set_durable(run->store, 0, err) != 0)
        return -1;
    /* The draaiboek is the durable record: facts commit in batches (a killed
     * run loses at most the last batch, and resuming re-reads it). */
    store_batch_begin(run->store, DRAAIBOEK_BATCH);
    if (!traject_exists(run->store)) {
        if (traject_create(run->store, run->opt->methode, casus_file, run->zaad, err) != 0)
            return -1;
        progress(run, "Traject gestart voor casus %s in %s\n", casus_file, run->opt->db_path);
    }
    run->traject = traject_open(run->store, run->opt->methode, err);
    if (run->traject == NULL)
        return -1;
    /* A draaiboek continues its own traject, not someone else's. */
    if ((cs = casus_load(casus_file, run->opt->methode, err)) == NULL)
        return -1;
    same = strcmp(cs->id, run->traject->casus->id) == 0;
    casus_free(cs);
    if (!same)
        return wp_error_add(err, WP_EUSER, draaiboek_where(run, at, where, sizeof where),
                            "de database %s hoort bij casus '%s', deze draaiboek bij een andere casus; kies een "
                            "andere database met --db", run->opt->db_path, run->traject->casus->id);
    return 0;
}

static int read_header(struct draaiboek_run *run, wp_error *err)
{
    static const char *const keys[] = { "naam", "casus", "zaad", "beschrijving", NULL };
    struct yamlx_ctx c = { run->file, err };
    struct yamlx_node *h = yamlx_read(run->r, err);
    const char *casus = NULL;
    char path[PATH_MAX];
    int rc = -1;

    if (h == NULL)
        return -1;
    if (yamlx_check_map(&c, h, "de kop 'draaiboek'", keys) != 0 || yamlx_get_str(&c, h, "casus", 1, &casus) <= 0 ||
        yamlx_get_int(&c, h, "zaad", 0, 1, (1LL << 62), &run->zaad) < 0)
        goto out;
    casus_path(run->file, casus, path, sizeof path);
    rc = open_traject(run, path, yamlx_get(h, "casus"), err);
    run->have_header = rc == 0;
out:
    yamlx_node_free(h);
    return rc;
}

static int read_deelnemers(struct draaiboek_run *run, wp_error *err)
{
    static const char *const keys[] = { "id", "naam", "groep", "betrokkene", NULL };
    struct yamlx_ctx c = { run->file, err };
    char where[PATH_MAX + 32];
    int count = 0;

    if (!run->have_header)
        return wp_error_add(err, WP_EUSER, run->file, "zet 'draaiboek:' (met de casus) bovenaan, voor 'deelnemers'");
    if (yamlx_seq_begin(run->r, NULL, NULL, err) != 0)
        return -1;
    for (;;) {
        int more = yamlx_seq_next(run->r, err), groep = -1, rc = 0;
        const char *id = NULL, *naam = NULL, *betrokkene = NULL;
        struct yamlx_node *d;
        if (more <= 0)
            return more;
        if ((d = yamlx_read(run->r, err)) == NULL)
            return -1;
        if (yamlx_check_map(&c, d, "een deelnemer", keys) != 0 || yamlx_get_str(&c, d, "id", 1, &id) <= 0 ||
            yamlx_get_str(&c, d, "naam", 0, &naam) < 0 || yamlx_get_str(&c, d, "betrokkene", 0, &betrokkene) < 0 ||
            yamlx_get_enum(&c, d, "groep", 1, (const char *const *)run->opt->methode->groepen, &groep) <= 0)
            rc = -1;
        else if (betrokkene != NULL && casus_betrokkene(run->traject->casus, betrokkene) == NULL)
            rc = yamlx_fail(&c, yamlx_get(d, "betrokkene"), "'%s' is geen betrokkene uit de casus", betrokkene);
        else if (deelnemer_add(run->store, id, naam, run->opt->methode->groepen[groep], betrokkene, err) != 0)
            rc = wp_error_add(err, WP_EUSER, draaiboek_where(run, d, where, sizeof where), "deelnemer '%s' niet "
                              "opgeslagen", id);
        yamlx_node_free(d);
        if (rc != 0)
            return -1;
        count++;
    }
}

/* --- werkvormen ------------------------------------------------------------- */

/* The replay position inside one session. */
struct replay {
    struct sessie *s;
    long long k;         /* facts the draaiboek has asked for so far */
    long long stored;    /* facts the store held when the session was resumed */
    int pos;             /* the step the replay is at */
    long long inputs;    /* inputs in the current step, for the progress line */
};

/* True when the k-th fact is new; for the last stored one, checks that it
 * came from the same place in this draaiboek. */
static int is_new(struct draaiboek_run *run, struct replay *rp, const char *bron, wp_error *err)
{
    char *stored_bron;
    int same;

    rp->k++;
    if (rp->k > rp->stored)
        return 1;
    if (rp->k < rp->stored)
        return 0;
    stored_bron = sessie_fact_source(rp->s, rp->k, err);
    same = stored_bron == NULL || strcmp(stored_bron, bron) == 0 || strcmp(stored_bron, "start") == 0;
    if (!same)
        wp_error_add(err, WP_EUSER, bron,
                     "de database %s past niet meer bij deze draaiboek (feit %lld van sessie '%s' kwam van %s); "
                     "is de draaiboek veranderd? Begin dan met een nieuwe database", run->opt->db_path, rp->k,
                     rp->s->label, stored_bron);
    free(stored_bron);
    return same ? 0 : -1;
}

static void step_done(struct draaiboek_run *run, struct replay *rp)
{
    if (rp->pos >= 0 && rp->inputs > 0)
        progress(run, "    stap %-14s %lld invoer\n", rp->s->card->stappen[rp->pos].id, rp->inputs);
    rp->inputs = 0;
}

/* Moves the session forward to step target, one step fact per step. */
static int advance_to(struct draaiboek_run *run, struct replay *rp, int target, const char *bron, wp_error *err)
{
    while (rp->pos < target) {
        int fresh = is_new(run, rp, bron, err);
        char *message = NULL;
        if (fresh < 0)
            return -1;
        rp->pos++;
        if (!fresh)
            continue;
        if (sessie_next_step(rp->s, bron, &message, err) != 0)
            return -1;
        if (message != NULL)
            progress(run, "    (%s)\n", message);
        free(message);
    }
    return 0;
}

static int run_input(struct draaiboek_run *run, struct replay *rp, wp_error *err)
{
    char where[PATH_MAX + 32];
    const struct yamlx_node *node = yamlx_read_scratch(run->r, err);  /* used here only */
    json_t *held;
    struct feit_invoer in;
    enum feit_soort soort;
    int fresh, rc = -1;

    if (node == NULL)
        return -1;
    if ((held = json_array()) == NULL)
        return wp_error_add(err, WP_EINTERNAL, run->file, "onvoldoende geheugen");
    draaiboek_where(run, node, where, sizeof where);
    fresh = is_new(run, rp, where, err);
    if (fresh > 0 && invoer_from_yaml(&rp->s->card->stappen[rp->pos], node, held, &soort, &in, where, err) == 0 &&
        sessie_add(rp->s, soort, &in, where, err) > 0)
        rc = 0;
    else if (fresh == 0)
        rc = 0;
    rp->inputs++;
    json_decref(held);
    return rc;
}

/* One entry of 'stappen': { stap: ID, invoer: [...] }. */
static int run_step(struct draaiboek_run *run, struct replay *rp, wp_error *err)
{
    const struct yamlx_node *key;
    struct yamlx_ctx c = { run->file, err };
    char where[PATH_MAX + 32], hint[128];
    int more, have_step = 0;

    if (yamlx_map_begin(run->r, NULL, NULL, err) != 0)
        return -1;
    while ((more = yamlx_map_next(run->r, &key, err)) == 1) {
        if (strcmp(key->str, "stap") == 0) {
            struct yamlx_node *v = yamlx_read(run->r, err);
            const char *id = NULL;
            int idx = -1;
            if (v == NULL)
                return -1;
            draaiboek_where(run, v, where, sizeof where);
            if (yamlx_scalar_str(&c, v, "stap", &id) > 0)
                for (size_t i = 0; i < rp->s->card->n_stappen; i++)
                    if (strcmp(rp->s->card->stappen[i].id, id) == 0)
                        idx = (int)i;
            if (id != NULL && idx < 0) {
                const char *ids[64];
                size_t n = 0;
                for (; n < rp->s->card->n_stappen && n < 63; n++)
                    ids[n] = rp->s->card->stappen[n].id;
                ids[n] = NULL;
                wp_error_add(err, WP_EUSER, where, "werkvorm '%s' heeft geen stap '%s'%s", rp->s->card->id, id,
                             text_hint(hint, sizeof hint, id, ids));
            } else if (idx >= 0 && idx < rp->pos) {
                wp_error_add(err, WP_EUSER, where, "stap '%s' komt in werkvorm '%s' voor stap '%s'; zet de stappen "
                             "in de volgorde van de werkvorm", id, rp->s->card->id, rp->s->card->stappen[rp->pos].id);
                idx = -1;
            }
            yamlx_node_free(v);
            if (idx < 0)
                return -1;
            step_done(run, rp);
            if (advance_to(run, rp, idx, where, err) != 0)
                return -1;
            have_step = 1;
        } else if (strcmp(key->str, "invoer") == 0) {
            if (!have_step)
                return yamlx_fail(&c, key, "zet 'stap: ID' boven 'invoer'");
            if (yamlx_seq_begin(run->r, NULL, NULL, err) != 0)
                return -1;
            while ((more = yamlx_seq_next(run->r, err)) == 1)
                if (run_input(run, rp, err) != 0)
                    return -1;
            if (more < 0)
                return -1;
        } else {
            return yamlx_fail(&c, key, "onbekend veld '%s' in een stap; verwacht 'stap' en 'invoer'", key->str);
        }
    }
    return more;
}

static int skip_rest_of_map(struct draaiboek_run *run, wp_error *err)
{
    const struct yamlx_node *key;
    int more;

    while ((more = yamlx_map_next(run->r, &key, err)) == 1)
        if (yamlx_skip(run->r, err) != 0)
            return -1;
    return more;
}

/* The header of a werkvorm entry, read until 'stappen' begins. */
struct werkvorm_kop {
    struct yamlx_node *werkvorm, *label, *datum, *aanwezig;
};

static void kop_free(struct werkvorm_kop *k)
{
    yamlx_node_free(k->werkvorm);
    yamlx_node_free(k->label);
    yamlx_node_free(k->datum);
    yamlx_node_free(k->aanwezig);
}

static int open_session(struct draaiboek_run *run, struct werkvorm_kop *kop, struct replay *rp, int *skip,
                        wp_error *err)
{
    struct yamlx_ctx c = { run->file, err };
    char where[PATH_MAX + 32];
    const char *id = NULL, *label = NULL, *datum = NULL;
    wp_error why = WP_ERROR_INIT;

    if (kop->werkvorm == NULL)
        return wp_error_add(err, WP_EUSER, run->file, "een werkvorm in de draaiboek mist 'werkvorm: ID' (bovenaan)");
    draaiboek_where(run, kop->werkvorm, where, sizeof where);
    if (yamlx_scalar_str(&c, kop->werkvorm, "werkvorm", &id) < 0 ||
        (kop->label && yamlx_scalar_str(&c, kop->label, "label", &label) < 0) ||
        (kop->datum && yamlx_scalar_str(&c, kop->datum, "datum", &datum) < 0))
        return -1;
    if (datum != NULL && !yamlx_valid_date(datum))
        return yamlx_fail(&c, kop->datum, "'datum' moet een datum zijn als JJJJ-MM-DD, niet '%s'", datum);
    rp->s = sessie_open(run->traject, run->opt->bibliotheek, id, label, datum, &why);
    if (rp->s == NULL) {
        *skip = wp_error_contains(&why, "al gedaan en gesloten");
        if (*skip) {
            wp_error_clear(&why);
            progress(run, "  werkvorm %s: al gedaan\n", label ? label : id);
            return 0;
        }
        for (size_t i = 0; i < why.count; i++)
            wp_error_add(err, why.code, where, "%s", why.messages[i]);
        wp_error_clear(&why);
        return -1;
    }
    rp->stored = sessie_fact_count(rp->s);
    rp->k = 1;            /* the session's first fact is the step it opened on */
    rp->pos = 0;
    progress(run, "  werkvorm %s (%s)%s\n", rp->s->card->id, rp->s->card->naam, rp->stored > 1 ? ", hervat" : "");
    for (size_t i = 0; kop->aanwezig != NULL && i < kop->aanwezig->n; i++) {
        const char *wie = NULL;
        if (yamlx_scalar_str(&c, kop->aanwezig->items[i], "aanwezig", &wie) < 0 ||
            sessie_add_present(rp->s, wie, &why) != 0) {
            for (size_t j = 0; j < why.count; j++)
                wp_error_add(err, why.code, draaiboek_where(run, kop->aanwezig->items[i], where, sizeof where), "%s",
                             why.messages[j]);
            wp_error_clear(&why);
            return -1;
        }
    }
    return 0;
}

static void print_result_keys(struct draaiboek_run *run, const char *prefix, json_t *result)
{
    const char *key;
    json_t *v;
    int first = 1;

    progress(run, "%s", prefix);
    json_object_foreach(result, key, v) {
        (void)v;
        progress(run, "%s%s", first ? "" : ", ", key);
        first = 0;
    }
    progress(run, "\n");
}

static int close_session(struct draaiboek_run *run, struct replay *rp, const struct yamlx_node *at, wp_error *err)
{
    char where[PATH_MAX + 32];
    wp_error why = WP_ERROR_INIT;
    json_t *result;

    step_done(run, rp);
    result = sessie_close(rp->s, &why);
    if (result == NULL) {
        for (size_t i = 0; i < why.count; i++)
            wp_error_add(err, why.code, draaiboek_where(run, at, where, sizeof where), "%s", why.messages[i]);
        wp_error_clear(&why);
        return -1;
    }
    print_result_keys(run, "    resultaat: ", result);
    json_decref(result);
    return 0;
}

static int store_kop_field(struct yamlx_node **slot, struct yamlx_node *v, const struct yamlx_ctx *c,
                           const struct yamlx_node *key)
{
    if (*slot != NULL) {
        yamlx_node_free(v);
        return yamlx_fail(c, key, "'%s' staat twee keer in deze werkvorm", key->str);
    }
    *slot = v;
    return 0;
}

static int run_werkvorm(struct draaiboek_run *run, wp_error *err)
{
    static const char *const keys[] = { "werkvorm", "label", "datum", "aanwezig", "stappen", NULL };
    struct yamlx_ctx c = { run->file, err };
    struct werkvorm_kop kop = { NULL, NULL, NULL, NULL };
    struct replay rp = { NULL, 0, 0, -1, 0 };
    const struct yamlx_node *key;
    int line, col, more, skip = 0, rc = -1, opened = 0;
    char hint[128];

    if (yamlx_map_begin(run->r, &line, &col, err) != 0)
        return -1;
    while ((more = yamlx_map_next(run->r, &key, err)) == 1) {
        struct yamlx_node **slot = NULL;
        if (strcmp(key->str, "stappen") == 0) {
            if (!opened && open_session(run, &kop, &rp, &skip, err) != 0)
                goto out;
            opened = 1;
            if (skip) {
                rc = yamlx_skip(run->r, err) == 0 ? skip_rest_of_map(run, err) : -1;
                goto out;
            }
            if (yamlx_seq_begin(run->r, NULL, NULL, err) != 0)
                goto out;
            while ((more = yamlx_seq_next(run->r, err)) == 1)
                if (run_step(run, &rp, err) != 0)
                    goto out;
            if (more < 0)
                goto out;
            continue;
        }
        if (opened) {
            yamlx_fail(&c, key, "zet '%s' boven 'stappen'", key->str);
            goto out;
        }
        if (strcmp(key->str, "werkvorm") == 0) slot = &kop.werkvorm;
        else if (strcmp(key->str, "label") == 0) slot = &kop.label;
        else if (strcmp(key->str, "datum") == 0) slot = &kop.datum;
        else if (strcmp(key->str, "aanwezig") == 0) slot = &kop.aanwezig;
        if (slot == NULL) {
            yamlx_fail(&c, key, "onbekend veld '%s' in een werkvorm%s", key->str,
                       text_hint(hint, sizeof hint, key->str, keys));
            goto out;
        }
        {
            struct yamlx_node *v = yamlx_read(run->r, err);
            if (v == NULL || store_kop_field(slot, v, &c, key) != 0)
                goto out;
            if (slot == &kop.aanwezig && yamlx_check_kind(&c, v, YAMLX_SEQ, "aanwezig") != 0)
                goto out;
        }
    }
    if (more < 0)
        goto out;
    if (!opened && open_session(run, &kop, &rp, &skip, err) != 0)
        goto out;
    if (skip) {
        rc = 0;
        goto out;
    }
    {
        struct yamlx_node at = { .line = line, .col = col };
        rc = close_session(run, &rp, &at, err);
    }
out:
    kop_free(&kop);
    sessie_free(rp.s);
    return rc;
}

/* --- sprints ---------------------------------------------------------------- */

static int section_goedkeuringen(struct draaiboek_run *run, int sprint, const struct yamlx_node *node,
                                 wp_error *err)
{
    static const char *const keys[] = { "document", "wie", "datum", NULL };
    struct yamlx_ctx c = { run->file, err };
    char where[PATH_MAX + 32];

    (void)sprint;
    if (yamlx_check_kind(&c, node, YAMLX_SEQ, "goedkeuringen") != 0)
        return -1;
    for (size_t i = 0; i < node->n; i++) {
        const struct yamlx_node *g = node->items[i];
        const char *document = NULL, *wie = NULL, *datum = NULL;
        if (yamlx_check_map(&c, g, "een goedkeuring", keys) != 0 || yamlx_get_str(&c, g, "document", 1, &document) <= 0 ||
            yamlx_get_str(&c, g, "wie", 1, &wie) <= 0 || yamlx_get_date(&c, g, "datum", 0, &datum) < 0)
            return -1;
        draaiboek_where(run, g, where, sizeof where);
        if (traject_approve(run->traject, document, wie, datum, where, err) != 0) {
            wp_error_add(err, WP_EUSER, where, "goedkeuring van %s door %s niet vastgelegd", document, wie);
            return -1;
        }
    }
    progress(run, "  %zu goedkeuring(en) vastgelegd\n", node->n);
    return 0;
}

const struct draaiboek_sectie draaiboek_secties[] = {
    { "goedkeuringen", section_goedkeuringen },
    { "afspraken", draaiboek_sectie_afspraken },
    { "houdingen", draaiboek_sectie_houdingen },
    { "reflectie", draaiboek_sectie_reflectie },
    { NULL, NULL },
};

static const struct draaiboek_sectie *find_section(const char *name)
{
    for (const struct draaiboek_sectie *s = draaiboek_secties; s->naam != NULL; s++)
        if (strcmp(s->naam, name) == 0)
            return s;
    return NULL;
}

/* Starts the sprint when it is planned; says whether it was already closed. */
static int begin_sprint(struct draaiboek_run *run, int nr, const struct yamlx_node *at, int *closed, wp_error *err)
{
    char where[PATH_MAX + 32];
    int status = traject_sprint_status(run->traject, nr, err);
    const struct methode_sprint *ms = methode_sprint(run->opt->methode, nr);

    draaiboek_where(run, at, where, sizeof where);
    if (status < 0)
        return wp_error_add(err, WP_EUSER, where, "sprint %d bestaat niet in de methode", nr);
    *closed = status == SPRINT_GESLOTEN;
    if (*closed) {
        progress(run, "Sprint %d: %s (al gesloten)\n", nr, ms->naam);
        return 0;
    }
    progress(run, "Sprint %d: %s\n", nr, ms->naam);
    if (status == SPRINT_GEPLAND) {
        wp_error why = WP_ERROR_INIT;
        if (traject_start_sprint(run->traject, nr, &why) != 0) {
            for (size_t i = 0; i < why.count; i++)
                wp_error_add(err, why.code, where, "%s", why.messages[i]);
            wp_error_clear(&why);
            return -1;
        }
    }
    return 0;
}

static int end_sprint(struct draaiboek_run *run, int nr, const struct yamlx_node *at, wp_error *err)
{
    char where[PATH_MAX + 32];
    wp_error why = WP_ERROR_INIT;
    json_t *result;

    if (traject_close_sprint(run->traject, nr, &why) != 0) {
        for (size_t i = 0; i < why.count; i++)
            wp_error_add(err, why.code, draaiboek_where(run, at, where, sizeof where), "%s", why.messages[i]);
        wp_error_clear(&why);
        return -1;
    }
    result = traject_sprint_result(run->traject, nr, err);
    print_result_keys(run, "Sprint gesloten; opgeleverd: ", result);
    json_decref(result);
    return 0;
}

static int run_sprint_key(struct draaiboek_run *run, int nr, const struct yamlx_node *key, wp_error *err)
{
    struct yamlx_ctx c = { run->file, err };
    const struct draaiboek_sectie *section;
    char hint[128];
    int more;

    if (strcmp(key->str, "werkvormen") == 0) {
        if (yamlx_seq_begin(run->r, NULL, NULL, err) != 0)
            return -1;
        while ((more = yamlx_seq_next(run->r, err)) == 1)
            if (run_werkvorm(run, err) != 0)
                return -1;
        return more;
    }
    if (strcmp(key->str, "datum") == 0)
        return yamlx_skip(run->r, err);
    section = find_section(key->str);
    if (section == NULL) {
        const char *names[32] = { "werkvormen", "datum" };
        size_t n = 2;
        for (const struct draaiboek_sectie *s = draaiboek_secties; s->naam != NULL && n < 31; s++)
            names[n++] = s->naam;
        names[n] = NULL;
        return yamlx_fail(&c, key, "onbekend veld '%s' in een sprint%s", key->str,
                          text_hint(hint, sizeof hint, key->str, names));
    }
    {
        struct yamlx_node *node = yamlx_read(run->r, err);
        int rc = node != NULL ? section->run(run, nr, node, err) : -1;
        yamlx_node_free(node);
        return rc;
    }
}

static int run_sprint(struct draaiboek_run *run, wp_error *err)
{
    struct yamlx_ctx c = { run->file, err };
    const struct yamlx_node *key;
    struct yamlx_node *nr_node = NULL;
    long long nr = 0;
    int more, closed = 0, rc = -1, line, col;

    if (yamlx_map_begin(run->r, &line, &col, err) != 0)
        return -1;
    if ((more = yamlx_map_next(run->r, &key, err)) != 1)
        return more < 0 ? -1 : wp_error_at(err, WP_EUSER, run->file, line, col, "een lege sprint; begin met 'sprint: N'");
    if (strcmp(key->str, "sprint") != 0)
        return yamlx_fail(&c, key, "zet 'sprint: N' bovenaan elke sprint (nu staat '%s' bovenaan)", key->str);
    if ((nr_node = yamlx_read(run->r, err)) == NULL)
        return -1;
    if (yamlx_scalar_int(&c, nr_node, "sprint", 1, (long long)run->opt->methode->n_sprints, &nr) < 0 ||
        begin_sprint(run, (int)nr, nr_node, &closed, err) != 0)
        goto out;
    if (closed) {
        rc = skip_rest_of_map(run, err);
        goto out;
    }
    while ((more = yamlx_map_next(run->r, &key, err)) == 1)
        if (run_sprint_key(run, (int)nr, key, err) != 0)
            goto out;
    if (more == 0)
        rc = end_sprint(run, (int)nr, nr_node, err);
out:
    yamlx_node_free(nr_node);
    return rc;
}

static int run_sprints(struct draaiboek_run *run, wp_error *err)
{
    int more;

    if (!run->have_header)
        return wp_error_add(err, WP_EUSER, run->file, "zet 'draaiboek:' (met de casus) bovenaan, voor 'sprints'");
    if (yamlx_seq_begin(run->r, NULL, NULL, err) != 0)
        return -1;
    while ((more = yamlx_seq_next(run->r, err)) == 1)
        if (run_sprint(run, err) != 0)
            return -1;
    return more;
}

/* --- the whole file ----------------------------------------------------------- */

static int run_document(struct draaiboek_run *run, wp_error *err)
{
    static const char *const keys[] = { "draaiboek", "deelnemers", "sprints", NULL };
    struct yamlx_ctx c = { run->file, err };
    const struct yamlx_node *key;
    char hint[128];
    int more;

    if (yamlx_map_begin(run->r, NULL, NULL, err) != 0)
        return -1;
    while ((more = yamlx_map_next(run->r, &key, err)) == 1) {
        int rc;
        if (strcmp(key->str, "draaiboek") == 0)
            rc = run->have_header ? yamlx_fail(&c, key, "'draaiboek' staat twee keer") : read_header(run, err);
        else if (strcmp(key->str, "deelnemers") == 0)
            rc = read_deelnemers(run, err);
        else if (strcmp(key->str, "sprints") == 0)
            rc = run_sprints(run, err);
        else
            rc = yamlx_fail(&c, key, "onbekend veld '%s' in de draaiboek%s", key->str,
                            text_hint(hint, sizeof hint, key->str, keys));
        if (rc != 0)
            return -1;
    }
    if (more < 0)
        return -1;
    if (!run->have_header)
        return wp_error_add(err, WP_EUSER, run->file, "de draaiboek mist de kop 'draaiboek:' met de casus");
    return yamlx_finish(run->r, err);
}

/* Runs the draaiboek read by r (closed here); path names it and is where
 * its casus is looked for. */
static int run_reader(struct yamlx_reader *r, const char *path, const struct draaiboek_opties *opties, wp_error *err)
{
    struct draaiboek_run run;
    int rc;

    if (r == NULL)
        return -1;
    memset(&run, 0, sizeof run);
    run.opt = opties;
    run.file = path;
    run.r = r;
    rc = run_document(&run, err);
    /* What stood before an error is kept, as without batching. */
    if (run.store != NULL && store_batch_end(run.store, err) != 0)
        rc = -1;
    yamlx_close(run.r);
    traject_free(run.traject);
    store_close(run.store);
    return rc;
}

/* Streamed: no limit on the whole, only on each entry. */
static struct yamlx_limits stream_limits(void)
{
    struct yamlx_limits lim = yamlx_default_limits;

    lim.max_file = 0;
    return lim;
}

int draaiboek_run(const char *path, const struct draaiboek_opties *opties, wp_error *err)
{
    struct yamlx_limits lim = stream_limits();

    return run_reader(yamlx_open_file(path, &lim, err), path, opties, err);
}

int draaiboek_run_string(const char *name, const char *text, size_t len, const struct draaiboek_opties *opties,
                         wp_error *err)
{
    struct yamlx_limits lim = stream_limits();

    return run_reader(yamlx_open_string(name, text, len, &lim, err), name, opties, err);
}
