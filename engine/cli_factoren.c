/*
 * cli_factoren.c: the commands of the sleutelfactoren (afspraak, houding,
 * plan, sleutelfactoren) and what `sprint start`, `sprint sluit` and
 * `status` show about them.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "werkplaats/afspraak.h"
#include "werkplaats/bibliotheek.h"
#include "werkplaats/cli.h"
#include "werkplaats/houding.h"
#include "werkplaats/planning.h"
#include "werkplaats/reflectie.h"
#include "werkplaats/register.h"
#include "werkplaats/sleutelfactoren.h"
#include "werkplaats/text.h"
#include "werkplaats/vingerafdruk.h"
#include "werkplaats/yamlx.h"

/* --- werkvorm cards for the check, from the library --------------------------- */

struct kaarten {
    struct cli *cli;
    struct bibliotheek *lib;
    int tried;
};

/* The library, opened without making its problems the command's problems:
 * a werkvorm that does not load only means it is not tested. */
static struct bibliotheek *quiet_library(struct kaarten *k)
{
    wp_error local = WP_ERROR_INIT, *saved = k->cli->err;

    if (!k->tried) {
        k->cli->err = &local;
        k->lib = cli_bibliotheek(k->cli);
        k->cli->err = saved;
        wp_error_clear(&local);
        k->tried = 1;
    }
    return k->lib;
}

static int kaart_lookup(void *ctx, const char *werkvorm, struct sleutelfactoren_kaart *out)
{
    struct bibliotheek *lib = quiet_library(ctx);
    const struct plugin_card *card = lib != NULL ? bibliotheek_find(lib, werkvorm) : NULL;

    if (card == NULL)
        return -1;
    out->naam = card->naam;
    out->sprint = card->sprint;
    out->deelnemers = (const char *const *)card->deelnemers;
    out->groep_min = card->groep_min;
    out->groep_max = card->groep_max;
    return 0;
}

/* --- what the check depends on outside the database -------------------------- */

/* What a stored check depends on besides the database: this werkplaats, its
 * methode, and the werkvorm files in the library's folders (their cards). */
static const char *fingerprint(struct cli *cli, char *buf, size_t size)
{
    char path[PATH_MAX];
    uint64_t h = vingerafdruk_data(VINGERAFDRUK_BEGIN, WERKPLAATS_VERSION, strlen(WERKPLAATS_VERSION));

    h = vingerafdruk_bestand(h, cli_methode_path(cli, path, sizeof path));
    h = vingerafdruk_map(h, cli->ingebouwd, ".lua");
    for (int i = 0; i < cli->n_extra_dirs; i++)
        h = vingerafdruk_map(h, cli->extra_dirs[i], ".lua");
    snprintf(buf, size, "%016llx", (unsigned long long)h);
    return buf;
}

/* The check as it stands, werkvormen tested against their cards; kern: only
 * what status shows (sleutelfactoren_kern). */
static json_t *run_check(struct cli *cli, int tot, int kern)
{
    struct sleutelfactoren_opties opt;
    struct kaarten k = { cli, NULL, 0 };
    char kaarten[32];

    memset(&opt, 0, sizeof opt);
    opt.tot = tot;
    opt.kaart = kaart_lookup;
    opt.kaart_ctx = &k;
    return sleutelfactoren_stand(cli->traject, &opt, fingerprint(cli, kaarten, sizeof kaarten), kern, cli->err);
}

/* Prints the bevindingen of one soort from a factor, one per line. */
static int print_soort(json_t *model, const char *factor, const char *soort, const char *kop, FILE *out)
{
    json_t *b;
    size_t i;
    int n = 0;
    json_int_t more;

    json_array_foreach(json_object_get(sleutelfactoren_factor(model, factor), "bevindingen"), i, b) {
        if (strcmp(json_string_value(json_object_get(b, "soort")), soort) != 0)
            continue;
        if (n++ == 0 && kop != NULL)
            fprintf(out, "%s\n", kop);
        fprintf(out, "  - ");
        sleutelfactoren_print_wrapped(out, json_string_value(json_object_get(b, "tekst")), 4, 4, 78);
    }
    /* A kern keeps only the first few of each soort: say how many more there are. */
    more = json_integer_value(json_object_get(json_object_get(sleutelfactoren_factor(model, factor), "aantallen"),
                                              soort)) - n;
    if (more > 0)
        fprintf(out, "  … en nog %lld (alles: werkplaats sleutelfactoren)\n", (long long)more);
    return n;
}

