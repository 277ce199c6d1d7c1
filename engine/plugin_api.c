/*
 * plugin_api.c: the `wp` table werkvormen call (STYLE.md 9.3).
 *
 * The C half reads host data (the casus, earlier results) and gives fresh
 * copies, so a werkvorm can change what it got without touching the
 * engine's. The Lua half (plugin_prelude.lua, built in) holds the list
 * helpers. Misuse raises with the werkvorm's line (luaL_argerror); expected
 * failures return nil plus a Dutch message, like Lua's io library.
 */
#include <string.h>

#include "plugin_chunk.h"
#include "plugin_internal.h"
#include "werkplaats/text.h"

#include "plugin_prelude.inc"  /* generated: static const unsigned char plugin_prelude[] */

/* wp.casus(): the casus as a table, or nil, message outside a traject.
 * Every call gets its own copy, so a werkvorm that changes it changes
 * nothing for the next call; the copy is made from a table pushed once per
 * Lua state and kept where Lua code cannot reach it (the registry), since
 * bij_stap asks for the casus at every step. */
static int api_casus(lua_State *L)
{
    struct plugin *p = plugin_of(L);

    if (p->casus == NULL) {
        luaL_pushfail(L);
        lua_pushliteral(L, "er is geen casus: de werkvorm draait nu zonder traject (bijvoorbeeld bij 'werkvorm check')");
        return 2;
    }
    if (p->ref_casus == LUA_NOREF) {
        plugin_json_push(L, p->casus);
        p->ref_casus = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, p->ref_casus);
    plugin_json_copy(L, -1);
    lua_remove(L, -2);
    return 1;
}

/* wp.resultaat(sleutel): a frozen result of an earlier sprint, or nil, message. */
static int api_resultaat(lua_State *L)
{
    struct plugin *p = plugin_of(L);
    const char *key = luaL_checkstring(L, 1);
    json_t *v = p->resultaten != NULL ? json_object_get(p->resultaten, key) : NULL;
    const char *names[64];
    const char *k;
    json_t *x;
    size_t n = 0;
    char hint[128];

    if (v != NULL) {
        plugin_json_push(L, v);
        return 1;
    }
    if (p->resultaten != NULL)
        json_object_foreach(p->resultaten, k, x) {
            (void)x;
            if (n < 63)
                names[n++] = k;
        }
    names[n] = NULL;
    luaL_pushfail(L);
    lua_pushfstring(L, "resultaat '%s' is er niet: geen eerdere sprint leverde het%s", key,
                    text_hint(hint, sizeof hint, key, names));
    return 2;
}

/* wp.resultaten(): every earlier result, key -> value ({} when none). */
static int api_resultaten(lua_State *L)
{
    struct plugin *p = plugin_of(L);

    if (p->resultaten == NULL)
        lua_newtable(L);
    else
        plugin_json_push(L, p->resultaten);
    return 1;
}

/* wp.willekeurig(m, n): a whole number from m to n (from 1 to m with one
 * argument), from the session's seeded generator. */
static int api_willekeurig(lua_State *L)
{
    lua_Integer lo = 1, hi;

    if (lua_gettop(L) >= 2) {
        lo = luaL_checkinteger(L, 1);
        hi = luaL_checkinteger(L, 2);
    } else {
        hi = luaL_checkinteger(L, 1);
    }
    luaL_argcheck(L, lo <= hi, lua_gettop(L) >= 2 ? 2 : 1, "de ondergrens is groter dan de bovengrens");
    lua_pushinteger(L, plugin_rng_range(plugin_of(L), lo, hi));
    return 1;
}

/* wp.log(...): like print, to the host log. */
static int api_log(lua_State *L)
{
    return plugin_log_args(L, ' ');
}

/* The prelude's raise(msg): an error at the innermost line outside it. */
static int prelude_raise(lua_State *L)
{
    char where[300];

    plugin_where(L, 1, where, sizeof where);
    lua_pushfstring(L, "%s: %s", where, luaL_checkstring(L, 1));
    return lua_error(L);
}

static const luaL_Reg api_funcs[] = {
    { "casus", api_casus },
    { "resultaat", api_resultaat },
    { "resultaten", api_resultaten },
    { "willekeurig", api_willekeurig },
    { "log", api_log },
    { NULL, NULL }
};

/* The prelude, compiled by the first state that needs it and kept for the
 * process's lifetime (plugin_chunk.h). */
static struct plugin_chunk *prelude_chunk;

static int load_prelude(lua_State *L)
{
    static const char name[] = "=[werkplaats]";

    if (prelude_chunk != NULL)
        return plugin_chunk_load(L, prelude_chunk, name);
    if (luaL_loadbufferx(L, (const char *)plugin_prelude, sizeof plugin_prelude, name, "t") != LUA_OK)
        return LUA_ERRMEM;
    prelude_chunk = plugin_chunk_dump(L);
    return LUA_OK;
}

void plugin_api_push(lua_State *L)
{
    luaL_checkstack(L, 4, "wp");
    if (load_prelude(L) != LUA_OK)
        lua_error(L);  /* only a memory error: the prelude is tested */
    lua_pushcfunction(L, prelude_raise);
    lua_call(L, 1, 1);
    luaL_setfuncs(L, api_funcs, 0);
    plugin_env_readonly(L, "wp");
}
