/*
 * factor_mensen.c: the sleutelfactoren about people: commitment (where the
 * stakeholders stand, who takes part, who approved the ontwerpbrief) and
 * van praten naar doen (the agreements register).
 */
#include <string.h>

#include "sleutelfactoren_intern.h"
#include "werkplaats/afspraak.h"
#include "werkplaats/houding.h"

#define NAME_SIZE 512

/* --- commitment: the stance per phase ---------------------------------------- */

static const char *field(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* "6 teleurgesteld, 7 neutraal en 3 positief" for the stances in phase "nu" or the start. */
static const char *count_stances(const struct check *c, json_t *list, int at_start, char *buf, size_t size)
{
    const char *parts[16];
    char part[16][64];
    size_t n = 0;

    for (size_t h = 0; c->m->houdingen[h] != NULL && n < 16; h++) {
        size_t i, count = 0;
        json_t *e;
        json_array_foreach(list, i, e) {
            json_t *s = at_start ? json_array_get(json_object_get(e, "fasen"), 0) : json_object_get(e, "nu");
            count += strcmp(field(s, "houding"), c->m->houdingen[h]) == 0;
        }
        snprintf(part[n], sizeof part[n], "%zu %s", count, c->m->houdingen[h]);
        parts[n] = part[n];
        n++;
    }
    return register_join(buf, size, parts, n);
}

static void stance_change(const struct check *c, json_t *f, json_t *e)
{
    json_t *start = json_array_get(json_object_get(e, "fasen"), 0), *nu = json_object_get(e, "nu");
    char who[NAME_SIZE];
    int houding = strcmp(field(start, "houding"), field(nu, "houding")) != 0;
    int glijbaan = strcmp(field(start, "glijbaan"), field(nu, "glijbaan")) != 0;
    json_t *b;

    if (!houding && !glijbaan)
        return;
    betrokkene_label(c, field(e, "id"), who, sizeof who);
    if (houding && glijbaan)
        b = bevinding(f, "houding_veranderd", OORDEEL_INFO, "%s: van %s naar %s, op de glijbaan van %s naar %s "
                      "(sprint %lld).", who, field(start, "houding"), field(nu, "houding"), field(start, "glijbaan"),
                      field(nu, "glijbaan"), (long long)json_integer_value(json_object_get(nu, "fase")));
    else if (houding)
        b = bevinding(f, "houding_veranderd", OORDEEL_INFO, "%s: van %s naar %s (sprint %lld).", who,
                      field(start, "houding"), field(nu, "houding"),
                      (long long)json_integer_value(json_object_get(nu, "fase")));
    else
        b = bevinding(f, "houding_veranderd", OORDEEL_INFO, "%s: op de glijbaan van %s naar %s (sprint %lld).", who,
                      field(start, "glijbaan"), field(nu, "glijbaan"),
                      (long long)json_integer_value(json_object_get(nu, "fase")));
    json_object_set_new(b, "betrokkene", json_string(field(e, "id")));
}

/* Key stakeholders at the least committed stance, or (after the first
 * sprint) still at the top of the glijbaan, need work. */
static void stance_attention(const struct check *c, json_t *f, json_t *e)
{
    json_t *nu = json_object_get(e, "nu"), *b = NULL;
    long long fase = json_integer_value(json_object_get(nu, "fase"));
    char who[NAME_SIZE], since[32];

    if (!json_is_true(json_object_get(e, "sleutel")))
        return;
    betrokkene_label(c, field(e, "id"), who, sizeof who);
    if (fase == 0)
        snprintf(since, sizeof since, "sinds de start");
    else
        snprintf(since, sizeof since, "in sprint %lld", fase);
    if (strcmp(field(nu, "houding"), c->m->houdingen[0]) == 0) {
        const struct casus_betrokkene *bk = casus_betrokkene(c->t->casus, field(e, "id"));
        char before[1024] = "";
        if (bk != NULL && bk->eerder_gevraagd != NULL)
            snprintf(before, sizeof before, " Eerder gevraagd: %s", bk->eerder_gevraagd);
        b = bevinding(f, "houding", OORDEEL_AANDACHT, "Sleutelbetrokkene %s is %s (%s).%s Ga na wat nodig is om hen "
                      "aan de gezamenlijke opgave te verbinden.", who, field(nu, "houding"), since, before);
        json_object_set_new(b, "betrokkene", json_string(field(e, "id")));
    }
    if (c->n_gesloten >= 1 && strcmp(field(nu, "glijbaan"), c->m->glijbaan[0]) == 0) {
        b = bevinding(f, "glijbaan", OORDEEL_AANDACHT, "Sleutelbetrokkene %s staat na %d gesloten sprint(s) nog "
                      "'%s' op de glijbaan (%s): wie daar staat, voelt de pijn van de wijk niet en komt niet in "
                      "beweging.", who, c->n_gesloten, field(nu, "glijbaan"), since);
        json_object_set_new(b, "betrokkene", json_string(field(e, "id")));
    }
}

static void houdingen(struct check *c, json_t *f)
{
    json_t *list = houding_overzicht(c->t, c->tot, c->err), *e;
    char start[256], nu[256];
    size_t i;
    int changed = 0;

    if (list == NULL)
        return;
    json_array_foreach(list, i, e)
        changed += json_array_size(json_object_get(e, "fasen")) > 1;
    bevinding(f, "houdingen", OORDEEL_INFO, "Houding bij de start: %s; nu: %s.", count_stances(c, list, 1, start,
              sizeof start), count_stances(c, list, 0, nu, sizeof nu));
    if (changed == 0 && c->n_gesloten >= 2)
        bevinding(f, "houdingen_niet_bijgewerkt", OORDEEL_AANDACHT, "Sinds de start is van niemand de houding of de "
                  "plek op de glijbaan bijgewerkt, terwijl er al %d sprints gesloten zijn. Leg vast waar de "
                  "betrokkenen nu staan ('werkplaats houding').", c->n_gesloten);
    json_array_foreach(list, i, e) {
        stance_change(c, f, e);
        stance_attention(c, f, e);
    }
    json_object_set_new(f, "houdingen", list);
}

/* --- commitment: who takes part ------------------------------------------------ */

/* Marks in took[nr] the sprints in which betrokkene took part. */
static void sprints_of(const struct check *c, const char *betrokkene, char *took)
{
    size_t i, j;
    json_t *s, *b;

    json_array_foreach(c->sessies, i, s)
        json_array_foreach(json_object_get(s, "betrokkenen"), j, b)
            if (strcmp(json_string_value(b), betrokkene) == 0)
                took[json_integer_value(json_object_get(s, "sprint"))] = 1;
}

/* The sprints after last that held werkvormen, as "3 en 4", and how many. */
static int missed_after(const char *held, int last, int tot, char *buf, size_t size)
{
    const char *parts[MAX_SPRINTS];
    char nrs[MAX_SPRINTS][12];
    size_t n = 0;

    for (int nr = last + 1; nr <= tot; nr++)
        if (held[nr]) {
            snprintf(nrs[n], sizeof nrs[n], "%d", nr);
            parts[n] = nrs[n];
            n++;
        }
    register_join(buf, size, parts, n);
    return (int)n;
}

static void participation_of(struct check *c, json_t *f, const struct casus_betrokkene *bk, const char *held,
                             json_t *deelname, int *key_problems)
{
    char took[MAX_SPRINTS + 1] = { 0 }, who[NAME_SIZE], missed[256];
    const char *oordeel = bk->sleutel ? OORDEEL_AANDACHT : OORDEEL_INFO;
    const char *wie = bk->sleutel ? "Sleutelbetrokkene " : "";
    json_t *sprints = json_array(), *b = NULL;
    int last = 0;

    sprints_of(c, bk->id, took);
    for (int nr = 1; nr <= c->tot; nr++)
        if (took[nr]) {
            json_array_append_new(sprints, json_integer(nr));
            last = nr;
        }
    json_array_append_new(deelname, json_pack("{s:s, s:b, s:o}", "betrokkene", bk->id, "sleutel", bk->sleutel,
                                              "sprints", sprints));
    betrokkene_label(c, bk->id, who, sizeof who);
    if (last == 0)
        b = bevinding(f, "nooit_meegedaan", oordeel, "%s%s deed nog aan geen enkele werkvorm mee. Betrek hen: "
                      "zonder hen draagt niet iedereen de gezamenlijke opgave.", wie, who);
    else if (missed_after(held, last, c->tot, missed, sizeof missed) >= 2)
        b = bevinding(f, "afgehaakt", oordeel, "%s%s deed mee tot en met sprint %d, maar niet meer in sprint %s. "
                      "Vraag na waarom en wat nodig is om terug te komen.", wie, who, last, missed);
    if (b != NULL) {
        json_object_set_new(b, "betrokkene", json_string(bk->id));
        *key_problems += bk->sleutel;
    }
}

static void deelname(struct check *c, json_t *f)
{
    char held[MAX_SPRINTS + 1] = { 0 };
    json_t *deelname, *s, *d;
    size_t i, took = 0, keys = 0, keys_took = 0;
    int key_problems = 0;

    json_array_foreach(c->sessies, i, s)
        held[json_integer_value(json_object_get(s, "sprint"))] = 1;
    if (json_array_size(c->sessies) == 0) {
        bevinding(f, "deelname", OORDEEL_INFO, "Er is nog geen werkvorm gedaan; wie meedoet, blijkt vanaf de "
                  "eerste werkvorm.");
        return;
    }
    deelname = json_array();
    for (size_t b = 0; b < c->t->casus->n_betrokkenen; b++)
        participation_of(c, f, &c->t->casus->betrokkenen[b], held, deelname, &key_problems);
    json_array_foreach(deelname, i, d) {
        int in = json_array_size(json_object_get(d, "sprints")) > 0;
        int key = json_is_true(json_object_get(d, "sleutel"));
        took += in;
        keys += key;
        keys_took += key && in;
    }
    bevinding(f, "deelname", key_problems ? OORDEEL_INFO : OORDEEL_IN_ORDE, "%zu van de %zu betrokkenen uit de casus "
              "deden mee aan werkvormen, onder wie %zu van de %zu sleutelbetrokkenen.", took,
              json_array_size(deelname), keys_took, keys);
    json_object_set_new(f, "deelname", deelname);
}

/* --- commitment: the approvals the gates ask for ------------------------------------ */

static int document_delivered(const struct check *c, const char *document)
{
    size_t i;
    json_t *s;

    json_array_foreach(c->sessies, i, s)
        if (strcmp(field(s, "status"), "gesloten") == 0 &&
            json_object_get(json_object_get(s, "resultaat"), document) != NULL)
            return 1;
    return 0;
}

/* Every approval of document, oldest first, into list; the first and last date. */
static int read_approvals(struct check *c, const char *document, json_t *list, char *first, char *last)
{
    static const char *const sql =
        "SELECT betrokkene, datum FROM goedkeuring WHERE document = ?1 ORDER BY datum, betrokkene";
    sqlite3_stmt *st = store_stmt(c->t->store, sql, c->err);
    char who[NAME_SIZE];
    int rc;

    if (st == NULL)
        return -1;
    store_bind_text(st, 1, document);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *id = store_column_text(st, 0), *datum = store_column_text(st, 1);
        const struct casus_betrokkene *b = casus_betrokkene(c->t->casus, id);
        if (first[0] == '\0')
            snprintf(first, CLOCK_DATE_SIZE, "%s", datum);
        snprintf(last, CLOCK_DATE_SIZE, "%s", datum);
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:b}", "document", document, "betrokkene", id,
                                              "naam", betrokkene_label(c, id, who, sizeof who), "datum", datum,
                                              "sleutel", b != NULL && b->sleutel));
    }
    return store_rows_done(c->t->store, st, rc, "goedkeuringen lezen", c->err);
}

