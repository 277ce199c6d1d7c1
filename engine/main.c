/*
 * main.c: the werkplaats command line. Global options, the command table,
 * and the one place where messages are printed and exit codes chosen.
 */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "werkplaats/cli.h"
#include "werkplaats/text.h"

static const struct cli_command commands[] = {
    { "start", cmd_start, "werkplaats start CASUS.yaml [--zaad N] [--bewaren-tot JJJJ-MM-DD]",
      "Begin een traject voor een casus: de sprints van de methode worden gepland.",
      "De casus wordt gecontroleerd en in de database opgeslagen, zodat het traject\n"
      "niet meer van het casusbestand afhangt. De database is werkplaats.db in de\n"
      "huidige map, of het bestand dat --db noemt; hij wordt aangemaakt met\n"
      "alleen-eigenaar-rechten (0600).\n\n"
      "  --zaad N              vast startgetal voor de toevalsgenerator van werkvormen\n"
      "  --bewaren-tot D       de bewaartermijn van het traject (JJJJ-MM-DD); zonder\n"
      "                        deze optie geldt 'bewaren_tot' uit de casus\n" },
    { "status", cmd_status, "werkplaats status",
      "Toon de sprints van het traject, wat elke sprint opleverde en wat de volgende stap blokkeert.",
      "" },
    { "sprint", cmd_sprint, "werkplaats sprint start N | werkplaats sprint sluit N [--reflectie FACTOR=TEKST]...",
      "Start of sluit sprint N.",
      "Een sprint start pas als de vorige gesloten is en aan de poorten van de methode\n"
      "is voldaan (sprint 4 vraagt een ontwerpbrief die alle sleutelbetrokkenen\n"
      "goedkeurden). Bij de start toont werkplaats de gezamenlijke opgave, waar de\n"
      "betrokkenen staan, de afspraken die over hun deadline zijn en, in sprint 1 en 4,\n"
      "de eerdere interventies met wat ervan geleerd is.\n\n"
      "Een sprint sluit pas als geen werkvorm meer open is en de werkvormen alles\n"
      "opleverden wat de sprint moet opleveren; het resultaat wordt dan bevroren en is\n"
      "de invoer van de volgende sprint.\n\n"
      "  --reflectie FACTOR=TEKST   bij sluiten: een korte reflectie op een sleutelfactor\n"
      "                             (commitment, verleden, doen, omgevingen, werkvormen,\n"
      "                             resultaat); mag vaker\n" },
    { "goedkeuring", cmd_goedkeuring, "werkplaats goedkeuring DOCUMENT BETROKKENE [--datum JJJJ-MM-DD]",
      "Leg vast dat een betrokkene een document (zoals de ontwerpbrief) goedkeurde.",
      "  --datum D   de datum van de goedkeuring (standaard: vandaag)\n" },
    { "afspraak", cmd_afspraak,
      "werkplaats afspraak nieuw --wie ID --wat TEKST [--gremium ID] [--deadline JJJJ-MM-DD] [--id LABEL]\n"
      "       werkplaats afspraak klaar N [--datum JJJJ-MM-DD]\n"
      "       werkplaats afspraak lijst [--open] [--json]",
      "Leg afspraken vast (wie doet wat, via welk gremium, wanneer) en zie welke te laat zijn.",
      "Van praten naar doen: een afspraak zegt wie (een betrokkene uit de casus) wat\n"
      "doet, in welk bestaand overleg (gremium) dat gevolgd wordt en wanneer het klaar\n"
      "moet zijn. Een open afspraak waarvan de deadline voorbij is, staat bij elke\n"
      "sprintstart en in 'werkplaats status' bij wat bijgestuurd moet worden.\n\n"
      "  nieuw          een afspraak vastleggen (hoort bij de lopende sprint)\n"
      "    --wie ID       de betrokkene die hem uitvoert\n"
      "    --wat TEKST    wat er is afgesproken\n"
      "    --gremium ID   het gremium uit de casus dat hem volgt\n"
      "    --deadline D   wanneer het klaar moet zijn (JJJJ-MM-DD)\n"
      "    --id LABEL     een eigen naam, om hem later mee klaar te melden\n"
      "  klaar N        afspraak N (of LABEL) is nagekomen; --datum D (standaard: vandaag)\n"
      "  lijst          alle afspraken; --open alleen de open, --json voor andere programma's\n" },
    { "houding", cmd_houding, "werkplaats houding BETROKKENE HOUDING [--glijbaan PLEK] [--sprint N]",
      "Leg vast waar een betrokkene nu staat: houding en plek op de glijbaan.",
      "Commitment: de casus zegt hoe elke betrokkene bij de start stond; leg per sprint\n"
      "vast wat veranderde. HOUDING is teleurgesteld, neutraal of positief; PLEK is\n"
      "boven, midden of onder (zie methode.yaml). De wijziging hoort bij de lopende\n"
      "sprint, of, als er geen loopt, bij de laatst gesloten sprint.\n\n"
      "  --glijbaan PLEK   de plek op de glijbaan\n"
      "  --sprint N        leg vast bij sprint N (die loopt of gesloten is)\n" },
    { "plan", cmd_plan,
      "werkplaats plan nieuw SPRINT WERKVORM [--aantal N] [--groep GROEP]... [--label L] [--datum D]\n"
      "       werkplaats plan lijst [--json]\n"
      "       werkplaats plan weg N",
      "Plan een werkvorm voor een sprint en hoor meteen of groep en deelnemers passen.",
      "Een geplande werkvorm wordt getoetst aan zijn kaart: past het verwachte aantal\n"
      "deelnemers bij de groepsgrootte, en is de werkvorm bedoeld voor de groepen die\n"
      "komen? 'werkplaats status' en 'werkplaats sleutelfactoren' melden het als het niet\n"
      "past. Zodra de werkvorm gehouden wordt, telt wie er echt was.\n\n"
      "  --aantal N     het verwachte aantal deelnemers\n"
      "  --groep GROEP  een groep die komt (bewoners, jongeren, ...); mag vaker\n"
      "  --label L      om dezelfde werkvorm twee keer in een sprint te plannen\n"
      "  --datum D      de geplande datum (JJJJ-MM-DD)\n" },
    { "sleutelfactoren", cmd_sleutelfactoren, "werkplaats sleutelfactoren [--sprint N] [--json]",
      "Toets de zes sleutelfactoren: wat is in orde, wat vraagt aandacht, en waarom.",
      "Commitment, leren van het verleden, van praten naar doen, de vier omgevingen\n"
      "en hun koppelvlakken, werkvormen en een concreet resultaat per sprint: per\n"
      "factor zegt werkplaats wat in orde is en wat aandacht vraagt, en waarom, en\n"
      "toont de reflecties van de begeleiders.\n\n"
      "  --sprint N   kijk alleen naar sprint 1 tot en met N\n"
      "  --json       het hele model als JSON, voor rapporten en andere programma's\n" },
    { "run", cmd_run, "werkplaats run DRAAIBOEK [--stil]",
      "Draai een draaiboek: start het traject van zijn casus en voer alle sprints uit.",
      "De draaiboek gaat door dezelfde code als een live workshop. Draai je hem nog eens\n"
      "(na een onderbreking), dan gaat hij verder waar de database stopte; niets wordt\n"
      "twee keer opgeslagen.\n\n"
      "  --stil   geen voortgang tonen\n" },
    { "resultaat", cmd_resultaat, "werkplaats resultaat [--sprint N] [SLEUTEL]",
      "Toon wat gesloten sprints opleverden, als JSON.",
      "Zonder --sprint: alle resultaten van het traject samen; met SLEUTEL alleen dat resultaat.\n" },
    { "rapport", cmd_rapport,
      "werkplaats rapport [--sprint N] [--formaat html|md|json|csv] [-o PAD] [--pseudoniem]",
      "Maak het rapport van het traject of van een sprint, voor mensen (HTML, Markdown) of programma's.",
      "Het rapport toont per sprint het doel, de werkvormen met hun kaart, wie meededen\n"
      "per groep, wat elke werkvorm opleverde, het resultaat en wat de volgende sprint\n"
      "ermee deed, de sleutelfactoren en de afspraken. Over het hele traject volgt het\n"
      "beslisspoor: van de eerste pijnen naar de interventies, en wat onderweg afviel.\n\n"
      "  --sprint N       alleen sprint N\n"
      "  --formaat F      html (standaard: één bestand met plaatjes, ook om af te drukken),\n"
      "                   md (Markdown, voor mail en wiki's), json (het hele model, zie\n"
      "                   docs/rapport-json.md) of csv (bijdragen, stemmen, besluiten en\n"
      "                   afspraken); zonder --formaat telt de extensie van -o\n"
      "  -o PAD           schrijf naar PAD (alleen leesbaar voor jou) in plaats van naar\n"
      "                   de standaarduitvoer\n"
      "  --pseudoniem     vervang namen van deelnemers door hun groep en een nummer\n"
      "                   (\"bewoners #3\"); wie voor een organisatie meedoet, houdt zijn rol\n" },
    { "ontwerpbrief", cmd_ontwerpbrief, "werkplaats ontwerpbrief [--formaat html|md] [-o PAD] [--pseudoniem]",
      "Maak de ontwerpbrief van één A4 uit sprint 1 tot en met 3, met de goedkeuringen.",
      "De zeven delen: het ontwerp van het probleem, de gevonden feiten, de uitleg van\n"
      "de eerdere sprints, het tijdspad, de impact, de betrokkenen en de begeleiders,\n"
      "met de wijkwensen en wie de brief al goedkeurde. Afgedrukt past hij op één A4.\n\n"
      "  --formaat F      html (standaard) of md\n"
      "  -o PAD           schrijf naar PAD (alleen leesbaar voor jou)\n"
      "  --pseudoniem     vervang namen van deelnemers door hun groep en een nummer\n" },
    { "sessie", cmd_sessie, "werkplaats sessie [--werkvorm ID [--label L]] [--sprint N] [--eenvoudig]",
      "Draai een werkvorm live: het regiescherm voor de begeleider, laptop op de beamer.",
      "Opent de werkvorm die --werkvorm noemt in de lopende sprint (of gaat verder\n"
      "waar hij was), anders de open werkvorm die het laatst gebruikt is. Het scherm\n"
      "toont de stap, de instructie om voor te lezen, de klok van de stap en van de\n"
      "hele werkvorm, en de bijdragen tot nu toe. Typ een bijdrage en druk op Enter;\n"
      "elke bijdrage, stem, plaatsing en elk besluit staat meteen in de database.\n"
      "Stoppen kan altijd: de klok staat dan stil tot je 'werkplaats sessie'\n"
      "opnieuw start. Druk ? of F1 voor alle toetsen en de invoertaal.\n\n"
      "  --werkvorm ID  de werkvorm om te openen of te hervatten\n"
      "  --label L      een tweede keer dezelfde werkvorm in deze sprint\n"
      "  --sprint N     controleer dat sprint N loopt\n"
      "  --eenvoudig    regel voor regel, zonder scherm: voor schermlezers en om\n"
      "                 invoer te pipen (einde invoer = stoppen)\n" },
    { "export", cmd_export, "werkplaats export --anoniem [-o PAD]",
      "Maak een export van het traject zonder namen en zonder gevoelige teksten (JSON).",
      "De export is het rapportmodel van het hele traject (zie docs/rapport-json.md),\n"
      "met namen van deelnemers en begeleiders vervangen door een pseudoniem (\"bewoners #3\")\n"
      "of rol, en zonder de teksten die gevoelig zijn: bijdragen die de begeleider\n"
      "gevoelig maakte en alle bijdragen in een stap die de werkvorm gevoelig noemt.\n"
      "Stemmen, keuzes en resultaten blijven. Bovenaan staat onder \"export\" wat er\n"
      "is weggelaten, de bewaartermijn en het privacylog.\n\n"
      "  --anoniem   verplicht: een andere export is er niet (de database is de volledige kopie)\n"
      "  -o PAD      schrijf naar PAD (alleen leesbaar voor jou; een bestaand bestand wordt\n"
      "              vervangen) in plaats van naar de standaarduitvoer\n" },
    { "vergeet", cmd_vergeet, "werkplaats vergeet DEELNEMER [--ja]",
      "Wis de persoonsgegevens van een deelnemer (AVG): de naam en de gevoelige teksten.",
      "De naam verdwijnt uit de database: uit de deelnemers, uit de opgeslagen casus en\n"
      "uit elke tekst die hem noemt (daar komt het pseudoniem). Gevoelige bijdragen van\n"
      "de deelnemer worden gewist, ook waar resultaten ze aanhaalden. Andere bijdragen,\n"
      "stemmen en de resultaten van gesloten sprints blijven, onder het pseudoniem; ze\n"
      "zijn van de werkplaats. Het privacylog legt vast dat er gewist is, zonder naam.\n"
      "Een draaiboek die opnieuw draait, brengt de naam niet terug.\n\n"
      "  --ja   niet om bevestiging vragen\n" },
    { "bewaartermijn", cmd_bewaartermijn, "werkplaats bewaartermijn [JJJJ-MM-DD]",
      "Toon of verander tot wanneer de gegevens van het traject bewaard worden.",
      "Zonder datum: toon de bewaartermijn. Met datum: leg hem vast (dat komt in het\n"
      "privacylog). Is hij voorbij, dan zegt 'werkplaats status' wat te doen.\n" },
    { "casus", cmd_casus, "werkplaats casus check BESTAND",
      "Controleer een casusbestand zonder een database aan te raken.",
      "Elke fout noemt bestand, regel en kolom en zegt wat er verwacht werd.\n" },
    { "werkvormen", cmd_werkvormen,
      "werkplaats werkvormen [--sprint N] [--groep N] [--duur MIN] [--deelnemers GROEP] [--json]",
      "Toon de werkvormen in de bibliotheek, eventueel alleen die passen.",
      "De bibliotheek is de map werkvormen van werkplaats, plus elke map die --werkvormen\n"
      "of WERKPLAATS_PATH noemt. Werkvormen met fouten worden apart genoemd, met hun\n"
      "meldingen; de andere blijven bruikbaar.\n\n"
      "  --sprint N           alleen werkvormen van sprint N\n"
      "  --groep N            alleen werkvormen voor een groep van N deelnemers\n"
      "  --duur MIN           alleen werkvormen die in MIN minuten passen\n"
      "  --deelnemers GROEP   alleen werkvormen voor deze deelnemersgroep\n"
      "  --json               als JSON, voor andere programma's\n" },
    { "werkvorm", cmd_werkvorm, "werkplaats werkvorm SUBOPDRACHT [ARGUMENTEN]",
      "Werk aan één werkvorm: schrijf, controleer, test of draai er een.",
      "subopdrachten:\n"
      "  nieuw ID [--sprint N] [-o PAD]   schrijf een nieuwe werkvorm met uitleg\n"
      "  check BESTAND                    controleer een werkvorm, alle fouten tegelijk\n"
      "  test BESTAND... [--toon]         draai het voorbeeld van een werkvorm en vergelijk\n"
      "  start ID [--label L]             open een werkvorm in de lopende sprint\n"
      "  volgende / vorige [LABEL]        naar de volgende of vorige stap\n"
      "  sluit [LABEL]                    sluit de werkvorm en bereken het resultaat\n\n"
      "'werkplaats werkvorm SUBOPDRACHT --help' vertelt meer.\n" },
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

const struct cli_command *cli_commands(void)
{
    return commands;
}

const struct cli_command *cli_find(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static void print_overview(FILE *out)
{
    fprintf(out,
            "werkplaats %s: de werkplaats voor de wijkaanpak met Design Thinking (CCV)\n\n"
            "gebruik: werkplaats [--db PAD] [--werkvormen MAP] OPDRACHT [ARGUMENTEN]\n\n"
            "opdrachten:\n",
            WERKPLAATS_VERSION);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-16s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\nalgemene opties:\n"
            "  --db PAD          de database van het traject (standaard: werkplaats.db)\n"
            "  --werkvormen MAP  zoek ook werkvormen in MAP (mag vaker; ook via WERKPLAATS_PATH)\n"
            "  --help, -h        deze hulp; 'werkplaats OPDRACHT --help' voor een opdracht\n"
            "  --version         de versie\n");
}

/* The built-in werkvormen folder: beside the binary in a source tree
 * (build/werkplaats -> werkvormen/), under share/ for an installed (or
 * DESTDIR-staged) binary, and finally the compiled-in data directory. */
static char *find_builtin(void)
{
    char exe[PATH_MAX], candidate[PATH_MAX + 64];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    const char *rel[] = { "../werkvormen", "../share/werkplaats/werkvormen" };

    if (n > 0) {
        char *slash;
        exe[n] = '\0';
        slash = strrchr(exe, '/');
        if (slash != NULL)
            *slash = '\0';
        for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
            snprintf(candidate, sizeof candidate, "%s/%s/methode.yaml", exe, rel[i]);
            if (access(candidate, R_OK) == 0) {
                snprintf(candidate, sizeof candidate, "%s/%s", exe, rel[i]);
                return realpath(candidate, NULL);
            }
        }
    }
    return strdup(WP_DATADIR "/werkvormen");
}