/* --- werkplaats sleutelfactoren ----------------------------------------------------- */

int cmd_sleutelfactoren(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { "sprint", required_argument, NULL, 's' },
                                          { "json", no_argument, NULL, 'j' }, { NULL, 0, NULL, 0 } };
    long long nr = 0;
    int c, started = 0, as_json = 0;
    json_t *model;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("sleutelfactoren", stdout);
            return 0;
        }
        if (c == '?' || (c == 's' && cli_parse_int(cli, "sleutelfactoren", "--sprint", optarg, 1, 99, &nr) != 0))
            return WP_EUSAGE;
        as_json |= c == 'j';
    }
    if (argc - optind != 0)
        return cli_usage_error(cli, "sleutelfactoren", "onverwacht argument '%s'", argv[optind]);
    if (cli_traject(cli) == NULL)
        return cli_status(cli);
    if (nr > (long long)cli->traject->methode->n_sprints)
        return cli_usage_error(cli, "sleutelfactoren", "sprint %lld bestaat niet; de methode heeft %zu sprints", nr,
                               cli->traject->methode->n_sprints);
    if ((model = run_check(cli, (int)nr, 0)) == NULL)
        return cli_status(cli);
    if (as_json) {
        json_dumpf(model, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        printf("\n");
    } else {
        sleutelfactoren_print(model, stdout);
    }
    json_decref(model);
    return cli_status(cli);
}

/* --- werkplaats afspraak ---------------------------------------------------------- */

struct sub {
    const char *name;
    char *full;                 /* "afspraak nieuw": the name in messages */
    int (*run)(struct cli *cli, int argc, char **argv);
};

/* Runs the subcommand named by argv[1], with "<command> <sub>" as its name. */
static int dispatch(struct cli *cli, int argc, char **argv, const struct sub *subs, const char *usage)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        cli_print_help(argv[0], stdout);
        return 0;
    }
    for (const struct sub *s = subs; argc >= 2 && s->name != NULL; s++)
        if (strcmp(argv[1], s->name) == 0) {
            argv[1] = s->full;
            return s->run(cli, argc - 1, argv + 1);
        }
    return cli_usage_error(cli, argv[0], "%s", usage);
}

static void print_afspraak_line(json_t *a, FILE *out)
{
    const char *status = json_is_true(json_object_get(a, "te_laat")) ? "te laat"
                                                                      : json_string_value(json_object_get(a, "status"));
    const char *deadline = json_string_value(json_object_get(a, "deadline"));
    const char *gremium = json_string_value(json_object_get(a, "gremium_naam"));
    char who[512];

    snprintf(who, sizeof who, "%s%s%s", json_string_value(json_object_get(a, "wie_naam")), gremium ? ", via " : "",
             gremium ? gremium : "");
    fprintf(out, "%4lld  %-8s %-10s  ", (long long)json_integer_value(json_object_get(a, "nr")), status,
            deadline ? deadline : "-");
    sleutelfactoren_print_wrapped(out, who, 27, 27, 100);
    fprintf(out, "%27s", "");
    sleutelfactoren_print_wrapped(out, json_string_value(json_object_get(a, "wat")), 27, 27, 100);
}

