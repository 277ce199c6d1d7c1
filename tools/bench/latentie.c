/*
 * latentie.c: how long one live fact takes, for `make bench`.
 *
 *   latentie MAP BRONMAP FEITEN PER_SESSIE
 *
 * Measures the path a keystroke takes in the regiescherm: regie_line()
 * parses the typed line, stores the bijdrage through sessie_add (its own
 * IMMEDIATE transaction, with the durability the engine ships with:
 * WAL and synchronous=FULL, so the fact is on disk before it is shown) and
 * reads the session back for the screen. FEITEN facts are typed into
 * sessions of PER_SESSIE facts each (a workshop of realistic size), in a
 * fresh Molenwijk traject in MAP/live.db. BRONMAP is the source tree
 * (werkvormen/, casus/).
 *
 * The floor, in the same run and folder: one INSERT of a row of the same
 * shape into an equivalent table, each in its own transaction with the
 * same settings (MAP/vloer.db).
 *
 * Prints two tab-separated lines: live and live-vloer, each with the
 * median, p99 and maximum in milliseconds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "werkplaats/bibliotheek.h"
#include "werkplaats/methode.h"
#include "werkplaats/regie.h"
#include "werkplaats/sessie.h"
#include "werkplaats/store.h"
#include "werkplaats/traject.h"

static const char *const tekst =
    "Na acht uur 's avonds lopen ouders met kinderen om via de Molenstraat; op het plein is het te donker";

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void ignore(void *ctx, enum regie_melding soort, const char *t)
{
    (void)ctx;
    if (soort == MELDING_FOUT)
        fprintf(stderr, "latentie: %s\n", t);
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static void report(const char *label, double *ms, long n)
{
    qsort(ms, (size_t)n, sizeof *ms, by_value);
    printf("%s\t%.3f\t%.3f\t%.3f\n", label, ms[n / 2], ms[(n * 99) / 100], ms[n - 1]);
}

/* Types n facts into sessions of per facts; ms[i] is the i-th keystroke's Enter. */
static int live(const char *dir, const char *src, long n, long per, double *ms, wp_error *err)
{
    char path[4200], label[64], line[512];
    struct methode *m;
    struct bibliotheek *lib = NULL;
    struct store *store = NULL;
    struct traject *t = NULL;
    int rc = -1;

    snprintf(path, sizeof path, "%s/werkvormen/methode.yaml", src);
    if ((m = methode_load(path, err)) == NULL)
        return -1;
    snprintf(path, sizeof path, "%s/werkvormen", src);
    if ((lib = bibliotheek_open(path, NULL, 0, m, err)) == NULL)
        goto out;
    snprintf(path, sizeof path, "%s/live.db", dir);
    if ((store = store_open(path, STORE_CREATE, err)) == NULL)
        goto out;
    snprintf(path, sizeof path, "%s/casus/molenwijk.yaml", src);
    if (traject_create(store, m, path, 1, err) != 0 || (t = traject_open(store, m, err)) == NULL ||
        traject_start_sprint(t, 1, err) != 0)
        goto out;
    for (long i = 0; i < n;) {
        struct sessie *s;
        struct regie *r;
        snprintf(label, sizeof label, "live-%ld", i / per + 1);
        if ((s = sessie_open(t, lib, "socrates", label, NULL, err)) == NULL || (r = regie_new(s, ignore, NULL, err)) == NULL)
            goto out;
        if (regie_line(r, "volgende", NULL) != 0) {      /* from the intro to 'situatie' */
            regie_free(r);
            goto out;
        }
        for (long k = 0; k < per && i < n; k++, i++) {
            double start;
            snprintf(line, sizeof line, "@wijkagent #fysiek #sociaal %s (%ld)", tekst, i);
            start = now_ms();
            if (regie_line(r, line, NULL) != 0) {
                regie_free(r);
                wp_error_add(err, WP_EINTERNAL, NULL, "regel '%s' geweigerd", line);
                goto out;
            }
            ms[i] = now_ms() - start;
        }
        regie_free(r);
    }
    rc = 0;
out:
    traject_free(t);
    store_close(store);
    bibliotheek_free(lib);
    methode_free(m);
    return rc;
}

/* The floor: the same row into an equivalent table, one transaction each. */
static int floor_inserts(const char *dir, long n, double *ms)
{
    static const char *const schema =
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
        "CREATE TABLE feit (id INTEGER PRIMARY KEY, sessie INTEGER NOT NULL, volgnr INTEGER NOT NULL,"
        " soort TEXT NOT NULL, stap TEXT NOT NULL, deelnemer TEXT, ref TEXT, tekst TEXT, veld TEXT,"
        " omgevingen TEXT, waarde REAL, data TEXT, doel INTEGER, tijd TEXT NOT NULL, bron TEXT,"
        " UNIQUE (sessie, volgnr));"
        "CREATE INDEX feit_per_stap ON feit(sessie, stap, soort, deelnemer);"
        "CREATE INDEX feit_ref ON feit(sessie, ref) WHERE ref IS NOT NULL;";
    char path[4200];
    sqlite3 *db;
    sqlite3_stmt *st = NULL;
    int rc = -1;

    snprintf(path, sizeof path, "%s/vloer.db", dir);
    if (sqlite3_open(path, &db) != SQLITE_OK || sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO feit (sessie, volgnr, soort, stap, deelnemer, ref, tekst, omgevingen, "
                           "tijd, bron) VALUES (1, ?1, 'bijdrage', 'situatie', 'wijkagent', ?2, ?3, "
                           "'[\"fysiek\",\"sociaal\"]', '2026-01-20T20:00:00Z', 'regie')", -1, &st, NULL) != SQLITE_OK)
        goto out;
    for (long i = 0; i < n; i++) {
        char ref[32];
        double start = now_ms();
        snprintf(ref, sizeof ref, "b%ld", i + 2);
        sqlite3_bind_int64(st, 1, i + 2);
        sqlite3_bind_text(st, 2, ref, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, tekst, -1, SQLITE_STATIC);
        if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE ||
            sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            goto out;
        sqlite3_reset(st);
        ms[i] = now_ms() - start;
    }
    rc = 0;
out:
    if (rc != 0)
        fprintf(stderr, "latentie: %s: %s\n", path, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}

int main(int argc, char **argv)
{
    wp_error err = WP_ERROR_INIT;
    long n, per;
    double *ms;

    if (argc != 5 || (n = atol(argv[3])) <= 0 || (per = atol(argv[4])) <= 0) {
        fputs("gebruik: latentie MAP BRONMAP FEITEN PER_SESSIE\n", stderr);
        return 2;
    }
    if ((ms = calloc((size_t)n, sizeof *ms)) == NULL)
        return 3;
    if (live(argv[1], argv[2], n, per, ms, &err) != 0) {
        fprintf(stderr, "latentie: %s\n", wp_error_first(&err));
        wp_error_clear(&err);
        free(ms);
        return 1;
    }
    report("live", ms, n);
    if (floor_inserts(argv[1], n, ms) != 0) {
        free(ms);
        return 1;
    }
    report("live-vloer", ms, n);
    free(ms);
    return 0;
}
