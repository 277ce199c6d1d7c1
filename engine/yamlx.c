/*
 * yamlx.c: bounded YAML trees and streams from libyaml events.
 *
 * Everything goes through next_event(), which refuses aliases and keeps the
 * byte count that bounds a single value; trees are built by read_value(),
 * which enforces depth and node limits. Messages are Dutch and carry the
 * 1-based line and column of the problem.
 */
#include "werkplaats/yamlx.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "arena.h"
#include "werkplaats/text.h"

const struct yamlx_limits yamlx_default_limits = {
    .max_depth = 64,
    .max_nodes = 200000,
    .max_scalar = 1024 * 1024,
    .max_file = 8 * 1024 * 1024,
};

/* libyaml reads ahead in chunks of up to 16 KiB; allow that much slack before
 * deciding that one value is too large. */
#define READ_AHEAD_SLACK (64 * 1024)

struct yamlx_reader {
    yaml_parser_t parser;
    int parser_ready;
    FILE *fp;
    const char *text;             /* string input (not owned) */
    size_t text_len, text_pos;
    char *owned_text;             /* whole-file input read by yamlx_load_file */
    char *file;                   /* name used in messages */
    struct yamlx_limits lim;
    size_t bytes_read;            /* raw bytes handed to libyaml */
    size_t bytes_at_event;        /* bytes_read when the last event arrived */
    int too_large;                /* the read handler refused: one value too big */
    yaml_event_t ev;              /* one event of look-ahead */
    int have_ev;
    int started;                  /* stream and document start consumed */
    int last_line;                /* position of the last event, for messages */
    struct yamlx_node *key;       /* the key last returned by yamlx_map_next */
    struct arena scratch;         /* the tree of yamlx_read_scratch, reused */
};

/* --- input -------------------------------------------------------------- */

static int read_handler(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
    struct yamlx_reader *r = data;
    size_t n;

    if (r->bytes_read - r->bytes_at_event > r->lim.max_scalar + READ_AHEAD_SLACK) {
        r->too_large = 1;
        return 0;
    }
    if (r->fp != NULL) {
        n = fread(buffer, 1, size, r->fp);
        if (n == 0 && ferror(r->fp))
            return 0;
    } else {
        n = r->text_len - r->text_pos;
        if (n > size)
            n = size;
        memcpy(buffer, r->text + r->text_pos, n);
        r->text_pos += n;
    }
    r->bytes_read += n;
    *size_read = n;
    return 1;
}

static struct yamlx_reader *reader_new(const char *name, const struct yamlx_limits *lim, wp_error *err)
{
    struct yamlx_reader *r = calloc(1, sizeof *r);

    if (r == NULL || (r->file = strdup(name)) == NULL) {
        free(r);
        wp_error_add(err, WP_EINTERNAL, name, "onvoldoende geheugen");
        return NULL;
    }
    r->lim = lim != NULL ? *lim : yamlx_default_limits;
    if (!yaml_parser_initialize(&r->parser)) {
        free(r->file);
        free(r);
        wp_error_add(err, WP_EINTERNAL, name, "onvoldoende geheugen");
        return NULL;
    }
    r->parser_ready = 1;
    yaml_parser_set_input(&r->parser, read_handler, r);
    return r;
}

/* Opens path for reading and refuses what is not a regular file. */
static FILE *open_regular(const char *path, off_t *size, wp_error *err)
{
    struct stat st;
    FILE *fp;

    if (stat(path, &st) != 0)
        return wp_error_add(err, WP_EUSER, path, "%s", text_read_problem(errno)), NULL;
    if (S_ISDIR(st.st_mode))
        return wp_error_add(err, WP_EUSER, path, "%s", text_read_problem(EISDIR)), NULL;
    if (!S_ISREG(st.st_mode))
        return wp_error_add(err, WP_EUSER, path, "is geen gewoon bestand"), NULL;
    fp = fopen(path, "rb");
    if (fp == NULL)
        return wp_error_add(err, WP_EUSER, path, "%s", text_read_problem(errno)), NULL;
    *size = st.st_size;
    return fp;
}

struct yamlx_reader *yamlx_open_file(const char *path, const struct yamlx_limits *lim, wp_error *err)
{
    off_t size;
    FILE *fp = open_regular(path, &size, err);
    struct yamlx_reader *r;

    if (fp == NULL)
        return NULL;
    r = reader_new(path, lim, err);
    if (r == NULL) {
        fclose(fp);
        return NULL;
    }
    r->fp = fp;
    return r;
}

struct yamlx_reader *yamlx_open_string(const char *name, const char *text, size_t len,
                                       const struct yamlx_limits *lim, wp_error *err)
{
    struct yamlx_reader *r = reader_new(name, lim, err);

    if (r == NULL)
        return NULL;
    r->text = text;
    r->text_len = len;
    return r;
}

