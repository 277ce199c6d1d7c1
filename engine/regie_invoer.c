/*
 * regie_invoer.c: the edit line of the regie screen, kept as wide
 * characters so that the cursor moves by character and backspace removes a
 * whole 'é' or '‘', whatever its UTF-8 length. The conversion to and from
 * UTF-8 is done here by hand (not with the C library's multibyte functions),
 * so the line behaves the same whatever the locale.
 */
#include "werkplaats/regie.h"

#include <string.h>
#include <wchar.h>

int regie_wcwidth(wchar_t c)
{
    int w = wcwidth(c);

    /* Without a UTF-8 locale wcwidth knows nothing beyond ASCII; count one. */
    return w < 0 ? 1 : w;
}

/* Decodes one UTF-8 sequence; returns its length, or 0 when it is invalid. */
static size_t utf8_decode(const unsigned char *s, wchar_t *out)
{
    unsigned c = s[0], cp;
    size_t need;

    if (c < 0x80) {
        *out = (wchar_t)c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF)
        need = 1, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        need = 2, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        need = 3, cp = c & 0x07;
    else
        return 0;
    for (size_t k = 1; k <= need; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    *out = (wchar_t)cp;
    return need + 1;
}

static size_t utf8_encode(wchar_t wc, char *out)
{
    unsigned long c = (unsigned long)wc;

    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

size_t regie_utf8_wcs(const char *utf8, wchar_t *out, size_t max)
{
    const unsigned char *s = (const unsigned char *)(utf8 ? utf8 : "");
    size_t len = 0;

    while (*s != '\0' && len < max) {
        size_t n = utf8_decode(s, &out[len]);
        if (n == 0) {         /* not UTF-8: skip the byte rather than lose the text */
            s++;
            continue;
        }
        len++;
        s += n;
    }
    return len;
}

void regie_invoer_set(struct regie_invoer *e, const char *utf8)
{
    size_t n = regie_utf8_wcs(utf8, e->tekst, REGIE_MAX_TEKENS);

    /* Control characters (a pasted tab or newline) never enter the line. */
    e->len = 0;
    for (size_t i = 0; i < n; i++)
        if (e->tekst[i] >= 0x20 && e->tekst[i] != 0x7F)
            e->tekst[e->len++] = e->tekst[i];
    e->tekst[e->len] = L'\0';
    e->cursor = e->len;
    e->eerste = 0;
}

char *regie_invoer_utf8(const struct regie_invoer *e, char *buf, size_t size)
{
    size_t used = 0;

    for (size_t i = 0; i < e->len; i++) {
        char tmp[4];
        size_t n = utf8_encode(e->tekst[i], tmp);
        if (used + n + 1 > size)
            return NULL;
        memcpy(buf + used, tmp, n);
        used += n;
    }
    if (size == 0)
        return NULL;
    buf[used] = '\0';
    return buf;
}

int regie_invoer_insert(struct regie_invoer *e, wchar_t c)
{
    /* Surrogates and control characters never enter the line. */
    if (c < 0x20 || c == 0x7F || (c >= 0xD800 && c <= 0xDFFF) || (unsigned long)c > 0x10FFFF ||
        e->len >= REGIE_MAX_TEKENS)
        return -1;
    memmove(&e->tekst[e->cursor + 1], &e->tekst[e->cursor], (e->len - e->cursor) * sizeof e->tekst[0]);
    e->tekst[e->cursor++] = c;
    e->tekst[++e->len] = L'\0';
    return 0;
}

void regie_invoer_backspace(struct regie_invoer *e)
{
    if (e->cursor == 0)
        return;
    e->cursor--;
    regie_invoer_delete(e);
}

void regie_invoer_delete(struct regie_invoer *e)
{
    if (e->cursor >= e->len)
        return;
    memmove(&e->tekst[e->cursor], &e->tekst[e->cursor + 1], (e->len - e->cursor - 1) * sizeof e->tekst[0]);
    e->tekst[--e->len] = L'\0';
}

void regie_invoer_left(struct regie_invoer *e)
{
    if (e->cursor > 0)
        e->cursor--;
}

void regie_invoer_right(struct regie_invoer *e)
{
    if (e->cursor < e->len)
        e->cursor++;
}

void regie_invoer_home(struct regie_invoer *e)
{
    e->cursor = 0;
}

void regie_invoer_end(struct regie_invoer *e)
{
    e->cursor = e->len;
}

void regie_invoer_kill(struct regie_invoer *e)
{
    e->len = e->cursor;
    e->tekst[e->len] = L'\0';
}

int regie_invoer_scroll(struct regie_invoer *e, int width)
{
    int col = 0;

    if (width < 2)
        width = 2;
    if (e->eerste > e->cursor)
        e->eerste = e->cursor;
    /* Keep one column free after the cursor so it stays visible at the end. */
    for (;;) {
        col = 0;
        for (size_t i = e->eerste; i < e->cursor; i++)
            col += regie_wcwidth(e->tekst[i]);
        if (col < width || e->eerste >= e->cursor)
            break;
        e->eerste++;
    }
    return col;
}
