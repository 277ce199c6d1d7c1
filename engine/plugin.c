/*
 * plugin.c: the life of a werkvorm's Lua state (STYLE.md 9.4 steps 1, 2, 6-10).
 *
 * One lua_State per plugin, made with an allocator that enforces the memory
 * cap; a count hook that enforces the instruction budget and the deadline
 * and, once tripped, fires on every instruction so pcall cannot swallow it;
 * all host work on the Lua stack inside lua_pcall, with a C message handler.
 * A failure closes the state; the next call opens a fresh one from the
 * source kept in memory.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plugin_chunk.h"
#include "plugin_internal.h"
#include "plugin_watchdog.h"
#include "werkplaats/clock.h"
#include "werkplaats/text.h"

#define MAX_SOURCE (1024 * 1024)  /* bytes in a werkvorm file */
#define MAX_LOG_LINES 200         /* print/wp.log lines per call */
#define MAX_LOG_LINE 1000         /* bytes in one of them */
#define MAX_BIJ_STAP 4000         /* bytes in a bij_stap message */

const struct plugin_limits plugin_default_limits = { (size_t)32 << 20, 100000000LL, 2000 };

/* What one protected call does and what it gives back. */
struct call {
    struct plugin *p;
    const struct plugin_context *ctx; /* set: validate the card after the chunk ran */
    json_t *feiten;
    const struct plugin_emitter *emitter; /* resultaat: writes the feiten straight into Lua */
    const struct plugin_view *view;  /* bij_stap: gives the feiten when the hook first reads them */
    void *view_read;                 /* what view read, released when the call is over */
    const char *van, *naar;
    json_t *json;                    /* the result or the voorbeeld */
    char *text;                      /* the bij_stap message */
    wp_error *err;
    int failed;                      /* a problem was reported that is not a Lua error */
    int syntax;                      /* the chunk did not compile */
};

/* --- fault injection ------------------------------------------------------------ */

static long long fail_at, n_allocs;

void plugin_fail_alloc_at(long long n)
{
    fail_at = n;
    n_allocs = 0;
}

int plugin_fault_point(void)
{
    return fail_at > 0 && ++n_allocs == fail_at;
}

long long plugin_alloc_count(void)
{
    return n_allocs;
}

char *plugin_strndup(const char *s, size_t n)
{
    char *d;

    if (plugin_fault_point() || (d = malloc(n + 1)) == NULL)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void *plugin_calloc(size_t n, size_t size)
{
    return plugin_fault_point() ? NULL : calloc(n ? n : 1, size);
}

/* --- small helpers ------------------------------------------------------------------ */

const char *plugin_type_name(int type)
{
    switch (type) {
    case LUA_TNIL: return "niets (nil)";
    case LUA_TBOOLEAN: return "waar/onwaar";
    case LUA_TNUMBER: return "een getal";
    case LUA_TSTRING: return "een tekst";
    case LUA_TTABLE: return "een tabel";
    case LUA_TFUNCTION: return "een functie";
    default: return "een intern Lua-object";
    }
}

struct plugin *plugin_of(lua_State *L)
{
    return *(struct plugin **)lua_getextraspace(L);
}

void plugin_where(lua_State *L, int level, char *buf, size_t size)
{
    struct plugin *p = plugin_of(L);
    lua_Debug ar;

    for (int lv = level; lv < level + 200 && lua_getstack(L, lv, &ar); lv++) {
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0 || strcmp(ar.short_src, "[werkplaats]") == 0)
            continue;
        snprintf(buf, size, "%s:%d", strcmp(ar.short_src, p->short_src) == 0 ? p->path : ar.short_src,
                 ar.currentline);
        return;
    }
    snprintf(buf, size, "%s", p->path);
}

static void emit(struct plugin *p, const char *line)
{
    if (p->log != NULL)
        p->log(p->log_data, p->naam, line);
    else
        fprintf(stderr, "werkvorm %s: %s\n", p->naam, line);
}

void plugin_log_line(struct plugin *p, const char *text, size_t len)
{
    char line[MAX_LOG_LINE + 8];
    size_t n = len;

    if (p->n_logged > MAX_LOG_LINES)
        return;
    if (p->n_logged++ == MAX_LOG_LINES) {
        emit(p, "... (meer regels weggelaten)");
        return;
    }
    if (n > MAX_LOG_LINE) {
        n = MAX_LOG_LINE;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;  /* do not cut a UTF-8 character */
    }
    /* control characters could steer the facilitator's terminal */
    for (size_t i = 0; i < n; i++)
        line[i] = ((unsigned char)text[i] < 0x20 && text[i] != '\t') || text[i] == 0x7f ? ' ' : text[i];
    snprintf(line + n, sizeof line - n, "%s", n < len ? "..." : "");
    emit(p, line);
}

/* --- limits ---------------------------------------------------------------------------- */

