/* plugin_lines.c: a Lua tokenizer that maps card key paths to source lines. */
#include "plugin_lines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64      /* nested tables followed; deeper ones are skipped */
#define MAX_PATH 256      /* bytes in one key path; longer paths are not recorded */

enum tk { TK_NAME, TK_STRING, TK_NUMBER, TK_OP };

struct tok {
    enum tk kind;
    const char *s;        /* NAME, NUMBER, OP: the text; STRING: the contents */
    size_t n;
    int plain;            /* STRING: no escapes, so s..n is the value */
    int line;
};

struct entry {
    char *path;
    int key_line;         /* where the key (or the positional value) stands */
    int table_line;       /* where its table opens, 0 when the value is no constructor */
    int first_line;       /* set after sorting: an earlier spelling of the same key */
    size_t order;
};

struct plugin_lines {
    struct entry *e;
    size_t n, cap;
    size_t *dups;         /* indices of entries with a first_line, in path order */
    size_t n_dups;
    int root_line;        /* the card's "{", or the return statement */
    int close_line;       /* the first <close> attribute */
    int oom;
    int refs;             /* plugins loaded from one source share its lines */
};

struct scan {
    const char *src;
    size_t len, pos;
    int line;
    struct tok *t;
    size_t n, cap;
    struct plugin_lines *out;
};

/* --- lexing ---------------------------------------------------------------- */

static int is_name_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_name_char(int c)
{
    return is_name_start(c) || (c >= '0' && c <= '9');
}

static int push_tok(struct scan *sc, enum tk kind, const char *s, size_t n, int plain, int line)
{
    if (sc->n == sc->cap) {
        size_t cap = sc->cap ? sc->cap * 2 : 256;
        struct tok *t = realloc(sc->t, cap * sizeof *t);
        if (t == NULL)
            return -1;
        sc->t = t;
        sc->cap = cap;
    }
    sc->t[sc->n++] = (struct tok){ kind, s, n, plain, line };
    return 0;
}

/* At '[': the level of a long bracket "[==[" (number of '='), or -1. */
static int long_level(const struct scan *sc, size_t i)
{
    size_t j = i + 1;

    while (j < sc->len && sc->src[j] == '=')
        j++;
    if (j < sc->len && sc->src[j] == '[')
        return (int)(j - i - 1);
    return -1;
}

/* Skips a long bracket body that starts at pos (after the opening bracket);
 * counts lines. Stops at the end of the source when unterminated. */
static void skip_long(struct scan *sc, int level)
{
    while (sc->pos < sc->len) {
        char c = sc->src[sc->pos++];
        if (c == '\n') {
            sc->line++;
        } else if (c == ']') {
            size_t j = sc->pos;
            int eq = 0;
            while (j < sc->len && sc->src[j] == '=') {
                j++;
                eq++;
            }
            if (eq == level && j < sc->len && sc->src[j] == ']') {
                sc->pos = j + 1;
                return;
            }
        }
    }
}

static int lex_short_string(struct scan *sc)
{
    char q = sc->src[sc->pos++];
    size_t start = sc->pos;
    int line = sc->line, plain = 1;

    while (sc->pos < sc->len && sc->src[sc->pos] != q && sc->src[sc->pos] != '\n') {
        if (sc->src[sc->pos] == '\\') {
            plain = 0;
            sc->pos++;
            if (sc->pos < sc->len && sc->src[sc->pos] == 'z') {
                /* \z skips the following white space, newlines included */
                sc->pos++;
                while (sc->pos < sc->len && strchr(" \t\r\n\v\f", sc->src[sc->pos]) != NULL)
                    if (sc->src[sc->pos++] == '\n')
                        sc->line++;
                continue;
            }
            if (sc->pos < sc->len && sc->src[sc->pos] == '\n')
                sc->line++;
        }
        if (sc->pos < sc->len)
            sc->pos++;
    }
    if (push_tok(sc, TK_STRING, sc->src + start, sc->pos - start, plain, line) != 0)
        return -1;
    if (sc->pos < sc->len && sc->src[sc->pos] == q)
        sc->pos++;
    return 0;
}