static void approval_gate(struct check *c, json_t *f, int gate_sprint, const char *document, json_t *list)
{
    const struct methode_sprint *from = methode_sprint_delivering(c->m, document);
    char first[CLOCK_DATE_SIZE] = "", last[CLOCK_DATE_SIZE] = "", who[NAME_SIZE];
    json_t *missing, *id;
    size_t i, keys = 0;

    if (!document_delivered(c, document)) {
        bevinding(f, "goedkeuring_nog_niet", OORDEEL_INFO, "De %s ontstaat in sprint %d; alle sleutelbetrokkenen "
                  "keuren hem goed voordat sprint %d begint.", document, from ? from->nr : gate_sprint - 1,
                  gate_sprint);
        return;
    }
    if (read_approvals(c, document, list, first, last) != 0 ||
        (missing = traject_missing_approvals(c->t, document, c->err)) == NULL)
        return;
    json_array_foreach(missing, i, id) {
        json_t *b = bevinding(f, "goedkeuring_ontbreekt", OORDEEL_AANDACHT, "Sleutelbetrokkene %s heeft de %s "
                              "niet goedgekeurd; pas als alle sleutelbetrokkenen dat deden, is iedereen eraan "
                              "gebonden en kan sprint %d beginnen.",
                              betrokkene_label(c, json_string_value(id), who, sizeof who), document, gate_sprint);
        json_object_set_new(b, "document", json_string(document));
        json_object_set(b, "betrokkene", id);
    }
    for (size_t b = 0; b < c->t->casus->n_betrokkenen; b++)
        keys += c->t->casus->betrokkenen[b].sleutel != 0;
    if (json_array_size(missing) == 0)
        bevinding(f, "goedkeuring_compleet", OORDEEL_IN_ORDE, "Alle %zu sleutelbetrokkenen keurden de %s goed "
                  "(van %s tot en met %s).", keys, document, first, last);
    json_decref(missing);
}

