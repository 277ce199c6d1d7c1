/* error.c: a growing list of Dutch messages with the most serious exit code. */
#include "werkplaats/error.h"

#include <stdlib.h>
#include <string.h>

static void remember_code(wp_error *err, int code)
{
    /* Internal errors win over usage errors, which win over user errors. */
    if (code > err->code)
        err->code = code;
}

int wp_error_addv(wp_error *err, int code, const char *where, const char *fmt, va_list ap)
{
    char body[2048];
    char *line;
    char **grown;
    int n;

    remember_code(err, code);
    if (err->count >= WP_ERROR_MAX_MESSAGES) {
        err->dropped++;
        return -1;
    }
    vsnprintf(body, sizeof body, fmt, ap);
    if (where != NULL && where[0] != '\0')
        n = snprintf(NULL, 0, "%s: %s", where, body);
    else
        n = snprintf(NULL, 0, "%s", body);
    line = malloc((size_t)n + 1);
    grown = realloc(err->messages, (err->count + 1) * sizeof *grown);
    if (line == NULL || grown == NULL) {
        /* Out of memory while reporting: keep the code, lose the text. */
        free(line);
        if (grown != NULL)
            err->messages = grown;
        err->dropped++;
        remember_code(err, WP_EINTERNAL);
        return -1;
    }
    if (where != NULL && where[0] != '\0')
        snprintf(line, (size_t)n + 1, "%s: %s", where, body);
    else
        snprintf(line, (size_t)n + 1, "%s", body);
    err->messages = grown;
    err->messages[err->count++] = line;
    return -1;
}

int wp_error_add(wp_error *err, int code, const char *where, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    wp_error_addv(err, code, where, fmt, ap);
    va_end(ap);
    return -1;
}

int wp_error_at(wp_error *err, int code, const char *file, int line, int col, const char *fmt, ...)
{
    char where[1024];
    va_list ap;

    if (line > 0 && col > 0)
        snprintf(where, sizeof where, "%s:%d:%d", file, line, col);
    else if (line > 0)
        snprintf(where, sizeof where, "%s:%d", file, line);
    else
        snprintf(where, sizeof where, "%s", file ? file : "");
    va_start(ap, fmt);
    wp_error_addv(err, code, where, fmt, ap);
    va_end(ap);
    return -1;
}

int wp_error_failed(const wp_error *err)
{
    return err->code != WP_OK;
}

const char *wp_error_first(const wp_error *err)
{
    return err->count > 0 ? err->messages[0] : "";
}

int wp_error_contains(const wp_error *err, const char *needle)
{
    for (size_t i = 0; i < err->count; i++)
        if (strstr(err->messages[i], needle) != NULL)
            return 1;
    return 0;
}

void wp_error_print(const wp_error *err, FILE *out, const char *prefix)
{
    for (size_t i = 0; i < err->count; i++)
        fprintf(out, "%s: %s\n", prefix, err->messages[i]);
    if (err->dropped > 0)
        fprintf(out, "%s: ... en nog %zu melding(en)\n", prefix, err->dropped);
}

void wp_error_move(wp_error *dst, wp_error *src)
{
    for (size_t i = 0; i < src->count; i++)
        wp_error_add(dst, src->code, NULL, "%s", src->messages[i]);
    dst->dropped += src->dropped;
    remember_code(dst, src->code);
    wp_error_clear(src);
}

void wp_error_clear(wp_error *err)
{
    for (size_t i = 0; i < err->count; i++)
        free(err->messages[i]);
    free(err->messages);
    *err = (wp_error)WP_ERROR_INIT;
}