static int lex_op(struct scan *sc)
{
    static const char *const three[] = { "...", NULL };
    static const char *const two[] = { "..", "==", "~=", "<=", ">=", "//", "::", "<<", ">>", NULL };
    const char *s = sc->src + sc->pos;
    size_t left = sc->len - sc->pos, n = 1;

    for (size_t i = 0; three[i] != NULL; i++)
        if (left >= 3 && memcmp(s, three[i], 3) == 0)
            n = 3;
    for (size_t i = 0; n == 1 && two[i] != NULL; i++)
        if (left >= 2 && memcmp(s, two[i], 2) == 0)
            n = 2;
    sc->pos += n;
    return push_tok(sc, TK_OP, s, n, 1, sc->line);
}

static int lex_one(struct scan *sc)
{
    const char *src = sc->src;
    char c = src[sc->pos];
    size_t start = sc->pos;

    if (c == '\n') {
        sc->line++;
        sc->pos++;
    } else if (strchr(" \t\r\v\f", c) != NULL) {
        sc->pos++;
    } else if (c == '-' && sc->pos + 1 < sc->len && src[sc->pos + 1] == '-') {
        sc->pos += 2;
        if (sc->pos < sc->len && src[sc->pos] == '[' && long_level(sc, sc->pos) >= 0) {
            int level = long_level(sc, sc->pos);
            sc->pos += (size_t)level + 2;
            skip_long(sc, level);
        } else {
            while (sc->pos < sc->len && src[sc->pos] != '\n')
                sc->pos++;
        }
    } else if (c == '"' || c == '\'') {
        return lex_short_string(sc);
    } else if (c == '[' && long_level(sc, sc->pos) >= 0) {
        int level = long_level(sc, sc->pos), line = sc->line;
        sc->pos += (size_t)level + 2;
        skip_long(sc, level);
        return push_tok(sc, TK_STRING, src + start, sc->pos - start, 0, line);
    } else if (is_name_start((unsigned char)c)) {
        while (sc->pos < sc->len && is_name_char((unsigned char)src[sc->pos]))
            sc->pos++;
        return push_tok(sc, TK_NAME, src + start, sc->pos - start, 1, sc->line);
    } else if ((c >= '0' && c <= '9') || (c == '.' && sc->pos + 1 < sc->len && src[sc->pos + 1] >= '0' &&
                                         src[sc->pos + 1] <= '9')) {
        while (sc->pos < sc->len) {
            char d = src[sc->pos];
            if (strchr("eEpP", d) != NULL && sc->pos + 1 < sc->len && strchr("+-", src[sc->pos + 1]) != NULL)
                sc->pos += 2;
            else if (is_name_char((unsigned char)d) || d == '.')
                sc->pos++;
            else
                break;
        }
        return push_tok(sc, TK_NUMBER, src + start, sc->pos - start, 1, sc->line);
    } else {
        return lex_op(sc);
    }
    return 0;
}

/* --- helpers over tokens ------------------------------------------------------ */

static int is_op(const struct scan *sc, size_t i, const char *op)
{
    return i < sc->n && sc->t[i].kind == TK_OP && sc->t[i].n == strlen(op) &&
           memcmp(sc->t[i].s, op, sc->t[i].n) == 0;
}

static int is_word(const struct scan *sc, size_t i, const char *w)
{
    return i < sc->n && sc->t[i].kind == TK_NAME && sc->t[i].n == strlen(w) &&
           memcmp(sc->t[i].s, w, sc->t[i].n) == 0;
}

/* +1 for words that open a block that `end` (or `until`) closes, -1 for
 * those, 0 otherwise. `while` and `for` open with their `do`. */
static int block_delta(const struct scan *sc, size_t i)
{
    if (is_word(sc, i, "function") || is_word(sc, i, "if") || is_word(sc, i, "do") || is_word(sc, i, "repeat"))
        return 1;
    if (is_word(sc, i, "end") || is_word(sc, i, "until"))
        return -1;
    return 0;
}

static int bracket_delta(const struct scan *sc, size_t i)
{
    if (is_op(sc, i, "(") || is_op(sc, i, "[") || is_op(sc, i, "{"))
        return 1;
    if (is_op(sc, i, ")") || is_op(sc, i, "]") || is_op(sc, i, "}"))
        return -1;
    return 0;
}