static int afspraak_nieuw(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        { "wie", required_argument, NULL, 'w' },      { "wat", required_argument, NULL, 'a' },
        { "gremium", required_argument, NULL, 'g' },  { "deadline", required_argument, NULL, 'd' },
        { "id", required_argument, NULL, 'i' },       { NULL, 0, NULL, 0 }
    };
    struct afspraak_invoer in;
    int c, started = 0;
    long long nr;
    char who[512];

    memset(&in, 0, sizeof in);
    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        switch (c) {
        case 'h': cli_print_help("afspraak", stdout); return 0;
        case 'w': in.wie = optarg; break;
        case 'a': in.wat = optarg; break;
        case 'g': in.gremium = optarg; break;
        case 'd': in.deadline = optarg; break;
        case 'i': in.ref = optarg; break;
        default: return WP_EUSAGE;
        }
    }
    if (argc - optind != 0)
        return cli_usage_error(cli, argv[0], "onverwacht argument '%s'; zet de tekst achter --wat", argv[optind]);
    if (in.wie == NULL || in.wat == NULL)
        return cli_usage_error(cli, argv[0], "geef minstens --wie BETROKKENE en --wat TEKST");
    if (cli_traject(cli) == NULL)
        return cli_status(cli);
    in.herkomst = HERKOMST_BEGELEIDER;
    if ((nr = afspraak_add(cli->traject, &in, NULL, cli->err)) <= 0)
        return cli_status(cli);
    {
        const struct casus_betrokkene *b = casus_betrokkene(cli->traject->casus, in.wie);
        snprintf(who, sizeof who, "%s (%s)", b->naam, b->rol);
    }
    printf("Afspraak %lld vastgelegd: %s: %s\n", nr, who, in.wat);
    if (in.gremium != NULL)
        printf("Gevolgd in: %s\n", casus_gremium(cli->traject->casus, in.gremium)->naam);
    if (in.deadline != NULL)
        printf("Deadline: %s\n", in.deadline);
    if (in.gremium == NULL)
        printf("Let op: zonder --gremium volgt geen bestaand overleg de afspraak, en stuurt niemand bij als het "
               "niet lukt.\n");
    if (in.deadline == NULL)
        printf("Let op: zonder --deadline weet niemand wanneer het klaar moet zijn.\n");
    return 0;
}

static int afspraak_klaar(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { "datum", required_argument, NULL, 'd' }, { NULL, 0, NULL, 0 } };
    const char *datum = NULL, *ref = NULL;
    int c, started = 0, was_done = 0;
    long long nr = 0;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("afspraak", stdout);
            return 0;
        }
        if (c == '?')
            return WP_EUSAGE;
        datum = optarg;
    }
    if (argc - optind != 1)
        return cli_usage_error(cli, argv[0], "geef het nummer van één afspraak (zie 'werkplaats afspraak lijst')");
    if (argv[optind][0] >= '0' && argv[optind][0] <= '9') {
        if (cli_parse_int(cli, argv[0], "het nummer van de afspraak", argv[optind], 1, 1LL << 53, &nr) != 0)
            return WP_EUSAGE;
    } else {
        ref = argv[optind];
    }
    if (cli_traject(cli) == NULL || afspraak_done(cli->traject, nr, ref, datum, &was_done, cli->err) != 0)
        return cli_status(cli);
    if (was_done)
        printf("Afspraak %s was al klaar.\n", argv[optind]);
    else
        printf("Afspraak %s is klaar.\n", argv[optind]);
    return 0;
}

static int afspraak_lijst(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { "open", no_argument, NULL, 'o' }, { "json", no_argument, NULL, 'j' },
                                          { NULL, 0, NULL, 0 } };
    int c, started = 0, only_open = 0, as_json = 0;
    size_t i, late = 0, done = 0;
    json_t *list, *a;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("afspraak", stdout);
            return 0;
        }
        if (c == '?')
            return WP_EUSAGE;
        only_open |= c == 'o';
        as_json |= c == 'j';
    }
    if (argc - optind != 0)
        return cli_usage_error(cli, argv[0], "onverwacht argument '%s'", argv[optind]);
    if (cli_traject(cli) == NULL || (list = afspraak_list(cli->traject, 0, NULL, only_open, cli->err)) == NULL)
        return cli_status(cli);
    if (as_json) {
        json_dumpf(list, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        printf("\n");
        json_decref(list);
        return 0;
    }
    json_array_foreach(list, i, a) {
        late += json_is_true(json_object_get(a, "te_laat"));
        done += strcmp(json_string_value(json_object_get(a, "status")), "klaar") == 0;
    }
    if (json_array_size(list) == 0)
        printf("Nog geen %safspraken. Leg er een vast met: werkplaats afspraak nieuw --wie ID --wat TEKST "
               "--gremium ID --deadline JJJJ-MM-DD\n", only_open ? "open " : "");
    else
        printf("%zu %s (%zu klaar, %zu open, waarvan %zu te laat: bijsturen)\n\n%4s  %-8s %-10s  %s\n",
               json_array_size(list), json_array_size(list) == 1 ? "afspraak" : "afspraken", done,
               json_array_size(list) - done, late, "nr", "status", "deadline", "wie en wat");
    json_array_foreach(list, i, a)
        print_afspraak_line(a, stdout);
    json_decref(list);
    return 0;
}

