/*
 * plugin_card.c: checks the table a werkvorm returns and copies it into a
 * struct plugin_card.
 *
 * Every problem is collected, then reported in line order with file:line:
 * the line of the offending key, or for a missing key the line where its
 * table opens (plugin_lines.c finds them in the source). Reads use raw
 * access only, inside the protected call (Redis PR #11032): the card is the
 * werkvorm's data, and its metatables must not run.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plugin_internal.h"
#include "werkplaats/text.h"

const char *const plugin_invoer_namen[] = { "geen", "bijdrage", "stem", "plaatsing", "besluit", NULL };
const char *const plugin_uitkomsten[] = { "aangenomen", "verworpen", "aangehouden", NULL };
const char *const plugin_gereserveerd[] = { "afspraken", "houdingen", NULL };

static const char *const omgevingen_keuzes[] = { "optioneel", "verplicht", NULL };

#define MAX_PATH 200
/* Sizes no real werkvorm reaches; they keep every check linear and quick,
 * whatever a card computes. */
#define MAX_WORDS 100          /* items in deelnemers, nodig, levert, velden, labels */
#define MAX_STAPPEN 100
#define MAX_VOORBEELD 1000     /* entries in one list of the voorbeeld */
#define MAX_DUPLICATES 20      /* keys written twice that are reported */

enum kind { K_TEXT, K_INT, K_NUMBER, K_TABLE, K_LIST, K_FUNCTION, K_BOOL };

struct field {
    const char *name;
    enum kind kind;
    int required;
    const char *uitleg;        /* for "mist" messages: what the field is */
};

struct cardv {
    lua_State *L;
    struct plugin *p;
    const struct methode *m;
    const struct plugin_context *ctx;
    int lines, texts;          /* stack indices of two Lua lists: the problems found */
    lua_Integer n;
    int oom;                   /* a host allocation failed */
};

/* --- collecting problems ---------------------------------------------------------- */

static void problem(struct cardv *v, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Problems are kept in Lua lists rather than C memory: a memory error that
 * Lua raises halfway (a longjmp past this code) then leaks nothing. */
static void problem(struct cardv *v, int line, const char *fmt, ...)
{
    char text[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    v->n++;
    lua_pushinteger(v->L, line);
    lua_rawseti(v->L, v->lines, v->n);
    lua_pushstring(v->L, text);
    lua_rawseti(v->L, v->texts, v->n);
}

struct found {
    int line;
    lua_Integer order;
    const char *text;
};

static int by_line(const void *a, const void *b)
{
    const struct found *x = a, *y = b;

    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->order < y->order ? -1 : (x->order > y->order);
}

static int key_line(const struct cardv *v, const char *path)
{
    return plugin_lines_key(v->p->lines, path);
}

static int table_line(const struct cardv *v, const char *path)
{
    return plugin_lines_table(v->p->lines, path);
}

/* Key paths as plugin_lines.c spells them; a path cut short only makes the
 * line lookup fall back to an enclosing key. */
static const char *join(char *buf, const char *path, const char *key)
{
    if (snprintf(buf, MAX_PATH, "%s%s%s", path, path[0] ? "." : "", key) >= MAX_PATH)
        buf[MAX_PATH - 1] = '\0';
    return buf;
}

static const char *join_index(char *buf, const char *path, size_t i)
{
    if (snprintf(buf, MAX_PATH, "%s[%zu]", path, i) >= MAX_PATH)
        buf[MAX_PATH - 1] = '\0';
    return buf;
}

/* --- reading values ------------------------------------------------------------------ */

/* Pushes t[key] (raw) and returns its type. */
static int get(struct cardv *v, int t, const char *key)
{
    lua_pushstring(v->L, key);
    return lua_rawget(v->L, t);
}

static int is_integer(lua_State *L, int idx, lua_Integer *out)
{
    int ok = 0;
    lua_Integer n;

    if (lua_type(L, idx) != LUA_TNUMBER)
        return 0;
    n = lua_tointegerx(L, idx, &ok);
    if (ok && out != NULL)
        *out = n;
    return ok;
}

/* The number of items when the table at idx is a sequence 1..n, else -1. */
static long sequence_length(lua_State *L, int idx)
{
    lua_Unsigned len = lua_rawlen(L, idx);
    long n = 0;

    idx = lua_absindex(L, idx);
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
        lua_Integer k;
        lua_pop(L, 1);
        if (!is_integer(L, -1, &k) || !lua_isinteger(L, -1) || k < 1 || (lua_Unsigned)k > len) {
            lua_pop(L, 1);
            return -1;
        }
        n++;
    }
    return (lua_Unsigned)n == len ? n : -1;
}

/* t[key] as a valid, non-empty text, or NULL. The string stays alive in the table. */
static const char *text(struct cardv *v, int t, const char *key)
{
    int top = lua_gettop(v->L);
    const char *s = NULL;
    size_t n;

    if (get(v, t, key) == LUA_TSTRING) {
        s = lua_tolstring(v->L, -1, &n);
        if (n == 0 || !text_utf8_valid(s, n))
            s = NULL;
    }
    lua_settop(v->L, top);
    return s;
}

static int integer(struct cardv *v, int t, const char *key, lua_Integer *out)
{
    int top = lua_gettop(v->L), ok;

    get(v, t, key);
    ok = is_integer(v->L, -1, out);
    lua_settop(v->L, top);
    return ok;
}

/* Pushes t[key] when it is a table and returns its index; else pushes nothing, returns 0. */
static int table(struct cardv *v, int t, const char *key)
{
    if (get(v, t, key) == LUA_TTABLE)
        return lua_gettop(v->L);
    lua_pop(v->L, 1);
    return 0;
}

static char *keep(struct cardv *v, const char *s)
{
    char *d;

    if (s == NULL)
        return NULL;
    if ((d = plugin_strndup(s, strlen(s))) == NULL)
        v->oom = 1;
    return d;
}

/* --- the schema check ------------------------------------------------------------------ */

static const char *kind_name(enum kind k)
{
    static const char *const names[] = { "een tekst", "een geheel getal", "een getal", "een tabel",
                                         "een lijst zoals { \"a\", \"b\" }", "een functie", "true of false" };
    return names[k];
}

static int kind_ok(lua_State *L, int idx, enum kind k)
{
    switch (k) {
    case K_TEXT: return lua_type(L, idx) == LUA_TSTRING;
    case K_INT: return is_integer(L, idx, NULL);
    case K_NUMBER: return lua_type(L, idx) == LUA_TNUMBER;
    case K_TABLE: return lua_type(L, idx) == LUA_TTABLE;
    case K_LIST: return lua_type(L, idx) == LUA_TTABLE && sequence_length(L, idx) >= 0;
    case K_BOOL: return lua_type(L, idx) == LUA_TBOOLEAN;
    default: return lua_type(L, idx) == LUA_TFUNCTION;
    }
}

/* A text must not be empty and must be UTF-8. */
static void check_text_value(struct cardv *v, int idx, const char *path, const char *name, const char *what)
{
    size_t n;
    const char *s = lua_tolstring(v->L, idx, &n);

    if (n == 0)
        problem(v, key_line(v, path), "'%s' van %s is leeg", name, what);
    else if (!text_utf8_valid(s, n))
        problem(v, key_line(v, path), "'%s' van %s is geen geldige UTF-8-tekst (sla het bestand op als UTF-8)",
                name, what);
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Keys of the table at t that fields does not name, in a fixed order. */
static void check_unknown(struct cardv *v, int t, const char *path, const char *what, const struct field *fields)
{
    const char *names[48], *unknown[64];
    size_t n_names = 0, n_unknown = 0;
    char buf[MAX_PATH], hint[160];
    int reported_positional = 0;

    for (; fields[n_names].name != NULL && n_names + 1 < 48; n_names++)
        names[n_names] = fields[n_names].name;
    names[n_names] = NULL;
    lua_pushnil(v->L);
    while (lua_next(v->L, t) != 0) {
        lua_pop(v->L, 1);
        if (lua_type(v->L, -1) == LUA_TSTRING) {
            const char *k = lua_tostring(v->L, -1);
            if (text_index(k, names) < 0 && n_unknown < 64)
                unknown[n_unknown++] = k;
        } else if (!reported_positional) {
            lua_Integer i = 0;
            reported_positional = 1;
            is_integer(v->L, -1, &i);
            problem(v, key_line(v, i > 0 ? join_index(buf, path, (size_t)i) : path),
                    "%s bevat een waarde zonder naam; schrijf naam = waarde", what);
        }
    }
    qsort(unknown, n_unknown, sizeof *unknown, by_string);
    for (size_t i = 0; i < n_unknown; i++)
        problem(v, key_line(v, join(buf, path, unknown[i])), "onbekend veld '%s' in %s%s", unknown[i], what,
                text_hint(hint, sizeof hint, unknown[i], names));
}

/* Unknown keys, missing required fields and fields of the wrong kind. */
static void check_fields(struct cardv *v, int t, const char *path, const char *what, const struct field *fields)
{
    char buf[MAX_PATH];

    check_unknown(v, t, path, what, fields);
    for (const struct field *f = fields; f->name != NULL; f++) {
        int type = get(v, t, f->name);
        if (type == LUA_TNIL) {
            if (f->required)
                problem(v, table_line(v, path), "%s mist '%s' (%s)", what, f->name, f->uitleg);
        } else if (!kind_ok(v->L, -1, f->kind)) {
            problem(v, key_line(v, join(buf, path, f->name)), "'%s' van %s moet %s zijn, niet %s", f->name, what,
                    kind_name(f->kind), f->kind == K_LIST && type == LUA_TTABLE ? "een tabel met namen of gaten"
                                                                                 : plugin_type_name(type));
        } else if (f->kind == K_TEXT) {
            check_text_value(v, lua_gettop(v->L), join(buf, path, f->name), f->name, what);
        }
        lua_pop(v->L, 1);
    }
}

/* --- words -------------------------------------------------------------------------------- */

static int is_word(const char *s, int allow_dash)
{
    size_t n = strlen(s);

    if (n == 0 || n > 64)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || (allow_dash && *s == '-')))
            return 0;
    return 1;
}

