/*
 * plugin_json.c: copies between JSON (jansson) and Lua values.
 *
 * JSON -> Lua builds fresh tables (objects with text keys, arrays as
 * sequences, null as nil) under a depth limit, checking stack space in
 * every loop (Redis CVE-2021-32626).
 *
 * Lua -> JSON reads with raw access only and never raises: it is called
 * inside a protected call but holds jansson references a longjmp would
 * leak, so it uses nothing that can throw (lua_checkstack instead of
 * luaL_checkstack, no string conversions of numbers). A sequence becomes an
 * array, a table with text keys an object (keys sorted, so output does not
 * depend on Lua's hash order), an empty table []. Everything else is refused
 * with the path of the offending value.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plugin_internal.h"
#include "werkplaats/clock.h"
#include "werkplaats/text.h"

#define MAX_NODES 200000    /* a shared sub-table is copied each time it appears */
#define CHECK_EVERY 4096    /* values between two looks at the clock */
#define MAX_PATH 256

/* --- JSON -> Lua ------------------------------------------------------------ */

/* Host data can be large; conversion counts against the call's budget, so a
 * huge session stops with the limit message rather than the watchdog. */
static void push_value(lua_State *L, json_t *j, int depth, long long *nodes)
{
    if (++*nodes % CHECK_EVERY == 0)
        plugin_charge(L, CHECK_EVERY);
    if (depth > PLUGIN_MAX_DEPTH)
        luaL_error(L, "gegevens zijn dieper genest dan %d niveaus", PLUGIN_MAX_DEPTH);
    luaL_checkstack(L, 3, "gegevens");
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        const char *key;
        json_t *v;
        lua_createtable(L, 0, (int)json_object_size(j));
        json_object_foreach(j, key, v) {
            if (json_is_null(v))
                continue;
            lua_pushstring(L, key);
            push_value(L, v, depth + 1, nodes);
            lua_rawset(L, -3);
        }
        break;
    }
    case JSON_ARRAY: {
        size_t n = json_array_size(j);
        lua_createtable(L, n > 1000000 ? 0 : (int)n, 0);
        for (size_t i = 0; i < n; i++) {
            json_t *v = json_array_get(j, i);
            if (json_is_null(v))
                continue;
            push_value(L, v, depth + 1, nodes);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        break;
    }
    case JSON_STRING:
        lua_pushlstring(L, json_string_value(j), json_string_length(j));
        break;
    case JSON_INTEGER:
        lua_pushinteger(L, (lua_Integer)json_integer_value(j));
        break;
    case JSON_REAL:
        lua_pushnumber(L, json_real_value(j));
        break;
    case JSON_TRUE:
    case JSON_FALSE:
        lua_pushboolean(L, json_is_true(j));
        break;
    default:
        lua_pushnil(L);
        break;
    }
}

void plugin_json_push(lua_State *L, json_t *j)
{
    long long nodes = 0;

    if (j == NULL)
        lua_pushnil(L);
    else
        push_value(L, j, 0, &nodes);
}

/* --- a value_sink that builds Lua values (value_sink.h) --------------------------
 * The same tables plugin_json_push would build from the same JSON: sized
 * alike, filled in the same order, nulls left out, and charged alike. */

static void lua_sink_count(struct lua_sink *ls)
{
    if (++ls->nodes % CHECK_EVERY == 0)
        plugin_charge(ls->L, CHECK_EVERY);
}

/* Stores the value on top into the open container, or leaves it as the root. */
static void lua_sink_place(struct lua_sink *ls, const char *key)
{
    lua_State *L = ls->L;
    struct lua_sink_frame *parent = ls->depth > 0 ? &ls->open[ls->depth - 1] : NULL;

    if (parent == NULL)
        return;
    if (parent->is_array) {
        lua_rawseti(L, parent->idx, ++parent->n);
    } else {
        lua_pushstring(L, key);
        lua_insert(L, -2);
        lua_rawset(L, parent->idx);
    }
}

/* A null takes no place: an object leaves its key out, an array a hole. */
static int lua_sink_null(struct lua_sink *ls)
{
    if (ls->depth > 0 && ls->open[ls->depth - 1].is_array)
        ls->open[ls->depth - 1].n++;
    else if (ls->depth == 0)
        lua_pushnil(ls->L);
    ls->key = NULL;
    return 0;
}

