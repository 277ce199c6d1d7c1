/*
 * plugin_env.c: the sandbox a werkvorm runs in (STYLE.md 9.4 steps 3-5).
 *
 * The state's own globals (LUA_RIDX_GLOBALS) hold the real libraries; only
 * the prelude sees them. A werkvorm gets a fresh _ENV with an allowlist:
 * read-only proxies of string, table, math, utf8, coroutine and a four-
 * function os, the safe base functions, and wrapped versions of the ones
 * that need care. Built-in C functions that can do unbounded work in one
 * call (table.sort, table.concat, table.move, ...) charge the instruction
 * budget first, because the count hook cannot see work done in C.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <lualib.h>

#include "plugin_internal.h"

/* --- read-only proxies ------------------------------------------------------ */

static int proxy_newindex(lua_State *L)
{
    return luaL_error(L, "'%s' is alleen-lezen: een werkvorm kan er niets aan veranderen",
                      lua_tostring(L, lua_upvalueindex(1)));
}

static int proxy_pairs(lua_State *L)
{
    lua_getglobal(L, "next");
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushnil(L);
    return 3;
}

void plugin_env_readonly(lua_State *L, const char *name)
{
    int real = lua_gettop(L);

    luaL_checkstack(L, 4, "proxy");
    lua_createtable(L, 0, 0);                 /* the proxy */
    lua_createtable(L, 0, 4);                 /* its metatable */
    lua_pushvalue(L, real);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, name);
    lua_pushcclosure(L, proxy_newindex, 1);
    lua_setfield(L, -2, "__newindex");
    lua_pushvalue(L, real);
    lua_pushcclosure(L, proxy_pairs, 1);
    lua_setfield(L, -2, "__pairs");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_replace(L, real);
}

/* --- the random generator (xoshiro256**, seeded by splitmix64) ------------------ */

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void plugin_rng_seed(struct plugin *p, uint64_t seed)
{
    for (int i = 0; i < 4; i++) {
        uint64_t z = (seed += 0x9e3779b97f4a7c15u);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        p->rng[i] = z ^ (z >> 31);
    }
}

uint64_t plugin_rng_next(struct plugin *p)
{
    uint64_t *s = p->rng;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

lua_Integer plugin_rng_range(struct plugin *p, lua_Integer lo, lua_Integer hi)
{
    uint64_t span = (uint64_t)hi - (uint64_t)lo, mask = span, r;

    if (span == UINT64_MAX)
        return (lua_Integer)plugin_rng_next(p);
    /* the smallest 2^b - 1 >= span, then reject what falls outside: no bias */
    for (int shift = 1; shift < 64; shift *= 2)
        mask |= mask >> shift;
    do
        r = plugin_rng_next(p) & mask;
    while (r > span);
    return (lua_Integer)((uint64_t)lo + r);
}

static int math_random(lua_State *L)
{
    struct plugin *p = plugin_of(L);
    lua_Integer lo = 1, hi;

    switch (lua_gettop(L)) {
    case 0:
        lua_pushnumber(L, (lua_Number)(plugin_rng_next(p) >> 11) * 0x1.0p-53);
        return 1;
    case 1:
        hi = luaL_checkinteger(L, 1);
        if (hi == 0) {  /* as in Lua 5.4: all bits random */
            lua_pushinteger(L, (lua_Integer)plugin_rng_next(p));
            return 1;
        }
        break;
    case 2:
        lo = luaL_checkinteger(L, 1);
        hi = luaL_checkinteger(L, 2);
        break;
    default:
        return luaL_error(L, "math.random verwacht 0, 1 of 2 getallen");
    }
    luaL_argcheck(L, lo <= hi, lua_gettop(L), "het interval is leeg");
    lua_pushinteger(L, plugin_rng_range(p, lo, hi));
    return 1;
}

/* Seeds from the argument; without one, as at the start of the call. */
static int math_randomseed(lua_State *L)
{
    struct plugin *p = plugin_of(L);

    if (lua_isnoneornil(L, 1)) {
        plugin_rng_seed(p, p->call_seed);
    } else if (lua_isinteger(L, 1)) {
        plugin_rng_seed(p, (uint64_t)lua_tointeger(L, 1));
    } else {
        lua_Number n = luaL_checknumber(L, 1);
        uint64_t bits;
        memcpy(&bits, &n, sizeof bits);
        plugin_rng_seed(p, bits);
    }
    return 0;
}

/* --- charged C functions ---------------------------------------------------------- */

/* hi - lo + 1 without overflow; 0 for an empty range. */
static long long span(lua_Integer lo, lua_Integer hi)
{
    if (hi < lo)
        return 0;
    if ((lua_Unsigned)hi - (lua_Unsigned)lo >= (lua_Unsigned)LLONG_MAX)
        return LLONG_MAX;
    return (long long)((lua_Unsigned)hi - (lua_Unsigned)lo) + 1;
}

/* What one call of a table function will cost, read from its arguments the
 * way the function itself reads them (luaL_len honours __len). */
static long long table_cost(lua_State *L, const char *fn)
{
    lua_Integer n;

    if (lua_type(L, 1) != LUA_TTABLE)
        return 1;  /* the function itself raises the argument error */
    if (strcmp(fn, "move") == 0)
        return span(luaL_optinteger(L, 2, 1), luaL_optinteger(L, 3, 0));
    n = luaL_len(L, 1);
    if (strcmp(fn, "concat") == 0)
        return span(luaL_optinteger(L, 3, 1), luaL_optinteger(L, 4, n));
    if (strcmp(fn, "unpack") == 0)
        return span(luaL_optinteger(L, 2, 1), luaL_optinteger(L, 3, n));
    if (strcmp(fn, "sort") == 0 && n > 1) {
        double cost = (double)n * (log2((double)n) + 1);
        return cost >= (double)LLONG_MAX ? LLONG_MAX : (long long)cost;
    }
    return n > 0 ? (long long)n : 1;  /* insert, remove: they shift up to n items */
}

/* upvalue 1: the original function, upvalue 2: its name */
static int charged_table_fn(lua_State *L)
{
    int nargs = lua_gettop(L);

    plugin_charge(L, table_cost(L, lua_tostring(L, lua_upvalueindex(2))));
    lua_settop(L, nargs);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, nargs, LUA_MULTRET);
    return lua_gettop(L);
}

