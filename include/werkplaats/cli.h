/*
 * cli.h: what every command shares: the global options, the command table
 * entries and the helpers that load the methode and open the traject.
 *
 * Commands live in engine/cli_*.c, one file per concern, each function
 * `int cmd_<name>(struct cli *cli, int argc, char **argv)` returning an exit
 * code (0 ok, 1 user error, 2 usage, 3 internal) and putting its messages in
 * cli->err. argv[0] is the command's own name.
 */
#ifndef WERKPLAATS_CLI_H
#define WERKPLAATS_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "werkplaats/bibliotheek.h"
#include "werkplaats/error.h"
#include "werkplaats/methode.h"
#include "werkplaats/store.h"
#include "werkplaats/traject.h"

#define WERKPLAATS_VERSION "0.1.0"
#define CLI_MAX_DIRS 32

struct cli {
    const char *db_path;                  /* --db, default "werkplaats.db" */
    int db_path_given;                    /* --db was on the command line */
    const char *extra_dirs[CLI_MAX_DIRS]; /* --werkvormen DIR and WERKPLAATS_PATH, in that order */
    int n_extra_dirs;
    char *ingebouwd;                      /* the built-in werkvormen folder (owned) */
    wp_error *err;
    const struct cli_command *sub;        /* the subcommand cli_dispatch runs, for its --help */
    /* Loaded on demand by cli_open_*, freed by cli_close. */
    struct methode *methode;
    struct bibliotheek *bibliotheek;
    struct store *store;
    struct traject *traject;
};

struct cli_command {
    const char *name;
    int (*run)(struct cli *cli, int argc, char **argv);
    const char *usage;     /* "werkplaats sprint start N | sluit N" */
    const char *summary;   /* one Dutch line for the overview */
    const char *help;      /* the full help text after the usage line */
};

/* The command table (main.c) and lookup by name. */
const struct cli_command *cli_find(const char *name);
const struct cli_command *cli_commands(void);

/* Prints "gebruik: <usage>\n\n<help>" for the named command. */
void cli_print_help(const char *name, FILE *out);
/* The same for a command (or subcommand) entry in hand. */
void cli_print_command_help(const struct cli_command *c, FILE *out);

/* Runs the subcommand argv[1] of cmd from the table subs (n entries), as
 * git and tmux do: `werkplaats werkvorm nieuw ...`. The subcommand gets
 * argv + 1 with argv[0] = "<cmd> <sub>", so its messages and --help name
 * both. Without a subcommand, or with --help, lists the table. */
int cli_dispatch(struct cli *cli, const char *cmd, const struct cli_command *subs, size_t n, int argc, char **argv);

/* getopt_long with Dutch messages: returns the option, -1 at the end, or '?'
 * after adding a usage error naming the command and the option at fault.
 * Handles --help/-h by returning 'h'. Call with *started = 0 first. */
int cli_getopt(struct cli *cli, int argc, char **argv, const char *shortopts,
               const struct option *longopts, int *started);

/* Usage error "werkplaats <cmd>: <message>" (exit 2); returns WP_EUSAGE. */
int cli_usage_error(struct cli *cli, const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Parses a whole number within bounds, or adds a usage error naming what. */
int cli_parse_int(struct cli *cli, const char *cmd, const char *what, const char *text,
                  long long min, long long max, long long *out);

/* The path of methode.yaml in the built-in werkvormen folder. */
const char *cli_methode_path(struct cli *cli, char *buf, size_t size);

/* Loads methode.yaml once. */
struct methode *cli_methode(struct cli *cli);
/* Opens the library of werkvormen once: the built-in folder plus
 * --werkvormen / WERKPLAATS_PATH. Broken werkvormen are kept in it, not
 * reported here. */
struct bibliotheek *cli_bibliotheek(struct cli *cli);
/* Opens the database (which must hold a traject) and the traject. */
struct traject *cli_traject(struct cli *cli);
/* Frees what cli_* opened. */
void cli_close(struct cli *cli);

/* Returns the exit code for what is in cli->err (0 when empty). */
int cli_status(const struct cli *cli);

/* The commands. */
int cmd_start(struct cli *cli, int argc, char **argv);
int cmd_status(struct cli *cli, int argc, char **argv);
int cmd_sprint(struct cli *cli, int argc, char **argv);
int cmd_casus(struct cli *cli, int argc, char **argv);
int cmd_goedkeuring(struct cli *cli, int argc, char **argv);
int cmd_werkvormen(struct cli *cli, int argc, char **argv);
int cmd_werkvorm(struct cli *cli, int argc, char **argv);
int cmd_run(struct cli *cli, int argc, char **argv);
int cmd_resultaat(struct cli *cli, int argc, char **argv);
int cmd_rapport(struct cli *cli, int argc, char **argv);
int cmd_ontwerpbrief(struct cli *cli, int argc, char **argv);
int cmd_sessie(struct cli *cli, int argc, char **argv);

/* The report model of the whole traject, as `rapport --formaat json` makes it
 * (cli_rapport.c); NULL with a message in cli->err. */
json_t *cli_rapport_model(struct cli *cli, int pseudoniem);

/* Privacy (cli_privacy.c): the anonymous export, forgetting a deelnemer,
 * the retention date, and what `status` and `start` add for it. */
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_vergeet(struct cli *cli, int argc, char **argv);
int cmd_bewaartermijn(struct cli *cli, int argc, char **argv);
void cli_privacy_status(struct cli *cli);
int cli_privacy_start(struct cli *cli, const char *bewaren_tot);

/* The sleutelfactoren (cli_factoren.c). */
int cmd_afspraak(struct cli *cli, int argc, char **argv);
int cmd_houding(struct cli *cli, int argc, char **argv);
int cmd_plan(struct cli *cli, int argc, char **argv);
int cmd_sleutelfactoren(struct cli *cli, int argc, char **argv);
/* What `sprint start N` adds: the gezamenlijke opgave, where the stakeholders
 * stand, overdue agreements and (in the sprints the methode names) the
 * earlier interventions with their lessons. */
void cli_factoren_sprint_start(struct cli *cli, int nr);
/* What `status` adds: per closed sprint what it delivered and who used it,
 * overdue agreements, werkvormen that do not fit, and the headline. */
void cli_factoren_status(struct cli *cli);
/* Checks (store = 0) or stores (store = 1) the --reflectie FACTOR=TEKST
 * arguments of `sprint sluit nr`. */
int cli_factoren_reflecties(struct cli *cli, int nr, char **reflecties, int n, int store);

/* `werkplaats werkvorm` subcommands that run sessions (cli_sessie.c). */
int werkvorm_start(struct cli *cli, int argc, char **argv);
int werkvorm_volgende(struct cli *cli, int argc, char **argv);
int werkvorm_vorige(struct cli *cli, int argc, char **argv);
int werkvorm_sluit(struct cli *cli, int argc, char **argv);
int werkvorm_test(struct cli *cli, int argc, char **argv);

#endif