static int lua_sink_begin(struct value_sink *sink, int is_array, size_t members)
{
    struct lua_sink *ls = (struct lua_sink *)sink;
    lua_State *L = ls->L;
    int n = members > 1000000 ? 0 : (int)members;

    lua_sink_count(ls);
    if (ls->depth == VALUE_SINK_MAX_DEPTH)
        luaL_error(L, "gegevens zijn dieper genest dan %d niveaus", VALUE_SINK_MAX_DEPTH);
    luaL_checkstack(L, 4, "gegevens");
    lua_createtable(L, is_array ? n : 0, is_array ? 0 : n);
    ls->open[ls->depth] = (struct lua_sink_frame){ lua_gettop(L), is_array, 0, ls->key };
    ls->depth++;
    ls->key = NULL;
    return 0;
}

static int lua_sink_end(struct value_sink *sink)
{
    struct lua_sink *ls = (struct lua_sink *)sink;

    if (ls->depth == 0)
        return luaL_error(ls->L, "interne fout: een waarde sluit die niet open was");
    ls->depth--;
    lua_sink_place(ls, ls->open[ls->depth].key);
    return 0;
}

static int lua_sink_key(struct value_sink *sink, const char *key)
{
    ((struct lua_sink *)sink)->key = key;
    return 0;
}

/* A scalar: counted and given stack room before the caller pushes it... */
static lua_State *lua_sink_scalar(struct lua_sink *ls)
{
    lua_sink_count(ls);
    luaL_checkstack(ls->L, 3, "gegevens");
    return ls->L;
}

/* ... and then put in its place. */
static int lua_sink_settle(struct lua_sink *ls)
{
    lua_sink_place(ls, ls->key);
    ls->key = NULL;
    return 0;
}

static int lua_sink_string(struct value_sink *sink, const char *s)
{
    struct lua_sink *ls = (struct lua_sink *)sink;

    if (s == NULL)
        return lua_sink_null(ls);
    lua_pushstring(lua_sink_scalar(ls), s);
    return lua_sink_settle(ls);
}

static int lua_sink_integer(struct value_sink *sink, long long i)
{
    struct lua_sink *ls = (struct lua_sink *)sink;

    lua_pushinteger(lua_sink_scalar(ls), (lua_Integer)i);
    return lua_sink_settle(ls);
}

static int lua_sink_real(struct value_sink *sink, double d)
{
    struct lua_sink *ls = (struct lua_sink *)sink;

    lua_pushnumber(lua_sink_scalar(ls), d);
    return lua_sink_settle(ls);
}

static int lua_sink_json(struct value_sink *sink, json_t *v)
{
    struct lua_sink *ls = (struct lua_sink *)sink;

    if (v == NULL || json_is_null(v))
        return lua_sink_null(ls);
    push_value(ls->L, v, ls->depth, &ls->nodes);   /* counts and checks the stack itself */
    return lua_sink_settle(ls);
}

void plugin_lua_sink_init(struct lua_sink *ls, lua_State *L)
{
    static const struct value_sink ops = { lua_sink_begin, lua_sink_end, lua_sink_key, lua_sink_string,
                                           lua_sink_integer, lua_sink_real, lua_sink_json };

    memset(ls, 0, sizeof *ls);
    ls->L = L;
    ls->sink = ops;
}

/* Copies the table at idx (built by plugin_json_push, so without cycles or
 * metatables) into a fresh table on top of the stack. Strings are shared
 * Lua values, so this costs only the tables: much less than pushing the
 * JSON again, which hashes every key and text anew. */
static void copy_table(lua_State *L, int idx, int depth, long long *nodes)
{
    idx = lua_absindex(L, idx);
    if (depth > PLUGIN_MAX_DEPTH)
        luaL_error(L, "gegevens zijn dieper genest dan %d niveaus", PLUGIN_MAX_DEPTH);
    luaL_checkstack(L, 4, "gegevens");
    lua_createtable(L, (int)lua_rawlen(L, idx), 0);
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
        if (++*nodes % CHECK_EVERY == 0)
            plugin_charge(L, CHECK_EVERY);
        lua_pushvalue(L, -2);
        if (lua_type(L, -2) == LUA_TTABLE) {
            copy_table(L, -2, depth + 1, nodes);
            lua_remove(L, -3);
        } else {
            lua_insert(L, -2);
        }
        lua_rawset(L, -4);
    }
}

void plugin_json_copy(lua_State *L, int idx)
{
    long long nodes = 0;

    if (lua_type(L, idx) == LUA_TTABLE)
        copy_table(L, idx, 0, &nodes);
    else
        lua_pushvalue(L, idx);
}

/* --- Lua -> JSON ------------------------------------------------------------- */

/* Where the conversion is, as the steps from the root: a key or a position.
 * The text ("resultaat.situatie[2]") is only made for a message. */
struct step {
    const char *key;        /* a string key of a table being converted, or NULL */
    lua_Integer index;
};