void yamlx_close(struct yamlx_reader *r)
{
    if (r == NULL)
        return;
    if (r->have_ev)
        yaml_event_delete(&r->ev);
    if (r->parser_ready)
        yaml_parser_delete(&r->parser);
    if (r->fp != NULL)
        fclose(r->fp);
    yamlx_node_free(r->key);
    arena_free(&r->scratch);
    free(r->owned_text);
    free(r->file);
    free(r);
}

const char *yamlx_reader_file(const struct yamlx_reader *r)
{
    return r->file;
}

/* --- errors ------------------------------------------------------------- */

/* Line and column (1-based, in characters) of a byte offset, found by reading
 * the input again from the start: only done on the error path. With
 * at_lead, the position of the character that the byte at offset belongs to:
 * libyaml reports a bad trailing byte of a UTF-8 sequence at that byte, but
 * the broken character starts at its leading byte. */
static void offset_position(struct yamlx_reader *r, size_t offset, int at_lead, int *line, int *col)
{
    FILE *fp = NULL;
    size_t i = 0;
    int c, lead_line = 1, lead_col = 1;

    *line = 1;
    *col = 1;
    if (r->text == NULL && r->owned_text == NULL) {
        fp = fopen(r->file, "rb");
        if (fp == NULL)
            return;
    }
    for (i = 0; i < offset; i++) {
        if (fp != NULL) {
            if ((c = fgetc(fp)) == EOF)
                break;
        } else {
            if (i >= r->text_len)
                break;
            c = (unsigned char)r->text[i];
        }
        if ((c & 0xC0) != 0x80) {
            lead_line = *line;
            lead_col = *col;
        }
        if (c == '\n') {
            (*line)++;
            *col = 1;
        } else if ((c & 0xC0) != 0x80) {
            (*col)++;
        }
    }
    if (fp != NULL)
        fclose(fp);
    if (at_lead) {
        *line = lead_line;
        *col = lead_col;
    }
}

/* libyaml's English problems, said in Dutch where we know them. */
static const char *dutch_problem(const char *problem)
{
    static const struct { const char *en, *nl; } table[] = {
        { "mapping values are not allowed in this context",
          "hier mag geen 'sleutel: waarde' staan (vergeten aanhalingstekens of een dubbele punt te veel?)" },
        { "did not find expected key", "verwachtte een sleutel (klopt het inspringen?)" },
        { "did not find expected '-' indicator", "verwachtte een '-' voor een lijstitem (klopt het inspringen?)" },
        { "found character that cannot start any token",
          "teken dat hier niet mag (tabs zijn niet toegestaan om in te springen)" },
        { "found unexpected end of stream", "het bestand houdt onverwacht op (een aanhalingsteken niet gesloten?)" },
        { "did not find expected ',' or ']'", "verwachtte ',' of ']'" },
        { "did not find expected ',' or '}'", "verwachtte ',' of '}'" },
        { "did not find expected node content", "verwachtte hier een waarde" },
        { "block sequence entries are not allowed in this context", "hier mag geen lijstitem ('-') staan" },
        { "found undefined tag handle", "onbekende tag" },
        { "could not find expected ':'", "verwachtte ':' na een sleutel" },
        { "found a tab character that violates indentation", "tabs zijn niet toegestaan om in te springen" },
        { "invalid leading UTF-8 octet", "ongeldige UTF-8 (is het bestand als UTF-8 opgeslagen?)" },
        { "invalid trailing UTF-8 octet", "ongeldige UTF-8 (is het bestand als UTF-8 opgeslagen?)" },
        { "incomplete UTF-8 octet sequence", "ongeldige UTF-8: onvolledig teken aan het eind" },
        { "invalid length of a UTF-8 sequence", "ongeldige UTF-8 (is het bestand als UTF-8 opgeslagen?)" },
        { "invalid Unicode character", "ongeldig Unicode-teken" },
        { "control characters are not allowed", "stuurtekens (zoals een NUL-byte) zijn niet toegestaan" },
        { "input is too long", "het bestand is te groot" },
    };

    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (problem != NULL && strcmp(problem, table[i].en) == 0)
            return table[i].nl;
    return NULL;
}

