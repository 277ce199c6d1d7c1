/*
 * regie.c: the regie controller: runs a line of the regie language or a key
 * on the session, and says what happened. Both front ends (the full screen
 * and the line mode) call only this, so a live workshop records the same
 * facts whichever is used, and the same as a draaiboek with the same inputs.
 *
 * Every fact goes through the session API and is in the store before
 * anything is shown; after every fact the facts view is read back, and the
 * rows on screen are built from it.
 */
#include "regie_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "werkplaats/deelnemer.h"
#include "werkplaats/text.h"

/* Where live facts say they came from. */
#define BRON "regie"

char *regie_format(const char *fmt, ...)
{
    va_list ap;
    char *out = NULL;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || (out = malloc((size_t)n + 1)) == NULL)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(out, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return out;
}

static void say(struct regie *r, enum regie_melding soort, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(struct regie *r, enum regie_melding soort, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    r->meld(r->ctx, soort, buf);
}

/* Reports every message as a refusal, without the place the session puts
 * in front of messages about live input (it is always this screen). */
static int say_error(struct regie *r, wp_error *err)
{
    static const char prefix[] = BRON ": ";

    for (size_t i = 0; i < err->count; i++) {
        const char *m = err->messages[i];
        if (strncmp(m, prefix, sizeof prefix - 1) == 0)
            m += sizeof prefix - 1;
        say(r, MELDING_FOUT, "%s", m);
    }
    wp_error_clear(err);
    return -1;
}

static void free_list(char **list)
{
    for (size_t i = 0; list != NULL && list[i] != NULL; i++)
        free(list[i]);
    free(list);
}

/* Appends a copy of s to a NULL-terminated list. */
static int list_push(char ***list, size_t *n, const char *s)
{
    char **grown = realloc(*list, (*n + 2) * sizeof *grown);

    if (grown == NULL)
        return -1;
    *list = grown;
    if ((grown[*n] = strdup(s)) == NULL)
        return -1;
    grown[++*n] = NULL;
    return 0;
}

json_t *regie_view_bijdrage(const struct regie *r, const char *ref)
{
    size_t i;
    json_t *b;

    json_array_foreach(json_object_get(r->view, "bijdragen"), i, b)
        if (strcmp(json_string_value(json_object_get(b, "id")), ref) == 0)
            return b;
    return NULL;
}

const char *regie_who(json_t *o, char *buf, size_t size)
{
    const char *wie = json_string_value(json_object_get(o, "deelnemer"));
    const char *groep = json_string_value(json_object_get(o, "groep"));

    if (wie == NULL)
        snprintf(buf, size, "%s", "");
    else if (groep != NULL)
        snprintf(buf, size, "%s (%s)", wie, groep);
    else
        snprintf(buf, size, "%s", wie);
    return buf;
}

/* --- reading the state back ------------------------------------------------ */

/* What the current step votes on or places: the casus betrokkenen, or the
 * standing contributions of the step it names; NULL for free labels. */
static int load_items(struct regie *r, wp_error *err)
{
    const struct plugin_stap *stap = sessie_current_step(r->s);
    size_t n = 0, i;
    json_t *b;
    int rc = 0;

    free_list(r->items);
    r->items = NULL;
    if ((stap->invoer != INVOER_STEM && stap->invoer != INVOER_PLAATSING) || stap->op == NULL)
        return 0;
    if ((r->items = calloc(1, sizeof *r->items)) == NULL)
        return wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
    if (strcmp(stap->op, "betrokkenen") == 0) {
        const struct casus *c = r->s->traject->casus;
        for (size_t k = 0; k < c->n_betrokkenen && rc == 0; k++)
            rc = list_push(&r->items, &n, c->betrokkenen[k].id);
    } else {
        json_array_foreach(json_object_get(r->view, "bijdragen"), i, b)
            if (rc == 0 && strcmp(json_string_value(json_object_get(b, "stap")), stap->op) == 0)
                rc = list_push(&r->items, &n, json_string_value(json_object_get(b, "id")));
    }
    return rc == 0 ? 0 : wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
}

int regie_refresh(struct regie *r, wp_error *err)
{
    json_t *view = sessie_view(r->s, err);
    const struct methode *m = r->s->traject->methode;

    if (view == NULL)
        return -1;
    json_decref(r->view);
    r->view = view;
    if (load_items(r, err) != 0)
        return -1;
    r->woorden.stap = sessie_current_step(r->s);
    r->woorden.deelnemers = (const char *const *)r->deelnemers;
    r->woorden.omgevingen = (const char *const *)m->omgevingen;
    r->woorden.groepen = (const char *const *)m->groepen;
    r->woorden.items = (const char *const *)r->items;
    if (regie_build_rows(r) != 0)
        return wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
    return 0;
}

/* After a fact: read the store again; a failure to read is reported too. */
static void refresh(struct regie *r)
{
    wp_error err = WP_ERROR_INIT;

    if (regie_refresh(r, &err) != 0)
        say_error(r, &err);
}

static int reload_people(struct regie *r, wp_error *err)
{
    char **ids = deelnemer_ids(r->s->traject->store, err);

    if (ids == NULL)
        return -1;
    deelnemer_ids_free(r->deelnemers);
    r->deelnemers = ids;
    return 0;
}

/* --- opening and quitting ---------------------------------------------- */

/* Quitting stops the clock with the reden "afgesloten"; only that pause is
 * lifted on start, a pause the facilitator chose stays until they lift it. */
static int resume_clock(struct regie *r, wp_error *err)
{
    char reden[64];
    int rc;

    if (r->s->gesloten)
        return 0;
    if ((rc = sessie_lift_pause(r->s, "afgesloten", BRON, err)) < 0)
        return -1;
    if (rc == 1) {
        say(r, MELDING_INFO, "Hervat: de klok loopt weer vanaf waar je stopte.");
        return 0;
    }
    if ((rc = sessie_pause_reason(r->s, reden, sizeof reden, err)) < 0)
        return -1;
    if (rc == 1)
        say(r, MELDING_INFO, "De klok staat stil (pauze); typ 'hervat' of druk F4 om verder te gaan.");
    return 0;
}

/* On resuming, the werkvorm's message at the step change stands again above
 * the instruction; a failing hook only costs the message. */
static void show_step_message(struct regie *r)
{
    wp_error err = WP_ERROR_INIT;

    r->bericht = sessie_step_message(r->s, &err);
    if (wp_error_failed(&err))
        say_error(r, &err);
}

struct regie *regie_new(struct sessie *s, regie_melder meld, void *ctx, wp_error *err)
{
    struct regie *r = calloc(1, sizeof *r);

    if (r == NULL) {
        sessie_free(s);
        wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
        return NULL;
    }
    r->s = s;
    r->meld = meld;
    r->ctx = ctx;
    r->gesloten = s->gesloten;
    if (reload_people(r, err) != 0 || resume_clock(r, err) != 0 || regie_refresh(r, err) != 0) {
        regie_free(r);
        return NULL;
    }
    if (!r->gesloten)
        show_step_message(r);
    return r;
}

static void clear_concept(struct regie *r)
{
    for (size_t i = 0; i < r->n_concept; i++) {
        free(r->concept[i].wie);
        free(r->concept[i].tekst);
        free(r->concept[i].opgelost);
    }
    r->n_concept = 0;
}

void regie_free(struct regie *r)
{
    if (r == NULL)
        return;
    clear_concept(r);
    regie_free_rows(r);
    free_list(r->items);
    deelnemer_ids_free(r->deelnemers);
    json_decref(r->view);
    free(r->bericht);
    sessie_free(r->s);
    free(r);
}

struct sessie *regie_sessie(struct regie *r)
{
    return r->s;
}

int regie_done(const struct regie *r)
{
    return r->gestopt || r->gesloten;
}

int regie_closed(const struct regie *r)
{
    return r->gesloten;
}

const char *regie_step_message(const struct regie *r)
{
    return r->bericht;
}

const struct regie_woorden *regie_words(struct regie *r)
{
    return &r->woorden;
}

int regie_stop(struct regie *r)
{
    wp_error err = WP_ERROR_INIT;

    if (r->gestopt || r->gesloten) {
        r->gestopt = 1;
        return 0;
    }
    if (sessie_stop_clock(r->s, "afgesloten", BRON, &err) < 0)
        return say_error(r, &err);
    r->gestopt = 1;
    return 0;
}

int regie_klok(struct regie *r, struct regie_klok *k)
{
    wp_error err = WP_ERROR_INIT;
    const struct plugin_card *c = r->s->card;

    memset(k, 0, sizeof *k);
    if (sessie_clock(r->s, &k->stap_ms, &k->totaal_ms, &k->gepauzeerd, &err) != 0)
        return say_error(r, &err);
    k->stap_duur_ms = 60000LL * sessie_current_step(r->s)->duur;
    k->totaal_duur_ms = 60000LL * c->duur;
    return 0;
}

/* --- confirmations ------------------------------------------------------------ */

static void tags_text(json_t *omgevingen, char *buf, size_t size)
{
    size_t i, used = 0;
    json_t *o;

    buf[0] = '\0';
    json_array_foreach(omgevingen, i, o) {
        int n = snprintf(buf + used, size - used, " #%s", json_string_value(o));
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

/* " (onder)": the name of a point on the scale of step stap, or "". */
static const char *label_of(struct regie *r, const char *stap, double waarde)
{
    static char buf[160];
    const struct plugin_stap *st = stap ? plugin_card_stap(r->s->card, stap) : NULL;
    const char *label = st ? regie_scale_label(st, waarde) : NULL;

    snprintf(buf, sizeof buf, "%s%s%s", label ? " (" : "", label ? label : "", label ? ")" : "");
    return buf;
}

/* "b3 (ziet) door anna", "2 stemmen van anna op b3", ... for a stored fact. */
static void describe(struct regie *r, json_t *f, char *buf, size_t size)
{
    const char *soort = json_string_value(json_object_get(f, "soort"));
    const char *ref = json_string_value(json_object_get(f, "ref"));
    const char *wie = json_string_value(json_object_get(f, "deelnemer"));
    const char *tekst = json_string_value(json_object_get(f, "tekst"));
    const char *veld = json_string_value(json_object_get(f, "veld"));
    double waarde = json_number_value(json_object_get(f, "waarde"));
    char door[160] = "";

    if (wie != NULL)
        snprintf(door, sizeof door, " door %s", wie);
    if (strcmp(soort, "bijdrage") == 0)
        snprintf(buf, size, "%s%s%s%s%s", ref, veld ? " (" : "", veld ? veld : "", veld ? ")" : "", door);
    else if (strcmp(soort, "stem") == 0)
        snprintf(buf, size, "%g %s van %s op %s", waarde, waarde == 1 ? "stem" : "stemmen", wie ? wie : "?", ref);
    else if (strcmp(soort, "plaatsing") == 0)
        snprintf(buf, size, "%s op %g%s%s", ref, waarde, label_of(r, json_string_value(json_object_get(f, "stap")),
                                                                   waarde), door);
    else if (strcmp(soort, "besluit") == 0)
        snprintf(buf, size, "besluit: %s", tekst ? tekst : "");
    else {
        wp_error ignore = WP_ERROR_INIT;
        json_t *doel = sessie_fact(r->s, json_integer_value(json_object_get(f, "doel")), &ignore);
        const char *dref = json_string_value(json_object_get(doel, "ref"));
        snprintf(buf, size, "%s van %s", soort, dref ? dref : "een feit");
        json_decref(doel);
        wp_error_clear(&ignore);
    }
}

static void confirm(struct regie *r, const struct regie_feit *f, long long id, size_t bezwaren)
{
    wp_error err = WP_ERROR_INIT;
    json_t *fact = sessie_fact(r->s, id, &err);
    char what[512], tags[256] = "";

    if (fact == NULL) {
        say_error(r, &err);
        return;
    }
    describe(r, fact, what, sizeof what);
    json_decref(fact);
    for (size_t k = 0; k < f->n_omgevingen; k++)
        snprintf(tags + strlen(tags), sizeof tags - strlen(tags), " #%s", f->omgevingen[k]);
    if (f->soort == FEIT_BESLUIT && bezwaren > 0)
        say(r, MELDING_OK, "opgeslagen: besluit %s: %s (%zu %s)", f->uitkomst, f->tekst, bezwaren,
            bezwaren == 1 ? "bezwaar" : "bezwaren");
    else if (f->soort == FEIT_BESLUIT)
        say(r, MELDING_OK, "opgeslagen: besluit %s: %s", f->uitkomst, f->tekst);
    else
        say(r, MELDING_OK, "opgeslagen: %s%s", what, tags);
}

/* --- content ------------------------------------------------------------------ */

/* The objections of a besluit: the concept first, then those on the line. */
static json_t *bezwaren_json(const struct regie *r, const struct regie_regel *rg)
{
    json_t *a = json_array();

    for (size_t i = 0; i < r->n_concept; i++)
        json_array_append_new(a, json_pack("{s:s?, s:s, s:s?}", "wie", r->concept[i].wie, "tekst",
                                           r->concept[i].tekst, "opgelost", r->concept[i].opgelost));
    for (size_t i = 0; i < rg->n_bezwaren; i++)
        json_array_append_new(a, json_pack("{s:s?, s:s, s:s?}", "wie", rg->bezwaren[i].wie, "tekst",
                                           rg->bezwaren[i].tekst, "opgelost", rg->bezwaren[i].opgelost));
    return a;
}

/* The omgevingen of a fact as the session takes them, or NULL for none. */
static json_t *omgevingen_json(const struct regie_feit *f)
{
    json_t *omg;

    if (f->n_omgevingen == 0)
        return NULL;
    omg = json_array();
    for (size_t k = 0; k < f->n_omgevingen; k++)
        json_array_append_new(omg, json_string(f->omgevingen[k]));
    return omg;
}

static long long store_one(struct regie *r, const struct regie_regel *rg, size_t i, wp_error *err)
{
    const struct regie_feit *f = &rg->feiten[i];
    struct feit_invoer in;
    json_t *omg, *bezwaren = NULL;
    long long id;

    memset(&in, 0, sizeof in);
    in.deelnemer = f->deelnemer;
    in.veld = f->veld;
    in.tekst = f->tekst;
    in.bij = f->bij;
    in.gevoelig = f->gevoelig;
    in.uitkomst = f->uitkomst;
    in.waarde = f->waarde;
    in.op = f->op;
    /* Votes and placements carry their item as ref too, as the draaiboek does. */
    in.ref = f->soort == FEIT_BIJDRAGE ? f->ref : f->op;
    in.omgevingen = omg = omgevingen_json(f);
    if (f->soort == FEIT_BESLUIT)
        in.bezwaren = bezwaren = bezwaren_json(r, rg);
    id = sessie_add(r->s, f->soort, &in, BRON, err);
    json_decref(omg);
    json_decref(bezwaren);
    if (id > 0 && f->soort == FEIT_BESLUIT)
        clear_concept(r);
    return id;
}

static void append(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void append(char *buf, size_t size, const char *fmt, ...)
{
    size_t used = strlen(buf);
    va_list ap;

    if (used + 1 >= size)
        return;
    va_start(ap, fmt);
    vsnprintf(buf + used, size - used, fmt, ap);
    va_end(ap);
}

/* What stays in the edit line when fact `from` of a tally was refused: that
 * fact and the ones after it, written again in the language. */
static char *remaining_line(const struct regie_regel *rg, size_t from)
{
    char buf[REGIE_MAX_REGEL + 1] = "";
    const char *wie = NULL;

    for (size_t j = from; j < rg->n_feiten; j++) {
        const struct regie_feit *f = &rg->feiten[j];
        if (f->deelnemer != NULL && (j == from || f->deelnemer != wie))
            append(buf, sizeof buf, "%s@%s", buf[0] ? " " : "", f->deelnemer);
        wie = f->deelnemer;
        if (f->soort == FEIT_STEM && f->waarde != 1)
            append(buf, sizeof buf, "%s%s=%g", buf[0] ? " " : "", f->op, f->waarde);
        else if (f->soort == FEIT_STEM)
            append(buf, sizeof buf, "%s%s", buf[0] ? " " : "", f->op);
        else
            append(buf, sizeof buf, "%s%s %g", buf[0] ? " " : "", f->op, f->waarde);
    }
    if (rg->n_feiten > 0 && rg->feiten[rg->n_feiten - 1].soort == FEIT_PLAATSING &&
        rg->feiten[rg->n_feiten - 1].tekst != NULL)
        append(buf, sizeof buf, ": %s", rg->feiten[rg->n_feiten - 1].tekst);
    return strdup(buf);
}

static int store_input(struct regie *r, const struct regie_regel *rg, char **rest)
{
    wp_error err = WP_ERROR_INIT;

    for (size_t i = 0; i < rg->n_feiten; i++) {
        size_t concept = r->n_concept;
        long long id = store_one(r, rg, i, &err);
        if (id < 0) {
            if (i > 0 && rest != NULL)
                *rest = remaining_line(rg, i);
            say_error(r, &err);
            refresh(r);
            return -1;
        }
        /* A besluit took the concept's objections along: count them too. */
        confirm(r, &rg->feiten[i], id, rg->n_bezwaren + concept);
    }
    refresh(r);
    return 0;
}

static int add_concept(struct regie *r, const struct regie_bezwaar *b)
{
    struct regie_concept *c;

    if (r->n_concept >= REGIE_MAX_BEZWAREN) {
        say(r, MELDING_FOUT, "er staan al %d bezwaren in het concept; leg eerst het besluit vast", REGIE_MAX_BEZWAREN);
        return -1;
    }
    c = &r->concept[r->n_concept];
    c->wie = text_dup(b->wie);
    c->tekst = text_dup(b->tekst);
    c->opgelost = text_dup(b->opgelost);
    if (c->tekst == NULL || (b->wie && !c->wie) || (b->opgelost && !c->opgelost)) {
        free(c->wie);
        free(c->tekst);
        free(c->opgelost);
        say(r, MELDING_FOUT, "onvoldoende geheugen");
        return -1;
    }
    r->n_concept++;
    say(r, MELDING_OK, "bezwaar %zu in het concept (nog niet opgeslagen); het wordt bewaard met het besluit: "
        "besluit UITKOMST: tekst", r->n_concept);
    return regie_build_rows(r);
}

/* "er is geen bijdrage 'x'"; no "bedoelde je": b3 and b6 look alike. */
static int unknown_ref(struct regie *r, const char *ref, int removing)
{
    say(r, MELDING_FOUT, "er is geen bijdrage '%s' in deze sessie (of hij is al verwijderd)%s", ref,
        removing ? "; was het een bijdrage? Zet er dan een \\ voor" : "");
    return -1;
}

static int same_omgevingen(json_t *have, const struct regie_feit *f)
{
    if (json_array_size(have) != f->n_omgevingen)
        return 0;
    for (size_t i = 0; i < f->n_omgevingen; i++)
        if (strcmp(json_string_value(json_array_get(have, i)), f->omgevingen[i]) != 0)
            return 0;
    return 1;
}

static int edit(struct regie *r, const struct regie_regel *rg)
{
    const struct regie_feit *f = &rg->feiten[0];
    wp_error err = WP_ERROR_INIT;
    struct feit_invoer in;
    json_t *b = regie_view_bijdrage(r, rg->ref), *omg;
    const char *veld = b ? json_string_value(json_object_get(b, "veld")) : NULL;
    long long id;

    memset(&in, 0, sizeof in);
    if ((in.doel = sessie_find_bijdrage(r->s, rg->ref, &err)) <= 0)
        return in.doel < 0 ? say_error(r, &err) : unknown_ref(r, rg->ref, 0);
    if (b != NULL && (f->tekst == NULL || strcmp(f->tekst, json_string_value(json_object_get(b, "tekst"))) == 0) &&
        (f->veld == NULL || (veld && strcmp(f->veld, veld) == 0)) &&
        (f->n_omgevingen == 0 || same_omgevingen(json_object_get(b, "omgevingen"), f))) {
        say(r, MELDING_FOUT, "er verandert niets aan %s", rg->ref);
        return -1;
    }
    in.tekst = f->tekst;
    in.veld = f->veld;
    in.omgevingen = omg = omgevingen_json(f);
    id = sessie_add(r->s, FEIT_WIJZIGING, &in, BRON, &err);
    json_decref(omg);
    if (id < 0)
        return say_error(r, &err);
    say(r, MELDING_OK, "gewijzigd: %s", rg->ref);
    refresh(r);
    return 0;
}

static int remove_ref(struct regie *r, const char *ref)
{
    wp_error err = WP_ERROR_INIT;
    struct feit_invoer in;

    memset(&in, 0, sizeof in);
    if ((in.doel = sessie_find_bijdrage(r->s, ref, &err)) <= 0)
        return in.doel < 0 ? say_error(r, &err) : unknown_ref(r, ref, 1);
    if (sessie_add(r->s, FEIT_VERWIJDERING, &in, BRON, &err) < 0)
        return say_error(r, &err);
    say(r, MELDING_OK, "verwijderd: %s (F5 of 'ongedaan' zet hem terug)", ref);
    refresh(r);
    return 0;
}

static int add_person(struct regie *r, const struct regie_nieuw *n)
{
    wp_error err = WP_ERROR_INIT;
    char made[160];
    int known = n->id != NULL && text_index(n->id, (const char *const *)r->deelnemers) >= 0;
    const char *id = n->id ? n->id : made;
    struct store *st = r->s->traject->store;

    /* One transaction: a process killed in between must not leave a new
     * deelnemer who is not present in the session (tests/e2e/crash_sessie.sh). */
    if (store_begin(st, &err) != 0)
        return say_error(r, &err);
    if ((n->id != NULL ? deelnemer_add(st, n->id, n->naam, n->groep, NULL, &err)
                       : deelnemer_add_anoniem(st, n->groep, made, sizeof made, &err)) != 0 ||
        sessie_add_present(r->s, id, &err) != 0 || store_commit(st, &err) != 0) {
        store_rollback(st);
        return say_error(r, &err);
    }
    if (reload_people(r, &err) != 0)
        return say_error(r, &err);
    if (n->id == NULL)
        say(r, MELDING_OK, "deelnemer %s (%s, zonder naam) toegevoegd; gebruik @%s", id, n->groep, id);
    else if (known)
        say(r, MELDING_INFO, "%s was er al (%s); gebruik @%s", n->id, n->groep, n->id);
    else
        say(r, MELDING_OK, "deelnemer %s (%s) toegevoegd; gebruik @%s", n->id, n->groep, n->id);
    refresh(r);
    return 0;
}

/* --- commands ------------------------------------------------------------------- */

static int move(struct regie *r, int forward)
{
    wp_error err = WP_ERROR_INIT;
    const struct plugin_card *c = r->s->card;
    char *message = NULL;
    int rc;

    if (forward && (size_t)r->s->stap + 1 >= c->n_stappen) {
        say(r, MELDING_FOUT, "dit is de laatste stap; typ 'sluit' om de werkvorm af te sluiten");
        return -1;
    }
    if (!forward && r->s->stap == 0) {
        say(r, MELDING_FOUT, "dit is de eerste stap");
        return -1;
    }
    rc = forward ? sessie_next_step(r->s, BRON, &message, &err) : sessie_prev_step(r->s, BRON, &message, &err);
    if (rc != 0)
        return say_error(r, &err);
    free(r->bericht);
    r->bericht = message;
    refresh(r);
    say(r, MELDING_STAP, "Stap %d van %zu: %s", r->s->stap + 1, c->n_stappen, sessie_current_step(r->s)->titel);
    if (message != NULL)
        say(r, MELDING_INFO, "%s", message);
    /* A failing bij_stap hook does not undo the step; say what it said. */
    if (wp_error_failed(&err))
        say_error(r, &err);
    return 0;
}

static int toggle_pause(struct regie *r, int only_resume)
{
    wp_error err = WP_ERROR_INIT;
    int paused;

    if (sessie_clock(r->s, NULL, NULL, &paused, &err) != 0)
        return say_error(r, &err);
    if (!paused && only_resume) {
        say(r, MELDING_FOUT, "de klok loopt al");
        return -1;
    }
    if ((paused ? sessie_unpause(r->s, BRON, &err) : sessie_pause(r->s, "pauze", BRON, &err)) != 0)
        return say_error(r, &err);
    say(r, MELDING_OK, paused ? "de klok loopt weer" : "pauze: de klok staat stil (F4 of 'hervat' om verder te gaan)");
    return 0;
}

static int undo(struct regie *r)
{
    wp_error err = WP_ERROR_INIT;
    json_t *fact, *target = NULL;
    char what[512];
    long long id;

    if (r->n_concept > 0) {
        struct regie_concept *c = &r->concept[--r->n_concept];
        say(r, MELDING_OK, "uit het concept gehaald: bezwaar '%s'", c->tekst);
        free(c->wie);
        free(c->tekst);
        free(c->opgelost);
        return regie_build_rows(r);
    }
    if ((id = sessie_undo(r->s, BRON, &err)) < 0)
        return say_error(r, &err);
    fact = sessie_fact(r->s, id, &err);
    if (fact != NULL)
        target = sessie_fact(r->s, json_integer_value(json_object_get(fact, "doel")), &err);
    if (target != NULL) {
        describe(r, target, what, sizeof what);
        say(r, MELDING_OK, "ongedaan gemaakt: %s", what);
    }
    json_decref(fact);
    json_decref(target);
    if (wp_error_failed(&err))
        say_error(r, &err);
    refresh(r);
    return 0;
}

static int close_werkvorm(struct regie *r)
{
    wp_error err = WP_ERROR_INIT;
    const struct plugin_card *c = r->s->card;
    char keys[512] = "";
    const char *key;
    json_t *result, *v;

    /* Closing before the last step (skipping a closing round) is allowed,
     * as a draaiboek may, but only when asked twice. */
    if ((size_t)r->s->stap + 1 < c->n_stappen && !r->sluit_gevraagd) {
        r->sluit_gevraagd = 1;
        say(r, MELDING_INFO, "dit is stap %d van %zu; typ nogmaals 'sluit' om de werkvorm nu al af te sluiten",
            r->s->stap + 1, c->n_stappen);
        return -1;
    }
    if (r->n_concept > 0) {
        say(r, MELDING_FOUT, "er staan nog %zu bezwaren in het concept; leg eerst het besluit vast (of haal ze weg "
            "met F5)", r->n_concept);
        return -1;
    }
    if ((result = sessie_close(r->s, &err)) == NULL) {
        say_error(r, &err);
        say(r, MELDING_FOUT, "de werkvorm blijft open en alle invoer is bewaard; herstel de werkvorm en typ "
            "opnieuw 'sluit'");
        return -1;
    }
    json_object_foreach(result, key, v) {
        (void)v;
        append(keys, sizeof keys, "%s%s", keys[0] ? ", " : "", key);
    }
    json_decref(result);
    r->gesloten = 1;
    say(r, MELDING_OK, "Werkvorm %s gesloten. Opgeleverd: %s", c->id, keys);
    return 0;
}

static int stop(struct regie *r)
{
    if (r->n_concept > 0 && !r->stop_gevraagd) {
        r->stop_gevraagd = 1;
        say(r, MELDING_FOUT, "er staan nog %zu bezwaren in het concept die niet zijn opgeslagen; stop nogmaals om "
            "ze weg te gooien", r->n_concept);
        return -1;
    }
    if (regie_stop(r) != 0)
        return -1;
    say(r, MELDING_INFO, "Gestopt; de klok staat stil. 'werkplaats sessie' gaat verder waar je was.");
    return 0;
}

static void say_time(struct regie *r)
{
    struct regie_klok k;
    char a[64], b[64];

    if (regie_klok(r, &k) != 0)
        return;
    regie_klok_tekst(k.stap_ms, k.stap_duur_ms, a, sizeof a);
    regie_klok_tekst(k.totaal_ms, k.totaal_duur_ms, b, sizeof b);
    say(r, MELDING_INFO, "Tijd: stap %s; werkvorm %s%s", a, b, k.gepauzeerd ? " (gepauzeerd)" : "");
}

static void say_list(struct regie *r)
{
    size_t size = 1, used = 0;
    char *text;

    for (size_t i = 0; i < r->n_rijen; i++)
        size += strlen(r->rijen[i].tekst) + 4;
    if ((text = malloc(size)) == NULL)
        return;
    text[0] = '\0';
    for (size_t i = 0; i < r->n_rijen; i++)
        used += (size_t)snprintf(text + used, size - used, "%s%s%s", r->rijen[i].kop ? "" : "  ",
                                 r->rijen[i].tekst, i + 1 < r->n_rijen ? "\n" : "");
    r->meld(r->ctx, MELDING_LIJST, text);
    free(text);
}

int regie_command(struct regie *r, enum regie_opdracht op)
{
    if (r->gesloten && op != REGIE_STOP && op != REGIE_HULP && op != REGIE_LIJST && op != REGIE_TIJD) {
        say(r, MELDING_FOUT, "de werkvorm is gesloten; er kan niets meer bij");
        return -1;
    }
    if (op != REGIE_STOP)
        r->stop_gevraagd = 0;
    if (op != REGIE_SLUIT)
        r->sluit_gevraagd = 0;
    switch (op) {
    case REGIE_VOLGENDE: return move(r, 1);
    case REGIE_VORIGE: return move(r, 0);
    case REGIE_PAUZE: return toggle_pause(r, 0);
    case REGIE_HERVAT: return toggle_pause(r, 1);
    case REGIE_ONGEDAAN: return undo(r);
    case REGIE_SLUIT: return close_werkvorm(r);
    case REGIE_STOP: return stop(r);
    case REGIE_HULP: r->meld(r->ctx, MELDING_HULP, regie_hulp()); return 0;
    case REGIE_LIJST: say_list(r); return 0;
    case REGIE_TIJD: say_time(r); return 0;
    default: return 0;
    }
}

/* --- lines ------------------------------------------------------------------------ */

/* "wijzig REF:" edits a contribution of its own step: parse its velden and
 * omgevingen, not those of the step on screen. */
static const struct plugin_stap *step_for(struct regie *r, const char *line)
{
    char ref[80];
    json_t *b;
    const struct plugin_stap *st;

    while (*line == ' ' || *line == '\t' || *line == '/')
        line++;
    if (strncasecmp(line, "wijzig", 6) != 0 || sscanf(line + 6, " %79[A-Za-z0-9._-]:", ref) != 1)
        return r->woorden.stap;
    b = regie_view_bijdrage(r, ref);
    st = b ? plugin_card_stap(r->s->card, json_string_value(json_object_get(b, "stap"))) : NULL;
    return st ? st : r->woorden.stap;
}

static int run(struct regie *r, const struct regie_regel *rg, char **rest)
{
    if (r->gesloten && rg->opdracht != REGIE_NIETS && rg->opdracht < REGIE_LIJST) {
        say(r, MELDING_FOUT, "de werkvorm is gesloten; er kan niets meer bij");
        return -1;
    }
    if (rg->opdracht != REGIE_STOP)
        r->stop_gevraagd = 0;
    if (rg->opdracht != REGIE_SLUIT)
        r->sluit_gevraagd = 0;
    switch (rg->opdracht) {
    case REGIE_NIETS: return 0;
    case REGIE_INVOER: return store_input(r, rg, rest);
    case REGIE_BEZWAAR: return add_concept(r, &rg->bezwaren[0]);
    case REGIE_WIJZIG: return edit(r, rg);
    case REGIE_VERWIJDER: return remove_ref(r, rg->ref);
    case REGIE_DEELNEMER: return add_person(r, &rg->nieuw);
    default: return regie_command(r, rg->opdracht);
    }
}

int regie_line(struct regie *r, const char *line, char **rest)
{
    struct regie_regel *rg = malloc(sizeof *rg);
    struct regie_woorden w = r->woorden;
    wp_error err = WP_ERROR_INIT;
    int rc;

    if (rest != NULL)
        *rest = NULL;
    if (rg == NULL) {
        say(r, MELDING_FOUT, "onvoldoende geheugen");
        return -1;
    }
    w.stap = step_for(r, line);
    if (regie_parse(&w, line, rg, &err) != 0 && r->gesloten) {
        wp_error_clear(&err);
        say(r, MELDING_FOUT, "de werkvorm is gesloten; er kan niets meer bij");
        rc = -1;
    } else if (wp_error_failed(&err)) {
        rc = say_error(r, &err);
    } else {
        rc = run(r, rg, rest);
    }
    if (rc != 0 && rest != NULL && *rest == NULL)
        *rest = strdup(line);
    free(rg);
    return rc;
}

char *regie_edit_line(struct regie *r, const char *ref, int remove)
{
    json_t *b = regie_view_bijdrage(r, ref);
    const char *veld;
    char tags[256];

    if (remove)
        return regie_format("verwijder %s", ref);
    if (b == NULL)
        return NULL;
    veld = json_string_value(json_object_get(b, "veld"));
    tags_text(json_object_get(b, "omgevingen"), tags, sizeof tags);
    /* Tags first, so that End and typing extends the text itself. */
    return regie_format("wijzig %s:%s %s%s%s", ref, tags, veld ? veld : "", veld ? ": " : "",
                        json_string_value(json_object_get(b, "tekst")));
}

const char *regie_step_hint(struct regie *r, char *buf, size_t size)
{
    const struct plugin_stap *st = sessie_current_step(r->s);
    char velden[256] = "";

    switch (st->invoer) {
    case INVOER_GEEN:
        snprintf(buf, size, "geen; lees voor en ga dan naar de volgende stap");
        break;
    case INVOER_BIJDRAGE:
        for (size_t i = 0; st->velden != NULL && st->velden[i] != NULL; i++)
            append(velden, sizeof velden, "%s%s:", i ? " " : "; velden ", st->velden[i]);
        snprintf(buf, size, "bijdragen%s%s", velden,
                 st->omgevingen == 2 ? "; #omgeving verplicht" : st->omgevingen == 1 ? "; #omgeving mag" : "");
        break;
    case INVOER_STEM:
        snprintf(buf, size, "stemmen: %d per deelnemer (@wie REF REF)", st->stemmen);
        break;
    case INVOER_PLAATSING:
        snprintf(buf, size, "plaatsing op %d..%d (@wie %s WAARDE)", st->schaal_min, st->schaal_max,
                 st->op && strcmp(st->op, "betrokkenen") == 0 ? "BETROKKENE" : "REF");
        break;
    case INVOER_BESLUIT:
        snprintf(buf, size, "besluit UITKOMST: tekst; bezwaar @wie: tekst => opgelost: ...");
        break;
    }
    return buf;
}
