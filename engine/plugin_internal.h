/*
 * plugin_internal.h (engine-private): what engine/plugin*.c share. Only
 * these files include Lua; the rest of the engine sees plugin.h.
 *
 *   plugin.c          state lifecycle, capped allocator, budget hook,
 *                     protected calls, messages
 *   plugin_env.c      the sandbox: allowlisted _ENV, read-only library
 *                     proxies, wrapped base functions, charged C functions,
 *                     the deterministic random generator
 *   plugin_pattern.c  Lua's pattern functions, re-implemented to charge the
 *                     budget (the stock ones run unbounded in C)
 *   plugin_json.c     JSON <-> Lua copies
 *   plugin_api.c      the `wp` table (C functions plus the Lua prelude)
 *   plugin_card.c     validation of the returned card
 *   plugin_lines.c    key paths -> source lines (no Lua)
 *   plugin_watchdog.c the last resort when C code outlives the deadline (no Lua)
 */
#ifndef WERKPLAATS_PLUGIN_INTERNAL_H
#define WERKPLAATS_PLUGIN_INTERNAL_H

#include <stdint.h>

#include <lauxlib.h>
#include <lua.h>

#include "plugin_lines.h"
#include "werkplaats/plugin.h"
#include "werkplaats/value_sink.h"

/* The count hook fires every this many VM instructions. */
#define PLUGIN_HOOK_COUNT 1000
/* Nesting limit of every recursive converter. */
#define PLUGIN_MAX_DEPTH 64

enum plugin_trip { TRIP_GEEN, TRIP_INSTRUCTIES, TRIP_TIJD };

struct plugin {
    char *path;                 /* as given to plugin_load */
    char *naam;                 /* for messages: the card id, or the file name until it is known */
    char *src;                  /* the source, kept to reopen the state; NULL when chunk is shared */
    size_t src_len;
    struct plugin_chunk *chunk; /* the source compiled (plugin_chunk.h), shared with plugins loaded again */
    struct plugin_lines *lines;
    struct plugin_card card;    /* owned strings */

    /* from the context */
    json_t *casus, *resultaten; /* own references, may be NULL */
    long long zaad;
    struct plugin_limits limits;
    plugin_log_fn log;
    void *log_data;

    /* the Lua state, NULL when closed */
    lua_State *L;
    int ref_card;               /* registry reference to the returned table */
    int ref_casus;              /* registry reference to the casus as pushed once, LUA_NOREF before */
    char short_src[LUA_IDSIZE]; /* how Lua abbreviates path in messages */

    /* per call */
    size_t mem_used;
    int mem_refused;            /* the cap refused an allocation */
    char mem_where[300];        /* "file:line" of the Lua code running then */
    long long used;             /* instructions charged */
    int64_t deadline_ms;        /* monotonic */
    enum plugin_trip tripped;
    char trip_where[300];
    int n_logged;               /* print lines in this call */
    uint64_t rng[4];            /* xoshiro256** state */
    uint64_t call_seed;         /* the seed this call started from */
    char *traceback;            /* of the last failure */
};

/* Allocations of the host side of plugins: they count for fault injection. */
char *plugin_strndup(const char *s, size_t n);
void *plugin_calloc(size_t n, size_t size);

/* The plugin that owns L (kept in the state's extra space; coroutines inherit it). */
struct plugin *plugin_of(lua_State *L);

/* Adds n instructions to the budget for work a C function is about to do;
 * raises the limit error (naming the calling Lua line) when it runs out or
 * the deadline has passed. */
void plugin_charge(lua_State *L, long long n);

/* A "file:line" for the innermost Lua function of L that has a line. */
void plugin_where(lua_State *L, int level, char *buf, size_t size);

/* One line to the host log (print, wp.log); capped in length and number. */
void plugin_log_line(struct plugin *p, const char *text, size_t len);
/* plugin_env.c: logs the arguments of the running C function as one line,
 * converted like print does and separated by sep. */
int plugin_log_args(lua_State *L, char sep);

/* The random generator: seeding and the next 64 bits. */
void plugin_rng_seed(struct plugin *p, uint64_t seed);
uint64_t plugin_rng_next(struct plugin *p);
/* A uniform integer in [lo, hi]; lo <= hi. */
lua_Integer plugin_rng_range(struct plugin *p, lua_Integer lo, lua_Integer hi);

/* The registry key of the sandbox's pairs (keys in a fixed order), for C
 * code that iterates on behalf of a werkvorm. */
#define PLUGIN_ENV_PAIRS "werkplaats.pairs"

/* plugin_env.c: opens the allowed libraries into the state's (private)
 * globals, locks them, builds `wp` (plugin_api_push) and pushes a fresh
 * _ENV for the werkvorm. Once per state. */
void plugin_env_push(lua_State *L);

/* plugin_pattern.c: sets find, match, gmatch and gsub in the table at idx. */
void plugin_pattern_register(lua_State *L, int idx);

/* plugin_env.c: a read-only view of the table on top (replaces it); name is
 * used in the message when a werkvorm tries to write to it. */
void plugin_env_readonly(lua_State *L, const char *name);

/* plugin_json.c */
void plugin_json_push(lua_State *L, json_t *j);   /* raises when nested too deep */
void plugin_json_copy(lua_State *L, int idx);     /* a fresh copy of a table plugin_json_push built */

/* A value_sink that leaves the value it builds on top of L's stack, as
 * plugin_json_push would have built it from the same JSON. Raises on
 * memory errors and too deep nesting: use it inside a protected call. */
struct lua_sink_frame {
    int idx;             /* the container's stack index */
    int is_array;
    lua_Integer n;       /* elements so far (arrays) */
    const char *key;     /* the container's own key in its parent */
};
struct lua_sink {
    struct value_sink sink;
    lua_State *L;
    struct lua_sink_frame open[VALUE_SINK_MAX_DEPTH];
    int depth;
    const char *key;     /* the pending key inside an object */
    long long nodes;     /* values so far, charged like plugin_json_push */
};
void plugin_lua_sink_init(struct lua_sink *ls, lua_State *L);

/* Converts the value at idx; NULL with a Dutch message in msg naming the
 * path under root ("resultaat.pijnen[2]"); the message starts with
 * "onvoldoende geheugen" when memory ran out. Never raises. */
json_t *plugin_json_from_lua(lua_State *L, int idx, const char *root, char *msg, size_t size);

/* plugin_api.c: pushes the (read-only) `wp` table. */
void plugin_api_push(lua_State *L);

/* plugin_card.c: reads and validates the card table at idx into p->card,
 * against ctx's methode and (unless ctx->nodig_later) its leveringen.
 * Returns 0 when it is valid; every problem goes to err with file:line,
 * in line order. */
int plugin_card_read(lua_State *L, int idx, struct plugin *p, const struct plugin_context *ctx, wp_error *err);

/* True when Lua source declares a to-be-closed variable (local x <close>).
 * A coroutine that dies of a limit error closes its variables with hooks
 * switched off, so a looping __close would hang the engine: werkvormen may
 * not use them. */
int plugin_has_close(const char *src, size_t len);

/* Dutch name of a Lua type for messages ("een tekst", "een tabel"). */
const char *plugin_type_name(int type);

/* Frees what plugin_card_read filled in. */
void plugin_card_clear(struct plugin_card *c);

#endif
