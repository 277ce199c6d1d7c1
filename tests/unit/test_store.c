/*
 * test_store.c: the SQLite store. A new database is private (0600), in WAL
 * mode with foreign keys on; older schemas migrate forward, newer ones and
 * files that are not werkplaats databases are refused with a clear message;
 * facts survive closing and reopening, and a failed transaction leaves
 * nothing behind. A busy database, a full disk and a second process next to
 * `werkplaats run` each give a message that says what to do.
 */
#include "wp_test.h"

#include <signal.h>
#include <sys/resource.h>

#include "werkplaats/store.h"

struct fixture {
    char *dir;
    char path[4096];
    wp_error err;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);

    if (f == NULL)
        return -1;
    f->dir = wp_tmpdir();
    wp_join(f->path, sizeof f->path, f->dir, "werkplaats.db");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    wp_error_clear(&f->err);
    wp_rmtree(f->dir);
    free(f);
    return 0;
}

static struct store *open_new(struct fixture *f)
{
    struct store *s = store_open(f->path, STORE_CREATE, &f->err);

    if (s == NULL)
        wp_print_messages(&f->err);
    assert_non_null(s);
    return s;
}

/* The one row of a query as text, into buf ("" when no row). */
static const char *query_text(sqlite3 *db, const char *sql, char *buf, size_t size)
{
    sqlite3_stmt *st;

    buf[0] = '\0';
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
        snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

static long long query_int(struct store *s, const char *sql)
{
    wp_error err = WP_ERROR_INIT;
    long long v = store_query_int(s, sql, -1, &err);

    assert_no_error(&err);
    return v;
}

/* The schema as SQLite keeps it, one line per object, sorted. */
static char *schema_of(const char *path)
{
    sqlite3 *db;
    char *text;

    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    text = malloc(65536);
    assert_non_null(text);
    query_text(db, "SELECT group_concat(sql, char(10)) FROM "
                   "(SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name)",
               text, 65536);
    sqlite3_close(db);
    return text;
}

static int mode_of(const char *path)
{
    struct stat st;

    assert_int_equal(stat(path, &st), 0);
    return (int)(st.st_mode & 07777);
}

/* --- opening ---------------------------------------------------------------- */

static void test_new_database_is_private_wal_with_foreign_keys(void **state)
{
    struct fixture *f = *state;
    mode_t old = umask(0);  /* 0600 must not depend on the caller's umask */
    struct store *s = open_new(f);
    char buf[64], wal[4200];

    umask(old);
    assert_int_equal(mode_of(f->path), 0600);
    assert_string_equal(query_text(store_db(s), "PRAGMA journal_mode", buf, sizeof buf), "wal");
    assert_int_equal(query_int(s, "PRAGMA foreign_keys"), 1);
    assert_int_equal(query_int(s, "PRAGMA busy_timeout"), 5000);
    assert_int_equal(query_int(s, "PRAGMA trusted_schema"), 0);
    assert_int_equal(query_int(s, "PRAGMA synchronous"), 2);   /* FULL: durable by default */
    assert_int_equal(store_set_durable(s, 0, &f->err), 0);
    assert_int_equal(query_int(s, "PRAGMA synchronous"), 1);   /* NORMAL */
    assert_int_equal(store_schema_version(s), store_schema_latest());
    assert_true(store_schema_latest() >= 1);
    assert_string_equal(store_path(s), f->path);

    /* The write-ahead log holds the same words, so it is private too. */
    assert_int_equal(store_exec(s, "INSERT INTO sprint (nr, naam) VALUES (1, 'Zien en voelen')", &f->err), 0);
    assert_int_equal(mode_of(wp_join(wal, sizeof wal, f->dir, "werkplaats.db-wal")), 0600);

    /* Foreign keys are enforced: a session of a sprint that does not exist. */
    assert_int_equal(store_exec(s, "INSERT INTO sessie (sprint, label, werkvorm, versie, zaad, geopend) "
                                   "VALUES (9, 'a', 'w', '1', 1, 'nu')", &f->err), -1);
    snprintf(wal, sizeof wal, "database %s: opdracht mislukt: FOREIGN KEY constraint failed", f->path);
    assert_messages(&f->err, wal);
    store_close(s);
}

static void test_existing_mode_needs_the_file(void **state)
{
    struct fixture *f = *state;
    char expected[4400];

    assert_null(store_open(f->path, STORE_EXISTING, &f->err));
    snprintf(expected, sizeof expected, "database %s bestaat niet; begin een traject met 'werkplaats start "
             "CASUS.yaml' of kies een database met --db", f->path);
    assert_messages(&f->err, expected);
    assert_int_equal(f->err.code, WP_EUSER);
    assert_int_equal(access(f->path, F_OK), -1);   /* and did not create it */
}

static void test_directory_is_refused(void **state)
{
    struct fixture *f = *state;
    char expected[4400];

    for (int mode = STORE_EXISTING; mode <= STORE_ALONE; mode++) {
        assert_null(store_open(f->dir, (enum store_mode)mode, &f->err));
        snprintf(expected, sizeof expected, "database %s is een map, geen bestand", f->dir);
        assert_messages(&f->err, expected);
        wp_error_clear(&f->err);
    }
}

static void test_file_that_is_not_a_database(void **state)
{
    struct fixture *f = *state;
    char expected[4400];
    static const char text[] = "# Dit is een casus, geen database.\nid: molenwijk\n";
    char *after;

    wp_write(f->path, text, (size_t)-1);
    for (int mode = STORE_EXISTING; mode <= STORE_ALONE; mode++) {
        assert_null(store_open(f->path, (enum store_mode)mode, &f->err));
        snprintf(expected, sizeof expected, "database %s: opdracht mislukt: file is not a database (het "
                 "bestand is beschadigd of geen werkplaats-database; zet een reservekopie terug of kies een ander "
                 "bestand met --db)", f->path);
        assert_messages(&f->err, expected);
        assert_int_equal(f->err.code, WP_EUSER);
        wp_error_clear(&f->err);
    }
    after = wp_read(f->path, NULL);
    assert_string_equal(after, text);   /* untouched */
    free(after);
}

/* Another program's SQLite database is not ours to add tables to. */
static void test_foreign_sqlite_database_is_left_alone(void **state)
{
    struct fixture *f = *state;
    char expected[4400];
    char *before, *after;
    size_t size_before, size_after;
    sqlite3 *db;

    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE adressen (naam TEXT, straat TEXT)", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    before = wp_read(f->path, &size_before);
    for (int mode = STORE_EXISTING; mode <= STORE_ALONE; mode++) {
        assert_null(store_open(f->path, (enum store_mode)mode, &f->err));
        snprintf(expected, sizeof expected, "database %s is geen werkplaats-database: er staan al andere "
                 "tabellen in; kies een ander bestand met --db", f->path);
        assert_messages(&f->err, expected);
        assert_int_equal(f->err.code, WP_EUSER);
        wp_error_clear(&f->err);
    }
    after = wp_read(f->path, &size_after);   /* not even switched to WAL */
    assert_int_equal(size_after, size_before);
    assert_memory_equal(after, before, size_before);
    free(before);
    free(after);
}

/* --- versions ----------------------------------------------------------------- */

static void test_newer_database_is_refused(void **state)
{
    struct fixture *f = *state;
    struct store *s = open_new(f);
    int newer = store_schema_latest() + 5;
    char sql[64], expected[4400];

    snprintf(sql, sizeof sql, "PRAGMA user_version=%d", newer);
    assert_int_equal(store_exec(s, sql, &f->err), 0);
    store_close(s);
    assert_null(store_open(f->path, STORE_EXISTING, &f->err));
    snprintf(expected, sizeof expected, "database %s komt van een nieuwere versie van werkplaats (schema %d, "
             "deze versie kent tot en met %d); werk werkplaats bij", f->path, newer, store_schema_latest());
    assert_messages(&f->err, expected);
    assert_int_equal(f->err.code, WP_EUSER);
    wp_error_clear(&f->err);

    /* Refusing changed nothing. */
    s = store_open_at_version(f->path, newer, &f->err);
    assert_null(s);
    wp_error_clear(&f->err);
    {
        sqlite3 *db;
        char buf[32];
        assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
        assert_int_equal(atoi(query_text(db, "PRAGMA user_version", buf, sizeof buf)), newer);
        sqlite3_close(db);
    }
}

/* A database left at every older version migrates to the same schema as a
 * new one, and keeps what was written at the old version. */
static void test_migrations_from_every_older_version(void **state)
{
    struct fixture *f = *state;
    char fresh_path[4200];
    char *fresh;
    struct store *s;

    s = store_open(wp_join(fresh_path, sizeof fresh_path, f->dir, "nieuw.db"), STORE_CREATE, &f->err);
    assert_non_null(s);
    store_close(s);
    fresh = schema_of(fresh_path);

    for (int v = 0; v < store_schema_latest(); v++) {
        char path[4200], name[32];
        char *migrated;

        snprintf(name, sizeof name, "v%d.db", v);
        s = store_open_at_version(wp_join(path, sizeof path, f->dir, name), v, &f->err);
        assert_non_null(s);
        assert_int_equal(store_schema_version(s), v);
        if (v >= 1)
            assert_int_equal(store_exec(s, "INSERT INTO sprint (nr, naam, status, resultaat) VALUES "
                                        "(1, 'Zien en voelen', 'gesloten', '{\"glijbaan\": [1], \"situatie\": 2}');"
                                        "INSERT INTO sessie (id, sprint, label, werkvorm, versie, zaad, geopend) VALUES "
                                        "(3, 1, 'kaart-1', 'kaart', '1.0', 1, 't');"
                                        "INSERT INTO feit (id, sessie, volgnr, soort, stap, tekst, tijd) VALUES "
                                        "(7, 3, 1, 'bijdrage', 'kaart', 'donker', 't');"
                                        "INSERT INTO feit (id, sessie, volgnr, soort, stap, doel, tijd) VALUES "
                                        "(9, 3, 2, 'verwijdering', 'kaart', 7, 't')", &f->err), 0);
        store_close(s);

        s = store_open(path, STORE_EXISTING, &f->err);
        assert_non_null(s);
        assert_no_error(&f->err);
        assert_int_equal(store_schema_version(s), store_schema_latest());
        if (v >= 1)
            assert_int_equal(query_int(s, "SELECT count(*) FROM sprint WHERE naam = 'Zien en voelen'"), 1);
        if (v >= 1) {          /* migration 6 rebuilds feit: the same rows, ids, references and CHECK */
            assert_int_equal(query_int(s, "SELECT count(*) FROM feit WHERE id = 7 AND tekst = 'donker'"), 1);
            assert_int_equal(query_int(s, "SELECT doel FROM feit WHERE id = 9"), 7);
            assert_int_equal(query_int(s, "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'feit_oud'"), 0);
            assert_int_equal(sqlite3_exec(store_db(s), "INSERT INTO feit (sessie, volgnr, soort, stap, tijd) VALUES "
                                          "(3, 3, 'onzin', 'kaart', 't')", NULL, NULL, NULL), SQLITE_CONSTRAINT_CHECK);
            assert_int_equal(sqlite3_exec(store_db(s), "INSERT INTO feit (sessie, volgnr, soort, stap, doel, tijd) "
                                          "VALUES (3, 3, 'stem', 'kaart', 99, 't')", NULL, NULL, NULL),
                             SQLITE_CONSTRAINT_FOREIGNKEY);
        }
        if (v >= 1 && v < 5)   /* migration 5 keeps the keys of a closed sprint's result beside it */
            assert_int_equal(query_int(s, "SELECT sleutels = '[\"glijbaan\",\"situatie\"]' FROM sprint_sleutels "
                                          "WHERE nr = 1"), 1);
        store_close(s);
        migrated = schema_of(path);
        assert_string_equal(migrated, fresh);
        free(migrated);
    }
    free(fresh);
}

/* Every table raises the change counter on insert, update and delete (a
 * stored sleutelfactoren check counts only while it stands still), also a
 * table a later migration adds; only the counter and the stored checks
 * themselves do not, and a fact's insert does not (migration 7: the highest
 * fact id shows it). */
static void test_every_table_counts_its_changes(void **state)
{
    struct fixture *f = *state;
    struct store *s = open_new(f);
    sqlite3_stmt *st;
    int tables = 0;

    assert_int_equal(sqlite3_prepare_v2(store_db(s),
                                        "SELECT name, (SELECT count(*) FROM sqlite_master t WHERE t.type = 'trigger' "
                                        " AND t.tbl_name = m.name AND t.name IN (m.name || '_INSERT', "
                                        " m.name || '_UPDATE', m.name || '_DELETE')) "
                                        " + (m.name = 'feit') FROM sqlite_master m "
                                        "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                        " AND name NOT IN ('wijziging', 'sleutelfactoren_stand')",
                                        -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (sqlite3_column_int(st, 1) != 3)
            fail_msg("tabel %s heeft %d van de 3 wijzigingstriggers", sqlite3_column_text(st, 0),
                     sqlite3_column_int(st, 1));
        tables++;
    }
    sqlite3_finalize(st);
    assert_true(tables >= 15);
    assert_int_equal(query_int(s, "SELECT teller FROM wijziging"), 0);
    assert_int_equal(store_exec(s, "INSERT INTO sprint (nr, naam) VALUES (1, 'Zien en voelen');"
                                   "UPDATE sprint SET naam = 'Zien' WHERE nr = 1; DELETE FROM sprint", &f->err), 0);
    assert_int_equal(query_int(s, "SELECT teller FROM wijziging"), 3);
    assert_int_equal(store_exec(s, "INSERT INTO sleutelfactoren_stand VALUES (0, 'x', '2026-01-01', 3, '{}', '{}', 0)",
                                &f->err), 0);
    assert_int_equal(query_int(s, "SELECT teller FROM wijziging"), 3);
    assert_int_equal(query_int(s, "SELECT count(*) FROM sqlite_master WHERE name = 'feit_INSERT'"), 0);
    store_close(s);
}

/* --- facts -------------------------------------------------------------------- */

/* One fact per transaction, the way the engine writes them. */
static void write_fact(struct store *s, const char *sql, wp_error *err)
{
    assert_int_equal(store_begin(s, err), 0);
    assert_int_equal(store_exec(s, sql, err), 0);
    assert_int_equal(store_commit(s, err), 0);
}

static void test_facts_survive_reopening(void **state)
{
    static const char *const facts[] = {
        "INSERT INTO traject VALUES (1, 'molenwijk', 'casus/molenwijk.yaml', 'id: molenwijk', 42, "
        "'2026-01-05T09:00:00.000Z')",
        "INSERT INTO sprint (nr, naam, status, gestart) VALUES (1, 'Zien en voelen', 'lopend', "
        "'2026-01-05T09:01:00.000Z')",
        "INSERT INTO deelnemer VALUES ('wijkagent', 'Mohamed El Idrissi', 'professionals', 'wijkagent', "
        "'professionals #1')",
        "INSERT INTO sessie (id, sprint, label, werkvorm, versie, zaad, geopend) VALUES (1, 1, 'socrates', "
        "'socrates', '1.0', 7, '2026-01-05T09:02:00.000Z')",
        "INSERT INTO aanwezig VALUES (1, 'wijkagent')",
        "INSERT INTO feit (sessie, volgnr, soort, stap, deelnemer, tekst, omgevingen, tijd) VALUES (1, 1, "
        "'bijdrage', 'verkennen', 'wijkagent', 'Overlast bij het Molenplein — ’s avonds', '[\"sociaal\"]', "
        "'2026-01-05T09:03:00.000Z')",
        "INSERT INTO feit (sessie, volgnr, soort, stap, deelnemer, ref, waarde, tijd) VALUES (1, 2, 'stem', "
        "'kiezen', 'wijkagent', '1', 2.5, '2026-01-05T09:04:00.000Z')",
        "UPDATE sessie SET status = 'gesloten', gesloten = '2026-01-05T10:00:00.000Z', "
        "resultaat = '{\"situatie\":[\"overlast\"]}' WHERE id = 1",
        "INSERT INTO goedkeuring VALUES ('ontwerpbrief', 'wijkagent', '2026-02-01', 'opdrachtregel')",
    };
    static const char *const checks[][2] = {
        { "SELECT casus_id || zaad || aangemaakt FROM traject", "molenwijk422026-01-05T09:00:00.000Z" },
        { "SELECT status || gestart FROM sprint WHERE nr = 1", "lopend2026-01-05T09:01:00.000Z" },
        { "SELECT pseudoniem FROM deelnemer WHERE id = 'wijkagent'", "professionals #1" },
        { "SELECT status || resultaat FROM sessie WHERE id = 1", "gesloten{\"situatie\":[\"overlast\"]}" },
        { "SELECT deelnemer FROM aanwezig WHERE sessie = 1", "wijkagent" },
        { "SELECT tekst FROM feit WHERE volgnr = 1", "Overlast bij het Molenplein — ’s avonds" },
        { "SELECT waarde FROM feit WHERE volgnr = 2", "2.5" },
        { "SELECT datum || bron FROM goedkeuring", "2026-02-01opdrachtregel" },
        { "SELECT count(*) FROM feit", "2" },
    };
    struct fixture *f = *state;
    struct store *s = open_new(f);
    char buf[256];

    for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++)
        write_fact(s, facts[i], &f->err);
    store_close(s);

    s = store_open(f->path, STORE_EXISTING, &f->err);
    assert_non_null(s);
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
        assert_string_equal(query_text(store_db(s), checks[i][0], buf, sizeof buf), checks[i][1]);
    store_close(s);
}

static void test_failed_transaction_leaves_nothing(void **state)
{
    struct fixture *f = *state;
    struct store *s = open_new(f);
    char expected[4400];

    /* A statement fails halfway: roll back, and the first insert is gone. */
    assert_int_equal(store_begin(s, &f->err), 0);
    assert_int_equal(store_exec(s, "INSERT INTO sprint (nr, naam) VALUES (1, 'Zien en voelen')", &f->err), 0);
    assert_int_equal(store_exec(s, "INSERT INTO sprint (nr, naam, status) VALUES (2, 'x', 'kapot')", &f->err), -1);
    store_rollback(s);
    assert_int_equal(query_int(s, "SELECT count(*) FROM sprint"), 0);
    wp_error_clear(&f->err);

    /* The commit itself fails (a deferred foreign key): store_commit rolls
     * back, says why, and the store takes the next transaction. */
    assert_int_equal(store_begin(s, &f->err), 0);
    assert_int_equal(store_exec(s, "PRAGMA defer_foreign_keys=ON", &f->err), 0);
    assert_int_equal(store_exec(s, "INSERT INTO sprint (nr, naam) VALUES (1, 'Zien en voelen')", &f->err), 0);
    assert_int_equal(store_exec(s, "INSERT INTO sessie (sprint, label, werkvorm, versie, zaad, geopend) "
                                   "VALUES (9, 'a', 'w', '1', 1, 'nu')", &f->err), 0);
    assert_int_equal(store_commit(s, &f->err), -1);
    snprintf(expected, sizeof expected, "database %s: opslaan: FOREIGN KEY constraint failed", f->path);
    assert_messages(&f->err, expected);
    wp_error_clear(&f->err);
    assert_int_equal(query_int(s, "SELECT count(*) FROM sprint"), 0);
    assert_int_equal(query_int(s, "SELECT count(*) FROM sessie"), 0);
    write_fact(s, "INSERT INTO sprint (nr, naam) VALUES (1, 'Zien en voelen')", &f->err);
    store_close(s);

    /* What was rolled back does not come back after reopening either. */
    s = store_open(f->path, STORE_EXISTING, &f->err);
    assert_int_equal(query_int(s, "SELECT count(*) FROM sprint"), 1);
    assert_int_equal(query_int(s, "SELECT count(*) FROM sessie"), 0);
    store_close(s);
}

static void insert_sprint(struct store *s, int nr, wp_error *err)
{
    char sql[128];

    snprintf(sql, sizeof sql, "INSERT INTO sprint (nr, naam) VALUES (%d, 'sprint %d')", nr, nr);
    write_fact(s, sql, err);
}

/* Batched (a draaiboek replay): whole transactions commit together, a
 * refused one rolls back alone, and a process that dies keeps a prefix. */
static void test_batch_commits_a_prefix_of_whole_transactions(void **state)
{
    struct fixture *f = *state;
    struct store *s = open_new(f);
    sqlite3 *other;
    char buf[64];

    assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
    store_batch_begin(s, 3);
    for (int nr = 1; nr <= 5; nr++)
        insert_sprint(s, nr, &f->err);
    /* The first three were one commit; 4 and 5 wait in the open batch. */
    assert_string_equal(query_text(other, "SELECT group_concat(nr) FROM sprint", buf, sizeof buf), "1,2,3");
    assert_int_equal(query_int(s, "SELECT count(*) FROM sprint"), 5);

    /* A refused transaction rolls back alone; the batch around it stands. */
    assert_int_equal(store_begin(s, &f->err), 0);
    assert_int_equal(store_exec(s, "INSERT INTO sprint (nr, naam) VALUES (6, 'x')", &f->err), 0);
    assert_int_equal(store_exec(s, "INSERT INTO sprint (nr, naam, status) VALUES (7, 'x', 'kapot')", &f->err), -1);
    store_rollback(s);
    wp_error_clear(&f->err);
    assert_string_equal(query_text(store_db(s), "SELECT group_concat(nr) FROM sprint", buf, sizeof buf),
                        "1,2,3,4,5");

    /* Killed (closed without store_batch_end): the open batch is lost whole. */
    store_close(s);
    assert_string_equal(query_text(other, "SELECT group_concat(nr) FROM sprint", buf, sizeof buf), "1,2,3");

    /* store_batch_end commits what is open; after it, each transaction
     * commits by itself again. */
    s = store_open(f->path, STORE_EXISTING, &f->err);
    assert_non_null(s);
    store_batch_begin(s, 100);
    insert_sprint(s, 4, &f->err);
    insert_sprint(s, 5, &f->err);
    assert_string_equal(query_text(other, "SELECT group_concat(nr) FROM sprint", buf, sizeof buf), "1,2,3");
    assert_int_equal(store_batch_end(s, &f->err), 0);
    assert_string_equal(query_text(other, "SELECT group_concat(nr) FROM sprint", buf, sizeof buf), "1,2,3,4,5");
    insert_sprint(s, 6, &f->err);
    assert_string_equal(query_text(other, "SELECT group_concat(nr) FROM sprint", buf, sizeof buf),
                        "1,2,3,4,5,6");
    sqlite3_close(other);
    store_close(s);
}

/* The write epoch stays while one outer transaction holds (the savepoints
 * of a batch) and changes at every new outer transaction and rollback:
 * what a sessie learnt inside the batch is only trusted while it stays. */
static void test_write_epoch(void **state)
{
    struct fixture *f = *state;
    struct store *s = open_new(f);
    unsigned long e;

    assert_int_not_equal(store_write_epoch(s), 0);
    store_batch_begin(s, 3);
    insert_sprint(s, 1, &f->err);
    e = store_write_epoch(s);
    insert_sprint(s, 2, &f->err);
    assert_int_equal(store_write_epoch(s), e);              /* the same outer transaction */
    insert_sprint(s, 3, &f->err);                           /* the batch commits */
    insert_sprint(s, 4, &f->err);
    assert_int_not_equal(store_write_epoch(s), e);          /* a new one: others may have written */
    e = store_write_epoch(s);
    assert_int_equal(store_begin(s, &f->err), 0);
    store_rollback(s);
    assert_int_not_equal(store_write_epoch(s), e);          /* a savepoint rolled back */
    assert_int_equal(store_batch_end(s, &f->err), 0);
    e = store_write_epoch(s);
    insert_sprint(s, 5, &f->err);                           /* outside a batch: each its own */
    assert_int_not_equal(store_write_epoch(s), e);
    assert_false(wp_error_failed(&f->err));
    store_close(s);
}

/* A transaction of one statement: in a batch without a savepoint, and
 * still all or nothing, since a statement that fails undoes itself; the
 * batch around it stands. Outside a batch it is an ordinary transaction. */
static void test_one_statement_transactions(void **state)
{
    struct fixture *f = *state;
    struct store *s = open_new(f);
    unsigned long rollbacks;
    char buf[64];

    store_batch_begin(s, 100);
    insert_sprint(s, 1, &f->err);
    assert_int_equal(store_begin_one(s, &f->err), 0);
    assert_int_equal(store_exec(s, "INSERT INTO sprint (nr, naam) VALUES (2, 'twee')", &f->err), 0);
    assert_int_equal(store_commit(s, &f->err), 0);
    rollbacks = store_rollback_count(s);
    assert_int_equal(store_begin_one(s, &f->err), 0);
    /* Two rows in one statement, the second refused: neither stays. */
    assert_int_equal(store_exec(s, "INSERT INTO sprint (nr, naam, status) VALUES (3, 'drie', 'gepland'), "
                                "(4, 'vier', 'kapot')", &f->err), -1);
    store_rollback(s);
    wp_error_clear(&f->err);
    assert_int_equal(store_rollback_count(s), rollbacks);     /* nothing this connection wrote was undone */
    assert_string_equal(query_text(store_db(s), "SELECT group_concat(nr) FROM sprint", buf, sizeof buf), "1,2");
    assert_int_equal(store_batch_end(s, &f->err), 0);

    assert_int_equal(store_begin_one(s, &f->err), 0);         /* outside a batch: a transaction */
    assert_int_equal(store_exec(s, "INSERT INTO sprint (nr, naam) VALUES (5, 'vijf')", &f->err), 0);
    store_rollback(s);
    assert_string_equal(query_text(store_db(s), "SELECT group_concat(nr) FROM sprint", buf, sizeof buf), "1,2");
    assert_false(wp_error_failed(&f->err));
    store_close(s);
}

/* A replay lets the WAL grow ten times longer before it is copied into
 * the database, and keeps its statement journals in memory; after the
 * batch, SQLite's defaults hold again. */
static void test_batch_checkpoints_less_often(void **state)
{
    struct fixture *f = *state;
    struct store *s = open_new(f);

    assert_int_equal(query_int(s, "PRAGMA wal_autocheckpoint"), 1000);
    assert_int_equal(query_int(s, "PRAGMA temp_store"), 0);
    store_batch_begin(s, 3);
    insert_sprint(s, 1, &f->err);
    assert_int_equal(query_int(s, "PRAGMA wal_autocheckpoint"), 10000);
    assert_int_equal(query_int(s, "PRAGMA temp_store"), 2);
    assert_int_equal(store_batch_end(s, &f->err), 0);
    assert_int_equal(query_int(s, "PRAGMA wal_autocheckpoint"), 1000);
    assert_int_equal(query_int(s, "PRAGMA temp_store"), 0);
    store_close(s);
}

/* Another process holds the write lock: the refusal says so in Dutch. A
 * database already at the current schema opens without the write lock, so
 * reading goes on meanwhile. */
static void test_busy_database_is_explained(void **state)
{
    struct fixture *f = *state;
    struct store *s = open_new(f);
    sqlite3 *other;
    char expected[4400];

    store_close(s);
    assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
    s = store_open(f->path, STORE_EXISTING, &f->err);
    assert_non_null(s);
    assert_int_equal(query_int(s, "SELECT count(*) FROM sprint"), 0);
    sqlite3_busy_timeout(store_db(s), 1);   /* do not wait the full 5 s */
    assert_int_equal(store_begin(s, &f->err), -1);
    snprintf(expected, sizeof expected, "database %s: transactie beginnen: database is locked (een ander "
             "proces, zoals een tweede werkplaats of sqlite3, houdt de database bezet; probeer het opnieuw als dat "
             "klaar is)", f->path);
    assert_messages(&f->err, expected);
    assert_int_equal(f->err.code, WP_EUSER);
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    store_close(s);
}

/* werkplaats run has the database alone: it is refused while another
 * werkplaats process has it open, and that one is refused while it runs.
 * Other opens share it. (flock locks belong to the open file, so two
 * stores in one process stand for two processes.) */
static void test_run_has_the_database_alone(void **state)
{
    struct fixture *f = *state;
    struct store *s = open_new(f), *t;
    char expected[4400];

    t = store_open(f->path, STORE_EXISTING, &f->err);
    assert_non_null(t);
    store_close(t);
    assert_null(store_open(f->path, STORE_ALONE, &f->err));
    snprintf(expected, sizeof expected, "database %s wordt al gebruikt door een ander werkplaats-proces; wacht tot "
             "dat klaar is en draai de draaiboek dan opnieuw (hij gaat verder waar de database stopte)", f->path);
    assert_messages(&f->err, expected);
    assert_int_equal(f->err.code, WP_EUSER);
    wp_error_clear(&f->err);
    store_close(s);

    s = store_open(f->path, STORE_ALONE, &f->err);
    assert_non_null(s);
    assert_null(store_open(f->path, STORE_EXISTING, &f->err));
    snprintf(expected, sizeof expected, "database %s wordt al gebruikt door een ander werkplaats-proces dat een "
             "draaiboek draait (werkplaats run); wacht tot dat klaar is en probeer het dan opnieuw", f->path);
    assert_messages(&f->err, expected);
    wp_error_clear(&f->err);
    assert_null(store_open(f->path, STORE_ALONE, &f->err));
    wp_error_clear(&f->err);
    store_close(s);
    s = store_open(f->path, STORE_EXISTING, &f->err);
    assert_non_null(s);
    store_close(s);
}

/* A write past the file size limit (ulimit -f) fails like a full disk: a
 * user error that says what to do, the transaction rolled back whole, and
 * the store usable again once there is room. */
static void test_full_disk_is_explained(void **state)
{
    struct fixture *f = *state;
    struct store *s = open_new(f);
    struct rlimit was, small;
    char expected[4400];
    void (*old)(int) = signal(SIGXFSZ, SIG_IGN);   /* as main() does */

    assert_int_equal(getrlimit(RLIMIT_FSIZE, &was), 0);
    small = was;
    small.rlim_cur = 64 * 1024;
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    assert_int_equal(store_begin(s, &f->err), 0);
    assert_int_equal(store_exec(s, "INSERT INTO sprint (nr, naam) VALUES (1, hex(zeroblob(100000)))", &f->err), 0);
    assert_int_equal(store_commit(s, &f->err), -1);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &was), 0);
    signal(SIGXFSZ, old);
    snprintf(expected, sizeof expected, "database %s: opslaan: disk I/O error: File too large (de schijf is vol of "
             "het bestand mag niet groter worden; maak ruimte vrij en probeer het opnieuw: wat niet is opgeslagen, "
             "staat er ook niet half in)", f->path);
    assert_messages(&f->err, expected);
    assert_int_equal(f->err.code, WP_EUSER);
    wp_error_clear(&f->err);
    assert_int_equal(query_int(s, "SELECT count(*) FROM sprint"), 0);
    write_fact(s, "INSERT INTO sprint (nr, naam) VALUES (1, 'Zien en voelen')", &f->err);
    store_close(s);
    s = store_open(f->path, STORE_EXISTING, &f->err);
    assert_int_equal(query_int(s, "SELECT count(*) FROM sprint"), 1);
    store_close(s);
}

