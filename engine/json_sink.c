/* json_sink.c: a value_sink that builds jansson values (value_sink.h). */
#include <string.h>

#include "werkplaats/text.h"
#include "werkplaats/value_sink.h"

/* Puts v (taken) where the next value goes: the root, an array's end or
 * the pending key of an object. */
static int place(struct json_sink *js, json_t *v)
{
    json_t *parent = js->depth > 0 ? js->open[js->depth - 1] : NULL;
    int rc;

    if (v == NULL || js->failed) {
        json_decref(v);
        js->failed = 1;
        return -1;
    }
    if (parent == NULL) {
        json_decref(js->root);
        js->root = v;
        return 0;
    }
    if (json_is_array(parent)) {
        rc = json_array_append_new(parent, v);
    } else if (js->key != NULL) {
        rc = json_object_set_new(parent, js->key, v);
    } else {
        json_decref(v);   /* a member without its key: the emitter's mistake */
        rc = -1;
    }
    js->key = NULL;
    if (rc != 0)
        js->failed = 1;
    return rc;
}

static int sink_begin(struct value_sink *sink, int is_array, size_t members)
{
    struct json_sink *js = (struct json_sink *)sink;
    json_t *c = is_array ? json_array() : json_object();

    (void)members;
    if (js->depth == VALUE_SINK_MAX_DEPTH) {
        json_decref(c);
        js->failed = 1;
        return -1;
    }
    json_incref(c);   /* one reference for the parent, one while it is open */
    if (place(js, c) != 0) {
        json_decref(c);
        return -1;
    }
    js->open[js->depth++] = c;
    return 0;
}

static int sink_end(struct value_sink *sink)
{
    struct json_sink *js = (struct json_sink *)sink;

    if (js->depth == 0) {
        js->failed = 1;
        return -1;
    }
    json_decref(js->open[--js->depth]);
    return 0;
}

static int sink_key(struct value_sink *sink, const char *key)
{
    ((struct json_sink *)sink)->key = key;
    return 0;
}

/* A text that is not UTF-8 cannot be JSON: its member is left out, as
 * jansson's setters do; it is no memory failure. */
static int sink_string(struct value_sink *sink, const char *s)
{
    struct json_sink *js = (struct json_sink *)sink;
    json_t *v = s != NULL ? json_string(s) : json_null();

    if (v == NULL && !text_utf8_valid(s, strlen(s))) {
        js->key = NULL;
        return 0;
    }
    return place(js, v);
}

static int sink_integer(struct value_sink *sink, long long i)
{
    return place((struct json_sink *)sink, json_integer((json_int_t)i));
}

static int sink_real(struct value_sink *sink, double d)
{
    return place((struct json_sink *)sink, json_real(d));
}

static int sink_json(struct value_sink *sink, json_t *v)
{
    return place((struct json_sink *)sink, json_incref(v));
}

void json_sink_init(struct json_sink *js)
{
    static const struct value_sink ops = { sink_begin, sink_end, sink_key, sink_string, sink_integer, sink_real,
                                           sink_json };

    memset(js, 0, sizeof *js);
    js->sink = ops;
}

json_t *json_sink_finish(struct json_sink *js)
{
    json_t *root = js->root;

    if (js->depth > 0)
        js->failed = 1;   /* not finished */
    while (js->depth > 0)
        json_decref(js->open[--js->depth]);
    js->root = NULL;
    if (js->failed) {
        json_decref(root);
        return NULL;
    }
    return root;
}
