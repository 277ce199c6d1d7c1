/*
 * error.h: the one way werkplaats reports problems.
 *
 * Functions that can fail return -1 (or NULL) and append a message to a
 * wp_error owned by the caller. A validator appends every problem it finds,
 * so an author sees them all at once. Only main.c turns the code into an exit
 * status and prints the messages: "werkplaats: <waar>: <bericht>".
 */
#ifndef WERKPLAATS_ERROR_H
#define WERKPLAATS_ERROR_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum wp_code {
    WP_OK = 0,
    WP_EUSER = 1,     /* bad input, failed gate: the user can act on it */
    WP_EUSAGE = 2,    /* wrong command line */
    WP_EINTERNAL = 3  /* a bug, a full disk, out of memory */
};

/* Beyond this many messages only a count is kept. */
#define WP_ERROR_MAX_MESSAGES 100

typedef struct wp_error {
    int code;         /* the most serious code seen; WP_OK when empty */
    char **messages;  /* "waar: bericht", or "bericht" without a place */
    size_t count;     /* messages kept */
    size_t dropped;   /* messages not kept because of the cap */
} wp_error;

#define WP_ERROR_INIT { WP_OK, NULL, 0, 0 }

/* Appends "where: message" (where may be NULL or ""). Always returns -1. */
int wp_error_add(wp_error *err, int code, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int wp_error_addv(wp_error *err, int code, const char *where, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

/* Appends "file:line:col: message"; line and col are 1-based, 0 leaves them out. */
int wp_error_at(wp_error *err, int code, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* True when a message was added. */
int wp_error_failed(const wp_error *err);

/* The first message, or "" when there is none. */
const char *wp_error_first(const wp_error *err);

/* True when any kept message contains needle (used by tests and callers that
 * must tell one refusal from another). */
int wp_error_contains(const wp_error *err, const char *needle);

/* Writes every message as "prefix: message\n". */
void wp_error_print(const wp_error *err, FILE *out, const char *prefix);

/* Moves all messages of src to the end of dst and clears src. */
void wp_error_move(wp_error *dst, wp_error *src);

/* Frees the messages and resets to WP_ERROR_INIT. */
void wp_error_clear(wp_error *err);

#endif