static int parser_failed(struct yamlx_reader *r, wp_error *err)
{
    yaml_parser_t *p = &r->parser;
    const char *nl = dutch_problem(p->problem);
    int line, col;

    if (r->too_large)
        return wp_error_at(err, WP_EUSER, r->file, r->last_line, 0,
                           "waarde te groot na deze regel (meer dan %zu bytes in één waarde)",
                           r->lim.max_scalar);
    if (p->error == YAML_MEMORY_ERROR)
        return wp_error_add(err, WP_EINTERNAL, r->file, "onvoldoende geheugen om YAML te lezen");
    if (p->error == YAML_READER_ERROR) {
        if (r->fp != NULL && ferror(r->fp))
            return wp_error_add(err, WP_EUSER, r->file, "lezen mislukt: %s", text_read_problem(errno));
        offset_position(r, p->problem_offset,
                        p->problem != NULL && strcmp(p->problem, "invalid trailing UTF-8 octet") == 0,
                        &line, &col);
        return wp_error_at(err, WP_EUSER, r->file, line, col, "%s",
                           nl ? nl : (p->problem ? p->problem : "leesfout"));
    }
    line = (int)p->problem_mark.line + 1;
    col = (int)p->problem_mark.column + 1;
    if (nl != NULL)
        return wp_error_at(err, WP_EUSER, r->file, line, col, "geen geldige YAML: %s", nl);
    return wp_error_at(err, WP_EUSER, r->file, line, col, "geen geldige YAML: %s%s%s",
                       p->problem ? p->problem : "onbekende fout",
                       p->context ? " " : "", p->context ? p->context : "");
}

/* --- events ------------------------------------------------------------- */

static yaml_event_t *peek_event(struct yamlx_reader *r, wp_error *err)
{
    if (r->have_ev)
        return &r->ev;
    if (!yaml_parser_parse(&r->parser, &r->ev)) {
        parser_failed(r, err);
        return NULL;
    }
    r->have_ev = 1;
    r->bytes_at_event = r->bytes_read;
    r->last_line = (int)r->ev.start_mark.line + 1;
    if (r->ev.type == YAML_ALIAS_EVENT) {
        wp_error_at(err, WP_EUSER, r->file, r->last_line, (int)r->ev.start_mark.column + 1,
                    "YAML-aliassen (*%s) worden niet ondersteund: schrijf de waarde voluit",
                    (const char *)r->ev.data.alias.anchor);
        return NULL;
    }
    return &r->ev;
}

static void drop_event(struct yamlx_reader *r)
{
    if (r->have_ev) {
        yaml_event_delete(&r->ev);
        r->have_ev = 0;
    }
}

static int event_line(const yaml_event_t *ev) { return (int)ev->start_mark.line + 1; }
static int event_col(const yaml_event_t *ev) { return (int)ev->start_mark.column + 1; }

/* Consumes stream start and document start; an empty file is an error. */
static int begin_document(struct yamlx_reader *r, wp_error *err)
{
    yaml_event_t *ev;

    if (r->started)
        return 0;
    if ((ev = peek_event(r, err)) == NULL)
        return -1;
    if (ev->type == YAML_STREAM_START_EVENT)
        drop_event(r);
    if ((ev = peek_event(r, err)) == NULL)
        return -1;
    if (ev->type != YAML_DOCUMENT_START_EVENT)
        return wp_error_add(err, WP_EUSER, r->file, "het bestand is leeg (geen YAML-document)");
    drop_event(r);
    r->started = 1;
    return 0;
}

/* --- trees --------------------------------------------------------------
 * A tree read at once keeps its nodes, texts and item arrays in one arena:
 * a draaiboek's fact is a dozen nodes, and a malloc and a free for each
 * cost more than reading them. The arena is the tree's own, which its root
 * frees (yamlx_read, a whole document), or the reader's scratch, reused by
 * the next yamlx_read_scratch. While a tree is built every node is in_tree,
 * so a failure frees nothing piecemeal; the read frees or resets the arena.
 * A map key that yamlx_map_next reads is a node of its own. */

struct yamlx_tree {
    struct arena arena;
};

enum build_in { IN_NODES, IN_TREE, IN_SCRATCH };

struct build {
    struct yamlx_reader *r;
    size_t nodes;
    wp_error *err;
    enum build_in in;
    struct yamlx_tree *tree;    /* IN_TREE: made with the first node */
};

/* size cleared bytes, in the arena or on their own. */
static void *build_alloc(struct build *b, size_t size)
{
    struct arena *a = &b->r->scratch;
    void *p;

    if (b->in == IN_NODES)
        return calloc(1, size);
    if (b->in == IN_TREE) {
        if (b->tree == NULL && (b->tree = calloc(1, sizeof *b->tree)) == NULL)
            return NULL;
        a = &b->tree->arena;
    }
    if ((p = arena_alloc(a, size)) != NULL)
        memset(p, 0, size);
    return p;
}

static void tree_free(struct yamlx_tree *t)
{
    if (t != NULL) {
        arena_free(&t->arena);
        free(t);
    }
}

/* The root of a finished read owns its tree; after a failure the tree goes. */
static struct yamlx_node *finish_tree(struct build *b, struct yamlx_node *root)
{
    if (root == NULL) {
        tree_free(b->tree);
        return NULL;
    }
    root->in_tree = 0;
    root->tree = b->tree;
    return root;
}

