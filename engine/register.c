/* register.c: the checks and helpers every sleutelfactoren register shares. */
#include "werkplaats/register.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "werkplaats/text.h"

#define MAX_IDS 512

int register_sprint(struct traject *t, wp_error *err)
{
    static const char *const sql =
        "SELECT coalesce((SELECT max(nr) FROM sprint WHERE status = 'lopend'), "
        "(SELECT max(nr) FROM sprint WHERE status = 'gesloten'), 0)";
    wp_error why = WP_ERROR_INIT;
    long long nr = store_query_int(t->store, sql, -1, &why);
    int failed = wp_error_failed(&why);

    wp_error_move(err, &why);
    return failed ? -1 : (int)nr;
}

int register_check_text(const char *tekst, const char *what, const char *where, wp_error *err)
{
    size_t len;

    if (tekst == NULL || tekst[strspn(tekst, " \t\r\n")] == '\0')
        return wp_error_add(err, WP_EUSER, where, "%s heeft een tekst nodig", what);
    len = strlen(tekst);
    if (len > REGISTER_MAX_TEKST)
        return wp_error_add(err, WP_EUSER, where, "%s is te lang (%zu tekens, hooguit %d)", what, len,
                            REGISTER_MAX_TEKST);
    if (!text_utf8_valid(tekst, len))
        return wp_error_add(err, WP_EUSER, where, "%s bevat ongeldige UTF-8", what);
    return 0;
}

int register_check_betrokkene(const struct traject *t, const char *id, const char *where, wp_error *err)
{
    const char *ids[MAX_IDS];
    char hint[128];
    size_t n = 0;

    if (id != NULL && casus_betrokkene(t->casus, id) != NULL)
        return 0;
    for (size_t i = 0; i < t->casus->n_betrokkenen && n + 1 < MAX_IDS; i++)
        ids[n++] = t->casus->betrokkenen[i].id;
    ids[n] = NULL;
    return wp_error_add(err, WP_EUSER, where, "onbekende betrokkene '%s'%s; gebruik de id van een betrokkene "
                        "uit de casus", id ? id : "", text_hint(hint, sizeof hint, id ? id : "", ids));
}

int register_check_gremium(const struct traject *t, const char *id, const char *where, wp_error *err)
{
    const char *ids[MAX_IDS];
    char hint[128], choices[1024];
    size_t n = 0;

    if (id != NULL && casus_gremium(t->casus, id) != NULL)
        return 0;
    for (size_t i = 0; i < t->casus->n_gremia && n + 1 < MAX_IDS; i++)
        ids[n++] = t->casus->gremia[i].id;
    ids[n] = NULL;
    if (n == 0)
        return wp_error_add(err, WP_EUSER, where, "onbekend gremium '%s'; de casus noemt geen gremia", id ? id : "");
    return wp_error_add(err, WP_EUSER, where, "onbekend gremium '%s'%s; de casus kent %s", id ? id : "",
                        text_hint(hint, sizeof hint, id ? id : "", ids), text_choices(choices, sizeof choices, ids));
}

int register_check_word(const char *word, const char *const *list, const char *what, const char *where,
                        wp_error *err)
{
    char hint[128], choices[512];

    if (word != NULL && text_index(word, list) >= 0)
        return 0;
    return wp_error_add(err, WP_EUSER, where, "onbekende %s '%s'%s; kies %s", what, word ? word : "",
                        text_hint(hint, sizeof hint, word ? word : "", list),
                        text_choices(choices, sizeof choices, list));
}

const char *const *register_factor_ids(const struct methode *m, const char **buf, size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < m->n_sleutelfactoren && n + 1 < max; i++)
        buf[n++] = m->sleutelfactoren[i].id;
    buf[n] = NULL;
    return buf;
}

/* An entry is a table of text fields, each one of fields. */
static int check_fields(json_t *e, const char *what, const char *const *fields, const char *where, wp_error *err)
{
    char hint[128], choices[256];
    const char *key;
    json_t *v;
    int rc = 0;

    text_choices(choices, sizeof choices, fields);
    if (!json_is_object(e))
        return wp_error_add(err, WP_EUSER, where, "een %s moet een tabel zijn met velden uit %s", what, choices);
    json_object_foreach(e, key, v) {
        if (text_index(key, fields) < 0)
            rc = wp_error_add(err, WP_EUSER, where, "onbekend veld '%s' in een %s%s; kies uit %s", key, what,
                              text_hint(hint, sizeof hint, key, fields), choices);
        else if (!json_is_string(v) && !json_is_null(v))
            rc = wp_error_add(err, WP_EUSER, where, "'%s' moet tekst zijn", key);
    }
    return rc;
}

int register_result_list(json_t *list, const char *werkvorm, long long sessie, const char *key, const char *what,
                         const char *const *fields,
                         int (*visit)(void *ctx, json_t *entry, const char *label, wp_error *err), void *ctx,
                         wp_error *err)
{
    char label[256], choices[256];
    json_t *e;
    size_t i;
    int rc = 0;

    if (!json_is_array(list))
        return wp_error_add(err, WP_EUSER, NULL, "werkvorm '%s': resultaat '%s' moet een lijst van tabellen zijn, "
                            "met velden uit %s", werkvorm, key, text_choices(choices, sizeof choices, fields));
    json_array_foreach(list, i, e) {
        if (sessie > 0)
            snprintf(label, sizeof label, "sessie %lld, %s %zu", sessie, what, i + 1);
        else
            snprintf(label, sizeof label, "werkvorm '%s', %s %zu", werkvorm, what, i + 1);
        if (check_fields(e, what, fields, label, err) != 0 || visit(ctx, e, label, err) != 0) {
            rc = -1;
            if (sessie > 0)
                break;
        }
    }
    return rc;
}

const char *register_join(char *buf, size_t size, const char *const *items, size_t n)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++) {
        const char *sep = i == 0 ? "" : i + 1 == n ? " en " : ", ";
        int w = snprintf(buf + used, size - used, "%s%s", sep, items[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return buf;
}

/* Days since the epoch of a valid YYYY-MM-DD date. */
static long day_number(const char *date)
{
    struct tm tm;

    memset(&tm, 0, sizeof tm);
    if (sscanf(date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_hour = 12;   /* away from midnight, so no day boundary is ever crossed */
    return (long)(timegm(&tm) / 86400);
}

long register_days_between(const char *a, const char *b)
{
    return day_number(b) - day_number(a);
}
