/*
 * plugin_chunk.h (engine-private): Lua source compiled once, loaded by many
 * states.
 *
 * Every session runs its werkvorm in a fresh Lua state, and every state
 * needs the prelude and the werkvorm's chunk. Compiling them from text cost
 * about 4% of a draaiboek replay. A chunk is the bytecode that lua_dump
 * writes of a function this process compiled itself, with its debug
 * information (messages keep their lines), so loading it gives the same
 * function as compiling the text again. Bytecode from outside is never
 * loaded: werkvormen are checked to be text (plugin.c), and the sandbox's
 * load() takes text only (plugin_env.c).
 */
#ifndef WERKPLAATS_PLUGIN_CHUNK_H
#define WERKPLAATS_PLUGIN_CHUNK_H

#include <lua.h>

struct plugin_chunk;

/* Dumps the Lua function on top of L's stack, leaving it there. NULL when
 * memory runs out: the caller then compiles the text each time, as before. */
struct plugin_chunk *plugin_chunk_dump(lua_State *L);

/* Pushes the function of c, as luaL_loadbufferx would; name is the chunk
 * name for messages of the load itself (the function keeps its own). */
int plugin_chunk_load(lua_State *L, const struct plugin_chunk *c, const char *name);

/* Another reference to c; plugin_chunk_free drops one and frees c with the
 * last. Both take NULL. */
struct plugin_chunk *plugin_chunk_ref(struct plugin_chunk *c);
void plugin_chunk_free(struct plugin_chunk *c);

#endif
