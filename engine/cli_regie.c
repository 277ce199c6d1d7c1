/*
 * cli_regie.c: `werkplaats sessie`: run a werkvorm live, on the full regie
 * screen or line by line (--eenvoudig). Chooses the session: the werkvorm
 * named, else the open one used last in the running sprint.
 */
#include <stdio.h>
#include <unistd.h>

#include "werkplaats/cli.h"
#include "werkplaats/clock.h"
#include "werkplaats/regie.h"
#include "werkplaats/sessie.h"

struct keuze {
    long long sprint;
    const char *werkvorm;
    const char *label;
    int eenvoudig;
};

static int parse_options(struct cli *cli, int argc, char **argv, struct keuze *k)
{
    static const struct option opts[] = { { "sprint", required_argument, NULL, 's' },
                                          { "werkvorm", required_argument, NULL, 'w' },
                                          { "label", required_argument, NULL, 'l' },
                                          { "eenvoudig", no_argument, NULL, 'e' },
                                          { NULL, 0, NULL, 0 } };
    int c, started = 0;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        switch (c) {
        case 'h': return 'h';
        case 's':
            if (cli_parse_int(cli, "sessie", "--sprint", optarg, 1, 99, &k->sprint) != 0)
                return -1;
            break;
        case 'w': k->werkvorm = optarg; break;
        case 'l': k->label = optarg; break;
        case 'e': k->eenvoudig = 1; break;
        default: return -1;
        }
    }
    if (argc - optind > 0)
        return cli_usage_error(cli, "sessie", "onverwacht argument '%s'; noem een werkvorm met --werkvorm ID",
                               argv[optind]), -1;
    if (k->label != NULL && k->werkvorm == NULL)
        return cli_usage_error(cli, "sessie", "--label hoort bij --werkvorm ID"), -1;
    return 0;
}

/* The running sprint, checked against --sprint. */
static int running_sprint(struct cli *cli, struct traject *t, long long wanted)
{
    int nr = traject_running_sprint(t, cli->err), status;

    if (nr < 0)
        return -1;
    if (nr == 0 && wanted == 0)
        return wp_error_add(cli->err, WP_EUSER, NULL, "er loopt geen sprint; start er een met 'werkplaats sprint "
                            "start N'");
    if (wanted == 0 || wanted == nr)
        return nr;
    if ((status = traject_sprint_status(t, (int)wanted, cli->err)) < 0)
        return -1;
    if (status == SPRINT_GESLOTEN)
        return wp_error_add(cli->err, WP_EUSER, NULL, "sprint %lld is al gesloten%s", wanted,
                            nr ? "; kies de lopende sprint" : "");
    return wp_error_add(cli->err, WP_EUSER, NULL, "sprint %lld loopt nog niet; start hem met 'werkplaats sprint "
                        "start %lld'", wanted, wanted);
}

static struct sessie *choose(struct cli *cli, struct traject *t, struct bibliotheek *lib, int sprint,
                             const struct keuze *k)
{
    char today[CLOCK_DATE_SIZE];
    long long id;

    if (k->werkvorm != NULL)
        return sessie_open(t, lib, k->werkvorm, k->label, clock_today(today), cli->err);
    if ((id = sessie_latest_open(t, cli->err)) > 0)
        return sessie_load(t, lib, id, cli->err);
    if (!wp_error_failed(cli->err))
        wp_error_add(cli->err, WP_EUSER, NULL, "er is geen open werkvorm in sprint %d; kies er een met "
                     "'werkplaats sessie --werkvorm ID'", sprint);
    return NULL;
}

int cmd_sessie(struct cli *cli, int argc, char **argv)
{
    struct keuze k = { 0, NULL, NULL, 0 };
    struct traject *t;
    struct bibliotheek *lib;
    struct sessie *s;
    int rc = parse_options(cli, argc, argv, &k), sprint;

    if (rc == 'h') {
        cli_print_help("sessie", stdout);
        return 0;
    }
    if (rc != 0)
        return WP_EUSAGE;
    if (!k.eenvoudig && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
        return cli_usage_error(cli, "sessie", "het volledige scherm heeft een terminal nodig; gebruik --eenvoudig "
                               "om regels te pipen");
    if ((t = cli_traject(cli)) == NULL || (lib = cli_bibliotheek(cli)) == NULL ||
        (sprint = running_sprint(cli, t, k.sprint)) < 0 || (s = choose(cli, t, lib, sprint, &k)) == NULL)
        return cli_status(cli);
    rc = k.eenvoudig ? regie_lines(s, stdin, stdout, stderr, cli->err) : regie_screen(s, cli->err);
    return rc != 0 ? rc : cli_status(cli);
}
