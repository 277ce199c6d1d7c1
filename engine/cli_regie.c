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
#include "werkplaats/text.h"

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

/* The werkvormen of the sprint in the library that have no closed session
 * yet, NULL-terminated (the ids are the library's). */
static size_t werkvormen_to_do(struct cli *cli, struct bibliotheek *lib, int sprint, const char **ids, size_t max,
                               size_t *total)
{
    static const char *const sql = "SELECT 1 FROM sessie WHERE sprint = ?1 AND werkvorm = ?2 AND status = 'gesloten'";
    size_t n = 0;

    *total = 0;
    for (size_t i = 0; i < bibliotheek_count(lib) && n + 1 < max; i++) {
        const struct plugin_card *c = bibliotheek_card(lib, i);
        sqlite3_stmt *st;
        int done;
        if (c->sprint != sprint)
            continue;
        ++*total;
        if ((st = store_stmt(cli->store, sql, cli->err)) == NULL)
            continue;
        sqlite3_bind_int(st, 1, sprint);
        store_bind_text(st, 2, c->id);
        done = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_reset(st);
        if (!done)
            ids[n++] = c->id;
    }
    ids[n] = NULL;
    return n;
}

/* Without --werkvorm: the open session used last; else the one werkvorm of
 * the sprint still to do; else a list to choose from. */
static struct sessie *choose_next(struct cli *cli, struct traject *t, struct bibliotheek *lib, int sprint)
{
    char today[CLOCK_DATE_SIZE], list[1024];
    const char *ids[64];
    long long id = sessie_latest_open(t, cli->err);
    size_t n, total;

    if (id > 0)
        return sessie_load(t, lib, id, cli->err);
    if (id < 0 || wp_error_failed(cli->err))
        return NULL;
    n = werkvormen_to_do(cli, lib, sprint, ids, 64, &total);
    if (n == 1)
        return sessie_open(t, lib, ids[0], NULL, clock_today(today), cli->err);
    if (total == 0)
        wp_error_add(cli->err, WP_EUSER, NULL, "de bibliotheek heeft geen bruikbare werkvormen voor sprint %d; "
                     "zie 'werkplaats werkvormen'", sprint);
    else if (n == 0)
        wp_error_add(cli->err, WP_EUSER, NULL, "alle werkvormen van sprint %d zijn gedaan; sluit de sprint met "
                     "'werkplaats sprint sluit %d', of doe er een nog eens met --werkvorm ID --label L", sprint,
                     sprint);
    else
        wp_error_add(cli->err, WP_EUSER, NULL, "er is geen open werkvorm in sprint %d; kies er een met "
                     "'werkplaats sessie --werkvorm ID': %s", sprint, text_choices(list, sizeof list, ids));
    return NULL;
}

static struct sessie *choose(struct cli *cli, struct traject *t, struct bibliotheek *lib, int sprint,
                             const struct keuze *k)
{
    char today[CLOCK_DATE_SIZE];

    if (k->werkvorm != NULL)
        return sessie_open(t, lib, k->werkvorm, k->label, clock_today(today), cli->err);
    return choose_next(cli, t, lib, sprint);
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
