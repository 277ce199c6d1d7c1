/*
 * test_value_sink.c: the jansson sink (json_sink.c) builds what it is told,
 * and refuses, without leaking, what no emitter should tell it. The Lua
 * sink is held to this one in test_sessie (test_view_in_lua_equals_view_in_json).
 */
#include "wp_test.h"

#include "werkplaats/value_sink.h"

static json_t *parse(const char *text)
{
    json_t *v = json_loads(text, JSON_DECODE_ANY, NULL);

    assert_non_null(v);
    return v;
}

static void test_builds_what_it_is_told(void **state)
{
    struct json_sink js;
    struct value_sink *k = &js.sink;
    json_t *bij = parse("{\"id\": \"w1\"}"), *want, *got;

    (void)state;
    json_sink_init(&js);
    assert_int_equal(k->begin(k, 0, 6), 0);
    assert_int_equal(k->key(k, "tekst") || k->string(k, "drugs op het plein"), 0);
    assert_int_equal(k->key(k, "leeg") || k->string(k, NULL), 0);
    assert_int_equal(k->key(k, "stemmen") || k->integer(k, 3), 0);
    assert_int_equal(k->key(k, "gemiddelde") || k->real(k, 2.5), 0);
    assert_int_equal(k->key(k, "bij") || k->json(k, bij), 0);
    assert_int_equal(k->key(k, "lijst") || k->begin(k, 1, 3) || k->integer(k, 1) || k->begin(k, 0, 0) || k->end(k) ||
                     k->string(k, "\xff kapot") || k->end(k), 0);
    assert_int_equal(k->end(k), 0);
    got = json_sink_finish(&js);
    want = parse("{\"tekst\": \"drugs op het plein\", \"leeg\": null, \"stemmen\": 3, \"gemiddelde\": 2.5, "
                 "\"bij\": {\"id\": \"w1\"}, \"lijst\": [1, {}]}");
    assert_true(json_equal(got, want));   /* a text that is not UTF-8 is left out, as jansson's setters do */
    assert_int_equal(bij->refcount, 2);   /* the sink took its own reference */
    json_decref(got);
    json_decref(want);
    json_decref(bij);
}

static void test_refuses_a_broken_value(void **state)
{
    struct json_sink js;
    struct value_sink *k = &js.sink;

    (void)state;
    json_sink_init(&js);                  /* a member without its key */
    assert_int_equal(k->begin(k, 0, 1), 0);
    assert_int_equal(k->integer(k, 1), -1);
    assert_int_equal(k->key(k, "na"), 0);
    assert_int_equal(k->integer(k, 2), -1);   /* and nothing after that */
    k->end(k);
    assert_null(json_sink_finish(&js));

    json_sink_init(&js);                  /* not finished */
    assert_int_equal(k->begin(k, 1, 2) || k->begin(k, 1, 0), 0);
    assert_null(json_sink_finish(&js));

    json_sink_init(&js);                  /* closed once too often */
    assert_int_equal(k->begin(k, 1, 0) || k->end(k), 0);
    assert_int_equal(k->end(k), -1);
    assert_null(json_sink_finish(&js));

    json_sink_init(&js);                  /* nested deeper than it holds */
    for (int i = 0; i < VALUE_SINK_MAX_DEPTH; i++)
        assert_int_equal(k->begin(k, 1, 1), 0);
    assert_int_equal(k->begin(k, 1, 1), -1);
    assert_null(json_sink_finish(&js));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builds_what_it_is_told),
        cmocka_unit_test(test_refuses_a_broken_value),
    };
    return cmocka_run_group_tests_name("value_sink", tests, NULL, NULL);
}