static int is_version(const char *s)
{
    int parts = 0;

    for (;;) {
        if (!(*s >= '0' && *s <= '9'))
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
        parts++;
        if (*s == '\0')
            return parts <= 3;
        if (*s++ != '.')
            return 0;
    }
}

/* "'x' is geen ..." plus a hint, or the list of choices when nothing is close. */
static const char *choice_hint(char *buf, size_t size, const char *word, const char *const *choices)
{
    char list[400];

    if (text_suggest(word, choices) != NULL)
        return text_hint(buf, size, word, choices);
    snprintf(buf, size, " (kies uit %s)", text_choices(list, sizeof list, choices));
    return buf;
}

/* Checks the list field key of t: each item a text, distinct, and accepted
 * by check (which reports its own problems); copies it into *dst when dst
 * is given (an absent field gives an empty list). */
static void word_list(struct cardv *v, int t, const char *path, const char *key, const char *what,
                      void (*check)(struct cardv *, const char *, const char *), char ***dst)
{
    int lt = table(v, t, key);
    long n = lt ? sequence_length(v->L, lt) : 0;
    char **out = NULL;
    size_t k = 0;                          /* copied so far: the list never has gaps */
    char buf[MAX_PATH], field[MAX_PATH];

    /* owned by the card at once, so a raised error cannot leak it */
    if (dst != NULL && (*dst = out = plugin_calloc((size_t)(n > 0 ? n : 0) + 1, sizeof *out)) == NULL)
        v->oom = 1;
    join(field, path, key);
    if (n > MAX_WORDS) {
        problem(v, key_line(v, field), "'%s' van %s heeft %ld items; meer dan %d kan niet", key, what, n, MAX_WORDS);
        n = 0;
    }
    for (long i = 1; i <= n; i++) {
        const char *s;
        lua_rawgeti(v->L, lt, i);
        join_index(buf, field, (size_t)i);
        s = lua_type(v->L, -1) == LUA_TSTRING ? lua_tostring(v->L, -1) : NULL;
        if (s == NULL) {
            problem(v, key_line(v, buf), "'%s' van %s mag alleen teksten bevatten; item %ld is %s", key, what, i,
                    plugin_type_name(lua_type(v->L, -1)));
        } else {
            for (long j = 1; j < i; j++) {
                int dup;
                lua_rawgeti(v->L, lt, j);
                dup = lua_type(v->L, -1) == LUA_TSTRING && strcmp(lua_tostring(v->L, -1), s) == 0;
                lua_pop(v->L, 1);
                if (dup) {
                    problem(v, key_line(v, buf), "'%s' van %s noemt '%s' twee keer", key, what, s);
                    break;
                }
            }
            if (check != NULL)
                check(v, buf, s);
            if (out != NULL && !v->oom)
                out[k++] = keep(v, s);
        }
        lua_pop(v->L, 1);
    }
    if (lt)
        lua_pop(v->L, 1);
}

static void check_groep_name(struct cardv *v, const char *path, const char *s)
{
    char hint[500];

    if (v->m != NULL && text_index(s, (const char *const *)v->m->groepen) < 0)
        problem(v, key_line(v, path), "'%s' is geen deelnemersgroep van de methode%s", s,
                choice_hint(hint, sizeof hint, s, (const char *const *)v->m->groepen));
}