static struct yamlx_node *node_new(struct build *b, enum yamlx_kind kind, const yaml_event_t *ev)
{
    struct yamlx_node *n = build_alloc(b, sizeof *n);

    if (n != NULL) {
        n->kind = kind;
        n->line = event_line(ev);
        n->col = event_col(ev);
        n->in_tree = b->in != IN_NODES;
    }
    return n;
}

void yamlx_node_free(struct yamlx_node *node)
{
    if (node == NULL || node->in_tree)
        return;
    if (node->tree != NULL) {
        tree_free(node->tree);    /* node itself lives in it */
        return;
    }
    size_t count = node->kind == YAMLX_MAP ? 2 * node->n : node->n;
    for (size_t i = 0; i < count; i++)
        yamlx_node_free(node->items[i]);
    free(node->items);
    free(node->str);
    free(node);
}

static int add_slot(struct build *b, struct yamlx_node *parent, size_t slots, struct yamlx_node *child,
                    size_t *cap)
{
    if (slots == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        struct yamlx_node **grown;
        if (b->in != IN_NODES) {
            if ((grown = build_alloc(b, ncap * sizeof *grown)) == NULL)
                return -1;
            if (slots > 0)
                memcpy(grown, parent->items, slots * sizeof *grown);
        } else if ((grown = realloc(parent->items, ncap * sizeof *grown)) == NULL) {
            return -1;
        }
        parent->items = grown;
        *cap = ncap;
    }
    parent->items[slots] = child;
    return 0;
}

static int count_node(struct build *b, const yaml_event_t *ev)
{
    if (++b->nodes > b->r->lim.max_nodes)
        return wp_error_at(b->err, WP_EUSER, b->r->file, event_line(ev), event_col(ev),
                           "te veel waarden (meer dan %zu)", b->r->lim.max_nodes);
    return 0;
}

static struct yamlx_node *read_scalar(struct build *b, const yaml_event_t *ev)
{
    struct yamlx_node *n;
    size_t len = ev->data.scalar.length;
    const char *value = (const char *)ev->data.scalar.value;
    long control;

    if (len > b->r->lim.max_scalar) {
        wp_error_at(b->err, WP_EUSER, b->r->file, event_line(ev), event_col(ev),
                    "waarde te groot (%zu bytes, hooguit %zu)", len, b->r->lim.max_scalar);
        return NULL;
    }
    if (strlen(value) != len || !text_utf8_valid(value, len)) {
        wp_error_at(b->err, WP_EUSER, b->r->file, event_line(ev), event_col(ev),
                    "tekst met een NUL-teken of ongeldige UTF-8 is niet toegestaan");
        return NULL;
    }
    /* libyaml refuses raw control characters but turns escapes like "\e"
     * into them; text shown in a terminal must not be able to steer it. */
    if ((control = text_find_control(value, len)) >= 0) {
        wp_error_at(b->err, WP_EUSER, b->r->file, event_line(ev), event_col(ev),
                    "tekst met een stuurteken (U+%04lX) is niet toegestaan: zo'n teken kan een terminal besturen",
                    (unsigned long)control);
        return NULL;
    }
    n = node_new(b, YAMLX_SCALAR, ev);
    if (n == NULL || (n->str = build_alloc(b, len + 1)) == NULL) {
        if (b->in == IN_NODES)
            free(n);
        wp_error_add(b->err, WP_EINTERNAL, b->r->file, "onvoldoende geheugen");
        return NULL;
    }
    memcpy(n->str, value, len + 1);
    n->len = len;
    n->plain = ev->data.scalar.plain_implicit;
    return n;
}

static int compare_keys(const void *a, const void *b)
{
    const struct yamlx_node *ka = *(struct yamlx_node *const *)a;
    const struct yamlx_node *kb = *(struct yamlx_node *const *)b;
    int c = strcmp(ka->str, kb->str);

    if (c != 0)
        return c;
    return ka->line != kb->line ? ka->line - kb->line : ka->col - kb->col;
}

/* Sorting the keys finds duplicates in n log n, even in a hostile mapping. */
static int check_duplicate_keys(struct build *b, const struct yamlx_node *map)
{
    struct yamlx_node *few[16], **keys = few;   /* most mappings are small */
    int rc = 0;

    if (map->n < 2)
        return 0;
    if (map->n > sizeof few / sizeof few[0] && (keys = malloc(map->n * sizeof *keys)) == NULL)
        return wp_error_add(b->err, WP_EINTERNAL, b->r->file, "onvoldoende geheugen");
    for (size_t i = 0; i < map->n; i++)
        keys[i] = map->items[2 * i];
    qsort(keys, map->n, sizeof *keys, compare_keys);
    for (size_t i = 1; i < map->n; i++) {
        if (strcmp(keys[i - 1]->str, keys[i]->str) == 0) {
            rc = wp_error_at(b->err, WP_EUSER, b->r->file, keys[i]->line, keys[i]->col,
                             "sleutel '%s' staat er twee keer (eerder op regel %d)",
                             keys[i]->str, keys[i - 1]->line);
        }
    }
    if (keys != few)
        free(keys);
    return rc;
}

