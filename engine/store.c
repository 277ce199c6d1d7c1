/*
 * store.c: opening, configuring and migrating the SQLite database, and the
 * small helpers every module uses to run SQL with Dutch messages.
 */
#include "werkplaats/store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * The schema, one forward migration per version. Never edit a migration that
 * has shipped: add a new one. Version N is the state after migrations[0..N-1].
 *
 * Facts are stored, results are derived from them: a feit row is one thing
 * that happened in a werkvorm session (a step transition, a contribution, a
 * vote, a placement, a decision, an edit or removal of one of those, a pause).
 * JSON columns (resultaat, data, nodig, levert) are written by the engine
 * only; they carry no json_valid() CHECK because the database is opened with
 * SQLITE_DBCONFIG_TRUSTED_SCHEMA off, which forbids such functions in the schema.
 */
/* After every insert, update and delete on table: the change counter of
 * migration 5 goes up by one. */
#define CHANGE_TRIGGER(table, op)                                                                               \
    "CREATE TRIGGER " table "_" op " AFTER " op " ON " table " BEGIN UPDATE wijziging SET teller = teller + 1; END;"
#define CHANGE_TRIGGERS(table) CHANGE_TRIGGER(table, "INSERT") CHANGE_TRIGGER(table, "UPDATE") CHANGE_TRIGGER(table, "DELETE")