static void goedkeuringen(struct check *c, json_t *f)
{
    json_t *list = json_array();

    for (size_t i = 0; i < c->m->n_sprints; i++)
        for (size_t j = 0; j < c->m->sprints[i].n_poorten; j++)
            if (c->m->sprints[i].poorten[j].soort == POORT_GOEDKEURING)
                approval_gate(c, f, c->m->sprints[i].nr, c->m->sprints[i].poorten[j].document, list);
    json_object_set_new(f, "goedkeuringen", list);
}

void factor_commitment(struct check *c, json_t *f)
{
    json_object_set_new(f, "gezamenlijke_opgave", json_string(c->t->casus->gezamenlijke_opgave));
    bevinding(f, "opgave", OORDEEL_IN_ORDE, "De gezamenlijke opgave staat vast en komt bij elke sprint terug: %s",
              c->t->casus->gezamenlijke_opgave);
    houdingen(c, f);
    deelname(c, f);
    goedkeuringen(c, f);
}

/* --- van praten naar doen ------------------------------------------------------------- */

static void late_agreement(json_t *f, json_t *a)
{
    long long dagen = json_integer_value(json_object_get(a, "dagen_te_laat"));
    const char *gremium = field(a, "gremium_naam");
    char who[NAME_SIZE], steer[NAME_SIZE + 64];
    json_t *b;

    if (field(a, "wie_rol") != NULL)
        snprintf(who, sizeof who, "%s (%s)", field(a, "wie_naam"), field(a, "wie_rol"));
    else
        snprintf(who, sizeof who, "%s", field(a, "wie_naam"));
    if (gremium != NULL)
        snprintf(steer, sizeof steer, "Bijsturen in: %s.", gremium);
    else
        snprintf(steer, sizeof steer, "Bijsturen: spreek %s er direct op aan; de afspraak hangt aan geen gremium.",
                 field(a, "wie_naam"));
    b = bevinding(f, "afspraak_te_laat", OORDEEL_AANDACHT, "Afspraak %lld is %lld %s over de deadline (%s): %s zou "
                  "'%s'. %s", (long long)json_integer_value(json_object_get(a, "nr")), dagen,
                  dagen == 1 ? "dag" : "dagen", field(a, "deadline"), who, field(a, "wat"), steer);
    json_object_set(b, "afspraak", json_object_get(a, "nr"));
    json_object_set(b, "wie", json_object_get(a, "wie"));
    if (json_object_get(a, "gremium") != NULL)
        json_object_set(b, "gremium", json_object_get(a, "gremium"));
    json_object_set(b, "deadline", json_object_get(a, "deadline"));
    json_object_set(b, "dagen_te_laat", json_object_get(a, "dagen_te_laat"));
}

