/*
 * value_sink.h: builds one JSON-shaped value, piece by piece, wherever the
 * sink puts it.
 *
 * The facts view of a session is derived in C (sessie_view.c) and needed in
 * two shapes: as jansson for the regie screen and the report, and as Lua
 * tables for a werkvorm's resultaat. Building it through jansson, copying
 * that into Lua and freeing it again cost 6% of the instructions of a
 * draaiboek replay, so the view is emitted once into a sink: json_sink
 * (declared here) builds jansson, the plugin host's sink builds Lua tables
 * straight in the werkvorm's state.
 *
 * A value is a string, integer, real, an existing JSON value, or a
 * container opened with begin and closed with end; inside an object every
 * value follows its key. begin gets the exact number of members, which a
 * sink may use to size the container. A NULL string is JSON null. Values
 * nest at most VALUE_SINK_MAX_DEPTH containers deep. Calls return 0, or -1
 * when the jansson sink cannot go on (memory ran out, or a member without
 * its key, nesting too deep, a container closed that was not open), after
 * which it refuses everything; the Lua sink raises a Lua error instead and
 * never returns -1.
 */
#ifndef WERKPLAATS_VALUE_SINK_H
#define WERKPLAATS_VALUE_SINK_H

#include <stddef.h>

#include <jansson.h>

#define VALUE_SINK_MAX_DEPTH 16

struct value_sink {
    int (*begin)(struct value_sink *sink, int is_array, size_t members);
    int (*end)(struct value_sink *sink);
    int (*key)(struct value_sink *sink, const char *key);
    int (*string)(struct value_sink *sink, const char *s);
    int (*integer)(struct value_sink *sink, long long i);
    int (*real)(struct value_sink *sink, double d);
    int (*json)(struct value_sink *sink, json_t *v);   /* borrowed: the sink copies or takes a reference */
};

/* A sink that builds a jansson value. */
struct json_sink {
    struct value_sink sink;
    json_t *root;
    json_t *open[VALUE_SINK_MAX_DEPTH];
    int depth;
    const char *key;   /* the pending key inside an object */
    int failed;
};

void json_sink_init(struct json_sink *js);
/* The value built (caller owns), or NULL when memory ran out or the value
 * was not finished; frees what was built in that case. */
json_t *json_sink_finish(struct json_sink *js);

#endif