/* From a `function` token: the index just past its matching `end`. */
static size_t skip_function(const struct scan *sc, size_t i)
{
    int depth = 0;

    for (; i < sc->n; i++) {
        depth += block_delta(sc, i);
        if (depth == 0)
            return i + 1;
    }
    return sc->n;
}

/* From the start of a field value: the index of the ',' ';' or '}' that ends it. */
static size_t skip_value(const struct scan *sc, size_t i)
{
    int depth = 0;

    while (i < sc->n) {
        if (is_word(sc, i, "function")) {
            i = skip_function(sc, i);
            continue;
        }
        if (depth == 0 && (is_op(sc, i, ",") || is_op(sc, i, ";") || bracket_delta(sc, i) < 0))
            return i;
        depth += bracket_delta(sc, i);
        i++;
    }
    return i;
}

/* From an opening '{' (or '(' or '['): the index of its matching close, or sc->n. */
static size_t match_close(const struct scan *sc, size_t i)
{
    int depth = 0;

    while (i < sc->n) {
        if (is_word(sc, i, "function")) {
            i = skip_function(sc, i);
            continue;
        }
        depth += bracket_delta(sc, i);
        if (depth == 0)
            return i;
        i++;
    }
    return sc->n;
}

/* --- recording ------------------------------------------------------------------ */

static void record(struct scan *sc, const char *path, int key_line, int table_line)
{
    struct plugin_lines *l = sc->out;

    if (l->oom)
        return;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        struct entry *e = realloc(l->e, cap * sizeof *e);
        if (e == NULL) {
            l->oom = 1;
            return;
        }
        l->e = e;
        l->cap = cap;
    }
    l->e[l->n].path = strdup(path);
    if (l->e[l->n].path == NULL) {
        l->oom = 1;
        return;
    }
    l->e[l->n].key_line = key_line;
    l->e[l->n].table_line = table_line;
    l->e[l->n].first_line = 0;
    l->e[l->n].order = l->n;
    l->n++;
}

/* Appends ".name" (or "name" at the root) or "[n]" to path; 0 when it fits. */
static int path_push_name(char *path, size_t at, const char *name, size_t n)
{
    const char *dot = at > 0 ? "." : "";

    if (at + strlen(dot) + n + 1 > MAX_PATH)
        return -1;
    memcpy(path + at, dot, strlen(dot));
    memcpy(path + at + strlen(dot), name, n);
    path[at + strlen(dot) + n] = '\0';
    return 0;
}

static int path_push_index(char *path, size_t at, long index)
{
    char buf[32];
    int w = snprintf(buf, sizeof buf, "[%ld]", index);

    if (w < 0 || at + (size_t)w + 1 > MAX_PATH)
        return -1;
    memcpy(path + at, buf, (size_t)w + 1);
    return 0;
}

static size_t parse_table(struct scan *sc, size_t i, char *path, int depth);

/* A field value at i for path: records it, descends into a constructor that
 * is the whole value, and returns the index of the token that ends it. */
static size_t parse_value(struct scan *sc, size_t i, char *path, int key_line, int depth)
{
    if (is_op(sc, i, "{")) {
        size_t end = match_close(sc, i);
        size_t after = end + 1;
        if (is_op(sc, end, "}") && (is_op(sc, after, ",") || is_op(sc, after, ";") || is_op(sc, after, "}"))) {
            record(sc, path, key_line, sc->t[i].line);
            if (depth < MAX_DEPTH)
                parse_table(sc, i, path, depth + 1);
            return after;
        }
    }
    record(sc, path, key_line, 0);
    return skip_value(sc, i);
}

/* The key of a field at i: a name before '=', or ["text"] / [number] before
 * '='. Sets *next to the first value token; returns 1 for a recognised key,
 * 0 for a positional value, -1 for a key this scanner cannot name. */
