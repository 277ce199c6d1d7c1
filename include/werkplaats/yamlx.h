/*
 * yamlx.h: a bounded YAML reader on libyaml's event API, with positions.
 *
 * libyaml 0.2.5 (Debian 12) has no nesting limit and loads self-referencing
 * aliases into cyclic graphs, so this reader builds its own small trees from
 * events and enforces the limits itself: nesting depth, nodes per tree, the
 * size of one value, and no aliases at all. Every node keeps the line and
 * column where it starts, so validators can say file:line:col.
 *
 * Two ways in:
 *  - yamlx_load_file / yamlx_load_string read one whole document (a casus);
 *  - a yamlx_reader walks a large document as a stream (a draaiboek): the
 *    caller steps through the outer mappings and sequences and reads each
 *    small entry as a tree, so memory does not grow with the file.
 */
#ifndef WERKPLAATS_YAMLX_H
#define WERKPLAATS_YAMLX_H

#include <stddef.h>

#include "werkplaats/error.h"

enum yamlx_kind { YAMLX_SCALAR, YAMLX_SEQ, YAMLX_MAP };

struct yamlx_node {
    enum yamlx_kind kind;
    int line, col;                /* 1-based start of the node */
    char *str;                    /* scalar text, NUL-terminated */
    size_t len;                   /* scalar length in bytes */
    int plain;                    /* unquoted scalar: null, numbers and booleans apply */
    size_t n;                     /* sequence items, or mapping pairs */
    struct yamlx_node **items;    /* sequence: items; mapping: key at 2i, value at 2i+1 */
    /* private to yamlx.c: a tree read at once keeps all its memory together */
    struct yamlx_tree *tree;      /* set on such a tree's root, which frees it all */
    int in_tree;                  /* a node inside such a tree: freed with its root */
};

struct yamlx_limits {
    int max_depth;                /* nesting of mappings and sequences */
    size_t max_nodes;             /* nodes in one tree */
    size_t max_scalar;            /* bytes in one scalar */
    size_t max_file;              /* bytes in a whole-document file; 0: no limit (streaming) */
};

/* Limits for hand-written files: generous for people, tight for attacks. */
extern const struct yamlx_limits yamlx_default_limits;

/* Reads one whole document. Returns the root (a mapping, sequence or scalar)
 * or NULL with a message naming file:line:col. An empty file gives an error. */
struct yamlx_node *yamlx_load_file(const char *path, const struct yamlx_limits *lim, wp_error *err);
struct yamlx_node *yamlx_load_string(const char *name, const char *text, size_t len,
                                     const struct yamlx_limits *lim, wp_error *err);
void yamlx_node_free(struct yamlx_node *node);

/* --- streaming ----------------------------------------------------------- */

struct yamlx_reader;

struct yamlx_reader *yamlx_open_file(const char *path, const struct yamlx_limits *lim, wp_error *err);
struct yamlx_reader *yamlx_open_string(const char *name, const char *text, size_t len,
                                       const struct yamlx_limits *lim, wp_error *err);
void yamlx_close(struct yamlx_reader *r);
const char *yamlx_reader_file(const struct yamlx_reader *r);

/* Enters the mapping that comes next (the document root on the first call). */
int yamlx_map_begin(struct yamlx_reader *r, int *line, int *col, wp_error *err);
/* Reads the next key of the current mapping into *key (owned by the reader,
 * valid until the next call). Returns 1 for a key, 0 at the end of the
 * mapping, -1 on error. */
int yamlx_map_next(struct yamlx_reader *r, const struct yamlx_node **key, wp_error *err);
/* Enters the sequence that comes next. */
int yamlx_seq_begin(struct yamlx_reader *r, int *line, int *col, wp_error *err);
/* Returns 1 when another item follows, 0 at the end of the sequence, -1 on error. */
int yamlx_seq_next(struct yamlx_reader *r, wp_error *err);
/* Reads the next value whole, as a tree the caller frees. */
struct yamlx_node *yamlx_read(struct yamlx_reader *r, wp_error *err);
/* The same, for a value used only until the next read: the tree lives in
 * the reader and is not freed by the caller. The next yamlx_read_scratch,
 * or yamlx_close, takes it back; reading a draaiboek's facts this way
 * spares a malloc and a free per fact. */
const struct yamlx_node *yamlx_read_scratch(struct yamlx_reader *r, wp_error *err);
/* Skips the next value whole. */
int yamlx_skip(struct yamlx_reader *r, wp_error *err);
/* What comes next: YAMLX_MAP, YAMLX_SEQ or YAMLX_SCALAR; -1 on error or at an end. */
int yamlx_peek(struct yamlx_reader *r, int *line, int *col, wp_error *err);
/* After the root mapping has ended: checks that nothing but the end follows. */
int yamlx_finish(struct yamlx_reader *r, wp_error *err);

/* --- reading values with messages ----------------------------------------- */

/* A validator's context: which file, and where messages go. */
struct yamlx_ctx {
    const char *file;
    wp_error *err;
};

/* Adds "file:line:col: message" at node (or at the file when node is NULL). */
int yamlx_fail(const struct yamlx_ctx *c, const struct yamlx_node *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

const char *yamlx_kind_name(enum yamlx_kind kind);
int yamlx_is_null(const struct yamlx_node *node);

/* The value under key, or NULL when the mapping does not have it. */
const struct yamlx_node *yamlx_get(const struct yamlx_node *map, const char *key);

/* Checks that node is a mapping whose keys are all in allowed (NULL-terminated);
 * an unknown key gets a "bedoelde je ...?" hint. Returns 0 when all is well. */
int yamlx_check_map(const struct yamlx_ctx *c, const struct yamlx_node *node, const char *what,
                    const char *const *allowed);
/* Checks that a node has the expected kind. */
int yamlx_check_kind(const struct yamlx_ctx *c, const struct yamlx_node *node,
                     enum yamlx_kind kind, const char *what);

/* Typed getters. Each returns 1 when the key is present and valid, 0 when it
 * is absent (an error when required), -1 when present but invalid (an error). */
int yamlx_get_str(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                  int required, const char **out);
int yamlx_get_int(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                  int required, long long min, long long max, long long *out);
int yamlx_get_num(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                  int required, double *out);
int yamlx_get_bool(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                   int required, int *out);
/* One of options (NULL-terminated); *out is the index. */
int yamlx_get_enum(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                   int required, const char *const *options, int *out);
/* A date as YYYY-MM-DD that exists in the calendar. */
int yamlx_get_date(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                   int required, const char **out);
/* A sequence or mapping under key. */
int yamlx_get_seq(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                  int required, const struct yamlx_node **out);
int yamlx_get_map(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                  int required, const struct yamlx_node **out);

/* Scalar conversions for a node already in hand; they add an error at the node. */
int yamlx_scalar_str(const struct yamlx_ctx *c, const struct yamlx_node *node, const char *what,
                     const char **out);
int yamlx_scalar_int(const struct yamlx_ctx *c, const struct yamlx_node *node, const char *what,
                     long long min, long long max, long long *out);
int yamlx_scalar_enum(const struct yamlx_ctx *c, const struct yamlx_node *node, const char *what,
                      const char *const *options, int *out);

/* True for a valid YYYY-MM-DD calendar date. */
int yamlx_valid_date(const char *s);

#endif
