/* cli.c: option parsing with Dutch messages and the shared open/close of a traject. */
#include "werkplaats/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "werkplaats/text.h"

int cli_usage_error(struct cli *cli, const char *cmd, const char *fmt, ...)
{
    char msg[1024], where[128];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(where, sizeof where, "%s", cmd);
    wp_error_add(cli->err, WP_EUSAGE, where, "%s (zie 'werkplaats %s --help')", msg, cmd);
    return WP_EUSAGE;
}

/* The long option names, for "bedoelde je" hints. */
static void long_names(const struct option *longopts, const char **names, size_t max)
{
    size_t n = 0;

    for (; longopts != NULL && longopts->name != NULL && n + 1 < max; longopts++)
        names[n++] = longopts->name;
    names[n] = NULL;
}

int cli_getopt(struct cli *cli, int argc, char **argv, const char *shortopts,
               const struct option *longopts, int *started)
{
    char full_short[64];
    struct option all[64];
    size_t n = 0;
    int c, index = -1;

    if (!*started) {
        optind = 0;  /* GNU: full re-initialisation for every command */
        *started = 1;
    }
    opterr = 0;
    /* A leading ':' makes getopt tell a missing argument from an unknown option. */
    snprintf(full_short, sizeof full_short, ":%sh", shortopts);
    /* Every command understands --help; add it to the command's own options. */
    for (; longopts != NULL && longopts[n].name != NULL && n + 2 < 64; n++)
        all[n] = longopts[n];
    all[n++] = (struct option){ "help", no_argument, NULL, 'h' };
    all[n] = (struct option){ NULL, 0, NULL, 0 };
    c = getopt_long(argc, argv, full_short, all, &index);
    if (c == 'h')
        return 'h';
    if (c == '?' || c == ':') {
        const char *bad = argv[optind - 1];
        const char *names[64];
        char hint[128] = "";
        if (strncmp(bad, "--", 2) == 0) {
            char name[64];
            snprintf(name, sizeof name, "%s", bad + 2);
            name[strcspn(name, "=")] = '\0';
            long_names(all, names, 64);
            text_hint(hint, sizeof hint, name, names);
        }
        if (c == ':')
            cli_usage_error(cli, argv[0], "optie '%s' verwacht een waarde", bad);
        else
            cli_usage_error(cli, argv[0], "onbekende optie '%s'%s", bad, hint);
        return '?';
    }
    return c;
}

int cli_parse_int(struct cli *cli, const char *cmd, const char *what, const char *text,
                  long long min, long long max, long long *out)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(text, &end, 10);
    if (text[0] == '\0' || *end != '\0' || errno == ERANGE || v < min || v > max) {
        cli_usage_error(cli, cmd, "%s moet een geheel getal van %lld tot en met %lld zijn, niet '%s'",
                        what, min, max, text);
        return -1;
    }
    *out = v;
    return 0;
}

const char *cli_methode_path(struct cli *cli, char *buf, size_t size)
{
    snprintf(buf, size, "%s/methode.yaml", cli->ingebouwd);
    return buf;
}

struct methode *cli_methode(struct cli *cli)
{
    char path[PATH_MAX];

    if (cli->methode == NULL)
        cli->methode = methode_load(cli_methode_path(cli, path, sizeof path), cli->err);
    return cli->methode;
}

struct bibliotheek *cli_bibliotheek(struct cli *cli)
{
    if (cli->bibliotheek == NULL && cli_methode(cli) != NULL)
        cli->bibliotheek = bibliotheek_open(cli->ingebouwd, cli->extra_dirs, (size_t)cli->n_extra_dirs,
                                            cli->methode, cli->err);
    return cli->bibliotheek;
}

struct traject *cli_traject(struct cli *cli)
{
    if (cli->traject != NULL)
        return cli->traject;
    if (cli_methode(cli) == NULL)
        return NULL;
    if (cli->store == NULL) {
        cli->store = store_open(cli->db_path, STORE_EXISTING, cli->err);
        if (cli->store == NULL)
            return NULL;
    }
    cli->traject = traject_open(cli->store, cli->methode, cli->err);
    return cli->traject;
}

void cli_close(struct cli *cli)
{
    traject_free(cli->traject);
    cli->traject = NULL;
    store_close(cli->store);
    cli->store = NULL;
    bibliotheek_free(cli->bibliotheek);  /* before the methode it borrows */
    cli->bibliotheek = NULL;
    methode_free(cli->methode);
    cli->methode = NULL;
}

int cli_status(const struct cli *cli)
{
    return cli->err->code;
}

void cli_print_command_help(const struct cli_command *c, FILE *out)
{
    fprintf(out, "gebruik: %s\n\n%s\n", c->usage, c->summary);
    if (c->help != NULL && c->help[0] != '\0')
        fprintf(out, "\n%s", c->help);
}

void cli_print_help(const char *name, FILE *out)
{
    const struct cli_command *c = cli_find(name);

    if (c != NULL)
        cli_print_command_help(c, out);
}

static void print_subcommands(const char *cmd, const struct cli_command *subs, size_t n, FILE *out)
{
    fprintf(out, "gebruik: werkplaats %s SUBOPDRACHT [ARGUMENTEN]\n\nsubopdrachten:\n", cmd);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "  %-10s %s\n", subs[i].name, subs[i].summary);
    fprintf(out, "\n'werkplaats %s SUBOPDRACHT --help' vertelt meer over een subopdracht.\n", cmd);
}

int cli_dispatch(struct cli *cli, const char *cmd, const struct cli_command *subs, size_t n, int argc, char **argv)
{
    static char full[96];
    const char *names[32];
    char hint[128];

    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        print_subcommands(cmd, subs, n, stdout);
        return 0;
    }
    if (argc < 2) {
        print_subcommands(cmd, subs, n, stderr);
        return cli_usage_error(cli, cmd, "geef een subopdracht");
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(subs[i].name, argv[1]) == 0) {
            snprintf(full, sizeof full, "%s %s", cmd, subs[i].name);
            argv[1] = full;  /* messages and --help name "werkvorm nieuw" */
            cli->sub = &subs[i];
            return subs[i].run(cli, argc - 1, argv + 1);
        }
    for (size_t i = 0; i < n && i < 31; i++)
        names[i] = subs[i].name;
    names[n < 31 ? n : 31] = NULL;
    return cli_usage_error(cli, cmd, "onbekende subopdracht '%s'%s", argv[1], text_hint(hint, sizeof hint, argv[1], names));
}