/* string.rep: the stock one loops n times even when the result is empty,
 * so string.rep("", 1e18) would hang in C. Otherwise its work is bounded
 * by the result, which it allocates first and the memory cap bounds. */
static int safe_rep(lua_State *L)
{
    size_t l, lsep = 0;
    int nargs = lua_gettop(L);
    lua_Integer n;

    luaL_checklstring(L, 1, &l);
    n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    if (n <= 0 || l + lsep == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    lua_settop(L, nargs);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, nargs, 1);
    return 1;
}

/* --- wrapped base functions --------------------------------------------------------- */

static int env_setmetatable(lua_State *L)
{
    int t = lua_type(L, 2);

    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    /* Lua 5.4 runs finalizers with hooks off: a __gc loop would hang the
     * engine. An object is marked for finalization only when its metatable
     * has __gc at this moment, so refusing it here is enough. */
    lua_pushliteral(L, "__gc");
    if (t == LUA_TTABLE && lua_rawget(L, 2) != LUA_TNIL)
        return luaL_error(L, "setmetatable: '__gc' is niet toegestaan in een werkvorm");
    lua_settop(L, 2);
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return luaL_error(L, "cannot change a protected metatable");
    lua_setmetatable(L, 1);
    return 1;
}

/* xpcall(f, handler, ...): Lua runs the handler where the error was raised.
 * When the count hook raised it (a limit), hooks are still switched off
 * there, so a looping handler would hang the engine. This xpcall runs the
 * handler after unwinding instead, with hooks on; without the debug
 * library a werkvorm cannot tell the difference. */
static int xpcall_done(lua_State *L, int status, lua_KContext ctx)
{
    (void)ctx;
    if (status != LUA_OK && status != LUA_YIELD) {  /* stack: handler, error */
        lua_pushvalue(L, 1);
        lua_insert(L, -2);
        lua_pcall(L, 1, 1, 0);  /* a failing handler: its error is the answer */
        lua_pushboolean(L, 0);
        lua_insert(L, -2);
        return 2;
    }
    lua_pushboolean(L, 1);  /* stack: handler, results... */
    lua_replace(L, 1);
    return lua_gettop(L);
}