int cmd_afspraak(struct cli *cli, int argc, char **argv)
{
    static char nieuw[] = "afspraak nieuw", klaar[] = "afspraak klaar", lijst[] = "afspraak lijst";
    static const struct sub subs[] = { { "nieuw", nieuw, afspraak_nieuw }, { "klaar", klaar, afspraak_klaar },
                                       { "lijst", lijst, afspraak_lijst }, { NULL, NULL, NULL } };

    return dispatch(cli, argc, argv, subs, "gebruik 'werkplaats afspraak nieuw', 'afspraak klaar N' of "
                    "'afspraak lijst'");
}

/* --- werkplaats houding ------------------------------------------------------------ */

int cmd_houding(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { "glijbaan", required_argument, NULL, 'g' },
                                          { "sprint", required_argument, NULL, 's' }, { NULL, 0, NULL, 0 } };
    struct houding_invoer in;
    long long nr = 0;
    int c, started = 0;
    json_t *overzicht, *e;
    size_t i;

    memset(&in, 0, sizeof in);
    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("houding", stdout);
            return 0;
        }
        if (c == '?' || (c == 's' && cli_parse_int(cli, "houding", "--sprint", optarg, 1, 99, &nr) != 0))
            return WP_EUSAGE;
        if (c == 'g')
            in.glijbaan = optarg;
    }
    if (argc - optind != 2)
        return cli_usage_error(cli, "houding", "geef een betrokkene en een houding, bijvoorbeeld 'werkplaats houding "
                               "corporatie positief --glijbaan midden'");
    if (cli_traject(cli) == NULL)
        return cli_status(cli);
    in.betrokkene = argv[optind];
    in.houding = argv[optind + 1];
    in.fase = (int)nr;
    in.herkomst = HERKOMST_BEGELEIDER;
    if (nr > 0 && traject_sprint_status(cli->traject, (int)nr, cli->err) == SPRINT_GEPLAND) {
        wp_error_add(cli->err, WP_EUSER, NULL, "sprint %lld is nog niet gestart; een houding hoort bij een sprint die "
                     "loopt of gesloten is", nr);
        return cli_status(cli);
    }
    if (houding_add(cli->traject, &in, NULL, cli->err) < 0 ||
        (overzicht = houding_overzicht(cli->traject, 0, cli->err)) == NULL)
        return cli_status(cli);
    json_array_foreach(overzicht, i, e) {
        json_t *nu = json_object_get(e, "nu");
        if (strcmp(json_string_value(json_object_get(e, "id")), in.betrokkene) != 0)
            continue;
        printf("Vastgelegd: %s staat in sprint %lld %s, op de glijbaan %s.\n",
               json_string_value(json_object_get(e, "naam")), (long long)json_integer_value(json_object_get(nu, "fase")),
               json_string_value(json_object_get(nu, "houding")), json_string_value(json_object_get(nu, "glijbaan")));
    }
    json_decref(overzicht);
    return 0;
}

/* --- werkplaats plan --------------------------------------------------------------- */

/* The werkvorm must be in the library; an unknown id gets a hint. */
static int check_werkvorm(struct cli *cli, const char *id)
{
    struct bibliotheek *lib = cli_bibliotheek(cli);
    const char *ids[256];
    char hint[128];
    size_t n = 0;

    if (bibliotheek_find(lib, id) != NULL)
        return 0;
    for (size_t i = 0; i < bibliotheek_count(lib) && n + 1 < 256; i++)
        ids[n++] = bibliotheek_card(lib, i)->id;
    ids[n] = NULL;
    return wp_error_add(cli->err, WP_EUSER, NULL, "onbekende werkvorm '%s'%s (zie 'werkplaats werkvormen')", id,
                        text_hint(hint, sizeof hint, id, ids));
}