static const char *const migrations[] = {
    /* 1: the traject, its sprints, sessions and facts */
    "CREATE TABLE traject ("
    "  id            INTEGER PRIMARY KEY,"
    "  casus_id      TEXT NOT NULL,"
    "  casus_bestand TEXT NOT NULL,"
    "  casus_yaml    TEXT NOT NULL,"
    "  zaad          INTEGER NOT NULL,"
    "  aangemaakt    TEXT NOT NULL"
    ");"
    "CREATE TABLE sprint ("
    "  nr        INTEGER PRIMARY KEY,"
    "  naam      TEXT NOT NULL,"
    "  status    TEXT NOT NULL DEFAULT 'gepland' CHECK (status IN ('gepland','lopend','gesloten')),"
    "  gestart   TEXT,"
    "  gesloten  TEXT,"
    "  resultaat TEXT"
    ");"
    "CREATE TABLE deelnemer ("
    "  id         TEXT PRIMARY KEY,"
    "  naam       TEXT,"
    "  groep      TEXT NOT NULL,"
    "  betrokkene TEXT,"
    "  pseudoniem TEXT NOT NULL UNIQUE"
    ");"
    "CREATE TABLE sessie ("
    "  id        INTEGER PRIMARY KEY,"
    "  sprint    INTEGER NOT NULL REFERENCES sprint(nr),"
    "  label     TEXT NOT NULL,"
    "  werkvorm  TEXT NOT NULL,"
    "  versie    TEXT NOT NULL,"
    "  nodig     TEXT NOT NULL DEFAULT '[]',"
    "  levert    TEXT NOT NULL DEFAULT '[]',"
    "  status    TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','gesloten')),"
    "  zaad      INTEGER NOT NULL,"
    "  datum     TEXT,"
    "  geopend   TEXT NOT NULL,"
    "  gesloten  TEXT,"
    "  resultaat TEXT,"
    "  UNIQUE (sprint, label)"
    ");"
    "CREATE TABLE aanwezig ("
    "  sessie    INTEGER NOT NULL REFERENCES sessie(id),"
    "  deelnemer TEXT NOT NULL REFERENCES deelnemer(id),"
    "  PRIMARY KEY (sessie, deelnemer)"
    ");"
    "CREATE TABLE feit ("
    "  id         INTEGER PRIMARY KEY,"
    "  sessie     INTEGER NOT NULL REFERENCES sessie(id),"
    "  volgnr     INTEGER NOT NULL,"
    "  soort      TEXT NOT NULL CHECK (soort IN ('stap','bijdrage','stem','plaatsing','besluit',"
    "                                            'wijziging','verwijdering','pauze','hervatting')),"
    "  stap       TEXT NOT NULL,"
    "  deelnemer  TEXT REFERENCES deelnemer(id),"
    "  ref        TEXT,"
    "  tekst      TEXT,"
    "  veld       TEXT,"
    "  omgevingen TEXT,"
    "  waarde     REAL,"
    "  data       TEXT,"
    "  doel       INTEGER REFERENCES feit(id),"
    "  tijd       TEXT NOT NULL,"
    "  bron       TEXT,"
    "  UNIQUE (sessie, volgnr)"
    ");"
    "CREATE INDEX feit_per_stap ON feit(sessie, stap, soort, deelnemer);"
    "CREATE INDEX feit_ref ON feit(sessie, ref) WHERE ref IS NOT NULL;"
    "CREATE INDEX feit_doel ON feit(doel) WHERE doel IS NOT NULL;"
    "CREATE TABLE goedkeuring ("
    "  document   TEXT NOT NULL,"
    "  betrokkene TEXT NOT NULL,"
    "  datum      TEXT NOT NULL,"
    "  bron       TEXT,"
    "  PRIMARY KEY (document, betrokkene)"
    ");",
    /* 2: the registers of the sleutelfactoren. Each row says where it came
     * from (herkomst: begeleider, werkvorm or draaiboek); bron is unique so
     * that replaying a draaiboek (bron "file:line:col") or closing a session
     * (bron "sessie N ...") never stores the same thing twice. */
    "CREATE TABLE afspraak ("
    "  id         INTEGER PRIMARY KEY,"
    "  ref        TEXT UNIQUE,"
    "  wie        TEXT NOT NULL,"
    "  wat        TEXT NOT NULL,"
    "  gremium    TEXT,"
    "  deadline   TEXT,"
    "  interventie TEXT,"
    "  status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','klaar')),"
    "  sprint     INTEGER REFERENCES sprint(nr),"
    "  sessie     INTEGER REFERENCES sessie(id),"
    "  herkomst   TEXT NOT NULL CHECK (herkomst IN ('begeleider','werkvorm','draaiboek')),"
    "  bron       TEXT UNIQUE,"
    "  aangemaakt TEXT NOT NULL,"
    "  afgerond   TEXT"
    ");"
    "CREATE TABLE houding ("
    "  id         INTEGER PRIMARY KEY,"
    "  betrokkene TEXT NOT NULL,"
    "  fase       INTEGER NOT NULL CHECK (fase >= 1),"
    "  houding    TEXT,"
    "  glijbaan   TEXT,"
    "  sessie     INTEGER REFERENCES sessie(id),"
    "  herkomst   TEXT NOT NULL CHECK (herkomst IN ('begeleider','werkvorm','draaiboek')),"
    "  bron       TEXT UNIQUE,"
    "  tijd       TEXT NOT NULL,"
    "  CHECK (houding IS NOT NULL OR glijbaan IS NOT NULL)"
    ");"
    "CREATE INDEX houding_per_betrokkene ON houding(betrokkene, fase, id);"
    "CREATE TABLE reflectie ("
    "  sprint INTEGER NOT NULL REFERENCES sprint(nr),"
    "  factor TEXT NOT NULL,"
    "  tekst  TEXT NOT NULL,"
    "  bron   TEXT,"
    "  tijd   TEXT NOT NULL,"
    "  PRIMARY KEY (sprint, factor)"
    ");"
    "CREATE TABLE planning ("
    "  id         INTEGER PRIMARY KEY,"
    "  sprint     INTEGER NOT NULL REFERENCES sprint(nr),"
    "  werkvorm   TEXT NOT NULL,"
    "  label      TEXT NOT NULL,"
    "  aantal     INTEGER CHECK (aantal IS NULL OR aantal >= 0),"
    "  groepen    TEXT NOT NULL DEFAULT '[]',"
    "  datum      TEXT,"
    "  aangemaakt TEXT NOT NULL,"
    "  UNIQUE (sprint, label)"
    ");",
    /* 3: privacy (AVG). The traject's own retention date (none: the casus's
     * bewaren_tot); when a deelnemer was forgotten ('werkplaats vergeet');
     * and a log of privacy actions that names no one (a pseudonym at most).
     * New tables, so that rows written before keep their shape. */
    "CREATE TABLE bewaartermijn ("
    "  traject     INTEGER PRIMARY KEY REFERENCES traject(id),"
    "  bewaren_tot TEXT NOT NULL"
    ");"
    "CREATE TABLE vergeten ("
    "  deelnemer TEXT PRIMARY KEY REFERENCES deelnemer(id),"
    "  datum     TEXT NOT NULL"
    ");"
    "CREATE TABLE privacylog ("
    "  id    INTEGER PRIMARY KEY,"
    "  tijd  TEXT NOT NULL,"
    "  actie TEXT NOT NULL CHECK (actie IN ('vergeet','bewaartermijn')),"
    "  wat   TEXT NOT NULL"
    ");",
    /* 4: the closed sessions of a sprint in the order they closed, which is
     * how their results merge (traject.c reads them incrementally). */
    "CREATE INDEX sessie_gesloten ON sessie(sprint, status, gesloten, id);",
    /* 5: what `status` reads, kept so that it need not read the whole
     * traject. A change counter that every change to the traject's tables
     * raises (by trigger, so no writer can forget it; a table added later
     * gets the same three triggers, and test_store checks that every table
     * has them), and the stored sleutelfactoren checks with the counter they
     * were computed at (sleutelfactoren_stand.c): a stored check counts only
     * while the counter stands still. */
    "CREATE TABLE wijziging ("
    "  id     INTEGER PRIMARY KEY CHECK (id = 1),"
    "  teller INTEGER NOT NULL"
    ");"
    "INSERT INTO wijziging VALUES (1, 0);"
    /* kern before model: SQLite reads a row's columns in order, and a model
     * can run to megabytes. */
    "CREATE TABLE sleutelfactoren_stand ("
    "  tot     INTEGER NOT NULL,"   /* --sprint N, or 0 */
    "  kaarten TEXT NOT NULL,"      /* a fingerprint of the werkvorm files and methode it read */
    "  vandaag TEXT NOT NULL,"      /* the date its deadlines were checked against */
    "  teller  INTEGER NOT NULL,"   /* wijziging.teller when it was computed */
    "  kern    TEXT NOT NULL,"      /* what `status` shows of it (sleutelfactoren_kern) */
    "  model   TEXT NOT NULL,"      /* the whole check */
    "  PRIMARY KEY (tot, kaarten)"
    ");"
    /* The keys of a closed sprint's result, kept apart from it: `status`
     * lists them, and the result holds everything the sprint delivered.
     * traject.c keeps them when a sprint closes: a trigger may not call
     * JSON functions while the schema is not trusted. */
    "CREATE TABLE sprint_sleutels ("
    "  nr       INTEGER PRIMARY KEY REFERENCES sprint(nr),"
    "  sleutels TEXT NOT NULL"
    ");"
    "INSERT INTO sprint_sleutels SELECT nr, (SELECT json_group_array(key) FROM json_each(resultaat)) FROM sprint "
    " WHERE status = 'gesloten' AND json_valid(resultaat) AND json_type(resultaat) = 'object';"
    CHANGE_TRIGGERS("traject") CHANGE_TRIGGERS("sprint") CHANGE_TRIGGERS("sprint_sleutels") CHANGE_TRIGGERS("deelnemer") CHANGE_TRIGGERS("sessie")
    CHANGE_TRIGGERS("aanwezig") CHANGE_TRIGGERS("feit") CHANGE_TRIGGERS("goedkeuring") CHANGE_TRIGGERS("afspraak")
    CHANGE_TRIGGERS("houding") CHANGE_TRIGGERS("reflectie") CHANGE_TRIGGERS("planning")
    CHANGE_TRIGGERS("bewaartermijn") CHANGE_TRIGGERS("vergeten") CHANGE_TRIGGERS("privacylog"),

    /* 6: feit's CHECK on soort as comparisons instead of IN (...). SQLite
     * evaluates a constant IN list of more than two values through a
     * temporary index it builds anew for every row inserted: 12% of the
     * instructions of a replay. A CHECK cannot be altered, so the table is
     * rebuilt (the documented way: rename, create, copy, drop); renaming
     * first makes the old table's reference to itself follow it, so
     * dropping it does not touch the new one. Same columns, ids and rows. */
    "ALTER TABLE feit RENAME TO feit_oud;"
    "CREATE TABLE feit ("
    "  id         INTEGER PRIMARY KEY,"
    "  sessie     INTEGER NOT NULL REFERENCES sessie(id),"
    "  volgnr     INTEGER NOT NULL,"
    "  soort      TEXT NOT NULL CHECK (soort = 'stap' OR soort = 'bijdrage' OR soort = 'stem' OR "
    "                                  soort = 'plaatsing' OR soort = 'besluit' OR soort = 'wijziging' OR "
    "                                  soort = 'verwijdering' OR soort = 'pauze' OR soort = 'hervatting'),"
    "  stap       TEXT NOT NULL,"
    "  deelnemer  TEXT REFERENCES deelnemer(id),"
    "  ref        TEXT,"
    "  tekst      TEXT,"
    "  veld       TEXT,"
    "  omgevingen TEXT,"
    "  waarde     REAL,"
    "  data       TEXT,"
    "  doel       INTEGER REFERENCES feit(id),"
    "  tijd       TEXT NOT NULL,"
    "  bron       TEXT,"
    "  UNIQUE (sessie, volgnr)"
    ");"
    "INSERT INTO feit (id, sessie, volgnr, soort, stap, deelnemer, ref, tekst, veld, omgevingen, waarde, data, doel, "
    "                  tijd, bron) "
    "SELECT id, sessie, volgnr, soort, stap, deelnemer, ref, tekst, veld, omgevingen, waarde, data, doel, tijd, bron "
    "FROM feit_oud ORDER BY id;"
    "DROP TABLE feit_oud;"
    "CREATE INDEX feit_per_stap ON feit(sessie, stap, soort, deelnemer);"
    "CREATE INDEX feit_ref ON feit(sessie, ref) WHERE ref IS NOT NULL;"
    "CREATE INDEX feit_doel ON feit(doel) WHERE doel IS NOT NULL;"
    CHANGE_TRIGGERS("feit"),

    /* 7: inserting a fact no longer raises the change counter. That trigger
     * ran a sub-program for every fact: 2.5% of a replay's instructions
     * (8.9k per row in the sqlite3 shell). Facts are only appended, with the
     * id SQLite gives them, so the highest fact id rises with every insert;
     * the stored sleutelfactoren check keeps it beside the counter
     * (sleutelfactoren_stand.c). An update or delete of a fact still raises
     * the counter by trigger. */
    ("DROP TRIGGER feit_INSERT;"
     "ALTER TABLE sleutelfactoren_stand ADD COLUMN laatste_feit INTEGER NOT NULL DEFAULT -1;"),
};

