/*
 * regie_taal.c: the regie language (see regie.h): one line in, the command
 * or the facts it asks for out. Pure: it reads no store and keeps no state,
 * so the full screen, the line mode and the unit tests parse alike.
 *
 * The line is copied into out->buf and split in place; every name the
 * result holds is either a piece of that buffer or a word from the lists
 * in struct regie_woorden.
 */
#include "werkplaats/regie.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "werkplaats/text.h"

struct opdracht {
    const char *woord;
    enum regie_opdracht op;
};

/* Longer words first is not needed: words are matched whole. */
static const struct opdracht opdrachten[] = {
    { "volgende", REGIE_VOLGENDE }, { "vorige", REGIE_VORIGE },   { "pauze", REGIE_PAUZE },
    { "hervat", REGIE_HERVAT },     { "ongedaan", REGIE_ONGEDAAN }, { "wijzig", REGIE_WIJZIG },
    { "verwijder", REGIE_VERWIJDER }, { "deelnemer", REGIE_DEELNEMER }, { "besluit", REGIE_INVOER },
    { "bezwaar", REGIE_BEZWAAR },   { "lijst", REGIE_LIJST },     { "tijd", REGIE_TIJD },
    { "sluit", REGIE_SLUIT },       { "stop", REGIE_STOP },       { "hulp", REGIE_HULP },
};
#define N_OPDRACHTEN (sizeof opdrachten / sizeof opdrachten[0])

static const char *const opdracht_woorden[] = { "volgende", "vorige", "pauze", "hervat", "ongedaan", "wijzig",
                                                "verwijder", "deelnemer", "besluit", "bezwaar", "lijst", "tijd",
                                                "sluit", "stop", "hulp", NULL };

/* How a kind of name is named in messages. */
struct naamsoort {
    const char *onbekend;   /* "onbekende deelnemer" */
    const char *meervoud;   /* "deelnemers" */
    int noem_keuzes;        /* list every choice when there is no close one */
    const char *extra;      /* appended to "unknown" messages */
    int geen_hint;          /* short numbers like b3 and b6 look alike: no "bedoelde je" */
};

static const struct naamsoort soort_deelnemer = { "onbekende deelnemer", "deelnemers", 0,
                                                  "; voeg een nieuwe toe met '+ID GROEP [naam]'", 0 };
static const struct naamsoort soort_omgeving = { "onbekende omgeving", "omgevingen", 1, "", 0 };
static const struct naamsoort soort_veld = { "onbekend veld", "velden", 1, "", 0 };
static const struct naamsoort soort_groep = { "onbekende groep", "groepen", 1, "", 0 };
static const struct naamsoort soort_uitkomst = { "onbekende uitkomst", "uitkomsten", 1, "", 0 };
static const struct naamsoort soort_label = { "onbekende plek op de schaal", "plekken", 1, "", 0 };
static const struct naamsoort soort_betrokkene = { "onbekende betrokkene", "betrokkenen", 0, "", 0 };
static const struct naamsoort soort_bijdrage = { "er is geen bijdrage", "bijdragen", 0,
                                                 "; het nummer staat voor elke bijdrage op het scherm", 1 };

/* --- names ------------------------------------------------------------------ */

static size_t count_prefixed(const char *word, const char *const *cands, const char **first)
{
    size_t n = 0, len = strlen(word);

    for (size_t i = 0; cands != NULL && cands[i] != NULL; i++)
        if (strncasecmp(cands[i], word, len) == 0) {
            if (n++ == 0)
                *first = cands[i];
        }
    return n;
}

/* The prefixed candidates as "'a', 'b' of 'c'", at most eight. */
static void prefixed_choices(const char *word, const char *const *cands, char *buf, size_t size)
{
    const char *list[9];
    size_t n = 0, len = strlen(word);

    for (size_t i = 0; cands[i] != NULL && n < 8; i++)
        if (strncasecmp(cands[i], word, len) == 0)
            list[n++] = cands[i];
    list[n] = NULL;
    text_choices(buf, size, list);
}

/* Resolves word to one candidate: the one equal to it (ignoring case), or
 * the only one it is the beginning of. */
static const char *resolve(const char *word, const char *const *cands, const struct naamsoort *soort,
                           wp_error *err)
{
    const char *first = NULL;
    char hint[160], choices[512];
    size_t n;

    for (size_t i = 0; cands != NULL && cands[i] != NULL; i++)
        if (strcasecmp(cands[i], word) == 0)
            return cands[i];
    n = word[0] != '\0' ? count_prefixed(word, cands, &first) : 0;
    if (n == 1)
        return first;
    if (n > 1) {
        prefixed_choices(word, cands, choices, sizeof choices);
        wp_error_add(err, WP_EUSER, NULL, "'%s' past bij meer %s: %s; typ meer letters", word, soort->meervoud,
                     choices);
        return NULL;
    }
    if (soort->geen_hint)
        hint[0] = '\0';
    else
        text_hint(hint, sizeof hint, word, cands);
    choices[0] = '\0';
    if (hint[0] == '\0' && soort->noem_keuzes && cands != NULL && cands[0] != NULL) {
        char list[480];
        snprintf(choices, sizeof choices, "; kies uit %s", text_choices(list, sizeof list, cands));
    }
    wp_error_add(err, WP_EUSER, NULL, "%s '%s'%s%s%s", soort->onbekend, word, hint, choices, soort->extra);
    return NULL;
}