/* --- helpers ------------------------------------------------------------------ */

static void test_statement_cache_and_helpers(void **state)
{
    static char sqls[80][48];
    struct fixture *f = *state;
    struct store *s = open_new(f);
    sqlite3_stmt *a, *b;
    char expected[4400];

    a = store_stmt(s, "SELECT 1", &f->err);
    assert_non_null(a);
    /* The same literal gives the same statement, reset and unbound. */
    b = store_stmt(s, "SELECT 1", &f->err);
    assert_ptr_equal(a, b);
    /* More statements than the cache holds: the oldest are finalized and
     * every statement still works. */
    for (int i = 0; i < 80; i++) {
        sqlite3_stmt *st;
        snprintf(sqls[i], sizeof sqls[i], "SELECT %d + ?1", i);
        st = store_stmt(s, sqls[i], &f->err);
        assert_non_null(st);
        sqlite3_bind_int(st, 1, 1);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_int_equal(sqlite3_column_int(st, 0), i + 1);
    }
    assert_int_equal(store_query_int(s, "SELECT 41 + 1", -1, &f->err), 42);
    assert_int_equal(store_query_int(s, "SELECT 1 WHERE 0", 77, &f->err), 77);
    assert_no_error(&f->err);

    assert_int_equal(store_exec(s, "SELEKT 1", &f->err), -1);
    snprintf(expected, sizeof expected, "database %s: opdracht mislukt: near \"SELEKT\": syntax error", f->path);
    assert_messages(&f->err, expected);
    assert_int_equal(f->err.code, WP_EINTERNAL);
    wp_error_clear(&f->err);
    assert_null(store_stmt(s, "SELECT * FROM bestaat_niet", &f->err));
    snprintf(expected, sizeof expected, "database %s: opdracht voorbereiden: no such table: bestaat_niet", f->path);
    assert_messages(&f->err, expected);
    wp_error_clear(&f->err);

    a = store_stmt(s, "SELECT ?1", &f->err);
    assert_int_equal(store_bind_text(a, 1, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(a), SQLITE_ROW);
    assert_null(store_column_text(a, 0));
    a = store_stmt(s, "SELECT ?1", &f->err);
    assert_int_equal(store_bind_text(a, 1, "Ideeën"), SQLITE_OK);
    assert_int_equal(sqlite3_step(a), SQLITE_ROW);
    assert_string_equal(store_column_text(a, 0), "Ideeën");
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_new_database_is_private_wal_with_foreign_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_existing_mode_needs_the_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_directory_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_that_is_not_a_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_sqlite_database_is_left_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_database_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrations_from_every_older_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_table_counts_its_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_facts_survive_reopening, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_transaction_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch_commits_a_prefix_of_whole_transactions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_epoch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch_checkpoints_less_often, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_statement_transactions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_busy_database_is_explained, setup, teardown),
        cmocka_unit_test_setup_teardown(test_run_has_the_database_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_disk_is_explained, setup, teardown),
        cmocka_unit_test_setup_teardown(test_statement_cache_and_helpers, setup, teardown),
    };

    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
