/*
 * cli_werkvorm.c: the library and the author's tools.
 *
 *   werkplaats werkvormen [filters] [--json]   what the library holds
 *   werkplaats werkvorm SUBOPDRACHT ...        one werkvorm: nieuw, check (and
 *                                              the session commands, which add
 *                                              themselves to werkvorm_subs)
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "werkplaats/bibliotheek.h"
#include "werkplaats/cli.h"
#include "werkplaats/plugin.h"
#include "werkplaats/text.h"

/* --- werkvormen: the list -------------------------------------------------------- */

struct filter {
    long long sprint, groep, duur;   /* 0: any */
    const char *deelnemers;          /* NULL: any */
};

static int card_matches(const struct plugin_card *c, const struct filter *f)
{
    if (f->sprint > 0 && c->sprint != f->sprint)
        return 0;
    if (f->groep > 0 && (f->groep < c->groep_min || f->groep > c->groep_max))
        return 0;
    if (f->duur > 0 && c->duur > f->duur)
        return 0;
    return f->deelnemers == NULL || text_index(f->deelnemers, (const char *const *)c->deelnemers) >= 0;
}

static json_t *words_json(char *const *list)
{
    json_t *a = json_array();

    for (size_t i = 0; a != NULL && list != NULL && list[i] != NULL; i++)
        json_array_append_new(a, json_string(list[i]));
    return a;
}

static json_t *card_json(const struct plugin_card *c)
{
    return json_pack("{s:s, s:s, s:s, s:i, s:{s:i, s:i}, s:i, s:o, s:o, s:o, s:s, s:s, s:s}", "id", c->id, "naam",
                     c->naam, "versie", c->versie, "sprint", c->sprint, "groep", "min", c->groep_min, "max",
                     c->groep_max, "duur", c->duur, "deelnemers", words_json(c->deelnemers), "nodig",
                     words_json(c->nodig), "levert", words_json(c->levert), "toelichting", c->toelichting,
                     "opbrengst", c->opbrengst, "bestand", c->bestand);
}

static int print_json(struct bibliotheek *b, const struct filter *f)
{
    json_t *out = json_pack("{s:[], s:[]}", "werkvormen", "kapot");
    char *text;

    if (out == NULL)
        return WP_EINTERNAL;
    for (size_t i = 0; i < bibliotheek_count(b); i++)
        if (card_matches(bibliotheek_card(b, i), f))
            json_array_append_new(json_object_get(out, "werkvormen"), card_json(bibliotheek_card(b, i)));
    for (size_t i = 0; i < bibliotheek_n_kapot(b); i++) {
        const wp_error *e = bibliotheek_kapot_fouten(b, i);
        json_t *msgs = json_array();
        for (size_t k = 0; msgs != NULL && k < e->count; k++)
            json_array_append_new(msgs, json_string(e->messages[k]));
        json_array_append_new(json_object_get(out, "kapot"),
                              json_pack("{s:s, s:o}", "bestand", bibliotheek_kapot_bestand(b, i), "fouten", msgs));
    }
    text = json_dumps(out, JSON_INDENT(2));
    json_decref(out);
    if (text == NULL)
        return WP_EINTERNAL;
    printf("%s\n", text);
    free(text);
    return 0;
}

static void print_table(struct bibliotheek *b, const struct filter *f)
{
    size_t shown = 0;

    for (size_t i = 0; i < bibliotheek_count(b); i++) {
        const struct plugin_card *c = bibliotheek_card(b, i);
        char groep[32], duur[32], list[400];
        if (!card_matches(c, f))
            continue;
        if (shown++ == 0)
            printf("%-6s %-22s %-7s %-7s %s\n", "sprint", "id", "groep", "duur", "naam en deelnemers");
        snprintf(groep, sizeof groep, "%d-%d", c->groep_min, c->groep_max);
        snprintf(duur, sizeof duur, "%d min", c->duur);
        printf("%-6d ", c->sprint);
        text_print_padded(stdout, c->id, 22);
        printf(" %-7s %-7s %s\n", groep, duur, c->naam);
        list[0] = '\0';
        for (size_t k = 0; c->deelnemers[k] != NULL; k++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? ", " : "", c->deelnemers[k]);
        printf("%-6s %-22s %-7s %-7s %s\n", "", "", "", "", list);
    }
    if (shown == 0)
        printf("Geen werkvormen gevonden%s.\n", f->sprint || f->groep || f->duur || f->deelnemers
                                                    ? " die bij deze keuzes passen" : "");
    if (bibliotheek_n_kapot(b) > 0)
        printf("\nNiet te gebruiken (zie de meldingen hierboven):\n");
    for (size_t i = 0; i < bibliotheek_n_kapot(b); i++) {
        printf("  %s\n", bibliotheek_kapot_bestand(b, i));
        wp_error_print(bibliotheek_kapot_fouten(b, i), stderr, "werkplaats");
    }
}