static struct yamlx_node *read_value(struct build *b, int depth);

static struct yamlx_node *read_collection(struct build *b, int depth, int is_map)
{
    struct yamlx_reader *r = b->r;
    yaml_event_t *ev = &r->ev;
    struct yamlx_node *n;
    size_t cap = 0, slots = 0;
    yaml_event_type_t end = is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;

    if (depth >= r->lim.max_depth) {
        wp_error_at(b->err, WP_EUSER, r->file, event_line(ev), event_col(ev),
                    "te diep genest (meer dan %d niveaus)", r->lim.max_depth);
        return NULL;
    }
    n = node_new(b, is_map ? YAMLX_MAP : YAMLX_SEQ, ev);
    if (n == NULL) {
        wp_error_add(b->err, WP_EINTERNAL, r->file, "onvoldoende geheugen");
        return NULL;
    }
    drop_event(r);
    for (;;) {
        struct yamlx_node *child;
        if ((ev = peek_event(r, b->err)) == NULL)
            goto fail;
        if (ev->type == end) {
            drop_event(r);
            break;
        }
        if (is_map && slots % 2 == 0 && ev->type != YAML_SCALAR_EVENT) {
            wp_error_at(b->err, WP_EUSER, r->file, event_line(ev), event_col(ev),
                        "een sleutel moet een gewone tekst zijn, geen lijst of mapping");
            goto fail;
        }
        child = read_value(b, depth + 1);
        if (child == NULL)
            goto fail;
        if (add_slot(b, n, slots, child, &cap) != 0) {
            yamlx_node_free(child);
            wp_error_add(b->err, WP_EINTERNAL, r->file, "onvoldoende geheugen");
            goto fail;
        }
        slots++;
        n->n = is_map ? slots / 2 : slots;
    }
    if (is_map && check_duplicate_keys(b, n) != 0)
        goto fail;
    return n;
fail:
    /* A mapping may hold a key without its value yet; free what is there. */
    if (is_map && slots % 2 == 1)
        yamlx_node_free(n->items[slots - 1]);
    yamlx_node_free(n);
    return NULL;
}

static struct yamlx_node *read_value(struct build *b, int depth)
{
    yaml_event_t *ev = peek_event(b->r, b->err);
    struct yamlx_node *n;

    if (ev == NULL || count_node(b, ev) != 0)
        return NULL;
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        n = read_scalar(b, ev);
        drop_event(b->r);
        return n;
    case YAML_SEQUENCE_START_EVENT:
        return read_collection(b, depth, 0);
    case YAML_MAPPING_START_EVENT:
        return read_collection(b, depth, 1);
    default:
        wp_error_at(b->err, WP_EUSER, b->r->file, event_line(ev), event_col(ev),
                    "verwachtte hier een waarde");
        return NULL;
    }
}

/* --- whole documents ---------------------------------------------------- */

static struct yamlx_node *load(struct yamlx_reader *r, wp_error *err)
{
    struct build b = { r, 0, err, IN_TREE, NULL };
    struct yamlx_node *root;

    if (begin_document(r, err) != 0)
        return NULL;
    root = finish_tree(&b, read_value(&b, 0));
    if (root == NULL || yamlx_finish(r, err) != 0) {
        yamlx_node_free(root);
        return NULL;
    }
    return root;
}

struct yamlx_node *yamlx_load_string(const char *name, const char *text, size_t len,
                                     const struct yamlx_limits *lim, wp_error *err)
{
    struct yamlx_reader *r;
    struct yamlx_node *root;

    if (lim == NULL)
        lim = &yamlx_default_limits;
    if (lim->max_file > 0 && len > lim->max_file) {
        wp_error_add(err, WP_EUSER, name, "bestand te groot (%zu bytes, hooguit %zu)", len, lim->max_file);
        return NULL;
    }
    r = yamlx_open_string(name, text, len, lim, err);
    if (r == NULL)
        return NULL;
    root = load(r, err);
    yamlx_close(r);
    return root;
}

struct yamlx_node *yamlx_load_file(const char *path, const struct yamlx_limits *lim, wp_error *err)
{
    off_t size;
    FILE *fp;
    char *text;
    size_t got;
    struct yamlx_node *root;