/* Splits WERKPLAATS_PATH (colon-separated) into cli->extra_dirs. */
static void add_env_dirs(struct cli *cli, char *copy)
{
    for (char *dir = strtok(copy, ":"); dir != NULL; dir = strtok(NULL, ":"))
        if (dir[0] != '\0' && cli->n_extra_dirs < CLI_MAX_DIRS)
            cli->extra_dirs[cli->n_extra_dirs++] = dir;
}

/* Takes the global options out of argv wherever they stand (before "--"),
 * so that `werkplaats status --db x.db` works as well as the git order. */
static int take_global_options(struct cli *cli, int *argc, char **argv, int *want_help, int *want_version)
{
    int out = 1;

    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            while (i < *argc)
                argv[out++] = argv[i++];
            break;
        }
        if (strcmp(a, "--db") == 0 || strcmp(a, "--werkvormen") == 0) {
            if (i + 1 >= *argc) {
                wp_error_add(cli->err, WP_EUSAGE, NULL, "optie '%s' verwacht een waarde", a);
                return -1;
            }
            if (a[2] == 'd') {
                cli->db_path = argv[++i];
                cli->db_path_given = 1;
            }
            else if (cli->n_extra_dirs < CLI_MAX_DIRS)
                cli->extra_dirs[cli->n_extra_dirs++] = argv[++i];
            continue;
        }
        if (strncmp(a, "--db=", 5) == 0) {
            cli->db_path = a + 5;
            cli->db_path_given = 1;
            continue;
        }
        if (strncmp(a, "--werkvormen=", 13) == 0) {
            if (cli->n_extra_dirs < CLI_MAX_DIRS)
                cli->extra_dirs[cli->n_extra_dirs++] = a + 13;
            continue;
        }
        if (out == 1 && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
            *want_help = 1;
            continue;
        }
        if (out == 1 && strcmp(a, "--version") == 0) {
            *want_version = 1;
            continue;
        }
        argv[out++] = argv[i];
    }
    *argc = out;
    argv[out] = NULL;
    return 0;
}