static const char *trip_text(const struct plugin *p, char *buf, size_t size)
{
    if (p->tripped == TRIP_INSTRUCTIES)
        snprintf(buf, size, "gestopt: rekenlimiet van %lld instructies bereikt", p->limits.instructies);
    else
        snprintf(buf, size, "gestopt: tijdlimiet van %d ms overschreden", p->limits.tijd_ms);
    return buf;
}

static const char *memory_text(const struct plugin *p, char *buf, size_t size)
{
    size_t mib = p->limits.geheugen >> 20;

    if (mib << 20 == p->limits.geheugen)
        snprintf(buf, size, "gestopt: geheugenlimiet van %zu MiB overschreden", mib);
    else
        snprintf(buf, size, "gestopt: geheugenlimiet van %zu bytes overschreden", p->limits.geheugen);
    return buf;
}

static void hook(lua_State *L, lua_Debug *ar);

/* Raises the limit error; from now on the hook fires on every instruction,
 * so a pcall or a coroutine that catches it is stopped again at once. */
static int raise_trip(lua_State *L, struct plugin *p)
{
    char text[160];

    lua_sethook(L, hook, LUA_MASKCOUNT, 1);
    lua_pushfstring(L, "%s: %s", p->trip_where, trip_text(p, text, sizeof text));
    return lua_error(L);
}

static void hook(lua_State *L, lua_Debug *ar)
{
    struct plugin *p = plugin_of(L);

    (void)ar;
    if (p->tripped == TRIP_GEEN) {
        p->used += PLUGIN_HOOK_COUNT;
        if (p->used > p->limits.instructies)
            p->tripped = TRIP_INSTRUCTIES;
        else if (clock_mono_ms() > p->deadline_ms)
            p->tripped = TRIP_TIJD;
        if (p->tripped != TRIP_GEEN)
            plugin_where(L, 0, p->trip_where, sizeof p->trip_where);
    }
    if (p->tripped != TRIP_GEEN)
        raise_trip(L, p);
}

void plugin_charge(lua_State *L, long long n)
{
    struct plugin *p = plugin_of(L);

    if (p->tripped == TRIP_GEEN) {
        if (n < 0 || n > p->limits.instructies - p->used)
            p->tripped = TRIP_INSTRUCTIES;
        else if ((p->used += n, clock_mono_ms() > p->deadline_ms))
            p->tripped = TRIP_TIJD;
        if (p->tripped != TRIP_GEEN)
            plugin_where(L, 1, p->trip_where, sizeof p->trip_where);
    }
    if (p->tripped != TRIP_GEEN)
        raise_trip(L, p);
}

/* The lua_Alloc with a cap (HAProxy's arithmetic; Lua requires that a
 * shrink never fails). When ptr is NULL, osize is a type tag, not a size. */
static void *limit_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    struct plugin *p = ud;
    void *np;

    if (ptr == NULL)
        osize = 0;
    if (nsize == 0) {
        free(ptr);
        p->mem_used -= osize;
        return NULL;
    }
    if (nsize > osize) {
        if (nsize - osize > p->limits.geheugen - p->mem_used) {
            if (!p->mem_refused && p->L != NULL)
                plugin_where(p->L, 0, p->mem_where, sizeof p->mem_where);
            p->mem_refused = 1;
            return NULL;
        }
        if (plugin_fault_point())
            return NULL;
    }
    np = realloc(ptr, nsize);
    if (np == NULL) {
        if (nsize > osize)
            return NULL;
        np = ptr;  /* a failed shrink: keep the larger block */
    }
    p->mem_used = p->mem_used - osize + nsize;
    return np;
}

int plugin_limits_from_env(struct plugin_limits *out, wp_error *err)
{
    static const struct { const char *name; long long min, max; } vars[] = {
        { "WERKPLAATS_LUA_GEHEUGEN_MB", 1, 4096 },
        { "WERKPLAATS_LUA_INSTRUCTIES", 1000, 1000000000000LL },
        { "WERKPLAATS_LUA_TIJD_MS", 10, 3600000 },
    };
    int rc = 0;

    *out = plugin_default_limits;
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i].name);
        char *end;
        long long n;
        if (v == NULL || v[0] == '\0')
            continue;
        errno = 0;
        n = strtoll(v, &end, 10);
        if (*end != '\0' || errno != 0 || n < vars[i].min || n > vars[i].max) {
            rc = wp_error_add(err, WP_EUSER, NULL, "%s=%s: verwacht een geheel getal van %lld tot en met %lld",
                              vars[i].name, v, vars[i].min, vars[i].max);
            continue;
        }
        if (i == 0)
            out->geheugen = (size_t)n << 20;
        else if (i == 1)
            out->instructies = n;
        else
            out->tijd_ms = (int)n;
    }
    return rc;
}

/* --- protected calls ---------------------------------------------------------------------- */

/* The C message handler: never runs the werkvorm's __tostring (which could
 * loop or fail), gives a place to errors without text, adds a traceback. */