    if (lim == NULL)
        lim = &yamlx_default_limits;
    if ((fp = open_regular(path, &size, err)) == NULL)
        return NULL;
    if (lim->max_file > 0 && (size_t)size > lim->max_file) {
        fclose(fp);
        wp_error_add(err, WP_EUSER, path, "bestand te groot (%lld bytes, hooguit %zu)",
                     (long long)size, lim->max_file);
        return NULL;
    }
    text = malloc((size_t)size + 1);
    if (text == NULL) {
        fclose(fp);
        wp_error_add(err, WP_EINTERNAL, path, "onvoldoende geheugen");
        return NULL;
    }
    got = fread(text, 1, (size_t)size, fp);
    if (got != (size_t)size && ferror(fp)) {
        wp_error_add(err, WP_EUSER, path, "lezen mislukt: %s", text_read_problem(errno));
        fclose(fp);
        free(text);
        return NULL;
    }
    fclose(fp);
    root = yamlx_load_string(path, text, got, lim, err);
    free(text);
    return root;
}

/* --- streaming ---------------------------------------------------------- */

static int expect_start(struct yamlx_reader *r, yaml_event_type_t type, const char *what,
                        int *line, int *col, wp_error *err)
{
    yaml_event_t *ev;

    if (begin_document(r, err) != 0 || (ev = peek_event(r, err)) == NULL)
        return -1;
    if (ev->type != type)
        return wp_error_at(err, WP_EUSER, r->file, event_line(ev), event_col(ev),
                           "verwachtte hier %s", what);
    if (line != NULL)
        *line = event_line(ev);
    if (col != NULL)
        *col = event_col(ev);
    drop_event(r);
    return 0;
}

int yamlx_map_begin(struct yamlx_reader *r, int *line, int *col, wp_error *err)
{
    return expect_start(r, YAML_MAPPING_START_EVENT, "een mapping (sleutel: waarde)", line, col, err);
}

int yamlx_seq_begin(struct yamlx_reader *r, int *line, int *col, wp_error *err)
{
    return expect_start(r, YAML_SEQUENCE_START_EVENT, "een lijst (regels met '- ')", line, col, err);
}

int yamlx_map_next(struct yamlx_reader *r, const struct yamlx_node **key, wp_error *err)
{
    yaml_event_t *ev = peek_event(r, err);
    struct build b = { r, 0, err, IN_NODES, NULL };

    if (ev == NULL)
        return -1;
    if (ev->type == YAML_MAPPING_END_EVENT) {
        drop_event(r);
        return 0;
    }
    if (ev->type != YAML_SCALAR_EVENT)
        return wp_error_at(err, WP_EUSER, r->file, event_line(ev), event_col(ev),
                           "een sleutel moet een gewone tekst zijn, geen lijst of mapping");
    yamlx_node_free(r->key);
    r->key = read_scalar(&b, ev);
    drop_event(r);
    if (r->key == NULL)
        return -1;
    *key = r->key;
    return 1;
}

int yamlx_seq_next(struct yamlx_reader *r, wp_error *err)
{
    yaml_event_t *ev = peek_event(r, err);

    if (ev == NULL)
        return -1;
    if (ev->type == YAML_SEQUENCE_END_EVENT) {
        drop_event(r);
        return 0;
    }
    return 1;
}

struct yamlx_node *yamlx_read(struct yamlx_reader *r, wp_error *err)
{
    struct build b = { r, 0, err, IN_TREE, NULL };

    return finish_tree(&b, read_value(&b, 0));
}

const struct yamlx_node *yamlx_read_scratch(struct yamlx_reader *r, wp_error *err)
{
    struct build b = { r, 0, err, IN_SCRATCH, NULL };

    arena_reset(&r->scratch);
    return read_value(&b, 0);
}

int yamlx_skip(struct yamlx_reader *r, wp_error *err)
{
    struct yamlx_node *n = yamlx_read(r, err);

    if (n == NULL)
        return -1;
    yamlx_node_free(n);
    return 0;
}

int yamlx_peek(struct yamlx_reader *r, int *line, int *col, wp_error *err)
{
    yaml_event_t *ev;

    if (begin_document(r, err) != 0 || (ev = peek_event(r, err)) == NULL)
        return -1;
    if (line != NULL)
        *line = event_line(ev);
    if (col != NULL)
        *col = event_col(ev);
    switch (ev->type) {
    case YAML_SCALAR_EVENT: return YAMLX_SCALAR;
    case YAML_SEQUENCE_START_EVENT: return YAMLX_SEQ;
    case YAML_MAPPING_START_EVENT: return YAMLX_MAP;
    default: return -1;
    }
}

int yamlx_finish(struct yamlx_reader *r, wp_error *err)
{
    yaml_event_t *ev = peek_event(r, err);

    if (ev == NULL)
        return -1;
    if (ev->type != YAML_DOCUMENT_END_EVENT)
        return wp_error_at(err, WP_EUSER, r->file, event_line(ev), event_col(ev),
                           "verwachtte het einde van het document");
    drop_event(r);
    if ((ev = peek_event(r, err)) == NULL)
        return -1;
    if (ev->type != YAML_STREAM_END_EVENT)
        return wp_error_at(err, WP_EUSER, r->file, event_line(ev), event_col(ev),
                           "meer dan één YAML-document in één bestand ('---'); verwachtte er één");
    drop_event(r);
    return 0;
}

