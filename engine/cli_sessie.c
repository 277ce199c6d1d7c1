/*
 * cli_sessie.c: running werkvormen from the command line: `run` (a whole
 * draaiboek), `resultaat` (what sprints delivered, as JSON), and the
 * `werkvorm` subcommands start, volgende, vorige, sluit and test.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "werkplaats/cli.h"
#include "werkplaats/draaiboek.h"
#include "werkplaats/proef.h"
#include "werkplaats/sessie.h"

int cmd_run(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { "stil", no_argument, NULL, 's' }, { NULL, 0, NULL, 0 } };
    struct draaiboek_opties opt;
    int c, started = 0, quiet = 0;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("run", stdout);
            return 0;
        }
        if (c == '?')
            return WP_EUSAGE;
        quiet = 1;
    }
    if (argc - optind != 1)
        return cli_usage_error(cli, "run", "geef precies één draaiboek, bijvoorbeeld casus/molenwijk.draaiboek.yaml");
    memset(&opt, 0, sizeof opt);
    opt.db_path = cli->db_path;
    opt.methode = cli_methode(cli);
    opt.bibliotheek = opt.methode ? cli_bibliotheek(cli) : NULL;
    opt.voortgang = quiet ? NULL : stdout;
    if (opt.bibliotheek == NULL)
        return cli_status(cli);
    if (draaiboek_run(argv[optind], &opt, cli->err) != 0)
        return cli_status(cli);
    if (!quiet)
        printf("Klaar. Bekijk het traject met: werkplaats%s%s status\n", cli->db_path_given ? " --db " : "",
               cli->db_path_given ? cli->db_path : "");
    return 0;
}

int cmd_resultaat(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { "sprint", required_argument, NULL, 's' }, { NULL, 0, NULL, 0 } };
    long long nr = 0;
    int c, started = 0;
    struct traject *t;
    json_t *r, *out;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("resultaat", stdout);
            return 0;
        }
        if (c == '?' || cli_parse_int(cli, "resultaat", "--sprint", optarg, 1, 99, &nr) != 0)
            return WP_EUSAGE;
    }
    if (argc - optind > 1)
        return cli_usage_error(cli, "resultaat", "geef hooguit één resultaatsleutel");
    if ((t = cli_traject(cli)) == NULL)
        return cli_status(cli);
    if (nr > (long long)t->methode->n_sprints)
        return cli_usage_error(cli, "resultaat", "sprint %lld bestaat niet; de methode heeft %zu sprints", nr,
                               t->methode->n_sprints);
    r = nr > 0 ? traject_sprint_result(t, (int)nr, cli->err)
               : traject_results_before(t, (int)t->methode->n_sprints + 1, cli->err);
    if (r == NULL) {
        if (!wp_error_failed(cli->err))
            wp_error_add(cli->err, WP_EUSER, NULL, "sprint %lld is nog niet gesloten; er is nog geen resultaat", nr);
        return cli_status(cli);
    }
    out = argc - optind == 1 ? json_object_get(r, argv[optind]) : r;
    if (out == NULL) {
        wp_error_add(cli->err, WP_EUSER, NULL, "resultaat '%s' bestaat (nog) niet", argv[optind]);
        json_decref(r);
        return cli_status(cli);
    }
    json_dumpf(out, stdout, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_ENCODE_ANY);
    printf("\n");
    json_decref(r);
    return 0;
}

/* --- werkvorm subcommands -------------------------------------------------- */

static void print_step(const struct sessie *s)
{
    const struct plugin_stap *st = sessie_current_step(s);

    printf("Stap %d van %zu: %s (%d min, invoer: %s)\n%s\n", s->stap + 1, s->card->n_stappen, st->titel, st->duur,
           plugin_invoer_namen[st->invoer], st->instructie);
}

int werkvorm_start(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { "label", required_argument, NULL, 'l' },
                                          { "datum", required_argument, NULL, 'd' }, { NULL, 0, NULL, 0 } };
    const char *label = NULL, *datum = NULL;
    int c, started = 0;
    struct sessie *s;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_command_help(cli->sub, stdout);
            return 0;
        }
        if (c == '?')
            return WP_EUSAGE;
        if (c == 'l')
            label = optarg;
        else
            datum = optarg;
    }
    if (argc - optind != 1)
        return cli_usage_error(cli, "werkvorm start", "geef de id van één werkvorm (zie 'werkplaats werkvormen')");
    if (datum != NULL && !yamlx_valid_date(datum))
        return cli_usage_error(cli, "werkvorm start", "--datum '%s' is geen datum (JJJJ-MM-DD)", datum);
    if (cli_traject(cli) == NULL || cli_bibliotheek(cli) == NULL)
        return cli_status(cli);
    s = sessie_open(cli->traject, cli_bibliotheek(cli), argv[optind], label, datum, cli->err);
    if (s == NULL)
        return cli_status(cli);
    printf("Werkvorm %s (%s) in sprint %d, sessie '%s'%s.\n", s->card->id, s->card->naam, s->sprint, s->label,
           sessie_fact_count(s) > 1 ? ", hervat" : "");
    print_step(s);
    sessie_free(s);
    return 0;
}

