/*
 * opendb.c: the floor of `werkplaats status` and `rapport`, for `make bench`:
 * an otherwise empty C program that starts, opens the database the way the
 * engine does (read-write, WAL) and reads one row from it.
 *
 *   opendb DATABASE
 */
#include <sqlite3.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int rc;

    if (argc != 2) {
        fputs("gebruik: opendb DATABASE\n", stderr);
        return 2;
    }
    rc = sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sprint", -1, &st, NULL);
    if (rc == SQLITE_OK && sqlite3_step(st) != SQLITE_ROW)
        rc = SQLITE_ERROR;
    if (rc != SQLITE_OK)
        fprintf(stderr, "opendb: %s: %s\n", argv[1], sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : 1;
}