#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))
#define STMT_CACHE 64
#define STORE_BUSY_MS 5000   /* how long a write waits for another process's transaction */

/* Pages in the WAL before it is copied into the database: SQLite's default
 * (SQLITE_DEFAULT_WAL_AUTOCHECKPOINT), and in a batch ten times that (at
 * most some 40 MB of WAL with 4 KiB pages). */
#define STORE_CHECKPOINT 1000
#define STORE_BATCH_CHECKPOINT 10000

struct cached_stmt {
    const char *sql;
    sqlite3_stmt *st;
};

struct store {
    sqlite3 *db;
    char *path;
    int lock_fd;         /* holds the advisory lock (flock) on the file, or -1 */
    struct cached_stmt cache[STMT_CACHE];
    int n_cache;
    int batch;            /* 0, or how many transactions one commit may hold */
    int in_tx;            /* 0, or a store_begin* without its commit or rollback yet: */
#define TX_OWN 1              /*   a transaction, or in a batch a savepoint */
#define TX_ONE_STATEMENT 2    /*   in a batch, one statement without a savepoint */
    int pending;          /* transactions in the open batch */
    unsigned long epoch;  /* see store_write_epoch */
    unsigned long rollbacks;
};

int store_schema_latest(void)
{
    return N_MIGRATIONS;
}

