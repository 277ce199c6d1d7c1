/* cli_traject.c: start, status, sprint, goedkeuring and casus check. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "werkplaats/casus.h"
#include "werkplaats/cli.h"
#include "werkplaats/text.h"
#include "werkplaats/traject.h"
#include "werkplaats/yamlx.h"

/* A failed start leaves no half-made database behind. */
static void remove_database(struct cli *cli)
{
    char side[4096];

    store_close(cli->store);
    cli->store = NULL;
    unlink(cli->db_path);
    snprintf(side, sizeof side, "%s-wal", cli->db_path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", cli->db_path);
    unlink(side);
}

int cmd_start(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { "zaad", required_argument, NULL, 'z' },
                                          { "bewaren-tot", required_argument, NULL, 'b' }, { NULL, 0, NULL, 0 } };
    const char *bewaren_tot = NULL;
    long long seed = 0;
    int c, started = 0, created = 0;
    struct methode *m;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("start", stdout);
            return 0;
        }
        if (c == '?')
            return WP_EUSAGE;
        if (c == 'z' && cli_parse_int(cli, "start", "--zaad", optarg, 1, (1LL << 62), &seed) != 0)
            return WP_EUSAGE;
        if (c == 'b' && !yamlx_valid_date(bewaren_tot = optarg))
            return cli_usage_error(cli, "start", "--bewaren-tot '%s' is geen datum (JJJJ-MM-DD), zoals 2030-12-31",
                                   optarg);
    }
    if (argc - optind != 1)
        return cli_usage_error(cli, "start", "geef precies één casusbestand, bijvoorbeeld casus/molenwijk.yaml");
    if ((m = cli_methode(cli)) == NULL)
        return cli_status(cli);
    /* Check the casus before a database file appears. */
    {
        struct casus *cs = casus_load(argv[optind], m, cli->err);
        if (cs == NULL)
            return cli_status(cli);
        casus_free(cs);
    }
    if (access(cli->db_path, F_OK) != 0)
        created = 1;
    if ((cli->store = store_open(cli->db_path, STORE_CREATE, cli->err)) == NULL ||
        traject_create(cli->store, m, argv[optind], seed, cli->err) != 0 || cli_traject(cli) == NULL ||
        cli_privacy_start(cli, bewaren_tot) != 0) {
        if (created)
            remove_database(cli);
        return cli_status(cli);
    }
    printf("Traject gestart voor %s (%s) in %s.\n", cli->traject->casus->wijk, cli->traject->casus->gemeente,
           cli->db_path);
    printf("%zu sprints gepland. Begin met: werkplaats sprint start 1\n", m->n_sprints);
    return 0;
}

/* Lists the keys (a JSON array) on one line. */
static void print_keys(json_t *keys)
{
    json_t *key;
    size_t i;

    json_array_foreach(keys, i, key)
        printf("%s%s", i ? ", " : "", json_string_value(key));
    if (json_array_size(keys) == 0)
        printf("-");
}

/* What to do next, or what stands in the way. */
static void print_next_step(struct cli *cli)
{
    struct traject *t = cli->traject;
    wp_error why = WP_ERROR_INIT;
    int running = traject_running_sprint(t, &why), next = 0;

    printf("\nVolgende stap:\n");
    if (running > 0) {
        if (traject_check_close(t, running, &why) == 0)
            printf("  sprint %d kan sluiten: werkplaats sprint sluit %d\n", running, running);
        else
            for (size_t i = 0; i < why.count; i++)
                printf("  - %s\n", why.messages[i]);
        wp_error_clear(&why);
        return;
    }
    for (size_t i = 0; i < t->methode->n_sprints && next == 0; i++)
        if (traject_sprint_status(t, t->methode->sprints[i].nr, &why) == SPRINT_GEPLAND)
            next = t->methode->sprints[i].nr;
    if (next == 0)
        printf("  het traject is af: alle sprints zijn gesloten\n");
    else if (traject_check_start(t, next, &why) == 0)
        printf("  start sprint %d: werkplaats sprint start %d\n", next, next);
    else
        for (size_t i = 0; i < why.count; i++)
            printf("  - %s\n", why.messages[i]);
    wp_error_clear(&why);
}

int cmd_status(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { NULL, 0, NULL, 0 } };
    int c, started = 0;
    struct traject *t;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("status", stdout);
            return 0;
        }
        return WP_EUSAGE;
    }
    if (argc - optind != 0)
        return cli_usage_error(cli, "status", "onverwacht argument '%s'", argv[optind]);
    if ((t = cli_traject(cli)) == NULL)
        return cli_status(cli);
    printf("Traject %s, gemeente %s (database %s, gestart %.10s)\n", t->casus->wijk, t->casus->gemeente,
           cli->db_path, t->aangemaakt);
    printf("Hoofdvraag: %s\n", t->casus->hoofdvraag);
    printf("Gezamenlijke opgave: %s\n\n", t->casus->gezamenlijke_opgave);
    printf("%-3s %-28s %-9s %s\n", "nr", "sprint", "status", "opgeleverd");
    for (size_t i = 0; i < t->methode->n_sprints; i++) {
        const struct methode_sprint *ms = &t->methode->sprints[i];
        int status = traject_sprint_status(t, ms->nr, cli->err);
        json_t *r;
        if (status < 0)
            return cli_status(cli);
        printf("%-3d ", ms->nr);
        /* A long name from methode.yaml still gets a space before the status. */
        text_print_padded(stdout, ms->naam, 28);
        printf(" %-9s ", sprint_statussen[status]);
        r = traject_sprint_keys(t, ms->nr, cli->err);
        if (r != NULL)
            print_keys(r);
        else
            printf("-");
        printf("\n");
        json_decref(r);
    }
    cli_factoren_status(cli);
    print_next_step(cli);
    cli_privacy_status(cli);
    return cli_status(cli);
}