static void loose_agreement(json_t *f, json_t *a)
{
    long long nr = json_integer_value(json_object_get(a, "nr"));
    json_t *b;

    if (field(a, "gremium") == NULL) {
        b = bevinding(f, "afspraak_zonder_gremium", OORDEEL_AANDACHT, "Afspraak %lld (%s: '%s') hangt aan geen "
                      "gremium. Leg vast in welk bestaand overleg ze gevolgd wordt, zodat daar wordt bijgestuurd als "
                      "het niet lukt.", nr, field(a, "wie_naam"), field(a, "wat"));
        json_object_set(b, "afspraak", json_object_get(a, "nr"));
    }
    if (field(a, "deadline") == NULL) {
        b = bevinding(f, "afspraak_zonder_deadline", OORDEEL_AANDACHT, "Afspraak %lld (%s: '%s') heeft geen "
                      "deadline. Spreek af wanneer het klaar is.", nr, field(a, "wie_naam"), field(a, "wat"));
        json_object_set(b, "afspraak", json_object_get(a, "nr"));
    }
}

/* "Wijkteam Molenwijk (4), Lokale driehoek (2)": the gremia agreements run through. */
static const char *gremia_used(const struct check *c, json_t *list, char *buf, size_t size)
{
    const char *parts[64];
    char part[64][NAME_SIZE];
    size_t n = 0;

    for (size_t g = 0; g < c->t->casus->n_gremia && n < 64; g++) {
        size_t i, count = 0;
        json_t *a;
        json_array_foreach(list, i, a)
            count += field(a, "gremium") != NULL && strcmp(field(a, "gremium"), c->t->casus->gremia[g].id) == 0;
        if (count == 0)
            continue;
        snprintf(part[n], sizeof part[n], "%s (%zu)", c->t->casus->gremia[g].naam, count);
        parts[n] = part[n];
        n++;
    }
    return register_join(buf, size, parts, n);
}