static void check_result_key(struct cardv *v, const char *path, const char *s)
{
    if (!is_word(s, 0))
        problem(v, key_line(v, path), "'%s' is geen geldige resultaatnaam: gebruik kleine letters, cijfers en '_' "
                "(zoals \"pijnen\")", s);
}

static void check_veld_name(struct cardv *v, const char *path, const char *s)
{
    if (!is_word(s, 1))
        problem(v, key_line(v, path), "'%s' is geen geldige veldnaam: gebruik kleine letters, cijfers, '_' en '-'",
                s);
}

/* --- the card ------------------------------------------------------------------------------ */

static const struct field card_fields[] = {
    { "id", K_TEXT, 1, "een korte naam in kleine letters, zoals \"empathiekaart\"" },
    { "naam", K_TEXT, 1, "de naam die begeleiders zien" },
    { "versie", K_TEXT, 1, "een versienummer zoals \"1.0.0\"" },
    { "sprint", K_INT, 1, "het nummer van de sprint waarin de werkvorm hoort" },
    { "toelichting", K_TEXT, 1, "waar de werkvorm om draait, in een paar zinnen" },
    { "opbrengst", K_TEXT, 1, "wat de werkvorm oplevert" },
    { "deelnemers", K_LIST, 1, "de groepen die meedoen, zoals { \"bewoners\", \"jongeren\" }" },
    { "groep", K_TABLE, 1, "de groepsgrootte, zoals { min = 4, max = 12 }" },
    { "duur", K_INT, 1, "de totale tijd in minuten" },
    { "schatting", K_TEXT, 0, "" },
    { "nodig", K_LIST, 0, "" },
    { "levert", K_LIST, 1, "de resultaten die de werkvorm oplevert, zoals { \"pijnen\", \"winsten\" }" },
    { "stappen", K_LIST, 1, "de stappen van de werkvorm, op volgorde" },
    { "resultaat", K_FUNCTION, 1, "de functie die van de sessie het resultaat maakt" },
    { "bij_stap", K_FUNCTION, 0, "" },
    { "voorbeeld", K_TABLE, 0, "" },
    { NULL, 0, 0, NULL },
};

static const struct field groep_fields[] = {
    { "min", K_INT, 1, "het kleinste aantal deelnemers" },
    { "max", K_INT, 1, "het grootste aantal deelnemers" },
    { NULL, 0, 0, NULL },
};

static void read_groep(struct cardv *v, int card)
{
    int g = table(v, card, "groep");
    lua_Integer lo, hi;

    if (!g)
        return;
    check_fields(v, g, "groep", "'groep'", groep_fields);
    if (integer(v, g, "min", &lo) && (lo < 1 || lo > 1000))
        problem(v, key_line(v, "groep.min"), "'min' van 'groep' moet tussen 1 en 1000 liggen, niet %lld",
                (long long)lo);
    else if (integer(v, g, "max", &hi) && (hi < 1 || hi > 1000))
        problem(v, key_line(v, "groep.max"), "'max' van 'groep' moet tussen 1 en 1000 liggen, niet %lld",
                (long long)hi);
    else if (integer(v, g, "min", &lo) && integer(v, g, "max", &hi) && lo > hi)
        problem(v, key_line(v, "groep.min"), "'groep': min (%lld) is groter dan max (%lld)", (long long)lo,
                (long long)hi);
    else if (integer(v, g, "min", &lo) && integer(v, g, "max", &hi)) {
        v->p->card.groep_min = (int)lo;
        v->p->card.groep_max = (int)hi;
    }
    lua_pop(v->L, 1);
}

static void read_head(struct cardv *v, int card)
{
    struct plugin_card *c = &v->p->card;
    const char *s;
    lua_Integer n;
    int n_sprints = v->m != NULL ? (int)v->m->n_sprints : 99;

    if ((s = text(v, card, "id")) != NULL && !is_word(s, 1))
        problem(v, key_line(v, "id"), "'id' mag alleen kleine letters, cijfers, '_' en '-' bevatten (zoals "
                "\"empathiekaart\"), niet '%s'", s);
    else
        c->id = keep(v, s);
    if ((s = text(v, card, "versie")) != NULL && !is_version(s))
        problem(v, key_line(v, "versie"), "'versie' moet een versienummer zijn zoals \"1.0.0\", niet '%s'", s);
    c->versie = keep(v, s);
    c->naam = keep(v, text(v, card, "naam"));
    c->toelichting = keep(v, text(v, card, "toelichting"));
    c->opbrengst = keep(v, text(v, card, "opbrengst"));
    c->schatting = keep(v, text(v, card, "schatting"));
    if (integer(v, card, "sprint", &n)) {
        if (n < 1 || n > n_sprints)
            problem(v, key_line(v, "sprint"), "'sprint' moet een sprint van de methode zijn (1 tot en met %d), "
                    "niet %lld", n_sprints, (long long)n);
        else
            c->sprint = (int)n;
    }
    if (integer(v, card, "duur", &n)) {
        if (n < 1 || n > 24 * 60)
            problem(v, key_line(v, "duur"), "'duur' moet tussen 1 en 1440 minuten liggen, niet %lld", (long long)n);
        else
            c->duur = (int)n;
    }
    read_groep(v, card);
    word_list(v, card, "", "deelnemers", "de werkvorm", check_groep_name, &c->deelnemers);
    word_list(v, card, "", "nodig", "de werkvorm", check_result_key, &c->nodig);
    word_list(v, card, "", "levert", "de werkvorm", check_result_key, &c->levert);
    if (get(v, card, "deelnemers") == LUA_TTABLE && lua_rawlen(v->L, -1) == 0)
        problem(v, key_line(v, "deelnemers"), "'deelnemers' van de werkvorm mag niet leeg zijn");
    lua_pop(v->L, 1);
    if (get(v, card, "levert") == LUA_TTABLE && lua_rawlen(v->L, -1) == 0)
        problem(v, key_line(v, "levert"), "'levert' van de werkvorm mag niet leeg zijn: elke werkvorm levert iets op");
    lua_pop(v->L, 1);
    c->heeft_bij_stap = get(v, card, "bij_stap") == LUA_TFUNCTION;
    lua_pop(v->L, 1);
    c->heeft_voorbeeld = get(v, card, "voorbeeld") == LUA_TTABLE;
    lua_pop(v->L, 1);
}

/* --- steps --------------------------------------------------------------------------------- */