static int message_handler(lua_State *L)
{
    const char *msg;

    if (lua_type(L, 1) == LUA_TSTRING) {
        msg = lua_tostring(L, 1);
    } else {
        char where[300];
        plugin_where(L, 1, where, sizeof where);
        if (lua_type(L, 1) == LUA_TNUMBER)
            msg = lua_pushfstring(L, "%s: fout %s", where, lua_tostring(L, 1));
        else
            msg = lua_pushfstring(L, "%s: de werkvorm gaf een fout zonder tekst (%s); geef error() een tekst",
                                  where, plugin_type_name(lua_type(L, 1)));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

int plugin_has_close(const char *src, size_t len)
{
    struct plugin_lines *l = plugin_lines_scan(src, len);
    int found = l == NULL || plugin_lines_close(l) > 0;  /* out of memory: refuse */

    plugin_lines_free(l);
    return found;
}

/* "a.lua:3: a.lua:3: a.lua:3: msg" (nested coroutine.wrap adds its place at
 * every level) -> "a.lua:3: msg". */
static const char *skip_repeats(const char *msg)
{
    const char *colon = strchr(msg, ':');
    size_t n;

    while (colon != NULL && !(colon[1] >= '0' && colon[1] <= '9'))
        colon = strchr(colon + 1, ':');
    if (colon == NULL)
        return msg;
    colon += 1 + strspn(colon + 1, "0123456789");
    if (colon[0] != ':' || colon[1] != ' ')
        return msg;
    n = (size_t)(colon + 2 - msg);  /* "file:line: " */
    while (strncmp(msg + n, msg, n) == 0)
        msg += n;
    return msg;
}

/* Dutch help for the Lua messages authors meet most. */
static const char *explain(const char *msg)
{
    static const struct { const char *needle, *uitleg; } hints[] = {
        { "C stack overflow", "te diep genest; roept een functie zichzelf eindeloos aan?" },
        { "stack overflow", "roept een functie zichzelf eindeloos aan?" },
        { "attempt to index a nil value", "je leest een veld van iets dat nil is; bestaat die tabel of dat veld?" },
        { "attempt to call a nil value", "die functie bestaat niet (in een werkvorm); zie werkvormen/README.md" },
        { "attempt to perform arithmetic on a nil value", "je rekent met iets dat nil is" },
        { "attempt to concatenate a nil value", "je plakt tekst aan iets dat nil is" },
        { "attempt to compare", "je vergelijkt waarden van een verschillende soort, of nil" },
        { "yield across a C-call boundary", "coroutine.yield kan niet over een ingebouwde functie heen" },
        { "attempt to yield from outside a coroutine", "coroutine.yield werkt alleen binnen een coroutine" },
    };

    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
        if (strstr(msg, hints[i].needle) != NULL)
            return hints[i].uitleg;
    return NULL;
}

/* Turns a failed lua_pcall into one message "werkvorm <id>: <where>: <what>". */
static void report(struct plugin *p, struct call *c, int status)
{
    lua_State *L = p->L;
    const char *full = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    const char *raw = skip_repeats(full);
    size_t first = strcspn(raw, "\n"), slen = strlen(p->short_src);
    char msg[1600], text[160];
    const char *hint;
    int code = WP_EUSER;

    free(p->traceback);
    p->traceback = plugin_strndup(full, strlen(full));
    if (p->tripped != TRIP_GEEN) {
        snprintf(msg, sizeof msg, "%s: %s", p->trip_where, trip_text(p, text, sizeof text));
    } else if (p->mem_refused && (status == LUA_ERRMEM || strstr(raw, "not enough memory") != NULL)) {
        snprintf(msg, sizeof msg, "%s: %s", p->mem_where[0] ? p->mem_where : p->path,
                 memory_text(p, text, sizeof text));
    } else if (status == LUA_ERRMEM) {
        code = WP_EINTERNAL;
        snprintf(msg, sizeof msg, "%s: onvoldoende geheugen", p->path);
    } else if (status == LUA_ERRERR) {
        snprintf(msg, sizeof msg, "%s: fout tijdens het afhandelen van een fout", p->path);
    } else {
        /* Lua abbreviates long paths ("...kaart.lua"); say the whole path. */
        const char *rest = raw;
        const char *file = p->path;
        if (slen > 0 && strncmp(raw, p->short_src, slen) == 0 && raw[slen] == ':')
            rest = raw + slen;
        else
            file = "";
        if (c->syntax && rest != raw && strchr(rest + 1, ':') != NULL) {
            const char *colon = strchr(rest + 1, ':');
            snprintf(msg, sizeof msg, "%s%.*s: syntaxfout:%.*s", file, (int)(colon - rest), rest,
                     (int)(first - (size_t)(colon + 1 - raw)), colon + 1);
        } else if (c->syntax && rest == raw) {
            /* The parser gave no place (its own C stack ran out): name the file. */
            snprintf(msg, sizeof msg, "%s: %.*s", p->path, (int)first, raw);
        } else {
            snprintf(msg, sizeof msg, "%s%.*s", file, (int)(first - (size_t)(rest - raw)), rest);
        }
        if ((hint = explain(msg)) != NULL)
            snprintf(msg + strlen(msg), sizeof msg - strlen(msg), " (%s)", hint);
    }
    wp_error_add(c->err, code, NULL, "werkvorm %s: %s", p->naam, msg);
}

static uint64_t label_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325u;  /* FNV-1a */

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3u;
    return h;
}

/* Resets the per-call budget; the random generator starts from the
 * session's seed and what is called, so a replay draws the same numbers. */
static void arm(struct plugin *p, const char *label)
{
    p->used = 0;
    p->tripped = TRIP_GEEN;
    p->mem_refused = 0;
    p->n_logged = 0;
    p->trip_where[0] = p->mem_where[0] = '\0';
    p->deadline_ms = clock_mono_ms() + p->limits.tijd_ms;
    p->call_seed = (uint64_t)p->zaad ^ label_hash(label);
    plugin_rng_seed(p, p->call_seed);
    lua_sethook(p->L, hook, LUA_MASKCOUNT, PLUGIN_HOOK_COUNT);
}

static int protected_call(struct plugin *p, lua_CFunction body, struct call *c, const char *label)
{
    lua_State *L = p->L;
    struct plugin_watchdog wd;
    int status;

    arm(p, label);
    plugin_watchdog_start(&wd, p->naam, p->limits.tijd_ms + PLUGIN_WATCHDOG_GRACE_MS);
    /* These pushes cannot allocate: a new or emptied stack has room. */
    lua_settop(L, 0);
    lua_pushcfunction(L, message_handler);
    lua_pushcfunction(L, body);
    lua_pushlightuserdata(L, c);
    status = lua_pcall(L, 1, 0, 1);
    plugin_watchdog_stop(&wd);
    if (status != LUA_OK) {
        report(p, c, status);
        plugin_close_state(p);
        return -1;
    }
    lua_settop(L, 0);
    return c->failed ? -1 : 0;
}

/* A problem with what the werkvorm gave back, at the line of its card key. */
static int call_problem(struct call *c, const char *key, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int call_problem(struct call *c, const char *key, int code, const char *fmt, ...)
{
    char text[1200];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    wp_error_add(c->err, code, NULL, "werkvorm %s: %s:%d: %s", c->p->naam, c->p->path,
                 plugin_lines_key(c->p->lines, key), text);
    c->failed = 1;
    return 0;
}

/* --- opening a state --------------------------------------------------------------------- */

/* Pushes the werkvorm's main function: from its chunk when it was compiled
 * before (by this plugin or the one it was loaded again from), else from the
 * text, keeping the chunk for the next state. */
static int load_main(lua_State *L, struct plugin *p, const char *name)
{
    if (p->chunk != NULL)
        return plugin_chunk_load(L, p->chunk, name);
    if (luaL_loadbufferx(L, p->src, p->src_len, name, "t") != LUA_OK)
        return LUA_ERRSYNTAX;
    p->chunk = plugin_chunk_dump(L);
    return LUA_OK;
}

static int body_open(lua_State *L)
{
    struct call *c = lua_touserdata(L, 1);
    struct plugin *p = c->p;
    const char *name;
    lua_Debug ar;

    plugin_env_push(L);                                  /* 2: _ENV */
    name = lua_pushfstring(L, "@%s", p->path);           /* 3 */
    /* How Lua abbreviates the path in its messages, learnt from an empty
     * chunk, so that even a syntax error can be given the whole path. */
    if (luaL_loadbufferx(L, "", 0, name, "t") != LUA_OK)
        return lua_error(L);
    lua_getinfo(L, ">S", &ar);
    snprintf(p->short_src, sizeof p->short_src, "%s", ar.short_src);
    if (load_main(L, p, name) != LUA_OK) {
        c->syntax = 1;
        return lua_error(L);
    }
    lua_pushvalue(L, 2);
    lua_setupvalue(L, 4, 1);
    lua_call(L, 0, 1);                                   /* 4: what the chunk returned */
    if (lua_type(L, 4) != LUA_TTABLE)
        return luaL_error(L, "%s:%d: het bestand moet eindigen met 'return { ... }' (de werkvorm als tabel), "
                          "maar gaf %s terug", p->path, plugin_lines_key(p->lines, ""),
                          plugin_type_name(lua_type(L, 4)));
    lua_pushvalue(L, 4);
    p->ref_card = luaL_ref(L, LUA_REGISTRYINDEX);
    if (c->ctx != NULL && plugin_card_read(L, 4, p, c->ctx, c->err) != 0)
        c->failed = 1;
    return 0;
}

/* Lua 5.5 adds a seed argument to lua_newstate: this is the one place to change. */
static lua_State *new_state(struct plugin *p)
{
    return lua_newstate(limit_alloc, p);
}

static int panic(lua_State *L)
{
    /* Unreachable by design: every host operation runs inside lua_pcall. */
    fprintf(stderr, "werkplaats: interne fout in de Lua-omgeving: %s\n",
            lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?");
    return 0;
}

static void warning(void *ud, const char *msg, int tocont)
{
    (void)tocont;
    if (msg[0] != '@')  /* "@on"/"@off" are controls */
        plugin_log_line(ud, msg, strlen(msg));
}

static int open_state(struct plugin *p, struct call *c)
{
    p->mem_used = 0;
    p->L = new_state(p);
    if (p->L == NULL)
        return wp_error_add(c->err, WP_EINTERNAL, NULL, "werkvorm %s: onvoldoende geheugen voor een Lua-omgeving",
                            p->naam);
    *(struct plugin **)lua_getextraspace(p->L) = p;
    lua_atpanic(p->L, panic);
    lua_setwarnf(p->L, warning, p);
    return protected_call(p, body_open, c, "laden");
}

static int ensure_open(struct plugin *p, wp_error *err)
{
    struct call c = { .p = p, .err = err };

    return p->L != NULL ? 0 : open_state(p, &c);
}

void plugin_close_state(struct plugin *p)
{
    if (p->L == NULL)
        return;
    lua_close(p->L);
    p->L = NULL;
    p->ref_card = LUA_NOREF;
    p->ref_casus = LUA_NOREF;
}

/* --- loading ------------------------------------------------------------------------------ */

/* Checks the source now in p->src: the size and that it is text, not bytecode. */
static int check_source(struct plugin *p, wp_error *err)
{
    if (p->src_len > MAX_SOURCE)
        return wp_error_add(err, WP_EUSER, p->path, "is groter dan 1 MiB; een werkvorm is één Lua-bestand "
                            "van hooguit 1 MiB");
    if (p->src_len >= 4 && memcmp(p->src, LUA_SIGNATURE, 4) == 0)
        return wp_error_add(err, WP_EUSER, p->path, "is gecompileerde Lua (bytecode); een werkvorm moet "
                            "Lua-brontekst zijn");
    return 0;
}

static int read_source(struct plugin *p, wp_error *err)
{
    FILE *f = fopen(p->path, "rb");
    struct stat st;
    size_t n;

    if (f == NULL)
        return wp_error_add(err, WP_EUSER, p->path, "kan de werkvorm niet openen: %s", text_read_problem(errno));
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return wp_error_add(err, WP_EUSER, p->path, "is geen gewoon bestand");
    }
    if (st.st_size > MAX_SOURCE) {
        fclose(f);
        p->src_len = (size_t)st.st_size;
        return check_source(p, err);
    }
    if ((p->src = plugin_calloc((size_t)st.st_size + 1, 1)) == NULL) {
        fclose(f);
        return wp_error_add(err, WP_EINTERNAL, p->path, "onvoldoende geheugen");
    }
    n = fread(p->src, 1, (size_t)st.st_size, f);
    fclose(f);
    if (n != (size_t)st.st_size)
        return wp_error_add(err, WP_EUSER, p->path, "kan de werkvorm niet helemaal lezen");
    p->src_len = n;
    return check_source(p, err);
}

/* The source given as text (a fuzz target, an editor's buffer): a copy. */
static int copy_source(struct plugin *p, const char *src, size_t len, wp_error *err)
{
    p->src_len = len;
    if (len > MAX_SOURCE)
        return check_source(p, err);
    if ((p->src = plugin_calloc(len + 1, 1)) == NULL)
        return wp_error_add(err, WP_EINTERNAL, p->path, "onvoldoende geheugen");
    memcpy(p->src, src, len);
    return check_source(p, err);
}

/* "werkvormen/empathiekaart.lua" -> "empathiekaart", for messages until the card's id is known. */
static char *file_naam(const char *path)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t n = strlen(base);

    if (n > 4 && strcmp(base + n - 4, ".lua") == 0)
        n -= 4;
    return plugin_strndup(base, n);
}

/* What the plugin keeps of the context: its own references and copies. */
static void take_context(struct plugin *p, const struct plugin_context *ctx)
{
    p->casus = json_incref(ctx->casus);
    p->resultaten = json_incref(ctx->resultaten);
    p->zaad = ctx->zaad;
    p->limits = ctx->limits;
    if (p->limits.geheugen == 0)
        p->limits.geheugen = plugin_default_limits.geheugen;
    if (p->limits.instructies <= 0)
        p->limits.instructies = plugin_default_limits.instructies;
    if (p->limits.tijd_ms <= 0)
        p->limits.tijd_ms = plugin_default_limits.tijd_ms;
    p->log = ctx->log;
    p->log_data = ctx->log_data;
}

/* The source of a new plugin: from the file at p->path, from src when it
 * is not NULL, or from the plugin `from` was loaded from (its text and the
 * lines found in it, which passed the checks below then). */
static int take_source(struct plugin *p, const char *src, size_t len, const struct plugin *from, wp_error *err)
{
    if (from != NULL) {
        /* Its compiled chunk is all a state needs; the text only without one. */
        if ((p->chunk = plugin_chunk_ref(from->chunk)) == NULL && copy_source(p, from->src, from->src_len, err) != 0)
            return -1;
        p->src_len = from->src_len;
        p->lines = plugin_lines_ref(from->lines);
        return 0;
    }
    if ((src != NULL ? copy_source(p, src, len, err) : read_source(p, err)) != 0)
        return -1;
    if ((p->lines = plugin_lines_scan(p->src, p->src_len)) == NULL || plugin_fault_point())
        return wp_error_add(err, WP_EINTERNAL, p->path, "onvoldoende geheugen");
    if (plugin_lines_close(p->lines) > 0)
        return wp_error_add(err, WP_EUSER, NULL, "werkvorm %s: %s:%d: '<close>' is niet toegestaan in een werkvorm "
                            "(een gewone local volstaat)", p->naam, p->path, plugin_lines_close(p->lines));
    return 0;
}

/* Loads from path, or from src when it is not NULL (path then only names
 * it), or from the source `from` was loaded from. */
static struct plugin *load(const char *path, const char *src, size_t len, const struct plugin *from,
                           const struct plugin_context *ctx, wp_error *err)
{
    static const struct plugin_context none;
    struct plugin *p = plugin_calloc(1, sizeof *p);
    struct call c = { .p = p, .err = err };

    if (ctx == NULL)
        ctx = &none;
    if (p == NULL)
        return wp_error_add(err, WP_EINTERNAL, path, "onvoldoende geheugen"), NULL;
    p->ref_card = LUA_NOREF;
    p->ref_casus = LUA_NOREF;
    p->path = plugin_strndup(path, strlen(path));
    p->naam = file_naam(path);
    if (p->path == NULL || p->naam == NULL) {
        wp_error_add(err, WP_EINTERNAL, path, "onvoldoende geheugen");
        goto fail;
    }
    if (take_source(p, src, len, from, err) != 0)
        goto fail;
    take_context(p, ctx);
    c.ctx = ctx;
    if (open_state(p, &c) != 0)
        goto fail;
    free(p->naam);
    if ((p->naam = plugin_strndup(p->card.id, strlen(p->card.id))) == NULL) {
        wp_error_add(err, WP_EINTERNAL, path, "onvoldoende geheugen");
        goto fail;
    }
    return p;
fail:
    plugin_free(p);
    return NULL;
}

struct plugin *plugin_load(const char *path, const struct plugin_context *ctx, wp_error *err)
{
    return load(path, NULL, 0, NULL, ctx, err);
}

struct plugin *plugin_load_string(const char *name, const char *src, size_t len, const struct plugin_context *ctx,
                                  wp_error *err)
{
    return load(name, src != NULL ? src : "", len, NULL, ctx, err);
}

struct plugin *plugin_load_again(const struct plugin *from, const struct plugin_context *ctx, wp_error *err)
{
    return load(from->path, NULL, 0, from, ctx, err);
}

void plugin_free(struct plugin *p)
{
    if (p == NULL)
        return;
    plugin_close_state(p);
    plugin_card_clear(&p->card);
    plugin_lines_free(p->lines);
    plugin_chunk_free(p->chunk);
    json_decref(p->casus);
    json_decref(p->resultaten);
    free(p->src);
    free(p->path);
    free(p->naam);
    free(p->traceback);
    free(p);
}

const struct plugin_card *plugin_card(const struct plugin *p)
{
    return &p->card;
}

const char *plugin_path(const struct plugin *p)
{
    return p->path;
}

const char *plugin_traceback(const struct plugin *p)
{
    return p->traceback != NULL ? p->traceback : "";
}

const struct plugin_stap *plugin_card_stap(const struct plugin_card *c, const char *id)
{
    for (size_t i = 0; id != NULL && i < c->n_stappen; i++)
        if (c->stappen[i].id != NULL && strcmp(c->stappen[i].id, id) == 0)
            return &c->stappen[i];
    return NULL;
}

/* --- the calls -------------------------------------------------------------------------------- */

/* Pushes card[key] (raw) and returns its type. */
static int push_card_field(lua_State *L, const struct plugin *p, const char *key)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, p->ref_card);
    lua_pushstring(L, key);
    lua_rawget(L, -2);
    lua_remove(L, -2);
    return lua_type(L, -1);
}