void factor_doen(struct check *c, json_t *f)
{
    json_t *list = afspraak_list(c->t, c->tot, c->vandaag, 0, c->err), *a;
    size_t i, klaar = 0, late = 0;
    char gremia[2048];

    if (list == NULL)
        return;
    json_array_foreach(list, i, a) {
        if (strcmp(field(a, "status"), "klaar") == 0) {
            klaar++;
            continue;
        }
        if (json_is_true(json_object_get(a, "te_laat"))) {
            late_agreement(f, a);
            late++;
        }
        loose_agreement(f, a);
    }
    if (json_array_size(list) == 0 && c->n_gesloten >= 1)
        bevinding(f, "geen_afspraken", OORDEEL_AANDACHT, "Er zijn nog geen afspraken vastgelegd, terwijl er al %d "
                  "sprint(s) gesloten zijn. Leg vast wie wat doet, in welk gremium en wanneer ('werkplaats afspraak "
                  "nieuw'), anders blijft het bij praten.", c->n_gesloten);
    else if (json_array_size(list) == 0)
        bevinding(f, "geen_afspraken", OORDEEL_INFO, "Er zijn nog geen afspraken; leg ze vast zodra er iets is "
                  "afgesproken ('werkplaats afspraak nieuw').");
    else if (gremia_used(c, list, gremia, sizeof gremia)[0] != '\0')
        bevinding(f, "afspraken", late ? OORDEEL_INFO : OORDEEL_IN_ORDE, "%zu %s: %zu klaar, %zu open en op tijd, %zu "
                  "te laat. Ze lopen via %s.", json_array_size(list), json_array_size(list) == 1 ? "afspraak" :
                  "afspraken", klaar, json_array_size(list) - klaar - late, late, gremia);
    else
        bevinding(f, "afspraken", late ? OORDEEL_INFO : OORDEEL_IN_ORDE, "%zu %s: %zu klaar, %zu open en op tijd, %zu "
                  "te laat.", json_array_size(list), json_array_size(list) == 1 ? "afspraak" : "afspraken", klaar,
                  json_array_size(list) - klaar - late, late);
    json_object_set_new(f, "afspraken", list);
}