struct conv {
    lua_State *L;
    const char *root;
    struct step steps[PLUGIN_MAX_DEPTH + 2];
    int n_steps;
    char path[MAX_PATH];
    const void *ancestors[PLUGIN_MAX_DEPTH + 1];
    int depth;
    size_t nodes;
    char *msg;
    size_t size;
};

static const char *path_text(struct conv *c)
{
    snprintf(c->path, sizeof c->path, "%s", c->root);
    for (int i = 0; i < c->n_steps; i++) {
        size_t at = strlen(c->path);
        if (c->steps[i].key != NULL)
            snprintf(c->path + at, sizeof c->path - at, ".%s", c->steps[i].key);
        else
            snprintf(c->path + at, sizeof c->path - at, "[%lld]", (long long)c->steps[i].index);
    }
    return c->path;
}

static json_t *fail(struct conv *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static json_t *fail(struct conv *c, const char *fmt, ...)
{
    char what[200];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(c->msg, c->size, "'%s' %s", path_text(c), what);
    return NULL;
}

static json_t *oom(struct conv *c)
{
    snprintf(c->msg, c->size, "onvoldoende geheugen bij het omzetten van '%s'", path_text(c));
    return NULL;
}

static json_t *convert(struct conv *c, int idx);

/* Steps into a key or a position; path_pop steps back out. The depth
 * check in convert_table keeps n_steps within steps[]. */
static void path_push(struct conv *c, const char *key, lua_Integer index)
{
    c->steps[c->n_steps].key = key;
    c->steps[c->n_steps++].index = index;
}

static void path_pop(struct conv *c)
{
    c->n_steps--;
}

/* What kind of table: 0 empty, 1 sequence, 2 text keys only; -1 refused. */
static int table_shape(struct conv *c, int idx, size_t *count)
{
    size_t n = 0, n_int = 0, n_str = 0;
    lua_Unsigned len = lua_rawlen(c->L, idx);

    lua_pushnil(c->L);
    while (lua_next(c->L, idx) != 0) {
        lua_pop(c->L, 1);
        n++;
        if (lua_type(c->L, -1) == LUA_TSTRING)
            n_str++;
        else if (lua_isinteger(c->L, -1) && lua_tointeger(c->L, -1) >= 1 &&
                 (lua_Unsigned)lua_tointeger(c->L, -1) <= len)
            n_int++;
    }
    *count = n;
    if (n == 0)
        return 0;
    if (n_int == n && len == n)
        return 1;
    if (n_str == n)
        return 2;
    if (n_str > 0 && n_str < n)
        fail(c, "mengt een lijst met namen; kies een lijst { a, b } of namen { x = a }");
    else
        fail(c, "is een lijst met gaten of met sleutels die geen 1, 2, 3, ... zijn");
    return -1;
}

static json_t *convert_array(struct conv *c, int idx, size_t n)
{
    json_t *a = json_array();

    if (a == NULL)
        return oom(c);
    for (size_t i = 1; i <= n; i++) {
        json_t *v;
        path_push(c, NULL, (lua_Integer)i);
        lua_rawgeti(c->L, idx, (lua_Integer)i);
        v = convert(c, lua_gettop(c->L));
        lua_pop(c->L, 1);
        path_pop(c);
        if (v == NULL || json_array_append_new(a, v) != 0) {
            json_decref(a);
            return v == NULL ? NULL : oom(c);
        }
    }
    return a;
}

struct member {
    const char *key;
    json_t *value;
};

static int by_key(const void *a, const void *b)
{
    return strcmp(((const struct member *)a)->key, ((const struct member *)b)->key);
}

static void members_free(struct member *m, size_t n)
{
    for (size_t i = 0; i < n; i++)
        json_decref(m[i].value);
    free(m);
}

/* The object with its keys in byte order, so the JSON is the same in every
 * run (jansson keeps insertion order, and Lua's next() order is random).
 * Takes the values. */
static json_t *sorted_object(struct conv *c, struct member *m, size_t n)
{
    json_t *o = json_object();
    size_t i;

    if (o == NULL) {
        members_free(m, n);
        return oom(c);
    }
    qsort(m, n, sizeof *m, by_key);
    for (i = 0; i < n; i++) {
        json_t *v = m[i].value;
        m[i].value = NULL;       /* jansson takes it, also when it fails */
        if (json_object_set_new_nocheck(o, m[i].key, v) != 0)
            break;
    }
    if (i < n) {
        json_decref(o);
        members_free(m, n);
        return oom(c);
    }
    free(m);
    return o;
}

/* Walks the table with lua_next and converts each value where it stands:
 * nothing here pushes a new string or allocates in Lua, so nothing can
 * raise and the collector does not run, which keeps the key strings the
 * members point to (held by the table) where they are. n: the keys
 * table_shape counted. */
static json_t *convert_object(struct conv *c, int idx, size_t n)
{
    struct member *m = malloc(n * sizeof *m);
    size_t i = 0;

    if (m == NULL)
        return oom(c);
    lua_pushnil(c->L);
    while (lua_next(c->L, idx) != 0) {
        const char *key = lua_tostring(c->L, -2);  /* a string key (table_shape checked) */
        json_t *v = NULL;
        if (i == n) {             /* cannot be: table_shape just counted them */
            members_free(m, i);
            return fail(c, "veranderde tijdens het omzetten");
        }
        path_push(c, key, 0);
        if (!text_utf8_valid(key, strlen(key)))
            fail(c, "heeft een naam die geen geldige UTF-8-tekst is");
        else
            v = convert(c, lua_gettop(c->L));
        path_pop(c);
        if (v == NULL) {
            members_free(m, i);
            return NULL;  /* the caller resets the stack */
        }
        m[i].key = key;
        m[i++].value = v;
        lua_pop(c->L, 1);
    }
    return sorted_object(c, m, i);
}

static json_t *convert_table(struct conv *c, int idx)
{
    const void *self = lua_topointer(c->L, idx);
    size_t n;
    int shape;
    json_t *out;

    for (int i = 0; i < c->depth; i++)
        if (c->ancestors[i] == self)
            return fail(c, "bevat zichzelf (een kringverwijzing)");
    if (c->depth >= PLUGIN_MAX_DEPTH)
        return fail(c, "is dieper genest dan %d niveaus", PLUGIN_MAX_DEPTH);
    if (!lua_checkstack(c->L, 4))
        return oom(c);
    shape = table_shape(c, idx, &n);
    if (shape < 0)
        return NULL;
    if (shape == 0)
        return (out = json_array()) != NULL ? out : oom(c);
    c->ancestors[c->depth++] = self;
    out = shape == 1 ? convert_array(c, idx, n) : convert_object(c, idx, n);
    c->depth--;
    return out;
}

static json_t *convert(struct conv *c, int idx)
{
    json_t *v;

    if (++c->nodes > MAX_NODES)
        return fail(c, "maakt het geheel te groot (meer dan %d waarden)", MAX_NODES);
    if (c->nodes % CHECK_EVERY == 0 && clock_mono_ms() > plugin_of(c->L)->deadline_ms)
        return fail(c, "kon niet binnen de tijdlimiet van %d ms worden omgezet", plugin_of(c->L)->limits.tijd_ms);
    if (plugin_fault_point())
        return oom(c);
    switch (lua_type(c->L, idx)) {
    case LUA_TNIL:
        v = json_null();
        break;
    case LUA_TBOOLEAN:
        v = json_boolean(lua_toboolean(c->L, idx));
        break;
    case LUA_TNUMBER:
        if (lua_isinteger(c->L, idx)) {
            v = json_integer((json_int_t)lua_tointeger(c->L, idx));
        } else {
            lua_Number x = lua_tonumber(c->L, idx);
            if (!isfinite(x))
                return fail(c, "is geen eindig getal (%s)", isnan(x) ? "NaN, bijvoorbeeld 0/0" : "oneindig");
            v = json_real(x);
        }
        break;
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(c->L, idx, &len);
        long control;
        if (!text_utf8_valid(s, len))
            return fail(c, "is geen geldige UTF-8-tekst");
        /* Results are printed in the facilitator's terminal; the inputs
         * cannot carry control characters, so neither may what is made of them. */
        if ((control = text_find_control(s, len)) >= 0)
            return fail(c, "bevat een stuurteken (U+%04lX) dat een terminal kan besturen", (unsigned long)control);
        v = json_stringn_nocheck(s, len);  /* checked just above */
        break;
    }
    case LUA_TTABLE:
        return convert_table(c, idx);
    default:
        return fail(c, "is %s; een werkvorm kan alleen tekst, getallen, waar/onwaar en tabellen doorgeven",
                    plugin_type_name(lua_type(c->L, idx)));
    }
    return v != NULL ? v : oom(c);
}

json_t *plugin_json_from_lua(lua_State *L, int idx, const char *root, char *msg, size_t size)
{
    struct conv *c = calloc(1, sizeof *c);
    json_t *out;

    if (c == NULL) {
        snprintf(msg, size, "onvoldoende geheugen");
        return NULL;
    }
    c->L = L;
    c->msg = msg;
    c->size = size;
    c->root = root;
    {
        int top = lua_gettop(L);
        out = convert(c, lua_absindex(L, idx));
        lua_settop(L, top);  /* a failure may leave iteration keys behind */
    }
    free(c);
    return out;
}