static void push_feiten(lua_State *L, json_t *feiten)
{
    if (feiten == NULL)
        lua_newtable(L);
    else
        plugin_json_push(L, feiten);
}

/* Pushes the facts view that write(data, sink) builds. */
static void push_emitted(lua_State *L, int (*write)(const void *, struct value_sink *), const void *data)
{
    struct lua_sink ls;

    plugin_lua_sink_init(&ls, L);
    if (write(data, &ls.sink) != 0 || ls.depth != 0)
        luaL_error(L, "interne fout: de feiten van de sessie zijn niet compleet");
}

/* resultaat's sessie: written by the call's emitter, or from JSON. */
static void push_call_feiten(lua_State *L, struct call *c)
{
    if (c->emitter == NULL)
        push_feiten(L, c->feiten);
    else
        push_emitted(L, c->emitter->emit, c->emitter->data);
}

static int json_problem(struct call *c, const char *key, const char *what, const char *msg)
{
    int internal = strncmp(msg, "onvoldoende geheugen", 20) == 0;

    return call_problem(c, key, internal ? WP_EINTERNAL : WP_EUSER, "%s: %s", what, msg);
}

/* The result must be a table with text keys holding every levert key and
 * nothing a later sprint would not expect. */
static void check_levert(struct call *c)
{
    const struct plugin_card *card = &c->p->card;
    const char *key;
    json_t *v;
    char list[400];

    if (!json_is_object(c->json)) {
        if (json_array_size(c->json) == 0)
            call_problem(c, "resultaat", WP_EUSER, "resultaat() gaf een lege tabel terug; verwacht werd: %s",
                         text_choices(list, sizeof list, (const char *const *)card->levert));
        else
            call_problem(c, "resultaat", WP_EUSER, "resultaat() moet een tabel met namen teruggeven, zoals "
                         "{ %s = ... }, geen lijst", card->levert[0]);
        return;
    }
    for (size_t i = 0; card->levert[i] != NULL; i++)
        if (json_object_get(c->json, card->levert[i]) == NULL)
            call_problem(c, "resultaat", WP_EUSER, "resultaat() gaf geen '%s' terug, terwijl 'levert' het "
                         "belooft", card->levert[i]);
    json_object_foreach(c->json, key, v) {
        (void)v;
        if (text_index(key, (const char *const *)card->levert) < 0 && text_index(key, plugin_gereserveerd) < 0)
            call_problem(c, "resultaat", WP_EUSER, "resultaat() gaf '%s' terug, maar 'levert' noemt het niet; "
                         "zet het in 'levert' of laat het weg", key);
    }
}

