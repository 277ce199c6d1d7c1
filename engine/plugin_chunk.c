/* plugin_chunk.c: Lua source compiled once, loaded by many states. */
#include "plugin_chunk.h"

#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "plugin_internal.h"

struct plugin_chunk {
    int refs;
    size_t len, cap;
    char *bytes;
};

static int append(lua_State *L, const void *part, size_t len, void *ud)
{
    struct plugin_chunk *c = ud;

    (void)L;
    if (c->cap - c->len < len) {
        size_t cap = c->cap ? c->cap : 4096;
        char *grown;
        while (cap - c->len < len)
            cap *= 2;
        if (plugin_fault_point() || (grown = realloc(c->bytes, cap)) == NULL)
            return 1;  /* lua_dump stops and returns this */
        c->bytes = grown;
        c->cap = cap;
    }
    memcpy(c->bytes + c->len, part, len);
    c->len += len;
    return 0;
}

struct plugin_chunk *plugin_chunk_dump(lua_State *L)
{
    struct plugin_chunk *c = plugin_calloc(1, sizeof *c);

    if (c == NULL)
        return NULL;
    c->refs = 1;
    if (lua_dump(L, append, c, 0) != 0) {   /* 0: keep the debug information */
        plugin_chunk_free(c);
        return NULL;
    }
    return c;
}

int plugin_chunk_load(lua_State *L, const struct plugin_chunk *c, const char *name)
{
    return luaL_loadbufferx(L, c->bytes, c->len, name, "b");
}

struct plugin_chunk *plugin_chunk_ref(struct plugin_chunk *c)
{
    if (c != NULL)
        c->refs++;
    return c;
}

void plugin_chunk_free(struct plugin_chunk *c)
{
    if (c == NULL || --c->refs > 0)
        return;
    free(c->bytes);
    free(c);
}