static const struct field stap_fields[] = {
    { "id", K_TEXT, 1, "een korte naam in kleine letters, zoals \"kaart\"" },
    { "titel", K_TEXT, 1, "de kop die iedereen ziet" },
    { "instructie", K_TEXT, 1, "wat de begeleider voorleest of uitlegt" },
    { "duur", K_INT, 1, "de tijd in minuten" },
    { "invoer", K_TEXT, 1, "geen, bijdrage, stem, plaatsing of besluit" },
    { "velden", K_LIST, 0, "" },
    { "omgevingen", K_TEXT, 0, "" },
    { "stemmen", K_INT, 0, "" },
    { "op", K_TEXT, 0, "" },
    { "schaal", K_TABLE, 0, "" },
    { "gevoelig", K_BOOL, 0, "" },
    { NULL, 0, 0, NULL },
};

static const struct field schaal_fields[] = {
    { "min", K_INT, 1, "het laagste punt van de schaal, zoals -3" },
    { "max", K_INT, 1, "het hoogste punt van de schaal, zoals 3" },
    { "labels", K_LIST, 0, "" },
    { NULL, 0, 0, NULL },
};

/* Which kinds of step may carry each optional key. */
static int key_allowed(const char *key, enum plugin_invoer kind)
{
    if (strcmp(key, "velden") == 0 || strcmp(key, "omgevingen") == 0 || strcmp(key, "gevoelig") == 0)
        return kind == INVOER_BIJDRAGE;
    if (strcmp(key, "stemmen") == 0)
        return kind == INVOER_STEM;
    if (strcmp(key, "op") == 0)
        return kind == INVOER_STEM || kind == INVOER_PLAATSING;
    if (strcmp(key, "schaal") == 0)
        return kind == INVOER_PLAATSING;
    return 1;
}

static const char *kind_of_key(const char *key)
{
    if (strcmp(key, "stemmen") == 0)
        return "'stem'";
    if (strcmp(key, "op") == 0)
        return "'stem' of 'plaatsing'";
    if (strcmp(key, "schaal") == 0)
        return "'plaatsing'";
    return "'bijdrage'";
}

static void read_schaal(struct cardv *v, int st, struct plugin_stap *s, const char *path, const char *what)
{
    char sp[MAX_PATH], buf[MAX_PATH], w[300];
    int t = table(v, st, "schaal");
    lua_Integer lo, hi;
    long n_labels;

    if (!t) {
        problem(v, table_line(v, path), "%s mist 'schaal' (de schaal, zoals { min = -3, max = 3 })", what);
        return;
    }
    join(sp, path, "schaal");
    snprintf(w, sizeof w, "de schaal van %s", what);
    check_fields(v, t, sp, w, schaal_fields);
    if (integer(v, t, "min", &lo) && integer(v, t, "max", &hi)) {
        if (lo >= hi || hi - lo > 20 || lo < -100 || hi > 100)
            problem(v, key_line(v, sp), "de schaal van %s moet van laag naar hoog lopen met hooguit 21 punten "
                    "tussen -100 en 100 (nu %lld tot %lld)", what, (long long)lo, (long long)hi);
        else {
            s->schaal_min = (int)lo;
            s->schaal_max = (int)hi;
        }
    }
    word_list(v, t, sp, "labels", w, NULL, &s->schaal_labels);
    n_labels = get(v, t, "labels") == LUA_TTABLE ? sequence_length(v->L, -1) : -1;
    lua_pop(v->L, 1);
    if (n_labels >= 0 && s->schaal_max > s->schaal_min && n_labels != s->schaal_max - s->schaal_min + 1)
        problem(v, key_line(v, join(buf, sp, "labels")), "de schaal van %s heeft %d punten maar %ld labels; geef "
                "elk punt een label of laat 'labels' weg", what, s->schaal_max - s->schaal_min + 1, n_labels);
    lua_pop(v->L, 1);
}

/* Keys that belong to another kind of step are an error. */
static void check_kind_keys(struct cardv *v, int st, const struct plugin_stap *s, const char *path,
                            const char *what)
{
    char buf[MAX_PATH];

    for (const struct field *f = stap_fields; f->name != NULL; f++) {
        int present = get(v, st, f->name) != LUA_TNIL;
        lua_pop(v->L, 1);
        if (present && !key_allowed(f->name, s->invoer))
            problem(v, key_line(v, join(buf, path, f->name)), "'%s' hoort alleen bij een stap met invoer %s, en "
                    "%s heeft invoer '%s'", f->name, kind_of_key(f->name), what, plugin_invoer_namen[s->invoer]);
    }
}

static void read_bijdrage(struct cardv *v, int st, struct plugin_stap *s, const char *path, const char *what)
{
    char buf[MAX_PATH];
    const char *omg;

    /* Free text that tells about someone's life: export --anoniem and
     * vergeet remove it (README, "Privacy (AVG)"). */
    s->gevoelig = get(v, st, "gevoelig") == LUA_TBOOLEAN && lua_toboolean(v->L, -1);
    lua_pop(v->L, 1);
    word_list(v, st, path, "velden", what, check_veld_name, &s->velden);
    if (s->velden != NULL && s->velden[0] == NULL) {  /* absent or empty: free text */
        if (get(v, st, "velden") == LUA_TTABLE)
            problem(v, key_line(v, join(buf, path, "velden")), "'velden' van %s mag niet leeg zijn; laat het weg "
                    "voor vrije bijdragen", what);
        lua_pop(v->L, 1);
        free(s->velden);
        s->velden = NULL;
    }
    if ((omg = text(v, st, "omgevingen")) != NULL && (s->omgevingen = text_index(omg, omgevingen_keuzes) + 1) == 0)
        problem(v, key_line(v, join(buf, path, "omgevingen")), "'omgevingen' van %s moet \"optioneel\" of "
                "\"verplicht\" zijn, niet '%s' (laat het weg als de omgevingen niet gevraagd worden)", what, omg);
}

static void read_stem(struct cardv *v, int st, struct plugin_stap *s, const char *path, const char *what)
{
    char buf[MAX_PATH];
    lua_Integer n;

    if (!integer(v, st, "stemmen", &n))
        problem(v, s->line, "%s mist 'stemmen' (het aantal stemmen per deelnemer)", what);
    else if (n < 1 || n > 100)
        problem(v, key_line(v, join(buf, path, "stemmen")), "'stemmen' van %s moet tussen 1 en 100 liggen", what);
    else
        s->stemmen = (int)n;
    if (get(v, st, "op") == LUA_TNIL)
        problem(v, s->line, "%s mist 'op' (de bijdrage-stap waarvan de bijdragen de keuzes zijn)", what);
    lua_pop(v->L, 1);
}

