/* deelnemer.c: participants, their groups and pseudonyms. */
#include "werkplaats/deelnemer.h"

#include <stdlib.h>
#include <string.h>

#include "werkplaats/text.h"

const char *deelnemer_groep(struct store *s, const char *id, char *buf, size_t size, wp_error *err)
{
    return store_query_text(s, "SELECT groep FROM deelnemer WHERE id = ?1", id, buf, size, err);
}

int deelnemer_add(struct store *s, const char *id, const char *naam, const char *groep,
                  const char *betrokkene, wp_error *err)
{
    /* The pseudonym numbers people per group in the order they joined. */
    static const char *const sql =
        "INSERT INTO deelnemer (id, naam, groep, betrokkene, pseudoniem) VALUES (?1, ?2, ?3, ?4, "
        " ?3 || ' #' || (SELECT count(*) + 1 FROM deelnemer WHERE groep = ?3))";
    char existing[128];
    sqlite3_stmt *st;

    if (deelnemer_groep(s, id, existing, sizeof existing, err) != NULL) {
        if (strcmp(existing, groep) != 0)
            return wp_error_add(err, WP_EUSER, NULL, "deelnemer '%s' staat al bij groep '%s', niet bij '%s'",
                                id, existing, groep);
        return 0;
    }
    if (wp_error_failed(err) || (st = store_stmt(s, sql, err)) == NULL)
        return -1;
    store_bind_text(st, 1, id);
    store_bind_text(st, 2, naam);
    store_bind_text(st, 3, groep);
    store_bind_text(st, 4, betrokkene);
    return store_step_done(s, st, "deelnemer opslaan", err);
}

int deelnemer_add_anoniem(struct store *s, const char *groep, char *id, size_t size, wp_error *err)
{
    static const char *const sql = "SELECT count(*) FROM deelnemer WHERE groep = ?1";
    sqlite3_stmt *st = store_stmt(s, sql, err);
    long long n = 0;
    char existing[128];

    if (st == NULL)
        return -1;
    store_bind_text(st, 1, groep);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    /* The number of the pseudonym when free, else the next free one. */
    do
        snprintf(id, size, "%s-%lld", groep, ++n);
    while (deelnemer_groep(s, id, existing, sizeof existing, err) != NULL);
    if (wp_error_failed(err))
        return -1;
    return deelnemer_add(s, id, NULL, groep, NULL, err);
}

char **deelnemer_ids(struct store *s, wp_error *err)
{
    static const char *const sql = "SELECT id FROM deelnemer ORDER BY id";
    sqlite3_stmt *st = store_stmt(s, sql, err);
    char **ids = NULL;
    size_t n = 0, cap = 0;
    int rc;

    if (st == NULL)
        return NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n + 1 >= cap) {
            size_t ncap = cap ? cap * 2 : 64;
            char **grown = realloc(ids, ncap * sizeof *grown);
            if (grown == NULL)
                goto nomem;
            ids = grown;
            cap = ncap;
        }
        if ((ids[n] = text_dup(store_column_text(st, 0))) == NULL)
            goto nomem;
        ids[++n] = NULL;
    }
    if (store_rows_done(s, st, rc, "deelnemers lezen", err) != 0) {
        deelnemer_ids_free(ids);
        return NULL;
    }
    if (ids == NULL && (ids = calloc(1, sizeof *ids)) == NULL)
        goto nomem;
    return ids;
nomem:
    sqlite3_reset(st);
    deelnemer_ids_free(ids);
    wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
    return NULL;
}

void deelnemer_ids_free(char **ids)
{
    for (size_t i = 0; ids != NULL && ids[i] != NULL; i++)
        free(ids[i]);
    free(ids);
}

int deelnemer_unknown(struct store *s, const char *id, const char *where, wp_error *err)
{
    wp_error ignore = WP_ERROR_INIT;
    char **ids = deelnemer_ids(s, &ignore);
    char hint[128] = "";

    if (ids != NULL)
        text_hint(hint, sizeof hint, id, (const char *const *)ids);
    deelnemer_ids_free(ids);
    wp_error_clear(&ignore);
    return wp_error_add(err, WP_EUSER, where, "onbekende deelnemer '%s'%s; deelnemers komen uit de casus of "
                        "worden in de draaiboek onder 'deelnemers' genoemd", id, hint);
}