const char *store_path(const struct store *s)
{
    return s->path;
}

sqlite3 *store_db(struct store *s)
{
    return s->db;
}

/* The OS error behind an I/O failure. SQLite keeps it only for some
 * failures (a failed commit leaves sqlite3_system_errno at 0), so errno,
 * read before anything else runs, stands in: the last system call that
 * failed was the one SQLite reports. */
static int os_error(sqlite3 *db, int saved_errno)
{
    int e = sqlite3_system_errno(db);

    return e != 0 ? e : saved_errno;
}

/* A full disk or a file at its size limit (ulimit -f): SQLite reports a
 * failed write as SQLITE_FULL only when it was short, as SQLITE_IOERR when it
 * failed outright. */
static int disk_full(int primary, int e)
{
    return (primary == SQLITE_IOERR || primary == SQLITE_FULL) && (e == ENOSPC || e == EFBIG || e == EDQUOT);
}

/* Translates the causes a facilitator can do something about. */
static const char *hint_for(int code, int full)
{
    if (full)
        return " (de schijf is vol of het bestand mag niet groter worden; maak ruimte vrij en probeer het opnieuw: "
               "wat niet is opgeslagen, staat er ook niet half in)";
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return " (een ander proces, zoals een tweede werkplaats of sqlite3, houdt de database bezet; probeer het "
               "opnieuw als dat klaar is)";
    case SQLITE_READONLY:
        return " (de database is alleen-lezen; controleer de rechten van het bestand en de map)";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return " (het bestand is beschadigd of geen werkplaats-database; zet een reservekopie terug of kies een "
               "ander bestand met --db)";
    case SQLITE_CANTOPEN:
        return " (kan het bestand niet openen; bestaat de map en mag je erin schrijven?)";
    case SQLITE_IOERR:
        return " (lees- of schrijffout van de schijf)";
    default:
        return "";
    }
}

