/* cli_rapport.c: `werkplaats rapport` and `werkplaats ontwerpbrief`. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "werkplaats/afspraak.h"
#include "werkplaats/bibliotheek.h"
#include "werkplaats/cli.h"
#include "werkplaats/houding.h"
#include "werkplaats/plugin.h"
#include "werkplaats/rapport.h"
#include "werkplaats/sleutelfactoren.h"
#include "werkplaats/text.h"
#include "werkplaats/writer.h"

enum formaat { F_HTML, F_MD, F_JSON, F_CSV };
static const char *const formaten[] = { "html", "md", "json", "csv", NULL };

/* --- what the model asks of other modules ------------------------------------ */

#define MAX_GROUPS 16

struct bronnen_ctx {
    struct cli *cli;
    json_t *cards;   /* werkvorm id -> card JSON, or null when it could not be loaded */
    const char *groups[MAX_GROUPS + 1];  /* a card's deelnemers, for the sleutelfactoren check */
    /* The check's data, read once for the checks at the end of every started
     * sprint (reading it per sprint read every contribution up to seven times). */
    struct sleutelfactoren_opties check_opts;
    struct sleutelfactoren_data *check_data;
};

static json_t *card_to_json(const struct plugin_card *c)
{
    json_t *o = json_pack("{s:s, s:s?, s:s?, s:s?, s:i, s:{s:i, s:i}, s:i}", "naam", c->naam, "versie", c->versie,
                          "toelichting", c->toelichting, "opbrengst", c->opbrengst, "sprint", c->sprint, "groep",
                          "min", c->groep_min, "max", c->groep_max, "duur", c->duur);
    json_t *d = json_array();

    for (char **g = c->deelnemers; g && *g; g++)
        json_array_append_new(d, json_string(*g));
    json_object_set_new(o, "deelnemers", d);
    if (c->schatting != NULL)
        json_object_set_new(o, "schatting", json_string(c->schatting));
    return o;
}

/* The card of a werkvorm from the library. A werkvorm that is gone or broken
 * leaves the card out of the report; it does not stop it. */
static json_t *load_card(void *ctx, const char *werkvorm)
{
    struct bronnen_ctx *b = ctx;
    json_t *hit = json_object_get(b->cards, werkvorm), *card = NULL;
    wp_error quiet = WP_ERROR_INIT, *saved = b->cli->err;
    struct bibliotheek *lib;
    const struct plugin_card *c;

    if (hit != NULL)
        return json_is_null(hit) ? NULL : json_incref(hit);
    /* A library that cannot open costs the cards, not the report. */
    b->cli->err = &quiet;
    lib = cli_bibliotheek(b->cli);
    b->cli->err = saved;
    wp_error_clear(&quiet);
    c = lib ? bibliotheek_find(lib, werkvorm) : NULL;
    if (c != NULL)
        card = card_to_json(c);
    json_object_set_new(b->cards, werkvorm, card ? json_incref(card) : json_null());
    return card;
}

/* The check asks for a werkvorm's card; it gets the one the report loaded. */
static int card_for_check(void *ctx, const char *werkvorm, struct sleutelfactoren_kaart *out)
{
    struct bronnen_ctx *b = ctx;
    json_t *card = load_card(ctx, werkvorm), *g;
    size_t i, n = 0;

    if (card == NULL)
        return -1;
    json_array_foreach(json_object_get(card, "deelnemers"), i, g)
        if (n < MAX_GROUPS)
            b->groups[n++] = json_string_value(g);
    b->groups[n] = NULL;
    memset(out, 0, sizeof *out);
    out->naam = json_string_value(json_object_get(card, "naam"));
    out->sprint = (int)json_integer_value(json_object_get(card, "sprint"));
    out->deelnemers = n > 0 ? b->groups : NULL;
    out->groep_min = (int)json_integer_value(json_object_get(json_object_get(card, "groep"), "min"));
    out->groep_max = (int)json_integer_value(json_object_get(json_object_get(card, "groep"), "max"));
    /* The cache keeps the card (and so the strings) alive until the report is done. */
    json_decref(card);
    return 0;
}

