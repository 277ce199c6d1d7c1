/*
 * plugin_lines.h (engine-private): where the keys of a werkvorm's card stand
 * in its Lua source.
 *
 * Lua keeps no line numbers for the fields of a table constructor, so the
 * card validator could only point at the file. This small tokenizer reads
 * the source the way Lua's lexer does (comments, short and long strings),
 * finds the table the chunk returns (`return { ... }`, or `return card`
 * after `local card = { ... }`), and records the line of every key in it by
 * path: "stappen[2].duur", "groep.min", "levert[3]". Lookups of a path the
 * source does not spell out (a value computed by a function) fall back to
 * the nearest enclosing key.
 */
#ifndef WERKPLAATS_PLUGIN_LINES_H
#define WERKPLAATS_PLUGIN_LINES_H

#include <stddef.h>

struct plugin_lines;

/* Scans src; NULL only when memory runs out. Garbage in gives few entries,
 * never a crash. */
struct plugin_lines *plugin_lines_scan(const char *src, size_t len);
/* Another reference to l, for a plugin loaded again from the same source;
 * plugin_lines_free drops one and frees l with the last. */
struct plugin_lines *plugin_lines_ref(struct plugin_lines *l);
void plugin_lines_free(struct plugin_lines *l);

/* The line of the key at path ("" is the card itself); falls back to the
 * nearest enclosing key, then to the card, then 0 (unknown). */
int plugin_lines_key(const struct plugin_lines *l, const char *path);

/* The line where the table at path opens, for "mist 'x'" messages; falls
 * back like plugin_lines_key. */
int plugin_lines_table(const struct plugin_lines *l, const char *path);

/* A key written twice in one table (Lua keeps only the last): the i-th such
 * case, 0-based. Returns 0 when there is no i-th case, else 1 with the path
 * and both lines. */
int plugin_lines_duplicate(const struct plugin_lines *l, size_t i, const char **path,
                           int *first_line, int *second_line);

/* The line of the first "<close>" attribute in the source, or 0. */
int plugin_lines_close(const struct plugin_lines *l);

#endif
