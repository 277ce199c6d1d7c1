/* cli_privacy.c: `werkplaats export --anoniem`, `vergeet`, `bewaartermijn`. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "werkplaats/clock.h"
#include "werkplaats/cli.h"
#include "werkplaats/deelnemer.h"
#include "werkplaats/privacy.h"
#include "werkplaats/rapport.h"
#include "werkplaats/text.h"
#include "werkplaats/writer.h"
#include "werkplaats/yamlx.h"

/* Whether a step holds personal free text, from the werkvorm's card in the
 * library; a werkvorm that is gone counts as sensitive throughout. */
static int step_sensitive(void *ctx, const char *werkvorm, const char *stap)
{
    struct cli *cli = ctx;
    wp_error quiet = WP_ERROR_INIT, *saved = cli->err;
    struct bibliotheek *lib;
    const struct plugin_card *c;

    cli->err = &quiet;
    lib = cli_bibliotheek(cli);
    cli->err = saved;
    wp_error_clear(&quiet);
    c = lib ? bibliotheek_find(lib, werkvorm) : NULL;
    for (size_t i = 0; c != NULL && i < c->n_stappen; i++)
        if (strcmp(c->stappen[i].id, stap) == 0)
            return c->stappen[i].gevoelig;
    return -1;
}

/* --- export ------------------------------------------------------------------------ */

/* Begeleiders are people too: in the export they are their role, also
 * where a text calls them by their first name ("Ilse" of "Ilse Verbeek"). */
static void replace_begeleiders(struct traject *t, json_t *model)
{
    for (size_t i = 0; i < t->casus->n_begeleiders; i++) {
        const struct casus_begeleider *b = &t->casus->begeleiders[i];
        const char *rol = b->rol ? b->rol : "begeleider";
        struct privacy_regel r[2] = { { b->naam, rol, 1 }, { NULL, rol, 1 } };
        char first[128];
        size_t k = b->naam ? strcspn(b->naam, " ") : 0;
        if (k == 0)
            continue;
        snprintf(first, sizeof first, "%.*s", (int)k, b->naam);
        r[1].wat = first;
        privacy_vervang_json(model, r, k >= 3 && b->naam[k] != '\0' ? 2 : 1);
    }
}

/* The model of the whole traject without names and sensitive texts. */
static json_t *anonymous_model(struct cli *cli, size_t *weggelaten)
{
    struct traject *t = cli_traject(cli);
    json_t *model = t ? cli_rapport_model(cli, 1) : NULL, *feiten, *info;
    struct privacy_regel *regels;
    size_t n;
    char today[CLOCK_DATE_SIZE], tot[CLOCK_DATE_SIZE];

    if (model == NULL)
        return NULL;
    feiten = privacy_gevoelige_feiten(t, step_sensitive, cli, NULL, cli->err);
    regels = feiten ? privacy_tekst_regels(feiten, PRIVACY_WEGGELATEN, &n) : NULL;
    if (regels == NULL) {
        json_decref(feiten);
        json_decref(model);
        return NULL;
    }
    privacy_vervang_json(model, regels, n);
    *weggelaten = json_array_size(feiten);
    free(regels);
    json_decref(feiten);
    replace_begeleiders(t, model);
    info = json_pack("{s:s, s:s, s:s?, s:I, s:s}", "soort", "anoniem", "gemaakt", clock_today(today),
                     "bewaren_tot", privacy_bewaren_tot(t, tot, sizeof tot, cli->err), "weggelaten_teksten",
                     (json_int_t)*weggelaten, "uitleg",
                     "Namen van deelnemers en begeleiders zijn vervangen door een pseudoniem of rol; teksten die "
                     "gevoelig zijn gemarkeerd (per bijdrage of per stap van een werkvorm) zijn weggelaten. "
                     "Stemmen, keuzes en resultaten zijn gebleven.");
    json_object_set_new(info, "privacylog", privacy_log(t, cli->err));
    json_object_set_new(model, "export", info);
    return model;
}

