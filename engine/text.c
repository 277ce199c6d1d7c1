/* text.c: typo hints, UTF-8 checks and choice lists for messages. */
#include "werkplaats/text.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Edit distance with swaps of neighbouring letters counted as one edit
 * (optimal string alignment), case-insensitive, so "tkest" is one edit from
 * "tekst". Words longer than 64 bytes are never typos of one another here. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t d[65][65];

    if (la > 64 || lb > 64)
        return (size_t)-1;
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            size_t best = d[i - 1][j - 1] + (ca != cb);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

const char *text_suggest(const char *word, const char *const *candidates)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    size_t len = strlen(word);
    /* One edit per three letters, at least one, at most three. */
    size_t allowed = len / 3 < 1 ? 1 : (len / 3 > 3 ? 3 : len / 3);

    for (size_t i = 0; candidates != NULL && candidates[i] != NULL; i++) {
        size_t d = edit_distance(word, candidates[i]);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    return best_d <= allowed ? best : NULL;
}

const char *text_hint(char *buf, size_t size, const char *word, const char *const *candidates)
{
    const char *s = text_suggest(word, candidates);

    if (s != NULL)
        snprintf(buf, size, ", bedoelde je '%s'?", s);
    else if (size > 0)
        buf[0] = '\0';
    return buf;
}

const char *text_choices(char *buf, size_t size, const char *const *candidates)
{
    size_t used = 0, n = 0;

    while (candidates[n] != NULL)
        n++;
    if (size > 0)
        buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++) {
        const char *sep = i == 0 ? "" : (i + 1 == n ? " of " : ", ");
        int w = snprintf(buf + used, size - used, "%s'%s'", sep, candidates[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return buf;
}

/* Texts are mostly ASCII: the two scans below first skip 8 bytes at a time
 * while the bytes are plain, and look at single bytes only where a word is
 * not. They run on every scalar of a draaiboek and every text a werkvorm
 * returns. */
#define BYTES_01 0x0101010101010101u
#define BYTES_80 0x8080808080808080u

static uint64_t word_at(const unsigned char *s)
{
    uint64_t w;

    memcpy(&w, s, sizeof w);   /* unaligned: memcpy is the portable load */
    return w;
}

/* True when all 8 bytes are 0x20..0x7E. The lowest byte below 0x20 borrows
 * in w - 0x20 and the lowest 0x7F carries in w + 1, each into its own high
 * bit; what they do to the bytes above only makes this say no more often. */
static int printable_ascii8(uint64_t w)
{
    return (((w - 0x20 * BYTES_01) | (w + BYTES_01) | w) & BYTES_80) == 0;
}

int text_utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;

    while (i < len) {
        unsigned c = s[i];
        size_t need;
        unsigned cp;
        if (c < 0x80) {
            if (len - i >= 8 && (word_at(s + i) & BYTES_80) == 0)
                i += 8;
            else
                i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (i + need >= len)
            return 0;  /* truncated sequence */
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((need == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
        i += need + 1;
    }
    return 1;
}

long text_find_control(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;

    for (size_t i = 0; i < len; i++) {
        while (len - i >= 8 && printable_ascii8(word_at(s + i)))
            i += 8;
        if (i == len)
            break;
        if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') || s[i] == 0x7F)
            return s[i];
        /* U+0080..U+009F are encoded as C2 80..C2 9F. */
        if (s[i] == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
            return s[i + 1];
    }
    return -1;
}

size_t text_utf8_len(const char *s, size_t len)
{
    size_t n = 0;

    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

char *text_dup(const char *s)
{
    return s != NULL ? strdup(s) : NULL;
}

int text_index(const char *s, const char *const *list)
{
    for (int i = 0; s != NULL && list[i] != NULL; i++)
        if (strcmp(s, list[i]) == 0)
            return i;
    return -1;
}

size_t text_decimal(char *buf, long long v)
{
    char digits[TEXT_DECIMAL_MAX], *d = digits + sizeof digits;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    size_t n;

    do {
        *--d = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0)
        *--d = '-';
    n = (size_t)(digits + sizeof digits - d);
    memcpy(buf, d, n);
    return n;
}

void text_print_padded(FILE *out, const char *s, int width)
{
    size_t chars = text_utf8_len(s, strlen(s));

    fputs(s, out);
    for (size_t i = chars; i < (size_t)(width > 0 ? width : 0); i++)
        fputc(' ', out);
}

const char *text_read_problem(int e)
{
    switch (e) {
    case ENOENT: return "bestand bestaat niet";
    case EACCES: return "geen leesrechten";
    case EISDIR: return "is een map, geen bestand";
    case ENOMEM: return "onvoldoende geheugen";
    default:     return strerror(e);
    }
}