static int plan_nieuw(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        { "label", required_argument, NULL, 'l' }, { "aantal", required_argument, NULL, 'a' },
        { "groep", required_argument, NULL, 'g' }, { "datum", required_argument, NULL, 'd' },
        { NULL, 0, NULL, 0 }
    };
    struct planning_invoer in;
    const char *groepen[33];
    size_t n_groepen = 0;
    long long nr, aantal = -1, id;
    int c, started = 0, problems;
    json_t *model;

    memset(&in, 0, sizeof in);
    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("plan", stdout);
            return 0;
        }
        if (c == '?' || (c == 'a' && cli_parse_int(cli, argv[0], "--aantal", optarg, 0, 10000, &aantal) != 0))
            return WP_EUSAGE;
        if (c == 'l')
            in.label = optarg;
        else if (c == 'd')
            in.datum = optarg;
        else if (c == 'g' && n_groepen < 32)
            groepen[n_groepen++] = optarg;
    }
    groepen[n_groepen] = NULL;
    if (argc - optind != 2)
        return cli_usage_error(cli, argv[0], "geef een sprint en een werkvorm, bijvoorbeeld 'werkplaats plan nieuw 5 "
                               "bordspel --aantal 12 --groep bewoners'");
    if (cli_traject(cli) == NULL)
        return cli_status(cli);
    if (cli_parse_int(cli, argv[0], "het sprintnummer", argv[optind], 1, (long long)cli->traject->methode->n_sprints,
                      &nr) != 0)
        return WP_EUSAGE;
    in.sprint = (int)nr;
    in.werkvorm = argv[optind + 1];
    in.aantal = (int)aantal;
    in.groepen = n_groepen > 0 ? groepen : NULL;
    if (cli_bibliotheek(cli) == NULL || check_werkvorm(cli, in.werkvorm) != 0)
        return cli_status(cli);
    if ((id = planning_add(cli->traject, &in, cli->err)) < 0)
        return cli_status(cli);
    printf("Gepland als nummer %lld: werkvorm %s in sprint %lld.\n", id, in.werkvorm, nr);
    /* Say right away what will not fit, while there is time to change it. */
    if ((model = run_check(cli, 0, 0)) == NULL)
        return cli_status(cli);
    problems = print_soort(model, "werkvormen", "verkeerde_sprint", "Let op:", stdout);
    problems += print_soort(model, "werkvormen", "groep_te_klein", problems ? NULL : "Let op:", stdout);
    problems += print_soort(model, "werkvormen", "groep_te_groot", problems ? NULL : "Let op:", stdout);
    print_soort(model, "werkvormen", "deelnemers_passen_niet", problems ? NULL : "Let op:", stdout);
    json_decref(model);
    return cli_status(cli);
}

static int plan_lijst(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { "json", no_argument, NULL, 'j' }, { NULL, 0, NULL, 0 } };
    int c, started = 0, as_json = 0;
    json_t *list, *p, *g;
    size_t i, j;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("plan", stdout);
            return 0;
        }
        if (c == '?')
            return WP_EUSAGE;
        as_json = 1;
    }
    if (argc - optind != 0)
        return cli_usage_error(cli, argv[0], "onverwacht argument '%s'", argv[optind]);
    if (cli_traject(cli) == NULL || (list = planning_list(cli->traject, 0, cli->err)) == NULL)
        return cli_status(cli);
    if (as_json) {
        json_dumpf(list, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        printf("\n");
    } else if (json_array_size(list) == 0) {
        printf("Er zijn nog geen werkvormen gepland. Plan er een met: werkplaats plan nieuw SPRINT WERKVORM "
               "--aantal N --groep GROEP\n");
    }
    json_array_foreach(list, i, p) {
        if (as_json)
            break;
        printf("%4lld  sprint %lld  %s", (long long)json_integer_value(json_object_get(p, "nr")),
               (long long)json_integer_value(json_object_get(p, "sprint")),
               json_string_value(json_object_get(p, "werkvorm")));
        if (strcmp(json_string_value(json_object_get(p, "label")), json_string_value(json_object_get(p, "werkvorm"))))
            printf(" (label %s)", json_string_value(json_object_get(p, "label")));
        if (json_object_get(p, "aantal") != NULL)
            printf(", %lld deelnemers", (long long)json_integer_value(json_object_get(p, "aantal")));
        json_array_foreach(json_object_get(p, "groepen"), j, g)
            printf("%s%s", j == 0 ? ": " : ", ", json_string_value(g));
        printf("%s\n", json_is_true(json_object_get(p, "gehouden")) ? " (gehouden)" : "");
    }
    json_decref(list);
    return 0;
}