/* The session a command acts on: the one named by its label, or the open
 * session of the running sprint that was used last. */
static struct sessie *chosen_session(struct cli *cli, const char *label)
{
    struct traject *t = cli_traject(cli);
    long long id;
    int sprint;

    if (t == NULL || cli_bibliotheek(cli) == NULL)
        return NULL;
    if (label == NULL) {
        id = sessie_latest_open(t, cli->err);
        if (id <= 0) {
            if (!wp_error_failed(cli->err))
                wp_error_add(cli->err, WP_EUSER, NULL, "er is geen open werkvorm; begin er een met "
                             "'werkplaats werkvorm start ID'");
            return NULL;
        }
        return sessie_load(t, cli_bibliotheek(cli), id, cli->err);
    }
    sprint = traject_running_sprint(t, cli->err);
    id = 0;
    {
        static const char *const sql = "SELECT id FROM sessie WHERE sprint = ?1 AND label = ?2";
        sqlite3_stmt *st = store_stmt(cli->store, sql, cli->err);
        if (st == NULL)
            return NULL;
        sqlite3_bind_int(st, 1, sprint);
        store_bind_text(st, 2, label);
        if (sqlite3_step(st) == SQLITE_ROW)
            id = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
    }
    if (id <= 0) {
        wp_error_add(cli->err, WP_EUSER, NULL, "geen werkvorm '%s' in de lopende sprint", label);
        return NULL;
    }
    return sessie_load(t, cli_bibliotheek(cli), id, cli->err);
}

static int move_step(struct cli *cli, int argc, char **argv, int forward)
{
    static const struct option opts[] = { { NULL, 0, NULL, 0 } };
    int c, started = 0, rc;
    struct sessie *s;
    char *message = NULL;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_command_help(cli->sub, stdout);
            return 0;
        }
        return WP_EUSAGE;
    }
    if (argc - optind > 1)
        return cli_usage_error(cli, "werkvorm", "geef hooguit één label");
    if ((s = chosen_session(cli, argc - optind == 1 ? argv[optind] : NULL)) == NULL)
        return cli_status(cli);
    rc = forward ? sessie_next_step(s, "opdrachtregel", &message, cli->err)
                 : sessie_prev_step(s, "opdrachtregel", &message, cli->err);
    if (rc == 0) {
        print_step(s);
        if (message != NULL)
            printf("\n%s\n", message);
    }
    free(message);
    sessie_free(s);
    return cli_status(cli);
}

int werkvorm_volgende(struct cli *cli, int argc, char **argv)
{
    return move_step(cli, argc, argv, 1);
}

int werkvorm_vorige(struct cli *cli, int argc, char **argv)
{
    return move_step(cli, argc, argv, 0);
}

int werkvorm_sluit(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { NULL, 0, NULL, 0 } };
    int c, started = 0;
    struct sessie *s;
    json_t *result;
    const char *key;
    json_t *v;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_command_help(cli->sub, stdout);
            return 0;
        }
        return WP_EUSAGE;
    }
    if (argc - optind > 1)
        return cli_usage_error(cli, "werkvorm sluit", "geef hooguit één label");
    if ((s = chosen_session(cli, argc - optind == 1 ? argv[optind] : NULL)) == NULL)
        return cli_status(cli);
    result = sessie_close(s, cli->err);
    if (result != NULL) {
        printf("Werkvorm %s gesloten. Opgeleverd:", s->card->id);
        json_object_foreach(result, key, v) {
            (void)v;
            printf(" %s", key);
        }
        printf("\n");
    } else {
        wp_error_add(cli->err, WP_EUSER, NULL, "de werkvorm blijft open en alle invoer is bewaard; herstel de "
                     "werkvorm en sluit opnieuw");
    }
    json_decref(result);
    sessie_free(s);
    return cli_status(cli);
}

int werkvorm_test(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { "toon", no_argument, NULL, 't' }, { NULL, 0, NULL, 0 } };
    struct proef_opties opt;
    char casus[PATH_MAX];
    int c, started = 0, failed = 0;

    memset(&opt, 0, sizeof opt);
    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_command_help(cli->sub, stdout);
            return 0;
        }
        if (c == '?')
            return WP_EUSAGE;
        opt.toon_resultaat = 1;
    }
    if (argc - optind < 1)
        return cli_usage_error(cli, "werkvorm test", "geef een of meer werkvormbestanden");
    if ((opt.methode = cli_methode(cli)) == NULL || cli_bibliotheek(cli) == NULL)
        return cli_status(cli);
    snprintf(casus, sizeof casus, "%s/../casus/molenwijk.yaml", cli->ingebouwd);
    opt.casus_pad = casus;
    opt.leveringen = bibliotheek_leveringen(cli_bibliotheek(cli), &opt.n_leveringen);
    opt.uit = stdout;
    for (int i = optind; i < argc; i++)
        if (proef_run(argv[i], &opt, cli->err) != 0)
            failed++;
    if (argc - optind > 1)
        printf("%d van de %d voorbeelden geslaagd\n", argc - optind - failed, argc - optind);
    return cli_status(cli);
}