static json_t *check_factors(void *ctx, struct traject *t, int tot, wp_error *err)
{
    struct bronnen_ctx *b = ctx;

    if (b->check_data == NULL) {
        memset(&b->check_opts, 0, sizeof b->check_opts);
        b->check_opts.kaart = card_for_check;
        b->check_opts.kaart_ctx = ctx;
        if ((b->check_data = sleutelfactoren_load(t, &b->check_opts, err)) == NULL)
            return NULL;
    }
    return sleutelfactoren_check_tot(b->check_data, tot, err);
}

static json_t *agreements(void *ctx, struct traject *t, wp_error *err)
{
    (void)ctx;
    return afspraak_list(t, 0, NULL, 0, err);
}

static json_t *stances(void *ctx, struct traject *t, wp_error *err)
{
    (void)ctx;
    return houding_overzicht(t, 0, err);
}

/* --- options ------------------------------------------------------------------ */

struct opties {
    int sprint, pseudoniem;
    int formaat;          /* -1: not given */
    const char *uit;      /* -o PAD, or NULL for standard output */
};

/* The format from -o's extension when --formaat is not given, else HTML. */
static int default_format(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;

    if (dot != NULL) {
        int i = text_index(dot + 1, formaten);
        if (i >= 0)
            return i;
        if (strcmp(dot, ".htm") == 0 || strcmp(dot, ".markdown") == 0)
            return dot[1] == 'h' ? F_HTML : F_MD;
    }
    return F_HTML;
}