static int field_key(struct scan *sc, size_t i, char *path, size_t at, long positional, size_t *next)
{
    if (sc->t[i].kind == TK_NAME && is_op(sc, i + 1, "=")) {
        *next = i + 2;
        return path_push_name(path, at, sc->t[i].s, sc->t[i].n) == 0 ? 1 : -1;
    }
    if (is_op(sc, i, "[")) {
        size_t close = match_close(sc, i);
        *next = close + 2;
        if (!is_op(sc, close, "]") || !is_op(sc, close + 1, "="))
            return -1;
        if (close == i + 2 && sc->t[i + 1].kind == TK_STRING && sc->t[i + 1].plain)
            return path_push_name(path, at, sc->t[i + 1].s, sc->t[i + 1].n) == 0 ? 1 : -1;
        if (close == i + 2 && sc->t[i + 1].kind == TK_NUMBER)
            return path_push_index(path, at, strtol(sc->t[i + 1].s, NULL, 10)) == 0 ? 1 : -1;
        return -1;
    }
    *next = i;
    return path_push_index(path, at, positional) == 0 ? 0 : -1;
}

/* Parses the constructor whose '{' is at i; returns the index past its '}'. */
static size_t parse_table(struct scan *sc, size_t i, char *path, int depth)
{
    size_t at = strlen(path);
    long positional = 0;

    i++;
    while (i < sc->n && !is_op(sc, i, "}")) {
        size_t value;
        int key_line = sc->t[i].line;
        int kind = field_key(sc, i, path, at, positional + 1, &value);
        if (kind == 0)
            positional++;
        if (kind < 0)
            i = skip_value(sc, value);
        else
            i = parse_value(sc, value, path, key_line, depth);
        path[at] = '\0';
        if (is_op(sc, i, ",") || is_op(sc, i, ";"))
            i++;
        else if (!is_op(sc, i, "}"))
            return sc->n;  /* malformed: Lua would not have loaded it */
    }
    return i + 1;
}

/* --- finding the card --------------------------------------------------------- */

/* The index of the '{' the chunk returns, or sc->n; sets root_line. */
static size_t find_root(struct scan *sc)
{
    struct named { const char *name; size_t n; size_t brace; } named[64];
    size_t n_named = 0, root = sc->n;
    int block = 0, brackets = 0;

    for (size_t i = 0; i < sc->n; i++) {
        if (block == 0 && brackets == 0) {
            size_t j = is_word(sc, i, "local") ? i + 1 : i;
            int statement = i == 0 || !(is_op(sc, i - 1, ".") || is_op(sc, i - 1, ":"));
            if (statement && j < sc->n && sc->t[j].kind == TK_NAME && !is_word(sc, j, "return")) {
                size_t eq = j + 1;
                if (is_op(sc, eq, "<") && is_op(sc, eq + 2, ">"))
                    eq += 3;  /* local card <const> = { */
                if (is_op(sc, eq, "=") && is_op(sc, eq + 1, "{") && n_named < 64)
                    named[n_named++] = (struct named){ sc->t[j].s, sc->t[j].n, eq + 1 };
            }
            if (is_word(sc, i, "return")) {
                sc->out->root_line = sc->t[i].line;
                root = sc->n;
                if (is_op(sc, i + 1, "{"))
                    root = i + 1;
                else if (i + 1 < sc->n && sc->t[i + 1].kind == TK_NAME)
                    for (size_t k = 0; k < n_named; k++)
                        if (named[k].n == sc->t[i + 1].n && memcmp(named[k].name, sc->t[i + 1].s, named[k].n) == 0)
                            root = named[k].brace;
            }
        }
        block += block_delta(sc, i);
        brackets += bracket_delta(sc, i);
    }
    if (root < sc->n)
        sc->out->root_line = sc->t[root].line;
    return root;
}

/* --- lookups -------------------------------------------------------------------- */

static int by_path(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int c = strcmp(x->path, y->path);

    if (c != 0)
        return c;
    return x->order < y->order ? -1 : (x->order > y->order);
}