static int env_xpcall(lua_State *L)
{
    int n = lua_gettop(L);

    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 1);
    lua_copy(L, 2, 1);
    lua_replace(L, 2);                    /* handler, f, args... */
    return xpcall_done(L, lua_pcallk(L, n - 2, LUA_MULTRET, 0, 0, xpcall_done), 0);
}

/* load(text [, chunkname [, mode [, env]]]): text only, never bytecode, and
 * the werkvorm's own _ENV unless another table is given. upvalue 1: _ENV */
static int env_load(lua_State *L)
{
    size_t len;
    const char *s, *name;
    int status;

    if (lua_type(L, 1) != LUA_TSTRING)
        return luaL_argerror(L, 1, "alleen tekst kan geladen worden in een werkvorm");
    s = lua_tolstring(L, 1, &len);
    name = luaL_optstring(L, 2, "=(load)");
    plugin_charge(L, (long long)len);
    if (plugin_has_close(s, len)) {
        luaL_pushfail(L);
        lua_pushliteral(L, "'<close>' is niet toegestaan in een werkvorm");
        return 2;
    }
    status = luaL_loadbufferx(L, s, len, name, "t");
    if (status != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (!lua_isnone(L, 4))
        lua_pushvalue(L, 4);
    else
        lua_pushvalue(L, lua_upvalueindex(1));
    lua_setupvalue(L, -2, 1);
    return 1;
}

int plugin_log_args(lua_State *L, char sep)
{
    int n = lua_gettop(L);
    luaL_Buffer b;
    size_t len;
    const char *s;

    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; i++) {
        if (i > 1)
            luaL_addchar(&b, sep);
        luaL_tolstring(L, i, NULL);  /* may run the werkvorm's __tostring: under the hook */
        luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
    s = lua_tolstring(L, -1, &len);
    plugin_log_line(plugin_of(L), s, len);
    return 0;
}

static int env_print(lua_State *L)
{
    return plugin_log_args(L, '\t');
}

static int env_collectgarbage(lua_State *L)
{
    const char *opt = luaL_optstring(L, 1, "collect");

    if (strcmp(opt, "count") != 0)
        return luaL_error(L, "collectgarbage: alleen collectgarbage(\"count\") is toegestaan in een werkvorm");
    lua_pushnumber(L, (lua_Number)lua_gc(L, LUA_GCCOUNT, 0) + (lua_Number)lua_gc(L, LUA_GCCOUNTB, 0) / 1024);
    return 1;
}

/* --- pairs in a fixed order -------------------------------------------------------
 * Lua seeds its string hashes from the clock and addresses, so next() visits
 * keys in a different order in every run. A result built with pairs would
 * then differ between a workshop and its replay. This pairs visits numbers
 * (ascending), then texts (byte order), then booleans, then other keys. */

static int key_rank(lua_State *L, int i)
{
    switch (lua_type(L, i)) {
    case LUA_TNUMBER: return 0;
    case LUA_TSTRING: return 1;
    case LUA_TBOOLEAN: return 2;
    default: return 3;
    }
}

static int key_less(lua_State *L)
{
    int ra = key_rank(L, 1), rb = key_rank(L, 2);

    if (ra != rb) {
        lua_pushboolean(L, ra < rb);
    } else if (ra == 0) {
        lua_pushboolean(L, lua_compare(L, 1, 2, LUA_OPLT));
    } else if (ra == 1) {
        size_t la, lb;
        const char *a = lua_tolstring(L, 1, &la), *b = lua_tolstring(L, 2, &lb);
        int c = memcmp(a, b, la < lb ? la : lb);
        lua_pushboolean(L, c < 0 || (c == 0 && la < lb));
    } else if (ra == 2) {
        lua_pushboolean(L, !lua_toboolean(L, 1) && lua_toboolean(L, 2));
    } else {
        lua_pushboolean(L, 0);
    }
    return 1;
}

/* upvalue 1: the sorted keys, upvalue 2: the position */
static int sorted_next(lua_State *L)
{
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));

    for (;;) {
        i++;
        if (lua_rawgeti(L, lua_upvalueindex(1), i) == LUA_TNIL)
            return 0;
        lua_pushvalue(L, -1);
        if (lua_rawget(L, 1) != LUA_TNIL) {
            lua_pushinteger(L, i);
            lua_replace(L, lua_upvalueindex(2));
            return 2;
        }
        lua_pop(L, 2);  /* removed while iterating: skip it */
    }
}