/* Everything about one step that does not depend on the others. */
static void read_stap(struct cardv *v, int st, size_t i, struct plugin_stap *s)
{
    char path[MAX_PATH], what[120], buf[MAX_PATH], hint[300];
    const char *id = text(v, st, "id"), *invoer = text(v, st, "invoer");
    lua_Integer n;
    int kind = -1;

    join_index(path, "stappen", i);
    s->line = table_line(v, path);
    if (id != NULL)
        snprintf(what, sizeof what, "stap '%s'", id);
    else
        snprintf(what, sizeof what, "stap %zu", i);
    check_fields(v, st, path, what, stap_fields);
    if (id != NULL && !is_word(id, 1))
        problem(v, key_line(v, join(buf, path, "id")), "'id' van %s mag alleen kleine letters, cijfers, '_' en '-' "
                "bevatten", what);
    s->id = keep(v, id);
    s->titel = keep(v, text(v, st, "titel"));
    s->instructie = keep(v, text(v, st, "instructie"));
    if (integer(v, st, "duur", &n)) {
        if (n < 1 || n > 600)
            problem(v, key_line(v, join(buf, path, "duur")), "'duur' van %s moet tussen 1 en 600 minuten liggen, "
                    "niet %lld", what, (long long)n);
        else
            s->duur = (int)n;
    }
    if (invoer != NULL && (kind = text_index(invoer, plugin_invoer_namen)) < 0)
        problem(v, key_line(v, join(buf, path, "invoer")), "'invoer' van %s moet geen, bijdrage, stem, plaatsing of "
                "besluit zijn, niet '%s'%s", what, invoer, text_hint(hint, sizeof hint, invoer, plugin_invoer_namen));
    if (kind < 0)
        return;
    s->invoer = (enum plugin_invoer)kind;
    check_kind_keys(v, st, s, path, what);
    if (s->invoer == INVOER_BIJDRAGE)
        read_bijdrage(v, st, s, path, what);
    if (s->invoer == INVOER_STEM)
        read_stem(v, st, s, path, what);
    if (s->invoer == INVOER_PLAATSING)
        read_schaal(v, st, s, path, what);
    if (s->invoer == INVOER_STEM || s->invoer == INVOER_PLAATSING)
        s->op = keep(v, text(v, st, "op"));
}

/* 'op' must name an earlier bijdrage step (or "betrokkenen" for a plaatsing). */
static void check_op(struct cardv *v, size_t i)
{
    const struct plugin_card *c = &v->p->card;
    const struct plugin_stap *s = &c->stappen[i];
    const char *ids[256];
    char path[MAX_PATH], hint[300];
    size_t k = 0;

    if (s->op == NULL || (s->invoer == INVOER_PLAATSING && strcmp(s->op, "betrokkenen") == 0))
        return;
    snprintf(path, sizeof path, "stappen[%zu].op", i + 1);
    for (size_t j = 0; j < c->n_stappen; j++) {
        if (c->stappen[j].id == NULL || strcmp(c->stappen[j].id, s->op) != 0) {
            if (c->stappen[j].id != NULL && k < 255)
                ids[k++] = c->stappen[j].id;
            continue;
        }
        if (j >= i)
            problem(v, key_line(v, path), "'op' van stap '%s' wijst naar stap '%s', maar die komt %s; je kunt "
                    "alleen %s op bijdragen van een eerdere stap", s->id ? s->id : "?", s->op,
                    j == i ? "niet eerder (het is dezelfde stap)" : "pas later",
                    s->invoer == INVOER_STEM ? "stemmen" : "plaatsen");
        else if (c->stappen[j].invoer != INVOER_BIJDRAGE)
            problem(v, key_line(v, path), "'op' van stap '%s' wijst naar stap '%s', maar daar worden geen "
                    "bijdragen verzameld (invoer '%s')", s->id ? s->id : "?", s->op,
                    plugin_invoer_namen[c->stappen[j].invoer]);
        return;
    }
    ids[k] = NULL;
    problem(v, key_line(v, path), "'op' van stap '%s' noemt '%s', maar die stap bestaat niet%s%s", s->id ? s->id : "?",
            s->op, s->invoer == INVOER_PLAATSING ? " (of gebruik \"betrokkenen\")" : "",
            text_hint(hint, sizeof hint, s->op, ids));
}

static void read_stappen(struct cardv *v, int card)
{
    struct plugin_card *c = &v->p->card;
    int t = table(v, card, "stappen");
    long n = t ? sequence_length(v->L, t) : -1;
    int sum = 0, complete = 1;
    char path[MAX_PATH];

    if (n == 0)
        problem(v, key_line(v, "stappen"), "'stappen' van de werkvorm mag niet leeg zijn");
    if (n > MAX_STAPPEN) {
        problem(v, key_line(v, "stappen"), "de werkvorm heeft %ld stappen; meer dan %d kan niet", n, MAX_STAPPEN);
        n = 0;
    }
    if (n <= 0) {
        if (t)
            lua_pop(v->L, 1);
        return;
    }
    if ((c->stappen = plugin_calloc((size_t)n, sizeof *c->stappen)) == NULL) {
        v->oom = 1;
        lua_pop(v->L, 1);
        return;
    }
    c->n_stappen = (size_t)n;
    for (long i = 1; i <= n; i++) {
        struct plugin_stap *s = &c->stappen[i - 1];
        if (lua_rawgeti(v->L, t, i) != LUA_TTABLE) {
            problem(v, key_line(v, join_index(path, "stappen", (size_t)i)), "stap %ld moet een tabel zijn zoals "
                    "{ id = \"intro\", ... }, niet %s", i, plugin_type_name(lua_type(v->L, -1)));
            complete = 0;
        } else {
            read_stap(v, lua_gettop(v->L), (size_t)i, s);
        }
        lua_pop(v->L, 1);
        if (s->duur == 0)
            complete = 0;
        sum += s->duur;
        for (long j = 0; s->id != NULL && j < i - 1; j++)
            if (c->stappen[j].id != NULL && strcmp(c->stappen[j].id, s->id) == 0) {
                snprintf(path, sizeof path, "stappen[%ld].id", i);
                problem(v, key_line(v, path), "stap-id '%s' komt twee keer voor (ook in stap %ld)", s->id, j + 1);
                break;
            }
    }
    lua_pop(v->L, 1);
    for (size_t i = 0; i < c->n_stappen; i++)
        check_op(v, i);
    if (complete && c->duur > 0 && sum != c->duur)
        problem(v, key_line(v, "duur"), "de stappen duren samen %d minuten, maar 'duur' is %d; maak ze gelijk", sum,
                c->duur);
}

/* --- the voorbeeld (checked lightly: the session code runs it for real) ------------------------ */