/* Sorts by path and keeps the last spelling of each key, remembering the first. */
static void finish(struct plugin_lines *l)
{
    size_t out = 0;

    if (l->n > 0)                 /* qsort(NULL, 0, ...) is undefined */
        qsort(l->e, l->n, sizeof *l->e, by_path);
    for (size_t i = 0; i < l->n; i++) {
        if (out > 0 && strcmp(l->e[out - 1].path, l->e[i].path) == 0) {
            int first = l->e[out - 1].first_line ? l->e[out - 1].first_line : l->e[out - 1].key_line;
            free(l->e[out - 1].path);
            l->e[out - 1] = l->e[i];
            l->e[out - 1].first_line = first;
            continue;
        }
        l->e[out++] = l->e[i];
    }
    l->n = out;
    for (size_t i = 0; i < l->n; i++)
        if (l->e[i].first_line != 0)
            l->n_dups++;
    if (l->n_dups > 0 && (l->dups = malloc(l->n_dups * sizeof *l->dups)) == NULL)
        l->n_dups = 0;  /* out of memory: only the duplicate warnings are lost */
    for (size_t i = 0, k = 0; i < l->n && k < l->n_dups; i++)
        if (l->e[i].first_line != 0)
            l->dups[k++] = i;
}

struct plugin_lines *plugin_lines_scan(const char *src, size_t len)
{
    struct plugin_lines *l = calloc(1, sizeof *l);
    struct scan sc = { src, len, 0, 1, NULL, 0, 0, l };
    char path[MAX_PATH] = "";
    size_t root;

    if (l == NULL)
        return NULL;
    l->refs = 1;
    while (sc.pos < sc.len)
        if (lex_one(&sc) != 0) {
            l->oom = 1;
            break;
        }
    for (size_t i = 0; !l->oom && i + 2 < sc.n && l->close_line == 0; i++)
        if (is_op(&sc, i, "<") && is_word(&sc, i + 1, "close") && is_op(&sc, i + 2, ">"))
            l->close_line = sc.t[i].line;
    if (!l->oom) {
        root = find_root(&sc);
        if (root < sc.n) {
            record(&sc, "", sc.t[root].line, sc.t[root].line);
            parse_table(&sc, root, path, 0);
        }
    }
    free(sc.t);
    if (l->oom) {
        plugin_lines_free(l);
        return NULL;
    }
    finish(l);
    return l;
}

struct plugin_lines *plugin_lines_ref(struct plugin_lines *l)
{
    l->refs++;
    return l;
}

void plugin_lines_free(struct plugin_lines *l)
{
    if (l == NULL || --l->refs > 0)
        return;
    for (size_t i = 0; i < l->n; i++)
        free(l->e[i].path);
    free(l->e);
    free(l->dups);
    free(l);
}

static const struct entry *lookup(const struct plugin_lines *l, const char *path)
{
    struct entry key = { (char *)path, 0, 0, 0, 0 };
    size_t lo = 0, hi = l->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(l->e[mid].path, key.path);
        if (c == 0)
            return &l->e[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Cuts the last component off path ("a.b[2]" -> "a.b" -> "a" -> ""); 0 at the root. */
static int path_parent(char *path)
{
    size_t n = strlen(path);

    if (n == 0)
        return 0;
    while (n > 0 && path[n - 1] != '.' && path[n - 1] != '[')
        n--;
    if (n > 0 && path[n - 1] == '[')
        n--;
    else if (n > 0)
        n--;  /* the '.' */
    path[n] = '\0';
    return 1;
}

static int find_line(const struct plugin_lines *l, const char *path, int want_table)
{
    char buf[MAX_PATH];

    if (l == NULL)
        return 0;
    snprintf(buf, sizeof buf, "%s", path);
    do {
        const struct entry *e = lookup(l, buf);
        /* a computed value: its key is the best place, also for what is inside it */
        if (e != NULL)
            return want_table && e->table_line > 0 ? e->table_line : e->key_line;
    } while (path_parent(buf));
    return l->root_line;
}

int plugin_lines_key(const struct plugin_lines *l, const char *path)
{
    return find_line(l, path, 0);
}

int plugin_lines_table(const struct plugin_lines *l, const char *path)
{
    return find_line(l, path, 1);
}

int plugin_lines_close(const struct plugin_lines *l)
{
    return l != NULL ? l->close_line : 0;
}

int plugin_lines_duplicate(const struct plugin_lines *l, size_t i, const char **path,
                           int *first_line, int *second_line)
{
    const struct entry *e;

    if (l == NULL || i >= l->n_dups)
        return 0;
    e = &l->e[l->dups[i]];
    *path = e->path;
    *first_line = e->first_line;
    *second_line = e->key_line;
    return 1;
}