static int parse_options(struct cli *cli, const char *cmd, int argc, char **argv, int with_sprint,
                         int max_formaat, struct opties *o)
{
    static const struct option opts[] = {
        { "sprint", required_argument, NULL, 's' }, { "formaat", required_argument, NULL, 'f' },
        { "pseudoniem", no_argument, NULL, 'p' },  { NULL, 0, NULL, 0 },
    };
    int c, started = 0;
    long long nr;
    char hint[128], choices[128];
    const char *allowed[5] = { NULL };

    memset(o, 0, sizeof *o);
    o->formaat = -1;
    for (int i = 0; i <= max_formaat; i++)
        allowed[i] = formaten[i];
    while ((c = cli_getopt(cli, argc, argv, "o:", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help(cmd, stdout);
            return 1;
        }
        if (c == '?')
            return -1;
        if (c == 'o')
            o->uit = optarg;
        else if (c == 'p')
            o->pseudoniem = 1;
        else if (c == 's') {
            if (!with_sprint)
                return cli_usage_error(cli, cmd, "de ontwerpbrief gaat altijd over sprint 1 tot en met 3"), -1;
            if (cli_parse_int(cli, cmd, "--sprint", optarg, 1, 99, &nr) != 0)
                return -1;
            o->sprint = (int)nr;
        } else if (c == 'f') {
            o->formaat = text_index(optarg, allowed);
            if (o->formaat < 0)
                return cli_usage_error(cli, cmd, "onbekend formaat '%s'%s; kies %s", optarg,
                                       text_hint(hint, sizeof hint, optarg, allowed),
                                       text_choices(choices, sizeof choices, allowed)), -1;
        }
    }
    if (argc - optind != 0)
        return cli_usage_error(cli, cmd, "onverwacht argument '%s'", argv[optind]), -1;
    if (o->formaat < 0) {
        o->formaat = default_format(o->uit);
        if (o->formaat > max_formaat)
            o->formaat = F_HTML;
    }
    return 0;
}

/* --- output ------------------------------------------------------------------- */

/* Writes the report: text when a renderer made it, otherwise the model as
 * JSON straight from the model (never held as one string beside it). */
static int emit(struct cli *cli, const struct opties *o, char *text, json_t *model, const char *wat)
{
    int failed;

    if (text == NULL && model == NULL)
        return wp_error_add(cli->err, WP_EINTERNAL, NULL, "onvoldoende geheugen voor het %s", wat), WP_EINTERNAL;
    if (o->uit == NULL || strcmp(o->uit, "-") == 0) {
        /* As with fwrite, a reader that went away is not reported here. */
        if (text != NULL)
            fwrite(text, 1, strlen(text), stdout);
        else
            (void)rapport_json_save(model, NULL);
        free(text);
        return 0;
    }
    failed = text != NULL ? writer_save(o->uit, text, strlen(text)) : rapport_json_save(model, o->uit);
    free(text);
    if (failed) {
        wp_error_add(cli->err, WP_EUSER, o->uit, "kan het %s niet schrijven: %s", wat, writer_problem(errno));
        return WP_EUSER;
    }
    printf("%c%s geschreven naar %s (%s, alleen leesbaar voor jou: het bevat wat deelnemers zeiden).\n",
           wat[0] == 'r' ? 'R' : 'O', wat + 1, o->uit, formaten[o->formaat]);
    return 0;
}

static void bronnen_free(struct bronnen_ctx *ctx)
{
    sleutelfactoren_free(ctx->check_data);
    json_decref(ctx->cards);
}

static json_t *build_model(struct cli *cli, const struct opties *o, struct bronnen_ctx *ctx)
{
    struct rapport_bronnen bronnen = { ctx, load_card, check_factors, agreements, stances };
    struct rapport_opties ro = { o->sprint, o->pseudoniem, &bronnen };
    struct traject *t = cli_traject(cli);

    if (t == NULL)
        return NULL;
    if (o->sprint > 0 && methode_sprint(t->methode, o->sprint) == NULL) {
        cli_usage_error(cli, "rapport", "sprint %d bestaat niet; de methode heeft sprint 1 tot en met %zu",
                        o->sprint, t->methode->n_sprints);
        return NULL;
    }
    ctx->cli = cli;
    ctx->cards = json_object();
    /* Only JSON (and the export made from it) shows a werkvorm's own result. */
    if (o->formaat != F_JSON)
        return rapport_model_for_render(t, &ro, cli->err);
    return rapport_model(t, &ro, cli->err);
}

json_t *cli_rapport_model(struct cli *cli, int pseudoniem)
{
    struct opties o = { 0, pseudoniem, F_JSON, NULL };
    struct bronnen_ctx ctx;
    json_t *model;

    memset(&ctx, 0, sizeof ctx);
    model = build_model(cli, &o, &ctx);
    bronnen_free(&ctx);
    return model;
}

typedef char *(*render_fn)(json_t *model);

/* Parses the options, builds the model and writes it in the chosen format;
 * renderers[f] renders format f (up to max_formaat), NULL for JSON. */
static int run(struct cli *cli, const char *cmd, int argc, char **argv, int with_sprint, int max_formaat,
               const render_fn *renderers)
{
    struct opties o;
    struct bronnen_ctx ctx;
    json_t *model;
    char *text;
    int rc = parse_options(cli, cmd, argc, argv, with_sprint, max_formaat, &o);

    if (rc != 0)
        return rc > 0 ? 0 : WP_EUSAGE;
    memset(&ctx, 0, sizeof ctx);
    model = build_model(cli, &o, &ctx);
    bronnen_free(&ctx);
    if (model == NULL)
        return cli_status(cli);
    if (renderers[o.formaat] == NULL) {
        rc = emit(cli, &o, NULL, model, cmd);
        json_decref(model);
        return rc;
    }
    text = renderers[o.formaat](model);
    json_decref(model);
    return emit(cli, &o, text, NULL, cmd);
}

int cmd_rapport(struct cli *cli, int argc, char **argv)
{
    /* JSON (NULL) is written straight from the model: see emit. */
    static const render_fn renderers[] = { rapport_html, rapport_md, NULL, rapport_csv };

    return run(cli, "rapport", argc, argv, 1, F_CSV, renderers);
}

int cmd_ontwerpbrief(struct cli *cli, int argc, char **argv)
{
    static const render_fn renderers[] = { rapport_ontwerpbrief_html, rapport_ontwerpbrief_md };

    return run(cli, "ontwerpbrief", argc, argv, 0, F_MD, renderers);
}