/* A key of the common kinds, whole numbers and texts, as qsort sees it. */
struct plain_key {
    const char *s;          /* NULL for a whole number */
    size_t len;
    lua_Integer i;
    lua_Integer pos;        /* its place in the keys table */
};

/* key_less's order for these kinds: numbers first, texts by their bytes. */
static int plain_key_order(const void *a, const void *b)
{
    const struct plain_key *x = a, *y = b;
    int c;

    if ((x->s == NULL) != (y->s == NULL))
        return x->s == NULL ? -1 : 1;
    if (x->s == NULL)
        return (x->i > y->i) - (x->i < y->i);
    c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
    return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

static int is_plain_key(lua_State *L, int i)
{
    return lua_type(L, i) == LUA_TSTRING || lua_isinteger(L, i);
}

/* Replaces the keys table at 2 (n whole numbers and texts) by one in
 * key_less's order, sorted in C: table.sort calling key_less through Lua
 * for every comparison cost a werkvorm more than the loop it served. The
 * texts stay referenced by the keys table while qsort reads them. */
static void sort_plain_keys(lua_State *L, lua_Integer n)
{
    struct plain_key *k = lua_newuserdatauv(L, (size_t)n * sizeof *k, 0);     /* 3 */

    for (lua_Integer i = 0; i < n; i++) {
        lua_rawgeti(L, 2, i + 1);
        k[i].s = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &k[i].len) : NULL;
        k[i].i = k[i].s == NULL ? lua_tointeger(L, -1) : 0;
        k[i].pos = i + 1;
        lua_pop(L, 1);
    }
    qsort(k, (size_t)n, sizeof *k, plain_key_order);
    lua_createtable(L, (int)n, 0);                                          /* 4 */
    for (lua_Integer i = 0; i < n; i++) {
        lua_rawgeti(L, 2, k[i].pos);
        lua_rawseti(L, 4, i + 1);
    }
    lua_replace(L, 2);
    lua_pop(L, 1);
}

/* upvalue 1: the real table.sort */
static int env_pairs(lua_State *L)
{
    lua_Integer n = 0;
    int plain = 1;

    luaL_checkany(L, 1);
    if (luaL_getmetafield(L, 1, "__pairs") != LUA_TNIL) {
        lua_pushvalue(L, 1);
        lua_call(L, 1, 3);
        return 3;
    }
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_newtable(L);                      /* 2: keys */
    lua_pushnil(L);
    while (lua_next(L, 1) != 0) {
        lua_pop(L, 1);
        plain = plain && is_plain_key(L, -1);
        lua_pushvalue(L, -1);
        lua_rawseti(L, 2, ++n);
    }
    if (n > 1) {
        plugin_charge(L, (long long)((double)n * (log2((double)n) + 1)));
        if (plain) {
            sort_plain_keys(L, n);
        } else {
            lua_pushvalue(L, lua_upvalueindex(1));
            lua_pushvalue(L, 2);
            lua_pushcfunction(L, key_less);
            lua_call(L, 2, 0);
        }
    }
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, sorted_next, 2);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

/* --- assembling --------------------------------------------------------------------- */

static void open_lib(lua_State *L, const char *name, lua_CFunction open)
{
    lua_pushcfunction(L, open);
    lua_call(L, 0, 1);
    lua_setglobal(L, name);
}

/* Wraps table.<fn> so that it charges before it runs; t at idx. */
static void charge_table_fn(lua_State *L, int idx, const char *fn)
{
    lua_getfield(L, idx, fn);
    lua_pushstring(L, fn);
    lua_pushcclosure(L, charged_table_fn, 2);
    lua_setfield(L, idx, fn);
}

static void harden_string(lua_State *L)
{
    static const char *const removed[] = { "dump", "pack", "packsize", "unpack", NULL };
    int s;

    lua_getglobal(L, "string");
    s = lua_gettop(L);
    for (int i = 0; removed[i] != NULL; i++) {
        lua_pushnil(L);
        lua_setfield(L, s, removed[i]);
    }
    lua_getfield(L, s, "rep");
    lua_pushcclosure(L, safe_rep, 1);
    lua_setfield(L, s, "rep");
    plugin_pattern_register(L, s);
    /* The string metatable is shared by every string: lock it. Its __index
     * is the real string table, which now holds the safe functions. */
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 3);
}

