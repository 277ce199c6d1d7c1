/*
 * store.h: the traject's SQLite database.
 *
 * One database holds one traject. It is opened in WAL mode with foreign keys
 * on and a busy timeout, created with mode 0600 (it holds what participants
 * said), and its schema is versioned with PRAGMA user_version: opening an
 * older database runs the forward migrations, a newer one is refused.
 *
 * Other modules run their own SQL through store_stmt(), which hands out
 * cached prepared statements, and wrap every fact in its own transaction
 * (store_begin/store_commit) before they act on it.
 */
#ifndef WERKPLAATS_STORE_H
#define WERKPLAATS_STORE_H

#include <sqlite3.h>

#include "werkplaats/error.h"

struct store;

/* Every open holds an advisory lock on the file: shared, so that several
 * werkplaats processes can work in one database at once, or exclusive for
 * STORE_ALONE. An open that cannot get its lock fails with a message. */
enum store_mode {
    STORE_EXISTING,   /* the database must exist and hold a traject schema */
    STORE_CREATE,     /* create the file (0600) when it does not exist */
    STORE_ALONE       /* as STORE_CREATE, and no other werkplaats process may
                       * have it open: werkplaats run replays a draaiboek by
                       * counting the facts already stored, so a second
                       * writer would make it store facts twice */
};

/* Opens (and migrates) the database at path. A SQLite database of another
 * program (schema version 0 with tables in it) is refused, not changed. */
struct store *store_open(const char *path, enum store_mode mode, wp_error *err);

/* For tests of the migrations: opens or creates path like STORE_CREATE, but
 * migrates no further than schema version (0: a new file stays empty). */
struct store *store_open_at_version(const char *path, int version, wp_error *err);
void store_close(struct store *s);


const char *store_path(const struct store *s);
sqlite3 *store_db(struct store *s);

/* The schema version this build writes, and the one on disk. */
int store_schema_latest(void);
int store_schema_version(struct store *s);

/* Durable: every commit reaches the disk before it returns (synchronous=FULL,
 * for live workshops). Otherwise a commit survives a killed process but not a
 * power cut (synchronous=NORMAL, for replaying a draaiboek, which is itself
 * the durable record). Durable is the default. */
int store_set_durable(struct store *s, int durable, wp_error *err);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. Transactions do not nest. */
int store_begin(struct store *s, wp_error *err);
int store_commit(struct store *s, wp_error *err);
void store_rollback(struct store *s);

/* store_begin for a transaction whose only write is one statement, its
 * last step, that nothing after it can refuse: in a batch it needs no
 * savepoint, since SQLite undoes a statement that fails by itself (one
 * savepoint per fact was 3% of a replay). Outside a batch, store_begin. */
int store_begin_one(struct store *s, wp_error *err);

/* BEGIN IMMEDIATE without waiting, for work that may as well be skipped
 * (storing a check for next time), never for facts: 0, or -1 without a
 * message when another process is writing, the database is read-only, or a
 * transaction or batch is already open. End it with store_commit or
 * store_rollback. */
int store_begin_if_free(struct store *s);

/* Batching, for replaying a draaiboek: between store_batch_begin and
 * store_batch_end, each store_begin/commit/rollback is a savepoint inside
 * one outer IMMEDIATE transaction, which commits after every `size`
 * transactions and at store_batch_end. A refused fact still rolls back
 * alone; a killed process loses at most the last batch, never part of a
 * transaction, so what is stored is always a prefix of what was asked
 * (which is what lets a replay resume by counting). Never for live input:
 * a live fact must be committed before it is shown. */
void store_batch_begin(struct store *s, int size);
int store_batch_end(struct store *s, wp_error *err);

/* A number that stays the same only while this connection holds one write
 * transaction without rolling anything back: it changes at every BEGIN of
 * an outer transaction and at every rollback. While it stays the same, no
 * other process has written and nothing this connection wrote was undone,
 * so what it learnt from the database since still holds (the next volgnr
 * of a session, in a batch). Never 0. */
unsigned long store_write_epoch(const struct store *s);

/* How many rollbacks (of a transaction or of a batch's savepoint) this
 * connection did: while it stays the same, all this connection wrote since
 * is in the database or in its open transaction. */
unsigned long store_rollback_count(const struct store *s);

/* Runs SQL without results (may hold several statements). */
int store_exec(struct store *s, const char *sql, wp_error *err);

/* A prepared statement for sql, reset and with its bindings cleared. The
 * statement is cached by the address of sql, so pass string literals; it
 * stays owned by the store. */
sqlite3_stmt *store_stmt(struct store *s, const char *sql, wp_error *err);

/* Steps a statement that returns no rows (SQLITE_DONE expected). */
int store_step_done(struct store *s, sqlite3_stmt *st, const char *what, wp_error *err);

/* Adds "database <path>: <what>: <sqlite message>" with a Dutch hint for the
 * usual causes (locked, read-only, full, corrupt). Returns -1. */
int store_fail(struct store *s, const char *what, wp_error *err);

/* Ends a loop that stepped st while it gave rows, given the last result
 * code rc: 0 when every row was read (SQLITE_DONE), else the error, as
 * store_fail words it. A read that stops on a damaged page must not pass
 * for the end of the rows. Resets st either way. */
int store_rows_done(struct store *s, sqlite3_stmt *st, int rc, const char *what, wp_error *err);

/* Binds a C string, or NULL as SQL NULL. */
int store_bind_text(sqlite3_stmt *st, int idx, const char *text);

/* The same without a copy, for the hot inserts: text must stay as it is
 * until st has been stepped. The statement keeps the pointer until its
 * next store_stmt clears the bindings, but does not read it again. */
int store_bind_text_static(sqlite3_stmt *st, int idx, const char *text);

/* The text of column idx, or NULL. */
const char *store_column_text(sqlite3_stmt *st, int idx);

/* Runs one row of "SELECT <int>"; returns the value or fallback when no row. */
long long store_query_int(struct store *s, const char *sql, long long fallback, wp_error *err);

/* The text of the first row of sql (with param bound to ?1 when not NULL)
 * copied into buf; NULL when there is no row or the value is NULL. */
const char *store_query_text(struct store *s, const char *sql, const char *param, char *buf, size_t size,
                             wp_error *err);

#endif
