/*
 * writer.c: the escaping text buffer behind every report format.
 */
#include "werkplaats/writer.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void writer_init(struct writer *w, enum writer_format format)
{
    memset(w, 0, sizeof *w);
    w->format = format;
}

void writer_free(struct writer *w)
{
    free(w->buf);
    w->buf = NULL;
    w->len = w->cap = 0;
}

char *writer_take(struct writer *w, size_t *len)
{
    char *out;

    if (w->failed || (w->buf == NULL && (w->buf = calloc(1, 1)) == NULL)) {
        writer_free(w);
        return NULL;
    }
    out = w->buf;
    if (len != NULL)
        *len = w->len;
    w->buf = NULL;
    w->len = w->cap = 0;
    return out;
}

static int grow(struct writer *w, size_t extra)
{
    size_t need, ncap;
    char *nbuf;

    if (w->failed)
        return -1;
    need = w->len + extra + 1;
    if (need <= w->cap)
        return 0;
    ncap = w->cap ? w->cap : 4096;
    while (ncap < need)
        ncap *= 2;
    nbuf = realloc(w->buf, ncap);
    if (nbuf == NULL) {
        w->failed = 1;
        return -1;
    }
    w->buf = nbuf;
    w->cap = ncap;
    return 0;
}

/* Appends bytes as they are: only for literals, escaped text and numbers. */
static void put(struct writer *w, const char *s, size_t n)
{
    if (n == 0 || grow(w, n) != 0)
        return;
    memcpy(w->buf + w->len, s, n);
    w->len += n;
    w->buf[w->len] = '\0';
}

static void put_char(struct writer *w, char c)
{
    put(w, &c, 1);
}

void writer_literal_(struct writer *w, const char *literal, size_t n)
{
    put(w, literal, n);
}

void w_append(struct writer *w, const struct writer *part)
{
    if (part->failed)
        w->failed = 1;
    else if (part->buf != NULL)
        put(w, part->buf, part->len);
}

/* Decodes one UTF-8 sequence at s (n bytes left). Returns its length and
 * sets *cp, or returns 1 with *cp = -1 for an invalid byte. */
static size_t decode(const unsigned char *s, size_t n, long *cp)
{
    size_t len;
    long v, min;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        len = 2, v = s[0] & 0x1F, min = 0x80;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        len = 3, v = s[0] & 0x0F, min = 0x800;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        len = 4, v = s[0] & 0x07, min = 0x10000;
    } else {
        *cp = -1;
        return 1;
    }
    if (len > n) {
        *cp = -1;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = -1;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = -1;
        return 1;
    }
    *cp = v;
    return len;
}

/* Characters XML 1.0 forbids (and that no report needs): C0 controls other
 * than tab, LF and CR, and U+FFFE/U+FFFF. */
static int xml_forbidden(long cp)
{
    return (cp < 0x20 && cp != 0x09 && cp != 0x0A && cp != 0x0D) || cp == 0xFFFE || cp == 0xFFFF;
}

static void put_html(struct writer *w, long cp, const char *raw, size_t n)
{
    switch (cp) {
    case '&': w_lit(w, "&amp;"); break;
    case '<': w_lit(w, "&lt;"); break;
    case '>': w_lit(w, "&gt;"); break;
    case '"': w_lit(w, "&quot;"); break;
    case '\'': w_lit(w, "&#39;"); break;
    default: put(w, raw, n); break;
    }
}

/* Markdown: characters that start markup are backslash-escaped (CommonMark
 * lets any ASCII punctuation be escaped); line breaks become spaces so text
 * stays inside its list item or table cell. */
static void put_md(struct writer *w, long cp, const char *raw, size_t n, int first)
{
    if (cp == '\n' || cp == '\r') {
        put_char(w, ' ');
        return;
    }
    if (strchr("\\`*_[]<>|~", (int)cp) != NULL && cp != 0)
        put_char(w, '\\');
    else if (first && strchr("#-+=!", (int)cp) != NULL && cp != 0)
        put_char(w, '\\');
    put(w, raw, n);
}

static const char replacement[] = "\xEF\xBF\xBD";

static void csv_field(struct writer *w, const char *s, size_t n);

void w_textn(struct writer *w, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    if (s == NULL)
        return;
    if (w->format == WRITER_CSV) {
        csv_field(w, s, n);
        return;
    }
    while (i < n) {
        long cp;
        size_t len = decode(p + i, n - i, &cp);
        const char *raw = cp < 0 ? replacement : s + i;
        size_t rawlen = cp < 0 ? 3 : len;
        if (cp >= 0 && xml_forbidden(cp)) {
            i += len;
            continue;
        }
        if (w->format == WRITER_HTML)
            put_html(w, cp, raw, rawlen);
        else if (w->format == WRITER_MD)
            put_md(w, cp, raw, rawlen, i == 0);
        else
            put(w, raw, rawlen);
        i += len;
    }
}

void w_text(struct writer *w, const char *s)
{
    if (s != NULL)
        w_textn(w, s, strlen(s));
}

size_t writer_utf8_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, count = 0;

    while (i < n) {
        long cp;
        i += decode(p + i, n - i, &cp);
        count++;
    }
    return count;
}

