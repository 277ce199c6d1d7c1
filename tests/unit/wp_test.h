/*
 * wp_test.h: what the cmocka unit tests share: the source tree's location,
 * scratch folders, writing fixture files, and exact message assertions.
 *
 * Everything is static inline so that a test file uses what it needs
 * without unused-function warnings (warnings are errors).
 */
#ifndef WERKPLAATS_WP_TEST_H
#define WERKPLAATS_WP_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "werkplaats/error.h"

/* The source tree: tests/run.sh exports WP_TOP; make runs tests from there. */
static inline const char *wp_top(void)
{
    const char *top = getenv("WP_TOP");

    return top != NULL && top[0] != '\0' ? top : ".";
}

/* "<top>/<rel>" in a static buffer (one at a time is enough for tests). */
static inline const char *wp_src(const char *rel)
{
    static char buf[4096];

    snprintf(buf, sizeof buf, "%s/%s", wp_top(), rel);
    return buf;
}

/* A fresh scratch folder, readable by everyone so that a child process that
 * dropped its privileges can reach files inside it. Caller frees. */
static inline char *wp_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[4096];
    char *dir;

    snprintf(tmpl, sizeof tmpl, "%s/werkplaats-unit.XXXXXX", base != NULL && base[0] ? base : "/tmp");
    dir = mkdtemp(tmpl);
    assert_non_null(dir);
    assert_int_equal(chmod(dir, 0755), 0);
    dir = strdup(dir);
    assert_non_null(dir);
    return dir;
}

static inline int wp_rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st; (void)flag; (void)ftw;
    return remove(path);
}

/* Removes a scratch folder and everything in it, and frees the name. */
static inline void wp_rmtree(char *dir)
{
    if (dir == NULL)
        return;
    nftw(dir, wp_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

/* "<dir>/<name>" into buf. */
static inline const char *wp_join(char *buf, size_t size, const char *dir, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
    return buf;
}

/* Writes len bytes of data (len (size_t)-1: strlen) to path. */
static inline void wp_write(const char *path, const char *data, size_t len)
{
    FILE *fp = fopen(path, "wb");

    assert_non_null(fp);
    if (len == (size_t)-1)
        len = strlen(data);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

/* Reads a whole file into a NUL-terminated string; caller frees. */
static inline char *wp_read(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long size;

    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    size = ftell(fp);
    assert_true(size >= 0);
    rewind(fp);
    buf = malloc((size_t)size + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)size, fp), (size_t)size);
    buf[size] = '\0';
    fclose(fp);
    if (len != NULL)
        *len = (size_t)size;
    return buf;
}

/* A copy of text with the first occurrence of old replaced by new; the test
 * fails when old is not there (a table row that no longer applies). */
static inline char *wp_replace(const char *text, const char *old, const char *new)
{
    const char *at = strstr(text, old);
    size_t head, lo = strlen(old), ln = strlen(new);
    char *out;

    if (at == NULL)
        print_error("'%s' staat niet in de tekst\n", old);
    assert_non_null(at);
    head = (size_t)(at - text);
    out = malloc(strlen(text) - lo + ln + 1);
    assert_non_null(out);
    memcpy(out, text, head);
    memcpy(out + head, new, ln);
    strcpy(out + head + ln, at + lo);
    return out;
}

/* Prints every message of err, for a failing assertion's log. */
static inline void wp_print_messages(const wp_error *err)
{
    for (size_t i = 0; i < err->count; i++)
        print_error("  melding %zu: %s\n", i + 1, err->messages[i]);
}

/* err holds exactly the expected messages, in order. */
static inline void wp_assert_messages_at(const wp_error *err, const char *const *expected,
                                         const char *file, int line)
{
    size_t n = 0;
    int same;

    while (expected[n] != NULL)
        n++;
    same = err->count == n && err->dropped == 0;
    for (size_t i = 0; same && i < n; i++)
        same = strcmp(err->messages[i], expected[i]) == 0;
    if (same)
        return;
    print_error("verwacht %zu melding(en):\n", n);
    for (size_t i = 0; i < n; i++)
        print_error("  verwacht %zu: %s\n", i + 1, expected[i]);
    print_error("gekregen %zu:\n", err->count);
    wp_print_messages(err);
    _fail(file, line);
}
#define assert_messages(err, ...) \
    wp_assert_messages_at((err), (const char *const[]){ __VA_ARGS__, NULL }, __FILE__, __LINE__)

/* err holds a message containing needle. */
static inline void wp_assert_contains_at(const wp_error *err, const char *needle, const char *file, int line)
{
    if (wp_error_contains(err, needle))
        return;
    print_error("geen melding bevat: %s\n", needle);
    wp_print_messages(err);
    _fail(file, line);
}
#define assert_error_contains(err, needle) wp_assert_contains_at((err), (needle), __FILE__, __LINE__)

/* err is empty; shows what it holds when not. */
static inline void wp_assert_ok_at(const wp_error *err, const char *file, int line)
{
    if (err->count == 0 && err->code == WP_OK)
        return;
    print_error("onverwachte melding(en), code %d:\n", err->code);
    wp_print_messages(err);
    _fail(file, line);
}
#define assert_no_error(err) wp_assert_ok_at((err), __FILE__, __LINE__)

#endif
