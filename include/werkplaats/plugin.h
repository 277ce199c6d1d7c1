/*
 * plugin.h: the Lua 5.4 host for werkvormen.
 *
 * A werkvorm is one Lua file that returns a table: its card, what it needs
 * from earlier sprints (nodig), what it delivers (levert), its steps
 * (stappen), and a resultaat function that turns the session's facts into
 * its result. The engine talks to werkvormen only through this header; only
 * engine/plugin*.c include Lua. werkvormen/README.md is the author's side of
 * this contract.
 *
 * Every plugin runs in its own lua_State with a memory cap, an instruction
 * budget, a wall-clock deadline and an allowlisted environment (no io, os
 * beyond date/time/clock/difftime, package, require, debug, binary chunks,
 * string.dump or __gc). Built-in C functions that could run long (patterns,
 * table.sort, string.rep, ...) charge the same budget. A plugin failure never
 * crashes the engine and never touches stored facts: it comes back as a
 * Dutch message "werkvorm <id>: <file>:<line>: ...". After a failure the Lua
 * state is closed; the next call starts from a fresh state.
 *
 * Data crosses the boundary as JSON (jansson) copies, never as live pointers.
 * Lua -> JSON: a sequence becomes an array, a table with text keys an object,
 * an empty table an empty array []; functions, cycles, NaN and mixed tables
 * are refused with a message naming the key path.
 */
#ifndef WERKPLAATS_PLUGIN_H
#define WERKPLAATS_PLUGIN_H

#include <stddef.h>

#include <jansson.h>

#include "werkplaats/error.h"
#include "werkplaats/methode.h"

/* The kind of input a step takes. */
enum plugin_invoer {
    INVOER_GEEN,        /* instruction only: an introduction, a walk, a break */
    INVOER_BIJDRAGE,    /* contributions (sticky notes), optionally per veld and with omgeving tags */
    INVOER_STEM,        /* votes on the contributions of an earlier step */
    INVOER_PLAATSING,   /* placing items on a scale (a contribution, a betrokkene, a free label) */
    INVOER_BESLUIT      /* a decision with objections and how each was resolved */
};
extern const char *const plugin_invoer_namen[]; /* "geen", "bijdrage", "stem", "plaatsing", "besluit", NULL */

/* bijdrage steps: whether contributions carry omgeving tags. */
enum plugin_omgevingen { OMGEVINGEN_NIET, OMGEVINGEN_OPTIONEEL, OMGEVINGEN_VERPLICHT };

/* The outcomes a besluit step records. */
extern const char *const plugin_uitkomsten[]; /* "aangenomen", "verworpen", "aangehouden", NULL */

/* Result keys the engine itself reads later; any werkvorm may return them. */
extern const char *const plugin_gereserveerd[]; /* "afspraken", "houdingen", NULL */

struct plugin_stap {
    char *id;
    char *titel;
    char *instructie;          /* to read aloud */
    int duur;                  /* timebox in minutes */
    enum plugin_invoer invoer;
    char **velden;             /* bijdrage: allowed fields (NULL-terminated), NULL: free */
    int omgevingen;            /* bijdrage: enum plugin_omgevingen */
    int gevoelig;              /* bijdrage: its texts are personal (removed by export --anoniem, vergeet) */
    int stemmen;               /* stem: votes per participant */
    char *op;                  /* stem/plaatsing: the step whose contributions are the items,
                                  or "betrokkenen" for the casus betrokkenen; NULL: free labels */
    int schaal_min, schaal_max;/* plaatsing: the scale */
    char **schaal_labels;      /* plaatsing: optional names of the scale points, min..max */
    int line;                  /* where the step is defined */
};

struct plugin_card {
    char *bestand;             /* the file it came from */
    char *id;
    char *naam;
    char *versie;
    int sprint;
    char *toelichting;
    char *opbrengst;
    char **deelnemers;         /* methode groepen, NULL-terminated */
    int groep_min, groep_max;
    int duur;                  /* minutes, the sum of the steps' duur */
    char *schatting;           /* note on which values are the author's estimate, or NULL */
    char **nodig;              /* result keys read from earlier sprints, NULL-terminated (never NULL) */
    char **levert;             /* result keys delivered, NULL-terminated */
    struct plugin_stap *stappen;
    size_t n_stappen;
    int heeft_bij_stap;        /* has the optional step-transition hook */
    int heeft_voorbeeld;       /* has the optional voorbeeld (the author's own test) */
};

struct plugin_limits {
    size_t geheugen;           /* bytes the Lua state may allocate */
    long long instructies;     /* Lua VM instructions per call (built-in functions charge too) */
    int tijd_ms;               /* wall-clock milliseconds per call */
};

/* Defaults a normal werkvorm never meets: 32 MiB, 10^8 instructions, 2 s. */
extern const struct plugin_limits plugin_default_limits;

/* The defaults, overridden by WERKPLAATS_LUA_GEHEUGEN_MB, WERKPLAATS_LUA_INSTRUCTIES
 * and WERKPLAATS_LUA_TIJD_MS when set. A malformed value is an error (and
 * *out keeps the defaults). */
int plugin_limits_from_env(struct plugin_limits *out, wp_error *err);

/* A result key and the sprint that delivers it, for checking `nodig`. */
struct plugin_levering {
    const char *sleutel;
    int sprint;
};

/* Where print() and wp.log() lines go; NULL: standard error, prefixed with
 * "werkvorm <id>: ". */
typedef void (*plugin_log_fn)(void *data, const char *werkvorm, const char *regel);