static const struct field voorbeeld_fields[] = {
    { "resultaten", K_TABLE, 0, "" },
    { "deelnemers", K_LIST, 0, "" },
    { "invoer", K_TABLE, 0, "" },
    { "verwacht", K_TABLE, 0, "" },
    { NULL, 0, 0, NULL },
};

static const struct field deelnemer_fields[] = {
    { "id", K_TEXT, 1, "de naam van de deelnemer in het voorbeeld, zoals \"anna\"" },
    { "groep", K_TEXT, 1, "de deelnemersgroep, zoals \"bewoners\"" },
    { NULL, 0, 0, NULL },
};

static const struct field bijdrage_fields[] = {
    { "id", K_TEXT, 0, "" },
    { "wie", K_TEXT, 0, "" },
    { "veld", K_TEXT, 0, "" },
    { "tekst", K_TEXT, 1, "wat er op het briefje staat" },
    { "omgevingen", K_LIST, 0, "" },
    { "bij", K_TEXT, 0, "" },
    { "gevoelig", K_BOOL, 0, "" },
    { NULL, 0, 0, NULL },
};

static const struct field stem_fields[] = {
    { "wie", K_TEXT, 1, "de deelnemer die stemt" },
    { "op", K_TEXT, 1, "het id van de bijdrage waarop gestemd wordt" },
    { "aantal", K_INT, 0, "" },
    { NULL, 0, 0, NULL },
};

static const struct field plaatsing_fields[] = {
    { "wie", K_TEXT, 1, "de deelnemer die plaatst" },
    { "op", K_TEXT, 1, "wat er geplaatst wordt" },
    { "waarde", K_NUMBER, 1, "het punt op de schaal" },
    { "tekst", K_TEXT, 0, "" },
    { NULL, 0, 0, NULL },
};

static const struct field besluit_fields[] = {
    { "wie", K_TEXT, 0, "" },
    { "tekst", K_TEXT, 1, "het besluit" },
    { "uitkomst", K_TEXT, 1, "aangenomen, verworpen of aangehouden" },
    { "bezwaren", K_LIST, 0, "" },
    { NULL, 0, 0, NULL },
};

static const struct field bezwaar_fields[] = {
    { "wie", K_TEXT, 0, "" },
    { "tekst", K_TEXT, 1, "het bezwaar" },
    { "opgelost", K_TEXT, 0, "" },
    { NULL, 0, 0, NULL },
};

/* Checks a list field of t whose items are tables with fields. Calls each
 * (when given) for every valid item table, which is on top of the stack. */
static void table_list(struct cardv *v, int t, const char *path, const char *key, const char *what_item,
                       const struct field *fields, void (*each)(struct cardv *, int, const char *, const char *, void *),
                       void *data)
{
    int lt = table(v, t, key);
    long n = lt ? sequence_length(v->L, lt) : 0;
    char field[MAX_PATH], item[MAX_PATH], what[200];

    join(field, path, key);
    if (n > MAX_VOORBEELD) {
        problem(v, key_line(v, field), "'%s' van het voorbeeld heeft %ld items; meer dan %d kan niet", key, n,
                MAX_VOORBEELD);
        n = 0;
    }
    for (long i = 1; i <= n; i++) {
        join_index(item, field, (size_t)i);
        snprintf(what, sizeof what, "%s %ld", what_item, i);
        if (lua_rawgeti(v->L, lt, i) != LUA_TTABLE) {
            problem(v, key_line(v, item), "%s moet een tabel zijn, niet %s", what, plugin_type_name(lua_type(v->L, -1)));
        } else {
            check_fields(v, lua_gettop(v->L), item, what, fields);
            if (each != NULL)
                each(v, lua_gettop(v->L), item, what, data);
        }
        lua_pop(v->L, 1);
    }
    if (lt)
        lua_pop(v->L, 1);
}

struct voorbeeld_ctx {
    int deelnemers;                    /* index of voorbeeld.deelnemers, or 0 */
    const struct plugin_stap *stap;
};

static int has_deelnemer(struct cardv *v, int list, const char *id)
{
    lua_Integer n = (lua_Integer)lua_rawlen(v->L, list);  /* a checked, capped sequence */
    int found = 0;

    for (lua_Integer i = 1; i <= n && !found; i++) {
        if (lua_rawgeti(v->L, list, i) == LUA_TTABLE) {
            const char *d = text(v, lua_gettop(v->L), "id");
            found = d != NULL && strcmp(d, id) == 0;
        }
        lua_pop(v->L, 1);
    }
    return found;
}

static void check_wie(struct cardv *v, int item, const char *path, const char *what, struct voorbeeld_ctx *vc)
{
    const char *wie = text(v, item, "wie");
    char buf[MAX_PATH];

    if (wie != NULL && vc->deelnemers && !has_deelnemer(v, vc->deelnemers, wie))
        problem(v, key_line(v, join(buf, path, "wie")), "'wie' van %s noemt '%s', maar die staat niet in de "
                "deelnemers van het voorbeeld", what, wie);
}

static void each_deelnemer(struct cardv *v, int item, const char *path, const char *what, void *data)
{
    const char *g = text(v, item, "groep");
    char buf[MAX_PATH];

    (void)what;
    (void)data;
    if (g != NULL)
        check_groep_name(v, join(buf, path, "groep"), g);
}

static void check_omgeving(struct cardv *v, const char *path, const char *s)
{
    char hint[400];

    if (v->m != NULL && text_index(s, (const char *const *)v->m->omgevingen) < 0)
        problem(v, key_line(v, path), "'%s' is geen omgeving van de methode%s", s,
                choice_hint(hint, sizeof hint, s, (const char *const *)v->m->omgevingen));
}

static void each_invoer(struct cardv *v, int item, const char *path, const char *what, void *data)
{
    struct voorbeeld_ctx *vc = data;
    const struct plugin_stap *s = vc->stap;
    const char *x;
    char buf[MAX_PATH], hint[400];

    check_wie(v, item, path, what, vc);
    if (s->invoer == INVOER_BIJDRAGE) {
        if ((x = text(v, item, "veld")) != NULL && s->velden != NULL &&
            text_index(x, (const char *const *)s->velden) < 0)
            problem(v, key_line(v, join(buf, path, "veld")), "'veld' van %s is '%s', maar stap '%s' kent dat veld "
                    "niet%s", what, x, s->id, choice_hint(hint, sizeof hint, x, (const char *const *)s->velden));
        word_list(v, item, path, "omgevingen", what, check_omgeving, NULL);
    } else if (s->invoer == INVOER_BESLUIT) {
        if ((x = text(v, item, "uitkomst")) != NULL && text_index(x, plugin_uitkomsten) < 0)
            problem(v, key_line(v, join(buf, path, "uitkomst")), "'uitkomst' van %s moet aangenomen, verworpen of "
                    "aangehouden zijn, niet '%s'", what, x);
        table_list(v, item, path, "bezwaren", "bezwaar", bezwaar_fields, NULL, NULL);
    }
}