static int export_usage(struct cli *cli, int argc, char **argv, int *anoniem, const char **uit)
{
    static const struct option opts[] = { { "anoniem", no_argument, NULL, 'a' }, { NULL, 0, NULL, 0 } };
    int c, started = 0;

    while ((c = cli_getopt(cli, argc, argv, "o:", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("export", stdout);
            return 1;
        }
        if (c == '?')
            return -1;
        if (c == 'a')
            *anoniem = 1;
        else if (c == 'o')
            *uit = optarg;
    }
    if (argc - optind != 0)
        return cli_usage_error(cli, "export", "onverwacht argument '%s'", argv[optind]), -1;
    if (!*anoniem)
        return cli_usage_error(cli, "export", "geef --anoniem: werkplaats maakt alleen een export zonder namen en "
                               "gevoelige teksten (de database zelf is de volledige kopie)"), -1;
    return 0;
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
    const char *uit = NULL;
    int anoniem = 0, rc = export_usage(cli, argc, argv, &anoniem, &uit);
    size_t weggelaten = 0;
    struct stat st;
    json_t *model;

    if (rc != 0)
        return rc > 0 ? 0 : WP_EUSAGE;
    if (uit != NULL && strcmp(uit, "-") == 0)
        uit = NULL;
    if (uit != NULL && stat(uit, &st) == 0 && S_ISDIR(st.st_mode))
        return wp_error_add(cli->err, WP_EUSER, uit, "kan de export niet schrijven: dat is een map; geef een "
                            "bestandsnaam, zoals traject-anoniem.json"), WP_EUSER;
    if ((model = anonymous_model(cli, &weggelaten)) == NULL)
        return cli_status(cli) ? cli_status(cli) : WP_EINTERNAL;
    /* Written straight from the model: a large traject's export is never
     * held as one string beside it. */
    if (uit == NULL) {
        (void)rapport_json_save(model, NULL);   /* a reader that went away is not reported */
    } else if (rapport_json_save(model, uit) != 0) {
        wp_error_add(cli->err, WP_EUSER, uit, "kan de export niet schrijven: %s", writer_problem(errno));
    } else {
        printf("Anonieme export geschreven naar %s (JSON, alleen leesbaar voor jou): namen vervangen door "
               "pseudoniemen, %zu gevoelige %s weggelaten.\n", uit, weggelaten, weggelaten == 1 ? "tekst" : "teksten");
    }
    json_decref(model);
    return cli_status(cli);
}

/* --- vergeet --------------------------------------------------------------------- */

/* Asks for "ja" on standard input; 1 when given. */
static int confirmed(const char *id, const char *pseudoniem, size_t teksten)
{
    char line[64];

    printf("Dit wist van deelnemer %s de naam (overal, ook in teksten: voortaan '%s') en %zu gevoelige %s.\n"
           "Bijdragen, stemmen en resultaten blijven, onder het pseudoniem. Dit kan niet ongedaan worden.\n"
           "Typ ja om door te gaan: ", id, pseudoniem, teksten, teksten == 1 ? "tekst" : "teksten");
    fflush(stdout);
    if (fgets(line, sizeof line, stdin) == NULL) {
        printf("\n");
        return 0;
    }
    line[strcspn(line, "\r\n")] = '\0';
    return strcmp(line, "ja") == 0;
}

static const char *pseudonym_of(struct cli *cli, const char *id, char *buf, size_t size)
{
    static const char *const sql = "SELECT pseudoniem FROM deelnemer WHERE id = ?1";

    return store_query_text(cli->store, sql, id, buf, size, cli->err) ? buf : "?";
}

/* "onbekende deelnemer 'x', bedoelde je 'y'?": the ids are what facts and
 * the regie screen use, so they are what the facilitator types. */
static int unknown_person(struct cli *cli, const char *id)
{
    wp_error quiet = WP_ERROR_INIT;
    char **ids = deelnemer_ids(cli->store, &quiet);
    char hint[160] = "";

    if (ids != NULL)
        text_hint(hint, sizeof hint, id, (const char *const *)ids);
    deelnemer_ids_free(ids);
    wp_error_clear(&quiet);
    if (hint[0] != '\0')
        return wp_error_add(cli->err, WP_EUSER, NULL, "onbekende deelnemer '%s'%s", id, hint), WP_EUSER;
    return wp_error_add(cli->err, WP_EUSER, NULL, "onbekende deelnemer '%s'; de ids staan bij elke werkvorm in "
                        "'werkplaats rapport'", id), WP_EUSER;
}

static int vergeet_usage(struct cli *cli, int argc, char **argv, int *ja)
{
    static const struct option opts[] = { { "ja", no_argument, NULL, 'j' }, { NULL, 0, NULL, 0 } };
    int c, started = 0;

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("vergeet", stdout);
            return 1;
        }
        if (c == '?')
            return -1;
        *ja = 1;
    }
    if (argc - optind != 1)
        return cli_usage_error(cli, "vergeet", "geef precies één deelnemer (zijn id), bijvoorbeeld: "
                               "werkplaats vergeet bew-3"), -1;
    return 0;
}