/* The byte offset where code point number `chars` starts. */
static size_t byte_offset(const char *s, size_t chars)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;

    while (i < n && chars > 0) {
        long cp;
        i += decode(p + i, n - i, &cp);
        chars--;
    }
    return i;
}

void w_text_cut(struct writer *w, const char *s, size_t max)
{
    size_t cut, space;

    if (s == NULL)
        return;
    if (max == 0 || writer_utf8_len(s) <= max) {
        w_text(w, s);
        return;
    }
    cut = byte_offset(s, max > 1 ? max - 1 : max);
    /* Prefer a word boundary in the last third, so words stay whole. */
    space = cut;
    while (space > cut * 2 / 3 && s[space] != ' ')
        space--;
    if (s[space] == ' ')
        cut = space;
    while (cut > 0 && (s[cut - 1] == ' ' || s[cut - 1] == ',' || s[cut - 1] == ';'))
        cut--;
    w_textn(w, s, cut);
    w_lit(w, "…");
}

void w_int(struct writer *w, long long v)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%lld", v);

    put(w, buf, (size_t)n);
}

/* "%.*f" without trailing zeros; decimal_sep replaces the point. */
static void put_number(struct writer *w, double v, int decimals, char decimal_sep)
{
    char buf[64];
    int n;

    if (!isfinite(v)) {
        put_char(w, '0');
        return;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    n = snprintf(buf, sizeof buf, "%.*f", decimals, v);
    if (n <= 0 || (size_t)n >= sizeof buf)
        return;
    if (strchr(buf, '.') != NULL) {
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n > 0 && buf[n - 1] == '.')
            buf[--n] = '\0';
    }
    if (strcmp(buf, "-0") == 0) {
        put_char(w, '0');
        return;
    }
    for (int i = 0; i < n; i++)
        if (buf[i] == '.')
            buf[i] = decimal_sep;
    put(w, buf, (size_t)n);
}

void w_num(struct writer *w, double v, int decimals)
{
    put_number(w, v, decimals, ',');
}

void w_coord(struct writer *w, double v)
{
    put_number(w, v, 1, '.');
}

/* --- CSV ------------------------------------------------------------------ */

static void csv_field(struct writer *w, const char *s, size_t n)
{
    int quote = 0, formula = n > 0 && strchr("=+-@\t\r", s[0]) != NULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    for (size_t k = 0; k < n && !quote; k++)
        quote = s[k] == ',' || s[k] == '"' || s[k] == '\r' || s[k] == '\n';
    if (quote)
        put_char(w, '"');
    if (formula)
        put_char(w, '\'');
    while (i < n) {
        long cp;
        size_t len = decode(p + i, n - i, &cp);
        if (cp < 0)
            put(w, replacement, 3);
        else if (cp == '"')
            put(w, "\"\"", 2);
        else if (!xml_forbidden(cp))
            put(w, s + i, len);
        i += len;
    }
    if (quote)
        put_char(w, '"');
}

void w_csv_field(struct writer *w, const char *s)
{
    if (s != NULL)
        csv_field(w, s, strlen(s));
}

void w_csv_sep(struct writer *w)
{
    put_char(w, ',');
}

void w_csv_end(struct writer *w)
{
    put(w, "\r\n", 2);
}

/* --- saving ------------------------------------------------------------- */

int writer_write_all(int fd, const char *p, size_t len)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = write(fd, p + done, len - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        done += (size_t)n;
    }
    return 0;
}

struct text_fill {
    const char *text;
    size_t len;
};

static int fill_text(int fd, void *ctx)
{
    struct text_fill *t = ctx;

    return writer_write_all(fd, t->text, t->len);
}

int writer_save(const char *path, const char *text, size_t len)
{
    struct text_fill t = { text, len };

    return writer_save_with(path, fill_text, &t);
}

int writer_save_with(const char *path, int (*fill)(int fd, void *ctx), void *ctx)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    int fd, saved;

    if (tmp == NULL) {
        errno = ENOMEM;
        return -1;
    }
    snprintf(tmp, plen + 16, "%s.tmp.XXXXXX", path);
    fd = mkstemp(tmp);  /* created 0600 */
    if (fd < 0)
        goto fail;
    if (fill(fd, ctx) != 0)
        goto fail_fd;
    if (fchmod(fd, 0600) != 0 || fsync(fd) != 0)
        goto fail_fd;
    if (close(fd) != 0) {
        fd = -1;
        goto fail_fd;
    }
    if (rename(tmp, path) != 0) {
        fd = -1;
        goto fail_fd;
    }
    free(tmp);
    return 0;
fail_fd:
    saved = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    errno = saved;
fail:
    saved = errno;
    free(tmp);
    errno = saved;
    return -1;
}

const char *writer_problem(int e)
{
    switch (e) {
    case ENOENT: return "de map bestaat niet";
    case EACCES: case EPERM: return "geen schrijfrechten in de map";
    case EROFS: return "de schijf is alleen-lezen";
    case ENOSPC: case EDQUOT: return "de schijf is vol";
    case EISDIR: return "dat is een map";
    default: return strerror(e);
    }
}