/* What a plugin may see and how it is checked. methode and leveringen are
 * borrowed for plugin_load only; casus and resultaten are referenced (the
 * plugin takes its own reference). */
struct plugin_context {
    const struct methode *methode;      /* vocabularies, number of sprints */
    const struct plugin_levering *leveringen; /* besides the methode's own: what other
                                           werkvormen deliver; n_leveringen entries */
    size_t n_leveringen;
    int nodig_later;                    /* 1: plugin_load skips the nodig check; the caller
                                           runs plugin_check_nodig once every card is known */
    json_t *casus;                      /* casus_to_json(); may be NULL for `check` */
    json_t *resultaten;                 /* frozen earlier results, key -> value; may be NULL */
    long long zaad;                     /* seed of the session's random generator */
    struct plugin_limits limits;        /* a zero field takes its default; see also
                                           plugin_limits_from_env */
    plugin_log_fn log;
    void *log_data;
};

struct plugin;

/* Loads a werkvorm file, runs its chunk in the sandbox and validates the
 * card. Every problem is reported at once, each with file:line. */
struct plugin *plugin_load(const char *path, const struct plugin_context *ctx, wp_error *err);
/* The same for a werkvorm's source text in memory (len bytes, not
 * NUL-terminated); name stands for the file in messages. The fuzz target
 * for the card validator loads this way. */
struct plugin *plugin_load_string(const char *name, const char *src, size_t len, const struct plugin_context *ctx,
                                  wp_error *err);
/* A new plugin from the source `from` was loaded from, as it was read then:
 * its own Lua state, card and context, without reading and scanning the
 * file again. The bibliotheek read every werkvorm when it opened; a
 * replay opens one for every session. */
struct plugin *plugin_load_again(const struct plugin *from, const struct plugin_context *ctx, wp_error *err);
void plugin_free(struct plugin *p);

const struct plugin_card *plugin_card(const struct plugin *p);

/* Checks that every `nodig` key is delivered by a sprint before the card's:
 * by the methode or by one of leveringen. plugin_load does this itself
 * unless ctx->nodig_later is set. Returns 0 when all is well. */
int plugin_check_nodig(const struct plugin *p, const struct methode *m,
                       const struct plugin_levering *leveringen, size_t n, wp_error *err);

/* Runs resultaat(sessie) on the facts view of a session (the sessie table
 * of werkvormen/README.md section 5, as JSON; NULL gives an empty table).
 * Returns the result as a JSON object holding every levert key (and maybe
 * the reserved keys), or NULL with a message naming the werkvorm, file and
 * line. A plugin that failed is closed and reopens fresh on the next call.
 * The random generator starts from ctx->zaad and the call, so calling again
 * with the same facts gives the same result. */
json_t *plugin_resultaat(struct plugin *p, json_t *feiten, wp_error *err);

/* The same, with the facts view written by emit(data, sink) straight into
 * the werkvorm's Lua state (value_sink.h): a session's view never goes
 * through jansson on its way to resultaat. emit returns 0, or -1 when it
 * could not finish the view. */
struct value_sink;
struct plugin_emitter {
    int (*emit)(const void *data, struct value_sink *sink);
    const void *data;
};
json_t *plugin_resultaat_emit(struct plugin *p, const struct plugin_emitter *feiten, wp_error *err);

/* The facts view for a bij_stap hook, read only when the hook reads its
 * sessie: read(data) reads the session (NULL with err set), emit writes
 * what it read into the hook's Lua state as plugin_emitter's emit does, and
 * release frees it once the call is over. */
struct plugin_view {
    void *(*read)(void *data, wp_error *err);
    int (*emit)(const void *view, struct value_sink *sink);
    void (*release)(void *view);
    void *data;
};

/* Runs the optional bij_stap(van, naar, sessie) hook; returns a message for
 * the facilitator (caller frees), NULL when the hook said nothing, or NULL
 * with err set on failure. van or naar may be NULL at the start or end.
 * view->read runs at most once, when the hook first uses its sessie (view
 * NULL: the sessie is empty). */
char *plugin_bij_stap(struct plugin *p, const char *van, const char *naar, const struct plugin_view *view,
                      wp_error *err);

/* The optional voorbeeld table (an author's own test) as JSON, or NULL when
 * the werkvorm declares none (err untouched) or on failure (err set).
 * Caller owns the reference. */
json_t *plugin_voorbeeld(struct plugin *p, wp_error *err);

/* The step with id, or NULL. */
const struct plugin_stap *plugin_card_stap(const struct plugin_card *c, const char *id);

/* The file as given to plugin_load. */
const char *plugin_path(const struct plugin *p);

/* The Lua traceback of the last failure, or "" (for a log, not for people). */
const char *plugin_traceback(const struct plugin *p);

/* Frees the Lua state now (to save memory in a catalogue); the next call
 * opens a fresh one. The card stays. */
void plugin_close_state(struct plugin *p);

/* --- test hooks ------------------------------------------------------------
 * Fault injection (Lua's ltests.c "failnext", curl's torture mode): with
 * n > 0, the n-th allocation made by any plugin from now on fails (Lua's own
 * and the host's). plugin_fault_point() counts one allocation and says
 * whether it must fail; tests may route other allocators (jansson) through
 * it. n = 0 switches it off. */
void plugin_fail_alloc_at(long long n);
int plugin_fault_point(void);
/* Allocations counted since the last plugin_fail_alloc_at (n > 0 only). */
long long plugin_alloc_count(void);

#endif