static void harden_table_math(lua_State *L)
{
    static const char *const charged[] = { "concat", "insert", "move", "remove", "sort", "unpack", NULL };

    lua_getglobal(L, "table");
    for (int i = 0; charged[i] != NULL; i++)
        charge_table_fn(L, lua_gettop(L), charged[i]);
    lua_pop(L, 1);
    lua_getglobal(L, "math");
    lua_pushcfunction(L, math_random);
    lua_setfield(L, -2, "random");
    lua_pushcfunction(L, math_randomseed);
    lua_setfield(L, -2, "randomseed");
    lua_pop(L, 1);
}

/* os: only what reads the clock; never execute, exit, getenv, remove, ... */
static void make_os(lua_State *L)
{
    static const char *const kept[] = { "clock", "date", "difftime", "time", NULL };

    lua_pushcfunction(L, luaopen_os);
    lua_call(L, 0, 1);
    lua_createtable(L, 0, 4);
    for (int i = 0; kept[i] != NULL; i++) {
        lua_getfield(L, -2, kept[i]);
        lua_setfield(L, -2, kept[i]);
    }
    lua_remove(L, -2);
    lua_setglobal(L, "os");
}

/* The real globals keep what the prelude uses; what reaches files, the
 * collector or standard output goes, so even the prelude cannot use it. */
static void open_libs(lua_State *L)
{
    static const char *const dropped[] = { "dofile", "loadfile", "load", "collectgarbage", "print", "warn", NULL };

    lua_pushcfunction(L, luaopen_base);
    lua_call(L, 0, 0);
    open_lib(L, "string", luaopen_string);
    open_lib(L, "table", luaopen_table);
    open_lib(L, "math", luaopen_math);
    open_lib(L, "utf8", luaopen_utf8);
    open_lib(L, "coroutine", luaopen_coroutine);
    make_os(L);
    for (int i = 0; dropped[i] != NULL; i++) {
        lua_pushnil(L);
        lua_setglobal(L, dropped[i]);
    }
    harden_string(L);
    harden_table_math(L);
}

static void env_copy_globals(lua_State *L, int env)
{
    static const char *const base[] = { "assert", "error", "getmetatable", "ipairs", "next", "pcall", "rawequal",
                                        "rawget", "rawlen", "select", "tonumber", "tostring", "type", "_VERSION",
                                        NULL };
    static const char *const libs[] = { "coroutine", "math", "os", "string", "table", "utf8", NULL };

    for (int i = 0; base[i] != NULL; i++) {
        lua_getglobal(L, base[i]);
        lua_setfield(L, env, base[i]);
    }
    for (int i = 0; libs[i] != NULL; i++) {
        lua_getglobal(L, libs[i]);
        plugin_env_readonly(L, libs[i]);
        lua_setfield(L, env, libs[i]);
    }
}

void plugin_env_push(lua_State *L)
{
    int env;

    luaL_checkstack(L, 8, "env");
    open_libs(L);
    plugin_api_push(L);                   /* wp, read-only */
    lua_createtable(L, 0, 32);
    env = lua_gettop(L);
    lua_insert(L, env - 1);               /* env below wp */
    env--;
    lua_setfield(L, env, "wp");
    env_copy_globals(L, env);
    lua_pushcfunction(L, env_setmetatable);
    lua_setfield(L, env, "setmetatable");
    lua_pushvalue(L, env);
    lua_pushcclosure(L, env_load, 1);
    lua_setfield(L, env, "load");
    lua_pushcfunction(L, env_print);
    lua_setfield(L, env, "print");
    lua_pushcfunction(L, env_collectgarbage);
    lua_setfield(L, env, "collectgarbage");
    lua_pushcfunction(L, env_xpcall);
    lua_setfield(L, env, "xpcall");
    lua_getglobal(L, "table");
    lua_getfield(L, -1, "sort");
    lua_pushcclosure(L, env_pairs, 1);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, PLUGIN_ENV_PAIRS);
    lua_setfield(L, env, "pairs");
    lua_pop(L, 1);
    lua_pushvalue(L, env);
    lua_setfield(L, env, "_G");
}