/* Like resolve, but quietly: NULL when the word is not exactly one name. */
static const char *resolve_quiet(const char *word, const char *const *cands)
{
    const char *first = NULL;

    for (size_t i = 0; cands != NULL && cands[i] != NULL; i++)
        if (strcasecmp(cands[i], word) == 0)
            return cands[i];
    return word[0] != '\0' && count_prefixed(word, cands, &first) == 1 ? first : NULL;
}

static int valid_id(const char *s)
{
    if (s[0] == '\0' || strlen(s) > 64)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' ||
              *s == '_' || *s == '.'))
            return 0;
    return 1;
}

/* --- tokens ---------------------------------------------------------------- */

static char *skip_space(char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

static size_t token_len(const char *p)
{
    return strcspn(p, " \t");
}

/* Ends the token of length n at p and returns what follows it. */
static char *take(char *p, size_t n)
{
    if (p[n] == '\0')
        return p + n;
    p[n] = '\0';
    return skip_space(p + n + 1);
}

static void trim_end(char *s)
{
    size_t n = strlen(s);

    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
}

/* --- contributions ------------------------------------------------------- */

static int add_omgeving(const struct regie_woorden *w, struct regie_feit *f, const char *name, wp_error *err)
{
    const char *o = resolve(name, w->omgevingen, &soort_omgeving, err);

    if (o == NULL)
        return -1;
    for (size_t i = 0; i < f->n_omgevingen; i++)
        if (f->omgevingen[i] == o)
            return wp_error_add(err, WP_EUSER, NULL, "omgeving '%s' staat er twee keer", o);
    if (f->n_omgevingen >= REGIE_MAX_OMGEVINGEN)
        return wp_error_add(err, WP_EUSER, NULL, "te veel omgevingen bij één bijdrage");
    f->omgevingen[f->n_omgevingen++] = o;
    return 0;
}

/* One prefix token of a contribution (@wie, #omgeving, !, =ID, ^ID, veld:,
 * or a lone ':'). Returns 1 when it was one, 2 when the text begins right
 * after it (after veld: or ':' everything is text, even "#3 staat leeg"),
 * 0 when the text begins here, -1 on an error. */
static int prefix_token(const struct regie_woorden *w, char *p, size_t n, int allow_wie, struct regie_feit *f,
                        wp_error *err)
{
    char c = p[0];

    if (c == '@' && allow_wie && n > 1) {
        if (f->deelnemer != NULL)
            return wp_error_add(err, WP_EUSER, NULL, "een bijdrage heeft één deelnemer; zet er maar één '@' in");
        p[n] = '\0';
        return (f->deelnemer = resolve(p + 1, w->deelnemers, &soort_deelnemer, err)) != NULL ? 1 : -1;
    }
    if (c == '@' && !allow_wie)
        return wp_error_add(err, WP_EUSER, NULL, "wie een bijdrage gaf verandert niet; verwijder hem en typ hem "
                            "opnieuw met de goede @deelnemer");
    if (c == '#' && n > 1) {
        p[n] = '\0';
        return add_omgeving(w, f, p + 1, err) == 0 ? 1 : -1;
    }
    if (c == '!' && n == 1)
        return f->gevoelig = 1;
    if ((c == '=' || c == '^') && n > 1) {
        p[n] = '\0';
        if (!valid_id(p + 1))
            return wp_error_add(err, WP_EUSER, NULL, "'%s' is geen geldig id (letters, cijfers, '-', '_', '.')", p + 1);
        *(c == '=' ? &f->ref : &f->bij) = p + 1;
        return 1;
    }
    if (n > 1 && p[n - 1] == ':' && w->stap->velden != NULL && f->veld == NULL) {
        p[n - 1] = '\0';
        return (f->veld = resolve(p, (const char *const *)w->stap->velden, &soort_veld, err)) != NULL ? 2 : -1;
    }
    return n == 1 && c == ':' ? 2 : 0;
}

/* Omgeving tags at the end of the text ("... kapot #fysiek #sociaal") are
 * taken off, in the order typed, when each names exactly one omgeving;
 * anything else stays text. */
static int trailing_tags(const struct regie_woorden *w, char *text, struct regie_feit *f, wp_error *err)
{
    char *start = text + strlen(text), *p;

    for (;;) {
        char *last = start;
        while (last > text && (last[-1] == ' ' || last[-1] == '\t'))
            last--;
        while (last > text && last[-1] != ' ' && last[-1] != '\t')
            last--;
        if (last[0] != '#' || last == start || strcspn(last, " \t") < 2)
            break;
        {
            char word[128];
            size_t n = strcspn(last + 1, " \t");
            snprintf(word, sizeof word, "%.*s", (int)n, last + 1);
            if (resolve_quiet(word, w->omgevingen) == NULL)
                break;
        }
        start = last;
    }
    for (p = start; *p != '\0'; ) {
        size_t n = token_len(p);
        char *tag = p + 1;
        p = take(p, n);
        if (add_omgeving(w, f, tag, err) != 0)
            return -1;
    }
    *start = '\0';
    trim_end(text);
    return 0;
}

/* The contribution grammar; also what follows "wijzig REF:". */
static int parse_bijdrage(const struct regie_woorden *w, char *p, int allow_wie, struct regie_feit *f,
                          wp_error *err)
{
    int rc;

    f->soort = FEIT_BIJDRAGE;
    for (p = skip_space(p); *p != '\0'; ) {
        size_t n = token_len(p);
        int last = p[n] == '\0';
        if ((rc = prefix_token(w, p, n, allow_wie, f, err)) < 0)
            return -1;
        if (rc == 0)
            break;
        p = last ? p + n : skip_space(p + n + 1);
        if (rc == 2)
            break;
    }
    if (w->stap->omgevingen != 0 && trailing_tags(w, p, f, err) != 0)
        return -1;
    trim_end(p);
    f->tekst = p[0] != '\0' ? p : NULL;
    return 0;
}

/* --- votes and placements ------------------------------------------------- */

static const struct naamsoort *item_soort(const struct plugin_stap *stap)
{
    return stap->op != NULL && strcmp(stap->op, "betrokkenen") == 0 ? &soort_betrokkene : &soort_bijdrage;
}

static const char *resolve_item(const struct regie_woorden *w, const char *word, wp_error *err)
{
    if (w->items == NULL)
        return word;              /* free labels */
    return resolve(word, w->items, item_soort(w->stap), err);
}

static int add_vote(struct regie_regel *out, const char *wie, const char *op, long long aantal, wp_error *err)
{
    struct regie_feit *f;

    for (size_t i = 0; i < out->n_feiten; i++)
        if (out->feiten[i].deelnemer == wie && strcmp(out->feiten[i].op, op) == 0) {
            out->feiten[i].waarde += (double)aantal;
            return 0;
        }
    if (out->n_feiten >= REGIE_MAX_FEITEN)
        return wp_error_add(err, WP_EUSER, NULL, "te veel stemmen op één regel (hooguit %d)", REGIE_MAX_FEITEN);
    f = &out->feiten[out->n_feiten++];
    f->soort = FEIT_STEM;
    f->deelnemer = wie;
    f->op = op;
    f->waarde = (double)aantal;
    return 0;
}

/* "b3" or "b3=2". */
static int vote_token(const struct regie_woorden *w, char *tok, const char *wie, struct regie_regel *out,
                      wp_error *err)
{
    char *eq = strchr(tok, '='), *end;
    long long aantal = 1;
    const char *op;

    if (eq != NULL) {
        *eq = '\0';
        errno = 0;
        aantal = strtoll(eq + 1, &end, 10);
        if (eq[1] == '\0' || *end != '\0' || errno != 0 || aantal < 1 || aantal > 99)
            return wp_error_add(err, WP_EUSER, NULL, "'%s' is geen aantal stemmen; schrijf bijvoorbeeld %s=2",
                                eq + 1, tok);
    }
    if (wie == NULL)
        return wp_error_add(err, WP_EUSER, NULL, "zeg eerst wie stemt: @wie %s", tok);
    if ((op = resolve_item(w, tok, err)) == NULL)
        return -1;
    return add_vote(out, wie, op, aantal, err);
}

static int parse_stemmen(const struct regie_woorden *w, char *p, struct regie_regel *out, wp_error *err)
{
    const char *wie = NULL;

    for (char *c = p; *c; c++)
        if (*c == ',')
            *c = ' ';
    for (p = skip_space(p); *p != '\0'; ) {
        size_t n = token_len(p);
        char *tok = p;
        p = take(p, n);
        if (tok[0] == '@') {
            if ((wie = resolve(tok + 1, w->deelnemers, &soort_deelnemer, err)) == NULL)
                return -1;
        } else if (vote_token(w, tok, wie, out, err) != 0) {
            return -1;
        }
    }
    if (out->n_feiten == 0)
        return wp_error_add(err, WP_EUSER, NULL, "typ wie stemt en waarop, bijvoorbeeld: @%s %s %s",
                            w->deelnemers && w->deelnemers[0] ? w->deelnemers[0] : "anna",
                            w->items && w->items[0] ? w->items[0] : "b3", w->items && w->items[0] ? w->items[0] : "b3");
    out->opdracht = REGIE_INVOER;
    return 0;
}

/* Names count only when every point of the scale has one. */
static int scale_has_labels(const struct plugin_stap *stap)
{
    int n = 0;

    while (stap->schaal_labels != NULL && stap->schaal_labels[n] != NULL)
        n++;
    return n > 0 && n == stap->schaal_max - stap->schaal_min + 1;
}

const char *regie_scale_label(const struct plugin_stap *stap, double value)
{
    int idx = (int)value - stap->schaal_min;

    if (!scale_has_labels(stap) || value != (double)(int)value || idx < 0 || idx > stap->schaal_max - stap->schaal_min)
        return NULL;
    return stap->schaal_labels[idx];
}

/* A place on the scale: a whole number in range, or one of its labels. */
static int scale_value(const struct plugin_stap *stap, const char *tok, double *out, wp_error *err)
{
    char *end;
    long long v;
    const char *label;

    errno = 0;
    v = strtoll(tok, &end, 10);
    if (tok[0] != '\0' && *end == '\0' && errno == 0) {
        if (v < stap->schaal_min || v > stap->schaal_max)
            return wp_error_add(err, WP_EUSER, NULL, "%lld valt buiten de schaal van %d tot en met %d", v,
                                stap->schaal_min, stap->schaal_max);
        *out = (double)v;
        return 0;
    }
    if (!scale_has_labels(stap))
        return wp_error_add(err, WP_EUSER, NULL, "'%s' is geen plek op de schaal; geef een getal van %d tot en met %d",
                            tok, stap->schaal_min, stap->schaal_max);
    if ((label = resolve(tok, (const char *const *)stap->schaal_labels, &soort_label, err)) == NULL)
        return -1;
    for (int i = 0; stap->schaal_labels[i] != NULL; i++)
        if (stap->schaal_labels[i] == label)
            *out = stap->schaal_min + i;
    return 0;
}

static int add_placement(const struct regie_woorden *w, struct regie_regel *out, const char *wie, char *op_tok,
                         char *val_tok, wp_error *err)
{
    struct regie_feit *f;
    const char *op;

    if (out->n_feiten >= REGIE_MAX_FEITEN)
        return wp_error_add(err, WP_EUSER, NULL, "te veel plaatsingen op één regel (hooguit %d)", REGIE_MAX_FEITEN);
    if ((op = resolve_item(w, op_tok, err)) == NULL)
        return -1;
    f = &out->feiten[out->n_feiten];
    f->soort = FEIT_PLAATSING;
    f->deelnemer = wie;
    f->op = op;
    if (scale_value(w->stap, val_tok, &f->waarde, err) != 0)
        return -1;
    out->n_feiten++;
    return 0;
}

/* [@wie] OP WAARDE [OP WAARDE ...] [: tekst], or OP=WAARDE. */
static int parse_plaatsing(const struct regie_woorden *w, char *p, struct regie_regel *out, wp_error *err)
{
    const char *wie = NULL;
    char *colon = strchr(p, ':'), *op_tok = NULL;

    if (colon != NULL) {            /* the comment is the rest of the line */
        *colon = '\0';
        trim_end(colon + 1);
    }
    for (p = skip_space(p); *p != '\0'; ) {
        size_t n = token_len(p);
        char *tok = p, *eq;
        p = take(p, n);
        if (tok[0] == '@' && op_tok == NULL) {
            if ((wie = resolve(tok + 1, w->deelnemers, &soort_deelnemer, err)) == NULL)
                return -1;
        } else if (op_tok == NULL && (eq = strchr(tok, '=')) != NULL && eq != tok) {
            *eq = '\0';
            if (add_placement(w, out, wie, tok, eq + 1, err) != 0)
                return -1;
        } else if (op_tok == NULL) {
            op_tok = tok;
        } else {
            if (add_placement(w, out, wie, op_tok, tok, err) != 0)
                return -1;
            op_tok = NULL;
        }
    }
    if (op_tok != NULL)
        return wp_error_add(err, WP_EUSER, NULL, "zeg waar '%s' op de schaal komt: %s %d", op_tok, op_tok,
                            w->stap->schaal_min);
    if (out->n_feiten == 0)
        return wp_error_add(err, WP_EUSER, NULL, "typ wat waar op de schaal komt, bijvoorbeeld: @wie %s %d",
                            w->items && w->items[0] ? w->items[0] : "iets", w->stap->schaal_min);
    if (colon != NULL && skip_space(colon + 1)[0] != '\0')
        out->feiten[out->n_feiten - 1].tekst = skip_space(colon + 1);
    out->opdracht = REGIE_INVOER;
    return 0;
}

/* --- decisions ------------------------------------------------------------ */

/* bezwaar [@wie][:] tekst [=> [opgelost:] oplossing] (without the word). */
static int parse_bezwaar(const struct regie_woorden *w, char *p, struct regie_bezwaar *b, wp_error *err)
{
    char *arrow = strstr(p, "=>");

    memset(b, 0, sizeof *b);
    if (arrow != NULL) {
        char *sol = skip_space(arrow + 2);
        *arrow = '\0';
        if (strncasecmp(sol, "opgelost:", 9) == 0)
            sol = skip_space(sol + 9);
        trim_end(sol);
        b->opgelost = sol[0] != '\0' ? sol : NULL;
    }
    p = skip_space(p);
    if (p[0] == '@') {
        size_t n = token_len(p);
        char *tok = p;
        p = take(p, n);
        if (n > 1 && tok[n - 1] == ':')
            tok[n - 1] = '\0';
        if ((b->wie = resolve(tok + 1, w->deelnemers, &soort_deelnemer, err)) == NULL)
            return -1;
    }
    if (p[0] == ':')
        p = skip_space(p + 1);
    trim_end(p);
    if (p[0] == '\0')
        return wp_error_add(err, WP_EUSER, NULL, "een bezwaar heeft een tekst nodig: bezwaar @wie: tekst");
    b->tekst = p;
    return 0;
}

/* [@wie] UITKOMST: tekst */
static int parse_decision(const struct regie_woorden *w, char *p, struct regie_feit *f, wp_error *err)
{
    size_t n;
    char choices[128];

    f->soort = FEIT_BESLUIT;
    p = skip_space(p);
    if (p[0] == '@') {
        n = token_len(p);
        char *tok = p;
        p = take(p, n);
        if ((f->deelnemer = resolve(tok + 1, w->deelnemers, &soort_deelnemer, err)) == NULL)
            return -1;
    }
    n = token_len(p);
    if (n < 2 || p[n - 1] != ':')
        return wp_error_add(err, WP_EUSER, NULL, "schrijf een besluit zo: besluit UITKOMST: tekst, met als uitkomst %s",
                            text_choices(choices, sizeof choices, besluit_uitkomsten));
    p[n - 1] = '\0';
    if ((f->uitkomst = resolve(p, besluit_uitkomsten, &soort_uitkomst, err)) == NULL)
        return -1;
    p = take(p, n);
    trim_end(p);
    if (p[0] == '\0')
        return wp_error_add(err, WP_EUSER, NULL, "het besluit heeft een tekst nodig: besluit %s: tekst", f->uitkomst);
    f->tekst = p;
    return 0;
}

/* The decision, then " | bezwaar ..." parts. */
static int parse_besluit(const struct regie_woorden *w, char *p, struct regie_regel *out, wp_error *err)
{
    char *bar = strchr(p, '|');

    if (bar != NULL)
        *bar = '\0';
    if (parse_decision(w, p, &out->feiten[0], err) != 0)
        return -1;
    out->n_feiten = 1;
    while (bar != NULL) {
        char *part = skip_space(bar + 1);
        bar = strchr(part, '|');
        if (bar != NULL)
            *bar = '\0';
        if (strncasecmp(part, "bezwaar", 7) != 0 || (part[7] != ' ' && part[7] != ':' && part[7] != '\0'))
            return wp_error_add(err, WP_EUSER, NULL, "na '|' komt een bezwaar: | bezwaar @wie: tekst => opgelost: ...");
        if (out->n_bezwaren >= REGIE_MAX_BEZWAREN)
            return wp_error_add(err, WP_EUSER, NULL, "te veel bezwaren op één regel (hooguit %d)", REGIE_MAX_BEZWAREN);
        if (parse_bezwaar(w, part + 7, &out->bezwaren[out->n_bezwaren++], err) != 0)
            return -1;
    }
    out->opdracht = REGIE_INVOER;
    return 0;
}

/* --- content by the kind of step ----------------------------------------------- */

static int parse_content(const struct regie_woorden *w, char *p, struct regie_regel *out, wp_error *err)
{
    const struct plugin_stap *stap = w->stap;

    switch (stap->invoer) {
    case INVOER_BIJDRAGE:
        out->opdracht = REGIE_INVOER;
        out->n_feiten = 1;
        if (parse_bijdrage(w, p, 1, &out->feiten[0], err) != 0)
            return -1;
        if (out->feiten[0].tekst == NULL)
            return wp_error_add(err, WP_EUSER, NULL, "de bijdrage heeft nog geen tekst; typ die na de voorvoegsels");
        return 0;
    case INVOER_STEM:
        return parse_stemmen(w, p, out, err);
    case INVOER_PLAATSING:
        return parse_plaatsing(w, p, out, err);
    case INVOER_BESLUIT:
        return parse_besluit(w, p, out, err);
    case INVOER_GEEN:
        break;
    }
    return wp_error_add(err, WP_EUSER, NULL, "stap '%s' (%s) vraagt geen invoer; ga verder met 'volgende' (F2)",
                        stap->id, stap->titel);
}

/* --- commands -------------------------------------------------------------- */

static const struct opdracht *find_command(const char *word, size_t n)
{
    for (size_t i = 0; i < N_OPDRACHTEN; i++)
        if (strlen(opdrachten[i].woord) == n && strncasecmp(opdrachten[i].woord, word, n) == 0)
            return &opdrachten[i];
    return NULL;
}

/* +ID GROEP [naam] (after the '+' or "deelnemer"), or +GROEP alone: someone
 * known only by group, who gets an id and a pseudonym but no name. */
static int parse_deelnemer(const struct regie_woorden *w, char *p, struct regie_regel *out, wp_error *err)
{
    size_t n = token_len(p = skip_space(p));
    char *id = p, *groep;

    p = take(p, n);
    if (n == 0)
        return wp_error_add(err, WP_EUSER, NULL, "schrijf een nieuwe deelnemer zo: +ID GROEP [naam], "
                            "bijvoorbeeld: +karin bewoners Karin, of zonder naam: +bewoners");
    if (!valid_id(id))
        return wp_error_add(err, WP_EUSER, NULL, "'%s' is geen geldige deelnemer-id (letters, cijfers, '-', '_', '.')",
                            id);
    n = token_len(p);
    groep = p;
    p = take(p, n);
    if (n == 0 && text_index(id, w->groepen) >= 0) {
        out->nieuw.id = NULL;
        out->nieuw.groep = w->groepen[text_index(id, w->groepen)];
        out->nieuw.naam = NULL;
        out->opdracht = REGIE_DEELNEMER;
        return 0;
    }
    if (n == 0)
        return wp_error_add(err, WP_EUSER, NULL, "zeg bij welke groep %s hoort: +%s GROEP [naam]", id, id);
    if ((out->nieuw.groep = resolve(groep, w->groepen, &soort_groep, err)) == NULL)
        return -1;
    trim_end(p);
    out->nieuw.id = id;
    out->nieuw.naam = p[0] != '\0' ? p : NULL;
    out->opdracht = REGIE_DEELNEMER;
    return 0;
}

/* wijzig REF: [#omgeving] [veld:] [tekst] */
static int parse_wijzig(const struct regie_woorden *w, char *p, int slash, struct regie_regel *out, wp_error *err)
{
    size_t n = token_len(p);
    struct regie_feit *f = &out->feiten[0];

    if (n >= 2 && p[n - 1] == ':')
        p[n - 1] = '\0';
    if (n < 2 || p[n - 1] != '\0' || !valid_id(p)) {
        if (!slash)
            return 1;     /* a sentence that begins with "wijzig" */
        return wp_error_add(err, WP_EUSER, NULL, "schrijf een wijziging zo: wijzig REF: nieuwe tekst");
    }
    out->ref = p;
    if (parse_bijdrage(w, take(p, n), 0, f, err) != 0)
        return -1;
    f->soort = FEIT_WIJZIGING;
    if (f->tekst == NULL && f->veld == NULL && f->n_omgevingen == 0)
        return wp_error_add(err, WP_EUSER, NULL, "zeg wat er verandert: wijzig %s: nieuwe tekst", out->ref);
    if (f->gevoelig || f->ref != NULL || f->bij != NULL)
        return wp_error_add(err, WP_EUSER, NULL, "een wijziging verandert alleen tekst, veld en omgevingen");
    out->n_feiten = 1;
    out->opdracht = REGIE_WIJZIG;
    return 0;
}

/* A command word was found: its arguments. Returns 1 when the line is
 * content after all (a sentence that starts with a command word). */
static int parse_command(const struct regie_woorden *w, const struct opdracht *o, char *rest, int slash,
                         struct regie_regel *out, wp_error *err)
{
    size_t n;

    switch (o->op) {
    case REGIE_WIJZIG:
        return parse_wijzig(w, rest, slash, out, err);
    case REGIE_VERWIJDER:
        n = token_len(rest);
        if (n == 0 || rest[n] != '\0' || !valid_id(rest)) {
            if (!slash)
                return 1;
            return wp_error_add(err, WP_EUSER, NULL, "schrijf: verwijder REF (het nummer van de bijdrage)");
        }
        out->ref = rest;
        out->opdracht = REGIE_VERWIJDER;
        return 0;
    case REGIE_DEELNEMER:
        return parse_deelnemer(w, rest, out, err);
    case REGIE_INVOER:        /* besluit */
        if (w->stap->invoer != INVOER_BESLUIT && !slash)
            return 1;
        return parse_content(w, rest, out, err);
    case REGIE_BEZWAAR:
        if (w->stap->invoer != INVOER_BESLUIT)
            return slash ? wp_error_add(err, WP_EUSER, NULL, "bezwaren horen bij een besluit; deze stap vraagt "
                                        "%s", plugin_invoer_namen[w->stap->invoer]) : 1;
        out->opdracht = REGIE_BEZWAAR;
        out->n_bezwaren = 1;
        return parse_bezwaar(w, rest[0] == ':' ? rest + 1 : rest, &out->bezwaren[0], err);
    default:
        if (rest[0] != '\0') {
            if (!slash)
                return 1;
            return wp_error_add(err, WP_EUSER, NULL, "'/%s' heeft geen verdere tekst nodig", o->woord);
        }
        out->opdracht = o->op;
        return 0;
    }
}

/* A line that starts with '/' or a command word. Returns 1 when it is content. */
static int parse_commandline(const struct regie_woorden *w, char *p, struct regie_regel *out, wp_error *err)
{
    int slash = p[0] == '/';
    char hint[128];
    size_t n;
    const struct opdracht *o;

    p += slash;
    n = strcspn(p, " \t:");
    o = find_command(p, n);
    if (o == NULL) {
        if (!slash)
            return 1;
        p[n] = '\0';
        return wp_error_add(err, WP_EUSER, NULL, "onbekende opdracht '/%s'%s; typ ? voor de hulp", p,
                            text_hint(hint, sizeof hint, p, opdracht_woorden));
    }
    return parse_command(w, o, skip_space(p + n + (p[n] != '\0' && p[n] != ':')), slash, out, err);
}

int regie_parse(const struct regie_woorden *w, const char *line, struct regie_regel *out, wp_error *err)
{
    size_t len = strlen(line);
    char *p;
    int rc;

    memset(out, 0, offsetof(struct regie_regel, buf));
    out->buf[0] = '\0';
    if (len > REGIE_MAX_REGEL)
        return wp_error_add(err, WP_EUSER, NULL, "de regel is te lang (%zu bytes, hooguit %d)", len, REGIE_MAX_REGEL);
    if (!text_utf8_valid(line, len))
        return wp_error_add(err, WP_EUSER, NULL, "de regel bevat ongeldige UTF-8");
    memcpy(out->buf, line, len + 1);
    trim_end(out->buf);
    p = skip_space(out->buf);
    if (p[0] == '\0')
        return 0;
    if (p[0] == '\\')
        return parse_content(w, p + 1, out, err);
    if (strcmp(p, "?") == 0) {
        out->opdracht = REGIE_HULP;
        return 0;
    }
    if (p[0] == '+')
        return parse_deelnemer(w, p + 1, out, err);
    rc = parse_commandline(w, p, out, err);
    if (rc <= 0)
        return rc;
    /* Content after all: start again from the untouched line. */
    memset(out, 0, offsetof(struct regie_regel, buf));
    memcpy(out->buf, line, len + 1);
    trim_end(out->buf);
    return parse_content(w, skip_space(out->buf), out, err);
}

/* --- completion -------------------------------------------------------------- */

/* Whether everything before pos is prefix tokens of a contribution. */
static int only_prefixes_before(const char *line, size_t pos)
{
    for (size_t i = 0; i < pos; ) {
        size_t n;
        while (i < pos && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i >= pos)
            break;
        if (line[i] != '@' && line[i] != '#' && line[i] != '!' && line[i] != '=' && line[i] != '^')
            return 0;
        n = strcspn(line + i, " \t");
        i += n;
    }
    return 1;
}

/* The longest common beginning of the candidates that start with word. */
static size_t common_length(const char *word, const char *const *cands, const char **first)
{
    size_t len = strlen(word), common = 0;
    int seen = 0;

    for (size_t i = 0; cands[i] != NULL; i++) {
        size_t k = 0;
        if (strncasecmp(cands[i], word, len) != 0)
            continue;
        if (!seen) {
            *first = cands[i];
            common = strlen(cands[i]);
            seen = 1;
            continue;
        }
        while (k < common && (*first)[k] == cands[i][k])
            k++;
        common = k;
    }
    return seen ? common : 0;
}

static const char *complete_from(const char *word, const char *const *cands, const char *suffix, char *insert,
                                 size_t insert_size, char *choices, size_t choices_size)
{
    const char *first = NULL;
    size_t len = strlen(word), n, common;

    choices[0] = '\0';
    if (cands == NULL || (n = count_prefixed(word, cands, &first)) == 0)
        return NULL;
    common = common_length(word, cands, &first);
    if (n == 1) {
        snprintf(insert, insert_size, "%s%s", first + len, suffix);
        return insert;
    }
    prefixed_choices(word, cands, choices, choices_size);
    if (common > len) {
        snprintf(insert, insert_size, "%.*s", (int)(common - len), first + len);
        return insert;
    }
    return NULL;
}

const char *regie_complete(const struct regie_woorden *w, const char *line, size_t cursor, char *insert,
                           size_t insert_size, char *choices, size_t choices_size)
{
    size_t start = cursor;
    char word[128];
    enum plugin_invoer kind = w->stap->invoer;

    while (start > 0 && line[start - 1] != ' ' && line[start - 1] != '\t')
        start--;
    if (cursor - start >= sizeof word)
        return NULL;
    memcpy(word, line + start, cursor - start);
    word[cursor - start] = '\0';
    choices[0] = '\0';
    if (word[0] == '@')
        return complete_from(word + 1, w->deelnemers, " ", insert, insert_size, choices, choices_size);
    if (word[0] == '#')
        return complete_from(word + 1, w->omgevingen, " ", insert, insert_size, choices, choices_size);
    if (word[0] == '/' && start == 0)
        return complete_from(word + 1, opdracht_woorden, " ", insert, insert_size, choices, choices_size);
    if (kind == INVOER_BIJDRAGE && w->stap->velden != NULL && only_prefixes_before(line, start))
        return complete_from(word, (const char *const *)w->stap->velden, ": ", insert, insert_size, choices,
                             choices_size);
    if ((kind == INVOER_STEM || kind == INVOER_PLAATSING) && w->items != NULL)
        return complete_from(word, w->items, " ", insert, insert_size, choices, choices_size);
    if (kind == INVOER_BESLUIT && only_prefixes_before(line, start))
        return complete_from(word, besluit_uitkomsten, ": ", insert, insert_size, choices, choices_size);
    return NULL;
}

/* --- help ---------------------------------------------------------------------- */

const char *regie_hulp(void)
{
    return
        "TOETSEN (volledig scherm)\n"
        "  Enter          de regel opslaan (of de opdracht uitvoeren)\n"
        "  Tab            een naam afmaken: @deelnemer, #omgeving, veld:, nummer\n"
        "  F1 of ?        deze hulp (? op een lege regel)\n"
        "  F2 of Ctrl-N   volgende stap\n"
        "  F3 of Ctrl-P   vorige stap\n"
        "  F4 of Ctrl-T   pauze: de klok stopt (nogmaals: de klok loopt weer)\n"
        "  F5 of Ctrl-Z   het laatste feit ongedaan maken (ook een verwijdering)\n"
        "  F6             de gekozen bijdrage wijzigen (zet 'wijzig' in de regel)\n"
        "  F7             de rest van de instructie tonen\n"
        "  F8 of Ctrl-X   de gekozen bijdrage verwijderen (Enter bevestigt)\n"
        "  F10 of Ctrl-C  stoppen; de klok staat stil tot je 'werkplaats sessie' opnieuw start\n"
        "  pijltjes op/neer, PgUp/PgDn: een bijdrage kiezen en door de lijst bladeren\n"
        "  Esc of Ctrl-U  de regel leegmaken; Ctrl-A/Ctrl-E begin/einde; Ctrl-K rest wissen\n"
        "\n"
        "INVOER (wat een regel is, hangt af van de stap)\n"
        "  bijdrage   @anna #fysiek #sociaal ziet: De lampen bij de flat zijn kapot\n"
        "             @deelnemer, #omgeving en veld: mogen afgekort (@an, #fys, z:);\n"
        "             #omgeving mag ook achteraan; ! = gevoelig, =ID eigen nummer,\n"
        "             ^ID bouwt voort op ID uit een eerder resultaat; na veld: (of\n"
        "             een losse :) is alles tekst, ook '#3 staat leeg'\n"
        "  stemmen    @anna b3 b3 b5   of   @anna b3=2 b5   (meer @deelnemers per regel mag)\n"
        "  plaatsing  @anna wijkagent 3   of   @anna wijkagent onder: ziet het nu ook\n"
        "  besluit    besluit aangenomen: We beginnen met het Molenplein\n"
        "             bezwaar @bram: Te duur => opgelost: Subsidie van de gemeente\n"
        "             (bezwaren vóór het besluit staan als concept op het scherm en\n"
        "             worden met het besluit opgeslagen; of alles op één regel:\n"
        "             besluit aangenomen: tekst | bezwaar @bram: tekst => opgelost: ...)\n"
        "\n"
        "OPDRACHTEN (mogen ook met / ervoor)\n"
        "  volgende, vorige          naar de volgende of vorige stap\n"
        "  pauze, hervat             de klok stoppen of weer laten lopen\n"
        "  ongedaan                  het laatste feit ongedaan maken\n"
        "  wijzig b3: nieuwe tekst   een bijdrage wijzigen (ook #omgeving en veld:)\n"
        "  verwijder b3              een bijdrage verwijderen (het spoor bewaart het)\n"
        "  +karin bewoners Karin     een nieuwe deelnemer (id, groep, naam)\n"
        "  +bewoners                 een nieuwe deelnemer zonder naam (krijgt id bewoners-N)\n"
        "  lijst, tijd               de bijdragen of de klok tonen\n"
        "  sluit                     de werkvorm afsluiten (eerder dan de laatste stap:\n"
        "                            twee keer)\n"
        "  stop                      stoppen; later hervat je precies hier\n"
        "  \\tekst                    tekst opslaan die op een opdracht lijkt\n";
}

/* --- the clock as text --------------------------------------------------------- */

static void mmss(char *buf, size_t size, long long ms, int round_up)
{
    long long s = round_up ? (ms + 999) / 1000 : ms / 1000;

    snprintf(buf, size, "%02lld:%02lld", s / 60, s % 60);
}

enum regie_tijd regie_klok_tekst(long long verstreken_ms, long long duur_ms, char *buf, size_t size)
{
    long long rest = duur_ms - verstreken_ms, window = duur_ms / 5;
    char a[32], b[32];

    if (rest < 0) {
        mmss(a, sizeof a, -rest, 0);
        snprintf(buf, size, "+%s over tijd", a);
        return TIJD_OVER;
    }
    if (window > 120000)
        window = 120000;
    mmss(a, sizeof a, rest, 1);
    mmss(b, sizeof b, duur_ms, 1);
    if (rest <= window) {
        snprintf(buf, size, "!%s van %s", a, b);
        return TIJD_BIJNA;
    }
    snprintf(buf, size, "%s van %s", a, b);
    return TIJD_RUIM;
}