int store_fail(struct store *s, const char *what, wp_error *err)
{
    int e = os_error(s->db, errno);
    int code = sqlite3_extended_errcode(s->db);
    int primary = code & 0xff;
    int full = disk_full(primary, e);
    int user = full || primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_READONLY ||
               primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_CANTOPEN;
    /* An I/O error also says why the system call failed; SQLite's text alone does not. */
    int say_os = primary == SQLITE_IOERR && e != 0;

    return wp_error_add(err, user ? WP_EUSER : WP_EINTERNAL, NULL, "database %s: %s: %s%s%s%s", s->path, what,
                        sqlite3_errmsg(s->db), say_os ? ": " : "", say_os ? strerror(e) : "", hint_for(code, full));
}

int store_exec(struct store *s, const char *sql, wp_error *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(s, "opdracht mislukt", err);
    return 0;
}

sqlite3_stmt *store_stmt(struct store *s, const char *sql, wp_error *err)
{
    sqlite3_stmt *st = NULL;

    for (int i = 0; i < s->n_cache; i++) {
        if (s->cache[i].sql == sql) {
            sqlite3_reset(s->cache[i].st);
            sqlite3_clear_bindings(s->cache[i].st);
            return s->cache[i].st;
        }
    }
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        store_fail(s, "opdracht voorbereiden", err);
        return NULL;
    }
    if (s->n_cache < STMT_CACHE) {
        s->cache[s->n_cache].sql = sql;
        s->cache[s->n_cache].st = st;
        s->n_cache++;
    } else {
        /* Full cache: evict the oldest; callers never hold two of them that long. */
        sqlite3_finalize(s->cache[0].st);
        memmove(&s->cache[0], &s->cache[1], (STMT_CACHE - 1) * sizeof s->cache[0]);
        s->cache[STMT_CACHE - 1].sql = sql;
        s->cache[STMT_CACHE - 1].st = st;
    }
    return st;
}

int store_rows_done(struct store *s, sqlite3_stmt *st, int rc, const char *what, wp_error *err)
{
    int failed = rc != SQLITE_DONE ? store_fail(s, what, err) : 0;

    sqlite3_reset(st);
    return failed;
}

int store_step_done(struct store *s, sqlite3_stmt *st, const char *what, wp_error *err)
{
    int rc = sqlite3_step(st);

    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        store_fail(s, what, err);
        sqlite3_reset(st);
        return -1;
    }
    sqlite3_reset(st);
    return 0;
}

int store_bind_text(sqlite3_stmt *st, int idx, const char *text)
{
    if (text == NULL)
        return sqlite3_bind_null(st, idx);
    return sqlite3_bind_text(st, idx, text, -1, SQLITE_TRANSIENT);
}

int store_bind_text_static(sqlite3_stmt *st, int idx, const char *text)
{
    if (text == NULL)
        return sqlite3_bind_null(st, idx);
    return sqlite3_bind_text(st, idx, text, -1, SQLITE_STATIC);
}

const char *store_column_text(sqlite3_stmt *st, int idx)
{
    return (const char *)sqlite3_column_text(st, idx);
}