/* A group name from the methode, or a usage error with a hint. */
static int check_groep(struct cli *cli, const char *cmd, const char *groep)
{
    const char *const *groepen = (const char *const *)cli->methode->groepen;
    char hint[160], list[400];

    if (text_index(groep, groepen) >= 0)
        return 0;
    if (text_suggest(groep, groepen) != NULL)
        cli_usage_error(cli, cmd, "onbekende deelnemersgroep '%s'%s", groep, text_hint(hint, sizeof hint, groep, groepen));
    else
        cli_usage_error(cli, cmd, "onbekende deelnemersgroep '%s' (kies uit %s)", groep,
                        text_choices(list, sizeof list, groepen));
    return -1;
}

int cmd_werkvormen(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        { "sprint", required_argument, NULL, 's' }, { "groep", required_argument, NULL, 'g' },
        { "duur", required_argument, NULL, 'd' },   { "deelnemers", required_argument, NULL, 'p' },
        { "json", no_argument, NULL, 'j' },         { NULL, 0, NULL, 0 }
    };
    struct filter f = { 0, 0, 0, NULL };
    int c, started = 0, json = 0;
    const char *sprint = NULL, *groep = NULL, *duur = NULL;
    struct bibliotheek *b;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("werkvormen", stdout);
            return 0;
        }
        if (c == '?')
            return WP_EUSAGE;
        if (c == 's')
            sprint = optarg;
        else if (c == 'g')
            groep = optarg;
        else if (c == 'd')
            duur = optarg;
        else if (c == 'p')
            f.deelnemers = optarg;
        else
            json = 1;
    }
    if (argc - optind != 0)
        return cli_usage_error(cli, "werkvormen", "onverwacht argument '%s'", argv[optind]);
    if (cli_methode(cli) == NULL)
        return cli_status(cli);
    if ((sprint && cli_parse_int(cli, "werkvormen", "--sprint", sprint, 1, (long long)cli->methode->n_sprints,
                                 &f.sprint) != 0) ||
        (groep && cli_parse_int(cli, "werkvormen", "--groep", groep, 1, 1000, &f.groep) != 0) ||
        (duur && cli_parse_int(cli, "werkvormen", "--duur", duur, 1, 24 * 60, &f.duur) != 0) ||
        (f.deelnemers && check_groep(cli, "werkvormen", f.deelnemers) != 0))
        return WP_EUSAGE;
    if ((b = cli_bibliotheek(cli)) == NULL)
        return cli_status(cli);
    if (json)
        return print_json(b, &f);
    print_table(b, &f);
    return 0;
}

/* --- werkvorm nieuw: a skeleton that passes check ------------------------------------ */

