/*
 * test_json_compact.c: the compact JSON writer gives exactly what jansson's
 * json_dumps(JSON_COMPACT | JSON_SORT_KEYS) gives: on values chosen for
 * every rule (escapes, numbers, key order, empty containers) and on
 * thousands of random trees.
 */
#include "wp_test.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>

#include "werkplaats/json_compact.h"

#define FLAGS (JSON_COMPACT | JSON_SORT_KEYS)

static void expect_same(json_t *v)
{
    char *ours = json_compact(v), *theirs = json_dumps(v, FLAGS);

    assert_non_null(theirs);
    if (ours == NULL || strcmp(ours, theirs) != 0) {
        print_error("jansson: %s\nwij:     %s\n", theirs, ours ? ours : "(NULL)");
        fail();
    }
    free(ours);
    free(theirs);
}

static void test_chosen_values(void **state)
{
    static const double reals[] = { 0.0, -0.0, 1.0, -1.5, 0.1, 2.5, 100.0, 1e21, 1e22, 1e-7, 1.5e-300, 5e-324,
                                    1.7976931348623157e308, 123456789012345678.0, 0.30000000000000004, 3.0e10 };
    json_t *v = json_object(), *reals_a = json_array(), *texts = json_array();
    char bytes[128];

    (void)state;
    for (size_t i = 0; i < sizeof reals / sizeof reals[0]; i++)
        json_array_append_new(reals_a, json_real(reals[i]));
    for (int c = 1; c < 128; c++)
        bytes[c - 1] = (char)c;
    bytes[127] = '\0';
    json_array_append_new(texts, json_string(bytes));
    json_array_append_new(texts, json_string("aanhalingsteken \" en \\ en / en \xc3\xa9\xe2\x82\xac \xf0\x9f\x98\x80"));
    json_array_append_new(texts, json_string(""));
    json_array_append_new(texts, json_stringn("met\0nul", 7));
    json_object_set_new(v, "reals", reals_a);
    json_object_set_new(v, "teksten", texts);
    json_object_set_new(v, "getallen", json_pack("[I,I,I,I]", (json_int_t)LLONG_MIN, (json_int_t)LLONG_MAX,
                                                 (json_int_t)0, (json_int_t)-1));
    json_object_set_new(v, "leeg", json_pack("{s:{},s:[],s:n,s:b,s:b}", "o", "a", "niets", "ja", 1, "nee", 0));
    /* Keys inserted out of order, sharing prefixes, upper case before lower. */
    json_object_set_new(v, "b", json_integer(1));
    json_object_set_new(v, "ab", json_integer(2));
    json_object_set_new(v, "a", json_integer(3));
    json_object_set_new(v, "a b", json_integer(4));
    json_object_set_new(v, "B", json_integer(5));
    json_object_set_new(v, "\xc3\xa9", json_integer(6));
    expect_same(v);
    expect_same(json_object_get(v, "teksten"));
    json_decref(v);

    v = json_object();
    expect_same(v);
    json_decref(v);
    v = json_array();
    expect_same(v);
    json_decref(v);

    /* Not a container, as json_dumps without JSON_ENCODE_ANY. */
    v = json_string("los");
    assert_null(json_compact(v));
    json_decref(v);
    assert_null(json_compact(NULL));
}

/* --- random trees ---------------------------------------------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static json_t *random_text(void)
{
    static const char *const pieces[] = { "a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f", "\x7f",
                                          "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "wijk", "0", "{", "," };
    char buf[200] = "";
    size_t n = next_random() % 12;

    for (size_t i = 0; i < n; i++)
        strcat(buf, pieces[next_random() % (sizeof pieces / sizeof pieces[0])]);
    return json_string(buf);
}

static json_t *random_real(void)
{
    for (;;) {
        uint64_t bits = next_random();
        double d;
        memcpy(&d, &bits, sizeof d);
        if (next_random() % 2)
            d = (double)(int64_t)(next_random() % 2000000) / 1000.0 - 1000.0;
        if (isfinite(d))
            return json_real(d);
    }
}

static json_t *random_value(int depth)
{
    unsigned kind = (unsigned)(next_random() % (depth < 5 ? 8 : 6));
    json_t *v;

    switch (kind) {
    case 0: return json_integer((json_int_t)next_random());
    case 1: return random_real();
    case 2: return random_text();
    case 3: return json_null();
    case 4: return json_boolean(next_random() % 2);
    case 5: return random_text();
    case 6:
        v = json_array();
        for (uint64_t i = next_random() % 6; i > 0; i--)
            json_array_append_new(v, random_value(depth + 1));
        return v;
    default:
        v = json_object();
        for (uint64_t i = next_random() % 6; i > 0; i--) {
            json_t *key = random_text();
            json_object_set_new(v, json_string_value(key), random_value(depth + 1));
            json_decref(key);
        }
        return v;
    }
}

static void test_random_trees(void **state)
{
    (void)state;
    for (int i = 0; i < 3000; i++) {
        json_t *v = next_random() % 2 ? json_object() : json_array();
        json_t *inner = random_value(0);
        if (json_is_object(v))
            json_object_set_new(v, "x", inner);
        else
            json_array_append_new(v, inner);
        expect_same(v);
        json_decref(v);
    }
}

/* The writer skips plain text a word at a time: each character that needs
 * an escape, and each that is next to needing one, at every offset of
 * texts that cross several words. */
static void test_escape_at_every_offset(void **state)
{
    static const char *const odd[] = { "\"", "\\", "\x01", "\x1f", "\n", "\x7f", " ", "!", "[", "]",
                                       "\x21", "\x5b", "\x5d", "\xc3\xa9", "\xe2\x82\xac" };

    (void)state;
    for (size_t len = 0; len <= 40; len++)
        for (size_t at = 0; at <= len; at++)
            for (size_t k = 0; k < sizeof odd / sizeof odd[0]; k++) {
                char text[64];
                size_t n = strlen(odd[k]);
                json_t *a;
                memset(text, 'w', at);                      /* at plain bytes, odd, the rest plain */
                memcpy(text + at, odd[k], n);
                memset(text + at + n, 'w', len - at);
                text[len + n] = '\0';
                a = json_pack("[s]", text);
                assert_non_null(a);
                expect_same(a);
                json_decref(a);
            }
}

/* Keys inserted in order (as plugin_json_from_lua inserts them) are
 * written as they stand; one pair out of order anywhere is sorted. */
static void test_keys_in_and_out_of_order(void **state)
{
    static const char *const keys[] = { "a", "ab", "b", "ba", "c", "d", "e" };
    const size_t n = sizeof keys / sizeof keys[0];

    (void)state;
    for (size_t swap = 0; swap <= n - 1; swap++) {     /* swap == n - 1: none out of order */
        json_t *o = json_object();
        char *text;
        for (size_t i = 0; i < n; i++) {
            int swapped = swap < n - 1 && (i == swap || i == swap + 1);
            size_t k = !swapped ? i : i == swap ? i + 1 : swap;
            json_object_set_new(o, keys[k], json_integer((json_int_t)k));
        }
        expect_same(o);
        text = json_compact(o);
        assert_string_equal(text, "{\"a\":0,\"ab\":1,\"b\":2,\"ba\":3,\"c\":4,\"d\":5,\"e\":6}");
        free(text);
        json_decref(o);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chosen_values),
        cmocka_unit_test(test_random_trees),
        cmocka_unit_test(test_keys_in_and_out_of_order),
        cmocka_unit_test(test_escape_at_every_offset),
    };
    return cmocka_run_group_tests_name("json_compact", tests, NULL, NULL);
}