static int body_resultaat(lua_State *L)
{
    struct call *c = lua_touserdata(L, 1);
    char msg[600];

    if (push_card_field(L, c->p, "resultaat") != LUA_TFUNCTION)
        return call_problem(c, "resultaat", WP_EUSER, "de werkvorm heeft geen functie 'resultaat' meer");
    push_call_feiten(L, c);
    lua_call(L, 1, 1);
    if (lua_type(L, -1) != LUA_TTABLE)
        return call_problem(c, "resultaat", WP_EUSER, "resultaat() moet een tabel teruggeven, niet %s",
                            plugin_type_name(lua_type(L, -1)));
    if ((c->json = plugin_json_from_lua(L, -1, "resultaat", msg, sizeof msg)) == NULL)
        return json_problem(c, "resultaat", "resultaat() gaf iets terug dat geen resultaat kan zijn", msg);
    check_levert(c);
    return 0;
}

/* Runs a body that gives back JSON; the caller owns it. */
static json_t *json_call(struct plugin *p, lua_CFunction body, json_t *feiten, const struct plugin_emitter *emitter,
                         const char *label, wp_error *err)
{
    struct call c = { .p = p, .feiten = feiten, .emitter = emitter, .err = err };

    if (ensure_open(p, err) != 0 || protected_call(p, body, &c, label) != 0) {
        json_decref(c.json);
        return NULL;
    }
    return c.json;
}