/* The example input for one step: a list of entries of that step's kind. */
static void voorbeeld_stap(struct cardv *v, int t, const char *id, const char *const *ids, struct voorbeeld_ctx *vc)
{
    static const struct field *const per_kind[] = { NULL, bijdrage_fields, stem_fields, plaatsing_fields,
                                                    besluit_fields };
    const struct plugin_stap *s = plugin_card_stap(&v->p->card, id);
    char path[MAX_PATH], hint[300];
    int is_list;

    join(path, "voorbeeld.invoer", id);
    if (s == NULL) {
        problem(v, key_line(v, path), "'invoer' van het voorbeeld noemt stap '%s', maar die bestaat niet%s", id,
                text_hint(hint, sizeof hint, id, ids));
        return;
    }
    if (s->invoer == INVOER_GEEN) {
        problem(v, key_line(v, path), "'invoer' van het voorbeeld geeft invoer voor stap '%s', maar die stap neemt "
                "geen invoer", id);
        return;
    }
    is_list = get(v, t, id) == LUA_TTABLE && sequence_length(v->L, -1) >= 0;
    lua_pop(v->L, 1);
    if (!is_list) {
        problem(v, key_line(v, path), "'invoer' van het voorbeeld moet voor stap '%s' een lijst zijn", id);
        return;
    }
    vc->stap = s;
    table_list(v, t, "voorbeeld.invoer", id, id, per_kind[s->invoer], each_invoer, vc);
}

static void read_voorbeeld_invoer(struct cardv *v, int t, struct voorbeeld_ctx *vc)
{
    const struct plugin_card *c = &v->p->card;
    const char *ids[256];
    size_t k = 0;

    for (size_t i = 0; i < c->n_stappen && k < 255; i++)
        if (c->stappen[i].id != NULL)
            ids[k++] = c->stappen[i].id;
    ids[k] = NULL;
    /* the step ids in a fixed order, so the messages are too */
    {
        const char *keys[256];
        size_t n_keys = 0;
        int nameless = 0;
        lua_pushnil(v->L);
        while (lua_next(v->L, t) != 0) {
            lua_pop(v->L, 1);
            if (lua_type(v->L, -1) != LUA_TSTRING)
                nameless = 1;
            else if (n_keys < 256)
                keys[n_keys++] = lua_tostring(v->L, -1);
        }
        if (nameless)
            problem(v, key_line(v, "voorbeeld.invoer"), "'invoer' van het voorbeeld moet per stap-id een lijst "
                    "hebben, zoals kaart = { ... }");
        qsort(keys, n_keys, sizeof *keys, by_string);
        for (size_t i = 0; i < n_keys; i++)
            voorbeeld_stap(v, t, keys[i], ids, vc);
    }
}

static void read_voorbeeld(struct cardv *v, int card)
{
    int t = table(v, card, "voorbeeld"), inv;
    struct voorbeeld_ctx vc = { 0, NULL };

    if (!t)
        return;
    check_fields(v, t, "voorbeeld", "het voorbeeld", voorbeeld_fields);
    table_list(v, t, "voorbeeld", "deelnemers", "deelnemer", deelnemer_fields, each_deelnemer, NULL);
    if ((vc.deelnemers = table(v, t, "deelnemers")) != 0 &&
        (sequence_length(v->L, vc.deelnemers) < 0 || lua_rawlen(v->L, vc.deelnemers) > MAX_VOORBEELD)) {
        lua_pop(v->L, 1);
        vc.deelnemers = 0;
    }
    if ((inv = table(v, t, "invoer")) != 0) {
        read_voorbeeld_invoer(v, inv, &vc);
        lua_pop(v->L, 1);
    }
    if (vc.deelnemers)
        lua_pop(v->L, 1);
    {
        int r = table(v, t, "resultaten");
        if (r) {
            lua_pushnil(v->L);
            while (lua_next(v->L, r) != 0) {
                lua_pop(v->L, 1);
                if (lua_type(v->L, -1) != LUA_TSTRING) {
                    problem(v, key_line(v, "voorbeeld.resultaten"), "'resultaten' van het voorbeeld moet per "
                            "resultaatnaam een waarde hebben, zoals hoofdvraag = \"...\"");
                    lua_pop(v->L, 1);
                    break;
                }
            }
            lua_pop(v->L, 1);
        }
    }
    lua_pop(v->L, 1);
}

/* --- nodig: what earlier sprints deliver ------------------------------------------------------ */

/* The earliest sprint that delivers key (methode or another werkvorm), or 0;
 * *earlier is set when one before sprint `before` does, or another werkvorm
 * of sprint `before` itself (werkvormen within a sprint may build on one
 * another: the klantreis's wijkwensen feed the consent decision). A key the
 * werkvorm delivers itself (own) is never its own input. */
static int first_delivery(const char *key, const struct methode *m, const struct plugin_levering *lev, size_t n,
                          int before, char *const *own, int *earlier)
{
    int mine = own != NULL && text_index(key, (const char *const *)own) >= 0;

    int first = 0;

    *earlier = 0;
    for (size_t i = 0; m != NULL && i < m->n_sprints; i++)
        if (text_index(key, (const char *const *)m->sprints[i].levert) >= 0) {
            *earlier |= m->sprints[i].nr < before;
            if (first == 0 || m->sprints[i].nr < first)
                first = m->sprints[i].nr;
        }
    for (size_t i = 0; i < n; i++)
        if (strcmp(lev[i].sleutel, key) == 0) {
            *earlier |= lev[i].sprint < before || (lev[i].sprint == before && !mine);
            if (first == 0 || lev[i].sprint < first)
                first = lev[i].sprint;
        }
    return first;
}

/* Every key a sprint before `before` delivers, for "bedoelde je" hints; NULL when memory runs out. */
static const char **known_keys(const struct methode *m, const struct plugin_levering *lev, size_t n, int before)
{
    size_t cap = n + 1, k = 0;
    const char **keys;

    for (size_t i = 0; m != NULL && i < m->n_sprints; i++)
        cap += m->sprints[i].n_levert;
    if ((keys = plugin_calloc(cap, sizeof *keys)) == NULL)
        return NULL;
    for (size_t i = 0; m != NULL && i < m->n_sprints; i++)
        for (size_t j = 0; m->sprints[i].nr < before && j < m->sprints[i].n_levert; j++)
            keys[k++] = m->sprints[i].levert[j];
    for (size_t i = 0; i < n; i++)
        if (lev[i].sprint < before)
            keys[k++] = lev[i].sleutel;
    keys[k] = NULL;
    return keys;
}