static int plan_weg(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { NULL, 0, NULL, 0 } };
    int c, started = 0;
    long long nr;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("plan", stdout);
            return 0;
        }
        return WP_EUSAGE;
    }
    if (argc - optind != 1)
        return cli_usage_error(cli, argv[0], "geef het nummer van één geplande werkvorm (zie 'werkplaats plan lijst')");
    if (cli_parse_int(cli, argv[0], "het nummer", argv[optind], 1, 1LL << 53, &nr) != 0)
        return WP_EUSAGE;
    if (cli_traject(cli) == NULL || planning_remove(cli->traject, nr, cli->err) != 0)
        return cli_status(cli);
    printf("Geplande werkvorm %lld is geschrapt.\n", nr);
    return 0;
}

int cmd_plan(struct cli *cli, int argc, char **argv)
{
    static char nieuw[] = "plan nieuw", lijst[] = "plan lijst", weg[] = "plan weg";
    static const struct sub subs[] = { { "nieuw", nieuw, plan_nieuw }, { "lijst", lijst, plan_lijst },
                                       { "weg", weg, plan_weg }, { NULL, NULL, NULL } };

    return dispatch(cli, argc, argv, subs, "gebruik 'werkplaats plan nieuw SPRINT WERKVORM', 'plan lijst' of "
                    "'plan weg N'");
}

/* --- what sprint start, sprint sluit and status show --------------------------------- */

/* "Houding nu: 3 teleurgesteld, ...", with the key stakeholders who are
 * still at the least committed stance. */
static void print_stances(struct cli *cli)
{
    const struct methode *m = cli->traject->methode;
    json_t *list = houding_overzicht(cli->traject, 0, cli->err), *e;
    const char *parts[16], *names[64];
    char part[16][64], counts[512], who[2048], line[3072];
    size_t n = 0, k = 0, i;

    if (list == NULL)
        return;
    for (size_t h = 0; m->houdingen[h] != NULL && n < 16; h++) {
        size_t count = 0;
        json_array_foreach(list, i, e)
            count += strcmp(json_string_value(json_object_get(json_object_get(e, "nu"), "houding")), m->houdingen[h]) == 0;
        snprintf(part[n], sizeof part[n], "%zu %s", count, m->houdingen[h]);
        parts[n] = part[n];
        n++;
    }
    json_array_foreach(list, i, e)
        if (k < 64 && json_is_true(json_object_get(e, "sleutel")) &&
            strcmp(json_string_value(json_object_get(json_object_get(e, "nu"), "houding")), m->houdingen[0]) == 0)
            names[k++] = json_string_value(json_object_get(e, "naam"));
    snprintf(line, sizeof line, "Houding van de betrokkenen nu: %s.", register_join(counts, sizeof counts, parts, n));
    sleutelfactoren_print_wrapped(stdout, line, 0, 2, 78);
    if (k > 0) {
        snprintf(line, sizeof line, "Sleutelbetrokkenen die %s zijn: %s.", m->houdingen[0],
                 register_join(who, sizeof who, names, k));
        sleutelfactoren_print_wrapped(stdout, line, 0, 2, 78);
    }
    json_decref(list);
}

/* The earlier interventions and their lessons, for the sprints that open with them. */
static void print_interventions(struct cli *cli, int nr)
{
    const struct methode_term *term = methode_sleutelfactor(cli->traject->methode, "verleden");
    const struct casus *cs = cli->traject->casus;
    char line[4096];

    if (term == NULL || !methode_sprint_in(term->toon_bij_start, term->n_toon_bij_start, nr))
        return;
    if (cs->n_interventies == 0) {
        printf("\nLeren van het verleden: de casus noemt geen eerdere interventies; vraag na wat er eerder is "
               "geprobeerd.\n");
        return;
    }
    printf("\nLeren van het verleden: wat is hier eerder geprobeerd, en wat leerden we?\n");
    for (size_t i = 0; i < cs->n_interventies; i++) {
        const struct casus_interventie *iv = &cs->interventies[i];
        snprintf(line, sizeof line, "%s (%s, %s; %s): %s%s%s", iv->naam, iv->periode ? iv->periode : "eerder",
                 casus_uitkomsten[iv->uitkomst], iv->wie ? iv->wie : "?", iv->geleerd,
                 iv->herbruikbaar ? " Herbruikbaar: " : "", iv->herbruikbaar ? iv->herbruikbaar : "");
        printf("  - ");
        sleutelfactoren_print_wrapped(stdout, line, 4, 4, 78);
    }
}