int cmd_vergeet(struct cli *cli, int argc, char **argv)
{
    int ja = 0, rc = vergeet_usage(cli, argc, argv, &ja);
    struct privacy_vergeten uit;
    struct traject *t;
    const char *id;
    char groep[128], pseudo[128], op[CLOCK_DATE_SIZE];
    json_t *feiten;

    if (rc != 0)
        return rc > 0 ? 0 : WP_EUSAGE;
    id = argv[optind];
    if ((t = cli_traject(cli)) == NULL)
        return cli_status(cli);
    if (deelnemer_groep(t->store, id, groep, sizeof groep, cli->err) == NULL)
        return cli_status(cli) ? cli_status(cli) : unknown_person(cli, id);
    if ((feiten = privacy_gevoelige_feiten(t, step_sensitive, cli, id, cli->err)) == NULL)
        return cli_status(cli);
    if (privacy_vergeten_op(t, id, op, sizeof op, cli->err) != NULL) {
        if (json_array_size(feiten) == 0) {
            json_decref(feiten);
            printf("Deelnemer %s is al vergeten op %s; er is niets meer te wissen.\n", id, op);
            return cli_status(cli);
        }
        printf("Deelnemer %s is al vergeten op %s; wat sindsdien is opgeslagen, wordt nu ook gewist.\n", id, op);
    }
    if (!ja && !confirmed(id, pseudonym_of(cli, id, pseudo, sizeof pseudo), json_array_size(feiten))) {
        json_decref(feiten);
        return wp_error_add(cli->err, WP_EUSER, NULL, "niets gewist: bevestig met 'ja', of geef --ja"), WP_EUSER;
    }
    rc = privacy_vergeet(t, id, feiten, &uit, cli->err);
    json_decref(feiten);
    if (rc != 0)
        return cli_status(cli);
    printf("Deelnemer %s is vergeten: %s, %lld gevoelige %s gewist; in rapporten heet deze deelnemer '%s'.\n", id,
           uit.had_naam ? "de naam is overal gewist" : "er was geen naam opgeslagen", uit.teksten,
           uit.teksten == 1 ? "tekst" : "teksten", uit.pseudoniem);
    printf("Staat de naam ook in een draaiboek, casusbestand of eerder gemaakt rapport, wis hem daar zelf.\n");
    return 0;
}

/* --- bewaartermijn ----------------------------------------------------------------- */

int cmd_bewaartermijn(struct cli *cli, int argc, char **argv)
{
    static const struct option opts[] = { { NULL, 0, NULL, 0 } };
    int c, started = 0;
    struct traject *t;
    char tot[CLOCK_DATE_SIZE], today[CLOCK_DATE_SIZE];

    while ((c = cli_getopt(cli, argc, argv, "", opts, &started)) != -1) {
        if (c == 'h') {
            cli_print_help("bewaartermijn", stdout);
            return 0;
        }
        return WP_EUSAGE;
    }
    if (argc - optind > 1)
        return cli_usage_error(cli, "bewaartermijn", "onverwacht argument '%s'", argv[optind + 1]);
    if (argc - optind == 1 && !yamlx_valid_date(argv[optind]))
        return cli_usage_error(cli, "bewaartermijn", "'%s' is geen datum (JJJJ-MM-DD), zoals 2030-12-31",
                               argv[optind]);
    if ((t = cli_traject(cli)) == NULL)
        return cli_status(cli);
    if (argc - optind == 1 && privacy_set_bewaren_tot(t, argv[optind], cli->err) != 0)
        return cli_status(cli);
    if (privacy_bewaren_tot(t, tot, sizeof tot, cli->err) == NULL) {
        printf("Er is geen bewaartermijn vastgelegd; doe dat met: werkplaats bewaartermijn JJJJ-MM-DD\n");
        return cli_status(cli);
    }
    printf("De gegevens van dit traject worden bewaard tot en met %s.\n", tot);
    if (privacy_bewaartermijn_voorbij(tot, clock_today(today)))
        cli_privacy_status(cli);
    return 0;
}

void cli_privacy_status(struct cli *cli)
{
    char tot[CLOCK_DATE_SIZE], today[CLOCK_DATE_SIZE];
    wp_error quiet = WP_ERROR_INIT;
    const char *bewaren = privacy_bewaren_tot(cli->traject, tot, sizeof tot, &quiet);

    wp_error_clear(&quiet);
    if (bewaren == NULL || !privacy_bewaartermijn_voorbij(bewaren, clock_today(today)))
        return;
    printf("\nLet op: de bewaartermijn van dit traject is voorbij (bewaren tot en met %s).\n"
           "  1. Maak zo nodig een export zonder namen: werkplaats export --anoniem -o traject-anoniem.json\n"
           "  2. Verwijder daarna de database %s (en %s-wal en %s-shm als ze er staan), de draaiboek en\n"
           "     de rapporten met namen. Moet het traject langer bewaard worden, leg dat dan vast:\n"
           "     werkplaats bewaartermijn JJJJ-MM-DD\n", bewaren, cli->db_path, cli->db_path, cli->db_path);
}

int cli_privacy_start(struct cli *cli, const char *bewaren_tot)
{
    if (bewaren_tot == NULL)
        return 0;
    return privacy_set_bewaren_tot(cli->traject, bewaren_tot, cli->err);
}
