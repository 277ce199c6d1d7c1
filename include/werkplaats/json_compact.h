/*
 * json_compact.h: the compact JSON text of a value, as stored in the
 * database (session and sprint results).
 *
 * It is byte for byte what jansson's json_dumps(v, JSON_COMPACT |
 * JSON_SORT_KEYS) gives, which is how results were stored before and what
 * readers parse back; test_json_compact compares the two on every kind of
 * value. It exists because json_dumps costs about 90 instructions per byte
 * (it checks every container for loops and hands out the text in small
 * pieces), and a replay stores every session's result: at 10^4 facts that
 * was a tenth of all the work. This writer walks the tree once into one
 * growing buffer.
 */
#ifndef WERKPLAATS_JSON_COMPACT_H
#define WERKPLAATS_JSON_COMPACT_H

#include <jansson.h>

/* The text of an object or array (caller frees), or NULL when memory runs
 * out or v is neither (json_dumps gives NULL then too). */
char *json_compact(const json_t *v);

#endif