void cli_factoren_sprint_start(struct cli *cli, int nr)
{
    struct sleutelfactoren_opties opt;
    json_t *model;

    printf("\nGezamenlijke opgave: ");
    sleutelfactoren_print_wrapped(stdout, cli->traject->casus->gezamenlijke_opgave, 21, 2, 78);
    print_stances(cli);
    /* Without cards: only the registers are needed here, and starting must be
     * quick. Not stored: starting the sprint just changed the traject, and
     * nothing else asks for the check without cards. */
    memset(&opt, 0, sizeof opt);
    if ((model = sleutelfactoren_check(cli->traject, &opt, cli->err)) != NULL) {
        if (print_soort(model, "doen", "afspraak_te_laat", "\nAfspraken over hun deadline (bijsturen):", stdout) == 0)
            printf("Geen afspraken over hun deadline.\n");
        json_decref(model);
    }
    print_interventions(cli, nr);
}

int cli_factoren_reflecties(struct cli *cli, int nr, char **reflecties, int n, int store)
{
    int rc = 0;

    for (int i = 0; i < n; i++) {
        char *eq = strchr(reflecties[i], '=');
        char factor[64];
        if (eq == NULL || eq == reflecties[i] || (size_t)(eq - reflecties[i]) >= sizeof factor) {
            rc = cli_usage_error(cli, "sprint", "--reflectie verwacht FACTOR=TEKST, bijvoorbeeld --reflectie "
                                 "doen='de wijkagent pakte drie afspraken op'");
            continue;
        }
        snprintf(factor, sizeof factor, "%.*s", (int)(eq - reflecties[i]), reflecties[i]);
        if (store ? reflectie_set(cli->traject, nr, factor, eq + 1, "opdrachtregel", cli->err) != 0
                  : reflectie_check(cli->traject, nr, factor, eq + 1, "--reflectie", cli->err) != 0)
            rc = -1;
    }
    return rc;
}

/* Per closed sprint: what it delivered and which later werkvormen used it. */
static void print_doorwerking(json_t *model)
{
    json_t *s, *u, *k;
    size_t i, j, x;
    int first = 1;

    json_array_foreach(json_object_get(sleutelfactoren_factor(model, "resultaat"), "sprints"), i, s) {
        if (strcmp(json_string_value(json_object_get(s, "status")), "gesloten") != 0)
            continue;
        if (first)
            printf("\nDoorwerking van de gesloten sprints (wat ze leverden, en wie erop voortbouwde):\n");
        first = 0;
        printf("  sprint %lld leverde", (long long)json_integer_value(json_object_get(s, "nr")));
        json_array_foreach(json_object_get(s, "levert"), j, k)
            printf("%s%s", j ? ", " : " ", json_string_value(k));
        printf("\n");
        if (json_array_size(json_object_get(s, "gebruikt_door")) == 0)
            printf("    nog door geen latere werkvorm gebruikt\n");
        json_array_foreach(json_object_get(s, "gebruikt_door"), j, u) {
            json_int_t keer = json_integer_value(json_object_get(u, "keer"));
            printf("    gebruikt door %s (sprint %lld", json_string_value(json_object_get(u, "naam")),
                   (long long)json_integer_value(json_object_get(u, "sprint")));
            printf(keer > 1 ? ", %lld sessies):" : "):", (long long)keer);
            json_array_foreach(json_object_get(u, "sleutels"), x, k)
                printf("%s%s", x ? ", " : " ", json_string_value(k));
            printf("\n");
        }
    }
}

void cli_factoren_status(struct cli *cli)
{
    json_t *model = run_check(cli, 0, 1);
    int n;

    if (model == NULL)
        return;
    print_doorwerking(model);
    print_soort(model, "doen", "afspraak_te_laat", "\nAfspraken over hun deadline (bijsturen):", stdout);
    n = print_soort(model, "werkvormen", "groep_te_klein", "\nWerkvormen die niet passen:", stdout);
    n += print_soort(model, "werkvormen", "groep_te_groot", n ? NULL : "\nWerkvormen die niet passen:", stdout);
    n += print_soort(model, "werkvormen", "deelnemers_passen_niet", n ? NULL : "\nWerkvormen die niet passen:", stdout);
    print_soort(model, "werkvormen", "verkeerde_sprint", n ? NULL : "\nWerkvormen die niet passen:", stdout);
    printf("\n");
    sleutelfactoren_print_kop(model, stdout);
    json_decref(model);
}
