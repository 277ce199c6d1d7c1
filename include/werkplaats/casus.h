/*
 * casus.h: a neighbourhood case (a casus YAML file) as a checked model.
 *
 * A casus describes the wijk before the traject starts: its main question,
 * the shared task, the stakeholders with their stance and glijbaan position,
 * hard figures per omgeving, earlier interventions and what was learned, and
 * the gremia (bodies) with who sits in them. It is loaded once, stored in the
 * traject as its YAML text, and is read-only to werkvormen.
 *
 * Vocabulary (omgevingen, groepen, houdingen, glijbaan) comes from methode.yaml,
 * so the loader needs the methode. Every problem is reported with
 * file:line:col, all at once.
 */
#ifndef WERKPLAATS_CASUS_H
#define WERKPLAATS_CASUS_H

#include <stddef.h>

#include <jansson.h>

#include "werkplaats/error.h"
#include "werkplaats/methode.h"

struct casus_begeleider {
    char *naam;
    char *rol;                 /* "procesbegeleider", "wijkmanager", ... */
    char *organisatie;
};

struct casus_betrokkene {
    char *id;                  /* unique in the casus, used by draaiboek and werkvormen */
    char *naam;                /* a person or an organisation */
    char *groep;               /* one of methode groepen */
    char *rol;                 /* "wijkagent", "eigenaar snackbar", ... */
    char *organisatie;         /* optional */
    int sleutel;               /* key stakeholder: must approve the ontwerpbrief */
    int houding;               /* index into methode houdingen: stance at the start */
    int glijbaan;              /* index into methode glijbaan: position at the start */
    char *eerder_gevraagd;     /* optional: the commitment asked of them before */
    int line;                  /* where the entry starts in the file */
};

struct casus_indicator {
    char *id;
    int omgeving;              /* index into methode omgevingen */
    char *naam;
    char *bron;                /* "Veiligheidsmonitor", "CBS", "politie", "Kadaster", ... */
    char *periode;             /* "2024", "2023-Q4" */
    double waarde;
    char *eenheid;             /* optional: "%", "per 1.000 inwoners", "euro" */
    int heeft_eerder;          /* an earlier value for the trend */
    char *eerder_periode;
    double eerder_waarde;
    int heeft_streef;          /* a target value for the future */
    double streefwaarde;
    char *toelichting;         /* optional */
};

enum casus_uitkomst { UITKOMST_GESLAAGD, UITKOMST_DEELS, UITKOMST_MISLUKT };
extern const char *const casus_uitkomsten[]; /* "geslaagd", "deels", "mislukt", NULL */

struct casus_interventie {
    char *id;
    char *naam;
    char *periode;
    char *wie;                 /* who carried it: departments, organisations */
    char *doelgroep;           /* optional: the group it targeted */
    int omgevingen;            /* bit i set: touches methode omgeving i */
    int uitkomst;              /* enum casus_uitkomst */
    char *geleerd;             /* what was learned */
    char *herbruikbaar;        /* optional: what can be extended or reframed */
    char **trefwoorden;        /* NULL-terminated words that recognise a repeat */
};

struct casus_gremium {
    char *id;
    char *naam;                /* "Driehoek", "Wijkteam Molenwijk", ... */
    char *frequentie;          /* optional: "maandelijks" */
    char **leden;              /* betrokkene ids, NULL-terminated */
};

struct casus {
    char *bestand;             /* the file name used in messages */
    char *id;                  /* short id, e.g. "molenwijk" */
    char *wijk;
    char *gemeente;
    char *hoofdvraag;
    char *gezamenlijke_opgave;
    char *bewaren_tot;         /* optional retention date YYYY-MM-DD (AVG) */
    struct casus_begeleider *begeleiders; size_t n_begeleiders;
    struct casus_betrokkene *betrokkenen; size_t n_betrokkenen;
    struct casus_indicator *indicatoren;  size_t n_indicatoren;
    struct casus_interventie *interventies; size_t n_interventies;
    struct casus_gremium *gremia;         size_t n_gremia;
};

/* Loads and checks a casus file, or the YAML text of one (name is used in
 * messages). Returns NULL when anything is wrong; err then holds every problem. */
struct casus *casus_load(const char *path, const struct methode *m, wp_error *err);
struct casus *casus_load_string(const char *name, const char *yaml, size_t len,
                                const struct methode *m, wp_error *err);
void casus_free(struct casus *c);

const struct casus_betrokkene *casus_betrokkene(const struct casus *c, const char *id);
const struct casus_gremium *casus_gremium(const struct casus *c, const char *id);

/* The whole casus as JSON, as werkvormen and reports see it (omgevingen and
 * houdingen by name). Caller owns the reference. */
json_t *casus_to_json(const struct casus *c, const struct methode *m);

#endif