static int run(struct cli *cli, int argc, char **argv, char *env_path)
{
    int want_help = 0, want_version = 0;
    const struct cli_command *cmd;
    const char *names[N_COMMANDS + 1];
    char hint[128];

    if (take_global_options(cli, &argc, argv, &want_help, &want_version) != 0)
        return WP_EUSAGE;
    /* WERKPLAATS_PATH comes after --werkvormen; both come after the built-ins. */
    if (env_path != NULL)
        add_env_dirs(cli, env_path);
    if (want_version) {
        printf("werkplaats %s\n", WERKPLAATS_VERSION);
        return 0;
    }
    if (argc < 2) {
        print_overview(want_help ? stdout : stderr);
        return want_help ? 0 : WP_EUSAGE;
    }
    cmd = cli_find(argv[1]);
    if (cmd == NULL) {
        for (size_t i = 0; i < N_COMMANDS; i++)
            names[i] = commands[i].name;
        names[N_COMMANDS] = NULL;
        wp_error_add(cli->err, WP_EUSAGE, NULL, "onbekende opdracht '%s'%s (zie 'werkplaats --help')",
                     argv[1], text_hint(hint, sizeof hint, argv[1], names));
        return WP_EUSAGE;
    }
    if (want_help) {
        cli_print_help(cmd->name, stdout);
        return 0;
    }
    return cmd->run(cli, argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
    wp_error err = WP_ERROR_INIT;
    struct cli cli = { .db_path = "werkplaats.db", .err = &err };
    char *env_path = getenv("WERKPLAATS_PATH") ? strdup(getenv("WERKPLAATS_PATH")) : NULL;
    int code;

    /* Past a file size limit (ulimit -f) a write should fail with EFBIG, which
     * the store reports like a full disk, instead of SIGXFSZ killing the
     * process in the middle of a workshop. */
    signal(SIGXFSZ, SIG_IGN);
    cli.ingebouwd = find_builtin();
    if (cli.ingebouwd == NULL) {
        fprintf(stderr, "werkplaats: onvoldoende geheugen\n");
        free(env_path);
        return WP_EINTERNAL;
    }
    code = run(&cli, argc, argv, env_path);
    cli_close(&cli);
    if (err.code > code)
        code = err.code;
    wp_error_print(&err, stderr, "werkplaats");
    wp_error_clear(&err);
    free(env_path);
    free(cli.ingebouwd);
    fflush(stdout);
    if (ferror(stdout) && code == 0) {
        fprintf(stderr, "werkplaats: schrijven naar standaarduitvoer mislukt\n");
        code = WP_EINTERNAL;
    }
    return code;
}