long long store_query_int(struct store *s, const char *sql, long long fallback, wp_error *err)
{
    sqlite3_stmt *st = store_stmt(s, sql, err);
    long long v = fallback;
    int rc;

    if (st == NULL)
        return fallback;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    else if (rc != SQLITE_DONE)
        store_fail(s, "opvragen", err);
    sqlite3_reset(st);
    return v;
}

const char *store_query_text(struct store *s, const char *sql, const char *param, char *buf, size_t size,
                             wp_error *err)
{
    sqlite3_stmt *st = store_stmt(s, sql, err);
    const char *found = NULL;

    if (st == NULL)
        return NULL;
    if (param != NULL)
        store_bind_text(st, 1, param);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        snprintf(buf, size, "%s", store_column_text(st, 0));
        found = buf;
    }
    sqlite3_reset(st);
    return found;
}

/* Runs one cached statement that returns no rows. */
static int store_run(struct store *s, const char *sql, const char *what, wp_error *err)
{
    sqlite3_stmt *st = store_stmt(s, sql, err);

    return st == NULL ? -1 : store_step_done(s, st, what, err);
}

/* BEGIN IMMEDIATE of an outer transaction: from here on, others may have written. */
static int begin_outer(struct store *s, wp_error *err)
{
    s->epoch++;
    return store_run(s, "BEGIN IMMEDIATE", "transactie beginnen", err);
}

int store_begin(struct store *s, wp_error *err)
{
    if (s->batch > 0) {
        /* The outer transaction opens lazily, so an idle batch holds no lock. */
        if (sqlite3_get_autocommit(s->db) && begin_outer(s, err) != 0)
            return -1;
        if (store_run(s, "SAVEPOINT feit", "transactie beginnen", err) != 0)
            return -1;
    } else if (begin_outer(s, err) != 0) {
        return -1;
    }
    s->in_tx = TX_OWN;
    return 0;
}

int store_begin_one(struct store *s, wp_error *err)
{
    if (s->batch == 0)
        return store_begin(s, err);
    if (sqlite3_get_autocommit(s->db) && begin_outer(s, err) != 0)
        return -1;
    s->in_tx = TX_ONE_STATEMENT;
    return 0;
}

int store_begin_if_free(struct store *s)
{
    int rc;

    if (s->batch > 0 || s->in_tx)
        return -1;
    sqlite3_busy_timeout(s->db, 0);
    s->epoch++;
    rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
    if (rc != SQLITE_OK)
        return -1;
    s->in_tx = TX_OWN;
    return 0;
}