json_t *plugin_resultaat(struct plugin *p, json_t *feiten, wp_error *err)
{
    return json_call(p, body_resultaat, feiten, NULL, "resultaat", err);
}

json_t *plugin_resultaat_emit(struct plugin *p, const struct plugin_emitter *feiten, wp_error *err)
{
    return json_call(p, body_resultaat, NULL, feiten, "resultaat", err);
}

/* --- the sessie of bij_stap, built when first used ----------------------------------
 * Most bij_stap hooks never look at their sessie, and building it means
 * reading the whole session at every step change. So the hook gets an empty
 * table whose metatable fills it on first use (a read, a write, pairs or #)
 * and then steps aside: from then on it is a plain table, as resultaat's.
 * The fill reaches the call through a userdata the call clears when it
 * ends, so a sessie a werkvorm kept in a global cannot reach a call that
 * is over. */

struct lazy_sessie {
    struct call *c;
};

static int lazy_fill(lua_State *L)
{
    struct lazy_sessie *ls = lua_touserdata(L, lua_upvalueindex(1));
    struct call *c = ls->c;

    if (c == NULL)
        return luaL_error(L, "de sessie van bij_stap is alleen tijdens die aanroep te lezen; "
                          "bewaar wat je nodig hebt in een eigen tabel");
    if (c->view == NULL) {
        lua_newtable(L);
    } else {
        /* What was read belongs to the call, so a Lua error while it is
         * written (the memory cap) cannot leak it. */
        if (c->view_read == NULL) {
            wp_error why = WP_ERROR_INIT;
            if ((c->view_read = c->view->read(c->view->data, &why)) == NULL) {
                lua_pushfstring(L, "de sessie lezen lukte niet: %s", wp_error_first(&why));
                wp_error_clear(&why);
                return lua_error(L);
            }
        }
        push_emitted(L, c->view->emit, c->view_read);
    }
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, 1);
    }
    lua_pop(L, 1);
    lua_pushnil(L);
    lua_setmetatable(L, 1);
    return 0;
}

