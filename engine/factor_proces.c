/*
 * factor_proces.c: the sleutelfactoren about the process: werkvormen (does
 * each werkvorm, held or planned, fit its group size and participants?) and
 * a concrete result per sprint (what each closed sprint delivered and which
 * later werkvormen built on it).
 */
#include <string.h>

#include "sleutelfactoren_intern.h"
#include "werkplaats/planning.h"
#include "werkplaats/text.h"

static const char *field(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* --- werkvormen -------------------------------------------------------------------- */

/* "5 tot en met 10 personen", "minstens 5 personen", "hooguit 10 personen". */
static const char *size_range(const struct sleutelfactoren_kaart *k, char *buf, size_t size)
{
    if (k->groep_min > 0 && k->groep_max > 0)
        snprintf(buf, size, "%d tot en met %d personen", k->groep_min, k->groep_max);
    else if (k->groep_min > 0)
        snprintf(buf, size, "minstens %d personen", k->groep_min);
    else
        snprintf(buf, size, "hooguit %d personen", k->groep_max);
    return buf;
}

/* "Werkvorm 'Praktijksafari' (sprint 1)" or "Werkvorm 'Praktijksafari', gepland in sprint 5", with the
 * label when it differs from the werkvorm's id. */
static const char *describe(const struct sleutelfactoren_kaart *k, json_t *e, char *buf, size_t size)
{
    const char *werkvorm = field(e, "werkvorm"), *label = field(e, "label");
    int planned = strcmp(field(e, "soort"), "gepland") == 0;
    long long nr = json_integer_value(json_object_get(e, "sprint"));
    char extra[160] = "";

    if (strcmp(werkvorm, label) != 0)
        snprintf(extra, sizeof extra, ", label %s", label);
    if (planned)
        snprintf(buf, size, "Werkvorm '%s', gepland in sprint %lld%s,", k && k->naam ? k->naam : werkvorm, nr, extra);
    else
        snprintf(buf, size, "Werkvorm '%s' (sprint %lld%s)", k && k->naam ? k->naam : werkvorm, nr, extra);
    return buf;
}

static int check_size(json_t *f, const struct sleutelfactoren_kaart *k, json_t *e, const char *who)
{
    long long aantal = json_integer_value(json_object_get(e, "aantal"));
    int planned = strcmp(field(e, "soort"), "gepland") == 0;
    char range[64];
    json_t *b;

    if (json_object_get(e, "aantal") == NULL || (k->groep_min <= 0 && k->groep_max <= 0))
        return 0;
    if (aantal == 0 && !planned) {
        bevinding(f, "geen_aanwezigen", OORDEEL_INFO, "%s heeft geen aanwezigen vastgelegd; de groepsgrootte is "
                  "daarom niet getoetst.", who);
        return 0;
    }
    if (k->groep_min > 0 && aantal < k->groep_min)
        b = bevinding(f, "groep_te_klein", OORDEEL_AANDACHT, "%s %s %lld deelnemer(s); de werkvorm is bedoeld voor %s. "
                      "Met te weinig mensen komen te weinig perspectieven op tafel.", who, planned ? "verwacht" : "had",
                      aantal, size_range(k, range, sizeof range));
    else if (k->groep_max > 0 && aantal > k->groep_max)
        b = bevinding(f, "groep_te_groot", OORDEEL_AANDACHT, "%s %s %lld deelnemers; de werkvorm is bedoeld voor %s. "
                      "Splits de groep of kies een werkvorm voor grotere groepen.", who,
                      planned ? "verwacht" : "had", aantal, size_range(k, range, sizeof range));
    else
        return 0;
    json_object_set(b, "werkvorm", json_object_get(e, "werkvorm"));
    json_object_set(b, "sprint", json_object_get(e, "sprint"));
    return 1;
}

static int in_list(const char *word, const char *const *list)
{
    for (size_t i = 0; list[i] != NULL; i++)
        if (strcmp(list[i], word) == 0)
            return 1;
    return 0;
}

/* Participants from groups the werkvorm is not meant for. */
static int check_groups(const struct check *c, json_t *f, const struct sleutelfactoren_kaart *k, json_t *e,
                        const char *who)
{
    json_t *groepen = json_object_get(e, "groepen"), *b;
    const char *others[32], *meant[32];
    char part[32][96], list[1024], want[512];
    int planned = strcmp(field(e, "soort"), "gepland") == 0;
    size_t n = 0, m = 0;

    if (k->deelnemers == NULL)
        return 0;
    for (size_t g = 0; c->m->groepen[g] != NULL && n < 32; g++) {
        json_t *count = json_object_get(groepen, c->m->groepen[g]);
        if (count == NULL || in_list(c->m->groepen[g], k->deelnemers))
            continue;
        if (planned)
            snprintf(part[n], sizeof part[n], "%s", c->m->groepen[g]);
        else
            snprintf(part[n], sizeof part[n], "%s (%lld)", c->m->groepen[g], (long long)json_integer_value(count));
        others[n] = part[n];
        n++;
    }
    if (n == 0)
        return 0;
    while (k->deelnemers[m] != NULL && m < 32) {
        meant[m] = k->deelnemers[m];
        m++;
    }
    b = bevinding(f, "deelnemers_passen_niet", OORDEEL_AANDACHT, "%s is bedoeld voor %s, maar er %s ook %s %s. Past "
                  "de werkvorm bij wie er komt, of is er een die beter past?", who,
                  register_join(want, sizeof want, meant, m), planned ? "zijn" : "deden",
                  register_join(list, sizeof list, others, n), planned ? "gepland" : "mee");
    json_object_set(b, "werkvorm", json_object_get(e, "werkvorm"));
    json_object_set(b, "sprint", json_object_get(e, "sprint"));
    return 1;
}

/* Tests one held or planned werkvorm against its card; fills in the entry. */
static void fit(struct check *c, json_t *f, json_t *e, int *checked, int *fits)
{
    struct sleutelfactoren_kaart k;
    char who[512];
    json_t *meant;
    int problems = 0;

    memset(&k, 0, sizeof k);
    if (c->o->kaart == NULL || c->o->kaart(c->o->kaart_ctx, field(e, "werkvorm"), &k) != 0) {
        json_object_set_new(e, "getoetst", json_false());
        if (c->o->kaart != NULL)
            bevinding(f, "kaart_onbekend", OORDEEL_INFO, "%s: de kaart van deze werkvorm is niet te lezen, dus "
                      "groepsgrootte en deelnemers zijn niet getoetst.", describe(NULL, e, who, sizeof who));
        return;
    }
    describe(&k, e, who, sizeof who);
    json_object_set_new(e, "naam", json_string(k.naam ? k.naam : field(e, "werkvorm")));
    json_object_set_new(e, "groep_min", json_integer(k.groep_min));
    json_object_set_new(e, "groep_max", json_integer(k.groep_max));
    meant = json_array();
    for (size_t i = 0; k.deelnemers != NULL && k.deelnemers[i] != NULL; i++)
        json_array_append_new(meant, json_string(k.deelnemers[i]));
    json_object_set_new(e, "bedoeld_voor", meant);
    if (k.sprint > 0 && k.sprint != json_integer_value(json_object_get(e, "sprint"))) {
        json_object_set(bevinding(f, "verkeerde_sprint", OORDEEL_AANDACHT, "%s hoort bij sprint %d.", who, k.sprint),
                        "werkvorm", json_object_get(e, "werkvorm"));
        problems++;
    }
    problems += check_size(f, &k, e, who);
    problems += check_groups(c, f, &k, e, who);
    json_object_set_new(e, "getoetst", json_true());
    json_object_set_new(e, "past", json_boolean(problems == 0));
    (*checked)++;
    *fits += problems == 0;
}

static json_t *held_entry(json_t *s)
{
    return json_pack("{s:s, s:O, s:O, s:O, s:O, s:O, s:O}", "soort", "gehouden", "sprint", json_object_get(s, "sprint"),
                     "werkvorm", json_object_get(s, "werkvorm"), "label", json_object_get(s, "label"), "status",
                     json_object_get(s, "status"), "aantal", json_object_get(s, "aantal"), "groepen",
                     json_object_get(s, "groepen"));
}

static json_t *planned_entry(json_t *p)
{
    json_t *groepen = json_object(), *g;
    json_t *e = json_pack("{s:s, s:O, s:O, s:O, s:s}", "soort", "gepland", "sprint", json_object_get(p, "sprint"),
                          "werkvorm", json_object_get(p, "werkvorm"), "label", json_object_get(p, "label"), "status",
                          "gepland");
    size_t i;

    json_array_foreach(json_object_get(p, "groepen"), i, g)
        json_object_set_new(groepen, json_string_value(g), json_integer(0));
    json_object_set_new(e, "groepen", groepen);
    if (json_object_get(p, "aantal") != NULL)
        json_object_set(e, "aantal", json_object_get(p, "aantal"));
    return e;
}

/* The next sprint to prepare, when nothing is planned for it yet. */
static void next_sprint(struct check *c, json_t *f, json_t *entries)
{
    const struct methode_sprint *ms;
    json_t *e;
    size_t i;
    int next = 0;

    for (int nr = 1; nr <= (int)c->m->n_sprints && next == 0; nr++)
        if (traject_sprint_status(c->t, nr, c->err) == SPRINT_GEPLAND)
            next = nr;
    if (next == 0 || next > c->tot + 1)
        return;
    json_array_foreach(entries, i, e)
        if (json_integer_value(json_object_get(e, "sprint")) == next)
            return;
    ms = methode_sprint(c->m, next);
    bevinding(f, "volgende_sprint", OORDEEL_INFO, "Voor sprint %d (%s) is nog geen werkvorm gepland. Zoek er een die "
              "past bij de groep en de tijd met 'werkplaats werkvormen --sprint %d' en plan hem met 'werkplaats plan "
              "nieuw %d WERKVORM --aantal N --groep GROEP'.", next, ms->naam, next, next);
}

void factor_werkvormen(struct check *c, json_t *f)
{
    json_t *entries = json_array(), *plans = planning_list(c->t, c->o->tot, c->err), *x;
    size_t i;
    int checked = 0, fits = 0;

    if (plans == NULL) {
        json_decref(entries);
        return;
    }
    json_array_foreach(c->sessies, i, x)
        json_array_append_new(entries, held_entry(x));
    json_array_foreach(plans, i, x)
        if (!json_is_true(json_object_get(x, "gehouden")))
            json_array_append_new(entries, planned_entry(x));
    json_array_foreach(entries, i, x)
        fit(c, f, x, &checked, &fits);
    if (checked > 0)
        bevinding(f, "werkvormen_passen", fits == checked ? OORDEEL_IN_ORDE : OORDEEL_INFO, "%d van de %d getoetste "
                  "werkvormen (gehouden en gepland) passen bij hun groepsgrootte en deelnemers.", fits, checked);
    else if (json_array_size(entries) == 0)
        bevinding(f, "nog_geen_werkvormen", OORDEEL_INFO, "Er is nog geen werkvorm gehouden of gepland.");
    next_sprint(c, f, entries);
    json_object_set_new(f, "werkvormen", entries);
    json_decref(plans);
}

/* --- een concreet resultaat per sprint --------------------------------------------------- */

static int is_empty(json_t *v)
{
    return v == NULL || json_is_null(v) || (json_is_string(v) && json_string_value(v)[strspn(json_string_value(v),
                                                                                              " \t\n")] == '\0') ||
           (json_is_array(v) && json_array_size(v) == 0) || (json_is_object(v) && json_object_size(v) == 0);
}

/* The later werkvormen whose nodig names a key of result. */
static json_t *used_by(struct check *c, int nr, json_t *result)
{
    json_t *list = json_array(), *s, *key;
    size_t i, j;

    json_array_foreach(c->sessies, i, s) {
        json_t *keys = json_array();
        if (json_integer_value(json_object_get(s, "sprint")) <= nr) {
            json_decref(keys);
            continue;
        }
        json_array_foreach(json_object_get(s, "nodig"), j, key)
            if (json_is_string(key) && json_object_get(result, json_string_value(key)) != NULL)
                json_array_append(keys, key);
        if (json_array_size(keys) > 0)
            json_array_append_new(list, json_pack("{s:O, s:O, s:s, s:O, s:o}", "sprint", json_object_get(s, "sprint"),
                                                  "werkvorm", json_object_get(s, "werkvorm"), "naam",
                                                  werkvorm_naam(c, field(s, "werkvorm")), "label",
                                                  json_object_get(s, "label"), "sleutels", keys));
        else
            json_decref(keys);
    }
    return list;
}

/* "Empathiekaart (sprint 2) en Teken de klantreis (sprint 3)" */
static const char *users_text(json_t *users, char *buf, size_t size)
{
    const char *parts[64];
    char part[64][192];
    size_t n = 0, i;
    json_t *u;

    json_array_foreach(users, i, u) {
        if (n >= 64)
            break;
        snprintf(part[n], sizeof part[n], "%s (sprint %lld)", field(u, "naam"),
                 (long long)json_integer_value(json_object_get(u, "sprint")));
        parts[n] = part[n];
        n++;
    }
    return register_join(buf, size, parts, n);
}

static void closed_sprint(struct check *c, json_t *f, const struct methode_sprint *ms, json_t *entry)
{
    json_t *result = traject_sprint_result(c->t, ms->nr, c->err), *users, *v;
    const char *keys[64];
    char list[1024], users_list[4096];
    const char *key;
    size_t n = 0;

    if (result == NULL)
        return;
    /* In the methode's order, then what else the werkvormen delivered. */
    for (size_t i = 0; i < ms->n_levert && n < 64; i++)
        if (json_object_get(result, ms->levert[i]) != NULL)
            keys[n++] = ms->levert[i];
    json_object_foreach(result, key, v)
        if (n < 64 && text_index(key, (const char *const *)ms->levert) < 0)
            keys[n++] = key;
    for (size_t i = 0; i < n; i++) {
        v = json_object_get(result, keys[i]);
        key = keys[i];
        json_array_append_new(json_object_get(entry, "levert"), json_string(key));
        if (is_empty(v))
            json_object_set_new(bevinding(f, "resultaat_leeg", OORDEEL_AANDACHT, "Resultaat '%s' van sprint %d (%s) "
                                          "is leeg: de sprint leverde op dit punt niets concreets op voor de "
                                          "volgende.", key, ms->nr, ms->naam), "sprint", json_integer(ms->nr));
    }
    register_join(list, sizeof list, keys, n);
    users = used_by(c, ms->nr, result);
    if (json_array_size(users) > 0)
        bevinding(f, "sprint_geleverd", OORDEEL_IN_ORDE, "Sprint %d (%s) leverde %s; daarop bouwden voort: %s.", ms->nr,
                  ms->naam, list, users_text(users, users_list, sizeof users_list));
    else if (later_sessions(c, ms->nr) > 0)
        json_object_set_new(bevinding(f, "resultaat_niet_gebruikt", OORDEEL_AANDACHT, "Sprint %d (%s) leverde %s, "
                                      "maar geen latere werkvorm bouwde daarop voort. Het resultaat van een sprint is "
                                      "de invoer van de volgende; kies werkvormen die het gebruiken.", ms->nr,
                                      ms->naam, list), "sprint", json_integer(ms->nr));
    else if ((size_t)ms->nr == c->m->n_sprints)
        bevinding(f, "sprint_geleverd", OORDEEL_IN_ORDE, "Sprint %d (%s) leverde %s: het eindresultaat van het "
                  "traject.", ms->nr, ms->naam, list);
    else
        bevinding(f, "sprint_geleverd", OORDEEL_IN_ORDE, "Sprint %d (%s) leverde %s; de volgende sprint kan daarop "
                  "voortbouwen.", ms->nr, ms->naam, list);
    json_object_set_new(entry, "gebruikt_door", users);
    json_decref(result);
}

/* What a running sprint still has to deliver: the keys of its methode
 * levert that no closed werkvorm of it delivered, and its open werkvormen. */
static void running_sprint(struct check *c, json_t *f, const struct methode_sprint *ms)
{
    const char *missing[64], *open[64];
    char missing_list[1024], open_list[1024];
    size_t n_missing = 0, n_open = 0, i;
    json_t *s;

    for (size_t k = 0; k < ms->n_levert && n_missing < 64; k++) {
        int found = 0;
        json_array_foreach(c->sessies, i, s)
            found |= json_integer_value(json_object_get(s, "sprint")) == ms->nr &&
                     strcmp(field(s, "status"), "gesloten") == 0 &&
                     json_object_get(json_object_get(s, "resultaat"), ms->levert[k]) != NULL;
        if (!found)
            missing[n_missing++] = ms->levert[k];
    }
    json_array_foreach(c->sessies, i, s)
        if (json_integer_value(json_object_get(s, "sprint")) == ms->nr && strcmp(field(s, "status"), "open") == 0 &&
            n_open < 64)
            open[n_open++] = field(s, "label");
    register_join(missing_list, sizeof missing_list, missing, n_missing);
    register_join(open_list, sizeof open_list, open, n_open);
    if (n_missing == 0 && n_open == 0)
        bevinding(f, "sprint_loopt", OORDEEL_INFO, "Sprint %d (%s) loopt en kan sluiten: alles wat hij moet "
                  "opleveren, is er.", ms->nr, ms->naam);
    else
        bevinding(f, "sprint_loopt", OORDEEL_INFO, "Sprint %d (%s) loopt.%s%s%s%s%s%s", ms->nr, ms->naam,
                  n_missing ? " Nog op te leveren: " : "", missing_list, n_missing ? "." : "",
                  n_open ? " Nog open werkvormen: " : "", open_list, n_open ? "." : "");
}

void factor_resultaat(struct check *c, json_t *f)
{
    json_t *sprints = json_array();
    int started = 0;

    for (int nr = 1; nr <= c->tot; nr++) {
        const struct methode_sprint *ms = methode_sprint(c->m, nr);
        json_t *entry = json_pack("{s:i, s:s, s:s, s:[]}", "nr", nr, "naam", ms->naam, "status",
                                  sprint_statussen[c->status[nr]], "levert");
        if (c->status[nr] == SPRINT_GESLOTEN)
            closed_sprint(c, f, ms, entry);
        else if (c->status[nr] == SPRINT_LOPEND)
            running_sprint(c, f, ms);
        started += c->status[nr] != SPRINT_GEPLAND;
        json_array_append_new(sprints, entry);
    }
    if (started == 0)
        bevinding(f, "nog_geen_sprint", OORDEEL_INFO, "Er is nog geen sprint gestart.");
    json_object_set_new(f, "sprints", sprints);
}