/* Commits the outer transaction of a batch, when one is open. */
static int batch_flush(struct store *s, wp_error *err)
{
    s->pending = 0;
    if (sqlite3_get_autocommit(s->db))
        return 0;
    if (store_run(s, "COMMIT", "opslaan", err) != 0) {
        s->epoch++;
        s->rollbacks++;
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

int store_commit(struct store *s, wp_error *err)
{
    if (s->batch > 0 && s->in_tx) {
        if (s->in_tx == TX_OWN && store_run(s, "RELEASE feit", "opslaan", err) != 0) {
            store_rollback(s);
            return -1;
        }
        s->in_tx = 0;
        return ++s->pending >= s->batch ? batch_flush(s, err) : 0;
    }
    s->in_tx = 0;
    if (store_run(s, "COMMIT", "opslaan", err) != 0) {
        store_rollback(s);
        return -1;
    }
    return 0;
}

void store_rollback(struct store *s)
{
    s->epoch++;
    if (s->batch > 0) {
        /* Only the transaction that failed; the batch around it stands. A
         * statement that failed undid itself, unless SQLite gave up the
         * whole transaction (a full disk, an I/O error). */
        if (s->in_tx == TX_OWN) {
            s->rollbacks++;
            sqlite3_exec(s->db, "ROLLBACK TO feit", NULL, NULL, NULL);
            sqlite3_exec(s->db, "RELEASE feit", NULL, NULL, NULL);
        } else if (s->in_tx == TX_ONE_STATEMENT && sqlite3_get_autocommit(s->db)) {
            s->rollbacks++;
        }
    } else if (!sqlite3_get_autocommit(s->db)) {
        s->rollbacks++;
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    s->in_tx = 0;
}

void store_batch_begin(struct store *s, int size)
{
    s->batch = size > 0 ? size : 1;
    s->pending = 0;
    /* A replay checkpoints less often: a page that several batches change
     * is copied into the database once instead of once per batch, and
     * each checkpoint waits for the disk. The WAL stays bounded. */
    sqlite3_wal_autocheckpoint(s->db, STORE_BATCH_CHECKPOINT);
    /* Each transaction of a batch is a savepoint, whose pages SQLite keeps
     * in a statement journal for a rollback. Once one outgrows 64 KiB (a
     * closing session's result does) that journal becomes a temporary file
     * for good, and every later fact writes its pages there: 60% of a
     * replay's writes. In memory it holds one transaction's pages. */
    sqlite3_exec(s->db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
}

int store_batch_end(struct store *s, wp_error *err)
{
    int rc;

    store_rollback(s);          /* a transaction left half-done is not committed */
    rc = batch_flush(s, err);
    s->batch = 0;
    sqlite3_wal_autocheckpoint(s->db, STORE_CHECKPOINT);
    sqlite3_exec(s->db, "PRAGMA temp_store = DEFAULT", NULL, NULL, NULL);
    return rc;
}

unsigned long store_write_epoch(const struct store *s)
{
    return s->epoch;
}

unsigned long store_rollback_count(const struct store *s)
{
    return s->rollbacks;
}

int store_schema_version(struct store *s)
{
    wp_error ignore = WP_ERROR_INIT;
    int v = (int)store_query_int(s, "PRAGMA user_version", -1, &ignore);

    wp_error_clear(&ignore);
    return v;
}

int store_set_durable(struct store *s, int durable, wp_error *err)
{
    return store_exec(s, durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL", err);
}

/* Runs each pending migration up to version target in its own IMMEDIATE
 * transaction, so two processes opening an old database at once migrate it
 * once. A database already at the version is only read, so that reading
 * commands work on a read-only file or while another process writes. */
static int migrate(struct store *s, int target, wp_error *err)
{
    if (store_schema_version(s) == target && target <= N_MIGRATIONS)
        return 0;
    for (;;) {
        int version;
        char pragma[64];

        if (store_exec(s, "BEGIN IMMEDIATE", err) != 0)
            return -1;
        version = store_schema_version(s);
        if (version < 0) {
            store_rollback(s);
            return store_fail(s, "schemaversie lezen", err);
        }
        if (version > N_MIGRATIONS) {
            store_rollback(s);
            return wp_error_add(err, WP_EUSER, NULL,
                                "database %s komt van een nieuwere versie van werkplaats (schema %d, deze "
                                "versie kent tot en met %d); werk werkplaats bij", s->path, version, N_MIGRATIONS);
        }
        if (version >= target) {
            store_rollback(s);
            return 0;
        }
        snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", version + 1);
        if (store_exec(s, migrations[version], err) != 0 || store_exec(s, pragma, err) != 0 ||
            store_exec(s, "COMMIT", err) != 0) {
            store_rollback(s);
            return wp_error_add(err, WP_EINTERNAL, NULL, "database %s: migratie naar schema %d mislukt",
                                s->path, version + 1);
        }
    }
}

/* Why a file could not be created, in the facilitator's words. */
static const char *create_problem(int e)
{
    switch (e) {
    case ENOENT: return "de map bestaat niet";
    case EACCES: case EPERM: return "geen schrijfrechten in de map";
    case EROFS: return "de schijf is alleen-lezen";
    case ENOSPC: return "de schijf is vol";
    default: return strerror(e);
    }
}

/* Creates the file with owner-only permissions before SQLite opens it, so the
 * participants' words are never readable by others, not even for a moment. */
static int create_private(const char *path, wp_error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

    if (fd < 0) {
        if (errno == EEXIST)
            return 0;
        return wp_error_add(err, WP_EUSER, NULL, "database %s: kan niet aanmaken: %s", path,
                            create_problem(errno));
    }
    close(fd);
    return 0;
}

/* Another program's SQLite database (schema version 0, yet tables in it) is
 * not ours to change: refuse it before WAL mode or a migration touches it. */
static int refuse_foreign(struct store *s, wp_error *err)
{
    long long tables;

    if (store_schema_version(s) != 0)
        return 0;
    tables = store_query_int(s, "SELECT count(*) FROM sqlite_master", -1, err);
    if (tables < 0)
        return -1;
    if (tables > 0)
        return wp_error_add(err, WP_EUSER, NULL,
                            "database %s is geen werkplaats-database: er staan al andere tabellen in; "
                            "kies een ander bestand met --db", s->path);
    return 0;
}

static int configure(struct store *s, wp_error *err)
{
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
    /* WAL is a property of the file, kept once set; tests/unit/test_store.c checks it takes. */
    if (store_exec(s, "PRAGMA foreign_keys=ON", err) != 0 || refuse_foreign(s, err) != 0 ||
        store_exec(s, "PRAGMA journal_mode=WAL", err) != 0 ||
        store_exec(s, "PRAGMA synchronous=FULL", err) != 0)
        return -1;
    return 0;
}

/* Process-wide settings, made before SQLite initialises (sqlite3_config
 * refuses them afterwards, which is harmless: they only save time). No
 * memory statistics: werkplaats never asks for them, and keeping them
 * takes a global mutex at every allocation SQLite makes, a few percent of
 * a draaiboek replay. */
static void configure_library(void)
{
    static int done;

    if (!done) {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        done = 1;
    }
}

/* Every werkplaats process that opens a database holds an advisory lock
 * (flock) on it: shared, or exclusive for STORE_ALONE. flock locks are apart
 * from SQLite's own fcntl locks, and the descriptor stays open until after
 * sqlite3_close, so closing it never drops a lock SQLite holds. A file
 * system without flock simply goes without. */
static int lock_file(struct store *s, int alone, wp_error *err)
{
    s->lock_fd = open(s->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (s->lock_fd < 0 || flock(s->lock_fd, (alone ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0 || errno != EWOULDBLOCK)
        return 0;
    if (alone)
        return wp_error_add(err, WP_EUSER, NULL,
                            "database %s wordt al gebruikt door een ander werkplaats-proces; wacht tot dat klaar is "
                            "en draai de draaiboek dan opnieuw (hij gaat verder waar de database stopte)", s->path);
    return wp_error_add(err, WP_EUSER, NULL,
                        "database %s wordt al gebruikt door een ander werkplaats-proces dat een draaiboek draait "
                        "(werkplaats run); wacht tot dat klaar is en probeer het dan opnieuw", s->path);
}

static struct store *open_at(const char *path, enum store_mode mode, int target, wp_error *err)
{
    struct store *s;
    struct stat st;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    int memory = strcmp(path, ":memory:") == 0;  /* a rehearsal that leaves nothing behind */

    if (memory) {
        flags |= SQLITE_OPEN_MEMORY;
    } else if (mode == STORE_EXISTING && stat(path, &st) != 0) {
        wp_error_add(err, WP_EUSER, NULL,
                     "database %s bestaat niet; begin een traject met 'werkplaats start CASUS.yaml' "
                     "of kies een database met --db", path);
        return NULL;
    }
    if (!memory && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        wp_error_add(err, WP_EUSER, NULL, "database %s is een map, geen bestand", path);
        return NULL;
    }
    if (!memory && mode != STORE_EXISTING && create_private(path, err) != 0)
        return NULL;
    s = calloc(1, sizeof *s);
    if (s == NULL || (s->path = strdup(path)) == NULL) {
        free(s);
        wp_error_add(err, WP_EINTERNAL, NULL, "onvoldoende geheugen");
        return NULL;
    }
    s->lock_fd = -1;
    s->epoch = 1;
    if (!memory && lock_file(s, mode == STORE_ALONE, err) != 0) {
        store_close(s);
        return NULL;
    }
    configure_library();
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        store_fail(s, "openen", err);
        store_close(s);
        return NULL;
    }
    if (configure(s, err) != 0 || migrate(s, target, err) != 0) {
        store_close(s);
        return NULL;
    }
    return s;
}

struct store *store_open(const char *path, enum store_mode mode, wp_error *err)
{
    return open_at(path, mode, N_MIGRATIONS, err);
}

struct store *store_open_at_version(const char *path, int version, wp_error *err)
{
    return open_at(path, STORE_CREATE, version, err);
}

void store_close(struct store *s)
{
    if (s == NULL)
        return;
    for (int i = 0; i < s->n_cache; i++)
        sqlite3_finalize(s->cache[i].st);
    sqlite3_close(s->db);
    if (s->lock_fd >= 0)
        close(s->lock_fd);
    free(s->path);
    free(s);
}