/* --- reading values with messages --------------------------------------- */

int yamlx_fail(const struct yamlx_ctx *c, const struct yamlx_node *node, const char *fmt, ...)
{
    char msg[1536];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (node != NULL)
        return wp_error_at(c->err, WP_EUSER, c->file, node->line, node->col, "%s", msg);
    return wp_error_add(c->err, WP_EUSER, c->file, "%s", msg);
}

const char *yamlx_kind_name(enum yamlx_kind kind)
{
    switch (kind) {
    case YAMLX_SCALAR: return "een enkele waarde";
    case YAMLX_SEQ: return "een lijst";
    case YAMLX_MAP: return "een mapping (sleutel: waarde)";
    }
    return "?";
}

int yamlx_is_null(const struct yamlx_node *n)
{
    if (n == NULL)
        return 1;
    if (n->kind != YAMLX_SCALAR || !n->plain)
        return 0;
    switch (n->str[0]) {   /* most scalars are words: one look decides */
    case '\0': return 1;
    case '~': return n->len == 1;
    case 'n': return strcmp(n->str, "null") == 0;
    case 'N': return strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0;
    default: return 0;
    }
}

const struct yamlx_node *yamlx_get(const struct yamlx_node *map, const char *key)
{
    if (map == NULL || map->kind != YAMLX_MAP)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (strcmp(map->items[2 * i]->str, key) == 0)
            return map->items[2 * i + 1];
    return NULL;
}

int yamlx_check_kind(const struct yamlx_ctx *c, const struct yamlx_node *node,
                     enum yamlx_kind kind, const char *what)
{
    if (node->kind == kind)
        return 0;
    return yamlx_fail(c, node, "%s moet %s zijn, niet %s", what, yamlx_kind_name(kind),
                      yamlx_kind_name(node->kind));
}

int yamlx_check_map(const struct yamlx_ctx *c, const struct yamlx_node *node, const char *what,
                    const char *const *allowed)
{
    int rc = 0;
    char hint[128], choices[1024];

    if (yamlx_check_kind(c, node, YAMLX_MAP, what) != 0)
        return -1;
    for (size_t i = 0; i < node->n; i++) {
        const struct yamlx_node *k = node->items[2 * i];
        if (text_index(k->str, allowed) >= 0)
            continue;
        text_hint(hint, sizeof hint, k->str, allowed);
        if (hint[0] != '\0')
            rc = yamlx_fail(c, k, "onbekend veld '%s' in %s%s", k->str, what, hint);
        else
            rc = yamlx_fail(c, k, "onbekend veld '%s' in %s; bekende velden: %s", k->str, what,
                            text_choices(choices, sizeof choices, allowed));
    }
    return rc;
}

/* Looks up key and reports a missing required or empty value. */
static const struct yamlx_node *lookup(const struct yamlx_ctx *c, const struct yamlx_node *map,
                                       const char *key, int required, int *rc)
{
    const struct yamlx_node *v = yamlx_get(map, key);

    *rc = 0;
    /* A required text that is only quotes ("" or '  ') is as empty as a missing one. */
    if (required && v != NULL && v->kind == YAMLX_SCALAR && !v->plain && v->str[strspn(v->str, " \t\r\n")] == '\0')
        return *rc = yamlx_fail(c, v, "verplicht veld '%s' is leeg", key), NULL;
    if (v == NULL || yamlx_is_null(v)) {
        if (required) {
            if (v == NULL)
                *rc = yamlx_fail(c, map, "verplicht veld '%s' ontbreekt", key);
            else
                *rc = yamlx_fail(c, v, "verplicht veld '%s' is leeg", key);
        }
        return NULL;
    }
    return v;
}

int yamlx_scalar_str(const struct yamlx_ctx *c, const struct yamlx_node *node, const char *what,
                     const char **out)
{
    if (node->kind != YAMLX_SCALAR)
        return yamlx_fail(c, node, "'%s' moet tekst zijn, niet %s", what, yamlx_kind_name(node->kind));
    *out = node->str;
    return 1;
}

int yamlx_get_str(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                  int required, const char **out)
{
    int rc;
    const struct yamlx_node *v = lookup(c, map, key, required, &rc);

    if (v == NULL)
        return rc;
    return yamlx_scalar_str(c, v, key, out);
}