static int lazy_index(lua_State *L)
{
    lazy_fill(L);
    lua_rawget(L, 1);
    return 1;
}

static int lazy_newindex(lua_State *L)
{
    lazy_fill(L);
    lua_rawset(L, 1);
    return 0;
}

static int lazy_len(lua_State *L)
{
    lazy_fill(L);
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, 1));
    return 1;
}

/* The sandbox's pairs, which visits keys in a fixed order. */
static int lazy_pairs(lua_State *L)
{
    lazy_fill(L);
    lua_settop(L, 1);
    lua_getfield(L, LUA_REGISTRYINDEX, PLUGIN_ENV_PAIRS);
    lua_insert(L, 1);
    lua_call(L, 1, 3);
    return 3;
}

/* Pushes the empty sessie table whose metatable reaches the call through
 * the handle at index handle. */
static void push_lazy_sessie(lua_State *L, int handle)
{
    static const luaL_Reg meta[] = {
        { "__index", lazy_index }, { "__newindex", lazy_newindex }, { "__len", lazy_len },
        { "__pairs", lazy_pairs }, { NULL, NULL }
    };

    luaL_checkstack(L, 4, "sessie");
    lua_createtable(L, 0, 0);
    lua_createtable(L, 0, 4);
    lua_pushvalue(L, handle);
    luaL_setfuncs(L, meta, 1);
    lua_setmetatable(L, -2);
}

