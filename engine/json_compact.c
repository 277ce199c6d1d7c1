/*
 * json_compact.c: compact JSON text, byte for byte as jansson dumps it with
 * JSON_COMPACT | JSON_SORT_KEYS (see json_compact.h).
 *
 * The rules copied from jansson 2.14 (dump.c and strconv.c):
 *   - object keys sorted by their bytes, then by length;
 *   - in strings only '"', '\\' and control characters are escaped: \b \f
 *     \n \r \t by name, the others as \u00XX with upper-case hex; all else,
 *     UTF-8 included, is written as it is;
 *   - integers as %lld (written by hand); reals as %.17g with ".0" added when there is
 *     neither '.' nor 'e', and the exponent without '+' or leading zeros.
 *     (jansson also turns the locale's decimal point into a '.'; werkplaats
 *     sets only LC_CTYPE, so LC_NUMERIC stays "C" and %g writes a '.'.)
 * It recurses as jansson does; the results it writes come from a werkvorm
 * and nest at most PLUGIN_MAX_DEPTH levels.
 */
#include "werkplaats/json_compact.h"
#include "werkplaats/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct out {
    char *p;
    size_t len, cap;
    int failed;
};

static void put(struct out *o, const char *s, size_t n)
{
    if (o->failed)
        return;
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 256;
        char *grown;
        while (cap < o->len + n + 1)
            cap *= 2;
        if ((grown = realloc(o->p, cap)) == NULL) {
            o->failed = 1;
            return;
        }
        o->p = grown;
        o->cap = cap;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
}

static void put_char(struct out *o, char c)
{
    if (!o->failed && o->len + 2 <= o->cap) {   /* the common case, without put's bookkeeping */
        o->p[o->len++] = c;
        return;
    }
    put(o, &c, 1);
}

/* A result holds many numbers: text_decimal, not snprintf. */
static void put_integer(struct out *o, long long v)
{
    char buf[TEXT_DECIMAL_MAX];

    put(o, buf, text_decimal(buf, v));
}

#define BYTES(b) (0x0101010101010101ULL * (b))

/* Whether none of the 8 bytes of w needs an escape: none is below 0x20
 * (the test is exact for "any byte", see "Bit Twiddling Hacks": hasless),
 * a '"' or a '\\'. Bytes of 0x80 and up never need one. */
static int plain8(uint64_t w)
{
    uint64_t quote = w ^ BYTES('"'), backslash = w ^ BYTES('\\');
    uint64_t hits = ((w - BYTES(0x20)) & ~w) | ((quote - BYTES(1)) & ~quote) | ((backslash - BYTES(1)) & ~backslash);

    return (hits & BYTES(0x80)) == 0;
}

/* How many bytes from s on need no escape, a word at a time while it can:
 * the texts of a result are long and mostly plain. */
static size_t plain_run(const char *s, size_t n)
{
    size_t i = 0;
    uint64_t w;

    while (n - i >= 8) {
        memcpy(&w, s + i, sizeof w);   /* unaligned: memcpy is the portable load */
        if (!plain8(w))
            break;
        i += 8;
    }
    return i;
}

static void put_string(struct out *o, const char *s, size_t n)
{
    size_t run = 0;

    put_char(o, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c;
        char esc[8];
        i += plain_run(s + i, n - i);
        if (i == n)
            break;
        c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(o, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': put(o, "\\\"", 2); break;
        case '\\': put(o, "\\\\", 2); break;
        case '\b': put(o, "\\b", 2); break;
        case '\f': put(o, "\\f", 2); break;
        case '\n': put(o, "\\n", 2); break;
        case '\r': put(o, "\\r", 2); break;
        case '\t': put(o, "\\t", 2); break;
        default:
            snprintf(esc, sizeof esc, "\\u%04X", c);
            put(o, esc, 6);
        }
    }
    put(o, s + run, n - run);
    put_char(o, '"');
}

/* jansson's jsonp_dtostr with precision 17. */
static int put_real(struct out *o, double d)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%.17g", d);
    char *e;

    if (n < 0 || (size_t)n >= sizeof buf - 3)
        return -1;
    if (strchr(buf, '.') == NULL && strchr(buf, 'e') == NULL) {
        memcpy(buf + n, ".0", 3);
        n += 2;
    }
    if ((e = strchr(buf, 'e')) != NULL) {
        char *start = e + 1, *end = e + 2;
        if (*start == '-')
            start++;
        while (*end == '0')
            end++;
        if (end != start) {
            memmove(start, end, (size_t)n - (size_t)(end - buf) + 1);
            n -= (int)(end - start);
        }
    }
    put(o, buf, (size_t)n);
    return 0;
}

struct member {
    const char *key;
    size_t len;
    json_t *value;
};

static int by_key(const void *a, const void *b)
{
    const struct member *x = a, *y = b;
    int c = memcmp(x->key, y->key, x->len < y->len ? x->len : y->len);

    return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

static int in_order(const struct member *m, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (by_key(&m[i - 1], &m[i]) > 0)
            return 0;
    return 1;
}

static int put_value(struct out *o, const json_t *v);

static int put_object(struct out *o, const json_t *v)
{
    size_t n = json_object_size(v), i = 0;
    struct member *m = malloc((n ? n : 1) * sizeof *m);
    const char *key;
    json_t *value;
    int rc = 0;

    if (m == NULL)
        return -1;
    json_object_foreach((json_t *)v, key, value) {
        m[i].key = key;
        m[i].len = strlen(key);
        m[i++].value = value;
    }
    /* Objects made by plugin_json_from_lua already hold their keys in this
     * order: a look along them is cheaper than sorting them again. */
    if (!in_order(m, n))
        qsort(m, n, sizeof *m, by_key);
    put_char(o, '{');
    for (i = 0; i < n && rc == 0; i++) {
        if (i > 0)
            put_char(o, ',');
        put_string(o, m[i].key, m[i].len);
        put_char(o, ':');
        rc = put_value(o, m[i].value);
    }
    put_char(o, '}');
    free(m);
    return rc;
}

static int put_value(struct out *o, const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return put_object(o, v);
    case JSON_ARRAY:
        put_char(o, '[');
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (i > 0)
                put_char(o, ',');
            if (put_value(o, json_array_get(v, i)) != 0)
                return -1;
        }
        put_char(o, ']');
        return 0;
    case JSON_STRING:
        put_string(o, json_string_value(v), json_string_length(v));
        return 0;
    case JSON_INTEGER:
        put_integer(o, (long long)json_integer_value(v));
        return 0;
    case JSON_REAL:
        return put_real(o, json_real_value(v));
    case JSON_TRUE:
        put(o, "true", 4);
        return 0;
    case JSON_FALSE:
        put(o, "false", 5);
        return 0;
    case JSON_NULL:
        put(o, "null", 4);
        return 0;
    }
    return -1;
}

char *json_compact(const json_t *v)
{
    struct out o = { 0 };

    if (!json_is_object(v) && !json_is_array(v))
        return NULL;
    if (put_value(&o, v) != 0 || o.failed) {
        free(o.p);
        return NULL;
    }
    o.p[o.len] = '\0';  /* put always leaves room for it */
    return o.p;
}