int yamlx_scalar_int(const struct yamlx_ctx *c, const struct yamlx_node *node, const char *what,
                     long long min, long long max, long long *out)
{
    char *end;
    long long v;

    if (node->kind != YAMLX_SCALAR)
        return yamlx_fail(c, node, "'%s' moet een geheel getal zijn, niet %s", what,
                          yamlx_kind_name(node->kind));
    errno = 0;
    v = strtoll(node->str, &end, 10);
    if (node->len == 0 || *end != '\0' || errno == ERANGE)
        return yamlx_fail(c, node, "'%s' moet een geheel getal zijn, niet '%s'", what, node->str);
    if (v < min || v > max)
        return yamlx_fail(c, node, "'%s' moet tussen %lld en %lld liggen, niet %lld", what, min, max, v);
    *out = v;
    return 1;
}

int yamlx_get_int(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                  int required, long long min, long long max, long long *out)
{
    int rc;
    const struct yamlx_node *v = lookup(c, map, key, required, &rc);

    if (v == NULL)
        return rc;
    return yamlx_scalar_int(c, v, key, min, max, out);
}

int yamlx_get_num(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                  int required, double *out)
{
    int rc;
    const struct yamlx_node *v = lookup(c, map, key, required, &rc);
    char *end;
    double d;

    if (v == NULL)
        return rc;
    if (v->kind != YAMLX_SCALAR)
        return yamlx_fail(c, v, "'%s' moet een getal zijn, niet %s", key, yamlx_kind_name(v->kind));
    errno = 0;
    d = strtod(v->str, &end);
    /* Infinity and NaN are not figures, and JSON cannot carry them. */
    if (v->len == 0 || *end != '\0' || errno == ERANGE || !isfinite(d))
        return yamlx_fail(c, v, "'%s' moet een getal zijn (met een punt als decimaalteken), niet '%s'",
                          key, v->str);
    *out = d;
    return 1;
}

int yamlx_get_bool(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                   int required, int *out)
{
    static const char *const options[] = { "false", "true", "nee", "ja", NULL };
    int rc, idx;
    const struct yamlx_node *v = lookup(c, map, key, required, &rc);

    if (v == NULL)
        return rc;
    if (v->kind != YAMLX_SCALAR || (idx = text_index(v->str, options)) < 0)
        return yamlx_fail(c, v, "'%s' moet ja of nee (true of false) zijn", key);
    *out = idx % 2;
    return 1;
}

int yamlx_scalar_enum(const struct yamlx_ctx *c, const struct yamlx_node *node, const char *what,
                      const char *const *options, int *out)
{
    char hint[128], choices[512];
    int idx;

    if (node->kind != YAMLX_SCALAR)
        return yamlx_fail(c, node, "'%s' moet een van %s zijn, niet %s", what,
                          text_choices(choices, sizeof choices, options), yamlx_kind_name(node->kind));
    idx = text_index(node->str, options);
    if (idx < 0)
        return yamlx_fail(c, node, "onbekende %s '%s'%s; kies uit %s", what, node->str,
                          text_hint(hint, sizeof hint, node->str, options),
                          text_choices(choices, sizeof choices, options));
    *out = idx;
    return 1;
}

int yamlx_get_enum(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                   int required, const char *const *options, int *out)
{
    int rc;
    const struct yamlx_node *v = lookup(c, map, key, required, &rc);

    if (v == NULL)
        return rc;
    return yamlx_scalar_enum(c, v, key, options, out);
}

int yamlx_valid_date(const char *s)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int y, m, d, leap;

    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    y = atoi(s);
    m = atoi(s + 5);
    d = atoi(s + 8);
    leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m < 1 || m > 12 || d < 1)
        return 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

int yamlx_get_date(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                   int required, const char **out)
{
    int rc;
    const struct yamlx_node *v = lookup(c, map, key, required, &rc);

    if (v == NULL)
        return rc;
    if (v->kind != YAMLX_SCALAR || !yamlx_valid_date(v->str))
        return yamlx_fail(c, v, "'%s' moet een datum zijn als JJJJ-MM-DD, niet '%s'", key,
                          v->kind == YAMLX_SCALAR ? v->str : yamlx_kind_name(v->kind));
    *out = v->str;
    return 1;
}

int yamlx_get_seq(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                  int required, const struct yamlx_node **out)
{
    int rc;
    const struct yamlx_node *v = lookup(c, map, key, required, &rc);

    if (v == NULL)
        return rc;
    if (yamlx_check_kind(c, v, YAMLX_SEQ, key) != 0)
        return -1;
    *out = v;
    return 1;
}

int yamlx_get_map(const struct yamlx_ctx *c, const struct yamlx_node *map, const char *key,
                  int required, const struct yamlx_node **out)
{
    int rc;
    const struct yamlx_node *v = lookup(c, map, key, required, &rc);

    if (v == NULL)
        return rc;
    if (yamlx_check_kind(c, v, YAMLX_MAP, key) != 0)
        return -1;
    *out = v;
    return 1;
}
