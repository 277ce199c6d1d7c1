/*
 * test_text.c: the two text scans that guard every input (text.c): UTF-8
 * validity and terminal control characters. They skip plain ASCII a word
 * at a time, so each is held to a byte-at-a-time reference: on bytes placed
 * at every offset around the word boundaries, and on random texts. And
 * text_decimal, held to snprintf.
 */
#include "wp_test.h"

#include <limits.h>

#include "werkplaats/text.h"

/* The references: the rules of text.h, one byte at a time. */
static int reference_utf8_valid(const unsigned char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned c = s[i], cp;
        size_t need;
        if (c < 0x80) {
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
            return 0;
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

static long reference_find_control(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') || s[i] == 0x7F)
            return s[i];
        if (s[i] == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
            return s[i + 1];
    }
    return -1;
}

static void expect_like_reference(const unsigned char *s, size_t len)
{
    int valid = text_utf8_valid((const char *)s, len);

    if (valid != reference_utf8_valid(s, len)) {
        print_error("text_utf8_valid gaf %d voor %zu bytes:", valid, len);
        for (size_t i = 0; i < len; i++)
            print_error(" %02x", s[i]);
        fail();
    }
    if (valid && text_find_control((const char *)s, len) != reference_find_control(s, len)) {
        print_error("text_find_control gaf %ld, verwacht %ld\n", text_find_control((const char *)s, len),
                    reference_find_control(s, len));
        fail();
    }
}

static long find_control_in(const char *s)
{
    return text_find_control(s, strlen(s));
}

static int utf8_valid_in(const char *s)
{
    return text_utf8_valid(s, strlen(s));
}

/* Sequences that each rule is about, put at every offset in plain text. */
static void test_every_offset(void **state)
{
    static const char *const pieces[] = {
        "\x01", "\x1f", "\t", "\n", "\r", "\x7f", "\x7e", " ", "\xc2\x80", "\xc2\x9f", "\xc2\xa0", "\xc3\xa9",
        "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xed\xa0\x80",
        "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\x80", "\xc3", "\xe2\x82", "\xf0\x9f\x98",
    };
    unsigned char buf[64];

    (void)state;
    for (size_t p = 0; p < sizeof pieces / sizeof pieces[0]; p++) {
        size_t n = strlen(pieces[p]);
        for (size_t at = 0; at <= 24; at++)
            for (size_t len = at + n; len <= at + n + 17; len++) {
                memset(buf, 'a', sizeof buf);
                memcpy(buf + at, pieces[p], n);
                expect_like_reference(buf, len);
                expect_like_reference(buf, at + n - 1);   /* cut inside the piece */
            }
    }
    assert_int_equal(find_control_in("een\tregel\nmet\rwit en dan \x1b[2J"), 0x1b);
    assert_int_equal(find_control_in("lang genoeg om woorden te slaan \xc2\x9b"), 0x9b);
    assert_int_equal(find_control_in("geen stuurteken: caf\xc3\xa9 \xe2\x82\xac 5"), -1);
    assert_true(utf8_valid_in("twee woorden van acht en dan caf\xc3\xa9"));
    assert_false(utf8_valid_in("twee woorden van acht en dan caf\xc3"));
}

static void test_random_texts(void **state)
{
    static const unsigned char special[] = { 0x00, 0x09, 0x0a, 0x0d, 0x1b, 0x7f, 0x80, 0x9b, 0xa0, 0xbf, 0xc2,
                                             0xc3, 0xe2, 0xed, 0xf0, 0xf4, 0xff };
    unsigned char buf[96];
    unsigned long long x = 0x9E3779B97F4A7C15u;

    (void)state;
    for (int round = 0; round < 200000; round++) {
        size_t len;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;       /* xorshift: the same texts every run */
        len = (size_t)(x % sizeof buf);
        for (size_t i = 0; i < len; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            buf[i] = x % 29 == 0 ? special[(x >> 8) % sizeof special] : (unsigned char)(0x20 + (x >> 16) % 95);
        }
        expect_like_reference(buf, len);
    }
}

/* text_decimal against "%lld": the bounds, around every power of ten, and
 * a spread of values; it writes no more than TEXT_DECIMAL_MAX bytes. */
static void test_decimal(void **state)
{
    long long values[200];
    size_t n = 0;
    char ours[TEXT_DECIMAL_MAX + 1], theirs[32];

    (void)state;
    values[n++] = LLONG_MIN;
    values[n++] = LLONG_MAX;
    values[n++] = 0;
    for (long long p = 1; p <= LLONG_MAX / 10; p *= 10) {
        values[n++] = p - 1;
        values[n++] = p;
        values[n++] = -p;
        values[n++] = -p + 1;
    }
    for (unsigned long long x = 0x9E3779B97F4A7C15u; n < sizeof values / sizeof values[0];) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        values[n++] = (long long)x >> (x % 60);
    }
    for (size_t i = 0; i < n; i++) {
        size_t len;
        memset(ours, '#', sizeof ours);
        len = text_decimal(ours, values[i]);
        assert_true(len <= TEXT_DECIMAL_MAX);
        assert_int_equal(ours[TEXT_DECIMAL_MAX], '#');
        ours[len] = '\0';
        snprintf(theirs, sizeof theirs, "%lld", values[i]);
        assert_string_equal(ours, theirs);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_offset),
        cmocka_unit_test(test_random_texts),
        cmocka_unit_test(test_decimal),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