/* Calls report(line, message) for every nodig key no earlier sprint delivers.
 * Returns -1 when memory ran out. */
static int each_nodig_problem(const struct plugin *p, const struct methode *m, const struct plugin_levering *lev,
                              size_t n, void (*report)(void *, int, const char *), void *data)
{
    const struct plugin_card *c = &p->card;
    const char **keys = known_keys(m, lev, n, c->sprint);
    char path[48], hint[160], msg[600];

    if (keys == NULL)
        return -1;
    for (size_t i = 0; c->nodig != NULL && c->nodig[i] != NULL; i++) {
        int earlier, first = first_delivery(c->nodig[i], m, lev, n, c->sprint, c->levert, &earlier);
        if (earlier)
            continue;
        snprintf(path, sizeof path, "nodig[%zu]", i + 1);
        if (first > 0)
            snprintf(msg, sizeof msg, "'nodig' noemt '%s', maar dat levert pas sprint %d; een werkvorm van sprint %d "
                     "kan alleen lezen wat eerdere sprints (of andere werkvormen van zijn eigen sprint) opleveren",
                     c->nodig[i], first, c->sprint);
        else
            snprintf(msg, sizeof msg, "'nodig' noemt '%s', maar geen eerdere sprint levert dat%s", c->nodig[i],
                     text_hint(hint, sizeof hint, c->nodig[i], keys));
        report(data, plugin_lines_key(p->lines, path), msg);
    }
    free(keys);
    return 0;
}

struct nodig_to_err {
    const struct plugin *p;
    wp_error *err;
    int rc;
};

static void nodig_to_err(void *data, int line, const char *msg)
{
    struct nodig_to_err *x = data;

    x->rc = wp_error_at(x->err, WP_EUSER, x->p->path, line, 0, "%s", msg);
}

int plugin_check_nodig(const struct plugin *p, const struct methode *m,
                       const struct plugin_levering *leveringen, size_t n, wp_error *err)
{
    struct nodig_to_err x = { p, err, 0 };

    if (each_nodig_problem(p, m, leveringen, n, nodig_to_err, &x) != 0)
        return wp_error_add(err, WP_EINTERNAL, p->path, "onvoldoende geheugen");
    return x.rc;
}

static void nodig_to_problem(void *data, int line, const char *msg)
{
    problem(data, line, "%s", msg);
}

static void check_nodig(struct cardv *v)
{
    const struct plugin_context *ctx = v->ctx;

    if (ctx->nodig_later || v->p->card.sprint == 0)
        return;
    if (each_nodig_problem(v->p, ctx->methode, ctx->leveringen, ctx->n_leveringen, nodig_to_problem, v) != 0)
        v->oom = 1;
}

/* --- keys written twice ------------------------------------------------------------------------ */

static void check_duplicates(struct cardv *v)
{
    const char *path, *other;
    int first, second, l1, l2;

    for (size_t i = 0; i < MAX_DUPLICATES && plugin_lines_duplicate(v->p->lines, i, &path, &first, &second); i++) {
        int inside = 0;
        /* report the outermost key only: a table written twice repeats its keys too */
        for (size_t j = 0; j < MAX_DUPLICATES && plugin_lines_duplicate(v->p->lines, j, &other, &l1, &l2) && !inside;
             j++) {
            size_t n = strlen(other);
            inside = n < strlen(path) && strncmp(path, other, n) == 0 && (path[n] == '.' || path[n] == '[');
        }
        if (!inside)
            problem(v, second, "'%s' staat twee keer in de werkvorm (ook op regel %d); Lua bewaart alleen de laatste",
                    path, first);
    }
}

/* --- entry points -------------------------------------------------------------------------------- */

static void free_list(char **list)
{
    for (size_t i = 0; list != NULL && list[i] != NULL; i++)
        free(list[i]);
    free(list);
}

void plugin_card_clear(struct plugin_card *c)
{
    for (size_t i = 0; i < c->n_stappen; i++) {
        struct plugin_stap *s = &c->stappen[i];
        free(s->id);
        free(s->titel);
        free(s->instructie);
        free_list(s->velden);
        free(s->op);
        free_list(s->schaal_labels);
    }
    free(c->stappen);
    free(c->bestand);
    free(c->id);
    free(c->naam);
    free(c->versie);
    free(c->toelichting);
    free(c->opbrengst);
    free_list(c->deelnemers);
    free(c->schatting);
    free_list(c->nodig);
    free_list(c->levert);
    memset(c, 0, sizeof *c);
}

/* Reports the collected problems in line order; returns -1 if there were any. */
static int flush_problems(struct cardv *v, wp_error *err)
{
    struct found *f = v->n > 0 ? plugin_calloc((size_t)v->n, sizeof *f) : NULL;
    int rc = v->n > 0 || v->oom ? -1 : 0;

    if (v->n > 0 && f == NULL)
        v->oom = 1;
    for (lua_Integer i = 0; f != NULL && i < v->n; i++) {
        lua_rawgeti(v->L, v->lines, i + 1);
        f[i].line = (int)lua_tointeger(v->L, -1);
        lua_pop(v->L, 1);
        lua_rawgeti(v->L, v->texts, i + 1);
        f[i].text = lua_tostring(v->L, -1);  /* stays alive in the list */
        lua_pop(v->L, 1);
        f[i].order = i;
    }
    if (f != NULL) {
        qsort(f, (size_t)v->n, sizeof *f, by_line);
        for (lua_Integer i = 0; i < v->n; i++)
            wp_error_at(err, WP_EUSER, v->p->path, f[i].line, 0, "%s", f[i].text);
    }
    free(f);
    if (v->oom)
        wp_error_add(err, WP_EINTERNAL, v->p->path, "onvoldoende geheugen bij het controleren van de werkvorm");
    return rc;
}

int plugin_card_read(lua_State *L, int idx, struct plugin *p, const struct plugin_context *ctx, wp_error *err)
{
    struct cardv v = { L, p, ctx->methode, ctx, 0, 0, 0, 0 };
    int card = lua_absindex(L, idx);

    luaL_checkstack(L, 40, "kaart");
    lua_newtable(L);
    v.lines = lua_gettop(L);
    lua_newtable(L);
    v.texts = lua_gettop(L);
    plugin_card_clear(&p->card);
    if ((p->card.bestand = plugin_strndup(p->path, strlen(p->path))) == NULL)
        v.oom = 1;
    check_fields(&v, card, "", "de werkvorm", card_fields);
    read_head(&v, card);
    read_stappen(&v, card);
    read_voorbeeld(&v, card);
    check_nodig(&v);
    check_duplicates(&v);
    return flush_problems(&v, err);
}