static int body_bij_stap(lua_State *L)
{
    struct call *c = lua_touserdata(L, 1);
    /* The handle stays on this stack during the hook: once the sessie has
     * filled itself its metatable is garbage, and with it the handle. */
    struct lazy_sessie *ls = lua_newuserdatauv(L, sizeof *ls, 0);
    int handle = lua_gettop(L), type;
    size_t len;
    const char *s;

    ls->c = c;
    type = push_card_field(L, c->p, "bij_stap");
    if (type == LUA_TNIL)
        return 0;
    if (type != LUA_TFUNCTION)
        return call_problem(c, "bij_stap", WP_EUSER, "'bij_stap' is geen functie meer");
    if (c->van != NULL)
        lua_pushstring(L, c->van);
    else
        lua_pushnil(L);
    if (c->naar != NULL)
        lua_pushstring(L, c->naar);
    else
        lua_pushnil(L);
    push_lazy_sessie(L, handle);
    lua_call(L, 3, 1);
    ls->c = NULL;  /* on an error the state is closed, and the sessie with it */
    type = lua_type(L, -1);
    if (type == LUA_TNIL)
        return 0;
    if (type != LUA_TSTRING)
        return call_problem(c, "bij_stap", WP_EUSER, "bij_stap() moet een tekst of nil teruggeven, niet %s",
                            plugin_type_name(type));
    s = lua_tolstring(L, -1, &len);
    if (len > MAX_BIJ_STAP || !text_utf8_valid(s, len))
        return call_problem(c, "bij_stap", WP_EUSER, "bij_stap() gaf een tekst terug die langer is dan %d bytes "
                            "of geen geldige UTF-8 is", MAX_BIJ_STAP);
    if ((c->text = plugin_strndup(s, len)) == NULL)
        return call_problem(c, "bij_stap", WP_EINTERNAL, "onvoldoende geheugen");
    return 0;
}

char *plugin_bij_stap(struct plugin *p, const char *van, const char *naar, const struct plugin_view *view,
                      wp_error *err)
{
    struct call c = { .p = p, .view = view, .van = van, .naar = naar, .err = err };
    char label[300];
    int rc;

    snprintf(label, sizeof label, "bij_stap:%s>%s", van ? van : "", naar ? naar : "");
    rc = ensure_open(p, err) != 0 || protected_call(p, body_bij_stap, &c, label) != 0;
    if (c.view_read != NULL)
        view->release(c.view_read);
    if (rc != 0) {
        free(c.text);
        return NULL;
    }
    return c.text;
}

static int body_voorbeeld(lua_State *L)
{
    struct call *c = lua_touserdata(L, 1);
    int type = push_card_field(L, c->p, "voorbeeld");
    char msg[600];

    if (type == LUA_TNIL)
        return 0;
    if (type != LUA_TTABLE)
        return call_problem(c, "voorbeeld", WP_EUSER, "'voorbeeld' moet een tabel zijn, niet %s",
                            plugin_type_name(type));
    if ((c->json = plugin_json_from_lua(L, -1, "voorbeeld", msg, sizeof msg)) == NULL)
        return json_problem(c, "voorbeeld", "het voorbeeld kan niet als gegevens worden doorgegeven", msg);
    return 0;
}

json_t *plugin_voorbeeld(struct plugin *p, wp_error *err)
{
    return json_call(p, body_voorbeeld, NULL, NULL, "voorbeeld", err);
}