#define MAX_REFLECTIES 32

/* Closes sprint nr; the reflections are checked first and stored before the
 * sprint closes, so the facilitator's words are kept even when closing is
 * refused (recording them again replaces them). */
static int close_sprint(struct cli *cli, int nr, char **reflecties, int n)
{
    struct traject *t = cli->traject;
    const struct methode_sprint *ms = methode_sprint(t->methode, nr);

    if (cli_factoren_reflecties(cli, nr, reflecties, n, 0) != 0 ||
        cli_factoren_reflecties(cli, nr, reflecties, n, 1) != 0)
        return cli_status(cli);
    if (n > 0)
        printf("%d %s op de sleutelfactoren vastgelegd.\n", n, n == 1 ? "reflectie" : "reflecties");
    if (traject_close_sprint(t, nr, cli->err) != 0)
        return cli_status(cli);
    printf("Sprint %d (%s) is gesloten; het resultaat is bevroren.\n", nr, ms->naam);
    if (n == 0)
        printf("Tip: leg een korte reflectie per sleutelfactor vast met --reflectie FACTOR=TEKST.\n");
    if ((size_t)nr < t->methode->n_sprints)
        printf("Volgende: werkplaats sprint start %d\n", nr + 1);
    else
        printf("Dit was de laatste sprint: het traject is af.\n");
    return 0;
}

int cmd_sprint(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { "reflectie", required_argument, NULL, 'r' }, { NULL, 0, NULL, 0 } };
    char *reflecties[MAX_REFLECTIES];
    int c, started = 0, closing, n_reflecties = 0;
    long long nr;
    struct traject *t;
    const struct methode_sprint *ms;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("sprint", stdout);
            return 0;
        }
        if (c == '?')
            return WP_EUSAGE;
        if (n_reflecties == MAX_REFLECTIES)
            return cli_usage_error(cli, "sprint", "hooguit %d reflecties tegelijk", MAX_REFLECTIES);
        reflecties[n_reflecties++] = optarg;
    }
    if (argc - optind != 2 || (strcmp(argv[optind], "start") != 0 && strcmp(argv[optind], "sluit") != 0))
        return cli_usage_error(cli, "sprint", "gebruik 'werkplaats sprint start N' of 'werkplaats sprint sluit N'");
    closing = strcmp(argv[optind], "sluit") == 0;
    if (!closing && n_reflecties > 0)
        return cli_usage_error(cli, "sprint", "--reflectie hoort bij 'sprint sluit N'");
    if ((t = cli_traject(cli)) == NULL)
        return cli_status(cli);
    if (cli_parse_int(cli, "sprint", "het sprintnummer", argv[optind + 1], 1, (long long)t->methode->n_sprints,
                      &nr) != 0)
        return WP_EUSAGE;
    if (closing)
        return close_sprint(cli, (int)nr, reflecties, n_reflecties);
    ms = methode_sprint(t->methode, (int)nr);
    if (traject_start_sprint(t, (int)nr, cli->err) != 0)
        return cli_status(cli);
    printf("Sprint %lld (%s) loopt.\nDoel: %s\n", nr, ms->naam, ms->doel);
    cli_factoren_sprint_start(cli, (int)nr);
    return cli_status(cli);
}

int cmd_goedkeuring(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { "datum", required_argument, NULL, 'd' }, { NULL, 0, NULL, 0 } };
    const char *datum = NULL;
    int c, started = 0;
    struct traject *t;
    json_t *missing;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("goedkeuring", stdout);
            return 0;
        }
        if (c == '?')
            return WP_EUSAGE;
        datum = optarg;
    }
    if (argc - optind != 2)
        return cli_usage_error(cli, "goedkeuring", "geef een document en een betrokkene, bijvoorbeeld "
                               "'werkplaats goedkeuring ontwerpbrief wijkagent'");
    if ((t = cli_traject(cli)) == NULL)
        return cli_status(cli);
    if (traject_approve(t, argv[optind], argv[optind + 1], datum, "opdrachtregel", cli->err) != 0)
        return cli_status(cli);
    missing = traject_missing_approvals(t, argv[optind], cli->err);
    printf("Goedkeuring van de %s door %s vastgelegd.\n", argv[optind],
           casus_betrokkene(t->casus, argv[optind + 1])->naam);
    if (missing != NULL && json_array_size(missing) > 0)
        printf("Nog %zu sleutelbetrokkene(n) moeten goedkeuren.\n", json_array_size(missing));
    else if (missing != NULL)
        printf("Alle sleutelbetrokkenen hebben de %s goedgekeurd.\n", argv[optind]);
    json_decref(missing);
    return cli_status(cli);
}

int cmd_casus(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { NULL, 0, NULL, 0 } };
    int c, started = 0;
    struct methode *m;
    struct casus *cs;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("casus", stdout);
            return 0;
        }
        return WP_EUSAGE;
    }
    if (argc - optind != 2 || strcmp(argv[optind], "check") != 0)
        return cli_usage_error(cli, "casus", "gebruik 'werkplaats casus check BESTAND'");
    if ((m = cli_methode(cli)) == NULL)
        return cli_status(cli);
    if ((cs = casus_load(argv[optind + 1], m, cli->err)) == NULL)
        return cli_status(cli);
    printf("%s: in orde: casus '%s' (%s, %s) met %zu betrokkenen, %zu indicatoren, %zu eerdere "
           "interventies en %zu gremia.\n", argv[optind + 1], cs->id, cs->wijk, cs->gemeente, cs->n_betrokkenen,
           cs->n_indicatoren, cs->n_interventies, cs->n_gremia);
    casus_free(cs);
    return 0;
}