static int valid_id(const char *id)
{
    size_t n = strlen(id);

    if (n == 0 || n > 64)
        return 0;
    return strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

/* The skeleton, in Dutch, with comments for an author who knows a little Lua. */
static void write_skeleton(FILE *out, const char *id, const struct methode *m, int sprint)
{
    const struct methode_sprint *s = methode_sprint(m, sprint), *before = methode_sprint(m, sprint - 1);
    const char *levert = s->levert[0], *groep = m->groepen[0];

    fprintf(out,
            "-- %s: een nieuwe werkvorm voor sprint %d (%s).\n"
            "--\n"
            "-- Een begin dat 'werkplaats werkvorm check' goedkeurt. Pas de teksten, de\n"
            "-- stappen en de functie resultaat aan. De handleiding staat in\n"
            "-- werkvormen/README.md; met werkvormen/werkplaats.lua kent je editor de\n"
            "-- functies van wp.\n"
            "\n"
            "return {\n"
            "  -- De kaart: wat een begeleider ziet als hij een werkvorm kiest.\n"
            "  -- id: kleine letters, cijfers, '_' en '-'; uniek in de bibliotheek.\n"
            "  id = \"%s\",\n"
            "  naam = \"Naam van de werkvorm\",\n"
            "  versie = \"0.1.0\",\n"
            "  -- sprint %d: %s\n"
            "  sprint = %d,\n"
            "  toelichting = \"Waar draait deze werkvorm om? Schrijf een paar zinnen.\",\n"
            "  opbrengst = \"Wat levert de werkvorm op?\",\n"
            "  -- De groepen die meedoen, zoals ze in werkvormen/methode.yaml staan.\n"
            "  deelnemers = { \"%s\" },\n"
            "  -- Hoeveel deelnemers, en hoe lang in minuten: precies de som van de stappen.\n"
            "  groep = { min = 3, max = 12 },\n"
            "  duur = 40,\n"
            "  schatting = \"Groep en duur zijn een schatting van de auteur.\",\n",
            id, sprint, s->naam, id, sprint, s->naam, sprint, groep);
    if (before != NULL)
        fprintf(out, "  -- Resultaten van eerdere sprints die de werkvorm leest (met wp.resultaat).\n"
                     "  nodig = { \"%s\" },\n", before->levert[0]);
    fprintf(out,
            "  -- Wat resultaat() teruggeeft; de volgende sprints kunnen het lezen.\n"
            "  levert = { \"%s\" },\n"
            "\n"
            "  -- De stappen, op volgorde. invoer is geen, bijdrage, stem, plaatsing of besluit.\n"
            "  stappen = {\n"
            "    { id = \"intro\", titel = \"Waar gaat het om?\",\n"
            "      instructie = \"Leg uit wat we gaan doen en waarom.\",\n"
            "      duur = 5, invoer = \"geen\" },\n"
            "    { id = \"ophalen\", titel = \"Wat zien jullie?\",\n"
            "      instructie = \"Schrijf op wat je ziet, één gedachte per briefje.\",\n"
            "      duur = 20, invoer = \"bijdrage\", omgevingen = \"optioneel\" },\n"
            "    { id = \"kiezen\", titel = \"Wat weegt het zwaarst?\",\n"
            "      instructie = \"Iedereen heeft drie stemmen.\",\n"
            "      duur = 10, invoer = \"stem\", stemmen = 3, op = \"ophalen\" },\n"
            "    { id = \"afronden\", titel = \"Wat nemen we mee?\",\n"
            "      instructie = \"Vat samen wat de volgende sprint moet weten.\",\n"
            "      duur = 5, invoer = \"geen\" },\n"
            "  },\n"
            "\n"
            "  -- Maakt van wat er in de sessie gebeurde het resultaat: een tabel met\n"
            "  -- elke naam uit 'levert'.\n"
            "  resultaat = function(sessie)\n"
            "    local lijst = {}\n"
            "    for i, b in ipairs(wp.top(wp.bijdragen(sessie, { stap = \"ophalen\" }), 5)) do\n"
            "      lijst[i] = { tekst = b.tekst, stemmen = b.stemmen, omgevingen = b.omgevingen }\n"
            "    end\n"
            "    return { %s = lijst }\n"
            "  end,\n"
            "\n"
            "  -- Je eigen test: 'werkplaats werkvorm test' speelt dit voorbeeld af en\n"
            "  -- vergelijkt het resultaat met 'verwacht'.\n"
            "  voorbeeld = {\n",
            levert, levert);
    if (before != NULL)
        fprintf(out, "    resultaten = { %s = \"(wat sprint %d opleverde)\" },\n", before->levert[0], sprint - 1);
    fprintf(out,
            "    deelnemers = {\n"
            "      { id = \"anna\", groep = \"%s\" },\n"
            "      { id = \"bram\", groep = \"%s\" },\n"
            "    },\n"
            "    invoer = {\n"
            "      ophalen = {\n"
            "        { id = \"b1\", wie = \"anna\", tekst = \"Het is donker bij de flat\", omgevingen = { \"%s\" } },\n"
            "        { id = \"b2\", wie = \"bram\", tekst = \"Er wordt hard gereden in de straat\" },\n"
            "      },\n"
            "      kiezen = {\n"
            "        { wie = \"anna\", op = \"b1\", aantal = 2 },\n"
            "        { wie = \"bram\", op = \"b1\", aantal = 1 },\n"
            "      },\n"
            "    },\n"
            "    verwacht = {\n"
            "      %s = { { tekst = \"Het is donker bij de flat\", stemmen = 3 } },\n"
            "    },\n"
            "  },\n"
            "}\n",
            groep, groep, m->omgevingen[1] ? m->omgevingen[1] : m->omgevingen[0], levert);
}

static int werkvorm_nieuw(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        { "sprint", required_argument, NULL, 's' }, { "uitvoer", required_argument, NULL, 'o' }, { NULL, 0, NULL, 0 }
    };
    const char *cmd = argv[0], *out = NULL, *sprint = NULL, *id;
    char path[PATH_MAX];
    long long nr = 1;
    int c, started = 0;
    FILE *f;

    while ((c = cli_getopt(cli, argc, argv, "o:", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_command_help(cli->sub, stdout);
            return 0;
        }
        if (c == '?')
            return WP_EUSAGE;
        if (c == 's')
            sprint = optarg;
        else
            out = optarg;
    }
    if (argc - optind != 1)
        return cli_usage_error(cli, cmd, "geef precies één id, bijvoorbeeld 'werkplaats werkvorm nieuw buurtwandeling'");
    id = argv[optind];
    if (!valid_id(id))
        return cli_usage_error(cli, cmd, "'%s' is geen geldig id: gebruik kleine letters, cijfers, '_' en '-'", id);
    if (cli_methode(cli) == NULL)
        return cli_status(cli);
    if (sprint && cli_parse_int(cli, cmd, "--sprint", sprint, 1, (long long)cli->methode->n_sprints, &nr) != 0)
        return WP_EUSAGE;
    if (out != NULL && strcmp(out, "-") == 0) {
        write_skeleton(stdout, id, cli->methode, (int)nr);
        return 0;
    }
    snprintf(path, sizeof path, "%s", out != NULL ? out : id);
    if (out == NULL)
        snprintf(path, sizeof path, "%s.lua", id);
    if (access(path, F_OK) == 0) {
        wp_error_add(cli->err, WP_EUSER, path, "bestaat al; kies een ander pad met -o (een werkvorm wordt nooit "
                     "overschreven)");
        return WP_EUSER;
    }
    if ((f = fopen(path, "wx")) == NULL) {
        wp_error_add(cli->err, WP_EUSER, path, "kan niet geschreven worden: %s", strerror(errno));
        return WP_EUSER;
    }
    write_skeleton(f, id, cli->methode, (int)nr);
    if (fclose(f) != 0) {
        wp_error_add(cli->err, WP_EUSER, path, "kan niet geschreven worden: %s", strerror(errno));
        return WP_EUSER;
    }
    printf("Nieuwe werkvorm '%s' voor sprint %lld geschreven naar %s.\n", id, nr, path);
    printf("Controleer hem na elke wijziging met: werkplaats werkvorm check %s\n", path);
    return 0;
}

/* --- werkvorm check: every problem, without a database ----------------------------- */

/* True when a and b name the same file. */
static int same_file(const char *a, const char *b)
{
    char ra[PATH_MAX], rb[PATH_MAX];

    return realpath(a, ra) != NULL && realpath(b, rb) != NULL && strcmp(ra, rb) == 0;
}

/* What the library's other werkvormen deliver (not the checked file itself). */
static struct plugin_levering *others_deliver(struct bibliotheek *b, const char *path, size_t *n)
{
    size_t all;
    struct plugin_levering *out;

    bibliotheek_leveringen(b, &all);
    out = calloc(all ? all : 1, sizeof *out);

    *n = 0;
    for (size_t i = 0; out != NULL && i < bibliotheek_count(b); i++) {
        const struct plugin_card *c = bibliotheek_card(b, i);
        if (same_file(c->bestand, path))
            continue;
        for (size_t k = 0; c->levert[k] != NULL; k++)
            out[(*n)++] = (struct plugin_levering){ c->levert[k], c->sprint };
    }
    return out;
}

static int werkvorm_check(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { NULL, 0, NULL, 0 } };
    const char *cmd = argv[0], *path, *other;
    struct plugin_context ctx = { 0 };
    struct plugin_levering *lev;
    struct bibliotheek *b;
    struct plugin *p;
    const struct plugin_card *c;
    json_t *voorbeeld;
    int started = 0, ch;

    while ((ch = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (ch == 'h') {
            cli_print_command_help(cli->sub, stdout);
            return 0;
        }
        return WP_EUSAGE;
    }
    if (argc - optind != 1)
        return cli_usage_error(cli, cmd, "geef precies één werkvormbestand, bijvoorbeeld werkvormen/empathiekaart.lua");
    path = argv[optind];
    if ((b = cli_bibliotheek(cli)) == NULL)
        return cli_status(cli);
    if ((lev = others_deliver(b, path, &ctx.n_leveringen)) == NULL) {
        wp_error_add(cli->err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
        return WP_EINTERNAL;
    }
    ctx.methode = cli->methode;
    ctx.leveringen = lev;
    if (plugin_limits_from_env(&ctx.limits, cli->err) != 0 || (p = plugin_load(path, &ctx, cli->err)) == NULL) {
        free(lev);
        return cli_status(cli);
    }
    free(lev);
    c = plugin_card(p);
    other = bibliotheek_path(b, c->id);
    if (other != NULL && !same_file(other, path))
        wp_error_add(cli->err, WP_EUSER, path, "werkvorm-id '%s' bestaat al in %s; kies een ander id", c->id, other);
    voorbeeld = plugin_voorbeeld(p, cli->err);  /* it must be passable as data */
    json_decref(voorbeeld);
    if (!wp_error_failed(cli->err))
        printf("%s: in orde: werkvorm '%s' (%s), sprint %d, %zu stappen, %d minuten, groep %d-%d%s.\n", path, c->id,
               c->naam, c->sprint, c->n_stappen, c->duur, c->groep_min, c->groep_max,
               c->heeft_voorbeeld ? ", met voorbeeld" : "");
    plugin_free(p);
    return cli_status(cli);
}

/* The subcommands of `werkplaats werkvorm`; the session commands (start,
 * sluit, test) belong here too. */
static const struct cli_command werkvorm_subs[] = {
    { "nieuw", werkvorm_nieuw, "werkplaats werkvorm nieuw ID [--sprint N] [-o PAD]",
      "Schrijf een nieuwe werkvorm met uitleg, als begin voor een auteur.",
      "Het bestand (standaard ID.lua in de huidige map) is een werkende werkvorm met\n"
      "Nederlandse uitleg bij elk veld, die 'werkplaats werkvorm check' goedkeurt.\n"
      "Een bestaand bestand wordt nooit overschreven.\n\n"
      "  --sprint N       de sprint waarin de werkvorm hoort (standaard 1)\n"
      "  -o, --uitvoer P  schrijf naar P; '-o -' schrijft naar het scherm\n" },
    { "check", werkvorm_check, "werkplaats werkvorm check BESTAND",
      "Controleer een werkvorm zonder database: alle fouten tegelijk, met regelnummers.",
      "Laadt de werkvorm in de zandbak en controleert de kaart, de stappen, het voorbeeld\n"
      "en of alles wat 'nodig' noemt door een eerdere sprint wordt geleverd (door de\n"
      "methode of door een andere werkvorm in de bibliotheek). Exit 0 als alles in orde\n"
      "is, 1 met elke fout als bestand:regel: melding.\n" },
    { "test", werkvorm_test, "werkplaats werkvorm test BESTAND... [--toon]",
      "Draai het voorbeeld van een werkvorm en vergelijk het resultaat met wat het voorbeeld verwacht.",
      "Het voorbeeld (het veld 'voorbeeld' in de werkvorm) gaat door dezelfde code als een\n"
      "echte workshop: een proeftraject in het geheugen met de Molenwijk-casus (of de casus\n"
      "die het voorbeeld noemt), de invoer stap voor stap, de zandbak, het resultaat. Elke\n"
      "sleutel en elk lijstitem in 'verwacht' moet zo in het resultaat staan; wat 'verwacht'\n"
      "weglaat, wordt niet gecontroleerd. Er komt geen database bij.\n\n"
      "  --toon   laat ook het hele resultaat zien (JSON)\n" },
    { "start", werkvorm_start, "werkplaats werkvorm start ID [--label L] [--datum JJJJ-MM-DD]",
      "Open een werkvorm in de lopende sprint (of ga verder waar hij was).",
      "De werkvorm moet bij de lopende sprint horen en alles wat hij 'nodig' heeft moet\n"
      "al door een gesloten sprint (of een eerder gesloten werkvorm van deze sprint) zijn\n"
      "opgeleverd. Invoer gaat daarna via 'werkplaats sessie' (het regiescherm).\n\n"
      "  --label L   een tweede keer dezelfde werkvorm in één sprint: geef hem een eigen label\n"
      "  --datum D   de datum van de workshop\n" },
    { "volgende", werkvorm_volgende, "werkplaats werkvorm volgende [LABEL]",
      "Ga naar de volgende stap van de open werkvorm.", "" },
    { "vorige", werkvorm_vorige, "werkplaats werkvorm vorige [LABEL]",
      "Ga terug naar de vorige stap van de open werkvorm.", "" },
    { "sluit", werkvorm_sluit, "werkplaats werkvorm sluit [LABEL]",
      "Sluit de open werkvorm: het resultaat wordt berekend en opgeslagen.",
      "De werkvorm rekent zijn resultaat uit alle opgeslagen invoer. Lukt dat niet (een fout\n"
      "in de werkvorm), dan blijft hij open en blijft alle invoer bewaard.\n" },
};

int cmd_werkvorm(struct cli *cli, int argc, char **argv)
{
    return cli_dispatch(cli, "werkvorm", werkvorm_subs, sizeof werkvorm_subs / sizeof werkvorm_subs[0], argc, argv);
}
